"""The year-end report: the figures of :class:`~matching.actuals.review.Review` as a
self-contained HTML page or an Excel workbook, in Chinese or English.

Each section is a heading, a sentence generated from its figures
(:mod:`matching.actuals.review_text`, words of :mod:`matching.i18n.actuals`), a bar
chart drawn as inline SVG (:mod:`matching.actuals.svg`) and the table behind both, so a
reader can check the sentence against the numbers. The page has no script, font, image
or link: it opens offline and prints. The report is shared beyond the center, so every
field it shows is checked for volunteers' phone numbers and notes before anything is
written, and the file is written whole or not at all.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from ..export.html import in_language
from ..export.privacy import Field, check_fields, html_fields, table_fields
from ..export.views import unscheduled
from ..i18n import checked_language, html_lang
from ..i18n import say as message
from ..io import HTML_GENERATOR, atomic_save
from ..io.outputs import FORCE_ARGUMENT, check_file, check_not_input, save_exported
from .labels import center, counts_shown, heading, recorded, say, value
from .review import Review, participants
from .review_text import (
    bookings,
    group,
    left_out,
    overview,
    quarter_label,
    quarters,
    section_title,
    themes,
    title,
    volunteers,
)
from .sheets import rate_headings, show_rates, style_header
from .svg import bars

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

#: The file types :func:`save_review` writes.
SUFFIXES = (".html", ".xlsx")
#: Columns of counts of residents: a blank one (None) was not recorded.
_PEOPLE = ("participants", "booking_participants")
#: The columns of the table of what the plan left out.
_LEFT_OUT = ("activity_id", "title", "kind", "priority", "reason")


@dataclass(frozen=True)
class Section:
    """One part of the report: its heading key, its sentence, its chart (SVG, or "")
    and its table (columns as keys, values as shown)."""

    key: str
    text: str
    chart: str
    table: pd.DataFrame


def sections(review: Review, language: str) -> list[Section]:
    """The report's sections, in order, in ``language``; those with nothing to say
    (nothing left out of the plan, no camp or red classroom) are left out."""
    parts = (_overview(review, language), _left_out(review, language),
             _themes(review, language), _quarters(review, language),
             _bookings(review, language), _highlights(review, language),
             _volunteers(review, language))
    return [part for part in parts if part is not None]


def page_title(review: Review, language: str) -> str:
    """The title of the report (and of the notebook's page): the center and the period
    it covers."""
    s = review.problem.settings
    return title(center(s), s.horizon_start, s.horizon_end, language)


def _left_by_kind(frame: pd.DataFrame) -> list[tuple[str, int]]:
    """``(kind, how many the plan left out)`` of :meth:`Review.by_kind`'s kinds that
    have any."""
    return [(str(kind), int(n)) for kind, n in zip(frame["kind"], frame["left_out"],
                                                   strict=True) if n]


def _overview(review: Review, language: str) -> Section:
    frame = review.by_kind()
    totals = {column: int(frame[column].sum()) for column in
              ("requested", "planned", "left_out", "as_planned", "moved", "cancelled",
               "unplanned")}
    text = overview(totals, _left_by_kind(frame), review.reasons("moved"),
                    review.reasons("cancelled"), review.unrecorded(), language)
    return Section("overview", text, "", _shown(frame, language, words=("kind",)))


def _left_out(review: Review, language: str) -> Section | None:
    """What the workbook asked for and the plan did not schedule, with the plan's
    reasons: the printed plan's table of them (:func:`matching.export.views.unscheduled`,
    most important first) with each one's kind."""
    if not review.left_out:
        return None
    frame = unscheduled(in_language(review.problem, language), review.plan)
    frame["kind"] = [review.problem.activity_by_id[aid].kind for aid in frame["activity_id"]]
    return Section("left_out", left_out(_left_by_kind(review.by_kind()), language), "",
                   _shown(frame[list(_LEFT_OUT)], language, words=("kind",)))


