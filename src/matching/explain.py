"""Why an activity was not scheduled or a role not filled, in words a coordinator uses.

Static reasons come from eligibility (no room big enough, nobody with the skill free in
the window); dynamic ones from the plan itself (the rooms are taken by higher-priority
activities, the qualified volunteers are busy). Nothing here needs the solver.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import timedelta

import numpy as np

from .i18n import Listing, Message, Moment, Phrase, say
from .plan import Assignment, Plan
from .plan_view import PlanView
from .problem import Activity, Problem
from .problem.calendar import covered_starts
from .problem.counting import shortages, staffing_shapes, starts_of
from .problem.eligibility import no_placement_reason, short_roles
from .problem.series import SeriesBounds, series_bounds, series_clashes
from .rules import seat_breach


def _label(activity: Activity) -> Message:
    return say("piece.labelled", title=activity.title, id=activity.activity_id)


def static_conflicts(problem: Problem, pins: Iterable = ()) -> list[Message]:
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
            out.append(say("why.must_but", activity=_label(activity),
                           reasons=Listing(tuple(reasons), "semicolon")))
    out += _series_conflicts(problem, pinned)
    return out or [s.sentence(problem) for s in shortages(problem, pinned)]


#: At most this many people are named as all that can fill a conflict's roles: more
#: are no bottleneck a reader would see.
_FEW = 3


def what_binds(problem: Problem, conflicts: Sequence[Message]) -> list[Message]:
    """A sentence on what the activities named by ``conflicts`` (a minimal set of rule
    groups that cannot all hold: their ``must``, pins and role minimums) have in common:
    the time they can take place in against the time they take, and the series, the
    cohorts, the few people and the one room they share. The rule groups alone ("TRI1 must take
    place", "role teach of TRI1 has at least 1") do not say which rule keeps them apart:
    cohorts, people and rooms are in one place at a time, and hold always. Nothing when
    fewer than two activities are named."""
    named = {str(value) for message in conflicts for key, value in message.values
             if key == "activity"}
    ids = [a.activity_id for a in problem.activities if a.activity_id in named]
    facts = problem.facts
    if len(ids) < 2 or any(not facts.allowed_starts(aid).size for aid in ids):
        return []
    grid, activities = problem.grid, [problem.activity_by_id[aid] for aid in ids]
    first = min(int(starts_of(facts, aid)[0]) for aid in ids)
    last = max(int(starts_of(facts, a.activity_id)[-1]) + problem.duration_slots(a)
               for a in activities)
    staffed = staffing_shapes(problem, ids, first, last)
    hours = grid.slot_minutes / 60
    cohorts = sorted(tag for tag, n in Counter(t for a in activities for t in a.cohort).items()
                     if n > 1)
    roles = [(str(fields("activity")), str(fields("role"))) for fields in
             (dict(m.values).get for m in conflicts if m.key == "conflict.role_min")]
    people = {vid for aid, role in roles for vid in facts.eligible_volunteers(aid, role)}
    names = tuple(sorted(problem.volunteer_by_id[v].name for v in people))
    series = sorted({a.series_id for a in activities if a.series_id})
    rooms = {rid for aid in ids for rid in facts.room_starts(aid)}
    need = sum(problem.duration_slots(a) for a in activities) * hours
    return [say(
        "conflict.binds", activities=Listing(tuple(_label(a) for a in activities), "comma", 4),
        first=Moment(grid.time_of(first)), last=Moment(grid.time_of(last), end=True),
        span=(last - first) * hours, staffed=say("conflict.binds_staffed") if staffed else "",
        need=say("conflict.binds_need", need=need)
        if _one_at_a_time(problem, activities, roles) else "",
        series=say("conflict.binds_series", series=series[0]) if len(series) == 1 else "",
        cohorts=say("conflict.binds_cohort", cohorts=Listing(tuple(cohorts))) if cohorts else "",
        people=say("conflict.binds_people", names=Listing(names, "and"), roles=Listing(tuple(
            say("conflict.role_of", role=role, activity=_label(problem.activity_by_id[aid]))
            for aid, role in roles)))
        if roles and 0 < len(names) <= _FEW else "",
        rooms=say("conflict.binds_room", room=problem.room_by_id[next(iter(rooms))].name)
        if len(rooms) == 1 else "")]


def _one_at_a_time(problem: Problem, activities: Sequence[Activity],
                   roles: Sequence[tuple[str, str]]) -> bool:
    """Whether no two of the activities can take place at once: each pair shares a
    cohort, a series, the one room both can use or a person only who can fill a role of
    each (among ``roles``, of the conflict). Only then is the time they take together
    set against their window: two classes' lessons may run side by side."""
    facts = problem.facts
    forced: dict[str, set[str]] = defaultdict(set)
    for aid, name in roles:
        eligible = facts.eligible_volunteers(aid, name)
        if len(eligible) <= next((r.min for r in problem.roles_of[aid] if r.role == name), 0):
            forced[aid].update(eligible)
    rooms = {a.activity_id: set(facts.room_starts(a.activity_id)) for a in activities}

    def apart(a: Activity, b: Activity) -> bool:
        return bool(set(a.cohort) & set(b.cohort)
                    or (a.series_id and a.series_id == b.series_id)
                    or (len(rooms[a.activity_id]) == 1 and rooms[a.activity_id]
                        == rooms[b.activity_id])
                    or forced[a.activity_id] & forced[b.activity_id])

    return all(apart(a, b) for i, a in enumerate(activities) for b in activities[i + 1:])


def _series_conflicts(problem: Problem, pinned: set[str]) -> list[Message]:
    """Sessions of a series that must both take place although their windows contradict
    the row order the series keeps: no search can place them both."""
    musts = {a.activity_id for a in problem.activities
             if a.priority == "must" or a.activity_id in pinned}
    by_id = problem.activity_by_id
    return [say("conflict.series_must", first=_label(by_id[clash.first]),
                second=_label(by_id[clash.second]), clash=clash.wording(problem))
            for clash in series_clashes(problem, among=musts)]


class _Occupancy:
    """Busy masks of rooms, volunteers and cohorts in a plan, for what-if checks."""

    def __init__(self, problem: Problem, plan: Plan) -> None:
        self.problem = problem
        size = problem.grid.size
        self.room: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(size, dtype=bool))
        self.person: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(size, dtype=bool))
        self.cohort: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(size, dtype=bool))
        #: per room and slot, the index in ``problem.activities`` of the activity that
        #: holds it (-1: none), to count what blocks a start at array speed
        self.room_owner: dict[str, np.ndarray] = defaultdict(
            lambda: np.full(size, -1, dtype=np.int32))
        self.by_slot_person: dict[str, dict[int, str]] = defaultdict(dict)
        #: first slot and the slot after the last of each placed activity
        self.span: dict[str, tuple[int, int]] = {}
        grid = problem.grid
        index = {a.activity_id: i for i, a in enumerate(problem.activities)}
        for placed in plan.scheduled:
            activity = problem.activity_by_id.get(placed.activity_id)
            if activity is None or placed.start is None:
                continue
            first = grid.slot_at_or_before(placed.start)
            d = problem.duration_slots(activity)
            self.span[activity.activity_id] = (first, first + d)
            room = problem.room_by_id.get(placed.room_id or "")
            t = grid.slots_for(room.turnaround_minutes) if room else 0
            if room:
                self.room[room.room_id][first:first + d + t] = True
                self.room_owner[room.room_id][first:first + d + t] = index[activity.activity_id]
            for tag in activity.cohort:
                self.cohort[tag][first:first + d] = True
            for seat in plan.staff_of.get(activity.activity_id, ()):
                self.person[seat.volunteer_id][first:first + d] = True
                for s in range(first, first + d):
                    self.by_slot_person[seat.volunteer_id][s] = activity.activity_id


