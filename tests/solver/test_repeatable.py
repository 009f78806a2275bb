"""Repeatable by default: the same workbook and settings give the same plan on every run,
because CP-SAT's limits are counted in work (deterministic time), not seconds."""

from __future__ import annotations

import functools
import itertools
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA
from ortools.sat.python import cp_model

from matching import load_problem, write_tables
from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.i18n import CATALOGUE
from matching.io import build_problem
from matching.problem import Problem
from matching.problem.select import restrict
from matching.scenario import workbook_tables
from matching.shapes import curriculum_week
from matching.solver import SolverSettings, solve
from matching.solver import clock as clock_module
from matching.solver.clock import SLOWDOWN_POWER, STEP_CUT, WORK_PER_SECOND, Clock
from matching.solver.neighbourhoods import LARGE_MODEL
from matching.solver.result import _meta
from matching.summary import summary_lines


@functools.cache
def third_quarter() -> Problem:
    return restrict(load_problem(DATA / "qianjin-2023"), start=date(2023, 7, 1),
                    end=date(2023, 9, 30))


def golomb_ruler() -> cp_model.CpModel:
    """A Golomb ruler of 11 marks: far more than a second of CP-SAT's work."""
    model = cp_model.CpModel()
    marks = [model.new_int_var(0, 120, f"m{i}") for i in range(11)]
    model.add(marks[0] == 0)
    model.add_all_different([marks[j] - marks[i] for i in range(11) for j in range(i + 1, 11)])
    for a, b in itertools.pairwise(marks):
        model.add(a < b)
    model.minimize(marks[-1])
    return model


@pytest.mark.slow
def test_two_one_worker_searches_give_the_same_plan() -> None:
    """A quarter is not proven optimal with 0.3 units of work, so the budget binds: the
    same plan twice shows that the work budget, not the clock, ended the search (the
    generous wall-clock cap keeps a busy machine from cutting it)."""
    problem = third_quarter()
    plans = [solve(problem, SolverSettings(time_limit=120, work_limit=0.3, workers=1))
             for _ in range(2)]
    first, second = plans
    assert first.status == "FEASIBLE" and first.meta["repeatable"] == "yes"
    assert second.meta["repeatable"] == "yes"
    assert (first.assignments, first.staffing) == (second.assignments, second.staffing)
    assert evaluate(problem, first).feasible


@pytest.mark.slow
def test_a_race_is_marked_not_repeatable() -> None:
    plan = solve(third_quarter(), SolverSettings(time_limit=1, workers=2,
                                             repeatable=False))
    assert plan.meta["repeatable"] == "no (workers race)"


def test_the_clock_counts_work_when_repeatable_and_seconds_otherwise() -> None:

    repeatable, racing = Clock(10, True), Clock(10, False)
    assert repeatable.remaining() == pytest.approx(10)
    parameters = cp_model.CpSolver().parameters
    repeatable.limit(parameters, 4)
    assert parameters.max_deterministic_time == pytest.approx(4 * WORK_PER_SECOND)
    # the wall-clock cap: the share of the wall time left that 4 s are of the 10 s of work
    assert 3.9 < parameters.max_time_in_seconds <= 4
    repeatable.work = 5 * WORK_PER_SECOND  # as if CP-SAT had done 5 s of work
    assert repeatable.remaining() == pytest.approx(5)
    racing.limit(parameters := cp_model.CpSolver().parameters, 4)
    assert parameters.max_time_in_seconds == 4
    assert not repeatable.cut_short() and Clock(0, True).cut_short()
    assert repeatable.unrepeatable() is None
    assert Clock(0, True).unrepeatable() == "the time limit cut the search short"
    spent = Clock(100, True, work_limit=0)  # no work left, the wall time all there
    assert spent.remaining() <= 0 and spent.left_for_a_first_plan() > 99
    assert spent.unrepeatable() == "the work limit ran out before a first plan; the search went on"
    racing = Clock(100, False)
    assert racing.left_for_a_first_plan() == pytest.approx(racing.remaining(), abs=0.1)
    assert not racing.overdrawn
    late = Clock(0, True, work_limit=0)
    assert late.left_for_a_first_plan() <= 0 and not late.overdrawn
    assert Clock(100, True, work_limit=2 * WORK_PER_SECOND).remaining() == pytest.approx(2)


