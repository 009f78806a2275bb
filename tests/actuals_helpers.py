"""A planned data/tiny, its attendance template and ways to fill it in, for the actuals
and ledger tests.

The greedy plan of data/tiny (deterministic, no solver) is:

| activity | when | room | volunteers (planned hours) |
| --- | --- | --- | --- |
| a1 | Mon 2024-03-04 09:00-10:00 | hall | v3, v1 (1 h) |
| a4 | Mon 2024-03-04 10:00-11:00 | studio | v1 (1 h) |
| a3 | Tue 2024-03-05 13:00-15:00 | hall | v2, v1 (2 h) |
| a2 | Wed 2024-03-06 09:00-10:00 | hall | v1, v3 (1 h) |
| b1 | Wed 2024-03-06 18:00-20:00 | studio | nobody (a booking) |
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from matching.greedy import greedy_plan
from matching.io import load_problem, save_plan
from matching.plan import Plan
from matching.problem import Problem

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"
GREEDY = {"a1": (datetime(2024, 3, 4, 9), "hall", ["v3", "v1"]),
          "a4": (datetime(2024, 3, 4, 10), "studio", ["v1"]),
          "a3": (datetime(2024, 3, 5, 13), "hall", ["v2", "v1"]),
          "a2": (datetime(2024, 3, 6, 9), "hall", ["v1", "v3"]),
          "b1": (datetime(2024, 3, 6, 18), "studio", [])}


def tiny_plan(folder: Path) -> tuple[Problem, Plan, Path]:
    """data/tiny, its greedy plan (checked to be the one described above) and the plan
    file saved in ``folder``."""
    problem = load_problem(TINY)
    plan = greedy_plan(problem)
    placed = {a.activity_id: (a.start, a.room_id,
                              [s.volunteer_id for s in plan.staff_of.get(a.activity_id, ())])
              for a in plan.assignments}
    assert placed == GREEDY
    return problem, plan, save_plan(plan, problem, folder / "plan.json", workbook=TINY)


class Filled:
    """A template opened for filling in, as a coordinator does in Excel."""

    def __init__(self, path: Path) -> None:
        self.book = openpyxl.load_workbook(path)

    @property
    def actuals(self) -> Worksheet:
        return self.book["actuals"]

    @property
    def attendance(self) -> Worksheet:
        return self.book["attendance"]

    @staticmethod
    def columns(sheet: Worksheet) -> dict[str, int]:
        return {str(c.value): c.column for c in sheet[1]}

    def rows(self, sheet: Worksheet) -> Iterator[dict[str, Any]]:
        """Each data row as {column: cell}."""
        names = self.columns(sheet)
        for number in range(2, sheet.max_row + 1):
            yield {name: sheet.cell(number, col) for name, col in names.items()}

    def activity(self, aid: str) -> dict[str, Any]:
        return next(r for r in self.rows(self.actuals) if r["activity_id"].value == aid)

    def seat(self, aid: str, vid: str) -> dict[str, Any]:
        return next(r for r in self.rows(self.attendance)
                    if (r["activity_id"].value, r["volunteer_id"].value) == (aid, vid))

    def delete_seat(self, aid: str, vid: str) -> None:
        self.attendance.delete_rows(self.seat(aid, vid)["activity_id"].row)

    def add(self, sheet: Worksheet, **values: object) -> int:
        """Append a row with ``values`` by column; its spreadsheet row number."""
        names = self.columns(sheet)
        row = sheet.max_row + 1
        for column, value in values.items():
            sheet.cell(row, names[column], value)
        return row

    def save(self, path: Path) -> Path:
        self.book.save(path)
        return path
