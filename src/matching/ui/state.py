"""The planner's model: what the coordinator has loaded, edited, chosen and solved.

:class:`PlannerState` is plain data with the operations a coordinator performs on it
(load, edit a cell, add or delete rows, choose a quarter, weigh the rules, pin an activity,
accept a plan). It owns no widget and no thread, so tests can drive it directly and the
widgets of :mod:`matching.ui.app` stay a view that only reads it and calls it. Every
planning decision is delegated to :mod:`matching.io`, :mod:`matching.problem`,
:mod:`matching.solver` and :mod:`matching.evaluate`.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import pandas as pd

from ..errors import DataError, Issue
from ..evaluate import Score, evaluate, kpis
from ..i18n import Message, Moment, Phrase, say
from ..io import build_problem, read_tables, save_workbook
from ..io.build import setting_text
from ..io.cells import CellError, parse_datetime
from ..io.outputs import OutputRefusal
from ..io.schema import TABLES
from ..plan import Plan
from ..problem import Problem
from ..problem.select import quarters, scoped
from ..problem.weights import DEFAULT_WEIGHTS, SOFT_TERMS
from ..solver import Pin, Progress, SolverSettings
from ..solver.pins import pin_faults

#: Tables shown in the data editor, most edited first.
EDITABLE_TABLES = ("activities", "roles", "volunteers", "availability", "rooms", "room_hours",
                   "closures", "themes", "preferences", "settings")

#: Where the app is: ``solving``/``stopping`` while the worker runs, then one of the rest.
Status = Literal["empty", "loaded", "invalid", "solving", "stopping", "solved", "stopped",
                 "infeasible", "no_plan", "saved", "error"]


def embedded_workbook() -> Path:
    """The embedded Qianjin 2023 workbook of the source tree.

    The package is installed editable from the repository, whose ``data`` folder sits
    beside ``src``; ``MATCHING_WORKBOOK`` overrides it for installs without the tree.
    """
    override = os.environ.get("MATCHING_WORKBOOK")
    if override:
        return Path(override)
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "data" / "qianjin-2023"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the embedded workbook data/qianjin-2023 was not found; "
                            "pass a workbook path or set MATCHING_WORKBOOK")


class RefusedError(ValueError):
    """What the coordinator asked that cannot be done as asked (a pin that cannot be
    kept, a save with no path), said in either language (``wording``): the app shows it
    in its language, as a refusal and not as a failure of the program."""

    def __init__(self, wording: Message) -> None:
        self.wording = wording
        super().__init__(wording.render("en"))


class UnknownError(RefusedError, KeyError):
    """A name the workbook does not have (an activity, a room, a volunteer, a quarter or
    theme to plan): a ``KeyError``, as a lookup's would be."""


@dataclass(frozen=True)
class Scope:
    """Which part of the workbook to plan: all of it, one quarter (``key`` "2023Q3") or
    one theme (``key`` its theme_id). Planning a quarter alone is much faster and is how
    the center works ("one theme a quarter")."""

    kind: Literal["all", "quarter", "theme"] = "all"
    key: str = ""


class LogBuffer:
    """The solver's log, capped so that a long search cannot grow the page without end."""

    def __init__(self, max_chars: int = 20_000) -> None:
        self.max_chars = max_chars
        self._lines: deque[str] = deque()
        self._size = 0

    def write(self, text: str) -> None:
        for line in text.splitlines() or [""]:
            self._lines.append(line)
            self._size += len(line) + 1
        while self._size > self.max_chars and len(self._lines) > 1:
            self._size -= len(self._lines.popleft()) + 1

    def clear(self) -> None:
        self._lines.clear()
        self._size = 0

    @property
    def text(self) -> str:
        return "\n".join(self._lines)


#: Suffixes of files that are not workbooks: a save to ``notes.txt`` would write a folder
#: of CSV files named like a text file.
_NOT_A_WORKBOOK = frozenset({".txt", ".csv", ".json", ".yaml", ".yml", ".html", ".htm",
                             ".ics", ".xls", ".ods", ".pdf", ".docx", ".zip",
                             ".py", ".ipynb", ".md"})


