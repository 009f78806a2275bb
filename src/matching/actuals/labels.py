"""Where the actuals find their words: the one catalogue (:mod:`matching.i18n`).

The template, the ledger, the certificates and the year-end report are read in the
workbook's language (``settings.language``). Their words are catalogue entries
(:mod:`matching.i18n.actuals`); a heading the plan exports already have (``team``,
``volunteer_id``) is the exports' word, so a column reads the same in the plan, the
ledger and the report. This module only says which entry a key of the tables is.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ..export.labels import label
from ..i18n import has, text

#: Values whose word the plans already have.
_SHARED_VALUES: Final = {"yes": "word.yes", "no": "word.no"}


def language_of(language: str) -> str:
    """``"zh"``, or ``"en"`` for any other language asked for."""
    return "zh" if language == "zh" else "en"


def say(key: str, language: str, /, **values: object) -> str:
    """The catalogue entry ``key`` in ``language`` (English unless ``"zh"``)."""
    return text(key, language_of(language), **values)


def heading(key: str, language: str) -> str:
    """A sheet's name or a column's heading: the ledger's word for ``key``, else the
    exports'; an unknown key is shown as itself."""
    entry = f"ledger.{key}"
    return say(entry, language) if has(entry) else label(key, language)


def _value_entry(key: str) -> str:
    return _SHARED_VALUES.get(key) or f"value.{key.replace('-', '_')}"


def value(key: str, language: str) -> str:
    """A value of ``held``, ``status`` or ``source`` (``no-show``) as typed and shown in
    ``language``."""
    return say(_value_entry(key), language)


def spellings(key: str) -> tuple[str, str]:
    """``key``'s value in Chinese and in English, both accepted when read back."""
    entry = _value_entry(key)
    return text(entry, "zh"), text(entry, "en")


def period(first: date, last: date, language: str) -> str:
    """``from 2024-03-04 to 2024-03-10`` or ``2024-03-04 至 2024-03-10``."""
    return say("period.range", language, first=first, last=last)
