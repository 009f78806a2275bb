"""Sessions of a series take place in the order of their rows: windows that contradict
that order are a ``check`` warning, an infeasibility found before any search when both
sessions must take place, and the reason named when a session is left out for it. Rows
listed against their dates (a session whose window ends before an earlier row's begins:
the sheet sorted by title) move up before the first such row, with a warning, and the
order is the workbook's in any part of it."""

from __future__ import annotations

from datetime import date, datetime

from builder import Workbook

from matching.evaluate import evaluate
from matching.explain import annotate, static_conflicts
from matching.io import build_problem
from matching.plan import Assignment, Plan
from matching.problem import Problem
from matching.problem.select import restrict
from matching.problem.series import series_clashes
from matching.scenario import workbook_tables
from matching.solver import SolverSettings, solve

DAYS = "; ".join(f"{d} 09:00-17:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri"))
SETTINGS = SolverSettings(time_limit=2, workers=1, seed=0)


def workbook(rows: list[tuple[str, str, str, str]]) -> Problem:
    """One hall and the sessions of series s1 in the order of ``rows`` (id, earliest,
    latest, priority)."""
    book = Workbook("2024-03-04", days=7)
    book.room("hall", hours=DAYS)
    for aid, earliest, latest, priority in rows:
        book.activity(aid, f"Class {aid}", earliest, latest, series_id="s1",
                      priority=priority)
    return book.problem()


# the second session's row comes first, and its window (from Tue 16:30, when the hall is
# about to close, to Thu) overlaps the first's (Mon to Tue 17:00) only where neither fits
OUT_OF_ORDER = [("a2", "2024-03-05 16:30", "2024-03-07", "high"),
                ("a1", "2024-03-04", "2024-03-05 17:00", "high")]
# the same sessions, the second's window wholly after the first's: rows sorted by title
SORTED_BY_TITLE = [("a2", "2024-03-06", "2024-03-07", "high"),
                   ("a1", "2024-03-04", "2024-03-05", "high")]


def series_warnings(problem: Problem) -> list[str]:
    return [str(w) for w in problem.warnings if w.column == "series_id"]


def test_check_names_the_series_and_the_sessions_whose_windows_contradict_the_rows() -> None:
    assert series_warnings(workbook(OUT_OF_ORDER)) == [
        "warning: activities, column 'series_id': got 's1'; series s1 takes place in the "
        "order of its rows, and Class a2 (a2), the earlier row, ends Wed 2024-03-06 10:00 at "
        "the soonest, after Class a1 (a1) must have started (Tue 2024-03-05 16:00 at the "
        "latest): they can never both be scheduled; put the rows in the order the sessions "
        "take place, or correct their windows"]
    assert series_warnings(workbook(OUT_OF_ORDER[::-1])) == []


def test_each_session_is_named_once_with_the_first_row_it_cannot_follow() -> None:
    # each window ends after the others begin (c and b can start Thu 09:00 at the
    # soonest, when the hall opens), so the rows are not sorted against their dates
    problem = workbook([("c", "2024-03-06 16:30", "2024-03-08", "normal"),
                        ("b", "2024-03-06 16:30", "2024-03-07 10:30", "normal"),
                        ("a", "2024-03-04", "2024-03-06 16:45", "normal")])
    assert [(c.first, c.second) for c in series_clashes(problem)] == [("c", "b"), ("c", "a")]
    # among some sessions only (those that must take place), the others do not count
    assert [(c.first, c.second) for c in series_clashes(problem, among={"b", "a"})] == [
        ("b", "a")]


def test_a_session_left_out_for_the_series_order_says_so() -> None:
    problem = workbook(OUT_OF_ORDER)
    plan = solve(problem, SETTINGS)
    assert evaluate(problem, plan).feasible
    [out] = [a for a in plan.assignments if a.start is None]
    other = {"a1": "a2", "a2": "a1"}[out.activity_id]
    assert out.reason.startswith("series s1 takes place in the order of its rows, and "
                                 f"Class {other} ({other})")


def test_a_must_session_keeps_its_place_and_the_other_says_why() -> None:
    problem = workbook([OUT_OF_ORDER[0], ("a1", "2024-03-04", "2024-03-05", "must")])
    plan = solve(problem, SETTINGS)
    assert plan.assignment_of["a1"].start is not None
    assert plan.assignment_of["a2"].reason == (
        "series s1 takes place in the order of its rows, and Class a1 (a1), a later row, "
        "starts Mon 2024-03-04 09:00, before it could end")


def test_must_sessions_against_the_row_order_are_infeasible_before_any_search() -> None:
    problem = workbook([(aid, first, last, "must") for aid, first, last, _ in OUT_OF_ORDER])
    [conflict] = [str(c) for c in static_conflicts(problem)]
    assert conflict.startswith("Class a2 (a2) and Class a1 (a1) must both take place, but "
                               "series s1 takes place in the order of its rows")
    plan = solve(problem, SETTINGS)
    assert plan.status == "INFEASIBLE" and plan.conflicts == (conflict,)


