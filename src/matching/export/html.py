"""The plan as one self-contained HTML page: key figures, timeline, agenda and roster.

The page is mailed around and opened offline, so it has no external resources: the
timeline is plain HTML positioned with CSS, and the styles are inline. It prints on A4
with each part starting a new page and table headers repeated. Every piece of user
text goes through Jinja's autoescaping: a volunteer called ``<script>`` is shown, not
run.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, cast

import pandas as pd
from jinja2 import DictLoader, Environment, select_autoescape

from ..evaluate import Score, evaluate, kpis
from ..io import atomic_save
from ..plan import Plan
from ..problem.model import Problem
from . import privacy, views
from .labels import broken_rules_warning, label, weekday
from .templates import TEMPLATES

SECTIONS = ("kpis", "timeline", "agenda", "roster", "unscheduled", "score")

_ENV = Environment(loader=DictLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)


def report_sections(problem: Problem, plan: Plan, *, score: Score | None = None,
                    include_contacts: bool = False) -> dict[str, str]:
    """The report's parts as HTML fragments, for a notebook to show one by one.

    Keys are ``style`` (the CSS, to show once before the others), ``header`` and each of
    :data:`SECTIONS`. Every fragment is wrapped in an element of class
    ``matching-report`` so the CSS applies to it and to nothing else on the page.

    Raises
    ------
    PersonalDataError
        When, without ``include_contacts``, a text or attribute of a fragment shows a
        phone number or notes.
    """
    score = score if score is not None else evaluate(problem, plan)
    context = _context(problem, plan, score, include_contacts)
    parts = {"style": _ENV.get_template("style.css").render(),
             "header": _ENV.get_template("header.html").render(**context)}
    parts.update({name: _ENV.get_template(f"{name}.html").render(**context)
                  for name in SECTIONS})
    if not include_contacts:
        privacy.check_fields(problem, [field for name, part in parts.items()
                                       for field in privacy.html_fields(part, name)])
    return parts


def report_html(problem: Problem, plan: Plan, *, score: Score | None = None,
                include_contacts: bool = False) -> str:
    """The whole report as one HTML document that needs nothing but a browser.

    Parameters
    ----------
    problem, plan
        The plan and the problem it was made for.
    score
        The plan's score, when already computed (otherwise it is evaluated here).
    include_contacts
        Show volunteers' phone numbers and notes in the roster, for internal use; by
        default the page can be shared without leaking personal data.
    """
    parts = report_sections(problem, plan, score=score, include_contacts=include_contacts)
    return _ENV.get_template("page.html").render(
        title=problem.settings.name,
        lang="zh-CN" if problem.settings.language == "zh" else "en",
        parts=parts, sections=SECTIONS)


def save_report(problem: Problem, plan: Plan, path: str | os.PathLike[str], *,
                score: Score | None = None, include_contacts: bool = False) -> Path:
    """Write :func:`report_html` to ``path`` (UTF-8), atomically; returns the path."""
    text = report_html(problem, plan, score=score, include_contacts=include_contacts)
    target = Path(path)
    atomic_save(target, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return target


def _context(problem: Problem, plan: Plan, score: Score, include_contacts: bool
             ) -> dict[str, Any]:
    """Everything the templates show, as plain values; the templates only lay them out."""
    language = problem.settings.language

    def heads(keys: list[str]) -> list[str]:
        return [label(k, language) for k in keys]

    overview = views.overview(problem, plan, broken=len(score.hard_violations),
                              include_contacts=include_contacts)
    figures = views.key_figures(kpis(problem, plan, score), language)
    placed = views.placed(problem, plan)
    agenda = views.agenda(problem, plan)
    agenda_keys = ["start", "end", "room", "title", "theme", "staff"]
    days = [(_day_title(cast(date, d), language), _rows(frame[agenda_keys]))
            for d, frame in agenda.groupby("date", sort=True)]
    roster = views.roster(problem, plan, include_contacts=include_contacts)
    roster_keys = [c for c in roster.columns if c not in ("volunteer_id", "age_band")]
    schedules = _schedules(placed, language)
    roster_rows = [(row, schedules.get(vid, []))
                   for vid, row in zip(roster["volunteer_id"],
                                       _rows(roster[roster_keys]),
                                       strict=True)]
    gaps = views.unscheduled(problem, plan)
    gap_keys = ["activity_id", "title", "priority", "reason"]
    table = views.score_table(score, language, kept_hard_rules=False)
    broken = [f.text(language) for f in score.hard_violations]
    return {
        "title": problem.settings.name,
        "label": {k: label(k, language) for k in
                  ("kpis", "timeline", "agenda", "roster", "unscheduled", "score", "schedule",
                   "none")},
        "overview": _rows(overview),
        "figures": _rows(figures),
        "kv_heads": heads(["key", "value"]),
        "timeline": _timeline(placed, problem, language),
        "agenda_heads": heads(agenda_keys), "days": days,
        "roster_heads": heads(roster_keys), "roster": roster_rows,
        "gap_heads": heads(gap_keys), "gaps": _rows(gaps[gap_keys]),
        "score_heads": heads(list(table.columns)),
        "score": _rows(table), "broken": broken,
        "warning": broken_rules_warning(len(broken), language),
    }


def _rows(frame: pd.DataFrame) -> list[list[Any]]:
    """The frame's rows with values as a reader writes them: times ``HH:MM``, missing
    values blank; numbers stay numbers so the templates can right-align them."""
    def cell(value: Any) -> Any:
        if isinstance(value, time):
            return value.strftime("%H:%M")
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        return value.item() if hasattr(value, "item") else value

    return [[cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]


def _day_title(day: date, language: str) -> str:
    return f"{day.isoformat()} {weekday(day.weekday(), language)}"


def _schedules(placed: list[views.Shown], language: str) -> dict[str, list[str]]:
    """Each volunteer's activities as short lines (``03-04 周一 09:00 title (role)``)."""
    out: dict[str, list[str]] = defaultdict(list)
    for p in placed:
        for role, vid, _volunteer in p.staff:
            out[vid].append(f"{p.start:%m-%d} {weekday(p.start.weekday(), language)} "
                            f"{p.start:%H:%M} {p.activity.title} ({role})")
    return out


