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

from ..i18n import Message, say
from ..problem.entities import ACTIVITY_KINDS, PRIORITIES
from .base import Change, ScenarioError, ScenarioIssue, Tables, field_word
from .scenario import CHANGE_KINDS, Scenario

#: The name of a scenario the builder starts from nothing; a view shows it by its word
#: (``scenario.untitled``), as it is no name the analyst gave.
UNTITLED = "what-if"


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """One input of a kind of change: its name (the key a scenario file gives it), whether
    it is required, its word and a hint of what it takes (None: it takes free text), to
    be shown in either language."""

    name: str
    required: bool
    word: Message
    hint: Message | None


class ScenarioBuilder:
    """The scenario being built against the workbook ``tables``.

    Each added change is checked against the workbook as the changes before it leave it,
    so a mistake is reported when it is made, naming the field.
    """

    def __init__(self, tables: Tables, scenario: Scenario | None = None) -> None:
        self.tables = tables
        start = scenario or Scenario(UNTITLED)
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
            specs.append(FieldSpec(f.name, required, _word(f.name), _HINTS.get(f.name)))
        return sorted(specs, key=lambda s: not s.required)

    def add(self, kind: str, values: Mapping[str, Any]) -> list[ScenarioIssue]:
        """Add a change from field values (blank ones are left out); returns the errors
        that kept it out (a view renders them in its language), or an empty list when it
        was added."""
        data = {k: v for k, v in values.items() if not (isinstance(v, str) and not v.strip())}
        index = len(self.changes) + 1
        try:
            change = CHANGE_KINDS[kind].from_dict(data, index)
        except ScenarioError as exc:
            return exc.issues
        # the change and the workbook it leaves (a duration "ninety" only the workbook's
        # validation judges), as Run would judge them: every mistake at once, when made
        issues = [i for i in self.scenario.then(change)._built(self.tables)[1]
                  if i.index == index]
        if issues:
            return issues
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


def _word(name: str) -> Message:
    """A field's word (:func:`~matching.scenario.base.field_word`), else its name."""
    return field_word(name) or say(f"scenario_field.{name}")


_MOMENT = say("scenario_hint.moment")
#: The hint of each field that takes more than free text.
_HINTS = {
    "start": _MOMENT, "end": say("scenario_hint.end"), "before": _MOMENT,
    "open": say("scenario_hint.time"), "close": say("scenario_hint.close"),
    "room_id": say("scenario_hint.room_id"), "volunteer_id": say("scenario_hint.volunteer_id"),
    "team": say("scenario_hint.team"), "factor": say("scenario_hint.factor"),
    "term": say("scenario_hint.term", example="stability_start"),
    "hours": say("scenario_hint.hours"),
    "roles": say("scenario_hint.roles", example="签到接待:1:2; 急救:0:1"),
    "earliest_start": _MOMENT, "latest_end": _MOMENT,
    "activity_kind": say("scenario_hint.choices", choices=" / ".join(ACTIVITY_KINDS)),
    "priority": say("scenario_hint.choices", choices=" / ".join(PRIORITIES)),
}
