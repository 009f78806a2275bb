"""Derived facts of small inline problems: the slot grid, opening and availability masks,
allowed starts, and the exclusions of rooms and volunteers with their reason codes."""

from __future__ import annotations

from datetime import date, datetime

import holidays
import numpy as np
import pytest
from conftest import BASE_SETTINGS, make_problem

from matching.problem import Problem
from matching.problem.eligibility import (
    AGE_BAND,
    CLOSED,
    HOURS_LIMIT,
    MISSING_EQUIPMENT,
    NO_SKILL,
    NOT_FIXED_ROOM,
    TOO_SMALL,
    UNAVAILABLE,
)

ROOMS = """room_id,name,capacity,equipment
hall,Hall,40,projector;sound
studio,Studio,10,
"""
ALWAYS_OPEN = """room_id,day,open,close
hall,Mon,00:00,24:00
hall,Tue,00:00,24:00
hall,Wed,00:00,24:00
hall,Thu,00:00,24:00
hall,Fri,00:00,24:00
hall,Sat,00:00,24:00
hall,Sun,00:00,24:00
"""
ACTIVITY_HEADER = (
    "activity_id,title,earliest_start,latest_end,duration_minutes,expected_attendance\n")
ACTIVITY = ACTIVITY_HEADER + "a1,Talk,2024-03-04,2024-03-10,60,5\n"
APRIL_ACTIVITY = ACTIVITY_HEADER + "a1,Talk,2024-04-01,2024-04-07,60,5\n"


def settings(start: str = "2024-03-04", end: str = "2024-03-10", slot: int = 60,
             extra: str = "") -> str:
    return (f"key,value\nname,Test\nhorizon_start,{start}\nhorizon_end,{end}\n"
            f"slot_minutes,{slot}\n{extra}")


def problem(room_hours: str = ALWAYS_OPEN, activities: str = ACTIVITY, *,
            settings_text: str = BASE_SETTINGS, rooms: str = ROOMS, **tables: str) -> Problem:
    return make_problem(settings_text, rooms=rooms, room_hours=room_hours,
                        activities=activities, **tables)


def hours(p: Problem, mask: np.ndarray, day: date) -> list[str]:
    """The start times of the slots of ``day`` set in ``mask``, as HH:MM."""
    index = (day - p.settings.horizon_start).days
    per_day = p.grid.slots_per_day
    return [p.grid.time_of(index * per_day + i).strftime("%H:%M")
            for i in np.flatnonzero(mask[index * per_day:(index + 1) * per_day])]


def hour_range(first: int, stop: int) -> list[str]:
    return [f"{h:02d}:00" for h in range(first, stop)]


def start_times(p: Problem, slots: np.ndarray) -> list[str]:
    return [p.grid.time_of(int(s)).strftime("%Y-%m-%d %H:%M") for s in slots]


# -- the slot grid -----------------------------------------------------------------------


def test_slot_grid() -> None:
    grid = problem().grid
    assert grid.start == datetime(2024, 3, 4)
    assert (grid.days, grid.slot_minutes, grid.slots_per_day, grid.size) == (7, 60, 24, 168)
    assert grid.dates()[0] == date(2024, 3, 4)
    assert grid.dates()[-1] == date(2024, 3, 10)
    assert grid.time_of(0) == datetime(2024, 3, 4)
    assert grid.time_of(24 + 9) == datetime(2024, 3, 5, 9)
    assert grid.time_of(grid.size) == datetime(2024, 3, 11)
    assert grid.time_of(np.int64(9)) == datetime(2024, 3, 4, 9)  # as from allowed_starts
    assert grid.slot_at_or_after(datetime(2024, 3, 4, 9, 20)) == 10
    assert grid.slot_at_or_before(datetime(2024, 3, 4, 9, 20)) == 9
    assert grid.slot_at_or_after(datetime(2024, 3, 4, 9)) == 9
    assert grid.slot_at_or_after(datetime(2024, 1, 1)) == 0  # clamped
    assert grid.slot_at_or_before(datetime(2025, 1, 1)) == grid.size


