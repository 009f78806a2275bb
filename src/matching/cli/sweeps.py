"""The Dask commands: a ``sweep`` of scenarios and no-show draws, and a ``batch`` of
center workbooks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import say, text
from .common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    WORKBOOK_ARGUMENT,
    cluster_error,
    command,
    force_option,
    language_option,
    path_argument,
    positive,
    say_written,
    seconds,
    seed,
    speak,
    speaking,
)


def cmd_sweep(args: argparse.Namespace) -> int:
    """Run a sweep file's scenarios and no-show draws on Dask; write results.csv and
    summary.csv and print the progress and the summary, in the workbook's language unless
    ``--language`` says another. The workbook is validated first, before a cluster starts,
    as `solve` validates it: a bad one is refused in its own language, not failed run by
    run, and a good one's settings name the language, which a bad sweep file is then
    refused in too."""
    from ..distributed import SweepFileError, TextProgress, connect, load_sweep, run_sweep
    from ..distributed.sweeps import SWEEP_KIND
    from ..io import build_problem, read_tables
    from ..io.outputs import FORCE_OPTION, check_folder

    check_folder(args.out, force=args.force, kind=SWEEP_KIND)
    tables, issues = read_tables(args.workbook)
    language = speak(args, args.language or build_problem(tables, issues).settings.language)
    try:
        spec = load_sweep(args.sweep)
    except SweepFileError as exc:
        print(exc.render(language), file=sys.stderr)
        return EXIT_DATA
    try:
        client = connect(args.scheduler, n_workers=args.processes, quiet=True)
    except (OSError, TimeoutError, RuntimeError, ValueError) as exc:  # ValueError: no port
        return cluster_error(args, exc)
    try:
        result = run_sweep(tables, spec, client=client,
                           on_progress=None if args.quiet else TextProgress(language=language))
    except SweepFileError as exc:  # a selection the workbook does not have
        print(exc.render(language), file=sys.stderr)
        return EXIT_DATA
    finally:
        client.close()
    result.save(args.out, force=args.force, option=FORCE_OPTION)
    print("\n".join(result.summary_lines(language)))
    say_written(args.out, language)
    return EXIT_OK if len(result.failed) == 0 else EXIT_DATA  # a summary of part is no summary


#: What ``batch``'s folder should be.
CENTERS_ARGUMENT = say("argument.centers")


def cmd_batch(args: argparse.Namespace) -> int:
    """Plan every center workbook of a folder on Dask; write one CSV per KPI table and a
    status table. The summary speaks ``--language``, else the one language the settings
    of every valid workbook name (a district's centers work in one, as a rule), else
    English: of a folder in two languages, neither is the folder's. The workbooks' language
    is known only once the batch has run, so its progress line, and a folder without
    workbooks or a cluster out of reach, speak ``--language``, else English."""
    from ..distributed import TextProgress, connect, find_workbooks, run_batch
    from ..distributed.batch import BATCH_KIND
    from ..io.outputs import FORCE_OPTION, check_folder
    from ..solver import SolverSettings

    check_folder(args.out, force=args.force, kind=BATCH_KIND)
    try:
        workbooks = find_workbooks(args.folder)  # a missing folder is refused as missing
    except NotADirectoryError:
        print(text("refusal.file_for_folder", speaking(args), path=args.folder,
                   argument="folder", expected=CENTERS_ARGUMENT.render(speaking(args))),
              file=sys.stderr)
        return EXIT_USAGE
    if not workbooks:
        print(text("distributed.no_workbooks", speaking(args), folder=args.folder),
              file=sys.stderr)
        return EXIT_USAGE
    try:
        client = connect(args.scheduler, n_workers=args.processes, quiet=True)
    except (OSError, TimeoutError, RuntimeError, ValueError) as exc:  # ValueError: no port
        return cluster_error(args, exc)
    settings = SolverSettings(time_limit=args.time_limit, workers=1, seed=args.seed)
    progress = None if args.quiet else TextProgress(language=args.language or "en")
    try:
        result = run_batch(workbooks, settings, client=client, on_progress=progress)
    finally:
        client.close()
    result.save(args.out, force=args.force, option=FORCE_OPTION)
    language = args.language or result.language or "en"
    print("\n".join(result.summary_lines(language)))
    say_written(args.out, language)
    return EXIT_OK if (result.status["error"] == "").all() else EXIT_DATA


def _cluster_options(command: argparse.ArgumentParser) -> None:
    """Where to run: a Dask scheduler's address, or how many local worker processes."""
    command.add_argument("--scheduler", default=None, metavar="ADDR",
                         help="a Dask scheduler, e.g. tcp://127.0.0.1:8786 (default: a local "
                         "cluster)")
    command.add_argument("--processes", type=positive, default=None, metavar="N",
                         help="local Dask worker processes (default: one per core); with "
                         "--scheduler, wait for N workers. Not --workers: that is the "
                         "CP-SAT threads of one solve")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """``sweep`` and ``batch`` with their options."""
    sweep = command(commands, "sweep", "run a sweep file's scenarios and no-show "
                    "draws on Dask and summarise their KPIs")
    path_argument(sweep, "workbook", expected=WORKBOOK_ARGUMENT)
    path_argument(sweep, "sweep", expected=say("argument.sweep", yaml=".yaml", json=".json"))
    sweep.add_argument("--out", type=Path, required=True,
                       help="folder for results.csv and summary.csv")
    _cluster_options(sweep)
    sweep.add_argument("--quiet", action="store_true", help="no progress line")
    language_option(sweep, "the progress line and the summary")
    force_option(sweep, "the --out folder")
    sweep.set_defaults(run=cmd_sweep)

    batch = command(commands, "batch", "plan a folder of center workbooks on Dask "
                    "and tabulate their KPIs")
    path_argument(batch, "folder", expected=CENTERS_ARGUMENT)
    batch.add_argument("--out", type=Path, required=True,
                       help="folder for status.csv, kpis.csv, a CSV per KPI table, plans/")
    _cluster_options(batch)
    batch.add_argument("--time-limit", type=seconds, default=10.0, metavar="S",
                       help="seconds per center (default 10)")
    batch.add_argument("--seed", type=seed, default=0, metavar="K",
                       help="CP-SAT random seed")
    batch.add_argument("--quiet", action="store_true", help="no progress line")
    language_option(batch, "the progress line and the summary", default="the workbooks' "
                    "for the summary when they all have one, else English")
    force_option(batch, "the --out folder")
    batch.set_defaults(run=cmd_batch)
