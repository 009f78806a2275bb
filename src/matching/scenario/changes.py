"""Changes to rooms, volunteers, weights and the past: closures, opening hours, a new
room, volunteers away, available or gone, a duty limit, a weight, and freezing what
already happened.

Each change adds or removes workbook rows exactly as a coordinator would by hand, so the
changed workbook is an ordinary workbook (it can be checked, saved and opened in Excel).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar

import pandas as pd

from ..i18n import ColumnWord, Listing, Message, say
from ..io.cells import (
    CellError,
    format_moment,
    parse_choice,
    parse_date,
    parse_datetime,
    parse_day,
    setting_key,
    time_of_day_minutes,
)
from ..io.rows import rows_of
from ..problem.entities import AVAILABILITY_KINDS, AVAILABILITY_LABELS
from ..problem.weights import DEFAULT_WEIGHTS, MAX_WEIGHT
from ..rules import SETTING_COLUMNS, VOLUNTEER_COLUMNS
from .base import (
    Change,
    ScenarioIssue,
    Tables,
    append_rows,
    check_id,
    check_known,
    check_moment,
    check_period,
    column_values,
    day_pieces,
    drop_rows,
    horizon_of,
    matches,
    period_since,
    rows_field,
    word_of,
)


@dataclass(frozen=True, kw_only=True)
class CloseRoom(Change):
    """A room, or with ``room_id`` blank the whole center, is closed from ``start`` to
    ``end`` (a bare date as ``end`` includes that whole day): one ``closures`` row."""

    kind: ClassVar[str] = "close_room"
    start: str
    end: str
    room_id: str = ""
    reason: str = ""

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        if self.room_id:
            check_id(self, index, "room_id", self.room_id, tables, "rooms", issues,
                     say("scenario_valid.room_or_center"))
        check_period(self, index, tables, self.start, self.end, issues)
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        append_rows(out, "closures", [{"room_id": self.room_id, "start": self.start,
                                       "end": self.end, "reason": self.reason}])
        return out

    def wording(self) -> Message:
        if not self.room_id:
            return say("changes.close_center", start=self.start, end=self.end)
        return say("changes.close_room", room=self.room_id, start=self.start, end=self.end)

    def since(self, moment: datetime) -> tuple[Change | None, Message | None]:
        """A closure before a freeze would close a room under what already happened
        there: it holds from the freeze on."""
        start, note = period_since(self.start, self.end, moment)
        return (None if start is None else dataclasses.replace(self, start=start)), note


@dataclass(frozen=True, kw_only=True)
class SetRoomHours(Change):
    """On every date from ``start`` to ``end`` (inclusive) the room is open from ``open``
    to ``close`` (``24:00`` allowed): date rows in ``room_hours``, which replace the
    room's weekday hours on those dates. Earlier date rows of the room on those dates
    are dropped, so the change says the whole truth about those days."""

    kind: ClassVar[str] = "room_hours"
    room_id: str
    start: str
    end: str
    open: str
    close: str

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        check_id(self, index, "room_id", self.room_id, tables, "rooms", issues)
        self._dates(index, tables, issues)
        minutes = []
        for field, text in (("open", self.open), ("close", self.close)):
            try:
                minutes.append(time_of_day_minutes(text, allow_24=field == "close"))
            except CellError as exc:
                issues.append(self.issue(index, exc.wording or str(exc), field, text))
        if len(minutes) == 2 and minutes[1] <= minutes[0]:
            issues.append(self.issue(index, say("scenario_valid.close_after_open",
                                                open=ColumnWord("open")), "close", self.close))
        return issues

    def _dates(self, index: int | None, tables: Tables, issues: list[ScenarioIssue]
               ) -> list[date]:
        first, last = _date_or_none(self.start), _date_or_none(self.end)
        for field, value in (("start", first), ("end", last)):
            if value is None:
                issues.append(self.issue(index, say("valid.date"), field, getattr(self, field)))
        if first is None or last is None:
            return []
        if last < first:
            issues.append(self.issue(index, say("valid.on_or_after", start="start"), "end",
                                     self.end))
            return []
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        horizon = horizon_of(tables)
        if horizon and not any(horizon[0].date() <= d < horizon[1].date() for d in days):
            issues.append(self.issue(index, say("scenario_valid.dates_in_horizon"), "start",
                                     self.start))
        return days

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        days = self._dates(None, tables, [])
        frame = out.get("room_hours")
        if frame is not None:
            dated = frame["day"].fillna("").astype(str).map(_date_or_none).isin(days)
            drop_rows(out, "room_hours", matches(out, "room_hours", "room_id",
                                                 [self.room_id]) & dated)
        append_rows(out, "room_hours", [{"room_id": self.room_id, "day": d.isoformat(),
                                         "open": self.open, "close": self.close}
                                        for d in days])
        return out

    def wording(self) -> Message:
        return say("changes.room_hours", room=self.room_id, open=self.open, close=self.close,
                   start=self.start, end=self.end)

    def since(self, moment: datetime) -> tuple[Change | None, Message | None]:
        """New hours replace a whole day's, so they hold from the first day that starts
        at or after a freeze: earlier days keep the hours the past was planned with."""
        first = moment.date() if moment.time() == time() else moment.date() + timedelta(days=1)
        start = _date_or_none(self.start)
        if start is None or start >= first:
            return self, None
        frozen = format_moment(moment)
        if (_date_or_none(self.end) or start) < first:
            return None, say("freeze.void", start=self.start, moment=frozen)
        return (dataclasses.replace(self, start=first.isoformat()),
                say("freeze.cut", start=self.start, moment=frozen, since=first.isoformat()))


@dataclass(frozen=True)
class Hours:
    """One opening-hours row of a new room."""

    day: str
    open: str
    close: str


@dataclass(frozen=True, kw_only=True)
class AddRoom(Change):
    """A new room with its opening hours (``hours``: rows of day, open, close, or the
    text ``"Mon 08:30-20:30; Sat 09:00-17:00"``)."""

    kind: ClassVar[str] = "add_room"
    room_id: str
    name: str
    capacity: str
    hours: tuple[Hours, ...]
    equipment: str = ""
    site: str = ""
    turnaround_minutes: str = ""

    @classmethod
    def convert(cls, name: str, value: Any, annotation: str) -> Any:
        if name != "hours":
            return super().convert(name, value, annotation)
        return rows_field(value, Hours, ("day", "open", "close"), _hours_from_text,
                          "Mon 08:30-20:30; Sat 09:00-17:00")

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        if not self.room_id:
            issues.append(self.issue(index, say("scenario_valid.room_id"), "room_id"))
        elif self.room_id in column_values(tables, "rooms", "room_id"):
            issues.append(self.issue(index, say("scenario_valid.new_room_id"), "room_id",
                                     self.room_id))
        if not self.hours:
            issues.append(self.issue(index, say("scenario_valid.hours"), "hours"))
        for row in self.hours:
            try:
                parse_day(row.day)
            except CellError as exc:
                issues.append(self.issue(index, exc.wording or str(exc), "hours", row.day))
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        append_rows(out, "rooms", [{
            "room_id": self.room_id, "name": self.name, "capacity": self.capacity,
            "equipment": self.equipment, "site": self.site,
            "turnaround_minutes": self.turnaround_minutes}])
        append_rows(out, "room_hours", [{"room_id": self.room_id, "day": h.day,
                                         "open": h.open, "close": h.close}
                                        for h in self.hours])
        return out

    def wording(self) -> Message:
        return say("changes.add_room", room=self.room_id, name=self.name,
                   capacity=self.capacity)


@dataclass(frozen=True, kw_only=True)
class _People(Change):
    """A change about one volunteer (``volunteer_id``) or a whole ``team``."""

    volunteer_id: str = ""
    team: str = ""

    def people(self, tables: Tables) -> list[str]:
        """Ids of the volunteers the change is about."""
        frame = tables.get("volunteers")
        if frame is None:
            return []
        if self.volunteer_id:
            return [self.volunteer_id] if self.volunteer_id in column_values(
                tables, "volunteers", "volunteer_id") else []
        team = matches(tables, "volunteers", "team", [self.team])
        return [str(v).strip() for v in frame.loc[team.to_numpy(), "volunteer_id"]]

    def check_people(self, tables: Tables, index: int | None,
                     issues: list[ScenarioIssue]) -> None:
        if bool(self.volunteer_id) == bool(self.team):
            issues.append(self.issue(index, say("scenario_valid.volunteer_or_team",
                                                volunteer="volunteer_id", team="team"),
                                     "volunteer_id" if self.volunteer_id else "team"))
        elif self.volunteer_id:
            check_id(self, index, "volunteer_id", self.volunteer_id, tables, "volunteers",
                     issues)
        else:
            check_known(self, index, "team", self.team,
                        column_values(tables, "volunteers", "team"),
                        say("scenario_valid.team"), issues, near=True)

    @property
    def who(self) -> Message:
        """The volunteer or the team, as a change's line names them."""
        if self.volunteer_id:
            return say("changes.volunteer", volunteer=self.volunteer_id)
        return say("changes.team", team=self.team)


