"""Everything a coordinator reads is in the workbook's language.

For the Chinese workbook, the app (every string of its widget tree and its charts), the
Excel export, the HTML report and the findings and reasons are rendered for a quarter's
plan that breaks rules and leaves activities out, and no English identifier may show
except inside a proper name the workbook provides or a word of :data:`ALLOWED`. In
English, no Chinese word of the toolkit's own may show.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest

pytest.importorskip("ipydatagrid")
import ipywidgets as widgets

from matching import analysis, explain, load_problem
from matching.evaluate import Score, evaluate
from matching.export import report_html, save_excel
from matching.greedy import greedy_plan
from matching.plan import Assignment, Plan, Staffing
from matching.problem import Problem
from matching.problem.select import quarters, restrict
from matching.ui import PlannerApp

DATA = Path(__file__).resolve().parents[2] / "data"
#: What may look like an English identifier in Chinese: the language switch names
#: English in English, and a path's file type is typed as it is.
ALLOWED = frozenset({"English", "xlsx"})
IDENTIFIER = re.compile(r"[a-z_]{4,}")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: The one Chinese word English mode shows: the language switch names Chinese in Chinese.
CHINESE_SWITCH = "中文"


class _Visible(HTMLParser):
    """Text a browser shows: text nodes outside style and script, and tooltips."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("style", "script")
        self.texts += [value for name, value in attrs if name == "title" and value]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.texts.append(data.strip())


