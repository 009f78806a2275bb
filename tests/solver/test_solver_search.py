"""The search as a user drives it: progress, stop, hints, logs, determinism, the CLI."""

from __future__ import annotations

import dataclasses
import math
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from ortools.sat.python import cp_model

from matching import load_problem
from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.io import build_problem
from matching.io.outputs import MANIFEST
from matching.problem import Problem
from matching.problem.select import restrict
from matching.shapes import curriculum_week
from matching.solver import Progress, SolverSettings, solve
from matching.solver import monitor as monitor_module
from matching.solver import search as search_module
from matching.solver.incumbent import Candidate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fortnight() -> Problem:
    """Two busy weeks of the embedded workbook: smartphone classes, bookings, talks."""
    return restrict(load_problem(ROOT / "data" / "qianjin-2023"),
                    start=date(2023, 3, 6), end=date(2023, 3, 19))


@pytest.fixture(scope="module")
def quarter() -> Problem:
    return restrict(load_problem(ROOT / "data" / "qianjin-2023"),
                    start=date(2023, 7, 1), end=date(2023, 9, 30))


def test_one_worker_and_a_seed_give_the_same_plan(fortnight: Problem) -> None:
    settings = SolverSettings(time_limit=30, workers=1, seed=7)
    first, second = solve(fortnight, settings), solve(fortnight, settings)
    assert first.status == "OPTIMAL"
    assert first.assignments == second.assignments and first.staffing == second.staffing
    assert len(first.scheduled) >= 10


def test_progress_is_reported_per_stage_and_the_plan_checks_out(fortnight: Problem) -> None:
    seen: list[Progress] = []
    plan = solve(fortnight, SolverSettings(time_limit=30, workers=1), on_progress=seen.append)
    assert seen[0].stage == "start" and seen[-1].stage == "soft"
    assert {"schedule", "staffing", "soft"} <= {p.stage for p in seen}
    searched = [p for p in seen if p.stage != "start"]
    assert all(p.solutions >= 1 and p.elapsed >= 0 and p.gap is not None and p.gap >= 0
               for p in searched)
    assert seen[0].bound is None and seen[-1].gap == 0
    score = evaluate(fortnight, plan)
    assert score.feasible and score.tiers == plan.objective


@pytest.mark.slow
def test_a_stage_visited_again_never_reports_a_lower_bound_than_it_proved() -> None:
    """The app shows the gap as proven: the summer quarter's soft stage, searched again
    after its neighbourhoods, reported bounds of -240 and -127 after proving -111, and
    "at most 90 %" became "at most 109 %"."""
    problem = restrict(load_problem(ROOT / "data" / "qianjin-2023"), start=date(2023, 7, 1),
                       end=date(2023, 9, 30))
    seen: list[Progress] = []
    solve(problem, SolverSettings(time_limit=3, workers=1, seed=0), on_progress=seen.append)
    proven: dict[str, float] = {}
    for progress in seen:
        if progress.bound is None:
            continue
        assert progress.bound >= proven.get(progress.stage, progress.bound), progress
        proven[progress.stage] = progress.bound
    assert "soft" in proven


@pytest.mark.slow  # about 6 s
def test_until_the_first_plan_the_search_says_it_is_looking(
        monkeypatch: pytest.MonkeyPatch,
        ejection_finds_nothing: None) -> None:
    """A full week whose first plan takes first fit, its rounds and the repair search:
    beats without a plan come first (the objective: lectures the nearest start leaves
    out), then the first plan, and no beat after it."""
    monkeypatch.setattr(monitor_module, "HEARTBEAT_SECONDS", 0.01)
    week = build_problem(curriculum_week(34, 116, 3, periods=6, curricula=15, seed=7421,
                                         slack=0.0))
    seen: list[Progress] = []
    plan = solve(week, SolverSettings(time_limit=10, workers=1, no_improvement_seconds=0.5),
                 on_progress=seen.append)
    assert plan.status in ("FEASIBLE", "OPTIMAL")
    first = next(i for i, p in enumerate(seen) if p.scheduled is not None)
    beats = seen[:first]
    assert beats and all(p.stage == "start" and p.bound is None and p.scheduled is None
                         for p in beats)
    assert beats[0].objective == len(week.activities)  # nothing placed yet: every lecture
    assert 1 <= beats[-1].objective < beats[0].objective  # what first fit left out
    assert all(p.scheduled is not None for p in seen[first:])
    assert seen[first].stage == "start" and seen[first].scheduled == len(week.activities)


