"""A Chinese workbook's words stay Chinese where English used to slip in: the reasons of
a hand-edited plan, errors in edited plan tables (``export``, ``ledger``, ``report``),
the actuals' checks, the conflict of a must activity short of people, a blank required
cell and a sweep's group of scenarios; English still with ``--language en``."""

from __future__ import annotations

import csv
import re
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from actuals_helpers import Filled
from conftest import tiny_edited
from test_cli_language import chinese_tiny, ran, solved

from matching.distributed.sweeps import SweepResult

#: Text a Chinese sentence must not hold: a run of four or more Latin letters that is no
#: id, column name or value typed as it is (the workbook's titles and names are English).
TYPED = re.compile(r"Hall|Studio|Choir practice|Phone class \d|First aid workshop|Dee Xu|"
                   r"Bo Chen|Ann Lee|Chen Wu|[a-z]+_[a-z_]+|start|end|hours|held|status|"
                   r"actuals|attendance|assignments|yes|moved|teach|host")


def planned(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """The Chinese tiny workbook, with the choir booking (b1) too large for any room, and
    the folder ``solve`` planned it into."""
    book = chinese_tiny(folder / "book", {"b1": "500"})
    plan = folder / "plan"
    code, printed = solved(capsys, book, "--out", plan)
    assert code == 0, printed
    return book, plan


def edit(plan: Path, how: str = "move") -> None:
    """Edit the plan folder's assignments.csv by hand: a2 moved one slot later
    (``move``), its start mistyped (``typo``) or its row deleted (``delete``)."""
    path = plan / "assignments.csv"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    a2 = next(row for row in rows if row["activity_id"] == "a2")
    if how == "move":
        for column in ("start", "end"):
            moved = datetime.strptime(a2[column], "%Y-%m-%d %H:%M") + timedelta(hours=1)
            a2[column] = f"{moved:%Y-%m-%d %H:%M}"
    elif how == "typo":
        a2["start"] = a2["start"][:-5] + "1O:00"
    else:
        rows.remove(a2)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_a_hand_edit_keeps_the_reasons_of_what_is_left_out_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """b1's reason, written in English in assignments.csv, is said in Chinese by the
    Excel sheet 未安排 and the HTML report after another row was moved by hand, as
    before the edit; in English when asked."""
    _, plan = planned(tmp_path, capsys)
    edit(plan)
    xlsx, html = tmp_path / "plan.xlsx", tmp_path / "plan.html"
    for to, out in (("xlsx", xlsx), ("html", html)):
        code, _, err = ran(capsys, "export", plan, "--to", to, "--out", out,
                           "--allow-violations")
        assert code == 0, err
        assert "assignments.csv" in err  # read from the edited table
    sheet = openpyxl.load_workbook(xlsx)["未安排"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    reason = "没有合适的场地：Hall只能容纳 40 人，预计 500 人"
    assert any(c.startswith(reason) for c in cells), cells
    assert not any("no room fits" in c or "holds 40" in c for c in cells), cells
    page = html.read_text(encoding="utf-8")
    assert "没有合适的场地：Hall只能容纳 40 人，预计 500 人" in page
    assert "no room fits" not in page and "500 expected" not in page

    english = tmp_path / "plan-en.html"
    code, _, err = ran(capsys, "export", plan, "--to", "html", "--out", english,
                       "--allow-violations", "--language", "en")
    assert code == 0, err
    page = english.read_text(encoding="utf-8")
    assert "no room fits: Hall holds 40, 500 expected" in page
    assert "没有合适的场地" not in page


def test_a_reason_typed_by_hand_stays_as_typed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, plan = planned(tmp_path, capsys)
    edit(plan)
    path = plan / "assignments.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace(
        '"no room fits: Hall holds 40, 500 expected; Studio holds 10, 500 expected"',
        "choir sings in the park"), encoding="utf-8-sig")
    html = tmp_path / "plan.html"
    code, _, err = ran(capsys, "export", plan, "--to", "html", "--out", html,
                       "--allow-violations")
    assert code == 0, err
    page = html.read_text(encoding="utf-8")
    assert "choir sings in the park" in page and "没有合适的场地" not in page


@pytest.mark.parametrize("how", ["typo", "delete"])
def test_errors_in_edited_plan_tables_are_said_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str) -> None:
    """A mistyped start or a deleted row of assignments.csv: `export`, `ledger` and
    `report` say so in Chinese, as `whatif` does; in English with --language en."""
    book, plan = planned(tmp_path, capsys)
    actuals = tmp_path / "actuals.xlsx"
    code, _, err = ran(capsys, "export", plan, "--to", "attendance-template", "--out",
                       actuals)
    assert code == 0, err
    edit(plan, how)
    commands = {
        "export": ("export", plan, "--to", "html", "--out", tmp_path / "plan.html"),
        "ledger": ("ledger", book, plan, "--actuals", actuals, "--out", tmp_path / "ledger"),
        "report": ("report", book, plan, "--actuals", actuals, "--out",
                   tmp_path / "report.html"),
    }
    chinese = (f"{plan} 中的方案有 1 处错误：" if how == "delete" else "方案有 1 处错误：")
    english = (f"the plan in {plan} has 1 error:" if how == "delete"
               else "the plan has 1 error:")
    for name, args in commands.items():
        code, _, err = ran(capsys, *args)
        assert code == 1, (name, err)
        assert err.startswith(chinese + "\n  错误："), (name, err)
        said = err.replace(str(plan), "")
        assert "应为：" in said and "error" not in said and "got" not in said, (name, err)
        code, _, err = ran(capsys, *args, "--language", "en")
        assert code == 1, (name, err)
        assert err.startswith(english + "\n  error: "), (name, err)
        assert "错误" not in err, (name, err)


