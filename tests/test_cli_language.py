"""``solve`` and ``whatif`` speak the workbook's language: the summary, the reasons of
what is left out, ``conflicts.txt``, the live progress, the key figures before and after
a scenario and its warnings in Chinese for a Chinese workbook, in English with
``--language en``; the labels' values line up on a terminal, where a Chinese character
takes two columns. (``check``: tests/test_cli_check.py.)"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import tiny_edited

from matching.cli import main
from matching.cli.plan import progress_line
from matching.io import load_problem
from matching.plan import Assignment, Plan
from matching.solver import Progress
from matching.summary import pad, summary_lines, workbook_lines

SOLVE = ("--time-limit", "5", "--workers", "1", "--quiet")
#: Studio shut from Monday, the day before a freeze: a warning that the part before the
#: freeze does not hold.
STUDIO_SHUT = ("name: studio shut\nchanges:\n  - {kind: freeze, before: '2024-03-05'}\n"
               "  - {kind: close_room, room_id: studio, start: '2024-03-04', "
               "end: '2024-03-08'}\n")


def chinese_tiny(folder: Path, attendance: dict[str, str] | None = None) -> Path:
    """data/tiny with its language set to Chinese, and the expected attendance of the
    activities in ``attendance`` changed (500: no room holds them)."""
    def attend(text: str) -> str:
        lines = text.splitlines(keepends=True)
        for number, line in enumerate(lines):
            cells = line.split(",")
            if cells[0] in (attendance or {}):
                cells[8] = attendance[cells[0]]  # expected_attendance
                lines[number] = ",".join(cells)
        return "".join(lines)

    return tiny_edited(folder, settings=lambda text: text.replace("language,en", "language,zh"),
                       activities=attend)


def solved(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    """``matching solve`` in this process: its exit code and output, checked to have
    said nothing of an internal error."""
    capsys.readouterr()
    code = main(["solve", *map(str, args), *SOLVE])
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in out + err, err
    return code, out


def test_a_chinese_workbook_is_summarised_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The choir booking (b1, low priority) fits no room: the plan leaves it out, and
    says why in Chinese, as every label and figure."""
    out = tmp_path / "plan"
    code, printed = solved(capsys, chinese_tiny(tmp_path / "book", {"b1": "500"}),
                           "--out", out)
    assert code == 0, printed
    lines = printed.splitlines()
    assert [line.split()[0] for line in lines] == [
        "状态", "已安排", "岗位", "志愿者", "目标值", "核查", "可重复", "未安排", "-", "已写入"]
    assert lines[0].startswith("状态        已证明最优，用时 ")
    assert lines[1] == "已安排      4/5 项（必办 1/1、高 3/3、普通 0/0、低 0/1）"
    assert lines[5] == "核查        评估器发现 0 处违反硬约束"
    assert lines[6] == "可重复      是"
    assert lines[7] == "未安排      1 项："
    assert lines[8].startswith("  - Choir practice（b1）：没有合适的场地：")
    assert lines[9] == f"已写入      {out} 和 {out / 'plan.json'}（供 `export` 使用）"


