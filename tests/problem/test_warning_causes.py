"""`check`'s warnings about an activity that can never take place give the cause `solve`
gives (capacity, equipment, a closure: not always the opening hours), and name the row
of the activity or volunteer, as the workbook numbers it."""

from __future__ import annotations

from pathlib import Path

from conftest import tiny_edited

from matching.explain import annotate
from matching.greedy import greedy_plan
from matching.io import load_problem
from matching.problem import Problem

CLOSURE = "room_id,start,end,reason\nhall,2024-03-05,2024-03-05,{reason}\n"


def a3(**cells: str) -> dict[str, object]:
    """Edits of ``data/tiny`` that change the cells of activity a3 (a blank line above it,
    so that its row is not its place among the records plus one)."""
    def edit(text: str) -> str:
        header, *lines = text.splitlines()
        columns = header.split(",")
        for number, line in enumerate(lines):
            values = line.split(",")
            if values[0] == "a3":
                for column, value in cells.items():
                    values[columns.index(column)] = value
                lines[number] = "\n" + ",".join(values)  # it moves to row 5
        return "\n".join([header, *lines]) + "\n"
    return {"activities": edit}


def warned(problem: Problem, value: str) -> list[str]:
    return [str(w) for w in problem.warnings if w.value == value]


def test_an_activity_too_large_for_every_room_is_warned_about_for_its_size(
        tmp_path: Path) -> None:
    problem = load_problem(tiny_edited(tmp_path, **a3(expected_attendance="50",
                                                      priority="high")))
    assert warned(problem, "a3") == [
        "warning: activities, row 5, column 'activity_id': got 'a3'; this activity can never "
        "be scheduled: no room fits: Hall holds 40, 50 expected; Studio holds 10, 50 expected"]
    [warning] = [w for w in problem.warnings if w.value == "a3"]
    assert "40" in warning.expectation("zh") and "no room" not in warning.expectation("zh")


def test_a_fixed_start_before_its_room_opens_is_said_to_be_the_cause(tmp_path: Path
                                                                     ) -> None:
    """The hall opens at 09:00 and a3 is fixed there at 07:00: not "Hall is never open
    for 120 min in the window", which is false of a window that runs to noon."""
    problem = load_problem(tiny_edited(tmp_path, **a3(
        earliest_start="2024-03-05 07:00", fixed_start="2024-03-05 07:00", fixed_room="hall")))
    [warning] = [w for w in problem.warnings if w.value == "a3"]
    assert warning.expectation("en").endswith(
        "no room fits: Hall is not open or free for 120 min from the fixed start Tue "
        "2024-03-05 07:00; the activity is fixed to Hall")
    assert "从固定开始时间 2024-03-05 周二 07:00 起" in warning.expectation("zh")


def test_a_fixed_start_on_a_day_its_room_is_closed_says_so() -> None:
    """The yard opens at weekends and a walk is fixed there on New Year's Day, a
    Wednesday: not "not open or free for 60 min from the fixed start", which hid that it
    is shut all day, nor that a public holiday keeps a room's weekday hours unless it has
    `holiday` rows."""
    from builder import Workbook

    def walk(holidays: str, hours: str = "Sat 09:00-17:00; Sun 09:00-17:00",
             center_shut: bool = False) -> str:
        book = Workbook("2024-12-30", days=7, holidays=holidays)
        book.room("yard", hours=hours)
        book.activity("walk", "Walk", "2025-01-01 09:00", "2025-01-01 17:00",
                      fixed_start="2025-01-01 09:00", fixed_room="yard")
        if center_shut:
            book.closure("2025-01-01", "2025-01-01", reason="New Year")
        [warning] = [w for w in book.problem().warnings if w.value == "walk"]
        return warning.expectation("en")

    assert walk("").endswith(
        "no room fits: Yard is not open at all on the day of the fixed start, Wed 2025-01-01")
    assert walk("CN").endswith(
        "no room fits: Yard is not open at all on the day of the fixed start, Wed 2025-01-01, "
        "a public holiday: a room without holiday hours keeps its weekday's")
    # the whole center shut that day: that is the cause, not the yard's Wednesday hours
    shut = walk("CN", "Wed 09:00-17:00", center_shut=True)
    assert "the whole center is closed" in shut and "not open at all" not in shut, shut


