"""What the command modules share: exit codes, the workbook read with progress, the plan
file loaded against its workbook, and the argument types and option groups several
commands take (one definition each, so that ``solve`` and ``whatif`` cannot drift)."""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ..errors import DataError
from ..i18n import LANGUAGES, Message, first_said, say, text
from ..io import build_problem, read_tables
from ..io.build import DEFAULT_LANGUAGE, settings_language
from ..io.cells import CellError, is_date_like, parse_date

if TYPE_CHECKING:
    import pandas as pd

    from ..evaluate import Finding
    from ..io import PlanFile
    from ..problem import Problem
    from ..solver import SolverSettings

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: The exit code of a command ended by Ctrl+C (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 128 + signal.SIGINT

T = TypeVar("T")


class SolverDefaults:
    """Defaults shown in ``--help`` without importing the solver at start-up."""

    workers = min(os.cpu_count() or 1, 8)


class ReadProgress:
    """Progress lines on stderr while a workbook is read, once reading has taken longer
    than :attr:`after` seconds: a large workbook says what it is doing, a small one
    stays quiet. They speak ``language`` (a command's ``--language``), else the language
    the workbook's settings ask for, read first."""

    after = 2.0

    def __init__(self, language: str | None = None) -> None:
        self.started = time.monotonic()
        self.language = language

    def table(self, name: str, frame: pd.DataFrame) -> None:
        if name == "settings" and self.language is None:
            self.language = settings_language(frame)
        self._say("notice.read_table", table=text(f"table.{name}", self._speaking()),
                  rows=f"{len(frame):,}")

    def validating(self, rows: int) -> None:
        self._say("notice.validating", rows=f"{rows:,}")

    def _speaking(self) -> str:
        return self.language or DEFAULT_LANGUAGE

    def _say(self, key: str, **values: object) -> None:
        elapsed = time.monotonic() - self.started
        if elapsed >= self.after:
            print(text(key, self._speaking(), seconds=f"{elapsed:.0f}", **values),
                  file=sys.stderr, flush=True)


def system_language() -> str:
    """The language of this machine's messages (``LC_ALL``, else ``LC_MESSAGES``, else
    ``LANG``: ``zh_CN.UTF-8`` is Chinese), else English: what a command speaks before
    it has a workbook to ask (a workbook path mistyped)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def speaking(args: argparse.Namespace) -> str:
    """The language a command speaks at this moment, in its notes and in what it says
    when Ctrl+C or ``kill`` stops it: its ``--language``, where it has the option, else
    the machine's (:func:`system_language`) until the command has read its workbook and
    set ``args.language`` to the language it speaks (:func:`speak`). A search stopped on
    a Chinese workbook says so in Chinese, as its summary does, and both notices of one
    stop ("stopping", then "interrupted") in one language."""
    return getattr(args, "language", None) or system_language()


def speak(args: argparse.Namespace, language: str) -> str:
    """``language``, which the command speaks from here, its stop notices too
    (:func:`speaking`)."""
    args.language = language
    return language


def stoppable(search: Callable[[threading.Event], T], language: str) -> T:
    """``search(stop)``, which Ctrl+C stops as the app's Stop button does: the first
    press sets ``stop``, says so in ``language`` (:func:`speaking`) and the search
    returns the best plan it holds, which the command then writes, marked as stopped; a
    second press quits at once and writes nothing (``KeyboardInterrupt``).

    The search runs on a thread of its own because Python runs signal handlers on the
    main thread only, between two of its instructions, never while that thread waits in
    CP-SAT: Ctrl+C (and ``kill``) would otherwise wait for the call to end. However the
    command ends, the search is stopped before it returns, so that no CP-SAT call
    outlives the interpreter."""
    if threading.current_thread() is not threading.main_thread():
        return search(threading.Event())  # signals reach the main thread only
    stop, finished = threading.Event(), threading.Event()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(search(stop))
        except BaseException as exc:  # handed to the main thread, which raises it
            failure.append(exc)
        finally:
            finished.set()

    def interrupt(_signum: int, _frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("\n" + text("notice.stopping", language), file=sys.stderr, flush=True)

    # waited for through an event: a thread's join that Ctrl+C interrupts may take the
    # thread for ended while it still runs (Python 3.11)
    worker = threading.Thread(target=run, name="matching-search", daemon=True)
    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        worker.start()
        while not finished.wait(0.1):
            pass
    finally:
        stop.set()
        signal.signal(signal.SIGINT, previous)
        finished.wait(10)
    if failure:
        raise failure[0]
    return outcome[0]


def read_workbook(path: Path, language: str | None = None) -> Problem:
    """The workbook at ``path``, read with progress lines on stderr if it is slow, in
    ``language`` or else the workbook's."""
    return read_workbook_tables(path, language)[1]


def read_workbook_tables(path: Path, language: str | None = None
                         ) -> tuple[dict[str, pd.DataFrame], Problem]:
    """The tables of the workbook at ``path`` and the problem they make, read as
    :func:`read_workbook` reads it."""
    progress = ReadProgress(language)
    tables, issues = read_tables(path, progress.table)
    progress.validating(sum(len(frame) for frame in tables.values()))
    return tables, build_problem(tables, issues)


def load_plan(plan: Path, workbook: Path | None, language: str | None = None, *,
              added: bool = True) -> tuple[Problem, PlanFile, Path] | int:
    """The part of the workbook a plan file covers, the plan file and the workbook's path;
    or, after saying what is wrong, the exit code.

    ``plan`` is a plan file or the folder ``solve --out`` wrote; ``workbook`` replaces
    the one the plan file names; with ``added``, activities added to the plan's scope
    since refuse it (:meth:`PlanFile.mismatches`). What is wrong is said in ``language``
    (``--language``), else in the workbook's once it is read, else in English: a folder
    where ``solve`` found no plan names the workbook in its report only.
    """
    from ..io import PlanFileError
    from ..scenario.files import plan_file_with_edits
    from .plan import NO_PLAN_REPORT

    if plan.is_dir() and not (plan / "plan.json").exists() and (plan / NO_PLAN_REPORT).exists():
        print(text("refusal.no_plan", language or "en", folder=plan,
                   report=plan / NO_PLAN_REPORT), file=sys.stderr)
        return EXIT_DATA
    try:
        planfile, notes = plan_file_with_edits(plan)
    except PlanFileError as exc:  # no workbook is known yet to speak its language
        said = language or "en"
        print(text("refusal.said", said, problem=exc.render(said)), file=sys.stderr)
        return EXIT_DATA
    except DataError as exc:  # edited tables that do not read: said as the rest is
        raise DataError(exc.issues + exc.warnings, exc.subject,
                        language or _workbook_language(plan, workbook)) from None
    workbook = workbook or planfile.workbook
    if workbook is None:  # no workbook is known yet to speak its language
        print(text("refusal.no_workbook", language or "en", plan=plan, option="--workbook"),
              file=sys.stderr)
        return EXIT_USAGE
    problem = read_workbook(workbook, language)
    language = language or problem.settings.language
    for note in notes:  # said once the workbook says its language
        print(note.render(language), file=sys.stderr)
    refusal = planfile.mismatch_error(problem, added=added)
    if refusal is not None:
        print(text("refusal.said", language, problem=refusal.render(language)),
              file=sys.stderr)
        return EXIT_DATA
    return planfile.problem_for(problem), planfile, workbook


def _workbook_language(plan: Path, workbook: Path | None) -> str | None:
    """The language of ``workbook``, else of the one the plan file ``plan`` (or the plan
    file of the folder ``plan``) names; None when neither can be read."""
    from ..io import PlanFileError, read_plan_file
    from ..scenario.files import plan_file_path

    try:
        workbook = workbook or read_plan_file(plan_file_path(plan)).workbook
        return None if workbook is None else read_workbook(workbook).settings.language
    except (PlanFileError, DataError, OSError):
        return None


def say_written(what: object, language: str) -> None:
    """The line naming what a command wrote, labelled in ``language`` as `solve`'s is."""
    from ..summary import PLAN_LABELS, Labelled

    print(Labelled(language, PLAN_LABELS)("line.written", what))


def say_broken_rules(broken: list[Finding], what: Message, language: str,
                     severity: Literal["warning", "error"] = "warning", shown: int = 5
                     ) -> None:
    """Say on stderr, in ``language``, that ``what`` (a plan) breaks the hard rules
    ``broken``, the first ``shown`` of them by name: a baseline edited by hand is
    re-planned from as it is, but not unaware, and ``export`` refuses such a plan unless
    told otherwise."""
    if not broken:
        return
    print(text(f"summary.breaks_{severity}", language, what=what.render(language),
               count=len(broken)), file=sys.stderr)
    for said in first_said(broken, lambda finding: finding.text(language), language, shown):
        print(f"  - {said}", file=sys.stderr)


def say_workbook_warnings(problem: Problem, language: str, shown: int = 5) -> None:
    """Say on stderr, in ``language``, the first ``shown`` warnings of the workbook a
    command plans, and how many it has: a series taken in the order of its dates, not of
    its rows, was said by ``check`` alone, and ``solve`` planned it without a word."""
    if not problem.warnings:
        return
    print(text("summary.workbook_warnings", language, count=len(problem.warnings),
               command="`check`"), file=sys.stderr)
    for said in first_said(problem.warnings, lambda warning: warning.render(language),
                           language, shown):
        print(f"  {said}", file=sys.stderr)


def cluster_error(args: argparse.Namespace, exc: Exception) -> int:
    """Say that the Dask cluster could not be reached, in the language the command
    speaks (:func:`speaking`: ``sweep``'s workbook is read by then, ``batch``'s are not);
    the usage exit code."""
    error = f"{type(exc).__name__}: {exc}"
    said = (text("distributed.no_scheduler", speaking(args), address=args.scheduler,
                 error=error) if args.scheduler
            else text("distributed.no_local_cluster", speaking(args), error=error))
    print(said, file=sys.stderr)
    return EXIT_USAGE


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"a whole number of at least 1, not {text}")
    return value


