"""Tags typed run together: ``摄影 签到接待`` or ``摄影/签到接待`` is one tag by the contract
(a skill may hold a space: ``first aid``), so the volunteer fills no role that asks for
``摄影``. That is never silent: a tag nothing asks for, made of tags that something asks
for, is a warning on its row, in both languages, for skills, room equipment and the
equipment an activity needs."""

from __future__ import annotations

import re

import pytest
from builder import Workbook

from matching.errors import Issue

CJK = re.compile(r"[\u4e00-\u9fff]")


def book_with(skills: str = "摄影;签到接待", room_equipment: str = "投影;音响",
              activity_equipment: str = "投影;音响") -> Workbook:
    """A hall, a volunteer with ``skills`` and an activity asking for 摄影 and 签到接待
    in a room with ``activity_equipment``."""
    book = Workbook("2024-03-04")
    book.room("hall", hours="Mon 09:00-12:00", equipment=room_equipment)
    book.volunteer("v1", skills=skills, available="Mon 09:00-12:00")
    book.volunteer("v2", skills="摄影;签到接待", available="Mon 09:00-12:00")
    book.activity("a1", "Open day", "2024-03-04 09:00", "2024-03-04 12:00",
                  equipment=activity_equipment, roles={"摄影": (1, 1, 1), "签到接待": (0, 1, 1)})
    return book


def run_together(book: Workbook) -> list[Issue]:
    return [w for w in book.problem().warnings
            if w.wording is not None and w.wording.key.startswith("valid.run_together")]


@pytest.mark.parametrize("skills", ["摄影 签到接待", "摄影/签到接待", "摄影／签到接待",
                                    "摄影|签到接待", "摄影｜签到接待", "摄影。签到接待",
                                    "摄影.签到接待", "摄影 / 签到接待"])
def test_a_skill_made_of_asked_skills_is_a_warning_on_the_volunteers_row(skills: str) -> None:
    [warning] = run_together(book_with(skills=skills))
    assert (warning.table, warning.row, warning.column, warning.value, warning.severity) == (
        "volunteers", 2, "skills", skills, "warning")
    assert warning.expected.endswith(
        "is read as one skill, which no role asks for; roles ask for 摄影 and 签到接待: "
        "separate skills with ';'")
    zh = warning.expectation("zh")
    assert "摄影和签到接待" in zh and "“;”" in zh


def test_the_message_names_the_skill_and_only_the_asked_parts() -> None:
    [warning] = run_together(book_with(skills="摄影 签到接待;书法 绘画"))
    assert warning.expected == ("the skill '摄影 签到接待' is read as one skill, which no role "
                                "asks for; roles ask for 摄影 and 签到接待: separate skills "
                                "with ';'")
    [half] = run_together(book_with(skills="摄影/剪辑"))
    assert half.expected.startswith("the skill '摄影/剪辑' is read as one skill")
    assert "roles ask for 摄影:" in half.expected


@pytest.mark.parametrize("skills", ["摄影;签到接待", "书法 绘画", "摄影师;签到接待"])
def test_skills_that_are_asked_or_hold_nothing_asked_are_quiet(skills: str) -> None:
    assert run_together(book_with(skills=skills)) == []


def test_a_skill_with_a_space_that_a_role_asks_for_is_one_skill_and_quiet() -> None:
    book = Workbook("2024-03-04")
    book.room("hall", hours="Mon 09:00-12:00")
    book.volunteer("v1", skills="first aid", available="Mon 09:00-12:00")
    book.activity("a1", "Drill", "2024-03-04 09:00", "2024-03-04 12:00",
                  roles={"first aid": (1, 1, 1), "first": (0, 1, 1)})
    problem = book.problem()
    assert problem.volunteer_by_id["v1"].skills == {"first aid"}
    assert run_together(book) == []


def test_room_equipment_run_together_is_a_warning_on_the_rooms_row() -> None:
    [warning] = run_together(book_with(room_equipment="投影 音响"))
    assert (warning.table, warning.row, warning.column) == ("rooms", 2, "equipment")
    assert warning.expected == ("the equipment '投影 音响' is read as one item, which no "
                                "activity asks for; activities ask for 投影 and 音响: "
                                "separate equipment with ';'")
    assert CJK.search(warning.expectation("zh").replace("投影", "").replace("音响", ""))


def test_equipment_an_activity_asks_for_run_together_is_one_warning_per_row() -> None:
    """Not also "no room has '投影/音响'": the one warning says why and what to do."""
    book = book_with(activity_equipment="投影/音响")
    book.activity("a2", "Talk", "2024-03-04 09:00", "2024-03-04 12:00", equipment="投影/音响")
    warnings = [w for w in book.problem().warnings if w.column == "equipment"]
    assert [(w.table, w.row) for w in warnings] == [("activities", 2), ("activities", 3)]
    assert warnings[0].expected == ("the equipment '投影/音响' is read as one item, which no "
                                    "room has; rooms have 投影 and 音响: separate equipment "
                                    "with ';'")
    assert "场地具备的是 投影和音响" in warnings[0].expectation("zh")
