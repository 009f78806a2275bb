"""Scenario files: YAML (``.yaml``, ``.yml``) or JSON (``.json``), read and written as
plain data.

YAML is read without its implicit dates, times, numbers and yes/no: unquoted
``18:00`` would otherwise be the integer 1080 and ``2023-09-13`` a date object. Every
scalar but null stays the text the analyst typed, and each change's fields
say what they expect of it.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..io.files import atomic_save
from ..plan import Plan
from .base import ScenarioError, ScenarioIssue

SUFFIXES = (".yaml", ".yml", ".json")


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
        raise ScenarioError([ScenarioIssue("a .yaml, .yml or .json file", source=source.name,
                                           value=source.suffix)])
    text = _decode(source.read_bytes())
    try:
        if suffix == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=_TextLoader)  # a SafeLoader subclass
    except json.JSONDecodeError as exc:
        where = f"{source.name}, line {exc.lineno}, column {exc.colno}"
        raise ScenarioError([ScenarioIssue(f"valid JSON ({exc.msg})", source=where)]
                            ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = source.name + (f", line {mark.line + 1}, column {mark.column + 1}"
                               if mark is not None else "")
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError([ScenarioIssue(f"valid YAML ({problem})", source=where)]
                            ) from None


def write_scenario_file(data: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` as YAML or JSON by the suffix of ``path``, atomically."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"a scenario file ends in .yaml, .yml or .json, not {target.name!r}")
    if suffix == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)

    def save(tmp: str) -> None:
        Path(tmp).write_text(text, encoding="utf-8")

    atomic_save(target, save)
    return target


def read_plan_folder(folder: str | os.PathLike[str]) -> Plan:
    """The plan in a folder holding ``assignments.csv`` and ``staffing.csv``, as
    ``python -m matching solve`` writes them, with the ``meta.csv`` written beside them
    (its fingerprint says which workbook the plan is for) as the plan's ``meta``.

    Raises ``FileNotFoundError`` when ``assignments.csv`` is missing, and
    :class:`~matching.DataError` naming each missing column or cell that does not parse.
    """
    source = Path(folder)
    tables = {}
    for name in ("assignments", "staffing", "meta"):
        path = source / f"{name}.csv"
        if name != "assignments" and not path.exists():
            continue
        if not path.exists():
            raise FileNotFoundError(f"no {path.name} in {source} (a plan folder as "
                                    "'python -m matching solve' writes it)")
        tables[name] = pd.read_csv(io.StringIO(_decode(path.read_bytes())), dtype=str,
                                   keep_default_na=False)
    meta = tables.get("meta")
    info = {} if meta is None or not {"key", "value"} <= set(meta.columns) else {
        "meta": dict(zip(meta["key"], meta["value"], strict=True))}
    return Plan.from_tables(tables["assignments"], tables.get("staffing"), **info)


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 as Excel and WPS save on Chinese
    Windows."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
