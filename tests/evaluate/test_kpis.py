"""Key figures of a plan, checked by hand on the base workbook of ``test_evaluate``."""

from __future__ import annotations

import pandas as pd
import pytest
from test_evaluate import GOOD_STAFF, VOLUNTEERS, plan, problem

from matching.evaluate import evaluate, kpis
from matching.plan import Plan


def values(frame: pd.DataFrame) -> dict[str, object]:
    return dict(zip(frame["name"], frame["value"], strict=True))


def test_kpis_has_name_and_value_columns() -> None:
    frame = kpis(problem(), plan())
    assert list(frame.columns) == ["name", "value"]
    assert frame["name"].is_unique


def test_kpis_count_scheduled_activities_by_priority() -> None:
    got = values(kpis(problem(), plan(staff=GOOD_STAFF[:2], small=None)))
    assert (got["activities_scheduled"], got["activities_total"]) == (1, 2)
    assert (got["scheduled_must"], got["total_must"]) == (1, 1)
    assert (got["scheduled_normal"], got["total_normal"]) == (0, 1)
    assert (got["scheduled_high"], got["total_high"]) == (0, 0)


def test_kpis_count_bookings() -> None:
    got = values(kpis(problem({"small": {"kind": "booking"}}), plan()))
    assert (got["bookings_scheduled"], got["bookings_total"]) == (1, 1)


def test_kpis_seats_on_scheduled_activities() -> None:
    # Talk: teach 1/1/1, host 1/2/2; Small: host 0/1/1
    got = values(kpis(problem(), plan()))
    assert (got["seats_filled"], got["seats_target"], got["seats_min"]) == (3, 4, 2)
    dropped = values(kpis(problem(), plan(staff=GOOD_STAFF[:2], small=None)))
    assert (dropped["seats_filled"], dropped["seats_target"], dropped["seats_min"]) == (2, 3, 2)


def test_kpis_volunteer_use_and_load_over_willing_volunteers() -> None:
    # willing: 王芳 2 h, Bob 3 h, Cy 0 h, Dan 0 h; Eve (never available) is not counted
    p = problem(volunteers=VOLUNTEERS + "v5,Eve,host,adult\n")
    got = values(kpis(p, plan()))
    assert (got["volunteers_used"], got["volunteers_total"]) == (2, 5)
    assert got["volunteer_load_hours_min"] == 0
    assert got["volunteer_load_hours_mean"] == pytest.approx((2 + 3) / 4)
    assert got["volunteer_load_hours_max"] == 3


def test_kpis_room_utilisation() -> None:
    # both rooms open 8 h on Mon and Tue: 32 h; Talk 2 h + Small 1 h booked
    got = values(kpis(problem(), plan()))
    assert got["room_open_hours"] == 32
    assert got["room_booked_hours"] == 3
    assert got["room_utilisation_pct"] == pytest.approx(round(100 * 3 / 32, 1))


def test_kpis_ignore_booked_time_outside_opening_hours() -> None:
    late = plan(staff=GOOD_STAFF[:2], small=("2024-03-04 17:00", "2024-03-04 18:00", "studio"))
    assert values(kpis(problem(), late))["room_booked_hours"] == 2


def test_kpis_report_the_score() -> None:
    bad = plan(staff=GOOD_STAFF[:2], small=("2024-03-04 17:00", "2024-03-04 18:00", "studio"))
    score = evaluate(problem(), bad)
    got = values(kpis(problem(), bad, score))
    assert got["hard_violations"] == len(score.hard_violations) == 1
    assert (got["tier1_penalty"], got["tier2_penalty"], got["tier3_penalty"]) == score.tiers


def test_kpis_of_an_empty_plan() -> None:
    got = values(kpis(problem(), Plan(())))
    assert got["activities_scheduled"] == 0
    assert got["room_utilisation_pct"] == 0
    assert got["hard_violations"] == 1  # Talk is a must
