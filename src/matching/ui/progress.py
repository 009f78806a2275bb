"""Widget progress for Dask sweeps and batches in notebooks.

The distributed layer reports :class:`~matching.distributed.TaskProgress` to any callable
and draws only the terminal line (:class:`~matching.distributed.TextProgress`); the
ipywidgets bar lives here, in the presentation layer, so ``matching.distributed`` (and
a Dask worker) imports without ipywidgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..distributed import TaskProgress, dashboard_link
from ..i18n import has, text

if TYPE_CHECKING:
    from distributed import Client


class NotebookProgress:
    """A progress bar for notebooks: an ipywidgets ``IntProgress`` with a label in
    ``language`` (``zh`` or ``en``), updated from the thread that collects results.
    Display it, then pass it as ``on_progress``::

        bar = NotebookProgress(client)
        display(bar.widget)
        result = run_sweep(tables, spec, client=client, on_progress=bar)
    """

    def __init__(self, client: Client | None = None, language: str = "zh") -> None:
        self.language = language
        self.bar = widgets.IntProgress(value=0, min=0, max=1, description=self._stage("tasks"),
                                       bar_style="info")
        self.label = widgets.Label(text("tasks.waiting", language))
        link = dashboard_link(client)
        parts: list[widgets.Widget] = [self.bar, self.label]
        if link:
            parts.append(widgets.HTML(f'<a href="{link}" target="_blank">'
                                      f'{text("tasks.dashboard", language)}</a>'))
        self.widget = widgets.HBox(parts)
        self.failures: list[str] = []

    def __call__(self, p: TaskProgress) -> None:
        self.bar.description = self._stage(p.stage)
        self.bar.max = max(p.total, 1)
        self.bar.value = p.done
        if p.error:
            self.failures.append(f"{p.last}: {p.error_in(self.language)}")
        self.label.value = text("tasks.count", self.language, done=p.done, total=p.total,
                                failed=p.failed, elapsed=f"{p.elapsed:.1f}")
        if p.done == p.total:
            self.bar.bar_style = "warning" if p.failed else "success"

    def _stage(self, stage: str) -> str:
        """A stage's name in the language (as the distributed layer names it if new)."""
        return text(f"tasks.{stage}", self.language) if has(f"tasks.{stage}") else stage

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
