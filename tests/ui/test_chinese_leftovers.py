"""The Chinese workbook gets a Chinese app: what the scenario builder, the data editor,
the header and the activity page say is in Chinese, and in English what English has
always said. Ids and the names a coordinator types (columns, fields) stay as typed."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA

pytest.importorskip("ipywidgets")

from matching import load_problem
from matching.problem.select import restrict
from matching.scenario import CHANGE_KINDS, Scenario, ScenarioError, workbook_tables
from matching.scenario.builder import ScenarioBuilder
from matching.ui import PlannerApp, PlannerState, ScenarioBuilderView


@pytest.fixture(scope="module")
def summer() -> dict[str, pd.DataFrame]:
    year = load_problem(DATA / "qianjin-2023")
    return workbook_tables(restrict(year, start=date(2023, 7, 1), end=date(2023, 9, 30)))


# -- 1. the scenario builder ----------------------------------------------------------------

#: One mistake a change, as the analyst makes it, and what English has always said of it.
MISTAKES = [
    ("close_room", {"room_id": "gym", "start": "2023-09-13", "end": "2023-09-15"},
     "error: change 1 (close_room), field 'room_id': got 'gym'; an id listed in rooms, or "
     "blank for the whole center (activity, discuss, farm, hall, kitchen, meeting, reading, "
     "square, study)"),
    ("close_room", {"room_id": "hall", "start": "13 Sept", "end": "2023-09-15"},
     "error: change 1 (close_room), field 'start': got '13 Sept'; a date-time YYYY-MM-DD "
     "HH:MM or a date YYYY-MM-DD"),
    ("close_room", {"end": "2023-09-15"},
     "error: change 1 (close_room), field 'start': a value (this field is required)"),
    ("close_room", {"start": "2023-09-15", "end": "2023-09-13"},
     "error: change 1 (close_room), field 'end': got '2023-09-13'; a moment after start (a "
     "bare date as end means the end of that day)"),
    ("room_hours", {"room_id": "hall", "start": "2023-09-13", "end": "2023-09-15",
                    "open": "18:00", "close": "09:00"},
     "error: change 1 (room_hours), field 'close': got '09:00'; a time after open"),
    ("volunteer_unavailable", {"start": "2023-09-13", "end": "2023-09-15"},
     "error: change 1 (volunteer_unavailable), field 'team': either volunteer_id or team "
     "(exactly one of them)"),
    ("volunteer_gone", {"volunteer_id": "V999"},
     "error: change 1 (volunteer_gone), field 'volunteer_id': got 'V999'; an id listed in "
     "volunteers (V001, V002, V003, V004, V005, V006, V007, V008, V009, V010, V011, V012, "
     "...)"),
    ("scale_attendance", {"factor": "-1"},
     "error: change 1 (scale_attendance), field 'factor': got '-1'; a factor of at least 0"),
    ("scale_attendance", {"factor": "2", "series_id": "no_such"}, None),
    ("set_weight", {"term": "stability_start", "value": "x"},
     "error: change 1 (set_weight), field 'value': got 'x'; a number"),
    ("set_weight", {"term": "no_such", "value": "1"}, None),
    ("add_activity", {"activity_id": "CAMP-01", "title": "t", "earliest_start": "2023-09-01",
                      "latest_end": "2023-09-02", "duration_minutes": "60",
                      "expected_attendance": "5"},
     "error: change 1 (add_activity), field 'activity_id': got 'CAMP-01'; an activity id "
     "not yet in activities"),
    ("add_room", {"room_id": "annex", "name": "Annex", "capacity": "9",
                  "hours": "Mondays"}, None),
    ("duty_limit", {"column": "no_such", "value": "3"}, None),
]


@pytest.mark.parametrize("kind, values, english", MISTAKES,
                         ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(MISTAKES)])
def test_a_mistake_in_the_builder_is_said_in_chinese(summer, kind: str, values: dict,
                                                     english: str | None) -> None:
    """What was expected is said in Chinese (not the English inside a Chinese line), and
    in English as it always was."""
    [issue] = ScenarioBuilder(summer).add(kind, values)
    assert issue.expectation("zh") != issue.expectation("en"), issue.render("zh")
    assert not re.search(r"\b(an?|the|of|or|not)\b", issue.expectation("zh"))
    if english is not None:
        assert str(issue) == english


def test_the_builder_view_speaks_the_apps_language(summer) -> None:
    typhoon = Scenario("台风", ())
    for language, error, label, hint, heading in [
            ("zh", "第 1 项变化（关闭场地） “场地编号（room_id）” 字段：填的是 “gym”，"
             "应为：场地表中列出的编号",
             "开始（start） *", "YYYY-MM-DD [HH:MM]（只写日期：到那一天结束）", "假设情景"),
            ("en", "error: change 1 (close_room), field 'room_id': got 'gym'; an id listed "
             "in rooms", "start *", "YYYY-MM-DD [HH:MM] (a date: to its end)", "what-if")]:
        view = ScenarioBuilderView(ScenarioBuilder(summer), language=language)
        assert f"<b>{heading}</b>" in view.widget.children[0].value
        view.kind.value = "close_room"
        assert view.inputs["start"].description == label
        assert view.inputs["end"].placeholder == hint
        view.inputs["room_id"].value = "gym"
        view.inputs["start"].value = "2023-09-13"
        view.inputs["end"].value = "2023-09-15"
        view.add_button.click()
        assert error in view.errors[0], view.errors
        named = ScenarioBuilderView(ScenarioBuilder(summer, typhoon), language=language)
        assert "<b>台风</b>" in named.widget.children[0].value


def test_every_field_of_every_change_has_a_word_and_its_name_in_english(summer) -> None:
    for language in ("zh", "en"):
        view = ScenarioBuilderView(ScenarioBuilder(summer), language=language)
        for kind in CHANGE_KINDS:
            view.kind.value = kind
            for name, text in view.inputs.items():
                label = text.description.removesuffix(" *")
                assert (re.search(f"[（，]{name}）$", label) is not None
                        and not label.startswith(name)
                        if language == "zh" else label == name), label


@pytest.mark.parametrize("language, shown", [
    ("zh", "运行失败：情景有 1 处错误："), ("en", "the scenario has 1 error:")])
def test_a_failed_run_is_said_in_the_apps_language(summer, language: str, shown: str
                                                   ) -> None:
    def run(scenario: Scenario) -> None:
        Scenario("s", (CHANGE_KINDS["freeze"](before="soon"),)).apply(summer)

    view = ScenarioBuilderView(ScenarioBuilder(summer), on_run=run, language=language)
    view.run_button.click()  # the view's output shows the traceback
    assert view.message.value.startswith(shown), view.message.value
    view.on_run = lambda scenario: (_ for _ in ()).throw(ValueError("no baseline"))
    view._ran = (-float("inf"), None)  # a click well after the first run, not its double
    view.run_button.click()
    assert view.message.value.endswith("ValueError: no baseline")  # the run's own words


def test_a_scenario_file_that_does_not_read_is_said_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"name": "x", "changes": [{"kind": "typhoon"}], "owner": 1,}',
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        Scenario.load(path)
    assert re.fullmatch(r"情景有 1 处错误：\n  错误：bad\.json 第 1 行第 \d+ 列："
                        r"有效的 JSON（.+）", info.value.render("zh"))
    assert re.fullmatch(r"error: bad\.json, line 1, column \d+: valid JSON \(.+\)",
                        str(info.value.issues[0]))
    path.write_text('{"name": "x", "changes": [{"kind": "typhoon"}], "owner": 1}',
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        Scenario.load(path)
    chinese = info.value.render("zh")
    assert "已知的键：name、description、changes" in chinese
    assert "变化类型之一：关闭场地（close_room）、改开放时间（room_hours）" in chinese
    assert "a known key: name, description, changes" in str(info.value)


# -- 2. the workbook's references, 3. the data editor's issues ------------------------------

def broken(qianjin_dir: Path, tmp_path: Path, edit: str) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(qianjin_dir, folder)
    if edit == "theme":
        path = folder / "activities.csv"
        path.write_text(path.read_text(encoding="utf-8").replace(
            ",Q3,activity,S-CAMP,", ",Q9,activity,S-CAMP,", 1), encoding="utf-8")
    else:
        (folder / "rooms.csv").unlink()
    return folder


@pytest.mark.parametrize("edit, zh, en", [
    ("theme", "✖ · 活动 · 第 2 行 · 主题编号（theme_id） · 填的是 “Q9” · 应为：主题表中列出的编号",
     "✖ · activities · row 2 · theme_id · got 'Q9' · expected an id listed in themes"),
    ("rooms", "✖ · 活动 · 首选场地（preferred_room） · 应为：活动表引用了场地表，但工作簿中没有"
     "可读取的场地表（名为 “rooms” 的工作表或 CSV 文件）",
     "✖ · activities · preferred_room · expected activities refers to rooms, but the "
     "workbook has no rooms table that could be read (a sheet or CSV file named 'rooms')"),
])
def test_a_reference_names_its_tables_in_the_apps_language(
        qianjin_dir: Path, tmp_path: Path, edit: str, zh: str, en: str) -> None:
    app = PlannerApp(broken(qianjin_dir, tmp_path, edit), time_limit=3)
    assert app.data.issue_list.options[0][0] == zh
    app.set_language("en")
    assert app.data.issue_list.options[0][0] == en


def test_an_issue_names_its_column_by_its_word_too(qianjin_dir: Path, tmp_path: Path
                                                   ) -> None:
    shutil.copytree(qianjin_dir, tmp_path / "w")
    app = PlannerApp(tmp_path / "w", time_limit=3)
    app.data.table.value = "rooms"
    app.data.edit(0, "capacity", "lots")
    assert app.data.issue_list.options[0][0] == (
        "✖ · 场地 · 第 2 行 · 容量（capacity） · 填的是 “lots” · 应为：不小于 1 的整数")
    app.set_language("en")
    assert app.data.issue_list.options[0][0] == (
        "✖ · rooms · row 2 · capacity · got 'lots' · expected a whole number of at least 1")


# -- 4. the header, 5. the activity page --------------------------------------------------

def header(app: PlannerApp) -> str:
    return re.sub(r"<[^>]+>", "", app.header.value)


@pytest.mark.parametrize("language, said", [
    ("zh", "出错 — 没有季度或主题 “2024Q2”；季度：2023Q1、2023Q2、2023Q3、2023Q4"),
    ("en", "error — no quarter or theme &#x27;2024Q2&#x27;; quarters: 2023Q1, 2023Q2, "
           "2023Q3, 2023Q4")])
def test_a_scope_the_workbook_lacks_is_said_in_the_apps_language(
        qianjin_dir: Path, language: str, said: str) -> None:
    app = PlannerApp(qianjin_dir, scope="2024Q2", language=language, time_limit=3)
    assert said in header(app) and "KeyError" not in header(app)
    assert app.footer.errors.value == ""  # a refusal is no failure of the program


@pytest.mark.parametrize("language, said", [
    ("zh", "出错 — 没有可保存到的工作簿路径：请先填写保存路径"),
    ("en", "error — no workbook path to save to")])
def test_a_failed_save_replaces_the_error_shown_before(tmp_path: Path, language: str,
                                                       said: str) -> None:
    app = PlannerApp(tmp_path / "no-such-workbook", language=language, time_limit=3)
    assert "no-such-workbook" in header(app)
    app.data.save_button.click()
    assert said in header(app) and "no-such-workbook" not in header(app)


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs Linux's /sys")
def test_a_save_the_system_refuses_is_said_in_the_apps_language(tmp_path: Path) -> None:
    """A save to where the system allows no write (or, on Windows, over a workbook open
    in Excel): the file asked for and why, in Chinese, as a refusal and not as a
    failure of the program with the hidden side file's name."""
    app = PlannerApp(DATA / "tiny", language="zh", time_limit=3)
    app.data.save_path.value = "/sys/tiny.xlsx"
    app.data.save_button.click()
    assert "出错 — 无法写入 /sys/tiny.xlsx：" in header(app), header(app)
    assert "Errno" not in header(app) and ".writing" not in header(app)
    assert app.footer.errors.value == ""


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs Linux's /sys")
def test_a_folder_save_the_system_refuses_is_a_refusal_too(tmp_path: Path) -> None:
    """A CSV folder on a read-only disk showed "OSError: [Errno 30] Read-only file
    system" and a traceback in the errors panel; an .xlsx there a sentence."""
    app = PlannerApp(DATA / "tiny", language="zh", time_limit=3)
    app.data.save_path.value = "/sys/tiny"
    app.data.save_button.click()
    assert "出错 — 无法写入 /sys/tiny：" in header(app), header(app)
    assert "OSError" not in header(app) and app.footer.errors.value == ""


