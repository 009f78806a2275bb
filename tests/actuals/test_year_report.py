"""The year-end report on the embedded actuals: it renders in the workbook's Chinese and
in English on request, asks for nothing over the network, and shows figures that this
test recomputes from the actuals tables on its own; bad input writes nothing."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import DATA

from matching.actuals.example import MUIFA, RAINSTORM, Story
from matching.actuals.labels import center
from matching.actuals.review_text import title
from matching.actuals.svg import bars
from matching.cli import main
from matching.greedy import greedy_plan
from matching.io import load_problem, save_plan

EXAMPLE = DATA / "qianjin-2023-actuals"
WORKBOOK = DATA / "qianjin-2023"


def _report(out: Path, *options: str, actuals: Path = EXAMPLE) -> int:
    return main(["report", str(WORKBOOK), str(EXAMPLE / "plan.json"), "--actuals",
                 str(actuals), "--out", str(out), *options])


def _text(page: str) -> str:
    """The page as a reader sees it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _by_hand() -> dict[str, float]:
    """Figures straight from the CSV tables and the workbook's activities, without
    the package: what the report must say."""
    actuals = pd.read_csv(EXAMPLE / "actuals.csv", dtype=str, keep_default_na=False)
    attendance = pd.read_csv(EXAMPLE / "attendance.csv", dtype=str, keep_default_na=False)
    activities = pd.read_csv(WORKBOOK / "activities.csv", dtype=str, keep_default_na=False
                             ).set_index("activity_id")
    held = actuals[actuals["held"] != "否"]
    kind = held["activity_id"].map(activities["kind"])
    camp = held[held["activity_id"].map(activities["series_id"]) == "S-CAMP"]
    q1 = held[(kind == "activity") & (held["start"] < "2023-04-01")]
    bookings = held[kind == "booking"]
    length = {row.activity_id: (datetime.fromisoformat(row.end)
                                - datetime.fromisoformat(row.start)).total_seconds() / 3600
              for row in held.itertuples()}
    served = attendance[attendance["status"] != "缺席"]
    hours = sum(float(h) if h else length[a]
                for a, h in zip(served["activity_id"], served["hours"], strict=True))
    return {"q1": len(q1), "bookings": len(bookings),
            "booking_residents": sum(int(n) for n in bookings["participants"]),
            "hours": hours, "camp": len(camp),
            "camp_residents": sum(int(n) for n in camp["participants"])}


def test_the_report_shows_the_figures_of_the_actuals(tmp_path: Path) -> None:
    assert _report(tmp_path / "report.html") == 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page
    text = _text(page)
    figures = _by_hand()
    assert figures == {"q1": 22, "bookings": 201, "booking_residents": 4383,
                       "hours": 1049.5, "camp": 23, "camp_residents": 644
                       }  # pinned so that a change of the example shows
    assert f"2023 年一季度 {figures['q1']} 场" in text
    assert (f"场地借用需安排 210 场，排入计划 210 场，未能排入 0 场；实际举办 "
            f"{figures['bookings']} 场（取消 9 场），服务居民 {figures['booking_residents']} "
            "人次") in text
    assert f"共 {figures['hours']:g} 小时" in text
    assert ("需安排 343 项，排入计划 343 项，未能排入 0 项；按计划举办 322 项，"
            "改期 9 项（原因：下雨，改在室内举行 3 项；主讲人临时有事，顺延一周 3 项；"
            "与街道会议冲突，顺延一周 2 项；"
            f"{Story().closures[1].postponed} 1 项），取消 12 项（原因：借用方临时取消 4 项；"
            f"{RAINSTORM.reason} 4 项；{MUIFA.reason} 2 项；报名人数不足，取消 1 项；"
            "授课老师临时有事，取消 1 项）。") in text
    assert "红色课堂计划 10 场，实际举办 9 场（取消 1 场）" in text
    assert (f"暑期夏令营计划 24 场，实际举办 {figures['camp']} 场（取消 1 场），参与 "
            f"{figures['camp_residents']} 人次；合作单位：春泥计划。") in text
    assert page.count("<svg") == 3


