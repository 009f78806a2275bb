"""The hours ledger: the template round trip on data/tiny through the command line, hours
by volunteer, team and quarter against a hand computation, certificates, and bad
actuals refused whole."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from actuals_helpers import TINY, Filled, tiny_plan
from conftest import table

from matching.actuals import Actuals, Ledger, save_ledger, validate_actuals
from matching.cli import main
from matching.export import PersonalDataError
from matching.greedy import greedy_plan
from matching.io import build_problem, read_tables
from matching.plan_view import PlanView


def _template(tmp_path: Path) -> tuple[Path, Path]:
    """The plan file of data/tiny's greedy plan and its template, written by the CLI."""
    _, _, plan_path = tiny_plan(tmp_path)
    template = tmp_path / "template.xlsx"
    assert main(["export", str(plan_path), "--to", "attendance-template",
                 "--out", str(template)]) == 0
    return plan_path, template


def _ledger(plan_path: Path, actuals: Path, out: Path) -> int:
    return main(["ledger", str(TINY), str(plan_path), "--actuals", str(actuals),
                 "--out", str(out)])


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_round_trip_counts_the_hours_by_hand(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    plan_path, template = _template(tmp_path)
    filled = Filled(template)
    # a2 (planned Wed 09:00-10:00 in the hall, v1 and v3) moved to Thu 14:00-16:00 in
    # the studio; v1's hours left blank (as long as it lasted: 2 h), v3 did not come,
    # and v4, not planned, stood in for 2 h
    a2 = filled.activity("a2")
    a2["held"].value, a2["room_id"].value = "moved", "studio"
    a2["start"].value, a2["end"].value = datetime(2024, 3, 7, 14), datetime(2024, 3, 7, 16)
    filled.seat("a2", "v1")["hours"].value = None
    filled.seat("a2", "v3")["status"].value = "no-show"
    filled.seat("a2", "v3")["hours"].value = None
    filled.add(filled.attendance, activity_id="a2", volunteer_id="v4", status="swapped-in",
               hours=2)
    # v1 served 1.5 of a3's 2 hours; a1 had 7 participants
    filled.seat("a3", "v1")["hours"].value = 1.5
    filled.activity("a1")["participants"].value = 7
    # nobody recorded v1 at a4: the planned hour counts, marked planned
    filled.delete_seat("a4", "v1")
    actuals = filled.save(tmp_path / "filled.xlsx")
    capsys.readouterr()

    out = tmp_path / "ledger"
    assert _ledger(plan_path, actuals, out) == 0
    printed = capsys.readouterr()
    assert "held Thu 2024-03-07 14:00–16:00 in Studio (the plan: Wed 2024-03-06 " \
           "09:00–10:00 in Hall)" in printed.err
    assert "a volunteer the plan did not have in a2, counted as swapped-in" in printed.err
    # the 1 is hours, not volunteers, as the Chinese says it too
    assert "10.5 hours by 4 volunteers (1 h of them counted as planned" in printed.out

    # by hand, from the plan of actuals_helpers and the changes above:
    # v1 Ann   a1 1 + a4 1 (planned) + a3 1.5 + a2 2 (moved, 14:00-16:00) = 5.5 h, 4 activities
    # v2 Bo    a3 2                                                      = 2 h,   1
    # v3 Chen  a1 1 + a2 no-show                                         = 1 h,   1, 1 no-show
    # v4 Dee   a2 2 (swapped in)                                         = 2 h,   1
    # expected no-show rates, everyone in a team of their own: 1 missed of 8 seats overall;
    # a team's rate is (missed + 10 x 1/8) / (seats + 10), a volunteer's (missed + 10 x
    # team rate) / (seats + 10): v1 (0 + 10 x 1.25/14) / 14, v3 (1 + 10 x 2.25/12) / 12
    assert _csv(out / "hours.csv") == [
        {"volunteer_id": "v1", "name": "Ann Lee", "team": "staff", "hours": "5.5",
         "activities": "4", "no_shows": "0", "expected_no_show_rate": "0.064",
         "source": "mixed"},
        {"volunteer_id": "v2", "name": "Bo Chen", "team": "rescue", "hours": "2.0",
         "activities": "1", "no_shows": "0", "expected_no_show_rate": "0.103",
         "source": "actual"},
        {"volunteer_id": "v3", "name": "Chen Wu", "team": "silver", "hours": "1.0",
         "activities": "1", "no_shows": "1", "expected_no_show_rate": "0.24",
         "source": "actual"},
        {"volunteer_id": "v4", "name": "Dee Xu", "team": "students", "hours": "2.0",
         "activities": "1", "no_shows": "0", "expected_no_show_rate": "0.103",
         "source": "actual"}]

    book = openpyxl.load_workbook(out / "ledger.xlsx")
    assert book.sheetnames == ["By volunteer", "By team", "By quarter"]
    by_volunteer = list(book["By volunteer"].iter_rows(values_only=True))
    assert by_volunteer[0] == ("Volunteer id", "Name", "Team", "Hours", "Of which from the plan",
                               "Activities worked", "No-shows", "No-show rate",
                               "Expected no-show rate (to plan with)", "Source")
    assert by_volunteer[1] == ("v1", "Ann Lee", "staff", 5.5, 1, 4, 0, 0, 0.064, "mixed")
    assert by_volunteer[3] == ("v3", "Chen Wu", "silver", 1, 0, 1, 1, 0.5, 0.24, "actual")
    assert by_volunteer[4][-3:] == (None, 0.103, "actual")  # swapped in: never expected
    rates = book["By volunteer"]["H2:I5"]  # numbers, shown as percentages
    assert {c.number_format for row in rates for c in row} == {"0.0%"}
    assert list(book["By team"].iter_rows(values_only=True))[1:] == [
        ("staff", 1, 5.5, 1, 4, 0, 0), ("rescue", 1, 2, 0, 1, 0, 0),
        ("silver", 1, 1, 0, 1, 1, 0.5), ("students", 1, 2, 0, 1, 0, None)]
    # 5 activities held; 7 participants recorded; 10.5 h by 4 people; 1 no-show out of
    # 7 expected (the 7 planned seats)
    assert list(book["By quarter"].iter_rows(values_only=True))[1:] == [
        ("2024Q1", 5, 0, 7, 4, 10.5, 1, 1, 0.143)]

    html = (out / "certificates.html").read_text(encoding="utf-8")
    assert html.count('<section class="certificate">') == 4
    assert "Ann Lee</p><p>gave 5.5 hours of volunteer service in 4 activities at Tiny " \
           "test center, from 2024-03-04 to 2024-03-10.</p><p>1 of these hours are " \
           "counted as planned" in html
    assert "Chen Wu</p><p>gave 1 hours of volunteer service in 1 activity" in html


def test_bad_actuals_are_listed_at_once_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan_path, template = _template(tmp_path)
    filled = Filled(template)
    zz = filled.add(filled.actuals, activity_id="zz", held="yes")
    filled.seat("a3", "v2")["hours"].value = -2
    a4 = filled.activity("a4")  # v1 is at a1 until 10:00
    a4["start"].value, a4["end"].value = datetime(2024, 3, 4, 9, 30), datetime(2024, 3, 4, 10, 30)
    a3 = filled.activity("a3")
    a3["start"].value, a3["end"].value = datetime(2025, 3, 12, 13), datetime(2025, 3, 12, 15)
    actuals = filled.save(tmp_path / "filled.xlsx")
    capsys.readouterr()

    out = tmp_path / "ledger"
    assert _ledger(plan_path, actuals, out) == 1
    err = capsys.readouterr().err
    assert f"the record of what happened in {actuals} has 5 errors:" in err
    lines = [line.strip() for line in err.splitlines()]
    assert lines[1:] == [
        "error: actuals, row 4, column 'start': got '2025-03-12 13:00'; a date-time inside "
        "the planned period 2024-03-04 to 2024-03-10 (or in the three months after it)",
        "error: actuals, row 4, column 'end': got '2025-03-12 15:00'; a date-time inside "
        "the planned period 2024-03-04 to 2024-03-10 (or in the three months after it)",
        f"error: actuals, row {zz}, column 'activity_id': got 'zz'; an activity of the plan "
        "(an activity_id of the workbook's activities, in the planned period)",
        "error: attendance, row 4, column 'volunteer_id': got 'v1'; one place at a time: v1 "
        "is also at a1 (row 3, Mon 2024-03-04 09:00–10:00) during a4 (Mon 2024-03-04 "
        "09:30–10:30)",
        "error: attendance, row 5, column 'hours': got '-2'; hours of at least 0"]
    assert not out.exists()


def test_a_no_show_needs_only_its_status_changed_in_the_template(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the template fills in the planned hours; writing no-show over "came" is enough
    plan_path, template = _template(tmp_path)
    filled = Filled(template)
    filled.seat("a2", "v3")["status"].value = "no-show"
    assert filled.seat("a2", "v3")["hours"].value == 1  # as the template wrote it
    actuals = filled.save(tmp_path / "filled.xlsx")
    out = tmp_path / "ledger"
    assert _ledger(plan_path, actuals, out) == 0, capsys.readouterr().err
    chen = next(row for row in _csv(out / "hours.csv") if row["volunteer_id"] == "v3")
    assert (chen["hours"], chen["no_shows"]) == ("1.0", "1")  # a1's hour, a2 none


def test_without_actuals_the_ledger_is_the_plan(tmp_path: Path) -> None:
    """No attendance recorded: every planned seat counts its planned hours, the plan
    view's loads, marked planned."""
    problem, plan, _ = tiny_plan(tmp_path)
    ledger = Ledger(problem, plan, validate_actuals({}, problem, plan))
    view = PlanView(problem, plan)
    table_ = ledger.by_volunteer()
    assert dict(zip(table_["volunteer_id"], table_["hours"], strict=True)) == {
        vid: hours for vid, hours in view.loads().items() if hours}
    assert set(table_["source"]) == {"planned"}
    assert table_["hours"].tolist() == table_["hours_planned"].tolist() == [5, 2, 2]


def test_an_activity_not_held_counts_for_nobody(tmp_path: Path) -> None:
    problem, plan, _ = tiny_plan(tmp_path)
    actuals = validate_actuals({"actuals": table("activity_id,held\na3,no\nb1,no")},
                               problem, plan)
    ledger = Ledger(problem, plan, actuals)
    assert ledger.by_volunteer()[["volunteer_id", "hours"]].values.tolist() == [
        ["v1", 3.0], ["v3", 2.0]]  # v1 loses a3's 2 h, v2 had only a3
    assert ledger.by_quarter()[["held_all", "not_held"]].values.tolist() == [[3, 2]]


def test_quarters_follow_the_actual_start(tmp_path: Path) -> None:
    """An activity moved into another quarter is counted there."""
    tables, _ = read_tables(TINY)
    settings = tables["settings"]
    settings.loc[settings["key"] == "horizon_end", "value"] = "2024-04-30"
    problem = build_problem(tables)
    _, plan, _ = tiny_plan(tmp_path)
    actuals = validate_actuals({"actuals": table("activity_id,held,start,end\n"
                                                 "a3,moved,2024-04-02 13:00,2024-04-02 15:00")},
                               problem, plan)
    by_quarter = Ledger(problem, plan, actuals).by_quarter()
    assert by_quarter[["quarter", "held_all", "hours"]].values.tolist() == [
        ["2024Q1", 4, 5.0], ["2024Q2", 1, 4.0]]


def test_ledger_folder_in_chinese_and_without_personal_data(tmp_path: Path) -> None:
    tables, _ = read_tables(TINY)
    settings = tables["settings"]
    settings.loc[settings["key"] == "language", "value"] = "zh"
    tables["volunteers"].loc[tables["volunteers"]["volunteer_id"] == "v4", "team"] = ""
    problem = build_problem(tables)
    _, plan, _ = tiny_plan(tmp_path)
    actuals = validate_actuals({"attendance": table(
        "activity_id,volunteer_id,status,hours\na2,v4,替补,1")}, problem, plan)
    out = save_ledger(Ledger(problem, plan, actuals), tmp_path / "台账")
    book = openpyxl.load_workbook(out / "ledger.xlsx")
    assert book.sheetnames == ["按志愿者", "按队伍", "按季度"]
    rows = list(book["按志愿者"].iter_rows(values_only=True))
    assert rows[0][:4] == ("志愿者编号", "姓名", "队伍", "时长(小时)")
    assert [r[-1] for r in rows[1:]] == ["按计划", "按计划", "按计划", "实际"]
    assert [r[0] for r in book["按队伍"].iter_rows(values_only=True)][-1] == "（无队伍）"
    html = (out / "certificates.html").read_text(encoding="utf-8")
    assert "志愿服务证明" in html and "累计服务时长 5 小时" in html
    assert "page-break-after: always" in html and "break-after: page" in html
    for outside in ("http", "<script", "<link", "<img", "url("):
        assert outside not in html
    shared = "".join(p.read_text(encoding="utf-8-sig") for p in out.glob("*.*sv")) + html
    for v in problem.volunteers:
        assert v.phone not in shared
        assert not v.notes or v.notes not in shared


def test_a_phone_in_a_shared_field_is_refused_before_writing(tmp_path: Path) -> None:
    tables, _ = read_tables(TINY)
    volunteers = tables["volunteers"]
    volunteers.loc[volunteers["volunteer_id"] == "v2", "name"] = "Bo (000-0000-0001)"
    problem = build_problem(tables)
    plan = greedy_plan(problem)
    with pytest.raises(PersonalDataError, match="phone number of volunteer v1"):
        save_ledger(Ledger(problem, plan, Actuals({}, ())), tmp_path / "ledger")
    assert not (tmp_path / "ledger").exists()