def _why_not_placed(problem: Problem, occ: _Occupancy, view: PlanView, activity: Activity
                    ) -> Message:
    facts = problem.facts
    aid = activity.activity_id
    d = problem.duration_slots(activity)
    grid = problem.grid
    ordered = series_bounds(problem, activity, occ.span)  # only starts that keep it
    if not ordered.allows(facts.allowed_starts(aid), d).any():
        return _series_reason(problem, activity, ordered)
    free_any = np.zeros(grid.size, dtype=bool)
    blockers: Counter[int] = Counter()
    for rid, every in facts.room_starts(aid).items():
        starts = every[ordered.allows(every, d)]
        t = grid.slots_for(problem.room_by_id[rid].turnaround_minutes)
        free = covered_starts(~occ.room[rid], d + t)[starts]
        free_any[starts[free]] = True
        # the activity holding the first busy slot of each of the first 50 blocked starts
        blocked = starts[~free][:50, None] + np.arange(d + t)
        owners = np.where(blocked < grid.size,
                          occ.room_owner[rid][np.minimum(blocked, grid.size - 1)], -1)
        first = owners[np.arange(len(owners)), (owners >= 0).argmax(axis=1)]
        blockers.update(first[first >= 0].tolist())
    for tag in activity.cohort:
        free_any &= covered_starts(~occ.cohort[tag], d)
    if not free_any.any():
        names = tuple(_ranked(problem.activities[a]) for a, _ in blockers.most_common(4))
        return say("why.taken_by", names=Listing(names, limit=4)) if names else say("why.taken")
    return _at_best_time(problem, occ, view, activity, np.flatnonzero(free_any))