def _themes(review: Review, language: str) -> Section:
    frame = review.by_theme()
    frame["theme"] = [t or say("report.no_theme", language) for t in frame["theme"]]
    per_quarter = [(q, int(frame[q].sum())) for q in review.quarters]
    top = _top(frame, "theme", "participants")
    text = themes(int(frame["planned"].sum()), int(frame["held"].sum()),
                  participants(review.of_kind("activity")), per_quarter,
                  None if top is None else (top[0], int(top[1])), language)
    counted = frame[frame["participants"].notna()]  # a theme nobody counted: no bar
    chart = bars(section_title("chart_themes", language), list(counted["theme"]),
                 [(heading("participants", language),
                   [int(n) for n in counted["participants"]])]) if len(counted) else ""
    frame = frame.rename(columns={q: quarter_label(q, language) for q in review.quarters})
    return Section("themes", text, chart, _shown(frame, language))


def _quarters(review: Review, language: str) -> Section:
    frame = review.by_quarter()
    labels = [quarter_label(q, language) for q in frame["quarter"]]
    chart = bars(section_title("chart_quarters", language), labels,
                 [(heading("planned", language), list(frame["planned"])),
                  (heading("held", language), list(frame["held"]))])
    text = quarters([(q, int(p), int(h), recorded(n), float(hours)) for q, p, h, n, hours in zip(
        frame["quarter"], frame["planned"], frame["held"], frame["participants"],
        frame["hours"], strict=True)], language)
    frame["quarter"] = labels
    frame = frame.rename(columns={"hours": "volunteer_hours"})
    return Section("quarters", text, chart, _shown(frame, language))


def _bookings(review: Review, language: str) -> Section:
    rows = {row["kind"]: row for row in review.by_kind().to_dict("records")}

    def figures(kind: str) -> dict[str, int]:
        """The counts of ``kind``'s row (0 for a kind the workbook has none of)."""
        return {column: int(rows[kind][column]) if kind in rows else 0
                for column in ("requested", "planned", "left_out", "held", "cancelled")}

    text = bookings(figures("booking"), participants(review.of_kind("booking")),
                    figures("meeting")["held"], language)
    frame = review.by_quarter()[["quarter", "bookings_held", "booking_participants"]].copy()
    frame["quarter"] = [quarter_label(q, language) for q in frame["quarter"]]
    return Section("bookings", text, "", _shown(frame, language))


def _highlights(review: Review, language: str) -> Section | None:
    """The summer camp and the red classroom, each only when the workbook has it; the
    section is named after the one it shows, and left out when it has neither."""
    shown = review.groups()
    if not shown:
        return None
    figures = [(key, review.group(key)) for key in shown]
    table = pd.DataFrame(
        [[section_title(key, language), g.planned, g.left_out, g.held, g.cancelled,
          g.participants, say("list.comma", language).join(g.partners)]
         for key, g in figures],
        columns=["group", "planned", "left_out", "held", "cancelled", "participants",
                 "partners"])
    text = functools.reduce(lambda first, then: say("yearly.then", language, first=first,
                                                    then=then),
                            [group(key, g, language) for key, g in figures])
    return Section("highlights" if len(shown) > 1 else shown[0], text, "",
                   _shown(table, language))


def _volunteers(review: Review, language: str) -> Section:
    # the busiest team first: a chart in the order teams first appear in the ledger
    # draws 18.5 hours above 22 and 42 below 9.5
    teams = review.teams().sort_values("hours", ascending=False, kind="stable")
    teams = teams.reset_index(drop=True)
    teams["team"] = [t or heading("no_team", language) for t in teams["team"]]
    services = review.ledger.services
    people = {s.volunteer_id for s in services if s.worked and s.hours > 0}
    expected = sum(1 for s in services if s.expected)
    no_shows = int(teams["no_shows"].sum())
    attended = any(s.source == "actual" for s in services)  # an attendance row
    top = _top(teams, "team", "hours")
    text = volunteers(len(people), round(float(teams["hours"].sum()), 2),
                      int((teams["volunteers"] > 0).sum()), no_shows if attended else None,
                      no_shows / expected if expected else None, top, language)
    if not attended:  # nobody recorded who came: 0 no-shows would be a guess
        for column in ("no_shows", "no_show_rate"):
            teams[column] = value("not_recorded", language)
    teams = teams.rename(columns={"hours": "volunteer_hours"})
    chart = bars(section_title("chart_teams", language), list(teams["team"]),
                 [(heading("volunteer_hours", language),
                   [float(h) for h in teams["volunteer_hours"]])])
    return Section("volunteers", text, chart, _shown(teams, language))


