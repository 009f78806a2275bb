"""Sharing plans: Excel workbooks, iCalendar files and an HTML report (plan files are
read and written by :mod:`matching.io`).

Every export is public by default: volunteers' phone numbers and notes appear only when
``include_contacts=True`` is passed, for internal copies. Public exports show the fields
of :data:`privacy.PUBLIC_FIELDS` only and are checked field by field before anything is
written (:class:`PersonalDataError`).

The calendar and HTML exports need the optional ``icalendar`` and ``jinja2`` packages
(``pip install matching[export]``); their modules are imported on first use, so plan
files and Excel work without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .excel import save_excel, sheets
from .privacy import PersonalDataError

if TYPE_CHECKING:
    from .calendar import calendars, event_uid, save_calendars
    from .html import report_html, report_sections, save_report

_LAZY = {"calendars": "calendar", "event_uid": "calendar", "save_calendars": "calendar",
         "report_html": "html", "report_sections": "html", "save_report": "html"}

__all__ = [
    "PersonalDataError",
    "calendars",
    "event_uid",
    "report_html",
    "report_sections",
    "save_calendars",
    "save_excel",
    "save_report",
    "sheets",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