def above_zero(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"a number above 0, not {text}")
    return value


def day(text: str) -> date:
    """A date written YYYY-MM-DD (one that exists: 2025-04-31 is told April's days)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        why = ""
        if is_date_like(text):
            try:
                parse_date(text)
            except CellError as exc:
                why = f" ({exc})"
        raise argparse.ArgumentTypeError(f"a date written YYYY-MM-DD, not {text}{why}"
                                         ) from None


def seconds(text: str) -> float:
    """A time limit or a patience: above 0 and finite (``inf`` would let a search run
    for ever, where the limit is promised to be a hard cap)."""
    value = above_zero(text)
    if value == math.inf:
        raise argparse.ArgumentTypeError(f"a finite number of seconds, not {text}")
    return value


def seed(text: str) -> int:
    """A seed CP-SAT takes (:data:`~matching.solver.settings.SEEDS`)."""
    from ..solver.settings import SEEDS

    try:
        value = int(text)
    except ValueError:
        value = SEEDS.stop
    if value not in SEEDS:
        raise argparse.ArgumentTypeError(
            f"a whole number from {SEEDS.start} to {SEEDS.stop - 1}, not {text}")
    return value


def search_options(command: argparse.ArgumentParser) -> None:
    """Time limit, workers and seed, as ``solve`` and ``whatif`` share them."""
    command.add_argument("--time-limit", type=seconds, default=30.0, metavar="S",
                         help="seconds for the whole search, model building included")
    command.add_argument("--race", action="store_true",
                         help="race --workers CP-SAT workers for the whole time limit: often "
                         "a better plan in the same time, but a different one on each run "
                         "(by default the same workbook and settings give the same plan)")
    command.add_argument("--workers", type=positive, default=None, metavar="N",
                         help="CP-SAT workers: with --race they race; a repeatable search "
                         "given two or more runs two searches side by side and keeps the "
                         f"better (default: {SolverDefaults.workers})")
    command.add_argument("--seed", type=seed, default=0, metavar="K", help="CP-SAT random seed")


def solver_settings(args: argparse.Namespace) -> SolverSettings:
    """The search's settings from ``search_options`` (and ``--patience`` where the command
    has it), saying on stderr that a repeatable search uses no more than two of
    ``--workers``: an analyst comparing four workers with two would otherwise compare
    two with themselves."""
    from ..solver import SolverSettings
    from ..solver.settings import SIDE_BY_SIDE

    if args.workers is not None and args.workers > SIDE_BY_SIDE and not args.race:
        print(text("summary.workers_without_race", speaking(args),
                   option=f"--workers {args.workers}", race="--race"), file=sys.stderr)
    return SolverSettings(time_limit=args.time_limit,
                          workers=args.workers or SolverDefaults.workers, seed=args.seed,
                          no_improvement_seconds=getattr(args, "patience", None),
                          repeatable=not args.race)


#: What each file or folder argument should be, by its action (:func:`path_argument`).
_EXPECTED: weakref.WeakKeyDictionary[argparse.Action, Message] = weakref.WeakKeyDictionary()

#: What a workbook argument should be, and a plan argument (:func:`path_argument`).
WORKBOOK_ARGUMENT = say("valid.workbook_path")
PLAN_ARGUMENT = say("argument.plan", planfile="plan.json", command="`solve --out`")


def path_argument(command: argparse.ArgumentParser, *names: str, expected: Message,
                  **options: Any) -> None:
    """A file or folder the command reads, which should be ``expected``: its ``--help``
    says so in English, and a refusal of a missing one in the language the command
    speaks (:func:`expected_of`), from the one catalogue entry."""
    action = command.add_argument(*names, type=Path, help=expected.render("en"), **options)
    _EXPECTED[action] = expected


def expected_of(action: argparse.Action) -> Message | None:
    """What the file or folder of ``action`` should be; None for an argument that is no
    file to read (an output, a number)."""
    return _EXPECTED.get(action)


def actuals_options(command: argparse.ArgumentParser, out: str) -> None:
    """The workbook, plan, actuals and output that ``ledger`` and ``report`` share."""
    path_argument(command, "workbook", expected=say("argument.planned_workbook"))
    path_argument(command, "plan", expected=PLAN_ARGUMENT)
    path_argument(command, "--actuals", required=True, expected=say(
        "argument.actuals", command="`export --to attendance-template`",
        actuals="actuals.csv", attendance="attendance.csv"))
    command.add_argument("--out", type=Path, required=True, help=out)
    command.add_argument("--until", type=day, default=date.today(), metavar="YYYY-MM-DD",
                         help="count what started on or before this day: later "
                         "activities have not happened yet, though the template lists "
                         "them as planned (default: today)")


def language_option(command: argparse.ArgumentParser, what: str,
                    default: str = "the workbook's") -> None:
    """``--language``: ``what`` in Chinese or English, by default in the workbook's
    ``language`` setting, as the app and every export speak it (``default`` says it
    otherwise for a command of many workbooks)."""
    command.add_argument("--language", choices=LANGUAGES, default=None,
                         help=f"the language of {what} (default: {default})")


def force_option(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--force", action="store_true",
                         help=f"replace {what} even when matching did not write it, or it "
                         "was edited since (in a folder, files of other names are kept)")


class _DefaultsShown(argparse.ArgumentDefaultsHelpFormatter):
    """Each option's default after its help, unless the help says it already or there is
    none worth showing (``None``: the help says what happens then; a flag is off)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if action.default is None or action.default is False or "(default" in text:
            return text
        return super()._get_help_string(action)


def command(commands: argparse._SubParsersAction, name: str, summary: str
             ) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` shows each option's default."""
    return commands.add_parser(name, help=summary, formatter_class=_DefaultsShown)
