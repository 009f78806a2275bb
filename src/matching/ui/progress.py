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

if TYPE_CHECKING:
    from distributed import Client


class NotebookProgress:
    """A progress bar for notebooks: an ipywidgets ``IntProgress`` with a label, updated
    from the thread that collects results. Display it, then pass it as ``on_progress``::

        bar = NotebookProgress(client)
        display(bar.widget)
        result = run_sweep(tables, spec, client=client, on_progress=bar)
    """

    def __init__(self, client: Client | None = None) -> None:
        self.bar = widgets.IntProgress(value=0, min=0, max=1, description="sweep",
                                       bar_style="info")
        self.label = widgets.Label("waiting")
        link = dashboard_link(client)
        parts: list[widgets.Widget] = [self.bar, self.label]
        if link:
            parts.append(widgets.HTML(f'<a href="{link}" target="_blank">Dask dashboard</a>'))
        self.widget = widgets.HBox(parts)
        self.failures: list[str] = []

    def __call__(self, p: TaskProgress) -> None:
        self.bar.description = p.stage
        self.bar.max = max(p.total, 1)
        self.bar.value = p.done
        if p.error:
            self.failures.append(f"{p.last}: {p.error}")
        self.label.value = (f"{p.done}/{p.total} done, {p.failed} failed, "
                            f"{p.elapsed:.1f} s")
        if p.done == p.total:
            self.bar.bar_style = "warning" if p.failed else "success"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
