"""Two repeatable searches side by side: the choice between them depends on their
finished runs alone, so a repeatable search with two workers still repeats."""

from __future__ import annotations

import itertools
import time
from types import SimpleNamespace

import pytest
from ortools.sat.python import cp_model
from test_repeatable import golomb_ruler, third_quarter

from matching.evaluate import evaluate
from matching.solver import SolverSettings, solve
from matching.solver.cpsat import new_solver
from matching.solver.monitor import Monitor
from matching.solver.settings import Progress
from matching.solver.side_by_side import Run, never_worse, solve_side_by_side


def _run(seed: int, work: float = 0.02) -> Run:
    """A run of one worker limited in work, with a wall cap no idle machine reaches."""
    solver = new_solver(1, seed)
    solver.parameters.max_deterministic_time = work
    solver.parameters.max_time_in_seconds = 60
    return Run(solver, Monitor("test", time.monotonic(), None))


def _outcome(run: Run) -> tuple[int, list[int]]:
    return run.status, list(run.solver.response_proto.solution)


def test_the_choice_ranks_plans_then_objectives_then_proofs_then_seeds() -> None:
    def ranked(status: int, objective: float = 0.0) -> Run:
        return Run(SimpleNamespace(objective_value=objective), None, status)  # type: ignore[arg-type]

    runs = [ranked(cp_model.UNKNOWN), ranked(cp_model.INFEASIBLE),
            ranked(cp_model.FEASIBLE, 5), ranked(cp_model.OPTIMAL, 5),
            ranked(cp_model.FEASIBLE, 4)]
    order = sorted(range(len(runs)), key=lambda i: runs[i].rank(i))
    assert order == [4, 3, 2, 1, 0]
    same = ranked(cp_model.FEASIBLE, 4)
    assert same.rank(0) < same.rank(1)  # the first seed before the second


def test_the_run_chosen_is_the_better_of_the_two_as_each_would_end_alone() -> None:
    """Each run ends as it would alone (the same seed and work give the same result),
    and the call takes the better: a second seed that does better is used, one that
    does worse is not."""
    model = golomb_ruler()
    alone = {}
    for seed in (0, 1):
        run = _run(seed)
        run.status = run.solver.solve(model)
        alone[seed] = (run.solver.objective_value, _outcome(run))
    assert alone[0][0] != alone[1][0], "the two seeds should end apart for this to bind"
    for first, second in itertools.permutations((0, 1)):
        runs = [_run(first), _run(second)]
        chosen = solve_side_by_side(model, runs)
        best = min((first, second), key=lambda seed: alone[seed][0])
        assert chosen is runs[(first, second).index(best)]
        assert [_outcome(run) for run in runs] == [alone[first][1], alone[second][1]]
        assert not any(run.cut for run in runs)


def test_the_first_runs_proof_stops_the_second_at_once() -> None:
    """Once the first run has proven its plan optimal nothing the second finds could be
    chosen: it is stopped (here it would hold the call for a minute)."""
    model = cp_model.CpModel()
    x = model.new_int_var(0, 10, "x")
    model.minimize(x)
    first = _run(0, work=10)
    second = _run(1, work=10)

    class Slow(Monitor):
        def on_solution_callback(self) -> None:
            deadline = time.monotonic() + 60
            while not second.cut and time.monotonic() < deadline:
                time.sleep(0.01)

    second.monitor = Slow("test", time.monotonic(), None)
    began = time.monotonic()
    chosen = solve_side_by_side(model, [first, second])
    assert time.monotonic() - began < 30
    assert chosen is first and first.status == cp_model.OPTIMAL and second.cut


def test_progress_from_two_runs_never_says_the_search_got_worse() -> None:
    told: list[float] = []
    report = never_worse(lambda progress: told.append(progress.objective))
    assert report is not None
    for objective in (9, 7, 8, 7, 3, 5):
        report(Progress("soft", objective, None, None, 0.0, 1))
    assert told == [9, 7, 7, 3]


def test_two_workers_search_side_by_side_only_when_repeatable() -> None:
    assert SolverSettings(workers=2).search_seeds == (0, 1)
    assert SolverSettings(workers=2).cores == 2
    assert SolverSettings(workers=1).search_seeds == (0,)
    assert SolverSettings(workers=2, repeatable=False).search_seeds == (0,)
    assert SolverSettings(workers=2, repeatable=False).cores == 2
    assert SolverSettings(workers=2, seed=2**31 - 1).search_seeds == (2**31 - 1, -2**31)


@pytest.mark.slow
def test_two_repeatable_workers_give_the_same_plan_twice() -> None:
    """Two workers side by side, twice, with a budget that binds: the same plan, said to
    repeat, on both cores."""
    problem = third_quarter()
    plans = [solve(problem, SolverSettings(time_limit=120, work_limit=0.3, workers=2))
             for _ in range(2)]
    first, second = plans
    assert first.meta["repeatable"] == second.meta["repeatable"] == "yes"
    assert first.meta["workers"] == "2"
    assert (first.assignments, first.staffing) == (second.assignments, second.staffing)
    assert evaluate(problem, first).feasible
