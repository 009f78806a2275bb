"""The objective terms as linear expressions, one method per term, grouped by tier.

Definitions are those of :mod:`matching.problem.weights`; the evaluator computes the
same numbers from a plan, and tests hold the two to equality.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from ..plan import Assignment, Plan
from ..problem.weights import TIER_OF
from .domains import domain_of
from .model import PlanModel

LinearExpr = cp_model.LinearExpr


def _zero() -> LinearExpr:
    return cp_model.LinearExpr.constant(0)


class Objective:
    """Penalty expressions of each term of ``weights`` on a built :class:`PlanModel`."""

    def __init__(self, pm: PlanModel, weights: dict[str, int], baseline: Plan | None = None
                 ) -> None:
        self.pm = pm
        self.m = pm.model
        self.weights = weights
        self.baseline = baseline
        self.terms: dict[str, LinearExpr] = {}
        for term, weight in pm.checked(weights.items()):
            if weight and (not term.startswith("stability_") or baseline is not None):
                self.terms[term] = weight * getattr(self, f"_{term}")(
                    term.removeprefix("priority_"))

    def tier(self, number: int) -> LinearExpr:
        return cp_model.LinearExpr.sum([e for t, e in self.terms.items()
                                        if TIER_OF[t] == number])

    # -- tier 1 ------------------------------------------------------------------------
    def _unscheduled(self, priority: str) -> LinearExpr:
        total = _zero()
        for activity in self.pm.problem.activities:
            if activity.priority != priority:
                continue
            av = self.pm.acts.get(activity.activity_id)
            total += 1 if av is None else 1 - av.scheduled
        return total

    _priority_high = _priority_normal = _priority_low = _unscheduled

    # -- tier 2 ------------------------------------------------------------------------
    def _staffing(self, _: str) -> LinearExpr:
        total = _zero()
        for aid, av in self.pm.acts.items():
            for role in self.pm.problem.roles_of[aid]:
                if not role.target:
                    continue
                filled = sum(lit for (r, _), lit in av.seats.items() if r == role.role)
                short = self.m.new_int_var(0, role.target, f"short[{aid},{role.role}]")
                self.m.add_max_equality(short, [0, role.target * av.scheduled - filled])
                total += short
        return total

    # -- tier 3 ------------------------------------------------------------------------
    def _preference(self, _: str) -> LinearExpr:
        problem = self.pm.problem
        total = _zero()
        for av in self.pm.checked(self.pm.acts.values()):
            for vid, lit in av.attends.items():
                weight = problem.liking(vid, av.activity)
                if weight:
                    total -= weight * lit
        return total

    def _preferred_time(self, _: str) -> LinearExpr:
        facts = self.pm.facts
        total = _zero()
        for aid, av in self.pm.checked(self.pm.acts.items()):
            for vid, lit in av.attends.items():
                if not facts.preferred(vid).any():
                    continue
                starts = facts.preferred_starts(aid, vid)
                if starts.size == 0:
                    total += lit
                    continue
                # a positive "outside" literal keeps the term's lower bound at 0
                outside = self.m.new_bool_var(f"outside_preferred[{aid},{vid}]")
                self.m.add_linear_expression_in_domain(av.start, domain_of(starts)
                                                       ).only_enforce_if([lit, ~outside])
                self.m.add_linear_expression_in_domain(av.start, domain_of(starts)
                                                       .complement()).only_enforce_if(outside)
                self.m.add_implication(outside, lit)
                total += outside
        return total

    def _fairness(self, _: str) -> LinearExpr:
        loads: dict[str, list[LinearExpr]] = defaultdict(list)
        for av in self.pm.checked(self.pm.acts.values()):
            for vid, lit in av.attends.items():
                loads[vid].append(av.duration * lit)
        if not loads:
            return _zero()
        top = self.m.new_int_var(0, self.pm.problem.grid.size, "largest_load")
        self.m.add_max_equality(top, [cp_model.LinearExpr.sum(x) for x in loads.values()])
        return top

    def _use_everyone(self, _: str) -> LinearExpr:
        attends: dict[str, list] = defaultdict(list)
        for av in self.pm.checked(self.pm.acts.values()):
            for vid, lit in av.attends.items():
                attends[vid].append(lit)
        willing = {vid for (aid, role) in self._roles() for vid in
                   self.pm.facts.eligible_volunteers(aid, role)}
        total = _zero()
        for vid in sorted(willing):
            unused = self.m.new_bool_var(f"unused[{vid}]")
            self.m.add_bool_or([unused, *attends[vid]])
            for lit in attends[vid]:
                self.m.add_implication(unused, ~lit)
            total += unused
        return total

    def _series_room(self, _: str) -> LinearExpr:
        total = _zero()
        for sid, ids in self.pm.problem.series.items():
            used = self._used_in_series(sid, ids, "rooms")
            if len(used) > 1:
                extra = self.m.new_int_var(0, len(used), f"series_rooms_extra[{sid}]")
                self.m.add_max_equality(extra, [0, sum(used) - 1])
                total += extra
        return total

    def _series_people(self, _: str) -> LinearExpr:
        total = _zero()
        for sid, ids in self.pm.problem.series.items():
            total += sum(self._used_in_series(sid, ids, "attends"))
        return total

    def _used_in_series(self, sid: str, ids: tuple[str, ...], field: str) -> list:
        """One literal per room (or volunteer) that some session of the series uses."""
        lits: dict[str, list] = defaultdict(list)
        for aid in ids:
            av = self.pm.acts.get(aid)
            for key, lit in (getattr(av, field) if av else {}).items():
                lits[key].append(lit)
        used = []
        for key, members in lits.items():
            flag = self.m.new_bool_var(f"series_uses[{sid},{key}]")
            self.m.add_max_equality(flag, members)
            used.append(flag)
        return used

    def _room_fit(self, _: str) -> LinearExpr:
        rooms = self.pm.problem.room_by_id
        total = _zero()
        for av in self.pm.acts.values():
            for rid, lit in av.rooms.items():
                waste = max(0, (rooms[rid].capacity - av.activity.expected_attendance) // 10)
                total += waste * lit
        return total

    def _preferred_room(self, _: str) -> LinearExpr:
        total = _zero()
        for av in self.pm.acts.values():
            wanted = av.activity.preferred_room
            if wanted:
                total += av.scheduled - av.rooms.get(wanted, 0)
        return total

    def _reserve(self, _: str) -> LinearExpr:
        """Tenths of a person each role's expected attendance falls below its ``min``
        (rounded up); roles whose people all come for sure cost nothing and get no
        variable."""
        shows = self.pm.problem.show_hundredths
        total = _zero()
        for aid, av in self.pm.acts.items():
            for role in self.pm.problem.roles_of[aid]:
                seats = {v: lit for (r, v), lit in av.seats.items() if r == role.role}
                if not role.min or all(shows[v] >= 100 for v in seats):
                    continue
                expected = cp_model.LinearExpr.sum([shows[v] * lit for v, lit in seats.items()])
                tenths = self.m.new_int_var(0, 10 * role.min, f"reserve[{aid},{role.role}]")
                self.m.add(10 * tenths >= 100 * role.min * av.scheduled - expected)
                total += tenths
        return total

    # -- stability against a baseline plan ----------------------------------------------
    def _stability_start(self, _: str) -> LinearExpr:
        grid = self.pm.problem.grid
        total = _zero()
        for a in self._baseline_scheduled():
            av = self.pm.acts.get(a.activity_id)
            slot = grid.slot_at_or_after(a.start) if a.start else -1
            if av is None or grid.time_of(slot) != a.start:
                total += 1
                continue
            at_slot = self.m.new_bool_var(f"at_baseline_start[{a.activity_id}]")
            self.m.add(av.start == slot).only_enforce_if(at_slot)
            self.m.add(av.start != slot).only_enforce_if(~at_slot)
            kept = self.m.new_bool_var(f"kept_start[{a.activity_id}]")
            self.m.add_min_equality(kept, [at_slot, av.scheduled])
            total += 1 - kept
        return total

    def _stability_room(self, _: str) -> LinearExpr:
        total = _zero()
        for a in self._baseline_scheduled():
            av = self.pm.acts.get(a.activity_id)
            total += 1 - (av.rooms.get(a.room_id or "", 0) if av else 0)
        return total

    def _stability_volunteer(self, _: str) -> LinearExpr:
        assert self.baseline is not None
        problem = self.pm.problem
        total = _zero()
        for s in dict.fromkeys(self.baseline.staffing):  # a repeated row counts once
            if (s.activity_id not in problem.activity_by_id
                    or s.volunteer_id not in problem.volunteer_by_id):
                continue  # no plan could keep a seat of what is gone
            av = self.pm.acts.get(s.activity_id)
            total += 1 - (av.seats.get((s.role, s.volunteer_id), 0) if av else 0)
        return total

    # -- helpers -----------------------------------------------------------------------
    def _baseline_scheduled(self) -> list[Assignment]:
        """Baseline placements of activities the problem still has (what is gone cannot
        be kept and costs nothing)."""
        assert self.baseline is not None
        known = self.pm.problem.activity_by_id
        return [a for a in self.baseline.scheduled if a.activity_id in known]

    def _roles(self) -> list[tuple[str, str]]:
        return [(r.activity_id, r.role) for r in self.pm.problem.roles]
