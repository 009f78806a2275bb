"""The sentences of the year-end report, made from its figures.

Every sentence is a template of the catalogue (``yearly.*`` in
:mod:`matching.i18n.actuals`) filled from the figures of
:class:`~matching.actuals.review.Review` and nothing else: the report says what the
numbers say, in the words a center's annual report uses ("需安排 168 项，排入计划 161
项，未能排入 7 项……按计划举办 150 项，改期 4 项，取消 7 项（原因：……）"), a figure that is
zero says so plainly rather than being left out, and one nobody recorded says that
(人次未记录) rather than 0. This module chooses the templates (a part left out when it has
nothing to say, a noun in the singular for one) and the values; the words are the
catalogue's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from .labels import period, say
from .review import Group


def section_title(key: str, language: str) -> str:
    """The heading of a section of the report (``overview``, ``camp``...)."""
    return say(f"report.{key}", language)


def quarter_label(key: str, language: str) -> str:
    """``2023Q1`` as ``2023 年一季度`` or ``2023 Q1``."""
    year, number = key.split("Q")
    return say(f"quarter.{int(number)}", language, year=year)


def title(center: str, first: date, last: date, language: str) -> str:
    """The report's title, named by the period ``first``..``last`` it covers, with its
    dates: twelve months are a year in review, named (2024 年度, or 2023–2024 from July),
    a calendar quarter is named (2024 年四季度), any other period is its dates alone."""
    months, when = _whole_months(first, last), period(first, last, language)
    if months == 12:
        year = f"{first.year}" if first.month == 1 else f"{first.year}–{last.year}"
        return say("report.title", language, center=center, period=when, year=year)
    if months == 3 and first.month % 3 == 1:
        return say("report.title_quarter", language, center=center, period=when,
                   quarter=quarter_label(f"{first.year}Q{first.month // 3 + 1}", language))
    return say("report.title_period", language, center=center, period=when)


def _whole_months(first: date, last: date) -> int | None:
    """How many calendar months ``first``..``last`` spans, or None when it does not run
    from a month's first day to a month's last."""
    after = last + timedelta(days=1)
    if first.day != 1 or after.day != 1:
        return None
    return (after.year - first.year) * 12 + after.month - first.month


def _unit(n: float, one: str, many: str, language: str) -> str:
    """The noun ``unit.one`` for one, else ``unit.many``."""
    return say(f"unit.{one}" if n == 1 else f"unit.{many}", language)


def _joined(items: Sequence[str], language: str, joint: str = "comma") -> str:
    return say(f"list.{joint}", language).join(items)


def _reasons(reasons: Sequence[tuple[str, int]], language: str) -> str:
    """``（原因：A 4 项；B 2 项）`` or `` (reasons: A 4; B 2)``; empty without any."""
    if not reasons:
        return ""
    parts = [say("yearly.reason", language,
                 reason=reason or say("yearly.no_reason", language), count=n)
             for reason, n in reasons]
    return say("yearly.reasons", language, reasons=_joined(parts, language, "semicolon"))


def _people(count: int | None, language: str) -> str:
    """``1079 人次`` or ``1079 participants``; that none were recorded for None."""
    if count is None:
        return say("yearly.people_unrecorded", language)
    return say("yearly.people", language, count=count)


def _kinds(left_out: Sequence[tuple[str, int]], language: str) -> str:
    """``（活动 2 项、场地借用 10 项）`` or `` (activity: 2, booking: 10)``: counts by
    kind (activity, booking, meeting); empty without any."""
    if not left_out:
        return ""
    parts = [say("yearly.kind_count", language, kind=say(f"kind.{kind}", language), count=n)
             for kind, n in left_out]
    return say("yearly.kinds", language, kinds=_joined(parts, language))


def overview(totals: Mapping[str, int], left_out: Sequence[tuple[str, int]],
             moved_reasons: Sequence[tuple[str, int]],
             cancelled_reasons: Sequence[tuple[str, int]], unrecorded: int,
             language: str) -> str:
    """What the workbook asked for, what the plan left out (``left_out``: by kind) and
    what happened, every kind of activity together; ``totals`` are the sums of
    :meth:`~matching.actuals.review.Review.by_kind`'s columns, ``unrecorded`` the held
    activities without a count of participants that the counts given leave out. What
    the plan left out comes first, so the report never reads as if all that was asked
    for was planned."""
    text = say("yearly.overview", language, requested=totals["requested"],
               planned=totals["planned"], left_out=totals["left_out"],
               left_out_kinds=_kinds(left_out, language), as_planned=totals["as_planned"],
               moved=totals["moved"], moved_reasons=_reasons(moved_reasons, language),
               cancelled=totals["cancelled"],
               cancelled_reasons=_reasons(cancelled_reasons, language))
    if totals["unplanned"]:
        text += say("yearly.unplanned", language, unplanned=totals["unplanned"])
    if unrecorded:
        text += say("yearly.unrecorded", language, count=unrecorded)
    return text


def left_out(by_kind: Sequence[tuple[str, int]], language: str) -> str:
    """What the plan left out of what the workbook asked for, by kind."""
    return say("yearly.left_out", language, count=sum(n for _, n in by_kind),
               kinds=_kinds(by_kind, language))


def themes(planned: int, held: int, participants: int | None,
           per_quarter: Sequence[tuple[str, int]], top: tuple[str, int] | None,
           language: str) -> str:
    """Activities of the themes: held against planned, by quarter, the best-attended
    theme."""
    text = say("yearly.themes", language, held=held, planned=planned,
               people=_people(participants, language),
               unit=_unit(held, "activity", "activities", language))
    if per_quarter:
        items = [say("yearly.themes_quarter", language, quarter=quarter_label(q, language),
                     count=n) for q, n in per_quarter]
        text += say("yearly.themes_quarters", language, quarters=_joined(items, language))
    if top is not None:
        text += say("yearly.themes_top", language, theme=top[0], count=top[1])
    return text


def quarters(figures: Sequence[tuple[str, int, int, int | None, float]], language: str
             ) -> str:
    """Each quarter's ``(quarter, planned, held, participants, volunteer hours)``."""
    items = [say("yearly.quarter", language, quarter=quarter_label(q, language),
                 planned=planned, held=held, people=_people(people, language), hours=hours)
             for q, planned, held, people, hours in figures]
    return say("yearly.end", language, text=_joined(items, language, "semicolon"))