def test_stop_from_another_thread_returns_the_best_plan_so_far(quarter: Problem) -> None:
    stop = threading.Event()
    first_plan = threading.Event()

    def on_progress(progress: Progress) -> None:
        if progress.scheduled is not None:  # not a beat of the search for one
            first_plan.set()

    result = {}
    worker = threading.Thread(target=lambda: result.update(plan=solve(
        quarter, SolverSettings(time_limit=300, workers=1), on_progress=on_progress,
        stop=stop)))
    started = time.monotonic()
    worker.start()
    assert first_plan.wait(120), "no plan reported"
    stop.set()
    worker.join(60)
    assert not worker.is_alive()
    plan = result["plan"]
    assert time.monotonic() - started < 200
    assert plan.meta["stopped_by_user"] == "yes"
    assert plan.status == "FEASIBLE"
    assert evaluate(quarter, plan).feasible


def test_a_hint_is_accepted_and_a_log_goes_to_the_callback(fortnight: Problem) -> None:
    lines: list[str] = []
    baseline = solve(fortnight, SolverSettings(time_limit=30, workers=1))
    again = solve(fortnight, SolverSettings(time_limit=30, workers=1, log=lines.append),
                  hint=baseline)
    assert again.objective == baseline.objective
    assert any("Starting CP-SAT" in line for line in lines)


@pytest.mark.slow
def test_patience_ends_a_stage_that_stopped_improving(quarter: Problem) -> None:
    plan = solve(quarter, SolverSettings(time_limit=120, workers=1,
                                         no_improvement_seconds=0.5))
    assert plan.wall_time < 60
    assert evaluate(quarter, plan).feasible


