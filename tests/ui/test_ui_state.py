"""The planner's model without widgets: what the grids and buttons call."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

from matching.plan import Plan
from matching.solver import solve
from matching.ui.runner import SolveRunner
from matching.ui.state import LogBuffer, PlannerState, Scope, embedded_workbook


@pytest.fixture
def state(tiny_dir: Path) -> PlannerState:
    state = PlannerState(time_limit=5, workers=1)
    assert state.load(tiny_dir)
    return state


def test_load_keeps_spreadsheet_row_numbers(state: PlannerState) -> None:
    frame = state.tables["activities"]
    assert list(frame.index) == [2, 3, 4, 5, 6]
    assert state.status == "loaded" and state.language == "en"
    assert state.weights["use_everyone"] == 5 and all(state.enabled.values())


def test_edit_cell_validates_and_names_the_cell(state: PlannerState) -> None:
    [issue] = state.edit_cell("activities", 2, "duration_minutes", "two hours")
    assert (issue.table, issue.row, issue.column) == ("activities", 4, "duration_minutes")
    assert state.status == "invalid"
    assert state.workbook is not None  # the last valid workbook is kept
    assert state.edit_cell("activities", 2, "duration_minutes", "90") == []
    assert state.status == "loaded"
    assert state.problem.activity_by_id["a3"].duration_minutes == 90
    with pytest.raises(KeyError):
        state.edit_cell("activities", 0, "no_such_column", "x")


def test_rows_are_renumbered_after_a_delete(state: PlannerState) -> None:
    state.delete_rows("roles", [0])
    assert list(state.tables["roles"].index) == [2, 3, 4, 5]
    position = state.add_row("closures", {"start": "2024-03-08 00:00",
                                          "end": "2024-03-09 00:00", "reason": "repairs"})
    assert position == 0 and not state.errors_only()
    assert state.workbook.closures[0].reason == "repairs"


def test_rows_are_named_as_in_the_file_after_a_blank_row(tmp_path: Path,
                                                          tiny_dir: Path) -> None:
    """A blank line between a2 and a3: the file's row 5 is a3, as `matching check` says,
    and the grid marks and edits it at position 2, until a save writes the rows close."""
    import shutil

    shutil.copytree(tiny_dir, tmp_path / "w")
    path = tmp_path / "w" / "activities.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",120,", ",two hours,")
    path.write_text("\n".join([*lines[:3], ",,,,", *lines[3:]]) + "\n", encoding="utf-8")
    state = PlannerState(time_limit=5, workers=1)
    state.load(tmp_path / "w")
    [issue] = [i for i in state.issues if i.column == "duration_minutes"]
    assert (issue.table, issue.row) == ("activities", 5)
    assert state.position_of("activities", 5) == 2 and state.position_of("activities", 4) is None
    [again] = state.edit_cell("activities", 2, "duration_minutes", "three hours")
    assert again.row == 5
    position = state.add_row("activities")
    assert state.tables["activities"].index[position] == 8
    state.delete_rows("activities", [position])
    assert state.edit_cell("activities", 2, "duration_minutes", "120") == []
    assert state.save()
    assert list(state.tables["activities"].index) == [2, 3, 4, 5, 6]


def test_scopes(state: PlannerState) -> None:
    scopes = dict(state.scopes())
    assert Scope("quarter", "2024Q1") in scopes and Scope("theme", "spring") in scopes
    state.set_scope(Scope("theme", "spring"))
    assert len(state.problem.activities) == 3
    with pytest.raises(KeyError):
        state.set_scope(Scope("quarter", "1999Q1"))


def test_weights_and_switches(state: PlannerState) -> None:
    state.enable("fairness", False)
    state.set_weight("room_fit", 4)
    weights = state.effective_weights()
    assert weights["fairness"] == 0 and weights["room_fit"] == 4
    assert state.weights["fairness"] == 1  # the slider's value survives the switch
    with pytest.raises(KeyError):
        state.enable("priority_high", False)  # tiers are not switches


def test_pins_are_checked_and_only_those_in_scope_are_sent(state: PlannerState) -> None:
    state.pin("a1", start="2024-03-04 10:00", room_id="hall", staff=(("teach", "v1"),))
    state.pin("b1", room_id="studio")
    assert state.pins["a1"].start == datetime(2024, 3, 4, 10)
    with pytest.raises(ValueError, match="start"):
        state.pin("a1", start="tomorrow")
    with pytest.raises(KeyError):
        state.pin("a1", room_id="roof")
    with pytest.raises(KeyError):
        state.pin("zz")
    with pytest.raises(ValueError, match="not on the 60-minute grid"):  # not moved silently
        state.pin("a1", start="2024-03-04 09:30")
    with pytest.raises(ValueError, match="has no role 'host'"):
        state.pin("a1", staff=(("host", "v1"),))
    assert state.pins["a1"].start == datetime(2024, 3, 4, 10)
    state.set_scope(Scope("theme", "spring"))
    assert [p.activity_id for p in state.solver_settings().pins] == ["a1"]


def test_accept_scores_the_plan_and_a_stop_without_a_plan_keeps_the_old_one(
        state: PlannerState) -> None:
    problem = state.begin_solve()
    assert state.status == "solving"
    with pytest.raises(RuntimeError):
        state.begin_solve()
    plan = solve(problem, state.solver_settings())
    state.accept(problem, plan)
    assert state.status == "solved" and state.score.feasible
    assert state.kpis is not None and state.hint_for(problem) is plan
    state.begin_solve()
    state.status = "stopping"
    state.accept(problem, Plan((), status="UNKNOWN", meta={"stopped_by_user": "yes"}))
    assert state.status == "stopped" and state.plan is plan


def test_runner_reports_errors_from_the_thread(state: PlannerState) -> None:
    runner = SolveRunner()
    done: list[object] = []
    runner.start(state.problem, state.solver_settings(), on_progress=lambda p: None,
                 on_log=lambda line: None, on_done=lambda plan: done.append(1 / 0),
                 on_error=done.append)
    assert runner.join(30)
    [error] = done
    assert isinstance(error, ZeroDivisionError)


def test_log_is_capped() -> None:
    log = LogBuffer(max_chars=100)
    for n in range(100):
        log.write(f"line {n}")
    assert len(log.text) <= 100 and log.text.endswith("line 99")


def test_embedded_workbook_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert (embedded_workbook() / "activities.csv").is_file()
    monkeypatch.setenv("MATCHING_WORKBOOK", str(tmp_path))
    assert embedded_workbook() == tmp_path


def test_save_to_a_new_xlsx(state: PlannerState, tmp_path: Path) -> None:
    target = tmp_path / "copy.xlsx"
    assert state.save(target)
    assert state.source == target
    again = PlannerState()
    assert again.load(target)
    assert len(again.workbook.activities) == 5
