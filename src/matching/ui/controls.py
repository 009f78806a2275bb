"""The left-hand controls (workbook, scope, language, rules, limits, Solve/Stop) and the
footer (live progress and the solver's log).

Both are views: they show values from :class:`~matching.ui.state.PlannerState` and hand
the coordinator's changes to the app. The panel is sized in shares of its pane, never in
pixels that add up to more than the pane: a rule's switch and slider share a row that
wraps, so a long rule name or a scroll bar never makes the panel scroll sideways. The
progress widgets are the only ones the solver's thread touches, and only by setting their
values.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

import ipywidgets as widgets

from ..problem.weights import DEFAULT_WEIGHTS, SOFT_TERMS
from ..solver import Progress
from .i18n import Translator
from .state import PlannerState, Scope

_FULL = widgets.Layout(width="auto")
_WRAP = widgets.Layout(width="auto", flex_flow="row wrap")


class ControlsPanel:
    """Workbook and scope choosers, language switch, rule switches and weights, search
    limits and the Solve and Stop buttons."""

    def __init__(self, state: PlannerState, tr: Translator) -> None:
        self.state, self.tr = state, tr
        self._muted = False
        self.path = widgets.Text(layout=_FULL)
        self.load_button = widgets.Button(icon="folder-open", layout=_FULL)
        self.scope = widgets.Dropdown(options=[("", Scope())], value=Scope(), layout=_FULL)
        self.language = widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")],
                                              value=tr.language,
                                              style=widgets.ToggleButtonsStyle(
                                                  button_width="80px"))
        self.switches: dict[str, widgets.Checkbox] = {}
        self.sliders: dict[str, widgets.IntSlider] = {}
        rows = []
        for term in SOFT_TERMS:
            top = max(20, 3 * DEFAULT_WEIGHTS[term])
            self.switches[term] = widgets.Checkbox(
                value=True, indent=False,
                layout=widgets.Layout(width="auto", flex="1 1 150px", min_width="0"))
            self.sliders[term] = widgets.IntSlider(
                value=DEFAULT_WEIGHTS[term], min=0, max=top, readout=True,
                continuous_update=False,
                layout=widgets.Layout(width="auto", flex="1 1 120px", min_width="120px"))
            rows.append(widgets.HBox([self.switches[term], self.sliders[term]], layout=_WRAP))
        wide = {"description_width": "110px"}
        self.time_limit = widgets.BoundedFloatText(value=state.time_limit, min=1, max=3600,
                                                   step=5, layout=_FULL, style=wide)
        self.workers = widgets.BoundedIntText(value=state.workers, min=1, max=64, layout=_FULL,
                                              style=wide)
        self.seed = widgets.BoundedIntText(value=state.seed, min=0, max=2**31 - 1,
                                           layout=_FULL, style=wide)
        self.keep_close = widgets.Checkbox(value=False, indent=False)
        self.repeatable = widgets.Checkbox(value=state.repeatable, indent=False)
        half = {"width": "auto", "flex": "1 1 0", "min_width": "0"}
        self.solve_button = widgets.Button(icon="play", button_style="success",
                                           layout=widgets.Layout(**half))
        self.stop_button = widgets.Button(icon="stop", button_style="danger", disabled=True,
                                          layout=widgets.Layout(**half))
        self.titles = {key: widgets.HTML() for key in ("workbook", "scope", "language", "rules",
                                                        "search")}
        self.rules = widgets.VBox(rows, layout=_FULL)
        self.widget = widgets.VBox([
            self.titles["workbook"], self.path, self.load_button,
            self.titles["scope"], self.scope,
            self.titles["language"], self.language,
            self.titles["search"], self.time_limit, self.workers, self.seed, self.repeatable,
            self.keep_close,
            widgets.HBox([self.solve_button, self.stop_button], layout=_FULL),
            self.titles["rules"], self.rules,
        ], layout=widgets.Layout(width="auto", padding="0 6px", overflow="hidden auto"))
        self.relabel()

    def bind(self, *, on_load: Callable[[str], None], on_scope: Callable[[Scope], None],
             on_language: Callable[[str], None], on_solve: Callable[[], None],
             on_stop: Callable[[], None]) -> None:
        """Connect the widgets to the app's (guarded) handlers; settings go straight into
        the state, since they are plain values."""
        self.load_button.on_click(lambda _: on_load(self.path.value))
        self.scope.observe(
            lambda c: None if self._muted or c["new"] is None else on_scope(c["new"]),
            names="value")
        self.language.observe(lambda c: on_language(c["new"]), names="value")
        self.solve_button.on_click(lambda _: on_solve())
        self.stop_button.on_click(lambda _: on_stop())
        for term in SOFT_TERMS:
            self.switches[term].observe(
                lambda c, t=term: self.state.enable(t, c["new"]), names="value")
            self.sliders[term].observe(
                lambda c, t=term: self.state.set_weight(t, c["new"]), names="value")
        for name in ("time_limit", "workers", "seed", "keep_close", "repeatable"):
            getattr(self, name).observe(
                lambda c, n=name: setattr(self.state, n, c["new"]), names="value")

    def show_state(self) -> None:
        """Set every control from the state (after a load, or when a test changed it)."""
        state = self.state
        if state.source is not None:
            self.path.value = str(state.source)
        self.show_scopes()
        for term in SOFT_TERMS:
            if term in state.weights:
                self.sliders[term].value = state.weights[term]
                self.switches[term].value = state.enabled.get(term, True)
        self.time_limit.value = state.time_limit
        self.workers.value = state.workers
        self.seed.value = state.seed
        self.repeatable.value = state.repeatable

    def show_scopes(self) -> None:
        tr = self.tr
        options = []
        for scope, name in self.state.scopes():
            label = (tr("scope.all", name=name) if scope.kind == "all"
                     else tr(f"scope.{scope.kind}", name=name, key=scope.key))
            options.append((label, scope))
        current = self.state.scope
        self._muted = True  # refilling the list is not the coordinator choosing a scope
        try:
            self.scope.options = options
            self.scope.value = current if current in [s for _, s in options] else Scope()
        finally:
            self._muted = False

    def running(self, busy: bool) -> None:
        """Solve is off and Stop on while the worker runs (and the other way round); the
        workbook and the part of it being planned stay as they are until it ends."""
        self.solve_button.disabled = busy
        self.stop_button.disabled = not busy
        self.load_button.disabled = busy
        self.scope.disabled = busy

    def relabel(self) -> None:
        tr = self.tr
        for key, title in self.titles.items():
            title.value = f"<b>{tr(f'controls.{key}')}</b>"
        self.path.placeholder = tr("controls.path")
        self.load_button.description = tr("controls.load")
        for term in SOFT_TERMS:
            self.switches[term].description = tr(f"term.{term}")
            self.switches[term].description_allow_html = False
            self.sliders[term].tooltip = tr(f"term_help.{term}")
            self.switches[term].tooltip = tr(f"term_help.{term}")
        for name in ("time_limit", "workers", "seed"):  # each with a tip (else "null")
            field = getattr(self, name)
            field.description = tr(f"controls.{name}")
            field.tooltip = tr(f"controls.{name}_help")
        self.keep_close.description = tr("controls.keep_close")
        self.repeatable.description = tr("controls.repeatable")
        self.repeatable.tooltip = tr("controls.repeatable_help")
        self.solve_button.description = tr("controls.solve")
        self.stop_button.description = tr("controls.stop")
        if self.state.workbook is not None:
            self.show_scopes()


class ProgressPanel:
    """Live figures of the search and its log; the solver's thread sets these values."""

    def __init__(self, tr: Translator) -> None:
        self.tr = tr
        self.bar = widgets.FloatProgress(value=0, min=0, max=1,
                                         layout=widgets.Layout(width="260px"))
        self.figures = widgets.HTML()
        self.log = widgets.Textarea(layout=widgets.Layout(width="100%", height="160px"),
                                    disabled=True)
        self.errors = widgets.Textarea(layout=widgets.Layout(width="100%", height="120px"),
                                       disabled=True)
        self.details = widgets.Accordion(children=[self.log, self.errors])
        self.widget = widgets.VBox([widgets.HBox([self.bar, self.figures]), self.details])
        self.last: Progress | None = None
        self._time_limit = 1.0
        self.relabel()

    def show(self, progress: Progress | None, time_limit: float) -> None:
        """Objective, bound, gap, elapsed time and solutions found so far."""
        self.last, self._time_limit = progress, time_limit
        tr = self.tr
        if progress is None:
            self.bar.value = 0
            self.figures.value = tr("progress.idle")
            return
        self.bar.value = min(1.0, progress.elapsed / max(time_limit, 1e-9))
        technical = tr(  # the solver's own figures, on hover
            "progress.figures", stage=tr(f"stage.{progress.stage}"),
            objective=f"{progress.objective:g}",
            bound="–" if progress.bound is None else f"{progress.bound:g}",
            gap="–" if progress.gap is None else f"{100 * progress.gap:.1f}",
            elapsed=f"{progress.elapsed:.1f}",
            solutions=progress.solutions)
        self.figures.value = f'<span title="{html.escape(technical)}">' \
                             f"{html.escape(self.plain(progress))}</span>"

    def plain(self, progress: Progress) -> str:
        """The plan in hand and how close it is proven to be, in a coordinator's words."""
        tr, elapsed = self.tr, f"{progress.elapsed:.0f}"
        if progress.scheduled is None:
            return tr("progress.first_plan", elapsed=elapsed)
        if progress.gap == 0:
            quality = tr("progress.proven")
        elif progress.gap is not None:
            quality = tr("progress.within", gap=f"{max(1, math.ceil(100 * progress.gap))}")
        else:
            quality = tr("progress.searching")
        return tr("progress.plan", scheduled=progress.scheduled,
                  activities=progress.activities,
                  short="–" if progress.seats_short is None else progress.seats_short,
                  stage=tr(f"stage.{progress.stage}"), quality=quality, elapsed=elapsed)

    def finish(self, stopped: bool = False) -> None:
        """A finished search fills the bar (a repeatable one often ends before its time
        limit); a stopped one leaves it where the search was, so Stop never looks like a
        search run to its end."""
        if not stopped:
            self.bar.value = 1.0 if self.last is not None else 0.0

    def relabel(self) -> None:
        """The titles and figures in the new language; the bar stays where it is (a
        finished search's full bar is not the elapsed share of its limit)."""
        self.details.set_title(0, self.tr("progress.log"))
        self.details.set_title(1, self.tr("progress.errors"))
        where = self.bar.value
        self.show(self.last, self._time_limit)
        self.bar.value = where
