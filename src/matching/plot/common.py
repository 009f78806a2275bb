"""What every figure shares: the language, the bars of a plan, hover text, labels that
fit their bars, a legend clear of the controls and pages of lanes.

Geometry the figures agree on, so that nothing overlaps at any width:

- the title sits at the top left, alone on its line (``TOP`` pixels of margin);
- controls (range buttons, the page chooser) sit on the row between the title and the
  plot;
- the legend sits *under* the plot (and under a range slider), in container coordinates,
  with the bottom margin sized for it; it never shares a row with the title or the
  buttons, however many entries it wraps into.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import plotly.graph_objects as go

from ..i18n import checked_language, text
from ..plan import Plan
from ..plan_view import PlanView
from ..problem import Problem

Translate = Callable[..., str]
PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#EECA3B", "#B279A2",
           "#FF9DA6", "#9D755D", "#BAB0AC", "#2F4B7C", "#A05195", "#7A9E3B", "#D45087")
#: Pixels above the plot: the title's line, then the row of controls (or the title's
#: line only, :data:`TITLE`).
TOP, TITLE = 96, 56
#: Pixels under the plot for the x axis' tick labels (and its title).
AXIS = 48
#: Pixels per row of a horizontal legend under the plot.
LEGEND_ROW = 24
#: The smallest font a bar label may shrink to before it is hidden instead of spilling.
MIN_TEXT = 9


def translator(language: str | Translate) -> Translate:
    """``tr(key, **values)`` in ``language`` from the one catalogue (``zh`` or ``en``);
    a translate function (such as the app's ``Translator``) is used as it is."""
    if not isinstance(language, str):
        return language
    checked_language(language)

    def tr(key: str, /, **values: object) -> str:
        return text(key, language, **values)

    return tr


def colour(index: int) -> str:
    """The ``index``-th colour: the palette, then rounds of it darker, lighter, darker
    still...: a workbook may have more themes or rooms than the palette has colours, and
    two places must never share a colour. (Distinct for the first 140 places; past them
    the shades near black and white and may meet.)"""
    base, shade = PALETTE[index % len(PALETTE)], index // len(PALETTE)
    if not shade:
        return base
    amount = 1 - 0.7 ** ((shade + 1) // 2)  # .3, .3, .51, .51, ... of the way
    toward = 0 if shade % 2 else 255  # to black, then to white
    channels = (int(base[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (toward - c) * amount):02X}" for c in channels)


def colours(names: Sequence[str], groups: Sequence[str]) -> dict[str, str]:
    """A colour for each group of one figure (a legend entry), never the same for two.

    A group among ``names`` (the workbook's themes, or its rooms, in order) takes the
    colour of its place there, so that it keeps it from one chart to the next; any other
    group (activities without a theme, by kind) takes a place past them, in name order.
    (Places were once shared by themes and rooms and others placed by a hash of their
    name, which wrapped round the palette onto a theme's colour.)"""
    place = {name: n for n, name in enumerate(dict.fromkeys(names))}
    others = sorted(set(groups) - place.keys())
    place |= {group: len(place) + n for n, group in enumerate(others)}
    return {group: colour(place[group]) for group in groups}


@dataclass(frozen=True)
class Bar:
    """A scheduled activity as the figures draw it: names, not ids, besides its own id."""

    activity_id: str
    title: str
    start: datetime
    end: datetime
    room: str
    theme: str
    staff: tuple[str, ...]


def bars(problem: Problem, plan: Plan, tr: Translate) -> list[Bar]:
    """The plan's scheduled activities in start order, resolved once by the plan view
    (a row without an end lasts the planned duration; only valid seats count)."""
    view = PlanView(problem, plan)
    names: dict[str, list[str]] = {}
    for seat in view.seats:
        name = problem.volunteer_by_id[seat.volunteer_id].name
        people = names.setdefault(seat.activity_id, [])
        if name not in people:
            people.append(name)
    out = []
    for activity_id, placed in view.placed.items():
        activity = placed.activity
        theme = problem.theme_by_id.get(activity.theme_id or "")
        room = placed.room.name if placed.room else (placed.assignment.room_id or "")
        out.append(Bar(activity_id, activity.title, placed.start, placed.end, room,
                       theme.name if theme else tr("chart.kind", kind=tr(
                           f"kind.{activity.kind}")), tuple(names.get(activity_id, ()))))
    return sorted(out, key=lambda b: (b.start, b.activity_id))


def hover(tr: Translate) -> str:
    """Everything about a bar, in full, on hover: its label may be cut short or hidden."""
    return ("<b>%{customdata[1]}</b> (%{customdata[0]})<br>%{customdata[2]}<br>"
            + tr("col.room") + ": %{customdata[3]}<br>"
            + tr("col.theme") + ": %{customdata[4]}<br>"
            + tr("col.staff") + ": %{customdata[5]}<extra></extra>")


def custom(bar: Bar) -> list[str]:
    """A bar's ``customdata`` row; the activity id comes first, for tests and clicks."""
    end = f"{bar.end:%H:%M}" if bar.end.date() == bar.start.date() else f"{bar.end:%Y-%m-%d %H:%M}"
    return [bar.activity_id, bar.title, f"{bar.start:%Y-%m-%d %H:%M}–{end}", bar.room,
            bar.theme, ", ".join(bar.staff) or "—"]


def width(label: str) -> int:
    """Columns ``label`` takes: 2 for a Chinese character, 1 for a Latin letter."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)


def fit(label: str, columns: int, lines: int = 1) -> str:
    """``label`` wrapped into at most ``lines`` lines of ``columns`` columns, cut with
    "…" when longer: plotly shrinks a label to fit its bar, and a short label stays
    legible where a long one would shrink below :data:`MIN_TEXT` and be hidden."""
    columns, lines = max(columns, 2), max(lines, 1)
    out: list[str] = []
    line = ""
    for index, char in enumerate(label):
        if width(line + char) > columns:
            if len(out) == lines - 1:
                rest = label[index:]
                if rest:
                    while line and width(line + "…") > columns:
                        line = line[:-1]
                    line += "…"
                break
            out.append(line.rstrip())
            line = char.lstrip()
        else:
            line += char
    out.append(line)
    return "<br>".join(part for part in out if part)


def bar_text() -> dict[str, Any]:
    """Labels inside their bars, from the bar's start; a label that cannot fit at the
    minimum size is hidden (its hover still says everything) rather than spilled."""
    return dict(textposition="inside", insidetextanchor="start", constraintext="inside",
                textfont=dict(color="white"))


def legend_rows(names: Sequence[str], plot_width: int = 900) -> int:
    """Rows a horizontal legend of ``names`` wraps into at ``plot_width`` pixels (about
    7 px a column plus the swatch); used to size the bottom margin."""
    rows, used = 1, 0
    for name in names:
        item = 7 * width(name) + 50
        if used and used + item > plot_width:
            rows, used = rows + 1, 0
        used += item
    return rows


def layout(fig: go.Figure, title: str, *, plot_height: int, legend: Sequence[str],
           below: int = AXIS, labels: Sequence[str] = (), top: int = TOP) -> int:
    """Title at the top left, legend under everything (``below`` pixels of axis, range
    slider and tick labels under the plot first), room on the left for the y axis'
    ``labels``, and the figure's height: the plot's plus what sits around it (``top``:
    less for a figure without controls). Returns the pixels above and under the plot.

    The margins are computed here and plotly may not grow them (``autoexpand`` off):
    left to itself it pushes the bottom margin once for the range slider and again for
    the legend, shrinking the plot to half its height at random.
    """
    rows = legend_rows(legend) if legend else 0
    bottom = below + rows * LEGEND_ROW + (12 if rows else 0)
    left = max((width(label) for label in labels), default=0) * 7 + 16
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", xref="paper", y=1, yref="container",
                   yanchor="top", pad=dict(t=12)),
        height=top + plot_height + bottom,
        margin=dict(l=max(left, 56), r=16, t=top, b=bottom, autoexpand=False),
        showlegend=bool(legend),
        legend=dict(orientation="h", x=0, xanchor="left", xref="paper", y=0,
                    yanchor="bottom", yref="container", traceorder="normal"),
        uniformtext=dict(minsize=MIN_TEXT, mode="hide"),
        hoverlabel=dict(align="left"))
    return top + bottom


@dataclass(frozen=True)
class Page:
    """Consecutive lanes shown together, named after their groups (teams) or ends."""

    label: str
    first: int
    count: int


def pages(lanes: Sequence[str], groups: Sequence[str], size: int) -> list[Page]:
    """Lanes cut into pages of at most ``size``: whole groups packed together while they
    fit (a team stays on one page), a group larger than a page split into numbered
    parts; without groups, pages named after their first and last lane."""
    if len(lanes) <= size:
        return [Page("", 0, len(lanes))]
    runs: list[tuple[str, int, int]] = []  # (group, first, count)
    for index, group in enumerate(groups):
        if runs and runs[-1][0] == group:
            runs[-1] = (group, runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((group, index, 1))
    parts: list[tuple[str, int, int]] = []
    for group, first, count in runs:
        if count <= size:
            parts.append((group, first, count))
            continue
        chunks = -(-count // size)
        for k in range(chunks):
            start = first + k * count // chunks
            end = first + (k + 1) * count // chunks
            parts.append((f"{group} ({k + 1}/{chunks})" if group else "", start, end - start))
    out: list[Page] = []
    names: list[str] = []
    for group, first, count in parts:
        if out and out[-1].count + count <= size:
            out[-1] = Page("", out[-1].first, out[-1].count + count)
            names[-1] += f" · {group}"
        else:
            out.append(Page("", first, count))
            names.append(group)
    return [Page(name if all(g for g in groups) else
                 f"{lanes[p.first]} – {lanes[p.first + p.count - 1]}", p.first, p.count)
            for name, p in zip(names, out, strict=True)]


def lane_axis(fig: go.Figure, lanes: Sequence[str], book: Sequence[Page], *, lane_px: int,
              chrome: int) -> None:
    """Lanes top-down on the y axis, one page of them in view; with several pages, a
    chooser at the top right moves the axis to another page and resizes the figure to
    it (``relayout``), so the figure is never taller than a page and its x axis (and
    legend) stay in sight. A static export keeps the chooser: it is part of the figure,
    not of the app."""
    count = len(lanes)

    def view(page: Page) -> dict[str, Any]:
        top = count - page.first - 0.5
        return {"yaxis.range": [top - page.count, top],
                "height": chrome + lane_px * max(page.count, 3)}

    first = view(book[0]) if count else {"yaxis.range": None, "height": chrome + 3 * lane_px}
    fig.update_layout(height=first["height"])
    fig.update_yaxes(categoryorder="array", categoryarray=list(lanes)[::-1], automargin=False,
                     range=first["yaxis.range"], autorange=first["yaxis.range"] is None)
    if len(book) > 1:
        fig.update_layout(updatemenus=[dict(
            type="dropdown", direction="down", x=1, xanchor="right", y=1, yanchor="bottom",
            pad=dict(b=6), showactive=True, active=0,
            buttons=[dict(label=fit(page.label, 40), method="relayout", args=[view(page)])
                     for page in book])])
