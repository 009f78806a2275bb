"""The evaluator: every hard rule broken once by a hand-written plan, every objective term
priced by hand. No solver is involved anywhere."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import pytest
from conftest import make_problem

from matching.evaluate import HARD_RULES, Score, evaluate
from matching.plan import Assignment, Plan, Staffing
from matching.problem import Problem
from matching.problem.calendar import covered_starts
from matching.problem.weights import DEFAULT_WEIGHTS, TIER_OF

# -- the base workbook: two activities, two rooms, four volunteers --------------------------
ROOMS = """room_id,name,capacity,equipment,turnaround_minutes
hall,多功能厅,40,projector,30
studio,Studio,10,,0
"""
HOURS = """room_id,day,open,close
hall,Mon,09:00,12:00
hall,Mon,12:00,17:00
hall,Tue,09:00,17:00
studio,Mon,09:00,17:00
studio,Tue,09:00,17:00
"""
VOLUNTEERS = """volunteer_id,name,skills,age_band
v1,王芳,teach;host,senior
v2,Bob,host,adult
v3,Cy,host,youth
v4,Dan,host,
"""
AVAILABILITY = """volunteer_id,day,start,end,kind
v1,Mon,09:00,17:00,available
v1,Tue,09:00,17:00,available
v2,Mon,09:00,17:00,available
v2,Tue,09:00,12:00,available
v3,Mon,09:00,17:00,available
v4,Mon,09:00,17:00,available
"""
ROLES = """activity_id,role,min,target,max
talk,teach,1,1,1
talk,host,1,2,2
small,host,0,1,1
"""
COLUMNS = ("activity_id", "title", "earliest_start", "latest_end", "duration_minutes",
           "expected_attendance", "priority", "equipment", "cohort", "series_id",
           "min_age_band", "fixed_start", "fixed_room", "preferred_room", "kind", "theme_id")
ACTIVITIES: dict[str, dict[str, str]] = {
    "talk": {"title": "Talk", "earliest_start": "2024-03-04", "latest_end": "2024-03-05",
             "duration_minutes": "90", "expected_attendance": "30", "priority": "must",
             "equipment": "projector", "min_age_band": "adult"},
    "small": {"title": "Small", "earliest_start": "2024-03-04 10:00",
              "latest_end": "2024-03-06", "duration_minutes": "60",
              "expected_attendance": "5", "priority": "normal"},
}

# The good plan: Talk (90 min = 2 slots) Mon 09–11 in the hall, Small Mon 11–12 in the studio.
GOOD: dict[str, tuple[str, str, str | None] | None] = {
    "talk": ("2024-03-04 09:00", "2024-03-04 11:00", "hall"),
    "small": ("2024-03-04 11:00", "2024-03-04 12:00", "studio"),
}
GOOD_STAFF = (("talk", "teach", "v1"), ("talk", "host", "v2"), ("small", "host", "v2"))


def activities_csv(changes: Mapping[str, Mapping[str, str]] | None = None) -> str:
    rows = {k: {**v, **(changes or {}).get(k, {})} for k, v in ACTIVITIES.items()}
    lines = [",".join(COLUMNS)]
    lines += [",".join([aid] + [fields.get(c, "") for c in COLUMNS[1:]])
              for aid, fields in rows.items()]
    return "\n".join(lines)


def problem(changes: Mapping[str, Mapping[str, str]] | None = None, **tables: str) -> Problem:
    """The base workbook, with some activity fields or whole tables replaced."""
    base = {"rooms": ROOMS, "room_hours": HOURS, "volunteers": VOLUNTEERS,
            "availability": AVAILABILITY, "roles": ROLES, "activities": activities_csv(changes)}
    return make_problem(**{**base, **tables})


def at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def plan(staff: tuple[tuple[str, str, str], ...] = GOOD_STAFF,
         **changes: tuple[str, str, str | None] | None) -> Plan:
    """The good plan with some assignments replaced (None drops the row)."""
    rows = {**GOOD, **changes}
    return Plan(tuple(Assignment(aid, at(s), at(e), room)
                      for aid, row in rows.items() if row is not None
                      for s, e, room in [row]),
                tuple(Staffing(*seat) for seat in staff))


def only(rule: str, score: Score, *names: str) -> str:
    """Assert the score breaks exactly ``rule`` once, its message naming ``names``."""
    assert [f.constraint for f in score.hard_violations] == [rule], [
        f.message for f in score.hard_violations]
    message = score.hard_violations[0].message
    for name in names:
        assert name in message, message
    return message


def penalty(score: Score, term: str) -> int:
    return sum(f.penalty for f in score.findings if f.constraint == term)


# -- the base plan is clean -----------------------------------------------------------------
def test_good_plan_is_feasible() -> None:
    score = evaluate(problem(), plan())
    assert score.feasible, score.details()


# -- references -------------------------------------------------------------------------------
@pytest.mark.parametrize(("bad", "name"), [
    (Plan((*plan().assignments, Assignment("ghost", at("2024-03-04 13:00"),
                                           at("2024-03-04 14:00"), "studio")),
          plan().staffing), "ghost"),
    (plan(small=("2024-03-04 11:00", "2024-03-04 12:00", "attic")), "attic"),
    (plan(staff=(*GOOD_STAFF, ("small", "host", "v9"))), "v9"),
    (plan(staff=(*GOOD_STAFF, ("talk", "cook", "v1"))), "cook"),
])
def test_unknown_id_names_the_unknown_reference(bad: Plan, name: str) -> None:
    only("unknown_id", evaluate(problem(), bad), name)


def test_duplicate_assignment() -> None:
    good = plan()
    bad = Plan((*good.assignments, good.assignments[1]), good.staffing)
    only("duplicate_assignment", evaluate(problem(), bad), "Small", "2 rows")


# -- each activity on its own -----------------------------------------------------------------
def test_room_required() -> None:
    bad = plan(small=("2024-03-04 11:00", "2024-03-04 12:00", None))
    only("room_required", evaluate(problem(), bad), "Small on Mon 2024-03-04 11:00–12:00")


def test_window() -> None:
    bad = plan(staff=GOOD_STAFF[:2], small=("2024-03-04 09:00", "2024-03-04 10:00", "studio"))
    only("window", evaluate(problem(), bad), "Small", "Mon 2024-03-04 10:00",
         "Wed 2024-03-06 24:00")


def test_duration_rounds_up_to_whole_slots() -> None:
    bad = plan(talk=("2024-03-04 09:00", "2024-03-04 10:30", "hall"))
    only("duration", evaluate(problem(), bad), "Talk", "90 min", "120 min")


def test_duration_of_a_row_without_end() -> None:
    bad = Plan((Assignment("talk", at("2024-03-04 09:00"), None, "hall"),
                plan().assignments[1]), plan().staffing)
    only("duration", evaluate(problem(), bad), "Talk", "no end")


def test_slot_grid() -> None:
    bad = plan(small=("2024-03-04 11:30", "2024-03-04 12:30", "studio"))
    only("slot_grid", evaluate(problem(), bad), "Small", "11:30", "60-minute")


def test_same_day_even_where_the_room_is_open_round_the_clock() -> None:
    night = make_problem(
        rooms="room_id,name,capacity\nhall,Hall,10",
        room_hours="room_id,day,open,close\nhall,Mon,00:00,24:00\nhall,Tue,00:00,24:00",
        activities="activity_id,title,earliest_start,latest_end,duration_minutes,"
                   "expected_attendance\nvigil,Vigil,2024-03-04,2024-03-05,120,5")
    bad = Plan((Assignment("vigil", at("2024-03-04 23:00"), at("2024-03-05 01:00"), "hall"),))
    only("same_day", evaluate(night, bad), "Vigil", "midnight")
    good = Plan((Assignment("vigil", at("2024-03-04 22:00"), at("2024-03-05 00:00"), "hall"),))
    assert evaluate(night, good).feasible


def test_fixed_start() -> None:
    fixed = problem({"small": {"fixed_start": "2024-03-04 11:00"}})
    assert evaluate(fixed, plan()).feasible
    bad = plan(small=("2024-03-04 13:00", "2024-03-04 14:00", "studio"))
    only("fixed_start", evaluate(fixed, bad), "Small", "Mon 2024-03-04 11:00")


def test_fixed_room() -> None:
    fixed = problem({"small": {"fixed_room": "studio"}})
    assert evaluate(fixed, plan()).feasible
    bad = plan(small=("2024-03-04 12:00", "2024-03-04 13:00", "hall"))
    only("fixed_room", evaluate(fixed, bad), "Small", "多功能厅", "Studio")


# -- rooms ----------------------------------------------------------------------------------
def test_room_open_after_closing_time() -> None:
    bad = plan(staff=GOOD_STAFF[:2], small=("2024-03-04 17:00", "2024-03-04 18:00", "studio"))
    only("room_open", evaluate(problem(), bad), "Small", "Studio", "09:00–17:00 only")


def test_room_open_joins_adjacent_rows() -> None:
    across_noon = plan(small=("2024-03-04 12:00", "2024-03-04 13:00", "hall"))
    assert evaluate(problem(), across_noon).feasible
    talk_across_noon = plan(talk=("2024-03-04 11:00", "2024-03-04 13:00", "hall"),
                            small=("2024-03-04 13:00", "2024-03-04 14:00", "studio"))
    assert evaluate(problem(), talk_across_noon).feasible


def test_room_open_respects_a_room_closure() -> None:
    closed = problem(closures="room_id,start,end,reason\nstudio,2024-03-04,2024-03-04,repairs")
    only("room_open", evaluate(closed, plan()), "Small", "Studio", "repairs")
    moved = plan(small=("2024-03-05 11:00", "2024-03-05 12:00", "studio"))
    assert not [f for f in evaluate(closed, moved).hard_violations]


def test_room_open_respects_a_center_closure() -> None:
    closed = problem(
        closures="room_id,start,end,reason\n,2024-03-04 11:00,2024-03-04 11:30,drill")
    only("room_open", evaluate(closed, plan()), "Small", "whole center", "drill")


HOLIDAY_HOURS = """room_id,day,open,close
hall,Thu,09:00,17:00
hall,holiday,10:00,12:00
hall,2024-04-11,13:00,14:00
"""


@pytest.mark.parametrize(("start", "is_open"), [
    ("2024-04-04 09:00", False),  # Qingming: the holiday rows replace Thursday's
    ("2024-04-04 10:00", True),
    ("2024-04-11 09:00", False),  # a date row replaces the weekday rows
    ("2024-04-11 13:00", True),
    ("2024-04-18 09:00", True),  # an ordinary Thursday
])
def test_room_open_rules_for_holidays_and_dates(start: str, is_open: bool) -> None:
    p = make_problem(
        "key,value\nhorizon_start,2024-04-01\nhorizon_end,2024-04-21\nslot_minutes,60\n",
        rooms="room_id,name,capacity\nhall,Hall,10", room_hours=HOLIDAY_HOURS,
        activities="activity_id,title,earliest_start,latest_end,duration_minutes,"
                   "expected_attendance\nx,X,2024-04-01,2024-04-21,60,5")
    begin = at(start)
    score = evaluate(p, Plan((Assignment("x", begin, begin.replace(hour=begin.hour + 1),
                                         "hall"),)))
    assert score.feasible is is_open


def test_room_capacity() -> None:
    crowded = problem({"small": {"expected_attendance": "15"}})
    only("room_capacity", evaluate(crowded, plan()), "Studio holds 10, 15 expected for Small")
    in_hall = plan(small=("2024-03-04 12:00", "2024-03-04 13:00", "hall"))
    assert evaluate(crowded, in_hall).feasible


def test_room_equipment() -> None:
    few = problem({"talk": {"expected_attendance": "8"}})
    bad = plan(talk=("2024-03-04 09:00", "2024-03-04 11:00", "studio"),
               small=("2024-03-04 11:00", "2024-03-04 12:00", "hall"))
    only("room_equipment", evaluate(few, bad), "Studio lacks projector", "Talk")


def test_room_overlap_counts_turnaround_rounded_up_to_slots() -> None:
    # the hall's 30 min turnaround blocks a whole 60-minute slot after Talk ends at 11:00
    bad = plan(small=("2024-03-04 11:00", "2024-03-04 12:00", "hall"))
    only("room_overlap", evaluate(problem(), bad), "多功能厅", "Talk", "Small", "turnaround")
    after = plan(small=("2024-03-04 12:00", "2024-03-04 13:00", "hall"))
    assert evaluate(problem(), after).feasible


# -- volunteers ---------------------------------------------------------------------------
def test_volunteer_available() -> None:
    bad = plan(talk=("2024-03-05 11:00", "2024-03-05 13:00", "hall"))
    only("volunteer_available", evaluate(problem(), bad),
         "Bob is in Talk on Tue 2024-03-05 11:00–13:00 but is available 09:00–12:00 only")
    good = plan(talk=("2024-03-05 10:00", "2024-03-05 12:00", "hall"))
    assert evaluate(problem(), good).feasible


SOLO_AVAILABILITY = """volunteer_id,day,start,end,kind
v1,Mon,09:00,17:00,available
v1,2024-03-04,12:00,13:00,unavailable
v1,2024-03-05,09:00,12:00,preferred
"""


@pytest.mark.parametrize(("start", "available"), [
    ("2024-03-04 09:00", True),
    ("2024-03-04 11:00", False),  # 12:00–13:00 carved out on that date
    ("2024-03-04 13:00", True),
    ("2024-03-05 09:00", True),  # a date row adds time; preferred time is available
    ("2024-03-05 11:00", False),
])
def test_volunteer_available_semantics(start: str, available: bool) -> None:
    p = make_problem(
        rooms="room_id,name,capacity\nroom,Room,10",
        room_hours="room_id,day,open,close\nroom,Mon,00:00,24:00\nroom,Tue,00:00,24:00",
        volunteers="volunteer_id,name,skills\nv1,Ann,host",
        availability=SOLO_AVAILABILITY,
        activities="activity_id,title,earliest_start,latest_end,duration_minutes,"
                   "expected_attendance\nx,X,2024-03-04,2024-03-05,120,5",
        roles="activity_id,role,min\nx,host,1")
    begin = at(start)
    bad = Plan((Assignment("x", begin, begin.replace(hour=begin.hour + 2), "room"),),
               (Staffing("x", "host", "v1"),))
    assert evaluate(p, bad).feasible is available


def test_volunteer_without_availability_rows_is_never_available() -> None:
    with_eve = problem(volunteers=VOLUNTEERS + "v5,Eve,host,adult\n")
    bad = plan(staff=(*GOOD_STAFF, ("talk", "host", "v5")))
    only("volunteer_available", evaluate(with_eve, bad), "Eve", "no availability")


def test_volunteer_skill() -> None:
    bad = plan(staff=(("talk", "teach", "v2"), ("talk", "host", "v1"), ("small", "host", "v2")))
    only("volunteer_skill", evaluate(problem(), bad), "Bob", "teach")


@pytest.mark.parametrize(("volunteer", "name"), [("v3", "Cy"), ("v4", "Dan")])
def test_volunteer_age_band_with_known_and_unknown_band(volunteer: str, name: str) -> None:
    bad = plan(staff=(*GOOD_STAFF, ("talk", "host", volunteer)))
    only("volunteer_age_band", evaluate(problem(), bad), name, "Talk", "adult")


def test_volunteer_overlap() -> None:
    bad = plan(small=("2024-03-04 10:00", "2024-03-04 11:00", "studio"))
    only("volunteer_overlap", evaluate(problem(), bad), "Bob", "Talk", "Small")


def test_volunteer_one_role() -> None:
    bad = plan(staff=(*GOOD_STAFF, ("talk", "host", "v1")))
    only("volunteer_one_role", evaluate(problem(), bad), "王芳", "Talk")


WEEK = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def limits_problem(first: str, last: str, limit_column: str, limit: str) -> Problem:
    """Two one-hour activities, one room and one volunteer, open round the clock."""
    window = f"{first},{last},60,5"
    return make_problem(
        f"key,value\nhorizon_start,{first}\nhorizon_end,{last}\nslot_minutes,60\n",
        rooms="room_id,name,capacity\nroom,Room,10",
        room_hours="room_id,day,open,close\n" + "\n".join(f"room,{d},00:00,24:00"
                                                           for d in WEEK),
        volunteers=f"volunteer_id,name,skills,{limit_column}\nv1,Ann,host,{limit}",
        availability="volunteer_id,day,start,end\n" + "\n".join(f"v1,{d},00:00,24:00"
                                                                 for d in WEEK),
        activities="activity_id,title,earliest_start,latest_end,duration_minutes,"
                   f"expected_attendance\na,A,{window}\nb,B,{window}",
        roles="activity_id,role,min\na,host,1\nb,host,1")


def two_days(first: str, second: str) -> Plan:
    return Plan((Assignment("a", at(f"{first} 10:00"), at(f"{first} 11:00"), "room"),
                 Assignment("b", at(f"{second} 10:00"), at(f"{second} 11:00"), "room")),
                (Staffing("a", "host", "v1"), Staffing("b", "host", "v1")))


def test_weekly_hours_count_iso_weeks() -> None:
    p = limits_problem("2024-03-04", "2024-03-17", "max_hours_per_week", "1.5")
    only("weekly_hours", evaluate(p, two_days("2024-03-09", "2024-03-10")), "Ann", "2 h",
         "1.5 h")
    assert evaluate(p, two_days("2024-03-10", "2024-03-11")).feasible  # Sunday, then Monday


def test_monthly_activities_count_calendar_months() -> None:
    p = limits_problem("2024-03-25", "2024-04-07", "max_activities_per_month", "1")
    only("monthly_activities", evaluate(p, two_days("2024-03-30", "2024-03-31")), "Ann",
         "2024-03")
    assert evaluate(p, two_days("2024-03-31", "2024-04-01")).feasible


# -- roles, cohorts, series, priorities ----------------------------------------------------
def test_staffing_unscheduled() -> None:
    bad = plan(small=None)
    only("staffing_unscheduled", evaluate(problem(), bad), "Bob", "Small")
    assert evaluate(problem(), plan(staff=GOOD_STAFF[:2], small=None)).feasible


def test_role_min() -> None:
    bad = plan(staff=GOOD_STAFF[1:])
    only("role_min", evaluate(problem(), bad), "Talk", "0 teach", "at least 1")


def test_role_max() -> None:
    bad = plan(staff=(*GOOD_STAFF, ("small", "host", "v3")))
    only("role_max", evaluate(problem(), bad), "Small", "2 host", "at most 1")


def test_cohort_overlap() -> None:
    kids = problem({"talk": {"cohort": "kids"}, "small": {"cohort": "kids;teens"}})
    assert evaluate(kids, plan()).feasible
    bad = plan(staff=GOOD_STAFF[:2], small=("2024-03-04 10:00", "2024-03-04 11:00", "studio"))
    only("cohort_overlap", evaluate(kids, bad), "Talk", "Small", "kids")


def test_series_order() -> None:
    series = problem({"talk": {"series_id": "s"}, "small": {"series_id": "s"}})
    assert evaluate(series, plan()).feasible
    bad = plan(staff=GOOD_STAFF[:2], small=("2024-03-04 10:00", "2024-03-04 11:00", "studio"))
    only("series_order", evaluate(series, bad), "Small", "Talk", "series s")


def test_must_scheduled() -> None:
    bad = Plan((Assignment("talk", reason="no room free"), plan().assignments[1]),
               (Staffing("small", "host", "v2"),))
    only("must_scheduled", evaluate(problem(), bad), "Talk", "no room free")


def test_missing_row_counts_as_unscheduled_without_finding() -> None:
    score = evaluate(problem(), plan(staff=GOOD_STAFF[:2], small=None))
    assert score.feasible
    assert penalty(score, "priority_normal") == 10


# -- objective terms ------------------------------------------------------------------------
@pytest.mark.parametrize(("priority", "term", "expected"), [
    ("high", "priority_high", 100), ("normal", "priority_normal", 10),
    ("low", "priority_low", 1)])
def test_priority_costs_by_default_weight(priority: str, term: str, expected: int) -> None:
    p = problem({"small": {"priority": priority}})
    score = evaluate(p, plan(staff=GOOD_STAFF[:2], small=None))
    assert penalty(score, term) == expected
    assert score.tiers[0] == expected


def test_priority_weight_override() -> None:
    score = evaluate(problem(), plan(staff=GOOD_STAFF[:2], small=None),
                     weights={"priority_normal": 7})
    assert score.tiers[0] == 7


def test_staffing_counts_seats_below_target() -> None:
    # Talk wants 2 hosts and has 1; Small wants 1 host and has Bob
    assert penalty(evaluate(problem(), plan()), "staffing") == 1
    assert evaluate(problem(), plan(), weights={"staffing": 4}).tiers[1] == 4
    assert evaluate(problem(), plan(staff=GOOD_STAFF[:2])).tiers[1] == 2


def test_preference_rewards_matching_tags() -> None:
    prefs = """volunteer_id,target,weight
