"""No volunteer's phone number or notes in any public output: xlsx, ics, html, plan file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from plan_cases import notes, phone_numbers, qianjin_case, tiny_case

from matching.export import save_calendars, save_excel, save_report
from matching.io import save_plan
from matching.plan import Plan
from matching.problem import Problem

CASES = {"qianjin": qianjin_case, "tiny": tiny_case}


def public_outputs(problem: Problem, plan: Plan, folder: Path,
                   include_contacts: bool = False) -> dict[str, str]:
    """Every export's text: the raw bytes of each file and, for Excel, the cell values."""
    xlsx = save_excel(problem, plan, folder / "plan.xlsx", include_contacts=include_contacts)
    texts = {"xlsx-cells": "\n".join(
        str(c.value) for sheet in openpyxl.load_workbook(xlsx).worksheets
        for row in sheet.iter_rows() for c in row if c.value is not None)}
    with zipfile.ZipFile(xlsx) as archive:
        texts["xlsx-xml"] = "\n".join(archive.read(n).decode("utf-8", "replace")
                                      for n in archive.namelist())
    texts["html"] = save_report(problem, plan, folder / "report.html",
                                include_contacts=include_contacts).read_text(encoding="utf-8")
    for path in save_calendars(problem, plan, folder / "ics",
                               include_contacts=include_contacts):
        texts[path.name] = path.read_text(encoding="utf-8")
    texts["plan"] = save_plan(plan, problem, folder / "plan.json").read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_phone_number_or_note_in_public_outputs(tmp_path: Path, case: str) -> None:
    problem, plan = CASES[case]()
    secrets = phone_numbers(problem) + notes(problem)
    for name, text in public_outputs(problem, plan, tmp_path).items():
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{name} shows {leaked[:3]}"


def test_internal_outputs_do_show_contacts(tmp_path: Path) -> None:
    problem, plan = tiny_case()
    texts = public_outputs(problem, plan, tmp_path, include_contacts=True)
    for v in problem.volunteers:
        assert v.phone in texts["xlsx-cells"] and v.phone in texts["html"]
        if v.notes:
            assert v.notes in texts["html"]
    assert all(v.phone not in texts["plan"] for v in problem.volunteers)
