"""The figures of the year-end report, computed from what happened beside what was planned.

The center's annual report (``/seed/FACTS.md``) gives a handful of figures: activities
run, residents served, bookings lent and the residents they served, summer-camp
sessions, red-classroom events, volunteers mobilised. This module computes each one
from a validated record (:class:`~matching.actuals.Actuals`) with its planned
counterpart, as plain tables, so that the HTML page, the workbook and a notebook show
the same numbers.

Conventions, the ledger's (:mod:`matching.actuals.ledger`) where it has one:

- what the workbook asks for (its activities over the plan's period) and the plan left
  out is "left out", with the plan's reason, so that the report never reads as if all
  that was asked for had been planned;
- an activity the plan scheduled and the actuals do not mention was held as planned;
- ``held`` yes is "as planned", moved is "moved" (held, elsewhere or at another time),
  no is "cancelled"; an actuals row of an activity the plan did not schedule is
  "unplanned" (held all the same);
- an activity belongs to the quarter it started in as held (a cancelled one to its
  planned start);
- participants are the recorded counts; a figure over held activities none of which
  has a count recorded is None ("not recorded"), never 0, which would say nobody came;
- volunteer hours, people and no-shows are the ledger's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Final, Literal

import pandas as pd

from ..plan import Plan
from ..plan_view import PlanView
from ..problem.entities import Activity
from ..problem.model import Problem
from .ledger import Ledger, quarter
from .tables import Actuals

Status = Literal["as_planned", "moved", "cancelled", "unplanned"]
STATUSES: Final[tuple[Status, ...]] = ("as_planned", "moved", "cancelled", "unplanned")
KINDS: Final = ("activity", "meeting", "booking")
#: The columns of :meth:`Review.by_kind`.
BY_KIND: Final = ("kind", "requested", "planned", "left_out", *STATUSES, "held",
                  "participants")
GroupName = Literal["camp", "red_classroom"]
#: The groups of activities the report singles out, in its order.
GROUPS: Final[tuple[GroupName, ...]] = ("camp", "red_classroom")


@dataclass(frozen=True)
class Highlights:
    """Which activities are the summer camp's sessions and which are red classrooms:
    the camp is a series of the workbook (``series_id``), the red classroom a word in
    the titles. The defaults are the embedded workbook's."""

    camp_series: tuple[str, ...] = ("S-CAMP",)
    red_classroom: str = "红色课堂"

    def is_camp(self, activity: Activity) -> bool:
        return activity.series_id in self.camp_series

    def is_red_classroom(self, activity: Activity) -> bool:
        return bool(self.red_classroom) and self.red_classroom in activity.title

    def test(self, which: GroupName) -> Callable[[Activity], bool]:
        """Whether an activity is of the group ``which``."""
        return self.is_camp if which == "camp" else self.is_red_classroom


@dataclass(frozen=True)
class Outcome:
    """What became of one activity: its status, when it started (as held, or as planned
    when cancelled), the residents recorded (None: no count recorded) and the
    coordinator's reason (``note``) for a move or a cancellation."""

    activity: Activity
    status: Status
    start: datetime
    participants: int | None
    reason: str

    @property
    def held(self) -> bool:
        return self.status != "cancelled"

    @property
    def quarter(self) -> str:
        return quarter(self.start)


def participants(outcomes: Iterable[Outcome]) -> int | None:
    """The residents recorded at the held ``outcomes``: the sum of the counts recorded,
    or None when some were held and none has a count (0 would say nobody came)."""
    held = [o for o in outcomes if o.held]
    counts = [o.participants for o in held if o.participants is not None]
    return sum(counts) if counts or not held else None


@dataclass(frozen=True)
class Group:
    """Planned and held counts of a group of activities (the camp, the red classroom);
    ``left_out`` counts those of the workbook the plan did not schedule."""

    planned: int
    held: int
    cancelled: int
    participants: int | None
    partners: tuple[str, ...]
    left_out: int


