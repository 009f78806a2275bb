"""Solving in stages, anytime: a first plan at once, then tier by tier, never worse.

One weighted model of everything can stall before its first plan on a large workbook,
so the search works in steps, each given the time that is really left:

1. **start**: complete the hint, the baseline, the first-fit plan and its variant that
   gives each activity the start where its crew is fullest (:func:`greedy_plan`'s
   ``fullest``) into solutions of the model (their decisions fixed, CP-SAT filling in
   the rest in well under a second);
   when first fit leaves a ``must`` activity out (a tight workbook), its timetable is
   rearranged, the activities in the way of a left-out one moved out to be placed
   again (:mod:`.ejection`), and if that leaves some out still, first fit runs again
   with the left-out activities taken earlier (:mod:`.squeaky`); when no plan
   completes still, a repair search gets the time left: the rule groups may break and
   CP-SAT minimises how many do, from the nearest first-fit plan completed as far as it
   goes;
2. **schedule**, **staffing**, **soft**: minimise each tier in turn with the earlier tiers
   held at or below the best plan's values, hinted with that plan, on larger workbooks
   partly neighbourhood by neighbourhood (:mod:`.neighbourhoods`). A stage that finds
   nothing better passes its time on; when later stages finish early and an earlier one
   is not proven optimal, the search goes round again until every tier is proven or the
   time is up.

Every solution is offered to an :class:`~matching.solver.incumbent.Incumbent`, which
keeps only a lexicographically better plan, so the plan returned is never worse than
the hint, the baseline, first fit or any stage's result.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model, cp_model_helper

from .. import explain
from ..greedy import greedy_plan
from ..i18n import Message, say
from ..plan import Plan
from ..problem import Problem
from .clock import Clock
from .conflicts import minimal_conflict
from .cpsat import new_solver
from .ejection import ejection_search
from .incumbent import Incumbent, hint_vector, read_candidate
from .model import PlanModel
from .monitor import Heartbeat, Monitor, ProgressCallback
from .neighbourhoods import Neighbourhoods, Tune, call_seconds, neighbourhood_search, solve_part
from .objective import Objective
from .pins import broken_pins, check_pins
from .result import STAGES, StageResult, empty_plan, plan_of_record, to_plan
from .settings import Pin, Progress, SolverSettings
from .side_by_side import LATER_WORK, Run, never_worse, solve_side_by_side, stop_all
from .squeaky import left_out, squeaky_wheel

StopSignal = threading.Event | Callable[[], bool]
#: Tier values are sums of bounded penalties; this bounds them for the tier variables.
_TIER_RANGE = 2**40
#: Share of the soft stage's time a single worker gives the proving LP search first.
_PROVING_SHARE = 0.25
#: Share of the rest a single worker gives the seats alone last (:meth:`_Search._reseat`).
_RESEATING_SHARE = 0.15
#: CP-SAT's deterministic time for loading and lightly presolving a model, per variable:
#: the 10x year's 154,000 variables take 1.5-2.5 s a step on one core, 0.46 of work,
#: counted at the clock's slowdown (:func:`~matching.solver.clock.slowdown`) as 0.81, or
#: 2.7 s at :data:`~matching.solver.clock.WORK_PER_SECOND`.
_LOAD_WORK_PER_VARIABLE = 3e-6
#: The share of booleans a model's presolve must fix at the root for probing to be kept
#: (see :meth:`_Search._interleave_lightly`).
_PROBING_PAYS = 0.01
#: A large model's whole-model search is tried again only with at least this many times
#: the longest time it already ended in without loading (see :meth:`_Search._search_stage`).
_RELOAD_FACTOR = 2
#: How much each stage's share of the time left weighs (see :meth:`_Search.improve`).
_STAGE_WEIGHT = {1: 4, 2: 2, 3: 1}
#: The share of the time left the rounds of the fullest crews' start may take when a
#: plan is in hand (:meth:`_Search.start_from_fullest_crews`): a meeting schedule of 361
#: meetings in 6 rooms needs three rounds, 1.6 s; at 10 s on two workers a tenth left
#: 345 preferred seats empty, a quarter 6.
_FULLEST_ROUNDS_SHARE = 1 / 4
#: Wall seconds a proof of conflict found at the time limit may still take to name the
#: rules that conflict: its minimal subset had no wall cap but its work, and a repeatable
#: search whose first fit's rounds had spent wall time that is not work ended 5-7 s
#: past a 10-s limit (a 400-event week that no timetable completes).
_CONFLICT_GRACE = 0.5


class _Search:
    """One call of :func:`solve`: the model, the clock, the best plan in hand."""

    def __init__(self, problem: Problem, settings: SolverSettings, started: float,
                 on_progress: ProgressCallback | None, should_stop: Callable[[], bool],
                 baseline: Plan | None, heartbeat: Heartbeat | None = None,
                 checkpoint: Callable[[], None] = lambda: None) -> None:
        """Build the model; ``checkpoint`` may end the building by raising (see
        :class:`~matching.solver.model.PlanModel`)."""
        self.problem, self.settings, self.started = problem, settings, started
        self.heartbeat = heartbeat or Heartbeat(None, started, 0)
        self.on_progress = None if on_progress is None else self._with_plan(on_progress)
        self.should_stop = should_stop
        self.pm = pm = PlanModel(problem, settings.pins, checkpoint)
        self.objective = Objective(pm, problem.weights(settings.weights), baseline)
        checkpoint()
        pm.checkpoint = lambda: None  # built: the search keeps to its clock from here
        _set_domains(pm.model, pm.assumption_literals(), 1)  # every rule group holds
        self.tiers = []
        self.floors = []  # the least each tier can be, from its variables' domains alone
        for number, name in STAGES:
            var = pm.model.new_int_var(-_TIER_RANGE, _TIER_RANGE, f"tier[{name}]")
            definition = pm.model.add(var == self.objective.tier(number))
            self.tiers.append(var)
            self.floors.append(_least_value(pm.model, definition, var))
        self.clock = Clock(settings.time_limit, settings.repeatable, started,
                           settings.work_limit, len(pm.model.proto.variables))
        self.incumbent = Incumbent()
        self.neighbourhoods = _neighbourhoods_for(pm, settings)
        self.results: dict[int, StageResult] = {}
        self.proven: dict[int, tuple[int, ...]] = {}  # stage -> tiers[:stage] it holds for
        self.solutions = 0
        self.user_stopped = False
        #: the share of its booleans the last whole-model search fixed at its root
        self.fixed_at_root = 0.0
        #: the longest whole-model search that ended without even the hinted plan: on a
        #: large model a visit given less than twice that is left to the neighbourhoods;
        #: on a mid-sized one every later whole-model search presolves without probing
        #: (an ITC 2007 week of 434 lectures spent 5.6 s of its soft stage's 9 s probing,
        #: 2.6 s of the next: soft tier 3,356-3,405 at 10 s, 3,132-3,267 without)
        self.whole_out_of_reach = 0.0

    # -- the clock ---------------------------------------------------------------------
    def remaining(self) -> float:
        return self.clock.remaining()

    def stopped(self) -> bool:
        """Whether the user asked the search to stop."""
        if not self.user_stopped and self.should_stop():
            self.user_stopped = True
        return self.user_stopped

    def done(self) -> bool:
        return self.stopped() or self.remaining() <= 0

    # -- running CP-SAT ----------------------------------------------------------------
    def _run(self, model: cp_model.CpModel, stage: str, seconds: float,
             tune: Tune | None = None, report: bool = True, least_work: float = 0.0,
             floor: float = -math.inf
             ) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus, Monitor]:
        """Solve ``model`` for at most ``seconds``, watching for Stop and patience;
        solutions are reported to ``on_progress`` when ``report``, their bound at least
        ``floor``; the call counts as at least ``least_work`` on a repeatable clock. A
        repeatable search with two workers runs two searches side by side and returns
        the one :mod:`.side_by_side` chooses."""
        on_progress = never_worse(self.on_progress if report else None)
        solvers = [self._solver(number, seconds, tune)
                   for number in range(len(self.settings.search_seeds))]
        for later in solvers[1:]:  # the first's wall-time cap, to the microsecond
            later.parameters.max_time_in_seconds = solvers[0].parameters.max_time_in_seconds
        runs = [Run(solver, Monitor(stage, self.started, on_progress, floor))
                for solver in solvers]
        finished = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(runs, finished), daemon=True)
        watcher.start()
        try:
            chosen = solve_side_by_side(model, runs)
        finally:
            finished.set()
            watcher.join()
        # a cut run's work and solutions depend on when it was stopped: not counted
        ended = [run for run in runs if not run.cut]
        self.clock.spend([run.solver for run in ended], least_work)
        self.solutions += sum(run.monitor.solutions for run in ended)
        if chosen.status == cp_model.MODEL_INVALID:  # a bug here, not a fact about the workbook
            raise RuntimeError(f"the {stage} model is invalid: {model.validate()}")
        return chosen.solver, chosen.status, chosen.monitor

    def _solver(self, number: int, seconds: float, tune: Tune | None) -> cp_model.CpSolver:
        """The solver of search ``number`` of a call (0: the first): ``seconds`` on the
        clock (a later search, :data:`LATER_WORK` of their work), ``tune``d; its log
        lines say which search they come from when there are several."""
        solver = new_solver(self.settings.search_workers, self.settings.search_seeds[number])
        parameters = solver.parameters
        self.clock.limit(parameters, seconds)
        if number and self.clock.repeatable:
            parameters.max_deterministic_time *= LATER_WORK
        parameters.max_presolve_iterations = 1  # every visit presolves again: keep it short
        if tune:
            tune(parameters)
        log = self.settings.log
        if log:
            parameters.log_search_progress = True
            parameters.log_to_stdout = False
            solver.log_callback = log
            if len(self.settings.search_seeds) > 1:
                solver.log_callback = functools.partial(_labelled, log, f"[search {number + 1}] ")
        return solver

    def _watch(self, runs: list[Run], finished: threading.Event) -> None:
        """Stop the searches when asked to, or when none has improved for the patience."""
        patience = self.settings.no_improvement_seconds
        while not finished.wait(0.05):
            if self.should_stop():
                self.user_stopped = True
                break
            if patience and any(run.monitor.solutions for run in runs) and (
                    time.monotonic() - max(run.monitor.last_improvement for run in runs)
                    > patience):
                break
        stop_all(runs, finished)

    def offer(self, solver: cp_model.CpSolver, source: str) -> bool:
        candidate = read_candidate(self.pm, self.tiers, solver.response_proto.solution, source)
        return self.incumbent.offer(candidate)

    def _with_plan(self, on_progress: ProgressCallback) -> ProgressCallback:
        """``on_progress`` with the best plan in hand said in a coordinator's terms:
        activities scheduled and seats short of their target."""
        def report(progress: Progress) -> None:
            best = self.incumbent.best
            if best is not None:
                staffing = self.objective.weights.get("staffing", 0)
                progress = dataclasses.replace(
                    progress, scheduled=len(best.acts), activities=len(self.problem.activities),
                    seats_short=best.tiers[1] // staffing if staffing else None)
            on_progress(progress)
        return report

    def _report_start(self) -> None:
        if self.incumbent.best is None:
            return
        self.heartbeat.stop()  # no beat after the first plan's progress
        if self.on_progress:
            self.on_progress(Progress("start", float(self.incumbent.best.tiers[0]), None, None,
                                      time.monotonic() - self.started, self.solutions))

    # -- step 1: a first plan ----------------------------------------------------------
    def start_from(self, plans: list[Plan]) -> None:
        """Offer each plan, completed to a solution of the model, to the incumbent.

        Only the decisions of the activities a plan schedules are fixed; the others stay
        free, so a first-fit plan that left a ``must`` activity out can still complete
        when there is room for it. Completing takes a fraction of a second even on large
        workbooks, where a search from a partial hint may take minutes.
        """
        for plan in plans:
            # the first plan may take a step's time past a shorter limit: a plan a little
            # late is worth more than none (the 10x year's first fit takes 2-3 s to
            # complete; with a second's grace a 5 s limit ended without a plan)
            grace = (call_seconds(self.pm.model)
                     if self.incumbent.best is None and self.heartbeat.missing else 0.0)
            left = max(self.remaining(), grace)
            if left <= 0 or self.stopped():
                break
            model = self.pm.model.clone()
            _hint_decisions(self.pm, model, plan)
            tune = functools.partial(_fix_hinted, grace=grace)
            solver, status, _ = self._run(model, "start", left, tune, report=False)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                self.offer(solver, plan.meta.get("method", "hint"))
        self._report_start()

    def start_from_fullest_crews(self) -> None:
        """Offer first fit that gives each activity the start where its crew is fullest
        (:func:`~matching.greedy.greedy_plan`'s ``fullest``), in squeaky-wheel rounds
        while it leaves a ``must`` activity out (:mod:`.squeaky`; its fuller crews take
        people that activities placed later need), for at most a tenth of the time
        left, or :data:`_FULLEST_ROUNDS_SHARE` of it when a plan is in hand already (the
        searches for a timetable need the rest when there is none); dropped if the
        rounds leave one out still. Where every role's ``min`` is its ``target`` every
        crew is as full as first fit's, and nothing is tried.

        Where people are busy elsewhere, the start that first fit takes is seldom the one
        most of them can come to, and CP-SAT moves few of those starts on a large model:
        after 30 s on two workers, 1,235 of 4,028 preferred seats of a meeting schedule
        of 800 meetings stayed empty (first fit: 1,602); this start leaves none empty
        (``benchmarks/README.md``). The first plan is made whatever the clock, as first
        fit is (it takes no longer); only the rounds are timed, so that a repeatable
        search is said to be cut short only when they were."""
        if (all(role.min == role.target for role in self.problem.roles) or self.stopped()
                or self.remaining() <= 0):
            return
        first = greedy_plan(self.problem, fullest=True)
        share = _FULLEST_ROUNDS_SHARE if self.incumbent.best is not None else 1 / 10
        plan = first if not left_out(self.problem, first) else self._by_the_clock(
            lambda seconds: squeaky_wheel(self.problem, first, seconds, self.stopped,
                                          fullest=True), share)
        if not left_out(self.problem, plan):
            self.start_from([plan])

    def rearrange(self, first_fit: Plan, near: Plan | None) -> Plan:
        """A timetable rearranged (:mod:`.ejection`, for at most half the time
        left): ``near``'s (the baseline or hint, when given: a re-plan then moves little
        of it), else first fit's; then, when that still leaves a ``must`` activity out,
        first fit again and again with the left-out ones taken earlier (:mod:`.squeaky`,
        for at most half the time left). The plan leaving the fewest out is offered when
        it leaves none out, and returned as the repair search's start otherwise.

        On the 32 full curriculum weeks of ``benchmarks/shapes.py --only full``, which
        first fit and its rounds cannot complete, the first plan now comes within 0.7 s
        (the repair search took up to 10 s, and found none for one week), and on a
        195-lecture week that the repair search could not complete in 20 s, within 0.7 s
        too (``benchmarks/README.md``)."""
        start = near or first_fit
        plan = self._by_the_clock(
            lambda seconds: ejection_search(self.problem, start, seconds, self.settings.seed,
                                            self.stopped, self.settings.pins,
                                            near=near is not None), 1 / 2)
        if plan is start:
            plan = first_fit
        if left_out(self.problem, plan):
            rounds = self._by_the_clock(
                lambda seconds: squeaky_wheel(self.problem, first_fit, seconds, self.stopped),
                1 / 2)
            plan = min((plan, rounds), key=lambda p: len(left_out(self.problem, p)))
        self.heartbeat.missing = len(left_out(self.problem, plan))
        if plan is not first_fit and not left_out(self.problem, plan):
            self.start_from([plan])
        return plan

    def _by_the_clock(self, search: Callable[[float], Plan], share: float) -> Plan:
        """``search`` given ``share`` of the wall time left. These searches count steps,
        not work: one that its wall time ends has done fewer steps than on a faster
        machine, and the plan of a repeatable search may then differ from run to run."""
        seconds = self.clock.wall_left() * share
        began = time.monotonic()
        plan = search(seconds)
        if time.monotonic() - began >= seconds and not self.stopped():
            self.clock.wall_cut = True
        return plan

    def find_first(self, hint: Plan) -> list[Message] | None:
        """Search for a plan when no start plan completes, until one is found, the rules
        are proven to conflict (their sentences are returned) or the time is up.

        The rule groups (``must`` activities, role minimums, limits, pins) may break in
        this search, and it minimises how many do, from ``hint`` completed as it can be:
        CP-SAT then starts from a near plan and repairs it, which on tight weeks finds a
        plan several times sooner than a search for any plan from scratch. A plan with
        no group broken is a plan of the real model.

        A repeatable search that spends its work budget here goes on in wall time
        (:meth:`~matching.solver.clock.Clock.left_for_a_first_plan`): the plan found
        then is returned as the repair search left it, with no time for the stages."""
        lits = self.pm.assumption_literals()
        relaxed = self.pm.model.clone()
        _set_domains(relaxed, lits, 0, 1)
        relaxed.minimize(sum(1 - lit for lit in lits))
        _hint_decisions(self.pm, relaxed, hint)
        solver, status, _ = self._run(relaxed, "start",
                                      max(self.clock.left_for_a_first_plan(), 0.01),
                                      _fix_hinted, report=False)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            hint_vector(relaxed, solver.response_proto.solution)
        while (self.incumbent.best is None and not self.stopped()
               and (left := self.clock.left_for_a_first_plan()) > 0):
            solver, status, _ = self._run(relaxed, "start", left, self._repair_tune(),
                                          report=False)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                if round(solver.objective_value) == 0:
                    self.offer(solver, "repair")
                    break
                hint_vector(relaxed, solver.response_proto.solution)
            if status == cp_model.INFEASIBLE or (status == cp_model.OPTIMAL
                                                 and solver.objective_value > 0):
                # the groups that a plan breaking as few as possible broke
                broken = [] if status == cp_model.INFEASIBLE else [
                    lit.index for lit in lits if not solver.response_proto.solution[lit.index]]
                conflicts = minimal_conflict(
                    self.core_model(), self.pm.assumptions, self.settings,
                    budget=min(10.0, max(1.0, self.clock.left_for_a_first_plan())),
                    given_way=[self.pm.assumptions[i] for i in broken],
                    wall=max(_CONFLICT_GRACE, self.clock.wall_left()))
                return conflicts + explain.what_binds(self.problem, conflicts)
        self._report_start()
        return None

    def _repair_tune(self) -> Tune:
        """The repair search's presolve is a neighbourhood's light one: the passes that
        pay on a whole model cost seconds here for little, the model being the real one
        with every rule group free to break. One worker also runs CP-SAT's portfolio
        taking turns on its thread, the neighbourhood searches among them: its plain
        search alone dwells near the hint. On full curriculum weeks that first fit and
        its rounds cannot complete (two draws, 61 weeks, 10 s, a week without a plan
        counted at 10 s; ``benchmarks/README.md``): one worker found plans for 58
        against 55, the first at 1.6 s on average against 2.3 s; two racing workers
        for 61 against 60, at 1.0 s against 1.4 s."""
        if self.settings.search_workers == 1:
            return self._interleave_lightly
        return _light_presolve

    def core_model(self) -> cp_model.CpModel:
        """The model with every rule group's assumption literal free again, for
        explaining infeasibility: copied only when it is needed, not held through every
        search (the 10x year's: 74 MB of the search's 1.37 GB at most)."""
        model = self.pm.model.clone()
        _set_domains(model, self.pm.assumption_literals(), 0, 1)
        return model

    # -- step 2: tier by tier ----------------------------------------------------------
    def improve(self) -> None:
        """Visit the stages not yet proven optimal, in tier order, sharing the time left
        among them, until all are proven, the time is up, or (with a patience) a whole
        round brought nothing.

        Racing workers on a model that is not large give an earlier tier, which weighs
        more, a larger share (:data:`_STAGE_WEIGHT`; meeting days at 30 s: 1 and 0
        preferred seats left empty with 50 and 800 meetings, against 2-3 and 12 with
        equal shares). Large models share equally: there the schedule stage can stall
        unproven for most of its share (the 10x year: staffing 207 seats short, against
        62). So does a repeatable search, whose plans stay as they were."""
        large = self.neighbourhoods is not None and self.neighbourhoods.large
        weighted = not self.settings.repeatable and not large
        while not self.done():
            pending = [(n, name) for n, name in STAGES if not self.is_proven(n)]
            if not pending:
                return
            progressed = False
            for index, (number, name) in enumerate(pending):
                if self.done():
                    return
                if self.is_proven(number):
                    continue
                weights = [_STAGE_WEIGHT[n] if weighted else 1 for n, _ in pending[index:]]
                share = self.remaining() * weights[0] / sum(weights)
                progressed |= self._stage(number, name, share)
            if not progressed and self.settings.no_improvement_seconds:
                return

    def is_proven(self, number: int) -> bool:
        best = self.incumbent.best
        return best is not None and self.proven.get(number) == best.tiers[:number]

    def _stage(self, number: int, name: str, seconds: float) -> bool:
        """Minimise tier ``number`` with the earlier tiers held at the best plan's values;
        True when the visit improved the plan or proved the tier optimal.

        A tier at the least it can be (:meth:`at_floor`) is proven without a search, and
        proven the moment a visit brings it there: the visit's neighbourhoods stop, and
        the next stage knows the earlier tiers are done (the year on one worker at 10 s:
        the soft stage then gets the rest of the time as one interleaved search, soft
        tier 335 against 988 when the staffing tier, at 0 seats short, still counted as
        unproven)."""
        if self.at_floor(number):  # nothing to search for
            return self._proven_at_floor(number, name)
        improved = self._search_stage(number, name, seconds)
        if self.at_floor(number):
            self._proven_at_floor(number, name)
        return improved

    def at_floor(self, number: int) -> bool:
        """Whether the best plan's tier ``number`` is the least that tier can be."""
        best = self.incumbent.best
        return best is not None and best.tiers[number - 1] <= self.floors[number - 1]

    def _search_stage(self, number: int, name: str, seconds: float) -> bool:
        """One visit's search of tier ``number``. On workbooks with more than a few
        dozen activities part of the time goes to neighbourhood search: after the
        whole-model search on mid-sized models (which proves bounds), before it on large
        ones (whose whole model CP-SAT may not even finish presolving in a stage's
        time). Once a large model's whole-model search has ended without even the
        hinted plan, a visit that would give it less than twice that time gives all of
        it to the neighbourhoods (the 10x year at 60 s on two workers: staffing tier 92
        and 21 seats short with seeds 0 and 1, against 107 and 83 while each stage's
        whole model took its 3-4 s for nothing; with "no more time" instead of "less
        than twice", the three stages' first visits each took their 3.5 s)."""
        neighbourhoods = self.neighbourhoods
        if neighbourhoods is None:
            return self._whole(number, name, seconds)
        if (number == 3 and self.settings.search_workers == 1 and not neighbourhoods.large
                and self.is_proven(1) and self.is_proven(2)):
            return self._soft_on_one_worker(name, seconds)
        repair = seconds * neighbourhoods.share
        if neighbourhoods.large:
            if seconds - repair < _RELOAD_FACTOR * self.whole_out_of_reach:  # it would not load
                return self._repair(number, name, seconds)
            improved = self._repair(number, name, repair)
            if self.at_floor(number):
                return improved
            return self._whole(number, name, seconds - repair) or improved
        improved = self._whole(number, name, seconds - repair)
        if not self.is_proven(number):
            improved |= self._repair(number, name, repair)
        return improved

    def _soft_on_one_worker(self, name: str, seconds: float) -> bool:
        """The soft stage of a mid-sized model on one worker once the earlier tiers are
        proven, so that it has the rest of the time in one visit: a quarter of it to the
        LP search that proves small models optimal at once, the rest to CP-SAT's whole
        portfolio run on the one thread in turn (:meth:`_interleave`), whose own
        neighbourhoods then improve a plan several times faster than ours, each of which
        pays for a presolve of the whole model (the year at 10 s: soft tier 171, against
        388 with our neighbourhoods and 249 with the LP search alone), and its last
        :data:`_RESEATING_SHARE` to :meth:`_reseat`. The portfolio is slow to start, so
        it does not pay in the short visits of a search that still goes round the
        stages (the 2x year, staffing unproven: 3,664 against 1,150 at 40 s)."""
        until = self.remaining() - seconds
        proving = seconds * _PROVING_SHARE
        improved = self._whole(3, name, proving)
        if not self.is_proven(3) and not self.done():
            tune = (self._interleave if self.fixed_at_root >= _PROBING_PAYS
                    else self._interleave_lightly)
            whole = (self.remaining() - until) * (1 - _RESEATING_SHARE)
            improved |= self._whole(3, name, whole, tune)
        if not self.is_proven(3) and not self.done():
            improved |= self._reseat(name, self.remaining() - until)
        return improved

    def _reseat(self, name: str, seconds: float) -> bool:
        """The seats of every activity at once, every start and room held, searched by
        the interleaved portfolio; True when the plan improved. The whole model's
        neighbourhoods free starts and rooms as well and leave who staffs a series
        (``series_people``) slow to improve; with the schedule held the year's model
        presolves to 4,000 variables from 14,000 and its neighbourhoods re-staff more a
        second (at 20 s: soft tier 136 against 139, where the whole model stays at
        138-139 up to 40 s; the 2x year at 10 s: 1,336 against 1,538)."""
        assert self.neighbourhoods is not None
        _, better = solve_part(self, self.neighbourhoods, 3, set(self.pm.acts), seconds,
                               "seats", self._interleave_lightly)
        if better:
            self._record_part(3, name, improved=True, report=True)
        return better

    def _proven_at_floor(self, number: int, name: str) -> bool:
        best = self.incumbent.best
        assert best is not None
        value = best.tiers[number - 1]
        self.results[number] = StageResult("OPTIMAL", value, value, best.tiers[:number - 1])
        self.proven[number] = best.tiers[:number]
        if self.on_progress:
            self.on_progress(Progress(name, value, value, 0.0, time.monotonic() - self.started,
                                      self.solutions))
        return True

    def _whole(self, number: int, name: str, seconds: float, tune: Tune | None = None
               ) -> bool:
        """One CP-SAT search of the whole stage model (with the stage's strategies unless
        ``tune`` is given); records the stage's outcome."""
        previous = self.results.get(number)  # an earlier visit's, or its neighbourhoods'
        held = self._held_bound(number)
        tune = tune or self._tune_for(number)
        if self.whole_out_of_reach and not (self.neighbourhoods and self.neighbourhoods.large):
            tune = _without_probing(tune)  # a large model's visits go to neighbourhoods
        solver, status, monitor = self._run(
            self.stage_model(number), name, seconds, tune,
            floor=-math.inf if math.isnan(held) else held)
        response = solver.response_proto
        self.fixed_at_root = response.num_fixed_booleans / max(1, response.num_booleans)
        if status == cp_model.UNKNOWN:  # not even the hinted plan: the time ran out loading
            self.whole_out_of_reach = max(self.whole_out_of_reach, seconds)
        improved, bound, outcome = False, held, "NOT_IMPROVED"
        if previous is not None:
            outcome = previous.status
        caps = self._caps(number)  # this run's, before its plan is offered
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            improved = self.offer(solver, name)
            # an earlier visit's bound holds where its caps were no tighter than these
            bound = max(solver.best_objective_bound, bound) if not math.isnan(bound) else (
                solver.best_objective_bound)
            outcome = solver.status_name(status)
        best = self.incumbent.best
        assert best is not None
        value = best.tiers[number - 1]
        if status == cp_model.OPTIMAL and round(solver.objective_value) == value:
            self.proven[number] = best.tiers[:number]
            improved = True
        self.results[number] = StageResult(outcome, value, bound, caps)
        if self.on_progress and outcome != "NOT_IMPROVED":
            self.on_progress(monitor.progress(float(value), None if math.isnan(bound)
                                              else bound))
        return improved

    def _repair(self, number: int, name: str, seconds: float) -> bool:
        """Neighbourhood search on tier ``number``."""
        assert self.neighbourhoods is not None

        def report(better: bool) -> None:
            if better:
                self._record_part(number, name, improved=True, report=True)

        improved = neighbourhood_search(self, self.neighbourhoods, number, seconds,
                                        self.settings.no_improvement_seconds, report)
        self._record_part(number, name, improved, report=False)
        return improved

    def _record_part(self, number: int, name: str, improved: bool, report: bool) -> None:
        """Record (and with ``report``, report) stage ``number`` at the best plan's value
        after a search of part of its model: the stage keeps its last proven bound and
        status (a part's own bound holds for it alone)."""
        best = self.incumbent.best
        assert best is not None
        value = best.tiers[number - 1]
        last = self.results.get(number)
        bound = self._held_bound(number)
        status = last.status if last else "FEASIBLE" if improved else "NOT_IMPROVED"
        self.results[number] = StageResult(status, value, bound,
                                           last.caps if last else self._caps(number))
        if report and self.on_progress:
            self.on_progress(Monitor(name, self.started, None).progress(
                float(value), None if math.isnan(bound) else bound))

    def _caps(self, number: int) -> tuple[int, ...]:
        """The earlier tiers' caps of stage ``number`` now: the best plan's values."""
        best = self.incumbent.best
        assert best is not None
        return best.tiers[:number - 1]

    def _held_bound(self, number: int) -> float:
        """The bound stage ``number`` proved on an earlier visit, where it still holds
        under the caps of now (:meth:`StageResult.bound_under`); NaN if none does."""
        last = self.results.get(number)
        return math.nan if last is None else last.bound_under(self._caps(number))

    def stage_model(self, number: int) -> cp_model.CpModel:
        """The model that minimises tier ``number`` with the earlier tiers held at or
        below the best plan's values, hinted with that plan."""
        best = self.incumbent.best
        assert best is not None
        model = self.pm.model.clone()
        for earlier in range(number - 1):
            model.add(self.tiers[earlier] <= best.tiers[earlier])
        model.minimize(self.tiers[number - 1])
        self.incumbent.hint(model)
        return model

    def run_step(self, model: cp_model.CpModel, seconds: float, tune: Tune | None = None
                 ) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
        """Solve a neighbourhood (its bounds are local: not reported) with a light presolve
        (:func:`_light_presolve`) unless ``tune`` says otherwise. The step counts on a
        repeatable clock as at least the work of loading the whole model, which CP-SAT
        hardly counts: without that floor the stage that takes the steps never passes
        the time on (the 10x year on one worker: every second of a 60 s search went to
        the schedule stage, whose steps of about 2 s counted as 0.03-0.1 s each)."""
        least = len(model.proto.variables) * _LOAD_WORK_PER_VARIABLE
        solver, status, _ = self._run(model, "neighbourhood", seconds,
                                      tune or _light_presolve, report=False, least_work=least)
        return solver, status

    def _tune_for(self, number: int) -> Tune | None:
        """The strategies of stage ``number``'s whole-model search: :meth:`_tune`, except
        where CP-SAT's defaults were measured to do better:

        - the staffing stage of a model that is not large searched by two workers keeps
          the default portfolio: its primal search fills seats sooner (meeting days of 43
          meetings at 30 s: 1-2 preferred seats lost against 2-3), while on large models
          the LP workers staff better (5x year: 33 seats short against 59);
        - one worker keeps the default linearization before the soft stage: the full LP
          solves thousands of small LPs there for little work (meeting days of 400 and
          800 meetings at 30 s: 82 and 67 preferred seats lost with it, 0 and 0 without;
          the year at 10 s: soft tier 196 against 335), and only the soft tier's bound
          needs it (the quarter is still proven optimal in 1 s)."""
        workers = self.settings.search_workers
        large = self.neighbourhoods is not None and self.neighbourhoods.large
        if (number == 2 and workers == 2 and not large) or (number < 3 and workers == 1):
            return None
        return self._tune

    def _tune(self, parameters: cp_model_helper.SatParameters) -> None:
        """The search strategies that prove these models' bounds on a small machine: the
        soft tier's bound comes from the LP relaxation, which CP-SAT's default two-worker
        portfolio barely runs. A repeatable search keeps the LP but not its cuts: they
        take seconds that CP-SAT counts as little work (a quarter's soft stage: 0.04
        work per second with them, 0.3 without), so a work budget would overrun its
        time limit. Without cuts the quarter ends 1 % worse, the fortnight is still
        proven at once."""
        if self.settings.search_workers == 1:
            parameters.linearization_level = 2
            if self.settings.repeatable:
                parameters.cut_level = 0
        elif self.settings.search_workers == 2:
            parameters.subsolvers.extend(["max_lp", "quick_restart"])

    @staticmethod
    def _interleave(parameters: cp_model_helper.SatParameters) -> None:
        """CP-SAT's portfolio on one thread, its searches taking turns (deterministic, so
        a repeatable search stays repeatable). Its full-model search is the plain LP one:
        with the heavier LP of :meth:`_tune` the first turn alone takes seconds on the
        year and no neighbourhood runs meanwhile."""
        parameters.interleave_search = True
        parameters.subsolvers.append("default_lp")

    @classmethod
    def _interleave_lightly(cls, parameters: cp_model_helper.SatParameters) -> None:
        """:meth:`_interleave` with a neighbourhood's light presolve, for a model whose
        presolve fixed almost nothing in the proving search before it (under
        :data:`_PROBING_PAYS` of its booleans, or none as it could not even load the
        model in its share): on timetabling weeks of one-slot lectures sharing cohorts
        probing takes 3 s of wall time for 0.2 of work and fixes 0-7 of some 20,000
        booleans, so the wall-clock cap cut a repeatable search before it searched
        (weeks of 381 and 353 lectures at 10 s: soft tier 704 and 740, where the search
        returned first fit's 1,008 and 878). On the year presolve fixes 5-7 % of the
        booleans and the search keeps probing (without: 225 against 196 at 10 s)."""
        cls._interleave(parameters)
        _light_presolve(parameters)

    def all_proven(self) -> bool:
        return all(self.is_proven(n) for n, _ in STAGES)


