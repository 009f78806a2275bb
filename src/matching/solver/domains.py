"""Turning sorted slot arrays into CP-SAT domains (runs of consecutive slots)."""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model


def runs(values: np.ndarray) -> list[list[int]]:
    """``[[first, last], ...]`` runs of consecutive integers in a sorted array."""
    if values.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(values) != 1)
    firsts = np.concatenate(([values[0]], values[breaks + 1]))
    lasts = np.concatenate((values[breaks], [values[-1]]))
    return [[int(a), int(b)] for a, b in zip(firsts, lasts, strict=True)]


def domain_of(values: np.ndarray) -> cp_model.Domain:
    return cp_model.Domain.from_intervals(runs(values))
