"""One plan view: a plan without ``end`` values means the same hours everywhere."""

from __future__ import annotations

import dataclasses

from conftest import DATA

from matching import load_problem
from matching.analysis import volunteer_hours
from matching.evaluate import kpis
from matching.export import views
from matching.greedy import greedy_plan
from matching.plan import Plan
from matching.plan_view import PlanView
from matching.scenario import diff


def test_a_plan_without_ends_has_the_same_hours_in_every_view() -> None:
    problem = load_problem(DATA / "tiny")
    planned = greedy_plan(problem)
    endless = dataclasses.replace(planned, assignments=tuple(
        dataclasses.replace(a, end=None) for a in planned.assignments))
    assert any(a.start for a in endless.assignments) and endless.staffing

    hours = PlanView(problem, endless).loads()
    assert hours == PlanView(problem, planned).loads()  # ends are the planned durations
    assert any(h > 0 for h in hours.values())
    analysis = volunteer_hours(problem, endless).set_index("volunteer_id")["hours"]
    roster = views.roster(problem, endless).set_index("volunteer_id")["hours"]
    nobody = Plan(endless.assignments, ())
    loads = diff(problem, nobody, problem, endless).loads.set_index("volunteer_id")
    for vid, h in hours.items():
        assert analysis[vid] == roster[vid] == round(h, 2), vid
        assert loads["hours_after"].get(vid, 0.0) == round(h, 2), vid
    figures = kpis(problem, endless).set_index("name")["value"]
    assert figures["volunteer_load_hours_max"] == round(max(hours.values()), 2)


def test_a_volunteer_in_two_roles_of_one_activity_works_it_once() -> None:
    problem = load_problem(DATA / "tiny")
    plan = greedy_plan(problem)
    seat = plan.staffing[0]
    other = next((r.role for r in problem.roles_of[seat.activity_id] if r.role != seat.role),
                 None)
    doubled = dataclasses.replace(plan, staffing=(*plan.staffing, dataclasses.replace(
        seat, role=other or seat.role)))
    view = PlanView(problem, doubled)
    assert view.loads() == PlanView(problem, plan).loads()
    assert views.roster(problem, doubled).equals(views.roster(problem, plan))
