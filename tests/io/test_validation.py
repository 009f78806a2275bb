"""Validation: every error names its table, spreadsheet row (header = 1, first data row =
2), column and value, and a broken workbook reports all its errors at once."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import BASE_SETTINGS, table

from matching.errors import DataError, Issue
from matching.io import build_problem, load_problem, read_tables
from matching.problem import Problem

#: A valid workbook without warnings: every table, every reference used once.
BASE = {
    "settings": BASE_SETTINGS,  # rows: name 2, horizon_start 3, horizon_end 4, slot 5, lang 6
    "themes": """theme_id,name,start,end
T1,Smartphones,2024-03-01,2024-03-31
""",
    "rooms": """room_id,name,capacity,equipment
hall,Hall,40,projector
studio,Studio,10,
""",
    "room_hours": """room_id,day,open,close
hall,Mon,09:00,17:00
hall,Tue,09:00,17:00
studio,Wed,09:00,12:00
""",
    "closures": """room_id,start,end,reason
hall,2024-03-05 12:00,2024-03-05 13:00,lunch
,2024-03-10,2024-03-10,center closed
""",
    "volunteers": """volunteer_id,name,skills,age_band,max_hours_per_week,max_activities_per_month
v1,Ann,teach;host,senior,,
v2,Bob,host,adult,6,4
""",
    "availability": """volunteer_id,day,start,end,kind
v1,Mon,09:00,12:00,
v2,Tue,09:00,17:00,available
v2,2024-03-06,09:00,12:00,preferred
""",
    "preferences": """volunteer_id,target,weight
v1,T1,5
""",
    "activities": "activity_id,title,theme_id,kind,earliest_start,latest_end,duration_minutes,"
    "expected_attendance,equipment,min_age_band,priority,fixed_start,fixed_room,preferred_room\n"
    """a1,Talk,T1,activity,2024-03-04,2024-03-05,90,30,projector,,must,,,hall
a2,Calligraphy,T1,meeting,2024-03-06,2024-03-06,60,5,,adult,normal,2024-03-06 10:00,studio,
""",
    "roles": """activity_id,role,min,target,max
a1,teach,1,1,1
a1,host,1,2,2
a2,host,0,1,1
""",
}


def base(*without: str) -> dict[str, pd.DataFrame]:
    return {name: table(text) for name, text in BASE.items() if name not in without}


def put(tables: dict[str, pd.DataFrame], name: str, row: int, column: str, value: str
        ) -> dict[str, pd.DataFrame]:
    frame = tables[name]
    if column not in frame.columns:
        frame[column] = ""
    frame.loc[row, column] = value
    return tables


def add(tables: dict[str, pd.DataFrame], name: str, /, **values: str
        ) -> dict[str, pd.DataFrame]:
    frame = tables[name]
    for column in values:
        if column not in frame.columns:
            frame[column] = ""
    row = [values.get(c, "") for c in frame.columns]
    extra = pd.DataFrame([row], columns=frame.columns, index=[frame.index.max() + 1])
    tables[name] = pd.concat([frame, extra]).rename_axis("row")
    return tables


def errors(tables: dict[str, pd.DataFrame]) -> list[Issue]:
    with pytest.raises(DataError) as info:
        build_problem(tables)
    assert info.value.issues, "a DataError lists its errors"
    assert all(i.severity == "error" for i in info.value.issues)
    return info.value.issues


def only_error(tables: dict[str, pd.DataFrame]) -> Issue:
    found = errors(tables)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def where(issue: Issue) -> tuple[str, int | None, str | None, str]:
    return issue.table, issue.row, issue.column, issue.value


def test_the_base_workbook_is_valid_and_quiet() -> None:
    problem = build_problem(base())
    assert isinstance(problem, Problem)
    assert problem.warnings == ()
    assert len(problem.activities) == 2
    assert len(problem.closures) == 2
    assert problem.closures[1].room_id is None


def test_a_data_error_crosses_a_process_whole() -> None:
    """Pickled (as a worker process hands an exception back) and read back, it keeps
    its issues, warnings, subject and the workbook's language, not only its text."""
    import pickle

    tables = base()
    tables["rooms"] = tables["rooms"].assign(capacity="-1")
    with pytest.raises(DataError) as caught:
        build_problem(tables)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.issues, again.warnings) == (caught.value.issues, caught.value.warnings)
    assert again.language == caught.value.language is not None
    assert again.render("zh") == caught.value.render("zh") and str(again) == str(caught.value)


# -- tables and columns ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["settings", "rooms", "room_hours", "activities"])
def test_missing_required_table(name: str) -> None:
    found = errors(base(name))
    issue = next(i for i in found if i.row is None and i.column is None)
    assert where(issue) == (name, None, None, "")
    assert repr(name) in issue.expected
    assert "table" in issue.expected


@pytest.mark.parametrize("name", ["themes", "closures", "volunteers", "availability",
                                  "preferences", "roles"])
def test_optional_table_may_be_missing(name: str) -> None:
    without = {name}
    if name == "volunteers":
        without |= {"availability", "preferences"}
    if name == "themes":
        without |= {"preferences"}
    tables = base(*without)
    build_problem(tables)


