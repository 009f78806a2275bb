"""HTML report, parsed back with html.parser: sections, week grids, duty lists, offline,
escaped, printable on A4, in the workbook's language or the one asked for."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from plan_cases import (
    FORMULA_TITLE,
    SCRIPT_NAME,
    hostile_case,
    notes,
    phone_numbers,
    qianjin_case,
    tiny_case,
)
from shared_fields import digits, html_values, network_requests

from matching.export import report_html, report_sections, save_report
from matching.export.html import SECTIONS
from matching.plan import Assignment, Plan, Staffing
from matching.problem import Problem

VOID = {"meta", "br", "img", "link", "input", "hr", "col", "source", "wbr"}
SHORTS = [["2024-03-06 09:30", "Phone class 2", "teach", "1 / 2"]]
WEEKDAYS = {"zh": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
            "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = dataclasses.field(default_factory=list)

    def text(self) -> str:
        return " ".join(" ".join(c.text().split()) if isinstance(c, Node) else " ".join(c.split())
                        for c in self.children).strip()

    def find(self, tag: str, css: str | None = None) -> list[Node]:
        """Descendants with ``tag`` (and class ``css``), in document order."""
        found = []
        for child in self.children:
            if isinstance(child, Node):
                classes = child.attrs.get("class", "").split()
                if child.tag == tag and (css is None or css in classes):
                    found.append(child)
                found += child.find(tag, css)
        return found


class Page(HTMLParser):
    """The page as a tree; checks that tags are balanced and counts tags and ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("", {})
        self.stack = [self.root]
        self.tags: Counter[str] = Counter()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.tags[tag] += 1
        if node.attrs.get("id"):
            self.ids.append(node.attrs["id"])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, (tag, [n.tag for n in self.stack[-3:]])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    assert page.stack == [page.root], "every tag is closed"
    return page


def grid_cells(html: str) -> Counter[tuple[str, str, str, int, str]]:
    """Every entry of the week grids as (week heading, room, row, day column, text)."""
    found: Counter[tuple[str, str, str, int, str]] = Counter()
    for week in parse(html).root.find("div", "week"):
        heading = week.find("h3")[0].text()
        for table in week.find("table", "grid"):
            room = table.find("caption")[0].text()
            for row in table.find("tbody")[0].find("tr"):
                label = row.find("th")[0].text()
                for day, cell in enumerate(row.find("td")):
                    for entry in cell.find("div", "entry"):
                        found[heading, room, label, day, entry.text()] += 1
    return found


def duty_rows(html: str) -> Counter[tuple[str, ...]]:
    """Every row of the duty lists as (name, date, time, activity, room, role)."""
    found: Counter[tuple[str, ...]] = Counter()
    for duty in parse(html).root.find("div", "duty"):
        name = next(c for c in duty.find("h3")[0].children if isinstance(c, str)).strip()
        for row in duty.find("tbody")[0].find("tr"):
            found[(name, *(td.text() for td in row.find("td")))] += 1
    return found


