"""What happened to a plan: the hours ``ledger`` and the year-end ``report``."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING

from ..i18n import Listing, say, text
from .common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    actuals_options,
    command,
    force_option,
    language_option,
    load_plan,
    say_written,
    speak,
)

if TYPE_CHECKING:
    from ..actuals import Actuals
    from ..actuals.so_far import SoFar
    from ..plan import Plan
    from ..problem.model import Problem


def cmd_ledger(args: argparse.Namespace) -> int:
    """Read what happened to a plan (a filled attendance template) and write the hours
    ledger: ledger.xlsx, hours.csv and certificates.html."""
    from ..actuals import LEDGER_FILES, Ledger, read_actuals, save_ledger
    from ..actuals.output import LEDGER_KIND
    from ..export import PersonalDataError
    from ..io.outputs import check_folder, check_not_input
    from ..summary import PLAN_LABELS, Labelled

    loaded = load_plan(args.plan, args.workbook, args.language, added=False)
    if isinstance(loaded, int):
        return loaded
    planned, planfile, _workbook = loaded
    if args.language:  # the ledger's files read the language from the workbook's settings
        planned = dataclasses.replace(planned, settings=dataclasses.replace(
            planned.settings, language=args.language))
    line = Labelled(speak(args, planned.settings.language), PLAN_LABELS)  # a refusal too
    check_not_input(args.out, args.actuals, args.plan)  # even with --force
    check_folder(args.out, force=args.force, kind=LEDGER_KIND)
    actuals = read_actuals(args.actuals, planned, planfile.plan, args.until)
    counted = _so_far(args, planned, planfile.plan, actuals, line.language)
    if isinstance(counted, int):
        return counted
    if counted.actuals.warnings:  # of what is counted: not yet of the months to come
        print(line.say("summary.differs", count=len(counted.actuals.warnings)),
              file=sys.stderr)
        for warning in counted.actuals.warnings:
            print(f"  {warning.render(line.language)}", file=sys.stderr)
    ledger = Ledger(counted.problem, counted.plan, counted.actuals)
    try:
        save_ledger(ledger, args.out, force=args.force)
    except PersonalDataError as exc:
        print(text("export.personal_data_kept", line.language,
                   refusal=exc.render(line.language)), file=sys.stderr)
        return EXIT_DATA
    volunteers, quarters = ledger.by_volunteer(), ledger.by_quarter()
    print(line("line.ledger", line.say(
        "summary.ledger", hours=volunteers["hours"].sum(),
        people=int((volunteers["hours"] > 0).sum()), planned=volunteers["hours_planned"].sum(),
        no_shows=int(volunteers["no_shows"].sum()), held=int(quarters["held_all"].sum()),
        not_held=int(quarters["not_held"].sum()))))
    say_written(Listing(tuple(str(args.out / name) for name in LEDGER_FILES)
                        ).render(line.language), line.language)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the year-end report of what happened to a plan: figures beside the plan,
    sentences and bar charts, as an HTML page or an Excel workbook."""
    from ..actuals import Highlights, Review, read_actuals, save_review
    from ..actuals.report import SUFFIXES
    from ..export import PersonalDataError
    from ..io.outputs import check_file, check_not_input

    if args.out.suffix.lower() not in SUFFIXES:
        print(say("refusal.suffix", command="report", suffixes=Listing(SUFFIXES, "or"),
                  option="--out").render(args.language or "en"), file=sys.stderr)
        return EXIT_USAGE
    loaded = load_plan(args.plan, args.workbook, args.language, added=False)
    if isinstance(loaded, int):
        return loaded
    planned, planfile, _workbook = loaded
    asked = args.language
    language = speak(args, asked or planned.settings.language)  # a refusal too, from here
    check_not_input(args.out, args.actuals)  # before the actuals are read, even with --force
    check_file(args.out, force=args.force)
    actuals = read_actuals(args.actuals, planned, planfile.plan, args.until)
    counted = _so_far(args, planned, planfile.plan, actuals, language)
    if isinstance(counted, int):
        return counted
    review = Review(counted.problem, counted.plan, counted.actuals,
                    Highlights(tuple(args.camp_series or Highlights.camp_series),
                               args.red_classroom))
    try:
        save_review(review, args.out, language=asked, force=args.force)
    except PersonalDataError as exc:
        print(text("export.personal_data_kept", language, refusal=exc.render(language)),
              file=sys.stderr)
        return EXIT_DATA
    say_written(args.out, language)
    return EXIT_OK


def _so_far(args: argparse.Namespace, problem: Problem, plan: Plan, actuals: Actuals,
            language: str) -> SoFar | int:
    """What started by ``--until`` (today by default), saying how many activities are
    left for later; the exit code of a day before the plan's period (nothing to count,
    which ``--until`` can change)."""
    from ..actuals.so_far import NothingYetError, so_far

    try:
        counted = so_far(problem, plan, actuals, args.until)
    except NothingYetError as exc:
        print(text("refusal.said", language, problem=text(
            "summary.until_hint", language, said=exc.render(language), option="--until")),
            file=sys.stderr)
        return EXIT_USAGE
    if counted.later:
        print(text("summary.not_yet", language, later=counted.later, last=counted.last,
                   option="--until"))
    return counted


def add_commands(commands: argparse._SubParsersAction) -> None:
    """``ledger`` and ``report`` with their options."""
    ledger = command(commands, "ledger", "count volunteer hours from what happened "
                                 "(a filled attendance template) and write certificates")
    actuals_options(ledger, "folder for ledger.xlsx, hours.csv and certificates.html")
    language_option(ledger, "the summary, the ledger and the certificates")
    force_option(ledger, "the --out folder")
    ledger.set_defaults(run=cmd_ledger)

    report = command(commands, "report", "write the year-end report of what happened "
                      "beside the plan (HTML or Excel)")
    actuals_options(report, "report.html (a self-contained page) or report.xlsx")
    language_option(report, "the report")
    report.add_argument("--camp-series", action="append", default=None, metavar="ID",
                        help="a series_id of the summer camp's sessions (repeatable; "
                        "default S-CAMP)")
    report.add_argument("--red-classroom", default="红色课堂", metavar="WORD",
                        help="the word in the titles of red-classroom events "
                        "(default 红色课堂)")
    force_option(report, "the --out file")
    report.set_defaults(run=cmd_report)