def test_themes_named_without_a_themes_table_are_a_warning() -> None:
    """The workbook loads, as without any optional table, but the themes its
    activities name are said to go unchecked and unshown (they vanished silently)."""
    problem = build_problem(base("themes", "preferences"))
    [warning] = [w for w in problem.warnings if w.column == "theme_id"]
    assert (warning.table, warning.severity) == ("activities", "warning")
    themes = sorted({a.theme_id for a in problem.activities if a.theme_id})
    assert themes and all(t in warning.expectation("en") for t in themes)
    assert warning.expectation("zh").startswith("活动写了主题（")


@pytest.mark.parametrize(
    ("name", "column"),
    [("rooms", "capacity"), ("room_hours", "close"), ("activities", "duration_minutes"),
     ("volunteers", "skills"), ("roles", "min"), ("settings", "value")],
)
def test_missing_required_column(name: str, column: str) -> None:
    tables = base()
    tables[name] = tables[name].drop(columns=[column])
    found = errors(tables)
    header = [i for i in found if i.row == 1]
    assert [where(i) for i in header] == [(name, 1, column, "")]
    assert repr(column) in header[0].expected


def test_a_required_column_misspelt_is_the_error_on_the_column_typed() -> None:
    """"capacty" for capacity: the error named the missing column only, and the warning
    that named the typo was left out with the errors."""
    tables = base()
    tables["rooms"] = tables["rooms"].rename(columns={"capacity": "capacty"})
    found = errors(tables)
    assert [where(i) for i in found if i.row == 1] == [("rooms", 1, "capacty", "capacty")]
    assert found[0].expected == ("a column named 'capacity' (there is none: is this it, "
                                 "misspelt?)")


def test_setting_keys_read_whatever_their_case_spaces_or_width() -> None:
    """A key "Slot Minutes" was an unknown setting, and the slot its default, 30."""
    tables = base()
    settings = tables["settings"]
    settings.loc[settings["key"] == "slot_minutes", ["key", "value"]] = ["Slot Minutes", "60"]
    settings.loc[settings["key"] == "horizon_start", "key"] = "ｈｏｒｉｚｏｎ-start"
    problem = build_problem(tables)
    assert problem.settings.slot_minutes == 60 and problem.warnings == ()


@pytest.mark.parametrize(("typed", "language"), [("English", "en"), ("英文", "en"),
                                                  ("中文", "zh"), ("Chinese", "zh")])
def test_the_language_may_be_typed_as_its_name(typed: str, language: str) -> None:
    tables = base()
    settings = tables["settings"]
    settings.loc[settings["key"] == "language", "value"] = typed
    assert build_problem(tables).settings.language == language


@pytest.mark.parametrize("typed", ["", "none", "无", "None "])
def test_no_public_holidays_may_be_typed_as_the_summary_says_it(typed: str) -> None:
    """A blank holidays cell shows as "holidays none" in the summary: "none" typed back
    was "an ISO country code", and the room_hours rows of holidays never applied."""
    tables = add(base(), "settings", key="holidays", value=typed)
    assert build_problem(tables).settings.holidays == ""


def test_a_required_setting_misspelt_is_the_error_on_its_row() -> None:
    tables = base()
    settings = tables["settings"]
    settings.loc[settings["key"] == "horizon_end", "key"] = "horizon_edn"
    issue = only_error(tables)
    assert where(issue) == ("settings", 4, "key", "horizon_edn")
    assert issue.expected == ("the key 'horizon_end' (there is no row with it: is this it, "
                              "misspelt?)")


def test_unknown_column_is_a_warning() -> None:
    tables = put(base(), "rooms", 2, "colour", "blue")
    problem = build_problem(tables)
    assert [where(w) for w in problem.warnings] == [("rooms", 1, "colour", "colour")]
    warning = problem.warnings[0]
    assert warning.severity == "warning"
    assert "capacity" in warning.expected  # lists the known columns
    assert "ignored" in warning.expected


# -- ids ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "column", "values"),
    [
        ("themes", "theme_id", {"theme_id": "T1", "name": "Again"}),
        ("rooms", "room_id", {"room_id": "hall", "name": "Hall 2", "capacity": "5"}),
        ("volunteers", "volunteer_id", {"volunteer_id": "v2", "name": "Bo", "skills": "host"}),
        ("activities", "activity_id",
         {"activity_id": "a1", "title": "Again", "earliest_start": "2024-03-04",
          "latest_end": "2024-03-05", "duration_minutes": "60", "expected_attendance": "5"}),
    ],
)
def test_duplicate_id(name: str, column: str, values: dict[str, str]) -> None:
    tables = add(base(), name, **values)
    row = int(tables[name].index.max())
    issue = only_error(tables)
    assert where(issue) == (name, row, column, values[column])
    assert "unique" in issue.expected


def test_duplicate_setting() -> None:
    issue = only_error(add(base(), "settings", key="slot_minutes", value="30"))
    assert where(issue) == ("settings", 7, "key", "slot_minutes")
    assert "once" in issue.expected


