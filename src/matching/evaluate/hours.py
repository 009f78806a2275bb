"""Opening hours and availability as exact time intervals, re-derived from the raw rows.

The solver works on slot masks (:mod:`matching.problem.calendar`); the evaluator must not
trust them, so this module reads the same workbook rules a second way: plain datetime
intervals per date, merged and cut with closures or ``unavailable`` rows. A bug in the
masks then shows up as a disagreement instead of a silently accepted plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import cache

from ..problem.entities import HOLIDAY, AvailabilityWindow, Closure, DaySpec, OpeningHours
from ..problem.model import Problem

Interval = tuple[datetime, datetime]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted union of intervals; touching intervals join (08:00–12:00 + 12:00–14:00)."""
    result: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def subtract(intervals: Iterable[Interval], cuts: Iterable[Interval]) -> list[Interval]:
    """The parts of ``intervals`` outside every cut."""
    pieces = merge(intervals)
    for cut_start, cut_end in merge(cuts):
        kept: list[Interval] = []
        for start, end in pieces:
            if start < cut_start:
                kept.append((start, min(end, cut_start)))
            if end > cut_end:
                kept.append((max(start, cut_end), end))
        pieces = [p for p in kept if p[0] < p[1]]
    return pieces


def covers(intervals: Iterable[Interval], start: datetime, end: datetime) -> bool:
    """Whether ``[start, end)`` lies wholly inside the union of ``intervals``."""
    return any(s <= start and end <= e for s, e in merge(intervals))


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Whether two half-open intervals share a moment (empty intervals share none)."""
    return a_start < b_end and b_start < a_end and a_start < a_end and b_start < b_end


def dates_touched(start: datetime, end: datetime) -> list[date]:
    """The dates ``[start, end)`` has time on (at least the start's date)."""
    last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
    return [start.date() + timedelta(days=i) for i in range((last - start.date()).days + 1)]


def _on(day: date, start_minute: int, end_minute: int) -> Interval:
    midnight = datetime.combine(day, time())
    return (midnight + timedelta(minutes=start_minute), midnight + timedelta(minutes=end_minute))


class Hours:
    """When rooms are open and volunteers available, date by date, from the raw records."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self._opening: dict[str, list[OpeningHours]] = {}
        for rule in problem.opening_hours:
            self._opening.setdefault(rule.room_id, []).append(rule)
        self._closures: dict[str | None, list[Closure]] = {}
        for closure in problem.closures:
            self._closures.setdefault(closure.room_id, []).append(closure)
        self._windows: dict[str, list[AvailabilityWindow]] = {}
        for window in problem.availability:
            self._windows.setdefault(window.volunteer_id, []).append(window)
        self.room_hours = cache(self._room_hours)
        self.room_open = cache(self._room_open)
        self.available = cache(self._available)
        self.preferred = cache(self._preferred)
        self.has_preferred_time = cache(self._has_preferred_time)

    # -- rooms -------------------------------------------------------------------------
    def _room_hours(self, room_id: str, day: date) -> list[Interval]:
        """Opening hours on ``day`` before closures: the room's rows for that date if any,
        else its ``holiday`` rows on a public holiday if any, else its weekday rows."""
        rules = self._opening.get(room_id, [])
        chosen = [r for r in rules if r.day == day]
        if not chosen and day in self.problem.holiday_dates:
            chosen = [r for r in rules if r.day == HOLIDAY]
        if not chosen:
            chosen = [r for r in rules if isinstance(r.day, int) and r.day == day.weekday()]
        return merge(_on(day, r.open_minute, r.close_minute) for r in chosen)

    def closures(self, room_id: str) -> list[Closure]:
        """Closures of the room and of the whole center."""
        return self._closures.get(room_id, []) + self._closures.get(None, [])

    def _room_open(self, room_id: str, day: date) -> list[Interval]:
        """Time on ``day`` the room is open and not closed."""
        return subtract(self.room_hours(room_id, day),
                        ((c.start, c.end) for c in self.closures(room_id)))

    def room_open_between(self, room_id: str, start: datetime, end: datetime) -> list[Interval]:
        """Open time on every date ``[start, end)`` touches (an activity running past
        midnight is judged against both days)."""
        return merge(i for d in dates_touched(start, end) for i in self.room_open(room_id, d))

    # -- volunteers --------------------------------------------------------------------
    def _windows_on(self, volunteer_id: str, day: date) -> list[AvailabilityWindow]:
        holiday = day in self.problem.holiday_dates
        return [w for w in self._windows.get(volunteer_id, [])
                if _applies(w.day, day, holiday)]

    def _available(self, volunteer_id: str, day: date) -> list[Interval]:
        """Time on ``day`` the volunteer is available: ``available`` and ``preferred`` rows
        add time, ``unavailable`` rows carve it out and always win."""
        windows = self._windows_on(volunteer_id, day)
        return subtract((_on(day, w.start_minute, w.end_minute) for w in windows
                         if w.kind != "unavailable"),
                        (_on(day, w.start_minute, w.end_minute) for w in windows
                         if w.kind == "unavailable"))

    def _preferred(self, volunteer_id: str, day: date) -> list[Interval]:
        """Time on ``day`` the volunteer prefers: ``preferred`` rows minus ``unavailable``."""
        windows = self._windows_on(volunteer_id, day)
        return subtract((_on(day, w.start_minute, w.end_minute) for w in windows
                         if w.kind == "preferred"),
                        (_on(day, w.start_minute, w.end_minute) for w in windows
                         if w.kind == "unavailable"))

    def available_between(self, volunteer_id: str, start: datetime,
                          end: datetime) -> list[Interval]:
        return merge(i for d in dates_touched(start, end) for i in self.available(volunteer_id, d))

    def preferred_between(self, volunteer_id: str, start: datetime,
                          end: datetime) -> list[Interval]:
        return merge(i for d in dates_touched(start, end) for i in self.preferred(volunteer_id, d))

    def _has_preferred_time(self, volunteer_id: str) -> bool:
        """Whether the volunteer prefers some time in the horizon (only then can time
        outside it cost ``preferred_time``)."""
        if not any(w.kind == "preferred" for w in self._windows.get(volunteer_id, [])):
            return False
        return any(self.preferred(volunteer_id, d) for d in self.problem.grid.dates())


def _applies(spec: DaySpec, day: date, holiday: bool) -> bool:
    if isinstance(spec, int):
        return spec == day.weekday()
    if spec == HOLIDAY:
        return holiday
    return spec == day
