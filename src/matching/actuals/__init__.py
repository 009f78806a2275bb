"""After the plan: what happened, who came, and the volunteers' hours.

A plan says what should happen; the center reports what did. :func:`save_template`
writes a workbook from a plan, filled in as planned, in which a coordinator records the
departures (an activity moved or cancelled, a no-show, a volunteer who stood in, other
hours); :func:`read_actuals` reads it back and validates it against the plan like any
workbook; :class:`Ledger` counts hours by volunteer, team and quarter, and
:func:`save_ledger` writes them with printable certificates of service hours;
:class:`Review` puts the figures of a year-end report beside the plan and
:func:`save_review` writes it (HTML or Excel); :func:`so_far` cuts them at a day, for a
ledger or a report in the middle of the year.
"""

from __future__ import annotations

from .certificates import certificates_html
from .ledger import Ledger, Service, quarter
from .output import LEDGER_FILES, save_ledger
from .reading import read_actual_tables
from .report import save_review
from .review import Highlights, Review
from .so_far import SoFar, so_far
from .tables import Actuals, Attendance, Occurrence, read_actuals, validate_actuals
from .template import save_template, template_tables

__all__ = [
    "LEDGER_FILES",
    "Actuals",
    "Attendance",
    "Highlights",
    "Ledger",
    "Occurrence",
    "Review",
    "Service",
    "SoFar",
    "certificates_html",
    "quarter",
    "read_actual_tables",
    "read_actuals",
    "save_ledger",
    "save_review",
    "save_template",
    "so_far",
    "template_tables",
    "validate_actuals",
]
