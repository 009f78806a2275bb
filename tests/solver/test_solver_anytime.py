"""The anytime contract: whatever the time limit, the plan returned is hard-feasible and
never worse, tier by tier, than first fit, a hint or a baseline; a stage that finds
nothing passes its time on; tight workbooks get a plan or a short, named conflict."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbook_strategies import workbooks

from matching import load_problem
from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.io import build_problem
from matching.plan import Assignment, Plan, Staffing
from matching.problem import Problem
from matching.problem.select import restrict
from matching.shapes import curriculum_week, meeting_days, teaching_week
from matching.solver import Pin, SolverSettings, solve
from matching.solver import search as search_module
from matching.solver.incumbent import Candidate, Incumbent
from matching.solver.search import _Search
from matching.solver.squeaky import left_out

ROOT = Path(__file__).resolve().parents[2]


def _loosened(problem: Problem, plan: Plan) -> Plan:
    """``plan`` with every seat above its role's ``min`` dropped: still hard-feasible, and
    worse in the staffing tier whenever such a seat existed."""
    kept: list[Staffing] = []
    for role in problem.roles:
        seats = [s for s in plan.staff_of.get(role.activity_id, ()) if s.role == role.role]
        kept += seats[:role.min]
    return Plan(plan.assignments, tuple(kept))


@pytest.mark.slow
@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(workbooks(), st.floats(0.1, 2.0), st.sampled_from(["none", "hint", "baseline", "pin"]))
def test_any_time_limit_gives_a_plan_no_worse_than_what_it_started_from(
        problem: Problem, limit: float, start: str) -> None:
    first_fit = greedy_plan(problem)
    given_plan = _loosened(problem, first_fit)
    baseline = given_plan if start == "baseline" else None
    pins: tuple[Pin, ...] = ()
    placed = first_fit.scheduled
    if start == "pin" and placed:
        pins = (Pin(placed[0].activity_id, placed[0].start, placed[0].room_id),)
    plan = solve(problem, SolverSettings(time_limit=limit, workers=1, seed=0, pins=pins),
                 hint=given_plan if start == "hint" else None, baseline=baseline)
    if plan.status in ("INFEASIBLE", "UNKNOWN"):
        assert plan.conflicts and not plan.scheduled
        assert not evaluate(problem, first_fit).feasible  # first fit is a plan in hand
        return
    score = evaluate(problem, plan, baseline=baseline)
    assert score.feasible, [f.message for f in score.hard_violations]
    assert plan.objective == score.tiers
    for held in (first_fit, given_plan):  # both keep the pin, taken from first fit
        held_score = evaluate(problem, held, baseline=baseline)
        if held_score.feasible:
            assert score.tiers <= held_score.tiers
    for pin in pins:
        assert plan.assignment_of[pin.activity_id].start == pin.start
        assert plan.assignment_of[pin.activity_id].room_id == pin.room_id


def test_the_incumbent_keeps_the_lexicographically_best() -> None:
    incumbent = Incumbent()
    first = Candidate((0, 12, 1588), {}, (), "greedy")
    assert incumbent.offer(first)
    assert not incumbent.offer(Candidate((0, 73, 200), {}, (), "schedule"))
    assert not incumbent.offer(Candidate((0, 12, 1588), {}, (), "staffing"))
    better = Candidate((0, 12, 1500), {}, (), "soft")
    assert incumbent.offer(better) and incumbent.best is better
    assert incumbent.offer(Candidate((0, 0, 9999), {}, (), "staffing"))


@pytest.fixture(scope="module")
def fortnight() -> Problem:
    return restrict(load_problem(ROOT / "data" / "qianjin-2023"),
                    start=date(2023, 3, 6), end=date(2023, 3, 19))


@pytest.mark.slow
def test_a_stage_that_finds_nothing_passes_its_time_on(fortnight: Problem,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The soft stage is made to find nothing, every time it is visited: the search
    keeps the plan in hand and goes on trying until the limit, instead of giving up."""
    real_run = search_module._Search._run
    visits: list[str] = []

    def run(self, model, stage, seconds, tune=None, **options):  # type: ignore[no-untyped-def]
        visits.append(stage)
        if stage == "soft":
            model = model.clone()
            model.add_bool_or([])  # no solution at all: the stage finds nothing
        return real_run(self, model, stage, seconds, tune, **options)

    monkeypatch.setattr(search_module._Search, "_run", run)
    limit = 3.0
    plan = solve(fortnight, SolverSettings(time_limit=limit, workers=1))
    first_fit = evaluate(fortnight, greedy_plan(fortnight))
    score = evaluate(fortnight, plan)
    assert score.feasible and plan.objective == score.tiers
    assert plan.status == "FEASIBLE"  # the soft tier was never proven
    assert plan.meta["stage.soft"].startswith("NOT_IMPROVED")
    assert score.tiers <= first_fit.tiers
    assert visits.count("soft") >= 2, visits  # visited again with the time that was left
    assert plan.wall_time >= limit * 0.95


