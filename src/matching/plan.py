"""The plan: when and where each activity happens and who staffs it.

A :class:`Plan` is plain data. The solver makes one, a coordinator may edit one as a
table, and the evaluator scores any of them; none of that needs the solver.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import Literal

from .i18n import Phrase

Status = Literal["scheduled", "unscheduled"]


@dataclass(frozen=True)
class Assignment:
    """Where and when one activity happens; ``start`` is None when it is unscheduled and
    ``reason`` then says why (or, for a scheduled one, why it is short of people).

    ``reason`` is English text, as plan tables store it; ``why`` is the same reason as a
    message, when the toolkit wrote it, so that it can be shown in the reader's language
    (see :meth:`reason_in`); plan files keep both. A reason typed by hand, or read from a
    table or an older plan file, has no ``why``.
    """

    activity_id: str
    start: datetime | None = None
    end: datetime | None = None
    room_id: str | None = None
    reason: str = ""
    why: Phrase | None = field(default=None, compare=False, repr=False)

    @property
    def status(self) -> Status:
        return "scheduled" if self.start is not None else "unscheduled"

    def because(self, why: Phrase | None) -> Assignment:
        """This row with ``why`` as its reason (None: no reason)."""
        return replace(self, reason=why.render("en") if why else "", why=why)

    def reason_in(self, language: str) -> str:
        """The reason in ``language`` when known as a message, else as written."""
        return self.why.render(language) if self.why else self.reason


@dataclass(frozen=True)
class Staffing:
    """One volunteer in one role of one activity."""

    activity_id: str
    role: str
    volunteer_id: str


@dataclass(frozen=True, eq=False)
class Plan:
    """A complete plan with how it was found.

    ``objective`` holds the penalty tiers (schedule, staffing, soft) as the solver saw
    them and ``bound`` the lower bound proved for each tier, for as many tiers as the
    search got to prove one; ``conflicts`` lists, for an infeasible problem, the rules
    and entities that cannot all hold together, in English (:meth:`conflicts_in` says
    them in the reader's language when the toolkit wrote them, and plan files keep that).
    """

    assignments: tuple[Assignment, ...]
    staffing: tuple[Staffing, ...] = ()
    status: str = "UNKNOWN"
    objective: tuple[int, ...] | None = None
    bound: tuple[float, ...] | None = None
    wall_time: float = 0.0
    solutions: int = 0
    conflicts: tuple[str, ...] = ()
    meta: Mapping[str, str] = field(default_factory=dict)
    #: ``conflicts`` as messages, when the toolkit wrote them.
    conflict_wording: tuple[Phrase, ...] = field(default=(), repr=False)

    def with_conflicts(self, conflicts: tuple[Phrase, ...]) -> Plan:
        """This plan with ``conflicts`` said as messages (``conflicts`` their English)."""
        return replace(self, conflicts=tuple(c.render("en") for c in conflicts),
                       conflict_wording=conflicts)

    def conflicts_in(self, language: str) -> list[str]:
        """The conflicts in ``language`` when known as messages, else as written."""
        if self.conflict_wording:
            return [c.render(language) for c in self.conflict_wording]
        return list(self.conflicts)

    @cached_property
    def assignment_of(self) -> dict[str, Assignment]:
        return {a.activity_id: a for a in self.assignments}

    @cached_property
    def staff_of(self) -> dict[str, tuple[Staffing, ...]]:
        """Staffing rows of each activity (only activities that have some)."""
        result: dict[str, list[Staffing]] = {}
        for s in self.staffing:
            result.setdefault(s.activity_id, []).append(s)
        return {k: tuple(v) for k, v in result.items()}

    @property
    def scheduled(self) -> list[Assignment]:
        return [a for a in self.assignments if a.start is not None]
