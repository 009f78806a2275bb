"""Cutting a problem down to one quarter, theme or period, to plan it on its own."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from typing import Literal

from .model import Problem

#: The mark an export's problem narrowed to a plan's activities adds to its fingerprint.
PLANNED = "planned"


def quarters(problem: Problem) -> list[tuple[str, date, date]]:
    """``("2023Q1", first day, last day)`` for each calendar quarter the horizon touches."""
    out = []
    s = problem.settings
    year, quarter = s.horizon_start.year, (s.horizon_start.month - 1) // 3
    while date(year, quarter * 3 + 1, 1) <= s.horizon_end:
        first = date(year, quarter * 3 + 1, 1)
        nxt = date(year + (quarter == 3), (quarter + 1) % 4 * 3 + 1, 1)
        out.append((f"{year}Q{quarter + 1}", max(first, s.horizon_start),
                    min(nxt - timedelta(days=1), s.horizon_end)))
        year, quarter = year + (quarter == 3), (quarter + 1) % 4
    return out


def first_quarter(problem: Problem) -> tuple[str, date, date] | None:
    """The first of :func:`quarters` whose activities :func:`restrict` would keep (a
    horizon may begin days before a quarter ends, its activities all in the next): the
    quarter a notebook or the app plans when none is named. The first of all when none
    holds a whole activity; None for a horizon of no quarter."""
    found = quarters(problem)
    for quarter in found:
        lo, hi = (datetime.combine(day, datetime.min.time()) for day in (
            quarter[1], quarter[2] + timedelta(days=1)))
        if any(lo <= a.earliest_start and a.latest_end <= hi for a in problem.activities):
            return quarter
    return found[0] if found else None


def restrict(problem: Problem, *, start: date | None = None, end: date | None = None,
             theme_id: str | None = None) -> Problem:
    """The sub-problem of activities of ``theme_id`` and/or whose whole window lies in
    ``[start, end]``; the horizon shrinks to those dates so every fact is cheaper.

    Volunteers, rooms and their rules stay; weekly and monthly limits then count only
    the selected activities.
    """
    first = start or problem.settings.horizon_start
    last = end or problem.settings.horizon_end
    lo = datetime.combine(first, datetime.min.time())
    hi = datetime.combine(last + timedelta(days=1), datetime.min.time())
    activities = tuple(
        a for a in problem.activities
        if (theme_id is None or a.theme_id == theme_id)
        and lo <= a.earliest_start and a.latest_end <= hi
    )
    if theme_id is not None and start is None and end is None and activities:
        first = min(a.earliest_start for a in activities).date()
        last = max(a.latest_end - timedelta(microseconds=1) for a in activities).date()
    kept = {a.activity_id for a in activities}
    settings = dataclasses.replace(problem.settings, horizon_start=first, horizon_end=last)
    return dataclasses.replace(
        problem, settings=settings, activities=activities,
        roles=tuple(r for r in problem.roles if r.activity_id in kept),
        input_warnings=(), fingerprint=problem.fingerprint + f":{first}..{last}"
        + (f":{theme_id}" if theme_id else ""))


def scope_of(fingerprint: str) -> tuple[str, str | None]:
    """The workbook's own fingerprint in a restricted problem's (``<workbook>:<first>..
    <last>[:<theme>]``, as :func:`restrict` writes it, once or more) and the theme it
    kept, if one: a plan saved for one quarter or theme says so by its fingerprint
    alone. A period (``..``) and an export's ``planned`` mark are no theme."""
    workbook, *parts = fingerprint.split(":")
    themes = [part for part in parts if ".." not in part and part != PLANNED]
    return workbook, themes[-1] if themes else None


def scoped(problem: Problem, scope: str | None,
           kind: Literal["quarter", "theme"] | None = None) -> Problem | None:
    """The part of ``problem`` a coordinator names as the app's scope does: a quarter
    (``2023Q3``, one of :func:`quarters`), a theme id, or ``all`` (and None) for the
    whole workbook; ``kind`` says which of the two ``scope`` is, when it is known. None
    when ``problem`` has no such quarter or theme."""
    if scope is None or (scope == "all" and kind is None):
        return problem
    for name, first, last in quarters(problem) if kind in (None, "quarter") else ():
        if name == scope:
            return restrict(problem, start=first, end=last)
    if kind in (None, "theme") and scope in problem.theme_by_id:
        return restrict(problem, theme_id=scope)
    return None


def in_scope_of(problem: Problem, fingerprint: str) -> Problem:
    """``problem`` cut as a plan whose fingerprint is ``fingerprint`` was cut: each
    period and theme :func:`restrict` recorded in it, in turn (a whole workbook's
    fingerprint leaves ``problem`` as it is)."""
    _, *parts = (part for part in fingerprint.split(":") if part != PLANNED)
    for index, part in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else None
        if ".." not in part:  # a theme, cut with the period before it by one restrict
            problem = restrict(problem, theme_id=part)
        elif following is None or ".." in following:
            first, last = part.split("..")
            problem = restrict(problem, start=date.fromisoformat(first),
                               end=date.fromisoformat(last))
    return problem


def scope_name(problem: Problem, fingerprint: str) -> str | None:
    """The name ``solve --scope`` takes for the part of ``problem`` a plan whose
    fingerprint is ``fingerprint`` covers: its theme, or the quarter of its period; None
    for a whole workbook or another period."""
    _, theme = scope_of(fingerprint)
    if theme is not None:
        return theme
    periods = [part for part in fingerprint.split(":")[1:] if ".." in part]
    if not periods:
        return None
    first, last = periods[-1].split("..")
    return next((name for name, start, end in quarters(problem)
                 if (str(start), str(end)) == (first, last)), None)


def changed_outside(before: Problem, after: Problem, inside: set[str]) -> int:
    """How many activities outside ``inside`` (the ids of the part planned) differ from
    ``before`` to ``after`` (added, removed, or changed with their roles): a scenario's
    changes there are not re-planned."""
    def record(problem: Problem, activity_id: str) -> object:
        activity = problem.activity_by_id.get(activity_id)
        return activity and (activity, problem.roles_of[activity_id])

    ids = {*before.activity_by_id, *after.activity_by_id} - inside
    return sum(record(before, aid) != record(after, aid) for aid in ids)
