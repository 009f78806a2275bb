"""Sweeps and batches on a two-worker LocalCluster: the same results as in-process runs,
failures as rows, no-show draws and their measures, sweep files."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import DATA

import matching.distributed
from matching import read_tables
from matching.distributed import (
    SYNCHRONOUS,
    NoShows,
    Selection,
    Shared,
    SweepFileError,
    SweepSpec,
    Task,
    TaskProgress,
    TextProgress,
    connect,
    draw_no_shows,
    evaluate_no_shows,
    find_workbooks,
    load_sweep,
    plan_seats,
    run_batch,
    run_sweep,
    run_tasks,
    share,
    staffing_needs,
    write_district,
)
from matching.distributed.engine import Failure
from matching.scenario import CloseRoom, Scenario, grid, run_scenario
from matching.scenario.files import _TextLoader
from matching.solver import SolverSettings

pytestmark = pytest.mark.slow  # local Dask clusters: seconds a test

SETTINGS = SolverSettings(time_limit=5, workers=1, seed=0)
CLOSED = Scenario("studio closed", (CloseRoom(room_id="studio", start="2024-03-04",
                                              end="2024-03-05"),))
BROKEN = Scenario("broken", (CloseRoom(room_id="gym", start="2024-03-04", end="2024-03-05"),))
SCENARIOS = (*grid(attendance=[1, 1.5], weight_fairness=[0, 5]), CLOSED)
PEOPLE = ["v1", "v2", "v3", "v4"]


@pytest.fixture(scope="module")
def client():
    with connect(n_workers=2, quiet=True) as made:
        yield made


@pytest.fixture(scope="module")
def tiny() -> dict[str, pd.DataFrame]:
    return read_tables(DATA / "tiny")[0]


def _without_times(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=["wall_time"], errors="ignore").reset_index(drop=True)


def _same_runs(a, b) -> None:
    """Two sweeps found the same: results, and each run's plan tables and KPIs."""
    pd.testing.assert_frame_equal(_without_times(a.results), _without_times(b.results))
    pd.testing.assert_frame_equal(a.summary, b.summary)
    assert a.runs.keys() == b.runs.keys()
    for name, run in a.runs.items():
        other = b.runs[name]
        assert (run.status, run.error) == (other.status, other.error), name
        for field in ("assignments", "staffing", "kpis"):
            mine, theirs = getattr(run, field), getattr(other, field)
            assert (mine is None) == (theirs is None), (name, field)
            if mine is not None:
                pd.testing.assert_frame_equal(mine, theirs, obj=f"{name}: {field}")


# -- sweeps on the cluster equal sweeps in this process -----------------------------------

def test_a_scenario_sweep_on_two_workers_equals_the_sequential_sweep(client, tiny) -> None:
    spec = SweepSpec("grid", scenarios=SCENARIOS, settings=SETTINGS)
    on_cluster = run_sweep(tiny, spec, client=client)
    here = run_sweep(tiny, spec, scheduler=SYNCHRONOUS)
    assert on_cluster.where == "local cluster, 2 workers"
    assert len(on_cluster.results) == 5 and on_cluster.failed.empty
    assert set(on_cluster.results["status"]) == {"OPTIMAL"}
    _same_runs(on_cluster, here)
    # and the same as the plain loop over run_scenario
    reference = _without_times(pd.DataFrame(
        [run_scenario(tiny, s, None, SETTINGS).row() for s in SCENARIOS]))
    mine = _without_times(on_cluster.results)[reference.columns]
    pd.testing.assert_frame_equal(mine, reference)
    for scenario in SCENARIOS:
        alone = run_scenario(tiny, scenario, None, SETTINGS)
        mine_plan = on_cluster.runs[scenario.name].assignments
        assert mine_plan is not None and alone.assignments is not None
        pd.testing.assert_frame_equal(mine_plan, alone.assignments)


