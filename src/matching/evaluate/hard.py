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

from ..problem.entities import age_rank
from .context import Placed, PlanView, clock_ranges, minutes, moment
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
            yield hard("unknown_id", f"The assignments name an unknown activity "
                       f"{row.activity_id!r}", activity_id=row.activity_id)
        elif row.room_id and row.room_id not in p.room_by_id:
            yield hard("unknown_id", f"{view.activity_title(row.activity_id)} is placed in an "
                       f"unknown room {row.room_id!r}", activity_id=row.activity_id,
                       room_id=row.room_id)
    for seat in view.plan.staffing:
        unknown = []
        if seat.activity_id not in p.activity_by_id:
            unknown.append(f"an unknown activity {seat.activity_id!r}")
        elif not any(r.role == seat.role for r in p.roles_of[seat.activity_id]):
            unknown.append(f"a role {seat.role!r} that {view.activity_title(seat.activity_id)} "
                           "does not have")
        if seat.volunteer_id not in p.volunteer_by_id:
            unknown.append(f"an unknown volunteer {seat.volunteer_id!r}")
        if unknown:
            yield hard("unknown_id", "A staffing row names " + " and ".join(unknown),
                       activity_id=seat.activity_id, volunteer_id=seat.volunteer_id)
    counts = Counter(a.activity_id for a in view.plan.assignments)
    for activity_id, count in counts.items():
        if count > 1 and activity_id in p.activity_by_id:
            yield hard("duplicate_assignment", f"{view.activity_title(activity_id)} has "
                       f"{count} rows in the assignments; only the last one counts",
                       activity_id=activity_id)


# -- each scheduled activity on its own --------------------------------------------------
def _activities(view: PlanView) -> Iterator[Finding]:
    p = view.problem
    slot = p.settings.slot_minutes
    for placed in view.placed.values():
        a, row = placed.activity, placed.assignment
        ids = {"activity_id": a.activity_id, "room_id": row.room_id}
        if not row.room_id:
            yield hard("room_required", f"{placed.label} has no room", **ids)
        if placed.start < a.earliest_start or placed.end > a.latest_end:
            yield hard("window", f"{placed.label} lies outside its window "
                       f"{moment(a.earliest_start)} to {moment(a.latest_end, end=True)}", **ids)
        planned = p.planned_minutes(a)
        if row.end is None:
            yield hard("duration", f"{a.title} starts {moment(placed.start)} but has no end; "
                       f"it takes {planned} min", **ids)
        elif minutes(placed.start, placed.end) != planned:
            yield hard("duration", f"{placed.label} lasts {minutes(placed.start, placed.end)} "
                       f"min; it takes {planned} min ({a.duration_minutes} min rounded up to "
                       f"whole {slot}-minute slots)", **ids)
        start = placed.start
        if (start.hour * 60 + start.minute) % slot or start.second or start.microsecond:
            yield hard("slot_grid", f"{placed.label} starts at {start:%H:%M}, off the "
                       f"{slot}-minute grid", **ids)
        midnight = datetime.combine(start.date() + timedelta(days=1), datetime.min.time())
        if placed.end > midnight:
            yield hard("same_day", f"{placed.label} ends after midnight of the day it starts",
                       **ids)
        if a.fixed_start is not None and start != a.fixed_start:
            yield hard("fixed_start", f"{placed.label} should start at its fixed time "
                       f"{moment(a.fixed_start)}", **ids)
        if a.fixed_room and row.room_id and row.room_id != a.fixed_room:
            yield hard("fixed_room", f"{placed.label} is in {view.room_name(row.room_id)}, "
                       f"but is fixed to {view.room_name(a.fixed_room)}", **ids)


