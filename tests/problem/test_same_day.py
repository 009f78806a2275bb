"""An activity ends on the day it starts. One that could only end after midnight is a
``check`` warning and its reason says so, rather than blaming rooms open all day."""

from __future__ import annotations

from builder import Workbook

from matching.explain import no_placement_reason
from matching.greedy import greedy_plan
from matching.problem import Problem

ALL_DAY = "; ".join(f"{d} 00:00-24:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri"))


def workbook(earliest: str, latest: str, **cells: str) -> Problem:
    """Two rooms open around the clock and one choir practice of 120 minutes."""
    book = Workbook("2024-03-04", days=7)
    book.room("hall", hours=ALL_DAY).room("studio", hours=ALL_DAY)
    book.activity("b1", "Choir", earliest, latest, minutes=120, **cells)
    return book.problem()


def warnings_about_b1(problem: Problem) -> list[str]:
    return [str(w) for w in problem.warnings if w.value == "b1"]


def test_a_fixed_start_that_would_end_after_midnight() -> None:
    problem = workbook("2024-03-06 18:00", "2024-03-07 02:00",
                       fixed_start="2024-03-06 23:00")
    why = ("it is fixed to start Wed 2024-03-06 23:00 and takes 120 min, so it would end "
           "after midnight, but an activity ends on the day it starts")
    assert warnings_about_b1(problem) == [
        f"warning: activities, row 2, column 'activity_id': got 'b1'; this activity can never be "
        f"scheduled: {why}"]
    reason = no_placement_reason(problem, problem.activity_by_id["b1"])
    assert reason is not None and str(reason) == why
    assert "午夜" in reason.render("zh")
    assert greedy_plan(problem).assignment_of["b1"].reason == why


def test_a_window_with_no_day_long_enough() -> None:
    problem = workbook("2024-03-06 23:00", "2024-03-07 01:00")
    assert str(no_placement_reason(problem, problem.activity_by_id["b1"])) == (
        "no day of its window leaves 120 min before midnight, and an activity ends on the "
        "day it starts")


def test_rooms_keep_the_blame_when_they_are_the_cause() -> None:
    book = Workbook("2024-03-04", days=7)
    book.room("hall", hours="Wed 09:00-10:00")
    book.activity("b1", "Choir", "2024-03-06 09:00", "2024-03-06 17:00", minutes=120)
    problem = book.problem()
    assert str(no_placement_reason(problem, problem.activity_by_id["b1"])).startswith(
        "no room fits: Hall is never open")