def test_the_first_of_a_setting_written_twice_counts() -> None:
    """The second row is the one error: its value (not a slot size at all) is not read."""
    issue = only_error(add(base(), "settings", key="slot_minutes", value="45"))
    assert where(issue) == ("settings", 7, "key", "slot_minutes")


# -- references --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "row", "column", "target"),
    [
        ("room_hours", 2, "room_id", "rooms"),
        ("closures", 2, "room_id", "rooms"),
        ("availability", 3, "volunteer_id", "volunteers"),
        ("preferences", 2, "volunteer_id", "volunteers"),
        ("activities", 2, "theme_id", "themes"),
        ("activities", 3, "fixed_room", "rooms"),
        ("activities", 2, "preferred_room", "rooms"),
        ("roles", 4, "activity_id", "activities"),
    ],
)
def test_unknown_reference(name: str, row: int, column: str, target: str) -> None:
    issue = only_error(put(base(), name, row, column, "nope"))
    assert where(issue) == (name, row, column, "nope")
    assert issue.expected == f"an id listed in {target}"


@pytest.mark.parametrize(
    ("name", "column", "referring"),
    [("rooms", "room_id", [("room_hours", "room_id"), ("closures", "room_id"),
                           ("activities", "fixed_room"), ("activities", "preferred_room")]),
     ("volunteers", "volunteer_id", [("availability", "volunteer_id"),
                                     ("preferences", "volunteer_id")]),
     ("activities", "activity_id", [("roles", "activity_id")]),
     ("themes", "theme_id", [("activities", "theme_id")])],
)
def test_a_table_without_its_id_column_gives_one_error_per_column_referring_to_it(
        name: str, column: str, referring: list[tuple[str, str]]) -> None:
    """Not one per row saying that an id plainly in the sheet is not listed there."""
    tables = base()
    tables[name] = tables[name].drop(columns=[column])
    found = errors(tables)
    assert sorted(where(i) for i in found) == sorted(
        [(name, 1, column, "")] + [(table, None, by, "") for table, by in referring])
    said = next(i for i in found if i.row is None)
    assert said.expected.endswith(f"but the {name} table has no column {column!r} to look "
                                  "its ids up in")
    assert f"表没有 “{column}” 列" in said.expectation("zh")


def test_an_id_excel_took_the_leading_zeros_of_is_suggested() -> None:
    """Ids 001... typed as text in volunteers, and as numbers elsewhere, where Excel drops
    the zeros: 13 errors of "got '1'" and no hint."""
    tables = base()
    for name in ("volunteers", "availability", "preferences"):
        tables[name]["volunteer_id"] = tables[name]["volunteer_id"].str.replace("v", "00")
    tables["availability"].loc[2, "volunteer_id"] = "1"
    issue = only_error(tables)
    assert (issue.value, issue.expected) == ("1", "an id listed in volunteers; did you mean "
                                                  "'001'?")


@pytest.mark.parametrize(("typed", "meant"), [("Hall", "hall"), ("hal", "hall"),
                                              ("HALL", "hall"), ("hal1", "hall")])
def test_an_id_one_slip_away_is_suggested(typed: str, meant: str) -> None:
    issue = only_error(put(base(), "room_hours", 2, "room_id", typed))
    assert issue.expected == f"an id listed in rooms; did you mean {meant!r}?"


def test_an_id_that_differs_in_a_number_is_someone_else_and_not_suggested() -> None:
    """A row left behind by a volunteer taken out of the workbook was pointed at another
    volunteer ("did you mean 'V070'?" for V002): following it gives away their hours."""
    tables = base()
    volunteers = tables["volunteers"]
    kept = volunteers.loc[volunteers["volunteer_id"] == "v2"].copy()
    for number in (3, 12):  # v3 and v12, both near v2 but for a number
        kept["volunteer_id"] = f"v{number}"
        volunteers = pd.concat([volunteers, kept], ignore_index=True)
    tables["volunteers"] = volunteers[volunteers["volunteer_id"] != "v2"]
    found = [i for i in errors(tables) if i.value == "v2"]
    assert found and all(i.expected == "an id listed in volunteers" for i in found), found


@pytest.mark.parametrize(("typed", "meant"), [("V0O2", "V002"), ("V00l", "V001"),
                                              ("v0o2", "V002"), ("V070", None),
                                              ("V210", None), ("V1002", None)])
def test_ids_of_the_embedded_workbook_typed_wrong(typed: str, meant: str | None) -> None:
    """Among its 71 volunteers V0O2 is one character from V002, V012 ... V072: the
    letter typed for a digit it looks like says which (before, no hint at all)."""
    tables, _ = read_tables(Path(__file__).resolve().parents[2] / "data" / "qianjin-2023")
    availability = tables["availability"]
    first = availability.index[0]
    availability.loc[first, "volunteer_id"] = typed
    if typed == "V070":  # a volunteer taken out of the workbook, their rows left behind
        volunteers = tables["volunteers"]
        tables["volunteers"] = volunteers[volunteers["volunteer_id"] != "V070"]
        tables["availability"] = availability[
            (availability["volunteer_id"] != "V070") | (availability.index == first)]
    [issue] = [i for i in errors(tables) if i.value == typed and i.table == "availability"]
    hint = f"; did you mean {meant!r}?" if meant else ""
    assert issue.expected == f"an id listed in volunteers{hint}"


