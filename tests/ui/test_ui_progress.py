"""The notebook progress bar for Dask sweeps lives in the ui layer: it follows the tasks,
and the distributed layer imports without ipywidgets."""

from __future__ import annotations

import subprocess
import sys

import pytest

from matching.distributed import TaskProgress
from matching.i18n import say
from matching.solver import Progress
from matching.ui.controls import ProgressPanel
from matching.ui.i18n import Translator
from matching.ui.progress import NotebookProgress


@pytest.mark.slow
def test_the_distributed_layer_imports_without_ipywidgets() -> None:
    """A Dask worker or a script needs no widget library: the bar lives in matching.ui."""
    code = ("import sys; sys.modules['ipywidgets'] = None; import matching.distributed; "
            "assert not hasattr(matching.distributed, 'NotebookProgress')")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_notebook_progress_bar_follows_the_tasks() -> None:
    bar = NotebookProgress(language="en")
    assert bar.label.value == "waiting"
    bar(TaskProgress("runs", 0, 4, 0, 0.0))
    bar(TaskProgress("runs", 3, 4, 1, 1.5, "broken", "ERROR: gym"))
    assert (bar.bar.value, bar.bar.max, bar.bar.description) == (3, 4, "runs")
    assert bar.label.value == "3/4 done, 1 failed, 1.5 s" and bar.failures == ["broken: ERROR: gym"]
    bar(TaskProgress("runs", 4, 4, 1, 2.0))
    assert bar.bar.bar_style == "warning"


def test_the_bar_speaks_the_notebooks_language() -> None:
    bar = NotebookProgress()
    assert bar.label.value == "等待中" and bar.bar.description == "任务"
    bar(TaskProgress("baseline", 1, 1, 0, 0.4))
    assert (bar.bar.description, bar.label.value) == ("基准方案", "已完成 1/1，失败 0，0.4 秒")
    bar(TaskProgress("a new stage", 1, 1, 0, 0.4))
    assert bar.bar.description == "a new stage"  # named by the distributed layer
    bar(TaskProgress("runs", 1, 1, 1, 0.4, "broken", "the scenario", say("issue.the_scenario")))
    assert bar.failures == ["broken: 情景"]  # a run's error, where the toolkit said it


@pytest.mark.parametrize(("language", "words"), [("en", "looking for a first plan · 12 s"),
                                                 ("zh", "正在寻找第一个方案 · 12 秒")])
def test_the_search_for_a_first_plan_moves_the_bar_and_says_so(language: str,
                                                               words: str) -> None:
    """Until the first plan the search beats every second: the bar follows the time and
    the figures say what is going on, in the coordinator's language."""
    panel = ProgressPanel(Translator(language))
    panel.show(None, 30)
    assert panel.bar.value == 0
    panel.show(Progress("start", 3, None, None, 12.0, 0), 30)
    assert panel.bar.value == pytest.approx(0.4)
    assert words in panel.figures.value
