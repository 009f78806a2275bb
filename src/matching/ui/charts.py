"""Plotly figures of a plan: timelines by room, volunteer and theme, a week calendar and
the volunteers' load.

Each builder takes the problem, the plan and a translator and returns a plain
:class:`plotly.graph_objects.Figure`, so that tests can inspect the bars (``customdata``
holds the activity ids) without a browser and the same figures can go into reports.
:class:`FigureView` shows a figure inside the app by setting an ``Output`` widget's
``outputs`` value (the plotly mime bundle), which is safe from the solver's thread;
``FigureWidget`` would need ``anywidget``, which the notebook extra does not install.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

from ..analysis import volunteer_hours
from ..plan import Plan
from ..plan_view import resolved_end
from ..problem import Problem

Translate = Callable[..., str]
Lane = Literal["room", "volunteer", "theme"]
_PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#EECA3B", "#B279A2",
            "#FF9DA6", "#9D755D", "#BAB0AC")


@dataclass(frozen=True)
class _Bar:
    activity_id: str
    title: str
    start: datetime
    end: datetime
    room: str
    theme: str
    staff: tuple[str, ...]


def _bars(problem: Problem, plan: Plan, tr: Translate) -> list[_Bar]:
    out = []
    for placed in plan.scheduled:
        activity = problem.activity_by_id.get(placed.activity_id)
        if activity is None or placed.start is None:
            continue
        end = resolved_end(problem, placed, activity)
        room = problem.room_by_id.get(placed.room_id or "")
        theme = problem.theme_by_id.get(activity.theme_id or "")
        staff = tuple(dict.fromkeys(
            problem.volunteer_by_id[s.volunteer_id].name
            for s in plan.staff_of.get(activity.activity_id, ())
            if s.volunteer_id in problem.volunteer_by_id))
        out.append(_Bar(activity.activity_id, activity.title, placed.start, end,
                        room.name if room else (placed.room_id or ""),
                        theme.name if theme else tr("chart.kind", kind=tr(
                            f"kind.{activity.kind}")), staff))
    return out


def _colour(index: int) -> str:
    return _PALETTE[index % len(_PALETTE)]


def _hover(tr: Translate) -> str:
    return ("<b>%{customdata[1]}</b> (%{customdata[0]})<br>%{customdata[2]}<br>"
            + tr("col.room_id") + ": %{customdata[3]}<br>"
            + tr("col.staff") + ": %{customdata[4]}<extra></extra>")


def _custom(bar: _Bar) -> list[str]:
    return [bar.activity_id, bar.title, f"{bar.start:%Y-%m-%d %H:%M}–{bar.end:%H:%M}",
            bar.room, ", ".join(bar.staff)]


def timeline(problem: Problem, plan: Plan, by: Lane, tr: Translate) -> go.Figure:
    """A Gantt chart: one lane per room, volunteer or theme, one bar per activity.

    Bars are coloured by theme (by room in the theme view); each trace's ``customdata``
    rows start with the activity id, so a test or a click handler can tell bars apart.
    """
    bars = _bars(problem, plan, tr)
    entries: list[tuple[str, str, _Bar]] = []  # (lane, colour group, bar)
    if by == "room":
        entries = [(b.room, b.theme, b) for b in bars]
        order = [r.name for r in problem.rooms]
    elif by == "volunteer":
        entries = [(name, b.theme, b) for b in bars for name in b.staff]
        order = [v.name for v in problem.volunteers]
    else:
        entries = [(b.theme, b.room, b) for b in bars]
        order = [t.name for t in problem.themes]
    used = {lane for lane, _, _ in entries}
    lanes = [x for x in order if x in used] + sorted(used - set(order))
    groups = list(dict.fromkeys(g for _, g, _ in sorted(entries, key=lambda e: e[2].start)))
    fig = go.Figure()
    for index, group in enumerate(groups):
        mine = [(lane, b) for lane, g, b in entries if g == group]
        fig.add_trace(go.Bar(
            orientation="h", name=group, y=[lane for lane, _ in mine],
            base=[b.start.isoformat() for _, b in mine],
            x=[(b.end - b.start).total_seconds() * 1000 for _, b in mine],
            text=[b.title for _, b in mine], textposition="inside",
            insidetextanchor="start", marker_color=_colour(index),
            customdata=[_custom(b) for _, b in mine], hovertemplate=_hover(tr)))
    fig.update_layout(
        title=tr(f"chart.timeline_{by}"), barmode="overlay", bargap=0.2,
        height=max(360, 34 * len(lanes) + 190), margin=dict(l=10, r=10, t=70, b=30),
        uniformtext=dict(minsize=8, mode="hide"),
        legend=dict(orientation="h", x=1, xanchor="right", y=1.0, yanchor="bottom"),
        xaxis=dict(type="date"),
        yaxis=dict(categoryorder="array", categoryarray=lanes[::-1], automargin=True))
    if not bars:
        fig.add_annotation(text=tr("chart.empty"), showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper")
        return fig
    if max(b.end for b in bars) - min(b.start for b in bars) > timedelta(days=10):
        _zoom_to_busiest_week(fig, problem, plan, tr)
    return fig


def _zoom_to_busiest_week(fig: go.Figure, problem: Problem, plan: Plan, tr: Translate
                          ) -> None:
    """A quarter of bars is unreadable at once: open on the busiest week, with a range
    slider and buttons to see one week, two weeks or everything. (Hiding the nights
    with ``rangebreaks`` would widen the bars, but plotly then drops bars drawn with
    ``base``.)"""
    start = datetime.combine(busiest_week(problem, plan), datetime.min.time())
    fig.update_xaxes(
        range=[start.isoformat(), (start + timedelta(days=7)).isoformat()],
        rangeslider=dict(visible=True, thickness=0.05),
        rangeselector=dict(buttons=[
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


def week_calendar(problem: Problem, plan: Plan, monday: date, tr: Translate) -> go.Figure:
    """One week as a calendar: days across, time of day down, one colour per room."""
    days = [monday + timedelta(days=i) for i in range(7)]
    labels = [f"{tr(f'day.{d.weekday()}')} {d:%m-%d}" for d in days]
    bars = [b for b in _bars(problem, plan, tr) if monday <= b.start.date() < days[-1]
            + timedelta(days=1)]
    rooms = list(dict.fromkeys(b.room for b in sorted(bars, key=lambda b: b.room)))
    fig = go.Figure()
    for index, room in enumerate(rooms):
        mine = [b for b in bars if b.room == room]
        fig.add_trace(go.Bar(
            name=room, x=[labels[(b.start.date() - monday).days] for b in mine],
            base=[b.start.hour + b.start.minute / 60 for b in mine],
            y=[(b.end - b.start).total_seconds() / 3600 for b in mine],
            text=[b.title for b in mine], textposition="inside", marker_color=_colour(index),
            customdata=[_custom(b) for b in mine], hovertemplate=_hover(tr)))
    hours = [b.start.hour for b in bars] + [b.end.hour + 1 for b in bars]
    low, high = (min(hours), max(hours)) if hours else (8, 18)
    fig.update_layout(
        title=tr("chart.week", week=f"{monday:%Y-%m-%d}"), barmode="group", height=560,
        margin=dict(l=10, r=10, t=50, b=40), uniformtext=dict(minsize=8, mode="hide"),
        xaxis=dict(type="category", categoryorder="array", categoryarray=labels),
        yaxis=dict(range=[high, low], title=tr("chart.hour"), dtick=1))
    return fig


def volunteer_load(problem: Problem, plan: Plan, tr: Translate) -> go.Figure:
    """Hours each volunteer gives in the plan, heaviest first, coloured by team."""
    load = volunteer_hours(problem, plan).sort_values(["hours", "volunteer_id"],
                                                      ascending=[False, True])
    order = list(load["name"])
    fig = go.Figure()
    for index, (team, part) in enumerate(load.groupby("team", sort=True)):
        fig.add_trace(go.Bar(
            orientation="h", name=str(team) or "—", y=list(part["name"]),
            x=list(part["hours"]), marker_color=_colour(index),
            customdata=list(zip(part["volunteer_id"], part["activities"], strict=True)),
            hovertemplate="%{y} (%{customdata[0]}): %{x} h, %{customdata[1]} "
                          + tr("chart.activities") + "<extra></extra>"))
    fig.update_layout(
        title=tr("chart.load"), barmode="stack", height=max(320, 18 * len(order) + 140),
        margin=dict(l=10, r=10, t=50, b=40), legend=dict(orientation="h", y=-0.08),
        xaxis=dict(title=tr("chart.hours")),
        yaxis=dict(categoryorder="array", categoryarray=order[::-1], automargin=True))
    return fig


class FigureView:
    """A figure in an ``Output`` widget, updated by setting its ``outputs`` value.

    ``figure`` keeps the last figure shown, for tests and exports.
    """

    def __init__(self) -> None:
        self.figure: go.Figure | None = None
        self.widget = widgets.Output(layout=widgets.Layout(width="100%", max_height="720px",
                                                           overflow="auto"))

    def show(self, figure: go.Figure | None) -> None:
        self.figure = figure
        if figure is None:
            self.widget.outputs = ()
            return
        spec = json.loads(pio.to_json(figure, validate=False))
        spec["config"] = {"displaylogo": False, "responsive": True}
        self.widget.outputs = ({
            "output_type": "display_data",
            "data": {"application/vnd.plotly.v1+json": spec,
                     "text/plain": figure.layout.title.text or ""},
            "metadata": {},
        },)