def _timeline(placed: list[views.Shown], problem: Problem, language: str) -> dict[str, Any]:
    """Per day, one row per room in use with a bar per activity; positions are percents
    of a common span of hours, so the days line up under one axis."""
    if not placed:
        return {"hours": [], "days": []}
    first = min(p.start.hour for p in placed)
    last = max(first + 1, max(-(-_end_minute(p) // 60) for p in placed))
    span = (last - first) * 60
    order = {r.room_id: i for i, r in enumerate(problem.rooms)}
    by_day: dict[date, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for p in placed:
        begin = (p.start.hour - first) * 60 + p.start.minute
        length = max(_end_minute(p) - p.start.hour * 60 - p.start.minute, 1)
        by_day[p.start.date()][p.room.room_id if p.room else ""].append({
            "left": f"{100 * begin / span:.3f}", "width": f"{100 * length / span:.3f}",
            "kind": p.activity.kind, "title": p.activity.title,
            "tip": f"{p.start:%H:%M}–{p.end:%H:%M} {p.activity.title}"
                   + (f" · {views.staff_text(p)}" if p.staff else "")})
    days = []
    for day in sorted(by_day):
        rooms = sorted(by_day[day], key=lambda rid: order.get(rid, len(order)))
        days.append({"title": _day_title(day, language),
                     "rows": [(problem.room_by_id[rid].name if rid in problem.room_by_id
                               else "—", by_day[day][rid]) for rid in rooms]})
    hours = [{"text": f"{h:02d}", "left": f"{100 * (h - first) * 60 / span:.3f}"}
             for h in range(first, last + 1)]
    return {"hours": hours, "days": days}


def _end_minute(p: views.Shown) -> int:
    """Minutes from the start day's midnight to the end, capped at the day's end (an
    activity ending at midnight ends at minute 1440, not at 0)."""
    if p.end.date() > p.start.date():
        return 24 * 60
    return p.end.hour * 60 + p.end.minute
