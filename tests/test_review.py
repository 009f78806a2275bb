"""The year-end figures on data/tiny's greedy plan, by hand: statuses, reasons (a blank
one included), an activity without an actuals row held as planned, one held although
unplanned, and the sentences made from them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from actuals_helpers import tiny_plan
from conftest import table

from matching.actuals import Highlights, Review, validate_actuals
from matching.actuals.report import sections


def _review(tmp_path: Path) -> Review:
    problem, plan, _ = tiny_plan(tmp_path)
    # the plan without a4 (the welcome meeting), which was held all the same
    plan = dataclasses.replace(
        plan, assignments=tuple(a for a in plan.assignments if a.activity_id != "a4"),
        staffing=tuple(s for s in plan.staffing if s.activity_id != "a4"))
    actuals = validate_actuals({"actuals": table(
        "activity_id,held,start,end,participants,note\n"
        "a2,moved,2024-03-07 09:00,2024-03-07 10:00,9,hall double-booked\n"
        "a3,no,,,,\n"
        "b1,no,,,,borrower ill\n"
        "a4,yes,2024-03-08 10:00,2024-03-08 11:00,5,\n")}, problem, plan)
    return Review(problem, plan, actuals, Highlights(camp_series=("s1",),
                                                     red_classroom="First aid"))


def test_statuses_and_reasons(tmp_path: Path) -> None:
    review = _review(tmp_path)
    assert [(o.activity.activity_id, o.status, o.participants) for o in review.outcomes] == [
        ("a1", "as_planned", 0), ("a3", "cancelled", 0), ("b1", "cancelled", 0),
        ("a2", "moved", 9), ("a4", "unplanned", 5)]  # by start as held
    assert review.by_kind().values.tolist() == [
        # kind, planned, as planned, moved, cancelled, unplanned, held, participants
        ["activity", 3, 1, 1, 1, 0, 2, 9],
        ["meeting", 0, 0, 0, 0, 1, 1, 5],
        ["booking", 1, 0, 0, 1, 0, 0, 0]]
    assert review.reasons("cancelled") == [("", 1), ("borrower ill", 1)]
    assert review.reasons("moved") == [("hall double-booked", 1)]
    camp, aid = review.group("camp"), review.group("red_classroom")
    assert (camp.planned, camp.held, camp.participants) == (2, 2, 9)
    assert (aid.planned, aid.held, aid.cancelled) == (1, 0, 1)


def test_sentences_say_the_figures(tmp_path: Path) -> None:
    text = {s.key: s.text for s in sections(_review(tmp_path), "en")}
    assert text["overview"] == (
        "Planned 4; held as planned 1; moved 1 (reasons: hall double-booked 1); cancelled 2 "
        "(reasons: no reason given 1; borrower ill 1). A further 1 were held although not "
        "planned.")
    assert text["bookings"] == ("0 bookings held of 1 planned (1 cancelled), serving 0 "
                                "residents; 1 meeting reception hosted.")
    assert text["themes"].startswith("2 activities held of 3 planned, with 9 participants.")
    zh = {s.key: s.text for s in sections(_review(tmp_path), "zh")}
    assert zh["overview"].startswith("计划 4 项，按计划举办 1 项，改期 1 项（原因：hall "
                                     "double-booked 1 项），取消 2 项（原因：未注明 1 项；")
