"""``evaluate``: score any plan against its problem without the solver."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..plan import Plan
from ..problem.model import Problem
from .context import PlanView
from .hard import hard_findings
from .score import Score
from .soft import objective_findings


def evaluate(problem: Problem, plan: Plan, *, baseline: Plan | None = None,
             weights: Mapping[str, int] | None = None) -> Score:
    """Check every hard rule and price every objective term of ``plan``.

    The plan may come from the solver, a published file or a coordinator's edits; it is
    judged from the workbook's records alone, so the result can be trusted where the
    solver cannot.

    Parameters
    ----------
    problem
        The problem the plan is for.
    plan
        The plan to score; rows naming unknown ids are reported and otherwise ignored.
    baseline
        A previous plan; when given, the stability terms count what moved from it.
    weights
        Overrides of the objective weights, on top of the workbook's ``weight.<term>``.

    Returns
    -------
    Score
        Every broken hard rule and every cost, each with a readable message.
    """
    resolved = problem.weights(weights)
    view = PlanView(problem, plan)
    findings = hard_findings(view) + objective_findings(view, resolved, baseline)
    return Score(tuple(findings), MappingProxyType(resolved))
