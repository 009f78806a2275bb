"""The planning commands: ``check`` a workbook, ``solve`` it, re-plan a ``whatif``
scenario from a baseline, and ``generate`` a synthetic workbook to try them on."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError
from ..i18n import say
from .common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    WORKBOOK_ARGUMENT,
    above_zero,
    command,
    force_option,
    language_option,
    path_argument,
    read_workbook,
    read_workbook_tables,
    say_broken_rules,
    say_workbook_warnings,
    say_written,
    search_options,
    seconds,
    solver_settings,
    speak,
    speaking,
    stoppable,
)

if TYPE_CHECKING:  # the solver (and OR-Tools) load only when a command needs them
    import pandas as pd

    from ..problem.entities import Settings
    from ..problem.model import Problem
    from ..solver import Progress
    from ..summary import Labelled

#: What ``solve`` writes instead of a plan when it finds none (the plan stays as it was).
NO_PLAN_REPORT = "conflicts.txt"
#: The files of a plan ``solve`` writes (plan.xlsx instead of the tables with
#: ``--format xlsx``): a folder holding one holds a plan, which a run without one keeps.
PLAN_FILES = ("plan.json", "assignments.csv", "plan.xlsx")
#: The largest ``generate --scale``: five times the largest workbook the benchmarks solve
#: (10 centers' worth), written in seconds. A scale mistyped by orders of magnitude
#: (``1e9``) would otherwise run out of memory, or write for minutes (100).
MAX_SCALE = 50.0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a workbook and print its summary; exit 1 when it can have no plan (a
    ``must`` activity that can never take place, more of them than their rooms hold):
    ``solve`` would say so only after building its model."""
    from ..explain import static_conflicts
    from ..problem.size import estimate, too_large
    from ..summary import WORKBOOK_LABELS, Labelled, workbook_lines

    problem = read_workbook(args.workbook, args.language)
    language = args.language or problem.settings.language
    print("\n".join(workbook_lines(problem, language)))
    if too_large(estimate(problem)):  # the counts over the slot grid are not made
        return EXIT_OK
    conflicts = static_conflicts(problem)
    if conflicts:
        line = Labelled(language, WORKBOOK_LABELS)
        print(line("line.no_plan", line.say("summary.check_conflicts", count=len(conflicts),
                                            command="`solve`")))
        print("\n".join(f"  {conflict.render(language)}" for conflict in conflicts))
        return EXIT_DATA
    return EXIT_OK


def progress_line(progress: Progress, language: str = "en") -> str:
    """One line of live progress on a terminal, in ``language``: the stage's figures, or,
    before the first plan, that the search for one goes on."""
    from ..i18n import text
    from ..summary import pad

    if progress.scheduled is None and progress.stage == "start":
        return text("summary.first_plan", language, missing=progress.objective,
                    elapsed=progress.elapsed)
    return text("summary.progress", language,
                stage=pad(text(f"stage_name.{progress.stage}", language), 10),
                objective=progress.objective, elapsed=progress.elapsed,
                bound="-" if progress.bound is None else f"{progress.bound:g}")


@contextlib.contextmanager
def live_progress(args: argparse.Namespace, language: str
                  ) -> Iterator[Callable[[Progress], None] | None]:
    """The ``on_progress`` of a search that ``solve`` and ``whatif`` run: the live
    :func:`progress_line` in ``language`` on stderr when it is a terminal (a log file
    gets no carriage returns), ended by a newline when the search is; None with
    ``--quiet`` (:func:`quiet_option`)."""
    live = sys.stderr.isatty() and not args.quiet

    def report(progress: Progress) -> None:
        print(f"\r{progress_line(progress, language)}", end="", file=sys.stderr)

    yield report if live else None
    if live:
        print(file=sys.stderr)


def quiet_option(command: argparse.ArgumentParser) -> None:
    """``--quiet``, as ``solve`` and ``whatif`` share it (:func:`live_progress`)."""
    command.add_argument("--quiet", action="store_true", help="no progress line")


