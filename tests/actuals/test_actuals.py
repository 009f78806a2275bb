"""Actuals as data: the attendance template written from a plan, read back from Excel or
CSV, and validated with every error at once and departures from the plan as warnings."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from actuals_helpers import TINY, Filled, tiny_plan
from conftest import table
from plan_cases import FORMULA_CENTER, SCRIPT_NAME, formula_free_texts, hostile_case

from matching.actuals import (
    read_actuals,
    save_template,
    so_far,
    template_tables,
    validate_actuals,
)
from matching.cli import main
from matching.errors import DataError
from matching.greedy import greedy_plan
from matching.io import build_problem, read_tables, save_plan
from matching.plan import Assignment, Plan, Staffing
from matching.plan_view import PlanView
from matching.problem import Problem

Tiny = tuple[Problem, Plan]


def _template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    _, _, plan_path = tiny_plan(tmp_path)
    out = tmp_path / "template.xlsx"
    assert main(["export", str(plan_path), "--to", "attendance-template",
                 "--out", str(out)]) == 0
    assert f"written     {out}" in capsys.readouterr().out
    return out


def test_template_is_the_plan_filled_in_as_planned(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    problem, plan, _ = tiny_plan(tmp_path)
    book = openpyxl.load_workbook(_template(tmp_path, capsys))
    assert book.sheetnames == ["README", "actuals", "attendance", "Volunteer ids",
                               "Room ids", "matching-plan"]
    assert [sheet.sheet_state for sheet in book] == ["visible"] * 5 + ["hidden"]
    # an activity held in another room is recorded by the room's id: they are listed
    assert list(book["Room ids"].iter_rows(values_only=True)) == [
        ("Room id", "Name"), *((r.room_id, r.name) for r in problem.rooms)]
    readme = [row[0] or "" for row in book["README"].iter_rows(values_only=True)]
    assert readme[0] == "Tiny test center: what happened and who came (from 2024-03-04 " \
                        "to 2024-03-10)"
    assert any("python -m matching ledger" in line and "--actuals" in line for line in readme)
    actuals = list(book["actuals"].iter_rows(values_only=True))
    assert actuals[0] == ("activity_id", "title", "held", "start", "end", "room_id",
                          "participants", "note")
    assert [r[:6] for r in actuals[1:]] == [
        ("a1", "Phone class 1", "yes", datetime(2024, 3, 4, 9), datetime(2024, 3, 4, 10),
         "hall"),
        ("a4", "Welcome meeting", "yes", datetime(2024, 3, 4, 10), datetime(2024, 3, 4, 11),
         "studio"),
        ("a3", "First aid workshop", "yes", datetime(2024, 3, 5, 13),
         datetime(2024, 3, 5, 15), "hall"),
        ("a2", "Phone class 2", "yes", datetime(2024, 3, 6, 9), datetime(2024, 3, 6, 10),
         "hall"),
        ("b1", "Choir practice", "yes", datetime(2024, 3, 6, 18), datetime(2024, 3, 6, 20),
         "studio")]
    attendance = list(book["attendance"].iter_rows(values_only=True))
    assert attendance[0] == ("activity_id", "title", "volunteer_id", "name", "role",
                             "status", "hours")
    assert [(r[0], r[2], r[3], r[4], r[5], r[6]) for r in attendance[1:]] == [
        ("a1", "v3", "Chen Wu", "teach", "came", 1),
        ("a1", "v1", "Ann Lee", "teach", "came", 1),
        ("a4", "v1", "Ann Lee", "host", "came", 1),
        ("a3", "v2", "Bo Chen", "first_aid", "came", 2),
        ("a3", "v1", "Ann Lee", "host", "came", 2),
        ("a2", "v1", "Ann Lee", "teach", "came", 1),
        ("a2", "v3", "Chen Wu", "teach", "came", 1)]
    view = PlanView(problem, plan)
    for volunteer in problem.volunteers:  # the planned hours are the plan view's
        assert sum(r[6] for r in attendance[1:] if r[2] == volunteer.volunteer_id) == \
            view.hours_of(volunteer.volunteer_id)
    assert "hours" in book["attendance"]["G1"].comment.text.lower()
    assert book["attendance"].data_validations.dataValidation[0].formula1 == \
        '"came,no-show,swapped-in,left-early"'
    text = " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True)
                    for c in row)
    assert "000-0000-0001" not in text and "mornings only" not in text  # no phone, notes


def test_names_typed_as_formulas_stay_text_in_the_template(tmp_path: Path) -> None:
    """The center's name heads the instructions sheet, the volunteers' names fill the
    id sheet: typed as "=...", they are text, not formulas (one Excel could not even
    read and offers to repair)."""
    problem, plan = hostile_case()
    values = formula_free_texts(save_template(problem, plan, tmp_path / "template.xlsx"))
    assert any(v.startswith(FORMULA_CENTER) for v in values)
    assert SCRIPT_NAME in values and "+rescue" in values


def test_template_read_back_unchanged_is_the_plan(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    problem, plan, _ = tiny_plan(tmp_path)
    actuals = read_actuals(_template(tmp_path, capsys), problem, plan)
    assert actuals.warnings == ()
    assert {aid: (o.held, o.start, o.room_id) for aid, o in actuals.activities.items()} == {
        "a1": ("yes", datetime(2024, 3, 4, 9), "hall"),
        "a4": ("yes", datetime(2024, 3, 4, 10), "studio"),
        "a3": ("yes", datetime(2024, 3, 5, 13), "hall"),
        "a2": ("yes", datetime(2024, 3, 6, 9), "hall"),
        "b1": ("yes", datetime(2024, 3, 6, 18), "studio")}
    assert [(a.activity_id, a.volunteer_id, a.status, a.hours, a.row)
            for a in actuals.attendance] == [
        ("a1", "v3", "came", 1, 2), ("a1", "v1", "came", 1, 3), ("a4", "v1", "came", 1, 4),
        ("a3", "v2", "came", 2, 5), ("a3", "v1", "came", 2, 6), ("a2", "v1", "came", 1, 7),
        ("a2", "v3", "came", 1, 8)]


def test_an_activity_row_deleted_from_the_template_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The template has a row per planned activity; one deleted by mistake counted its
    activity as held as planned without a word."""
    problem, plan, _ = tiny_plan(tmp_path)
    filled = Filled(_template(tmp_path, capsys))
    filled.actuals.delete_rows(filled.activity("a3")["activity_id"].row)
    actuals = read_actuals(filled.save(tmp_path / "filled.xlsx"), problem, plan)
    assert [str(w) for w in actuals.warnings] == [
        "warning: actuals, column 'activity_id': 1 planned activities have no actuals row "
        "(a3): counted as held as planned"]
    assert [w.expectation("zh") for w in actuals.warnings] == [
        "1 项计划中的活动没有实际记录行（a3）：按计划举办计入"]


