"""Figures of many runs: no-show draws, a parameter grid, a batch of centers.

Each takes the table a sweep or batch returns (``SweepResult.results``,
``BatchResult.tables[...]``) and a language, and returns a figure with the same layout
as the plan's figures (title alone at the top left, legend under the plot). Key figures
are named by the catalogue (``kpi.*``), no-show groups by their probability.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..i18n import has
from .common import TITLE, Translate, colour, layout, translator

#: ``name=value`` pairs in a grid scenario's name (``attendance=1.5, weight_fairness=5``).
_PARAMETER = re.compile(r"([A-Za-z_][\w.]*)=([^,\s]+)")


def _parameter(tr: Translate, name: str) -> str:
    """A grid parameter's name in the language: ``attendance`` and ``weight_<term>`` (see
    :func:`matching.scenario.grid`) by the catalogue, any other as it is."""
    term = name.removeprefix("weight_")
    if name == "attendance":
        return tr("chart.attendance")
    if term != name and has(f"term.{term}"):
        return tr("chart.weight", term=tr(f"term.{term}"))
    return name


def _groups(results: pd.DataFrame, tr: Translate) -> list[tuple[str, pd.DataFrame]]:
    """Runs by group, a no-show group named by its probability in the language."""
    out = []
    for group, part in results.groupby("group", sort=False):
        probability = part["probability"].iloc[0] if "probability" in part else None
        name = (tr("chart.no_show_p", p=f"{float(probability):.0%}")
                if probability is not None and pd.notna(probability) else str(group))
        out.append((name, part))
    return out


def _kpi(tr: Translate, name: str) -> str:
    """A key figure's name in the language (its column name if the catalogue lacks it)."""
    return tr(f"kpi.{name}") if has(f"kpi.{name}") else name


def no_show_spread(results: pd.DataFrame, language: str | Translate = "zh") -> go.Figure:
    """How often sessions of a fixed plan fall below a role's minimum, over the draws:
    one overlaid histogram of ``understaffed_share`` per no-show probability."""
    tr = translator(language)
    groups = _groups(results, tr)
    fig = go.Figure([go.Histogram(x=list(part["understaffed_share"]), name=name, nbinsx=20,
                                  opacity=0.7, marker_color=colour(k))
                     for k, (name, part) in enumerate(groups)])
    layout(fig, tr("chart.no_show_spread"), plot_height=320,
           legend=[name for name, _ in groups], top=TITLE)
    fig.update_layout(barmode="overlay", xaxis=dict(title=tr("chart.understaffed_share"),
                                                    tickformat=".0%"),
                      yaxis=dict(title=tr("chart.draws")))
    return fig


def seats_short(results: pd.DataFrame, language: str | Translate = "zh") -> go.Figure:
    """Seats missing to reach each role's minimum, per draw: a box per role and group."""
    tr = translator(language)
    roles = [c for c in results.columns if c.startswith("seats_short.")]
    groups = _groups(results, tr)
    fig = go.Figure()
    for k, (name, part) in enumerate(groups):
        fig.add_trace(go.Box(
            name=name, marker_color=colour(k), boxpoints="outliers",
            x=[c.removeprefix("seats_short.") for c in roles for _ in range(len(part))],
            y=[value for c in roles for value in part[c]]))
    layout(fig, tr("chart.seats_short"), plot_height=320,
           legend=[name for name, _ in groups], top=TITLE)
    fig.update_layout(boxmode="group", xaxis=dict(title=tr("chart.role")),
                      yaxis=dict(title=tr("chart.seats"), rangemode="tozero"))
    return fig


def kpi_spread(results: pd.DataFrame, kpis: Sequence[str], title: str,
               language: str | Translate = "zh") -> go.Figure:
    """Key figures over the runs (e.g. re-planned draws): a box with every run's point
    for each of ``kpis``; ``title`` is a catalogue key."""
    tr = translator(language)
    fig = go.Figure([go.Box(y=list(results[kpi]), name=_kpi(tr, kpi), boxpoints="all",
                            marker_color=colour(k)) for k, kpi in enumerate(kpis)])
    layout(fig, tr(title), plot_height=320, legend=(), top=TITLE)
    return fig


def grid_parameters(results: pd.DataFrame) -> pd.DataFrame:
    """The grid's parameters of each run, read from its scenario's name, as columns."""
    rows = [dict(_PARAMETER.findall(str(name))) for name in results["scenario"]]
    return pd.DataFrame(rows, index=results.index)


def grid_points(results: pd.DataFrame, x: str, y: str, colour_by: str, size: str,
                language: str | Translate = "zh") -> go.Figure:
    """One point per plan of a parameter grid: parameter ``x`` across, key figure ``y``
    up, one colour per value of parameter ``colour_by``, sized by key figure ``size``."""
    tr = translator(language)
    points = pd.concat([results, grid_parameters(results)], axis=1)
    largest = max(float(points[size].max()), 1.0)
    fig = go.Figure()
    values = list(dict.fromkeys(points[colour_by]))
    across, coloured = _parameter(tr, x), _parameter(tr, colour_by)
    for k, value in enumerate(values):
        part = points[points[colour_by] == value]
        fig.add_trace(go.Scatter(
            x=list(part[x]), y=list(part[y]), mode="markers", name=f"{coloured}={value}",
            marker=dict(size=[8 + 24 * float(s) / largest for s in part[size]],
                        color=colour(k)),
            customdata=list(part[size]),
            hovertemplate=f"{across}=%{{x}}<br>{_kpi(tr, y)}: %{{y}}<br>{_kpi(tr, size)}: "
                          "%{customdata}<extra></extra>"))
    layout(fig, tr("chart.grid"), plot_height=320,
           legend=[f"{coloured}={value}" for value in values], top=TITLE)
    fig.update_layout(xaxis=dict(title=across, type="category"),
                      yaxis=dict(title=_kpi(tr, y)))
    return fig


def batch_seats(seats: pd.DataFrame, language: str | Translate = "zh") -> go.Figure:
    """Seats at minimum, at target and filled, side by side for each center of a batch
    (``BatchResult.tables["seats"]``, one row per center)."""
    tr = translator(language)
    centers = [str(c) for c in seats.index]
    kpis = [k for k in ("seats_min", "seats_target", "seats_filled") if k in seats]
    fig = go.Figure([go.Bar(x=centers, y=list(seats[k]), name=_kpi(tr, k),
                            marker_color=colour(n)) for n, k in enumerate(kpis)])
    layout(fig, tr("chart.batch_seats"), plot_height=300,
           legend=[_kpi(tr, k) for k in kpis], top=TITLE)
    fig.update_layout(barmode="group", yaxis=dict(title=tr("chart.seats")))
    return fig
