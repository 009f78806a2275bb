"""Tags and ids as users type them: a tag matches whatever its case, and invisible
characters (a zero-width space copied from a web page or a chat) never make another id
or tag. A skill no volunteer has and equipment no room has are warnings that suggest the
close match, and rows of unknown activities are not taken for one activity's roles.

Each test writes ``data/tiny`` with an edit as real CSV files and loads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, tiny_edited

from matching.errors import DataError, Issue
from matching.greedy import greedy_plan
from matching.io import load_problem
from matching.io.cells import plain, tag_key

#: Characters that show nothing or show as a plain space.
INVISIBLE = {"zero-width space": "\u200b", "zero-width non-joiner": "\u200c",
             "zero-width joiner": "\u200d", "byte-order mark": "\ufeff",
             "word joiner": "\u2060", "no-break space": "\u00a0",
             "full-width space": "\u3000"}


def errors_of(path: Path) -> list[Issue]:
    with pytest.raises(DataError) as info:
        load_problem(path)
    return info.value.issues


def where(issue: Issue) -> tuple[str, int | None, str | None, str]:
    return issue.table, issue.row, issue.column, issue.value


# -- the normalisers -----------------------------------------------------------------------


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_and_spaces_leave_an_id_or_tag_as_it_shows(char: str) -> None:
    assert plain(f"{char}a1{char}") == "a1"
    assert tag_key(f"{char}Teach{char}") == "teach"


def test_invisible_characters_go_inside_a_cell_too_but_joined_emoji_stay() -> None:
    assert plain("a\u200b1") == "a1"
    assert plain("family day \U0001f468\u200d\U0001f469") == "family day \U0001f468\u200d\U0001f469"
    assert tag_key("ｐｒｏｊｅｃｔｏｒ") == tag_key("Projector")


# -- tags ------------------------------------------------------------------------------------


def test_a_skill_matches_a_role_whatever_its_case(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", volunteers=lambda text: text.replace(
        "staff,teach;host", "staff,Teach;Host"))
    problem = load_problem(folder)
    assert problem.warnings == ()
    # spelled as the workbook spells it most: teach 4 times, Teach once
    assert problem.volunteer_by_id["v1"].skills == {"teach", "host"}
    assert "v1" in problem.facts.eligible_volunteers("a1", "teach")
    plan, tiny = greedy_plan(problem), greedy_plan(load_problem(DATA / "tiny"))
    assert (plan.assignments, plan.staffing) == (tiny.assignments, tiny.staffing)


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_in_a_skill_loses_nothing(char: str, tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", volunteers=lambda text: text.replace(
        "staff,teach;host", f"staff,teach{char};{char}host"))
    problem = load_problem(folder)
    assert problem.volunteer_by_id["v1"].skills == {"teach", "host"}
    assert problem.warnings == ()


def test_equipment_matches_a_room_whatever_its_case(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", activities=lambda text: text.replace(
        "60,8,projector,,,high,,,,,first", "60,8,Projector,,,high,,,,,first"))
    problem = load_problem(folder)
    assert problem.warnings == ()
    assert problem.activity_by_id["a1"].equipment == {"projector"}
    assert "hall" in problem.facts.room_starts("a1")


def test_a_preference_names_a_tag_whatever_its_case(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book")
    (folder / "preferences.csv").write_text("volunteer_id,target,weight\nv3,PROJECTOR,4\n",
                                            encoding="utf-8")
    problem = load_problem(folder)
    assert problem.warnings == ()
    assert problem.liking("v3", problem.activity_by_id["a1"]) == 4


def test_a_skill_no_volunteer_has_is_a_warning_suggesting_the_close_one(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", roles=lambda text: text.replace(
        "a1,teach", "a1,teech").replace("a2,teach", "a2,teech"))
    problem = load_problem(folder)
    [warning] = [w for w in problem.warnings if w.table == "roles"]
    assert where(warning) == ("roles", 2, "role", "teech")
    assert warning.expectation("en") == ("a skill some volunteer has: no volunteer has 'teech', "
                                         "which 2 row(s) ask for; did you mean 'teach'?")
    assert "“teach”" in warning.expectation("zh")


def test_equipment_no_room_has_is_a_warning_on_the_activity(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", activities=lambda text: text.replace(
        "60,8,projector,,,high,,,,,first", "60,8,projecter;sound,,,high,,,,,first"))
    problem = load_problem(folder)
    found = {w.expected for w in problem.warnings if w.column == "equipment"}
    assert {where(w) for w in problem.warnings if w.column == "equipment"} == {
        ("activities", 2, "equipment", "projecter;sound")}
    assert found == {
        "equipment some room has: no room has 'projecter', which 1 activity row(s) ask for; "
        "did you mean 'projector'?",
        "equipment some room has: no room has 'sound', which 1 activity row(s) ask for"}


# -- ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_in_an_id_leaves_the_id(char: str, tmp_path: Path) -> None:
    """It was reported against the rows referring to the id, not the id's own table."""
    folder = tiny_edited(tmp_path / "book", activities=lambda text: text.replace(
        "\na1,Phone", f"\na1{char},Phone"))
    problem = load_problem(folder)
    assert [a.activity_id for a in problem.activities] == ["a1", "a2", "a3", "a4", "b1"]
    assert [r.activity_id for r in problem.roles_of["a1"]] == ["a1"]


