"""The search's clock: wall seconds, or CP-SAT's deterministic time for repeatable plans.

A coordinator who presses Solve twice on the same workbook, or an analyst comparing a
what-if with its baseline, must see the same plan both times: a difference has to mean
a difference in the data. CP-SAT with one worker (or interleaved workers) is
deterministic when its limits are counted in *deterministic time*, a measure of work
done, not of seconds passed; how busy the machine is then changes how long a search
takes but not where it ends. A repeatable search therefore gives every CP-SAT call a
budget of work, shares the work left among its steps exactly as it would share seconds,
and keeps the wall-clock limit only as a safety cap (a run cut short by that cap is
still the best plan in hand, but no longer repeatable). Without a plan yet, the wall
clock also extends the search past its work: a plan that may not repeat is worth more
than none.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Final

from ortools.sat.python import cp_model, cp_model_helper

from .neighbourhoods import LARGE_MODEL

#: Deterministic time per second of a repeatable search. CP-SAT on one core does 0.27 to
#: 0.34 per second on the embedded year's stage and neighbourhood models on a 2-core
#: machine busy with another job, and 0.42 on an idle one; 0.3 leaves room for building
#: the model, so that an idle machine ends the year's search at about 70 % of its time
#: limit (at 0.2 it ended at 48 %, the soft tier at 196 against 139 at 10 s). The price:
#: a machine 1.4 times slower reaches the wall-clock cap on the year (2.2 times on the
#: third quarter), and its plans are then marked as not repeatable. Workbooks whose models
#: CP-SAT works through more slowly (timetabling weeks and meeting days: 0.01-0.26 per
#: second) are cut by the wall-clock cap at either value.
WORK_PER_SECOND: Final = 0.3
#: How CP-SAT's pace falls on a large model (see :func:`slowdown`).
SLOWDOWN_POWER: Final = 0.6
#: Statuses of a call that ended by proof, not by a limit.
_FINISHED: Final = (cp_model.OPTIMAL, cp_model.INFEASIBLE)
#: Why a repeatable search may not repeat when one of its steps, not the time limit,
#: ran out of wall time with its work undone.
STEP_CUT: Final = "a step ran out of its share of the time with its work undone"


class Clock:
    """Time left for one search, in seconds (nominal seconds of work when repeatable)."""

    def __init__(self, time_limit: float, repeatable: bool, started: float | None = None,
                 work_limit: float | None = None, variables: int = 0) -> None:
        self.time_limit, self.repeatable = time_limit, repeatable
        #: how many times longer than :data:`WORK_PER_SECOND` says a unit of work takes
        self.slowdown = slowdown(variables)
        self.started = time.monotonic() if started is None else started
        #: the work a repeatable search may do, in seconds of work
        self.budget = time_limit if work_limit is None else work_limit / WORK_PER_SECOND
        self.work = 0.0  # deterministic time spent by CP-SAT so far, times the slowdown
        #: whether a repeatable search went on in wall time after its work was spent
        self.overdrawn = False
        #: whether a repeatable step ended at its share of the wall time, its work undone
        self.wall_cut = False

    def elapsed(self) -> float:
        """Wall seconds since the search began."""
        return time.monotonic() - self.started

    def wall_left(self) -> float:
        return self.time_limit - self.elapsed()

    def remaining(self) -> float:
        """Seconds left to share among the search's steps: wall seconds, or the work
        left expressed in seconds (the wall-clock cap still ends a repeatable search)."""
        if not self.repeatable:
            return self.wall_left()
        if self.wall_left() <= 0:
            return self.wall_left()
        return self.budget - self.work / WORK_PER_SECOND

    def left_for_a_first_plan(self) -> float:
        """Seconds left to search for a first plan: the work left, and once a
        repeatable search has spent it with wall time to spare, the wall time left
        (no plan is worse than a plan that another run might not repeat; the plan then
        says so, see :meth:`unrepeatable`)."""
        left = self.remaining()
        if left > 0 or not self.repeatable or self.wall_left() <= 0:
            return left
        self.overdrawn = True
        return self.wall_left()

    def limit(self, parameters: cp_model_helper.SatParameters, seconds: float) -> None:
        """Give one CP-SAT call ``seconds`` (of work, when repeatable; its safety cap is
        then :meth:`wall_share`)."""
        seconds = max(seconds, 0.01)
        if self.repeatable:
            parameters.max_deterministic_time = seconds * WORK_PER_SECOND / self.slowdown
            parameters.max_time_in_seconds = max(self.wall_share(seconds), 0.01)
        else:
            parameters.max_time_in_seconds = seconds

    def wall_share(self, seconds: float) -> float:
        """The wall time a repeatable call given ``seconds`` of work may take: the same
        share of the wall time left as its work is of the work left.

        On a model CP-SAT works through more slowly than :data:`WORK_PER_SECOND` (a
        meeting week of 300 meetings: 0.03 a second) the first stage, capped only by the
        wall time left, took all of it, and the later tiers were never searched (the
        plan was first fit's). A call is cut by its share only when the work left could
        not be done in the wall time left at the pace that share assumes, that is when
        the wall-clock limit would cut the search anyway."""
        wall, work = self.wall_left(), self.remaining()
        if self.overdrawn or work <= 0:
            return wall
        return min(wall, seconds * wall / work)

    def cut_short(self) -> bool:
        """Whether the wall clock ended a repeatable search, or one of its calls, before
        its work was done: another run may then find another plan."""
        return self.repeatable and (self.wall_left() <= 0.05 or self.wall_cut)

    def unrepeatable(self) -> str | None:
        """Why another run of a repeatable search may find another plan (None when it
        will find the same)."""
        if self.overdrawn:
            return "the work limit ran out before a first plan; the search went on"
        if self.repeatable and self.wall_left() <= 0.05:
            return "the time limit cut the search short"
        # a step its share of the wall time ended (a busy or slow machine): the search
        # may still end early, even proven optimal, but not as another run ends it
        return STEP_CUT if self.cut_short() else None

    def spend(self, solvers: Sequence[cp_model.CpSolver], least: float = 0.0) -> None:
        """Count the work a finished CP-SAT call did, at least ``least`` (work CP-SAT
        does not count, such as loading a model, estimated by the caller), and note a
        repeatable call that its wall-time cap ended with work left undone. A call of
        several searches side by side (:mod:`.side_by_side`) did the work of the one
        that did most: ``solvers`` are those that ran to their own end.

        A call that ended short of its work without a proof was ended by its wall-time
        cap, however far it was from the cap: CP-SAT stops once the longest stretch it
        went without looking at the clock would take it past the cap. On the third
        quarter, with another job on the machine, the soft stage's portfolio stopped at
        3.98 s of a 6.64-s cap, after a 2.7-s chunk of its LP search, with 97 % of its
        work done; the plan differed from an idle run's and still said it repeated.
        (Stop and a patience end calls early too; their plans say so themselves.)"""
        done = max(solver.response_proto.deterministic_time for solver in solvers)
        self.work += max(done, least) * self.slowdown
        for solver in solvers:
            response, parameters = solver.response_proto, solver.parameters
            if (self.repeatable and response.status not in _FINISHED
                    and response.deterministic_time < 0.99 * parameters.max_deterministic_time):
                self.wall_cut = True


def slowdown(variables: int) -> float:
    """How many times longer than :data:`WORK_PER_SECOND` says a unit of CP-SAT's work
    takes on a model of ``variables``: 1 up to a large model's
    :data:`~matching.solver.neighbourhoods.LARGE_MODEL` variables, then their ratio to
    it to the power :data:`SLOWDOWN_POWER`. On a large model CP-SAT does less work a
    second (presumably as its data outgrow the processor's caches) and each call costs more
    around it in Python (copying the model, reading the solution): on one core of an
    idle 2-core machine, the 5x year's 76,000 variables took 1.08 times as long in
    CP-SAT as counted and the 10x year's 154,000 1.46 times, plus 0.2 s a call around
    it (the factor here: 1.15 and 1.76). Counted at the plain rate, the 10x year's
    search on one worker overran its budget by a third and the wall-clock cap cut it
    before the soft stage: soft tier 13,686 at 60 s and 11,369 at 120 s, against first
    fit's 7,862; counted at this pace, 6,736 and 6,250, the search ending in 58 and 96
    s (seed 0; seeds 1 and 2 end at 8,287-9,646, still above first fit, while
    scheduling 23 more activities). Smaller models keep the plain rate, and run faster
    than it (the year's 14,000 variables and the 2x year's 31,000: 0.42-0.43 of work a
    second)."""
    return max(1.0, variables / LARGE_MODEL) ** SLOWDOWN_POWER