@pytest.mark.slow  # 2 s each
@pytest.mark.parametrize(("repeatable", "first_share"), [(False, 4 / 7), (True, 1 / 3)])
def test_racing_workers_give_the_earlier_tier_a_larger_share(
        fortnight: Problem, monkeypatch: pytest.MonkeyPatch, repeatable: bool,
        first_share: float) -> None:
    """Stages that find nothing record the seconds they are given: racing, the schedule
    stage gets 4/7 of the time left (weights 4:2:1), a repeatable search a third."""
    shares: list[tuple[int, float, float]] = []

    def stage(self, number, name, seconds):  # type: ignore[no-untyped-def]
        shares.append((number, seconds, self.remaining()))
        time.sleep(0.05)
        return False

    monkeypatch.setattr(search_module._Search, "_stage", stage)
    solve(fortnight, SolverSettings(time_limit=2, workers=2, repeatable=repeatable))
    (number, seconds, left), *_ = shares
    assert number == 1 and seconds / left == pytest.approx(first_share, rel=0.1)
    assert [n for n, _, _ in shares[:3]] == [1, 2, 3]


def test_when_first_fit_cannot_complete_a_feasibility_search_finds_a_plan(
        fortnight: Problem, monkeypatch: pytest.MonkeyPatch) -> None:
    """First fit is replaced by a plan that puts every activity in the same room at the
    same time, which no solution can complete: the search still finds a plan."""
    some_room = fortnight.rooms[0].room_id
    when = fortnight.grid.time_of(int(fortnight.facts.allowed_starts(
        fortnight.activities[0].activity_id)[0]))
    clash = Plan(tuple(Assignment(a.activity_id, when, when, some_room)
                       for a in fortnight.activities))
    monkeypatch.setattr(search_module, "greedy_plan", lambda problem, **_: clash)
    plan = solve(fortnight, SolverSettings(time_limit=10, workers=1))
    score = evaluate(fortnight, plan)
    assert plan.status in ("FEASIBLE", "OPTIMAL") and score.feasible
    assert plan.meta["found_by"] != "greedy"
    assert plan.objective == score.tiers


def test_a_week_overbooked_for_its_large_rooms_is_infeasible_with_a_short_reason() -> None:
    problem = build_problem(teaching_week(120, 6, seed=3, fill=0.85, overbook=2))
    plan = solve(problem, SolverSettings(time_limit=60, workers=1))
    assert plan.status == "INFEASIBLE"
    assert 1 <= len(plan.conflicts) <= 5
    large = [r.name for r in problem.rooms if r.capacity >= 110]
    assert all(name in plan.conflicts[0] for name in large), plan.conflicts
    assert "only" in plan.conflicts[0] and not plan.scheduled


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1])
def test_a_tight_teaching_week_that_has_a_timetable_gets_one(seed: int) -> None:
    problem = build_problem(teaching_week(80, 4, seed=seed, fill=0.85))
    plan = solve(problem, SolverSettings(time_limit=5, workers=1, no_improvement_seconds=1))
    score = evaluate(problem, plan)
    assert plan.status in ("FEASIBLE", "OPTIMAL"), plan.conflicts
    assert score.feasible and plan.objective == score.tiers
    assert all(a.start is not None for a in plan.assignments)  # every lecture is a must


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 4])
def test_a_curriculum_week_first_fit_cannot_finish_gets_a_timetable(seed: int) -> None:
    """Dense cohorts (curricula and teachers), few periods a day, 95 % of them used by
    the hidden timetable: first fit leaves lectures out, the searches for a timetable
    place them all (within 0.2 s on an idle machine, so 5 s leave a busy one room)."""
    problem = build_problem(curriculum_week(40, 150, 6, days=5, periods=5, curricula=30,
                                            seed=seed, slack=0.05))
    assert not evaluate(problem, greedy_plan(problem)).feasible
    plan = solve(problem, SolverSettings(time_limit=5, workers=1, no_improvement_seconds=1))
    score = evaluate(problem, plan)
    assert score.feasible and plan.objective == score.tiers
    assert all(a.start is not None for a in plan.assignments)


