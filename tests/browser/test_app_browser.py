"""The planner app in a real browser: Voilà's no-code page and JupyterLab, in Chromium.

What a coordinator does, through the page and nothing else: open the app, Solve and see
the plan, switch the language, rank the candidates for a role and pin an activity on the
activity page, Stop a solve; and staff open a shared plan notebook the same way. Every
page fails its test on a console error, an uncaught script error, a request to a host
other than the local server, or the word "Traceback" anywhere on it (text boxes
included: the app's error box shows tracebacks).

The latencies coordinators feel are measured here and logged (stdout and
``benchmarks/browser_latency.txt``), never asserted: a loaded machine must not fail a
test. They are: language switch (click to every label, tab and visible chart in the new
language), Stop (click to the stopped plan shown) and plan shown after the solver ends
(the kernel's clock when the search returned, to the browser's when the timeline is
drawn; both clocks are this machine's).

Skipped as a whole, with the reason, where Chromium or playwright is missing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from servers import (
    CHROMIUM_FLAGS,
    ROOT,
    Server,
    chromium_path,
    missing_browser,
    open_app,
    plan_drawn,
    serve,
)

from matching.ui.i18n import Translator

_WHY = missing_browser()
if _WHY is not None:
    pytest.skip(f"browser tests need Chromium and playwright: {_WHY}", allow_module_level=True)

from playwright.sync_api import Browser, JSHandle, Page, Route, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PageTimeout  # noqa: E402

pytestmark = pytest.mark.slow

APP = "00_app.ipynb"
SHARE = "03_share_plan.ipynb"
ZH, EN = Translator("zh"), Translator("en")
TIMEOUT_MS = 180_000
LATENCY_LOG = ROOT / "benchmarks" / "browser_latency.txt"
#: Stylesheets Voilà's own page template links from a CDN (Font Awesome; the widgets
#: bundle their icons, so an empty answer changes nothing). Served empty here, so the
#: test is the same with or without internet; any other outside request fails it.
TEMPLATE_CDN = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free"

LATENCIES: list[tuple[str, float]] = []


def record(name: str, seconds: float) -> None:
    LATENCIES.append((name, seconds))
    print(f"latency {name}: {seconds:.2f} s")


@pytest.fixture(scope="module", autouse=True)
def _latency_log() -> Iterator[None]:
    yield
    if LATENCIES:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        lines = [f"# tests/browser/test_app_browser.py, {stamp}; target <= 1 s each"]
        lines += [f"{name:<48} {seconds:6.2f} s" for name, seconds in LATENCIES]
        LATENCY_LOG.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def voila() -> Iterator[Server]:
    with serve("voila", [APP, SHARE]) as server:
        yield server


@pytest.fixture(scope="module")
def lab() -> Iterator[Server]:
    with serve("lab", [APP]) as server:
        yield server


class Watched:
    """A page with everything that must not happen on it collected as it happens."""

    def __init__(self, browser: Browser, width: int = 1280, height: int = 800) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page: Page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.context.route("**/*", self._outside)

    def _outside(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        elif url.startswith(TEMPLATE_CDN):
            route.fulfill(status=200, content_type="text/css", body="")
        else:
            self.problems.append(f"request to the network: {url}")
            route.abort()

    def check(self) -> None:
        """No console error, no outside request and no traceback anywhere on the page."""
        text = self.page.evaluate(
            "() => document.body.innerText + [...document.querySelectorAll('textarea')]"
            ".map(t => t.value).join('\\n')")
        assert "Traceback" not in text, text[text.index("Traceback"):][:2000]
        assert "There was an error when executing cell" not in text, text[:2000]  # Voilà
        assert not self.problems, self.problems

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.close()


# -- the app's controls, found by the labels a coordinator reads ---------------------------
def until(page: Page, function: str, **options: Any) -> JSHandle:
    """``page.wait_for_function``; a timeout says what the app showed instead."""
    try:
        return page.wait_for_function(function, **options)
    except PageTimeout:
        shown = page.evaluate(
            "() => { const a = document.querySelector('.matching-planner');"
            " return (a ? a.innerText : document.body.innerText).slice(0, 1500) + '\\n'"
            " + [...document.querySelectorAll('textarea')].map(t => t.value).join('\\n')"
            ".slice(-1500); }")
        raise AssertionError(f"waited in vain for {function[:300]}\nthe page shows:\n{shown}"
                             ) from None


def button(page: Page, label: str) -> Any:
    return page.locator(".matching-planner button").filter(
        has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


def select(page: Page, label: str) -> Any:
    return page.locator(".matching-planner .widget-dropdown").filter(
        has=page.locator("label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    ).locator("select")


def header_says_text(text: str) -> str:
    """A page function: the app shows ``text`` (Date.now() when it does)."""
    return ("() => { const a = document.querySelector('.matching-planner');"
            f" return a && a.innerText.includes({text!r}) && Date.now(); }}")


def header_says(tr: Translator, status: str) -> str:
    """A page function: the app's header shows ``status`` (Date.now() when it does)."""
    return header_says_text(tr(f"status.{status}"))


