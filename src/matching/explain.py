"""Why an activity was not scheduled or a role not filled, in words a coordinator uses.

Static reasons come from eligibility (no room big enough, nobody with the skill free in
the window); dynamic ones from the plan itself (the rooms are taken by higher-priority
activities, the qualified volunteers are busy). Nothing here needs the solver.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from .plan import Assignment, Plan
from .problem import Activity, Problem
from .problem.calendar import covered_starts
from .problem.counting import shortages


def _names(items: Iterable[str], limit: int = 3) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _label(activity: Activity) -> str:
    return f"{activity.title} ({activity.activity_id})"


def no_placement_reason(problem: Problem, activity: Activity) -> str | None:
    """Why the activity can never take place, or None if some room and time exist."""
    facts = problem.facts
    if facts.allowed_starts(activity.activity_id).size:
        return None
    excluded = facts.room_exclusions(activity.activity_id)
    details = [e.detail for e in excluded.values()]
    if not details:
        return "there are no rooms"
    return "no room fits: " + "; ".join(details)


def short_roles(problem: Problem, activity: Activity) -> list[str]:
    """Roles that can never reach their minimum, each with why."""
    facts = problem.facts
    out = []
    for role in problem.roles_of[activity.activity_id]:
        eligible = facts.eligible_volunteers(activity.activity_id, role.role)
        if len(eligible) < role.min:
            excluded = facts.volunteer_exclusions(activity.activity_id, role.role)
            with_skill = {v: e for v, e in excluded.items() if e.code != "NO_SKILL"}
            nobody = len(excluded) - len(with_skill)
            why = "; ".join(e.detail for e in list(with_skill.values())[:4])
            out.append(
                f"role {role.role} needs {role.min} but only {len(eligible)} volunteer(s) can "
                f"ever come ({why + '; ' if why else ''}{nobody} lack the skill {role.role})")
    return out


def static_conflicts(problem: Problem, pins: Iterable = ()) -> list[str]:
    """Activities that must take place (priority ``must`` or pinned) but never can, or
    else the worst shortages of rooms, cohort time or people's time among them."""
    pinned = {p.activity_id for p in pins}
    out = []
    for activity in problem.activities:
        if activity.priority != "must" and activity.activity_id not in pinned:
            continue
        reasons = [r for r in [no_placement_reason(problem, activity)] if r]
        if not reasons:
            reasons = short_roles(problem, activity)
        if reasons:
            out.append(f"{_label(activity)} must take place, but " + "; ".join(reasons))
    return out or [s.sentence(problem) for s in shortages(problem, pinned)]


class _Occupancy:
    """Busy masks of rooms, volunteers and cohorts in a plan, for what-if checks."""

    def __init__(self, problem: Problem, plan: Plan) -> None:
        self.problem = problem
        size = problem.grid.size
        self.room: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(size, dtype=bool))
        self.person: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(size, dtype=bool))
        self.cohort: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(size, dtype=bool))
        self.by_slot_room: dict[str, dict[int, str]] = defaultdict(dict)
        self.by_slot_person: dict[str, dict[int, str]] = defaultdict(dict)
        grid = problem.grid
        for placed in plan.scheduled:
            activity = problem.activity_by_id.get(placed.activity_id)
            if activity is None or placed.start is None:
                continue
            first = grid.slot_at_or_before(placed.start)
            d = problem.duration_slots(activity)
            room = problem.room_by_id.get(placed.room_id or "")
            t = grid.slots_for(room.turnaround_minutes) if room else 0
            if room:
                self.room[room.room_id][first:first + d + t] = True
                for s in range(first, first + d + t):
                    self.by_slot_room[room.room_id][s] = activity.activity_id
            for tag in activity.cohort:
                self.cohort[tag][first:first + d] = True
            for seat in plan.staff_of.get(activity.activity_id, ()):
                self.person[seat.volunteer_id][first:first + d] = True
                for s in range(first, first + d):
                    self.by_slot_person[seat.volunteer_id][s] = activity.activity_id


