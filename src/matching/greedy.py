"""The baseline a coordinator does by hand: first fit, most important activity first.

:func:`greedy_plan` takes the activities by priority (must, high, normal, low), then by
the start of their window, and gives each the first start and the first room that work
with what is already placed, staffed first-fit: for each role, in role order, the first
volunteers (in workbook order) who have the skill and age band, are available and free
then, and stay within their weekly hours and monthly activities, up to the role's
``target``. When a role cannot reach its ``min`` at a start, the next start (or room) is
tried; when nothing works the activity stays unscheduled with the reason.

Hard rules are kept by construction (room free with its turnaround, cohorts never
overlapping, series sessions in row order, fixed starts and rooms), so the plan is valid
unless a ``must`` activity finds no place. It is the benchmark the solver must beat and a
quick plan for a coordinator; no solver is involved.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .plan import Assignment, Plan, Staffing
from .problem import Activity, Problem
from .problem.entities import PRIORITIES, Role, age_rank

#: Candidate starts whose volunteers are examined at once (most activities are staffed at
#: one of their first few free starts, so the rest is never looked at).
_CHUNK = 32


def _busy_in(busy: np.ndarray, starts: np.ndarray, length: int) -> np.ndarray:
    """For each start ``s``, whether ``busy`` has a true slot in ``[s, s + length)``."""
    if starts.size == 0:
        return np.zeros(0, dtype=bool)
    lo = int(starts[0])
    hi = min(int(starts[-1]) + length, busy.size)
    prefix = np.concatenate(([0], np.cumsum(busy[lo:hi], dtype=np.int64)))
    first = starts - lo
    last = np.minimum(first + length, prefix.size - 1)
    return prefix[last] - prefix[first] > 0


@dataclass
class _Placed:
    start: int
    end: int  # slot after the last one


@dataclass
class _Greedy:
    problem: Problem
    rooms: dict[str, np.ndarray] = field(default_factory=dict)
    people: dict[str, np.ndarray] = field(default_factory=dict)
    cohorts: dict[str, np.ndarray] = field(default_factory=dict)
    week_minutes: dict[str, np.ndarray] = field(default_factory=dict)
    month_count: dict[str, np.ndarray] = field(default_factory=dict)
    series: dict[str, dict[int, _Placed]] = field(default_factory=dict)
    assignments: dict[str, Assignment] = field(default_factory=dict)
    staffing: dict[str, list[Staffing]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        p = self.problem
        grid = p.grid
        size = grid.size
        days = np.arange(size) // grid.slots_per_day
        self.week_of = (days + grid.start.weekday()) // 7
        dates = grid.dates()
        months = np.array([d.year * 12 + d.month for d in dates], dtype=np.int64)
        self.month_of = np.repeat(months - months.min(), grid.slots_per_day)
        weeks, month_span = int(self.week_of.max()) + 1, int(months.max() - months.min()) + 1
        self.rooms = {r.room_id: np.zeros(size, dtype=bool) for r in p.rooms}
        self.people = {v.volunteer_id: np.zeros(size, dtype=bool) for v in p.volunteers}
        self.week_minutes = {v.volunteer_id: np.zeros(weeks) for v in p.volunteers}
        self.month_count = {v.volunteer_id: np.zeros(month_span, dtype=np.int64)
                            for v in p.volunteers}
        self._available: dict[str, np.ndarray] = {}
        self.position = {aid: i for ids in p.series.values() for i, aid in enumerate(ids)}

    # -- one activity ------------------------------------------------------------------
    def place(self, activity: Activity) -> None:
        p = self.problem
        aid = activity.activity_id
        by_room = p.facts.room_starts(aid)
        if not by_room:
            self._skip(aid, "no suitable room is open for the whole activity in its window")
            return
        starts = np.unique(np.concatenate(list(by_room.values())))
        d = p.duration_slots(activity)
        ok = self._time_rules(activity, starts, d)
        if not ok.any():
            self._skip(aid, "its cohort or series leaves no time in its window")
            return
        free = self._free_rooms(activity, by_room, starts, d)
        ok &= np.logical_or.reduce(list(free.values()))
        if not ok.any():
            self._skip(aid, "every suitable room is taken at every time it could start")
            return
        candidates = {role.role: self._candidates(activity, role)
                      for role in p.roles_of[aid]}
        short: dict[str, int] = {}
        indices = np.flatnonzero(ok)
        for first in range(0, indices.size, _CHUNK):
            chunk = indices[first:first + _CHUNK]
            can = self._can_staff(activity, starts[chunk], d, candidates)
            for k, index in enumerate(chunk):
                crew = self._crew(p.roles_of[aid], candidates, can, k, short)
                if crew is None:
                    continue
                room = next(r for r, m in free.items() if m[index])
                self._commit(activity, int(starts[index]), d, room, crew)
                return
        role = max(short, key=lambda r: short[r]) if short else "?"
        self._skip(aid, f"not enough free volunteers for {role} whenever a room is free")

    def _time_rules(self, activity: Activity, starts: np.ndarray, d: int) -> np.ndarray:
        """Starts that keep the activity's cohorts apart and its series in order."""
        ok = np.ones(starts.size, dtype=bool)
        for tag in activity.cohort:
            busy = self.cohorts.get(tag)
            if busy is not None:
                ok &= ~_busy_in(busy, starts, d)
        if activity.series_id:
            mine = self.position[activity.activity_id]
            for position, placed in self.series.get(activity.series_id, {}).items():
                if position < mine:
                    ok &= starts >= placed.end
                else:
                    ok &= starts + d <= placed.start
        return ok

    def _free_rooms(self, activity: Activity, by_room: dict[str, np.ndarray],
                    starts: np.ndarray, d: int) -> dict[str, np.ndarray]:
        """For each eligible room (the preferred one first), the starts at which it is
        open and free, its turnaround after the activity included."""
        p = self.problem
        order = sorted(by_room, key=lambda r: r != activity.preferred_room)
        free = {}
        for rid in order:
            turnaround = p.grid.slots_for(p.room_by_id[rid].turnaround_minutes)
            opened = np.isin(starts, by_room[rid], assume_unique=True)
            free[rid] = opened & ~_busy_in(self.rooms[rid], starts, d + turnaround)
        return free

    def _candidates(self, activity: Activity, role: Role) -> list[str]:
        """Volunteers who could ever fill the role: skill, age band and limits."""
        minutes = self.problem.planned_minutes(activity)
        lowest = age_rank(activity.min_age_band) if activity.min_age_band else None
        return [v.volunteer_id for v in self.problem.volunteers
                if role.role in v.skills and v.max_activities_per_month != 0
                and (lowest is None or age_rank(v.age_band) >= lowest)
                and (v.max_hours_per_week is None or minutes <= v.max_hours_per_week * 60)]

    def _can_staff(self, activity: Activity, starts: np.ndarray, d: int,
                   candidates: dict[str, list[str]]) -> dict[str, np.ndarray]:
        """For each candidate volunteer, the starts at which they are available, free
        and within their weekly hours and monthly activities."""
        p = self.problem
        minutes = p.planned_minutes(activity)
        out = {}
        for vid in dict.fromkeys(v for vs in candidates.values() for v in vs):
            volunteer = p.volunteer_by_id[vid]
            if vid not in self._available:
                self._available[vid] = np.concatenate(
                    ([0], np.cumsum(p.facts.available(vid), dtype=np.int64)))
            prefix = self._available[vid]
            ok = prefix[np.minimum(starts + d, prefix.size - 1)] - prefix[starts] == d
            ok &= ~_busy_in(self.people[vid], starts, d)
            if volunteer.max_hours_per_week is not None:
                used = self.week_minutes[vid][self.week_of[starts]]
                ok &= used + minutes <= volunteer.max_hours_per_week * 60
            if volunteer.max_activities_per_month is not None:
                ok &= self.month_count[vid][self.month_of[starts]] < (
                    volunteer.max_activities_per_month)
            out[vid] = ok
        return out

    @staticmethod
    def _crew(roles: tuple[Role, ...], candidates: dict[str, list[str]],
              can: dict[str, np.ndarray], k: int, short: dict[str, int]
              ) -> list[tuple[str, str]] | None:
        """First-fit volunteers for every role at the ``k``-th examined start, or None
        when some role stays below its ``min`` (counted in ``short``)."""
        crew: list[tuple[str, str]] = []
        taken: set[str] = set()
        for role in roles:
            picked = [v for v in candidates[role.role] if can[v][k] and v not in taken]
            picked = picked[:role.target]
            if len(picked) < role.min:
                short[role.role] = short.get(role.role, 0) + 1
                return None
            taken.update(picked)
            crew += [(role.role, v) for v in picked]
        return crew

    def _commit(self, activity: Activity, start: int, d: int, room: str,
                crew: list[tuple[str, str]]) -> None:
        p = self.problem
        aid = activity.activity_id
        turnaround = p.grid.slots_for(p.room_by_id[room].turnaround_minutes)
        self.rooms[room][start:start + d + turnaround] = True
        for tag in activity.cohort:
            self.cohorts.setdefault(tag, np.zeros(p.grid.size, dtype=bool))[start:start + d] = True
        if activity.series_id:
            self.series.setdefault(activity.series_id, {})[self.position[aid]] = _Placed(
                start, start + d)
        minutes = p.planned_minutes(activity)
        for _, vid in crew:
            self.people[vid][start:start + d] = True
            self.week_minutes[vid][self.week_of[start]] += minutes
            self.month_count[vid][self.month_of[start]] += 1
        self.assignments[aid] = Assignment(aid, p.grid.time_of(start), p.grid.time_of(start + d),
                                           room)
        self.staffing[aid] = [Staffing(aid, role, vid) for role, vid in crew]

    def _skip(self, activity_id: str, reason: str) -> None:
        self.assignments[activity_id] = Assignment(activity_id, reason=reason)


