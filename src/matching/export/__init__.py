"""Sharing plans: plan files, Excel workbooks, iCalendar files and an HTML report.

Every export is public by default: volunteers' phone numbers and notes appear only when
``include_contacts=True`` is passed, for internal copies.
"""

from .calendar import calendars, event_uid, save_calendars
from .excel import save_excel, sheets
from .html import report_html, report_sections, save_report
from .planfile import (
    Mismatch,
    PlanFile,
    PlanFileError,
    PlanMismatchError,
    load_plan,
    read_plan_file,
    save_plan,
)

__all__ = [
    "Mismatch",
    "PlanFile",
    "PlanFileError",
    "PlanMismatchError",
    "calendars",
    "event_uid",
    "load_plan",
    "read_plan_file",
    "report_html",
    "report_sections",
    "save_calendars",
    "save_excel",
    "save_plan",
    "save_report",
    "sheets",
]
