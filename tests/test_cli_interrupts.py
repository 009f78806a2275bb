"""Ctrl+C and a closed output pipe on the command line: the plan in hand is kept, or
nothing is written, and the command says which."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The year never proves optimal in a minute: a search of it is still running when the
#: signal comes.
YEAR = ROOT / "data" / "qianjin-2023"


def start_solve(out: Path, workbook: Path = YEAR, limit: str = "60") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "matching", "solve", str(workbook), "--out", str(out),
         "--time-limit", limit, "--workers", "1", "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


def signalled(out: Path, *signals: signal.Signals) -> tuple[int, str, str, float]:
    """Start a search of the year, send ``signals`` 10 ms apart once it is under way;
    its exit code, output, error output, and seconds from the first signal to the end."""
    process = start_solve(out)
    time.sleep(6.0)  # the command reads the workbook (1-2 s) and starts its search
    assert process.poll() is None, "the command ended before its search was under way"
    started = time.monotonic()
    for number, signum in enumerate(signals):
        time.sleep(0.01 if number else 0)
        process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    return process.returncode, stdout, stderr, time.monotonic() - started


@pytest.mark.slow
def test_ctrl_c_stops_the_search_and_writes_the_plan_in_hand_marked_as_stopped(
        tmp_path: Path) -> None:
    out = tmp_path / "plan"
    code, stdout, stderr, seconds = signalled(out, signal.SIGINT)
    assert code == 0, stderr
    assert seconds < 20  # not the rest of the minute
    # the notice and the summary in the year's language, Chinese
    assert "正在停止：将写入目前最好的方案" in stderr
    assert "，时限未到即被手动停止" in stdout and "可重复      否（被手动停止）" in stdout
    with open(out / "meta.csv", encoding="utf-8-sig") as handle:
        meta = {row["key"]: row["value"] for row in csv.DictReader(handle)}
    assert meta["stopped_by_user"] == "yes"
    assert (out / "plan.json").exists()


@pytest.mark.slow
def test_ctrl_c_twice_quits_and_writes_nothing(tmp_path: Path) -> None:
    code, _, stderr, _ = signalled(tmp_path / "plan", signal.SIGINT, signal.SIGINT)
    assert code == 128 + signal.SIGINT, stderr
    assert "已中断：没有再写入任何文件" in stderr  # the year's language
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no plan, no side folder


@pytest.mark.slow
def test_kill_ends_the_search_at_once_and_says_so(tmp_path: Path) -> None:
    """``kill`` (SIGTERM) ends the command within moments, not when CP-SAT's call ends,
    and leaves nothing half-written."""
    code, _, stderr, seconds = signalled(tmp_path / "plan", signal.SIGTERM)
    assert code == 128 + signal.SIGTERM
    assert seconds < 10
    assert "已终止：正在写入的文件保持原样" in stderr  # the year's language
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.slow
def test_a_closed_output_pipe_does_not_cost_the_plan(tmp_path: Path) -> None:
    """``matching solve ... | head``: whoever reads the summary goes away; the plan is
    written all the same, and the command ends as a program whose pipe closed."""
    out = tmp_path / "plan"
    process = start_solve(out, ROOT / "data" / "tiny", limit="5")
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGPIPE, stderr
    assert "Traceback" not in stderr and "Errno" not in stderr
    assert {"assignments.csv", "staffing.csv", "plan.json"} <= {p.name for p in out.iterdir()}
