"""Synthetic workbooks: valid at any scale, seeded, shaped like the template."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from itertools import pairwise

import pandas as pd
import pytest

from matching import load_problem
from matching.cli import main
from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.io import build_problem
from matching.problem import Problem
from matching.synthetic import generate, load_base, write_workbook

IDS = {"rooms": "room_id", "volunteers": "volunteer_id", "activities": "activity_id"}


@cache
def _tables(scale: float, seed: int = 0) -> dict[str, pd.DataFrame]:
    return generate(scale, seed)


@cache
def _problem(scale: float, seed: int = 0) -> Problem:
    return build_problem(_tables(scale, seed))


def _same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> bool:
    return a.keys() == b.keys() and all(a[k].equals(b[k]) for k in a)


@pytest.mark.parametrize("scale", [0.5, 1.0, 2.0])
@pytest.mark.slow
def test_every_scale_validates_without_warnings(scale):
    problem = _problem(scale)
    assert problem.activities and problem.volunteers and problem.rooms
    assert [w.text for w in problem.warnings] == []


def test_scale_one_is_the_template_itself():
    base, made = load_base(), _tables(1.0)
    for name, frame in base.items():
        if name != "settings":
            assert frame.reset_index(drop=True).equals(made[name].reset_index(drop=True)), name
    assert "synthetic" in dict(zip(made["settings"]["key"], made["settings"]["value"],
                                   strict=True))["name"]


@pytest.mark.slow
def test_same_seed_same_tables_other_seed_other_tables():
    for scale in (0.5, 2.0):
        assert _same(_tables(scale, 3), generate(scale, 3))
        assert not _same(_tables(scale, 3), _tables(scale, 4))


@pytest.mark.parametrize("scale", [0.5, 2.0])
def test_ids_are_unique_and_references_resolve(scale):
    tables = _tables(scale)
    for name, column in IDS.items():
        assert tables[name][column].is_unique, name
    rooms = set(tables["rooms"]["room_id"])
    for column in ("fixed_room", "preferred_room"):
        assert set(tables["activities"][column]) - {""} <= rooms
    assert set(tables["roles"]["activity_id"]) <= set(tables["activities"]["activity_id"])


def test_counts_scale_linearly():
    base = {name: len(frame) for name, frame in load_base().items()}
    for scale in (0.5, 2.0):
        made = {name: len(frame) for name, frame in _tables(scale).items()}
        for name in ("volunteers", "availability", "activities", "roles"):
            assert made[name] == pytest.approx(scale * base[name], rel=0.2), name
        # a partial copy keeps every room its activities need (the kitchen, the farm...)
        assert scale * base["rooms"] <= made["rooms"] <= max(1.0, scale) * base["rooms"]
    doubled = {name: len(frame) for name, frame in _tables(2.0).items()}
    for name in ("rooms", "volunteers", "activities", "roles", "availability"):
        assert doubled[name] == 2 * base[name]


@pytest.mark.slow
def test_copies_move_by_whole_weeks_and_borrow_rooms():
    problem, base = _problem(2.0), _problem(1.0)
    moved = 0
    for activity in problem.activities:
        if not activity.activity_id.endswith("-c2"):
            continue
        original = base.activity_by_id[activity.activity_id.removesuffix("-c2")]
        shift = activity.earliest_start - original.earliest_start
        assert shift.days % 7 == 0 and shift.seconds == 0
        assert activity.latest_end - original.latest_end == shift
        moved += shift != timedelta(0)
    assert moved > 0.3 * len(base.activities)
    borrowed = [a for a in problem.activities
                if (a.activity_id.endswith("-c2") and a.preferred_room
                    and not a.preferred_room.endswith("-c2"))
                or (not a.activity_id.endswith("-c2") and a.preferred_room
                    and a.preferred_room.endswith("-c2"))]
    with_room = [a for a in problem.activities if a.preferred_room]
    assert 0.03 * len(with_room) < len(borrowed) < 0.2 * len(with_room)


@pytest.mark.parametrize("scale", [0.5, 2.0])
def test_fixed_starts_never_share_a_room(scale):
    problem = _problem(scale)
    slot = problem.settings.slot_minutes
    by_room: dict[str, list] = {}
    for a in problem.activities:
        if a.fixed_start and a.fixed_room:
            room = problem.room_by_id[a.fixed_room]
            turnaround = -(-room.turnaround_minutes // slot) * slot
            end = a.fixed_start + timedelta(minutes=problem.planned_minutes(a) + turnaround)
            by_room.setdefault(a.fixed_room, []).append((a.fixed_start, end))
    for spans in by_room.values():
        spans.sort()
        assert all(first[1] <= second[0] for first, second in pairwise(spans))


@pytest.mark.parametrize("scale", [0.5, 2.0])
def test_every_must_activity_has_a_placement(scale):
    """The first-fit baseline places every must activity, so each has a feasible place
    (all of them together, even)."""
    problem = _problem(scale)
    for activity in problem.activities:
        assert problem.facts.allowed_starts(activity.activity_id).size, activity.activity_id
    plan = greedy_plan(problem)
    unplaced = [a.activity_id for a in problem.activities
                if a.priority == "must" and plan.assignment_of[a.activity_id].start is None]
    assert unplaced == []
    assert evaluate(problem, plan).feasible


@pytest.mark.slow
def test_write_workbook_and_command_line(tmp_path, capsys):
    path = write_workbook(tmp_path / "half", 0.5, 1)
    assert len(load_problem(path).activities) == len(_tables(0.5, 1)["activities"])
    assert main(["generate", str(tmp_path / "cli.xlsx"), "--scale", "0.5", "--seed", "1"]) == 0
    assert "activities " in capsys.readouterr().out
    assert len(load_problem(tmp_path / "cli.xlsx").activities) == len(
        _tables(0.5, 1)["activities"])


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError, match="scale"):
        generate(0)
    with pytest.raises(FileNotFoundError, match="template workbook"):
        generate(1.0, base=tmp_path / "nowhere")


@pytest.mark.parametrize("scale", ["1e9", "inf", "51"])
def test_a_scale_past_the_bound_is_a_usage_error_naming_it(tmp_path, capsys, scale):
    """A scale mistyped by orders of magnitude is refused at once, not after minutes of
    writing or an internal error when memory runs out."""
    out = tmp_path / "big.xlsx"
    assert main(["generate", str(out), "--scale", scale]) == 2
    assert f"at most 50 (five times the largest workbook the benchmarks solve), not {scale}" \
        in capsys.readouterr().err
    assert not out.exists()
