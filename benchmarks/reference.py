"""Direct reference models: CP-SAT written plainly for one workbook shape alone.

They answer "what would a competent modeller get from CP-SAT on this shape in the same
time?", so the toolkit's general model and staged search can be held against them. They
read the validated :class:`~matching.problem.Problem` (its eligibility facts) and
ignore what the shape does not use (turnarounds, limits, preferences, soft terms).

``teaching_reference``
    Time-indexed: one boolean per (lecture, room, start), at most one per room and
    slot, per cohort and slot, per teacher and slot; series in order. Feasibility only.
``meeting_reference``
    Two stages on intervals: a plan with every required attendee, then as many
    preferred seats as possible, hinted with the first plan.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from matching.problem import Problem


@dataclass
class ReferenceResult:
    """What a reference model reached: first-plan time, status and preferred seats lost
    (``None`` without a plan)."""

    first_plan: float | None
    status: str
    seats_lost: int | None


class _FirstPlan(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float) -> None:
        super().__init__()
        self.started, self.first = started, None

    def on_solution_callback(self) -> None:
        if self.first is None:
            self.first = time.monotonic() - self.started


def _solver(seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.1)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def teaching_reference(problem: Problem, seconds: float, workers: int = 2, seed: int = 0
                       ) -> ReferenceResult:
    started = time.monotonic()
    facts, model = problem.facts, cp_model.CpModel()
    room_slot, cohort_slot, person_slot = (defaultdict(list) for _ in range(3))
    start_of, chosen = {}, {}
    for activity in problem.activities:
        aid = activity.activity_id
        d = problem.duration_slots(activity)
        teachers = [vs[0] for r in problem.roles_of[aid]
                    if r.min and len(vs := facts.eligible_volunteers(aid, r.role)) == 1]
        free = None
        for vid in teachers:
            ok = set(facts.volunteer_starts(aid, vid).tolist())
            free = ok if free is None else free & ok
        lits, weighted = [], []
        for rid, starts in facts.room_starts(aid).items():
            for s in starts.tolist():
                if free is not None and s not in free:
                    continue
                x = model.new_bool_var(f"x[{aid},{rid},{s}]")
                lits.append(x)
                weighted.append(s * x)
                for t in range(s, s + d):
                    room_slot[rid, t].append(x)
                    for tag in activity.cohort:
                        cohort_slot[tag, t].append(x)
                    for vid in teachers:
                        person_slot[vid, t].append(x)
        if activity.priority == "must":
            model.add_exactly_one(lits)
        else:
            model.add_at_most_one(lits)
        chosen[aid] = sum(lits)
        start_of[aid] = (sum(weighted), d)
    for group in (room_slot, cohort_slot, person_slot):
        for lits in group.values():
            if len(lits) > 1:
                model.add_at_most_one(lits)
    for ids in problem.series.values():
        for first, later in itertools.pairwise(ids):
            (a, d), (b, _) = start_of[first], start_of[later]
            model.add(b >= a + d)  # the shape's lectures are all ``must``
    monitor = _FirstPlan(started)
    solver = _solver(seconds - (time.monotonic() - started), workers, seed)
    status = solver.solve(model, monitor)
    return ReferenceResult(monitor.first, solver.status_name(status), None)


def meeting_reference(problem: Problem, seconds: float, workers: int = 2, seed: int = 0
                      ) -> ReferenceResult:
    started = time.monotonic()
    facts, model = problem.facts, cp_model.CpModel()
    per_room, per_person = defaultdict(list), defaultdict(list)
    preferred = []
    for activity in problem.activities:
        aid = activity.activity_id
        d = problem.duration_slots(activity)
        starts = facts.allowed_starts(aid)
        start = model.new_int_var_from_domain(
            cp_model.Domain.from_values(starts.tolist()), f"start[{aid}]")
        room_lits = []
        for rid, room_starts in facts.room_starts(aid).items():
            lit = model.new_bool_var(f"room[{aid},{rid}]")
            if len(room_starts) != len(starts):
                model.add_linear_expression_in_domain(
                    start, cp_model.Domain.from_values(room_starts.tolist())).only_enforce_if(lit)
            per_room[rid].append(model.new_optional_fixed_size_interval_var(start, d, lit, ""))
            room_lits.append(lit)
        model.add_exactly_one(room_lits)
        always = model.new_fixed_size_interval_var(start, d, f"run[{aid}]")
        for role in problem.roles_of[aid]:
            for vid in facts.eligible_volunteers(aid, role.role):
                if role.min:
                    per_person[vid].append(always)
                else:
                    seat = model.new_bool_var(f"seat[{aid},{vid}]")
                    per_person[vid].append(
                        model.new_optional_fixed_size_interval_var(start, d, seat, ""))
                    preferred.append(seat)
    for group in (per_room, per_person):
        for intervals in group.values():
            if len(intervals) > 1:
                model.add_no_overlap(intervals)
    wanted = sum(r.target for r in problem.roles if not r.min)
    monitor = _FirstPlan(started)
    solver = _solver((seconds - (time.monotonic() - started)) / 3, workers, seed)
    status = solver.solve(model, monitor)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ReferenceResult(monitor.first, solver.status_name(status), None)
    for index in range(len(model.proto.variables)):
        model.add_hint(model.get_int_var_from_proto_index(index), solver.value(
            model.get_int_var_from_proto_index(index)))
    model.maximize(sum(preferred))
    solver = _solver(seconds - (time.monotonic() - started), workers, seed)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ReferenceResult(monitor.first, "FEASIBLE", wanted)
    return ReferenceResult(monitor.first, solver.status_name(status),
                           wanted - round(solver.objective_value))
