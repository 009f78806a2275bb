"""One focused test per hard-rule family: a tiny workbook where the rule binds."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import make_problem
from ortools.sat.python.cp_model import CpModel, CpSolver

from matching.evaluate import evaluate
from matching.i18n import Message, say
from matching.plan import Assignment, Plan, Staffing
from matching.problem import Problem
from matching.solver import Pin, SolverSettings, search, solve
from matching.solver.clock import WORK_PER_SECOND
from matching.solver.conflicts import minimal_conflict
from matching.solver.cpsat import new_solver

FAST = SolverSettings(time_limit=10, workers=1, seed=0)
ROOMS = "room_id,name,capacity,equipment,turnaround_minutes\nhall,Hall,40,projector,0\n"
HOURS = "room_id,day,open,close\nhall,Mon,09:00,12:00\n"
PEOPLE = "volunteer_id,name,skills,age_band,max_hours_per_week,max_activities_per_month\n" \
         "ann,Ann,teach,senior,,\nbob,Bob,teach,youth,,\n"
FREE = "volunteer_id,day,start,end\nann,Mon,09:00,12:00\nbob,Mon,09:00,12:00\n"
HEAD = "activity_id,title,earliest_start,latest_end,duration_minutes,expected_attendance," \
       "priority,equipment,cohort,series_id,fixed_start,fixed_room,min_age_band\n"


def problem(activities: str, roles: str = "activity_id,role,min,target,max\n", *,
            rooms: str = ROOMS, hours: str = HOURS, people: str = PEOPLE, free: str = FREE,
            **extra: str) -> Problem:
    return make_problem(rooms=rooms, room_hours=hours, volunteers=people, availability=free,
                        activities=HEAD + activities, roles=roles, **extra)


def planned(p: Problem, settings: SolverSettings = FAST) -> Plan:
    plan = solve(p, settings)
    score = evaluate(p, plan)
    assert score.feasible, [f.message for f in score.hard_violations]
    assert plan.objective == score.tiers
    return plan


def starts(plan: Plan) -> dict[str, str | None]:
    return {a.activity_id: a.start.strftime("%H:%M") if a.start else None
            for a in plan.assignments}


def test_room_holds_one_activity_at_a_time_and_priority_decides() -> None:
    """binds: room_overlap, room_required — one room at 09:00: the higher priority gets
    it, in that room."""
    p = problem("a,A,2024-03-04 09:00,2024-03-04 11:00,120,10,low,,,,,,\n"
                "b,B,2024-03-04 09:00,2024-03-04 11:00,120,10,high,,,,,,\n")
    plan = planned(p)
    assert starts(plan) == {"a": None, "b": "09:00"}
    assert plan.assignment_of["b"].room_id == "hall"
    assert "taken whenever it could take place: by B (b), high priority" in \
        plan.assignments[0].reason


def test_turnaround_keeps_the_room_blocked_after_use() -> None:
    """binds: room_overlap (with the room's turnaround)."""
    rooms = ROOMS.replace("projector,0", "projector,60")
    p = problem("a,A,2024-03-04 09:00,2024-03-04 10:00,60,10,must,,,,,,\n"
                "b,B,2024-03-04 10:00,2024-03-04 11:00,60,10,high,,,,,,\n", rooms=rooms)
    assert starts(planned(p))["b"] is None
    assert starts(planned(problem("a,A,2024-03-04 09:00,2024-03-04 10:00,60,10,must,,,,,,\n"
                                  "b,B,2024-03-04 10:00,2024-03-04 11:00,60,10,high,,,,,,\n")
                          ))["b"] == "10:00"


def test_activity_fits_inside_opening_hours_and_outside_closures() -> None:
    """binds: room_open."""
    closures = "room_id,start,end\nhall,2024-03-04 09:00,2024-03-04 11:00\n"
    p = problem("a,A,2024-03-04,2024-03-04,60,10,high,,,,,,\n", closures=closures)
    assert starts(planned(p)) == {"a": "11:00"}


def test_room_must_be_big_enough_and_equipped() -> None:
    """binds: room_capacity, room_equipment."""
    unscheduled = planned(problem("a,A,2024-03-04,2024-03-04,60,50,high,,,,,,\n"
                                  "b,B,2024-03-04,2024-03-04,60,5,high,sound,,,,,\n"))
    assert starts(unscheduled) == {"a": None, "b": None}
    reasons = {a.activity_id: a.reason for a in unscheduled.assignments}
    assert "holds 40, 50 expected" in reasons["a"] and "lacks sound" in reasons["b"]


def test_volunteers_only_when_available_skilled_and_of_the_age_band() -> None:
    """binds: volunteer_available, volunteer_skill, volunteer_age_band."""
    free = "volunteer_id,day,start,end\nann,Mon,10:00,12:00\nbob,Mon,09:00,12:00\n"
    p = problem("a,A,2024-03-04 09:00,2024-03-04 10:00,60,10,high,,,,,,adult\n",
                "activity_id,role,min,target,max\na,teach,1,1,1\n", free=free)
    plan = planned(p)
    # Bob is free but too young, Ann is old enough but not free at 09:00
    assert starts(plan) == {"a": None}
    assert "only 0 volunteer(s) can ever come" in plan.assignments[0].reason


def test_volunteer_in_one_place_at_a_time() -> None:
    """binds: volunteer_overlap."""
    people = PEOPLE.replace("bob,Bob,teach", "bob,Bob,cook")
    p = problem("a,A,2024-03-04 09:00,2024-03-04 10:00,60,10,high,,,,,,\n"
                "b,B,2024-03-04 09:00,2024-03-04 10:00,60,10,normal,,,,,hall2,\n",
                "activity_id,role,min,target,max\na,teach,1,1,1\nb,teach,1,1,1\n",
                rooms=ROOMS + "hall2,Hall 2,40,,0\n", hours=HOURS + "hall2,Mon,09:00,12:00\n",
                people=people)
    plan = planned(p)
    assert starts(plan) == {"a": "09:00", "b": None}
    assert "only 0 of the 1 teach volunteer(s) needed are free (Ann is busy with A (a))" in \
        plan.assignments[1].reason


def test_weekly_hours_and_monthly_activities_limit_a_volunteer() -> None:
    """binds: weekly_hours, monthly_activities."""
    for limits in (",2,", ",,1"):
        people = PEOPLE.replace("ann,Ann,teach,senior,,", f"ann,Ann,teach,senior{limits}")
        people = people.replace("bob,Bob,teach", "bob,Bob,cook")
        p = problem("a,A,2024-03-04 09:00,2024-03-04 10:30,90,10,high,,,,,,\n"
                    "b,B,2024-03-04 10:30,2024-03-04 12:00,90,10,normal,,,,,,\n",
                    "activity_id,role,min,target,max\na,teach,1,1,1\nb,teach,1,1,1\n",
                    people=people, settings=SLOT30)
        assert starts(planned(p)) == {"a": "09:00", "b": None}, limits


SLOT30 = "key,value\nname,t\nhorizon_start,2024-03-04\nhorizon_end,2024-03-10\nslot_minutes,30\n"


def test_roles_between_min_and_max_and_one_role_per_person() -> None:
    """binds: role_min, role_max, volunteer_one_role."""
    people = PEOPLE.replace("ann,Ann,teach", "ann,Ann,teach;host")
    p = problem("a,A,2024-03-04 09:00,2024-03-04 10:00,60,10,high,,,,,,\n",
                "activity_id,role,min,target,max\na,teach,1,1,1\na,host,1,1,1\n",
                people=people)
    plan = planned(p)
    assert sorted((s.role, s.volunteer_id) for s in plan.staffing) == [("host", "ann"),
                                                                       ("teach", "bob")]


def test_cohort_activities_never_overlap() -> None:
    """binds: cohort_overlap."""
    rooms = ROOMS + "yard,Yard,40,,0\n"
    hours = HOURS + "yard,Mon,09:00,12:00\n"
    p = problem("a,A,2024-03-04 09:00,2024-03-04 10:00,60,10,high,,kids,,,,\n"
                "b,B,2024-03-04 09:00,2024-03-04 11:00,60,10,high,,kids,,,,\n",
                rooms=rooms, hours=hours)
    assert starts(planned(p)) == {"a": "09:00", "b": "10:00"}


def test_series_sessions_keep_their_order() -> None:
    """binds: series_order."""
    p = problem("s1,S1,2024-03-04 09:00,2024-03-04 12:00,60,10,high,,,ser,,,\n"
                "s2,S2,2024-03-04 09:00,2024-03-04 12:00,60,10,high,,,ser,2024-03-04 10:00,,\n")
    assert starts(planned(p)) == {"s1": "09:00", "s2": "10:00"}


def test_fixed_start_and_room_hold() -> None:
    """binds: fixed_start, fixed_room."""
    rooms = ROOMS + "den,Den,40,projector,0\n"
    hours = HOURS + "den,Mon,09:00,12:00\n"
    p = problem("a,A,2024-03-04,2024-03-04,60,10,high,,,,2024-03-04 11:00,den,\n",
                rooms=rooms, hours=hours)
    plan = planned(p)
    assert starts(plan) == {"a": "11:00"} and plan.assignments[0].room_id == "den"


def test_pins_hold_on_a_re_solve() -> None:
    p = problem("a,A,2024-03-04,2024-03-04,60,10,low,,,,,,\n",
                "activity_id,role,min,target,max\na,teach,0,1,1\n")
    pin = Pin("a", start=datetime(2024, 3, 4, 10), staff=(("teach", "bob"),))
    plan = planned(p, SolverSettings(time_limit=10, workers=1, pins=(pin,)))
    assert starts(plan) == {"a": "10:00"}
    assert [s.volunteer_id for s in plan.staffing] == ["bob"]


def test_pins_the_search_cannot_keep_as_given_are_refused_before_it_starts() -> None:
    """A start between two slots was moved to the next one without a word, an unknown
    activity ignored, a second pin on one activity kept over the first, and an unknown
    room or role said as "the pins on A cannot hold": each is refused by name."""
    p = problem("a,A,2024-03-04,2024-03-04,60,10,low,,,,,,\n",
                "activity_id,role,min,target,max\na,teach,0,1,1\n")

    def refused(*pins: Pin) -> str:
        with pytest.raises(ValueError, match=r"^pins the search cannot keep: ") as error:
            solve(p, SolverSettings(time_limit=2, workers=1, pins=pins))
        return str(error.value).removeprefix("pins the search cannot keep: ")

    assert refused(Pin("a", start=datetime(2024, 3, 4, 9, 30))) == (
        "start Mon 2024-03-04 09:30 is not on the 60-minute grid: Mon 2024-03-04 09:00 or "
        "Mon 2024-03-04 10:00")
    assert refused(Pin("zzz")) == "no activity 'zzz'"
    assert refused(Pin("a", room_id="roof"), Pin("a")) == (
        "no room 'roof'; activity 'a' is pinned 2 times; pin it once")
    assert refused(Pin("a", staff=(("host", "bob"), ("teach", "eve")))) == (
        "activity 'a' has no role 'host' (its roles: teach); no volunteer 'eve' (role teach)")
    kept = Pin("a", start=datetime(2024, 3, 4, 10), staff=(("teach", "bob"),))
    assert starts(planned(p, SolverSettings(time_limit=2, workers=1, pins=(kept,)))) == {
        "a": "10:00"}


@pytest.mark.parametrize(("pin", "said"), [
    (Pin("a", start=datetime(2024, 3, 4, 11), room_id="den"),
     "Den holds 5, 10 expected for A"),
    (Pin("a", start=datetime(2024, 3, 4, 9), staff=(("teach", "cat"),)),
     "Cat is in A on Mon 2024-03-04 09:00–10:00 as teach but lacks that skill"),
    (Pin("a", start=datetime(2024, 3, 4, 9), staff=(("teach", "bob"),)),
     "Bob is in A on Mon 2024-03-04 09:00–10:00 but is available 10:00–12:00 only"),
])
def test_a_pin_that_breaks_a_rule_on_its_own_is_infeasible_naming_the_rule(
        pin: Pin, said: str) -> None:
    """Before, "no plan: the pins on A hold", whichever part of the pin was wrong."""
    p = problem("a,A,2024-03-04,2024-03-04,60,10,low,,,,,,\n",
                "activity_id,role,min,target,max\na,teach,0,1,1\n",
                rooms=ROOMS + "den,Den,5,projector,0\n", hours=HOURS + "den,Mon,09:00,12:00\n",
                people=PEOPLE + "cat,Cat,host,adult,,\n",
                free="volunteer_id,day,start,end\nann,Mon,09:00,12:00\nbob,Mon,10:00,12:00\n"
                     "cat,Mon,09:00,12:00\n")
    plan = solve(p, SolverSettings(time_limit=5, workers=1, pins=(pin,)))
    assert plan.status == "INFEASIBLE" and plan.wall_time < 2
    (conflict,) = plan.conflicts_in("en")
    assert conflict.startswith("the pins on A (a) break a rule on their own: ")
    assert said in conflict
    assert "的锁定本身就违反规则" in plan.conflicts_in("zh")[0]


def test_a_pin_without_a_start_that_breaks_a_rule_at_any_time_names_it() -> None:
    """One person in both roles, a room too small: no time helps, and the pin was only
    "the pins on A hold"; a room closed on some day only is no such rule."""
    p = problem("a,A,2024-03-04,2024-03-04,60,10,low,,,,,,\n",
                "activity_id,role,min,target,max\na,teach,0,1,1\na,help,0,1,1\n",
                rooms=ROOMS + "den,Den,5,projector,0\n", hours=HOURS + "den,Mon,09:00,12:00\n",
                people="volunteer_id,name,skills,age_band,max_hours_per_week,"
                       "max_activities_per_month\nann,Ann,teach;help,senior,,\n",
                free="volunteer_id,day,start,end\nann,Mon,09:00,12:00\n")
    both = Pin("a", staff=(("teach", "ann"), ("help", "ann")))
    plan = solve(p, SolverSettings(time_limit=5, workers=1, pins=(both,)))
    (conflict,) = plan.conflicts_in("en")
    assert conflict.startswith("the pins on A (a) break a rule on their own: Ann fills 2")
    small = solve(p, SolverSettings(time_limit=5, workers=1, pins=(Pin("a", room_id="den"),)))
    assert "Den holds 5, 10 expected for A" in small.conflicts_in("en")[0]
    fits = planned(p, SolverSettings(time_limit=5, workers=1, pins=(
        Pin("a", room_id="hall", staff=(("teach", "ann"),)),)))
    assert fits.assignment_of["a"].room_id == "hall"


def test_a_pin_on_an_activity_shorter_than_its_slots_holds() -> None:
    """The pinned span is the one the model plans, rounded up to whole slots (a 45-minute
    activity on the hour's grid takes the hour), not a rule the pin breaks."""
    p = problem("a,A,2024-03-04,2024-03-04,45,10,low,,,,,,\n",
                "activity_id,role,min,target,max\na,teach,0,1,1\n")
    pin = Pin("a", start=datetime(2024, 3, 4, 10), room_id="hall", staff=(("teach", "ann"),))
    plan = planned(p, SolverSettings(time_limit=5, workers=1, pins=(pin,)))
    assert plan.status == "OPTIMAL" and starts(plan) == {"a": "10:00"}


def test_must_activity_that_cannot_be_staffed_is_infeasible_with_the_reason() -> None:
    """binds: must_scheduled."""
    free = "volunteer_id,day,start,end\nann,Tue,09:00,12:00\nbob,Tue,09:00,12:00\n"
    p = problem("talk,Red classroom,2024-03-04,2024-03-04,60,10,must,,,,,,\n",
                "activity_id,role,min,target,max\ntalk,teach,1,1,1\n", free=free)
    plan = solve(p, FAST)
    assert plan.status == "INFEASIBLE"
    [conflict] = plan.conflicts
    assert "Red classroom (talk) must take place" in conflict
    assert "role teach needs 1" in conflict
    assert "Ann is never available when the activity can take place" in conflict


def test_a_must_activity_fixed_to_a_shut_room_says_each_cause_once_by_room_name() -> None:
    """Every other room is ruled out by the same fixed room: said once, by its name."""
    rooms = ROOMS + "studio,Studio,40,projector,0\nloft,Loft,40,projector,0\n" \
                    "shed,Garden shed,40,projector,0\n"
    p = problem("talk,Red classroom,2024-03-05 09:00,2024-03-05 12:00,60,10,must,,,,,"
                "shed,\n", rooms=rooms)
    plan = solve(p, FAST)
    assert plan.status == "INFEASIBLE"
    assert plan.conflicts == ("Red classroom (talk) must take place, but no room fits: the "
                              "activity is fixed to Garden shed; Garden shed is never open "
                              "or free for 60 min in the window",)
    assert plan.conflicts_in("zh") == ["Red classroom（talk） 必须举办，但没有合适的场地：该活动"
                                       "固定在Garden shed；Garden shed在时间窗口内没有连续 60 "
                                       "分钟的开放空闲时间"]


def test_must_activities_that_outnumber_a_rooms_hours_are_counted() -> None:
    p = problem("a,Lanterns,2024-03-04 09:00,2024-03-04 10:00,60,10,must,,,,,,\n"
                "b,Reception,2024-03-04 09:00,2024-03-04 10:00,60,10,must,,,,,,\n"
                "c,Reading,2024-03-04 11:00,2024-03-04 12:00,60,10,must,,,,,,\n")
    plan = solve(p, FAST)
    assert plan.status == "INFEASIBLE"
    assert plan.conflicts == ("2 activities that must take place (Lanterns, Reception) need "
                              "2 h of Hall between Mon 2024-03-04 09:00 and Mon 2024-03-04 "
                              "10:00; only 1 h of it exist then",)


def chained_sessions() -> Problem:
    """Three sessions of series s1 that fit in row order two by two but not all three
    (a ends 11:00 at the soonest, then b, then d would start 12:00, after its window),
    and a must in another room: no static check sees it, the search must."""
    return problem("a,Lanterns,2024-03-04 10:00,2024-03-04 12:00,60,10,must,,,s1,,,\n"
                   "b,Reception,2024-03-04 09:00,2024-03-04 12:00,60,10,must,,,s1,,,\n"
                   "c,Reading,2024-03-04 10:00,2024-03-04 11:00,60,10,must,,,,,annex,\n"
                   "d,Tea,2024-03-04 09:00,2024-03-04 12:00,60,10,must,,,s1,,,\n",
                   rooms=ROOMS + "annex,Annex,40,,0\n", hours=HOURS + "annex,Mon,09:00,12:00\n")


CHAINED = ["Lanterns (a) must take place", "Reception (b) must take place",
           "Tea (d) must take place",
           # what they have in common, as the rule groups alone do not say it
           "of these, Lanterns (a), Reception (b), Tea (d) can only take place between Mon "
           "2024-03-04 09:00 and Mon 2024-03-04 12:00 (3 h) and take 3 h together; they are "
           "sessions of the series s1, held in order"]


def test_a_conflict_no_count_shows_says_what_keeps_its_activities_apart() -> None:
    """Three must classes of an hour in the same two hours, each pair kept apart by
    something else (A and B share cohort x, B and C cohort y, A and C the one teacher,
    Ann): no cohort or person is short of time by a count, CP-SAT proves the conflict,
    and the answer says what the three share."""
    p = problem("a,A,2024-03-04 09:00,2024-03-04 11:00,60,10,must,,x,,,,\n"
                "b,B,2024-03-04 09:00,2024-03-04 11:00,60,10,must,,x;y,,,,\n"
                "c,C,2024-03-04 09:00,2024-03-04 11:00,60,10,must,,y,,,,\n",
                "activity_id,role,min,target,max\na,teach,1,1,1\nc,teach,1,1,1\n",
                people="volunteer_id,name,skills,age_band,max_hours_per_week,"
                       "max_activities_per_month\nann,Ann,teach,senior,,\n",
                free="volunteer_id,day,start,end\nann,Mon,09:00,12:00\n",
                hours="room_id,day,open,close\nhall,Mon,09:00,12:00\n"
                      "annex,Mon,09:00,12:00\n",
                rooms=ROOMS + "annex,Annex,40,,0\n")
    plan = solve(p, FAST)
    assert plan.status == "INFEASIBLE"
    said = plan.conflicts[-1]
    assert said.startswith("of these, A (a), B (b), C (c) can only take place between Mon "
                           "2024-03-04 09:00 and Mon 2024-03-04 11:00 (2 h) and take 3 h "
                           "together"), plan.conflicts
    assert "they share the cohort(s) x, y" in said
    assert "only Ann can fill role teach of A (a), role teach of C (c)" in said


def test_a_conflict_says_its_window_is_the_time_someone_can_staff_it() -> None:
    """Two must sessions of a series, each open the whole morning, but A's only teacher
    (Ann) is free from 10:00 to 11:00 and B's (Bob) until 11:00: B cannot follow A. The
    window the answer gives is the time they can be staffed in, and says so; the
    morning would not explain the conflict."""
    p = problem("a,A,2024-03-04 09:00,2024-03-04 12:00,60,10,must,,,s1,,,\n"
                "b,B,2024-03-04 09:00,2024-03-04 12:00,60,10,must,,,s1,,,\n",
                "activity_id,role,min,target,max\na,teach,1,1,1\nb,lead,1,1,1\n",
                people="volunteer_id,name,skills,age_band,max_hours_per_week,"
                       "max_activities_per_month\nann,Ann,teach,senior,,\nbob,Bob,lead,youth,,\n",
                free="volunteer_id,day,start,end\nann,Mon,10:00,11:00\nbob,Mon,09:00,11:00\n")
    plan = solve(p, FAST)
    assert plan.status == "INFEASIBLE"
    assert plan.conflicts[-1] == (
        "of these, A (a), B (b) can only take place between Mon 2024-03-04 09:00 and Mon "
        "2024-03-04 11:00 (2 h, counting only the times someone can fill their roles) and "
        "take 2 h together; they are sessions of the series s1, held in order; only Ann and "
        "Bob can fill role teach of A (a), role lead of B (b); they can only use Hall"), \
        plan.conflicts
    assert "（2 小时，只算有人能担任其岗位的时间），合计需要 2 小时" in plan.conflicts_in("zh")[-1]


def test_lessons_of_two_classes_are_not_said_to_need_their_hours_one_after_another(
        ) -> None:
    """Two lessons of 7A and two of 7B, three rooms: Tan (7A) and Ma (7B) are free from
    10:00 to 11:00 only, Li teaches one lesson of each and is free until 12:00, so both
    of Li's would fall at 11:00. "They take 4 h together" in a 2-hour window read as a
    count, but the two classes' lessons may run side by side."""
    rooms = ROOMS + "annex,Annex,40,,0\nlab,Lab,40,,0\n"
    hours = HOURS + "annex,Mon,09:00,12:00\nlab,Mon,09:00,12:00\n"
    p = problem("a1,A1,2024-03-04 09:00,2024-03-04 12:00,60,10,must,,7A,,,,\n"
                "b1,B1,2024-03-04 09:00,2024-03-04 12:00,60,10,must,,7B,,,,\n"
                "a2,A2,2024-03-04 09:00,2024-03-04 12:00,60,10,must,,7A,,,,\n"
                "b2,B2,2024-03-04 09:00,2024-03-04 12:00,60,10,must,,7B,,,,\n",
                "activity_id,role,min,target,max\na1,tan,1,1,1\nb1,ma,1,1,1\n"
                "a2,li,1,1,1\nb2,li,1,1,1\n",
                people="volunteer_id,name,skills,age_band,max_hours_per_week,"
                       "max_activities_per_month\ntan,Tan,tan,adult,,\nma,Ma,ma,adult,,\n"
                       "li,Li,li,adult,,\n",
                free="volunteer_id,day,start,end\ntan,Mon,10:00,11:00\nma,Mon,10:00,11:00\n"
                     "li,Mon,10:00,12:00\n", rooms=rooms, hours=hours)
    plan = solve(p, FAST)
    assert plan.status == "INFEASIBLE"
    said = plan.conflicts[-1]
    assert said.startswith("of these,") and "together" not in said, plan.conflicts
    assert "they share the cohort(s) 7A, 7B" in said


def test_conflicting_must_activities_name_the_smallest_set_of_rules() -> None:
    """Series order is no count: CP-SAT's assumptions find the sessions that clash."""
    plan = solve(chained_sessions(), FAST)
    assert plan.status == "INFEASIBLE"
    assert sorted(plan.conflicts) == CHAINED


def test_a_conflict_proven_after_the_work_ran_out_is_named_and_may_not_repeat() -> None:
    """A repeatable search whose work budget is spent before a first plan goes on in
    wall time: the proof still names the sessions, and the answer says that another
    run might not give it."""
    plan = solve(chained_sessions(), SolverSettings(time_limit=10, workers=1,
                                                    work_limit=1e-9))
    assert plan.status == "INFEASIBLE"
    assert sorted(plan.conflicts) == CHAINED
    assert plan.meta["repeatable"] == (
        "no (the work limit ran out before a first plan; the search went on)")


def test_without_a_proof_in_time_the_conflict_names_what_a_plan_must_give_up(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """When CP-SAT cannot name a conflicting set in time, the sentence names the rule
    groups that the repair search, proven to break as few as it can, had to break."""
    p = chained_sessions()
    received: list[list[Message]] = []

    def no_proof(model: CpModel, assumptions: dict[int, Message], settings: SolverSettings,
                 budget: float, given_way: list[Message], wall: float) -> list[Message]:
        received.append(given_way)
        assert wall <= settings.time_limit  # the wall time left, not the work left
        model.clear_assumptions()  # every group may hold: no proof that they conflict
        return minimal_conflict(model, {}, settings, budget, given_way, wall)

    monkeypatch.setattr(search, "minimal_conflict", no_proof)
    plan = solve(p, FAST)
    assert plan.status == "INFEASIBLE" and len(received) == 1
    assert [m.render("en") for m in received[0]] in [[must] for must in CHAINED]
    assert plan.conflicts == (
        "no plan keeps every rule: at least 1 must give way, for example "
        f"{received[0][0].render('en')} (no smallest conflicting set was isolated in time)",)
    model = CpModel()
    model.new_bool_var("free")
    assert minimal_conflict(model, {}, FAST) == [say("conflict.not_isolated")]


def test_the_conflict_search_keeps_to_the_wall_time_it_is_given(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A repeatable search's conflict search had its work left as its only limit: after
    first fit's rounds had spent wall time that is not work, an INFEASIBLE answer came
    5-7 s past a 10-s limit. Its CP-SAT calls keep to the wall time it is given."""
    from matching.solver import conflicts

    made: list[CpSolver] = []

    def kept(*args: object) -> CpSolver:
        made.append(new_solver(*args))
        return made[-1]

    monkeypatch.setattr(conflicts, "new_solver", kept)
    model = CpModel()
    held = model.new_bool_var("held")
    model.add(held == 0)
    found = minimal_conflict(model, {held.index: say("conflict.time_up")}, FAST, budget=10.0,
                             wall=0.25)
    assert found == [say("conflict.time_up")]
    assert 0 < made[0].parameters.max_time_in_seconds <= 0.25
    assert made[0].parameters.max_deterministic_time > 0.25 * WORK_PER_SECOND  # work: 10 s


def test_room_fit_avoids_the_big_hall_for_a_small_group() -> None:
    rooms = ROOMS.replace("hall,Hall,40", "hall,Hall,120") + "den,Den,40,projector,0\n"
    p = problem("a,A,2024-03-04,2024-03-04,60,10,high,,,,,,\n", rooms=rooms,
                hours=HOURS + "den,Mon,09:00,12:00\n")
    assert planned(p).assignments[0].room_id == "den"


def test_preferred_room_is_chosen_when_free() -> None:
    activities = HEAD.replace("min_age_band\n", "min_age_band,preferred_room\n")
    activities += "a,A,2024-03-04,2024-03-04,60,10,high,,,,,,,den\n"
    p = make_problem(rooms=ROOMS + "den,Den,40,projector,0\n",
                     room_hours=HOURS + "den,Mon,09:00,12:00\n", volunteers=PEOPLE,
                     availability=FREE, activities=activities)
    assert planned(p).assignments[0].room_id == "den"


def test_weekly_hours_count_iso_weeks_on_a_horizon_that_starts_on_a_thursday() -> None:
    """Sunday and Monday are in different ISO weeks: 1 h on each keeps a 1.5-h weekly
    limit, which two hours in one week (Monday and Tuesday) would break."""
    settings = ("key,value\nname,Thursday start\nhorizon_start,2024-03-07\n"
                "horizon_end,2024-03-13\nslot_minutes,60\nholidays,\n")
    days = "\n".join(f"hall,{d},09:00,12:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri",
                                                         "Sat", "Sun"))
    p = make_problem(
        settings, rooms=ROOMS, room_hours="room_id,day,open,close\n" + days,
        volunteers="volunteer_id,name,skills,max_hours_per_week\nann,Ann,teach,1.5",
        availability="volunteer_id,day,start,end\n" + "\n".join(
            f"ann,{d},09:00,12:00" for d in ("Sun", "Mon", "Tue")),
        activities=HEAD + "a,Sunday,2024-03-10 09:00,2024-03-10 10:00,60,10,must,,,,,,\n"
                          "b,Monday,2024-03-11 09:00,2024-03-11 10:00,60,10,must,,,,,,\n",
        roles="activity_id,role,min,target,max\na,teach,1,1,1\nb,teach,1,1,1")
    plan = planned(p)
    assert {s.activity_id for s in plan.staffing} == {"a", "b"}
    one_week = Plan(
        (Assignment("a", datetime(2024, 3, 11, 9), datetime(2024, 3, 11, 10), "hall"),
         Assignment("b", datetime(2024, 3, 12, 9), datetime(2024, 3, 12, 10), "hall")),
        (Staffing("a", "teach", "ann"), Staffing("b", "teach", "ann")))
    assert [f.constraint for f in evaluate(p, one_week).hard_violations
            if f.constraint == "weekly_hours"] == ["weekly_hours"]


def test_a_cohort_is_in_one_place_at_a_time_even_with_rooms_to_spare() -> None:
    rooms = ROOMS + "den,Den,40,projector,0\n"
    p = problem("a,Painting,2024-03-04 09:00,2024-03-04 10:00,60,10,high,,kids,,,,\n"
                "b,Singing,2024-03-04 09:00,2024-03-04 10:00,60,10,high,,kids,,,,\n",
                rooms=rooms, hours=HOURS + "den,Mon,09:00,12:00\n")
    assert len(planned(p).scheduled) == 1