@pytest.mark.slow
def test_the_camp_and_the_typhoon_in_the_report(tmp_path: Path) -> None:
    """The summer camp's sessions held, recomputed from the actuals file alone (camp
    sessions are titled 小候鸟夏令营), are the report's; the typhoon's closure is given as
    the reason of what was cancelled and postponed on its days, in both languages."""
    actuals = pd.read_csv(EXAMPLE / "actuals.csv", dtype=str, keep_default_na=False)
    sessions = actuals[actuals["title"].str.startswith("小候鸟夏令营")]
    held = sessions[sessions["held"] != "否"]
    assert set(held["start"].str[:7]) == {"2023-07", "2023-08"}
    assert _report(tmp_path / "report.xlsx") == 0
    book = openpyxl.load_workbook(tmp_path / "report.xlsx")
    rows = {row[0]: row for row in book["夏令营与红色课堂"].iter_rows(values_only=True)}
    assert rows["项目"][:6] == ("项目", "计划", "未能排入计划", "实际举办", "取消", "参与人次")
    assert rows["暑期夏令营"][1:6] == (len(sessions), 0, len(held), len(sessions) - len(held),
                                    sum(int(n) for n in held["participants"]))
    assert _report(tmp_path / "report.html", "--language", "en") == 0
    text = _text((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert (f"Summer camp: {len(held)} held of {len(sessions)} planned (1 cancelled), "
            f"{sum(int(n) for n in held['participants'])} participants") in text
    assert f"{MUIFA.reason} 2" in text and f"{Story().closures[1].postponed} 1" in text


@pytest.mark.slow
def test_in_english_on_request_and_offline(tmp_path: Path) -> None:
    assert _report(tmp_path / "report.html", "--language", "en") == 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    text = _text(page)
    assert (f"Bookings: 210 asked for, 210 planned, 0 left out of the plan; "
            f"{_by_hand()['bookings']} held (9 cancelled)") in text
    assert "Red classroom: 9 held of 10 planned (1 cancelled)" in text
    # the teams' no-show rates as percentages, each as the sentence gives the whole
    rates = re.findall(r"<th>No-show rate</th>", page)
    assert len(rates) == 1
    cells = re.findall(r"<td>(\d+(?:\.\d+)?%?)</td></tr>", page.split("No-show rate")[-1])
    assert cells and all(c.endswith("%") for c in cells), cells
    assert not re.search(r"(?:src|href)\s*=", page, re.IGNORECASE)
    for outside in ("http://", "https://", "<script", "<link", "<img", "url(", "@import"):
        assert outside not in page


def test_the_workbook_holds_the_same_figures(tmp_path: Path) -> None:
    assert _report(tmp_path / "report.xlsx") == 0
    book = openpyxl.load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames == ["概述", "计划与实际", "主题活动", "按季度", "场地共享与会议接待",
                               "夏令营与红色课堂", "志愿服务"]
    quarters = list(book["按季度"].iter_rows(values_only=True))
    assert quarters[0][:3] == ("季度", "计划", "实际举办")
    assert quarters[1][:3] == ("2023 年一季度", 23, _by_hand()["q1"])
    assert [row[0] for row in quarters[1:]] == [f"2023 年{n}季度" for n in "一二三四"]
    teams = list(book["志愿服务"].iter_rows(values_only=True))
    hours = teams[0].index("志愿服务时长（小时）")
    assert sum(row[hours] for row in teams[1:]) == pytest.approx(_by_hand()["hours"])
    # the busiest team first, in the table as in its chart (not the ledger's order)
    served = [row[hours] for row in teams[1:]]
    assert served == sorted(served, reverse=True)
    # the no-show rate stays a number, shown as a percentage (not 0.075)
    rate = teams[0].index("缺席率") + 1
    cells = list(book["志愿服务"].iter_rows(min_row=2, min_col=rate, max_col=rate))
    assert cells and all(isinstance(c.value, int | float) and c.number_format == "0.0%"
                         for (c,) in cells)
    bookings = list(book["场地共享与会议接待"].iter_rows(values_only=True))
    assert bookings[0] == ("季度", "场地借用场次", "场地借用服务人次")
    assert [sum(column) for column in zip(*(row[1:] for row in bookings[1:]), strict=True)
            ] == [_by_hand()["bookings"], _by_hand()["booking_residents"]]
    summary = [row[1] for row in book["概述"].iter_rows(min_row=2, values_only=True)]
    assert summary[0].startswith("需安排 343 项，排入计划 343 项，未能排入 0 项；")


def test_bad_input_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                  ) -> None:
    assert _report(tmp_path / "report.pdf") == 2
    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLE, broken)
    with open(broken / "actuals.csv", "a", encoding="utf-8") as fh:
        fh.write("ZZ-01,,是,,,,,\n")
    assert _report(tmp_path / "report.html", "--language", "en", actuals=broken) == 1
    assert "got 'ZZ-01'; an activity of the plan" in capsys.readouterr().err
    assert _report(tmp_path / "report.html", actuals=broken) == 1  # the workbook's language
    assert f"{broken} 中的实际记录有 1 处错误：" in capsys.readouterr().err
    assert not (tmp_path / "report.html").exists()


