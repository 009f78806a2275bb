"""Limits per period: hours a day, hours a week, activities a month — one family.

A period is a day, an ISO week (Monday to Sunday) or a calendar month, and it is defined
here once: by the date an activity starts on (activities end the day they start). The
evaluator, first fit, candidate ranking and the CP-SAT model all take the period of an
activity from :meth:`Period.key` (the model and first fit through
:meth:`Period.slot_keys`, the same keys laid over the slot grid).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

import numpy as np

from ..i18n import Day, Message, Phrase, say
from .base import Breach, Column, DutyRule, Tally

if TYPE_CHECKING:
    from ..plan_view import Placed
    from ..problem.calendar import SlotGrid
    from ..problem.entities import Activity, Volunteer
    from ..problem.model import Problem


@dataclass(frozen=True)
class Period:
    kind: Literal["day", "week", "month"]

    def key(self, day: date) -> int:
        """The period ``day`` falls in, as a number that orders periods in time."""
        if self.kind == "day":
            return day.toordinal()
        if self.kind == "week":  # the ISO week, named by its Monday
            return day.toordinal() - day.weekday()
        return day.year * 12 + day.month - 1

    def slot_keys(self, grid: SlotGrid) -> np.ndarray:
        """:meth:`key` of every slot of the grid, counted from 0 for the first period."""
        keys = np.array([self.key(d) for d in grid.dates()], dtype=np.int64)
        return np.repeat(keys - keys.min(), grid.slots_per_day)

    def label(self, day: date) -> Phrase | str:
        """How a finding names the period ``day`` falls in."""
        if self.kind == "week":
            return Day(date.fromordinal(self.key(day)))
        if self.kind == "month":
            return f"{day.year}-{day.month:02d}"
        return Day(day)


@dataclass(frozen=True)
class PeriodLimit(DutyRule):
    """At most ``limit`` hours (or, with ``counts``, activities) in every period."""

    name: str
    column: Column
    period: Period
    counts: bool = False

    def cap(self, limit: float) -> float:
        """The limit in the unit amounts are summed in: minutes, or activities."""
        return limit if self.counts else limit * 60

    def amount(self, minutes: float) -> float:
        return 1 if self.counts else minutes

    def breaches(self, problem: Problem, volunteer: Volunteer, duties: Sequence[Placed]
                 ) -> Iterator[Breach]:
        limit = self.limit(problem, volunteer)
        if limit is None:
            return
        periods: dict[int, list[Placed]] = {}
        for placed in duties:
            periods.setdefault(self.period.key(placed.start.date()), []).append(placed)
        for items in periods.values():
            total = sum(self.amount((p.end - p.start).total_seconds() / 60) for p in items)
            if total > self.cap(limit):
                first = min(items, key=lambda p: p.start)
                yield Breach(say(f"hard.{self.name}", name=volunteer.name, count=len(items),
                                 hours=total / 60, limit=limit,
                                 period=self.period.label(first.start.date())),
                             volunteer.volunteer_id)

    def excludes(self, problem: Problem, volunteer: Volunteer, activity: Activity
                 ) -> Message | None:
        limit = self.limit(problem, volunteer)
        minutes = problem.planned_minutes(activity)
        if limit is None or self.amount(minutes) <= self.cap(limit):
            return None
        return say(f"excluded.{self.name}", name=volunteer.name, limit=limit, minutes=minutes)

    def tally(self, problem: Problem) -> Tally:
        return _PeriodTally(self, problem)


class _PeriodTally(Tally):
    def __init__(self, rule: PeriodLimit, problem: Problem) -> None:
        self.rule = rule
        self.keys = rule.period.slot_keys(problem.grid)
        self.slot_minutes = problem.settings.slot_minutes
        self.used = np.zeros((len(problem.volunteers), int(self.keys.max()) + 1))
        limits = [rule.limit(problem, v) for v in problem.volunteers]
        self.caps = np.array([np.inf if x is None else rule.cap(x) for x in limits])

    def allows(self, rows: np.ndarray, starts: np.ndarray, slots: int) -> np.ndarray:
        amount = self.rule.amount(slots * self.slot_minutes)
        return np.asarray(self.used[np.ix_(rows, self.keys[starts])] + amount
                          <= self.caps[rows, None])

    def book(self, row: int, start: int, slots: int) -> None:
        self.used[row, self.keys[start]] += self.rule.amount(slots * self.slot_minutes)