def visible(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return parser.texts


def figure_texts(spec: dict[str, Any]) -> list[str]:
    """Titles, axis titles, range buttons, notes, legend entries and hover texts (without
    their ``%{...}`` fields) of a plotly figure."""
    layout = spec.get("layout", {})
    out = [layout.get("title", {}).get("text", "")]
    for axis in ("xaxis", "yaxis"):
        out.append(layout.get(axis, {}).get("title", {}).get("text", ""))
        out += [b["label"] for b in layout.get(axis, {}).get("rangeselector", {})
                .get("buttons", [])]
    out += [note.get("text", "") for note in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        out.append(trace.get("name", ""))
        out += visible(re.sub(r"%\{[^}]*\}|<extra></extra>", "",
                              trace.get("hovertemplate", "")))
    return [t for t in out if t]


def widget_texts(widget: widgets.Widget) -> list[str]:
    """Every string the widget tree shows: descriptions, placeholders, tooltips, option
    labels, tab titles, text values (HTML as a browser shows it) and charts. The data
    grid is left out: it shows the workbook's own cells and column names."""
    out = [getattr(widget, name) for name in ("description", "placeholder", "tooltip")
           if getattr(widget, name, None)]
    if hasattr(widget, "_options_labels"):
        out += list(widget._options_labels)
    elif isinstance(getattr(widget, "value", None), str):
        out += visible(widget.value) if isinstance(widget, widgets.HTML) else [widget.value]
    out += [t for t in getattr(widget, "titles", ()) or () if t]
    if isinstance(widget, widgets.Output):
        out += [t for o in widget.outputs
                for t in figure_texts(o["data"]["application/vnd.plotly.v1+json"])]
    children = list(getattr(widget, "children", ()) or ())
    if isinstance(widget, widgets.AppLayout):
        children = [widget.header, widget.left_sidebar, widget.center, widget.footer]
    return out + [t for child in children if child is not None for t in widget_texts(child)]


def workbook_texts(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [sheet.title for sheet in book.worksheets] + [
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows()
        for cell in row if cell.value is not None]


def proper_names(problem: Problem, *more: str) -> list[str]:
    """Every text the workbook provides (ids, titles, names, tags, settings), longest
    first; enumerated values (priorities, kinds, age bands) are not among them."""
    s = problem.settings
    names = {s.name, s.timezone, s.holidays, *more}
    for t in problem.themes:
        names |= {t.theme_id, t.name, t.description}
    for r in problem.rooms:
        names |= {r.room_id, r.name, r.site, *r.equipment}
    for v in problem.volunteers:
        names |= {v.volunteer_id, v.name, v.team, *v.skills}
    for a in problem.activities:
        names |= {a.activity_id, a.title, a.theme_id or "", a.series_id or "", a.partner,
                  *a.cohort, *a.equipment}
    names |= {r.role for r in problem.roles} | {c.reason for c in problem.closures}
    names |= {p.target for p in problem.preferences}
    return sorted((n for n in names if n), key=len, reverse=True)


#: A column's name beside its word, ``时长（分钟，duration_minutes）``: what the grid's header
#: and the file show, said beside the word so that it can be found there.
LABELLED_NAME = re.compile(r"(?<=[（，])[a-z_]+(?=）)")


def stray_identifiers(texts: list[str], names: list[str]) -> dict[str, str]:
    """Identifiers outside every proper name, :data:`ALLOWED` and a word's bracket
    (:data:`LABELLED_NAME`), each with a text showing it."""
    stray: dict[str, str] = {}
    for text in texts:
        covered = [(m.start(), m.end()) for name in [*names, *ALLOWED] if name in text
                   for m in re.finditer(re.escape(name), text)]
        covered += [(m.start(), m.end()) for m in LABELLED_NAME.finditer(text)]
        for word in IDENTIFIER.finditer(text):
            if not any(a <= word.start() and word.end() <= b for a, b in covered):
                stray.setdefault(word.group(), text)
    return stray


def toolkit_chinese(texts: list[str], names: list[str]) -> list[str]:
    """Texts with Chinese that is not a proper name of the workbook (nor the switch)."""
    found = []
    for text in texts:
        rest = text
        for name in [*names, CHINESE_SWITCH]:
            rest = rest.replace(name, "")
        if CJK.search(rest):
            found.append(text)
    return found


def broken_plan(problem: Problem) -> tuple[Plan, Score]:
    """The greedy plan with two activities left out, one moved a day out of its window
    and a seat for a volunteer without the skill and for an unknown one: reasons, hard
    findings and costs of most kinds, annotated as the solver annotates its plans."""
    plan = greedy_plan(problem)
    scheduled = [a.activity_id for a in plan.scheduled]
    left_out, moved = scheduled[:2], scheduled[2]
    crowded = next(a for a in scheduled[3:] if problem.roles_of[a])
    rows = [Assignment(a.activity_id) if a.activity_id in left_out else a
            for a in plan.assignments]
    rows = [dataclasses.replace(a, start=a.start + timedelta(days=1),
                                end=a.end + timedelta(days=1))
            if a.activity_id == moved and a.start and a.end else a for a in rows]
    role = problem.roles_of[crowded][0].role
    lacking = next(v.volunteer_id for v in problem.volunteers if role not in v.skills)
    staff = [s for s in plan.staffing if s.activity_id not in left_out]
    staff += [Staffing(crowded, role, lacking), Staffing(crowded, role, "V999")]
    annotated = explain.annotate(problem, Plan(tuple(rows), tuple(staff), "FEASIBLE"))
    score = evaluate(problem, annotated)
    return dataclasses.replace(annotated, objective=score.tiers), score


def shown_app(workbook: Path, scope: str, plan: Plan, monkeypatch: pytest.MonkeyPatch
              ) -> PlannerApp:
    """The app after a solve that returns ``plan``, with the first left-out activity
    chosen and the candidates of its first role ranked."""
    app = PlannerApp(workbook, scope=scope, workers=1)
    monkeypatch.setattr("matching.ui.runner.solve", lambda *args, **kwargs: plan)
    app.controls.solve_button.click()
    assert app.wait(30) and app.state.status == "solved", app.state.message
    left_out = next(a.activity_id for a in plan.assignments if a.start is None)
    app.inspector.activity.value = left_out
    app.inspector.role.value = app.inspector.role.options[0]
    app.inspector.rank_button.click()
    assert app.inspector.last_candidates is not None
    return app


@pytest.fixture(scope="module")
def quarter() -> tuple[Problem, Problem, Plan, Score]:
    """The Chinese workbook, its third quarter and a broken plan for the quarter."""
    workbook = load_problem(DATA / "qianjin-2023")
    assert workbook.settings.language == "zh"
    _, first, last = next(q for q in quarters(workbook) if q[0] == "2023Q3")
    problem = restrict(workbook, start=first, end=last)
    plan, score = broken_plan(problem)
    return workbook, problem, plan, score


def test_the_broken_plan_exercises_findings_and_reasons(
        quarter: tuple[Problem, Problem, Plan, Score]) -> None:
    _, _, plan, score = quarter
    found = {f.constraint for f in score.findings}
    assert {"unknown_id", "window", "volunteer_skill", "priority_high", "staffing",
            "preference", "use_everyone", "room_fit"} <= found
    assert sum(1 for a in plan.assignments if a.start is None and a.why) == 2


@pytest.mark.slow
def test_chinese_workbook_shows_no_english_identifiers(
        quarter: tuple[Problem, Problem, Plan, Score], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    workbook, problem, plan, score = quarter
    app = shown_app(DATA / "qianjin-2023", "2023Q3", plan, monkeypatch)
    names = proper_names(workbook, str(DATA / "qianjin-2023"),
                         problem.fingerprint[:16], plan.meta.get("fingerprint", "")[:16])
    role = app.inspector.role.value
    texts = {
        "app": widget_texts(app.layout),
        "xlsx": workbook_texts(save_excel(problem, plan, tmp_path / "plan.xlsx")),
        "html": visible(report_html(problem, plan)),
        "findings": [f.text("zh") for f in score.findings],
        "reasons": [a.reason_in("zh") for a in plan.assignments],
        "candidates": list(analysis.candidates(problem, plan, app.inspector.activity.value,
                                               role, "zh")["detail"]),
    }
    assert all(texts.values())
    for kind, values in texts.items():
        assert stray_identifiers(values, names) == {}, kind
    # the checker itself finds what it is meant to find
    assert stray_identifiers(["优先级 high", "活动 Activity", "时长（分钟，duration_minutes）"],
                             names) == {"high": "优先级 high", "ctivity": "活动 Activity"}
    assert stray_identifiers([f"{problem.rooms[0].name}：{problem.rooms[0].room_id}"],
                             names) == {}


@pytest.mark.slow
def test_english_mode_shows_no_chinese_placeholders(
        quarter: tuple[Problem, Problem, Plan, Score], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    workbook, _, plan, _ = quarter
    app = shown_app(DATA / "qianjin-2023", "2023Q3", plan, monkeypatch)
    app.controls.language.value = "en"
    texts = widget_texts(app.layout)
    assert "Solve" in texts and "（无）" not in "".join(texts)
    assert toolkit_chinese(texts, proper_names(workbook)) == []


@pytest.mark.slow
def test_english_workbook_is_english_throughout(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    problem = load_problem(DATA / "tiny")
    assert problem.settings.language == "en"
    plan, score = broken_plan(problem)
    app = shown_app(DATA / "tiny", "2024Q1", plan, monkeypatch)
    texts = [*widget_texts(app.layout),
             *workbook_texts(save_excel(problem, plan, tmp_path / "plan.xlsx")),
             *visible(report_html(problem, plan)),
             *(f.text("en") for f in score.findings),
             *(a.reason_in("en") for a in plan.assignments)]
    assert toolkit_chinese(texts, proper_names(problem)) == []
    assert not any(text in ("（无）", "无") for text in texts)
