"""A solved plan as the tables and the few lines people read first.

Shared by the command line and the notebooks so both say the same thing.
"""

from __future__ import annotations

import pandas as pd

from .evaluate import Score, evaluate, kpis
from .io import plan_to_tables
from .plan import Plan
from .plan_view import PlanView
from .problem import Problem
from .problem.size import estimate, too_large

#: A repeatable search that ends before this share of its limit, its plan not proven
#: optimal, has the summary say why (see :func:`_ended_early`).
_EARLY = 0.9


def workbook_lines(problem: Problem) -> list[str]:
    """Rows per table, horizon, slot size and every warning: what `check` prints."""
    s = problem.settings
    kinds: dict[str, int] = {}
    priorities: dict[str, int] = {}
    for a in problem.activities:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
        priorities[a.priority] = priorities.get(a.priority, 0) + 1
    lines = [
        f"workbook   {s.name}",
        f"horizon    {s.horizon_start} .. {s.horizon_end} ({problem.grid.days} "
        f"day{'s' if problem.grid.days != 1 else ''}, "
        f"{s.slot_minutes}-minute slots, {s.timezone}, holidays {s.holidays or 'none'})",
        f"themes     {len(problem.themes)}",
        f"rooms      {len(problem.rooms)} ({len(problem.opening_hours)} opening rows, "
        f"{len(problem.closures)} closures)",
        f"volunteers {len(problem.volunteers)} ({len(problem.availability)} availability rows,"
        f" {len(problem.preferences)} preferences)",
        "activities {} ({})".format(
            len(problem.activities), ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))),
        "priority   " + ", ".join(f"{p} {priorities.get(p, 0)}"
                                  for p in ("must", "high", "normal", "low")),
        f"roles      {len(problem.roles)} ({sum(r.min for r in problem.roles)} seats at min, "
        f"{sum(r.target for r in problem.roles)} at target)",
        f"series     {len(problem.series)}",
    ]
    size = estimate(problem)
    lines.append(f"size       {size.contents()} to plan")
    # the checks over the slot grid would take the memory the plan would: skip them
    skipped = too_large(size) is not None
    warnings = problem.input_warnings if skipped else problem.warnings
    lines.append(f"warnings   {len(warnings)}")
    lines += [f"  {w}" for w in warnings]
    if skipped:
        lines.append("  (rooms never open, people never available and activities that "
                     "cannot take place are not checked: the workbook is too large)")
    return lines


def plan_tables(problem: Problem, plan: Plan, score: Score | None = None
                ) -> dict[str, pd.DataFrame]:
    """``assignments``, ``staffing``, ``score``, ``kpis`` and ``meta`` tables of a plan."""
    score = score or evaluate(problem, plan)
    tables = plan_to_tables(plan)
    tables["score"] = score.table()
    tables["kpis"] = kpis(problem, plan, score)
    meta = {
        **plan.meta,
        "objective": "" if plan.objective is None else " ".join(map(str, plan.objective)),
        "bound": "" if plan.bound is None else " ".join(f"{b:g}" for b in plan.bound),
        "conflicts": " | ".join(plan.conflicts),
    }
    tables["meta"] = pd.DataFrame(sorted(meta.items()), columns=["key", "value"])
    return tables


def _ended_early(plan: Plan) -> str:
    """Why a repeatable search ended well before its limit without proving its plan
    optimal: it does a fixed amount of work, so that every run gives the same plan, and
    a fast machine does it sooner (the year at 20 s: in about 12 s). Said, so that a
    coordinator does not take the time left for a search that gave up (a search with a
    patience is not repeatable, and may have ended for its patience instead)."""
    meta = plan.meta
    limit = float(meta.get("time_limit", 0) or 0)
    if (meta.get("repeatable") != "yes" or plan.status == "OPTIMAL"
            or plan.wall_time >= _EARLY * limit):
        return ""
    return (f" (a fixed amount of work, done in {plan.wall_time:.0f} s of the "
            f"{limit:g} s limit; --race searches for the whole limit)")


def summary_lines(problem: Problem, plan: Plan, score: Score | None = None) -> list[str]:
    """Scheduled by priority, roles filled, volunteer load, status, objective and time."""
    score = score or evaluate(problem, plan)
    values = dict(zip(*kpis(problem, plan, score).to_dict("list").values(), strict=True))
    stopped = (", stopped before its time limit"
               if plan.meta.get("stopped_by_user") == "yes" else "")
    lines = [f"status      {plan.status}  ({plan.wall_time:.1f} s{stopped})"]
    if plan.status == "INFEASIBLE":
        lines.append("conflicts   the rules that cannot all hold:")
        lines += [f"  - {c}" for c in plan.conflicts]
        return lines
    if plan.status == "UNKNOWN":  # no plan, and no proof that none exists
        return lines + [f"no plan     {c}" for c in plan.conflicts]
    by_priority = ", ".join(
        f"{p} {values[f'scheduled_{p}']}/{values[f'total_{p}']}"
        for p in ("must", "high", "normal", "low"))
    lines += [
        f"scheduled   {values['activities_scheduled']}/{values['activities_total']} "
        f"({by_priority})",
        f"roles       {values['seats_filled']} seats filled, {values['seats_target']} "
        f"targeted, {values['seats_min']} required; "
        f"{_below_target(problem, plan)} role(s) below target",
        f"volunteers  {values['volunteers_used']}/{values['volunteers_total']} used; load "
        f"min {values['volunteer_load_hours_min']:g} h, "
        f"mean {values['volunteer_load_hours_mean']:.1f} h, "
        f"max {values['volunteer_load_hours_max']:g} h",
        f"objective   {plan.objective} (schedule, staffing, soft penalties)"
        + (f"; bound {plan.bound}" if plan.bound else "; no bound proved in time"),
        f"checked     {len(score.hard_violations)} hard violation(s) found by the evaluator",
    ]
    if "repeatable" in plan.meta:
        lines.append(f"repeatable  {plan.meta['repeatable']}{_ended_early(plan)}")
    unscheduled = [a for a in plan.assignments if a.start is None]
    if unscheduled:
        lines.append(f"unscheduled {len(unscheduled)}:")
        titles = problem.activity_by_id
        lines += [f"  - {titles[a.activity_id].title} ({a.activity_id}): {a.reason}"
                  for a in unscheduled[:20]]
        if len(unscheduled) > 20:
            lines.append(f"  ... and {len(unscheduled) - 20} more in assignments")
    return lines


def _below_target(problem: Problem, plan: Plan) -> int:
    """Roles of scheduled activities with fewer people than their target."""
    return sum(len(roles) for roles in PlanView(problem, plan).shortfalls.values())
