"""Mutations of ``data/tiny`` for fuzzing the workbook reader.

A :class:`Mutant` is plain data saying what to write: the tables after edits (nasty cell
values, renamed, duplicated or dropped headers, rows and tables), then for a CSV folder
each file's encoding, line endings and damaged bytes, and for an ``.xlsx`` typed values,
formulas with or without a saved result, merged ranges and hidden sheets. Some mutants
also carry a :class:`Breakage`, a mistake the reader must reject whatever else was done.

:func:`outcome` loads a written mutant as ``matching check`` does; anything but a
workbook or a :class:`DataError` is a crash. Used by ``tests/test_fuzz_reader.py`` (a
small fixed budget) and ``benchmarks/fuzz.py`` (minutes of it).
"""

from __future__ import annotations

import copy
import csv
import io
import math
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from matching.errors import DataError
from matching.io import load_problem
from matching.summary import workbook_lines

Rows = list[list[str]]
TINY_DIR = Path(__file__).resolve().parents[1] / "data" / "tiny"
TINY: dict[str, Rows] = {
    path.stem: list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    for path in sorted(TINY_DIR.glob("*.csv"))
}

#: Cell values that have broken readers: blanks, huge and tiny numbers and dates, text a
#: spreadsheet takes for a formula or an error, control and invisible characters,
#: full-width digits, separators, and ids of other rows.
NASTY: tuple[str, ...] = (
    "", " ", "x" * 200_000, "9999-12-31", "9999-12-31 23:59", "0001-01-01", "1899-12-30",
    "-1", "0", "1e308", "-1e308", "NaN", "inf", "1" * 400, "0.5", "=1+1", "=A1", "#REF!",
    "\x00", "\x1b[0m", "a\rb", "a\nb", "\t", "\x7f", "１２", "０９:００", "２０２４-０３-０４",
    "24:00", "25:00", "23:59:59", "2024-02-30", "2024-03-04 24:00", "2024-03-04T09:00",
    "Mon;Tue", "holiday", "周一", "\ufeff", "\u200b", '"', ",", "；", "None", "🙂",
    "hall", "studio", "v1", "a1", "s1", "spring", "teach",
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030")
LINE_ENDS = ("\n", "\r\n", "\r")
DUPLICATE = None  # a Breakage value: append a copy of a row, its id included


@dataclass(frozen=True)
class Breakage:
    """A mistake the reader must reject: ``value`` put into ``column`` of the last row of
    ``table`` (``DUPLICATE``: a copy of a row appended; ``merge``: that cell merged with
    the one below)."""

    name: str
    table: str
    column: str
    value: str | None
    xlsx_only: bool = False
    merge: bool = False


BREAKAGES = (
    Breakage("duplicate activity_id", "activities", "activity_id", DUPLICATE),
    Breakage("duplicate room_id", "rooms", "room_id", DUPLICATE),
    Breakage("unknown room in fixed_room", "activities", "fixed_room", "nowhere"),
    Breakage("unknown volunteer in availability", "availability", "volunteer_id", "nobody"),
    Breakage("unknown activity in roles", "roles", "activity_id", "nothing"),
    Breakage("negative capacity", "rooms", "capacity", "-1"),
    Breakage("capacity 1e308", "rooms", "capacity", "1e308"),
    Breakage("role max of a million", "roles", "max", "1000000"),
    Breakage("capacity NaN", "rooms", "capacity", "NaN"),
    Breakage("duration 1e308", "activities", "duration_minutes", "1e308"),
    Breakage("earliest_start 9999-12-31", "activities", "earliest_start", "9999-12-31"),
    Breakage("open 25:00", "room_hours", "open", "25:00"),
    Breakage("formula without a saved result", "rooms", "capacity", "=20*2", xlsx_only=True),
    Breakage("Excel error value", "rooms", "name", "#REF!", xlsx_only=True),
    Breakage("merged room ids", "rooms", "room_id", "hall", xlsx_only=True, merge=True),
)


@dataclass(repr=False)
class Mutant:
    """What to write: ``tables`` maps a file or sheet name to its rows, header first.
    Shown as the list of what was done to ``data/tiny``."""

    tables: dict[str, Rows]
    xlsx: bool
    steps: list[str] = field(default_factory=list)
    #: CSV: file name -> (encoding, line end)
    encodings: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: (file name, or "" for the .xlsx; "flip"/"cut"/"insert"; position in 1/10000; bytes)
    damage: list[tuple[str, str, int, bytes]] = field(default_factory=list)
    typed: bool = False  # xlsx: numbers, dates and times as Excel stores typed ones
    merges: list[tuple[str, str]] = field(default_factory=list)  # (sheet, "A2:B3")
    hidden: list[str] = field(default_factory=list)
    #: (sheet, cell, saved result, type "n" or "str") for formulas
    results: list[tuple[str, str, str, str]] = field(default_factory=list)
    breakage: Breakage | None = None

    def __repr__(self) -> str:
        kind = "xlsx" if self.xlsx else "csv"
        return f"<{kind}: " + "; ".join(self.steps or ["unchanged"]) + ">"

    def write(self, folder: Path) -> Path:
        """The workbook written under ``folder``; its path."""
        return _write_xlsx(self, folder / "book.xlsx") if self.xlsx else _write_csv(self, folder)


def outcome(path: Path) -> str:
    """``loaded`` or ``rejected`` (a :class:`DataError` naming at least one error); any
    other exception propagates: it is a crash."""
    try:
        problem = load_problem(path)
    except DataError as exc:
        if not exc.issues:
            raise AssertionError("a DataError without an error") from exc
        return "rejected"
    workbook_lines(problem)  # what check prints
    return "loaded"


# -- strategies --------------------------------------------------------------------------


@st.composite
def mutants(draw: st.DrawFn, xlsx: bool | None = None, breakage: bool | None = None
            ) -> Mutant:
    """Mutants of ``data/tiny``: CSV folders or ``.xlsx`` files (``xlsx``), with or
    without a breakage (``breakage``; None for either)."""
    mutant = Mutant(copy.deepcopy(TINY), draw(st.booleans()) if xlsx is None else xlsx)
    for _ in range(draw(st.integers(0, 4))):
        mutant.steps.append(draw(st.sampled_from(EDITS))(draw, mutant.tables))
    if breakage is not False and (breakage or draw(st.booleans())):
        choices = [b for b in BREAKAGES if mutant.xlsx or not b.xlsx_only]
        chosen = draw(st.sampled_from(choices))
        if apply_breakage(chosen, mutant):
            mutant.breakage = chosen
    if mutant.xlsx:
        _draw_xlsx_options(draw, mutant)
    else:
        _draw_csv_options(draw, mutant)
    return mutant


def apply_breakage(breakage: Breakage, mutant: Mutant) -> bool:
    """Put ``breakage`` into the mutant's tables; False when its table, column or rows
    are gone (then there is nothing to break)."""
    rows = mutant.tables.get(breakage.table)
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if not rows or breakage.column not in header or len(rows) < 2:
        return False
    column = header.index(breakage.column)
    if breakage.value is DUPLICATE:
        named = [r for r in rows[1:] if len(r) > column and r[column].strip()]
        if not named:
            return False
        rows.append(list(named[0]))
    else:
        last = rows[-1]
        last.extend([""] * (column + 1 - len(last)))
        last[column] = breakage.value
        if breakage.merge:
            rows.append([""] * len(header))
            mutant.merges.append((breakage.table, f"{get_column_letter(column + 1)}"
                                  f"{len(rows) - 1}:{get_column_letter(column + 1)}{len(rows)}"))
    mutant.steps.append(f"breakage: {breakage.name}")
    return True


def _draw_csv_options(draw: st.DrawFn, mutant: Mutant) -> None:
    """Encodings and line endings; damaged bytes unless a breakage must stay intact."""
    for name in mutant.tables:
        if draw(st.integers(0, 3)) == 0:
            mutant.encodings[name] = (draw(st.sampled_from(ENCODINGS)),
                                      draw(st.sampled_from(LINE_ENDS)))
            mutant.steps.append(f"{name}: {mutant.encodings[name]}")
    if mutant.breakage is None and mutant.tables:
        for _ in range(draw(st.integers(0, 2))):
            target = draw(st.sampled_from(sorted(mutant.tables)))
            mutant.damage.append(_draw_damage(draw, target))
            mutant.steps.append(f"{target}: damage {mutant.damage[-1][1:]!r}")


def _draw_xlsx_options(draw: st.DrawFn, mutant: Mutant) -> None:
    """Typed values and hidden sheets; unless a breakage must stay intact (a merge could
    blank it, a saved result replace its formula), merged ranges, saved results of the
    formulas and damaged bytes."""
    mutant.typed = draw(st.booleans())
    names = sorted(mutant.tables)
    if names:
        mutant.hidden = draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
    if mutant.breakage is None and names:
        for _ in range(draw(st.integers(0, 2))):
            sheet = draw(st.sampled_from(names))
            rows = mutant.tables[sheet]
            top, left = draw(st.integers(1, max(len(rows), 1))), draw(st.integers(1, 6))
            bottom, right = top + draw(st.integers(0, 2)), left + draw(st.integers(0, 2))
            mutant.merges.append((sheet, f"{get_column_letter(left)}{top}:"
                                         f"{get_column_letter(right)}{bottom}"))
        formulas = [(sheet, f"{get_column_letter(c + 1)}{r + 1}")
                    for sheet in names for r, row in enumerate(mutant.tables[sheet])
                    for c, cell in enumerate(row) if cell.startswith("=")]
        for sheet, cell in draw(st.lists(st.sampled_from(formulas), unique=True)
                                if formulas else st.just([])):
            kind = draw(st.sampled_from(("n", "str")))
            result = draw(st.sampled_from(NASTY[:20]) if kind == "str" else
                          st.sampled_from(("0", "40", "-1", "1e308", "0.5")))
            mutant.results.append((sheet, cell, result, kind))
        if draw(st.integers(0, 4)) == 0:
            mutant.damage.append(_draw_damage(draw, ""))
    mutant.steps += [f"merge {s}!{r}" for s, r in mutant.merges]
    mutant.steps += [f"hidden {s}" for s in mutant.hidden]
    mutant.steps += [f"saved result {s}!{c} = {v!r} ({k})" for s, c, v, k in mutant.results]
    mutant.steps += [f"damage {d[1:]!r}" for d in mutant.damage]
    if mutant.typed:
        mutant.steps.append("typed values")


def _draw_damage(draw: st.DrawFn, target: str) -> tuple[str, str, int, bytes]:
    """A byte flipped, the file cut short or bytes inserted, somewhere in ``target``."""
    kind = draw(st.sampled_from(("flip", "cut", "insert")))
    data = draw(st.binary(min_size=1, max_size=8)) if kind != "cut" else b""
    return target, kind, draw(st.integers(0, 9999)), data


# -- edits of the tables ------------------------------------------------------------------

Edit = Callable[[st.DrawFn, dict[str, Rows]], str]


def _cell_values() -> st.SearchStrategy[str]:
    text = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
    return st.one_of(st.sampled_from(NASTY), text)


def _table(draw: st.DrawFn, tables: dict[str, Rows]) -> str | None:
    return draw(st.sampled_from(sorted(tables))) if tables else None


def set_cell(draw: st.DrawFn, tables: dict[str, Rows]) -> str:
    """A nasty value in any cell, the header's included, or one past the row's end."""
    name = _table(draw, tables)
    if name is None or not tables[name]:
        return "set_cell: nothing to set"
    rows = tables[name]
    index = draw(st.integers(0, len(rows) - 1))
    column = draw(st.integers(0, len(rows[index])))
    value = draw(_cell_values())
    rows[index].extend([""] * (column + 1 - len(rows[index])))
    rows[index][column] = value
    return f"{name}[{index}][{column}] = {value[:30]!r}"


def rename_header(draw: st.DrawFn, tables: dict[str, Rows]) -> str:
    """A header renamed: to another column's name (a column twice), upper case, blank
    or anything."""
    name = _table(draw, tables)
    if name is None or not tables[name] or not tables[name][0]:
        return "rename_header: no header"
    header = tables[name][0]
    column = draw(st.integers(0, len(header) - 1))
    new = draw(st.one_of(st.sampled_from(header), st.just(header[column].upper()),
                         st.sampled_from(("", " ID ", "ＩＤ")), _cell_values()))
    old, header[column] = header[column], new
    return f"{name}: header {old!r} -> {new[:30]!r}"


def drop_column(draw: st.DrawFn, tables: dict[str, Rows]) -> str:
    name = _table(draw, tables)
    if name is None or not tables[name] or not tables[name][0]:
        return "drop_column: no header"
    column = draw(st.integers(0, len(tables[name][0]) - 1))
    dropped = tables[name][0][column]
    for row in tables[name]:
        del row[column:column + 1]
    return f"{name}: drop column {dropped!r}"


def duplicate_row(draw: st.DrawFn, tables: dict[str, Rows]) -> str:
    name = _table(draw, tables)
    if name is None or not tables[name]:
        return "duplicate_row: no rows"
    rows = tables[name]
    index = draw(st.integers(0, len(rows) - 1))
    rows.insert(draw(st.integers(0, len(rows))), list(rows[index]))
    return f"{name}: duplicate row {index}"


def drop_row(draw: st.DrawFn, tables: dict[str, Rows]) -> str:
    name = _table(draw, tables)
    if name is None or not tables[name]:
        return "drop_row: no rows"
    index = draw(st.integers(0, len(tables[name]) - 1))
    del tables[name][index]
    return f"{name}: drop row {index}"


def blank_row(draw: st.DrawFn, tables: dict[str, Rows]) -> str:
    """A blank row anywhere: before the header it hides the header."""
    name = _table(draw, tables)
    if name is None:
        return "blank_row: no tables"
    index = draw(st.integers(0, len(tables[name])))
    tables[name].insert(index, [""] * draw(st.integers(0, 3)))
    return f"{name}: blank row at {index}"


def cut_row(draw: st.DrawFn, tables: dict[str, Rows]) -> str:
    """A row with fewer cells than the header (or the header with fewer columns)."""
    name = _table(draw, tables)
    if name is None or not tables[name]:
        return "cut_row: no rows"
    index = draw(st.integers(0, len(tables[name]) - 1))
    row = tables[name][index]
    del row[draw(st.integers(0, len(row))):]
    return f"{name}: row {index} cut to {len(row)} cells"


def drop_table(draw: st.DrawFn, tables: dict[str, Rows]) -> str:
    name = _table(draw, tables)
    if name is None:
        return "drop_table: no tables"
    del tables[name]
    return f"drop table {name}"


#: New names of a file or sheet: case, spacing, full width, a copy's suffix.
RENAMES: tuple[Callable[[str], str], ...] = (
    str.upper, str.title, lambda n: f" {n} ", lambda n: n.replace("_", " "),
    lambda n: n.replace("_", "-"), lambda n: n.translate(
        {c: c + 0xFEE0 for c in range(0x21, 0x7F)}), lambda n: f"{n}\u3000",
    lambda n: f"{n} (2)", lambda n: f"{n}_old",
)


def rename_table(draw: st.DrawFn, tables: dict[str, Rows]) -> str:
    """Rename a table's file or sheet, or (``copy``) add a second one under the new
    name."""
    name = _table(draw, tables)
    if name is None:
        return "rename_table: no tables"
    new = draw(st.sampled_from(RENAMES))(name)
    keep = draw(st.booleans())
    if new in tables:
        return f"rename_table: {new!r} taken"
    tables[new] = copy.deepcopy(tables[name]) if keep else tables.pop(name)
    return f"{'copy' if keep else 'rename'} table {name} -> {new!r}"


EDITS: tuple[Edit, ...] = (set_cell, set_cell, set_cell, rename_header, drop_column,
                           duplicate_row, drop_row, blank_row, cut_row, drop_table,
                           rename_table)


# -- writing -------------------------------------------------------------------------------


def _write_csv(mutant: Mutant, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in mutant.tables.items():
        encoding, line_end = mutant.encodings.get(name, ("utf-8", "\n"))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=line_end).writerows(rows)
        raw = buffer.getvalue().encode(encoding)
        for target, kind, position, data in mutant.damage:
            if target == name:
                raw = damaged(raw, kind, position, data)
        (folder / f"{name}.csv").write_bytes(raw)
    return folder


def damaged(raw: bytes, kind: str, position: int, data: bytes) -> bytes:
    """``raw`` with a byte flipped, cut off or ``data`` inserted at ``position``/10000
    of its length."""
    at = len(raw) * position // 10_000
    if kind == "cut":
        return raw[:at]
    if kind == "insert":
        return raw[:at] + data + raw[at:]
    if not raw:
        return raw
    at = min(at, len(raw) - 1)
    return raw[:at] + bytes([raw[at] ^ (data[0] or 1)]) + raw[at + 1:]


def _write_xlsx(mutant: Mutant, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    titles = {}
    for name, rows in mutant.tables.items():
        sheet = book.create_sheet(_sheet_title(name, set(titles.values())))
        titles[name] = sheet.title
        for row in rows:
            sheet.append([_excel_value(v, mutant.typed) for v in row])
    for name, cells in mutant.merges:
        book[titles[name]].merge_cells(cells)
    for name in mutant.hidden:
        book[titles[name]].sheet_state = "hidden"
    book.save(path)
    for name, cell, result, kind in mutant.results:
        save_result(path, titles[name], cell, result, kind)
    for _, kind, position, data in mutant.damage:
        path.write_bytes(damaged(path.read_bytes(), kind, position, data))
    return path


def _sheet_title(name: str, taken: set[str]) -> str:
    """``name`` as a sheet title Excel allows: at most 31 characters, none of ``[]:*?/\\``,
    unique regardless of case (openpyxl would add a digit)."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"
    title, copies = base, 0
    while title.lower() in {t.lower() for t in taken}:
        copies += 1
        title = f"{base[:28]}~{copies}"
    return title


def _excel_value(text: str, typed: bool) -> Any:
    """A cell as openpyxl stores it: ``=...`` becomes a formula and ``#REF!`` an error,
    as in Excel; characters an .xlsx cannot hold are dropped; ``typed``: numbers, dates
    and times as Excel stores what a user types."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if not typed:
        return text
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if math.isfinite(number) and text.strip():
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    for form in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, form)
        except ValueError:
            pass
    try:
        return time.fromisoformat(text) if re.fullmatch(r"\d\d:\d\d", text) else text
    except ValueError:
        return text


def save_result(path: Path, sheet: str, cell: str, result: str, kind: str = "n") -> None:
    """Store ``result`` as the saved result of the formula in ``cell``, as Excel does
    when it saves a file (``kind`` ``str`` for text, ``e`` for an error)."""
    book = openpyxl.load_workbook(path, read_only=True)
    index = book.sheetnames.index(sheet) + 1
    book.close()
    value = escape(result)
    rewrite_member(path, f"xl/worksheets/sheet{index}.xml", lambda xml: re.sub(
        rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/>',
        lambda m: f'<c r="{cell}"{m[1]} t="{kind}"><f>{m[2]}</f><v>{value}</v>',
        xml, count=1, flags=re.S))


def rewrite_member(path: Path, member: str, change: Callable[[str], str]) -> None:
    """Replace one XML part of the zip archive at ``path`` by ``change(its text)``."""
    copy_path = path.with_suffix(".rewriting")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy_path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = change(data.decode()).encode()
            target.writestr(info, data)
    shutil.move(copy_path, path)
