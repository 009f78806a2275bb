"""The slot grid and the time masks derived from opening hours, closures and availability.

Time is cut into slots of ``slot_minutes`` from 00:00 of ``horizon_start`` to the end of
``horizon_end``. Masks are boolean arrays over slots, so "is the room open for all of
[s, s + d)" is a difference of prefix sums, cheap for a year of 30-minute slots.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

import holidays as holidays_lib
import numpy as np

from .entities import HOLIDAY, AvailabilityWindow, Closure, DaySpec, OpeningHours


@cache
def public_holidays(country: str, years: tuple[int, ...]) -> frozenset[date]:
    """Public holidays of ``country`` (ISO code) from the ``holidays`` package, and the
    weekend days a run of them encloses.

    The package lists the days a law gives off, not the Saturday and Sunday inside a
    holiday week: China's National Day week of 2024 is Oct 1-7, and the package gives
    Oct 1-4 and 7. A center keeps its holiday hours the whole week, so a weekend day whose
    nearest weekdays before and after are both holidays is one too."""
    if not country:
        return frozenset()
    listed = set(holidays_lib.country_holidays(country, years=list(years)).keys())
    return frozenset(listed | {day for day in _weekend_days(years)
                               if _holiday_on_each_side(day, listed)})


def _weekend_days(years: tuple[int, ...]) -> list[date]:
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)
            if (first + timedelta(days=i)).weekday() >= 5]


def _holiday_on_each_side(day: date, holidays: set[date]) -> bool:
    """Whether the nearest weekday (or holiday) before ``day`` and the one after are
    both holidays."""
    def nearest(step: int) -> date:
        other = day + timedelta(days=step)
        while other.weekday() >= 5 and other not in holidays:
            other += timedelta(days=step)
        return other

    return nearest(-1) in holidays and nearest(1) in holidays


@dataclass(frozen=True)
class SlotGrid:
    """Slot ``i`` covers ``[start + i * slot_minutes, start + (i + 1) * slot_minutes)``."""

    start: datetime
    days: int
    slot_minutes: int

    @property
    def slots_per_day(self) -> int:
        return 1440 // self.slot_minutes

    @property
    def size(self) -> int:
        return self.days * self.slots_per_day

    def dates(self) -> list[date]:
        first = self.start.date()
        return [first + timedelta(days=i) for i in range(self.days)]

    def time_of(self, slot: int) -> datetime:
        return self.start + timedelta(minutes=int(slot) * self.slot_minutes)

    def slot_at_or_after(self, moment: datetime) -> int:
        """First slot starting at or after ``moment`` (clamped to the grid)."""
        minutes = (moment - self.start).total_seconds() / 60
        return min(max(math.ceil(minutes / self.slot_minutes), 0), self.size)

    def slot_at_or_before(self, moment: datetime) -> int:
        """Last slot boundary at or before ``moment`` (clamped to the grid)."""
        minutes = (moment - self.start).total_seconds() / 60
        return min(max(math.floor(minutes / self.slot_minutes), 0), self.size)

    def slots_for(self, minutes: int) -> int:
        """Whole slots needed for ``minutes`` (durations round up)."""
        return math.ceil(minutes / self.slot_minutes)


def _day_indices(grid: SlotGrid, day: DaySpec, holiday_dates: frozenset[date]) -> np.ndarray:
    """Indices of the horizon's days on which a rule for ``day`` applies."""
    first = grid.start.date()
    if day == HOLIDAY:
        offsets = [(d - first).days for d in holiday_dates]
        return np.array(sorted(i for i in offsets if 0 <= i < grid.days), dtype=np.int64)
    if isinstance(day, int):
        return np.flatnonzero((np.arange(grid.days) + first.weekday()) % 7 == day)
    offset = (day - first).days
    return np.array([offset] if 0 <= offset < grid.days else [], dtype=np.int64)


def _slot_range(grid: SlotGrid, start_min: int, end_min: int, *, inner: bool) -> slice:
    """Slots of a day within ``[start_min, end_min)``: wholly inside it (``inner``, for
    time that is granted) or touching it (for time that is taken away)."""
    step = grid.slot_minutes
    if inner:
        first, last = math.ceil(start_min / step), end_min // step
    else:
        first, last = start_min // step, math.ceil(end_min / step)
    return slice(first, max(first, last))


def opening_mask(grid: SlotGrid, rules: Iterable[OpeningHours], holiday_dates: frozenset[date],
                 closures: Iterable[Closure]) -> np.ndarray:
    """Slots in which a room is open: its opening hours minus its closures.

    On each day the room follows its rows for that date if it has any, else its
    ``holiday`` rows on a public holiday if it has any, else its weekday rows. A slot
    counts as open only if the room is open for the whole slot.
    """
    mask = np.zeros(grid.size, dtype=bool)
    days = mask.reshape(grid.days, grid.slots_per_day)
    rules = list(rules)
    weekly = [r for r in rules if isinstance(r.day, int)]
    holiday = [r for r in rules if r.day == HOLIDAY]
    dated = [r for r in rules if isinstance(r.day, date)]
    for layer in (weekly, holiday, dated):
        touched = [_day_indices(grid, r.day, holiday_dates) for r in layer]
        if touched:
            days[np.unique(np.concatenate(touched))] = False  # a later layer replaces
        for rule, indices in zip(layer, touched, strict=True):
            days[indices, _slot_range(grid, rule.open_minute, rule.close_minute,
                                      inner=True)] = True
    for closure in closures:
        first = grid.slot_at_or_before(closure.start)
        last = grid.slot_at_or_after(closure.end)
        mask[first:last] = False
    return mask


def availability_masks(grid: SlotGrid, windows: Iterable[AvailabilityWindow],
                       holiday_dates: frozenset[date]) -> tuple[np.ndarray, np.ndarray]:
    """Slots a volunteer is available in, and the subset they prefer.

    Weekly rows repeat every week, ``holiday`` rows apply on public holidays and date rows
    on their date; ``available``/``preferred`` rows add time, ``unavailable`` rows carve it
    out and always win.
    """
    shape = (grid.days, grid.slots_per_day)
    available, preferred, blocked = (np.zeros(shape, dtype=bool) for _ in range(3))
    for w in windows:
        indices = _day_indices(grid, w.day, holiday_dates)
        if w.kind == "unavailable":
            blocked[indices, _slot_range(grid, w.start_minute, w.end_minute, inner=False)] = True
            continue
        inside = _slot_range(grid, w.start_minute, w.end_minute, inner=True)
        available[indices, inside] = True
        if w.kind == "preferred":
            preferred[indices, inside] = True
    available &= ~blocked
    preferred &= available
    return available.reshape(-1), preferred.reshape(-1)


def covered_starts(mask: np.ndarray, duration_slots: int) -> np.ndarray:
    """Boolean array: start ``s`` has ``mask`` true on all of ``[s, s + duration_slots)``."""
    size = mask.size
    result = np.zeros(size, dtype=bool)
    if duration_slots <= 0 or duration_slots > size:
        return result
    prefix = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
    counts = prefix[duration_slots:] - prefix[:-duration_slots]
    result[: counts.size] = counts == duration_slots
    return result
