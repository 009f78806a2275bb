"""The year-end report and the certificates for a center other than the embedded one
(data/tiny, changed as such a center's workbook would be): what the plan left out is
counted and listed with the plan's reasons; a camp or red classroom the workbook does not
have gets no section; the title names the period it covers; the optional ``center``
setting signs certificates and reports; a count nobody recorded reads "not recorded",
never 0."""

from __future__ import annotations

import csv
import html
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from actuals_helpers import TINY

from matching.actuals import Highlights, Review, read_actuals
from matching.actuals.report import sections
from matching.actuals.review_text import title
from matching.cli import main
from matching.greedy import greedy_plan
from matching.io import load_problem, save_plan


def _center(tmp_path: Path, *, settings: dict[str, str] | None = None,
            activities: dict[str, dict[str, str]] | None = None) -> tuple[Path, Path]:
    """A copy of data/tiny with ``settings`` rows set and ``activities`` cells changed
    (by activity id, then column), and its greedy plan's file."""
    workbook = tmp_path / "center"
    workbook.mkdir()
    for source in TINY.iterdir():
        rows = _rows(source)
        if source.stem == "settings":
            values = {row["key"]: row["value"] for row in rows} | (settings or {})
            rows = [{"key": k, "value": v} for k, v in values.items()]
        if source.stem == "activities":
            rows = [row | (activities or {}).get(row["activity_id"], {}) for row in rows]
        with open(workbook / source.name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    problem = load_problem(workbook)
    return workbook, save_plan(greedy_plan(problem), problem, tmp_path / "plan.json",
                               workbook=workbook)


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _actuals(tmp_path: Path, actuals: str = "activity_id,held,participants\n",
             attendance: str = "activity_id,volunteer_id,status\n") -> Path:
    """A folder of actuals typed as CSV; by default nothing recorded at all."""
    folder = tmp_path / "actuals"
    folder.mkdir(exist_ok=True)
    (folder / "actuals.csv").write_text(actuals, encoding="utf-8")
    (folder / "attendance.csv").write_text(attendance, encoding="utf-8")
    return folder


def _report(workbook: Path, plan: Path, actuals: Path, out: Path, *options: str) -> str:
    """The report written by the command line; for a page, its text as read."""
    assert main(["report", str(workbook), str(plan), "--actuals", str(actuals),
                 "--out", str(out), *options]) == 0
    if out.suffix == ".xlsx":
        return ""
    page = out.read_text(encoding="utf-8")
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


#: a2 needs a piano nobody has; the choir's booking is fixed to the studio, which has no
#: projector (the user's choir room without its sound system)
LEFT_OUT = {"a2": {"equipment": "piano"},
            "b1": {"fixed_room": "studio", "equipment": "projector"}}


def test_what_the_plan_left_out_is_counted_and_listed_with_its_reasons(
        tmp_path: Path) -> None:
    workbook, plan = _center(tmp_path, activities=LEFT_OUT)
    actuals = _actuals(tmp_path)
    text = _report(workbook, plan, actuals, tmp_path / "r.html")
    assert text.count("Asked for 5; planned 3; left out of the plan 2 (activity: 1, "
                      "booking: 1); held as planned 3;") == 1
    assert ("The plan left out 2 of what the workbook asked for (activity: 1, booking: 1)"
            in text)
    assert ("a2 Phone class 2 activity high no room fits: Hall lacks piano; Studio lacks "
            "piano") in text
    assert ("b1 Choir practice booking low no room fits: the activity is fixed to Studio; "
            "Studio lacks projector") in text
    assert "Bookings: 1 asked for, 0 planned, 1 left out of the plan; 0 held" in text
    zh = _report(workbook, plan, actuals, tmp_path / "zh.html", "--language", "zh")
    assert "需安排 5 项，排入计划 3 项，未能排入 2 项（活动 1 项、场地借用 1 项）；" in zh
    assert "场地借用需安排 1 场，排入计划 0 场，未能排入 1 场；" in zh
    _report(workbook, plan, actuals, tmp_path / "zh.xlsx", "--language", "zh")
    book = openpyxl.load_workbook(tmp_path / "zh.xlsx")
    assert book.sheetnames[:3] == ["概述", "计划与实际", "未能排入计划"]
    left = list(book["未能排入计划"].iter_rows(values_only=True))
    assert left[0] == ("活动编号", "活动", "类型", "优先级", "原因")
    assert [row[:4] for row in left[1:]] == [("a2", "Phone class 2", "活动", "高"),
                                             ("b1", "Choir practice", "场地借用", "低")]
    assert left[2][4] == "没有合适的场地：该活动固定在Studio；Studio缺少projector"  # the plan's
    overview = list(book["计划与实际"].iter_rows(values_only=True))
    assert overview[0][:4] == ("类型", "需安排", "计划", "未能排入计划")
    assert [row[:4] for row in overview[1:]] == [
        ("活动", 3, 2, 1), ("会议接待", 1, 1, 0), ("场地借用", 1, 0, 1)]


def test_no_section_on_a_camp_or_red_classroom_the_workbook_does_not_have(
        tmp_path: Path) -> None:
    workbook, plan = _center(tmp_path)
    actuals = _actuals(tmp_path)
    text = _report(workbook, plan, actuals, tmp_path / "r.html")
    for absent in ("Camp and red classroom", "Summer camp", "Red classroom", "camp"):
        assert absent not in text
    _report(workbook, plan, actuals, tmp_path / "r.xlsx")
    assert "Camp and red classroom" not in openpyxl.load_workbook(tmp_path / "r.xlsx"
                                                                  ).sheetnames
    # a center whose first-aid workshops are its red classroom: that section alone
    problem = load_problem(workbook)
    plan_made = greedy_plan(problem)
    review = Review(problem, plan_made, read_actuals(actuals, problem, plan_made),
                    Highlights(red_classroom="First aid"))
    shown = {s.key: s.text for s in sections(review, "en")}
    assert "highlights" not in shown and "camp" not in shown
    assert shown["red_classroom"].startswith("Red classroom: 1 held of 1 planned")


@pytest.mark.parametrize(("first", "last", "zh", "en"), [
    (date(2023, 1, 1), date(2023, 12, 31), "C 2023 年度工作报告（2023-01-01 至 2023-12-31）",
     "C: 2023 in review (from 2023-01-01 to 2023-12-31)"),
    (date(2023, 7, 1), date(2024, 6, 30),
     "C 2023–2024 年度工作报告（2023-07-01 至 2024-06-30）",
     "C: 2023–2024 in review (from 2023-07-01 to 2024-06-30)"),
    (date(2024, 10, 1), date(2024, 12, 31), "C 2024 年四季度工作报告（2024-10-01 至 2024-12-31）",
     "C: review of 2024 Q4 (from 2024-10-01 to 2024-12-31)"),
    (date(2024, 11, 1), date(2025, 1, 31), "C 工作报告（2024-11-01 至 2025-01-31）",
     "C: review (from 2024-11-01 to 2025-01-31)"),  # three months, not a quarter
    (date(2024, 3, 4), date(2024, 3, 10), "C 工作报告（2024-03-04 至 2024-03-10）",
     "C: review (from 2024-03-04 to 2024-03-10)"),
])
def test_the_title_names_the_period(first: date, last: date, zh: str, en: str) -> None:
    assert (title("C", first, last, "zh"), title("C", first, last, "en")) == (zh, en)


def test_a_quarter_s_report_is_no_year_in_review(tmp_path: Path) -> None:
    workbook, plan = _center(tmp_path, settings={"horizon_start": "2024-01-01",
                                                 "horizon_end": "2024-03-31"})
    out = tmp_path / "r.html"
    text = _report(workbook, plan, _actuals(tmp_path), out, "--language", "zh")
    page = out.read_text(encoding="utf-8")
    name = "Tiny test center 2024 年一季度工作报告（2024-01-01 至 2024-03-31）"
    assert f"<title>{name}</title>" in page and f"<h1>{name}</h1>" in page
    assert "年度" not in text


def test_the_center_setting_signs_certificates_and_reports(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook, plan = _center(tmp_path, settings={"name": "Tiny test center 2024 Q1",
                                                 "center": "Harmony Street Center"})
    assert load_problem(workbook).settings.center == "Harmony Street Center"
    assert main(["check", str(workbook)]) == 0
    assert "got 'center'" not in capsys.readouterr().out  # a setting it knows
    actuals = _actuals(tmp_path)
    assert main(["ledger", str(workbook), str(plan), "--actuals", str(actuals),
                 "--out", str(tmp_path / "ledger")]) == 0
    certificates = (tmp_path / "ledger" / "certificates.html").read_text(encoding="utf-8")
    assert "at Harmony Street Center, from 2024-03-04 to 2024-03-10." in certificates
    assert '<p class="issuer">Harmony Street Center</p>' in certificates
    assert "2024 Q1" not in certificates
    text = _report(workbook, plan, actuals, tmp_path / "r.html")
    assert text.strip().startswith("Harmony Street Center: review (from 2024-03-04")


def test_without_the_center_setting_the_workbook_s_name_signs(tmp_path: Path) -> None:
    workbook, plan = _center(tmp_path)
    assert load_problem(workbook).settings.center == ""
    assert main(["ledger", str(workbook), str(plan), "--actuals", str(_actuals(tmp_path)),
                 "--out", str(tmp_path / "ledger")]) == 0
    certificates = (tmp_path / "ledger" / "certificates.html").read_text(encoding="utf-8")
    assert '<p class="issuer">Tiny test center</p>' in certificates


def test_participants_nobody_recorded_are_not_recorded_rather_than_0(
        tmp_path: Path) -> None:
    """The template leaves ``participants`` blank: a coordinator who fills in nothing
    else has held every activity with nobody counted, not with nobody there."""
    workbook, plan = _center(tmp_path)
    actuals = _actuals(tmp_path)
    text = _report(workbook, plan, actuals, tmp_path / "r.html")
    assert "3 activities held of 3 planned (participants not recorded)" in text
    assert "2024 Q1: 3 activities planned, 3 held, participants not recorded," in text
    assert "1 held (0 cancelled), participants not recorded;" in text  # the choir's booking
    assert "0 participants" not in text
    assert "no attendance was recorded: the hours are as planned, the no-shows unknown" \
        in text
    zh = _report(workbook, plan, actuals, tmp_path / "zh.html", "--language", "zh")
    assert "参与居民人次未记录" in zh and "服务居民人次未记录" in zh and "0 人次" not in zh
    _report(workbook, plan, actuals, tmp_path / "zh.xlsx", "--language", "zh")
    quarters = list(openpyxl.load_workbook(tmp_path / "zh.xlsx")["按季度"].iter_rows(
        values_only=True))
    assert quarters[1][3] == "未记录" and quarters[1][5] == "未记录"


def test_some_participants_recorded_count_those_and_say_so(tmp_path: Path) -> None:
    workbook, plan = _center(tmp_path)
    actuals = _actuals(tmp_path, "activity_id,held,participants\na1,yes,7\na3,no,12\n")
    text = _report(workbook, plan, actuals, tmp_path / "r.html")
    # a3 was cancelled: the 12 typed for it count nowhere
    assert "2 activities held of 3 planned (7 participants)" in text
    assert ("3 held without a count of participants: the participants given are those "
            "recorded.") in text
    assert main(["ledger", str(workbook), str(plan), "--actuals", str(actuals),
                 "--out", str(tmp_path / "ledger")]) == 0
    by_quarter = list(openpyxl.load_workbook(tmp_path / "ledger" / "ledger.xlsx")[
        "By quarter"].iter_rows(values_only=True))
    assert by_quarter[0][3] == "Participants" and by_quarter[1][3] == 7
    # activities of every kind held: "Activities worked" is a person's count, and the
    # report's "Held" counts activities alone
    assert by_quarter[0][1] == "Held (all kinds)"


def test_a_ledger_quarter_without_counts_says_not_recorded(tmp_path: Path) -> None:
    workbook, plan = _center(tmp_path)
    actuals = _actuals(tmp_path, "activity_id,held,participants\na3,no,12\n")
    assert main(["ledger", str(workbook), str(plan), "--actuals", str(actuals),
                 "--out", str(tmp_path / "ledger")]) == 0
    by_quarter = list(openpyxl.load_workbook(tmp_path / "ledger" / "ledger.xlsx")[
        "By quarter"].iter_rows(values_only=True))
    assert by_quarter[1][3] == "not recorded"