@pytest.mark.parametrize(("slot", "size"), [(15, 96 * 7), (30, 48 * 7), (60, 24 * 7)])
def test_slot_grid_follows_slot_minutes(slot: int, size: int) -> None:
    p = problem(settings_text=settings(slot=slot))
    assert p.grid.size == size
    assert p.horizon_end == datetime(2024, 3, 11)


def test_durations_round_up_to_whole_slots() -> None:
    p = problem(activities=ACTIVITY_HEADER + """a1,Ninety,2024-03-04,2024-03-10,90,5
a2,Sixty,2024-03-04,2024-03-10,60,5
a3,One,2024-03-04,2024-03-10,1,5
""")
    a1, a2, a3 = p.activities
    assert [p.duration_slots(a) for a in (a1, a2, a3)] == [2, 1, 1]
    assert [p.planned_minutes(a) for a in (a1, a2, a3)] == [120, 60, 60]


# -- opening hours -----------------------------------------------------------------------


def test_weekday_rows_repeat_and_several_rows_a_day_add_up() -> None:
    p = problem("""room_id,day,open,close
hall,Mon,09:00,12:00
hall,周一,14:00,17:00
hall,2,09:00,17:00
studio,Sun,10:00,24:00
""", settings_text=settings("2024-03-04", "2024-03-17"))
    hall = p.facts.room_open["hall"]
    for monday in (date(2024, 3, 4), date(2024, 3, 11)):
        assert hours(p, hall, monday) == hour_range(9, 12) + hour_range(14, 17)
        assert hours(p, hall, date(2024, 3, 5)) == hour_range(9, 17)
    assert hours(p, hall, date(2024, 3, 6)) == []
    assert hours(p, p.facts.room_open["studio"], date(2024, 3, 10)) == hour_range(10, 24)
    assert p.facts.room_open["hall"].sum() == 2 * (6 + 8)


def test_only_whole_slots_count_as_open() -> None:
    p = problem("""room_id,day,open,close
hall,Mon,09:15,10:45
""", settings_text=settings(slot=30))
    assert hours(p, p.facts.room_open["hall"], date(2024, 3, 4)) == ["09:30", "10:00"]


def test_a_date_row_overrides_the_weekday() -> None:
    p = problem("""room_id,day,open,close
hall,Mon,09:00,17:00
hall,2024-03-11,13:00,15:00
hall,2024/3/13,18:00,20:00
""", settings_text=settings("2024-03-04", "2024-03-17"))
    hall = p.facts.room_open["hall"]
    assert hours(p, hall, date(2024, 3, 4)) == hour_range(9, 17)
    assert hours(p, hall, date(2024, 3, 11)) == hour_range(13, 15)
    assert hours(p, hall, date(2024, 3, 13)) == hour_range(18, 20)  # a Wednesday


QINGMING_HOURS = """room_id,day,open,close
hall,Wed,09:00,17:00
hall,Thu,09:00,17:00
hall,holiday,10:00,12:00
studio,Thu,09:00,17:00
"""


def test_holiday_rows_apply_on_public_holidays() -> None:
    cn = holidays.country_holidays("CN", years=2024)
    assert date(2024, 4, 4) in cn  # 清明 Qingming, a Thursday
    assert date(2024, 4, 3) not in cn
    p = problem(QINGMING_HOURS, APRIL_ACTIVITY, settings_text=settings("2024-04-01", "2024-04-07"))
    assert date(2024, 4, 4) in p.holiday_dates
    hall, studio = p.facts.room_open["hall"], p.facts.room_open["studio"]
    assert hours(p, hall, date(2024, 4, 3)) == hour_range(9, 17)  # an ordinary Wednesday
    assert hours(p, hall, date(2024, 4, 4)) == hour_range(10, 12)  # 清明: the holiday rows
    # a room without holiday rows keeps its weekday hours on a holiday
    assert hours(p, studio, date(2024, 4, 4)) == hour_range(9, 17)


