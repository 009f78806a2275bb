"""``python -m matching whatif``: the typhoon comparison end to end in a subprocess, and
clear errors (exit 1, no traceback) for bad scenario files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA

from matching import load_problem, write_tables
from matching.cli import main
from matching.io import plan_to_tables
from matching.problem.select import restrict
from matching.scenario import workbook_tables
from matching.solver import SolverSettings, solve

TYPHOON = DATA / "scenarios" / "typhoon-muifa.yaml"


@pytest.fixture(scope="module")
def september(tmp_path_factory) -> tuple[Path, Path]:
    """Three weeks of September as a workbook folder, and a baseline plan folder."""
    folder = tmp_path_factory.mktemp("september")
    problem = restrict(load_problem(DATA / "qianjin-2023"), start=date(2023, 9, 4),
                       end=date(2023, 9, 24))
    workbook = write_tables(workbook_tables(problem), folder / "workbook")
    plan = solve(problem, SolverSettings(time_limit=4, workers=1, seed=0))
    baseline = write_tables(plan_to_tables(plan), folder / "baseline")
    return workbook, baseline


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.mark.slow
def test_typhoon_from_the_command_line(september, tmp_path) -> None:
    workbook, baseline = september
    out = tmp_path / "typhoon"
    done = subprocess.run(
        [sys.executable, "-m", "matching", "whatif", str(workbook), str(TYPHOON),
         "--baseline", str(baseline), "--out", str(out), "--time-limit", "4",
         "--workers", "1", "--seed", "0", "--language", "en"],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "typhoon-muifa: OPTIMAL" in done.stdout or "typhoon-muifa: FEASIBLE" in done.stdout
    assert "changed assignment(s)" in done.stdout
    assert "activities scheduled" in done.stdout and "delta" in done.stdout
    for name in ("assignments", "staffing", "diff", "kpi_deltas", "loads"):
        assert (out / f"{name}.csv").exists(), name
    changes = read_csv(out / "diff.csv")
    assert list(changes.columns) == ["activity_id", "title", "change", "before", "after"]
    shelter = changes[changes["activity_id"].str.startswith("SHELTER-")]
    assert len(shelter) == 9 and set(shelter["change"]) == {"newly scheduled"}
    deltas = read_csv(out / "kpi_deltas.csv").set_index("name")
    assert list(deltas.columns) == ["before", "after", "delta"]
    assert int(deltas.loc["activities_total", "delta"]) == 9
    assert deltas.loc["hard_violations", "after"] == "0"
    plan = read_csv(out / "assignments.csv").set_index("activity_id")
    assert set(plan.loc[shelter["activity_id"], "room_id"]) == {"study"}


BAD_FILES = {
    "unknown kind": ("changes:\n  - {kind: flood, room_id: hall}\n",
                     "change 1 (flood), field 'kind'"),
    "unknown room": ("changes:\n  - {kind: close_room, room_id: gym, start: 2024-03-05, "
                     "end: 2024-03-05}\n", "change 1 (close_room), field 'room_id': got 'gym'"),
    "bad date": ("changes:\n  - {kind: close_room, room_id: hall, start: 2024-13-05, "
                 "end: 2024-03-05}\n", "field 'start': got '2024-13-05'"),
    "yaml syntax": ("name: x\nchanges:\n  - {kind: close_room\n", "bad.yaml, line"),
    "missing field": ("changes:\n  - {kind: close_room, room_id: hall, start: 2024-03-05}\n",
                      "field 'end': a value (this field is required)"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_scenario_files_exit_1_with_a_clear_message(case, tmp_path, capsys) -> None:
    text, expected = BAD_FILES[case]
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(text, encoding="utf-8")
    code = main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(tmp_path),
                 "--out", str(tmp_path / "out"), "--time-limit", "1", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert expected in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_bad_scenario_file_in_a_subprocess_prints_no_traceback(tmp_path) -> None:
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(BAD_FILES["yaml syntax"][0], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "matching", "whatif", str(DATA / "tiny"), str(scenario),
         "--baseline", str(tmp_path), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert "valid YAML" in done.stderr and "Traceback" not in done.stderr


def test_a_missing_baseline_folder_is_a_usage_error(tmp_path, capsys) -> None:
    scenario = tmp_path / "ok.json"
    scenario.write_text('{"name": "nothing", "changes": []}', encoding="utf-8")
    code = main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline",
                 str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert code == 2
    assert "assignments.csv" in capsys.readouterr().err


def test_a_baseline_with_bad_times_exits_1(tmp_path, capsys) -> None:
    scenario = tmp_path / "ok.json"
    scenario.write_text('{"name": "nothing", "changes": []}', encoding="utf-8")
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "assignments.csv").write_text(
        "activity_id,status,start,end,room_id,reason\na1,scheduled,Monday,,hall,\n",
        encoding="utf-8")
    code = main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline",
                 str(tmp_path / "base"), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "assignments, row 2, column 'start': got 'Monday'" in capsys.readouterr().err


@pytest.mark.slow
def test_a_baseline_of_another_workbook_is_refused(september, tmp_path, capsys) -> None:
    workbook, baseline = september
    other = tmp_path / "other-baseline"
    tables = {name: read_csv(baseline / f"{name}.csv") for name in ("assignments", "staffing")}
    tables["meta"] = pd.DataFrame({"key": ["fingerprint"], "value": ["0" * 64]})
    write_tables(tables, other)
    code = main(["whatif", str(workbook), str(TYPHOON), "--baseline", str(other),
                 "--out", str(tmp_path / "out"), "--time-limit", "2", "--workers", "1",
                 "--language", "en"])
    assert code == 1
    assert "planned for another workbook" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.parametrize(("language", "said"), [
    ((), "方案有 1 处错误"),  # the workbook's language
    (("--language", "en"), "the plan has 1 error")])
def test_a_baseline_without_its_columns_is_a_clear_error(september, tmp_path, capsys,
                                                         language, said) -> None:
    workbook, _ = september
    broken = tmp_path / "broken"
    write_tables({"assignments": pd.DataFrame({"id": ["x"]})}, broken)
    code = main(["whatif", str(workbook), str(TYPHOON), "--baseline", str(broken),
                 "--out", str(tmp_path / "out"), *language])
    err = capsys.readouterr().err
    assert code == 1 and said in err and "activity_id" in err


def nothing_scenario(tmp_path: Path) -> Path:
    scenario = tmp_path / "ok.json"
    scenario.write_text('{"name": "nothing", "changes": []}', encoding="utf-8")
    return scenario


@pytest.mark.parametrize("content, message", [
    (b"", "a table with a header row"),
    (b'activity_id,start\n"a1,2024\n', "a table with a header row"),
    (b"activity_id,status\na1,scheduled\na1,scheduled\n", "each activity once"),
], ids=["empty", "garbled", "twice"])
def test_a_damaged_baseline_is_a_clear_error(tmp_path, capsys, content, message) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "assignments.csv").write_bytes(content)
    code = main(["whatif", str(DATA / "tiny"), str(nothing_scenario(tmp_path)), "--baseline",
                 str(tmp_path / "base"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_baseline_cut_short_is_refused(september, tmp_path, capsys) -> None:
    workbook, baseline = september
    short = tmp_path / "short"
    tables = {name: read_csv(baseline / f"{name}.csv") for name in ("assignments", "staffing")}
    tables["assignments"] = tables["assignments"].head(5)
    write_tables(tables, short)
    run = ["whatif", str(workbook), str(TYPHOON), "--baseline", str(short),
           "--out", str(tmp_path / "out"), "--time-limit", "2", "--workers", "1"]
    assert main(run) == 1  # in the Chinese workbook's language
    assert "应为：工作簿中的每项活动各有一行；有 " in capsys.readouterr().err
    assert main([*run, "--language", "en"]) == 1
    assert " have none (was the file cut short" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_plan_of_solve_format_xlsx_is_a_baseline_too(tmp_path, capsys) -> None:
    """``solve --format xlsx`` writes ``plan.xlsx`` and ``plan.json``, no CSV tables: the
    baseline is read from the plan file, its workbook's fingerprint checked."""
    scenario = tmp_path / "ok.json"
    scenario.write_text('{"name": "nothing", "changes": []}', encoding="utf-8")
    base = tmp_path / "base"
    assert main(["solve", str(DATA / "tiny"), "--out", str(base), "--format", "xlsx",
                 "--time-limit", "3", "--workers", "1", "--quiet"]) == 0
    assert not (base / "assignments.csv").exists()
    code = main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(base),
                 "--out", str(tmp_path / "out"), "--time-limit", "3", "--workers", "1"])
    assert code == 0, capsys.readouterr().err
    assert "0 changed assignment(s)" in capsys.readouterr().out
    # the plan file itself, as notebook 02 shows it (it was taken for a folder)
    code = main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline",
                 str(base / "plan.json"), "--out", str(tmp_path / "by_file"), "--time-limit",
                 "3", "--workers", "1"])
    assert code == 0, capsys.readouterr().err
    assert "0 changed assignment(s)" in capsys.readouterr().out
    # the scenario passed for the baseline by mistake, and a plan file that is not there
    assert main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(scenario),
                 "--out", str(tmp_path / "mistaken")]) == 1
    assert "error: ok.json: not a plan file written by matching" in capsys.readouterr().err
    assert main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline",
                 str(tmp_path / "gone.json"), "--out", str(tmp_path / "mistaken")]) == 2
    assert f"no file {tmp_path / 'gone.json'}:" in capsys.readouterr().err
    other = tmp_path / "other"
    write_tables(workbook_tables(restrict(load_problem(DATA / "tiny"),
                                          start=date(2024, 3, 4), end=date(2024, 3, 5))),
                 other)
    assert main(["whatif", str(other), str(scenario), "--baseline", str(base),
                 "--out", str(tmp_path / "out2"), "--time-limit", "3", "--workers", "1"]) == 1
    assert "planned for another workbook" in capsys.readouterr().err


