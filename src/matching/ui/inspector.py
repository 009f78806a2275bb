"""The activity page: one activity's details, its pins, and ranked candidates for a role.

A coordinator who dislikes part of a plan chooses the activity, pins the time, room or
people they want (``SolverSettings.pins``) and solves again; to choose people they ask
for the candidates of a role, each with the reason it is or is not a good choice.

The page is built so that it cannot be used wrongly: the form starts from the plan (or
the activity's pin) with its first role chosen, each button stays disabled until what it
needs is chosen, "pin as filled in" pins only the fields the coordinator changed or
ticked (a pre-filled time is a suggestion, not a decision), and a failed action shows a
one-line message beside the buttons that the next success clears.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..analysis import activity_details
from ..i18n import Message
from ..plan import Plan
from ..problem import Problem
from ..solver import Pin
from .i18n import Translator
from .results import html_table

_FULL = widgets.Layout(width="auto")
_WRAP = widgets.Layout(flex_flow="row wrap", width="auto")
_ERROR_COLOUR = "#b00020"

#: What the pin form asks to pin: start text or None, room id or None, staff pairs.
PinRequest = tuple[str | None, str | None, tuple[tuple[str, str], ...]]


def short_message(exc: BaseException, language: str = "en") -> str:
    """One line for a person: the exception's own words (in ``language`` when it carries
    a message of the catalogue), never a traceback (a ``KeyError`` prints its argument
    in quotes, so take the argument itself)."""
    wording = getattr(exc, "wording", None)
    if isinstance(wording, Message):
        return wording.render(language).splitlines()[0]
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    return (text or type(exc).__name__).splitlines()[0]


def named_details(problem: Problem, rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Activity details with the room and theme by name instead of by id."""
    named = []
    for key, value in rows:
        if key == "room_id":
            room = problem.room_by_id.get(value)
            named.append(("room", room.name if room else value))
        elif key == "theme_id":
            theme = problem.theme_by_id.get(value)
            named.append(("theme", theme.name if theme else value))
        else:
            named.append((key, value))
    return named


