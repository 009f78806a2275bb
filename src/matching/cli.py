"""Command line: python -m matching <command> ... for scripts and CI.

Each command is a thin wrapper over the Python API. Exit codes: 0 success, 1 invalid
data (or no plan), 2 usage error (or an internal error, whose traceback goes to a log
file named on stderr). Data errors print every problem, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError
from .io import load_problem
from .io.outputs import OutputFolderError

if TYPE_CHECKING:
    from .export import PlanFile
    from .problem import Problem

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: What ``solve`` writes instead of a plan when it finds none (the plan stays as it was).
NO_PLAN_REPORT = "conflicts.txt"


class SolverDefaults:
    """Defaults shown in ``--help`` without importing the solver at start-up."""

    workers = min(os.cpu_count() or 1, 8)


class ReadProgress:
    """Progress lines on stderr while a workbook is read, once reading has taken longer
    than :attr:`after` seconds: a large workbook says what it is doing, a small one
    stays quiet."""

    after = 2.0

    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self, step: str, rows: int) -> None:
        elapsed = time.monotonic() - self.started
        if elapsed < self.after:
            return
        what = (f"validating {rows:,} rows ..." if step == "validating" else
                f"read {step}: {rows:,} rows")
        print(f"{what} ({elapsed:.0f} s)", file=sys.stderr, flush=True)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a workbook and print its summary."""
    from .summary import workbook_lines

    print("\n".join(workbook_lines(load_problem(args.workbook, ReadProgress()))))
    return EXIT_OK


def cmd_solve(args: argparse.Namespace) -> int:
    """Plan a workbook, write the plan tables and print a summary."""
    from .export import save_plan
    from .io import write_tables
    from .io.outputs import check_folder, replace_folder
    from .problem.size import estimate, too_large
    from .solver import Progress, SolverSettings, solve
    from .summary import plan_tables, summary_lines

    problem = load_problem(args.workbook, ReadProgress())
    too_big = too_large(estimate(problem))
    if too_big and not args.allow_large:
        print(f"error: {too_big}; pass --allow-large to try anyway", file=sys.stderr)
        return EXIT_DATA
    check_folder(args.out, force=args.force)  # fail before solving, not after
    settings = SolverSettings(time_limit=args.time_limit, workers=args.workers, seed=args.seed,
                              no_improvement_seconds=args.patience, repeatable=not args.race)

    def report(progress: Progress) -> None:
        bound = "-" if progress.bound is None else f"{progress.bound:g}"
        print(f"\r{progress.stage:<9} objective {progress.objective:>10g}  bound "
              f"{bound:>10}  {progress.elapsed:6.1f} s", end="", file=sys.stderr)

    live = sys.stderr.isatty() and not args.quiet  # a log file gets no carriage returns
    plan = solve(problem, settings, on_progress=report if live else None)
    if live:
        print(file=sys.stderr)
    print("\n".join(summary_lines(problem, plan)))
    if plan.status not in ("OPTIMAL", "FEASIBLE"):  # keep the plan the folder has
        text = (f"{plan.status}: no plan for {args.workbook}\n"
                + "".join(f"- {line}\n" for line in plan.conflicts))
        replace_folder(args.out, lambda side: (side / NO_PLAN_REPORT).write_text(
            text, encoding="utf-8"), force=args.force, keep=True)
        print(f"written     {args.out / NO_PLAN_REPORT}; any plan already in {args.out} "
              "is kept")
        return EXIT_DATA
    tables = plan_tables(problem, plan)
    tables_name = "plan.xlsx" if args.format == "xlsx" else ""

    def write(side: Path) -> None:
        write_tables(tables, side / tables_name)
        save_plan(plan, problem, side / "plan.json", workbook=args.workbook,
                  settings=settings)

    replace_folder(args.out, write, force=args.force)
    print(f"written     {args.out / tables_name} and {args.out / 'plan.json'} (for `export`)")
    return EXIT_OK