def test_the_weekend_inside_a_holiday_week_is_a_holiday_and_others_are_not() -> None:
    """National Day 2024 is Oct 1-7; the package lists Oct 1-4 and 7. Oct 5 and 6 take
    the holiday rows; the weekend before, next to one holiday only, and a make-up workday
    (Sat Oct 12) keep their own."""
    cn = holidays.country_holidays("CN", years=2024)
    assert date(2024, 10, 5) not in cn and date(2024, 10, 12) in cn.weekend_workdays
    hours_text = "room_id,day,open,close\nhall,Sat,09:00,17:00\nhall,Sun,09:00,17:00\n" \
                 "hall,holiday,10:00,12:00\n"
    activity = ("activity_id,title,earliest_start,latest_end,duration_minutes,"
                "expected_attendance\na1,Open day,2024-09-28 09:00,2024-10-13 17:00,60,10\n")
    p = problem(hours_text, activity, settings_text=settings("2024-09-28", "2024-10-13"))
    hall = p.facts.room_open["hall"]
    for day in (date(2024, 10, 5), date(2024, 10, 6)):
        assert day in p.holiday_dates and hours(p, hall, day) == hour_range(10, 12)
    for day in (date(2024, 9, 28), date(2024, 10, 12), date(2024, 10, 13)):
        assert day not in p.holiday_dates and hours(p, hall, day) == hour_range(9, 17)


def test_holiday_rows_follow_the_country_setting() -> None:
    assert date(2024, 4, 4) not in holidays.country_holidays("US", years=2024)
    p = problem(QINGMING_HOURS, APRIL_ACTIVITY,
                settings_text=settings("2024-04-01", "2024-04-07", extra="holidays,us\n"))
    assert p.settings.holidays == "US"
    assert hours(p, p.facts.room_open["hall"], date(2024, 4, 4)) == hour_range(9, 17)


def test_blank_holidays_setting_means_no_holidays() -> None:
    p = problem(QINGMING_HOURS, APRIL_ACTIVITY,
                settings_text=settings("2024-04-01", "2024-04-07", extra="holidays,\n"))
    assert p.settings.holidays == ""
    assert p.holiday_dates == frozenset()
    assert hours(p, p.facts.room_open["hall"], date(2024, 4, 4)) == hour_range(9, 17)


def test_a_date_row_wins_over_holiday_rows() -> None:
    p = problem(QINGMING_HOURS + "hall,2024-04-04,15:00,16:00\n",
                APRIL_ACTIVITY, settings_text=settings("2024-04-01", "2024-04-07"))
    assert hours(p, p.facts.room_open["hall"], date(2024, 4, 4)) == ["15:00"]


# -- closures ----------------------------------------------------------------------------


def test_closure_of_the_whole_center() -> None:
    p = problem("""room_id,day,open,close
hall,Tue,09:00,17:00
hall,Wed,09:00,17:00
studio,Tue,09:00,17:00
""", closures="""room_id,start,end,reason
,2024-03-05,2024-03-05,typhoon
""")
    for room in ("hall", "studio"):
        assert hours(p, p.facts.room_open[room], date(2024, 3, 5)) == []
    assert hours(p, p.facts.room_open["hall"], date(2024, 3, 6)) == hour_range(9, 17)


def test_closure_of_one_room_takes_every_slot_it_touches() -> None:
    p = problem("""room_id,day,open,close
hall,Mon,09:00,17:00
studio,Mon,09:00,17:00
""", closures="""room_id,start,end,reason
hall,2024-03-04 10:00,2024-03-04 11:30,inspection
""")
    assert hours(p, p.facts.room_open["hall"], date(2024, 3, 4)) == (
        ["09:00", *hour_range(12, 17)])
    assert hours(p, p.facts.room_open["studio"], date(2024, 3, 4)) == hour_range(9, 17)


def test_closure_over_several_days() -> None:
    p = problem(closures="""room_id,start,end,reason
hall,2024-03-05 18:00,2024-03-07,repairs
""")
    hall = p.facts.room_open["hall"]
    assert hours(p, hall, date(2024, 3, 5)) == hour_range(0, 18)
    assert hours(p, hall, date(2024, 3, 6)) == []
    assert hours(p, hall, date(2024, 3, 7)) == []  # a bare end date includes the whole day
    assert hours(p, hall, date(2024, 3, 8)) == hour_range(0, 24)


# -- availability ------------------------------------------------------------------------

VOLUNTEERS = """volunteer_id,name,skills,age_band,max_hours_per_week,max_activities_per_month
v1,Ann,teach;host,senior,,
v2,Bob,host,adult,,
v3,Cy,host,youth,,
v4,Di,host,,,
"""


