"""Local times by the workbook's zone: validation ignores the machine's zone, and times
the zone skips or repeats are warned about where they are written."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime

import pandas as pd
import pytest
from conftest import DATA, table

from matching.errors import DataError, Issue
from matching.io import build_problem, load_problem
from matching.io.zones import Shift, shift_at, shifts
from matching.problem.model import Problem

SETTINGS = """key,value
name,Clocks
horizon_start,{start}
horizon_end,{end}
slot_minutes,{slot}
timezone,{zone}
holidays,
"""  # rows: name 2, horizon_start 3, horizon_end 4, slot_minutes 5, timezone 6
ACTIVITY = "activity_id,title,earliest_start,latest_end,duration_minutes,expected_attendance"


def workbook(zone: str = "America/New_York", start: str = "2024-03-01",
             end: str = "2024-03-31", slot: int = 60, **tables: str
             ) -> dict[str, pd.DataFrame]:
    """A small valid workbook in ``zone``; ``tables`` adds or replaces tables."""
    texts = {
        "settings": SETTINGS.format(zone=zone, start=start, end=end, slot=slot),
        "rooms": "room_id,name,capacity\nhall,Hall,40\n",
        "room_hours": "room_id,day,open,close\nhall,Mon,09:00,17:00\n",
        "activities": f"{ACTIVITY}\na1,Talk,2024-03-04,2024-03-05,60,10\n",
        **tables,
    }
    return {name: table(text) for name, text in texts.items()}


def clock_warnings(problem: Problem) -> list[Issue]:
    return [w for w in problem.warnings if "clocks" in w.expected]


# -- the machine's zone plays no part -----------------------------------------------------

@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Lets a test set the process's TZ; the original zone is back afterwards."""
    yield
    monkeypatch.undo()
    time.tzset()


def _fixed_start_outcome(monkeypatch: pytest.MonkeyPatch, machine: str, earliest: str,
                         fixed: str, latest: str) -> str:
    monkeypatch.setenv("TZ", machine)
    time.tzset()
    tables = workbook("Asia/Shanghai", start="2024-03-01", end="2024-11-30", activities=(
        f"{ACTIVITY},fixed_start\na1,Night,{earliest},{latest},120,10,{fixed}\n"))
    try:
        build_problem(tables)
    except DataError as error:
        return "; ".join(f"{i.column}: {i.expected}" for i in error.issues)
    return "valid"


@pytest.mark.usefixtures("machine_zone")
@pytest.mark.parametrize(("earliest", "fixed", "latest", "expected"), [
    # 01:00 to 03:00 is two hours on the wall clock; New York's clocks skip one that night
    ("2024-03-10 01:00", "2024-03-10 01:00", "2024-03-10 03:00", "valid"),
    # 01:00 to 02:00 is one hour on the wall clock, two elapsed in New York (clocks go back)
    ("2024-11-02 22:00", "2024-11-03 01:00", "2024-11-03 02:00",
     "fixed_start: a start inside the window, leaving room for the duration"),
])
def test_a_fixed_start_fits_its_window_whatever_the_machine_zone(
        monkeypatch: pytest.MonkeyPatch, earliest: str, fixed: str, latest: str,
        expected: str) -> None:
    here = _fixed_start_outcome(monkeypatch, "UTC", earliest, fixed, latest)
    there = _fixed_start_outcome(monkeypatch, "America/New_York", earliest, fixed, latest)
    assert here == there == expected


# -- local times the zone skips or repeats -----------------------------------------------

GAP = "2024-03-10 02:30 does not exist in America/New_York (clocks skip 02:00–03:00)"
FOLD = ("2024-11-03 01:30 happens twice in America/New_York (clocks go back from 02:00 "
        "to 01:00); calendars show the first")


@pytest.mark.parametrize(("name", "text", "column", "value", "expected"), [
    ("activities", f"{ACTIVITY},fixed_start\n"
     "a1,Night,2024-03-10,2024-03-11,60,10,2024-03-10 02:00\n",
     "fixed_start", "2024-03-10 02:00", GAP.replace("02:30 does", "02:00 does")),
    ("activities", f"{ACTIVITY},kind\na1,Choir,2024-03-10 02:30,2024-03-10 05:00,60,10,"
     "booking\n", "earliest_start", "2024-03-10 02:30", GAP),
    ("activities", f"{ACTIVITY}\na1,Late,2024-11-02 20:00,2024-11-03 01:30,60,10\n",
     "latest_end", "2024-11-03 01:30", FOLD),
    ("closures", "room_id,start,end\nhall,2024-11-03 01:30,2024-11-03 06:00\n",
     "start", "2024-11-03 01:30", FOLD),
    ("closures", "room_id,start,end\n,2024-03-09 22:00,2024-03-10 02:30\n",
     "end", "2024-03-10 02:30", GAP),
])
def test_a_skipped_or_repeated_time_is_a_warning_naming_the_cell_and_zone(
        name: str, text: str, column: str, value: str, expected: str) -> None:
    problem = build_problem(workbook(end="2024-11-30", **{name: text}))
    assert [(w.table, w.row, w.column, w.value, w.expected)
            for w in clock_warnings(problem) if w.table == name] == [
        (name, 2, column, value, expected)]


