"""Validation: from tables of strings to a :class:`~matching.problem.Problem`.

Every row of every table is checked and every problem is collected, so one run tells
the coordinator all there is to fix; a :class:`DataError` carries them all.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo, available_timezones

import holidays as holidays_lib
import pandas as pd

from ..errors import DataError, Issue
from ..i18n import LANGUAGES, ColumnWord, Listing, Message, say
from ..problem.calendar import public_holidays
from ..problem.entities import (
    ACTIVITY_KINDS,
    AGE_BANDS,
    AVAILABILITY_KINDS,
    AVAILABILITY_LABELS,
    HOLIDAY,
    PRIORITIES,
    Activity,
    AvailabilityKind,
    AvailabilityWindow,
    Closure,
    DaySpec,
    OpeningHours,
    Preference,
    Role,
    Room,
    Settings,
    Theme,
    Volunteer,
)
from ..problem.model import Problem
from ..problem.series import listed_too_late, ranked, sessions_listed
from ..problem.size import Estimate, estimate_records, horizon_error, size_warnings
from ..problem.weights import DEFAULT_WEIGHTS, MAX_WEIGHT
from ..rules import SETTING_COLUMNS, VOLUNTEER_COLUMNS
from . import cells, zones
from .cells import CellError
from .rows import Row, cell_text, column_issues, rows_of, unrepeated
from .schema import TABLES
from .tags import TagSpellings, close_id, close_match

T = TypeVar("T")
#: Durations of this many minutes or fewer, under a slot, are most likely hours.
MOST_HOURS_TYPED = 12
#: Minutes from midnight to noon: what 02:00 misses of a 14:00 meant.
HALF_DAY = 720
#: The language of a workbook whose settings name none: the center's own.
DEFAULT_LANGUAGE = "zh"
_SETTING_KEYS = {"name", "horizon_start", "horizon_end", "slot_minutes", "timezone",
                 "holidays", "language", "no_show_rate", "center",
                 *(column.name for column in SETTING_COLUMNS)}


def fingerprint(tables: Mapping[str, pd.DataFrame]) -> str:
    """sha256 of the tables' content, the same for a CSV folder and its ``.xlsx`` copy."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        digest.update(name.encode())
        digest.update("\x1f".join(frame.columns).encode())
        for row in frame.astype(str).itertuples(index=False, name=None):
            digest.update(("\x1e" + "\x1f".join(row)).encode())
    return digest.hexdigest()


#: Date-time cells that become plan times, and those whose bare date means its end.
_MOMENT_COLUMNS = {"activities": ("earliest_start", "latest_end", "fixed_start"),
                   "closures": ("start", "end")}
_END_COLUMNS = {"latest_end", "end"}
#: Cells holding tags (``;``-separated lists, and a role's one skill).
_TAG_LISTS = (("rooms", "equipment"), ("volunteers", "skills"), ("activities", "equipment"),
              ("activities", "cohort"))
_TAG_CELLS = (("roles", "role"),)
#: The tables other tables refer to, with the column of their ids.
_ID_COLUMNS = {"rooms": "room_id", "volunteers": "volunteer_id", "activities": "activity_id",
               "themes": "theme_id"}

#: The planning period as date-times: 00:00 of ``horizon_start`` to 00:00 of the day
#: after ``horizon_end``.
Horizon = tuple[datetime, datetime]


def _moment(text: str, *, end_of_day: bool = False) -> datetime | None:
    """The date-time of a cell, or None when it is blank or does not parse (reported
    elsewhere)."""
    try:
        return cells.parse_datetime(text, end_of_day=end_of_day) if text.strip() else None
    except CellError:
        return None


def _column_texts(tables: Mapping[str, pd.DataFrame], table: str, column: str
                  ) -> list[str]:
    """The cells of a column as rows read them (none when the table or column is absent;
    of a column named twice, the first, as the other is reported)."""
    frame = tables.get(table)
    if frame is None or column not in frame.columns:
        return []
    return [cell_text(value) for value in frame.iloc[:, list(frame.columns).index(column)]]


def _tags_written(tables: Mapping[str, pd.DataFrame]) -> Iterator[str]:
    """Every tag the workbook's cells hold, in reading order, to choose each tag's
    spelling from (rows that fail validation count too: they are reported anyway)."""
    for table, column in _TAG_LISTS:
        for text in _column_texts(tables, table, column):
            yield from sorted(cells.parse_tags(text))
    for table, column in _TAG_CELLS:
        yield from filter(None, _column_texts(tables, table, column))


