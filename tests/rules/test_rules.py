"""The duty rules (matching.rules): the registry, and daily hours and rest after a long
shift end to end — workbook, eligibility, first fit, solver, evaluator, ranking and the
sentence a coordinator reads."""

from __future__ import annotations

import ast
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from builder import Workbook

from matching.analysis import candidates
from matching.errors import DataError
from matching.evaluate import evaluate
from matching.explain import annotate
from matching.greedy import greedy_plan
from matching.i18n import has
from matching.plan import Assignment, Plan, Staffing
from matching.problem import Problem
from matching.rules import DUTY_RULES, HARD_RULES
from matching.solver import SolverSettings, solve
from matching.solver.model import DUTY_METHODS, ENFORCED_BY, PlanModel

HERE = Path(__file__).parent
FAST = SolverSettings(time_limit=10, workers=1, seed=0)
MONDAY_TUESDAY = "Mon 00:00-24:00; Tue 00:00-24:00"


def center(settings: dict[str, Any] | None = None, **ann: Any) -> Workbook:
    """One hall and one volunteer, Ann (``ann``: her duty cells), open and free on Monday
    and Tuesday; ``settings``: center-wide rows."""
    book = Workbook("2024-03-04", **(settings or {}))
    book.room("hall", hours=MONDAY_TUESDAY)
    return book.volunteer("ann", skills="care", available=MONDAY_TUESDAY, **ann)


def two_on_monday(book: Workbook, evening_until: str = "2024-03-04 20:00") -> Problem:
    book.activity("a", "Morning", "2024-03-04 08:00", "2024-03-04 12:00", minutes=120,
                  priority="high", roles={"care": (1, 1, 1)})
    book.activity("b", "Evening", "2024-03-04 13:00", evening_until, minutes=120,
                  priority="normal", roles={"care": (1, 1, 1)})
    return book.problem()


def shift_then_class(book: Workbook, shift_minutes: int = 480) -> Problem:
    book.activity("a", "Night shift", "2024-03-04 00:00", "2024-03-04 08:00",
                  minutes=shift_minutes, priority="must", roles={"care": (1, 1, 1)})
    book.activity("b", "Class", "2024-03-04 08:00", "2024-03-04 22:00", minutes=120,
                  priority="high", roles={"care": (1, 1, 1)})
    return book.problem()


def planned(p: Problem) -> Plan:
    plan = solve(p, FAST)
    score = evaluate(p, plan)
    assert score.feasible, [f.message for f in score.hard_violations]
    assert plan.objective == score.tiers
    return plan


def start_of(plan: Plan, activity_id: str) -> datetime | None:
    return plan.assignment_of[activity_id].start


def shift_and_class_at(hour: int, *, class_staffed: bool = True) -> Plan:
    """The night shift 00:00-08:00 and the class at ``hour``, Ann in both (or only the
    shift)."""
    return Plan((Assignment("a", datetime(2024, 3, 4, 0), datetime(2024, 3, 4, 8), "hall"),
                 Assignment("b", datetime(2024, 3, 4, hour), datetime(2024, 3, 4, hour + 2),
                            "hall")),
                (Staffing("a", "care", "ann"),
                 *([Staffing("b", "care", "ann")] if class_staffed else [])))


# -- the registry ---------------------------------------------------------------------------
def test_every_duty_rule_has_a_model_method_words_and_a_place_in_the_score_table() -> None:
    assert {type(rule) for rule in DUTY_RULES} <= set(DUTY_METHODS)
    for rule in DUTY_RULES:
        assert rule.name in HARD_RULES
        assert has(f"rule.{rule.name}") and has(f"hard.{rule.name}"), rule.name
        assert has(f"would.{rule.name}"), rule.name


def test_the_solver_says_how_it_enforces_every_hard_rule_of_the_evaluator() -> None:
    assert set(ENFORCED_BY) == set(HARD_RULES)
    for rule, how in ENFORCED_BY.items():
        assert how.startswith("the ") or callable(getattr(PlanModel, how)), rule