def solve(problem: Problem, settings: SolverSettings | None = None, *,
          on_progress: ProgressCallback | None = None, stop: StopSignal | None = None,
          hint: Plan | None = None, baseline: Plan | None = None) -> Plan:
    """Plan ``problem``: a start, a room and volunteers for every activity that fits.

    Parameters
    ----------
    problem
        A validated problem (see :func:`matching.load_problem`).
    settings
        Limits, workers, seed, weight overrides and pins.
    on_progress
        Called from the solver's thread with a :class:`Progress`, at most 4 times a
        second and at the end of each stage.
    stop
        An event (or a function returning True) that ends the search from another
        thread; the best plan found so far is returned.
    hint
        A previous plan to start the search from.
    baseline
        A plan to stay close to: switches on the ``stability_*`` terms (and serves as
        a starting plan too).

    Returns
    -------
    Plan
        The best plan found: never worse, tier by tier, than the hint, the baseline or
        the first-fit plan. ``status`` is OPTIMAL (every tier proven), FEASIBLE,
        INFEASIBLE (then ``conflicts`` names the rules that cannot all hold) or UNKNOWN
        (no plan found before the time limit or a Stop).

    Raises
    ------
    ValueError
        For pins the search cannot keep as given (:func:`~matching.solver.pins.check_pins`:
        an unknown activity, room, volunteer or role, a start off the slot grid, two pins
        on one activity), before any search.
    """
    settings = settings or SolverSettings()
    check_pins(problem, settings.pins)
    started = time.monotonic()
    heartbeat = Heartbeat(on_progress, started,
                          sum(a.priority == "must" for a in problem.activities))
    try:
        return _solve(problem, settings, started, heartbeat, on_progress, stop, hint, baseline)
    finally:
        heartbeat.stop()