def _spelt(text: str) -> str:
    """A name as two rows of one thing have it alike: whatever its case, width and
    spaces."""
    return "".join(cells.tag_key(text).split())


def _person(row: Row) -> tuple[str, str]:
    """A volunteer row's name and phone as two rows of one person have them alike: the
    name :func:`_spelt`, the phone's digits only (``139-1098-6393`` is
    ``13910986393``)."""
    return _spelt(row.text("name")), re.sub(r"[^0-9]", "", cells.tag_key(row.text("phone")))


def _warn_repeated(rows: list[Row], id_column: str, column: str,
                   key: Callable[[Row], tuple[str, ...]], wording: str) -> None:
    """A warning on ``column`` of each row whose ``key`` (every part of it given) an
    earlier row has under another id, naming that row and its id."""
    first: dict[tuple[str, ...], Row] = {}
    for row in rows:
        found = key(row)
        if not all(found):
            continue
        earlier = first.setdefault(found, row)
        if earlier.text(id_column) != row.text(id_column):
            row.error(column, say(wording, row=earlier.number, id=earlier.text(id_column)),
                      severity="warning")


def _in_horizon(horizon: Horizon) -> dict[str, str]:
    """The horizon's first and last day, as messages about it show them."""
    last_day = horizon[1] - timedelta(days=1)
    return {"first": f"{horizon[0]:%Y-%m-%d}", "last": f"{last_day:%Y-%m-%d}"}


def _applies(spec: DaySpec, day: date, holiday_dates: frozenset[date]) -> bool:
    """Whether a row for ``spec`` (weekday, holiday or date) may apply on ``day``."""
    if spec == HOLIDAY:
        return day in holiday_dates
    return day.weekday() == spec if isinstance(spec, int) else day == spec