def test_a_save_never_writes_over_another_workbook(tmp_path: Path) -> None:
    """Saving the tiny workbook into a copy of another center's folder replaced eight of
    its files and kept two (closures, preferences naming rooms and people it no longer
    has): a workbook of 35 errors, said to be saved."""
    other = shutil.copytree(DATA / "qianjin-2023", tmp_path / "qianjin")
    before = {f.name: f.read_bytes() for f in other.iterdir()}
    app = PlannerApp(DATA / "tiny", language="en", time_limit=3)
    for taken in (other, other / "rooms.csv"):
        app.data.save_path.value = str(taken)
        app.data.save_button.click()
        assert f"error — {taken} already exists" in header(app), header(app)
    assert {f.name: f.read_bytes() for f in other.iterdir()} == before
    # the refusal shown is gone once a save works: not "saved — … already exists"
    app.data.save_path.value = str(tmp_path / "mine")
    app.data.save_button.click()
    assert f"saved — {tmp_path / 'mine'} · 0 error(s), 0 warning(s)" in header(app), header(app)
    app.data.save_button.click()  # the workbook saved there is the one in hand now
    assert "already holds" not in header(app)
    # a folder with only what a file manager or Jupyter hides in it is free to save in
    hidden = tmp_path / "hidden"
    (hidden / ".ipynb_checkpoints").mkdir(parents=True)
    (hidden / ".DS_Store").write_bytes(b"")
    app.data.save_path.value = str(hidden)
    app.data.save_button.click()
    assert f"saved — {hidden} ·" in header(app), header(app)


