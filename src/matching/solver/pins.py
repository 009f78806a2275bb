"""What makes a pin one the search cannot keep as given, said before any search.

A pin is the coordinator's decision; the model keeps it exactly (``av.start == slot``,
the room's and seats' literals). A start between two slots would be moved to the next
one without a word, an unknown room or volunteer would read as "the pins on X cannot
hold", and a second pin on one activity would silently replace the first. The app's pin
form and :func:`~matching.solver.solve` both refuse such pins with these sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Final

from ..evaluate.context import PlanView
from ..evaluate.hard import hard_findings
from ..i18n import Listing, Message, Moment, say
from ..plan import Assignment, Plan, Staffing
from ..problem import Problem
from .settings import Pin

#: The hard rules a pinned placement can break on its own, whatever else the plan holds:
#: its times, its room and the people pinned to it.
ON_ITS_OWN: Final = frozenset({
    "window", "duration", "slot_grid", "same_day", "fixed_start", "fixed_room", "room_open",
    "room_capacity", "room_equipment", "volunteer_available", "volunteer_skill",
    "volunteer_age_band", "volunteer_one_role"})
#: Those of them a pin breaks whenever the activity takes place: its room's size and
#: equipment, its people's skills and ages, one role each.
AT_ANY_TIME: Final = frozenset({
    "fixed_room", "room_capacity", "room_equipment", "volunteer_skill", "volunteer_age_band",
    "volunteer_one_role"})


def pin_faults(problem: Problem, pin: Pin) -> list[Message]:
    """Why ``pin`` cannot be kept as given in ``problem`` (nothing when it can): an
    unknown activity, room, volunteer or role, or a start off the slot grid. A start at
    which the activity cannot take place is a conflict of the plan, explained as one
    (a what-if's frozen past that the changes moved, say; :func:`broken_pins`), not a
    fault of the pin."""
    activity = problem.activity_by_id.get(pin.activity_id)
    if activity is None:
        return [say("activity.unknown_activity", activity=pin.activity_id)]
    faults: list[Message] = []
    if pin.start is not None:
        faults += _off_grid(problem, pin.start)
    if pin.room_id is not None and pin.room_id not in problem.room_by_id:
        faults.append(say("activity.unknown_room", room=pin.room_id))
    roles = {r.role for r in problem.roles_of[activity.activity_id]}
    for role, vid in pin.staff:
        if vid not in problem.volunteer_by_id:
            faults.append(say("activity.unknown_volunteer", volunteer=vid, role=role))
        elif role not in roles:
            faults.append(say("activity.unknown_role", activity=activity.activity_id,
                              role=role, roles=Listing(tuple(sorted(roles)))))
    return faults


def broken_pins(problem: Problem, pins: Iterable[Pin]) -> list[Message]:
    """A sentence for each pin whose placement breaks a hard rule on its own (a room
    closed that day or too small, a volunteer without the skill or away, one person in
    two roles), naming the rules in the evaluator's words: no plan can keep such a pin,
    and "the pins on X hold" alone would leave the coordinator guessing which of its
    parts is wrong. A pin without a start is judged at the first start the activity
    can take, by the rules that hold at any time (:data:`AT_ANY_TIME`)."""
    placed = [p for p in pins if p.activity_id in problem.activity_by_id]
    if not placed:
        return []
    activity_of = problem.activity_by_id

    def start(pin: Pin) -> datetime:
        """The pinned start, else the first the activity can take (in its pinned room):
        the time its sentences name, when the room is open and the slot on the grid."""
        if pin.start is not None:
            return pin.start
        facts = problem.facts
        starts = facts.room_starts(pin.activity_id).get(pin.room_id or "")
        if starts is None or not len(starts):
            starts = facts.allowed_starts(pin.activity_id)
        return (problem.grid.time_of(int(starts[0])) if len(starts)
                else activity_of[pin.activity_id].earliest_start)

    # the span the model gives it: its duration rounded up to whole slots
    plan = Plan(tuple(Assignment(p.activity_id, start(p), start(p) + timedelta(
                          minutes=problem.planned_minutes(activity_of[p.activity_id])),
                                 p.room_id) for p in placed),
                tuple(Staffing(p.activity_id, role, vid) for p in placed for role, vid in p.staff))
    findings = hard_findings(PlanView(problem, plan))
    out = []
    for pin in placed:
        rules = ON_ITS_OWN if pin.start is not None else AT_ANY_TIME
        broken = tuple(f.wording for f in findings
                       if f.activity_id == pin.activity_id and f.constraint in rules)
        if broken:
            activity = activity_of[pin.activity_id]
            out.append(say("conflict.pin_breaks", title=activity.title,
                           activity=activity.activity_id, rules=Listing(broken, "semicolon")))
    return out


def _off_grid(problem: Problem, start: datetime) -> list[Message]:
    """A pinned start between two slots of the grid, with the two it lies between."""
    grid = problem.grid
    step = timedelta(minutes=grid.slot_minutes)
    past = (start - grid.start) % step
    if not past:
        return []
    return [say("activity.off_grid", start=Moment(start), slot=grid.slot_minutes,
                before=Moment(start - past), after=Moment(start - past + step))]


def check_pins(problem: Problem, pins: Iterable[Pin]) -> None:
    """Refuse pins the search cannot keep as given (:func:`pin_faults`), or two on one
    activity, with every fault named.

    Raises
    ------
    ValueError
        Naming each fault, in English (the app refuses each pin as it is made, in its
        language).
    """
    pins = tuple(pins)
    faults = [fault for pin in pins for fault in pin_faults(problem, pin)]
    counts = Counter(pin.activity_id for pin in pins)
    faults += [say("activity.pinned_twice", activity=aid, count=count)
               for aid, count in counts.items() if count > 1]
    if faults:
        raise ValueError("pins the search cannot keep: "
                         + "; ".join(fault.render("en") for fault in faults))
