"""Seeded synthetic workbooks shaped like the embedded Qianjin 2023 one, at any scale.

``generate(scale, seed)`` replicates a template workbook (by default ``data/qianjin-2023``):
``floor(scale)`` whole copies of its rooms (with their opening hours and closures), its
volunteers (with availability and preferences) and its activities (with their roles), plus
one seeded partial copy for the fractional rest. A 2× workbook is two centers' worth of
demand and supply sharing one calendar:

* copy 0 keeps the template's ids, names and dates (``scale=1`` gives the template
  itself); copy ``c`` ≥ 1 suffixes every id with ``-c<c+1>`` (rooms, volunteers,
  activities, series, cohort tags) and every name with ``·c<c+1>``;
* each copy ``c`` ≥ 1 moves its activities by whole weeks (a series moves as one), so
  weekdays and times of day stay as they were, only the dates differ; activities on a
  date that some volunteer or room has a dated row for (the summer camp and the students'
  camp weeks) keep their dates, as those rows do;
* each copy is a site: with two copies or more, its rooms carry the equipment tag
  ``@c<k>``, its activities ask for it, its volunteers' skills and its roles are
  suffixed ``@c<k>`` (``签到接待@c2``), so that a copy's activities use its own rooms and
  people and the model grows in proportion to the scale, not to its square;
* copies interact: about 10 % of the activities are held at another copy's site
  (its tag, and their ``fixed_room``/``preferred_room`` become that copy's room), and
  about 10 % of the volunteers also serve another copy (its skills too);
* fixed and preferred rooms, series, cohort tags and preferences refer to the copy's own
  rooms, activities, series and tags;
* a partial copy (``scale`` 0.5, or the 0.5 of 2.5) keeps a seeded subset of the
  activities, of each team's volunteers and of the rooms (every room some kept activity
  needs stays).

What a move or a borrowed room would break is undone: a window that would leave the
horizon, an activity that would have no allowed start, a fixed start that would meet
another in the same room, a ``must`` activity that could not be placed and staffed on its
own. A ``must`` activity that still cannot (only possible in a partial copy, whose
volunteers are a subset) becomes ``high``. So every generated workbook validates and every
``must`` activity keeps a feasible placement of its own.

Run ``python -m matching generate OUT --scale 5 --seed 1`` to write one as a CSV folder
(or an ``.xlsx`` when ``OUT`` ends so).
"""

from __future__ import annotations

import os
import random
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..io import build_problem, save_workbook
from .copies import Tables, choose_copies, propose
from .repair import keep_fixed_starts_apart, undo_what_breaks
from .tables import DEFAULT_BASE, assemble, load_base, records_frame

__all__ = ["DEFAULT_BASE", "generate", "load_base", "records_frame", "write_workbook"]


def generate(scale: float = 1.0, seed: int = 0, *,
             base: Mapping[str, pd.DataFrame] | str | os.PathLike[str] | None = None
             ) -> Tables:
    """A workbook like ``base`` with ``scale`` times its rooms, volunteers and activities.

    Parameters
    ----------
    scale
        How many centers' worth: 1 gives the template itself, 2 two copies sharing one
        calendar, 0.5 a seeded half.
    seed
        Seed of every random choice: the same seed gives identical tables.
    base
        The template: tables, a workbook path, or None for ``data/qianjin-2023``.

    Returns
    -------
    dict[str, pandas.DataFrame]
        The workbook's tables as strings, ready for :func:`matching.write_tables` or
        :func:`matching.io.build_problem`.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, not {scale}")
    template = load_base(base)
    problem = build_problem(template)
    rng = random.Random(seed)
    copies = choose_copies(template, problem, scale, rng)
    propose(problem, copies, rng)
    keep_fixed_starts_apart(problem, copies)
    undo_what_breaks(problem, copies)
    return assemble(template, problem, copies, scale, seed)


def write_workbook(path: str | os.PathLike[str], scale: float = 1.0, seed: int = 0, *,
                   base: Mapping[str, pd.DataFrame] | str | os.PathLike[str] | None = None
                   ) -> Path:
    """Generate a workbook (see :func:`generate`), validate it and write it to ``path``
    (a CSV folder, or an ``.xlsx`` file when ``path`` ends so)."""
    return save_workbook(generate(scale, seed, base=base), path)
