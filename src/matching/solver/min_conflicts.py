"""A min-conflicts walk for timetables of one-slot activities: every activity always has
a slot, and the clashes are walked down (tabu search on graph colouring, as TabuCol,
Hertz and de Werra 1987; rooms matched slot by slot, as the post-enrolment track of ITC
2007 was solved).

The ejection search (:mod:`.ejection`) keeps its timetable free of clashes and moves
activities out of the way one by one. On post-enrolment weeks, where each event shares
students with about half of the others, that leaves 6-55 of 315-472 events out after
its patience: every slot an event could take holds several it clashes with. Here every
event is placed from the start and the walk moves one clashing event at a time to the
slot where it clashes least (ties at random, a slot it just left tabu for a while), so a
region of clashes can shrink through steps that place nothing more. The timetable with
the fewest clashing events found is handed back; the ejection search keeps what is free
of clashes and places the rest.

Clashes counted: a shared cohort, person or series tag (each shared tag counts), an
event that has no room at its slot once the rooms there are matched (an augmenting path
is tried when no room it fits is free), and two consecutive sessions of a series out of
order (a series whose sessions can stand in for each other is put in order at the end,
as the ejection search does). Counting the order took the post-enrolment weeks with
ordered pairs and day windows from 20-39 events left out to 8-21.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .ejection import _Timetable

#: Tabu tenure: a slot an activity left stays forbidden to it for up to this many steps
#: (at random) plus a share of the activities clashing (TabuCol's dynamic tenure,
#: Galinier and Hao 1999).
TENURE = 10
TENURE_PER_CLASH = 0.6
#: The walk keeps, for every activity, room and slot, the option there, and for every
#: two activities the tags they share: it runs only on timetables with at most this
#: many of either (about 200 MB).
MOST_CELLS = 40_000_000
#: Steps without fewer clashing activities before the walk ends: twice as many as it
#: took to reach its best so far, at least :data:`FIRST_PATIENCE` and at most the larger
#: of :data:`PATIENCE` and :data:`PATIENCE_PER_ACTIVITY` per activity. On post-enrolment
#: weeks of 315-472 events the walk went up to 6,000 steps between two improvements
#: (43,000 once, from 2 clashing to 0: the ejection search ends such a walk sooner), but
#: never more than 0.84 times the steps before them once past its first 20 (waiting
#: only once as many, one of two runs on a dense week ended an event short); on a full
#: curriculum week, whose clashes are rooms it has no way round, it never improved after
#: its first 30 steps, and waited 2,000-5,000 more (0.2-0.6 s) before the ejection
#: search could start.
FIRST_PATIENCE = 500
PATIENCE = 2_000
PATIENCE_PER_ACTIVITY = 20


class _Walk:
    """Slots and rooms of a timetable where every activity has a slot, and for every
    activity and slot the tags it would share there (``shared``) and the rooms it fits
    that are free there (``free``), kept up to date as activities move."""

    def __init__(self, table: _Timetable) -> None:
        n = len(table.activities)
        rooms, slots = table.room_busy.shape
        self.option_at = np.full((n, rooms, slots), -1, dtype=np.int32)
        for i, o in enumerate(table.options):
            self.option_at[i, o.room, o.start] = np.arange(o.start.size)
        self.fits = self.option_at >= 0
        self.allowed = np.asarray(self.fits.any(axis=1))
        member = np.zeros((n, table.tag_busy.shape[0]), dtype=np.float32)
        for i, tags in enumerate(table.tags):
            member[i, tags] = 1
        self.weight = (member @ member.T).astype(np.int32)  # tags two activities share
        np.fill_diagonal(self.weight, 0)
        self.shared = np.zeros((n, slots), dtype=np.int32)
        self.holder = np.full((rooms, slots), -1, dtype=np.int32)
        self.free = self.fits.sum(axis=1, dtype=np.int32)
        self.slot = np.full(n, -1, dtype=np.int32)
        self.room = np.full(n, -1, dtype=np.int32)
        # a series' sessions in order: each with the next one (the order is a chain)
        pairs = [(i, int(j)) for i in range(n) if table.order_pos[i] >= 0
                 for j in table.siblings[i] if table.order_pos[j] == table.order_pos[i] + 1]
        self.earlier = np.array([a for a, _ in pairs], dtype=np.int32)
        self.later = np.array([b for _, b in pairs], dtype=np.int32)
        self.next = np.full(n, -1, dtype=np.int32)
        self.previous = np.full(n, -1, dtype=np.int32)
        self.next[self.earlier], self.previous[self.later] = self.later, self.earlier

    def no_room(self, rows: np.ndarray) -> np.ndarray:
        """For activities ``rows`` and each slot, whether no room they fit is free there
        (at their own slot: whether they have no room)."""
        out: np.ndarray = self.free[rows] == 0
        placed = self.slot[rows] >= 0
        out[placed, self.slot[rows][placed]] = self.room[rows][placed] < 0
        return out

    def out_of_order(self, rows: np.ndarray) -> np.ndarray:
        """For activities ``rows`` and each slot, 1 when the activity there would come
        before the session of its series it must follow or after the one it must precede
        (0 or 1 of each; 0 when that session has no slot)."""
        slots = np.arange(self.shared.shape[1])[None]
        then = np.where(self.next[rows] >= 0, self.slot[self.next[rows]], -1)[:, None]
        first = np.where(self.previous[rows] >= 0, self.slot[self.previous[rows]], -1)[:, None]
        out: np.ndarray = ((then >= 0) & (slots >= then)).astype(np.int32)
        out += (first >= 0) & (slots <= first)
        return out

    def wrong_order(self) -> np.ndarray:
        """Which consecutive sessions of a series are both placed and out of order."""
        first, then = self.slot[self.earlier], self.slot[self.later]
        return (first >= 0) & (then >= 0) & (first >= then)

    def clashes(self) -> tuple[np.ndarray, int]:
        """The activities that share a tag with another at their slot, have no room, or
        are out of order with a session of their series; and the clashes (each tag two
        activities share at a slot, each activity without a room, each two sessions
        out of order)."""
        placed = np.flatnonzero(self.slot >= 0)
        sharing = self.shared[placed, self.slot[placed]]
        roomless = self.room[placed] < 0
        out = np.zeros(self.slot.size, dtype=bool)
        out[placed[(sharing > 0) | roomless]] = True
        wrong = self.wrong_order()
        out[self.earlier[wrong]] = out[self.later[wrong]] = True
        return np.flatnonzero(out), int(sharing.sum()) // 2 + int(roomless.sum()) + int(wrong.sum())

    def put(self, i: int, s: int) -> None:
        """Activity ``i`` to slot ``s``, in a room there if one can be freed for it."""
        self.slot[i] = s
        self.shared[:, s] += self.weight[:, i]
        path = self._seat(i, s, set())
        for j, _ in path:
            if self.room[j] >= 0:
                self.holder[self.room[j], s] = -1
        for j, r in path:
            self.room[j] = r
            self.holder[r, s] = j
        if path:  # the path ends in the room that was free
            self.free[:, s] -= self.fits[:, path[0][1], s]

    def take(self, i: int) -> None:
        """Activity ``i`` out of its slot; an activity there without a room takes its
        room if it fits it."""
        s, r = int(self.slot[i]), int(self.room[i])
        self.shared[:, s] -= self.weight[:, i]
        self.slot[i] = self.room[i] = -1
        if r < 0:
            return
        self.holder[r, s] = -1
        waiting = np.flatnonzero((self.slot == s) & (self.room < 0) & self.fits[:, r, s])
        if waiting.size:
            j = int(waiting[0])
            self.room[j], self.holder[r, s] = r, j
        else:
            self.free[:, s] += self.fits[:, r, s]

    def _seat(self, i: int, s: int, seen: set[int]) -> list[tuple[int, int]]:
        """An augmenting path seating ``i`` at ``s``: (activity, room) moves, or none."""
        for r in np.flatnonzero(self.fits[i, :, s]).tolist():
            if r in seen:
                continue
            seen.add(r)
            holder = int(self.holder[r, s])
            if holder < 0:
                return [(i, r)]
            further = self._seat(holder, s, seen)
            if further:
                return [*further, (i, r)]
        return []

    def options(self) -> dict[int, int]:
        """Each seated activity's option index."""
        seated = np.flatnonzero(self.room >= 0)
        return {int(i): int(self.option_at[i, self.room[i], self.slot[i]]) for i in seated}


