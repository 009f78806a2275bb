"""The embedded example of what happened: a seeded, filled attendance template for the
year of data/qianjin-2023, so that the ledger and the year-end report (the summer camp
and the red classroom included) can be tried (and tested) on realistic data without
anyone typing it.

It starts from the template a coordinator would receive (:func:`template_tables`,
filled in as planned) and changes what a year at a street center changes: closures
(a rainstorm warning in June that cancels its days, typhoon Muifa in September, whose
warning came two days ahead, so that what could wait was postponed a week and the rest
cancelled), a few bookings and activities called off, a few activities moved (to the
next week, or indoors), about one volunteer in fifteen not coming and half of those
stood in for by a teammate with the skill, a few leaving early, and the number of
residents who came varying around ``expected_attendance``. Every change keeps the
record valid: a moved activity and a volunteer standing in never put anyone in two
places at once, and nothing leaves the planned period.

The plan is :func:`matching.greedy.greedy_plan` of the period's restriction (first fit,
deterministic and fast), saved beside the tables as ``plan.json``, so that
``python -m matching ledger data/qianjin-2023 data/qianjin-2023-actuals/plan.json
--actuals data/qianjin-2023-actuals --out ledger`` reproduces the shipped figures.
Regenerate with ``python -m matching.actuals.example data/qianjin-2023
data/qianjin-2023-actuals``.
"""

from __future__ import annotations

import argparse
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

import pandas as pd

from ..greedy import greedy_plan
from ..io import load_problem, save_plan
from ..io.outputs import replace_folder
from ..plan import Plan
from ..problem.entities import Closure
from ..problem.model import Problem
from ..problem.select import restrict
from .labels import value
from .template import ACTUALS_COLUMNS, ATTENDANCE_COLUMNS, template_tables

#: The files of the example folder: what ``read_actuals`` reads, and the plan.
EXAMPLE_FILES: Final = ("actuals.csv", "attendance.csv", "plan.json")
_MOMENT: Final = "%Y-%m-%d %H:%M"


#: The whole center closed (no room id): what was planned then is cancelled, or
#: postponed (see :class:`Shutdown`). The first half's closure is an invented but
#: ordinary one: a rainstorm warning in the plum-rain season.
RAINSTORM: Final = Closure(None, datetime(2023, 6, 13), datetime(2023, 6, 15),
                           "梅雨季暴雨红色预警，中心闭馆")
#: Typhoon Muifa's days, 13-15 September (data/scenarios/typhoon-muifa.yaml): the hall
#: and the square closed, the study room a shelter staffed around the clock, nothing
#: else held at the center.
MUIFA: Final = Closure(None, datetime(2023, 9, 13), datetime(2023, 9, 16),
                       "台风“梅花”过境，中心停止对外活动，自习室改作避灾安置点")


@dataclass(frozen=True)
class Shutdown:
    """A closure of the story. What was planned in it is cancelled with the closure's
    reason as the note; with ``postponed`` (the note of a postponed activity), an
    activity or a meeting is moved a week later when its room and people are free
    then, as a center does when a warning comes days ahead. Bookings are cancelled:
    their borrowers choose their own new date."""

    closure: Closure
    postponed: str = ""


@dataclass(frozen=True)
class Story:
    """What goes differently from the plan, and how often."""

    seed: int = 2023
    closures: tuple[Shutdown, ...] = (
        Shutdown(RAINSTORM), Shutdown(MUIFA, "台风“梅花”闭馆，顺延一周"))
    #: Share of planned seats whose volunteer does not come.
    no_show_rate: float = 0.07
    #: Share of no-shows for whom a teammate stands in.
    stand_in_rate: float = 0.5
    #: Share of seats (of activities over an hour) left early.
    left_early_rate: float = 0.03
    #: Bookings the borrower calls off, and activities called off.
    cancelled_bookings: int = 4
    cancelled_activities: int = 2
    #: Activities (not bookings or meetings) held at another time or place.
    moved: int = 8
    #: Participants drawn between these shares of ``expected_attendance``.
    turnout: tuple[float, float] = (0.7, 1.15)
    reasons: dict[str, tuple[str, ...]] = field(default_factory=lambda: {
        "booking": ("借用方临时取消",),
        "activity": ("报名人数不足，取消", "授课老师临时有事，取消"),
        "later": ("主讲人临时有事，顺延一周", "与街道会议冲突，顺延一周"),
        "indoors": ("下雨，改在室内举行",),
    })


def simulate(problem: Problem, plan: Plan, story: Story | None = None
             ) -> dict[str, pd.DataFrame]:
    """The ``actuals`` and ``attendance`` tables of ``plan`` as a coordinator filled them
    in after ``story`` happened: values as text, in the workbook's language."""
    return _Simulation(problem, plan, story or Story()).tables()


