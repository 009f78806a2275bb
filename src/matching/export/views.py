"""The plan as tables a reader wants: by day, by room, by volunteer, the roster, the gaps.

Every export (Excel, HTML, notebook) shows the same views, so they are computed once
here as DataFrames with stable column keys; the exports only translate the headings
and lay them out. Personal data (phone, notes) enters a view only when the caller asks
for contacts, so a public export cannot leak it by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pandas as pd

from .. import plan_view
from ..evaluate import Score
from ..i18n import clock, text
from ..plan import Plan
from ..problem.entities import Activity, Room, Volunteer
from ..problem.model import Problem
from .labels import broken_rules_warning, label, named, rule_name, weekday

AGENDA_COLUMNS = ("date", "weekday", "start", "end", "room", "activity_id", "title", "theme",
                  "kind", "priority", "attendance", "staff", "partner")


@dataclass(frozen=True)
class Shown:
    """A scheduled activity as exports show it: its place and times from the plan view
    (:class:`matching.plan_view.Placed`) and every staffing row of the plan for it, each
    role with its volunteer (None when the plan names a volunteer the workbook lacks)."""

    placed: plan_view.Placed
    staff: tuple[tuple[str, str, Volunteer | None], ...]

    @property
    def activity(self) -> Activity:
        return self.placed.activity

    @property
    def start(self) -> datetime:
        return self.placed.start

    @property
    def end(self) -> datetime:
        return self.placed.end

    @property
    def room(self) -> Room | None:
        return self.placed.room

    @property
    def room_name(self) -> str:
        return self.room.name if self.room else ""

    @property
    def end_time(self) -> time | str:
        """The end's time of day as :func:`~matching.i18n.clock` says it beside the
        start's day: ``24:00`` for the midnight after it (a whole day, 00:00 to
        midnight, would read as 00:00–00:00), else a time a spreadsheet keeps as one."""
        shown = clock(self.end, self.start.date())
        return shown if shown == "24:00" else self.end.time()


def placed(problem: Problem, plan: Plan) -> list[Shown]:
    """Scheduled activities of ``plan`` known to ``problem``, by start time then room.

    Rows naming an unknown activity are left out: they cannot be described, and the
    evaluator (and the plan file's check) already report them.
    """
    out = [Shown(p, tuple((s.role, s.volunteer_id, problem.volunteer_by_id.get(s.volunteer_id))
                          for s in plan.staff_of.get(aid, ())))
           for aid, p in plan_view.PlanView(problem, plan).placed.items()]
    out.sort(key=lambda p: (p.start, p.room_name, p.activity.activity_id))
    return out


def person_name(volunteer_id: str, volunteer: Volunteer | None) -> str:
    """The volunteer's name, or the id when the workbook no longer has them."""
    return volunteer.name if volunteer else volunteer_id


def staff_text(p: Shown) -> str:
    """``role: name, name; role: name`` — who staffs the activity, role by role."""
    roles: dict[str, list[str]] = {}
    for role, vid, volunteer in p.staff:
        roles.setdefault(role, []).append(person_name(vid, volunteer))
    return "; ".join(f"{role}: {', '.join(names)}" for role, names in roles.items())


def agenda(problem: Problem, plan: Plan) -> pd.DataFrame:
    """One row per scheduled activity, in time order: the plan day by day."""
    language = problem.settings.language
    rows = []
    for p in placed(problem, plan):
        theme = problem.theme_by_id.get(p.activity.theme_id or "")
        rows.append((p.start.date(), weekday(p.start.weekday(), language), p.start.time(),
                     p.end_time, p.room_name, p.activity.activity_id, p.activity.title,
                     theme.name if theme else "", named("kind", p.activity.kind, language),
                     named("priority", p.activity.priority, language),
                     p.activity.expected_attendance, staff_text(p), p.activity.partner))
    return pd.DataFrame(rows, columns=list(AGENDA_COLUMNS))


def by_room(problem: Problem, plan: Plan) -> pd.DataFrame:
    """The agenda grouped by room (in the workbook's room order), then by time."""
    frame = agenda(problem, plan)
    order = {r.name: i for i, r in enumerate(problem.rooms)}
    frame = frame.assign(_order=frame["room"].map(order).fillna(len(order)))
    frame = frame.sort_values(["_order", "date", "start"], kind="stable").drop(columns="_order")
    columns = ["room", *[c for c in AGENDA_COLUMNS if c != "room"]]
    return frame[columns].reset_index(drop=True)


def by_volunteer(problem: Problem, plan: Plan, *, include_contacts: bool = False
                 ) -> pd.DataFrame:
    """One row per volunteer and activity they staff, grouped by volunteer: each person's
    own timetable. ``phone`` is a column only with ``include_contacts``."""
    language = problem.settings.language
    order = {v.volunteer_id: i for i, v in enumerate(problem.volunteers)}
    rows = []
    for p in placed(problem, plan):
        for role, vid, volunteer in p.staff:
            row: list[object] = [vid, person_name(vid, volunteer),
                                 volunteer.team if volunteer else ""]
            if include_contacts:
                row.append(volunteer.phone if volunteer else "")
            row += [p.start.date(), weekday(p.start.weekday(), language), p.start.time(),
                    p.end_time, role, p.activity.title, p.room_name]
            rows.append((order.get(vid, len(order)), p.start, row))
    rows.sort(key=lambda r: (r[0], r[1]))
    columns = ["volunteer_id", "name", "team", *(["phone"] if include_contacts else []),
               "date", "weekday", "start", "end", "role", "title", "room"]
    return pd.DataFrame([r[2] for r in rows], columns=columns)


def roster(problem: Problem, plan: Plan, *, include_contacts: bool = False) -> pd.DataFrame:
    """Every volunteer with how many activities and hours the plan gives them, so that
    idle and overloaded people stand out. Contacts only with ``include_contacts``."""
    view = plan_view.PlanView(problem, plan)
    language = problem.settings.language
    rows = []
    for v in problem.volunteers:
        band = named("age_band", v.age_band, language) if v.age_band else ""
        row: list[object] = [v.volunteer_id, v.name, v.team, "; ".join(sorted(v.skills)),
                             band, view.activities_of(v.volunteer_id),
                             round(view.hours_of(v.volunteer_id), 2)]
        if include_contacts:
            row += [v.phone, v.notes]
        rows.append(row)
    columns = ["volunteer_id", "name", "team", "skills", "age_band", "activities", "hours",
               *(["phone", "notes"] if include_contacts else [])]
    return pd.DataFrame(rows, columns=columns)


def unscheduled(problem: Problem, plan: Plan) -> pd.DataFrame:
    """Activities the plan leaves out, most important first, each with the reason; an
    activity of the workbook the plan does not mention at all is left out too, and said
    so, never missing from every table. A latest end at midnight reads as 24:00 of the
    day before, the day the coordinator typed."""
    language = problem.settings.language
    rank = {"must": 0, "high": 1, "normal": 2, "low": 3}
    rows = []
    for activity in problem.activities:
        a = plan.assignment_of.get(activity.activity_id)
        if a is not None and a.start is not None:
            continue
        latest: datetime | str = activity.latest_end
        if activity.latest_end.time() == time():  # the day typed, ending at 24:00
            day = (activity.latest_end - timedelta(days=1)).date()
            latest = f"{day:%Y-%m-%d} {clock(activity.latest_end, day)}"
        rows.append((rank.get(activity.priority, 4), activity.activity_id, activity.title,
                     named("priority", activity.priority, language), activity.earliest_start,
                     latest, a.reason_in(language) if a is not None
                     else text("export.not_in_plan", language)))
    rows.sort(key=lambda r: (r[0], r[4]))
    return pd.DataFrame([r[1:] for r in rows],
                        columns=["activity_id", "title", "priority", "earliest_start",
                                 "latest_end", "reason"])


def overview(problem: Problem, plan: Plan, *, broken: int, include_contacts: bool
             ) -> pd.DataFrame:
    """What the plan is and how it was found, as ``key``/``value`` rows; a plan that
    breaks ``broken`` > 0 hard rules says so first."""
    s = problem.settings
    language = s.language
    yes, no = label("yes", language), label("no", language)
    feasible = broken == 0
    warning = [("warning", broken_rules_warning(broken, language))] if broken else []
    rows = [*warning, ("workbook", s.name),
            ("horizon", text("period.range", language, first=str(s.horizon_start),
                             last=str(s.horizon_end)) + f" ({s.timezone})"),
            ("solver_status", named("solver", plan.status, language)),
            ("feasible", yes if feasible else no),
            ("fingerprint", (plan.meta.get("fingerprint") or problem.fingerprint)[:16]),
            ("audience", label("internal" if include_contacts else "public", language))]
    return pd.DataFrame([(label(k, language), v) for k, v in rows], columns=["key", "value"])


def key_figures(figures: pd.DataFrame, language: str) -> pd.DataFrame:
    """Key figures (the ``name``/``value`` table of :func:`matching.evaluate.kpis`) as
    ``key``/``value`` rows, each named in ``language``."""
    return pd.DataFrame({"key": [named("kpi", n, language) for n in figures["name"]],
                         "value": figures["value"]})


def score_table(score: Score, language: str, *, kept_hard_rules: bool = True
                ) -> pd.DataFrame:
    """The score table (:meth:`Score.table`) with rules and levels named in
    ``language``; without ``kept_hard_rules``, the hard rules the plan keeps are left
    out, so that a report lists what matters."""
    table = score.table()
    if not kept_hard_rules:
        table = table[(table["count"] > 0) | (table["level"] != "hard")]
    return table.assign(constraint=[rule_name(c, language) for c in table["constraint"]],
                        level=[named("level", v, language) for v in table["level"]])


def headings(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """``frame`` with its column keys replaced by headings in ``language``."""
    return frame.rename(columns={c: label(c, language) for c in frame.columns})
