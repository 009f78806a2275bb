"""Workbooks in and out: CSV folders and ``.xlsx`` files, validated into a Problem."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..errors import DataError, Issue
from ..problem.model import Problem
from .build import build_problem, fingerprint
from .files import read_tables, write_tables
from .outputs import GENERATOR, HTML_GENERATOR, atomic_save
from .planfile import (
    Mismatch,
    PlanFile,
    PlanFileError,
    PlanMismatchError,
    load_plan,
    read_plan_file,
    save_plan,
)
from .plantables import plan_from_tables, plan_to_tables
from .schema import PERSONAL_COLUMNS, TABLES, TableSpec

__all__ = [
    "GENERATOR",
    "HTML_GENERATOR",
    "PERSONAL_COLUMNS",
    "TABLES",
    "DataError",
    "Issue",
    "Mismatch",
    "PlanFile",
    "PlanFileError",
    "PlanMismatchError",
    "TableSpec",
    "atomic_save",
    "build_problem",
    "fingerprint",
    "load_plan",
    "load_problem",
    "plan_from_tables",
    "plan_to_tables",
    "read_plan_file",
    "read_tables",
    "save_plan",
    "save_workbook",
    "write_tables",
]


def load_problem(path: str | os.PathLike[str]) -> Problem:
    """Read and validate the workbook at ``path`` (a CSV folder or an ``.xlsx``).

    Raises :class:`DataError` listing every error found.
    """
    return build_problem(*read_tables(path))


def save_workbook(tables: Mapping[str, pd.DataFrame], path: str | os.PathLike[str]) -> Path:
    """Validate ``tables`` and, only if they are valid, write them to ``path``.

    Nothing is written when validation fails, so a bad edit never replaces a good file.
    """
    build_problem(tables)
    return write_tables(tables, path)
