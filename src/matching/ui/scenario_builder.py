"""The ipywidgets view of a :class:`~matching.scenario.builder.ScenarioBuilder`.

The view only reads and sets the builder, so a test or a notebook cell can drive it by
setting ``.value`` and calling ``.click()``, exactly as a person would. Its fields fill
the width they have, up to 480 px, so a narrow notebook does not scroll sideways.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..errors import DataError
from ..scenario import CHANGE_KINDS, Scenario, ScenarioError
from ..scenario.builder import UNTITLED, ScenarioBuilder
from .i18n import Translator

#: Seconds after a run in which a Run of the same scenario is the second click of a
#: double-click: both clicks reach the kernel before the buttons show disabled, and the
#: second waits for the first run to end.
_DOUBLE_CLICK = 0.5


class ScenarioBuilderView:
    """ipywidgets for a :class:`ScenarioBuilder`: kind picker, field inputs, the list of
    changes, and Add / Remove / Run buttons. ``on_run`` gets the scenario; whatever it
    displays appears below the buttons (its exceptions too, instead of vanishing)."""

    def __init__(self, builder: ScenarioBuilder,
                 on_run: Callable[[Scenario], None] | None = None, language: str = "zh"
                 ) -> None:
        self.builder, self.on_run = builder, on_run
        #: when the last run ended, and its scenario (:data:`_DOUBLE_CLICK`)
        self._ran: tuple[float, Scenario | None] = (-float("inf"), None)
        self.tr = tr = Translator(language)
        self.kind = w.Dropdown(options=[(tr(f"change.{k}"), k) for k in CHANGE_KINDS],
                               description=tr("scenario.change"))
        self.help = w.HTML()
        self.inputs: dict[str, Any] = {}
        self.form = w.VBox()
        self.add_button = w.Button(description=tr("scenario.add"), icon="plus")
        self.list = w.Select(rows=6, layout=w.Layout(width="100%"))
        self.remove_button = w.Button(description=tr("scenario.remove"), icon="trash")
        self.run_button = w.Button(description=tr("scenario.run"), icon="play",
                                   button_style="primary")
        self.message = w.HTML()
        self.errors: list[str] = []  # of the last Add, as shown in ``message``
        self.output = w.Output()
        self.kind.observe(lambda _: self._show_fields(), names="value")
        self.add_button.on_click(lambda _: self._add())
        self.remove_button.on_click(lambda _: self._remove())
        self.run_button.on_click(lambda _: self._run())
        name = tr("scenario.untitled") if builder.name == UNTITLED else builder.name
        self.widget = w.VBox([
            w.HTML(f"<b>{html.escape(name)}</b> {html.escape(builder.description)}"),
            self.kind, self.help, self.form, self.add_button, self.list,
            w.HBox([self.remove_button, self.run_button]), self.message, self.output])
        self._show_fields()
        self._refresh()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def _show_fields(self) -> None:
        self.help.value = html.escape(self.tr(f"change_help.{self.kind.value}"))
        self.inputs = {
            spec.name: w.Text(
                description=(self.tr.named(spec.word, spec.name)
                             + (" *" if spec.required else "")),
                placeholder="" if spec.hint is None else spec.hint.render(self.tr.language),
                style={"description_width": "200px"},
                layout=w.Layout(width="auto", max_width="480px"))
            for spec in self.builder.fields(self.kind.value)}
        self.form.children = tuple(self.inputs.values())

    def _add(self) -> None:
        issues = self.builder.add(self.kind.value, {k: t.value for k, t in self.inputs.items()})
        self.errors = errors = [i.render(self.tr.language) for i in issues]
        self.message.value = "<br>".join(html.escape(e) for e in errors) or "✓"
        if not errors:
            for text in self.inputs.values():
                text.value = ""
        self._refresh()

    def _remove(self) -> None:
        if self.list.index is not None:
            self.builder.remove(self.list.index)
            self._refresh()

    def _run(self) -> None:
        """Run the scenario, the buttons disabled meanwhile: the run holds the kernel, so
        a second click would otherwise queue a second run of the same scenario (or one
        with a change added under the first), started as soon as the first ends."""
        if self.on_run is None:
            return
        ended, scenario = self._ran
        if time.monotonic() - ended < _DOUBLE_CLICK and scenario == self.builder.scenario:
            return  # the second click of a double-click, queued behind the first run
        self.output.clear_output()
        self.message.value = self.tr("scenario.running")
        buttons = (self.add_button, self.remove_button, self.run_button)
        for button in buttons:
            button.disabled = True
        with self.output:
            try:
                self.on_run(self.builder.scenario)
                self.message.value = "✓"
            except (ScenarioError, DataError) as exc:  # the analyst's to fix: said, no trace
                self.message.value = self._failed(exc)
            except Exception as exc:  # the run's own code: shown with its traceback
                self.message.value = self._failed(exc)
                raise
            finally:
                for button in buttons:
                    button.disabled = False
                self._ran = (time.monotonic(), self.builder.scenario)

    def _failed(self, exc: Exception) -> str:
        """The message of a failed run as HTML: each of its errors on a line of its own."""
        said = html.escape(self.tr("scenario.failed", error=self._said(exc)))
        return said.replace("\n", "<br>")

    def _said(self, exc: Exception) -> str:
        """What went wrong in a run: the errors of a scenario or a workbook in the view's
        language, any other exception as Python gives it (the run's own code raised it)."""
        if isinstance(exc, ScenarioError | DataError):
            return exc.render(self.tr.language)
        return f"{type(exc).__name__}: {exc}"

    def _refresh(self) -> None:
        self.list.options = [f"{i}. {c.wording().render(self.tr.language)}"
                             for i, c in enumerate(self.builder.changes, 1)]