def test_roles_only_one_person_can_fill_between_them_are_said_together(tmp_path: Path
                                                                       ) -> None:
    """Ann gives no hours, so Bo alone can fill either role of the first aid workshop;
    one person fills one role of an activity, so it cannot take place. `check` said
    nothing of it (each role alone has its one person) and `solve` found it at once."""
    from matching.solver import SolverSettings, solve

    book = tiny_edited(tmp_path, volunteers=lambda text: text.replace(
        "v1,Ann Lee,staff,teach;host,adult,,,", "v1,Ann Lee,staff,teach;host,adult,0,0,"))
    problem = load_problem(book)
    why = ("roles first_aid and host need 2 people together (one person fills one role of "
           "an activity); only 1 can fill any of them: Bo Chen")
    assert warned(problem, "a3") == [
        "warning: activities, row 4, column 'activity_id': got 'a3'; this activity can never "
        f"be scheduled: {why}"]
    plan = solve(problem, SolverSettings(time_limit=5, workers=1))
    assert plan.status == "INFEASIBLE" and plan.conflicts == (
        f"First aid workshop (a3) must take place, but {why}",)


def test_a_volunteer_never_available_is_warned_about_on_their_row(tmp_path: Path) -> None:
    book = tiny_edited(tmp_path, availability=lambda text: "\n".join(
        line for line in text.splitlines() if not line.startswith("v2,")) + "\n")
    assert warned(load_problem(book), "v2") == [
        "warning: volunteers, row 3, column 'volunteer_id': got 'v2'; this volunteer is "
        "never available (no availability rows)"]


def test_a_closure_and_its_reason_explain_why_an_activity_has_no_room(tmp_path: Path
                                                                      ) -> None:
    book = tiny_edited(tmp_path, **a3(priority="must"))
    (book / "closures.csv").write_text(CLOSURE.format(reason="floor renovation"))
    problem = load_problem(book)
    why = ("no room fits: Hall is never open or free for 120 min in the window: Hall is "
           "closed Tue 2024-03-05 (floor renovation); Studio holds 10, 20 expected")
    assert warned(problem, "a3") == [
        "warning: activities, row 5, column 'activity_id': got 'a3'; this activity can never "
        f"be scheduled: {why}"]
    plan = annotate(problem, greedy_plan(problem))
    reason = plan.assignment_of["a3"].why
    assert str(reason) == why
    assert reason is not None and "floor renovation" in reason.render("zh")
    assert "2024-03-05 周二 停用" in reason.render("zh")


def test_a_closure_without_a_reason_is_named_alone(tmp_path: Path) -> None:
    book = tiny_edited(tmp_path)
    (book / "closures.csv").write_text(CLOSURE.format(reason=""))
    problem = load_problem(book)
    assert warned(problem, "a3") == [
        "warning: activities, row 4, column 'activity_id': got 'a3'; this activity can never "
        "be scheduled: no room fits: Hall is never open or free for 120 min in the window: "
        "Hall is closed Tue 2024-03-05; Studio holds 10, 20 expected"]


def test_a_closure_of_the_whole_center_is_said_once_not_for_every_room(tmp_path: Path
                                                                       ) -> None:
    book = tiny_edited(tmp_path, **a3(expected_attendance="8"))  # the studio holds it
    (book / "closures.csv").write_text("room_id,start,end,reason\n"
                                       ",2024-03-05,2024-03-05,Labour Day\n")
    [warning] = warned(load_problem(book), "a3")
    assert warning.endswith(
        "no room fits: the whole center is closed Tue 2024-03-05 (Labour Day); Hall is never "
        "open or free for 120 min in the window; Studio is never open or free for 120 min "
        "in the window")
    assert warning.count("Labour Day") == 1
