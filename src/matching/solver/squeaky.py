"""Squeaky-wheel first fit: when first fit leaves a ``must`` activity out, plan again
with the activities it left out taken earlier, until every one finds a place.

On a tight week first fit seldom fails for want of room: the activities it places first
take the slots and rooms that the last ones needed. So each round places the activities
that the rounds before left out sooner: every ``must`` activity carries the blame of
each round that left it out, the most blamed go first (priorities still in order), and
ties keep the last round's order, so what worked stays where it was (squeaky wheel
optimisation, Joslin and Clements 1999). Every round is a valid first-fit plan, so the
best round is a plan the solver completes at once, or a nearer start for its repair
search.

Measured on the curriculum weeks of the 21 ITC 2007 sizes (``benchmarks/shapes.py``),
their hidden timetables on 80, 90 or 95 % of the periods: first fit leaves up to 2, 5
and 11 ``must`` lectures out, and the rounds place every lecture of 21, 21 and 20 of the
21 weeks, within 10, 10 and 40 rounds (0.2, 0.2 and 1.3 s at most). Before first fit
took the smallest room that holds a lecture, it left up to 42 out at 80 %; the rounds
placed them all within 48, where CP-SAT's repair search took 0.4-8.3 s, and more than
10 s on the comp20-like week.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

from ..greedy import first_fit_order, greedy_plan
from ..plan import Plan
from ..problem import Problem

#: At most this many rounds (the weeks above needed up to 40) ...
ROUNDS = 100
#: ... and no more than this many after the last round that left fewer out.
PATIENCE = 30


def left_out(problem: Problem, plan: Plan) -> list[str]:
    """The ``must`` activities ``plan`` does not schedule."""
    return [a.activity_id for a in problem.activities if a.priority == "must"
            and (a.activity_id not in plan.assignment_of
                 or plan.assignment_of[a.activity_id].start is None)]


def squeaky_wheel(problem: Problem, first_fit: Plan, seconds: float,
                  stopped: Callable[[], bool] = lambda: False, *,
                  fullest: bool = False) -> Plan:
    """The first-fit plan of the round that left the fewest ``must`` activities out
    (``first_fit``, the plan of :func:`~matching.greedy.first_fit_order`, counts as
    round one), stopping when one leaves none out, after :data:`ROUNDS` rounds,
    :data:`PATIENCE` rounds without a better one, ``seconds`` or ``stopped()``. With
    ``fullest``, every round gives each activity the start where its crew is fullest
    (:func:`~matching.greedy.greedy_plan`), and so must ``first_fit``.

    The rounds are deterministic: only the time limit or a stop can end them sooner
    on a slower machine."""
    deadline = time.monotonic() + seconds
    blame = {a.activity_id: 0 for a in problem.activities}
    best, out = first_fit, left_out(problem, first_fit)
    fewest, rounds, since_best = len(out), 1, 0
    order = first_fit_order(problem)
    while (fewest and rounds < ROUNDS and since_best < PATIENCE
           and time.monotonic() < deadline and not stopped()):
        for aid in out:
            blame[aid] += 1
        position = {a.activity_id: i for i, a in enumerate(order)}
        order = sorted(order, key=lambda a: (a.priority != "must", -blame[a.activity_id],
                                             position[a.activity_id]))
        plan = greedy_plan(problem, order, fullest=fullest)
        out = left_out(problem, plan)
        rounds, since_best = rounds + 1, since_best + 1
        if len(out) < fewest:
            best, fewest, since_best = plan, len(out), 0
    if best is first_fit:
        return first_fit
    return dataclasses.replace(best, meta={**best.meta, "method": "squeaky"})
