"""A plan as the evaluator reads it, and the wording of its findings.

Plans may be hand-edited, so rows can name unknown ids, repeat an activity or staff an
activity that is not scheduled. Those rows are reported once (by the reference rules) and
left out of every other check, so that one typo yields one finding, not a cascade.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from ..plan import Assignment, Plan, Staffing
from ..problem.entities import Activity, Room
from ..problem.model import Problem
from .hours import Hours, Interval

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def moment(t: datetime, *, end: bool = False) -> str:
    """``Tue 2023-03-07 14:00``; with ``end``, midnight reads as 24:00 of the day before."""
    if end and t.time() == time():
        day = t - timedelta(days=1)
        return f"{_WEEKDAYS[day.weekday()]} {day:%Y-%m-%d} 24:00"
    return f"{_WEEKDAYS[t.weekday()]} {t:%Y-%m-%d %H:%M}"


def clock(t: datetime, day: date) -> str:
    """Time of day of ``t`` as seen from ``day`` (the next midnight is 24:00)."""
    if t.date() > day and t.time() == time():
        return "24:00"
    return f"{t:%H:%M}"


def span(start: datetime, end: datetime) -> str:
    """``Tue 2023-03-07 14:00–15:30`` (the end's date only when it is another day)."""
    next_midnight = datetime.combine(start.date() + timedelta(days=1), time())
    if end.date() == start.date() or end == next_midnight:
        return f"{moment(start)}–{clock(end, start.date())}"
    return f"{moment(start)}–{end:%Y-%m-%d %H:%M}"


def clock_ranges(intervals: Iterable[Interval], day: date) -> str:
    """``08:00–12:00, 14:00–17:00`` for intervals of one day."""
    return ", ".join(f"{clock(s, day)}–{clock(e, day)}" for s, e in intervals)


def minutes(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


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
    def label(self) -> str:
        """``智能手机课 #3 on Tue 2023-03-07 14:00–15:30``."""
        return f"{self.activity.title} on {span(self.start, self.end)}"


class PlanView:
    """The usable part of a plan: known activities placed in time and valid seats.

    When an activity has several assignments rows the last one counts, as in
    :attr:`Plan.assignment_of`. A scheduled row without an end is taken to last its
    planned duration (the ``duration`` rule reports the missing end).
    """

    def __init__(self, problem: Problem, plan: Plan) -> None:
        self.problem = problem
        self.plan = plan
        self.hours = Hours(problem)
        rows = plan.assignment_of
        self.placed: dict[str, Placed] = {}
        self.unscheduled: list[Activity] = []
        for activity in problem.activities:
            row = rows.get(activity.activity_id)
            if row is None or row.start is None:
                self.unscheduled.append(activity)
                continue
            end = row.end or row.start + timedelta(minutes=problem.planned_minutes(activity))
            room = problem.room_by_id.get(row.room_id) if row.room_id else None
            self.placed[activity.activity_id] = Placed(activity, row, row.start, end, room)

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

    def volunteer_name(self, volunteer_id: str) -> str:
        volunteer = self.problem.volunteer_by_id.get(volunteer_id)
        return volunteer.name if volunteer else volunteer_id

    def room_name(self, room_id: str | None) -> str:
        if room_id is None:
            return "no room"
        room = self.problem.room_by_id.get(room_id)
        return room.name if room else room_id

    def activity_title(self, activity_id: str) -> str:
        activity = self.problem.activity_by_id.get(activity_id)
        return activity.title if activity else activity_id
