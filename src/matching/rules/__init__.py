"""The planning rules, declared once (no solver, no widgets).

:data:`DUTY_RULES` are the limits on what one volunteer may be given. Each names its
``volunteers`` column (a center-wide default may sit in ``settings`` under the same key);
the workbook schema, the reader and the table round trip take their columns from here,
the evaluator its checks, eligibility its exclusions, first fit and candidate ranking
their feasibility tests. The CP-SAT model keeps one method per family
(``matching.solver.model.DUTY_METHODS``), and :data:`HARD_RULES` lists every hard rule
the evaluator checks, in the order score tables show them.

Adding a duty rule: declare it here (a :class:`PeriodLimit` needs nothing more), give the
solver a method if it is of a new family, and add its words to ``matching.i18n``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from ..i18n import say
from .base import Breach, Column, DutyRule, Tally
from .periods import Period, PeriodLimit
from .rest import RESTS_AFTER, MinRest

if TYPE_CHECKING:  # at run time the rules import only the words (matching.i18n)
    from ..plan_view import PlanView
    from ..problem.model import Problem

DAY, WEEK, MONTH = Period("day"), Period("week"), Period("month")

DUTY_RULES: Final[tuple[DutyRule, ...]] = (
    PeriodLimit("daily_hours", Column("max_hours_per_day", 0, 24), DAY),
    PeriodLimit("weekly_hours", Column("max_hours_per_week", 0, 168), WEEK),
    PeriodLimit("monthly_activities", Column("max_activities_per_month", 0, 100_000,
                                             integer=True), MONTH, counts=True),
    MinRest("min_rest", Column("min_rest_hours", 0, 48, at_least=True)),
)

#: Numbers a volunteer row may carry, one per duty rule, in the schema's column order.
VOLUNTEER_COLUMNS: Final = tuple(rule.column for rule in DUTY_RULES)
#: ``settings`` keys holding center-wide duty defaults.
SETTING_COLUMNS: Final = (*VOLUNTEER_COLUMNS, RESTS_AFTER)

#: Every hard rule of the evaluator, in the order score tables list them.
HARD_RULES: Final = (
    "unknown_id", "duplicate_assignment", "room_required", "window", "duration",
    "slot_grid", "same_day", "fixed_start", "fixed_room", "room_open", "room_capacity",
    "room_equipment", "room_overlap", "volunteer_available", "volunteer_skill",
    "volunteer_age_band", "volunteer_overlap", "volunteer_one_role",
    *(rule.name for rule in DUTY_RULES),
    "staffing_unscheduled", "role_min", "role_max", "cohort_overlap", "series_order",
    "must_scheduled",
)


def duty_breaches(view: PlanView) -> Iterator[tuple[DutyRule, Breach]]:
    """Every broken duty rule of a plan, rule by rule, volunteer by volunteer."""
    for rule in DUTY_RULES:
        for volunteer_id, duties in view.staffed_by.items():
            volunteer = view.problem.volunteer_by_id[volunteer_id]
            for breach in rule.breaches(view.problem, volunteer, duties):
                yield rule, breach


def seat_breach(view: PlanView, volunteer_id: str, activity_id: str) -> Breach | None:
    """The first duty rule the volunteer would break by also staffing the placed activity
    ``activity_id`` (rules the plan already breaks without it do not count), or None:
    the test candidate ranking and explanations use. It is worded as what would happen
    (``would.<rule>``): it says why the volunteer was not given the seat, not that the
    plan breaks the rule."""
    problem = view.problem
    volunteer = problem.volunteer_by_id[volunteer_id]
    duties = [p for p in view.staffed_by.get(volunteer_id, [])
              if p.activity.activity_id != activity_id]
    added = [*duties, view.placed[activity_id]]
    for rule in DUTY_RULES:
        before = list(rule.breaches(problem, volunteer, duties))
        for breach in rule.breaches(problem, volunteer, added):
            if breach not in before:
                return breach._replace(wording=say(f"would.{rule.name}",
                                                   **dict(breach.wording.values)))
    return None


def tallies(problem: Problem) -> list[Tally]:
    """Empty tallies of every duty rule some volunteer is bound by, for first fit."""
    return [rule.tally(problem) for rule in DUTY_RULES
            if any(rule.limit(problem, v) is not None for v in problem.volunteers)]


__all__ = ["DUTY_RULES", "HARD_RULES", "SETTING_COLUMNS", "VOLUNTEER_COLUMNS", "Breach",
           "Column", "DutyRule", "MinRest", "Period", "PeriodLimit", "Tally",
           "duty_breaches", "seat_breach", "tallies"]