def test_a_phone_in_a_reason_is_refused(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The notes of cancelled activities are quoted as reasons: a volunteer's phone
    number typed there must not reach the shared report."""
    leaky = tmp_path / "leaky"
    shutil.copytree(EXAMPLE, leaky)
    actuals = (leaky / "actuals.csv").read_text(encoding="utf-8")
    (leaky / "actuals.csv").write_text(
        actuals.replace("借用方临时取消", "借用方取消，联系 138-0000-0001", 1), encoding="utf-8")
    assert _report(tmp_path / "report.html", actuals=leaky) == 1  # the workbook's language
    assert capsys.readouterr().err.startswith("错误：公开文件中有个人信息：志愿者 V001 的电话号码")
    for name in ("report.html", "report.xlsx"):
        assert _report(tmp_path / name, "--language", "en", actuals=leaky) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: personal data in a public output: ")
        assert "the phone number of volunteer V001 (report" in err
        assert "quoted as the reason it was cancelled" in err
        assert "138-0000-0001" not in err
        assert not (tmp_path / name).exists()


def test_a_contact_s_phone_in_a_reason_is_refused_and_the_activity_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A note names a contact nobody's phone column holds ("parents called, Li 137 0000
    1234"): the report quotes notes as reasons, so it is refused all the same, naming
    the activity whose note to change."""
    leaky = tmp_path / "leaky"
    shutil.copytree(EXAMPLE, leaky)
    actuals = (leaky / "actuals.csv").read_text(encoding="utf-8")
    (leaky / "actuals.csv").write_text(
        actuals.replace("借用方临时取消", "借用方取消，联系人李老师 137 0000 1234", 1),
        encoding="utf-8")
    assert _report(tmp_path / "report.html", "--language", "en", actuals=leaky) == 1
    err = capsys.readouterr().err
    assert "a phone number (report.html: the note on " in err
    assert "quoted as the reason it was cancelled" in err
    assert "1234" not in err and not (tmp_path / "report.html").exists()


def test_a_phone_from_a_volunteer_s_notes_in_a_reason_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The coordinator copies the spare phone that Bo's notes give into the reason for a
    cancellation: a phone number of Bo's all the same, kept out of the shared report."""
    workbook = tmp_path / "tiny"
    shutil.copytree(DATA / "tiny", workbook)
    volunteers = (workbook / "volunteers.csv").read_text(encoding="utf-8")
    (workbook / "volunteers.csv").write_text(
        volunteers.replace("at most 3 hours a week", "spare phone 137-5555-0002"),
        encoding="utf-8")
    problem = load_problem(workbook)
    plan = save_plan(greedy_plan(problem), problem, tmp_path / "plan.json", workbook=workbook)
    actuals = tmp_path / "act"
    actuals.mkdir()
    (actuals / "actuals.csv").write_text(
        "activity_id,held,note\na4,no,Bo ill - spare phone 137-5555-0002\n", encoding="utf-8")
    (actuals / "attendance.csv").write_text("activity_id,volunteer_id,status\n",
                                            encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", str(workbook), str(plan), "--actuals", str(actuals),
                 "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "the phone number of volunteer v2" in err and "5555" not in err
    assert not out.exists()


def test_bars_escape_and_scale() -> None:
    svg = bars("<b>", ["a&b", "c"], [("plan", [2, 4]), ("held", [1, 0])])
    assert "&lt;b&gt;" in svg and "a&amp;b" in svg and "<b>" not in svg
    widths = [float(w) for w in re.findall(r'<rect x="190" y="\d+" width="([\d.]+)"', svg)]
    assert widths == [195.0, 97.5, 390.0, 0.0, 10.0]  # 4 is the longest; a legend
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        bars("t", ["a", "b", "c"], [("plan", [1, 2])])


@pytest.mark.parametrize("suffix", [".html", ".xlsx"])
@pytest.mark.slow
def test_a_report_is_written_again_over_itself_but_not_over_a_file_it_did_not_make(
        tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"report{suffix}"
    assert _report(out) == 0 and _report(out) == 0  # the yearly routine, run again
    notes = tmp_path / f"notes{suffix}"
    notes.write_bytes(b"mine")
    assert _report(notes) == 2 and notes.read_bytes() == b"mine"
    assert _report(notes, "--force") == 0 and notes.read_bytes() != b"mine"


def test_the_embedded_center_signs_its_reports_without_the_year_of_its_workbook() -> None:
    """The workbook is named 前进街道党群服务中心 2023; a quarter's report was titled
    "前进街道党群服务中心 2023 2023 年一季度工作报告" until its ``center`` setting was set."""
    settings = load_problem(WORKBOOK).settings
    assert title(center(settings), date(2023, 1, 1), date(2023, 3, 31), "zh") == (
        "前进街道党群服务中心 2023 年一季度工作报告（2023-01-01 至 2023-03-31）")


@pytest.mark.parametrize(("name", "signed"), [
    ("和睦街道党群服务中心 2024年第四季度", "和睦街道党群服务中心"),
    ("Lakeside Community Center 2025 Q2", "Lakeside Community Center"),
    ("Center No. 5", "Center No. 5"),
    ("2024 plan", "2024 plan"),  # nothing before the year: the name as it is
    ("和睦中心（2024年第四季度）", "和睦中心"),
    ("Harmony Center (2024 Q4)", "Harmony Center"),
    ("Harmony Center – 2023–2024", "Harmony Center"),
    ("和睦中心·2024", "和睦中心"),
    ("和睦中心 热线0571-2088 1234", "和睦中心 热线0571-2088 1234"),  # a phone, no year
])
def test_without_a_center_setting_reports_sign_the_name_up_to_its_year(
        name: str, signed: str) -> None:
    """A quarter's report of 和睦街道党群服务中心 2024年第四季度 was titled "… 2024年第四季度
    2024 年四季度工作报告"; the year's would say its year twice too."""
    settings = dataclasses.replace(load_problem(WORKBOOK).settings, name=name, center="")
    assert center(settings) == signed
