"""One week as a wall calendar: days across, time of day down, one colour per room.

Activities that overlap on a day share its column side by side, as in a desk calendar;
an activity alone at its time takes the whole day's width. (Plotly's grouped bars gave
every room its own thin sub-column on every day, too narrow for any label.) Each bar
carries its activity's title, wrapped and cut to the room it has; hover shows it all.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import plotly.graph_objects as go

from ..plan import Plan
from ..problem import Problem
from .common import (
    TITLE,
    Bar,
    Translate,
    bar_text,
    bars,
    colours,
    custom,
    fit,
    hover,
    layout,
    translator,
)

#: Share of a day's column that bars may fill (the rest separates the days).
DAY_WIDTH = 0.92
#: Pixels of plot per hour of the day, and the plot's bounds.
HOUR_PX, MIN_PLOT, MAX_PLOT = 44, 360, 560
#: Columns of text across a whole day's column at the app's usual width (~120 px).
DAY_COLUMNS = 16


def columns(day: list[Bar]) -> dict[str, tuple[int, int]]:
    """``activity_id -> (column, columns)`` for one day's bars: each cluster of
    overlapping bars is split into as many columns as it needs at once, each bar in the
    first free one (interval partitioning, in start order)."""
    out: dict[str, tuple[int, int]] = {}
    cluster: list[tuple[Bar, int]] = []
    ends: list = []  # end time of the last bar in each column of the open cluster
    cluster_end = None

    def close() -> None:
        for member, column in cluster:
            out[member.activity_id] = (column, len(ends))

    for bar in sorted(day, key=lambda b: (b.start, b.end, b.activity_id)):
        if cluster_end is not None and bar.start >= cluster_end:
            close()
            cluster, ends, cluster_end = [], [], None
        free = next((k for k, end in enumerate(ends) if end <= bar.start), None)
        if free is None:
            ends.append(bar.end)
            free = len(ends) - 1
        else:
            ends[free] = bar.end
        cluster.append((bar, free))
        cluster_end = bar.end if cluster_end is None else max(cluster_end, bar.end)
    close()
    return out


def _clock(bar: Bar) -> float:
    """The bar's start as hours after midnight."""
    return bar.start.hour + bar.start.minute / 60


def _on_its_day(bar: Bar) -> float:
    """The bar's hours on the day it starts: an activity past midnight (a night in the
    shelter) is drawn to the end of its first day; its hover gives the real end."""
    return min((bar.end - bar.start).total_seconds() / 3600, 24 - _clock(bar))


def week_calendar(problem: Problem, plan: Plan, monday: date,
                  language: str | Translate = "zh") -> go.Figure:
    """One week as a calendar: days across, time of day down, one colour per room, the
    activity's title inside each bar (wrapped, cut with "…", hidden rather than spilled
    when the bar is too small) and everything about it on hover."""
    tr = translator(language)
    days = [monday + timedelta(days=i) for i in range(7)]
    labels = [f"{tr(f'day.{d.weekday()}')} {d:%m-%d}" for d in days]
    week = [b for b in bars(problem, plan, tr) if monday <= b.start.date() <= days[-1]]
    place: dict[str, tuple[int, int]] = {}
    for day in days:
        place.update(columns([b for b in week if b.start.date() == day]))
    rooms = list(dict.fromkeys(b.room for b in sorted(week, key=lambda b: b.room)))
    painted = colours([r.name for r in problem.rooms], rooms)
    fig = go.Figure()
    for room in rooms:
        mine = [b for b in week if b.room == room]
        share = [DAY_WIDTH / place[b.activity_id][1] for b in mine]
        fig.add_trace(go.Bar(
            name=room, x=[labels[(b.start.date() - monday).days] for b in mine],
            base=[_clock(b) for b in mine], y=[_on_its_day(b) for b in mine],
            width=share,
            offset=[-DAY_WIDTH / 2 + place[b.activity_id][0] * w
                    for b, w in zip(mine, share, strict=True)],
            text=[fit(b.title, int(DAY_COLUMNS * w / DAY_WIDTH),
                      lines=max(1, int(_on_its_day(b) * 2)))
                  for b, w in zip(mine, share, strict=True)],
            **bar_text(), textangle=0, marker_color=painted[room],
            marker_line=dict(color="white", width=1),
            customdata=[custom(b) for b in mine], hovertemplate=hover(tr)))
    low = min((int(_clock(b)) for b in week), default=8)
    high = max((math.ceil(_clock(b) + _on_its_day(b)) for b in week), default=18)
    layout(fig, tr("chart.week", week=f"{monday:%Y-%m-%d}"),
           plot_height=min(MAX_PLOT, max(MIN_PLOT, HOUR_PX * (high - low))), legend=rooms,
           below=16, top=TITLE + 24)  # the days' names on top
    fig.update_layout(
        barmode="overlay",
        xaxis=dict(type="category", categoryorder="array", categoryarray=labels,
                   range=[-0.5, 6.5], side="top"),
        yaxis=dict(range=[high, low], title=tr("chart.hour"), dtick=1))
    if not week:
        fig.add_annotation(text=tr("chart.empty"), showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper")
    return fig