def _solve(problem: Problem, settings: SolverSettings, started: float, heartbeat: Heartbeat,
           on_progress: ProgressCallback | None, stop: StopSignal | None, hint: Plan | None,
           baseline: Plan | None) -> Plan:
    """:func:`solve`, its heartbeat going until the first plan."""
    should_stop = stop.is_set if isinstance(stop, threading.Event) else (stop or (lambda: False))
    conflicts = broken_pins(problem, settings.pins) or explain.static_conflicts(
        problem, settings.pins)
    if conflicts:
        return empty_plan(problem, settings, "INFEASIBLE", started, conflicts)

    first_fit = greedy_plan(problem)  # before the model: a plan in hand if building is cut
    heartbeat.missing = len(left_out(problem, first_fit))
    in_hand = [p for p in (hint, baseline) if p] + [first_fit]

    def checkpoint() -> None:
        """End the building on a Stop, or at the time limit when first fit is a plan."""
        out_of_time = time.monotonic() - started >= settings.time_limit
        if should_stop() or (out_of_time and not heartbeat.missing):
            raise _BuildCut

    try:
        search = _Search(problem, settings, started, on_progress, should_stop, baseline,
                         heartbeat, checkpoint)
    except _BuildCut:
        stopped = should_stop()
        return _plan_in_hand(problem, settings, started, in_hand, baseline, stopped,
                             None if stopped else "the time limit ran out while the model "
                                                  "was being built")
    search.start_from(in_hand)
    search.start_from_fullest_crews()
    if search.incumbent.best is None and left_out(problem, first_fit):
        first_fit = search.rearrange(first_fit, baseline or hint)
    if search.incumbent.best is None:
        # repair the plan that leaves the fewest must activities out (the hint on a tie)
        starts = [p for p in (hint, baseline) if p] + [first_fit]
        proven_conflicts = search.find_first(min(starts, key=lambda p: len(left_out(problem, p))))
        if proven_conflicts is not None:
            return empty_plan(problem, settings, "INFEASIBLE", started, proven_conflicts,
                              search.clock.unrepeatable())
    best = search.incumbent.best
    if best is None:  # no time to complete a start into the model's terms
        return _plan_in_hand(problem, settings, started, in_hand, baseline,
                             search.user_stopped, search.clock.unrepeatable())
    search.improve()
    status = "OPTIMAL" if search.all_proven() else "FEASIBLE"
    plan = to_plan(problem, search.incumbent.best, settings, started, status, search.results,
                   search.user_stopped, search.solutions, search.clock.unrepeatable())
    return explain.annotate(problem, plan)


