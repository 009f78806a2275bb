"""Solving in stages: schedule first, then staffing, then the soft terms.

One weighted model of everything can stall before its first plan on a large workbook;
solving tier by tier, each stage hinted with the previous stage's plan and holding its
result, gives a plan within seconds that only gets better.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model, cp_model_helper

from .. import __version__, explain
from ..greedy import greedy_plan
from ..plan import Assignment, Plan, Staffing
from ..problem import Problem
from .conflicts import minimal_conflict
from .model import PlanModel
from .objective import Objective
from .settings import Progress, SolverSettings

ProgressCallback = Callable[[Progress], None]
StopSignal = threading.Event | Callable[[], bool]
STAGES = ((1, "schedule"), (2, "staffing"), (3, "soft"))
_THROTTLE_SECONDS = 0.25


class _Monitor(cp_model.CpSolverSolutionCallback):
    """Counts solutions, reports throttled progress and notes the last improvement."""

    def __init__(self, stage: str, started: float, on_progress: ProgressCallback | None
                 ) -> None:
        super().__init__()
        self.stage, self.started, self.on_progress = stage, started, on_progress
        self.solutions = 0
        self.last_improvement = time.monotonic()
        self._last_report = 0.0

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self.last_improvement = time.monotonic()
        if self.on_progress and self.last_improvement - self._last_report >= _THROTTLE_SECONDS:
            self._last_report = self.last_improvement
            self.on_progress(self.progress(self.objective_value, self.best_objective_bound))

    def progress(self, objective: float, bound: float) -> Progress:
        gap = abs(objective - bound) / max(1.0, abs(objective))
        return Progress(self.stage, objective, bound, gap, time.monotonic() - self.started,
                        self.solutions)


def _watch(solver: cp_model.CpSolver, monitor: _Monitor, should_stop: Callable[[], bool],
           patience: float | None, done: threading.Event, stopped: list[bool]) -> None:
    """Stop the search when asked to, or when it has not improved for ``patience`` s."""
    while not done.wait(0.05):
        if should_stop():
            stopped[0] = True
            solver.stop_search()
            return
        if patience and monitor.solutions and (
            time.monotonic() - monitor.last_improvement > patience
        ):
            solver.stop_search()
            return


@dataclass
class _StageResult:
    status: str
    value: int
    bound: float


def solve(problem: Problem, settings: SolverSettings | None = None, *,
          on_progress: ProgressCallback | None = None, stop: StopSignal | None = None,
          hint: Plan | None = None, baseline: Plan | None = None) -> Plan:
    """Plan ``problem``: a start, a room and volunteers for every activity that fits.

    Parameters
    ----------
    problem
        A validated problem (see :func:`matching.load_problem`).
    settings
        Limits, workers, seed, weight overrides and pins.
    on_progress
        Called from the solver's thread with a :class:`Progress`, at most 4 times a
        second and at the end of each stage.
    stop
        An event (or a function returning True) that ends the search from another
        thread; the best plan found so far is returned.
    hint
        A previous plan to start the search from.
    baseline
        A plan to stay close to: switches on the ``stability_*`` terms (and serves as
        the hint when ``hint`` is not given).

    Returns
    -------
    Plan
        ``status`` is OPTIMAL, FEASIBLE, INFEASIBLE (then ``conflicts`` names the rules
        that cannot all hold) or UNKNOWN (no plan found in time).
    """
    settings = settings or SolverSettings()
    started = time.monotonic()
    should_stop = stop.is_set if isinstance(stop, threading.Event) else (stop or (lambda: False))
    conflicts = explain.static_conflicts(problem, settings.pins)
    if conflicts:
        return _empty_plan(problem, settings, "INFEASIBLE", started, conflicts)

    pm = PlanModel(problem, settings.pins)
    objective = Objective(pm, problem.weights(settings.weights), baseline)
    core_model = pm.model.clone()
    for lit in pm.assumption_literals():
        pm.model.add(lit == 1)
    plan_values = _start_from(pm, objective,
                              [p for p in (hint, baseline) if p] + [greedy_plan(problem)],
                              settings, deadline=_start_deadline(settings, started))
    if plan_values and on_progress:
        first = float(plan_values["tiers"][0])
        on_progress(Progress("start", first, None, None, time.monotonic() - started, 1))

    solver = cp_model.CpSolver()
    _tune(solver.parameters, settings)
    if settings.log:
        solver.parameters.log_search_progress = True
        solver.parameters.log_to_stdout = False
        solver.log_callback = settings.log

    results: dict[int, _StageResult] = {}
    found = 1 if plan_values else 0  # solutions, the starting plan included
    user_stopped = [False]
    for number, name in STAGES:
        expression = objective.tier(number)
        remaining = settings.time_limit - (time.monotonic() - started)
        if remaining <= 0 or user_stopped[0]:
            break
        share = remaining if number == 3 else remaining / (4 - number)
        solver.parameters.max_time_in_seconds = max(share, 0.05)
        pm.model.minimize(expression)
        monitor = _Monitor(name, started, on_progress)
        done = threading.Event()
        watcher = threading.Thread(target=_watch, args=(
            solver, monitor, should_stop, settings.no_improvement_seconds, done, user_stopped),
            daemon=True)
        watcher.start()
        try:
            status = solver.solve(pm.model, monitor)
        finally:
            done.set()
            watcher.join()
        found += monitor.solutions
        if status == cp_model.INFEASIBLE and number == 1:
            conflicts = minimal_conflict(core_model, pm.assumptions, settings)
            return _empty_plan(problem, settings, "INFEASIBLE", started, conflicts)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            value = round(solver.objective_value)
            results[number] = _StageResult(solver.status_name(status), value,
                                           solver.best_objective_bound)
            if on_progress:
                on_progress(monitor.progress(solver.objective_value,
                                             solver.best_objective_bound))
            plan_values = _read_values(pm, solver, objective)
            _hint_current(pm, solver)
        elif plan_values is not None and not user_stopped[0]:
            # out of time before improving on the plan in hand: hold its value, go on
            value = plan_values["tiers"][number - 1]
            results[number] = _StageResult("NOT_IMPROVED", value, float("nan"))
        else:
            break
        pm.model.add(expression <= value)

    if plan_values is None:
        status_name = "UNKNOWN"
        return _empty_plan(problem, settings, status_name, started,
                           ("no plan was found within the time limit",))
    complete = len(results) == len(STAGES) and all(r.status == "OPTIMAL"
                                                   for r in results.values())
    plan = _to_plan(problem, plan_values, settings, started,
                    "OPTIMAL" if complete else "FEASIBLE", results, user_stopped[0], found)
    return explain.annotate(problem, plan)


def _tune(parameters: cp_model_helper.SatParameters, settings: SolverSettings) -> None:
    """Workers, seed, and the search strategies that prove these models' bounds on a
    small machine: the soft tier's bound comes from the LP relaxation, which CP-SAT's
    default two-worker portfolio barely runs."""
    parameters.num_workers = max(1, settings.workers)
    parameters.random_seed = settings.seed
    parameters.max_presolve_iterations = 1  # every stage presolves again: keep it short
    if settings.workers == 1:
        parameters.linearization_level = 2
    elif settings.workers == 2:
        parameters.subsolvers.extend(["max_lp", "quick_restart"])


def _read_values(pm: PlanModel, solver: cp_model.CpSolver, objective: Objective) -> dict:
    """The decisions of the current solution, and its value in every tier."""
    acts = {}
    for aid, av in pm.acts.items():
        if not solver.boolean_value(av.scheduled):
            continue
        room = next(r for r, lit in av.rooms.items() if solver.boolean_value(lit))
        seats = [(role, vid) for (role, vid), lit in av.seats.items()
                 if solver.boolean_value(lit)]
        acts[aid] = (solver.value(av.start), room, seats)
    tiers = tuple(int(solver.value(objective.tier(n))) for n, _ in STAGES)
    return {"acts": acts, "tiers": tiers}


def _start_deadline(settings: SolverSettings, started: float) -> float:
    """Half of the time left, but at least a second even past a short limit: a first
    plan slightly late is worth more than none."""
    left = settings.time_limit - (time.monotonic() - started)
    return time.monotonic() + max(1.0, left / 2)


def _start_from(pm: PlanModel, objective: Objective, plans: list[Plan],
                settings: SolverSettings, deadline: float) -> dict | None:
    """Hint the search with the first of ``plans`` that completes to a feasible solution,
    and return that solution's values (the plan to fall back on), or None.

    On large workbooks CP-SAT may presolve and search a long time before its first
    feasible plan even with a good partial hint; solving with the hinted decisions fixed
    completes the hint (auxiliary variables included) in about a second, and a complete
    feasible hint is taken as the first solution. The greedy first-fit plan comes last,
    so there is a plan within seconds whenever first fit finds one.
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = settings.seed
    solver.parameters.fix_variables_to_their_hinted_value = True
    for plan in plans:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        solver.parameters.max_time_in_seconds = remaining
        pm.model.clear_hints()
        _add_plan_hint(pm, plan)
        if solver.solve(pm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            _hint_current(pm, solver)
            return _read_values(pm, solver, objective)
    pm.model.clear_hints()
    _add_plan_hint(pm, plans[0])
    return None


def _hint_current(pm: PlanModel, solver: cp_model.CpSolver) -> None:
    """Hint every variable with its value in the current solution."""
    model = pm.model
    model.clear_hints()
    for index in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(index)
        model.add_hint(var, solver.value(var))


def _add_plan_hint(pm: PlanModel, plan: Plan) -> None:
    """Hint the decisions of a previous plan (for activities that still exist)."""
    grid = pm.problem.grid
    for aid, av in pm.acts.items():
        placed = plan.assignment_of.get(aid)
        on = placed is not None and placed.start is not None
        pm.model.add_hint(av.scheduled, on)
        if not on:
            continue
        assert placed is not None and placed.start is not None
        pm.model.add_hint(av.start, grid.slot_at_or_after(placed.start))
        for rid, lit in av.rooms.items():
            pm.model.add_hint(lit, rid == placed.room_id)
        staffed = {(s.role, s.volunteer_id) for s in plan.staff_of.get(aid, ())}
        for key, lit in av.seats.items():
            pm.model.add_hint(lit, key in staffed)
        for vid, lit in av.attends.items():
            pm.model.add_hint(lit, any(v == vid for _, v in staffed))


def _to_plan(problem: Problem, values: dict, settings: SolverSettings,
             started: float, status: str, results: dict[int, _StageResult],
             stopped: bool, solutions: int) -> Plan:
    grid = problem.grid
    assignments, staffing = [], []
    for activity in problem.activities:
        aid = activity.activity_id
        if aid not in values["acts"]:
            assignments.append(Assignment(aid))
            continue
        slot, room, seats = values["acts"][aid]
        start = grid.time_of(slot)
        end = grid.time_of(slot + problem.duration_slots(activity))
        assignments.append(Assignment(aid, start, end, room))
        staffing += [Staffing(aid, role, vid) for role, vid in seats]
    meta = _meta(problem, settings, started, status, stopped)
    meta.update({f"stage.{name}": f"{results[n].status} {results[n].value} "
                                  f"(bound {results[n].bound:g})"
                 for n, name in STAGES if n in results})
    bounds = []
    for number, _ in STAGES:  # a bound per tier, up to the first stage that proved none
        if number not in results or math.isnan(results[number].bound):
            break
        bounds.append(results[number].bound)
    return Plan(tuple(assignments), tuple(staffing), status, values["tiers"], tuple(bounds),
                time.monotonic() - started, solutions, meta=meta)


def _empty_plan(problem: Problem, settings: SolverSettings, status: str, started: float,
                conflicts: tuple[str, ...] | list[str]) -> Plan:
    reason = "no plan: " + "; ".join(conflicts) if conflicts else ""
    return Plan(tuple(Assignment(a.activity_id, reason=reason) for a in problem.activities),
                (), status, None, None, time.monotonic() - started, conflicts=tuple(conflicts),
                meta=_meta(problem, settings, started, status, False))


def _meta(problem: Problem, settings: SolverSettings, started: float, status: str,
          stopped: bool) -> dict[str, str]:
    return {
        "fingerprint": problem.fingerprint,
        "status": status,
        "stopped_by_user": "yes" if stopped else "no",
        "time_limit": f"{settings.time_limit:g}",
        "workers": str(settings.workers),
        "seed": str(settings.seed),
        "wall_time": f"{time.monotonic() - started:.2f}",
        "weights": ";".join(f"{k}={v}" for k, v in problem.weights(settings.weights).items()),
        "version": __version__,
    }