def open_planner(page: Page, server: Server) -> None:
    open_app(page, server, APP, TIMEOUT_MS)
    button(page, ZH("controls.solve")).wait_for(timeout=TIMEOUT_MS)


def solve(page: Page, tr: Translator) -> float:
    """Press Solve, wait for the drawn plan; the browser's clock (s) when it was drawn."""
    button(page, tr("controls.solve")).click()
    until(page, header_says(tr, "solving"), timeout=TIMEOUT_MS)
    drawn = until(page, plan_drawn(tr("status.solved")), timeout=TIMEOUT_MS, polling=50)
    return float(drawn.json_value()) / 1000


def switch_language(page: Page, to: Translator) -> float:
    """Click the language; seconds until the controls, tabs and visible chart all speak it."""
    label = {"zh": "中文", "en": "English"}[to.language]
    page.wait_for_timeout(500)  # let the page settle: the click starts the clock
    start = page.evaluate("Date.now()")
    button(page, label).click()
    done = until(
        page,
        "([solve, tab, chart]) => { const a = document.querySelector('.matching-planner');"
        " const titles = [...a.querySelectorAll('.js-plotly-plot .gtitle')]"
        ".filter(t => t.getBoundingClientRect().height > 0).map(t => t.textContent);"
        " return a.innerText.includes(solve) && a.innerText.includes(tab)"
        " && titles.includes(chart) && Date.now(); }",
        arg=[to("controls.solve"), to("page.activity"), to("chart.timeline_room")],
        timeout=TIMEOUT_MS, polling=50)
    return (float(done.json_value()) - start) / 1000


def chart_shown(title: str) -> str:
    """A page function: the chart titled ``title`` is in view and taller than its title."""
    return ("() => [...document.querySelectorAll('.matching-planner .js-plotly-plot')]"
            f".some(p => p.querySelector('.gtitle')?.textContent === {title!r}"
            " && p.getBoundingClientRect().height > 100)")


def stop_during_solve(page: Page, tr: Translator) -> float:
    """Solve, Stop two seconds in; seconds from the click to the stopped plan shown."""
    button(page, tr("controls.solve")).click()
    until(page, header_says(tr, "solving"), timeout=TIMEOUT_MS)
    stop = button(page, tr("controls.stop"))
    stop.wait_for(timeout=TIMEOUT_MS)
    until(page, "b => !b.disabled", arg=stop.element_handle(), timeout=TIMEOUT_MS)
    page.wait_for_timeout(2000)
    start = page.evaluate("Date.now()")
    stop.click()
    done = until(page, header_says(tr, "stopped"), timeout=TIMEOUT_MS, polling=50)
    return (float(done.json_value()) - start) / 1000


# -- the tests -----------------------------------------------------------------------------
def test_voila_page_solves_switches_language_and_stops(watched: Watched, voila: Server
                                                      ) -> None:
    page = watched.page
    started = time.monotonic()
    open_planner(page, voila)
    record("voila: app shown after opening", time.monotonic() - started)
    text = page.inner_text("body")
    assert "PlannerApp(" not in text and "from matching" not in text  # no code shown
    assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0

    drawn = solve(page, ZH)
    ended = float(voila_kernel_value(voila, "app.runner.ended_at"))
    record("voila: plan shown after the solver ended", drawn - ended)
    watched.check()
    record("voila: language switch zh->en", switch_language(page, EN))
    assert button(page, EN("controls.solve")).count() == 1
    record("voila: language switch en->zh", switch_language(page, ZH))
    # the language switch redrew the timeline in view: it keeps its height when its
    # page is left and shown again (it came back 0 px tall, a blank page)
    for by in ("volunteer", "room"):
        page.locator(f".matching-planner .matching-page-by_{by}").click()
        until(page, chart_shown(ZH(f"chart.timeline_{by}")), timeout=20_000)

    record("voila: Stop to stopped plan shown", stop_during_solve(page, ZH))
    assert button(page, ZH("controls.solve")).is_enabled()
    watched.check()