def _top(frame: pd.DataFrame, name: str, figure: str) -> tuple[str, float] | None:
    """The row with the largest ``figure`` (the first of equals) as ``(name, figure)``;
    None when every figure is 0 or not recorded."""
    pairs = [(str(n), float(v)) for n, v in zip(frame[name], frame[figure], strict=True)
             if pd.notna(v)]
    best = max(pairs, key=lambda pair: pair[1], default=None)
    return best if best is not None and best[1] > 0 else None


def _shown(frame: pd.DataFrame, language: str, words: tuple[str, ...] = ()) -> pd.DataFrame:
    """``frame`` with the values of ``words`` columns (words of the catalogue family of
    the column's name: ``kind.booking``), counts of residents nobody recorded said so,
    and the headings in ``language``."""
    shown = frame.copy()
    for column in words:
        shown[column] = [say(f"{column}.{v}", language) for v in shown[column]]
    for column in _PEOPLE:
        if column in shown:
            shown[column] = counts_shown(shown[column], language)
    if "unplanned" in shown and not shown["unplanned"].any():
        shown = shown.drop(columns="unplanned")
    return shown.rename(columns={c: heading(c, language) for c in shown.columns})


# -- HTML ------------------------------------------------------------------------------

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 2em auto; max-width: 52em; color: #222; line-height: 1.6; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccd;
     margin-top: 2em; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #ccd; padding: 0.2em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #ddebf7; }
.chart { display: block; margin: 0.8em 0; font-size: 12px; }
.chart .chart-title { font-weight: bold; font-size: 13px; }
@media print { h2 { break-after: avoid; } .chart, table { break-inside: avoid; } }
"""


def report_html(review: Review, language: str) -> str:
    """The whole page: self-contained, no scripts, fonts, images or links."""
    name = page_title(review, language)
    body = [f"<h1>{escape(name)}</h1>"]
    for section in sections(review, language):
        body.append(f'<section id="{section.key}"><h2>'
                    f"{escape(section_title(section.key, language))}</h2>")
        if section.text:
            body.append(f"<p>{escape(section.text)}</p>")
        body.append(section.chart)
        body.append(_html_table(section.table, rate_headings(language)))
        body.append("</section>")
    return (f'<!DOCTYPE html>\n<html lang="{html_lang(language)}">'
            f'<head><meta charset="utf-8">{HTML_GENERATOR}<title>{escape(name)}</title>'
            f"<style>{_STYLE}</style></head><body>{''.join(body)}</body></html>\n")


def _html_table(frame: pd.DataFrame, rates: set[str]) -> str:
    """``frame`` as a table; the numbers of the columns headed as in ``rates`` as
    percentages."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    percent = [str(c) in rates for c in frame.columns]
    rows = "".join("<tr>" + "".join(f"<td>{escape(_cell(v, p))}</td>"
                                    for v, p in zip(values, percent, strict=True)) + "</tr>"
                   for values in frame.itertuples(index=False, name=None))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def styled_table(frame: pd.DataFrame, language: str) -> Styler:
    """A section's table as a notebook shows it, its numbers as the page shows them
    (182.5, not 182.500; a rate as 7.5%)."""
    rates = rate_headings(language)
    return frame.style.hide(axis="index").format(
        {c: functools.partial(_cell, percent=str(c) in rates) for c in frame.columns})