def test_replanned_no_show_draws_on_the_cluster_equal_the_sequential_ones(client, tiny) -> None:
    spec = SweepSpec("replan", no_shows=NoShows((0.25,), draws=6, seed=3, mode="replan"),
                     settings=SETTINGS, baseline=True)
    on_cluster = run_sweep(tiny, spec, client=client)
    here = run_sweep(tiny, spec, scheduler=SYNCHRONOUS)
    _same_runs(on_cluster, here)
    assert on_cluster.baseline is not None and on_cluster.baseline.status == "OPTIMAL"
    results = on_cluster.results
    assert list(results["seed"]) == [3 + k for k in range(6)]
    for row in results.to_dict("records"):
        gone = draw_no_shows(PEOPLE, 0.25, row["seed"])
        assert row["no_show_ids"] == ";".join(gone) and row["no_shows"] == len(gone)
        if row["error"] == "":  # re-planned from the baseline without the no-shows
            staffing = on_cluster.runs[row["scenario"]].staffing
            assert staffing is not None and not set(staffing["volunteer_id"]) & set(gone)
            assert row["changed_assignments"] is not None


def test_fixed_plan_draws_on_the_cluster_equal_the_sequential_ones(client, tiny) -> None:
    spec = SweepSpec("fixed", no_shows=NoShows((0.1, 0.5), draws=20, seed=0),
                     settings=SETTINGS)
    on_cluster = run_sweep(tiny, spec, client=client)
    here = run_sweep(tiny, spec, scheduler=SYNCHRONOUS)
    _same_runs(on_cluster, here)
    results = on_cluster.results
    assert len(results) == 40 and set(results["status"]) == {"EVALUATED"}
    # draw k of both probabilities shares its numbers: the 0.1 no-shows are among the 0.5 ones
    ids = {(r["probability"], r["draw"]): set(filter(None, str(r["no_show_ids"]).split(";")))
           for r in results.to_dict("records")}
    assert all(ids[0.1, k] <= ids[0.5, k] for k in range(20))
    assert list(on_cluster.summary.columns) == ["group", "kpi", "runs", "failed", "total",
                                                "mean", "q05", "q50", "q95"]
    summary = {(r["group"], r["kpi"]): r for r in on_cluster.summary.to_dict("records")}
    for group in ("no-shows p=0.1", "no-shows p=0.5"):
        share = summary[group, "understaffed_share"]
        assert (share["runs"], share["failed"], share["total"]) == (20, 0, 20)
        assert 0 <= share["q05"] <= share["q50"] <= share["q95"] <= 1
        assert (group, "seats_short.first_aid") in summary
    assert (summary["no-shows p=0.5", "seats_short"]["mean"]
            >= summary["no-shows p=0.1", "seats_short"]["mean"])


# -- failures are rows -----------------------------------------------------------------

def test_a_failing_scenario_is_an_error_row_and_the_others_complete(client, tiny) -> None:
    spec = SweepSpec("with a broken one", scenarios=(CLOSED, BROKEN, *SCENARIOS[:2]),
                     settings=SETTINGS)
    stream = io.StringIO()
    result = run_sweep(tiny, spec, client=client, on_progress=TextProgress(stream))
    rows = {r["scenario"]: r for r in result.results.to_dict("records")}
    assert rows["broken"]["status"] == "ERROR"
    assert "change 1 (close_room), field 'room_id': got 'gym'" in rows["broken"]["error"]
    assert {r["status"] for name, r in rows.items() if name != "broken"} == {"OPTIMAL"}
    assert list(result.failed["scenario"]) == ["broken"]
    assert "broken" not in set(result.summary["group"]) and result.summary["runs"].max() == 3
    assert set(result.summary["failed"]) == {1} and set(result.summary["total"]) == {4}
    assert "partial     scenarios: summary of 3 of 4 runs (1 failed)" in result.summary_lines()
    shown = stream.getvalue()
    assert "failed: broken: " in shown and "\r" in shown
    assert "runs         4/4    done, 1 failed" in shown
    assert any(line.startswith("failed      broken: ERROR") for line in result.summary_lines())


