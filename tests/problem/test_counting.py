"""Counting arguments: too much must-do work for a cohort's, a room's or a person's time."""

from __future__ import annotations

import pytest
from conftest import BASE_SETTINGS, make_problem

from matching import load_problem
from matching.problem import Problem
from matching.problem.counting import shortages
from matching.solver import SolverSettings, solve

ROOMS = "room_id,name,capacity\nhall,Hall,50\nstudio,Studio,50"
HOURS = "room_id,day,open,close\nhall,Mon,09:00,13:00\nstudio,Mon,09:00,13:00"


def _activities(count: int, cohort: str = "", earliest: str = "09:00",
                latest: str = "13:00") -> str:
    rows = ["activity_id,title,earliest_start,latest_end,duration_minutes,"
            "expected_attendance,priority,cohort"]
    rows += [f"a{i},Workshop {i},2024-03-04 {earliest},2024-03-04 {latest},120,10,must,{cohort}"
             for i in range(count)]
    return "\n".join(rows)


def test_a_cohort_with_more_work_than_its_window_is_infeasible_in_words() -> None:
    problem = make_problem(rooms=ROOMS, room_hours=HOURS, activities=_activities(3, "kids"))
    found = shortages(problem)
    assert len(found) == 1 and found[0].resource.render("en") == "the time of cohort kids"
    assert (found[0].needed, found[0].available) == (6, 4)
    plan = solve(problem, SolverSettings(time_limit=10, workers=1))
    assert plan.status == "INFEASIBLE" and len(plan.conflicts) == 1
    assert "3 activities" in plan.conflicts[0] and "kids" in plan.conflicts[0]


def test_rooms_are_counted_together_and_a_fitting_week_passes() -> None:
    assert shortages(make_problem(rooms=ROOMS, room_hours=HOURS,
                                  activities=_activities(4))) == []
    over = shortages(make_problem(rooms=ROOMS, room_hours=HOURS, activities=_activities(5)))
    assert len(over) == 1
    assert "Hall" in over[0].resource.render() and "Studio" in over[0].resource.render()
    assert (over[0].needed, over[0].available) == (10, 8)


def _two_launches(turnaround: int, latest: str) -> Problem:
    """Two 90-minute must events that only the hall holds, between 09:00 and ``latest``."""
    rooms = ("room_id,name,capacity,turnaround_minutes\n"
             f"hall,Hall,100,{turnaround}\nstudio,Studio,20,0")
    activities = ["activity_id,title,earliest_start,latest_end,duration_minutes,"
                  "expected_attendance,priority"]
    activities += [f"{a},Launch {a},2024-03-04 09:00,2024-03-04 {latest},90,80,must"
                   for a in ("a", "b")]
    return make_problem(BASE_SETTINGS.replace("slot_minutes,60", "slot_minutes,30"),
                        rooms=rooms, room_hours=HOURS, activities="\n".join(activities))


def test_a_rooms_turnaround_counts_between_the_uses_it_separates() -> None:
    problem = _two_launches(30, "12:00")
    found = shortages(problem)
    assert len(found) == 1 and set(found[0].activity_ids) == {"a", "b"}
    assert found[0].resource.render("en") == "Hall (counting the turnaround between uses)"
    assert (found[0].needed, found[0].available) == (7, 6)  # half-hour slots
    plan = solve(problem, SolverSettings(time_limit=10, workers=1))
    assert plan.status == "INFEASIBLE"  # by the count, before any search
    assert "3.5 h of Hall" in plan.conflicts[0] and "only 3 h" in plan.conflicts[0]


def test_rooms_short_without_their_turnaround_are_said_short_once() -> None:
    """Two 90-minute launches in 2.5 hours of the hall are short by the plain count;
    counted with the turnaround too, the hall was said short twice."""
    found = shortages(_two_launches(30, "11:30"))
    assert len(found) == 1 and found[0].resource.render("en") == "Hall"
    assert (found[0].needed, found[0].available) == (6, 5)


@pytest.mark.parametrize(("turnaround", "latest"), [(0, "12:00"), (30, "12:30")])
def test_events_that_fit_with_their_turnaround_are_not_short(turnaround: int, latest: str
                                                             ) -> None:
    problem = _two_launches(turnaround, latest)
    assert shortages(problem) == []
    assert solve(problem, SolverSettings(time_limit=10, workers=1)).status == "OPTIMAL"