def _cell(value: object, percent: bool = False) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool) and percent:
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# -- saving ----------------------------------------------------------------------------

def save_review(review: Review, path: str | os.PathLike[str], *,
                language: str | None = None, force: bool = False) -> Path:
    """Write the report to ``path`` (``.html`` or ``.xlsx``), atomically, in
    ``language`` (the workbook's by default). A file at ``path`` is replaced only if the
    toolkit exported it or ``force`` is set.

    Raises
    ------
    ValueError
        When ``path`` ends neither in ``.html`` nor in ``.xlsx``, or for a language the
        catalogue does not have.
    matching.export.PersonalDataError
        When a field would show a volunteer's phone number or notes; nothing is written.
    matching.io.outputs.OutputFileError
        When another file is at ``path`` and ``force`` is not set; nothing is written.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"a report is written as {' or '.join(SUFFIXES)}, not {suffix!r}")
    check_not_input(target, review.actuals.source)  # an unchanged template is ours too
    check_file(target, force=force, option=FORCE_ARGUMENT)
    language = checked_language(language or review.problem.settings.language)
    if suffix == ".html":
        html = report_html(review, language)
        reasons = _quoted_reasons(review, target.name)
        check_fields(review.problem, [*reasons, *html_fields(html, target.name)], reasons)

        def write_html(name: str) -> None:
            Path(name).write_text(html, encoding="utf-8")

        atomic_save(target, write_html)
        return target
    parts = checked_sections(review, language, target.name)
    save_exported(_workbook(review, parts, language), target)
    return target


def checked_sections(review: Review, language: str, where: str) -> list[Section]:
    """The report's :func:`sections` in ``language``, refused whole when a sentence, a
    table cell, a chart's text or a quoted note would show a volunteer's phone number or
    notes: what a notebook shows (before it shows anything) and a workbook holds.
    ``where`` names what shows them in the refusal (a file, the notebook).

    Raises
    ------
    matching.export.PersonalDataError
        Naming each field; nothing is shown.
    """
    parts = sections(review, language)
    reasons = _quoted_reasons(review, where)
    check_fields(review.problem, [
        *reasons, *table_fields({section.key: section.table for section in parts}),
        *((section.key, section.text) for section in parts),
        *(field for section in parts for field in html_fields(section.chart, section.key))],
        reasons)
    return parts


def _quoted_reasons(review: Review, where: str) -> list[Field]:
    """Each reason quoted from the record of what happened, as a field of its own:
    inside a sentence, the count after it could run into a phone number's digits and
    hide it; and a note is typed text, which shows no phone number at all, whoever's (a
    contact's, a parent's)."""
    return [(message(f"privacy.quoted_{o.status}", file=where, id=o.activity.activity_id),
             o.reason)
            for o in review.outcomes if o.status in ("moved", "cancelled") and o.reason]


def _workbook(review: Review, parts: list[Section], language: str) -> openpyxl.Workbook:
    """A summary sheet (each section's sentence) and one sheet per section's table."""
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = section_title("summary", language)
    summary.append([section_title("section", language), section_title("text", language)])
    for section in parts:
        if section.text:
            summary.append([section_title(section.key, language), section.text])
    summary.column_dimensions["A"].width = 22
    summary.column_dimensions["B"].width = 100
    for (_, cell) in summary.iter_rows(min_row=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    style_header(summary)
    for section in parts:
        sheet = book.create_sheet(section_title(section.key, language)[:31])
        sheet.append([str(c) for c in section.table.columns])
        for values in section.table.itertuples(index=False, name=None):
            sheet.append([v.item() if hasattr(v, "item") else v for v in values])
        style_header(sheet)
        show_rates(sheet, language)
        for position, column in enumerate(section.table.columns, start=1):
            sheet.column_dimensions[get_column_letter(position)].width = max(
                10, min(40, 2 * len(str(column)) + 2))
    book.properties.title = page_title(review, language)
    return book