def test_the_actuals_checks_speak_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A filled template with a bad held, an end before the start, an unknown volunteer,
    a left-early without hours and a blank status: `ledger` says what each cell should
    have held in Chinese, with no English expectation left."""
    book = chinese_tiny(tmp_path / "book")
    plan = tmp_path / "plan"
    assert solved(capsys, book, "--out", plan)[0] == 0
    template = tmp_path / "template.xlsx"
    code, _, err = ran(capsys, "export", plan, "--to", "attendance-template", "--out",
                       template)
    assert code == 0, err
    filled = Filled(template)
    filled.activity("a1")["held"].value = "maybe"
    a4 = filled.activity("a4")
    a4["end"].value = a4["start"].value - timedelta(hours=1)
    filled.seat("a1", "v1")["volunteer_id"].value = "v9"
    filled.seat("a3", "v2")["status"].value = "早退"
    filled.seat("a3", "v2")["hours"].value = None
    filled.seat("a3", "v1")["status"].value = None
    actuals = filled.save(tmp_path / "filled.xlsx")
    code, _, err = ran(capsys, "ledger", book, plan, "--actuals", actuals, "--out",
                       tmp_path / "ledger")
    assert code == 1, err
    lines = err.splitlines()
    assert lines[0] == f"{actuals} 中的实际记录有 5 处错误："
    # what each line says the cell should hold: "应为：…", or "应填…" for a blank cell
    expected = [next(g for g in re.search(r"应为：(.*)|：应(填.*)", line).groups() if g)
                for line in lines[1:]]
    start = f"{a4['start'].value:%Y-%m-%d %H:%M}"
    assert sorted(expected) == sorted([
        "以下之一：是（yes）、否（no）、改期（moved）",
        f"晚于开始时间 {start} 的结束时间",
        "工作簿志愿者表中的 volunteer_id",
        "填离开前服务的小时数（“早退” 时必填）",
        "填一个值（此列必填）"]), err
    for line in expected:
        assert not re.search(r"[A-Za-z]{4,}", TYPED.sub("", line)), line


def test_a_must_activity_short_of_people_says_but_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The first-aid workshop (a3) must take place and wants three first-aiders, whom
    only Bo Chen can be: `check` says so with one 但."""
    book = tiny_edited(tmp_path / "book",
                       settings=lambda text: text.replace("language,en", "language,zh"),
                       roles=lambda text: text.replace("a3,first_aid,1,1,1",
                                                       "a3,first_aid,3,3,3"))
    code, out, err = ran(capsys, "check", book)
    assert code == 1, out + err
    conflict = next(line for line in out.splitlines() if "必须举办" in line)
    assert "First aid workshop（a3） 必须举办，但岗位first_aid需要 3 人，能来的志愿者只有 1 位" \
        in conflict, conflict
    assert conflict.count("但") == 1, conflict


def test_a_blank_required_cell_says_what_it_should_hold_as_other_errors_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = chinese_tiny(tmp_path / "book", {"a1": ""})
    code, _, err = ran(capsys, "check", book)
    assert code == 1, err
    assert err.splitlines()[:2] == [
        "工作簿有 1 处错误：",
        "  错误：活动 第 2 行 “预计人数（expected_attendance）” 列：应填一个值（此列必填）"], err
    code, _, err = ran(capsys, "check", book, "--language", "en")
    assert err.splitlines()[1] == ("  error: activities, row 2, column "
                                   "'expected_attendance': a value (this column is required)")


def test_a_sweep_names_its_group_of_scenarios_in_the_language_asked_for() -> None:
    """The summary table's group column and the line of a group some of whose runs
    failed: 情景 in Chinese, ``scenarios`` as the results name it in English; a no-show
    group is 缺席概率 with its probability in Chinese (as the charts name it), and a failed
    run's status 出错."""
    results = pd.DataFrame({"group": ["scenarios", "scenarios", "no-shows p=0.3"],
                            "scenario": ["studio shut", "broken", "no-shows p=0.3 #0"],
                            "status": ["OPTIMAL", "ERROR", "OPTIMAL"],
                            "error": ["", "no gym", ""]})
    summary = pd.DataFrame({"group": ["scenarios", "no-shows p=0.3"],
                            "kpi": ["changed_assignments", "understaffed_share"],
                            "runs": [1, 1], "failed": [1, 0], "total": [2, 1],
                            "mean": [0.0, 0.1], "q05": [0.0, 0.1], "q50": [0.0, 0.1],
                            "q95": [0.0, 0.1]})
    sweep = SweepResult("tiny", results, summary, {})
    chinese = sweep.summary_lines("zh")
    assert any(line.startswith("不完整") and "情景：" in line for line in chinese), chinese
    table = chinese[-1].splitlines()
    assert table[0].split()[0] == "分组", table
    assert [line.split()[:2] for line in table[1:]] == [["情景", "改动的活动安排"],
                                                       ["缺席概率", "p=0.3"]], table
    assert not any("scenarios" in line or "no-shows" in line for line in chinese), chinese
    assert any(line.startswith("失败") and "broken：出错：no gym" in line
               for line in chinese), chinese
    english = sweep.summary_lines("en")
    assert any(line.startswith("partial") and "scenarios:" in line for line in english)
    assert english[-1].splitlines()[1].split()[:2] == ["scenarios", "changed_assignments"]
    assert english[-1].splitlines()[2].split()[:2] == ["no-shows", "p=0.3"]
    assert not any("情景" in line for line in english), english
