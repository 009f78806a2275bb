"""Derived facts: when each activity may start, in which rooms, and who may staff it.

Every pair that is ruled out keeps an :class:`Exclusion` with a reason code, so that the
solver only builds variables for eligible pairs and explanations can say why a room or a
volunteer was never an option.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Final

import numpy as np

from ..errors import Issue
from ..i18n import Day, Listing, Message, Moment, Phrase, say
from ..rules import DUTY_RULES
from .calendar import availability_masks, covered_starts, opening_mask
from .entities import HOLIDAY, Activity, Closure, Room, Volunteer, age_rank
from .series import series_clashes

if TYPE_CHECKING:
    from .model import Problem

NOT_FIXED_ROOM: Final = "NOT_FIXED_ROOM"
TOO_SMALL: Final = "TOO_SMALL"
MISSING_EQUIPMENT: Final = "MISSING_EQUIPMENT"
CLOSED: Final = "CLOSED"
NO_SKILL: Final = "NO_SKILL"
AGE_BAND: Final = "AGE_BAND"
#: Ruled out by a duty rule (hours a day or week, activities a month, ...).
HOURS_LIMIT: Final = "HOURS_LIMIT"
UNAVAILABLE: Final = "UNAVAILABLE"


@dataclass(frozen=True)
class Exclusion:
    """Why a room or volunteer can never serve an activity: a code and a sentence (in
    any language: ``wording``; in English: ``detail``)."""

    code: str
    wording: Message

    @property
    def detail(self) -> str:
        return self.wording.render("en")


class Facts:
    """Eligibility of rooms, starts and volunteers for each activity of a problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self._covered: dict[tuple[str, str, int], np.ndarray] = {}
        self._allowed: dict[str, np.ndarray] = {}
        self._volunteer_starts: dict[tuple[str, str], np.ndarray] = {}
        self._staffable: dict[str, np.ndarray] = {}
        self._coverage: dict[int, np.ndarray] = {}

    # -- masks -------------------------------------------------------------------------
    @cached_property
    def room_open(self) -> dict[str, np.ndarray]:
        """Slots each room is open and not closed."""
        p = self.problem
        return {
            room.room_id: opening_mask(
                p.grid,
                [h for h in p.opening_hours if h.room_id == room.room_id],
                p.holiday_dates,
                self.closures_of(room.room_id),
            )
            for room in p.rooms
        }

    def closures_of(self, room_id: str | None) -> list[Closure]:
        """Closures of the room and of the whole center (of the whole center alone for
        None)."""
        return [c for c in self.problem.closures if c.room_id in (None, room_id)]

    def closures_in_window(self, activity: Activity, room_id: str | None) -> list[Closure]:
        """:meth:`closures_of` the room that fall in the activity's window (its planned
        time when its start is fixed)."""
        first = activity.fixed_start or activity.earliest_start
        last = (first + timedelta(minutes=self.problem.planned_minutes(activity))
                if activity.fixed_start else activity.latest_end)
        return [c for c in self.closures_of(room_id) if c.start < last and first < c.end]

    @cached_property
    def _availability(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        p = self.problem
        by_volunteer: dict[str, list] = {v.volunteer_id: [] for v in p.volunteers}
        for window in p.availability:
            by_volunteer[window.volunteer_id].append(window)
        return {
            vid: availability_masks(p.grid, windows, p.holiday_dates)
            for vid, windows in by_volunteer.items()
        }

    def available(self, volunteer_id: str) -> np.ndarray:
        """Slots the volunteer is available."""
        return self._availability[volunteer_id][0]

    def preferred(self, volunteer_id: str) -> np.ndarray:
        """Slots the volunteer is available and prefers."""
        return self._availability[volunteer_id][1]

    def _covers(self, kind: str, key: str, mask: np.ndarray, slots: int) -> np.ndarray:
        cache_key = (kind, key, slots)
        if cache_key not in self._covered:
            self._covered[cache_key] = covered_starts(mask, slots)
        return self._covered[cache_key]

    # -- starts ------------------------------------------------------------------------
    def window_mask(self, activity: Activity) -> np.ndarray:
        """Starts allowed by the activity's window, fixed start and same-day rule alone."""
        return self._window_starts(activity) & self._ends_same_day(activity)

    def _window_starts(self, activity: Activity) -> np.ndarray:
        """Starts allowed by the activity's window and fixed start, wherever they end."""
        grid = self.problem.grid
        d = self.problem.duration_slots(activity)
        mask = np.zeros(grid.size, dtype=bool)
        if activity.fixed_start is not None:
            first = grid.slot_at_or_after(activity.fixed_start)
            if grid.time_of(first) != activity.fixed_start or first + d > grid.size:
                return mask
            mask[first] = True
        else:
            first = grid.slot_at_or_after(activity.earliest_start)
            last = grid.slot_at_or_before(activity.latest_end) - d  # last allowed start
            if last >= first:
                mask[first : last + 1] = True
        return mask

    def _ends_same_day(self, activity: Activity) -> np.ndarray:
        """Starts from which the activity ends by midnight: activities end the day they
        start (a day's limits and the calendars count it on that day)."""
        grid = self.problem.grid
        offsets = np.arange(grid.size) % grid.slots_per_day
        return offsets + self.problem.duration_slots(activity) <= grid.slots_per_day

    def next_day_reason(self, activity: Activity) -> Message | None:
        """Why the activity can never take place when the only cause is that it would end
        after midnight (its window or fixed start allows starts, none ending that day);
        None otherwise."""
        starts = self._window_starts(activity)
        if not starts.any() or (starts & self._ends_same_day(activity)).any():
            return None
        minutes = activity.duration_minutes
        if activity.fixed_start is not None:
            return say("why.fixed_next_day", fixed=Moment(activity.fixed_start),
                       minutes=minutes)
        return say("why.window_next_day", minutes=minutes)

    @cached_property
    def _rooms(self) -> dict[str, dict[str, np.ndarray]]:
        p = self.problem
        starts: dict[str, dict[str, np.ndarray]] = {}
        for activity in p.activities:
            aid = activity.activity_id
            starts[aid] = {}
            window = self.window_mask(activity)
            d = p.duration_slots(activity)
            for room in p.rooms:
                if self._room_code(activity, room) is not None:
                    continue
                ok = window & self._covers("room", room.room_id, self.room_open[room.room_id], d)
                if ok.any():
                    starts[aid][room.room_id] = np.flatnonzero(ok)
        return starts

    @staticmethod
    def _room_code(activity: Activity, room: Room) -> str | None:
        """Why the room can never hold the activity, whenever it is open; None if it can."""
        if activity.fixed_room and activity.fixed_room != room.room_id:
            return NOT_FIXED_ROOM
        if room.capacity < activity.expected_attendance:
            return TOO_SMALL
        if activity.equipment - room.equipment:
            return MISSING_EQUIPMENT
        return None

    def room_starts(self, activity_id: str) -> dict[str, np.ndarray]:
        """Eligible rooms of an activity, each with its allowed start slots (sorted)."""
        return self._rooms[activity_id]

    def room_exclusions(self, activity_id: str) -> dict[str, Exclusion]:
        """Rooms that can never hold the activity, with the reason: worded on demand, as a
        large workbook has hundreds of thousands of such pairs and explanations need few
        (the 10x year: 4 s of its model's 12 s went to wording them all)."""
        activity = self.problem.activity_by_id[activity_id]
        eligible = self.room_starts(activity_id)
        return {room.room_id: self._room_exclusion(activity, room)
                for room in self.problem.rooms if room.room_id not in eligible}

    def _room_exclusion(self, activity: Activity, room: Room) -> Exclusion:
        code = Facts._room_code(activity, room) or CLOSED
        if code == NOT_FIXED_ROOM:
            fixed = self.problem.room_by_id[activity.fixed_room or ""]  # checked on reading
            wording = say("excluded.not_fixed_room", room=fixed.name)
        elif code == TOO_SMALL:
            wording = say("excluded.too_small", room=room.name, capacity=room.capacity,
                          expected=activity.expected_attendance)
        elif code == MISSING_EQUIPMENT:
            missing = Listing(tuple(sorted(activity.equipment - room.equipment)))
            wording = say("excluded.equipment", room=room.name, missing=missing)
        else:
            wording = self._closed(activity, room)
        return Exclusion(code, wording)

    def _closed(self, activity: Activity, room: Room) -> Message:
        """Why the room is never open for the whole activity in its window (or from its
        fixed start), naming the room's own closures that fall in the window: a closed
        room is the cause a reader least sees in the opening hours (a renovation).
        Closures of the whole center are said once for all rooms
        (:func:`no_placement_reason`), not once a room."""
        closed = tuple(closure_wording(c, room.name)
                       for c in self.closures_in_window(activity, room.room_id)
                       if c.room_id is not None)
        minutes = activity.duration_minutes
        center_closed = any(c.room_id is None
                            for c in self.closures_in_window(activity, room.room_id))
        if activity.fixed_start and not closed and not center_closed \
                and not self._open_on(room, activity.fixed_start):
            # "not open for 120 min from the fixed start" hid that the room opens on
            # other days only (a weekend yard on New Year's Day, a Wednesday)
            day = activity.fixed_start.date()
            holiday = (day in self.problem.holiday_dates and not any(
                h.room_id == room.room_id and h.day == HOLIDAY
                for h in self.problem.opening_hours))
            return (say("excluded.closed_holiday", room=room.name, day=Day(day),
                        holiday=HOLIDAY) if holiday else
                    say("excluded.closed_day", room=room.name, day=Day(day)))
        # a fixed start is the window: "never ... in the window" read as false of a room
        # open later that day
        at = ({"start": Moment(activity.fixed_start)} if activity.fixed_start else {})
        key = "excluded.closed_at" if at else "excluded.closed"
        return (say(f"{key}_during", room=room.name, minutes=minutes,
                    closures=Listing(closed, limit=3), **at) if closed else
                say(key, room=room.name, minutes=minutes, **at))

    def _open_on(self, room: Room, moment: datetime) -> bool:
        """Whether ``room`` is open at some time of the day of ``moment``."""
        grid = self.problem.grid
        midnight = datetime.combine(moment.date(), time())
        first = grid.slot_at_or_after(midnight)
        last = grid.slot_at_or_after(midnight + timedelta(days=1))
        return bool(self.room_open[room.room_id][first:last].any())

    def allowed_starts(self, activity_id: str) -> np.ndarray:
        """Start slots at which some eligible room can hold the activity (sorted)."""
        if activity_id not in self._allowed:
            per_room = list(self.room_starts(activity_id).values())
            self._allowed[activity_id] = (np.unique(np.concatenate(per_room)) if per_room
                                          else np.zeros(0, dtype=np.int64))
        return self._allowed[activity_id]

    # -- volunteers --------------------------------------------------------------------
    def volunteer_starts(self, activity_id: str, volunteer_id: str) -> np.ndarray:
        """Allowed starts of the activity at which the volunteer is available throughout."""
        key = (activity_id, volunteer_id)
        if key not in self._volunteer_starts:
            activity = self.problem.activity_by_id[activity_id]
            d = self.problem.duration_slots(activity)
            covered = self._covers("volunteer", volunteer_id, self.available(volunteer_id), d)
            starts = self.allowed_starts(activity_id)
            self._volunteer_starts[key] = starts[covered[starts]]
        return self._volunteer_starts[key]

    def _available_somewhen(self, activity: Activity) -> np.ndarray:
        """For each volunteer (in problem order), whether they are available for the whole
        activity at one of its allowed starts: one matrix operation per activity."""
        d = self.problem.duration_slots(activity)
        if d not in self._coverage:
            volunteers = self.problem.volunteers
            matrix = np.zeros((len(volunteers), self.problem.grid.size), dtype=bool)
            for row, volunteer in enumerate(volunteers):
                matrix[row] = covered_starts(self.available(volunteer.volunteer_id), d)
            self._coverage[d] = matrix
        starts = self.allowed_starts(activity.activity_id)
        return np.asarray(self._coverage[d][:, starts].any(axis=1), dtype=bool)

    def staffable_starts(self, activity_id: str) -> np.ndarray:
        """Allowed starts at which every role's ``min`` can be met by volunteers available
        throughout, each role counted alone (their other duties not counted): an activity
        whose only host is free for an hour on Monday can take place in that hour alone,
        however wide its window. A role nobody can ever fill leaves the allowed starts as
        they are: that is told as such, not as a window."""
        if activity_id in self._staffable:
            return self._staffable[activity_id]
        starts = self.allowed_starts(activity_id)
        d = self.problem.duration_slots(self.problem.activity_by_id[activity_id])
        for role in self.problem.roles_of[activity_id]:
            eligible = self.eligible_volunteers(activity_id, role.role)
            if not role.min or len(eligible) < role.min:
                continue
            free = np.zeros(starts.size, dtype=np.int64)
            for vid in eligible:
                free += self._covers("volunteer", vid, self.available(vid), d)[starts]
                if (free >= role.min).all():
                    break
            starts = starts[free >= role.min]
        self._staffable[activity_id] = starts
        return starts

    def preferred_starts(self, activity_id: str, volunteer_id: str) -> np.ndarray:
        """Allowed starts at which the activity lies wholly in the volunteer's preferred
        time."""
        activity = self.problem.activity_by_id[activity_id]
        d = self.problem.duration_slots(activity)
        covered = self._covers("preferred", volunteer_id, self.preferred(volunteer_id), d)
        starts = self.allowed_starts(activity_id)
        return starts[covered[starts]]

    @cached_property
    def _eligible(self) -> dict[tuple[str, str], tuple[str, ...]]:
        p = self.problem
        holders: dict[str, list[int]] = {}
        for index, volunteer in enumerate(p.volunteers):
            for skill in volunteer.skills:
                holders.setdefault(skill, []).append(index)
        eligible: dict[tuple[str, str], tuple[str, ...]] = {}
        for activity in p.activities:
            roles = p.roles_of[activity.activity_id]
            if not roles:
                continue
            free = self._available_somewhen(activity)
            for role in roles:
                eligible[activity.activity_id, role.role] = tuple(
                    p.volunteers[i].volunteer_id for i in holders.get(role.role, ())
                    if free[i] and self.ruled_out(p.volunteers[i], activity) is None)
        return eligible

    def ruled_out(self, volunteer: Volunteer, activity: Activity) -> Exclusion | None:
        """The age band or a duty rule that keeps the volunteer from ever taking the
        activity, or None."""
        if activity.min_age_band and age_rank(volunteer.age_band) < age_rank(
                activity.min_age_band):
            asked = say(f"age_band.{activity.min_age_band}")
            name = volunteer.name
            return Exclusion(AGE_BAND, say("excluded.age_band", name=name, asked=asked,
                                           band=say(f"age_band.{volunteer.age_band}"))
                             if volunteer.age_band else
                             say("excluded.age_band_unknown", name=name, asked=asked))
        for rule in DUTY_RULES:
            wording = rule.excludes(self.problem, volunteer, activity)
            if wording is not None:
                return Exclusion(HOURS_LIMIT, wording)
        return None

    def _volunteer_reason(self, activity_id: str, role: str, volunteer_id: str
                          ) -> Exclusion | None:
        p = self.problem
        volunteer = p.volunteer_by_id[volunteer_id]
        if role not in volunteer.skills:
            return Exclusion(NO_SKILL, say("excluded.no_skill", name=volunteer.name, role=role))
        ruled_out = self.ruled_out(volunteer, p.activity_by_id[activity_id])
        if ruled_out is not None:
            return ruled_out
        if self.volunteer_starts(activity_id, volunteer_id).size == 0:
            return Exclusion(UNAVAILABLE, say("excluded.unavailable", name=volunteer.name))
        return None

    def eligible_volunteers(self, activity_id: str, role: str) -> tuple[str, ...]:
        """Volunteers who can fill ``role`` of the activity at some allowed start."""
        return self._eligible[(activity_id, role)]

    def volunteer_exclusions(self, activity_id: str, role: str) -> dict[str, Exclusion]:
        """Volunteers who can never fill the role, with the reason (worked out on demand:
        only explanations need them)."""
        eligible = set(self.eligible_volunteers(activity_id, role))
        return {v.volunteer_id: reason for v in self.problem.volunteers
                if v.volunteer_id not in eligible
                and (reason := self._volunteer_reason(activity_id, role, v.volunteer_id))}


def closure_wording(closure: Closure, room: str) -> Message:
    """A closure as findings and explanations say it: the room (or the whole center),
    when, and the row's reason when it gives one."""
    where = room if closure.room_id else say("word.whole_center")
    when = _closure_time(closure)
    return (say("hard.closed_because", where=where, when=when, reason=closure.reason)
            if closure.reason else say("hard.closed", where=where, when=when))


def _closure_time(closure: Closure) -> Phrase:
    """Its days when it closes whole days (as a bare date in the workbook does), else
    its start and end."""
    start, end = closure.start, closure.end
    if start.time() != time() or end.time() != time():
        return say("hard.from_to", first=Moment(start), last=Moment(end, end=True))
    last = end.date() - timedelta(days=1)
    return (Day(last) if last == start.date() else
            say("hard.from_to", first=Day(start.date()), last=Day(last)))


def no_placement_reason(problem: Problem, activity: Activity) -> Message | None:
    """Why the activity can never take place, or None if some room and time exist: what
    `check` warns and the plan says of it."""
    facts = problem.facts
    if facts.allowed_starts(activity.activity_id).size:
        return None
    next_day = facts.next_day_reason(activity)  # no room is to blame then
    if next_day is not None:
        return next_day
    excluded = facts.room_exclusions(activity.activity_id)
    if not excluded:
        return say("why.no_rooms")
    # all rooms but a fixed one share one cause; a reader needs each cause once, and the
    # whole center's closures once, not in every room's (nine rooms: 1,400 characters)
    center = [closure_wording(c, "") for c in facts.closures_in_window(activity, None)]
    causes = tuple(dict.fromkeys([*center, *(e.wording for e in excluded.values())]))
    return say("why.no_room_fits", details=Listing(causes, "semicolon"))


def short_roles(problem: Problem, activity: Activity) -> list[Message]:
    """Roles of ``activity`` that can never reach their minimum, each with why: what
    `check` warns and the plan says of it. A workbook without volunteers is said to have
    none, and where everyone has the skill, the skill goes unsaid: "0 lack the skill"
    would send the reader to the skills."""
    facts = problem.facts
    out = []
    for role in problem.roles_of[activity.activity_id]:
        eligible = facts.eligible_volunteers(activity.activity_id, role.role)
        if len(eligible) < role.min and not problem.volunteers:
            out.append(say("why.no_volunteers", role=role.role, min=role.min))
        elif len(eligible) < role.min:
            excluded = facts.volunteer_exclusions(activity.activity_id, role.role)
            with_skill = {v: e for v, e in excluded.items() if e.code != "NO_SKILL"}
            others = tuple(e.wording for e in with_skill.values())
            values = {"role": role.role, "min": role.min, "count": len(eligible),
                      "nobody": len(excluded) - len(with_skill)}
            key = "why.short_role" if values["nobody"] else "why.short_role_few"
            out.append(say(f"{key}_others", others=Listing(others, "semicolon", 4), **values)
                       if others else say(key, **values))
    return out or _roles_sharing_few(problem, activity)


#: An activity's roles are checked together up to this many with a minimum (subsets:
#: 2 ** this); more is no community activity.
_JOINT_ROLES = 8


def _roles_sharing_few(problem: Problem, activity: Activity) -> list[Message]:
    """Roles of ``activity`` that can each reach their minimum but not together, as one
    person fills one role of an activity: the fewest such roles, with who can fill any
    of them (the host and the teacher of a workshop, both of whom only Bo can be)."""
    facts = problem.facts
    roles = [r for r in problem.roles_of[activity.activity_id] if r.min][:_JOINT_ROLES]
    eligible = {r.role: set(facts.eligible_volunteers(activity.activity_id, r.role))
                for r in roles}
    for size in range(2, len(roles) + 1):
        for group in itertools.combinations(roles, size):
            people = set().union(*(eligible[r.role] for r in group))
            need = sum(r.min for r in group)
            if len(people) < need:
                names = tuple(sorted(problem.volunteer_by_id[v].name for v in people))
                return [say("why.roles_share_few", roles=Listing(
                    tuple(r.role for r in group), "and"), need=need, count=len(people),
                    people=Listing(names, limit=3, people=True))]
    return []


def data_warnings(problem: Problem) -> list[Issue]:
    """Legal but suspicious data: nobody available, rooms never open, activities that can
    never take place, each on its record's row. (Skills no volunteer has and equipment
    no room has are warned about on reading, on the rows that ask for them.)"""
    facts = problem.facts
    warnings: list[Issue] = []

    def warn(table: str, column: str, value: str, wording: Message, *,
             on_row: bool = True) -> None:
        """A warning about the record ``value`` identifies (``on_row``), or about the
        column's ``value`` on no one row."""
        row = problem.rows.get((table, value)) if on_row else None
        warnings.append(Issue.said(table, row, column, value, wording, "warning"))

    rows = Counter(window.volunteer_id for window in problem.availability)
    # no availability at all (a table left out): one warning, not one for every volunteer
    # and for every role of every activity, which nobody can fill
    nobody = bool(problem.volunteers) and not problem.availability
    if nobody:
        warn("availability", "volunteer_id", "", say(
            "valid.no_availability_table", columns="volunteer_id, day, start, end"),
             on_row=False)
    for volunteer in [] if nobody else problem.volunteers:
        vid = volunteer.volunteer_id
        if not facts.available(vid).any():  # no rows at all, or none giving time
            warn("volunteers", "volunteer_id", vid,
                 say("valid.no_time_in_horizon", count=rows[vid]) if rows[vid] else
                 say("valid.no_availability"))
    for room in problem.rooms:
        if not facts.room_open[room.room_id].any():
            warn("rooms", "room_id", room.room_id, say("valid.room_never_open"))
    for activity in problem.activities:
        reasons = [r for r in [no_placement_reason(problem, activity)] if r] \
            or ([] if nobody else short_roles(problem, activity))
        if reasons:
            warn("activities", "activity_id", activity.activity_id,
                 say("valid.never_scheduled", reason=Listing(tuple(reasons), "semicolon")))
    for clash in series_clashes(problem):
        warn("activities", "series_id", clash.series_id,
             say("valid.series_clash", clash=clash.wording(problem)), on_row=False)
    return warnings