def test_an_infeasible_chinese_workbook_writes_its_conflicts_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The first-aid workshop (a3) must take place but fits no room: no plan, and the
    conflict in Chinese on the terminal and in conflicts.txt; in English when asked."""
    book, out = chinese_tiny(tmp_path / "book", {"a3": "500"}), tmp_path / "plan"
    code, printed = solved(capsys, book, "--out", out)
    assert code == 1, printed
    report = out / "conflicts.txt"
    assert printed.startswith("状态        无解，用时 ")
    assert ("\n冲突        以下规则无法同时满足：\n"
            "  - First aid workshop（a3） 必须举办，但没有合适的场地") in printed
    assert printed.endswith(f"已写入      {report}；{out} 中原有的方案保持不变\n")
    written = report.read_text(encoding="utf-8").splitlines()
    assert written[0] == f"无解：{book} 没有得出方案"
    assert written[1].startswith("- First aid workshop（a3） 必须举办，但没有合适的场地：")

    code, printed = solved(capsys, book, "--out", out, "--language", "en")
    assert code == 1, printed
    assert "\nconflicts   the rules that cannot all hold:\n  - First aid workshop (a3) must " \
           "take place, but no room fits" in printed
    assert f"written     {report}; any plan already in {out} is kept" in printed
    written = report.read_text(encoding="utf-8").splitlines()
    assert written[0] == f"INFEASIBLE: no plan for {book}"
    assert written[1].startswith("- First aid workshop (a3) must take place, but no room fits")


def whatif(capsys: pytest.CaptureFixture[str], folder: Path, scenario: str,
           *args: str) -> tuple[int, str, str]:
    """``matching whatif`` of the Chinese tiny workbook under ``scenario`` (YAML) from
    its solved baseline: its exit code, output and errors, checked to have said nothing
    of an internal error."""
    book = chinese_tiny(folder / "book")
    assert solved(capsys, book, "--out", folder / "base")[0] == 0
    path = folder / "scenario.yaml"
    path.write_text(scenario, encoding="utf-8")
    code = main(["whatif", str(book), str(path), "--baseline", str(folder / "base"),
                 "--out", str(folder / "whatif"), "--time-limit", "3", "--workers", "1",
                 *args])
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in out + err, err
    return code, out, err


def columns(line: str) -> int:
    """The terminal columns ``line`` takes, two for a Chinese character."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def test_a_chinese_workbook_s_whatif_speaks_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its labels, status, kinds of change, key figures and the freeze's warning in
    Chinese, the columns of the key figures lined up by the terminal's columns."""
    code, out, err = whatif(capsys, tmp_path, STUDIO_SHUT)
    assert code == 0, err
    assert err.startswith("提醒：第 2 项变化（关闭场地） “start” 字段：从 2024-03-04 开始，"
                          "早于冻结时刻 2024-03-05 00:00；")
    lines = out.splitlines()
    assert lines[0].startswith("情景        studio shut：已证明最优，")
    assert "项活动的开始时间、场地或是否安排有改动；按改动类型：" in lines[0]
    assert lines[1].split() == ["项目", "调整前", "调整后", "增减"]
    table = lines[1:lines.index(next(x for x in lines if x.startswith("基准方案")))]
    assert "已排活动" in table[1] and "软目标罚分" in table[-1]
    assert len({columns(line) for line in table}) == 1
    assert lines[-2].startswith("基准方案    按改动后的工作簿评估：罚分 (")
    assert lines[-1] == (f"已写入      {tmp_path / 'whatif'}，含 plan.json 和它所规划的"
                         "改动后工作簿（供 `export` 使用）")


def test_whatif_speaks_english_when_asked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = whatif(capsys, tmp_path, STUDIO_SHUT, "--language", "en")
    assert code == 0, err
    assert err.startswith("warning: change 2 (close_room), field 'start': starts 2024-03-04")
    lines = out.splitlines()
    assert lines[0].startswith("scenario    studio shut: OPTIMAL, ")
    assert lines[1].split() == ["Item", "before", "after", "delta"]
    assert lines[-2].startswith("baseline    on the changed workbook: tiers (")
    assert lines[-1].startswith(f"written     {tmp_path / 'whatif'}, with plan.json")


