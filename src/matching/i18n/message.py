"""Sentences kept as a template key and values, rendered in a language when shown.

The evaluator and the explanations describe plans in full sentences. They make a
:class:`Message` instead of a string, so that one finding can be logged in English and
shown to a coordinator in Chinese. Values that read differently by language (times,
weekdays, lists, words of the catalogue, other messages) are :class:`Phrase` objects;
anything else (names from the workbook, numbers) is put into the template as it is, so a
template's format spec such as ``{hours:g}`` still applies.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from .catalogue import CATALOGUE, column_named, labelled, text


class Phrase(ABC):
    """Something a sentence shows that reads differently in each language."""

    @abstractmethod
    def render(self, language: str = "en") -> str: ...

    def __str__(self) -> str:
        """English, as logs and scripts read it (``f"{finding.wording}"``)."""
        return self.render("en")


def shown(value: object, language: str) -> object:
    """``value`` as a template receives it: phrases rendered, the rest untouched."""
    return value.render(language) if isinstance(value, Phrase) else value


@dataclass(frozen=True)
class Message(Phrase):
    """A catalogue entry and the values to fill in (made with :func:`say`)."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def render(self, language: str = "en") -> str:
        return text(self.key, language, **{k: shown(v, language) for k, v in self.values})


def say(key: str, /, **values: object) -> Message:
    """The message ``key`` with ``values``; an unknown key fails here, where it is made,
    not later where it is shown."""
    if key not in CATALOGUE:
        raise KeyError(key)
    return Message(key, tuple(values.items()))


def day_text(day: date, language: str) -> str:
    """``Tue 2023-03-07`` or ``2023-03-07 周二``."""
    return text("when.day", language, date=f"{day:%Y-%m-%d}",
                weekday=text(f"day.{day.weekday()}", language))


def clock(t: datetime, day: date) -> str:
    """Time of day of ``t`` as seen from ``day`` (the next midnight is 24:00)."""
    if t.date() > day and t.time() == time():
        return "24:00"
    return f"{t:%H:%M}"


def moment(t: datetime, language: str, *, end: bool = False) -> str:
    """``Tue 2023-03-07 14:00``; with ``end``, midnight reads as 24:00 of the day before."""
    if end and t.time() == time():
        return f"{day_text((t - timedelta(days=1)).date(), language)} 24:00"
    return f"{day_text(t.date(), language)} {t:%H:%M}"


def span(start: datetime, end: datetime, language: str) -> str:
    """``Tue 2023-03-07 14:00–15:30`` (the end's date only when it is another day)."""
    next_midnight = datetime.combine(start.date() + timedelta(days=1), time())
    if end.date() == start.date() or end == next_midnight:
        return f"{moment(start, language)}–{clock(end, start.date())}"
    return f"{moment(start, language)}–{end:%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class Day(Phrase):
    day: date

    def render(self, language: str = "en") -> str:
        return day_text(self.day, language)


@dataclass(frozen=True)
class Moment(Phrase):
    at: datetime
    end: bool = False

    def render(self, language: str = "en") -> str:
        return moment(self.at, language, end=self.end)


@dataclass(frozen=True)
class Span(Phrase):
    start: datetime
    end: datetime

    def render(self, language: str = "en") -> str:
        return span(self.start, self.end, language)


@dataclass(frozen=True)
class ColumnWord(Phrase):
    """A workbook column another cell's message names, as :func:`column_named` says it:
    ``开始（start）`` in Chinese."""

    name: str
    table: str = ""

    def render(self, language: str = "en") -> str:
        return column_named(self.name, self.table, language)


@dataclass(frozen=True)
class ChoiceWord(Phrase):
    """One of a cell's choices as a message lists it: with its word beside it in Chinese
    (``场地借用（booking）``, either is read), itself in English, whose words they are."""

    choice: str
    family: str

    def render(self, language: str = "en") -> str:
        if language == "en":
            return self.choice
        return labelled(text(f"{self.family}.{self.choice}", language), self.choice, language)


@dataclass(frozen=True)
class Listing(Phrase):
    """Items joined as the language joins them; past ``limit`` items, how many more
    (counted as people when ``people``: Chinese counts them with a word of their own)."""

    items: tuple[object, ...]
    joint: Literal["comma", "semicolon", "and", "or"] = "comma"
    limit: int | None = None
    people: bool = False

    def render(self, language: str = "en") -> str:
        first = [str(shown(item, language)) for item in self.items[:self.limit]]
        joined = text(f"list.{self.joint}", language).join(first)
        rest = len(self.items) - len(first)
        more = "list.more_people" if self.people else "list.more"
        return text(more, language, items=joined, count=rest) if rest > 0 else joined
