"""The catalogue: every word and sentence template, looked up by key and language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, TypeVar

from .actuals import ACTUALS
from .sentences import SENTENCES
from .words import WORDS

LANGUAGES: Final = ("zh", "en")
T = TypeVar("T")

#: key -> {"zh": ..., "en": ...}; a key is a family and a name (``col.title``).
CATALOGUE: Final[dict[str, dict[str, str]]] = {**WORDS, **SENTENCES, **ACTUALS}
assert len(CATALOGUE) == len(WORDS) + len(SENTENCES) + len(ACTUALS), \
    "a key of one part of the catalogue repeats another's"


def checked_language(language: str) -> str:
    """``language`` itself, one of :data:`LANGUAGES`; any other is a ``ValueError`` that
    names them, so ``language="fr"`` is refused where it is asked for instead of failing
    deep inside as a missing key or reading as English without a word."""
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r}: one of {', '.join(LANGUAGES)}")
    return language


def text(key: str, language: str, /, **values: object) -> str:
    """The entry ``key`` in ``language``, formatted with ``values``.

    Keys are looked up strictly: a missing key is a ``KeyError``, so that a typo fails a
    test instead of showing a raw key to a reader; a language the catalogue does not have
    is a ``ValueError`` (:func:`checked_language`).
    """
    template = CATALOGUE[key][checked_language(language)]
    return template.format(**values) if values else template


def has(key: str) -> bool:
    return key in CATALOGUE


def column_key(column: str, table: str = "") -> str | None:
    """The key of the word for a workbook column (of ``table``, where a name means two
    things in two tables), or None for a column the catalogue has no word for."""
    keys = (f"workbook_column.{table}.{column}", f"workbook_column.{column}",
            f"changes_column.{column}")
    return next((key for key in keys if key in CATALOGUE), None)


def labelled(word: str, name: str, language: str) -> str:
    """The ``word`` for a name with the ``name`` beside it (``容量（capacity）``), or the
    name alone where the word is the name itself (a column or a field in English): a
    coordinator reads the word and types the name."""
    if word == name:
        return name
    if word.endswith("）"):  # 时长（分钟，duration_minutes）, not 时长（分钟）（duration_minutes）
        return f"{word[:-1]}，{name}）"
    return text("piece.labelled", language, title=word, id=name)


def column_named(column: str, table: str, language: str) -> str:
    """A workbook column as a message names it: by its word and its name in Chinese
    (``时长（分钟，duration_minutes）``), by its name alone in English and where the
    catalogue has no word for it."""
    key = column_key(column, table)
    return column if key is None else labelled(text(key, language), column, language)


def first_said(items: Sequence[T], say: Callable[[T], str], language: str,
               shown: int = 5) -> list[str]:
    """``say`` of the first ``shown`` of ``items``, then how many more there are, in
    ``language``: a long list said whole buries the line after it."""
    more = len(items) - shown
    return [say(item) for item in items[:shown]] + (
        [text("summary.more_broken", language, count=more)] if more > 0 else [])


def html_lang(language: str) -> str:
    """The ``lang`` of a page in ``language`` (``zh-CN`` or ``en``): what a browser, a
    screen reader or a printer goes by to choose fonts and voice."""
    return "zh-CN" if language == "zh" else "en"