def _series_reason(problem: Problem, activity: Activity, bounds: SeriesBounds) -> Message:
    """Which placed sessions of its series leave the activity no start in its window:
    the one of an earlier row ending too late, the one of a later row starting too
    early, or the two together."""
    grid, by_id = problem.grid, problem.activity_by_id
    starts = problem.facts.allowed_starts(activity.activity_id)
    d = problem.duration_slots(activity)
    series = activity.series_id
    end = Moment(grid.time_of(bounds.earliest), end=True)
    start = Moment(grid.time_of(bounds.latest))
    after, before = bounds.after, bounds.before
    if after and not replace(bounds, latest=grid.size).allows(starts, d).any():
        return say("why.series_after", series=series, other=_label(by_id[after]), end=end)
    if before and not replace(bounds, earliest=0).allows(starts, d).any():
        return say("why.series_before", series=series, other=_label(by_id[before]),
                   start=start)
    assert after and before  # each alone leaves it a start: the two together do not
    return say("why.series_between", series=series, after=_label(by_id[after]), end=end,
               before=_label(by_id[before]), start=start)


def _ranked(activity: Activity) -> Message:
    return say("piece.ranked", title=activity.title, id=activity.activity_id,
               priority=say(f"priority.{activity.priority}"))


def _limits_at(problem: Problem, occ: _Occupancy, view: PlanView, activity: Activity,
               start: int) -> list[Message]:
    """The roles of ``activity``, placed at slot ``start``, that the people free then
    cannot fill without breaking a duty limit (hours a day or week, activities a month,
    rest), counting the seats the plan gives them elsewhere: "only 0 of the 1 first_aid
    volunteer(s) needed are free (Bo Chen would staff 4 h in the week …, more than the
    3 h a week they give)". Without this the reason said the activity fits."""
    aid, d = activity.activity_id, problem.duration_slots(activity)
    moment = problem.grid.time_of(start)
    view = view.placing(Assignment(aid, moment,
                                   moment + timedelta(minutes=activity.duration_minutes)))
    out = []
    for role in problem.roles_of[aid]:
        free, breaches = 0, []
        for vid in problem.facts.eligible_volunteers(aid, role.role):
            if not problem.facts.available(vid)[start:start + d].all() \
                    or occ.person[vid][start:start + d].any():
                continue
            breach = seat_breach(view, vid, aid)
            if breach is None:
                free += 1
            else:
                breaches.append(breach.wording)
        if free < role.min and breaches:
            out.append(say("why.only_free_busy", count=free, min=role.min, role=role.role,
                           busy=Listing(tuple(breaches), limit=3)))
    return out


#: How many starts whose people are free an explanation checks against duty limits.
_LIMIT_CHECKS = 50


