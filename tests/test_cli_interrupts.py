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


def searching(process: subprocess.Popen[str], seconds: float = 4.0) -> None:
    """Wait while the command reads the workbook and starts its search."""
    time.sleep(seconds)
    assert process.poll() is None, "the command ended before its search was under way"


@pytest.mark.slow
def test_ctrl_c_stops_the_search_and_writes_the_plan_in_hand_marked_as_stopped(
        tmp_path: Path) -> None:
    out = tmp_path / "plan"
    process = start_solve(out)
    searching(process)
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert time.monotonic() - started < 20  # not the rest of the minute
    assert "stopping: the best plan so far will be written" in stderr
    assert "stopped before its time limit" in stdout and "repeatable  no (stopped)" in stdout
    with open(out / "meta.csv", encoding="utf-8-sig") as handle:
        meta = {row["key"]: row["value"] for row in csv.DictReader(handle)}
    assert meta["stopped_by_user"] == "yes"
    assert (out / "plan.json").exists()


@pytest.mark.slow
def test_ctrl_c_twice_quits_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    process = start_solve(out)
    searching(process)
    process.send_signal(signal.SIGINT)
    time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGINT, stderr
    assert "interrupted: nothing more was written" in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no plan, no side folder


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


@pytest.mark.slow
def test_kill_ends_the_search_at_once_and_says_so(tmp_path: Path) -> None:
    """``kill`` (SIGTERM) ends the command within moments, not when CP-SAT's call ends,
    and leaves nothing half-written."""
    out = tmp_path / "plan"
    process = start_solve(out)
    searching(process)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM
    assert time.monotonic() - started < 10
    assert "terminated: files being written were left as they were" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
