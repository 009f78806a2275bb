"""Rows nobody plans are never dropped without a word: a copied sheet or file next to the
table's own is a warning, a table whose sheet or file is misnamed is reported with the
name it has, and hidden (filtered) rows of an ``.xlsx`` are a warning.

Each test writes ``data/tiny`` as a CSV folder or, with openpyxl, as an ``.xlsx``, edits
it the way a user would, and loads it.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import DATA
from openpyxl.chart import BarChart, Reference

from matching.cli import main
from matching.errors import DataError, Issue
from matching.io import load_problem, read_tables, write_tables

Edit = Callable[[openpyxl.Workbook], None]


def tiny_xlsx(folder: Path, edit: Edit) -> Path:
    """``data/tiny`` as ``folder/tiny.xlsx``, edited by ``edit``."""
    tables, _ = read_tables(DATA / "tiny")
    path = write_tables(tables, folder / "tiny.xlsx")
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def tiny_folder(folder: Path) -> Path:
    return Path(shutil.copytree(DATA / "tiny", folder / "tiny"))


def issues_of(path: Path) -> list[Issue]:
    """Every issue of the workbook at ``path``, errors and warnings."""
    try:
        return list(load_problem(path).warnings)
    except DataError as error:
        return error.issues + error.warnings


def copy_sheet(table: str, title: str) -> Edit:
    def edit(book: openpyxl.Workbook) -> None:
        book.copy_worksheet(book[table]).title = title
    return edit


def rename_sheet(old: str, new: str) -> Edit:
    def edit(book: openpyxl.Workbook) -> None:
        book[old].title = new
    return edit


# -- copies ----------------------------------------------------------------------------


def test_a_copied_sheet_is_a_warning_naming_it(tmp_path: Path) -> None:
    problem = load_problem(tiny_xlsx(tmp_path, copy_sheet("activities", "activities (2)")))
    assert len(problem.activities) == 5
    [warning] = problem.warnings
    assert (warning.table, warning.value, warning.severity) == (
        "activities", "activities (2)", "warning")
    assert warning.expected == (
        "one sheet for this table: only 'activities' is read, and the rows of this one "
        "are not planned (merge them into 'activities', or rename this sheet)")
    assert "“activities”" in warning.expectation("zh")


@pytest.mark.parametrize("name", ["activities (1).csv", "Copy of activities.csv",
                                  "activities_old.csv", "ACTIVITIES - old.csv"])
def test_a_copied_csv_file_is_a_warning_naming_it(tmp_path: Path, name: str) -> None:
    folder = tiny_folder(tmp_path)
    shutil.copy(folder / "activities.csv", folder / name)
    [warning] = load_problem(folder).warnings
    assert (warning.table, warning.value) == ("activities", name)
    assert warning.expected.startswith("one file for this table: only 'activities.csv' is "
                                       "read, and the rows of this one are not planned")


def test_check_lists_the_copied_sheet_among_its_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tiny_xlsx(tmp_path, copy_sheet("rooms", "Rooms (2)"))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "warnings   1" in out
    assert "warning: rooms: got 'Rooms (2)'; one sheet for this table" in out


def test_sheets_and_files_unlike_any_table_stay_silent(tmp_path: Path) -> None:
    """A notes sheet, and names holding a table's name inside a word (a list of
    classrooms is no copy of ``rooms``)."""
    def edit(book: openpyxl.Workbook) -> None:
        for title in ("README", "Notes", "classrooms", "lookup"):
            book.create_sheet(title)

    assert load_problem(tiny_xlsx(tmp_path, edit)).warnings == ()
    folder = tiny_folder(tmp_path)
    for name in ("notes.csv", "storerooms.csv", "~$rooms.csv", "README.md"):
        (folder / name).write_text("x\n", encoding="utf-8")
    assert load_problem(folder).warnings == ()


# -- misnamed tables -------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Room", "room list", "Rooms (2)"])
def test_a_missing_table_names_the_close_sheet_to_rename(tmp_path: Path, title: str) -> None:
    issues = issues_of(tiny_xlsx(tmp_path, rename_sheet("rooms", title)))
    hints = [i for i in issues if i.value == title]
    assert [(i.table, i.severity) for i in hints] == [("rooms", "error")]
    assert hints[0].expected == (
        "a sheet named 'rooms': there is none, and this one, whose name is close, is not "
        "read (rename it to 'rooms' if it holds the table)")
    assert "“rooms”" in hints[0].expectation("zh")


@pytest.mark.parametrize("name", ["Room.csv", "rooms.txt", "rooms.csv.bak"])
def test_a_missing_table_names_the_close_file_to_rename(tmp_path: Path, name: str) -> None:
    folder = tiny_folder(tmp_path)
    (folder / "rooms.csv").rename(folder / name)
    hints = [i for i in issues_of(folder) if i.value == name]
    assert [(i.table, i.severity) for i in hints] == [("rooms", "error")]
    assert hints[0].expected.startswith("a file named 'rooms.csv': there is none, and this "
                                        "one, whose name is close, is not read (rename it "
                                        "to 'rooms.csv'")


def test_a_singular_name_of_a_table_is_close(tmp_path: Path) -> None:
    folder = tiny_folder(tmp_path)
    (folder / "activities.csv").rename(folder / "Activity.csv")
    hints = [i for i in issues_of(folder) if i.value == "Activity.csv"]
    assert [(i.table, i.severity) for i in hints] == [("activities", "error")]


def test_a_close_name_of_an_optional_table_is_a_warning(tmp_path: Path) -> None:
    """The workbook loads without ``themes``, as it did: the misnamed sheet is named."""
    problem = load_problem(tiny_xlsx(tmp_path, rename_sheet("themes", "Theme")))
    assert [(w.table, w.value, w.severity) for w in problem.warnings] == [
        ("themes", "Theme", "warning")]


def test_check_names_the_misnamed_sheet_with_the_missing_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tiny_xlsx(tmp_path, rename_sheet("rooms", "Room"))
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "error: rooms: got 'Room'; a sheet named 'rooms': there is none, and this one, " \
           "whose name is close, is not read (rename it to 'rooms' if it holds the table)" in err
    assert "error: rooms: a table (CSV file or sheet) named 'rooms'" in err


def test_a_missing_table_with_no_close_name_lists_the_unread_sheets(tmp_path: Path) -> None:
    """One error for the table, not also validation's bare "a table named 'rooms'"."""
    issues = issues_of(tiny_xlsx(tmp_path, rename_sheet("rooms", "Sheet1")))
    [missing] = [i for i in issues if i.table == "rooms"]
    assert (missing.row, missing.value, missing.severity) == (None, "", "error")
    assert missing.expected == (
        "a sheet named 'rooms': there is none (sheets not read: Sheet1; tables are read "
        "from sheets named settings, themes, rooms, room_hours, closures, volunteers, "
        "availability, preferences, activities, roles: rename the one that holds this "
        "table to 'rooms')")
    assert "没有读取的工作表：Sheet1" in missing.expectation("zh")