def bookings(figures: Mapping[str, int], participants: int | None, receptions: int,
             language: str) -> str:
    """Rooms lent out (``figures``: the booking row of
    :meth:`~matching.actuals.review.Review.by_kind`, requested to held) and the
    residents they served; meetings received."""
    return say("yearly.bookings", language, requested=figures["requested"],
               planned=figures["planned"], left_out=figures["left_out"],
               held=figures["held"], cancelled=figures["cancelled"],
               people=_people(participants, language), receptions=receptions,
               reception_unit=_unit(receptions, "reception", "receptions", language))


def group(which: str, figures: Group, language: str) -> str:
    """The summer camp's sessions or the red-classroom events (the report has this
    sentence only for a group the workbook has)."""
    name = section_title(which, language)
    left = say("yearly.group_left_out", language, count=figures.left_out) \
        if figures.left_out else ""
    cancelled = say("yearly.group_cancelled", language, count=figures.cancelled) \
        if figures.cancelled else ""
    partners = say("yearly.group_partners", language,
                   partners=_joined(figures.partners, language)) if figures.partners else ""
    return say("yearly.end", language, text=say(
        "yearly.group", language, name=name, planned=figures.planned, left_out=left,
        held=figures.held, cancelled=cancelled,
        people=_people(figures.participants, language), partners=partners))


def volunteers(people: int, hours: float, teams: int, no_shows: int | None,
               rate: float | None, top: tuple[str, float] | None, language: str) -> str:
    """People mobilised and the hours they gave, by team; ``no_shows`` is None when no
    attendance was recorded at all (every hour is a planned one, and 0 no-shows would
    be a guess)."""
    absences = say("yearly.attendance_unrecorded", language) if no_shows is None else \
        say("yearly.no_shows", language, no_shows=no_shows,
            rate="—" if rate is None else f"{rate:.1%}")
    text = say("yearly.volunteers", language, people=people, hours=hours, teams=teams,
               absences=absences, unit=_unit(people, "volunteer", "volunteers", language),
               team_unit=_unit(teams, "team", "teams", language))
    return text + (say("yearly.volunteers_top", language, team=top[0], hours=top[1])
                   if top else "")
