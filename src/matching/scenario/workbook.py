"""A Problem written back as workbook tables, so that scenarios can change a problem that
was cut down to a quarter (:func:`matching.problem.select.restrict`) like any workbook.

The tables hold what the Problem holds: validating them again gives the same records.
Cells are written the way the workbook contract reads them (weekdays as ``Mon``,
date-times as ``YYYY-MM-DD HH:MM``, end of day as ``24:00``, tags joined by ``;``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd

from ..io.cells import format_moment, minutes_text
from ..io.schema import TABLES
from ..problem import HOLIDAY, Problem
from ..problem.entities import Activity, DaySpec
from ..rules import VOLUNTEER_COLUMNS

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def workbook_tables(problem: Problem) -> dict[str, pd.DataFrame]:
    """The workbook tables of ``problem`` (strings, rows numbered from 2 as in a file).

    Parameters
    ----------
    problem
        A validated problem, possibly restricted to a period or theme.

    Returns
    -------
    dict of str to pandas.DataFrame
        Every table of the workbook contract; building them gives back ``problem``'s
        records (its fingerprint differs: it is that of the tables).
    """
    s = problem.settings
    settings: list[tuple[str, ...]] = [
        ("name", s.name), ("horizon_start", s.horizon_start.isoformat()),
        ("horizon_end", s.horizon_end.isoformat()), ("slot_minutes", str(s.slot_minutes)),
        ("timezone", s.timezone), ("holidays", s.holidays), ("language", s.language)]
    settings += [("center", s.center)] if s.center else []
    settings += [(f"weight.{term}", str(value)) for term, value in s.weights]
    settings += [(key, _number(value)) for key, value in s.limits]
    settings += [("no_show_rate", _number(s.no_show_rate))] if s.no_show_rate is not None else []
    rows: dict[str, list[tuple[str, ...]]] = {
        "settings": settings,
        "themes": [(t.theme_id, t.name, _day(t.start), _day(t.end), t.description)
                   for t in problem.themes],
        "rooms": [(r.room_id, r.name, str(r.capacity), _tags(r.equipment), r.site,
                   str(r.turnaround_minutes)) for r in problem.rooms],
        "room_hours": [(h.room_id, _day_spec(h.day), minutes_text(h.open_minute),
                        minutes_text(h.close_minute)) for h in problem.opening_hours],
        "closures": [(format_moment(c.start), format_moment(c.end), c.room_id or "", c.reason)
                     for c in problem.closures],
        "volunteers": [(v.volunteer_id, v.name, _tags(v.skills), v.team, v.age_band or "",
                        *(_number(v.limit(c.name)) for c in VOLUNTEER_COLUMNS),
                        _number(v.no_show_rate), v.phone, v.notes) for v in problem.volunteers],
        "availability": [(w.volunteer_id, _day_spec(w.day), minutes_text(w.start_minute),
                          minutes_text(w.end_minute), w.kind) for w in problem.availability],
        "preferences": [(p.volunteer_id, p.target, str(p.weight))
                        for p in problem.preferences],
        "activities": [(a.activity_id, a.title, format_moment(a.earliest_start),
                        format_moment(a.latest_end), str(a.duration_minutes),
                        str(a.expected_attendance), a.theme_id or "", a.kind,
                        a.series_id or "", _tags(a.equipment), _tags(a.cohort),
                        a.min_age_band or "", a.priority, format_moment(a.fixed_start),
                        a.fixed_room or "", a.preferred_room or "", a.partner, a.notes)
                       for a in _in_session_order(problem.activities)],
        "roles": [(r.activity_id, r.role, str(r.min), str(r.target), str(r.max))
                  for r in problem.roles],
    }
    # each row lists its cells in the contract's column order (required, then optional)
    return {name: _frame(TABLES[name].columns, table) for name, table in rows.items()}


def _in_session_order(activities: Sequence[Activity]) -> list[Activity]:
    """``activities`` with the sessions of each series, in the places their rows hold,
    put in the order they take place (``Activity.session``): rows read back keep the
    workbook's order, which a part of it (a quarter) ranked alone may not give."""
    places: dict[str, list[int]] = {}
    for place, activity in enumerate(activities):
        if activity.series_id:
            places.setdefault(activity.series_id, []).append(place)
    ordered = list(activities)
    for held in places.values():
        sessions = sorted((activities[place] for place in held), key=lambda a: a.session)
        for place, session in zip(held, sessions, strict=True):
            ordered[place] = session
    return ordered


def _frame(columns: Sequence[str], rows: Iterable[tuple[str, ...]]) -> pd.DataFrame:
    data = list(rows)
    return pd.DataFrame(data, columns=list(columns), dtype=object,
                        index=pd.RangeIndex(2, len(data) + 2, name="row"))


def _tags(tags: Iterable[str]) -> str:
    return ";".join(sorted(tags))


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _day_spec(day: DaySpec) -> str:
    if day == HOLIDAY:
        return "holiday"
    if isinstance(day, int):
        return _WEEKDAYS[day]
    return day.isoformat()






def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