def test_a_failure_replaces_the_error_shown_before(tmp_path: Path) -> None:
    state = PlannerState()
    assert not state.load(tmp_path / "nowhere") and state.conflicts
    state.fail(RuntimeError("the solver fell over"))
    assert state.conflicts == () and state.message == "RuntimeError: the solver fell over"


@pytest.mark.slow
@pytest.mark.parametrize("language, room, plan, unscheduled", [
    ("zh", "未完成：没有场地 “gym”", "未完成：还没有方案：请先求解",
     "未完成：CAMP-01 在当前方案中没有安排"),
    ("en", "Not done: no room &#x27;gym&#x27;", "Not done: there is no plan yet",
     "Not done: CAMP-01 is not scheduled in the plan")])
def test_the_activity_page_says_why_in_the_apps_language(
        qianjin_dir: Path, language: str, room: str, plan: str, unscheduled: str) -> None:
    from matching.plan import Plan

    app = PlannerApp(qianjin_dir, scope="2023Q3", language=language, time_limit=3)
    form, state = app.inspector, app.state
    form.guard(lambda: state.pin("CAMP-01", room_id="gym"))()
    assert room in form.message.value
    form.guard(lambda: state.pin_current("CAMP-01"))()
    assert plan in form.message.value
    state.plan = Plan(assignments=())
    form.guard(lambda: state.pin_current("CAMP-01"))()
    assert unscheduled in form.message.value
    with pytest.raises(KeyError):  # an unknown name is still a lookup's error
        state.pin("CAMP-01", staff=(("急救", "V999"),))


@pytest.mark.parametrize(("language", "said"), [("en", "the data have errors"),
                                                ("zh", "数据有误")])
def test_a_workbook_with_errors_opens_in_its_own_language(tmp_path: Path, language: str,
                                                         said: str) -> None:
    """An English workbook with a typo in an id opened the app in Chinese, and the
    notebook stopped with "数据有误" for it; its settings could be read all along."""
    folder = shutil.copytree(DATA / "tiny", tmp_path / "tiny")
    settings = (folder / "settings.csv").read_text(encoding="utf-8")
    (folder / "settings.csv").write_text(settings.replace("language,en", f"language,{language}"),
                                         encoding="utf-8")
    availability = (folder / "availability.csv").read_text(encoding="utf-8")
    (folder / "availability.csv").write_text(availability.replace("v1,Mon", "v9,Mon", 1),
                                             encoding="utf-8")
    app = PlannerApp(folder)
    assert app.tr.language == language
    with pytest.raises(ValueError, match=said):
        app.ready()
