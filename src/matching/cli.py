"""Command line: ``python -m matching <command> ...`` for scripts and CI.

Each command is a thin wrapper over the Python API. Exit codes: 0 success, 1 invalid
data (or no plan), 2 usage error. Data errors print every problem, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import DataError
from .io import load_problem
from .problem import Problem

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _summary(problem: Problem) -> str:
    s = problem.settings
    kinds: dict[str, int] = {}
    priorities: dict[str, int] = {}
    for a in problem.activities:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
        priorities[a.priority] = priorities.get(a.priority, 0) + 1
    lines = [
        f"workbook   {s.name}",
        f"horizon    {s.horizon_start} .. {s.horizon_end} ({problem.grid.days} days, "
        f"{s.slot_minutes}-minute slots, {s.timezone}, holidays {s.holidays or 'none'})",
        f"themes     {len(problem.themes)}",
        f"rooms      {len(problem.rooms)} ({len(problem.opening_hours)} opening rows, "
        f"{len(problem.closures)} closures)",
        f"volunteers {len(problem.volunteers)} ({len(problem.availability)} availability rows,"
        f" {len(problem.preferences)} preferences)",
        "activities {} ({})".format(
            len(problem.activities), ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))),
        "priority   " + ", ".join(f"{p} {priorities.get(p, 0)}"
                                  for p in ("must", "high", "normal", "low")),
        f"roles      {len(problem.roles)} ({sum(r.min for r in problem.roles)} seats at min, "
        f"{sum(r.target for r in problem.roles)} at target)",
        f"series     {len(problem.series)}",
    ]
    warnings = problem.warnings
    lines.append(f"warnings   {len(warnings)}")
    lines += [f"  {w}" for w in warnings]
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a workbook and print its summary."""
    problem = load_problem(args.workbook)
    print(_summary(problem))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m matching", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate a workbook and print a summary")
    check.add_argument("workbook", type=Path, help="a CSV folder or an .xlsx file")
    check.set_defaults(run=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return EXIT_DATA
    except (FileNotFoundError, NotADirectoryError, PermissionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
