"""The min-conflicts walk: dense post-enrolment weeks, where the ejection search alone
leaves events out."""

from __future__ import annotations

import random

import numpy as np
import pytest

from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.io import build_problem
from matching.problem import Problem
from matching.shapes import curriculum_week, enrolment_week
from matching.solver.ejection import _Timetable, ejection_search
from matching.solver.min_conflicts import FIRST_PATIENCE, _Walk, min_conflicts
from matching.solver.squeaky import left_out


def _dense_week() -> Problem:
    """315 events sharing students with half the others each; first fit leaves 51 out,
    the ejection search alone 6-12 (``benchmarks/README.md``)."""
    return build_problem(enrolment_week(400, 10, students=200, per_student=20, fill=0.7,
                                        seed=3))


@pytest.mark.parametrize("seed", range(3))
def test_the_walks_counts_follow_its_moves(seed: int) -> None:
    """After any moves, the tags each activity would share at each slot, the rooms'
    holders, the rooms free that each activity fits, who has no room and which sessions
    are out of their series' order agree with the timetable counted afresh."""
    table = _Timetable(build_problem(enrolment_week(120, 4, students=100, per_student=18,
                                                    fill=0.7, ordered=15, seed=seed)))
    walk = _Walk(table)
    rng = random.Random(seed)
    n = len(table.activities)
    for i in range(n):
        walk.put(i, int(rng.choice(list(np.flatnonzero(walk.allowed[i])))))
    for _ in range(300):
        i = rng.randrange(n)
        walk.take(i)
        walk.put(i, int(rng.choice(list(np.flatnonzero(walk.allowed[i])))))
    for i in range(n):
        for s in np.flatnonzero(walk.allowed[i])[:5]:
            there = [j for j in range(n) if walk.slot[j] == s and j != i]
            assert walk.shared[i, s] == sum(
                len(set(table.tags[i]) & set(table.tags[j])) for j in there)
    ordered = [i for i in range(n) if table.order_pos[i] >= 0]
    assert len(ordered) == 30
    for i in ordered:
        before = [j for j in table.siblings[i] if table.order_pos[j] < table.order_pos[i]]
        after = [j for j in table.siblings[i] if table.order_pos[j] > table.order_pos[i]]
        wrong = [sum(s <= walk.slot[j] for j in before) + sum(s >= walk.slot[j] for j in after)
                 for s in range(walk.shared.shape[1])]
        assert walk.out_of_order(np.array([i]))[0].tolist() == wrong
    clashing, count = walk.clashes()
    out_of_order = walk.out_of_order(np.arange(n))[np.arange(n), walk.slot]
    assert set(clashing) >= set(np.flatnonzero(out_of_order))
    shared = sum(len(set(table.tags[i]) & set(table.tags[j]))
                 for i in range(n) for j in range(i) if walk.slot[i] == walk.slot[j])
    assert count == shared + (walk.room < 0).sum() + out_of_order.sum() // 2
    for i in np.flatnonzero(walk.room >= 0):
        assert walk.holder[walk.room[i], walk.slot[i]] == i
        assert walk.fits[i, walk.room[i], walk.slot[i]]
    assert (walk.holder >= 0).sum() == (walk.room >= 0).sum()
    free = (walk.fits & (walk.holder < 0)[None]).sum(axis=1)
    assert (walk.free == free).all()
    # an activity left without a room has every room it fits at its slot taken
    for i in np.flatnonzero(walk.room < 0):
        assert (walk.holder[walk.fits[i, :, walk.slot[i]], walk.slot[i]] >= 0).all()


@pytest.mark.slow
def test_the_walk_leaves_far_fewer_clashing_than_first_fit_leaves_out() -> None:
    """From first fit's timetable (51 of 315 events left out), the walk's timetable has
    at most 10 events clashing, every event but a few of them seated in a room."""
    week = _dense_week()
    table = _Timetable(week)
    first_fit = greedy_plan(week)
    for a in first_fit.assignments:
        i = table.index.get(a.activity_id)
        if i is not None and a.start is not None and a.room_id is not None:
            o = table.options[i]
            match = np.flatnonzero((o.start == week.grid.slot_at_or_after(a.start))
                                   & (o.room == table.room_index[a.room_id]))
            table.place(i, int(match[0]))
    assert (table.value < 0).sum() == 51
    options = min_conflicts(table, seconds=30, seed=0)
    walk = _Walk(table)
    for i, v in options.items():
        walk.put(i, int(table.options[i].start[v]))
    assert len(options) >= 310 and walk.clashes()[0].size <= 10


@pytest.mark.slow
def test_a_dense_post_enrolment_week_is_completed() -> None:
    week = _dense_week()
    first_fit = greedy_plan(week)
    plan = ejection_search(week, first_fit, seconds=60, seed=0)
    assert not left_out(week, plan) and evaluate(week, plan).feasible


@pytest.mark.slow
def test_a_full_curriculum_week_whose_clashes_are_rooms_ends_the_walk_soon(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The full 195-lecture week's clashes are rooms, which the walk has no way round: it
    stops improving within its first steps, so it ends after :data:`FIRST_PATIENCE` more
    (it took 2,000-5,000 before), and the ejection search completes the week."""
    week = build_problem(curriculum_week(26, 195, 6, curricula=12, seed=4070, slack=0.0))
    moves: list[int] = []
    put = _Walk.put

    def counted(walk: _Walk, i: int, s: int) -> None:
        moves.append(i)
        put(walk, i, s)

    monkeypatch.setattr(_Walk, "put", counted)
    plan = ejection_search(week, greedy_plan(week), seconds=60)
    assert not left_out(week, plan) and evaluate(week, plan).feasible
    steps = len(moves) - len(week.activities)  # each activity is first put once
    assert 0 < steps <= 2 * FIRST_PATIENCE


@pytest.mark.slow
def test_walks_on_a_week_that_cannot_be_completed_end_without_using_the_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """30 events in 18 room slots: the walk starts again only while the search gets
    further, then ends (it once took half the time limit before CP-SAT could prove a
    conflict), and hands back what it found."""
    from matching.solver import ejection

    tables = enrolment_week(30, 2, students=20, per_student=3, fill=1.0, seed=0)
    events = tables["activities"]
    monday = events["earliest_start"].iloc[0]  # 09:00; the rooms close at 18:00
    tables["activities"] = events.assign(earliest_start=monday,
                                         latest_end=monday.replace("09:00", "18:00"))
    week = build_problem(tables)
    walks: list[int] = []

    def counted(*args: object, **options: object) -> dict[int, int]:
        walks.append(1)
        return min_conflicts(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(ejection, "min_conflicts", counted)
    first_fit = greedy_plan(week)
    plan = ejection_search(week, first_fit, seconds=600)
    assert len(walks) <= 1 + ejection.RESTART_PATIENCE + 1
    assert len(left_out(week, plan)) == len(week.activities) - 18
