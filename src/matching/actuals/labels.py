"""Where the actuals find their words: the one catalogue (:mod:`matching.i18n`).

The template, the ledger, the certificates and the year-end report are read in the
workbook's language (``settings.language``). Their words are catalogue entries
(:mod:`matching.i18n.actuals`); a heading the plan exports already have (``team``,
``volunteer_id``) is the exports' word, so a column reads the same in the plan, the
ledger and the report. This module only says which entry a key of the tables is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Final

import pandas as pd

from ..export.labels import label
from ..i18n import Message, has, text
from ..i18n import say as message
from ..problem.entities import Settings

#: Values whose word the plans already have.
_SHARED_VALUES: Final = {"yes": "word.yes", "no": "word.no"}


def say(key: str, language: str, /, **values: object) -> str:
    """The catalogue entry ``key`` in ``language``."""
    return text(key, language, **values)


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


def value_word(key: str) -> Message:
    """A value of ``held``, ``status`` or ``source`` as a message, for a sentence to say
    in its reader's language."""
    return message(_value_entry(key))


def spellings(key: str) -> tuple[str, str]:
    """``key``'s value in Chinese and in English, both accepted when read back."""
    entry = _value_entry(key)
    return text(entry, "zh"), text(entry, "en")


def period(first: date, last: date, language: str) -> str:
    """``from 2024-03-04 to 2024-03-10`` or ``2024-03-04 至 2024-03-10``."""
    return say("period.range", language, first=first, last=last)


def center(settings: Settings) -> str:
    """The center's name as certificates and reports sign it: the ``center`` setting,
    else the workbook's ``name`` up to the year it names ("和睦街道党群服务中心 2024年第四季度"
    signs 和睦街道党群服务中心): they give the period themselves, and would otherwise say
    "2024 2024 年四季度"."""
    if settings.center:
        return settings.center
    name = settings.name
    for year in _YEAR.finditer(name):
        head = name[:year.start()]
        # what parts a name from its period: spaces, dashes, an opening bracket, "·", ":"
        while head and unicodedata.category(head[-1]) in ("Zs", "Cc", "Pd", "Ps", "Po"):
            head = head[:-1]
        if head and _PERIOD_REST.fullmatch(name[year.end():]):
            return head
    return name


#: A year, from 1900 to 2099.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
#: What may follow a year in a name's period: words, a quarter or month of one or two
#: digits, another year (2023–2024 年度); no longer number (a phone's 2088 1234).
_PERIOD_REST = re.compile(r"(?:\D|(?<!\d)\d{1,2}(?!\d)|(?<!\d)(?:19|20)\d{2}(?!\d))*",
                          re.S)


def recorded(count: float | None) -> int | None:
    """A count of residents read from a table: None when nobody recorded it (None, or
    NaN once pandas has put it in a column of numbers)."""
    return None if count is None or pd.isna(count) else int(count)


def counts_shown(counts: Iterable[float | None], language: str) -> list[int | str]:
    """Counts of residents as a table shows them: a whole number, or "not recorded" for
    one nobody recorded, where 0 would say nobody came."""
    return [value("not_recorded", language) if n is None else n
            for n in map(recorded, counts)]
