"""A freeze keeps the past as the baseline had it: the scenario's changes hold from the
freeze on, and what of a change cannot hold without rewriting the past is a warning.

One week, one hall, two hosts. In the baseline Ann hosts all three talks: Monday,
Tuesday 10:00-12:00 and Thursday; Bo hosts nothing, so he is who can take over.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from builder import Workbook

from matching.cli import main
from matching.evaluate import evaluate
from matching.io import plan_to_tables, write_tables
from matching.plan import Assignment, Plan, Staffing
from matching.scenario import (
    ChangeActivity,
    CloseRoom,
    Freeze,
    RemoveActivity,
    ScaleAttendance,
    Scenario,
    SetRoomHours,
    VolunteerAvailable,
    VolunteerGone,
    VolunteerUnavailable,
    changed_problem,
    frozen_warnings,
    replan,
)
from matching.solver import SolverSettings

WEEKDAYS = "; ".join(f"{d} 09:00-17:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri"))
BASELINE = Plan(
    (Assignment("x1", datetime(2024, 3, 4, 9), datetime(2024, 3, 4, 10), "hall"),
     Assignment("x2", datetime(2024, 3, 5, 10), datetime(2024, 3, 5, 12), "hall"),
     Assignment("x3", datetime(2024, 3, 7, 9), datetime(2024, 3, 7, 10), "hall")),
    (Staffing("x1", "host", "ann"), Staffing("x2", "host", "ann"),
     Staffing("x3", "host", "ann")))
SETTINGS = SolverSettings(time_limit=5, workers=1, seed=0)


@pytest.fixture(scope="module")
def tables():
    book = Workbook("2024-03-04", days=7)
    book.room("hall", hours=WEEKDAYS).room("annex", hours=WEEKDAYS)
    book.volunteer("ann", skills="host", available=WEEKDAYS)
    book.volunteer("bo", skills="host", available=WEEKDAYS)
    for aid, day, minutes in (("x1", "04", 60), ("x2", "05", 120), ("x3", "07", 60)):
        book.activity(aid, f"Talk {aid}", f"2024-03-{day} 09:00", f"2024-03-{day} 17:00",
                      minutes=minutes, roles={"host": (1, 1, 1)}, preferred_room="hall")
    return book.frames()


def hosts(plan: Plan, aid: str) -> set[str]:
    return {s.volunteer_id for s in plan.staff_of.get(aid, ())}


def run(tables, *changes) -> Plan:
    """The changes re-planned from the baseline; the plan must satisfy the evaluator on
    the changed workbook, the frozen past included."""
    scenario = Scenario("test", changes)
    plan = replan(tables, scenario, BASELINE, SETTINGS)
    assert plan.status == "OPTIMAL", plan.conflicts
    score = evaluate(changed_problem(tables, scenario), plan)
    assert score.feasible, [f.message for f in score.hard_violations]
    return plan


def warned(tables, scenario: Scenario) -> list[str]:
    """What ``whatif`` warns of the freeze in ``scenario`` against the baseline."""
    return [str(w) for w in
            frozen_warnings(changed_problem(tables, scenario), scenario, BASELINE)]


def test_a_volunteer_gone_after_a_freeze_keeps_what_they_did(tables) -> None:
    scenario = Scenario("ann leaves", (Freeze(before="2024-03-06"),
                                       VolunteerGone(volunteer_id="ann")))
    plan = run(tables, *scenario.changes)
    assert hosts(plan, "x1") == hosts(plan, "x2") == {"ann"}  # the past, as it was
    assert hosts(plan, "x3") == {"bo"}  # from the freeze on, Ann is gone
    assert scenario.warnings(tables) == []
    problem = changed_problem(tables, scenario)
    assert frozen_warnings(problem, scenario, BASELINE) == []
    available = problem.facts.available("ann")
    per_day = problem.grid.slots_per_day
    assert available[per_day + 10] and not available[2 * per_day:].any()


def test_attendance_scaled_after_a_freeze_leaves_what_was_held_as_it_was(tables) -> None:
    """Five times the people (50, the rooms hold 40) from Wednesday on: the talks held
    on Monday and Tuesday keep their 10 and their room, where scaling them too left no
    plan, the frozen talks blamed for it; Thursday's talk grows."""
    scaled = (Freeze(before="2024-03-06"), ScaleAttendance(factor=5))
    problem = changed_problem(tables, Scenario("grows", scaled))
    assert {a.activity_id: a.expected_attendance for a in problem.activities} == {
        "x1": 10, "x2": 10, "x3": 50}
    plan = replan(tables, Scenario("grows", scaled), BASELINE, SETTINGS)
    assert plan.assignment_of["x1"] == BASELINE.assignment_of["x1"]
    assert plan.assignment_of["x3"].start is None  # no room holds 50
    assert ScaleAttendance(factor=5).to_dict() == {"kind": "scale_attendance", "factor": 5}


