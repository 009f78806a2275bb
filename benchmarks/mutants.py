"""Mutation check of the rule families: weaken each hard rule by one step, in the solver
and (separately) in the evaluator, and see which tests kill the mutant.

Run from the repository root (minutes; it works in a temporary git worktree of HEAD, so
the working tree is never touched)::

    python benchmarks/mutants.py [--tests "tests/solver/test_solver_properties.py ..."]

A mutant is killed when the tests fail with it; a surviving mutant is a rule no test
binds. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = "src/matching/solver/model.py"
HARD = "src/matching/evaluate/hard.py"
PERIODS = "src/matching/rules/periods.py"
REST = "src/matching/rules/rest.py"

#: (name, file, text, replacement): each replaces one exact, unique piece of source.
MUTANTS = (
    ("rules: week counted from the horizon start", PERIODS,
     "return day.toordinal() - day.weekday()", "return day.toordinal() // 7 * 7"),
    ("solver: duty limits 60 units (minutes, activities) looser", MODEL,
     "<= math.floor(cap)).only_enforce_if(holds)", "<= math.floor(cap) + 60).only_enforce_if("
     "holds)"),
    ("solver: no rest after a long shift", MODEL,
     "size = av.duration + (rest if av.duration >= long_slots else 0)", "size = av.duration"),
    ("solver: daily hours not enforced (the first duty rule)", MODEL,
     "for rule in DUTY_RULES:\n            DUTY_METHODS", "for rule in DUTY_RULES[1:]:\n"
     "            DUTY_METHODS"),
    ("solver: no series order", MODEL, "        self._add_series_order()\n", ""),
    ("solver: no cohorts", MODEL, "        self._add_cohorts()\n", ""),
    ("solver: no turnaround", MODEL,
     "size = av.duration + p.grid.slots_for(p.room_by_id[rid].turnaround_minutes)",
     "size = av.duration"),
    ("solver: role min one lower", MODEL,
     "m.add(filled >= role.min).only_enforce_if",
     "m.add(filled >= role.min - 1).only_enforce_if"),
    ("solver: availability ignored", MODEL,
     "starts = self.facts.volunteer_starts(aid, vid)\n",
     "starts = self.facts.allowed_starts(aid)\n"),
    ("solver: volunteers may overlap", MODEL,
     "per_volunteer[vid].append(", "[].append("),
    ("solver: must not enforced", MODEL,
     "m.add(av.scheduled == 1).only_enforce_if(holds)\n        for aid, pin",
     "pass\n        for aid, pin"),
    ("evaluator: period totals 60 units looser", PERIODS,
     "if total > self.cap(limit):", "if total > self.cap(limit) + 60:"),
    ("evaluator: rest shorter by one hour", REST, "if 0 <= gap < rest:", "if 0 <= gap < rest - 1:"),
    ("evaluator: no series order", HARD, "if first.end > second.start:", "if False:"),
    ("evaluator: no cohorts", HARD, "        if shared:\n", "        if False:\n"),
    ("evaluator: role min one lower", HARD, "if count < role.min:", "if count < role.min - 1:"),
    ("evaluator: availability ignored", HARD,
     "if not covers(view.hours.available_between", "if False and not covers("
     "view.hours.available_between"),
    ("evaluator: volunteers may overlap", HARD,
     "for first, second in _pairs(items, _times):\n            yield hard(\"volunteer_overlap\"",
     "for first, second in _pairs(items[:0], _times):\n            yield hard("
     "\"volunteer_overlap\""),
    ("evaluator: must not checked", HARD, 'if activity.priority == "must":', "if False:"),
)

DEFAULT_TESTS = ("tests/solver/test_solver_rules.py tests/rules/test_rules.py "
                 "tests/evaluate/test_evaluate.py tests/solver/test_solver_properties.py "
                 "tests/solver/test_solver_anytime.py")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", default=DEFAULT_TESTS)
    args = parser.parse_args()
    python = ROOT / ".venv" / "bin" / "python"
    print("| mutant | killed | by (first failing tests) |\n|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree)],
                       check=True, capture_output=True)
        try:
            for name, path, text, replacement in MUTANTS:
                target = tree / path
                original = target.read_text(encoding="utf-8")
                assert original.count(text) == 1, f"{name}: the text is not unique"
                target.write_text(original.replace(text, replacement), encoding="utf-8")
                env = {**os.environ, "PYTHONPATH": str(tree / "src")}
                result = subprocess.run(
                    [str(python), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                     "--hypothesis-profile=mutants", *args.tests.split()],
                    cwd=tree, env=env, capture_output=True, text=True, check=False)
                target.write_text(original, encoding="utf-8")
                failed = [line.split(" ")[1] for line in result.stdout.splitlines()
                          if line.startswith("FAILED ")]
                killed = result.returncode != 0
                print(f"| {name} | {'yes' if killed else '**no**'} | "
                      f"{', '.join(f.split('::')[-1][:70] for f in failed[:2])} |", flush=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False, capture_output=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
