"""Counting arguments: more must-do work in a time window than a resource can hold.

A coordinator reads "14 activities need the hall between Monday 08:00 and Friday 16:00:
16 h of use, the hall is open 10 h" in seconds, and CP-SAT may take minutes to prove the
same. Three resources are counted, each only for activities that must take place
(``must`` or pinned):

* **rooms**: the activities whose eligible rooms all lie in a set ``S`` need, inside a
  window, at least their durations in open slots of the rooms of ``S``; and where the
  rooms of ``S`` have a turnaround, their durations plus that turnaround each in the
  window's length, as a room is blocked after each use (only the last turnaround may
  run past the window's end: two 90-minute events in the hall between 09:00 and 12:00
  do not fit when it needs 30 minutes in between, though 3 h of it are open);
* **cohorts**: the activities of one cohort never overlap, so inside a window their
  durations add up to at most the slots some of them could use;
* **people**: a role whose ``min`` equals the number of volunteers who could ever fill
  it needs every one of them, and a volunteer is in one place at a time, only when
  available.

Windows run from an activity's earliest start to another's latest end, so every group of
activities confined to a window is counted. An activity's starts are those at which its
roles' minimums can be met (``Facts.staffable_starts``): two lessons of one class, each
with a teacher who is free for the same one hour only, need two hours of the class's
time in that hour, however wide their windows. Each finding is a :class:`Shortage`;
nothing here needs a solver.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

import numpy as np

from ..i18n import Listing, Message, Moment, say
from .eligibility import Facts
from .model import Problem

#: Shortages reported at most (the largest first): a short list is read, a long one not.
MOST_SHORTAGES = 3
#: Window ends tried at most per side; more are thinned evenly (large workbooks), which
#: may miss a shortage but never reports a false one.
MOST_WINDOW_ENDS = 256


@dataclass(frozen=True)
class Shortage:
    """``needed`` slots of use in ``[first, end)`` against ``available`` ones."""

    resource: Message  # what is short: "the rooms Hall, Studio", "the time of Li"
    activity_ids: tuple[str, ...]
    first: int
    end: int
    needed: int
    available: int

    def sentence(self, problem: Problem) -> Message:
        grid, minutes = problem.grid, problem.settings.slot_minutes
        titles = tuple(problem.activity_by_id[a].title for a in self.activity_ids)
        staffed = staffing_shapes(problem, self.activity_ids, self.first, self.end)
        return say("conflict.shortage", count=len(titles), titles=Listing(titles, limit=3),
                   needed=self.needed * minutes / 60, resource=self.resource,
                   first=Moment(grid.time_of(self.first)), last=Moment(grid.time_of(self.end)),
                   available=self.available * minutes / 60,
                   staffed=say("conflict.staffed_times") if staffed else "")


def staffing_shapes(problem: Problem, activity_ids: Iterable[str], first: int, end: int
                    ) -> bool:
    """Whether the window ``[first, end)`` of these activities is theirs only for the
    times they can be staffed (:func:`starts_of`): some activity's allowed starts reach
    outside it. A sentence on the window then says so."""
    facts = problem.facts
    return any(facts.allowed_starts(a)[0] < first or facts.allowed_starts(a)[-1]
               + problem.duration_slots(problem.activity_by_id[a]) > end
               for a in activity_ids)


def starts_of(facts: Facts, activity_id: str) -> np.ndarray:
    """The starts an activity that must take place can take: where its roles' minimums
    can be met, or its allowed starts when they can be met nowhere (a role nobody can
    fill is told as such)."""
    staffable = facts.staffable_starts(activity_id)
    return staffable if staffable.size else facts.allowed_starts(activity_id)


def shortages(problem: Problem, pinned: Iterable[str] = ()) -> list[Shortage]:
    """The worst shortages of rooms, cohorts and people among the activities that must
    take place, largest excess first (at most :data:`MOST_SHORTAGES`)."""
    facts = problem.facts
    pinned = set(pinned)
    musts = [a for a in problem.activities
             if (a.priority == "must" or a.activity_id in pinned)
             and facts.allowed_starts(a.activity_id).size]
    found: list[Shortage] = []
    rooms_of = {a.activity_id: frozenset(facts.room_starts(a.activity_id)) for a in musts}
    for room_set in set(rooms_of.values()):
        group = [a.activity_id for a in musts if rooms_of[a.activity_id] <= room_set]
        capacity = np.vstack([facts.room_open[r] for r in room_set]).sum(axis=0, dtype=np.int64)
        names = ", ".join(sorted(problem.room_by_id[r].name for r in room_set))
        rooms = (say("conflict.rooms", names=names) if len(room_set) > 1 else
                 say("conflict.room", name=names))
        plain = _count(problem, group, capacity, rooms)
        turnarounds = [problem.grid.slots_for(problem.room_by_id[r].turnaround_minutes)
                       for r in room_set]
        # with the turnaround only where the plain count finds nothing short: the same
        # rooms said short twice, once with it, read as two conflicts
        if min(turnarounds) and not plain:  # every slot of the window counts, open or not
            plain = _count(problem, group, np.full_like(capacity, len(room_set)),
                           say("conflict.with_turnaround", rooms=rooms),
                           blocked_after=min(turnarounds), spill=sum(turnarounds))
        found += plain
    by_cohort: dict[str, list[str]] = defaultdict(list)
    for activity in musts:
        for tag in activity.cohort:
            by_cohort[tag].append(activity.activity_id)
    for tag, group in by_cohort.items():
        found += _count(problem, group, _coverage(problem, group, partial(starts_of, facts)),
                        say("conflict.cohort_time", cohort=tag))
    for vid, group in _forced_people(problem, musts).items():
        found += _count(problem, group, _coverage(problem, group, partial(
            _starts_with, facts, vid)), say("conflict.person_time",
                                            name=problem.volunteer_by_id[vid].name))
    found.sort(key=lambda s: s.available - s.needed)
    return found[:MOST_SHORTAGES]


def _starts_with(facts: Facts, volunteer_id: str, activity_id: str) -> np.ndarray:
    return facts.volunteer_starts(activity_id, volunteer_id)


def _forced_people(problem: Problem, musts: list) -> dict[str, list[str]]:
    """Activities each volunteer must staff: roles that need every eligible person."""
    forced: dict[str, list[str]] = defaultdict(list)
    for activity in musts:
        aid = activity.activity_id
        people: set[str] = set()
        for role in problem.roles_of[aid]:
            eligible = problem.facts.eligible_volunteers(aid, role.role)
            if role.min and len(eligible) == role.min:
                people.update(eligible)
        for vid in people:
            forced[vid].append(aid)
    return forced


def _coverage(problem: Problem, group: list[str],
              starts_of: Callable[[str], np.ndarray]) -> np.ndarray:
    """1 on every slot some activity of ``group`` could occupy (0 elsewhere)."""
    mask = np.zeros(problem.grid.size, dtype=bool)
    for aid in group:
        d = problem.duration_slots(problem.activity_by_id[aid])
        starts = starts_of(aid)
        if starts.size:
            spans = (starts[:, None] + np.arange(d)).ravel()
            mask[spans[spans < mask.size]] = True
    return mask.astype(np.int64)


def _thin(values: np.ndarray) -> np.ndarray:
    if values.size <= MOST_WINDOW_ENDS:
        return values
    return values[np.linspace(0, values.size - 1, MOST_WINDOW_ENDS).astype(int)]


def _count(problem: Problem, group: list[str], capacity: np.ndarray, resource: Message,
           blocked_after: int = 0, spill: int = 0) -> list[Shortage]:
    """Windows in which ``group`` needs more slots than ``capacity`` (per slot) gives;
    each activity needs its duration and ``blocked_after`` slots more, less ``spill``
    slots in all (what may run past the window's end)."""
    if len(group) < 2:
        return []
    facts = problem.facts
    length = np.array([problem.duration_slots(problem.activity_by_id[a]) for a in group])
    duration = length + blocked_after
    first = np.array([starts_of(facts, a)[0] for a in group])
    end = np.array([starts_of(facts, a)[-1] for a in group]) + length
    lefts, rights = _thin(np.unique(first)), _thin(np.unique(end))
    inside_left = first[None, :] >= lefts[:, None]  # (left, activity)
    inside_right = end[None, :] <= rights[:, None]  # (right, activity)
    needed = (inside_left * duration) @ inside_right.T.astype(np.int64) - spill  # (left, right)
    prefix = np.concatenate(([0], np.cumsum(capacity)))
    available = prefix[np.minimum(rights, capacity.size)][None, :] - prefix[lefts][:, None]
    excess = np.where(rights[None, :] > lefts[:, None], needed - available, 0)
    if excess.max(initial=0) <= 0:
        return []
    i, j = np.unravel_index(int(np.argmax(excess)), excess.shape)
    members = tuple(a for k, a in enumerate(group) if inside_left[i, k] and inside_right[j, k])
    return [Shortage(resource, members, int(lefts[i]), int(rights[j]), int(needed[i, j]),
                     int(available[i, j]))]

