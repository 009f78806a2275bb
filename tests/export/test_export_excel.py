"""Excel export, read back with openpyxl: sheets, layout, Chinese text, no formulas."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from plan_cases import (
    FORMULA_TITLE,
    SCRIPT_NAME,
    formula_free_texts,
    hostile_case,
    qianjin_case,
)

from matching.evaluate import evaluate
from matching.export import save_excel, sheets
from matching.export.labels import label, rule_name
from matching.i18n import text

KEYS = ("overview", "by_day", "by_room", "by_volunteer", "roster", "unscheduled", "score")


@pytest.fixture(scope="module")
def qianjin_book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    problem, plan = qianjin_case()
    path = save_excel(problem, plan, tmp_path_factory.mktemp("xlsx") / "plan.xlsx")
    return openpyxl.load_workbook(path)


def test_sheets_are_named_in_the_workbook_language(qianjin_book: openpyxl.Workbook) -> None:
    assert qianjin_book.sheetnames == [label(k, "zh") for k in KEYS]


def test_every_scheduled_activity_is_in_the_by_day_sheet(
        qianjin_book: openpyxl.Workbook) -> None:
    problem, plan = qianjin_case()
    sheet = qianjin_book[label("by_day", "zh")]
    header = [c.value for c in sheet[1]]
    titles = [row[header.index(label("title", "zh"))]
              for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == sorted(problem.activity_by_id[a.activity_id].title
                                    for a in plan.scheduled)
    assert any("小候鸟夏令营" in t for t in titles)  # Chinese text intact
    first = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))
    assert isinstance(first[header.index(label("date", "zh"))], datetime)


def test_layout_freezes_headers_and_prints_on_a4_landscape(
        qianjin_book: openpyxl.Workbook) -> None:
    for sheet in qianjin_book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(sheet.page_setup.fitToWidth) == 1
        assert all(c.font.bold for c in sheet[1])
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and all(6 <= w <= 60 for w in widths)


def test_overview_holds_status_and_key_figures(qianjin_book: openpyxl.Workbook) -> None:
    problem, plan = qianjin_case()
    rows = dict(qianjin_book[label("overview", "zh")].iter_rows(min_row=2, values_only=True))
    assert rows[label("solver_status", "zh")] == text(f"solver.{plan.status}", "zh")
    assert rows[text("kpi.activities_scheduled", "zh")] == len(plan.scheduled)
    assert rows[text("kpi.hard_violations", "zh")] == 0
    s = problem.settings
    assert rows[label("horizon", "zh")] == f"{s.horizon_start} 至 {s.horizon_end} (Asia/Shanghai)"


def test_score_sheet_matches_the_evaluator(qianjin_book: openpyxl.Workbook) -> None:
    problem, plan = qianjin_case()
    table = evaluate(problem, plan).table()
    rows = list(qianjin_book[label("score", "zh")].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [rule_name(c, "zh") for c in table["constraint"]]
    assert rows[0][:2] == ("未知编号", "硬约束")
    assert [r[4] for r in rows] == list(table["penalty"])


def test_unscheduled_sheet_gives_reasons() -> None:
    problem, plan = qianjin_case()
    dropped = plan.assignments[0]
    edited = type(plan)(tuple(
        type(dropped)(dropped.activity_id, reason="rooms taken") if a is dropped else a
        for a in plan.assignments), tuple(s for s in plan.staffing
                                          if s.activity_id != dropped.activity_id))
    frame = sheets(problem, edited)["unscheduled"]
    assert list(frame["activity_id"]) == [dropped.activity_id]
    assert list(frame["reason"]) == ["rooms taken"]


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    problem, plan = hostile_case()
    values = formula_free_texts(save_excel(problem, plan, tmp_path / "plan.xlsx"))
    assert FORMULA_TITLE in values
    assert SCRIPT_NAME in values
    assert "@SUM(1,2)" in values and "+rescue" in values and "-2+3" in values
