"""The copies of the template a synthetic workbook is made of: which rooms, volunteers
and activities each keeps, and the moves (whole weeks) and borrowed sites drawn for it.

Everything here is about base ids and the template's problem; :mod:`.repair` undoes
what a draw would break and :mod:`.tables` writes the copies out as workbook tables.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from ..problem import Problem

Tables = dict[str, pd.DataFrame]
Record = dict[str, str]

#: Share of a copy's activities held at another copy's site, and of its volunteers who
#: also serve another copy.
BORROW_SHARE = 0.10
#: Moves of a copy's activities, in whole weeks.
WEEK_SHIFTS = (-2, -1, 0, 1, 2)


def suffix(copy: int) -> str:
    """The id suffix of copy ``copy`` (none for copy 0, the template itself)."""
    return "" if copy == 0 else f"-c{copy + 1}"


def name_suffix(copy: int) -> str:
    return "" if copy == 0 else f"·c{copy + 1}"


@dataclass
class Copy:
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


def choose_copies(template: Tables, problem: Problem, scale: float,
                   rng: random.Random) -> list[Copy]:
    """``floor(scale)`` whole copies of the template, then a seeded partial one for the
    fractional rest."""
    whole = math.floor(scale + 1e-9)
    rest = scale - whole if scale - whole > 1e-9 else 0.0
    shares = [1.0] * whole + ([rest] if rest else [])
    rooms = [r.room_id for r in problem.rooms]
    volunteers = [v.volunteer_id for v in problem.volunteers]
    activities = [a.activity_id for a in problem.activities]
    copies = []
    for index, share in enumerate(shares):
        if share >= 1.0:
            copies.append(Copy(index, share, rooms, volunteers, activities))
            continue
        kept = sorted(rng.sample(range(len(activities)), max(1, round(share * len(activities)))))
        acts = [activities[i] for i in kept]
        copies.append(Copy(index, share, _partial_rooms(problem, acts, share, rng),
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


def propose(problem: Problem, copies: list[Copy], rng: random.Random) -> None:
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