def test_an_id_twice_once_with_an_invisible_character_is_a_repeated_id(tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", activities=lambda text: text.replace(
        "\na2,Phone", "\na1\u200b,Phone"))
    assert [(i.table, i.row, i.column) for i in errors_of(folder)] == [
        ("activities", 3, "activity_id"), ("roles", 3, "activity_id")]  # a2 is gone


def test_roles_of_unknown_activities_are_not_taken_for_one_activitys_roles(
        tmp_path: Path) -> None:
    """Each role once per activity: two rows for teach of two unknown activities are
    not a role twice, two of one unknown activity are."""
    folder = tiny_edited(tmp_path / "book", roles=lambda text: text.replace(
        "a1,teach", "A-01,teach").replace("a2,teach", "A-02,teach")
        + "A-02,teach,1,1,1\n")
    assert [where(i) for i in errors_of(folder)] == [
        ("roles", 2, "activity_id", "A-01"),
        ("roles", 3, "activity_id", "A-02"),
        ("roles", 7, "activity_id", "A-02"),
        ("roles", 7, "role", "teach"),
    ]


def test_a_role_twice_in_an_activity_whatever_its_case_is_a_repeated_role(
        tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", roles=lambda text: text + "a1,Teach,0,0,0\n")
    assert [where(i) for i in errors_of(folder)] == [("roles", 7, "role", "Teach")]


# -- one person under two ids -------------------------------------------------------------


def same_person_warnings(folder: Path) -> list[Issue]:
    return [w for w in load_problem(folder).warnings
            if w.wording is not None and w.wording.key == "valid.same_person"]


@pytest.mark.parametrize("row", ["v5,Ann Lee,staff,teach;host,adult,,,000-0000-0001,",
                                 "v5,ANN  LEE,,teach,,,,000 0000 0001,",
                                 "v5,Ann Lee,,teach,,,,０００－００００－０００１,"])
def test_a_name_and_phone_under_a_second_id_is_a_warning_naming_both_rows(
        row: str, tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", volunteers=lambda text: text + row + "\n")
    [warning] = same_person_warnings(folder)
    assert where(warning) == ("volunteers", 6, "volunteer_id", "v5")
    assert warning.severity == "warning"
    assert warning.expected == (
        "one row per person: row 2 (v1) has the same name and phone; if they are one "
        "person, keep one row (as two ids they may be planned in two places at once, and "
        "their hours are counted apart)")
    assert "第 2 行（v1）" in warning.expectation("zh")


@pytest.mark.parametrize("row", ["v5,Eve Lee,,teach,,,,000-0000-0001,",  # a family phone
                                 "v5,Ann Lee,,teach,,,,000-0000-0009,",  # a namesake
                                 "v5,Ann Lee,,teach,,,,,"])
def test_a_shared_phone_or_name_alone_is_no_warning(row: str, tmp_path: Path) -> None:
    folder = tiny_edited(tmp_path / "book", volunteers=lambda text: text + row + "\n")
    assert same_person_warnings(folder) == []


# -- two rooms of one name ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Studio", "studio ", "ＳＴＵＤＩＯ"])
def test_a_room_named_as_another_is_a_warning_naming_both_rows(name: str,
                                                               tmp_path: Path) -> None:
    """Two rooms called Studio at two sites: every page and calendar named both "Studio",
    and the by-room sheet read as one room booked twice at once."""
    folder = tiny_edited(tmp_path / "book",
                         rooms=lambda text: text + f"studio_n,{name},10,,north,0\n")
    [warning] = [w for w in load_problem(folder).warnings
                 if w.wording is not None and w.wording.key == "valid.room_name_once"]
    assert where(warning) == ("rooms", 4, "name", name.strip())
    assert warning.expected.startswith("a name no other room has: row 3 (studio) has it too")
    other = tiny_edited(tmp_path / "other",
                        rooms=lambda text: text + "studio_n,Studio North,10,,north,0\n")
    assert not [w for w in load_problem(other).warnings
                if w.wording is not None and w.wording.key == "valid.room_name_once"]
