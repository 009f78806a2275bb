"""Shared fixtures: small workbooks written inline, so each test shows its data."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import Phase, settings

from matching.io import build_problem
from matching.problem import Problem

DATA = Path(__file__).resolve().parents[1] / "data"

# What the command line says before it reads a workbook follows the machine's locale
# (matching.cli.common.system_language): the tests expect English, wherever they run,
# the commands they start included.
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

#: For the mutation check (``--hypothesis-profile=mutants``): a failing example is
#: reported as found, without the minutes shrinking it would take.
settings.register_profile("mutants", phases=[Phase.explicit, Phase.reuse, Phase.generate])

BASE_SETTINGS = """key,value
name,Test
horizon_start,2024-03-04
horizon_end,2024-03-10
slot_minutes,60
language,en
"""


def table(text: str) -> pd.DataFrame:
    """A workbook table from CSV text, as the reader would produce it (strings)."""
    frame = pd.read_csv(io.StringIO(text.strip() + "\n"), dtype=str, keep_default_na=False)
    frame.columns = [c.strip().lower() for c in frame.columns]
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def make_problem(settings: str = BASE_SETTINGS, **tables: str) -> Problem:
    """Build a Problem from CSV snippets, e.g. ``make_problem(rooms="room_id,...")``."""
    return build_problem({"settings": table(settings), **{k: table(v) for k, v in tables.items()}})


def tiny_edited(folder: Path, **edits: Callable[[str], str]) -> Path:
    """``data/tiny`` written to ``folder`` as CSV files, the text of each table named in
    ``edits`` changed by its function first, e.g.
    ``volunteers=lambda text: text.replace("teach;host", "Teach;Host")``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((DATA / "tiny").glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        change = edits.get(path.stem)
        (folder / path.name).write_text(change(text) if change else text, encoding="utf-8")
    return folder


@pytest.fixture
def tiny_dir() -> Path:
    return DATA / "tiny"


@pytest.fixture
def qianjin_dir() -> Path:
    return DATA / "qianjin-2023"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Notebooks run end to end, solving for real: they belong to the slow suite."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def ejection_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ejection search hands back the plan it was given, as it does on a week it
    cannot complete (the densest enrolment weeks), so that a full week which it would complete in
    a fraction of a second exercises the searches after it (the squeaky-wheel rounds
    and CP-SAT's repair search)."""
    from matching.solver import search

    monkeypatch.setattr(search, "ejection_search", lambda problem, start, *_, **__: start)
