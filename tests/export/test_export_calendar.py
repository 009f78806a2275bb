"""iCalendar export, parsed back with icalendar: files, required fields, zones, stable UIDs."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from plan_cases import qianjin_case, tiny_case, tiny_tables

from matching.export import calendars, event_uid, save_calendars
from matching.greedy import greedy_plan
from matching.io import build_problem

STAMP = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def read(path: Path) -> Calendar:
    calendar = Calendar.from_ical(path.read_bytes())
    assert isinstance(calendar, Calendar)
    return calendar


def test_one_file_per_volunteer_and_room_and_one_for_the_center(tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    paths = save_calendars(problem, plan, tmp_path, stamp=STAMP)
    names = {p.name for p in paths}
    assert "center.ics" in names
    assert {f"room-{r.room_id}.ics" for r in problem.rooms} <= names
    assert {f"volunteer-{v.volunteer_id}.ics" for v in problem.volunteers} <= names
    assert len(paths) == 1 + len(problem.rooms) + len(problem.volunteers)


def test_files_validate_and_carry_required_properties(tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    zone = ZoneInfo(problem.settings.timezone)
    for path in save_calendars(problem, plan, tmp_path, stamp=STAMP):
        calendar = read(path)
        calendar.validate()
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [problem.settings.timezone]
        uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
        assert len(uids) == len(set(uids))
        for event in calendar.walk("VEVENT"):
            for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
                assert prop in event, (path.name, prop)
            start = event.decoded("DTSTART")
            assert start.utcoffset() == timedelta(hours=8)
            assert start.tzinfo is not None and start.astimezone(zone).hour == start.hour
            assert event.decoded("DTSTAMP") == STAMP


def test_a_chinese_calendar_has_no_english_note_on_its_time_zone(tmp_path: Path) -> None:
    """icalendar's VTIMEZONE says in English which years it covers; no reader sees it."""
    problem, plan = qianjin_case()
    assert problem.settings.language == "zh"
    center = save_calendars(problem, plan, tmp_path, stamp=STAMP)[0]
    text = center.read_text(encoding="utf-8")
    assert "COMMENT" not in text and "This timezone" not in text
    [zone] = read(center).walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Shanghai" and zone.walk("STANDARD")


