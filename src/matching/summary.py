"""A solved plan as the tables and the few lines people read first.

Shared by the command line and the notebooks so both say the same thing, in the
workbook's language or in English (the default of a library caller).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .evaluate import Score, evaluate, kpis
from .export.labels import named
from .i18n import CATALOGUE, Listing, first_said, has, text
from .io import plan_to_tables
from .plan import Plan
from .plan_view import PlanView
from .problem import Problem
from .problem.size import estimate, too_large

if TYPE_CHECKING:  # scenarios load the solver, which a summary of a workbook needs not
    from .problem.entities import Activity
    from .scenario import PlanDiff

#: A repeatable search that ends before this share of its limit, its plan not proven
#: optimal, has the summary say why (see :func:`_ended_early`).
_EARLY = 0.9
#: Terminal columns the labels of what ``check`` prints take, and those of a plan's
#: summary: the values after them line up.
WORKBOOK_LABELS, PLAN_LABELS = 11, 12
#: Priorities in the order the lines count them.
_PRIORITIES = ("must", "high", "normal", "low")
#: Unscheduled activities a summary names with their reasons (the plan's assignments
#: table has them all).
_SHOWN = 20
#: Rules the baseline breaks on a what-if's changed workbook that its summary names.
_BROKEN_NAMED = 5


def pad(label: str, width: int) -> str:
    """``label`` and spaces to ``width`` terminal columns, one space at least: a Chinese
    character takes two columns, so counting characters would push the values after a
    Chinese label out of line."""
    used = sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in label)
    return label + " " * max(1, width - used)


@dataclass(frozen=True)
class Labelled:
    """Lines of a summary in ``language``, each a label padded to ``width`` terminal
    columns and a value."""

    language: str
    width: int

    def __call__(self, key: str, value: object) -> str:
        """The line of ``value`` labelled with the word ``key``."""
        return pad(text(key, self.language), self.width) + str(value)

    def say(self, key: str, /, **values: object) -> str:
        """The catalogue entry ``key`` in the lines' language, filled with ``values``."""
        return text(key, self.language, **values)


def counted(family: str, counts: dict[str, object], language: str) -> str:
    """``must 27, high 42`` or ``必办 27、高 42``: each key's word of ``family``, then its
    count (priorities, kinds of activity, kinds of change)."""
    return Listing(tuple(f"{text(f'{family}.{key}', language)} {count}"
                         for key, count in counts.items())).render(language)


def workbook_lines(problem: Problem, language: str = "en") -> list[str]:
    """Rows per table, horizon, slot size and every warning, in ``language``: what
    `check` prints."""
    s = problem.settings
    kinds: dict[str, int] = {}
    priorities: dict[str, int] = {}
    for a in problem.activities:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
        priorities[a.priority] = priorities.get(a.priority, 0) + 1
    line, days = Labelled(language, WORKBOOK_LABELS), problem.grid.days
    lines = [
        line("table.workbook", s.name),
        line("line.horizon", line.say(
            "summary.horizon", first=s.horizon_start, last=s.horizon_end,
            length=line.say("valid.size_day" if days == 1 else "valid.size_days", days=days),
            slot=s.slot_minutes, timezone=s.timezone,
            holidays=s.holidays or line.say("word.none"))),
        line("table.themes", len(problem.themes)),
        line("table.rooms", line.say("summary.rooms", count=len(problem.rooms),
                                     hours=len(problem.opening_hours),
                                     closures=len(problem.closures))),
        line("table.volunteers", line.say(
            "summary.volunteers", count=len(problem.volunteers),
            availability=len(problem.availability), preferences=len(problem.preferences))),
        line("table.activities", line.say(
            "summary.activities", count=len(problem.activities),
            kinds=counted("kind", dict(sorted(kinds.items())), language))),
        line("line.priority", counted(
            "priority", {p: priorities.get(p, 0) for p in _PRIORITIES}, language)),
        line("table.roles", line.say("summary.roles", count=len(problem.roles),
                                     least=sum(r.min for r in problem.roles),
                                     target=sum(r.target for r in problem.roles))),
        line("line.series", len(problem.series)),
    ]
    size = estimate(problem)
    lines.append(line("line.size", size.contents().render(language)))
    # the checks over the slot grid would take the memory the plan would: skip them
    skipped = too_large(size) is not None
    warnings = problem.input_warnings if skipped else problem.warnings
    lines.append(line("line.warnings", len(warnings)))
    lines += [f"  {w.render(language)}" for w in warnings]
    if skipped:
        lines.append(f"  {line.say('summary.unchecked')}")
    return lines


def kpi_deltas_shown(deltas: pd.DataFrame, language: str) -> pd.DataFrame:
    """The key figures of two plans (:func:`matching.scenario.kpi_deltas`) as a reader
    of ``language`` reads them: each figure in words, the headings in the language (the
    command line's summary and a notebook's comparison alike)."""
    return pd.DataFrame({
        text("col.key", language): [_figure(name, language) for name in deltas["name"]],
        text("chart.before", language): deltas["before"],
        text("chart.after", language): deltas["after"],
        text("col.delta", language): deltas["delta"],
    })