class _BuildCut(Exception):
    """A Stop, or the time limit, while the model was being built."""


def _plan_in_hand(problem: Problem, settings: SolverSettings, started: float,
                  plans: list[Plan], baseline: Plan | None, stopped: bool,
                  unrepeatable: str | None) -> Plan:
    """The best of ``plans`` (the hint, the baseline, first fit) that keeps every hard
    rule and pin and schedules every ``must`` activity, priced by the evaluator as the
    model prices it, for a search that stopped before any of them was a solution of its
    model (cut while the model was being built, or left no time to complete one);
    UNKNOWN when none is such a plan."""
    from ..evaluate import evaluate  # the plans are whole: the referee prices them

    kept = []
    for i, plan in enumerate(plans):
        if left_out(problem, plan) or not _keeps_pins(problem, plan, settings.pins):
            continue
        score = evaluate(problem, plan, baseline=baseline, weights=settings.weights)
        if score.feasible:
            kept.append((score.tiers, i, plan))
    if not kept:
        return empty_plan(problem, settings, "UNKNOWN", started,
                          (say("conflict.stopped") if stopped else say("conflict.time_up"),),
                          unrepeatable, stopped=stopped)
    tiers, _, plan = min(kept, key=lambda item: item[:2])
    return explain.annotate(problem, plan_of_record(problem, plan, settings, started, tiers,
                                                    stopped, unrepeatable))