def test_a_task_that_raises_and_a_worker_that_dies_are_failures(client, tiny) -> None:
    tasks = [Task("raises", int, ("not a number",)),
             Task("kills its worker", os._exit, (1,)),
             *(Task(s.name, run_scenario, (tiny, s, None, SETTINGS)) for s in SCENARIOS)]
    seen: list[TaskProgress] = []
    raises, dies, *fine = run_tasks(tasks, client=client, on_progress=seen.append)
    # tasks that waited on the worker that died ran again, alone, and completed
    assert [run.status for run in fine] == ["OPTIMAL"] * len(SCENARIOS)
    assert raises == Failure("raises", "ValueError: invalid literal for int() with base 10: "
                                       "'not a number'")
    assert isinstance(dies, Failure) and dies.name == "kills its worker"
    assert dies.error.startswith("the worker running it died, also when it ran again alone")
    assert (seen[-1].done, seen[-1].total, seen[-1].failed) == (7, 7, 2)
    # the cluster recovers: the next sweep runs on it as before
    client.wait_for_workers(2, timeout=60)
    assert run_sweep(tiny, [CLOSED], client=client).failed.empty


def test_sharing_the_same_tables_again_and_again_loses_nothing(client, tiny) -> None:
    """Equal data scattered again right after the previous copy was released must not be
    forgotten by the scheduler (it was, with hashed keys: 'lost dependencies')."""
    for _ in range(30):
        shared = {"tables": share(client, tiny)}
        counts = run_tasks([Task(f"count {i}", len, (Shared("tables"),)) for i in range(4)],
                           shared, client=client)
        assert counts == [len(tiny)] * 4
        del shared


# -- no-shows against a fixed plan ----------------------------------------------------------

def test_draws_are_seeded_per_draw_with_numpy() -> None:
    import numpy as np

    people = ["b", "a", "c", "d", "e"]
    numbers = np.random.default_rng(7).random(5)
    expected = [v for v, x in zip(sorted(people), numbers, strict=True) if x < 0.4]
    assert draw_no_shows(people, 0.4, 7) == expected
    assert draw_no_shows(people, 0.0, 7) == [] and draw_no_shows(people, 1.0, 7) == sorted(people)
    with pytest.raises(ValueError, match="between 0 and 1"):
        draw_no_shows(people, 1.5, 0)


def test_evaluating_no_shows_counts_understaffed_sessions_and_seats_short_per_role() -> None:
    needs = pd.DataFrame({"activity_id": ["a", "a", "b", "c"],
                          "role": ["teach", "host", "teach", "teach"], "min": [2, 1, 1, 0],
                          "start": pd.to_datetime(["2024-03-04 09:00"] * 2
                                                  + ["2024-03-05 09:00", "2024-03-06 09:00"])})
    staffing = pd.DataFrame({"activity_id": ["a", "a", "a", "b", "c", "z"],
                             "role": ["teach", "teach", "host", "teach", "teach", "teach"],
                             "volunteer_id": ["x", "y", "z", "x", "x", "x"]})
    nobody = evaluate_no_shows(needs, staffing, [])
    assert nobody == {"no_shows": 0, "seats_lost": 0, "sessions": 3,
                      "sessions_understaffed": 0, "understaffed_share": 0.0,
                      "seats_short": 0, "seats_short.host": 0, "seats_short.teach": 0}
    x_away = evaluate_no_shows(needs, staffing, ["x"])
    assert x_away["seats_lost"] == 3  # a, b and c (z is no scheduled session)
    assert x_away["sessions_understaffed"] == 2  # a (teach 1 of 2) and b (teach 0 of 1)
    assert x_away["understaffed_share"] == round(2 / 3, 4)
    assert (x_away["seats_short"], x_away["seats_short.teach"]) == (2, 2)
    only_monday = evaluate_no_shows(needs, staffing, ["x", "z"], start=pd.Timestamp("2024-03-04"),
                                    end=pd.Timestamp("2024-03-05"))
    assert only_monday["seats_lost"] == 2 and only_monday["seats_short.host"] == 1
    assert only_monday["sessions_understaffed"] == 1