def test_a_missing_table_with_nothing_unread_keeps_the_bare_error(tmp_path: Path) -> None:
    def delete(book: openpyxl.Workbook) -> None:
        del book["rooms"]

    [missing] = [i for i in issues_of(tiny_xlsx(tmp_path, delete)) if i.table == "rooms"]
    assert missing.expected == "a table (CSV file or sheet) named 'rooms'"


def test_sheets_renamed_to_chinese_give_one_error_each_not_one_per_row(tmp_path: Path) -> None:
    """The user's 活动安排 and 人员名单: the missing table names them, and the rows referring
    to the absent tables give one error per column instead of one per row."""
    def edit(book: openpyxl.Workbook) -> None:
        book["activities"].title = "活动安排"
        book["volunteers"].title = "人员名单"

    errors = [i for i in issues_of(tiny_xlsx(tmp_path, edit)) if i.severity == "error"]
    assert [(i.table, i.row, i.column) for i in errors] == [
        ("activities", None, None), ("availability", None, "volunteer_id"),
        ("roles", None, "activity_id")]
    assert "(sheets not read: 人员名单, 活动安排; tables are read from sheets named settings" in (
        errors[0].expected)
    assert errors[1].expected == (
        "availability refers to volunteers, but the workbook has no volunteers table that "
        "could be read (a sheet or CSV file named 'volunteers')")
    assert errors[2].expectation("zh") == (
        "岗位需求表引用了活动表，但工作簿中没有可读取的活动表（名为 “activities” 的工作表或 CSV "
        "文件）")


def test_a_missing_csv_file_lists_the_unread_files(tmp_path: Path) -> None:
    folder = tiny_folder(tmp_path)
    (folder / "activities.csv").rename(folder / "活动安排.csv")
    errors = [i for i in issues_of(folder) if i.severity == "error"]
    assert [(i.table, i.column) for i in errors] == [("activities", None),
                                                     ("roles", "activity_id")]
    assert errors[0].expected.startswith(
        "a file named 'activities.csv': there is none (files not read: 活动安排.csv; tables "
        "are read from files named settings.csv, themes.csv, rooms.csv,")


