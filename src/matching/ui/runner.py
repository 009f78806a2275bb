"""Running a solve in a worker thread, so that the kernel stays free while it searches.

The kernel must keep answering widget messages (the Stop button, the tabs) during a
solve of a minute or more, so :func:`matching.solver.solve` runs in a
:class:`threading.Thread`. The worker never touches an ``Output`` widget: it hands
progress, log lines and the final plan to callbacks that only set widget values (output
written into an ``Output`` widget from another thread goes astray, and ipykernel 7.0
dropped widget updates from threads: hence ``ipykernel>=7.1``). Stop sets the
:class:`threading.Event` given to ``solve``, which ends the search and returns the best
plan found so far.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from ..plan import Plan
from ..problem import Problem
from ..solver import Progress, SolverSettings, solve


class SolveRunner:
    """One solve at a time in a daemon thread, with a stop signal.

    Parameters are given to :meth:`start`; the runner itself only holds the thread and
    the event, so one runner serves every solve of an app.
    """

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.stop_event = threading.Event()
        #: When the last search returned (``time.time()``, before its plan is shown): the
        #: browser tests measure how long the app takes to show the plan after it.
        self.ended_at: float | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def start(self, problem: Problem, settings: SolverSettings, *,
              on_progress: Callable[[Progress], None],
              on_log: Callable[[str], None],
              on_done: Callable[[Plan], None],
              on_error: Callable[[BaseException], None],
              hint: Plan | None = None, baseline: Plan | None = None) -> threading.Thread:
        """Start solving ``problem`` in a new thread and return it.

        ``on_done`` or ``on_error`` is called exactly once, from the worker, when the
        search ends; exceptions from the callbacks themselves go to ``on_error`` too, so
        nothing is lost in a thread nobody watches.
        """
        if self.running:
            raise RuntimeError("a solve is already running")
        self.stop_event = threading.Event()
        self.ended_at = None
        settings = replace(settings, log=on_log)
        stop = self.stop_event

        def work() -> None:
            try:
                plan = solve(problem, settings, on_progress=on_progress, stop=stop,
                             hint=hint, baseline=baseline)
                self.ended_at = time.time()
                on_done(plan)
            except BaseException as exc:  # shown in the app, never lost in the thread
                on_error(exc)

        self.thread = threading.Thread(target=work, name="matching-solve", daemon=True)
        self.thread.start()
        return self.thread

    def stop(self) -> None:
        """Ask the search to end; it returns its best plan within a fraction of a second."""
        self.stop_event.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the worker; True when it has finished."""
        if self.thread is None:
            return True
        self.thread.join(timeout)
        return not self.thread.is_alive()