def test_center_calendar_has_every_scheduled_activity_at_its_local_time(
        tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    center = read(save_calendars(problem, plan, tmp_path, stamp=STAMP)[0])
    starts = {str(e["UID"]).split(".")[0]: e.decoded("DTSTART").replace(tzinfo=None)
              for e in center.walk("VEVENT")}
    assert starts == {a.activity_id: a.start for a in plan.scheduled}


def test_volunteer_events_name_role_and_room() -> None:
    problem, plan = qianjin_case()
    seat = plan.staffing[0]
    placed = plan.assignment_of[seat.activity_id]
    room = problem.room_by_id[placed.room_id or ""]
    calendar = calendars(problem, plan, stamp=STAMP)[f"volunteer-{seat.volunteer_id}"]
    event = next(e for e in calendar.walk("VEVENT")
                 if str(e["UID"]) == event_uid(problem, seat.activity_id,
                                               f"volunteer-{seat.volunteer_id}"))
    summary = str(event["SUMMARY"])
    assert seat.role in summary and room.name in summary
    assert problem.activity_by_id[seat.activity_id].title in summary


def test_reexport_after_a_change_keeps_the_uids(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    before = save_calendars(problem, plan, tmp_path / "before", stamp=STAMP)
    moved = tuple(dataclasses.replace(a, start=a.start + timedelta(hours=1),
                                      end=a.end + timedelta(hours=1))
                  if a.activity_id == "a1" and a.start and a.end else a
                  for a in plan.assignments)
    renamed = dataclasses.replace(problem, fingerprint="something else")
    after = save_calendars(renamed, dataclasses.replace(plan, assignments=moved),
                           tmp_path / "after", stamp=STAMP + timedelta(days=1))
    for old, new in zip(before, after, strict=True):
        assert old.name == new.name
        old_events = {str(e["UID"]): e for e in read(old).walk("VEVENT")}
        new_events = {str(e["UID"]): e for e in read(new).walk("VEVENT")}
        assert set(old_events) == set(new_events)
        for uid, event in new_events.items():
            shift = event.decoded("DTSTART") - old_events[uid].decoded("DTSTART")
            assert shift == (timedelta(hours=1) if uid.startswith("a1.") else timedelta(0))


def _events(path: Path) -> dict[str, tuple[str, int]]:
    """Each event of the file: its status and sequence, by UID."""
    return {str(e["UID"]): (str(e["STATUS"]), int(e.get("SEQUENCE", 0)))
            for e in read(path).walk("VEVENT")}


def test_an_event_a_re_plan_drops_is_exported_again_as_cancelled(tmp_path: Path) -> None:
    """A file imported into a calendar (not subscribed to) keeps every event the next
    file no longer names: exported over the folder it replaces, a dropped event is
    written again as cancelled, in the file it was in. Every export's events are newer
    revisions than the one before (a moved event, a cancellation, one back again), in
    any folder. A volunteer the workbook no longer has keeps a file of cancellations."""
    problem, plan = tiny_case()
    folder = tmp_path / "calendars"
    save_calendars(problem, plan, folder, stamp=STAMP)
    [(aid, vid)] = [(s.activity_id, s.volunteer_id) for s in plan.staffing][:1]
    gone = plan.staffing[-1].volunteer_id
    replanned = dataclasses.replace(
        plan, assignments=tuple(dataclasses.replace(a, start=None, end=None, room_id=None)
                                if a.activity_id == aid else a for a in plan.assignments),
        staffing=tuple(s for s in plan.staffing
                       if s.activity_id != aid and s.volunteer_id != gone))
    [idle, *_] = sorted({v.volunteer_id for v in problem.volunteers}
                        - {x.volunteer_id for x in plan.staffing})
    tables = tiny_tables()
    for name in ("volunteers", "availability", "preferences"):
        if name in tables:
            tables[name] = tables[name][~tables[name]["volunteer_id"].isin((gone, idle))]
    without = build_problem(tables)
    first = _events(folder / "center.ics")
    later = STAMP + timedelta(days=1)
    save_calendars(without, replanned, folder, stamp=later)
    center = _events(folder / "center.ics")
    uid = event_uid(problem, aid, "center")
    assert center[uid][0] == "CANCELLED" and center[uid][1] > first[uid][1]
    assert all(center[u][1] > first[u][1] for u in first)
    assert _events(folder / f"volunteer-{vid}.ics")[
        event_uid(problem, aid, f"volunteer-{vid}")][0] == "CANCELLED"
    theirs = _events(folder / f"volunteer-{gone}.ics")
    assert theirs and {status for status, _ in theirs.values()} == {"CANCELLED"}
    # someone removed with nothing to cancel leaves no file (nor their name) behind
    assert not (folder / f"volunteer-{idle}.ics").exists()
    assert sum(status == "CONFIRMED" for status, _ in center.values()) == \
        len([a for a in replanned.assignments if a.start])
    # the first plan again, into another folder: back, and newer than its cancellation
    save_calendars(problem, plan, tmp_path / "elsewhere", stamp=later + timedelta(days=1))
    back = _events(tmp_path / "elsewhere" / "center.ics")
    assert back[uid][0] == "CONFIRMED" and back[uid][1] > center[uid][1]


def test_a_cancelled_event_is_in_the_zone_of_the_file_it_is_in(tmp_path: Path) -> None:
    """The workbook's time zone changed between two exports: a cancelled event copied
    from the old file named the old zone, which the new file has no VTIMEZONE for."""
    problem, plan = tiny_case()
    folder = tmp_path / "calendars"
    save_calendars(problem, plan, folder, stamp=STAMP)
    aid = plan.scheduled[0].activity_id
    london = dataclasses.replace(problem, settings=dataclasses.replace(
        problem.settings, timezone="Europe/London"))
    dropped = dataclasses.replace(plan, assignments=tuple(
        dataclasses.replace(a, start=None, end=None, room_id=None) if a.activity_id == aid
        else a for a in plan.assignments), staffing=tuple(
        x for x in plan.staffing if x.activity_id != aid))
    save_calendars(london, dropped, folder, stamp=STAMP + timedelta(days=1))
    [event] = [e for e in read(folder / "center.ics").walk("VEVENT")
               if str(e["UID"]) == event_uid(problem, aid, "center")]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["DTSTART"].params["TZID"] == "Europe/London"


def test_contacts_only_in_internal_calendars() -> None:
    problem, plan = tiny_case()
    seat = plan.staffing[0]
    phone = problem.volunteer_by_id[seat.volunteer_id].phone
    key = f"volunteer-{seat.volunteer_id}"
    assert phone not in calendars(problem, plan, stamp=STAMP)[key].to_ical().decode()
    internal = calendars(problem, plan, include_contacts=True, stamp=STAMP)[key]
    assert phone in internal.to_ical().decode()


def test_line_breaks_in_names_cannot_inject_properties(tmp_path: Path) -> None:
    """A bare CR in a room name, an Alt+Enter in a volunteer's and in the center's name
    become spaces: no CR or LF outside line ends, no property a reader could see."""
    tables = tiny_tables()
    evil = "\rATTENDEE;ROLE=CHAIR:mailto:evil@example.org"
    tables["rooms"].loc[tables["rooms"]["room_id"] == "hall", "name"] = "Hall" + evil
    tables["volunteers"].iloc[0, tables["volunteers"].columns.get_loc("name")] = "Li\nWei"
    settings = tables["settings"]
    settings.loc[settings["key"] == "name", "value"] = "Center\r\nX-EVIL:1"
    problem = build_problem(tables)
    plan = greedy_plan(problem)
    assert any(a.room_id == "hall" for a in plan.scheduled)
    for path in save_calendars(problem, plan, tmp_path / "ics", stamp=STAMP):
        data = path.read_bytes()
        assert b"\r" not in data.replace(b"\r\n", b"")
        assert b"\n" not in data.replace(b"\r\n", b"")
        unfolded = data.replace(b"\r\n ", b"")
        lines = unfolded.split(b"\r\n")
        assert not any(line.startswith((b"ATTENDEE", b"X-EVIL")) for line in lines)
        read(path)


@pytest.mark.parametrize("vid", ["王芳/A组", "../../outside", "a\\b", "..", "C:evil", "nul"])
def test_ids_never_write_outside_the_folder_or_into_a_subfolder(tmp_path: Path,
                                                                vid: str) -> None:
    """Calendar file names come from ids; slashes, dots and drive letters must not make
    a path: every file lands directly in the folder, each id in its own file."""
    tables = tiny_tables()
    volunteers = tables["volunteers"]
    old = volunteers.iloc[0]["volunteer_id"]
    volunteers.iloc[0, volunteers.columns.get_loc("volunteer_id")] = vid
    for name in ("availability",):
        frame = tables[name]
        frame.loc[frame["volunteer_id"] == old, "volunteer_id"] = vid
    problem = build_problem(tables)
    folder = tmp_path / "sub" / "ics"
    paths = save_calendars(problem, greedy_plan(problem), folder, stamp=STAMP)
    assert len({p.name for p in paths}) == len(paths) == 1 + len(problem.rooms) + len(
        problem.volunteers)
    assert all(p.parent == folder and p.exists() for p in paths)
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["ics"]
    assert {p.name for p in folder.iterdir() if p.is_file()} >= {p.name for p in paths}
    assert not any(p.is_dir() for p in folder.iterdir())