def test_sheets_named_by_the_toolkits_chinese_words_are_read(tmp_path: Path) -> None:
    """岗位需求 is the toolkit's own word for roles (its summary says "岗位需求 305 项"):
    a sheet so named was left unread without a word, and the year planned with nobody;
    闭馆/停用 cannot be a sheet name, 闭馆停用 is read for it."""
    def edit(book: openpyxl.Workbook) -> None:
        book["roles"].title = "岗位需求"
        book["volunteers"].title = "志愿者"
        book.create_sheet("闭馆停用").append(["room_id", "start", "end", "reason"])
        book["闭馆停用"].append(["studio", "2024-03-04", "2024-03-04", "repairs"])

    problem = load_problem(tiny_xlsx(tmp_path, edit))
    assert len(problem.roles) == 5 and len(problem.volunteers) == 4
    assert len(problem.closures) == 1  # a4, fixed in the studio that Monday, says so too
    assert sorted((w.table, w.value) for w in problem.warnings if w.row is None) == [
        ("closures", "闭馆停用"), ("roles", "岗位需求"), ("volunteers", "志愿者")]


def test_an_optional_table_under_a_name_of_ones_own_is_pointed_out(tmp_path: Path) -> None:
    """Closed days, with the columns of closures: read by nobody, and the plan used the
    closed room; now a warning names it (a sheet of notes, of other columns, is fine)."""
    def edit(book: openpyxl.Workbook) -> None:
        closed = book.create_sheet("Closed days")
        closed.append(["room_id", "start", "end", "reason"])
        closed.append(["studio", "2024-03-04", "2024-03-04", "repairs"])
        notes = book.create_sheet("Notes")
        notes.append(["what", "who"])
        notes.append(["call the caretaker", "Ann"])

    problem = load_problem(tiny_xlsx(tmp_path, edit))
    assert [(w.table, w.value, w.severity) for w in problem.warnings] == [
        ("closures", "Closed days", "warning")]
    folder = tiny_folder(tmp_path / "csv")
    (folder / "闭馆.csv").write_text("room_id,start,end,reason\nstudio,2024-03-04,2024-03-04,"
                                   "repairs\n", encoding="utf-8")
    assert [(w.table, w.value) for w in load_problem(folder).warnings] == [
        ("closures", "闭馆.csv")]


def test_rows_referring_to_a_table_that_could_not_be_read_give_one_error(
        tmp_path: Path) -> None:
    folder = tiny_folder(tmp_path)
    (folder / "volunteers.csv").write_bytes(b"\xff\xfe\xff\x00\xff")
    errors = [i for i in issues_of(folder) if i.severity == "error"]
    assert [(i.table, i.row, i.column, i.value) for i in errors] == [
        ("volunteers", None, None, "volunteers.csv"),
        ("availability", None, "volunteer_id", "")]


# -- hidden rows -----------------------------------------------------------------------


def hide_rows(table: str, *rows: int) -> Edit:
    def edit(book: openpyxl.Workbook) -> None:
        for row in rows:
            book[table].row_dimensions[row].hidden = True
    return edit


def test_hidden_rows_are_a_warning_naming_them(tmp_path: Path) -> None:
    problem = load_problem(tiny_xlsx(tmp_path, hide_rows("activities", 3, 5)))
    assert len(problem.activities) == 5
    [warning] = problem.warnings
    assert (warning.table, warning.row, warning.value) == ("activities", None, "activities")
    assert warning.expected == (
        "visible rows: rows 3, 5 are hidden (filtered out or collapsed), and they are read "
        "and planned all the same (clear the filter or unhide them to see them)")
    assert "3、5" in warning.expectation("zh")


def test_many_hidden_rows_are_listed_shortly(tmp_path: Path) -> None:
    problem = load_problem(tiny_xlsx(tmp_path, hide_rows("availability", *range(2, 15))))
    [warning] = problem.warnings
    assert "rows 2, 3, 4, 5, 6 and 8 more are hidden" in warning.expected


def hide_columns(table: str, *letters: str) -> Edit:
    def edit(book: openpyxl.Workbook) -> None:
        for letter in letters:
            book[table].column_dimensions[letter].hidden = True
    return edit


def test_hidden_columns_that_hold_values_are_a_warning_naming_them(tmp_path: Path) -> None:
    """A fixed room typed in a hidden column planned the activity there, and only a
    downstream warning ("Studio lacks projector") hinted at it. Columns C (theme_id) and
    O (fixed_room) hold values; K (cohort) is empty."""
    book = tiny_xlsx(tmp_path, hide_columns("activities", "C", "K", "O"))
    [warning] = load_problem(book).warnings
    assert (warning.table, warning.row, warning.value) == ("activities", None, "activities")
    assert warning.expected == (
        "visible columns: the columns theme_id, fixed_room are hidden, and what they hold "
        "is read and planned all the same (unhide them to see it)")


