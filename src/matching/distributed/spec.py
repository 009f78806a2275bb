"""Sweep files: which part of a workbook to sweep, which scenarios, grids and no-show draws
to run, and with which search settings (the format is described in
:mod:`matching.distributed`).

A file that cannot be used is rejected with every problem at once
(:class:`SweepFileError`), each naming the file and the key, in either language.
"""

from __future__ import annotations

import dataclasses
import numbers
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import counted_errors
from ..i18n import Listing, Message, Phrase, say
from ..io import build_problem
from ..io.cells import CellError, parse_date, parse_datetime
from ..problem.select import restrict
from ..problem.weights import DEFAULT_WEIGHTS, MAX_WEIGHT
from ..scenario import (
    Change,
    Scenario,
    ScenarioError,
    ScenarioIssue,
    change_from_dict,
    grid,
    workbook_tables,
)
from ..scenario.files import read_scenario_file
from ..solver import SolverSettings

Tables = Mapping[str, pd.DataFrame]

MODES = ("fixed", "replan")
#: The most draws per probability a sweep runs, and the largest seed CP-SAT takes.
MAX_DRAWS = 100_000
MAX_SEED = 2**31 - 1
KEYS = ("name", "description", "select", "solver", "baseline", "scenarios", "grid",
        "no_shows")
SELECT_KEYS = ("start", "end", "theme", "series")
SOLVER_KEYS = ("time_limit", "seed", "patience")
NO_SHOW_KEYS = ("probability", "draws", "seed", "mode", "start", "end", "history")
#: Columns a no-show history needs (``hours.csv`` of ``matching ledger`` has them).
HISTORY_COLUMNS = ("volunteer_id", "activities", "no_shows")
#: Search settings of a sweep run unless its file says otherwise.
DEFAULT_SETTINGS = SolverSettings(time_limit=10.0, workers=1, seed=0)


class SweepFileError(ValueError):
    """A sweep file (or sweep) that cannot be used; ``issues`` lists every problem, each
    a :class:`~matching.scenario.ScenarioIssue` whose source is the key it is about (a
    scenario's own issues keep their change and field, after the key). Its text is
    English, as scripts read it; :meth:`render` says it in Chinese too, and ``sweep`` in
    the workbook's language."""

    def __init__(self, issues: Sequence[ScenarioIssue], source: str = "") -> None:
        self.issues = list(issues)
        self.source = source
        super().__init__(self.render("en"))

    def render(self, language: str = "en") -> str:
        """Every problem, one a line, under the line a workbook's errors have, which
        counts them, in ``language``."""
        subject = (say("sweep_valid.the_sweep_file", source=self.source) if self.source
                   else say("sweep_valid.the_sweep"))
        return counted_errors(subject, self.issues, language)


@dataclass(frozen=True)
class Selection:
    """The part of the workbook a sweep plans: activities whose whole window lies in
    ``[start, end]``, of ``theme`` and of ``series`` (each optional). Volunteers and rooms
    all stay; the horizon shrinks to the selected dates."""

    start: date | None = None
    end: date | None = None
    theme: str | None = None
    series: str | None = None

    @property
    def empty(self) -> bool:
        return self == Selection()

    def apply(self, tables: Tables) -> dict[str, pd.DataFrame]:
        """The selected workbook's tables (``tables`` itself when nothing is selected).

        Raises :class:`SweepFileError` for a theme or series the workbook lacks or a
        selection without activities, :class:`~matching.DataError` for a bad workbook.
        """
        if self.empty:
            return dict(tables)
        problem = build_problem(tables)
        chosen = (("theme", self.theme, problem.theme_by_id),
                  ("series", self.series, problem.series))
        issues = [ScenarioIssue.said(say("sweep_valid.in_workbook", column=f"{key}_id",
                                         ids=Listing(tuple(sorted(known)))),
                                     value=given, source=f"select.{key}")
                  for key, given, known in chosen if given is not None and given not in known]
        if issues:
            raise SweepFileError(issues)
        start, end = self.start, self.end
        if self.series is not None:
            sessions = [a for a in problem.activities if a.series_id == self.series]
            start = start or min(a.earliest_start for a in sessions).date()
            end = end or max(a.latest_end - timedelta(microseconds=1) for a in sessions).date()
        selected = restrict(problem, start=start, end=end, theme_id=self.theme)
        if self.series is not None:
            kept = tuple(a for a in selected.activities if a.series_id == self.series)
            ids = {a.activity_id for a in kept}
            selected = dataclasses.replace(
                selected, activities=kept,
                roles=tuple(r for r in selected.roles if r.activity_id in ids))
        if not selected.activities:
            raise SweepFileError([ScenarioIssue.said(say(
                "sweep_valid.no_activity", selection=Listing(self._parts())), source="select")])
        return workbook_tables(selected)

    def _parts(self) -> tuple[str, ...]:
        """What is selected, key by key as a sweep file says it (``theme Q3``)."""
        return tuple(f"{k} {v}" for k, v in dataclasses.asdict(self).items() if v is not None)

    def __str__(self) -> str:
        return ", ".join(self._parts()) or "the whole workbook"


