"""Comparing two plans: what moved, changed room or people, was dropped or newly
scheduled; whose load changed; and how the key figures moved.

The two plans may be of different problems (a workbook and its what-if version):
activities and volunteers are matched by id, and names come from whichever problem
knows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import pandas as pd

from ..evaluate import kpis
from ..export.labels import label, named
from ..i18n import text
from ..io.cells import format_moment
from ..plan import Assignment, Plan
from ..plan_view import PlanView
from ..problem import Problem
from ..summary import kpi_deltas_shown

#: The kinds of change a diff reports, in the order it lists them.
CHANGE_KINDS: Final = ("moved", "re-roomed", "re-staffed", "dropped", "newly scheduled",
                       "left out")
CHANGE_COLUMNS: Final = ("activity_id", "title", "change", "before", "after")
LOAD_COLUMNS: Final = ("volunteer_id", "name", "team", "hours_before", "hours_after",
                       "delta")
KPI_COLUMNS: Final = ("name", "before", "after", "delta")


@dataclass(frozen=True)
class PlanDiff:
    """What changed from plan A (before) to plan B (after).

    Attributes
    ----------
    changes
        One row per (activity, kind of change): ``activity_id``, ``title``, ``change``
        (one of :data:`CHANGE_KINDS`), ``before``, ``after``. Re-staffed rows show only
        the seats that differ; an activity the changes add that the plan leaves out is
        ``left out``, with why.
    loads
        Volunteers whose hours changed: ``volunteer_id``, ``name``, ``team``,
        ``hours_before``, ``hours_after``, ``delta``, largest change first.
    kpis
        Every key figure of :func:`matching.evaluate.kpis`: ``name``, ``before``,
        ``after``, ``delta``.
    side_by_side
        One row per changed activity with its start, room and people before and after.
    """

    changes: pd.DataFrame
    loads: pd.DataFrame
    kpis: pd.DataFrame
    side_by_side: pd.DataFrame

    @property
    def changed_assignments(self) -> int:
        """Activities whose start, room or scheduled status changed (people aside; a new
        activity left out was never in the plan)."""
        moved = self.changes[~self.changes["change"].isin(["re-staffed", "left out"])]
        return int(moved["activity_id"].nunique())

    @property
    def changed_activities(self) -> int:
        """Activities with any change, people included."""
        return int(self.changes["activity_id"].nunique())

    def counts(self) -> dict[str, int]:
        """How many activities each kind of change touched."""
        found = self.changes.groupby("change")["activity_id"].nunique()
        return {kind: int(found.get(kind, 0)) for kind in CHANGE_KINDS}

    def shown(self, language: str) -> PlanDiff:
        """The tables as a reader of ``language`` reads them (a notebook shows them): the
        kinds of change, the key figures and the headings in words. For display only:
        :meth:`counts` and the other figures read the keys of the diff itself."""
        def kinds(values: Iterable[str]) -> list[str]:
            return [", ".join(named("diff", kind, language) for kind in value.split(", "))
                    for value in values]

        def headed(frame: pd.DataFrame) -> pd.DataFrame:
            return frame.rename(columns={c: label(c, language) for c in frame.columns})

        return PlanDiff(
            headed(self.changes.assign(change=kinds(self.changes["change"]))),
            headed(self.loads),
            kpi_deltas_shown(self.kpis, language),
            headed(self.side_by_side.assign(changes=kinds(self.side_by_side["changes"]))))


def diff(problem_a: Problem, plan_a: Plan, problem_b: Problem, plan_b: Plan, *,
         language: str = "en") -> PlanDiff:
    """Compare ``plan_a`` of ``problem_a`` (before) with ``plan_b`` of ``problem_b``
    (after).

    Parameters
    ----------
    problem_a, plan_a
        The baseline and its problem.
    problem_b, plan_b
        The new plan and its (possibly changed) problem.
    language
        What the ``before`` and ``after`` cells say where an activity has no time and
        room (unscheduled and why, a new activity): English by default, as the tables
        ``whatif`` writes; :meth:`PlanDiff.shown` says the rest in the language too.

    Returns
    -------
    PlanDiff
        The changed activities, the changed volunteer loads and the key-figure deltas.
    """
    names = _Names(problem_a, problem_b)
    changes, wide = [], []
    ids = list(dict.fromkeys([a.activity_id for a in problem_a.activities]
                             + [a.activity_id for a in problem_b.activities]))
    for aid in ids:
        a = _placed(plan_a, aid, problem_a)
        b = _placed(plan_b, aid, problem_b)
        found = _compare(aid, a, b, plan_a, plan_b, names, aid in problem_b.activity_by_id,
                         aid in problem_a.activity_by_id, language)
        changes += found
        if found:
            wide.append((aid, names.title(aid), ", ".join(dict.fromkeys(r[2] for r in found)),
                         _when(a), _when(b), names.room(a.room_id if a else None),
                         names.room(b.room_id if b else None),
                         names.staff(plan_a, aid) if a else "",
                         names.staff(plan_b, aid) if b else ""))
    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    frame = pd.DataFrame(changes, columns=list(CHANGE_COLUMNS))
    frame = frame.sort_values("change", key=lambda c: c.map(order), kind="stable")
    side = pd.DataFrame(wide, columns=["activity_id", "title", "changes", "start_before",
                                       "start_after", "room_before", "room_after",
                                       "staff_before", "staff_after"])
    return PlanDiff(frame.reset_index(drop=True),
                    _loads(problem_a, plan_a, problem_b, plan_b, names),
                    kpi_deltas(problem_a, plan_a, problem_b, plan_b), side)


def kpi_deltas(problem_a: Problem, plan_a: Plan, problem_b: Problem, plan_b: Plan
               ) -> pd.DataFrame:
    """Key figures of both plans side by side with ``after - before``."""
    before = kpis(problem_a, plan_a).set_index("name")["value"]
    after = kpis(problem_b, plan_b).set_index("name")["value"]
    rows = []
    for name in dict.fromkeys([*before.index, *after.index]):
        old, new = before.get(name), after.get(name)
        delta = round(new - old, 2) if old is not None and new is not None else None
        rows.append((name, old, new, delta))
    return pd.DataFrame(rows, columns=list(KPI_COLUMNS), dtype=object)


def changed_assignments(plan_a: Plan, plan_b: Plan) -> int:
    """How many activities changed start, room or scheduled status from ``plan_a`` to
    ``plan_b`` (an activity only one plan lists counts when it is scheduled there)."""
    def placed(plan: Plan) -> dict[str, tuple[datetime, str | None]]:
        return {a.activity_id: (a.start, a.room_id) for a in plan.scheduled
                if a.start is not None}

    a, b = placed(plan_a), placed(plan_b)
    return sum(a.get(aid) != b.get(aid) for aid in set(a) | set(b))


def changed_staffing(plan_a: Plan, plan_b: Plan) -> int:
    """How many activities scheduled in both plans have other volunteers in ``plan_b``."""
    def seats(plan: Plan, aid: str) -> set[tuple[str, str]]:
        return {(s.role, s.volunteer_id) for s in plan.staff_of.get(aid, ())}

    both = ({a.activity_id for a in plan_a.scheduled}
            & {a.activity_id for a in plan_b.scheduled})
    return sum(seats(plan_a, aid) != seats(plan_b, aid) for aid in both)


# -- helpers ----------------------------------------------------------------------------

class _Names:
    """Titles and names from the after problem, falling back on the before problem."""

    def __init__(self, a: Problem, b: Problem) -> None:
        self.activities = {**a.activity_by_id, **b.activity_by_id}
        self.rooms = {**a.room_by_id, **b.room_by_id}
        self.volunteers = {**a.volunteer_by_id, **b.volunteer_by_id}

    def title(self, aid: str) -> str:
        activity = self.activities.get(aid)
        return activity.title if activity else ""

    def room(self, room_id: str | None) -> str:
        if not room_id:
            return ""
        room = self.rooms.get(room_id)
        return f"{room.name} ({room_id})" if room else room_id

    def person(self, vid: str) -> str:
        volunteer = self.volunteers.get(vid)
        return f"{volunteer.name} ({vid})" if volunteer else vid

    def seats(self, seats: Iterable[tuple[str, str]]) -> str:
        return "; ".join(f"{role}: {self.person(vid)}" for role, vid in sorted(seats))

    def staff(self, plan: Plan, aid: str) -> str:
        return self.seats((s.role, s.volunteer_id) for s in plan.staff_of.get(aid, ()))


def _placed(plan: Plan, aid: str, problem: Problem) -> Assignment | None:
    """The activity's assignment when it is scheduled (and still in the problem)."""
    a = plan.assignment_of.get(aid)
    if a is None or a.start is None or aid not in problem.activity_by_id:
        return None
    return a