def test_a_whatif_plan_is_exported_like_any_plan(tmp_path, capsys) -> None:
    """``whatif`` writes ``plan.json`` and the changed workbook it plans (without phone
    numbers and notes), so that ``export`` shares the new plan."""
    scenario = tmp_path / "studio.json"
    scenario.write_text('{"name": "studio shut", "changes": [{"kind": "close_room", '
                        '"room_id": "studio", "start": "2024-03-08", "end": "2024-03-08"}]}',
                        encoding="utf-8")
    base, out = tmp_path / "base", tmp_path / "whatif"
    assert main(["solve", str(DATA / "tiny"), "--out", str(base), "--time-limit", "3",
                 "--workers", "1", "--quiet"]) == 0
    assert main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(base),
                 "--out", str(out), "--time-limit", "3", "--workers", "1"]) == 0
    volunteers = read_csv(out / "workbook" / "volunteers.csv")
    assert "phone" not in volunteers.columns and "notes" not in volunteers.columns
    assert "notes" not in read_csv(out / "workbook" / "activities.csv").columns
    capsys.readouterr()
    page = tmp_path / "whatif.html"
    assert main(["export", str(out), "--to", "html", "--out", str(page)]) == 0
    assert "studio shut" not in capsys.readouterr().err
    closures = read_csv(out / "workbook" / "closures.csv")
    assert (closures["room_id"] == "studio").any()  # the page is the changed workbook's plan
    assert page.read_text(encoding="utf-8").count("<table") > 1
    # and says it is a what-if, as its calendars do (not the plan of record, nor its events
    # in a calendar app), signed by the center still
    assert "<title>Tiny test center (what-if: studio shut)</title>" in page.read_text(
        encoding="utf-8")
    calendars = tmp_path / "calendars"
    assert main(["export", str(out), "--to", "ics", "--out", str(calendars)]) == 0
    center = next(calendars.glob("*.ics")).read_text(encoding="utf-8")
    assert "X-WR-CALNAME:Tiny test center (what-if: studio shut)" in center, center[:400]
    settings = read_csv(out / "workbook" / "settings.csv").set_index("key")["value"]
    assert settings["center"] == "Tiny test center"
    # the plan file names the workbook beside it as it is named: a later edit of it is
    # said as that edit, not as "made for the workbook 'Tiny test center'"
    recorded = json.loads((out / "plan.json").read_text(encoding="utf-8"))["workbook"]
    assert recorded["name"] == settings["name"] == "Tiny test center (what-if: studio shut)"


