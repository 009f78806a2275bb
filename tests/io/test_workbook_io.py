"""Reading and writing workbooks: CSV folders in the encodings Excel and WPS write,
``.xlsx`` files, round trips, atomic saves and the data fingerprint."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from matching.errors import DataError
from matching.io import fingerprint, load_problem, read_tables, save_workbook, write_tables
from matching.problem import Problem

#: A small valid workbook with Chinese text in names, tags and days.
WORKBOOK = {
    "settings": """key,value
name,前进街道测试
horizon_start,2024-03-04
horizon_end,2024-03-10
slot_minutes,30
""",
    "themes": """theme_id,name,start,end
T1,智慧助老,2024-03-01,2024-03-31
""",
    "rooms": """room_id,name,capacity,equipment,site,turnaround_minutes
hall,多功能厅,40,投影仪;音响,一楼,15
studio,书画室,12,,二楼,
""",
    "room_hours": """room_id,day,open,close
hall,周一,09:00,17:00
hall,Tue,09:00,17:00
studio,3,09:00,12:00
studio,holiday,10:00,12:00
""",
    "closures": """room_id,start,end,reason
studio,2024-03-08,2024-03-08,消防检查
""",
    "volunteers": """volunteer_id,name,team,skills,age_band,max_hours_per_week,phone
v1,王阿姨,银龄志愿队,手机教学；主持,senior,6,13800000000
v2,李同学,大学生,主持、摄影,youth,,
""",
    "availability": """volunteer_id,day,start,end,kind
v1,周一,09:00,12:00,
v1,2024-03-05,13:00,17:00,preferred
v2,Tue,09:00,17:00,available
""",
    "preferences": """volunteer_id,target,weight
v1,T1,5
""",
    "activities": "activity_id,title,theme_id,kind,earliest_start,latest_end,duration_minutes,"
    "expected_attendance,equipment,priority\n"
    """a1,智能手机课,T1,activity,2024-03-04,2024-03-05,90,30,投影仪,must
a2,书法体验,T1,activity,2024-03-06 09:00,2024-03-06 12:00,60,10,,normal
""",
    "roles": """activity_id,role,min,target,max
