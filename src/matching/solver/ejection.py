"""Ejection search: when first fit and its rounds leave ``must`` activities out, place
them where they clash with the fewest others, and take those others out to be placed
again (iterated forward search, Müller 2005; the method of the ITC 2007 timetabling
winners).

On a week whose rooms are nearly all taken, first fit fails at the last few activities
whatever order it takes them in: every slot left for them holds something of the same
class or teacher. This search moves the activities already placed out of their way
instead: it takes the left-out activity moved out of the way most often (the hardest to
place; at random on a tie), gives it the start and room that clash with the fewest
placed ``must`` activities (never one that the search just moved an activity out
of, unless it clashes with none), and leaves those to be placed again. What clashes:

- a room, its turnaround included;
- a cohort, and the series an activity belongs to (no two of its sessions at once);
- a volunteer who is the only one who can fill a role (a class's teacher);
- a session placed before an earlier one of its series. A series whose sessions can
  stand in for each other (the lectures of a course) is put in order at the end.

When every activity takes one slot and no room needs a turnaround (post-enrolment and
curriculum weeks), a min-conflicts walk (:mod:`.min_conflicts`) first builds a
timetable where every activity has a slot and the clashes are walked down; what of it is
free of clashes is the search's start. While activities are still left out, time
lasts and the walks still make progress, the walk starts again from ``start`` with the
next seed. On post-enrolment weeks
where each event shares students with half the others, the search alone left 6-56 of
315-472 events out in 20 s; with the walk, 0-22 (``benchmarks/README.md``). A re-plan
(``near``) skips the walk, which moves everything, and starts from its baseline.

Only the timetable is searched: volunteers where a role has a choice, duty limits and
activities that are not ``must`` are left to first fit, which plans around the starts
and rooms found (:func:`~matching.greedy.greedy_plan`'s ``placed``). The search is
deterministic for a seed: only a time limit or a stop can end it sooner.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..greedy import first_fit_order, greedy_plan
from ..plan import Plan
from ..problem import Activity, Problem
from .min_conflicts import min_conflicts, walkable
from .settings import Pin

#: Steps without fewer activities left out before the search gives up: at least this
#: many, and this many per activity searched. On the full curriculum weeks and
#: post-enrolment weeks of ``benchmarks/shapes.py`` the longest run of steps between
#: two improvements was 54 per activity (8,058 steps on a week of 150 lectures), and
#: a step takes 0.05-0.3 ms.
PATIENCE = 2_000
PATIENCE_PER_ACTIVITY = 100
#: How many steps a move stays forbidden to the activity moved out of it.
TABU_STEPS = 10
#: The share of steps that take a place at random, to leave a region the search circles in.
NOISE = 0.02
#: Walks in a row that leave as many activities out as the best before: then the search
#: ends. A dense post-enrolment week once took 4 walks (leaving 1, 1, 1 then 0 out);
#: on a week that cannot be completed (sessions whose order no timetable keeps), walks
#: without end took half the time limit before CP-SAT proved the conflict.
RESTART_PATIENCE = 3
#: The share of the time the min-conflicts walk may take first (its patience ends it
#: sooner when it stalls).
WALK_SHARE = 0.75


@dataclass
class _Options:
    """One activity's places: start slot, room index and the room's turnaround."""

    start: np.ndarray
    room: np.ndarray
    turnaround: np.ndarray


class _Timetable:
    """The ``must`` activities' starts and rooms, and who occupies each room and tag slot."""

    def __init__(self, problem: Problem, pins: tuple[Pin, ...] = ()) -> None:
        p = self.problem = problem
        self.pins = {pin.activity_id: pin for pin in pins}
        self.activities = [a for a in p.activities
                           if (a.priority == "must" or a.activity_id in self.pins)
                           and p.facts.room_starts(a.activity_id)]
        self.index = {a.activity_id: i for i, a in enumerate(self.activities)}
        self.room_index = {r.room_id: i for i, r in enumerate(p.rooms)}
        self.duration = np.array([p.duration_slots(a) for a in self.activities], dtype=int)
        tags: dict[str, int] = {}
        self.tags = [np.array([tags.setdefault(t, len(tags)) for t in self._tags_of(a)],
                              dtype=int) for a in self.activities]
        self.options = [self._options_of(a) for a in self.activities]
        self.order_pos, self.siblings = self._series_order()
        most = max((int(d) + int(o.turnaround.max(initial=0))
                    for d, o in zip(self.duration, self.options, strict=True)), default=1)
        size = p.grid.size + most + 1
        self.tag_busy = np.full((len(tags), size), -1, dtype=np.int32)
        self.room_busy = np.full((len(p.rooms), size), -1, dtype=np.int32)
        self.value = np.full(len(self.activities), -1, dtype=int)  # index into options
        #: whether every activity takes one slot and no room needs a turnaround (the
        #: shape the min-conflicts walk is for)
        self.one_slot = all(int(d) == 1 and not o.turnaround.any()
                            for d, o in zip(self.duration, self.options, strict=True))

    # -- what an activity needs ----------------------------------------------------------
    def _required(self, activity: Activity) -> set[str]:
        """Volunteers every plan must give the activity: a role's only candidates, and
        the people pinned to it."""
        p = self.problem
        pin = self.pins.get(activity.activity_id)
        out = {vid for _, vid in pin.staff} if pin else set()
        for role in p.roles_of[activity.activity_id]:
            eligible = p.facts.eligible_volunteers(activity.activity_id, role.role)
            if role.min and len(eligible) <= role.min:
                out.update(eligible)
        return out

    def _tags_of(self, activity: Activity) -> list[str]:
        tags = [f"cohort {t}" for t in sorted(activity.cohort)]
        tags += [f"person {v}" for v in sorted(self._required(activity))]
        if activity.series_id:
            tags.append(f"series {activity.series_id}")
        return tags

    def _options_of(self, activity: Activity) -> _Options:
        p = self.problem
        d = p.duration_slots(activity)
        required = sorted(self._required(activity))
        starts, rooms, turns = [], [], []
        pin = self.pins.get(activity.activity_id)
        for room_id, room_starts in p.facts.room_starts(activity.activity_id).items():
            ok = np.ones(room_starts.size, dtype=bool)
            if pin and pin.room_id is not None:
                ok &= room_id == pin.room_id
            if pin and pin.start is not None:
                ok &= room_starts == p.grid.slot_at_or_after(pin.start)
            for vid in required:
                free = p.facts.available(vid)
                window = np.minimum(room_starts[:, None] + np.arange(d), free.size - 1)
                ok &= free[window].all(axis=1)
            starts.append(room_starts[ok])
            rooms.append(np.full(int(ok.sum()), self.room_index[room_id]))
            turns.append(np.full(int(ok.sum()),
                                 p.grid.slots_for(p.room_by_id[room_id].turnaround_minutes)))
        return _Options(*(np.concatenate(x).astype(int) if x else np.zeros(0, dtype=int)
                          for x in (starts, rooms, turns)))

    def _series_order(self) -> tuple[np.ndarray, list[np.ndarray]]:
        """Each activity's position in its series, and the siblings whose order the search
        keeps: none in a series whose ``must`` sessions can stand in for each other
        (they are put in order at the end, see :meth:`in_series_order`)."""
        position = np.full(len(self.activities), -1, dtype=int)
        siblings = [np.zeros(0, dtype=int)] * len(self.activities)
        self.interchangeable: list[list[int]] = []
        for ids in self.problem.series.values():
            members = [self.index[a] for a in ids if a in self.index]
            if len(members) < 2:
                continue
            if self._interchangeable(members):
                self.interchangeable.append(members)
                continue
            for k, i in enumerate(members):
                position[i] = k
                siblings[i] = np.array([j for j in members if j != i], dtype=int)
        return position, siblings

    def _interchangeable(self, members: list[int]) -> bool:
        p = self.problem

        def shape(i: int) -> tuple:
            a = self.activities[i]
            roles = tuple((r.role, r.min, r.target,
                           p.facts.eligible_volunteers(a.activity_id, r.role))
                          for r in p.roles_of[a.activity_id])
            o = self.options[i]
            return (int(self.duration[i]), a.cohort, roles, o.start.tobytes(),
                    o.room.tobytes(), a.expected_attendance)
        first = shape(members[0])
        return all(shape(i) == first for i in members[1:])

    # -- moves ---------------------------------------------------------------------------
    def clashes(self, i: int) -> np.ndarray:
        """For each of activity ``i``'s options, the activities placed that clash with it
        (as a row of indices, -1 for none; an activity may appear more than once)."""
        o, d = self.options[i], int(self.duration[i])
        cohort = self.tag_busy[self.tags[i][:, None, None],
                               o.start[None, :, None] + np.arange(d)]
        columns = [cohort.transpose(1, 0, 2).reshape(o.start.size, -1)]
        span = np.arange(d + int(o.turnaround.max(initial=0)))
        room = self.room_busy[o.room[:, None], o.start[:, None] + span]
        room[span[None, :] >= d + o.turnaround[:, None]] = -1
        columns.append(room)
        if self.order_pos[i] >= 0:
            sib = self.siblings[i]
            placed = sib[self.value[sib] >= 0]
            if placed.size:
                starts = np.array([self.start_of(j) for j in placed])
                ends = starts + self.duration[placed]
                before = self.order_pos[placed] < self.order_pos[i]
                wrong = np.where(before[None, :], ends[None, :] > o.start[:, None],
                                 starts[None, :] < o.start[:, None] + d)
                columns.append(np.where(wrong, placed[None, :], -1))
        return np.concatenate(columns, axis=1)

    def start_of(self, i: int) -> int:
        return int(self.options[i].start[self.value[i]])

    def place(self, i: int, v: int) -> None:
        o, d = self.options[i], int(self.duration[i])
        s = int(o.start[v])
        self.tag_busy[self.tags[i], s:s + d] = i
        self.room_busy[o.room[v], s:s + d + int(o.turnaround[v])] = i
        self.value[i] = v

    def remove(self, i: int) -> None:
        o, d, v = self.options[i], int(self.duration[i]), self.value[i]
        s = int(o.start[v])
        self.tag_busy[self.tags[i], s:s + d] = -1
        self.room_busy[o.room[v], s:s + d + int(o.turnaround[v])] = -1
        self.value[i] = -1

    def in_series_order(self) -> dict[str, tuple[int, int]]:
        """Start slot and room index of every placed activity, the sessions of each
        interchangeable series given their places in order of start."""
        placed = {i: (self.start_of(i), int(self.options[i].room[self.value[i]]))
                  for i in range(len(self.activities)) if self.value[i] >= 0}
        for members in self.interchangeable:
            here = [i for i in members if i in placed]
            for i, where in zip(here, sorted(placed[i] for i in here), strict=True):
                placed[i] = where
        return {self.activities[i].activity_id: where for i, where in placed.items()}


