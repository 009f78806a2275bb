"""The actuals speak with the one catalogue: no module of matching.actuals holds words of
its own, and every heading of the ledger and the report is a word, never a raw key."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import DATA

from matching.actuals import Ledger, Review, read_actuals
from matching.actuals.labels import heading, spellings, value
from matching.actuals.report import sections
from matching.i18n import text
from matching.io import load_problem, read_plan_file

ACTUALS = Path(__file__).resolve().parents[2] / "src" / "matching" / "actuals"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: The example's story: what its coordinator typed as notes is data, not a word.
STORY = "example.py"
#: Text matched in the workbook, not shown: the red classroom's titles.
MATCHED = {"红色课堂"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


@pytest.mark.parametrize("source", sorted(p.name for p in ACTUALS.glob("*.py")
                                          if p.name != STORY))
def test_no_chinese_word_outside_the_catalogue(source: str) -> None:
    tree = ast.parse((ACTUALS / source).read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    words = [node.value for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in docs and CJK.search(node.value)
             and node.value not in MATCHED]
    assert not words, words


def test_values_read_back_in_either_language_and_agree_with_the_plans() -> None:
    assert spellings("no-show") == ("缺席", "no-show")
    assert value("yes", "zh") == text("word.yes", "zh") and value("no", "en") == "no"
    with pytest.raises(ValueError, match="language 'fr'"):  # not English without a word
        value("no", "fr")
    assert heading("team", "zh") == text("col.team", "zh")  # the exports' word
    assert heading("activities", "en") == "Activities worked"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_heading_of_the_report_and_the_ledger_is_a_word(language: str) -> None:
    example = DATA / "qianjin-2023-actuals"
    planfile = read_plan_file(example / "plan.json")
    problem = planfile.problem_for(load_problem(DATA / "qianjin-2023"))
    actuals = read_actuals(example, problem, planfile.plan)
    columns = [str(c) for s in sections(Review(problem, planfile.plan, actuals), language)
               for c in s.table.columns]
    columns += [heading(str(c), language) for frame in
                Ledger(problem, planfile.plan, actuals).tables().values()
                for c in frame.columns]
    raw = [c for c in columns if re.fullmatch(r"[a-z_]+", c)]
    assert not raw, raw
    if language == "zh":
        assert all(CJK.search(c) for c in columns), columns
    else:
        assert not any(CJK.search(c) for c in columns), columns
