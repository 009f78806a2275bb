"""Reading the filled attendance template: the ``actuals`` and ``attendance`` tables of an
``.xlsx`` file or of a folder of CSV files.

The template is filled in Excel or WPS like any workbook, so it is read under the
workbook reader's rules (:mod:`matching.io.files`): cells as the user sees them, nothing
silently read as blank (a formula without a saved result, an Excel error, a merged
range), headers case-insensitive, CSVs in the encodings Excel and WPS write. That reader
only knows the workbook's own tables, so its sheet and file readers are called here for
these two; every other sheet (the README, the volunteer ids) is ignored.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd

from ..errors import DataError, Issue
from ..io.files import _frame_from_rows, _open_xlsx, _read_sheet, _table_key, decode_csv

#: The tables of a filled template, in the order they are checked and reported.
ACTUAL_TABLES = ("actuals", "attendance")


def read_actual_tables(path: str | os.PathLike[str]
                       ) -> tuple[dict[str, pd.DataFrame], list[Issue]]:
    """The ``actuals`` and ``attendance`` tables found at ``path`` (an ``.xlsx`` or a CSV
    folder) as DataFrames of strings indexed by spreadsheet row, and the file-level issues
    met reading them. A file with neither table is an error; one of them may be absent.

    Raises
    ------
    FileNotFoundError
        When nothing is at ``path``.
    DataError
        When ``path`` is neither an ``.xlsx`` file nor a folder, or cannot be opened.
    """
    source = Path(path)
    if not source.exists():
        raise FileNotFoundError(f"no actuals at {source}")
    if source.is_dir():
        tables, issues = _read_folder(source)
    elif source.suffix.lower() in (".xlsx", ".xlsm"):
        tables, issues = _read_xlsx(source)
    else:
        raise DataError([Issue("actuals", None, None, str(source),
                               "a filled attendance template (.xlsx) or a folder of CSV "
                               "files")], "the actuals")
    if not tables and not any(i.severity == "error" for i in issues):
        issues.append(Issue("actuals", None, None, source.name,
                            "a sheet or CSV file named 'actuals' or 'attendance'"))
    return tables, issues


def _read_xlsx(path: Path) -> tuple[dict[str, pd.DataFrame], list[Issue]]:
    tables: dict[str, pd.DataFrame] = {}
    issues: list[Issue] = []
    values = _open_xlsx(path, read_only=True)
    try:
        layout = _open_xlsx(path, read_only=False)
        found: dict[str, str] = {}
        for title in values.sheetnames:
            name = _table_key(title)
            if name not in ACTUAL_TABLES:
                continue
            if name in found:
                issues.append(Issue(name, None, None, f"{found[name]}, {title}",
                                    "one sheet for this table (delete or rename one)"))
                continue
            found[name] = title
            frame = _read_sheet(name, values[title], layout[title], issues)
            if frame is not None:
                tables[name] = frame
    finally:
        values.close()
    return tables, issues


def _read_folder(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Issue]]:
    tables: dict[str, pd.DataFrame] = {}
    issues: list[Issue] = []
    files = {_table_key(p.stem): p for p in sorted(folder.iterdir())
             if p.suffix.lower() == ".csv" and p.is_file()}
    for name in ACTUAL_TABLES:
        if name not in files:
            continue
        text = decode_csv(files[name].read_bytes())
        if text is None:
            issues.append(Issue(name, None, None, files[name].name,
                                "a text file encoded as UTF-8, UTF-16 or GB18030"))
            continue
        reader = csv.reader(io.StringIO(text))
        try:
            rows = list(reader)
        except csv.Error as exc:
            issues.append(Issue(name, reader.line_num, None, files[name].name,
                                f"a well-formed CSV line ({exc})"))
            continue
        frame = _frame_from_rows(name, rows, issues)
        if frame is not None:
            tables[name] = frame
    return tables, issues
