"""How large planning a workbook will be, predicted from its settings and rows alone.

A typo in ``horizon_end`` (2923 for 2023) once cost ``check`` a minute and 3 GB and
``solve`` a MemoryError: every eligibility mask spans the whole horizon, a byte a slot
for each room and for each volunteer and duration. :func:`estimate`
reads only the records, never the slot grid, so it answers in milliseconds, before
anything is built over the horizon; :func:`too_large` turns the answer into a refusal.

Calibration: peak resident memory of ``solve`` (2 workers, 20 s limit) above the
process with the workbook loaded, on a 2-core machine with OR-Tools 9.x; the longer
horizons keep the activities of 2023 (only ``horizon_end`` changed)::

    workbook                 horizon  slots    masks  room-days  staffing  peak MB  estimate
    data/qianjin-2023        1 year    17,520    364      1,944     9,257      163       165
      horizon_end 2025       3 years   52,608    364      1,944     9,257      207       202
      horizon_end 2028       6 years  105,216    364      1,944     9,257      279       256
    generate --scale 3       1 year    17,520  1,092      5,832    30,384      526       535
      horizon_end 2025       3 years   52,608  1,092      5,832    30,384      621       645
      horizon_end 2028       6 years  105,216  1,092      5,832    30,384      764       809
    meeting_schedule(300)    27 days    2,592    278     34,020     3,144      112       147
    meeting_schedule(800)    72 days    6,912    278    238,392     8,829      295       823

Memory grows by 2.6 to 3.8 bytes per slot and mask (``masks``: rooms plus volunteers
times distinct durations); the solver's, by about 16 KB per staffing option (its seat
literal, the duty rules' and the objective's terms over it) and 3 KB per room-day (a
room an activity fits, on a day of its window: the start's domain and the room's
restriction of it hold a piece a day, whatever the slots in it). qianjin with 1, 4 or
8 workers peaked at 200 MB, so the number of workers barely matters. The same estimate
for qianjin with ``horizon_end`` 2923 is 16 GB; before this module ``check`` on it took
42 s and 3.1 GB here (96 s where it was reported) and ``solve`` was reported to die of
a MemoryError at 12 GB. Counting start slots instead of room-days, as this module first
did, put meeting schedules of 300-800 meetings over one to ten weeks (every meeting
free to take any slot) at 8-60 GB, and ``solve`` refused them; they plan in 110-300 MB.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import Message, say
from .entities import Activity, Role, Room, Settings, Volunteer

if TYPE_CHECKING:
    from .model import Problem

#: Bytes a slot for each room and each (volunteer, distinct duration): the opening,
#: availability and coverage masks of eligibility, the first-fit plan's occupancy.
BYTES_PER_SLOT_MASK = 3
#: Bytes of solver memory per room-day and per staffing option.
BYTES_PER_ROOM_DAY, BYTES_PER_STAFFING = 3_000, 16_000
#: Seconds of building the solver's model per room-day and per staffing option: 300
#: activities with 2,000 volunteers (about 600,000 staffing options) took 25 s on one
#: core of a 2-core machine, the 10× year (101,808 options) 4.2 s; meeting schedules of
#: 34,000 room-days and few seats 0.3 s.
SECONDS_PER_ROOM_DAY, SECONDS_PER_STAFFING = 8e-6, 37e-6
#: A model that takes longer than this to build is worth a warning.
SLOW_BUILD_SECONDS = 10
#: Horizons longer than this are refused outright (a typo, or a workbook to split).
MAX_YEARS = 10
#: Horizons longer than this are worth a warning.
LONG_YEARS = 3
#: Share of the machine's memory a plan may be expected to take before it is refused.
MEMORY_SHARE = 0.5
#: The memory assumed when the machine's cannot be read.
FALLBACK_MEMORY = 8 * 2**30


@dataclass(frozen=True)
class Estimate:
    """The predicted size of planning a workbook.

    ``room_days`` counts (activity, room, day) triples: the rooms whose capacity and
    equipment allow the activity, on each day its window spans (one for a fixed start;
    opening hours ignored: an upper bound); ``staffing`` counts (activity, role,
    volunteer) triples the skills allow.
    """

    horizon_start: date
    horizon_end: date
    slots: int
    masks: int
    room_days: int
    staffing: int

    @property
    def days(self) -> int:
        return (self.horizon_end - self.horizon_start).days + 1

    @property
    def years(self) -> float:
        return self.days / 365.25

    def longer_than(self, years: int) -> bool:
        """Whether the horizon spans more than ``years`` calendar years (leap days
        included)."""
        return self.days > years * 366

    @property
    def build_seconds(self) -> float:
        """Predicted seconds of building the solver's model, before any search."""
        return self.room_days * SECONDS_PER_ROOM_DAY + self.staffing * SECONDS_PER_STAFFING

    @property
    def memory(self) -> int:
        """Predicted peak bytes ``solve`` adds to a process holding the workbook: slot
        masks plus the solver's model."""
        return round(self.slots * self.masks * BYTES_PER_SLOT_MASK
                     + self.room_days * BYTES_PER_ROOM_DAY + self.staffing * BYTES_PER_STAFFING)

    def wording(self) -> Message:
        """One line for a person: the horizon, what it holds, and the memory."""
        length = (say("valid.size_years", years=self.years) if self.years >= 2 else
                  say("valid.size_day" if self.days == 1 else "valid.size_days",
                      days=self.days))
        return say("valid.size", first=str(self.horizon_start), last=str(self.horizon_end),
                   length=length, slots=_count(self.slots), starts=_count(self.room_days),
                   staffing=_count(self.staffing), memory=_gigabytes(self.memory))

    def contents(self) -> Message:
        """Slots, options and memory, e.g. ``17,520 slots, 1,944 room-days and 9,257
        staffing options, ~165 MB to plan``: what `check` says of the size."""
        return say("valid.size_contents", slots=_count(self.slots),
                   starts=_count(self.room_days), staffing=_count(self.staffing),
                   memory=_gigabytes(self.memory))


