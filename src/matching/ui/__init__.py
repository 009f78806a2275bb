"""The ipywidgets apps: views over the planning modules, holding no planning logic.

``PlannerApp`` is the coordinator's planner (notebook ``01_plan_quarter.ipynb``); its
state lives in a :class:`PlannerState`, which tests drive without a browser.
``ScenarioBuilderView`` edits a what-if scenario (notebook ``02_what_if.ipynb``).
"""

from .app import PlannerApp
from .i18n import CATALOGUE, Translator
from .scenario_builder import ScenarioBuilderView
from .state import PlannerState, Scope, embedded_workbook

__all__ = ["CATALOGUE", "PlannerApp", "PlannerState", "ScenarioBuilderView", "Scope",
           "Translator", "embedded_workbook"]
