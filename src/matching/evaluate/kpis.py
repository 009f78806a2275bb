"""Key figures of a plan for a coordinator's dashboard and the ``kpis`` table."""

from __future__ import annotations

from statistics import mean

import pandas as pd

from ..plan import Plan
from ..problem.entities import PRIORITIES
from ..problem.model import Problem
from .context import PlanView, minutes
from .evaluator import evaluate
from .hours import merge
from .score import Score
from .soft import willing_volunteers


def kpis(problem: Problem, plan: Plan, score: Score | None = None) -> pd.DataFrame:
    """How much of the quarter the plan covers, who carries it and how full the rooms are.

    Parameters
    ----------
    problem
        The problem the plan is for.
    plan
        The plan to describe.
    score
        Its score, when already computed (otherwise the plan is evaluated here).

    Returns
    -------
    pandas.DataFrame
        Columns ``name`` and ``value``. Seats are counted on scheduled activities only
        (unscheduled ones need nobody); volunteer loads, in hours, cover the volunteers
        who could fill some role; room utilisation is the share of open, unclosed room
        time that scheduled activities occupy.
    """
    score = score if score is not None else evaluate(problem, plan)
    view = PlanView(problem, plan)
    rows: list[tuple[str, int | float]] = [
        ("activities_scheduled", len(view.placed)),
        ("activities_total", len(problem.activities)),
    ]
    for priority in PRIORITIES:
        of_priority = [a for a in problem.activities if a.priority == priority]
        rows += [(f"scheduled_{priority}",
                  sum(a.activity_id in view.placed for a in of_priority)),
                 (f"total_{priority}", len(of_priority))]
    bookings = [a for a in problem.activities if a.kind == "booking"]
    rows += [("bookings_scheduled", sum(a.activity_id in view.placed for a in bookings)),
             ("bookings_total", len(bookings))]
    roles = [r for r in problem.roles if r.activity_id in view.placed]
    rows += [("seats_filled", sum(len(people) for people in view.filled.values())),
             ("seats_target", sum(r.target for r in roles)),
             ("seats_min", sum(r.min for r in roles))]
    rows += [("volunteers_used", len(view.staffed_by)),
             ("volunteers_total", len(problem.volunteers))]
    loads = list(view.loads(sorted(willing_volunteers(view))).values()) or [0.0]
    rows += [("volunteer_load_hours_min", round(min(loads), 2)),
             ("volunteer_load_hours_mean", round(mean(loads), 2)),
             ("volunteer_load_hours_max", round(max(loads), 2))]
    open_minutes, booked_minutes = _room_minutes(view)
    rows += [("room_open_hours", round(open_minutes / 60, 2)),
             ("room_booked_hours", round(booked_minutes / 60, 2)),
             ("room_utilisation_pct",
              round(100 * booked_minutes / open_minutes, 1) if open_minutes else 0.0)]
    tiers = score.tiers
    rows += [("hard_violations", len(score.hard_violations)),
             ("tier1_penalty", tiers[0]), ("tier2_penalty", tiers[1]),
             ("tier3_penalty", tiers[2])]
    return pd.DataFrame({"name": [name for name, _ in rows],
                         "value": pd.Series([value for _, value in rows], dtype=object)})


def _room_minutes(view: PlanView) -> tuple[int, int]:
    """Open minutes of all rooms over the horizon, and the part of them that scheduled
    activities occupy (time booked outside opening hours does not count)."""
    hours = view.hours
    open_total = booked = 0
    for room in view.problem.rooms:
        open_time = [i for d in view.problem.grid.dates() for i in hours.room_open(room.room_id, d)]
        open_total += sum(minutes(s, e) for s, e in open_time)
        used = merge((p.start, p.end) for p in view.placed.values()
                     if p.room is not None and p.room.room_id == room.room_id)
        booked += sum(minutes(max(s, us), min(e, ue)) for s, e in open_time for us, ue in used
                      if s < ue and us < e)
    return open_total, booked
