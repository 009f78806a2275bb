"""The hours ledger: volunteer hours by volunteer, team and quarter, from what happened.

Rules (also in ``data/README.md``, "Actuals and the hours ledger"):

- a volunteer's row in ``attendance`` counts as recorded (source ``actual``): its hours,
  or the length of the activity as held when the hours are blank; a no-show counts no
  hours and one no-show;
- a volunteer the plan has in an activity but without an attendance row counts the
  planned hours (source ``planned``), taken from the plan view
  (:attr:`matching.plan_view.Placed.hours`), the one definition of planned hours;
- an activity marked not held counts for nobody;
- an activity belongs to the calendar quarter in which it started, as held;
- a quarter's participants are those recorded for its held activities: None (not
  recorded) when it held some and none has a count, since 0 would say nobody came;
- the no-show rate is no-shows over the times a volunteer was expected (every status
  but swapped-in, and every planned seat without a row).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Literal

import pandas as pd

from ..plan import Plan
from ..plan_view import PlanView
from ..problem.entities import Volunteer
from ..problem.model import Problem
from .rates import expected_rates
from .tables import Actuals, Status

Source = Literal["actual", "planned"]

BY_VOLUNTEER = ("volunteer_id", "name", "team", "hours", "hours_planned", "activities",
                "no_shows", "no_show_rate", "expected_no_show_rate", "source")
BY_TEAM = ("team", "volunteers", "hours", "hours_planned", "activities", "no_shows",
           "no_show_rate")
BY_QUARTER = ("quarter", "held_all", "not_held", "participants", "volunteers", "hours",
              "hours_planned", "no_shows", "no_show_rate")
#: The columns of ``hours.csv``.
HOURS_CSV = ("volunteer_id", "name", "team", "hours", "activities", "no_shows",
             "expected_no_show_rate", "source")


@dataclass(frozen=True)
class Service:
    """One volunteer's part in one held activity, as the ledger counts it."""

    volunteer_id: str
    activity_id: str
    #: The activity's start as held.
    start: datetime
    status: Status
    hours: float
    source: Source

    @property
    def worked(self) -> bool:
        return self.status != "no-show"

    @property
    def expected(self) -> bool:
        """Whether the volunteer was expected (the denominator of the no-show rate)."""
        return self.status != "swapped-in"


@dataclass(frozen=True)
class Total:
    """What a volunteer, a team or a quarter adds up to."""

    hours: float
    #: The part of ``hours`` counted as planned (no attendance row).
    hours_planned: float
    #: Activities worked (no-shows excluded).
    activities: int
    no_shows: int
    #: No-shows over the times someone was expected; None when nobody was.
    no_show_rate: float | None
    source: str

    @classmethod
    def of(cls, services: list[Service]) -> Total:
        expected = sum(1 for s in services if s.expected)
        no_shows = sum(1 for s in services if not s.worked)
        sources = {s.source for s in services}
        return cls(round(float(sum(s.hours for s in services)), 2),
                   round(float(sum(s.hours for s in services if s.source == "planned")), 2),
                   sum(1 for s in services if s.worked), no_shows,
                   round(no_shows / expected, 3) if expected else None,
                   sources.pop() if len(sources) == 1 else "mixed")

    def figures(self) -> tuple[float, float, int, int, float | None]:
        """hours, hours as planned, activities, no-shows, no-show rate."""
        return (self.hours, self.hours_planned, self.activities, self.no_shows,
                self.no_show_rate)


def quarter(moment: datetime) -> str:
    """``2023Q3``."""
    return f"{moment.year}Q{(moment.month - 1) // 3 + 1}"


