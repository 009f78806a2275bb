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
from actuals_helpers import TINY
from conftest import DATA
from nbconvert import HTMLExporter
from shared_fields import network_requests

from matching.actuals import Review, read_actuals, save_review, save_template
from matching.actuals.example import MUIFA
from matching.cli import main
from matching.greedy import greedy_plan
from matching.io import load_problem, save_plan
from matching.io.outputs import OverInputError

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
    # the busiest team's no-show rate (0.075 in the ledger) as the report page has it
    assert re.search(r">7\.5%</td>", shown) and ">0.075<" not in shown
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
            "en": "前进街道党群服务中心: 2023 in review (from 2023-01-01 to 2023-12-31)"}
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


def _tiny_center(tmp_path: Path, note: str) -> tuple[Path, Path, Path]:
    """The tiny workbook, its greedy plan's file and a record of what happened in which
    a1 was cancelled with ``note`` as the reason."""
    problem = load_problem(TINY)
    plan = save_plan(greedy_plan(problem), problem, tmp_path / "plan.json", workbook=TINY)
    actuals = tmp_path / "actuals"
    actuals.mkdir()
    (actuals / "actuals.csv").write_text(f"activity_id,held,participants,note\na1,no,0,{note}\n",
                                         encoding="utf-8")
    (actuals / "attendance.csv").write_text("activity_id,volunteer_id,status\n",
                                            encoding="utf-8")
    return TINY, plan, actuals


def _run(tmp_path: Path, **parameters: object) -> Path:
    executed = tmp_path / "review.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(executed), kernel_name="python3",
                               cwd=str(NOTEBOOK.parent), progress_bar=False,
                               parameters={k: str(v) if isinstance(v, Path) else v
                                           for k, v in parameters.items()})
    return executed


@pytest.mark.slow
def test_a_phone_number_in_a_reason_stops_the_notebook_before_it_shows_anything(
        tmp_path: Path) -> None:
    """Before, the page showed "reasons: call Ann Lee 000-0000-0001" and only the last
    cell, writing a file, refused it."""
    workbook, plan, actuals = _tiny_center(tmp_path, "call Ann Lee 000-0000-0001")
    with pytest.raises(papermill.PapermillExecutionError, match="personal data"):
        _run(tmp_path, workbook=workbook, plan_path=plan, actuals_path=actuals)
    shown = _shown(tmp_path / "review.ipynb")
    assert "<h1>" not in shown and "<svg" not in shown  # nothing of the report shown


@pytest.mark.slow
def test_the_notebook_takes_the_camp_series_and_says_what_it_needs(tmp_path: Path) -> None:
    workbook, plan, actuals = _tiny_center(tmp_path, "rain")
    executed = _run(tmp_path, workbook=workbook, plan_path=plan, actuals_path=actuals,
                    camp_series="s1", red_classroom="", language="en")
    assert "Summer camp: 1 held of 2 planned (1 cancelled)" in _shown(executed)
    with pytest.raises(papermill.PapermillExecutionError,
                       match="actuals_path is needed: the record of what happened"):
        _run(tmp_path, workbook=workbook, plan_path=plan, actuals_path=None)


@pytest.mark.slow
def test_the_notebook_reports_the_half_year_that_has_happened(tmp_path: Path) -> None:
    """``until``: the months up to that day, titled so, the rest not counted as held."""
    executed = _run(tmp_path, workbook=DATA / "qianjin-2023", plan_path=EXAMPLE / "plan.json",
                    actuals_path=EXAMPLE, language="en", until="2023-06-30")
    shown = _shown(executed)
    assert "review (from 2023-01-01 to 2023-06-30)" in shown
    assert "activities start after 2023-06-30: not held yet, not counted (until sets" in shown
    assert "2023 Q3" not in shown and "2023 Q2" in shown
    with pytest.raises(papermill.PapermillExecutionError,
                       match="没有可计入的内容"):  # before the plan starts, in its language
        _run(tmp_path, workbook=DATA / "qianjin-2023", plan_path=EXAMPLE / "plan.json",
             actuals_path=EXAMPLE, until="2022-12-01")


def test_a_report_is_never_written_over_the_record_it_reports(tmp_path: Path) -> None:
    """An attendance template as exported is a record of "as planned", and the toolkit's
    own file: the report replaced it, even without --force."""
    problem = load_problem(TINY)
    plan = greedy_plan(problem)
    plan_file = save_plan(plan, problem, tmp_path / "plan.json", workbook=TINY)
    template = save_template(problem, plan, tmp_path / "came.xlsx")
    before = template.read_bytes()
    for force in ([], ["--force"]):
        assert main(["report", str(TINY), str(plan_file), "--actuals", str(template),
                     "--out", str(template), *force]) == 2
        assert template.read_bytes() == before
    review = Review(problem, plan, read_actuals(template, problem, plan))
    with pytest.raises(OverInputError, match=r"came\.xlsx is the input this output is made"):
        save_review(review, tmp_path / "." / "came.xlsx", force=True)
    assert template.read_bytes() == before


def test_a_ledger_is_never_written_into_the_folder_of_what_it_counts(tmp_path: Path) -> None:
    """It replaced the folder whole: the attendance and the plan were gone."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    before = sorted(p.name for p in folder.iterdir())
    for force in ([], ["--force"]):
        assert main(["ledger", str(DATA / "qianjin-2023"), str(folder / "plan.json"),
                     "--actuals", str(folder), "--out", str(folder), *force]) == 2
        assert sorted(p.name for p in folder.iterdir()) == before
