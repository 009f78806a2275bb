"""The smallest set of hard rules that cannot all hold, found with CP-SAT assumptions."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ..i18n import Listing, Message, say
from .clock import WORK_PER_SECOND, Clock
from .cpsat import new_solver
from .settings import SolverSettings


def minimal_conflict(model: cp_model.CpModel, assumptions: dict[int, Message],
                     settings: SolverSettings, budget: float = 10.0,
                     given_way: list[Message] | None = None,
                     wall: float | None = None) -> list[Message]:
    """Sentences of a minimal infeasible subset of the assumed rule groups; when no
    proof comes in time, a sentence naming ``given_way``: groups that a plan breaking
    as few as possible breaks, as a repair search found them (a coordinator can act on
    that, where "the rules conflict" alone leaves them guessing).

    CP-SAT first proves that the groups cannot all hold, which yields a sufficient
    subset; each member is then dropped in turn and kept out if the rest is still
    infeasible. The proof gets all of ``budget`` it needs, as nothing can be named
    without it (a 1.5× synthetic year, 472 groups: 2.5 s on one worker, where an even
    share of the budget per group proved nothing); the members share what is left.
    ``budget`` is seconds of work when the search is repeatable; ``wall`` caps the wall
    seconds it may take (the search's own limit), whatever the work left.
    """
    clock = Clock(budget if wall is None else min(budget, wall), settings.repeatable,
                  work_limit=budget * WORK_PER_SECOND)
    solver = new_solver(1, settings.seed)

    def infeasible(indices: list[int], seconds: float) -> bool:
        model.clear_assumptions()
        model.add_assumptions([model.get_bool_var_from_proto_index(i) for i in indices])
        clock.limit(solver.parameters, seconds)
        status = solver.solve(model)
        clock.spend([solver])
        return status == cp_model.INFEASIBLE

    if not infeasible(list(assumptions), clock.remaining()):
        if given_way:
            return [say("conflict.give_way", count=len(given_way),
                        groups=Listing(tuple(given_way), "semicolon"))]
        return [say("conflict.not_isolated")]
    core = list(solver.sufficient_assumptions_for_infeasibility())
    members = list(core)
    for tried, index in enumerate(members):
        trial = [i for i in core if i != index]
        if not trial or clock.remaining() <= 0:
            break
        if infeasible(trial, clock.remaining() / (len(members) - tried)):
            core = trial
    if not core:
        return [say("conflict.unexplained")]
    return [assumptions[i] for i in core]
