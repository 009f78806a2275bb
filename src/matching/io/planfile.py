"""Plan files: one versioned JSON file holding a plan, how it was found and what it was for.

A plan outlives the notebook that made it: it is published, reopened next week and
exported again after the workbook has been edited. The file therefore records the
workbook's fingerprint and, for every activity, the record it was planned against, so
that loading it against a changed workbook says exactly what no longer matches instead
of silently showing a plan for data that is gone.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from ..i18n import LANGUAGES, Listing, Message, Phrase, say, text
from ..i18n.records import phrase_record, read_phrase
from ..plan import Assignment, Plan, Staffing
from ..problem.entities import Activity
from ..problem.model import Problem
from ..problem.select import PLANNED, restrict, scope_of
from .cells import MOMENT_FORMAT, format_moment
from .outputs import FORCE_ARGUMENT, atomic_save, check_file

if TYPE_CHECKING:  # the solver (and OR-Tools) is not needed to read or write plan files
    from ..solver.settings import SolverSettings

FORMAT: Final = "matching-plan"
VERSION: Final = 1

MismatchKind = Literal["unknown_activity", "unknown_room", "unknown_volunteer",
                       "activity_changed", "activity_added"]


class PlanFileError(ValueError):
    """A file that is not a readable plan file: not JSON, another format, a newer
    version, or missing or malformed fields. The message names the file (``path``) and
    the fault (``fault``, a message of the catalogue), in English; :meth:`render` says
    it in Chinese too, as ``export`` and ``whatif`` speak the workbook's language."""

    def __init__(self, path: Path, fault: Message) -> None:
        self.path = path
        self.fault = fault
        super().__init__(self.render("en"))

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its fields, not its text: a Dask worker hands it back whole."""
        return type(self), (self.path, self.fault)

    def render(self, language: str = "en") -> str:
        return text("plan_file.fault", language, path=self.path,
                    fault=self.fault.render(language))


@dataclass(frozen=True)
class Mismatch:
    """One way a plan no longer fits the workbook it is loaded against, said by
    ``wording`` in either language (``detail`` is its English)."""

    kind: MismatchKind
    id: str
    wording: Message

    @property
    def detail(self) -> str:
        return self.wording.render("en")

    def render(self, language: str = "en") -> str:
        return self.wording.render(language)

    def __str__(self) -> str:
        return self.detail


class PlanMismatchError(PlanFileError):
    """The plan names ids the workbook does not have, or activities that changed since it
    was saved; ``mismatches`` lists every one, and the first :attr:`shown` are said a line
    each under the fault, the rest counted. ``other`` is the name of the workbook the plan
    was made for and that of the workbook it is loaded against, when they differ: the
    fault then says the plan is for another workbook, not that this one changed."""

    #: How many mismatches are said a line each: a plan loaded against another center's
    #: workbook differs in every activity.
    shown = 10

    def __init__(self, path: Path, mismatches: list[Mismatch],
                 other: tuple[str, str] | None = None) -> None:
        self.mismatches = tuple(mismatches)
        self.other = other
        count = len(mismatches)
        super().__init__(path, say("plan_file.other_workbook", planned=other[0],
                                   workbook=other[1], count=count) if other
                         else say("plan_file.mismatch" if count == 1
                                  else "plan_file.mismatches", count=count))

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.path, list(self.mismatches), self.other)

    def render(self, language: str = "en") -> str:
        lines = [super().render(language),
                 *(f"  {m.render(language)}" for m in self.mismatches[:self.shown])]
        rest = len(self.mismatches) - self.shown
        if rest > 0:
            lines.append(f"  {text('summary.more_broken', language, count=rest)}")
        return "\n".join(lines)


#: Activity fields kept out of plan files: free text no plan depends on, in which people
#: write a contact's phone number, as in volunteers' notes (``PERSONAL_COLUMNS``); and the
#: place of a session in its series, which the other rows give (a record is of its row).
_NOT_RECORDED: Final = frozenset({"notes", "session"})


def activity_record(problem: Problem, activity: Activity) -> dict[str, Any]:
    """The activity's fields and roles as JSON values: what a plan for it depends on."""
    record: dict[str, Any] = {}
    for f in dataclasses.fields(activity):
        if f.name in _NOT_RECORDED:
            continue
        value = getattr(activity, f.name)
        if isinstance(value, datetime):
            value = value.strftime(MOMENT_FORMAT)
        elif isinstance(value, frozenset):
            value = sorted(value)
        record[f.name] = value
    record["roles"] = [[r.role, r.min, r.target, r.max]
                       for r in problem.roles_of.get(activity.activity_id, ())]
    return record


