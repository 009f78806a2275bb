"""Reading and writing workbook files: a folder of CSVs or one ``.xlsx``.

Tables come back as DataFrames of strings exactly as the user typed them (headers
lower-cased), so that writing them again loses nothing. An ``.xlsx`` is replaced
atomically; a CSV folder is written to a temporary folder first and each file then
replaced atomically, so a failed write leaves every old file as it was.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import errno
import io
import itertools
import math
import os
import re
import tempfile
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Collection, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import openpyxl
import pandas as pd
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

from ..errors import DataError, Issue
from ..i18n import Listing, Message, has, say, text
from ..rules import VOLUNTEER_COLUMNS
from .cells import format_moment, minutes_text, plain
from .outputs import atomic_save, keep_text, writing_to
from .schema import TABLES

ENCODINGS = ("utf-8-sig", "gb18030")
NUMERIC_COLUMNS = frozenset({
    "capacity", "turnaround_minutes", "weight", "duration_minutes", "expected_attendance",
    "min", "target", "max", "no_show_rate", *(column.name for column in VOLUNTEER_COLUMNS),
})
#: What may separate the cells of a CSV file: the comma, the semicolon Excel writes in
#: the many locales whose decimal mark is a comma, and the tab of its "Unicode text".
DELIMITERS = (",", ";", "\t")
#: How far down a sheet or file the header is looked for when row 1 is not it (a title
#: row above it, say), to tell the user where it is instead of a flood of errors.
HEADER_ROWS = 10
#: A column name of a table outside the workbook's contract (the attendance template's).
_COLUMN_NAME = re.compile(r"[a-z][a-z0-9_]*")
#: How alike (difflib's ratio) an unread file or sheet name and a missing table's must be
#: for the error to name it: ``Room`` and ``rooms`` are 0.89, ``roles`` and ``rooms`` 0.6.
CLOSE_NAME = 0.8
#: How many hidden rows of a table a warning lists before it counts the rest.
HIDDEN_ROWS_LISTED = 5
#: Spreadsheets the reader cannot open but the program that made them saves as ``.xlsx``:
#: old Excel (``.xls``, also what many systems export), Excel's binary format, WPS's own
#: (``.et``) and OpenDocument. Told how to, the user is one "Save As" away.
SAVE_AS_XLSX = frozenset({".xls", ".xlsb", ".et", ".ods"})
#: How many unread files or sheets the error of a missing table lists.
UNREAD_LISTED = 8
#: How many columns without a name get an error each; more are one error, for the run.
UNNAMED_LISTED = 5


#: Told of each table as it is read: its name and its rows.
TableRead = Callable[[str, pd.DataFrame], None]


def read_tables(path: str | os.PathLike[str], on_table: TableRead | None = None, *,
                names: Collection[str] = TABLES
                ) -> tuple[dict[str, pd.DataFrame], list[Issue]]:
    """All workbook tables found at ``path`` and the file-level issues met reading them.

    Tables whose file or sheet is absent are simply missing from the result; whether that
    is allowed is decided by validation. ``on_table(name, frame)`` is called as each table
    is read, ``settings`` first, for progress on large workbooks (said in the language
    the settings ask for). ``names`` are the tables to look for (the
    workbook's by default; a filled attendance template has others).
    """
    source = Path(path)
    if not source.exists():  # with its path, which the command line names as its argument
        raise FileNotFoundError(errno.ENOENT, "no workbook", str(source))
    report = on_table or (lambda _name, _frame: None)
    if source.is_dir():
        return _read_csv_folder(source, report, names)
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        with warnings.catch_warnings():  # openpyxl's notes on odd cells, said twice (it
            # reads the file twice): the cells they are about are errors of their own
            warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")
            return _read_xlsx(source, report, names)
    wording = say("valid.save_as_xlsx" if source.suffix.lower() in SAVE_AS_XLSX
                  else "valid.workbook_path")
    raise DataError([Issue.said("workbook", None, None, str(source), wording)])


def _read_csv_folder(folder: Path, report: TableRead, names: Collection[str]
                     ) -> tuple[dict[str, pd.DataFrame], list[Issue]]:
    tables: dict[str, pd.DataFrame] = {}
    issues: list[Issue] = []
    paths = {p.name: p for p in sorted(folder.iterdir())
             if p.suffix.lower() == ".csv" and p.is_file()}
    stems = {name: path.stem for name, path in paths.items()}
    found = _table_names(stems, "file", issues, names)
    unread = _unread(stems, names, found)
    # other files are never read, but a missing table may be in one (rooms.txt, as Excel
    # names its "Unicode text"); only CSV files are taken for copies of a table
    others = {p.name: p.name for p in sorted(folder.iterdir())
              if p.suffix.lower() != ".csv" and p.is_file()}
    misnamed = _misnamed(found, {**unread, **_unread(others, names, found)}, "file", names)
    issues += _copies(found, unread, "file", names) + misnamed
    starts = {shown: _csv_start(paths[shown]) for shown in unread}
    issues += _with_columns_of(found, lambda shown, table: _csv_rows(starts[shown], table),
                               unread, "file", names, {i.table for i in misnamed})
    files = {table: paths[name] for table, name in found.items()}
    for name in names:
        if name not in files:
            continue
        text = decode_csv(files[name].read_bytes())
        if text is None:
            issues.append(Issue.said(name, None, None, files[name].name,
                                     say("valid.encoding")))
            continue
        reader = csv.reader(io.StringIO(text), delimiter=_delimiter(name, text))
        try:
            rows = list(reader)
        except csv.Error as exc:  # a cell over csv's field limit, a stray NUL byte
            issues.append(Issue.said(name, reader.line_num, None, files[name].name,
                                     say("valid.csv_line", detail=str(exc))))
            continue
        frame = _frame_from_rows(name, rows, issues)
        if frame is not None:
            tables[name] = frame
            report(name, frame)
    return tables, issues


def _delimiter(name: str, text: str) -> str:
    """The delimiter of a CSV file holding table ``name``: the one that splits a row among
    the first :data:`HEADER_ROWS` into the most of the table's column names, if it finds
    at least two; else the comma, which also wins a tie. Excel writes semicolons in many
    locales and tabs as "Unicode text", and reading such a file by commas would report
    every column missing; a header decides, so a cell holding ``;`` or a tab never does."""
    def most_named(delimiter: str) -> int:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            rows = list(itertools.islice(reader, HEADER_ROWS))
        except csv.Error:  # a cell over csv's field limit, a NUL byte: reported on reading
            return 0
        return max((_columns_named(name, row) for row in rows), default=0)

    named = {delimiter: most_named(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=named.__getitem__)
    return best if named[best] >= 2 else ","


def _header_cell(text: str) -> str:
    """A column name as typed in a header cell: case, width, surrounding spaces and
    invisible characters (a byte-order mark, a zero-width space) do not matter.

    A Chinese input method left in full-width mode types ``ｒｏｏｍ＿ｉｄ``, which looks
    like ``room_id`` to anyone reading the sheet; NFKC makes it ASCII, as it does for a
    sheet's name (:func:`_table_key`) and for tags and choices (:func:`cells.tag_key`).
    Read as typed, the column would be missing and every reference to its table wrong.
    """
    return unicodedata.normalize("NFKC", plain(text)).lower()


def _columns_named(name: str, row: list[str]) -> int:
    """How many cells of ``row`` name a column of table ``name`` (for a table outside the
    workbook's contract, such as the attendance template's: cells that look like column
    names)."""
    heads = {_header_cell(cell) for cell in row}
    spec = TABLES.get(name)
    if spec is not None:
        return len(heads & set(spec.columns))
    return sum(1 for head in heads if _COLUMN_NAME.fullmatch(head))


def decode_csv(raw: bytes) -> str | None:
    """The text of a CSV file as Excel, WPS or Numbers save it, with its line endings
    made ``\n`` (old Mac Excel ends lines with a bare CR), or None when it is no text.

    A byte-order mark names the encoding; UTF-16 without one shows itself by a NUL in
    every other byte of ASCII text; otherwise UTF-8, then GB18030 (what Excel and WPS
    write as "CSV" on a Chinese Windows). Short Chinese text in GB18030 can happen to be
    valid UTF-8 (缺席 reads as ȱϯ): when every non-ASCII character of the UTF-8 reading
    lies in the blocks such misreadings produce (Latin Extended-B to Arabic, never
    accented Latin letters) and the GB18030 reading is all Chinese, GB18030 wins.
    """
    encodings: tuple[str, ...] = ENCODINGS
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif len(raw) >= 2 and raw[:64:2].count(0) > len(raw[:64]) // 4:
        encodings = ("utf-16-be",)
    elif len(raw) >= 2 and raw[1:64:2].count(0) > len(raw[:64]) // 4:
        encodings = ("utf-16-le",)
    texts = []
    for encoding in encodings:
        try:
            texts.append(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not texts:
        return None
    text = texts[0]
    if len(texts) == 2 and not raw.startswith(codecs.BOM_UTF8) and _misread_chinese(*texts):
        text = texts[1]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _misread_chinese(as_utf8: str, as_gb18030: str) -> bool:
    """Whether GB18030 bytes were read as UTF-8: the UTF-8 reading's foreign characters
    all come from two-byte blocks past Latin-1 and the GB18030 reading is Chinese."""
    foreign = [c for c in as_utf8 if ord(c) > 127]
    chinese = [c for c in as_gb18030 if ord(c) > 127]
    return bool(foreign) and all("\u0180" <= c <= "\u07ff" for c in foreign) and all(
        "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in chinese)


def _table_names(candidates: Mapping[str, str], kind: str, issues: list[Issue],
                 names: Collection[str]) -> dict[str, str]:
    """Which file or sheet holds each table, from ``{shown name: name without suffix}``.

    Case and surrounding spaces never matter (``Rooms``). A name that matches only once
    full-width letters are made ASCII and inner spaces or hyphens underscores
    (``ｒｏｏｍｓ``, ``Room Hours``) is read with a warning, so the user learns the proper
    name; two candidates for one table are an error, as reading one would silently drop
    the other.
    """
    found: dict[str, str] = {}
    for shown, name in candidates.items():
        table = _table_key(name)
        if table not in names:
            continue
        if table in found:
            twice = say("valid.one_sheet") if kind == "sheet" else say("valid.one_file")
            issues.append(Issue.said(table, None, None, f"{found[table]}, {shown}", twice))
            continue
        found[table] = shown
    # a table's Chinese name only where its own name is not there: 活动 beside
    # activities is a sheet of notes
    for shown, name in candidates.items():
        labelled = _labelled(name, names)
        if labelled is not None and labelled not in found:
            found[labelled] = shown
    for table, shown in found.items():
        if candidates[shown].strip().lower() != table:
            named = (say("valid.named_sheet", table=table) if kind == "sheet"
                     else say("valid.named_file", table=table))
            issues.append(Issue.said(table, None, None, shown, named, "warning"))
    return found


def _labelled(name: str, names: Collection[str]) -> str | None:
    """The table of ``names`` whose Chinese name in the catalogue a file or sheet name
    is, the toolkit's own word for it (``岗位需求`` for ``roles``; ``闭馆停用`` for
    ``闭馆/停用``, as a sheet name cannot hold a slash), if any."""
    labels = {_table_key(text(f"table_name.{table}", "zh")).replace("/", ""): table
              for table in names if has(f"table_name.{table}")}
    return labels.get(_table_key(name).replace("/", ""))


def _table_key(name: str) -> str:
    """The table a file or sheet name means: NFKC turns full-width letters, digits and
    the ideographic space into ASCII ones."""
    return re.sub(r"[\s-]+", "_", unicodedata.normalize("NFKC", name).strip().casefold())


def _unread(candidates: Mapping[str, str], names: Collection[str],
            found: Mapping[str, str]) -> dict[str, str]:
    """The files or sheets of ``candidates`` that no table is read from, as
    ``{shown name: name}``. One whose name is a table's is read, or is a second one for
    that table, an error already; the lock file Excel keeps beside a file it has open
    (``~$rooms.csv``) and hidden files (macOS's ``._rooms.csv``) are nobody's work."""
    read = set(found.values())
    return {shown: name for shown, name in candidates.items()
            if shown not in read and _table_key(name) not in names
            and not shown.startswith((".", "~$"))}


def _holds(key: str, word: str) -> bool:
    """Whether the table key of a name holds ``word`` apart from other letters:
    ``copy_of_rooms`` and ``rooms_(2)`` hold ``rooms``, ``classrooms`` does not."""
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", key) is not None


def _held_table(key: str, names: Collection[str]) -> str | None:
    """The table whose name a file or sheet name holds (the longest, so that
    ``room_hours (2)`` is a copy of ``room_hours``, not of ``rooms``), if any."""
    return max((table for table in names if _holds(key, table)), key=len, default=None)


def _likeness(key: str, table: str) -> float:
    """How alike a file or sheet name and a table's name are, as difflib measures it."""
    return difflib.SequenceMatcher(None, key, table).ratio()


def _resembled(key: str, names: Collection[str]) -> str | None:
    """The table a file or sheet name looks like, if any: the one whose name it holds;
    else, of those whose singular it holds (``Room``, ``Activity``, ``room list``) or whose
    name is close to it (``volunters``), the most alike."""
    def singular(table: str) -> str:
        return table[:-3] + "y" if table.endswith("ies") else table.removesuffix("s")

    close = [table for table in names
             if _holds(key, singular(table)) or _likeness(key, table) >= CLOSE_NAME]
    return _held_table(key, names) or max(close, key=lambda table: _likeness(key, table),
                                          default=None)


def _copies(found: Mapping[str, str], unread: Mapping[str, str], kind: str,
            names: Collection[str]) -> list[Issue]:
    """A warning naming each unread file or sheet that holds the name of a table read from
    another (``activities (2)``, Excel's name for a copied sheet; ``Copy of
    activities.csv``): its rows would otherwise vanish from the plan without a word. Not
    an error, so that a workbook that loaded before still loads."""
    issues = []
    for shown, name in unread.items():
        table = _held_table(_table_key(name), names)
        if table is not None and table in found:
            read = found[table]
            wording = (say("valid.copied_sheet", read=read) if kind == "sheet"
                       else say("valid.copied_file", read=read))
            issues.append(Issue.said(table, None, None, shown, wording, "warning"))
    return issues


def _misnamed(found: Mapping[str, str], unread: Mapping[str, str], kind: str,
              names: Collection[str]) -> list[Issue]:
    """For each table not found, the unread file or sheet that looks most like it
    (``Room`` for ``rooms``, ``rooms.txt``), which is likely the table under another name:
    without it the user reads only that the table is missing. An error beside validation's
    for a required table (errors are shown without warnings); a warning for an optional
    one, which may well be absent. A required table no name is close to, while some went
    unread, gets the error of :func:`_unread_listed` instead of validation's."""
    issues = []
    for table in (table for table in names if table not in found):
        spec = TABLES.get(table)
        required = spec is not None and spec.required
        alike = [shown for shown, name in unread.items()
                 if _resembled(_table_key(name), names) == table]
        if not alike:
            if required and unread:
                issues.append(_unread_listed(table, unread, kind, names))
            continue
        shown = max(alike, key=lambda shown: _likeness(_table_key(unread[shown]), table))
        issues.append(Issue.said(
            table, None, None, shown,
            say("valid.misnamed_sheet", table=table) if kind == "sheet"
            else say("valid.misnamed_file", name=f"{table}.csv"),
            "error" if required else "warning"))
    return issues


def _with_columns_of(found: Mapping[str, str], rows_of: Callable[[str, str], list[list[str]]],
                     unread: Collection[str], kind: str, names: Collection[str],
                     told: Collection[str]) -> list[Issue]:
    """A warning for each table not found (nor named by :func:`_misnamed`, ``told``) whose
    header heads an unread file or sheet (``rows_of(shown, table)``: its first rows as
    read for that table), its required columns and no other table's: an optional table
    under a name of the coordinator's own (``Closed days``, ``闭馆``) went unread without
    a word, and the plan used the closed room."""
    issues = []
    for table in (table for table in names if table not in found and table not in told):
        spec = TABLES.get(table)
        if spec is None:
            continue
        holding = [shown for shown in unread if any(
            set(spec.required_columns) <= {_header_cell(c) for c in row if c.strip()}
            <= set(spec.columns) for row in rows_of(shown, table))]
        if holding:
            issues.append(Issue.said(
                table, None, None, holding[0],
                say("valid.columns_of_sheet", table=table) if kind == "sheet"
                else say("valid.columns_of_file", name=f"{table}.csv"), "warning"))
    return issues


def _first_rows(sheet: Any) -> list[list[str]]:
    """The first :data:`HEADER_ROWS` rows of ``sheet`` as text (none of a chart sheet)."""
    if not hasattr(sheet, "iter_rows"):
        return []
    return [["" if c is None else str(c) for c in row]
            for row in sheet.iter_rows(max_row=HEADER_ROWS, values_only=True)]


def _csv_start(path: Path) -> str:
    """The start of the CSV file at ``path`` as text: enough for its header."""
    try:
        with open(path, "rb") as file:
            return decode_csv(file.read(65536)) or ""
    except OSError:  # open elsewhere, or not ours to read: it is not read anyway
        return ""


def _csv_rows(text: str, table: str) -> list[list[str]]:
    """The first :data:`HEADER_ROWS` rows of CSV ``text`` split as a file of ``table``
    would be (:func:`_delimiter`)."""
    try:
        return list(itertools.islice(csv.reader(io.StringIO(text),
                                                delimiter=_delimiter(table, text)),
                                     HEADER_ROWS))
    except csv.Error:
        return []


def _unread_listed(table: str, unread: Mapping[str, str], kind: str,
                   names: Collection[str]) -> Issue:
    """The error of a missing required table, listing the files or sheets that went
    unread and the names tables are read from: a sheet renamed into another language
    (``活动``) is like no table's name, and "a table named 'activities'" alone does not
    say that the sheet is there but misnamed. It stands for validation's error."""
    listed = Listing(tuple(unread), limit=UNREAD_LISTED)
    if kind == "sheet":
        wording = say("valid.unread_sheets", name=table, unread=listed,
                      tables=Listing(tuple(names)))
    else:
        wording = say("valid.unread_files", name=f"{table}.csv", unread=listed,
                      tables=Listing(tuple(f"{name}.csv" for name in names)))
    return Issue.said(table, None, None, "", wording)


def _read_xlsx(path: Path, report: TableRead, names: Collection[str]
               ) -> tuple[dict[str, pd.DataFrame], list[Issue]]:
    tables: dict[str, pd.DataFrame] = {}
    issues: list[Issue] = []
    values = _open_xlsx(path, read_only=True)
    try:
        layout = _open_xlsx(path, read_only=False)
        titles = {title: title for title in values.sheetnames}
        found = _table_names(titles, "sheet", issues, names)
        unread = _unread(titles, names, found)
        misnamed = _misnamed(found, unread, "sheet", names)
        issues += _copies(found, unread, "sheet", names) + misnamed
        issues += _with_columns_of(found, lambda shown, _: _first_rows(values[shown]), unread,
                                   "sheet", names, {i.table for i in misnamed})
        for name in sorted(found, key=list(names).index):  # settings first, as in a folder
            title = found[name]
            frame = _read_sheet(name, values[title], layout[title], issues)
            if frame is not None:
                tables[name] = frame
                report(name, frame)
    finally:
        values.close()
    return tables, issues


def _read_sheet(name: str, sheet: Any, layout: Any, issues: list[Issue]) -> pd.DataFrame | None:
    """One table from its read-only ``sheet``, checked against ``layout`` (the same sheet
    loaded in full) for cells whose saved value is not what Excel shows."""
    sheet.reset_dimensions()  # a wrong <dimension> (some writers) would cut rows off
    cells = [list(row) for row in sheet.iter_rows()]
    frame = _frame_from_rows(name, [[_cell_text(c) for c in row] for row in cells], issues)
    if sheet.sheet_state != "visible":
        issues.append(Issue.said(name, None, None, sheet.title, say("valid.hidden_sheet"),
                                 "warning"))
    if frame is not None:
        issues += _hidden_rows(name, layout, frame.index)
        issues += _hidden_columns(name, layout, frame)
    found = _unsaved_values(name, cells, layout, [] if frame is None else list(frame.columns))
    if frame is not None:
        _drop_cells_under_a_merged_header(name, cells, layout, len(frame.columns), issues)
    issues += found
    return frame


def _drop_cells_under_a_merged_header(name: str, cells: list[list[Any]], sheet: Any,
                                      width: int, issues: list[Issue]) -> None:
    """A header cell merged with the ones right of it hides their names, and the header
    ends before them: the rows' cells under the merge are that merge's (one error names
    it), not each row's "at most N cells". A row with a cell further right keeps its."""
    merged = max((m.max_col for m in sheet.merged_cells.ranges
                  if m.min_row == 1 and m.min_col <= width < m.max_col), default=0)
    if not merged:
        return

    def under(issue: Issue) -> bool:
        if not (issue.table == name and issue.row and issue.wording is not None
                and issue.wording.key == "valid.cells_at_most"):
            return False
        row = cells[issue.row - 1] if issue.row <= len(cells) else []
        return not any(_cell_text(cell) for cell in row[merged:])

    issues[:] = [issue for issue in issues if not under(issue)]


def _hidden_rows(name: str, sheet: Any, rows: Collection[int]) -> list[Issue]:
    """A warning naming the table's ``rows`` that ``sheet`` (loaded in full) hides, as a
    filter or a collapsed group does: like a hidden sheet's, they are planned all the same,
    and nobody looking at the sheet sees them."""
    hidden = {number for number, row in sheet.row_dimensions.items() if row.hidden}
    numbers = tuple(int(number) for number in rows if number in hidden)
    if not numbers:
        return []
    listed = Listing(numbers, limit=HIDDEN_ROWS_LISTED)
    return [Issue.said(name, None, None, sheet.title, say("valid.hidden_rows", rows=listed),
                       "warning")]


def _hidden_columns(name: str, sheet: Any, frame: pd.DataFrame) -> list[Issue]:
    """A warning naming the columns of the table that ``sheet`` (loaded in full) hides
    and that hold a value: a fixed room typed in a hidden column plans the activity there
    as any other, and nobody looking at the sheet sees why."""
    hidden: set[int] = set()
    for letter, dimension in sheet.column_dimensions.items():
        if dimension.hidden:
            first = dimension.min or column_index_from_string(letter)
            hidden.update(range(first, (dimension.max or first) + 1))
    # by position: a column named twice (an error of its own) is two columns here
    columns = tuple(column for position, column in enumerate(frame.columns, start=1)
                    if position in hidden and column
                    and (frame.iloc[:, position - 1] != "").any())
    if not columns:
        return []
    return [Issue.said(name, None, None, sheet.title,
                       say("valid.hidden_columns", columns=Listing(columns)), "warning")]


def _open_xlsx(path: Path, *, read_only: bool) -> Any:
    """The workbook read-only with the values Excel last saved (streamed, fast), or in
    full with its formulas and merged ranges, which read-only mode does not load."""
    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=read_only)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        wording = _not_a_workbook(path) or say("valid.readable_xlsx", detail=str(exc))
        raise DataError([Issue.said("workbook", None, None, path.name, wording)]) from None


