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
from ..i18n import Message, say, text
from ..io.outputs import OutputRefusal
from . import actuals, exports, plan, sweeps
from .common import (
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    ReadProgress,
    expected_of,
    speaking,
    system_language,
)
from .plan import NO_PLAN_REPORT

#: The exit code when the output's reader went away: 128 + SIGPIPE, as a program killed
#: by that signal reports (Python ignores the signal and raises BrokenPipeError instead).
EXIT_PIPE_CLOSED = 128 + signal.SIGPIPE

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
    termination = _Termination()
    try:
        with _terminate_cleanly(termination, lambda: speaking(args)):
            return run(args)
    except KeyboardInterrupt:  # Ctrl+C outside a search, or twice in one
        print("\n" + text("notice.interrupted", speaking(args)), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of the output went away (`| head`)
        _quiet_stdout()
        return EXIT_PIPE_CLOSED
    except Exception as exc:
        if termination.signum is not None:  # a library turned the kill into an error
            return 128 + termination.signum
        return _exit_code(exc, argv, getattr(args, "language", None),
                          _path_arguments(parser, args))


def _exit_code(exc: Exception, argv: Sequence[str] | None, language: str | None,
               arguments: Sequence[tuple[str, Path, Message]] = ()) -> int:
    """Say what went wrong, plainly, and the exit code for it: a workbook's errors in
    ``language`` (``--language``, or the workbook's once the command has read it), else
    in the workbook's own, else in the machine's (:func:`system_language`). A missing
    file is named with the argument of ``arguments`` (its name, its path and what it
    should be) that gave it."""
    said = language or system_language()
    if isinstance(exc, DataError):
        language = language or exc.language or said
        print(exc.render(language), file=sys.stderr)
        # a workbook's warnings with its errors, so that one round of fixes mends both
        # (not a record of what happened, whose warnings of months not yet counted by
        # --until are not weeded out while it has errors)
        if exc.warnings and exc.subject == say("issue.the_workbook"):
            print(text("summary.and_warnings", language, count=len(exc.warnings)),
                  file=sys.stderr)
            for warning in exc.warnings:
                print(f"  {warning.render(language)}", file=sys.stderr)
        return EXIT_DATA
    if isinstance(exc, OutputRefusal):  # a file or folder in the way of an output
        print(text("refusal.said", said, problem=exc.render(said)), file=sys.stderr)
        return EXIT_USAGE
    if isinstance(exc, FileNotFoundError) and exc.filename:
        missing = Path(os.fsdecode(exc.filename))
        # the path given, or a file the command looks for in the folder given (a plan
        # folder's plan.json); a file deeper down is one a given file names, not the
        # argument itself (outputs are never missing, and are not among the arguments)
        given = next(((name, expected) for name, path, expected in arguments
                      if path.resolve() in (missing.resolve(), missing.resolve().parent)),
                     None)
        if given:
            print(text("refusal.missing", said, path=missing, argument=given[0],
                       expected=given[1].render(said)), file=sys.stderr)
            return EXIT_USAGE
    if isinstance(exc, OSError):  # a folder given for a file, no permission
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    log = _write_crash_log(argv)  # a bug: say so plainly, keep the details for the report
    print(f"internal error ({type(exc).__name__}: {exc}); this is a bug in matching, "
          f"not in your data. Please report it with the log {log}", file=sys.stderr)
    return EXIT_USAGE


def _path_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace
                    ) -> list[tuple[str, Path, Message]]:
    """The files and folders the command was given to read: each argument's name (as
    its ``--help`` shows it), the path and what it should be (:func:`path_argument`)."""
    commands = next(action for action in parser._actions
                    if isinstance(action, argparse._SubParsersAction))
    return [(action.dest.replace("_", "-"), path, expected)
            for action in commands.choices[args.command]._actions
            if isinstance(path := getattr(args, action.dest, None), Path)
            and (expected := expected_of(action)) is not None]


def _quiet_stdout() -> None:
    """Send what is left of the output nowhere, so that Python's flush on the way out
    does not fail on the closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class _Termination:
    """The signal that ended the command, once one has."""

    signum: int | None = None


@contextlib.contextmanager
def _terminate_cleanly(termination: _Termination, language: Callable[[], str]
                       ) -> Iterator[None]:
    """Let ``kill`` (SIGTERM) unwind like Ctrl+C, so that side folders and temporary
    files are removed on the way out instead of left behind, saying so in the language
    of that moment (``language()``: ``--language``'s, else English until the workbook
    is read). The signal is noted in ``termination``: a library that catches everything
    (openpyxl's descriptors do, with a bare ``except``) may turn the unwinding into an
    error of its own, which must end the command as killed, not as a bug."""
    def stop(signum: int, _frame: object) -> None:
        termination.signum = signum
        print("\n" + text("notice.terminated", language()), file=sys.stderr)
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
