"""The template's tables read as text, and the copies written out as a workbook's
tables: ids and names suffixed per copy, dates moved by whole weeks, site tags on rooms,
skills, roles and activities, preferences kept only where their target was kept.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import Path

import pandas as pd

from ..errors import DataError
from ..io import read_tables
from ..io.cells import parse_date, parse_tags, setting_key
from ..problem import Problem
from .copies import Copy, Record, Tables, name_suffix, suffix

#: The embedded workbook next to the source tree (``<repo>/data/qianjin-2023``).
DEFAULT_BASE = Path(__file__).resolve().parents[3] / "data" / "qianjin-2023"


def load_base(base: Mapping[str, pd.DataFrame] | str | os.PathLike[str] | None = None
              ) -> Tables:
    """The template's tables as strings: ``base`` itself, the workbook at that path, or
    ``data/qianjin-2023`` of the source tree."""
    if base is None or isinstance(base, str | os.PathLike):
        path = Path(base) if base is not None else DEFAULT_BASE
        if not path.exists():
            raise FileNotFoundError(
                f"no template workbook at {path}; synthetic workbooks copy one, by default "
                "data/qianjin-2023 of the source tree (pass base=<path or tables>)")
        tables, issues = read_tables(path)
        if [i for i in issues if i.severity == "error"]:
            raise DataError(issues)
    else:
        tables = dict(base)
    return {name: frame.fillna("").astype(str).astype(object).reset_index(drop=True)
            for name, frame in tables.items()}


def _records(tables: Tables, name: str) -> list[Record]:
    frame = tables.get(name)
    return [] if frame is None else frame.to_dict("records")  # type: ignore[return-value]


def _shift(text: str, weeks: int) -> str:
    """A date or date-time cell moved by whole weeks (its time of day kept)."""
    if not text or not weeks:
        return text
    day, *rest = text.split(maxsplit=1)
    return " ".join([(parse_date(day) + timedelta(weeks=weeks)).isoformat(), *rest])


def _tags(text: str, copy: int) -> str:
    return ";".join(t + suffix(copy) for t in sorted(parse_tags(text)))


def at(copy: int) -> str:
    """The tag of copy ``copy``'s site: its rooms' equipment and its volunteers' skills
    carry it, so that its activities use its rooms and people (``@c2``)."""
    return f"@c{copy + 1}"


def _join(tags: str, extra: list[str]) -> str:
    return ";".join([*sorted(parse_tags(tags)), *extra])


def records_frame(columns: Iterable[str], rows: list[Record]) -> pd.DataFrame:
    """A workbook table of ``rows`` (column -> text), numbered as spreadsheet rows."""
    frame = pd.DataFrame(rows, columns=list(columns), dtype=object).fillna("")
    frame.index = pd.RangeIndex(2, len(rows) + 2, name="row")
    return frame


def assemble(template: Tables, problem: Problem, copies: list[Copy], scale: float,
              seed: int) -> Tables:
    """Every copy's rows of every template table, as the generated workbook's tables."""
    out: dict[str, list[Record]] = defaultdict(list)
    records = {name: _records(template, name) for name in template}
    local = len(copies) > 1
    for row in records.get("settings", []):
        if setting_key(row["key"]) == "name":
            row = {**row, "value": f"{row['value']} · synthetic ×{scale:g} seed {seed}"}
        out["settings"].append(row)
    out["themes"] = records.get("themes", [])
    rooms_of = {c.index: set(c.rooms) for c in copies}
    for row in records.get("closures", []):  # the center's once, a room's per copy
        room = row.get("room_id", "")
        out["closures"] += [{**row, "room_id": room + suffix(c.index)} for c in copies
                            if room in rooms_of[c.index]] if room else [row]
    series_ids = set(problem.series)
    cohorts = {t for a in problem.activities for t in a.cohort}
    volunteer_index = {v.volunteer_id: i for i, v in enumerate(problem.volunteers)}
    for copy in copies:
        c, sfx, named = copy.index, suffix(copy.index), name_suffix(copy.index)
        rooms, people, acts = set(copy.rooms), set(copy.volunteers), set(copy.activities)
        for row in records.get("rooms", []):
            if row["room_id"] in rooms:
                site = row.get("site", "")
                new = {**row, "room_id": row["room_id"] + sfx, "name": row["name"] + named}
                if site:
                    new["site"] = site + named
                if local:
                    new["equipment"] = _join(row.get("equipment", ""), [at(c)])
                out["rooms"].append(new)
        for row in records.get("room_hours", []):
            if row["room_id"] in rooms:
                out["room_hours"].append({**row, "room_id": row["room_id"] + sfx})
        for row in records.get("volunteers", []):
            vid = row["volunteer_id"]
            if vid in people:
                new = {**row, "volunteer_id": vid + sfx, "name": row["name"] + named}
                if c and row.get("team"):
                    new["team"] = row["team"] + named
                if c and row.get("phone"):
                    new["phone"] = f"139-{c + 1:04d}-{volunteer_index[vid] + 1:04d}"
                if local:
                    skills = sorted(parse_tags(row["skills"]))
                    sites = [c] + ([copy.helps[vid]] if vid in copy.helps else [])
                    new["skills"] = ";".join(s + at(k) for k in sites for s in skills)
                out["volunteers"].append(new)
        for row in records.get("availability", []):
            if row["volunteer_id"] in people:
                out["availability"].append({**row, "volunteer_id": row["volunteer_id"] + sfx})
        for row in records.get("activities", []):
            aid = row["activity_id"]
            if aid not in acts:
                continue
            weeks = copy.moves[aid]
            new = {**row, "activity_id": aid + sfx, "title": row["title"] + named}
            for column in ("earliest_start", "latest_end", "fixed_start"):
                if column in row:
                    new[column] = _shift(row[column], weeks)
            for column in ("fixed_room", "preferred_room"):
                room = row.get(column, "")
                if room in rooms_of[copy.owner[aid]]:
                    new[column] = room + suffix(copy.owner[aid])
                elif room:  # a room the lender or a partial copy lacks: own if usable
                    new[column] = room + sfx if room in rooms and not (
                        local and copy.owner[aid] != c) else ""
            if local:
                new["equipment"] = _join(row.get("equipment", ""), [at(copy.owner[aid])])
            if row.get("series_id"):
                new["series_id"] = row["series_id"] + sfx
            if row.get("cohort"):
                new["cohort"] = _tags(row["cohort"], c)
            if aid in copy.demoted:
                new["priority"] = "high"
                new["notes"] = (row.get("notes", "") + " (synthetic: must made high)").strip()
            out["activities"].append(new)
        for row in records.get("roles", []):
            if row["activity_id"] in acts:
                out["roles"].append({**row, "activity_id": row["activity_id"] + sfx,
                                     **({"role": row["role"] + at(c)} if local else {})})
        for row in records.get("preferences", []):
            target = row["target"]
            if row["volunteer_id"] not in people:
                continue
            if target in problem.activity_by_id or target in series_ids or target in cohorts:
                target += sfx
            out["preferences"].append({**row, "volunteer_id": row["volunteer_id"] + sfx,
                                       "target": target})
    # drop wishes whose activity, series or tag was not kept
    targets = {t for row in out["activities"] for t in _activity_tags(row)}
    out["preferences"] = [r for r in out["preferences"] if r["target"] in targets]
    return {name: records_frame(frame.columns, out[name]) for name, frame in template.items()}


def _activity_tags(row: Record) -> set[str]:
    tags = {row["activity_id"], row.get("kind", "") or "activity"}
    tags.update(parse_tags(row.get("equipment", "")), parse_tags(row.get("cohort", "")))
    tags.update(row.get(c, "") for c in ("theme_id", "series_id", "partner"))
    tags.discard("")
    return tags
