"""Words shown to readers of shared plans, in the workbook's language (English or Chinese).

Exports are read by staff and volunteers who never see the code, so column keys become
headings in the language the workbook's ``language`` setting names; one catalogue keeps
the Excel sheets, the HTML report and the calendars saying the same thing.
"""

from __future__ import annotations

from typing import Final

#: key -> (English, Chinese)
LABELS: Final[dict[str, tuple[str, str]]] = {
    # sheets and report sections
    "overview": ("Overview", "概览"),
    "by_day": ("By day", "按日期"),
    "by_room": ("By room", "按场地"),
    "by_volunteer": ("By volunteer", "按志愿者"),
    "roster": ("Volunteer roster", "志愿者名册"),
    "unscheduled": ("Unscheduled", "未安排"),
    "score": ("Score", "评分"),
    "timeline": ("Timeline", "时间轴"),
    "agenda": ("Agenda", "日程"),
    "kpis": ("Key figures", "关键指标"),
    "schedule": ("Schedule", "安排"),
    # columns
    "key": ("Item", "项目"),
    "value": ("Value", "值"),
    "date": ("Date", "日期"),
    "weekday": ("Day", "星期"),
    "start": ("Start", "开始"),
    "end": ("End", "结束"),
    "room": ("Room", "场地"),
    "activity_id": ("Activity id", "活动编号"),
    "title": ("Activity", "活动"),
    "theme": ("Theme", "主题"),
    "kind": ("Kind", "类型"),
    "priority": ("Priority", "优先级"),
    "attendance": ("Expected", "预计人数"),
    "staff": ("Volunteers", "志愿者"),
    "partner": ("Partner", "合作方"),
    "volunteer_id": ("Volunteer id", "志愿者编号"),
    "name": ("Name", "姓名"),
    "team": ("Team", "队伍"),
    "skills": ("Skills", "技能"),
    "age_band": ("Age band", "年龄段"),
    "role": ("Role", "岗位"),
    "activities": ("Activities", "活动数"),
    "hours": ("Hours", "时长(小时)"),
    "phone": ("Phone", "电话"),
    "notes": ("Notes", "备注"),
    "earliest_start": ("Earliest start", "最早开始"),
    "latest_end": ("Latest end", "最晚结束"),
    "reason": ("Reason", "原因"),
    "constraint": ("Rule", "规则"),
    "level": ("Level", "级别"),
    "weight": ("Weight", "权重"),
    "count": ("Count", "次数"),
    "penalty": ("Penalty", "扣分"),
    # overview items
    "workbook": ("Workbook", "工作簿"),
    "horizon": ("Period", "计划期"),
    "status": ("Solver status", "求解状态"),
    "feasible": ("Keeps every hard rule", "满足全部硬性规则"),
    "fingerprint": ("Data fingerprint", "数据指纹"),
    "audience": ("Audience", "读者范围"),
    "public": ("public (no contact details)", "公开（不含联系方式）"),
    "internal": ("internal (with contact details)", "内部（含联系方式）"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "none": ("nothing", "无"),
    "warning": ("Warning", "警告"),
}

WEEKDAYS: Final = (("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
                   ("周一", "周二", "周三", "周四", "周五", "周六", "周日"))


def label(key: str, language: str) -> str:
    """The heading for ``key`` in ``language`` (``"zh"`` or anything else for English);
    an unknown key is shown as itself, so a new column is never lost."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if language == "zh" else pair[0]


def broken_rules_warning(count: int, language: str) -> str:
    """The warning every shared copy of a plan that breaks hard rules carries, so that
    nobody acts on it unawares; empty when it breaks none."""
    if count == 0:
        return ""
    if language == "zh":
        return f"此计划违反 {count} 条硬性规则，分享或执行前请先核对修正。"
    return (f"This plan breaks {count} hard rule{'s' if count != 1 else ''}: check and "
            "correct it before sharing or acting on it.")


def weekday(number: int, language: str) -> str:
    """The short name of weekday ``number`` (0 = Monday)."""
    return WEEKDAYS[1 if language == "zh" else 0][number]