def test_voila_activity_page_ranks_candidates_and_pins(watched: Watched, voila: Server
                                                      ) -> None:
    page = watched.page
    open_planner(page, voila)
    solve(page, ZH)
    page.locator(".matching-planner .matching-group-activity").click()
    activity = select(page, ZH("activity.choose"))
    activity.wait_for(timeout=TIMEOUT_MS)
    camp = next(o for o in activity.locator("option").all_inner_texts()
                if o.startswith("CAMP-01"))
    activity.select_option(label=camp)
    role = select(page, ZH("activity.role"))
    until(page, "s => s.options.length > 0", arg=role.element_handle(), timeout=TIMEOUT_MS)
    role.select_option(index=0)

    button(page, ZH("activity.rank")).click()
    statuses = [ZH(f"cand.{s}") for s in ("assigned", "free", "eligible")]
    until(page,
          "words => { const a = document.querySelector('.matching-planner'); return"
          " [...a.querySelectorAll('td')].some(td => words.includes(td.innerText.trim())); }",
          arg=statuses, timeout=TIMEOUT_MS)

    button(page, ZH("activity.pin_current")).click()
    until(page, header_says_text(ZH("header.pins", count=1)), timeout=TIMEOUT_MS)
    # solving again keeps the pinned activity where it was, and shows the new plan
    button(page, ZH("controls.solve")).click()
    until(page, header_says(ZH, "solving"), timeout=TIMEOUT_MS)
    until(page, header_says(ZH, "solved"), timeout=TIMEOUT_MS)
    assert voila_kernel_value(voila, "list(app.state.pins)") == "['CAMP-01']"
    assert voila_kernel_value(
        voila, "app.state.pins['CAMP-01'].start"
        " == app.state.plan.assignment_of['CAMP-01'].start") == "True"
    watched.check()


def test_jupyterlab_app_shows_the_plan_soon_after_the_solver_ends(watched: Watched,
                                                                   lab: Server) -> None:
    page = watched.page
    open_planner(page, lab)
    for which in ("first", "second"):
        drawn = solve(page, ZH)
        ended = float(kernel_value(page, "app.runner.ended_at"))
        record(f"lab: {which} plan shown after the solver ended", drawn - ended)
        assert kernel_value(page, "app.state.status") == "'solved'"
    watched.check()


def voila_kernel_value(server: Server, expression: str) -> str:
    """``repr(expression)`` evaluated in the kernel of the Voilà page opened last, through
    its connection file (the page itself runs no code)."""
    from jupyter_client import BlockingKernelClient

    client = BlockingKernelClient(connection_file=str(server.newest_kernel()))
    client.load_connection_file()
    client.start_channels()
    try:
        out: list[str] = []
        client.execute_interactive(
            f"print(repr({expression}))", store_history=False, timeout=60,
            output_hook=lambda m: out.append(m["content"].get("text", ""))
            if m["msg_type"] == "stream" else None)
        return "".join(out).strip()
    finally:
        client.stop_channels()


def kernel_value(page: Page, expression: str) -> str:
    """``repr(expression)`` evaluated in the notebook's kernel (JupyterLab only)."""
    return str(page.evaluate(
        "async code => { const k = window.jupyterapp.shell.currentWidget.sessionContext"
        ".session.kernel; let out = '';"
        " const f = k.requestExecute({code, silent: false, store_history: false});"
        " f.onIOPub = m => { if (m.header.msg_type === 'stream') out += m.content.text; };"
        " await f.done; return out.trim(); }",
        f"print(repr({expression}))"))


def test_voila_opens_a_shared_plan(watched: Watched, voila: Server) -> None:
    page = watched.page
    page.goto(voila.url(SHARE), wait_until="domcontentloaded")
    # the notebook solves a quarter (10 s) and shows the report's tables
    until(page, "() => document.querySelectorAll('.jp-OutputArea-output table').length >= 2",
          timeout=TIMEOUT_MS)
    until(page, "() => !document.querySelector('#loading')"
                " || getComputedStyle(document.querySelector('#loading')).display === 'none'",
          timeout=TIMEOUT_MS)
    text = page.inner_text("body")
    assert "未违反任何硬性规则" in text  # the notebook's last check ran
    assert "include_contacts" not in text  # no code on the page
    assert "papermill" not in text  # nor the how-to cell, which is for whoever makes it
    watched.check()