def test_a_whatif_folder_is_the_baseline_of_the_next_what_if_on_its_workbook(
        tmp_path, capsys) -> None:
    """solve, what-if, what-if: the second starts from the first's folder and plans the
    workbook it wrote. Before, the folder named the changed tables with their phone
    numbers and notes, which its workbook leaves out, and was refused as planned for
    another workbook."""
    studio, hall = tmp_path / "studio.yaml", tmp_path / "hall.yaml"
    for path, room in ((studio, "studio"), (hall, "hall")):
        path.write_text(f"name: {room} shut\nchanges:\n  - {{kind: close_room, room_id: "
                        f"{room}, start: '2024-03-06', end: '2024-03-07'}}\n",
                        encoding="utf-8")
    base, first, second = tmp_path / "base", tmp_path / "first", tmp_path / "second"
    assert main(["solve", str(DATA / "tiny"), "--out", str(base), "--time-limit", "3",
                 "--quiet"]) == 0
    assert main(["whatif", str(DATA / "tiny"), str(studio), "--baseline", str(base),
                 "--out", str(first), "--time-limit", "3", "--quiet"]) == 0
    capsys.readouterr()
    # the original workbook is not what the first what-if planned: said so, with the way
    assert main(["whatif", str(DATA / "tiny"), str(hall), "--baseline", str(first),
                 "--out", str(second), "--time-limit", "3", "--quiet"]) == 1
    assert (f"plans the workbook the what-if changed, written to {first / 'workbook'}: "
            f"pass {first / 'workbook'} as the workbook") in capsys.readouterr().err
    assert main(["whatif", str(first / "workbook"), str(hall), "--baseline", str(first),
                 "--out", str(second), "--time-limit", "3", "--quiet"]) == 0
    closures = read_csv(second / "workbook" / "closures.csv")
    assert {"studio", "hall"} <= set(closures["room_id"])
    held = read_csv(second / "assignments.csv")
    shut = held[(held["room_id"].isin(["studio", "hall"]))
                & held["start"].str.startswith("2024-03-06")]
    assert shut.empty  # both closures hold in the plan of the second
    capsys.readouterr()
    assert main(["export", str(second), "--to", "html", "--out", str(tmp_path / "p.html")]) == 0
    # that workbook edited since: not "pass it as the workbook", which it already is
    settings = first / "workbook" / "settings.csv"
    settings.write_text(settings.read_text(encoding="utf-8-sig").replace(
        "Tiny test center", "Tiny test centre"), encoding="utf-8")
    assert main(["whatif", str(first / "workbook"), str(hall), "--baseline", str(first),
                 "--out", str(tmp_path / "third"), "--time-limit", "3", "--quiet"]) == 1
    assert "was planned for another workbook (or an earlier version of" in \
        capsys.readouterr().err


