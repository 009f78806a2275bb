"""The notebook progress bar for Dask sweeps lives in the ui layer: it follows the tasks,
and the distributed layer imports without ipywidgets."""

from __future__ import annotations

import subprocess
import sys

from matching.distributed import TaskProgress
from matching.ui.progress import NotebookProgress


def test_the_distributed_layer_imports_without_ipywidgets() -> None:
    """A Dask worker or a script needs no widget library: the bar lives in matching.ui."""
    code = ("import sys; sys.modules['ipywidgets'] = None; import matching.distributed; "
            "assert not hasattr(matching.distributed, 'NotebookProgress')")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_notebook_progress_bar_follows_the_tasks() -> None:
    bar = NotebookProgress()
    bar(TaskProgress("runs", 0, 4, 0, 0.0))
    bar(TaskProgress("runs", 3, 4, 1, 1.5, "broken", "ERROR: gym"))
    assert (bar.bar.value, bar.bar.max, bar.bar.description) == (3, 4, "runs")
    assert bar.label.value == "3/4 done, 1 failed, 1.5 s" and bar.failures == ["broken: ERROR: gym"]
    bar(TaskProgress("runs", 4, 4, 1, 2.0))
    assert bar.bar.bar_style == "warning"
