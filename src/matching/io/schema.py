"""The workbook's tables and columns: the data contract of ``data/README.md`` as code."""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import VOLUNTEER_COLUMNS


@dataclass(frozen=True)
class TableSpec:
    """A table of the workbook: its columns, which of them are required, and whether the
    table itself may be absent."""

    name: str
    required_columns: tuple[str, ...]
    optional_columns: tuple[str, ...] = ()
    required: bool = True

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required_columns + self.optional_columns


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("settings", ("key", "value")),
        TableSpec("themes", ("theme_id", "name"), ("start", "end", "description"), False),
        TableSpec(
            "rooms",
            ("room_id", "name", "capacity"),
            ("equipment", "site", "turnaround_minutes"),
        ),
        TableSpec("room_hours", ("room_id", "day", "open", "close")),
        TableSpec("closures", ("start", "end"), ("room_id", "reason"), False),
        TableSpec(
            "volunteers",
            ("volunteer_id", "name", "skills"),
            (
                "team",
                "age_band",
                *(column.name for column in VOLUNTEER_COLUMNS),
                "no_show_rate",
                "phone",
                "notes",
            ),
            False,
        ),
        TableSpec(
            "availability", ("volunteer_id", "day", "start", "end"), ("kind",), False
        ),
        TableSpec("preferences", ("volunteer_id", "target", "weight"), (), False),
        TableSpec(
            "activities",
            (
                "activity_id",
                "title",
                "earliest_start",
                "latest_end",
                "duration_minutes",
                "expected_attendance",
            ),
            (
                "theme_id",
                "kind",
                "series_id",
                "equipment",
                "cohort",
                "min_age_band",
                "priority",
                "fixed_start",
                "fixed_room",
                "preferred_room",
                "partner",
                "notes",
            ),
        ),
        TableSpec("roles", ("activity_id", "role", "min"), ("target", "max"), False),
    )
}

#: Columns holding personal data, left out of shared outputs unless asked for (an
#: activity's notes too: people write a contact's phone number there).
PERSONAL_COLUMNS = {"volunteers": ("phone", "notes"), "activities": ("notes",)}
