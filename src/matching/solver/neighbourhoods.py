"""Large-neighbourhood search: re-plan a window of the year with the rest held fixed.

A year of activities is coupled only loosely (weekly and monthly limits, fair load,
series, cohorts), so most of a better plan can be found a few weeks at a time: free
the activities of one window (or those that some volunteers staff), hold every other
decision at the best plan's value, and let CP-SAT re-solve that small model. Each
solution goes to the incumbent, which keeps it only when it is better. Windows grow
while CP-SAT solves them to optimality in time and shrink when it cannot.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Literal, Protocol

import numpy as np
from ortools.sat.python import cp_model, cp_model_helper

from .incumbent import Candidate, Incumbent
from .model import ActivityVars, PlanModel

#: Share of the activities freed at first, and the bounds of that share.
FIRST_SHARE, LEAST_FREED, MOST_SHARE = 0.15, 8, 0.6
#: Variables above which a model counts as large.
LARGE_MODEL = 60_000
#: A CP-SAT call on a model may take a second per this many of its variables (see
#: :func:`call_seconds`).
VARIABLES_PER_SECOND = 30_000
#: What a neighbourhood frees of the activities it frees (see
#: :meth:`Neighbourhoods.fix_all_but`).
Part = Literal["all", "seats", "rooms"]
#: Sets a CP-SAT call's strategies.
Tune = Callable[[cp_model_helper.SatParameters], None]


def call_seconds(model: cp_model.CpModel) -> float:
    """The time a single CP-SAT call on ``model`` (a neighbourhood step, the first plan's
    completion) may take at least: a second, or a second per :data:`VARIABLES_PER_SECOND`
    of its variables, as each call loads and presolves the whole model (about a second
    per 150,000 variables) and needs time beyond that to search."""
    return max(1.0, len(model.proto.variables) / VARIABLES_PER_SECOND)


class SearchContext(Protocol):
    """What a neighbourhood search needs of the running search."""

    incumbent: Incumbent

    def done(self) -> bool: ...

    def at_floor(self, number: int) -> bool: ...

    def remaining(self) -> float: ...

    def stage_model(self, number: int) -> cp_model.CpModel: ...

    def run_step(self, model: cp_model.CpModel, seconds: float, tune: Tune | None = None
                 ) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]: ...

    def offer(self, solver: cp_model.CpSolver, source: str) -> bool: ...


class Neighbourhoods:
    """Windows in time order and groups of volunteers, for one search."""

    def __init__(self, pm: PlanModel, seed: int, workers: int = 1) -> None:
        self.pm = pm
        self.rng = random.Random(seed)
        #: what a soft visit re-plans for every activity at once before its windows (see
        #: :func:`neighbourhood_search`): the seats too only where a step has workers
        #: beside CP-SAT's main search to improve on its hint
        self.whole_parts: tuple[Part, ...] = ("rooms", "seats") if workers > 1 else ("rooms",)
        facts = pm.problem.facts
        # activities in the order of the middle of their allowed starts: a run of this
        # order is a window of time
        middle = {aid: float(np.median(facts.allowed_starts(aid))) for aid in pm.acts}
        self.in_time = sorted(pm.acts, key=lambda aid: (middle[aid], aid))
        self.position = {aid: i for i, aid in enumerate(self.in_time)}
        self.literals = {aid: _literal_indices(pm, aid) for aid in pm.acts}
        self.people = sorted({vid for av in pm.acts.values() for vid in av.attends})
        #: seconds a neighbourhood may take
        self.step_seconds = call_seconds(pm.model)
        #: activities to free, per tier: a tier whose steps CP-SAT solves at once (the
        #: schedule, on the 10x year) grows windows in which another one's time out
        self.sizes: dict[int, int] = {}
        #: a model CP-SAT takes seconds to presolve whole: neighbourhoods go first and get
        #: most of a stage's time
        self.large = len(pm.model.proto.variables) > LARGE_MODEL
        self.share = 0.8 if self.large else 0.5
        #: per tier, a plan (its vector) and those of its costly activities that a step
        #: solved to optimality left as they were: windows are not centred on them again
        #: until the plan changes (see :meth:`pick`)
        self.stuck: dict[int, tuple[tuple[int, ...], set[str]]] = {}

    def pick(self, vector: tuple[int, ...], number: int) -> set[str] | None:
        """The activities to free, as many as the current size: mostly a window in time
        around an activity that costs in tier ``number`` (unscheduled for the schedule
        tier, short of people for staffing), else around a random one; every third time
        first the activities of a few volunteers. None once every costly activity has
        been shown stuck at this plan (:meth:`solved_without_gain`): a window around one
        would be solved at once and change nothing, and on a large model each such step
        still costs seconds to load (the 10x year on one worker, seed 1 at 120 s: seven
        steps, 15 s of a schedule stage whose tier stayed at 110)."""
        n = len(self.in_time)
        size = min(self.size(number), n)
        costly = self._costly(vector, number)
        stuck = self._stuck_at(vector, number)
        untried = [aid for aid in costly if aid not in stuck]
        if costly and not untried:
            return None
        chosen: set[str] = set()
        if self.rng.random() < 1 / 3:
            staffed = sorted(self._by_volunteers(vector))
            chosen = set(self.rng.sample(staffed, min(size // 2, len(staffed))))
        size -= len(chosen)
        centre = (self.position[self.rng.choice(untried)]
                  if untried and self.rng.random() < 0.7 else self.rng.randrange(n))
        first = min(max(0, centre - size // 2), max(0, n - size))
        return chosen | set(self.in_time[first:first + size])

    def _costly(self, vector: tuple[int, ...], number: int) -> list[str]:
        acts = self.pm.acts
        if number == 1:
            return [aid for aid in self.in_time if not vector[acts[aid].scheduled.index]]
        if number == 2:
            roles_of = self.pm.problem.roles_of
            return [aid for aid in self.in_time if vector[acts[aid].scheduled.index] and any(
                sum(vector[lit.index] for (r, _), lit in acts[aid].seats.items()
                    if r == role.role) < role.target for role in roles_of[aid])]
        return []

    def solved_without_gain(self, vector: tuple[int, ...], number: int, free: set[str]
                            ) -> None:
        """Record that a step of tier ``number`` freeing ``free`` was solved to
        optimality and left the plan ``vector`` as good as it was: its costly activities
        are stuck at this plan."""
        stuck = self._stuck_at(vector, number)
        stuck |= free.intersection(self._costly(vector, number))
        self.stuck[number] = (vector, stuck)

    def _stuck_at(self, vector: tuple[int, ...], number: int) -> set[str]:
        held = self.stuck.get(number)
        return held[1] if held is not None and held[0] == vector else set()

    def _by_volunteers(self, vector: tuple[int, ...]) -> set[str]:
        if not self.people:
            return set()
        chosen = set(self.rng.sample(self.people, min(3, len(self.people))))
        return {aid for aid, av in self.pm.acts.items()
                if any(vector[lit.index] for vid, lit in av.attends.items() if vid in chosen)}

    def moved(self, before: Candidate, after: Candidate, free: set[str]) -> set[str]:
        """The activities of ``free`` whose decisions differ from ``before`` to ``after``,
        as many as a staffing neighbourhood frees: those newly scheduled first."""
        changed = [aid for aid in self.in_time
                   if aid in free and before.acts.get(aid) != after.acts.get(aid)]
        changed.sort(key=lambda aid: aid in before.acts)  # (a stable sort: time order kept)
        return set(changed[:self.size(2)])

    def size(self, number: int) -> int:
        """How many activities a neighbourhood of tier ``number`` frees."""
        return self.sizes.get(number, max(LEAST_FREED, round(FIRST_SHARE * len(self.in_time))))

    def adapt(self, number: int, solved: bool) -> None:
        """Grow tier ``number``'s neighbourhoods after one solved to optimality, shrink
        them after a time-out."""
        most = max(LEAST_FREED, round(MOST_SHARE * len(self.in_time)))
        factor = 1.25 if solved else 0.7
        self.sizes[number] = int(min(most, max(LEAST_FREED,
                                               round(self.size(number) * factor))))

    def fix_all_but(self, model: cp_model.CpModel, free: set[str], vector: tuple[int, ...],
                    part: Part = "all") -> None:
        """Hold every decision of the activities not in ``free`` at its value in
        ``vector``: their literals by one ``bool_and``, their starts by their domains.
        Of the scheduled activities of ``free``, ``part`` is what is free: ``"all"``
        their decisions, ``"seats"`` their seats alone (their start and room held),
        ``"rooms"`` their room alone (their start and seats held)."""
        held: list[int] = []
        variables = model.proto.variables
        for aid, indices in self.literals.items():
            av = self.pm.acts[aid]
            if aid in free and (part == "all" or not vector[av.scheduled.index]):
                continue
            loose = _part_of(av, part) if aid in free else set()
            held += [_at(vector, i) for i in indices if i not in loose]
            domain = variables[av.start.index].domain
            domain.clear()
            domain.extend((vector[av.start.index], vector[av.start.index]))
        model.proto.constraints.add().bool_and.literals.extend(held)


def _part_of(av: ActivityVars, part: Part) -> set[int]:
    """The indices of the literals of ``part`` of an activity's decisions."""
    if part == "rooms":
        return {lit.index for lit in av.rooms.values()}
    return {lit.index for lit in (*av.seats.values(), *av.attends.values())}


