"""The attendance template: a workbook written from a plan, filled in as planned, in which
a coordinator records what went differently.

Most activities go as planned and most volunteers come, so every row starts as the
plan has it (held ``yes`` at the planned time and room; each volunteer ``came`` for the
planned hours, from :class:`~matching.plan_view.PlanView`) and only the departures need
typing. A first sheet says how to fill it in, each header carries a comment, the
values of ``held`` and ``status`` are offered as drop-down lists in the workbook's
language, and a sheet of volunteer ids helps record who stood in. Phone numbers and
notes are not in it.
"""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..io.outputs import FORCE_ARGUMENT, check_file, save_exported
from ..plan import Plan
from ..plan_view import PlanView
from ..problem.model import Problem
from .labels import heading, period, say, value
from .reading import MARKS_SHEET, activity_marks, plan_mark
from .sheets import style_header
from .tables import HELD, SHOWN_ONLY, STATUSES

ACTUALS_COLUMNS = ("activity_id", "title", "held", "start", "end", "room_id", "participants",
                   "note")
ATTENDANCE_COLUMNS = ("activity_id", "title", "volunteer_id", "name", "role", "status",
                      "hours")
_SHOWN = PatternFill("solid", fgColor="EDEDED")


def template_tables(problem: Problem, plan: Plan) -> dict[str, pd.DataFrame]:
    """The ``actuals`` and ``attendance`` rows of a plan, filled in as planned: one
    actuals row per scheduled activity, one attendance row per volunteer and activity
    they staff (a volunteer in two roles of one activity has one row), by start time.
    ``held`` and ``status`` are in the workbook's language."""
    language = problem.settings.language
    view = PlanView(problem, plan)
    placed = sorted(view.placed.values(), key=lambda p: (p.start, p.activity.activity_id))
    actuals = [(p.activity.activity_id, p.activity.title, value("yes", language), p.start,
                p.end, p.assignment.room_id or "", None, "") for p in placed]
    roles: dict[str, dict[str, list[str]]] = {}
    for seat in view.seats:
        roles.setdefault(seat.activity_id, {}).setdefault(seat.volunteer_id, []).append(
            seat.role)
    attendance = [(p.activity.activity_id, p.activity.title, vid,
                   problem.volunteer_by_id[vid].name, "; ".join(names),
                   value("came", language), p.hours)
                  for p in placed
                  for vid, names in roles.get(p.activity.activity_id, {}).items()]
    return {"actuals": pd.DataFrame(actuals, columns=list(ACTUALS_COLUMNS)),
            "attendance": pd.DataFrame(attendance, columns=list(ATTENDANCE_COLUMNS))}


def save_template(problem: Problem, plan: Plan, path: str | os.PathLike[str], *,
                  run: str = "python -m matching ledger <workbook> <plan.json> "
                             "--actuals <this file> --out ledger", force: bool = False
                  ) -> Path:
    """Write the attendance template of ``plan`` to the ``.xlsx`` file ``path``,
    atomically; ``run`` is the command the README gives for making the ledger. A file at
    ``path`` is replaced only if the toolkit exported it and nobody filled it in since,
    or ``force`` is set.

    Raises
    ------
    ValueError
        When ``path`` does not end in ``.xlsx``.
    matching.io.outputs.OutputFileError
        When another file is at ``path`` and ``force`` is not set; nothing is written.
    """
    if Path(path).suffix.lower() != ".xlsx":  # an Excel file named .csv opens nowhere
        raise ValueError(f"the attendance template is an .xlsx file, not {Path(path).name}")
    check_file(path, force=force, option=FORCE_ARGUMENT)
    language = problem.settings.language
    s = problem.settings
    book = openpyxl.Workbook()
    readme = book.active
    readme.title = heading("readme", language)
    for line in readme_lines(language, s.name, period(s.horizon_start, s.horizon_end,
                                                      language), run):
        readme.append([line])
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 110
    for (cell,) in readme.iter_rows():
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    tables = template_tables(problem, plan)
    choices: dict[str, tuple[str, ...]] = {"held": HELD, "status": STATUSES}
    for name, frame in tables.items():
        _write_sheet(book.create_sheet(name), frame, language, choices)
    ids = book.create_sheet(heading("volunteer_ids", language))
    ids.append([heading(c, language) for c in ("volunteer_id", "name", "team")])
    for v in problem.volunteers:
        ids.append([v.volunteer_id, v.name, v.team])
    style_header(ids)
    rooms = book.create_sheet(heading("room_ids", language))  # for an activity moved
    rooms.append([heading(c, language) for c in ("room_id", "name")])
    for r in problem.rooms:
        rooms.append([r.room_id, r.name])
    style_header(rooms)
    marks = book.create_sheet(MARKS_SHEET)  # read back by check_plan_mark
    marks.append(["activity_id", "start", "mark"])
    for aid, (start, mark) in activity_marks(plan).items():
        marks.append([aid, start, mark])
    marks.sheet_state = "hidden"
    book.properties.title = s.name
    book.properties.identifier = plan_mark(plan)  # read back by check_plan_mark
    target = Path(path)
    save_exported(book, target)
    return target