def test_a_session_with_no_time_between_its_placed_neighbours_names_both() -> None:
    problem = workbook([("s1a", "2024-03-04 09:00", "2024-03-04 17:00", "normal"),
                        ("s1b", "2024-03-04 09:00", "2024-03-04 17:00", "normal"),
                        ("s1c", "2024-03-04 09:00", "2024-03-04 17:00", "normal")])
    monday = datetime(2024, 3, 4)
    plan = annotate(problem, Plan((
        Assignment("s1a", monday.replace(hour=11), monday.replace(hour=12), "hall"),
        Assignment("s1b"),
        Assignment("s1c", monday.replace(hour=12), monday.replace(hour=13), "hall"))))
    assert plan.assignment_of["s1b"].reason == (
        "series s1 takes place in the order of its rows, and no start in its window fits "
        "between Class s1a (s1a), an earlier row ending Mon 2024-03-04 12:00, and Class s1c "
        "(s1c), a later row starting Mon 2024-03-04 12:00")


def test_rows_sorted_against_their_dates_are_planned_in_the_order_of_their_dates() -> None:
    """The year's activities sorted by title left 20 sessions of the summer camp and the
    phone classes out: 第10讲 sorts before 第2讲."""
    musts = [(aid, first, last, "must") for aid, first, last, _ in SORTED_BY_TITLE]
    problem = workbook(musts)
    assert problem.series == {"s1": ("a1", "a2")}
    assert series_warnings(problem) == [
        "warning: activities, row 3, column 'series_id': got 's1'; the rows of a series in "
        "the order of its sessions: Class a1 (a1) must take place before Class a2 (a2), an "
        "earlier row (the sheet sorted by another column?); it is taken before it"]
    plan = solve(problem, SETTINGS)
    assert evaluate(problem, plan).feasible
    first, second = (plan.assignment_of[aid].start for aid in ("a1", "a2"))
    assert first is not None and second is not None and first < second


def test_rows_a_plan_can_keep_keep_their_order_against_earlier_windows() -> None:
    """A first session from Wednesday and a second any day of the week: the second comes
    after the first, as listed, although its window begins sooner."""
    problem = workbook([("a1", "2024-03-06", "2024-03-08", "normal"),
                        ("a2", "2024-03-04", "2024-03-08", "normal")])
    assert problem.series == {"s1": ("a1", "a2")}
    assert series_warnings(problem) == []


def test_a_session_listed_too_late_moves_up_and_the_others_keep_their_order() -> None:
    """Sorting the whole series by date put x (Monday, all day) before y (Monday 9-10),
    listed in a workable order, and made a clash the rows did not have."""
    problem = workbook([("w", "2024-03-06", "2024-03-06", "must"),
                        ("y", "2024-03-04 09:00", "2024-03-04 10:00", "must"),
                        ("x", "2024-03-04 08:30", "2024-03-04 17:00", "must")])
    assert problem.series == {"s1": ("y", "x", "w")}
    assert series_clashes(problem) == []
    assert solve(problem, SETTINGS).status == "OPTIMAL"


def test_a_part_of_the_workbook_keeps_the_order_of_the_whole() -> None:
    """b (Monday) must precede x (Wednesday), listed first, so it moves up before x; a
    (any day) keeps its place after x. The theme of a and b alone, ordered afresh, had a
    before b: a plan of the whole year failed the series order in a theme's scope."""
    book = Workbook("2024-03-04", days=7)
    book.room("hall", hours=DAYS)
    for aid, earliest, latest, theme in [("x", "2024-03-06", "2024-03-06", "T2"),
                                         ("a", "2024-03-04", "2024-03-08", "T1"),
                                         ("b", "2024-03-04", "2024-03-04", "T1")]:
        book.activity(aid, f"Class {aid}", earliest, latest, series_id="s1", theme_id=theme)
    problem = book.problem()
    assert problem.series == {"s1": ("b", "x", "a")}
    assert restrict(problem, theme_id="T1").series == {"s1": ("b", "a")}


def test_a_part_written_back_to_tables_keeps_the_order_of_the_whole() -> None:
    """x3 moves up before x0, listed first; the part without x0, written as tables (as a
    what-if of a quarter does) and read back, ranked its rows afresh: x2 before x3."""
    book = Workbook("2024-03-04", days=7)
    book.room("hall", hours=DAYS)
    for aid, earliest, latest in [("x0", "2024-03-08 12:00", "2024-03-09 18:00"),
                                  ("x2", "2024-03-06 09:00", "2024-03-08 20:00"),
                                  ("x3", "2024-03-07 09:00", "2024-03-07 12:00")]:
        book.activity(aid, f"Class {aid}", earliest, latest, series_id="s1")
    problem = book.problem()
    assert problem.series == {"s1": ("x3", "x0", "x2")}
    part = restrict(problem, end=date(2024, 3, 8))
    assert part.series == {"s1": ("x3", "x2")}
    assert build_problem(workbook_tables(part)).series == part.series
