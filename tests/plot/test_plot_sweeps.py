"""Figures of many runs (no-show draws, a parameter grid, a batch of centers) from tables
shaped like a sweep's and a batch's results, without running either."""

from __future__ import annotations

import pandas as pd
import pytest

from matching import plot
from matching.plot.sweeps import grid_parameters


def draws() -> pd.DataFrame:
    rows = []
    for probability in (0.1, 0.2):
        for draw in range(4):
            rows.append({"group": f"no-shows p={probability:g}", "probability": probability,
                         "draw": draw, "understaffed_share": probability * draw / 4,
                         "seats_short.host": draw, "seats_short.first_aid": 4 - draw})
    return pd.DataFrame(rows)


def test_no_show_groups_are_named_by_their_probability_in_the_language() -> None:
    figure = plot.no_show_spread(draws(), "zh")
    assert [t.name for t in figure.data] == ["缺席概率 10%", "缺席概率 20%"]
    assert list(figure.data[1].x) == pytest.approx([0.0, 0.05, 0.1, 0.15])
    assert figure.layout.title.text == "缺席抽样下固定方案的缺口"
    assert (figure.layout.legend.yref, figure.layout.legend.y) == ("container", 0)


def test_seats_short_has_a_box_per_group_with_every_role() -> None:
    figure = plot.seats_short(draws(), "en")
    low = figure.data[0]
    assert low.name == "no-shows 10%"
    assert list(low.x) == ["host"] * 4 + ["first_aid"] * 4
    assert list(low.y) == [0, 1, 2, 3, 4, 3, 2, 1]


def test_kpi_spread_names_key_figures_from_the_catalogue() -> None:
    runs = pd.DataFrame({"activities_scheduled": [20, 22], "changed_staffing": [3, 1]})
    figure = plot.kpi_spread(runs, ["activities_scheduled", "changed_staffing"],
                             "chart.replanned", "zh")
    assert [t.name for t in figure.data] == ["已排活动", "改动的岗位安排"]
    assert figure.data[0].boxpoints == "all"


def test_grid_points_read_the_parameters_from_the_scenario_names() -> None:
    runs = pd.DataFrame({
        "scenario": ["attendance=1, weight_fairness=0", "attendance=1, weight_fairness=20",
                     "attendance=2, weight_fairness=0"],
        "volunteer_load_hours_max": [30.0, 24.0, 36.0], "activities_scheduled": [10, 10, 8]})
    assert grid_parameters(runs).to_dict("list") == {
        "attendance": ["1", "1", "2"], "weight_fairness": ["0", "20", "0"]}
    figure = plot.grid_points(runs, x="weight_fairness", y="volunteer_load_hours_max",
                              colour_by="attendance", size="activities_scheduled",
                              language="en")
    assert [t.name for t in figure.data] == ["attendance factor=1", "attendance factor=2"]
    assert list(figure.data[0].y) == [30.0, 24.0]
    assert figure.layout.yaxis.title.text == "most hours of a volunteer"
    assert figure.layout.xaxis.title.text == "Fair load weight"
    chinese = plot.grid_points(runs, x="weight_fairness", y="volunteer_load_hours_max",
                               colour_by="attendance", size="activities_scheduled")
    assert [t.name for t in chinese.data] == ["预计人数倍数=1", "预计人数倍数=2"]
    assert chinese.layout.xaxis.title.text == "“负荷均衡”的权重"


def test_batch_seats_has_three_bars_per_center() -> None:
    seats = pd.DataFrame({"seats_min": [5, 6], "seats_target": [8, 9], "seats_filled": [7, 9]},
                         index=pd.Index(["center-01", "center-02"], name="center"))
    figure = plot.batch_seats(seats, "zh")
    assert [t.name for t in figure.data] == ["最少岗位人次", "目标岗位人次", "已配岗位人次"]
    assert list(figure.data[2].x) == ["center-01", "center-02"]
    assert list(figure.data[2].y) == [7, 9]
