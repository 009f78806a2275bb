"""Fuzz the workbook reader for a while (``make fuzz``; minutes).

Mutants of ``data/tiny`` (``tests/reader_mutations.py``: damaged bytes, encodings, line
endings, nasty cells, lost headers, rows and tables, formulas, merged ranges, hidden
sheets) are written and loaded as ``matching check`` loads them, one after another, until
the time is up. Each must load or be rejected with a ``DataError``; one carrying a
breakage (a duplicate id, an unknown room, a negative capacity, a formula without a
saved result...) must be rejected; none may take longer than the hang limit.

    python benchmarks/fuzz.py [--seconds 600] [--hang-seconds 60]

Prints the counts and each distinct crash with the first mutant that raised it; exits 1
on any crash, hang or breakage let through. A hang stuck in C code, which no signal
interrupts, ends the run after twice the hang limit (plus 10 s) with Python's dump of
every thread's traceback.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from reader_mutations import Mutant, mutants, outcome  # noqa: E402

#: Examples per hypothesis run; runs repeat, each with fresh randomness, until the time
#: is up.
BATCH = 200


class Hang(BaseException):
    """Raised by the alarm in an example over the hang limit; a BaseException, so that
    the reader's ``except Exception`` cannot swallow it."""


@dataclass
class Tally:
    """What the run saw; crashes are grouped by where they were raised, so one cause met
    a thousand times is one line of the report."""

    examples: int = 0
    loaded: int = 0
    rejected: int = 0
    breakages: int = 0
    breakages_rejected: int = 0
    missed: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    #: where it was raised -> (count, the exception, the first mutant)
    crashes: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    slowest: float = 0.0

    def failed(self) -> bool:
        """Whether ``make fuzz`` should fail: any crash, hang or breakage let through."""
        return bool(self.crashes or self.hangs or self.missed)

    def report(self, seconds: float) -> str:
        """The counts, then each distinct crash, hang and breakage let through with the
        mutant that showed it (enough to rebuild the case by hand)."""
        lines = [
            f"examples   {self.examples} in {seconds:.0f} s (slowest {self.slowest:.2f} s)",
            f"loaded     {self.loaded}",
            f"rejected   {self.rejected}",
            f"breakages  {self.breakages}: {self.breakages_rejected} rejected, "
            f"{len(self.missed)} let through",
            f"crashes    {sum(c[0] for c in self.crashes.values())} "
            f"({len(self.crashes)} distinct)",
            f"hangs      {len(self.hangs)}",
        ]
        for where, (count, error, mutant) in self.crashes.items():
            lines += [f"crash x{count} at {where}: {error}", f"  first: {mutant}"]
        lines += [f"hang: {mutant}" for mutant in self.hangs]
        lines += [f"let through: {mutant}" for mutant in self.missed]
        return "\n".join(lines)


def check(mutant: Mutant, tally: Tally, hang_seconds: float) -> None:
    """Load one mutant within the hang limit and count what happened."""
    tally.examples += 1
    started = time.monotonic()
    faulthandler.dump_traceback_later(2 * hang_seconds + 10, exit=True)
    try:
        signal.setitimer(signal.ITIMER_REAL, hang_seconds)
        with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
            result = outcome(mutant.write(Path(folder)))
    except Hang:
        result = "hang"
    except Exception as exc:  # a crash: count it by where it was raised
        result = "crash"
        where = _raised_at(exc)
        count, error, first = tally.crashes.get(where, (0, f"{type(exc).__name__}: "
                                                           f"{str(exc)[:200]}", repr(mutant)))
        tally.crashes[where] = (count + 1, error, first)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()
    elapsed = time.monotonic() - started
    tally.slowest = max(tally.slowest, elapsed)
    if result == "hang" or elapsed > hang_seconds:  # an alarm landing in a finalizer is lost
        tally.hangs.append(repr(mutant))
    elif result != "crash":
        _count(result, mutant, tally)


def _count(result: str, mutant: Mutant, tally: Tally) -> None:
    """Count a load that ended in time: a breakage must have been rejected."""
    tally.loaded += result == "loaded"
    tally.rejected += result == "rejected"
    if mutant.breakage is not None:
        tally.breakages += 1
        if result == "rejected":
            tally.breakages_rejected += 1
        else:
            tally.missed.append(repr(mutant))


def _raised_at(exc: BaseException) -> str:
    """The innermost frame of matching's own code (else the innermost at all) that the
    exception passed through, as ``file:line``."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}matching{os.sep}" in f.filename] or frames
    return f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"


def fuzz(seconds: float, hang_seconds: float) -> Tally:
    """Run batches of hypothesis examples until ``seconds`` have passed."""
    tally = Tally()
    deadline = time.monotonic() + seconds
    previous = signal.signal(signal.SIGALRM, _on_alarm)

    @settings(max_examples=BATCH, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(mutants())
    def batch(mutant: Mutant) -> None:
        if time.monotonic() < deadline:
            check(mutant, tally, hang_seconds)

    try:
        while time.monotonic() < deadline:
            batch()
    finally:
        signal.signal(signal.SIGALRM, previous)
    return tally


def _on_alarm(signum: int, frame: object) -> None:
    """SIGALRM: the example has run past the hang limit."""
    raise Hang


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float,
                        default=float(os.environ.get("FUZZ_SECONDS", "600")),
                        help="how long to run (default 600, or $FUZZ_SECONDS)")
    parser.add_argument("--hang-seconds", type=float, default=60.0,
                        help="an example taking longer is a hang (default 60)")
    args = parser.parse_args()
    started = time.monotonic()
    tally = fuzz(args.seconds, args.hang_seconds)
    print(tally.report(time.monotonic() - started))
    return 1 if tally.failed() else 0


if __name__ == "__main__":
    sys.exit(main())