def _settle(table: _Timetable, problem: Problem, wanted: dict[int, int]) -> None:
    """Empty ``table``, then place each activity at its ``wanted`` option (by index) in
    first-fit order, unless it clashes with one placed before it."""
    for placed in np.flatnonzero(table.value >= 0).tolist():
        table.remove(placed)
    for a in first_fit_order(problem):
        i = table.index.get(a.activity_id)
        v = wanted.get(i) if i is not None else None
        if i is not None and v is not None and (table.clashes(i)[v] < 0).all():
            table.place(i, v)


def _distinct(rows: np.ndarray) -> np.ndarray:
    """How many distinct non-negative values each row holds."""
    if rows.shape[1] == 0:
        return np.zeros(rows.shape[0], dtype=int)
    s = np.sort(rows, axis=1)
    new = np.ones_like(s, dtype=bool)
    new[:, 1:] = s[:, 1:] != s[:, :-1]
    return (new & (s >= 0)).sum(axis=1)


def ejection_search(problem: Problem, start: Plan, seconds: float, seed: int = 0,
                    stopped: Callable[[], bool] = lambda: False, pins: tuple[Pin, ...] = (),
                    near: bool = False) -> Plan:
    """A plan around a timetable that places more ``must`` activities than ``start``
    does (by the rules of ``problem``), or ``start`` when the search found none.

    The search starts from ``start``'s starts and rooms that keep the rules (a baseline
    made for a workbook since changed may hold some that no longer do), or from the
    min-conflicts walk's (:func:`~.min_conflicts.walkable`) when that keeps more and
    ``start`` is not a plan to stay ``near``, and runs until every ``must`` and pinned
    activity is placed, :data:`PATIENCE` steps (or :data:`PATIENCE_PER_ACTIVITY` per
    activity searched) pass without fewer left out, ``seconds`` pass or ``stopped()``;
    after a walk, a run that ends with activities left out starts again with a new walk
    while ``seconds`` last, until :data:`RESTART_PATIENCE` walks in a row bring no
    progress. First fit then plans the rest around the best timetable held
    (``meta['method']`` is ``ejection``). Pinned starts and rooms are kept, and pinned
    people count as the only ones who can come."""
    deadline = time.monotonic() + seconds
    table = _Timetable(problem, pins)
    grid = problem.grid
    kept: dict[int, int] = {}
    for aid, i in table.index.items():
        placed = start.assignment_of.get(aid)
        if placed is None or placed.start is None or placed.room_id is None:
            continue
        o = table.options[i]
        s, r = grid.slot_at_or_after(placed.start), table.room_index[placed.room_id]
        match = np.flatnonzero((o.start == s) & (o.room == r))
        if match.size:
            kept[i] = int(match[0])
    _settle(table, problem, kept)
    at_start = int((table.value < 0).sum())
    walk = bool(at_start) and walkable(table) and not near
    search = _Ejection(table, seed)
    since_best = 0
    for restart in itertools.count():
        if walk:
            walked = min_conflicts(table, (deadline - time.monotonic()) * WALK_SHARE,
                                   seed + restart, stopped)
            _settle(table, problem, walked)
            if (table.value < 0).sum() > at_start:
                _settle(table, problem, kept)
        before = search.best_count
        search.run(deadline, stopped)
        since_best = 0 if search.best_count < before else since_best + 1
        if (not walk or not search.best_count or since_best >= RESTART_PATIENCE
                or time.monotonic() > deadline or stopped()):
            break
        _settle(table, problem, kept)
    return _plan_around(problem, search.best) if search.best_count < at_start else start


