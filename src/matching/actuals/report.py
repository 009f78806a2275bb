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

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from ..export.privacy import check_fields, html_fields, table_fields
from ..io import HTML_GENERATOR, atomic_save
from ..io.outputs import save_exported
from .labels import heading, period, say
from .review import Review
from .review_text import (
    bookings,
    group,
    overview,
    quarter_label,
    quarters,
    section_title,
    themes,
    title,
    volunteers,
)
from .sheets import style_header
from .svg import bars

#: The file types :func:`save_review` writes.
SUFFIXES = (".html", ".xlsx")


@dataclass(frozen=True)
class Section:
    """One part of the report: its heading key, its sentence, its chart (SVG, or "")
    and its table (columns as keys, values as shown)."""

    key: str
    text: str
    chart: str
    table: pd.DataFrame


def sections(review: Review, language: str) -> list[Section]:
    """The report's sections, in order, in ``language``."""
    kinds: dict[str, dict[str, int]] = {
        str(row["kind"]): {str(k): int(v) for k, v in row.items() if k != "kind"}
        for row in review.by_kind().to_dict("records")}

    def total(column: str) -> int:
        return sum(figures[column] for figures in kinds.values())

    out = [Section("overview", overview(
        total("planned"), total("as_planned"), total("moved"), total("cancelled"),
        total("unplanned"), review.reasons("moved"), review.reasons("cancelled"), language),
        "", _shown(review.by_kind(), language, words=("kind",)))]
    out.append(_themes(review, language))
    out.append(_quarters(review, language))
    out.append(_bookings(review, kinds, language))
    camp, red = review.group("camp"), review.group("red_classroom")
    table = pd.DataFrame(
        [[section_title(key, language), g.planned, g.held, g.cancelled, g.participants,
          say("list.comma", language).join(g.partners)]
         for key, g in (("camp", camp), ("red_classroom", red))],
        columns=["group", "planned", "held", "cancelled", "participants", "partners"])
    out.append(Section("highlights", say("yearly.groups", language,
                                         camp=group("camp", camp, language),
                                         red_classroom=group("red_classroom", red, language)),
                       "", _shown(table, language)))
    out.append(_volunteers(review, language))
    return out


def _themes(review: Review, language: str) -> Section:
    frame = review.by_theme()
    frame["theme"] = [t or say("report.no_theme", language) for t in frame["theme"]]
    per_quarter = [(q, int(frame[q].sum())) for q in review.quarters]
    top = _top(frame, "theme", "participants")
    text = themes(int(frame["planned"].sum()), int(frame["held"].sum()),
                  int(frame["participants"].sum()), per_quarter,
                  None if top is None else (top[0], int(top[1])), language)
    chart = bars(section_title("chart_themes", language), list(frame["theme"]),
                 [(heading("participants", language), list(frame["participants"]))])
    frame = frame.rename(columns={q: quarter_label(q, language) for q in review.quarters})
    return Section("themes", text, chart, _shown(frame, language))


def _quarters(review: Review, language: str) -> Section:
    frame = review.by_quarter()
    labels = [quarter_label(q, language) for q in frame["quarter"]]
    chart = bars(section_title("chart_quarters", language), labels,
                 [(heading("planned", language), list(frame["planned"])),
                  (heading("held", language), list(frame["held"]))])
    text = quarters([(q, int(p), int(h), int(n), float(hours)) for q, p, h, n, hours in zip(
        frame["quarter"], frame["planned"], frame["held"], frame["participants"],
        frame["hours"], strict=True)], language)
    frame["quarter"] = labels
    frame = frame.rename(columns={"hours": "volunteer_hours"})
    return Section("quarters", text, chart, _shown(frame, language))


def _bookings(review: Review, kinds: dict[str, dict[str, int]], language: str) -> Section:
    def figure(kind: str, column: str) -> int:
        return kinds.get(kind, {}).get(column, 0)

    text = bookings(figure("booking", "planned"), figure("booking", "held"),
                    figure("booking", "cancelled"), figure("booking", "participants"),
                    figure("meeting", "held"), language)
    frame = review.by_quarter()[["quarter", "bookings_held", "booking_participants"]].copy()
    frame["quarter"] = [quarter_label(q, language) for q in frame["quarter"]]
    return Section("bookings", text, "", _shown(frame, language))


