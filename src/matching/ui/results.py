"""The result pages: timelines, week calendar, volunteer load, what needs attention, the
score breakdown ("Analyze") and the key figures.

:meth:`ResultsPanel.show` sets every page from a problem, a plan and its score in one go;
it only builds figures and HTML and sets widget values, so the solver's thread may call
it when a solve ends.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from .. import analysis, plot
from ..evaluate import Score
from ..export import views
from ..export.labels import rule_name
from ..plan import Plan
from ..plot.common import width
from ..problem import Problem
from . import charts
from .i18n import Translator

TIMELINES: tuple[plot.Lane, ...] = ("room", "volunteer", "theme")
PAGES = ("timeline", "week", "load", "attention", "analyze", "kpis")
_BOX = "max-height:520px;overflow:auto;font-size:12px"


def _by_name(items: pd.DataFrame, problem: Problem | None) -> pd.DataFrame:
    """Findings with rooms and volunteers by name, as a coordinator knows them, in place
    of their ids (activities keep theirs beside the title the message gives)."""
    if problem is None:
        return items
    names = {"room_id": ("room", {r.room_id: r.name for r in problem.rooms}),
             "volunteer_id": ("name", {v.volunteer_id: v.name for v in problem.volunteers})}
    for column, (shown, of) in names.items():
        if column in items.columns:
            items = items.assign(**{column: items[column].map(
                lambda i, of=of: of.get(i, i) if isinstance(i, str) else i)}).rename(
                    columns={column: shown})
    return items


#: A column whose header and values all fit in this many columns (2 a Chinese character)
#: is short (an id, a priority, a status, a room, a time): it never wraps.
SHORT = 20
_NOWRAP = "white-space:nowrap"
#: A long column (a title, a reason) wraps, but keeps this much width for itself.
_WRAP = "min-width:10em"


def _is_short(frame: pd.DataFrame, column: str, header: str) -> bool:
    texts = [header, *("" if pd.isna(v) else str(v) for v in frame[column])]
    return max(width(t) for t in texts) <= SHORT


def html_table(frame: pd.DataFrame, tr: Translator, *, highlight: str | None = None) -> str:
    """A scrollable HTML table with translated headers; rows whose ``highlight`` column
    is truthy are shaded, so broken rules stand out.

    Headers and short columns do not wrap, and long ones keep a minimum width: left to
    itself the browser gives a long reason all the width of a narrow window and wraps
    the ids, priorities and headers one character a line."""
    if frame.empty:
        return f"<i>{html.escape(tr('word.none'))}</i>"
    headers = [tr.maybe(f"col.{c}", str(c)) for c in frame.columns]
    fits = [_NOWRAP if _is_short(frame, c, h) else _WRAP
            for c, h in zip(frame.columns, headers, strict=True)]
    head = "".join(f"<th style='text-align:left;padding:2px 6px;{_NOWRAP}'>"
                   f"{html.escape(h)}</th>" for h in headers)
    body = []
    for record in frame.itertuples(index=False):
        values = dict(zip(frame.columns, record, strict=True))
        shade = " style='background:#fde2e2'" if highlight and values.get(highlight) else ""
        cells = "".join(f"<td style='padding:2px 6px;vertical-align:top;{fit}'>"
                        f"{html.escape('' if pd.isna(v) else str(v))}</td>"
                        for v, fit in zip(record, fits, strict=True))
        body.append(f"<tr{shade}>{cells}</tr>")
    return (f"<div style='{_BOX}'><table style='border-collapse:collapse'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


class ResultsPanel:
    """Every view of the current plan, one widget per page of the app's centre tabs."""

    def __init__(self, tr: Translator) -> None:
        self.tr = tr
        self.problem: Problem | None = None
        self.plan: Plan | None = None
        self.score: Score | None = None
        self.kpis: pd.DataFrame | None = None
        self.timelines = {by: charts.FigureView() for by in TIMELINES}
        #: An invisible timeline-like figure drawn with the app: the browser loads and
        #: compiles plotly.js (1-2 s) when the page opens, not when the coordinator
        #: waits for the first plan.
        self.warmup = charts.FigureView()
        self.warmup.widget.layout = widgets.Layout(height="0px", overflow="hidden",
                                                   visibility="hidden")
        self.warmup.show(go.Figure(
            go.Bar(orientation="h", y=["-"], base=["2023-07-03T08:00"], x=[3_600_000],
                   text=["-"], textposition="inside"),
            layout={"width": 40, "height": 40, "xaxis": {"type": "date",
                                                         "rangeslider": {"visible": True}}}))
        self.timeline_tabs = widgets.Tab(children=[self.timelines[b].widget for b in TIMELINES])
        self.week = widgets.Dropdown(options=[], layout=widgets.Layout(width="240px"))
        self.calendar = charts.FigureView()
        self.load = charts.FigureView()
        self.attention = widgets.HTML()
        self.score_summary = widgets.HTML()
        self.score_table = widgets.HTML()
        self.rule = widgets.Dropdown(options=[], layout=widgets.Layout(width="360px"))
        self.rule_items = widgets.HTML()
        self.kpi_table = widgets.HTML()
        self.pages: dict[str, widgets.Widget] = {
            "timeline": self.timeline_tabs,
            "week": widgets.VBox([self.week, self.calendar.widget]),
            "load": self.load.widget,
            "attention": self.attention,
            "analyze": widgets.VBox([self.score_summary, self.score_table, self.rule,
                                     self.rule_items]),
            "kpis": self.kpi_table,
        }
        self._muted = False
        self.week.observe(lambda c: None if self._muted else self._show_week(), names="value")
        self.rule.observe(lambda c: None if self._muted else self._show_rule(), names="value")
        self.relabel()

    def show(self, problem: Problem | None, plan: Plan | None, score: Score | None,
             kpis: pd.DataFrame | None) -> None:
        """Show a plan on every page (or clear them all when ``plan`` is None)."""
        self.problem, self.plan, self.score, self.kpis = problem, plan, score, kpis
        tr = self.tr
        if problem is None or plan is None:
            for view in [*self.timelines.values(), self.calendar, self.load]:
                view.show(None, tr.language, tr("results.no_plan"))
            for html_widget in (self.attention, self.score_summary, self.score_table,
                                self.rule_items, self.kpi_table):
                html_widget.value = f"<i>{html.escape(tr('results.no_plan'))}</i>"
            self._muted = True
            self.week.options, self.rule.options = [], []
            self._muted = False
            return
        for by in TIMELINES:
            self.timelines[by].show(plot.timeline(problem, plan, by, tr.language), tr.language)
        weeks = plot.weeks(problem)
        self._muted = True
        try:
            self.week.options = [(tr("results.week_of", week=f"{m:%Y-%m-%d}"), m)
                                 for m in weeks]
            self.week.value = plot.busiest_week(problem, plan)
        finally:
            self._muted = False
        self._show_week()
        self.load.show(plot.volunteer_load(problem, plan, tr.language), tr.language)
        self.attention.value = self._attention(problem, plan)
        self._show_score(kpis)

    def _attention(self, problem: Problem, plan: Plan) -> str:
        table = analysis.attention_table(problem, plan, self.tr.language)
        table["status"] = [self.tr(f"plan.{s}") for s in table["status"]]
        table["priority"] = [self.tr(f"priority.{p}") for p in table["priority"]]
        count = self.tr("results.attention_count", count=len(table))
        return f"<p>{html.escape(count)}</p>" + html_table(table, self.tr)

    def _show_week(self) -> None:
        if self.problem is None or self.plan is None or self.week.value is None:
            self.calendar.show(None)
            return
        self.calendar.show(plot.week_calendar(self.problem, self.plan, self.week.value,
                                              self.tr.language), self.tr.language)

    def _show_score(self, kpis: pd.DataFrame | None) -> None:
        tr, score = self.tr, self.score
        if score is None:
            return
        table = views.score_table(score, tr.language)
        table["broken"] = ["●" if n else "" for n in table["count"]]
        tiers = score.tiers
        verdict = tr("results.feasible") if score.feasible else tr(
            "results.infeasible", count=len(score.hard_violations))
        self.score_summary.value = (
            f"<p><b>{html.escape(verdict)}</b> · "
            + html.escape(tr("results.tiers", t1=tiers[0], t2=tiers[1], t3=tiers[2]))
            + "</p>")
        self.score_table.value = html_table(table, tr, highlight="broken")
        ids = score.table()["constraint"]  # the same rows, by id
        broken = [c for c, n in zip(ids, table["count"], strict=True) if n]
        self._muted = True
        try:
            self.rule.options = [(rule_name(c, tr.language), c) for c in broken]
            self.rule.value = broken[0] if broken else None
        finally:
            self._muted = False
        self._show_rule()
        if kpis is not None:
            self.kpi_table.value = html_table(views.key_figures(kpis, tr.language), tr)

    def _show_rule(self) -> None:
        """The items behind the chosen rule: each finding with its message."""
        if self.score is None or self.rule.value is None:
            self.rule_items.value = ""
            return
        details = self.score.details(self.tr.language)
        items = details[details["constraint"] == self.rule.value].drop(
            columns=["constraint", "level"])
        self.rule_items.value = html_table(_by_name(items, self.problem), self.tr)

    def relabel(self) -> None:
        tr = self.tr
        for index, by in enumerate(TIMELINES):
            self.timeline_tabs.set_title(index, tr(f"page.by_{by}"))
        self.week.description = tr("results.week")
        self.rule.description = tr("results.rule")
        self.show(self.problem, self.plan, self.score, self.kpis)
