"""Plan files: round trip, what a changed workbook no longer matches, damaged files, CLI."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pandas as pd
import pytest
from conftest import tiny_edited
from plan_cases import DATA, SETTINGS, qianjin_case, tiny_case, tiny_tables

from matching import load_problem
from matching.cli import main
from matching.explain import no_placement_reason
from matching.i18n import say
from matching.io import (
    PlanFileError,
    PlanMismatchError,
    build_problem,
    load_plan,
    read_plan_file,
    save_plan,
    write_tables,
)
from matching.io.planfile import FORMAT, VERSION
from matching.problem import Problem
from matching.problem.select import restrict, scope_of
from matching.scenario import workbook_tables
from matching.solver import solve


def test_round_trip_keeps_the_plan(tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", settings=SETTINGS)
    loaded = load_plan(path, problem)
    assert loaded.assignments == plan.assignments
    assert loaded.staffing == plan.staffing
    assert (loaded.status, loaded.objective, loaded.solutions) == (
        plan.status, plan.objective, plan.solutions)
    assert loaded.bound == plan.bound
    assert dict(loaded.meta) == dict(plan.meta)


def test_a_plan_file_saved_again_by_notepad_with_a_byte_order_mark_reads(tmp_path: Path
                                                                          ) -> None:
    """Windows' Notepad saves UTF-8 with a byte order mark: still the same plan, not
    "not valid JSON: Unexpected UTF-8 BOM"."""
    problem, plan = qianjin_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", settings=SETTINGS)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_plan(path, problem).assignments == plan.assignments


def test_file_records_format_fingerprint_settings_and_digests(tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "qianjin-2023",
                     settings=SETTINGS)
    content = json.loads(path.read_text(encoding="utf-8"))
    assert (content["format"], content["version"]) == (FORMAT, VERSION)
    assert content["workbook"]["fingerprint"] == problem.fingerprint
    assert content["settings"]["seed"] == 0 and content["settings"]["workers"] == 1
    assert content["settings"]["weights"] == problem.weights()
    assert set(content["activities"]) == {a.activity_id for a in problem.activities}
    assert all(len(r["digest"]) == 16 for r in content["activities"].values())
    assert "小候鸟" in path.read_text(encoding="utf-8")  # Chinese kept readable
    planfile = read_plan_file(path)
    assert planfile.workbook == (DATA / "qianjin-2023").resolve()
    assert planfile.horizon == (problem.settings.horizon_start, problem.settings.horizon_end)


def test_settings_come_from_the_plan_meta_when_not_given(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    planfile = read_plan_file(save_plan(plan, problem, tmp_path / "plan.json"))
    assert planfile.settings["seed"] == 0 and planfile.settings["time_limit"] == 10
    assert planfile.settings["weights"]["priority_high"] == problem.weights()["priority_high"]


def test_changed_duration_and_deleted_room_are_named(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    assert plan.assignment_of["b1"].room_id == "studio"
    path = save_plan(plan, problem, tmp_path / "plan.json")
    tables = tiny_tables()
    activities = tables["activities"]
    activities.loc[activities["activity_id"] == "a1", "duration_minutes"] = "120"
    activities.loc[activities["activity_id"] == "a4", "fixed_room"] = ""
    activities.loc[activities["activity_id"] == "b1", "preferred_room"] = ""
    tables["rooms"] = tables["rooms"][tables["rooms"]["room_id"] != "studio"]
    tables["room_hours"] = tables["room_hours"][tables["room_hours"]["room_id"] != "studio"]
    changed = build_problem(tables)

    with pytest.raises(PlanMismatchError) as caught:
        load_plan(path, changed)
    found = {(m.kind, m.id) for m in caught.value.mismatches}
    assert ("activity_changed", "a1") in found
    assert ("unknown_room", "studio") in found
    a1 = next(m for m in caught.value.mismatches if m.id == "a1")
    assert "duration_minutes 60 -> 120" in a1.detail
    assert "room studio" in str(caught.value) and "a1" in str(caught.value)
    assert ("activity_changed", "a2") not in found  # untouched activities match


def test_deleted_activity_and_volunteer_are_named(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json")
    tables = tiny_tables()
    tables["activities"] = tables["activities"][tables["activities"]["activity_id"] != "a3"]
    tables["roles"] = tables["roles"][tables["roles"]["activity_id"] != "a3"]
    staffed = {s.volunteer_id for s in plan.staffing if s.activity_id != "a3"}
    gone = sorted(staffed)[0]
    for name in ("volunteers", "availability"):
        tables[name] = tables[name][tables[name]["volunteer_id"] != gone]
    with pytest.raises(PlanMismatchError) as caught:
        load_plan(path, build_problem(tables))
    found = {(m.kind, m.id) for m in caught.value.mismatches}
    assert ("unknown_activity", "a3") in found
    assert ("unknown_volunteer", gone) in found
    said = caught.value.render("zh").splitlines()  # as `export` says it to a Chinese center
    assert said[0] == f"{path}：方案与工作簿不再相符（2 处不同）："
    assert said[1].startswith("  活动 a3（") and said[1].endswith("）不在工作簿中")
    assert said[2].startswith(f"  志愿者 {gone} 不在工作簿中（方案安排其参加 ")
    # a Dask worker hands the error back pickled: whole, not "cannot be pickled"
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is PlanMismatchError and again.render("zh") == caught.value.render("zh")
    assert again.mismatches == caught.value.mismatches


def test_a_plan_file_error_crosses_processes_whole(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text("{", encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        load_plan(tmp_path / "plan.json", tiny_case()[0])
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is PlanFileError and again.render("zh") == caught.value.render("zh")


def test_lenient_load_warns_and_returns_the_plan(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json")
    tables = tiny_tables()
    activities = tables["activities"]
    activities.loc[activities["activity_id"] == "a2", "expected_attendance"] = "9"
    with pytest.warns(UserWarning, match="a2"):
        loaded = load_plan(path, build_problem(tables), strict=False)
    assert loaded.assignments == plan.assignments


@pytest.mark.parametrize(("text", "message"), [
    ("not json at all {", "not valid JSON"),
    ("[1, 2, 3]", "not a plan file"),
    ('{"format": "something-else", "version": 1}', "not a plan file"),
    ('{"format": "matching-plan", "version": 99}', "version 99"),
    ('{"format": "matching-plan", "version": true}', "version True"),
    ('{"format": "matching-plan", "version": 1.0}', "version 1.0"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"format": "matching-plan", "version": 1, "workbook": {}}', "damaged plan file"),
])
def test_bad_files_raise_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanFileError, match=message):
        load_plan(path)


@pytest.mark.parametrize(("text", "english", "chinese"), [
    ('{"name": "a list of things", "version": 1}',
     "not a plan file written by matching (it has no format field)",
     "不是本工具写出的方案文件（其中没有 format 字段）"),
    ('{"format": "something-else", "version": 1}',
     "not a plan file written by matching (its format is 'something-else', not "
     "'matching-plan')",
     "不是本工具写出的方案文件（其 format 字段是 “something-else”，应为 “matching-plan”）"),
    ('{"format": "matching-plan",\n "version": }',
     "not a plan file (not valid JSON: Expecting value at line 2, column 13)",
     "不是方案文件（不是有效的 JSON：第 2 行第 13 列：这里缺少一个值）"),
])
def test_a_file_that_is_no_plan_file_is_said_so_plainly_in_either_language(
        tmp_path: Path, text: str, english: str, chinese: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        read_plan_file(path)
    assert str(caught.value) == f"{path}: {english}"
    assert caught.value.render("zh") == f"{path}：{chinese}"


def test_damaged_assignment_time_is_reported(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json")
    content = json.loads(path.read_text(encoding="utf-8"))
    content["assignments"][0]["start"] = "next tuesday"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(PlanFileError, match="damaged plan file"):
        load_plan(path)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(PlanFileError, match="not UTF-8"):
        load_plan(path)


def test_problem_for_narrows_the_whole_workbook_to_the_plan(tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "qianjin-2023")
    planfile = read_plan_file(path)
    from matching import load_problem

    whole = load_problem(DATA / "qianjin-2023")
    assert planfile.mismatches(whole) == []
    narrowed = planfile.problem_for(whole)
    assert {a.activity_id for a in narrowed.activities} == {
        a.activity_id for a in problem.activities}


def _with_new_activity(theme: str, **cells: str) -> Problem:
    tables = tiny_tables()
    added = tables["activities"].iloc[[0]].assign(activity_id="m9", title="Gala",
                                                    theme_id=theme, series_id="", **cells)
    tables["activities"] = pd.concat([tables["activities"], added], ignore_index=True)
    return build_problem(tables)


def test_an_activity_added_since_the_plan_is_a_mismatch_not_left_out_unsaid(
        tmp_path: Path) -> None:
    """An export once left out, without a word, an activity added after the plan (or the
    one a solve that found no plan could not place): placed 4 / 4, in no table."""
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json")
    [added] = read_plan_file(path).mismatches(_with_new_activity("spring"))
    assert (added.kind, added.id) == ("activity_added", "m9")
    assert str(added) == ("activity m9 (Gala) is in the workbook but not in the plan: it was "
                          "added since the plan was made, or the solve found no plan")


def test_a_theme_plan_minds_only_activities_added_to_its_theme(tmp_path: Path) -> None:
    whole = load_problem(DATA / "tiny")
    spring = restrict(whole, theme_id="spring")
    path = save_plan(solve(spring, SETTINGS), spring, tmp_path / "plan.json")
    planfile = read_plan_file(path)
    assert planfile.mismatches(whole) == []  # a4 and b1 are of no theme: not its scope
    assert planfile.mismatches(_with_new_activity("")) == []
    assert [m.id for m in planfile.mismatches(_with_new_activity("spring"))] == ["m9"]
    # the plan spans its activities of the time (to 03-08): one added on 03-09 counts too
    later = _with_new_activity("spring", earliest_start="2024-03-09", latest_end="2024-03-10")
    assert [m.id for m in planfile.mismatches(later)] == ["m9"]


def test_the_record_of_what_happened_does_not_mind_activities_added_since(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The attendance template, the ledger and the report record the plan that ran: an
    activity added to the workbook since is no part of it, where a plan to share that
    lacks it is stale."""
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json")
    added = _with_new_activity("spring")
    assert read_plan_file(path).mismatches(added, added=False) == []
    workbook = write_tables(workbook_tables(added), tmp_path / "workbook")
    arguments = ["export", str(path), "--workbook", str(workbook), "--out"]
    assert main([*arguments, str(tmp_path / "t.xlsx"), "--to", "attendance-template"]) == 0
    assert main([*arguments, str(tmp_path / "p.html"), "--to", "html"]) == 1
    assert "activity m9 (Gala) is in the workbook but not in the plan" in \
        capsys.readouterr().err


