"""Sweeps on Dask: every scenario, grid point and no-show draw of a :class:`SweepSpec` as
one task, their results as one table and their KPIs as distributions.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import DataError
from ..export.labels import named
from ..i18n import Message, Phrase, has, say, text
from ..io import build_problem, plan_to_tables, read_tables, write_tables
from ..io.cells import parse_datetime
from ..io.outputs import FORCE_ARGUMENT, replace_folder
from ..plan import Plan
from ..problem.model import Problem
from ..scenario import RunResult, Scenario, run_scenario, workbook_tables
from ..scenario.base import ScenarioIssue, horizon_of
from ..summary import PLAN_LABELS, Labelled
from .engine import (
    Failure,
    ProgressCallback,
    Shared,
    Task,
    location,
    run_tasks,
    share,
    using,
)
from .robustness import (
    draw_no_shows,
    fixed_plan_draw,
    no_show_changes,
    plan_seats,
    relative_risks,
    staffing_needs,
)
from .spec import NoShows, SweepFileError, SweepSpec

#: What a sweep's folder's manifest says wrote it: a folder of another output is refused.
SWEEP_KIND = "sweep"

if TYPE_CHECKING:
    from distributed import Client

Tables = Mapping[str, pd.DataFrame]
#: Columns of the results table that describe a run rather than measure its plan.
BOOKKEEPING = ("group", "scenario", "status", "error", "draw", "probability", "seed",
               "no_show_ids", "wall_time")
QUANTILES = {"q05": 0.05, "q50": 0.5, "q95": 0.95}


@dataclass
class SweepResult:
    """What a sweep found.

    Attributes
    ----------
    name
        The sweep's name.
    results
        One row per run: ``group`` (``scenarios`` or ``no-shows p=<p>``), ``scenario``,
        ``status``, ``error`` (empty when the run gave a plan or a measure), draw facts
        for no-show draws (``draw``, ``probability``, ``seed``, ``no_shows``), then the
        run's KPIs or robustness measures.
    summary
        Per group and KPI: ``runs`` (the runs the figures come from: no error and a
        value), ``failed`` and ``total`` (the group's runs that failed, and all of
        them), then ``mean``, ``q05``, ``q50``, ``q95``. A group whose every run failed
        has one row with a blank ``kpi``.
    runs
        Each planned run's :class:`~matching.scenario.RunResult` (plan tables and KPIs)
        by scenario name.
    baseline
        The baseline plan's run, when the sweep has one.
    wall_time
        Seconds from the first task submitted to the last result.
    ran_on
        Where it ran, as a message (:func:`~matching.distributed.engine.location`):
        :meth:`summary_lines` say it in their language, :attr:`where` in English.
    wording
        Why each run that could not start (its baseline plan failed) did not, by run
        name: :meth:`summary_lines` say it in their language, the results keep its
        English.
    """

    name: str
    results: pd.DataFrame
    summary: pd.DataFrame
    runs: dict[str, RunResult]
    baseline: RunResult | None = None
    wall_time: float = 0.0
    ran_on: Message | None = None
    wording: dict[str, Phrase] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """Where it ran, in English, e.g. ``local cluster, 2 workers``."""
        return str(self.ran_on or "")

    @property
    def failed(self) -> pd.DataFrame:
        """The rows of runs that gave no plan or measure, with their errors."""
        errors = self.results["error"].fillna("").astype(str)
        return self.results.loc[errors != "", ["group", "scenario", "status", "error"]]

    def save(self, folder: str | os.PathLike[str], *, force: bool = False,
             option: str = FORCE_ARGUMENT) -> Path:
        """Write ``results.csv`` and ``summary.csv`` (and the baseline plan's
        ``baseline/assignments.csv`` and ``staffing.csv``) to ``folder``,
        replaced whole (refused when it holds files matching did not write, unless
        ``force``; the refusal names ``option`` as the way to force it: ``force=True``
        from Python, ``--force`` from the command line)."""

        def write(target: Path) -> None:
            write_tables({"results": self.results, "summary": self.summary}, target)
            if self.baseline is not None and self.baseline.assignments is not None:
                staffing = self.baseline.staffing
                write_tables({"assignments": self.baseline.assignments,
                              "staffing": pd.DataFrame() if staffing is None else staffing},
                             target / "baseline")
        return replace_folder(folder, write, force=force, option=option,
                              kind=SWEEP_KIND)

    def _error_in(self, scenario: str, error: str, language: str) -> str:
        """The error of a failed run in ``language`` where the toolkit said it: the run's
        own (:meth:`RunResult.error_in`), or why it could not start (:attr:`wording`)."""
        if scenario in self.runs:
            return self.runs[scenario].error_in(language)
        return self.wording[scenario].render(language) if scenario in self.wording else error

    def summary_lines(self, language: str = "en") -> list[str]:
        """A few lines for a terminal in ``language`` (English unless asked, as notebooks
        and scripts read them): counts, where it ran, failures and the summary table, its
        headings, key figures, statuses and groups named in ``language``; scenarios stay
        as the results name them, and errors too unless the toolkit said them
        (:attr:`wording`)."""
        line = Labelled(language, PLAN_LABELS)
        failed = self.failed
        lines = [line("line.sweep", line.say(
            "summary.sweep", name=self.name, runs=len(self.results), failed=len(failed),
            seconds=self.wall_time,
            where=self.ran_on.render(language) if self.ran_on else ""))]
        if self.baseline is not None:
            status = named("solver_name", self.baseline.status, language)
            lines.append(line("tasks.baseline", line.say(
                "summary.run_error", status=status, error=self.baseline.error_in(language))
                if self.baseline.error else status))
        lines += [failed_line(line, scenario, status, self._error_in(scenario, error, language))
                  for scenario, status, error in zip(failed["scenario"].astype(str),
                                                     failed["status"], failed["error"],
                                                     strict=True)]
        lines += self._partial_lines(line)
        if len(self.summary):
            shown = self.summary.assign(
                group=[group_name(str(group), language) for group in self.summary["group"]],
                kpi=[named("measure", kpi, language) for kpi in self.summary["kpi"]])
            lines.append(lined_up(shown.rename(columns=lambda c: named("run_col", c, language)),
                                  index=False))
        return lines

    def _partial_lines(self, line: Labelled) -> list[str]:
        """One line per group some of whose runs failed: its figures rest on the others."""
        counts = self.summary.drop_duplicates("group")[["group", "failed", "total"]]
        return [line("line.partial", line.say(
                    "summary.partial", group=group_name(str(group), line.language),
                    used=total - failed, total=total, failed=failed))
                for group, failed, total in counts.itertuples(index=False, name=None)
                if failed]


#: Lines of a failed run's error shown under its first ("the scenario has 2 errors:"
#: says nothing by itself); the rest are in the results table.
FAILED_DETAIL_LINES = 3


#: How results name the group of a probability's no-show draws: ``no-shows p=0.2``.
NO_SHOW_GROUP = "no-shows p="


def group_name(group: str, language: str) -> str:
    """A results group as ``language`` says it: the scenarios, or one probability's
    no-show draws (named in the results as ``no-shows p=<p>``)."""
    if group.startswith(NO_SHOW_GROUP):
        return text("run_group.no_shows", language, p=group.removeprefix(NO_SHOW_GROUP))
    return named("run_group", group, language)


def failed_line(line: Labelled, name: object, status: object, error: object) -> str:
    """The line of a run (or a center) that failed: its name, its status and its error
    as given (in the line's language where the toolkit said it), the error's first line
    on it and the next few under it."""
    said = [text.strip() for text in str(error).strip().splitlines() if text.strip()] or [""]
    head = line("line.failed", line.say("summary.run_failed", run=name, error=said[0],
                                        status=named("solver_name", str(status),
                                                     line.language)))
    indent = " " * (line.width + 2)  # under the error, past the label's column
    shown = said[1:1 + FAILED_DETAIL_LINES]
    more = len(said) - 1 - len(shown)
    return "\n".join([head, *(indent + text for text in shown),
                      *([indent + line.say("summary.more_lines", count=more)] if more else [])])


def lined_up(table: pd.DataFrame, *, index: bool) -> str:
    """``table`` as text whose columns line up on a terminal, where a Chinese character
    takes two columns: pandas counts them so only when told to."""
    with pd.option_context("display.unicode.east_asian_width", True):
        return table.to_string(index=index)


def run_sweep(workbook: Tables | Problem | str | os.PathLike[str],
              sweep: SweepSpec | str | os.PathLike[str] | Sequence[Scenario], *,
              baseline: Plan | None = None, client: Client | None = None,
              scheduler: str | None = None, n_workers: int | None = None,
              on_progress: ProgressCallback | None = None, quiet: bool = False
              ) -> SweepResult:
    """Run a sweep on Dask, or in this process (``scheduler="synchronous"``), and collect
    its results: the one way to run many scenarios.

    Parameters
    ----------
    workbook
        The workbook's tables (:func:`matching.read_tables`), its path, or the problem
        read from it.
    sweep
        A :class:`SweepSpec`, the path of a sweep file, or a list of scenarios (planned
        afresh with the default sweep settings).
    baseline
        A plan in hand to re-plan every scenario from (and to draw fixed-plan no-shows
        against), instead of planning the selected workbook first.
    client
        A Dask client to run on (left open). Without one, ``scheduler`` says where:
        None starts a local cluster of ``n_workers`` processes for this sweep,
        ``"tcp://host:8786"`` uses that cluster, ``"synchronous"`` runs every task here,
        one after another.
    n_workers
        Worker processes of a new local cluster (default: one per core).
    on_progress
        Called as tasks finish (:class:`~matching.distributed.engine.TaskProgress`), e.g.
        :class:`~matching.distributed.TextProgress` or
        :class:`~matching.ui.progress.NotebookProgress`.
    quiet
        Keep a new local cluster's warnings out of the log.

    Returns
    -------
    SweepResult
        A failing run is a row with its error; the other runs still complete.

    Raises
    ------
    SweepFileError
        For a bad sweep file, or a selection the workbook does not have.
    DataError
        For a workbook that does not validate.
    """
    spec = _spec(sweep)
    try:
        tables = spec.select.apply(_tables(workbook))
        _check_window(spec.no_shows, tables)
    except SweepFileError as exc:  # name the file the selection came from
        raise SweepFileError(exc.issues, spec.source) from None
    settings = dataclasses.replace(spec.settings, workers=1, log=None)
    given = None
    if baseline is not None:
        spec = dataclasses.replace(spec, baseline=True)
        tables_of = plan_to_tables(baseline)
        given = RunResult("baseline", baseline.status, "", tables_of["assignments"],
                          tables_of["staffing"])
    with using(client, scheduler, n_workers, quiet) as engine:
        started = time.monotonic()
        shared: dict[str, Any] = {"tables": share(engine, tables)}
        start_from = given
        if start_from is None and spec.needs_baseline:
            task = Task("baseline", run_scenario,
                        (Shared("tables"), Scenario("baseline"), None, settings))
            [outcome] = run_tasks([task], shared, client=engine, on_progress=on_progress,
                                  stage="baseline")
            start_from = _as_run("baseline", outcome)
        tasks, rows, wording = _tasks(spec, tables, settings, start_from, shared, engine)
        outcomes = run_tasks(tasks, shared, client=engine, on_progress=on_progress,
                             stage="runs") if tasks else []
        wall = time.monotonic() - started
        ran_on = location(engine)
    runs: dict[str, RunResult] = {}
    table = []
    for task, facts, outcome in zip(tasks, rows[:len(tasks)], outcomes, strict=True):
        if isinstance(outcome, dict):  # a draw measured against the fixed plan
            table.append({**facts, **outcome})
            continue
        run = _as_run(task.name, outcome)
        runs[task.name] = run
        table.append({**facts, **run.row()})
    table += rows[len(tasks):]  # runs that could not start (no baseline plan)
    results = _ordered(pd.DataFrame(table))
    return SweepResult(spec.name, results, summarise(results), runs, start_from, wall, ran_on,
                       wording)


def summarise(results: pd.DataFrame) -> pd.DataFrame:
    """Distributions of every KPI over the runs without an error, per group.

    Each row says how many runs it rests on and how many of the group's runs failed,
    so that a distribution drawn from 11 of 100 draws cannot pass for one of 100.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``kpi``, ``runs``, ``failed``, ``total``, ``mean``, ``q05``,
        ``q50``, ``q95``; a group without a successful run has a single row with a
        blank ``kpi`` and no figures.
    """
    columns = ["group", "kpi", "runs", "failed", "total", "mean", *QUANTILES]
    if results.empty:
        return pd.DataFrame(columns=columns)
    failed = results["error"].fillna("").astype(str) != ""
    rows = []
    for group, frame in results.groupby("group", sort=False):
        bad = failed.loc[frame.index]
        counts = [int(bad.sum()), len(frame)]
        ok = frame.loc[~bad]
        measured = [(column, pd.to_numeric(ok[column], errors="coerce").dropna())
                    for column in ok.columns if column not in BOOKKEEPING]
        measured = [(column, values) for column, values in measured if not values.empty]
        if not measured:
            rows.append([group, "", 0, *counts, *[float("nan")] * (1 + len(QUANTILES))])
        for column, values in measured:
            rows.append([group, column, len(values), *counts, round(float(values.mean()), 4),
                         *(round(float(values.quantile(q)), 4) for q in QUANTILES.values())])
    return pd.DataFrame(rows, columns=columns)


# -- building the tasks ----------------------------------------------------------------

def _tasks(spec: SweepSpec, tables: Tables, settings: Any, baseline: RunResult | None,
           shared: dict[str, Any], client: Client | None
           ) -> tuple[list[Task], list[dict[str, Any]], dict[str, Phrase]]:
    """The sweep's tasks and, for each, the facts that start its result row; then rows
    for the runs that cannot start because the baseline plan they need failed, and what
    their error says, by run name (:attr:`SweepResult.wording`)."""
    tasks: list[Task] = []
    rows: list[dict[str, Any]] = []
    blocked: list[dict[str, Any]] = []
    wording: dict[str, Phrase] = {}
    plan_from: Shared | None = None
    if baseline is not None and baseline.ok:
        shared["baseline"] = share(client, {"assignments": baseline.assignments,
                                            "staffing": baseline.staffing})
        plan_from = Shared("baseline") if spec.baseline else None
    no_baseline = (say("summary.no_baseline", status=_status(baseline.status),
                       error=baseline.wording if baseline.wording is not None
                       else baseline.error)
                   if baseline is not None and not baseline.ok else None)

    def add(task: Task, facts: dict[str, Any], needs_baseline: bool) -> None:
        if needs_baseline and no_baseline is not None:
            blocked.append({**facts, "scenario": task.name, "status": "ERROR",
                            "error": no_baseline.render("en")})
            wording[task.name] = no_baseline
        else:
            tasks.append(task)
            rows.append(facts)

    for scenario in spec.scenarios:
        add(Task(scenario.name, run_scenario, (Shared("tables"), scenario, plan_from, settings)),
            {"group": "scenarios"}, spec.baseline)
    draws = spec.no_shows
    if draws is not None:
        people = sorted(str(v).strip() for v in tables["volunteers"]["volunteer_id"])
        risk = _risks(draws, tables)
        fixed = _fixed_plan(draws, tables, baseline, shared, client)
        for probability in draws.probabilities:
            for k in range(draws.draws):
                group = f"{NO_SHOW_GROUP}{probability:g}"
                name = f"{group} #{k:0{len(str(draws.draws - 1))}d}"
                facts = {"group": group, "scenario": name,
                         "draw": k, "probability": probability, "seed": draws.seed + k}
                if fixed is not None:
                    args = (Shared("needs"), Shared("staffing"), people, probability,
                            draws.seed + k, *fixed, risk)
                    add(Task(name, fixed_plan_draw, args), facts, True)
                    continue
                if draws.mode == "fixed":  # the baseline plan failed
                    add(Task(name, fixed_plan_draw), facts, True)
                    continue
                gone = draw_no_shows(people, probability, draws.seed + k, risk)
                scenario = Scenario(name, no_show_changes(gone, draws.start, draws.end),
                                    f"{len(gone)} no-shows: " + ", ".join(gone))
                facts |= {"no_shows": len(gone), "no_show_ids": ";".join(gone)}
                add(Task(name, run_scenario, (Shared("tables"), scenario, plan_from, settings)),
                    facts, spec.baseline)
    return tasks, rows + blocked, wording


def _check_window(draws: NoShows | None, tables: Tables) -> None:
    """Refuse a no-show window that misses the workbook's horizon (or the selection's):
    its draws would take nobody from anything and report a plan that loses no seat."""
    if draws is None or not (draws.start and draws.end):
        return
    horizon = horizon_of(tables)
    start = parse_datetime(draws.start)
    end = parse_datetime(draws.end, end_of_day=True)
    if horizon and (end <= horizon[0] or start >= horizon[1]):
        raise SweepFileError([ScenarioIssue.said(
            say("scenario_valid.period_in_horizon", first=f"{horizon[0]:%Y-%m-%d}",
                last=f"{horizon[1] - timedelta(days=1):%Y-%m-%d}"),
            value=draws.start, source="no_shows.start")])


def _status(status: str) -> Phrase | str:
    """A run's status as the summary names it, in any language (as it is, if new)."""
    return say(f"solver_name.{status}") if has(f"solver_name.{status}") else status