def test_every_hard_rule_binds_in_some_solver_versus_evaluator_test() -> None:
    """Each rule the model enforces is named ("binds: rule, rule — ...") in the docstring
    of a test of solver/test_solver_rules.py or this file, which solves a workbook where the rule
    binds and checks the plan with the evaluator."""
    named: set[str] = set()
    for source in (HERE.parent / "solver" / "test_solver_rules.py", Path(__file__)):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                found = re.search(r"binds: ([a-z_, ]+)", ast.get_docstring(node) or "")
                named.update(found.group(1).replace(",", " ").split() if found else ())
    enforced = {r for r, how in ENFORCED_BY.items() if not how.startswith("the ")}
    assert enforced <= named, sorted(enforced - named)


# -- daily hours ------------------------------------------------------------------------------
@pytest.mark.parametrize("ann, settings", [({"max_hours_per_day": 3}, {}),
                                           ({}, {"max_hours_per_day": 3})])
def test_daily_hours_limit_a_volunteer_from_the_row_or_the_center(
        ann: dict[str, Any], settings: dict[str, Any]) -> None:
    """binds: daily_hours — 2 h + 2 h on one day is over 3 h: the second moves to Tuesday
    if it can, else stays unstaffed."""
    p = two_on_monday(center(settings, **ann))
    for plan in (planned(p), greedy_plan(p)):
        assert evaluate(p, plan).feasible
        assert start_of(plan, "a") is not None and start_of(plan, "b") is None
    plan = planned(two_on_monday(center(settings, **ann), evening_until="2024-03-05 20:00"))
    b = start_of(plan, "b")
    assert b is not None and b.day == 5


def test_a_longer_activity_than_the_daily_limit_excludes_the_volunteer() -> None:
    book = center(max_hours_per_day=3)
    book.activity("a", "Long", "2024-03-04 08:00", "2024-03-04 20:00", minutes=240,
                  priority="high", roles={"care": (1, 1, 1)})
    book.activity("b", "Short", "2024-03-04 08:00", "2024-03-04 20:00", priority="low",
                  roles={"care": (1, 1, 1)})
    p = book.problem()
    exclusion = p.facts.volunteer_exclusions("a", "care")["ann"]
    assert exclusion.code == "HOURS_LIMIT"
    assert exclusion.wording.render("en") == "Ann gives at most 3 h a day, the activity takes " \
                                             "240 min"
    assert p.facts.eligible_volunteers("b", "care") == ("ann",)


# -- rest after a long shift ------------------------------------------------------------------
def test_after_a_long_shift_the_next_activity_waits_for_the_rest() -> None:
    """binds: min_rest — after 00:00-08:00 the class starts at 19:00 at the earliest."""
    p = shift_then_class(center(min_rest_hours=11))
    for plan in (planned(p), greedy_plan(p)):
        assert evaluate(p, plan).feasible
        assert start_of(plan, "b") == datetime(2024, 3, 4, 19)
        assert {s.activity_id for s in plan.staffing} == {"a", "b"}


def test_the_rest_holds_against_the_volunteers_own_preferred_time() -> None:
    """binds: min_rest — Ann prefers the morning, which first fit ignores and the
    solver's soft tier rewards: the class still waits for her rest."""
    p = shift_then_class(center(min_rest_hours=11, preferred="Mon 08:00-12:00"))
    assert start_of(planned(p), "b") == datetime(2024, 3, 4, 19)


def test_short_activities_need_no_rest_and_the_center_sets_what_is_long() -> None:
    plan = planned(shift_then_class(center(min_rest_hours=11), shift_minutes=240))
    assert start_of(plan, "b") == datetime(2024, 3, 4, 8)
    long_at_four = center({"rest_after_hours": 4}, min_rest_hours=11)
    plan = planned(shift_then_class(long_at_four, shift_minutes=240))
    assert start_of(plan, "b") == datetime(2024, 3, 4, 15)


