"""The app's figure view and the tables of the results pages, inspected without a
browser (the figures themselves: ``test_plot.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("plotly")

import matching
from matching import analysis, plot
from matching.plan import Plan
from matching.problem import Problem
from matching.solver import SolverSettings, solve
from matching.ui import charts


@pytest.fixture(scope="module")
def solved() -> tuple[Problem, Plan]:
    problem = matching.load_problem(Path(__file__).resolve().parents[2] / "data" / "tiny")
    return problem, solve(problem, SolverSettings(time_limit=5, workers=1))


def test_a_figure_view_shows_a_figure_and_clears(solved: tuple[Problem, Plan]) -> None:
    problem, _ = solved
    view = charts.FigureView()
    view.show(plot.timeline(problem, Plan(()), "room", "en"))
    assert view.widget.outputs[0]["output_type"] == "display_data"
    assert view.widget.outputs[0]["data"]["text/plain"] == "Timeline by room"
    view.show(None)
    assert view.widget.outputs == () and view.figure is None


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_chart_can_never_be_sent_to_the_cloud_and_its_toolbar_speaks_the_language(
        solved: tuple[Problem, Plan], language: str) -> None:
    """The toolbar's share and edit buttons upload the chart (a timeline names the
    volunteers): they are gone. In Chinese, plotly.js's own words come with the chart."""
    problem, plan = solved
    view = charts.FigureView()
    view.show(plot.timeline(problem, plan, "volunteer", language), language)
    config = view.widget.outputs[0]["data"]["application/vnd.plotly.v1+json"]["config"]
    assert config["showSendToCloud"] is False and config["displaylogo"] is False
    assert {"sendDataToCloud", "sendChartToCloud"} <= set(config["modeBarButtonsToRemove"])
    if language == "zh":
        assert config["locale"] == "zh-CN"
        words = config["locales"]["zh-CN"]["dictionary"]
        assert words["Zoom"] == "缩放" and words["Reset axes"] == "重置坐标轴"
    else:
        assert "locale" not in config


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_chart_keeps_its_own_height_when_its_page_is_shown_again(
        solved: tuple[Problem, Plan], language: str) -> None:
    """Every figure has an explicit height; the renderer resizes it each time its page is
    shown, and a *responsive* chart first drawn in view (after a language switch) then
    took the height of its container, 0 px: a blank page (browser test:
    ``test_voila_page_solves_switches_language_and_stops``). Not responsive, the chart
    keeps the height it is drawn at and still takes the width of its page."""
    problem, plan = solved
    view = charts.FigureView()
    for by in ("room", "volunteer", "theme"):
        view.show(plot.timeline(problem, plan, by, language), language)
        spec = view.widget.outputs[0]["data"]["application/vnd.plotly.v1+json"]
        assert spec["layout"]["height"] > 0 and "width" not in spec["layout"]
        assert spec["config"]["responsive"] is False


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
    with pytest.raises(KeyError, match="a3 has no role 'juggling'"):
        analysis.candidates(problem, None, "a3", "juggling")
    with pytest.raises(KeyError, match="no activity 'nope'"):  # not "nope has no role"
        analysis.candidates(problem, None, "nope", "teach")


def test_a_language_the_catalogue_lacks_is_refused_by_name(
        solved: tuple[Problem, Plan]) -> None:
    """``language="fr"`` once failed deep inside as ``KeyError: 'fr'`` (candidates) or
    read as English without a word (the activity table, every export word)."""
    problem, plan = solved
    for table in (lambda: analysis.activity_table(problem, plan, "fr"),
                  lambda: analysis.candidates(problem, plan, "a3", "first_aid", "fr")):
        with pytest.raises(ValueError, match="language 'fr': one of zh, en"):
            table()


def test_activity_details(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    details = dict(analysis.activity_details(problem, plan, "a4"))
    assert details["status"] == "scheduled" and details["room_id"] == "studio"
    assert "host 1/1/1" in details["roles"]
    # a window to the end of a day: its 24:00, not the next day's 00:00
    window = dict(analysis.activity_details(problem, plan, "a2"))["window"]
    assert window == "Wed 2024-03-06 00:00 – Fri 2024-03-08 24:00"
    window = dict(analysis.activity_details(problem, plan, "a2", "zh"))["window"]
    assert window == "2024-03-06 周三 00:00 – 2024-03-08 周五 24:00"


def test_the_findings_of_a_rule_name_rooms_and_people(solved: tuple[Problem, Plan]) -> None:
    """The analysis page lists a rule's findings: rooms and volunteers by name, as a
    coordinator knows them, not by their ids."""
    import pandas as pd

    from matching.ui.results import _by_name

    problem, _ = solved
    items = pd.DataFrame({"activity_id": ["a1", "a3"], "room_id": ["hall", None],
                          "volunteer_id": ["v1", "nobody"], "message": ["x", "y"]})
    shown = _by_name(items, problem)
    assert list(shown.columns) == ["activity_id", "room", "name", "message"]
    assert shown["room"].tolist()[0] == "Hall" and shown["name"].tolist() == ["Ann Lee",
                                                                               "nobody"]
    assert _by_name(items, None) is items
