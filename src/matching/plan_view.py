"""A plan resolved against its problem: when and where each activity happens, who staffs
it and for how long, under one set of conventions.

A plan is a list of rows that may have been edited by hand: a row may lack its ``end``,
name an activity the workbook no longer has, or staff one person twice in an activity.
Every figure a coordinator compares (the Excel roster, the what-if loads, the key
figures, the app's charts, the evaluator's findings) is computed from this view, so
that they cannot disagree about what such a plan means:

- a scheduled row without an end lasts the activity's planned duration;
- when an activity has several rows, the last one counts (as in ``Plan.assignment_of``);
- a staffing row counts when it names a scheduled activity, a known volunteer and a
  role of that activity; a volunteer in two roles of one activity works it once.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from . import i18n
from .plan import Assignment, Plan, Staffing
from .problem.entities import Activity, Room
from .problem.model import Problem


def resolved_end(problem: Problem, row: Assignment, activity: Activity) -> datetime:
    """The end of a scheduled row: its own, or its start plus the planned duration."""
    assert row.start is not None
    return row.end or row.start + timedelta(minutes=problem.planned_minutes(activity))


def moment(t: datetime, *, end: bool = False) -> str:
    """``Tue 2023-03-07 14:00``; with ``end``, midnight reads as 24:00 of the day before."""
    return i18n.moment(t, "en", end=end)


def span(start: datetime, end: datetime) -> str:
    """``Tue 2023-03-07 14:00–15:30`` (the end's date only when it is another day)."""
    return i18n.span(start, end, "en")


@dataclass(frozen=True)
class Placed:
    """A scheduled activity of the problem: its assignments row and the times it holds."""

    activity: Activity
    assignment: Assignment
    start: datetime
    end: datetime
    #: The room, when the row names a known one.
    room: Room | None

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def wording(self) -> i18n.Message:
        """The activity and its time, as findings name it, in any language."""
        return i18n.say("piece.placed", title=self.activity.title,
                        when=i18n.Span(self.start, self.end))

    @property
    def label(self) -> str:
        """``智能手机课 #3 on Tue 2023-03-07 14:00–15:30``."""
        return self.wording.render("en")


class PlanView:
    """The usable part of a plan: known activities placed in time and valid seats."""

    def __init__(self, problem: Problem, plan: Plan) -> None:
        self.problem = problem
        self.plan = plan
        rows = plan.assignment_of
        self.placed: dict[str, Placed] = {}
        self.unscheduled: list[Activity] = []
        for activity in problem.activities:
            row = rows.get(activity.activity_id)
            if row is None or row.start is None:
                self.unscheduled.append(activity)
                continue
            room = problem.room_by_id.get(row.room_id) if row.room_id else None
            self.placed[activity.activity_id] = Placed(
                activity, row, row.start, resolved_end(problem, row, activity), room)

    def placing(self, row: Assignment) -> PlanView:
        """This view with ``row``'s activity placed too, without seats: what a seat there
        would add to a volunteer's duties (:func:`matching.rules.seat_breach`), without
        reading the whole plan again for each start an explanation tries."""
        activity = self.problem.activity_by_id[row.activity_id]
        room = self.problem.room_by_id.get(row.room_id) if row.room_id else None
        duties = self.staffed_by  # read once, and shared: the new activity has no seats
        view = copy.copy(self)
        view.staffed_by = duties
        assert row.start is not None
        view.placed = {**self.placed, activity.activity_id: Placed(
            activity, row, row.start, resolved_end(self.problem, row, activity), room)}
        return view

    def is_valid_row(self, row: Staffing) -> bool:
        """Whether a staffing row names a known activity, volunteer and role of it."""
        p = self.problem
        return (row.activity_id in p.activity_by_id and row.volunteer_id in p.volunteer_by_id
                and any(r.role == row.role for r in p.roles_of[row.activity_id]))

    @cached_property
    def seats(self) -> tuple[Staffing, ...]:
        """Valid staffing rows on scheduled activities, in plan order."""
        return tuple(s for s in self.plan.staffing
                     if s.activity_id in self.placed and self.is_valid_row(s))

    @cached_property
    def staffed_by(self) -> dict[str, list[Placed]]:
        """The distinct scheduled activities each volunteer staffs (only volunteers with
        some), in plan order."""
        result: dict[str, dict[str, Placed]] = {}
        for seat in self.seats:
            result.setdefault(seat.volunteer_id, {})[seat.activity_id] = self.placed[
                seat.activity_id]
        return {v: list(acts.values()) for v, acts in result.items()}

    @cached_property
    def filled(self) -> dict[tuple[str, str], list[str]]:
        """Distinct volunteers in each (activity, role) of scheduled activities."""
        result: dict[tuple[str, str], list[str]] = {}
        for seat in self.seats:
            people = result.setdefault((seat.activity_id, seat.role), [])
            if seat.volunteer_id not in people:
                people.append(seat.volunteer_id)
        return result

    @cached_property
    def shortfalls(self) -> dict[str, list[tuple[str, int, int]]]:
        """``(role, filled, target)`` of each role below its target, by scheduled
        activity (only those with some): the one count of "roles below target"."""
        result: dict[str, list[tuple[str, int, int]]] = {}
        for activity_id in self.placed:
            for role in self.problem.roles_of.get(activity_id, ()):
                filled = len(self.filled.get((activity_id, role.role), ()))
                if filled < role.target:
                    result.setdefault(activity_id, []).append((role.role, filled, role.target))
        return result

    def hours_of(self, volunteer_id: str) -> float:
        """Hours the plan gives a volunteer: the one definition of a volunteer's load."""
        return sum(p.hours for p in self.staffed_by.get(volunteer_id, ()))

    def activities_of(self, volunteer_id: str) -> int:
        return len(self.staffed_by.get(volunteer_id, ()))

    def loads(self, volunteers: Iterable[str] | None = None) -> dict[str, float]:
        """Hours of each volunteer (every volunteer of the problem unless named)."""
        ids = (v.volunteer_id for v in self.problem.volunteers) if volunteers is None \
            else volunteers
        return {vid: self.hours_of(vid) for vid in ids}
