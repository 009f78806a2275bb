"""What every change has in common: issues that name the change, reading fields from a
scenario file, and small helpers to edit workbook tables.

Changes work on the workbook's *tables* (DataFrames of strings as typed), not on a
Problem, so that a changed workbook is validated, saved and shown like any other and a
scenario file reads like edits a coordinator would make by hand.
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar, Literal, TypeVar

import pandas as pd

from ..errors import CountedErrors
from ..i18n import (
    ColumnWord,
    Listing,
    Message,
    Phrase,
    column_key,
    has,
    labelled,
    say,
    shown,
    text,
)
from ..io.cells import CellError, format_moment, parse_date, parse_datetime, setting_key
from ..io.schema import TABLES
from ..io.tags import close_match

R = TypeVar("R")

#: Workbook tables by name, as :func:`matching.read_tables` returns them.
Tables = Mapping[str, pd.DataFrame]


def field_word(name: str) -> Message | None:
    """A change's field's word: its own (``scenario_field``), or that of the workbook
    column it writes, which every field that has none of its own is; None for a field
    of neither (``roles.min``)."""
    own = f"scenario_field.{name}"
    key = own if has(own) else column_key(name)
    return say(key) if key else None


@dataclass(frozen=True)
class ScenarioIssue:
    """One thing wrong with a scenario, said so that the analyst can find and fix it.

    ``index`` is the change's position in the scenario (1 = the first change) and
    ``kind`` its kind; both are None for problems of the file as a whole. A warning
    (``severity``) does not stop the scenario: it says what of a change does not hold as
    written, e.g. the part before a freeze, which keeps the past as it was. ``wording``
    is ``expected`` as a message of the catalogue, when there is one, to be read in
    Chinese too; ``source`` (a file, a table of the changed workbook) may be a phrase
    for the same reason.
    """

    expected: str
    index: int | None = None
    kind: str | None = None
    field: str | None = None
    value: str = ""
    source: str | Phrase = ""
    severity: Literal["error", "warning"] = "error"
    # dataclasses.field: in this class, the name field is the attribute above
    wording: Message | None = dataclasses.field(default=None, compare=False,
                                                repr=False)

    @classmethod
    def said(cls, expected: str | Message, index: int | None = None, kind: str | None = None,
             field: str | None = None, value: str = "", *, source: str | Phrase = "",
             severity: Literal["error", "warning"] = "error") -> ScenarioIssue:
        """An issue whose expectation is a message (``expected`` is its English); text
        is taken as it is, for a :class:`CellError` raised with text alone."""
        if isinstance(expected, str):
            return cls(expected, index, kind, field, value, source, severity)
        return cls(expected.render("en"), index, kind, field, value, source, severity,
                   expected)

    def __str__(self) -> str:
        """The issue in English, as errors, logs and scripts read it."""
        return self.render("en")

    def render(self, language: str = "en") -> str:
        """The issue in one line in ``language``, as a workbook's issue reads: how
        severe, where (the change and its field), what it held and what was expected;
        ``whatif`` prints a scenario's warnings so in the workbook's language."""
        where = self._where(language)
        got = "_got" if self.value != "" else ""
        # a warning is a statement of what happens, not an expectation of a value
        return text(f"issue.{self.severity}{got}", language, where=where, value=self.value,
                    expected=self.expectation(language))

    def _where(self, language: str) -> str:
        """The change (its position and kind, a kind by its word in Chinese) and the
        field the issue is about; the source (a file, a table of the changed workbook)
        as it is given."""
        if self.index is None and not self.kind:  # the file as a whole
            where = str(shown(self.source, language)) or text("word.scenario", language)
        else:
            kind = shown(word_of(f"change_kind.{self.kind}", self.kind) if self.kind
                         else say("scenario_issue.no_kind"), language)
            where = (text("scenario_issue.change", language, index=self.index, kind=kind)
                     if self.index is not None
                     else text("scenario_issue.kind", language, kind=kind))
            if self.source:
                where = text("scenario_issue.source", language,
                             source=shown(self.source, language), where=where)
        if self.field:  # by its word in Chinese, as the builder labels it
            word = field_word(self.field)
            named = (labelled(word.render(language), self.field, language) if word
                     else self.field)
            where = text("scenario_issue.field", language, where=where, field=named)
        return where

    def expectation(self, language: str = "en") -> str:
        """What was expected (or, for a warning, what happens), in ``language``."""
        return self.expected if self.wording is None else self.wording.render(language)


class ScenarioError(ValueError):
    """A scenario that cannot be used; ``issues`` lists every problem found. A file
    whose changes did not all read keeps those that did, by their position
    (``parsed``), so that they can still be checked against the workbook. Its text is
    English; :meth:`render` says it in Chinese too."""

    def __init__(self, issues: Sequence[ScenarioIssue],
                 parsed: Sequence[tuple[int, Change]] = ()) -> None:
        self.issues = list(issues)
        self.parsed = tuple(parsed)
        super().__init__(self.render("en"))

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[list[ScenarioIssue],
                                                             tuple[tuple[int, Change], ...]]]:
        """Rebuilt from its issues, not its text: a worker process hands it back whole."""
        return ScenarioError, (self.issues, self.parsed)

    @property
    def wording(self) -> CountedErrors:
        """The problems as a phrase, to be said later in a reader's language (a run of a
        sweep keeps it)."""
        return CountedErrors(say("issue.the_scenario"), tuple(self.issues))

    def render(self, language: str = "en") -> str:
        """Every problem, one a line, under the line a workbook's errors have, which
        counts them, in ``language``: ``whatif`` says them in the workbook's."""
        return self.wording.render(language)


