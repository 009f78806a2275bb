"""A ledger or a report made in the middle of the year counts what has started by then:
the template lists the activities still to come as planned, and without a cut-off they
were counted as held (certificates of service not yet given)."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import DATA

from matching import load_problem
from matching.actuals import Ledger, read_actuals, so_far
from matching.cli import main
from matching.io import load_plan

EXAMPLE = DATA / "qianjin-2023-actuals"
CUTOFF = datetime(2023, 4, 1)


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _held_before_april() -> tuple[set[str], float]:
    """By hand from the example's tables: the activities that started before April as
    held (every activity of the plan has an actuals row there), and the hours of their
    attendance rows."""
    lasted = {r["activity_id"]: (datetime.fromisoformat(r["end"])
                                 - datetime.fromisoformat(r["start"])).total_seconds() / 3600
              for r in _rows(EXAMPLE / "actuals.csv")
              if r["start"] and datetime.fromisoformat(r["start"]) < CUTOFF}
    # blank hours: as long as the activity lasted, or none for a no-show
    hours = sum(float(r["hours"]) if r["hours"] else
                0.0 if r["status"] == "缺席" else lasted[r["activity_id"]]
                for r in _rows(EXAMPLE / "attendance.csv") if r["activity_id"] in lasted)
    return set(lasted), hours


@pytest.mark.slow
def test_a_ledger_in_april_counts_only_what_has_started(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ledger"
    assert main(["ledger", str(DATA / "qianjin-2023"), str(EXAMPLE / "plan.json"),
                 "--actuals", str(EXAMPLE), "--out", str(out), "--until", "2023-03-31",
                 "--language", "en"]) == 0
    said = capsys.readouterr()
    printed = said.out
    # the departures noted are those of what is counted, not yet of April to December
    assert "in PHONE-Q1-01, counted as swapped-in" in said.err
    assert "PHONE-Q2" not in said.err and "2023-04-01" not in said.err
    started, hours = _held_before_april()
    problem = load_problem(DATA / "qianjin-2023")
    planned = {a.activity_id: a.start for a in load_plan(EXAMPLE / "plan.json",
                                                         problem).assignments}
    cancelled = {r["activity_id"] for r in _rows(EXAMPLE / "actuals.csv") if not r["start"]
                 and planned[r["activity_id"]] < CUTOFF}
    later = len(problem.activities) - len(started | cancelled)
    assert later > 200  # the rest of the year
    assert f"{later} activities start after 2023-03-31: not held yet, not counted" in printed
    assert sum(float(r["hours"]) for r in _rows(out / "hours.csv")) == pytest.approx(hours)
    # the certificates name the months they cover, not the whole year
    certificates = (out / "certificates.html").read_text(encoding="utf-8")
    assert "2023-01-01 to 2023-03-31" in certificates or "2023-01-01 至 2023-03-31" in \
        certificates
    assert "2023-12-31" not in certificates


def test_the_cut_keeps_what_started_by_the_day_as_held() -> None:
    """An activity planned in March and held in April is not yet counted on 31 March;
    the whole year cut at its last day is the year unchanged."""
    problem = load_problem(DATA / "qianjin-2023")
    plan = load_plan(EXAMPLE / "plan.json", problem)
    actuals = read_actuals(EXAMPLE, problem, plan)
    moved = [aid for aid, o in actuals.activities.items() if o.start is not None
             and o.start >= CUTOFF and next(a.start for a in plan.assignments
                                            if a.activity_id == aid) < CUTOFF]
    assert moved  # the example moves one from 25 March to 1 April
    spring = so_far(problem, plan, actuals, date(2023, 3, 31))
    started, hours = _held_before_april()
    kept = {a.activity_id for a in spring.problem.activities}
    assert not kept & set(moved) and started <= kept
    assert spring.later == len(problem.activities) - len(kept)
    assert spring.problem.settings.horizon_end == date(2023, 3, 31) == spring.last
    ledger = Ledger(spring.problem, spring.plan, spring.actuals)
    assert all(s.start < CUTOFF for s in ledger.services)
    assert sum(s.hours for s in ledger.services) == pytest.approx(hours)
    whole = so_far(problem, plan, actuals, date(2023, 12, 31))
    assert (whole.problem, whole.plan, whole.actuals, whole.later) == (
        problem, plan, actuals, 0)


def test_a_day_that_is_not_a_date_is_refused(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(DATA / "qianjin-2023"), str(EXAMPLE / "plan.json"),
                 "--actuals", str(EXAMPLE), "--out", str(tmp_path / "r.html"),
                 "--until", "2023-13-01"]) == 2
    assert "a date written YYYY-MM-DD, not 2023-13-01" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


@pytest.mark.slow
def test_a_day_before_the_plan_starts_is_refused_not_reported_backwards(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before, an empty ledger and a report titled "2023-01-01 to 2022-12-01", exit 0; a
    plan for next year counted today the same."""
    for command, out in (("ledger", tmp_path / "ledger"), ("report", tmp_path / "r.html")):
        assert main([command, str(DATA / "qianjin-2023"), str(EXAMPLE / "plan.json"),
                     "--actuals", str(EXAMPLE), "--out", str(out), "--until",
                     "2022-12-01"]) == 2
        assert capsys.readouterr().err.endswith(
            "错误：2022-12-01 时方案还没有开始（规划期从 2023-01-01 开始）：没有可计入的内容"
            "（--until 可指定计到哪一天）\n")
        assert not out.exists()
    problem = load_problem(DATA / "qianjin-2023")
    plan = load_plan(EXAMPLE / "plan.json", problem)
    with pytest.raises(ValueError, match="nothing of the plan had started by 2022-12-31"):
        so_far(problem, plan, read_actuals(EXAMPLE, problem, plan), date(2022, 12, 31))


def test_the_day_named_is_the_day_asked_for_past_the_plans_end() -> None:
    problem = load_problem(DATA / "qianjin-2023")
    plan = load_plan(EXAMPLE / "plan.json", problem)
    actuals = read_actuals(EXAMPLE, problem, plan)
    later = so_far(problem, plan, actuals, date(2024, 1, 5))
    assert (later.last, later.later, later.problem) == (date(2024, 1, 5), 0, problem)
