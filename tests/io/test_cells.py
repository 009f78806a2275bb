"""Parsing of single cells: every spelling the workbook contract accepts, and the
message each rejection gives (it must say what was expected)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest

from matching.io.cells import (
    CellError,
    parse_choice,
    parse_date,
    parse_datetime,
    parse_day,
    parse_int,
    parse_number,
    parse_tags,
    parse_time,
    time_of_day_minutes,
)
from matching.problem import HOLIDAY

# -- tags --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "teach;host;photo",
        "teach；host；photo",
        "teach、host、photo",
        "teach,host,photo",
        "teach，host，photo",
        " teach ; host,photo ",
        "teach;;host、 ,photo;",
        "teach; host； photo",
        "teach\nhost\nphoto",  # Alt+Enter between them in an Excel cell
        "teach\r\nhost;\r\nphoto",
    ],
)
def test_tags_split_on_every_separator_and_ignore_blanks(text: str) -> None:
    assert parse_tags(text) == frozenset({"teach", "host", "photo"})


def test_tags_keep_chinese_and_inner_spaces() -> None:
    assert parse_tags("智能手机教学；摄影、first aid") == frozenset(
        {"智能手机教学", "摄影", "first aid"}
    )


@pytest.mark.parametrize("text", ["", "   ", ";", "；、,"])
def test_blank_tags_are_an_empty_set(text: str) -> None:
    assert parse_tags(text) == frozenset()


def test_tags_are_a_set() -> None:
    assert parse_tags("a;a;b") == frozenset({"a", "b"})


# -- days --------------------------------------------------------------------------------

WEEKDAY_SPELLINGS = [  # with the two letters of calendars and the "Weds" of notes
    ("Mon", "Monday", "周一", "星期一", "1", "Mo"),
    ("Tue", "Tuesday", "周二", "星期二", "2", "Tu", "Tues"),
    ("Wed", "Wednesday", "周三", "星期三", "3", "We", "Weds"),
    ("Thu", "Thursday", "周四", "星期四", "4", "Th", "Thurs"),
    ("Fri", "Friday", "周五", "星期五", "5", "Fr"),
    ("Sat", "Saturday", "周六", "星期六", "6", "Sa"),
    ("Sun", "Sunday", "周日", "星期日", "7", "Su"),
]


@pytest.mark.parametrize(
    ("text", "weekday"),
    [(name, day) for day, names in enumerate(WEEKDAY_SPELLINGS) for name in names],
)
def test_weekdays(text: str, weekday: int) -> None:
    assert parse_day(text) == weekday


@pytest.mark.parametrize("text", ["mon", "MON", " Mon ", "monday", "MONDAY"])
def test_weekdays_are_case_insensitive(text: str) -> None:
    assert parse_day(text) == 0


@pytest.mark.parametrize("text", ["星期天", "周天", "礼拜天"])
def test_sunday_has_its_colloquial_names(text: str) -> None:
    assert parse_day(text) == 6


@pytest.mark.parametrize("text", ["holiday", "Holiday", "HOLIDAY", "节假日"])
def test_holiday(text: str) -> None:
    assert parse_day(text) == HOLIDAY


@pytest.mark.parametrize("text", ["2024-04-04", "2024/4/4", "2024/04/04"])
def test_day_may_be_a_date(text: str) -> None:
    assert parse_day(text) == date(2024, 4, 4)


@pytest.mark.parametrize("text", ["0", "8", "M", "周八", "someday", ""])
def test_bad_day_says_what_was_expected(text: str) -> None:
    with pytest.raises(CellError) as info:
        parse_day(text)
    message = str(info.value)
    assert "Mon..Sun" in message
    assert "周一" in message
    assert "1..7" in message
    assert "holiday" in message
    assert "YYYY-MM-DD" in message


# -- times -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:30", time(9, 30)),
        ("9:30", time(9, 30)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("08:30:00", time(8, 30)),  # as Excel writes it
        (" 14:00 ", time(14, 0)),
    ],
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


def test_time_of_day_minutes() -> None:
    assert time_of_day_minutes("09:30") == 570
    assert time_of_day_minutes("0:00") == 0
    assert time_of_day_minutes("24:00", allow_24=True) == 1440
    assert time_of_day_minutes("24:00:00", allow_24=True) == 1440


def test_24_00_only_where_allowed() -> None:
    assert parse_time("24:00", allow_24=True) is None
    with pytest.raises(CellError, match="HH:MM from 00:00 to 23:59"):
        parse_time("24:00")
    with pytest.raises(CellError, match="23:59"):
        time_of_day_minutes("24:00")


@pytest.mark.parametrize("allow_24", [False, True])
@pytest.mark.parametrize(
    "text", ["25:00", "12:60", "24:01", "24:30", "9", "9.30", "0930", "9:5", "noon", "", "08:30:15"]
)
def test_bad_times_say_what_was_expected(text: str, allow_24: bool) -> None:
    with pytest.raises(CellError) as info:
        parse_time(text, allow_24=allow_24)
    message = str(info.value)
    assert "a time HH:MM" in message
    assert message.endswith("24:00" if allow_24 else "23:59")


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["2024-03-04", "2024/3/4", "2024/03/04", "2024-3-4", "2024.3.4", " 2024-03-04 "]
)
def test_dates(text: str) -> None:
    assert parse_date(text) == date(2024, 3, 4)


@pytest.mark.parametrize(
    "text", ["2024-13-01", "04/03/2024", "20240304", "3月4日", ""]
)
def test_bad_dates_say_what_was_expected(text: str) -> None:
    with pytest.raises(CellError, match="a date YYYY-MM-DD"):
        parse_date(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-02-30", "a date that exists: 2024-02 has 29 days"),
    ("2023-02-29", "a date that exists: 2023-02 has 28 days"),
    ("2025/4/31", "a date that exists: 2025-04 has 30 days"),
    ("2025年4月31日", "a date that exists: 2025-04 has 30 days"),
    ("2024-13-01", "a date YYYY-MM-DD whose month is 1 to 12 (not 13)"),
])
@pytest.mark.parametrize("parse", [parse_date, parse_day, parse_datetime])
def test_a_date_that_does_not_exist_is_told_its_month(text: str, expected: str,
                                                      parse: Callable[[str], object]) -> None:
    """2025-04-31 was "a weekday (Mon..Sun, …) or a date YYYY-MM-DD", as if the form
    were wrong."""
    with pytest.raises(CellError) as info:
        parse(text)
    assert str(info.value) == expected


def test_leap_day() -> None:
    assert parse_date("2024-02-29") == date(2024, 2, 29)


# -- datetimes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-04 09:30", datetime(2024, 3, 4, 9, 30)),
        ("2024/3/4 9:30", datetime(2024, 3, 4, 9, 30)),
        ("2024-03-04T09:30", datetime(2024, 3, 4, 9, 30)),
        ("2024-03-04 09:30:00", datetime(2024, 3, 4, 9, 30)),
        ("2024-03-04 24:00", datetime(2024, 3, 5, 0, 0)),
    ],
)
def test_datetimes(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


def test_bare_date_is_midnight() -> None:
    assert parse_datetime("2024-03-04") == datetime(2024, 3, 4, 0, 0)


def test_bare_date_with_end_of_day_is_next_midnight() -> None:
    assert parse_datetime("2024-03-04", end_of_day=True) == datetime(2024, 3, 5, 0, 0)
    assert parse_datetime("2024-12-31", end_of_day=True) == datetime(2025, 1, 1, 0, 0)


def test_end_of_day_does_not_move_an_explicit_time() -> None:
    assert parse_datetime("2024-03-04 17:00", end_of_day=True) == datetime(2024, 3, 4, 17, 0)


@pytest.mark.parametrize(
    "text",
    ["2024-03-04 25:00", "2024-03-04 12:60", "2024-03-04 09:30 extra",
     "tomorrow", "09:30", ""],
)
def test_bad_datetimes_say_what_was_expected(text: str) -> None:
    with pytest.raises(CellError) as info:
        parse_datetime(text)
    assert "YYYY-MM-DD HH:MM" in str(info.value)
    assert "a date YYYY-MM-DD" in str(info.value)


# -- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"), [("30", 30), ("30.0", 30), (" 7 ", 7), ("-3", -3), ("0", 0)]
)
def test_ints(text: str, expected: int) -> None:
    value = parse_int(text)
    assert value == expected
    assert isinstance(value, int)


@pytest.mark.parametrize("text", ["2.5", "abc", "", "nan", "inf", "1e400", "3,5"])
def test_bad_ints_say_a_whole_number_was_expected(text: str) -> None:
    with pytest.raises(CellError, match="a whole number"):
        parse_int(text)


def test_int_bounds() -> None:
    assert parse_int("1", low=1) == 1
    assert parse_int("10", low=-10, high=10) == 10
    with pytest.raises(CellError, match=r"a whole number of at least 1$"):
        parse_int("0", low=1)
    with pytest.raises(CellError, match=r"a whole number of at least 1$"):
        parse_int("-5", low=1)
    with pytest.raises(CellError, match=r"a whole number of at most 1440$"):
        parse_int("1441", high=1440)
    with pytest.raises(CellError, match=r"a whole number from -10 to 10$"):
        parse_int("11", low=-10, high=10)
    with pytest.raises(CellError, match=r"a whole number from -10 to 10$"):
        parse_int("2.5", low=-10, high=10)


@pytest.mark.parametrize(("text", "expected"), [("2.5", 2.5), ("40", 40.0), ("0", 0.0)])
def test_numbers(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "", "nan", "inf", "-inf"])
def test_bad_numbers_say_a_number_was_expected(text: str) -> None:
    with pytest.raises(CellError, match=r"^a number$"):
        parse_number(text)


def test_number_bounds() -> None:
    assert parse_number("168", low=0, high=168) == 168
    with pytest.raises(CellError, match="a number from 0 to 168"):
        parse_number("168.5", low=0, high=168)
    with pytest.raises(CellError, match="a number from 0 to 168"):
        parse_number("-0.5", low=0, high=168)
    with pytest.raises(CellError, match="a number of at least 0"):
        parse_number("-1", low=0)


@pytest.mark.parametrize("parse", [parse_number, parse_int])
def test_a_thousands_separator_is_named_not_read(parse) -> None:
    """1,000 was told to have "a decimal point (1.5, not 1,5)": wrong advice for it."""
    with pytest.raises(CellError) as caught:
        parse("1,000", low=1)
    assert str(caught.value).endswith(
        "at least 1, without a thousands separator (1000, not 1,000) and with a decimal "
        "point (1.5)")
    with pytest.raises(CellError, match=r"\(1000, not 1,000\)"):
        parse("12,345,678", low=1)


@pytest.mark.parametrize("parse", [parse_number, parse_int])
def test_a_decimal_comma_is_named_not_read(parse) -> None:
    # a CSV saved where the comma is the decimal mark; 1,500 might mean 1500 as well
    with pytest.raises(CellError) as caught:
        parse(" 1,5 ", low=0, high=168)
    assert str(caught.value).endswith("from 0 to 168, with a decimal point (1.5, not 1,5)")
    assert caught.value.wording is not None
    assert caught.value.wording.render("zh").endswith("小数点写作 “.”（1.5，不是 1,5）")
    with pytest.raises(CellError, match=r"from 0 to 168$"):
        parse("1,5,0", low=0, high=168)


# -- choices -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["senior", "Senior", "SENIOR", " senior "])
def test_choices_are_case_insensitive(text: str) -> None:
    assert parse_choice(text, ("youth", "adult", "senior")) == "senior"


def test_choices_return_the_choice_itself() -> None:
    assert parse_choice("30", (15, 30, 60)) == 30


@pytest.mark.parametrize("text", ["elder", "", "sen"])
def test_bad_choice_lists_the_choices(text: str) -> None:
    with pytest.raises(CellError, match=r"^one of youth, adult, senior$"):
        parse_choice(text, ("youth", "adult", "senior"))


def test_bad_numeric_choice_lists_the_choices() -> None:
    with pytest.raises(CellError, match=r"^one of 15, 30, 60$"):
        parse_choice("45", (15, 30, 60))


@pytest.mark.parametrize(("parse", "text", "shown"), [
    (parse_date, "45355", "2024-03-04"), (parse_datetime, "45355.375", "2024-03-04 09:00"),
    (parse_day, "45356", "2024-03-05"), (parse_time, "0.7083333333333334", "17:00")])
def test_excels_number_of_a_date_or_time_is_named(parse, text: str, shown: str) -> None:
    """A cell formatted General shows the number a date is stored as: "got '45355'" alone
    did not say that it is 2024-03-04 to Excel."""
    with pytest.raises(CellError) as caught:
        parse(text)
    assert str(caught.value).endswith(
        f"(this is the number Excel stores {shown} as: format the cell as a date or time, "
        f"or type {shown})")


@pytest.mark.parametrize(("parse", "text"), [(parse_date, "3"), (parse_time, "9"),
                                             (parse_date, "2024"), (parse_day, "8")])
def test_small_numbers_are_not_taken_for_excels_dates(parse, text: str) -> None:
    with pytest.raises(CellError) as caught:
        parse(text)
    assert "Excel" not in str(caught.value)
