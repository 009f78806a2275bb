"""What-if scenarios: changes to a workbook as data, minimal-change re-planning, plan
comparison and sweeps.

A :class:`Scenario` is a named list of changes (close a room, a team away, attendance
doubled, ...) that edit the workbook's tables; :func:`replan` plans the changed workbook
staying close to a baseline plan; :func:`diff` says what changed; :func:`sweep` runs many
scenarios and tabulates their KPIs.
"""

from .activities import AddActivity, ChangeActivity, RemoveActivity, RoleSpec, ScaleAttendance
from .base import Change, ScenarioError, ScenarioIssue
from .changes import (
    AddRoom,
    CloseRoom,
    Freeze,
    Hours,
    SetDutyLimit,
    SetRoomHours,
    SetWeight,
    VolunteerAvailable,
    VolunteerGone,
    VolunteerUnavailable,
)
from .compare import (
    PlanDiff,
    changed_assignments,
    changed_staffing,
    diff,
    kpi_deltas,
)
from .replan import changed_problem, freeze_pins, frozen_warnings, replan, solve_changed
from .scenario import CHANGE_KINDS, Scenario, change_from_dict
from .sweep import RunResult, grid, run_scenario
from .workbook import workbook_tables

__all__ = [
    "CHANGE_KINDS",
    "AddActivity",
    "AddRoom",
    "Change",
    "ChangeActivity",
    "CloseRoom",
    "Freeze",
    "Hours",
    "PlanDiff",
    "RemoveActivity",
    "RoleSpec",
    "RunResult",
    "ScaleAttendance",
    "Scenario",
    "ScenarioError",
    "ScenarioIssue",
    "SetDutyLimit",
    "SetRoomHours",
    "SetWeight",
    "VolunteerAvailable",
    "VolunteerGone",
    "VolunteerUnavailable",
    "change_from_dict",
    "changed_assignments",
    "changed_problem",
    "changed_staffing",
    "diff",
    "freeze_pins",
    "frozen_warnings",
    "grid",
    "kpi_deltas",
    "replan",
    "run_scenario",
    "solve_changed",
    "workbook_tables",
]
