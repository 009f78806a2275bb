"""Running many small tasks on a Dask cluster, or one after another in this process.

A :class:`Task` is a name, a plain function and its arguments. :func:`run_tasks` sends big
shared inputs (the workbook's tables, a baseline plan) to every worker once
(``client.scatter(..., broadcast=True)``), submits one future per task and collects the
results as they finish, reporting progress. A task never stops the others: an exception
inside the task becomes a :class:`Failure` on the worker, and a failure of the future
itself (a worker that died, a cancelled task) becomes one on the client.

The same functions run in this process when there is no client (``scheduler =
"synchronous"``), which is how sweeps are checked against their distributed runs.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from ..export.labels import named
from ..i18n import Message, Phrase, say, text
from ..summary import pad

if TYPE_CHECKING:
    from distributed import Client

#: The ``scheduler`` value that runs every task in this process, one after another.
SYNCHRONOUS = "synchronous"
#: How long to wait for a remote scheduler to answer, and for its workers to join.
CONNECT_TIMEOUT = 20.0
WORKER_TIMEOUT = 60.0


@dataclass(frozen=True)
class Shared:
    """A placeholder, in a task's arguments, for a shared input sent to the workers once
    (a key of ``shared`` in :func:`run_tasks`)."""

    key: str


@dataclass(frozen=True)
class Task:
    """One unit of work: ``fn(*args)`` named ``name`` in progress lines and result rows.

    ``fn`` must be importable on the workers (a module-level function of an installed
    package), ``args`` picklable and small, or :class:`Shared`.
    """

    name: str
    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Failure:
    """A task that gave no result: its name and why."""

    name: str
    error: str


@dataclass(frozen=True)
class TaskProgress:
    """Where a batch of tasks is: sent to ``on_progress`` after each task finishes (and
    once before the first, with ``done == 0``). ``error`` is the last task's error as it
    gave it, ``wording`` the same as a phrase where the task said it as one (a run of a
    sweep: :meth:`error_in`)."""

    stage: str
    done: int
    total: int
    failed: int
    elapsed: float
    last: str = ""
    error: str = ""
    wording: Phrase | None = None

    def error_in(self, language: str) -> str:
        """The last task's error in ``language`` where it said it as a phrase, else as
        it gave it."""
        return self.wording.render(language) if self.wording is not None else self.error


ProgressCallback = Callable[[TaskProgress], None]


# -- clusters -----------------------------------------------------------------------------

def connect(scheduler: str | None = None, *, n_workers: int | None = None,
            quiet: bool = False) -> Client:
    """A Dask client: on the cluster at ``scheduler``, or on a new local cluster.

    Parameters
    ----------
    scheduler
        ``"tcp://host:8786"`` to use an existing cluster; None starts a ``LocalCluster``
        of ``n_workers`` single-threaded worker processes on 127.0.0.1 (closed with the
        client: use ``with connect() as client:`` or call ``client.close()``).
    n_workers
        Local: the number of worker processes (default: one per core). Remote: wait
        until that many workers have joined (default: one).
    quiet
        Only log errors of the local cluster (no warnings about restarted workers).

    Raises
    ------
    OSError, TimeoutError
        When the scheduler cannot be reached, or its workers do not join in time.
    RuntimeError
        When the workers cannot import this package.
    """
    try:
        import dask
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - the extra is installed by make test
        raise ImportError("running on Dask needs the 'distributed' extra: "
                          "pip install 'matching[distributed]'") from exc
    if scheduler:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        try:
            client.wait_for_workers(n_workers or 1, timeout=WORKER_TIMEOUT)
            check_workers(client)
        except BaseException:
            client.close()
            raise
        return client
    count = n_workers or os.cpu_count() or 1
    # a task whose worker dies fails at once (KilledWorker); run_tasks then runs it again
    # alone, so a task that kills workers (memory) costs two restarts, not four
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        client = Client(n_workers=count, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address="127.0.0.1:8787",
                        silence_logs=logging.ERROR if quiet else logging.WARNING)
    try:
        check_workers(client)
    except BaseException:
        client.close()
        raise
    return client


def _worker_facts() -> str:
    """Runs on each worker: import what the tasks need (warming the worker up) and say
    which version of the package it has."""
    import matching.scenario  # noqa: F401  (imports the solver and OR-Tools)
    from matching import __version__
    return __version__


def check_workers(client: Client) -> dict[str, str]:
    """The package version on each worker; raises RuntimeError naming a worker that
    cannot import it (a cluster whose workers lack ``matching``)."""
    try:
        versions: dict[str, str] = client.run(_worker_facts)
    except Exception as exc:
        raise RuntimeError(f"the Dask workers cannot run planning tasks ({type(exc).__name__}: "
                           f"{exc}); install this package on every worker") from exc
    return versions


def location(client: Client | None) -> Message:
    """Where tasks run, as a message: results keep it so, to be said in English by
    scripts and in the command's language by its summary, after the client has closed."""
    if client is None:
        return say("where.here")
    count = len(client.scheduler_info(n_workers=-1).get("workers", {}))
    address = getattr(client.scheduler, "address", None)
    cluster = (say("where.local") if client.cluster is not None
               else str(address) if address else say("where.remote"))
    workers = say("where.worker") if count == 1 else say("where.workers", count=count)
    return say("where.cluster", cluster=cluster, workers=workers)


