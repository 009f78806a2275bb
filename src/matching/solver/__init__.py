"""The CP-SAT planner: model, objective and staged search."""

from .search import solve
from .settings import Pin, Progress, SolverSettings

__all__ = ["Pin", "Progress", "SolverSettings", "solve"]