def test_availability_and_room_hours_are_checked_on_the_days_the_clocks_change() -> None:
    problem = build_problem(workbook(
        room_hours="room_id,day,open,close\nhall,Sun,02:30,17:00\nhall,Mon,02:30,17:00\n",
        volunteers="volunteer_id,name,skills\nv1,Ann,host\n",
        availability="volunteer_id,day,start,end,kind\n"
                     "v1,2024-03-10,01:00,02:30,unavailable\n"
                     "v1,Sat,02:30,04:00,\n"  # Saturdays: the clocks change on a Sunday
                     "v1,7,00:00,24:00,\n"))
    found = [(w.table, w.row, w.column, w.expected) for w in clock_warnings(problem)
             if w.table != "settings"]
    assert found == [("room_hours", 2, "open", GAP), ("availability", 2, "end", GAP)]


def test_the_horizon_warns_once_per_change_of_the_clocks() -> None:
    problem = build_problem(workbook(end="2024-12-31"))
    found = [(w.table, w.row, w.column, w.value, w.expected) for w in clock_warnings(problem)]
    assert found == [
        ("settings", 6, "value", "America/New_York",
         "the clocks skip 02:00–03:00 on 2024-03-10 in America/New_York: the horizon has "
         "slots there that do not exist (calendar programs show what starts in them 60 min "
         "later; what spans them lasts 60 min less)"),
        ("settings", 6, "value", "America/New_York",
         "the clocks go back from 02:00 to 01:00 on 2024-11-03 in America/New_York: the "
         "horizon's slots from 01:00 to 02:00 happen twice (calendar programs show the "
         "first; what spans them lasts 60 min more)")]
    assert clock_warnings(build_problem(workbook(end="2024-03-09"))) == []


def test_an_end_at_24_00_meets_a_change_of_the_clocks_at_midnight() -> None:
    # Santiago skips 00:00-01:00 on Sunday 2024-09-08 and repeats 23:00-24:00 on 04-06
    problem = build_problem(workbook(
        "America/Santiago", start="2024-04-01", end="2024-09-30",
        activities=f"{ACTIVITY}\na1,Talk,2024-04-01,2024-04-02,60,10\n",
        volunteers="volunteer_id,name,skills\nv1,Ann,host\n",
        availability="volunteer_id,day,start,end\nv1,Sat,18:00,24:00\n"))
    assert [w.expected for w in clock_warnings(problem) if w.table == "availability"] == [
        "2024-09-08 00:00 does not exist in America/Santiago (clocks skip 00:00–01:00)"]
    assert [w.expected.split(":")[0] for w in clock_warnings(problem)
            if w.table == "settings"] == ["the clocks go back from 24", "the clocks skip 00"]


@pytest.mark.parametrize(("slot", "warned"), [(60, False), (30, True)])
def test_a_half_hour_fold_between_hourly_slots_holds_no_slot(slot: int, warned: bool) -> None:
    # Lord Howe Island turns its clocks back from 02:00 to 01:30 on 2024-04-07
    problem = build_problem(workbook(
        "Australia/Lord_Howe", start="2024-04-01", end="2024-04-30", slot=slot,
        activities=f"{ACTIVITY}\na1,Talk,2024-04-01,2024-04-02,60,10\n"))
    assert bool(clock_warnings(problem)) is warned


def test_the_embedded_workbook_in_shanghai_time_has_no_clock_warnings() -> None:
    problem = load_problem(DATA / "qianjin-2023")
    assert problem.settings.timezone == "Asia/Shanghai"
    assert [w for w in problem.warnings if "clocks" in w.expected] == []


# -- the changes of the clocks themselves -------------------------------------------------

def test_shifts_are_found_to_the_minute() -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("America/New_York")
    assert shifts(zone, date(2024, 1, 1), date(2024, 12, 31)) == [
        Shift(datetime(2024, 3, 10, 2), datetime(2024, 3, 10, 3), skipped=True),
        Shift(datetime(2024, 11, 3, 1), datetime(2024, 11, 3, 2), skipped=False)]
    assert shifts(ZoneInfo("Asia/Shanghai"), date(2020, 1, 1), date(2029, 12, 31)) == []
    assert shift_at(datetime(2024, 3, 10, 3), zone) is None  # the first time after the gap
    assert shift_at(datetime(2024, 11, 3, 2), zone) is None  # the first time after the fold
    fold = shift_at(datetime(2024, 11, 3, 1, 59), zone)
    assert fold is not None and not fold.skipped

