"""matching: plan a community center's activities, rooms and volunteers with CP-SAT."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import DataError, Issue
from .io import load_problem, read_tables, save_workbook, write_tables
from .problem import Problem

try:
    __version__ = version("matching")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

__all__ = [
    "DataError",
    "Issue",
    "Problem",
    "__version__",
    "load_problem",
    "read_tables",
    "save_workbook",
    "write_tables",
]