def cmd_solve(args: argparse.Namespace) -> int:
    """Plan a workbook, write the plan tables and print a summary, in the workbook's
    language unless ``--language`` says another."""
    from ..i18n import Listing, text
    from ..io import save_plan, write_tables
    from ..io.outputs import check_folder, replace_folder
    from ..problem.select import quarters, scoped
    from ..problem.size import estimate, too_large
    from ..solver import solve
    from ..summary import (
        PLAN_LABELS,
        Labelled,
        no_plan_report,
        plan_tables,
        summary_lines,
    )

    workbook = read_workbook(args.workbook, args.language)
    line = Labelled(speak(args, args.language or workbook.settings.language), PLAN_LABELS)
    problem = scoped(workbook, args.scope)
    if problem is None:
        names = tuple(name for name, _, _ in quarters(workbook))
        print(text("refusal.said", line.language, problem=text(
            "header.no_scope", line.language, scope=args.scope, quarters=Listing(names),
            themes=Listing(tuple(workbook.theme_by_id)) if workbook.themes else "—")),
            file=sys.stderr)
        return EXIT_USAGE
    too_big = too_large(estimate(problem))
    if too_big and not args.allow_large:
        print(line.say("summary.too_large", reason=too_big.render(line.language),
                       option="--allow-large"), file=sys.stderr)
        return EXIT_DATA
    check_folder(args.out, force=args.force, kind="solve")  # fail before solving
    say_workbook_warnings(workbook, line.language)
    settings = solver_settings(args)
    with live_progress(args, line.language) as report:
        plan = stoppable(lambda stop: solve(problem, settings, stop=stop, on_progress=report),
                         speaking(args))
    # the files first, then the summary: a reader of the output that goes away early
    # (`| head`) must not cost the plan
    summary = "\n".join(summary_lines(problem, plan, language=line.language))
    if plan.status not in ("OPTIMAL", "FEASIBLE"):  # keep the plan the folder has
        why = no_plan_report(plan, args.workbook, line.language)
        had_plan = any((args.out / name).exists() for name in PLAN_FILES)
        replace_folder(args.out, lambda side: (side / NO_PLAN_REPORT).write_text(
            why, encoding="utf-8"), force=args.force, keep=True, kind="solve")
        print(summary)
        report = args.out / NO_PLAN_REPORT  # the plan kept is said only where there was one
        print(line("line.written", line.say("summary.written_report", report=report,
                                             folder=args.out) if had_plan else report))
        return EXIT_DATA
    tables = plan_tables(problem, plan)
    tables_name = "plan.xlsx" if args.format == "xlsx" else ""

    def write(side: Path) -> None:
        write_tables(tables, side / tables_name)
        save_plan(plan, problem, side / "plan.json", workbook=args.workbook,
                  settings=settings)

    replace_folder(args.out, write, force=args.force, kind="solve")
    print(summary)
    print(line("line.written", line.say("summary.written_plan", tables=args.out / tables_name,
                                        planfile=args.out / "plan.json",
                                        command="`export`")))
    return EXIT_OK


