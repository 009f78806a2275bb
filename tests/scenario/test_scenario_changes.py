"""Scenario changes on workbook tables: what each kind writes, what it refuses, and how
errors name the change and the field. No solver here."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA

from matching import load_problem, read_tables
from matching.io import build_problem
from matching.problem import HOLIDAY
from matching.scenario import (
    AddActivity,
    AddRoom,
    ChangeActivity,
    CloseRoom,
    Freeze,
    Hours,
    RemoveActivity,
    RoleSpec,
    ScaleAttendance,
    Scenario,
    ScenarioError,
    SetDutyLimit,
    SetRoomHours,
    SetWeight,
    VolunteerAvailable,
    VolunteerGone,
    VolunteerUnavailable,
    change_from_dict,
    changed_problem,
    workbook_tables,
)


@pytest.fixture
def tiny() -> dict[str, pd.DataFrame]:
    tables, issues = read_tables(DATA / "tiny")
    assert not issues
    return tables


def build(tables: dict[str, pd.DataFrame], *changes) -> object:
    return Scenario("test", tuple(changes)).build(tables)


def errors(tables: dict[str, pd.DataFrame], *changes) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        build(tables, *changes)
    return [str(i) for i in info.value.issues]


# -- what each change writes --------------------------------------------------------------

def test_close_room_adds_a_closure_row_and_leaves_the_input_alone(tiny) -> None:
    before = {name: frame.copy() for name, frame in tiny.items()}
    change = CloseRoom(room_id="hall", start="2024-03-05", end="2024-03-06", reason="storm")
    problem = build(tiny, change)
    closure = problem.closures[-1]
    assert (closure.room_id, closure.start, closure.end, closure.reason) == (
        "hall", datetime(2024, 3, 5), datetime(2024, 3, 7), "storm")
    assert "closures" not in tiny
    for name, frame in before.items():
        pd.testing.assert_frame_equal(tiny[name], frame)


def test_close_room_without_a_room_closes_the_whole_center(tiny) -> None:
    problem = build(tiny, CloseRoom(start="2024-03-05 13:00", end="2024-03-05 15:00"))
    assert problem.closures[-1].room_id is None


def test_room_hours_replace_the_weekday_hours_on_those_dates(tiny) -> None:
    change = SetRoomHours(room_id="studio", start="2024-03-05", end="2024-03-06",
                          open="00:00", close="24:00")
    problem = build(tiny, change)
    dated = [(h.day, h.open_minute, h.close_minute) for h in problem.opening_hours
             if h.room_id == "studio" and isinstance(h.day, date)]
    assert dated == [(date(2024, 3, 5), 0, 1440), (date(2024, 3, 6), 0, 1440)]
    open_slots = problem.facts.room_open["studio"]
    tuesday = problem.grid.slots_per_day * 1
    assert open_slots[tuesday:tuesday + 24].all()


def test_room_hours_drop_earlier_date_rows_of_those_dates(tiny) -> None:
    first = SetRoomHours(room_id="studio", start="2024-03-05", end="2024-03-05",
                         open="08:00", close="12:00")
    second = SetRoomHours(room_id="studio", start="2024-03-05", end="2024-03-05",
                          open="13:00", close="17:00")
    problem = build(tiny, first, second)
    dated = [(h.open_minute, h.close_minute) for h in problem.opening_hours
             if isinstance(h.day, date)]
    assert dated == [(13 * 60, 17 * 60)]


def test_add_room_with_hours_as_text_or_rows(tiny) -> None:
    from_text = AddRoom.from_dict({"room_id": "annex", "name": "Annex", "capacity": 30,
                                   "hours": "Mon 09:00-12:00; holiday 10:00-16:00"})
    from_rows = AddRoom(room_id="annex", name="Annex", capacity="30",
                        hours=(Hours("Mon", "09:00", "12:00"),
                               Hours("holiday", "10:00", "16:00")))
    assert from_text == from_rows
    # as a Chinese input method types them, as the workbook reads them
    assert AddRoom.from_dict({"room_id": "annex", "name": "Annex", "capacity": 30,
                              "hours": "Mon 09:00-12:00；holiday 10:00-16:00"}) == from_rows
    assert AddActivity.from_dict({
        "activity_id": "n", "title": "N", "earliest_start": "2024-03-05",
        "latest_end": "2024-03-05", "duration_minutes": 60, "expected_attendance": 5,
        "roles": "first_aid：1：1；host:1"}).roles == (
        RoleSpec("first_aid", "1", "1", ""), RoleSpec("host", "1", "", ""))
    problem = build(tiny, from_rows)
    assert problem.room_by_id["annex"].capacity == 30
    assert [(h.day, h.open_minute) for h in problem.opening_hours if h.room_id == "annex"] == [
        (0, 540), (HOLIDAY, 600)]


def test_a_room_added_by_one_change_can_be_closed_by_the_next(tiny) -> None:
    add = AddRoom(room_id="annex", name="Annex", capacity="30",
                  hours=(Hours("Mon", "09:00", "12:00"),))
    close = CloseRoom(room_id="annex", start="2024-03-04", end="2024-03-04")
    assert build(tiny, add, close).closures[-1].room_id == "annex"


def test_a_team_away_gets_unavailable_date_rows_for_each_member(tiny) -> None:
    change = VolunteerUnavailable(team="staff", start="2024-03-05 12:00", end="2024-03-06")
    problem = build(tiny, change)
    rows = [(w.volunteer_id, w.day, w.start_minute, w.end_minute, w.kind)
            for w in problem.availability if w.kind == "unavailable" and w.volunteer_id == "v1"]
    assert (("v1", date(2024, 3, 5), 720, 1440, "unavailable") in rows
            and ("v1", date(2024, 3, 6), 0, 1440, "unavailable") in rows)
    available = problem.facts.available("v1")
    per_day = problem.grid.slots_per_day
    assert available[per_day + 9:per_day + 12].all()  # Tuesday morning
    assert not available[per_day + 12:per_day * 3].any()  # Tuesday afternoon, Wednesday


def test_a_volunteer_called_out_is_available_at_night(tiny) -> None:
    change = VolunteerAvailable(volunteer_id="v2", start="2024-03-05", end="2024-03-05")
    problem = build(tiny, change)
    per_day = problem.grid.slots_per_day
    assert problem.facts.available("v2")[per_day:per_day * 2].all()


def test_a_call_out_of_someone_away_then_is_a_warning_saying_away_wins(tiny) -> None:
    """Ann is away on Friday 8 March (the workbook's row) and, by an earlier change,
    Tuesday afternoon: calling her out then changed nothing, without a word."""
    away = VolunteerUnavailable(volunteer_id="v1", start="2024-03-05 13:00",
                                end="2024-03-05 15:00")
    call_out = VolunteerAvailable(volunteer_id="v1", start="2024-03-05 12:00",
                                  end="2024-03-05 20:00")
    [warning] = Scenario("s", (away, call_out)).warnings(tiny)
    assert (warning.index, warning.kind, warning.severity) == (2, "volunteer_available",
                                                                "warning")
    assert warning.expectation("en").startswith("part of the period is unavailable time "
                                                "of v1, which wins over available time")
    friday = VolunteerAvailable(volunteer_id="v1", start="2024-03-08", end="2024-03-08")
    assert len(Scenario("s", (friday,)).warnings(tiny)) == 1
    free = VolunteerAvailable(volunteer_id="v1", start="2024-03-06", end="2024-03-07")
    assert Scenario("s", (free,)).warnings(tiny) == []


def test_a_call_out_sees_unavailable_time_typed_in_chinese(tiny) -> None:
    """The workbook reads 不可用 as unavailable; the call-out's warning read past it."""
    tables = {name: frame.copy() for name, frame in tiny.items()}
    availability = tables["availability"]
    friday = availability["day"] == "2024-03-08"
    assert (availability.loc[friday, "kind"] == "unavailable").any()
    availability.loc[friday, "kind"] = "不可用"
    call_out = VolunteerAvailable(volunteer_id="v1", start="2024-03-08", end="2024-03-08")
    assert len(Scenario("s", (call_out,)).warnings(tables)) == 1


def test_a_volunteer_gone_loses_every_row(tiny) -> None:
    problem = build(tiny, VolunteerGone(volunteer_id="v3"))
    assert "v3" not in problem.volunteer_by_id
    assert all(w.volunteer_id != "v3" for w in problem.availability)


def test_add_activity_with_roles(tiny) -> None:
    change = AddActivity.from_dict({
        "kind": "add_activity", "activity_id": "n1", "title": "Night watch",
        "earliest_start": "2024-03-05 09:00", "latest_end": "2024-03-05 12:00",
        "duration_minutes": 60, "expected_attendance": 5, "activity_kind": "meeting",
        "priority": "must", "roles": "host:1:1; teach:0:1:2"})
    problem = build(tiny, change)
    added = problem.activity_by_id["n1"]
    assert (added.kind, added.priority, added.duration_minutes) == ("meeting", "must", 60)
    assert [(r.role, r.min, r.target, r.max) for r in problem.roles_of["n1"]] == [
        ("host", 1, 1, 1), ("teach", 0, 1, 2)]


def test_change_activity_sets_and_clears_fields(tiny) -> None:
    change = ChangeActivity(activity_id="a1", priority="must", equipment="",
                            duration_minutes="120")
    activity = build(tiny, change).activity_by_id["a1"]
    assert (activity.priority, activity.equipment, activity.duration_minutes) == (
        "must", frozenset(), 120)


def test_a_window_a_change_made_too_short_is_said_of_the_end_it_moved(tiny) -> None:
    """The change set latest_end; the error named duration_minutes, which it never set."""
    with pytest.raises(ScenarioError) as moved:
        build(tiny, ChangeActivity(activity_id="a1", latest_end="2024-03-04 00:30"))
    assert [str(i) for i in moved.value.issues] == [
        "error: change 1 (change_activity), field 'latest_end': got '2024-03-04 00:30'; a "
        "window from earliest_start to latest_end that holds the activity's "
        "duration_minutes (60 min)"]
    with pytest.raises(ScenarioError) as longer:  # a duration it set is still its fault
        build(tiny, ChangeActivity(activity_id="a1", latest_end="2024-03-04 00:30",
                                   duration_minutes="90"))
    assert [i.field for i in longer.value.issues] == ["duration_minutes"]


def test_remove_activity_takes_its_roles(tiny) -> None:
    problem = build(tiny, RemoveActivity(activity_id="a3"))
    assert "a3" not in problem.activity_by_id
    assert all(r.activity_id != "a3" for r in problem.roles)


@pytest.mark.parametrize(("selector", "expected"), [
    ({"series_id": "s1"}, {"a1": 12, "a2": 12, "a3": 20, "b1": 10}),
    ({"theme_id": "spring"}, {"a1": 12, "a2": 12, "a3": 30, "b1": 10}),
    ({}, {"a1": 12, "a2": 12, "a3": 30, "a4": 9, "b1": 15}),
])
def test_scale_attendance_rounds_up(tiny, selector, expected) -> None:
    problem = build(tiny, ScaleAttendance(factor=1.5, **selector))
    got = {a.activity_id: a.expected_attendance for a in problem.activities}
    assert {k: got[k] for k in expected} == expected


# the reader takes "Teens" and "ｔｅｅｎｓ" for one tag: so does the scenario
@pytest.mark.parametrize(("cell", "asked"), [("kids；teens", "teens"), ("Teens", "ｔｅｅｎｓ ")])
def test_scale_attendance_by_cohort(tiny, cell: str, asked: str) -> None:
    tables = dict(tiny)
    frame = tables["activities"].copy()
    frame.loc[frame["activity_id"] == "a3", "cohort"] = cell
    tables["activities"] = frame
    problem = build(tables, ScaleAttendance(factor=2, cohort=asked))
    assert problem.activity_by_id["a3"].expected_attendance == 40
    assert problem.activity_by_id["a1"].expected_attendance == 8


def test_set_weight_replaces_the_setting(tiny) -> None:
    problem = build(tiny, SetWeight(term="fairness", value=7), SetWeight(term="fairness", value=9))
    assert problem.weights()["fairness"] == 9
    assert dict(problem.settings.weights) == {"fairness": 9}


def test_duty_limit_for_the_center_a_team_or_one_volunteer(tiny) -> None:
    problem = build(tiny, SetDutyLimit(column="min_rest_hours", value="11"),
                    SetDutyLimit(column="max_hours_per_day", value="10"),
                    SetDutyLimit(column="max_hours_per_day", value="4", team="rescue"),
                    SetDutyLimit(column="max_hours_per_week", value="", volunteer_id="v2"))
    assert dict(problem.settings.limits) == {"max_hours_per_day": 10, "min_rest_hours": 11}
    v1, v2 = problem.volunteer_by_id["v1"], problem.volunteer_by_id["v2"]
    assert v1.limits == () and dict(v2.limits) == {"max_hours_per_day": 4}
    again = build(tiny, SetDutyLimit(column="min_rest_hours", value="11"),
                  SetDutyLimit(column="min_rest_hours", value=""))
    assert again.settings.limits == ()


def test_a_limit_for_the_center_holds_for_everyone_whose_own_is_looser(tiny) -> None:
    """"Everyone at most 2 h a week" left volunteers with a week of their own (Bo: 3 h)
    as they were, without a word; a stricter own limit stays, and the rest the center
    asks for after a long shift is at least its value for everyone."""
    tiny["volunteers"] = tiny["volunteers"].copy()
    tiny["volunteers"]["min_rest_hours"] = ["", "14", "", "8"]
    problem = build(tiny, SetDutyLimit(column="max_hours_per_week", value="2"),
                    SetDutyLimit(column="min_rest_hours", value="11"))
    week = {v.volunteer_id: dict(v.limits).get("max_hours_per_week")
            for v in problem.volunteers}
    assert week == {"v1": None, "v2": 2, "v3": None, "v4": None}  # blank: the center's 2
    rest = {v.volunteer_id: dict(v.limits).get("min_rest_hours") for v in problem.volunteers}
    assert rest == {"v1": None, "v2": 14, "v3": None, "v4": 11}
    assert dict(problem.settings.limits) == {"max_hours_per_week": 2, "min_rest_hours": 11}
    tighter = build(tiny, SetDutyLimit(column="max_hours_per_week", value="5"))
    assert dict(tighter.volunteer_by_id["v2"].limits)["max_hours_per_week"] == 3
    # a value the settings row refuses is said once, not copied into everyone's cells
    found = errors(tiny, SetDutyLimit(column="max_hours_per_week", value="-1"))
    assert len(found) == 1 and "field 'value'" in found[0], found


def test_a_scenario_warns_of_what_its_changes_bring_and_only_that(tiny) -> None:
    """The warnings of the rows a change writes are said of it; one it causes elsewhere
    (a3 has nobody for first aid once Bo is gone) of the changed workbook; one the
    workbook had already (a skill left blank) not again, nor blamed on a change that
    rewrote that row."""
    gone = Scenario("gone", (VolunteerGone(volunteer_id="v2"),)).warnings(tiny)
    assert [w.render("en")[:58] for w in gone] == [
        "warning: changed workbook, table activities, row 4, field "]
    assert "a3" in gone[0].render("en") and gone[0].severity == "warning"
    tiny["volunteers"] = tiny["volunteers"].copy()
    tiny["volunteers"].loc[tiny["volunteers"].index[1], "skills"] = ""
    assert Scenario("cap", (SetDutyLimit(column="max_hours_per_week", value="2"),)
                    ).warnings(tiny) == []


def test_settings_changed_are_found_spelt_as_the_reader_takes_them(tiny) -> None:
    """A workbook's "Max Hours Per Day" row (read as max_hours_per_day) stayed beside the
    change's: "each setting once", and no plan."""
    settings = tiny["settings"]
    tiny["settings"] = pd.concat([settings, pd.DataFrame(
        {"key": ["Max Hours Per Day", "Weight.Fairness "], "value": ["8", "2"]})],
        ignore_index=True)
    problem = build(tiny, SetDutyLimit(column="max_hours_per_day", value="10"),
                    SetWeight(term="fairness", value=9))
    assert dict(problem.settings.limits) == {"max_hours_per_day": 10}
    assert problem.weights()["fairness"] == 9


def test_freeze_changes_no_table(tiny) -> None:
    scenario = Scenario("f", (Freeze(before="2024-03-06"), Freeze(before="2024-03-05 12:00")))
    assert scenario.apply(tiny).keys() == tiny.keys()
    assert all(scenario.apply(tiny)[k] is tiny[k] for k in tiny)
    assert scenario.freeze_before == datetime(2024, 3, 6)


def test_a_restricted_problem_round_trips_through_tables() -> None:
    from matching import load_problem

    problem = load_problem(DATA / "tiny")
    # the center setting too: a what-if's workbook/ signed its reports with the name
    signed = dataclasses.replace(problem, settings=dataclasses.replace(
        problem.settings, center="Tiny Street Center"))
    for one in (problem, signed):
        again = build_problem(workbook_tables(one))
        for field in ("settings", "rooms", "opening_hours", "closures", "volunteers",
                      "availability", "preferences", "activities", "roles", "themes"):
            assert getattr(again, field) == getattr(one, field), field


# -- errors name the change and the field -------------------------------------------------

def test_unknown_room_names_change_kind_and_field(tiny) -> None:
    found = errors(tiny, SetWeight(term="fairness", value=1),
                   CloseRoom(room_id="gym", start="2024-03-05", end="2024-03-05"))
    assert len(found) == 1
    assert "change 2 (close_room), field 'room_id': got 'gym'" in found[0]
    assert "hall, studio" in found[0]


def test_bad_dates_and_reversed_periods(tiny) -> None:
    found = errors(tiny, CloseRoom(room_id="hall", start="2024-02-30", end="2024-03-05"),
                   VolunteerUnavailable(volunteer_id="v1", start="2024-03-06",
                                        end="2024-03-05 10:00"),
                   SetRoomHours(room_id="hall", start="2024-03-05", end="5 March",
                                open="09:00", close="08:00"))
    assert ("change 1 (close_room), field 'start': got '2024-02-30'; a date that exists: "
            "2024-02 has 29 days") in found[0]
    assert "change 2 (volunteer_unavailable), field 'end'" in found[1]
    assert any("change 3 (room_hours), field 'end': got '5 March'" in f for f in found)
    assert any("change 3 (room_hours), field 'close'" in f for f in found)


def test_a_change_of_ones_own_in_a_module_without_postponed_annotations_converts() -> None:
    """Its fields' types are type objects there, not text: they are read by name."""
    namespace: dict[str, object] = {}
    exec("from dataclasses import dataclass\n"  # a module without `from __future__`
         "from matching.scenario.base import Change\n"
         "@dataclass(frozen=True)\n"
         "class Note(Change):\n"
         "    room: str\n"
         "    count: int\n", namespace)
    note = namespace["Note"](room="hall", count="3")  # type: ignore[operator]
    assert (note.room, note.count) == ("hall", 3)


def test_a_scenario_error_is_rebuilt_whole_where_a_worker_hands_it_back(tiny) -> None:
    """A sweep's run on a Dask worker returns its error pickled: every problem comes
    back, still said in either language."""
    with pytest.raises(ScenarioError) as info:
        build(tiny, CloseRoom(room_id="hall", start="2024-02-30", end="2024-03-05"),
              SetWeight(term="fairness", value=1))
    copied = pickle.loads(pickle.dumps(info.value))
    assert [str(i) for i in copied.issues] == [str(i) for i in info.value.issues]
    assert copied.render("zh") == info.value.render("zh") != copied.render("en")


def test_a_change_checked_on_its_own_names_its_kind(tiny) -> None:
    [issue] = CloseRoom(room_id="gym", start="2024-03-05", end="2024-03-05").validate(tiny)
    assert str(issue).startswith("error: close_room change, field 'room_id': got 'gym'")


def test_a_volunteer_or_room_given_by_name_gets_its_id_suggested(tiny) -> None:
    [by_name] = VolunteerGone(volunteer_id="Ann Lee").validate(tiny)
    assert str(by_name) == ("error: volunteer_gone change, field 'volunteer_id': got "
                            "'Ann Lee'; an id listed in volunteers (v1, v2, v3, v4); did you "
                            "mean 'v1'?")
    [room] = CloseRoom(room_id="Hall", start="2024-03-05", end="2024-03-05").validate(tiny)
    assert room.expected.endswith("(hall, studio); did you mean 'hall'?")
    [unknown] = VolunteerGone(volunteer_id="Nobody").validate(tiny)
    assert unknown.expected == "an id listed in volunteers (v1, v2, v3, v4)"


def test_a_name_two_volunteers_share_suggests_neither(tiny) -> None:
    frame = tiny["volunteers"].copy()
    frame.loc[frame["volunteer_id"] == "v2", "name"] = "Ann Lee"
    [issue] = VolunteerGone(volunteer_id="Ann Lee").validate({**tiny, "volunteers": frame})
    assert "did you mean" not in issue.expected


def test_a_period_outside_the_horizon_is_an_error(tiny) -> None:
    found = errors(tiny, CloseRoom(room_id="hall", start="2025-03-05", end="2025-03-06"))
    assert "overlaps the workbook's horizon (2024-03-04 to 2024-03-10)" in found[0]


@pytest.mark.parametrize(("change", "expected"), [
    (VolunteerGone(team="chess club"), "field 'team': got 'chess club'"),
    (VolunteerGone(volunteer_id="v1", team="staff"), "exactly one of them"),
    (VolunteerGone(), "exactly one of them"),
    (SetWeight(term="fairnes", value=1), "field 'term': got 'fairnes'; an objective term"),
    (SetDutyLimit(column="max_hours", value="1"), "field 'column': got 'max_hours'; a duty"),
    (SetDutyLimit(column="rest_after_hours", value="4", team="staff"),
     "a duty limit of a volunteer"),
    (SetDutyLimit(column="min_rest_hours", value="8", team="chess club"), "field 'team'"),
    (SetWeight(term="fairness", value=-1), "field 'value'"),
    (ScaleAttendance(factor=-1), "field 'factor'"),
    (ScaleAttendance(factor=2, series_id="s9"), "field 'series_id': got 's9'"),
    (ScaleAttendance(factor=2, series_id="s1", cohort="kids"), "at most one of"),
    (ChangeActivity(activity_id="a9", title="x"), "field 'activity_id': got 'a9'"),
    (ChangeActivity(activity_id="a1"), "at least one field to change"),
    (ChangeActivity(activity_id="a1", fixed_room="gym"), "field 'fixed_room': got 'gym'"),
    (RemoveActivity(activity_id="a9"), "field 'activity_id': got 'a9'"),
    (AddActivity(activity_id="a1", title="t", earliest_start="2024-03-05",
                 latest_end="2024-03-05", duration_minutes="60", expected_attendance="1"),
     "an activity id not yet in activities"),
    (AddRoom(room_id="hall", name="H", capacity="1", hours=()), "not yet in rooms"),
    (Freeze(before="yesterday"), "field 'before': got 'yesterday'"),
])
def test_invalid_changes(tiny, change, expected) -> None:
    found = errors(tiny, change)
    assert any(expected in f and f"({change.kind})" in f for f in found), found


def test_cell_errors_in_written_rows_are_traced_to_the_change(tiny) -> None:
    add = AddActivity(activity_id="n1", title="New", earliest_start="2024-03-05 09:00",
                      latest_end="2024-03-05 12:00", duration_minutes="an hour",
                      expected_attendance="5", activity_kind="party",
                      roles=(RoleSpec("host", "one"),))
    found = errors(tiny, ChangeActivity(activity_id="a1", title="ok"), add)
    assert any("change 2 (add_activity), field 'duration_minutes': got 'an hour'" in f
               for f in found)
    assert any("change 2 (add_activity), field 'activity_kind': got 'party'" in f
               for f in found)
    assert any("change 2 (add_activity), field 'roles.min': got 'one'" in f for f in found)


def test_a_change_that_breaks_another_row_is_reported_on_the_workbook(tiny) -> None:
    found = errors(tiny, VolunteerGone(volunteer_id="v1"),
                   AddActivity(activity_id="n1", title="late", earliest_start="2024-03-09",
                               latest_end="2024-03-12", duration_minutes="60",
                               expected_attendance="1"))
    assert any("change 2 (add_activity), field 'latest_end'" in f and "horizon" in f
               for f in found)


def test_all_problems_are_reported_at_once(tiny) -> None:
    found = errors(tiny, CloseRoom(room_id="gym", start="x", end="2024-03-05"),
                   VolunteerGone(team="nobody"), SetWeight(term="x", value=1))
    assert [f.split(":")[1].strip() for f in found] == [
        "change 1 (close_room), field 'room_id'", "change 1 (close_room), field 'start'",
        "change 2 (volunteer_gone), field 'team'", "change 3 (set_weight), field 'term'"]


def test_a_change_s_errors_do_not_hide_those_the_workbook_finds_in_another(tiny) -> None:
    """A duration the workbook's validation rejects is said with an unknown room, not
    once the room is put right."""
    add = AddActivity(activity_id="n1", title="New", earliest_start="2024-03-05 09:00",
                      latest_end="2024-03-05 12:00", duration_minutes="ninety",
                      expected_attendance="5")
    found = errors(tiny, CloseRoom(room_id="gym", start="2024-03-05", end="2024-03-05"), add)
    assert [f.split(":")[1].strip() for f in found] == [
        "change 1 (close_room), field 'room_id'",
        "change 2 (add_activity), field 'duration_minutes'"]


def test_a_change_with_an_error_has_its_other_cells_judged_in_the_same_round(tiny) -> None:
    """An ``add_activity`` whose id is taken was skipped whole, so its duration of ``2h``
    came to light only once the id was mended: a second round of fixes."""
    add = AddActivity(activity_id="a1", title="New", earliest_start="2024-03-05 09:00",
                      latest_end="2024-03-05 12:00", duration_minutes="2h",
                      expected_attendance="5", roles=(RoleSpec(role="teach", min="1"),))
    # not its role, which a1's own roles make "once per activity" only under the id taken
    found = errors(tiny, add, CloseRoom(room_id="gym", start="2024-03-05", end="2024-03-05"))
    assert [f.split(":")[1].strip() for f in found] == [
        "change 1 (add_activity), field 'activity_id'",
        "change 1 (add_activity), field 'duration_minutes'",
        "change 2 (close_room), field 'room_id'"]


def test_shipped_scenarios_fit_the_embedded_workbook() -> None:
    tables, _ = read_tables(DATA / "qianjin-2023")
    for path in sorted((DATA / "scenarios").glob("*.yaml")):
        scenario = Scenario.load(path)
        assert scenario.name == Path(path).stem
        assert scenario.description
        assert scenario.validate(tables) == [], path.name


def test_typhoon_closes_hall_and_square_and_opens_a_shelter_around_the_clock() -> None:
    tables, _ = read_tables(DATA / "qianjin-2023")
    scenario = Scenario.load(DATA / "scenarios" / "typhoon-muifa.yaml")
    rooms = {r.room_id: r.name for r in build_problem(tables).rooms}
    assert (rooms["hall"], rooms["square"]) == ("多功能厅", "户外广场")
    problem = scenario.build(tables)
    closed = {(c.room_id, c.start, c.end) for c in problem.closures}
    for room in ("hall", "square"):
        assert (room, datetime(2023, 9, 13), datetime(2023, 9, 16)) in closed
    shifts = [a for a in problem.activities if a.activity_id.startswith("SHELTER-")]
    assert len(shifts) == 9 and all(a.priority == "must" for a in shifts)
    assert sum(a.duration_minutes for a in shifts) == 72 * 60
    assert {a.fixed_room for a in shifts} == {"study"}
    assert all(problem.roles_of[a.activity_id] for a in shifts)
    assert scenario.freeze_before == datetime(2023, 9, 11)


# -- changes built in Python ----------------------------------------------------------------

@pytest.mark.parametrize(("built", "as_read"), [
    (CloseRoom(room_id="hall", start=date(2024, 3, 5), end=datetime(2024, 3, 6, 12, 0)),
     {"kind": "close_room", "room_id": "hall", "start": "2024-03-05",
      "end": "2024-03-06 12:00"}),
    (ScaleAttendance(factor="2"), {"kind": "scale_attendance", "factor": 2}),
    (ScaleAttendance(factor=3), {"kind": "scale_attendance", "factor": "3"}),
    (SetWeight(term="fairness", value="5"), {"kind": "set_weight", "term": "fairness",
                                             "value": 5}),
    (SetWeight(term="fairness", value=4.0), {"kind": "set_weight", "term": "fairness",
                                             "value": 4}),
    (ChangeActivity(activity_id="talk", duration_minutes=90),
     {"kind": "change_activity", "activity_id": "talk", "duration_minutes": "90"}),
    (AddRoom(room_id="x", name="X", capacity=12, hours=[Hours("Mon", "09:00", "12:00")]),
     {"kind": "add_room", "room_id": "x", "name": "X", "capacity": "12",
      "hours": "Mon 09:00-12:00"}),
    (AddActivity(activity_id="n", title="N", earliest_start=date(2024, 3, 5),
                 latest_end=date(2024, 3, 6), duration_minutes=60, expected_attendance=10,
                 roles=(RoleSpec("host", 1),)),
     {"kind": "add_activity", "activity_id": "n", "title": "N", "earliest_start": "2024-03-05",
      "latest_end": "2024-03-06", "duration_minutes": 60, "expected_attendance": 10,
      "roles": [{"role": "host", "min": 1}]}),
])
def test_a_change_built_in_python_takes_python_values_as_a_file_would(built, as_read) -> None:
    assert built == change_from_dict(as_read)


def test_a_scenario_built_in_python_with_dates_and_numbers_changes_the_problem() -> None:
    problem = load_problem(DATA / "tiny")
    closed = CloseRoom(room_id="hall", start=date(2024, 3, 5), end=date(2024, 3, 6))
    twice = ScaleAttendance(factor="2")
    changed = changed_problem(problem, Scenario(name="x", description="",
                                                changes=(closed, twice)))
    assert [(c.room_id, c.start, c.end) for c in changed.closures
            if c.room_id == "hall"] == [("hall", datetime(2024, 3, 5), datetime(2024, 3, 7))]
    assert sum(a.expected_attendance for a in changed.activities) == 2 * sum(
        a.expected_attendance for a in problem.activities)


@pytest.mark.parametrize(("make", "entry"), [
    (lambda: ScaleAttendance(factor="double"), {"kind": "scale_attendance", "factor": "double"}),
    (lambda: SetWeight(term="fairness", value=2.5),
     {"kind": "set_weight", "term": "fairness", "value": 2.5}),
    (lambda: CloseRoom(room_id=["hall"], start=date(2024, 3, 5), end=True),
     {"kind": "close_room", "room_id": ["hall"], "start": date(2024, 3, 5), "end": True}),
    (lambda: AddRoom(room_id="x", name="X", capacity=3, hours=[{"day": "Mon"}]),
     {"kind": "add_room", "room_id": "x", "name": "X", "capacity": 3,
      "hours": [{"day": "Mon"}]}),
])
def test_a_bad_value_built_in_python_is_the_issue_a_file_reports(make, entry) -> None:
    with pytest.raises(ScenarioError) as built:
        make()
    with pytest.raises(ScenarioError) as read:
        change_from_dict(entry, 1)
    assert built.value.issues == [dataclasses.replace(i, index=None)
                                  for i in read.value.issues]


def test_a_team_typed_wrong_gets_the_team_it_was_most_likely_meant_for(tiny) -> None:
    """A misspelt room was told "did you mean 'hall'?", a misspelt team only the list."""
    [issue] = Scenario("s", (VolunteerUnavailable(team="resuce", start="2024-03-05",
                                                  end="2024-03-05"),)).validate(tiny)
    assert issue.render("en").endswith("did you mean 'rescue'?"), issue.render("en")
    [issue] = Scenario("s", (VolunteerUnavailable(team="choir", start="2024-03-05",
                                                  end="2024-03-05"),)).validate(tiny)
    assert "did you mean" not in issue.render("en")
