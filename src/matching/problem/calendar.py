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
    """Public holidays of ``country`` (ISO code) from the ``holidays`` package."""
    if not country:
        return frozenset()
    return frozenset(holidays_lib.country_holidays(country, years=list(years)).keys())


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

    def day_of(self, slot: int) -> int:
        return slot // self.slots_per_day


def _rules_for_day(
    rules: list[tuple[DaySpec, int, int]], day: date, is_holiday: bool
) -> list[tuple[int, int]]:
    """The opening rules that apply on ``day``: its date rows, else its holiday rows on a
    public holiday, else its weekday rows."""
    dated = [(a, b) for d, a, b in rules if d == day]
    if dated:
        return dated
    if is_holiday:
        holiday_rows = [(a, b) for d, a, b in rules if d == HOLIDAY]
        if holiday_rows:
            return holiday_rows
    return [(a, b) for d, a, b in rules if isinstance(d, int) and d == day.weekday()]


def _inner_slots(grid: SlotGrid, day_index: int, start_min: int, end_min: int) -> slice:
    """Slots of one day wholly inside ``[start_min, end_min)`` (for time that is granted)."""
    base = day_index * grid.slots_per_day
    first = math.ceil(start_min / grid.slot_minutes)
    return slice(base + first, base + max(first, end_min // grid.slot_minutes))


def _touched_slots(grid: SlotGrid, day_index: int, start_min: int, end_min: int) -> slice:
    """Slots of one day that overlap ``[start_min, end_min)`` (for time that is taken away)."""
    base = day_index * grid.slots_per_day
    first = start_min // grid.slot_minutes
    return slice(base + first, base + max(first, math.ceil(end_min / grid.slot_minutes)))


def opening_mask(grid: SlotGrid, rules: Iterable[OpeningHours], holiday_dates: frozenset[date],
                 closures: Iterable[Closure]) -> np.ndarray:
    """Slots in which a room is open: its opening hours minus its closures.

    A slot counts as open only if the room is open for the whole slot.
    """
    mask = np.zeros(grid.size, dtype=bool)
    table = [(r.day, r.open_minute, r.close_minute) for r in rules]
    for index, day in enumerate(grid.dates()):
        for open_min, close_min in _rules_for_day(table, day, day in holiday_dates):
            mask[_inner_slots(grid, index, open_min, close_min)] = True
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
    available = np.zeros(grid.size, dtype=bool)
    preferred = np.zeros(grid.size, dtype=bool)
    blocked = np.zeros(grid.size, dtype=bool)
    windows = list(windows)
    for index, day in enumerate(grid.dates()):
        is_holiday = day in holiday_dates
        for w in windows:
            applies = (
                w.day == day
                or (w.day == HOLIDAY and is_holiday)
                or (isinstance(w.day, int) and w.day == day.weekday())
            )
            if not applies:
                continue
            if w.kind == "unavailable":
                blocked[_touched_slots(grid, index, w.start_minute, w.end_minute)] = True
            else:
                inside = _inner_slots(grid, index, w.start_minute, w.end_minute)
                available[inside] = True
                if w.kind == "preferred":
                    preferred[inside] = True
    available &= ~blocked
    preferred &= available
    return available, preferred


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
