"""HTML report, parsed back with html.parser: sections, offline, escaped, printable."""

from __future__ import annotations

import dataclasses
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from test_export_fixtures import FORMULA_TITLE, SCRIPT_NAME, hostile_case, qianjin_case

from matching.export import report_html, report_sections, save_report
from matching.export.html import SECTIONS

VOID = {"meta", "br", "img", "link", "input", "hr", "col", "source", "wbr"}


class Page(HTMLParser):
    """Collects tags, ids, text and external references, and checks tags are balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.ids: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        for name in ("src", "href"):
            if values.get(name):
                self.external.append(values[name] or "")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open[-3:])
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    assert page.open == []
    return page


def test_report_has_every_section_and_is_well_formed(tmp_path: Path) -> None:
    problem, plan = qianjin_case()
    path = save_report(problem, plan, tmp_path / "report.html")
    text = path.read_text(encoding="utf-8")
    page = parse(text)
    assert page.ids == list(SECTIONS)
    assert '<meta charset="utf-8">' in text and '<html lang="zh-CN">' in text
    body = "".join(page.text)
    assert problem.settings.name in body
    for a in plan.scheduled:
        assert problem.activity_by_id[a.activity_id].title in body
    for v in problem.volunteers:
        assert v.name in body


def test_report_works_offline() -> None:
    problem, plan = qianjin_case()
    text = report_html(problem, plan)
    page = parse(text)
    assert page.external == []
    assert page.tags["script"] == 0 and page.tags["link"] == 0
    assert "http://" not in text and "https://" not in text and "@import" not in text


def test_report_prints_on_a4() -> None:
    problem, plan = qianjin_case()
    text = report_html(problem, plan)
    assert "@media print" in text and "size: A4" in text
    assert "page-break-before" in text and "table-header-group" in text


def test_timeline_has_a_bar_per_scheduled_activity() -> None:
    problem, plan = qianjin_case()
    fragment = report_sections(problem, plan)["timeline"]
    assert fragment.count('class="bar ') == len(plan.scheduled)


def test_user_text_is_escaped() -> None:
    problem, plan = hostile_case()
    text = report_html(problem, plan)
    assert SCRIPT_NAME not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    page = parse(text)
    assert page.tags["script"] == 0
    body = "".join(page.text)
    assert SCRIPT_NAME in body  # shown to the reader as the text it is
    assert FORMULA_TITLE in body


def test_contacts_only_in_the_internal_report() -> None:
    problem, plan = hostile_case()
    public = report_sections(problem, plan)["roster"]
    internal = report_sections(problem, plan, include_contacts=True)["roster"]
    for v in problem.volunteers:
        assert v.phone not in public
        assert v.phone in internal


def test_broken_hard_rules_are_listed() -> None:
    problem, plan = qianjin_case()
    seat = plan.staffing[0]
    doubled = dataclasses.replace(plan, staffing=(*plan.staffing, seat))
    fragment = report_sections(problem, doubled)["score"]
    assert 'class="broken"' in fragment
    assert 'class="broken"' not in report_sections(problem, plan)["score"]
