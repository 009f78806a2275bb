"""The toolkit against direct reference models and first fit, on workbooks of several
shapes (a benchmark, not a test: it prints what it sees and never fails).

Run from the repository root::

    python benchmarks/shapes.py [--quick] [--workers 2] [--only teaching,meetings,schedules,...]
    python benchmarks/shapes.py --only itc --itc comp01.ctt,comp02.ctt
    python benchmarks/shapes.py --workers 1 --repeatable   # the notebook app's settings

Each instance is solved by :func:`matching.solver.solve` and by the reference model of
its shape (``benchmarks/reference.py``), in the same process with the same budget and
workers, and planned by first fit; every toolkit plan is checked by the evaluator.
The toolkit's workers race for the whole limit (``repeatable=False``) unless
``--repeatable`` is given: then its limits are counted in work, as in the notebook app
by default (one worker; ``--workers 2``: two searches side by side, as ``matching
solve`` on two cores), and it usually ends before the limit.
Markdown rows go to stdout as they come (paste them into ``benchmarks/README.md``),
progress to stderr.

Sections
--------
teaching
    Tight teaching weeks of 150-430 one-slot ``must`` lectures (:func:`teaching_week`),
    10 s each: seconds to the first plan of both, and whether the toolkit's plan keeps
    every hard rule. One overbooked week: seconds to ``INFEASIBLE`` and the conflict.
curricula
    Curriculum weeks (:func:`curriculum_week`) with the sizes of the 21 instances of the
    ITC 2007 curriculum-based track (courses, lectures, rooms, days, periods a day,
    curricula), 10 s each, against the same reference.
meetings
    Meeting days of 50-800 meetings (:func:`meeting_days`), 30 s each: preferred seats
    left empty by both, and their ratio (toolkit / reference).
schedules
    The same for meeting schedules shaped like public meeting-scheduling datasets
    (:func:`meeting_schedule`: about 40 people, up to 30 attendees a meeting).
full
    Curriculum weeks whose hidden timetable uses every room slot (``slack=0.0``; 3-10
    rooms, 4-6 periods a day, 100-140 % of the room slots asked for), drawn with a
    fixed seed, kept only where first fit and its rounds leave a lecture out: the
    repair search's work. 10 s each, as curricula (80 draws, about 30 weeks; not run
    by default).
enrolment
    Weeks shaped like the ITC 2007 post-enrolment track (:func:`enrolment_week`: 400-600
    one-slot events, every student a cohort tag, rooms with features), 10 s each, as
    curricula; then the same weeks with the track's precedences (a tenth of the events
    in ordered pairs) and a quarter of the events held to one day (not run by default).
itc
    ITC 2007 instances themselves, when their ``.ctt`` files are given (``--itc
    comp01.ctt,comp02.ctt``; :func:`itc_week` converts them), 10 s each, as curricula.
year
    The embedded quarter to proven optimality; the embedded year at 10 s on the given
    workers and at 1, 2, 5 and 10 s on one worker against first fit; the 10× synthetic
    year at 60 s against first fit, and which tiers are below first fit's.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from reference import meeting_reference, teaching_reference

from matching import load_problem
from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.io import build_problem
from matching.plan import Plan
from matching.problem import Problem
from matching.problem.select import restrict
from matching.shapes import (
    MOST_LECTURES,
    curriculum_week,
    enrolment_week,
    itc_week,
    meeting_days,
    meeting_schedule,
    teaching_week,
)
from matching.solver import Progress, SolverSettings, solve
from matching.solver.squeaky import left_out, squeaky_wheel
from matching.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]
#: Whether the toolkit searches repeatably (``--repeatable``), as the app does by default.
REPEATABLE = False


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def row(*cells: object) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def toolkit(problem: Problem, seconds: float, workers: int, **extra: object
            ) -> tuple[Plan, float | None, float]:
    """The plan, seconds to the first plan reported, wall seconds."""
    first: list[float] = []

    def on_progress(p: Progress) -> None:
        if not first and p.scheduled is not None:  # a plan, not the search's beat
            first.append(p.elapsed)

    started = time.monotonic()
    plan = solve(problem, SolverSettings(time_limit=seconds, workers=workers, seed=0,
                                         repeatable=REPEATABLE,
                                         **extra),  # type: ignore[arg-type]
                 on_progress=on_progress)
    return plan, (first[0] if first else None), time.monotonic() - started


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _first_fit(problem: Problem) -> tuple[tuple[int, ...], bool]:
    score = evaluate(problem, greedy_plan(problem))
    return score.tiers, score.feasible


def teaching(workers: int, quick: bool) -> None:
    print("\n### Tight teaching weeks, 10 s each\n")
    _week_header()
    sizes = [(150, 6), (230, 8), (300, 12)] if quick else [
        (150, 6), (200, 8), (230, 8), (260, 10), (300, 12), (350, 14), (400, 16), (430, 18)]
    for seed, (lectures, rooms) in enumerate(sizes):
        log(f"teaching {lectures}/{rooms} ...")
        _week_row(f"week s{seed}", teaching_week(lectures, rooms, seed=seed, fill=0.95),
                  rooms, workers)
    problem = build_problem(teaching_week(200, 8, seed=9, fill=0.9, overbook=3))
    plan, _, wall = toolkit(problem, 30, workers)
    print(f"\nOverbooked week ({len(problem.activities)} lectures, 3 more large-room lectures "
          f"than large-room slots): {plan.status} after {wall:.2f} s, "
          f"{len(plan.conflicts)} conflict(s): {plan.conflicts[0] if plan.conflicts else ''}")


#: Courses, lectures, rooms, days, periods a day and curricula of the ITC 2007
#: curriculum-based instances comp01-comp21.
ITC_SIZES = [(30, 160, 6, 5, 6, 14), (82, 283, 16, 5, 5, 70), (72, 251, 16, 5, 5, 68),
             (79, 286, 18, 5, 5, 57), (54, 152, 9, 6, 6, 139), (108, 361, 18, 5, 5, 70),
             (131, 434, 20, 5, 5, 77), (86, 324, 18, 5, 5, 61), (76, 279, 18, 5, 5, 75),
             (115, 370, 18, 5, 5, 67), (30, 162, 5, 5, 9, 13), (88, 218, 11, 6, 6, 150),
             (82, 308, 19, 5, 5, 66), (85, 275, 17, 5, 5, 60), (72, 251, 16, 5, 5, 68),
             (108, 366, 20, 5, 5, 71), (99, 339, 17, 5, 5, 70), (47, 138, 9, 6, 6, 52),
             (74, 277, 16, 5, 5, 66), (121, 390, 19, 5, 5, 78), (94, 327, 18, 5, 5, 78)]


def curricula(workers: int, quick: bool) -> None:
    print("\n### Curriculum weeks of the ITC 2007 sizes, 10 s each\n")
    _week_header()
    for number, (courses, lectures, rooms, days, periods, groups) in enumerate(ITC_SIZES):
        if quick and number % 5:
            continue
        tables = curriculum_week(courses, lectures, rooms, days=days, periods=periods,
                                 curricula=groups, seed=number)
        log(f"curriculum week {number + 1} ...")
        _week_row(f"comp{number + 1:02d}-like", tables, rooms, workers)


def full(workers: int, quick: bool) -> None:
    print("\n### Full curriculum weeks that first fit cannot complete, 10 s each\n")
    _week_header()
    rng = random.Random(12)
    for _ in range(20 if quick else 80):
        rooms, courses = rng.choice((3, 4, 5, 6, 8, 10)), rng.randint(15, 60)
        groups, seed, periods = rng.randint(3, 25), rng.randrange(10000), rng.choice((4, 5, 6))
        lectures = min(int(rooms * 5 * periods * rng.uniform(1.0, 1.4)),
                       MOST_LECTURES * courses)
        tables = curriculum_week(courses, lectures, rooms, periods=periods, curricula=groups,
                                 seed=seed, slack=0.0)
        problem = build_problem(tables)
        if not left_out(problem, squeaky_wheel(problem, greedy_plan(problem), 5.0)):
            continue
        log(f"full week {courses}, {lectures}, {rooms}, seed {seed} ...")
        _week_row(f"full({courses}, {lectures}, {rooms}, periods={periods}, "
                  f"curricula={groups}, seed={seed})", tables, rooms, workers)


def enrolment(workers: int, quick: bool) -> None:
    print("\n### Post-enrolment weeks, 10 s each\n")
    _week_header()
    sizes = [(400, 10, 300, 12, 0.8), (400, 10, 300, 16, 0.8)] if quick else [
        (400, 10, 300, 12, 0.8), (400, 10, 300, 14, 0.85), (400, 10, 300, 16, 0.8),
        (400, 10, 200, 20, 0.7), (600, 15, 500, 14, 0.8), (600, 15, 500, 16, 0.7)]
    # then the track's precedences (a tenth of the events in pairs) and day windows
    for share_ordered, windowed in ((0.0, 0.0), (0.1, 0.25)):
        for seed, (events, rooms, students, each, fill) in enumerate(sizes):
            ordered = round(share_ordered * events)
            log(f"enrolment {events}/{rooms}/{students}x{each}, {ordered} ordered ...")
            rules = f", ordered={ordered}, windowed={windowed}" if ordered else ""
            _week_row(f"enrolment({events}, {rooms}, students={students}, "
                      f"per_student={each}, fill={fill}{rules}, seed={seed})",
                      enrolment_week(events, rooms, students=students, per_student=each,
                                     fill=fill, ordered=ordered, windowed=windowed,
                                     seed=seed), rooms, workers)


def itc(paths: str, workers: int) -> None:
    print("\n### ITC 2007 instances, 10 s each\n")
    _week_header()
    for path in filter(None, paths.split(",")):
        log(f"{path} ...")
        tables = itc_week(Path(path).read_text(encoding="utf-8"))
        _week_row(Path(path).stem, tables, len(tables["rooms"]), workers)


def _week_header() -> None:
    row("instance", "lectures", "rooms", "first fit complete", "toolkit first plan s",
        "toolkit status", "hard violations", "reference first plan s", "reference status",
        "target")
    print("|---|---:|---:|---|---:|---|---:|---:|---|---|")


def _week_row(name: str, tables: dict, rooms: int, workers: int) -> None:
    """Toolkit and reference on one week; the target: a plan in 10 s whenever the
    reference finds one in 10 s."""
    problem = build_problem(tables)
    _, complete = _first_fit(problem)
    plan, first, _ = toolkit(problem, 10, workers)
    hard = len(evaluate(problem, plan).hard_violations) if plan.objective else "-"
    ref = teaching_reference(build_problem(tables), 10, workers)
    found = plan.status in ("OPTIMAL", "FEASIBLE")
    target = ("pass" if found and first is not None and first <= 10
              else "n/a" if ref.first_plan is None else "FAIL")
    row(name, len(problem.activities), rooms, "yes" if complete else "no", _s(first),
        plan.status, hard, _s(ref.first_plan), ref.status, target)


def meetings(workers: int, quick: bool) -> None:
    _meeting_table("Meeting days", meeting_days, workers, quick)


def schedules(workers: int, quick: bool) -> None:
    _meeting_table("Meeting schedules", meeting_schedule, workers, quick)


def _meeting_table(title: str, make: Callable[..., dict], workers: int, quick: bool) -> None:
    """Preferred seats left empty by first fit, the toolkit and the reference on the
    workbooks ``make(count, seed=...)`` of 50-800 meetings."""
    seconds = 10 if quick else 30
    print(f"\n### {title}, {seconds} s each\n")
    row("meetings", "people", "preferred seats", "first fit lost", "toolkit lost",
        "toolkit status", "hard violations", "reference lost", "ratio", "target ≤ 1.1")
    print("|---:|---:|---:|---:|---:|---|---:|---:|---:|---|")
    for seed, count in enumerate([50, 100, 200] if quick else [50, 100, 200, 400, 800]):
        problem = build_problem(make(count, seed=seed))
        log(f"{title.lower()} {count} ...")
        wanted = sum(r.target for r in problem.roles if not r.min)
        (_, lost_ff, _), _ = _first_fit(problem)
        plan, _, _ = toolkit(problem, seconds, workers)
        score = evaluate(problem, plan)
        lost = score.tiers[1] if plan.objective else None
        ref = meeting_reference(build_problem(make(count, seed=seed)), seconds, workers)
        ratio = (None if lost is None or ref.seats_lost is None
                 else (lost + 1) / (ref.seats_lost + 1))
        row(len(problem.activities), len(problem.volunteers), wanted, lost_ff,
            "-" if lost is None else lost, plan.status,
            len(score.hard_violations) if plan.objective else "-",
            "-" if ref.seats_lost is None else ref.seats_lost,
            "-" if ratio is None else f"{ratio:.2f}",
            "-" if ratio is None else ("pass" if ratio <= 1.1 else "FAIL"))
    print("\nratio: (toolkit lost + 1) / (reference lost + 1), so that 0 against 0 is 1.")


def year(workers: int, quick: bool) -> None:
    qianjin = load_problem(ROOT / "data" / "qianjin-2023")
    print("\n### The embedded workbook and the 10× year\n")
    row("instance", "workers", "limit s", "status", "wall s", "tiers", "bounds",
        "soft gap", "first fit tiers", "not worse than first fit", "tiers below first fit")
    print("|---|---:|---:|---|---:|---|---|---:|---|---|---|")
    runs = [("quarter 2023Q1", restrict(qianjin, start=date(2023, 1, 1),
                                        end=date(2023, 3, 31)), workers, 10),
            ("year", qianjin, workers, 10)]
    runs += [("year", qianjin, 1, limit) for limit in ((1, 5) if quick else (1, 2, 5, 10))]
    if not quick:
        runs.append(("synthetic 10×", build_problem(generate(10, 0)), workers, 60))
    for name, problem, w, limit in runs:
        log(f"{name} {w} worker(s) {limit} s ...")
        plan, _, wall = toolkit(problem, limit, w)
        ff, ff_ok = _first_fit(problem)
        tiers = tuple(plan.objective) if plan.objective else None
        bound = plan.bound or ()
        gap = (f"{(tiers[2] - bound[2]) / max(1, abs(tiers[2])):.1%}"
               if tiers and len(bound) == 3 else "-")
        verdict = ("pass" if tiers is not None and (not ff_ok or tiers <= ff) else "FAIL")
        below = " ".join(str(n) for n, (t, f) in enumerate(zip(tiers, ff, strict=True), 1)
                         if t < f) if tiers and ff_ok else ""
        row(name, w, limit, plan.status, f"{wall:.1f}", tiers,
            tuple(round(b) for b in bound), gap, ff, verdict, below or "-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeatable", action="store_true",
                        help="the toolkit with limits in work (the app's default; with "
                        "--workers 2, two searches side by side)")
    parser.add_argument("--quick", action="store_true", help="fewer, smaller instances")
    parser.add_argument("--only", default="teaching,curricula,meetings,schedules,year")
    parser.add_argument("--itc", default="", help="ITC 2007 .ctt files, comma-separated")
    args = parser.parse_args()
    import ortools

    global REPEATABLE
    REPEATABLE = args.repeatable
    print(f"Shapes benchmark: OR-Tools {ortools.__version__}, {args.workers} workers"
          f"{', the toolkit repeatable' if REPEATABLE else ''}.")
    sections = {"teaching": teaching, "curricula": curricula, "meetings": meetings,
                "schedules": schedules, "full": full, "enrolment": enrolment, "year": year,
                "itc": lambda workers, _: itc(args.itc, workers)}
    for name in args.only.split(","):
        sections[name](args.workers, args.quick)


if __name__ == "__main__":
    main()