def small_plan() -> tuple[Problem, Plan]:
    """The tiny workbook with a plan written by hand: in the week of 4 March the hall has
    a class on Monday and Wednesday at nine (one row) and a workshop on Tuesday at one,
    the studio a meeting on Monday at ten; the next Monday the hall has a booking at six
    in the evening; one activity is left out."""
    problem, _ = tiny_case()

    def at(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(2024, 3, day, hour, minute)

    plan = Plan(assignments=(
        Assignment("a1", at(4, 9), at(4, 10), "hall"),
        Assignment("a2", at(6, 9, 30), at(6, 10, 30), "hall"),
        Assignment("a3", at(5, 13), at(5, 15), "hall"),
        Assignment("a4", at(4, 10), at(4, 11), "studio"),
        Assignment("b1", at(11, 18), at(11, 20), "hall"),
    ), staffing=(
        Staffing("a1", "teach", "v1"), Staffing("a1", "teach", "v3"),
        Staffing("a2", "teach", "v1"), Staffing("a3", "first_aid", "v2"),
        Staffing("a3", "host", "v1"), Staffing("a4", "host", "v4"),
    ), status="FEASIBLE")
    return problem, plan


def test_week_grid_has_one_table_per_room_and_week_with_the_right_cells() -> None:
    problem, plan = small_plan()
    html = report_sections(problem, plan)["weeks"]
    first, second = "Week 10 · 2024-03-04 to 2024-03-10", "Week 11 · 2024-03-11 to 2024-03-17"
    assert [(w.find("h3")[0].text(), [t.find("caption")[0].text() for t in w.find("table")])
            for w in parse(html).root.find("div", "week")] == [
        (first, ["Hall", "Studio"]), (second, ["Hall"])]
    assert grid_cells(html) == Counter({
        (first, "Hall", "09:00", 0, "09:00–10:00 Phone class 1"): 1,
        (first, "Hall", "09:00", 2, "09:30–10:30 Phone class 2"): 1,
        (first, "Hall", "13:00", 1, "13:00–15:00 First aid workshop"): 1,
        (first, "Studio", "10:00", 0, "10:00–11:00 Welcome meeting"): 1,
        (second, "Hall", "18:00", 0, "18:00–20:00 Choir practice"): 1})
    outside = [[th.attrs.get("class") for th in w.find("thead")[0].find("th")[1:]]
               for w in parse(html).root.find("div", "week")]
    assert outside == [[None] * 7, ["outside"] * 7]  # the tiny plan has one week
    heads = [th.text() for th in parse(html).root.find("thead")[0].find("th")]
    assert heads == ["Time", *(f"{d} 03-{n:02d}" for d, n in zip(WEEKDAYS["en"], range(4, 11),
                                                                 strict=True))]


def test_each_activity_is_in_the_grids_once_on_a_real_week() -> None:
    problem, plan = qianjin_case()
    cells = grid_cells(report_sections(problem, plan)["weeks"])
    assert sum(cells.values()) == len(plan.scheduled)
    rooms = {(a.start.date(), a.room_id) for a in plan.scheduled if a.start}
    tables = parse(report_sections(problem, plan)["weeks"]).root.find("table", "grid")
    assert len(tables) == len({room for _, room in rooms})  # one week: one table per room
    for a in plan.scheduled:
        assert a.start is not None
        title = problem.activity_by_id[a.activity_id].title
        assert any(room == problem.room_by_id[a.room_id or ""].name
                   and label == f"{a.start.hour:02d}:00" and day == a.start.weekday()
                   and text.endswith(title) and text.startswith(f"{a.start:%H:%M}–")
                   for (_, room, label, day, text) in cells), a


@pytest.mark.parametrize("case", [small_plan, qianjin_case])
def test_duty_lists_hold_every_seat_of_the_plan_once(case: object) -> None:
    problem, plan = case()  # type: ignore[operator]
    language = problem.settings.language
    expected: Counter[tuple[str, ...]] = Counter()
    for seat in plan.staffing:
        a = plan.assignment_of[seat.activity_id]
        assert a.start is not None and a.end is not None
        expected[(problem.volunteer_by_id[seat.volunteer_id].name,
                  f"{a.start:%m-%d} {WEEKDAYS[language][a.start.weekday()]}",
                  f"{a.start:%H:%M}–{a.end:%H:%M}",
                  problem.activity_by_id[seat.activity_id].title,
                  problem.room_by_id[a.room_id or ""].name, seat.role)] += 1
    assert duty_rows(report_sections(problem, plan)["duties"]) == expected


def test_volunteers_without_duties_are_listed_apart() -> None:
    problem, plan = small_plan()
    page = parse(report_sections(problem, plan)["duties"]).root
    busy = [d.find("h3")[0].text() for d in page.find("div", "duty")]
    assert [b.split()[0:2] for b in busy] == [["Ann", "Lee"], ["Bo", "Chen"], ["Chen", "Wu"],
                                              ["Dee", "Xu"]]
    assert "Ann Lee staff 3 duty(ies) · 4 h" in busy
    idle = parse(report_sections(problem, dataclasses.replace(plan, staffing=plan.staffing[:1]))
                 ["duties"]).root.find("table", "idle")[0]
    assert [tr.find("td")[0].text() for tr in idle.find("tr")[1:]] == ["Bo Chen", "Chen Wu",
                                                                       "Dee Xu"]


def test_report_has_every_section_and_is_well_formed(tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    path = save_report(problem, plan, tmp_path / "report.html")
    text = path.read_text(encoding="utf-8")
    page = parse(text)
    assert page.ids == list(SECTIONS)
    assert '<meta charset="utf-8">' in text and '<html lang="zh-CN">' in text
    headings = re.findall(r"<h2>(.*?)</h2>", text)
    assert len(headings) == len(SECTIONS) and all(headings), headings  # none left blank
    body = page.root.text()
    assert problem.settings.name in body
    for a in plan.scheduled:
        assert problem.activity_by_id[a.activity_id].title in body
    for v in problem.volunteers:
        assert v.name in body


def test_cover_shows_the_scopes_figures() -> None:
    problem, plan = small_plan()
    cover = parse(report_sections(problem, plan)["cover"]).root
    rows = {tr.find("th")[0].text(): tr.find("td")[0].text()
            for tr in cover.find("table", "figures")[0].find("tr")}
    assert rows == {"Activities (placed / planned)": "4 / 4",
                    "Room bookings (placed / requested)": "1 / 1",
                    "Volunteers mobilised (of the roster)": "4 / 4",
                    "Seats (filled / target)": "6 / 7",
                    "Roles short": "1 role(s), 1 seat(s) short"}
    shorts = [[td.text() for td in tr.find("td")]
              for tr in cover.find("table", "shorts")[0].find("tbody")[0].find("tr")]
    assert shorts == SHORTS


def test_report_works_offline() -> None:
    problem, plan = qianjin_case()
    text = report_html(problem, plan)
    page = parse(text)
    assert network_requests(text) == []
    assert page.tags["script"] == 0 and page.tags["link"] == 0 and page.tags["img"] == 0
    assert "http://" not in text and "https://" not in text and "@import" not in text
    assert "url(" not in text and "@font-face" not in text


def test_report_prints_on_a4() -> None:
    problem, plan = qianjin_case()
    text = report_html(problem, plan)
    assert "@media print" in text and "size: A4" in text and "counter(pages)" in text
    assert "break-before: page" in text and "table-header-group" in text
    assert ".week, .matching-report table.grid { break-inside: avoid" in text


def test_unscheduled_activities_come_with_their_reasons() -> None:
    problem, plan = small_plan()
    left_out = dataclasses.replace(plan, assignments=(
        *plan.assignments[:4], Assignment("b1", reason="no room free")))
    table = parse(report_sections(problem, left_out)["unscheduled"]).root.find("table")[0]
    assert [[td.text() for td in tr.find("td")] for tr in table.find("tbody")[0].find("tr")] \
        == [["b1", "Choir practice", "low", "no room free"]]


def test_chinese_workbook_has_chinese_labels_and_english_on_request() -> None:
    problem, plan = qianjin_case()
    assert problem.settings.language == "zh"
    zh = report_html(problem, plan)
    en = report_html(problem, plan, language="en")
    for words, page in (({"本期概况", "每周场地安排", "志愿者任务单", "岗位", "周一", "未安排"},
                         zh),
                        ({"At a glance", "Week by week, room by room", "Volunteer duty lists",
                          "Role", "Mon", "Unscheduled"}, en)):
        values = set(html_values(page))
        assert words <= values | {w for v in values for w in v.split()}, words - values
    assert '<html lang="zh-CN">' in zh and '<html lang="en">' in en
    assert "At a glance" not in zh and "本期概况" not in en
    with pytest.raises(ValueError, match="language must be one of zh, en"):
        report_html(problem, plan, language="fr")


@pytest.mark.parametrize("case", [qianjin_case, tiny_case])
def test_no_phone_or_note_in_the_public_report(case: object) -> None:
    problem, plan = case()  # type: ignore[operator]
    values = html_values(report_html(problem, plan))
    phones = {digits(p) for p in phone_numbers(problem)}
    assert not [v for v in values if any(p in digits(v) for p in phones)]
    assert not set(notes(problem)) & set(values)


def test_contacts_only_in_the_internal_report() -> None:
    problem, plan = hostile_case()
    public = report_sections(problem, plan)["duties"]
    internal = report_sections(problem, plan, include_contacts=True)["duties"]
    for v in problem.volunteers:
        assert v.phone not in public
        assert v.phone in internal


def test_user_text_is_escaped() -> None:
    problem, plan = hostile_case()
    text = report_html(problem, plan)
    assert SCRIPT_NAME not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    page = parse(text)
    assert page.tags["script"] == 0
    body = page.root.text()
    assert SCRIPT_NAME in body  # shown to the reader as the text it is
    assert FORMULA_TITLE in body


def test_broken_hard_rules_are_listed() -> None:
    problem, plan = qianjin_case()
    seat = plan.staffing[0]
    doubled = dataclasses.replace(plan, staffing=(*plan.staffing, seat))
    fragment = report_sections(problem, doubled)["score"]
    assert 'class="broken"' in fragment
    assert 'class="broken"' not in report_sections(problem, plan)["score"]
    assert 'class="warning"' in report_sections(problem, doubled)["cover"]


def test_an_activity_without_a_room_has_the_last_grid_of_its_week() -> None:
    problem, plan = small_plan()
    roomless = dataclasses.replace(plan, assignments=(
        *plan.assignments[:3], dataclasses.replace(plan.assignments[3], room_id=None),
        plan.assignments[4]))
    week = parse(report_sections(problem, roomless)["weeks"]).root.find("div", "week")[0]
    assert [t.find("caption")[0].text() for t in week.find("table")] == ["Hall", "no room"]
