"""The words and sentences of the year-end report, in Chinese and English.

Every sentence is a template filled from the figures of
:class:`~matching.actuals.review.Review` and nothing else: the report says what the
numbers say, in the words a center's annual report uses ("计划 161 项，按计划举办 150
项，改期 4 项，取消 7 项（原因：……）"), and a figure that is zero says so plainly rather
than being left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .review import Group

#: key -> (English, Chinese)
REVIEW_WORDS: Final[dict[str, tuple[str, str]]] = {
    "overview": ("Plan and outcome", "计划与实际"),
    "themes": ("Activities by theme", "主题活动"),
    "quarters": ("By quarter", "按季度"),
    "bookings": ("Venue sharing and receptions", "场地共享与会议接待"),
    "camp": ("Summer camp", "暑期夏令营"),
    "red_classroom": ("Red classroom", "红色课堂"),
    "volunteers": ("Volunteers", "志愿服务"),
    "highlights": ("Camp and red classroom", "夏令营与红色课堂"),
    "summary": ("Summary", "概述"),
    "section": ("Section", "栏目"),
    "text": ("Text", "内容"),
    "group": ("Group", "项目"),
    "kind": ("Kind", "类型"),
    "activity": ("Activities", "活动"),
    "meeting": ("Meeting receptions", "会议接待"),
    "booking": ("Bookings", "场地共享"),
    "planned": ("Planned", "计划"),
    "as_planned": ("Held as planned", "按计划举办"),
    "moved": ("Moved", "改期"),
    "cancelled": ("Cancelled", "取消"),
    "unplanned": ("Held unplanned", "计划外举办"),
    "held": ("Held", "实际举办"),
    "participants": ("Participants", "参与人次"),
    "partners": ("Partners", "合作单位"),
    "theme": ("Theme", "主题"),
    "no_theme": ("(no theme)", "（无主题）"),
    "quarter": ("Quarter", "季度"),
    "bookings_held": ("Bookings held", "场地共享场次"),
    "booking_participants": ("Residents served by bookings", "场地共享服务人次"),
    "hours": ("Volunteer hours", "志愿服务时长（小时）"),
    "team": ("Team", "队伍"),
    "no_team": ("(no team)", "（无队伍）"),
    "volunteers_count": ("Volunteers", "志愿者人数"),
    "activities": ("Activities worked", "服务次数"),
    "hours_planned": ("Of which as planned", "其中按计划计"),
    "no_shows": ("No-shows", "缺席次数"),
    "no_show_rate": ("No-show rate", "缺席率"),
    "chart_quarters": ("Activities by quarter: planned and held",
                       "各季度活动：计划与实际"),
    "chart_themes": ("Participants by theme", "各主题参与人次"),
    "chart_teams": ("Volunteer hours by team", "各队伍志愿服务时长（小时）"),
    "no_reason": ("no reason given", "未注明"),
}
_QUARTERS_ZH: Final = ("一", "二", "三", "四")


def rw(key: str, language: str) -> str:
    """``key`` in ``language``; an unknown key is shown as itself."""
    pair = REVIEW_WORDS.get(key)
    if pair is None:
        return key
    return pair[1] if language == "zh" else pair[0]


def quarter_label(key: str, language: str) -> str:
    """``2023Q1`` as ``2023 年一季度`` or ``2023 Q1``."""
    year, number = key.split("Q")
    return f"{year} 年{_QUARTERS_ZH[int(number) - 1]}季度" if language == "zh" \
        else f"{year} Q{number}"


def title(center: str, period: str, language: str) -> str:
    return f"{center} 年度工作报告（{period}）" if language == "zh" else \
        f"{center}: the year in review ({period})"


def count(n: int, unit_zh: str, unit_en: str, language: str) -> str:
    """``12 项`` or ``12 activities`` (``1 activity``)."""
    if language == "zh":
        return f"{n} {unit_zh}"
    return f"{n} {unit_en if n == 1 else _plural(unit_en)}"


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def _reasons(reasons: Sequence[tuple[str, int]], language: str) -> str:
    """``（原因：A 4 项；B 2 项）`` or `` (reasons: A 4; B 2)``; empty without any."""
    if not reasons:
        return ""
    parts = [f"{reason or rw('no_reason', language)} {n}" + (" 项" if language == "zh" else "")
             for reason, n in reasons]
    return f"（原因：{'；'.join(parts)}）" if language == "zh" else \
        f" (reasons: {'; '.join(parts)})"


def overview(planned: int, as_planned: int, moved: int, cancelled: int, unplanned: int,
             moved_reasons: Sequence[tuple[str, int]],
             cancelled_reasons: Sequence[tuple[str, int]], language: str) -> str:
    """The plan beside what happened, every kind of activity together."""
    if language == "zh":
        text = (f"计划 {planned} 项，按计划举办 {as_planned} 项，改期 {moved} 项"
                f"{_reasons(moved_reasons, language)}，取消 {cancelled} 项"
                f"{_reasons(cancelled_reasons, language)}。")
        return text + (f"另有计划外举办 {unplanned} 项。" if unplanned else "")
    text = (f"Planned {planned}; held as planned {as_planned}; moved {moved}"
            f"{_reasons(moved_reasons, language)}; cancelled {cancelled}"
            f"{_reasons(cancelled_reasons, language)}.")
    return text + (f" A further {unplanned} were held although not planned."
                   if unplanned else "")


def themes(planned: int, held: int, participants: int,
           per_quarter: Sequence[tuple[str, int]], top: tuple[str, int] | None,
           language: str) -> str:
    """Activities of the themes: held against planned, by quarter, the best-attended
    theme."""
    quarters = [(quarter_label(q, language), n) for q, n in per_quarter]
    if language == "zh":
        text = f"主题活动实际举办 {held} 场（计划 {planned} 场），参与居民 {participants} 人次。"
        if quarters:
            text += "其中 " + "、".join(f"{q} {n} 场" for q, n in quarters) + "。"
        if top is not None:
            text += f"参与人次最多的主题是“{top[0]}”（{top[1]} 人次）。"
        return text
    text = (f"{count(held, '', 'activity', language)} held of {planned} planned, with "
            f"{participants} participants.")
    if quarters:
        text += " By quarter: " + ", ".join(f"{q} {n}" for q, n in quarters) + "."
    if top is not None:
        text += f" The best attended theme was “{top[0]}” ({top[1]} participants)."
    return text


def quarters(figures: Sequence[tuple[str, int, int, int, float]], language: str) -> str:
    """Each quarter's ``(quarter, planned, held, participants, volunteer hours)``."""
    if language == "zh":
        return "；".join(f"{quarter_label(q, language)}计划活动 {planned} 场，举办 {held} 场，"
                        f"参与 {people} 人次，志愿服务 {hours:g} 小时"
                        for q, planned, held, people, hours in figures) + "。"
    return "; ".join(f"{quarter_label(q, language)}: {held} of {planned} planned activities "
                     f"held, {people} participants, {hours:g} volunteer hours"
                     for q, planned, held, people, hours in figures) + "."


