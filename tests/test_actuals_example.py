"""The embedded actuals (data/qianjin-2023-actuals): they validate against the workbook
and their plan, the ledger runs on them, they are what the seeded generator writes, and
they tell the story they claim (a closure, cancellations, moves, 5-10 % no-shows)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA

from matching.actuals import read_actuals
from matching.actuals.example import EXAMPLE_FILES, RAINSTORM, write_example
from matching.cli import main
from matching.export import read_plan_file
from matching.io import load_problem

EXAMPLE = DATA / "qianjin-2023-actuals"
WORKBOOK = DATA / "qianjin-2023"


def _csv(name: str, folder: Path = EXAMPLE) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def test_the_shipped_actuals_validate_and_the_ledger_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    planfile = read_plan_file(EXAMPLE / "plan.json")
    assert planfile.workbook == WORKBOOK.resolve()
    problem = planfile.problem_for(load_problem(WORKBOOK))
    actuals = read_actuals(EXAMPLE, problem, planfile.plan)  # raises on any error
    assert len(actuals.activities) == len(planfile.plan.assignments) == 161
    assert main(["ledger", str(WORKBOOK), str(EXAMPLE / "plan.json"), "--actuals",
                 str(EXAMPLE), "--out", str(tmp_path / "ledger")]) == 0
    assert "activities held: 154, not held: 7" in capsys.readouterr().out


def test_the_generator_writes_the_shipped_files(tmp_path: Path) -> None:
    folder = write_example(WORKBOOK, tmp_path / "again")
    for name in EXAMPLE_FILES[:2]:
        assert (folder / name).read_bytes() == (EXAMPLE / name).read_bytes(), name
    again, shipped = (read_plan_file(p / "plan.json").plan for p in (folder, EXAMPLE))
    assert (again.assignments, again.staffing) == (shipped.assignments, shipped.staffing)


def test_the_story_is_the_one_told() -> None:
    actuals, attendance = _csv("actuals.csv"), _csv("attendance.csv")
    closed = actuals[(actuals["start"] < f"{RAINSTORM.end:%Y-%m-%d}")
                     & (actuals["end"] > f"{RAINSTORM.start:%Y-%m-%d}")]
    assert len(closed) == 4 and set(closed["held"]) == {"否"}
    assert set(closed["note"]) == {RAINSTORM.reason}
    assert actuals["held"].value_counts().to_dict() == {"是": 150, "否": 7, "改期": 4}
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