def fairness_weighed(tmp_path: Path, weight: int) -> tuple[Path, Path]:
    """A scenario setting the weight of fairness, and the tiny workbook solved as its
    baseline (a few seconds)."""
    scenario = tmp_path / "weights.yaml"
    scenario.write_text(f"name: fairness {weight}\nchanges:\n  - kind: set_weight\n"
                        f"    term: fairness\n    value: '{weight}'\n", encoding="utf-8")
    base = tmp_path / "base"
    assert main(["solve", str(DATA / "tiny"), "--out", str(base), "--time-limit", "3",
                 "--workers", "1", "--quiet"]) == 0
    return scenario, base


def test_a_whatif_never_writes_over_its_own_baseline(tmp_path, capsys) -> None:
    # the next what-if would take the scenario's plan for the baseline
    scenario, base = fairness_weighed(tmp_path, 1)
    kept = (base / "plan.json").read_bytes()
    assert main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(base),
                 "--out", str(base / ".." / "base"), "--time-limit", "3"]) == 2
    err = capsys.readouterr().err
    assert "is the baseline's folder" in err and "internal error" not in err
    assert (base / "plan.json").read_bytes() == kept


def test_whatif_prices_the_baseline_on_the_changed_workbook(tmp_path, capsys) -> None:
    # new weights price the same plan otherwise: "before" alone would read as worse
    scenario, base = fairness_weighed(tmp_path, 9)
    capsys.readouterr()
    assert main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(base),
                 "--out", str(tmp_path / "w"), "--time-limit", "3"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("baseline "))
    before = int(next(line for line in out.splitlines()
                      if line.strip().startswith("soft penalty")).split()[2])
    priced = int(line.split("tiers (")[1].split(")")[0].split(", ")[2])
    assert priced > before  # the weight of fairness grew, and the baseline is priced by it
    assert "0 hard rule(s) broken" in line