def _why_not_placed(problem: Problem, plan: Plan, occ: _Occupancy, activity: Activity) -> str:
    facts = problem.facts
    aid = activity.activity_id
    d = problem.duration_slots(activity)
    grid = problem.grid
    free_any = np.zeros(grid.size, dtype=bool)
    blockers: Counter[str] = Counter()
    for rid, starts in facts.room_starts(aid).items():
        t = grid.slots_for(problem.room_by_id[rid].turnaround_minutes)
        free = covered_starts(~occ.room[rid], d + t)[starts]
        free_any[starts[free]] = True
        for s in starts[~free][:50]:
            for k in range(s, s + d + t):
                other = occ.by_slot_room[rid].get(int(k))
                if other:
                    blockers[other] += 1
                    break
    for tag in activity.cohort:
        free_any &= covered_starts(~occ.cohort[tag], d)
    if not free_any.any():
        names = [f"{_label(problem.activity_by_id[a])}, {problem.activity_by_id[a].priority}"
                 " priority" for a, _ in blockers.most_common(4)]
        return ("its rooms (or its cohort) are taken whenever it could take place"
                + (f": by {_names(names, 4)}" if names else ""))
    candidates = np.flatnonzero(free_any)
    best_start, best_missing = int(candidates[0]), None
    for s in candidates[:500]:
        missing = []
        for role in problem.roles_of[aid]:
            free_people = [v for v in facts.eligible_volunteers(aid, role.role)
                           if facts.available(v)[s:s + d].all()
                           and not occ.person[v][s:s + d].any()]
            if len(free_people) < role.min:
                missing.append((role, len(free_people)))
        if best_missing is None or len(missing) < len(best_missing):
            best_start, best_missing = int(s), missing
        if not missing:
            break
    when = grid.time_of(best_start).strftime("%a %Y-%m-%d %H:%M")
    if best_missing:
        parts = []
        for role, n in best_missing:
            busy = []
            for vid in facts.eligible_volunteers(aid, role.role):
                window = occ.person[vid][best_start:best_start + d]
                if window.any():
                    other = occ.by_slot_person[vid][best_start + int(np.argmax(window))]
                    busy.append(f"{problem.volunteer_by_id[vid].name} is busy with "
                                f"{_label(problem.activity_by_id[other])}")
            parts.append(f"only {n} of the {role.min} {role.role} volunteer(s) needed are "
                         "free" + (f" ({_names(busy, 3)})" if busy else ""))
        return f"at its best time, {when}, " + "; ".join(parts)
    return (f"it fits at {when}, but the plan left it out within the time limit or for "
            "higher-priority goals (limits on volunteers' hours or series order may bind)")


def _why_short(problem: Problem, plan: Plan, occ: _Occupancy, placed: Assignment) -> str:
    facts = problem.facts
    aid = placed.activity_id
    activity = problem.activity_by_id[aid]
    s = problem.grid.slot_at_or_before(placed.start) if placed.start else 0
    d = problem.duration_slots(activity)
    staffed = plan.staff_of.get(aid, ())
    notes = []
    for role in problem.roles_of[aid]:
        filled = sum(1 for x in staffed if x.role == role.role)
        if filled >= role.target:
            continue
        others = []
        for vid in facts.eligible_volunteers(aid, role.role):
            if any(x.volunteer_id == vid for x in staffed):
                continue
            name = problem.volunteer_by_id[vid].name
            if not facts.available(vid)[s:s + d].all():
                others.append(f"{name} unavailable then")
            elif occ.person[vid][s:s + d].any():
                other = occ.by_slot_person[vid].get(int(np.argmax(occ.person[vid][s:s + d]) + s))
                title = problem.activity_by_id[other].title if other else "another activity"
                others.append(f"{name} busy with {title}")
            else:
                others.append(f"{name} at a weekly or monthly limit, or kept for a better use")
        who = _names(others, 4) if others else "no other qualified volunteer"
        notes.append(f"{role.role} {filled} of target {role.target} ({who})")
    return "understaffed: " + "; ".join(notes) if notes else ""


def annotate(problem: Problem, plan: Plan) -> Plan:
    """The plan with a reason on every unscheduled or understaffed activity."""
    occ = _Occupancy(problem, plan)
    rows = []
    for placed in plan.assignments:
        activity = problem.activity_by_id.get(placed.activity_id)
        if activity is None:
            rows.append(placed)
            continue
        if placed.start is None:
            reason = (no_placement_reason(problem, activity)
                      or "; ".join(short_roles(problem, activity))
                      or _why_not_placed(problem, plan, occ, activity))
        else:
            reason = _why_short(problem, plan, occ, placed)
        rows.append(replace(placed, reason=reason))
    return replace(plan, assignments=tuple(rows))
