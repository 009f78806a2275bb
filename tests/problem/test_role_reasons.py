"""Why a role can never be filled reads right in both languages, whatever the workbook
lacks: all its volunteers, or the age a volunteer would need."""

from __future__ import annotations

from builder import Workbook

from matching.problem.eligibility import short_roles


def book() -> Workbook:
    return Workbook("2024-03-04").room("hall", hours="Mon 09:00-12:00")


def test_a_workbook_without_volunteers_says_so_not_that_none_has_the_skill() -> None:
    problem = book().activity("a", "Talk", "2024-03-04 09:00", "2024-03-04 12:00",
                              roles={"teach": (2, 2, 2)}).problem()
    [reason] = short_roles(problem, problem.activity_by_id["a"])
    assert reason.render("en") == "role teach needs 2 but the workbook has no volunteers"
    assert reason.render("zh") == "岗位teach需要 2 人，而工作簿中没有志愿者"


def test_a_volunteer_below_the_age_band_asked_reads_as_one_reason() -> None:
    """Not "Dee Xu is youth, adult or older asked", a list of three bands."""
    problem = (book().volunteer("dee", skills="teach", available="Mon 09:00-12:00",
                                name="Dee Xu", age_band="youth")
               .activity("a", "Talk", "2024-03-04 09:00", "2024-03-04 12:00",
                         min_age_band="adult", roles={"teach": (1, 1, 1)}).problem())
    [reason] = short_roles(problem, problem.activity_by_id["a"])
    assert reason.render("en") == (
        "role teach needs 1 but only 0 volunteer(s) can ever come (Dee Xu's age band is "
        "youth, not adult or older)")
    assert reason.render("zh").endswith("（Dee Xu 的年龄段为青年，要求成年及以上）")


def test_the_skill_is_named_only_when_someone_lacks_it() -> None:
    """Too few volunteers who all have the skill: only the count; one more without it:
    the count of those who lack it too."""
    enough = (book().volunteer("ann", skills="teach", available="Mon 09:00-12:00")
              .activity("a", "Talk", "2024-03-04 09:00", "2024-03-04 12:00",
                        roles={"teach": (2, 2, 2)}))
    problem = enough.problem()
    [reason] = short_roles(problem, problem.activity_by_id["a"])
    assert reason.render("en") == "role teach needs 2 but only 1 volunteer(s) can ever come"
    assert reason.render("zh") == "岗位teach需要 2 人，能来的志愿者只有 1 位"
    lacking = enough.volunteer("bo", skills="host", available="Mon 09:00-12:00").problem()
    [reason] = short_roles(lacking, lacking.activity_by_id["a"])
    assert reason.render("en").endswith("can ever come (1 lack the skill teach)")