def test_a_template_read_against_another_plan_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A template of the plan before a what-if, read with the plan after it: the
    people of both were credited (the year: 1,391 h against 1,154.5), under 150
    warnings. The template names its plan; another is refused, saying how to make the
    right one. The same plan, the template saved again, reads."""
    problem, plan, _ = tiny_plan(tmp_path)
    template = _template(tmp_path, capsys)
    moved = dataclasses.replace(plan, staffing=plan.staffing[1:])
    with pytest.raises(DataError) as refused:
        read_actuals(template, problem, moved)
    [issue] = refused.value.issues
    assert issue.expectation("en") == (
        f"{template.name} is a template exported from another plan: activities counted "
        "are there at other times, in other rooms or with other people (a1); export one "
        "from the plan that ran with export --to attendance-template, and copy in the rows "
        "you filled")
    # said as what the file is, not as "got the file; expected another plan's template"
    assert issue.render("zh") == (
        f"错误：actuals：{template.name} 是按另一个方案导出的出勤登记表：计入的活动在那个方案里的"
        "时间、场地或人员不同（a1）；请用 export --to attendance-template "
        "从实际执行的方案重新导出，再把已填写的行抄过去")
    # a template written before activities were marked one by one names no activity
    older = Filled(template)
    del older.book["matching-plan"]
    with pytest.raises(DataError) as refused:
        read_actuals(older.save(tmp_path / "older.xlsx"), problem, moved)
    assert refused.value.issues[0].expectation("en") == (
        "older.xlsx is a template exported from another plan: it lists that plan's "
        "activities and people; export one from the plan that ran with export --to "
        "attendance-template")
    assert read_actuals(Filled(template).save(tmp_path / "again.xlsx"), problem,
                        plan).warnings == ()


def test_a_template_of_another_quarters_plan_is_said_to_be_not_in_this_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The first quarter's filled template with the second quarter's plan: none of its
    activities is in that plan, which the refusal said as 'there at other times, in
    other rooms or with other people'."""
    problem, plan, _ = tiny_plan(tmp_path)
    template = _template(tmp_path, capsys)
    later = dataclasses.replace(plan, assignments=tuple(
        dataclasses.replace(a, activity_id=f"q2-{a.activity_id}") for a in plan.assignments),
        staffing=())
    with pytest.raises(DataError) as refused:
        read_actuals(template, problem, later)
    assert refused.value.issues[0].expectation("en") == (
        f"{template.name} is a template exported from another plan: 5 activities it records "
        "are not in this plan (a1, a2, a3, a4, b1), as when it belongs to another quarter's "
        "plan; use it with the plan it was exported from (a ledger reads one plan)")
    # a re-plan that drops one activity is a re-plan of the same plan: not said so
    fewer = dataclasses.replace(plan, assignments=tuple(
        a for a in plan.assignments if a.activity_id != "a2"), staffing=tuple(
        x for x in plan.staffing if x.activity_id != "a2"))
    with pytest.raises(DataError, match=r"activities counted are there at other times, .*\(a2\)"):
        read_actuals(template, problem, fewer)