@pytest.mark.parametrize(("typed", "kind"), [("不可用", "unavailable"), ("可用", "available"),
                                             ("优先", "preferred"), ("Unavailable", "unavailable")])
def test_an_availability_kind_in_chinese_is_read(typed: str, kind: str) -> None:
    problem = build_problem(put(base(), "availability", 2, "kind", typed))
    assert problem.availability[0].kind == kind


def test_a_duration_shorter_than_a_slot_is_a_warning() -> None:
    """Hours typed in the minutes column: a two-hour workshop typed 2 was planned as one
    slot without a word."""
    problem = build_problem(put(base(), "activities", 2, "duration_minutes", "2"))
    slot = problem.settings.slot_minutes
    assert [(w.table, w.row, w.column, w.value, w.expected) for w in problem.warnings
            if w.column == "duration_minutes"] == [
        ("activities", 2, "duration_minutes", "2",
         f"a duration of one slot ({slot} min) or more: 2 min is planned as a whole slot "
         "(the column takes minutes: 2 h is 120)")]
    assert not [w for w in build_problem(base()).warnings if w.column == "duration_minutes"]
    # a 45-minute talk on an hour's grid is rounded up as the contract says, unremarked
    talk = build_problem(put(base(), "activities", 2, "duration_minutes", "45"))
    assert not [w for w in talk.warnings if w.column == "duration_minutes"]


@pytest.mark.parametrize(("start", "end", "kind", "afternoon"), [
    ("02:00", "05:00", "", "; if 14:00–17:00 was meant, write it so"),
    ("03:00", "06:00", "", ""),  # 15:00-18:00 runs past closing time too
    ("18:00", "20:00", "preferred", ""),
])
def test_available_time_when_no_room_is_ever_open_is_a_warning(
        start: str, end: str, kind: str, afternoon: str) -> None:
    """2:00 typed for 14:00 gave a volunteer time nothing could use, without a word
    (rooms open 09:00–17:00 here)."""
    tables = put(put(put(base(), "availability", 2, "start", start), "availability", 2, "end",
                     end), "availability", 2, "kind", kind)
    [warning] = [w for w in build_problem(tables).warnings if w.table == "availability"]
    assert (warning.row, warning.column, warning.value) == (2, "start", start)
    assert warning.expected == (
        "no room is open then (rooms open at 09:00 at the earliest and close at 17:00 at "
        f"the latest), so no activity can be planned in it{afternoon}")
    assert warning.expectation("zh").startswith("这段时间没有场地开放（场地最早 09:00 开门")


def test_unavailable_time_when_no_room_is_open_is_no_warning() -> None:
    tables = put(put(put(base(), "availability", 2, "start", "02:00"), "availability", 2,
                     "end", "05:00"), "availability", 2, "kind", "unavailable")
    assert not [w for w in build_problem(tables).warnings if w.table == "availability"]


def test_references_are_case_sensitive_and_a_close_id_is_suggested() -> None:
    issue = only_error(put(base(), "room_hours", 2, "room_id", "Hall"))
    assert where(issue) == ("room_hours", 2, "room_id", "Hall")
    assert issue.expected == "an id listed in rooms; did you mean 'hall'?"
    assert issue.wording is not None
    assert issue.wording.render("zh") == "场地表中列出的编号；是不是 “hall”？"