@dataclass(frozen=True)
class NoShows:
    """Robustness draws: in each of ``draws`` draws per probability, every volunteer
    independently does not show with that probability (draw ``k`` seeded ``seed + k``).

    ``mode`` ``"fixed"`` takes the no-shows' seats out of the baseline plan and measures
    the understaffing; ``"replan"`` plans each draw as a scenario (re-planned from the
    baseline when the sweep has one). ``start``/``end`` limit the no-shows to a window.
    ``history`` (``volunteer_id -> (no_shows, seats)``, read from a ledger's
    ``hours.csv``) makes each probability an average that volunteers who missed more
    seats exceed (:func:`~matching.distributed.robustness.relative_risks`).
    """

    probabilities: tuple[float, ...]
    draws: int
    seed: int = 0
    mode: str = "fixed"
    start: str = ""
    end: str = ""
    history: Mapping[str, tuple[int, int]] | None = None

    def __post_init__(self) -> None:
        """Refuse, as a sweep file's reader does, what no draw could run with: a sweep
        built in Python fails here, before its baseline is planned, not in every row.

        Raises
        ------
        SweepFileError
            Naming each field out of range, as the sweep file's keys name them.
        """
        given = self.probabilities
        listed = isinstance(given, Sequence) and not isinstance(given, str)
        issues = [] if listed and given else [ScenarioIssue.said(
            say("sweep_valid.probability"), value="" if listed else str(given),
            source="no_shows.probability")]
        for i, p in enumerate(given if listed else (), start=1):
            if not (_number(p) and 0 <= p <= 1):
                issues.append(ScenarioIssue.said(
                    say("valid.number_between", low=0, high=1), value=str(p),
                    source=f"no_shows.probability[{i}]"))
        for key, value, high in (("draws", self.draws, MAX_DRAWS), ("seed", self.seed, MAX_SEED)):
            low = 1 if key == "draws" else 0
            if not (_number(value, whole=True) and low <= value <= high):
                issues.append(ScenarioIssue.said(say("valid.whole_between", low=low, high=high),
                                                 value=str(value), source=f"no_shows.{key}"))
        if self.mode not in MODES:
            issues.append(ScenarioIssue.said(say("sweep_valid.mode", fixed="fixed",
                                                 replan="replan"),
                                             value=str(self.mode), source="no_shows.mode"))
        if bool(self.start) != bool(self.end):
            issues.append(ScenarioIssue.said(say("sweep_valid.window", start="start", end="end"),
                                             source="no_shows"))
        if issues:
            raise SweepFileError(issues)


def _number(value: object, *, whole: bool = False) -> bool:
    """Whether ``value`` is a number (whole, if asked) of any numeric type, numpy's
    too, but not a bool."""
    kind = numbers.Integral if whole else numbers.Real
    return isinstance(value, kind) and not isinstance(value, bool)