class _Builder:
    def __init__(self, tables: Mapping[str, pd.DataFrame], issues: list[Issue]) -> None:
        self.tables = tables
        self.issues = issues
        self.spellings = TagSpellings(_tags_written(tables))
        #: (table, column, referred table) already said to refer to an absent table
        self.absent: set[tuple[str, str, str]] = set()
        #: The workbook's language once :meth:`settings` has read it (None: English)
        self.language: str | None = None

    def rows(self, name: str) -> list[Row]:
        return rows_of(self.tables, name, self.issues)

    def unique(self, name: str, column: str, rows: list[Row]) -> set[str]:
        """The ids of ``column``, with an error on each row repeating one, naming the row
        that has it first (the one to keep or rename is the reader's choice)."""
        first: dict[str, int] = {}
        for row in rows:
            key = row.text(column)
            if key and key in first:
                row.error(column, say("valid.unique_seen", column=column, row=first[key]))
            first.setdefault(key, row.number)
        return set(first)

    # -- tables ------------------------------------------------------------------------
    def settings(self) -> Settings | None:
        """The settings, or None when the horizon or slot cannot be read. Of a key written
        twice the first row counts: the second is reported, and its value would otherwise
        bring errors of its own (every fixed start off a grid it set).

        :attr:`language` is set whenever its own cell is sound (``zh`` when there is none,
        the default), so that a workbook whose horizon is wrong is still told so in its
        language. A language that is not one (``fr``) leaves it None, English: the default
        ``zh`` would be a guess the user's own cell contradicts.
        """
        values: dict[str, tuple[Row, str]] = {}
        weights: list[tuple[str, int]] = []
        unknown: dict[str, Row] = {}  # keys of no setting, by their first row
        for row in self.rows("settings"):
            key = cells.setting_key(row.text("key"))
            if key in values:
                row.error("key", say("valid.setting_once"))
            elif key.startswith("weight."):
                term = key.removeprefix("weight.")
                if term not in DEFAULT_WEIGHTS:
                    row.error("key", say("valid.weight_term", pattern="weight.<term>",
                                            terms=", ".join(DEFAULT_WEIGHTS)))
                else:
                    weight = row.get("value", cells.parse_int, low=0, high=MAX_WEIGHT,
                                     required=True)
                    if weight is not None:
                        weights.append((term, weight))
            elif key not in _SETTING_KEYS:
                unknown.setdefault(key, row)
            values.setdefault(key, (row, row.text("value")))

        def setting(key: str, parse: Callable[..., T], default: T | None, *args: Any,
                    **kwargs: Any) -> T | None:
            if key not in values:
                typo = close_match(key, unknown) if default is None else None
                if typo is not None:  # the unknown key likely meant: the error is on it
                    unknown.pop(typo).error("key", say("valid.setting_misspelt", key=key))
                elif default is None:
                    self.issues.append(Issue.said("settings", None, "key", "",
                                                  say("valid.setting_row", key=key)))
                return default
            return values[key][0].get("value", parse, *args, default=default,
                                      required=default is None, **kwargs)

        start = setting("horizon_start", cells.parse_date, None)
        end = setting("horizon_end", cells.parse_date, None)
        slot = setting("slot_minutes", cells.parse_choice, 30, (15, 30, 60))
        zone = setting("timezone", str, "Asia/Shanghai")
        # a blank value means no public holidays, as the error below says; so does the
        # word the summary shows for it ("holidays none", "无")
        blank_country = "holidays" in values and cells.tag_key(values["holidays"][1]) in (
            "", *(cells.tag_key(say("word.none").render(language)) for language in LANGUAGES))
        country = "" if blank_country else setting("holidays", str, "CN")
        language = setting("language", cells.parse_choice, DEFAULT_LANGUAGE, LANGUAGES,
                           labels="language_name")
        for row in unknown.values():
            row.error("key", say("valid.setting", keys=", ".join(sorted(_SETTING_KEYS))),
                      severity="warning")
        frame = self.tables.get("settings")
        if frame is not None and {"key", "value"} <= set(frame.columns):  # else no cell said it
            self.language = language
        if zone is not None and zone not in available_timezones():  # "US" is a tzdata folder
            values["timezone"][0].error("value", say("valid.timezone", example="Asia/Shanghai"))
        if country and country.upper() not in holidays_lib.list_supported_countries():
            values["holidays"][0].error("value", say("valid.holidays", package="holidays"))
        if start and end and end < start:
            values["horizon_end"][0].error("value", say("valid.on_or_after", start="horizon_start"))
            return None  # no horizon to check the activities against
        if start is None or end is None or slot is None:
            return None
        name = values["name"][1] if "name" in values else ""
        limits = tuple(limit for column in SETTING_COLUMNS if column.name in values
                       for limit in values[column.name][0].limits((column,), lambda _: "value"))
        no_show_rate = values["no_show_rate"][0].get(
            "value", cells.parse_number, low=0, high=1) if "no_show_rate" in values else None
        return Settings(name, start, end, int(slot), zone or "Asia/Shanghai",
                        (country or "").upper(), language or "zh",  # type: ignore[arg-type]
                        tuple(weights), limits, no_show_rate,
                        center=values["center"][1] if "center" in values else "")

    def themes(self) -> list[Theme]:
        rows = self.rows("themes")
        self.unique("themes", "theme_id", rows)
        out = []
        for row in rows:
            start = row.get("start", cells.parse_date)
            end = row.get("end", cells.parse_date)
            if start and end and end < start:
                row.error("end", say("valid.on_or_after", start="start"))
            out.append(Theme(row.need("theme_id"), row.need("name"), start, end,
                             row.text("description")))
        return out

    def rooms(self) -> list[Room]:
        rows = self.rows("rooms")
        self.unique("rooms", "room_id", rows)
        out = []
        for row in rows:
            capacity = row.count("capacity", 1, required=True)
            turnaround = row.get("turnaround_minutes", cells.parse_int, low=0, high=1440,
                                 default=0)
            out.append(Room(row.need("room_id"), row.need("name"), capacity or 0,
                            self.spellings.parse(row.text("equipment")), row.text("site"),
                            turnaround or 0))
        # plans, calendars and pages name rooms by name: two rooms called Studio at two
        # sites read as one room booked twice
        _warn_repeated(rows, "room_id", "name", lambda row: (_spelt(row.text("name")),),
                       "valid.room_name_once")
        return out

    def opening_hours(self, rooms: set[str], horizon: Horizon | None) -> list[OpeningHours]:
        out = []
        for row in self.rows("room_hours"):
            room_id = self.reference(row, "room_id", rooms, "rooms", required=True)
            window = row.day_window("open", "close", say("valid.same_day_room"))
            if window:
                self.warn_date_outside(row, window[0], horizon)
            if room_id and window:
                out.append(OpeningHours(room_id, *window))
        return out

    def warn_date_outside(self, row: Row, day: DaySpec, horizon: Horizon | None) -> None:
        """A dated row (``room_hours``, ``availability``) outside the horizon changes
        nothing, and is most often a typo in its year: say so."""
        if horizon and isinstance(day, date) and not (
                horizon[0].date() <= day < horizon[1].date()):
            row.error("day", say("valid.date_in_horizon", **_in_horizon(horizon)),
                      severity="warning")

    def closures(self, rooms: set[str], horizon: Horizon | None) -> list[Closure]:
        out = []
        for row in self.rows("closures"):
            room_id = self.reference(row, "room_id", rooms, "rooms") or None
            start = row.get("start", cells.parse_datetime, required=True)
            end = row.get("end", cells.parse_datetime, end_of_day=True, required=True)
            if start and end and end <= start:
                row.error("end", say("valid.moment_after", start=ColumnWord("start", "closures")))
            elif start and end:
                if horizon and (end <= horizon[0] or start >= horizon[1]):  # closes nothing
                    row.error("start", say("valid.closure_in_horizon", **_in_horizon(horizon)),
                              severity="warning")
                out.append(Closure(room_id, start, end, row.text("reason")))
        return out

    def volunteers(self) -> list[Volunteer]:
        rows = self.rows("volunteers")
        self.unique("volunteers", "volunteer_id", rows)
        out = []
        for row in rows:
            skills = self.spellings.parse(row.text("skills"))
            if not skills and row.text("skills") == "":
                row.error("skills", say("valid.skill"), severity="warning")
            out.append(Volunteer(
                row.need("volunteer_id"), row.need("name"), skills, row.text("team"),
                row.get("age_band", cells.parse_choice, AGE_BANDS, labels="age_band"),
                row.limits(VOLUNTEER_COLUMNS, lambda column: column.name),
                row.get("no_show_rate", cells.parse_number, low=0, high=1),
                row.text("phone"), row.text("notes")))
        # one person registered twice, whom the planner would take for two and could send
        # to two places at once. Not an error: two people of one name may share a phone
        # (a family's); a shared phone alone is not even a warning
        _warn_repeated(rows, "volunteer_id", "volunteer_id", _person, "valid.same_person")
        return out

    def availability(self, volunteers: set[str], horizon: Horizon | None,
                     opening: list[OpeningHours]) -> list[AvailabilityWindow]:
        out = []
        for row in self.rows("availability"):
            vid = self.reference(row, "volunteer_id", volunteers, "volunteers", required=True)
            window = row.day_window("start", "end", say("valid.same_day_window"))
            if window:
                self.warn_date_outside(row, window[0], horizon)
            kind = row.get("kind", cells.parse_choice, AVAILABILITY_KINDS,
                           labels=AVAILABILITY_LABELS, default="available")
            if window and kind and kind != "unavailable":
                _warn_hours_never_open(row, window[1:], opening)
            if vid and window and kind:
                out.append(AvailabilityWindow(vid, *window, cast("AvailabilityKind", kind)))
        return out

    def preferences(self, volunteers: set[str], targets: set[str]) -> list[Preference]:
        """Each volunteer's wishes. A target naming no id is read as a tag in the
        workbook's spelling; a second row for the same volunteer and target is a
        warning: their weights add up (two contradicting rows cancel out), which is seldom
        what was meant, but a workbook that planned before still plans."""
        out = []
        first: dict[tuple[str, str], int] = {}
        for row in self.rows("preferences"):
            vid = self.reference(row, "volunteer_id", volunteers, "volunteers", required=True)
            target = row.need("target")
            target = target if target in targets else self.spellings.of(target)
            weight = row.get("weight", cells.parse_int, low=-10, high=10, required=True)
            if target and target not in targets:
                row.error("target", say("valid.target"), severity="warning")
            written = (row.text("volunteer_id"), target)  # an unknown id is still a key
            if all(written) and written in first:
                row.error("target", say("valid.preference_once", row=first[written]),
                          severity="warning")
            elif all(written):
                first[written] = row.number
            if vid and target and weight is not None:
                out.append(Preference(vid, target, weight))
        return out

    def activities(self, rooms: set[str], themes: set[str] | None,
                   horizon: Horizon | None) -> list[Activity]:
        rows = self.rows("activities")
        self.unique("activities", "activity_id", rows)
        out = []
        for row in rows:
            earliest = row.get("earliest_start", cells.parse_datetime, required=True)
            latest = row.get("latest_end", cells.parse_datetime, end_of_day=True,
                             required=True)
            duration = row.get("duration_minutes", cells.parse_minutes, required=True)
            attendance = row.count("expected_attendance", 0, required=True)
            fixed_start = row.get("fixed_start", cells.parse_datetime)
            if earliest and latest:
                if latest <= earliest:
                    row.error("latest_end", say("valid.moment_after",
                                                start=ColumnWord("earliest_start")))
                elif duration and (latest - earliest).total_seconds() < duration * 60:
                    row.error("duration_minutes", say(
                        "valid.duration_fits", first="earliest_start", last="latest_end",
                        window=round((latest - earliest).total_seconds() / 60)))
                if horizon and (earliest < horizon[0] or latest > horizon[1]):
                    row.error("earliest_start" if earliest < horizon[0] else "latest_end",
                              say("valid.in_horizon", **_in_horizon(horizon)))
            if fixed_start and earliest and latest and duration and not (
                earliest <= fixed_start
                and fixed_start + timedelta(minutes=duration) <= latest
            ):  # wall-clock arithmetic, as the planner's: never the machine's time zone
                row.error("fixed_start", say("valid.fixed_start"))
            theme = row.text("theme_id") or None
            if theme and themes is not None:
                self.reference(row, "theme_id", themes, "themes")
            for column in ("fixed_room", "preferred_room"):
                self.reference(row, column, rooms, "rooms")
            out.append(Activity(
                row.need("activity_id"), row.need("title"), earliest or datetime.min,
                latest or datetime.min, duration or 0, attendance or 0, theme,
                row.get("kind", cells.parse_choice, ACTIVITY_KINDS, labels="kind",
                        default="activity") or "activity",
                row.text("series_id") or None,
                self.spellings.parse(row.text("equipment")),
                self.spellings.parse(row.text("cohort")),
                row.get("min_age_band", cells.parse_choice, AGE_BANDS, labels="age_band"),
                row.get("priority", cells.parse_choice, PRIORITIES, labels="priority",
                        default="normal")
                or "normal",
                fixed_start, row.text("fixed_room") or None, row.text("preferred_room") or None,
                row.text("partner"), row.text("notes")))
        return out

    def warn_themes_unlisted(self, activities: list[Activity]) -> None:
        """A warning when activities name themes and the workbook has no themes table
        (an optional one) nor a sheet whose name is close to it, already named: the
        themes go unchecked, and the plan's tables and exports show no theme for them."""
        named = sorted({a.theme_id for a in activities if a.theme_id})
        if named and not any(i.table == "themes" for i in self.issues):
            self.issues.append(Issue.said(
                "activities", None, "theme_id", "",
                say("valid.themes_unlisted", themes=Listing(tuple(named), limit=5)),
                "warning"))

    def roles(self, activities: set[str]) -> list[Role]:
        out = []
        seen: set[tuple[str, str]] = set()
        for row in self.rows("roles"):
            aid = self.reference(row, "activity_id", activities, "activities", required=True)
            role = self.spellings.of(row.need("role"))
            # the id as written: rows of unknown activities are not all one activity
            written = (row.text("activity_id"), role)
            if all(written) and written in seen:
                row.error("role", say("valid.role_once"))
            seen.add(written)
            low = row.count("min", 0, required=True)
            target = row.count("target", 0, default=low)
            high = row.count("max", 0, default=target)
            if low is None or target is None or high is None:
                continue
            if not low <= target <= high:
                row.error("target", say("valid.role_order", order="min <= target <= max"),
                          value=f"min {low}, target {target}, max {high}")
            elif aid and role:
                out.append(Role(aid, role, low, target, high))
        return out

    def warn_unheld(self, table: str, column: str, read: Callable[[str], Iterable[str]],
                    held: set[str], wording: str, told: Collection[str] = ()) -> None:
        """A warning on the first row asking for a tag that nothing holds (a skill no
        volunteer has, equipment no room has), with how many rows ask for it and the
        closest tag that is held: such a role is never filled, such an activity never
        placed, and the cause is most often a typo. Tags in ``told`` were warned about
        already (:meth:`warn_run_together`)."""
        asking: dict[str, list[Row]] = {}
        for row in self.rows(table):
            for tag in sorted(read(row.text(column))):
                if tag not in held and tag not in told:
                    asking.setdefault(tag, []).append(row)
        for tag, rows in asking.items():
            close = close_match(tag, held)
            hint: Message | str = say("valid.did_you_mean", tag=close) if close else ""
            rows[0].error(column, say(wording, tag=tag, count=len(rows), hint=hint),
                          severity="warning")

    def warn_run_together(self, table: str, column: str, wanted: set[str], wording: str
                          ) -> set[str]:
        """A warning on each row of ``table`` whose ``column`` holds a tag that nothing
        names in ``wanted`` but that is made of tags ``wanted`` names, typed with a
        space, slash, bar or full stop between them (``摄影 签到接待``): the contract
        reads it as one tag, a volunteer with it fills no role, and nothing else would
        say why. Returns the tags warned about."""
        warned = set()
        for row in self.rows(table):
            for tag in sorted(self.spellings.parse(row.text(column))):
                parts = self.spellings.run_together(tag, wanted)
                if parts:
                    row.error(column, say(wording, tag=tag, parts=Listing(parts, "and")),
                              severity="warning")
                    warned.add(tag)
        return warned

    def reference(self, row: Row, column: str, known: set[str], table: str,
                  required: bool = False) -> str:
        value = row.need(column) if required else row.text(column)
        frame = self.tables.get(table)
        if value and (frame is None or _ID_COLUMNS[table] not in frame.columns):
            self.refers_to_absent(row, column, table)
            return ""
        if value and value not in known:  # ids keep their case: Studio is not studio
            close = close_id(value, known)
            hint: Message | str = say("valid.did_you_mean", tag=close) if close else ""
            row.error(column, say("valid.listed", table=say(f"table_name.{table}"), hint=hint))
            return ""
        return value

    def refers_to_absent(self, row: Row, column: str, table: str) -> None:
        """One error for a column referring to a table the workbook lacks (or whose file
        or sheet could not be read), or that lacks its id column, instead of one per row:
        a sheet renamed to ``志愿者`` or a header cell ``room_id`` mistyped would
        otherwise bury its one cause under hundreds of "an id listed in volunteers"."""
        told = (row.table, column, table)
        if told not in self.absent:
            self.absent.add(told)
            names = {"table": say(f"table_name.{row.table}"), "other": say(f"table_name.{table}")}
            wording = (say("valid.absent_table", sheet=table, **names)
                       if table not in self.tables else
                       say("valid.absent_ids", column=_ID_COLUMNS[table], **names))
            self.issues.append(Issue.said(row.table, None, column, "", wording))

    def warn_off_grid(self, slot_minutes: int) -> None:
        """Opening hours and availability that do not fall on the slot grid are rounded
        inward by the planner; say so rather than let time vanish unnoticed."""
        for table, columns in (("room_hours", ("open", "close")),
                               ("availability", ("start", "end"))):
            for row in self.rows(table):
                for column in columns:
                    try:
                        minute = cells.time_of_day_minutes(row.text(column), allow_24=True)
                    except CellError:
                        continue  # already reported
                    if minute % slot_minutes:
                        row.error(column, say("valid.on_grid_hours", slot=slot_minutes),
                                  severity="warning")

    def warn_series_listed_too_late(self, activities: list[Activity]) -> None:
        """Sessions listed after one they must precede (the sheet sorted by title) move
        up before it (:func:`ranked`): say so, once a series, on the first such row."""
        rows = {a.activity_id: row for a, row in zip(activities, self.rows("activities"),
                                                     strict=True)}
        for listed in sessions_listed(activities).values():
            moved = listed_too_late(listed)
            if moved:
                late, first = (say("piece.labelled", title=a.title, id=a.activity_id)
                               for a in moved)
                rows[moved[0].activity_id].error("series_id", say(
                    "valid.series_listed_late", late=late, first=first), severity="warning")

    def warn_short_durations(self, slot_minutes: int) -> None:
        """An activity shorter than one slot is planned as a whole slot; one of a few
        minutes (up to :data:`MOST_HOURS_TYPED`) is most often hours typed in the minutes
        column (``2`` for a two-hour workshop, planned as one slot): say so. A 45-minute
        talk on an hour's grid is rounded up as the contract says, without a word."""
        for row in self.rows("activities"):
            try:
                minutes = cells.parse_int(row.text("duration_minutes"))
            except CellError:
                continue  # already reported
            if 0 < minutes < slot_minutes and minutes <= MOST_HOURS_TYPED:
                row.error("duration_minutes", say("valid.shorter_than_slot", slot=slot_minutes,
                                                  minutes=minutes, hours=minutes * 60),
                          severity="warning")

    def setting_row(self, key: str) -> int | None:
        """The row of a setting, for issues about its value (None when it is absent)."""
        return next((r.number for r in self.rows("settings") if r.text("key").lower() == key),
                    None)

    def id_rows(self) -> dict[tuple[str, str], int]:
        """The row of each room, volunteer, activity and theme, by table and id, for
        warnings about them found once the problem is built (its records do not keep
        rows, and blank rows skipped on reading leave gaps)."""
        return {(table, row.text(column)): row.number
                for table, column in _ID_COLUMNS.items() for row in self.rows(table)}

    def check_size(self, size: Estimate) -> None:
        """A horizon too long to plan is an error and a plan too large a warning, said
        now, from the row counts, before anything is built over the horizon."""
        row, value = self.setting_row("horizon_end"), str(size.horizon_end)
        error = horizon_error(size)
        if error:
            self.issues.append(Issue.said("settings", row, "value", value, error))
        for wording in [] if error else size_warnings(size):
            self.issues.append(Issue.said("settings", row, "value", value, wording,
                                          "warning"))

    def warn_clock_changes(self, settings: Settings) -> None:
        """Local times the workbook's zone skips or repeats, wherever they become plan
        times, and each change of the clocks inside the horizon (slots fall in it too):
        the planner takes them as written, a calendar program cannot."""
        zone = ZoneInfo(settings.timezone)
        for table, columns in _MOMENT_COLUMNS.items():
            for row in self.rows(table):
                for column in columns:
                    self._warn_shift(row, column, zone, _moment(
                        row.text(column), end_of_day=column in _END_COLUMNS))
        inside = zones.shifts(zone, settings.horizon_start, settings.horizon_end)
        if inside:
            self._warn_times_of_day(settings, zone, inside)
        number = self.setting_row("timezone")
        for shift in inside:
            if zones.grid_times_in(shift, settings.slot_minutes):
                self.issues.append(Issue.said("settings", number, "value", settings.timezone,
                                              shift.slots_wording(zone.key), "warning"))

    def _warn_times_of_day(self, settings: Settings, zone: ZoneInfo,
                           inside: list[zones.Shift]) -> None:
        """Opening hours and availability on the days the clocks change: weekly rows
        repeat, so a row for Sundays may meet the change on one Sunday of the horizon."""
        days = sorted({s.start.date() for s in inside}  # and the day a 24:00 ends in it
                      | {s.start.date() - timedelta(days=1) for s in inside
                         if s.start.time() == time()})
        holiday_dates = public_holidays(settings.holidays, tuple({d.year for d in days}))
        for table, columns in (("room_hours", ("open", "close")),
                               ("availability", ("start", "end"))):
            for row in self.rows(table):
                try:
                    spec = cells.parse_day(row.text("day"))
                except CellError:
                    continue  # already reported
                for day in (d for d in days if _applies(spec, d, holiday_dates)):
                    for column in columns:
                        self._warn_shift(row, column, zone,
                                         _moment(f"{day} {row.text(column)}"))

    def _warn_shift(self, row: Row, column: str, zone: ZoneInfo,
                    moment: datetime | None) -> None:
        """A warning on the cell when ``moment`` (read from it) is skipped or repeated."""
        shift = zones.shift_at(moment, zone) if moment else None
        if moment and shift:
            row.error(column, shift.wording(moment, zone.key), severity="warning")

    def reported_missing(self, table: str) -> bool:
        """Whether the reader already said that ``table`` is missing, naming the files or
        sheets it did not read (an error about the whole table, of no value): validation's
        bare "a table named ..." would say it again, less helpfully."""
        return any(i.table == table and i.row is None and i.column is None and not i.value
                   and i.severity == "error" for i in self.issues)

    def check_columns(self) -> None:
        for name, spec in TABLES.items():
            frame = self.tables.get(name)
            if frame is None:
                if spec.required and not self.reported_missing(name):
                    self.issues.append(Issue.said(name, None, None, "",
                                                  say("valid.table", name=name)))
                continue
            self.issues += column_issues(name, frame, spec.required_columns, spec.columns)