# -- cells -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "row", "column", "value", "expected"),
    [
        ("room_hours", 2, "open", "25:00", "a time HH:MM from 00:00 to 23:59"),
        ("room_hours", 2, "open", "24:00", "a time HH:MM from 00:00 to 23:59"),
        ("room_hours", 3, "close", "12:60", "a time HH:MM from 00:00 to 24:00"),
        ("availability", 2, "start", "9h", "a time HH:MM from 00:00 to 23:59"),
        ("room_hours", 4, "day", "周八", "a weekday (Mon..Sun, 周一..周日, 1..7), 'holiday' "
                                       "or a date YYYY-MM-DD"),
        ("availability", 4, "day", "2024-02-30", "a date that exists: 2024-02 has 29 days"),
        ("settings", 3, "value", "2024-02-30", "a date that exists: 2024-02 has 29 days"),
        ("themes", 2, "start", "2024-13-01", "a date YYYY-MM-DD"),
        ("closures", 2, "start", "2024-03-05 25:00", "a date-time YYYY-MM-DD HH:MM"),
        ("activities", 2, "earliest_start", "2024-03-32", "a date that exists: 2024-03 has 31"),
        ("activities", 2, "latest_end", "9999-12-31", "a date YYYY-MM-DD before the year 9000"),
        ("closures", 3, "end", "9999-12-31", "a date YYYY-MM-DD before the year 9000"),
        ("themes", 2, "end", "9999-12-31", "a date YYYY-MM-DD before the year 9000"),
        ("activities", 3, "fixed_start", "Wed 10:00", "a date-time YYYY-MM-DD HH:MM"),
        ("rooms", 3, "capacity", "-5", "a whole number of at least 1"),
        ("rooms", 3, "capacity", "0", "a whole number of at least 1"),
        ("rooms", 3, "capacity", "ten", "a whole number of at least 1"),
        ("activities", 2, "duration_minutes", "2.5", "a whole number from 1 to 1440 (the "
                                                     "column takes minutes: 2.5 h is 150)"),
        ("activities", 2, "duration_minutes", "2h", "a whole number from 1 to 1440 (the "
                                                    "column takes minutes: 2 h is 120)"),
        ("activities", 2, "duration_minutes", "90 分钟", "a whole number from 1 to 1440 (type "
                                                       "the number alone: 90)"),
        ("activities", 2, "duration_minutes", "ninety", "a whole number from 1 to 1440"),
        ("activities", 2, "expected_attendance", "-1", "a whole number of at least 0"),
        ("volunteers", 3, "max_hours_per_week", "200", "a number from 0 to 168"),
        ("volunteers", 3, "max_activities_per_month", "-1", "a whole number of at least 0"),
        ("preferences", 2, "weight", "11", "a whole number from -10 to 10"),
        ("roles", 2, "min", "-1", "a whole number of at least 0"),
        ("volunteers", 2, "age_band", "elderly", "one of youth, adult, senior"),
        ("activities", 2, "min_age_band", "kid", "one of youth, adult, senior"),
        ("activities", 3, "priority", "urgent", "one of must, high, normal, low"),
        ("activities", 3, "kind", "workshop", "one of activity, booking, meeting"),
        ("availability", 2, "kind", "maybe", "one of available, unavailable, preferred"),
        ("settings", 5, "value", "45", "one of 15, 30, 60"),
        ("settings", 6, "value", "fr", "one of zh, en"),
    ],
)
def test_bad_cell(name: str, row: int, column: str, value: str, expected: str) -> None:
    issue = only_error(put(base(), name, row, column, value))
    assert where(issue) == (name, row, column, value)
    assert issue.expected.startswith(expected)


@pytest.mark.parametrize(
    ("name", "row", "column"),
    [("rooms", 3, "name"), ("rooms", 3, "capacity"), ("room_hours", 2, "day"),
     ("activities", 2, "title"), ("activities", 3, "latest_end"), ("roles", 2, "role"),
     ("availability", 2, "end"), ("closures", 2, "start"), ("settings", 3, "value")],
)
def test_blank_required_cell(name: str, row: int, column: str) -> None:
    issue = only_error(put(base(), name, row, column, ""))
    assert where(issue) == (name, row, column, "")
    assert issue.expected == "a value (this column is required)"


def test_choices_are_case_insensitive() -> None:
    tables = put(base(), "activities", 2, "priority", "MUST")
    put(tables, "volunteers", 2, "age_band", "Senior")
    problem = build_problem(tables)
    assert problem.activities[0].priority == "must"
    assert problem.volunteers[0].age_band == "senior"


# -- rows that contradict themselves -----------------------------------------------------


@pytest.mark.parametrize("close", ["09:00", "08:00"])
def test_close_not_after_open(close: str) -> None:
    issue = only_error(put(base(), "room_hours", 2, "close", close))
    assert where(issue) == ("room_hours", 2, "close", close)
    assert "after open" in issue.expected


def test_a_close_at_00_00_is_told_that_midnight_is_24_00() -> None:
    issue = only_error(put(base(), "room_hours", 2, "close", "00:00"))
    assert issue.expected == ("a time after open (rooms open and close the same day; "
                              "midnight is written 24:00)")
    assert "午夜请写 24:00" in issue.expectation("zh")


@pytest.mark.parametrize(("close", "meant"), [("5:00", "17:00"), ("08:30", "20:30")])
def test_a_close_before_open_is_told_the_time_after_noon(close: str, meant: str) -> None:
    """A close typed 5:00 for 17:00 (the hall opens 09:00)."""
    issue = only_error(put(base(), "room_hours", 2, "close", close))
    assert issue.expected == ("a time after open (rooms open and close the same day; if "
                              f"{meant} was meant, write it so)")


def test_availability_end_not_after_start() -> None:
    issue = only_error(put(base(), "availability", 3, "end", "09:00"))
    assert where(issue) == ("availability", 3, "end", "09:00")
    assert "after start" in issue.expected


def test_closure_end_not_after_start() -> None:
    issue = only_error(put(base(), "closures", 2, "end", "2024-03-05 11:00"))
    assert where(issue) == ("closures", 2, "end", "2024-03-05 11:00")
    assert "after start" in issue.expected


def test_theme_end_before_start() -> None:
    issue = only_error(put(base(), "themes", 2, "end", "2024-02-01"))
    assert where(issue) == ("themes", 2, "end", "2024-02-01")


@pytest.mark.parametrize("zone", ["US", "Asia", "Mars/Olympus", "../etc"])
def test_time_zones_are_real_zone_names(zone: str) -> None:
    tables = base()
    tables["settings"] = pd.concat([tables["settings"], table(
        f"key,value\ntimezone,{zone}").set_axis([7])])
    issue = only_error(tables)
    assert where(issue) == ("settings", 7, "value", zone)
    assert issue.expected == "an IANA time zone such as Asia/Shanghai"


