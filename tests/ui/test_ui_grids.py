"""The planner's data grid follows the scope, and the header says when the plan shown
was made before the latest edits (driven through the widgets, as a coordinator would)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("ipydatagrid")

from matching.plan import Plan
from matching.ui import PlannerApp, Scope
from matching.ui.grids import SCROLL_SCRIPT, rows_in_scope

TIMEOUT = 60
STALE_EN = "plan shown is from before your edits — Solve again"
STALE_ZH = "显示的是修改数据之前的方案——请重新求解"


@pytest.fixture
def app(tiny_dir: Path, tmp_path: Path) -> PlannerApp:
    shutil.copytree(tiny_dir, tmp_path / "tiny")
    return PlannerApp(tmp_path / "tiny", time_limit=5, workers=1, seed=0)


@pytest.fixture(scope="module")
def year() -> PlannerApp:
    """The embedded year, scoped to its summer quarter (read only: no test edits it)."""
    return PlannerApp(scope="2023Q3", time_limit=5, workers=1, seed=0)


def solve(app: PlannerApp) -> None:
    app.controls.solve_button.click()
    assert app.wait(TIMEOUT) and app.state.status == "solved", app.state.message


def test_a_quarter_shows_its_own_rows(year: PlannerApp) -> None:
    state, grid = year.state, year.data.grid
    total = len(state.tables["activities"])
    in_quarter = {a.activity_id for a in state.problem.activities}
    assert total == 343 and 0 < len(in_quarter) < total
    year.data.table.value = "activities"
    shown = grid.data
    assert set(shown["activity_id"]) == in_quarter and len(shown) == len(in_quarter)
    # the grid keeps the workbook's row numbers, so an issue's row is the row shown
    table = state.tables["activities"]
    assert list(shown.index) == [table.index[p] for p in year.data.positions]
    assert f"显示本范围的 {len(in_quarter)} 行（共 343 行）" in year.data.summary.value
    year.data.table.value = "roles"
    roles = state.tables["roles"]
    assert set(year.data.grid.data["activity_id"]) == in_quarter & set(roles["activity_id"])
    assert len(year.data.grid.data) == roles["activity_id"].isin(in_quarter).sum()
    assert year.data.all_rows.layout.display is None  # offered where rows are left out
    year.data.table.value = "rooms"  # not a table of activities: every row
    assert len(year.data.grid.data) == len(state.tables["rooms"])
    assert year.data.all_rows.layout.display == "none"
    year.data.table.value = "activities"
    year.data.all_rows.value = True
    assert len(grid.data) == 343 and year.data.summary.value.startswith("343 行")
    year.data.all_rows.value = False
    assert len(grid.data) == len(in_quarter)


@pytest.mark.slow
def test_an_edit_in_a_scoped_grid_reaches_its_row(tmp_path: Path, qianjin_dir: Path
                                                   ) -> None:
    shutil.copytree(qianjin_dir, tmp_path / "year")
    app = PlannerApp(tmp_path / "year", scope="2023Q3", time_limit=5, workers=1)
    editor, table = app.data, app.state.tables["activities"]
    # a row shown at another place than it has in the table (rows of other quarters
    # come before it)
    shown = next(n for n, p in enumerate(editor.positions) if p != n)
    editor.edit(shown, "title", "Renamed in the grid")
    assert table.iloc[editor.positions[shown]]["title"] == "Renamed in the grid"
    assert (table["title"] == "Renamed in the grid").sum() == 1
    # a bad value in the scope is shaded on the row where it is shown
    editor.edit(shown, "duration_minutes", "long")
    [issue] = app.state.errors_only()
    assert issue.row == table.index[editor.positions[shown]]
    assert f"indexof([{shown}]" in str(
        editor.grid.renderers["duration_minutes"].background_color.value)


def test_an_issue_outside_the_scope_shows_every_row(tmp_path: Path,
                                                    qianjin_dir: Path) -> None:
    shutil.copytree(qianjin_dir, tmp_path / "year")
    app = PlannerApp(tmp_path / "year", scope="2023Q3", time_limit=5, workers=1)
    hidden = next(p for p in range(343) if p not in app.data.positions)
    app.state.edit_cell("activities", hidden, "duration_minutes", "long")
    app.data.refresh_issues()
    app.data.issue_list.value = 0
    assert app.data.all_rows.value and len(app.data.grid.data) == 343
    column = list(app.state.tables["activities"].columns).index("duration_minutes")
    assert app.data.grid.selections == [{"r1": hidden, "c1": column,
                                         "r2": hidden, "c2": column}]
    # and scrolled to: ipydatagrid never scrolls to a selection by itself
    assert app.data.grid_class in app.data.grid._dom_classes
    [shown] = app.data.scroller.outputs
    assert shown["data"]["application/javascript"] == SCROLL_SCRIPT.format(
        grid=app.data.grid_class, x=(column - 1) * 120, y=(hidden - 3) * 20)


def test_after_a_blank_row_the_grid_marks_and_selects_the_row_of_the_issue(
        tmp_path: Path, tiny_dir: Path) -> None:
    """A blank line before a3 in the file: a3 is the file's row 5, the grid's third."""
    shutil.copytree(tiny_dir, tmp_path / "w")
    path = tmp_path / "w" / "activities.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:3], ",,", *lines[3:]]) + "\n", encoding="utf-8")
    app = PlannerApp(tmp_path / "w", time_limit=5, workers=1)
    app.data.table.value = "activities"
    assert list(app.data.grid.data.index) == [2, 3, 5, 6, 7]
    app.data.edit(2, "duration_minutes", "long")
    [issue] = app.state.errors_only()
    assert issue.row == 5
    assert "indexof([2]" in str(app.data.grid.renderers["duration_minutes"].background_color.value)
    app.data.refresh_issues()
    app.data.issue_list.value = 0
    column = list(app.state.tables["activities"].columns).index("duration_minutes")
    assert app.data.grid.selections == [{"r1": 2, "c1": column, "r2": 2, "c2": column}]


def test_scope_switch_refilters_and_a_new_row_stays_in_sight(app: PlannerApp) -> None:
    editor = app.data
    assert len(editor.grid.data) == 5
    assert editor.all_rows.layout.display == "none"  # the quarter is the whole workbook
    app.controls.scope.value = Scope("theme", "spring")
    assert editor.all_rows.layout.display is None
    assert list(editor.grid.data["activity_id"]) == ["a1", "a2", "a3"]
    assert rows_in_scope(app.state, "roles") == [0, 1, 2, 3]
    editor.add_button.click()  # a blank activity belongs to no scope yet: shown
    assert list(editor.grid.data["activity_id"]) == ["a1", "a2", "a3", ""]
    assert editor.positions == [0, 1, 2, 5]
    editor.edit(3, "activity_id", "a9")
    assert app.state.tables["activities"].iloc[5]["activity_id"] == "a9"


def test_the_header_says_a_plan_is_stale_until_the_next_solve(app: PlannerApp) -> None:
    assert STALE_EN not in app.header.value  # no plan, nothing stale
    app.data.table.value = "rooms"
    app.data.edit(0, "capacity", "45")
    assert STALE_EN not in app.header.value
    solve(app)
    assert not app.state.plan_stale and STALE_EN not in app.header.value
    app.data.edit(0, "capacity", "50")
    assert app.state.plan_stale and STALE_EN in app.header.value
    app.controls.language.value = "zh"
    assert STALE_ZH in app.header.value
    assert app.data.table.value == "rooms"  # the table shown stays, in the new language
    app.data.edit(0, "capacity", "lots")  # invalid: the old plan is still the one shown
    assert STALE_ZH in app.header.value
    app.data.edit(0, "capacity", "50")
    solve(app)
    assert STALE_ZH not in app.header.value and not app.state.plan_stale
    app.data.add_button.click()
    assert STALE_ZH in app.header.value


@pytest.mark.slow
def test_a_stop_before_any_new_plan_keeps_the_stale_label(app: PlannerApp) -> None:
    solve(app)
    app.data.table.value = "rooms"
    app.data.edit(0, "capacity", "50")
    state = app.state
    problem = state.begin_solve()
    state.status = "stopping"
    state.accept(problem, Plan((), status="UNKNOWN", meta={"stopped_by_user": "yes"}))
    assert state.plan_stale  # the plan kept is still the one from before the edit


def test_an_error_says_what_was_expected_and_a_warning_what_was_found(
        app: PlannerApp) -> None:
    """A warning is a finding ("the room is never open"), not what the cell should hold."""
    app.add_row("rooms")
    row = app.state.tables["rooms"].index[-1]
    app.edit_cell("rooms", len(app.state.tables["rooms"]) - 1, "room_id", "attic")
    app.edit_cell("rooms", len(app.state.tables["rooms"]) - 1, "name", "Attic")
    app.edit_cell("rooms", len(app.state.tables["rooms"]) - 1, "capacity", "lots")
    [error] = [i for i in app.state.issues if i.table == "rooms" and i.severity == "error"]
    assert " · expected a whole number" in app.data.describe(error)
    app.edit_cell("rooms", len(app.state.tables["rooms"]) - 1, "capacity", "4")
    [warning] = [i for i in app.state.issues if i.table == "rooms" and i.row == row]
    shown = app.data.describe(warning)
    assert shown.startswith("⚠") and " · note: " in shown and "expected" not in shown