def whatif_on_tiny(tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: str) -> str:
    """What `whatif` prints re-planning the solved tiny workbook under ``changes`` (a
    scenario file's text) into ``tmp_path / "w"``."""
    _, base = fairness_weighed(tmp_path, 1)
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(changes, encoding="utf-8")
    capsys.readouterr()
    assert main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(base),
                 "--out", str(tmp_path / "w"), "--time-limit", "3", "--quiet"]) == 0
    return capsys.readouterr().out


def test_the_replan_is_priced_against_its_baseline_as_the_search_priced_it(
        tmp_path, capsys) -> None:
    """score.csv once priced the re-plan alone: "keep start times 0" beside a diff.csv of
    moved activities, and a soft total short of meta.csv's objective."""
    out = whatif_on_tiny(tmp_path, capsys, "changes:\n  - {kind: close_room, room_id: hall, "
                         "start: 2024-03-04, end: 2024-03-04}\n")
    meta = read_csv(tmp_path / "w" / "meta.csv").set_index("key")["value"]
    objective = tuple(int(float(v)) for v in meta["objective"].split())
    score = read_csv(tmp_path / "w" / "score.csv").set_index("constraint")
    assert int(score.loc["stability_start", "count"]) >= 1  # a1 left Monday's hall
    soft = score[score["level"] == "soft"]["penalty"].astype(float).sum()
    assert soft == objective[2]
    # the table's soft penalty after leaves the moves out, and the line says so
    assert (f"(the re-plan: {objective}, its soft tier with the cost of its moves from the "
            "baseline, which the table above leaves out)") in out
    after = next(line for line in out.splitlines() if "soft penalty" in line).split()
    assert int(after[3]) == objective[2] - soft_of_moves(score)
    # kpis.csv gives the plan's own figures, as kpi_deltas.csv's "after" does (it had the
    # soft tier with the cost of the moves, a figure of its own)
    figures = read_csv(tmp_path / "w" / "kpis.csv").set_index("name")["value"]
    deltas = read_csv(tmp_path / "w" / "kpi_deltas.csv").set_index("name")["after"]
    assert float(figures["tier3_penalty"]) == float(deltas["tier3_penalty"]) == int(after[3])


def soft_of_moves(score: pd.DataFrame) -> int:
    """The penalty of the keep-start, keep-room and keep-volunteer terms of score.csv."""
    moves = score[score.index.str.startswith("stability_")]
    return int(moves["penalty"].astype(float).sum())


def test_activities_removed_are_no_rule_the_baseline_breaks(tmp_path, capsys) -> None:
    """Two activities removed: the baseline priced on the changed workbook said it broke
    6 hard rules (its rows of what was removed); it breaks none."""
    out = whatif_on_tiny(tmp_path, capsys, "changes:\n  - {kind: remove_activity, "
                         "activity_id: a1}\n  - {kind: remove_activity, activity_id: a2}\n")
    line = next(line for line in out.splitlines() if line.startswith("baseline "))
    assert "0 hard rule(s) broken" in line, line


