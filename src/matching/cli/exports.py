"""``export``: a plan file as an Excel workbook, calendar files, an HTML report or an
attendance template."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

from ..i18n import Listing, say, text
from .common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    PLAN_ARGUMENT,
    command,
    force_option,
    language_option,
    load_plan,
    path_argument,
    say_broken_rules,
    say_written,
    speak,
)

#: The suffixes of the file each format writes: a workbook written as "plan.html" opens
#: nowhere (ics writes a folder).
_SUFFIXES: Final = {"xlsx": (".xlsx",), "attendance-template": (".xlsx",),
                    "html": (".html", ".htm")}


def cmd_export(args: argparse.Namespace) -> int:
    """Export a plan file as an Excel workbook, calendar files, an HTML report or an
    attendance template."""
    from ..evaluate import evaluate
    from ..export import PersonalDataError, save_calendars, save_excel, save_report
    from ..export.calendar import CALENDARS_KIND
    from ..io.outputs import check_file, check_folder

    said = args.language or "en"  # before the workbook is read
    if args.to == "ics" and args.out.suffix.lower() == ".ics":
        print(text("refusal.ics_folder", said, command="--to ics", option="--out"),
              file=sys.stderr)
        return EXIT_USAGE
    suffixes = _SUFFIXES.get(args.to, ())
    # a file named for another format opens nowhere (a folder is refused as one, below)
    if suffixes and args.out.suffix.lower() not in suffixes and not args.out.is_dir():
        print(text("refusal.suffix", said, command=f"--to {args.to}",
                   suffixes=Listing(suffixes, "or").render(said), option="--out"),
              file=sys.stderr)
        return EXIT_USAGE
    # a plan to share lacks what was added since; the template records the plan that ran
    loaded = load_plan(args.plan, args.workbook, args.language,
                       added=args.to != "attendance-template")
    if isinstance(loaded, int):
        return loaded
    planned, planfile, workbook = loaded
    if args.language:  # every format reads the language from the workbook's settings
        planned = dataclasses.replace(planned, settings=dataclasses.replace(
            planned.settings, language=args.language))
    language = speak(args, planned.settings.language)  # a refusal too, from here
    # before any work, but once the workbook says the language to refuse in: never over
    # the workbook, a plan, anyone's file
    if args.to == "ics":
        check_folder(args.out, force=args.force, kind=CALENDARS_KIND)
    else:
        check_file(args.out, force=args.force)
    if args.to == "attendance-template":  # a record of what happened, whatever the plan
        from ..actuals import save_template

        save_template(planned, planfile.plan, args.out,
                      run=f"python -m matching ledger {workbook} {args.plan} "
                          f"--actuals {args.out} --out ledger", force=args.force)
        say_written(args.out, language)
        return EXIT_OK
    score = evaluate(planned, planfile.plan)
    if score.hard_violations:
        say_broken_rules(score.hard_violations, say("issue.the_plan"), language,
                         "warning" if args.allow_violations else "error", shown=10)
        if not args.allow_violations:
            print(text("summary.export_refused", language, option="--allow-violations"),
                  file=sys.stderr)
            return EXIT_DATA
    if args.to == "ics" and planfile.plan.meta.get("scenario") and not any(
            args.out.glob("*.ics")):  # a re-plan into a folder with no record of before
        print(text("export.fresh_calendars", language, out=args.out), file=sys.stderr)
    savers: dict[str, Callable[..., object]] = {
        "xlsx": save_excel, "ics": save_calendars, "html": save_report}
    try:
        savers[args.to](planned, planfile.plan, args.out, score=score,
                        include_contacts=args.include_contacts, force=args.force)
    except PersonalDataError as exc:
        print(text("export.personal_data", language, refusal=exc.render(language),
                   option="--include-contacts"), file=sys.stderr)
        return EXIT_DATA
    contacts = any(v.phone or (v.notes and args.to != "ics")  # calendars show phones only
                   for v in planned.volunteers)
    if args.include_contacts and not contacts:  # a what-if's workbook is written without
        print(text("export.no_contacts", language, workbook=workbook, option="--workbook"),
              file=sys.stderr)
    say_written(text("summary.written_contacts", language, path=args.out)
                if args.include_contacts and contacts else args.out, language)
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
    """``export`` with its options."""
    export = command(commands, "export", "export a plan file as xlsx, ics or html")
    path_argument(export, "plan", expected=PLAN_ARGUMENT)
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
    language_option(export, "headings, labels and sentences")
    path_argument(export, "--workbook", default=None, expected=say("argument.other_workbook"))
    force_option(export, "the --out file (or ics folder)")
    export.set_defaults(run=cmd_export)
