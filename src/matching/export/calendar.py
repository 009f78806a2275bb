"""The plan as iCalendar files: one per volunteer, one per room and one for the center.

Volunteers subscribe to their own file in the phone's calendar. Each event's UID comes
from ids that survive edits of the workbook (the activity and the volunteer or room), so
re-exporting after a change updates the events people already have instead of adding
duplicates. Times carry the workbook's time zone, with its VTIMEZONE in every file.

A re-plan drops events: an activity left out, a volunteer taken off it. A subscription
shows the new file as it is, but a file imported into a calendar (sent by message or
mail) only changes events it names again: exported over the folder it replaces, every
event the folder had and the new plan no longer has is written once more as cancelled
(``STATUS:CANCELLED``), in the file it was in, so that an import takes it off the
calendar instead of leaving a duty that is no longer there. Every event of an export
carries its ``SEQUENCE`` from the export's time (:func:`revision`), so that a calendar
takes each export for newer than any before it, whichever folder it went to.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from ..evaluate import Score, evaluate
from ..io.outputs import FORCE_ARGUMENT, replace_folder
from ..plan import Plan
from ..problem.model import Problem
from . import privacy, views
from .labels import broken_rules_warning, label

#: What a calendar folder's manifest says wrote it: a folder of another output is refused.
CALENDARS_KIND = "export --to ics"

PRODID = "-//matching//community center plan//EN"


def event_uid(problem: Problem, activity_id: str, scope: str) -> str:
    """The UID of ``activity_id``'s event in the calendar of ``scope`` (``center``,
    ``room-<id>`` or ``volunteer-<id>``).

    It depends on the workbook's name and these ids only, never on times or the data
    fingerprint, so the same event keeps its UID from one export to the next.
    """
    center = hashlib.sha256(problem.settings.name.encode()).hexdigest()[:12]
    return f"{activity_id}.{scope}@{center}.matching"


#: Revisions are counted in seconds from here (:func:`revision`).
_FIRST_REVISION = datetime(2020, 1, 1, tzinfo=UTC)


def revision(stamp: datetime) -> int:
    """The ``SEQUENCE`` of every event of an export made at ``stamp``: the seconds since
    2020, so that a later export's events are newer revisions of an earlier one's in any
    calendar that imports both (an event moved, cancelled or back again), without a
    record of what was exported where. It fits a 32-bit integer until 2088."""
    return max(0, int((stamp - _FIRST_REVISION).total_seconds()))


def calendars(problem: Problem, plan: Plan, *, include_contacts: bool = False,
              stamp: datetime | None = None, score: Score | None = None,
              published: Mapping[str, Calendar] | None = None) -> dict[str, Calendar]:
    """Every calendar of the plan, keyed ``center``, ``room-<id>`` and ``volunteer-<id>``.

    Parameters
    ----------
    problem, plan
        The plan and the problem it was made for.
    include_contacts
        Put the phone numbers of the other volunteers of each activity in its
        description, for internal use; by default calendars hold names only.
    stamp
        The DTSTAMP of every event (default: now, in UTC); a later stamp tells
        calendar programs that the event was revised.
    score
        The plan's score, when already computed. A plan that breaks hard rules says so
        in every calendar's description, and each event it concerns starts its
        description with what is wrong.
    published
        The calendars exported before, by file stem (:func:`published_calendars`): the
        events the plan no longer has are kept, cancelled.

    Returns
    -------
    dict of str to icalendar.Calendar
        Every room and every volunteer has a calendar, even an empty one, so that a
        subscription made today keeps working when they are given something to do.

    Raises
    ------
    PersonalDataError
        When, without ``include_contacts``, a property shows a phone number or notes.
    """
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    zone = ZoneInfo(problem.settings.timezone)
    language = problem.settings.language
    name = problem.settings.name
    vtimezone = _vtimezone(problem)  # slow to build (it scans the years): build it once
    broken = (score if score is not None else evaluate(problem, plan)).hard_violations
    warning = broken_rules_warning(len(broken), language)
    result = {"center": _calendar(name, vtimezone, warning)}
    for room in problem.rooms:
        result[f"room-{room.room_id}"] = _calendar(f"{name} · {room.name}", vtimezone,
                                                   warning)
    for volunteer in problem.volunteers:
        result[f"volunteer-{volunteer.volunteer_id}"] = _calendar(
            f"{name} · {volunteer.name}", vtimezone, warning)
    wrong: dict[str, list[str]] = {}
    for finding in broken:
        if finding.activity_id:
            wrong.setdefault(finding.activity_id, []).append(
                f"{label('warning', language)}: {one_line(finding.text(language))}")
    for p in views.placed(problem, plan):
        where = f" @ {p.room_name}" if p.room else ""
        entries = [("center", p.activity.title + where)]
        if p.room:
            entries.append((f"room-{p.room.room_id}", p.activity.title + where))
        entries += [(f"volunteer-{vid}", f"{p.activity.title} · {role}{where}")
                    for role, vid, _volunteer in p.staff if f"volunteer-{vid}" in result]
        description = "\n".join(x for x in (*wrong.get(p.activity.activity_id, []),
                                             _description(problem, p, include_contacts,
                                                          language)) if x)
        for key, summary in entries:
            event = Event()
            event.add("uid", event_uid(problem, p.activity.activity_id, key))
            event.add("dtstamp", stamp)
            event.add("sequence", revision(stamp))
            event.add("dtstart", p.start.replace(tzinfo=zone))
            event.add("dtend", p.end.replace(tzinfo=zone))
            event.add("summary", one_line(summary))
            location = ", ".join(x for x in (p.room_name, p.room.site if p.room else "") if x)
            if location:
                event.add("location", one_line(location))
            event.add("description", description)
            event.add("status", "CONFIRMED")
            result[key].add_component(event)
    _cancel_dropped(problem, result, published or {}, stamp, vtimezone, warning)
    if not include_contacts:
        privacy.check_fields(problem, (field for key, calendar in result.items()
                                       for field in _fields(key, calendar)))
    return result


def save_calendars(problem: Problem, plan: Plan, folder: str | os.PathLike[str], *,
                   include_contacts: bool = False, stamp: datetime | None = None,
                   score: Score | None = None, force: bool = False) -> list[Path]:
    """Write every calendar of :func:`calendars` to ``folder`` as ``<key>.ics``.

    Ids that are not safe in file names (spaces, Chinese, slashes) are replaced by a
    readable part and a short hash, so two ids never share a file and none is written
    outside ``folder``. The folder is replaced whole (see :mod:`matching.io.outputs`):
    subscribers never see last week's calendars mixed with this week's; the events the
    folder had and the plan no longer has stay in it, cancelled (see the module's
    docstring), and so does the calendar of someone no longer in the workbook while it
    has any. A folder holding files matching did not write
    is refused unless ``force``. Returns the paths written, center first.
    """
    target = Path(folder)
    files = {f"{_file_stem(key)}.ics": calendar.to_ical()
             for key, calendar in calendars(problem, plan, include_contacts=include_contacts,
                                            stamp=stamp, score=score,
                                            published=published_calendars(target)).items()}

    def write(side: Path) -> None:
        for name, data in files.items():
            (side / name).write_bytes(data)

    replace_folder(target, write, force=force, option=FORCE_ARGUMENT, kind=CALENDARS_KIND)
    return [target / name for name in files]


def published_calendars(folder: Path) -> dict[str, Calendar]:
    """The calendars matching exported to ``folder`` before, by file stem (none for a
    folder that is not there, nor files of another program)."""
    found: dict[str, Calendar] = {}
    for path in sorted(folder.glob("*.ics")) if folder.is_dir() else ():
        try:
            calendar = Calendar.from_ical(path.read_bytes())
        except (OSError, ValueError):  # not a calendar it could have written
            continue
        if str(calendar.get("prodid", "")) == PRODID:
            found[path.stem] = calendar
    return found


def _cancel_dropped(problem: Problem, result: dict[str, Calendar],
                    published: Mapping[str, Calendar], stamp: datetime,
                    vtimezone: Timezone, warning: str) -> None:
    """Each event of ``published`` the new calendars lack, added to its calendar again
    as cancelled (its time, in the file's zone, and its summary, nothing else). A
    calendar the new plan has no file for (a volunteer no longer in the workbook) is
    written with its cancellations alone, while it has any."""
    zone = ZoneInfo(problem.settings.timezone)
    stems = {_file_stem(key): key for key in result}
    for stem, before in published.items():
        olds = list(before.walk("VEVENT"))
        key = stems.get(stem)
        if key is None:
            if not olds:
                continue
            key = stems[stem] = stem
            result[key] = _calendar(str(before.get("X-WR-CALNAME", problem.settings.name)),
                                    vtimezone, warning)
        current = {str(e["UID"]) for e in result[key].walk("VEVENT")}
        for old in olds:
            if str(old.get("UID", "")) in current:
                continue
            event = Event()
            event.add("uid", str(old["UID"]))
            event.add("dtstamp", stamp)
            event.add("sequence", revision(stamp))
            for name in ("DTSTART", "DTEND"):
                if name in old:
                    moment = old.decoded(name)
                    event.add(name.lower(), moment.astimezone(zone)
                              if isinstance(moment, datetime) and moment.tzinfo else moment)
            event.add("summary", str(old.get("SUMMARY", "")))
            event.add("status", "CANCELLED")
            result[key].add_component(event)


def _fields(key: str, calendar: Calendar) -> Iterator[privacy.Field]:
    """Each text property of the calendar and its events; a description line by line,
    and each line's value after its ``label: `` (see :func:`_description`)."""
    for component in calendar.walk():
        for name, value in component.items():
            if not isinstance(value, str):
                continue
            where = f"{key}.ics {component.name} {name}"
            yield where, value
            if name == "DESCRIPTION":
                for line in value.splitlines():
                    yield where, line
                    if ": " in line:
                        yield where, line.partition(": ")[2]


def _vtimezone(problem: Problem) -> Timezone:
    """The workbook's zone as a VTIMEZONE covering the planned years and the next one.

    icalendar notes those years in an English COMMENT. It is left out: calendar programs
    do not show it, every event of the file lies inside those years anyway, and a Chinese
    file would otherwise carry an English sentence."""
    s = problem.settings
    vtimezone = Timezone.from_tzid(s.timezone, first_date=date(s.horizon_start.year, 1, 1),
                                   last_date=date(s.horizon_end.year + 1, 12, 31))
    vtimezone.pop("COMMENT", None)
    return vtimezone


def _calendar(name: str, vtimezone: Timezone, warning: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", str(vtimezone["TZID"]))
    if warning:
        calendar.add("x-wr-caldesc", warning)
    calendar.add_component(vtimezone)
    return calendar


def _description(problem: Problem, p: views.Shown, include_contacts: bool,
                 language: str) -> str:
    """Theme, partner and who staffs the activity (with phones only when asked)."""
    lines = []
    theme = problem.theme_by_id.get(p.activity.theme_id or "")
    if theme:
        lines.append(f"{label('theme', language)}: {theme.name}")
    if p.activity.partner:
        lines.append(f"{label('partner', language)}: {p.activity.partner}")
    for role, vid, volunteer in p.staff:
        who = views.person_name(vid, volunteer)
        if include_contacts and volunteer and volunteer.phone:
            who += f" ({volunteer.phone})"
        lines.append(f"{role}: {who}")
    return "\n".join(one_line(line) for line in lines)


def one_line(text: str) -> str:
    """``text`` with every line break (Alt+Enter in Excel, a bare CR) made a space: a
    calendar program that splits lines on CR alone must not see a new property there."""
    return _LINE_BREAKS.sub(" ", text)


_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")


def _file_stem(key: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", key)
    if safe == key:
        return key
    return f"{safe}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"