def test_a_chinese_workbook_s_scenario_without_a_plan_says_why_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The first-aid workshop (a3) must take place; the scenario makes it fit no room."""
    scenario = ("name: crowd\nchanges:\n  - {kind: change_activity, activity_id: a3, "
                "expected_attendance: '500'}\n")
    code, out, err = whatif(capsys, tmp_path, scenario)
    assert code == 1 and out == ""
    assert err.splitlines()[:2] == [
        "错误：情景 “crowd” 没有得出方案（无解）",
        "  - First aid workshop（a3） 必须举办，但没有合适的场地：Hall只能容纳 40 人，预计 500 人；"
        "Studio只能容纳 10 人，预计 500 人"]


def test_a_label_is_padded_by_the_columns_a_terminal_gives_it() -> None:
    """A Chinese character takes two columns: 状态 (4 columns) gets 8 spaces where
    status (6) gets 6, so that both values start in column 12; a label as wide as its
    column or wider still gets one space."""
    assert pad("状态", 12) == "状态" + " " * 8
    assert pad("status", 12) == "status" + " " * 6
    assert pad("unscheduled", 11) == "unscheduled "
    assert pad("以下规则无法同时满足", 12) == "以下规则无法同时满足 "


def test_a_library_caller_gets_english_unless_it_asks(tmp_path: Path) -> None:
    """Notebooks and scripts read the lines in English whatever the workbook's
    language, as before the command line spoke it."""
    problem = load_problem(chinese_tiny(tmp_path / "book"))
    assert problem.settings.language == "zh"
    assert workbook_lines(problem)[0] == "workbook   Tiny test center"
    assert workbook_lines(problem, "zh")[0] == "工作簿     Tiny test center"


@pytest.mark.parametrize(("note", "zh"), [
    ("no (workers race)", "否（多个线程竞速求解）"),
    ("no (the time limit cut the search short)", "否（时限截断了搜索）"),
    ("no (a reason this summary does not know)", "no (a reason this summary does not know)"),
    ("yes", "是（工作量固定，12 秒即完成，时限为 20 秒；加 --race 则用满整个时限搜索）"),
])
def test_whether_a_search_repeats_is_said_in_chinese(tmp_path: Path, note: str, zh: str
                                                      ) -> None:
    """The solver notes it in English in the plan's meta, which files keep; the
    summary says the notes it knows in Chinese, and one it does not as it is."""
    problem = load_problem(chinese_tiny(tmp_path / "book"))
    plan = Plan(tuple(Assignment(a.activity_id) for a in problem.activities),
                status="FEASIBLE", objective=(0, 0, 0), wall_time=12.0,
                meta={"repeatable": note, "time_limit": "20"})
    lines = summary_lines(problem, plan, language="zh")
    assert f"可重复      {zh}" in lines


def test_the_progress_line_speaks_the_language() -> None:
    searching = Progress("start", 3, None, None, 4.0, 0)
    assert progress_line(searching, "zh").startswith(
        "正在寻找第一个方案（目前还有 3 项必办活动排不进）")
    staged = Progress("soft", 141, 129, 0.09, 8.5, 12, 5, 5, 0)
    assert progress_line(staged, "zh").split() == ["优化", "目标", "141", "下界", "129", "8.5",
                                                   "秒"]
    assert progress_line(staged).split() == ["soft", "objective", "141", "bound", "129",
                                             "8.5", "s"]


@pytest.mark.parametrize(("bound", "shown"), [
    ((0.0, 0.0, 855.0), "bound (0, 0, 855)"),
    ((0.0, 1.5, 1234567.0), "bound (0, 1.5, 1234567)"),
    (None, "no bound proved in time"),
])
def test_the_objective_and_its_bound_read_as_numbers(tmp_path: Path, bound: tuple | None,
                                                     shown: str) -> None:
    """CP-SAT's bounds are floats: the summary shows whole ones as whole numbers, never
    ``855.0`` or ``1.23457e+06``."""
    problem = load_problem(chinese_tiny(tmp_path / "book"))
    plan = Plan(tuple(Assignment(a.activity_id) for a in problem.activities),
                status="FEASIBLE", objective=(0, 2, 1449), bound=bound)
    line = next(x for x in summary_lines(problem, plan, language="en")
                if x.startswith("objective"))
    assert line.endswith(f"(0, 2, 1449) (schedule, staffing, soft penalties); {shown}")


@pytest.mark.parametrize(("options", "written"), [
    ((), "已写入      {out}"),
    (("--include-contacts",), "已写入      {out}（含联系方式）"),
    (("--language", "en"), "written     {out}"),
])
def test_an_export_says_what_it_wrote_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...],
        written: str) -> None:
    """As `solve` does: in the workbook's language (Chinese here) unless asked for
    another."""
    plan = tmp_path / "plan"
    code, printed = solved(capsys, chinese_tiny(tmp_path / "book"), "--out", plan)
    assert code == 0, printed
    out = tmp_path / "plan.xlsx"
    assert main(["export", str(plan), "--to", "xlsx", "--out", str(out), *options]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == written.format(out=out)


def test_the_hard_rules_a_plan_breaks_are_named_in_the_language_asked_for(
        capsys: pytest.CaptureFixture[str]) -> None:
    """What `whatif` says of a baseline and `export` of a plan that break hard rules:
    the count, the first rules by name and how many more, in Chinese or English; nothing
    when none is broken."""
    from dataclasses import replace

    from plan_cases import tiny_case

    from matching.cli.common import say_broken_rules
    from matching.evaluate import evaluate
    from matching.i18n import say

    problem, plan = tiny_case()
    moved = tuple(replace(a, room_id=None) if a.start else a for a in plan.assignments)
    broken = evaluate(problem, replace(plan, assignments=moved)).hard_violations
    assert len(broken) > 2
    say_broken_rules(broken, say("issue.the_plan"), "zh", "error", shown=2)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"错误：方案违反 {len(broken)} 条硬约束："
    assert lines[1:3] == [f"  - {finding.text('zh')}" for finding in broken[:2]]
    assert lines[3] == f"  - 另有 {len(broken) - 2} 条"
    say_broken_rules(broken, say("issue.the_plan"), "en", shown=len(broken))
    assert capsys.readouterr().err.splitlines()[0] == (
        f"warning: the plan breaks {len(broken)} hard rule(s):")
    say_broken_rules([], say("issue.the_plan"), "zh")
    assert capsys.readouterr().err == ""
