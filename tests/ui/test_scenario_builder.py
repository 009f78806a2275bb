"""The scenario builder: its model, and its widgets driven as a person would."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA

from matching import read_tables
from matching.scenario import CHANGE_KINDS, CloseRoom, Scenario, SetWeight
from matching.scenario.builder import ScenarioBuilder
from matching.ui import ScenarioBuilderView


@pytest.fixture
def tiny() -> dict[str, pd.DataFrame]:
    return read_tables(DATA / "tiny")[0]


def test_fields_list_required_ones_first() -> None:
    fields = ScenarioBuilder.fields("close_room")
    assert [(f.name, f.required) for f in fields] == [
        ("start", True), ("end", True), ("room_id", False), ("reason", False)]
    assert all(ScenarioBuilder.fields(kind) for kind in CHANGE_KINDS)


def test_add_checks_each_change_against_the_changes_before_it(tiny) -> None:
    builder = ScenarioBuilder(tiny)
    assert builder.add("add_room", {"room_id": "annex", "name": "Annex", "capacity": "9",
                                    "hours": "Mon 09:00-12:00"}) == []
    assert builder.add("close_room", {"room_id": "annex", "start": "2024-03-04",
                                      "end": "2024-03-04", "reason": ""}) == []
    errors = builder.add("close_room", {"room_id": "gym", "start": "2024-03-04",
                                        "end": "2024-03-04"})
    assert len(errors) == 1 and "change 3 (close_room), field 'room_id'" in str(errors[0])
    errors = builder.add("set_weight", {"term": "fairness"})
    assert "change 3 (set_weight), field 'value': a value" in str(errors[0])
    assert [c.kind for c in builder.changes] == ["add_room", "close_room"]
    builder.remove(0)
    assert builder.table()["kind"].tolist() == ["close_room"]


def test_the_view_adds_removes_and_runs(tiny) -> None:
    ran: list[Scenario] = []
    start = Scenario("storm", (SetWeight(term="fairness", value=3),), "a test")
    view = ScenarioBuilderView(ScenarioBuilder(tiny, start), on_run=ran.append,
                               language="en")
    assert view.list.options == ("1. weight fairness = 3",)
    view.kind.value = "close_room"
    assert set(view.inputs) == {"start", "end", "room_id", "reason"}
    view.inputs["room_id"].value = "hall"
    view.inputs["start"].value = "2024-03-05"
    view.inputs["end"].value = "2024-03-05"
    view.add_button.click()
    assert view.errors == [] and view.inputs["room_id"].value == ""
    assert len(view.list.options) == 2
    view.inputs["room_id"].value = "gym"
    view.inputs["start"].value = "2024-03-05"
    view.inputs["end"].value = "2024-03-05"
    view.add_button.click()
    assert "got &#x27;gym&#x27;" in view.message.value and len(view.errors) == 1
    view.run_button.click()
    assert ran == [Scenario("storm", (
        SetWeight(term="fairness", value=3),
        CloseRoom(room_id="hall", start="2024-03-05", end="2024-03-05")), "a test")]
    view.list.index = 0
    view.remove_button.click()
    assert view.list.options == ("1. close room hall 2024-03-05 .. 2024-03-05",)


@pytest.mark.parametrize("language, kind, button", [("zh", "关闭场地", "添加"),
                                                    ("en", "close a room", "Add")])
def test_the_view_speaks_one_language(tiny, language: str, kind: str, button: str) -> None:
    view = ScenarioBuilderView(ScenarioBuilder(tiny, Scenario("s")), language=language)
    assert (kind, "close_room") in view.kind.options
    assert view.add_button.description == button
    view.kind.value = "duty_limit"
    assert view.help.value and all(label.isascii() == (language == "en")
                                   for label, _ in view.kind.options)


@pytest.mark.parametrize("language, listed", [
    ("zh", ("1. “负荷均衡”的权重设为 3", "2. 关闭场地 hall：2024-03-05 至 2024-03-06",
            "3. 全中心闭馆：2024-03-07 至 2024-03-07")),
    ("en", ("1. weight fairness = 3", "2. close room hall 2024-03-05 .. 2024-03-06",
            "3. close the whole center 2024-03-07 .. 2024-03-07"))])
def test_the_view_lists_changes_in_its_language(tiny, language: str,
                                                listed: tuple[str, ...]) -> None:
    start = Scenario("storm", (SetWeight(term="fairness", value=3),
                               CloseRoom(room_id="hall", start="2024-03-05",
                                         end="2024-03-06")))
    view = ScenarioBuilderView(ScenarioBuilder(tiny, start), language=language)
    view.kind.value = "close_room"
    view.inputs["start"].value = "2024-03-07"
    view.inputs["end"].value = "2024-03-07"
    view.add_button.click()
    assert view.errors == [] and view.list.options == listed


def test_the_buttons_are_disabled_while_a_scenario_runs_and_after_a_failure_too(tiny) -> None:
    """A run holds the kernel: a second click would queue a second run."""
    seen: list[tuple[bool, bool, bool]] = []

    def run(scenario: Scenario) -> None:
        seen.append((view.add_button.disabled, view.remove_button.disabled,
                     view.run_button.disabled))
        if len(seen) == 2:
            raise RuntimeError("the run failed")

    view = ScenarioBuilderView(ScenarioBuilder(tiny, Scenario("storm")), on_run=run,
                               language="en")
    view.run_button.click()
    assert seen == [(True, True, True)]
    assert not (view.add_button.disabled or view.remove_button.disabled
                or view.run_button.disabled)
    view._ran = (-float("inf"), None)  # a click long after the run
    with pytest.raises(RuntimeError):
        view._run()
    assert seen[-1] == (True, True, True) and not view.run_button.disabled
    assert "the run failed" in view.message.value


def test_a_double_click_runs_once_and_a_scenarios_errors_show_without_a_traceback(
        tiny) -> None:
    """Both clicks of a double-click reach the kernel before the buttons show disabled:
    the second ran the scenario again once the first ended. A scenario's own errors
    showed as a traceback under the message."""
    ran: list[Scenario] = []
    view = ScenarioBuilderView(ScenarioBuilder(tiny, Scenario("storm")), on_run=ran.append,
                               language="en")
    view.run_button.click()
    view.run_button.click()
    assert len(ran) == 1
    view.builder.add("set_weight", {"term": "fairness", "value": "2"})
    view.run_button.click()  # another scenario: a run of its own
    assert len(ran) == 2

    def fails(scenario: Scenario) -> None:
        Scenario("bad", (CloseRoom(room_id="gym", start="2024-03-05", end="2024-03-05"),)
                 ).build(tiny)

    view = ScenarioBuilderView(ScenarioBuilder(tiny, Scenario("storm")), on_run=fails,
                               language="en")
    view.run_button.click()  # no exception escapes
    assert "got &#x27;gym&#x27;" in view.message.value and "<br>" in view.message.value


def test_add_reports_every_mistake_of_a_new_activity_at_once(tiny) -> None:
    """Before, Add took a duration "ninety" and an end before the start with a tick, and
    only Run said so."""
    builder = ScenarioBuilder(tiny, Scenario("more"))
    issues = builder.add("add_activity", {
        "activity_id": "x1", "title": "Extra", "earliest_start": "2024-03-06 09:00",
        "latest_end": "2024-03-05 10:00", "duration_minutes": "ninety",
        "expected_attendance": "5"})
    fields = {issue.field for issue in issues}
    assert {"duration_minutes", "latest_end"} <= fields, [i.render("en") for i in issues]
    assert builder.changes == []
