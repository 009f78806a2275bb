"""``solve`` and ``whatif`` speak the workbook's language: the summary, the reasons of
what is left out, ``conflicts.txt``, the live progress, the key figures before and after
a scenario, its warnings and refusals in Chinese for a Chinese workbook, in English with
``--language en``; so do ``generate``, ``sweep`` and ``batch`` (their progress lines and
where they ran too), and a stop says so in ``--language``'s; the labels' values line up
on a terminal, where a Chinese character takes two columns. (``check``:
tests/test_cli_check.py.)"""

from __future__ import annotations

import os
import signal
import threading
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


def ran(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """``matching <args>`` in this process: its exit code, output and errors, checked to
    have said nothing of an internal error."""
    capsys.readouterr()
    code = main(list(map(str, args)))
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in out + err, err
    return code, out, err


def solved(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    """``matching solve`` in this process: its exit code and output."""
    code, out, _ = ran(capsys, "solve", *args, *SOLVE)
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
    assert printed.endswith(f"已写入      {report}\n")  # the folder held no plan to keep
    written = report.read_text(encoding="utf-8").splitlines()
    assert written[0] == f"无解：{book} 没有得出方案"
    assert written[1].startswith("- First aid workshop（a3） 必须举办，但没有合适的场地：")

    code, printed = solved(capsys, book, "--out", out, "--language", "en")
    assert code == 1, printed
    assert "\nconflicts   the rules that cannot all hold:\n  - First aid workshop (a3) must " \
           "take place, but no room fits" in printed
    assert printed.endswith(f"written     {report}\n")
    written = report.read_text(encoding="utf-8").splitlines()
    assert written[0] == f"INFEASIBLE: no plan for {book}"
    assert written[1].startswith("- First aid workshop (a3) must take place, but no room fits")

    assert solved(capsys, chinese_tiny(tmp_path / "good"), "--out", out)[0] == 0
    code, printed = solved(capsys, book, "--out", out)
    assert code == 1, printed
    assert printed.endswith(f"已写入      {report}；{out} 中原有的方案保持不变\n")
    assert (out / "plan.json").exists()


def whatif(capsys: pytest.CaptureFixture[str], folder: Path, scenario: str,
           *args: str) -> tuple[int, str, str]:
    """``matching whatif`` of the Chinese tiny workbook under ``scenario`` (YAML) from
    its solved baseline: its exit code, output and errors, checked to have said nothing
    of an internal error."""
    book = chinese_tiny(folder / "book")
    assert solved(capsys, book, "--out", folder / "base")[0] == 0
    path = folder / "scenario.yaml"
    path.write_text(scenario, encoding="utf-8")
    return ran(capsys, "whatif", book, path, "--baseline", folder / "base", "--out",
               folder / "whatif", "--time-limit", "3", "--workers", "1", *args)


def columns(line: str) -> int:
    """The terminal columns ``line`` takes, two for a Chinese character."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def test_a_chinese_workbook_s_whatif_speaks_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its labels, status, kinds of change, key figures and the freeze's warning in
    Chinese, the columns of the key figures lined up by the terminal's columns."""
    code, out, err = whatif(capsys, tmp_path, STUDIO_SHUT)
    assert code == 0, err
    assert err.startswith("提醒：第 2 项变化（关闭场地） “开始（start）” 字段：从 2024-03-04 开始，"
                          "早于冻结时刻 2024-03-05 00:00；")
    lines = out.splitlines()
    assert lines[0].startswith("情景        studio shut：已证明最优，")
    assert "项活动的开始时间、场地或是否安排有改动；按改动类型：" in lines[0]
    # the activities it no longer schedules, then the key figures
    head = next(i for i, line in enumerate(lines) if line.split()[:1] == ["项目"])
    assert head > 1 and all("不再安排：" in line for line in lines[1:head]), lines[:head]
    assert lines[head].split() == ["项目", "调整前", "调整后", "增减"]
    table = lines[head:lines.index(next(x for x in lines if x.startswith("基准方案")))]
    assert "已排活动" in table[1] and "软目标罚分" in table[-1]
    assert len({columns(line) for line in table}) == 1
    [at] = [i for i, line in enumerate(lines) if line.startswith("基准方案")]
    assert lines[at].startswith("基准方案    按改动后的工作簿评估：罚分 (")
    # then the rules the closed studio makes the baseline break, in Chinese too
    assert lines[at + 1:-1] and all(
        line.startswith("  ") and "停用" in line for line in lines[at + 1:-1])
    assert lines[-1] == (f"已写入      {tmp_path / 'whatif'}，含 plan.json 和它所规划的"
                         "改动后工作簿（供 `export` 使用）")


def test_whatif_speaks_english_when_asked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = whatif(capsys, tmp_path, STUDIO_SHUT, "--language", "en")
    assert code == 0, err
    assert err.startswith("warning: change 2 (close_room), field 'start': starts 2024-03-04")
    lines = out.splitlines()
    assert lines[0].startswith("scenario    studio shut: OPTIMAL, ")
    head = next(i for i, line in enumerate(lines) if line.split()[:1] == ["Item"])
    assert all(" is no longer scheduled: " in line for line in lines[1:head])
    assert lines[head].split() == ["Item", "before", "after", "delta"]
    [at] = [i for i, line in enumerate(lines) if line.startswith("baseline")]
    assert lines[at].startswith("baseline    on the changed workbook: tiers (")
    assert lines[at + 1:-1] and all(
        line.startswith("  ") and "is closed" in line for line in lines[at + 1:-1])
    assert lines[-1].startswith(f"written     {tmp_path / 'whatif'}, with plan.json")


def test_a_chinese_workbook_s_scenario_without_a_plan_says_why_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The first-aid workshop (a3) must take place; the scenario makes it fit no room."""
    scenario = ("name: crowd\nchanges:\n  - {kind: change_activity, activity_id: a3, "
                "expected_attendance: '500'}\n")
    code, out, err = whatif(capsys, tmp_path, scenario)
    assert code == 1 and out == ""
    lines = err.splitlines()  # after the changed workbook's warnings
    at = lines.index("错误：情景 “crowd” 没有得出方案（无解）")
    assert lines[at:at + 2] == [
        "错误：情景 “crowd” 没有得出方案（无解）",
        "  - First aid workshop（a3） 必须举办，但没有合适的场地：Hall只能容纳 40 人，预计 500 人；"
        "Studio只能容纳 10 人，预计 500 人"]


def test_a_chinese_workbook_s_scenario_errors_are_counted_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario that closes a room the workbook does not have (a gym) is refused before
    the baseline is read, its errors counted in the workbook's language, else in
    --language's."""
    book = chinese_tiny(tmp_path / "book")
    path = tmp_path / "gym.yaml"
    path.write_text("name: gym shut\nchanges:\n  - {kind: close_room, room_id: gym, "
                    "start: '2024-03-04', end: '2024-03-05'}\n", encoding="utf-8")

    def refused(*language: str) -> list[str]:
        code, out, err = ran(capsys, "whatif", book, path, "--baseline", tmp_path / "base",
                             "--out", tmp_path / "whatif", *language)
        assert (code, out) == (1, "")
        return err.splitlines()

    lines = refused()
    assert lines[0] == "情景有 1 处错误："
    assert lines[1].startswith("  错误：gym.yaml：第 1 项变化（关闭场地） “场地编号（room_id）” "
                               "字段：填的是 “gym”，应为：")
    lines = refused("--language", "en")
    assert lines[0] == "the scenario has 1 error:"
    assert lines[1].startswith("  error: gym.yaml: change 1 (close_room), field 'room_id': "
                               "got 'gym'; ")


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
    ("no (a step ran out of its share of the time with its work undone)",
     "否（某一步用完了分到的时间，工作尚未做完）"),
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


def test_contacts_asked_of_a_workbook_without_any_are_said_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A what-if's plan exported with --include-contacts said "（含联系方式）" and wrote
    none: the workbook beside it is written without phone numbers and notes."""
    def no_contacts(text: str) -> str:
        rows = [line.split(",") for line in text.splitlines()]
        keep = [i for i, name in enumerate(rows[0]) if name not in ("phone", "notes")]
        return "\n".join(",".join(row[i] for i in keep) for row in rows) + "\n"

    book = tiny_edited(tmp_path / "book", volunteers=no_contacts,
                       settings=lambda text: text.replace("language,en", "language,zh"))
    plan = tmp_path / "plan"
    code, printed = solved(capsys, book, "--out", plan)
    assert code == 0, printed
    out = tmp_path / "plan.xlsx"
    code, said, err = ran(capsys, "export", plan, "--to", "xlsx", "--out", out,
                          "--include-contacts")
    assert code == 0 and said.splitlines()[-1] == f"已写入      {out}"
    assert err.strip() == (f"提醒：工作簿 {book} 里没有志愿者的电话或备注，导出的文件不含联系方式"
                           "（情景写出的工作簿不带它们：用 --workbook 指向原工作簿）")


def test_a_re_plans_calendars_into_a_new_folder_say_nothing_is_cancelled_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A what-if's plan exported to a folder with no calendars of before cancels none of
    the events it drops (the folder is the record of what was published): said, and
    not when exported over the calendars staff have."""
    import dataclasses

    from matching.greedy import greedy_plan
    from matching.io import save_plan

    book = chinese_tiny(tmp_path / "book")
    problem = load_problem(book)
    plan = greedy_plan(problem)
    record = save_plan(plan, problem, tmp_path / "record" / "plan.json", workbook=book)
    replan = save_plan(dataclasses.replace(plan, meta={**plan.meta, "scenario": "维修"}),
                       problem, tmp_path / "replan" / "plan.json", workbook=book)
    calendars = tmp_path / "calendars"
    assert ran(capsys, "export", record, "--to", "ics", "--out", calendars)[2] == ""
    assert ran(capsys, "export", replan, "--to", "ics", "--out", calendars)[2] == ""
    code, _, err = ran(capsys, "export", replan, "--to", "ics", "--out", tmp_path / "new")
    assert code == 0 and err.strip() == (
        f"提醒：{tmp_path / 'new'} 里没有以前导出的日历，情景方案去掉的活动在这里不会写成“已取消”："
        "要让导入过旧日历的人删掉它们，请导出到他们已有的日历文件夹")


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


def test_generate_says_what_it_wrote_in_its_template_s_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The generated workbook copies its template's settings, language included; its
    tables are counted by the names of their files, which are read by those names."""
    counts = ("settings 7", "themes 1", "rooms 2", "room_hours 11", "volunteers 4",
              "availability 13", "activities 5", "roles 5")
    chinese = tmp_path / "chinese"
    code, out, _ = ran(capsys, "generate", chinese, "--base", chinese_tiny(tmp_path / "zh"))
    assert code == 0
    assert out == f"已写入      {chinese}：{'、'.join(counts)}\n"
    english = tmp_path / "english"
    code, out, _ = ran(capsys, "generate", english, "--base", tiny_edited(tmp_path / "en"))
    assert code == 0
    assert out == f"written     {english}: {', '.join(counts)}\n"


def test_whatif_refuses_in_the_workbook_s_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The baseline's own folder as --out, and a baseline planned for another workbook
    (the English tiny workbook's, where the Chinese one differs by its language)."""
    book = chinese_tiny(tmp_path / "book")
    scenario = tmp_path / "nothing.yaml"
    scenario.write_text("name: nothing\nchanges: []\n", encoding="utf-8")
    own, other = tmp_path / "own", tmp_path / "other"
    assert solved(capsys, tiny_edited(tmp_path / "english"), "--out", other)[0] == 0

    def refused(baseline: Path, out: Path, *language: str) -> tuple[int, str]:
        code, printed, err = ran(capsys, "whatif", book, scenario, "--baseline", baseline,
                                 "--out", out, "--time-limit", "3", *language)
        assert printed == "" and not out.exists()
        return code, err

    assert refused(own, own) == (2, f"错误：--out {own} 是基准方案所在的文件夹：新方案会替换"
                                    "用来比较的基准方案；请换一个文件夹\n")
    assert refused(own, own, "--language", "en") == (
        2, f"error: --out {own} is the baseline's folder: the re-plan would replace the "
           "plan it is compared with; choose another folder\n")
    assert refused(other, tmp_path / "out") == (
        1, f"错误：{other} 中的基准方案是为另一个工作簿（或 {book} 的旧版本）规划的；"
           "请用 `solve` 重新规划\n")
    assert refused(other, tmp_path / "out", "--language", "en") == (
        1, f"error: the baseline in {other} was planned for another workbook (or an earlier "
           f"version of {book}); plan it again with `solve`\n")


@pytest.fixture
def dask_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """``sweep`` and ``batch`` on a Dask cluster of this process (one worker thread), not
    one of worker processes: they say the same, without seconds of starting processes
    that import the solver."""
    from distributed import Client

    import matching.distributed

    monkeypatch.setattr(matching.distributed, "connect", lambda *_, **__: Client(
        processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None))


#: A baseline, a scenario that plans, one that cannot (there is no gym) and two no-show
#: draws against the baseline plan.
SWEEP = ("name: tiny\nsolver: {time_limit: 3}\nbaseline: true\nscenarios:\n"
         "  - {name: studio shut, changes: [{kind: close_room, room_id: studio, "
         "start: '2024-03-04', end: '2024-03-05'}]}\n"
         "  - {name: broken, changes: [{kind: close_room, room_id: gym, "
         "start: '2024-03-04', end: '2024-03-05'}]}\n"
         "no_shows: {probability: 0.3, draws: 2, seed: 1, mode: fixed}\n")


def swept(tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Path,
          *language: str) -> tuple[int, list[str], Path]:
    """``matching sweep`` of :data:`SWEEP` on ``book``: its exit code, its lines and its
    output folder."""
    sweep, out = tmp_path / "sweep.yaml", tmp_path / "out"
    sweep.write_text(SWEEP, encoding="utf-8")
    code, printed, _ = ran(capsys, "sweep", book, sweep, "--out", out, "--quiet", "--force",
                           *language)
    return code, printed.splitlines(), out


@pytest.mark.usefixtures("dask_here")
@pytest.mark.slow
def test_a_chinese_workbook_s_sweep_is_summarised_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its labels, counts, statuses, the key figures and the table's headings, and a
    run's error where the toolkit said it (the scenario's errors) and the group of the
    scenarios and of the no-show draws; the scenarios stay as the results name them."""
    book = chinese_tiny(tmp_path / "book")
    code, lines, out = swept(tmp_path, capsys, book)
    assert code == 1  # the broken scenario
    assert lines[0].startswith("批量情景    tiny：4 次运行，失败 1 次，用时 ")
    assert "秒，运行于 本机集群，1 个工作进程" in lines[0]
    assert lines[1:5] == ["基准方案    已证明最优",
                          "失败        broken：出错：情景有 1 处错误：",
                          "              错误：scenarios[2]：第 1 项变化（关闭场地） "
                          "“场地编号（room_id）” 字段：填的是 “gym”，应为：场地表中列出的编号，"
                          "或留空表示全中心（hall、studio）",
                          "不完整      情景：汇总只基于 2 次中的 1 次（1 次失败）"]
    assert lines[5].split() == ["分组", "指标", "有效次数", "失败次数", "总次数", "平均", "5%",
                                "分位", "中位数", "95%", "分位"]
    assert lines[6].split()[:2] == ["情景", "改动的活动安排"]
    assert any(line.split()[:3] == ["缺席概率", "p=0.3", "缺人场次占比"] for line in lines)
    assert len({columns(line) for line in lines[5:-1]}) == 1
    assert lines[-1] == f"已写入      {out}"

    code, lines, out = swept(tmp_path, capsys, book, "--language", "en")
    assert code == 1
    assert lines[0].startswith("sweep       tiny: 4 runs, 1 failed, ")
    assert lines[1:5] == ["baseline    OPTIMAL",
                          "failed      broken: ERROR: the scenario has 1 error:",
                          "              error: scenarios[2]: change 1 (close_room), field "
                          "'room_id': got 'gym'; an id listed in rooms, or blank for the whole "
                          "center (hall, studio)",
                          "partial     scenarios: summary of 1 of 2 runs (1 failed)"]
    assert lines[5].split() == ["group", "kpi", "runs", "failed", "total", "mean", "q05",
                                "q50", "q95"]
    assert lines[6].split()[:2] == ["scenarios", "changed_assignments"]
    assert lines[-1] == f"written     {out}"


@pytest.mark.usefixtures("dask_here")
def test_a_chinese_workbook_s_sweep_shows_its_progress_and_cluster_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The progress line (its stage, counts and a failed run with the scenario's errors)
    and where the sweep ran, in Chinese; in English when asked."""
    book, sweep = chinese_tiny(tmp_path / "book"), tmp_path / "sweep.yaml"
    # the two scenarios alone: one stage of two runs
    sweep.write_text(SWEEP.split("no_shows:")[0].replace("baseline: true", "baseline: false"),
                     encoding="utf-8")

    def progress(*language: str) -> tuple[str, str]:
        code, out, err = ran(capsys, "sweep", book, sweep, "--out", tmp_path / "out",
                             "--force", *language)
        assert code == 1  # the broken scenario
        return out.splitlines()[0], err

    first, err = progress()
    assert first.endswith("秒，运行于 本机集群，1 个工作进程")
    assert "\r失败：broken：情景有 1 处错误：\033[K\n" in err
    assert "\r情景         2/2    已完成，失败 1，用时 " in err
    first, err = progress("--language", "en")
    assert first.endswith(" s on local cluster, 1 worker")
    assert "\rfailed: broken: the scenario has 1 error:\033[K\n" in err
    assert "\rruns         2/2    done, 1 failed, " in err


@pytest.mark.usefixtures("dask_here")
def test_a_chinese_workbook_that_does_not_validate_is_refused_before_its_sweep(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As `solve` refuses it, in its language, not as a failure of every run."""
    book = chinese_tiny(tmp_path / "book", {"a1": "many"})
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text(SWEEP, encoding="utf-8")
    code, printed, err = ran(capsys, "sweep", book, sweep, "--out", tmp_path / "out",
                             "--quiet")
    assert (code, printed) == (1, "")
    assert err.startswith("工作簿有 1 处错误：\n  错误：活动 第 2 行 "
                          "“预计人数（expected_attendance）” 列")
    assert not (tmp_path / "out").exists()


def district(folder: Path, *languages: str) -> Path:
    """A folder of tiny center workbooks, one in each of ``languages``."""
    for number, language in enumerate(languages):
        tiny_edited(folder / f"center-{number + 1}", settings=lambda text, lang=language:
                    text.replace("language,en", f"language,{lang}"))
    return folder


def batched(tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: Path,
            *language: str) -> list[str]:
    """The lines of ``matching batch`` of ``folder``, every center planned."""
    out = tmp_path / "out"
    code, printed, _ = ran(capsys, "batch", folder, "--out", out, "--time-limit", "3",
                           "--quiet", "--force", *language)
    assert code == 0
    lines = printed.splitlines()
    assert lines[-1] in (f"已写入      {out}", f"written     {out}")
    return lines


@pytest.mark.slow
@pytest.mark.usefixtures("dask_here")
def test_a_batch_speaks_its_workbooks_language_when_they_share_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Chinese centers: Chinese; a Chinese and an English one: English, unless
    --language says otherwise."""
    lines = batched(tmp_path, capsys, district(tmp_path / "zh", "zh", "zh"))
    assert lines[0].startswith("多中心      2 个中心，已规划 2 个，失败 0 个，用时 ")
    assert lines[1].split() == ["已排活动", "活动总数", "已配岗位人次", "目标岗位人次",
                                "参与志愿者", "场地利用率", "%"]
    assert lines[2].split() == ["中心"]
    assert len({columns(line) for line in lines[1:-1]}) == 1
    assert lines[-1].startswith("已写入")

    mixed = district(tmp_path / "mixed", "zh", "en")
    lines = batched(tmp_path, capsys, mixed)
    assert lines[0].startswith("batch       2 centers, 2 planned, 0 failed, ")
    assert lines[1].split()[:2] == ["activities_scheduled", "activities_total"]
    assert lines[2].split() == ["center"]
    assert lines[-1].startswith("written")
    assert batched(tmp_path, capsys, mixed, "--language", "zh")[0].startswith("多中心")


@pytest.mark.slow
@pytest.mark.usefixtures("dask_here")
def test_a_batch_says_why_a_center_has_no_plan_in_its_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Chinese center whose first-aid workshop (a3, must) fits no room: its line in
    the summary gives the conflict in Chinese, as the progress line's does."""
    folder = district(tmp_path / "zh", "zh")
    chinese_tiny(folder / "center-2", {"a3": "500"})
    code, printed, err = ran(capsys, "batch", folder, "--out", tmp_path / "out",
                             "--time-limit", "3", "--language", "zh")
    assert code == 1  # a center failed
    for said in (printed, err):
        failed = [line for line in said.splitlines() if "center-2：" in line]
        assert failed and all("必须举办，但没有合适的场地" in line for line in failed), said
        assert not any("must" in line or " room" in line for line in failed), failed


@pytest.mark.usefixtures("dask_here")
def test_a_batch_says_where_it_ran_in_its_language_and_its_progress_in_the_one_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Where a Chinese center was planned, in Chinese; the progress line, which runs
    before the workbooks' language is known, in English unless --language says."""
    folder = district(tmp_path / "zh", "zh")

    def planned(*language: str) -> tuple[str, str]:
        code, out, err = ran(capsys, "batch", folder, "--out", tmp_path / "out",
                             "--time-limit", "3", "--force", *language)
        assert code == 0
        return out.splitlines()[0], err

    first, err = planned()
    assert first.endswith("秒，运行于 本机集群，1 个工作进程")
    assert "\rcenters      1/1    done, 0 failed, " in err
    first, err = planned("--language", "zh")
    assert first.endswith("秒，运行于 本机集群，1 个工作进程")
    assert "\r中心         1/1    已完成，失败 0，用时 " in err
    first, err = planned("--language", "en")
    assert first.endswith(" s on local cluster, 1 worker")


def stopped_with(monkeypatch: pytest.MonkeyPatch, signum: int) -> None:
    """Searches that, having planned, get ``signum`` as from Ctrl+C or ``kill`` and wait
    until the command stops them."""
    import matching.solver

    solve = matching.solver.solve

    def signalled(*args: object, stop: threading.Event, **options: object) -> object:
        plan = solve(*args, stop=stop, **options)
        os.kill(os.getpid(), signum)
        stop.wait(10)
        return plan

    monkeypatch.setattr(matching.solver, "solve", signalled)


def test_ctrl_c_in_a_search_is_said_in_the_workbooks_language_unless_another_is_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A search runs once the workbook is read: its stop is said in the language the
    summary after it speaks."""
    stopped_with(monkeypatch, signal.SIGINT)
    book = chinese_tiny(tmp_path / "book")
    for language, said in [((), "正在停止：将写入目前最好的方案（再按一次 "
                                "Ctrl+C 则不写入，直接退出）"),
                           (("--language", "en"), "stopping: the best plan so far will be "
                                                  "written (Ctrl+C again to quit without "
                                                  "writing)")]:
        code, _, err = ran(capsys, "solve", book, "--out", tmp_path / "plan", "--force",
                           *SOLVE, *language)
        assert code == 0
        assert err == f"\n{said}\n"


def test_an_interrupt_and_a_kill_are_said_in_the_workbooks_language_unless_another_is_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C twice, or ``kill``, during a search: nothing more is written, and the
    command says so in the workbook's language, or --language's."""
    import matching.solver

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    book = chinese_tiny(tmp_path / "book")
    with monkeypatch.context() as patched:
        patched.setattr(matching.solver, "solve", interrupted)
        for language, said in [((), "已中断：没有再写入任何文件"),
                               (("--language", "en"), "interrupted: nothing more was written")]:
            code, _, err = ran(capsys, "solve", book, "--out", tmp_path / "plan", *SOLVE,
                               *language)
            assert (code, err) == (128 + signal.SIGINT, f"\n{said}\n")
    stopped_with(monkeypatch, signal.SIGTERM)
    for language, said in [((), "已终止：正在写入的文件保持原样"),
                           (("--language", "en"),
                            "terminated: files being written were left as they were")]:
        with pytest.raises(SystemExit) as ended:
            main(["solve", str(book), "--out", str(tmp_path / "plan"), *SOLVE, *language])
        assert ended.value.code == 128 + signal.SIGTERM
        assert capsys.readouterr().err.endswith(f"\n{said}\n")
    assert not (tmp_path / "plan").exists()


def test_a_refusal_and_a_note_before_the_search_speak_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`solve` refuses a model beyond the machine (here one of 256 KB) and notes that
    a repeatable search uses two of --workers at most in the workbook's language, or
    --language's."""
    import matching.problem.size

    book = chinese_tiny(tmp_path / "book")
    with monkeypatch.context() as patched:
        patched.setattr(matching.problem.size, "machine_memory", lambda: 2**18)
        for language, said in [((), "；如仍要尝试，请加上 --allow-large"),
                               (("--language", "en"), "; pass --allow-large to try anyway")]:
            code, _, err = ran(capsys, "solve", book, "--out", tmp_path / "big", *SOLVE,
                               *language)
            assert code == 1 and err.startswith(("错误：", "error: ")[bool(language)])
            assert err.rstrip().endswith(said), err
    for language, said in [((), "提示：--workers 3 只在加上 --race 时全部使用"),
                           (("--language", "en"), "note: --workers 3 is used in full with "
                                                  "--race only")]:
        code, _, err = ran(capsys, "solve", book, "--out", tmp_path / "plan", "--force",
                           "--time-limit", "2", "--workers", "3", "--quiet", *language)
        assert code == 0 and err.startswith(said), err


@pytest.mark.usefixtures("dask_here")
def test_a_sweep_stopped_after_reading_its_workbook_says_so_in_its_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C while the runs go: nothing more is written, said as the summary would be."""
    import matching.distributed

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(matching.distributed, "run_sweep", interrupted)
    book = chinese_tiny(tmp_path / "book")
    sweep, out = tmp_path / "sweep.yaml", tmp_path / "out"
    sweep.write_text(SWEEP, encoding="utf-8")
    for language, said in [((), "已中断：没有再写入任何文件"),
                           (("--language", "en"), "interrupted: nothing more was written")]:
        code, _, err = ran(capsys, "sweep", book, sweep, "--out", out, "--quiet", *language)
        assert (code, err) == (128 + signal.SIGINT, f"\n{said}\n")
        assert not out.exists()


def test_an_export_refuses_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A number typed in a shown field, a file in the way of the export, a workbook
    changed since the plan: said in Chinese for a Chinese workbook, in English with
    ``--language en``."""
    book = tiny_edited(
        tmp_path / "book",
        settings=lambda text: text.replace("language,en", "language,zh"),
        activities=lambda text: text.replace("Rescue team", "Rescue team 13900002222"))
    plan = tmp_path / "plan"
    assert solved(capsys, book, "--out", plan)[0] == 0
    out = tmp_path / "plan.xlsx"
    code, _, err = ran(capsys, "export", plan, "--to", "xlsx", "--out", out)
    assert code == 1
    assert err.startswith("错误：公开文件中有个人信息：写在活动 a3 的合作方里的电话号码（")
    assert "（by_day 表第 3 行 “partner” 列、by_room 表第 2 行 “partner” 列）" in err
    assert " row " not in err  # the cells are named in Chinese too
    assert "或加 --include-contacts 导出供内部使用的副本" in err
    code, _, err = ran(capsys, "export", plan, "--to", "xlsx", "--out", out, "--language", "en")
    assert err.startswith("error: personal data in a public output: a phone number written "
                          "in the partner of activity a3 (by_day.partner row 3, "
                          "by_room.partner row 2)")
    out.write_text("someone's table", encoding="utf-8")
    code, _, err = ran(capsys, "export", plan, "--to", "xlsx", "--out", out,
                       "--include-contacts")
    assert (code, err) == (2, f"错误：{out} 已存在，且不是本工具导出的文件（或导出后被改动过，"
                              "如填好的登记表）；请换一个名称，或加 --force 替换它\n")
    activities = book / "activities.csv"
    activities.write_text(activities.read_text(encoding="utf-8").replace(
        "First aid workshop", "First aid course"), encoding="utf-8")
    code, _, err = ran(capsys, "export", plan, "--to", "xlsx", "--out", out, "--force")
    assert code == 1
    assert err.splitlines() == [
        f"错误：{plan / 'plan.json'}：方案与工作簿不再相符（1 处不同）：",
        "  活动 a3（First aid course）在方案保存后有改动：title 'First aid workshop' -> "
        "'First aid course'"]
    code, _, err = ran(capsys, "export", plan, "--to", "xlsx", "--out", out, "--force",
                       "--language", "en")
    assert err.splitlines()[1] == ("  activity a3 (First aid course) changed since the plan "
                                   "was saved: title 'First aid workshop' -> "
                                   "'First aid course'")


def test_an_export_says_what_it_reads_of_an_edited_plan_folder_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plan folder whose tables someone edited since `solve` wrote them: the plan is
    read from the edited tables, and an edited plan.xlsx is not read, said in Chinese
    for a Chinese workbook, in English with ``--language en``; a file that is not a
    plan file is said to be none in the language asked for."""
    plan = tmp_path / "plan"
    assert solved(capsys, chinese_tiny(tmp_path / "book"), "--out", plan)[0] == 0
    for name in ("assignments.csv", "staffing.csv"):
        (plan / name).write_text((plan / name).read_text(encoding="utf-8") + "\n",
                                 encoding="utf-8")
    (plan / "plan.xlsx").write_bytes(b"a coordinator's copy")
    out = tmp_path / "plan.html"
    code, _, err = ran(capsys, "export", plan, "--to", "html", "--out", out)
    assert code == 0
    assert err.splitlines() == [
        f"提醒：{plan} 中的 plan.xlsx 在 `solve` 写入后被改动过；其中的改动不会被读取（方案从 "
        "plan.json 读取）。如要按改动规划，请在应用中锁定该活动，或在工作簿中为活动填写 "
        "fixed_start 或 fixed_room，然后重新求解",
        f"提示：{plan} 中的 assignments.csv 和 staffing.csv 在 `solve` 写入后被改动过：方案从"
        "改动后的表读取"]
    code, _, err = ran(capsys, "export", plan, "--to", "html", "--out", out, "--force",
                       "--language", "en")
    assert err.splitlines()[1] == (f"note: assignments.csv and staffing.csv in {plan} changed "
                                   "since `solve` wrote them: the plan is read from the "
                                   "edited tables")
    stranger = tmp_path / "other.json"
    stranger.write_text('{"name": "not a plan", "version": 1}', encoding="utf-8")
    code, _, err = ran(capsys, "export", stranger, "--to", "html", "--out", out, "--force",
                       "--language", "zh")
    assert (code, err) == (1, f"错误：{stranger}：不是本工具写出的方案文件（其中没有 format "
                              "字段）\n")


def test_an_export_of_a_folder_without_a_plan_says_the_solve_found_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``solve`` leaves only its report where it found no plan; a missing file of
    another command is named with what it should have been."""
    folder = tmp_path / "solved"
    folder.mkdir()
    (folder / "conflicts.txt").write_text("INFEASIBLE\n", encoding="utf-8")
    code, _, err = ran(capsys, "export", folder, "--to", "html", "--out", tmp_path / "p.html")
    assert (code, err) == (1, f"error: no plan in {folder}: the solve found none; see "
                              f"{folder / 'conflicts.txt'}\n")
    scenario = tmp_path / "missing.yaml"
    code, _, err = ran(capsys, "whatif", chinese_tiny(tmp_path / "book"), scenario,
                       "--baseline", folder, "--out", tmp_path / "re", "--language", "en")
    assert (code, err) == (2, f"error: no file {scenario}: the scenario should be a "
                              "scenario file (.yaml or .json)\n")


@pytest.mark.usefixtures("dask_here")
def test_a_bad_sweep_file_is_refused_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its problems, and a selection the workbook lacks, counted as a workbook's errors:
    in Chinese for a Chinese workbook (the keys and values as typed), in English with
    ``--language en``; nothing is written."""
    book, sweep, out = chinese_tiny(tmp_path / "book"), tmp_path / "bad.yaml", tmp_path / "out"
    sweep.write_text("no_shows: {probability: high, draws: 10, mode: sometimes}\n",
                     encoding="utf-8")
    code, printed, err = ran(capsys, "sweep", book, sweep, "--out", out, "--quiet")
    assert (code, printed) == (1, "")
    assert err.splitlines() == [
        "bad.yaml 中的批量情景有 2 处错误：",
        "  错误：no_shows.probability：填的是 “high”，应为：0 至 1 之间的数",
        "  错误：no_shows.mode：填的是 “sometimes”，应为：fixed（评估基准方案）或 replan（为每次"
        "抽样重新规划）"]
    code, _, err = ran(capsys, "sweep", book, sweep, "--out", out, "--language", "en")
    assert err.splitlines()[:2] == [
        "the sweep file bad.yaml has 2 errors:",
        "  error: no_shows.probability: got 'high'; a number from 0 to 1"]
    sweep.write_text("select: {series: S-CAMP}\nno_shows: {probability: 0.1, draws: 2}\n",
                     encoding="utf-8")
    code, _, err = ran(capsys, "sweep", book, sweep, "--out", out, "--quiet")
    assert (code, err) == (1, "bad.yaml 中的批量情景有 1 处错误：\n  错误：select.series：填的是 "
                              "“S-CAMP”，应为：工作簿中的 series_id（s1）\n")
    assert not out.exists()


def test_a_batch_without_workbooks_and_an_unreachable_cluster_speak_the_language_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``batch`` knows no workbook's language before it runs: ``--language``'s, else
    English; ``sweep`` has read its workbook by the time it connects, and speaks its."""
    import matching.distributed

    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = ran(capsys, "batch", empty, "--out", tmp_path / "out", "--language", "zh")
    assert (code, err) == (2, f"错误：{empty} 中没有工作簿（每个中心一个：含 CSV 文件的子文件夹，"
                              "或 .xlsx 文件）\n")
    code, _, err = ran(capsys, "batch", empty, "--out", tmp_path / "out")
    assert (code, err) == (2, f"error: no workbooks in {empty} (subfolders of CSV files or "
                              ".xlsx files, one per center)\n")

    def unreachable(*_: object, **__: object) -> None:
        raise OSError("connection refused")

    monkeypatch.setattr(matching.distributed, "connect", unreachable)
    folder = district(tmp_path / "zh", "zh")
    code, _, err = ran(capsys, "batch", folder, "--out", tmp_path / "out", "--language", "zh")
    assert (code, err) == (2, "错误：无法在本机集群上运行：OSError: connection refused\n")
    code, _, err = ran(capsys, "batch", folder, "--out", tmp_path / "out", "--scheduler",
                       "tcp://127.0.0.1:9")
    assert (code, err) == (2, "error: cannot run on the Dask scheduler at tcp://127.0.0.1:9: "
                              "OSError: connection refused\n")
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text(SWEEP, encoding="utf-8")
    code, _, err = ran(capsys, "sweep", folder / "center-1", sweep, "--out", tmp_path / "out",
                       "--scheduler", "tcp://127.0.0.1:9")
    assert (code, err) == (2, "错误：无法在 tcp://127.0.0.1:9 的 Dask 调度器上运行："
                              "OSError: connection refused\n")