def _volunteers(review: Review, language: str) -> Section:
    teams = review.teams()
    teams["team"] = [t or heading("no_team", language) for t in teams["team"]]
    people = {s.volunteer_id for s in review.ledger.services if s.worked and s.hours > 0}
    expected = sum(1 for s in review.ledger.services if s.expected)
    no_shows = int(teams["no_shows"].sum())
    top = _top(teams, "team", "hours")
    text = volunteers(len(people), round(float(teams["hours"].sum()), 2),
                      int((teams["volunteers"] > 0).sum()), no_shows,
                      no_shows / expected if expected else None, top, language)
    teams = teams.rename(columns={"hours": "volunteer_hours"})
    chart = bars(section_title("chart_teams", language), list(teams["team"]),
                 [(heading("volunteer_hours", language),
                   [float(h) for h in teams["volunteer_hours"]])])
    return Section("volunteers", text, chart, _shown(teams, language))


def _top(frame: pd.DataFrame, name: str, figure: str) -> tuple[str, float] | None:
    """The row with the largest ``figure`` (the first of equals) as ``(name, figure)``;
    None when every figure is 0."""
    pairs = [(str(n), float(v)) for n, v in zip(frame[name], frame[figure], strict=True)]
    best = max(pairs, key=lambda pair: pair[1], default=None)
    return best if best is not None and best[1] > 0 else None


def _shown(frame: pd.DataFrame, language: str, words: tuple[str, ...] = ()) -> pd.DataFrame:
    """``frame`` with the values of ``words`` columns (words of the catalogue family of
    the column's name: ``kind.booking``) and the headings in ``language``."""
    shown = frame.copy()
    for column in words:
        shown[column] = [say(f"{column}.{v}", language) for v in shown[column]]
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
    s = review.problem.settings
    name = title(s.name, period(s.horizon_start, s.horizon_end, language), language)
    body = [f"<h1>{escape(name)}</h1>"]
    for section in sections(review, language):
        body.append(f'<section id="{section.key}"><h2>'
                    f"{escape(section_title(section.key, language))}</h2>")
        if section.text:
            body.append(f"<p>{escape(section.text)}</p>")
        body.append(section.chart)
        body.append(_html_table(section.table))
        body.append("</section>")
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if language == "zh" else "en"}">'
            f'<head><meta charset="utf-8">{HTML_GENERATOR}<title>{escape(name)}</title>'
            f"<style>{_STYLE}</style></head><body>{''.join(body)}</body></html>\n")


def _html_table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(_cell(v))}</td>" for v in values) + "</tr>"
                   for values in frame.itertuples(index=False, name=None))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# -- saving ----------------------------------------------------------------------------

def save_review(review: Review, path: str | os.PathLike[str], *,
                language: str | None = None) -> Path:
    """Write the report to ``path`` (``.html`` or ``.xlsx``), atomically, in
    ``language`` (the workbook's by default).

    Raises
    ------
    ValueError
        When ``path`` ends neither in ``.html`` nor in ``.xlsx``.
    matching.export.PersonalDataError
        When a field would show a volunteer's phone number or notes; nothing is written.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"a report is written as {' or '.join(SUFFIXES)}, not {suffix!r}")
    language = language or review.problem.settings.language
    parts = sections(review, language)
    tables = {section.key: section.table for section in parts}
    # each quoted note alone too: inside a sentence, the count after it could run into
    # a phone number's digits and hide it
    reasons = [(f"{target.name}: a reason for {status} activities", reason)
               for status in ("moved", "cancelled") for reason, _ in review.reasons(status)]
    if suffix == ".html":
        html = report_html(review, language)
        check_fields(review.problem, [*reasons, *html_fields(html, target.name)])

        def write_html(name: str) -> None:
            Path(name).write_text(html, encoding="utf-8")

        atomic_save(target, write_html)
        return target
    check_fields(review.problem, [*reasons, *table_fields(tables),
                                  *((section.key, section.text) for section in parts)])
    save_exported(_workbook(review, parts, language), target)
    return target


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
        for position, column in enumerate(section.table.columns, start=1):
            sheet.column_dimensions[get_column_letter(position)].width = max(
                10, min(40, 2 * len(str(column)) + 2))
    book.properties.title = review.problem.settings.name
    return book

