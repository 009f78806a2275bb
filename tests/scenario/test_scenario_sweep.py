"""Sweeps: a pure, picklable run per scenario, error rows instead of crashes, and grids."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import ClassVar

import pandas as pd
import pytest
from conftest import DATA

from matching import load_problem, read_tables
from matching.distributed import SYNCHRONOUS, SweepSpec, run_sweep
from matching.errors import DataError
from matching.io import plan_from_tables, plan_to_tables
from matching.scenario import (
    Change,
    CloseRoom,
    RunResult,
    ScaleAttendance,
    Scenario,
    SetWeight,
    grid,
    run_scenario,
)
from matching.solver import SolverSettings, solve

SETTINGS = SolverSettings(time_limit=3, workers=1, seed=0)
CLOSED = Scenario("studio closed", (CloseRoom(room_id="studio", start="2024-03-04",
                                              end="2024-03-05"),))
BROKEN = Scenario("broken", (CloseRoom(room_id="gym", start="2024-03-04", end="2024-03-05"),))


@pytest.fixture(scope="module")
def tiny() -> dict[str, pd.DataFrame]:
    return read_tables(DATA / "tiny")[0]


@pytest.fixture(scope="module")
def baseline_tables() -> dict[str, pd.DataFrame]:
    return plan_to_tables(solve(load_problem(DATA / "tiny"), SETTINGS))


def test_run_scenario_gives_a_small_picklable_result(tiny) -> None:
    result = run_scenario(tiny, CLOSED, None, SETTINGS)
    assert result.ok and result.status == "OPTIMAL"
    again = pickle.loads(pickle.dumps(result))
    assert isinstance(again, RunResult)
    pd.testing.assert_frame_equal(again.kpis, result.kpis)
    plan = again.plan()
    assert all(a.room_id != "studio" for a in plan.scheduled if a.start.day == 4)
    assert result.changed_assignments is None


def test_run_scenario_from_a_baseline_counts_changed_assignments(tiny, baseline_tables) -> None:
    result = run_scenario(tiny, CLOSED, baseline_tables, SETTINGS)
    assert result.ok
    assert result.changed_assignments is not None and result.changed_assignments >= 1
    same = run_scenario(tiny, Scenario("nothing"), baseline_tables, SETTINGS)
    assert (same.changed_assignments, same.changed_staffing) == (0, 0)


def test_a_scenario_without_a_plan_changes_nothing_it_could_count(tiny, baseline_tables
                                                                   ) -> None:
    # the hall shut on the day of a `must` workshop only the hall holds: no plan, and
    # not "every activity dropped"
    shut = Scenario("hall shut", (CloseRoom(room_id="hall", start="2024-03-05",
                                            end="2024-03-05"),))
    result = run_scenario(tiny, shut, baseline_tables, SETTINGS)
    assert result.status == "INFEASIBLE" and result.error
    assert (result.changed_assignments, result.changed_staffing) == (None, None)


def test_a_failing_scenario_is_a_result_not_a_crash(tiny) -> None:
    result = run_scenario(tiny, BROKEN, None, SETTINGS)
    assert (result.status, result.ok, result.kpis) == ("ERROR", False, None)
    assert "change 1 (close_room), field 'room_id': got 'gym'" in result.error
    with pytest.raises(ValueError, match="has no plan"):
        result.plan()


@dataclass(frozen=True)
class Boom(Change):
    """A change with a bug in it."""

    kind: ClassVar[str] = "boom"

    def validate(self, tables, index=None):
        raise RuntimeError("this change is broken")


def test_an_unexpected_failure_is_reported_with_its_type(tiny) -> None:
    result = run_scenario(tiny, Scenario("buggy", (Boom(),)), None, SETTINGS)
    assert (result.status, result.error) == ("ERROR", "RuntimeError: this change is broken")


@pytest.mark.slow
def test_run_scenario_runs_in_another_process(tiny) -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        result = pool.submit(run_scenario, tiny, CLOSED, None, SETTINGS).result(timeout=120)
    assert result.ok and result.kpis is not None


def here(tables, scenarios, baseline=None) -> pd.DataFrame:
    """A sweep run in this process, one scenario after another."""
    spec = SweepSpec("test", scenarios=tuple(scenarios), settings=SETTINGS)
    return run_sweep(tables, spec, baseline=baseline, scheduler=SYNCHRONOUS).results


def test_sweep_has_one_row_per_scenario_with_kpis(tiny, baseline_tables) -> None:
    scenarios = [*grid(attendance=[1, 2], weight_fairness=[0, 5]), BROKEN]
    plan = plan_from_tables(baseline_tables["assignments"], baseline_tables["staffing"])
    table = here(tiny, scenarios, plan)
    assert list(table["scenario"]) == [s.name for s in scenarios]
    assert {"scenario", "status", "error", "changed_assignments", "changed_staffing",
            "wall_time"} <= set(table.columns)
    assert {"activities_scheduled", "hard_violations", "tier3_penalty"} <= set(table.columns)
    ok = table[table["status"] != "ERROR"]
    assert len(ok) == 4 and (ok["hard_violations"] == 0).all()
    assert table.iloc[-1]["status"] == "ERROR" and "gym" in table.iloc[-1]["error"]


def test_sweep_accepts_a_baseline_plan(tiny, baseline_tables) -> None:
    plan = plan_from_tables(baseline_tables["assignments"], baseline_tables["staffing"])
    table = here(tiny, [Scenario("nothing")], plan)
    assert table.loc[0, "changed_assignments"] == 0
    assert here(tiny, [Scenario("nothing")]).loc[0, "changed_assignments"] is None


def test_grid_makes_the_product_of_parameter_values() -> None:
    camp = [ScaleAttendance(factor=f, series_id="s1") for f in (1.0, 2.0)]
    scenarios = grid(CLOSED, camp=camp, weight_fairness=[0, 5, 10])
    assert len(scenarios) == 6
    first = scenarios[0]
    assert first.name == ("studio closed, camp=attendance x1 for series_id s1, "
                          "weight_fairness=0")
    assert first.changes == (*CLOSED.changes, camp[0], SetWeight(term="fairness", value=0))
    assert [s.name for s in grid(attendance=[1.5])] == ["attendance=1.5"]
    assert grid(both=[[camp[0], CLOSED.changes[0]]])[0].changes == (camp[0], CLOSED.changes[0])


@pytest.mark.parametrize("params", [{"weight_fairnes": [1]}, {"rooms": [3]},
                                    {"attendance": ["x"]}])
def test_grid_rejects_parameters_it_cannot_turn_into_changes(params) -> None:
    with pytest.raises(ValueError, match="grid parameter"):
        grid(**params)


def test_a_plan_table_with_a_misspelt_column_names_the_column_typed() -> None:
    """A hand-edited staffing.csv whose "volunteer" column was meant as volunteer_id."""
    staffing = pd.DataFrame({"activity_id": ["a1"], "role": ["teach"], "volunter_id": ["v1"]})
    with pytest.raises(DataError) as caught:
        plan_from_tables(pd.DataFrame({"activity_id": ["a1"]}), staffing)
    assert [str(i) for i in caught.value.issues] == [
        "error: staffing, row 1, column 'volunter_id': got 'volunter_id'; a column named "
        "'volunteer_id' (there is none: is this it, misspelt?)"]