@pytest.mark.parametrize(("fingerprint", "theme"), [
    ("abc", None), ("abc:2024-03-04..2024-03-10", None), ("abc:2024-03-04..2024-03-08:spring",
                                                             "spring"),
    ("abc:2024-03-04..2024-03-10:planned", None),
    ("abc:2024-01-01..2024-12-31:2024-03-04..2024-03-08:spring:planned", "spring")])
def test_the_scope_of_a_fingerprint(fingerprint: str, theme: str | None) -> None:
    assert scope_of(fingerprint) == ("abc", theme)


@pytest.mark.parametrize("fmt", ["xlsx", "ics", "html"])
def test_cli_exports_a_plan_file(tmp_path: Path, fmt: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "tiny")
    out = tmp_path / ("calendars" if fmt == "ics" else f"plan.{fmt}")
    assert main(["export", str(path), "--to", fmt, "--out", str(out)]) == 0
    assert out.exists()
    assert "written" in capsys.readouterr().out


def test_cli_rejects_a_bad_plan_file_without_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.json"
    path.write_text("{ broken", encoding="utf-8")
    code = main(["export", str(path), "--to", "html", "--out", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert code == 1
    assert "not a plan file" in err and "Traceback" not in err


def test_cli_refuses_a_plan_that_no_longer_matches(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json")
    tables = tiny_tables()
    activities = tables["activities"]
    activities.loc[activities["activity_id"] == "a1", "duration_minutes"] = "120"
    from matching import write_tables

    workbook = write_tables(tables, tmp_path / "edited")
    code = main(["export", str(path), "--to", "html", "--out", str(tmp_path / "r.html"),
                 "--workbook", str(workbook)])
    assert code == 1
    assert "a1" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_cli_asks_for_a_workbook_when_the_file_names_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json")
    assert main(["export", str(path), "--to", "html", "--out", str(tmp_path / "r.html")]) == 2
    assert "--workbook" in capsys.readouterr().err
    assert main(["export", str(path), "--to", "html", "--out", str(tmp_path / "r.html"),
                 "--workbook", str(DATA / "tiny")]) == 0


@pytest.mark.parametrize("language, heading", [("zh", "志愿者任务单"),
                                               ("en", "Volunteer duty lists")])
def test_cli_exports_in_the_language_asked_for(tmp_path: Path, language: str,
                                               heading: str) -> None:
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "tiny")
    out = tmp_path / f"{language}.html"
    assert main(["export", str(path), "--to", "html", "--out", str(out),
                 "--language", language]) == 0
    assert heading in out.read_text(encoding="utf-8")


def broken_plan_file(tmp_path: Path) -> Path:
    """The tiny plan with its fixed-start meeting moved an hour: it breaks a hard rule."""
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "tiny")
    content = json.loads(path.read_text(encoding="utf-8"))
    row = next(a for a in content["assignments"] if a["activity_id"] == "a4")
    assert row["start"] == "2024-03-04 10:00"
    row["start"], row["end"] = "2024-03-04 11:00", "2024-03-04 12:00"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "ics", "html"])
