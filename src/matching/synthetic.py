"""Seeded synthetic workbooks shaped like the embedded Qianjin 2023 one, at any scale.

``generate(scale, seed)`` replicates a template workbook (by default ``data/qianjin-2023``):
``floor(scale)`` whole copies of its rooms (with their opening hours and closures), its
volunteers (with availability and preferences) and its activities (with their roles), plus
one seeded partial copy for the fractional rest. A 2× workbook is two centers' worth of
demand and supply sharing one calendar:

* copy 0 keeps the template's ids, names and dates (``scale=1`` gives the template
  itself); copy ``c`` ≥ 1 suffixes every id with ``-c<c+1>`` (rooms, volunteers,
  activities, series, cohort tags) and every name with ``·c<c+1>``;
* each copy ``c`` ≥ 1 moves its activities by whole weeks (a series moves as one), so
  weekdays and times of day stay as they were, only the dates differ; activities on a
  date that some volunteer or room has a dated row for (the summer camp and the students'
  camp weeks) keep their dates, as those rows do;
* each copy is a site: with two copies or more, its rooms carry the equipment tag
  ``@c<k>``, its activities ask for it, its volunteers' skills and its roles are
  suffixed ``@c<k>`` (``签到接待@c2``), so that a copy's activities use its own rooms and
  people and the model grows in proportion to the scale, not to its square;
* copies interact: about 10 % of the activities are held at another copy's site
  (its tag, and their ``fixed_room``/``preferred_room`` become that copy's room), and
  about 10 % of the volunteers also serve another copy (its skills too);
* fixed and preferred rooms, series, cohort tags and preferences refer to the copy's own
  rooms, activities, series and tags;
* a partial copy (``scale`` 0.5, or the 0.5 of 2.5) keeps a seeded subset of the
  activities, of each team's volunteers and of the rooms (every room some kept activity
  needs stays).

What a move or a borrowed room would break is undone: a window that would leave the
horizon, an activity that would have no allowed start, a fixed start that would meet
another in the same room, a ``must`` activity that could not be placed and staffed on its
own. A ``must`` activity that still cannot (only possible in a partial copy, whose
volunteers are a subset) becomes ``high``. So every generated workbook validates and every
``must`` activity keeps a feasible placement of its own.

Run ``python -m matching generate OUT --scale 5 --seed 1`` to write one as a CSV folder
(or an ``.xlsx`` when ``OUT`` ends so).
"""

from __future__ import annotations

import dataclasses
import math
import os
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError
from .io import build_problem, read_tables, save_workbook
from .io.cells import parse_date, parse_tags
from .problem import Problem
from .problem.calendar import covered_starts
from .problem.entities import Activity

Tables = dict[str, pd.DataFrame]
Record = dict[str, str]

#: The embedded workbook next to the source tree (``<repo>/data/qianjin-2023``).
DEFAULT_BASE = Path(__file__).resolve().parents[2] / "data" / "qianjin-2023"
#: Share of a copy's activities held at another copy's site, and of its volunteers who
#: also serve another copy.
BORROW_SHARE = 0.10
#: Moves of a copy's activities, in whole weeks.
WEEK_SHIFTS = (-2, -1, 0, 1, 2)


def suffix(copy: int) -> str:
    """The id suffix of copy ``copy`` (none for copy 0, the template itself)."""
    return "" if copy == 0 else f"-c{copy + 1}"


def _name_suffix(copy: int) -> str:
    return "" if copy == 0 else f"·c{copy + 1}"


@dataclass
class _Copy:
    """One replica of the template: which of its rows it keeps (base ids)."""

    index: int
    share: float
    rooms: list[str]
    volunteers: list[str]
    activities: list[str]
    #: per kept activity: the weeks it moves, and the copy whose site (rooms) it uses
    moves: dict[str, int] = field(default_factory=dict)
    owner: dict[str, int] = field(default_factory=dict)
    #: volunteers who also serve another copy (its index)
    helps: dict[str, int] = field(default_factory=dict)
    #: ``must`` activities made ``high`` (none so far with the embedded template)
    demoted: set[str] = field(default_factory=set)

    @property
    def partial(self) -> bool:
        return self.share < 1.0


# -- the template ------------------------------------------------------------------------
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


