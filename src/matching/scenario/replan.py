"""Re-planning a changed workbook with as little change to a baseline plan as possible.

The baseline plan is both the search's starting point (hint) and the reference of the
``stability_*`` objective terms, so every moved start, changed room and dropped
volunteer seat costs something and only moves that buy a better plan are made. What a
``freeze`` change declares past is hard: it is pinned as the baseline had it, and
nothing else may be placed before the freeze moment. The scenario's changes hold from
the freeze on (see :mod:`matching.scenario.scenario`), so the past keeps its rooms and
people; what of it a change still takes away (an activity removed, a volunteer who can
no longer serve it) is said by :func:`frozen_warnings`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from datetime import datetime

import pandas as pd

from ..i18n import Message, say
from ..io.cells import format_moment
from ..plan import Assignment, Plan, Staffing
from ..problem import Problem, Role
from ..solver import Pin, SolverSettings, solve
from ..solver.monitor import ProgressCallback
from ..solver.search import StopSignal
from .activities import ChangeActivity
from .base import ScenarioIssue
from .changes import Freeze
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
    in its room and with the volunteers it had, as far as ``problem`` still allows them
    then (what it does not is said by :func:`frozen_warnings`)."""
    return tuple(pin for pin, _ in _frozen(problem, baseline, before) if pin is not None)


def frozen_warnings(problem: Problem, scenario: Scenario, baseline: Plan
                    ) -> list[ScenarioIssue]:
    """What of the baseline's past the changed ``problem`` cannot keep, as warnings on
    the scenario's ``freeze``: a frozen activity the scenario removes, a volunteer who
    can no longer serve one then, a room that can no longer hold one then; and, on the
    change itself, a ``change_activity`` of a frozen activity, which rewrites its record.
    The scenario's changes hold from the freeze on, so these come only from changes that
    are not dated (an activity removed or changed, a duty limit) or from an activity
    still going on at the freeze moment. Empty without a freeze."""
    before = scenario.freeze_before
    if before is None:
        return []
    index = next(i for i, c in enumerate(scenario.changes, start=1)
                 if isinstance(c, Freeze) and c.moment == before)
    moment = format_moment(before)
    past = {a.activity_id: a.start for a in baseline.scheduled
            if a.start is not None and a.start < before}
    # an activity that took place, changed: the re-plan keeps its start, and records it
    # with the changed title or length, which rewrites what happened (a change that moves
    # it from that start is said by the freeze: there is no plan)
    rewritten = [ScenarioIssue.said(say(
        "freeze.rewritten", moment=moment, start=format_moment(past[c.activity_id]),
        activity=say("piece.labelled", title=problem.activity_by_id[c.activity_id].title,
                     id=c.activity_id)), i, c.kind, severity="warning")
        for i, c in enumerate(scenario.changes, start=1)
        if isinstance(c, ChangeActivity) and c.activity_id in past
        and c.activity_id in problem.activity_by_id
        and _can_start(problem, c.activity_id, past[c.activity_id])]
    return rewritten + [ScenarioIssue.said(note, index, Freeze.kind, severity="warning")
                        for _, lost in _frozen(problem, baseline, before) for note in lost]


def _frozen(problem: Problem, baseline: Plan, before: datetime
            ) -> list[tuple[Pin | None, list[Message]]]:
    """For each activity the baseline starts before ``before``: the pin that keeps it
    (None when ``problem`` no longer has it) and what of it cannot be kept."""
    moment = format_moment(before)
    out: list[tuple[Pin | None, list[Message]]] = []
    for placed in baseline.scheduled:
        if placed.start is None or placed.start >= before:
            continue
        if placed.activity_id not in problem.activity_by_id:
            out.append((None, [say("freeze.removed", activity=placed.activity_id,
                                   moment=moment)]))
        else:
            out.append(_kept(problem, baseline, placed, moment))
    return out


def _kept(problem: Problem, baseline: Plan, placed: Assignment, moment: str
          ) -> tuple[Pin, list[Message]]:
    """The pin keeping one past activity at its start, with its room and people as far
    as ``problem`` still lets them be there then, and a message for each it does not
    (the search fills that room or seat with what can be there then)."""
    assert placed.start is not None  # only what took place is kept
    activity = problem.activity_by_id[placed.activity_id]
    aid = activity.activity_id
    slot = problem.grid.slot_at_or_after(placed.start)
    label = say("piece.labelled", title=activity.title, id=aid)
    if not _can_start(problem, aid, placed.start):  # no room or seat can save it then
        return Pin(aid, placed.start, placed.room_id), [say(
            "freeze.time_lost", activity=label, moment=moment,
            start=format_moment(placed.start))]
    lost: list[Message] = []
    room = placed.room_id
    if room is not None and slot not in problem.facts.room_starts(aid).get(room, ()):
        known = problem.room_by_id.get(room)  # another room holds it then: slot is allowed
        lost.append(say("freeze.room_lost", activity=label, moment=moment,
                        room=known.name if known else room))
        room = None
    staff = []
    for seat in baseline.staff_of.get(aid, ()):
        if _can_serve(problem, seat, slot):
            staff.append((seat.role, seat.volunteer_id))
            continue
        person = problem.volunteer_by_id.get(seat.volunteer_id)
        # "someone who can serve then" only where someone can; else there is no plan
        other = any(_can_serve(problem, Staffing(aid, seat.role, vid), slot)
                    for vid in problem.volunteer_by_id if vid != seat.volunteer_id)
        lost.append(say("freeze.seat_lost" if other else "freeze.seat_lost_nobody",
                        activity=label, role=seat.role, moment=moment,
                        name=person.name if person else seat.volunteer_id))
    return Pin(aid, placed.start, room, tuple(staff)), lost


def _can_start(problem: Problem, activity_id: str, start: datetime) -> bool:
    """Whether the changed activity may still start when it took place."""
    return problem.grid.slot_at_or_after(start) in problem.facts.allowed_starts(activity_id)


def _can_serve(problem: Problem, seat: Staffing, slot: int) -> bool:
    """Whether the seat's volunteer may still fill its role when the activity starts at
    ``slot``: the role is still there, and the facts (skill, age band, duty limits,
    availability throughout) still allow them."""
    aid, vid = seat.activity_id, seat.volunteer_id
    if seat.role not in {r.role for r in problem.roles_of[aid]}:
        return False
    facts = problem.facts
    return (vid in facts.eligible_volunteers(aid, seat.role)
            and slot in facts.volunteer_starts(aid, vid))


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
    seats = {aid: Counter(s.role for s in baseline.staff_of.get(aid, ()))
             for aid in frozen if aid not in own}
    plan = solve(_after(problem, before, set(pins), seats), settings,
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
           seats: Mapping[str, Counter[str]]) -> Problem:
    """``problem`` with nothing unpinned placed before ``before``: windows start at
    ``before`` at the earliest, activities that cannot fit after it are left out, and
    the activities in ``seats`` get as many volunteers in each role as the baseline gave
    them and no more (a pin alone would let the search add people to the past): their
    pinned ones, and others only in a seat whose volunteer can no longer serve it."""
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
        held = seats.get(role.activity_id)
        if held is not None:
            count = held[role.role]
            role = Role(role.activity_id, role.role, min(role.min, count), count, count)
        roles.append(role)
    return dataclasses.replace(problem, activities=tuple(kept), roles=tuple(roles))
