"""The planning problem: typed records, the slot grid and eligibility (no solver here)."""

from .calendar import SlotGrid
from .eligibility import Exclusion, Facts
from .entities import (
    ACTIVITY_KINDS,
    AGE_BANDS,
    AVAILABILITY_KINDS,
    HOLIDAY,
    PRIORITIES,
    Activity,
    AvailabilityWindow,
    Closure,
    OpeningHours,
    Preference,
    Role,
    Room,
    Settings,
    Theme,
    Volunteer,
)
from .model import Problem
from .weights import DEFAULT_WEIGHTS

__all__ = [
    "ACTIVITY_KINDS",
    "AGE_BANDS",
    "AVAILABILITY_KINDS",
    "DEFAULT_WEIGHTS",
    "HOLIDAY",
    "PRIORITIES",
    "Activity",
    "AvailabilityWindow",
    "Closure",
    "Exclusion",
    "Facts",
    "OpeningHours",
    "Preference",
    "Problem",
    "Role",
    "Room",
    "Settings",
    "SlotGrid",
    "Theme",
    "Volunteer",
]
