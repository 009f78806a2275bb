"""The plan as a Gantt chart: one lane per room, volunteer or theme.

A quarter has some seventy volunteers; one lane each made a figure 2,600 px tall that
the app showed in a clipped pane, its time axis out of sight. The figure is paginated
instead of scrolled: at most :data:`LANES_PER_PAGE` lanes are in view, a chooser at the
top right moves to another page, and the figure takes the height of the page. Volunteers
are ordered by team and a page holds whole teams (named in the chooser), so a
coordinator pages by team. Paging was chosen over a scrolling box because a plotly
figure cannot keep its own axis fixed while its lanes scroll, and because the chooser
is part of the figure: it works the same in the app, a notebook and an exported page.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

import plotly.graph_objects as go

from ..plan import Plan
from ..problem import Problem
from .common import (
    AXIS,
    Bar,
    Translate,
    bar_text,
    bars,
    colours,
    custom,
    fit,
    hover,
    lane_axis,
    layout,
    pages,
    translator,
)

Lane = Literal["room", "volunteer", "theme"]
#: Lanes on one page: 15 lanes of :data:`LANE_PX` keep the figure under ~700 px, inside
#: a laptop's window with the app around it.
LANES_PER_PAGE = 15
LANE_PX = 28
#: Pixels under the plot when the range slider is shown (axis, slider, its padding).
SLIDER_BELOW = AXIS + 24
#: Date ticks without month names (which plotly.js would write in English): the day, and
#: its hours too once a zoom puts ticks under a day apart (else "07-28 07-28 07-28").
_DAY_MS = 86_400_000
TICKS = (dict(dtickrange=[None, _DAY_MS - 1], value="%m-%d %H:%M"),
         dict(dtickrange=[_DAY_MS, None], value="%m-%d"))


def _lanes(problem: Problem, entries: list[tuple[str, str, Bar]], by: Lane
           ) -> tuple[list[str], list[str]]:
    """The used lanes in the workbook's order (volunteers grouped by team, teams in
    order of first appearance) and each lane's group (its team, or "")."""
    used = {lane for lane, _, _ in entries}
    if by == "volunteer":
        teams = list(dict.fromkeys(v.team for v in problem.volunteers))
        people = sorted(problem.volunteers, key=lambda v: teams.index(v.team))
        known = [(v.name, v.team or "—") for v in people if v.name in used]
    else:
        names = ([r.name for r in problem.rooms] if by == "room"
                 else [t.name for t in problem.themes])
        known = [(name, "") for name in names if name in used]
    seen = {lane for lane, _ in known}
    known += [(lane, "—" if by == "volunteer" else "") for lane in sorted(used - seen)]
    return [lane for lane, _ in known], [group for _, group in known]


def timeline(problem: Problem, plan: Plan, by: Lane, language: str | Translate = "zh", *,
             lanes_per_page: int = LANES_PER_PAGE) -> go.Figure:
    """A Gantt chart: one lane per room, volunteer or theme, one bar per activity (per
    seat in the volunteer view), a page of lanes at a time.

    Bars are coloured by theme (by room in the theme view); each trace's ``customdata``
    rows start with the activity id, so a test or a click handler can tell bars apart.
    ``language`` is ``"zh"``/``"en"`` or a translate function (``tr(key, **values)``).
    """
    tr = translator(language)
    placed = bars(problem, plan, tr)
    entries: list[tuple[str, str, Bar]]  # (lane, colour group, bar)
    if by == "room":
        entries = [(b.room, b.theme, b) for b in placed]
    elif by == "volunteer":
        entries = [(name, b.theme, b) for b in placed for name in b.staff]
    else:
        entries = [(b.theme, b.room, b) for b in placed]
    lanes, groups = _lanes(problem, entries, by)
    legend = list(dict.fromkeys(g for _, g, _ in entries))
    painted = colours([t.name for t in problem.themes] if by != "theme"
                      else [r.name for r in problem.rooms], legend)
    fig = go.Figure()
    for group in legend:
        mine = [(lane, b) for lane, g, b in entries if g == group]
        fig.add_trace(go.Bar(
            orientation="h", name=group, y=[lane for lane, _ in mine],
            base=[b.start.isoformat() for _, b in mine],
            x=[(b.end - b.start).total_seconds() * 1000 for _, b in mine],
            text=[fit(b.title, 16) for _, b in mine], **bar_text(),
            marker_color=painted[group],
            customdata=[custom(b) for _, b in mine],
            hovertemplate=hover(tr)))
    long = bool(placed) and (max(b.end for b in placed) - min(b.start for b in placed)
                             > timedelta(days=10))
    book = pages(lanes, groups, lanes_per_page)
    chrome = layout(fig, tr(f"chart.timeline_{by}"), plot_height=0, legend=legend,
                    below=SLIDER_BELOW if long else AXIS, labels=lanes)
    fig.update_layout(barmode="overlay", bargap=0.25, xaxis=dict(
        type="date", tickformatstops=TICKS))
    lane_axis(fig, lanes, book, lane_px=LANE_PX, chrome=chrome)
    if not placed:
        fig.add_annotation(text=tr("chart.empty"), showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper")
    elif long:
        _zoom_to_busiest_week(fig, problem, plan, tr)
    return fig


def _zoom_to_busiest_week(fig: go.Figure, problem: Problem, plan: Plan, tr: Translate
                          ) -> None:
    """A quarter of bars is unreadable at once: open on the busiest week, with a range
    slider and buttons (top left, under the title) to see one week, two weeks or
    everything. (Hiding the nights with ``rangebreaks`` would widen the bars, but plotly
    then drops bars drawn with ``base``.)"""
    start = datetime.combine(busiest_week(problem, plan), datetime.min.time())
    fig.update_xaxes(
        range=[start.isoformat(), (start + timedelta(days=7)).isoformat()],
        rangeslider=dict(visible=True, thickness=0.06),
        rangeselector=dict(x=0, xanchor="left", y=1, yanchor="bottom", buttons=[
            dict(count=7, step="day", stepmode="backward", label=tr("chart.one_week")),
            dict(count=14, step="day", stepmode="backward", label=tr("chart.two_weeks")),
            dict(step="all", label=tr("chart.all"))]))


def weeks(problem: Problem) -> list[date]:
    """Mondays of the weeks the horizon touches, for the week calendar's chooser."""
    first = problem.settings.horizon_start
    monday = first - timedelta(days=first.weekday())
    out = []
    while monday <= problem.settings.horizon_end:
        out.append(monday)
        monday += timedelta(days=7)
    return out


def busiest_week(problem: Problem, plan: Plan) -> date:
    """The Monday of the week with the most scheduled activities (the first if none)."""
    counts: dict[date, int] = {}
    for placed in plan.scheduled:
        if placed.start is not None:
            monday = placed.start.date() - timedelta(days=placed.start.weekday())
            counts[monday] = counts.get(monday, 0) + 1
    if not counts:
        return weeks(problem)[0]
    return max(sorted(counts), key=lambda m: counts[m])
