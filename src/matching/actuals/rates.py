"""Expected no-show rates learnt from what happened, shrunk where the history is short.

A volunteer's rate is pulled towards their team's by ``weight`` seats' worth of the team
rate, and a team's towards everyone's the same way: two seats missed of two do not make
a volunteer certain to miss the next, but twenty of forty say a lot. The hours ledger
writes these rates (``expected_no_show_rate``), the workbook's ``no_show_rate`` takes
them (the plan's ``reserve`` term), and no-show draws scale by them
(:func:`matching.distributed.robustness.relative_risks`).
"""

from __future__ import annotations

from collections.abc import Mapping

#: Seats' worth of the team's (or everyone's) rate added to a volunteer's own history.
PRIOR_SEATS = 10.0


def expected_rates(history: Mapping[str, tuple[int, int]], teams: Mapping[str, str],
                   weight: float = PRIOR_SEATS) -> dict[str, float]:
    """Each volunteer's expected no-show rate from ``history`` (``volunteer_id ->
    (no_shows, seats)``), for everyone in ``history`` or ``teams`` (a volunteer without
    history gets their team's rate); empty when nobody has a seat."""
    missed = sum(n for n, _ in history.values())
    seats = sum(s for _, s in history.values())
    if seats == 0:
        return {}
    overall = missed / seats
    by_team: dict[str, list[int]] = {}
    for vid, (n, s) in history.items():
        counts = by_team.setdefault(teams.get(vid, ""), [0, 0])
        counts[0] += n
        counts[1] += s
    team_rate = {team: (n + weight * overall) / (s + weight)
                 for team, (n, s) in by_team.items()}
    rates = {}
    for vid in set(history) | set(teams):
        prior = team_rate.get(teams.get(vid, ""), overall)
        n, s = history.get(vid, (0, 0))
        rates[vid] = (n + weight * prior) / (s + weight)
    return rates
