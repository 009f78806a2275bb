"""The apps' labels in the language of the moment, from the one catalogue.

The center works in Chinese and its partners sometimes in English, so each label exists
in both (in :mod:`matching.i18n`, which the exports read too) and a switch changes the
app live. Keys are looked up strictly (a missing key is a ``KeyError``, which the tests
catch); data-driven names that may grow with the evaluator (rules, key figures, columns)
use :meth:`Translator.maybe` and fall back to the raw name.
"""

from __future__ import annotations

from ..i18n import CATALOGUE, LANGUAGES, Message, checked_language, has, labelled, text

__all__ = ["CATALOGUE", "LANGUAGES", "Translator"]


class Translator:
    """Labels in the current language; the app shares one, so switching is one
    assignment to :attr:`language` followed by a relabel of every panel."""

    def __init__(self, language: str = "zh") -> None:
        self.language = checked_language(language)

    def __call__(self, key: str, /, **values: object) -> str:
        return text(key, self.language, **values)

    def has(self, key: str) -> bool:
        return has(key)

    def named(self, word: Message, name: str) -> str:
        """``word`` with the ``name`` it stands for beside it (``容量（capacity）``), or the
        name alone where the word is the name itself (a column or a field in English): a
        coordinator reads the word and types the name."""
        return labelled(word.render(self.language), name, self.language)

    def maybe(self, key: str, default: str, /, **values: object) -> str:
        """The label of ``key``, or ``default`` for names the catalogue does not know."""
        return self(key, **values) if has(key) else default