def test_seats_of_a_hand_edited_plan_are_counted_as_the_plan_view_counts_them() -> None:
    """A volunteer written twice in one role, an unknown volunteer and staff left on an
    activity taken out of the plan are not seats: with nobody away, the roles short of
    their min are those the plan view counts."""
    from matching import load_problem
    from matching.greedy import greedy_plan
    from matching.plan import Assignment, Plan, Staffing
    from matching.plan_view import PlanView

    problem = load_problem(DATA / "tiny")
    plan = greedy_plan(problem)
    first = plan.staffing[0]
    dropped = next(a.activity_id for a in plan.scheduled if a.activity_id != first.activity_id
                   and plan.staff_of.get(a.activity_id))
    edited = Plan(tuple(Assignment(a.activity_id) if a.activity_id == dropped else a
                        for a in plan.assignments),
                  (*plan.staffing, first, Staffing(first.activity_id, first.role, "nobody")))
    seats = plan_seats(problem, edited)
    assert len(seats) == len(set(PlanView(problem, edited).seats)) \
        == len(plan.staffing) - len(plan.staff_of[dropped])
    assert not ((seats["volunteer_id"] == "nobody") | (seats["activity_id"] == dropped)).any()
    needs = staffing_needs(problem, edited)
    view = PlanView(problem, edited)
    short_of_min = sum(max(0, role.min - len(view.filled.get((aid, role.role), ())))
                       for aid in view.placed for role in problem.roles_of[aid])
    assert evaluate_no_shows(needs, seats, [])["seats_short"] == short_of_min


# -- sweep files -----------------------------------------------------------------------------

def test_the_shipped_sweep_files_load() -> None:
    camp = load_sweep(DATA / "sweeps" / "camp-robustness.yaml")
    assert camp.select == Selection(series="S-CAMP") and camp.needs_baseline
    assert camp.no_shows == NoShows((0.1, 0.2), 50, 0, "fixed") and camp.runs == 100
    weights = load_sweep(DATA / "sweeps" / "weights-grid.yaml")
    assert weights.runs == 9 and weights.settings.time_limit == 5
    assert weights.scenarios[-1].name == "attendance=2, weight_fairness=20"


def test_a_bad_sweep_file_names_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: bad\ncolour: blue\nselect: {start: 2023-13-01}\nsolver: {time_limit: fast}\n"
        "grid:\n  attendance: [1, two]\n  weight_fairnes: [1]\n"
        "scenarios: [missing.yaml, {name: x, changes: [{kind: teleport}]}]\n"
        "no_shows: {probability: [0.1, 2], draws: 0, mode: sometimes}\n", encoding="utf-8")
    with pytest.raises(SweepFileError) as caught:
        load_sweep(bad)
    text = str(caught.value)
    assert text.startswith("the sweep file bad.yaml has")
    for part in ("colour: a known key", "select.start: got '2023-13-01'",
                 "solver.time_limit: got 'fast'", "grid.attendance[2]: got 'two'",
                 "scenarios[1]: got 'missing.yaml'", "scenarios[2]: ",
                 "no_shows.probability[2]: got '2'", "no_shows.draws: got '0'",
                 "no_shows.mode: got 'sometimes'"):
        assert part in text, part
    syntax = tmp_path / "syntax.yaml"
    syntax.write_text("grid: [attendance: 1\n", encoding="utf-8")
    with pytest.raises(SweepFileError, match=r"syntax\.yaml has 1 error"):
        load_sweep(syntax)
    with pytest.raises(SweepFileError, match="something to run"):
        SweepSpec.from_dict({"name": "empty"})


def test_a_selection_the_workbook_lacks_is_a_sweep_file_error(tiny) -> None:
    spec = SweepSpec("x", scenarios=(CLOSED,), select=Selection(series="S-NONE"),
                     source="x.yaml")
    with pytest.raises(SweepFileError, match=r"(?s)x.yaml has 1 error.*select.series: got 'S-NONE'"
                       r"; a series_id of the workbook \(s1\)"):
        run_sweep(tiny, spec, scheduler=SYNCHRONOUS)


