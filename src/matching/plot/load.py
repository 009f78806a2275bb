"""Volunteers' hours: the load a plan gives each, and how a re-plan changes it.

The load chart ranks every volunteer of the roster, heaviest first; like the timeline it
shows a page of lanes at a time (chooser at the top right) so that its hours axis and
legend stay in sight, and the first page is the people a coordinator checks first.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..analysis import volunteer_hours
from ..plan import Plan
from ..problem import Problem
from .common import TITLE, Translate, colour, lane_axis, layout, pages, translator

LOAD_PER_PAGE, LOAD_PX = 30, 20


def volunteer_load(problem: Problem, plan: Plan, language: str | Translate = "zh", *,
                   lanes_per_page: int = LOAD_PER_PAGE) -> go.Figure:
    """Hours each volunteer gives in the plan, heaviest first, coloured by team."""
    tr = translator(language)
    load = volunteer_hours(problem, plan).sort_values(["hours", "volunteer_id"],
                                                      ascending=[False, True])
    order = list(load["name"])
    teams = [str(team) or "—" for team in dict.fromkeys(load["team"])]
    fig = go.Figure()
    for index, (team, part) in enumerate(load.groupby("team", sort=True)):
        fig.add_trace(go.Bar(
            orientation="h", name=str(team) or "—", y=list(part["name"]),
            x=list(part["hours"]), marker_color=colour(index),
            customdata=list(zip(part["volunteer_id"], part["activities"], strict=True)),
            hovertemplate="%{y} (%{customdata[0]}): %{x} h, %{customdata[1]} "
                          + tr("chart.activities") + "<extra></extra>"))
    chrome = layout(fig, tr("chart.load"), plot_height=0, legend=sorted(teams), labels=order)
    fig.update_layout(barmode="stack", xaxis=dict(title=tr("chart.hours"), rangemode="tozero"))
    lane_axis(fig, order, pages(order, [""] * len(order), lanes_per_page), lane_px=LOAD_PX,
              chrome=chrome)
    return fig


def load_change(loads: pd.DataFrame, language: str | Translate = "zh") -> go.Figure:
    """Hours before and after a re-plan for the volunteers whose load changed (the
    ``loads`` table of :func:`matching.scenario.diff`), side by side."""
    tr = translator(language)
    labels = [f"{n} ({v})" for n, v in zip(loads["name"], loads["volunteer_id"], strict=True)]
    fig = go.Figure([
        go.Bar(name=tr("chart.before"), x=labels, y=list(loads["hours_before"]),
               marker_color=colour(0)),
        go.Bar(name=tr("chart.after"), x=labels, y=list(loads["hours_after"]),
               marker_color=colour(1)),
    ])
    layout(fig, tr("chart.load_change"), plot_height=300,
           legend=[tr("chart.before"), tr("chart.after")], below=110, top=TITLE)
    fig.update_layout(barmode="group", yaxis=dict(title=tr("chart.hours")),
                      xaxis=dict(tickangle=-45, automargin=True))
    return fig