def cmd_whatif(args: argparse.Namespace) -> int:
    """Re-plan a workbook under a scenario with minimal change from a baseline plan, write
    the new plan and the diff, and print the KPI deltas, in the workbook's language
    unless ``--language`` says another. The workbook is read before anything is checked,
    so that a refusal, too, speaks its language."""
    from ..evaluate import evaluate, kpis
    from ..export.labels import named
    from ..io import (
        PERSONAL_COLUMNS,
        fingerprint,
        read_tables,
        save_plan,
        write_tables,
    )
    from ..io.outputs import check_folder, replace_folder
    from ..problem.select import changed_outside, in_scope_of, scope_of
    from ..scenario import Scenario, ScenarioError, diff, frozen_warnings, solve_changed
    from ..scenario.files import baseline_issues, read_plan_folder
    from ..summary import PLAN_LABELS, Labelled, plan_tables, whatif_lines

    tables, base = read_workbook_tables(args.workbook, args.language)
    line = Labelled(speak(args, args.language or base.settings.language), PLAN_LABELS)
    if args.out.resolve() == args.baseline.resolve():
        print(line.say("summary.whatif_own_baseline", option="--out", out=args.out),
              file=sys.stderr)
        return EXIT_USAGE
    check_folder(args.out, force=args.force, kind="whatif")
    try:
        scenario = Scenario.load(args.scenario, tables)
        problem = scenario.build(tables)
    except ScenarioError as exc:
        print(exc.render(line.language), file=sys.stderr)
        return EXIT_DATA
    baseline = read_plan_folder(args.baseline)
    planned_for = baseline.meta.get("fingerprint", base.fingerprint)
    workbook = base
    if planned_for != base.fingerprint and scope_of(planned_for)[0] == base.fingerprint:
        # a plan of one quarter or theme: re-plan that part
        whole, base = problem, in_scope_of(base, planned_for)
        problem = in_scope_of(problem, planned_for)
        outside = changed_outside(workbook, whole, {*base.activity_by_id,
                                                    *problem.activity_by_id})
        if outside:
            print(line.say("summary.whatif_outside", count=outside, period=say(
                "period.range", first=str(base.settings.horizon_start),
                last=str(base.settings.horizon_end))), file=sys.stderr)
    if planned_for != base.fingerprint:
        print(_other_workbook(args, workbook, planned_for, line), file=sys.stderr)
        return EXIT_DATA
    issues = baseline_issues(base, baseline)
    if issues:
        raise DataError(issues, say("issue.the_baseline", path=str(args.baseline)),
                        base.settings.language)
    say_broken_rules(evaluate(base, baseline).hard_violations,
                     say("issue.the_baseline", path=str(args.baseline)), line.language)
    for warning in scenario.warnings(tables) + frozen_warnings(problem, scenario, baseline):
        # what of a change a freeze keeps from holding, and the warnings the changes bring
        print(warning.render(line.language), file=sys.stderr)
    settings = solver_settings(args)
    with live_progress(args, line.language) as report:
        plan = stoppable(lambda stop: solve_changed(problem, scenario, baseline, settings,
                                                    stop=stop, on_progress=report),
                         speaking(args))
    if plan.status not in ("OPTIMAL", "FEASIBLE"):
        print(line.say("summary.whatif_no_plan", name=scenario.name,
                       status=named("solver_name", plan.status, line.language)),
              file=sys.stderr)
        for conflict in plan.conflicts_in(line.language):
            print(f"  - {conflict}", file=sys.stderr)
        return EXIT_DATA
    changes = diff(base, baseline, problem, plan)
    # priced against its baseline, as the search priced it: the keep-start, keep-room and
    # keep-volunteer terms count what moved, and score.csv adds up to meta's objective
    score = evaluate(problem, plan, baseline=baseline)
    # the changed workbook beside the plan file, so that `export` can share the new plan;
    # without phone numbers and notes, as the folder may travel with the plan
    changed = {name: frame.drop(columns=[c for c in PERSONAL_COLUMNS.get(name, ())
                                         if c in frame.columns])
               for name, frame in scenario.apply(tables).items()}
    # named as the scenario's: its exports (report, workbook, calendars) are not taken
    # for the plan of record, nor mixed with its events in a calendar app; the plan file
    # records the name too, as it records every workbook's it plans
    marked = _named_as(base.settings, scenario.name)
    changed["settings"] = _with_names(changed["settings"], marked)
    recorded = dataclasses.replace(problem, settings=dataclasses.replace(
        problem.settings, name=marked.name, center=marked.center))

    def write(side: Path) -> None:
        write_tables(changed, side / "workbook")
        # meta.csv and the plan file name that workbook as the one planned (the changed
        # tables with the personal columns have another fingerprint), so that the folder
        # is the baseline of the next what-if on it
        written = dataclasses.replace(plan, meta={  # and the part of it planned
            **plan.meta, "fingerprint": fingerprint(read_tables(side / "workbook")[0])
            + problem.fingerprint.removeprefix(scope_of(problem.fingerprint)[0])})
        out = plan_tables(problem, written, score)
        # the plan's own figures, as kpi_deltas.csv's "after" and its exports give them
        # (kpis.csv had the soft tier with the cost of its moves: -44 beside -84);
        # score.csv keeps those costs, which meta's objective counts
        out.update({"kpis": kpis(problem, written), "diff": changes.changes,
                    "kpi_deltas": changes.kpis, "loads": changes.loads})
        write_tables(out, side)
        save_plan(written, recorded, side / "plan.json", workbook=side / "workbook",
                  settings=settings)

    replace_folder(args.out, write, force=args.force, kind="whatif")
    print("\n".join(whatif_lines(line, scenario.name, problem, baseline, plan, score,
                                  changes)))
    print(line("line.written", line.say("summary.written_whatif", folder=args.out,
                                        planfile="plan.json", command="`export`")))
    return EXIT_OK