v2,talk,3
v2,projector,2
v1,small,-4
"""
    score = evaluate(problem(preferences=prefs), plan())
    assert penalty(score, "preference") == -(3 + 2)  # 王芳 is not on Small
    weighted = evaluate(problem(preferences=prefs), plan(), weights={"preference": 2})
    assert penalty(weighted, "preference") == -10
    # what a wish names is said as the reader knows it: the activity by its title, the
    # theme by its name; an equipment or cohort tag as written
    themed = problem({"talk": {"theme_id": "q1"}}, preferences=prefs + "v2,q1,1\n",
                     themes="theme_id,name\nq1,红火迎新年\n")
    [found] = [f for f in evaluate(themed, plan()).findings if f.constraint == "preference"
               and f.volunteer_id == "v2" and f.activity_id == "talk"]
    assert found.message.endswith(": Talk (+3), projector (+2), 红火迎新年 (+1)"), found.message


def test_preferred_time_per_seat_outside_preferred_windows() -> None:
    preferred = AVAILABILITY + "v2,Mon,09:00,10:00,preferred\n"
    score = evaluate(problem(availability=preferred), plan())
    # Bob is in Talk 09–11 and Small 11–12, neither wholly inside 09–10
    assert penalty(score, "preferred_time") == 2 * 2
    assert {f.volunteer_id for f in score.findings if f.constraint == "preferred_time"} == {"v2"}


def test_preferred_time_is_free_inside_preferred_windows() -> None:
    preferred = AVAILABILITY + "v2,Mon,09:00,12:00,preferred\n"
    assert penalty(evaluate(problem(availability=preferred), plan()), "preferred_time") == 0


def test_preferred_time_ignores_preferences_outside_the_horizon() -> None:
    preferred = AVAILABILITY + "v2,2024-04-01,09:00,10:00,preferred\n"
    assert penalty(evaluate(problem(availability=preferred), plan()), "preferred_time") == 0


def test_fairness_is_the_largest_load_in_slots() -> None:
    # 王芳: Talk, 2 slots; Bob: Talk and Small, 3 slots
    score = evaluate(problem(), plan())
    assert penalty(score, "fairness") == 3
    assert [f.volunteer_id for f in score.findings if f.constraint == "fairness"] == ["v2"]
    # said in hours, the slots the penalty counts after them ("29 个时间格（14.5 小时）" read
    # as a unit of the app's own)
    [found] = [f for f in score.findings if f.constraint == "fairness"]
    assert found.text("zh") == "Bob 负担最重：3 小时（罚分按 3 个时间格计）"


def test_use_everyone_counts_unused_willing_volunteers() -> None:
    # Cy and Dan could host Small; Eve has no availability and so is not willing
    p = problem(volunteers=VOLUNTEERS + "v5,Eve,host,adult\n")
    score = evaluate(p, plan())
    unused = [f.volunteer_id for f in score.findings if f.constraint == "use_everyone"]
    assert unused == ["v3", "v4"]
    assert penalty(score, "use_everyone") == 2 * 5


def test_series_room_and_people() -> None:
    series = problem({"talk": {"series_id": "s"}, "small": {"series_id": "s"}})
    score = evaluate(series, plan())
    assert penalty(score, "series_room") == 3 * (2 - 1)  # hall and studio
    assert penalty(score, "series_people") == 1 * 2  # 王芳 and Bob


def test_room_fit_counts_tens_of_spare_seats() -> None:
    # hall 40 for 30: 1; studio 10 for 5: 0
    assert penalty(evaluate(problem(), plan()), "room_fit") == 1
    in_hall = plan(small=("2024-03-04 12:00", "2024-03-04 13:00", "hall"))
    assert penalty(evaluate(problem(), in_hall), "room_fit") == 1 + (40 - 5) // 10


def test_preferred_room() -> None:
    p = problem({"small": {"preferred_room": "hall"}})
    assert penalty(evaluate(p, plan()), "preferred_room") == 3
    in_hall = plan(small=("2024-03-04 12:00", "2024-03-04 13:00", "hall"))
    assert penalty(evaluate(p, in_hall), "preferred_room") == 0


def test_stability_against_a_baseline() -> None:
    moved = plan(staff=GOOD_STAFF[:1] + GOOD_STAFF[2:],
                 small=("2024-03-04 13:00", "2024-03-04 14:00", "hall"))
    score = evaluate(problem(), moved, baseline=plan())
    assert penalty(score, "stability_start") == 20
    assert penalty(score, "stability_room") == 10
    # Bob left the host seat
    assert penalty(score, "stability_volunteer") == DEFAULT_WEIGHTS["stability_volunteer"]
    assert not [f for f in evaluate(problem(), moved).findings
                if f.constraint.startswith("stability")]


def test_stability_counts_an_activity_no_longer_scheduled() -> None:
    dropped = plan(staff=GOOD_STAFF[:2], small=None)
    score = evaluate(problem(), dropped, baseline=plan())
    assert penalty(score, "stability_start") == 20
    assert penalty(score, "stability_room") == 10
    assert penalty(score, "stability_volunteer") == DEFAULT_WEIGHTS["stability_volunteer"]


def test_zero_weight_switches_a_term_off_but_keeps_its_row() -> None:
    score = evaluate(problem(), plan(), weights={"room_fit": 0})
    row = score.table().set_index("constraint").loc["room_fit"]
    assert (row["weight"], row["count"], row["penalty"]) == (0, 0, 0)


# -- the score ------------------------------------------------------------------------------
def test_tiers_sum_the_penalties_of_each_tier() -> None:
    score = evaluate(problem(), plan(staff=GOOD_STAFF[:2], small=None))
    expected = [0, 0, 0]
    for finding in score.findings:
        expected[TIER_OF[finding.constraint] - 1] += finding.penalty
    assert score.tiers == tuple(expected)
    assert score.tiers[0] == 10


def test_table_lists_every_rule_and_term_hard_rules_first() -> None:
    table = evaluate(problem(), plan(small=None)).table()
    assert list(table.columns) == ["constraint", "level", "weight", "count", "penalty"]
    assert list(table["constraint"]) == list(HARD_RULES) + list(TIER_OF)
    assert set(table["level"][: len(HARD_RULES)]) == {"hard"}
    row = table.set_index("constraint").loc["staffing_unscheduled"]
    assert (row["count"], row["penalty"]) == (1, 0)
    assert table.set_index("constraint").loc["priority_normal", "penalty"] == 10


def test_details_name_the_entities() -> None:
    details = evaluate(problem(), plan(small=None)).details()
    assert list(details.columns) == ["constraint", "level", "penalty", "activity_id",
                                     "volunteer_id", "room_id", "message"]
    row = details.set_index("constraint").loc["staffing_unscheduled"]
    assert (row["activity_id"], row["volunteer_id"]) == ("small", "v2")


def test_hard_findings_carry_no_penalty() -> None:
    score = evaluate(problem(), plan(small=("2024-03-04 17:00", "2024-03-04 18:00", "studio")))
    assert not score.feasible
    assert all(f.penalty == 0 for f in score.hard_violations)


@pytest.mark.slow
def test_evaluate_never_imports_ortools() -> None:
    code = (
        "import sys\n"
        f"sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(Path(__file__).parents[1])!r}]\n"
        "from test_evaluate import plan, problem\n"
        "from matching.evaluate import evaluate, kpis\n"
        "p = problem()\n"
        "kpis(p, plan(), evaluate(p, plan(), baseline=plan()))\n"
        "assert 'ortools' not in sys.modules, 'ortools was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


# -- agreement with the solver's slot masks ----------------------------------------------------
def test_room_open_agrees_with_the_slot_masks() -> None:
    p = problem(closures="room_id,start,end,reason\nhall,2024-03-05 10:30,2024-03-05 12:00,x\n"
                         ",2024-03-04 15:00,2024-03-04 16:00,y",
                room_hours=HOURS + "studio,2024-03-05,13:00,15:00\n")
    grid = p.grid
    for room in p.rooms:
        masked = covered_starts(p.facts.room_open[room.room_id], 1)
        for slot in range(grid.size):
            start = grid.time_of(slot)
            one = Plan((Assignment("small", start, grid.time_of(slot + 1), room.room_id),))
            judged = "room_open" not in {f.constraint for f in evaluate(p, one).findings}
            assert judged == masked[slot], (room.room_id, start)


def test_volunteer_available_agrees_with_the_slot_masks() -> None:
    p = make_problem(
        rooms="room_id,name,capacity\nroom,Room,10",
        room_hours="room_id,day,open,close\n" + "\n".join(f"room,{d},00:00,24:00" for d in WEEK),
        volunteers="volunteer_id,name,skills\nv1,Ann,host",
        availability=SOLO_AVAILABILITY + "v1,Wed,08:30,10:00,available\n"
                                         "v1,Wed,09:00,09:15,unavailable\n",
        activities="activity_id,title,earliest_start,latest_end,duration_minutes,"
                   "expected_attendance\nx,X,2024-03-04,2024-03-10,60,5",
        roles="activity_id,role,min\nx,host,1")
    grid = p.grid
    for slot in range(grid.size):
        one = Plan((Assignment("x", grid.time_of(slot), grid.time_of(slot + 1), "room"),),
                   (Staffing("x", "host", "v1"),))
        judged = "volunteer_available" not in {f.constraint for f in evaluate(p, one).findings}
        assert judged == bool(p.facts.available("v1")[slot]), grid.time_of(slot)
