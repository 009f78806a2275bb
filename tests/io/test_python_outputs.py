"""The Python API's savers keep what the command line keeps: a file the toolkit did not
write is replaced only with ``force=True``, and the refusal names that argument, not
the command line's option. A slip of the path (the workbook's own, a coordinator's
notes) loses nothing."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from plan_cases import DATA, tiny_case, tiny_tables

from matching.actuals import Review, read_actuals, save_review, save_template
from matching.export import save_calendars, save_excel, save_report
from matching.io import load_plan, load_problem, save_plan, save_workbook
from matching.io.outputs import OutputFileError, OutputFolderError
from matching.io.planfile import PlanFileError
from matching.scenario import Scenario

NOTES = "<p>the coordinator's own notes</p>\n"


def _savers() -> dict[str, tuple[str, Callable[..., object]]]:
    problem, plan = tiny_case()
    return {
        "excel": ("plan.xlsx", lambda path, **kw: save_excel(problem, plan, path, **kw)),
        "report": ("report.html", lambda path, **kw: save_report(problem, plan, path, **kw)),
        "template": ("came.xlsx", lambda path, **kw: save_template(problem, plan, path, **kw)),
        "plan": ("plan.json", lambda path, **kw: save_plan(plan, problem, path, **kw)),
        "scenario": ("what-if.yaml", lambda path, **kw: Scenario("rain").save(path, **kw)),
    }


@pytest.mark.parametrize("kind", list(_savers()))
def test_a_file_the_toolkit_did_not_write_is_replaced_only_with_force(
        tmp_path: Path, kind: str) -> None:
    name, save = _savers()[kind]
    path = tmp_path / name
    path.write_text(NOTES, encoding="utf-8")
    with pytest.raises(OutputFileError, match="force=True") as refused:
        save(path)
    assert "--force" not in str(refused.value)
    assert path.read_text(encoding="utf-8") == NOTES  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no litter either
    save(path, force=True)
    assert path.read_text(encoding="utf-8", errors="replace") != NOTES


@pytest.mark.parametrize("kind", list(_savers()))
def test_what_the_toolkit_wrote_is_written_again_without_force(tmp_path: Path,
                                                               kind: str) -> None:
    name, save = _savers()[kind]
    path = tmp_path / name
    save(path)
    first = path.stat().st_mtime_ns
    save(path)
    assert path.stat().st_mtime_ns >= first
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_the_workbook_itself_is_never_written_over_by_a_slip_of_the_path(
        tmp_path: Path) -> None:
    workbook = tmp_path / "center.xlsx"
    problem, plan = tiny_case()
    save_workbook(tiny_tables(), workbook)
    sheets = openpyxl.load_workbook(workbook).sheetnames
    with pytest.raises(OutputFileError, match="force=True"):
        save_excel(problem, plan, workbook)
    assert openpyxl.load_workbook(workbook).sheetnames == sheets
    assert load_problem(workbook).fingerprint == problem.fingerprint


@pytest.mark.parametrize(("save", "suffix"), [(save_excel, ".html"), (save_report, ".xlsx")])
def test_a_file_named_for_another_format_is_refused(tmp_path: Path, save: Callable[..., object],
                                                    suffix: str) -> None:
    problem, plan = tiny_case()
    with pytest.raises(ValueError, match=rf"plan{suffix}"):
        save(problem, plan, tmp_path / f"plan{suffix}")
    assert not list(tmp_path.iterdir())


def test_a_report_of_what_happened_keeps_someones_file(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    template = save_template(problem, plan, tmp_path / "came.xlsx")
    review = Review(problem, plan, read_actuals(template, problem, plan))
    notes = tmp_path / "review.html"
    notes.write_text(NOTES, encoding="utf-8")
    with pytest.raises(OutputFileError, match="force=True"):
        save_review(review, notes)
    assert notes.read_text(encoding="utf-8") == NOTES


def test_a_calendar_folder_refusal_names_the_python_argument(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    folder = tmp_path / "calendars"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="force=True") as refused:
        save_calendars(problem, plan, folder)
    assert "--force" not in str(refused.value)


def test_a_plan_is_not_saved_for_a_workbook_it_was_not_made_for(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    other = dataclasses.replace(problem, activities=problem.activities[1:],
                                roles=tuple(r for r in problem.roles
                                            if r.activity_id != problem.activities[0].activity_id))
    gone = problem.activities[0].activity_id
    with pytest.raises(PlanFileError, match=rf"plan.json: not saved: the plan names 1 id\(s\) "
                                            rf"the problem it is saved with does not have "
                                            rf"\({gone}\); save it with the workbook"):
        save_plan(plan, other, tmp_path / "plan.json")
    assert not list(tmp_path.iterdir())
    # its own workbook's plan saves, and reads back against it
    save_plan(plan, problem, tmp_path / "plan.json")
    assert load_plan(tmp_path / "plan.json", problem).assignments == plan.assignments


def test_a_copy_of_the_workbook_folder_is_kept_whole(tmp_path: Path) -> None:
    """The folder form of a workbook: its CSV files are nobody's export either."""
    folder = shutil.copytree(DATA / "tiny", tmp_path / "tiny")
    problem, plan = tiny_case()
    before = (folder / "activities.csv").read_bytes()
    with pytest.raises(OutputFileError):
        save_plan(plan, problem, folder / "activities.csv")
    assert (folder / "activities.csv").read_bytes() == before


def test_a_draft_scenario_file_without_changes_is_saved_over(tmp_path: Path) -> None:
    draft = tmp_path / "storm.yaml"
    draft.write_text("name: storm\ndescription: to fill in\n", encoding="utf-8")
    Scenario.load(draft).save(draft)
    assert Scenario.load(draft).name == "storm"
    (tmp_path / "list.json").write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(OutputFileError):
        Scenario("storm").save(tmp_path / "list.json")
