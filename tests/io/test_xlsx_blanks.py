"""An ``.xlsx`` never loses a value silently: formulas without a saved result, Excel
errors and merged ranges are errors naming the cell, hidden sheets and oddly spelt sheet
names are warnings, and a formula's saved result is what is read.

Each test writes ``data/tiny`` as a real workbook with openpyxl, edits it the way a user
or a script would, and loads it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from conftest import DATA
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from reader_mutations import rewrite_member, save_result

from matching.cli import main
from matching.errors import DataError, Issue
from matching.io import load_problem, read_tables, write_tables
from matching.problem import Problem

Edit = Callable[[openpyxl.Workbook], None]


def tiny_xlsx(folder: Path, edit: Edit | None = None) -> Path:
    """``data/tiny`` as ``folder/tiny.xlsx``, edited by ``edit`` and saved by openpyxl
    (which, like any program, saves no results for the formulas it writes)."""
    tables, _ = read_tables(DATA / "tiny")
    path = write_tables(tables, folder / "tiny.xlsx")
    if edit is not None:
        book = openpyxl.load_workbook(path)
        edit(book)
        book.save(path)
    return path


def errors_of(path: Path) -> list[Issue]:
    with pytest.raises(DataError) as info:
        load_problem(path)
    return info.value.issues


def warnings_of(problem: Problem) -> list[str]:
    return [str(w) for w in problem.warnings]


# -- formulas --------------------------------------------------------------------------


def set_formula(sheet: str, cell: str, formula: str) -> Edit:
    def edit(book: openpyxl.Workbook) -> None:
        book[sheet][cell] = formula
    return edit


def test_a_formula_without_a_saved_result_is_an_error_naming_its_cell(tmp_path: Path) -> None:
    """Bo's weekly limit (F3, 3 hours) computed by a script's formula would read as "no
    limit"."""
    path = tiny_xlsx(tmp_path, set_formula("volunteers", "F3", "=1+2"))
    [issue] = errors_of(path)
    assert (issue.table, issue.row, issue.column, issue.value) == (
        "volunteers", 3, "max_hours_per_week", "=1+2")
    assert "cell F3 holds a formula with no saved result" in issue.expected


def test_check_exits_1_naming_sheet_row_and_cell_of_an_unsaved_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tiny_xlsx(tmp_path, set_formula("rooms", "C2", "=20*2"))
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("the workbook has 1 error:\n")
    assert "error: rooms, row 2, column 'capacity': got '=20*2'; a value: cell C2 holds a " \
           "formula with no saved result" in err
    assert "Traceback" not in err


def test_a_formula_in_an_otherwise_blank_row_is_reported_not_dropped(tmp_path: Path) -> None:
    path = tiny_xlsx(tmp_path, set_formula("rooms", "A9", '="extra"'))
    [issue] = errors_of(path)
    assert (issue.table, issue.row, issue.column) == ("rooms", 9, "room_id")


def test_a_formula_right_of_the_table_is_not_read_and_not_reported(tmp_path: Path) -> None:
    path = tiny_xlsx(tmp_path, set_formula("rooms", "H1", "=COUNTA(A:A)"))
    assert load_problem(path).warnings == ()


def test_a_formula_with_a_saved_result_reads_as_that_result(tmp_path: Path) -> None:
    path = tiny_xlsx(tmp_path, set_formula("volunteers", "F3", "=1+3"))
    save_result(path, "volunteers", "F3", "4")
    assert load_problem(path).volunteer_by_id["v2"].limit("max_hours_per_week") == 4


def test_a_formula_result_reads_as_excel_shows_it_not_with_its_binary_tail(
        tmp_path: Path) -> None:
    """Excel shows numbers to 15 significant digits: a formula's 60.00000000000001 is
    the 60 on the screen, not "not a whole number"."""
    edits = [set_formula("activities", "H2", "=(0.1+0.2)*200"),
             set_formula("volunteers", "F3", "=0.1+0.2")]
    path = tiny_xlsx(tmp_path, lambda book: [edit(book) for edit in edits])
    save_result(path, "activities", "H2", repr((0.1 + 0.2) * 200))
    save_result(path, "volunteers", "F3", repr(0.1 + 0.2))
    problem = load_problem(path)
    assert problem.activity_by_id["a1"].duration_minutes == 60
    assert problem.volunteer_by_id["v2"].limit("max_hours_per_week") == 0.3


