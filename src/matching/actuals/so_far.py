"""What has happened so far: a plan, its workbook and its actuals cut at a date.

A coordinator counts hours and reports in the middle of a year too. The attendance
template is filled in as planned for every activity, so a ledger made in April from
the whole year's template, departures typed for January to March only, would count
April to December as held: certificates of service not yet given, a report of events
still to come. :func:`so_far` keeps the activities that started on or before the last
day counted (as held where the actuals moved them, else as planned; one the plan left
out by the first time it could take place) and narrows the period to end on that day,
so the report's title and the certificates name the months they cover.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..errors import Issue
from ..i18n import Message, say
from ..plan import Plan
from ..problem.model import Problem
from .tables import Actuals, unrecorded_warning


class NothingYetError(ValueError):
    """A day before the plan's period starts: nothing of it has happened to count (a
    ledger made today of a plan for next year, an ``--until`` typed a year early)."""

    def __init__(self, last: date, start: date) -> None:
        self.wording: Message = say("summary.nothing_yet", last=str(last), start=str(start))
        super().__init__(self.wording.render("en"))

    def render(self, language: str = "en") -> str:
        return self.wording.render(language)


@dataclass(frozen=True)
class SoFar:
    """The problem, plan and actuals of what started by ``last``; ``later`` counts the
    activities left out of them as not yet due (the period ends on ``last`` or on the
    plan's last day, whichever comes first)."""

    problem: Problem
    plan: Plan
    actuals: Actuals
    last: date
    later: int


def so_far(problem: Problem, plan: Plan, actuals: Actuals, last: date) -> SoFar:
    """``problem``, ``plan`` and ``actuals`` narrowed to the activities that started on
    or before ``last``, and the period to end on ``last`` when it ended later.

    Raises
    ------
    NothingYetError
        When ``last`` is before the plan's period starts.
    """
    start = problem.settings.horizon_start
    if last < start:
        raise NothingYetError(last, start)
    cutoff = datetime.combine(last + timedelta(days=1), time())
    planned = {a.activity_id: a.start for a in plan.assignments if a.start is not None}

    def started(activity_id: str, earliest: datetime) -> datetime:
        held = actuals.activities.get(activity_id)
        if held is not None and held.start is not None:
            return held.start
        return planned.get(activity_id) or earliest

    kept = {a.activity_id for a in problem.activities
            if started(a.activity_id, a.earliest_start) < cutoff}
    if len(kept) == len(problem.activities) and last >= problem.settings.horizon_end:
        return SoFar(problem, plan, actuals, last, 0)
    settings = dataclasses.replace(
        problem.settings, horizon_end=min(last, problem.settings.horizon_end))
    narrowed = dataclasses.replace(  # marked as cut, as restrict marks its cuts
        problem, settings=settings,
        activities=tuple(a for a in problem.activities if a.activity_id in kept),
        roles=tuple(r for r in problem.roles if r.activity_id in kept),
        input_warnings=(), fingerprint=f"{problem.fingerprint}:{start}..{settings.horizon_end}")
    return SoFar(
        narrowed,
        dataclasses.replace(
            plan, assignments=tuple(a for a in plan.assignments if a.activity_id in kept),
            staffing=tuple(s for s in plan.staffing if s.activity_id in kept)),
        dataclasses.replace(
            actuals,
            activities={k: v for k, v in actuals.activities.items() if k in kept},
            attendance=tuple(a for a in actuals.attendance if a.activity_id in kept),
            warnings=_warnings_of(actuals, kept, [
                aid for aid in planned if aid in kept and aid not in actuals.activities])),
        last, len(problem.activities) - len(kept))


def _warnings_of(actuals: Actuals, kept: set[str], unrecorded: list[str]
                 ) -> tuple[Issue, ...]:
    """The warnings of ``actuals`` but those on rows of activities not ``kept``, the
    planned activities without a row named among ``unrecorded`` (those kept) only."""
    later = {("actuals", o.row) for aid, o in actuals.activities.items() if aid not in kept}
    later |= {("attendance", a.row) for a in actuals.attendance if a.activity_id not in kept}
    warnings = [w for w in actuals.warnings if (w.table, w.row) not in later
                and not _unrecorded(w)]
    told = next((w for w in actuals.warnings if _unrecorded(w)), None)
    again = unrecorded_warning(unrecorded) if told else None
    return tuple([again, *warnings] if again else warnings)


def _unrecorded(warning: Issue) -> bool:
    return getattr(warning.wording, "key", None) == "actuals_valid.unrecorded"
