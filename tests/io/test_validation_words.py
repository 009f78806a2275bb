"""Validation speaks the reader's language: what a cell should have been is a message of
the catalogue, English in logs and on the command line, Chinese in a Chinese app."""

from __future__ import annotations

import re

import pytest
from builder import Workbook

from matching.errors import DataError, Issue
from matching.ui.grids import DataEditor
from matching.ui.i18n import Translator

CJK = re.compile(r"[\u4e00-\u9fff]")


def issues_of(book: Workbook) -> list[Issue]:
    with pytest.raises(DataError) as info:
        book.problem()
    return list(info.value.issues)


def bad_workbook() -> Workbook:
    book = Workbook("2024-03-04", timezone="Mars/Olympus")
    book.room("hall", capacity="forty", hours="Someday 09:00-12:00; Mon 12:00-09:00")
    book.volunteer("ann", skills="care", available="Mon 09:00-12:00", max_hours_per_week=999)
    book.activity("a", "Class", "2024-03-04 09:00", "2024-03-04 12:00", fixed_room="gym")
    return book


def test_every_cell_error_has_its_words_in_both_languages() -> None:
    found = issues_of(bad_workbook())
    assert {(i.table, i.column) for i in found} >= {
        ("settings", "value"), ("rooms", "capacity"), ("room_hours", "day"),
        ("room_hours", "close"), ("volunteers", "max_hours_per_week"),
        ("activities", "fixed_room")}
    for issue in found:
        assert issue.wording is not None, issue
        assert issue.expectation("en") == issue.expected
        assert CJK.search(issue.expectation("zh")), issue.expectation("zh")
    capacity = next(i for i in found if i.column == "capacity")
    assert capacity.expected == "a whole number of at least 1"
    assert capacity.expectation("zh") == "不小于 1 的整数"


def test_the_apps_issue_list_reads_in_its_language() -> None:
    issue = next(i for i in issues_of(bad_workbook()) if i.column == "close")
    zh = DataEditor.describe.__get__(_Editor(Translator("zh")))(issue)
    en = DataEditor.describe.__get__(_Editor(Translator("en")))(issue)
    assert "晚于开门（open）的时间（场地当天开放、当天关闭；如果指的是 21:00，请这样填写）" in zh
    assert "a time after open (rooms open and close the same day; if 21:00 was meant" in en


class _Editor:
    """What :meth:`DataEditor.describe` reads of its editor: the translator, and the
    editor's naming of a column by it."""

    column_name = DataEditor.column_name

    def __init__(self, tr: Translator) -> None:
        self.tr = tr


def test_a_choice_is_listed_by_its_words_in_chinese() -> None:
    """A kind typed in words the column does not take was told "one of activity, booking,
    meeting" in a Chinese sentence, where the Chinese words are read too."""
    book = Workbook("2024-03-04")
    book.room("hall", capacity="40", hours="Mon 09:00-12:00")
    book.activity("a", "Class", "2024-03-04 09:00", "2024-03-04 12:00", kind="讲座")
    [issue] = [i for i in issues_of(book) if i.column == "kind"]
    assert issue.expectation("zh") == (
        "以下之一：活动（activity）、场地借用（booking）、会议接待（meeting）")
    assert issue.expectation("en") == "one of activity, booking, meeting"
