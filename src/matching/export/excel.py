"""The plan as an Excel workbook that staff can open, filter and print as it is.

Each view gets a sheet with a frozen, repeated header row, readable column widths and an
A4 landscape page that fits the width. Text is always written as text: a title such as
``=HYPERLINK(...)`` typed by a user must never become a live formula in someone else's
Excel.
"""

from __future__ import annotations

import os
import unicodedata
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..evaluate import Score, evaluate, kpis
from ..io.outputs import FORCE_ARGUMENT, check_file, save_exported
from ..plan import Plan
from ..problem.model import Problem
from . import privacy, views
from .labels import label

MIN_WIDTH, MAX_WIDTH = 6, 60
HEADER_FILL: Final = PatternFill("solid", fgColor="DDE4EE")


def sheets(problem: Problem, plan: Plan, *, score: Score | None = None,
           include_contacts: bool = False) -> dict[str, pd.DataFrame]:
    """The workbook's sheets as DataFrames with column keys (not yet translated), in order.

    ``overview`` holds what the plan is, then every key figure; ``score`` one row per
    hard rule and objective term. Values a reader sees (priorities, rule names, key
    figures, reasons) are already in the workbook's language.

    Raises
    ------
    PersonalDataError
        When, without ``include_contacts``, a sheet has a column outside
        :data:`~matching.export.privacy.PUBLIC_FIELDS` or a cell showing a phone number
        or notes.
    """
    score = score if score is not None else evaluate(problem, plan)
    overview = views.overview(problem, plan, broken=len(score.hard_violations),
                              include_contacts=include_contacts)
    tables = {
        "overview": pd.concat([overview, views.key_figures(kpis(problem, plan, score),
                                                           problem.settings.language)],
                              ignore_index=True),
        "by_day": views.agenda(problem, plan),
        "by_room": views.by_room(problem, plan),
        "by_volunteer": views.by_volunteer(problem, plan, include_contacts=include_contacts),
        "roster": views.roster(problem, plan, include_contacts=include_contacts),
        "unscheduled": views.unscheduled(problem, plan),
        "score": views.score_table(score, problem.settings.language),
    }
    if not include_contacts:
        privacy.check_tables(problem, tables)
    return tables


def save_excel(problem: Problem, plan: Plan, path: str | os.PathLike[str], *,
               score: Score | None = None, include_contacts: bool = False,
               force: bool = False) -> Path:
    """Write the plan to the ``.xlsx`` file ``path``, atomically.

    Parameters
    ----------
    problem, plan
        The plan and the problem it was made for.
    path
        Where to write; an existing file is replaced only once the new one is complete,
        and only if the toolkit exported it or ``force`` is set: never the workbook
        itself, a plan or anyone's notes by a slip of the path.
    score
        The plan's score, when already computed (otherwise it is evaluated here).
    include_contacts
        Add volunteers' phone numbers and notes, for internal use only; by default the
        workbook can be shared without leaking personal data.
    force
        Replace whatever file is at ``path``.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        When ``path`` does not end in ``.xlsx`` (an Excel file named otherwise opens
        nowhere).
    matching.io.outputs.OutputFileError
        When a file the toolkit did not export is at ``path`` and ``force`` is not set;
        nothing is written.
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ValueError(f"an Excel plan is an .xlsx file, not {target.name}")
    check_file(target, force=force, option=FORCE_ARGUMENT)
    language = problem.settings.language
    book = openpyxl.Workbook()
    book.remove(book.active)
    for key, frame in sheets(problem, plan, score=score,
                             include_contacts=include_contacts).items():
        sheet = book.create_sheet(label(key, language))
        _write_table(sheet, views.headings(frame, language))
        _lay_out(sheet, problem.settings.name)
    book.properties.title = problem.settings.name
    save_exported(book, target)
    return target


def _write_table(sheet: Worksheet, frame: pd.DataFrame) -> None:
    sheet.append([str(c) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for values in frame.itertuples(index=False, name=None):
        sheet.append([_value(v) for v in values])
        for cell in sheet[sheet.max_row]:
            _fix_cell(cell)


def _value(value: Any) -> Any:
    """A value openpyxl stores faithfully: missing values become empty cells."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, datetime, date, time)):
        return value.item()  # numpy scalars
    return value


def _fix_cell(cell: Any) -> None:
    """Dates and times get readable formats (text stays text: :func:`save_exported`)."""
    value = cell.value
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, time):
        cell.number_format = "hh:mm"


def _display_width(value: Any) -> int:
    """Roughly how many character cells the value needs (CJK characters take two)."""
    if isinstance(value, datetime):
        return 16
    if isinstance(value, (date, time)):
        return 10 if isinstance(value, date) else 5
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lay_out(sheet: Worksheet, title: str) -> None:
    """Frozen header, filters, column widths and an A4 landscape print fitting the width."""
    for column in sheet.iter_cols():
        width = max(_display_width(c.value) for c in column) + 2
        letter = get_column_letter(column[0].column)
        sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, width))
        if width > MAX_WIDTH:
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = "&P / &N"