@dataclass(frozen=True, kw_only=True)
class VolunteerUnavailable(_People):
    """A volunteer or a whole team is away from ``start`` to ``end``: ``unavailable``
    date rows in ``availability``, which always win over available time."""

    kind: ClassVar[str] = "volunteer_unavailable"
    #: the ``kind`` written into the availability rows
    availability: ClassVar[str] = "unavailable"
    start: str
    end: str

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        self.check_people(tables, index, issues)
        check_period(self, index, tables, self.start, self.end, issues)
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        start = parse_datetime(self.start)
        end = parse_datetime(self.end, end_of_day=True)
        append_rows(out, "availability", [
            {"volunteer_id": vid, "day": day.isoformat(), "start": lo, "end": hi,
             "kind": self.availability}
            for vid in self.people(tables) for day, lo, hi in day_pieces(start, end)])
        return out

    def wording(self) -> Message:
        return say(f"changes.{self.kind}", who=self.who, start=self.start, end=self.end)

    def since(self, moment: datetime) -> tuple[Change | None, Message | None]:
        """Time away before a freeze would take people out of what they already did:
        it holds from the freeze on."""
        start, note = period_since(self.start, self.end, moment)
        return (None if start is None else dataclasses.replace(self, start=start)), note


def _keyed(settings: pd.DataFrame, key: str) -> pd.Series:
    """Which rows of ``settings`` set ``key``, spelt as the reader takes it."""
    return settings["key"].fillna("").astype(str).map(setting_key) == key


