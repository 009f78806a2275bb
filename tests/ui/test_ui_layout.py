"""The planner's layout as code: page buttons that keep their whole label, and a rules
panel whose widths are shares of its pane (so a 1150-1280 px laptop shows every label
and never scrolls the panel sideways). A browser test looks at the pixels; these check
the widget layout that decides them."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as widgets
import pytest

pytest.importorskip("ipydatagrid")

from matching.i18n import text
from matching.ui import PlannerApp

#: The left pane of the app (``AppLayout.pane_widths``), minus its padding.
PANE = 340 - 12


@pytest.fixture
def app(tiny_dir: Path) -> PlannerApp:
    return PlannerApp(tiny_dir, time_limit=5, workers=1)


def tree(widget: widgets.Widget) -> list[widgets.Widget]:
    """The widget and everything inside it."""
    out = [widget]
    for child in getattr(widget, "children", ()):
        out += tree(child)
    return out


def pixels(width: str | None) -> int:
    match = re.fullmatch(r"(\d+)px", width or "")
    return int(match.group(1)) if match else 0


def test_four_groups_hold_every_page_once(app: PlannerApp) -> None:
    nav = app.nav
    assert list(nav.groups) == ["data", "plan", "analysis", "activity"]
    pages = [page for group in nav.groups.values() for page in group]
    assert sorted(pages) == sorted(set(pages)) == sorted(app.pages)
    assert {"by_room", "by_volunteer", "by_theme", "week", "load", "attention", "analyze",
            "kpis"} <= set(pages)
    # one Tab holds the pages (a Lumino panel tells a chart when it is shown; Voila drew
    # a chart in a Stack 0 px tall), its own bar hidden: the buttons replace it
    assert [w for w in tree(nav.widget) if isinstance(w, widgets.Tab)] == [nav.stack]
    assert "matching-page-stack" in nav.stack._dom_classes
    assert ".matching-page-stack > .widget-tab-bar {display: none" in nav.style.value
    assert nav.stack.titles == tuple(nav.page_buttons[p].description for p in pages)
    app.show_page("timeline")
    assert nav.page == "by_room"
    assert len(nav.stack.children) == len(pages)


def test_buttons_switch_pages_and_mark_the_choice(app: PlannerApp) -> None:
    nav = app.nav
    nav.group_buttons["analysis"].click()
    assert nav.page == "attention"
    assert nav.stack.children[nav.stack.selected_index] is app.pages["attention"]
    nav.page_buttons["kpis"].click()
    assert nav.stack.children[nav.stack.selected_index] is app.pages["kpis"]
    assert nav.group_buttons["analysis"].button_style == "primary"
    assert nav.page_buttons["kpis"].button_style == "info"
    assert nav.page_buttons["attention"].button_style == ""
    # the second row lists the pages of the chosen group only
    row = nav.sub_rows.children[nav.sub_rows.selected_index]
    assert [b.description for b in row.children] == [
        nav.page_buttons[p].description for p in ("attention", "analyze", "kpis")]
    app.show_page("data")
    assert nav.sub_rows.children[nav.sub_rows.selected_index].children == ()
    with pytest.raises(KeyError):
        app.show_page("nowhere")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_page_labels_are_whole_in_both_languages(app: PlannerApp, language: str) -> None:
    app.set_language(language)
    nav = app.nav
    for key, button in [*nav.group_buttons.items(), *nav.page_buttons.items()]:
        assert button.description == text(f"page.{key}", language)
        # as wide as its label, never a fixed width that cuts it
        assert button.layout.width == "auto" and button.layout.min_width == "fit-content"
    rows = [nav.group_row, *nav.sub_rows.children]
    assert all(row.layout.flex_flow == "row wrap" for row in rows)
    # no Tab with a visible bar of more than four tabs (the pages' own bar is hidden)
    assert not any(isinstance(w, widgets.Tab) and len(w.children) > 4
                   and w is not nav.stack for w in tree(app.layout))


def test_the_rules_panel_fits_its_pane(app: PlannerApp) -> None:
    panel = app.controls.widget
    assert panel.layout.overflow == "hidden auto"  # a scroll bar cannot push it sideways
    assert app.layout.pane_widths[0] == "340px"
    for widget in tree(panel):
        assert pixels(widget.layout.width) <= PANE, (widget, widget.layout.width)
    for row in app.controls.rules.children:
        assert row.layout.flex_flow == "row wrap"
        switch, slider = row.children
        assert switch.layout.width == slider.layout.width == "auto"
        widest = pixels(switch.layout.min_width) + pixels(slider.layout.min_width)
        assert widest <= PANE
    solve_row = app.controls.solve_button.layout, app.controls.stop_button.layout
    assert all(layout.width == "auto" and layout.flex == "1 1 0" for layout in solve_row)


def test_the_header_grows_with_its_lines(app: PlannerApp) -> None:
    """A long status (scope, pins, unsaved, stale) wraps on a laptop: its row grows
    instead of spilling over the page buttons."""
    assert app.layout.layout.grid_template_rows.split()[0:2] == ["minmax(56px,", "auto)"]


def test_the_activity_page_wraps_its_rows(app: PlannerApp) -> None:
    rows = [w for w in tree(app.inspector.widget) if isinstance(w, widgets.HBox)]
    assert rows and all(row.layout.flex_flow == "row wrap" for row in rows)


def test_the_attention_table_wraps_only_its_long_columns() -> None:
    """At 1280 px a long reason took all the width and wrapped the ids, priorities and
    headers one character a line ("优/先/级", "CAMP-/03"): headers and short columns do
    not wrap, the title and the reason do (keeping some width of their own)."""
    import pandas as pd

    from matching.ui.i18n import Translator
    from matching.ui.results import html_table

    reason = "没有合适的场地：犇进自习室只能容纳 40 人，预计 500 人；" * 8
    frame = pd.DataFrame([{
        "activity_id": "CAMP-03", "title": "小候鸟夏令营·科学小实验", "priority": "高",
        "status": "未安排", "start": None, "room_id": "R-01", "short": "", "reason": reason}])
    page = html_table(frame, Translator("zh"))
    headers = re.findall(r"<th style='([^']*)'>", page)
    cells = dict(zip(frame.columns, re.findall(r"<td style='([^']*)'>", page), strict=True))
    assert len(headers) == 8 and all("white-space:nowrap" in h for h in headers)
    for column in ("activity_id", "priority", "status", "start", "room_id", "short"):
        assert "white-space:nowrap" in cells[column], column
    for column in ("title", "reason"):
        assert "nowrap" not in cells[column] and "min-width" in cells[column], column
