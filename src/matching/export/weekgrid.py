"""The plan as week-by-week calendar grids, one per room and week, for the printed report.

A coordinator pins a room's week on the door and checks a week at a glance, so the
printed plan shows each room's week as a small table: rows are the hours of the day in
which something starts in that room that week, columns are the days Monday to Sunday,
and a cell lists what starts then (its time and title). Only rooms and weeks with
something in them get a grid, and only hours with something get a row, so a year fits
on a sensible number of A4 pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..i18n import clock
from ..problem.model import Problem
from . import views

DAYS_A_WEEK = 7


@dataclass(frozen=True)
class Entry:
    """One scheduled activity in a cell: when it starts and ends, and its title."""

    activity_id: str
    title: str
    start: datetime
    end: datetime

    @property
    def time(self) -> str:
        """``09:00–11:30``; an activity ending on a later day shows its end date, but one
        ending at the midnight after its day ends at 24:00."""
        end = clock(self.end, self.start.date())
        if self.end.date() > self.start.date() and end != "24:00":
            end = f"{self.end:%m-%d %H:%M}"
        return f"{self.start:%H:%M}–{end}"


@dataclass(frozen=True)
class Row:
    """The activities starting in one hour of the day, day by day (seven cells)."""

    hour: int
    cells: tuple[tuple[Entry, ...], ...]

    @property
    def label(self) -> str:
        return f"{self.hour:02d}:00"


@dataclass(frozen=True)
class RoomWeek:
    """One room's week: its rows, earliest hour first. ``room`` is None for activities
    the plan places in no room."""

    room: str | None
    rows: tuple[Row, ...]

    @property
    def entries(self) -> int:
        return sum(len(cell) for row in self.rows for cell in row.cells)


@dataclass(frozen=True)
class Week:
    """A week from Monday to Sunday and the grid of each room with something in it, in
    the workbook's room order."""

    monday: date
    rooms: tuple[RoomWeek, ...]

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.monday + timedelta(days=i) for i in range(DAYS_A_WEEK))

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=DAYS_A_WEEK - 1)


def weeks(problem: Problem, placed: Iterable[views.Shown]) -> list[Week]:
    """The grids of every week with a scheduled activity, in time order.

    Each activity appears once: in the week, room, hour and day it starts.
    """
    order = {r.room_id: i for i, r in enumerate(problem.rooms)}
    cells: dict[date, dict[str | None, dict[int, list[list[Entry]]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(lambda: [[] for _ in range(DAYS_A_WEEK)])))
    for p in placed:
        day = p.start.date()
        monday = day - timedelta(days=day.weekday())
        room = p.room.room_id if p.room else None
        cells[monday][room][p.start.hour][day.weekday()].append(
            Entry(p.activity.activity_id, p.activity.title, p.start, p.end))

    def room_rank(room: str | None) -> int:
        return order.get(room, len(order)) if room is not None else len(order) + 1

    out = []
    for monday in sorted(cells):
        rooms = []
        for room in sorted(cells[monday], key=room_rank):
            hours = cells[monday][room]
            rows = tuple(Row(hour, tuple(tuple(sorted(cell, key=lambda e: e.start))
                                         for cell in hours[hour]))
                         for hour in sorted(hours))
            name = problem.room_by_id[room].name if room in problem.room_by_id else room
            rooms.append(RoomWeek(name, rows))
        out.append(Week(monday, tuple(rooms)))
    return out
