"""Words of the attendance template, the ledger and the certificates, in English and Chinese.

The people who fill in attendance and receive certificates read the workbook's language
(``settings.language``). Headings the plan exports already use come from their catalogue
(:mod:`matching.export.labels`), so a "Team" column reads the same in the plan and in the
ledger; the words only this package needs are kept here.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ..export.labels import label

#: key -> (English, Chinese)
WORDS: Final[dict[str, tuple[str, str]]] = {
    # sheets
    "readme": ("README", "填写说明"),
    "volunteer_ids": ("Volunteer ids", "志愿者编号"),
    "by_team": ("By team", "按队伍"),
    "by_quarter": ("By quarter", "按季度"),
    # ledger columns
    "hours_planned": ("Of which as planned", "其中按计划计"),
    "no_shows": ("No-shows", "缺席次数"),
    "no_show_rate": ("No-show rate", "缺席率"),
    "source": ("Source", "来源"),
    "quarter": ("Quarter", "季度"),
    "volunteers": ("Volunteers", "志愿者人数"),
    "not_held": ("Not held", "未举办"),
    "participants": ("Participants", "参与人数"),
    "no_team": ("(no team)", "（无队伍）"),
    # values of `held`, `status` and `source`
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "moved": ("moved", "改期"),
    "came": ("came", "到岗"),
    "no-show": ("no-show", "缺席"),
    "swapped-in": ("swapped-in", "替补"),
    "left-early": ("left-early", "早退"),
    "actual": ("actual", "实际"),
    "planned": ("planned", "按计划"),
    "mixed": ("mixed", "部分按计划"),
}

#: What each template column means, shown as the comment of its header cell.
COLUMN_HELP: Final[dict[str, tuple[str, str]]] = {
    "activity_id": ("The activity's id in the workbook. Add a row for an activity held "
                    "although the plan did not schedule it.",
                    "工作簿中的活动编号。计划外举办的活动请另加一行。"),
    "title": ("For reading only: not read back.", "仅供查看，不会读入。"),
    "name": ("For reading only: not read back.", "仅供查看，不会读入。"),
    "role": ("For reading only: not read back.", "仅供查看，不会读入。"),
    "held": ("yes, no or moved (held at another time or in another room).",
             "是、否或改期（时间或场地有变）。"),
    "start": ("When it really started, YYYY-MM-DD HH:MM. Blank: as planned.",
              "实际开始时间，格式 YYYY-MM-DD HH:MM。留空表示与计划相同。"),
    "end": ("When it really ended, YYYY-MM-DD HH:MM. Blank: as planned.",
            "实际结束时间，格式 YYYY-MM-DD HH:MM。留空表示与计划相同。"),
    "room_id": ("The room it was held in (room id). Blank: as planned.",
                "实际使用的场地编号。留空表示与计划相同。"),
    "participants": ("How many residents took part (a whole number).",
                     "实际参与的居民人数（整数）。"),
    "note": ("For your own records: never copied into the ledger or certificates.",
             "内部备注：不会写入台账或证明。"),
    "volunteer_id": ("The volunteer's id (see the volunteer ids sheet). Add a row for "
                     "each volunteer who stood in.",
                     "志愿者编号（见“志愿者编号”表）。替补人员请另加一行。"),
    "status": ("came, no-show, swapped-in (stood in, not planned) or left-early.",
               "到岗、缺席、替补（计划外顶岗）或早退。"),
    "hours": ("Hours served in this activity, 0 to 24. Blank: as long as the activity "
              "lasted. Required for left-early; blank or 0 for a no-show.",
              "本次服务时长（小时，0 到 24）。留空表示整场活动时长；"
              "早退必须填写；缺席留空或填 0。"),
}


def word(key: str, language: str) -> str:
    """``key`` in ``language`` (``"zh"`` or else English), from this catalogue or the
    exports' one; an unknown key is shown as itself."""
    pair = WORDS.get(key)
    if pair is None:
        return label(key, language)
    return pair[1] if language == "zh" else pair[0]


def column_help(column: str, language: str) -> str:
    pair = COLUMN_HELP[column]
    return pair[1] if language == "zh" else pair[0]