def digest(record: Mapping[str, Any]) -> str:
    """A short, stable hash of a record (key order and platform do not matter)."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class PlanFile:
    """A plan file's content.

    ``workbook`` is the workbook the plan was made from (resolved against the plan
    file's folder), None when the file does not say; ``horizon`` the planned period,
    which may be one quarter of the workbook's; ``activities`` the record of each
    planned activity as it was when the plan was saved.
    """

    path: Path
    plan: Plan
    name: str
    fingerprint: str
    horizon: tuple[date, date]
    workbook: Path | None
    settings: Mapping[str, Any]
    activities: Mapping[str, Mapping[str, Any]]

    def mismatches(self, problem: Problem, *, added: bool = True) -> list[Mismatch]:
        """Everything in the plan that ``problem`` no longer has or has changed: unknown
        activity, room and volunteer ids, and activities whose fields or roles differ
        (naming each changed field with its old and new value); with ``added``, also the
        activities added to the plan's scope since (a plan to share lacks them; the
        record of what happened under the plan that ran does not)."""
        out: list[Mismatch] = []
        rooms: dict[str, list[str]] = {}
        people: dict[str, list[str]] = {}
        for a in self.plan.assignments:
            activity = problem.activity_by_id.get(a.activity_id)
            saved = self.activities.get(a.activity_id, {})
            if activity is None:
                gone = (say("plan_file.gone_activity", id=a.activity_id, title=saved["title"])
                        if "title" in saved
                        else say("plan_file.gone_activity_untitled", id=a.activity_id))
                out.append(Mismatch("unknown_activity", a.activity_id, gone))
                continue
            if a.room_id and a.room_id not in problem.room_by_id:
                rooms.setdefault(a.room_id, []).append(a.activity_id)
            record = activity_record(problem, activity)
            if saved and digest(record) != saved.get("digest"):
                changes = [f"{k} {saved.get(k)!r} -> {v!r}" for k, v in record.items()
                           if k in saved and saved[k] != v]
                if not changes and set(record) <= set(saved):
                    continue  # a file from before a field was left out of the record
                out.append(Mismatch("activity_changed", a.activity_id, say(
                    "plan_file.changed", id=a.activity_id, title=activity.title,
                    changes=Listing(tuple(changes), "semicolon") if changes
                    else say("plan_file.changed_data"))))
        for s in self.plan.staffing:  # staff of a vanished activity are reported with it
            if (s.volunteer_id not in problem.volunteer_by_id
                    and s.activity_id in problem.activity_by_id):
                people.setdefault(s.volunteer_id, []).append(s.activity_id)
        out += self._added(problem) if added else []
        out += [Mismatch("unknown_room", rid, say("plan_file.gone_room", id=rid,
                                                  activities=Listing(tuple(ids))))
                for rid, ids in rooms.items()]
        out += [Mismatch("unknown_volunteer", vid, say("plan_file.gone_volunteer", id=vid,
                                                       activities=Listing(tuple(ids))))
                for vid, ids in people.items()]
        return out

    @property
    def planned(self) -> tuple[str, ...]:
        """The activities the plan covers, in its order: those it places or leaves out,
        then those the file records as planned."""
        return tuple(dict.fromkeys([*(a.activity_id for a in self.plan.assignments),
                                    *self.activities]))

    def _added(self, problem: Problem) -> list[Mismatch]:
        """Activities of ``problem`` in the plan's period (and theme, for a theme's plan)
        that the plan does not cover, once the workbook has changed since the plan: added
        after it, or the one a solve that found no plan left out. Exported, they would be
        in no table, not even among the left out."""
        workbook, theme = scope_of(self.fingerprint)
        if workbook == scope_of(problem.fingerprint)[0]:
            return []  # the same workbook: what the plan leaves aside is another scope's
        start, end = self.horizon
        planned = set(self.planned)
        # a theme's plan spans its activities of the time: one added later may lie outside
        scope = (problem.activities if theme is not None
                 else restrict(problem, start=start, end=end).activities)
        return [Mismatch("activity_added", a.activity_id,
                         say("plan_file.added_activity", id=a.activity_id, title=a.title))
                for a in scope
                if a.activity_id not in planned and theme in (None, a.theme_id)]

    def mismatch_error(self, problem: Problem, *, added: bool = True
                       ) -> PlanMismatchError | None:
        """The refusal of this plan for ``problem``, saying every :meth:`mismatches`
        (and, for a workbook of another name, that the plan was made for another); None
        when the plan fits."""
        found = self.mismatches(problem, added=added)
        if not found:
            return None
        name = problem.settings.name
        return PlanMismatchError(self.path, found,
                                 (self.name, name) if name != self.name else None)

    def problem_for(self, problem: Problem) -> Problem:
        """The part of ``problem`` this plan covers: its period and its activities.

        A plan made for one quarter or theme is exported against the whole workbook
        file; without narrowing, every activity of the other quarters would count as
        left out.
        """
        start, end = self.horizon
        if (problem.settings.horizon_start, problem.settings.horizon_end) != (start, end):
            problem = restrict(problem, start=start, end=end)
        # an activity the file records as planned stays, row or not: it is never left
        # out of an export without a word (plan_file_with_edits refuses a missing row)
        planned = set(self.planned)
        if set(problem.activity_by_id) <= planned:
            return problem
        return dataclasses.replace(
            problem, activities=tuple(a for a in problem.activities if a.activity_id in planned),
            roles=tuple(r for r in problem.roles if r.activity_id in planned),
            input_warnings=(), fingerprint=f"{problem.fingerprint}:{PLANNED}")


def save_plan(plan: Plan, problem: Problem, path: str | os.PathLike[str], *,
              workbook: str | os.PathLike[str] | None = None,
              settings: SolverSettings | None = None, force: bool = False) -> Path:
    """Write ``plan`` for ``problem`` to the plan file ``path`` (JSON, UTF-8), atomically.

    Parameters
    ----------
    plan, problem
        The plan and the problem it was made for.
    path
        Where to write; an existing file is replaced only once the new one is complete.
    workbook
        The workbook file or folder ``problem`` was read from, so that the plan can be
        exported again later without naming it; stored relative to the plan file.
    settings
        The search settings used; without them those recorded in ``plan.meta`` are kept.
    force
        Replace whatever file is at ``path``; without it only a plan file is replaced.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    matching.io.outputs.OutputFileError
        When a file other than a plan file is at ``path`` and ``force`` is not set.
    PlanFileError
        When ``plan`` names activities, rooms or volunteers ``problem`` does not have (a
        plan of another workbook, or of the year saved with a quarter): it could not be
        read back against either. Nothing is written.
    """
    target = Path(path)
    check_file(target, force=force, ours=_is_plan_file, option=FORCE_ARGUMENT)
    s = problem.settings
    unknown = PlanFile(target, plan, s.name, problem.fingerprint,
                       (s.horizon_start, s.horizon_end), None, {}, {}
                       ).mismatches(problem, added=False)  # ids only: nothing recorded
    if unknown:
        raise PlanFileError(target, say("plan_file.not_for_problem", count=len(unknown),
                                        ids=Listing(tuple(m.id for m in unknown), limit=5)))
    content = {
        "format": FORMAT,
        "version": VERSION,
        "workbook": {
            "name": s.name,
            "path": _relative(Path(workbook), target.parent) if workbook is not None else None,
            "fingerprint": plan.meta.get("fingerprint") or problem.fingerprint,
            "horizon_start": s.horizon_start.isoformat(),
            "horizon_end": s.horizon_end.isoformat(),
            "timezone": s.timezone,
        },
        "settings": _settings_record(plan, problem, settings),
        "result": {"status": plan.status,
                   "objective": list(plan.objective) if plan.objective is not None else None,
                   "bound": list(plan.bound) if plan.bound is not None else None,
                   "wall_time": plan.wall_time, "solutions": plan.solutions,
                   "conflicts": list(plan.conflicts),
                   "conflict_wording": [_stored(c) for c in plan.conflict_wording]},
        "meta": {str(k): str(v) for k, v in plan.meta.items()},
        "activities": {a.activity_id: _with_digest(activity_record(problem, a))
                       for a in problem.activities
                       if a.activity_id in plan.assignment_of},
        "assignments": [{"activity_id": a.activity_id, "start": _fmt(a.start),
                         "end": _fmt(a.end), "room_id": a.room_id, "reason": a.reason,
                         "why": _stored(a.why)}
                        for a in plan.assignments],
        "staffing": [{"activity_id": x.activity_id, "role": x.role,
                      "volunteer_id": x.volunteer_id} for x in plan.staffing],
    }
    text = json.dumps(content, ensure_ascii=False, indent=1) + "\n"
    atomic_save(target, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return target


def _is_plan_file(path: Path) -> bool:
    """Whether ``path`` reads as a plan file (of any version): one :func:`save_plan` may
    replace."""
    try:
        content = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(content, dict) and content.get("format") == FORMAT


def read_plan_file(path: str | os.PathLike[str]) -> PlanFile:
    """Read a plan file written by :func:`save_plan`, without comparing it to any workbook.

    Raises
    ------
    FileNotFoundError
        When there is no file at ``path``.
    PlanFileError
        When the file is not a plan file of a version this package reads, or is damaged.
    """
    source = Path(path)
    try:
        content = json.loads(source.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise PlanFileError(source, say("plan_file.not_utf8")) from None
    except json.JSONDecodeError as exc:
        raise PlanFileError(source, say("plan_file.not_json", problem=json_problem(exc),
                                        line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise PlanFileError(source, say("plan_file.too_deep")) from None
    if not isinstance(content, dict):
        raise PlanFileError(source, say("plan_file.not_an_object"))
    if content.get("format") != FORMAT:  # said plainly: a reader need not know the field
        found = content.get("format")
        raise PlanFileError(source, say("plan_file.no_format", field="format")
                            if found is None else say("plan_file.other_format",
                                                      field="format", found=str(found),
                                                      expected=FORMAT))
    version = content.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= VERSION:
        raise PlanFileError(source, say("plan_file.version", version=repr(version),
                                        latest=VERSION))
    try:
        planfile = _parse(source, content)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PlanFileError(source, say("plan_file.damaged",
                                        problem=f"{type(exc).__name__}: {exc}")) from None
    first, last = planfile.horizon
    outside = [a.activity_id for a in planfile.plan.assignments
               if a.start is not None and not first <= a.start.date() <= last]
    if outside:  # an edited horizon would export no events over a good calendar
        raise PlanFileError(source, say("plan_file.outside", activities=Listing(
            tuple(outside[:5])), first=first, last=last))
    return planfile


def json_problem(exc: json.JSONDecodeError) -> Message | str:
    """What the JSON parser found wrong, in the catalogue's words (its own are English
    and terse: ``Expecting value``), or its own words for a fault the catalogue does not
    know; plan files and scenario files say it so."""
    name = next((name for prefix, name in _JSON_PROBLEMS if exc.msg.startswith(prefix)), None)
    return exc.msg if name is None else say(f"json_problem.{name}")


#: The parser's messages by how they begin (Python's own decoder adds the character to
#: some) and their names in the catalogue.
_JSON_PROBLEMS: Final = (
    ("Expecting property name enclosed in double quotes", "key"),
    ("Expecting ':' delimiter", "colon"), ("Expecting ',' delimiter", "comma"),
    ("Expecting value", "value"), ("Unterminated string starting at", "unterminated"),
    ("Invalid control character", "control"), ("Invalid \\uXXXX escape", "unicode_escape"),
    ("Invalid \\escape", "escape"), ("Extra data", "extra"))


def load_plan(path: str | os.PathLike[str], problem: Problem | None = None, *,
              strict: bool = True) -> Plan:
    """The plan in the plan file ``path``, checked against ``problem`` when given.

    Parameters
    ----------
    path
        A file written by :func:`save_plan`.
    problem
        The workbook the plan will be used with. Every id the plan names must still
        exist and every planned activity must be unchanged.
    strict
        With a mismatch, raise (the default) or only warn and return the plan anyway,
        for a coordinator who wants to see the old plan next to the new data.

    Raises
    ------
    PlanFileError
        When the file cannot be read as a plan file.
    PlanMismatchError
        When ``strict`` and the plan does not match ``problem``; its ``mismatches``
        list every difference, its message the first ten.
    """
    planfile = read_plan_file(path)
    refusal = None if problem is None else planfile.mismatch_error(problem)
    if refusal is not None and strict:
        raise refusal
    if refusal is not None:
        warnings.warn(str(refusal), stacklevel=2)
    return planfile.plan


# -- helpers ---------------------------------------------------------------------------

def _parse(source: Path, content: dict[str, Any]) -> PlanFile:
    book, result = content["workbook"], content["result"]
    assignments = tuple(
        Assignment(str(a["activity_id"]), _time(a.get("start")), _time(a.get("end")),
                   str(a["room_id"]) if a.get("room_id") else None, str(a.get("reason") or ""),
                   _wording(a.get("why")))
        for a in content["assignments"])
    staffing = tuple(Staffing(str(x["activity_id"]), str(x["role"]), str(x["volunteer_id"]))
                     for x in content["staffing"])
    plan = Plan(assignments, staffing, str(result["status"]),
                _tiers(result.get("objective")), _tiers(result.get("bound")),
                float(result.get("wall_time") or 0.0), int(result.get("solutions") or 0),
                tuple(str(c) for c in result.get("conflicts") or ()),
                {str(k): str(v) for k, v in dict(content.get("meta") or {}).items()},
                _conflict_wording(result))
    workbook = (source.parent / book["path"]).resolve() if book.get("path") else None
    return PlanFile(source, plan, str(book["name"]), str(book["fingerprint"]),
                    (date.fromisoformat(book["horizon_start"]),
                     date.fromisoformat(book["horizon_end"])),
                    workbook, dict(content.get("settings") or {}),
                    {str(k): dict(v) for k, v in dict(content.get("activities") or {}).items()})


def _stored(phrase: Phrase | None) -> object:
    """``phrase`` as the file keeps it (:func:`~matching.i18n.records.phrase_record`), or
    None when it holds a value a file cannot keep: the reason's English text is then
    shown in every language, but the plan is saved (a plan is never lost to a reason)."""
    try:
        return phrase_record(phrase)
    except TypeError:
        return None


def _wording(record: object) -> Phrase | None:
    """The phrase a file stored for a reason or a conflict, to say it in any language;
    None when it stored none (files written before sentences were kept as phrases) or one
    this version's catalogue can no longer say: the file's English text is shown then."""
    if record is None:
        return None
    try:
        phrase = read_phrase(record)
        for language in LANGUAGES:  # a key or a value the catalogue dropped fails here
            phrase.render(language)
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return phrase


def _conflict_wording(result: Mapping[str, Any]) -> tuple[Phrase, ...]:
    """The conflicts as phrases when the file can say every one of them, else none, so
    that they are all shown in one language."""
    stored = list(result.get("conflict_wording") or ())
    wording = tuple(p for p in map(_wording, stored) if p is not None)
    return wording if len(wording) == len(stored) == len(result.get("conflicts") or ()) else ()


def _settings_record(plan: Plan, problem: Problem, settings: SolverSettings | None
                     ) -> dict[str, Any]:
    """The search settings as JSON values (from ``settings`` or else the plan's meta);
    weights are the resolved ones, so the file says what was optimised without the
    workbook."""
    if settings is not None:
        return {"time_limit": settings.time_limit, "workers": settings.workers,
                "seed": settings.seed, "repeatable": settings.repeatable,
                "no_improvement_seconds": settings.no_improvement_seconds,
                "weights": problem.weights(settings.weights),
                "pins": [{"activity_id": p.activity_id, "start": _fmt(p.start),
                          "room_id": p.room_id, "staff": [list(s) for s in p.staff]}
                         for p in settings.pins]}
    meta = plan.meta
    record: dict[str, Any] = {k: _number(meta[k]) for k in ("time_limit", "workers", "seed")
                              if k in meta}
    if meta.get("weights"):
        pairs = (item.split("=", 1) for item in meta["weights"].split(";") if "=" in item)
        record["weights"] = {k: _number(v) for k, v in pairs}
    return record


def _number(text: str) -> int | float | str:
    """``"5"`` as 5 and ``"2.5"`` as 2.5; anything else stays text."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def _with_digest(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "digest": digest(record)}


def _relative(workbook: Path, folder: Path) -> str:
    """``workbook`` relative to ``folder`` when they share a root, else absolute."""
    try:
        return Path(os.path.relpath(workbook.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return workbook.resolve().as_posix()


def _fmt(moment: datetime | None) -> str | None:
    return format_moment(moment) or None


def _time(text: object) -> datetime | None:
    return datetime.strptime(str(text), MOMENT_FORMAT) if text else None


def _tiers(values: object) -> tuple[int, ...] | None:
    return tuple(values) if isinstance(values, list) else None