class ActivityPanel:
    """Activity chooser, details, pin form and candidate ranking.

    The ``on_*`` callbacks are the app's handlers; the panel only reads widgets and shows
    what it is given. :meth:`guard` wraps them so that their failures end up in
    :attr:`message`.
    """

    def __init__(self, tr: Translator, *, on_choose: Callable[[str], None],
                 on_pin: Callable[[], None], on_pin_current: Callable[[], None],
                 on_unpin: Callable[[], None], on_rank: Callable[[], None]) -> None:
        self.tr = tr
        # "auto" rather than "100%": in a column it fills the width, margins included
        self.activity = widgets.Dropdown(options=[], value=None,
                                         layout=widgets.Layout(width="auto",
                                                               max_width="640px"))
        self.details = widgets.HTML()
        self.pin_time = widgets.Text(placeholder="YYYY-MM-DD HH:MM",
                                     layout=widgets.Layout(width="300px"))
        self.pin_room = widgets.Dropdown(options=[("—", "")], value="",
                                         layout=widgets.Layout(width="300px"))
        self.keep_time = widgets.Checkbox(value=False, indent=False,
                                          layout=widgets.Layout(width="auto"))
        self.keep_room = widgets.Checkbox(value=False, indent=False,
                                          layout=widgets.Layout(width="auto"))
        self.pin_staff = widgets.SelectMultiple(options=[], rows=6,
                                                layout=widgets.Layout(width="auto",
                                                                      max_width="480px"))
        self.pin_button = widgets.Button(icon="thumb-tack", button_style="info",
                                         disabled=True, layout=widgets.Layout(width="auto"))
        self.pin_current_button = widgets.Button(icon="lock", disabled=True,
                                                 layout=widgets.Layout(width="auto"))
        self.unpin_button = widgets.Button(icon="unlock", disabled=True,
                                           layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.pins = widgets.HTML()
        self.role = widgets.Dropdown(options=[], value=None)
        self.rank_button = widgets.Button(icon="sort-amount-asc", disabled=True,
                                          layout=widgets.Layout(width="auto"))
        self.candidates = widgets.HTML()
        self.last_candidates: pd.DataFrame | None = None
        self.titles = {k: widgets.HTML() for k in ("pin", "candidates", "pins")}
        self.hint = widgets.HTML()
        self.error = ""
        self._muted = False
        self._staff: list[tuple[tuple[str, str], str]] = []  # (role, id), name
        self._planned_staff: set[tuple[str, str]] = set()
        self._filled: tuple[str, str] = ("", "")  # time and room as the form was filled
        self._pin: Pin | None = None
        self._planned = False
        self._shown: str | None = None  # the activity the form was last filled for
        self.activity.observe(self._activity_chosen, names="value")
        self.pin_time.observe(lambda c: self._field_changed(self.keep_time, 0, c["new"]),
                              names="value")
        self.pin_room.observe(lambda c: self._field_changed(self.keep_room, 1, c["new"]),
                              names="value")
        for widget in (self.keep_time, self.keep_room, self.pin_staff, self.role):
            widget.observe(lambda _: self.update_buttons(), names="value")
        self.pin_button.on_click(lambda _: self.guard(on_pin)())
        self.pin_current_button.on_click(lambda _: self.guard(on_pin_current)())
        self.unpin_button.on_click(lambda _: self.guard(on_unpin)())
        self.rank_button.on_click(lambda _: self.guard(on_rank)())
        self._on_choose = self.guard(on_choose)
        self.widget = widgets.VBox([
            self.activity, self.details,
            self.titles["pin"], self.hint,
            widgets.HBox([self.pin_time, self.keep_time], layout=_WRAP),
            widgets.HBox([self.pin_room, self.keep_room], layout=_WRAP),
            self.pin_staff,
            widgets.HBox([self.pin_button, self.pin_current_button, self.unpin_button],
                         layout=_WRAP),
            self.message,
            self.titles["pins"], self.pins,
            self.titles["candidates"],
            widgets.HBox([self.role, self.rank_button], layout=_WRAP),
            self.candidates,
        ], layout=_FULL)
        self.relabel()

    # -- guarding ----------------------------------------------------------------------
    def guard(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        """``handler`` whose exceptions become a one-line message on this page (cleared
        by its next success) instead of a traceback elsewhere."""
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                result = handler(*args, **kwargs)
            except Exception as exc:
                self.show_message(short_message(exc, self.tr.language), error=True)
                return None
            self.show_message("")
            return result
        run.__name__ = getattr(handler, "__name__", "handler")
        return run

    def show_message(self, text: str, *, error: bool = False) -> None:
        """The outcome of the page's last action ("" clears it); :attr:`error` keeps the
        text of an error for whoever checks the page."""
        self.error = text if error else ""
        if not text:
            self.message.value = ""
            return
        prefix = self.tr("activity.failed") if error else ""
        colour = _ERROR_COLOUR if error else "#2e7d32"
        self.message.value = (f"<span style='color:{colour}'>"
                              f"{html.escape(prefix + text)}</span>")

    # -- showing -----------------------------------------------------------------------
    def show_activities(self, problem: Problem | None, plan: Plan | None) -> None:
        """Fill the chooser: scheduled activities first mark their start, unscheduled
        ones say so, so the chooser doubles as a compact list of the plan. A chosen
        activity that left the list (another scope, an edit) empties the form."""
        current = self.activity.value
        options = []
        for a in problem.activities if problem is not None else ():
            placed = plan.assignment_of.get(a.activity_id) if plan else None
            when = (f"{placed.start:%m-%d %H:%M}" if placed and placed.start
                    else self.tr("plan.unscheduled") if placed else "")
            options.append((f"{a.activity_id} · {a.title}" + (f" · {when}" if when else ""),
                            a.activity_id))
        self._muted = True
        try:
            self.activity.options = options
            self.activity.value = current if current in [v for _, v in options] else None
        finally:
            self._muted = False
        if self.activity.value is None:
            self.clear_form()

    def clear_form(self) -> None:
        """No activity chosen: nothing to show, every button off."""
        self._muted = True
        try:
            self.details.value = f"<i>{html.escape(self.tr('activity.none_chosen'))}</i>"
            self.pin_time.value = ""
            self.pin_room.options = [("—", "")]
            self.pin_room.value = ""
            self.keep_time.value = self.keep_room.value = False
            self._staff, self._planned_staff = [], set()
            self.pin_staff.options = []
            self.role.options = []
            self.role.value = None
        finally:
            self._muted = False
        self._filled, self._pin, self._planned = ("", ""), None, False
        self._shown = None
        self.candidates.value, self.last_candidates = "", None
        self.update_buttons()

    def show_activity(self, problem: Problem, plan: Plan | None, activity_id: str,
                      pin: Pin | None) -> None:
        """Details of the activity, and the pin form set to its pin or else its plan.

        Only what the pin holds is ticked: a time or room taken from the plan is there to
        be edited, and people are chosen only when pinned, so pinning a changed room
        pins the room alone. Filled again for the same activity (after a pin or a
        solve), the chosen role and the ranked candidates stay.
        """
        same = activity_id == self._shown
        placed = plan.assignment_of.get(activity_id) if plan else None
        eligible_rooms = sorted(problem.facts.room_starts(activity_id))
        self._planned_staff = set()
        if plan is not None:
            self._planned_staff = {(s.role, s.volunteer_id)
                                   for s in plan.staff_of.get(activity_id, ())}
        self._staff = [((role.role, vid), problem.volunteer_by_id[vid].name)
                       for role in problem.roles_of.get(activity_id, ())
                       for vid in problem.facts.eligible_volunteers(activity_id, role.role)]
        start = pin.start if pin is not None and pin.start is not None else (
            placed.start if placed is not None else None)
        room = pin.room_id if pin is not None and pin.room_id else (
            placed.room_id if placed is not None and placed.start is not None else None)
        roles = [r.role for r in problem.roles_of.get(activity_id, ())]
        self._muted = True
        try:
            self.activity.value = activity_id
            self.pin_room.options = [("—", "")] + [
                (problem.room_by_id[r].name, r) for r in eligible_rooms]
            self.pin_time.value = f"{start:%Y-%m-%d %H:%M}" if start else ""
            self.pin_room.value = room if room in eligible_rooms else ""
            self.keep_time.value = pin is not None and pin.start is not None
            self.keep_room.value = pin is not None and pin.room_id is not None
            self._label_staff()
            known = {value for value, _ in self._staff}
            self.pin_staff.value = tuple(s for s in (pin.staff if pin else ()) if s in known)
            role = self.role.value if same and self.role.value in roles else None
            self.role.options = roles
            self.role.value = role or (roles[0] if roles else None)
        finally:
            self._muted = False
        self._filled = (self.pin_time.value, self.pin_room.value)
        self._pin = pin
        self._planned = placed is not None and placed.start is not None
        self._shown = activity_id
        self.show_details(problem, plan, activity_id)
        if not same:
            self.candidates.value, self.last_candidates = "", None
        self.update_buttons()

    def show_details(self, problem: Problem, plan: Plan | None, activity_id: str) -> None:
        """The activity's fields and its place in the plan, in the current language,
        with rooms, themes and people by name."""
        tr = self.tr
        rows = named_details(problem, activity_details(problem, plan, activity_id,
                                                       tr.language))
        self.details.value = html_table(
            pd.DataFrame([(tr.maybe(f"col.{k}", k), v) for k, v in rows],
                         columns=["key", "value"]), tr)

    def show_pins(self, pins: dict[str, Pin], problem: Problem | None = None) -> None:
        """Every pin, by activity title, room name and volunteer names when known."""
        def title(aid: str) -> str:
            a = problem.activity_by_id.get(aid) if problem else None
            return f"{aid} · {a.title}" if a else aid

        def room(rid: str | None) -> str:
            r = problem.room_by_id.get(rid or "") if problem else None
            return r.name if r else (rid or "")

        def person(vid: str) -> str:
            v = problem.volunteer_by_id.get(vid) if problem else None
            return v.name if v else vid

        rows = [(title(p.activity_id), f"{p.start:%Y-%m-%d %H:%M}" if p.start else "",
                 room(p.room_id), "; ".join(f"{r}: {person(v)}" for r, v in p.staff))
                for p in pins.values()]
        frame = pd.DataFrame(rows, columns=["title", "start", "room", "staff"])
        self.pins.value = html_table(frame, self.tr)
        chosen = self.activity.value
        self._pin = pins.get(chosen) if chosen is not None else None
        self.update_buttons()

    def show_candidates(self, frame: pd.DataFrame) -> None:
        """The ranked candidates, best first, with each status in words (its rank, a
        number per status that the order already shows, is left out: 0, 0, 1, 1, ...
        reads as a broken ranking)."""
        self.last_candidates = frame
        shown = frame.drop(columns=["rank"])
        shown["status"] = [self.tr(f"cand.{s}") for s in shown["status"]]
        self.candidates.value = html_table(shown, self.tr)

    # -- the form ----------------------------------------------------------------------
    def pin_request(self) -> PinRequest:
        """What "pin as filled in" pins: the ticked time and room, the chosen people."""
        start = self.pin_time.value.strip() if self.keep_time.value else ""
        room = self.pin_room.value if self.keep_room.value else ""
        return start or None, room or None, tuple(self.pin_staff.value)

    def _label_staff(self) -> None:
        """People as "role: name", those of the current plan marked (the choice kept)."""
        known = {pair for pair, _ in self._staff}
        chosen = tuple(pair for pair in self.pin_staff.value if pair in known)
        mark = self.tr("activity.in_plan")
        self.pin_staff.options = [
            (f"{pair[0]}: {name}" + (mark if pair in self._planned_staff else ""), pair)
            for pair, name in self._staff]
        self.pin_staff.value = chosen

    def update_buttons(self) -> None:
        """Each button is on only when what it acts on is chosen."""
        chosen = self.activity.value is not None
        start, room, staff = self.pin_request()
        self.pin_button.disabled = not (chosen and (start or room or staff))
        self.pin_current_button.disabled = not (chosen and self._planned)
        self.unpin_button.disabled = not (chosen and self._pin is not None)
        self.rank_button.disabled = not (chosen and self.role.value)

    def _activity_chosen(self, change: dict) -> None:
        if self._muted:
            return
        if change["new"] is None:
            self.clear_form()
        else:
            self._on_choose(change["new"])

    def _field_changed(self, keep: widgets.Checkbox, field: int, value: str) -> None:
        """Typing into a field ticks it; typing it back to what was filled unticks it
        (unless the activity's pin already holds it)."""
        if self._muted:
            return
        pinned = self._pin is not None and (
            self._pin.start is not None if field == 0 else self._pin.room_id is not None)
        keep.value = value != self._filled[field] or pinned
        self.update_buttons()

    def relabel(self) -> None:
        tr = self.tr
        self.activity.description = tr("activity.choose")
        self.pin_time.description = tr("activity.pin_time")
        self.pin_room.description = tr("activity.pin_room")
        self.keep_time.description = self.keep_room.description = tr("activity.keep")
        self.pin_staff.description = tr("activity.pin_staff")
        self.pin_button.description = tr("activity.pin")
        self.pin_current_button.description = tr("activity.pin_current")
        self.unpin_button.description = tr("activity.unpin")
        self.role.description = tr("activity.role")
        self.rank_button.description = tr("activity.rank")
        self.hint.value = f"<small>{html.escape(tr('activity.pin_hint'))}</small>"
        muted, self._muted = self._muted, True
        try:
            self._label_staff()
        finally:
            self._muted = muted
        for key, title in self.titles.items():
            title.value = f"<b>{html.escape(tr(f'activity.{key}_title'))}</b>"