def test_the_staffed_times_are_said_only_where_they_shape_the_window() -> None:
    """Five workshops in two rooms' morning: short without any narrowing. One needs a
    host free until noon, which narrows its starts but not the window: not said."""
    problem = make_problem(
        rooms=ROOMS, room_hours=HOURS, activities=_activities(5),
        volunteers="volunteer_id,name,skills\nv0,Li,host",
        availability="volunteer_id,day,start,end\nv0,Mon,09:00,12:00",
        roles="activity_id,role,min,target,max\na0,host,1,1,1")
    [found] = shortages(problem)
    assert (found.needed, found.available) == (10, 8)
    assert "counting only" not in found.sentence(problem).render("en")


def test_a_person_who_alone_can_fill_a_role_is_counted() -> None:
    problem = make_problem(
        rooms=ROOMS, room_hours=HOURS, activities=_activities(2),
        volunteers="volunteer_id,name,skills\nv0,Li,teach",
        availability="volunteer_id,day,start,end\nv0,Mon,09:00,12:00",
        roles="activity_id,role,min,target,max\na0,teach,1,1,1\na1,teach,1,1,1")
    found = shortages(problem)
    assert len(found) == 1 and found[0].resource.render("en") == "the time of Li"
    assert set(found[0].activity_ids) == {"a0", "a1"}


def test_the_embedded_workbook_has_no_shortage(qianjin_dir) -> None:  # type: ignore[no-untyped-def]
    assert shortages(load_problem(qianjin_dir)) == []


def test_a_cohort_counts_only_the_times_its_activities_can_be_staffed() -> None:
    """Two workshops of one class, each with a teacher of its own who is free from 10:00
    to 11:00 only: the class has the whole morning, but the two hours they need fall in
    the one hour someone can teach them. CP-SAT took seconds to prove this on a
    400-event week; the count does it at once, and says why the window is an hour."""
    rows = ["activity_id,title,earliest_start,latest_end,duration_minutes,"
            "expected_attendance,priority,cohort"]
    rows += [f"a{i},Workshop {i},2024-03-04 09:00,2024-03-04 13:00,60,10,must,class"
             for i in range(2)]
    problem = make_problem(
        rooms=ROOMS, room_hours=HOURS, activities="\n".join(rows),
        volunteers="volunteer_id,name,skills\nv0,Li,teach0\nv1,Wang,teach1",
        availability="volunteer_id,day,start,end\nv0,Mon,10:00,11:00\nv1,Mon,10:00,11:00",
        roles="activity_id,role,min,target,max\na0,teach0,1,1,1\na1,teach1,1,1,1")
    found = shortages(problem)
    assert len(found) == 1 and found[0].resource.render("en") == "the time of cohort class"
    assert (found[0].needed, found[0].available) == (2, 1)
    said = found[0].sentence(problem)
    assert said.render("en").endswith(
        "between Mon 2024-03-04 10:00 and Mon 2024-03-04 11:00; only 1 h of it exist then "
        "(counting only the times someone can fill their roles)")
    assert said.render("zh").endswith("那时只有 1 小时（只算有人能担任其岗位的时间）")
    plan = solve(problem, SolverSettings(time_limit=10, workers=1))
    assert plan.status == "INFEASIBLE" and len(plan.conflicts) == 1
    assert "the time of cohort class" in plan.conflicts[0]
    # with Wang free from 11:00 as well, the class's two hours fit: nothing is short
    wider = make_problem(
        rooms=ROOMS, room_hours=HOURS, activities="\n".join(rows),
        volunteers="volunteer_id,name,skills\nv0,Li,teach0\nv1,Wang,teach1",
        availability="volunteer_id,day,start,end\nv0,Mon,10:00,11:00\nv1,Mon,10:00,12:00",
        roles="activity_id,role,min,target,max\na0,teach0,1,1,1\na1,teach1,1,1,1")
    assert shortages(wider) == []
    assert solve(wider, SolverSettings(time_limit=10, workers=1)).status == "OPTIMAL"