# -- generation --------------------------------------------------------------------------
def generate(scale: float = 1.0, seed: int = 0, *,
             base: Mapping[str, pd.DataFrame] | str | os.PathLike[str] | None = None
             ) -> Tables:
    """A workbook like ``base`` with ``scale`` times its rooms, volunteers and activities.

    Parameters
    ----------
    scale
        How many centers' worth: 1 gives the template itself, 2 two copies sharing one
        calendar, 0.5 a seeded half.
    seed
        Seed of every random choice: the same seed gives identical tables.
    base
        The template: tables, a workbook path, or None for ``data/qianjin-2023``.

    Returns
    -------
    dict[str, pandas.DataFrame]
        The workbook's tables as strings, ready for :func:`matching.write_tables` or
        :func:`matching.io.build_problem`.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, not {scale}")
    template = load_base(base)
    problem = build_problem(template)
    rng = random.Random(seed)
    copies = _choose_copies(template, problem, scale, rng)
    _propose(problem, copies, rng)
    _keep_fixed_starts_apart(problem, copies)
    _undo_what_breaks(problem, copies)
    return _assemble(template, problem, copies, scale, seed)


def write_workbook(path: str | os.PathLike[str], scale: float = 1.0, seed: int = 0, *,
                   base: Mapping[str, pd.DataFrame] | str | os.PathLike[str] | None = None
                   ) -> Path:
    """Generate a workbook (see :func:`generate`), validate it and write it to ``path``
    (a CSV folder, or an ``.xlsx`` file when ``path`` ends so)."""
    return save_workbook(generate(scale, seed, base=base), path)


def _choose_copies(template: Tables, problem: Problem, scale: float,
                   rng: random.Random) -> list[_Copy]:
    whole = math.floor(scale + 1e-9)
    rest = scale - whole if scale - whole > 1e-9 else 0.0
    shares = [1.0] * whole + ([rest] if rest else [])
    rooms = [r.room_id for r in problem.rooms]
    volunteers = [v.volunteer_id for v in problem.volunteers]
    activities = [a.activity_id for a in problem.activities]
    copies = []
    for index, share in enumerate(shares):
        if share >= 1.0:
            copies.append(_Copy(index, share, rooms, volunteers, activities))
            continue
        kept = sorted(rng.sample(range(len(activities)), max(1, round(share * len(activities)))))
        acts = [activities[i] for i in kept]
        copies.append(_Copy(index, share, _partial_rooms(problem, acts, share, rng),
                            _partial_volunteers(problem, share, rng), acts))
    return copies


def _partial_volunteers(problem: Problem, share: float, rng: random.Random) -> list[str]:
    """A seeded share of each team (at least one member each), in workbook order."""
    teams: dict[str, list[str]] = {}
    for v in problem.volunteers:
        teams.setdefault(v.team, []).append(v.volunteer_id)
    kept: set[str] = set()
    for members in teams.values():
        kept.update(rng.sample(members, max(1, round(share * len(members)))))
    return [v.volunteer_id for v in problem.volunteers if v.volunteer_id in kept]


def _partial_rooms(problem: Problem, activities: list[str], share: float,
                   rng: random.Random) -> list[str]:
    """A seeded share of the rooms, plus every room a kept activity needs: its fixed room,
    and some room that can hold it when none of the others can."""
    facts = problem.facts
    order = [r.room_id for r in problem.rooms]
    kept = {room for a in activities if (room := problem.activity_by_id[a].fixed_room)}
    others = [r for r in order if r not in kept]
    wanted = max(len(kept), math.ceil(share * len(order)))
    kept.update(rng.sample(others, min(len(others), wanted - len(kept))))
    for aid in activities:
        usable = list(facts.room_starts(aid))
        if usable and not kept.intersection(usable):
            preferred = problem.activity_by_id[aid].preferred_room
            kept.add(preferred if preferred in usable else usable[0])
    return [r for r in order if r in kept]


def _units(problem: Problem, activities: Iterable[str]) -> list[list[str]]:
    """Activities that move together: the kept sessions of a series, or one activity."""
    units: dict[str, list[str]] = {}
    for aid in activities:
        series = problem.activity_by_id[aid].series_id
        units.setdefault(f"series:{series}" if series else aid, []).append(aid)
    return list(units.values())


def _inside_horizon(problem: Problem, aid: str, weeks: int) -> bool:
    a = problem.activity_by_id[aid]
    delta = timedelta(weeks=weeks)
    return (problem.grid.start <= a.earliest_start + delta
            and a.latest_end + delta <= problem.horizon_end)


def _dated(problem: Problem) -> set[date]:
    """Dates on which some volunteer is available, or some room open, by a dated row."""
    days = {w.day for w in problem.availability if w.kind != "unavailable"}
    days.update(h.day for h in problem.opening_hours)
    return {d for d in days if isinstance(d, date)}


def _on_dated_day(problem: Problem, aid: str, dated: set[date]) -> bool:
    """Whether the activity's window touches a dated availability or opening row (the
    summer camp and its students' camp weeks, a hall open late one evening): such
    activities keep their dates, as those rows do."""
    a = problem.activity_by_id[aid]
    first, last = a.earliest_start.date(), (a.latest_end - timedelta(microseconds=1)).date()
    return any(first <= d <= last for d in dated)


def _propose(problem: Problem, copies: list[_Copy], rng: random.Random) -> None:
    """Draw each unit's move (copies ≥ 1) and each activity's borrowed room."""
    dated = _dated(problem)
    for copy in copies:
        for unit in _units(problem, copy.activities):
            weeks = rng.choice(WEEK_SHIFTS) if copy.index else 0
            if not all(_inside_horizon(problem, aid, weeks) for aid in unit) or any(
                    _on_dated_day(problem, aid, dated) for aid in unit):
                weeks = 0
            for aid in unit:
                copy.moves[aid] = weeks
        for aid in copy.activities:
            copy.owner[aid] = copy.index
            a = problem.activity_by_id[aid]
            if len(copies) < 2 or rng.random() >= BORROW_SHARE:
                continue
            if a.fixed_room and a.priority == "must":
                continue  # a must activity keeps its own fixed room
            rooms = {a.fixed_room or a.preferred_room} - {None}
            lenders = [c.index for c in copies if c is not copy and rooms <= set(c.rooms)]
            if lenders:
                copy.owner[aid] = rng.choice(lenders)
        for vid in copy.volunteers:
            if len(copies) > 1 and rng.random() < BORROW_SHARE:
                copy.helps[vid] = rng.choice([c.index for c in copies if c is not copy])


def _revert(problem: Problem, copy: _Copy, aid: str) -> list[str]:
    """Undo the move of ``aid``'s unit and its borrowed rooms; the activities undone."""
    series = problem.activity_by_id[aid].series_id
    unit = [other for other in copy.activities
            if other == aid or (series and problem.activity_by_id[other].series_id == series)]
    for other in unit:
        copy.moves[other] = 0
        copy.owner[other] = copy.index
    return unit