def test_a_call_its_wall_share_ends_with_work_undone_makes_the_plan_unrepeatable() -> None:
    """A Golomb ruler of 11 marks takes CP-SAT far more than 0.2 s: given 50 s of work
    out of 500 in a 2 s limit, the call may take a tenth of the wall time, ends there
    with its work undone, and a run on another machine could end elsewhere."""

    model = golomb_ruler()
    clock = Clock(2, True, work_limit=500 * WORK_PER_SECOND)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    clock.limit(solver.parameters, 50)
    assert solver.parameters.max_time_in_seconds == pytest.approx(0.2, abs=0.01)
    assert solver.solve(model) in (cp_model.FEASIBLE, cp_model.UNKNOWN)
    assert not clock.cut_short()
    clock.spend([solver])
    # its step's share, not the time limit, ended it: a plan proven optimal in 5 s of 10
    # was said to be cut short by the time limit
    assert clock.cut_short() and clock.unrepeatable() == STEP_CUT
    said = [entry["zh"] for key, entry in CATALOGUE.items()
            if key.startswith("repeatable.") and entry["en"] == f"no ({STEP_CUT})"]
    assert said == ["否（某一步用完了分到的时间，工作尚未做完）"]  # the summary's Chinese


def test_a_call_that_ends_short_of_its_work_far_from_its_cap_still_makes_it_unrepeatable(
        ) -> None:
    """CP-SAT stops a call once the longest stretch it went without looking at the
    clock would take it past the cap: on a busy machine the third quarter's soft stage
    stopped at 3.98 s of its 6.64-s cap with its work undone, and its plan differed from
    an idle run's. Here the call is stopped at 0.2 s and its cap then raised to 10 s, as
    far from it as that stage was: the plan still may not repeat."""

    model = golomb_ruler()
    clock = Clock(20, True, work_limit=500 * WORK_PER_SECOND)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    clock.limit(solver.parameters, 50)
    solver.parameters.max_time_in_seconds = 0.2
    assert solver.solve(model) in (cp_model.FEASIBLE, cp_model.UNKNOWN)
    solver.parameters.max_time_in_seconds = 10
    assert solver.response_proto.wall_time < 0.5 * solver.parameters.max_time_in_seconds
    clock.spend([solver])
    assert clock.unrepeatable() == STEP_CUT


@pytest.mark.slow
def test_a_call_that_does_all_its_work_leaves_the_plan_repeatable() -> None:
    """The other side of the rule: a call that ends at its work limit, not its wall
    cap, leaves the search repeatable."""

    model = golomb_ruler()
    clock = Clock(60, True, work_limit=30 * WORK_PER_SECOND)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    clock.limit(solver.parameters, 0.5)
    assert solver.solve(model) in (cp_model.FEASIBLE, cp_model.UNKNOWN)
    clock.spend([solver])
    assert clock.unrepeatable() is None


