"""Comparing two plans: every kind of change, loads and KPI deltas, on hand-written plans
of the tiny workbook (no solver)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from conftest import DATA

from matching import load_problem, read_tables
from matching.i18n import say
from matching.plan import Assignment, Plan, Staffing
from matching.plan_view import PlanView
from matching.scenario import (
    AddActivity,
    RemoveActivity,
    Scenario,
    changed_assignments,
    changed_staffing,
    diff,
)


def at(day: int, hour: int, hours: int = 1) -> tuple[datetime, datetime]:
    return datetime(2024, 3, day, hour), datetime(2024, 3, day, hour + hours)


BEFORE = Plan(
    (Assignment("a1", *at(4, 9), "hall"), Assignment("a2", *at(6, 10), "hall"),
     Assignment("a3", *at(5, 13, 2), "hall"), Assignment("a4", *at(4, 10), "studio"),
     Assignment("b1", reason="no room")),
    (Staffing("a1", "teach", "v1"), Staffing("a2", "teach", "v3"),
     Staffing("a3", "first_aid", "v2"), Staffing("a3", "host", "v4"),
     Staffing("a4", "host", "v1")))
AFTER = Plan(
    (Assignment("a1", *at(4, 11), "hall"), Assignment("a2", *at(6, 10), "studio"),
     Assignment("a4", reason="the studio is closed"), Assignment("b1", *at(6, 18, 2), "studio"),
     Assignment("n1", *at(5, 9), "studio")),
    (Staffing("a1", "teach", "v1"), Staffing("a2", "teach", "v1"), Staffing("n1", "host", "v2")))


@pytest.fixture(scope="module")
def problems():
    tables, _ = read_tables(DATA / "tiny")
    scenario = Scenario("t", (
        RemoveActivity(activity_id="a3"),
        AddActivity(activity_id="n1", title="New talk", earliest_start="2024-03-05",
                    latest_end="2024-03-05", duration_minutes="60", expected_attendance="5")))
    return load_problem(DATA / "tiny"), scenario.build(tables)


def test_every_kind_of_change(problems) -> None:
    changes = diff(problems[0], BEFORE, problems[1], AFTER)
    rows = {(r.activity_id, r.change): (r.before, r.after)
            for r in changes.changes.itertuples()}
    assert rows == {
        ("a1", "moved"): ("2024-03-04 09:00", "2024-03-04 11:00"),
        ("a2", "re-roomed"): ("Hall (hall)", "Studio (studio)"),
        ("a2", "re-staffed"): ("teach: Chen Wu (v3)", "teach: Ann Lee (v1)"),
        ("a3", "dropped"): ("2024-03-05 13:00 Hall (hall)", "removed from the workbook"),
        ("a4", "dropped"): ("2024-03-04 10:00 Studio (studio)",
                            "unscheduled: the studio is closed"),
        ("b1", "newly scheduled"): ("unscheduled", "2024-03-06 18:00 Studio (studio)"),
        ("n1", "newly scheduled"): ("new activity", "2024-03-05 09:00 Studio (studio)"),
    }
    assert list(changes.changes.columns) == ["activity_id", "title", "change", "before",
                                             "after"]
    assert list(changes.changes["change"]) == sorted(
        changes.changes["change"], key=["moved", "re-roomed", "re-staffed", "dropped",
                                        "newly scheduled", "left out"].index)
    assert changes.changes.set_index("activity_id").loc["n1", "title"] == "New talk"
    assert changes.counts() == {"moved": 1, "re-roomed": 1, "re-staffed": 1, "dropped": 2,
                                "newly scheduled": 2, "left out": 0}
    assert changes.changed_assignments == 6 == changed_assignments(BEFORE, AFTER)
    assert changes.changed_activities == 6
    assert changed_staffing(BEFORE, AFTER) == 1  # a2; a1 moved but kept v1


def test_a_new_activity_the_plan_leaves_out_is_a_change_with_why(problems) -> None:
    """Added by the changes and left out by the new plan: it was in no table of the
    diff, and the headline said nothing changed."""
    after = dataclasses.replace(AFTER, assignments=tuple(
        Assignment("n1", reason="no room fits") if a.activity_id == "n1" else a
        for a in AFTER.assignments), staffing=tuple(
        s for s in AFTER.staffing if s.activity_id != "n1"))
    changes = diff(problems[0], BEFORE, problems[1], after)
    [row] = changes.changes[changes.changes["activity_id"] == "n1"].itertuples()
    assert (row.change, row.before, row.after) == (
        "left out", "new activity", "unscheduled: no room fits")
    assert changes.counts()["left out"] == 1
    assert changes.changed_assignments == 5  # the plan's own changes


def test_side_by_side_has_one_row_per_changed_activity(problems) -> None:
    side = diff(problems[0], BEFORE, problems[1], AFTER).side_by_side.set_index("activity_id")
    assert list(side.index) == ["a1", "a2", "a3", "a4", "b1", "n1"]
    assert side.loc["a2", "changes"] == "re-roomed, re-staffed"
    assert (side.loc["a2", "staff_before"], side.loc["a2", "staff_after"]) == (
        "teach: Chen Wu (v3)", "teach: Ann Lee (v1)")
    assert side.loc["a4", "start_after"] == ""


def test_changed_volunteer_loads(problems) -> None:
    loads = diff(problems[0], BEFORE, problems[1], AFTER).loads
    got = {r.volunteer_id: (r.hours_before, r.hours_after, r.delta) for r in loads.itertuples()}
    assert "v1" not in got  # 2 h before and after
    assert got["v3"] == (1.0, 0.0, -1.0)
    assert got["v4"] == (2.0, 0.0, -2.0)
    assert got["v2"] == (2.0, 0.0, -2.0)  # n1 has no role "host": that seat counts nothing
    assert set(loads["volunteer_id"][:2]) == {"v2", "v4"}  # largest change first
    hours = PlanView(problems[1], AFTER).loads()
    assert {v: h for v, h in hours.items() if h} == {"v1": 2.0}


def test_kpi_deltas(problems) -> None:
    kpis = diff(problems[0], BEFORE, problems[1], AFTER).kpis.set_index("name")
    assert list(kpis.columns) == ["before", "after", "delta"]
    assert tuple(kpis.loc["activities_scheduled"]) == (4, 4, 0)
    assert tuple(kpis.loc["activities_total"]) == (5, 5, 0)
    assert kpis.loc["seats_filled", "delta"] == 2 - 5  # n1 has no roles: its seat is void


def test_identical_plans_have_no_changes(problems) -> None:
    changes = diff(problems[0], BEFORE, problems[0], BEFORE)
    assert changes.changes.empty and changes.loads.empty and changes.side_by_side.empty
    assert changes.changed_assignments == 0
    assert (changes.kpis["delta"] == 0).all()


def test_a_chinese_reader_reads_the_comparison_in_chinese(problems) -> None:
    """Before, the cells and the kinds of change were English only, under a Chinese
    notebook's headings; the diff's own keys stay, as its counts read them."""
    why = say("conflict.time_up")
    after = dataclasses.replace(AFTER, assignments=tuple(
        dataclasses.replace(a, reason=why.render("en"), why=why) if a.activity_id == "a4" else a
        for a in AFTER.assignments))
    changes = diff(problems[0], BEFORE, problems[1], after, language="zh")
    rows = {(r.activity_id, r.change): (r.before, r.after)
            for r in changes.changes.itertuples()}
    assert rows[("a4", "dropped")][1] == "未安排：时限内没有找到方案"
    assert rows[("a3", "dropped")][1] == "已从工作簿删除"
    assert rows[("n1", "newly scheduled")][0] == "新活动"
    assert changes.counts() == diff(problems[0], BEFORE, problems[1], after).counts()
    shown = changes.shown("zh")
    assert list(shown.changes.columns) == ["活动编号", "活动", "变化", "调整前", "调整后"]
    assert set(shown.changes["变化"]) == {"改时间", "换场地", "换人", "不再安排", "新安排"}
    assert list(shown.kpis.columns) == ["项目", "调整前", "调整后", "增减"]
    assert "已排活动" in set(shown.kpis["项目"])
    assert not any(c.isascii() for c in shown.side_by_side.columns)
    english = diff(problems[0], BEFORE, problems[1], after).shown("en")
    assert set(english.changes["Change"]) == set(changes.changes["change"])
    assert "activities scheduled" in set(english.kpis["Item"])  # words, not ids