def _same(target: Path, source: Path | None) -> bool:
    """Whether ``target`` is the workbook loaded from ``source``: the same file or folder
    by any path (``Book.xlsx`` for ``book.xlsx`` where names ignore case)."""
    return source is not None and (target.resolve() == source.resolve() or (
        target.exists() and source.exists() and os.path.samefile(target, source)))


def _on_disk(path: Path) -> str | None:
    """A digest of what the workbook at ``path`` holds now: the file's bytes, or a
    folder's tables (its CSV files named as tables) by name; None when nothing is
    there."""
    digest = hashlib.sha256()
    files = ([path] if path.is_file() else sorted(
        p for p in path.iterdir()
        if p.is_file() and p.suffix.lower() == ".csv" and p.stem in TABLES)
        if path.is_dir() else [])
    if not files:
        return None
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _taken(target: Path, source: Path | None) -> bool:
    """Whether saving to ``target`` would write over something other than the workbook
    loaded from ``source`` (:func:`_same`): an existing file, or a folder holding files
    other than hidden ones (``.DS_Store``, ``.ipynb_checkpoints``)."""
    if _same(target, source):
        return False
    return target.is_file() or (target.is_dir() and any(
        not entry.name.startswith(".") for entry in target.iterdir()))


def _renumber(frame: pd.DataFrame) -> pd.DataFrame:
    """Index rows as the spreadsheet numbers them (header = row 1), so that an issue's
    ``row`` names the row the grid shows."""
    frame = frame.reset_index(drop=True)
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def _as_in_the_file(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as read, indexed by its rows' numbers in the file: blank rows skipped on
    reading leave gaps, and the grid and its issues name the rows as Excel and ``matching
    check`` do (row 35, not the 34th row read). A frame numbered otherwise is renumbered."""
    index = frame.index
    numbered = (index.name == "row" and pd.api.types.is_integer_dtype(index)
                and index.is_monotonic_increasing and index.is_unique
                and (len(index) == 0 or index[0] >= 2))
    return frame if numbered else _renumber(frame)


@dataclass
class PlannerState:
    """Everything the planner app knows; the widgets only display and call it.

    Attributes ending in ``problem`` are validated problems: ``workbook`` is the whole
    workbook as last validated, ``problem`` its part in ``scope``, and ``plan_problem`` the
    problem ``plan`` was made for (kept so that results stay consistent while the data
    are being edited).
    """

    source: Path | None = None
    #: what ``source`` held when it was read or last saved (:func:`_on_disk`): a save
    #: over it refuses a workbook someone else saved since
    read_as: str | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    workbook: Problem | None = None
    scope: Scope = field(default_factory=Scope)
    problem: Problem | None = None
    plan: Plan | None = None
    plan_problem: Problem | None = None
    #: the last plan a solve found, and its problem: the next solve's start and the
    #: plan "keep close" keeps close to, though a solve without a plan shows since
    found: tuple[Plan, Problem] | None = None
    score: Score | None = None
    kpis: pd.DataFrame | None = None
    pins: dict[str, Pin] = field(default_factory=dict)
    weights: dict[str, int] = field(default_factory=dict)
    enabled: dict[str, bool] = field(default_factory=dict)
    time_limit: float = 10.0
    workers: int = 1
    seed: int = 0
    keep_close: bool = False
    repeatable: bool = True
    language: str = "zh"
    #: The language of the last workbook that did not validate, when its settings say.
    read_language: str | None = None
    status: Status = "empty"
    message: str = ""
    #: Why the last solve gave no plan, as messages (shown in the app's language).
    conflicts: tuple[Phrase, ...] = ()
    errors: list[str] = field(default_factory=list)
    progress: Progress | None = None
    log: LogBuffer = field(default_factory=LogBuffer)
    dirty: bool = False
    #: Edits of the tables since loading, and how many there had been when the data of
    #: the running solve and of the shown plan were taken: a plan is stale after an edit.
    edits: int = 0
    solve_edits: int = 0
    plan_edits: int = 0

    # -- the workbook ------------------------------------------------------------------
    def load(self, path: str | os.PathLike[str]) -> bool:
        """Read the workbook at ``path`` and validate it; False when it has errors (they
        are in ``issues``, the tables stay editable so that they can be fixed here).

        A path that holds no workbook (mistyped, gone, not readable) changes nothing: the
        workbook in hand stays, and the status says what is wrong with the path."""
        if not str(path).strip():  # an empty field is no path (it would read ".")
            return self._refused(say("header.no_path"))
        try:
            tables, file_issues = read_tables(path)
        except OSError:
            return self._refused(say("header.no_workbook", path=str(path)))
        except DataError as exc:  # a file that is no workbook (a script, a damaged .xlsx)
            why = exc.issues[0].wording if exc.issues else None
            return self._refused(say("header.not_a_workbook", path=str(path),
                                     why=why or exc.issues[0].expected))
        self.conflicts = ()  # a message of the last workbook's solve is not this one's
        # nothing of the last workbook's solve is this one's: not its status, not its
        # progress line ("solved", "103/103 scheduled" over a workbook never solved)
        self.status, self.message, self.progress = "empty", "", None
        self.log.clear()
        self.source, self.read_as = Path(path), _on_disk(Path(path))
        self.tables = {name: _as_in_the_file(tables[name]) for name in TABLES if name in tables}
        self.workbook = self.problem = None
        self.scope = Scope()
        self.plan = self.plan_problem = self.score = self.kpis = self.found = None
        self.pins.clear()
        self.weights, self.enabled = {}, {}
        self.dirty = False
        self.edits = self.solve_edits = self.plan_edits = 0
        ok = self.validate(file_issues)
        if ok and self.workbook is not None:
            self.language = self.workbook.settings.language
        elif self.read_language:  # its errors, in the language its settings ask for
            self.language = self.read_language
        return ok

    def _refused(self, why: Message) -> bool:
        """What was asked is not done (a load that found no workbook, a save with no
        path): what is in hand stays, the status says why; False, as a load returns."""
        self.status, self.message = "error", ""
        self.conflicts = (why,)
        return False

    def validate(self, file_issues: list[Issue] | None = None) -> bool:
        """Validate the tables as they are now; on success rebuild the scope's problem.

        Runs after every edit, so that a mistake is pointed out at the cell where it was
        typed rather than at solve time.
        """
        try:
            workbook = build_problem(self.tables, file_issues)
        except DataError as exc:
            self._invalid(exc)
            return False
        self.issues = list(workbook.warnings)
        self.workbook = workbook
        if not self.weights:
            self.weights = workbook.weights()
            self.enabled = {term: self.weights[term] > 0 for term in SOFT_TERMS}
        self._restrict()
        if self.status in ("empty", "invalid", "saved", "error"):
            self.status, self.message = "loaded", ""
        return True

    def _invalid(self, exc: DataError) -> None:
        self.issues = exc.issues + exc.warnings
        self.read_language = exc.language
        if self.status not in ("solving", "stopping"):  # the run's status wins while it runs
            self.status, self.message = "invalid", ""

    def errors_only(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def cell_issues(self, table: str) -> list[Issue]:
        """Issues of one table that name a row, for marking cells in its grid."""
        return [i for i in self.issues if i.table == table and i.row is not None]

    def edit_cell(self, table: str, position: int, column: str, value: object) -> list[Issue]:
        """Set one cell (``position`` counts data rows from 0, as the grid does) and
        revalidate; returns the issues that now point at that cell."""
        frame = self.tables[table]
        if column not in frame.columns:
            raise KeyError(f"{table} has no column {column!r}")
        text = "" if value is None else str(value).strip()
        frame.at[frame.index[position], column] = text
        self.dirty = True
        self.edits += 1
        self.validate()
        row = frame.index[position]
        return [i for i in self.issues if i.table == table and i.row == row
                and i.column == column]

    def position_of(self, table: str, row: int) -> int | None:
        """Where row number ``row`` of ``table`` is among its data rows (from 0, as the
        grid counts them); None when the table has no such row."""
        frame = self.tables.get(table)
        if frame is None or row not in frame.index:
            return None
        return list(frame.index).index(row)

    def add_row(self, table: str, values: dict[str, str] | None = None) -> int:
        """Append a row (blank unless ``values`` are given); returns its position."""
        frame = self.tables.get(table)
        if frame is None:
            frame = pd.DataFrame(columns=list(TABLES[table].columns), dtype=object)
        row = {c: str((values or {}).get(c, "")) for c in frame.columns}
        number = int(frame.index.max()) + 1 if len(frame) else 2  # below the last row
        added = pd.DataFrame([row], dtype=object, index=pd.Index([number], name="row"))
        self.tables[table] = _as_in_the_file(pd.concat([frame, added]))
        self.dirty = True
        self.edits += 1
        self.validate()
        return len(self.tables[table]) - 1

    def delete_rows(self, table: str, positions: list[int]) -> None:
        """Delete rows by position; the rows below move up, as in a spreadsheet."""
        frame = self.tables[table]
        keep = [i for i in range(len(frame)) if i not in set(positions)]
        self.tables[table] = _renumber(frame.iloc[keep])
        self.dirty = True
        self.edits += 1
        self.validate()

    def save(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Write the tables back (to ``source`` by default) if, and only if, they are
        valid; an ``.xlsx`` is written atomically, a CSV folder file by file. A file or
        a folder with files at ``path`` other than the workbook in hand is someone's
        work, another center's workbook say: it is refused, never mixed with this one's
        tables; so are a name of another kind of file (``notes.txt``) and the workbook
        itself once someone else has saved it since it was read."""
        target = Path(path) if path else self.source
        if target is None:
            raise RefusedError(say("header.no_save_path"))
        if _taken(target, self.source):
            raise RefusedError(say("header.save_taken", path=str(target)))
        if target.suffix.lower() in _NOT_A_WORKBOOK:  # a CSV folder named like a file
            raise RefusedError(say("header.save_suffix", path=str(target),
                                   suffix=target.suffix))
        if _same(target, self.source) and _on_disk(target) != self.read_as:
            raise RefusedError(say("header.changed_on_disk", path=str(target)))
        try:
            save_workbook(self.tables, target)
        except DataError as exc:
            self._invalid(exc)
            self.message = "fix_to_save"
            return False
        except Exception:
            if _same(target, self.source):  # a folder written in part is this app's own
                self.read_as = _on_disk(target)
            raise
        if any(not frame.index.equals(_renumber(frame).index) for frame in self.tables.values()):
            # the file has no blank rows now: number the rows as it does
            self.tables = {name: _renumber(frame) for name, frame in self.tables.items()}
            self.validate()
        self.source, self.read_as, self.dirty = target, _on_disk(target), False
        self.status, self.message, self.conflicts = "saved", str(target), ()
        return True

    # -- scope -------------------------------------------------------------------------
    def workbook_name(self) -> str:
        """The workbook's name, also while it has errors to fix (from its settings row,
        else its file's): the header and the scope list say which workbook is open."""
        if self.workbook is not None:
            return self.workbook.settings.name
        settings = self.tables.get("settings")
        written = setting_text(settings, "name") if settings is not None else None
        return written or (self.source.stem if self.source else "")

    def scopes(self) -> list[tuple[Scope, str]]:
        """Every scope of the workbook with a short name: all, each quarter, each theme."""
        if self.workbook is None:
            return [(Scope(), self.workbook_name())]
        out = [(Scope(), self.workbook.settings.name)]
        out += [(Scope("quarter", name), name) for name, _, _ in quarters(self.workbook)]
        out += [(Scope("theme", t.theme_id), t.name) for t in self.workbook.themes]
        return out

    def set_scope(self, scope: Scope) -> None:
        """Plan ``scope`` from now on; ``KeyError`` if the workbook has no such part.

        The plan in hand is of the last scope: shown under the new one's name, the
        summer's plan read as the spring's ("103 of 103 scheduled" for a quarter of 85).
        Another scope therefore drops it, and the status says to solve."""
        if scope not in [known for known, _ in self.scopes()]:
            raise KeyError(f"the workbook has no {scope.kind} {scope.key!r}")
        if self.status in ("solving", "stopping"):
            raise RuntimeError("stop the solve before choosing another part to plan")
        if scope != self.scope and self.plan is not None:
            self.plan = self.plan_problem = self.score = self.kpis = self.found = None
            self.progress, self.conflicts = None, ()
            if self.status not in ("invalid", "empty"):
                self.status, self.message = "loaded", "scope_changed"
        elif self.status == "error" and self.plan is None and self.workbook is not None:
            self.status, self.message, self.conflicts = "loaded", "", ()  # a refusal answered
        self.scope = scope
        self._restrict()

    def _restrict(self) -> None:
        """Cut the scope out of the workbook; an edit that removed the scope's quarter or
        theme falls back to the whole workbook rather than failing the edit."""
        workbook = self.workbook
        if workbook is None:
            return
        scope = self.scope
        problem = None if scope.kind == "all" else scoped(workbook, scope.key, scope.kind)
        if problem is None:
            self.scope, self.problem = Scope(), workbook
        else:
            self.problem = problem

    # -- rules -------------------------------------------------------------------------
    def set_weight(self, term: str, value: int) -> None:
        if term not in DEFAULT_WEIGHTS:
            raise KeyError(f"unknown objective term {term!r}")
        self.weights[term] = int(value)

    def enable(self, term: str, on: bool) -> None:
        """Switch a soft term on or off; off means weight 0, the slider value is kept."""
        if term not in SOFT_TERMS:
            raise KeyError(f"{term!r} is not a soft term")
        self.enabled[term] = bool(on)

    def effective_weights(self) -> dict[str, int]:
        return {term: (w if self.enabled.get(term, True) else 0)
                for term, w in self.weights.items()}

    def solver_settings(self, log: object = None) -> SolverSettings:
        """The settings of the next solve: limits, weights and the pins in scope."""
        in_scope = set(self.problem.activity_by_id) if self.problem else set()
        return SolverSettings(
            time_limit=float(self.time_limit), workers=int(self.workers), seed=int(self.seed),
            repeatable=bool(self.repeatable), weights=self.effective_weights(),
            pins=tuple(p for a, p in sorted(self.pins.items()) if a in in_scope),
            log=log)  # type: ignore[arg-type]

    # -- pins --------------------------------------------------------------------------
    def pin(self, activity_id: str, *, start: datetime | str | None = None,
            room_id: str | None = None, staff: tuple[tuple[str, str], ...] = ()) -> Pin:
        """Keep part of an activity's plan as the coordinator decided it.

        ``start`` may be text (``YYYY-MM-DD HH:MM``); ids are checked here so that a typo
        is refused at once rather than making the next solve infeasible.
        """
        problem = self.workbook
        if problem is None or activity_id not in problem.activity_by_id:
            raise UnknownError(say("activity.unknown_activity", activity=activity_id))
        if isinstance(start, str):
            try:
                start = parse_datetime(start) if start.strip() else None
            except CellError as exc:
                raise RefusedError(say("activity.bad_start", start=start,
                                       expected=exc.wording or str(exc))) from None
        activity = problem.activity_by_id[activity_id]
        if start is not None and not (activity.earliest_start <= start and start + timedelta(
                minutes=activity.duration_minutes) <= activity.latest_end):
            raise RefusedError(say("activity.outside_window", start=Moment(start),
                               first=Moment(activity.earliest_start),
                               last=Moment(activity.latest_end, end=True)))
        pin = Pin(activity_id, start, room_id or None, tuple(staff))
        faults = pin_faults(problem, pin)
        if faults:  # an unknown name is a lookup that failed; the rest, a refusal
            fault = faults[0]
            raise (UnknownError if fault.key.startswith("activity.unknown_") else
                   RefusedError)(fault)
        self.pins[activity_id] = pin
        return pin

    def pin_current(self, activity_id: str, *, time: bool = True, room: bool = True,
                    people: bool = True) -> Pin:
        """Pin what the current plan decided for the activity (its time, room, people)."""
        if self.plan is None:
            raise RefusedError(say("activity.no_plan"))
        placed = self.plan.assignment_of.get(activity_id)
        if placed is None or placed.start is None:
            raise RefusedError(say("activity.not_scheduled", activity=activity_id))
        staff = tuple((s.role, s.volunteer_id) for s in self.plan.staff_of.get(activity_id, ()))
        return self.pin(activity_id, start=placed.start if time else None,
                        room_id=placed.room_id if room else None,
                        staff=staff if people else ())

    def unpin(self, activity_id: str) -> None:
        self.pins.pop(activity_id, None)

    # -- solving -----------------------------------------------------------------------
    def begin_solve(self) -> Problem:
        """Check that a solve may start and mark it started; returns the problem to solve."""
        if self.status in ("solving", "stopping"):
            raise RuntimeError("a solve is already running")
        if self.errors_only() or self.problem is None:
            raise DataError(self.errors_only() or [Issue.said("workbook", None, None, "",
                                                                say("valid.workbook"))])
        self.status, self.message, self.progress = "solving", "", None
        self.solve_edits = self.edits
        self.log.clear()
        return self.problem

    def hint_for(self, problem: Problem) -> Plan | None:
        """The last plan found (:attr:`found`) as a starting point, when it was made for
        the same data."""
        if self.found is not None and self.found[1].fingerprint == problem.fingerprint:
            return self.found[0]
        return None

    def accept(self, problem: Problem, plan: Plan, baseline: Plan | None = None) -> None:
        """Take the solver's plan, score it independently and set the final status.

        A stop before any plan was found keeps the previous plan; the status still says
        the search was stopped. A solve that ends without a plan (no plan keeps the pins,
        say) shows its own outcome on every page, each activity left out with why: the
        previous plan under an "infeasible" header read as this solve's.
        """
        stopped = plan.meta.get("stopped_by_user") == "yes" or self.status == "stopping"
        found = plan.objective is not None
        if found:
            self.found = plan, problem
        if found or self.plan is None or not stopped:
            self.plan, self.plan_problem = plan, problem
            self.plan_edits = self.solve_edits
            self.score = evaluate(problem, plan, baseline=baseline,
                                  weights=self.effective_weights())
            self.kpis = kpis(problem, plan, self.score)
        if stopped:
            self.status = "stopped"
        elif plan.status == "INFEASIBLE":
            self.status = "infeasible"
        elif not found:
            self.status = "no_plan"
        else:
            self.status = "solved"
        self.message = "; ".join(plan.conflicts) if not found else plan.status
        self.conflicts = plan.conflict_wording if not found else ()

    @property
    def plan_stale(self) -> bool:
        """Whether the tables were edited after the shown plan's data were taken."""
        return self.plan is not None and self.plan_edits != self.edits

    def fail(self, exc: BaseException) -> None:
        """Record an error so that it is shown, never lost, in place of the last one
        shown: data errors list their cells, a refusal (the app's, or an output's that
        cannot be written: a workbook open in Excel) says why in the app's language, and
        any other error shows its type and text, its traceback kept for a report."""
        self.conflicts = ()
        if isinstance(exc, DataError):
            self._invalid(exc)
        elif isinstance(exc, RefusedError | OutputRefusal):
            self._refused(exc.wording)
        else:
            self.status, self.message = "error", f"{type(exc).__name__}: {exc}"
            self.errors.append("".join(traceback.format_exception(exc)))