@dataclass(frozen=True)
class SweepSpec:
    """A sweep: scenarios (a list, a grid) and/or no-show draws on (part of) a workbook.

    Parameters
    ----------
    name, description
        What the sweep is about.
    scenarios
        Scenarios to run, e.g. from :func:`matching.scenario.grid`.
    no_shows
        Robustness draws, or None.
    select
        The part of the workbook to plan.
    settings
        Search settings of every run (CP-SAT runs one worker per task, whatever
        ``settings.workers`` says).
    baseline
        Plan the selected workbook first and re-plan every scenario from that plan with
        minimal change (always done for no-shows evaluated against a fixed plan).
    """

    name: str = "sweep"
    description: str = ""
    scenarios: tuple[Scenario, ...] = ()
    no_shows: NoShows | None = None
    select: Selection = field(default_factory=Selection)
    settings: SolverSettings = field(default_factory=lambda: DEFAULT_SETTINGS)
    baseline: bool = False
    #: the file it was read from (named in errors)
    source: str = ""

    @property
    def needs_baseline(self) -> bool:
        return self.baseline or (self.no_shows is not None and self.no_shows.mode == "fixed")

    @property
    def runs(self) -> int:
        """How many tasks the sweep runs (the baseline plan not counted)."""
        draws = (len(self.no_shows.probabilities) * self.no_shows.draws
                 if self.no_shows is not None else 0)
        return len(self.scenarios) + draws

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SweepSpec:
        """Read a sweep file (``.yaml``/``.yml`` or ``.json``)."""
        source = Path(path)
        if not source.is_file():
            raise FileNotFoundError(f"no sweep file at {source}")
        try:
            data = read_scenario_file(source)
        except ScenarioError as exc:
            raise SweepFileError(exc.issues, source.name) from None
        except OSError as exc:
            raise SweepFileError([ScenarioIssue.said(
                say("sweep_valid.unreadable", problem=exc.strerror or str(exc)),
                source=say("sweep_valid.file"))], str(source)) from None
        return cls.from_dict(data, source.name, source.parent)

    @classmethod
    def from_dict(cls, data: Any, source: str = "",
                  folder: str | os.PathLike[str] | None = None) -> SweepSpec:
        """A sweep from parsed YAML/JSON; scenario files it names are read relative to
        ``folder``. Raises :class:`SweepFileError` listing every problem."""
        reader = _Reader(Path(folder) if folder is not None else Path.cwd())
        spec = reader.spec(data, source)
        if reader.issues:
            raise SweepFileError(reader.issues, source)
        assert spec is not None
        return spec


def load_sweep(path: str | os.PathLike[str]) -> SweepSpec:
    """Read a sweep file: see :meth:`SweepSpec.load`."""
    return SweepSpec.load(path)