# -- reading field values ---------------------------------------------------------------

def rows_field(value: Any, row_type: type[R], required: tuple[str, ...],
               from_text: Callable[[str], R], example: str) -> tuple[R, ...]:
    """A field holding table rows (a new activity's roles, a new room's hours): a YAML or
    JSON list of mappings, or ``;``-separated text like ``example`` as a widget gives it;
    built in Python, also a list or tuple of the rows themselves (``row_type``).
    """
    if isinstance(value, str):  # "；" and "：" typed by a Chinese input method read too
        value = unicodedata.normalize("NFKC", value)
        return tuple(from_text(part) for part in value.split(";") if part.strip())
    if isinstance(value, list | tuple):
        value = [dataclasses.asdict(v)  # type: ignore[call-overload]
                 if isinstance(v, row_type) else v for v in value]
    names = [f.name for f in dataclasses.fields(row_type)]  # type: ignore[arg-type]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CellError(say("scenario_valid.rows", names=Listing(tuple(names)),
                            example=example))
    optional = tuple(n for n in names if n not in required)
    keys = (say("scenario_valid.row_keys_optional", keys=Listing(required),
                optional=Listing(optional)) if optional
            else say("scenario_valid.row_keys", keys=Listing(required)))
    rows = []
    for item in value:
        if set(item) - set(names) or not set(required) <= set(item):
            raise CellError(keys)
        rows.append(row_type(**{k: as_text(v) for k, v in item.items()}))
    return tuple(rows)


