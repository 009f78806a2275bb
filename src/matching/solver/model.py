"""The CP-SAT model of a problem: variables and the hard rules, one method per family.

Variables exist only for eligible pairs (``Problem.facts``): an activity's start has
the domain of its allowed starts, and a room or volunteer literal restricts that start
further to when the room is open or the volunteer available.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from ortools.sat.python import cp_model

from ..i18n import Message, say
from ..problem import Activity, Problem
from ..rules import DUTY_RULES, MinRest, Period, PeriodLimit
from .domains import domain_of
from .settings import Pin

IntVar = cp_model.IntVar
T = TypeVar("T")


@dataclass
class ActivityVars:
    """The decision variables of one activity that can take place at all."""

    activity: Activity
    duration: int  # slots
    scheduled: IntVar
    start: IntVar
    interval: cp_model.IntervalVar  # [start, start + duration), present if scheduled
    rooms: dict[str, IntVar]
    seats: dict[tuple[str, str], IntVar]  # (role, volunteer) -> literal
    attends: dict[str, IntVar]  # volunteer -> literal (in some role)


class PlanModel:
    """Builds and holds the CP-SAT model of ``problem``; ``assumptions`` maps each
    assumption literal to the sentence it stands for (used to explain infeasibility).

    ``checkpoint`` is called before each activity or volunteer the building goes
    through, and may raise to end it: a model of 300 activities and 2,000 volunteers
    takes 25 s to build, and a Stop or the time limit must not wait for that."""

    def __init__(self, problem: Problem, pins: tuple[Pin, ...] = (),
                 checkpoint: Callable[[], None] = lambda: None) -> None:
        self.problem = problem
        self.checkpoint = checkpoint
        self.facts = problem.facts
        self.model = cp_model.CpModel()
        self.pins = {p.activity_id: p for p in pins}
        self.acts: dict[str, ActivityVars] = {}
        self.assumptions: dict[int, Message] = {}
        self._period_of: dict[Period, dict[str, dict[int, IntVar]]] = defaultdict(dict)
        self._add_variables()
        #: the activities each volunteer may attend, in the model's order: the duty rules
        #: ask it per volunteer (the 10x year: 710 volunteers, 3,430 activities)
        self.attended_by: dict[str, list[ActivityVars]] = defaultdict(list)
        for av in self.acts.values():
            for vid in av.attends:
                self.attended_by[vid].append(av)
        self._add_room_rules()
        self._add_volunteer_rules()
        self._add_role_bounds()
        self._add_cohorts()
        self._add_series_order()
        for rule in DUTY_RULES:
            DUTY_METHODS[type(rule)](self, rule)
        self._add_must_and_pins()

    def checked(self, items: Iterable[T]) -> Iterator[T]:
        """``items``, with the checkpoint called before each."""
        for item in items:
            self.checkpoint()
            yield item

    # -- variables ---------------------------------------------------------------------
    def _add_variables(self) -> None:
        m, p, f = self.model, self.problem, self.facts
        for activity in self.checked(p.activities):
            aid = activity.activity_id
            starts = f.allowed_starts(aid)
            if starts.size == 0:
                continue
            d = p.duration_slots(activity)
            scheduled = m.new_bool_var(f"scheduled[{aid}]")
            start = m.new_int_var_from_domain(domain_of(starts), f"start[{aid}]")
            interval = m.new_optional_fixed_size_interval_var(start, d, scheduled, f"run[{aid}]")
            rooms = {rid: m.new_bool_var(f"room[{aid},{rid}]") for rid in f.room_starts(aid)}
            seats: dict[tuple[str, str], IntVar] = {}
            for role in p.roles_of[aid]:
                for vid in f.eligible_volunteers(aid, role.role):
                    seats[role.role, vid] = m.new_bool_var(f"seat[{aid},{role.role},{vid}]")
            attends = {vid: m.new_bool_var(f"attends[{aid},{vid}]")
                       for vid in sorted({v for _, v in seats})}
            self.acts[aid] = ActivityVars(activity, d, scheduled, start, interval, rooms, seats,
                                          attends)
            m.add(sum(rooms.values()) == scheduled)
            roles_of: dict[str, list[IntVar]] = defaultdict(list)
            for (_, vid), seat in seats.items():
                roles_of[vid].append(seat)
            for vid, lit in attends.items():
                # one role per activity, and only when it takes place
                m.add(sum(roles_of[vid]) == lit)
                m.add_implication(lit, scheduled)

    # -- rooms -------------------------------------------------------------------------
    def _add_room_rules(self) -> None:
        """A room is open for the whole activity and holds one activity at a time,
        blocked for its turnaround afterwards."""
        m, p, f = self.model, self.problem, self.facts
        per_room: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
        for aid, av in self.checked(self.acts.items()):
            union = f.allowed_starts(aid)
            for rid, lit in av.rooms.items():
                room_starts = f.room_starts(aid)[rid]
                if room_starts.size != union.size:
                    m.add_linear_expression_in_domain(av.start, domain_of(room_starts)
                                                      ).only_enforce_if(lit)
                size = av.duration + p.grid.slots_for(p.room_by_id[rid].turnaround_minutes)
                per_room[rid].append(m.new_optional_fixed_size_interval_var(
                    av.start, size, lit, f"occupies[{aid},{rid}]"))
        for intervals in per_room.values():
            if len(intervals) > 1:
                m.add_no_overlap(intervals)

    # -- volunteers --------------------------------------------------------------------
    def _add_volunteer_rules(self) -> None:
        """A volunteer is available for the whole activity and in one place at a time."""
        m = self.model
        per_volunteer: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
        for aid, av in self.checked(self.acts.items()):
            union = self.facts.allowed_starts(aid)
            for vid, lit in av.attends.items():
                starts = self.facts.volunteer_starts(aid, vid)
                if starts.size != union.size:
                    m.add_linear_expression_in_domain(av.start, domain_of(starts)
                                                      ).only_enforce_if(lit)
                per_volunteer[vid].append(m.new_optional_fixed_size_interval_var(
                    av.start, av.duration, lit, f"busy[{aid},{vid}]"))
        for intervals in per_volunteer.values():
            if len(intervals) > 1:
                m.add_no_overlap(intervals)

    def _add_role_bounds(self) -> None:
        """Every role of a scheduled activity has between ``min`` and ``max`` people."""
        m = self.model
        for aid, av in self.acts.items():
            for role in self.problem.roles_of[aid]:
                filled = sum(lit for (r, _), lit in av.seats.items() if r == role.role)
                m.add(filled <= role.max * av.scheduled)
                if role.min:
                    holds = self._assumption(say(
                        "conflict.role_min", role=role.role, title=av.activity.title,
                        activity=aid, min=role.min))
                    m.add(filled >= role.min).only_enforce_if([av.scheduled, holds])

    # -- activities together -----------------------------------------------------------
    def _add_cohorts(self) -> None:
        """Activities sharing a cohort tag never overlap."""
        groups: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
        for av in self.acts.values():
            for tag in av.activity.cohort:
                groups[tag].append(av.interval)
        for intervals in groups.values():
            if len(intervals) > 1:
                self.model.add_no_overlap(intervals)

    def _add_series_order(self) -> None:
        """Sessions of a series take place in the order of their rows."""
        for ids in self.problem.series.values():
            present = [self.acts[a] for a in ids if a in self.acts]
            for i, first in enumerate(present):
                for later in present[i + 1:]:
                    self.model.add(later.start >= first.start + first.duration).only_enforce_if(
                        [first.scheduled, later.scheduled])

    # -- duty rules (matching.rules) ----------------------------------------------------
    def _period_literals(self, aid: str, period: Period, key_of: np.ndarray
                         ) -> dict[int, IntVar]:
        """One literal per period the activity may start in; exactly one is true when it
        is scheduled (shared by every limit on that period)."""
        cache = self._period_of[period]
        if aid not in cache:
            av = self.acts[aid]
            starts = self.facts.allowed_starts(aid)
            keys = key_of[starts]
            lits = {}
            for key in sorted(set(keys.tolist())):
                lit = self.model.new_bool_var(f"period[{aid},{period.kind},{key}]")
                self.model.add_linear_expression_in_domain(
                    av.start, domain_of(starts[keys == key])).only_enforce_if(lit)
                lits[key] = lit
            self.model.add(sum(lits.values()) == av.scheduled)
            cache[aid] = lits
        return cache[aid]

    def _add_period_limit(self, rule: PeriodLimit) -> None:
        """The sum of a volunteer's amounts (minutes, or activities) in each period stays
        within the rule's cap."""
        m, p = self.model, self.problem
        key_of = rule.period.slot_keys(p.grid)
        slot_minutes = p.settings.slot_minutes
        for volunteer in self.checked(p.volunteers):
            limit = rule.limit(p, volunteer)
            if limit is None:
                continue
            cap = rule.cap(limit)
            vid = volunteer.volunteer_id
            terms: dict[int, list] = defaultdict(list)
            for av in self.attended_by[vid]:
                aid = av.activity.activity_id
                lit, amount = av.attends[vid], int(rule.amount(av.duration * slot_minutes))
                keys = set(key_of[self.facts.volunteer_starts(aid, vid)].tolist())
                if len(keys) == 1:
                    terms[keys.pop()].append((amount, lit))
                    continue
                periods = self._period_literals(aid, rule.period, key_of)
                both = []
                for key in keys:
                    z = m.new_bool_var(f"in[{aid},{vid},{rule.period.kind},{key}]")
                    m.add_implication(z, periods[key])
                    terms[key].append((amount, z))
                    both.append(z)
                m.add(sum(both) == lit)
            holds = None
            for items in terms.values():
                if sum(a for a, _ in items) <= cap:
                    continue
                if holds is None:
                    holds = self._assumption(say("conflict.limit", name=volunteer.name,
                                                 volunteer=vid, rule=say(f"rule.{rule.name}")))
                m.add(sum(a * lit for a, lit in items) <= math.floor(cap)).only_enforce_if(holds)

    def _add_min_rest(self, rule: MinRest) -> None:
        """After a long shift the volunteer's next activity starts the rest later: their
        long shifts, each stretched by the rest, and their other activities never overlap."""
        m, p = self.model, self.problem
        slot = p.settings.slot_minutes
        long_slots = math.ceil(rule.long_shift_minutes(p) / slot)
        for volunteer in self.checked(p.volunteers):
            rest = math.ceil((rule.limit(p, volunteer) or 0) * 60 / slot)
            vid = volunteer.volunteer_id
            mine = self.attended_by[vid]
            if not rest or not any(av.duration >= long_slots for av in mine):
                continue
            holds = self._assumption(say("conflict.rest", name=volunteer.name, volunteer=vid,
                                         hours=rule.limit(p, volunteer)))
            intervals = []
            for av in mine:
                size = av.duration + (rest if av.duration >= long_slots else 0)
                present = m.new_bool_var(f"rests[{av.activity.activity_id},{vid}]")
                m.add_bool_and([av.attends[vid], holds]).only_enforce_if(present)
                m.add_bool_or([av.attends[vid].Not(), holds.Not(), present])
                intervals.append(m.new_optional_fixed_size_interval_var(
                    av.start, size, present, f"rest[{av.activity.activity_id},{vid}]"))
            m.add_no_overlap(intervals)

    # -- decided parts -----------------------------------------------------------------
    def _add_must_and_pins(self) -> None:
        m = self.model
        for aid, av in self.acts.items():
            if av.activity.priority == "must":
                holds = self._assumption(say("conflict.must", title=av.activity.title,
                                             activity=aid))
                m.add(av.scheduled == 1).only_enforce_if(holds)
        for aid, pin in self.pins.items():
            if aid not in self.acts:
                continue
            av = self.acts[aid]
            holds = self._assumption(say("conflict.pins", title=av.activity.title,
                                         activity=aid))
            m.add(av.scheduled == 1).only_enforce_if(holds)
            if pin.start is not None:
                slot = self.problem.grid.slot_at_or_after(pin.start)
                m.add(av.start == slot).only_enforce_if(holds)
            if pin.room_id is not None:
                m.add(av.rooms[pin.room_id] == 1 if pin.room_id in av.rooms else
                      av.scheduled == 0).only_enforce_if(holds)
            for role, vid in pin.staff:
                seat = av.seats.get((role, vid))
                m.add(seat == 1 if seat is not None else av.scheduled == 0).only_enforce_if(
                    holds)

    def _assumption(self, text: Message) -> IntVar:
        """A literal that switches one group of hard rules on; solving assumes it true,
        and an infeasible solve names the smallest set of them that conflict."""
        lit = self.model.new_bool_var(f"assume[{len(self.assumptions)}]")
        self.assumptions[lit.index] = text
        return lit

    def assumption_literals(self) -> list[IntVar]:
        return [self.model.get_bool_var_from_proto_index(i) for i in self.assumptions]