def _warn_hours_never_open(row: Row, minutes: tuple[int, int],
                           opening: list[OpeningHours]) -> None:
    """Time a volunteer gives when no room is ever open (02:00–05:00 where rooms open
    from 08:30 to 21:00) plans nothing, and is most often a time after noon typed
    without its 12 hours: say so, with those times when rooms are open all along them."""
    if not opening:
        return
    first = min(h.open_minute for h in opening)
    last = max(h.close_minute for h in opening)
    start, end = minutes
    if start < last and first < end:
        return
    later = (start + HALF_DAY, end + HALF_DAY)
    meant = (say("valid.afternoon", start=cells.minutes_text(later[0]),
                 end=cells.minutes_text(later[1]))
             if first <= later[0] and later[1] <= last else "")
    row.error("start", say("valid.hours_open", first=cells.minutes_text(first),
                           last=cells.minutes_text(last), afternoon=meant), severity="warning")


def setting_key_rows(settings: pd.DataFrame, key: str) -> list[object]:
    """The index labels of a ``settings`` table's rows of ``key``, however it is spelt
    (``Name``, ``ｎａｍｅ``)."""
    if "key" not in settings.columns:
        return []
    return [row for row, written in settings["key"].items()
            if cells.setting_key(cell_text(written)) == key]


