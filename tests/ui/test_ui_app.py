"""The planner app driven headlessly, as a coordinator would: set widget values, click
buttons, wait for the worker thread, and check the model (no browser involved)."""

from __future__ import annotations

import html
import re
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("ipydatagrid")

from matching.i18n import say
from matching.problem.select import first_quarter, quarters
from matching.ui import PlannerApp, Scope

TIMEOUT = 60


@pytest.fixture
def workbook(tiny_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny workbook, so that saving cannot touch the repository."""
    target = tmp_path / "tiny"
    shutil.copytree(tiny_dir, target)
    return target


@pytest.fixture
def app(workbook: Path) -> PlannerApp:
    return PlannerApp(workbook, time_limit=5, workers=1, seed=0)


def solve(app: PlannerApp) -> None:
    """Press Solve and wait for the worker, as a coordinator waits for the plan."""
    app.controls.solve_button.click()
    assert app.wait(TIMEOUT), "the solve did not finish"


def test_loads_the_workbook_in_its_language(app: PlannerApp, workbook: Path) -> None:
    state = app.state
    assert state.status == "loaded"
    assert state.source == workbook
    assert state.language == "en" and app.controls.language.value == "en"
    assert state.scope == Scope("quarter", "2024Q1")
    assert len(state.problem.activities) == 5
    assert "Tiny test center" in app.header.value
    assert app.controls.solve_button.description == "Solve"
    assert app.data.grid.data.shape[0] == 5  # activities are shown first


def test_solve_runs_in_a_thread_and_fills_every_page(app: PlannerApp) -> None:
    app.controls.solve_button.click()
    assert app.busy or app.state.status in ("solving", "solved")
    assert app.wait(TIMEOUT)
    state = app.state
    assert state.status == "solved", state.message
    assert state.score is not None and state.score.feasible
    assert {a.activity_id for a in state.plan.scheduled} == {"a1", "a2", "a3", "a4", "b1"}
    assert state.progress is not None and state.progress.solutions >= 1
    shown = app.footer.figures.value
    assert "5/5 activities scheduled" in shown and "objective" in shown  # figures on hover
    assert app.footer.log.value  # the solver's log arrived
    assert not app.controls.solve_button.disabled and app.controls.stop_button.disabled
    # plans by room, volunteer and theme, as inspectable figures
    room = app.results.timelines["room"].figure
    bars = {row[0] for trace in room.data for row in trace.customdata}
    assert bars == {"a1", "a2", "a3", "a4", "b1"}
    assert {lane for trace in room.data for lane in trace.y} == {"Hall", "Studio"}
    people = app.results.timelines["volunteer"].figure
    assert "Ann Lee" in {lane for trace in people.data for lane in trace.y}
    assert app.results.timelines["theme"].figure.data
    assert app.results.calendar.figure.data
    assert app.results.load.figure.data
    assert app.results.timelines["room"].widget.outputs[0]["data"][
        "application/vnd.plotly.v1+json"]["data"]
    # score breakdown and KPIs
    assert "Use every volunteer" in app.results.score_table.value
    assert "activities scheduled" in app.results.kpi_table.value
    assert app.nav.page == "by_room"
    assert app.nav.stack.selected_index == list(app.pages).index("by_room")
    assert app.nav.group_buttons["plan"].button_style == "primary"


def test_rule_switches_and_weights_reach_the_solver(app: PlannerApp) -> None:
    app.controls.switches["use_everyone"].value = False
    app.controls.sliders["preferred_room"].value = 7
    settings = app.state.solver_settings()
    assert settings.weights["use_everyone"] == 0
    assert settings.weights["preferred_room"] == 7
    app.controls.time_limit.value = 3
    assert app.state.solver_settings().time_limit == 3
    assert app.state.solver_settings().repeatable and app.controls.repeatable.value
    app.controls.repeatable.value = False
    assert not app.state.solver_settings().repeatable
    app.controls.repeatable.value = True
    solve(app)
    assert app.state.plan is not None and app.state.plan.meta["repeatable"] == "yes"
    table = app.state.score.table().set_index("constraint")
    assert table.loc["use_everyone", "weight"] == 0
    assert table.loc["use_everyone", "penalty"] == 0
    assert table.loc["preferred_room", "weight"] == 7


def test_bad_edit_points_at_its_cell_and_a_fix_clears_it(app: PlannerApp) -> None:
    editor = app.data
    editor.table.value = "rooms"
    editor.edit(0, "capacity", "lots")  # as if typed into the grid
    state = app.state
    assert state.status == "invalid"
    [issue] = state.errors_only()
    assert (issue.table, issue.row, issue.column, issue.value) == ("rooms", 2, "capacity",
                                                                    "lots")
    assert "whole number" in issue.expected or "integer" in issue.expected
    assert "capacity" in editor.issue_list.options[0][0]
    assert "capacity" in editor.grid.renderers  # the cell is shaded
    editor.table.value = "activities"
    assert editor.issue_detail.value == ""
    editor.issue_list.value = 0  # the coordinator chooses the issue ...
    assert editor.table.value == "rooms"  # ... and is taken to its cell
    # and reads it whole below the list, wrapped, where the list cuts it at its width
    assert "white-space: normal" in editor.issue_detail.value
    assert html.escape(editor.issue_list.options[0][0]) in editor.issue_detail.value
    columns = list(state.tables["rooms"].columns)
    assert editor.grid.selections == [{"r1": 0, "c1": columns.index("capacity"),
                                       "r2": 0, "c2": columns.index("capacity")}]
    assert "the data have errors" in app.header.value
    assert app.solve() is None  # refused while the data have errors, saying why
    assert "1 error(s) to fix before solving" in app.header.value and not app.busy
    editor.edit(0, "capacity", "45")
    assert not state.errors_only() and state.problem.room_by_id["hall"].capacity == 45
    assert editor.grid.renderers == {}


def test_add_and_delete_rows(app: PlannerApp) -> None:
    app.data.table.value = "volunteers"
    app.data.add_button.click()
    state = app.state
    frame = state.tables["volunteers"]
    assert len(frame) == 5 and list(frame.index)[-1] == 6
    assert {i.column for i in state.errors_only()} >= {"volunteer_id", "name"}
    for column, value in (("volunteer_id", "v5"), ("name", "Eve Ma"), ("skills", "host")):
        app.data.edit(4, column, value)
    assert not state.errors_only()
    assert "v5" in state.workbook.volunteer_by_id
    app.data.grid.select(4, 0, clear_mode="all")
    app.data.delete_button.click()
    assert len(state.tables["volunteers"]) == 4
    assert "v5" not in state.workbook.volunteer_by_id


def test_save_is_atomic_and_refuses_bad_data(app: PlannerApp, workbook: Path) -> None:
    rooms = workbook / "rooms.csv"
    app.data.table.value = "rooms"
    app.data.edit(1, "name", "Small studio")
    app.data.save_button.click()
    assert app.state.status == "saved" and not app.state.dirty
    saved = rooms.read_bytes()
    assert "Small studio" in saved.decode("utf-8-sig")
    app.data.edit(1, "capacity", "-3")
    app.data.save_button.click()
    assert app.state.status == "invalid"
    assert rooms.read_bytes() == saved  # the old file is intact
    assert any(i.column == "capacity" for i in app.state.errors_only())


@pytest.mark.slow
def test_pin_then_resolve_keeps_the_pin(app: PlannerApp) -> None:
    solve(app)
    assert app.state.plan.assignment_of["a2"].start == datetime(2024, 3, 6, 9)
    app.show_page("activity")
    form = app.inspector
    form.activity.value = "a2"
    assert "Phone class 2" in form.details.value
    assert form.pin_time.value == "2024-03-06 09:00"  # the form starts from the plan
    form.pin_time.value = "2024-03-07 10:00"
    form.pin_room.value = "hall"
    form.pin_staff.value = (("teach", "v1"),)
    form.pin_button.click()
    assert app.state.status != "error", app.state.message
    assert app.state.pins["a2"].start == datetime(2024, 3, 7, 10)
    solve(app)
    placed = app.state.plan.assignment_of["a2"]
    assert (placed.start, placed.room_id) == (datetime(2024, 3, 7, 10), "hall")
    assert ("teach", "v1") in {(s.role, s.volunteer_id) for s in app.state.plan.staff_of["a2"]}
    assert app.state.score.feasible
    # candidates for the role, each with a reason
    form.activity.value = "a2"
    form.role.value = "teach"
    form.rank_button.click()
    ranked = form.last_candidates.set_index("volunteer_id")
    assert ranked.loc["v1", "status"] == "assigned"
    assert ranked.loc["v3", "status"] == "unavailable"  # mornings Mon/Wed/Fri only
    assert ranked.loc["v2", "status"] == "no_skill"
    assert list(form.last_candidates["rank"]) == sorted(form.last_candidates["rank"])
    form.unpin_button.click()
    assert "a2" not in app.state.pins


def test_pin_as_planned_and_a_bad_pin_is_shown(app: PlannerApp) -> None:
    solve(app)
    app.inspector.activity.value = "a3"
    app.inspector.pin_current_button.click()
    pin = app.state.pins["a3"]
    assert pin.start == app.state.plan.assignment_of["a3"].start and pin.staff
    app.inspector.pin_time.value = "next Tuesday"
    app.inspector.pin_button.click()
    assert "next Tuesday" in app.inspector.error  # a line on the page ...
    assert "next Tuesday" in app.inspector.message.value
    assert "Traceback" not in app.inspector.message.value
    assert app.state.status == "solved" and not app.state.errors  # ... not a traceback
    assert app.state.pins["a3"] == pin  # the old pin is kept


def test_language_switch_relabels_everything(app: PlannerApp) -> None:
    solve(app)
    app.controls.language.value = "zh"
    assert app.state.language == "zh"
    assert app.controls.solve_button.description == "求解"
    assert app.nav.group_buttons["data"].description == "数据"
    assert app.nav.page_buttons["attention"].description == "未排与缺人"
    assert app.data.add_button.description == "添加行"
    assert "已求解" in app.header.value
    assert app.results.timelines["room"].figure.layout.title.text == "按场地的时间线"
    assert "满足全部硬约束" in app.results.score_summary.value
    # the grid's header has the file's column names: their words are said above it
    app.data.table.value = "rooms"
    assert app.data.legend.value.startswith(
        "各列：场地编号（room_id）、名称（name）、容量（capacity）")
    app.controls.language.value = "en"
    assert app.nav.group_buttons["analysis"].description == "Analysis"
    assert app.data.legend.value == ""  # in English the words are the names
    assert app.results.timelines["room"].figure.layout.title.text == "Timeline by room"


def test_scope_switch(app: PlannerApp) -> None:
    app.controls.scope.value = Scope("theme", "spring")
    assert app.state.scope == Scope("theme", "spring")
    assert {a.activity_id for a in app.state.problem.activities} == {"a1", "a2", "a3"}
    assert "Spring week (3 activities)" in app.header.value
    # the whole workbook: its name once, not "Tiny test center · Tiny test center (5 …)"
    app.controls.scope.value = Scope()
    assert "Tiny test center</b> · all (5 activities)" in app.header.value


def test_errors_in_the_worker_are_shown(app: PlannerApp, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the solver fell over")

    monkeypatch.setattr("matching.ui.runner.solve", broken)
    solve(app)
    assert app.state.status == "error"
    assert "the solver fell over" in app.header.value
    assert "RuntimeError" in app.footer.errors.value
    assert not app.controls.solve_button.disabled


@pytest.mark.slow
def test_stop_keeps_the_best_plan_so_far(qianjin_dir: Path) -> None:
    app = PlannerApp(qianjin_dir, scope="2023Q3", time_limit=600, workers=1, seed=0)
    app.controls.solve_button.click()
    deadline = time.monotonic() + TIMEOUT
    while (app.state.progress is None or app.state.progress.solutions < 1) and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    assert app.state.progress is not None, "no solution within the timeout"
    stopped_at = time.monotonic()
    app.controls.stop_button.click()
    assert app.state.status == "stopping"
    assert app.wait(15), "the solve did not stop"
    assert time.monotonic() - stopped_at < 15
    assert app.state.status == "stopped"
    assert app.state.plan is not None and app.state.plan.meta["stopped_by_user"] == "yes"
    assert app.state.plan.scheduled and app.state.score.feasible
    assert 0 <= app.footer.bar.value < 0.5  # stopped after seconds of 600: not a full bar
    assert app.results.timelines["room"].figure.data


def test_a_workbook_with_errors_opens_for_fixing(workbook: Path) -> None:
    rooms = workbook / "rooms.csv"
    rooms.write_text(rooms.read_text(encoding="utf-8-sig").replace(",40,", ",forty,"),
                     encoding="utf-8")
    app = PlannerApp(workbook, time_limit=5, workers=1)
    state = app.state
    assert state.status == "invalid" and state.workbook is None
    [issue] = state.errors_only()
    assert (issue.table, issue.row, issue.column, issue.value) == ("rooms", 2, "capacity",
                                                                    "forty")
    app.data.issue_list.value = 0
    assert app.data.table.value == "rooms" and app.data.focus == ("rooms", 2, "capacity")
    # which workbook is open is said while it has errors (its header and scope list
    # said "—" and "All: ")
    assert "<b>Tiny test center</b>" in app.header.value
    assert app.controls.scope.options[0][0].endswith("Tiny test center")
    # the plan's pages say there is none yet, as the analysis page does, not a blank
    [shown] = app.results.timelines["room"].widget.outputs
    assert shown["data"]["text/plain"] == "No plan yet: press Solve."
    app.reload()  # read again, errors still in it: the scope its load asked for stays
    app.data.edit(0, "capacity", "40")
    assert state.status == "loaded" and state.problem is not None
    assert len(app.controls.scope.options) > 1  # the scopes of the now valid workbook
    # and the part a load of it chooses, its first quarter, not the whole workbook
    assert state.scope == Scope("quarter", "2024Q1") == app.controls.scope.value


def test_loading_another_workbook_starts_afresh(app: PlannerApp, tiny_dir: Path) -> None:
    solve(app)
    assert app.footer.log.value  # the last workbook's solver log: not this one's
    app.controls.scope.value = Scope("theme", "spring")
    app.state.pin("a1", room_id="hall")
    app.controls.path.value = str(tiny_dir)
    before = app.state.source
    app.controls.load_button.click()  # the pin would go: the first click says so
    assert app.state.source == before and app.state.pins
    assert "pins are not saved with the workbook: click again to discard them" in \
        app.header.value
    app.controls.load_button.click()
    assert app.state.source == tiny_dir and app.state.status == "loaded"
    assert app.state.scope == Scope("quarter", "2024Q1") and not app.state.pins
    assert app.controls.scope.value == Scope("quarter", "2024Q1")
    assert app.footer.log.value == ""


def test_shading_frees_the_widgets_it_replaces(app: PlannerApp) -> None:
    app.data.table.value = "rooms"
    app.data.edit(0, "capacity", "lots")
    [renderer] = app.data.grid.renderers.values()
    app.data.edit(0, "capacity", "many")
    assert renderer.comm is None  # closed


def test_a_missing_workbook_shows_in_the_app_instead_of_raising(tmp_path) -> None:
    app = PlannerApp(tmp_path / "nowhere")
    assert app.state.status == "error"
    assert "找不到工作簿" in app.header.value
    assert app.state.errors == [] and app.footer.errors.value == ""  # no traceback


def test_a_mistyped_path_keeps_the_workbook_the_language_and_says_so(
        app: PlannerApp, workbook: Path, tmp_path: Path) -> None:
    """The coordinator chose Chinese for an English workbook, then mistyped a path:
    the workbook in hand stays, the status says what is wrong in Chinese, and loading
    again keeps the chosen language and leaves no word of the failed load."""
    app.controls.language.value = "zh"
    app.load(tmp_path / "nowhere")
    assert app.state.status == "error" and app.state.source == workbook
    assert "找不到工作簿" in app.header.value and "Tiny test center" in app.header.value
    assert app.footer.errors.value == ""
    app.load("  ")  # an empty field is no path, not the current folder
    assert app.state.source == workbook and "请先填写工作簿的路径" in app.header.value
    app.load(workbook)
    assert app.tr.language == "zh" and app.controls.solve_button.description == "求解"
    assert app.state.status == "loaded" and "找不到" not in app.header.value


def test_why_there_is_no_plan_reads_in_the_apps_language(workbook: Path) -> None:
    """A must activity no room can hold: the header says so, in English and, after the
    switch, in Chinese (the conflict is a message, not English text)."""
    path = workbook / "activities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "a1,Phone class 1,spring,activity,s1,2024-03-04,2024-03-05,60,8,projector,,,high,",
        "a1,Phone class 1,spring,activity,s1,2024-03-04,2024-03-05,60,800,projector,,,must,"),
        encoding="utf-8")
    app = PlannerApp(workbook, time_limit=5, workers=1, seed=0)
    solve(app)
    assert app.state.status == "infeasible"
    assert "Phone class 1 (a1) must take place, but" in app.header.value
    app.set_language("zh")
    assert "Phone class 1（a1） 必须举办，但没有合适的场地" in app.header.value


def test_every_search_field_has_a_tip_in_the_apps_language(app: PlannerApp) -> None:
    """A label without a tip shows "null" on hover in the browser."""
    fields = (app.controls.time_limit, app.controls.workers, app.controls.seed)
    assert all(field.tooltip and field.tooltip.isascii() for field in fields)
    app.controls.language.value = "zh"
    assert all(field.tooltip and not field.tooltip.isascii() for field in fields)


def test_another_workbook_or_scope_shows_no_plan_as_its_own(app: PlannerApp,
                                                            workbook: Path) -> None:
    """A plan belongs to the workbook and the part of it it was made for: after a load,
    the status and progress of the last solve are gone; after another scope is chosen,
    its plan is too, and the header says to solve."""
    solve(app)
    assert app.state.status == "solved" and app.state.progress is not None
    assert app.results.plan is not None and app.footer.bar.value == 1.0
    app.controls.language.value = "zh"  # a finished search's bar stays full
    assert app.footer.bar.value == 1.0
    app.controls.language.value = "en"
    app.controls.scope.value = Scope("theme", "spring")
    assert app.state.plan is None and app.state.status == "loaded"
    assert "the scope changed: Solve to plan it" in app.header.value
    # nor do the pages and the footer show the last scope's plan under this one's name
    assert app.results.plan is None and "No plan yet" in app.results.kpi_table.value
    assert app.footer.bar.value == 0 and "scheduled" not in app.footer.figures.value
    solve(app)
    app.controls.path.value = str(workbook)
    app.controls.load_button.click()
    assert app.state.status == "loaded" and app.state.progress is None
    assert "solved" not in app.header.value
    assert app.footer.bar.value == 0 and "scheduled" not in app.footer.figures.value


def test_the_scope_cannot_change_under_a_running_solve(app: PlannerApp) -> None:
    app.controls.solve_button.click()
    assert app.controls.scope.disabled or not app.busy
    assert app.wait(TIMEOUT)
    assert not app.controls.scope.disabled


def test_a_file_that_is_no_workbook_keeps_the_workbook_and_its_issues(
        app: PlannerApp, tmp_path: Path) -> None:
    """A script typed for the workbook's path: the workbook in hand, its issues and
    Solve stay as they were, and the header says what the file is not."""
    issues = list(app.state.issues)
    script = tmp_path / "driver.py"
    script.write_text("print('hi')\n", encoding="utf-8")
    app.controls.path.value = str(script)
    app.controls.load_button.click()
    assert app.state.issues == issues and app.state.problem is not None
    assert "driver.py is no workbook that can be read" in app.header.value
    solve(app)
    assert app.state.status == "solved"


def test_save_with_errors_says_why_nothing_was_written(app: PlannerApp,
                                                       workbook: Path) -> None:
    before = (workbook / "rooms.csv").read_bytes()
    app.data.table.value = "rooms"
    app.data.edit(0, "capacity", "lots")
    app.data.save_button.click()
    assert (workbook / "rooms.csv").read_bytes() == before
    assert "1 error(s) to fix before saving (the file is unchanged)" in app.header.value


def test_a_load_says_which_of_edits_and_pins_it_would_discard(app: PlannerApp) -> None:
    """Right after a Save, a Load said "saved — unsaved changes or pins" where only the
    pins, which Save does not write, were at stake; it names what would be lost."""
    app.controls.path.value = str(app.state.source)
    app.state.pin("a1", room_id="hall")
    app.controls.load_button.click()
    assert "pins are not saved with the workbook" in app.status_text()
    app.data.table.value = "rooms"
    app.data.edit(0, "capacity", "41")
    app.controls.load_button.click()
    assert "unsaved changes and pins: click again to discard them" in app.status_text()
    app.state.unpin("a1")
    app.controls.load_button.click()  # the same edits: this click goes ahead
    assert not app.state.dirty


def test_reload_asks_before_dropping_edits_and_keeps_the_pins(app: PlannerApp) -> None:
    app.state.pin("a1", room_id="hall")
    app.data.table.value = "rooms"
    app.data.edit(0, "capacity", "41")
    app.data.reload_button.click()  # the edit would be lost: the first click says so
    assert app.state.problem.room_by_id["hall"].capacity == 41
    assert "unsaved changes: click again to discard them" in app.header.value
    app.data.reload_button.click()
    assert app.state.problem.room_by_id["hall"].capacity != 41 and not app.state.dirty
    assert set(app.state.pins) == {"a1"} and "1 pinned" in app.header.value


def test_the_header_says_what_a_running_search_has_reached(app: PlannerApp) -> None:
    """The progress line is at the page's foot, under the fold of a laptop's screen."""
    from matching.solver import Progress

    app.state.status = "solving"
    app._on_progress(Progress("staffing", 3, 1, 0.5, 2.0, 4, scheduled=4, activities=5,
                              seats_short=1))
    assert app.footer.plain(app.state.progress) in app.header.value
    assert "4/5" in app.header.value or "4 of 5" in app.header.value


def test_a_quarter_the_workbook_lacks_is_said_in_its_language_and_stops_a_notebook(
        workbook: Path) -> None:
    """Before, the header said it in Chinese for an English workbook (the language was
    set after the scope failed), and a notebook's next cell planned the whole workbook."""
    app = PlannerApp(workbook, scope="2023Q3", time_limit=5, workers=1)
    assert app.tr.language == "en"
    said = "error — no quarter or theme '2023Q3'; quarters: 2024Q1; themes: spring"
    assert app.status_text() == said and said in html.unescape(app.header.value)
    with pytest.raises(ValueError, match=re.escape(said)):
        app.ready()
    app.set_scope(app.state.scopes()[1][0])
    assert app.ready() is app


def test_a_workbook_with_errors_stops_a_notebook_too(workbook: Path) -> None:
    rooms = workbook / "rooms.csv"
    rooms.write_text(rooms.read_text(encoding="utf-8-sig").replace(",40,", ",forty,"),
                     encoding="utf-8")
    with pytest.raises(ValueError) as refused:
        PlannerApp(workbook, time_limit=5, workers=1).ready()
    assert "capacity" in str(refused.value) and "forty" in str(refused.value)


def test_without_a_scope_the_first_quarter_with_activities_is_planned(workbook: Path) -> None:
    """A horizon from the last days of December: its first quarter holds no activity."""
    settings = workbook / "settings.csv"
    settings.write_text(settings.read_text(encoding="utf-8-sig").replace(
        "horizon_start,2024-03-04", "horizon_start,2023-12-28"), encoding="utf-8")
    app = PlannerApp(workbook, time_limit=5, workers=1)
    assert app.state.scope == Scope("quarter", "2024Q1")
    assert len(app.state.problem.activities) == len(app.state.workbook.activities)
    assert first_quarter(app.state.workbook)[0] == "2024Q1"
    assert [q[0] for q in quarters(app.state.workbook)] == ["2023Q4", "2024Q1"]


def test_save_refuses_a_workbook_saved_by_someone_else_since_it_was_loaded(
        app: PlannerApp, workbook: Path) -> None:
    """Before, Save wrote the app's tables over a colleague's new volunteer."""
    people = workbook / "volunteers.csv"
    theirs = people.read_text(encoding="utf-8-sig") + "v5,Eve Sun,staff,host,adult,,,,\n"
    people.write_text(theirs, encoding="utf-8")
    app.data.table.value = "rooms"
    app.data.edit(1, "name", "Small studio")
    app.data.save_button.click()
    assert app.state.status == "error" and app.state.dirty
    assert "changed on disk since it was loaded" in html.unescape(app.header.value)
    assert people.read_text(encoding="utf-8") == theirs
    app.reload()  # read theirs, then the app's save is its own again
    app.data.table.value = "rooms"
    app.data.edit(1, "name", "Small studio")
    app.data.save_button.click()
    assert app.state.status == "saved"
    assert "v5,Eve Sun" in people.read_text(encoding="utf-8-sig")
    app.data.edit(1, "name", "Smaller studio")
    app.data.save_button.click()  # its own last save is no one else's
    assert app.state.status == "saved"


def test_a_load_that_would_discard_pins_says_so_over_the_last_solves_conflicts(
        app: PlannerApp) -> None:
    app.state.conflicts = (say("conflict.time_up"),)
    app.state.status = "infeasible"
    app.state.pin("a1", start="2024-03-04 09:00")
    app.controls.path.value = str(app.state.source)
    app.controls.load_button.click()
    assert "click again to discard them" in app.status_text()


def test_save_as_a_name_of_another_kind_of_file_is_refused(app: PlannerApp,
                                                           tmp_path: Path) -> None:
    """Before, ``notes.txt`` became a folder of CSV files."""
    app.data.table.value = "rooms"
    app.data.edit(1, "name", "Small studio")
    with pytest.raises(ValueError, match="is no workbook's name"):
        app.save(tmp_path / "notes.txt")
    assert not (tmp_path / "notes.txt").exists()
    assert app.save(tmp_path / "copy.v2")  # a folder with a dot in its name is a folder
    assert (tmp_path / "copy.v2" / "rooms.csv").exists()


def test_a_solve_without_a_plan_shows_its_own_outcome_not_the_last_plan(
        app: PlannerApp) -> None:
    """Before, the header said infeasible over the last plan's timelines and figures."""
    app.solve(wait=True)
    assert app.state.status == "solved" and app.state.plan.scheduled
    app.state.pin("a3", room_id="studio")  # 20 expected, the studio holds 10
    app.solve(wait=True)
    assert app.state.status == "infeasible"
    assert not app.state.plan.scheduled
    assert "Studio holds 10, 20 expected" in app.status_text()
    figures = app.state.kpis.set_index("name")["value"]
    assert figures["activities_scheduled"] == 0


def test_after_a_solve_without_a_plan_the_next_starts_from_the_last_plan_found(
        app: PlannerApp) -> None:
    app.solve(wait=True)
    good = app.state.plan
    app.state.pin("a3", room_id="studio")
    app.solve(wait=True)
    assert app.state.status == "infeasible" and app.state.plan is not good
    assert app.state.hint_for(app.state.begin_solve()) is good
    app.state.status = "solved"  # begin_solve marked it solving


def test_a_csv_file_beside_the_tables_is_not_the_workbook_changing(app: PlannerApp,
                                                                   workbook: Path) -> None:
    (workbook / "notes.csv").write_text("mine\n", encoding="utf-8")
    app.data.table.value = "rooms"
    app.data.edit(1, "name", "Small studio")
    app.data.save_button.click()
    assert app.state.status == "saved"


def test_a_scope_chosen_after_a_failed_first_load_keeps_the_failure(tmp_path: Path) -> None:
    app = PlannerApp(tmp_path / "nowhere.xlsx", time_limit=5, workers=1)
    app.state.set_scope(Scope())
    assert app.state.status == "error"
