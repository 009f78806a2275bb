"""The objective terms of :mod:`matching.problem.weights`, one finding per cost.

The solver builds the same terms as linear expressions; these are their plain-Python
twins, so that "the solver's objective equals the evaluator's score" is a real check.
A term whose weight is 0 yields no findings; a cost of 0 yields none either.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from ..i18n import Listing, Span, say
from ..plan import Plan
from ..problem.weights import TIER_OF
from .context import PlanView, because, clock_ranges, minutes
from .hours import covers
from .score import Finding, cost

if TYPE_CHECKING:
    from ..problem import Problem
    from ..problem.entities import Activity

Term = Callable[[PlanView, Mapping[str, int], Plan | None], Iterator[Finding]]


def objective_findings(view: PlanView, weights: Mapping[str, int],
                       baseline: Plan | None = None) -> list[Finding]:
    """Every cost of the plan, term by term in tier order; stability terms only against
    ``baseline``."""
    order = {term: index for index, term in enumerate(TIER_OF)}
    findings = [f for term in _TERMS for f in term(view, weights, baseline) if f.penalty != 0]
    return sorted(findings, key=lambda f: order[f.constraint])


def load_slots(view: PlanView) -> dict[str, int]:
    """Each staffed volunteer's load in slots: the slots of the distinct scheduled
    activities they staff (a partial slot counts whole)."""
    slot = view.problem.settings.slot_minutes
    return {v: sum(math.ceil(max(0, minutes(p.start, p.end)) / slot) for p in items)
            for v, items in view.staffed_by.items()}


def willing_volunteers(view: PlanView) -> set[str]:
    """Volunteers who could fill some role of some activity (the eligibility facts are
    the one definition of "willing" shared with the solver)."""
    facts = view.problem.facts
    return {v for role in view.problem.roles
            for v in facts.eligible_volunteers(role.activity_id, role.role)}


# -- tier 1 and 2 --------------------------------------------------------------------------
def _schedule(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    rows = view.plan.assignment_of
    for activity in view.unscheduled:
        if activity.priority == "must":
            continue
        term = f"priority_{activity.priority}"
        yield cost(term, weights[term],
                   because("cost.unscheduled", rows.get(activity.activity_id),
                           title=activity.title, priority=say(f"priority.{activity.priority}")),
                   activity_id=activity.activity_id)


def _staffing(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    for activity_id, roles in view.shortfalls.items():
        for role, count, target in roles:
            yield cost("staffing", (target - count) * weights["staffing"],
                       say("cost.staffing", label=view.placed[activity_id].wording, count=count,
                           target=target, role=role), activity_id=activity_id)


# -- tier 3 ------------------------------------------------------------------------------
def _preference(view: PlanView, weights: Mapping[str, int], _: Plan | None
                ) -> Iterator[Finding]:
    for seat in view.seats:
        placed = view.placed[seat.activity_id]
        matched = view.problem.wishes_met(seat.volunteer_id, placed.activity)
        total = sum(w.weight for w in matched)
        if total:
            targets = Listing(tuple(f"{_wished(view.problem, placed.activity, w.target)} "
                                    f"({w.weight:+d})" for w in matched))
            yield cost("preference", -total * weights["preference"],
                       say("cost.likes" if total > 0 else "cost.dislikes",
                           name=view.volunteer_name(seat.volunteer_id), label=placed.wording,
                           targets=targets),
                       activity_id=seat.activity_id, volunteer_id=seat.volunteer_id)


def _wished(problem: Problem, activity: Activity, target: str) -> str:
    """What a preference names, as a reader knows it: the activity or the theme by its
    title, a series or a tag by what the workbook writes (``S-PHONE`` read as an id)."""
    if target == activity.activity_id:
        return activity.title
    theme = problem.theme_by_id.get(target)
    return theme.name if theme is not None and target == activity.theme_id else target


def _preferred_time(view: PlanView, weights: Mapping[str, int], _: Plan | None
                    ) -> Iterator[Finding]:
    hours = view.hours
    for seat in view.seats:
        placed = view.placed[seat.activity_id]
        start, end, v = placed.start, placed.end, seat.volunteer_id
        if not hours.has_preferred_time(v) or covers(hours.preferred_between(v, start, end),
                                                     start, end):
            continue
        day = hours.preferred(v, start.date())
        who = {"name": view.volunteer_name(v), "label": placed.wording}
        yield cost("preferred_time", weights["preferred_time"],
                   say("cost.preferred_time", hours=clock_ranges(day, start.date()), **who)
                   if day else say("cost.preferred_time_none", **who),
                   activity_id=seat.activity_id, volunteer_id=v)


def _fairness(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    loads = load_slots(view)
    if loads:
        busiest = max(loads, key=lambda v: loads[v])
        hours = loads[busiest] * view.problem.settings.slot_minutes / 60
        yield cost("fairness", weights["fairness"] * loads[busiest],
                   say("cost.fairness", name=view.volunteer_name(busiest),
                       slots=loads[busiest], hours=hours), volunteer_id=busiest)


def _use_everyone(view: PlanView, weights: Mapping[str, int], _: Plan | None
                  ) -> Iterator[Finding]:
    willing = willing_volunteers(view)
    for volunteer in view.problem.volunteers:
        v = volunteer.volunteer_id
        if v in willing and v not in view.staffed_by:
            yield cost("use_everyone", weights["use_everyone"],
                       say("cost.use_everyone", name=volunteer.name), volunteer_id=v)


def _series(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    for series_id, ids in view.problem.series.items():
        sessions = [view.placed[i] for i in ids if i in view.placed]
        if not sessions:
            continue
        first = sessions[0].activity.activity_id
        rooms = list(dict.fromkeys(s.room.room_id for s in sessions if s.room is not None))
        if len(rooms) > 1:
            yield cost("series_room", weights["series_room"] * (len(rooms) - 1),
                       say("cost.series_room", series=series_id, count=len(rooms),
                           names=Listing(tuple(view.room_name(r) for r in rooms))),
                       activity_id=first)
        people = list(dict.fromkeys(s.volunteer_id for s in view.seats
                                    if s.activity_id in ids))
        if people:
            yield cost("series_people", weights["series_people"] * len(people),
                       say("cost.series_people", series=series_id, count=len(people),
                           names=Listing(tuple(view.volunteer_name(v) for v in people))),
                       activity_id=first)


def _rooms(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    for activity_id, placed in view.placed.items():
        a, room, room_id = placed.activity, placed.room, placed.assignment.room_id
        if room is not None:
            spare = max(0, (room.capacity - a.expected_attendance) // 10)
            if spare:
                yield cost("room_fit", weights["room_fit"] * spare,
                           say("cost.room_fit", room=room.name, capacity=room.capacity,
                               expected=a.expected_attendance, label=placed.wording),
                           activity_id=activity_id, room_id=room.room_id)
        if a.preferred_room and room_id != a.preferred_room:
            yield cost("preferred_room", weights["preferred_room"],
                       say("cost.preferred_room", label=placed.wording,
                           room=view.room_name(room_id),
                           preferred=view.room_name(a.preferred_room)),
                       activity_id=activity_id, room_id=room_id)


def _reserve(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    shows = view.problem.show_hundredths
    for activity_id, placed in view.placed.items():
        for role in view.problem.roles_of[activity_id]:
            expected = sum(shows[v] for v in view.filled.get((activity_id, role.role), ()))
            tenths = -((expected - 100 * role.min) // 10)  # rounded up
            if role.min and tenths > 0:
                yield cost("reserve", weights["reserve"] * tenths,
                           say("cost.reserve", label=placed.wording, role=role.role,
                               expected=expected / 100, min=role.min),
                           activity_id=activity_id)


def _stability(view: PlanView, weights: Mapping[str, int], baseline: Plan | None
               ) -> Iterator[Finding]:
    """Changes against ``baseline``; rows naming activities or volunteers the problem no
    longer has are ignored (no plan could keep them)."""
    if baseline is None:
        return
    p = view.problem
    before = baseline.assignment_of
    for activity in p.activities:
        old = before.get(activity.activity_id)
        if old is None or old.start is None:
            continue
        aid, title = activity.activity_id, activity.title
        placed = view.placed.get(aid)
        was = Span(old.start, old.end or old.start)
        if placed is None or placed.start != old.start:
            yield cost("stability_start", weights["stability_start"],
                       say("cost.moved", title=title, was=was,
                           now=Span(placed.start, placed.end)) if placed
                       else say("cost.dropped", title=title, was=was), activity_id=aid)
        room_now = placed.assignment.room_id if placed else None
        if room_now != old.room_id:
            yield cost("stability_room", weights["stability_room"],
                       say("cost.moved", title=title, was=view.room_name(old.room_id),
                           now=view.room_name(room_now)) if placed
                       else say("cost.left_room", title=title, room=view.room_name(old.room_id)),
                       activity_id=aid, room_id=room_now or old.room_id)
    kept = {(s.activity_id, s.role, s.volunteer_id) for s in view.plan.staffing}
    for aid, role, v in dict.fromkeys((s.activity_id, s.role, s.volunteer_id)
                                      for s in baseline.staffing):
        if aid in p.activity_by_id and v in p.volunteer_by_id and (aid, role, v) not in kept:
            yield cost("stability_volunteer", weights["stability_volunteer"],
                       say("cost.left_seat", name=view.volunteer_name(v),
                           title=view.activity_title(aid), role=role),
                       activity_id=aid, volunteer_id=v)


_TERMS: tuple[Term, ...] = (_schedule, _staffing, _preference, _preferred_time, _fairness,
                            _reserve,
                            _use_everyone, _series, _rooms, _stability)
