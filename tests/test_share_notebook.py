"""The share notebook runs under papermill with parameters and renders to static HTML."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
import pytest
from nbconvert import HTMLExporter
from test_export_fixtures import DATA, phone_numbers, qianjin_case, tiny_case

from matching.export import save_plan

pytestmark = pytest.mark.slow  # papermill and nbconvert: seconds a test

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_share_plan.ipynb"


def run(tmp_path: Path, **parameters: object) -> str:
    """Execute the notebook with ``parameters`` and return its HTML without code cells,
    as staff would share it."""
    executed = tmp_path / "shared.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(executed), parameters=parameters,
                               kernel_name="python3", cwd=str(NOTEBOOK.parent),
                               progress_bar=False)
    body, _ = HTMLExporter(exclude_input=True).from_notebook_node(
        nbformat.read(executed, as_version=4))
    return body


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])


def test_public_report_of_a_short_plan(tmp_path: Path) -> None:
    body = run(tmp_path, workbook=str(DATA / "tiny"), audience="public", time_limit=5.0,
               out_dir=str(tmp_path / "out"))
    assert '<table class="kpis">' in body and "activities_scheduled" in body
    assert 'id="agenda"' in body and 'id="roster"' in body
    assert "application/vnd.plotly.v1+json" in body or "Plotly.newPlot" in body
    problem, _ = tiny_case()
    assert not [p for p in phone_numbers(problem) if p in body]
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"report.html", "plan.xlsx", "plan.json", "calendars"} <= written


def test_internal_report_of_a_saved_plan(tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "qianjin-2023")
    body = run(tmp_path, workbook=str(DATA / "qianjin-2023"), plan_path=str(path),
               audience="internal")
    assert '<table class="kpis">' in body
    assert "小候鸟夏令营" in body
    staffed = {s.volunteer_id for s in plan.staffing}
    assert all(v.phone in body for v in problem.volunteers if v.volunteer_id in staffed)

