"""Words and sentences of what happened, in Chinese and English: the attendance template,
the hours ledger, the certificates of service hours and the year-end report.

They are registered in the one catalogue (:data:`matching.i18n.CATALOGUE`) like every
other word, in families of their own, so that a heading reads the same in the ledger
and in the report, and a word the plans already use (``word.yes``, ``col.team``,
``kind.booking``) is never translated a second time here:

- ``ledger.*``: sheet names and column headings of the template, the ledger and the
  report's tables (the report shows the ledger's tables);
- ``value.*``: what a coordinator types in ``held`` and ``status`` (besides yes and no,
  which are ``word.*``) and the ledger's ``source``;
- ``help.*``, ``template.*``: the template's header comments and its first sheet;
- ``certificate.*``, ``period.*``: the certificates of service hours;
- ``report.*``, ``yearly.*``, ``quarter.*``, ``unit.*``: the year-end report's
  headings and the sentences made from its figures (templates only: which sentence and
  which values is :mod:`matching.actuals.review_text`'s business).

Sheet and column names a coordinator must type as they are (``actuals``, ``held``...)
are values of the templates, never words of them. A booking is 场地借用 here as in the
plans; 场地共享 (venue sharing) names only the report's section, as the center's own
annual report names that part of its work.
"""

from __future__ import annotations

from typing import Final

from .words import pairs

