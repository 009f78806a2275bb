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
quoted (``free_text``), never in what the toolkit draws (an SVG's coordinates).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Final

import pandas as pd

from ..i18n import CATALOGUE
from ..problem.model import Problem

#: Output columns a public table may have, each with the workbook field it shows
#: (``table.column``), or None for what the toolkit derives (times, counts, messages).
PUBLIC_FIELDS: Final[dict[str, str | None]] = {
    "activity_id": "activities.activity_id",
    "title": "activities.title",
    "kind": "activities.kind",
    "priority": "activities.priority",
    "attendance": "activities.expected_attendance",
    "partner": "activities.partner",
    "theme": "themes.name",
    "room": "rooms.name",
    "volunteer_id": "volunteers.volunteer_id",
    "name": "volunteers.name",
    "team": "volunteers.team",
    "skills": "volunteers.skills",
    "age_band": "volunteers.age_band",
    "role": "roles.role",
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

#: A field: where it is shown (for the error message) and its value.
Field = tuple[str, object]


@dataclass(frozen=True)
class Leak:
    """Personal data in a public output: where, and whose phone or notes (or which
    column not allowed). The value itself is never repeated, not even in an error."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


class PersonalDataError(ValueError):
    """A public output would show personal data; it is refused before anything is
    written."""

    def __init__(self, leaks: Sequence[Leak]) -> None:
        self.leaks = tuple(leaks)
        places: dict[str, list[str]] = {}  # one number is shown in many places
        for leak in leaks:
            places.setdefault(leak.what, []).append(leak.where)
        said = [f"{what} ({_first_places(where)})" for what, where in places.items()]
        more = f"; and {len(said) - 5} more" if len(said) > 5 else ""
        super().__init__(f"personal data in a public output: {'; '.join(said[:5])}{more}")


def _first_places(places: list[str], shown: int = 2) -> str:
    """The first of ``places`` (without repeats), and how many more there are."""
    distinct = list(dict.fromkeys(places))
    more = len(distinct) - shown
    return ", ".join(distinct[:shown]) + (f" and {more} more place(s)" if more > 0 else "")


@dataclass(frozen=True)
class _Secrets:
    """What must not be shown: one pattern for every long phone number (of the phone
    column, written in the notes or typed in shown text), each mapped to words saying
    whose it is, the short ones, and the notes that are not public text anyway, each
    mapped to the volunteer."""

    phone_pattern: re.Pattern[str] | None
    phone_owner: dict[str, str]
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
        if what:
            found.append(Leak(where, what))
    said = {leak.where for leak in found}  # whose it is says more than "a phone number"
    for where, value in free_text:
        if where not in said and _written_phones(_text(value)):
            found.append(Leak(where, "a phone number"))
    return found


def column_leaks(tables: Mapping[str, pd.DataFrame]) -> list[Leak]:
    """Every column of ``tables`` that :data:`PUBLIC_FIELDS` does not allow."""
    return [Leak(name, f"column {column!r} is not a public field")
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
    """Each cell of each table, named ``table.column row n`` (rows from 1)."""
    for name, frame in tables.items():
        for column in frame.columns:
            for row, value in enumerate(frame[column], start=1):
                yield f"{name}.{column} row {row}", value


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
        self.where, self.tag = where, ""
        self.fields: list[Field] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        self.fields += [(f"{self.where} <{tag} {name}>", value) for name, value in attrs
                        if value]

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.fields.append((f"{self.where} <{self.tag}>", data))


def _refuse(leaks: Sequence[Leak]) -> None:
    if leaks:
        raise PersonalDataError(leaks)


def _secrets(problem: Problem) -> _Secrets:
    public = _public_texts(problem)
    long_phones: dict[str, str] = {}
    short_phones: dict[str, str] = {}
    notes: dict[str, str] = {}
    for v in problem.volunteers:
        digits = re.sub(r"\D", "", v.phone)
        if len(digits) >= MIN_PHONE_DIGITS:
            long_phones[digits] = f"the phone number of volunteer {v.volunteer_id}"
        elif len(digits) >= MIN_EXTENSION_DIGITS:
            short_phones[_SEPARATORS.sub("", v.phone)] = v.volunteer_id
        note = _normal(v.notes)
        if len(note) >= MIN_NOTE_CHARACTERS and note not in public:
            notes[note] = v.volunteer_id
        for written in _phones_in(v.notes):  # a phone column says whose it is first
            long_phones.setdefault(written, f"the phone number of volunteer {v.volunteer_id}")
    for whose, text in _shown_text(problem):
        for written in _written_phones(text):
            long_phones.setdefault(written, f"a phone number written in {whose}")
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


def _shown_text(problem: Problem) -> Iterator[tuple[str, str]]:
    """The workbook's free text that public outputs show, each with whose it is for an
    error message (``the partner of activity a3``): not ids, which people do not type
    phone numbers into."""
    for a in problem.activities:
        yield f"the title of activity {a.activity_id}", a.title
        yield f"the partner of activity {a.activity_id}", a.partner
    for v in problem.volunteers:
        yield f"the name of volunteer {v.volunteer_id}", v.name
        yield f"the team of volunteer {v.volunteer_id}", v.team
    for r in problem.rooms:
        yield f"the name of room {r.room_id}", r.name
    for t in problem.themes:
        yield f"the name of theme {t.theme_id}", t.name


def _leak(secrets: _Secrets, text: str) -> str:
    """Whose data ``text`` shows, as words for an error message; empty when none."""
    bare = _SEPARATORS.sub("", text)
    found = secrets.phone_pattern.search(text) if secrets.phone_pattern else None
    if found:
        digits = re.sub(r"\D", "", found[0])
        return secrets.phone_owner[digits]
    if bare in secrets.short_phones:
        return f"the phone number of volunteer {secrets.short_phones[bare]}"
    owner = secrets.notes.get(_normal(text))
    return f"the notes of volunteer {owner}" if owner else ""


def _public_texts(problem: Problem) -> set[str]:
    """Every text of the workbook's public fields (titles, partners, names, skills...)
    and the toolkit's own words (headings, ``无`` for an empty section, weekdays): a note
    that says the same is public anyway."""
    records: dict[str, Sequence[object]] = {
        "activities": problem.activities, "themes": problem.themes,
        "rooms": problem.rooms, "volunteers": problem.volunteers, "roles": problem.roles}
    out = {_normal(word) for entry in CATALOGUE.values() for word in entry.values()}
    for source in filter(None, PUBLIC_FIELDS.values()):
        table, column = source.split(".")
        for record in records[table]:
            value = getattr(record, column)
            for text in value if isinstance(value, frozenset) else (value,):
                if isinstance(text, str):
                    out.add(_normal(text))
    return out


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _normal(text: str) -> str:
    """``text`` with runs of white space made one space and the ends trimmed, as a
    reader sees it."""
    return " ".join(text.split())
