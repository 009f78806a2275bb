"""A scenario: a name, a description and an ordered list of changes to a workbook.

Changes apply in order, each to the workbook the previous ones left (a room added by one
change can be closed by the next). Every problem is reported at once and names the
change (its position and kind) and the field, including problems that only the
workbook's own validation finds in the rows a change wrote.

A ``freeze`` makes what happened before its moment past, and the past is not changed:
every change holds from that moment on (a volunteer gone leaves then; a closure, time
away or new opening hours dated earlier are cut to begin then), and what of a change
does not hold for that reason is said in a warning (:meth:`Scenario.warnings`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import pandas as pd

from ..errors import DataError, Issue
from ..i18n import LANGUAGES, ChoiceWord, Listing, say, text
from ..io import build_problem
from ..io.cells import CellError, tag_key
from ..problem import Problem
from .activities import AddActivity, ChangeActivity, RemoveActivity, ScaleAttendance
from .base import Change, ScenarioError, ScenarioIssue, Tables, word_of
from .changes import (
    AddRoom,
    CloseRoom,
    Freeze,
    SetDutyLimit,
    SetRoomHours,
    SetWeight,
    VolunteerAvailable,
    VolunteerGone,
    VolunteerUnavailable,
)
from .files import SCENARIO_KEYS, read_scenario_file, write_scenario_file

#: Every kind of change, by the ``kind`` a scenario file gives it.
CHANGE_KINDS: dict[str, type[Change]] = {cls.kind: cls for cls in (
    CloseRoom, SetRoomHours, AddRoom, VolunteerUnavailable, VolunteerAvailable, VolunteerGone,
    AddActivity, RemoveActivity, ChangeActivity, ScaleAttendance, SetDutyLimit, SetWeight,
    Freeze)}

#: Fields of a change named after their workbook column when the column differs.
_FIELD_OF_COLUMN = {("activities", "kind"): "activity_kind", ("roles", None): "roles",
                    ("room_hours", None): "hours"}
#: The window a workbook finds too short for an activity's duration, as a change of some
#: of its fields makes it: the change is told of the end it moved, not of a duration it
#: never touched.
_WINDOW: Final = ("latest_end", "earliest_start")


@dataclass(frozen=True)
class Scenario:
    """A named, ordered list of changes to a workbook.

    Parameters
    ----------
    name
        A short name, used as the row label of sweeps.
    changes
        The changes, applied in this order.
    description
        What the scenario stands for, in the analyst's words.
    source
        The file it was read from, if any: its errors against the workbook name it, as
        those found reading it do.
    """

    name: str
    changes: tuple[Change, ...] = ()
    description: str = ""
    source: str = dataclasses.field(default="", compare=False)

    def then(self, *changes: Change) -> Scenario:
        """This scenario with ``changes`` added at the end."""
        return dataclasses.replace(self, changes=self.changes + changes)

    @property
    def freeze_before(self) -> datetime | None:
        """The latest ``freeze`` moment of the scenario, if it has any (one that does
        not parse is an error of the scenario, and no moment)."""
        moments = [m for c in self.changes if isinstance(c, Freeze)
                   and (m := _moment(c)) is not None]
        return max(moments, default=None)

    # -- applying ----------------------------------------------------------------------
    def validate(self, tables: Tables) -> list[ScenarioIssue]:
        """Every problem of the changes against ``tables`` (each change is checked
        against the workbook the changes before it leave)."""
        return self._apply(tables)[1]

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        """The changed workbook's tables; raises :class:`ScenarioError` listing every
        problem of the changes. ``tables`` is left as it was."""
        changed, issues, _ = self._apply(tables)
        if issues:
            raise ScenarioError(issues)
        return changed

    def warnings(self, tables: Tables) -> list[ScenarioIssue]:
        """What of the changes does not hold as written, because a ``freeze`` keeps the
        past as it was (a closure dated before the freeze holds from the freeze on); then
        the warnings the changes bring to the workbook, each said of the change that
        wrote its row (a duration of ``2`` typed for 2 h), not of a row of the changed
        workbook, which the analyst never sees, else of the changed workbook (an activity
        nobody can staff once a volunteer is gone). Warnings the workbook had already are
        not said again."""
        notes: list[ScenarioIssue] = []
        changed, issues, owner = self._apply(tables, notes)
        if issues:
            return notes
        try:
            problem = build_problem(changed)
        except DataError:
            return notes
        try:
            before = build_problem(tables).warnings
        except DataError:
            before = ()
        known = {(w.table, w.row, w.column, w.expected) for w in before}
        return notes + [self._traced(w, owner) for w in problem.warnings
                        if (w.table, w.row, w.column, w.expected) not in known]

    def build(self, tables: Tables) -> Problem:
        """The changed workbook validated into a :class:`Problem`.

        Raises
        ------
        ScenarioError
            Listing every problem: of the changes themselves, and of the changed
            workbook, each traced to the change that wrote the row when there is one.
        """
        problem, issues = self._built(tables)
        if problem is None:
            raise ScenarioError([issue if issue.index is None else
                                 _with_source(issue, self.source) for issue in issues])
        return problem

    def _built(self, tables: Tables) -> tuple[Problem | None, list[ScenarioIssue]]:
        """The changed workbook as a :class:`Problem` (None when there are errors) and
        the scenario's errors: of the changes, and of the workbook the changes that hold
        leave. Both come at once, as a workbook's errors do: a change whose fields only
        the workbook's validation judges (a duration ``ninety``) would otherwise be
        reported only once every other change is right."""
        changed, issues, owner = self._apply(tables)
        try:
            problem = build_problem(changed)
        except DataError as exc:
            traced = [self._traced(i, owner) for i in exc.issues]
            return None, sorted([*issues, *traced], key=_position)
        return (None if issues else problem), issues

    def _apply(self, tables: Tables, notes: list[ScenarioIssue] | None = None
               ) -> tuple[dict[str, pd.DataFrame], list[ScenarioIssue], dict[tuple[str, int], int]]:
        """The changed tables, the changes' errors and which change wrote each row;
        ``notes`` gets the warnings."""
        out = dict(tables)
        issues: list[ScenarioIssue] = []
        owner: dict[tuple[str, int], int] = {}
        frozen = self.freeze_before
        for index, given in enumerate(self.changes, start=1):
            found = given.validate(out, index)
            if found:
                issues += found + self._judged_anyway(given, index, out, found)
                continue
            change, note = given.since(frozen) if frozen is not None else (given, None)
            if note is not None and notes is not None:
                notes.append(ScenarioIssue.said(note, index, given.kind, "start",
                                                severity="warning"))
            if change is None:
                continue
            held = change.note(out) if notes is not None else None
            if held is not None and notes is not None:
                notes.append(ScenarioIssue.said(held, index, given.kind, "start",
                                                severity="warning"))
            changed = change.apply(out)
            for name, frame in changed.items():
                for row in _rows_written(out.get(name), frame):
                    owner[name, row] = index
            out = changed
        return out, issues, owner

    def _judged_anyway(self, change: Change, index: int, tables: Tables,
                       found: list[ScenarioIssue]) -> list[ScenarioIssue]:
        """The errors the workbook's validation finds in the rows ``change`` would write,
        though it has errors of its own (``found``) and is skipped: said with them, as an
        ``add_activity`` whose id is taken has its duration of ``2h`` judged too, not in a
        second round once the id is mended. Nothing where the change cannot be written."""
        try:
            changed = change.apply(tables)
        except (CellError, KeyError, ValueError, TypeError):  # its errors stop it
            return []
        owner = {(name, row): index for name, frame in changed.items()
                 for row in _rows_written(tables.get(name), frame)}
        try:
            build_problem(changed)
        except DataError as exc:
            # only the cells of its own fields not yet named: a wrong one shows again
            # under the column it writes (set_weight's term as the settings key), and the
            # rows it writes beside (an activity's roles, a room's hours) are judged
            # against the id it got wrong ("each role once per activity" of an id taken)
            unnamed = {field.name for field in dataclasses.fields(change)} - {
                issue.field for issue in found}
            traced = [self._traced(issue, owner) for issue in exc.issues
                      if issue.severity == "error" and (issue.table, issue.row) in owner]
            return [issue for issue in traced if issue.field in unnamed]
        return []

    def _traced(self, issue: Issue, owner: Mapping[tuple[str, int], int]) -> ScenarioIssue:
        """A workbook issue as a scenario issue, naming the change that wrote its row
        (its expectation in both languages, as the workbook's issue has it)."""
        expected = issue.wording or issue.expected
        index = owner.get((issue.table, issue.row)) if issue.row is not None else None
        if index is None:
            table = word_of(f"table_name.{issue.table}", issue.table)
            source = (say("scenario_issue.changed_table", table=table) if issue.row is None
                      else say("scenario_issue.changed_row", table=table, row=issue.row))
            return ScenarioIssue.said(expected, field=issue.column, value=issue.value,
                                      source=source, severity=issue.severity)
        change = self.changes[index - 1]
        written = change.cells() if isinstance(change, ChangeActivity) else {}
        moved = [c for c in _WINDOW if c in written]
        if issue.table == "activities" and issue.column == "duration_minutes" \
                and "duration_minutes" not in written and moved:
            return ScenarioIssue.said(
                say("scenario_valid.window_holds", first="earliest_start", last="latest_end",
                    column=issue.column, minutes=issue.value),
                index, change.kind, moved[0], written[moved[0]], severity=issue.severity)
        field = _FIELD_OF_COLUMN.get((issue.table, issue.column),
                                     _FIELD_OF_COLUMN.get((issue.table, None)))
        if field == "roles" or field == "hours":
            field = f"{field}.{issue.column}"
        return ScenarioIssue.said(expected, index, change.kind, field or issue.column,
                                  issue.value, severity=issue.severity)

    # -- files -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description,
                "changes": [c.to_dict() for c in self.changes]}

    @classmethod
    def from_dict(cls, data: Any, source: str = "") -> Scenario:
        """A scenario from parsed YAML/JSON; raises :class:`ScenarioError` naming every
        unknown kind and every unknown, missing or mistyped field."""
        if not isinstance(data, dict):
            raise ScenarioError([ScenarioIssue.said(say(
                "scenario_valid.scenario", name="name", description="description",
                changes="changes"), source=source)])
        keys = SCENARIO_KEYS
        issues = [ScenarioIssue.said(say("scenario_valid.key", keys=Listing(keys)),
                                     field=str(k), source=source)
                  for k in data if k not in keys]
        entries = data.get("changes") or []
        if not isinstance(entries, list):
            issues.append(ScenarioIssue.said(say("scenario_valid.changes"), field="changes",
                                             source=source))
            entries = []
        changes: list[Change] = []
        parsed: list[tuple[int, Change]] = []
        for index, entry in enumerate(entries, start=1):
            try:
                changes.append(change_from_dict(entry, index))
                parsed.append((index, changes[-1]))
            except ScenarioError as exc:
                issues += [_with_source(i, source) for i in exc.issues]
        if issues:
            raise ScenarioError(issues, parsed)
        name = str(data.get("name") or Path(source).stem or "scenario")
        return cls(name, tuple(changes), str(data.get("description") or ""), source)

    @classmethod
    def load(cls, path: str | os.PathLike[str], tables: Tables | None = None) -> Scenario:
        """Read a ``.yaml``/``.yml`` or ``.json`` scenario file. With the workbook's
        ``tables``, a file some of whose changes do not read has the others checked
        against the workbook too, so that every error comes at once (a misspelt kind
        would otherwise hide the rest until it is fixed)."""
        source = Path(path).name
        try:
            return cls.from_dict(read_scenario_file(path), source)
        except ScenarioError as exc:
            if tables is None or not exc.parsed:
                raise
            positions = [index for index, _ in exc.parsed]
            read = cls(source, tuple(change for _, change in exc.parsed))
            more = [_placed(issue, positions, source) for issue in read._built(tables)[1]]
            raise ScenarioError(sorted([*exc.issues, *more], key=_position)) from None

    def save(self, path: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write the scenario as YAML or JSON (by the file's suffix), over a scenario file
        but over no other file unless ``force``."""
        return write_scenario_file(self.to_dict(), path, force=force)


def _position(issue: ScenarioIssue) -> int:
    """Where an issue stands in its file: the file's own first, then change by change."""
    return issue.index or 0


def change_from_dict(entry: Any, index: int | None = None) -> Change:
    """One change from its scenario-file entry (``kind`` and the kind's fields)."""
    if not isinstance(entry, dict):
        raise ScenarioError([ScenarioIssue.said(say("scenario_valid.change", kind="kind"),
                                                index, value=str(entry))])
    kind = _kind_named(entry.get("kind"))
    if kind not in CHANGE_KINDS:
        kinds = Listing(tuple(ChoiceWord(k, "change_kind") for k in CHANGE_KINDS))
        raise ScenarioError([ScenarioIssue.said(
            say("scenario_valid.kind", kinds=kinds), index,
            str(kind or ""), "kind", str(kind or ""))])
    return CHANGE_KINDS[kind].from_dict(entry, index)


def _kind_named(kind: object) -> object:
    """The kind of change ``kind`` names: itself, or the one whose word it is in either
    language (``关闭场地``, as every message calls it), whatever its case and width."""
    if kind in CHANGE_KINDS or not isinstance(kind, str):
        return kind
    written = tag_key(kind)
    return next((k for k in CHANGE_KINDS
                 if written in {tag_key(text(f"change_kind.{k}", x)) for x in LANGUAGES}),
                kind)


def _moment(freeze: Freeze) -> datetime | None:
    try:
        return freeze.moment
    except CellError:
        return None


def _with_source(issue: ScenarioIssue, source: str) -> ScenarioIssue:
    return dataclasses.replace(issue, source=source)  # severity and wording kept


def _placed(issue: ScenarioIssue, positions: Sequence[int], source: str) -> ScenarioIssue:
    """An issue of the changes of a file that did read, at the position its change has
    in the file (``positions``, by the change's among them); an issue of the changed
    workbook that no change wrote keeps the table it names as its source."""
    if issue.index is None:
        return issue
    return dataclasses.replace(_with_source(issue, source), index=positions[issue.index - 1])


def _rows_written(before: pd.DataFrame | None, after: pd.DataFrame) -> list[int]:
    """Row numbers of ``after`` that are new or differ from ``before``."""
    if before is after:
        return []
    if before is None:
        return [int(r) for r in after.index]
    new = [int(r) for r in after.index.difference(before.index)]
    common = after.index.intersection(before.index)
    if len(common):
        old = before.loc[common].reindex(columns=after.columns, fill_value="").astype(str)
        now = after.loc[common].astype(str)
        new += [int(r) for r in common[(old != now).any(axis=1).to_numpy()]]
    return new