def _load_plan(plan: Path, workbook: Path | None
               ) -> tuple[Problem, PlanFile, Path] | int:
    """The part of the workbook a plan file covers, the plan file and the workbook's path;
    or, after saying what is wrong, the exit code.

    ``plan`` is a plan file or the folder ``solve --out`` wrote; ``workbook`` replaces
    the one the plan file names.
    """
    from .export import PlanFileError, PlanMismatchError, read_plan_file
    from .io.outputs import settle

    settle(plan.parent if plan.suffix.lower() == ".json" else plan)
    path = plan / "plan.json" if plan.is_dir() else plan  # solve's --out
    try:
        planfile = read_plan_file(path)
    except PlanFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
    workbook = workbook or planfile.workbook
    if workbook is None:
        print(f"error: {plan} does not say which workbook it is for; pass --workbook",
              file=sys.stderr)
        return EXIT_USAGE
    problem = load_problem(workbook, ReadProgress())
    mismatches = planfile.mismatches(problem)
    if mismatches:
        print(f"error: {PlanMismatchError(planfile.path, mismatches)}", file=sys.stderr)
        return EXIT_DATA
    return planfile.problem_for(problem), planfile, workbook


def cmd_export(args: argparse.Namespace) -> int:
    """Export a plan file as an Excel workbook, calendar files, an HTML report or an
    attendance template."""
    from .evaluate import evaluate
    from .export import save_calendars, save_excel, save_report

    if args.to == "ics" and args.out.suffix.lower() == ".ics":
        print("error: --to ics writes one .ics file per volunteer, per room and for the "
              "center: give --out a folder name, not a file name", file=sys.stderr)
        return EXIT_USAGE
    if args.to == "attendance-template" and args.out.suffix.lower() != ".xlsx":
        print("error: --to attendance-template writes an Excel workbook: give --out a file "
              "name ending in .xlsx", file=sys.stderr)
        return EXIT_USAGE
    loaded = _load_plan(args.plan, args.workbook)
    if isinstance(loaded, int):
        return loaded
    planned, planfile, workbook = loaded
    if args.to == "attendance-template":  # a record of what happened, whatever the plan
        from .actuals import save_template

        save_template(planned, planfile.plan, args.out,
                      run=f"python -m matching ledger {workbook} {args.plan} "
                          f"--actuals {args.out} --out ledger")
        print(f"written     {args.out}")
        return EXIT_OK
    score = evaluate(planned, planfile.plan)
    if score.hard_violations:
        print(f"{'warning' if args.allow_violations else 'error'}: the plan breaks "
              f"{len(score.hard_violations)} hard rule(s):", file=sys.stderr)
        for finding in score.hard_violations[:10]:
            print(f"  - {finding.message}", file=sys.stderr)
        if not args.allow_violations:
            print("nothing written; correct the plan, or pass --allow-violations to export "
                  "it with this warning in it", file=sys.stderr)
            return EXIT_DATA
    savers: dict[str, Callable[..., object]] = {
        "xlsx": save_excel, "ics": save_calendars, "html": save_report}
    options = {"force": args.force} if args.to == "ics" else {}
    savers[args.to](planned, planfile.plan, args.out, score=score,
                    include_contacts=args.include_contacts, **options)
    print(f"written     {args.out}" + (" (with contact details)" if args.include_contacts
                                       else ""))
    return EXIT_OK


