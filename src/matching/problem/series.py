"""Series order as facts: sessions of a series take place in the order of their rows,
each starting once the session of the row before it has ended (in the order of their
dates instead where the rows contradict them, :func:`session_order`).

Where the sessions of a series are (or could at the soonest be) placed bounds where the
others can go. Two sessions whose windows contradict their row order can never both take
place, which ``check`` says, a must that cannot hold makes the plan infeasible before any
search, and an explanation names when a session is left out because of it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np

from ..i18n import Message, Moment, say
from .entities import Activity

if TYPE_CHECKING:
    from .model import Problem


def session_order(activities: Iterable[Activity]) -> dict[str, tuple[str, ...]]:
    """Activity ids of each series in session order: the order of their rows, unless a
    session is listed after one it must precede (:func:`listed_against_dates`: the sheet
    sorted by title), then the order of their dates, rows breaking ties."""
    return {sid: tuple(a.activity_id for a in (sorted(listed, key=_window)
                                                 if listed_against_dates(listed) else listed))
            for sid, listed in sessions_listed(activities).items()}


def sessions_listed(activities: Iterable[Activity]) -> dict[str, list[Activity]]:
    """The sessions of each series, in the order of their rows."""
    sessions: dict[str, list[Activity]] = {}
    for activity in activities:
        if activity.series_id:
            sessions.setdefault(activity.series_id, []).append(activity)
    return sessions


def listed_against_dates(listed: Sequence[Activity]) -> tuple[Activity, Activity] | None:
    """The first session (and the earlier row it must precede) whose time ends before
    that of an earlier row of its series begins: row order no plan could keep. None when
    the rows can be kept."""
    latest: Activity | None = None  # the earlier row that begins last
    for activity in listed:
        if latest is not None and _window(activity)[1] <= _window(latest)[0]:
            return latest, activity
        if latest is None or _window(activity)[0] > _window(latest)[0]:
            latest = activity
    return None


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
