"""The label catalogue: both languages for every key, and every key the apps use."""

from __future__ import annotations

import re
import string
import typing
from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

from matching import load_problem
from matching.analysis import CANDIDATE_RANK
from matching.evaluate import HARD_RULES, kpis
from matching.greedy import greedy_plan
from matching.problem.entities import AGE_BANDS, PRIORITIES
from matching.problem.weights import DEFAULT_WEIGHTS
from matching.ui import CATALOGUE, Translator
from matching.ui.state import EDITABLE_TABLES, Status

UI = Path(__file__).resolve().parents[2] / "src" / "matching" / "ui"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_label_exists_in_both_languages_with_the_same_fields(key: str) -> None:
    entry = CATALOGUE[key]
    assert set(entry) == {"zh", "en"}
    if key != "col.broken":  # the marker column has no header on purpose
        assert entry["zh"].strip() and entry["en"].strip()
    assert fields(entry["zh"]) == fields(entry["en"])


def test_every_literal_key_in_the_apps_is_in_the_catalogue() -> None:
    used = set()
    for source in UI.glob("*.py"):
        used |= set(re.findall(r"\btr\(\s*\"([a-z_]+\.[a-z_0-9]+)\"", source.read_text()))
    assert used, "the pattern found no labels"
    assert used <= set(CATALOGUE), sorted(used - set(CATALOGUE))


def test_every_name_family_is_complete(tiny_dir: Path) -> None:
    problem = load_problem(tiny_dir)
    figures = kpis(problem, greedy_plan(problem))["name"]
    families = {
        "priority": PRIORITIES, "age_band": AGE_BANDS, "kpi": figures,
        "solver": ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"),
        "term": DEFAULT_WEIGHTS, "term_help": DEFAULT_WEIGHTS, "rule": HARD_RULES,
        "cand": CANDIDATE_RANK, "table": EDITABLE_TABLES, "status": typing.get_args(Status),
        "day": [str(d) for d in range(7)], "level": ("hard", "medium", "soft"),
        "stage": ("schedule", "staffing", "soft"), "kind": ("activity", "booking", "meeting"),
        "page": ("data", "timeline", "week", "load", "attention", "analyze", "kpis",
                 "activity"),
    }
    missing = [f"{prefix}.{name}" for prefix, names in families.items() for name in names
               if f"{prefix}.{name}" not in CATALOGUE]
    assert not missing


def test_translator() -> None:
    tr = Translator("en")
    assert tr("controls.solve") == "Solve"
    assert tr("data.row", row=5) == "row 5"
    tr.language = "zh"
    assert tr("data.row", row=5) == "第 5 行"
    assert tr.maybe("kpi.nothing_like_this", "raw") == "raw"
    with pytest.raises(KeyError):
        tr("no.such.key")
    with pytest.raises(ValueError):
        Translator("fr")
