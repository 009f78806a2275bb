"""Benchmark of the CP-SAT planner against the first-fit baseline (a benchmark, not a test).

Run from the repository root::

    python benchmarks/solve.py [--time-limit 30] [--workers 2] [--scales 2,5,10] [--quick]

Instances: the first quarter of ``data/qianjin-2023``, the whole year, and synthetic
workbooks ``--scales`` times its size (:mod:`matching.synthetic`). Each is solved once
with ``--time-limit`` and ``--workers`` and planned by :func:`matching.greedy.greedy_plan`;
both plans are checked by the independent evaluator. Markdown tables go to stdout (paste
them into ``benchmarks/README.md``), progress to stderr. ``--quick`` runs only the
quarter and the year with 10-second limits, as a smoke check.

Definitions
-----------
scheduled weight
    Sum over scheduled activities of their priority's weight (``priority_high``,
    ``priority_normal``, ``priority_low`` of ``problem.weights()``; a ``must`` activity
    counts as ``priority_high``), shown as a share of the weight of all activities.
staffed seats
    Sum over the roles of scheduled activities of ``min(volunteers in the role, target)``:
    the seats tier 2 of the objective rewards.
first plan
    Seconds from calling ``solve`` (model building included) to the first plan reported
    to ``on_progress``: the completed warm start (stage ``start``) or the first solution of
    the ``schedule`` stage.
proven
    Seconds until each stage (schedule / staffing / soft) reached objective = bound, or
    ``-`` when it never did within the limit.
gap
    Per tier, ``(objective - bound) / max(1, |objective|)`` at the end of the solve
    (a later tier's bound holds the earlier tiers at their values).
"""

from __future__ import annotations

import argparse
import dataclasses
import platform
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import ortools

from matching import load_problem
from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.io import build_problem
from matching.plan import Plan
from matching.problem import Problem
from matching.problem.select import quarters, restrict
from matching.solver import Progress, SolverSettings, solve
from matching.solver.model import PlanModel
from matching.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]
QIANJIN = ROOT / "data" / "qianjin-2023"
STAGES = ("schedule", "staffing", "soft")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@dataclass
class Outcome:
    """What one planner achieved on one instance, as the evaluator sees it."""

    seconds: float
    weight: int
    seats: int
    tiers: tuple[int, int, int]
    hard: int


@dataclass
class Row:
    name: str
    activities: int
    volunteers: int
    rooms: int
    load_seconds: float
    variables: int = 0
    constraints: int = 0
    build_seconds: float = 0.0
    status: str = ""
    first_plan: float | None = None
    proven: dict[str, float] = field(default_factory=dict)
    gaps: tuple[float, ...] = ()
    total_weight: int = 0
    total_seats: int = 0
    solver: Outcome | None = None
    greedy: Outcome | None = None


def weight_of(problem: Problem) -> dict[str, int]:
    w = problem.weights()
    return {"must": w["priority_high"], "high": w["priority_high"],
            "normal": w["priority_normal"], "low": w["priority_low"]}


def measure(problem: Problem, plan: Plan, seconds: float) -> Outcome:
    weights = weight_of(problem)
    scheduled = {a.activity_id for a in plan.scheduled}
    weight = sum(weights[a.priority] for a in problem.activities if a.activity_id in scheduled)
    filled: dict[tuple[str, str], set[str]] = {}
    for s in plan.staffing:
        filled.setdefault((s.activity_id, s.role), set()).add(s.volunteer_id)
    seats = sum(min(len(filled.get((r.activity_id, r.role), ())), r.target)
                for r in problem.roles if r.activity_id in scheduled)
    score = evaluate(problem, plan)
    return Outcome(seconds, weight, seats, score.tiers, len(score.hard_violations))