def _at(vector: tuple[int, ...], index: int) -> int:
    """The literal that holds boolean ``index`` at its value in ``vector``."""
    return index if vector[index] else -index - 1


def _literal_indices(pm: PlanModel, aid: str) -> list[int]:
    av = pm.acts[aid]
    return [av.scheduled.index, *(lit.index for lit in av.rooms.values()),
            *(lit.index for lit in av.seats.values()),
            *(lit.index for lit in av.attends.values())]


def neighbourhood_search(search: SearchContext, neighbourhoods: Neighbourhoods, number: int,
                         seconds: float, patience: float | None = None,
                         on_step: Callable[[bool], None] | None = None) -> bool:
    """Improve tier ``number`` neighbourhood by neighbourhood for ``seconds`` (or until
    ``patience`` seconds pass without improvement, or the tier reaches the least it can
    be); True when the plan improved.

    A schedule step that schedules more leaves the seats of the activities it moved to
    chance (the 10x year: 2 more activities scheduled, 580 more seats short), so the
    seats of those activities (:meth:`Neighbourhoods.moved`) are then filled in a step
    of their own, their starts and rooms held where the schedule step put them; its
    time is taken from the stages after this one, not from ``seconds``. The 10x year at
    60 s: 8 and 20 seats short at the end on two workers and 53 on one, against 29-285
    and 347 without; with their starts and rooms free as well, these steps timed out
    on one worker (239-469 short), and following staffing steps with soft ones as
    well left 55-166 short on two.

    A soft visit first re-plans the room of every activity at once, every start and
    seat held, then the seats of every activity, every start and room held: schedule
    and staffing steps put activities in whichever room and seat their own tier does
    not price (the 10x year: 955 activities outside their preferred room, against first
    fit's 264), and with the rest held each part is a small model (153,791 variables
    presolve to 3,709 for the rooms). The 10x year at 60 s on two workers, seeds 0 and
    1: soft tier 4,677 and 4,962, against 8,038 and 6,736 with the rooms step alone and
    11,097 with neither (first fit: 7,862); the 5x year 1,806 against 2,622 and 3,001.
    On one worker CP-SAT's single search hardly improves on the seats it is hinted
    with, and the seats step took the time of better windows (the 2x year, repeatable,
    10 and 30 s: soft tier 1,538 and 1,175 with it, 1,292 and 1,070 without; the
    interleaved portfolio instead: 1,570 and 1,477); the one-worker soft stage re-plans
    the seats in its own way (``search._Search._reseat``).
    """
    until = search.remaining() - seconds  # the search's clock: work, when repeatable
    improved, last = False, time.monotonic()
    for part in neighbourhoods.whole_parts if number == 3 else ():  # every room, ... first
        if (search.done() or search.at_floor(3)
                or (left := search.remaining() - until) <= 0.05):
            break
        improved |= _step(search, neighbourhoods, 3, set(neighbourhoods.in_time), left,
                          part=part)[1]
    while (not search.done() and not search.at_floor(number)
           and (left := search.remaining() - until) > 0.05):
        if patience and time.monotonic() - last > patience:
            break
        best = search.incumbent.best
        assert best is not None
        free = neighbourhoods.pick(best.vector, number)
        if free is None:  # nothing left worth a step at this plan
            break
        solved, better = _step(search, neighbourhoods, number, free, left)
        if solved and not better:
            neighbourhoods.solved_without_gain(best.vector, number, free)
        if better and number == 1:
            until -= _staff_what_moved(search, neighbourhoods, best, free)
        improved |= better
        if better:
            last = time.monotonic()
        neighbourhoods.adapt(number, solved)
        if on_step:
            on_step(better)
    return improved


