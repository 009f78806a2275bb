"""Public outputs show allowed fields only, and are checked field by field before sharing.

The HTML report, the Excel workbook, the calendars and the share notebook are built from
the fields of :data:`PUBLIC_FIELDS`; volunteers' phone numbers and notes, and the notes
of activities (:data:`matching.io.PERSONAL_COLUMNS`), are not among them. Before a
public output is handed out, the exporters check what it shows one field at a time: a
table cell, an HTML text or attribute, a calendar property or description line.

Searching the whole text cannot do this job. A student's note ``杭州电子科技大学`` is
part of the meeting title ``杭州电子科技大学党委共建座谈`` and equals the partner of
``红色课堂·开学第一课``: both are public workbook text, and neither is a leak. So a field
leaks when it shows a phone number (its digits, with or without separators), or when its
whole value is a volunteer's note that no public column of the workbook holds as well.
A phone number written in a volunteer's notes is theirs too: a coordinator who copies
``Bo ill - spare phone 137-5555-0002`` into the reason for a cancellation quotes it.

A phone number is nobody's business to publish either when it is typed where the
outputs show it: a partner's contact in ``partner`` (``区红十字会 王老师 13900002222``),
a volunteer's own number after their name, a contact in a note the report quotes as a
cancellation's reason. Those are numbers of :data:`MIN_WRITTEN_PHONE_DIGITS` or more
digits, a number with its area code, so that a year range (``1949-2024``) in a title is
not taken for one; they are looked for in the workbook's shown text and in the notes
quoted (``free_text``), never in what the toolkit draws (an SVG's coordinates). The
workbook's shown text is every field :data:`PUBLIC_FIELDS` names, ids aside: one list
says both what an output may show and where a number typed by hand is looked for, so a
field an export starts to show is checked as soon as it is allowed.

What a leak is said to be is a :class:`~matching.i18n.Message`: the command line refuses
an export in the workbook's language (:meth:`PersonalDataError.render`), a log in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Final

import pandas as pd

from ..i18n import CATALOGUE, Phrase, column_key, say, text
from ..problem.model import Problem

#: Output columns a public table may have, each with the workbook field it shows
#: (``table.column``), or None for what the toolkit derives (times, counts, messages);
#: and the fields other outputs show beside their tables' columns: a room's ``site`` in
#: a calendar event's location, the workbook's name as every output's title.
PUBLIC_FIELDS: Final[dict[str, str | None]] = {
    "activity_id": "activities.activity_id",
    "title": "activities.title",
    "kind": "activities.kind",
    "priority": "activities.priority",
    "attendance": "activities.expected_attendance",
    "partner": "activities.partner",
    "theme": "themes.name",
    "room": "rooms.name",
    "site": "rooms.site",
    "workbook": "settings.name",
    "volunteer_id": "volunteers.volunteer_id",
    "name": "volunteers.name",
    "team": "volunteers.team",
    "role": "roles.role",  # before skills: a number in both is said to be the role's,
    "skills": "volunteers.skills",  # which every output shows
    "age_band": "volunteers.age_band",
    "staff": None,  # roles and volunteers' names (views.staff_text)
    "date": None,
    "weekday": None,
    "start": None,
    "end": None,
    "earliest_start": None,
    "latest_end": None,
    "activities": None,
    "hours": None,
    "reason": None,
    "key": None,
    "value": None,
    "constraint": None,
    "level": None,
    "weight": None,
    "count": None,
    "penalty": None,
}

#: Fewer digits than this are an extension, not a number: matched as a whole field only,
#: so that ``8021`` does not match inside a date. Fewer than ``MIN_EXTENSION_DIGITS`` is
#: no phone at all (``无``, ``-``).
MIN_PHONE_DIGITS: Final = 7
MIN_EXTENSION_DIGITS: Final = 3
#: A phone number typed in a shown field (a title, a partner, a name) has at least this
#: many digits: a mobile or a landline with its area code; ``1949-2024`` has eight.
MIN_WRITTEN_PHONE_DIGITS: Final = 10
#: A shorter note (``-``, ``无``) says nothing about anyone and is not looked for.
MIN_NOTE_CHARACTERS: Final = 2
_SEPARATORS: Final = re.compile(r"[\s()\-‐‑–—]")
#: Digits that separators hold together, as a note may spell a phone number.
_DIGIT_RUN: Final = re.compile(rf"\d(?:{_SEPARATORS.pattern}*\d)*")
#: A date in a note (``2024-08-21``): as many digits as a phone number, and shown by the
#: public outputs themselves, so never taken for one.
_DATE: Final = re.compile(
    rf"(?<!\d)\d{{4}}{_SEPARATORS.pattern}\d{{1,2}}{_SEPARATORS.pattern}\d{{1,2}}(?!\d)")

#: A field: where it is shown (for the error message: a file's, sheet's or property's
#: name as it is written, or a phrase where words name it, said in the reader's language)
#: and its value.
Field = tuple[str | Phrase, object]

#: Whose a record of each workbook table is, for an error message: the sentence naming
#: a field of its owner (``the partner of activity a3``) and the owner's id field (None
#: for the settings, which are the workbook's own); a role is its activity's.
_OWNERS: Final[dict[str, tuple[str, str | None]]] = {
    "activities": ("privacy.of_activity", "activity_id"),
    "roles": ("privacy.of_activity", "activity_id"),
    "volunteers": ("privacy.of_volunteer", "volunteer_id"),
    "rooms": ("privacy.of_room", "room_id"),
    "themes": ("privacy.of_theme", "theme_id"),
    "settings": ("privacy.of_workbook", None),
}


@dataclass(frozen=True)
class Leak:
    """Personal data in a public output: where, and whose phone or notes (or which
    column not allowed). The value itself is never repeated, not even in an error."""

    where: str | Phrase
    what: Phrase

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"  # a phrase in English


class PersonalDataError(ValueError):
    """A public output would show personal data; it is refused before anything is
    written."""

    def __init__(self, leaks: Sequence[Leak]) -> None:
        self.leaks = tuple(leaks)
        super().__init__(self.render("en"))

    def render(self, language: str = "en", shown: int = 5) -> str:
        """The refusal in ``language``: whose data is shown, each with its first places,
        the first ``shown`` of them (one number is shown in many places)."""
        places: dict[Phrase, list[str]] = {}
        for leak in self.leaks:
            places.setdefault(leak.what, []).append(
                leak.where if isinstance(leak.where, str) else leak.where.render(language))
        said = [text("privacy.leak", language, what=what.render(language),
                     places=_first_places(where, language))
                for what, where in places.items()]
        leaks = text("list.semicolon", language).join(said[:shown])
        if len(said) > shown:
            leaks = text("privacy.more_leaks", language, leaks=leaks,
                         count=len(said) - shown)
        return text("privacy.refused", language, leaks=leaks)


def _first_places(places: list[str], language: str, shown: int = 2) -> str:
    """The first of ``places`` (without repeats), and how many more there are."""
    distinct = list(dict.fromkeys(places))
    first = text("list.comma", language).join(distinct[:shown])
    more = len(distinct) - shown
    return text("privacy.more_places", language, places=first, count=more) if more > 0 \
        else first


@dataclass(frozen=True)
class _Secrets:
    """What must not be shown: one pattern for every long phone number (of the phone
    column, written in the notes or typed in shown text), each mapped to words saying
    whose it is, the short ones, and the notes that are not public text anyway, each
    mapped to the volunteer."""

    phone_pattern: re.Pattern[str] | None
    phone_owner: dict[str, Phrase]
    short_phones: dict[str, str]
    notes: dict[str, str]


def find_leaks(problem: Problem, fields: Iterable[Field],
               free_text: Iterable[Field] = ()) -> list[Leak]:
    """Every field of ``fields`` that shows a volunteer's phone number or notes, or a
    phone number typed in the workbook's shown text; and every field of ``free_text``
    (notes a person typed, quoted whole) that shows any phone number."""
    secrets = _secrets(problem)
    found = []
    for where, value in fields:
        what = _leak(secrets, _text(value))
        if what is not None:
            found.append(Leak(where, what))
    said = {leak.where for leak in found}  # whose it is says more than "a phone number"
    for where, value in free_text:
        if where not in said and _written_phones(_text(value)):
            found.append(Leak(where, say("privacy.a_phone")))
    return found


def column_leaks(tables: Mapping[str, pd.DataFrame]) -> list[Leak]:
    """Every column of ``tables`` that :data:`PUBLIC_FIELDS` does not allow."""
    return [Leak(name, say("privacy.not_public", column=column))
            for name, frame in tables.items() for column in frame.columns
            if column not in PUBLIC_FIELDS]


def check_tables(problem: Problem, tables: Mapping[str, pd.DataFrame]) -> None:
    """Refuse public tables with a column outside the allow-list or personal data in a
    cell.

    Raises
    ------
    PersonalDataError
        Naming each table and cell, and whose data it shows.
    """
    _refuse(column_leaks(tables) + find_leaks(problem, table_fields(tables)))


def check_fields(problem: Problem, fields: Iterable[Field],
                 free_text: Iterable[Field] = ()) -> None:
    """Refuse fields that show personal data (see :func:`find_leaks`).

    Raises
    ------
    PersonalDataError
        Naming each field and whose data it shows.
    """
    _refuse(find_leaks(problem, fields, free_text))


def table_fields(tables: Mapping[str, pd.DataFrame]) -> Iterator[Field]:
    """Each cell of each table, named ``table.column row n`` in English (rows from 1),
    in the reader's language where said."""
    for name, frame in tables.items():
        for column in frame.columns:
            for row, value in enumerate(frame[column], start=1):
                yield say("privacy.cell", table=name, column=column, row=row), value