def write_example(workbook: str | os.PathLike[str], folder: str | os.PathLike[str], *,
                  first: date = date(2023, 1, 1), last: date = date(2023, 12, 31),
                  story: Story | None = None) -> Path:
    """Plan ``workbook`` from ``first`` to ``last`` (greedily), simulate what happened,
    and write :data:`EXAMPLE_FILES` into ``folder``, replacing it whole."""
    problem = restrict(load_problem(workbook), start=first, end=last)
    plan = greedy_plan(problem)
    tables = simulate(problem, plan, story)

    def write(side: Path) -> None:
        for name, frame in tables.items():
            frame.to_csv(side / f"{name}.csv", index=False, encoding="utf-8")
        save_plan(plan, problem, side / "plan.json", workbook=workbook)

    return replace_folder(folder, write, kind="actuals example")


@dataclass
class _Held:
    """One ``actuals`` row being filled in."""

    activity_id: str
    title: str
    held: str
    start: datetime
    end: datetime
    room_id: str
    participants: int | None = None
    note: str = ""

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


@dataclass
class _Seat:
    """One ``attendance`` row being filled in."""

    activity_id: str
    title: str
    volunteer_id: str
    name: str
    role: str
    status: str
    hours: float | None


class _Simulation:
    def __init__(self, problem: Problem, plan: Plan, story: Story) -> None:
        self.problem, self.story = problem, story
        self.rng = random.Random(story.seed)
        base = template_tables(problem, plan)
        self.rows = [_Held(str(a["activity_id"]), str(a["title"]), str(a["held"]),
                           pd.Timestamp(a["start"]).to_pydatetime(),
                           pd.Timestamp(a["end"]).to_pydatetime(), str(a["room_id"]))
                     for a in base["actuals"].to_dict("records")]
        self.seats = [_Seat(str(s["activity_id"]), str(s["title"]), str(s["volunteer_id"]),
                            str(s["name"]), str(s["role"]), str(s["status"]),
                            float(s["hours"]))
                      for s in base["attendance"].to_dict("records")]
        self.language = problem.settings.language
        self.period = (datetime.combine(problem.settings.horizon_start, datetime.min.time()),
                       problem.horizon_end)

    def _word(self, key: str) -> str:
        return value(key, self.language)

    def tables(self) -> dict[str, pd.DataFrame]:
        self._close()
        self._cancel()
        self._move()
        self._turnout()
        self._attend()
        actuals = [(r.activity_id, r.title, r.held, r.start.strftime(_MOMENT),
                    r.end.strftime(_MOMENT), r.room_id,
                    "" if r.participants is None else str(r.participants), r.note)
                   for r in self.rows]
        attendance = [(s.activity_id, s.title, s.volunteer_id, s.name, s.role, s.status,
                       "" if s.hours is None else f"{s.hours:g}") for s in self.seats]
        return {"actuals": pd.DataFrame(actuals, columns=list(ACTUALS_COLUMNS)),
                "attendance": pd.DataFrame(attendance, columns=list(ATTENDANCE_COLUMNS))}

    # -- activities ------------------------------------------------------------------
    def _kind(self, row: _Held) -> str:
        return self.problem.activity_by_id[row.activity_id].kind

    def _as_planned(self) -> list[_Held]:
        return [r for r in self.rows if r.held == self._word("yes")]

    def _call_off(self, row: _Held, reason: str) -> None:
        row.held, row.note = self._word("no"), reason

    def _close(self) -> None:
        for shutdown in self.story.closures:
            closure = shutdown.closure
            for row in self.rows:
                if not row.overlaps(closure.start, closure.end):
                    continue
                later = self._a_week_later(row, shutdown.postponed) \
                    if shutdown.postponed and self._kind(row) != "booking" else None
                if later is None:
                    self._call_off(row, closure.reason)
                else:
                    self._put(row, later)

    def _put(self, row: _Held, place: tuple[datetime, datetime, str, str]) -> None:
        row.start, row.end, row.room_id, row.note = place
        row.held = self._word("moved")

    def _cancel(self) -> None:
        for kind, count in (("booking", self.story.cancelled_bookings),
                            ("activity", self.story.cancelled_activities)):
            rows = [r for r in self._as_planned() if self._kind(r) == kind]
            for row in self.rng.sample(rows, min(count, len(rows))):
                self._call_off(row, self.rng.choice(self.story.reasons[kind]))

    def _move(self) -> None:
        rows = [r for r in self._as_planned() if self._kind(r) == "activity"]
        self.rng.shuffle(rows)
        moved = 0
        for row in rows:
            if moved == self.story.moved:
                return
            target = self._new_place(row)
            if target is not None:
                self._put(row, target)
                moved += 1

    def _new_place(self, row: _Held) -> tuple[datetime, datetime, str, str] | None:
        """Indoors at the same time for an outdoor activity, else a week later; None
        when the room or a volunteer is taken then, or the center is closed."""
        if row.room_id != "square":
            return self._a_week_later(row, self.rng.choice(self.story.reasons["later"]))
        size = self.problem.activity_by_id[row.activity_id].expected_attendance
        options = [(row.start, row.end, r.room_id,
                    self.rng.choice(self.story.reasons["indoors"]))
                   for r in self.problem.rooms
                   if r.room_id != row.room_id and r.capacity >= size]
        return next((option for option in options if self._free(row, *option[:3])), None)

    def _a_week_later(self, row: _Held, note: str
                      ) -> tuple[datetime, datetime, str, str] | None:
        week = timedelta(days=7)
        option = (row.start + week, row.end + week, row.room_id, note)
        return option if self._free(row, *option[:3]) else None

    def _free(self, row: _Held, start: datetime, end: datetime, room: str) -> bool:
        """Whether ``row`` can be held then: inside the period, not on a holiday or a
        closure, its room and its volunteers not elsewhere."""
        if start < self.period[0] or end > self.period[1]:
            return False
        if start.date() in self.problem.holiday_dates:
            return False
        if any(c.start < end and start < c.end and c.room_id in (None, room)
               for c in self.problem.closures):
            return False
        if any(s.closure.start < end and start < s.closure.end
               for s in self.story.closures):
            return False
        people = self._people(row.activity_id)
        return not any(other is not row and other.held != self._word("no")
                       and other.overlaps(start, end)
                       and (other.room_id == room or people & self._people(other.activity_id))
                       for other in self.rows)

    def _people(self, activity_id: str) -> set[str]:
        return {s.volunteer_id for s in self.seats if s.activity_id == activity_id}

    def _turnout(self) -> None:
        low, high = self.story.turnout
        for row in self.rows:
            if row.held != self._word("no"):
                expected = self.problem.activity_by_id[row.activity_id].expected_attendance
                row.participants = max(1, round(expected * self.rng.uniform(low, high)))

    # -- volunteers ------------------------------------------------------------------
    def _attend(self) -> None:
        """No-shows, stand-ins and early leavers; attendance rows of activities called
        off are deleted, as a coordinator would."""
        held = {r.activity_id: r for r in self.rows if r.held != self._word("no")}
        self.seats = [s for s in self.seats if s.activity_id in held]
        busy: dict[str, list[_Held]] = {}
        for seat in self.seats:
            busy.setdefault(seat.volunteer_id, []).append(held[seat.activity_id])
        extra: list[_Seat] = []
        for seat in self.seats:
            row = held[seat.activity_id]
            draw = self.rng.random()
            if draw < self.story.no_show_rate:
                seat.status, seat.hours = self._word("no-show"), None
                if self.rng.random() < self.story.stand_in_rate:
                    extra += self._stand_in(seat, row, busy)
            elif draw < self.story.no_show_rate + self.story.left_early_rate:
                length = (row.end - row.start).total_seconds() / 3600
                if length > 1:
                    seat.status, seat.hours = self._word("left-early"), length - 0.5
        self.seats += extra

    def _stand_in(self, seat: _Seat, row: _Held, busy: dict[str, list[_Held]]
                  ) -> list[_Seat]:
        """A teammate of the absent volunteer with the seat's skill, free then; none
        when nobody is."""
        absent = self.problem.volunteer_by_id[seat.volunteer_id]
        role = seat.role.split("; ")[0]
        for v in self.problem.volunteers:
            if (v.team == absent.team and role in v.skills and v is not absent
                    and not any(b.overlaps(row.start, row.end)
                                for b in busy.get(v.volunteer_id, []))):
                busy.setdefault(v.volunteer_id, []).append(row)
                return [_Seat(seat.activity_id, seat.title, v.volunteer_id, v.name, role,
                              self._word("swapped-in"), None)]
        return []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m matching.actuals.example",
        description="Write the embedded example of actuals (a seeded year).")
    parser.add_argument("workbook", type=Path)
    parser.add_argument("out", type=Path, help="folder for " + ", ".join(EXAMPLE_FILES))
    parser.add_argument("--seed", type=int, default=Story.seed)
    args = parser.parse_args(argv)
    folder = write_example(args.workbook, args.out, story=Story(seed=args.seed))
    print(f"written     {', '.join(str(folder / name) for name in EXAMPLE_FILES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
