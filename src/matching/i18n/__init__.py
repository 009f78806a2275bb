"""Chinese and English for everything a reader sees, from one catalogue.

The center works in Chinese and its partners sometimes in English. Words (headings,
names of rules and key figures, values such as priorities) and sentence templates
(findings, reasons) live in :data:`CATALOGUE`, each in both languages. The apps
(:mod:`matching.ui`), the shared plans (:mod:`matching.export`), the sentences of the
evaluator and the explanations, and the ledger and the year-end report
(:mod:`matching.i18n.actuals`) all read it, so a word reads the same everywhere.
Nothing here imports the rest of the package.
"""

from .catalogue import (
    CATALOGUE,
    LANGUAGES,
    checked_language,
    column_key,
    column_named,
    first_said,
    has,
    html_lang,
    labelled,
    text,
)
from .message import (
    ChoiceWord,
    ColumnWord,
    Day,
    Listing,
    Message,
    Moment,
    Phrase,
    Span,
    clock,
    moment,
    say,
    shown,
    span,
)

__all__ = ["CATALOGUE", "LANGUAGES", "ChoiceWord", "ColumnWord", "Day", "Listing", "Message",
           "Moment", "Phrase", "Span", "checked_language", "clock", "column_key",
           "column_named", "first_said", "has", "html_lang", "labelled", "moment", "say",
           "shown", "span", "text"]