def bookings(planned: int, held: int, cancelled: int, participants: int,
             receptions: int, language: str) -> str:
    """Rooms lent out and the residents they served; meetings received."""
    if language == "zh":
        return (f"场地共享实际 {held} 场（计划 {planned} 场，取消 {cancelled} 场），服务居民 "
                f"{participants} 人次；接待会议 {receptions} 场。")
    return (f"{count(held, '', 'booking', language)} held of {planned} planned "
            f"({cancelled} cancelled), serving {participants} residents; "
            f"{count(receptions, '', 'meeting reception', language)} hosted.")


def group(which: str, figures: Group, language: str) -> str:
    """The summer camp's sessions or the red-classroom events, or that there were
    none."""
    name = rw(which, language)
    if not figures.planned and not figures.held:
        return f"本期没有{name}活动。" if language == "zh" else \
            f"No {name.lower()} activities in this period."
    partners = ("、" if language == "zh" else ", ").join(figures.partners)
    if language == "zh":
        text = (f"{name}计划 {figures.planned} 场，实际举办 {figures.held} 场"
                + (f"（取消 {figures.cancelled} 场）" if figures.cancelled else "")
                + f"，参与 {figures.participants} 人次")
        return text + (f"；合作单位：{partners}。" if partners else "。")
    text = (f"{name}: {figures.held} held of {figures.planned} planned"
            + (f" ({figures.cancelled} cancelled)" if figures.cancelled else "")
            + f", {figures.participants} participants")
    return text + (f"; partners: {partners}." if partners else ".")


def volunteers(people: int, hours: float, teams: int, no_shows: int,
               rate: float | None, top: tuple[str, float] | None, language: str) -> str:
    """People mobilised and the hours they gave, by team."""
    shown_rate = "—" if rate is None else f"{rate:.1%}"
    if language == "zh":
        text = (f"{people} 名志愿者参与服务，共 {hours:g} 小时，来自 {teams} 支队伍；"
                f"缺席 {no_shows} 次（缺席率 {shown_rate}）。")
        return text + (f"服务时长最多的队伍是“{top[0]}”（{top[1]:g} 小时）。" if top else "")
    text = (f"{count(people, '', 'volunteer', language)} from "
            f"{count(teams, '', 'team', language)} gave {hours:g} hours; {no_shows} "
            f"no-shows (a rate of {shown_rate}).")
    return text + (f" The team with most hours was “{top[0]}” ({top[1]:g} hours)."
                   if top else "")
