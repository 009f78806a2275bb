"""The typed, immutable records of a planning problem.

Times are naive local wall-clock datetimes in the workbook's time zone; only exports
attach the zone. Sets of tags are frozensets so that records stay hashable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final, Literal

#: ``day`` value meaning "on public holidays" in room hours and availability.
HOLIDAY: Final = "holiday"
#: A weekday (0 = Monday .. 6 = Sunday), :data:`HOLIDAY`, or one specific date.
DaySpec = int | Literal["holiday"] | date

AGE_BANDS: Final = ("youth", "adult", "senior")
PRIORITIES: Final = ("must", "high", "normal", "low")
ACTIVITY_KINDS: Final = ("activity", "booking", "meeting")
AVAILABILITY_KINDS: Final = ("available", "unavailable", "preferred")
#: The catalogue's family of words for them, read as well (``不可用``).
AVAILABILITY_LABELS: Final = "availability_kind"

Priority = Literal["must", "high", "normal", "low"]
AvailabilityKind = Literal["available", "unavailable", "preferred"]


@dataclass(frozen=True)
class Settings:
    """Workbook-wide settings; ``weights`` holds only the ``weight.<term>`` overrides."""

    name: str
    horizon_start: date
    horizon_end: date
    slot_minutes: int = 30
    timezone: str = "Asia/Shanghai"
    holidays: str = "CN"
    language: Literal["zh", "en"] = "zh"
    weights: tuple[tuple[str, int], ...] = ()
    #: Center-wide duty defaults (``max_hours_per_day``, ``min_rest_hours``, ...), by key.
    limits: tuple[tuple[str, float], ...] = ()
    #: The share of seats a volunteer misses when their own rate is blank (0 to 1).
    no_show_rate: float | None = None
    #: The center's name as certificates and reports sign it; "" means ``name``.
    center: str = ""

    def limit(self, key: str) -> float | None:
        """The center-wide value of a duty rule's column, or None when not set."""
        return next((value for name, value in self.limits if name == key), None)


@dataclass(frozen=True)
class Theme:
    theme_id: str
    name: str
    start: date | None = None
    end: date | None = None
    description: str = ""


@dataclass(frozen=True)
class Room:
    room_id: str
    name: str
    capacity: int
    equipment: frozenset[str] = frozenset()
    site: str = ""
    turnaround_minutes: int = 0


@dataclass(frozen=True)
class OpeningHours:
    """The room is open on ``day`` from ``open_minute`` to ``close_minute`` (minutes after
    midnight; 1440 is the end of the day)."""

    room_id: str
    day: DaySpec
    open_minute: int
    close_minute: int


@dataclass(frozen=True)
class Closure:
    """The room (or, with ``room_id`` None, the whole center) is closed in [start, end)."""

    room_id: str | None
    start: datetime
    end: datetime
    reason: str = ""


@dataclass(frozen=True)
class Volunteer:
    volunteer_id: str
    name: str
    skills: frozenset[str]
    team: str = ""
    age_band: str | None = None
    #: The volunteer's own duty limits (``max_hours_per_week``, ...), by column; a column
    #: left blank is absent (see :mod:`matching.rules` for what each means).
    limits: tuple[tuple[str, float], ...] = ()
    #: The share of their seats the volunteer is expected to miss (0 to 1), e.g. from the
    #: hours ledger's ``no_show_rate``; blank: the center's rate, else 0.
    no_show_rate: float | None = None
    phone: str = field(default="", repr=False)
    notes: str = field(default="", repr=False)

    def limit(self, column: str) -> float | None:
        """The volunteer's own value of a duty rule's column, or None when blank."""
        return next((value for name, value in self.limits if name == column), None)


@dataclass(frozen=True)
class AvailabilityWindow:
    """A volunteer is available (or not, or gladly) on ``day`` between two times of day."""

    volunteer_id: str
    day: DaySpec
    start_minute: int
    end_minute: int
    kind: AvailabilityKind = "available"


@dataclass(frozen=True)
class Preference:
    """A volunteer's wish (weight > 0) or reluctance (weight < 0) for an activity, theme,
    series or tag."""

    volunteer_id: str
    target: str
    weight: int


@dataclass(frozen=True)
class Activity:
    activity_id: str
    title: str
    earliest_start: datetime
    latest_end: datetime
    duration_minutes: int
    expected_attendance: int
    theme_id: str | None = None
    kind: str = "activity"
    series_id: str | None = None
    equipment: frozenset[str] = frozenset()
    cohort: frozenset[str] = frozenset()
    min_age_band: str | None = None
    priority: Priority = "normal"
    fixed_start: datetime | None = None
    fixed_room: str | None = None
    preferred_room: str | None = None
    partner: str = ""
    notes: str = ""
    #: Its place among the sessions of its series, 0 first (the order of the rows,
    #: with sessions listed too late moved up: :func:`matching.problem.series.ranked`).
    #: Derived from the other rows, not of the activity itself: not compared, so that a
    #: session added to a series changes no other activity.
    session: int = field(default=0, compare=False)

    @property
    def tags(self) -> frozenset[str]:
        """Everything a preference ``target`` may name for this activity."""
        names = {self.activity_id, self.kind, *self.equipment, *self.cohort}
        names.update(x for x in (self.theme_id, self.series_id, self.partner) if x)
        return frozenset(names)


@dataclass(frozen=True)
class Role:
    """``min`` to ``max`` volunteers with skill ``role`` staff ``activity_id``; the plan
    aims for ``target``."""

    activity_id: str
    role: str
    min: int
    target: int
    max: int


def age_rank(band: str | None) -> int:
    """Order of age bands (youth < adult < senior); an unknown band ranks lowest."""
    return AGE_BANDS.index(band) if band in AGE_BANDS else -1