#: The first bytes of an OLE compound file: an old Excel file (``.xls``), and also an
#: ``.xlsx`` locked with a password, which Excel and WPS encrypt into one.
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")


def _not_a_workbook(path: Path) -> Message | None:
    """What the file at ``path`` is when it is no zip archive, which every ``.xlsx`` is:
    empty, an old or locked Excel file, text (a CSV file renamed), or a damaged file (one
    cut short keeps only the start of its archive); or a whole archive that holds no
    workbook (a ``.zip`` renamed); None for a workbook's archive or a file that cannot be
    read, of which only openpyxl's error says what is wrong. Without this the user reads
    "File is not a zip file", about a zip archive they never made, or "There is no item
    named '[Content_Types].xml' in the archive"."""
    if zipfile.is_zipfile(path):
        return None if _holds_workbook(path) else say("valid.xlsx_archive")
    try:
        raw = path.read_bytes()
    except OSError:  # no permission to read it, say
        return None
    if not raw:
        return say("valid.xlsx_empty")
    if raw.startswith(_OLE):
        return say("valid.xlsx_old_or_locked")
    if not raw.startswith(b"PK") and decode_csv(raw) is not None:
        return say("valid.xlsx_text")
    return say("valid.xlsx_damaged")


def _holds_workbook(path: Path) -> bool:
    """Whether the zip archive at ``path`` has the parts every workbook has: the list of
    its content types and a workbook part (true too when it cannot be listed, which only
    openpyxl's error can say more of)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name.lower() for name in archive.namelist()]
    except Exception:  # a damaged directory raises many kinds: openpyxl's error says more
        return True
    return "[content_types].xml" in names and any(name.endswith("workbook.xml")
                                                   for name in names)


def _unsaved_values(name: str, cells: list[list[Any]], sheet: Any, header: list[str]
                    ) -> list[Issue]:
    """Cells of a table whose saved value is not what the user sees in Excel: formulas
    without a saved result (files written by programs), Excel errors such as ``#REF!``,
    and merged ranges, whose value only the top-left cell holds. Each would otherwise be
    read as a blank (a limit silently becoming "no limit") or as text. Cells right of the
    header's last column are not read, so they are not checked."""
    width = len(header) or max(map(len, cells), default=0)

    def column(number: int) -> str:
        named = number <= len(header) and header[number - 1]
        return header[number - 1] if named else get_column_letter(number)

    issues = []
    for number, row in enumerate(cells, start=1):
        for position, cell in enumerate(row[:width], start=1):
            found = _unsaved_value(cell, sheet, number, position)
            if found:
                issues.append(Issue.said(name, number, column(position), *found))
            hidden = _hidden_time(cell)
            if hidden:
                issues.append(Issue.said(name, number, column(position), _cell_text(cell),
                                         hidden, "warning"))
    # a merge in the header row may hide the name of a column past the last one read
    header_row = next((n for n, row in enumerate(cells, start=1)
                       if any(_cell_text(c) for c in row)), 0)
    wide = max(map(len, cells), default=0)
    for merged in sorted(sheet.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
        row = cells[merged.min_row - 1] if merged.min_row <= len(cells) else []
        top = _cell_text(row[merged.min_col - 1]) if merged.min_col <= len(row) else ""
        if top and _hides_table_cells(merged.bounds,
                                      wide if merged.min_row == header_row else width):
            issues.append(Issue.said(name, merged.min_row, column(merged.min_col), top,
                                     say("valid.merged", cells=merged.coord)))
    return issues


def _unsaved_value(cell: Any, sheet: Any, row: int, column: int
                   ) -> tuple[str, Message] | None:
    """(value, expected) when the read-only ``cell`` does not hold what Excel shows at
    (row, column): an error value, or nothing where ``sheet`` (the full workbook) has a
    formula. A formula whose saved result is empty text has data type ``str``; a cell
    absent from the file (``EMPTY_CELL``) is not looked up, which would create it."""
    where = f"{get_column_letter(column)}{row}"
    if cell.data_type == "e":
        return str(cell.value), say("valid.excel_error", cell=where)
    if cell.value is None and cell.data_type != "str" and cell is not EMPTY_CELL:
        formula = sheet.cell(row, column)
        if formula.data_type == "f":
            return (str(getattr(formula.value, "text", formula.value)),
                    say("valid.unsaved_formula", cell=where))
    return None


def _hidden_time(cell: Any) -> Message | None:
    """What to say of a date-time whose format shows its date alone (``yyyy-mm-dd``
    over 2023-03-01 09:00): it is read with the time the user does not see, an end
    at 09:00 where the screen says the whole day."""
    value = cell.value
    if not isinstance(value, datetime) or value.time() == time():
        return None
    letters = _format_letters(cell)
    if "h" in letters or not re.search("[yd]", letters) or _shows_weekday(letters):
        return None
    return say("valid.hidden_time", shown=value.strftime("%Y-%m-%d"),
               time=value.strftime("%H:%M"))


def _format_letters(cell: Any) -> str:
    """The letters of the cell's number format, lower case, without those of
    [DBNum1], [$-804] or quoted text ("时"); elapsed hours ([h]) are kept."""
    shown = str(getattr(cell, "number_format", "")).lower()
    return re.sub(r'\[(?![hms]+\])[^\]]*\]|"[^"]*"', "", shown)


def _shows_weekday(letters: str) -> bool:
    """Whether a format of ``letters`` shows a date as its weekday alone (ddd, aaaa)."""
    return re.fullmatch(r"[^a-z]*(ddd+|aaa+)[^a-z]*", letters) is not None


def _hides_table_cells(bounds: tuple[int, int, int, int], width: int) -> bool:
    """Whether a merged range (min_col, min_row, max_col, max_row) covers cells of the
    table's first ``width`` columns besides its top-left one."""
    min_col, min_row, max_col, max_row = bounds
    return min_col <= width and (max_row > min_row or min_col < min(max_col, width))


#: Excel's serial 0 (a time of day has no date) and serial 2, as openpyxl reads them:
#: a value between them in a cell formatted as a time alone is a time of 24 h or more.
_EXCEL_DAY_ZERO: Final = datetime(1899, 12, 31)
_EXCEL_DAY_TWO: Final = datetime(1900, 1, 2)


def _cell_text(cell: Any) -> str:
    """The text a user sees in a cell: dates as ``YYYY-MM-DD``, times as ``HH:MM``, a
    date shown as its weekday alone as that weekday (``Tue``), numbers to the 15
    significant digits Excel shows."""
    value = cell.value
    if value is None:
        return ""
    letters = _format_letters(cell)
    if isinstance(value, int | float | datetime) and not isinstance(value, bool) and \
            _shows_weekday(letters):
        # a date shown as its weekday alone (ddd, or aaaa, which openpyxl does not take
        # for a date): "Tue" on the screen is every Tuesday in a day column, not the one
        # date under it
        weekday = _weekday(cell)
        if weekday:
            return weekday
    if isinstance(value, datetime):
        if value < _EXCEL_DAY_TWO and "h" in letters and not re.search("[yd]", letters):
            # 24:00 typed in an h:mm cell: Excel keeps one day (1.0), openpyxl reads the
            # first of January 1900; it is a time of 24 hours or more, not that date
            return _hours_and_minutes(value - _EXCEL_DAY_ZERO)
        has_time = "h" in letters or value.time() != time()
        return (format_moment(value) if has_time else value.strftime("%Y-%m-%d"))
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):  # Excel turns a typed 24:00 into a duration
        return _hours_and_minutes(value)
    if isinstance(value, float) and math.isfinite(value):
        # as Excel shows it, to 15 significant digits: a formula's 60.00000000000001 is
        # the 60 the user sees, not "not a whole number"; 18 digits end in zeros
        shown_value = Decimal(f"{value:.15g}")
        return "0" if shown_value.is_zero() else format(shown_value, "f")
    return str(value).strip()