def as_text(value: Any) -> str:
    """A field value as the text a workbook cell would hold (YAML and JSON give numbers,
    widgets give strings; both end up as cells)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise CellError(say("scenario_valid.text", booleans="true/false"))
    if isinstance(value, datetime):
        return format_moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | str):
        return str(value).strip()
    raise CellError(say("scenario_valid.single"))


def as_number(value: Any) -> float:
    if isinstance(value, bool):
        raise CellError(say("scenario_valid.number", booleans="true/false"))
    try:
        number = float(as_text(value))
    except ValueError:
        raise CellError(say("valid.number")) from None
    if not math.isfinite(number):
        raise CellError(say("scenario_valid.finite"))
    return number


def as_int(value: Any) -> int:
    number = as_number(value)
    if not number.is_integer():
        raise CellError(say("valid.whole"))
    return int(number)


#: How a file or widget value becomes a field, by the field's annotation. A field typed
#: ``str | None`` is None when left out (unchanged) and text when given (blank clears).
_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "str": as_text, "str | None": as_text, "float": as_number, "int": as_int,
}


@dataclass(frozen=True)
class Change:
    """One edit of a workbook. Subclasses are frozen dataclasses whose fields are the keys
    of the change in a scenario file, and set ``kind``.

    ``validate`` reports what would make ``apply`` meaningless (an unknown id, a date
    that does not parse, a period outside the horizon); cell values that only the
    workbook's own validation can judge are checked when the changed workbook is built,
    and those errors are traced back to the change too (see :class:`Scenario`).
    """

    kind: ClassVar[str] = ""

    def __post_init__(self) -> None:
        """A change built in Python takes what its scenario-file entry would hold and
        Python's own values too (a ``date`` or ``datetime`` for a moment, a number for a
        text field, a numeric string for a number), through the converters a file's
        values go through (:meth:`convert`): a value none of them reads raises
        :class:`ScenarioError` with its issue, as the file would. A field typed
        ``str | None`` left None stays unchanged."""
        issues: list[ScenarioIssue] = []
        for f in dataclasses.fields(self):
            # a type object where a module does without postponed annotations: by name
            annotation = f.type if isinstance(f.type, str) else getattr(
                f.type, "__name__", str(f.type))
            value = getattr(self, f.name)
            if value is None and annotation.endswith("| None"):
                continue
            try:
                converted = self.convert(f.name, value, annotation)
            except CellError as exc:
                issues.append(self.issue(None, exc.wording or str(exc), f.name, _shown(value)))
                continue
            object.__setattr__(self, f.name, converted)  # frozen: set once, here
        if issues:
            raise ScenarioError(issues)

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        """The workbook with this change made; ``tables`` is left as it was."""
        raise NotImplementedError

    def validate(self, tables: Tables, index: int | None = None) -> list[ScenarioIssue]:
        """Problems of this change against ``tables`` (the workbook it would change)."""
        raise NotImplementedError

    def wording(self) -> Message:
        """One line saying what the change does, as a message of the catalogue, to be
        shown in either language (the scenario builder lists changes so)."""
        raise NotImplementedError

    def describe(self) -> str:
        """One line saying what the change does, in English, for lists and sweep tables
        (scenario names made by :func:`~matching.scenario.grid` are made of it)."""
        return self.wording().render("en")

    def since(self, moment: datetime) -> tuple[Change | None, Message | None]:
        """This change as it holds from ``moment`` on, when a ``freeze`` makes what
        happened before it past: the past stays as the baseline had it, so a change
        dated earlier holds from ``moment`` only (None: nothing of it is left), and the
        message says what of it does not hold. Changes that are not dated hold whole."""
        return self, None

    def note(self, tables: Tables) -> Message | None:
        """What of this change does not hold on ``tables`` (the workbook as the changes
        before it left it) although it is valid, to be said as a warning; None when it
        holds whole."""
        return None

    # -- files -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The change as a scenario-file entry: ``kind`` first, unset fields left out."""
        out: dict[str, Any] = {"kind": self.kind}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is None or (value == "" and f.default == ""):
                continue
            out[f.name] = _plain(value)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], index: int | None = None) -> Change:
        """A change from its scenario-file entry; raises :class:`ScenarioError` naming
        each unknown, missing or mistyped field."""
        issues: list[ScenarioIssue] = []
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for key in data:
            if key != "kind" and key not in fields:
                issues.append(ScenarioIssue.said(
                    say("scenario_valid.field", fields=Listing(tuple(fields))), index,
                    cls.kind, str(key)))
        values: dict[str, Any] = {}
        for name, f in fields.items():
            if name not in data:
                required = (f.default is dataclasses.MISSING
                            and f.default_factory is dataclasses.MISSING)
                if required:
                    issues.append(ScenarioIssue.said(say("scenario_valid.required"), index,
                                                     cls.kind, name))
                continue
            try:
                values[name] = cls.convert(name, data[name], str(f.type))
            except CellError as exc:
                issues.append(ScenarioIssue.said(exc.wording or str(exc), index, cls.kind,
                                                 name, _shown(data[name])))
        if issues:
            raise ScenarioError(issues)
        return cls(**values)

    @classmethod
    def convert(cls, name: str, value: Any, annotation: str) -> Any:
        """The field's value from a file or widget value; raise :class:`CellError` saying
        what was expected. Subclasses with structured fields override this for them."""
        converter = _CONVERTERS.get(annotation)
        if converter is None:
            raise CellError(say("scenario_valid.value_for", name=name))
        return converter(value)

    # -- helpers for subclasses --------------------------------------------------------
    def issue(self, index: int | None, expected: str | Message, field: str | None = None,
              value: str = "") -> ScenarioIssue:
        return ScenarioIssue.said(expected, index, self.kind, field, value)


