"""The objective: its terms, their tiers and default weights, in one place.

A plan is judged by three penalty tiers compared lexicographically: any improvement of
a higher tier beats every change below it, so weights only trade terms within a tier.
All penalties are integers (the solver needs them so, the evaluator recomputes them).

Tier 1, ``schedule``: each unscheduled activity costs ``priority_<its priority>``
(``must`` activities are a hard rule, not a cost).

Tier 2, ``staffing``: each seat below a role's ``target`` on a scheduled activity costs
``staffing``.

Tier 3, soft terms:

=====================  ====================================================================
term                   penalty
=====================  ====================================================================
preference             minus the volunteer's preference weight, per volunteer staffed on an
                       activity their preference targets (activity, theme, series or tag)
preferred_time         per volunteer staffed on an activity that is not wholly inside their
                       ``preferred`` times, when they have any preferred times
fairness               the largest load of any volunteer, in slots
use_everyone           per willing volunteer (one who could fill some role) left unused
series_room            per room used by a series beyond its first
series_people          per distinct volunteer staffing a series
room_fit               per activity, ``(capacity - expected_attendance) // 10`` of its room
preferred_room         per activity not in its ``preferred_room``
reserve                per tenth of a person by which a role's expected attendance (its
                       volunteers' show rates summed, ``Problem.show_hundredths``) falls
                       short of its ``min``: the plan adds people up to ``max`` where
                       no-shows are likely. Costs nothing while no rate is given
stability_start        per activity whose start moved from the baseline plan
stability_room         per activity whose room changed from the baseline plan
stability_volunteer    per baseline (activity, role, volunteer) seat not kept
=====================  ====================================================================

Each weight can be overridden in the workbook (``weight.<term>`` in ``settings``) or in
Python; a weight of 0 switches the term off.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Integral
from typing import Final

from ..i18n import say

SCHEDULE_TERMS: Final = ("priority_high", "priority_normal", "priority_low")
STAFFING_TERMS: Final = ("staffing",)
SOFT_TERMS: Final = (
    "preference",
    "preferred_time",
    "fairness",
    "use_everyone",
    "series_room",
    "series_people",
    "room_fit",
    "preferred_room",
    "reserve",
    "stability_start",
    "stability_room",
    "stability_volunteer",
)

DEFAULT_WEIGHTS: Final[Mapping[str, int]] = {
    "priority_high": 100,
    "priority_normal": 10,
    "priority_low": 1,
    "staffing": 1,
    "preference": 1,
    "preferred_time": 2,
    "fairness": 1,
    "use_everyone": 5,
    "series_room": 3,
    "series_people": 1,
    "room_fit": 1,
    "preferred_room": 3,
    "reserve": 3,
    "stability_start": 20,
    "stability_room": 10,
    "stability_volunteer": 10,
}

#: The largest weight of a term, wherever one is given (a workbook's ``weight.<term>``,
#: a scenario's ``set_weight``, a sweep's ``weight_<term>``, ``SolverSettings.weights``);
#: the smallest is 0, which switches the term off.
MAX_WEIGHT: Final = 1_000_000

TIER_OF: Final[Mapping[str, int]] = {
    **{t: 1 for t in SCHEDULE_TERMS},
    **{t: 2 for t in STAFFING_TERMS},
    **{t: 3 for t in SOFT_TERMS},
}
#: Level of each tier in score tables; broken hard rules have level "hard".
TIER_LEVEL: Final[Mapping[int, str]] = {1: "medium", 2: "medium", 3: "soft"}


def check_weights(weights: Mapping[str, object], what: str = "weights") -> None:
    """Refuse, with a ``ValueError`` naming the term and its value, a weight that a
    workbook would refuse: a term of no known name, or a weight that is not a whole
    number from 0 to :data:`MAX_WEIGHT` (an ``int``: ``"5"`` and ``2.5`` are not).
    ``what`` names the mapping in the message."""
    for term, value in weights.items():
        if term not in DEFAULT_WEIGHTS:
            raise ValueError(f"{what}: {term!r} is no objective term; known: "
                             f"{', '.join(DEFAULT_WEIGHTS)}")
        if (not isinstance(value, Integral) or isinstance(value, bool)
                or not 0 <= int(value) <= MAX_WEIGHT):
            expected = say("valid.whole_between", low=0, high=MAX_WEIGHT).render("en")
            raise ValueError(f"{what}: the weight of {term!r} is {value!r}; expected "
                             f"{expected}")


def resolve_weights(*overrides: Mapping[str, int] | None) -> dict[str, int]:
    """Default weights updated by each mapping in turn (later ones win).

    Raises ``KeyError`` naming the term when an override names no known term, so a typo
    in ``weight.<term>`` cannot silently do nothing.
    """
    weights = dict(DEFAULT_WEIGHTS)
    for mapping in overrides:
        for term, value in (mapping or {}).items():
            if term not in weights:
                raise KeyError(f"unknown objective term {term!r}; known: {', '.join(weights)}")
            weights[term] = int(value)
    return weights
