"""A CP-SAT solver as every search of this package runs it."""

from __future__ import annotations

from ortools.sat.python import cp_model


def new_solver(workers: int, seed: int) -> cp_model.CpSolver:
    """A solver with ``workers`` workers and ``seed``, which leaves Ctrl+C alone.

    CP-SAT catches SIGINT by default and ends only the call it is in: the staged search
    then went on to its next stage with a worse plan that still said it was
    repeatable, and a signal that came as a call ended could abort the process
    (``std::bad_function_call``). A search here ends through its ``stop`` signal
    instead: the app's Stop button, or the command line's Ctrl+C
    (:func:`matching.cli.common.stoppable`)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = False
    return solver
