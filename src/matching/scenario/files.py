"""Scenario files: YAML (``.yaml``, ``.yml``) or JSON (``.json``), read and written as
plain data.

YAML is read without its implicit dates, times, numbers and yes/no: unquoted
``18:00`` would otherwise be the integer 1080 and ``2023-09-13`` a date object. Every
scalar but null stays the text the analyst typed, and each change's fields
say what they expect of it.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..errors import DataError, Issue
from ..i18n import Listing, Message, say
from ..io.files import atomic_save
from ..io.outputs import FORCE_ARGUMENT, MANIFEST, check_file, foreign_files, settle
from ..io.planfile import PlanFile, PlanFileError, json_problem, read_plan_file
from ..io.plantables import plan_from_tables
from ..plan import Assignment, Plan
from ..problem.model import Problem
from .base import ScenarioError, ScenarioIssue

SUFFIXES = (".yaml", ".yml", ".json")
#: A line whose key (after a list's ``-``, if any) ends in ``：`` before any ``:``.
_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s#:：][^:]*?：")


class _TextLoader(yaml.SafeLoader):
    """A safe YAML loader that keeps numbers, dates and times as text."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag.rsplit(":", 1)[-1] in ("null", "merge")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_scenario_file(path: str | os.PathLike[str]) -> Any:
    """The parsed content of a scenario file; a syntax error is a :class:`ScenarioError`
    naming the line and column."""
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix not in SUFFIXES:
        raise ScenarioError([ScenarioIssue.said(
            say("scenario_file.suffix", yaml=".yaml", yml=".yml", json=".json"),
            source=source.name, value=source.suffix)])
    text = _decode(source.read_bytes())
    try:
        if suffix == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=_TextLoader)  # a SafeLoader subclass
    except json.JSONDecodeError as exc:
        where = say("scenario_file.at", file=source.name, line=exc.lineno, column=exc.colno)
        raise ScenarioError([ScenarioIssue.said(say("scenario_file.json",
                                                    problem=json_problem(exc)),
                                                source=where)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = (source.name if mark is None else
              say("scenario_file.at", file=source.name, line=mark.line + 1,
                  column=mark.column + 1))
        problem = getattr(exc, "problem", None) or str(exc)
        wording = say("scenario_file.yaml", problem=problem, hint=_full_width_colons(text))
        raise ScenarioError([ScenarioIssue.said(wording, source=at)]) from None


def _full_width_colons(text: str) -> Message | str:
    """A hint naming the lines whose key ends in the full-width colon ``：`` of Chinese
    input methods (``name： 台风``), which YAML does not take for ``:``: its parser then
    fails further on, at a line that looks right. A ``：`` inside a value is fine."""
    lines = tuple(number for number, line in enumerate(text.splitlines(), start=1)
                  if _FULL_WIDTH_KEY.match(line))
    if not lines:
        return ""
    key = "scenario_file.full_width_colon" if len(lines) == 1 else "scenario_file.full_width_colons"
    return say(key, lines=Listing(lines, limit=5), colon="：")


def write_scenario_file(data: Any, path: str | os.PathLike[str], *, force: bool = False
                        ) -> Path:
    """Write ``data`` as YAML or JSON by the suffix of ``path``, atomically: over a
    scenario file, or over any file with ``force`` (an
    :class:`~matching.io.outputs.OutputFileError` otherwise, nothing written)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"a scenario file ends in .yaml, .yml or .json, not {target.name!r}")
    check_file(target, force=force, ours=_is_scenario_file, option=FORCE_ARGUMENT)
    if suffix == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)

    def save(tmp: str) -> None:
        Path(tmp).write_text(text, encoding="utf-8")

    atomic_save(target, save)
    return target


#: The keys of a scenario file; ``changes`` a list, or empty in a draft.
SCENARIO_KEYS = ("name", "description", "changes")


def _is_scenario_file(path: Path) -> bool:
    """Whether ``path`` reads as a scenario file (a draft without changes too): a
    mapping of :data:`SCENARIO_KEYS` only, whose ``changes`` is a list or empty."""
    try:
        data = read_scenario_file(path)
    except (ScenarioError, OSError, ValueError, RecursionError):
        return False
    return (isinstance(data, dict) and set(data) <= set(SCENARIO_KEYS)
            and isinstance(data.get("changes") or [], list))


def read_plan_folder(folder: str | os.PathLike[str]) -> Plan:
    """The plan in a folder holding ``assignments.csv`` and ``staffing.csv``, as
    ``python -m matching solve`` writes them, with the ``meta.csv`` written beside them
    (its fingerprint says which workbook the plan is for) as the plan's ``meta``; in a
    folder without them (``solve --format xlsx`` writes ``plan.xlsx``), the plan file
    ``plan.json`` beside them; ``folder`` may also be a ``plan.json`` itself.

    Raises ``FileNotFoundError`` naming ``assignments.csv`` when neither it nor
    ``plan.json`` is there, and :class:`~matching.DataError` naming each file that is not
    a table, each missing column, each activity listed twice and each cell that does not
    parse.
    """
    source = Path(folder)
    if source.suffix.lower() == ".json":  # the plan file itself (named if it is not there)
        if not source.is_file():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(source))
        return _from_plan_file(source)
    settle(source)  # a swap that was interrupted leaves the old plan aside
    if not (source / "assignments.csv").exists() and (source / "plan.json").exists():
        return _from_plan_file(source / "plan.json")
    tables = {}
    for name in ("assignments", "staffing", "meta"):
        path = source / f"{name}.csv"
        if name != "assignments" and not path.exists():
            continue
        if not path.exists():  # named as open() names it, and the command line
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
        try:
            tables[name] = pd.read_csv(io.StringIO(_decode(path.read_bytes())), dtype=str,
                                       keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
            raise DataError([Issue.said(name, None, None, "", say(
                "plan_folder.header", problem=str(exc).strip().splitlines()[0]))],
                            say("issue.the_plan_in", path=str(source))) from None
    ids = tables["assignments"].get("activity_id", pd.Series(dtype=str))
    twice = sorted(set(ids[ids.duplicated()]))
    if twice:
        raise DataError([Issue.said("assignments", None, "activity_id", i,
                                    say("plan_folder.once")) for i in twice],
                        say("issue.the_plan_in", path=str(source)))
    meta = tables.get("meta")
    info = {} if meta is None or not {"key", "value"} <= set(meta.columns) else {
        "meta": dict(zip(meta["key"], meta["value"], strict=True))}
    return plan_from_tables(tables["assignments"], tables.get("staffing"), **info)


def plan_file_path(path: Path) -> Path:
    """The plan file ``path`` names: itself, or the ``plan.json`` of the folder ``solve``
    wrote."""
    return path / "plan.json" if path.is_dir() else path


def plan_file_with_edits(path: str | os.PathLike[str]) -> tuple[PlanFile, list[Message]]:
    """The plan file ``path`` (a ``plan.json``, or the folder ``solve`` wrote it in) and
    what a reader should be told of it. In a folder whose ``assignments.csv`` or
    ``staffing.csv`` someone edited since ``solve`` wrote them (its manifest says so),
    the plan is read from the edited tables: the plan a coordinator corrected by hand is
    the one to export, share and report on, as ``whatif`` takes it for its baseline. An
    edited ``plan.xlsx`` cannot be read back, which is said too. What is told is a
    message, said in the language of the workbook the plan is for.

    Raises :class:`PlanFileError` for a file that is not a plan file, and
    :class:`~matching.DataError` for edited tables that do not read, or for a plan,
    edited in its tables or in the file itself, that lost an activity's assignment
    (:func:`rowless_issues`: it would be left out of every export without a word).
    """
    source = Path(path)
    settle(source.parent if source.suffix.lower() == ".json" else source)
    planfile = read_plan_file(plan_file_path(source))
    plan, notes = planfile.plan, []
    edited = (set(foreign_files(source)) if source.is_dir() and (source / MANIFEST).exists()
              else set())
    if "plan.xlsx" in edited:
        notes.append(say("plan_folder.xlsx_edited", file="plan.xlsx", folder=str(source),
                         command="`solve`", planfile="plan.json", start="fixed_start",
                         room="fixed_room"))
    tables = sorted(edited & {"assignments.csv", "staffing.csv"})
    if tables:
        notes.append(say("plan_folder.table_edited", table=tables[0], folder=str(source),
                         command="`solve`") if len(tables) == 1
                     else say("plan_folder.tables_edited", table=tables[0], other=tables[1],
                              folder=str(source), command="`solve`"))
        plan = _reasons_as_written(read_plan_folder(source), planfile.plan)
    issues = rowless_issues(plan, planfile.planned)
    if issues:
        raise DataError(issues, say("issue.the_plan_in", path=str(source)))
    return dataclasses.replace(planfile, plan=plan), notes


def _reasons_as_written(edited: Plan, written: Plan) -> Plan:
    """``edited`` (read from a plan folder's edited tables) with the message of each
    reason the plan file ``written`` holds, on the rows whose reason is still that
    message's English text, as ``solve`` wrote it in the table: it reads in the reader's
    language as before the edit. A reason typed or changed by hand stays as written."""
    rows = written.assignment_of

    def said(row: Assignment) -> Assignment:
        was = rows.get(row.activity_id)
        if was is None or was.why is None or row.why is not None \
                or row.reason != was.reason.strip():
            return row
        return dataclasses.replace(row, why=was.why)

    return dataclasses.replace(edited, assignments=tuple(map(said, edited.assignments)))


def rowless_issues(plan: Plan, planned: Iterable[str]) -> list[Issue]:
    """Activities ``plan`` names but has no assignment for: each one its staffing names
    (once, however many seats it has), then those of ``planned`` (the activities its plan
    file planned) without staff. Unsaid, a missing assignment takes its activity out of
    every export, or has its staff said to be in an unknown activity."""
    rows = plan.assignment_of
    staffed = [i for i in dict.fromkeys(s.activity_id for s in plan.staffing)
               if i not in rows]
    gone = [i for i in dict.fromkeys(planned) if i not in rows and i not in staffed]
    issues = [Issue.said("staffing", None, "activity_id", i,
                         say("plan_folder.staffed_unplanned")) for i in staffed]
    if gone:
        issues.append(Issue.said("assignments", None, "activity_id", _some(gone), say(
            "plan_folder.every_plan_activity_one" if len(gone) == 1
            else "plan_folder.every_plan_activity", count=len(gone), start="start",
            end="end", room="room_id")))
    return issues


def _from_plan_file(path: Path) -> Plan:
    """The plan of a plan file, its workbook's fingerprint in its ``meta`` as a plan
    folder's ``meta.csv`` has it."""
    try:
        planfile = read_plan_file(path)
    except PlanFileError as exc:
        raise DataError([Issue.said(path.name, None, None, "", exc.fault)],
                        say("issue.the_plan_in", path=str(path.parent))) from None
    plan = planfile.plan
    return dataclasses.replace(plan, meta={**plan.meta, "fingerprint": planfile.fingerprint})


def baseline_issues(problem: Problem, plan: Plan) -> list[Issue]:
    """What makes ``plan`` unusable as the baseline of a re-plan of ``problem``: an
    activity of the workbook without a row (a file cut short would otherwise make it
    "newly scheduled"), and ids the workbook does not have."""
    rows = plan.assignment_of
    missing = [a.activity_id for a in problem.activities if a.activity_id not in rows]
    issues = []
    if missing:
        issues.append(Issue.said("assignments", None, "activity_id", _some(missing), say(
            "plan_folder.every_activity_one" if len(missing) == 1
            else "plan_folder.every_activity", count=len(missing))))
    issues += [Issue.said("assignments", None, "activity_id", i, say("plan_folder.activity"))
               for i in rows if i not in problem.activity_by_id]
    issues += [Issue.said("assignments", None, "room_id", r, say("plan_folder.room"))
               for r in sorted({a.room_id for a in plan.assignments if a.room_id})
               if r not in problem.room_by_id]
    issues += [Issue.said("staffing", None, "volunteer_id", v, say("plan_folder.volunteer"))
               for v in sorted({s.volunteer_id for s in plan.staffing})
               if v not in problem.volunteer_by_id]
    return issues


def _some(ids: list[str]) -> str:
    """The first ids of a long list, as an issue's value: the issue says how many there
    are, in either language."""
    return ", ".join(ids[:8]) + (", …" if len(ids) > 8 else "")


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 as Excel and WPS save on Chinese
    Windows."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