ACTUALS: Final[dict[str, dict[str, str]]] = {
    # sheets and column headings of the template, the ledger and the report's tables
    **pairs("ledger", {
        "readme": ("填写说明", "README"), "volunteer_ids": ("志愿者编号", "Volunteer ids"),
        "room_ids": ("场地编号", "Room ids"),
        "by_team": ("按队伍", "By team"), "by_quarter": ("按季度", "By quarter"),
        "hours_planned": ("其中按计划计", "Of which from the plan"),
        "activities": ("服务次数", "Activities worked"),
        "no_shows": ("缺席次数", "No-shows"), "no_show_rate": ("缺席率", "No-show rate"),
        "expected_no_show_rate": ("预计缺席率（用于排班）", "Expected no-show rate (to plan with)"),
        "source": ("来源", "Source"), "quarter": ("季度", "Quarter"),
        "volunteers": ("志愿者人数", "Volunteers"), "not_held": ("未举办", "Not held"),
        "participants": ("参与人次", "Participants"), "no_team": ("（无队伍）", "(no team)"),
        "group": ("项目", "Group"), "planned": ("计划", "Planned"),
        "as_planned": ("按计划举办", "Held as planned"), "moved": ("改期", "Moved"),
        "cancelled": ("取消", "Cancelled"), "unplanned": ("计划外举办", "Held unplanned"),
        "held": ("实际举办", "Held"), "partners": ("合作单位", "Partners"),
        # the ledger's count of a quarter: every kind, where the report's "held" counts
        # activities alone (bookings and meetings have their own lines)
        "held_all": ("举办场次（含场地借用、会议）", "Held (all kinds)"),
        "bookings_held": ("场地借用场次", "Bookings held"),
        "booking_participants": ("场地借用服务人次", "Residents served by bookings"),
        "volunteer_hours": ("志愿服务时长（小时）", "Volunteer hours"),
        "requested": ("需安排", "Asked for"), "left_out": ("未能排入计划", "Left out of the plan"),
    }),
    # values of held and status (yes and no are word.yes and word.no), and of source
    **pairs("value", {
        "moved": ("改期", "moved"), "came": ("到岗", "came"), "no_show": ("缺席", "no-show"),
        "swapped_in": ("替补", "swapped-in"), "left_early": ("早退", "left-early"),
        "actual": ("实际", "actual"), "planned": ("按计划", "planned"),
        "mixed": ("部分按计划", "mixed"),
        # another word for swapped-in, the one the template's instructions use, also read
        "stood_in": ("顶岗", "stood-in"),
        # a count nobody recorded (participants left blank): 0 would say nobody came
        "not_recorded": ("未记录", "not recorded"),
    }),
    # what each column of the template means: the comment of its header cell
    **pairs("help", {
        "activity_id": ("工作簿中的活动编号。计划外举办的活动请另加一行。",
                        "The activity's id in the workbook. Add a row for an activity held "
                        "although the plan did not schedule it."),
        "shown_only": ("仅供查看，不会读入。", "For reading only: not read back."),
        "held": ("是、否或改期（时间或场地有变）。",
                 "yes, no or moved (held at another time or in another room)."),
        "start": ("实际开始时间，格式 YYYY-MM-DD HH:MM。留空表示与计划相同。",
                  "When it really started, YYYY-MM-DD HH:MM. Blank: as planned."),
        "end": ("实际结束时间，格式 YYYY-MM-DD HH:MM。留空表示与计划相同。",
                "When it really ended, YYYY-MM-DD HH:MM. Blank: as planned."),
        "room_id": ("实际使用的场地编号（见“{rooms}”表）。留空表示与计划相同。",
                    "The room it was held in (its id: see the {rooms} sheet). Blank: as "
                    "planned."),
        "participants": ("实际参与的居民人数（整数）。",
                         "How many residents took part (a whole number)."),
        "note": ("内部备注：不会写入台账或证明。",
                 "For your own records: never copied into the ledger or certificates."),
        "volunteer_id": ("志愿者编号（见“{ids}”表）。替补人员请另加一行。",
                         "The volunteer's id (see the {ids} sheet). Add a row for each "
                         "volunteer who stood in."),
        "status": ("到岗、缺席、替补（计划外顶岗）或早退。",
                   "came, no-show, swapped-in (stood in, not planned) or left-early."),
        "hours": ("本次服务时长（小时，0 到 24）。留空表示整场活动时长；早退必须填写；"
                  "缺席不计时长（可留空、填 0 或保留预填的计划时长）。",
                  "Hours served in this activity, 0 to 24. Blank: as long as the activity "
                  "lasted. Required for left-early; a no-show counts none (blank, 0 or the "
                  "planned hours filled in may stay)."),
    }),
    # the first sheet of the template, line by line; sheet and column names are values
    **pairs("template", {
        "title": ("{center} 活动实际情况与志愿者出勤登记（{period}）",
                  "{center}: what happened and who came ({period})"),
        "intro": ("本工作簿由计划生成，已按计划预填。只需修改与计划不同的地方：",
                  "This workbook was written from the plan and is filled in as planned. "
                  "Change only what went differently:"),
        "actuals": ("1. “{actuals}”表：每个计划中的活动一行。{held} 填 是 / 否 / 改期；"
                    "改期时修改 {start}、{end} 或 {room_id}；{participants} 填实际参与人数。",
                    "1. Sheet '{actuals}': one row per planned activity. {held} is yes, no "
                    "or moved; for a moved activity change {start}, {end} or {room_id}; "
                    "{participants} is how many residents took part."),
        "attendance": ("2. “{attendance}”表：每位计划中的志愿者每场活动一行。{status} 填 到岗 / "
                       "缺席 / 替补 / 早退；{hours} 填实际服务时长（小时）。",
                       "2. Sheet '{attendance}': one row per planned volunteer and "
                       "activity. {status} is came, no-show, swapped-in or left-early; "
                       "{hours} is the hours they served."),
        "stand_in": ("3. 有人临时顶岗：在“{attendance}”表末尾加一行，{status} 填 替补，并填写其"
                     "编号（见“{ids}”表）和时长。",
                     "3. Someone stood in: add a row at the end of '{attendance}' with "
                     "{status} swapped-in, their volunteer id (see the {ids} sheet) and "
                     "their hours."),
        "deleted": ("4. 某位志愿者的行被删除时，按计划时长计入台账（来源标为“按计划”）。",
                    "4. A volunteer's row deleted: the ledger counts their planned hours, "
                    "marked 'planned' as the source."),
        "rules": ("规则：每场活动的时长为 0 到 24 小时；同一志愿者不能同时在两场活动中到岗；"
                  "时间须在规划期内或其后三个月内（延期举办的活动）；编号须与工作簿一致。"
                  "灰色列（{shown}）仅供查看。",
                  "Rules: 0 to 24 hours per activity; nobody came to two activities at the "
                  "same time; times inside the planned period or the three months after it "
                  "(an activity postponed); ids as in the workbook. Grey columns ({shown}) "
                  "are for reading only."),
        "keep": ("请勿修改表名“{actuals}”“{attendance}”和第一行的列名。备注（{note}）不会出现在"
                 "台账或证明中。",
                 "Keep the sheet names '{actuals}' and '{attendance}' and the column names "
                 "of the first row. Notes ({note}) never appear in the ledger or on "
                 "certificates."),
        "run": ("填好后生成台账：", "When it is filled in, make the ledger with:"),
    }),
    # what a cell of a filled template should have been, and how a row departs from the
    # plan (matching.actuals.tables, .reading); column names and values are as typed
    **pairs("actuals_valid", {
        "other_plan": ("{file} 是按另一个方案导出的出勤登记表：它列出的是那个方案的活动和人员；"
                       "请用 {command} 从实际执行的方案重新导出",
                       "{file} is a template exported from another plan: it lists that "
                       "plan's activities and people; export one from the plan that ran "
                       "with {command}"),
        "other_plan_absent": ("{file} 是按另一个方案导出的出勤登记表：它记录的 {count} 项活动"
                              "不在这个方案里（{activities}），例如它属于另一个季度的方案；"
                              "请与导出它的方案一起使用（一个台账只对应一个方案）",
                              "{file} is a template exported from another plan: {count} "
                              "activities it records are not in this plan ({activities}), as "
                              "when it belongs to another quarter's plan; use it with the plan "
                              "it was exported from (a ledger reads one plan)"),
        "other_plan_changed": ("{file} 是按另一个方案导出的出勤登记表：计入的活动在那个方案里的"
                               "时间、场地或人员不同（{activities}）；请用 {command} "
                               "从实际执行的方案重新导出，再把已填写的行抄过去",
                               "{file} is a template exported from another plan: activities "
                               "counted are there at other times, in other rooms or with "
                               "other people ({activities}); export one from the plan that "
                               "ran with {command}, and copy in the rows you filled"),
        "other_records": ("记录中的 {count} 项活动都不在这个工作簿的活动表中（{activities}）：这是"
                          "另一个工作簿或方案的实际记录；请用 {command} 从实际执行的方案导出"
                          "登记表",
                          "none of its {count} activities is an activity of this workbook "
                          "({activities}): these are the records of another workbook or "
                          "plan; export a template from the plan that ran with {command}"),
        "template_path": ("填好的出勤登记表（.xlsx 文件）或装有 CSV 文件的文件夹",
                          "a filled attendance template (.xlsx) or a folder of CSV files"),
        "tables": ("名为 “{first}” 或 “{second}” 的工作表或 CSV 文件",
                   "a sheet or CSV file named {first!r} or {second!r}"),
        "choice": ("{spelling}（{key}）", "{key} ({spelling})"),
        "activity_once": ("每项活动只写一行（第 {row} 行已有这项活动）",
                          "one row per activity (row {row} has this one)"),
        "plan_activity": ("方案中的活动（工作簿活动表中、规划期内的 {column}）",
                          "an activity of the plan (an {column} of the workbook's activities, "
                          "in the planned period)"),
        "unplanned_time": ("实际的 {column} 时间（计划没有安排这项活动）",
                           "the {column} (the plan did not schedule this activity)"),
        "in_period": ("规划期 {period} 内（或其后三个月内）的日期时间",
                      "a date-time inside the planned period {period} (or in the three "
                      "months after it)"),
        "after_period": ("在规划期 {period} 之后：按实际举办的时间计入",
                         "after the planned period {period}: counted when it was held"),
        "end_after": ("晚于开始时间 {start} 的结束时间", "an end after the start {start}"),
        "listed": ("工作簿{table}表中的 {column}", "a {column} of the workbook's {table}"),
        "held_in": ("{span}，在 {room}", "{span} in {room}"),
        "unplanned_held": ("计划没有安排的活动，实际举办于 {where}",
                           "an activity the plan did not schedule, held {where}"),
        "not_held": ("未举办（计划：{planned}）", "not held (the plan: {planned})"),
        "held_otherwise": ("实际举办于 {actual}（计划：{planned}）",
                           "held {actual} (the plan: {planned})"),
        "moved_as_planned": ("改期，但时间和场地与计划相同：请修改 {start}、{end} 或 {room}，"
                             "或改填 “{yes}”",
                             "moved, but at the planned time and room: change {start}, {end} "
                             "or {room}, or write {yes}"),
        "rowless_seats": ("{count} 位计划中的志愿者在已登记的活动里没有出勤行，按计划时长计入："
                          "{seats}；如果他们没有来，请加回这些行并填 {no_show}",
                          "{count} planned volunteer(s) have no attendance row in an activity "
                          "that was recorded, and count as serving as planned: {seats}; if "
                          "they did not come, add their rows back with {no_show}"),
        "seat": ("{name}（{title}）", "{name} ({title})"),
        "id_of_name": ("应填一个值（此列必填）：{name} 的编号是 {id}",
                       "a value (this column is required): {name} is {id}"),
        "not_their_name": ("{id} 是 {name}，与这一行的姓名不符{named}：请核对编号或姓名，以免把时长"
                           "记给别人",
                           "{id} is {name}, not the name in this row{named}: check the id and "
                           "the name, so that nobody is credited with another's hours"),
        "named_id": ("（{name} 的编号是 {id}）", " ({name} is {id})"),
        "swapped_in": ("计划没有安排在 {activity} 的志愿者，按 “{status}” 计入",
                       "a volunteer the plan did not have in {activity}, counted as {status}"),
        "seat_once": ("每位志愿者每项活动只写一行（第 {row} 行已有 {activity} 的 {volunteer}）",
                      "one row per volunteer and activity (row {row} has {volunteer} in "
                      "{activity})"),
        "unrecorded": ("{count} 项计划中的活动没有实际记录行（{activities}）：按计划举办计入",
                       "{count} planned activities have no actuals row ({activities}): "
                       "counted as held as planned"),
        "not_held_rows": ("{activity} 没有举办（实际记录第 {row} 行）：它的 {count} 行出勤记录"
                          "不计时长",
                          "{activity} was not held (actuals row {row}): its {count} "
                          "attendance row(s) count no hours"),
        "hours_before_leaving": ("应填离开前服务的小时数（“{status}” 时必填）",
                                 "the hours served before leaving ({status})"),
        "hours_from": ("不少于 {low:g} 的小时数", "hours of at least {low:g}"),
        "hours_at_most": ("一场活动最多 {most:g} 小时", "at most {most:g} hours in one activity"),
        "no_show_hours": ("留空或 0 小时（“{status}” 不计时长）",
                          "blank or 0 hours for a {status}"),
        "longer_than_held": ("{hours:g} 小时，超过 {activity} 实际举办的 {length:g} 小时"
                             "（{span}）：按所填时长计入",
                             "{hours:g} hours, more than the {length:g} that {activity} "
                             "lasted as held ({span}): counted as recorded"),
        "planned_hours_kept": ("{activity} 实际举办了 {length:g} 小时（{span}），比计划的 "
                               "{planned:g} 小时长；{count} 行出勤仍是登记表预填的 {planned:g} "
                               "小时，按所填计入：如按实际时长计，请清空这些行的时长",
                               "{activity} lasted {length:g} h as held ({span}), longer than "
                               "the {planned:g} h planned; {count} attendance row(s) still "
                               "give the {planned:g} h the template filled in, counted as "
                               "written: clear their hours to count the length as held"),
        "when_held": ("一行实际记录，写明这项活动何时举办（计划没有安排它）",
                      "an actuals row saying when this activity was held (the plan did not "
                      "schedule it)"),
        "one_place": ("同一时间只在一处：{volunteer} 在 {activity}（{span}）期间也在 {other}"
                      "（第 {row} 行，{other_span}）",
                      "one place at a time: {volunteer} is also at {other} (row {row}, "
                      "{other_span}) during {activity} ({span})"),
    }),
    **pairs("period", {"range": ("{first} 至 {last}", "from {first} to {last}")}),
    # a volunteer's certificate of service hours
    **pairs("certificate", {
        "title": ("志愿服务证明", "Certificate of volunteer service"),
        "certifies": ("兹证明", "This certifies that"),
        "served": ("于 {period} 期间在{center}参加志愿服务 {activities} {unit}，累计服务时长 "
                   "{hours} 小时。",
                   "gave {hours} hours of volunteer service in {activities} {unit} at "
                   "{center}, {period}."),
        "planned": ("其中 {planned} 小时按计划计入（未登记实际出勤）。",
                    "{planned} of these hours are counted as planned (no attendance was "
                    "recorded)."),
        "closing": ("特此证明。", "Hereby certified."),
        "signature": ("盖章：", "Signature and stamp:"),
        "none": ("本期没有志愿服务时长记录。", "No volunteer hours in this period."),
    }),
    # headings of the year-end report; its title names the period it covers
    **pairs("report", {
        "title": ("{center} {year} 年度工作报告（{period}）",
                  "{center}: {year} in review ({period})"),
        "title_quarter": ("{center} {quarter}工作报告（{period}）",
                          "{center}: review of {quarter} ({period})"),
        "title_period": ("{center} 工作报告（{period}）", "{center}: review ({period})"),
        "overview": ("计划与实际", "Plan and outcome"),
        "left_out": ("未能排入计划", "Left out of the plan"),
        "themes": ("主题活动", "Activities by theme"),
        "quarters": ("按季度", "By quarter"),
        "bookings": ("场地共享与会议接待", "Venue sharing and receptions"),
        "camp": ("暑期夏令营", "Summer camp"), "red_classroom": ("红色课堂", "Red classroom"),
        "volunteers": ("志愿服务", "Volunteers"),
        "highlights": ("夏令营与红色课堂", "Camp and red classroom"),
        "summary": ("概述", "Summary"), "section": ("栏目", "Section"), "text": ("内容", "Text"),
        "no_theme": ("（无主题）", "(no theme)"),
        "chart_quarters": ("各季度活动：计划与实际", "Activities by quarter: planned and held"),
        "chart_themes": ("各主题参与人次", "Participants by theme"),
        "chart_teams": ("各队伍志愿服务时长（小时）", "Volunteer hours by team"),
    }),
    **pairs("quarter", {
        "1": ("{year} 年一季度", "{year} Q1"), "2": ("{year} 年二季度", "{year} Q2"),
        "3": ("{year} 年三季度", "{year} Q3"), "4": ("{year} 年四季度", "{year} Q4"),
    }),
    # nouns counted: the singular for one in English, a measure word in Chinese
    **pairs("unit", {
        "activity": ("场", "activity"), "activities": ("场", "activities"),
        "service": ("次", "activity"), "services": ("次", "activities"),
        "booking": ("场", "booking"), "bookings": ("场", "bookings"),
        "reception": ("场", "meeting reception"), "receptions": ("场", "meeting receptions"),
        "volunteer": ("名", "volunteer"), "volunteers": ("名", "volunteers"),
        "team": ("支", "team"), "teams": ("支", "teams"),
    }),
    # the sentences of the year-end report, each filled from its figures only
    **pairs("yearly", {
        "overview": ("需安排 {requested} 项，排入计划 {planned} 项，未能排入 {left_out} 项"
                     "{left_out_kinds}；按计划举办 {as_planned} 项，"
                     "改期 {moved} 项{moved_reasons}，取消 {cancelled} 项{cancelled_reasons}。",
                     "Asked for {requested}; planned {planned}; left out of the plan "
                     "{left_out}{left_out_kinds}; held as planned {as_planned}; moved {moved}"
                     "{moved_reasons}; cancelled {cancelled}{cancelled_reasons}."),
        "kinds": ("（{kinds}）", " ({kinds})"),
        "kind_count": ("{kind} {count} 项", "{kind}: {count}"),
        "left_out": ("计划未能排入工作簿需安排的 {count} 项{kinds}，下表列出计划给出的原因。",
                     "The plan left out {count} of what the workbook asked for{kinds}; the "
                     "table gives the plan's reason for each."),
        "unrecorded": ("已举办的 {count} 项未记录参与人数，人次只计已记录的。",
                       " {count} held without a count of participants: the participants "
                       "given are those recorded."),
        # how many took part, or that nobody recorded it; the Chinese follows a verb
        "people": (" {count} 人次", "{count} participants"),
        "people_unrecorded": ("人次未记录", "participants not recorded"),
        "unplanned": ("另有计划外举办 {unplanned} 项。",
                      " A further {unplanned} were held although not planned."),
        "reasons": ("（原因：{reasons}）", " (reasons: {reasons})"),
        "reason": ("{reason} {count} 项", "{reason} {count}"),
        "no_reason": ("未注明", "no reason given"),
        "themes": ("主题活动实际举办 {held} {unit}（计划 {planned} 场），参与居民{people}。",
                   "{held} {unit} held of {planned} planned ({people})."),
        "themes_quarters": ("其中 {quarters}。", " By quarter: {quarters}."),
        "themes_quarter": ("{quarter} {count} 场", "{quarter} {count}"),
        "themes_top": ("参与人次最多的主题是“{theme}”（{count} 人次）。",
                       " The best attended theme was “{theme}” ({count} participants)."),
        "quarter": ("{quarter}计划活动 {planned} 场，举办 {held} 场，参与{people}，志愿服务 "
                    "{hours:g} 小时",
                    # not "held of planned": an activity moved into the quarter is held
                    # there, planned in another (23 held, 22 planned)
                    "{quarter}: {planned} activities planned, {held} held, {people}, "
                    "{hours:g} volunteer hours"),
        "end": ("{text}。", "{text}."),
        "bookings": ("场地借用需安排 {requested} 场，排入计划 {planned} 场，"
                     "未能排入 {left_out} 场；实际举办 {held} 场（取消 {cancelled} 场），"
                     "服务居民{people}；接待会议 {receptions} {reception_unit}。",
                     "Bookings: {requested} asked for, {planned} planned, {left_out} left "
                     "out of the plan; {held} held ({cancelled} cancelled), {people}; "
                     "{receptions} {reception_unit} hosted."),
        "group": ("{name}计划 {planned} 场{left_out}，实际举办 {held} 场{cancelled}，"
                  "参与{people}{partners}",
                  "{name}: {held} held of {planned} planned{left_out}{cancelled}, {people}"
                  "{partners}"),
        "group_left_out": ("（另有 {count} 场未能排入计划）",
                           " ({count} more left out of the plan)"),
        "group_cancelled": ("（取消 {count} 场）", " ({count} cancelled)"),
        "group_partners": ("；合作单位：{partners}", "; partners: {partners}"),
        "then": ("{first}{then}", "{first} {then}"),  # one sentence after another
        "volunteers": ("{people} {unit}志愿者参与服务，共 {hours:g} 小时，"
                       "来自 {teams} {team_unit}队伍；{absences}。",
                       "{people} {unit} from {teams} {team_unit} gave {hours:g} hours; "
                       "{absences}."),
        "no_shows": ("缺席 {no_shows} 次（缺席率 {rate}）",
                     "{no_shows} no-shows (a rate of {rate})"),
        "attendance_unrecorded": ("出勤未登记，时长按计划计，缺席情况未记录",
                                  "no attendance was recorded: the hours are as planned, "
                                  "the no-shows unknown"),
        "volunteers_top": ("服务时长最多的队伍是“{team}”（{hours:g} 小时）。",
                           " The team with most hours was “{team}” ({hours:g} hours)."),
    }),
}
