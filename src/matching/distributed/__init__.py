"""Scale out on Dask distributed: scenario sweeps, no-show robustness and many centers.

Every run is one task: a pure function (:func:`matching.scenario.run_scenario`) of plain
data (the workbook's tables, a scenario, search settings) that returns a small
:class:`~matching.scenario.RunResult` (plan tables and KPIs), never a solver object. The
workbook's tables are sent to every worker once (``client.scatter(..., broadcast=True)``)
and CP-SAT runs one search worker per task, so a cluster of N single-threaded workers
runs N plans at a time without oversubscribing its cores. A run that fails (a bad
scenario, an infeasible problem, an exception, a worker that died) is a row with its
error; the others still complete.

Where tasks run
---------------
``run_sweep(..., scheduler=None)`` starts a ``LocalCluster`` sized to the machine (one
single-threaded worker process per core, on 127.0.0.1) and closes it afterwards;
``scheduler="tcp://host:8786"`` uses an existing cluster (``dask scheduler`` and
``dask worker`` processes, each worker with this package installed); ``client=`` reuses
a client across calls (``with connect(n_workers=2) as client: ...``);
``scheduler="synchronous"`` runs the same tasks in this process, one after another.

Sweep files
-----------
A sweep file (YAML or JSON; see ``data/sweeps/``) names what to run on one workbook.
Every key is optional, but there must be something to run (``scenarios``, ``grid`` or
``no_shows``)::

    name: camp-robustness            # labels the sweep (default: the file name)
    description: ...
    select:                          # plan only part of the workbook:
      start: 2023-07-01              #   activities whose whole window lies in [start, end]
      end: 2023-08-31
      theme: Q3                      #   of this theme
      series: S-CAMP                 #   of this series (the horizon shrinks to them)
    solver:                          # search settings of every run
      time_limit: 5                  #   seconds per run (default 10)
      seed: 0                        #   CP-SAT seed (default 0; one worker per run)
      patience: 2                    #   stop a stage after 2 s without improvement
    baseline: false                  # true: plan the selected workbook first and re-plan
                                     #   every scenario from it with minimal change
    scenarios:                       # scenarios to run, each planned separately:
      - ../scenarios/typhoon-muifa.yaml     # a scenario file, relative to this file
      - name: hall closed                   # or inline, as in a scenario file
        changes:
          - {kind: close_room, room_id: hall, start: "2023-07-03", end: "2023-07-05"}
    grid:                            # one scenario per combination of the values:
      base: ../scenarios/x.yaml      #   changes every grid point starts from (optional)
      attendance: [1, 1.5, 2]        #   every expected attendance times the factor
      weight_fairness: [0, 5, 20]    #   weight.<term> of the objective
      closed:                        #   any other name: a change (or a list of changes)
        - {kind: close_room, room_id: studio, start: "2023-07-10", end: "2023-07-14"}
        - {kind: close_room, room_id: hall, start: "2023-07-10", end: "2023-07-14"}
    no_shows:                        # robustness draws:
      probability: [0.1, 0.2]        #   each volunteer does not show with this probability
      draws: 50                      #   draws per probability
      seed: 0                        #   draw k uses numpy.random.default_rng(seed + k)
      mode: fixed                    #   fixed: take the no-shows' seats out of the
                                     #   baseline plan and measure the understaffing;
                                     #   replan: plan each draw as a scenario of
                                     #   volunteer_gone changes
      start: "2023-07-10"            #   optional window: no-shows only then (replan:
      end: "2023-07-14"              #   volunteer_unavailable changes for the window)
      # history: ledger/hours.csv    #   optional: last year's no-shows (hours.csv of
                                     #   `matching ledger`, relative to this file); the
                                     #   probability is then an average, scaled per
                                     #   volunteer by their record shrunk towards their
                                     #   team's and everyone's

Quote times and dates with times (``"2023-07-10 08:30"``); values stay text until each
key reads them, as in scenario files. A file that cannot be used is rejected with every
problem at once (:class:`SweepFileError`), each naming the key.

Results
-------
:class:`SweepResult` holds ``results`` (one row per run: ``group``, ``scenario``,
``status``, ``error``, draw facts, then the run's KPIs or robustness measures) and
``summary`` (per group and KPI: ``runs``, ``mean``, ``q05``, ``q50``, ``q95``).
Draws against a fixed plan measure ``no_shows``, ``seats_lost``, ``sessions``,
``sessions_understaffed``, ``understaffed_share`` (scheduled sessions with a role below
its ``min``), ``seats_short`` and ``seats_short.<role>`` (seats missing to reach ``min``).

Many centers
------------
:func:`run_batch` plans a folder of workbooks (one per center: subfolders of CSV files or
``.xlsx`` files) and returns :class:`BatchResult`: a status table and KPI tables with one
row per center. :func:`write_district` writes a district of small synthetic centers to
try it on.

From the command line::

    python -m matching sweep data/qianjin-2023 data/sweeps/camp-robustness.yaml --out out/camp
    python -m matching batch district/ --out out/district --scheduler tcp://127.0.0.1:8786
"""

from .batch import (
    KPI_TABLES,
    BatchResult,
    find_workbooks,
    kpi_table,
    run_batch,
    split_kpis,
    write_district,
)
from .engine import (
    SYNCHRONOUS,
    Failure,
    Shared,
    Task,
    TaskProgress,
    TextProgress,
    check_workers,
    connect,
    dashboard_link,
    describe,
    run_tasks,
    share,
    using,
)
from .robustness import (
    draw_no_shows,
    evaluate_no_shows,
    no_show_changes,
    plan_seats,
    staffing_needs,
)
from .spec import NoShows, Selection, SweepFileError, SweepSpec, load_sweep
from .sweeps import SweepResult, run_sweep, summarise

__all__ = [
    "KPI_TABLES",
    "SYNCHRONOUS",
    "BatchResult",
    "Failure",
    "NoShows",
    "Selection",
    "Shared",
    "SweepFileError",
    "SweepResult",
    "SweepSpec",
    "Task",
    "TaskProgress",
    "TextProgress",
    "check_workers",
    "connect",
    "dashboard_link",
    "describe",
    "draw_no_shows",
    "evaluate_no_shows",
    "find_workbooks",
    "kpi_table",
    "load_sweep",
    "no_show_changes",
    "plan_seats",
    "run_batch",
    "run_sweep",
    "run_tasks",
    "share",
    "split_kpis",
    "staffing_needs",
    "summarise",
    "using",
    "write_district",
]