def _fixed_plan(draws: NoShows, tables: Tables, baseline: RunResult | None,
                shared: dict[str, Any], client: Client | None) -> tuple[Any, Any] | None:
    """Share what draws against the fixed baseline plan need; return their window, or
    None when they are re-planned or there is no baseline plan."""
    if draws.mode != "fixed" or baseline is None or not baseline.ok:
        return None
    problem = build_problem(tables)
    plan = baseline.plan()
    shared["needs"] = share(client, staffing_needs(problem, plan))
    shared["staffing"] = share(client, plan_seats(problem, plan))
    start = parse_datetime(draws.start) if draws.start else None
    end = parse_datetime(draws.end, end_of_day=True) if draws.end else None
    return start, end


def _risks(draws: NoShows, tables: Tables) -> dict[str, float] | None:
    """Per-volunteer risks from the draws' history, with teams from the workbook."""
    if draws.history is None:
        return None
    volunteers = tables["volunteers"]
    teams = dict(zip(volunteers["volunteer_id"].astype(str).str.strip(),
                     volunteers.get("team", pd.Series([""] * len(volunteers))).astype(str)
                     .str.strip(), strict=True))
    return relative_risks(draws.history, teams)


def _as_run(name: str, outcome: Any) -> RunResult:
    if isinstance(outcome, RunResult):
        return outcome
    if isinstance(outcome, Failure):
        return RunResult(name, "ERROR", outcome.error)
    return RunResult(name, "ERROR", f"unexpected task result {type(outcome).__name__}")


