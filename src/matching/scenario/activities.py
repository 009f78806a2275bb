"""Changes to activities: add one (with its roles), remove one, change its fields, and
scale expected attendance.

Field names are the ``activities`` columns, except that the activity's ``kind``
(activity/booking/meeting) is ``activity_kind`` here, because ``kind`` names the kind of
change in a scenario file.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import pandas as pd

from ..i18n import Listing, Message, say
from ..io.cells import CellError, parse_datetime, parse_tags, tag_key
from .base import (
    Change,
    ScenarioIssue,
    Tables,
    append_rows,
    check_id,
    check_known,
    check_moment,
    column_values,
    drop_rows,
    matches,
    rows_field,
    word_of,
)

#: Change fields whose column in ``activities`` has another name.
_COLUMN_OF = {"activity_kind": "kind"}
_DATETIME_FIELDS = ("earliest_start", "latest_end", "fixed_start")
_ROOM_FIELDS = ("fixed_room", "preferred_room")


@dataclass(frozen=True)
class RoleSpec:
    """A role of a new activity: ``min`` to ``max`` volunteers with skill ``role``,
    aiming at ``target`` (blank ``target`` is ``min``, blank ``max`` is ``target``)."""

    role: str
    min: str
    target: str = ""
    max: str = ""


@dataclass(frozen=True, kw_only=True)
class _ActivityFields(Change):
    """Checks shared by the changes that write activity cells."""

    def cells(self) -> dict[str, str]:
        """The ``activities`` cells this change writes, by column."""
        return {_COLUMN_OF.get(f.name, f.name): getattr(self, f.name)
                for f in dataclasses.fields(self)
                if f.name != "roles" and getattr(self, f.name) is not None}

    def check_cells(self, tables: Tables, index: int | None,
                    issues: list[ScenarioIssue]) -> None:
        cells = self.cells()
        for field in _DATETIME_FIELDS:
            if cells.get(field):
                check_moment(self, index, field, cells[field], issues,
                             end_of_day=field == "latest_end")
        for field in _ROOM_FIELDS:
            if cells.get(field):
                check_id(self, index, field, cells[field], tables, "rooms", issues)
        if cells.get("theme_id") and "themes" in tables:
            check_id(self, index, "theme_id", cells["theme_id"], tables, "themes", issues)


@dataclass(frozen=True, kw_only=True)
class AddActivity(_ActivityFields):
    """A new activity and its roles (``roles``: rows of role, min, target, max, or the
    text ``"签到接待:1:2; 急救:0:1"``)."""

    kind: ClassVar[str] = "add_activity"
    activity_id: str
    title: str
    earliest_start: str
    latest_end: str
    duration_minutes: str
    expected_attendance: str
    theme_id: str = ""
    activity_kind: str = ""
    series_id: str = ""
    equipment: str = ""
    cohort: str = ""
    min_age_band: str = ""
    priority: str = ""
    fixed_start: str = ""
    fixed_room: str = ""
    preferred_room: str = ""
    partner: str = ""
    notes: str = ""
    roles: tuple[RoleSpec, ...] = ()

    @classmethod
    def convert(cls, name: str, value: Any, annotation: str) -> Any:
        if name != "roles":
            return super().convert(name, value, annotation)
        return rows_field(value, RoleSpec, ("role", "min"), _role_from_text,
                          "签到接待:1:2; 急救:0:1")

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        if not self.activity_id:
            issues.append(self.issue(index, say("scenario_valid.activity_id"), "activity_id"))
        elif self.activity_id in column_values(tables, "activities", "activity_id"):
            issues.append(self.issue(index, say("scenario_valid.new_activity_id"),
                                     "activity_id", self.activity_id))
        self.check_cells(tables, index, issues)
        for role in self.roles:
            if not role.role:
                issues.append(self.issue(index, say("scenario_valid.role_name"), "roles"))
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        append_rows(out, "activities", [self.cells()])
        append_rows(out, "roles", [{"activity_id": self.activity_id, "role": r.role,
                                    "min": r.min, "target": r.target, "max": r.max}
                                   for r in self.roles])
        return out

    def wording(self) -> Message:
        return say("changes.add_activity", activity=self.activity_id, title=self.title)


@dataclass(frozen=True, kw_only=True)
class ChangeActivity(_ActivityFields):
    """New values for some fields of an activity; fields left out keep their value and a
    blank value clears the cell (back to its default)."""

    kind: ClassVar[str] = "change_activity"
    activity_id: str
    title: str | None = None
    theme_id: str | None = None
    activity_kind: str | None = None
    series_id: str | None = None
    earliest_start: str | None = None
    latest_end: str | None = None
    duration_minutes: str | None = None
    expected_attendance: str | None = None
    equipment: str | None = None
    cohort: str | None = None
    min_age_band: str | None = None
    priority: str | None = None
    fixed_start: str | None = None
    fixed_room: str | None = None
    preferred_room: str | None = None
    partner: str | None = None
    notes: str | None = None

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        check_id(self, index, "activity_id", self.activity_id, tables, "activities", issues)
        if len(self.cells()) == 1:
            issues.append(self.issue(index, say("scenario_valid.some_field",
                                                field="activity_id")))
        self.check_cells(tables, index, issues)
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        frame = out["activities"].copy()
        rows = matches(out, "activities", "activity_id", [self.activity_id]).to_numpy()
        for column, value in self.cells().items():
            if column not in frame.columns:
                frame[column] = ""
            frame.loc[rows, column] = value
        out["activities"] = frame
        return out

    def wording(self) -> Message:
        changed = []
        for column, value in self.cells().items():
            if column != "activity_id":
                word = word_of(f"changes_column.{column}", column)
                changed.append(say("changes.cell", column=word, value=value) if value
                               else say("changes.cell_cleared", column=word))
        return say("changes.change_activity", activity=self.activity_id,
                   cells=Listing(tuple(changed)))


@dataclass(frozen=True, kw_only=True)
class RemoveActivity(Change):
    """An activity is cancelled: its row and its roles go."""

    kind: ClassVar[str] = "remove_activity"
    activity_id: str

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        check_id(self, index, "activity_id", self.activity_id, tables, "activities", issues)
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        for name in ("activities", "roles"):
            drop_rows(out, name, matches(out, name, "activity_id", [self.activity_id]))
        return out

    def wording(self) -> Message:
        return say("changes.remove_activity", activity=self.activity_id)


@dataclass(frozen=True, kw_only=True)
class ScaleAttendance(Change):
    """Expected attendance times ``factor`` (rounded up: plan for every person) for the
    activities of one ``series_id``, ``theme_id`` or ``cohort`` tag, or for all when
    none is given."""

    kind: ClassVar[str] = "scale_attendance"
    factor: float
    series_id: str = ""
    theme_id: str = ""
    cohort: str = ""

    def selected(self, tables: Tables) -> pd.Series:
        """Which ``activities`` rows the change scales: of those its selector names,
        the ones that can still take place after a freeze it holds from
        (:meth:`since`)."""
        chosen = self._chosen(tables)
        after = getattr(self, "_after", None)
        return chosen if after is None else chosen & ~_ended_by(tables["activities"], after)

    def _chosen(self, tables: Tables) -> pd.Series:
        frame = tables["activities"]
        if self.series_id:
            return matches(tables, "activities", "series_id", [self.series_id])
        if self.theme_id:
            return matches(tables, "activities", "theme_id", [self.theme_id])
        if self.cohort:
            cohorts = frame.get("cohort", pd.Series("", index=frame.index))
            wanted = tag_key(self.cohort)
            return cohorts.fillna("").astype(str).map(
                lambda t: wanted in {tag_key(tag) for tag in parse_tags(t)})
        return pd.Series(True, index=frame.index)

    def since(self, moment: datetime) -> tuple[Change | None, Message | None]:
        """Attendance that has been is not scaled: activities whose window ends by the
        freeze keep theirs (a camp's first sessions, held with 30, do not grow to 45
        in a room of 40 and leave the re-plan without a plan). The moment rides on the
        copy, not in a field a scenario file could set."""
        held = dataclasses.replace(self)
        object.__setattr__(held, "_after", moment)
        return held, None

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        if "activities" not in tables:
            issues.append(self.issue(index, say("scenario_valid.activities_table")))
        if not self.factor >= 0:
            issues.append(self.issue(index, say("scenario_valid.factor"), "factor",
                                     f"{self.factor:g}"))
        chosen = [f for f in ("series_id", "theme_id", "cohort") if getattr(self, f)]
        if len(chosen) > 1:
            issues.append(self.issue(index, say("scenario_valid.one_selector",
                                                first="series_id", second="theme_id",
                                                third="cohort"),
                                     chosen[1], getattr(self, chosen[1])))
        elif chosen:
            field = chosen[0]
            known = column_values(tables, "activities", field)
            value = getattr(self, field)
            if field == "cohort":  # a tag, whatever its case or width, as the reader has it
                tags = {tag_key(tag): tag for text in known for tag in parse_tags(text)}
                known = sorted(tags.values())
                value = tags.get(tag_key(value), value)
            check_known(self, index, field, value, known,
                        say("scenario_valid.of_activity", column=say(f"changes_column.{field}")),
                        issues)
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        frame = out["activities"].copy()
        rows = self.selected(tables).to_numpy()
        frame.loc[rows, "expected_attendance"] = frame.loc[
            rows, "expected_attendance"].map(self._scaled)
        out["activities"] = frame
        return out

    def _scaled(self, text: Any) -> str:
        try:
            return str(math.ceil(int(str(text).strip()) * self.factor - 1e-9))
        except ValueError:  # not a number: left for the workbook's validation to report
            return str(text)

    def wording(self) -> Message:
        which = next((say(f"changes.{key}", id=getattr(self, field))
                      for field, key in (("series_id", "series"), ("theme_id", "theme"),
                                         ("cohort", "cohort"))
                      if getattr(self, field)), say("changes.all_activities"))
        return say("changes.scale_attendance", factor=self.factor, which=which)


def _role_from_text(text: str) -> RoleSpec:
    """``"签到接待:1:2:3"`` (role:min[:target[:max]]) as a :class:`RoleSpec`."""
    parts = [p.strip() for p in text.split(":")]
    if not 2 <= len(parts) <= 4:
        raise CellError(say("scenario_valid.roles_text", example="签到接待:1:2:3",
                            text=text.strip()))
    parts += [""] * (4 - len(parts))
    return RoleSpec(*parts)


def _ended_by(frame: pd.DataFrame, moment: datetime) -> pd.Series:
    """Rows of ``activities`` whose window ends by ``moment`` (a window that does not
    read is left for the workbook's validation to report)."""
    def ended(text: Any) -> bool:
        try:
            end = parse_datetime(str(text), end_of_day=True)
        except CellError:
            return False
        return end is not None and end <= moment

    ends = frame.get("latest_end", pd.Series("", index=frame.index))
    return ends.fillna("").map(ended).astype(bool)