def test_a_horizon_to_the_end_of_time_is_an_error_not_a_crash() -> None:
    issue = only_error(put(base(), "settings", 4, "value", "9999-12-31"))
    assert where(issue) == ("settings", 4, "value", "9999-12-31")
    assert issue.expected == "a date YYYY-MM-DD before the year 9000"


def test_horizon_end_before_start() -> None:
    issue = only_error(put(base(), "settings", 4, "value", "2024-03-01"))
    assert where(issue) == ("settings", 4, "value", "2024-03-01")
    assert "horizon_start" in issue.expected


def test_missing_setting() -> None:
    tables = base()
    tables["settings"] = tables["settings"].drop(index=4)  # horizon_end
    issue = only_error(tables)
    assert where(issue) == ("settings", None, "key", "")
    assert "'horizon_end'" in issue.expected


def test_latest_end_not_after_earliest_start() -> None:
    tables = put(base(), "activities", 2, "earliest_start", "2024-03-05 10:00")
    put(tables, "activities", 2, "latest_end", "2024-03-05 10:00")
    issue = only_error(tables)
    assert where(issue) == ("activities", 2, "latest_end", "2024-03-05 10:00")
    assert "after earliest_start" in issue.expected


def test_duration_that_does_not_fit_the_window() -> None:
    tables = put(base(), "activities", 2, "earliest_start", "2024-03-04 09:00")
    put(tables, "activities", 2, "latest_end", "2024-03-04 10:00")
    issue = only_error(tables)
    assert where(issue) == ("activities", 2, "duration_minutes", "90")
    # how far apart they are: the window (60 min), not only that 90 does not fit it
    assert issue.expected == ("a duration that fits between earliest_start and latest_end "
                              "(they are 60 min apart)")


def test_window_ending_after_the_horizon() -> None:
    issue = only_error(put(base(), "activities", 2, "latest_end", "2024-03-11"))
    assert where(issue) == ("activities", 2, "latest_end", "2024-03-11")
    assert "horizon (2024-03-04 to 2024-03-10 24:00)" in issue.expected


def test_window_starting_before_the_horizon() -> None:
    issue = only_error(put(base(), "activities", 2, "earliest_start", "2024-03-03 09:00"))
    assert where(issue) == ("activities", 2, "earliest_start", "2024-03-03 09:00")
    assert "horizon" in issue.expected


def test_window_on_the_last_day_of_the_horizon_fits() -> None:
    tables = put(base(), "activities", 2, "earliest_start", "2024-03-10")
    put(tables, "activities", 2, "latest_end", "2024-03-10")
    build_problem(tables)


@pytest.mark.parametrize("fixed", ["2024-03-07 10:00", "2024-03-05 10:00", "2024-03-07 00:00"])
def test_fixed_start_outside_the_window(fixed: str) -> None:
    issue = only_error(put(base(), "activities", 3, "fixed_start", fixed))
    assert where(issue) == ("activities", 3, "fixed_start", fixed)
    assert "inside the window" in issue.expected


def test_fixed_start_leaving_no_room_for_the_duration() -> None:
    tables = put(base(), "activities", 3, "latest_end", "2024-03-06 11:00")
    put(tables, "activities", 3, "fixed_start", "2024-03-06 10:00")
    build_problem(tables)  # 10:00 + 60 min ends exactly at latest_end
    put(tables, "activities", 3, "fixed_start", "2024-03-06 11:00")
    issue = only_error(tables)
    assert where(issue) == ("activities", 3, "fixed_start", "2024-03-06 11:00")
    assert "leaving room for the duration" in issue.expected


def test_fixed_start_off_the_slot_grid() -> None:
    issue = only_error(put(base(), "activities", 3, "fixed_start", "2024-03-06 10:30"))
    assert where(issue) == ("activities", 3, "fixed_start", "2024-03-06 10:30")
    assert issue.expected == "a start on the 60-minute grid"


def test_min_above_target() -> None:
    issue = only_error(put(base(), "roles", 3, "min", "3"))
    assert where(issue) == ("roles", 3, "target", "min 3, target 2, max 2")
    assert issue.expected == "min <= target <= max"


def test_target_above_max() -> None:
    issue = only_error(put(base(), "roles", 3, "target", "3"))
    assert where(issue) == ("roles", 3, "target", "min 1, target 3, max 2")


def test_blank_target_and_max_default_to_min() -> None:
    tables = put(base(), "roles", 3, "target", "")
    put(tables, "roles", 3, "max", "")
    role = build_problem(tables).roles[1]
    assert (role.min, role.target, role.max) == (1, 1, 1)


def test_duplicate_role() -> None:
    issue = only_error(add(base(), "roles", activity_id="a1", role="teach", min="1"))
    assert where(issue) == ("roles", 5, "role", "teach")
    assert "once per activity" in issue.expected


# -- settings ----------------------------------------------------------------------------


def test_unknown_weight_term() -> None:
    issue = only_error(add(base(), "settings", key="weight.bogus", value="5"))
    assert where(issue) == ("settings", 7, "key", "weight.bogus")
    assert "weight.<term>" in issue.expected
    assert "fairness" in issue.expected


