"""The first-fit baseline: valid plans only, priorities first, every hard rule kept."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from builder import Workbook
from conftest import make_problem
from hypothesis import HealthCheck, given, settings
from workbook_strategies import workbooks

from matching import load_problem
from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.problem import Problem
from matching.problem.select import restrict

ROOMS = """room_id,name,capacity,equipment,site,turnaround_minutes
hall,Hall,40,,main,0
"""
HOURS = """room_id,day,open,close
hall,Mon,09:00,12:00
"""
VOLUNTEERS = """volunteer_id,name,skills,max_hours_per_week
v1,Ann,host,
v2,Bo,host,1
"""
HEAD = "activity_id,title,earliest_start,latest_end,duration_minutes,expected_attendance"
AVAILABILITY = """volunteer_id,day,start,end
v1,Mon,09:00,12:00
v2,Mon,09:00,12:00
"""


def _problem(activities: str, roles: str = "activity_id,role,min,target,max\n",
             rooms: str = ROOMS, hours: str = HOURS) -> Problem:
    return make_problem(rooms=rooms, room_hours=hours, volunteers=VOLUNTEERS,
                        availability=AVAILABILITY, activities=activities, roles=roles)


def _placed(problem: Problem) -> dict[str, datetime | None]:
    plan = greedy_plan(problem)
    assert evaluate(problem, plan).hard_violations == []
    return {a.activity_id: a.start for a in plan.assignments}


def test_tiny_workbook_is_planned_without_violations(tiny_dir):
    problem = load_problem(tiny_dir)
    plan = greedy_plan(problem)
    score = evaluate(problem, plan)
    assert score.feasible, [f.message for f in score.hard_violations]
    assert plan.status == "FEASIBLE" and plan.meta["method"] == "greedy"
    assert plan.assignment_of["a3"].start is not None  # the must activity
    assert [a.activity_id for a in plan.assignments] == [a.activity_id for a in
                                                         problem.activities]


@pytest.mark.parametrize("quarter", [None, (date(2023, 1, 1), date(2023, 3, 31))])
def test_qianjin_is_planned_without_violations(qianjin_dir, quarter):
    problem = load_problem(qianjin_dir)
    if quarter:
        problem = restrict(problem, start=quarter[0], end=quarter[1])
    plan = greedy_plan(problem)
    score = evaluate(problem, plan)
    assert score.feasible, [f.message for f in score.hard_violations[:5]]
    musts = [a.activity_id for a in problem.activities if a.priority == "must"]
    assert all(plan.assignment_of[m].start is not None for m in musts)
    assert len(plan.scheduled) >= 0.95 * len(problem.activities)
    for row in plan.assignments:
        assert (row.start is None) == bool(row.reason)


def test_must_is_placed_before_a_low_activity_competing_for_the_slot():
    problem = _problem(HEAD + """,priority
low,Low,2024-03-04 09:00,2024-03-04 12:00,180,10,low
must,Must,2024-03-04 09:00,2024-03-04 12:00,180,10,must
""")
    plan = greedy_plan(problem)
    assert plan.assignment_of["must"].start == datetime(2024, 3, 4, 9)
    assert plan.assignment_of["low"].start is None
    assert "room" in plan.assignment_of["low"].reason
    assert evaluate(problem, plan).feasible


def test_an_activity_no_room_holds_is_left_out_for_its_size():
    # first fit's reason is the cause solve and check give, not the opening hours
    problem = _problem(HEAD + "\nbig,Big,2024-03-04 09:00,2024-03-04 12:00,60,50\n")
    assert greedy_plan(problem).assignment_of["big"].reason == (
        "no room fits: Hall holds 40, 50 expected")


def test_high_before_normal_then_earliest_window_first():
    problem = _problem(HEAD + """,priority
n,Normal,2024-03-04 09:00,2024-03-04 12:00,60,10,normal
h,High,2024-03-04 10:00,2024-03-04 12:00,60,10,high
e,Early normal,2024-03-04 09:00,2024-03-04 12:00,60,10,normal
""")
    placed = _placed(problem)
    assert placed["h"] == datetime(2024, 3, 4, 10)
    assert placed["n"] == datetime(2024, 3, 4, 9)  # same window start: row order
    assert placed["e"] == datetime(2024, 3, 4, 11)


def test_turnaround_keeps_the_room_blocked():
    rooms = ROOMS.replace("main,0", "main,60")
    problem = _problem(HEAD + """
a,A,2024-03-04 09:00,2024-03-04 12:00,60,10
b,B,2024-03-04 09:00,2024-03-04 12:00,60,10
c,C,2024-03-04 09:00,2024-03-04 12:00,60,10
""", rooms=rooms)
    placed = _placed(problem)
    assert placed == {"a": datetime(2024, 3, 4, 9), "b": datetime(2024, 3, 4, 11), "c": None}


def test_roles_first_fit_within_limits_and_min_enforced():
    problem = _problem(HEAD + """
