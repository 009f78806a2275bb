"""Random small workbooks that exercise every rule family, for property tests.

Horizons of 2 to 16 days start on any weekday; rooms have weekly and dated hours and
closures; volunteers have weekly, dated and ``unavailable`` availability, daily and
weekly hours, monthly limits, rest after a long shift (long: 1, 2 or 6 h) and no-show
rates; activities have windows over several days, fixed starts and rooms, cohorts,
series and roles. ``tiny`` keeps them small enough for brute force.
"""

from __future__ import annotations

from datetime import date, timedelta

from conftest import make_problem
from hypothesis import strategies as st

from matching.problem import Problem

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SKILLS = ("teach", "host")


def _hour(day: date, hour: int) -> str:
    return f"{day.isoformat()} {hour:02d}:00"


@st.composite
def workbooks(draw: st.DrawFn, tiny: bool = False) -> Problem:
    """A workbook of 1-2 rooms, 1-3 volunteers and 1-5 activities (``tiny``: at most 2
    days, 3 activities, 2 volunteers) on a 60-minute grid."""
    first = date(2024, 3, 4) + timedelta(days=draw(st.integers(0, 6)))  # any weekday
    days = draw(st.integers(1, 2) if tiny else st.integers(2, 16))
    last = first + timedelta(days=days - 1)
    dates = [first + timedelta(days=k) for k in range(days)]
    settings = ("key,value\nname,random\n"
                f"horizon_start,{first}\nhorizon_end,{last}\nslot_minutes,60\nholidays,\n"
                f"rest_after_hours,{draw(st.sampled_from([1, 2, 6]))}\n")

    rooms, hours = ["room_id,name,capacity,equipment,turnaround_minutes"], [
        "room_id,day,open,close"]
    closures = ["room_id,start,end,reason"]
    room_count = draw(st.integers(1, 2))
    for r in range(room_count):
        rooms.append(f"r{r},Room {r},{draw(st.sampled_from([10, 30]))},"
                     f"{draw(st.sampled_from(['', 'projector']))},"
                     f"{draw(st.sampled_from([0, 0, 60]))}")
        for day in draw(st.lists(st.sampled_from(DAYS), min_size=3, max_size=7, unique=True)):
            opens = draw(st.integers(8, 11))
            hours.append(f"r{r},{day},{opens:02d}:00,{draw(st.integers(opens + 3, 18)):02d}:00")
        if draw(st.booleans()):  # a dated row replaces the weekday's hours
            opens = draw(st.integers(8, 12))
            hours.append(f"r{r},{draw(st.sampled_from(dates))},{opens:02d}:00,"
                         f"{opens + draw(st.integers(2, 6)):02d}:00")
    if draw(st.booleans()):
        day = draw(st.sampled_from(dates))
        start = draw(st.integers(8, 14))
        room = draw(st.sampled_from(["", *[f"r{r}" for r in range(room_count)]]))
        closures.append(f"{room},{_hour(day, start)},{_hour(day, start + 3)},repairs")

    volunteers = ["volunteer_id,name,skills,age_band,max_hours_per_week,max_activities_per_month,"
                  "max_hours_per_day,min_rest_hours,no_show_rate"]
    availability = ["volunteer_id,day,start,end,kind"]
    for v in range(draw(st.integers(1, 2 if tiny else 3))):
        skills = ";".join(draw(st.lists(st.sampled_from(SKILLS), min_size=1, unique=True)))
        volunteers.append(f"v{v},Vol {v},{skills},"
                          f"{draw(st.sampled_from(['youth', 'adult', 'senior']))},"
                          f"{draw(st.sampled_from(['', '', '1', '2', '3']))},"
                          f"{draw(st.sampled_from(['', '', '1', '2']))},"
                          f"{draw(st.sampled_from(['', '', '1', '2', '3']))},"
                          f"{draw(st.sampled_from(['', '', '1', '3', '20']))},"
                          f"{draw(st.sampled_from(['', '', '0.2', '0.55']))}")
        for day in draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True)):
            start = draw(st.integers(8, 13))
            availability.append(f"v{v},{day},{start:02d}:00,"
                                f"{draw(st.integers(start + 2, 18)):02d}:00,"
                                f"{draw(st.sampled_from(['available', 'preferred']))}")
        for kind in draw(st.lists(st.sampled_from(["available", "unavailable"]), max_size=2)):
            start = draw(st.integers(8, 14))
            availability.append(f"v{v},{draw(st.sampled_from(dates))},{start:02d}:00,"
                                f"{start + draw(st.integers(1, 4)):02d}:00,{kind}")

    activities = ["activity_id,title,earliest_start,latest_end,duration_minutes,"
                  "expected_attendance,equipment,priority,cohort,series_id,preferred_room,"
                  "min_age_band,fixed_start,fixed_room"]
    roles = ["activity_id,role,min,target,max"]
    for a in range(draw(st.integers(1, 3 if tiny else 5))):
        opens = draw(st.sampled_from(dates))
        closes = opens + timedelta(days=0 if tiny else draw(st.integers(0, 6)))
        closes = min(closes, last)
        start_hour = draw(st.integers(8, 13))
        end_hour = draw(st.integers(start_hour + 2, 18)) if closes == opens else \
            draw(st.integers(10, 18))
        duration = draw(st.sampled_from([60, 60, 90, 120]))
        fixed_start = ""
        if draw(st.integers(0, 5)) == 0:
            fixed_start = _hour(opens, draw(st.integers(start_hour, max(start_hour,
                                                                       end_hour - 2))))
        fixed_room = draw(st.sampled_from(["", "", "", *[f"r{r}" for r in range(room_count)]]))
        activities.append(
            f"a{a},Act {a},{_hour(opens, start_hour)},{_hour(closes, end_hour)},{duration},"
            f"{draw(st.sampled_from([5, 20]))},{draw(st.sampled_from(['', '', 'projector']))},"
            f"{draw(st.sampled_from(['must', 'high', 'normal', 'low', 'low']))},"
            f"{draw(st.sampled_from(['', 'kids']))},{draw(st.sampled_from(['', '', 's1']))},"
            f"{draw(st.sampled_from(['', 'r0']))},{draw(st.sampled_from(['', '', 'adult']))},"
            f"{fixed_start},{fixed_room}")
        for role in draw(st.lists(st.sampled_from(SKILLS), max_size=2, unique=True)):
            low = draw(st.integers(0, 1))
            target = draw(st.integers(max(low, 1), 2))
            roles.append(f"a{a},{role},{low},{target},{target}")
    return make_problem(settings, rooms="\n".join(rooms), room_hours="\n".join(hours),
                        closures="\n".join(closures), volunteers="\n".join(volunteers),
                        availability="\n".join(availability),
                        activities="\n".join(activities), roles="\n".join(roles),
                        preferences="volunteer_id,target,weight\nv0,a0,3")
