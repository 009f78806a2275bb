"""Two repeatable searches side by side: the choice between them depends on their
finished runs alone, so a repeatable search with two workers still repeats."""

from __future__ import annotations

import itertools
import re
import threading
import time
from types import SimpleNamespace

import pytest
from conftest import DATA
from ortools.sat.python import cp_model
from test_repeatable import golomb_ruler, third_quarter

from matching import load_problem
from matching.evaluate import evaluate
from matching.solver import SolverSettings, side_by_side, solve
from matching.solver.clock import STEP_CUT, Clock
from matching.solver.cpsat import new_solver
from matching.solver.monitor import Monitor
from matching.solver.settings import SEEDS, Progress
from matching.solver.side_by_side import LATER_WORK, Run, never_worse, solve_side_by_side


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


def _slow_until_stopped(run: Run) -> threading.Event:
    """Make ``run`` hang on its first solution until ``stop_search`` is called on it (a
    minute at most), and return the event that says it was."""
    stopped = threading.Event()
    real_stop = run.solver.stop_search

    def stop() -> None:
        stopped.set()
        real_stop()

    class Slow(Monitor):
        def on_solution_callback(self) -> None:
            stopped.wait(60)

    run.solver.stop_search = stop  # type: ignore[method-assign]
    run.monitor = Slow("test", time.monotonic(), None)
    return stopped


def _trivial() -> cp_model.CpModel:
    model = cp_model.CpModel()
    model.minimize(model.new_int_var(0, 10, "x"))
    return model


def test_the_first_runs_proof_stops_the_second_at_once() -> None:
    """Once the first run has proven its plan optimal nothing the second finds could be
    chosen: it is stopped (here it would hold the call for a minute)."""
    first, second = _run(0, work=10), _run(1, work=10)
    stopped = _slow_until_stopped(second)
    began = time.monotonic()
    chosen = solve_side_by_side(_trivial(), [first, second])
    assert time.monotonic() - began < 30 and stopped.is_set()
    assert chosen is first and first.status == cp_model.OPTIMAL and second.cut


def test_an_error_in_either_run_is_raised_once_both_have_ended() -> None:
    """An error in the second run (which has a thread of its own) reaches the caller,
    not stderr alone; one in the first stops the second rather than wait for its limit."""
    first, second = _run(0, work=10), _run(1, work=10)
    second.solver.solve = lambda *_: (_ for _ in ()).throw(ValueError("second"))  # type: ignore[method-assign]
    with pytest.raises(ValueError, match="second"):
        solve_side_by_side(_trivial(), [first, second])
    first, second = _run(0, work=10), _run(1, work=10)
    first.solver.solve = lambda *_: (_ for _ in ()).throw(KeyboardInterrupt())  # type: ignore[method-assign]
    stopped = _slow_until_stopped(second)
    began = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        solve_side_by_side(_trivial(), [first, second])
    assert time.monotonic() - began < 30 and stopped.is_set() and second.cut


def test_the_clock_counts_the_work_of_the_run_that_did_most_and_any_runs_cut() -> None:
    """Two runs that ended on their own did the work of the one that did more; a wall
    cap that ended either leaves the plan not promised to repeat."""
    model = golomb_ruler()
    short, long = _run(0, work=0.01), _run(1, work=0.05)
    for run in (short, long):
        run.solver.solve(model)
    clock = Clock(100, True, work_limit=10)
    clock.spend([short.solver, long.solver])
    done = long.solver.response_proto.deterministic_time
    assert done > short.solver.response_proto.deterministic_time
    assert clock.work == pytest.approx(done)
    assert clock.unrepeatable() is None
    capped = _run(2, work=50)
    capped.solver.parameters.max_time_in_seconds = 0.1
    capped.solver.solve(model)
    clock.spend([long.solver, capped.solver])
    assert clock.unrepeatable() == STEP_CUT


def test_progress_from_two_runs_never_says_the_search_got_worse(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Objectives only fall and the bound only rises, whichever run found them; and
    together the runs are told no more often than one would be."""
    told: list[Progress] = []
    monkeypatch.setattr(side_by_side, "THROTTLE_SECONDS", 0.0)
    report = never_worse(told.append)
    assert report is not None
    for objective, bound in ((9, 1), (7, 4), (8, 6), (7, 2), (3, None), (5, 5)):
        report(Progress("soft", objective, bound, None, 0.0, 1))
    assert [(p.objective, p.bound) for p in told] == [(9, 1), (7, 4), (7, 4), (3, 4)]
    assert told[-1].gap == pytest.approx(1 / 3)
    monkeypatch.undo()
    told.clear()
    report = never_worse(told.append)
    assert report is not None
    for objective in (9, 8, 7):
        report(Progress("soft", objective, None, None, 0.0, 1))
    assert [p.objective for p in told] == [9]


def test_two_workers_search_side_by_side_only_when_repeatable() -> None:
    assert SolverSettings(workers=2).search_seeds == (0, 2**30)
    assert SolverSettings(workers=8).search_seeds == (0, 2**30)
    assert SolverSettings(workers=2).cores == 2
    assert SolverSettings(workers=1).search_seeds == (0,)
    assert SolverSettings(workers=2, repeatable=False).search_seeds == (0,)
    assert SolverSettings(workers=2, repeatable=False).cores == 2
    # seeds 0 and 1 share no search; the last seed wraps round to the first ones
    assert set(SolverSettings(workers=2, seed=1).search_seeds).isdisjoint({0, 2**30})
    assert all(seed in SEEDS for seed in SolverSettings(workers=2, seed=2**31 - 1).search_seeds)


def test_the_second_search_does_less_work_in_the_same_wall_time_and_logs_as_such() -> None:
    """The second search's work is :data:`LATER_WORK` of the first's, under the same
    wall-time cap, so that it ends inside the cap as often as one search alone; every
    line of the log says which search wrote it (CP-SAT logs blocks of lines as one)."""
    lines: list[str] = []
    problem = load_problem(DATA / "tiny")
    plan = solve(problem, SolverSettings(time_limit=5, workers=2, log=lines.append))
    assert plan.status in ("OPTIMAL", "FEASIBLE")
    shown = [line for text in lines for line in text.split("\n")]
    assert shown and all(line.startswith(("[search 1] ", "[search 2] ")) for line in shown)
    limits: dict[str, list[tuple[float, float]]] = {"1": [], "2": []}
    for line in shown:
        found = re.search(r"^\[search (\d)\] Parameters:.*max_time_in_seconds: ([\d.e+-]+)"
                          r".*max_deterministic_time: ([\d.e+-]+)", line)
        if found:
            limits[found[1]].append((float(found[2]), float(found[3])))
    assert limits["1"] and len(limits["1"]) == len(limits["2"])
    for (wall, work), (wall_2, work_2) in zip(limits["1"], limits["2"], strict=True):
        assert wall_2 == pytest.approx(wall) and work_2 == pytest.approx(LATER_WORK * work)


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