def describe(client: Client | None, language: str = "en") -> str:
    """One line about where tasks run in ``language``, e.g. ``local cluster, 2 workers``
    (English unless asked, as scripts and notebooks read it)."""
    return location(client).render(language)


def dashboard_link(client: Client | None) -> str | None:
    """The Dask dashboard's address, or None when it is not running (a local cluster's
    dashboard needs bokeh; without it the address only answers health checks)."""
    if client is None:
        return None
    if client.cluster is not None and importlib.util.find_spec("bokeh") is None:
        return None
    try:
        link = client.dashboard_link
    except Exception:
        return None
    return link or None


# -- running ------------------------------------------------------------------------------

def guarded(fn: Callable[..., Any], name: str, *args: Any) -> Any:
    """``fn(*args)``, or a :class:`Failure` naming the exception (runs on the worker)."""
    try:
        return fn(*args)
    except Exception as exc:
        return Failure(name, f"{type(exc).__name__}: {exc}")


def run_tasks(tasks: Sequence[Task], shared: Mapping[str, Any] | None = None, *,
              client: Client | None = None, on_progress: ProgressCallback | None = None,
              stage: str = "tasks") -> list[Any]:
    """Run ``tasks`` and return their results in task order, a :class:`Failure` for each
    task that raised or whose worker died.

    Parameters
    ----------
    tasks
        The tasks; :class:`Shared` arguments are replaced by ``shared[key]``.
    shared
        Inputs several tasks use: scattered to every worker once.
    client
        The Dask client, or None to run the tasks here, one after another.
    on_progress
        Called with a :class:`TaskProgress` as tasks finish (in this thread).
    stage
        The label of this batch in progress reports.
    """
    shared = dict(shared or {})
    started = time.monotonic()
    results: list[Any] = [None] * len(tasks)
    failed = 0

    def report(done: int, last: str = "", result: Any = None) -> None:
        if on_progress is not None:
            on_progress(TaskProgress(stage, done, len(tasks), failed,
                                     time.monotonic() - started, last, _error_of(result),
                                     _wording_of(result)))

    report(0)
    if client is None:
        for index, task in enumerate(tasks):
            args = tuple(shared[a.key] if isinstance(a, Shared) else a for a in task.args)
            results[index] = guarded(task.fn, task.name, *args)
            failed += bool(_error_of(results[index]))
            report(index + 1, task.name, results[index])
        return results
    from distributed import as_completed

    used = {a.key for t in tasks for a in t.args if isinstance(a, Shared)}
    remote = {key: shared[key] if _is_future(shared[key]) else share(client, shared[key])
              for key in sorted(used)}
    scattered = [remote[key] for key in used if not _is_future(shared[key])]
    batch = uuid.uuid4().hex[:8]

    def submit(index: int, suffix: str = "") -> Any:
        # one key prefix per function: the scheduler sees one task group and queues it,
        # handing each worker a task or two at a time instead of all of them at once
        task = tasks[index]
        args = tuple(remote[a.key] if isinstance(a, Shared) else a for a in task.args)
        key = f"{_slug(getattr(task.fn, '__name__', 'task'))}-{batch}-{index}{suffix}"
        return client.submit(guarded, task.fn, task.name, *args, key=key, pure=False)

    done = 0

    def collect(index: int, future: Any) -> None:
        nonlocal failed, done
        try:
            results[index] = future.result()
        except Exception as exc:  # the future itself failed: a worker died, cancelled
            results[index] = Failure(tasks[index].name, _future_error(exc))
        future.release()
        failed += bool(_error_of(results[index]))
        done += 1
        report(done, tasks[index].name, results[index])

    futures = [submit(index) for index in range(len(tasks))]
    live = list(futures)
    position = {f.key: i for i, f in enumerate(futures)}
    suspects: list[int] = []
    try:
        for future in as_completed(futures):
            index = position[future.key]
            if future.status == "error" and type(future.exception()).__name__ == "KilledWorker":
                suspects.append(index)
                future.release()
                continue
            collect(index, future)
        # A worker died with these tasks on it: the task that killed it, and any that were
        # waiting on the same worker. Each runs again alone, so that only a task that
        # kills a worker by itself is reported as having done so.
        for index in suspects:
            retry = submit(index, "-alone")
            live.append(retry)
            collect(index, retry)
    finally:
        pending = [f for f in live if not f.done()]
        if pending:  # interrupted: leave nothing running on the cluster
            client.cancel(pending)
        for future in scattered:
            future.release()
    return results