def _keeps_pins(problem: Problem, plan: Plan, pins: tuple[Pin, ...]) -> bool:
    """Whether ``plan`` keeps every pin as the model holds them: the activity takes
    place, at the grid's slot at or after the pinned time, in the pinned room, with the
    pinned people (first fit and a previous plan know nothing of pins)."""
    grid = problem.grid
    for pin in pins:
        placed = plan.assignment_of.get(pin.activity_id)
        if placed is None or placed.start is None:
            return False
        if pin.start is not None and placed.start != grid.time_of(
                grid.slot_at_or_after(pin.start)):
            return False
        if pin.room_id is not None and placed.room_id != pin.room_id:
            return False
        staff = {(s.role, s.volunteer_id) for s in plan.staff_of.get(pin.activity_id, ())}
        if not set(pin.staff) <= staff:
            return False
    return True


def _neighbourhoods_for(pm: PlanModel, settings: SolverSettings) -> Neighbourhoods | None:
    """Neighbourhood search where it was measured to pay (``benchmarks/README.md``):
    workbooks over 60 activities on one worker (the year's soft tier at 10 s: 164-234
    against 272 without), and large models on any number (the 10× year). Two workers on
    a quarter prove optimality sooner without it."""
    if len(pm.acts) <= 60:
        return None
    neighbourhoods = Neighbourhoods(pm, settings.seed, settings.search_workers)
    return neighbourhoods if settings.search_workers == 1 or neighbourhoods.large else None


