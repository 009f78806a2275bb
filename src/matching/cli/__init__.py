"""Command line: python -m matching <command> ... for scripts and CI.

Each command is a thin wrapper over the Python API. Exit codes: 0 success, 1 invalid
data (or no plan), 2 usage error (or an internal error, whose traceback goes to a log
file named on stderr). Data errors print every problem, never a traceback.
"""


import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import DataError
from ..io.outputs import OutputFolderError
from . import actuals, exports, plan, sweeps
from .common import EXIT_DATA, EXIT_OK, EXIT_USAGE, ReadProgress
from .plan import NO_PLAN_REPORT

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "NO_PLAN_REPORT", "ReadProgress",
           "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """Every command, each family's options defined beside its commands."""
    parser = argparse.ArgumentParser(prog="python -m matching", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for family in (plan, exports, actuals, sweeps):
        family.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        with _terminate_cleanly():
            return run(args)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return EXIT_DATA
    except OutputFolderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a missing file, a folder given for a file, no permission...
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: say so plainly, keep the details for the report
        log = _write_crash_log(argv)
        print(f"internal error ({type(exc).__name__}: {exc}); this is a bug in matching, "
              f"not in your data. Please report it with the log {log}", file=sys.stderr)
        return EXIT_USAGE


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Let ``kill`` (SIGTERM) unwind like Ctrl+C, so that side folders and temporary
    files are removed on the way out instead of left behind."""
    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write_crash_log(argv: Sequence[str] | None) -> Path:
    """The traceback of the exception being handled, with the command line, in a new
    file of the temporary folder."""
    import tempfile
    import traceback

    from .. import __version__

    handle, name = tempfile.mkstemp(prefix="matching-error-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as log:
        log.write(f"matching {__version__}, python {sys.version.split()[0]}\n")
        log.write(f"command: {' '.join(sys.argv[:1] + list(argv or sys.argv[1:]))}\n\n")
        log.write(traceback.format_exc())
    return Path(name)
