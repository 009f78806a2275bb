"""The hard rules, each re-derived from the raw records with datetime arithmetic.

Nothing here reads the solver's slot masks: a plan the solver believes valid is checked
against the workbook's own words (opening rows, closures, availability rows, limits), so
a bug in the masks or the model shows up as a finding.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta

from ..i18n import Listing, Message, Moment, say
from ..problem.eligibility import closure_wording
from ..problem.entities import Room, age_rank
from ..rules import duty_breaches
from .context import Placed, PlanView, because, clock_ranges, minutes
from .hours import covers, overlaps
from .score import HARD_RULES, Finding, hard

Check = Callable[[PlanView], Iterator[Finding]]


def hard_findings(view: PlanView) -> list[Finding]:
    """Every broken hard rule of the plan, in the order of :data:`HARD_RULES`."""
    order = {rule: index for index, rule in enumerate(HARD_RULES)}
    findings = [f for check in _CHECKS for f in check(view)]
    return sorted(findings, key=lambda f: order[f.constraint])


def _pairs(items: Sequence[Placed], occupied: Callable[[Placed], tuple[datetime, datetime]]
           ) -> Iterator[tuple[Placed, Placed]]:
    """Pairs whose ``occupied`` intervals overlap, earlier start first."""
    ordered = sorted(items, key=lambda p: p.start)
    for i, first in enumerate(ordered):
        first_start, first_end = occupied(first)
        for second in ordered[i + 1:]:
            second_start, second_end = occupied(second)
            if second_start >= first_end:
                break
            if overlaps(first_start, first_end, second_start, second_end):
                yield first, second


def _times(placed: Placed) -> tuple[datetime, datetime]:
    return placed.start, placed.end


# -- the plan's rows ---------------------------------------------------------------------
def _references(view: PlanView) -> Iterator[Finding]:
    p = view.problem
    for row in view.plan.assignments:
        if row.activity_id not in p.activity_by_id:
            yield hard("unknown_id", say("hard.unknown_activity", activity=row.activity_id),
                       activity_id=row.activity_id)
        elif row.room_id and row.room_id not in p.room_by_id:
            yield hard("unknown_id", say("hard.unknown_room",
                                         title=view.activity_title(row.activity_id),
                                         room=row.room_id),
                       activity_id=row.activity_id, room_id=row.room_id)
    for seat in view.plan.staffing:
        unknown = []
        if seat.activity_id not in p.activity_by_id:
            unknown.append(say("hard.unknown_seat_activity", activity=seat.activity_id))
        elif not any(r.role == seat.role for r in p.roles_of[seat.activity_id]):
            unknown.append(say("hard.unknown_seat_role", role=seat.role,
                               title=view.activity_title(seat.activity_id)))
        if seat.volunteer_id not in p.volunteer_by_id:
            unknown.append(say("hard.unknown_seat_volunteer", volunteer=seat.volunteer_id))
        if unknown:
            yield hard("unknown_id", say("hard.unknown_staffing",
                                         parts=Listing(tuple(unknown), "and")),
                       activity_id=seat.activity_id, volunteer_id=seat.volunteer_id)
    counts = Counter(a.activity_id for a in view.plan.assignments)
    for activity_id, count in counts.items():
        if count > 1 and activity_id in p.activity_by_id:
            yield hard("duplicate_assignment", say("hard.duplicate", count=count,
                                                   title=view.activity_title(activity_id)),
                       activity_id=activity_id)


# -- each scheduled activity on its own --------------------------------------------------
def _activities(view: PlanView) -> Iterator[Finding]:
    p = view.problem
    slot = p.settings.slot_minutes
    for placed in view.placed.values():
        a, row, label = placed.activity, placed.assignment, placed.wording
        ids = {"activity_id": a.activity_id, "room_id": row.room_id}
        if not row.room_id:
            yield hard("room_required", say("hard.no_room", label=label), **ids)
        if placed.start < a.earliest_start or placed.end > a.latest_end:
            yield hard("window", say("hard.window", label=label, first=Moment(a.earliest_start),
                                     last=Moment(a.latest_end, end=True)), **ids)
        planned = p.planned_minutes(a)
        if row.end is None:
            yield hard("duration", say("hard.no_end", title=a.title,
                                       start=Moment(placed.start), planned=planned), **ids)
        elif minutes(placed.start, placed.end) != planned:
            yield hard("duration", say("hard.duration", label=label, planned=planned,
                                       lasts=minutes(placed.start, placed.end),
                                       duration=a.duration_minutes, slot=slot), **ids)
        start = placed.start
        if (start.hour * 60 + start.minute) % slot or start.second or start.microsecond:
            yield hard("slot_grid", say("hard.slot_grid", label=label, clock=f"{start:%H:%M}",
                                        slot=slot), **ids)
        midnight = datetime.combine(start.date() + timedelta(days=1), datetime.min.time())
        if placed.end > midnight:
            yield hard("same_day", say("hard.same_day", label=label), **ids)
        if a.fixed_start is not None and start != a.fixed_start:
            yield hard("fixed_start", say("hard.fixed_start", label=label,
                                          fixed=Moment(a.fixed_start)), **ids)
        if a.fixed_room and row.room_id and row.room_id != a.fixed_room:
            yield hard("fixed_room", say("hard.fixed_room", label=label,
                                         room=view.room_name(row.room_id),
                                         fixed=view.room_name(a.fixed_room)), **ids)


def _rooms(view: PlanView) -> Iterator[Finding]:
    for placed in view.placed.values():
        room, a = placed.room, placed.activity
        if room is None:
            continue
        ids = {"activity_id": a.activity_id, "room_id": room.room_id}
        start, end = placed.start, placed.end
        if not covers(view.hours.room_open_between(room.room_id, start, end), start, end):
            yield hard("room_open", say("hard.room_open", label=placed.wording, room=room.name,
                                        why=_closed(view, room, start, end)), **ids)
        if room.capacity < a.expected_attendance:
            yield hard("room_capacity", say("hard.capacity", room=room.name,
                                            capacity=room.capacity, title=a.title,
                                            expected=a.expected_attendance), **ids)
        missing = a.equipment - room.equipment
        if missing:
            yield hard("room_equipment", say("hard.equipment", room=room.name,
                                             missing=Listing(tuple(sorted(missing))),
                                             label=placed.wording), **ids)


def _closed(view: PlanView, room: Room, start: datetime, end: datetime) -> Message:
    """Why the room is not open for [start, end): a closure, or its hours that day."""
    closed = [c for c in view.hours.closures(room.room_id) if overlaps(c.start, c.end, start, end)]
    if closed:
        return closure_wording(closed[0], room.name)
    hours = view.hours.room_hours(room.room_id, start.date())
    if hours:
        return say("hard.open_only", room=room.name, hours=clock_ranges(hours, start.date()))
    return say("hard.not_open", room=room.name)


def _room_overlap(view: PlanView) -> Iterator[Finding]:
    slot = view.problem.settings.slot_minutes
    by_room: dict[str, list[Placed]] = {}
    for placed in view.placed.values():
        if placed.room is not None:
            by_room.setdefault(placed.room.room_id, []).append(placed)
    for room_id, items in by_room.items():
        room = view.problem.room_by_id[room_id]
        buffer = timedelta(minutes=math.ceil(room.turnaround_minutes / slot) * slot)

        def occupied(p: Placed, b: timedelta = buffer) -> tuple[datetime, datetime]:
            return p.start, p.end + b

        for first, second in _pairs(items, occupied):
            both = {"room": room.name, "first": first.wording, "second": second.wording}
            yield hard("room_overlap",
                       say("hard.room_overlap_turnaround", minutes=buffer.seconds // 60, **both)
                       if buffer else say("hard.room_overlap", **both),
                       activity_id=second.activity.activity_id, room_id=room_id)


# -- volunteers ----------------------------------------------------------------------------
def _volunteers(view: PlanView) -> Iterator[Finding]:
    p = view.problem
    for seat in view.seats:
        placed = view.placed[seat.activity_id]
        volunteer = p.volunteer_by_id[seat.volunteer_id]
        a, start, end = placed.activity, placed.start, placed.end
        ids = {"activity_id": a.activity_id, "volunteer_id": volunteer.volunteer_id}
        who = {"name": volunteer.name, "label": placed.wording}
        if not covers(view.hours.available_between(volunteer.volunteer_id, start, end),
                      start, end):
            yield hard("volunteer_available", _unavailable(view, volunteer.volunteer_id,
                                                           start, who), **ids)
        if seat.role not in volunteer.skills:
            skills = tuple(sorted(volunteer.skills))
            yield hard("volunteer_skill", say("hard.skill", role=seat.role, **who,
                                              skills=Listing(skills) if skills
                                              else say("word.none")), **ids)
        if a.min_age_band and age_rank(volunteer.age_band) < age_rank(a.min_age_band):
            asked = say(f"age_band.{a.min_age_band}")
            yield hard("volunteer_age_band",
                       say("hard.age_band", band=say(f"age_band.{volunteer.age_band}"),
                           asked=asked, **who) if volunteer.age_band
                       else say("hard.age_band_unknown", asked=asked, **who), **ids)


def _unavailable(view: PlanView, volunteer_id: str, start: datetime,
                 who: dict[str, object]) -> Message:
    """Why the volunteer cannot come: no availability at all, or their hours that day."""
    if not any(w.volunteer_id == volunteer_id for w in view.problem.availability):
        return say("hard.no_availability", **who)
    day = view.hours.available(volunteer_id, start.date())
    if day:
        return say("hard.available_only", hours=clock_ranges(day, start.date()), **who)
    return say("hard.not_available", **who)


def _volunteer_overlap(view: PlanView) -> Iterator[Finding]:
    for volunteer_id, items in view.staffed_by.items():
        name = view.volunteer_name(volunteer_id)
        for first, second in _pairs(items, _times):
            yield hard("volunteer_overlap", say("hard.volunteer_overlap", name=name,
                                                first=first.wording, second=second.wording),
                       activity_id=second.activity.activity_id, volunteer_id=volunteer_id)


def _one_role(view: PlanView) -> Iterator[Finding]:
    roles: dict[tuple[str, str], list[str]] = {}
    for seat in view.seats:
        roles.setdefault((seat.activity_id, seat.volunteer_id), []).append(seat.role)
    for (activity_id, volunteer_id), names in roles.items():
        if len(names) > 1:
            yield hard("volunteer_one_role",
                       say("hard.one_role", name=view.volunteer_name(volunteer_id),
                           count=len(names), label=view.placed[activity_id].wording,
                           roles=Listing(tuple(sorted(names)))),
                       activity_id=activity_id, volunteer_id=volunteer_id)


def _duties(view: PlanView) -> Iterator[Finding]:
    for rule, breach in duty_breaches(view):
        yield hard(rule.name, breach.wording, activity_id=breach.activity_id,
                   volunteer_id=breach.volunteer_id)


# -- roles, cohorts, series, priorities ----------------------------------------------------
def _roles(view: PlanView) -> Iterator[Finding]:
    for row in view.plan.staffing:
        if view.is_valid_row(row) and row.activity_id not in view.placed:
            yield hard("staffing_unscheduled",
                       say("hard.staffing_unscheduled", name=view.volunteer_name(row.volunteer_id),
                           title=view.activity_title(row.activity_id), role=row.role),
                       activity_id=row.activity_id, volunteer_id=row.volunteer_id)
    for activity_id, placed in view.placed.items():
        for role in view.problem.roles_of[activity_id]:
            count = len(view.filled.get((activity_id, role.role), []))
            seats = {"label": placed.wording, "count": count, "role": role.role}
            if count < role.min:
                yield hard("role_min", say("hard.role_min", min=role.min, **seats),
                           activity_id=activity_id)
            if count > role.max:
                yield hard("role_max", say("hard.role_max", max=role.max, **seats),
                           activity_id=activity_id)


def _cohorts(view: PlanView) -> Iterator[Finding]:
    items = [p for p in view.placed.values() if p.activity.cohort]
    for first, second in _pairs(items, _times):
        shared = first.activity.cohort & second.activity.cohort
        if shared:
            yield hard("cohort_overlap", say("hard.cohort_overlap", first=first.wording,
                                             second=second.wording,
                                             cohorts=Listing(tuple(sorted(shared)))),
                       activity_id=second.activity.activity_id)


def _series(view: PlanView) -> Iterator[Finding]:
    for series_id, ids in view.problem.series.items():
        sessions = [view.placed[i] for i in ids if i in view.placed]
        for i, first in enumerate(sessions):
            for second in sessions[i + 1:]:
                if first.end > second.start:
                    yield hard("series_order", say("hard.series_order", first=first.wording,
                                                   second=second.wording, series=series_id),
                               activity_id=second.activity.activity_id)


def _must(view: PlanView) -> Iterator[Finding]:
    rows = view.plan.assignment_of
    for activity in view.unscheduled:
        if activity.priority == "must":
            yield hard("must_scheduled", because("hard.must", rows.get(activity.activity_id),
                                                 title=activity.title),
                       activity_id=activity.activity_id)


_CHECKS: tuple[Check, ...] = (_references, _activities, _rooms, _room_overlap, _volunteers,
                              _volunteer_overlap, _one_role, _duties, _roles, _cohorts, _series,
                              _must)