def _weekday(cell: Any) -> str | None:
    """``Tue``: the weekday of a date cell, or of a number in a cell formatted as a date
    (by the workbook's date system, 1900 or 1904); None for a number that is no date."""
    if isinstance(cell.value, datetime):
        return cell.value.strftime("%a")
    book = getattr(getattr(cell, "parent", None), "parent", None)
    try:
        return from_excel(cell.value, getattr(book, "epoch", CALENDAR_WINDOWS_1900)
                          ).strftime("%a")
    except (OverflowError, ValueError):  # a phone number formatted as a weekday
        return None


def _hours_and_minutes(length: timedelta) -> str:
    """``24:00`` for a day: a time of 24 hours or more as the cell shows it."""
    return minutes_text(round(length.total_seconds() / 60))


def _header_at(name: str, numbered: list[tuple[int, list[str]]]) -> int | None:
    """Which of the non-blank ``(row number, cells)`` is the table's header: the first
    within :data:`HEADER_ROWS` rows that names every required column of the table; None
    when none does (or the table is not the workbook's, whose columns are not known)."""
    spec = TABLES.get(name)
    if spec is None:
        return None
    required = set(spec.required_columns)
    for at, (number, row) in enumerate(numbered):
        if number > HEADER_ROWS:
            break
        if required <= {_header_cell(cell) for cell in row}:
            return at
    return None


