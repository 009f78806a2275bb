"""The baseline a coordinator does by hand: first fit, most important activity first.

:func:`greedy_plan` takes the activities by priority (must, high, normal, low), then by
the start of their window, and gives each the first start that works with what is
already placed, in the smallest room free then that holds it (its preferred room first:
a big hall stays free for the groups that need it), staffed first-fit: for each role, in
role order, the first volunteers who have the skill and age band, are available and free
then, and stay within every duty rule (hours a day and a week, activities a month, rest
after a long shift: :mod:`matching.rules`), up to the role's ``target``, asking those who
like the activity most first, then those not asked yet, then in workbook order. When a
role cannot reach its ``min`` at a start, the next start (or room) is tried; when
nothing works the activity stays unscheduled with the reason.

The solver also starts from a variant (``fullest``) that gives each activity the start
at which most of its seats can be filled: where people are busy elsewhere, the first
start that works leaves the seats of those not free then empty.

Hard rules are kept by construction (room free with its turnaround, cohorts never
overlapping, series sessions in row order, fixed starts and rooms), so the plan is valid
unless a ``must`` activity finds no place. It is the benchmark the solver must beat and a
quick plan for a coordinator; no solver is involved.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .i18n import Message, say
from .plan import Assignment, Plan, Staffing
from .problem import Activity, Problem
from .problem.eligibility import no_placement_reason
from .problem.entities import PRIORITIES, Role
from .rules import tallies

#: Candidate starts whose volunteers are examined at once (most activities are staffed at
#: one of their first few free starts, so the rest is never looked at).
_CHUNK = 32


@dataclass
class _Placed:
    start: int
    end: int  # slot after the last one


class _Greedy:
    """What is placed so far, as boolean slot matrices (one row per room or volunteer,
    padded past the horizon so windows never run off the end)."""

    def __init__(self, problem: Problem,
                 placed: Mapping[str, tuple[int, str]] | None = None,
                 fullest: bool = False) -> None:
        self.problem = p = problem
        self.placed = placed or {}
        self.fullest = fullest
        grid = p.grid
        size, self.pad = grid.size, 2 * grid.slots_per_day
        self.room_row = {r.room_id: i for i, r in enumerate(p.rooms)}
        self.person_row = {v.volunteer_id: i for i, v in enumerate(p.volunteers)}
        self.rooms = np.zeros((len(p.rooms), size + self.pad), dtype=bool)
        self.people = np.zeros((len(p.volunteers), size + self.pad), dtype=bool)
        self.available = np.zeros_like(self.people)
        for vid, row in self.person_row.items():
            self.available[row, :size] = p.facts.available(vid)
        self.duties = tallies(p)
        self.cohorts: dict[str, np.ndarray] = {}
        self.series: dict[str, dict[int, _Placed]] = {}
        self.position = {aid: i for ids in p.series.values() for i, aid in enumerate(ids)}
        self.assignments: dict[str, Assignment] = {}
        self.staffing: dict[str, list[Staffing]] = {}
        self.asked: set[int] = set()  # rows of the volunteers staffed so far

    # -- one activity ------------------------------------------------------------------
    def place(self, activity: Activity) -> None:
        p = self.problem
        aid = activity.activity_id
        by_room = p.facts.room_starts(aid)
        if aid in self.placed:
            start, room = self.placed[aid]
            by_room = {room: by_room[room][by_room[room] == start]} if room in by_room else {}
        if not by_room:
            self._skip(aid, no_placement_reason(p, activity) or say("why.no_rooms"))
            return
        starts = np.unique(np.concatenate(list(by_room.values())))
        d = p.duration_slots(activity)
        ok = self._time_rules(activity, starts, d)
        if not ok.any():
            self._skip(aid, say("why.no_time_left"))
            return
        rooms, free = self._free_rooms(activity, by_room, starts, d)
        ok &= free.any(axis=0)
        if not ok.any():
            self._skip(aid, say("why.rooms_taken"))
            return
        roles = p.roles_of[aid]
        candidates = {role.role: self._candidates(activity, role) for role in roles}
        people = list(dict.fromkeys(v for vs in candidates.values() for v in vs))
        short: dict[str, int] = {}
        chosen = self._choose(activity, starts[ok], d, roles, candidates, people, short)
        if chosen is None:
            role = max(short, key=lambda r: short[r]) if short else "?"
            self._skip(aid, say("why.no_free_volunteers", role=role))
            return
        k, crew = chosen
        index = np.flatnonzero(ok)[k]
        room = rooms[int(np.argmax(free[:, index]))]
        self._commit(activity, int(starts[index]), d, room, crew)

    def _choose(self, activity: Activity, starts: np.ndarray, d: int, roles: tuple[Role, ...],
                candidates: dict[str, list[int]], people: list[int], short: dict[str, int]
                ) -> tuple[int, list[tuple[str, int]]] | None:
        """The position in ``starts`` to hold the activity at, and its crew: the first
        start at which every role reaches its ``min``, or, with ``fullest``, the first
        at which the crew is largest (looking no further once every role is at its
        ``target``, or has every candidate it has). None when no start has a crew."""
        full = sum(min(role.target, len(candidates[role.role])) for role in roles)
        best: tuple[int, list[tuple[str, int]]] | None = None
        for first in range(0, starts.size, _CHUNK):
            can = self._can_staff(activity, starts[first:first + _CHUNK], d, people)
            for k in range(can.shape[1]):
                crew = self._crew(roles, candidates, can[:, k], short)
                if crew is not None and (best is None or len(crew) > len(best[1])):
                    best = (first + k, crew)
                    if not self.fullest or len(crew) >= full:
                        return best
        return best

    def _time_rules(self, activity: Activity, starts: np.ndarray, d: int) -> np.ndarray:
        """Starts that keep the activity's cohorts apart and its series in order."""
        ok = np.ones(starts.size, dtype=bool)
        window = starts[:, None] + np.arange(d)
        for tag in activity.cohort:
            busy = self.cohorts.get(tag)
            if busy is not None:
                ok &= ~busy[window].any(axis=1)
        if activity.series_id:
            mine = self.position[activity.activity_id]
            for position, placed in self.series.get(activity.series_id, {}).items():
                if position < mine:
                    ok &= starts >= placed.end
                else:
                    ok &= starts + d <= placed.start
        return ok

    def _free_rooms(self, activity: Activity, by_room: dict[str, np.ndarray],
                    starts: np.ndarray, d: int) -> tuple[list[str], np.ndarray]:
        """The eligible rooms (the preferred one first, then the smallest first) and, for
        each, the starts at which it is open and free, its turnaround after the activity
        included.

        Smallest first, as a coordinator keeps the hall for the large groups: on the
        curriculum weeks of ``benchmarks/shapes.py``, whose rooms are listed largest
        first, first fit in workbook room order left 814 lectures out of 28 weeks, and
        42 smallest first; the year's soft tier falls from 1,588 to 1,462."""
        p = self.problem
        rooms = sorted(by_room, key=lambda r: (r != activity.preferred_room,
                                               p.room_by_id[r].capacity))
        free = np.zeros((len(rooms), starts.size), dtype=bool)
        for i, rid in enumerate(rooms):
            free[i, np.searchsorted(starts, by_room[rid])] = True
        turnaround = np.array([p.grid.slots_for(p.room_by_id[r].turnaround_minutes)
                               for r in rooms])
        for t in np.unique(turnaround):
            which = np.flatnonzero(turnaround == t)
            rows = np.array([self.room_row[rooms[i]] for i in which])
            window = (starts[:, None] + np.arange(d + t)).ravel()
            busy = self.rooms[np.ix_(rows, window)].reshape(len(rows), starts.size, d + t)
            free[which] &= ~busy.any(axis=2)
        return rooms, free

    def _candidates(self, activity: Activity, role: Role) -> list[int]:
        """Rows of the volunteers who could ever fill the role (skill, age band, duty
        rules, available at some start): those who like the activity most first, then
        those not asked yet, then in workbook order, as a coordinator asks around (the
        year's soft tier: 886 against 1,462 in workbook order; the 10x year's 7,862
        against 13,722)."""
        p = self.problem
        eligible = p.facts.eligible_volunteers(activity.activity_id, role.role)
        rows = [(self.person_row[v], p.liking(v, activity)) for v in eligible]
        return [row for row, _ in sorted(rows, key=lambda r: (-r[1], r[0] in self.asked))]

    def _can_staff(self, activity: Activity, starts: np.ndarray, d: int,
                   people: list[int]) -> np.ndarray:
        """A matrix (all volunteers × ``starts``): true where a candidate is available,
        free and within every duty rule (:mod:`matching.rules`)."""
        out = np.zeros((len(self.problem.volunteers), starts.size), dtype=bool)
        if not people:
            return out
        rows = np.array(people)
        window = (starts[:, None] + np.arange(d)).ravel()
        shape = (len(people), starts.size, d)
        ok = self.available[np.ix_(rows, window)].reshape(shape).all(axis=2)
        ok &= ~self.people[np.ix_(rows, window)].reshape(shape).any(axis=2)
        for tally in self.duties:
            ok &= tally.allows(rows, starts, d)
        out[rows] = ok
        return out

    @staticmethod
    def _crew(roles: tuple[Role, ...], candidates: dict[str, list[int]], can: np.ndarray,
              short: dict[str, int]) -> list[tuple[str, int]] | None:
        """First-fit volunteers for every role at one start (``can``: who can come), or
        None when some role stays below its ``min`` (counted in ``short``)."""
        crew: list[tuple[str, int]] = []
        taken: set[int] = set()
        for role in roles:
            picked = [v for v in candidates[role.role] if can[v] and v not in taken]
            picked = picked[:role.target]
            if len(picked) < role.min:
                short[role.role] = short.get(role.role, 0) + 1
                return None
            taken.update(picked)
            crew += [(role.role, v) for v in picked]
        return crew

    def _commit(self, activity: Activity, start: int, d: int, room: str,
                crew: list[tuple[str, int]]) -> None:
        p = self.problem
        aid = activity.activity_id
        turnaround = p.grid.slots_for(p.room_by_id[room].turnaround_minutes)
        self.rooms[self.room_row[room], start:start + d + turnaround] = True
        for tag in activity.cohort:
            if tag not in self.cohorts:
                self.cohorts[tag] = np.zeros(p.grid.size + self.pad, dtype=bool)
            self.cohorts[tag][start:start + d] = True
        if activity.series_id:
            self.series.setdefault(activity.series_id, {})[self.position[aid]] = _Placed(
                start, start + d)
        for _, row in crew:
            self.asked.add(row)
            self.people[row, start:start + d] = True
            for tally in self.duties:
                tally.book(row, start, d)
        self.assignments[aid] = Assignment(aid, p.grid.time_of(start), p.grid.time_of(start + d),
                                           room)
        self.staffing[aid] = [Staffing(aid, role, p.volunteers[row].volunteer_id)
                              for role, row in crew]

    def _skip(self, activity_id: str, why: Message) -> None:
        self.assignments[activity_id] = Assignment(activity_id).because(why)