a,A,2024-03-04 09:00,2024-03-04 10:00,60,10
b,B,2024-03-04 10:00,2024-03-04 11:00,60,10
c,C,2024-03-04 11:00,2024-03-04 12:00,60,10
""", roles="""activity_id,role,min,target,max
a,host,1,2,2
b,host,1,2,2
c,host,2,2,2
""")
    plan = greedy_plan(problem)
    staff = {aid: sorted(s.volunteer_id for s in rows) for aid, rows in plan.staff_of.items()}
    # v2 gives one hour a week: a takes both, b only v1, c (min 2) cannot be staffed
    assert staff == {"a": ["v1", "v2"], "b": ["v1"]}
    assert plan.assignment_of["c"].start is None
    assert "host" in plan.assignment_of["c"].reason
    assert evaluate(problem, plan).feasible


def test_series_order_and_cohorts_hold():
    rooms = ROOMS + "studio,Studio,40,,main,0\n"
    hours = HOURS + "studio,Mon,09:00,12:00\n"
    problem = _problem(HEAD + """,series_id,cohort,priority
s1,Session 1,2024-03-04 09:00,2024-03-04 12:00,60,10,s,,low
s2,Session 2,2024-03-04 09:00,2024-03-04 10:00,60,10,s,,high
k1,Kids 1,2024-03-04 09:00,2024-03-04 11:00,120,10,,kids,normal
k2,Kids 2,2024-03-04 10:00,2024-03-04 12:00,120,10,,kids,normal
""", rooms=rooms, hours=hours)
    placed = _placed(problem)
    # s2 (high) takes 09:00, so s1, which must come first, has no time left
    assert placed["s2"] == datetime(2024, 3, 4, 9) and placed["s1"] is None
    # the two kids' activities overlap whenever both take place: only one does
    assert (placed["k1"] is None) != (placed["k2"] is None)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_first_fit_keeps_every_hard_rule_on_random_workbooks(problem: Problem) -> None:
    """First fit keeps the rules by construction (its duty tallies included: daily and
    weekly hours, monthly activities, rest); only a must activity may find no place. So
    does its variant that takes the start where the crew is fullest."""
    for fullest in (False, True):
        plan = greedy_plan(problem, fullest=fullest)
        broken = [f.message for f in evaluate(problem, plan).hard_violations
                  if f.constraint != "must_scheduled"]
        assert not broken, fullest


def test_the_smallest_room_that_holds_an_activity_is_taken_unless_another_is_preferred():
    rooms = ROOMS + "nook,Nook,12,,main,0\n"
    hours = HOURS + "nook,Mon,09:00,12:00\n"
    problem = _problem(HEAD + """,preferred_room
small,Small group,2024-03-04 09:00,2024-03-04 12:00,60,10,
large,Large group,2024-03-04 09:00,2024-03-04 12:00,60,30,
wish,Small group in the hall,2024-03-04 09:00,2024-03-04 12:00,60,10,hall
""", rooms=rooms, hours=hours)
    plan = greedy_plan(problem)
    assert evaluate(problem, plan).hard_violations == []
    assert {a.activity_id: a.room_id for a in plan.assignments} == {
        "small": "nook", "large": "hall", "wish": "hall"}


def test_first_fit_asks_who_likes_the_activity_then_who_has_not_been_asked():
    activities = HEAD + """
early,Early,2024-03-04 09:00,2024-03-04 10:00,60,10
late,Late,2024-03-04 10:00,2024-03-04 11:00,60,10
"""
    roles = "activity_id,role,min,target,max\nearly,host,1,1,1\nlate,host,1,1,1\n"
    spread = greedy_plan(_problem(activities, roles))
    assert {(s.activity_id, s.volunteer_id) for s in spread.staffing} == {
        ("early", "v1"), ("late", "v2")}  # v1 comes first in the workbook, then v2
    liked = make_problem(rooms=ROOMS, room_hours=HOURS, volunteers=VOLUNTEERS,
                         availability=AVAILABILITY, activities=activities, roles=roles,
                         preferences="volunteer_id,target,weight\nv2,early,5\n")
    plan = greedy_plan(liked)
    assert {(s.activity_id, s.volunteer_id) for s in plan.staffing} == {
        ("early", "v2"), ("late", "v1")}
    assert evaluate(liked, plan).hard_violations == []


def test_fullest_takes_the_first_start_where_most_seats_can_be_filled():
    """Bo can come only at 11:00: first fit holds the talk at 09:00 with Ann alone, the
    fullest variant at 11:00 with both; each keeps every hard rule."""
    book = Workbook("2024-03-04", days=1)
    book.room("hall", hours="Mon 09:00-12:00")
    book.volunteer("ann", skills="host", available="Mon 09:00-12:00")
    book.volunteer("bo", skills="host", available="Mon 11:00-12:00")
    book.activity("talk", "Talk", "2024-03-04 09:00", "2024-03-04 12:00",
                  roles={"host": (1, 2, 2)})
    problem = book.problem()
    first, fullest = greedy_plan(problem), greedy_plan(problem, fullest=True)
    assert first.assignment_of["talk"].start == datetime(2024, 3, 4, 9)
    assert fullest.assignment_of["talk"].start == datetime(2024, 3, 4, 11)
    assert sorted(s.volunteer_id for s in fullest.staff_of["talk"]) == ["ann", "bo"]
    assert fullest.meta["method"] == "fullest crews"
    scores = [evaluate(problem, plan) for plan in (first, fullest)]
    assert all(score.feasible for score in scores)
    assert scores[1].tiers[1] < scores[0].tiers[1]