def readme_lines(language: str, center: str, period: str, run: str) -> list[str]:
    """The first sheet of the attendance template: how to fill it in and what happens
    to it; ``run`` is the command that turns the filled file into the ledger."""
    if language == "zh":
        return [
            f"{center} 活动实际情况与志愿者出勤登记（{period}）",
            "",
            "本工作簿由计划生成，已按计划预填。只需修改与计划不同的地方：",
            "1. “actuals”表：每个计划中的活动一行。held 填 是 / 否 / 改期；"
            "改期时修改 start、end 或 room_id；participants 填实际参与人数。",
            "2. “attendance”表：每位计划中的志愿者每场活动一行。status 填 到岗 / 缺席 / "
            "替补 / 早退；hours 填实际服务时长（小时）。",
            "3. 有人临时顶岗：在“attendance”表末尾加一行，status 填 替补，并填写其编号"
            "（见“志愿者编号”表）和时长。",
            "4. 某位志愿者的行被删除时，按计划时长计入台账（来源标为“按计划”）。",
            "",
            "规则：每场活动的时长为 0 到 24 小时；同一志愿者不能同时在两场活动中到岗；"
            "时间须在计划期内；编号须与工作簿一致。灰色列（title、name、role）仅供查看。",
            "请勿修改表名“actuals”“attendance”和第一行的列名。备注（note）不会出现在台账或证明中。",
            "",
            "填好后生成台账：",
            run,
        ]
    return [
        f"{center}: what happened and who came ({period})",
        "",
        "This workbook was written from the plan and is filled in as planned. Change only "
        "what went differently:",
        "1. Sheet 'actuals': one row per planned activity. held is yes, no or moved; for a "
        "moved activity change start, end or room_id; participants is how many residents "
        "took part.",
        "2. Sheet 'attendance': one row per planned volunteer and activity. status is "
        "came, no-show, swapped-in or left-early; hours is the hours they served.",
        "3. Someone stood in: add a row at the end of 'attendance' with status swapped-in, "
        "their volunteer id (see the volunteer ids sheet) and their hours.",
        "4. A volunteer's row deleted: the ledger counts their planned hours, marked "
        "'planned' as the source.",
        "",
        "Rules: 0 to 24 hours per activity; nobody came to two activities at the same "
        "time; times inside the planned period; ids as in the workbook. Grey columns "
        "(title, name, role) are for reading only.",
        "Keep the sheet names 'actuals' and 'attendance' and the column names of the first "
        "row. Notes (note) never appear in the ledger or on certificates.",
        "",
        "When it is filled in, make the ledger with:",
        run,
    ]


def period_text(language: str, first: date, last: date) -> str:
    """``from 2024-03-04 to 2024-03-10`` or ``2024-03-04 至 2024-03-10``."""
    return f"{first} 至 {last}" if language == "zh" else f"from {first} to {last}"


def certificate_text(language: str, *, name: str, hours: str, activities: int,
                     center: str, period: str, planned: str) -> tuple[str, list[str]]:
    """Title and paragraphs of one volunteer's certificate of service hours; ``planned``
    is the part of the hours counted as planned ("" when none), said plainly so the
    certificate never claims more than was recorded."""
    if language == "zh":
        lines = ["兹证明", name,
                 f"于 {period} 期间在{center}参加志愿服务 {activities} 次，"
                 f"累计服务时长 {hours} 小时。",
                 "特此证明。"]
        if planned:
            lines.insert(3, f"其中 {planned} 小时按计划计入（未登记实际出勤）。")
        return "志愿服务证明", lines
    lines = ["This certifies that", name,
             f"gave {hours} hours of volunteer service in {activities} "
             f"activit{'y' if activities == 1 else 'ies'} at {center}, {period}."]
    if planned:
        lines.append(f"{planned} of these hours are counted as planned (no attendance "
                     "was recorded).")
    return "Certificate of volunteer service", lines


def signature(language: str) -> str:
    return "盖章：" if language == "zh" else "Signature and stamp:"


def no_certificates(language: str) -> str:
    return "本期没有志愿服务时长记录。" if language == "zh" else \
        "No volunteer hours in this period."
