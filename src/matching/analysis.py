"""Tables the results views show, read off a problem and a plan (no widgets, no solver).

These are lookups a coordinator asks for while reading a plan: what each activity got,
which ones are unscheduled or short of people and why, how loaded each volunteer is,
and who else could fill a role. Eligibility comes from :attr:`Problem.facts` and the
reasons for unscheduled activities from the plan (:func:`matching.explain.annotate`), so
nothing here re-decides what the solver or the evaluator decide.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

import pandas as pd

from .i18n import Listing, Message, Phrase, checked_language, moment, say, shown, text
from .plan import Assignment, Plan
from .plan_view import PlanView, resolved_end
from .problem import Problem
from .rules import seat_breach

#: Candidate statuses, best first: the rank a coordinator would try them in.
CANDIDATE_RANK: Final = {
    "assigned": 0, "free": 1, "eligible": 1, "over_limit": 2,
    "busy": 3, "other_role": 3, "unavailable": 4, "not_eligible": 5, "no_skill": 6,
}
CANDIDATE_COLUMNS: Final = ("rank", "volunteer_id", "name", "status", "detail", "hours")
ACTIVITY_COLUMNS: Final = ("activity_id", "title", "theme_id", "priority", "status", "start",
                           "end", "room_id", "staff", "short", "reason")


def _fmt(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


def _end(problem: Problem, placed: Assignment) -> datetime:
    return resolved_end(problem, placed, problem.activity_by_id[placed.activity_id])


def activity_table(problem: Problem, plan: Plan, language: str = "en") -> pd.DataFrame:
    """One row per activity of the problem: its place in the plan and why not, if not
    (the reason in ``language``)."""
    checked_language(language)
    rows = []
    shortfalls = PlanView(problem, plan).shortfalls
    for activity in problem.activities:
        aid = activity.activity_id
        placed = plan.assignment_of.get(aid, Assignment(aid))
        staff = "; ".join(f"{s.role}: {_volunteer_name(problem, s.volunteer_id)}"
                          for s in plan.staff_of.get(aid, ()))
        short = "; ".join(f"{r} {f}/{t}" for r, f, t in shortfalls.get(aid, ()))
        rows.append((aid, activity.title, activity.theme_id or "", activity.priority,
                     placed.status, _fmt(placed.start),
                     _fmt(_end(problem, placed)) if placed.start else "",
                     placed.room_id or "", staff, short, placed.reason_in(language)))
    return pd.DataFrame(rows, columns=list(ACTIVITY_COLUMNS))


def attention_table(problem: Problem, plan: Plan, language: str = "en") -> pd.DataFrame:
    """Unscheduled activities, then scheduled ones short of their staffing target, each
    with the reason the plan gives (in ``language``)."""
    table = activity_table(problem, plan, language)
    unscheduled = table[table["status"] == "unscheduled"]
    short = table[(table["status"] == "scheduled") & (table["short"] != "")]
    columns = ["activity_id", "title", "priority", "status", "start", "room_id", "short",
               "reason"]
    return pd.concat([unscheduled, short])[columns].reset_index(drop=True)


def _volunteer_name(problem: Problem, volunteer_id: str) -> str:
    volunteer = problem.volunteer_by_id.get(volunteer_id)
    return volunteer.name if volunteer else volunteer_id


def volunteer_hours(problem: Problem, plan: Plan) -> pd.DataFrame:
    """Hours and activities of every volunteer in the plan (zero for the unused)."""
    view = PlanView(problem, plan)
    return pd.DataFrame(
        [(v.volunteer_id, v.name, v.team, round(view.hours_of(v.volunteer_id), 2),
          view.activities_of(v.volunteer_id)) for v in problem.volunteers],
        columns=["volunteer_id", "name", "team", "hours", "activities"])


def _busy_with(problem: Problem, plan: Plan, volunteer_id: str, start: datetime,
               end: datetime, activity_id: str) -> Message | None:
    """Title of another activity the volunteer staffs that overlaps [start, end)."""
    for seat in plan.staffing:
        if seat.volunteer_id != volunteer_id or seat.activity_id == activity_id:
            continue
        other = plan.assignment_of.get(seat.activity_id)
        if other is None or other.start is None or seat.activity_id not in \
                problem.activity_by_id:
            continue
        if other.start < end and start < _end(problem, other):
            return say("piece.labelled", title=problem.activity_by_id[seat.activity_id].title,
                       id=seat.activity_id)
    return None


def candidates(problem: Problem, plan: Plan | None, activity_id: str, role: str,
               language: str = "en") -> pd.DataFrame:
    """Every volunteer ranked for one role of one activity, with the reason for each.

    Ranked as a coordinator would try them: already assigned, free at the planned time
    (lightest load first), free but over a duty limit (hours a day or week, activities a
    month, rest after a long shift: the sentence says which), busy with another
    activity, unavailable then, never eligible (age band, limits, availability), and
    lacking the skill. Without a plan, or when the activity is unscheduled, "eligible"
    means able to come at some allowed start. Details are in ``language``.
    """
    checked_language(language)
    facts = problem.facts
    if activity_id not in problem.activity_by_id:
        raise KeyError(f"no activity {activity_id!r}")
    if role not in {r.role for r in problem.roles_of.get(activity_id, ())}:
        raise KeyError(f"{activity_id} has no role {role!r}")
    eligible = set(facts.eligible_volunteers(activity_id, role))
    excluded = facts.volunteer_exclusions(activity_id, role)
    placed = plan.assignment_of.get(activity_id) if plan else None
    scheduled = placed is not None and placed.start is not None
    staffed = {(s.role, s.volunteer_id) for s in plan.staff_of.get(activity_id, ())} \
        if plan else set()
    view = PlanView(problem, plan) if plan else None
    loads = {v: round(h, 2) for v, h in view.loads().items()} if view else {}
    rows = []
    for volunteer in problem.volunteers:
        vid = volunteer.volunteer_id
        status, detail = _candidate_status(problem, view, activity_id, role, vid, eligible,
                                           excluded, placed if scheduled else None, staffed)
        rows.append((CANDIDATE_RANK[status], vid, volunteer.name, status,
                     str(shown(detail, language)), loads.get(vid, 0.0)))
    frame = pd.DataFrame(rows, columns=list(CANDIDATE_COLUMNS))
    return frame.sort_values(["rank", "hours", "volunteer_id"], kind="stable").reset_index(
        drop=True)


def _candidate_status(problem: Problem, view: PlanView | None, activity_id: str, role: str,
                      vid: str, eligible: set[str], excluded: dict, placed: Assignment | None,
                      staffed: set[tuple[str, str]]) -> tuple[str, str | Phrase]:
    if (role, vid) in staffed:
        return "assigned", ""
    if vid not in eligible:
        exclusion = excluded[vid]
        if exclusion.code == "NO_SKILL":
            return "no_skill", exclusion.wording
        return "not_eligible", exclusion.wording
    other_roles = [r for r, v in staffed if v == vid]
    if other_roles:
        return "other_role", Listing(tuple(other_roles))
    if placed is None or placed.start is None or view is None \
            or activity_id not in view.placed:
        starts = problem.facts.volunteer_starts(activity_id, vid).size
        return "eligible", say("cand_detail.starts", count=starts)
    grid = problem.grid
    first = grid.slot_at_or_before(placed.start)
    length = problem.duration_slots(problem.activity_by_id[activity_id])
    if not problem.facts.available(vid)[first:first + length].all():
        return "unavailable", _fmt(placed.start)
    busy = _busy_with(problem, view.plan, vid, placed.start, _end(problem, placed),
                      activity_id)
    if busy:
        return "busy", busy
    breach = seat_breach(view, vid, activity_id)
    if breach:
        return "over_limit", breach.wording
    return "free", ""


def activity_details(problem: Problem, plan: Plan | None, activity_id: str,
                     language: str = "en") -> list[tuple[str, str]]:
    """``(field, value)`` pairs describing one activity and its place in the plan, with
    the kind, priority, status and reason in ``language``."""
    a = problem.activity_by_id[activity_id]
    rows = [("activity_id", a.activity_id), ("title", a.title),
            ("theme_id", a.theme_id or ""), ("kind", text(f"kind.{a.kind}", language)),
            ("priority", text(f"priority.{a.priority}", language)),
            # a window to the end of a day ends at its 24:00, not at the next day's 00:00
            ("window", f"{moment(a.earliest_start, language)} – "
                       f"{moment(a.latest_end, language, end=True)}"),
            ("duration_minutes", str(a.duration_minutes)),
            ("attendance", str(a.expected_attendance)),
            ("equipment", ", ".join(sorted(a.equipment))),
            ("roles", "; ".join(f"{r.role} {r.min}/{r.target}/{r.max}"
                                for r in problem.roles_of.get(activity_id, ())))]
    if plan is not None:
        placed = plan.assignment_of.get(activity_id, Assignment(activity_id))
        rows += [("status", text(f"plan.{placed.status}", language)),
                 ("start", moment(placed.start, language) if placed.start else ""),
                 ("room_id", placed.room_id or ""),
                 ("staff", "; ".join(f"{s.role}: {_volunteer_name(problem, s.volunteer_id)}"
                                     for s in plan.staff_of.get(activity_id, ()))),
                 ("reason", placed.reason_in(language))]
    return rows
