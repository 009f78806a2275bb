"""A scenario builder for notebooks: pick a kind of change, fill its fields, add it to the
list, run.

The state lives in :class:`ScenarioBuilder` (plain Python, tested without widgets); the
ipywidgets view only reads and sets it, so a test or a notebook cell can drive the view
by setting ``.value`` and calling ``.click()``, exactly as a person would.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from .base import Change, ScenarioError, Tables
from .scenario import CHANGE_KINDS, Scenario


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """One input of a kind of change: its name, whether it is required, and a hint."""

    name: str
    required: bool
    hint: str


class ScenarioBuilder:
    """The scenario being built against the workbook ``tables``.

    Each added change is checked against the workbook as the changes before it leave it,
    so a mistake is reported when it is made, naming the field.
    """

    def __init__(self, tables: Tables, scenario: Scenario | None = None) -> None:
        self.tables = tables
        start = scenario or Scenario("what-if")
        self.name = start.name
        self.description = start.description
        self.changes: list[Change] = list(start.changes)

    @staticmethod
    def fields(kind: str) -> list[FieldSpec]:
        """The inputs of a kind of change, required ones first."""
        specs = []
        for f in dataclasses.fields(CHANGE_KINDS[kind]):
            required = (f.default is dataclasses.MISSING
                        and f.default_factory is dataclasses.MISSING)
            specs.append(FieldSpec(f.name, required, _HINTS.get(f.name, "")))
        return sorted(specs, key=lambda s: not s.required)

    def add(self, kind: str, values: Mapping[str, Any]) -> list[str]:
        """Add a change from field values (blank ones are left out); returns the errors
        that kept it out, or an empty list when it was added."""
        data = {k: v for k, v in values.items() if not (isinstance(v, str) and not v.strip())}
        index = len(self.changes) + 1
        try:
            change = CHANGE_KINDS[kind].from_dict(data, index)
        except ScenarioError as exc:
            return [str(i) for i in exc.issues]
        issues = [i for i in self.scenario.then(change).validate(self.tables)
                  if i.index == index]
        if issues:
            return [str(i) for i in issues]
        self.changes.append(change)
        return []

    def remove(self, index: int) -> None:
        """Remove the change at ``index`` (0 = the first)."""
        del self.changes[index]

    @property
    def scenario(self) -> Scenario:
        return Scenario(self.name, tuple(self.changes), self.description)

    def table(self) -> pd.DataFrame:
        """The changes so far: position, kind and what each does."""
        return pd.DataFrame([(i, c.kind, c.describe()) for i, c in enumerate(self.changes, 1)],
                            columns=["#", "kind", "change"])


_HINTS = {
    "start": "YYYY-MM-DD [HH:MM]", "end": "YYYY-MM-DD [HH:MM] (a date: to its end)",
    "before": "YYYY-MM-DD [HH:MM]", "open": "HH:MM", "close": "HH:MM (24:00 allowed)",
    "room_id": "room id", "volunteer_id": "volunteer id", "team": "team name",
    "factor": "e.g. 2", "term": "objective term, e.g. stability_start",
    "hours": "Mon 09:00-17:00; Sat 09:00-12:00", "roles": "签到接待:1:2; 急救:0:1",
    "earliest_start": "YYYY-MM-DD [HH:MM]", "latest_end": "YYYY-MM-DD [HH:MM]",
    "activity_kind": "activity / booking / meeting", "priority": "must / high / normal / low",
}


class ScenarioBuilderView:
    """ipywidgets for a :class:`ScenarioBuilder`: kind picker, field inputs, the list of
    changes, and Add / Remove / Run buttons. ``on_run`` gets the scenario; whatever it
    displays appears below the buttons (its exceptions too, instead of vanishing)."""

    def __init__(self, builder: ScenarioBuilder,
                 on_run: Callable[[Scenario], None] | None = None) -> None:
        import ipywidgets as w

        self.builder, self.on_run = builder, on_run
        self.kind = w.Dropdown(options=list(CHANGE_KINDS), description="变化 Change")
        self.help = w.HTML()
        self.inputs: dict[str, Any] = {}
        self.form = w.VBox()
        self.add_button = w.Button(description="添加 Add", icon="plus")
        self.list = w.Select(rows=6, layout=w.Layout(width="100%"))
        self.remove_button = w.Button(description="删除 Remove", icon="trash")
        self.run_button = w.Button(description="运行 Run", icon="play", button_style="primary")
        self.message = w.HTML()
        self.errors: list[str] = []  # of the last Add, as shown in ``message``
        self.output = w.Output()
        self.kind.observe(lambda _: self._show_fields(), names="value")
        self.add_button.on_click(lambda _: self._add())
        self.remove_button.on_click(lambda _: self._remove())
        self.run_button.on_click(lambda _: self._run())
        self.widget = w.VBox([
            w.HTML(f"<b>{html.escape(builder.name)}</b> {html.escape(builder.description)}"),
            self.kind, self.help, self.form, self.add_button, self.list,
            w.HBox([self.remove_button, self.run_button]), self.message, self.output])
        self._show_fields()
        self._refresh()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def _show_fields(self) -> None:
        import ipywidgets as w

        cls = CHANGE_KINDS[self.kind.value]
        self.help.value = html.escape((cls.__doc__ or "").split("\n\n")[0])
        self.inputs = {
            spec.name: w.Text(description=spec.name + (" *" if spec.required else ""),
                              placeholder=spec.hint, style={"description_width": "140px"},
                              layout=w.Layout(width="480px"))
            for spec in self.builder.fields(self.kind.value)}
        self.form.children = tuple(self.inputs.values())

    def _add(self) -> None:
        errors = self.builder.add(self.kind.value, {k: t.value for k, t in self.inputs.items()})
        self.errors = errors
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
        if self.on_run is None:
            return
        self.output.clear_output()
        self.message.value = "运行中 running…"
        with self.output:
            try:
                self.on_run(self.builder.scenario)
                self.message.value = "✓"
            except Exception as exc:  # shown to the analyst, not swallowed by the button
                self.message.value = html.escape(f"{type(exc).__name__}: {exc}")
                raise

    def _refresh(self) -> None:
        self.list.options = [f"{i}. {c.describe()}"
                             for i, c in enumerate(self.builder.changes, 1)]
