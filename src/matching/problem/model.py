"""The :class:`Problem`: validated records plus lookups and derived facts, never mutated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from ..errors import Issue
from .calendar import SlotGrid, public_holidays
from .entities import (
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
from .series import sessions_listed
from .weights import resolve_weights

if TYPE_CHECKING:
    from .eligibility import Facts


@dataclass(frozen=True, eq=False)
class Problem:
    """Everything the planner needs, as read from one workbook.

    Records keep the workbook's row order (series sessions rely on it). Derived facts
    (slot grid, allowed starts, eligibility) are computed on first use and cached.
    """

    settings: Settings
    rooms: tuple[Room, ...]
    opening_hours: tuple[OpeningHours, ...]
    activities: tuple[Activity, ...]
    themes: tuple[Theme, ...] = ()
    closures: tuple[Closure, ...] = ()
    volunteers: tuple[Volunteer, ...] = ()
    availability: tuple[AvailabilityWindow, ...] = ()
    preferences: tuple[Preference, ...] = ()
    roles: tuple[Role, ...] = ()
    input_warnings: tuple[Issue, ...] = ()
    fingerprint: str = ""
    #: The workbook row of each room, volunteer and activity (the header is row 1), by
    #: table and id, for the warnings found after reading to name; empty for a problem
    #: not read from a workbook.
    rows: Mapping[tuple[str, str], int] = field(default_factory=dict)

    @cached_property
    def warnings(self) -> tuple[Issue, ...]:
        """Validation warnings plus suspicious facts (nobody available, rooms never open,
        activities that can never take place)."""
        from .eligibility import data_warnings

        return self.input_warnings + tuple(data_warnings(self))

    @cached_property
    def show_hundredths(self) -> dict[str, int]:
        """Hundredths of a person each volunteer is expected to bring to a seat: 100 less
        their no-show rate in hundredths (theirs, else the center's, else 0). The
        ``reserve`` term of the objective counts these, in the solver and the evaluator."""
        center = self.settings.no_show_rate or 0.0
        return {v.volunteer_id: 100 - round(100 * (center if v.no_show_rate is None
                                                   else v.no_show_rate))
                for v in self.volunteers}

    @cached_property
    def wishes(self) -> dict[str, tuple[Preference, ...]]:
        """Each volunteer's preferences (every volunteer has an entry, maybe empty)."""
        result: dict[str, list[Preference]] = {v.volunteer_id: [] for v in self.volunteers}
        for preference in self.preferences:
            result.setdefault(preference.volunteer_id, []).append(preference)
        return {k: tuple(v) for k, v in result.items()}

    def wishes_met(self, volunteer_id: str, activity: Activity) -> list[Preference]:
        """The volunteer's preferences that name the activity, its theme, series, kind or
        one of its tags: what the evaluator's ``preference`` findings cite."""
        tags = activity.tags
        return [w for w in self.wishes.get(volunteer_id, ()) if w.target in tags]

    def liking(self, volunteer_id: str, activity: Activity) -> int:
        """How much the volunteer likes the activity: the weights of the preferences that
        name it (negative: reluctance). The ``preference`` term of the objective and
        first fit's order of asking."""
        return sum(w.weight for w in self.wishes_met(volunteer_id, activity))

    # -- lookups -----------------------------------------------------------------------
    @cached_property
    def room_by_id(self) -> dict[str, Room]:
        return {r.room_id: r for r in self.rooms}

    @cached_property
    def volunteer_by_id(self) -> dict[str, Volunteer]:
        return {v.volunteer_id: v for v in self.volunteers}

    @cached_property
    def activity_by_id(self) -> dict[str, Activity]:
        return {a.activity_id: a for a in self.activities}

    @cached_property
    def theme_by_id(self) -> dict[str, Theme]:
        return {t.theme_id: t for t in self.themes}

    @cached_property
    def roles_of(self) -> dict[str, tuple[Role, ...]]:
        """Roles of each activity (every activity has an entry, maybe empty)."""
        result: dict[str, list[Role]] = {a.activity_id: [] for a in self.activities}
        for role in self.roles:
            result[role.activity_id].append(role)
        return {k: tuple(v) for k, v in result.items()}

    @cached_property
    def series(self) -> dict[str, tuple[str, ...]]:
        """Activity ids of each series, in session order (:attr:`Activity.session`: the
        workbook's row order, sessions listed too late moved up)."""
        return {k: tuple(a.activity_id for a in sorted(v, key=lambda a: a.session))
                for k, v in sessions_listed(self.activities).items()}

    # -- time --------------------------------------------------------------------------
    @cached_property
    def grid(self) -> SlotGrid:
        s = self.settings
        start = datetime.combine(s.horizon_start, datetime.min.time())
        return SlotGrid(start, (s.horizon_end - s.horizon_start).days + 1, s.slot_minutes)

    @cached_property
    def horizon_end(self) -> datetime:
        """The end of the horizon: 00:00 of the day after ``horizon_end``."""
        return datetime.combine(self.settings.horizon_end + timedelta(days=1),
                                datetime.min.time())

    @cached_property
    def holiday_dates(self) -> frozenset[date]:
        s = self.settings
        years = tuple(range(s.horizon_start.year, s.horizon_end.year + 1))
        return public_holidays(s.holidays, years)

    def duration_slots(self, activity: Activity) -> int:
        return self.grid.slots_for(activity.duration_minutes)

    def planned_minutes(self, activity: Activity) -> int:
        """How long the activity occupies its room and people: its duration rounded up to
        whole slots. A plan's ``end`` is ``start`` plus this."""
        return self.duration_slots(activity) * self.settings.slot_minutes

    # -- objective ---------------------------------------------------------------------
    def weights(self, overrides: Mapping[str, int] | None = None) -> dict[str, int]:
        """Objective weights: defaults, then the workbook's ``weight.<term>``, then
        ``overrides``."""
        return resolve_weights(dict(self.settings.weights), overrides)

    # -- derived facts -----------------------------------------------------------------
    @cached_property
    def facts(self) -> Facts:
        """Allowed starts, eligible rooms and volunteers, each exclusion with its reason."""
        from .eligibility import Facts

        return Facts(self)