def _least_value(model: cp_model.CpModel, definition: cp_model.Constraint,
                 var: cp_model.IntVar) -> int:
    """The least value ``var`` can take under its defining equality, every other variable
    at whichever end of its domain lowers it (0 for a tier whose every activity can be
    scheduled: a plan at 0 is then optimal without a search)."""
    linear = definition.proto.linear
    terms = dict(zip(linear.vars, linear.coeffs, strict=True))
    own = terms.pop(var.index)
    bounds = list(linear.domain)  # (the proto's lists do not index from the end)
    total = bounds[0]  # var * own + sum(others) == total
    assert bounds == [total, total] and own
    low = high = 0  # the least and the largest sum of the other terms
    for ref, coeff in terms.items():
        domain = list(model.proto.variables[ref].domain)
        ends = (coeff * domain[0], coeff * domain[-1])
        low, high = low + min(ends), high + max(ends)
    # var = (total - others) / own: least when the others are largest (own > 0)
    return math.ceil(min((total - high) / own, (total - low) / own))


def _set_domains(model: cp_model.CpModel, variables: list[cp_model.IntVar], low: int,
                 high: int | None = None) -> None:
    """Narrow (or widen) the domains of ``variables`` in ``model`` to ``[low, high]``,
    keeping every variable's index (a constraint could not be taken back)."""
    for var in variables:
        domain = model.proto.variables[var.index].domain
        domain.clear()
        domain.extend((low, low if high is None else high))


