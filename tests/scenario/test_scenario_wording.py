"""What each change says of itself: the English line ``describe`` has always given
(scenario names and sweep tables are made of it), and the same line in Chinese."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from matching.i18n import CATALOGUE
from matching.i18n.records import phrase_record, read_phrase
from matching.problem.weights import DEFAULT_WEIGHTS
from matching.rules import SETTING_COLUMNS
from matching.scenario import (
    CHANGE_KINDS,
    AddActivity,
    AddRoom,
    Change,
    ChangeActivity,
    CloseRoom,
    Freeze,
    Hours,
    RemoveActivity,
    ScaleAttendance,
    SetDutyLimit,
    SetRoomHours,
    SetWeight,
    VolunteerAvailable,
    VolunteerGone,
    VolunteerUnavailable,
)

#: Every kind of change, each way its line can read, with the English it says.
DESCRIBED: list[tuple[Change, str]] = [
    (CloseRoom(room_id="hall", start="2024-09-13", end="2024-09-15"),
     "close room hall 2024-09-13 .. 2024-09-15"),
    (CloseRoom(start="2024-09-13 18:00", end="2024-09-14", reason="storm"),
     "close the whole center 2024-09-13 18:00 .. 2024-09-14"),
    (SetRoomHours(room_id="hall", start="2024-09-13", end="2024-09-15", open="08:00",
                  close="24:00"),
     "room hall open 08:00-24:00 on 2024-09-13 .. 2024-09-15"),
    (AddRoom(room_id="annex", name="Annex", capacity="9",
             hours=(Hours("Mon", "09:00", "12:00"),)),
     "add room annex (Annex, 9 seats)"),
    (VolunteerUnavailable(volunteer_id="ann", start="2024-03-05", end="2024-03-06 12:00"),
     "volunteer ann unavailable 2024-03-05 .. 2024-03-06 12:00"),
    (VolunteerUnavailable(team="blue", start="2024-03-05", end="2024-03-06"),
     "team blue unavailable 2024-03-05 .. 2024-03-06"),
    (VolunteerAvailable(volunteer_id="ann", start="2024-03-05 08:00",
                        end="2024-03-05 20:00"),
     "volunteer ann available 2024-03-05 08:00 .. 2024-03-05 20:00"),
    (VolunteerGone(team="blue"), "team blue gone"),
    (VolunteerGone(volunteer_id="ann", start="2024-03-07"),
     "volunteer ann gone from 2024-03-07"),
    (SetWeight(term="fairness", value=5), "weight fairness = 5"),
    (SetWeight(term="no_such_term", value=0), "weight no_such_term = 0"),
    (SetDutyLimit(column="max_hours_per_day", value="4", volunteer_id="ann"),
     "max_hours_per_day = 4 for volunteer ann"),
    (SetDutyLimit(column="max_hours_per_week", value="10", team="blue"),
     "max_hours_per_week = 10 for team blue"),
    (SetDutyLimit(column="min_rest_hours"), "min_rest_hours = none for the center"),
    (SetDutyLimit(column="no_such_limit", value="3"), "no_such_limit = 3 for the center"),
    (Freeze(before="2023-09-11"), "freeze what starts before 2023-09-11"),
    (AddActivity(activity_id="x1", title="Yoga", earliest_start="2024-03-05 09:00",
                 latest_end="2024-03-05 12:00", duration_minutes="60",
                 expected_attendance="10"),
     "add activity x1 (Yoga)"),
    (ChangeActivity(activity_id="a1", title="瑜伽", priority="", activity_kind="booking"),
     "change activity a1: title=瑜伽, kind=booking, priority="),
    (ChangeActivity(activity_id="a1", title="t", theme_id="th", activity_kind="meeting",
                    series_id="s", earliest_start="2024-03-05", latest_end="2024-03-06",
                    duration_minutes="90", expected_attendance="12", equipment="piano",
                    cohort="kids", min_age_band="adult", priority="high",
                    fixed_start="2024-03-05 10:00", fixed_room="hall",
                    preferred_room="studio", partner="library", notes=""),
     "change activity a1: title=t, theme_id=th, kind=meeting, series_id=s, "
     "earliest_start=2024-03-05, latest_end=2024-03-06, duration_minutes=90, "
     "expected_attendance=12, equipment=piano, cohort=kids, min_age_band=adult, "
     "priority=high, fixed_start=2024-03-05 10:00, fixed_room=hall, "
     "preferred_room=studio, partner=library, notes="),
    (RemoveActivity(activity_id="a1"), "remove activity a1"),
    (ScaleAttendance(factor=1.5), "attendance x1.5 for all activities"),
    (ScaleAttendance(factor=2.0, series_id="s1"), "attendance x2 for series_id s1"),
    (ScaleAttendance(factor=0.5, theme_id="t1"), "attendance x0.5 for theme_id t1"),
    (ScaleAttendance(factor=1.25, cohort="kids"), "attendance x1.25 for cohort kids"),
]


def test_every_kind_of_change_is_described() -> None:
    assert {change.kind for change, _ in DESCRIBED} == set(CHANGE_KINDS)


@pytest.mark.parametrize("change, english", DESCRIBED,
                         ids=[f"{c.kind}-{i}" for i, (c, _) in enumerate(DESCRIBED)])
def test_describe_says_what_it_always_said(change: Change, english: str) -> None:
    assert change.describe() == english


@pytest.mark.parametrize("change, chinese", [
    (CloseRoom(room_id="hall", start="2024-09-13", end="2024-09-15"),
     "关闭场地 hall：2024-09-13 至 2024-09-15"),
    (CloseRoom(start="2024-09-13 18:00", end="2024-09-14"),
     "全中心闭馆：2024-09-13 18:00 至 2024-09-14"),
    (VolunteerUnavailable(team="blue", start="2024-03-05", end="2024-03-06"),
     "队伍 blue 在 2024-03-05 至 2024-03-06 期间不能来"),
    (VolunteerGone(volunteer_id="ann", start="2024-03-07"), "志愿者 ann 从 2024-03-07 起不再参加"),
    (SetWeight(term="fairness", value=5), "“负荷均衡”的权重设为 5"),
    (SetWeight(term="no_such_term", value=0), "“no_such_term”的权重设为 0"),
    (SetDutyLimit(column="max_hours_per_day", value="4", volunteer_id="ann"),
     "志愿者 ann：每天服务时长上限（小时）设为 4"),
    (SetDutyLimit(column="min_rest_hours"), "全中心：取消长班后最少休息时长（小时）"),
    (ChangeActivity(activity_id="a1", title="瑜伽", priority="", activity_kind="booking"),
     "修改活动 a1：名称改为 瑜伽、类型改为 booking、清空优先级"),
    (ScaleAttendance(factor=1.5), "所有活动：预计人数乘以 1.5"),
    (ScaleAttendance(factor=2.0, series_id="s1"), "系列 s1：预计人数乘以 2"),
])
def test_a_change_says_itself_in_chinese(change: Change, chinese: str) -> None:
    assert change.wording().render("zh") == chinese


@pytest.mark.parametrize("change, english", DESCRIBED,
                         ids=[f"{c.kind}-{i}" for i, (c, _) in enumerate(DESCRIBED)])
def test_the_chinese_line_keeps_only_the_changes_own_ids_in_latin_letters(
        change: Change, english: str) -> None:
    """Ids and values come from the scenario; every word around them is Chinese, and
    the line is a phrase a plan file could keep."""
    wording = change.wording()
    chinese = wording.render("zh")
    values = {str(v) for v in vars(change).values() if isinstance(v, str)}
    words = set(re.findall(r"[A-Za-z_]{2,}", chinese)) - {
        part for value in values for part in re.findall(r"[A-Za-z_]{2,}", value)}
    assert not words, chinese
    assert wording.render("en") == english
    back = read_phrase(json.loads(json.dumps(phrase_record(wording))))
    assert back == wording and back.render("zh") == chinese


def test_every_column_and_term_a_valid_change_names_has_a_chinese_word() -> None:
    """A name falls back to itself only when the change is invalid anyway; a word's
    English is the name itself, so describe() says what it always said."""
    columns = {c.name for c in SETTING_COLUMNS} | {
        "kind" if f.name == "activity_kind" else f.name
        for f in dataclasses.fields(ChangeActivity) if f.name != "activity_id"}
    names = {f"changes_column.{c}": c for c in columns} | {
        f"changes_term.{t}": t for t in DEFAULT_WEIGHTS}
    for key, name in names.items():
        assert CATALOGUE[key]["en"] == name and CATALOGUE[key]["zh"] != name
    assert {k for k in CATALOGUE if k.startswith(("changes_column.", "changes_term."))} \
        == set(names)


def test_a_fields_issue_names_it_by_its_word_in_chinese() -> None:
    """The builder labels every field by its word, the errors named some by it ("场地编号
    （room_id）") and others not ("“factor” 字段")."""
    from conftest import DATA

    from matching.io import read_tables
    from matching.scenario import Scenario

    tables, _ = read_tables(DATA / "tiny")
    found = Scenario("s", (ScaleAttendance(factor=-1),
                           CloseRoom(room_id="gym", start="2024-03-05", end="2024-03-05"),
                           )).validate(tables)
    chinese = [issue.render("zh") for issue in found]
    assert "“倍数（factor）” 字段" in chinese[0] and "“场地编号（room_id）” 字段" in chinese[1]
    assert "field 'factor'" in found[0].render("en")
