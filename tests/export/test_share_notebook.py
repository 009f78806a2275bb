"""The share notebook: its documented commands run as written, for the year and a quarter;
the page it renders opens offline; a failed check writes nothing and renders no page; and
no public output shows a phone number or a note, field by field."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from nbconvert import HTMLExporter
from plan_cases import DATA, phone_numbers, qianjin_case, tiny_case
from shared_fields import (
    digits,
    folder_values,
    html_values,
    network_requests,
    notebook_values,
)

from matching import load_problem
from matching.evaluate import evaluate
from matching.io import load_plan, read_plan_file, save_plan

pytestmark = pytest.mark.slow  # papermill and nbconvert: seconds a test

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOK = NOTEBOOKS / "03_share_plan.ipynb"
TEMPLATE = NOTEBOOKS / "offline.html.j2"
#: MEET-05 on 2023-08-24; the notes of the students of 杭电 are part of this title.
MEETING = "杭州电子科技大学党委共建座谈"
SHARED = {"report.html", "plan.xlsx", "plan.json", "calendars/center.ics"}


def execute(tmp_path: Path, **parameters: object) -> Path:
    """Run the notebook with ``parameters`` from its folder; the executed copy's path."""
    executed = tmp_path / "shared.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(executed), parameters=parameters,
                               kernel_name="python3", cwd=str(NOTEBOOKS),
                               progress_bar=False)
    return executed


def render(executed: Path) -> str:
    """The executed notebook as the page staff share: no code, the offline template."""
    body, _ = HTMLExporter(template_file=str(TEMPLATE), exclude_input=True) \
        .from_notebook_node(nbformat.read(executed, as_version=4))
    return body


def documented_commands() -> str:
    """The bash block of the notebook's first cell, exactly as a reader copies it."""
    intro = nbformat.read(NOTEBOOK, as_version=4).cells[0].source
    found = re.search(r"```bash\n(.*?)```", intro, re.DOTALL)
    assert found, "the notebook documents how to run it"
    return found[1]


def shell(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``script`` in bash, stopping at the first failing line, with this Python's
    environment first on the PATH (as after activating it)."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PATH": path}, timeout=280)


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def shows_phone(values: list[str], phones: list[str]) -> list[str]:
    """Values showing a phone as written in the workbook or as bare digits."""
    spellings = {*phones, *map(digits, phones)}
    return [v for v in values for p in spellings if p in v]


