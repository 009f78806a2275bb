"""A sweep built in Python is held to what a sweep file is: out-of-range no-show draws
are refused when they are made, naming the field, and the problem a notebook holds is
as good as its tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import DATA

from matching import load_problem, read_tables
from matching.distributed import (
    SYNCHRONOUS,
    NoShows,
    SweepFileError,
    SweepSpec,
    load_sweep,
    run_sweep,
)
from matching.scenario import CloseRoom, Scenario
from matching.solver import SolverSettings

SETTINGS = SolverSettings(time_limit=2, workers=1, seed=0)


@pytest.mark.parametrize(("fields", "named"), [
    ({"probabilities": (1.5,), "draws": 2}, "no_shows.probability[1]: got '1.5'"),
    ({"probabilities": (0.1, -0.3), "draws": 2}, "no_shows.probability[2]: got '-0.3'"),
    ({"probabilities": (), "draws": 2}, "no_shows.probability: a probability"),
    ({"probabilities": (0.1,), "draws": -3}, "no_shows.draws: got '-3'"),
    ({"probabilities": (0.1,), "draws": 2.5}, "no_shows.draws: got '2.5'"),
    ({"probabilities": (0.1,), "draws": 2, "seed": -1}, "no_shows.seed: got '-1'"),
    ({"probabilities": (0.1,), "draws": 2, "mode": "bogus"}, "no_shows.mode: got 'bogus'"),
    ({"probabilities": (0.1,), "draws": 2, "start": "2024-03-04"}, "both start and end"),
    ({"probabilities": (True,), "draws": 2}, "no_shows.probability[1]: got 'True'"),
    ({"probabilities": (0.1,), "draws": True}, "no_shows.draws: got 'True'"),
    ({"probabilities": 0.1, "draws": 2}, "no_shows.probability: got '0.1'"),
])
def test_no_show_draws_out_of_range_are_refused_when_made(fields: dict[str, Any],
                                                          named: str) -> None:
    with pytest.raises(SweepFileError, match="the sweep has 1 error") as refused:
        NoShows(**fields)
    assert named in str(refused.value)


def test_no_show_draws_in_range_are_made() -> None:
    made = NoShows((0.0, 0.5, 1.0), draws=3, seed=7, mode="replan", start="2024-03-04",
                   end="2024-03-05")
    assert made.probabilities == (0.0, 0.5, 1.0)
    assert NoShows((np.float32(0.25),), draws=np.int64(10), seed=np.int32(1)).draws == 10


def test_a_sweep_file_without_a_probability_names_the_file_and_every_mistake(
        tmp_path: Path) -> None:
    sweep = tmp_path / "rain.yaml"
    sweep.write_text("no_shows:\n  probability: []\n  draws: 5\nbogus_key: 1\n",
                     encoding="utf-8")
    with pytest.raises(SweepFileError) as refused:
        load_sweep(sweep)
    assert str(refused.value).splitlines() == [
        "the sweep file rain.yaml has 2 errors:",
        "  error: bogus_key: a known key: name, description, select, solver, baseline, "
        "scenarios, grid, no_shows",
        "  error: no_shows.probability: a probability from 0 to 1 (or a list of them)"]


def test_a_sweep_runs_on_the_problem_a_notebook_holds_as_on_its_tables() -> None:
    spec = SweepSpec("studio", scenarios=(Scenario("studio shut", (CloseRoom(
        room_id="studio", start="2024-03-04", end="2024-03-05"),)),), settings=SETTINGS)
    on_problem = run_sweep(load_problem(DATA / "tiny"), spec, scheduler=SYNCHRONOUS)
    on_tables = run_sweep(read_tables(DATA / "tiny")[0], spec, scheduler=SYNCHRONOUS)
    assert on_problem.failed.empty
    columns = ["scenario", "status", "activities_scheduled", "seats_filled"]
    assert (on_problem.results[columns].to_dict("records")
            == on_tables.results[columns].to_dict("records"))
