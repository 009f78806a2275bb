"""Changes of the clocks in the workbook's time zone: local times that never happen or
happen twice.

The planner works on the wall clock (see ``data/README.md``): a time in the workbook is
what the clock on the wall shows, and durations are counted on that clock. Where the
zone changes its clocks, some wall-clock times do not exist (the spring gap) and others
happen twice (the autumn fold). The planner can still use them, but a calendar program
cannot show them as meant, so validation warns about every such time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..i18n import Message, say
from .cells import format_moment

_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Shift:
    """One change of the clocks: wall-clock times in ``[start, end)`` are skipped
    (``skipped``) or happen twice (the clocks go back from ``end`` to ``start``)."""

    start: datetime
    end: datetime
    skipped: bool

    @property
    def first(self) -> str:
        """The first wall-clock time of the shift, ``HH:MM``."""
        return f"{self.start:%H:%M}"

    @property
    def after(self) -> str:
        """The wall-clock time that ends the shift, ``HH:MM`` (``24:00`` for the next
        midnight)."""
        return "24:00" if self.end.date() > self.start.date() else f"{self.end:%H:%M}"

    def wording(self, moment: datetime, zone: str) -> Message:
        """What is odd about ``moment``, a wall-clock time inside this shift."""
        return say("valid.clocks_skip" if self.skipped else "valid.clocks_back",
                   when=format_moment(moment), zone=zone, first=self.first, after=self.after)

    def slots_wording(self, zone: str) -> Message:
        """What becomes of the planner's slots inside this shift."""
        return say("valid.clocks_skip_slots" if self.skipped else "valid.clocks_back_slots",
                   day=f"{self.start:%Y-%m-%d}", zone=zone, first=self.first,
                   after=self.after, minutes=(self.end - self.start) // _MINUTE)


def shifts(zone: ZoneInfo, first: date, last: date) -> list[Shift]:
    """The changes of the clocks from 00:00 of ``first`` to the end of ``last``.

    zoneinfo keeps its transitions to itself, so the days are scanned in UTC (one
    offset a day: cheap for the few years a horizon spans) and each change is then
    pinned to the minute by bisection.
    """
    found = []
    moment = datetime.combine(first - _DAY, time(), UTC)
    stop = datetime.combine(last + 2 * _DAY, time(), UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < stop:
        following = moment + _DAY
        next_offset = following.astimezone(zone).utcoffset()
        if next_offset != offset:
            found.append(_shift(zone, moment, following))
        moment, offset = following, next_offset
    return [s for s in found if s.end.date() >= first and s.start.date() <= last]


def _shift(zone: ZoneInfo, before: datetime, after: datetime) -> Shift:
    """The shift between two UTC instants a day apart whose offsets differ."""
    old = before.astimezone(zone).utcoffset()
    while after - before > _MINUTE:
        middle = before + (after - before) / 2
        if middle.astimezone(zone).utcoffset() == old:
            before = middle
        else:
            after = middle
    new = after.astimezone(zone).utcoffset()
    assert old is not None and new is not None
    instant = after.replace(tzinfo=None, second=0, microsecond=0)
    walls = sorted((instant + old, instant + new))
    return Shift(walls[0], walls[1], skipped=new > old)


def shift_at(moment: datetime, zone: ZoneInfo) -> Shift | None:
    """The shift that makes the wall-clock ``moment`` skipped or repeated, if any.

    A time that exists survives the round trip through UTC from ``fold=0``; a repeated
    one exists and has another offset with ``fold=1`` (PEP 495).
    """
    early = moment.replace(tzinfo=zone, fold=0)
    late = moment.replace(tzinfo=zone, fold=1)
    exists = early.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == moment
    if exists and early.utcoffset() == late.utcoffset():
        return None
    return next((s for s in shifts(zone, moment.date() - _DAY, moment.date() + _DAY)
                 if s.start <= moment < s.end), None)


def grid_times_in(shift: Shift, slot_minutes: int) -> bool:
    """Whether a slot of the grid (every ``slot_minutes`` from midnight) starts in the
    shift."""
    midnight = datetime.combine(shift.start.date(), time())
    minutes = (shift.start - midnight) // _MINUTE
    first = midnight + timedelta(minutes=-(-minutes // slot_minutes) * slot_minutes)
    return first < shift.end
