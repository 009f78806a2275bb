"""The look the actuals' Excel workbooks share (template, ledger, year-end report): a bold,
shaded header row that stays in view while scrolling."""

from __future__ import annotations

from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def style_header(sheet: Worksheet) -> None:
    """Bold and shade the first row and freeze the panes below it."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"