def test_leaving_may_have_a_date_of_its_own(tables) -> None:
    problem = changed_problem(tables, Scenario("d", (
        VolunteerGone(volunteer_id="ann", start="2024-03-07"),)))
    per_day = problem.grid.slots_per_day
    available = problem.facts.available("ann")
    assert available[2 * per_day + 9] and not available[3 * per_day:].any()
    assert VolunteerGone(volunteer_id="ann", start="2024-03-07").describe() == (
        "volunteer ann gone from 2024-03-07")
    # leaving before the horizon is leaving altogether, as without a date
    gone = changed_problem(tables, Scenario("g", (
        VolunteerGone(volunteer_id="ann", start="2024-03-01"),)))
    assert "ann" not in gone.volunteer_by_id
    # and leaving after it would change nothing: a mistake
    [issue] = Scenario("late", (VolunteerGone(volunteer_id="ann", start="2024-04-01"),)
                       ).validate(tables)
    assert str(issue) == ("error: change 1 (volunteer_gone), field 'start': got '2024-04-01'; "
                          "a moment before the end of the workbook's horizon (2024-03-10)")


@pytest.mark.parametrize(("change", "says"), [
    (CloseRoom(room_id="hall", start="2024-03-04", end="2024-03-06"),
     "starts 2024-03-04, before the freeze at 2024-03-06 00:00, which keeps what happened "
     "before it as the baseline had it: the change holds from 2024-03-06 00:00 on"),
    (CloseRoom(room_id="hall", start="2024-03-04", end="2024-03-05"),
     "starts 2024-03-04 and ends by the freeze at 2024-03-06 00:00"),
    (VolunteerUnavailable(volunteer_id="ann", start="2024-03-05", end="2024-03-07"),
     "the change holds from 2024-03-06 00:00 on"),
    (VolunteerGone(volunteer_id="ann", start="2024-03-05"),
     "the change holds from 2024-03-06 00:00 on"),
    (SetRoomHours(room_id="hall", start="2024-03-04", end="2024-03-08", open="13:00",
                  close="17:00"), "the change holds from 2024-03-06 on"),
])
def test_a_change_dated_before_the_freeze_holds_from_the_freeze_on(tables, change,
                                                                   says) -> None:
    freeze = Freeze(before="2024-03-06")
    plan = run(tables, freeze, change)
    for aid in ("x1", "x2"):  # the past keeps its room and its host
        assert plan.assignment_of[aid].start == BASELINE.assignment_of[aid].start
        assert plan.assignment_of[aid].room_id == "hall" and hosts(plan, aid) == {"ann"}
    [warning] = Scenario("s", (freeze, change)).warnings(tables)
    assert (warning.severity, warning.index, warning.kind) == ("warning", 2, change.kind)
    assert says in str(warning) and str(warning).startswith("warning: change 2")
    assert "冻结" in warning.expectation("zh")


def test_a_change_that_keeps_clear_of_the_past_says_nothing(tables) -> None:
    scenario = Scenario("s", (
        Freeze(before="2024-03-06"),
        CloseRoom(room_id="hall", start="2024-03-07", end="2024-03-07"),
        VolunteerAvailable(volunteer_id="bo", start="2024-03-04", end="2024-03-04")))
    assert scenario.warnings(tables) == []
    plan = run(tables, *scenario.changes)
    assert plan.assignment_of["x3"].room_id == "annex"  # the closure holds after it