@pytest.fixture(scope="module")
def documented_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's layout (notebook, template, workbook) where the
    documented commands have been run as written; its root."""
    root = tmp_path_factory.mktemp("repository")
    (root / "notebooks").mkdir()
    for name in (NOTEBOOK.name, TEMPLATE.name):
        shutil.copy(NOTEBOOKS / name, root / "notebooks" / name)
    shutil.copytree(DATA / "qianjin-2023", root / "data" / "qianjin-2023")
    done = shell(documented_commands(), root)
    assert done.returncode == 0, done.stderr[-3000:]
    return root


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])


@pytest.mark.parametrize("share", ["year", "2023Q3"])
def test_documented_commands_share_the_year_and_a_quarter(documented_run: Path,
                                                         share: str) -> None:
    out = documented_run / "out"
    files = folder_values(out / share)
    assert set(files) >= SHARED
    problem = load_problem(DATA / "qianjin-2023")
    calendars = {p.name for p in (out / share / "calendars").glob("*.ics")}
    assert len(calendars) == 1 + len(problem.rooms) + len(problem.volunteers)
    page = (out / f"{share}.html").read_text(encoding="utf-8")
    assert "papermill" not in page  # how to run the notebook is not for the staff
    # nor the notes and lines for whoever runs it (tagged how-to): where the files went
    # (a path on that machine), the notes on the checks, a caption in English
    assert "../out" not in page and "calendars/ to" not in page
    assert "field by field" not in page and "Each volunteer" not in page
    # the checks' one line stays, in the workbook's language, as the page's title and lang
    assert "未违反任何硬性规则" in page and "no hard rule broken" not in page
    assert '<html lang="zh-CN"' in page and f"<title>{problem.settings.name}</title>" in page
    for html in (page, (out / share / "report.html").read_text(encoding="utf-8")):
        assert network_requests(html) == []
        assert "<script" not in html
        assert MEETING in html_values(html)
    phones = phone_numbers(problem)
    shown = [*html_values(page), *notebook_values(out / f"{share}.ipynb"),
             *(v for values in files.values() for v in values)]
    assert shows_phone(shown, phones) == []
    plan = read_plan_file(out / share / "plan.json").plan
    months = {a.start.month for a in plan.scheduled if a.start}
    assert months == (set(range(1, 13)) if share == "year" else {7, 8, 9})


def test_a_failed_check_writes_nothing_and_renders_no_page(documented_run: Path,
                                                          tmp_path: Path) -> None:
    """The documented year command on a plan moved one minute off the slot grid."""
    root = tmp_path / "repository"
    shutil.copytree(documented_run, root)
    plan_file = root / "out" / "qianjin-2023" / "plan.json"
    content = json.loads(plan_file.read_text(encoding="utf-8"))
    first = next(a for a in content["assignments"] if a["start"])
    for key in ("start", "end"):
        first[key] = str(pd.Timestamp(first[key]) + timedelta(minutes=1))[:16]
    plan_file.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    problem = load_problem(root / "data" / "qianjin-2023")
    damaged = evaluate(read_plan_file(plan_file).problem_for(problem),
                       load_plan(plan_file, problem))
    assert not damaged.feasible  # the notebook's check is what must stop it
    year = root / "out" / "year"
    before = digest(year)
    (root / "out" / "year.html").unlink()
    lines = documented_commands().replace("\\\n", " ").splitlines()
    command = next(line for line in lines if "plan_path" in line)
    done = shell(f"{lines[0]}\n{command}", root)
    assert done.returncode != 0
    assert "hard rule" in done.stderr
    assert not (root / "out" / "year.html").exists()
    assert digest(year) == before


def test_no_planted_phone_or_note_in_any_public_output(tmp_path: Path) -> None:
    """Distinctive phones and notes in a copy of the workbook; some notes are part of the
    meeting's title, which must still be shown."""
    workbook = tmp_path / "qianjin-2023"
    shutil.copytree(DATA / "qianjin-2023", workbook)
    volunteers = pd.read_csv(workbook / "volunteers.csv", dtype=str, keep_default_na=False)
    students = volunteers["notes"] == "杭州电子科技大学"
    assert students.sum() >= 3
    volunteers["phone"] = [f"139-2580-{i:04d}" for i in range(1, len(volunteers) + 1)]
    volunteers["notes"] = [f"私密备注{vid}" for vid in volunteers["volunteer_id"]]
    volunteers.loc[students, "notes"] = "党委共建"
    volunteers.to_csv(workbook / "volunteers.csv", index=False)
    assert "党委共建" in MEETING
    out = tmp_path / "out"
    executed = execute(tmp_path, workbook=str(workbook), quarter="2023Q3", time_limit=10.0,
                       out_dir=str(out))
    page = render(executed)
    assert network_requests(page) == []
    fields = {"page": html_values(page), "notebook": notebook_values(executed),
              **folder_values(out)}
    notes = set(volunteers["notes"])
    phones = list(volunteers["phone"])
    for name, values in fields.items():
        assert not notes & set(values), name
        assert shows_phone(values, phones) == [], name
    for name in ("page", "notebook", "report.html", "plan.xlsx", "plan.json"):
        assert MEETING in fields[name], name
    assert any(v.startswith(MEETING) for v in fields["calendars/center.ics"])


def test_public_report_of_a_short_plan(tmp_path: Path) -> None:
    body = render(execute(tmp_path, workbook=str(DATA / "tiny"), audience="public",
                          time_limit=5.0, out_dir=str(tmp_path / "out")))
    assert '<table class="figures">' in body and "<th>Activities (placed / planned)</th>" in body
    assert 'id="weeks"' in body and 'id="duties"' in body and 'class="grid"' in body
    assert network_requests(body) == []
    problem, _ = tiny_case()
    assert not [p for p in phone_numbers(problem) if p in body]
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"report.html", "plan.xlsx", "plan.json", "calendars"} <= written


