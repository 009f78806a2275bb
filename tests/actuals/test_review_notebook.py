"""The year-in-review notebook: run by papermill with its parameters, it shows the
report's sections in the language asked for and writes the same report file as the
command line; its documented commands render a page that opens offline, without the
cells for whoever runs it; it is committed without outputs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest
from conftest import DATA
from nbconvert import HTMLExporter
from shared_fields import network_requests

from matching.actuals.example import MUIFA
from matching.cli import main

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "05_year_in_review.ipynb"
EXAMPLE = DATA / "qianjin-2023-actuals"


def _shown(executed: Path) -> str:
    """Every text and HTML output of the executed notebook."""
    nb = nbformat.read(executed, as_version=4)
    return "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/html", ""))
                   for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_notebook_shows_and_writes_the_report(tmp_path: Path, language: str) -> None:
    out = tmp_path / "report.html"
    executed = tmp_path / "review.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(executed), kernel_name="python3", cwd=str(NOTEBOOK.parent),
        progress_bar=False,
        parameters={"workbook": str(DATA / "qianjin-2023"),
                    "plan_path": str(EXAMPLE / "plan.json"), "actuals_path": str(EXAMPLE),
                    "language": language, "out": str(out)})
    shown = _shown(executed)
    assert shown.count("<svg") == 3
    if language == "zh":
        assert "未能排入 0 场；实际举办 201 场（取消 9 场）" in shown
        assert "暑期夏令营计划 24 场，实际举办 23 场（取消 1 场）" in shown
    else:
        assert "0 left out of the plan; 201 held (9 cancelled)" in shown
        assert "Summer camp: 23 held of 24 planned (1 cancelled)" in shown
    assert f"{MUIFA.reason} 2" in shown  # the typhoon, a reason for cancellations
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", shown)
    by_cli = tmp_path / "cli.html"
    assert main(["report", str(DATA / "qianjin-2023"), str(EXAMPLE / "plan.json"),
                 "--actuals", str(EXAMPLE), "--out", str(by_cli), "--language",
                 language]) == 0
    assert out.read_text(encoding="utf-8") == by_cli.read_text(encoding="utf-8")
    # the page rendered with the offline template has the report's title and language
    page, _ = HTMLExporter(template_file=str(NOTEBOOK.parent / "offline.html.j2")
                           ).from_filename(str(executed))
    name = {"zh": "前进街道党群服务中心 2023 年度工作报告（2023-01-01 至 2023-12-31）",
            "en": "前进街道党群服务中心 2023: the year in review (from 2023-01-01 to 2023-12-31)"}
    assert f'<html lang="{"zh-CN" if language == "zh" else "en"}">' in page
    assert f"<title>{name[language]}</title>" in page


@pytest.mark.slow
def test_the_documented_commands_render_a_page_that_opens_offline(tmp_path: Path) -> None:
    """The bash block of the how-to cell, run as written in a copy of the repository's
    layout: the page has no script, nothing to fetch and no cell tagged how-to."""
    intro = nbformat.read(NOTEBOOK, as_version=4).cells[0]
    assert "how-to" in intro.metadata.get("tags", [])
    found = re.search(r"```bash\n(.*?)```", intro.source, re.DOTALL)
    assert found, "the notebook documents how to run it"
    assert "--template-file offline.html.j2" in found[1]
    (tmp_path / "notebooks").mkdir()
    for name in (NOTEBOOK.name, "offline.html.j2"):
        shutil.copy(NOTEBOOK.parent / name, tmp_path / "notebooks" / name)
    for name in ("qianjin-2023", "qianjin-2023-actuals"):
        shutil.copytree(DATA / name, tmp_path / "data" / name)
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    done = subprocess.run(["bash", "-e", "-c", found[1]], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "PATH": path}, timeout=280)
    assert done.returncode == 0, done.stderr[-3000:]
    page = (tmp_path / "out" / "review.html").read_text(encoding="utf-8")
    assert network_requests(page) == [] and "<script" not in page
    assert "Summer camp: 23 held of 24 planned (1 cancelled)" in page
    for runner_only in ("papermill", "nbconvert", "departures from the plan", "../out"):
        assert runner_only not in page
    assert (tmp_path / "out" / "review.xlsx").is_file()


def test_the_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])
