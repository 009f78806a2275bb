"""The look the actuals' Excel workbooks share (template, ledger, year-end report): a bold,
shaded header row that stays in view while scrolling, and shares shown as percentages."""

from __future__ import annotations

from typing import Final

from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from .labels import heading

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
#: Columns of shares (no-shows over the times someone was expected): the tables keep the
#: fraction (0.075), which a reader sees as a percentage (7.5%).
RATES: Final = ("no_show_rate", "expected_no_show_rate")
PERCENT: Final = "0.0%"


def style_header(sheet: Worksheet) -> None:
    """Bold and shade the first row and freeze the panes below it."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"


def rate_headings(language: str) -> set[str]:
    """The headings of the :data:`RATES` columns in ``language``."""
    return {heading(key, language) for key in RATES}


def show_rates(sheet: Worksheet, language: str) -> None:
    """Show the numbers of the rate columns (found by their heading in the first row)
    as percentages; they stay numbers."""
    rates = rate_headings(language)
    for column in sheet.iter_cols():
        if str(column[0].value) in rates:
            for cell in column[1:]:
                cell.number_format = PERCENT