def _figure(name: str, language: str) -> str:
    """A key figure in words (``activities scheduled``, not ``activities_scheduled``); a
    figure of one part (``seats_short.<role>``) as the summaries name it."""
    return named("kpi" if has(f"kpi.{name}") else "measure", name, language)


def kpi_delta_lines(deltas: pd.DataFrame, language: str = "en") -> list[str]:
    """The key figures of two plans side by side (the ``name``, ``before``, ``after``,
    ``delta`` table of :func:`matching.scenario.kpi_deltas`), named and headed in
    ``language``, in columns that line up on a terminal: pandas counts a Chinese
    character as the two columns it takes only when told to."""
    shown = kpi_deltas_shown(deltas, language)
    with pd.option_context("display.unicode.east_asian_width", True):
        return shown.to_string(index=False).splitlines()


def _number(value: float) -> str:
    """A tier value: CP-SAT's bounds are floats, but whole numbers read as whole numbers
    (``855``, not ``855.0``; ``1234567``, not ``1.23457e+06``)."""
    return f"{value:.0f}" if float(value).is_integer() else str(value)


def _tiers(values: Sequence[float] | None) -> str:
    """Tier values as ``(0, 2, 1449)``."""
    return "-" if values is None else "(" + ", ".join(map(_number, values)) + ")"


def plan_tables(problem: Problem, plan: Plan, score: Score | None = None
                ) -> dict[str, pd.DataFrame]:
    """``assignments``, ``staffing``, ``score``, ``kpis`` and ``meta`` tables of a plan."""
    score = score or evaluate(problem, plan)
    tables = plan_to_tables(plan)
    tables["score"] = score.table()
    tables["kpis"] = kpis(problem, plan, score)
    meta = {
        **plan.meta,
        "objective": "" if plan.objective is None else " ".join(map(str, plan.objective)),
        "bound": "" if plan.bound is None else " ".join(map(_number, plan.bound)),
        "conflicts": " | ".join(plan.conflicts),
    }
    tables["meta"] = pd.DataFrame(sorted(meta.items()), columns=["key", "value"])
    return tables


def _ended_early(plan: Plan, language: str) -> str:
    """Why a repeatable search ended well before its limit without proving its plan
    optimal: it does a fixed amount of work, so that every run gives the same plan, and
    a fast machine does it sooner (the year at 20 s: in about 15 s). Said, so that a
    coordinator does not take the time left for a search that gave up (a search with a
    patience is not repeatable, and may have ended for its patience instead)."""
    meta = plan.meta
    limit = float(meta.get("time_limit", 0) or 0)
    if (meta.get("repeatable") != "yes" or plan.status == "OPTIMAL"
            or plan.wall_time >= _EARLY * limit):
        return ""
    return text("summary.early", language, done=plan.wall_time, limit=limit, race="--race")


#: The catalogue entry of each ``repeatable`` note the solver writes, by its English.
_REPEATABLE_NOTES = {CATALOGUE[key]["en"]: key for key in CATALOGUE
                     if key.startswith("repeatable.") or key == "word.yes"}


def _repeatable(plan: Plan, language: str) -> str:
    """Whether another run gives the same plan, and if not why, in ``language``: the
    plan's meta holds the solver's note in English, which stays for a note the catalogue
    does not know."""
    note = plan.meta["repeatable"]
    key = _REPEATABLE_NOTES.get(note)
    return (text(key, language) if key else note) + _ended_early(plan, language)


def summary_lines(problem: Problem, plan: Plan, score: Score | None = None,
                  language: str = "en") -> list[str]:
    """Status and time, then scheduled by priority, roles filled, volunteer load,
    objective and the unscheduled with their reasons, in ``language``; the conflicts
    instead when there is no plan."""
    line = Labelled(language, PLAN_LABELS)
    stopped = (line.say("summary.stopped") if plan.meta.get("stopped_by_user") == "yes"
               else "")
    lines = [line("line.status", line.say(
        "summary.status", status=named("solver_name", plan.status, language),
        seconds=plan.wall_time, stopped=stopped))]
    if plan.status == "INFEASIBLE":
        lines.append(line("line.conflicts", line.say("summary.infeasible")))
        return lines + [f"  - {c}" for c in plan.conflicts_in(language)]
    if plan.status == "UNKNOWN":  # no plan, and no proof that none exists
        return lines + [line("line.no_plan", c) for c in plan.conflicts_in(language)]
    score = score or evaluate(problem, plan)
    values = dict(zip(*kpis(problem, plan, score).to_dict("list").values(), strict=True))
    by_priority = counted("priority", {
        p: f"{values[f'scheduled_{p}']}/{values[f'total_{p}']}" for p in _PRIORITIES},
        language)
    bound = (line.say("summary.bound", bound=_tiers(plan.bound)) if plan.bound else
             line.say("summary.no_bound"))
    lines += [
        line("plan.scheduled", line.say(
            "summary.scheduled", scheduled=values["activities_scheduled"],
            total=values["activities_total"], priorities=by_priority)),
        line("line.roles", line.say(
            "summary.seats", filled=values["seats_filled"], target=values["seats_target"],
            least=values["seats_min"], below=_below_target(problem, plan))),
        line("table.volunteers", line.say(
            "summary.load", used=values["volunteers_used"], total=values["volunteers_total"],
            least=values["volunteer_load_hours_min"],
            mean=values["volunteer_load_hours_mean"],
            most=values["volunteer_load_hours_max"])),
        line("line.objective", line.say("summary.objective",
                                        objective=_tiers(plan.objective), bound=bound)),
        line("line.checked", line.say("summary.checked", count=len(score.hard_violations))),
    ]
    if "repeatable" in plan.meta:
        lines.append(line("line.repeatable", _repeatable(plan, language)))
    return lines + _unscheduled_lines(problem, plan, line)


