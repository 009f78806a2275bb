"""Take ``docs/planner.png``: the planner app in JupyterLab with a solved plan.

Starts ``jupyter lab`` on a free localhost port with a random token, opens a copy of
``notebooks/01_plan_quarter.ipynb`` in headless Chromium, runs all its cells (widgets
need a live kernel, so the notebook runs in the browser), waits until the app reports a
solved plan and its timeline is drawn, and saves a screenshot.

The notebook is copied to a temporary folder first, so that JupyterLab's autosave never
writes outputs into the repository's notebook.

Dependencies (not needed by ``make test``):

- the project's ``.venv`` (``make install``), which provides ``jupyter lab``;
- ``playwright`` in that venv (``.venv/bin/pip install playwright``); its own browser
  download is NOT used (never run ``playwright install``);
- Chromium from Debian: ``apt-get install -y chromium`` (``/usr/bin/chromium``; override
  with ``CHROMIUM=/path/to/chrome``), and a Chinese font, ``apt-get install -y
  fonts-noto-cjk``, or the Chinese labels come out as boxes.

Run from the repository root::

    .venv/bin/python docs/screenshot.py            # writes docs/planner.png
    .venv/bin/python docs/screenshot.py --out x.png --timeout 240
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "01_plan_quarter.ipynb"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_lab(folder: Path, port: int, token: str, log: Path) -> subprocess.Popen[bytes]:
    """``jupyter lab`` serving ``folder`` on localhost only, in its own process group."""
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [str(jupyter), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--ServerApp.root_dir={folder}", f"--IdentityProvider.token={token}",
               "--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class="
               "jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(folder / ".jupyter-config"))
    return subprocess.Popen(command, cwd=folder, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, env=env, start_new_session=True)


def wait_for_server(port: int, token: str, timeout: float) -> None:
    url = f"http://127.0.0.1:{port}/api/status?token={token}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as reply:
            if reply.status == 200:
                return
        time.sleep(0.5)
    raise TimeoutError("jupyter lab did not start")


def shoot(url: str, out: Path, timeout: float, profile: Path) -> None:
    """Open the notebook, run all cells, wait for the solved plan, take the picture."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=chromium, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1600, "height": 1200}, device_scale_factor=1)
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook", timeout=timeout * 1000)
        page.wait_for_function("() => window.jupyterapp !== undefined",
                               timeout=timeout * 1000)
        # Wait for the kernel, then run every cell as "Run > Run All Cells" does.
        page.wait_for_function(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " return w && w.sessionContext && w.sessionContext.session"
            " && w.sessionContext.session.kernel"
            " && w.sessionContext.session.kernel.status === 'idle'; }",
            timeout=timeout * 1000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_selector(".matching-planner", timeout=timeout * 1000)
        # The worker thread switches the app to its timeline when the plan is in.
        page.wait_for_function(
            "() => { const a = document.querySelector('.matching-planner');"
            " return a && /已求解|solved/.test(a.innerText)"
            " && a.querySelector('.js-plotly-plot .bars, .js-plotly-plot .barlayer'); }",
            timeout=timeout * 1000)
        with contextlib.suppress(Exception):  # JupyterLab's "news?" toast, if it shows
            page.get_by_role("button", name="No", exact=True).click(timeout=2000)
        page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')"
                      ".catch(() => null)")  # close the file browser: more room for the app
        page.wait_for_timeout(1500)  # let plotly finish laying out after the resize
        page.locator(".matching-planner").first.evaluate(
            "e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(1000)
        page.screenshot(path=str(out))
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "planner.png")
    parser.add_argument("--timeout", type=float, default=180.0,
                        help="seconds to wait for each step (default 180)")
    args = parser.parse_args(argv)
    port, token = free_port(), secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="matching-shot-") as tmp:
        folder = Path(tmp)
        shutil.copy(NOTEBOOK, folder / NOTEBOOK.name)
        log = folder / "lab.log"
        lab = start_lab(folder, port, token, log)
        try:
            wait_for_server(port, token, args.timeout)
            url = f"http://127.0.0.1:{port}/lab/tree/{NOTEBOOK.name}?token={token}"
            shoot(url, args.out, args.timeout, folder / "chromium-profile")
        except Exception:
            sys.stderr.write(log.read_text(errors="replace")[-4000:])
            raise
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(lab.pid, signal.SIGTERM)  # only the server this script started
            with contextlib.suppress(subprocess.TimeoutExpired):
                lab.wait(timeout=20)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
