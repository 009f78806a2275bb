"""The planner notebook is committed without outputs (nbval runs it; see notebooks/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "01_plan_quarter.ipynb"


def test_planner_notebook_is_stripped_and_asserts_on_the_plan() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    source = "".join("".join(c["source"]) for c in code)
    assert "PlannerApp(" in source and "solve(wait=True)" in source
    assert "assert state.score.feasible" in source


@pytest.mark.slow  # papermill: a kernel and a solve
def test_planner_notebook_plans_a_workbook_of_ones_own(tmp_path: Path) -> None:
    import papermill

    papermill.execute_notebook(
        str(NOTEBOOK), str(tmp_path / "planned.ipynb"), kernel_name="python3",
        parameters={"workbook": str(NOTEBOOK.parents[1] / "data" / "tiny"), "scope": None},
        cwd=str(NOTEBOOK.parent), progress_bar=False)
    shown = (tmp_path / "planned.ipynb").read_text(encoding="utf-8")
    # the key figures in the workbook's language (tiny's is English), not as column names
    assert "activities scheduled" in shown and "activities_scheduled" not in shown
