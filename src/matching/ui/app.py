"""The planner app: the coordinator's notebook in one ``AppLayout``.

Header: what is loaded and what the app is doing (and whether the plan shown predates
the latest edits). Left: workbook, scope, language, search limits, Solve/Stop and the
rules. Centre: the pages in four groups (data, plan, analysis, the activity page) behind
buttons that show their whole label at any width. Footer: live progress and the log.

:class:`PlannerApp` wires widgets to :class:`~matching.ui.state.PlannerState` and to
:class:`~matching.ui.runner.SolveRunner`. Each handler is wrapped by :meth:`_guarded`, so
an exception becomes a message in the header instead of vanishing into the kernel log
(the activity page guards its own buttons and shows a one-line message instead); the
solver's thread reaches the view only through callbacks that set widget values.
"""

from __future__ import annotations

import contextlib
import html
import os
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from .. import analysis
from ..i18n import Listing, say
from ..plan import Plan
from ..problem import Problem
from ..problem.select import first_quarter, quarters
from ..solver import Progress
from .controls import ControlsPanel, ProgressPanel
from .grids import DataEditor
from .i18n import Translator
from .inspector import ActivityPanel
from .navigation import PageNavigator
from .results import ResultsPanel
from .runner import SolveRunner
from .state import PlannerState, Scope, UnknownError, embedded_workbook

#: How many of a workbook's errors :meth:`PlannerApp.ready` says, one a line (the app's
#: list has them all).
_ERRORS_SAID = 10
_STATUS_COLOUR = {"invalid": "#b00020", "error": "#b00020", "infeasible": "#b00020",
                  "no_plan": "#b06000", "solving": "#1565c0", "stopping": "#1565c0",
                  "stopped": "#b06000", "solved": "#2e7d32", "saved": "#2e7d32"}
_LOG_PUSH_SECONDS = 0.5


#: What the state's ``message`` may name for the header to say (``header.<notice>``).
_NOTICES = frozenset({"scope_changed", "fix_to_solve", "fix_to_save", "edits_discard",
                      "edits_pins_discard", "pins_discard"})