def setting_text(settings: pd.DataFrame, key: str) -> str | None:
    """The text of a ``settings`` table's ``key`` row, None where it has none: what the
    app and the command line say of a workbook before it validates (its name, the
    language to say things in)."""
    rows = setting_key_rows(settings, key) if "value" in settings.columns else []
    return cell_text(settings.at[rows[0], "value"]) if rows else None


def settings_language(settings: pd.DataFrame) -> str:
    """The language a ``settings`` table asks for, the default where it names none it
    knows: what a command says while the rest of a large workbook is still read, before
    validation has the last word."""
    with contextlib.suppress(CellError):
        return cells.parse_choice(setting_text(settings, "language") or DEFAULT_LANGUAGE,
                                  LANGUAGES, "language_name")
    return DEFAULT_LANGUAGE


def build_problem(tables: Mapping[str, pd.DataFrame],
                  file_issues: list[Issue] | None = None) -> Problem:
    """Validate ``tables`` and build the :class:`Problem`, or raise :class:`DataError`
    listing every error (warnings ride along on ``Problem.warnings``)."""
    issues = list(file_issues or [])
    builder = _Builder(tables, issues)
    builder.check_columns()
    settings = builder.settings()
    horizon = None
    if settings:
        horizon = (datetime.combine(settings.horizon_start, datetime.min.time()),
                   datetime.combine(date.fromordinal(settings.horizon_end.toordinal() + 1),
                                    datetime.min.time()))
    themes = builder.themes()
    rooms = builder.rooms()
    room_ids = {r.room_id for r in rooms}
    opening = builder.opening_hours(room_ids, horizon)
    closures = builder.closures(room_ids, horizon)
    volunteers = builder.volunteers()
    volunteer_ids = {v.volunteer_id for v in volunteers}
    availability = builder.availability(volunteer_ids, horizon, opening)
    theme_ids = {t.theme_id for t in themes} if "themes" in tables else None
    activities = builder.activities(room_ids, theme_ids, horizon)
    if theme_ids is None:
        builder.warn_themes_unlisted(activities)
    targets = set().union(*(a.tags for a in activities)) if activities else set()
    preferences = builder.preferences(volunteer_ids, targets)
    roles = builder.roles({a.activity_id for a in activities})
    equipment = {e for r in rooms for e in r.equipment}
    builder.warn_run_together("volunteers", "skills", {r.role for r in roles},
                              "valid.run_together_skill")
    builder.warn_run_together("rooms", "equipment", {e for a in activities for e in a.equipment},
                              "valid.run_together_room_equipment")
    told = builder.warn_run_together("activities", "equipment", equipment,
                                     "valid.run_together_activity_equipment")
    builder.warn_unheld("roles", "role", lambda text: [builder.spellings.of(text)] if text else [],
                        {s for v in volunteers for s in v.skills}, "valid.skill_held")
    builder.warn_unheld("activities", "equipment", builder.spellings.parse, equipment,
                        "valid.equipment_held", told)
    if settings:
        for activity, row in zip(activities, builder.rows("activities"), strict=True):
            fixed = activity.fixed_start
            if fixed and (fixed.hour * 60 + fixed.minute) % settings.slot_minutes:
                row.error("fixed_start", say("valid.on_grid", slot=settings.slot_minutes))
        builder.warn_off_grid(settings.slot_minutes)
        builder.warn_short_durations(settings.slot_minutes)
        if not any(i.severity == "error" for i in issues):
            builder.warn_series_listed_too_late(activities)  # of windows read whole
            # records read whole (a window that did not parse would count from year 1) and
            # a sound zone and horizon
            builder.check_size(estimate_records(settings, activities, rooms, volunteers,
                                                roles))
            builder.warn_clock_changes(settings)
    issues = unrepeated(issues, file_issues or [])
    errors = [i for i in issues if i.severity == "error"]
    if errors or settings is None:
        raise DataError(issues, language=builder.language)
    return Problem(
        settings=settings, rooms=tuple(rooms), opening_hours=tuple(opening),
        activities=tuple(ranked(activities)), themes=tuple(themes), closures=tuple(closures),
        volunteers=tuple(volunteers), availability=tuple(availability),
        preferences=tuple(preferences), roles=tuple(roles),
        input_warnings=tuple(issues), fingerprint=fingerprint(tables),
        rows=builder.id_rows())
