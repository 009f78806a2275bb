"""What happened, as validated data: the ``actuals`` and ``attendance`` tables checked
against the plan they record.

A filled template is checked like a workbook: every row, every problem, each naming
table, row, column and value, all at once in one :class:`~matching.errors.DataError`.
Ids must name the plan's activities and the workbook's volunteers and rooms, hours lie
between 0 and 24 for one activity, times fall inside the planned period, and nobody
came to two activities at once. What went differently from the plan (an activity
moved, not held or held unplanned, a volunteer who stood in, more hours served than the
activity lasted) is what the tables are for: it is accepted and reported as a warning, so
the coordinator sees every departure.

``actuals`` (one row per activity): ``activity_id``, ``held`` (yes / no / moved),
``start``, ``end``, ``room_id`` (blank: as planned), ``participants``, ``note`` (never
in the ledger or on certificates; the year-end report quotes it as the reason for a
move or a cancellation). ``attendance`` (one row per volunteer and activity):
``activity_id``, ``volunteer_id``, ``status`` (came / no-show / swapped-in /
left-early), ``hours`` (blank: as long as the activity lasted).
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Final, Literal, cast

import pandas as pd

from ..errors import DataError, Issue
from ..i18n import Listing, Message, Span, say
from ..io import cells
from ..io.cells import CellError
from ..io.rows import Row, column_issues, rows_of, unrepeated
from ..plan import Plan
from ..plan_view import Placed, PlanView
from ..problem.model import Problem
from .labels import spellings, value_word
from .reading import ACTUAL_TABLES, check_plan_mark, read_actual_tables

HeldValue = Literal["yes", "no", "moved"]
Status = Literal["came", "no-show", "swapped-in", "left-early"]
HELD: Final[tuple[HeldValue, ...]] = ("yes", "no", "moved")
STATUSES: Final[tuple[Status, ...]] = ("came", "no-show", "swapped-in", "left-early")
#: Most hours one volunteer can serve in one activity.
MOST_HOURS: Final = 24.0
#: How long after the plan's period an activity may still have been held: one moved out
#: of the last weeks of a quarter's plan is held in the next quarter, and counted there;
#: a date further on is most likely a typo (a year, a month).
LATEST_AFTER: Final = timedelta(days=92)
#: (required, optional) columns of each table.
COLUMNS: Final = {
    "actuals": (("activity_id", "held"), ("start", "end", "room_id", "participants", "note")),
    "attendance": (("activity_id", "volunteer_id", "status"), ("hours",)),
}
#: Columns the template shows for reading (titles, names, roles) and never reads back.
SHOWN_ONLY: Final = ("title", "name", "role")


@dataclass(frozen=True)
class Occurrence:
    """What happened to one activity, from its ``actuals`` row (``row``): held or not,
    and when and where (as planned where the row leaves them blank)."""

    activity_id: str
    row: int
    held: HeldValue
    #: None when not held.
    start: datetime | None
    end: datetime | None
    room_id: str | None
    participants: int | None
    #: The coordinator's note: why it moved or was cancelled.
    note: str = ""


@dataclass(frozen=True)
class Attendance:
    """One volunteer at one held activity, from its ``attendance`` row (``row``).

    ``hours`` is what they served (0 for a no-show); ``start`` and ``end`` are the
    activity's times as held.
    """

    activity_id: str
    volunteer_id: str
    row: int
    status: Status
    hours: float
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Actuals:
    """A validated record of what happened to a plan: the activities with an ``actuals``
    row, the attendance of held activities, and the departures from the plan."""

    activities: Mapping[str, Occurrence]
    attendance: tuple[Attendance, ...]
    warnings: tuple[Issue, ...] = ()
    #: the file or folder they were read from, which no report may be written over
    source: Path | None = None


def read_actuals(path: str | os.PathLike[str], problem: Problem, plan: Plan,
                 until: date | None = None) -> Actuals:
    """Read and validate the filled template at ``path`` (``.xlsx`` or a CSV folder)
    against ``plan`` and the ``problem`` it plans; with ``until``, a template written
    from another plan reads when the two plans agree on what starts by that day (the
    rest of the year re-planned since).

    Raises
    ------
    DataError
        Listing every error of both tables; or saying that the ``.xlsx`` template was
        written from another plan.
    """
    tables, issues = read_actual_tables(path)
    rows = tables.get("actuals")
    recorded = ({} if rows is None or not {"activity_id", "start"} <= set(rows.columns)
                else dict(zip(rows["activity_id"], rows["start"], strict=True)))
    check_plan_mark(Path(path), plan, until, recorded)
    actuals = validate_actuals(tables, problem, plan, issues, until=until,
                               subject=say("issue.the_actuals_in", path=os.fspath(path)))
    return dataclasses.replace(actuals, source=Path(path))


def validate_actuals(tables: Mapping[str, pd.DataFrame], problem: Problem, plan: Plan,
                     file_issues: list[Issue] | None = None, *,
                     subject: Message | None = None, until: date | None = None) -> Actuals:
    """Validate the ``actuals`` and ``attendance`` tables (strings, indexed by spreadsheet
    row, as :func:`~matching.actuals.reading.read_actual_tables` gives them); with
    ``until``, planned seats without a row are named only among the activities held by
    that day (a template of the year, filled in so far, has no rows of the people a
    re-plan put in later ones).

    Raises
    ------
    DataError
        Listing every error, in table and row order; warnings ride along on the result.
    """
    found = list(file_issues or [])
    issues = list(found)
    _check_columns(tables, issues)
    checker = _Checker(problem, PlanView(problem, plan), issues, until)
    occurrences = checker.occurrences(rows_of(tables, "actuals", issues))
    other = checker.other_records()
    if other is not None:
        raise DataError([other], subject or say("issue.the_actuals"),
                        problem.settings.language)
    checker.note_unrecorded()
    attendance = checker.attendance(rows_of(tables, "attendance", issues), occurrences)
    issues = unrepeated(issues, found)
    issues.sort(key=lambda i: (ACTUAL_TABLES.index(i.table) if i.table in ACTUAL_TABLES
                               else -1, i.row or 0))
    if any(i.severity == "error" for i in issues):
        raise DataError(issues, subject or say("issue.the_actuals"), problem.settings.language)
    return Actuals(occurrences, attendance, tuple(issues))


def unrecorded_warning(missing: list[str]) -> Issue | None:
    """The warning naming the planned activities ``missing`` an actuals row (None for
    none)."""
    if not missing:
        return None
    return Issue.said("actuals", None, "activity_id", "", say(
        "actuals_valid.unrecorded", count=len(missing),
        activities=Listing(tuple(missing), limit=5)), "warning")


def _check_columns(tables: Mapping[str, pd.DataFrame], issues: list[Issue]) -> None:
    for name, (required, optional) in COLUMNS.items():
        frame = tables.get(name)
        if frame is None:
            continue
        issues += column_issues(name, frame, required, (*required, *optional, *SHOWN_ONLY))


#: Other ways a spreadsheet says yes and no (Excel's TRUE and FALSE, 1 and 0, ticks), and
#: the words the template's instructions use for standing in.
_OTHER_SPELLINGS: Final = {"yes": ("true", "1", "y", "✓", "✔", "√"),
                           "no": ("false", "0", "n", "✗", "×", "cancelled", "canceled"),
                           "swapped-in": spellings("stood-in")}


def _choice(keys: tuple[str, ...]) -> Callable[[str], str]:
    """A cell parser for one of ``keys``, typed in English or in Chinese (yes and no also
    as a spreadsheet types them: TRUE, 1, ✓)."""
    known = {spelling.casefold(): key for key in keys
             for spelling in (key, *spellings(key), *_OTHER_SPELLINGS.get(key, ()))}

    def parse(text: str) -> str:
        key = known.get(text.strip().casefold())
        if key is None:
            raise CellError(say("valid.one_of", choices=Listing(tuple(
                say("actuals_valid.choice", key=k, spelling=spellings(k)[0]) for k in keys))))
        return key

    return parse


#: What an activity_id of either table should be.
_PLAN_ACTIVITY: Final = say("actuals_valid.plan_activity", column="activity_id")
_parse_held = _choice(HELD)
_parse_status = _choice(STATUSES)
#: Hours left blank: as long as the activity lasted.
_WHOLE: Final = "whole"


class _Checker:
    """Checks rows against the plan (through its view) and the workbook, recording every
    finding in ``issues``."""

    def __init__(self, problem: Problem, view: PlanView, issues: list[Issue],
                 until: date | None = None) -> None:
        self.problem, self.view, self.issues, self.until = problem, view, issues, until
        s = problem.settings
        self.first = datetime.combine(s.horizon_start, time())
        self.period = say("hard.from_to", first=str(s.horizon_start),
                          last=str(s.horizon_end))
        self.seats = {(p.activity.activity_id, vid)
                      for vid, placed in view.staffed_by.items() for p in placed}
        #: The volunteers' ids by name (as :func:`~matching.io.cells.tag_key` compares).
        self.ids_named: dict[str, list[str]] = defaultdict(list)
        for v in problem.volunteers:
            self.ids_named[cells.tag_key(v.name)].append(v.volunteer_id)
        #: Activities with an actuals row, valid or not.
        self.recorded: set[str] = set()
        #: Ids of actuals rows that name no activity of the workbook, in row order.
        self.unknown: list[str] = []

    # -- actuals -----------------------------------------------------------------------
    def other_records(self) -> Issue | None:
        """The one error for records of another workbook (a CSV folder of another
        center, a template whose properties a program dropped): they name none of this
        workbook's activities (two or more), and one sentence says so instead of one
        for every row of both tables. None for records of this workbook."""
        if len(self.unknown) < 2 or len(self.unknown) < len(self.recorded):
            return None
        return Issue.said("actuals", None, "activity_id", "",
                          say("actuals_valid.other_records", count=len(self.unknown),
                              activities=Listing(tuple(self.unknown), limit=3),
                              command="export --to attendance-template"))

    def note_unrecorded(self) -> None:
        """One warning naming the planned activities without an actuals row: the
        template has one for each, so a row deleted by mistake would count its activity
        as held as planned without a word."""
        warning = unrecorded_warning([p.activity.activity_id for p in self.view.placed.values()
                                      if p.activity.activity_id not in self.recorded])
        if warning:
            self.issues.append(warning)

    def occurrences(self, rows: list[Row]) -> dict[str, Occurrence]:
        out: dict[str, Occurrence] = {}
        first_row: dict[str, int] = {}
        for row in rows:
            aid = row.need("activity_id")
            held = cast("HeldValue | None", row.get("held", _parse_held, required=True))
            participants = row.count("participants", 0)
            if not aid:
                continue
            if aid in first_row:
                row.error("activity_id", say("actuals_valid.activity_once",
                                             row=first_row[aid]))
                continue
            first_row[aid] = row.number
            if aid not in self.problem.activity_by_id:
                row.error("activity_id", _PLAN_ACTIVITY)
                self.unknown.append(aid)
                continue
            placed = self.view.placed.get(aid)
            start = end = room = None
            if held in ("yes", "moved"):
                start, end = self._times(row, placed)
                room = self._room(row, placed)
                if start is None or end is None:
                    continue
            if held is not None:
                out[aid] = Occurrence(aid, row.number, held, start, end, room, participants,
                                      row.text("note"))
                self._note_departure(row, out[aid], placed)
        self.recorded = set(first_row)
        return out

    def _times(self, row: Row, placed: Placed | None
               ) -> tuple[datetime | None, datetime | None]:
        """Start and end as held: the row's, or the plan's where blank."""
        moments: list[datetime | None] = []
        for column in ("start", "end"):
            planned = None if placed is None else getattr(placed, column)
            if not row.text(column) and planned is None:
                row.error(column, say("actuals_valid.unplanned_time", column=column))
            moments.append(row.get(column, cells.parse_datetime, default=planned))
        start, end = moments
        last, warned = self.problem.horizon_end, False
        for column, moment in (("start", start), ("end", end)):
            if moment is None or self.first <= moment <= last:
                continue
            if last < moment <= last + LATEST_AFTER:
                if not warned:  # once a row: its end is after the period too
                    row.error(column, say("actuals_valid.after_period", period=self.period),
                              severity="warning")
                warned = True
            else:
                row.error(column, say("actuals_valid.in_period", period=self.period))
        if start is not None and end is not None and end <= start:
            row.error("end", say("actuals_valid.end_after", start=f"{start:%Y-%m-%d %H:%M}"))
            return None, None
        return start, end

    def _room(self, row: Row, placed: Placed | None) -> str | None:
        room = row.text("room_id")
        if not room:
            return None if placed is None else placed.assignment.room_id
        if room not in self.problem.room_by_id:
            row.error("room_id", say("actuals_valid.listed", column="room_id",
                                     table=say("table_name.rooms")))
        return room

    def _note_departure(self, row: Row, held: Occurrence, placed: Placed | None) -> None:
        """A warning for an actuals row that says other than the plan."""
        rooms = self.problem.room_by_id

        def where(start: datetime, end: datetime, room: str | None) -> Span | Message:
            return (say("actuals_valid.held_in", span=Span(start, end),
                        room=rooms[room].name if room in rooms else room) if room
                    else Span(start, end))

        if placed is None:
            if held.start is not None and held.end is not None:
                row.error("held", say("actuals_valid.unplanned_held",
                                      where=where(held.start, held.end, held.room_id)),
                          severity="warning")
            return
        planned = where(placed.start, placed.end, placed.assignment.room_id)
        if held.start is None or held.end is None:
            row.error("held", say("actuals_valid.not_held", planned=planned),
                      severity="warning")
            return
        actual = where(held.start, held.end, held.room_id)
        if actual != planned:
            row.error("held", say("actuals_valid.held_otherwise", actual=actual,
                                  planned=planned), severity="warning")
        elif held.held == "moved":
            row.error("held", say("actuals_valid.moved_as_planned", start="start", end="end",
                                  room="room_id", yes=say("word.yes")), severity="warning")

    # -- attendance --------------------------------------------------------------------
    def _volunteer_id(self, row: Row, aid: str) -> str:
        """The row's volunteer id, checked against the name beside it (case, spaces and
        full-width letters aside): the template shows each volunteer's name, and a
        walk-in added by hand with another person's id would credit that person with the
        hours, so such a row is refused. On a planned seat the template filled in, the
        name may have changed in the workbook since: a warning. A row with a name and no
        id is told the id of that name."""
        vid, typed = row.text("volunteer_id"), row.text("name")
        volunteer = self.problem.volunteer_by_id.get(vid)
        named = self.ids_named.get(cells.tag_key(typed), [])
        if not vid:
            if "volunteer_id" in row.values:  # a missing column is reported once
                row.error("volunteer_id", say("actuals_valid.id_of_name", name=typed,
                                              id=named[0])
                          if typed and len(named) == 1 else say("valid.required"))
        elif volunteer is None:
            row.error("volunteer_id", say("actuals_valid.listed", column="volunteer_id",
                                          table=say("table_name.volunteers")))
        elif typed and cells.tag_key(typed) != cells.tag_key(volunteer.name):
            planned = (aid, vid) in self.seats
            row.error("name", say("actuals_valid.not_their_name", id=vid, name=volunteer.name,
                                  named=say("actuals_valid.named_id", name=typed, id=named[0])
                                  if len(named) == 1 else ""),
                      severity="warning" if planned else "error")
            return vid if planned else ""
        return vid

    def attendance(self, rows: list[Row], held: Mapping[str, Occurrence]
                   ) -> tuple[Attendance, ...]:
        out: list[Attendance] = []
        seen: dict[tuple[str, str], int] = {}
        not_held: dict[str, list[int]] = {}
        as_planned: dict[str, list[int]] = {}  # rows of a longer activity at planned hours
        for row in rows:
            aid = row.need("activity_id")
            vid = self._volunteer_id(row, aid)
            status = cast("Status | None", row.get("status", _parse_status, required=True))
            hours = self._hours(row, status, aid)
            if aid and aid not in self.problem.activity_by_id:
                row.error("activity_id", _PLAN_ACTIVITY)
                continue
            if aid and vid and (aid, vid) in seen:
                row.error("volunteer_id", say("actuals_valid.seat_once", row=seen[aid, vid],
                                              volunteer=vid, activity=aid))
                continue
            seen[aid, vid] = row.number
            occurrence = held.get(aid)
            if occurrence is not None and occurrence.held == "no":
                not_held.setdefault(aid, []).append(row.number)
                continue
            times = self._held_times(row, aid, occurrence)
            if not (aid and vid and status and times and hours is not None
                    and vid in self.problem.volunteer_by_id):
                continue
            start, end = times
            if hours == _WHOLE:
                hours = (end - start).total_seconds() / 3600
            elif status == "came" and self._planned_hours_of_longer(aid, hours, start, end):
                as_planned.setdefault(aid, []).append(row.number)
            out.append(Attendance(aid, vid, row.number, status, hours, start, end))
            if (aid, vid) not in self.seats:
                row.error("volunteer_id", say("actuals_valid.swapped_in", activity=aid,
                                              status=value_word(status)), severity="warning")
            self._longer_than_held(row, out[-1])
        for aid, numbers in not_held.items():
            self.issues.append(Issue.said(
                "attendance", numbers[0], "activity_id", aid,
                say("actuals_valid.not_held_rows", activity=aid, row=held[aid].row,
                    count=len(numbers)), "warning"))
        for aid, numbers in as_planned.items():
            occurrence = held[aid]
            assert occurrence.start is not None and occurrence.end is not None
            self.issues.append(Issue.said(
                "attendance", numbers[0], "hours", "",
                say("actuals_valid.planned_hours_kept", activity=aid, count=len(numbers),
                    length=round((occurrence.end - occurrence.start).total_seconds() / 3600,
                                 2), planned=self.view.placed[aid].hours,
                    span=Span(occurrence.start, occurrence.end)), "warning"))
        self._one_place_at_a_time(out)
        self._note_rowless_seats(seen, held)
        return tuple(out)

    def _note_rowless_seats(self, seen: Mapping[tuple[str, str], int],
                            held: Mapping[str, Occurrence]) -> None:
        """One warning naming the planned seats of recorded activities that have no
        attendance row: they count as served as planned, which a coordinator who deleted
        a no-show's row meant the other way."""
        names, until = self.problem.volunteer_by_id, self.until

        def counted(aid: str) -> bool:
            occurrence = held.get(aid)
            if occurrence is None or occurrence.held == "no":
                return False
            start = occurrence.start or self.view.placed[aid].start
            return until is None or start.date() <= until

        missing = sorted((aid, vid) for aid, vid in self.seats
                         if counted(aid) and (aid, vid) not in seen)
        if missing:
            self.issues.append(Issue.said("attendance", None, "volunteer_id", "", say(
                "actuals_valid.rowless_seats", count=len(missing), no_show=value_word("no-show"),
                seats=Listing(tuple(say("actuals_valid.seat", name=names[vid].name,
                                        title=self.problem.activity_by_id[aid].title)
                                    for aid, vid in missing), limit=5, people=True)),
                "warning"))

    def _hours(self, row: Row, status: Status | None, aid: str
               ) -> float | Literal["whole"] | None:
        """Hours served, :data:`_WHOLE` when left blank, None after an error. A no-show
        serves none: its hours must be blank or 0, or the planned hours of ``aid`` that
        the template filled in and nobody cleared when writing ``no-show``."""
        text = row.text("hours")
        if not text:
            if status == "left-early":
                row.error("hours", say("actuals_valid.hours_before_leaving",
                                       status=value_word("left-early")))
                return None
            return 0.0 if status == "no-show" else _WHOLE
        try:
            hours = cells.parse_number(text)
        except CellError as exc:
            unit = cells.HOURS_WITH_UNIT.fullmatch(text)  # 2小时, 1.5h
            row.error("hours", say("valid.number_alone", expected=exc.wording, number=unit[1])
                      if unit and exc.wording else exc.wording or str(exc))
            return None
        if hours < 0:
            row.error("hours", say("actuals_valid.hours_from", low=0))
        elif hours > MOST_HOURS:
            row.error("hours", say("actuals_valid.hours_at_most", most=MOST_HOURS))
        elif status == "no-show" and hours:
            placed = self.view.placed.get(aid)
            if placed is not None and math.isclose(hours, placed.hours):
                return 0.0
            row.error("hours", say("actuals_valid.no_show_hours",
                                   status=value_word("no-show")))
        else:
            return hours
        return None

    def _planned_hours_of_longer(self, aid: str, hours: float, start: datetime,
                                 end: datetime) -> bool:
        """Whether ``hours`` are the planned hours the template filled in for ``aid``,
        which lasted longer as held: typed over, or left as they were when the end was
        moved, which only the coordinator knows."""
        placed = self.view.placed.get(aid)
        length = (end - start).total_seconds() / 3600
        return (placed is not None and math.isclose(hours, placed.hours)
                and length > placed.hours and not math.isclose(length, placed.hours))

    @staticmethod
    def _longer_than_held(row: Row, served: Attendance) -> None:
        """A warning for more hours than the activity lasted as held: a slip of the pen,
        or a volunteer who came early to set up, which only the coordinator knows; the
        hours count as recorded either way."""
        length = (served.end - served.start).total_seconds() / 3600
        if served.hours > length and not math.isclose(served.hours, length):
            row.error("hours", say("actuals_valid.longer_than_held", hours=served.hours,
                                   length=round(length, 2), activity=served.activity_id,
                                   span=Span(served.start, served.end)), severity="warning")

    def _held_times(self, row: Row, aid: str, occurrence: Occurrence | None
                    ) -> tuple[datetime, datetime] | None:
        if occurrence is not None and occurrence.start and occurrence.end:
            return occurrence.start, occurrence.end
        placed = self.view.placed.get(aid)
        if placed is not None:
            return placed.start, placed.end
        if aid and aid not in self.recorded:
            row.error("activity_id", say("actuals_valid.when_held"))
        return None

    def _one_place_at_a_time(self, attendance: list[Attendance]) -> None:
        """An error for each volunteer present at two activities at once: from the start
        to the end as held, or for the hours served after the start when they left
        early."""
        present: dict[str, list[tuple[datetime, datetime, Attendance]]] = {}
        for a in attendance:
            if a.status == "no-show":
                continue
            end = a.start + timedelta(hours=a.hours) if a.status == "left-early" else a.end
            present.setdefault(a.volunteer_id, []).append((a.start, end, a))
        for vid, spans in present.items():
            spans.sort(key=lambda s: (s[0], s[1]))
            latest: tuple[datetime, datetime, Attendance] | None = None
            for start, end, a in spans:
                if latest is not None and start < latest[1]:
                    other = latest[2]
                    self.issues.append(Issue.said(
                        "attendance", a.row, "volunteer_id", vid,
                        say("actuals_valid.one_place", volunteer=vid, other=other.activity_id,
                            row=other.row, other_span=Span(other.start, other.end),
                            activity=a.activity_id, span=Span(a.start, a.end))))
                if latest is None or end > latest[1]:
                    latest = (start, end, a)