def _labelled(log: Callable[[str], None], label: str, text: str) -> None:
    """``log`` of ``text`` with ``label`` before each of its lines (CP-SAT logs blocks of
    several lines as one)."""
    log("\n".join(label + line for line in text.split("\n")))


def _without_probing(tune: Tune | None) -> Tune:
    """``tune`` (CP-SAT's defaults when None) without presolve's probing."""
    def tuned(parameters: cp_model_helper.SatParameters) -> None:
        if tune is not None:
            tune(parameters)
        parameters.cp_model_probing_level = 0
    return tuned


def _light_presolve(parameters: cp_model_helper.SatParameters) -> None:
    """Presolve for a neighbourhood: the model is mostly fixed at a plan that keeps every
    rule, and the passes that pay on a whole model (probing, symmetry, SAT presolve,
    inclusion and merging) cost more than they find in what is left free (the 10x
    year's staffing neighbourhoods: 1.8 s a step against 3.0 s; the year's and a
    381-lecture week's soft ones 30-40 % faster; the same optimum each time)."""
    parameters.cp_model_probing_level = 0
    parameters.symmetry_level = 0
    parameters.cp_model_use_sat_presolve = False
    parameters.presolve_inclusion_work_limit = 0
    parameters.merge_no_overlap_work_limit = 0
    parameters.merge_at_most_one_work_limit = 0
    parameters.find_big_linear_overlap = False
    parameters.presolve_blocked_clause = False