def _rooms(view: PlanView) -> Iterator[Finding]:
    for placed in view.placed.values():
        room, a = placed.room, placed.activity
        if room is None:
            continue
        ids = {"activity_id": a.activity_id, "room_id": room.room_id}
        start, end = placed.start, placed.end
        if not covers(view.hours.room_open_between(room.room_id, start, end), start, end):
            closed = [c for c in view.hours.closures(room.room_id)
                      if overlaps(c.start, c.end, start, end)]
            if closed:
                c = closed[0]
                why = f" ({c.reason})" if c.reason else ""
                where = room.name if c.room_id else "the whole center"
                text = f"{where} is closed {moment(c.start)} to {moment(c.end, end=True)}{why}"
            else:
                hours = view.hours.room_hours(room.room_id, start.date())
                text = (f"{room.name} is open {clock_ranges(hours, start.date())} only that day"
                        if hours else f"{room.name} is not open that day")
            yield hard("room_open", f"{placed.label} is in {room.name}, but {text}", **ids)
        if room.capacity < a.expected_attendance:
            yield hard("room_capacity", f"{room.name} holds {room.capacity}, "
                       f"{a.expected_attendance} expected for {a.title}", **ids)
        missing = a.equipment - room.equipment
        if missing:
            yield hard("room_equipment", f"{room.name} lacks {', '.join(sorted(missing))} "
                       f"for {placed.label}", **ids)


def _room_overlap(view: PlanView) -> Iterator[Finding]:
    slot = view.problem.settings.slot_minutes
    by_room: dict[str, list[Placed]] = {}
    for placed in view.placed.values():
        if placed.room is not None:
            by_room.setdefault(placed.room.room_id, []).append(placed)
    for room_id, items in by_room.items():
        room = view.problem.room_by_id[room_id]
        buffer = timedelta(minutes=math.ceil(room.turnaround_minutes / slot) * slot)
        after = f" (with {buffer.seconds // 60} min turnaround)" if buffer else ""

        def occupied(p: Placed, b: timedelta = buffer) -> tuple[datetime, datetime]:
            return p.start, p.end + b

        for first, second in _pairs(items, occupied):
            yield hard("room_overlap", f"{room.name} would hold {first.label} and "
                       f"{second.label} at once{after}", activity_id=second.activity.activity_id,
                       room_id=room_id)


# -- volunteers ----------------------------------------------------------------------------
def _volunteers(view: PlanView) -> Iterator[Finding]:
    p = view.problem
    for seat in view.seats:
        placed = view.placed[seat.activity_id]
        volunteer = p.volunteer_by_id[seat.volunteer_id]
        a, start, end = placed.activity, placed.start, placed.end
        ids = {"activity_id": a.activity_id, "volunteer_id": volunteer.volunteer_id}
        who = f"{volunteer.name} is in {placed.label}"
        if not covers(view.hours.available_between(volunteer.volunteer_id, start, end),
                      start, end):
            day = view.hours.available(volunteer.volunteer_id, start.date())
            if not any(w.volunteer_id == volunteer.volunteer_id for w in p.availability):
                text = "has no availability at all"
            elif day:
                text = f"is available {clock_ranges(day, start.date())} only that day"
            else:
                text = "is not available that day"
            yield hard("volunteer_available", f"{who} but {text}", **ids)
        if seat.role not in volunteer.skills:
            skills = ", ".join(sorted(volunteer.skills)) or "none"
            yield hard("volunteer_skill", f"{who} as {seat.role} but lacks that skill "
                       f"(skills: {skills})", **ids)
        if a.min_age_band and age_rank(volunteer.age_band) < age_rank(a.min_age_band):
            band = volunteer.age_band or "of unknown age band"
            yield hard("volunteer_age_band", f"{who} but is {band}; {a.min_age_band} or older "
                       "is asked", **ids)


def _volunteer_overlap(view: PlanView) -> Iterator[Finding]:
    for volunteer_id, items in view.staffed_by.items():
        name = view.volunteer_name(volunteer_id)
        for first, second in _pairs(items, _times):
            yield hard("volunteer_overlap", f"{name} would be in {first.label} and "
                       f"{second.label} at once", activity_id=second.activity.activity_id,
                       volunteer_id=volunteer_id)


def _one_role(view: PlanView) -> Iterator[Finding]:
    roles: dict[tuple[str, str], list[str]] = {}
    for seat in view.seats:
        roles.setdefault((seat.activity_id, seat.volunteer_id), []).append(seat.role)
    for (activity_id, volunteer_id), names in roles.items():
        if len(names) > 1:
            yield hard("volunteer_one_role", f"{view.volunteer_name(volunteer_id)} fills "
                       f"{len(names)} seats of {view.placed[activity_id].label} (roles "
                       f"{', '.join(sorted(names))}); one volunteer fills one role per activity",
                       activity_id=activity_id, volunteer_id=volunteer_id)


