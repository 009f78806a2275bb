"""Reading the filled attendance template: the ``actuals`` and ``attendance`` tables of an
``.xlsx`` file or of a folder of CSV files.

The template is filled in Excel or WPS like any workbook, so it is read under the
workbook reader's rules (:mod:`matching.io.files`): cells as the user sees them, nothing
silently read as blank (a formula without a saved result, an Excel error, a merged
range), headers case-insensitive, sheet and file names as forgiving, CSVs in the
encodings Excel and WPS write: it is simply asked for these two tables, and every other
sheet (the README, the volunteer ids) is ignored.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd

from ..errors import DataError, Issue
from ..i18n import say
from ..io.files import read_tables

#: The tables of a filled template, in the order they are checked and reported.
ACTUAL_TABLES = ("actuals", "attendance")


def read_actual_tables(path: str | os.PathLike[str]
                       ) -> tuple[dict[str, pd.DataFrame], list[Issue]]:
    """The ``actuals`` and ``attendance`` tables found at ``path`` (an ``.xlsx`` or a CSV
    folder) as DataFrames of strings indexed by spreadsheet row, and the file-level issues
    met reading them (by the workbook reader, which is told these two table names). A file
    with neither table is an error; one of them may be absent.

    Raises
    ------
    FileNotFoundError
        When nothing is at ``path`` (naming it, as ``open`` does: the command line then
        says what the ``--actuals`` argument should be, in its language).
    DataError
        When ``path`` is neither an ``.xlsx`` file nor a folder, or cannot be opened.
    """
    source = Path(path)
    if not source.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(source))
    if not source.is_dir() and source.suffix.lower() not in (".xlsx", ".xlsm"):
        raise DataError([Issue.said("actuals", None, None, str(source),
                                    say("actuals_valid.template_path"))],
                        say("issue.the_actuals"))
    tables, issues = read_tables(source, names=ACTUAL_TABLES)
    if not tables and not any(i.severity == "error" for i in issues):
        issues.append(Issue.said("actuals", None, None, source.name,
                                 say("actuals_valid.tables", first=ACTUAL_TABLES[0],
                                     second=ACTUAL_TABLES[1])))
    return tables, issues