def test_the_evaluator_explains_a_missing_rest_in_both_languages() -> None:
    p = shift_then_class(center(min_rest_hours=11))
    [finding] = evaluate(p, shift_and_class_at(10)).hard_violations
    assert finding.constraint == "min_rest" and finding.activity_id == "b"
    assert finding.text("zh").startswith("最少休息 11 小时：Ann 在 Night shift（")
    assert "只休息了 2 小时就参加 Class" in finding.text("zh")
    assert finding.message.startswith("At least 11 h of rest: Ann staffs Class")


@pytest.mark.parametrize("class_at, broken", [(18, True), (19, False)])
def test_the_rest_is_measured_from_the_end_of_the_long_shift(class_at: int,
                                                             broken: bool) -> None:
    """10 h after a shift ending at 08:00 is too soon for 11 h of rest; 11 h is enough."""
    p = shift_then_class(center(min_rest_hours=11))
    found = [f.constraint for f in evaluate(p, shift_and_class_at(class_at)).hard_violations]
    assert found == (["min_rest"] if broken else [])


def test_ranking_and_explanations_name_the_rest_rule() -> None:
    p = shift_then_class(center(min_rest_hours=11))
    plan = shift_and_class_at(10, class_staffed=False)
    ranked = candidates(p, plan, "b", "care", "zh").set_index("volunteer_id")
    assert ranked.loc["ann", "status"] == "over_limit"
    assert ranked.loc["ann", "detail"] == (
        "Ann 若再担任此岗位，在 Night shift（2024-03-04 周一 00:00–08:00）（8 小时）之后只休息 "
        "2 小时就要参加 Class（2024-03-04 周一 10:00–12:00），不足长班后最少休息的 11 小时")
    reason = annotate(p, plan).assignment_of["b"].reason_in("en")
    assert "(Ann would staff Class on Mon 2024-03-04 10:00–12:00 only 2 h after " in reason
    assert reason.endswith("short of the 11 h of rest after a long shift)")


def test_an_understaffing_reason_says_what_a_seat_would_do_not_what_the_plan_does() -> None:
    """Ann gives 3 h a day and staffs the morning: the evening's reason says she *would*
    staff 4 h, in both languages, and names her once."""
    p = two_on_monday(center(max_hours_per_day=3))
    plan = Plan((Assignment("a", datetime(2024, 3, 4, 8), datetime(2024, 3, 4, 10), "hall"),
                 Assignment("b", datetime(2024, 3, 4, 13), datetime(2024, 3, 4, 15), "hall")),
                (Staffing("a", "care", "ann"),))
    b = annotate(p, plan).assignment_of["b"]
    assert b.reason_in("en") == ("understaffed: care 0 of target 1 (Ann would staff 4 h on "
                                 "Mon 2024-03-04 (2 activities), more than the 3 h a day "
                                 "they give)")
    assert b.reason_in("zh") == ("人手不足：care岗位 0 人，目标 1 人（Ann 若再担任此岗位，"
                                 "2024-03-04 周一 将服务 4 小时（2 项活动），超过其每天 3 小时"
                                 "的上限）")


def test_an_activity_left_out_for_a_duty_limit_says_so_not_that_it_fits() -> None:
    """Ann, the only one for care, gives 3 h a day and staffs the morning: the evening
    was said to fit at 13:00 and be left out "within the time limit"; her limit keeps it
    out."""
    p = two_on_monday(center(max_hours_per_day=3))
    plan = Plan((Assignment("a", datetime(2024, 3, 4, 8), datetime(2024, 3, 4, 10), "hall"),
                 Assignment("b")), (Staffing("a", "care", "ann"),))
    assert annotate(p, plan).assignment_of["b"].reason_in("en") == (
        "at its best time, Mon 2024-03-04 13:00, only 0 of the 1 care volunteer(s) needed "
        "are free (Ann would staff 4 h on Mon 2024-03-04 (2 activities), more than the 3 h "
        "a day they give)")
    free = two_on_monday(center())  # without the limit it does fit: the plan left it out
    assert annotate(free, plan).assignment_of["b"].reason_in("en").startswith(
        "it fits at Mon 2024-03-04 13:00, but the plan left it out")
    # a window into Tuesday, where Ann has served nothing yet: it fits then
    later = two_on_monday(center(max_hours_per_day=3), evening_until="2024-03-05 20:00")
    assert annotate(later, plan).assignment_of["b"].reason_in("en").startswith(
        "it fits at Tue 2024-03-05 ")