def walkable(table: _Timetable) -> bool:
    """Whether the walk is for ``table``: every activity takes one slot, no room needs
    a turnaround, and its tables (per activity and room and slot, and per pair of
    activities) fit in :data:`MOST_CELLS`."""
    n = len(table.activities)
    return table.one_slot and n * max(n, table.room_busy.size) <= MOST_CELLS


def min_conflicts(table: _Timetable, seconds: float, seed: int = 0,
                  stopped: Callable[[], bool] = lambda: False) -> dict[int, int]:
    """The options (activity index → option index) of the timetable with the fewest
    clashing activities the walk found in ``seconds`` from ``table``'s placed
    activities, the others first put where they clash least; clashing activities are
    included, for the caller to sort out.

    Each step makes the best move of a clashing activity to another slot (the one that
    removes the most clashes, or adds the fewest), a slot it left recently being tabu
    unless the move leads to fewer clashes than ever."""
    deadline = time.monotonic() + seconds
    rng = random.Random(seed)
    walk = _Walk(table)
    n = len(table.activities)
    for i in range(n):
        if table.value[i] >= 0:
            walk.put(i, table.start_of(i))
    for i in range(n):
        if walk.slot[i] < 0 and walk.allowed[i].any():
            row = np.array([i])
            cost = walk.shared[i] + walk.no_room(row)[0] + walk.out_of_order(row)[0]
            cost = np.where(walk.allowed[i], cost, np.iinfo(np.int32).max)
            walk.put(i, rng.choice(np.flatnonzero(cost == cost.min()).tolist()))
    tabu = np.zeros(walk.allowed.shape, dtype=np.int64)
    never = np.iinfo(np.int64).max // 4
    clashing, now = walk.clashes()
    best, best_count, lowest = walk.options(), clashing.size, now
    step = since_best = best_step = 0
    most = max(PATIENCE, PATIENCE_PER_ACTIVITY * n)
    while clashing.size and since_best < min(most, max(FIRST_PATIENCE, 2 * best_step)) and not (
            step % 64 == 0 and (time.monotonic() > deadline or stopped())):
        step, since_best = step + 1, since_best + 1
        rows = clashing
        cost = (walk.shared[rows] + walk.no_room(rows) + walk.out_of_order(rows)
                ).astype(np.int64)
        here = walk.slot[rows]
        delta = cost - cost[np.arange(rows.size), here][:, None]
        blocked = ~walk.allowed[rows] | ((tabu[rows] > step) & (now + delta >= lowest))
        blocked[np.arange(rows.size), here] = True
        delta[blocked] = never
        least = delta.min()
        if least == never:
            break
        k, s = divmod(rng.choice(np.flatnonzero(delta.ravel() == least).tolist()),
                      delta.shape[1])
        i = int(rows[k])
        walk.take(i)
        tabu[i, here[k]] = step + rng.randrange(TENURE) + int(TENURE_PER_CLASH * rows.size)
        walk.put(i, s)
        clashing, now = walk.clashes()
        lowest = min(lowest, now)
        if clashing.size < best_count:
            best, best_count, since_best, best_step = walk.options(), clashing.size, 0, step
    return best