def _frame_from_rows(name: str, rows: list[list[str]], issues: list[Issue]
                     ) -> pd.DataFrame | None:
    """A table of strings from raw rows; fully blank rows and trailing blank columns go.

    The header must be row 1. When it is further down (under a title row, or blank
    rows), that is an error saying on which row it was found, and the table is read
    from there, so that the rows under it are checked and referred to as usual rather
    than each reported for the misplaced header."""
    rows = [[c.strip() for c in row] for row in rows]
    numbered = [(i + 1, row) for i, row in enumerate(rows) if any(row)]
    at = _header_at(name, numbered) if numbered else None
    if at is None and (not numbered or numbered[0][0] != 1):
        issues.append(Issue.said(name, 1, None, "", say("valid.header_row")))
        return None
    at = at or 0
    if numbered[at][0] != 1:
        above = next((cell for cell in rows[0] if cell), "")
        issues.append(Issue.said(name, 1, None, above,
                                 say("valid.header_first", row=numbered[at][0])))
    header = [_header_cell(h) for h in numbered[at][1]]
    while header and not header[-1]:
        header.pop()
    seen: set[str] = set()
    # a margin left of the table (it starts in column B): one error saying so, not one
    # for each column without a name
    lead = min((next((i for i, cell in enumerate(row) if cell), len(row))
                for _, row in numbered[at:]), default=0)
    if 0 < lead < len(header):
        issues.append(Issue.said(name, 1, None, "", say(
            "valid.margin_columns", column=get_column_letter(lead + 1))))
    unnamed = [position for position, column in enumerate(header, start=1)
               if not column and position > lead]
    if len(unnamed) > UNNAMED_LISTED:  # a stray cell far to the right (XFD1): one error
        issues.append(Issue.said(name, 1, f"#{unnamed[0]}", "", say(
            "valid.columns_unnamed", count=len(unnamed), last=f"#{unnamed[-1]}")))
    for position, column in enumerate(header, start=1):
        if not column and position > lead and len(unnamed) <= UNNAMED_LISTED:
            issues.append(Issue.said(name, 1, f"#{position}", "", say("valid.column_name")))
        elif column and column in seen:
            issues.append(Issue.said(name, 1, column, column, say("valid.column_once")))
        seen.add(column)
    width = len(header)
    data: list[list[str]] = []
    index: list[int] = []
    for number, row in numbered[at + 1:]:
        extra = [c for c in row[width:] if c]
        if extra:
            issues.append(Issue.said(name, number, None, extra[0],
                                     say("valid.cells_at_most", count=width)))
        if _one_cell_by_full_width_commas(row, width):
            issues.append(Issue.said(name, number, None, row[0], say("valid.full_width_commas")))
        data.append((row + [""] * width)[:width])
        index.append(number)
    frame = pd.DataFrame(data, columns=header, index=index, dtype=object)
    frame.index.name = "row"
    return frame


