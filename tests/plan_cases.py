"""Plans shared by the export tests, solved once per session (no tests here).

``qianjin_case`` is one summer week of the embedded workbook (Chinese text, solved to
optimality in about a second); ``tiny_case`` the English tiny workbook; ``hostile_case``
the tiny workbook with a volunteer and an activity whose names try to run code.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd

from matching import load_problem, read_tables
from matching.io import build_problem
from matching.plan import Plan
from matching.problem import Problem
from matching.problem.select import restrict
from matching.solver import SolverSettings, solve

DATA = Path(__file__).resolve().parents[1] / "data"
SETTINGS = SolverSettings(time_limit=10, workers=1, seed=0)
SCRIPT_NAME = "<script>alert(1)</script>"
FORMULA_TITLE = '=HYPERLINK("http://x","y")'
#: The center's name, as a formula Excel could not even read.
FORMULA_CENTER = "=2*3 center"


@functools.cache
def qianjin_case() -> tuple[Problem, Plan]:
    problem = restrict(load_problem(DATA / "qianjin-2023"), start=date(2023, 7, 10),
                       end=date(2023, 7, 16))
    return problem, solve(problem, SETTINGS)


@functools.cache
def tiny_case() -> tuple[Problem, Plan]:
    problem = load_problem(DATA / "tiny")
    return problem, solve(problem, SETTINGS)


def tiny_tables() -> dict[str, pd.DataFrame]:
    """Fresh copies of the tiny workbook's tables, to edit."""
    tables, issues = read_tables(DATA / "tiny")
    assert not issues
    return {name: frame.copy() for name, frame in tables.items()}


@functools.cache
def hostile_case() -> tuple[Problem, Plan]:
    """Volunteer v1 is called ``<script>...``, activity a1 is titled ``=HYPERLINK(...)``,
    the center ``=2*3 center``, and other cells start with ``+``, ``-`` and ``@``."""
    tables = tiny_tables()
    volunteers, activities = tables["volunteers"], tables["activities"]
    settings = tables["settings"]
    settings.loc[settings["key"] == "name", "value"] = FORMULA_CENTER
    volunteers.loc[volunteers["volunteer_id"] == "v1", "name"] = SCRIPT_NAME
    volunteers.loc[volunteers["volunteer_id"] == "v2", "team"] = "+rescue"
    activities.loc[activities["activity_id"] == "a1", "title"] = FORMULA_TITLE
    activities.loc[activities["activity_id"] == "a2", "title"] = "@SUM(1,2)"
    activities.loc[activities["activity_id"] == "a3", "partner"] = "-2+3"
    problem = build_problem(tables)
    plan = solve(problem, SETTINGS)
    assert any(s.volunteer_id == "v1" for s in plan.staffing)
    assert plan.assignment_of["a1"].start is not None
    return problem, plan


def phone_numbers(problem: Problem) -> list[str]:
    """Every volunteer's phone, in the spellings a leak could take (with and without
    separators)."""
    phones = [v.phone for v in problem.volunteers if v.phone]
    assert phones, "the workbook should have phone numbers to hide"
    return phones + [re.sub(r"\D", "", p) for p in phones]


def notes(problem: Problem) -> list[str]:
    """Volunteers' notes (personal data) long enough not to occur by chance."""
    return [v.notes for v in problem.volunteers if len(v.notes) >= 4]


def formula_free_texts(path: Path) -> list[str]:
    """Every text cell of the ``.xlsx`` file at ``path``, checked to be stored as text,
    and marked to stay text when edited where it starts as a formula would."""
    book = openpyxl.load_workbook(path)
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    values.append(cell.value)
                    if cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.quotePrefix, cell.value
    return values