@pytest.mark.parametrize(("number_format", "weekday"), [
    ("ddd", 3), ("dddd", 3), ("aaaa", 3), ("[$-804]aaa", 3), ("yyyy-mm-dd ddd", None)])
def test_a_date_shown_as_its_weekday_alone_is_read_as_that_weekday(
        tmp_path: Path, number_format: str, weekday: int | None) -> None:
    """A day cell holding 2024-03-07 formatted to show 周四 (aaaa) or Thu (ddd) was read as
    that one Thursday, not every Thursday the cell shows; aaaa was even "a number"."""
    def show_weekday(book: openpyxl.Workbook) -> None:
        book["availability"]["B2"] = datetime(2024, 3, 7)
        book["availability"]["B2"].number_format = number_format
    problem = load_problem(tiny_xlsx(tmp_path, show_weekday))
    assert problem.availability[0].day == (date(2024, 3, 7) if weekday is None else weekday)


@pytest.mark.parametrize(("moment", "number_format", "warned"), [
    (datetime(2024, 3, 5, 9), "yyyy-mm-dd", True),
    (datetime(2024, 3, 5, 9), "yyyy\"年\"m\"月\"d\"日\"", True),
    (datetime(2024, 3, 5, 9), "yyyy-mm-dd hh:mm", False),
    (datetime(2024, 3, 5), "yyyy-mm-dd", False),
])
def test_a_time_its_cell_s_format_hides_is_read_with_a_warning(
        tmp_path: Path, moment: datetime, number_format: str, warned: bool) -> None:
    """A latest_end that shows 2024-03-05 but holds 09:00 ended the window at 09:00,
    not with the day the screen shows, without a word."""
    def hide_time(book: openpyxl.Workbook) -> None:
        book["activities"]["G2"] = moment
        book["activities"]["G2"].number_format = number_format
    problem = load_problem(tiny_xlsx(tmp_path, hide_time))
    assert problem.activity_by_id["a1"].latest_end == moment + (
        timedelta() if moment.hour else timedelta(days=1))
    assert [(w.row, w.column, w.value, w.expected) for w in problem.warnings
            if w.table == "activities"] == ([(
                2, "latest_end", "2024-03-05 09:00",
                "a cell that shows what it holds: it shows 2024-03-05 but holds 2024-03-05 "
                "09:00 (its format hides the time), read as 09:00; format the cell to show "
                "the time, or type the date alone")] if warned else [])


@pytest.mark.parametrize(("number", "number_format", "read"), [
    (13800138000, "aaaa", "13800138000"),  # a phone formatted as a weekday: no date
    (110101199001011234.0, "General", "110101199001011000"),  # 15 digits, as Excel shows
    (1e-07, "General", "0.0000001"),
])
def test_a_number_reads_as_excel_shows_it(tmp_path: Path, number: float, number_format: str,
                                          read: str) -> None:
    """A phone number in a cell formatted aaaa crashed the reader (no date that far)."""
    def put_number(book: openpyxl.Workbook) -> None:
        book["volunteers"]["H2"] = number
        book["volunteers"]["H2"].number_format = number_format
    assert load_problem(tiny_xlsx(tmp_path, put_number)).volunteer_by_id["v1"].phone == read


def test_a_weekday_is_read_by_the_workbook_s_date_system(tmp_path: Path) -> None:
    """Serial 45359 is a Friday in Excel's 1900 system and a Thursday in the 1904 one
    (Excel for Mac)."""
    def mac_weekday(book: openpyxl.Workbook) -> None:
        book.epoch = CALENDAR_MAC_1904
        book["availability"]["B2"] = 45359
        book["availability"]["B2"].number_format = "aaaa"
    assert load_problem(tiny_xlsx(tmp_path, mac_weekday)).availability[0].day == 3


def test_a_formula_whose_saved_result_is_empty_text_reads_as_blank(tmp_path: Path) -> None:
    path = tiny_xlsx(tmp_path, set_formula("volunteers", "I3", '=""'))
    save_result(path, "volunteers", "I3", "", kind="str")
    problem = load_problem(path)
    assert problem.volunteer_by_id["v2"].notes == ""
    assert problem.warnings == ()


