"""The plan as one self-contained HTML page that coordinators print: a cover with the
figures, each room's week as a calendar grid, each volunteer's duty list, the activities
left out with their reasons, and the score.

The page is mailed around, opened offline and printed, so it has no external resources
(no scripts, fonts or images to fetch; the styles are inline) and its print styles lay
it out on A4: each section starts a page, a week or a duty list is never cut in two,
table headers repeat and pages are numbered. Every piece of user text goes through
Jinja's autoescaping: a volunteer called ``<script>`` is shown, not run.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime, time
from pathlib import Path
from typing import Any, Literal, cast

import pandas as pd
from jinja2 import DictLoader, Environment, select_autoescape

from ..evaluate import Score, evaluate
from ..i18n import LANGUAGES, html_lang, text
from ..io import atomic_save
from ..io.outputs import FORCE_ARGUMENT, check_file
from ..plan import Plan
from ..problem.model import Problem
from . import cover, duties, privacy, views, weekgrid
from .labels import broken_rules_warning, label, weekday
from .templates import TEMPLATES

SECTIONS = ("cover", "weeks", "duties", "unscheduled", "score")

_ENV = Environment(loader=DictLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)


def report_sections(problem: Problem, plan: Plan, *, score: Score | None = None,
                    include_contacts: bool = False, language: str | None = None
                    ) -> dict[str, str]:
    """The report's parts as HTML fragments, for a notebook to show one by one.

    Keys are ``style`` (the CSS, to show once before the others) and each of
    :data:`SECTIONS`. Every fragment is wrapped in an element of class
    ``matching-report`` so the CSS applies to it and to nothing else on the page.
    ``language`` (``"zh"`` or ``"en"``) overrides the workbook's.

    Raises
    ------
    PersonalDataError
        When, without ``include_contacts``, a text or attribute of a fragment shows a
        phone number or notes.
    """
    score = score if score is not None else evaluate(problem, plan)
    context = _context(in_language(problem, language), plan, score, include_contacts)
    parts = {"style": _ENV.get_template("style.css").render(**context)}
    parts.update({name: _ENV.get_template(f"{name}.html").render(**context)
                  for name in SECTIONS})
    if not include_contacts:  # a place named as the page heads it, in its language
        headed = context["section_names"]
        privacy.check_fields(problem, [
            field for name, part in parts.items()
            for field in privacy.html_fields(part, str(headed.get(name, name)))])
    return parts


def report_html(problem: Problem, plan: Plan, *, score: Score | None = None,
                include_contacts: bool = False, language: str | None = None) -> str:
    """The whole report as one HTML document that needs nothing but a browser, and
    prints on A4: a cover with the figures, each room's week grids, each volunteer's
    duties, the activities left out and the score.

    Parameters
    ----------
    problem, plan
        The plan and the problem it was made for.
    score
        The plan's score, when already computed (otherwise it is evaluated here).
    include_contacts
        Show volunteers' phone numbers and notes in the duty lists, for internal use; by
        default the page can be shared without leaking personal data.
    language
        ``"zh"`` or ``"en"``; by default the workbook's language.
    """
    parts = report_sections(problem, plan, score=score, include_contacts=include_contacts,
                            language=language)
    shown = in_language(problem, language).settings.language
    return _ENV.get_template("page.html").render(
        title=problem.settings.name, lang=html_lang(shown),
        parts=parts, sections=SECTIONS)


def save_report(problem: Problem, plan: Plan, path: str | os.PathLike[str], *,
                score: Score | None = None, include_contacts: bool = False,
                language: str | None = None, force: bool = False) -> Path:
    """Write :func:`report_html` to ``path`` (UTF-8), atomically; returns the path.

    A file at ``path`` is replaced only if the toolkit exported it or ``force`` is set
    (:func:`~matching.io.outputs.check_file`), never the workbook or anyone's notes by a
    slip of the path; ``path`` ends in ``.html`` or ``.htm`` (a ``ValueError``
    otherwise), as a browser opens nothing else as a page.
    """
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"a report is an .html file, not {target.name}")
    check_file(target, force=force, option=FORCE_ARGUMENT)
    text = report_html(problem, plan, score=score, include_contacts=include_contacts,
                       language=language)
    atomic_save(target, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return target


def in_language(problem: Problem, language: str | None) -> Problem:
    """``problem`` as shown in ``language``: the views read the workbook's language
    setting, so a report in another language is made from a copy that names it.

    Raises
    ------
    ValueError
        For a language the catalogue does not have.
    """
    if language is None or language == problem.settings.language:
        return problem
    if language in LANGUAGES:
        settings = dataclasses.replace(problem.settings,
                                       language=cast(Literal["zh", "en"], language))
        return dataclasses.replace(problem, settings=settings)
    raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")


def _context(problem: Problem, plan: Plan, score: Score, include_contacts: bool
             ) -> dict[str, Any]:
    """Everything the templates show, as plain values; the templates only lay them out."""
    language = problem.settings.language
    settings = problem.settings

    def heads(keys: list[str]) -> list[str]:
        return [label(k, language) for k in keys]

    def word(key: str, **values: object) -> str:
        return text(f"print.{key}", language, **values)

    overview = views.overview(problem, plan, broken=len(score.hard_violations),
                              include_contacts=include_contacts)
    busy, idle = duties.duty_lists(problem, plan, include_contacts=include_contacts)
    gaps = views.unscheduled(problem, plan)
    gap_keys = ["activity_id", "title", "priority", "reason"]
    table = views.score_table(score, language, kept_hard_rules=False)
    broken = [f.text(language) for f in score.hard_violations]
    section_names = {"cover": word("figures"), "weeks": word("weeks"),
                     "duties": word("duties"), "unscheduled": label("unscheduled", language),
                     "score": label("score", language)}
    return {
        "title": settings.name, "include_contacts": include_contacts,
        "subtitle": word("plan"),
        "scope": word("scope", first=settings.horizon_start, last=settings.horizon_end),
        "label": {**{k: label(k, language) for k in ("none", "team", "name")},
                  **{k: word(k) for k in ("contents", "roles_short", "idle", "contacts")}},
        "sections": [(name, section_names[name]) for name in SECTIONS[1:]],
        "section_names": section_names,
        "overview": [row for row in _rows(overview)  # name and warning shown above
                     if row[0] not in (label("workbook", language), label("warning", language))],
        "figures": cover.figures(problem, plan, language),
        "short_heads": [label("date", language), label("title", language),
                        label("role", language), word("filled")],
        "shorts": [(f"{s.start:%Y-%m-%d %H:%M}", s.title, s.role, f"{s.filled} / {s.target}")
                   for s in cover.shortfalls(problem, plan)],
        "weeks": _weeks(problem, plan, language),
        "time_head": word("time"),
        "duty_heads": [label("date", language), word("time"), label("title", language),
                       label("room", language), label("role", language)],
        "duties": [(d, word("duty_count", count=len(d.duties), hours=f"{d.hours:g}"))
                   for d in busy],
        "idle": idle,
        "gap_heads": heads(gap_keys), "gaps": _rows(gaps[gap_keys]),
        "score_heads": heads(list(table.columns)),
        "score": _rows(table), "broken": broken,
        "warning": broken_rules_warning(len(broken), language),
    }


def _weeks(problem: Problem, plan: Plan, language: str) -> list[dict[str, Any]]:
    """The week grids (:mod:`weekgrid`) with their headings in ``language``; days of a
    week outside the plan's period are marked, so an empty cell there is not read as a
    free room."""
    no_room = label("no_room", language)
    first, last = problem.settings.horizon_start, problem.settings.horizon_end
    return [{"title": text("print.week", language, number=week.monday.isocalendar().week,
                           first=week.monday, last=week.sunday),
             "days": [(weekday(d.weekday(), language), f"{d:%m-%d}") for d in week.days],
             "outside": [not first <= d <= last for d in week.days],
             "rooms": [(room.room or no_room, room.rows) for room in week.rooms]}
            for week in weekgrid.weeks(problem, views.placed(problem, plan))]


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
