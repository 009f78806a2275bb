"""How a table is laid out in its file: CSV files separated by semicolons (Excel in the
many locales whose decimal mark is a comma) or by tabs (Excel's "Unicode text", UTF-16)
are read like comma-separated ones, and a header that is not the first row is one error
saying on which row it is, not an error for every row under it.

Each test writes ``data/tiny`` as real files and loads them as ``check`` does.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from conftest import DATA, tiny_edited

from matching.errors import DataError, Issue
from matching.io import load_problem, read_tables, write_tables
from matching.problem import Problem

TINY = DATA / "tiny"


def rewritten(folder: Path, delimiter: str, encoding: str, line_end: str = "\n") -> Path:
    """``data/tiny`` written to ``folder`` with another delimiter, encoding and line end,
    quoted as Excel quotes (a cell holding the delimiter, ``teach;host``, in quotes)."""
    folder.mkdir()
    for path in sorted(TINY.glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows(rows)
        (folder / path.name).write_bytes(buffer.getvalue().encode(encoding))
    return folder


def same_workbook(problem: Problem, expected: Problem) -> None:
    assert problem.settings == expected.settings
    for part in ("rooms", "opening_hours", "volunteers", "availability", "activities",
                 "roles", "themes"):
        assert getattr(problem, part) == getattr(expected, part), part
    assert problem.warnings == expected.warnings == ()


def errors_of(path: Path) -> list[Issue]:
    with pytest.raises(DataError) as info:
        load_problem(path)
    return info.value.issues


# -- delimiters ------------------------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "encoding", "line_end"), [
    pytest.param(";", "utf-8-sig", "\r\n", id="semicolons, UTF-8 with BOM"),
    pytest.param(";", "gb18030", "\r\n", id="semicolons, GB18030"),
    pytest.param("\t", "utf-16", "\r\n", id="tabs, UTF-16 (Excel's Unicode text)"),
    pytest.param("\t", "utf-8", "\n", id="tabs, UTF-8"),
])
def test_a_workbook_separated_by_semicolons_or_tabs_reads_as_the_comma_one(
        delimiter: str, encoding: str, line_end: str, tmp_path: Path) -> None:
    folder = rewritten(tmp_path / "book", delimiter, encoding, line_end)
    same_workbook(load_problem(folder), load_problem(TINY))


def test_a_comma_file_holding_column_names_between_semicolons_stays_comma_separated(
        tmp_path: Path) -> None:
    """Semicolons split the name cell into as many settings columns as commas split the
    header: a tie, which the comma wins."""
    folder = tiny_edited(tmp_path / "book", settings=lambda text: text.replace(
        "name,Tiny test center", 'name,"Tiny;key;value"'))
    assert load_problem(folder).settings.name == "Tiny;key;value"


def test_a_file_of_another_table_is_split_by_its_own_column_names(tmp_path: Path) -> None:
    """Tables outside the workbook's contract (the attendance template's) are sniffed by
    cells that look like column names."""
    folder = tmp_path / "actuals"
    folder.mkdir()
    (folder / "attendance.csv").write_text("activity_id;volunteer_id;status\na1;v1;came\n",
                                           encoding="utf-8")
    tables, issues = read_tables(folder, names=("attendance",))
    assert issues == []
    assert list(tables["attendance"].columns) == ["activity_id", "volunteer_id", "status"]


# -- the header row ----------------------------------------------------------------------

TITLE = "2024年3月第一周活动安排表"


def test_a_title_row_above_the_header_of_a_sheet_is_one_error_naming_the_header_row(
        tmp_path: Path) -> None:
    tables, _ = read_tables(TINY)
    path = write_tables(tables, tmp_path / "tiny.xlsx")
    book = openpyxl.load_workbook(path)
    book["activities"].insert_rows(1)
    book["activities"]["A1"] = TITLE
    book.save(path)

    [issue] = errors_of(path)
    assert (issue.table, issue.row, issue.column, issue.value) == ("activities", 1, None, TITLE)
    assert issue.expectation("en") == ("the header (the column names) in row 1: they are on "
                                       "row 2; delete the rows above it")
    assert "第 2 行" in issue.expectation("zh")


def test_a_header_under_a_title_and_a_blank_row_in_a_csv_file_is_found(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", rooms=lambda text: f"Rooms of the center,,\n,,\n{text}")
    [issue] = errors_of(folder)
    assert (issue.table, issue.row, issue.value) == ("rooms", 1, "Rooms of the center")
    assert "on row 3" in issue.expected


def test_a_header_after_blank_rows_is_found(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", roles=lambda text: f"\n\n{text}")
    [issue] = errors_of(folder)
    assert (issue.table, issue.row, issue.value) == ("roles", 1, "")
    assert "on row 3" in issue.expected


def test_a_table_without_its_header_near_the_top_is_still_said_to_lack_one(
        tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", themes=lambda text: "\n" + text.split("\n", 1)[1])
    issues = errors_of(folder)
    assert [(i.table, i.row) for i in issues] == [("themes", 1)]
    assert issues[0].expected.startswith("a header row naming the columns")


def test_a_file_that_is_not_a_workbook_is_said_so_in_either_language(tmp_path: Path) -> None:
    """A file named .xlsx that Excel never saved (a renamed CSV, a damaged download)."""
    fake = tmp_path / "center.xlsx"
    fake.write_text("activity_id,title\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_problem(fake)
    [issue] = info.value.issues
    assert issue.expectation("en").startswith("an .xlsx workbook: this file is text")
    assert issue.expectation("zh").startswith("一个 .xlsx 工作簿：这个文件是文本")


def test_a_row_typed_with_full_width_commas_is_said_so(tmp_path: Path) -> None:
    # a Chinese input method types "，" between the cells: the row lands in its first cell
    def typed(text: str) -> str:
        lines = text.split("\n")
        lines[2] = lines[2].replace(",", "，")
        return "\n".join(lines)

    folder = tiny_edited(tmp_path / "book", activities=typed)
    [issue] = [i for i in errors_of(folder) if "full-width" in i.expected]
    assert (issue.table, issue.row) == ("activities", 3)
    assert issue.value.startswith("a2，Phone class 2，")
    assert issue.wording is not None and "全角逗号" in issue.wording.render("zh")


def test_a_cell_holding_full_width_commas_is_no_such_row(tmp_path: Path) -> None:
    # the other cells of the row are filled: the commas are the cell's own
    folder = tiny_edited(tmp_path / "book", themes=lambda text: text.replace(
        "\nspring,", "\nspring，summer，autumn，winter,"))
    _, issues = read_tables(folder)
    assert issues == []


def test_a_csv_table_right_of_an_empty_column_says_where_it_starts(tmp_path: Path) -> None:
    """",room_id,name,…" on every line: Excel shows the table from column B."""
    folder = tiny_edited(tmp_path / "tiny", rooms=lambda text: "".join(
        f",{line}" for line in text.splitlines(keepends=True)))
    assert [(i.table, i.row, i.column, i.expected) for i in errors_of(folder)] == [
        ("rooms", 1, None, "a table that starts in column A: it starts in column B; delete "
                           "the empty column(s) left of it")]