def run(name: str, problem: Problem, load_seconds: float, settings: SolverSettings,
        greedy_hint: bool = False) -> Row:
    """Solve ``problem`` and plan it greedily, each from cold caches, then score both;
    with ``greedy_hint`` the greedy plan goes first and is the solver's hint."""
    row = Row(name, len(problem.activities), len(problem.volunteers), len(problem.rooms),
              load_seconds)
    row.total_weight = sum(weight_of(problem)[a.priority] for a in problem.activities)
    row.total_seats = sum(r.target for r in problem.roles)

    def on_progress(p: Progress) -> None:
        if p.scheduled is not None and row.first_plan is None:  # a plan, not a beat
            row.first_plan = p.elapsed
            log(f"[{name}] first plan ({p.stage}) after {p.elapsed:.1f} s")
        if p.stage in STAGES and p.objective == p.bound and p.stage not in row.proven:
            row.proven[p.stage] = p.elapsed

    def plan_greedily() -> tuple[Plan, float]:
        log(f"[{name}] greedy ...")
        cold = dataclasses.replace(problem)  # a fresh copy: the greedy pays for its facts
        started = time.monotonic()
        return greedy_plan(cold), time.monotonic() - started

    hint = plan_greedily() if greedy_hint else None
    log(f"[{name}] solving ({settings.time_limit:g} s, {settings.workers} workers) ...")
    plan = solve(problem, settings, on_progress=on_progress, hint=hint[0] if hint else None)
    row.status = plan.status
    if plan.objective is not None and plan.bound is not None:
        row.gaps = tuple((o - b) / max(1.0, abs(o))
                         for o, b in zip(plan.objective, plan.bound, strict=False))
    log(f"[{name}] {plan.status} in {plan.wall_time:.1f} s: "
        + ", ".join(f"{k}={v}" for k, v in plan.meta.items() if k.startswith("stage.")))

    greedy, greedy_seconds = hint or plan_greedily()

    log(f"[{name}] evaluating ...")
    row.solver = measure(problem, plan, plan.wall_time)
    row.greedy = measure(problem, greedy, greedy_seconds)
    log(f"[{name}] building the model again to count it ...")
    started = time.monotonic()
    model = PlanModel(problem)  # facts are cached by now: this is the model alone
    row.build_seconds = time.monotonic() - started
    row.variables = len(model.model.proto.variables)
    row.constraints = len(model.model.proto.constraints)
    return row


# -- the tables ----------------------------------------------------------------------------
def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def solver_table(rows: list[Row]) -> str:
    out = []
    for r in rows:
        proven = " / ".join(_s(r.proven.get(s)) for s in STAGES)
        gaps = " / ".join(f"{g:.1%}" for g in r.gaps) or "-"
        out.append([r.name, str(r.activities), str(r.volunteers), str(r.rooms),
                    f"{r.variables:,}", f"{r.constraints:,}", _s(r.load_seconds),
                    _s(r.build_seconds), _s(r.first_plan), proven, r.status, gaps,
                    _s(r.solver.seconds if r.solver else None)])
    return _table(["instance", "activities", "volunteers", "rooms", "variables",
                   "constraints", "load s", "model s", "first plan s",
                   "proven s (sched / staff / soft)", "status", "gap (sched / staff / soft)",
                   "wall s"], out)


def comparison_table(rows: list[Row]) -> str:
    out = []
    for r in rows:
        s, g = r.solver, r.greedy
        assert s is not None and g is not None
        if not has_plan(r):
            none = f"no plan ({r.status})"
            out.append([r.name, f"{none} / {g.weight} of {r.total_weight}", "-",
                        f"{none} / {g.seats} of {r.total_seats}", "-", f"- / {g.tiers}",
                        f"- / {g.hard}", _s(g.seconds), "FAIL"])
            continue
        out.append([
            r.name,
            f"{s.weight} / {g.weight} of {r.total_weight}", _ratio(s.weight, g.weight),
            f"{s.seats} / {g.seats} of {r.total_seats}", _ratio(s.seats, g.seats),
            f"{s.tiers} / {g.tiers}", f"{s.hard} / {g.hard}", _s(g.seconds),
            "pass" if not_worse(r) else "FAIL"])
    return _table(["instance", "scheduled weight solver / greedy", "ratio",
                   "staffed seats solver / greedy", "ratio",
                   "evaluator tiers solver / greedy", "hard violations solver / greedy",
                   "greedy s", "solver not worse"], out)


def has_plan(r: Row) -> bool:
    return r.status in ("OPTIMAL", "FEASIBLE")