def test_what_a_change_still_takes_from_the_past_is_a_warning(tables) -> None:
    # frozen at 11:00 on Tuesday, in the middle of x2: Ann leaves while hosting it, and
    # x1, frozen too, is removed
    scenario = Scenario("mid-talk", (Freeze(before="2024-03-05 11:00"),
                                     VolunteerGone(volunteer_id="ann"),
                                     RemoveActivity(activity_id="x1")))
    plan = run(tables, *scenario.changes)
    assert plan.assignment_of["x2"].start == datetime(2024, 3, 5, 10)
    assert hosts(plan, "x2") == {"bo"}  # the seat went to who could serve then
    assert warned(tables, scenario) == [
        "warning: change 1 (freeze): activity x1 took place before the freeze at "
        "2024-03-05 11:00 in the baseline, but the scenario removes it: the new plan no "
        "longer has it",
        "warning: change 1 (freeze): Ann staffed Talk x2 (x2) as host before the freeze at "
        "2024-03-05 11:00 in the baseline, but the scenario no longer lets them then: the "
        "new plan gives that seat to someone who can serve then"]


def test_a_change_to_an_activity_that_took_place_says_it_rewrites_its_record(
        tables) -> None:
    """Monday's talk x1, before the freeze, given another title: the re-plan keeps its
    start and records it under the new title, with no word that the past was
    rewritten, where the README says no change rewrites it."""
    scenario = Scenario("renamed", (Freeze(before="2024-03-05"),
                                    ChangeActivity(activity_id="x1", title="Renamed talk"),
                                    ChangeActivity(activity_id="x3", title="Later talk")))
    assert warned(tables, scenario) == [
        "warning: change 2 (change_activity): Renamed talk (x1) took place at 2024-03-04 "
        "09:00, before the freeze at 2024-03-05 00:00 in the baseline: this change "
        "rewrites its record (the new plan keeps its start, with the changed title and "
        "length); to change what is still to come, add an activity instead"]


def test_a_seat_nobody_else_can_take_then_is_said_to_leave_no_plan(tables) -> None:
    """Ann and Bo both leave in the middle of x2, which Ann hosts: "the new plan gives
    that seat to someone who can serve then" was promised, and then there was no plan."""
    scenario = Scenario("both leave", (Freeze(before="2024-03-05 11:00"),
                                       VolunteerGone(volunteer_id="ann"),
                                       VolunteerGone(volunteer_id="bo")))
    assert warned(tables, scenario) == [
        "warning: change 1 (freeze): Ann staffed Talk x2 (x2) as host before the freeze at "
        "2024-03-05 11:00 in the baseline, but the scenario no longer lets them then, and "
        "nobody else can serve as host then: the past stays as it was, so there is no "
        "plan; change only what comes after the freeze, or freeze earlier"]
    assert replan(tables, scenario, BASELINE, SETTINGS).status == "INFEASIBLE"


def test_moving_what_took_place_before_the_freeze_is_said_once_and_plainly(tables) -> None:
    # x1 took place on Monday 09:00; the change would move it to the afternoon
    scenario = Scenario("move the past", (
        Freeze(before="2024-03-05 00:00"),
        ChangeActivity(activity_id="x1", earliest_start="2024-03-04 13:00",
                       latest_end="2024-03-04 17:00")))
    assert warned(tables, scenario) == [
        "warning: change 1 (freeze): Talk x1 (x1) took place at 2024-03-04 09:00, before "
        "the freeze at 2024-03-05 00:00 in the baseline, but the scenario no longer lets it "
        "take place then (its window, duration or rooms changed): the past stays as it "
        "was, so there is no plan; change only what comes after the freeze, or freeze "
        "earlier"]
    assert replan(tables, scenario, BASELINE, SETTINGS).status == "INFEASIBLE"


def test_whatif_prints_the_warnings(tables, tmp_path, capsys) -> None:
    workbook = write_tables(dict(tables), tmp_path / "workbook")
    baseline = write_tables(plan_to_tables(BASELINE), tmp_path / "baseline")
    scenario = Scenario("s", (Freeze(before="2024-03-06"), VolunteerGone(volunteer_id="ann"),
                              CloseRoom(room_id="hall", start="2024-03-04", end="2024-03-07")))
    path = scenario.save(tmp_path / "s.yaml")
    code = main(["whatif", str(workbook), str(path), "--baseline", str(baseline), "--out",
                 str(tmp_path / "out"), "--time-limit", "2", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert ("warning: change 3 (close_room), field 'start': starts 2024-03-04, before the "
            "freeze at 2024-03-06 00:00") in err