def _at_best_time(problem: Problem, occ: _Occupancy, view: PlanView, activity: Activity,
                  candidates: np.ndarray) -> Message:
    """Why the activity is out although a room is free: that it fits, at the first start
    where its people are free and within their duty limits; else the duty limits that
    keep them at the first start where they are free; else, at the start where the
    fewest roles lack people, which roles those are and who is busy instead."""
    facts = problem.facts
    aid = activity.activity_id
    d = problem.duration_slots(activity)
    best_start, best_missing = int(candidates[0]), None
    limited: tuple[int, list[Message]] | None = None  # the first start duty limits block
    checks = _LIMIT_CHECKS
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
        if missing or checks == 0:
            continue
        checks -= 1
        blocked = _limits_at(problem, occ, view, activity, int(s))
        if not blocked:  # people free and within their limits: it fits, and was left out
            return say("why.left_out", when=Moment(problem.grid.time_of(int(s))))
        limited = limited or (int(s), blocked)
    if limited is not None:  # free people at some start, each over a duty limit there
        return say("why.best_time", when=Moment(problem.grid.time_of(limited[0])),
                   parts=Listing(tuple(limited[1]), "semicolon"))
    assert best_missing is not None
    when = Moment(problem.grid.time_of(best_start))
    parts = []
    for role, n in best_missing:
        busy = []
        for vid in facts.eligible_volunteers(aid, role.role):
            window = occ.person[vid][best_start:best_start + d]
            if window.any():
                other = occ.by_slot_person[vid][best_start + int(np.argmax(window))]
                busy.append(say("piece.busy_with", name=problem.volunteer_by_id[vid].name,
                                activity=_label(problem.activity_by_id[other])))
        counts = {"count": n, "min": role.min, "role": role.role}
        parts.append(say("why.only_free_busy", busy=Listing(tuple(busy), limit=3), **counts)
                     if busy else say("why.only_free", **counts))
    return say("why.best_time", when=when, parts=Listing(tuple(parts), "semicolon"))


def _why_short(view: PlanView, occ: _Occupancy, placed: Assignment) -> Message | None:
    """Who else could fill each role below its target (counted on the plan view), and
    why they do not."""
    problem = view.problem
    facts = problem.facts
    aid = placed.activity_id
    activity = problem.activity_by_id[aid]
    s = problem.grid.slot_at_or_before(placed.start) if placed.start else 0
    d = problem.duration_slots(activity)
    staffed = view.plan.staff_of.get(aid, ())
    notes = []
    for role, filled, target in view.shortfalls.get(aid, ()):
        others = []
        for vid in facts.eligible_volunteers(aid, role):
            if any(x.volunteer_id == vid for x in staffed):
                continue
            name = problem.volunteer_by_id[vid].name
            if not facts.available(vid)[s:s + d].all():
                others.append(say("why.unavailable_then", name=name))
            elif occ.person[vid][s:s + d].any():
                other = occ.by_slot_person[vid].get(int(np.argmax(occ.person[vid][s:s + d]) + s))
                title = (problem.activity_by_id[other].title if other
                         else say("word.another_activity"))
                others.append(say("why.busy_then", name=name, title=title))
            elif aid in view.placed and (breach := seat_breach(view, vid, aid)):
                others.append(breach.wording)
            else:
                others.append(say("why.kept_for_better", name=name))
        who = Listing(tuple(others), limit=4, people=True) if others else say("word.nobody_else")
        notes.append(say("why.role_short", role=role, filled=filled, target=target, who=who))
    return say("why.understaffed", notes=Listing(tuple(notes), "semicolon")) if notes else None


def _all(reasons: list[Message]) -> Listing | None:
    return Listing(tuple(reasons), "semicolon") if reasons else None


def annotate(problem: Problem, plan: Plan) -> Plan:
    """The plan with a reason on every unscheduled or understaffed activity (as a message,
    so that it can be shown in any language: :meth:`Assignment.reason_in`)."""
    occ = _Occupancy(problem, plan)
    view = PlanView(problem, plan)
    rows = []
    for placed in plan.assignments:
        activity = problem.activity_by_id.get(placed.activity_id)
        if activity is None:
            rows.append(placed)
            continue
        why: Phrase | None
        if placed.start is None:
            why = (no_placement_reason(problem, activity)
                   or _all(short_roles(problem, activity))
                   or _why_not_placed(problem, occ, view, activity))
        else:
            why = _why_short(view, occ, placed)
        rows.append(placed.because(why))
    return replace(plan, assignments=tuple(rows))