@pytest.mark.slow
def test_meeting_days_keep_required_attendees_and_fill_preferred_seats() -> None:
    problem = build_problem(meeting_days(30, seed=2))
    plan = solve(problem, SolverSettings(time_limit=10, workers=1, no_improvement_seconds=1))
    score = evaluate(problem, plan)
    assert score.feasible and plan.objective == score.tiers
    first_fit = evaluate(problem, greedy_plan(problem))
    assert score.tiers <= first_fit.tiers


@pytest.mark.parametrize("span", ["fortnight", "year"])
@pytest.mark.slow
def test_a_limit_shorter_than_building_the_model_still_gives_the_first_fit_plan(
        span: str, fortnight: Problem) -> None:
    """The first plan gets its grace in wall time too: a repeatable search's wall-clock
    cap is the time left, and with none left completing the year's first-fit plan (and,
    on a loaded machine, the fortnight's) ran out of it."""
    problem = fortnight if span == "fortnight" else load_problem(ROOT / "data" / "qianjin-2023")
    plan = solve(problem, SolverSettings(time_limit=0.001, workers=1))
    first_fit = evaluate(problem, greedy_plan(problem))
    assert plan.status == "FEASIBLE" and plan.objective is not None
    assert evaluate(problem, plan).feasible and plan.objective <= first_fit.tiers


