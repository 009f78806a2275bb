"""Take the README's pictures of the planner app with a solved plan.

- ``docs/app-1280.png`` and ``docs/app-1920.png``: the app in JupyterLab at 1280×800 (a
  laptop) and 1920×1080;
- ``docs/voila-1280.png``: the no-code page (``make app``: Voilà) at 1280×800.

Each starts its server on a free localhost port with a random token on a copy of
``notebooks/00_app.ipynb`` (the app alone; see ``tests/browser/servers.py``, which the
browser tests share), opens it in headless Chromium, presses Solve as a coordinator
would, waits until the timeline of the plan is drawn and saves the picture.

Dependencies (not needed by ``make test``):

- the project's ``.venv`` (``make install``): ``jupyter lab``, ``voila`` and
  ``playwright``; Playwright's own browser download is NOT used (never run
  ``playwright install``);
- Chromium from Debian: ``apt-get install -y chromium`` (``/usr/bin/chromium``; override
  with ``CHROMIUM=/path/to/chrome``), and a Chinese font, ``apt-get install -y
  fonts-noto-cjk``, or the Chinese labels come out as boxes.

Run from the repository root::

    .venv/bin/python docs/screenshot.py                 # all three pictures
    .venv/bin/python docs/screenshot.py --only voila-1280 --timeout 240
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from servers import (  # noqa: E402
    CHROMIUM_FLAGS,
    Server,
    chromium_path,
    missing_browser,
    open_app,
    plan_drawn,
    serve,
)

from matching.i18n import text  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser

APP = "00_app.ipynb"
#: name: (server, width, height)
SHOTS = {"app-1280": ("lab", 1280, 800), "app-1920": ("lab", 1920, 1080),
         "voila-1280": ("voila", 1280, 800)}
SOLVE = text("controls.solve", "zh")  # the app's default language
SOLVED = text("status.solved", "zh")


def shoot(browser: Browser, server: Server, width: int, height: int, out: Path,
          timeout: float) -> None:
    """Open the app, solve, wait for the drawn plan, take the picture."""
    timeout_ms = timeout * 1000
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    try:
        open_app(page, server, APP, timeout_ms)
        page.locator(".matching-planner button").filter(has_text=SOLVE).first.click(
            timeout=timeout_ms)
        page.wait_for_function(plan_drawn(SOLVED), timeout=timeout_ms)
        with contextlib.suppress(Exception):  # JupyterLab's "news?" toast, if it shows
            page.get_by_role("button", name="No", exact=True).click(timeout=2000)
        if server.kind == "lab":  # close the file browser: more room for the app
            page.evaluate("() => window.jupyterapp.shell.leftCollapsed"
                          " || window.jupyterapp.commands.execute('application:toggle-left-area')")
        page.wait_for_timeout(1500)  # let plotly finish laying out
        page.locator(".matching-planner").first.evaluate(
            "e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(out))
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs")
    parser.add_argument("--only", choices=sorted(SHOTS), action="append",
                        help="take only this picture (repeatable)")
    parser.add_argument("--timeout", type=float, default=180.0,
                        help="seconds to wait for each step (default 180)")
    args = parser.parse_args(argv)
    why = missing_browser()
    if why is not None:
        parser.error(why)
    from playwright.sync_api import sync_playwright

    wanted = {name: SHOTS[name] for name in (args.only or SHOTS)}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for kind in ("lab", "voila"):
            shots = {n: s for n, s in wanted.items() if s[0] == kind}
            if not shots:
                continue
            with serve(kind, [APP], timeout=args.timeout) as server:
                for name, (_, width, height) in shots.items():
                    out = args.out_dir / f"{name}.png"
                    try:
                        shoot(browser, server, width, height, out, args.timeout)
                    except Exception:
                        sys.stderr.write(server.log_tail())
                        raise
                    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
