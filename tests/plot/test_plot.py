"""The figures of :mod:`matching.plot`, inspected as data: one bar per activity or seat,
titles inside the week calendar's bars, legends under the plot (clear of the title and
the range buttons), tall timelines paged with a bounded height."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

import matching
from matching import plot
from matching.greedy import greedy_plan
from matching.plan import Plan
from matching.plot.calendar import columns
from matching.plot.common import PALETTE, TITLE, TOP, Bar, colour, colours, fit, pages, width
from matching.plot.timeline import LANE_PX
from matching.problem import Problem
from matching.problem.select import quarters, restrict
from matching.solver import SolverSettings, solve
from matching.ui.i18n import Translator

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def solved() -> tuple[Problem, Plan]:
    problem = matching.load_problem(DATA / "tiny")
    return problem, solve(problem, SolverSettings(time_limit=5, workers=1))


@pytest.fixture(scope="module")
def quarter() -> tuple[Problem, Plan]:
    """The embedded center's summer quarter with a first-fit plan: 70 volunteers."""
    full = matching.load_problem(DATA / "qianjin-2023")
    _, first, last = quarters(full)[2]
    problem = restrict(full, start=first, end=last)
    return problem, greedy_plan(problem)


def figures(problem: Problem, plan: Plan, language: str = "zh") -> dict[str, go.Figure]:
    return {
        **{f"timeline_{by}": plot.timeline(problem, plan, by, language)
           for by in ("room", "volunteer", "theme")},
        "week": plot.week_calendar(problem, plan, plot.busiest_week(problem, plan), language),
        "load": plot.volunteer_load(problem, plan, language),
    }