def _staff_what_moved(search: SearchContext, neighbourhoods: Neighbourhoods,
                      before: Candidate, free: set[str]) -> float:
    """After a schedule step that improved on ``before`` by re-planning ``free``: a
    staffing step over the seats of what it moved, unless the staffing tier is at the
    least it can be or the time is up; the time that took."""
    if search.done() or search.at_floor(2):
        return 0.0
    after = search.incumbent.best
    assert after is not None
    left = search.remaining()
    staffed, _ = _step(search, neighbourhoods, 2, neighbourhoods.moved(before, after, free),
                       left, part="seats")
    neighbourhoods.adapt(2, staffed)
    return left - search.remaining()


def _step(search: SearchContext, neighbourhoods: Neighbourhoods, number: int, free: set[str],
          seconds: float, part: Part = "all") -> tuple[bool, bool]:
    """:func:`solve_part` for at most ``seconds`` and a step's time."""
    return solve_part(search, neighbourhoods, number, free,
                      min(seconds, neighbourhoods.step_seconds), part)


def solve_part(search: SearchContext, neighbourhoods: Neighbourhoods, number: int,
               free: set[str], seconds: float, part: Part = "all",
               tune: Tune | None = None) -> tuple[bool, bool]:
    """Minimise tier ``number`` over ``part`` of the ``free`` activities, every other
    decision held, for ``seconds`` (with CP-SAT's strategies set by ``tune``, else a
    step's); whether CP-SAT proved that part optimal, and whether the plan improved."""
    best = search.incumbent.best
    assert best is not None
    model = search.stage_model(number)
    neighbourhoods.fix_all_but(model, free, best.vector, part)
    solver, status = search.run_step(model, seconds, tune)
    better = False
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        better = search.offer(solver, "neighbourhood")
    return status == cp_model.OPTIMAL, better
