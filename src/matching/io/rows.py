"""Reading a table's rows cell by cell, recording every cell that does not parse.

The workbook's validation (:mod:`matching.io.build`) and the actuals' (``matching.actuals``)
read rows the same way, so that one run reports every problem, each naming its table,
row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, TypeVar

import pandas as pd

from ..errors import Issue, Severity
from ..i18n import ColumnWord, Message, say
from ..problem.entities import DaySpec
from ..rules import Column
from . import cells
from .cells import CellError
from .tags import close_match

T = TypeVar("T")
#: The largest count a cell may hold (people in a room or at an activity, volunteers in a
#: role, activities a month): beyond any center, and small enough that the solver's
#: 64-bit sums of counts times weights cannot overflow (1e308 people would crash it).
MOST = 100_000


def cell_text(value: Any) -> str:
    """A cell as it is compared and parsed: without invisible characters and surrounding
    spaces (:func:`cells.plain`), so that an id copied with a zero-width space is still
    the id; blank for a missing cell (None or NaN, as edited tables hold them)."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else (
        cells.plain(str(value)))


class Row:
    """One row being validated: reads cells and records what does not parse."""

    def __init__(self, table: str, number: int, values: Mapping[str, Any],
                 issues: list[Issue]) -> None:
        self.table, self.number, self.values, self.issues = table, number, values, issues

    def text(self, column: str) -> str:
        return cell_text(self.values.get(column, ""))

    def error(self, column: str | None, expected: str | Message, value: str | None = None,
              severity: Severity = "error") -> None:
        """Record what the cell (or row) should have been: a message of the catalogue,
        read in the workbook's language, or English text."""
        shown = self.text(column) if value is None and column else (value or "")
        self.issues.append(
            Issue.said(self.table, self.number, column, shown, expected, severity)
            if isinstance(expected, Message) else
            Issue(self.table, self.number, column, shown, expected, severity))

    def get(self, column: str, parse: Callable[..., T], *args: Any, default: T | None = None,
            required: bool = False, **kwargs: Any) -> T | None:
        """The parsed cell, ``default`` when blank, or None after recording the error."""
        text = self.text(column)
        if not text:
            if required and column in self.values:  # a missing column is reported once
                self.error(column, say("valid.required"))
            return default
        try:
            return parse(text, *args, **kwargs)
        except CellError as exc:
            self.error(column, exc.wording or str(exc))
            return None

    def day_window(self, start: str, end: str, why: Message) -> tuple[DaySpec, int, int] | None:
        """``(day, start minute, end minute)`` of a row of hours on a day (the end may be
        24:00), or None after recording what is missing, does not parse or ends before it
        starts (``why`` says why it must not)."""
        day = self.get("day", cells.parse_day, required=True)
        first = self.get(start, cells.time_of_day_minutes, required=True)
        last = self.get(end, cells.time_of_day_minutes, allow_24=True, required=True)
        if first is not None and last is not None and last <= first:
            # an end at 00:00 is most often midnight, which a day's window writes 24:00;
            # one at 8:30 after a start at 14:00 most often 20:30
            later = last + 12 * 60
            if last == 0:
                why = say("valid.midnight", why=why)
            elif first < later <= 24 * 60:
                why = say("valid.after_noon", why=why, end=cells.minutes_text(later))
            self.error(end, say("valid.after", start=ColumnWord(start, self.table), why=why))
            return None
        if day is None or first is None or last is None:
            return None
        return day, first, last

    def limits(self, columns: tuple[Column, ...], column_of: Callable[[Column], str]
               ) -> tuple[tuple[str, float], ...]:
        """The duty limits this row sets (blank cells are left out), each read from the
        cell ``column_of(column)`` and checked against the rule's range."""
        out = []
        for column in columns:
            cell = column_of(column)
            value = (self.count(cell, int(column.low)) if column.integer else
                     self.get(cell, cells.parse_number, low=column.low, high=column.high))
            if value is not None:
                out.append((column.name, value))
        return tuple(out)

    def count(self, column: str, low: int, *, default: int | None = None,
              required: bool = False) -> int | None:
        """A whole number of people, volunteers or activities, from ``low`` to
        :data:`MOST`, the default when blank, or None after recording the error."""
        value = self.get(column, cells.parse_int, low=low, default=default,
                         required=required)
        if value is not None and value > MOST:
            self.error(column, say("valid.whole_to", high=MOST))
            return None
        return value

    def need(self, column: str) -> str:
        """A required text cell (an id or a name)."""
        text = self.text(column)
        if not text and column in self.values:  # a missing column is reported once
            self.error(column, say("valid.required"))
        return text


def column_issues(name: str, frame: pd.DataFrame, required: Iterable[str],
                  known: Collection[str] | None = None) -> list[Issue]:
    """The header's issues of table ``name``: an error for each ``required`` column it
    lacks, on the column typed for it where one is close (``capacty``: "is this it,
    misspelt?"), else on the missing one; with ``known``, a warning for each other
    column none of the table's (ignored)."""
    present = [str(column) for column in frame.columns if column]
    unknown = [c for c in present if c not in (known if known is not None else required)]
    issues = []
    for column in required:
        if column in present:
            continue
        typo = close_match(column, unknown)
        if typo is None:
            issues.append(Issue.said(name, 1, column, "", say("valid.column", column=column)))
        else:
            unknown.remove(typo)
            issues.append(Issue.said(name, 1, typo, typo,
                                     say("valid.column_misspelt", column=column)))
    if known is not None:
        issues += [Issue.said(name, 1, column, column, say(
            "valid.known_column", columns=", ".join(known)), "warning") for column in unknown]
    return issues


def rows_of(tables: Mapping[str, pd.DataFrame], name: str, issues: list[Issue]) -> list[Row]:
    """The rows of table ``name`` (none when it is absent), recording into ``issues``."""
    frame = tables.get(name)
    if frame is None:
        return []
    # not frame.to_dict: it warns on stderr about a column named twice (reported)
    lines = frame.itertuples(index=False, name=None)
    return [Row(name, int(number), dict(zip(frame.columns, values, strict=True)), issues)
            for number, values in zip(frame.index, lines, strict=True)]


def unrepeated(issues: list[Issue], file_issues: list[Issue]) -> list[Issue]:
    """``issues`` without validation's findings on cells the reader already reported: a
    formula without a saved result reads as blank, and "a value (this column is
    required)" would wrongly tell the user the cell they see filled is empty."""
    reported = {(i.table, i.row, i.column) for i in file_issues if i.row and i.column}
    return file_issues + [i for i in issues[len(file_issues):]
                          if (i.table, i.row, i.column) not in reported]