def test_weight_override() -> None:
    problem = build_problem(add(base(), "settings", key="Weight.Fairness", value="7"))
    assert problem.settings.weights == (("fairness", 7),)
    assert problem.weights()["fairness"] == 7


def test_bad_weight_value() -> None:
    issue = only_error(add(base(), "settings", key="weight.fairness", value="-1"))
    assert where(issue) == ("settings", 7, "value", "-1")
    assert issue.expected.startswith("a whole number from 0")


def test_bad_timezone() -> None:
    issue = only_error(add(base(), "settings", key="timezone", value="Mars/Olympus"))
    assert where(issue) == ("settings", 7, "value", "Mars/Olympus")
    assert "IANA time zone" in issue.expected


def test_timezone_setting() -> None:
    problem = build_problem(add(base(), "settings", key="timezone", value="Europe/London"))
    assert problem.settings.timezone == "Europe/London"


def test_bad_holiday_country() -> None:
    issue = only_error(add(base(), "settings", key="holidays", value="XX"))
    assert where(issue) == ("settings", 7, "value", "XX")
    assert "country code" in issue.expected


@pytest.mark.parametrize("value", ["15", "30", "60"])
def test_slot_minutes(value: str) -> None:
    problem = build_problem(put(base(), "settings", 5, "value", value))
    assert problem.settings.slot_minutes == int(value)


@pytest.mark.parametrize(("row", "value"), [(3, ""), (4, "2024-03-01"), (5, "45")])
def test_errors_of_the_horizon_or_slot_speak_the_workbooks_language(row: int, value: str
                                                                    ) -> None:
    with pytest.raises(DataError) as info:
        build_problem(put(put(base(), "settings", 6, "value", "zh"), "settings", row, "value",
                          value))
    assert info.value.language == "zh"


def test_errors_speak_english_when_the_language_is_not_one() -> None:
    """``fr`` is no reason to answer in the default Chinese."""
    with pytest.raises(DataError) as info:
        build_problem(put(base(), "settings", 6, "value", "fr"))
    assert info.value.language is None


def test_unknown_setting_is_a_warning() -> None:
    problem = build_problem(add(base(), "settings", key="colour", value="blue"))
    assert [where(w) for w in problem.warnings] == [("settings", 7, "key", "colour")]


# -- warnings ----------------------------------------------------------------------------


def warnings_of(tables: dict[str, pd.DataFrame]) -> list[tuple[str, str | None, str]]:
    problem = build_problem(tables)
    assert all(w.severity == "warning" for w in problem.warnings)
    return [(w.table, w.column, w.value) for w in problem.warnings]


def test_warning_volunteer_without_availability() -> None:
    tables = base()
    tables["availability"] = tables["availability"].drop(index=2)
    # and a1, whose role only v1 can fill, can never take place
    assert warnings_of(tables) == [("volunteers", "volunteer_id", "v1"),
                                   ("activities", "activity_id", "a1")]


def test_warning_role_nobody_has() -> None:
    tables = add(base(), "roles", activity_id="a1", role="photo", min="0")
    assert warnings_of(tables) == [("roles", "role", "photo")]


def test_warning_room_never_open() -> None:
    tables = add(base(), "rooms", room_id="attic", name="Attic", capacity="4")
    assert warnings_of(tables) == [("rooms", "room_id", "attic")]


def test_warning_activity_that_can_never_take_place() -> None:
    tables = put(base(), "activities", 3, "fixed_start", "")
    put(tables, "activities", 3, "fixed_room", "")
    put(tables, "activities", 3, "earliest_start", "2024-03-08")  # Friday: all rooms shut
    put(tables, "activities", 3, "latest_end", "2024-03-08")
    assert warnings_of(tables) == [("activities", "activity_id", "a2")]


def test_warning_volunteer_without_skills() -> None:
    tables = put(base(), "volunteers", 3, "skills", "")
    put(tables, "roles", 4, "role", "teach")
    put(tables, "roles", 3, "role", "cook")
    found = build_problem(tables).warnings
    assert ("volunteers", 3, "skills") in [(w.table, w.row, w.column) for w in found]


def test_warning_preference_matching_nothing() -> None:
    tables = put(base(), "preferences", 2, "target", "knitting")
    assert warnings_of(tables) == [("preferences", "target", "knitting")]


def test_warnings_ride_along_on_a_data_error() -> None:
    tables = put(base(), "rooms", 2, "colour", "blue")
    put(tables, "rooms", 3, "capacity", "-5")
    with pytest.raises(DataError) as info:
        build_problem(tables)
    assert [where(i) for i in info.value.issues] == [("rooms", 3, "capacity", "-5")]
    assert [where(w) for w in info.value.warnings] == [("rooms", 1, "colour", "colour")]
    assert "colour" not in str(info.value)


# -- all at once -------------------------------------------------------------------------


