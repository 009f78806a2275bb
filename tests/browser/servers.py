"""JupyterLab and Voilà servers for a browser to drive, and the Chromium to drive them.

The browser tests (``test_app_browser.py``) and the screenshot script
(``docs/screenshot.py``) both need the same thing: a server of this checkout's notebooks
on a free localhost port, with a random token, that autosave cannot write back into the
repository, and that is stopped (its whole process group, never anything else) when they
are done. :func:`serve` does that for ``jupyter lab`` and for ``voila``.

The notebooks are copied into a temporary folder first (beside a link to ``data/``), so
JupyterLab's autosave never writes outputs into the repository's notebooks. Neither
server reaches the internet: JupyterLab's news and update checks are off, Chromium runs
with its background networking off.

Chromium is Debian's (``/usr/bin/chromium``, or ``$CHROMIUM``), driven by the
``playwright`` package; Playwright's own browser download is never used.
"""

from __future__ import annotations

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


def chromium_path() -> str:
    """Debian's Chromium, or the browser ``$CHROMIUM`` names."""
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


def missing_browser() -> str | None:
    """Why a browser cannot be driven here (None when it can): for a clear skip."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return (f"no Chromium at {path} (apt-get install chromium fonts-noto-cjk, "
                "or set CHROMIUM)")
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running server: where it is and the log it writes."""

    kind: str
    port: int
    token: str
    folder: Path
    log: Path

    def url(self, notebook: str) -> str:
        """The page showing ``notebook``: JupyterLab's editor, or Voilà's app page."""
        if self.kind == "lab":
            return f"http://127.0.0.1:{self.port}/lab/tree/{notebook}?token={self.token}"
        return f"http://127.0.0.1:{self.port}/voila/render/{notebook}?token={self.token}"

    def log_tail(self, size: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-size:]

    def newest_kernel(self) -> Path:
        """The connection file of the kernel started last: in Voilà, the one of the page
        opened last (a test reads the app's state through it)."""
        files = sorted(self.folder.parent.glob("voila_*/kernel-*.json"),
                       key=lambda f: f.stat().st_mtime)
        if not files:
            raise FileNotFoundError(f"no kernel connection file under {self.folder.parent}")
        return files[-1]


def _command(kind: str, folder: Path, port: int, token: str) -> list[str]:
    bin_dir = Path(sys.executable).parent
    if kind == "lab":
        command = [str(bin_dir / "jupyter"), "lab", "--no-browser", f"--port={port}",
                   "--ip=127.0.0.1", f"--ServerApp.root_dir={folder}",
                   f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
                   "--ServerApp.port_retries=0", "--LabApp.news_url=",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        return command
    if kind == "voila":
        # A folder, not one notebook: the app and a shared plan are pages of one server.
        return [str(bin_dir / "voila"), str(folder), "--no-browser", f"--port={port}",
                "--Voila.ip=127.0.0.1", f"--token={token}", "--Voila.port_retries=0",
                f"--Voila.connection_dir_root={folder.parent}"]
    raise ValueError(f"server kind {kind!r}: lab or voila")


def _wait(server: Server, process: subprocess.Popen[bytes], timeout: float) -> None:
    url = f"http://127.0.0.1:{server.port}/api/status?token={server.token}"
    if server.kind == "voila":
        url = f"http://127.0.0.1:{server.port}/?token={server.token}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{server.kind} exited with {process.returncode}:\n"
                               + server.log_tail())
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as reply:
            if reply.status == 200:
                return
        time.sleep(0.3)
    raise TimeoutError(f"{server.kind} did not start in {timeout:.0f} s:\n" + server.log_tail())


@contextlib.contextmanager
def serve(kind: str, notebooks: Iterable[str], *, timeout: float = 120.0,
          folder: Path | None = None) -> Iterator[Server]:
    """Run ``jupyter lab`` or ``voila`` on copies of ``notebooks`` (names in
    ``notebooks/``) in ``folder`` (a temporary one by default); stop the server's process
    group on exit."""
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(
                tempfile.TemporaryDirectory(prefix=f"matching-{kind}-")))
        # notebooks/ beside a link to data/, as in the repository: the notebooks'
        # relative paths ("../data/qianjin-2023") hold in the copy too
        (folder / "data").symlink_to(ROOT / "data", target_is_directory=True)
        folder = folder / "notebooks"
        folder.mkdir()
        for name in notebooks:
            shutil.copy(NOTEBOOKS / name, folder / name)
        port, token = free_port(), secrets.token_hex(16)
        log = folder / f"{kind}.log"
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(folder / ".jupyter-config"))
        with log.open("wb") as sink:
            process = subprocess.Popen(_command(kind, folder, port, token), cwd=folder,
                                       stdout=sink, stderr=subprocess.STDOUT, env=env,
                                       start_new_session=True)
        server = Server(kind, port, token, folder, log)
        try:
            _wait(server, process, timeout)
            yield server
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)  # only the server started here
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def open_app(page: Page, server: Server, notebook: str, timeout_ms: float) -> None:
    """The planner app of ``notebook`` shown on ``page``: Voilà runs the notebook itself;
    in JupyterLab, wait for the kernel and run all cells (widgets need a live kernel)."""
    page.goto(server.url(notebook), wait_until="domcontentloaded")
    if server.kind == "lab":
        page.wait_for_function(
            "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " const k = w && w.sessionContext && w.sessionContext.session"
            " && w.sessionContext.session.kernel; return k && k.status === 'idle'; }",
            timeout=timeout_ms)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_selector(".matching-planner", timeout=timeout_ms)


def plan_drawn(solved: str) -> str:
    """A page function: the app's header says ``solved`` (the status in the app's
    language) and the page shown draws the plan's bars; ``Date.now()`` when it does."""
    return ("() => { const a = document.querySelector('.matching-planner'); if (!a) return false;"
            f" const solved = a.innerText.includes({solved!r});"
            " const bars = [...a.querySelectorAll('.js-plotly-plot .barlayer .point')]"
            ".some(p => p.getBoundingClientRect().height > 0);"
            " return solved && bars && Date.now(); }")
