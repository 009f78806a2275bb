"""Figures and tables of the results pages, inspected without a browser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("plotly")

import matching
from matching import analysis
from matching.plan import Plan
from matching.problem import Problem
from matching.solver import SolverSettings, solve
from matching.ui import charts
from matching.ui.i18n import Translator


@pytest.fixture(scope="module")
def solved() -> tuple[Problem, Plan]:
    problem = matching.load_problem(Path(__file__).resolve().parents[1] / "data" / "tiny")
    return problem, solve(problem, SolverSettings(time_limit=5, workers=1))


def test_timelines_have_one_bar_per_activity_or_seat(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    tr = Translator("en")
    by_room = charts.timeline(problem, plan, "room", tr)
    ids = [row[0] for trace in by_room.data for row in trace.customdata]
    assert sorted(ids) == sorted(a.activity_id for a in plan.scheduled)
    by_volunteer = charts.timeline(problem, plan, "volunteer", tr)
    seats = {(row[0], lane) for trace in by_volunteer.data
             for row, lane in zip(trace.customdata, trace.y, strict=True)}
    assert len(seats) == len({(s.activity_id, s.volunteer_id) for s in plan.staffing})
    by_theme = charts.timeline(problem, plan, "theme", tr)
    assert "Spring week" in {lane for trace in by_theme.data for lane in trace.y}
    assert by_room.layout.xaxis.type == "date"


def test_week_calendar_and_load(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    tr = Translator("zh")
    monday = charts.busiest_week(problem, plan)
    assert monday == date(2024, 3, 4) and charts.weeks(problem) == [monday]
    week = charts.week_calendar(problem, plan, monday, tr)
    assert sum(len(t.x) for t in week.data) == len(plan.scheduled)
    assert "周一 03-04" in list(week.layout.xaxis.categoryarray)
    load = charts.volunteer_load(problem, plan, tr)
    hours = {name: h for t in load.data for name, h in zip(t.y, t.x, strict=True)}
    assert hours["Ann Lee"] > 0 and set(hours) == {v.name for v in problem.volunteers}


def test_empty_plan_still_draws(solved: tuple[Problem, Plan]) -> None:
    problem, _ = solved
    empty = Plan(())
    figure = charts.timeline(problem, empty, "room", Translator("en"))
    assert not figure.data and figure.layout.annotations
    view = charts.FigureView()
    view.show(figure)
    assert view.widget.outputs[0]["output_type"] == "display_data"
    view.show(None)
    assert view.widget.outputs == ()


def test_attention_lists_unscheduled_with_their_reason(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    assert analysis.attention_table(problem, plan).empty
    table = analysis.activity_table(problem, plan)
    assert set(table["activity_id"]) == {a.activity_id for a in problem.activities}
    unscheduled = Plan(tuple(a if a.activity_id != "b1" else type(a)("b1", reason="closed")
                             for a in plan.assignments), plan.staffing)
    attention = analysis.attention_table(problem, unscheduled)
    assert list(attention["activity_id"]) == ["b1"]
    assert attention.loc[0, "reason"] == "closed"


def test_candidates_without_a_plan(solved: tuple[Problem, Plan]) -> None:
    problem, _ = solved
    ranked = analysis.candidates(problem, None, "a3", "first_aid").set_index("volunteer_id")
    assert ranked.loc["v2", "status"] == "eligible"
    assert ranked.loc["v4", "status"] == "not_eligible"  # youth, adults asked
    assert ranked.loc["v1", "status"] == "no_skill"
    with pytest.raises(KeyError):
        analysis.candidates(problem, None, "a3", "juggling")


def test_activity_details(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    details = dict(analysis.activity_details(problem, plan, "a4"))
    assert details["status"] == "scheduled" and details["room_id"] == "studio"
    assert "host 1/1/1" in details["roles"]
