"""Repeatable by default: the same workbook twice, repeatable and racing (a benchmark,
not a test).

Run from the repository root::

    python benchmarks/repeatable.py [--time-limit 30] [--workers 2]

Each instance (the third quarter of ``data/qianjin-2023`` and the whole year) is solved
twice with the default settings (repeatable: limits counted in work; on two cores or
more, two searches side by side) and
twice racing ``--workers`` workers for the whole time limit. The table says whether the
two plans are the same, their tiers and wall times; every plan is checked by the
evaluator. Paste it into ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from datetime import date
from pathlib import Path

from matching import load_problem
from matching.evaluate import evaluate
from matching.problem.select import restrict
from matching.solver import SolverSettings, solve

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    year = load_problem(ROOT / "data" / "qianjin-2023")
    instances = {"third quarter": restrict(year, start=date(2023, 7, 1),
                                           end=date(2023, 9, 30)), "year": year}
    print(f"python {platform.python_version()}, time limit {args.time_limit:g} s\n")
    print("| instance | mode | same plan | tiers (run 1 / run 2) | wall s | repeatable |")
    print("|---|---|---|---|---|---|")
    for name, problem in instances.items():
        for mode, settings in (
                ("repeatable (default)", SolverSettings(time_limit=args.time_limit, seed=0)),
                (f"race, {args.workers} workers",
                 SolverSettings(time_limit=args.time_limit, workers=args.workers, seed=0,
                                repeatable=False))):
            plans, walls = [], []
            for _ in range(2):
                started = time.monotonic()
                plan = solve(problem, settings)
                walls.append(time.monotonic() - started)
                if not evaluate(problem, plan).feasible:
                    sys.exit(f"{name}, {mode}: the evaluator rejects the plan")
                plans.append(plan)
            same = (plans[0].assignments, plans[0].staffing) == (plans[1].assignments,
                                                                 plans[1].staffing)
            print(f"| {name} | {mode} | {'yes' if same else 'no'} | "
                  f"{plans[0].objective} / {plans[1].objective} | "
                  f"{walls[0]:.1f} / {walls[1]:.1f} | {plans[0].meta['repeatable']} |",
                  flush=True)


if __name__ == "__main__":
    main()