def test_a_template_of_the_plan_before_a_later_re_plan_counts_what_agrees(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The year's template filled in for the first quarter, then the rest of the year
    re-planned: the ledger of the first quarter was refused, the template being of
    another plan. What starts by --until must agree; what is planned otherwise later
    does not count yet."""
    problem, plan, _ = tiny_plan(tmp_path)
    template = _template(tmp_path, capsys)
    # Wednesday's a2 re-planned: v3 no longer on it
    later = dataclasses.replace(plan, staffing=tuple(
        s for s in plan.staffing if (s.activity_id, s.volunteer_id) != ("a2", "v3")))
    actuals = read_actuals(template, problem, later, date(2024, 3, 5))
    assert so_far(problem, later, actuals, date(2024, 3, 5)).actuals.warnings == ()
    # nor is a seat the re-plan adds later said to have lost its row
    added = dataclasses.replace(plan, staffing=(*later.staffing, Staffing("a2", "teach", "v2")))
    actuals = read_actuals(template, problem, added, date(2024, 3, 5))
    assert so_far(problem, added, actuals, date(2024, 3, 5)).actuals.warnings == ()
    with pytest.raises(DataError, match=r"activities counted are there .* \(a2\)"):
        read_actuals(template, problem, later, date(2024, 3, 6))
    # a2 recorded as held on Tuesday counts by Tuesday, though both plans have Wednesday
    filled = Filled(template)
    filled.activity("a2")["start"].value = datetime(2024, 3, 5, 9)
    filled.activity("a2")["end"].value = datetime(2024, 3, 5, 10)
    with pytest.raises(DataError, match=r"\(a2\)"):
        read_actuals(filled.save(tmp_path / "sooner.xlsx"), problem, later, date(2024, 3, 5))
    # an activity neither plan schedules (one plan without it) never started: unchanged
    unplanned = dataclasses.replace(plan, assignments=tuple(
        Assignment("b1") if a.activity_id == "b1" else a for a in plan.assignments))
    save_template(problem, unplanned, tmp_path / "unplanned.xlsx")
    without = dataclasses.replace(unplanned, assignments=tuple(
        a for a in unplanned.assignments if a.activity_id != "b1"))
    read_actuals(tmp_path / "unplanned.xlsx", problem, without, date(2024, 3, 5))
    plan_file = save_plan(later, problem, tmp_path / "later" / "plan.json", workbook=TINY)
    ledger = ["ledger", str(TINY), str(plan_file), "--actuals", str(template)]
    assert main([*ledger, "--out", str(tmp_path / "q1"), "--until", "2024-03-05"]) == 0
    assert main([*ledger, "--out", str(tmp_path / "q2"), "--until", "2024-03-06"]) == 1
    assert "(a2)" in capsys.readouterr().err


def test_a_template_named_as_another_kind_of_file_is_refused(tmp_path: Path) -> None:
    """An Excel file named t.csv opens nowhere (the command line refused it already)."""
    problem, plan = hostile_case()
    with pytest.raises(ValueError, match=r"an \.xlsx file, not t\.csv"):
        save_template(problem, plan, tmp_path / "t.csv")
    assert list(tmp_path.iterdir()) == []


def test_chinese_workbook_gets_a_chinese_template_that_reads_back(tmp_path: Path) -> None:
    tables, _ = read_tables(TINY)
    settings = tables["settings"]
    settings.loc[settings["key"] == "language", "value"] = "zh"
    problem = build_problem(tables)
    plan = greedy_plan(problem)
    path = save_template(problem, plan, tmp_path / "出勤.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["填写说明", "actuals", "attendance", "志愿者编号", "场地编号",
                               "matching-plan"]
    assert "实际情况与志愿者出勤登记" in book["填写说明"]["A1"].value
    assert book["actuals"]["C2"].value == "是" and book["attendance"]["F2"].value == "到岗"
    assert "小时" in book["attendance"]["G1"].comment.text
    filled = Filled(path)
    filled.seat("a2", "v3")["status"].value = "缺席"
    filled.seat("a2", "v3")["hours"].value = None
    filled.activity("b1")["held"].value = "否"
    actuals = read_actuals(filled.save(tmp_path / "filled.xlsx"), problem, plan)
    assert actuals.activities["b1"].held == "no"
    assert [a.status for a in actuals.attendance if a.activity_id == "a2"] == \
        ["came", "no-show"]


def test_departures_from_the_plan_are_warnings_not_errors(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    problem, plan, _ = tiny_plan(tmp_path)
    filled = Filled(_template(tmp_path, capsys))
    a2 = filled.activity("a2")
    a2["held"].value, a2["room_id"].value = "moved", "studio"
    a2["start"].value, a2["end"].value = datetime(2024, 3, 7, 14), datetime(2024, 3, 7, 16)
    filled.activity("b1")["held"].value = "no"
    filled.add(filled.attendance, activity_id="a2", volunteer_id="v4", status="swapped-in",
               hours=2)
    actuals = read_actuals(filled.save(tmp_path / "filled.xlsx"), problem, plan)
    assert [str(w) for w in actuals.warnings] == [
        # the rooms by their names, as the coordinator knows them
        "warning: actuals, row 5, column 'held': got 'moved'; held Thu 2024-03-07 "
        "14:00–16:00 in Studio (the plan: Wed 2024-03-06 09:00–10:00 in Hall)",
        "warning: actuals, row 6, column 'held': got 'no'; not held (the plan: Wed "
        "2024-03-06 18:00–20:00 in Studio)",
        "warning: attendance, row 7, column 'hours': a2 lasted 2 h as held (Thu 2024-03-07 "
        "14:00–16:00), longer than the 1 h planned; 2 attendance row(s) still give the 1 h "
        "the template filled in, counted as written: clear their hours to count the length "
        "as held",
        "warning: attendance, row 9, column 'volunteer_id': got 'v4'; a volunteer the plan "
        "did not have in a2, counted as swapped-in"]
    moved = [a for a in actuals.attendance if a.activity_id == "a2"]
    assert [(a.volunteer_id, a.start, a.hours) for a in moved] == [
        ("v1", datetime(2024, 3, 7, 14), 1), ("v3", datetime(2024, 3, 7, 14), 1),
        ("v4", datetime(2024, 3, 7, 14), 2)]


def test_a_walk_in_under_another_persons_id_is_refused_not_credited(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A walk-in row added by hand with the id of someone else and the walk-in's name
    credited the other person with the hours without a word: the name the template
    shows beside each id is checked, and a row with a name and no id is told the id."""
    problem, plan, _ = tiny_plan(tmp_path)
    names = {v.volunteer_id: v.name for v in problem.volunteers}
    filled = Filled(_template(tmp_path, capsys))
    wrong = filled.add(filled.attendance, activity_id="a2", volunteer_id="v2",
                       name=names["v4"], status="顶岗", hours="2小时")
    nameless = filled.add(filled.attendance, activity_id="a4", name=names["v4"],
                          status="swapped-in", hours=1)
    with pytest.raises(DataError) as refused:
        read_actuals(filled.save(tmp_path / "filled.xlsx"), problem, plan)
    assert [(i.row, i.column, i.expectation("en")) for i in refused.value.issues] == [
        (wrong, "name", f"v2 is {names['v2']}, not the name in this row ({names['v4']} is "
                        "v4): check the id and the name, so that nobody is credited with "
                        "another's hours"),
        (wrong, "hours", "a number (type the number alone: 2)"),
        (nameless, "volunteer_id", f"a value (this column is required): {names['v4']} is v4")]
    # 顶岗, the instructions' word for standing in, is read as swapped-in
    assert all(i.column != "status" for i in refused.value.issues)
    assert refused.value.issues[0].render("zh").startswith(
        f"错误：attendance 第 {wrong} 行 “姓名（name）” 列")
    # a name typed otherwise (case, spaces, full-width letters) is the same name; on a
    # seat the template filled in, another name (renamed in the workbook since) is a
    # warning, and the hours stay the id's
    filled = Filled(_template(tmp_path, capsys))
    filled.seat("a1", "v1")["name"].value = "  " + names["v1"].upper().replace(" ", "\u3000")
    filled.seat("a1", "v3")["name"].value = "Someone Else"
    actuals = read_actuals(filled.save(tmp_path / "renamed.xlsx"), problem, plan)
    assert [(w.column, w.value) for w in actuals.warnings] == [("name", "Someone Else")]
    assert {(a.activity_id, a.volunteer_id) for a in actuals.attendance} >= {
        ("a1", "v1"), ("a1", "v3")}


def test_a_planned_seat_whose_row_was_deleted_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A coordinator who deletes a no-show's row, meaning 'did not come', credits them
    with the planned hours: the ledger counted them so with no word of whose row it was."""
    problem, plan, _ = tiny_plan(tmp_path)
    filled = Filled(_template(tmp_path, capsys))
    filled.delete_seat("a3", "v2")
    filled.activity("a2")["held"].value = "no"
    filled.delete_seat("a2", "v1")  # not held: its rows count nothing either way
    actuals = read_actuals(filled.save(tmp_path / "filled.xlsx"), problem, plan)
    name = problem.volunteer_by_id["v2"].name
    assert [str(w) for w in actuals.warnings if w.column == "volunteer_id"] == [
        "warning: attendance, column 'volunteer_id': 1 planned volunteer(s) have no "
        f"attendance row in an activity that was recorded, and count as serving as planned: "
        f"{name} ({problem.activity_by_id['a3'].title}); if they did not come, add their "
        "rows back with no-show"]


def _validate(problem_plan: Tiny, actuals: str = "", attendance: str = "") -> list[str]:
    """The errors of tables given as CSV text as the user reads them, or the warnings
    when there are none."""
    problem, plan = problem_plan
    tables = {name: table(text) for name, text in (("actuals", actuals),
                                                     ("attendance", attendance)) if text}
    try:
        result = validate_actuals(tables, problem, plan)
    except DataError as exc:
        return [str(i) for i in exc.issues]
    return [str(w) for w in result.warnings]


@pytest.fixture
def tiny(tmp_path: Path) -> Tiny:
    problem, plan, _ = tiny_plan(tmp_path)
    return problem, plan


def test_every_bad_cell_is_named_at_once(tiny: Tiny) -> None:
    issues = _validate(
        tiny,
        actuals="""activity_id,held,start,end,room_id,participants
a1,maybe,,,,
a4,yes,2024-03-04 11:00,2024-03-04 10:30,,
a3,yes,,,attic,-3
a3,no,,,,
zz,yes,,,,""",
        attendance="""activity_id,volunteer_id,status,hours
a1,v1,came,25
a1,v9,came,1
a2,v1,left-early,
a2,v3,no-show,0.5
a2,v3,came,1
a4,v1,asleep,1
a1,v3,came,1.5.0""")
    assert issues == [
        "error: actuals, row 2, column 'held': got 'maybe'; one of yes (是), no (否), "
        "moved (改期)",
        "error: actuals, row 3, column 'end': got '2024-03-04 10:30'; an end after the "
        "start 2024-03-04 11:00",
        "error: actuals, row 4, column 'participants': got '-3'; a whole number of at least 0",
        "error: actuals, row 4, column 'room_id': got 'attic'; a room_id of the workbook's "
        "rooms",
        "error: actuals, row 5, column 'activity_id': got 'a3'; one row per activity (row 4 "
        "has this one)",
        "error: actuals, row 6, column 'activity_id': got 'zz'; an activity of the plan (an "
        "activity_id of the workbook's activities, in the planned period)",
        "error: attendance, row 2, column 'hours': got '25'; at most 24 hours in one activity",
        "error: attendance, row 3, column 'volunteer_id': got 'v9'; a volunteer_id of the "
        "workbook's volunteers",
        "error: attendance, row 4, column 'hours': the hours served before leaving "
        "(left-early)",
        "error: attendance, row 5, column 'hours': got '0.5'; blank or 0 hours for a "
        "no-show",
        "error: attendance, row 6, column 'volunteer_id': got 'v3'; one row per volunteer "
        "and activity (row 5 has v3 in a2)",
        "error: attendance, row 7, column 'status': got 'asleep'; one of came (到岗), no-show "
        "(缺席), swapped-in (替补), left-early (早退)",
        "error: attendance, row 8, column 'hours': got '1.5.0'; a number"]


def test_records_of_another_workbook_are_one_error_not_one_a_row(tiny: Tiny) -> None:
    """Another center's CSV folder once gave an error for every row of both tables
    (1,445 lines for the embedded year's actuals read against data/tiny)."""
    others = "activity_id,held\nBK-001,yes\nBK-002,no\nBK-003,yes\nBK-004,yes\n"
    assert _validate(tiny, actuals=others,
                     attendance="activity_id,volunteer_id,status\nBK-001,x1,came\n") == [
        "error: actuals, column 'activity_id': none of its 4 activities is an activity of "
        "this workbook (BK-001, BK-002, BK-003 and 1 more): these are the records of "
        "another workbook or plan; export a template from the plan that ran with export "
        "--to attendance-template"]
    one_known = others + "a1,yes\n"  # a typo among this workbook's rows is one row's error
    assert len(_validate(tiny, actuals=one_known)) == 4


def test_missing_columns_and_empty_files_are_errors(tiny: Tiny, tmp_path: Path) -> None:
    assert _validate(tiny, actuals="activity_id,start\na1,", attendance="volunteer_id\nv1") \
        == ["error: actuals, row 1, column 'held': a column named 'held' (there is none)",
            "error: attendance, row 1, column 'activity_id': a column named 'activity_id' "
            "(there is none)",
            "error: attendance, row 1, column 'status': a column named 'status' (there is "
            "none)"]
    # a missing id column is said once, not on every row as well
    assert _validate(tiny, attendance="activity_id,status\na1,came\na2,came") == [
        "error: attendance, row 1, column 'volunteer_id': a column named 'volunteer_id' "
        "(there is none)"]
    problem, plan = tiny
    book = openpyxl.Workbook()
    book.active.title = "notes"
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(DataError) as caught:
        read_actuals(tmp_path / "other.xlsx", problem, plan)
    assert [str(i) for i in caught.value.issues] == [
        "error: actuals: got 'other.xlsx'; a sheet or CSV file named 'actuals' or "
        "'attendance'"]


def test_a_misspelt_column_is_the_error_on_the_column_typed(tiny: Tiny) -> None:
    """As a workbook's: "hled" for held, not "a column named 'held'" beside a warning
    of an unknown column "hled"."""
    assert _validate(tiny, actuals="activity_id,hled\na1,yes") == [
        "error: actuals, row 1, column 'hled': got 'hled'; a column named 'held' (there "
        "is none: is this it, misspelt?)"]


def test_times_outside_the_period_and_unplanned_activities(tiny: Tiny) -> None:
    issues = _validate(
        tiny,
        actuals="""activity_id,held,start,end
a1,moved,2025-03-11 09:00,2025-03-11 10:00
a4,yes,2024-03-03 23:00,""",
        attendance="""activity_id,volunteer_id,status,hours
a2,v3,came,""")
    later = "(or in the three months after it)"
    assert issues == [
        "error: actuals, row 2, column 'start': got '2025-03-11 09:00'; a date-time inside "
        f"the planned period 2024-03-04 to 2024-03-10 {later}",
        "error: actuals, row 2, column 'end': got '2025-03-11 10:00'; a date-time inside "
        f"the planned period 2024-03-04 to 2024-03-10 {later}",
        "error: actuals, row 3, column 'start': got '2024-03-03 23:00'; a date-time inside "
        f"the planned period 2024-03-04 to 2024-03-10 {later}"]


def test_an_activity_moved_past_the_plans_period_is_counted_when_held(tiny: Tiny) -> None:
    """A quarter's last activity postponed into the next quarter could not be recorded
    at all ("a date-time inside the planned period"); it is held, and counted then."""
    problem, plan = tiny
    tables = {"actuals": table("activity_id,held,start,end\n"
                               "a1,moved,2024-04-02 09:00,2024-04-02 10:30"),
              "attendance": table("activity_id,volunteer_id,status,hours\na1,v1,came,")}
    actuals = validate_actuals(tables, problem, plan)
    assert [str(w) for w in actuals.warnings if w.column in ("start", "end")] == [
        "warning: actuals, row 2, column 'start': got '2024-04-02 09:00'; after the planned "
        "period 2024-03-04 to 2024-03-10: counted when it was held"]  # once, not per column
    assert [(a.activity_id, a.start, a.hours) for a in actuals.attendance] == [
        ("a1", datetime(2024, 4, 2, 9), 1.5)]


def test_an_activity_the_plan_left_out_needs_its_times(tiny: Tiny) -> None:
    problem, plan = tiny
    left_out = Plan(tuple(a for a in plan.assignments if a.activity_id != "b1"),
                    plan.staffing)
    tables = {"actuals": table("activity_id,held,start,end\nb1,yes,,"),
              "attendance": table("activity_id,volunteer_id,status,hours\nb1,v1,came,2")}
    with pytest.raises(DataError) as caught:
        validate_actuals(tables, problem, left_out)
    assert [str(i) for i in caught.value.issues] == [
        "error: actuals, row 2, column 'start': the start (the plan did not schedule this "
        "activity)",
        "error: actuals, row 2, column 'end': the end (the plan did not schedule this "
        "activity)"]
    tables["actuals"] = table("activity_id,held,start,end\n"
                              "b1,yes,2024-03-07 18:00,2024-03-07 20:00")
    result = validate_actuals(tables, problem, left_out)
    assert [str(w) for w in result.warnings] == [
        "warning: actuals, column 'activity_id': 4 planned activities have no actuals row "
        "(a1, a2, a3, a4): counted as held as planned",
        "warning: actuals, row 2, column 'held': got 'yes'; an activity the plan did not "
        "schedule, held Thu 2024-03-07 18:00–20:00",
        "warning: attendance, row 2, column 'volunteer_id': got 'v1'; a volunteer the plan "
        "did not have in b1, counted as came"]
    assert result.attendance[0].hours == 2


def test_a_volunteer_in_two_places_is_an_error_unless_they_left_early(tiny: Tiny) -> None:
    actuals = """activity_id,held,start,end
a4,moved,2024-03-04 09:30,2024-03-04 10:30"""
    overlap = _validate(tiny, actuals=actuals, attendance="""activity_id,volunteer_id,status,hours
a1,v1,came,
a4,v1,came,""")
    assert overlap == [
        "error: attendance, row 3, column 'volunteer_id': got 'v1'; one place at a time: v1 "
        "is also at a1 (row 2, Mon 2024-03-04 09:00–10:00) during a4 (Mon 2024-03-04 "
        "09:30–10:30)"]
    left = _validate(tiny, actuals=actuals, attendance="""activity_id,volunteer_id,status,hours
a1,v1,left-early,0.5
a4,v1,came,""")
    assert left == [
        "warning: actuals, column 'activity_id': 4 planned activities have no actuals row "
        "(a1, a2, a3, b1): counted as held as planned",
        "warning: actuals, row 2, column 'held': got 'moved'; held Mon 2024-03-04 "
        "09:30–10:30 in Studio (the plan: Mon 2024-03-04 10:00–11:00 in Studio)"]


def test_more_hours_than_the_activity_lasted_are_a_warning_and_count(tiny: Tiny) -> None:
    """Measured against the times as held (a4's row moved it to 2.5 h, a1 kept the plan's
    hour): a slip of the pen, or someone who came early to set up, so the coordinator is
    told and the hours count as recorded."""
    problem, plan = tiny
    tables = {"actuals": table("activity_id,held,start,end\n"
                               "a4,moved,2024-03-04 10:00,2024-03-04 12:30"),
              "attendance": table("activity_id,volunteer_id,status,hours\n"
                                  "a4,v1,came,8\na1,v3,came,1.5\na1,v1,came,1\na3,v2,came,")}
    result = validate_actuals(tables, problem, plan)
    assert [str(w) for w in result.warnings][2:] == [
        "warning: attendance, row 2, column 'hours': got '8'; 8 hours, more than the 2.5 "
        "that a4 lasted as held (Mon 2024-03-04 10:00–12:30): counted as recorded",
        "warning: attendance, row 3, column 'hours': got '1.5'; 1.5 hours, more than the 1 "
        "that a1 lasted as held (Mon 2024-03-04 09:00–10:00): counted as recorded"]
    assert [(a.activity_id, a.volunteer_id, a.hours) for a in result.attendance] == [
        ("a4", "v1", 8), ("a1", "v3", 1.5), ("a1", "v1", 1), ("a3", "v2", 2)]


def test_attendance_of_an_activity_not_held_counts_nothing(tiny: Tiny) -> None:
    problem, plan = tiny
    tables = {"actuals": table("activity_id,held\na3,no"),
              "attendance": table("activity_id,volunteer_id,status,hours\n"
                                  "a3,v2,came,2\na3,v1,came,2\na1,v1,came,1")}
    result = validate_actuals(tables, problem, plan)
    assert [(a.activity_id, a.volunteer_id) for a in result.attendance] == [("a1", "v1")]
    assert str(result.warnings[-1]) == (
        "warning: attendance, row 2, column 'activity_id': got 'a3'; a3 was not held "
        "(actuals row 2): its 2 attendance row(s) count no hours")


def test_a_csv_folder_reads_like_the_workbook(tiny: Tiny, tmp_path: Path) -> None:
    problem, plan = tiny
    folder = tmp_path / "actuals"
    folder.mkdir()
    (folder / "Attendance.csv").write_bytes(
        "activity_id,volunteer_id,status,hours\r\na1,v4,替补,1\r\n".encode("gb18030"))
    (folder / "actuals.csv").write_text("\ufeffactivity_id,held,participants\na1,是,7\n",
                                        encoding="utf-8")
    result = read_actuals(folder, problem, plan)
    assert result.activities["a1"].participants == 7
    assert [(a.volunteer_id, a.status, a.hours) for a in result.attendance] == [
        ("v4", "swapped-in", 1)]


def test_template_tables_have_one_row_per_volunteer_and_activity(tiny: Tiny) -> None:
    """A volunteer in two roles of one activity works it once (the plan view's rule), so
    the template gives them one row naming both roles."""
    problem, plan = tiny
    doubled = Plan(plan.assignments, (*plan.staffing, Staffing("a3", "first_aid", "v1")))
    attendance = template_tables(problem, doubled)["attendance"]
    assert isinstance(attendance, pd.DataFrame)
    rows = attendance[attendance["activity_id"] == "a3"]
    assert rows[["volunteer_id", "role", "hours"]].values.tolist() == [
        ["v2", "first_aid", 2.0], ["v1", "host; first_aid", 2.0]]


def test_hours_left_as_planned_for_an_activity_that_ran_longer_are_pointed_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """a2 (planned 1 h) ran 2 h; the template's 1 h stayed in its attendance rows. They
    count as written, as ever, but no longer without a word: the coordinator may have
    meant the longer time."""
    problem, plan, _ = tiny_plan(tmp_path)
    filled = Filled(_template(tmp_path, capsys))
    a2 = filled.activity("a2")
    a2["held"].value = "moved"
    a2["start"].value, a2["end"].value = datetime(2024, 3, 7, 14), datetime(2024, 3, 7, 16)
    seats = [row for row in filled.rows(filled.attendance) if row["activity_id"].value == "a2"]
    assert seats and all(row["hours"].value == 1 for row in seats)
    actuals = read_actuals(filled.save(tmp_path / "longer.xlsx"), problem, plan)
    said = [w for w in actuals.warnings if w.column == "hours"]
    assert [w.expectation("en") for w in said] == [
        f"a2 lasted 2 h as held (Thu 2024-03-07 14:00–16:00), longer than the 1 h planned; "
        f"{len(seats)} attendance row(s) still give the 1 h the template filled in, counted "
        "as written: clear their hours to count the length as held"]
    assert {a.hours for a in actuals.attendance if a.activity_id == "a2"} == {1.0}
    for row in seats:  # cleared: the length as held, and nothing to say
        row["hours"].value = None
    actuals = read_actuals(filled.save(tmp_path / "cleared.xlsx"), problem, plan)
    assert not [w for w in actuals.warnings if w.column == "hours"]
    assert {a.hours for a in actuals.attendance if a.activity_id == "a2"} == {2.0}


@pytest.mark.parametrize(("typed", "held"), [("TRUE", "yes"), ("1", "yes"), ("✓", "yes"),
                                             ("y", "yes"), ("FALSE", "no"), ("0", "no"),
                                             ("是", "yes"), ("否", "no"),
                                             # the report's word for an activity not held
                                             ("Cancelled", "no"), ("canceled", "no")])
def test_held_as_a_spreadsheet_says_yes_and_no(tiny: Tiny, typed: str, held: str) -> None:
    problem, plan = tiny
    tables = {"actuals": table(f"activity_id,held\na1,{typed}"),
              "attendance": table("activity_id,volunteer_id,status,hours")}
    assert validate_actuals(tables, problem, plan).activities["a1"].held == held


def test_planned_activities_without_a_row_are_named_among_those_counted_only(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ledger --until Tuesday warned that Wednesday's a2 had no actuals row, though
    nothing of Wednesday is counted yet."""
    problem, plan, _ = tiny_plan(tmp_path)
    filled = Filled(_template(tmp_path, capsys))
    for aid in ("a2", "a1"):
        filled.actuals.delete_rows(filled.activity(aid)["activity_id"].row)
    actuals = read_actuals(filled.save(tmp_path / "rows_gone.xlsx"), problem, plan)
    assert [str(w) for w in actuals.warnings if w.column == "activity_id"] == [
        "warning: actuals, column 'activity_id': 2 planned activities have no actuals row "
        "(a1, a2): counted as held as planned"]
    counted = so_far(problem, plan, actuals, date(2024, 3, 5))
    assert [str(w) for w in counted.actuals.warnings if w.column == "activity_id"] == [
        "warning: actuals, column 'activity_id': 1 planned activities have no actuals row "
        "(a1): counted as held as planned"]
    assert so_far(problem, plan, actuals, date(2024, 3, 10)).actuals.warnings == \
        actuals.warnings