def not_worse(r: Row) -> bool:
    assert r.solver is not None and r.greedy is not None
    return has_plan(r) and r.solver.hard == 0 and r.solver.tiers <= r.greedy.tiers


def targets_table(rows: list[Row], limit: float) -> str:
    by = {r.name: r for r in rows}
    out = []

    def add(target: str, name: str, observed: str, ok: bool) -> None:
        out.append([target, name, observed, "pass" if ok else "FAIL"])

    quarter = next((r for n, r in by.items() if n.startswith("qianjin 2023Q1")), None)
    if quarter:
        wall = quarter.solver.seconds if quarter.solver else None
        add("quarter proven optimal ≤ 2 s", quarter.name,
            f"{quarter.status} after {_s(wall)} s", quarter.status == "OPTIMAL"
            and wall is not None and wall <= 2.0)
    year = by.get("qianjin 2023")
    if year:
        wall = year.solver.seconds if year.solver else None
        close = year.status == "OPTIMAL" or (len(year.gaps) == 3
                                             and all(g <= 0.01 for g in year.gaps))
        gaps = " / ".join(f"{g:.1%}" for g in year.gaps) or "no plan"
        add("year optimal or within 1 % of the bound ≤ 30 s", year.name,
            f"{year.status}, gaps {gaps} after {_s(wall)} s",
            close and wall is not None and wall <= 31.0)
    big = [r for r in rows if r.name.startswith("synthetic")]
    if big:
        largest = max(big, key=lambda r: r.activities)
        add("largest synthetic feasible ≤ 30 s", largest.name,
            f"first plan after {_s(largest.first_plan)} s",
            largest.first_plan is not None and largest.first_plan <= 30.0)
    for r in rows:
        assert r.solver is not None and r.greedy is not None
        observed = (f"tiers {r.solver.tiers} vs {r.greedy.tiers}, hard {r.solver.hard}"
                    if has_plan(r) else f"no plan ({r.status})")
        add("never worse than greedy, no hard violation", r.name, observed, not_worse(r))
    note = f" (time limit {limit:g} s)"
    return _table(["target" + note, "instance", "observed", "result"], out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=None,
                        help="seconds per solve (default 30, 10 with --quick)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scales", default="2,5,10",
                        help="sizes of the synthetic workbooks, comma separated")
    parser.add_argument("--seed", type=int, default=0, help="solver and generator seed")
    parser.add_argument("--quick", action="store_true",
                        help="only the quarter and the year, with short limits")
    parser.add_argument("--greedy-hint", action="store_true",
                        help="give the solver the greedy plan as its hint")
    args = parser.parse_args(argv)
    limit = args.time_limit or (10.0 if args.quick else 30.0)
    settings = SolverSettings(time_limit=limit, workers=args.workers, seed=args.seed,
                              repeatable=False)  # quality at a time limit: workers race

    rows: list[Row] = []
    started = time.monotonic()
    year = load_problem(QIANJIN)
    load = time.monotonic() - started
    name, first, last = quarters(year)[0]
    started = time.monotonic()
    quarter = restrict(year, start=first, end=last)
    rows.append(run(f"qianjin {name}", quarter, load + time.monotonic() - started, settings,
                    args.greedy_hint))
    rows.append(run("qianjin 2023", year, load, settings, args.greedy_hint))
    scales = [] if args.quick else [float(s) for s in args.scales.split(",") if s.strip()]
    for scale in scales:
        log(f"[synthetic {scale:g}x] generating ...")
        started = time.monotonic()
        problem = build_problem(generate(scale, args.seed))
        rows.append(run(f"synthetic {scale:g}×", problem, time.monotonic() - started,
                        settings, args.greedy_hint))

    print(f"Benchmark of {date.today():%Y-%m-%d}: OR-Tools {ortools.__version__}, "
          f"Python {platform.python_version()}, {platform.machine()}, "
          f"{args.workers} workers, time limit {limit:g} s, seed {args.seed}"
          + (", the greedy plan as hint" if args.greedy_hint else "") + ".\n")
    print("### Solver\n")
    print(solver_table(rows))
    print("\n### Solver against the first-fit baseline\n")
    print(comparison_table(rows))
    print("\n### Targets\n")
    print(targets_table(rows, limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