@pytest.mark.slow
def test_two_default_cli_runs_write_the_same_plan(tmp_path: Path) -> None:
    """July's work budget at 6 s ends its search after about 4 s on an idle 2-core
    machine, its plan not proven optimal; on a machine much slower the wall-clock cap
    ends it, and the summary says so (the plan is the best in hand, no longer promised
    to repeat): the test then skips rather than pass without comparing. The whole
    quarter needs 20 s for the same margin: CP-SAT stops a call once its longest
    stretch between looks at the clock (a 2.7-s chunk of LP search there) would overrun
    the call's wall-time cap, and at 10 s the soft stage's cap is within that stretch
    of its work's end."""
    july = restrict(third_quarter(), start=date(2023, 7, 1), end=date(2023, 7, 31))
    workbook = write_tables(workbook_tables(july), tmp_path / "july")
    written = []
    for run in ("a", "b"):
        out = tmp_path / run
        result = subprocess.run([sys.executable, "-m", "matching", "solve", str(workbook),
                                 "--out", str(out), "--time-limit", "6", "--quiet",
                                 "--language", "en"],  # the quarter's is Chinese
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        if any(f"repeatable  no ({cut})" in result.stdout
               for cut in ("the time limit cut the search short", STEP_CUT)):
            pytest.skip(f"run {run}: the machine was too busy to finish the work budget "
                        "within the time limit")
        assert "repeatable  yes" in result.stdout
        written.append({name: (out / name).read_bytes()
                        for name in ("assignments.csv", "staffing.csv")})
    assert written[0] == written[1]


@pytest.mark.slow
def test_one_worker_runs_the_soft_stage_as_an_interleaved_portfolio_and_repeats() -> None:
    """Once the earlier tiers are proven, one worker's soft stage gives most of its time
    to CP-SAT's portfolio taking turns on the one thread; that search is deterministic,
    so the default search still gives the same plan twice, and never one worse than
    first fit."""
    problem = third_quarter()
    logs: list[list[str]] = [[], []]
    plans = [solve(problem, SolverSettings(time_limit=120, work_limit=1.0, workers=1,
                                           log=lines.append))
             for lines in logs]
    interleaved = [[line for line in lines if "interleave_search: true" in line]
                   for lines in logs]
    assert all(interleaved)
    # the whole model's probing fixes booleans: kept; the seats alone, last, presolve lightly
    assert "cp_model_probing_level: 0" not in interleaved[0][0]
    first, second = plans
    assert (first.assignments, first.staffing) == (second.assignments, second.staffing)
    score = evaluate(problem, first)
    assert score.feasible and score.tiers == first.objective
    assert score.tiers < evaluate(problem, greedy_plan(problem)).tiers


def test_a_call_counts_at_least_the_work_its_caller_estimates() -> None:
    """CP-SAT hardly counts loading a model as work: a neighbourhood step of the 10x year
    takes about 2 s and counts 0.01. The clock takes the larger of the two."""

    model = cp_model.CpModel()
    model.new_bool_var("x")
    solver = cp_model.CpSolver()
    solver.solve(model)
    clock = Clock(10, True)
    clock.spend([solver], 0.5)
    assert clock.work == pytest.approx(0.5)
    clock.spend([solver])
    assert clock.work == pytest.approx(0.5 + solver.response_proto.deterministic_time)


def test_a_large_models_calls_get_less_work_and_count_for_more_seconds() -> None:
    """CP-SAT does a unit of work more slowly on a large model: a call there is given
    less work for the same seconds, and what it did counts for more of the budget.
    Models up to a large model's size keep the plain rate."""

    model = cp_model.CpModel()
    model.new_bool_var("x")
    solver = cp_model.CpSolver()
    solver.solve(model)
    assert Clock(10, True, variables=LARGE_MODEL).slowdown == 1
    clock = Clock(10, True, variables=4 * LARGE_MODEL)
    slower = 4**SLOWDOWN_POWER
    assert clock.slowdown == pytest.approx(slower) and slower > 1.5
    parameters = cp_model.CpSolver().parameters
    clock.limit(parameters, 4)
    assert parameters.max_deterministic_time == pytest.approx(4 * WORK_PER_SECOND / slower)
    clock.spend([solver], 0.3)
    assert clock.work == pytest.approx(0.3 * slower)
    assert clock.remaining() == pytest.approx(10 - 0.3 * slower / WORK_PER_SECOND)


@pytest.mark.slow
def test_a_search_paces_its_clock_by_its_models_size(monkeypatch: pytest.MonkeyPatch
                                                     ) -> None:
    """The search's clock knows how large its model is: with a large model's size set
    below the quarter's, the quarter's clock counts its work at a slowdown."""
    from matching.solver.search import _Search

    problem = third_quarter()
    plain = _Search(problem, SolverSettings(), 0.0, None, lambda: False, None)
    assert plain.clock.slowdown == 1
    monkeypatch.setattr(clock_module, "LARGE_MODEL", 100)
    paced = _Search(problem, SolverSettings(), 0.0, None, lambda: False, None)
    variables = len(paced.pm.model.proto.variables)
    assert paced.clock.slowdown == pytest.approx((variables / 100) ** SLOWDOWN_POWER)


@pytest.mark.slow
def test_each_neighbourhood_step_counts_at_least_the_work_of_loading_its_model(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With loading a model costed at a whole budget, a repeatable search takes a single
    neighbourhood step and ends, the plan in hand still repeatable and no worse than
    first fit: the steps' work is counted by the model's size, not only by CP-SAT."""
    from matching.solver import search as search_module

    problem = load_problem(DATA / "qianjin-2023")  # a year: staffed step by step
    steps: list[float] = []
    real_run = search_module._Search._run

    def run(self, model, stage, seconds, tune=None, **options):  # type: ignore[no-untyped-def]
        if stage == "neighbourhood":
            steps.append(options["least_work"])
        return real_run(self, model, stage, seconds, tune, **options)

    monkeypatch.setattr(search_module._Search, "_run", run)
    # from first fit alone, whose seats short the staffing stage fills step by step
    monkeypatch.setattr(search_module._Search, "start_from_fullest_crews", lambda self: None)
    plain = solve(problem, SolverSettings(time_limit=120, work_limit=0.4))
    assert len(steps) > 1  # the search takes several steps when they are cheap
    steps.clear()
    monkeypatch.setattr(search_module, "_LOAD_WORK_PER_VARIABLE", 1.0)
    plan = solve(problem, SolverSettings(time_limit=120, work_limit=0.4))
    assert len(steps) == 1 and steps[0] > 1.0
    assert plan.meta["repeatable"] == "yes" and plain.meta["repeatable"] == "yes"
    score = evaluate(problem, plan)
    assert score.feasible and score.tiers <= evaluate(problem, greedy_plan(problem)).tiers


@pytest.mark.slow
def test_a_model_whose_probing_fixed_nothing_is_searched_with_a_light_presolve() -> None:
    """On a timetabling week of one-slot lectures sharing cohorts the proving search's
    presolve fixes no boolean: the interleaved search after it skips probing (which
    takes seconds there for little work). (The quarter's presolve fixes over 1 % of its
    booleans and keeps probing: the test above.)"""
    week = build_problem(curriculum_week(30, 160, 6, periods=6, curricula=14, seed=0))
    lines: list[str] = []
    plan = solve(week, SolverSettings(time_limit=120, work_limit=0.6, log=lines.append))
    interleaved = [line for line in lines if "interleave_search: true" in line]
    assert interleaved and all("cp_model_probing_level: 0" in line for line in interleaved)
    score = evaluate(week, plan)
    assert score.feasible and score.tiers <= evaluate(week, greedy_plan(week)).tiers
    assert plan.meta["repeatable"] == "yes"


@pytest.mark.slow
def test_with_its_work_spent_and_no_plan_the_search_goes_on_and_says_so(
        ejection_finds_nothing: None) -> None:
    """A full week that first fit and its rounds cannot complete needs the repair
    search; a work budget far too small for it used to end the search at once with
    "no plan was found within the time limit", most of the limit left. The search for
    a first plan goes on in wall time, and the plan says it may not repeat."""
    week = build_problem(curriculum_week(34, 116, 3, periods=6, curricula=15, seed=7421,
                                         slack=0.0))
    plan = solve(week, SolverSettings(time_limit=60, work_limit=0.001))
    assert plan.status == "FEASIBLE" and evaluate(week, plan).feasible
    assert all(a.start is not None for a in plan.assignments)  # every lecture is a must
    assert plan.meta["repeatable"] == (
        "no (the work limit ran out before a first plan; the search went on)")
    assert plan.meta["found_by"] == "repair"


@pytest.mark.slow
def test_one_worker_repairs_with_the_portfolio_taking_turns(
        monkeypatch: pytest.MonkeyPatch,
        ejection_finds_nothing: None) -> None:
    """The repair search presolves lightly, and on one worker runs CP-SAT's portfolio
    interleaved on its thread (the neighbourhood searches among them): its plain search
    alone found plans for fewer full weeks, later. Two workers race CP-SAT's own."""

    from matching.solver import search as search_module

    week = build_problem(curriculum_week(34, 116, 3, periods=6, curricula=15, seed=7421,
                                         slack=0.0))
    repairs: list[tuple[int, bool, int]] = []
    real_run = search_module._Search._run

    def run(self, model, stage, seconds, tune=None, **options):  # type: ignore[no-untyped-def]
        if stage == "start" and model.has_objective():
            parameters = cp_model.CpSolver().parameters
            parameters.num_workers = self.settings.search_workers
            if tune is not None:
                tune(parameters)
            if not parameters.fix_variables_to_their_hinted_value:  # not the completion
                repairs.append((parameters.num_workers, parameters.interleave_search,
                                parameters.cp_model_probing_level))
        return real_run(self, model, stage, seconds, tune, **options)

    monkeypatch.setattr(search_module._Search, "_run", run)
    for workers, repeatable in ((1, True), (2, False)):
        plan = solve(week, SolverSettings(time_limit=30, workers=workers,
                                          repeatable=repeatable, no_improvement_seconds=0.5))
        assert evaluate(week, plan).feasible and plan.status in ("FEASIBLE", "OPTIMAL")
    one = [r for r in repairs if r[0] == 1]
    two = [r for r in repairs if r[0] == 2]
    assert one and all(interleaved and probing == 0 for _, interleaved, probing in one)
    assert two and all(not interleaved and probing == 0 for _, interleaved, probing in two)


@pytest.mark.slow
def test_the_summary_says_why_a_repeatable_search_ended_early() -> None:
    """A repeatable search that ends well inside its limit without a proof did its fixed
    work sooner; the summary says so, and says nothing when the plan is proven, the
    limit was used, the search raced, or a patience may have ended it."""
    problem = third_quarter()
    plan = greedy_plan(problem)

    def line(status: str, wall: float, repeatable: str = "yes", **meta: str) -> str:
        ended = replace(plan, status=status, wall_time=wall, objective=(0, 0, 0),
                        meta={"time_limit": "20", "repeatable": repeatable, **meta})
        return next(x for x in summary_lines(problem, ended) if x.startswith("repeatable"))

    assert line("FEASIBLE", 12.0) == (
        "repeatable  yes (a fixed amount of work, done in 12 s of the 20 s limit; "
        "--race searches for the whole limit)")
    assert line("OPTIMAL", 12.0) == "repeatable  yes"
    assert line("FEASIBLE", 19.5) == "repeatable  yes"
    assert line("FEASIBLE", 12.0, "no (workers race)") == "repeatable  no (workers race)"
    assert line("FEASIBLE", 12.0, "no (its patience is counted in seconds)", patience="3"
                ) == "repeatable  no (its patience is counted in seconds)"


def test_a_patience_is_counted_in_seconds_so_its_plan_is_not_promised_to_repeat() -> None:
    tiny = load_problem(DATA / "tiny")
    patient = solve(tiny, SolverSettings(time_limit=5, workers=1, no_improvement_seconds=1))
    assert patient.meta["repeatable"] == "no (its patience is counted in seconds)"
    assert patient.meta["patience"] == "1"
    plain = solve(tiny, SolverSettings(time_limit=5, workers=1))
    assert plain.meta["repeatable"] == "yes" and "patience" not in plain.meta


def test_a_search_its_patience_ended_gives_its_patience_as_the_reason() -> None:
    """A patience ends CP-SAT's calls short of their work, which the clock takes for a
    cut: the plan still says the patience, not "the time limit cut the search short"
    (the search may have ended in a second of a 10-s limit)."""
    tiny = load_problem(DATA / "tiny")
    meta = _meta(tiny, SolverSettings(time_limit=10, workers=1, no_improvement_seconds=1),
                 time.monotonic(), "OPTIMAL", False, "the time limit cut the search short")
    assert meta["repeatable"] == "no (its patience is counted in seconds)"
