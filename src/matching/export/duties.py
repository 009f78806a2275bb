"""Each volunteer's duties as a list to hand out: the printed report's last word to them.

A volunteer wants one slip: when, what, where and in which role, nothing about anybody
else. The lists are cut from :func:`views.by_volunteer` (one row per seat of the plan),
so every seat appears exactly once, under the volunteer the plan names (by id when the
workbook no longer has them). Phone numbers and notes are part of a list only for an
internal copy; volunteers without duties are listed apart, so that nobody is forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import pandas as pd

from .. import plan_view
from ..plan import Plan
from ..problem.model import Problem
from . import views


@dataclass(frozen=True)
class Duty:
    """One seat: the day, the times, the activity, its room and the role."""

    day: date
    weekday: str
    start: time
    end: time | str
    title: str
    room: str
    role: str

    @property
    def date_text(self) -> str:
        return f"{self.day:%m-%d} {self.weekday}"

    @property
    def time_text(self) -> str:
        end = self.end if isinstance(self.end, str) else f"{self.end:%H:%M}"
        return f"{self.start:%H:%M}–{end}"


@dataclass(frozen=True)
class DutyList:
    """A volunteer's duties in time order, with the hours the plan gives them.
    ``contacts`` holds the phone and notes for an internal copy, and is empty otherwise."""

    volunteer_id: str
    name: str
    team: str
    duties: tuple[Duty, ...]
    hours: float
    contacts: tuple[str, ...] = ()


def duty_lists(problem: Problem, plan: Plan, *, include_contacts: bool = False
               ) -> tuple[list[DutyList], list[DutyList]]:
    """The lists of volunteers with duties, in the workbook's order (volunteers the
    workbook lacks last), and the volunteers without any (their lists are empty)."""
    seats = views.by_volunteer(problem, plan)
    view = plan_view.PlanView(problem, plan)
    busy = []
    for vid, rows in seats.groupby("volunteer_id", sort=False):
        first = rows.iloc[0]
        busy.append(DutyList(str(vid), str(first["name"]), str(first["team"]),
                             tuple(_duty(row) for _, row in rows.iterrows()),
                             round(view.hours_of(str(vid)), 2),
                             _contacts(problem, str(vid), include_contacts)))
    listed = {d.volunteer_id for d in busy}
    idle = [DutyList(v.volunteer_id, v.name, v.team, (), 0.0,
                     _contacts(problem, v.volunteer_id, include_contacts))
            for v in problem.volunteers if v.volunteer_id not in listed]
    return busy, idle


def _duty(row: pd.Series) -> Duty:
    return Duty(row["date"], str(row["weekday"]), row["start"], row["end"], str(row["title"]),
                str(row["room"]), str(row["role"]))


def _contacts(problem: Problem, volunteer_id: str, include_contacts: bool) -> tuple[str, ...]:
    volunteer = problem.volunteer_by_id.get(volunteer_id)
    if not include_contacts or volunteer is None:
        return ()
    return tuple(filter(None, (volunteer.phone, volunteer.notes)))
