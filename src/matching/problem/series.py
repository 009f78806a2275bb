"""Series order as facts: sessions of a series take place in the order of their rows,
each starting once the session of the row before it has ended (a session listed after
one it must precede moves up before it, :func:`ranked`).

Where the sessions of a series are (or could at the soonest be) placed bounds where the
others can go. Two sessions whose windows contradict their row order can never both take
place, which ``check`` says, a must that cannot hold makes the plan infeasible before any
search, and an explanation names when a session is left out because of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np

from ..i18n import Message, Moment, say
from .entities import Activity

if TYPE_CHECKING:
    from .model import Problem


def ranked(activities: Sequence[Activity]) -> list[Activity]:
    """``activities`` with each session's place in its series
    (:attr:`~matching.problem.entities.Activity.session`), set once over the whole
    workbook so that a part of it (a quarter, a theme) keeps the order: the order of
    their rows, except that a session listed after one it must precede (its time ends
    before the other's begins: the sheet sorted by title, 第10讲 before 第2讲) moves up to
    just before the first such session."""
    places: dict[str, int] = {}
    for listed in sessions_listed(activities).values():
        order, _ = _taken_order(listed)
        places.update({a.activity_id: place for place, a in enumerate(order)})
    return [dataclasses.replace(a, session=places[a.activity_id])
            if a.activity_id in places else a for a in activities]


def sessions_listed(activities: Iterable[Activity]) -> dict[str, list[Activity]]:
    """The sessions of each series, in the order of their rows."""
    sessions: dict[str, list[Activity]] = {}
    for activity in activities:
        if activity.series_id:
            sessions.setdefault(activity.series_id, []).append(activity)
    return sessions


def listed_too_late(listed: Sequence[Activity]) -> tuple[Activity, Activity] | None:
    """The first session of a series listed after one it must precede, and that one
    (:func:`ranked` moves it up); None when every row can keep its place."""
    _, moved = _taken_order(listed)
    return moved[0] if moved else None


def _taken_order(listed: Sequence[Activity]
                 ) -> tuple[list[Activity], list[tuple[Activity, Activity]]]:
    """The sessions in the order they take place (:func:`ranked`), and each session
    moved up with the one it was put before."""
    order: list[Activity] = []
    moved: list[tuple[Activity, Activity]] = []
    latest = datetime.min  # the latest start in ``order``: rows in order stay linear
    for activity in listed:
        start, end = _window(activity)
        at = None if end > latest else next(
            (i for i, other in enumerate(order) if end <= _window(other)[0]), None)
        if at is None:
            order.append(activity)
        else:
            moved.append((activity, order[at]))
            order.insert(at, activity)
        latest = max(latest, start)
    return order, moved


def _window(activity: Activity) -> tuple[datetime, datetime]:
    """When the session may take place: its fixed time, else its window."""
    if activity.fixed_start:
        return (activity.fixed_start,
                activity.fixed_start + timedelta(minutes=activity.duration_minutes))
    return activity.earliest_start, activity.latest_end


@dataclass(frozen=True)
class SeriesBounds:
    """Where the placed sessions of its series leave an activity: it starts at slot
    ``earliest`` or later (the end of ``after``, the session of an earlier row that ends
    last) and ends by slot ``latest`` (the start of ``before``, the session of a later
    row that starts first). None: no such session."""

    earliest: int
    latest: int
    after: str | None = None
    before: str | None = None

    def allows(self, starts: np.ndarray, slots: int) -> np.ndarray:
        """Which of ``starts`` keep the order for an activity of ``slots`` slots."""
        return (starts >= self.earliest) & (starts + slots <= self.latest)


def series_bounds(problem: Problem, activity: Activity,
                  placed: Mapping[str, tuple[int, int]]) -> SeriesBounds:
    """The bounds that the sessions in ``placed`` (activity id to its first slot and the
    slot after its last) put on ``activity``, a session of a series or not."""
    bounds = SeriesBounds(0, problem.grid.size)
    if not activity.series_id:
        return bounds
    ids = problem.series[activity.series_id]
    here = ids.index(activity.activity_id)
    for other in ids[:here]:
        if other in placed and placed[other][1] > bounds.earliest:
            bounds = SeriesBounds(placed[other][1], bounds.latest, other, bounds.before)
    for other in ids[here + 1:]:
        if other in placed and placed[other][0] < bounds.latest:
            bounds = SeriesBounds(bounds.earliest, placed[other][0], bounds.after, other)
    return bounds


@dataclass(frozen=True)
class SeriesClash:
    """``first`` comes before ``second`` in the rows of series ``series_id``, but ends at
    slot ``first_end`` at the soonest, after slot ``second_start``, the last start
    ``second`` has: the two can never both take place."""

    series_id: str
    first: str
    second: str
    first_end: int
    second_start: int

    def wording(self, problem: Problem) -> Message:
        """The clash in words, naming the series, both sessions and the two moments."""
        grid = problem.grid
        first, second = (problem.activity_by_id[a] for a in (self.first, self.second))
        return say("why.series_clash", series=self.series_id,
                   first=say("piece.labelled", title=first.title, id=first.activity_id),
                   second=say("piece.labelled", title=second.title, id=second.activity_id),
                   end=Moment(grid.time_of(self.first_end), end=True),
                   start=Moment(grid.time_of(self.second_start)))


def series_clashes(problem: Problem, among: Collection[str] | None = None
                   ) -> list[SeriesClash]:
    """Sessions whose windows (and rooms) contradict the row order of their series: for
    each session that can never follow some earlier row, the first such row. Only the
    sessions in ``among`` count, when given (those that must take place); sessions that
    can never take place at all are left to their own reason."""
    facts = problem.facts
    clashes = []
    for series_id, every in problem.series.items():
        ids = [a for a in every if among is None or a in among]
        for index, aid in enumerate(ids):
            activity = problem.activity_by_id[aid]
            starts = facts.allowed_starts(aid)
            if not starts.size:
                continue
            for earlier in ids[:index]:
                soonest = facts.allowed_starts(earlier)
                if not soonest.size:
                    continue
                end = int(soonest[0]) + problem.duration_slots(problem.activity_by_id[earlier])
                bounds = series_bounds(problem, activity, {earlier: (int(soonest[0]), end)})
                if not bounds.allows(starts, problem.duration_slots(activity)).any():
                    clashes.append(SeriesClash(series_id, earlier, aid, end, int(starts[-1])))
                    break
    return clashes
