"""A small builder of tiny workbooks for tests, by keyword instead of positional CSV.

Each call adds one row to a table, naming its columns; :meth:`Workbook.problem` builds
the tables through the reader's own validation (``build_problem``), so a test's problem
is exactly what a coordinator's workbook with those rows would give::

    book = Workbook("2024-03-04", days=7)
    book.room("hall", capacity=40, hours="Mon 09:00-12:00")
    book.volunteer("ann", skills="care", available="Mon 09:00-12:00", min_rest_hours=11)
    book.activity("a", "Night shift", "2024-03-04 00:00", "2024-03-04 08:00", minutes=480,
                  priority="must", roles={"care": (1, 1, 1)})
    problem = book.problem()
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from matching.io import build_problem
from matching.problem import Problem


def _windows(text: str) -> list[tuple[str, str, str]]:
    """``"Mon 09:00-12:00; 2024-03-05 00:00-24:00"`` as (day, start, end) rows."""
    rows = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        day, times = part.split()
        start, end = times.split("-")
        rows.append((day, start, end))
    return rows


class Workbook:
    """Rows of a workbook, table by table; cells are written as a coordinator types them."""

    def __init__(self, start: str, days: int = 7, slot_minutes: int = 60, **settings: Any
                 ) -> None:
        last = date.fromisoformat(start) + timedelta(days=days - 1)
        self.tables: dict[str, list[dict[str, str]]] = {"settings": []}
        self.setting(**{"name": "test", "horizon_start": start,
                        "horizon_end": last.isoformat(), "slot_minutes": slot_minutes,
                        "holidays": "", "language": "en", **settings})

    def _row(self, table: str, **cells: Any) -> None:
        self.tables.setdefault(table, []).append(
            {k: "" if v is None else str(v) for k, v in cells.items()})

    def setting(self, **values: Any) -> Workbook:
        for key, value in values.items():
            self._row("settings", key=key.replace("__", "."), value=value)
        return self

    def room(self, room_id: str, *, capacity: int = 40, hours: str = "", **cells: Any
             ) -> Workbook:
        """A room, open in ``hours`` (``"Mon 09:00-12:00; Tue 00:00-24:00"``)."""
        self._row("rooms", room_id=room_id, name=cells.pop("name", room_id.title()),
                  capacity=capacity, **cells)
        for day, opens, closes in _windows(hours):
            self._row("room_hours", room_id=room_id, day=day, open=opens, close=closes)
        return self

    def volunteer(self, volunteer_id: str, *, skills: str, available: str = "",
                  preferred: str = "", **cells: Any) -> Workbook:
        """A volunteer with ``skills`` (``"care;teach"``), available in ``available`` and
        gladly in ``preferred``."""
        self._row("volunteers", volunteer_id=volunteer_id,
                  name=cells.pop("name", volunteer_id.title()), skills=skills, **cells)
        for kind, windows in (("available", available), ("preferred", preferred)):
            for day, start, end in _windows(windows):
                self._row("availability", volunteer_id=volunteer_id, day=day, start=start,
                          end=end, kind=kind)
        return self

    def activity(self, activity_id: str, title: str, earliest: str, latest: str, *,
                 minutes: int = 60, attendance: int = 10,
                 roles: dict[str, tuple[int, int, int]] | None = None, **cells: Any
                 ) -> Workbook:
        """An activity in the window [earliest, latest) with ``roles`` as role: (min,
        target, max)."""
        self._row("activities", activity_id=activity_id, title=title, earliest_start=earliest,
                  latest_end=latest, duration_minutes=minutes, expected_attendance=attendance,
                  **cells)
        for role, (low, target, high) in (roles or {}).items():
            self._row("roles", activity_id=activity_id, role=role, min=low, target=target,
                      max=high)
        return self

    def closure(self, start: str, end: str, room_id: str = "", reason: str = "") -> Workbook:
        """A closure of ``room_id``, or of the whole center when blank."""
        self._row("closures", room_id=room_id, start=start, end=end, reason=reason)
        return self

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables as the reader gives them: strings, rows numbered from 2."""
        out = {}
        for name, rows in self.tables.items():
            frame = pd.DataFrame(rows, dtype=object).fillna("")
            frame.index = pd.RangeIndex(2, len(rows) + 2, name="row")
            out[name] = frame
        return out

    def problem(self) -> Problem:
        return build_problem(self.frames())
