"""Fuzzing the workbook reader: whatever is done to ``data/tiny`` (damaged bytes, other
encodings and line endings, nasty cells, lost headers, rows and tables, formulas,
merged ranges, hidden sheets), loading it gives a workbook or a :class:`DataError`,
never another exception; and mistakes of :data:`BREAKAGES` are always rejected.

The budget here is small and fixed (derandomized); ``FUZZ_EXAMPLES=5000`` runs more
examples at random, and ``make fuzz`` runs for minutes (``benchmarks/fuzz.py``).
"""

from __future__ import annotations

import copy
import importlib.util
import os
import sys
import tempfile
import warnings
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from reader_mutations import BREAKAGES, TINY, Breakage, Mutant, apply_breakage, mutants, outcome

from matching.errors import DataError
from matching.io import load_problem

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=EXAMPLES or 40, derandomize=not EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def load(mutant: Mutant) -> str:
    """``loaded`` or ``rejected``; any other exception fails the test (a crash)."""
    with tempfile.TemporaryDirectory() as folder:
        return outcome(mutant.write(Path(folder)))


@pytest.mark.slow
@FUZZ
@given(mutants(xlsx=False))
def test_a_mutated_csv_folder_loads_or_is_rejected(mutant: Mutant) -> None:
    result = load(mutant)
    assert mutant.breakage is None or result == "rejected", repr(mutant)


@pytest.mark.slow
@FUZZ
@given(mutants(xlsx=True))
def test_a_mutated_xlsx_loads_or_is_rejected(mutant: Mutant) -> None:
    result = load(mutant)
    assert mutant.breakage is None or result == "rejected", repr(mutant)


def test_tiny_itself_loads_as_csv_and_as_xlsx() -> None:
    """The mutations start from a valid workbook, so a rejection is the mutation's doing."""
    assert load(Mutant(copy.deepcopy(TINY), xlsx=False)) == "loaded"
    assert load(Mutant(copy.deepcopy(TINY), xlsx=True)) == "loaded"


#: Each breakage in an .xlsx, and in a CSV folder unless it needs a formula, an error
#: value or a merge, which a CSV cell cannot hold.
BROKEN = [pytest.param(b, xlsx, id=f"{b.name}-{'xlsx' if xlsx else 'csv'}")
          for b in BREAKAGES for xlsx in (False, True) if xlsx or not b.xlsx_only]


@pytest.mark.parametrize(("breakage", "xlsx"), BROKEN)
def test_each_breakage_is_rejected_naming_its_cell(breakage: Breakage, xlsx: bool,
                                                   tmp_path: Path) -> None:
    mutant = Mutant(copy.deepcopy(TINY), xlsx=xlsx)
    assert apply_breakage(breakage, mutant)
    with pytest.raises(DataError) as info:
        load_problem(mutant.write(tmp_path))
    assert (breakage.table, breakage.column) in {(i.table, i.column) for i in info.value.issues}


# -- what fuzzing found, and the long run ------------------------------------------------


def test_a_column_named_twice_is_reported_without_a_pandas_warning(tmp_path: Path) -> None:
    """pandas' to_dict warned on stderr ("columns are not unique") under the error."""
    mutant = Mutant(copy.deepcopy(TINY), xlsx=False)
    mutant.tables["rooms"][0][4] = "name"  # site renamed: a second name column
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataError) as info:
            load_problem(mutant.write(tmp_path))
    assert [(i.table, i.row, i.column) for i in info.value.issues] == [("rooms", 1, "name")]


def long_run() -> ModuleType:
    """``benchmarks/fuzz.py``, the script behind ``make fuzz``."""
    spec = importlib.util.spec_from_file_location("benchmarks_fuzz", BENCHMARKS / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_long_run_counts_its_examples_and_fails_on_a_hang() -> None:
    """(An alarm that lands in a finalizer is ignored there, hence the filter; the
    example's time still counts it.)"""
    fuzz = long_run()
    tally = fuzz.fuzz(seconds=1, hang_seconds=60)
    assert tally.examples == tally.loaded + tally.rejected > 0
    assert not tally.failed()
    assert f"examples   {tally.examples} in 1 s" in tally.report(1)

    hung = fuzz.fuzz(seconds=0.5, hang_seconds=0.001)  # every example takes longer
    assert len(hung.hangs) == hung.examples > 0
    assert hung.failed()
