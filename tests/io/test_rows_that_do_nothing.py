"""Rows that would change nothing are never passed over in silence: a closure or a dated
row of hours outside the horizon is a warning naming its row (most often the year is
mistyped), a second preference of a volunteer for the same target is a warning (its
weight adds to the first's), and a volunteer who is never available is told apart
from one without availability rows.

Each test writes ``data/tiny`` (2024-03-04..10) with an edit as real CSV files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import tiny_edited

from matching.errors import Issue
from matching.io import load_problem


def where(issue: Issue) -> tuple[str, int | None, str | None, str]:
    return issue.table, issue.row, issue.column, issue.value


def test_a_closure_outside_the_horizon_is_a_warning_naming_its_row(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book")
    (folder / "closures.csv").write_text(
        "room_id,start,end,reason\nhall,2023-03-05,2023-03-06,typo\n"
        "studio,2024-03-10 20:00,2024-03-11 08:00,overlaps the last evening\n"
        ",2024-03-11,2024-03-12,after the horizon\n", encoding="utf-8")
    problem = load_problem(folder)
    assert [where(w) for w in problem.warnings] == [
        ("closures", 2, "start", "2023-03-05"), ("closures", 4, "start", "2024-03-11")]
    assert problem.warnings[0].expectation("en") == (
        "a closure overlapping the horizon (2024-03-04 to 2024-03-10 24:00): this one lies "
        "outside it and closes nothing")
    assert "规划期" in problem.warnings[0].expectation("zh")


@pytest.mark.parametrize(("table", "row", "line"), [
    ("availability", 15, "v1,2023-03-06,09:00,12:00,available"),
    ("availability", 15, "v1,2024-03-11,00:00,24:00,unavailable"),
    ("room_hours", 13, "hall,2024-03-03,09:00,12:00"),
])
def test_a_dated_row_outside_the_horizon_is_a_warning_naming_its_row(
        table: str, row: int, line: str, tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", **{table: lambda text: text + line + "\n"})
    problem = load_problem(folder)
    assert [where(w) for w in problem.warnings] == [(table, row, "day", line.split(",")[1])]
    assert problem.warnings[0].expected == ("a date inside the horizon (2024-03-04 to "
                                            "2024-03-10): this row lies outside it and changes "
                                            "nothing")


def test_dated_rows_on_the_first_and_last_day_are_quiet(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", availability=lambda text: text
                         + "v4,2024-03-04,09:00,12:00,\nv4,2024-03-10,09:00,12:00,\n")
    assert load_problem(folder).warnings == ()


@pytest.mark.parametrize("weights", [(5, -5), (5, 5)], ids=["contradicting", "repeated"])
def test_a_second_preference_for_the_same_volunteer_and_target_is_a_warning(
        weights: tuple[int, int], tmp_path: Path) -> None:
    """Unlike a role twice in an activity, the workbook still plans (one that planned
    before must not stop loading), but the weights add up, or cancel out: said so."""
    folder = tiny_edited(tmp_path / "book")
    (folder / "preferences.csv").write_text(
        f"volunteer_id,target,weight\nv1,a1,{weights[0]}\nv2,a1,3\nv1,a1,{weights[1]}\n",
        encoding="utf-8")
    problem = load_problem(folder)
    [warning] = problem.warnings
    assert where(warning) == ("preferences", 4, "target", "a1")
    assert warning.expected == ("one row per volunteer and target: row 2 has it already (the "
                                "weights of both rows add up)")
    assert "第 2 行" in warning.expectation("zh")
    assert problem.liking("v1", problem.activity_by_id["a1"]) == sum(weights)


def test_a_volunteer_whose_weekly_rows_miss_the_horizon_is_told_so(tmp_path: Path) -> None:
    """A Monday-to-Friday horizon: v4's rows are for Saturday and Sunday, v3 has none."""
    folder = tiny_edited(
        tmp_path / "book",
        settings=lambda text: text.replace("horizon_end,2024-03-10", "horizon_end,2024-03-08"),
        availability=lambda text: "\n".join(
            line.replace("v4,Wed", "v4,Sun") for line in text.split("\n")
            if not line.startswith("v3,")))
    found = {w.value: w for w in load_problem(folder).warnings}
    assert found["v4"].expectation("en") == (
        "this volunteer is never available in the horizon: none of their 2 availability "
        "row(s) gives a whole slot of available time in it")
    assert found["v3"].expectation("en") == (
        "this volunteer is never available (no availability rows)")
    assert "规划期" in found["v4"].expectation("zh")


def test_a_workbook_without_availability_is_one_warning_saying_so(tmp_path: Path) -> None:
    """No availability table: a warning for every volunteer and every role of every
    activity (hundreds on a year's workbook), none saying the table is what is missing."""
    folder = tiny_edited(tmp_path / "book")
    (folder / "availability.csv").unlink()
    [warning] = load_problem(folder).warnings
    assert (warning.table, warning.row) == ("availability", None)
    assert warning.expected.startswith("when volunteers can serve: the workbook has no "
                                       "availability rows")
    assert "volunteer_id, day, start, end" in warning.expectation("zh")


def test_every_check_warning_is_said_in_chinese_too(tmp_path: Path) -> None:
    """A room never open, activities no room can ever take and a volunteer without
    availability: each warning comes from the catalogue, so the app shows it in the
    workbook's language."""
    folder = tiny_edited(
        tmp_path / "book",
        room_hours=lambda text: "\n".join(line for line in text.split("\n")
                                          if not line.startswith("studio,")),
        availability=lambda text: "\n".join(line for line in text.split("\n")
                                            if not line.startswith("v3,")))
    warnings = load_problem(folder).warnings
    assert {(w.table, w.value) for w in warnings} >= {("rooms", "studio"),
                                                      ("volunteers", "v3")}
    for warning in warnings:
        assert warning.wording is not None, warning
        assert re.search(r"[\u4e00-\u9fff]", warning.expectation("zh")), warning