def greedy_plan(problem: Problem) -> Plan:
    """Plan by hand, as a coordinator would: first fit, most important activity first.

    Parameters
    ----------
    problem
        A validated problem.

    Returns
    -------
    Plan
        Status ``FEASIBLE`` when every ``must`` activity found a place (``INFEASIBLE``
        otherwise, the plan still listing what was placed); ``objective`` and ``bound``
        are None (score it with :func:`matching.evaluate.evaluate`); ``meta['method']``
        is ``greedy``.
    """
    started = time.monotonic()
    rank = {p: i for i, p in enumerate(PRIORITIES)}
    order = sorted(enumerate(problem.activities),
                   key=lambda item: (rank[item[1].priority], item[1].earliest_start, item[0]))
    state = _Greedy(problem)
    for _, activity in order:
        state.place(activity)
    assignments = tuple(state.assignments[a.activity_id] for a in problem.activities)
    staffing = tuple(s for a in problem.activities for s in state.staffing.get(a.activity_id, ()))
    missing = [a.activity_id for a in problem.activities
               if a.priority == "must" and state.assignments[a.activity_id].start is None]
    wall = time.monotonic() - started
    meta = {"method": "greedy", "fingerprint": problem.fingerprint,
            "status": "INFEASIBLE" if missing else "FEASIBLE", "wall_time": f"{wall:.2f}"}
    return Plan(assignments, staffing, meta["status"], wall_time=wall,
                conflicts=tuple(f"greedy found no place for must activity {m}" for m in missing),
                meta=meta)