def _unavailable_periods(tables: Tables, people: list[str], start: datetime, end: datetime
                         ) -> Iterator[tuple[str, datetime, datetime]]:
    """``(volunteer, from, to)`` of each ``unavailable`` row of ``people`` in
    ``availability`` on the days from ``start`` to ``end``, its cells read as the
    workbook reads them: a dated row on its date, a weekday's on each such day. Rows
    that do not read (the workbook's validation says why) and ``holiday`` rows (their
    days are the calendar's to say) are passed over."""
    wanted = set(people)
    days = [start.date() + timedelta(days=n) for n in range((end - start).days + 2)]
    for row in rows_of(tables, "availability", []):  # their errors are the workbook's
        if row.text("volunteer_id") not in wanted or row.get(
                "kind", parse_choice, AVAILABILITY_KINDS, labels=AVAILABILITY_LABELS,
                default="available") != "unavailable":
            continue
        window = row.day_window("start", "end", say("valid.same_day_window"))
        if window is None:
            continue
        day, first, last = window
        for each in ([day] if isinstance(day, date) else
                     [d for d in days if isinstance(day, int) and d.weekday() == day]):
            midnight = datetime.combine(each, time())
            yield (row.text("volunteer_id"), midnight + timedelta(minutes=first),
                   midnight + timedelta(minutes=last))