def test_an_excel_error_value_is_an_error_not_a_name(tmp_path: Path) -> None:
    path = tiny_xlsx(tmp_path, set_formula("rooms", "B3", "=A1"))
    save_result(path, "rooms", "B3", "#REF!", kind="e")
    [issue] = errors_of(path)
    assert (issue.table, issue.row, issue.column, issue.value) == (
        "rooms", 3, "name", "#REF!")
    assert "not an Excel error (cell B3" in issue.expected


def test_text_that_looks_like_an_excel_error_round_trips_as_text(tmp_path: Path) -> None:
    tables, _ = read_tables(DATA / "tiny")
    tables["volunteers"].loc[2, "notes"] = "#N/A"
    path = write_tables(tables, tmp_path / "book.xlsx")
    assert load_problem(path).volunteer_by_id["v1"].notes == "#N/A"


# -- merged ranges ---------------------------------------------------------------------


def merge(sheet: str, cells: str) -> Edit:
    def edit(book: openpyxl.Workbook) -> None:
        book[sheet].merge_cells(cells)
    return edit


def test_a_merged_range_over_ids_is_an_error_naming_the_range(tmp_path: Path) -> None:
    """Rows 2 to 4 of room_hours all say ``hall``; merged, only A2 keeps it."""
    path = tiny_xlsx(tmp_path, merge("room_hours", "A2:A4"))
    issues = errors_of(path)
    assert issues[0].table == "room_hours"
    assert (issues[0].row, issues[0].column, issues[0].value) == (2, "room_id", "hall")
    assert "A2:A4 merged" in issues[0].expected
    assert "unmerge and fill each cell" in issues[0].expected
    assert {(i.row, i.column) for i in issues[1:]} == {(3, "room_id"), (4, "room_id")}


def test_check_names_a_merged_range_across_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tiny_xlsx(tmp_path, merge("volunteers", "F3:G3"))  # Bo's 3 hours over F3:G3
    assert main(["check", str(path)]) == 1
    _, err = capsys.readouterr()
    assert "error: volunteers, row 3, column 'max_hours_per_week': got '3'; one value per " \
           "cell: F3:G3 merged" in err


def test_a_merged_header_cell_is_one_error_naming_it_not_one_a_row(tmp_path: Path) -> None:
    """D1:E1 over target and max of roles: max's name is lost, and every row was blamed
    for "at most 4 cells, as many as the header has", the merge named nowhere."""
    issues = errors_of(tiny_xlsx(tmp_path, merge("roles", "D1:E1")))
    assert [(i.table, i.row, i.column, i.value) for i in issues] == [
        ("roles", 1, "target", "target")]
    assert "D1:E1 merged" in issues[0].expected


@pytest.mark.parametrize("margin", [1, 2])
def test_a_table_right_of_empty_columns_is_one_error_saying_where_it_starts(
        tmp_path: Path, margin: int) -> None:
    """A margin column left of the table was one error, "column #1: a column name",
    which did not say that the table starts in column B."""
    path = tiny_xlsx(tmp_path, lambda book: book["activities"].insert_cols(1, margin))
    issues = errors_of(path)
    column = "BC"[margin - 1]
    assert [(i.table, i.row, i.column, i.expected) for i in issues] == [
        ("activities", 1, None, f"a table that starts in column A: it starts in column "
                                f"{column}; delete the empty column(s) left of it")]
    assert issues[0].wording is not None
    assert issues[0].wording.render("zh") == (
        f"从 A 列开始的表格：这张表从 {column} 列开始，请删除它左边的空列")


def test_a_first_column_with_values_but_no_name_is_still_an_unnamed_column(
        tmp_path: Path) -> None:
    def numbered(book: openpyxl.Workbook) -> None:
        book["activities"].insert_cols(1)
        book["activities"]["A2"] = 1
    issues = errors_of(tiny_xlsx(tmp_path, numbered))
    assert [(i.table, i.row, i.column, i.expected) for i in issues] == [
        ("activities", 1, "#1", "a column name")]


