"""Re-planning a changed workbook with as little change to a baseline plan as possible.

The baseline plan is both the search's starting point (hint) and the reference of the
``stability_*`` objective terms, so every moved start, changed room and dropped
volunteer seat costs something and only moves that buy a better plan are made. What a
``freeze`` change declares past is hard: it is pinned as the baseline had it, and
nothing else may be placed before the freeze moment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime

import pandas as pd

from ..i18n import say
from ..io.cells import format_moment
from ..plan import Assignment, Plan
from ..problem import Problem, Role
from ..solver import Pin, SolverSettings, solve
from ..solver.monitor import ProgressCallback
from ..solver.search import StopSignal
from .scenario import Scenario
from .workbook import workbook_tables

Base = Problem | Mapping[str, pd.DataFrame]


def changed_problem(base: Base, scenario: Scenario) -> Problem:
    """The problem of ``base`` with the scenario's changes, validated.

    Parameters
    ----------
    base
        A problem (for example one quarter of a year, see
        :func:`matching.problem.select.restrict`) or a workbook's tables.
    scenario
        The changes to make.

    Raises
    ------
    ScenarioError
        Naming every problem of the changes, or of the workbook they leave.
    """
    tables = workbook_tables(base) if isinstance(base, Problem) else base
    return scenario.build(tables)


def freeze_pins(problem: Problem, baseline: Plan, before: datetime) -> tuple[Pin, ...]:
    """Pins keeping every activity the baseline starts before ``before`` where it was,
    with the volunteers it had (those still in the workbook, in roles it still has)."""
    pins = []
    for placed in baseline.scheduled:
        activity = problem.activity_by_id.get(placed.activity_id)
        if activity is None or placed.start is None or placed.start >= before:
            continue
        roles = {r.role for r in problem.roles_of[activity.activity_id]}
        staff = tuple((s.role, s.volunteer_id)
                      for s in baseline.staff_of.get(placed.activity_id, ())
                      if s.role in roles and s.volunteer_id in problem.volunteer_by_id)
        pins.append(Pin(placed.activity_id, placed.start, placed.room_id, staff))
    return tuple(pins)


def replan(base: Base, scenario: Scenario, baseline: Plan,
           settings: SolverSettings | None = None, *,
           on_progress: ProgressCallback | None = None,
           stop: StopSignal | None = None) -> Plan:
    """Plan the changed workbook, keeping as much of ``baseline`` as the changes allow.

    Parameters
    ----------
    base
        The problem or workbook tables the baseline was planned for.
    scenario
        The changes; its ``freeze`` changes make the baseline's past hard.
    baseline
        The plan to stay close to (hint and ``stability_*`` terms). Raise the
        ``stability_*`` weights in ``settings.weights`` to move even less, lower them
        to let other wishes win.
    settings
        Search settings; their pins hold too, and win over frozen ones for the same
        activity.
    on_progress, stop
        As for :func:`matching.solver.solve`.

    Returns
    -------
    Plan
        A plan of the changed problem (see :func:`changed_problem`); its ``meta`` names
        the scenario. Activities that could only take place before the freeze moment
        and did not in the baseline stay unscheduled.
    """
    problem = changed_problem(base, scenario)
    return solve_changed(problem, scenario, baseline, settings, on_progress=on_progress,
                         stop=stop)


def solve_changed(problem: Problem, scenario: Scenario, baseline: Plan | None,
                  settings: SolverSettings | None = None, *,
                  on_progress: ProgressCallback | None = None,
                  stop: StopSignal | None = None) -> Plan:
    """Plan ``problem``, already changed by ``scenario`` (see :func:`changed_problem`),
    staying close to ``baseline``; without a baseline it is planned afresh and the
    scenario's ``freeze`` has nothing to keep."""
    settings = settings or SolverSettings()
    before = scenario.freeze_before if baseline is not None else None
    if before is None or baseline is None:
        plan = solve(problem, settings, on_progress=on_progress, stop=stop, baseline=baseline)
        return dataclasses.replace(plan, meta={**plan.meta, "scenario": scenario.name})
    frozen = {p.activity_id: p for p in freeze_pins(problem, baseline, before)}
    own = {p.activity_id: p for p in settings.pins}
    pins = {**frozen, **own}
    settings = dataclasses.replace(settings, pins=tuple(pins.values()))
    exact = {aid: pin for aid, pin in frozen.items() if aid not in own}
    plan = solve(_after(problem, before, set(pins), exact), settings,
                 on_progress=on_progress, stop=stop, baseline=baseline)
    moment = format_moment(before)
    why = say("why.frozen", moment=moment)
    placed = plan.assignment_of
    assignments = tuple(placed.get(a.activity_id) or Assignment(a.activity_id).because(why)
                        for a in problem.activities)
    return dataclasses.replace(plan, assignments=assignments,
                               meta={**plan.meta, "scenario": scenario.name,
                                     "frozen_before": moment})


def _after(problem: Problem, before: datetime, pinned: set[str],
           exact: Mapping[str, Pin]) -> Problem:
    """``problem`` with nothing unpinned placed before ``before``: windows start at
    ``before`` at the earliest, activities that cannot fit after it are left out, and
    the activities in ``exact`` get their pinned volunteers and nobody else (a pin
    alone would let the search add people to the past)."""
    kept, past = [], set()
    for activity in problem.activities:
        if activity.activity_id in pinned or activity.earliest_start >= before:
            kept.append(activity)
            continue
        fixed = activity.fixed_start
        room = (activity.latest_end - before).total_seconds() / 60
        if (fixed is not None and fixed < before) or room < activity.duration_minutes:
            past.add(activity.activity_id)
        else:
            kept.append(dataclasses.replace(activity, earliest_start=before))
    roles = []
    for role in problem.roles:
        if role.activity_id in past:
            continue
        pin = exact.get(role.activity_id)
        if pin is not None:
            count = sum(name == role.role for name, _ in pin.staff)
            role = Role(role.activity_id, role.role, min(role.min, count), count, count)
        roles.append(role)
    return dataclasses.replace(problem, activities=tuple(kept), roles=tuple(roles))
