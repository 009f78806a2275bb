"""How to search: limits, workers, seed, weights and pins; and the progress it reports."""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from ..problem.weights import check_weights


@dataclass(frozen=True)
class Pin:
    """Part of a plan the coordinator has decided: the search keeps it as given.

    Any of ``start``, ``room_id`` and ``staff`` (``(role, volunteer_id)`` pairs) may be
    left out to pin only the others; a pinned activity is always scheduled.
    """

    activity_id: str
    start: datetime | None = None
    room_id: str | None = None
    staff: tuple[tuple[str, str], ...] = ()


#: The seeds CP-SAT takes (a 32-bit integer).
SEEDS: Final = range(-2**31, 2**31)
#: The most searches a repeatable search runs side by side: each holds its own copy of
#: the model (the 10x year's peak memory grew from 1.8 to 2.1 GB with two), and two is
#: what was measured (``benchmarks/README.md``).
SIDE_BY_SIDE: Final = 2
_SEED_STEP = 2**30


def _seconds(value: object) -> bool:
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and 0 < float(value) < math.inf)


def _whole(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


@dataclass(frozen=True)
class SolverSettings:
    """Search settings.

    ``time_limit`` is shared by the stages (schedule, staffing, soft terms): a stage
    that finishes early leaves its time to the next. ``no_improvement_seconds`` ends a
    stage whose best plan has not improved for that long.

    ``repeatable`` (the default) gives the same plan for the same workbook and settings
    on every run on the same machine, however busy it is: CP-SAT's limits are counted
    in work, not seconds (see :mod:`matching.solver.clock`), and two workers or more
    run two searches side by side, one kept by a fixed rule, instead of racing
    (:mod:`matching.solver.side_by_side`). It usually ends before ``time_limit``, which
    stays a hard cap; a run cut by the cap (a very busy machine), a Stop or a patience
    is not repeatable. ``repeatable=False`` races the workers for the whole time limit: often
    a better plan in the same time, a different one on every run.

    ``work_limit`` sets a repeatable search's budget in CP-SAT's deterministic time
    directly (default: ``time_limit`` times
    :data:`~matching.solver.clock.WORK_PER_SECOND`; on a model of over 60,000
    variables each unit counts for more, see :func:`~matching.solver.clock.slowdown`);
    with a generous ``time_limit`` the same work gives the same plan on machines of any
    speed.
    """

    time_limit: float = 30.0
    workers: int = field(default_factory=lambda: min(os.cpu_count() or 1, 8))
    seed: int = 0
    no_improvement_seconds: float | None = None
    weights: Mapping[str, int] = field(default_factory=dict)
    pins: tuple[Pin, ...] = ()
    log: Callable[[str], None] | None = None
    repeatable: bool = True
    work_limit: float | None = None

    def __post_init__(self) -> None:
        """Refuse settings no search can run with, here rather than deep in it: weights
        a workbook would refuse (:func:`check_weights`: a negative weight would reward a
        penalty, a string or a fraction be taken silently, a huge one overflow CP-SAT's
        objective); a time limit that is not a finite number of seconds above 0 (NaN
        made CP-SAT's model invalid, "5" failed on a comparison, -1 planned anyway); no
        workers; a seed CP-SAT cannot take (:data:`SEEDS`)."""
        check_weights(self.weights, "SolverSettings.weights")
        for name in ("time_limit", "no_improvement_seconds", "work_limit"):
            value = getattr(self, name)
            if (value is not None or name == "time_limit") and not _seconds(value):
                raise ValueError(f"SolverSettings.{name}: a finite number of seconds above "
                                 f"0, not {value!r}")
        if not _whole(self.workers) or self.workers < 1:
            raise ValueError(f"SolverSettings.workers: a whole number from 1, not "
                             f"{self.workers!r}")
        if not _whole(self.seed) or self.seed not in SEEDS:
            raise ValueError(f"SolverSettings.seed: a whole number from {SEEDS.start} to "
                             f"{SEEDS.stop - 1}, not {self.seed!r}")

    @property
    def search_workers(self) -> int:
        """The CP-SAT workers each search runs: one when repeatable (racing workers find
        different plans on different runs; interleaved ones were measured slower and not
        repeatable either)."""
        return 1 if self.repeatable else max(1, self.workers)

    @property
    def search_seeds(self) -> tuple[int, ...]:
        """The seeds of the searches each CP-SAT call runs side by side: up to
        :data:`SIDE_BY_SIDE` when a repeatable search has several workers
        (:mod:`.side_by_side`), else one. Each seed after the first is
        :data:`_SEED_STEP` past the one before, so that the searches of seeds 0 and 1
        share none."""
        count = min(self.workers, SIDE_BY_SIDE) if self.repeatable else 1
        return tuple((self.seed + i * _SEED_STEP - SEEDS.start) % len(SEEDS) + SEEDS.start
                     for i in range(count))

    @property
    def cores(self) -> int:
        """The CP-SAT threads a search keeps busy at once."""
        return self.search_workers * len(self.search_seeds)


@dataclass(frozen=True)
class Progress:
    """What the search has reached so far, sent to ``on_progress`` (throttled).

    ``objective`` and ``bound`` are the current stage's penalties; ``gap`` is their
    relative distance (0 when proven optimal). Stage ``start`` reports the first plan,
    completed from a hint or first fit before the search begins: its ``objective`` is
    the schedule tier and it has no bound or gap yet (None). Until then it is sent
    every second with ``scheduled`` None, the search for a first plan going on: its
    ``objective`` is then how many ``must`` activities the nearest start leaves out.
    """

    stage: str
    objective: float
    bound: float | None
    gap: float | None
    elapsed: float
    solutions: int
    #: The best plan in hand when this was sent, in a coordinator's terms: activities it
    #: schedules (of ``activities``) and seats it leaves below their role's target
    #: (None before there is a plan).
    scheduled: int | None = None
    activities: int | None = None
    seats_short: int | None = None
