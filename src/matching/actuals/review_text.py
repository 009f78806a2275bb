"""The sentences of the year-end report, made from its figures.

Every sentence is a template of the catalogue (``yearly.*`` in
:mod:`matching.i18n.actuals`) filled from the figures of
:class:`~matching.actuals.review.Review` and nothing else: the report says what the
numbers say, in the words a center's annual report uses ("计划 161 项，按计划举办 150
项，改期 4 项，取消 7 项（原因：……）"), and a figure that is zero says so plainly rather
than being left out. This module chooses the templates (a part left out when it has
nothing to say, a noun in the singular for one) and the values; the words are the
catalogue's.
"""

from __future__ import annotations

from collections.abc import Sequence

from .labels import say
from .review import Group


def section_title(key: str, language: str) -> str:
    """The heading of a section of the report (``overview``, ``camp``...)."""
    return say(f"report.{key}", language)


def quarter_label(key: str, language: str) -> str:
    """``2023Q1`` as ``2023 年一季度`` or ``2023 Q1``."""
    year, number = key.split("Q")
    return say(f"quarter.{int(number)}", language, year=year)


def title(center: str, period: str, language: str) -> str:
    return say("report.title", language, center=center, period=period)


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


def overview(planned: int, as_planned: int, moved: int, cancelled: int, unplanned: int,
             moved_reasons: Sequence[tuple[str, int]],
             cancelled_reasons: Sequence[tuple[str, int]], language: str) -> str:
    """The plan beside what happened, every kind of activity together."""
    text = say("yearly.overview", language, planned=planned, as_planned=as_planned,
               moved=moved, moved_reasons=_reasons(moved_reasons, language),
               cancelled=cancelled, cancelled_reasons=_reasons(cancelled_reasons, language))
    return text + (say("yearly.unplanned", language, unplanned=unplanned) if unplanned else "")


def themes(planned: int, held: int, participants: int,
           per_quarter: Sequence[tuple[str, int]], top: tuple[str, int] | None,
           language: str) -> str:
    """Activities of the themes: held against planned, by quarter, the best-attended
    theme."""
    text = say("yearly.themes", language, held=held, planned=planned,
               participants=participants, unit=_unit(held, "activity", "activities", language))
    if per_quarter:
        items = [say("yearly.themes_quarter", language, quarter=quarter_label(q, language),
                     count=n) for q, n in per_quarter]
        text += say("yearly.themes_quarters", language, quarters=_joined(items, language))
    if top is not None:
        text += say("yearly.themes_top", language, theme=top[0], count=top[1])
    return text


def quarters(figures: Sequence[tuple[str, int, int, int, float]], language: str) -> str:
    """Each quarter's ``(quarter, planned, held, participants, volunteer hours)``."""
    items = [say("yearly.quarter", language, quarter=quarter_label(q, language),
                 planned=planned, held=held, people=people, hours=hours)
             for q, planned, held, people, hours in figures]
    return say("yearly.end", language, text=_joined(items, language, "semicolon"))


def bookings(planned: int, held: int, cancelled: int, participants: int,
             receptions: int, language: str) -> str:
    """Rooms lent out and the residents they served; meetings received."""
    return say("yearly.bookings", language, held=held, planned=planned, cancelled=cancelled,
               participants=participants, receptions=receptions,
               unit=_unit(held, "booking", "bookings", language),
               reception_unit=_unit(receptions, "reception", "receptions", language))


def group(which: str, figures: Group, language: str) -> str:
    """The summer camp's sessions or the red-classroom events, or that there were
    none."""
    name = section_title(which, language)
    if not figures.planned and not figures.held:
        # inside a sentence: lower case in English (Chinese has none)
        return say("yearly.group_none", language, name=name.lower())
    cancelled = say("yearly.group_cancelled", language, count=figures.cancelled) \
        if figures.cancelled else ""
    partners = say("yearly.group_partners", language,
                   partners=_joined(figures.partners, language)) if figures.partners else ""
    return say("yearly.end", language, text=say(
        "yearly.group", language, name=name, planned=figures.planned, held=figures.held,
        cancelled=cancelled, participants=figures.participants, partners=partners))


def volunteers(people: int, hours: float, teams: int, no_shows: int,
               rate: float | None, top: tuple[str, float] | None, language: str) -> str:
    """People mobilised and the hours they gave, by team."""
    text = say("yearly.volunteers", language, people=people, hours=hours, teams=teams,
               no_shows=no_shows, rate="—" if rate is None else f"{rate:.1%}",
               unit=_unit(people, "volunteer", "volunteers", language),
               team_unit=_unit(teams, "team", "teams", language))
    return text + (say("yearly.volunteers_top", language, team=top[0], hours=top[1])
                   if top else "")