def test_a_series_selection_keeps_only_its_sessions(tiny) -> None:
    chosen = Selection(series="s1").apply(tiny)
    assert list(chosen["activities"]["activity_id"]) == ["a1", "a2"]
    assert set(chosen["roles"]["activity_id"]) == {"a1", "a2"}


# -- many centers ------------------------------------------------------------------------------

def test_a_district_is_planned_as_a_batch_with_one_row_per_center(client, tmp_path: Path) -> None:
    written = write_district(tmp_path, 3, seed=1)
    assert [p.name for p in written] == ["center-01", "center-02", "center-03"]
    broken = tmp_path / "center-04"
    broken.mkdir()
    (broken / "settings.csv").write_text("key,value\nname,Broken\n", encoding="utf-8")
    result = run_batch(tmp_path, SolverSettings(time_limit=3, seed=0), client=client)
    status = result.status.set_index("center")
    assert list(status.index) == ["center-01", "center-02", "center-03", "center-04"]
    assert status.loc["center-04", "status"] == "ERROR" and status.loc["center-04", "error"]
    assert (status.drop(index="center-04")["error"] == "").all()
    assert set(result.tables) == {"activities", "seats", "volunteers", "rooms", "score"}
    for frame in result.tables.values():
        assert list(frame.index) == list(status.index)
    assert result.tables["activities"]["activities_scheduled"].to_dict()["center-01"] > 0
    assert result.kpis.loc["center-04"].isna().all()
    result.save(tmp_path / "out")
    assert {p.name for p in (tmp_path / "out").glob("*.csv")} == {
        "status.csv", "kpis.csv", "activities.csv", "seats.csv", "volunteers.csv",
        "rooms.csv", "score.csv"}
    assert (tmp_path / "out" / "plans" / "center-02" / "assignments.csv").exists()


def test_the_documented_sweep_file_example_is_a_valid_sweep_file() -> None:
    doc = matching.distributed.__doc__ or ""
    block = doc.split("``no_shows``)::\n\n")[1].split("\n\nQuote times")[0]
    text = "\n".join(line[4:] for line in block.splitlines())
    text = text.replace("../scenarios/x.yaml", "../scenarios/students-exams.yaml")
    spec = SweepSpec.from_dict(yaml.load(text, Loader=_TextLoader), "doc.yaml",
                               DATA / "sweeps")
    assert spec.name == "camp-robustness" and spec.runs == 2 + 3 * 3 * 2 + 2 * 50
    assert spec.select == Selection(pd.Timestamp("2023-07-01").date(),
                                    pd.Timestamp("2023-08-31").date(), "Q3", "S-CAMP")


def test_risks_shrink_short_histories_towards_the_team_and_everyone() -> None:
    from matching.distributed.robustness import relative_risks

    teams = {"x": "A", "y": "A", "z": "B", "new": "A"}
    risks = relative_risks({"x": (20, 40), "y": (0, 40), "z": (2, 2)}, teams, weight=10)
    overall = 22 / 82
    team_a = (20 + 10 * overall) / (80 + 10)
    assert risks["x"] == pytest.approx((20 + 10 * team_a) / 50 / overall)
    assert risks["new"] == pytest.approx(team_a / overall)  # no history: the team's rate
    assert risks["x"] > risks["new"] > risks["y"]
    assert 1 < risks["z"] < 1 / overall  # 2 of 2 missed is not certainty
    assert relative_risks({"x": (0, 5)}, teams) == {}  # nobody ever missed: no risks