a1,手机教学,1,1,1
a1,主持,1,1,2
""",
}


def write_csv_folder(folder: Path, tables: dict[str, str], encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_bytes(text.encode(encoding))
    return folder


def assert_same_tables(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert sorted(a) == sorted(b)
    for name in a:
        assert list(a[name].columns) == list(b[name].columns), name
        assert list(a[name].index) == list(b[name].index), name
        assert a[name].astype(str).values.tolist() == b[name].astype(str).values.tolist(), name


RECORD_FIELDS = [f.name for f in dataclasses.fields(Problem)
                 if f.name not in ("input_warnings", "fingerprint")]


def assert_same_problem(a: Problem, b: Problem) -> None:
    for field in RECORD_FIELDS:
        assert getattr(a, field) == getattr(b, field), field


@pytest.fixture
def csv_dir(tmp_path: Path) -> Path:
    return write_csv_folder(tmp_path / "book", WORKBOOK)


# -- reading CSV -------------------------------------------------------------------------


def test_reads_a_csv_folder_as_strings_with_spreadsheet_row_numbers(csv_dir: Path) -> None:
    tables, issues = read_tables(csv_dir)
    assert issues == []
    assert sorted(tables) == sorted(WORKBOOK)
    rooms = tables["rooms"]
    assert list(rooms.columns) == ["room_id", "name", "capacity", "equipment", "site",
                                   "turnaround_minutes"]
    assert list(rooms.index) == [2, 3]
    assert rooms.loc[2].tolist() == ["hall", "多功能厅", "40", "投影仪;音响", "一楼", "15"]
    assert rooms.loc[3, "turnaround_minutes"] == ""


def test_loads_a_csv_folder_into_a_problem(csv_dir: Path) -> None:
    problem = load_problem(csv_dir)
    assert problem.settings.name == "前进街道测试"
    assert problem.settings.slot_minutes == 30
    assert problem.settings.timezone == "Asia/Shanghai"
    assert problem.settings.holidays == "CN"
    assert [r.room_id for r in problem.rooms] == ["hall", "studio"]
    assert problem.room_by_id["hall"].equipment == frozenset({"投影仪", "音响"})
    assert problem.room_by_id["hall"].turnaround_minutes == 15
    assert problem.room_by_id["studio"].turnaround_minutes == 0
    assert problem.volunteer_by_id["v1"].skills == frozenset({"手机教学", "主持"})
    assert problem.volunteer_by_id["v2"].limit("max_hours_per_week") is None
    assert [w.kind for w in problem.availability] == ["available", "preferred", "available"]
    assert problem.activity_by_id["a1"].latest_end == datetime(2024, 3, 6)
    assert problem.closures[0].end == datetime(2024, 3, 9)
    assert len(problem.roles) == 2
    assert len(problem.fingerprint) == 64


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_keep_chinese_text(tmp_path: Path, encoding: str) -> None:
    folder = write_csv_folder(tmp_path / encoding, WORKBOOK, encoding=encoding)
    raw = (folder / "rooms.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    problem = load_problem(folder)
    assert problem.settings.name == "前进街道测试"
    assert problem.room_by_id["hall"].name == "多功能厅"
    assert problem.room_by_id["hall"].site == "一楼"
    assert problem.volunteer_by_id["v1"].team == "银龄志愿队"
    assert problem.volunteer_by_id["v2"].skills == frozenset({"主持", "摄影"})
    assert problem.opening_hours[0].day == 0  # 周一
    assert problem.activity_by_id["a1"].title == "智能手机课"


def test_gb18030_and_utf8_files_mix_in_one_folder(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "mixed", WORKBOOK)
    (folder / "rooms.csv").write_bytes(WORKBOOK["rooms"].encode("gb18030"))
    (folder / "volunteers.csv").write_bytes(WORKBOOK["volunteers"].encode("utf-8-sig"))
    problem = load_problem(folder)
    assert problem.room_by_id["studio"].name == "书画室"
    assert problem.volunteer_by_id["v1"].name == "王阿姨"


def test_headers_and_file_names_are_case_insensitive(tmp_path: Path) -> None:
    tables = dict(WORKBOOK)
    tables["rooms"] = tables["rooms"].replace(
        "room_id,name,capacity,equipment,site,turnaround_minutes",
        "Room_ID, NAME ,Capacity,Equipment,Site,TurnAround_Minutes",
    )
    folder = write_csv_folder(tmp_path / "case", tables)
    (folder / "rooms.csv").rename(folder / "Rooms.csv")
    (folder / "room_hours.csv").rename(folder / "ROOM_HOURS.CSV")  # as Windows may name it
    read, issues = read_tables(folder)
    assert issues == []
    assert list(read["rooms"].columns)[:3] == ["room_id", "name", "capacity"]
    problem = load_problem(folder)
    assert problem.room_by_id["hall"].capacity == 40
    assert problem.room_by_id["hall"].turnaround_minutes == 15
    assert not [w for w in problem.warnings if w.table == "rooms" and w.row == 1]


def test_optional_tables_may_be_absent(tmp_path: Path) -> None:
    required = {k: WORKBOOK[k] for k in ("settings", "rooms", "room_hours", "activities")}
    required["activities"] = required["activities"].replace("T1", "")
    problem = load_problem(write_csv_folder(tmp_path / "min", required))
    assert problem.themes == ()
    assert problem.closures == ()
    assert problem.volunteers == ()
    assert problem.availability == ()
    assert problem.preferences == ()
    assert problem.roles == ()
    assert len(problem.activities) == 2


def test_fully_blank_rows_are_ignored_and_rows_keep_their_spreadsheet_number(
    tmp_path: Path,
) -> None:
    tables = dict(WORKBOOK)
    tables["rooms"] = (
        "room_id,name,capacity,equipment,site,turnaround_minutes\n"
        "hall,多功能厅,40,投影仪;音响,一楼,15\n"
        ",,,,,\n"
        "\n"
        " , ,,,,\n"
        "studio,书画室,12,,二楼,\n"
        ",,,,,\n"
    )
    folder = write_csv_folder(tmp_path / "blank", tables)
    read, issues = read_tables(folder)
    assert issues == []
    assert list(read["rooms"].index) == [2, 6]
    assert [r.room_id for r in load_problem(folder).rooms] == ["hall", "studio"]

    # an error after the blank rows points at the row the user sees
    (folder / "rooms.csv").write_text(tables["rooms"].replace(",12,", ",-1,"), "utf-8")
    with pytest.raises(DataError) as info:
        load_problem(folder)
    assert [(i.table, i.row, i.column, i.value) for i in info.value.issues] == [
        ("rooms", 6, "capacity", "-1")
    ]


def test_windows_line_endings(tmp_path: Path) -> None:
    crlf = {name: text.replace("\n", "\r\n") for name, text in WORKBOOK.items()}
    folder = write_csv_folder(tmp_path / "crlf", crlf, encoding="gb18030")
    assert_same_problem(load_problem(folder),
                        load_problem(write_csv_folder(tmp_path / "lf", WORKBOOK)))


@pytest.mark.parametrize(("what", "encode"), [
    ("old Mac Excel's bare CR", lambda text: text.replace("\n", "\r").encode("utf-8")),
    ("UTF-16 with a BOM", lambda text: text.encode("utf-16")),
    ("UTF-16-LE without a BOM", lambda text: text.encode("utf-16-le")),
    ("UTF-16-BE without a BOM", lambda text: text.encode("utf-16-be")),
    ("UTF-16-LE, CRLF", lambda text: text.replace("\n", "\r\n").encode("utf-16-le")),
])
def test_csv_files_as_other_spreadsheets_save_them(tmp_path: Path, what: str,
                                                  encode: Callable[[str], bytes]) -> None:
    folder = write_csv_folder(tmp_path / "saved", WORKBOOK)
    for name, text in WORKBOOK.items():
        (folder / f"{name}.csv").write_bytes(encode(text))
    assert_same_problem(load_problem(folder),
                        load_problem(write_csv_folder(tmp_path / "lf", WORKBOOK)))


def test_a_cell_too_long_for_csv_is_reported_not_raised(tmp_path: Path) -> None:
    tables = dict(WORKBOOK)
    tables["rooms"] = WORKBOOK["rooms"] + f'long,"{"x" * 200_000}",10,,,\n'
    with pytest.raises(DataError) as info:
        load_problem(write_csv_folder(tmp_path / "long", tables))
    unreadable = [i for i in info.value.issues if i.value == "rooms.csv"]
    assert len(unreadable) == 1 and unreadable[0].table == "rooms"
    assert "well-formed CSV line" in unreadable[0].expected


def test_quoted_cells_with_commas_and_newlines(tmp_path: Path) -> None:
    tables = dict(WORKBOOK)
    tables["rooms"] = (
        "room_id,name,capacity,equipment\n"
        'hall,"Hall, main floor",40,"投影仪,音响"\n'
        'studio,"Studio\nupstairs",12,\n'
    )
    problem = load_problem(write_csv_folder(tmp_path / "quoted", tables))
    assert problem.room_by_id["hall"].name == "Hall, main floor"
    assert problem.room_by_id["hall"].equipment == frozenset({"投影仪", "音响"})
    assert problem.room_by_id["studio"].name == "Studio\nupstairs"


# -- round trips -------------------------------------------------------------------------


def test_csv_round_trip(csv_dir: Path, tmp_path: Path) -> None:
    tables, _ = read_tables(csv_dir)
    out = write_tables(tables, tmp_path / "copy")
    assert out == tmp_path / "copy"
    assert (out / "rooms.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp left over
    again, issues = read_tables(out)
    assert issues == []
    assert_same_tables(tables, again)
    assert_same_problem(load_problem(csv_dir), load_problem(out))
    assert load_problem(csv_dir).fingerprint == load_problem(out).fingerprint


def test_xlsx_round_trip(csv_dir: Path, tmp_path: Path) -> None:
    tables, _ = read_tables(csv_dir)
    path = write_tables(tables, tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(WORKBOOK)
    assert book["rooms"]["C2"].value == 40  # numbers stay numbers for Excel
    assert book["settings"]["B3"].value == "2024-03-04"  # dates stay as typed
    again, issues = read_tables(path)
    assert issues == []
    assert_same_tables(tables, again)
    assert_same_problem(load_problem(csv_dir), load_problem(path))


def test_an_xlsm_file_is_read_as_an_xlsx(csv_dir: Path, tmp_path: Path) -> None:
    tables, _ = read_tables(csv_dir)
    path = write_tables(tables, tmp_path / "book.xlsm")
    assert_same_problem(load_problem(csv_dir), load_problem(path))


@pytest.mark.parametrize("name", ["hemu.xls", "hemu.et", "HEMU.XLS", "hemu.xlsb", "hemu.ods"])
def test_a_spreadsheet_of_another_format_gets_the_advice_to_save_it_as_xlsx(
        tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0 an old Excel or WPS file")
    with pytest.raises(DataError) as info:
        read_tables(tmp_path / name)
    [issue] = info.value.issues
    assert (issue.table, issue.value) == ("workbook", str(tmp_path / name))
    assert issue.expected == (
        "a folder of CSV files or an .xlsx file: save this file as .xlsx (Excel: File › "
        "Save As › Excel Workbook (*.xlsx); WPS: File › Save As › .xlsx) and check the "
        "saved file")
    assert "另存为" in issue.expectation("zh")


def test_xlsx_to_csv_round_trip(csv_dir: Path, tmp_path: Path) -> None:
    tables, _ = read_tables(csv_dir)
    xlsx = write_tables(tables, tmp_path / "book.xlsx")
    from_xlsx, _ = read_tables(xlsx)
    folder = write_tables(from_xlsx, tmp_path / "back")
    again, _ = read_tables(folder)
    assert_same_tables(tables, again)


def test_fingerprint_of_csv_folder_equals_its_xlsx_copy(csv_dir: Path, tmp_path: Path) -> None:
    tables, _ = read_tables(csv_dir)
    xlsx = write_tables(tables, tmp_path / "book.xlsx")
    from_xlsx, _ = read_tables(xlsx)
    assert fingerprint(tables) == fingerprint(from_xlsx)
    assert load_problem(csv_dir).fingerprint == load_problem(xlsx).fingerprint

    changed = {k: v.copy() for k, v in tables.items()}
    changed["rooms"].loc[2, "capacity"] = "41"
    assert fingerprint(changed) != fingerprint(tables)


def test_xlsx_with_native_excel_values_reads_as_typed_text(tmp_path: Path) -> None:
    """Excel turns typed dates, times and numbers into typed cells; they read back as the
    text the user saw."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets: dict[str, list[list[object]]] = {
        "settings": [["key", "value"], ["name", "Excel"],
                     ["horizon_start", datetime(2024, 3, 4)],
                     ["horizon_end", date(2024, 3, 10)], ["slot_minutes", 60.0]],
        "Rooms": [["Room_ID", "Name", "Capacity"], ["hall", "Hall", 40.0]],
        "room_hours": [["room_id", "day", "open", "close"],
                       ["hall", 1, time(9, 0), time(17, 30)],
                       ["hall", datetime(2024, 3, 5), time(10, 0), "24:00"],
                       ["hall", 3, time(9, 0), timedelta(hours=24)],  # Excel's typed 24:00
                       ["hall", 4, time(9, 0), timedelta(hours=17, minutes=30)],
                       ["hall", 5, time(9, 0), 1.0],  # 24:00 in an h:mm cell: one day
                       ["hall", 6, time(9, 0), 1.0]],
        "activities": [["activity_id", "title", "earliest_start", "latest_end",
                        "duration_minutes", "expected_attendance"],
                       ["a1", "Talk", datetime(2024, 3, 4, 9, 30), date(2024, 3, 5), 90, 30]],
    }
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book["settings"]["B3"].number_format = "yyyy/m/d"  # as Excel formats a typed date
    book["room_hours"]["B3"].number_format = "yyyy-mm-dd"
    book["room_hours"]["D4"].number_format = "[h]:mm:ss"
    book["room_hours"]["D6"].number_format = "h:mm"  # not read as 1900-01-01 00:00
    book["room_hours"]["D7"].number_format = '[DBNum1][$-804]h"时"mm"分"'  # Chinese Excel
    path = tmp_path / "excel.xlsx"
    book.save(path)

    tables, issues = read_tables(path)
    assert issues == []
    assert tables["settings"]["value"].tolist() == ["Excel", "2024-03-04", "2024-03-10", "60"]
    assert tables["rooms"].loc[2].tolist() == ["hall", "Hall", "40"]
    assert tables["room_hours"].values.tolist() == [
        ["hall", "1", "09:00", "17:30"], ["hall", "2024-03-05", "10:00", "24:00"],
        ["hall", "3", "09:00", "24:00"], ["hall", "4", "09:00", "17:30"],
        ["hall", "5", "09:00", "24:00"], ["hall", "6", "09:00", "24:00"]]
    assert tables["activities"].loc[2, "earliest_start"] == "2024-03-04 09:30"
    problem = load_problem(path)
    assert problem.activities[0].earliest_start == datetime(2024, 3, 4, 9, 30)
    assert problem.opening_hours[1].day == date(2024, 3, 5)
    assert problem.opening_hours[1].close_minute == 1440
    assert problem.opening_hours[2].close_minute == 1440


