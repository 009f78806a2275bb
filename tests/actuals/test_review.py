"""The year-end figures on data/tiny's greedy plan, by hand: statuses, reasons (a blank
one included), an activity without an actuals row held as planned, one held although
unplanned, and the sentences made from them; and on the embedded year, the typhoon's
days and the summer camp."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
from actuals_helpers import tiny_plan
from conftest import DATA, table

from matching.actuals import Highlights, Review, read_actuals, validate_actuals
from matching.actuals.example import MUIFA
from matching.actuals.report import sections
from matching.io import load_problem, read_plan_file


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
        ("a1", "as_planned", None), ("a3", "cancelled", None), ("b1", "cancelled", None),
        ("a2", "moved", 9), ("a4", "unplanned", 5)]  # by start as held; None: no count
    assert review.by_kind().values.tolist() == [
        # kind, requested, planned, left out, as planned, moved, cancelled, unplanned,
        # held, participants (a1's not recorded: a2's alone)
        ["activity", 3, 3, 0, 1, 1, 1, 0, 2, 9],
        ["meeting", 1, 0, 1, 0, 0, 0, 1, 1, 5],
        ["booking", 1, 1, 0, 0, 0, 1, 0, 0, 0]]
    assert review.reasons("cancelled") == [("", 1), ("borrower ill", 1)]
    assert review.reasons("moved") == [("hall double-booked", 1)]
    camp, aid = review.group("camp"), review.group("red_classroom")
    assert (camp.planned, camp.held, camp.participants) == (2, 2, 9)
    assert (aid.planned, aid.held, aid.cancelled) == (1, 0, 1)


def test_sentences_say_the_figures(tmp_path: Path) -> None:
    text = {s.key: s.text for s in sections(_review(tmp_path), "en")}
    assert text["overview"] == (
        "Asked for 5; planned 4; left out of the plan 1 (meeting: 1); held as "
        "planned 1; moved 1 (reasons: hall double-booked 1); cancelled 2 (reasons: no "
        "reason given 1; borrower ill 1). A further 1 were held although not planned. 1 "
        "held without a count of participants: the participants given are those recorded.")
    assert text["bookings"] == ("Bookings: 1 asked for, 1 planned, 0 left out of the plan; "
                                "0 held (1 cancelled), 0 participants; 1 meeting reception "
                                "hosted.")
    assert text["themes"].startswith("2 activities held of 3 planned (9 participants).")
    zh = {s.key: s.text for s in sections(_review(tmp_path), "zh")}
    assert zh["overview"].startswith("需安排 5 项，排入计划 4 项，未能排入 1 项（会议接待 1 项）；"
                                     "按计划举办 1 项，改期 1 项（原因：hall "
                                     "double-booked 1 项），取消 2 项（原因：未注明 1 项；")


def _year() -> Review:
    example = DATA / "qianjin-2023-actuals"
    planfile = read_plan_file(example / "plan.json")
    problem = planfile.problem_for(load_problem(DATA / "qianjin-2023"))
    return Review(problem, planfile.plan, read_actuals(example, problem, planfile.plan))


def test_the_embedded_year_closes_for_the_typhoon_and_runs_the_camp() -> None:
    review = _year()
    assert review.quarters == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    typhoon = [o for o in review.outcomes if MUIFA.start <= o.start < MUIFA.end]
    assert typhoon and not any(o.held for o in typhoon)
    assert {o.reason for o in typhoon} == {MUIFA.reason}
    assert (MUIFA.reason, len(typhoon)) in review.reasons("cancelled")
    # the camp's sessions held, straight from the workbook's series and the actuals file
    series = pd.read_csv(DATA / "qianjin-2023" / "activities.csv", dtype=str,
                         keep_default_na=False).set_index("activity_id")["series_id"]
    rows = pd.read_csv(DATA / "qianjin-2023-actuals" / "actuals.csv", dtype=str,
                       keep_default_na=False)
    camp = rows[rows["activity_id"].map(series) == "S-CAMP"]
    held = camp[camp["held"] != "否"]
    figures = review.group("camp")
    assert (figures.planned, figures.held, figures.cancelled, figures.participants) == (
        len(camp), len(held), len(camp) - len(held), sum(int(n) for n in held["participants"]))
    assert figures.held == 23 and figures.partners == ("春泥计划",)
    text = {s.key: s.text for s in sections(review, "en")}["highlights"]
    assert text.startswith("Summer camp: 23 held of 24 planned (1 cancelled), ")
    assert "Red classroom: 9 held of 10 planned (1 cancelled)" in text