@dataclass(frozen=True, kw_only=True)
class VolunteerAvailable(VolunteerUnavailable):
    """A volunteer or a whole team is available from ``start`` to ``end`` besides their
    usual times (an emergency call-out): ``available`` date rows in ``availability``.
    Their ``unavailable`` rows still win."""

    kind: ClassVar[str] = "volunteer_available"
    availability: ClassVar[str] = "available"

    def since(self, moment: datetime) -> tuple[Change | None, Message | None]:
        """Time added before a freeze changes nothing that happened (the past keeps
        its people), so it holds whole."""
        return self, None

    def note(self, tables: Tables) -> Message | None:
        """The people who stay away for part of the period: an ``unavailable`` row of
        theirs (the workbook's, or an earlier change's) wins over the time this adds, and
        a call-out that does not call them out would otherwise pass unsaid."""
        start = parse_datetime(self.start)
        end = parse_datetime(self.end, end_of_day=True)
        away = sorted({vid for vid, lo, hi in _unavailable_periods(
            tables, self.people(tables), start, end) if lo < end and start < hi})
        if not away:
            return None
        return say("scenario_note.still_unavailable", people=Listing(tuple(away), limit=5,
                                                                       people=True))


@dataclass(frozen=True, kw_only=True)
class VolunteerGone(_People):
    """A volunteer or a whole team leaves at ``start``: from then on they are
    ``unavailable`` (date rows in ``availability``, up to the horizon's end), while what
    they did before stays theirs. Without ``start`` they leave when the scenario's
    ``freeze`` says the past ends, or, without a freeze, they were never there: their
    rows go from ``volunteers``, ``availability`` and ``preferences``."""

    kind: ClassVar[str] = "volunteer_gone"
    start: str = ""

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        self.check_people(tables, index, issues)
        leaves = check_moment(self, index, "start", self.start, issues) if self.start else None
        horizon = horizon_of(tables)
        if leaves is not None and horizon is not None and leaves >= horizon[1]:
            last = f"{horizon[1] - timedelta(days=1):%Y-%m-%d}"
            issues.append(self.issue(index, say("scenario_valid.before_horizon_end", last=last),
                                     "start", self.start))
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        people = self.people(tables)
        horizon = horizon_of(tables)
        leaves = parse_datetime(self.start) if self.start else None
        if leaves is None or horizon is None or leaves <= horizon[0]:
            for name in ("volunteers", "availability", "preferences"):
                drop_rows(out, name, matches(out, name, "volunteer_id", people))
            return out
        append_rows(out, "availability", [
            {"volunteer_id": vid, "day": day.isoformat(), "start": lo, "end": hi,
             "kind": "unavailable"}
            for vid in people for day, lo, hi in day_pieces(leaves, horizon[1])])
        return out

    def wording(self) -> Message:
        if self.start:
            return say("changes.volunteer_gone_from", who=self.who, start=self.start)
        return say("changes.volunteer_gone", who=self.who)

    def since(self, moment: datetime) -> tuple[Change | None, Message | None]:
        """Leaving is dated by the freeze when the change has no date of its own; an
        earlier date would take people out of what they already did, so it holds from
        the freeze on."""
        frozen = format_moment(moment)
        if not self.start:
            return dataclasses.replace(self, start=frozen), None
        if parse_datetime(self.start) >= moment:
            return self, None
        return (dataclasses.replace(self, start=frozen),
                say("freeze.cut", start=self.start, moment=frozen, since=frozen))


@dataclass(frozen=True, kw_only=True)
class SetWeight(Change):
    """The objective weight of ``term`` becomes ``value`` (a ``weight.<term>`` setting;
    0 switches the term off)."""

    kind: ClassVar[str] = "set_weight"
    term: str
    value: int

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        check_known(self, index, "term", self.term, DEFAULT_WEIGHTS,
                    say("scenario_valid.term"), issues)
        if not 0 <= self.value <= MAX_WEIGHT:
            issues.append(self.issue(index, say("valid.whole_between", low=0, high=MAX_WEIGHT),
                                     "value", str(self.value)))
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        key = f"weight.{self.term}"
        frame = out.get("settings")
        if frame is not None and "key" in frame.columns:
            drop_rows(out, "settings", _keyed(frame, key))
        append_rows(out, "settings", [{"key": key, "value": str(self.value)}])
        return out

    def wording(self) -> Message:
        return say("changes.set_weight", term=word_of(f"changes_term.{self.term}", self.term),
                   value=self.value)


