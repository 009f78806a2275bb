"""Words shown to readers of shared plans, in the workbook's language (English or Chinese).

Exports are read by staff and volunteers who never see the code, so column keys become
headings, and rule names, key figures and values such as priorities become words, in
the language the workbook's ``language`` setting names. The words come from the one
catalogue (:mod:`matching.i18n`) that the planner app reads too; this module finds the
word for a key as the export tables name it (``title``, ``by_day``, ``horizon``).
"""

from __future__ import annotations

from typing import Final

from ..i18n import has, text

#: Where a bare key of the exports is looked up, in this order (no key is in two).
FAMILIES: Final = ("col", "page", "about", "word")


def label(key: str, language: str) -> str:
    """The heading for ``key`` in ``language`` (``"zh"`` or ``"en"``);
    an unknown key is shown as itself, so a new column is never lost."""
    for family in FAMILIES:
        if has(f"{family}.{key}"):
            return text(f"{family}.{key}", language)
    return key


def named(family: str, key: str, language: str) -> str:
    """The word for ``key`` of ``family`` (a priority, a kind, a key figure...), or the
    key itself for names the catalogue does not know yet (a new key figure). A key
    figure of one part (``seats_short.<role>``) is its figure's word and the part."""
    entry = f"{family}.{key}"
    if has(entry):
        return text(entry, language)
    whole, _, part = key.partition(".")
    if part and family == "measure" and has(f"measure.{whole}"):
        return text("measure_of.part", language,
                    measure=text(f"measure.{whole}", language), part=part)
    return key


def rule_name(constraint: str, language: str) -> str:
    """A hard rule's or an objective term's name in ``language``."""
    family = "term" if has(f"term.{constraint}") else "rule"
    return named(family, constraint, language)


def broken_rules_warning(count: int, language: str) -> str:
    """The warning every shared copy of a plan that breaks hard rules carries, so that
    nobody acts on it unawares; empty when it breaks none."""
    if count == 0:
        return ""
    key = "about.broken_rule" if count == 1 else "about.broken_rules"
    return text(key, language, count=count)


def weekday(number: int, language: str) -> str:
    """The short name of weekday ``number`` (0 = Monday)."""
    return text(f"day.{number}", language)
