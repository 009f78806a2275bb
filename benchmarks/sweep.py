"""Benchmark of sweeps on Dask: the same what-if runs one after another and on a local
cluster (a benchmark, not a test).

Run from the repository root::

    python benchmarks/sweep.py [--runs 100] [--time-limit 5] [--workers N] [--quick]

Instance: two weeks of March of ``data/qianjin-2023`` (``select`` 2023-03-06 to
2023-03-19: 14 activities, all 71 volunteers). Runs: ``--runs`` random no-show
scenarios, each volunteer gone with probability 0.1 (draw k seeded k), each planned
afresh with one CP-SAT worker and ``--time-limit`` seconds. The same sweep runs in this
process (``scheduler="synchronous"``) and on a ``LocalCluster`` of ``--workers``
single-threaded processes (default: one per core); both must give the same results.

Figures
-------
wall
    Seconds from the first task to the last result (cluster start-up not included; it is
    reported on its own).
task time
    Sum over runs of each run's own wall time (as measured inside the task).
CPU s
    CPU seconds used: by this process (sequential), by the worker processes (cluster).
    When other processes load the machine, wall times stretch but CPU seconds do not:
    equal CPU seconds mean the cluster adds no work, only waits for cores.
speed-up
    Sequential wall / cluster wall.
overhead per task
    ``(cluster wall x workers - sum of task times) / runs``: the seconds each task costs
    beyond its own run (scheduling, transfers, idle workers at the end); and, measured
    alone, the wall time per task of trivial tasks (``abs(0)``) on the cluster.

A Markdown table goes to stdout (paste it into ``benchmarks/README.md``), progress to
stderr.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

import dask
import pandas as pd

from matching.distributed import (
    SYNCHRONOUS,
    NoShows,
    Selection,
    SweepSpec,
    Task,
    TextProgress,
    connect,
    run_sweep,
    run_tasks,
)
from matching.solver import SolverSettings

ROOT = Path(__file__).resolve().parents[1]
QIANJIN = ROOT / "data" / "qianjin-2023"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--quick", action="store_true", help="20 runs, as a smoke check")
    args = parser.parse_args(argv)
    runs = 20 if args.quick else args.runs
    spec = SweepSpec(
        "no-show what-ifs", select=Selection(start=date(2023, 3, 6), end=date(2023, 3, 19)),
        no_shows=NoShows((0.1,), draws=runs, seed=0, mode="replan"),
        settings=SolverSettings(time_limit=args.time_limit, workers=1, seed=0))
    progress = TextProgress()
    load_before = os.getloadavg()[0]

    print(f"sequential: {runs} runs in this process", file=sys.stderr)
    cpu = time.process_time()
    sequential = run_sweep(QIANJIN, spec, scheduler=SYNCHRONOUS, on_progress=progress)
    cpu_used = {"sequential": time.process_time() - cpu}

    print(f"cluster: starting {args.workers} workers", file=sys.stderr)
    started = time.monotonic()
    client = connect(n_workers=args.workers, quiet=True)
    startup = time.monotonic() - started
    try:
        trivial = [Task(f"noop-{i}", abs, (0,)) for i in range(200)]
        run_tasks(trivial[:20], client=client)  # warm the scheduler up
        started = time.monotonic()
        run_tasks(trivial, client=client)
        noop = (time.monotonic() - started) / len(trivial)
        cpu_before = client.run(time.process_time)
        clustered = run_sweep(QIANJIN, spec, client=client, on_progress=progress)
        cpu_after = client.run(time.process_time)
        cpu_used["cluster"] = sum(cpu_after[w] - cpu_before[w] for w in cpu_after)
    finally:
        client.close()

    same = _same(sequential.results, clustered.results)
    rows = []
    for label, result, workers, cpu_key in (
            ("sequential", sequential, 1, "sequential"),
            (f"local cluster, {args.workers} workers", clustered, args.workers, "cluster")):
        task_time = float(result.results["wall_time"].sum())
        rows.append({
            "mode": label, "runs": len(result.results), "failed": len(result.failed),
            "wall s": round(result.wall_time, 1), "task time s": round(task_time, 1),
            "CPU s": round(cpu_used[cpu_key], 1),
            "runs/s": round(len(result.results) / result.wall_time, 2),
            "speed-up": round(sequential.wall_time / result.wall_time, 2),
            "overhead/task s": round((result.wall_time * workers - task_time)
                                     / len(result.results), 3)})
    table = pd.DataFrame(rows)
    statuses = clustered.results["status"].value_counts().to_dict()
    print(f"\n### Sweeps: {runs} no-show what-ifs, two weeks of March "
          f"({os.cpu_count()} cores, {platform.python_version()}, dask {dask.__version__}, "
          f"time limit {args.time_limit:g} s, 1 CP-SAT worker per run)\n")
    print(table.to_markdown(index=False) if _has_tabulate() else table.to_string(index=False))
    print(f"\n- cluster start-up (not in wall): {startup:.1f} s")
    print(f"- trivial task on the cluster: {noop * 1000:.1f} ms wall per task "
          f"({len(trivial)} tasks)")
    print(f"- statuses: {statuses}; results identical to the sequential sweep: "
          f"{'yes' if same else 'NO'}")
    print(f"- load average (1 min) before / after: {load_before:.2f} / "
          f"{os.getloadavg()[0]:.2f} (other processes on the machine skew the figures)")
    return 0 if same else 1


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    drop = ["wall_time"]
    return a.drop(columns=drop).equals(b.drop(columns=drop))


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":  # the cluster's worker processes import this file: guard it
    raise SystemExit(main())