def first_fit_order(problem: Problem) -> list[Activity]:
    """The order a coordinator takes activities in: by priority (must, high, normal,
    low), then by the start of their window, then in workbook order."""
    rank = {p: i for i, p in enumerate(PRIORITIES)}
    return [a for _, a in sorted(enumerate(problem.activities),
                                 key=lambda item: (rank[item[1].priority],
                                                   item[1].earliest_start, item[0]))]


def greedy_plan(problem: Problem, order: Sequence[Activity] | None = None,
                placed: Mapping[str, tuple[int, str]] | None = None, *,
                fullest: bool = False) -> Plan:
    """Plan by hand, as a coordinator would: first fit, most important activity first.

    Parameters
    ----------
    problem
        A validated problem.
    order
        Every activity of ``problem``, in the order to place them (default:
        :func:`first_fit_order`).
    placed
        Start slot and room of activities to be given that place or none (a search's
        timetable, :mod:`matching.solver.ejection`).
    fullest
        Give each activity, of the starts that work, the first at which its crew is
        largest instead of the first start: a coordinator who looks for the time most
        people can come (a start plan of the solver's, not the baseline).

    Returns
    -------
    Plan
        Status ``FEASIBLE`` when every ``must`` activity found a place (``INFEASIBLE``
        otherwise, the plan still listing what was placed); ``objective`` and ``bound``
        are None (score it with :func:`matching.evaluate.evaluate`); ``meta['method']``
        is ``greedy`` (``fullest crews`` with ``fullest``).
    """
    started = time.monotonic()
    state = _Greedy(problem, placed, fullest)
    for activity in first_fit_order(problem) if order is None else order:
        state.place(activity)
    assignments = tuple(state.assignments[a.activity_id] for a in problem.activities)
    staffing = tuple(s for a in problem.activities for s in state.staffing.get(a.activity_id, ()))
    missing = [a.activity_id for a in problem.activities
               if a.priority == "must" and state.assignments[a.activity_id].start is None]
    wall = time.monotonic() - started
    meta = {"method": "fullest crews" if fullest else "greedy", "fingerprint": problem.fingerprint,
            "status": "INFEASIBLE" if missing else "FEASIBLE", "wall_time": f"{wall:.2f}"}
    return Plan(assignments, staffing, meta["status"], wall_time=wall, meta=meta
                ).with_conflicts(tuple(say("conflict.first_fit_must", activity=m)
                                       for m in missing))
