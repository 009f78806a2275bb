"""Phrases as JSON values, so that a file keeps a sentence in every language.

A plan file outlives the run that wrote it and is exported later in whatever language the
reader asks for. Its English text alone would fix the language of every reason, so a
phrase is stored as what it is made of (a message's key and values, a listing's items,
a moment's time), nested phrases included, and read back into an equal phrase.
"""

from __future__ import annotations

from datetime import date, datetime
from numbers import Integral, Real

from .message import ChoiceWord, ColumnWord, Day, Listing, Message, Moment, Phrase, Span, say


def phrase_record(value: object) -> object:
    """``value`` as a JSON value: a phrase as an object whose first key names its kind,
    text and numbers as they are (NumPy numbers as Python ones, which JSON can hold).

    Raises ``TypeError`` for any other value: a template could not be filled from what
    the file would keep of it.
    """
    match value:
        case Message(key, values):
            return {"message": key, "values": {k: phrase_record(v) for k, v in values}}
        case Listing(items, joint, limit, people):
            return {"listing": [phrase_record(item) for item in items], "joint": joint,
                    "limit": limit, "people": people}
        case Day(day):
            return {"day": day.isoformat()}
        case Moment(at, end):
            return {"moment": at.isoformat(), "end": end}
        case Span(start, end):
            return {"span": [start.isoformat(), end.isoformat()]}
        case ColumnWord(name, table):
            return {"column": name, "table": table}
        case ChoiceWord(choice, family):
            return {"choice": choice, "family": family}
        case str() | bool() | None:
            return value
        case Integral():
            return int(value)
        case Real():
            return float(value)
    raise TypeError(f"a phrase cannot keep a value of type {type(value).__name__}")


def read_phrase(record: object) -> Phrase:
    """The phrase :func:`phrase_record` made ``record`` of.

    Raises ``KeyError`` for a message key the catalogue no longer has and ``ValueError``
    (or ``TypeError``) for anything that is not such a record.
    """
    phrase = _value(record)
    if not isinstance(phrase, Phrase):
        raise ValueError(f"not a stored phrase: {record!r}")
    return phrase


def _value(record: object) -> object:
    """A value of a message as stored: a phrase when it is an object, else itself."""
    if not isinstance(record, dict):
        return record
    if "message" in record:
        return say(record["message"], **{str(k): _value(v)
                                         for k, v in dict(record["values"]).items()})
    if "listing" in record:
        return Listing(tuple(_value(item) for item in record["listing"]), record["joint"],
                       record["limit"], bool(record.get("people", False)))
    if "day" in record:
        return Day(date.fromisoformat(record["day"]))
    if "moment" in record:
        return Moment(datetime.fromisoformat(record["moment"]), bool(record["end"]))
    if "span" in record:
        start, end = record["span"]
        return Span(datetime.fromisoformat(start), datetime.fromisoformat(end))
    if "column" in record:
        return ColumnWord(str(record["column"]), str(record["table"]))
    if "choice" in record:
        return ChoiceWord(str(record["choice"]), str(record["family"]))
    raise ValueError(f"not a stored phrase: {record!r}")