def _named_as(settings: Settings, scenario: str) -> Settings:
    """The workbook's ``settings`` with its name marked as a what-if's, in its language
    (``前进街道党群服务中心 2023（情景：多功能厅维修两周）``), and the center it signs for, which
    stays."""
    from ..actuals.labels import center
    from ..i18n import text

    return dataclasses.replace(settings, center=center(settings), name=text(
        "summary.whatif_workbook_name", settings.language, name=settings.name,
        scenario=scenario))


def _with_names(frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The ``settings`` table with the ``name`` and ``center`` of ``settings``."""
    import pandas as pd

    from ..io.build import setting_key_rows

    out = frame.copy()
    for key, value in (("name", settings.name), ("center", settings.center)):
        rows = setting_key_rows(out, key)
        if rows:
            out.loc[rows[0], "value"] = value
        else:
            out = pd.concat([out, pd.DataFrame({"key": [key], "value": [value]})],
                            ignore_index=True)
    return out


def _other_workbook(args: argparse.Namespace, workbook: Problem, planned_for: str,
                    line: Labelled) -> str:
    """Why ``whatif`` refuses a baseline planned for another workbook than ``workbook``
    (or another version of it), and the way out: a what-if's folder plans the workbook
    it wrote beside it, else ``solve`` (of the same quarter or theme) plans it again."""
    from ..problem.select import scope_name

    changed = args.baseline / "workbook"
    if (changed / "settings.csv").is_file() and changed.resolve() != args.workbook.resolve():
        return line.say("summary.whatif_its_workbook", baseline=args.baseline,
                        changed=changed)
    scope = scope_name(workbook, planned_for)
    return line.say("summary.whatif_other_workbook", baseline=args.baseline,
                    workbook=args.workbook,
                    command=f"`solve --scope {scope}`" if scope else "`solve`")


def cmd_generate(args: argparse.Namespace) -> int:
    """Write a seeded synthetic workbook shaped like the embedded one, and say so in its
    language: the template's, whose settings it copies. The tables are counted by the
    names of their files or sheets, which are read by those names only."""
    from ..i18n import Listing, text
    from ..io import build_problem, write_tables
    from ..io.outputs import OutputFolderError, check_file
    from ..synthetic import generate

    if args.out.suffix.lower() in (".xlsx", ".xlsm"):
        check_file(args.out, force=args.force)
    elif args.out.is_dir() and not args.force and (held := sorted(
            entry.name for entry in args.out.iterdir())):  # a workbook, the template even
        raise OutputFolderError(args.out, held)
    tables = generate(args.scale, args.seed, base=args.base)
    # validated before anything is written, as save_workbook does, and kept for its
    # language (save_workbook would validate it once more)
    language = build_problem(tables).settings.language
    path = write_tables(tables, args.out)
    counts = Listing(tuple(f"{name} {len(frame)}" for name, frame in tables.items()))
    say_written(text("summary.written_tables", language, path=path,
                     counts=counts.render(language)), language)
    return EXIT_OK


def scale(text: str) -> float:
    """``generate --scale``: above 0 and at most :data:`MAX_SCALE`."""
    value = above_zero(text)
    if not value <= MAX_SCALE:
        raise argparse.ArgumentTypeError(f"at most {MAX_SCALE:g} (five times the largest "
                                         f"workbook the benchmarks solve), not {text}")
    return value


def add_commands(commands: argparse._SubParsersAction) -> None:
    """``check``, ``solve``, ``whatif`` and ``generate`` with their options."""
    check = command(commands, "check", "validate a workbook and print a summary")
    path_argument(check, "workbook", expected=WORKBOOK_ARGUMENT)
    language_option(check, "the summary, warnings and conflicts")
    check.set_defaults(run=cmd_check)

    solve = command(commands, "solve", "plan a workbook and write the plan tables")
    path_argument(solve, "workbook", expected=WORKBOOK_ARGUMENT)
    solve.add_argument("--out", type=Path, required=True, help="folder for the plan tables")
    solve.add_argument("--scope", default=None, metavar="QUARTER|THEME",
                       help="plan one quarter (e.g. 2023Q3) or theme (its theme_id) of the "
                       "workbook, as the app's scope does; `whatif` from this plan re-plans "
                       "the same part (default: the whole workbook)")
    search_options(solve)
    solve.add_argument("--patience", type=seconds, default=None, metavar="S",
                       help="stop a stage after S seconds without improvement")
    solve.add_argument("--format", choices=("csv", "xlsx"), default="csv",
                       help="CSV files, or one plan.xlsx with a sheet per table")
    solve.add_argument("--allow-large", action="store_true",
                       help="solve even when the model is estimated to need more than "
                       "half the machine's memory")
    quiet_option(solve)
    language_option(solve, "the progress line, the summary and conflicts.txt")
    force_option(solve, "the --out folder")
    solve.set_defaults(run=cmd_solve)

    whatif = command(commands, "whatif", "re-plan a scenario with minimal change "
                                 "from a baseline plan and write the diff")
    path_argument(whatif, "workbook", expected=say("argument.baseline_workbook"))
    path_argument(whatif, "scenario", expected=say("argument.scenario", yaml=".yaml",
                                                   json=".json"))
    path_argument(whatif, "--baseline", required=True, expected=say(
        "argument.baseline", assignments="assignments.csv", staffing="staffing.csv",
        plan="plan.json"))
    whatif.add_argument("--out", type=Path, required=True,
                        help="folder for the new plan, diff.csv, kpi_deltas.csv, plan.json "
                        "and the changed workbook it plans (for `export`)")
    search_options(whatif)
    quiet_option(whatif)
    language_option(whatif, "the progress line, the summary, the scenario's warnings and "
                    "conflicts")
    force_option(whatif, "the --out folder")
    whatif.set_defaults(run=cmd_whatif)

    generate = command(commands, "generate", "write a synthetic workbook at any scale, "
                        "for trying and benchmarking")
    generate.add_argument("out", type=Path, help="a folder for CSV files, or a .xlsx path")
    generate.add_argument("--scale", type=scale, default=1.0,
                          help="how many centers' worth of the embedded workbook, above 0 "
                          f"and at most {MAX_SCALE:g} (five times the largest the "
                          "benchmarks solve)")
    generate.add_argument("--seed", type=int, default=0, help="random seed")
    path_argument(generate, "--base", default=None, expected=say(
        "argument.template_workbook", default="qianjin-2023"))
    force_option(generate, "the tables of the same names in an existing --out workbook")
    generate.set_defaults(run=cmd_generate)