def test_a_hidden_column_named_as_another_is_read_not_a_crash(tmp_path: Path) -> None:
    """An old notes column hidden beside the new one: the values of the name were a
    table, and reading ended in "the truth value of a Series is ambiguous"."""
    def edit(book: openpyxl.Workbook) -> None:
        sheet = book["activities"]
        sheet["S1"], sheet["S2"] = "notes", "old note"
        sheet.column_dimensions["S"].hidden = True

    issues = read_tables(tiny_xlsx(tmp_path, edit))[1]
    assert [(i.table, i.column, i.severity) for i in issues] == [
        ("activities", "notes", "error"), ("activities", None, "warning")]


def test_hidden_blank_rows_below_a_table_are_not_mentioned(tmp_path: Path) -> None:
    assert load_problem(tiny_xlsx(tmp_path, hide_rows("rooms", 4, 40))).warnings == ()


@pytest.mark.slow
def test_a_stray_cell_far_right_is_one_error_not_thousands(tmp_path: Path) -> None:
    """An x in XFD1 of rooms made 16,377 columns without a name, an error each; the run
    is one error saying where it ends. A few are an error each, at their place."""
    def stray(book: openpyxl.Workbook) -> None:
        book["rooms"]["XFD1"] = "x"

    errors = [i for i in issues_of(tiny_xlsx(tmp_path, stray)) if i.severity == "error"]
    assert [(i.table, i.row, i.column, i.expected) for i in errors] == [
        ("rooms", 1, "#7", "a name for every column: 16377 columns up to #16383 have none "
         "(most likely stray cells far to the right: delete their columns)")]

    def unnamed(book: openpyxl.Workbook) -> None:
        book["rooms"]["J1"] = "notes"
        book["rooms"]["H2"] = "the key is at the desk"

    errors = [i for i in issues_of(tiny_xlsx(tmp_path / "b", unnamed)) if i.severity == "error"]
    assert [(i.table, i.row, i.column) for i in errors] == [
        ("rooms", 1, "#7"), ("rooms", 1, "#8"), ("rooms", 1, "#9")]


def test_a_notes_sheet_named_like_a_table_in_chinese_beside_it_is_not_read(
        tmp_path: Path) -> None:
    """活动 beside activities is a sheet of notes: the table's own name wins, and it
    stays unread without a word (it was "one sheet for this table", refused)."""
    def edit(book: openpyxl.Workbook) -> None:
        notes = book.create_sheet("活动")
        notes.append(["日期", "活动", "负责人"])
        notes.append(["3月4日", "布置场地", "Ann"])
        chart = BarChart()  # on a chart sheet, which has no rows to look at
        chart.add_data(Reference(book["rooms"], min_col=3, min_row=1, max_row=3))
        book.create_chartsheet("Chart1").add_chart(chart)

    problem = load_problem(tiny_xlsx(tmp_path, edit))
    assert len(problem.activities) == 5 and problem.warnings == ()


def test_a_workbook_saved_after_a_sheet_was_read_by_its_chinese_name_loads_again(
        tmp_path: Path) -> None:
    """Saving writes the roles sheet beside 岗位需求, which is then a sheet of the past,
    not a second roles table."""
    def edit(book: openpyxl.Workbook) -> None:
        book["roles"].title = "岗位需求"

    path = tiny_xlsx(tmp_path, edit)
    tables, _ = read_tables(path)
    write_tables(tables, path)
    assert openpyxl.load_workbook(path).sheetnames.count("roles") == 1
    assert len(load_problem(path).roles) == 5


def test_openpyxls_own_notes_on_a_cell_are_not_printed(tmp_path: Path) -> None:
    """A phone number in a cell formatted as a date: openpyxl's "UserWarning: Cell H2 is
    marked as a date but..." was printed twice, from inside its package, above the
    reader's own error about the cell."""
    def edit(book: openpyxl.Workbook) -> None:
        cell = book["volunteers"]["H2"]
        cell.value, cell.number_format = 13800000001, "yyyy-mm-dd"

    path = tiny_xlsx(tmp_path, edit)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        issues = issues_of(path)
    assert [str(w.message) for w in caught] == []
    assert [(i.table, i.row, i.column) for i in issues if i.severity == "error"] == [
        ("volunteers", 2, "phone")]
