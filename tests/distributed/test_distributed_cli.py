"""``python -m matching sweep|batch --scheduler``: against a separately started ``dask
scheduler`` and ``dask worker`` on loopback, as a user with a cluster would run them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA

import matching.distributed.engine as engine
from matching.cli import main
from matching.distributed import SYNCHRONOUS, run_sweep, write_district

pytestmark = pytest.mark.slow  # local Dask clusters: seconds a test

DASK = Path(sys.executable).with_name("dask")
SWEEP = """\
name: tiny-sweep
solver: {time_limit: 5, seed: 0}
scenarios:
  - name: studio closed
    changes: [{kind: close_room, room_id: studio, start: "2024-03-04", end: "2024-03-05"}]
  - name: broken
    changes: [{kind: close_room, room_id: gym, start: "2024-03-04", end: "2024-03-05"}]
grid:
  attendance: [1, 2]
no_shows: {probability: 0.3, draws: 5, seed: 11, mode: fixed}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dask scheduler exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no dask scheduler on 127.0.0.1:{port} after {timeout} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End a process we started and its children (its own session), by id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


@pytest.fixture(scope="module")
def scheduler(request, tmp_path_factory) -> str:
    """``tcp://127.0.0.1:<port>`` of a scheduler with one single-threaded worker."""
    if not DASK.exists():
        pytest.skip(f"no dask command at {DASK}")
    port = _free_port()
    logs = tmp_path_factory.mktemp("dask-logs")
    started: list[subprocess.Popen[bytes]] = []

    def stop_all() -> None:
        for process in reversed(started):
            _stop(process)

    request.addfinalizer(stop_all)
    with open(logs / "scheduler.log", "wb") as log:
        started.append(subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
    _wait_for_port(port, started[0])
    address = f"tcp://127.0.0.1:{port}"
    with open(logs / "worker.log", "wb") as log:
        started.append(subprocess.Popen(
            [str(DASK), "worker", address, "--host", "127.0.0.1", "--nworkers", "1",
             "--nthreads", "1", "--no-dashboard"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
    return address


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)


def test_the_sweep_command_runs_on_a_separately_started_cluster(scheduler, tmp_path) -> None:
    sweep_file = tmp_path / "tiny-sweep.yaml"
    sweep_file.write_text(SWEEP, encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "matching", "sweep", str(DATA / "tiny"), str(sweep_file),
         "--out", str(out), "--scheduler", scheduler],
        capture_output=True, timeout=180)  # bytes: keep the progress line's \r
    stdout, stderr = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, stderr  # one scenario is broken: the sweep says so
    assert f"on {scheduler}, 1 worker" in stdout
    assert "baseline    OPTIMAL" in stdout
    assert "failed      broken: ERROR: the scenario has 1 error" in stdout
    assert "\rruns         9/9    done, 1 failed" in stderr
    assert "failed: broken: the scenario has 1 error" in stderr
    results, summary = _csv(out / "results.csv"), _csv(out / "summary.csv")
    assert len(results) == 9 and (out / "baseline" / "assignments.csv").exists()
    assert list(summary.columns) == ["group", "kpi", "runs", "failed", "total", "mean", "q05",
                                     "q50", "q95"]
    assert {"scenarios", "no-shows p=0.3"} == set(summary["group"])
    # the same as running the sweep file here, one task after another
    run_sweep(DATA / "tiny", sweep_file, scheduler=SYNCHRONOUS).save(tmp_path / "here")
    pd.testing.assert_frame_equal(results.drop(columns="wall_time"),
                                  _csv(tmp_path / "here" / "results.csv").drop(columns="wall_time"))
    pd.testing.assert_frame_equal(summary, _csv(tmp_path / "here" / "summary.csv"))


def test_the_batch_command_runs_on_a_separately_started_cluster(scheduler, tmp_path,
                                                                 capsys) -> None:
    write_district(tmp_path / "district", 2, seed=5)
    out = tmp_path / "out"
    code = main(["batch", str(tmp_path / "district"), "--out", str(out), "--scheduler",
                 scheduler, "--time-limit", "3", "--quiet", "--language", "en"])
    shown = capsys.readouterr()
    assert code == 0, shown.err
    assert "batch       2 centers, 2 planned, 0 failed" in shown.out
    status = _csv(out / "status.csv")
    assert list(status["center"]) == ["center-01", "center-02"]
    assert set(status["status"]) <= {"OPTIMAL", "FEASIBLE"}
    seats = _csv(out / "seats.csv")
    assert list(seats.columns) == ["center", "seats_filled", "seats_target", "seats_min"]


def test_a_selection_the_workbook_lacks_exits_1(scheduler, tmp_path, capsys) -> None:
    sweep_file = tmp_path / "camp.yaml"
    sweep_file.write_text("select: {series: S-CAMP}\nno_shows: {probability: 0.1, draws: 2}\n",
                          encoding="utf-8")
    code = main(["sweep", str(DATA / "tiny"), str(sweep_file), "--out", str(tmp_path / "o"),
                 "--scheduler", scheduler])
    assert code == 1
    assert ("the sweep file camp.yaml has 1 error:\n  error: select.series: got 'S-CAMP'"
            in capsys.readouterr().err)


def test_a_bad_sweep_file_exits_1_with_every_problem(tmp_path, capsys) -> None:
    sweep_file = tmp_path / "bad.yaml"
    sweep_file.write_text("no_shows: {probability: high, draws: 10, mode: fixed}\n"
                          "grid: {weight_nothing: [1]}\n", encoding="utf-8")
    code = main(["sweep", str(DATA / "tiny"), str(sweep_file), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 1
    assert "the sweep file bad.yaml has 2 errors:" in err
    assert "no_shows.probability: got 'high'; a number from 0 to 1" in err
    assert "grid.weight_nothing[1]: got '1'; a change" in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("argv", [
    ["sweep", "data/tiny", "x.yaml"],  # no --out
    ["sweep", "data/tiny", "x.yaml", "--out", "o", "--processes", "0"],
    ["batch", "nowhere", "--out", "o", "--processes", "two"],
    ["sweep", "data/tiny", "x.yaml", "--out", "o", "--workers", "2"],
])
def test_usage_errors_exit_2(argv, capsys) -> None:
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_a_missing_sweep_file_exits_2(tmp_path, capsys) -> None:
    assert main(["sweep", str(DATA / "tiny"), str(tmp_path / "nope.yaml"), "--out",
                 str(tmp_path / "o")]) == 2
    assert f"error: no sweep file at {tmp_path / 'nope.yaml'}" in capsys.readouterr().err


def test_a_folder_without_workbooks_exits_2(tmp_path, capsys) -> None:
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "no workbooks in" in capsys.readouterr().err


def test_an_unreachable_scheduler_exits_2(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 2.0)
    sweep_file = tmp_path / "s.yaml"
    sweep_file.write_text("grid: {attendance: [1]}\n", encoding="utf-8")
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    code = main(["sweep", str(DATA / "tiny"), str(sweep_file), "--out", str(tmp_path / "o"),
                 "--scheduler", address])
    assert code == 2
    assert f"error: cannot run on the Dask scheduler at {address}: " in capsys.readouterr().err
    # an address without a port ("synchronous", as run_sweep takes it) is no bug either
    for address in ("synchronous", "localhost"):
        assert main(["sweep", str(DATA / "tiny"), str(sweep_file), "--out",
                     str(tmp_path / "o"), "--scheduler", address]) == 2
        err = capsys.readouterr().err
        assert f"error: cannot run on the Dask scheduler at {address}: " in err, err
