"""Independent scoring of plans: every broken hard rule and every objective cost.

The evaluator never imports the solver and never reads its slot masks: it re-derives
each rule from the workbook's records, so that the solver's own mistakes are caught and
a hand-edited or published plan can be judged as surely as a fresh one.
"""

from ..rules import HARD_RULES
from .evaluator import evaluate
from .kpis import kpis
from .score import Finding, Score

__all__ = ["HARD_RULES", "Finding", "Score", "evaluate", "kpis"]