#: The model's method for each family of duty rules (:data:`matching.rules.DUTY_RULES`).
DUTY_METHODS: dict[type, Callable] = {
    PeriodLimit: PlanModel._add_period_limit,
    MinRest: PlanModel._add_min_rest,
}

#: How the model keeps each hard rule of the evaluator (``matching.rules.HARD_RULES``): the
#: name of the :class:`PlanModel` method that adds its constraints, or how else it holds.
ENFORCED_BY: dict[str, str] = {
    "unknown_id": "the plan's rows: the model knows only the workbook's ids",
    "duplicate_assignment": "the plan's rows: one per activity",
    "room_required": "_add_variables",
    "window": "the start domains (Facts.allowed_starts)",
    "duration": "the start domains (Facts.allowed_starts)",
    "slot_grid": "the start domains (Facts.allowed_starts)",
    "same_day": "the start domains (Facts.allowed_starts)",
    "fixed_start": "_add_variables",
    "fixed_room": "_add_variables",
    "room_open": "_add_room_rules",
    "room_capacity": "_add_variables",
    "room_equipment": "_add_variables",
    "room_overlap": "_add_room_rules",
    "volunteer_available": "_add_volunteer_rules",
    "volunteer_skill": "_add_variables",
    "volunteer_age_band": "_add_variables",
    "volunteer_overlap": "_add_volunteer_rules",
    "volunteer_one_role": "_add_variables",
    **{rule.name: DUTY_METHODS[type(rule)].__name__ for rule in DUTY_RULES},
    "staffing_unscheduled": "the plan's rows: seats only on scheduled activities",
    "role_min": "_add_role_bounds",
    "role_max": "_add_role_bounds",
    "cohort_overlap": "_add_cohorts",
    "series_order": "_add_series_order",
    "must_scheduled": "_add_must_and_pins",
}