def test_writing_xlsx_into_an_existing_file_keeps_its_other_sheets(
    csv_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book["说明"]["A1"] = "keep me"
    old = book.create_sheet("Rooms")
    old.append(["room_id", "name", "capacity"])
    old.append(["old", "Old room", 5])
    book.create_sheet("notes")["B2"] = 42
    book.save(path)

    tables, _ = read_tables(csv_dir)
    write_tables({"rooms": tables["rooms"], "settings": tables["settings"]}, path)

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["说明", "rooms", "notes", "settings"]
    assert book["说明"]["A1"].value == "keep me"
    assert book["notes"]["B2"].value == 42
    again, _ = read_tables(path)
    assert again["rooms"]["room_id"].tolist() == ["hall", "studio"]


def test_formula_like_text_is_written_to_xlsx_as_text(csv_dir: Path, tmp_path: Path) -> None:
    tables, _ = read_tables(csv_dir)
    link = '=HYPERLINK("http://x","y")'
    tables["rooms"].loc[2, "site"] = link
    tables["volunteers"].loc[2, "notes"] = "=1+1"
    path = write_tables(tables, tmp_path / "book.xlsx")

    sheet = openpyxl.load_workbook(path)["rooms"]
    cell = sheet.cell(row=2, column=list(tables["rooms"].columns).index("site") + 1)
    assert cell.value == link
    assert cell.data_type == "s"
    again, _ = read_tables(path)
    assert again["rooms"].loc[2, "site"] == link
    assert load_problem(path).room_by_id["hall"].site == link
    assert load_problem(path).volunteer_by_id["v1"].notes == "=1+1"


# -- saving ------------------------------------------------------------------------------


def broken(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    bad = {k: v.copy() for k, v in tables.items()}
    bad["rooms"].loc[2, "capacity"] = "-3"
    bad["room_hours"].loc[2, "open"] = "25:00"
    return bad


def test_save_workbook_writes_valid_tables(csv_dir: Path, tmp_path: Path) -> None:
    tables, _ = read_tables(csv_dir)
    path = save_workbook(tables, tmp_path / "saved.xlsx")
    assert_same_problem(load_problem(csv_dir), load_problem(path))


def test_save_workbook_with_invalid_tables_leaves_the_xlsx_untouched(
    csv_dir: Path, tmp_path: Path
) -> None:
    tables, _ = read_tables(csv_dir)
    path = write_tables(tables, tmp_path / "book.xlsx")
    before = path.read_bytes()
    with pytest.raises(DataError) as info:
        save_workbook(broken(tables), path)
    assert {(i.table, i.column) for i in info.value.issues} == {
        ("rooms", "capacity"), ("room_hours", "open")}
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "book.xlsx"]


def test_save_workbook_with_invalid_tables_leaves_the_csv_folder_untouched(
    csv_dir: Path,
) -> None:
    before = {p.name: p.read_bytes() for p in csv_dir.iterdir()}
    tables, _ = read_tables(csv_dir)
    with pytest.raises(DataError):
        save_workbook(broken(tables), csv_dir)
    assert {p.name: p.read_bytes() for p in csv_dir.iterdir()} == before


def test_a_failed_xlsx_write_leaves_the_existing_file(csv_dir: Path, tmp_path: Path) -> None:
    tables, _ = read_tables(csv_dir)
    path = write_tables(tables, tmp_path / "book.xlsx")
    before = path.read_bytes()
    bad = {"rooms": tables["rooms"], "bad/name": tables["rooms"]}  # "/" is illegal in a title
    with pytest.raises(ValueError):
        write_tables(bad, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "book.xlsx"]


def test_atomic_save_leaves_shared_files_readable(tmp_path: Path) -> None:
    """A report or workbook written for others is not left private to its writer."""
    from matching.io import atomic_save

    target = tmp_path / "shared.txt"
    old = os.umask(0o022)
    try:
        atomic_save(target, lambda tmp: Path(tmp).write_text("plan", encoding="utf-8"))
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o640)
    atomic_save(target, lambda tmp: Path(tmp).write_text("plan 2", encoding="utf-8"))
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("name", ["out", "out.xlsx"])
def test_missing_values_are_written_as_empty_cells(tmp_path: Path, name: str) -> None:
    frame = pd.DataFrame({"key": ["a", "b"], "weight": pd.array([1, None], dtype="Int64"),
                          "note": [None, float("nan")]})
    write_tables({"settings": frame}, tmp_path / name)
    tables, _ = read_tables(tmp_path / name)
    assert tables["settings"].to_dict("list") == {"key": ["a", "b"], "weight": ["1", ""],
                                                  "note": ["", ""]}


@pytest.mark.parametrize("text", ["status\n缺席\n", "name\ncafé\n", "name\nZoë Łukasz\n",
                                  "title\n智能手机课 #3\n"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_short_text_reads_back_in_either_encoding(text: str, encoding: str) -> None:
    """缺席 in GB18030 is also valid UTF-8 (ȱϯ); accented Latin in UTF-8 is also valid
    GB18030 (café as caf茅): each must come back as written."""
    from matching.io.files import decode_csv

    assert decode_csv(text.encode(encoding)) == text