def availability(rows: str, horizon: str = "2024-03-17") -> Problem:
    return problem(settings_text=settings("2024-03-04", horizon), volunteers=VOLUNTEERS,
                   availability="volunteer_id,day,start,end,kind\n" + rows)


def test_weekly_availability_repeats() -> None:
    p = availability("v1,Mon,09:00,12:00,\nv1,周三,14:00,16:30,available\n")
    free = p.facts.available("v1")
    for monday in (date(2024, 3, 4), date(2024, 3, 11)):
        assert hours(p, free, monday) == hour_range(9, 12)
    assert hours(p, free, date(2024, 3, 6)) == ["14:00", "15:00"]  # only whole slots
    assert free.sum() == 2 * 3 + 2 * 2
    assert not p.facts.preferred("v1").any()


def test_a_date_row_adds_time() -> None:
    p = availability("v1,Mon,09:00,12:00,\nv1,2024-03-05,14:00,16:00,\n")
    free = p.facts.available("v1")
    assert hours(p, free, date(2024, 3, 4)) == hour_range(9, 12)  # weekly row still applies
    assert hours(p, free, date(2024, 3, 5)) == hour_range(14, 16)
    assert hours(p, free, date(2024, 3, 12)) == []  # a date row does not repeat


def test_unavailable_always_wins() -> None:
    p = availability(
        "v1,Mon,09:00,12:00,\n"
        "v1,2024-03-04,10:00,10:30,unavailable\n"  # takes the whole 10:00 slot it touches
        "v1,2024-03-13,09:00,17:00,available\n"
        "v1,Wed,00:00,24:00,unavailable\n"  # weekly unavailable beats a date available
        "v1,2024-03-12,09:00,12:00,preferred\n"
        "v1,2024-03-12,11:00,12:00,unavailable\n")
    free = p.facts.available("v1")
    assert hours(p, free, date(2024, 3, 4)) == ["09:00", "11:00"]
    assert hours(p, free, date(2024, 3, 11)) == hour_range(9, 12)
    assert hours(p, free, date(2024, 3, 13)) == []
    assert hours(p, free, date(2024, 3, 12)) == ["09:00", "10:00"]
    assert hours(p, p.facts.preferred("v1"), date(2024, 3, 12)) == ["09:00", "10:00"]


def test_preferred_is_available_and_wished_for() -> None:
    p = availability("v1,Tue,09:00,11:00,preferred\nv1,Tue,11:00,13:00,\n")
    tuesday = date(2024, 3, 5)
    assert hours(p, p.facts.available("v1"), tuesday) == hour_range(9, 13)
    assert hours(p, p.facts.preferred("v1"), tuesday) == hour_range(9, 11)


def test_holiday_availability_rows() -> None:
    p = problem(settings_text=settings("2024-04-01", "2024-04-07"), volunteers=VOLUNTEERS,
                activities=APRIL_ACTIVITY, availability="""volunteer_id,day,start,end
v1,holiday,09:00,11:00
""")
    free = p.facts.available("v1")
    assert hours(p, free, date(2024, 4, 4)) == hour_range(9, 11)
    assert hours(p, free, date(2024, 4, 3)) == []


def test_volunteer_without_rows_is_never_available() -> None:
    p = availability("v1,Mon,09:00,12:00,\n")
    assert not p.facts.available("v2").any()
    assert ("volunteers", "v2") in [(w.table, w.value) for w in p.warnings]


# -- allowed starts ----------------------------------------------------------------------


def activity(**cells: str) -> str:
    row = {"activity_id": "a1", "title": "Talk", "earliest_start": "2024-03-04",
           "latest_end": "2024-03-10", "duration_minutes": "60", "expected_attendance": "5",
           **cells}
    return ",".join(row) + "\n" + ",".join(row.values()) + "\n"


def test_starts_inside_the_window() -> None:
    p = problem(activities=activity(earliest_start="2024-03-04 10:00",
                                    latest_end="2024-03-04 14:00"))
    assert start_times(p, p.facts.allowed_starts("a1")) == [
        f"2024-03-04 {h}" for h in hour_range(10, 14)]