def test_whatif_shows_the_progress_line_of_solve_and_quiet_hides_it(tmp_path, capsys,
                                                                     monkeypatch) -> None:
    """On a terminal ``whatif`` shows the live progress line ``solve`` shows; ``--quiet``
    hides it, as it does for ``solve``."""
    scenario, base = fairness_weighed(tmp_path, 2)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    run = ["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(base),
           "--time-limit", "3", "--workers", "1", "--language", "en"]
    capsys.readouterr()
    assert main([*run, "--out", str(tmp_path / "shown")]) == 0
    assert "\r" in capsys.readouterr().err
    assert main([*run, "--out", str(tmp_path / "quiet"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "usage:" not in err
    assert (tmp_path / "quiet" / "plan.json").exists()


@pytest.mark.slow
def test_solve_plans_one_quarter_and_whatif_re_plans_that_quarter(tmp_path, capsys) -> None:
    """``solve --scope`` as the app's scope: a quarter (or a theme) of the workbook, and
    a what-if from that plan re-plans the same quarter, from the workbook or from the
    folder a what-if wrote. Before, the command line planned whole workbooks only, and a
    quarter's plan (the notebooks') was refused as a baseline of another workbook."""
    workbook = DATA / "qianjin-2023"
    quarter, hall = tmp_path / "q3", tmp_path / "hall.yaml"
    hall.write_text("name: hall shut\nchanges:\n  - {kind: close_room, room_id: hall, "
                    "start: '2023-09-04', end: '2023-09-10'}\n", encoding="utf-8")
    assert main(["solve", str(workbook), "--scope", "2023Q3", "--out", str(quarter),
                 "--time-limit", "3", "--quiet", "--language", "en"]) == 0
    planned = read_csv(quarter / "assignments.csv")
    september = restrict(load_problem(workbook), start=date(2023, 7, 1), end=date(2023, 9, 30))
    assert set(planned["activity_id"]) == {a.activity_id for a in september.activities}
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["whatif", str(workbook), str(hall), "--baseline", str(quarter), "--out",
                 str(first), "--time-limit", "3", "--quiet", "--language", "en"]) == 0
    changes = read_csv(first / "diff.csv")
    assert set(changes["activity_id"]) <= set(planned["activity_id"])  # nothing of Q1, Q2, Q4
    again = read_csv(first / "assignments.csv")
    assert set(again["activity_id"]) == set(planned["activity_id"])
    assert not again[(again["room_id"] == "hall") & again["start"].between(
        "2023-09-04", "2023-09-10 24:00")].shape[0]
    assert main(["whatif", str(first / "workbook"), str(hall), "--baseline", str(first),
                 "--out", str(second), "--time-limit", "3", "--quiet"]) == 0
    assert set(read_csv(second / "assignments.csv")["activity_id"]) == set(planned["activity_id"])
    capsys.readouterr()


def test_a_theme_plan_that_a_what_if_widens_is_the_baseline_of_the_next(tmp_path,
                                                                        capsys) -> None:
    """An activity added to the theme on the day after its last moves the theme's
    period; the folder names the period planned, not the baseline's."""
    add, hall = tmp_path / "add.yaml", tmp_path / "hall.yaml"
    add.write_text("name: one more\nchanges:\n  - kind: add_activity\n    activity_id: a9\n"
                   "    title: Extra talk\n    theme_id: spring\n"
                   "    earliest_start: '2024-03-09 09:00'\n    latest_end: '2024-03-09 12:00'\n"
                   "    duration_minutes: '60'\n    expected_attendance: '5'\n"
                   "    activity_kind: activity\n    priority: normal\n", encoding="utf-8")
    hall.write_text("name: hall shut\nchanges:\n  - {kind: close_room, room_id: hall, "
                    "start: '2024-03-06', end: '2024-03-07'}\n", encoding="utf-8")
    spring, first, second = tmp_path / "spring", tmp_path / "first", tmp_path / "second"
    assert main(["solve", str(DATA / "tiny"), "--scope", "spring", "--out", str(spring),
                 "--time-limit", "2", "--quiet"]) == 0
    assert main(["whatif", str(DATA / "tiny"), str(add), "--baseline", str(spring),
                 "--out", str(first), "--time-limit", "2", "--quiet"]) == 0
    assert "a9" in set(read_csv(first / "assignments.csv")["activity_id"])
    assert main(["whatif", str(first / "workbook"), str(hall), "--baseline", str(first),
                 "--out", str(second), "--time-limit", "2", "--quiet"]) == 0
    capsys.readouterr()


@pytest.mark.slow
def test_a_quarter_what_if_says_which_changes_fall_outside_the_quarter(tmp_path,
                                                                       capsys) -> None:
    """A change of another quarter went into the workbook written, and the re-plan of
    the quarter said "0 changed" without a word; and a quarter's baseline of an older
    workbook is planned again with `solve --scope`, not plain `solve` (the year)."""
    workbook = DATA / "qianjin-2023"
    quarter, spring = tmp_path / "q4", tmp_path / "spring.yaml"
    spring.write_text("name: spring\nchanges:\n  - {kind: remove_activity, activity_id: "
                      "BK-001}\n", encoding="utf-8")
    assert main(["solve", str(workbook), "--scope", "2023Q4", "--out", str(quarter),
                 "--time-limit", "2", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["whatif", str(workbook), str(spring), "--baseline", str(quarter), "--out",
                 str(tmp_path / "w"), "--time-limit", "2", "--quiet", "--language", "en"]) == 0
    assert ("warning: the scenario changes 1 activit(ies) outside the part the baseline "
            "plans (from 2023-10-01 to 2023-12-31)") in capsys.readouterr().err
    older = tmp_path / "older"
    shutil.copytree(workbook, older)
    (older / "closures.csv").write_text(
        (workbook / "closures.csv").read_text(encoding="utf-8-sig")
        + "hall,2023-11-20,2023-11-20,painting\n", encoding="utf-8")
    assert main(["whatif", str(older), str(spring), "--baseline", str(quarter), "--out",
                 str(tmp_path / "w2"), "--time-limit", "2", "--quiet", "--language", "en"]) == 1
    assert "plan it again with `solve --scope 2023Q4`" in capsys.readouterr().err


def test_solve_refuses_a_scope_the_workbook_does_not_have(tmp_path, capsys) -> None:
    assert main(["solve", str(DATA / "tiny"), "--scope", "2024Q2", "--out",
                 str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == ("error: no quarter or theme '2024Q2'; quarters: "
                                       "2024Q1; themes: spring\n")
    assert not (tmp_path / "out").exists()
    assert main(["solve", str(DATA / "tiny"), "--scope", "spring", "--out",
                 str(tmp_path / "out"), "--time-limit", "2", "--quiet"]) == 0


@pytest.mark.slow
def test_whatif_names_the_rules_the_changes_make_the_baseline_break(tmp_path, capsys) -> None:
    """"2 hard rule(s) broken" said how many, not which: the seats of the volunteer
    fallen ill, which the re-plan had to move."""
    scenario = tmp_path / "ill.json"
    scenario.write_text('{"name": "chen ill", "changes": [{"kind": "volunteer_unavailable", '
                        '"volunteer_id": "v3", "start": "2024-03-04", "end": "2024-03-10"}]}',
                        encoding="utf-8")
    base = tmp_path / "base"
    assert main(["solve", str(DATA / "tiny"), "--out", str(base), "--time-limit", "3",
                 "--workers", "1", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(base),
                 "--out", str(tmp_path / "out"), "--time-limit", "3", "--workers", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    [at] = [i for i, text in enumerate(lines) if text.startswith("baseline")]
    broken = int(re.search(r"(\d+) hard rule\(s\) broken", lines[at])[1])
    assert broken > 0
    named = lines[at + 1:at + 1 + min(broken, 5)]
    assert all(text.startswith("  Chen Wu is in ") and "not available" in text
               for text in named), named


def test_whatif_says_the_changed_workbooks_warnings(tmp_path, capsys) -> None:
    """A change that makes a duration of 2 minutes (typed for 2 h) was planned as one slot
    without a word: `whatif` says the warnings of the rows the changes write."""
    _, base = fairness_weighed(tmp_path, 1)
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text("changes:\n  - {kind: change_activity, activity_id: a1, "
                        "duration_minutes: '2'}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(base),
                 "--out", str(tmp_path / "w"), "--time-limit", "3", "--quiet"]) == 0
    err = capsys.readouterr().err.splitlines()
    # said of the change, not of a row of the changed workbook the analyst never sees
    assert err == [
        "warning: change 1 (change_activity), field 'duration_minutes': got '2'; a duration "
        "of one slot (60 min) or more: 2 min is planned as a whole slot (the column takes "
        "minutes: 2 h is 120)"]


def test_whatif_names_the_activities_it_no_longer_schedules(tmp_path, capsys) -> None:
    """"dropped 1" alone sent the analyst to diff.csv to learn which, and why."""
    out = whatif_on_tiny(tmp_path, capsys, "changes:\n  - {kind: close_room, start: "
                         "2024-03-06, end: 2024-03-08, reason: repairs}\n")
    lines = out.splitlines()
    assert "dropped 2" in lines[0], lines[0]
    assert lines[1].startswith("  Phone class 2 (a2), high priority is no longer scheduled: ")
    assert lines[2].startswith("  Choir practice (b1), low priority is no longer scheduled: ")
    assert "repairs" in lines[1]