class Review:
    """The year in review of ``plan`` for ``problem`` given ``actuals``."""

    def __init__(self, problem: Problem, plan: Plan, actuals: Actuals,
                 highlights: Highlights | None = None) -> None:
        self.problem, self.plan, self.actuals = problem, plan, actuals
        self.highlights = highlights or Highlights()
        self.view = PlanView(problem, plan)
        self.ledger = Ledger(problem, plan, actuals)

    @cached_property
    def outcomes(self) -> tuple[Outcome, ...]:
        """Every activity planned or recorded, by start."""
        out = []
        for activity in self.problem.activities:
            aid = activity.activity_id
            placed, record = self.view.placed.get(aid), self.actuals.activities.get(aid)
            if record is None or (placed is None and record.start is None):
                if placed is not None:  # no row: held as planned
                    out.append(Outcome(activity, "as_planned", placed.start, None, ""))
                continue  # neither planned nor held
            status: Status = ("unplanned" if placed is None else "cancelled"
                              if record.held == "no" else "moved" if record.held == "moved"
                              else "as_planned")
            start = record.start or (placed.start if placed else activity.earliest_start)
            out.append(Outcome(activity, status, start, record.participants, record.note))
        return tuple(sorted(out, key=lambda o: (o.start, o.activity.activity_id)))

    @property
    def quarters(self) -> list[str]:
        """The quarters with an activity, in order."""
        return sorted({o.quarter for o in self.outcomes})

    def of_kind(self, kind: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.activity.kind == kind]

    @property
    def left_out(self) -> list[Activity]:
        """The activities of the workbook (over the plan's period) that the plan did
        not schedule, in workbook order; the plan gives the reason of each."""
        return self.view.unscheduled

    def by_kind(self) -> pd.DataFrame:
        """Per kind (activity, meeting, booking): requested (the workbook's), planned,
        left out of the plan, each status, held and participants; kinds the workbook
        has none of are left out."""
        rows = []
        for kind in KINDS:
            requested = sum(1 for a in self.problem.activities if a.kind == kind)
            if not requested:
                continue
            mine = self.of_kind(kind)
            counts = Counter(o.status for o in mine)
            planned = sum(1 for o in mine if o.status != "unplanned")
            rows.append([kind, requested, planned, requested - planned,
                         *(counts[s] for s in STATUSES), sum(1 for o in mine if o.held),
                         participants(mine)])
        return pd.DataFrame(rows, columns=list(BY_KIND))

    def unrecorded(self) -> int:
        """How many held activities have no count of participants recorded, when some
        others have one (their sums count only those recorded); 0 when all or none have
        one (where none has, each figure says "not recorded" itself)."""
        held = [o for o in self.outcomes if o.held]
        missing = sum(1 for o in held if o.participants is None)
        return missing if missing < len(held) else 0

    def reasons(self, status: Status) -> list[tuple[str, int]]:
        """The reasons recorded for ``status`` (moved or cancelled) with how many
        activities gave each, most frequent first; a blank reason is ``""``."""
        counts = Counter(o.reason for o in self.outcomes if o.status == status)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def by_theme(self) -> pd.DataFrame:
        """Activities (kind ``activity``) per theme: planned, held, then held in each
        quarter, and participants; a theme ``""`` gathers those without one."""
        activities = self.of_kind("activity")
        names = {t.theme_id: t.name for t in self.problem.themes}
        order = [*names, ""]
        rows = []
        for theme in order:
            mine = [o for o in activities if (o.activity.theme_id or "") == theme]
            if not mine:
                continue
            held = [o for o in mine if o.held]
            rows.append([names.get(theme, ""),
                         sum(1 for o in mine if o.status != "unplanned"), len(held),
                         *(sum(1 for o in held if o.quarter == q) for q in self.quarters),
                         participants(held)])
        return pd.DataFrame(rows, columns=["theme", "planned", "held", *self.quarters,
                                           "participants"])

    def by_quarter(self) -> pd.DataFrame:
        """Per quarter: activities planned (by planned start) and held, participants,
        bookings held and the residents they served, volunteer hours."""
        ledger = self.ledger.by_quarter()
        hours = dict(zip(ledger["quarter"], ledger["hours"], strict=True))
        rows = []
        for q in self.quarters:
            activities = [o for o in self.of_kind("activity") if o.held and o.quarter == q]
            planned = sum(1 for p in self.view.placed.values()
                          if p.activity.kind == "activity" and quarter(p.start) == q)
            bookings = [o for o in self.of_kind("booking") if o.held and o.quarter == q]
            rows.append([q, planned, len(activities), participants(activities),
                         len(bookings), participants(bookings), float(hours.get(q, 0.0))])
        return pd.DataFrame(rows, columns=["quarter", "planned", "held", "participants",
                                           "bookings_held", "booking_participants", "hours"])

    def groups(self) -> list[GroupName]:
        """The groups (summer camp, red classroom) the workbook has activities of over
        the plan's period: a center without a camp gets no section about one."""
        return [which for which in GROUPS
                if any(self.highlights.test(which)(a) for a in self.problem.activities)]

    def group(self, which: GroupName) -> Group:
        """The summer camp's sessions or the red-classroom events."""
        test = self.highlights.test(which)
        mine = [o for o in self.outcomes if test(o.activity)]
        held = [o for o in mine if o.held]
        partners = tuple(dict.fromkeys(o.activity.partner for o in held if o.activity.partner))
        return Group(sum(1 for o in mine if o.status != "unplanned"), len(held),
                     sum(1 for o in mine if o.status == "cancelled"), participants(held),
                     partners, sum(1 for a in self.left_out if test(a)))

    def teams(self) -> pd.DataFrame:
        """The ledger's table by team: volunteers with hours, hours, activities worked,
        no-shows, no-show rate."""
        return self.ledger.by_team()
