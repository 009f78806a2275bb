"""Problems found in a workbook, reported all at once.

A coordinator fixing a spreadsheet wants every mistake in one pass, each pointing at a
cell, so validation collects :class:`Issue` objects instead of stopping at the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from .i18n import Message, Phrase, column_named, has, say, text

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One finding about a workbook cell, row, column or table.

    ``row`` is the spreadsheet row number as the user sees it (the header is row 1, the
    first data row is row 2); ``None`` when the finding is about a whole table or column.
    """

    table: str
    row: int | None
    column: str | None
    value: str
    expected: str
    severity: Severity = "error"
    #: ``expected`` as a message of the catalogue, to be read in Chinese too (None: it
    #: is said in English only).
    wording: Message | None = field(default=None, compare=False, repr=False)

    @classmethod
    def said(cls, table: str, row: int | None, column: str | None, value: str,
             wording: Message, severity: Severity = "error") -> Issue:
        """An issue whose expectation is a message (``expected`` is its English)."""
        return cls(table, row, column, value, wording.render("en"), severity, wording)

    def expectation(self, language: str = "en") -> str:
        """What was expected, in ``language`` ("zh" or "en")."""
        return self.expected if self.wording is None else self.wording.render(language)

    def render(self, language: str = "en") -> str:
        """The issue in one line in ``language``: how severe, where (table, row, column),
        what the cell held and what was expected; the command line prints warnings so in
        the workbook's language."""
        named = f"table_name.{self.table}"
        where = text(named, language) if has(named) else self.table
        if self.row is not None:
            where = text("issue.row", language, where=where, row=self.row)
        if self.column:
            where = text("issue.column", language, where=where,
                         column=column_named(self.column, self.table, language))
        got = "_got" if self.value != "" else ""
        return text(f"issue.{self.severity}{got}", language, where=where, value=self.value,
                    expected=self.expectation(language))

    def __str__(self) -> str:
        """The issue in English, as errors, logs and scripts read it."""
        return self.render("en")


class DataError(ValueError):
    """A workbook (or a plan's tables) that cannot be used; ``issues`` lists every error
    found, in file order. Its text is English; :meth:`render` says it in Chinese too,
    and ``language`` is the workbook's own, when its settings could be read."""

    def __init__(self, issues: list[Issue], subject: Message | None = None,
                 language: str | None = None) -> None:
        self.issues = [i for i in issues if i.severity == "error"]
        self.warnings = [i for i in issues if i.severity == "warning"]
        self.subject = subject or say("issue.the_workbook")
        self.language = language
        super().__init__(self.render("en"))

    def __reduce__(self) -> tuple[type[DataError], tuple[list[Issue], Message, str | None]]:
        """Rebuilt from its issues, not its text: a worker process hands it back whole."""
        return DataError, (self.issues + self.warnings, self.subject, self.language)

    @property
    def wording(self) -> CountedErrors:
        """The errors as a phrase, to be said later in a reader's language (a run of a
        sweep keeps it)."""
        return CountedErrors(self.subject, tuple(self.issues))

    def render(self, language: str = "en") -> str:
        """Every error, one a line, under a line that counts them, in ``language``."""
        return self.wording.render(language)


class _Renders(Protocol):
    def render(self, language: str = "en") -> str: ...


@dataclass(frozen=True, eq=False)
class CountedErrors(Phrase):
    """Errors of ``subject`` as :func:`counted_errors` says them, kept to be said in the
    language of whoever reads them: a workbook's, a scenario's, a sweep's run's."""

    subject: Message
    issues: tuple[_Renders, ...]

    def render(self, language: str = "en") -> str:
        return counted_errors(self.subject, self.issues, language)


def counted_errors(subject: Message, issues: Sequence[_Renders], language: str) -> str:
    """``issues`` one a line under a line that counts them as errors of ``subject`` (the
    workbook, a plan, a scenario), in ``language``."""
    count = len(issues)
    lines = [text("issue.one_error" if count == 1 else "issue.errors", language,
                  subject=subject.render(language), count=count)]
    lines += [f"  {issue.render(language)}" for issue in issues]
    return "\n".join(lines)
