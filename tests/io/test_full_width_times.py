"""Times and dates typed with a Chinese input method: the full-width colon ``：`` is a
colon and the full-width hyphen ``－`` a hyphen, as full-width digits are digits, wherever
a time, a date or a date-time is read."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from conftest import tiny_edited

from matching.io import load_problem
from matching.io.cells import CellError, parse_date, parse_datetime, parse_time


@pytest.mark.parametrize("text", ["13：00", "１３：００", "13：00：00", "13:00：00"])
def test_a_full_width_colon_separates_hours_and_minutes(text: str) -> None:
    assert parse_time(text) == time(13)


def test_a_full_width_colon_ends_the_day() -> None:
    assert parse_time("24：00", allow_24=True) is None


@pytest.mark.parametrize("text", ["13：", "：00", "13：：00", "13;00"])
def test_a_colon_alone_or_another_mark_is_still_no_time(text: str) -> None:
    with pytest.raises(CellError):
        parse_time(text)


def test_date_times_and_midnight_dates_take_a_full_width_colon() -> None:
    assert parse_datetime("2024-03-05 13：30") == datetime(2024, 3, 5, 13, 30)
    assert parse_datetime("2024-03-05 24：00") == datetime(2024, 3, 6)
    assert parse_date("2024-03-05 00：00") == date(2024, 3, 5)


@pytest.mark.parametrize("text", ["２０２４－０３－０４", "2024－03－04", "2024／03／04",
                                  "2024．03．04", "2024‐03‐04", "2024–03–04", "2024—03—04",
                                  "2024−03−04"])
def test_a_date_takes_full_width_marks_and_the_dashes_pasted_for_a_hyphen(text: str) -> None:
    assert parse_date(text) == date(2024, 3, 4)


def test_a_date_time_typed_all_in_full_width_reads() -> None:
    assert parse_datetime("２０２３－０７－１０　０８：３０") == datetime(2023, 7, 10, 8, 30)


def test_a_workbook_with_full_width_colons_loads(tmp_path: Path) -> None:
    folder = tiny_edited(
        tmp_path / "tiny",
        room_hours=lambda text: text.replace("hall,Mon,09:00,18:00", "hall,Mon,09：00,18：00"),
        activities=lambda text: text.replace("2024-03-05 13:00", "2024-03-05 13：00"))
    problem = load_problem(folder)
    assert problem.activity_by_id["a3"].earliest_start == datetime(2024, 3, 5, 13)
    assert (problem.opening_hours[0].open_minute, problem.opening_hours[0].close_minute) == (
        9 * 60, 18 * 60)
