"""The smallest set of hard rules that cannot all hold, found with CP-SAT assumptions."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ..i18n import Message, say
from .clock import Clock
from .settings import SolverSettings


def minimal_conflict(model: cp_model.CpModel, assumptions: dict[int, Message],
                     settings: SolverSettings, budget: float = 10.0) -> list[Message]:
    """Sentences of a minimal infeasible subset of the assumed rule groups.

    CP-SAT returns a sufficient subset; each member is then dropped in turn and kept out
    if the rest is still infeasible, within ``budget`` seconds in all.
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = settings.seed
    per_try = max(budget / max(len(assumptions), 1), 0.5)
    Clock(per_try * 4, settings.repeatable).limit(solver.parameters, per_try)

    def infeasible(indices: list[int]) -> bool:
        model.clear_assumptions()
        model.add_assumptions([model.get_bool_var_from_proto_index(i) for i in indices])
        return solver.solve(model) == cp_model.INFEASIBLE

    if not infeasible(list(assumptions)):
        return [say("conflict.not_isolated")]
    core = list(solver.sufficient_assumptions_for_infeasibility())
    for index in list(core):
        trial = [i for i in core if i != index]
        if trial and infeasible(trial):
            core = trial
    if not core:
        return [say("conflict.unexplained")]
    return [assumptions[i] for i in core]