@dataclass(frozen=True, kw_only=True)
class SetDutyLimit(_People):
    """A duty limit (:mod:`matching.rules`: ``max_hours_per_day``, ``min_rest_hours``,
    ...) becomes ``value`` for one volunteer, for a team, or, with neither, for the whole
    center: its ``settings`` row, which volunteers without a value of their own follow,
    and the value of every volunteer whose own is looser (a cap on everyone's week left
    62 of the embedded workbook's 71 volunteers as they were, without a word); a blank
    ``value`` removes the limit (the center's row, or the people's own)."""

    kind: ClassVar[str] = "duty_limit"
    column: str
    value: str = ""

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        center = not (self.volunteer_id or self.team)
        known = SETTING_COLUMNS if center else VOLUNTEER_COLUMNS
        check_known(self, index, "column", self.column, [c.name for c in known],
                    say("scenario_valid.duty_limit" if center
                        else "scenario_valid.duty_limit_of_volunteer"), issues)
        if not center:
            self.check_people(tables, index, issues)
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        out = dict(tables)
        if not (self.volunteer_id or self.team):
            frame = out.get("settings")
            if frame is not None and "key" in frame.columns:
                drop_rows(out, "settings", _keyed(frame, self.column))
            if self.value.strip():
                append_rows(out, "settings", [{"key": self.column, "value": self.value}])
                self._tighten_own(out)
            return out
        frame = out["volunteers"].copy()
        if self.column not in frame.columns:
            frame[self.column] = ""
        chosen = frame["volunteer_id"].astype(str).str.strip().isin(self.people(tables))
        frame.loc[chosen.to_numpy(), self.column] = self.value
        out["volunteers"] = frame
        return out

    def _tighten_own(self, out: dict[str, pd.DataFrame]) -> None:
        """Volunteers' own values of the column looser than the center's new one take
        it (their stricter ones stay)."""
        column = next((c for c in VOLUNTEER_COLUMNS if c.name == self.column), None)
        frame = out.get("volunteers")
        if column is None or frame is None or self.column not in frame.columns:
            return  # a center-only setting (rest_after_hours), or no one has their own
        center = _number(self.value)
        if center is None or not column.low <= center <= column.high or (
                column.integer and center != int(center)):
            return  # the settings row's validation says what is wrong with it, once
        frame = frame.copy()
        for row, cell in frame[self.column].items():
            own = _number(cell)
            if own is not None and column.stricter(own, center) != own:
                frame.at[row, self.column] = self.value
        out["volunteers"] = frame

    def wording(self) -> Message:
        who = self.who if self.volunteer_id or self.team else say("changes.center")
        column = word_of(f"changes_column.{self.column}", self.column)
        if not self.value:
            return say("changes.duty_limit_none", column=column, who=who)
        return say("changes.duty_limit", column=column, value=self.value, who=who)


@dataclass(frozen=True, kw_only=True)
class Freeze(Change):
    """Everything the baseline plan starts before ``before`` has happened: it keeps its
    start, room and volunteers when re-planning (a bare date means 00:00 of that day).
    The workbook itself does not change; :func:`replan` turns this into pins."""

    kind: ClassVar[str] = "freeze"
    before: str

    @property
    def moment(self) -> datetime:
        return parse_datetime(self.before)

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        issues: list[ScenarioIssue] = []
        check_moment(self, index, "before", self.before, issues)
        return issues

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        return dict(tables)

    def wording(self) -> Message:
        return say("changes.freeze", before=self.before)


def _number(cell: object) -> float | None:
    """A cell's number, None for a blank or one that does not read as a number."""
    try:
        number = float(str(cell).strip())
    except ValueError:
        return None
    return None if math.isnan(number) else number  # NaN: a blank cell of an edited table


def _date_or_none(text: str) -> date | None:
    try:
        return parse_date(text)
    except CellError:
        return None


def _hours_from_text(text: str) -> Hours:
    """``"Mon 08:30-20:30"`` as an :class:`Hours` row."""
    parts = text.split()
    if len(parts) != 2 or parts[1].count("-") != 1:
        raise CellError(say("scenario_valid.hours_text", text=text.strip()))
    opens, closes = parts[1].split("-")
    return Hours(parts[0], opens, closes)