def test_window_edges_off_the_grid_move_inwards() -> None:
    p = problem(activities=activity(earliest_start="2024-03-04 10:20",
                                    latest_end="2024-03-04 13:40"))
    assert start_times(p, p.facts.allowed_starts("a1")) == [
        "2024-03-04 11:00", "2024-03-04 12:00"]


def test_starts_follow_opening_hours() -> None:
    p = problem("""room_id,day,open,close
hall,Mon,09:00,12:00
studio,Mon,14:00,16:00
""", activities=activity(latest_end="2024-03-04"))
    assert start_times(p, p.facts.room_starts("a1")["hall"]) == [
        f"2024-03-04 {h}" for h in hour_range(9, 12)]
    assert start_times(p, p.facts.room_starts("a1")["studio"]) == [
        "2024-03-04 14:00", "2024-03-04 15:00"]
    assert len(p.facts.allowed_starts("a1")) == 5


def test_an_activity_ends_the_day_it_starts() -> None:
    p = problem(activities=activity(earliest_start="2024-03-04 20:00",
                                    latest_end="2024-03-05 04:00", duration_minutes="120"))
    assert start_times(p, p.facts.allowed_starts("a1")) == [
        "2024-03-04 20:00", "2024-03-04 21:00", "2024-03-04 22:00",
        "2024-03-05 00:00", "2024-03-05 01:00", "2024-03-05 02:00"]


def test_a_fixed_start_is_the_only_start() -> None:
    p = problem(activities=activity(fixed_start="2024-03-06 10:00"))
    assert start_times(p, p.facts.allowed_starts("a1")) == ["2024-03-06 10:00"]


def test_a_fixed_start_when_the_room_is_closed_leaves_no_start() -> None:
    p = problem("""room_id,day,open,close
hall,Mon,09:00,17:00
""", activities=activity(fixed_start="2024-03-06 10:00"))
    assert p.facts.allowed_starts("a1").size == 0
    assert ("activities", "a1") in [(w.table, w.value) for w in p.warnings]


def test_ninety_minutes_take_two_slots_of_sixty() -> None:
    p = problem("""room_id,day,open,close
hall,Mon,09:00,12:00
""", activities=activity(latest_end="2024-03-04", duration_minutes="90"))
    # 09:00-11:00 and 10:00-12:00 fit; a 90-minute stay starting at 11:00 would not
    assert start_times(p, p.facts.allowed_starts("a1")) == [
        "2024-03-04 09:00", "2024-03-04 10:00"]

    p = problem(activities=activity(earliest_start="2024-03-04 10:00",
                                    latest_end="2024-03-04 12:00", duration_minutes="90"))
    assert start_times(p, p.facts.allowed_starts("a1")) == ["2024-03-04 10:00"]


# -- rooms -------------------------------------------------------------------------------

EXCLUSION_ROOMS = """room_id,name,capacity,equipment
hall,Hall,40,projector;sound
studio,Studio,10,
big,Big room,60,sound
shut,Shut room,80,projector
"""
EXCLUSION_HOURS = """room_id,day,open,close
hall,Mon,09:00,17:00
studio,Mon,09:00,17:00
big,Mon,09:00,17:00
shut,Tue,09:00,17:00
"""


def room_problem(**cells: str) -> Problem:
    return problem(EXCLUSION_HOURS, activity(latest_end="2024-03-04", **cells),
                   rooms=EXCLUSION_ROOMS)


def codes(exclusions: dict) -> dict[str, str]:
    return {key: exclusion.code for key, exclusion in exclusions.items()}


def test_room_exclusions_have_reason_codes() -> None:
    p = room_problem(expected_attendance="30", equipment="projector")
    assert codes(p.facts.room_exclusions("a1")) == {
        "studio": TOO_SMALL, "big": MISSING_EQUIPMENT, "shut": CLOSED}
    assert list(p.facts.room_starts("a1")) == ["hall"]
    detail = p.facts.room_exclusions("a1")
    assert "10" in detail["studio"].detail and "30" in detail["studio"].detail
    assert "projector" in detail["big"].detail


