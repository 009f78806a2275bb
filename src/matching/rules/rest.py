"""Rest after a long shift.

The rule: when a volunteer staffs an activity lasting ``rest_after_hours`` or more (a
*long shift*; a ``settings`` key, 6 h when absent), their next activity starts at least
``min_rest_hours`` after it ends (the volunteer's own value, else the center-wide
``settings`` key; blank in both means no rest rule). Shorter activities need no rest
after them; a run of short ones is bounded by ``max_hours_per_day`` instead.

Example: with ``min_rest_hours`` 11, a volunteer on the 00:00–08:00 shelter shift may
next staff something at 19:00 the same day, not the 08:00–16:00 shift after it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..i18n import Message, say
from .base import Breach, Column, DutyRule, Tally

if TYPE_CHECKING:
    from ..plan_view import Placed
    from ..problem.entities import Activity, Volunteer
    from ..problem.model import Problem

#: A long shift, in hours, when ``settings`` has no ``rest_after_hours`` row.
LONG_SHIFT_HOURS = 6.0
#: The ``settings`` key that says how long a shift must last to need rest after it.
RESTS_AFTER = Column("rest_after_hours", 0.5, 24)


def _minutes(placed: Placed) -> float:
    return (placed.end - placed.start).total_seconds() / 60


@dataclass(frozen=True)
class MinRest(DutyRule):
    name: str
    column: Column

    def long_shift_minutes(self, problem: Problem) -> float:
        hours = problem.settings.limit(RESTS_AFTER.name)
        return 60 * (LONG_SHIFT_HOURS if hours is None else hours)

    def breaches(self, problem: Problem, volunteer: Volunteer, duties: Sequence[Placed]
                 ) -> Iterator[Breach]:
        rest = self.limit(problem, volunteer)
        if not rest:
            return
        long_shift = self.long_shift_minutes(problem)
        ordered = sorted(duties, key=lambda p: p.start)
        for i, shift in enumerate(ordered):
            if _minutes(shift) < long_shift:
                continue
            for later in ordered[i + 1:]:
                gap = (later.start - shift.end).total_seconds() / 3600
                if 0 <= gap < rest:
                    yield Breach(say(f"hard.{self.name}", name=volunteer.name, rest=rest,
                                     first=shift.wording, second=later.wording, gap=gap,
                                     hours=_minutes(shift) / 60),
                                 volunteer.volunteer_id, later.activity.activity_id)

    def excludes(self, problem: Problem, volunteer: Volunteer, activity: Activity
                 ) -> Message | None:
        return None  # any one activity can be staffed; only the one after it must wait

    def tally(self, problem: Problem) -> Tally:
        return _RestTally(self, problem)


class _RestTally(Tally):
    """Booked slots and, after each long shift, the slots of rest nothing may start in
    (padded past the horizon so that windows never run off the end)."""

    def __init__(self, rule: MinRest, problem: Problem) -> None:
        grid = problem.grid
        slot = problem.settings.slot_minutes
        self.long_slots = math.ceil(rule.long_shift_minutes(problem) / slot)
        self.rest = np.array([math.ceil((rule.limit(problem, v) or 0) * 60 / slot)
                              for v in problem.volunteers], dtype=np.int64)
        width = grid.size + 2 * grid.slots_per_day + int(self.rest.max(initial=0))
        self.busy = np.zeros((len(problem.volunteers), width + 1), dtype=np.int64)
        self.resting = np.zeros((len(problem.volunteers), width), dtype=bool)

    def allows(self, rows: np.ndarray, starts: np.ndarray, slots: int) -> np.ndarray:
        window = (starts[:, None] + np.arange(slots)).ravel()
        shape = (rows.size, starts.size, slots)
        ok = ~self.resting[np.ix_(rows, window)].reshape(shape).any(axis=2)
        if slots >= self.long_slots:  # nothing booked may start in the rest after it
            ends = starts[None, :] + slots
            until = ends + self.rest[rows, None]
            cumulative = np.cumsum(self.busy[rows], axis=1)
            booked = (np.take_along_axis(cumulative, until - 1, axis=1)
                      - np.take_along_axis(cumulative, ends - 1, axis=1))
            ok &= booked == 0
        return np.asarray(ok)

    def book(self, row: int, start: int, slots: int) -> None:
        self.busy[row, start:start + slots] = 1
        if slots >= self.long_slots:
            self.resting[row, start + slots:start + slots + self.rest[row]] = True