def test_draws_with_risks_fail_the_seats_of_the_volunteer_who_misses_most() -> None:
    """x missed 8 of 10 seats last year, y and z none: with risks x is the one whose
    seats fail; with one rate for all, the three fail about equally often."""
    from matching.distributed.robustness import fixed_plan_draw, relative_risks

    needs = pd.DataFrame({"activity_id": ["a", "b", "c"], "role": ["teach"] * 3,
                          "min": [1, 1, 1], "start": pd.to_datetime(["2024-03-04"] * 3)})
    staffing = pd.DataFrame({"activity_id": ["a", "b", "c"], "role": ["teach"] * 3,
                             "volunteer_id": ["x", "y", "z"]})
    risk = relative_risks({"x": (8, 10), "y": (0, 10), "z": (0, 10)},
                          dict.fromkeys("xyz", "T"), weight=5)
    fails: dict[str, dict[str, int]] = {"risk": {}, "flat": {}}
    for k in range(400):
        for kind, given in (("risk", risk), ("flat", None)):
            row = fixed_plan_draw(needs, staffing, ["x", "y", "z"], 0.2, k, risk=given)
            for vid in filter(None, row["no_show_ids"].split(";")):
                fails[kind][vid] = fails[kind].get(vid, 0) + 1
    assert fails["risk"]["x"] > 3 * max(fails["risk"].get("y", 0), fails["risk"].get("z", 0))
    flat = [fails["flat"][v] for v in "xyz"]
    assert max(flat) < 1.5 * min(flat)
    assert sum(fails["risk"].values()) == pytest.approx(sum(flat), rel=0.25)  # same average


def test_a_ledger_history_makes_the_volunteer_who_missed_most_miss_most(tmp_path: Path,
                                                                         tiny) -> None:
    """A sweep file names last year's hours.csv: v1 missed 9 of 10 seats, the others none;
    in the draws v1 is the usual no-show, and a bad history file is named."""
    rows = ["volunteer_id,name,team,hours,activities,no_shows,source"]
    for vid in tiny["volunteers"]["volunteer_id"]:
        rows.append(f"{vid},,,0,{1 if vid == 'v1' else 10},{9 if vid == 'v1' else 0},actual")
    (tmp_path / "hours.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "sweep.yaml").write_text(
        "name: history\nno_shows: {probability: 0.2, draws: 60, history: hours.csv}\n",
        encoding="utf-8")
    spec = SweepSpec.load(tmp_path / "sweep.yaml")
    assert spec.no_shows is not None and spec.no_shows.history is not None
    assert spec.no_shows.history["v1"] == (9, 10)
    results = run_sweep(tiny, spec, scheduler=SYNCHRONOUS).results
    counts: dict[str, int] = {}
    for ids in results["no_show_ids"]:
        for vid in filter(None, str(ids).split(";")):
            counts[vid] = counts.get(vid, 0) + 1
    others = [n for vid, n in counts.items() if vid != "v1"]
    assert counts["v1"] > 3 * max(others, default=0)

    (tmp_path / "bad.yaml").write_text(
        "name: bad\nno_shows: {probability: 0.2, draws: 2, history: nowhere.csv}\n",
        encoding="utf-8")
    with pytest.raises(SweepFileError, match=r"no_shows\.history"):
        SweepSpec.load(tmp_path / "bad.yaml")


@pytest.mark.parametrize("mode", ["fixed", "replan"])
def test_a_no_show_window_outside_the_horizon_is_refused(tmp_path: Path, mode: str) -> None:
    """Draws in 2030 of a plan of March 2024 took nobody from anything, and a fixed
    plan was reported to lose no seat."""
    (tmp_path / "late.yaml").write_text(
        f"no_shows: {{probability: 0.3, draws: 2, mode: {mode}, start: '2030-01-01', "
        "end: '2030-01-05'}\n", encoding="utf-8")
    with pytest.raises(SweepFileError) as refused:
        run_sweep(DATA / "tiny", tmp_path / "late.yaml", scheduler=SYNCHRONOUS)
    assert str(refused.value).endswith(
        "error: no_shows.start: got '2030-01-01'; a period that overlaps the workbook's "
        "horizon (2024-03-04 to 2024-03-10)")