def _plain(value: Any) -> Any:
    """Field values as YAML/JSON-friendly data (tuples of records as lists of dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()
                if v is not None and v != ""}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)


def word_of(key: str, name: str) -> Message | str:
    """The catalogue's word ``key`` for a name a change holds (an objective term, a
    column; its English is the name itself), or the name itself when the catalogue has
    no word for it (a name the change's validation rejects)."""
    return say(key) if has(key) else name


# -- checking field values --------------------------------------------------------------

def check_moment(change: Change, index: int | None, field: str, text: str,
                 issues: list[ScenarioIssue], *, end_of_day: bool = False) -> datetime | None:
    """The date-time in ``text`` (a bare date as an end means the end of that day), or
    None after recording why it does not parse."""
    try:
        return parse_datetime(text, end_of_day=end_of_day)
    except CellError as exc:
        issues.append(change.issue(index, exc.wording or str(exc), field, text))
        return None


def check_period(change: Change, index: int | None, tables: Tables, start: str, end: str,
                 issues: list[ScenarioIssue]) -> tuple[datetime, datetime] | None:
    """``[start, end)`` of a change, checked to be a real period that touches the
    workbook's horizon (a change outside it would silently do nothing)."""
    first = check_moment(change, index, "start", start, issues)
    last = check_moment(change, index, "end", end, issues, end_of_day=True)
    if first is None or last is None:
        return None
    if last <= first:
        after = say("scenario_valid.end_after_start", start=ColumnWord("start"),
                    end=ColumnWord("end"))
        issues.append(change.issue(index, after, "end", end))
        return None
    horizon = horizon_of(tables)
    if horizon and (last <= horizon[0] or first >= horizon[1]):
        issues.append(change.issue(
            index, say("scenario_valid.period_in_horizon", first=f"{horizon[0]:%Y-%m-%d}",
                       last=f"{horizon[1] - timedelta(days=1):%Y-%m-%d}"), "start", start))
        return None
    return first, last


def period_since(start: str, end: str, moment: datetime) -> tuple[str | None, Message | None]:
    """For :meth:`Change.since` of a change holding over ``[start, end)`` (as
    :func:`check_period` reads them): the start it keeps from ``moment`` on (``start``
    itself, or ``moment`` with a message saying so), or None when it ends by then."""
    if parse_datetime(start) >= moment:
        return start, None
    frozen = format_moment(moment)
    if parse_datetime(end, end_of_day=True) <= moment:
        return None, say("freeze.void", start=start, moment=frozen)
    return frozen, say("freeze.cut", start=start, moment=frozen, since=frozen)


def check_known(change: Change, index: int | None, field: str, value: str,
                known: Iterable[str], what: Message, issues: list[ScenarioIssue],
                named: Mapping[str, str] | None = None, near: bool = False) -> bool:
    """Whether ``value`` is one of ``known`` (recording an issue that lists the first 12
    if not). ``named`` gives the id of each name (:func:`ids_by_name`): a value that is a
    name gets the workbook's "did you mean" with its id, as people name a volunteer or a
    room. With ``near``, a value close to one (a name of a few words with one of them
    typed wrong, ``杭电青年志原者``) gets it as its "did you mean"; not for ids, of which
    another so close is another room or activity."""
    options = sorted(set(known))
    if value in options:
        return True
    meant = (named or {}).get(value) or (close_match(value, options) if near else None)
    hint = say("valid.did_you_mean", tag=meant) if meant else ""
    listed = ("scenario_valid.known_none" if not options else "scenario_valid.known_more"
              if len(options) > 12 else "scenario_valid.known")
    issues.append(change.issue(index, say(listed, what=what, listed=Listing(tuple(options[:12])),
                                          hint=hint), field, value))
    return False


def check_id(change: Change, index: int | None, field: str, value: str, tables: Tables,
             table: str, issues: list[ScenarioIssue], what: Message | None = None) -> bool:
    """Whether ``value`` is an id of ``table`` (recording an issue if not, which suggests
    the id of the row ``value`` is the name of)."""
    column = TABLES[table].required_columns[0]
    listed = say("valid.listed", table=word_of(f"table_name.{table}", table), hint="")
    return check_known(change, index, field, value, column_values(tables, table, column),
                       what or listed, issues, ids_by_name(tables, table, column))


def ids_by_name(tables: Tables, table: str, column: str) -> dict[str, str]:
    """The id (in ``column``) of each name of ``table`` that only one row has."""
    frame = tables.get(table)
    if frame is None or not {column, "name"} <= set(frame.columns):
        return {}
    pairs = [(str(name).strip(), str(id_).strip())
             for name, id_ in zip(frame["name"].fillna(""), frame[column].fillna(""),
                                  strict=True)]
    counts = Counter(name for name, _ in pairs)
    return {name: id_ for name, id_ in pairs if name and id_ and counts[name] == 1}


def horizon_of(tables: Tables) -> tuple[datetime, datetime] | None:
    """``[first day 00:00, day after the last 00:00)`` of the workbook, if it parses."""
    values = setting_values(tables)
    try:
        first = parse_date(values.get("horizon_start", ""))
        last = parse_date(values.get("horizon_end", ""))
    except CellError:
        return None
    return (datetime.combine(first, time()),
            datetime.combine(last + timedelta(days=1), time()))


def setting_values(tables: Tables) -> dict[str, str]:
    frame = tables.get("settings")
    if frame is None or not {"key", "value"} <= set(frame.columns):
        return {}
    return {setting_key(str(k)): str(v).strip()
            for k, v in zip(frame["key"], frame["value"], strict=True)}


def column_values(tables: Tables, table: str, column: str) -> list[str]:
    """The stripped, non-blank cells of one column (empty when the table or column is
    absent)."""
    frame = tables.get(table)
    if frame is None or column not in frame.columns:
        return []
    return [t for t in (str(v).strip() for v in frame[column].fillna("")) if t]


# -- editing tables ---------------------------------------------------------------------

def append_rows(tables: dict[str, pd.DataFrame], name: str,
                rows: Sequence[Mapping[str, str]]) -> None:
    """Add ``rows`` to table ``name`` (creating it with the contract's columns if absent),
    numbered on from the table's last row so that errors point at them."""
    frame = tables.get(name)
    if frame is None:
        frame = pd.DataFrame(columns=list(TABLES[name].columns), dtype=object)
        frame.index = pd.Index([], dtype="int64", name="row")
    columns = list(frame.columns) + [c for r in rows for c in r if c not in frame.columns]
    columns = list(dict.fromkeys(columns))
    start = int(max(frame.index, default=1)) + 1
    added = pd.DataFrame([[r.get(c, "") for c in columns] for r in rows], columns=columns,
                         index=pd.Index(range(start, start + len(rows)), name="row"),
                         dtype=object)
    base = frame.reindex(columns=columns, fill_value="").astype(object)
    tables[name] = pd.concat([base, added]) if len(base) else added


def drop_rows(tables: dict[str, pd.DataFrame], name: str, mask: pd.Series) -> None:
    frame = tables.get(name)
    if frame is not None:
        tables[name] = frame.loc[~mask.to_numpy()]


def matches(tables: Tables, name: str, column: str, values: Iterable[str]) -> pd.Series:
    """Rows of table ``name`` whose ``column`` is one of ``values`` (all False when the
    table or column is absent)."""
    frame = tables.get(name)
    if frame is None:
        return pd.Series([], dtype=bool)
    if column not in frame.columns:
        return pd.Series(False, index=frame.index)
    wanted = set(values)
    return frame[column].fillna("").astype(str).str.strip().isin(wanted)


def day_pieces(start: datetime, end: datetime) -> list[tuple[date, str, str]]:
    """``[start, end)`` cut at midnights into ``(date, HH:MM, HH:MM)`` pieces, the last
    ending at ``24:00`` when it runs to midnight: the shape of date rows in
    ``availability``."""
    pieces = []
    day = start.date()
    while datetime.combine(day, time()) < end:
        lo = max(start, datetime.combine(day, time()))
        hi = min(end, datetime.combine(day + timedelta(days=1), time()))
        if hi > lo:
            closes = "24:00" if hi.time() == time() else f"{hi:%H:%M}"
            pieces.append((day, f"{lo:%H:%M}", closes))
        day += timedelta(days=1)
    return pieces
