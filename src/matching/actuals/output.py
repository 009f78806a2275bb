"""The ledger folder: ``ledger.xlsx``, ``hours.csv`` and ``certificates.html``, whole or
not at all.

The folder is shared (with team leaders, the street office, the volunteers), so every
field it shows is checked for phone numbers and notes before anything is written
(:func:`matching.export.privacy.check_fields`), and it is written to the side and
swapped in at once (:func:`matching.io.outputs.replace_folder`): a failed run leaves
last quarter's ledger as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..export.privacy import check_fields, html_fields, table_fields
from ..io.outputs import FORCE_ARGUMENT, check_not_input, keep_text, replace_folder
from .certificates import certificates_html
from .labels import counts_shown, heading, value
from .ledger import Ledger
from .sheets import show_rates, style_header

#: What a ledger folder's manifest says wrote it: a folder of another output is refused.
LEDGER_KIND = "ledger"

LEDGER_FILES = ("ledger.xlsx", "hours.csv", "certificates.html")
#: Columns whose values are words to translate in the workbook (keys in hours.csv).
_WORD_COLUMNS = ("source",)


def save_ledger(ledger: Ledger, folder: str | os.PathLike[str], *, force: bool = False
                ) -> Path:
    """Write the ledger's files into ``folder``, replacing it whole.

    Raises
    ------
    matching.export.PersonalDataError
        When a field would show a volunteer's phone number or notes; nothing is written.
    matching.io.outputs.OutputFolderError
        When ``folder`` holds files the toolkit did not write and ``force`` is false.
    matching.io.outputs.OverInputError
        When ``folder`` is (or holds) the record of what happened it counts, even with
        ``force``.
    """
    check_not_input(folder, ledger.actuals.source)
    problem = ledger.problem
    language = problem.settings.language
    tables = ledger.tables()
    hours = ledger.hours_table()
    html = certificates_html(problem, ledger.volunteers)
    check_fields(problem, [*table_fields(tables), *html_fields(html, "certificates.html")])

    def write(side: Path) -> None:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for key, frame in tables.items():
            sheet = book.create_sheet(heading(key, language))
            _write_sheet(sheet, _shown(frame, language))
            show_rates(sheet, language)
        book.properties.title = problem.settings.name
        keep_text(book)  # a name typed as "=..." stays text
        book.save(side / "ledger.xlsx")
        hours.to_csv(side / "hours.csv", index=False, encoding="utf-8-sig")
        (side / "certificates.html").write_text(html, encoding="utf-8")

    return replace_folder(folder, write, force=force, option=FORCE_ARGUMENT,
                          kind=LEDGER_KIND)


def _shown(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """The table as a reader sees it: headings, sources, "no team" and participants
    nobody recorded in ``language``."""
    shown = frame.copy()
    for column in _WORD_COLUMNS:
        if column in shown:
            shown[column] = [value(v, language) for v in shown[column]]
    if "participants" in shown:
        shown["participants"] = counts_shown(shown["participants"], language)
    if "team" in shown and "volunteer_id" not in shown:
        shown["team"] = [t or heading("no_team", language) for t in shown["team"]]
    return shown.rename(columns={c: heading(c, language) for c in shown.columns})


def _write_sheet(sheet: Worksheet, frame: pd.DataFrame) -> None:
    sheet.append([str(c) for c in frame.columns])
    for values in frame.itertuples(index=False, name=None):
        sheet.append([None if v is None or (isinstance(v, float) and pd.isna(v)) else
                      v.item() if hasattr(v, "item") else v for v in values])
    style_header(sheet)
    for position, column in enumerate(sheet.iter_cols(), start=1):
        width = max(len(str(c.value or "")) * (2 if not str(c.value or "").isascii() else 1)
                    for c in column)
        sheet.column_dimensions[get_column_letter(position)].width = min(40, max(8, width + 2))
