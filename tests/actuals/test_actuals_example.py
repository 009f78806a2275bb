"""The embedded actuals (data/qianjin-2023-actuals): they validate against the workbook
and their plan, the ledger runs on them, they are what the seeded generator writes, and
they tell the story they claim (a year: a rainstorm closure, typhoon Muifa's days with
nothing held, cancellations, moves, 5-10 % no-shows, the summer camp in July and
August)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import DATA

from matching.actuals import read_actuals
from matching.actuals.example import EXAMPLE_FILES, MUIFA, RAINSTORM, Story, write_example
from matching.cli import main
from matching.io import load_problem, read_plan_file

EXAMPLE = DATA / "qianjin-2023-actuals"
WORKBOOK = DATA / "qianjin-2023"


def _csv(name: str, folder: Path = EXAMPLE) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


@pytest.mark.slow
def test_the_shipped_actuals_validate_and_the_ledger_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    planfile = read_plan_file(EXAMPLE / "plan.json")
    assert planfile.workbook == WORKBOOK.resolve()
    problem = planfile.problem_for(load_problem(WORKBOOK))
    actuals = read_actuals(EXAMPLE, problem, planfile.plan)  # raises on any error
    assert len(actuals.activities) == len(planfile.plan.assignments) == 343
    assert main(["ledger", str(WORKBOOK), str(EXAMPLE / "plan.json"), "--actuals",
                 str(EXAMPLE), "--out", str(tmp_path / "ledger")]) == 0
    ledger, written = capsys.readouterr().out.splitlines()[-2:]  # the workbook's language
    assert ledger.startswith("台账        志愿者 69 人共 1049.5 小时")
    assert ledger.endswith("活动举行 331 项，未举行 12 项")
    assert written.startswith(f"已写入      {tmp_path / 'ledger' / 'ledger.xlsx'}、")


def test_the_generator_writes_the_shipped_files(tmp_path: Path) -> None:
    folder = write_example(WORKBOOK, tmp_path / "again")
    for name in EXAMPLE_FILES[:2]:
        assert (folder / name).read_bytes() == (EXAMPLE / name).read_bytes(), name
    again, shipped = (read_plan_file(p / "plan.json").plan for p in (folder, EXAMPLE))
    assert (again.assignments, again.staffing) == (shipped.assignments, shipped.staffing)


def _during(frame: pd.DataFrame, first: date, end: date) -> pd.DataFrame:
    """The rows of ``frame`` (actuals) whose times overlap the days ``first`` to
    ``end`` (exclusive)."""
    return frame[(frame["start"] < f"{end:%Y-%m-%d}") & (frame["end"] > f"{first:%Y-%m-%d}")]


def test_the_story_is_the_one_told() -> None:
    actuals, attendance = _csv("actuals.csv"), _csv("attendance.csv")
    closed = _during(actuals, RAINSTORM.start.date(), RAINSTORM.end.date())
    assert len(closed) == 4 and set(closed["held"]) == {"否"}
    assert set(closed["note"]) == {RAINSTORM.reason}
    assert actuals["held"].value_counts().to_dict() == {"是": 322, "否": 12, "改期": 9}
    assert actuals["start"].str[5:7].nunique() == 12  # every month of the year
    held = actuals[actuals["held"] != "否"]
    assert (held["participants"] != "").all()
    assert not (actuals.loc[actuals["held"] == "否", "participants"] != "").any()
    expected = load_problem(WORKBOOK).activity_by_id
    ratio = sum(int(n) for n in held["participants"]) / sum(
        expected[a].expected_attendance for a in held["activity_id"])
    assert 0.85 < ratio < 1.0
    planned = attendance[attendance["status"] != "替补"]
    no_shows = (planned["status"] == "缺席").mean()
    assert 0.05 <= no_shows <= 0.10
    assert set(attendance["activity_id"]) <= set(held["activity_id"])


def test_typhoon_muifa_closes_the_days_of_its_scenario() -> None:
    """The example's typhoon is the scenario's: the same days, 13 to 15 September."""
    scenario = yaml.safe_load((DATA / "scenarios" / "typhoon-muifa.yaml").read_text(
        encoding="utf-8"))
    closes = [c for c in scenario["changes"] if c["kind"] == "close_room"]
    assert {c["start"] for c in closes} == {f"{MUIFA.start:%Y-%m-%d}"}
    last = {date.fromisoformat(c["end"]) for c in closes}  # a bare date: its whole day
    assert last == {MUIFA.end.date() - timedelta(days=1)}
    assert MUIFA.room_id is None  # nothing else held at the center either


def test_nothing_is_held_on_the_typhoon_days() -> None:
    """What was planned on 13-15 September was cancelled with the typhoon as its reason
    (the bookings), or postponed a week with a note that says why (a meeting); nobody
    served at the center those days."""
    actuals, attendance = _csv("actuals.csv"), _csv("attendance.csv")
    days = MUIFA.start.date(), MUIFA.end.date()
    during = _during(actuals, *days)
    assert len(during) == 2 and set(during["held"]) == {"否"}
    assert set(during["note"]) == {MUIFA.reason}
    assert set(during["activity_id"].str[:3]) == {"BK-"}
    postponed = actuals[actuals["note"] == Story().closures[1].postponed]
    assert list(postponed["activity_id"]) == ["MEET-06"]
    assert list(postponed["held"]) == ["改期"]
    assert list(postponed["start"]) == ["2023-09-21 14:30"]  # a week after the 14th
    plan = read_plan_file(EXAMPLE / "plan.json").plan
    planned = {a.activity_id: a.start for a in plan.assignments}
    assert f"{planned['MEET-06']:%Y-%m-%d}" == "2023-09-14"
    held = actuals[actuals["held"] != "否"]
    assert _during(held, *days).empty
    assert not set(attendance["activity_id"]) & set(during["activity_id"])


def test_the_summer_camp_runs_in_july_and_august() -> None:
    actuals = _csv("actuals.csv")
    camp = actuals[actuals["activity_id"].str.startswith("CAMP-")]
    assert len(camp) == 24
    assert set(camp["start"].str[:7]) == {"2023-07", "2023-08"}
    assert camp["held"].value_counts().to_dict() == {"是": 23, "否": 1}