class PlannerApp:
    """Plan a quarter: edit the data, weigh the rules, solve, read and adjust the plan.

    Parameters
    ----------
    workbook
        A CSV folder or ``.xlsx``; the embedded Qianjin 2023 workbook by default.
    scope
        ``"2023Q3"`` (a quarter), a theme id, ``"all"``, or a :class:`Scope`; the first
        quarter by default, since a quarter is what a coordinator plans at a time.
    language
        ``"zh"`` or ``"en"``; the workbook's ``language`` setting by default.
    time_limit, workers, seed
        Search limits of the next solve (also editable in the app).

    Attributes
    ----------
    state : PlannerState
        Everything the app knows; tests and notebooks assert on it.
    layout : ipywidgets.AppLayout
        The widget tree; displaying the app displays this.
    """

    def __init__(self, workbook: str | os.PathLike[str] | None = None, *,
                 scope: str | Scope | None = None, language: str | None = None,
                 time_limit: float = 10.0, workers: int = 1, seed: int = 0) -> None:
        self.state = PlannerState(time_limit=time_limit, workers=workers, seed=seed)
        self.runner = SolveRunner()
        self.tr = Translator(language or "zh")
        self._last_log_push = 0.0
        #: the edits a first click of Load or Reload warned would be lost (None: none)
        self._discard_warned: int | None = None
        #: The scope a load asked for, held while the workbook has errors to fix: the
        #: edit that mends the last one chooses it, as the load would have.
        self._scope_asked: tuple[str | Scope | None] | None = None
        self.header = widgets.HTML()
        self.controls = ControlsPanel(self.state, self.tr)
        self.footer = ProgressPanel(self.tr)
        self.data = DataEditor(
            self.state, self.tr, on_edit=self._guarded(self.edit_cell),
            on_add=self._guarded(self.add_row), on_delete=self._guarded(self.delete_rows),
            on_save=self._guarded(self.save),
            on_reload=self._guarded(self._keeping_edits(self.reload, pins_kept=True)))
        self.results = ResultsPanel(self.tr)
        self.inspector = ActivityPanel(
            self.tr, on_choose=self.choose_activity, on_pin=self.pin_from_form,
            on_pin_current=self.pin_current, on_unpin=self.unpin,
            on_rank=self.rank_candidates)
        results = self.results.pages
        self.nav = PageNavigator({
            "data": {"data": self.data.widget},
            # the timelines are pages of their own, not a second row of tabs in a page
            "plan": {**{f"by_{by}": self.results.timelines[by].widget
                        for by in ("room", "volunteer", "theme")},
                     "week": results["week"], "load": results["load"]},
            "analysis": {key: results[key] for key in ("attention", "analyze", "kpis")},
            "activity": {"activity": self.inspector.widget},
        }, self.tr)
        self.pages: dict[str, widgets.Widget] = self.nav.pages
        self.controls.bind(on_load=self._guarded(self._keeping_edits(self.load)),
                           on_scope=self._guarded(self.set_scope),
                           on_language=self._guarded(self.set_language),
                           on_solve=self._guarded(self.solve),
                           on_stop=self._guarded(self.stop))
        self.layout = widgets.AppLayout(
            header=widgets.VBox([self.header, self.results.warmup.widget]),
            left_sidebar=self.controls.widget, center=self.nav.widget,
            footer=self.footer.widget, pane_widths=["340px", 1, 0],
            pane_heights=["56px", 1, "240px"], grid_gap="6px")
        # the header grows to the lines it needs (a long status wraps on a laptop) rather
        # than spilling over the page buttons; AppLayout's own sizes take no "auto"
        self.layout.layout.grid_template_rows = "minmax(56px, auto) 1fr 240px"
        self.layout.add_class("matching-planner")
        # a mistyped path or a broken workbook shows in the app, like any later load
        self.opened = False
        self._guarded(self.load)(workbook if workbook is not None else embedded_workbook(),
                                 scope=scope, language=language)
        self.opened = True

    # -- display -----------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.layout._repr_mimebundle_(**kwargs)

    def _guarded(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        """``handler`` with every exception recorded in the state and shown in the header
        (ipywidgets would otherwise swallow it into the kernel's log)."""
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except Exception as exc:
                self.state.fail(exc)
                self._refresh_status()
                self.data.refresh_issues()
                return None
        run.__name__ = getattr(handler, "__name__", "handler")
        return run

    def _keeping_edits(self, handler: Callable[..., Any], pins_kept: bool = False
                       ) -> Callable[..., Any]:
        """``handler`` (a button's load or reload) run at once when nothing would be lost:
        no unsaved edit, and no pin unless the handler keeps them; otherwise the first
        click says what would be lost, and only a second one, with no edit in between,
        goes ahead (a widget page has no dialog to ask)."""
        def run(*args: Any, **kwargs: Any) -> Any:
            state = self.state
            pins = bool(state.pins) and not pins_kept
            if (state.dirty or pins) and self._discard_warned != state.edits:
                self._discard_warned = state.edits
                state.message = ("edits_pins_discard" if state.dirty and pins else
                                 "edits_discard" if state.dirty else "pins_discard")
                self._refresh_status()
                return None
            self._discard_warned = None
            return handler(*args, **kwargs)
        run.__name__ = getattr(handler, "__name__", "handler")
        return run

    def status_text(self) -> str:
        """The status as the header says it, in the app's language: solved, a refusal
        and why, the errors to fix, the search's progress."""
        s, tr = self.state, self.tr
        errors = len(s.errors_only())
        # a notice is what the last click did (a Load that would discard the pins says
        # so before the conflicts of the solve before it)
        message = (tr(f"header.{s.message}", count=errors) if s.message in _NOTICES
                   else "; ".join(c.render(tr.language) for c in s.conflicts) if s.conflicts
                   else tr.maybe(f"solver.{s.message}", s.message))
        if s.status == "solving" and s.progress is not None and not message:
            # the progress line is at the page's foot, below the fold of a laptop's
            # screen: the header says what the search has reached too
            message = self.footer.plain(s.progress)
        return tr(f"status.{s.status}") + (f" — {message}" if message else "")

    def ready(self) -> PlannerApp:
        """The app, when its workbook loaded, validated and had the scope asked for;
        otherwise a ``ValueError`` saying why as the header does (the grids mark the
        cells to fix): a notebook run from start to end stops there rather than plan
        another scope, or nothing.

        Raises
        ------
        ValueError
            With :meth:`status_text`.
        """
        if self.state.status in ("error", "invalid") or self.state.problem is None:
            errors = [f"  {issue.render(self.tr.language)}"
                      for issue in self.state.errors_only()[:_ERRORS_SAID]]
            raise ValueError("\n".join([self.status_text(), *errors]))
        return self

    def _refresh_status(self) -> None:
        """The header line and the errors box (both only set values; thread-safe)."""
        s, tr = self.state, self.tr
        errors = len(s.errors_only())
        parts = [f"<b>{html.escape(s.workbook_name() or '—')}</b>"]
        if s.problem is not None:  # the whole workbook is not named twice over
            count = len(s.problem.activities)
            parts.append(html.escape(tr("header.scope_all", count=count)
                                     if s.scope.kind == "all" else
                                     tr("header.scope", name=self._scope_name(), count=count)))
        colour = _STATUS_COLOUR.get(s.status, "#333")
        label = self.status_text()
        parts.append(f"<span style='color:{colour}'><b>{html.escape(label)}</b></span>")
        parts.append(html.escape(tr("header.issues", errors=errors,
                                    warnings=len(s.issues) - errors)))
        if s.pins:
            parts.append(html.escape(tr("header.pins", count=len(s.pins))))
        if s.dirty:
            parts.append(html.escape(tr("header.unsaved")))
        if s.plan_stale and s.status not in ("solving", "stopping"):
            parts.append(f"<span style='color:#b06000'><b>"
                         f"{html.escape(tr('header.stale'))}</b></span>")
        self.header.value = ("<div style='font-size:14px;padding:6px'>"
                             + " · ".join(parts) + "</div>")
        self.footer.errors.value = "\n\n".join(s.errors[-5:])

    def _scope_name(self) -> str:
        return next((name for scope, name in self.state.scopes() if scope == self.state.scope),
                    "")

    def _refresh_all(self) -> None:
        self._refresh_status()
        self.controls.show_state()
        self.data.show_table(self.data.table.value)
        self.data.refresh_issues()
        self.data.save_path.value = str(self.state.source or "")
        self.footer.log.value = self.state.log.text
        self._refresh_results()

    def _refresh_results(self) -> None:
        s, form = self.state, self.inspector
        self.results.show(s.plan_problem, s.plan, s.score, s.kpis)
        if s.progress is None and self.footer.last is not None:
            # another workbook or scope: not the last one's "103/103 scheduled"
            self.footer.show(None, s.time_limit)
        form.show_activities(s.problem, s.plan)
        form.show_pins(s.pins, s.workbook)
        if s.problem is not None and form.activity.value is not None:
            # the chosen activity's form follows the new plan (and "pin as planned" too),
            # and so do its ranked candidates: who is in the plan, who is busy then
            form.show_activity(s.problem, s.plan, form.activity.value,
                               s.pins.get(form.activity.value))
            self._rerank()

    # -- data --------------------------------------------------------------------------
    def load(self, path: str | os.PathLike[str], *, scope: str | Scope | None = None,
             language: str | None = None) -> bool:
        """Load a workbook and choose the scope; False when it has errors to fix."""
        ok = self.state.load(path)
        # the workbook's language opens the app, a scope it lacks said in it too; after
        # that the app keeps the one shown, which the coordinator may have chosen
        self.set_language(language or (self.tr.language if self.opened else
                                       self.state.language))
        self._scope_asked = None if ok else (scope,)
        try:
            if ok:
                self.state.set_scope(self._scope(scope))
        finally:
            self._refresh_all()
        return ok

    def _scope(self, scope: str | Scope | None) -> Scope:
        workbook = self.state.workbook
        if isinstance(scope, Scope):
            return scope
        if workbook is None or scope == "all":
            return Scope()
        names = [name for name, _, _ in quarters(workbook)]
        if scope is None:
            first = first_quarter(workbook)
            return Scope("quarter", first[0]) if first else Scope()
        if scope in names:
            return Scope("quarter", scope)
        if scope in workbook.theme_by_id:
            return Scope("theme", scope)
        raise UnknownError(say("header.no_scope", scope=scope, quarters=Listing(tuple(names)),
                               themes=Listing(tuple(workbook.theme_by_id)) if workbook.themes
                               else "—"))

    def reload(self) -> None:
        """Read the workbook's file again; the pins of activities it still has stay (a
        reload is the same workbook, and nothing else would say they went)."""
        state = self.state
        if state.source is None:
            return
        pins = dict(state.pins)
        # the scope in hand; while the workbook has errors, the one its load asked for
        scope = self._scope_asked[0] if self._scope_asked is not None else state.scope
        if self.load(state.source, scope=scope, language=self.tr.language) and \
                state.workbook is not None:
            state.pins.update({aid: pin for aid, pin in pins.items()
                               if aid in state.workbook.activity_by_id})
            self._pins_changed()

    def set_scope(self, scope: Scope | str) -> None:
        """Plan ``scope`` from now on: the last scope's plan leaves every page, not only
        the header (its figures and timelines read as the new scope's)."""
        self.state.set_scope(self._scope(scope))
        self._refresh_status()
        self.data.show_table(self.data.table.value)  # the grid follows the scope
        self._refresh_results()

    def edit_cell(self, table: str, position: int, column: str, value: object) -> None:
        """What the grid calls when a cell is typed into: set it and validate at once."""
        self.state.edit_cell(table, position, column, value)
        self._choose_asked_scope()
        self.data.refresh_issues()
        self._refresh_status()
        self.controls.show_scopes()

    def add_row(self, table: str) -> int:
        position = self.state.add_row(table)
        self._choose_asked_scope()
        self.data.show_table(table)
        self.data.refresh_issues()
        self._refresh_status()
        self.controls.show_scopes()
        return position

    def delete_rows(self, table: str, positions: list[int]) -> None:
        self.state.delete_rows(table, positions)
        self._choose_asked_scope()
        self.data.show_table(table)
        self.data.refresh_issues()
        self._refresh_status()
        self.controls.show_scopes()

    def _choose_asked_scope(self) -> None:
        """Once a workbook loaded with errors validates, the scope its load asked for
        (the first quarter unless told), as a load of it without errors chooses; the
        whole workbook where it has no such part."""
        if self._scope_asked is None or self.state.workbook is None:
            return
        asked, self._scope_asked = self._scope_asked[0], None
        with contextlib.suppress(UnknownError):
            self.state.set_scope(self._scope(asked))

    def save(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Save the tables if valid (atomically); otherwise show why not."""
        ok = self.state.save(path or None)
        self.data.refresh_issues()
        self._refresh_status()
        return ok

    def set_language(self, language: str) -> None:
        """Switch every label, chart and table to ``language`` ("zh" or "en")."""
        if language not in ("zh", "en"):
            raise ValueError(f"language {language!r}: zh or en")
        self.tr.language = self.state.language = language
        if self.controls.language.value != language:
            self.controls.language.value = language  # observing it calls us again
            return
        for panel in (self.nav, self.controls, self.footer, self.data, self.results,
                      self.inspector):
            panel.relabel()
        self._reshow_activity_page()
        self._refresh_status()

    def _reshow_activity_page(self) -> None:
        """The activity page's lists and tables again, so that none keeps the words of
        the language it was first shown in (the pin form keeps what was typed)."""
        s, form = self.state, self.inspector
        form.show_activities(s.problem, s.plan)
        form.show_pins(s.pins, s.workbook)
        if s.problem is None or form.activity.value is None:
            return
        form.show_details(s.problem, s.plan, form.activity.value)
        self._rerank()

    def _rerank(self) -> None:
        """The ranked candidates again, where some are shown."""
        form = self.inspector
        if form.last_candidates is not None and form.role.value is not None:
            form.guard(self.rank_candidates)()

    # -- solving -----------------------------------------------------------------------
    def solve(self, wait: bool = False, timeout: float | None = None) -> Plan | None:
        """Start a solve in the worker thread; with ``wait``, block until it ends (for
        notebooks run top to bottom) and return the plan."""
        state = self.state
        if state.errors_only() and state.status not in ("solving", "stopping"):
            # say why nothing starts: a button that does nothing looks broken
            state.status, state.message = "invalid", "fix_to_solve"
            self._refresh_status()
            return None
        problem = state.begin_solve()
        settings = state.solver_settings()
        baseline = state.hint_for(problem) if state.keep_close else None
        hint = None if baseline else state.hint_for(problem)
        self.controls.running(True)
        self.footer.show(None, settings.time_limit)
        self._refresh_status()
        self.runner.start(problem, settings, on_progress=self._on_progress,
                          on_log=self._on_log,
                          on_done=lambda plan: self._on_done(problem, plan, baseline),
                          on_error=self._on_error, hint=hint, baseline=baseline)
        if wait:
            self.wait(timeout if timeout is not None else settings.time_limit + 120)
            return state.plan
        return None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the running solve has ended and its results are shown."""
        return self.runner.join(timeout)

    def stop(self) -> None:
        """Stop the search; the best plan found so far is kept."""
        if self.runner.running:
            self.state.status = "stopping"
            self.runner.stop()
            self._refresh_status()

    # The four callbacks below run in the solver's thread: they set values only.
    def _on_progress(self, progress: Progress) -> None:
        self.state.progress = progress
        self.footer.show(progress, self.state.time_limit)
        self._refresh_status()

    def _on_log(self, line: str) -> None:
        self.state.log.write(line)
        now = time.monotonic()
        if now - self._last_log_push >= _LOG_PUSH_SECONDS:
            self._last_log_push = now
            self.footer.log.value = self.state.log.text

    def _on_done(self, problem: Problem, plan: Plan, baseline: Plan | None) -> None:
        try:
            self.state.accept(problem, plan, baseline)
            self.footer.log.value = self.state.log.text
            self.footer.finish(stopped=plan.meta.get("stopped_by_user") == "yes")
            self._refresh_results()
            if self.state.plan is plan and plan.objective is not None:
                self.nav.select("by_room")
        finally:
            self.controls.running(False)
            self._refresh_status()

    def _on_error(self, exc: BaseException) -> None:
        self.state.fail(exc)
        self.controls.running(False)
        self._refresh_status()

    # -- one activity ------------------------------------------------------------------
    def choose_activity(self, activity_id: str) -> None:
        """Show an activity's details and fill the pin form from its pin or its plan."""
        s = self.state
        if s.problem is None:
            return
        self.inspector.show_activity(s.problem, s.plan, activity_id, s.pins.get(activity_id))

    def pin_from_form(self) -> None:
        """Pin what the form asks for: the time and room the coordinator changed or
        ticked and the people chosen; what was only filled in from the plan stays free."""
        form = self.inspector
        activity_id = form.activity.value
        if activity_id is None:
            raise ValueError(self.tr("activity.none_chosen"))
        start, room, staff = form.pin_request()
        if not (start or room or staff):
            raise ValueError(self.tr("activity.nothing_to_pin"))
        self.state.pin(activity_id, start=start, room_id=room, staff=staff)
        self._pins_changed()

    def pin_current(self) -> None:
        """Pin the chosen activity as the current plan has it."""
        activity_id = self.inspector.activity.value
        if activity_id is None:
            raise ValueError(self.tr("activity.none_chosen"))
        self.state.pin_current(activity_id)
        self._pins_changed()

    def unpin(self) -> None:
        if self.inspector.activity.value is not None:
            self.state.unpin(self.inspector.activity.value)
        self._pins_changed()

    def _pins_changed(self) -> None:
        """The pins table, the form (ticked as the activity's pin now is) and header."""
        s, form = self.state, self.inspector
        form.show_pins(s.pins, s.workbook)
        if s.problem is not None and form.activity.value in s.problem.activity_by_id:
            form.show_activity(s.problem, s.plan, form.activity.value,
                               s.pins.get(form.activity.value))
        self._refresh_status()

    def rank_candidates(self) -> None:
        """Rank every volunteer for the chosen role of the chosen activity."""
        s, form = self.state, self.inspector
        if s.problem is None or form.activity.value is None or form.role.value is None:
            raise ValueError(self.tr("activity.none_chosen"))
        plan = s.plan if s.plan_problem is not None and s.plan_problem.fingerprint == \
            s.problem.fingerprint else None
        form.show_candidates(analysis.candidates(s.problem, plan, form.activity.value,
                                                 form.role.value, self.tr.language))

    # -- convenience for notebooks and tests --------------------------------------------
    def show_page(self, page: str) -> None:
        """Open one of the centre pages (``data``, ``by_room``, ..., ``activity``);
        ``timeline`` opens the first timeline, by room."""
        self.nav.select("by_room" if page == "timeline" else page)

    @property
    def busy(self) -> bool:
        """Whether a solve is running."""
        return self.runner.running