def cmd_ledger(args: argparse.Namespace) -> int:
    """Read what happened to a plan (a filled attendance template) and write the hours
    ledger: ledger.xlsx, hours.csv and certificates.html."""
    from .actuals import LEDGER_FILES, Ledger, read_actuals, save_ledger
    from .export import PersonalDataError
    from .io.outputs import check_folder

    check_folder(args.out, force=args.force)
    loaded = _load_plan(args.plan, args.workbook)
    if isinstance(loaded, int):
        return loaded
    planned, planfile, _workbook = loaded
    actuals = read_actuals(args.actuals, planned, planfile.plan)
    if actuals.warnings:
        print(f"note: what happened differs from the plan (or the file) in "
              f"{len(actuals.warnings)} place(s):", file=sys.stderr)
        for warning in actuals.warnings:
            print(f"  {warning}", file=sys.stderr)
    ledger = Ledger(planned, planfile.plan, actuals)
    try:
        save_ledger(ledger, args.out, force=args.force)
    except PersonalDataError as exc:
        print(f"error: {exc}; nothing written", file=sys.stderr)
        return EXIT_DATA
    volunteers, quarters = ledger.by_volunteer(), ledger.by_quarter()
    print(f"ledger      {volunteers['hours'].sum():g} hours by "
          f"{int((volunteers['hours'] > 0).sum())} volunteers ("
          f"{volunteers['hours_planned'].sum():g} of them as planned, without an attendance "
          f"row), {int(volunteers['no_shows'].sum())} no-shows; activities held: "
          f"{int(quarters['activities'].sum())}, not held: {int(quarters['not_held'].sum())}")
    print(f"written     {', '.join(str(args.out / name) for name in LEDGER_FILES)}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the year-end report of what happened to a plan: figures beside the plan,
    sentences and bar charts, as an HTML page or an Excel workbook."""
    from .actuals import Highlights, Review, read_actuals, save_review
    from .actuals.report import SUFFIXES
    from .export import PersonalDataError

    if args.out.suffix.lower() not in SUFFIXES:
        print(f"error: --out must end in {' or '.join(SUFFIXES)}", file=sys.stderr)
        return EXIT_USAGE
    loaded = _load_plan(args.plan, args.workbook)
    if isinstance(loaded, int):
        return loaded
    planned, planfile, _workbook = loaded
    actuals = read_actuals(args.actuals, planned, planfile.plan)
    review = Review(planned, planfile.plan, actuals,
                    Highlights(tuple(args.camp_series or Highlights.camp_series),
                               args.red_classroom))
    try:
        save_review(review, args.out, language=args.language)
    except PersonalDataError as exc:
        print(f"error: {exc}; nothing written", file=sys.stderr)
        return EXIT_DATA
    print(f"written     {args.out}")
    return EXIT_OK


def cmd_whatif(args: argparse.Namespace) -> int:
    """Re-plan a workbook under a scenario with minimal change from a baseline plan, write
    the new plan and the diff, and print the KPI deltas."""

    from .io import build_problem, read_tables, write_tables
    from .io.outputs import check_folder, replace_folder
    from .scenario import Scenario, ScenarioError, diff, solve_changed
    from .scenario.files import baseline_issues, read_plan_folder
    from .solver import SolverSettings
    from .summary import plan_tables

    check_folder(args.out, force=args.force)
    try:
        scenario = Scenario.load(args.scenario)
        tables, file_issues = read_tables(args.workbook)
        base = build_problem(tables, file_issues)
        problem = scenario.build(tables)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return EXIT_DATA
    baseline = read_plan_folder(args.baseline)
    planned_for = baseline.meta.get("fingerprint", base.fingerprint)
    if planned_for != base.fingerprint:
        print(f"error: the baseline in {args.baseline} was planned for another workbook (or "
              f"an earlier version of {args.workbook}); plan it again with `solve`",
              file=sys.stderr)
        return EXIT_DATA
    issues = baseline_issues(base, baseline)
    if issues:
        raise DataError(issues, f"the baseline in {args.baseline}")
    settings = SolverSettings(time_limit=args.time_limit, workers=args.workers, seed=args.seed,
                              repeatable=not args.race)
    plan = solve_changed(problem, scenario, baseline, settings)
    if plan.status not in ("OPTIMAL", "FEASIBLE"):
        print(f"error: no plan for scenario {scenario.name!r} ({plan.status})", file=sys.stderr)
        for conflict in plan.conflicts:
            print(f"  - {conflict}", file=sys.stderr)
        return EXIT_DATA
    changes = diff(base, baseline, problem, plan)
    out = plan_tables(problem, plan)
    out.update({"diff": changes.changes, "kpi_deltas": changes.kpis, "loads": changes.loads})
    replace_folder(args.out, lambda side: write_tables(out, side), force=args.force)
    counts = ", ".join(f"{n} {kind}" for kind, n in changes.counts().items() if n)
    print(f"scenario    {scenario.name}: {plan.status}, {changes.changed_assignments} "
          f"changed assignment(s) (start, room or scheduled); by kind of change: "
          f"{counts or 'none'}")
    print(changes.kpis.to_string(index=False))
    print(f"written     {args.out}")
    return EXIT_OK


def _cluster_error(args: argparse.Namespace, exc: Exception) -> int:
    where = f"the Dask scheduler at {args.scheduler}" if args.scheduler else "a local cluster"
    print(f"error: cannot run on {where}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return EXIT_USAGE


def cmd_sweep(args: argparse.Namespace) -> int:
    """Run a sweep file's scenarios and no-show draws on Dask; write results.csv and
    summary.csv and print the summary."""
    from .distributed import SweepFileError, TextProgress, connect, load_sweep, run_sweep
    from .io.outputs import check_folder

    check_folder(args.out, force=args.force)
    try:
        spec = load_sweep(args.sweep)
    except SweepFileError as exc:
        print(exc, file=sys.stderr)
        return EXIT_DATA
    from .io import read_tables

    tables, issues = read_tables(args.workbook)
    if any(i.severity == "error" for i in issues):
        raise DataError(issues)
    try:
        client = connect(args.scheduler, n_workers=args.workers, quiet=True)
    except (OSError, TimeoutError, RuntimeError) as exc:
        return _cluster_error(args, exc)
    try:
        result = run_sweep(tables, spec, client=client,
                           on_progress=None if args.quiet else TextProgress())
    except SweepFileError as exc:
        print(exc, file=sys.stderr)
        return EXIT_DATA
    finally:
        client.close()
    result.save(args.out, force=args.force)
    print("\n".join(result.summary_lines()))
    print(f"written     {args.out}")
    return EXIT_OK if len(result.failed) == 0 else EXIT_DATA  # a summary of part is no summary


def cmd_batch(args: argparse.Namespace) -> int:
    """Plan every center workbook of a folder on Dask; write one CSV per KPI table and a
    status table."""
    from .distributed import TextProgress, connect, find_workbooks, run_batch
    from .io.outputs import check_folder
    from .solver import SolverSettings

    check_folder(args.out, force=args.force)
    workbooks = find_workbooks(args.folder)
    if not workbooks:
        print(f"error: no workbooks in {args.folder} (subfolders of CSV files or .xlsx "
              "files, one per center)", file=sys.stderr)
        return EXIT_USAGE
    try:
        client = connect(args.scheduler, n_workers=args.workers, quiet=True)
    except (OSError, TimeoutError, RuntimeError) as exc:
        return _cluster_error(args, exc)
    settings = SolverSettings(time_limit=args.time_limit, workers=1, seed=args.seed)
    try:
        result = run_batch(workbooks, settings, client=client,
                           on_progress=None if args.quiet else TextProgress())
    finally:
        client.close()
    result.save(args.out, force=args.force)
    print("\n".join(result.summary_lines()))
    print(f"written     {args.out}")
    return EXIT_OK if (result.status["error"] == "").all() else EXIT_DATA


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"a whole number of at least 1, not {text}")
    return value


def cmd_generate(args: argparse.Namespace) -> int:
    """Write a seeded synthetic workbook shaped like the embedded one."""
    from .io import save_workbook
    from .synthetic import generate

    tables = generate(args.scale, args.seed, base=args.base)
    path = save_workbook(tables, args.out)
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in tables.items())
    print(f"written     {path}: {counts}")
    return EXIT_OK


def _above_zero(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"a number above 0, not {text}")
    return value


def _search_options(command: argparse.ArgumentParser) -> None:
    """Time limit, workers and seed, as ``solve`` and ``whatif`` share them."""
    command.add_argument("--time-limit", type=_above_zero, default=30.0, metavar="S",
                         help="seconds for the whole search, model building included")
    command.add_argument("--race", action="store_true",
                         help="race --workers CP-SAT workers for the whole time limit: often "
                         "a better plan in the same time, but a different one on each run "
                         "(by default the same workbook and settings give the same plan)")
    command.add_argument("--workers", type=_positive, default=SolverDefaults.workers,
                         metavar="N", help="CP-SAT workers with --race (a repeatable search "
                         "runs on one)")
    command.add_argument("--seed", type=int, default=0, metavar="K", help="CP-SAT random seed")


def _actuals_options(command: argparse.ArgumentParser, out: str) -> None:
    """The workbook, plan, actuals and output that ``ledger`` and ``report`` share."""
    command.add_argument("workbook", type=Path, help="the workbook the plan was made from")
    command.add_argument("plan", type=Path,
                         help="a plan file (plan.json), or the folder `solve --out` wrote")
    command.add_argument("--actuals", type=Path, required=True,
                         help="the filled template of `export --to attendance-template` "
                         "(.xlsx), or a folder with actuals.csv and attendance.csv")
    command.add_argument("--out", type=Path, required=True, help=out)


def _force_option(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--force", action="store_true",
                         help=f"replace {what} even when it holds files matching did not "
                         "write or that were edited since (files of other names are kept)")


def _command(commands: argparse._SubParsersAction, name: str, summary: str
             ) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` shows each option's default."""
    return commands.add_parser(name, help=summary,
                               formatter_class=argparse.ArgumentDefaultsHelpFormatter)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m matching", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = _command(commands, "check", "validate a workbook and print a summary")
    check.add_argument("workbook", type=Path, help="a CSV folder or an .xlsx file")
    check.set_defaults(run=cmd_check)

    solve = _command(commands, "solve", "plan a workbook and write the plan tables")
    solve.add_argument("workbook", type=Path, help="a CSV folder or an .xlsx file")
    solve.add_argument("--out", type=Path, required=True, help="folder for the plan tables")
    _search_options(solve)
    solve.add_argument("--patience", type=float, default=None, metavar="S",
                       help="stop a stage after S seconds without improvement")
    solve.add_argument("--format", choices=("csv", "xlsx"), default="csv",
                       help="CSV files, or one plan.xlsx with a sheet per table")
    solve.add_argument("--allow-large", action="store_true",
                       help="solve even when the model is estimated to need more memory "
                       "than the machine has")
    solve.add_argument("--quiet", action="store_true", help="no progress line")
    _force_option(solve, "the --out folder")
    solve.set_defaults(run=cmd_solve)

    export = _command(commands, "export", "export a plan file as xlsx, ics or html")
    export.add_argument("plan", type=Path,
                        help="a plan file (plan.json), or the folder `solve --out` wrote")
    export.add_argument("--to", choices=("xlsx", "ics", "html", "attendance-template"),
                        required=True, help="attendance-template: an .xlsx filled in as "
                        "planned, to record what happened and who came (for `ledger`)")
    export.add_argument("--out", type=Path, required=True,
                        help="the file to write (a folder for ics: one file per calendar)")
    export.add_argument("--include-contacts", action="store_true",
                        help="include volunteers' phone numbers and notes (internal use)")
    export.add_argument("--allow-violations", action="store_true",
                        help="export a plan that breaks hard rules (each format then "
                        "carries a warning); without it such a plan is not exported")
    export.add_argument("--workbook", type=Path, default=None,
                        help="the workbook to use instead of the one the plan file names")
    _force_option(export, "an ics --out folder")
    export.set_defaults(run=cmd_export)

    ledger = _command(commands, "ledger", "count volunteer hours from what happened "
                                 "(a filled attendance template) and write certificates")
    _actuals_options(ledger, "folder for ledger.xlsx, hours.csv and certificates.html")
    _force_option(ledger, "the --out folder")
    ledger.set_defaults(run=cmd_ledger)

    report = _command(commands, "report", "write the year-end report of what happened "
                      "beside the plan (HTML or Excel)")
    _actuals_options(report, "report.html (a self-contained page) or report.xlsx")
    report.add_argument("--language", choices=("zh", "en"), default=None,
                        help="the report's language (default: the workbook's)")
    report.add_argument("--camp-series", action="append", default=None, metavar="ID",
                        help="a series_id of the summer camp's sessions (repeatable; "
                        "default S-CAMP)")
    report.add_argument("--red-classroom", default="红色课堂", metavar="WORD",
                        help="the word in the titles of red-classroom events "
                        "(default 红色课堂)")
    report.set_defaults(run=cmd_report)

    whatif = _command(commands, "whatif", "re-plan a scenario with minimal change "
                                 "from a baseline plan and write the diff")
    whatif.add_argument("workbook", type=Path, help="the workbook the baseline plans")
    whatif.add_argument("scenario", type=Path, help="a scenario file (.yaml or .json)")
    whatif.add_argument("--baseline", type=Path, required=True,
                        help="a plan folder with assignments.csv and staffing.csv")
    whatif.add_argument("--out", type=Path, required=True,
                        help="folder for the new plan, diff.csv and kpi_deltas.csv")
    _search_options(whatif)
    _force_option(whatif, "the --out folder")
    whatif.set_defaults(run=cmd_whatif)

    sweep = _command(commands, "sweep", "run a sweep file's scenarios and no-show "
                                "draws on Dask and summarise their KPIs")
    sweep.add_argument("workbook", type=Path, help="a CSV folder or an .xlsx file")
    sweep.add_argument("sweep", type=Path, help="a sweep file (.yaml or .json)")
    sweep.add_argument("--out", type=Path, required=True,
                       help="folder for results.csv and summary.csv")
    sweep.add_argument("--scheduler", default=None, metavar="ADDR",
                       help="a Dask scheduler, e.g. tcp://127.0.0.1:8786 (default: a local "
                       "cluster)")
    sweep.add_argument("--workers", type=_positive, default=None, metavar="N",
                       help="local worker processes (default: one per core); with "
                       "--scheduler, wait for N workers")
    sweep.add_argument("--quiet", action="store_true", help="no progress line")
    _force_option(sweep, "the --out folder")
    sweep.set_defaults(run=cmd_sweep)

    batch = _command(commands, "batch", "plan a folder of center workbooks on Dask "
                                "and tabulate their KPIs")
    batch.add_argument("folder", type=Path, help="subfolders of CSV files or .xlsx files, "
                       "one per center")
    batch.add_argument("--out", type=Path, required=True,
                       help="folder for status.csv, kpis.csv, a CSV per KPI table, plans/")
    batch.add_argument("--scheduler", default=None, metavar="ADDR",
                       help="a Dask scheduler, e.g. tcp://127.0.0.1:8786 (default: a local "
                       "cluster)")
    batch.add_argument("--workers", type=_positive, default=None, metavar="N",
                       help="local worker processes (default: one per core); with "
                       "--scheduler, wait for N workers")
    batch.add_argument("--time-limit", type=_above_zero, default=10.0, metavar="S",
                       help="seconds per center (default 10)")
    batch.add_argument("--seed", type=int, default=0, metavar="K")
    batch.add_argument("--quiet", action="store_true", help="no progress line")
    _force_option(batch, "the --out folder")
    batch.set_defaults(run=cmd_batch)

    generate = _command(commands, "generate", "write a synthetic workbook at any scale, "
                        "for trying and benchmarking")
    generate.add_argument("out", type=Path, help="a folder for CSV files, or a .xlsx path")
    generate.add_argument("--scale", type=_above_zero, default=1.0,
                          help="how many centers' worth of the embedded workbook")
    generate.add_argument("--seed", type=int, default=0, help="random seed")
    generate.add_argument("--base", type=Path, default=None,
                          help="template workbook (the embedded qianjin-2023 if not given)")
    generate.set_defaults(run=cmd_generate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        with _terminate_cleanly():
            return run(args)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return EXIT_DATA
    except OutputFolderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a missing file, a folder given for a file, no permission...
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: say so plainly, keep the details for the report
        log = _write_crash_log(argv)
        print(f"internal error ({type(exc).__name__}: {exc}); this is a bug in matching, "
              f"not in your data. Please report it with the log {log}", file=sys.stderr)
        return EXIT_USAGE


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Let ``kill`` (SIGTERM) unwind like Ctrl+C, so that side folders and temporary
    files are removed on the way out instead of left behind."""
    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write_crash_log(argv: Sequence[str] | None) -> Path:
    """The traceback of the exception being handled, with the command line, in a new
    file of the temporary folder."""
    import tempfile
    import traceback

    from . import __version__

    handle, name = tempfile.mkstemp(prefix="matching-error-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as log:
        log.write(f"matching {__version__}, python {sys.version.split()[0]}\n")
        log.write(f"command: {' '.join(sys.argv[:1] + list(argv or sys.argv[1:]))}\n\n")
        log.write(traceback.format_exc())
    return Path(name)
