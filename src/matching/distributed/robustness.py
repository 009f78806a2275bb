"""Robustness against no-shows: seeded random draws of volunteers who do not come, and
what they do to a plan.

Draw ``k`` of a sweep uses ``numpy.random.default_rng(seed + k)``: one uniform number per
volunteer (in sorted id order), and a volunteer does not show when the number is below
the probability. Draws with the same ``k`` at different probabilities share their numbers,
so the no-shows at 0.1 are a subset of those at 0.2 and the distributions compare like
with like (common random numbers).

A draw is either *re-planned*: a scenario of :class:`~matching.scenario.VolunteerGone`
changes (or :class:`~matching.scenario.VolunteerUnavailable` ones inside a window) solved
like any other; or *evaluated against a fixed plan*: the no-shows' seats are taken out of
the plan and what is left is measured (:func:`evaluate_no_shows`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..actuals.rates import PRIOR_SEATS, expected_rates
from ..plan import Plan
from ..plan_view import PlanView
from ..problem import Problem
from ..scenario import Change, VolunteerGone, VolunteerUnavailable

#: Columns of :func:`staffing_needs`.
NEEDS_COLUMNS = ["activity_id", "role", "min", "start"]


def draw_no_shows(volunteer_ids: Collection[str], probability: float, seed: int,
                  risk: Mapping[str, float] | None = None) -> list[str]:
    """The volunteers who do not show in the draw with ``seed`` (sorted ids).

    ``probability`` is the average no-show rate; ``risk`` (from :func:`relative_risks`)
    scales it per volunteer, so that someone who missed half their seats last year is
    likelier to miss one now. Thresholds grow with ``probability``, so the nesting of
    draws across probabilities (common random numbers) holds with risks too.
    """
    if not 0.0 <= probability <= 1.0:
        raise ValueError(f"a no-show probability is between 0 and 1, not {probability}")
    people = sorted(set(volunteer_ids))
    numbers = np.random.default_rng(seed).random(len(people))
    risk = risk or {}
    return [v for v, x in zip(people, numbers, strict=True)
            if x < min(1.0, probability * risk.get(v, 1.0))]


def relative_risks(history: Mapping[str, tuple[int, int]], teams: Mapping[str, str],
                   weight: float = PRIOR_SEATS) -> dict[str, float]:
    """Each volunteer's expected no-show rate (:func:`matching.actuals.rates.
    expected_rates`, shrunk where the history is short) relative to everyone's; with no
    no-shows at all, every risk is 1 (an empty mapping)."""
    missed = sum(n for n, _ in history.values())
    seats = sum(s for _, s in history.values())
    if missed == 0 or seats == 0:
        return {}
    overall = missed / seats
    return {vid: rate / overall for vid, rate in expected_rates(history, teams, weight).items()}


def no_show_changes(no_shows: Sequence[str], start: str = "", end: str = ""
                    ) -> tuple[Change, ...]:
    """The changes of a re-planned draw: each no-show is gone, or unavailable from
    ``start`` to ``end`` when a window is given."""
    if start or end:
        return tuple(VolunteerUnavailable(volunteer_id=v, start=start, end=end)
                     for v in no_shows)
    return tuple(VolunteerGone(volunteer_id=v) for v in no_shows)


def staffing_needs(problem: Problem, plan: Plan,
                   activities: Collection[str] | None = None) -> pd.DataFrame:
    """The roles of the plan's scheduled sessions with their ``min``: what a fixed plan
    must still cover when people do not show.

    Parameters
    ----------
    problem, plan
        The plan and the problem it is for.
    activities
        Only these activities (default: all).

    Returns
    -------
    pandas.DataFrame
        Columns ``activity_id``, ``role``, ``min`` and ``start`` (the session's start).
    """
    rows = []
    for activity_id, placed in PlanView(problem, plan).placed.items():
        if activities is not None and activity_id not in activities:
            continue
        for role in problem.roles_of.get(activity_id, ()):
            rows.append((activity_id, role.role, role.min, placed.start))
    frame = pd.DataFrame(rows, columns=NEEDS_COLUMNS)
    frame["min"] = frame["min"].astype("int64")
    frame["start"] = pd.to_datetime(frame["start"])
    return frame


def plan_seats(problem: Problem, plan: Plan) -> pd.DataFrame:
    """The plan's seats as the plan view counts them (:attr:`PlanView.filled`): distinct
    volunteers in each role of each scheduled activity, rows naming unknown ids or
    unscheduled activities left out. Columns ``activity_id``, ``role``, ``volunteer_id``:
    the ``staffing`` argument of :func:`evaluate_no_shows`."""
    rows = [(activity_id, role, volunteer_id)
            for (activity_id, role), people in PlanView(problem, plan).filled.items()
            for volunteer_id in people]
    return pd.DataFrame(rows, columns=["activity_id", "role", "volunteer_id"])


def evaluate_no_shows(needs: pd.DataFrame, staffing: pd.DataFrame, no_shows: Collection[str],
                      start: Any = None, end: Any = None) -> dict[str, float]:
    """How a fixed plan stands up when ``no_shows`` do not come.

    Parameters
    ----------
    needs
        :func:`staffing_needs` of the plan.
    staffing
        The plan's seats (:func:`plan_seats`: activity_id, role, volunteer_id).
    no_shows
        Volunteer ids who do not come.
    start, end
        Only sessions starting in ``[start, end)`` lose their no-shows (default: all).

    Returns
    -------
    dict
        ``no_shows``; ``seats_lost`` (the no-shows' seats on sessions of ``needs``);
        ``sessions`` (scheduled sessions with roles); ``sessions_understaffed`` (those
        with some role below its ``min``) and ``understaffed_share`` (their share of
        ``sessions``); ``seats_short`` (seats missing to reach every role's ``min``) and
        ``seats_short.<role>`` for each role of ``needs``.
    """
    sessions = needs[["activity_id", "start"]].drop_duplicates("activity_id")
    seats = staffing[["activity_id", "role", "volunteer_id"]].merge(sessions, on="activity_id")
    gone = seats["volunteer_id"].isin(set(no_shows))
    if start is not None:
        gone &= seats["start"] >= pd.Timestamp(start)
    if end is not None:
        gone &= seats["start"] < pd.Timestamp(end)
    kept = (seats.loc[~gone].groupby(["activity_id", "role"]).size()
            .reset_index(name="filled"))
    cover = needs.merge(kept, how="left", on=["activity_id", "role"])
    cover["short"] = (cover["min"] - cover["filled"].fillna(0)).clip(lower=0).astype("int64")
    short_sessions = cover.loc[cover["short"] > 0, "activity_id"].nunique()
    count = len(sessions)
    out: dict[str, float] = {
        "no_shows": len(set(no_shows)),
        "seats_lost": int(gone.sum()),
        "sessions": count,
        "sessions_understaffed": int(short_sessions),
        "understaffed_share": round(short_sessions / count, 4) if count else 0.0,
        "seats_short": int(cover["short"].sum()),
    }
    by_role = cover.groupby("role", sort=True)["short"].sum()
    out.update({f"seats_short.{role}": int(n) for role, n in by_role.items()})
    return out


def fixed_plan_draw(needs: pd.DataFrame, staffing: pd.DataFrame, volunteer_ids: Sequence[str],
                    probability: float, seed: int, start: Any = None, end: Any = None,
                    risk: Mapping[str, float] | None = None) -> dict[str, Any]:
    """One draw evaluated against a fixed plan (a sweep task): the draw's no-shows
    (:func:`draw_no_shows`, with per-volunteer ``risk`` when given) and
    :func:`evaluate_no_shows` of them."""
    no_shows = draw_no_shows(volunteer_ids, probability, seed, risk)
    row: dict[str, Any] = {"status": "EVALUATED", "error": "",
                           "no_show_ids": ";".join(no_shows)}
    row.update(evaluate_no_shows(needs, staffing, no_shows, start, end))
    return row
