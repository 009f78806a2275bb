"""A plan as two tables, ``assignments`` and ``staffing``, and back: the CSV files of a
plan folder (``solve --out``), a baseline a coordinator edits by hand, the sheets of an
Excel plan, a sweep run's result."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from ..errors import DataError, Issue
from ..i18n import say
from ..plan import Assignment, Plan, Staffing, Status
from .cells import CellError, format_moment, parse_choice, parse_datetime
from .rows import column_issues

ASSIGNMENT_COLUMNS = ["activity_id", "status", "start", "end", "room_id", "reason"]
STAFFING_COLUMNS = ["activity_id", "role", "volunteer_id"]
#: The values of the ``status`` column (or their words, 已安排 and 未安排).
STATUSES: tuple[Status, ...] = ("scheduled", "unscheduled")


def plan_to_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """``assignments`` and ``staffing`` as DataFrames, times as ``YYYY-MM-DD HH:MM``."""
    assignments = pd.DataFrame(
        [(a.activity_id, a.status, format_moment(a.start), format_moment(a.end),
          a.room_id or "", a.reason) for a in plan.assignments],
        columns=ASSIGNMENT_COLUMNS)
    staffing = pd.DataFrame([(s.activity_id, s.role, s.volunteer_id) for s in plan.staffing],
                            columns=STAFFING_COLUMNS)
    return {"assignments": assignments, "staffing": staffing}


def plan_from_tables(assignments: pd.DataFrame, staffing: pd.DataFrame | None = None,
                     **info: object) -> Plan:
    """A plan from its tables (for example a hand-edited ``assignments.csv``); ``info``
    sets the plan's other fields (``status``, ...).

    Raises :class:`DataError` naming every missing column, every cell that does not
    parse and every ``status`` the row's times contradict (a blank ``status`` goes by
    the times).
    """
    issues = [issue for table, frame, columns in (
                  ("assignments", assignments, ("activity_id",)),
                  ("staffing", staffing, STAFFING_COLUMNS))
              if frame is not None for issue in column_issues(table, frame, columns)]
    if issues:
        raise DataError(issues, say("issue.the_plan"))
    rows: list[Assignment] = []
    frame = assignments.fillna("").astype(str)
    for number, row in enumerate(frame.to_dict("records"), start=2):
        times: list[datetime | None] = []
        for column in ("start", "end"):
            text = row.get(column, "").strip()
            try:
                times.append(parse_datetime(text) if text else None)
            except CellError as exc:
                issues.append(Issue.said("assignments", number, column, text,
                                         exc.wording or say("valid.moment")))
                times.append(None)
        room = row.get("room_id", "").strip() or None
        issues += _status_issues(number, row.get("status", "").strip(),
                                 [row.get(column, "").strip() for column in ("start", "end")],
                                 room)
        rows.append(Assignment(row["activity_id"].strip(), times[0], times[1], room,
                               row.get("reason", "").strip()))
    if issues:
        raise DataError(issues, say("issue.the_plan"))
    seats: tuple[Staffing, ...] = ()
    if staffing is not None:
        seats = tuple(Staffing(str(r["activity_id"]).strip(), str(r["role"]).strip(),
                               str(r["volunteer_id"]).strip())
                      for r in staffing.fillna("").to_dict("records"))
    return Plan(tuple(rows), seats, **info)  # type: ignore[arg-type]


def _status_issues(number: int, status: str, times: list[str], room: str | None
                   ) -> list[Issue]:
    """What is wrong with row ``number``'s ``status``: not a status, or ``unscheduled``
    on a row that keeps a time or a room: the coordinator meant one of the two, and
    neither is guessed (the times used to win). ``scheduled`` on a row whose times and
    room are cleared reads as left out, as the plan's refusals tell a coordinator to
    leave an activity out (clear its times and room)."""
    if not status:
        return []
    try:
        said = parse_choice(status, STATUSES, "plan")
    except CellError as exc:
        return [Issue.said("assignments", number, "status", status,
                           exc.wording or say("valid.one_of", choices=", ".join(STATUSES)))]
    start, end = times
    if said == "scheduled" or not (start or end or room):
        return []
    return [Issue.said("assignments", number, "status", status, say(
        "plan_folder.status_unscheduled", status=say("plan.scheduled"), start="start",
        end="end", room="room_id"))]