def _when(a: Assignment | None) -> str:
    return format_moment(a.start) if a else ""




def _compare(aid: str, a: Assignment | None, b: Assignment | None, plan_a: Plan, plan_b: Plan,
             names: _Names, exists_after: bool, exists_before: bool, language: str
             ) -> list[tuple[str, str, str, str, str]]:
    title = names.title(aid)

    def side(key: str, **values: str) -> str:
        return text(f"diff_side.{key}", language, **values)

    reason = plan_b.assignment_of.get(aid, Assignment(aid)).reason_in(language)
    unscheduled = side("unscheduled_why", reason=reason) if reason else side("unscheduled")
    if a is None and b is None:
        # an activity the changes add that the new plan cannot place is a change too
        return ([(aid, title, "left out", side("new_activity"), unscheduled)]
                if exists_after and not exists_before else [])
    if b is None:
        assert a is not None
        after = side("removed") if not exists_after else unscheduled
        return [(aid, title, "dropped", f"{format_moment(a.start)} {names.room(a.room_id)}", after)]
    if a is None:
        before = side("unscheduled" if aid in plan_a.assignment_of else "new_activity")
        return [(aid, title, "newly scheduled", before,
                 f"{format_moment(b.start)} {names.room(b.room_id)}")]
    rows = []
    if a.start != b.start:
        rows.append((aid, title, "moved", format_moment(a.start), format_moment(b.start)))
    if a.room_id != b.room_id:
        rows.append((aid, title, "re-roomed", names.room(a.room_id), names.room(b.room_id)))
    seats_a = {(s.role, s.volunteer_id) for s in plan_a.staff_of.get(aid, ())}
    seats_b = {(s.role, s.volunteer_id) for s in plan_b.staff_of.get(aid, ())}
    if seats_a != seats_b:
        rows.append((aid, title, "re-staffed", names.seats(seats_a - seats_b),
                     names.seats(seats_b - seats_a)))
    return rows


def _loads(problem_a: Problem, plan_a: Plan, problem_b: Problem, plan_b: Plan,
           names: _Names) -> pd.DataFrame:
    before = PlanView(problem_a, plan_a).loads()
    after = PlanView(problem_b, plan_b).loads()
    rows = []
    for vid in sorted(set(before) | set(after)):
        old, new = round(before.get(vid, 0.0), 2), round(after.get(vid, 0.0), 2)
        if old != new:
            volunteer = names.volunteers.get(vid)
            rows.append((vid, volunteer.name if volunteer else "",
                         volunteer.team if volunteer else "", old, new, round(new - old, 2)))
    frame = pd.DataFrame(rows, columns=list(LOAD_COLUMNS))
    order = frame["delta"].abs().sort_values(ascending=False, kind="stable").index
    return frame.loc[order].reset_index(drop=True)