def html_fields(html: str, where: str) -> list[Field]:
    """Each text and each attribute value of an HTML page or fragment: a table cell, a
    list item, a tooltip. Entities are decoded, so ``&amp;`` is compared as ``&``."""
    parser = _FieldParser(where)
    parser.feed(html)
    parser.close()
    return parser.fields


class _FieldParser(HTMLParser):
    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.fields: list[Field] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # a field is named by its part of the page alone: a coordinator reads "weeks",
        # not "weeks <span title>"
        self.fields += [(self.where, value) for _, value in attrs if value]

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.fields.append((self.where, data))


def _refuse(leaks: Sequence[Leak]) -> None:
    if leaks:
        raise PersonalDataError(leaks)


def _secrets(problem: Problem) -> _Secrets:
    public = _public_texts(problem)
    long_phones: dict[str, Phrase] = {}
    short_phones: dict[str, str] = {}
    notes: dict[str, str] = {}
    for v in problem.volunteers:
        digits = re.sub(r"\D", "", v.phone)
        theirs = say("privacy.volunteer_phone", volunteer=v.volunteer_id)
        if len(digits) >= MIN_PHONE_DIGITS:
            long_phones[digits] = theirs
        elif len(digits) >= MIN_EXTENSION_DIGITS:
            short_phones[_SEPARATORS.sub("", v.phone)] = v.volunteer_id
        note = _normal(v.notes)
        if len(note) >= MIN_NOTE_CHARACTERS and note not in public:
            notes[note] = v.volunteer_id
        for written in _phones_in(v.notes):  # a phone column says whose it is first
            long_phones.setdefault(written, theirs)
    for whose, shown in _shown_text(problem):
        for written in _written_phones(shown):
            long_phones.setdefault(written, say("privacy.written", whose=whose))
    pattern = None
    if long_phones:  # separators may sit between any two digits, never around the number
        gap = rf"{_SEPARATORS.pattern}*"
        alternatives = "|".join(gap.join(digits) for digits in
                                sorted(long_phones, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\d)(?:{alternatives})(?!\d)")
    return _Secrets(pattern, long_phones, short_phones, notes)


def _phones_in(note: str) -> set[str]:
    """The digits of the phone numbers written in ``note``: every stretch of whole digit
    groups that separators join, with :data:`MIN_PHONE_DIGITS` digits or more, dates left
    out. Every stretch, not the longest only: a number next to the phone joins its run
    (``+86 137 5555 0002``, ``room 3 137 5555 0002``)."""
    found: set[str] = set()
    for piece in _DATE.split(note):
        for run in _DIGIT_RUN.findall(piece):
            groups = re.findall(r"\d+", run)
            found.update("".join(groups[first:last]) for first in range(len(groups))
                         for last in range(first + 1, len(groups) + 1))
    return {digits for digits in found if len(digits) >= MIN_PHONE_DIGITS}


def _written_phones(text: str) -> set[str]:
    """The phone numbers of :data:`MIN_WRITTEN_PHONE_DIGITS` digits or more in ``text``."""
    return {digits for digits in _phones_in(text) if len(digits) >= MIN_WRITTEN_PHONE_DIGITS}


def _shown_text(problem: Problem) -> Iterator[tuple[Phrase, str]]:
    """The workbook's text that public outputs show (every field of
    :data:`PUBLIC_FIELDS`), each with whose it is for an error message (``the partner of
    activity a3``): not ids, which people do not type phone numbers into, and which may
    hold as many digits as a phone (``20240821-01``)."""
    records = _records(problem)
    for source in dict.fromkeys(filter(None, PUBLIC_FIELDS.values())):
        table, column = source.split(".")
        owner, id_field = _OWNERS[table]
        if column == id_field:
            continue
        key = column_key(column, table)  # the column's word; its name in English
        named = say(key) if key else column
        for record in records[table]:
            whose = say(owner, column=named, id=getattr(record, id_field) if id_field else "")
            for shown in _texts(getattr(record, column)):
                yield whose, shown


def _leak(secrets: _Secrets, text: str) -> Phrase | None:
    """Whose data ``text`` shows, as words for an error message; None when none."""
    bare = _SEPARATORS.sub("", text)
    found = secrets.phone_pattern.search(text) if secrets.phone_pattern else None
    if found:
        digits = re.sub(r"\D", "", found[0])
        return secrets.phone_owner[digits]
    if bare in secrets.short_phones:
        return say("privacy.volunteer_phone", volunteer=secrets.short_phones[bare])
    owner = secrets.notes.get(_normal(text))
    return say("privacy.volunteer_notes", volunteer=owner) if owner else None


def _public_texts(problem: Problem) -> set[str]:
    """Every text of the workbook's public fields (titles, partners, names, skills...)
    and the toolkit's own words (headings, ``无`` for an empty section, weekdays): a note
    that says the same is public anyway."""
    records = _records(problem)
    out = {_normal(word) for entry in CATALOGUE.values() for word in entry.values()}
    for source in filter(None, PUBLIC_FIELDS.values()):
        table, column = source.split(".")
        out.update(_normal(shown) for record in records[table]
                   for shown in _texts(getattr(record, column)))
    return out


def _records(problem: Problem) -> dict[str, Sequence[object]]:
    """The records of each workbook table :data:`PUBLIC_FIELDS` names."""
    return {"activities": problem.activities, "themes": problem.themes,
            "rooms": problem.rooms, "volunteers": problem.volunteers,
            "roles": problem.roles, "settings": (problem.settings,)}


def _texts(value: object) -> tuple[str, ...]:
    """The texts of a field's value: a set's (skills), a text's, none of a number's."""
    return tuple(v for v in (value if isinstance(value, frozenset) else (value,))
                 if isinstance(v, str))


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _normal(text: str) -> str:
    """``text`` with runs of white space made one space and the ends trimmed, as a
    reader sees it."""
    return " ".join(text.split())