class _Reader:
    """Reads a sweep file's data, collecting every problem as it goes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.issues: list[ScenarioIssue] = []

    def problem(self, where: str | Phrase, value: Any, expected: str | Message) -> None:
        """A problem of the key ``where`` (or of the file), said as a workbook's issue is:
        what the key held, if anything, and what was expected (text only where a
        :class:`CellError` gave no message)."""
        self.issues.append(ScenarioIssue.said(expected, value="" if value is None else str(value),
                                              source=where))

    def within(self, where: str, exc: ScenarioError) -> None:
        """A scenario file's or a change's issues as problems of the key ``where``, which
        is named before the file they name (a change's name none)."""
        self.issues += [dataclasses.replace(issue, source=say(
            "scenario_issue.source", source=where, where=issue.source) if issue.source else where)
            for issue in exc.issues]

    def spec(self, data: Any, source: str) -> SweepSpec | None:
        file = say("sweep_valid.file")
        if not isinstance(data, dict):
            self.problem(file, None, say("sweep_valid.mapping", keys=Listing(KEYS)))
            return None
        for key in data:
            if key not in KEYS:
                self.problem(str(key), None, say("scenario_valid.key", keys=Listing(KEYS)))
        scenarios = self.scenarios(data.get("scenarios"))
        scenarios += self.grid(data.get("grid"))
        no_shows = self.no_shows(data.get("no_shows"))
        if not scenarios and no_shows is None and not self.issues:
            self.problem(file, None, say("sweep_valid.something_to_run", scenarios="scenarios",
                                         grid="grid", no_shows="no_shows"))
        names = [s.name for s in scenarios]
        for name in sorted({n for n in names if names.count(n) > 1}):
            self.problem("scenarios", name, say("sweep_valid.names_differ"))
        baseline = data.get("baseline", "false")
        if str(baseline).lower() not in ("true", "false", "yes", "no"):
            self.problem("baseline", baseline, say("sweep_valid.boolean", true="true",
                                                   false="false"))
        name = data.get("name") or Path(source).stem or "sweep"
        return SweepSpec(name=str(name), description=str(data.get("description") or ""),
                         scenarios=tuple(scenarios), no_shows=no_shows,
                         select=self.select(data.get("select")),
                         settings=self.settings(data.get("solver")),
                         baseline=str(baseline).lower() in ("true", "yes"), source=source)

    def mapping(self, key: str, value: Any, keys: Sequence[str]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(key, None, say("sweep_valid.mapping", keys=Listing(tuple(keys))))
            return {}
        for k in value:
            if k not in keys:
                self.problem(f"{key}.{k}", None, say("scenario_valid.key",
                                                     keys=Listing(tuple(keys))))
        return value

    def number(self, where: str | Phrase, value: Any, lo: float, hi: float,
               whole: bool = False) -> float | None:
        try:
            number = float(str(value).strip())
        except ValueError:
            number = float("nan")
        if not lo <= number <= hi or (whole and not number.is_integer()):
            kind = "valid.whole_between" if whole else "valid.number_between"
            self.problem(where, value, say(kind, low=lo, high=hi))
            return None
        return number

    def select(self, value: Any) -> Selection:
        data = self.mapping("select", value, SELECT_KEYS)
        days: dict[str, date | None] = {}
        for key in ("start", "end"):
            days[key] = None
            if data.get(key) is not None:
                try:
                    days[key] = parse_date(str(data[key]))
                except CellError as exc:
                    self.problem(f"select.{key}", data[key], exc.wording or str(exc))
        if days["start"] and days["end"] and days["end"] < days["start"]:
            self.problem("select.end", str(days["end"]),
                         say("valid.on_or_after", start="select.start"))
        texts = {k: str(data[k]).strip() if data.get(k) is not None else None
                 for k in ("theme", "series")}
        return Selection(days["start"], days["end"], texts["theme"] or None,
                         texts["series"] or None)

    def settings(self, value: Any) -> SolverSettings:
        data = self.mapping("solver", value, SOLVER_KEYS)
        settings = DEFAULT_SETTINGS
        if "time_limit" in data:
            limit = self.number("solver.time_limit", data["time_limit"], 0.1, 86400)
            if limit is not None:
                settings = dataclasses.replace(settings, time_limit=limit)
        if "seed" in data:
            seed = self.number("solver.seed", data["seed"], 0, MAX_SEED, whole=True)
            if seed is not None:
                settings = dataclasses.replace(settings, seed=int(seed))
        if data.get("patience") is not None:
            patience = self.number("solver.patience", data["patience"], 0.1, 86400)
            if patience is not None:
                settings = dataclasses.replace(settings, no_improvement_seconds=patience)
        return settings

    def scenario(self, where: str, value: Any) -> Scenario | None:
        """A scenario given inline (its issues name ``where`` already, as their source)
        or as the path of a scenario file (theirs name the file, after ``where``)."""
        if not isinstance(value, str):
            try:
                return Scenario.from_dict(value, where)
            except ScenarioError as exc:
                self.issues += exc.issues
                return None
        path = self.folder / value
        if not path.is_file():
            self.problem(where, value, say("sweep_valid.scenario_file", path=path))
            return None
        try:
            return Scenario.load(path)
        except ScenarioError as exc:
            self.within(where, exc)
        return None

    def scenarios(self, value: Any) -> list[Scenario]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem("scenarios", None, say("sweep_valid.scenarios"))
            return []
        found = [self.scenario(f"scenarios[{i}]", v) for i, v in enumerate(value, start=1)]
        return [s for s in found if s is not None]

    def grid(self, value: Any) -> list[Scenario]:
        if value is None:
            return []
        if not isinstance(value, dict) or not value:
            self.problem("grid", None, say("sweep_valid.grid", attendance="attendance",
                                           weight="weight_<term>"))
            return []
        base = self.scenario("grid.base", value["base"]) if "base" in value else None
        params: dict[str, list[Any]] = {}
        for key, values in value.items():
            if key == "base":
                continue
            values = values if isinstance(values, list) else [values]
            converted = [self.grid_value(f"grid.{key}[{i}]", str(key), v)
                         for i, v in enumerate(values, start=1)]
            if any(v is None for v in converted) or not converted:
                if not converted:
                    self.problem(f"grid.{key}", None, say("sweep_valid.values"))
                continue
            params[str(key)] = converted
        return grid(base, **params) if params else []

    def grid_value(self, where: str, key: str, value: Any) -> Any:
        if isinstance(value, dict):
            return self.change(where, value)
        if isinstance(value, list):
            changes = [self.change(f"{where}[{i}]", v) for i, v in enumerate(value, start=1)]
            return None if any(c is None for c in changes) else changes
        if key == "attendance":
            factor = self.number(where, value, 0.01, 1000)
            return factor
        if key.startswith("weight_") and key.removeprefix("weight_") in DEFAULT_WEIGHTS:
            weight = self.number(where, value, 0, MAX_WEIGHT, whole=True)
            return None if weight is None else int(weight)
        # a number of another key (a misspelt term too) is refused here, where it is
        # named, so that every value given to grid() makes a scenario
        self.problem(where, value, say("sweep_valid.grid_value", change="{kind: ..., ...}",
                                       attendance="attendance", weight="weight_<term>",
                                       terms=Listing(tuple(DEFAULT_WEIGHTS))))
        return None

    def change(self, where: str, value: Any) -> Change | None:
        try:
            return change_from_dict(value)
        except ScenarioError as exc:
            self.within(where, exc)
        return None

    def no_shows(self, value: Any) -> NoShows | None:
        if value is None:
            return None
        before = len(self.issues)
        data = self.mapping("no_shows", value, NO_SHOW_KEYS)
        if not data:
            return None
        raw = data.get("probability")
        values = raw if isinstance(raw, list) else [raw]
        probabilities = []
        for i, v in enumerate(values, start=1):
            where = "no_shows.probability" + (f"[{i}]" if isinstance(raw, list) else "")
            p = self.number(where, v, 0, 1) if v is not None else None
            if v is None:
                self.problem(where, None, say("sweep_valid.probability"))
            if p is not None:
                probabilities.append(p)
        draws = self.number("no_shows.draws", data.get("draws"), 1, MAX_DRAWS, whole=True)
        seed = self.number("no_shows.seed", data.get("seed", 0), 0, MAX_SEED, whole=True)
        mode = str(data.get("mode", "fixed")).strip()
        if mode not in MODES:
            self.problem("no_shows.mode", mode, say("sweep_valid.mode", fixed="fixed",
                                                    replan="replan"))
        window = {k: str(data[k]).strip() for k in ("start", "end") if data.get(k) is not None}
        if len(window) == 1:
            self.problem("no_shows", None, say("sweep_valid.window", start="start", end="end"))
        for key, text in window.items():
            try:
                parse_datetime(text, end_of_day=key == "end")
            except CellError as exc:
                self.problem(f"no_shows.{key}", text, exc.wording or str(exc))
        history = self.history(data["history"]) if "history" in data else None
        if len(self.issues) > before or draws is None or seed is None:
            return None  # each mistake said once, where it was read
        try:  # what only the draws themselves refuse (no probability at all, say)
            return NoShows(tuple(probabilities), int(draws), int(seed), mode,
                           window.get("start", ""), window.get("end", ""), history)
        except SweepFileError as exc:
            self.issues += exc.issues
            return None

    def history(self, value: Any) -> dict[str, tuple[int, int]] | None:
        """Each volunteer's (no-shows, seats) from a ledger's ``hours.csv``: seats are
        the activities worked plus those missed."""
        path = self.folder / str(value)
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (OSError, ValueError, pd.errors.ParserError) as exc:
            self.problem("no_shows.history", value, say("sweep_valid.csv", problem=str(exc)))
            return None
        missing = [c for c in HISTORY_COLUMNS if c not in frame.columns]
        if missing:
            self.problem("no_shows.history", value, say(
                "sweep_valid.history", columns=Listing(HISTORY_COLUMNS), file="hours.csv",
                command="`matching ledger`"))
            return None
        history = {}
        for number, row in enumerate(frame.itertuples(index=False), start=2):
            # where a workbook's issue is: the row as the spreadsheet numbers it, the column
            line = say("issue.row", where="no_shows.history", row=number)
            worked = self.number(say("issue.column", where=line, column="activities"),
                                 row.activities, 0, 1e6, whole=True)
            missed = self.number(say("issue.column", where=line, column="no_shows"),
                                 row.no_shows, 0, 1e6, whole=True)
            if worked is not None and missed is not None:
                history[str(row.volunteer_id).strip()] = (int(missed), int(worked + missed))
        return history
