"""What the reader says about a broken workbook file reads in Chinese too: a table in two
files, a sheet hidden or merged, a header out of shape, a file that is no text each come
as a message of the catalogue, whose English is the text it was before."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from matching.errors import DataError, Issue
from matching.io import read_tables, write_tables
from matching.io.plantables import plan_from_tables
from matching.ui.state import PlannerState

DATA = Path(__file__).resolve().parents[2] / "data"
CJK = re.compile(r"[\u4e00-\u9fff]")


def in_chinese(issue: Issue) -> str:
    """The issue's expectation in Chinese, checked to be a message that reads so."""
    assert issue.wording is not None, issue.expected
    assert issue.wording.render("en") == issue.expected
    zh = issue.expectation("zh")
    assert CJK.search(zh), zh
    return zh


def issues_of(path: Path) -> list[Issue]:
    return read_tables(path)[1]


def test_a_broken_workbook_file_is_reported_in_chinese(tmp_path: Path) -> None:
    # a table in two files, one of them misspelled the way that still reads
    folder = Path(shutil.copytree(DATA / "tiny", tmp_path / "tiny"))
    shutil.copy(folder / "rooms.csv", folder / "ROOMS.csv")
    (folder / "room_hours.csv").rename(folder / "Room Hours.csv")
    found = {(i.table, i.severity): i for i in issues_of(folder)}
    twice = found["rooms", "error"]
    assert twice.expected == ("one file for this table (the first is read, the other "
                              "ignored: delete or rename one)")
    assert "文件" in in_chinese(twice)
    renamed = found["room_hours", "warning"]
    assert renamed.expected == "a file named 'room_hours' (this one is read as that table)"
    assert "“room_hours”" in in_chinese(renamed)

    # a hidden sheet, a merged range, a header with a blank and a repeated name, a row
    # longer than the header
    tables, _ = read_tables(DATA / "tiny")
    path = write_tables(tables, tmp_path / "tiny.xlsx")
    book = openpyxl.load_workbook(path)
    book["themes"].sheet_state = "hidden"
    book["rooms"].merge_cells("B2:B3")
    sheet = book["volunteers"]
    sheet.cell(1, sheet.max_column + 2, "name")
    sheet.cell(1, sheet.max_column + 1, "x")
    sheet.cell(3, sheet.max_column + 3, "stray")
    book["activities"]["C2"] = "=1/0"
    book["rooms"]["C3"] = "#N/A"
    book.save(path)
    issues = issues_of(path)
    expected = {
        ("themes", None): "a visible sheet: this one is hidden, and its rows are read all "
                          "the same (unhide it to see them)",
        ("rooms", 2): "one value per cell: B2:B3 merged (only its top-left cell holds the "
                      "value); unmerge and fill each cell",
        ("rooms", 3): "a value, not an Excel error (cell C3: fix its formula or type the "
                      "value)",
        ("activities", 2): "a value: cell C2 holds a formula with no saved result (as files "
                           "written by programs do); open and save the file in Excel or "
                           "LibreOffice, or type the value",
    }
    width = len(tables["volunteers"].columns) + 3
    by_place = {(i.table, i.row, i.column): i for i in issues}
    blank = by_place["volunteers", 1, f"#{width - 2}"]
    assert blank.expected == "a column name"
    repeated = by_place["volunteers", 1, "name"]
    assert repeated.expected == "each column name once"
    extra = by_place["volunteers", 3, None]
    assert extra.expected == f"at most {width} cells, as many as the header has"
    for issue in (blank, repeated, extra):
        in_chinese(issue)
    for (table, row), english in expected.items():
        [issue] = [i for i in issues if (i.table, i.row) == (table, row)]
        assert issue.expected == english
        in_chinese(issue)

    # a file that is no text, a header under a blank row, a line the CSV reader refuses,
    # a workbook of another kind
    (folder / "ROOMS.csv").unlink()
    (folder / "themes.csv").write_bytes(b"\xff\xfe\xff\x00\xff")
    (folder / "volunteers.csv").write_text("\n\n")
    (folder / "roles.csv").write_text("activity_id,role\n" + "x" * 200_000 + "\n")
    found = {i.table: i for i in issues_of(folder)}
    assert found["themes"].expected == "a text file encoded as UTF-8, UTF-16 or GB18030"
    assert found["volunteers"].expected == ("a header row naming the columns (the file is "
                                            "empty or starts with a blank row)")
    assert found["roles"].expected.startswith("a well-formed CSV line (")
    for table in ("themes", "volunteers", "roles"):
        in_chinese(found[table])
    (tmp_path / "tiny.txt").write_text("")
    with pytest.raises(DataError) as raised:
        read_tables(tmp_path / "tiny.txt")
    [issue] = raised.value.issues
    assert issue.expected == "a folder of CSV files or an .xlsx file"
    in_chinese(issue)

    # a plan whose table lacks a column, and a solve asked of no workbook
    with pytest.raises(DataError) as raised:
        plan_from_tables(tables["rooms"])
    [issue] = raised.value.issues
    assert issue.expected == "a column named 'activity_id' (there is none)"
    in_chinese(issue)
    with pytest.raises(DataError) as raised:
        PlannerState().begin_solve()
    [issue] = raised.value.issues
    assert issue.expected == "a valid workbook"
    in_chinese(issue)
