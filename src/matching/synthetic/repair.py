"""Undoing what a drawn move or borrowed room would break, so that every generated
workbook validates and every ``must`` activity keeps a feasible placement of its own.

A copy's rooms and volunteers keep the template's hours, closures and availability, so
the checks run on the template's own slot masks, without building the new workbook.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import datetime, timedelta

import numpy as np

from ..problem import Problem
from ..problem.calendar import covered_starts
from ..problem.entities import Activity
from .copies import Copy, suffix


def revert(problem: Problem, copy: Copy, aid: str) -> list[str]:
    """Undo the move of ``aid``'s unit and its borrowed rooms; the activities undone."""
    series = problem.activity_by_id[aid].series_id
    unit = [other for other in copy.activities
            if other == aid or (series and problem.activity_by_id[other].series_id == series)]
    for other in unit:
        copy.moves[other] = 0
        copy.owner[other] = copy.index
    return unit


def keep_fixed_starts_apart(problem: Problem, copies: list[Copy]) -> None:
    """Undo moves and borrowed rooms that would put two fixed starts in one room at once.

    Every fixed activity's own place (unmoved, own room) stays reserved, so undoing never
    causes a new clash.
    """
    slot = problem.settings.slot_minutes

    def occupied(copy: Copy, aid: str, weeks: int, owner: int
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
                revert(problem, copy, aid)
            else:
                taken.setdefault(place[0], []).append((place[1], place[2], key))


def undo_what_breaks(problem: Problem, copies: list[Copy]) -> None:
    """Check every moved, borrowing or partial-copy activity as it will be generated; undo
    its move and borrowed room when it loses its allowed starts or (a ``must``) its
    placement on its own, and demote a ``must`` of a partial copy that cannot be placed
    even unmoved.

    A copy's rooms and volunteers keep the template's hours, closures and availability,
    so every check runs on the template's own masks, without building the new workbook.
    """
    check = Checker(problem, copies)
    pending = [(c, aid) for c in copies for aid in c.activities
               if c.partial or c.moves[aid] or c.owner[aid] != c.index]
    for attempt in range(2):
        recheck = []
        for copy, aid in pending:
            if check.fine(copy, aid):
                continue
            if attempt == 0 and (copy.moves[aid] or copy.owner[aid] != copy.index):
                undone = revert(problem, copy, aid)
                if copy.partial:  # unmoved, a partial copy's activity may still fail
                    recheck += [(copy, a) for a in undone]
            elif problem.activity_by_id[aid].priority == "must":
                copy.demoted.add(aid)
        pending = recheck


class Checker:
    """Allowed starts and lone placements of activities as a generated workbook will have
    them, computed on the template's slot masks."""

    def __init__(self, problem: Problem, copies: list[Copy]) -> None:
        self.problem, self.facts = problem, problem.facts
        self.copies = copies
        self.anywhere = {r for c in copies for r in c.rooms}
        self.local = len(copies) > 1
        self._covered: dict[tuple[str, int], np.ndarray] = {}
        self._prefix: dict[str, np.ndarray] = {}

    def fine(self, copy: Copy, aid: str) -> bool:
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

    def starts(self, activity: Activity, copy: Copy) -> np.ndarray:
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