def _keep_fixed_starts_apart(problem: Problem, copies: list[_Copy]) -> None:
    """Undo moves and borrowed rooms that would put two fixed starts in one room at once.

    Every fixed activity's own place (unmoved, own room) stays reserved, so undoing never
    causes a new clash.
    """
    slot = problem.settings.slot_minutes

    def occupied(copy: _Copy, aid: str, weeks: int, owner: int
                 ) -> tuple[str, datetime, datetime] | None:
        a = problem.activity_by_id[aid]
        if a.fixed_start is None or a.fixed_room is None:
            return None
        room = problem.room_by_id[a.fixed_room]
        start = a.fixed_start + timedelta(weeks=weeks)
        turnaround = math.ceil(room.turnaround_minutes / slot) * slot
        end = start + timedelta(minutes=problem.planned_minutes(a) + turnaround)
        return a.fixed_room + suffix(owner), start, end

    taken: dict[str, list[tuple[datetime, datetime, str]]] = {}

    def clashes(place: tuple[str, datetime, datetime], key: str) -> bool:
        room, start, end = place
        return any(s < end and start < e and k != key for s, e, k in taken.get(room, []))

    for copy in copies:
        for aid in copy.activities:
            place = occupied(copy, aid, 0, copy.index)
            if place:
                taken.setdefault(place[0], []).append((place[1], place[2], f"{copy.index}:{aid}"))
    for copy in copies:
        for aid in copy.activities:
            place = occupied(copy, aid, copy.moves[aid], copy.owner[aid])
            if place is None or (copy.moves[aid] == 0 and copy.owner[aid] == copy.index):
                continue
            key = f"{copy.index}:{aid}"
            if clashes(place, key):
                _revert(problem, copy, aid)
            else:
                taken.setdefault(place[0], []).append((place[1], place[2], key))