def _fix_hinted(parameters: cp_model_helper.SatParameters, grace: float = 0.0) -> None:
    """Complete a plan: its decisions fixed at their hinted values, on one worker, with a
    neighbourhood's light presolve (most of the model is fixed). ``grace`` is the least
    wall time the call gets however late it is: a repeatable search's wall-clock cap
    would otherwise be the time left (nothing, at a limit shorter than building the
    model), and a loaded machine could then not complete even the first-fit plan."""
    parameters.fix_variables_to_their_hinted_value = True
    parameters.num_workers = 1
    _light_presolve(parameters)
    parameters.max_time_in_seconds = max(parameters.max_time_in_seconds, grace)


def _hint_decisions(pm: PlanModel, model: cp_model.CpModel, plan: Plan) -> None:
    """Hint the decisions of the activities ``plan`` schedules (those the problem still
    has); the other activities are left free."""
    model.clear_hints()
    grid = pm.problem.grid
    for aid, av in pm.acts.items():
        placed = plan.assignment_of.get(aid)
        if placed is None or placed.start is None or placed.room_id not in av.rooms:
            continue
        model.add_hint(av.scheduled, True)
        model.add_hint(av.start, grid.slot_at_or_after(placed.start))
        for rid, lit in av.rooms.items():
            model.add_hint(lit, rid == placed.room_id)
        staffed = {(s.role, s.volunteer_id) for s in plan.staff_of.get(aid, ())}
        for key, lit in av.seats.items():
            model.add_hint(lit, key in staffed)
        for vid, lit in av.attends.items():
            model.add_hint(lit, any(v == vid for _, v in staffed))
