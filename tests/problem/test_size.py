"""The size of a plan, predicted before anything is built over the horizon: a typo in
``horizon_end`` is an error in a moment, not a MemoryError after minutes."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA

import matching.problem.size as size_module
from matching.errors import DataError
from matching.io import build_problem, load_problem
from matching.problem import Facts, Problem
from matching.problem.size import (
    FALLBACK_MEMORY,
    estimate,
    horizon_error,
    machine_memory,
    size_warnings,
    too_large,
)
from matching.shapes import meeting_schedule
from matching.summary import workbook_lines

EIGHT_GB = 8 * 2**30


def _with_horizon_end(source: Path, folder: Path, end: str) -> Path:
    """A copy of the workbook at ``source`` whose ``horizon_end`` is ``end``."""
    shutil.copytree(source, folder)
    settings = folder / "settings.csv"
    lines = [f"horizon_end,{end}" if line.startswith("horizon_end,") else line
             for line in settings.read_text(encoding="utf-8-sig").splitlines()]
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def no_slot_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails the test if anything starts building masks over the slot grid."""
    def refuse(self: Facts, problem: Problem) -> None:
        raise AssertionError("eligibility facts were built over the horizon")

    monkeypatch.setattr(Facts, "__init__", refuse)


@pytest.mark.usefixtures("no_slot_work")
@pytest.mark.parametrize(("source", "end", "told"), [
    ("tiny", "2924-03-10", "horizon 2024-03-04 to 2924-03-10 is 900 years: 7.9 million slots"),
    ("qianjin-2023", "2923-12-31",
     "horizon 2023-01-01 to 2923-12-31 is 901 years: 15.8 million slots"),
])
def test_a_typo_in_horizon_end_is_an_error_naming_the_estimate(
        tmp_path: Path, source: str, end: str, told: str) -> None:
    folder = _with_horizon_end(DATA / source, tmp_path / "typo", end)
    with pytest.raises(DataError) as info:
        load_problem(folder)
    [issue] = info.value.issues
    assert (issue.table, issue.row, issue.column, issue.value) == ("settings", 4, "value", end)
    assert issue.expected.startswith(told)
    assert issue.expected.endswith("; a horizon of at most 10 years (check horizon_end)")
    assert "room-days" in issue.expected and "staffing options" in issue.expected


def test_the_typo_would_have_taken_gigabytes(tmp_path: Path) -> None:
    problem = load_problem(DATA / "qianjin-2023")
    size = estimate(problem)
    assert 100 * 2**20 < size.memory < 2**30  # calibrated: about 180 MB measured
    long = _with_horizon_end(DATA / "qianjin-2023", tmp_path / "long", "2032-12-31")
    ten_years = estimate(load_problem(long))  # ten years is allowed, with a warning
    assert ten_years.slots == 10 * size.slots + 3 * 48  # 2024, 2028 and 2032 are leap years
    assert ten_years.memory > size.memory
    assert (ten_years.room_days, ten_years.staffing) == (size.room_days, size.staffing)


@pytest.mark.parametrize("source", ["tiny", "qianjin-2023"])
def test_the_shipped_workbooks_are_of_a_sensible_size(source: str) -> None:
    problem = load_problem(DATA / source)
    size = estimate(problem)
    assert horizon_error(size) is None
    assert too_large(size, EIGHT_GB) is None and size_warnings(size, EIGHT_GB) == []
    assert not [w for w in problem.input_warnings if w.row == 4 and w.table == "settings"]


