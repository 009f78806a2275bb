"""The printed plan's cover: the scope's figures a coordinator reports on, and what is short.

The cover answers the questions asked first about a quarter or a year: how many of the
planned activities and room bookings have a place and a time, how many volunteers the
plan mobilises, and which roles still lack people (the roles to recruit for). The
counts come from :class:`matching.plan_view.PlanView`, the one definition every other
report uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..i18n import text
from ..plan import Plan
from ..plan_view import PlanView
from ..problem.model import Problem


@dataclass(frozen=True)
class Shortfall:
    """A role of a scheduled activity below its target."""

    start: datetime
    title: str
    role: str
    filled: int
    target: int


def figures(problem: Problem, plan: Plan, language: str) -> list[tuple[str, str]]:
    """``(label, value)`` of the cover's figures, in ``language``."""
    view = PlanView(problem, plan)

    def placed_of(activities: list[str]) -> str:
        return f"{sum(a in view.placed for a in activities)} / {len(activities)}"

    bookings = [a.activity_id for a in problem.activities if a.kind == "booking"]
    others = [a.activity_id for a in problem.activities if a.kind != "booking"]
    short = shortfalls(problem, plan)
    missing = sum(s.target - s.filled for s in short)
    filled = sum(len(people) for people in view.filled.values())
    target = sum(r.target for r in problem.roles if r.activity_id in view.placed)
    rows = [("print.activities", placed_of(others)),
            ("print.bookings", placed_of(bookings)),
            ("print.volunteers", f"{len(view.staffed_by)} / {len(problem.volunteers)}"),
            ("print.seats", f"{filled} / {target}"),
            ("print.roles_short", text("print.short_count", language, roles=len(short),
                                       people=missing) if short else "0")]
    return [(text(key, language), value) for key, value in rows]


def shortfalls(problem: Problem, plan: Plan) -> list[Shortfall]:
    """Every role below target, in time order."""
    view = PlanView(problem, plan)
    out = [Shortfall(view.placed[aid].start, view.placed[aid].activity.title, role, filled,
                     target)
           for aid, roles in view.shortfalls.items() for role, filled, target in roles]
    return sorted(out, key=lambda s: (s.start, s.title, s.role))
