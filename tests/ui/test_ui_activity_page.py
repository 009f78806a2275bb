"""The planner's activity page driven as a coordinator drives it: choose, type, click.

Each test checks what the page lets a person do at each step (which buttons are on),
what a click pins, and that no failure leaves a traceback anywhere in the app."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("ipydatagrid")

from matching.solver import Pin
from matching.ui import PlannerApp, Scope

TIMEOUT = 60


@pytest.fixture
def app(tiny_dir: Path, tmp_path: Path) -> PlannerApp:
    shutil.copytree(tiny_dir, tmp_path / "tiny")
    return PlannerApp(tmp_path / "tiny", time_limit=5, workers=1, seed=0)


@pytest.fixture
def solved(app: PlannerApp) -> PlannerApp:
    app.controls.solve_button.click()
    assert app.wait(TIMEOUT) and app.state.status == "solved", app.state.message
    app.show_page("activity")
    return app


def buttons(app: PlannerApp) -> dict[str, bool]:
    """Which of the page's buttons can be clicked."""
    form = app.inspector
    return {"pin": not form.pin_button.disabled,
            "pin_current": not form.pin_current_button.disabled,
            "unpin": not form.unpin_button.disabled, "rank": not form.rank_button.disabled}


def no_traceback_anywhere(app: PlannerApp) -> None:
    assert "Traceback" not in app.footer.errors.value
    assert "Traceback" not in app.inspector.message.value
    assert "Traceback" not in app.header.value
    assert not app.state.errors


def test_buttons_wait_for_a_complete_choice(app: PlannerApp) -> None:
    form = app.inspector
    assert form.activity.value is None
    assert "choose an activity" in form.details.value  # what to do first
    assert buttons(app) == {"pin": False, "pin_current": False, "unpin": False,
                            "rank": False}
    form.activity.value = "a3"
    assert form.role.value == "first_aid"  # the activity's first role, never empty
    assert list(form.role.options) == ["first_aid", "host"]
    # no plan yet: nothing to pin as planned; nothing typed: nothing to pin
    assert buttons(app) == {"pin": False, "pin_current": False, "unpin": False,
                            "rank": True}
    form.pin_time.value = "2024-03-05 14:00"
    assert form.keep_time.value and buttons(app)["pin"]
    form.pin_time.value = ""  # typed back to what was filled in: not a choice any more
    assert not form.keep_time.value and not buttons(app)["pin"]
    form.pin_staff.value = (("host", "v1"),)
    assert buttons(app)["pin"]
    form.pin_button.click()
    assert app.state.pins["a3"] == Pin("a3", None, None, (("host", "v1"),))
    assert buttons(app)["unpin"]
    form.unpin_button.click()
    assert "a3" not in app.state.pins and not buttons(app)["unpin"]


def test_a_plan_fills_the_form_without_choosing_for_the_coordinator(
        solved: PlannerApp) -> None:
    form = solved.inspector
    form.activity.value = "a2"
    assert form.pin_time.value == "2024-03-06 09:00" and form.pin_room.value == "hall"
    assert not form.keep_time.value and not form.keep_room.value
    assert form.pin_staff.value == ()  # people are chosen, not pre-filled
    labels = [label for label, _ in form.pin_staff.options]
    assert "teach: Ann Lee (in the plan)" in labels  # the plan's people are marked
    assert buttons(solved) == {"pin": False, "pin_current": True, "unpin": False,
                               "rank": True}


def test_pin_as_filled_in_pins_only_what_was_changed(app: PlannerApp) -> None:
    app.data.table.value = "rooms"  # a studio as good as the hall: two rooms to choose
    app.data.edit(1, "capacity", "40")
    app.data.edit(1, "equipment", "projector")
    app.controls.solve_button.click()
    assert app.wait(TIMEOUT) and app.state.status == "solved", app.state.message
    form, state = app.inspector, app.state
    form.activity.value = "a3"
    assert len(state.plan.staff_of["a3"]) == 2 and form.pin_room.value == "hall"
    form.pin_room.value = "studio"  # only the room changes ...
    assert form.keep_room.value and not form.keep_time.value
    form.pin_button.click()
    assert state.pins["a3"] == Pin("a3", None, "studio", ())  # ... so only it is pinned
    assert form.keep_room.value and buttons(app)["unpin"]  # the form shows the pin
    form.activity.value = "a2"
    form.pin_time.value = "2024-03-07 10:00"
    form.pin_button.click()
    assert state.pins["a2"] == Pin("a2", datetime(2024, 3, 7, 10), None, ())
    # a pinned activity comes back ticked as pinned; changing its room keeps its people
    state.pin("a1", staff=(("teach", "v1"),))
    form.activity.value = "a1"
    assert form.pin_staff.value == (("teach", "v1"),)
    assert not form.keep_room.value and buttons(app)["unpin"]
    form.pin_room.value = "studio"
    form.pin_button.click()
    assert state.pins["a1"] == Pin("a1", None, "studio", (("teach", "v1"),))
    no_traceback_anywhere(app)


