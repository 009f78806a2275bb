"""A plan as the evaluator reads it, and the wording of its findings.

Plans may be hand-edited, so rows can name unknown ids, repeat an activity or staff an
activity that is not scheduled. Those rows are reported once (by the reference rules) and
left out of every other check, so that one typo yields one finding, not a cascade.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from .. import plan_view
from ..i18n import Message, clock, say
from ..plan import Assignment, Plan
from ..plan_view import Placed
from ..problem.model import Problem
from .hours import Hours, Interval

__all__ = ["Placed", "PlanView", "because", "clock", "clock_ranges", "minutes"]


def clock_ranges(intervals: Iterable[Interval], day: date) -> str:
    """``08:00–12:00, 14:00–17:00`` for intervals of one day."""
    return ", ".join(f"{clock(s, day)}–{clock(e, day)}" for s, e in intervals)


def because(key: str, row: Assignment | None, **values: object) -> Message:
    """The message ``key``, or ``<key>_because`` with the row's reason when it has one
    (in the reader's language when the toolkit wrote it)."""
    if row is None or not row.reason:
        return say(key, **values)
    return say(f"{key}_because", reason=row.why or row.reason, **values)


def minutes(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


class PlanView(plan_view.PlanView):
    """The plan as the evaluator reads it (see :mod:`matching.plan_view` for what a
    hand-edited plan means), with opening hours and availability re-derived from the
    raw rows and the names its findings use."""

    def __init__(self, problem: Problem, plan: Plan) -> None:
        super().__init__(problem, plan)
        self.hours = Hours(problem)

    def volunteer_name(self, volunteer_id: str) -> str:
        volunteer = self.problem.volunteer_by_id.get(volunteer_id)
        return volunteer.name if volunteer else volunteer_id

    def room_name(self, room_id: str | None) -> str | Message:
        if room_id is None:
            return say("word.no_room")
        room = self.problem.room_by_id.get(room_id)
        return room.name if room else room_id

    def activity_title(self, activity_id: str) -> str:
        activity = self.problem.activity_by_id.get(activity_id)
        return activity.title if activity else activity_id