class Ledger:
    """The hours ledger of ``plan`` (for ``problem``) given what happened (``actuals``)."""

    def __init__(self, problem: Problem, plan: Plan, actuals: Actuals) -> None:
        self.problem = problem
        self.view = PlanView(problem, plan)
        self.actuals = actuals

    @cached_property
    def services(self) -> tuple[Service, ...]:
        """Every volunteer's part in every held activity, by volunteer (workbook order)
        then start."""
        occurrences = self.actuals.activities
        recorded = {(a.activity_id, a.volunteer_id) for a in self.actuals.attendance}
        out = [Service(a.volunteer_id, a.activity_id, a.start, a.status, a.hours, "actual")
               for a in self.actuals.attendance]
        for vid, placed in self.view.staffed_by.items():
            for p in placed:
                aid = p.activity.activity_id
                held = occurrences.get(aid)
                if (aid, vid) in recorded or (held is not None and held.held == "no"):
                    continue
                start = held.start if held is not None and held.start else p.start
                out.append(Service(vid, aid, start, "came", p.hours, "planned"))
        order = {v.volunteer_id: i for i, v in enumerate(self.problem.volunteers)}
        out.sort(key=lambda s: (order[s.volunteer_id], s.start, s.activity_id))
        return tuple(out)

    @cached_property
    def held(self) -> dict[str, datetime]:
        """The start, as held, of every activity held or assumed held (scheduled by the
        plan with no actuals row)."""
        out = {aid: p.start for aid, p in self.view.placed.items()}
        for aid, occurrence in self.actuals.activities.items():
            if occurrence.start is None:
                out.pop(aid, None)
            else:
                out[aid] = occurrence.start
        return out

    @cached_property
    def volunteers(self) -> tuple[tuple[Volunteer, Total], ...]:
        """Each volunteer with a part in some activity (or a no-show) and their totals,
        in workbook order."""
        people: dict[str, list[Service]] = {}
        for s in self.services:
            people.setdefault(s.volunteer_id, []).append(s)
        return tuple((v, Total.of(people[v.volunteer_id])) for v in self.problem.volunteers
                     if v.volunteer_id in people)

    def by_volunteer(self) -> pd.DataFrame:
        """One row per volunteer of :attr:`volunteers`; ``source`` is actual, planned or
        mixed; ``expected_no_show_rate`` is the rate to plan with (:mod:`.rates`: shrunk
        towards the team's where the history is short), for the workbook's
        ``no_show_rate``."""
        history = {v.volunteer_id: (t.no_shows, t.activities + t.no_shows)
                   for v, t in self.volunteers}
        expected = expected_rates(history, {v.volunteer_id: v.team for v, _ in self.volunteers})
        rows = [[v.volunteer_id, v.name, v.team, *t.figures(),
                 round(expected.get(v.volunteer_id, 0.0), 3), t.source]
                for v, t in self.volunteers]
        return pd.DataFrame(rows, columns=list(BY_VOLUNTEER))

    def by_team(self) -> pd.DataFrame:
        """One row per team (in order of first appearance; no team is ``""``)."""
        teams: dict[str, list[Service]] = {}
        for s in self.services:
            teams.setdefault(self.problem.volunteer_by_id[s.volunteer_id].team, []).append(s)
        rows = [[team, _volunteers(mine), *Total.of(mine).figures()]
                for team, mine in teams.items()]
        return pd.DataFrame(rows, columns=list(BY_TEAM))

    def by_quarter(self) -> pd.DataFrame:
        """One row per calendar quarter with a held or cancelled activity, in order;
        ``participants`` sums the counts recorded for held activities (None when the
        quarter held some and none has a count)."""
        held: dict[str, int] = {}
        for start in self.held.values():
            held[quarter(start)] = held.get(quarter(start), 0) + 1
        not_held: dict[str, int] = {}
        recorded: dict[str, list[int]] = {}
        for aid, o in self.actuals.activities.items():
            placed = self.view.placed.get(aid)
            when = o.start or (placed.start if placed else
                               self.problem.activity_by_id[aid].earliest_start)
            if o.start is None:
                not_held[quarter(when)] = not_held.get(quarter(when), 0) + 1
            elif o.participants is not None:
                recorded.setdefault(quarter(when), []).append(o.participants)

        def participants(q: str) -> int | None:
            if q in recorded:
                return sum(recorded[q])
            return None if held.get(q) else 0

        services: dict[str, list[Service]] = {}
        for s in self.services:
            services.setdefault(quarter(s.start), []).append(s)
        rows = []
        for q in sorted({*held, *not_held, *services}):
            mine = services.get(q, [])
            t = Total.of(mine)
            rows.append([q, held.get(q, 0), not_held.get(q, 0), participants(q),
                         _volunteers(mine), t.hours, t.hours_planned, t.no_shows,
                         t.no_show_rate])
        return pd.DataFrame(rows, columns=list(BY_QUARTER))

    def hours_table(self) -> pd.DataFrame:
        """``hours.csv``: one row per volunteer."""
        return self.by_volunteer()[list(HOURS_CSV)]

    def tables(self) -> dict[str, pd.DataFrame]:
        """The sheets of ``ledger.xlsx`` by key."""
        return {"by_volunteer": self.by_volunteer(), "by_team": self.by_team(),
                "by_quarter": self.by_quarter()}


def _volunteers(services: Iterable[Service]) -> int:
    """Volunteers who served some hours."""
    return len({s.volunteer_id for s in services if s.worked and s.hours > 0})