@pytest.mark.parametrize("source", ["tiny", "qianjin-2023"])
def test_the_options_counted_bound_the_model_from_above(source: str) -> None:
    """Room-days: the days on which each room may hold each activity, as the start's
    domain restricted to the room holds them (a piece a day)."""
    problem = load_problem(DATA / source)
    facts, size = problem.facts, estimate(problem)
    per_day = problem.grid.slots_per_day
    days = sum(np.unique(starts // per_day).size for a in problem.activities
               for starts in facts.room_starts(a.activity_id).values())
    seats = sum(len(facts.eligible_volunteers(r.activity_id, r.role)) for r in problem.roles)
    assert days <= size.room_days <= 1.2 * days  # opening hours are left out
    assert seats <= size.staffing


def test_activities_free_to_take_any_slot_of_weeks_are_not_counted_slot_by_slot() -> None:
    """800 meetings, each free to take any slot of ten weeks in five rooms: 295 MB
    measured; counting start slots put them at 60 GB, and ``solve`` refused them."""
    problem = build_problem(meeting_schedule(800, seed=4))
    size = estimate(problem)
    assert size.room_days == 800 * 5 * 72 - sum(
        5 - sum(r.capacity >= a.expected_attendance for r in problem.rooms)
        for a in problem.activities) * 72
    assert size.memory < 2**30 and too_large(size, EIGHT_GB) is None
    assert size_warnings(size, EIGHT_GB) == []


def test_a_horizon_over_three_years_is_a_warning(tmp_path: Path) -> None:
    problem = load_problem(_with_horizon_end(DATA / "tiny", tmp_path / "long", "2028-03-10"))
    [warning] = [w for w in problem.input_warnings if w.table == "settings"]
    assert (warning.row, warning.column, warning.value) == (4, "value", "2028-03-10")
    assert warning.expected.startswith("horizon 2024-03-04 to 2028-03-10 is 4 years: ")
    assert warning.expected.endswith("; horizons over 3 years are slow to plan "
                                     "(check horizon_end)")


def test_a_model_slow_to_build_is_a_warning_that_says_what_a_short_limit_returns() -> None:
    """The embedded year's model takes well under a second to build; thirty copies of
    its staffing options (about 300,000, about 11 s) are said to, in both languages."""
    from dataclasses import replace

    from matching.problem.size import SECONDS_PER_STAFFING, SLOW_BUILD_SECONDS

    year = estimate(load_problem(DATA / "qianjin-2023"))
    assert year.build_seconds < 1 and size_warnings(year, EIGHT_GB) == []
    slow = replace(year, room_days=0,
                   staffing=int(1.1 * SLOW_BUILD_SECONDS / SECONDS_PER_STAFFING))
    [warning] = size_warnings(slow, 64 * 2**30)
    assert warning.render("en").endswith("building its model takes about 11 s before any "
                                         "search: a shorter time limit returns the first-fit "
                                         "plan")
    assert "求解前建立模型约需 11 秒" in warning.render("zh")


def test_too_large_names_the_estimate_and_the_memory() -> None:
    size = estimate(load_problem(DATA / "qianjin-2023"))
    message = too_large(size, 256 * 2**20)
    assert message is not None
    text = message.render("en")
    assert text.startswith("horizon 2023-01-01 to 2023-12-31 is 365 days: 17,520 slots")
    assert "more than 50% of this machine's 256 MB: planning would likely run out of memory"\
        in text
    assert message.render("zh").startswith("规划期 2023-01-01 至 2023-12-31 共 365 天")
    assert size_warnings(size, 256 * 2**20) == [message]


def test_check_skips_the_slot_grid_when_the_plan_would_not_fit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    problem = load_problem(DATA / "tiny")
    monkeypatch.setattr(size_module, "machine_memory", lambda: 1024)
    monkeypatch.setattr(Facts, "__init__", lambda *args: pytest.fail("facts were built"))
    lines = workbook_lines(problem)
    assert lines[-1].startswith("  (rooms never open, people never available")
    assert any(line.startswith("size       168 slots, 9 room-days and ") for line in lines)


def test_machine_memory_falls_back_to_8_gib(monkeypatch: pytest.MonkeyPatch) -> None:
    assert machine_memory() > 0

    def unreadable(*args: object) -> str:
        raise OSError("no such file")

    def unknown(name: str) -> int:
        raise ValueError(name)

    monkeypatch.setattr(size_module.os, "sysconf", unknown)
    monkeypatch.setattr(size_module.Path, "read_text", unreadable)
    assert machine_memory() == FALLBACK_MEMORY == 8 * 2**30


def test_a_date_that_does_not_parse_is_its_error_alone(tmp_path: Path) -> None:
    """An activity whose window did not parse is not sized from year 1: its date is the
    one error, with no warning that planning would run out of memory."""
    book = tmp_path / "tiny"
    shutil.copytree(DATA / "tiny", book)
    path = book / "activities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "a1,Phone class 1,spring,activity,s1,2024-03-04,",
        "a1,Phone class 1,spring,activity,s1,2024-13-01,"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_problem(book)
    assert [(i.table, i.column) for i in info.value.issues] == [("activities",
                                                                 "earliest_start")]
    assert not any("memory" in str(w) for w in info.value.warnings)