def share(client: Client | None, value: Any) -> Any:
    """``value`` sent to every worker once (``client.scatter(..., broadcast=True)``): a
    future to pass in the ``shared`` of several :func:`run_tasks` calls. Without a client
    it is ``value`` itself."""
    if client is None:
        return value
    # hash=False: a fresh key each time. Scattering equal data again under its hashed key
    # races with the release of the previous copy, and the scheduler forgets the new one
    # ("lost dependencies").
    return client.scatter([value], broadcast=True, hash=False)[0]


def _is_future(value: Any) -> bool:
    return type(value).__name__ == "Future" and hasattr(value, "key")


@contextmanager
def using(client: Client | None = None, scheduler: str | None = None,
          n_workers: int | None = None, quiet: bool = False) -> Iterator[Client | None]:
    """The client to run on: ``client`` itself (left open), None for ``scheduler =
    "synchronous"``, else a new one from :func:`connect` (closed afterwards)."""
    if client is not None:
        yield client
        return
    if scheduler == SYNCHRONOUS:
        yield None
        return
    made = connect(scheduler, n_workers=n_workers, quiet=quiet)
    try:
        yield made
    finally:
        made.close()


def _error_of(result: Any) -> str:
    if isinstance(result, Failure):
        return result.error
    error = getattr(result, "error", "")
    return error if isinstance(error, str) else ""


def _wording_of(result: Any) -> Phrase | None:
    """A failed task's error as a phrase, where it said it as one (a run of a sweep)."""
    wording = getattr(result, "wording", None) if _error_of(result) else None
    return wording if isinstance(wording, Phrase) else None


def _future_error(exc: Exception) -> str:
    if type(exc).__name__ == "KilledWorker":
        return ("the worker running it died, also when it ran again alone (KilledWorker: "
                "out of memory or a crash; see the workers' logs)")
    return f"{type(exc).__name__}: {exc}"


def _slug(name: str) -> str:
    """A task name as a readable Dask key (the dashboard shows keys)."""
    return re.sub(r"[^\w.=]+", "_", name)[:60] or "task"


# -- progress display (the notebook bar is matching.ui.progress.NotebookProgress) -----------

class TextProgress:
    """A progress line for terminals: ``\\r`` updates of done/total, failed and elapsed
    time on ``stream`` (stderr), a line per failed task, a newline when a stage ends; in
    ``language`` (English unless asked, as scripts read it), the stage named as the
    notebook's bar names it and a failed task's error as the task said it (in
    ``language`` where it said it as a phrase: :meth:`TaskProgress.error_in`)."""

    def __init__(self, stream: TextIO | None = None, every: float = 0.2,
                 language: str = "en") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.every = every
        self.language = language
        self._shown = -1.0

    def __call__(self, p: TaskProgress) -> None:
        if p.error:
            first = (p.error_in(self.language).strip().splitlines() or [""])[0]
            failed = text("tasks.failed", self.language, task=p.last, error=first)
            print(f"\r{failed}\033[K", file=self.stream)
        last = p.done == p.total
        if not (last or p.error or p.done == 0 or p.elapsed - self._shown >= self.every):
            return
        self._shown = p.elapsed
        # the stage padded by the terminal columns it takes, a Chinese character two
        stage = pad(named("tasks", p.stage, self.language), 10)
        line = "\r" + stage + text("tasks.line", self.language, done=p.done, total=p.total,
                                    failed=p.failed, elapsed=p.elapsed)
        print(line, end="\n" if last else "", file=self.stream, flush=True)
        if last:
            self._shown = -1.0
