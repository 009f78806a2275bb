"""What an evaluation returns: findings, each with its rule, penalty and a readable reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from ..i18n import Message
from ..problem.weights import TIER_LEVEL, TIER_OF
from ..rules import HARD_RULES

Level = Literal["hard", "medium", "soft"]

DETAIL_COLUMNS: Final = ("constraint", "level", "penalty", "activity_id", "volunteer_id",
                         "room_id", "message")
TABLE_COLUMNS: Final = ("constraint", "level", "weight", "count", "penalty")


@dataclass(frozen=True)
class Finding:
    """One broken hard rule (penalty 0) or one objective cost, said so that a coordinator
    can act on it without looking anything up.

    ``wording`` is the sentence as a message, so that a report shows it in its reader's
    language (:meth:`text`); :attr:`message` is its English text, for logs and scripts.
    """

    constraint: str
    level: Level
    penalty: int
    wording: Message
    activity_id: str | None = None
    volunteer_id: str | None = None
    room_id: str | None = None

    @property
    def message(self) -> str:
        return self.wording.render("en")

    def text(self, language: str) -> str:
        """The finding in ``language`` ("zh" or "en")."""
        return self.wording.render(language)


def hard(rule: str, wording: Message, *, activity_id: str | None = None,
         volunteer_id: str | None = None, room_id: str | None = None) -> Finding:
    """A finding of the hard rule ``rule``."""
    return Finding(rule, "hard", 0, wording, activity_id, volunteer_id, room_id)


def cost(term: str, penalty: int, wording: Message, *, activity_id: str | None = None,
         volunteer_id: str | None = None, room_id: str | None = None) -> Finding:
    """A finding of the objective term ``term``, at the level of its tier."""
    level: Level = TIER_LEVEL[TIER_OF[term]]  # type: ignore[assignment]
    return Finding(term, level, penalty, wording, activity_id, volunteer_id, room_id)


@dataclass(frozen=True)
class Score:
    """The verdict on a plan: every broken hard rule and every objective cost.

    ``weights`` are the weights the costs were computed with, so that a table can show
    them and a reader can redo any penalty by hand.
    """

    findings: tuple[Finding, ...]
    weights: Mapping[str, int]

    @property
    def hard_violations(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "hard"]

    @property
    def feasible(self) -> bool:
        """Whether the plan keeps every hard rule."""
        return not self.hard_violations

    @property
    def tiers(self) -> tuple[int, int, int]:
        """Penalties of the schedule, staffing and soft tiers, compared lexicographically
        (the solver's objective must equal these)."""
        totals = [0, 0, 0]
        for finding in self.findings:
            if finding.level != "hard":
                totals[TIER_OF[finding.constraint] - 1] += finding.penalty
        return totals[0], totals[1], totals[2]

    def table(self) -> pd.DataFrame:
        """One row per hard rule and per objective term, broken or not, hard rules first:
        the ``score`` table of a published plan."""
        counts: dict[str, int] = {}
        penalties: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.constraint] = counts.get(finding.constraint, 0) + 1
            penalties[finding.constraint] = penalties.get(finding.constraint, 0) + finding.penalty
        rows: list[tuple[str, str, int | None, int, int]] = [
            (rule, "hard", None, counts.get(rule, 0), 0) for rule in HARD_RULES]
        rows += [(term, TIER_LEVEL[tier], self.weights[term], counts.get(term, 0),
                  penalties.get(term, 0))
                 for term, tier in sorted(TIER_OF.items(), key=lambda item: item[1])]
        frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
        frame["weight"] = frame["weight"].astype("Int64")
        return frame

    def details(self, language: str = "en") -> pd.DataFrame:
        """Every finding, one row each, in rule order, its message in ``language``."""
        return pd.DataFrame(
            [(f.constraint, f.level, f.penalty, f.activity_id, f.volunteer_id, f.room_id,
              f.text(language)) for f in self.findings],
            columns=list(DETAIL_COLUMNS))
