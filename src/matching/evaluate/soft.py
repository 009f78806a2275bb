"""The objective terms of :mod:`matching.problem.weights`, one finding per cost.

The solver builds the same terms as linear expressions; these are their plain-Python
twins, so that "the solver's objective equals the evaluator's score" is a real check.
A term whose weight is 0 yields no findings; a cost of 0 yields none either.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping

from ..plan import Plan
from ..problem.entities import Preference
from ..problem.weights import TIER_OF
from .context import PlanView, clock_ranges, minutes, span
from .hours import covers
from .score import Finding, cost

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
        row = rows.get(activity.activity_id)
        why = f" ({row.reason})" if row is not None and row.reason else ""
        yield cost(term, weights[term], f"{activity.title} ({activity.priority} priority) is "
                   f"not scheduled{why}", activity_id=activity.activity_id)


def _staffing(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    for activity_id, roles in view.shortfalls.items():
        for role, count, target in roles:
            yield cost("staffing", (target - count) * weights["staffing"],
                       f"{view.placed[activity_id].label} has {count} of the {target} "
                       f"{role} wished for", activity_id=activity_id)


# -- tier 3 ------------------------------------------------------------------------------
def _preference(view: PlanView, weights: Mapping[str, int], _: Plan | None
                ) -> Iterator[Finding]:
    wishes: dict[str, list[Preference]] = {}
    for preference in view.problem.preferences:
        wishes.setdefault(preference.volunteer_id, []).append(preference)
    for seat in view.seats:
        placed = view.placed[seat.activity_id]
        matched = [w for w in wishes.get(seat.volunteer_id, [])
                   if w.target in placed.activity.tags]
        total = sum(w.weight for w in matched)
        if total:
            feeling = "likes" if total > 0 else "dislikes"
            targets = ", ".join(f"{w.target} ({w.weight:+d})" for w in matched)
            yield cost("preference", -total * weights["preference"],
                       f"{view.volunteer_name(seat.volunteer_id)} {feeling} {placed.label}: "
                       f"{targets}", activity_id=seat.activity_id,
                       volunteer_id=seat.volunteer_id)


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
        liked = f"{clock_ranges(day, start.date())} that day" if day else "none that day"
        yield cost("preferred_time", weights["preferred_time"],
                   f"{view.volunteer_name(v)} is in {placed.label}, outside their preferred "
                   f"time ({liked})", activity_id=seat.activity_id, volunteer_id=v)


def _fairness(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    loads = load_slots(view)
    if loads:
        busiest = max(loads, key=lambda v: loads[v])
        hours = loads[busiest] * view.problem.settings.slot_minutes / 60
        yield cost("fairness", weights["fairness"] * loads[busiest],
                   f"{view.volunteer_name(busiest)} carries the largest load: "
                   f"{loads[busiest]} slots ({hours:g} h)", volunteer_id=busiest)


def _use_everyone(view: PlanView, weights: Mapping[str, int], _: Plan | None
                  ) -> Iterator[Finding]:
    willing = willing_volunteers(view)
    for volunteer in view.problem.volunteers:
        v = volunteer.volunteer_id
        if v in willing and v not in view.staffed_by:
            yield cost("use_everyone", weights["use_everyone"], f"{volunteer.name} could "
                       "fill a role but staffs nothing", volunteer_id=v)


def _series(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    for series_id, ids in view.problem.series.items():
        sessions = [view.placed[i] for i in ids if i in view.placed]
        if not sessions:
            continue
        first = sessions[0].activity.activity_id
        rooms = list(dict.fromkeys(s.room.room_id for s in sessions if s.room is not None))
        if len(rooms) > 1:
            names = ", ".join(view.room_name(r) for r in rooms)
            yield cost("series_room", weights["series_room"] * (len(rooms) - 1),
                       f"Series {series_id} uses {len(rooms)} rooms: {names}",
                       activity_id=first)
        people = list(dict.fromkeys(s.volunteer_id for s in view.seats
                                    if s.activity_id in ids))
        if people:
            names = ", ".join(view.volunteer_name(v) for v in people)
            yield cost("series_people", weights["series_people"] * len(people),
                       f"Series {series_id} is staffed by {len(people)} people: {names}",
                       activity_id=first)


def _rooms(view: PlanView, weights: Mapping[str, int], _: Plan | None) -> Iterator[Finding]:
    for activity_id, placed in view.placed.items():
        a, room, room_id = placed.activity, placed.room, placed.assignment.room_id
        if room is not None:
            spare = max(0, (room.capacity - a.expected_attendance) // 10)
            if spare:
                yield cost("room_fit", weights["room_fit"] * spare, f"{room.name} holds "
                           f"{room.capacity} for {a.expected_attendance} expected at "
                           f"{placed.label}", activity_id=activity_id, room_id=room.room_id)
        if a.preferred_room and room_id != a.preferred_room:
            yield cost("preferred_room", weights["preferred_room"], f"{placed.label} is in "
                       f"{view.room_name(room_id)}, not its preferred "
                       f"{view.room_name(a.preferred_room)}", activity_id=activity_id,
                       room_id=room_id)


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
        aid = activity.activity_id
        placed = view.placed.get(aid)
        was = span(old.start, old.end or old.start)
        if placed is None or placed.start != old.start:
            text = (f"moved from {was} to {span(placed.start, placed.end)}" if placed
                    else f"was scheduled {was} and is no longer")
            yield cost("stability_start", weights["stability_start"],
                       f"{activity.title} {text}", activity_id=aid)
        room_now = placed.assignment.room_id if placed else None
        if room_now != old.room_id:
            text = (f"moved from {view.room_name(old.room_id)} to {view.room_name(room_now)}"
                    if placed else f"is no longer in {view.room_name(old.room_id)}")
            yield cost("stability_room", weights["stability_room"], f"{activity.title} {text}",
                       activity_id=aid, room_id=room_now or old.room_id)
    kept = {(s.activity_id, s.role, s.volunteer_id) for s in view.plan.staffing}
    for aid, role, v in dict.fromkeys((s.activity_id, s.role, s.volunteer_id)
                                      for s in baseline.staffing):
        if aid in p.activity_by_id and v in p.volunteer_by_id and (aid, role, v) not in kept:
            yield cost("stability_volunteer", weights["stability_volunteer"],
                       f"{view.volunteer_name(v)} no longer staffs {view.activity_title(aid)} "
                       f"as {role}", activity_id=aid, volunteer_id=v)


_TERMS: tuple[Term, ...] = (_schedule, _staffing, _preference, _preferred_time, _fairness,
                            _use_everyone, _series, _rooms, _stability)