def _limits(view: PlanView) -> Iterator[Finding]:
    for volunteer_id, items in view.staffed_by.items():
        volunteer = view.problem.volunteer_by_id[volunteer_id]
        weeks: dict[tuple[int, int], list[Placed]] = {}
        months: dict[tuple[int, int], list[Placed]] = {}
        for placed in items:
            iso = placed.start.isocalendar()
            weeks.setdefault((iso.year, iso.week), []).append(placed)
            months.setdefault((placed.start.year, placed.start.month), []).append(placed)
        limit = volunteer.max_hours_per_week
        for week in weeks.values():
            total = sum(minutes(p.start, p.end) for p in week)
            if limit is not None and total > limit * 60:
                monday = week[0].start.date() - timedelta(days=week[0].start.weekday())
                yield hard("weekly_hours", f"{volunteer.name} staffs {total / 60:g} h in the "
                           f"week of Mon {monday:%Y-%m-%d} ({len(week)} activities), more than "
                           f"the {limit:g} h a week they give", volunteer_id=volunteer_id)
        cap = volunteer.max_activities_per_month
        for (year, month), month_items in months.items():
            if cap is not None and len(month_items) > cap:
                yield hard("monthly_activities", f"{volunteer.name} staffs {len(month_items)} "
                           f"activities in {year}-{month:02d}, more than the {cap} a month "
                           "they take", volunteer_id=volunteer_id)


# -- roles, cohorts, series, priorities ----------------------------------------------------
def _roles(view: PlanView) -> Iterator[Finding]:
    for row in view.plan.staffing:
        if view.is_valid_row(row) and row.activity_id not in view.placed:
            yield hard("staffing_unscheduled", f"{view.volunteer_name(row.volunteer_id)} staffs "
                       f"{view.activity_title(row.activity_id)} as {row.role}, but it is not "
                       "scheduled", activity_id=row.activity_id, volunteer_id=row.volunteer_id)
    for activity_id, placed in view.placed.items():
        for role in view.problem.roles_of[activity_id]:
            count = len(view.filled.get((activity_id, role.role), []))
            if count < role.min:
                yield hard("role_min", f"{placed.label} has {count} {role.role}, at least "
                           f"{role.min} needed", activity_id=activity_id)
            if count > role.max:
                yield hard("role_max", f"{placed.label} has {count} {role.role}, at most "
                           f"{role.max} allowed", activity_id=activity_id)


def _cohorts(view: PlanView) -> Iterator[Finding]:
    items = [p for p in view.placed.values() if p.activity.cohort]
    for first, second in _pairs(items, _times):
        shared = first.activity.cohort & second.activity.cohort
        if shared:
            yield hard("cohort_overlap", f"{first.label} and {second.label} overlap, and both "
                       f"are for {', '.join(sorted(shared))}",
                       activity_id=second.activity.activity_id)


def _series(view: PlanView) -> Iterator[Finding]:
    for series_id, ids in view.problem.series.items():
        sessions = [view.placed[i] for i in ids if i in view.placed]
        for i, first in enumerate(sessions):
            for second in sessions[i + 1:]:
                if first.end > second.start:
                    yield hard("series_order", f"{second.label} starts before the earlier "
                               f"session {first.label} ends (series {series_id})",
                               activity_id=second.activity.activity_id)


def _must(view: PlanView) -> Iterator[Finding]:
    rows = view.plan.assignment_of
    for activity in view.unscheduled:
        if activity.priority == "must":
            row = rows.get(activity.activity_id)
            why = f" ({row.reason})" if row is not None and row.reason else ""
            yield hard("must_scheduled", f"{activity.title} must take place but is not "
                       f"scheduled{why}", activity_id=activity.activity_id)


_CHECKS: tuple[Check, ...] = (_references, _activities, _rooms, _room_overlap, _volunteers,
                              _volunteer_overlap, _one_role, _limits, _roles, _cohorts, _series,
                              _must)