class _Ejection:
    """The ejection search's steps, and the best timetable they held."""

    def __init__(self, table: _Timetable, seed: int) -> None:
        self.table, self.rng = table, random.Random(seed)
        self.best = table.in_series_order()
        self.best_count = int((table.value < 0).sum())
        self.patience = max(PATIENCE, PATIENCE_PER_ACTIVITY * len(table.activities))

    def run(self, deadline: float, stopped: Callable[[], bool]) -> None:
        """Steps from the table as it is, until every activity is placed,
        :attr:`patience` steps pass without fewer left out, the deadline passes or
        ``stopped()``."""
        table, rng = self.table, self.rng
        tabu = [np.zeros(o.start.size, dtype=int) for o in table.options]  # step it is free
        moved_out = [0] * len(table.activities)  # times each was moved out of the way
        unplaced = [i for i in range(len(table.activities)) if table.value[i] < 0]
        fewest, step, since = len(unplaced), 0, 0
        if fewest < self.best_count:
            self.best, self.best_count = table.in_series_order(), fewest
        while (unplaced and since < self.patience and not (step % 64 == 0 and (
                time.monotonic() > deadline or stopped()))):
            step, since = step + 1, since + 1
            most = max(moved_out[j] for j in unplaced)
            i = unplaced.pop(rng.choice([k for k, j in enumerate(unplaced)
                                         if moved_out[j] == most]))
            rows = table.clashes(i)
            cost = _distinct(rows)
            allowed = (tabu[i] < step) | (cost == 0)
            if not allowed.any():
                unplaced.append(i)
                continue
            if rng.random() < NOISE:
                v = rng.choice(list(np.flatnonzero(allowed)))
            else:
                least = cost[allowed].min()
                v = rng.choice(list(np.flatnonzero(allowed & (cost == least))))
            for j in {int(j) for j in rows[v] if j >= 0}:
                tabu[j][int(table.value[j])] = step + TABU_STEPS
                table.remove(j)
                moved_out[j] += 1
                unplaced.append(j)
            table.place(i, int(v))
            if len(unplaced) < fewest:
                fewest, since = len(unplaced), 0
                if fewest < self.best_count:
                    self.best, self.best_count = table.in_series_order(), fewest


def _plan_around(problem: Problem, placed: dict[str, tuple[int, int]]) -> Plan:
    """First fit with the ``must`` activities at the starts and rooms found, first."""
    rooms = problem.rooms
    at = {aid: (s, rooms[r].room_id) for aid, (s, r) in placed.items()}
    order = first_fit_order(problem)
    plan = greedy_plan(problem, [a for a in order if a.activity_id in at]
                       + [a for a in order if a.activity_id not in at], placed=at)
    return Plan(plan.assignments, plan.staffing, plan.status, wall_time=plan.wall_time,
                meta={**plan.meta, "method": "ejection"}, conflicts=plan.conflicts)