def test_a_plan_breaking_hard_rules_is_exported_only_when_allowed_and_with_a_warning(
        tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    path = broken_plan_file(tmp_path)
    out = tmp_path / ("calendars" if fmt == "ics" else f"plan.{fmt}")
    assert main(["export", str(path), "--to", fmt, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "breaks 1 hard rule" in err and "Welcome meeting" in err
    assert "--allow-violations" in err
    assert not out.exists()
    assert main(["export", str(path), "--to", fmt, "--out", str(out),
                 "--allow-violations"]) == 0
    warning = "This plan breaks 1 hard rule"
    if fmt == "xlsx":
        first = next(iter(openpyxl.load_workbook(out).worksheets[0].iter_rows(
            min_row=2, max_row=2, values_only=True)))
        assert str(first[1]).startswith(warning)
    elif fmt == "html":
        assert f'<p class="warning">{warning}' in out.read_text(encoding="utf-8")
    else:
        center = (out / "center.ics").read_text(encoding="utf-8")
        assert f"X-WR-CALDESC:{warning}" in center
        assert "DESCRIPTION:Warning: Welcome meeting on Mon" in center
        assert center.count("DESCRIPTION:Warning:") == 1  # only the event concerned


def test_an_edited_horizon_is_a_damaged_plan_file(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "tiny")
    content = json.loads(path.read_text(encoding="utf-8"))
    content["workbook"]["horizon_start"] = content["workbook"]["horizon_end"] = "2030-01-01"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(PlanFileError, match="outside its period"):
        read_plan_file(path)


def left_out_for_two_reasons(tmp_path: Path) -> Path:
    """A Chinese workbook written to files, solved by the command line: the choir needs a
    sound system no room has and the reading two carers where one exists. Returns the
    folder `solve --out` wrote."""
    from builder import Workbook

    from matching import write_tables

    book = Workbook("2024-03-04")
    book.room("hall", name="大厅", hours="Mon 09:00-17:00", equipment="投影")
    book.volunteer("ann", name="安琪", skills="看护", available="Mon 09:00-17:00")
    book.activity("a", "合唱", "2024-03-04 09:00", "2024-03-04 17:00", equipment="音响")
    book.activity("b", "亲子阅读", "2024-03-04 09:00", "2024-03-04 17:00",
                  roles={"看护": (2, 2, 2)})
    workbook = write_tables(book.frames(), tmp_path / "workbook")
    out = tmp_path / "plan"
    assert main(["solve", str(workbook), "--out", str(out), "--time-limit", "5",
                 "--workers", "1", "--quiet"]) == 0
    return out


CHINESE_REASONS = ("没有合适的场地：大厅缺少音响",
                   "岗位看护需要 2 人，能来的志愿者只有 1 位")
ENGLISH_REASONS = ("no room fits: 大厅 lacks 音响",
                   "role 看护 needs 2 but only 1 volunteer(s) can ever come")


def test_reasons_of_a_plan_file_are_exported_in_the_language_asked_for(tmp_path: Path) -> None:
    """The file keeps each reason as a message, not only its English text."""
    import openpyxl

    folder = left_out_for_two_reasons(tmp_path)
    html, xlsx = tmp_path / "plan.html", tmp_path / "plan.xlsx"
    for out in (html, xlsx):
        assert main(["export", str(folder), "--to", out.suffix[1:], "--out", str(out),
                     "--language", "zh"]) == 0
    cells = [str(value) for sheet in openpyxl.load_workbook(xlsx).worksheets
             for row in sheet.iter_rows(values_only=True) for value in row if value]
    for shown in (html.read_text(encoding="utf-8"), "\n".join(cells)):
        assert all(reason in shown for reason in CHINESE_REASONS)
        assert not any(reason in shown for reason in ENGLISH_REASONS)
    plan = read_plan_file(folder / "plan.json").plan
    assert [plan.assignment_of[a].reason for a in "ab"] == list(ENGLISH_REASONS)
    problem = load_problem(tmp_path / "workbook")
    assert plan.assignment_of["a"].why == no_placement_reason(problem,
                                                              problem.activity_by_id["a"])


def test_reasons_a_plan_file_keeps_as_text_are_shown_as_written(tmp_path: Path) -> None:
    """Files written before reasons were kept as messages, and messages this version no
    longer has, show the English text the file holds."""
    path = left_out_for_two_reasons(tmp_path) / "plan.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    rows = {row["activity_id"]: row for row in content["assignments"]}
    del rows["a"]["why"]
    rows["b"]["why"] = {"message": "why.no_such_reason", "values": {}}
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    plan = read_plan_file(path).plan
    assert [plan.assignment_of[a].reason_in("zh") for a in "ab"] == list(ENGLISH_REASONS)


def test_conflicts_of_a_plan_file_are_read_back_in_either_language(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    conflicts = (say("conflict.first_fit_must", activity="a4"),
                 say("conflict.stopped"))
    path = save_plan(plan.with_conflicts(conflicts), problem, tmp_path / "plan.json")
    loaded = read_plan_file(path).plan
    assert loaded.conflicts == ("greedy found no place for must activity a4",
                                "stopped before a plan was found")
    assert loaded.conflicts_in("zh") == ["顺序排班没能为必办活动 a4 找到位置",
                                         "在找到方案之前已停止"]


def test_a_reason_a_file_cannot_keep_as_a_message_is_kept_as_text(tmp_path: Path) -> None:
    """A message holding a value JSON cannot (a bare ``set``) must not cost the plan: the
    file keeps its English text, shown in every language."""
    problem, plan = tiny_case()
    odd = say("conflict.first_fit_must", activity={"a4"})
    path = save_plan(plan.with_conflicts((odd,)), problem, tmp_path / "plan.json")
    loaded = read_plan_file(path).plan
    assert loaded.conflicts == (odd.render("en"),)
    assert loaded.conflicts_in("zh") == [odd.render("en")]


def solved_folder(tmp_path: Path, fmt: str = "csv") -> Path:
    """The tiny workbook solved by `solve --out` into a folder (a few seconds)."""
    out = tmp_path / "solved"
    assert main(["solve", str(DATA / "tiny"), "--out", str(out), "--time-limit", "5",
                 "--quiet", "--format", fmt]) == 0
    return out


def test_an_export_reads_the_tables_a_coordinator_edited_in_a_solve_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the tables are what a coordinator sees and edits: the export must not quietly
    # take plan.json's times instead (whatif's baseline already reads the tables)
    out = solved_folder(tmp_path)
    table = out / "assignments.csv"
    text = table.read_text(encoding="utf-8-sig")
    assert "a2,scheduled,2024-03-06 09:00,2024-03-06 10:00,hall" in text
    table.write_text(text.replace("a2,scheduled,2024-03-06 09:00,2024-03-06 10:00,hall",
                                  "a2,scheduled,2024-03-06 10:00,2024-03-06 11:00,hall"),
                     encoding="utf-8")
    capsys.readouterr()
    calendars = tmp_path / "calendars"
    assert main(["export", str(out), "--to", "ics", "--out", str(calendars)]) == 0
    assert "assignments.csv in" in capsys.readouterr().err
    center = (calendars / "center.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Asia/Shanghai:20240306T100000" in center
    assert "DTSTART;TZID=Asia/Shanghai:20240306T090000" not in center


def test_an_edit_that_breaks_a_rule_is_refused_by_export_and_named_by_whatif(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = solved_folder(tmp_path)
    table = out / "assignments.csv"
    text = table.read_text(encoding="utf-8-sig")
    table.write_text(text.replace("a2,scheduled,2024-03-06 09:00,2024-03-06 10:00,hall",
                                  "a2,scheduled,2024-03-04 09:00,2024-03-04 10:00,hall"),
                     encoding="utf-8")
    capsys.readouterr()
    assert main(["export", str(out), "--to", "html", "--out", str(tmp_path / "r.html")]) == 1
    assert "Hall would hold Phone class 1" in capsys.readouterr().err
    scenario = tmp_path / "noop.yaml"
    scenario.write_text("name: noop\nchanges:\n  - kind: set_weight\n    term: fairness\n"
                        "    value: '1'\n", encoding="utf-8")
    main(["whatif", str(DATA / "tiny"), str(scenario), "--baseline", str(out),
          "--out", str(tmp_path / "w"), "--time-limit", "2"])
    err = capsys.readouterr().err
    assert f"the baseline in {out} breaks" in err and "Hall would hold Phone class 1" in err


def test_an_edited_plan_xlsx_is_said_not_to_be_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = solved_folder(tmp_path, "xlsx")
    with (out / "plan.xlsx").open("ab") as file:  # any change to the file
        file.write(b"\0")
    capsys.readouterr()
    assert main(["export", str(out), "--to", "html", "--out", str(tmp_path / "r.html")]) == 0
    assert "plan.xlsx in" in capsys.readouterr().err


def test_activity_notes_stay_out_of_the_plan_file_and_do_not_stale_it(
        tmp_path: Path) -> None:
    # people write a contact's phone number in an activity's notes; no plan depends on
    # them, so a plan file neither keeps them nor goes stale when they change
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "tiny")
    text = path.read_text(encoding="utf-8")
    assert "first session of the series" not in text
    tables = tiny_tables()
    activities = tables["activities"]
    activities.loc[activities["activity_id"] == "a1", "notes"] = "call 138-0000-0001"
    assert read_plan_file(path).mismatches(build_problem(tables)) == []
    activities.loc[activities["activity_id"] == "a1", "title"] = "Phone class one"
    assert [m.kind for m in read_plan_file(path).mismatches(build_problem(tables))] == [
        "activity_changed"]


def test_a_plan_file_that_recorded_notes_still_matches_its_workbook(tmp_path: Path) -> None:
    from matching.io.planfile import digest

    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "tiny")
    content = json.loads(path.read_text(encoding="utf-8"))
    for aid, record in content["activities"].items():  # as files written before kept them
        record.pop("digest")
        record["notes"] = problem.activity_by_id[aid].notes
        record["digest"] = digest(record)
    path.write_text(json.dumps(content), encoding="utf-8")
    assert read_plan_file(path).mismatches(problem) == []


def test_a_row_deleted_from_an_edited_solve_folder_is_refused_not_dropped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a deleted row would take its activity out of the export without a word
    out = solved_folder(tmp_path)
    table = out / "assignments.csv"
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    table.write_text("\n".join(line for line in lines if not line.startswith("b1,")) + "\n",
                     encoding="utf-8")
    page = tmp_path / "r.html"
    assert main(["export", str(out), "--to", "html", "--out", str(page)]) == 1
    assert "got 'b1'; a row for every activity of the plan; 1 has none" in \
        capsys.readouterr().err
    assert not page.exists()
    table.write_text("\n".join([*lines[:-1], "b1,unscheduled,,,,"]) + "\n", encoding="utf-8")
    assert lines[-1].startswith("b1,")
    assert main(["export", str(out), "--to", "html", "--out", str(page)]) == 0


def test_a_status_its_row_contradicts_is_an_error_of_the_plan_table(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `unscheduled` over times left in place: the coordinator meant one of the two, and
    # neither is guessed (the times used to win); `scheduled` over cleared times and room
    # is left out, as the plan's refusals say to leave an activity out
    book = tiny_edited(tmp_path / "book",
                       settings=lambda text: text.replace("language,en", "language,zh"))
    out = tmp_path / "solved"
    assert main(["solve", str(book), "--out", str(out), "--time-limit", "5", "--quiet",
                 "--workers", "1"]) == 0
    table = out / "assignments.csv"
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    a1, a2 = (next(n for n, line in enumerate(lines) if line.startswith(f"{aid},"))
              for aid in ("a1", "a2"))
    assert lines[a1].startswith("a1,scheduled,2024-") and lines[a2].startswith("a2,scheduled,")
    lines[a1] = "a1,scheduled,,,,"
    lines[a2] = lines[a2].replace(",scheduled,", ",unscheduled,")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = tmp_path / "r.html"
    capsys.readouterr()
    assert main(["export", str(out), "--to", "html", "--out", str(page),
                 "--allow-violations"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "方案有 1 处错误：",
        f"  错误：assignments 第 {a2 + 1} 行 “status” 列：填的是 “unscheduled”，应为：已安排"
        "（这一行填了 start、end 或 room_id；要让该活动不安排，请清空这几列）"]
    assert main(["export", str(out), "--to", "html", "--out", str(page),
                 "--language", "en"]) == 1
    err = capsys.readouterr().err
    assert (f"error: assignments, row {a2 + 1}, column 'status': got 'unscheduled'; "
            "scheduled, as the row has a start, end or room_id (to leave the activity out, "
            "clear them)") in err
    assert not page.exists()
    lines[a1], lines[a2] = "a1,未安排,,,,", "a2,,,,,"  # the word, or no status: as it is
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["export", str(out), "--to", "html", "--out", str(page),
                 "--allow-violations"]) == 0


def test_an_assignment_removed_from_a_plan_file_is_refused_not_dropped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # its staff were said to be in an "unknown activity", once a seat, and with
    # --allow-violations the activity left every sheet and total without a word
    problem, plan = tiny_case()
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "tiny")
    content = json.loads(path.read_text(encoding="utf-8"))
    assert len([s for s in content["staffing"] if s["activity_id"] == "a3"]) == 2
    content["assignments"] = [a for a in content["assignments"] if a["activity_id"] != "a3"]
    path.write_text(json.dumps(content), encoding="utf-8")
    page = tmp_path / "r.html"
    export = ["export", str(path), "--to", "html", "--out", str(page), "--allow-violations"]
    capsys.readouterr()
    assert main(export) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"the plan in {path} has 1 error:",
        "  error: staffing, column 'activity_id': got 'a3'; an activity the plan has an "
        "assignment for: it lists none for this one, though its staffing names it"]
    assert not page.exists()
    assert a3_kept(path)
    content["staffing"] = [s for s in content["staffing"] if s["activity_id"] != "a3"]
    path.write_text(json.dumps(content), encoding="utf-8")
    assert main(export) == 1  # still one the file planned: not left out unsaid either
    assert "got 'a3'; a row for every activity of the plan; 1 has none" in \
        capsys.readouterr().err
    assert not page.exists()


def a3_kept(path: Path) -> bool:
    """Whether the workbook narrowed to the plan file ``path`` keeps a3, which the file
    records as planned: an export then shows it, never drops it."""
    narrowed = read_plan_file(path).problem_for(load_problem(DATA / "tiny"))
    return "a3" in narrowed.activity_by_id


def test_a_plan_for_another_workbook_says_so_and_its_first_differences(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the 343 activities of the embedded workbook, left out (no search needed to say so)
    from matching.plan import Assignment, Plan

    problem = load_problem(DATA / "qianjin-2023")
    plan = Plan(tuple(Assignment(a.activity_id) for a in problem.activities))
    path = save_plan(plan, problem, tmp_path / "plan.json", workbook=DATA / "qianjin-2023")
    count = len(plan.assignments)
    assert count > 11
    capsys.readouterr()
    assert main(["export", str(path), "--to", "html", "--out", str(tmp_path / "r.html"),
                 "--workbook", str(DATA / "tiny")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"error: {path}: the plan was made for the workbook "
                      f"'{problem.settings.name}', not 'Tiny test center' ({count} "
                      "difference(s)):")
    first = plan.assignments[0]
    assert err[1] == (f"  activity {first.activity_id} "
                      f"({problem.activity_by_id[first.activity_id].title}) is not in the "
                      "workbook")
    assert len(err) == 12 and err[11] == f"  and {count - 10} more"