def _one_cell_by_full_width_commas(row: list[str], width: int) -> bool:
    """Whether a row typed with the full-width ``，`` of Chinese input methods between its
    cells landed whole in its first cell: each of its cells would otherwise be reported
    as missing or wrong, and none would say why."""
    return (width >= 3 and bool(row) and not any(row[1:])
            and row[0].count("，") >= width // 2)


# -- writing ---------------------------------------------------------------------------

def write_tables(tables: Mapping[str, pd.DataFrame], path: str | os.PathLike[str]) -> Path:
    """Write tables as a CSV folder (UTF-8 with BOM, which Excel opens correctly) or, for
    a path ending in ``.xlsx``, as sheets of one workbook (an existing file keeps its
    other sheets). Nothing is replaced until everything has been written."""
    target = Path(path)
    if target.suffix.lower() in (".xlsx", ".xlsm"):
        _write_xlsx(tables, target)
    else:
        with writing_to(target):  # a read-only disk is said as for any output
            _write_csv_folder(tables, target)
    return target


def _write_csv_folder(tables: Mapping[str, pd.DataFrame], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".writing-") as tmp:
        for name, frame in tables.items():
            with open(Path(tmp) / f"{name}.csv", "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow(list(frame.columns))
                writer.writerows(_cells(frame).itertuples(index=False, name=None))
        for name in tables:
            os.replace(Path(tmp) / f"{name}.csv", folder / f"{name}.csv")


def _write_xlsx(tables: Mapping[str, pd.DataFrame], path: Path) -> None:
    if path.exists():
        book = openpyxl.load_workbook(path)
    else:
        book = openpyxl.Workbook()
        book.remove(book.active)
    for name, frame in tables.items():
        position = None
        for existing in book.sheetnames:
            if existing.strip().lower() == name:
                position = book.sheetnames.index(existing)
                book.remove(book[existing])
        sheet = book.create_sheet(name, position)
        sheet.append(list(frame.columns))
        for values in _cells(frame).itertuples(index=False, name=None):
            sheet.append([_excel_value(col, v) for col, v in zip(frame.columns, values,
                                                                  strict=True)])
        for cell in sheet[1]:
            cell.font = openpyxl.styles.Font(bold=True)
        sheet.freeze_panes = "A2"
    keep_text(book)  # text typed as "=..." or "#N/A" stays text
    atomic_save(path, book.save)


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text, a missing value (NaN, NA, None) as an empty cell."""
    return frame.astype(object).where(frame.notna(), "").astype(str)


def _excel_value(column: str, text: str) -> Any:
    """Numbers stay numbers in numeric columns; everything else is text, never a formula."""
    if column in NUMERIC_COLUMNS and text:
        with contextlib.suppress(ValueError):
            number = float(text)
            return int(number) if number.is_integer() else number
    return text
