"""``import matching`` is the front door: load, solve, evaluate, scenarios, without
loading OR-Tools until a plan is asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import DATA

import matching


def test_the_front_door_plans_and_checks_a_workbook() -> None:
    problem = matching.load_problem(DATA / "tiny")
    plan = matching.solve(problem, matching.SolverSettings(time_limit=5, workers=1, seed=0))
    assert isinstance(plan, matching.Plan)
    score = matching.evaluate(problem, plan)
    assert isinstance(score, matching.Score) and score.feasible
    scenario = matching.Scenario.load(DATA / "scenarios" / "typhoon-muifa.yaml")
    assert scenario.changes


@pytest.mark.slow
def test_reading_does_not_load_the_solver_and_evaluate_stays_the_function() -> None:
    code = ("import sys, matching, matching.evaluate.kpis\n"
            "assert callable(matching.evaluate), matching.evaluate\n"
            "matching.load_problem(sys.argv[1])\n"
            "print('ortools' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code, str(DATA / "tiny")], check=True,
                         capture_output=True, text=True).stdout
    assert out.strip() == "False"