def _undo_what_breaks(problem: Problem, copies: list[_Copy]) -> None:
    """Check every moved, borrowing or partial-copy activity as it will be generated; undo
    its move and borrowed room when it loses its allowed starts or (a ``must``) its
    placement on its own, and demote a ``must`` of a partial copy that cannot be placed
    even unmoved.

    A copy's rooms and volunteers keep the template's hours, closures and availability,
    so every check runs on the template's own masks, without building the new workbook.
    """
    check = _Checker(problem, copies)
    pending = [(c, aid) for c in copies for aid in c.activities
               if c.partial or c.moves[aid] or c.owner[aid] != c.index]
    for attempt in range(2):
        recheck = []
        for copy, aid in pending:
            if check.fine(copy, aid):
                continue
            if attempt == 0 and (copy.moves[aid] or copy.owner[aid] != copy.index):
                undone = _revert(problem, copy, aid)
                if copy.partial:  # unmoved, a partial copy's activity may still fail
                    recheck += [(copy, a) for a in undone]
            elif problem.activity_by_id[aid].priority == "must":
                copy.demoted.add(aid)
        pending = recheck


class _Checker:
    """Allowed starts and lone placements of activities as a generated workbook will have
    them, computed on the template's slot masks."""

    def __init__(self, problem: Problem, copies: list[_Copy]) -> None:
        self.problem, self.facts = problem, problem.facts
        self.copies = copies
        self.anywhere = {r for c in copies for r in c.rooms}
        self.local = len(copies) > 1
        self._covered: dict[tuple[str, int], np.ndarray] = {}
        self._prefix: dict[str, np.ndarray] = {}

    def fine(self, copy: _Copy, aid: str) -> bool:
        """Whether the activity keeps some allowed start (when the template gave it one)
        and, if ``must``, can be placed and staffed by its copy's volunteers alone."""
        p = self.problem
        a = p.activity_by_id[aid]
        delta = timedelta(weeks=copy.moves[aid])
        moved = dataclasses.replace(
            a, earliest_start=a.earliest_start + delta, latest_end=a.latest_end + delta,
            fixed_start=a.fixed_start + delta if a.fixed_start else None)
        starts = self.starts(moved, copy)
        if starts.size == 0:
            return self.facts.allowed_starts(aid).size == 0
        return a.priority != "must" or self.placeable(moved, starts, copy.volunteers)

    def starts(self, activity: Activity, copy: _Copy) -> np.ndarray:
        p = self.problem
        d = p.duration_slots(activity)
        owner = self.copies[copy.owner[activity.activity_id]]
        if activity.fixed_room:
            rooms = {activity.fixed_room} & set(owner.rooms)
        else:
            rooms = set(owner.rooms) if self.local else self.anywhere
        window = self.facts.window_mask(activity)
        mask = np.zeros_like(window)
        for rid in rooms:
            room = p.room_by_id[rid]
            if room.capacity >= activity.expected_attendance and (
                    activity.equipment <= room.equipment):
                key = (rid, d)
                if key not in self._covered:
                    self._covered[key] = covered_starts(self.facts.room_open[rid], d)
                mask |= window & self._covered[key]
        return np.flatnonzero(mask)

    def placeable(self, activity: Activity, starts: np.ndarray, volunteers: list[str]
                  ) -> bool:
        """Whether some start has, for every role, ``min`` distinct volunteers who have
        the skill and age band, are available throughout and whose limits admit it."""
        p = self.problem
        d = p.duration_slots(activity)
        ok = np.ones(starts.size, dtype=bool)
        anyone = np.zeros(starts.size, dtype=np.int64)
        needed = 0
        seen: set[str] = set()
        for role in p.roles_of[activity.activity_id]:
            if not role.min:
                continue
            needed += role.min
            count = np.zeros(starts.size, dtype=np.int64)
            for vid in volunteers:
                v = p.volunteer_by_id[vid]
                if role.role not in v.skills or self.facts.ruled_out(v, activity):
                    continue
                if vid not in self._prefix:
                    self._prefix[vid] = np.concatenate(
                        ([0], np.cumsum(self.facts.available(vid), dtype=np.int64)))
                prefix = self._prefix[vid]
                free = prefix[np.minimum(starts + d, prefix.size - 1)] - prefix[starts] == d
                count += free
                if vid not in seen:
                    seen.add(vid)
                    anyone += free
            ok &= count >= role.min
        return bool((ok & (anyone >= needed)).any())


# -- writing the tables ------------------------------------------------------------------
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


def _assemble(template: Tables, problem: Problem, copies: list[_Copy], scale: float,
              seed: int) -> Tables:
    out: dict[str, list[Record]] = defaultdict(list)
    records = {name: _records(template, name) for name in template}
    local = len(copies) > 1
    for row in records.get("settings", []):
        if row["key"].strip().lower() == "name":
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
        c, sfx, named = copy.index, suffix(copy.index), _name_suffix(copy.index)
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
