"""Reading the filled attendance template: the ``actuals`` and ``attendance`` tables of an
``.xlsx`` file or of a folder of CSV files.

The template is filled in Excel or WPS like any workbook, so it is read under the
workbook reader's rules (:mod:`matching.io.files`): cells as the user sees them, nothing
silently read as blank (a formula without a saved result, an Excel error, a merged
range), headers case-insensitive, sheet and file names as forgiving, CSVs in the
encodings Excel and WPS write: it is simply asked for these two tables, and every other
sheet (the README, the volunteer ids) is ignored.
"""

from __future__ import annotations

import errno
import os
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd

from ..errors import DataError, Issue
from ..i18n import Listing, say
from ..io.cells import CellError, format_moment, parse_datetime
from ..io.files import read_tables
from ..io.planfile import digest
from ..plan import Plan

#: The tables of a filled template, in the order they are checked and reported.
ACTUAL_TABLES = ("actuals", "attendance")
#: How a template names, in its document properties, the plan it was written from.
PLAN_MARK = "matching-plan:"
#: The hidden sheet of a template that records each activity as its plan had it
#: (:func:`activity_marks`): a plan changed since, in months not yet counted, still reads it.
MARKS_SHEET = "matching-plan"
#: How many of the activities another plan has otherwise a refusal names.
NAMED_CHANGES = 5


def plan_mark(plan: Plan) -> str:
    """What a template records of the plan it lists (:data:`PLAN_MARK` and a digest of
    its starts, rooms and seats): a template filled in for one plan and read against
    another credits the people of both."""
    return PLAN_MARK + digest({
        "assignments": sorted([a.activity_id, format_moment(a.start) if a.start else "",
                               a.room_id or ""] for a in plan.assignments),
        "staffing": sorted([s.activity_id, s.role, s.volunteer_id] for s in plan.staffing)})


def activity_marks(plan: Plan) -> dict[str, tuple[str, str]]:
    """Each activity of ``plan``: its planned start (``YYYY-MM-DD HH:MM``, empty when it
    is not scheduled) and a digest of its start, room and seats."""
    seats: dict[str, list[list[str]]] = defaultdict(list)
    for s in plan.staffing:
        seats[s.activity_id].append([s.role, s.volunteer_id])
    marks = {}
    for a in plan.assignments:
        start = format_moment(a.start) if a.start else ""
        marks[a.activity_id] = (start, digest({"start": start, "room": a.room_id or "",
                                               "seats": sorted(seats[a.activity_id])}))
    return marks


def check_plan_mark(path: Path, plan: Plan, until: date | None = None,
                    recorded: Mapping[str, str] | None = None) -> None:
    """Refuse a filled ``.xlsx`` template written from another plan than ``plan`` (one
    whose properties a program dropped, or a CSV folder, is read as it is). With
    ``until``, only the activities the two plans start by that day must agree: the
    template of the year, filled in for the first quarter, still reads with the plan
    that re-planned the rest of the year. ``recorded`` are the starts the template's
    rows record (activity id to its ``start`` cell): one held sooner than either plan
    has it counts by that day.

    Raises
    ------
    DataError
        Saying so (naming the activities planned otherwise, where the template records
        them), and how to make the template of ``plan``.
    """
    if path.is_dir():
        return
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # the table reader says what is wrong with the file
        return
    written = book.properties.identifier or ""
    if not written.startswith(PLAN_MARK) or written == plan_mark(plan):
        book.close()
        return
    theirs = _marks_in(book)
    book.close()
    command = "export --to attendance-template"
    if theirs is None:  # a template written before activities were marked one by one
        wording = say("actuals_valid.other_plan", file=path.name, command=command)
    else:
        ours = activity_marks(plan)
        changed = _changed(theirs, ours, until, recorded or {})
        if not changed:
            return
        # a quarter's template with the next quarter's plan: its activities are not
        # planned otherwise, they are not there
        if not theirs.keys() & ours.keys():
            key, changed = "other_plan_absent", [aid for aid in changed if aid in theirs]
        else:
            key = "other_plan_changed"
        wording = say(f"actuals_valid.{key}", file=path.name, command=command,
                      count=len(changed), activities=Listing(tuple(changed),
                                                             limit=NAMED_CHANGES))
    # no "got ...; expected ..." frame: the sentence says what the file is
    raise DataError([Issue.said("actuals", None, None, "", wording)],
                    say("issue.the_actuals"))


def _marks_in(book: openpyxl.Workbook) -> dict[str, tuple[str, str]] | None:
    """The activities :data:`MARKS_SHEET` records, None when the template has no such
    sheet."""
    if MARKS_SHEET not in book.sheetnames:
        return None
    rows = book[MARKS_SHEET].iter_rows(min_row=2, max_col=3, values_only=True)
    return {str(aid): (str(start or ""), str(mark or "")) for aid, start, mark in rows if aid}


def _changed(theirs: Mapping[str, tuple[str, str]], ours: Mapping[str, tuple[str, str]],
             until: date | None, recorded: Mapping[str, str]) -> list[str]:
    """Activities the two plans have otherwise, among those either plan, or the row
    recorded, starts by ``until`` (all of them without)."""
    changed = []
    for aid in sorted(theirs.keys() | ours.keys()):
        (start, mark), (other_start, other_mark) = (marks.get(aid, ("", "")) for marks in
                                                    (theirs, ours))
        days = [day for day in map(_day, (start, other_start, recorded.get(aid, ""))) if day]
        if mark != other_mark and (until is None or (days and min(days) <= until)):
            changed.append(aid)
    return changed


def _day(moment: str) -> date | None:
    """The day of a start as a plan or a template's cell has it; None for none."""
    try:
        return parse_datetime(moment).date() if moment.strip() else None
    except CellError:  # the table's validation says what is wrong with it
        return None


def read_actual_tables(path: str | os.PathLike[str]
                       ) -> tuple[dict[str, pd.DataFrame], list[Issue]]:
    """The ``actuals`` and ``attendance`` tables found at ``path`` (an ``.xlsx`` or a CSV
    folder) as DataFrames of strings indexed by spreadsheet row, and the file-level issues
    met reading them (by the workbook reader, which is told these two table names). A file
    with neither table is an error; one of them may be absent.

    Raises
    ------
    FileNotFoundError
        When nothing is at ``path`` (naming it, as ``open`` does: the command line then
        says what the ``--actuals`` argument should be, in its language).
    DataError
        When ``path`` is neither an ``.xlsx`` file nor a folder, or cannot be opened.
    """
    source = Path(path)
    if not source.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(source))
    if not source.is_dir() and source.suffix.lower() not in (".xlsx", ".xlsm"):
        raise DataError([Issue.said("actuals", None, None, str(source),
                                    say("actuals_valid.template_path"))],
                        say("issue.the_actuals"))
    tables, issues = read_tables(source, names=ACTUAL_TABLES)
    if not tables and not any(i.severity == "error" for i in issues):
        issues.append(Issue.said("actuals", None, None, source.name,
                                 say("actuals_valid.tables", first=ACTUAL_TABLES[0],
                                     second=ACTUAL_TABLES[1])))
    return tables, issues
