"""What every duty rule declares once: its workbook column, how it reads the plan, who it
rules out, and how first fit asks it whether a seat fits.

A *duty rule* limits what one volunteer may be given: hours a day or a week, activities
a month, rest after a long shift. Each rule is one object; the schema, the reader, the
evaluator, eligibility, first fit and candidate ranking all ask it, and the CP-SAT model
has one method per rule family (``matching.solver.model``), so a rule is defined in one
place and enforced the same way everywhere.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the rules read these records; at run time they import only words
    import numpy as np

    from ..i18n import Message
    from ..plan_view import Placed
    from ..problem.entities import Activity, Volunteer
    from ..problem.model import Problem


@dataclass(frozen=True)
class Column:
    """A number in the ``volunteers`` table; blank means the center-wide default, a row of
    the same key in ``settings``, and blank there means no limit."""

    name: str
    low: float
    high: float
    integer: bool = False
    #: whether the rule asks for at least this much (rest), so that a larger value is
    #: the stricter one; else at most (hours, activities)
    at_least: bool = False

    def stricter(self, first: float, second: float) -> float:
        """The stricter of two limits of this column."""
        return max(first, second) if self.at_least else min(first, second)


class Breach(NamedTuple):
    """One broken duty rule in a plan: the sentence and what it concerns."""

    wording: Message
    volunteer_id: str
    activity_id: str | None = None


class Tally(ABC):
    """The duties booked so far for every volunteer of a problem (rows in workbook order),
    as first fit builds a plan: which further seats still fit."""

    @abstractmethod
    def allows(self, rows: np.ndarray, starts: np.ndarray, slots: int) -> np.ndarray:
        """A matrix (``rows`` × ``starts``): whether each volunteer may take an activity
        of ``slots`` slots starting at each slot, given what is booked."""

    @abstractmethod
    def book(self, row: int, start: int, slots: int) -> None:
        """Record that the volunteer in ``row`` takes an activity at ``start``."""


class DutyRule(ABC):
    """One limit on a volunteer's duties; ``name`` is the rule's name in the evaluator's
    findings and score tables, in the label catalogue and in the solver's registry."""

    name: str
    column: Column

    def limit(self, problem: Problem, volunteer: Volunteer) -> float | None:
        """The volunteer's own value, else the center-wide one, else None (no limit)."""
        own = volunteer.limit(self.column.name)
        return own if own is not None else problem.settings.limit(self.column.name)

    @abstractmethod
    def breaches(self, problem: Problem, volunteer: Volunteer, duties: Sequence[Placed]
                 ) -> Iterator[Breach]:
        """Where the volunteer's ``duties`` (activities they staff) break the rule."""

    @abstractmethod
    def excludes(self, problem: Problem, volunteer: Volunteer, activity: Activity
                 ) -> Message | None:
        """Why the volunteer can never take the activity under this rule, or None."""

    @abstractmethod
    def tally(self, problem: Problem) -> Tally:
        """An empty tally of duties for first fit."""
