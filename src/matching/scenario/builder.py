"""A scenario builder for notebooks: pick a kind of change, fill its fields, add it to the
list, run.

The state lives in :class:`ScenarioBuilder` (plain Python, tested without widgets); its
ipywidgets view, :class:`matching.ui.ScenarioBuilderView`, only reads and sets it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .base import Change, ScenarioError, Tables
from .scenario import CHANGE_KINDS, Scenario


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """One input of a kind of change: its name, whether it is required, and a hint."""

    name: str
    required: bool
    hint: str


class ScenarioBuilder:
    """The scenario being built against the workbook ``tables``.

    Each added change is checked against the workbook as the changes before it leave it,
    so a mistake is reported when it is made, naming the field.
    """

    def __init__(self, tables: Tables, scenario: Scenario | None = None) -> None:
        self.tables = tables
        start = scenario or Scenario("what-if")
        self.name = start.name
        self.description = start.description
        self.changes: list[Change] = list(start.changes)

    @staticmethod
    def fields(kind: str) -> list[FieldSpec]:
        """The inputs of a kind of change, required ones first."""
        specs = []
        for f in dataclasses.fields(CHANGE_KINDS[kind]):
            required = (f.default is dataclasses.MISSING
                        and f.default_factory is dataclasses.MISSING)
            specs.append(FieldSpec(f.name, required, _HINTS.get(f.name, "")))
        return sorted(specs, key=lambda s: not s.required)

    def add(self, kind: str, values: Mapping[str, Any]) -> list[str]:
        """Add a change from field values (blank ones are left out); returns the errors
        that kept it out, or an empty list when it was added."""
        data = {k: v for k, v in values.items() if not (isinstance(v, str) and not v.strip())}
        index = len(self.changes) + 1
        try:
            change = CHANGE_KINDS[kind].from_dict(data, index)
        except ScenarioError as exc:
            return [str(i) for i in exc.issues]
        issues = [i for i in self.scenario.then(change).validate(self.tables)
                  if i.index == index]
        if issues:
            return [str(i) for i in issues]
        self.changes.append(change)
        return []

    def remove(self, index: int) -> None:
        """Remove the change at ``index`` (0 = the first)."""
        del self.changes[index]

    @property
    def scenario(self) -> Scenario:
        return Scenario(self.name, tuple(self.changes), self.description)

    def table(self) -> pd.DataFrame:
        """The changes so far: position, kind and what each does."""
        return pd.DataFrame([(i, c.kind, c.describe()) for i, c in enumerate(self.changes, 1)],
                            columns=["#", "kind", "change"])


_HINTS = {
    "start": "YYYY-MM-DD [HH:MM]", "end": "YYYY-MM-DD [HH:MM] (a date: to its end)",
    "before": "YYYY-MM-DD [HH:MM]", "open": "HH:MM", "close": "HH:MM (24:00 allowed)",
    "room_id": "room id", "volunteer_id": "volunteer id", "team": "team name",
    "factor": "e.g. 2", "term": "objective term, e.g. stability_start",
    "hours": "Mon 09:00-17:00; Sat 09:00-12:00", "roles": "签到接待:1:2; 急救:0:1",
    "earliest_start": "YYYY-MM-DD [HH:MM]", "latest_end": "YYYY-MM-DD [HH:MM]",
    "activity_kind": "activity / booking / meeting", "priority": "must / high / normal / low",
}