def test_a_failed_run_says_why_under_its_line(tmp_path: Path) -> None:
    """"a: ERROR: the scenario has 1 error:" said nothing by itself; the error's lines
    follow it (a few, the rest counted)."""
    (tmp_path / "s.yaml").write_text(
        "select: {start: '2024-03-05', end: '2024-03-06'}\nscenarios:\n"
        "  - {name: a, changes: [{kind: remove_activity, activity_id: a1}]}\n",
        encoding="utf-8")
    lines = run_sweep(DATA / "tiny", tmp_path / "s.yaml", scheduler=SYNCHRONOUS
                      ).summary_lines()[1].splitlines()
    assert lines == [
        "failed      a: ERROR: the scenario has 1 error:",
        "              error: scenarios[1]: change 1 (remove_activity), field 'activity_id': "
        "got 'a1'; an id listed in activities (a3, b1)"]


def test_scenarios_of_one_name_are_refused_as_a_sweep_file_refuses_them() -> None:
    """Their result rows could not be told apart."""
    twice = [Scenario("x", (CloseRoom(room_id="hall", start="2024-03-05", end="2024-03-06"),)),
             Scenario("x", ())]
    with pytest.raises(SweepFileError, match="scenarios: got 'x'"):
        run_sweep(DATA / "tiny", twice, scheduler=SYNCHRONOUS)


def test_a_folder_and_a_workbook_of_one_name_are_both_centers(tmp_path: Path) -> None:
    """``north/`` (CSV files) beside ``north.xlsx``: the workbook was left out of the
    batch without a word; now it is a center named by its file name."""
    import shutil

    from matching import save_workbook

    shutil.copytree(DATA / "tiny", tmp_path / "north")
    save_workbook(read_tables(DATA / "tiny")[0], tmp_path / "north.xlsx")
    save_workbook(read_tables(DATA / "tiny")[0], tmp_path / "south.xlsx")
    assert find_workbooks(tmp_path) == {"north": tmp_path / "north",
                                        "north.xlsx": tmp_path / "north.xlsx",
                                        "south": tmp_path / "south.xlsx"}


def test_a_center_whose_workbook_has_a_bad_row_is_named_as_a_workbook(
        client, tmp_path: Path) -> None:
    """The batch plans each workbook as it is: a bad cell is reported as the workbook's
    (table, row, column), not as a scenario's, and the summary line shows it."""
    import shutil

    for name in ("good", "bad"):
        shutil.copytree(DATA / "tiny", tmp_path / name)
    activities = tmp_path / "bad" / "activities.csv"
    activities.write_text(activities.read_text(encoding="utf-8").replace(
        "a1,Phone class 1,spring,activity,s1,2024-03-04,", "a1,Phone class 1,spring,activity,"
        "s1,4.3.2024,", 1), encoding="utf-8")
    seen: list[tuple[int, int, int]] = []
    result = run_batch(tmp_path, SolverSettings(time_limit=2, seed=0), client=client,
                       on_progress=lambda p: seen.append((p.done, p.total, p.failed)))
    error = result.status.set_index("center").loc["bad", "error"]
    assert error.startswith("the workbook has 1 error:\n  error: activities, row 2, column "
                            "'earliest_start': got '4.3.2024'")
    assert "scenario" not in error
    # the bad center counts as done and failed from the first report (once "0/1" of two)
    assert seen == [(1, 2, 1), (2, 2, 1)]
    # not "ERROR: error: activities, …": the count of errors, then each on a line
    failed = next(line for line in result.summary_lines() if line.startswith("failed"))
    assert failed.splitlines() == [
        "failed      bad: ERROR: the workbook has 1 error:",
        "              error: activities, row 2, column 'earliest_start': got '4.3.2024'; "
        "a date-time YYYY-MM-DD HH:MM or a date YYYY-MM-DD"]
    # said in the summary's language too, cell by cell
    assert any(line.startswith("失败        bad：出错：工作簿有 1 处错误：\n"
                               "              错误：活动 第 2 行 “最早开始（earliest_start）” "
                               "列：填的是 “4.3.2024”")
               for line in result.summary_lines("zh")), result.summary_lines("zh")
