"""The shared views at their edges: a plan that does not mention an activity of the
workbook, a day that ends at midnight, an activity of a whole day."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta
from pathlib import Path

import openpyxl
from plan_cases import tiny_case

from matching.export import duties, save_excel, views, weekgrid
from matching.export.labels import label
from matching.i18n import text
from matching.plan import Plan


def _without(plan: Plan, activity_id: str) -> Plan:
    return dataclasses.replace(
        plan, assignments=tuple(a for a in plan.assignments if a.activity_id != activity_id),
        staffing=tuple(s for s in plan.staffing if s.activity_id != activity_id))


def test_an_activity_the_plan_does_not_mention_is_listed_as_left_out(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    gone = _without(plan, "a1")
    table = views.unscheduled(problem, gone)
    row = table.set_index("activity_id").loc["a1"]
    assert row["reason"] == text("export.not_in_plan", "en")
    # the workbook's bare date 2024-03-05 is the end of the 5th: shown as that day's 24:00
    assert row["latest_end"] == "2024-03-05 24:00"
    book = openpyxl.load_workbook(save_excel(problem, gone, tmp_path / "plan.xlsx"))
    ids = [r[0] for r in book[label("unscheduled", "en")].iter_rows(min_row=2, values_only=True)]
    assert "a1" in ids


def test_every_activity_the_plan_does_not_place_is_listed() -> None:
    problem, plan = tiny_case()
    placed = {a.activity_id for a in plan.scheduled}
    listed = set(views.unscheduled(problem, plan)["activity_id"])
    assert listed == {a.activity_id for a in problem.activities} - placed


def test_an_activity_ending_at_midnight_ends_at_24_00_not_00_00() -> None:
    problem, plan = tiny_case()
    a = next(x for x in plan.scheduled if x.activity_id in plan.staff_of)  # someone's duty
    midnight = datetime.combine(a.start.date(), time())
    whole_day = dataclasses.replace(a, start=midnight, end=midnight + timedelta(days=1))
    plan = dataclasses.replace(plan, assignments=tuple(
        whole_day if x.activity_id == a.activity_id else x for x in plan.assignments))
    agenda = views.agenda(problem, plan).set_index("activity_id")
    assert (agenda.loc[a.activity_id, "start"], agenda.loc[a.activity_id, "end"]) == (
        time(), "24:00")
    busy, _ = duties.duty_lists(problem, plan)
    shown = {d.time_text for dl in busy for d in dl.duties
             if d.title == problem.activity_by_id[a.activity_id].title}
    assert shown == {"00:00–24:00"}
    others = views.agenda(problem, plan).drop(index=list(agenda.index).index(a.activity_id))
    assert all(isinstance(end, time) for end in others["end"])


def test_the_week_grid_ends_at_24_00_too_and_dates_an_end_after_midnight() -> None:
    evening = datetime(2024, 3, 6, 22)
    assert weekgrid.Entry("a", "A", evening, evening + timedelta(hours=2)).time == "22:00–24:00"
    assert weekgrid.Entry("a", "A", evening, evening + timedelta(hours=4)).time == (
        "22:00–03-07 02:00")
    assert weekgrid.Entry("a", "A", evening, evening + timedelta(hours=1)).time == "22:00–23:00"
