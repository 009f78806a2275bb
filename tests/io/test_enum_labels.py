"""What the toolkit shows may be typed back: an exported plan shows a priority as ``高``
and an age band as ``老年``, and a coordinator copying them into the workbook gets the
value, not "one of must, high, normal, low". The labels are the catalogue's own, in
either language, whatever their case and width. Dates as Chinese writes them
(``2024年10月8日``) read too."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from builder import Workbook

from matching.errors import DataError
from matching.i18n import LANGUAGES, text
from matching.io.cells import parse_date
from matching.problem import ACTIVITY_KINDS, AGE_BANDS, PRIORITIES


def book_with(**cells: str) -> Workbook:
    """One volunteer (``age_band`` from ``cells``) and one activity with the rest."""
    book = Workbook("2024-03-04")
    book.room("hall", hours="Mon 09:00-12:00")
    book.volunteer("v1", skills="host", available="Mon 09:00-12:00",
                   age_band=cells.pop("age_band", ""))
    book.activity("a1", "Talk", cells.pop("earliest", "2024-03-04 09:00"),
                  "2024-03-04 12:00", roles={"host": (1, 1, 1)}, **cells)
    return book


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("priority", PRIORITIES)
def test_a_priority_reads_as_the_toolkit_labels_it(language: str, priority: str) -> None:
    label = text(f"priority.{priority}", language)
    assert book_with(priority=label).problem().activities[0].priority == priority


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ACTIVITY_KINDS)
def test_a_kind_reads_as_the_toolkit_labels_it(language: str, kind: str) -> None:
    label = text(f"kind.{kind}", language)
    assert book_with(kind=label).problem().activities[0].kind == kind


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("band", AGE_BANDS)
def test_age_bands_read_as_the_toolkit_labels_them(language: str, band: str) -> None:
    label = text(f"age_band.{band}", language)
    problem = book_with(age_band=label, min_age_band=label).problem()
    assert problem.volunteers[0].age_band == band
    assert problem.activities[0].min_age_band == band


@pytest.mark.parametrize(("typed", "priority"), [
    ("HIGH", "high"), ("ｍｕｓｔ", "must"), (" 必办 ", "must"), ("Normal", "normal")])
def test_labels_and_values_are_read_whatever_their_case_and_width(typed: str,
                                                                   priority: str) -> None:
    assert book_with(priority=typed).problem().activities[0].priority == priority


def test_an_unknown_label_still_says_the_values() -> None:
    with pytest.raises(DataError) as info:
        book_with(priority="紧急").problem()
    [issue] = info.value.issues
    assert (issue.column, issue.expected) == ("priority", "one of must, high, normal, low")


@pytest.mark.parametrize(("typed", "day"), [
    ("2024年10月8日", date(2024, 10, 8)), ("２０２４年３月４日", date(2024, 3, 4)),
    ("2024年3月04号", date(2024, 3, 4))])
def test_a_date_as_chinese_writes_it(typed: str, day: date) -> None:
    assert parse_date(typed) == day


def test_a_date_time_as_chinese_writes_it_reads_in_the_workbook() -> None:
    problem = book_with(earliest="2024年3月4日 9:30").problem()
    assert problem.activities[0].earliest_start == datetime(2024, 3, 4, 9, 30)


def test_a_chinese_date_without_its_year_is_refused() -> None:
    with pytest.raises(DataError) as info:
        book_with(earliest="3月4日").problem()
    [issue] = info.value.issues
    assert (issue.column, issue.value) == ("earliest_start", "3月4日")