def test_internal_report_of_a_saved_plan(tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "qianjin-2023")
    body = render(execute(tmp_path, workbook=str(DATA / "qianjin-2023"), plan_path=str(path),
                          audience="internal"))
    assert '<table class="figures">' in body
    assert "小候鸟夏令营" in body
    staffed = {s.volunteer_id for s in plan.staffing}
    assert all(v.phone in body for v in problem.volunteers if v.volunteer_id in staffed)


def test_a_solve_folder_is_shared_with_its_hand_edits_and_never_replaced(
        tmp_path: Path) -> None:
    # the page shows what the coordinator corrected in the tables, as `export` does
    from matching.cli import main

    folder = tmp_path / "plan"
    assert main(["solve", str(DATA / "tiny"), "--out", str(folder), "--time-limit", "5",
                 "--quiet"]) == 0
    table = folder / "assignments.csv"
    text = table.read_text(encoding="utf-8-sig")
    row = next(line for line in text.splitlines() if line.startswith("b1,"))
    assert row == "b1,scheduled,2024-03-06 18:00,2024-03-06 20:00,studio,"
    table.write_text(text.replace(row, "b1,scheduled,2024-03-06 19:00,2024-03-06 21:00,"
                                       "studio,"), encoding="utf-8")
    executed = execute(tmp_path, workbook=str(DATA / "tiny"), plan_path=str(folder))
    body = render(executed)
    assert "19:00–21:00" in body and "18:00–20:00" not in body
    assert "assignments.csv in" not in body  # the note is for whoever runs it
    assert "assignments.csv in" in executed.read_text(encoding="utf-8")
    with pytest.raises(papermill.PapermillExecutionError, match="folder of the plan shared"):
        execute(tmp_path, workbook=str(DATA / "tiny"), plan_path=str(folder),
                out_dir=str(folder))
    assert (folder / "assignments.csv").exists()


def test_a_workbook_without_a_plan_stops_the_notebook_saying_why_in_its_language(
        tmp_path: Path) -> None:
    """Before, the notebook rendered an empty plan's report and then failed on "the plan
    breaks 2 hard rule(s)", in English, for a Chinese workbook."""
    book = shutil.copytree(DATA / "tiny", tmp_path / "tiny")
    settings = book / "settings.csv"
    settings.write_text(settings.read_text(encoding="utf-8-sig").replace(
        "language,en", "language,zh"), encoding="utf-8")
    roles = book / "roles.csv"  # three first-aiders for a3; the workbook has two
    roles.write_text(roles.read_text(encoding="utf-8-sig").replace(
        "a3,first_aid,1,1,1", "a3,first_aid,3,3,3"), encoding="utf-8")
    with pytest.raises(papermill.PapermillExecutionError, match="没有方案："):
        execute(tmp_path, workbook=str(book), time_limit=3)
    shown = nbformat.read(tmp_path / "shared.ipynb", as_version=4)
    pages = [str(o.get("data", {}).get("text/html", "")) for c in shown.cells
             if c.cell_type == "code" for o in c.outputs]
    assert not any("Tiny test center" in page for page in pages)  # no cover rendered


def test_an_out_dir_of_other_files_is_replaced_only_when_forced(tmp_path: Path) -> None:
    """The refusal names the notebook's own way to force it (``-p force True``), not the
    command line's ``--force``, which the notebook has no parameter for."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "minutes.docx").write_bytes(b"the committee's minutes")
    with pytest.raises(papermill.PapermillExecutionError, match="pass -p force True"):
        execute(tmp_path, workbook=str(DATA / "tiny"), time_limit=2.0, out_dir=str(out))
    assert [p.name for p in out.iterdir()] == ["minutes.docx"]
    execute(tmp_path, workbook=str(DATA / "tiny"), time_limit=2.0, out_dir=str(out),
            force=True)
    assert SHARED - {"calendars/center.ics"} <= {p.name for p in out.iterdir()}
    assert (out / "calendars" / "center.ics").is_file()