def test_a_row_wider_than_a_merged_header_keeps_its_error(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["roles"].merge_cells("D1:E1")
        book["roles"]["G4"] = "stray"

    issues = errors_of(tiny_xlsx(tmp_path, edit))
    assert sorted((i.row, i.value) for i in issues) == [(1, "target"), (4, "1")]


def test_blank_merged_ranges_read_as_excel_shows_them(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["volunteers"]["I3"] = None  # Ann has no notes; I2:I3 shows blank for Bo too
        book["volunteers"].merge_cells("I2:I3")
        book["rooms"].merge_cells("H2:J3")  # right of the table

    problem = load_problem(tiny_xlsx(tmp_path, edit))
    assert problem.volunteer_by_id["v2"].notes == ""
    assert problem.warnings == ()


# -- sheets ----------------------------------------------------------------------------


def test_a_hidden_table_sheet_is_read_with_a_warning(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["availability"].sheet_state = "hidden"
        book["roles"].sheet_state = "veryHidden"

    problem = load_problem(tiny_xlsx(tmp_path, edit))
    assert len(problem.availability) == 13
    assert [(w.table, w.value) for w in problem.warnings] == [
        ("availability", "availability"), ("roles", "roles")]
    assert "hidden, and its rows are read all the same" in problem.warnings[0].expected


def test_a_hidden_sheet_that_is_no_table_is_ignored(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book.create_sheet("lookup").sheet_state = "hidden"

    assert load_problem(tiny_xlsx(tmp_path, edit)).warnings == ()


def rename(**titles: str) -> Edit:
    def edit(book: openpyxl.Workbook) -> None:
        for old, new in titles.items():
            book[old].title = "renaming"  # openpyxl would make "rooms" -> "Rooms" "Rooms1"
            book["renaming"].title = new
    return edit


def test_sheet_names_differing_in_case_or_surrounding_spaces_match_silently(
    tmp_path: Path
) -> None:
    path = tiny_xlsx(tmp_path, rename(rooms="Rooms", roles=" ROLES "))
    problem = load_problem(path)
    assert len(problem.rooms) == 2 and len(problem.roles) == 5
    assert problem.warnings == ()


def test_full_width_and_spaced_sheet_names_match_with_a_warning(tmp_path: Path) -> None:
    path = tiny_xlsx(tmp_path, rename(rooms="ＲＯＯＭＳ", room_hours="Room Hours",
                                      availability="availability\u3000"))
    problem = load_problem(path)
    assert len(problem.rooms) == 2 and len(problem.opening_hours) == 11
    assert sorted(warnings_of(problem)) == [
        "warning: room_hours: got 'Room Hours'; a sheet named 'room_hours' (this one is "
        "read as that table)",
        "warning: rooms: got 'ＲＯＯＭＳ'; a sheet named 'rooms' (this one is read as that "
        "table)",
    ]


def test_two_sheets_for_one_table_are_an_error(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        copy = book.copy_worksheet(book["rooms"])
        copy.title = "ｒｏｏｍｓ"

    [issue] = errors_of(tiny_xlsx(tmp_path, edit))
    assert (issue.table, issue.value) == ("rooms", "rooms, ｒｏｏｍｓ")
    assert issue.expected.startswith("one sheet for this table")


def test_csv_file_names_match_like_sheet_names(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(DATA / "tiny", folder)
    (folder / "rooms.csv").rename(folder / "ＲＯＯＭＳ.csv")
    (folder / "room_hours.csv").rename(folder / "Room_Hours.CSV")
    problem = load_problem(folder)
    assert len(problem.rooms) == 2 and len(problem.opening_hours) == 11
    assert [(w.table, w.value) for w in problem.warnings] == [("rooms", "ＲＯＯＭＳ.csv")]


def test_rows_beyond_a_wrong_dimension_are_still_read(tmp_path: Path) -> None:
    """Some writers store a used range of ``A1``; read-only openpyxl trusts it."""
    path = tiny_xlsx(tmp_path)
    book = openpyxl.load_workbook(path, read_only=True)
    member = f"xl/worksheets/sheet{book.sheetnames.index('room_hours') + 1}.xml"
    book.close()
    rewrite_member(path, member, lambda xml: re.sub(r'<dimension ref="[^"]*"\s*/>',
                                                    '<dimension ref="A1"/>', xml))
    assert openpyxl.load_workbook(path, read_only=True)["room_hours"].max_row == 1
    assert len(load_problem(path).opening_hours) == 11