def estimate(problem: Problem) -> Estimate:
    """The size of planning ``problem``, from its settings and records (no slot grid is
    built: this is cheap whatever the horizon)."""
    return estimate_records(problem.settings, problem.activities, problem.rooms,
                            problem.volunteers, problem.roles)


def estimate_records(settings: Settings, activities: Iterable[Activity],
                     rooms: Iterable[Room], volunteers: Iterable[Volunteer],
                     roles: Iterable[Role]) -> Estimate:
    """:func:`estimate` from the records themselves, for validation to call before it
    builds a :class:`~matching.problem.Problem`."""
    activities, rooms, volunteers = list(activities), list(rooms), list(volunteers)
    step = settings.slot_minutes
    per_day = 1440 // step
    days = (settings.horizon_end - settings.horizon_start).days + 1
    first, last = settings.horizon_start, settings.horizon_end
    holders = Counter(skill for v in volunteers for skill in v.skills)
    durations = {math.ceil(a.duration_minutes / step) for a in activities}
    room_days = staffing = 0
    roles_of: dict[str, list[Role]] = {}
    for role in roles:
        roles_of.setdefault(role.activity_id, []).append(role)
    for activity in activities:
        fits = sum(_room_fits(activity, room) for room in rooms)
        room_days += _days(activity, first, last) * fits
        staffing += sum(holders[r.role] for r in roles_of.get(activity.activity_id, ()))
    masks = len(rooms) + len(volunteers) * len(durations)
    return Estimate(settings.horizon_start, settings.horizon_end, days * per_day, masks,
                    room_days, staffing)


def _days(activity: Activity, first: date, last: date) -> int:
    """Days of the horizon the activity's window touches (one for a fixed start)."""
    if activity.fixed_start is not None:
        return 1
    begin = max(activity.earliest_start.date(), first)
    end = min((activity.latest_end - timedelta(microseconds=1)).date(), last)
    return max(0, (end - begin).days + 1)


def _room_fits(activity: Activity, room: Room) -> bool:
    """The rules that exclude a room whatever the time: fixed room, capacity, equipment."""
    return ((activity.fixed_room in (None, room.room_id))
            and room.capacity >= activity.expected_attendance
            and activity.equipment <= room.equipment)


def machine_memory() -> int:
    """Bytes of memory this process may use: the machine's, or its container's limit
    when lower (cgroup v2, then v1); 8 GiB when neither can be read."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        total = FALLBACK_MEMORY
    for limit_file in ("/sys/fs/cgroup/memory.max",
                       "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            limit = Path(limit_file).read_text().strip()
        except OSError:
            continue
        if limit.isdigit():
            total = min(total, int(limit))
    return total if total > 0 else FALLBACK_MEMORY


def horizon_error(size: Estimate) -> Message | None:
    """Why the horizon is refused outright (over :data:`MAX_YEARS`), or None."""
    if not size.longer_than(MAX_YEARS):
        return None
    return say("valid.horizon_max", size=size.wording(), years=MAX_YEARS,
               setting="horizon_end")


def too_large(size: Estimate, memory: int | None = None) -> Message | None:
    """Why planning would likely run out of memory, or None when it should fit.

    ``memory`` is the bytes available (default :func:`machine_memory`); planning is
    refused when the estimate exceeds :data:`MEMORY_SHARE` of it. The CLI refuses
    ``solve`` with this message unless told to go ahead.
    """
    memory = machine_memory() if memory is None else memory
    if size.memory <= MEMORY_SHARE * memory:
        return None
    return say("valid.too_large", size=size.wording(), share=MEMORY_SHARE,
               memory=_gigabytes(memory), setting="horizon_end")


def size_warnings(size: Estimate, memory: int | None = None) -> list[Message]:
    """What ``check`` should say about the size: a long horizon, a plan too large, a
    model that takes many seconds to build (a time limit shorter than that ends with
    the first-fit plan, and a coordinator should know why)."""
    found = [message] if (message := too_large(size, memory)) else []
    if not found and size.longer_than(LONG_YEARS):
        found.append(say("valid.long_horizon", size=size.wording(), years=LONG_YEARS,
                         setting="horizon_end"))
    if not found and size.build_seconds > SLOW_BUILD_SECONDS:
        found.append(say("valid.slow_to_build", size=size.wording(),
                         seconds=size.build_seconds))
    return found


def _count(count: int) -> Message | str:
    """``47,251``, or ``1.2 million`` from a million on."""
    return say("valid.millions", millions=count / 1e6) if count >= 1e6 else f"{count:,}"


def _gigabytes(count: float) -> str:
    return f"{count / 2**30:.1f} GB" if count >= 2**30 else f"{max(count / 2**20, 1):.0f} MB"
