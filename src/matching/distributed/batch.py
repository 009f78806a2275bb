"""Many centers at once: a folder of workbooks (one per center) planned as a batch on
Dask, their KPIs gathered into tables with one row per center.

A center's workbook is a subfolder of CSV files or an ``.xlsx`` file in the folder; its
name (the subfolder's or the file's stem) labels its rows. Each workbook is read here and
its tables travel with its task, so workers need no shared file system.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import DataError
from ..export.labels import named
from ..i18n import Message
from ..io import build_problem, load_problem, read_tables, save_workbook, write_tables
from ..io.cells import setting_key
from ..io.outputs import FORCE_ARGUMENT, replace_folder
from ..problem.select import restrict
from ..scenario import RunResult, Scenario, run_scenario, workbook_tables
from ..solver import SolverSettings
from ..summary import PLAN_LABELS, Labelled
from .engine import Failure, ProgressCallback, Task, TaskProgress, location, run_tasks, using
from .sweeps import failed_line, lined_up

#: What a batch's folder's manifest says wrote it: a folder of another output is refused.
BATCH_KIND = "batch"

if TYPE_CHECKING:
    from distributed import Client

#: The KPI tables of a batch: each KPI goes to the first table whose prefix it has.
KPI_TABLES: dict[str, tuple[str, ...]] = {
    "activities": ("activities_", "scheduled_", "total_", "bookings_"),
    "seats": ("seats_",),
    "volunteers": ("volunteers_", "volunteer_"),
    "rooms": ("room_",),
    "score": ("hard_violations", "tier"),
}
#: Search settings of a batch unless given.
DEFAULT_SETTINGS = SolverSettings(time_limit=10.0, workers=1, seed=0)
STATUS_COLUMNS = ["center", "workbook", "status", "error", "wall_time"]


@dataclass
class BatchResult:
    """What planning a batch of centers found.

    Attributes
    ----------
    status
        One row per center: ``center``, ``workbook`` (its path), ``status`` (the
        solver's, or ``ERROR``), ``error``, ``wall_time``.
    kpis
        Every KPI of every center: rows are centers, columns KPIs.
    tables
        The KPIs split by subject (:data:`KPI_TABLES`: activities, seats, volunteers,
        rooms, score), rows are centers.
    runs
        Each center's :class:`~matching.scenario.RunResult` (plan tables and KPIs).
    wall_time, ran_on, where
        As for :class:`~matching.distributed.SweepResult`.
    language
        The language the settings of every valid workbook name, when they all name one;
        None when they name two, or none is valid (``batch`` then speaks English unless
        told another).
    """

    status: pd.DataFrame
    kpis: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    runs: dict[str, RunResult]
    wall_time: float = 0.0
    ran_on: Message | None = None
    language: str | None = None

    @property
    def where(self) -> str:
        """Where it ran, in English, e.g. ``local cluster, 2 workers``."""
        return str(self.ran_on or "")

    def save(self, folder: str | os.PathLike[str], *, force: bool = False,
             option: str = FORCE_ARGUMENT) -> Path:
        """Write ``status.csv``, ``kpis.csv``, one CSV per KPI table and each center's
        plan as ``plans/<center>/assignments.csv`` and ``staffing.csv``, replacing
        ``folder`` whole (refused when it holds files matching did not write, unless
        ``force``; the refusal names ``option`` as the way to force it: ``force=True``
        from Python, ``--force`` from the command line)."""

        def write(target: Path) -> None:
            out = {"status": self.status, "kpis": self.kpis.reset_index(), **{
                name: frame.reset_index() for name, frame in self.tables.items()}}
            write_tables(out, target)
            for center, run in self.runs.items():
                if run.assignments is not None and run.staffing is not None:
                    write_tables({"assignments": run.assignments, "staffing": run.staffing},
                                 target / "plans" / center)
        return replace_folder(folder, write, force=force, option=option,
                              kind=BATCH_KIND)

    def summary_lines(self, language: str = "en") -> list[str]:
        """A few lines for a terminal in ``language`` (English unless asked, as notebooks
        and scripts read them): counts, where it ran, failures and the headline KPIs by
        center, named in ``language``; centers stay as the status table names them, and
        errors too unless the toolkit said them (:meth:`RunResult.error_in`: a center
        without a plan, its conflicts; a workbook that does not validate, its errors;
        one that could not be read for another reason keeps its English)."""
        line = Labelled(language, PLAN_LABELS)
        ok = (self.status["error"] == "").sum()
        lines = [line("line.batch", line.say(
            "summary.batch", centers=len(self.status), planned=ok,
            failed=len(self.status) - ok, seconds=self.wall_time,
            where=self.ran_on.render(language) if self.ran_on else ""))]
        lines += [failed_line(line, row.center, row.status,
                              self.runs[str(row.center)].error_in(language))
                  for row in self.status.itertuples(index=False) if row.error]
        headline = [c for c in ("activities_scheduled", "activities_total", "seats_filled",
                                "seats_target", "volunteers_used", "room_utilisation_pct")
                    if c in self.kpis.columns]
        if headline and len(self.kpis):
            shown = self.kpis[headline].rename(columns=lambda c: named("measure", c, language))
            lines.append(lined_up(shown.rename_axis(named("run_col", "center", language)),
                                  index=True))
        return lines


def find_workbooks(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """The center workbooks in ``folder`` by center name: subfolders holding CSV files
    and ``.xlsx`` files, sorted by name (hidden entries skipped). A center is named by
    its folder, or its file without the suffix; a file whose stem another center has
    taken (a folder ``north`` beside ``north.xlsx``) keeps its whole name, so that
    neither is left out.

    Raises
    ------
    FileNotFoundError
        When nothing is at ``folder`` (naming it, as ``open`` does).
    NotADirectoryError
        When ``folder`` is a file.
    """
    source = Path(folder)
    if not source.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(source))
    if not source.is_dir():
        raise NotADirectoryError(f"{source} is not a folder of center workbooks")
    found: dict[str, Path] = {}
    for path in sorted(source.iterdir()):
        if path.name.startswith((".", "~$")):
            continue
        if path.is_dir() and any(p.suffix.lower() == ".csv" for p in path.iterdir()):
            found[path.name] = path
        elif path.is_file() and path.suffix.lower() in (".xlsx", ".xlsm"):
            # named by its file name where a folder or another workbook has its stem
            found[path.stem if path.stem not in found else path.name] = path
    return found


def run_batch(workbooks: str | os.PathLike[str] | Mapping[str, str | os.PathLike[str]],
              settings: SolverSettings | None = None, *, client: Client | None = None,
              scheduler: str | None = None, n_workers: int | None = None,
              on_progress: ProgressCallback | None = None, quiet: bool = False
              ) -> BatchResult:
    """Plan every center's workbook, one task each, and tabulate their KPIs.

    Parameters
    ----------
    workbooks
        A folder of center workbooks (see :func:`find_workbooks`), or paths by center.
    settings
        Search settings of every center (CP-SAT runs one worker per task).
    client, scheduler, n_workers, on_progress, quiet
        As for :func:`matching.distributed.run_sweep`.

    Returns
    -------
    BatchResult
        A center whose workbook does not read or validate, or that cannot be planned,
        is a status row with its error; the others still complete.
    """
    paths = (find_workbooks(workbooks) if isinstance(workbooks, str | os.PathLike)
             else {name: Path(p) for name, p in workbooks.items()})
    settings = dataclasses.replace(settings or DEFAULT_SETTINGS, workers=1, log=None)
    tasks: list[Task] = []
    unread: dict[str, RunResult] = {}
    languages: set[str] = set()
    for center, path in paths.items():
        try:
            tables, issues = read_tables(path)
            # its errors said as a workbook's, here
            languages.add(build_problem(tables, issues).settings.language)
        except DataError as exc:  # its errors counted, to be said in any language
            unread[center] = RunResult(center, "ERROR", str(exc), wording=exc.wording)
            continue
        except Exception as exc:
            unread[center] = RunResult(center, "ERROR", f"{type(exc).__name__}: {exc}")
            continue
        tasks.append(Task(center, run_scenario, (tables, Scenario(center), None, settings)))
    with using(client, scheduler, n_workers, quiet) as engine:
        started = time.monotonic()
        outcomes = run_tasks(tasks, client=engine, on_progress=_counting(unread, on_progress),
                             stage="centers")
        wall = time.monotonic() - started
        ran_on = location(engine)
    runs = {t.name: _as_run(t.name, o) for t, o in zip(tasks, outcomes, strict=True)}
    runs |= unread
    runs = {center: runs[center] for center in paths}
    status = pd.DataFrame([(c, str(paths[c]), r.status, r.error, round(r.wall_time, 2))
                           for c, r in runs.items()], columns=STATUS_COLUMNS)
    kpis = kpi_table(runs)
    return BatchResult(status, kpis, split_kpis(kpis), runs, wall, ran_on,
                       languages.pop() if len(languages) == 1 else None)


def _counting(unread: Mapping[str, RunResult], on_progress: ProgressCallback | None
              ) -> ProgressCallback | None:
    """``on_progress`` counting the centers that could not be read as done and failed:
    a batch of four with one unreadable shows "centers 1/4 done, 1 failed" from the
    start, not "0/3"."""
    if on_progress is None or not unread:
        return on_progress
    callback = on_progress

    def counted(progress: TaskProgress) -> None:
        callback(dataclasses.replace(progress, done=progress.done + len(unread),
                                     total=progress.total + len(unread),
                                     failed=progress.failed + len(unread)))

    return counted


def kpi_table(runs: Mapping[str, RunResult]) -> pd.DataFrame:
    """Every KPI of each run: rows are the runs' names (``center``), columns the KPIs
    (empty for runs without a plan)."""
    rows = {name: dict(zip(r.kpis["name"], r.kpis["value"], strict=True))
            if r.kpis is not None else {} for name, r in runs.items()}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "center"
    return frame.apply(pd.to_numeric, errors="coerce") if len(frame.columns) else frame


def split_kpis(kpis: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``kpis`` split into :data:`KPI_TABLES` (KPIs of no table go to ``other``)."""
    groups: dict[str, list[str]] = {name: [] for name in KPI_TABLES}
    for column in kpis.columns:
        name = next((n for n, prefixes in KPI_TABLES.items()
                     if str(column).startswith(prefixes)), "other")
        groups.setdefault(name, []).append(column)
    return {name: kpis[columns] for name, columns in groups.items() if columns}


def _as_run(name: str, outcome: Any) -> RunResult:
    if isinstance(outcome, RunResult):
        return outcome
    error = outcome.error if isinstance(outcome, Failure) else repr(outcome)
    return RunResult(name, "ERROR", error)


# -- a district of synthetic centers -----------------------------------------------------

def write_district(folder: str | os.PathLike[str], n: int, seed: int = 0, *,
                   month: tuple[date, date] = (date(2023, 3, 1), date(2023, 3, 31)),
                   scales: tuple[float, float] = (0.3, 0.8),
                   base: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write ``n`` small synthetic center workbooks (``center-01`` ...) to ``folder``.

    Each is :func:`matching.synthetic.generate` of one month of the embedded workbook
    (``month``) at a seeded scale in ``scales``, with seed ``seed + k`` for center ``k``,
    so every center differs and the district is the same for the same ``seed``.

    Returns
    -------
    list of Path
        The centers' CSV folders.
    """
    from ..synthetic import DEFAULT_BASE, generate

    if n < 1:
        raise ValueError(f"a district has at least one center, not {n}")
    template = workbook_tables(restrict(load_problem(base or DEFAULT_BASE),
                                        start=month[0], end=month[1]))
    rng = random.Random(seed)
    target = Path(folder)
    written = []
    for k in range(n):
        scale = round(rng.uniform(*scales), 2)
        tables = generate(scale, seed + k, base=template)
        _rename(tables, f"District center {k + 1:02d} (scale {scale:g}, seed {seed + k})")
        written.append(save_workbook(tables, target / f"center-{k + 1:02d}"))
    return written


def _rename(tables: dict[str, pd.DataFrame], name: str) -> None:
    settings = tables["settings"].copy()
    keys = settings["key"].astype(str).map(setting_key)
    settings.loc[keys == "name", "value"] = name
    tables["settings"] = settings