def test_timelines_have_one_bar_per_activity_or_seat(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    by_room = plot.timeline(problem, plan, "room", "en")
    ids = [row[0] for trace in by_room.data for row in trace.customdata]
    assert sorted(ids) == sorted(a.activity_id for a in plan.scheduled)
    by_volunteer = plot.timeline(problem, plan, "volunteer", "en")
    seats = {(row[0], lane) for trace in by_volunteer.data
             for row, lane in zip(trace.customdata, trace.y, strict=True)}
    assert len(seats) == len({(s.activity_id, s.volunteer_id) for s in plan.staffing})
    by_theme = plot.timeline(problem, plan, "theme", "en")
    assert "Spring week" in {lane for trace in by_theme.data for lane in trace.y}
    assert by_room.layout.xaxis.type == "date"
    # a zoom to hours shows the hours, not the same day on every tick
    formats = {tuple(stop.dtickrange): stop.value for stop in by_room.layout.xaxis.tickformatstops}
    assert formats == {(None, 86_399_999): "%m-%d %H:%M", (86_400_000, None): "%m-%d"}


def test_a_translate_function_or_a_language(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    by_name = plot.timeline(problem, plan, "room", "zh")
    by_function = plot.timeline(problem, plan, "room", Translator("zh"))
    assert by_name.layout.title.text == by_function.layout.title.text == "按场地的时间线"
    with pytest.raises(ValueError, match="language 'fr'"):
        plot.timeline(problem, plan, "room", "fr")


def test_week_calendar_and_load(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    monday = plot.busiest_week(problem, plan)
    assert monday == date(2024, 3, 4) and plot.weeks(problem) == [monday]
    week = plot.week_calendar(problem, plan, monday, "zh")
    assert sum(len(t.x) for t in week.data) == len(plan.scheduled)
    assert "周一 03-04" in list(week.layout.xaxis.categoryarray)
    load = plot.volunteer_load(problem, plan, "zh")
    hours = {name: h for t in load.data for name, h in zip(t.y, t.x, strict=True)}
    assert hours["Ann Lee"] > 0 and set(hours) == {v.name for v in problem.volunteers}


def test_empty_plan_still_draws(solved: tuple[Problem, Plan]) -> None:
    problem, _ = solved
    for figure in figures(problem, Plan(()), "en").values():
        assert figure.layout.height > 0
    timeline = plot.timeline(problem, Plan(()), "room", "en")
    assert not timeline.data and timeline.layout.annotations
    assert timeline.layout.yaxis.autorange and not timeline.layout.updatemenus


def test_week_calendar_bars_carry_their_titles_inside(quarter: tuple[Problem, Plan]) -> None:
    problem, plan = quarter
    week = plot.week_calendar(problem, plan, plot.busiest_week(problem, plan), "zh")
    titles = {a.activity_id: a.title for a in problem.activities}
    labelled = 0
    for trace in week.data:
        assert trace.textposition == "inside" and trace.constraintext == "inside"
        for label, row in zip(trace.text, trace.customdata, strict=True):
            first_line = label.split("<br>")[0].rstrip("…")
            assert first_line and titles[row[0]].startswith(first_line)
            labelled += 1
    assert labelled >= 10
    assert week.layout.uniformtext.mode == "hide"  # too small: hidden, never spilled


def test_overlapping_activities_share_their_day_side_by_side() -> None:
    def bar(name: str, start: int, end: int) -> Bar:
        return Bar(name, name, datetime(2024, 3, 4, start), datetime(2024, 3, 4, end), "", "",
                   ())

    place = columns([bar("a", 9, 11), bar("b", 10, 12), bar("c", 11, 13), bar("d", 14, 15)])
    assert place == {"a": (0, 2), "b": (1, 2), "c": (0, 2), "d": (0, 1)}


def test_hover_says_everything_about_a_bar(quarter: tuple[Problem, Plan]) -> None:
    problem, plan = quarter
    week = plot.week_calendar(problem, plan, plot.busiest_week(problem, plan), "zh")
    trace = week.data[0]
    assert all(f"customdata[{k}]" in trace.hovertemplate for k in range(6))
    assert "场地" in trace.hovertemplate and "志愿者" in trace.hovertemplate
    row = trace.customdata[0]
    assert row[1] == next(a.title for a in problem.activities if a.activity_id == row[0])


@pytest.mark.parametrize("language", ["zh", "en"])
def test_legends_sit_under_the_plot_clear_of_title_and_buttons(
        quarter: tuple[Problem, Plan], language: str) -> None:
    problem, plan = quarter
    for name, figure in figures(problem, plan, language).items():
        legend, margin = figure.layout.legend, figure.layout.margin
        assert (legend.orientation, legend.yref, legend.y, legend.yanchor) == (
            "h", "container", 0, "bottom"), name
        assert figure.layout.title.yref == "container" and margin.t >= TITLE, name
        assert margin.autoexpand is False and margin.b >= 24, name  # room for the legend
        selector = figure.layout.xaxis.rangeselector
        controls = [*figure.layout.updatemenus, *([selector] if selector.buttons else [])]
        for control in controls:  # on their own row above the plot, under the title
            assert (control.y, control.yanchor) == (1, "bottom") and margin.t >= TOP, name


def test_the_volunteer_timeline_pages_by_team_with_a_bounded_height(
        quarter: tuple[Problem, Plan]) -> None:
    problem, plan = quarter
    figure = plot.timeline(problem, plan, "volunteer", "zh")
    lanes = list(figure.layout.yaxis.categoryarray)[::-1]
    assert len(lanes) > plot.LANES_PER_PAGE
    (chooser,) = figure.layout.updatemenus
    views = [button.args[0] for button in chooser.buttons]
    chrome = figure.layout.margin.t + figure.layout.margin.b
    limit = chrome + plot.LANES_PER_PAGE * LANE_PX
    assert figure.layout.height <= limit and all(v["height"] <= limit for v in views)
    assert figure.layout.height <= 720  # fits a laptop's window with the app around it
    shown = []  # every lane on exactly one page
    for view in views:
        low, high = view["yaxis.range"]
        shown += [lanes[len(lanes) - 1 - k] for k in range(int(low + 0.5), int(high + 0.5))]
    assert sorted(shown) == sorted(lanes)
    team = {v.name: v.team for v in problem.volunteers}
    labels = [button.label for button in chooser.buttons]
    assert labels[0] == team[lanes[0]]  # pages are named after their teams
    assert list(figure.layout.yaxis.range) == views[0]["yaxis.range"]


def test_the_load_chart_pages_too(quarter: tuple[Problem, Plan]) -> None:
    problem, plan = quarter
    figure = plot.volunteer_load(problem, plan, "en")
    (chooser,) = figure.layout.updatemenus
    assert len(chooser.buttons) == -(-len(problem.volunteers) // 30)
    assert figure.layout.height <= 720


def test_pages_keep_teams_whole_and_split_only_a_team_larger_than_a_page() -> None:
    lanes = [f"v{k}" for k in range(9)]
    groups = ["A", "A", "B", "B", "B", "C", "C", "C", "C"]
    book = pages(lanes, groups, 5)
    assert [(p.label, p.first, p.count) for p in book] == [
        ("A · B", 0, 5), ("C", 5, 4)]
    split = pages(lanes, ["A"] * 9, 4)
    assert [p.label for p in split] == ["A (1/3)", "A (2/3)", "A (3/3)"]
    assert sum(p.count for p in split) == 9 and all(p.count <= 4 for p in split)
    plain = pages(lanes, [""] * 9, 5)
    assert [p.label for p in plain] == ["v0 – v3", "v4 – v8"]
    assert pages(lanes, groups, 20) == [pages(lanes, groups, 20)[0]]  # one page, no chooser


@pytest.mark.parametrize("label, columns_, lines, expected", [
    ("小候鸟夏令营·围棋入门", 8, 2, "小候鸟夏<br>令营·围…"),
    ("Reading club", 20, 1, "Reading club"),
    ("Reading club for everyone", 10, 1, "Reading c…"),
    ("读书会", 4, 3, "读书<br>会"),
])
def test_labels_are_wrapped_and_cut_to_their_bar(label: str, columns_: int, lines: int,
                                                  expected: str) -> None:
    fitted = fit(label, columns_, lines)
    assert fitted == expected
    parts = fitted.split("<br>")
    assert len(parts) <= lines and all(width(part) <= columns_ for part in parts)


def test_load_change_shows_hours_before_and_after() -> None:
    loads = pd.DataFrame({"volunteer_id": ["V1", "V2"], "name": ["甲", "乙"],
                          "hours_before": [3.0, 0.0], "hours_after": [1.0, 2.0]})
    figure = plot.load_change(loads, "zh")
    assert [t.name for t in figure.data] == ["调整前", "调整后"]
    assert list(figure.data[1].y) == [1.0, 2.0] and figure.data[0].x[0] == "甲 (V1)"
    assert figure.layout.legend.yref == "container"


@pytest.mark.slow
def test_the_figures_need_no_widget_library() -> None:
    """Pure functions: a script or a report draws them without ipywidgets."""
    import subprocess
    import sys

    code = "import sys; sys.modules['ipywidgets'] = None; import matching.plot"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_night_in_the_shelter_is_drawn_to_the_end_of_its_first_day(
        solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    first = plan.scheduled[0]
    overnight = dataclasses.replace(first, start=datetime(2024, 3, 5, 8),
                                    end=datetime(2024, 3, 6, 8))
    rows = tuple(overnight if a is first else a for a in plan.assignments)
    week = plot.week_calendar(problem, Plan(rows, plan.staffing), date(2024, 3, 4), "en")
    (base, hours, row), = [(b, h, r) for t in week.data
                           for b, h, r in zip(t.base, t.y, t.customdata, strict=True)
                           if r[0] == first.activity_id]
    assert (base, hours) == (8, 16) and week.layout.yaxis.range[0] == 24
    assert row[2] == "2024-03-05 08:00–2024-03-06 08:00"  # hover: the real end


@pytest.mark.parametrize("by", ["room", "volunteer", "theme"])
def test_no_two_legend_entries_share_a_colour(quarter: tuple[Problem, Plan], by: str
                                              ) -> None:
    """A theme and the meetings (a kind, without a theme) were both rgb(84,162,75): a
    kind's colour came from a hash of its name, round the palette onto a theme's."""
    problem, plan = quarter
    figure = plot.timeline(problem, plan, by, "zh")
    painted = [trace.marker.color for trace in figure.data]
    assert len(painted) >= 3 and len(set(painted)) == len(painted), painted


def test_more_groups_than_the_palette_still_get_distinct_colours() -> None:
    """Past the palette's 14 colours come darker and lighter rounds of it."""
    names = [f"theme {n}" for n in range(40)]
    painted = colours(names, [*names, "（会议接待）", "（其他）"])
    assert len(set(painted.values())) == len(painted) == 42
    assert painted["theme 0"] == PALETTE[0] and painted["theme 14"] != PALETTE[0]
    assert len({colour(n) for n in range(140)}) == 140


def test_a_theme_or_room_keeps_its_colour_from_chart_to_chart(
        quarter: tuple[Problem, Plan]) -> None:
    """By room and by volunteer colour the themes; by theme and the week's calendar
    colour the rooms: each the same wherever it shows."""
    problem, plan = quarter

    def colours(figure: go.Figure) -> dict[str, str]:
        return {trace.name: trace.marker.color for trace in figure.data}

    by_room, by_volunteer, by_theme = (plot.timeline(problem, plan, by, "zh")
                                       for by in ("room", "volunteer", "theme"))
    shared = colours(by_room).keys() & colours(by_volunteer).keys()
    assert len(shared) >= 2
    assert all(colours(by_room)[t] == colours(by_volunteer)[t] for t in shared)
    monday = min(a.start for a in plan.scheduled).date()
    monday -= timedelta(days=monday.weekday())
    week = colours(plot.week_calendar(problem, plan, monday, "zh"))
    assert week and all(week[r] == colours(by_theme)[r] for r in week)