def test_every_error_is_reported_at_once() -> None:
    tables = base()
    put(tables, "settings", 5, "value", "45")
    add(tables, "settings", key="weight.bogus", value="1")
    add(tables, "settings", key="timezone", value="Nowhere/City")
    tables["rooms"] = tables["rooms"].rename(columns={"capacity": "capacty"})
    put(tables, "room_hours", 2, "open", "25:00")
    put(tables, "room_hours", 3, "room_id", "gym")
    put(tables, "room_hours", 4, "close", "08:00")
    put(tables, "closures", 3, "end", "tomorrow")
    add(tables, "volunteers", volunteer_id="v1", name="Ann again", skills="host")
    put(tables, "volunteers", 3, "age_band", "old")
    put(tables, "availability", 3, "volunteer_id", "v9")
    put(tables, "preferences", 2, "weight", "99")
    put(tables, "activities", 2, "theme_id", "T9")
    put(tables, "activities", 2, "duration_minutes", "2.5")
    put(tables, "activities", 3, "priority", "urgent")
    put(tables, "activities", 3, "fixed_start", "2024-03-07 10:00")
    put(tables, "roles", 3, "min", "5")
    put(tables, "roles", 4, "activity_id", "a9")

    with pytest.raises(DataError) as info:
        build_problem(tables)
    found = {(i.table, i.row, i.column) for i in info.value.issues}
    expected = {
        ("settings", 5, "value"),
        ("settings", 7, "key"),
        ("settings", 8, "value"),
        ("rooms", 1, "capacty"),  # the misspelt column, reported once for the header
        ("room_hours", 2, "open"),
        ("room_hours", 3, "room_id"),
        ("room_hours", 4, "close"),
        ("closures", 3, "end"),
        ("volunteers", 4, "volunteer_id"),
        ("volunteers", 3, "age_band"),
        ("availability", 3, "volunteer_id"),
        ("preferences", 2, "weight"),
        ("activities", 2, "theme_id"),
        ("activities", 2, "duration_minutes"),
        ("activities", 3, "priority"),
        ("activities", 3, "fixed_start"),
        ("roles", 3, "target"),
        ("roles", 4, "activity_id"),
    }
    assert found == expected
    assert len(info.value.issues) == len(expected)
    message = str(info.value)
    assert message.startswith(f"the workbook has {len(expected)} errors:")
    for text in ("'45'", "'weight.bogus'", "'Nowhere/City'", "'25:00'", "'gym'", "'tomorrow'",
                 "'old'", "'v9'", "'99'", "'T9'", "'2.5'", "'urgent'", "'a9'"):
        assert text in message
    # the misspelt column is the error itself: no warning of an unknown column beside it
    assert info.value.warnings == []


# -- file-level problems -----------------------------------------------------------------


def write_folder(folder: Path, **files: str) -> Path:
    folder.mkdir()
    texts = {**BASE, **files}
    for name, text in texts.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.filterwarnings("ignore:DataFrame columns are not unique")
def test_file_level_problems_are_reported_with_the_cell_errors(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "book",
        rooms="room_id,name,capacity,name\nhall,Hall,40,x\nstudio,Studio,-1,y\n",
        room_hours="room_id,day,open,close\nhall,Mon,09:00,17:00,extra\nhall,Tue,09:00,17:00\n"
                   "studio,Wed,09:00,12:00\n",
        themes="",
        closures="\n\nroom_id,start,end\n",
    )
    (folder / "notes.csv").write_text("this is not a table\n")  # ignored: not in the contract
    with pytest.raises(DataError) as info:
        load_problem(folder)
    found = [where(i) for i in info.value.issues]
    assert ("rooms", 1, "name", "name") in found  # a column named twice
    assert ("rooms", 3, "capacity", "-1") in found
    assert ("room_hours", 2, None, "extra") in found  # more cells than the header
    assert ("themes", 1, None, "") in found  # an empty file
    assert ("closures", 1, None, "") in found  # a file starting with blank rows
    assert ("themes", None, None, "") not in found  # optional: no "missing table" on top


def test_unreadable_file_is_an_issue_not_a_crash(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "book")
    (folder / "themes.csv").write_bytes(bytes(range(128, 256)) * 4)
    tables, issues = read_tables(folder)
    assert "themes" not in tables
    assert [where(i) for i in issues] == [("themes", None, None, "themes.csv")]
    assert "UTF-8, UTF-16 or GB18030" in issues[0].expected


def test_a_header_typed_in_full_width_names_its_column(tmp_path: Path) -> None:
    """``ｒｏｏｍ＿ｉｄ`` (an input method left in full-width mode) looks like room_id."""
    folder = write_folder(tmp_path / "book", rooms=BASE["rooms"].replace(
        "room_id,name,capacity", "ｒｏｏｍ＿ｉｄ,ＮＡＭＥ,capacity"))
    problem = load_problem(folder)
    assert [room.room_id for room in problem.rooms] == ["hall", "studio"]


def test_blank_header_cell(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "book",
                          rooms="room_id,,name,capacity\nhall,x,Hall,40\nstudio,,Studio,10\n")
    _, issues = read_tables(folder)
    assert [where(i) for i in issues] == [("rooms", 1, "#2", "")]
    assert issues[0].expected == "a column name"


def test_cells_beyond_the_header(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "book",
                          rooms="room_id,name,capacity,\nhall,Hall,40,x\nstudio,Studio,10,,\n")
    _, issues = read_tables(folder)
    assert [where(i) for i in issues] == [("rooms", 2, None, "x")]
    assert issues[0].expected == "at most 3 cells, as many as the header has"