def _write_sheet(sheet: Worksheet, frame: pd.DataFrame, language: str,
                 choices: dict[str, tuple[str, ...]]) -> None:
    """A table sheet: column keys as headers (the reader needs them) with a comment in
    the workbook's language, read-only columns shaded, date-times as Excel date-times."""
    sheet.append(list(frame.columns))
    for values in frame.itertuples(index=False, name=None):
        sheet.append([None if isinstance(v, float) and pd.isna(v) else v for v in values])
    style_header(sheet)
    rows = max(sheet.max_row, 2)
    for position, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(position)
        header = sheet.cell(1, position)
        header.comment = Comment(column_help(column, language), "matching", width=300,
                                 height=110)
        cells = [sheet.cell(r, position) for r in range(2, sheet.max_row + 1)]
        for cell in cells:
            if column in ("start", "end"):
                cell.number_format = "yyyy-mm-dd hh:mm"
            if column in SHOWN_ONLY:
                cell.fill = _SHOWN
        if column in SHOWN_ONLY:
            header.fill = _SHOWN
        if column in choices:
            words = ",".join(value(k, language) for k in choices[column])
            rule = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True,
                                  errorStyle="warning")
            rule.add(f"{letter}2:{letter}{rows + 200}")
            sheet.add_data_validation(rule)
        width = max([len(str(column))] + [len(str(c.value or "")) for c in cells])
        sheet.column_dimensions[letter].width = min(40, max(10, width + 2))


def column_help(column: str, language: str) -> str:
    """What ``column`` of the template means: the comment of its header cell."""
    key = "shown_only" if column in SHOWN_ONLY else column
    return say(f"help.{key}", language, ids=heading("volunteer_ids", language),
               rooms=heading("room_ids", language))


def readme_lines(language: str, center: str, period: str, run: str) -> list[str]:
    """The first sheet of the template: how to fill it in and what happens to it;
    ``run`` is the command that turns the filled file into the ledger. Sheet and column
    names are typed as they are, in either language."""
    names = {name: name for name in (*ACTUALS_COLUMNS, *ATTENDANCE_COLUMNS)}
    names |= {"actuals": "actuals", "attendance": "attendance",
              "ids": heading("volunteer_ids", language),
              "shown": say("list.comma", language).join(SHOWN_ONLY)}
    lines = [say("template.title", language, center=center, period=period), "",
             say("template.intro", language)]
    lines += [say(f"template.{key}", language, **names)
              for key in ("actuals", "attendance", "stand_in", "deleted")]
    lines += ["", say("template.rules", language, **names),
              say("template.keep", language, **names), "", say("template.run", language), run]
    return lines