@pytest.mark.slow
def test_cli_solve_writes_the_plan_tables(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    result = subprocess.run(
        [sys.executable, "-m", "matching", "solve", str(ROOT / "data" / "tiny"), "--out",
         str(out), "--time-limit", "10", "--workers", "1", "--quiet"],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "status      OPTIMAL" in result.stdout
    assert "0 hard violation(s)" in result.stdout
    assignments = pd.read_csv(out / "assignments.csv", encoding="utf-8-sig", dtype=str)
    assert list(assignments.columns) == ["activity_id", "status", "start", "end", "room_id",
                                         "reason"]
    assert assignments["start"].dropna().str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d").all()
    for name in ("staffing", "score", "kpis", "meta"):
        assert (out / f"{name}.csv").is_file()
    meta = pd.read_csv(out / "meta.csv", encoding="utf-8-sig", dtype=str)
    assert {"fingerprint", "seed", "workers", "status", "objective", "version"} <= set(meta["key"])
    report = tmp_path / "report.html"
    exported = subprocess.run(
        [sys.executable, "-m", "matching", "export", str(out / "plan.json"), "--to", "html",
         "--out", str(report)], capture_output=True, text=True, check=False)
    assert exported.returncode == 0, exported.stderr
    assert "Phone class 1" in report.read_text(encoding="utf-8")


def test_cli_says_a_repeatable_search_uses_two_workers_at_most(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An analyst comparing `--workers 4` with two would otherwise compare two with
    themselves; two workers search side by side, one alone."""
    from matching.cli import main

    args = ["solve", str(ROOT / "data" / "tiny"), "--time-limit", "5", "--quiet"]
    assert main([*args, "--out", str(tmp_path / "a"), "--workers", "4"]) == 0
    assert "note: --workers 4 is used in full with --race only" in capsys.readouterr().err
    assert main([*args, "--out", str(tmp_path / "b"), "--workers", "4", "--race"]) == 0
    assert main([*args, "--out", str(tmp_path / "c"), "--workers", "2"]) == 0
    assert main([*args, "--out", str(tmp_path / "d"), "--workers", "1"]) == 0
    assert "--workers" not in capsys.readouterr().err
    for folder, workers in (("b", "4"), ("c", "2"), ("d", "1")):
        meta = pd.read_csv(tmp_path / folder / "meta.csv", encoding="utf-8-sig", dtype=str)
        assert dict(zip(meta["key"], meta["value"], strict=True))["workers"] == workers


@pytest.mark.slow
def test_cli_progress_says_when_it_is_still_looking_for_a_first_plan() -> None:
    from matching.cli.plan import progress_line

    beat = progress_line(Progress("start", 3, None, None, 4.0, 0))
    assert beat.startswith("looking for a first plan (3 must activities without a place")
    plan = progress_line(Progress("soft", 141, 129, 0.09, 8.5, 12, 5, 5, 0))
    assert plan.split() == ["soft", "objective", "141", "bound", "129", "8.5", "s"]


@pytest.mark.slow
def test_cli_refuses_bad_arguments_before_solving(tmp_path: Path) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("not a folder", encoding="utf-8")
    for extra in (["--out", str(taken)], ["--out", str(tmp_path / "o"), "--workers", "0"],
                  ["--out", str(tmp_path / "o"), "--time-limit", "-1"],
                  ["--out", str(tmp_path / "o"), "--time-limit", "inf"],
                  ["--out", str(tmp_path / "o"), "--patience", "-1"],
                  ["--out", str(tmp_path / "o"), "--seed", str(2**31)]):
        result = subprocess.run([sys.executable, "-m", "matching", "solve",
                                 str(ROOT / "data" / "tiny"), *extra],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 2, extra
        assert "Traceback" not in result.stderr and "error" in result.stderr
        assert "internal error" not in result.stderr, extra


@pytest.mark.slow
def test_cli_solve_without_a_plan_keeps_the_plan_in_the_folder(tmp_path: Path) -> None:
    """A good plan, then the same workbook made infeasible: the plan files stay as they
    were, the reasons go to conflicts.txt, and the next good plan removes that report."""
    from matching.io import read_tables, save_workbook

    out = tmp_path / "plan"
    command = [sys.executable, "-m", "matching", "solve", "--out", str(out),
               "--time-limit", "10", "--workers", "1", "--quiet"]
    tiny = ROOT / "data" / "tiny"
    assert subprocess.run([*command[:4], str(tiny), *command[4:]], check=False).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != MANIFEST}
    tables, _ = read_tables(tiny)
    tables["activities"]["expected_attendance"] = "500"  # no room holds a must activity
    broken = save_workbook(tables, tmp_path / "broken")
    result = subprocess.run([*command[:4], str(broken), *command[4:]], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 1, result.stderr
    assert "INFEASIBLE" in result.stdout and "is kept" in result.stdout
    report = (out / "conflicts.txt").read_text(encoding="utf-8")
    assert report.startswith("INFEASIBLE") and "must take place" in report
    assert {p.name: p.read_bytes() for p in out.iterdir()
            if p.name not in ("conflicts.txt", MANIFEST)} == before
    assert subprocess.run([*command[:4], str(tiny), *command[4:]], check=False).returncode == 0
    assert not (out / "conflicts.txt").exists()


@pytest.mark.slow
def test_each_tier_grows_and_shrinks_its_own_neighbourhoods() -> None:
    """Schedule steps that CP-SAT solves at once grow their windows; the staffing
    stage's steps start from their own size, not from windows they would time out on."""
    from matching.solver.model import PlanModel
    from matching.solver.neighbourhoods import LEAST_FREED, MOST_SHARE, Neighbourhoods

    neighbourhoods = Neighbourhoods(PlanModel(load_problem(ROOT / "data" / "qianjin-2023")), 0)
    first = neighbourhoods.size(1)
    assert first == neighbourhoods.size(2) >= LEAST_FREED
    for _ in range(20):
        neighbourhoods.adapt(1, solved=True)
    assert neighbourhoods.size(1) == round(MOST_SHARE * len(neighbourhoods.in_time)) > first
    assert neighbourhoods.size(2) == first
    neighbourhoods.adapt(2, solved=False)
    assert LEAST_FREED <= neighbourhoods.size(2) < first
    best = tuple([0] * len(neighbourhoods.pm.model.proto.variables))
    assert len(neighbourhoods.pick(best, 2)) <= neighbourhoods.size(2)


@pytest.mark.parametrize("staffing_at_floor", [False, True])
def test_a_schedule_step_that_schedules_more_is_followed_by_staffing_what_it_moved(
        fortnight: Problem, staffing_at_floor: bool) -> None:
    """A schedule step minimises the schedule tier alone, leaving the seats of the
    activities it moved to chance; the seats of those activities, the newly scheduled
    first, are then filled in a step of their own, everything else held as before
    (unless the staffing tier is at the least it can be)."""
    from matching.solver.neighbourhoods import Neighbourhoods, neighbourhood_search

    search = search_module._Search(fortnight, SolverSettings(time_limit=30, workers=1),
                                   time.monotonic(), None, lambda: False, None)
    acts = search.pm.acts
    left_out = next(a.activity_id for a in fortnight.activities
                    if a.priority != "must" and a.activity_id in acts)
    start = search.pm.model.clone()  # a plan that leaves one activity out, only one
    start.add(acts[left_out].scheduled == 0)
    start.minimize(search.tiers[0])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(start) == cp_model.OPTIMAL
    search.offer(solver, "start")
    before = search.incumbent.best
    assert before is not None and before.tiers[0] > 0
    neighbourhoods = Neighbourhoods(search.pm, 0)
    free = {left_out, *neighbourhoods.in_time[::2]}
    neighbourhoods.pick = lambda vector, number: free  # type: ignore[method-assign]
    steps: list[tuple[list[int], set[str], str]] = []
    fix_all_but = neighbourhoods.fix_all_but

    def spy(model: cp_model.CpModel, freed: set[str], vector: tuple[int, ...],
            part: str = "all") -> None:
        steps.append((list(model.proto.objective.vars), set(freed), part))
        fix_all_but(model, freed, vector, part)  # type: ignore[arg-type]

    neighbourhoods.fix_all_but = spy  # type: ignore[method-assign]
    neighbourhoods.sizes[2] = 1  # a staffing neighbourhood of one activity
    if staffing_at_floor:
        search.floors[1] = 10**12  # any staffing tier counts as the least it can be
    assert neighbourhood_search(search, neighbourhoods, 1, 20)
    after = search.incumbent.best
    assert after is not None and after.tiers[0] < before.tiers[0]
    if staffing_at_floor:
        assert {tuple(objective) for objective, _, _ in steps} == {(search.tiers[0].index,)}
        return
    assert steps[:2] == [([search.tiers[0].index], free, "all"),
                         ([search.tiers[1].index], {left_out}, "seats")]
    # what moved: changed decisions only, the newly scheduled first, a staffing step's worth
    kept, shifted, placed, other = neighbourhoods.in_time[:4]
    was = dataclasses.replace(before, acts={kept: (0, "r", []), shifted: (1, "r", [])})
    now = dataclasses.replace(before, acts={kept: (0, "r", []), shifted: (2, "r", []),
                                            placed: (3, "r", [])})
    neighbourhoods.sizes[2] = 1
    assert neighbourhoods.moved(was, now, {kept, shifted, placed, other}) == {placed}
    neighbourhoods.sizes[2] = 4
    assert neighbourhoods.moved(was, now, {kept, shifted, placed, other}) == {shifted, placed}
    assert neighbourhoods.moved(was, now, {kept, placed}) == {placed}


class _OneSecondSteps:
    """A running search (``neighbourhoods.SearchContext``) whose every neighbourhood
    step takes a second and is solved to optimality, improving the plan when
    ``better``; it records the tier of each stage model it builds."""

    def __init__(self, left: float, better: bool, vector: tuple[int, ...] = ()) -> None:
        self.left, self.better, self.tiers = left, better, list[int]()
        self.incumbent = SimpleNamespace(best=SimpleNamespace(vector=vector, acts={}))

    def done(self) -> bool:
        return self.left <= 0

    def at_floor(self, number: int) -> bool:
        return False

    def remaining(self) -> float:
        return self.left

    def stage_model(self, number: int) -> cp_model.CpModel:
        self.tiers.append(number)
        return cp_model.CpModel()

    def run_step(self, model: cp_model.CpModel, seconds: float, tune: object = None
                 ) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
        self.left -= 1
        return cp_model.CpSolver(), cp_model.OPTIMAL

    def offer(self, solver: cp_model.CpSolver, source: str) -> bool:
        return self.better


def test_the_staffing_steps_after_schedule_steps_take_their_time_from_later_stages() -> None:
    """Each step here takes a second and improves the plan: a schedule stage given 3 s
    takes its three schedule steps, each followed by a staffing step whose time is
    charged to the stages after it."""
    from matching.solver.neighbourhoods import neighbourhood_search

    neighbourhoods = SimpleNamespace(
        step_seconds=5.0, pick=lambda vector, number: {"a"},
        moved=lambda before, after, free: free,
        fix_all_but=lambda model, free, vector, part: None,
        adapt=lambda number, solved: None)
    search = _OneSecondSteps(10.0, better=True)
    assert neighbourhood_search(search, neighbourhoods, 1, 3.0)  # type: ignore[arg-type]
    assert search.tiers == [1, 2, 1, 2, 1, 2] and search.left == 4.0


@pytest.mark.slow
def test_a_tier_stops_its_steps_once_every_costly_activity_is_shown_stuck() -> None:
    """Steps solved to optimality that leave the plan as it was (every activity of the
    year unscheduled here) mark what they freed as stuck; once every unscheduled
    activity has been freed in such a step the schedule tier's steps stop with time
    left, and a changed plan makes them worth trying again."""
    from matching.solver.model import PlanModel
    from matching.solver.neighbourhoods import Neighbourhoods, neighbourhood_search

    pm = PlanModel(load_problem(ROOT / "data" / "qianjin-2023"))
    vector = tuple([0] * len(pm.model.proto.variables))
    freed: list[set[str]] = []
    neighbourhoods = Neighbourhoods(pm, 0)
    neighbourhoods.fix_all_but = (  # type: ignore[method-assign]
        lambda model, free, vector, part="all": freed.append(set(free)))
    search = _OneSecondSteps(1000.0, better=False, vector=vector)
    assert not neighbourhood_search(search, neighbourhoods, 1, 1000.0)  # type: ignore[arg-type]
    assert 0 < len(freed) < 100 and search.left > 900
    assert set().union(*freed) >= set(pm.acts)
    assert neighbourhoods.pick(vector, 1) is None
    changed = (1, *vector[1:])
    assert neighbourhoods.pick(changed, 1) is not None


def test_a_partial_neighbourhood_holds_all_but_its_part_of_what_it_frees(
        fortnight: Problem) -> None:
    """Filling the seats of what a schedule step moved keeps those activities where
    that step put them: only their seats are free; re-planning rooms keeps every start
    and seat: only the rooms are free."""
    from matching.solver.model import PlanModel
    from matching.solver.neighbourhoods import Neighbourhoods

    pm = PlanModel(fortnight)
    neighbourhoods = Neighbourhoods(pm, 0)
    aid, av = next((aid, av) for aid, av in pm.acts.items() if av.seats and len(av.rooms) > 1)
    domain = list(pm.model.proto.variables[av.start.index].domain)
    vector = [0] * len(pm.model.proto.variables)
    vector[av.scheduled.index] = vector[next(iter(av.rooms.values())).index] = 1
    vector[av.start.index] = domain[0]
    place = {av.scheduled.index, *(lit.index for lit in av.rooms.values())}
    seats = {lit.index for lit in (*av.seats.values(), *av.attends.values())}
    for part in ("all", "seats", "rooms"):
        model = pm.model.clone()
        neighbourhoods.fix_all_but(model, {aid}, tuple(vector), part)
        constraints = model.proto.constraints
        held = set(constraints[len(constraints) - 1].bool_and.literals)
        mentioned = {i for i in place | seats if i in held or -i - 1 in held}
        start = list(model.proto.variables[av.start.index].domain)
        if part == "seats":
            assert mentioned == place and start == [domain[0], domain[0]]
        elif part == "rooms":
            rooms = {lit.index for lit in av.rooms.values()}
            assert mentioned == place - rooms | seats and start == [domain[0], domain[0]]
        else:
            assert not mentioned and start == domain


def _search_from_the_worst_plan(problem: Problem, *terms: str
                                ) -> tuple[search_module._Search, Candidate]:
    """A one-worker search of ``problem`` holding the plan that schedules all it can and
    costs the most in ``terms`` that CP-SAT finds in 5 s."""
    search = search_module._Search(problem, SolverSettings(time_limit=30, workers=1),
                                   time.monotonic(), None, lambda: False, None)
    start = search.pm.model.clone()
    start.add(search.tiers[0] == search.floors[0])  # (a left-out activity would be free)
    start.maximize(sum(search.objective.terms[term] for term in terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers, solver.parameters.max_time_in_seconds = 1, 5
    assert solver.solve(start) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    search.offer(solver, "start")
    assert search.incumbent.best is not None
    return search, search.incumbent.best


@pytest.mark.parametrize(("workers", "parts"), [(1, ["rooms"]), (2, ["rooms", "seats"])])
@pytest.mark.slow
def test_a_soft_visit_first_re_plans_every_room_then_every_seat(
        fortnight: Problem, workers: int, parts: list[str]) -> None:
    """Schedule and staffing steps put activities in whichever room and seat their tier
    does not price; a soft neighbourhood visit first frees the room of every activity,
    all else held, then (where a step has more than one worker) the seats of every
    activity, all else held: each step keeps what it does not free and costs less (the
    seats may fill more roles too)."""
    from matching.solver.neighbourhoods import Neighbourhoods, neighbourhood_search

    search, before = _search_from_the_worst_plan(
        fortnight, "room_fit", "preferred_room", "series_people", "preference")
    neighbourhoods = Neighbourhoods(search.pm, 0, workers)
    steps: list[tuple[set[str], str, Candidate | None]] = []
    fix_all_but = neighbourhoods.fix_all_but

    def spy(model: cp_model.CpModel, freed: set[str], vector: tuple[int, ...],
            part: str = "all") -> None:
        steps.append((set(freed), part, search.incumbent.best))
        fix_all_but(model, freed, vector, part)  # type: ignore[arg-type]

    neighbourhoods.fix_all_but = spy  # type: ignore[method-assign]
    search.done = lambda: len(steps) == len(parts)  # type: ignore[method-assign]
    assert neighbourhood_search(search, neighbourhoods, 3, 20)
    everything = set(search.pm.acts)
    assert [(freed, part) for freed, part, _ in steps] == [(everything, p) for p in parts]
    plans = [before, *(plan for _, _, plan in steps[1:]), search.incumbent.best]
    for earlier, later, free in zip(plans, plans[1:], (1, 2), strict=False):
        assert earlier is not None and later is not None
        assert later.tiers < earlier.tiers and later.tiers[0] == earlier.tiers[0]
        assert later.acts.keys() == earlier.acts.keys()
        held = [i for i in range(3) if i != free]
        for aid, decisions in earlier.acts.items():
            assert [later.acts[aid][i] for i in held] == [decisions[i] for i in held]
        assert any(later.acts[aid][free] != decisions[free]
                   for aid, decisions in earlier.acts.items())


@pytest.mark.parametrize(("whole_gets", "tried"), [(1.5, False), (2.5, True)])
def test_a_large_model_is_tried_whole_again_only_with_twice_the_time_it_failed_in(
        fortnight: Problem, whole_gets: float, tried: bool) -> None:
    """Once a large model's whole-model search has ended without loading in 1 s, a visit
    that would give it 1.5 s leaves all its time to the neighbourhoods; one that would
    give it 2.5 s tries the whole model again after them."""
    from matching.solver.neighbourhoods import Neighbourhoods

    search = search_module._Search(fortnight, SolverSettings(time_limit=30, workers=2),
                                   time.monotonic(), None, lambda: False, None)
    neighbourhoods = Neighbourhoods(search.pm, 0)
    neighbourhoods.large = True
    search.neighbourhoods = neighbourhoods
    search.whole_out_of_reach = 1.0
    calls: list[tuple[str, float]] = []

    def repair(number: int, name: str, seconds: float) -> bool:
        calls.append(("neighbourhoods", seconds))
        return False

    def whole(number: int, name: str, seconds: float) -> bool:
        calls.append(("whole", seconds))
        return False

    search._repair = repair  # type: ignore[method-assign]
    search._whole = whole  # type: ignore[method-assign]
    seconds = whole_gets / (1 - neighbourhoods.share)
    search._search_stage(2, "staffing", seconds)
    if tried:
        assert calls == [("neighbourhoods", pytest.approx(seconds - whole_gets)),
                         ("whole", pytest.approx(whole_gets))]
    else:
        assert calls == [("neighbourhoods", pytest.approx(seconds))]


def test_reseating_keeps_every_start_and_room_and_staffs_for_less(fortnight: Problem) -> None:
    """The seats-alone search re-staffs a plan whose seats cost much: every activity
    keeps its start and room, some get other people, and the soft tier falls."""
    from matching.solver.neighbourhoods import Neighbourhoods

    search, before = _search_from_the_worst_plan(fortnight, "series_people", "preference")
    search.neighbourhoods = Neighbourhoods(search.pm, 0)
    assert search._reseat("soft", 5)
    after = search.incumbent.best
    assert after is not None and after.tiers[:2] <= before.tiers[:2]
    assert after.tiers[2] < before.tiers[2] and search.results[3].value == after.tiers[2]
    assert after.acts.keys() == before.acts.keys()
    for aid, (start_slot, room, _) in before.acts.items():
        assert after.acts[aid][:2] == (start_slot, room)
    assert any(after.acts[aid][2] != seats for aid, (_, _, seats) in before.acts.items())


def test_one_worker_gives_the_seats_alone_the_last_share_of_the_soft_stage(
        fortnight: Problem) -> None:
    """A quarter of the soft stage proves, the whole portfolio gets most of the rest and
    the seats-alone search the last :data:`_RESEATING_SHARE` of it."""
    search = search_module._Search(fortnight, SolverSettings(time_limit=30, workers=1),
                                   time.monotonic(), None, lambda: False, None)
    left = [20.0]
    calls: list[tuple[str, float]] = []

    def whole(number: int, name: str, seconds: float, tune: object = None) -> bool:
        calls.append(("whole" if tune else "proving", seconds))
        left[0] -= seconds
        return False

    def reseat(name: str, seconds: float) -> bool:
        calls.append(("seats", seconds))
        return False

    search.remaining = lambda: left[0]  # type: ignore[method-assign]
    search._whole = whole  # type: ignore[method-assign]
    search._reseat = reseat  # type: ignore[method-assign]
    search._soft_on_one_worker("soft", 12.0)
    share = search_module._RESEATING_SHARE
    assert calls == [("proving", pytest.approx(3.0)), ("whole", pytest.approx(9 * (1 - share))),
                     ("seats", pytest.approx(9 * share))]


def test_a_search_without_a_plan_is_not_called_a_conflict_of_rules() -> None:
    """``UNKNOWN`` says why there is no plan (the time ran out); only ``INFEASIBLE``
    lists the rules that cannot all hold."""
    from matching.i18n import say
    from matching.solver.result import empty_plan
    from matching.summary import summary_lines

    problem = load_problem(ROOT / "data" / "tiny")
    settings = SolverSettings(time_limit=1, workers=1)
    unknown = summary_lines(problem, empty_plan(problem, settings, "UNKNOWN", time.monotonic(),
                                                (say("conflict.time_up"),)))
    assert unknown[1:] == [f"no plan     {say('conflict.time_up').render('en')}"]
    infeasible = summary_lines(problem, empty_plan(
        problem, settings, "INFEASIBLE", time.monotonic(), (say("conflict.time_up"),)))
    assert infeasible[1] == "conflicts   the rules that cannot all hold:"


def test_a_stop_while_the_model_is_built_returns_first_fit_at_once(
        fortnight: Problem, monkeypatch: pytest.MonkeyPatch) -> None:
    """Building a large model takes many seconds (300 activities and 2,000 volunteers:
    25 s); a Stop meanwhile returns the plan in hand, first fit, without waiting."""
    stop = threading.Event()
    objective = search_module.Objective

    def pressed_while_building(*args: object) -> object:
        stop.set()
        return objective(*args)

    monkeypatch.setattr(search_module, "Objective", pressed_while_building)
    plan = solve(fortnight, SolverSettings(time_limit=30, workers=1), stop=stop)
    first_fit = evaluate(fortnight, greedy_plan(fortnight))
    assert plan.status == "FEASIBLE" and plan.meta["stopped_by_user"] == "yes"
    assert plan.meta["found_by"] == "greedy" and plan.wall_time < 10
    assert evaluate(fortnight, plan).tiers == plan.objective == first_fit.tiers


def test_a_stop_while_the_model_is_built_returns_no_plan_that_breaks_a_pin(
        fortnight: Problem, monkeypatch: pytest.MonkeyPatch) -> None:
    """First fit knows nothing of pins: pinned to another room, an activity first fit
    placed makes its plan no answer; pinned where first fit put it, it is one."""
    from matching.solver import Pin

    objective = search_module.Objective
    stop = threading.Event()

    def pressed_while_building(*args: object) -> object:
        stop.set()
        return objective(*args)

    monkeypatch.setattr(search_module, "Objective", pressed_while_building)
    placed = greedy_plan(fortnight).scheduled[0]
    elsewhere = next(r.room_id for r in fortnight.rooms
                     if r.room_id != placed.room_id
                     and r.room_id in fortnight.facts.room_starts(placed.activity_id))
    for room, status in ((elsewhere, "UNKNOWN"), (placed.room_id, "FEASIBLE")):
        stop.clear()
        pins = (Pin(placed.activity_id, room_id=room),)
        plan = solve(fortnight, SolverSettings(time_limit=30, workers=1, pins=pins), stop=stop)
        assert plan.status == status and plan.meta["stopped_by_user"] == "yes"


@pytest.mark.slow
def test_the_time_limit_while_the_model_is_built_returns_first_fit(
        fortnight: Problem, monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that takes longer to build than the time limit: the search ends at the
    limit with first fit, and says why it may not repeat."""
    objective = search_module.Objective

    def slow(*args: object) -> object:
        time.sleep(1.5)
        return objective(*args)

    monkeypatch.setattr(search_module, "Objective", slow)
    plan = solve(fortnight, SolverSettings(time_limit=1, workers=1))
    assert plan.status == "FEASIBLE" and plan.wall_time < 3
    assert plan.meta["repeatable"] == "no (the time limit ran out while the model was being built)"
    assert evaluate(fortnight, plan).feasible and plan.meta["found_by"] == "greedy"
    from matching.summary import summary_lines

    said = [line for line in summary_lines(fortnight, plan, language="zh")
            if line.startswith("可重复")]
    assert said == ["可重复      否（建立模型时时限已到）"], said


def test_a_stop_before_a_plan_that_keeps_every_rule_says_it_was_stopped() -> None:
    """First fit leaves lectures of a full week out: a Stop at once has no plan to
    return, and the plan says the user stopped it."""
    week = build_problem(curriculum_week(34, 116, 3, periods=6, curricula=15, seed=7421,
                                         slack=0.0))
    plan = solve(week, SolverSettings(time_limit=10, workers=1), stop=lambda: True)
    assert plan.status == "UNKNOWN" and plan.meta["stopped_by_user"] == "yes"
    assert plan.meta["repeatable"] == "no (stopped)" and plan.wall_time < 5


def test_a_stage_bound_holds_only_while_the_earlier_caps_do_not_loosen() -> None:
    """Stage 3 proved 100 when the best plan was (5, 10, ·); a plan (3, 50, 20) came
    after, lowering tier 1 and raising tier 2: under a cap of 50 on tier 2 the stage
    reaches 20, so 100 was kept as its bound, reported and written in Plan.bound."""
    from matching.solver.result import StageResult

    proved = StageResult("OPTIMAL", 100, 100.0, (5, 10))
    assert proved.bound_under((5, 10)) == 100.0 and proved.bound_under((3, 10)) == 100.0
    assert math.isnan(proved.bound_under((3, 50)))


def test_a_stage_without_a_bound_says_so_and_the_plan_stops_its_bounds_there() -> None:
    """A stage whose searches proved nothing wrote "(bound nan)" into meta.csv."""
    from matching.solver.incumbent import Candidate
    from matching.solver.result import StageResult, to_plan

    problem = load_problem(ROOT / "data" / "tiny")
    plan = to_plan(problem, Candidate((5, 0, 7), {}, (), "start"), SolverSettings(),
                   time.monotonic(), "FEASIBLE",
                   {1: StageResult("OPTIMAL", 5, 5.0), 2: StageResult("OPTIMAL", 0, 0.0, (5,)),
                    3: StageResult("NOT_IMPROVED", 7, math.nan, (5, 0))}, False, 0)
    assert plan.meta["stage.soft"] == "NOT_IMPROVED 7 (no bound)"
    assert plan.meta["stage.schedule"] == "OPTIMAL 5 (bound 5)"
    assert plan.bound == (5.0, 0.0)


def test_after_a_whole_model_search_that_loaded_nothing_the_next_ones_skip_probing(
        fortnight: Problem, monkeypatch: pytest.MonkeyPatch) -> None:
    """An ITC 2007 week of 434 lectures spent 5.6 s of its soft stage's 9 s in presolve's
    probing, ended without a plan, then spent 2.6 s of the next visit probing again.
    Here the first whole-model search is cut before it loads (as probing cut it there):
    every later one presolves without probing, and the search still ends proven."""
    probing: list[int] = []
    run = search_module._Search._run

    def watched(self, model, stage, seconds, tune=None, **options):  # type: ignore[no-untyped-def]
        if stage in ("schedule", "staffing", "soft"):
            parameters = cp_model.CpSolver().parameters
            if tune is not None:
                tune(parameters)
            probing.append(parameters.cp_model_probing_level)
            if len(probing) == 1:
                seconds = 1e-6  # ends before the model has loaded: UNKNOWN
        return run(self, model, stage, seconds, tune, **options)

    monkeypatch.setattr(search_module._Search, "_run", watched)
    plan = solve(fortnight, SolverSettings(time_limit=20, workers=2, seed=0,
                                           repeatable=False))
    assert len(probing) >= 2 and probing[0] != 0 and set(probing[1:]) == {0}
    assert evaluate(fortnight, plan).feasible and plan.status == "OPTIMAL"