def _spec(sweep: SweepSpec | str | os.PathLike[str] | Sequence[Scenario]) -> SweepSpec:
    if isinstance(sweep, SweepSpec):
        return sweep
    if isinstance(sweep, str | os.PathLike):
        return SweepSpec.load(sweep)
    names = [s.name for s in sweep]  # as a sweep file's: their rows would be one
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise SweepFileError([ScenarioIssue.said(say("sweep_valid.names_differ"), value=name,
                                                 source="scenarios") for name in twice])
    return SweepSpec(scenarios=tuple(sweep))


def _tables(workbook: Tables | Problem | str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """The tables a sweep's tasks build their problems from: a problem in hand is
    written back as its tables, as :func:`~matching.distributed.replan` takes it too."""
    if isinstance(workbook, Problem):
        return workbook_tables(workbook)
    if not isinstance(workbook, str | os.PathLike):
        return dict(workbook)
    tables, issues = read_tables(workbook)
    if any(i.severity == "error" for i in issues):
        raise DataError(issues)
    return tables


def _ordered(results: pd.DataFrame) -> pd.DataFrame:
    if results.empty:
        return pd.DataFrame(columns=["group", "scenario", "status", "error"])
    first = [c for c in ("group", "scenario", "status", "error", "draw", "probability",
                         "seed", "no_shows") if c in results.columns]
    rest = [c for c in results.columns if c not in first and c != "no_show_ids"]
    last = ["no_show_ids"] if "no_show_ids" in results.columns else []
    return results[first + rest + last].reset_index(drop=True)