def test_an_activity_its_rooms_are_taken_from_names_what_takes_them() -> None:
    """The hall, the only room big enough, is open 09:00-13:00 and needs an hour's
    turnaround: two talks fill it, and the third, left out, names them, the one holding
    more of its starts first (Talk B also holds 11:00, its turnaround); not the chat in
    the annex, which the third does not fit."""
    book = Workbook("2024-03-04")
    book.room("hall", capacity=40, hours="Mon 09:00-14:00", turnaround_minutes=60)
    book.room("annex", capacity=5, hours="Mon 09:00-13:00")
    for aid, title, minutes, attendance, priority in [
            ("a", "Talk A", 60, 10, "normal"), ("b", "Talk B", 120, 10, "normal"),
            ("c", "Talk C", 60, 20, "low"), ("d", "Chat", 60, 3, "normal")]:
        book.activity(aid, title, "2024-03-04 09:00", "2024-03-04 13:00", minutes=minutes,
                      attendance=attendance, priority=priority)
    p = book.problem()
    plan = Plan((Assignment("a", datetime(2024, 3, 4, 12), datetime(2024, 3, 4, 13), "hall"),
                 Assignment("b", datetime(2024, 3, 4, 9), datetime(2024, 3, 4, 11), "hall"),
                 Assignment("c"),
                 Assignment("d", datetime(2024, 3, 4, 9), datetime(2024, 3, 4, 10), "annex")),
                ())
    assert not evaluate(p, plan).hard_violations
    assert annotate(p, plan).assignment_of["c"].reason_in("en").endswith(
        ": by Talk B (b), normal priority, Talk A (a), normal priority")


# -- the workbook --------------------------------------------------------------------------
@pytest.mark.parametrize("ann, settings, column", [
    ({"max_hours_per_day": -1}, {}, "max_hours_per_day"),
    ({"min_rest_hours": 72}, {}, "min_rest_hours"),
    ({}, {"min_rest_hours": "eleven"}, "value"),
    ({}, {"rest_after_hours": 0}, "value"),
])
def test_bad_duty_values_are_errors_naming_the_cell(ann: dict[str, Any],
                                                    settings: dict[str, Any],
                                                    column: str) -> None:
    with pytest.raises(DataError) as info:
        two_on_monday(center(settings, **ann))
    assert [i.column for i in info.value.issues if i.severity == "error"] == [column]


def test_a_short_role_counts_every_volunteer_it_does_not_name() -> None:
    """Seven with the skill cannot come and one has it not: the reason names four and
    says how many more, so that 4 + 1 do not read as all there are."""
    from matching.problem.eligibility import short_roles

    book = Workbook("2024-03-04")
    book.room("hall", hours=MONDAY_TUESDAY)
    for i in range(7):
        book.volunteer(f"v{i}", skills="care", available="Tue 09:00-10:00")
    book.volunteer("bob", skills="teach", available=MONDAY_TUESDAY)
    problem = book.activity("a", "Visit", "2024-03-04 09:00", "2024-03-04 17:00",
                            roles={"care": (2, 2, 2)}).problem()
    [reason] = short_roles(problem, problem.activity_by_id["a"])
    for language, more in (("en", "and 3 more"), ("zh", "另有 3 项")):
        assert more in reason.render(language), reason.render(language)
    # `check` warns of it on the activity's row, as of an activity no room fits
    [warning] = [w for w in problem.warnings if w.table == "activities"]
    assert warning.value == "a" and "role care needs 2" in str(warning)