def test_fixed_room_excludes_the_others() -> None:
    p = room_problem(fixed_room="studio")
    assert codes(p.facts.room_exclusions("a1")) == {
        "hall": NOT_FIXED_ROOM, "big": NOT_FIXED_ROOM, "shut": NOT_FIXED_ROOM}
    assert list(p.facts.room_starts("a1")) == ["studio"]


def test_a_room_exactly_big_enough_is_eligible() -> None:
    p = room_problem(expected_attendance="10")
    assert set(p.facts.room_starts("a1")) == {"hall", "studio", "big"}


# -- volunteers --------------------------------------------------------------------------

STAFF = """volunteer_id,name,skills,age_band,max_hours_per_week,max_activities_per_month
young,Yu,host,youth,,
adult,Ada,host,adult,,
senior,Sen,host;teach,senior,,
unknown,Uno,host,,,
busy,Bea,host,senior,1,
none,Nat,host,senior,,0
away,Al,host,senior,,
cook,Co,cooking,senior,,
"""
STAFF_AVAILABILITY = """volunteer_id,day,start,end
young,Mon,09:00,17:00
adult,Mon,09:00,17:00
senior,Mon,09:00,17:00
unknown,Mon,09:00,17:00
busy,Mon,09:00,17:00
none,Mon,09:00,17:00
away,Tue,09:00,17:00
cook,Mon,09:00,17:00
"""


def staff_problem(min_age_band: str = "", duration: str = "90") -> Problem:
    return problem(
        "room_id,day,open,close\nhall,Mon,09:00,17:00\n",
        activity(latest_end="2024-03-04", duration_minutes=duration, min_age_band=min_age_band),
        volunteers=STAFF, availability=STAFF_AVAILABILITY,
        roles="activity_id,role,min,target,max\na1,host,1,2,3\na1,teach,0,1,1\n")


def test_volunteer_exclusions_have_reason_codes() -> None:
    p = staff_problem()
    assert codes(p.facts.volunteer_exclusions("a1", "host")) == {
        "busy": HOURS_LIMIT,  # 1 h a week, 90 minutes take 2 hours of slots
        "none": HOURS_LIMIT,  # no activities a month
        "away": UNAVAILABLE,
        "cook": NO_SKILL,
    }
    assert p.facts.eligible_volunteers("a1", "host") == ("young", "adult", "senior", "unknown")
    assert p.facts.eligible_volunteers("a1", "teach") == ("senior",)
    assert codes(p.facts.volunteer_exclusions("a1", "teach"))["young"] == NO_SKILL


def test_hours_limit_counts_the_rounded_duration() -> None:
    p = staff_problem(duration="60")
    assert "busy" in p.facts.eligible_volunteers("a1", "host")


@pytest.mark.parametrize(
    ("band", "admitted"),
    [("youth", {"young", "adult", "senior"}), ("adult", {"adult", "senior"}),
     ("senior", {"senior"})],
)
def test_min_age_band_admits_its_band_and_above(band: str, admitted: set[str]) -> None:
    p = staff_problem(min_age_band=band)
    eligible = set(p.facts.eligible_volunteers("a1", "host"))
    assert eligible == admitted
    excluded = codes(p.facts.volunteer_exclusions("a1", "host"))
    for volunteer in {"young", "adult", "senior", "unknown"} - admitted:
        assert excluded[volunteer] == AGE_BAND


def test_volunteer_starts_are_allowed_starts_they_are_free_for() -> None:
    p = problem("room_id,day,open,close\nhall,Mon,09:00,17:00\n",
                activity(latest_end="2024-03-04"), volunteers=VOLUNTEERS,
                availability="""volunteer_id,day,start,end,kind
v1,Mon,12:00,15:00,
v1,Mon,13:00,14:00,preferred
""", roles="activity_id,role,min\na1,host,1\n")
    assert start_times(p, p.facts.volunteer_starts("a1", "v1")) == [
        "2024-03-04 12:00", "2024-03-04 13:00", "2024-03-04 14:00"]
    assert start_times(p, p.facts.preferred_starts("a1", "v1")) == ["2024-03-04 13:00"]
    assert codes(p.facts.volunteer_exclusions("a1", "host")) == {
        "v2": UNAVAILABLE, "v3": UNAVAILABLE, "v4": UNAVAILABLE}