def no_plan_report(plan: Plan, workbook: object, language: str = "en") -> str:
    """What ``solve`` writes instead of a plan it did not find (``conflicts.txt``): the
    status, then each conflict or reason on a line of its own, in ``language``."""
    head = text("summary.no_plan_report", language, workbook=workbook,
                status=named("solver_name", plan.status, language))
    return "\n".join([head, *(f"- {c}" for c in plan.conflicts_in(language))]) + "\n"


def _unscheduled_lines(problem: Problem, plan: Plan, line: Labelled) -> list[str]:
    """The unscheduled activities, the first :data:`_SHOWN` of them with their reasons."""
    unscheduled = [a for a in plan.assignments if a.start is None]
    if not unscheduled:
        return []
    titles = problem.activity_by_id
    lines = [line("plan.unscheduled", line.say("summary.unscheduled", count=len(unscheduled)))]
    lines += ["  - " + line.say("summary.reason", reason=a.reason_in(line.language),
                                activity=line.say("piece.labelled", id=a.activity_id,
                                                  title=titles[a.activity_id].title))
              for a in unscheduled[:_SHOWN]]
    if len(unscheduled) > _SHOWN:
        lines.append("  " + line.say("summary.more", count=len(unscheduled) - _SHOWN,
                                     table="assignments"))
    return lines


def _below_target(problem: Problem, plan: Plan) -> int:
    """Roles of scheduled activities with fewer people than their target."""
    return sum(len(roles) for roles in PlanView(problem, plan).shortfalls.values())


def _dropped_lines(problem: Problem, plan: Plan, changes: PlanDiff, line: Labelled
                   ) -> list[str]:
    """The activities the re-plan no longer schedules, each with why, higher priorities
    first, up to :data:`_BROKEN_NAMED` of them: "dropped 4" alone sent the reader to
    diff.csv."""
    ids = set(changes.changes.loc[changes.changes["change"] == "dropped", "activity_id"])
    rank = {p: i for i, p in enumerate(_PRIORITIES)}
    dropped = sorted((problem.activity_by_id[aid] for aid in ids
                      if aid in problem.activity_by_id),
                     key=lambda a: (rank.get(a.priority, len(rank)), a.activity_id))
    language = line.language

    def said(a: Activity) -> str:
        named_as = text("piece.ranked", language, title=a.title, id=a.activity_id,
                        priority=text(f"priority.{a.priority}", language))
        why = plan.assignment_of[a.activity_id].reason_in(language)
        return line.say("summary.whatif_dropped", activity=named_as, reason=why)

    return [f"  {x}" for x in first_said(dropped, said, language, _BROKEN_NAMED)]


def whatif_lines(line: Labelled, name: str, problem: Problem, baseline: Plan, plan: Plan,
                 score: Score, changes: PlanDiff) -> list[str]:
    """What ``whatif`` says of its re-plan ``plan`` of ``problem`` (the changed workbook),
    priced against ``baseline`` as ``score``, under the scenario ``name``: its status and
    what changed by kind, the key figures before and after, and the baseline priced on
    the changed workbook."""
    counts: dict[str, object] = {kind: n for kind, n in changes.counts().items() if n}
    # "before" is the baseline priced on its own workbook: a change of weights or of
    # attendance prices the same plan otherwise, which the deltas do not show. What the
    # changes removed is left out of it: not a rule the baseline breaks
    kept = problem.activity_by_id
    again = evaluate(problem, dataclasses.replace(
        baseline, assignments=tuple(a for a in baseline.assignments if a.activity_id in kept),
        staffing=tuple(s for s in baseline.staffing if s.activity_id in kept)))
    return [
        line("word.scenario", line.say(
            "summary.whatif", name=name,
            status=named("solver_name", plan.status, line.language),
            changed=changes.changed_assignments,
            counts=counted("diff", counts, line.language) if counts
            else line.say("word.none"))),
        *_dropped_lines(problem, plan, changes, line),
        *kpi_delta_lines(changes.kpis, line.language),
        line("tasks.baseline", line.say(
            "summary.whatif_baseline", tiers=again.tiers, broken=len(again.hard_violations),
            replan=score.tiers)),
        # which rules the changes make the baseline break: what the re-plan had to mend
        *(f"  {x}" for x in first_said(again.hard_violations,
                                       lambda finding: finding.text(line.language),
                                       line.language, _BROKEN_NAMED)),
    ]
