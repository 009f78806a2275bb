"""The activity page: one activity's details, its pins, and ranked candidates for a role.

A coordinator who dislikes part of a plan chooses the activity, pins the time, room or
people they want (``SolverSettings.pins``) and solves again; to choose people they ask
for the candidates of a role, each with the reason it is or is not a good choice.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from ..analysis import activity_details
from ..plan import Plan
from ..problem import Problem
from ..solver import Pin
from .i18n import Translator
from .results import html_table

_FULL = widgets.Layout(width="100%")


class ActivityPanel:
    """Activity chooser, details, pin form and candidate ranking.

    The ``on_*`` callbacks are the app's guarded handlers; the panel only reads widgets
    and shows what it is given.
    """

    def __init__(self, tr: Translator, *, on_choose: Callable[[str], None],
                 on_pin: Callable[[], None], on_pin_current: Callable[[], None],
                 on_unpin: Callable[[], None], on_rank: Callable[[], None]) -> None:
        self.tr = tr
        self.activity = widgets.Dropdown(options=[], layout=widgets.Layout(width="520px"))
        self.details = widgets.HTML()
        self.pin_time = widgets.Text(placeholder="YYYY-MM-DD HH:MM")
        self.pin_room = widgets.Dropdown(options=[("—", "")], value="")
        self.pin_staff = widgets.SelectMultiple(options=[], rows=6,
                                                layout=widgets.Layout(width="420px"))
        self.pin_button = widgets.Button(icon="thumb-tack", button_style="info")
        self.pin_current_button = widgets.Button(icon="lock")
        self.unpin_button = widgets.Button(icon="unlock")
        self.pins = widgets.HTML()
        self.role = widgets.Dropdown(options=[])
        self.rank_button = widgets.Button(icon="sort-amount-asc")
        self.candidates = widgets.HTML()
        self.last_candidates: pd.DataFrame | None = None
        self.titles = {k: widgets.HTML() for k in ("pin", "candidates", "pins")}
        self._muted = False
        self.activity.observe(
            lambda c: None if self._muted or c["new"] is None else on_choose(c["new"]),
            names="value")
        self.pin_button.on_click(lambda _: on_pin())
        self.pin_current_button.on_click(lambda _: on_pin_current())
        self.unpin_button.on_click(lambda _: on_unpin())
        self.rank_button.on_click(lambda _: on_rank())
        self.widget = widgets.VBox([
            self.activity, self.details,
            self.titles["pin"], self.pin_time, self.pin_room, self.pin_staff,
            widgets.HBox([self.pin_button, self.pin_current_button, self.unpin_button]),
            self.titles["pins"], self.pins,
            self.titles["candidates"], widgets.HBox([self.role, self.rank_button]),
            self.candidates,
        ], layout=_FULL)
        self.relabel()

    def show_activities(self, problem: Problem | None, plan: Plan | None) -> None:
        """Fill the chooser: scheduled activities first mark their start, unscheduled
        ones say so, so the chooser doubles as a compact list of the plan."""
        if problem is None:
            self.activity.options = []
            return
        current = self.activity.value
        options = []
        for a in problem.activities:
            placed = plan.assignment_of.get(a.activity_id) if plan else None
            when = (f"{placed.start:%m-%d %H:%M}" if placed and placed.start
                    else self.tr("plan.unscheduled") if placed else "")
            options.append((f"{a.activity_id} · {a.title}" + (f" · {when}" if when else ""),
                            a.activity_id))
        self._muted = True
        try:
            self.activity.options = options
            ids = [v for _, v in options]
            self.activity.value = current if current in ids else None
        finally:
            self._muted = False

    def show_activity(self, problem: Problem, plan: Plan | None, activity_id: str,
                      pin: Pin | None) -> None:
        """Details of the activity, and the pin form set to its pin or else its plan."""
        if self.activity.value != activity_id:
            self._muted = True
            self.activity.value = activity_id
            self._muted = False
        self.show_details(problem, plan, activity_id)
        placed = plan.assignment_of.get(activity_id) if plan else None
        eligible_rooms = sorted(problem.facts.room_starts(activity_id))
        self.pin_room.options = [("—", "")] + [
            (f"{problem.room_by_id[r].name} ({r})", r) for r in eligible_rooms]
        staff_options = []
        for role in problem.roles_of.get(activity_id, ()):
            for vid in problem.facts.eligible_volunteers(activity_id, role.role):
                name = problem.volunteer_by_id[vid].name
                staff_options.append((f"{role.role}: {name} ({vid})", (role.role, vid)))
        self.pin_staff.options = staff_options
        self.role.options = [r.role for r in problem.roles_of.get(activity_id, ())]
        if pin is not None:
            start, room, staff = pin.start, pin.room_id, pin.staff
        elif placed is not None and placed.start is not None and plan is not None:
            start, room = placed.start, placed.room_id
            staff = tuple((s.role, s.volunteer_id) for s in plan.staff_of.get(activity_id, ()))
        else:
            start, room, staff = None, None, ()
        self.pin_time.value = f"{start:%Y-%m-%d %H:%M}" if start else ""
        self.pin_room.value = room if room in eligible_rooms else ""
        known = {value for _, value in staff_options}
        self.pin_staff.value = tuple(s for s in staff if s in known)
        self.candidates.value, self.last_candidates = "", None

    def show_details(self, problem: Problem, plan: Plan | None, activity_id: str) -> None:
        """The activity's fields and its place in the plan, in the current language."""
        tr = self.tr
        rows = activity_details(problem, plan, activity_id, tr.language)
        self.details.value = html_table(
            pd.DataFrame([(tr.maybe(f"col.{k}", k), v) for k, v in rows],
                         columns=["key", "value"]), tr)

    def show_pins(self, pins: dict[str, Pin]) -> None:
        tr = self.tr
        rows = [(p.activity_id, f"{p.start:%Y-%m-%d %H:%M}" if p.start else "",
                 p.room_id or "", "; ".join(f"{r}: {v}" for r, v in p.staff))
                for p in pins.values()]
        frame = pd.DataFrame(rows, columns=["activity_id", "start", "room_id", "staff"])
        self.pins.value = html_table(frame, tr)

    def show_candidates(self, frame: pd.DataFrame) -> None:
        """The ranked candidates with each status in words."""
        self.last_candidates = frame
        shown = frame.copy()
        shown["status"] = [self.tr(f"cand.{s}") for s in shown["status"]]
        self.candidates.value = html_table(shown, self.tr)

    def relabel(self) -> None:
        tr = self.tr
        self.activity.description = tr("activity.choose")
        self.pin_time.description = tr("activity.pin_time")
        self.pin_room.description = tr("activity.pin_room")
        self.pin_staff.description = tr("activity.pin_staff")
        self.pin_button.description = tr("activity.pin")
        self.pin_current_button.description = tr("activity.pin_current")
        self.unpin_button.description = tr("activity.unpin")
        self.role.description = tr("activity.role")
        self.rank_button.description = tr("activity.rank")
        for key, title in self.titles.items():
            title.value = f"<b>{html.escape(tr(f'activity.{key}_title'))}</b>"