def test_rank_cannot_put_a_traceback_anywhere_and_a_success_clears_its_error(
        solved: PlannerApp, monkeypatch: pytest.MonkeyPatch) -> None:
    form = solved.inspector
    form.activity.value = "a3"

    def broken(*args: object, **kwargs: object) -> pd.DataFrame:
        raise RuntimeError("the ranking fell over\nsecond line")

    with monkeypatch.context() as patch:
        patch.setattr("matching.analysis.candidates", broken)
        form.rank_button.click()
    assert form.error == "the ranking fell over"  # one line, in the page
    assert "Not done: the ranking fell over" in form.message.value
    assert solved.state.status == "solved"
    no_traceback_anywhere(solved)
    form.rank_button.click()
    assert form.error == "" and form.message.value == ""
    assert form.last_candidates is not None
    assert set(form.last_candidates["volunteer_id"]) == {"v1", "v2", "v3", "v4"}
    # called with nothing chosen (from a notebook): a message, not an exception
    form.activity.value = None
    assert buttons(solved) == {"pin": False, "pin_current": False, "unpin": False,
                               "rank": False}
    form.guard(solved.rank_candidates)()
    assert "choose an activity" in form.error
    no_traceback_anywhere(solved)


def test_a_bad_pin_is_a_line_on_the_page_in_the_app_language(solved: PlannerApp) -> None:
    solved.controls.language.value = "zh"
    form = solved.inspector
    form.activity.value = "a3"
    form.pin_time.value = "下周二"
    form.pin_button.click()
    assert "下周二" in form.error and "未完成" in form.message.value
    assert "无法识别" in form.error and "expected" not in form.error  # all in Chinese
    assert "a3" not in solved.state.pins
    form.pin_time.value = "2024-03-10 09:00"  # a time, but after the activity's window
    form.pin_button.click()
    assert "不在该活动的时间窗口" in form.error and "a3" not in solved.state.pins
    no_traceback_anywhere(solved)


def test_details_and_pins_name_rooms_and_people(solved: PlannerApp) -> None:
    form, state = solved.inspector, solved.state
    form.activity.value = "a4"
    details = form.details.value
    assert "Studio" in details and "Ann Lee" in details
    assert "studio" not in details and "Room id" not in details and "v1" not in details
    form.activity.value = "a3"
    form.keep_room.value = True
    form.pin_staff.value = (("host", "v1"),)
    form.pin_button.click()
    assert state.pins["a3"] == Pin("a3", None, "hall", (("host", "v1"),))
    assert "Hall" in form.pins.value and "host: Ann Lee" in form.pins.value
    assert "First aid workshop" in form.pins.value
    assert "v1" not in form.pins.value and ">hall<" not in form.pins.value
    assert [label for label, _ in form.pin_room.options] == ["—", "Hall"]


def test_an_activity_that_leaves_the_scope_empties_the_form(solved: PlannerApp) -> None:
    form = solved.inspector
    form.activity.value = "a4"
    assert buttons(solved)["pin_current"]
    solved.controls.scope.value = Scope("theme", "spring")  # a4 has no theme
    assert form.activity.value is None and form.role.options == ()
    assert "choose an activity" in form.details.value and "<table" not in form.details.value
    assert not any(buttons(solved).values())


def test_the_form_follows_a_new_plan_and_keeps_the_ranking_over_a_pin(app: PlannerApp
                                                                      ) -> None:
    form = app.inspector
    form.activity.value = "a3"
    assert not buttons(app)["pin_current"] and form.pin_time.value == ""
    app.controls.solve_button.click()
    assert app.wait(TIMEOUT) and app.state.status == "solved"
    assert buttons(app)["pin_current"]  # the plan placed it: it can be pinned as planned
    assert form.pin_time.value == "2024-03-05 13:00" and form.pin_room.value == "hall"
    form.role.value = "host"
    form.rank_button.click()
    ranked = form.last_candidates
    assert ranked is not None and "Ann Lee" in form.candidates.value
    assert ">Rank<" not in form.candidates.value  # the order is the ranking
    form.pin_current_button.click()
    assert app.state.pins["a3"].start is not None
    assert form.role.value == "host" and form.last_candidates is ranked  # still there
    assert form.keep_time.value and form.keep_room.value  # the form shows the pin
    form.activity.value = "a1"  # another activity: its own first role, no old ranking
    assert form.role.value == "teach" and form.last_candidates is None


def test_labels_of_the_form_follow_the_language(solved: PlannerApp) -> None:
    form = solved.inspector
    form.activity.value = "a2"
    form.pin_staff.value = (("teach", "v1"),)
    solved.controls.language.value = "zh"
    labels = [label for label, _ in form.pin_staff.options]
    assert "teach: Ann Lee（当前方案）" in labels
    assert form.pin_staff.value == (("teach", "v1"),)  # the choice survives the switch
    assert form.keep_time.description == "锁定此项"
    assert form.pin_button.description == "按表单锁定"


def test_the_ranked_candidates_follow_a_new_plan(solved: PlannerApp) -> None:
    """After a change and a solve the activity's details showed the new plan, and its
    ranked candidates under them the old one: who was in the plan, who could not come."""
    from matching import analysis

    form, state = solved.inspector, solved.state
    form.activity.value = "a3"
    form.role.value = "host"
    form.rank_button.click()
    before = form.last_candidates
    assert before is not None
    assert before.set_index("volunteer_id").loc["v3", "status"] == "no_skill"
    solved.data.table.value = "volunteers"
    solved.data.edit(2, "skills", "teach;host")  # Chen Wu learns to host
    solved.controls.solve_button.click()
    assert solved.wait(TIMEOUT) and state.status == "solved", state.message
    now = analysis.candidates(state.problem, state.plan, "a3", "host", solved.tr.language)
    assert now.set_index("volunteer_id").loc["v3", "status"] != "no_skill"
    assert form.last_candidates is not None
    pd.testing.assert_frame_equal(form.last_candidates, now)