def test_the_first_plan_of_a_large_model_gets_as_long_as_a_neighbourhood_step(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a whole plan in hand (first fit leaves lectures of a full week out),
    completing the first start may take past a short limit as long as a neighbourhood
    step on the model (here made to count as large): a second was too short for the
    10x year, which then ended a 5 s search without a plan. (With a whole first-fit
    plan, the limit returns that plan instead.)"""
    from ortools.sat.python import cp_model

    from matching.solver import neighbourhoods as neighbourhoods_module

    monkeypatch.setattr(neighbourhoods_module, "VARIABLES_PER_SECOND", 100)
    caps: list[tuple[int, float]] = []
    real_run = search_module._Search._run

    def run(self, model, stage, seconds, tune=None, **options):  # type: ignore[no-untyped-def]
        if stage == "start":
            parameters = cp_model.CpSolver().parameters
            self.clock.limit(parameters, seconds)
            tune(parameters)
            caps.append((len(model.proto.variables), parameters.max_time_in_seconds))
        return real_run(self, model, stage, seconds, tune, **options)

    monkeypatch.setattr(search_module._Search, "_run", run)
    week = build_problem(curriculum_week(34, 116, 3, periods=6, curricula=15, seed=7421,
                                         slack=0.0))
    solve(week, SolverSettings(time_limit=0.001, workers=1))
    variables, cap = caps[0]
    assert cap >= variables / 100 > 2


@pytest.mark.slow
def test_a_tier_that_reaches_the_least_it_can_be_is_proven_there(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On one worker the year's seats are filled by neighbourhoods: once none is short
    (the least the staffing tier can be) the tier is proven at once, so its search stops
    and the soft stage gets the rest of the time as one interleaved search."""
    year = load_problem(ROOT / "data" / "qianjin-2023")
    real_run = search_module._Search._run
    tunes: list[tuple[str, str | None]] = []

    def run(self, model, stage, seconds, tune=None, **options):  # type: ignore[no-untyped-def]
        tunes.append((stage, getattr(tune, "__name__", None)))
        return real_run(self, model, stage, seconds, tune, **options)

    monkeypatch.setattr(search_module._Search, "_run", run)
    plan = solve(year, SolverSettings(time_limit=10))
    score = evaluate(year, plan)
    assert score.feasible and score.tiers[1] == 0
    assert plan.meta["stage.staffing"].startswith("OPTIMAL"), plan.meta["stage.staffing"]
    assert ("soft", "_interleave") in tunes, tunes
    assert score.tiers < evaluate(year, greedy_plan(year)).tiers


@pytest.mark.slow
def test_a_large_model_that_could_not_load_is_left_to_the_neighbourhoods(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On a large model a whole-model search that ends without even the hinted plan
    (here: cut to a hundredth of a second) is not tried again with no more time: the
    time of later visits goes to the neighbourhoods."""
    from matching.solver import neighbourhoods as neighbourhoods_module

    quarter = restrict(load_problem(ROOT / "data" / "qianjin-2023"),
                       start=date(2023, 1, 1), end=date(2023, 3, 31))
    monkeypatch.setattr(neighbourhoods_module, "LARGE_MODEL", 0)  # the quarter is large
    real_run = search_module._Search._run
    whole: list[str] = []

    def run(self, model, stage, seconds, tune=None, **options):  # type: ignore[no-untyped-def]
        if stage in ("schedule", "staffing", "soft"):
            whole.append(stage)
            seconds = 0.0  # the clock gives it its least: the model cannot load
        return real_run(self, model, stage, seconds, tune, **options)

    monkeypatch.setattr(search_module._Search, "_run", run)
    plan = solve(quarter, SolverSettings(time_limit=3, workers=2, repeatable=False))
    score = evaluate(quarter, plan)
    assert score.feasible and score.tiers <= evaluate(quarter, greedy_plan(quarter)).tiers
    assert len(whole) == 1, whole
    assert plan.wall_time >= 3 * 0.9  # the neighbourhoods had the rest


@pytest.mark.slow
def test_the_search_starts_from_the_plan_whose_crews_are_fullest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On a meeting day where first fit leaves 11 preferred seats empty, the search is
    also offered first fit taking the start where most attendees can come (in rounds
    until every meeting has a place: first fit places them all, so any rounds are its),
    and the plan returned is no worse than either."""
    problem = build_problem(meeting_days(40, seed=2))
    offered: dict[str, tuple[int, ...]] = {}
    real_offer = Incumbent.offer

    def offer(self: Incumbent, candidate: Candidate) -> bool:
        offered.setdefault(candidate.source, candidate.tiers)
        return real_offer(self, candidate)

    monkeypatch.setattr(Incumbent, "offer", offer)
    plan = solve(problem, SolverSettings(time_limit=5, workers=1))
    first_fit = evaluate(problem, greedy_plan(problem)).tiers
    fullest = offered.get("squeaky", offered.get("fullest crews"))
    assert offered["greedy"] == first_fit and fullest is not None
    assert fullest[:2] < first_fit[:2]
    score = evaluate(problem, plan)
    assert score.feasible and score.tiers <= fullest


@pytest.mark.slow
def test_with_a_plan_in_hand_the_fullest_crews_rounds_get_a_quarter_of_the_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On this meeting day first fit places every meeting, its fullest-crews variant
    leaves two out: the rounds that place them are given a quarter of the time left
    (a tenth left a schedule of 361 meetings with 345 empty seats at 10 s, for want of
    its third round), and their plan is offered."""
    problem = build_problem(meeting_days(100, seed=1))
    assert not left_out(problem, greedy_plan(problem))
    assert left_out(problem, greedy_plan(problem, fullest=True))
    shares: list[float] = []
    sources: list[str] = []
    real_clock, real_offer = _Search._by_the_clock, Incumbent.offer

    def by_the_clock(self: _Search, search: Callable[[float], Plan], share: float) -> Plan:
        shares.append(share)
        return real_clock(self, search, share)

    def offer(self: Incumbent, candidate: Candidate) -> bool:
        sources.append(candidate.source)
        return real_offer(self, candidate)

    monkeypatch.setattr(_Search, "_by_the_clock", by_the_clock)
    monkeypatch.setattr(Incumbent, "offer", offer)
    plan = solve(problem, SolverSettings(time_limit=5, workers=1))
    assert shares == [1 / 4] and "squeaky" in sources
    assert evaluate(problem, plan).feasible
