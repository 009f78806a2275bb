"""Sentence templates of the evaluator's findings and the explanations, in both languages.

A finding or a reason is made as a :class:`~matching.i18n.Message` (a key of this table
and its values) and rendered when shown, so the same finding reads in English in a log
and in Chinese in the coordinator's report. The English templates say exactly what the
English f-strings said before them: tests and scripts match on those words.
"""

from __future__ import annotations

from typing import Final

from .words import pairs

SENTENCES: Final[dict[str, dict[str, str]]] = {
    # pieces other sentences are made of
    **pairs("piece", {
        "placed": ("{title}（{when}）", "{title} on {when}"),
        "labelled": ("{title}（{id}）", "{title} ({id})"),
        "ranked": ("{title}（{id}，{priority}优先级）", "{title} ({id}), {priority} priority"),
        "busy_with": ("{name} 正在参加 {activity}", "{name} is busy with {activity}"),
    }),
    # why there is no plan: rule groups that conflict, shortages counted (solver, counting)
    **pairs("conflict", {
        "shortage": ("{count} 项必须举办的活动（{titles}）在 {first} 至 {last} 之间需要"
                     "{resource} {needed:g} 小时；那时只有 {available:g} 小时{staffed}",
                     "{count} activities that must take place ({titles}) need {needed:g} h of "
                     "{resource} between {first} and {last}; only {available:g} h of it exist "
                     "then{staffed}"),
        "staffed_times": ("（只算有人能担任其岗位的时间）",
                          " (counting only the times someone can fill their roles)"),
        "rooms": ("场地 {names}", "the rooms {names}"), "room": ("{name}", "{name}"),
        "with_turnaround": ("{rooms}（含两次使用之间的整理时间）",
                            "{rooms} (counting the turnaround between uses)"),
        "cohort_time": ("群体 {cohort} 的时间", "the time of cohort {cohort}"),
        "person_time": ("{name} 的时间", "the time of {name}"),
        "role_min": ("{title}（{activity}）的{role}岗位至少 {min} 人",
                     "role {role} of {title} ({activity}) has at least {min} volunteer(s)"),
        "limit": ("{name}（{volunteer}）遵守上限：{rule}",
                  "{name} ({volunteer}) keeps to the limit: {rule}"),
        "rest": ("{name}（{volunteer}）长班后休息 {hours:g} 小时",
                 "{name} ({volunteer}) rests {hours:g} h after a long shift"),
        "must": ("{title}（{activity}）必须举办", "{title} ({activity}) must take place"),
        "pins": ("{title}（{activity}）的锁定保持不变", "the pins on {title} ({activity}) hold"),
        "pin_breaks": ("{title}（{activity}）的锁定本身就违反规则：{rules}",
                       "the pins on {title} ({activity}) break a rule on their own: {rules}"),
        "not_isolated": ("规则相互冲突，但未能在时限内找出更小的冲突集合",
                         "the rules conflict, but no smaller set could be isolated in time"),
        "give_way": ("没有方案能守住所有规则：至少要放宽 {count} 条，例如{groups}"
                     "（未能在时限内找出最小的冲突集合）",
                     "no plan keeps every rule: at least {count} must give way, for example "
                     "{groups} (no smallest conflicting set was isolated in time)"),
        "unexplained": ("工作簿的规则相互冲突，无法归结到某一组规则（例如群体或系列顺序排不开）",
                        "the workbook's rules conflict in a way no single rule group explains "
                        "(for example cohorts or series order that cannot fit)"),
        "no_plan": ("没有方案：{conflicts}", "no plan: {conflicts}"),
        "stopped": ("在找到方案之前已停止", "stopped before a plan was found"),
        "time_up": ("时限内没有找到方案", "no plan was found within the time limit"),
        "first_fit_must": ("顺序排班没能为必办活动 {activity} 找到位置",
                           "greedy found no place for must activity {activity}"),
        "series_must": ("{first} 和 {second} 都必须举办，但{clash}",
                        "{first} and {second} must both take place, but {clash}"),
        # what the activities of a conflict have in common, for a reader to see why
        "binds": ("其中 {activities} 只能在 {first} 至 {last} 之间举办（{span:g} 小时{staffed}）"
                  "{need}{series}{cohorts}{people}{rooms}",
                  "of these, {activities} can only take place between {first} and {last} "
                  "({span:g} h{staffed}){need}{series}{cohorts}{people}{rooms}"),
        # only where no two of them can take place at once
        "binds_need": ("，合计需要 {need:g} 小时", " and take {need:g} h together"),
        "binds_staffed": ("，只算有人能担任其岗位的时间",
                          ", counting only the times someone can fill their roles"),
        "binds_series": ("；同属系列 {series}（按顺序举办）",
                         "; they are sessions of the series {series}, held in order"),
        "binds_cohort": ("；同属群体 {cohorts}（同一群体的活动不能同时进行）",
                         "; they share the cohort(s) {cohorts}, whose activities never "
                         "overlap"),
        "binds_people": ("；{roles}只有 {names} 能担任", "; only {names} can fill {roles}"),
        "role_of": ("{activity} 的{role}岗位", "role {role} of {activity}"),
        "binds_room": ("；只能使用 {room}", "; they can only use {room}"),
    }),
    # what a workbook cell should have been (matching.io: cells, rows, build)
    **pairs("valid", {
        "day": ("星期几（{days}、Mon..Sun、1..7）、{holiday}（节假日）或日期 YYYY-MM-DD",
                "a weekday (Mon..Sun, {days}, 1..7), {holiday!r} or a date YYYY-MM-DD"),
        "date_before": ("{year} 年之前的日期 YYYY-MM-DD",
                        "a date YYYY-MM-DD before the year {year}"),
        "date": ("日期 YYYY-MM-DD", "a date YYYY-MM-DD"),
        "month": ("月份为 1 至 12 的日期 YYYY-MM-DD（这里的月份是 {month}）",
                  "a date YYYY-MM-DD whose month is 1 to 12 (not {month})"),
        "month_days": ("存在的日期：{month} 只有 {days} 天", "a date that exists: {month} has "
                       "{days} days"),
        "time": ("时间 HH:MM，00:00 至 {last}", "a time HH:MM from 00:00 to {last}"),
        "moment": ("日期时间 YYYY-MM-DD HH:MM 或日期 YYYY-MM-DD",
                   "a date-time YYYY-MM-DD HH:MM or a date YYYY-MM-DD"),
        "number": ("一个数", "a number"),
        # .15g: a bound of a million reads 1000000, not 1e+06
        "number_between": ("{low:.15g} 至 {high:.15g} 之间的数",
                           "a number from {low:.15g} to {high:.15g}"),
        "number_from": ("不小于 {low:.15g} 的数", "a number of at least {low:.15g}"),
        "number_to": ("不大于 {high:.15g} 的数", "a number of at most {high:.15g}"),
        "whole": ("一个整数", "a whole number"),
        "whole_between": ("{low:.15g} 至 {high:.15g} 之间的整数",
                          "a whole number from {low:.15g} to {high:.15g}"),
        "whole_from": ("不小于 {low:.15g} 的整数", "a whole number of at least {low:.15g}"),
        "whole_to": ("不大于 {high:.15g} 的整数", "a whole number of at most {high:.15g}"),
        "decimal_point": ("{expected}，小数点写作 “.”（1.5，不是 1,5）",
                          "{expected}, with a decimal point (1.5, not 1,5)"),
        "excel_number": ("{expected}（这是表格软件存储 {shown} 所用的数字：请把单元格格式设为日期"
                         "或时间，或直接填写 {shown}）",
                         "{expected} (this is the number Excel stores {shown} as: format the "
                         "cell as a date or time, or type {shown})"),
        "no_thousands": ("{expected}，不加千位分隔符（1000，不是 1,000），小数点写作 “.”",
                         "{expected}, without a thousands separator (1000, not 1,000) and "
                         "with a decimal point (1.5)"),
        "one_of": ("以下之一：{choices}", "one of {choices}"),
        "required": ("应填一个值（此列必填）", "a value (this column is required)"),
        "after": ("晚于{start}的时间（{why}）", "a time after {start} ({why})"),
        "same_day_room": ("场地当天开放、当天关闭", "rooms open and close the same day"),
        "midnight": ("{why}；午夜请写 24:00", "{why}; midnight is written 24:00"),
        "after_noon": ("{why}；如果指的是 {end}，请这样填写",
                       "{why}; if {end} was meant, write it so"),
        "same_day_window": ("时段当天结束", "windows end the same day"),
        "never_scheduled": ("该活动永远无法排期：{reason}",
                            "this activity can never be scheduled: {reason}"),
        "series_listed_late": ("按课次先后排列的系列各行：{late} 必须在前面的 {first} 之前举办"
                               "（表格按别的列排过序？）；它被提前到 {first} 之前",
                               "the rows of a series in the order of its sessions: {late} "
                               "must take place before {first}, an earlier row (the sheet "
                               "sorted by another column?); it is taken before it"),
        "series_clash": ("{clash}：两者不可能都排期；请按举办的先后排列这些行，"
                         "或修改它们的时间窗口",
                         "{clash}: they can never both be scheduled; put the rows in the order "
                         "the sessions take place, or correct their windows"),
        "unique_seen": ("前面各行没有用过的 {column}（编号不能重复；第 {row} 行已经用了它）",
                        "a value of {column} not used by an earlier row (ids are unique; "
                        "row {row} has it)"),
        "setting_once": ("每个设置只写一次", "each setting once"),
        "weight_term": ("{pattern}（{terms} 之一）",
                        "{pattern} with a term among {terms}"),
        "setting": ("已知的设置：{keys}", "a known setting: {keys}"),
        "setting_row": ("键为 “{key}” 的一行", "a row with key {key!r}"),
        "setting_misspelt": ("键 “{key}”（没有这一行；这里是不是把它写错了？）",
                             "the key {key!r} (there is no row with it: is this it, "
                             "misspelt?)"),
        "column_misspelt": ("名为 “{column}” 的列（没有这一列；这里是不是把它写错了？）",
                            "a column named {column!r} (there is none: is this it, "
                            "misspelt?)"),
        "timezone": ("IANA 时区名，例如 {example}", "an IANA time zone such as {example}"),
        "holidays": ("{package} 库认识的国家代码（CN、GB、US 等），留空表示不计节假日",
                     "an ISO country code known to the {package} package (CN, GB, US, ...) or "
                     "blank for none"),
        "on_or_after": ("不早于 {start} 的日期", "a date on or after {start}"),
        "moment_after": ("晚于{start}的时刻", "a moment after {start}"),
        "skill": ("至少一个技能标签", "at least one skill tag"),
        "target": ("某项活动的编号、主题、系列或标签（这条意愿对不上任何活动）",
                   "an activity, theme, series or tag of some activity (this preference "
                   "matches nothing)"),
        "duration_fits": ("放得进 {first} 与 {last} 之间的时长（这段时间只有 {window} 分钟）",
                          "a duration that fits between {first} and {last} (they are "
                          "{window} min apart)"),
        "in_horizon": ("规划期内的时间窗口（{first} 至 {last} 24:00）",
                       "a window inside the settings' horizon ({first} to {last} 24:00)"),
        "fixed_start": ("时间窗口内、留得下活动时长的开始时间",
                        "a start inside the window, leaving room for the duration"),
        "role_once": ("每项活动的每个岗位只写一次", "each role once per activity"),
        "role_order": ("{order}（最少 ≤ 目标 ≤ 最多）", "{order}"),
        # {table}, {other}: a table_name word; {sheet}: the sheet or file, as it is named
        "listed": ("{table}表中列出的编号{hint}", "an id listed in {table}{hint}"),
        "minutes_not_hours": ("{expected}（这一列填分钟数：{hours} 小时是 {minutes}）",
                              "{expected} (the column takes minutes: {hours} h is {minutes})"),
        "number_alone": ("{expected}（只填数字：{number}）",
                         "{expected} (type the number alone: {number})"),
        "shorter_than_slot": ("不短于一个时段（{slot} 分钟）的时长：{minutes} 分钟会按一整个时段"
                              "安排（这一列填分钟数：{minutes} 小时是 {hours}）",
                              "a duration of one slot ({slot} min) or more: {minutes} min is "
                              "planned as a whole slot (the column takes minutes: {minutes} h is "
                              "{hours})"),
        "on_grid_hours": ("落在 {slot} 分钟时间格上的时间（规划只保留完整的可用时间格，"
                          "不可用的行碰到的时间格都会被占用）",
                          "a time on the {slot}-minute grid (the planner keeps only whole "
                          "slots of available time and blocks every slot an unavailable row "
                          "touches)"),
        # a warning's note, after what the cell holds
        "hours_open": ("这段时间没有场地开放（场地最早 {first} 开门，最晚 {last} 关门），"
                       "排不进任何活动{afternoon}",
                       "no room is open then (rooms open at {first} at the earliest and "
                       "close at {last} at the latest), so no activity can be planned in "
                       "it{afternoon}"),
        "afternoon": ("；如果指的是 {start}–{end}，请这样填写",
                      "; if {start}–{end} was meant, write it so"),
        "on_grid": ("落在 {slot} 分钟时间格上的开始时间", "a start on the {slot}-minute grid"),
        "table": ("名为 “{name}” 的表（CSV 文件或工作表）",
                  "a table (CSV file or sheet) named {name!r}"),
        "column": ("名为 “{column}” 的列（表中没有）", "a column named {column!r} (there is none)"),
        "known_column": ("已知的列（{columns}）；这一列将被忽略",
                         "a known column ({columns}); this one is ignored"),
        "readable_xlsx": ("可以打开的 .xlsx 文件（用表格软件另存为 .xlsx 即可；"
                          "读取时出错：{detail}）", "a readable .xlsx file ({detail})"),
        # an .xlsx that is no zip archive, by what it is (matching.io.files)
        "xlsx_empty": ("一个 .xlsx 工作簿：这个文件是空的（0 字节）；请重新保存或复制一份",
                       "an .xlsx workbook: this file is empty (0 bytes); save or copy it "
                       "again"),
        "xlsx_text": ("一个 .xlsx 工作簿：这个文件是文本（也许是改了扩展名的 CSV 文件）；工作簿"
                      "是用 WPS 等表格软件保存的 .xlsx 文件，或每张表一个 CSV 文件的文件夹",
                      "an .xlsx workbook: this file is text (a CSV file renamed .xlsx?); a "
                      "workbook is an .xlsx file saved by Excel or WPS, or a folder of CSV "
                      "files, one per table"),
        "xlsx_old_or_locked": ("一个 .xlsx 工作簿：这个文件是旧版表格文件（.xls）或设置了"
                               "打开密码的文件；请用 WPS 等表格软件打开，如有密码先取消，再另存"
                               "为 .xlsx",
                               "an .xlsx workbook: this file is an old Excel file (.xls) or "
                               "one locked with a password; open it in Excel or WPS, remove "
                               "the password if it has one, and save it as .xlsx"),
        "xlsx_damaged": ("一个 .xlsx 工作簿：这个文件已损坏或不是 .xlsx 文件（复制或下载不完整，"
                         "或别的文件改了扩展名）；请重新复制，或用 WPS 等表格软件重新保存",
                         "an .xlsx workbook: this file is damaged or is not one (a copy or "
                         "download cut short, another kind of file renamed .xlsx); copy it "
                         "again, or save it anew from Excel or WPS"),
        # a whole zip archive, but not of a workbook (a .zip or .docx renamed .xlsx)
        "xlsx_archive": ("一个 .xlsx 工作簿：这个文件是 zip 压缩包，但里面不是工作簿（也许是"
                         "改了扩展名的压缩包或其他文档）；如果里面是 CSV 文件，请解压到一个文件夹，"
                         "再使用这个文件夹；否则请用 WPS 等表格软件把工作簿另存为 .xlsx",
                         "an .xlsx workbook: this file is a zip archive that holds no workbook "
                         "(an archive or another document renamed .xlsx?); if it holds CSV "
                         "files, unzip them into a folder and use the folder, else save the "
                         "workbook as .xlsx from Excel or WPS"),
        "full_width_commas": ("用半角逗号 “,” 分隔的单元格：这一行用的是全角逗号 “，”，"
                              "整行都落在了第一列",
                              "cells separated by the comma ',': this row is separated by "
                              "full-width commas (U+FF0C), so all of it landed in its first "
                              "cell"),
        "hidden_time": ("显示出全部内容的单元格：它显示 {shown}，存的却是 {shown} {time}（单元格"
                        "格式隐藏了时间），按 {time} 读取；请把格式改为显示时间，或只填日期",
                        "a cell that shows what it holds: it shows {shown} but holds {shown} "
                        "{time} (its format hides the time), read as {time}; format the "
                        "cell to show the time, or type the date alone"),
        "margin_columns": ("从 A 列开始的表格：这张表从 {column} 列开始，请删除它左边的空列",
                           "a table that starts in column A: it starts in column {column}; "
                           "delete the empty column(s) left of it"),
        "header_first": ("第 1 行为表头（列名）：列名在第 {row} 行，请删除它上面的行",
                         "the header (the column names) in row 1: they are on row {row}; "
                         "delete the rows above it"),
        "copied_sheet": ("每张表只用一张工作表：只读取 “{read}”，这张工作表不会被读取，其中的行"
                         "不参与排期（请把这些行并入 “{read}”，或给这张工作表改名）",
                         "one sheet for this table: only {read!r} is read, and the rows of "
                         "this one are not planned (merge them into {read!r}, or rename this "
                         "sheet)"),
        "copied_file": ("每张表只用一个文件：只读取 “{read}”，这个文件不会被读取，其中的行"
                        "不参与排期（请把这些行并入 “{read}”，或给这个文件改名）",
                        "one file for this table: only {read!r} is read, and the rows of "
                        "this one are not planned (merge them into {read!r}, or rename this "
                        "file)"),
        "misnamed_sheet": ("名为 “{table}” 的工作表：没有这张工作表，而这张名称相近的工作表"
                           "不会被读取（如果表在这里，请把它改名为 “{table}”）",
                           "a sheet named {table!r}: there is none, and this one, whose name "
                           "is close, is not read (rename it to {table!r} if it holds the "
                           "table)"),
        "unread_sheets": ("名为 “{name}” 的工作表：没有这张工作表（没有读取的工作表：{unread}；"
                          "各表从名为 {tables} 的工作表读取：请把存放这张表的工作表改名为 "
                          "“{name}”）",
                          "a sheet named {name!r}: there is none (sheets not read: {unread}; "
                          "tables are read from sheets named {tables}: rename the one that "
                          "holds this table to {name!r})"),
        "unread_files": ("名为 “{name}” 的文件：没有这个文件（没有读取的文件：{unread}；"
                         "各表从名为 {tables} 的文件读取：请把存放这张表的文件改名为 "
                         "“{name}”）",
                         "a file named {name!r}: there is none (files not read: {unread}; "
                         "tables are read from files named {tables}: rename the one that holds "
                         "this table to {name!r})"),
        "columns_of_sheet": ("名为 “{table}” 的工作表：没有这张工作表，而这张工作表有它的各列，"
                             "却不会被读取（如果表在这里，请把它改名为 “{table}”）",
                             "a sheet named {table!r}: there is none, and this one has its "
                             "columns but is not read (rename it to {table!r} if it holds "
                             "the table)"),
        "columns_of_file": ("名为 “{name}” 的文件：没有这个文件，而这个文件有它的各列，却不会被"
                            "读取（如果表在这里，请把它改名为 “{name}”）",
                            "a file named {name!r}: there is none, and this one has its "
                            "columns but is not read (rename it to {name!r} if it holds the "
                            "table)"),
        "misnamed_file": ("名为 “{name}” 的文件：没有这个文件，而这个名称相近的文件不会被读取"
                          "（如果表在这里，请把它改名为 “{name}”，或用表格软件另存为这个名称"
                          "的 CSV 文件）",
                          "a file named {name!r}: there is none, and this one, whose name is "
                          "close, is not read (rename it to {name!r}, or save it as CSV under "
                          "that name, if it holds the table)"),
        "hidden_columns": ("所有列可见：{columns} 列被隐藏了，但其中填写的内容仍会被读取并参与排期"
                           "（取消隐藏即可看到）",
                           "visible columns: the columns {columns} are hidden, and what "
                           "they hold is read and planned all the same (unhide them to see "
                           "it)"),
        "hidden_rows": ("所有行可见：有些行被隐藏了（被筛选掉或折叠），但仍会被读取并参与排期"
                        "（取消筛选或取消隐藏即可看到）；隐藏的行号：{rows}",
                        "visible rows: rows {rows} are hidden (filtered out or collapsed), and "
                        "they are read and planned all the same (clear the filter or unhide "
                        "them to see them)"),
        "skill_held": ("某位志愿者具备的技能：没有志愿者具备 “{tag}”（共 {count} 行需要它）"
                       "{hint}",
                       "a skill some volunteer has: no volunteer has {tag!r}, which {count} "
                       "row(s) ask for{hint}"),
        "equipment_held": ("某个场地具备的设备：没有场地具备 “{tag}”（共 {count} 项活动需要它）"
                           "{hint}",
                           "equipment some room has: no room has {tag!r}, which {count} "
                           "activity row(s) ask for{hint}"),
        "did_you_mean": ("；是不是 “{tag}”？", "; did you mean {tag!r}?"),
        # a tag no other table names, typed as several run together (matching.io.build)
        "run_together_skill": ("技能 “{tag}” 被读作一个技能，没有岗位需要它；岗位需要的是 "
                               "{parts}：技能之间请用 “;” 分隔",
                               "the skill {tag!r} is read as one skill, which no role asks "
                               "for; roles ask for {parts}: separate skills with ';'"),
        "run_together_room_equipment": ("设备 “{tag}” 被读作一项设备，没有活动需要它；活动需要"
                                        "的是 {parts}：设备之间请用 “;” 分隔",
                                        "the equipment {tag!r} is read as one item, which no "
                                        "activity asks for; activities ask for {parts}: "
                                        "separate equipment with ';'"),
        "run_together_activity_equipment": ("设备 “{tag}” 被读作一项设备，没有场地具备它；场地"
                                            "具备的是 {parts}：设备之间请用 “;” 分隔",
                                            "the equipment {tag!r} is read as one item, which "
                                            "no room has; rooms have {parts}: separate "
                                            "equipment with ';'"),
        "room_name_once": ("与其他场地不同的名称：第 {row} 行（{id}）也叫这个名字；方案、日历和页面"
                           "都用名称指场地，同名的两个场地会被看成一个（可写成 “活动室（北区）”）",
                           "a name no other room has: row {row} ({id}) has it too; plans, "
                           "calendars and pages name rooms by name, and two of one name read "
                           "as one room (say 'Studio (North)')"),
        "same_person": ("每人只登记一行：第 {row} 行（{id}）的姓名和电话与这一行相同；如果是同一个"
                        "人，请只保留一行（两个编号会被当作两个人，可能同时被安排在两处，服务时长"
                        "也分开计算）",
                        "one row per person: row {row} ({id}) has the same name and phone; if "
                        "they are one person, keep one row (as two ids they may be planned in "
                        "two places at once, and their hours are counted apart)"),
        "themes_unlisted": ("活动写了主题（{themes}），但工作簿中没有主题表：这些主题不会"
                            "被核对，方案和导出中也不显示",
                            "activities name themes ({themes}), but the workbook has no "
                            "themes table: they are not checked, and plans and exports show "
                            "none"),
        "absent_table": ("{table}表引用了{other}表，但工作簿中没有可读取的{other}表"
                         "（名为 “{sheet}” 的工作表或 CSV 文件）",
                         "{table} refers to {other}, but the workbook has no {other} table "
                         "that could be read (a sheet or CSV file named {sheet!r})"),
        "absent_ids": ("{table}表引用了{other}表，但{other}表没有 “{column}” 列，"
                       "无法核对所填的编号",
                       "{table} refers to {other}, but the {other} table has no column "
                       "{column!r} to look its ids up in"),
        "preference_once": ("每位志愿者对同一对象只写一行：第 {row} 行已经写过（两行的权重相加）",
                            "one row per volunteer and target: row {row} has it already "
                            "(the weights of both rows add up)"),
        "closure_in_horizon": ("与规划期（{first} 至 {last} 24:00）有重叠的闭馆时间：这一行在"
                               "规划期之外，不起作用",
                               "a closure overlapping the horizon ({first} to {last} 24:00): "
                               "this one lies outside it and closes nothing"),
        "date_in_horizon": ("规划期（{first} 至 {last}）内的日期：这一行在规划期之外，不起作用",
                            "a date inside the horizon ({first} to {last}): this row lies "
                            "outside it and changes nothing"),
        "no_availability_table": ("志愿者的可服务时间：工作簿里没有任何可用时间行，所以没有志愿者"
                                  "能在任何时间服务，任何岗位都排不上人；请在可用时间表中列出"
                                  "每位志愿者可以服务的时间（{columns}）",
                                  "when volunteers can serve: the workbook has no availability "
                                  "rows, so no volunteer can serve at any time and no role can "
                                  "be filled; list when each can serve in an availability "
                                  "table ({columns})"),
        "no_availability": ("该志愿者从不可用（没有可用时间行）",
                            "this volunteer is never available (no availability rows)"),
        "no_time_in_horizon": ("该志愿者在规划期内从不可用：其 {count} 行可用时间都没有在规划期内"
                               "给出完整的可用时间格",
                               "this volunteer is never available in the horizon: none of "
                               "their {count} availability row(s) gives a whole slot of "
                               "available time in it"),
        "room_never_open": ("该场地在规划期内从不开放", "this room is never open in the horizon"),
        # the workbook's files and sheets as they are read (matching.io.files)
        "workbook_path": ("装有 CSV 文件的文件夹，或 .xlsx 文件",
                          "a folder of CSV files or an .xlsx file"),
        "save_as_xlsx": ("装有 CSV 文件的文件夹，或 .xlsx 文件：请把这个文件另存为 .xlsx（在 WPS "
                         "或其他表格软件中：文件 › 另存为，文件类型选 .xlsx），再检查另存的文件",
                         "a folder of CSV files or an .xlsx file: save this file as .xlsx "
                         "(Excel: File › Save As › Excel Workbook (*.xlsx); WPS: File › Save "
                         "As › .xlsx) and check the saved file"),
        "encoding": ("以 UTF-8、UTF-16 或 GB18030 编码的文本文件",
                     "a text file encoded as UTF-8, UTF-16 or GB18030"),
        "csv_line": ("格式正确的 CSV 行（{detail}）", "a well-formed CSV line ({detail})"),
        "one_sheet": ("每张表只用一张工作表（只读取第一张，另一张会被忽略：请删除其中一张，"
                      "或给它改名）",
                      "one sheet for this table (the first is read, the other ignored: delete "
                      "or rename one)"),
        "one_file": ("每张表只用一个文件（只读取第一个，另一个会被忽略：请删除其中一个，"
                     "或给它改名）",
                     "one file for this table (the first is read, the other ignored: delete "
                     "or rename one)"),
        "named_sheet": ("名为 “{table}” 的工作表（这张工作表会作为该表读取）",
                        "a sheet named {table!r} (this one is read as that table)"),
        "named_file": ("名为 “{table}” 的文件（这个文件会作为该表读取）",
                       "a file named {table!r} (this one is read as that table)"),
        "hidden_sheet": ("可见的工作表：这张工作表被隐藏了，但其中的行照样会被读取"
                         "（取消隐藏即可看到）",
                         "a visible sheet: this one is hidden, and its rows are read all the "
                         "same (unhide it to see them)"),
        "excel_error": ("一个值，而不是错误值（单元格 {cell}：请修正它的公式，或直接填入值）",
                        "a value, not an Excel error (cell {cell}: fix its formula or type the "
                        "value)"),
        "unsaved_formula": ("一个值：单元格 {cell} 是公式，但文件中没有保存它的计算结果（程序"
                            "生成的文件常会这样）；请用表格软件打开并保存这个文件，或直接填入值",
                            "a value: cell {cell} holds a formula with no saved result (as "
                            "files written by programs do); open and save the file in Excel or "
                            "LibreOffice, or type the value"),
        "merged": ("每个单元格一个值：{cells} 是合并单元格（只有左上角的单元格有值）；"
                   "请取消合并，并在每个单元格中填入值",
                   "one value per cell: {cells} merged (only its top-left cell holds the "
                   "value); unmerge and fill each cell"),
        "header_row": ("写明各列名称的表头行（文件是空的，或第一行是空行）",
                       "a header row naming the columns (the file is empty or starts with a "
                       "blank row)"),
        "columns_unnamed": ("每列都有列名：这里到 {last} 共 {count} 列没有列名（多半是表格"
                            "右侧远处的零散单元格：删除它们所在的列）",
                            "a name for every column: {count} columns up to {last} have none "
                            "(most likely stray cells far to the right: delete their columns)"),
        "column_name": ("列名（表头的这一格是空的）", "a column name"),
        "column_once": ("每个列名只写一次", "each column name once"),
        "cells_at_most": ("最多 {count} 个单元格，与表头的列数相同",
                          "at most {count} cells, as many as the header has"),
        # a solve asked of a workbook with errors (matching.ui.state)
        "workbook": ("一个有效的工作簿", "a valid workbook"),
        # the size of planning the workbook (matching.io.build; the words of
        # matching.problem.size)
        "size": ("规划期 {first} 至 {last} 共 {length}：{slots} 个时间格，{starts} 个场地日"
                 "和 {staffing} 个人员安排选项，预计占用内存约 {memory}",
                 "horizon {first} to {last} is {length}: {slots} slots, {starts} room-days "
                 "and {staffing} staffing options, ~{memory}"),
        # what `check` says planning the workbook takes (Estimate.contents)
        "size_contents": ("{slots} 个时间格，{starts} 个场地日和 {staffing} 个"
                          "人员安排选项，规划约需内存 {memory}",
                          "{slots} slots, {starts} room-days and {staffing} "
                          "staffing options, ~{memory} to plan"),
        "size_day": ("{days} 天", "{days} day"),
        "size_days": ("{days} 天", "{days} days"),
        "size_years": ("{years:.0f} 年", "{years:.0f} years"),
        "millions": ("{millions:.1f} 百万", "{millions:.1f} million"),
        "horizon_max": ("{size}；规划期最长 {years} 年（请检查 {setting}）",
                        "{size}; a horizon of at most {years} years (check {setting})"),
        "too_large": ("{size}，超过本机内存 {memory} 的 {share:.0%}：规划很可能会耗尽内存"
                      "（请检查 {setting}，或拆分工作簿）",
                      "{size}, more than {share:.0%} of this machine's {memory}: planning "
                      "would likely run out of memory (check {setting}, or split the "
                      "workbook)"),
        "long_horizon": ("{size}；超过 {years} 年的规划期排起来很慢（请检查 {setting}）",
                         "{size}; horizons over {years} years are slow to plan (check "
                         "{setting})"),
        "slow_to_build": ("{size}；求解前建立模型约需 {seconds:.0f} 秒，时限更短时只会得到"
                          "顺序排班的方案",
                          "{size}; building its model takes about {seconds:.0f} s before "
                          "any search: a shorter time limit returns the first-fit plan"),
        # changes of the clocks in the workbook's time zone (matching.io.build; the words
        # of matching.io.zones)
        "clocks_skip": ("{when} 在 {zone} 时区并不存在（时钟跳过 {first}–{after}）",
                        "{when} does not exist in {zone} (clocks skip {first}–{after})"),
        "clocks_back": ("{when} 在 {zone} 时区会出现两次（时钟从 {after} 拨回到 {first}）；"
                        "日历显示的是第一次",
                        "{when} happens twice in {zone} (clocks go back from {after} to "
                        "{first}); calendars show the first"),
        "clocks_skip_slots": ("{zone} 时区的时钟在 {day} 跳过 {first}–{after}：规划期中这段时间"
                              "的时间格实际并不存在（日历程序会把在其中开始的活动显示为晚 "
                              "{minutes} 分钟开始；跨越这段时间的活动会少 {minutes} 分钟）",
                              "the clocks skip {first}–{after} on {day} in {zone}: the horizon "
                              "has slots there that do not exist (calendar programs show what "
                              "starts in them {minutes} min later; what spans them lasts "
                              "{minutes} min less)"),
        "clocks_back_slots": ("{zone} 时区的时钟在 {day} 从 {after} 拨回到 {first}：规划期中 "
                              "{first} 至 {after} 的时间格会出现两次（日历程序显示第一次；"
                              "跨越这段时间的活动会多 {minutes} 分钟）",
                              "the clocks go back from {after} to {first} on {day} in {zone}: "
                              "the horizon's slots from {first} to {after} happen twice "
                              "(calendar programs show the first; what spans them lasts "
                              "{minutes} min more)"),
    }),
    # a scenario file that does not parse (matching.scenario.files)
    **pairs("scenario_file", {
        "suffix": ("{yaml}、{yml} 或 {json} 文件", "a {yaml}, {yml} or {json} file"),
        "at": ("{file} 第 {line} 行第 {column} 列", "{file}, line {line}, column {column}"),
        "json": ("有效的 JSON（{problem}）", "valid JSON ({problem})"),
        "yaml": ("有效的 YAML（{problem}）{hint}", "valid YAML ({problem}){hint}"),
        "full_width_colon": ("；第 {lines} 行有全角冒号 “{colon}”，YAML 需要半角冒号 “:”",
                             "; line {lines} has a full-width colon {colon!r}; YAML needs "
                             "':'"),
        "full_width_colons": ("；第 {lines} 行有全角冒号 “{colon}”，YAML 需要半角冒号 “:”",
                              "; lines {lines} have a full-width colon {colon!r}; YAML needs "
                              "':'"),
    }),
    # what the JSON parser found wrong in a scenario or plan file, by the start of its
    # English message, which the English repeats (matching.io.planfile.json_problem)
    **pairs("json_problem", {
        "value": ("这里缺少一个值", "Expecting value"),
        "key": ("这里应是用双引号括起的键名", "Expecting property name enclosed in double quotes"),
        "colon": ("这里缺少冒号 “:”", "Expecting ':' delimiter"),
        "comma": ("这里缺少逗号 “,”", "Expecting ',' delimiter"),
        "unterminated": ("从这里开始的字符串没有结束的引号", "Unterminated string starting at"),
        "control": ("字符串中有控制字符（如换行或制表符）", "Invalid control character at"),
        "escape": ("无效的反斜杠转义", "Invalid \\escape"),
        "unicode_escape": ("无效的 \\uXXXX 转义", "Invalid \\uXXXX escape"),
        "extra": ("数据结束后还有多余的内容", "Extra data"),
    }),
    # a plan file that does not read, or no longer fits its workbook
    # (matching.io.planfile); {field} and {found} are what the file holds, as it is typed
    **pairs("plan_file", {
        "fault": ("{path}：{fault}", "{path}: {fault}"),
        "not_utf8": ("不是方案文件（不是 UTF-8 文本）", "not a plan file (not UTF-8 text)"),
        "not_json": ("不是方案文件（不是有效的 JSON：第 {line} 行第 {column} 列：{problem}）",
                     "not a plan file (not valid JSON: {problem} at line {line}, column "
                     "{column})"),
        "too_deep": ("不是方案文件（JSON 嵌套过深）", "not a plan file (JSON nested too deeply)"),
        "not_an_object": ("不是本工具写出的方案文件（内容不是 JSON 对象）",
                          "not a plan file written by matching (it holds no JSON object)"),
        "no_format": ("不是本工具写出的方案文件（其中没有 {field} 字段）",
                      "not a plan file written by matching (it has no {field} field)"),
        "other_format": ("不是本工具写出的方案文件（其 {field} 字段是 “{found}”，"
                         "应为 “{expected}”）",
                         "not a plan file written by matching (its {field} is {found!r}, not "
                         "{expected!r})"),
        "version": ("方案文件版本 {version} 不是本工具能读取的版本（1 至 {latest}）；"
                    "是更新的版本写出的吗？",
                    "plan file version {version} is not one this package reads (1 to "
                    "{latest}); a newer version wrote it?"),
        "damaged": ("方案文件已损坏（{problem}）", "damaged plan file ({problem})"),
        "outside": ("方案文件已损坏（活动 {activities} 的开始时间不在其规划期 {first} 至 "
                    "{last} 内）",
                    "damaged plan file (activities {activities} start outside its period "
                    "{first} to {last})"),
        "mismatch": ("方案与工作簿不再相符（1 处不同）：",
                     "the plan no longer matches the workbook (1 difference):"),
        "mismatches": ("方案与工作簿不再相符（{count} 处不同）：",
                       "the plan no longer matches the workbook ({count} differences):"),
        "other_workbook": ("方案是为工作簿 “{planned}” 制定的，与 “{workbook}” 不相符"
                           "（{count} 处不同）：",
                           "the plan was made for the workbook {planned!r}, not {workbook!r} "
                           "({count} difference(s)):"),
        "gone_activity": ("活动 {id}（{title}）不在工作簿中",
                          "activity {id} ({title}) is not in the workbook"),
        "added_activity": ("活动 {id}（{title}）在工作簿中，方案里却没有：它是方案制定后加入的，"
                           "或求解没有找到方案",
                           "activity {id} ({title}) is in the workbook but not in the plan: "
                           "it was added since the plan was made, or the solve found no plan"),
        "not_for_problem": ("未保存：方案中有 {count} 个编号不在与它一同保存的工作簿中（{ids}）；"
                            "请与制定该方案的工作簿（或其相应部分）一同保存",
                            "not saved: the plan names {count} id(s) the problem it is saved "
                            "with does not have ({ids}); save it with the workbook (or the "
                            "part of it) it was made for"),
        "gone_activity_untitled": ("活动 {id} 不在工作簿中",
                                   "activity {id} is not in the workbook"),
        "changed": ("活动 {id}（{title}）在方案保存后有改动：{changes}",
                    "activity {id} ({title}) changed since the plan was saved: {changes}"),
        "changed_data": ("数据不同", "its data differs"),
        "gone_room": ("场地 {id} 不在工作簿中（方案把 {activities} 安排在那里）",
                      "room {id} is not in the workbook (the plan puts {activities} there)"),
        "gone_volunteer": ("志愿者 {id} 不在工作簿中（方案安排其参加 {activities}）",
                           "volunteer {id} is not in the workbook (the plan has them in "
                           "{activities})"),
    }),
    # a plan folder as `solve` wrote it and someone edited since, and a plan that does
    # not fit the workbook it is a baseline for (matching.scenario.files); file, column
    # and command names are values, as they are typed
    **pairs("plan_folder", {
        "xlsx_edited": ("提醒：{folder} 中的 {file} 在 {command} 写入后被改动过；其中的改动不会"
                        "被读取（方案从 {planfile} 读取）。如要按改动规划，请在应用中锁定该"
                        "活动，或在工作簿中为活动填写 {start} 或 {room}，然后重新求解",
                        "warning: {file} in {folder} was changed since {command} wrote it; "
                        "its changes are not read (the plan is read from {planfile}). To plan "
                        "with a change, pin it in the app or give the activity a {start} or "
                        "{room} in the workbook, and solve again"),
        "table_edited": ("提示：{folder} 中的 {table} 在 {command} 写入后被改动过：方案从改动"
                         "后的表读取",
                         "note: {table} in {folder} changed since {command} wrote it: the "
                         "plan is read from the edited tables"),
        "tables_edited": ("提示：{folder} 中的 {table} 和 {other} 在 {command} 写入后被改动过："
                          "方案从改动后的表读取",
                          "note: {table} and {other} in {folder} changed since {command} "
                          "wrote them: the plan is read from the edited tables"),
        "header": ("带表头行的表（{problem}）", "a table with a header row ({problem})"),
        "once": ("每项活动只有一行", "each activity once"),
        "every_plan_activity_one": ("方案中的每项活动各有一行；有 1 项没有（要让某项活动不安排，"
                                    "请清空它的 {start}、{end} 和 {room}）",
                                    "a row for every activity of the plan; 1 has none (to "
                                    "leave an activity out, clear its {start}, {end} and "
                                    "{room})"),
        "every_plan_activity": ("方案中的每项活动各有一行；有 {count} 项没有（要让某项活动不安排，"
                                "请清空它的 {start}、{end} 和 {room}）",
                                "a row for every activity of the plan; {count} have none (to "
                                "leave an activity out, clear its {start}, {end} and {room})"),
        "every_activity_one": ("工作簿中的每项活动各有一行；有 1 项没有（文件是否被截断，或是"
                               "为另一个工作簿规划的？）",
                               "a row for every activity of the workbook; 1 has none (was the "
                               "file cut short, or planned for another workbook?)"),
        "every_activity": ("工作簿中的每项活动各有一行；有 {count} 项没有（文件是否被截断，或是"
                           "为另一个工作簿规划的？）",
                           "a row for every activity of the workbook; {count} have none (was "
                           "the file cut short, or planned for another workbook?)"),
        "staffed_unplanned": ("方案中有安排的活动：方案没有列出该活动的安排，人员安排却写了它",
                              "an activity the plan has an assignment for: it lists none "
                              "for this one, though its staffing names it"),
        "status_unscheduled": ("{status}（这一行填了 {start}、{end} 或 {room}；要让该活动不"
                               "安排，请清空这几列）",
                               "{status}, as the row has a {start}, {end} or {room} (to "
                               "leave the activity out, clear them)"),
        "activity": ("工作簿中的一项活动", "an activity of the workbook"),
        "room": ("工作簿中的一个场地", "a room of the workbook"),
        "volunteer": ("工作簿中的一名志愿者", "a volunteer of the workbook"),
    }),
    # hard rules (matching.evaluate.hard)
    **pairs("hard", {
        "unknown_activity": ("安排表中的活动编号 “{activity}” 在工作簿中不存在",
                             "The assignments name an unknown activity {activity!r}"),
        "unknown_room": ("{title} 被安排在未知场地 “{room}”",
                         "{title} is placed in an unknown room {room!r}"),
        "unknown_staffing": ("人员安排表中有一行写了{parts}", "A staffing row names {parts}"),
        "unknown_seat_activity": ("未知活动 “{activity}”", "an unknown activity {activity!r}"),
        "unknown_seat_role": ("{title} 没有的岗位 “{role}”",
                              "a role {role!r} that {title} does not have"),
        "unknown_seat_volunteer": ("未知志愿者 “{volunteer}”",
                                   "an unknown volunteer {volunteer!r}"),
        "duplicate": ("{title} 在安排表中有 {count} 行，只有最后一行有效",
                      "{title} has {count} rows in the assignments; only the last one counts"),
        "no_room": ("{label} 没有安排场地", "{label} has no room"),
        "window": ("{label} 超出了它的时间窗口 {first} 至 {last}",
                   "{label} lies outside its window {first} to {last}"),
        "no_end": ("{title} 于 {start} 开始，但没有结束时间；它需要 {planned} 分钟",
                   "{title} starts {start} but has no end; it takes {planned} min"),
        "duration": ("{label} 持续 {lasts} 分钟，应为 {planned} 分钟（{duration} 分钟按 "
                     "{slot} 分钟的时间格向上取整）",
                     "{label} lasts {lasts} min; it takes {planned} min ({duration} min "
                     "rounded up to whole {slot}-minute slots)"),
        "slot_grid": ("{label} 在 {clock} 开始，不在 {slot} 分钟的时间格上",
                      "{label} starts at {clock}, off the {slot}-minute grid"),
        "same_day": ("{label} 过了当天午夜才结束",
                     "{label} ends after midnight of the day it starts"),
        "fixed_start": ("{label} 应在固定时间 {fixed} 开始",
                        "{label} should start at its fixed time {fixed}"),
        "fixed_room": ("{label} 在{room}，但固定场地是{fixed}",
                       "{label} is in {room}, but is fixed to {fixed}"),
        "room_open": ("{label} 在{room}，但{why}", "{label} is in {room}, but {why}"),
        "closed": ("{where}在 {when} 停用", "{where} is closed {when}"),
        "closed_because": ("{where}在 {when} 停用（{reason}）",
                           "{where} is closed {when} ({reason})"),
        "from_to": ("{first} 至 {last}", "{first} to {last}"),
        "open_only": ("{room}当天只在 {hours} 开放", "{room} is open {hours} only that day"),
        "not_open": ("{room}当天不开放", "{room} is not open that day"),
        "capacity": ("{room}只能容纳 {capacity} 人，{title} 预计 {expected} 人",
                     "{room} holds {capacity}, {expected} expected for {title}"),
        "equipment": ("{room}缺少{missing}，{label} 需要",
                      "{room} lacks {missing} for {label}"),
        "room_overlap": ("{room}会同时安排 {first} 和 {second}",
                         "{room} would hold {first} and {second} at once"),
        "room_overlap_turnaround": ("{room}会同时安排 {first} 和 {second}（含 {minutes} 分钟"
                                    "整理时间）",
                                    "{room} would hold {first} and {second} at once (with "
                                    "{minutes} min turnaround)"),
        "no_availability": ("{name} 被安排在 {label}，但没有填写任何可服务时间",
                            "{name} is in {label} but has no availability at all"),
        "available_only": ("{name} 被安排在 {label}，但当天只在 {hours} 有空",
                           "{name} is in {label} but is available {hours} only that day"),
        "not_available": ("{name} 被安排在 {label}，但当天没空",
                          "{name} is in {label} but is not available that day"),
        "skill": ("{name} 以{role}身份被安排在 {label}，但不具备该技能（技能：{skills}）",
                  "{name} is in {label} as {role} but lacks that skill (skills: {skills})"),
        "age_band": ("{name} 被安排在 {label}，但年龄段为{band}；要求{asked}及以上",
                     "{name} is in {label} but is {band}; {asked} or older is asked"),
        "age_band_unknown": ("{name} 被安排在 {label}，但年龄段未知；要求{asked}及以上",
                             "{name} is in {label} but is of unknown age band; {asked} or "
                             "older is asked"),
        "volunteer_overlap": ("{name} 会同时在 {first} 和 {second}",
                              "{name} would be in {first} and {second} at once"),
        "one_role": ("{name} 在 {label} 中占了 {count} 个岗位（{roles}）；每人每项活动只担任"
                     "一个岗位",
                     "{name} fills {count} seats of {label} (roles {roles}); one volunteer "
                     "fills one role per activity"),
        "daily_hours": ("{name} 在 {period} 服务 {hours:g} 小时（{count} 项活动），"
                        "超过其每天 {limit:g} 小时的上限",
                        "{name} staffs {hours:g} h on {period} ({count} activities), more "
                        "than the {limit:g} h a day they give"),
        "weekly_hours": ("{name} 在 {period} 那一周服务 {hours:g} 小时（{count} 项活动），"
                         "超过其每周 {limit:g} 小时的上限",
                         "{name} staffs {hours:g} h in the week of {period} ({count} "
                         "activities), more than the {limit:g} h a week they give"),
        "monthly_activities": ("{name} 在 {period} 服务 {count} 项活动，超过其每月 {limit:g} "
                               "项的上限",
                               "{name} staffs {count} activities in {period}, more than the "
                               "{limit:g} a month they take"),
        "min_rest": ("最少休息 {rest:g} 小时：{name} 在 {first}（{hours:g} 小时）之后只休息了 "
                     "{gap:g} 小时就参加 {second}",
                     "At least {rest:g} h of rest: {name} staffs {second} only {gap:g} h "
                     "after {first} ({hours:g} h)"),
        "staffing_unscheduled": ("{name} 被安排为 {title} 的{role}，但该活动未排期",
                                 "{name} staffs {title} as {role}, but it is not scheduled"),
        "role_min": ("{label} 的{role}岗位只有 {count} 人，至少需要 {min} 人",
                     "{label} has {count} {role}, at least {min} needed"),
        "role_max": ("{label} 的{role}岗位有 {count} 人，最多允许 {max} 人",
                     "{label} has {count} {role}, at most {max} allowed"),
        "cohort_overlap": ("{first} 与 {second} 时间重叠，而两者都面向{cohorts}",
                           "{first} and {second} overlap, and both are for {cohorts}"),
        "series_order": ("{second} 在前一场 {first} 结束前就开始了（系列 {series}）",
                         "{second} starts before the earlier session {first} ends (series "
                         "{series})"),
        "must": ("{title} 必须举办，但未排期", "{title} must take place but is not scheduled"),
        "must_because": ("{title} 必须举办，但未排期（{reason}）",
                         "{title} must take place but is not scheduled ({reason})"),
    }),
    # objective terms (matching.evaluate.soft)
    **pairs("cost", {
        "unscheduled": ("{title}（{priority}优先级）未排期",
                        "{title} ({priority} priority) is not scheduled"),
        "unscheduled_because": ("{title}（{priority}优先级）未排期（{reason}）",
                                "{title} ({priority} priority) is not scheduled ({reason})"),
        "staffing": ("{label} 的{role}岗位有 {count} 人，目标为 {target} 人",
                     "{label} has {count} of the {target} {role} wished for"),
        "likes": ("{name} 喜欢 {label}：{targets}", "{name} likes {label}: {targets}"),
        "dislikes": ("{name} 不愿参加 {label}：{targets}", "{name} dislikes {label}: {targets}"),
        "preferred_time": ("{name} 被安排在 {label}，不在其偏好时段（当天 {hours}）",
                           "{name} is in {label}, outside their preferred time ({hours} that "
                           "day)"),
        "preferred_time_none": ("{name} 被安排在 {label}，不在其偏好时段（当天没有偏好时段）",
                                "{name} is in {label}, outside their preferred time (none "
                                "that day)"),
        "fairness": ("{name} 负担最重：{hours:g} 小时（罚分按 {slots} 个时间格计）",
                     "{name} carries the largest load: {hours:g} h (the penalty counts its "
                     "{slots} slots)"),
        "use_everyone": ("{name} 可以担任岗位，但没有被安排任何活动",
                         "{name} could fill a role but staffs nothing"),
        "series_room": ("系列 {series} 用了 {count} 个场地：{names}",
                        "Series {series} uses {count} rooms: {names}"),
        "series_people": ("系列 {series} 由 {count} 人担任：{names}",
                          "Series {series} is staffed by {count} people: {names}"),
        "room_fit": ("{room}可容纳 {capacity} 人，而 {label} 预计只有 {expected} 人",
                     "{room} holds {capacity} for {expected} expected at {label}"),
        "preferred_room": ("{label} 在{room}，不在首选场地{preferred}",
                           "{label} is in {room}, not its preferred {preferred}"),
        "reserve": ("{label} 的{role}岗位按缺席率预计到场 {expected:g} 人，少于最少 {min} 人",
                    "{label} expects {expected:g} {role} to come at their no-show rates, "
                    "below the minimum of {min}"),
        "moved": ("{title} 从 {was} 改到 {now}", "{title} moved from {was} to {now}"),
        "dropped": ("{title} 原定 {was}，现已不再安排",
                    "{title} was scheduled {was} and is no longer"),
        "left_room": ("{title} 不再在{room}", "{title} is no longer in {room}"),
        "left_seat": ("{name} 不再担任 {title} 的{role}",
                      "{name} no longer staffs {title} as {role}"),
    }),
    # why a room or a volunteer can never serve an activity (matching.problem.eligibility)
    **pairs("excluded", {
        "closed": ("{room}在时间窗口内没有连续 {minutes} 分钟的开放空闲时间",
                   "{room} is never open or free for {minutes} min in the window"),
        "closed_during": ("{room}在时间窗口内没有连续 {minutes} 分钟的开放空闲时间：{closures}",
                          "{room} is never open or free for {minutes} min in the window: "
                          "{closures}"),
        "closed_at": ("{room}从固定开始时间 {start} 起没有连续 {minutes} 分钟的开放空闲时间",
                      "{room} is not open or free for {minutes} min from the fixed start "
                      "{start}"),
        "closed_at_during": ("{room}从固定开始时间 {start} 起没有连续 {minutes} 分钟的开放空闲"
                             "时间：{closures}",
                             "{room} is not open or free for {minutes} min from the fixed "
                             "start {start}: {closures}"),
        "closed_day": ("{room}在固定开始时间那天（{day}）全天不开放",
                       "{room} is not open at all on the day of the fixed start, {day}"),
        "closed_holiday": ("{room}在固定开始时间那天（{day}，节假日）全天不开放：没有节假日"
                           "（{holiday}）开放时间的场地按当天星期几的时间开放",
                           "{room} is not open at all on the day of the fixed start, {day}, a "
                           "public holiday: a room without {holiday} hours keeps its "
                           "weekday's"),
        "not_fixed_room": ("该活动固定在{room}", "the activity is fixed to {room}"),
        "too_small": ("{room}只能容纳 {capacity} 人，预计 {expected} 人",
                      "{room} holds {capacity}, {expected} expected"),
        "equipment": ("{room}缺少{missing}", "{room} lacks {missing}"),
        "no_skill": ("{name} 不具备{role}技能", "{name} lacks the skill {role}"),
        "age_band": ("{name} 的年龄段为{band}，要求{asked}及以上",
                     "{name}'s age band is {band}, not {asked} or older"),
        "age_band_unknown": ("{name} 年龄段未知，要求{asked}及以上",
                             "{name} is of unknown age, {asked} or older asked"),
        "monthly_activities": ("{name} 不接受任何活动", "{name} takes no activities"),
        "weekly_hours": ("{name} 每周最多服务 {limit:g} 小时，该活动需要 {minutes} 分钟",
                         "{name} gives at most {limit:g} h a week, the activity takes "
                         "{minutes} min"),
        "daily_hours": ("{name} 每天最多服务 {limit:g} 小时，该活动需要 {minutes} 分钟",
                        "{name} gives at most {limit:g} h a day, the activity takes "
                        "{minutes} min"),
        "unavailable": ("活动可以举办的时间 {name} 都没空",
                        "{name} is never available when the activity can take place"),
    }),
    # why an activity is unscheduled or short of people (matching.explain, matching.greedy)
    **pairs("why", {
        "no_rooms": ("没有任何场地", "there are no rooms"),
        "no_room_fits": ("没有合适的场地：{details}", "no room fits: {details}"),
        "short_role": ("岗位{role}需要 {min} 人，能来的志愿者只有 {count} 位（{nobody} 人不具备"
                       "{role}技能）",
                       "role {role} needs {min} but only {count} volunteer(s) can ever come "
                       "({nobody} lack the skill {role})"),
        "short_role_others": ("岗位{role}需要 {min} 人，能来的志愿者只有 {count} 位（{others}；"
                              "{nobody} 人不具备{role}技能）",
                              "role {role} needs {min} but only {count} volunteer(s) can "
                              "ever come ({others}; {nobody} lack the skill {role})"),
        "short_role_few": ("岗位{role}需要 {min} 人，能来的志愿者只有 {count} 位",
                           "role {role} needs {min} but only {count} volunteer(s) can ever "
                           "come"),
        "short_role_few_others": ("岗位{role}需要 {min} 人，能来的志愿者只有 {count} 位"
                                  "（{others}）",
                                  "role {role} needs {min} but only {count} volunteer(s) can "
                                  "ever come ({others})"),
        "roles_share_few": ("岗位{roles}共需 {need} 人（每人在一项活动中只担任一个岗位），"
                            "能担任其中任何一个的只有 {count} 位：{people}",
                            "roles {roles} need {need} people together (one person fills one "
                            "role of an activity); only {count} can fill any of them: "
                            "{people}"),
        "no_volunteers": ("岗位{role}需要 {min} 人，而工作簿中没有志愿者",
                          "role {role} needs {min} but the workbook has no volunteers"),
        "must_but": ("{activity} 必须举办，但{reasons}", "{activity} must take place, but "
                                                   "{reasons}"),
        "taken": ("只要它能举办的时间，它的场地（或同一群体的时间）都已被占用",
                  "its rooms (or its cohort) are taken whenever it could take place"),
        "taken_by": ("只要它能举办的时间，它的场地（或同一群体的时间）都已被占用：{names}",
                     "its rooms (or its cohort) are taken whenever it could take place: by "
                     "{names}"),
        "only_free": ("{role}岗位需要 {min} 人，只有 {count} 人有空",
                      "only {count} of the {min} {role} volunteer(s) needed are free"),
        "only_free_busy": ("{role}岗位需要 {min} 人，只有 {count} 人有空（{busy}）",
                           "only {count} of the {min} {role} volunteer(s) needed are free "
                           "({busy})"),
        "best_time": ("在最合适的时间 {when}：{parts}", "at its best time, {when}, {parts}"),
        "left_out": ("它可以安排在 {when}，但方案在时限内或为了更高优先级的目标没有安排它"
                     "（志愿者时长上限或系列顺序可能有影响）",
                     "it fits at {when}, but the plan left it out within the time limit or "
                     "for higher-priority goals (limits on volunteers' hours or series order "
                     "may bind)"),
        "unavailable_then": ("{name} 当时没空", "{name} unavailable then"),
        "busy_then": ("{name} 当时在参加 {title}", "{name} busy with {title}"),
        "kept_for_better": ("{name} 留给了更需要的活动", "{name} kept for a better use"),
        "role_short": ("{role}岗位 {filled} 人，目标 {target} 人（{who}）",
                       "{role} {filled} of target {target} ({who})"),
        "understaffed": ("人手不足：{notes}", "understaffed: {notes}"),
        "no_time_left": ("同一群体或系列的其他活动占满了它的时间窗口",
                         "its cohort or series leaves no time in its window"),
        "rooms_taken": ("所有合适的场地在它可以开始的每个时间都已被占用",
                        "every suitable room is taken at every time it could start"),
        "no_free_volunteers": ("有空场地时，{role}岗位的空闲志愿者都不够",
                               "not enough free volunteers for {role} whenever a room is free"),
        "frozen": ("已冻结：在基准方案中它在 {moment} 之前没有举办",
                   "frozen: it did not take place before {moment} in the baseline"),
        "fixed_next_day": ("它固定在 {fixed} 开始，历时 {minutes} 分钟，会过了午夜才结束；"
                           "而活动须在开始的当天结束",
                           "it is fixed to start {fixed} and takes {minutes} min, so it would "
                           "end after midnight, but an activity ends on the day it starts"),
        "window_next_day": ("它的时间窗口里没有哪一天在午夜之前留得下 {minutes} 分钟；"
                            "而活动须在开始的当天结束",
                            "no day of its window leaves {minutes} min before midnight, and an "
                            "activity ends on the day it starts"),
        "series_clash": ("系列 {series} 按行的顺序举办，而排在前面的 {first} 最早在 {end} 才结束，"
                         "晚于 {second} 最晚的开始时间 {start}",
                         "series {series} takes place in the order of its rows, and {first}, "
                         "the earlier row, ends {end} at the soonest, after {second} must have "
                         "started ({start} at the latest)"),
        "series_after": ("系列 {series} 按行的顺序举办，而排在它前面的 {other} 在 {end} 才结束，"
                         "晚于它最晚可以开始的时间",
                         "series {series} takes place in the order of its rows, and {other}, an "
                         "earlier row, ends {end}, after its last possible start"),
        "series_before": ("系列 {series} 按行的顺序举办，而排在它后面的 {other} 在 {start} "
                          "就开始了，早于它最早可以结束的时间",
                          "series {series} takes place in the order of its rows, and {other}, a "
                          "later row, starts {start}, before it could end"),
        "series_between": ("系列 {series} 按行的顺序举办，而它的时间窗口里没有哪个开始时间能排在 "
                           "{after}（{end} 结束）之后、{before}（{start} 开始）之前",
                           "series {series} takes place in the order of its rows, and no start "
                           "in its window fits between {after}, an earlier row ending {end}, and "
                           "{before}, a later row starting {start}"),
    }),
    # what of a valid change does not hold on the workbook (Change.note)
    **pairs("scenario_note", {
        "still_unavailable": ("{people} 在这段时间内有“不可用”的记录，不可用优先于可用：在那些时段"
                              "他们仍不会被安排；要让他们来，请删去那些记录（或那项变化）",
                              "part of the period is unavailable time of {people}, which "
                              "wins over available time: they are not called out then; to "
                              "call them, remove those rows (or that change)"),
    }),
    # what of a what-if change does not hold, as a freeze keeps the past as the baseline
    # had it (matching.scenario)
    **pairs("freeze", {
        "cut": ("从 {start} 开始，早于冻结时刻 {moment}；冻结之前已发生的安排保持基准方案的样子，"
                "因此这项变化从 {since} 起生效",
                "starts {start}, before the freeze at {moment}, which keeps what happened "
                "before it as the baseline had it: the change holds from {since} on"),
        "void": ("从 {start} 开始，整段都在冻结时刻 {moment} 之前；冻结之前已发生的安排保持基准"
                 "方案的样子，因此这项变化不起作用",
                 "starts {start} and ends by the freeze at {moment}, which keeps what "
                 "happened before it as the baseline had it: the change does nothing"),
        "rewritten": ("{activity} 在基准方案中于冻结时刻 {moment} 之前的 {start} 已经举办，这项修改"
                      "会改写它的记录（新方案保留它的开始时间，按修改后的名称和时长记录）；"
                      "如果只想改以后的场次，请新增一项活动",
                      "{activity} took place at {start}, before the freeze at {moment} in the "
                      "baseline: this change rewrites its record (the new plan keeps its "
                      "start, with the changed title and length); to change what is still "
                      "to come, add an activity instead"),
        "removed": ("活动 {activity} 在基准方案中于冻结时刻 {moment} 之前已经举办，但情景删除了它："
                    "新方案中不再有它",
                    "activity {activity} took place before the freeze at {moment} in the "
                    "baseline, but the scenario removes it: the new plan no longer has it"),
        "seat_lost": ("{name} 在基准方案中担任 {activity} 的{role}（冻结时刻 {moment} 之前），"
                      "但按情景当时已不能担任：新方案中这个岗位改由当时能来的人担任",
                      "{name} staffed {activity} as {role} before the freeze at {moment} in "
                      "the baseline, but the scenario no longer lets them then: the new plan "
                      "gives that seat to someone who can serve then"),
        "seat_lost_nobody": ("{name} 在基准方案中担任 {activity} 的{role}（冻结时刻 {moment} "
                             "之前），但按情景当时已不能担任，而当时没有别人能担任这个岗位：过去"
                             "保持原样，所以没有方案；请让这项修改只涉及冻结之后，或把冻结时刻提前",
                             "{name} staffed {activity} as {role} before the freeze at "
                             "{moment} in the baseline, but the scenario no longer lets them "
                             "then, and nobody else can serve as {role} then: the past stays "
                             "as it was, so there is no plan; change only what comes after "
                             "the freeze, or freeze earlier"),
        "time_lost": ("{activity} 在基准方案中于冻结时刻 {moment} 之前的 {start} 已经举办，但情景"
                      "修改后它不能在那时举办（时间窗口、时长或场地变了）：过去保持原样，所以"
                      "没有方案；请让这项修改只涉及冻结之后，或把冻结时刻提前",
                      "{activity} took place at {start}, before the freeze at {moment} in the "
                      "baseline, but the scenario no longer lets it take place then (its "
                      "window, duration or rooms changed): the past stays as it was, so there "
                      "is no plan; change only what comes after the freeze, or freeze "
                      "earlier"),
        "room_lost": ("{activity} 在基准方案中于冻结时刻 {moment} 之前在{room}举办，但按情景当时"
                      "{room}已不能使用：新方案中改在当时能用的其他场地举办",
                      "{activity} took place in {room} before the freeze at {moment} in the "
                      "baseline, but the scenario no longer lets it be there then: the new "
                      "plan holds it in another room at that time"),
    }),
    # where in a scenario an issue is (matching.scenario.base.ScenarioIssue.render); its
    # severity and what was expected are said as a workbook's issue says them (issue.*)
    **pairs("scenario_issue", {
        "change": ("第 {index} 项变化（{kind}）", "change {index} ({kind})"),
        "no_kind": ("未写类型", "no kind"), "kind": ("{kind}变化", "{kind} change"),
        "source": ("{source}：{where}", "{source}: {where}"),
        "field": ("{where} “{field}” 字段", "{where}, field {field!r}"),
        # a workbook's issue in a table a change wrote, the change unknown (its row's)
        "changed_table": ("修改后的工作簿{table}表", "changed workbook, table {table}"),
        "changed_row": ("修改后的工作簿{table}表第 {row} 行",
                        "changed workbook, table {table}, row {row}"),
    }),
    # what a scenario, a change or one of its fields should have been (matching.scenario);
    # field names, kinds and keys are what a scenario file says, as they are typed
    **pairs("scenario_valid", {
        "scenario": ("含有 {name}、{description} 和 {changes} 的映射",
                     "a mapping with {name}, {description} and {changes}"),
        "key": ("已知的键：{keys}", "a known key: {keys}"),
        "changes": ("变化的列表", "a list of changes"),
        "change": ("含有 {kind} 和该变化各字段的映射",
                   "a mapping with {kind} and the change's fields"),
        "kind": ("变化类型之一：{kinds}", "a kind of change: {kinds}"),
        "field": ("这类变化的字段之一：{fields}", "a field of this kind of change: {fields}"),
        "required": ("一个值（此字段必填）", "a value (this field is required)"),
        "value_for": ("{name} 的值", "a value for {name}"),
        "text": ("文本，而不是 {booleans}", "text, not {booleans}"),
        "single": ("单个值（文本或数字），而不是列表或映射",
                   "a single value (text or a number), not a list or a mapping"),
        "number": ("一个数，而不是 {booleans}", "a number, not {booleans}"),
        "finite": ("一个有限的数", "a finite number"),
        "rows": ("由 {{{names}}} 组成的行的列表，或形如 “{example}” 的文本",
                 "a list of {{{names}}} rows, or text like {example!r}"),
        "row_keys": ("含有键 {keys} 的行", "rows with the keys {keys}"),
        "row_keys_optional": ("含有键 {keys}（还可以有 {optional}）的行",
                              "rows with the keys {keys} and optionally {optional}"),
        "hours_text": ("形如 “Mon 08:30-20:30” 的开放时间，而不是 “{text}”",
                       "opening hours like 'Mon 08:30-20:30', not {text!r}"),
        "roles_text": ("形如 “{example}”（岗位:最少:目标:最多）的岗位，而不是 “{text}”",
                       "roles like {example!r} (role:min:target:max), not {text!r}"),
        # {what}: one of the entries below it, {listed}: the values it may be
        "known": ("{what}（{listed}）{hint}", "{what} ({listed}){hint}"),
        "known_more": ("{what}（{listed} 等）{hint}", "{what} ({listed}, ...){hint}"),
        "known_none": ("{what}（没有可选的值）{hint}", "{what} (none){hint}"),
        "room_or_center": ("场地表中列出的编号，或留空表示全中心",
                           "an id listed in rooms, or blank for the whole center"),
        "team": ("志愿者表中出现的队伍", "a team named in volunteers"),
        "term": ("目标中的一项", "an objective term"),
        "duty_limit": ("一项服务上限", "a duty limit"),
        "duty_limit_of_volunteer": ("志愿者的一项服务上限", "a duty limit of a volunteer"),
        "of_activity": ("某项活动的{column}", "a {column} of some activity"),
        "end_after_start": ("晚于{start}的时刻（{end}只写日期时表示到那一天结束）",
                            "a moment after {start} (a bare date as {end} means the end of "
                            "that day)"),
        "period_in_horizon": ("与工作簿规划期（{first} 至 {last}）有重叠的时段",
                              "a period that overlaps the workbook's horizon ({first} to "
                              "{last})"),
        "before_horizon_end": ("工作簿规划期结束（{last}）之前的时刻",
                               "a moment before the end of the workbook's horizon ({last})"),
        "close_after_open": ("晚于{open}的时间", "a time after {open}"),
        "dates_in_horizon": ("工作簿规划期内的日期", "dates inside the workbook's horizon"),
        "room_id": ("场地编号", "a room id"),
        "new_room_id": ("场地表中还没有的场地编号", "a room id not yet in rooms"),
        "hours": ("至少一行开放时间（没有开放时间的场地永远不开放）",
                  "at least one opening-hours row (a room without hours is never open)"),
        "volunteer_or_team": ("{volunteer} 或 {team}（两者填且只填一个）",
                              "either {volunteer} or {team} (exactly one of them)"),
        "activity_id": ("活动编号", "an activity id"),
        "new_activity_id": ("活动表中还没有的活动编号", "an activity id not yet in activities"),
        "role_name": ("每一行岗位都写明岗位名称", "a role name in every role row"),
        "window_holds": ("{first} 至 {last} 之间容得下活动时长 {column}（{minutes} 分钟）的时间",
                         "a window from {first} to {last} that holds the activity's "
                         "{column} ({minutes} min)"),
        "some_field": ("除 {field} 外至少一个要修改的字段",
                       "at least one field to change besides {field}"),
        "activities_table": ("含有活动表的工作簿", "a workbook with an activities table"),
        "factor": ("不小于 0 的系数", "a factor of at least 0"),
        "one_selector": ("{first}、{second}、{third} 至多填一个",
                         "at most one of {first}, {second} and {third}"),
    }),
    # what a sweep file should have been (matching.distributed.spec), said as a
    # scenario's issues are (scenario_issue.*, issue.*); keys, modes and columns are what
    # a sweep file says, as they are typed
    **pairs("sweep_valid", {
        "the_sweep_file": ("{source} 中的批量情景", "the sweep file {source}"),
        "the_sweep": ("批量情景", "the sweep"),
        "file": ("文件", "the file"),
        "unreadable": ("无法读取（{problem}）", "cannot read it ({problem})"),
        "mapping": ("含有键 {keys} 的映射", "a mapping with keys {keys}"),
        "something_to_run": ("要运行的内容：{scenarios}、{grid} 或 {no_shows}",
                             "something to run: {scenarios}, {grid} or {no_shows}"),
        "names_differ": ("互不相同的情景名称（结果按名称区分各行）",
                         "scenario names that differ (they label rows)"),
        "boolean": ("{true} 或 {false}", "{true} or {false}"),
        "in_workbook": ("工作簿中的 {column}（{ids}）", "a {column} of the workbook ({ids})"),
        "no_activity": ("工作簿中没有活动落在 {selection} 之内",
                        "no activity of the workbook lies in {selection}"),
        "scenario_file": ("情景文件（{path} 处没有文件）",
                          "a scenario file (there is none at {path})"),
        "scenarios": ("由情景文件或内嵌情景组成的列表",
                      "a list of scenario files or inline scenarios"),
        "grid": ("参数到取值列表的映射（{attendance}、{weight} 或变化）",
                 "a mapping of parameters to lists of values ({attendance}, {weight}, or "
                 "changes)"),
        "values": ("至少一个值", "at least one value"),
        "grid_value": ("一项变化（{change}）或变化的列表；只有 {attendance} 和 {weight} 可以取"
                       "数值（目标各项：{terms}）",
                       "a change ({change}) or a list of changes; numbers only for "
                       "{attendance} and {weight} (terms: {terms})"),
        "probability": ("0 至 1 之间的概率（或由它们组成的列表）",
                        "a probability from 0 to 1 (or a list of them)"),
        "mode": ("{fixed}（评估基准方案）或 {replan}（为每次抽样重新规划）",
                 "{fixed} (evaluate the baseline plan) or {replan} (plan each draw)"),
        "window": ("时间窗的 {start} 和 {end} 都写，或都不写",
                   "both {start} and {end} for a window, or neither"),
        "csv": ("可读取的 CSV 文件（{problem}）", "a readable CSV file ({problem})"),
        "history": ("含有 {columns} 列的 CSV 文件（{command} 写的 {file}）",
                    "a CSV with columns {columns} ({file} of {command})"),
    }),
    # what `sweep` and `batch` say when there is nothing to plan or nowhere to run it
    # (matching.cli.sweeps, matching.cli.common.cluster_error); {error} is Dask's own
    **pairs("distributed", {
        "no_workbooks": ("错误：{folder} 中没有工作簿（每个中心一个：含 CSV 文件的子文件夹，"
                         "或 .xlsx 文件）",
                         "error: no workbooks in {folder} (subfolders of CSV files or .xlsx "
                         "files, one per center)"),
        "no_scheduler": ("错误：无法在 {address} 的 Dask 调度器上运行：{error}",
                         "error: cannot run on the Dask scheduler at {address}: {error}"),
        "no_local_cluster": ("错误：无法在本机集群上运行：{error}",
                             "error: cannot run on a local cluster: {error}"),
    }),
    # the duty rule a volunteer would break by taking one more seat, which is why they
    # were not given it (matching.rules.seat_breach); the same values as ``hard.<rule>``
    **pairs("would", {
        "daily_hours": ("{name} 若再担任此岗位，{period} 将服务 {hours:g} 小时（{count} 项活动），"
                        "超过其每天 {limit:g} 小时的上限",
                        "{name} would staff {hours:g} h on {period} ({count} activities), "
                        "more than the {limit:g} h a day they give"),
        "weekly_hours": ("{name} 若再担任此岗位，{period} 那一周将服务 {hours:g} 小时（{count} "
                         "项活动），超过其每周 {limit:g} 小时的上限",
                         "{name} would staff {hours:g} h in the week of {period} ({count} "
                         "activities), more than the {limit:g} h a week they give"),
        "monthly_activities": ("{name} 若再担任此岗位，{period} 将服务 {count} 项活动，超过其"
                               "每月 {limit:g} 项的上限",
                               "{name} would staff {count} activities in {period}, more than "
                               "the {limit:g} a month they take"),
        "min_rest": ("{name} 若再担任此岗位，在 {first}（{hours:g} 小时）之后只休息 {gap:g} "
                     "小时就要参加 {second}，不足长班后最少休息的 {rest:g} 小时",
                     "{name} would staff {second} only {gap:g} h after {first} ({hours:g} h), "
                     "short of the {rest:g} h of rest after a long shift"),
    }),
    # the candidates of a role (matching.analysis)
    **pairs("cand_detail", {
        "starts": ("{count} 个可能的开始时间", "{count}"),
    }),
    # a finding about a workbook in one line (matching.errors.Issue.render); the English
    # is what an issue has always printed as, which logs and scripts match on
    **pairs("issue", {
        "row": ("{where} 第 {row} 行", "{where}, row {row}"),
        "column": ("{where} “{column}” 列", "{where}, column {column!r}"),
        "error": ("错误：{where}：{expected}", "error: {where}: {expected}"),
        "error_got": ("错误：{where}：填的是 “{value}”，应为：{expected}",
                      "error: {where}: got {value!r}; {expected}"),
        "warning": ("提醒：{where}：{expected}", "warning: {where}: {expected}"),
        "warning_got": ("提醒：{where}：填的是 “{value}”；{expected}",
                        "warning: {where}: got {value!r}; {expected}"),
        # the line above a workbook's (or a plan's, actuals' or a scenario's) errors
        "one_error": ("{subject}有 1 处错误：", "{subject} has 1 error:"),
        "errors": ("{subject}有 {count} 处错误：", "{subject} has {count} errors:"),
        "the_workbook": ("工作簿", "the workbook"),
        "the_scenario": ("情景", "the scenario"),
        "the_plan": ("方案", "the plan"),
        "the_plan_in": ("{path} 中的方案", "the plan in {path}"),
        "the_baseline": ("{path} 中的基准方案", "the baseline in {path}"),
        "the_actuals": ("实际记录", "the record of what happened"),
        "the_actuals_in": ("{path} 中的实际记录", "the record of what happened in {path}"),
    }),
    # the lines `check`, `solve` and `whatif` print after their labels (matching.summary,
    # matching.cli.plan); option and command names are values, as they are typed
    **pairs("summary", {
        "horizon": ("{first} 至 {last}（{length}，每格 {slot} 分钟，时区 {timezone}，"
                    "节假日 {holidays}）",
                    "{first} .. {last} ({length}, {slot}-minute slots, {timezone}, "
                    "holidays {holidays})"),
        "rooms": ("{count} 个（开放时间 {hours} 行，闭馆/停用 {closures} 行）",
                  "{count} ({hours} opening rows, {closures} closures)"),
        "volunteers": ("{count} 名（可服务时间 {availability} 行，意愿 {preferences} 条）",
                       "{count} ({availability} availability rows, {preferences} "
                       "preferences)"),
        "activities": ("{count} 项（{kinds}）", "{count} ({kinds})"),
        "roles": ("{count} 项（最少 {least} 人次，目标 {target} 人次）",
                  "{count} ({least} seats at min, {target} at target)"),
        "unchecked": ("（工作簿太大：从不开放的场地、从来没空的志愿者和无法举办的活动未作检查）",
                      "(rooms never open, people never available and activities that cannot "
                      "take place are not checked: the workbook is too large)"),
        "check_conflicts": ("{count} 处冲突；改正之前 {command} 找不到方案：",
                            "{count} conflict(s); {command} finds no plan until they are "
                            "fixed:"),
        "status": ("{status}，用时 {seconds:.1f} 秒{stopped}",
                   "{status}  ({seconds:.1f} s{stopped})"),
        "stopped": ("，时限未到即被手动停止", ", stopped before its time limit"),
        "infeasible": ("以下规则无法同时满足：", "the rules that cannot all hold:"),
        "scheduled": ("{scheduled}/{total} 项（{priorities}）",
                      "{scheduled}/{total} ({priorities})"),
        "seats": ("已配 {filled} 人次，目标 {target} 人次，最少需 {least} 人次；"
                  "{below} 个岗位未达目标人数",
                  "{filled} seats filled, {target} targeted, {least} required; {below} "
                  "role(s) below target"),
        "load": ("参与 {used}/{total} 人；服务时长最少 {least:g} 小时，平均 {mean:.1f} 小时，"
                 "最多 {most:g} 小时",
                 "{used}/{total} used; load min {least:g} h, mean {mean:.1f} h, max "
                 "{most:g} h"),
        "objective": ("{objective}（排期、配人、软目标罚分）；{bound}",
                      "{objective} (schedule, staffing, soft penalties); {bound}"),
        "bound": ("下界 {bound}", "bound {bound}"),
        "no_bound": ("时限内未证明下界", "no bound proved in time"),
        "checked": ("评估器发现 {count} 处违反硬约束",
                    "{count} hard violation(s) found by the evaluator"),
        "early": ("（工作量固定，{done:.0f} 秒即完成，时限为 {limit:g} 秒；加 {race} "
                  "则用满整个时限搜索）",
                  " (a fixed amount of work, done in {done:.0f} s of the {limit:g} s limit; "
                  "{race} searches for the whole limit)"),
        "unscheduled": ("{count} 项：", "{count}:"),
        "reason": ("{activity}：{reason}", "{activity}: {reason}"),
        "more": ("……另有 {count} 项，见 {table} 表", "... and {count} more in {table}"),
        "no_plan_report": ("{status}：{workbook} 没有得出方案",
                           "{status}: no plan for {workbook}"),
        "written_plan": ("{tables} 和 {planfile}（供 {command} 使用）",
                         "{tables} and {planfile} (for {command})"),
        "ledger": ("志愿者 {people} 人共 {hours:g} 小时（其中 {planned:g} 小时按方案计入，"
                   "没有出勤记录），缺席 {no_shows} 人次；活动举行 {held} 项，未举行 {not_held} 项",
                   "{hours:g} hours by {people} volunteers ({planned:g} h of them counted "
                   "as planned, without an attendance row), {no_shows} no-shows; activities "
                   "held: {held}, not held: {not_held}"),
        "not_yet": ("{later} 项活动在 {last} 之后开始，尚未举行，不计入"
                    "（{option} 可指定计到哪一天）",
                    "{later} activities start after {last}: not held yet, not counted "
                    "({option} sets the last day counted)"),
        "until_hint": ("{said}（{option} 可指定计到哪一天）",
                       "{said} ({option} sets the last day counted)"),
        "nothing_yet": ("{last} 时方案还没有开始（规划期从 {start} 开始）：没有可计入的内容",
                        "nothing of the plan had started by {last} (its period starts on "
                        "{start}): there is nothing to count"),
        "and_warnings": ("另有 {count} 条提醒：", "and {count} warning(s):"),
        "differs": ("注意：实际情况与方案（或文件）有 {count} 处不同：",
                    "note: what happened differs from the plan (or the file) in {count} "
                    "place(s):"),
        "breaks_warning": ("提醒：{what}违反 {count} 条硬约束：",
                           "warning: {what} breaks {count} hard rule(s):"),
        "breaks_error": ("错误：{what}违反 {count} 条硬约束：",
                         "error: {what} breaks {count} hard rule(s):"),
        "more_broken": ("另有 {count} 条", "and {count} more"),
        # solve's word on the workbook it plans (check lists every warning)
        "workbook_warnings": ("工作簿有 {count} 条提醒（{command} 列出全部）：",
                              "the workbook has {count} warning(s) ({command} lists them "
                              "all):"),
        "export_refused": ("未写入任何文件；请改正方案，或加 {option} 导出带此提醒的方案",
                           "nothing written; correct the plan, or pass {option} to export "
                           "it with this warning in it"),
        "written_contacts": ("{path}（含联系方式）", "{path} (with contact details)"),
        "written_report": ("{report}；{folder} 中原有的方案保持不变",
                           "{report}; any plan already in {folder} is kept"),
        "whatif": ("{name}：{status}，{changed} 项活动的开始时间、场地或是否安排有改动；"
                   "按改动类型：{counts}",
                   "{name}: {status}, {changed} changed assignment(s) (start, room or "
                   "scheduled); by kind of change: {counts}"),
        # the name of the workbook a what-if writes beside its plan, which its exports show
        "whatif_workbook_name": ("{name}（情景：{scenario}）", "{name} (what-if: {scenario})"),
        # the activities a re-plan no longer schedules, each with why
        "whatif_dropped": ("{activity}不再安排：{reason}", "{activity} is no longer scheduled: "
                                                             "{reason}"),
        "whatif_baseline": ("按改动后的工作簿评估：罚分 {tiers}，违反 {broken} 条硬约束"
                            "（新方案：{replan}，其软目标含偏离基准方案的代价，上表不含）",
                            "on the changed workbook: tiers {tiers}, {broken} hard rule(s) "
                            "broken (the re-plan: {replan}, its soft tier with the cost of "
                            "its moves from the baseline, which the table above leaves out)"),
        "written_whatif": ("{folder}，含 {planfile} 和它所规划的改动后工作簿（供 {command} 使用）",
                           "{folder}, with {planfile} and the changed workbook it plans (for "
                           "{command})"),
        "whatif_no_plan": ("错误：情景 “{name}” 没有得出方案（{status}）",
                           "error: no plan for scenario {name!r} ({status})"),
        "too_large": ("错误：{reason}；如仍要尝试，请加上 {option}",
                      "error: {reason}; pass {option} to try anyway"),
        "workers_without_race": ("提示：{option} 只在加上 {race} 时全部使用；可重复的搜索最多"
                                 "用两个线程，两个搜索并排进行，取较好的一个",
                                 "note: {option} is used in full with {race} only; a "
                                 "repeatable search runs two searches side by side at most "
                                 "and keeps the better"),
        "whatif_own_baseline": ("错误：{option} {out} 是基准方案所在的文件夹：新方案会替换"
                                "用来比较的基准方案；请换一个文件夹",
                                "error: {option} {out} is the baseline's folder: the re-plan "
                                "would replace the plan it is compared with; choose another "
                                "folder"),
        "whatif_other_workbook": ("错误：{baseline} 中的基准方案是为另一个工作簿（或 {workbook} "
                                  "的旧版本）规划的；请用 {command} 重新规划",
                                  "error: the baseline in {baseline} was planned for another "
                                  "workbook (or an earlier version of {workbook}); plan it "
                                  "again with {command}"),
        "whatif_outside": ("提醒：情景改动了 {count} 项基准方案所规划时段（{period}）以外的活动："
                           "这些改动写入了改动后的工作簿，但不在本次重新规划中",
                           "warning: the scenario changes {count} activit(ies) outside the "
                           "part the baseline plans ({period}): they are in the workbook "
                           "written, not in this re-plan"),
        "whatif_its_workbook": ("错误：{baseline} 中的基准方案规划的是情景修改后、写在 {changed} 的"
                                "工作簿：请以 {changed} 作为工作簿，或以原来的基准方案为起点",
                                "error: the baseline in {baseline} plans the workbook the "
                                "what-if changed, written to {changed}: pass {changed} as the "
                                "workbook, or start from the original baseline"),
        # what `generate`, `sweep` and `batch` print (matching.cli, matching.distributed);
        # {where} is where the tasks ran, in the words of where.*
        "written_tables": ("{path}：{counts}", "{path}: {counts}"),
        "sweep": ("{name}：{runs} 次运行，失败 {failed} 次，用时 {seconds:.1f} 秒，运行于 {where}",
                  "{name}: {runs} runs, {failed} failed, {seconds:.1f} s on {where}"),
        "batch": ("{centers} 个中心，已规划 {planned} 个，失败 {failed} 个，用时 {seconds:.1f} 秒，"
                  "运行于 {where}",
                  "{centers} centers, {planned} planned, {failed} failed, {seconds:.1f} s on "
                  "{where}"),
        "run_error": ("{status}：{error}", "{status}: {error}"),
        "run_failed": ("{run}：{status}：{error}", "{run}: {status}: {error}"),
        "more_lines": ("……另有 {count} 行，见结果表", "... {count} more line(s) in the results"),
        "no_baseline": ("没有可作为起点的基准方案（{status}：{error}）",
                        "no baseline plan to start from ({status}: {error})"),
        "partial": ("{group}：汇总只基于 {total} 次中的 {used} 次（{failed} 次失败）",
                    "{group}: summary of {used} of {total} runs ({failed} failed)"),
        "first_plan": ("正在寻找第一个方案（目前还有 {missing:g} 项必办活动排不进）  "
                       "{elapsed:6.1f} 秒",
                       "looking for a first plan ({missing:g} must activities without a "
                       "place so far)  {elapsed:6.1f} s"),
        # {stage} is padded to its column
        "progress": ("{stage}目标 {objective:>10g}  下界 {bound:>10}  {elapsed:6.1f} 秒",
                     "{stage}objective {objective:>10g}  bound {bound:>10}  "
                     "{elapsed:6.1f} s"),
    }),
    # personal data a public output would show, said without the data itself
    # (matching.export.privacy); {where} is a file's, sheet's or property's name as it is
    # written, {column} a workbook_column word (its name in English)
    **pairs("privacy", {
        "volunteer_phone": ("志愿者 {volunteer} 的电话号码",
                            "the phone number of volunteer {volunteer}"),
        "volunteer_notes": ("志愿者 {volunteer} 的备注", "the notes of volunteer {volunteer}"),
        "written": ("写在{whose}里的电话号码", "a phone number written in {whose}"),
        "a_phone": ("一个电话号码", "a phone number"),
        "not_public": ("“{column}” 列不是公开字段", "column {column!r} is not a public field"),
        "of_activity": ("活动 {id} 的{column}", "the {column} of activity {id}"),
        "of_volunteer": ("志愿者 {id} 的{column}", "the {column} of volunteer {id}"),
        "of_room": ("场地 {id} 的{column}", "the {column} of room {id}"),
        "of_theme": ("主题 {id} 的{column}", "the {column} of theme {id}"),
        "of_workbook": ("工作簿的{column}", "the workbook's {column}"),
        "leak": ("{what}（{places}）", "{what} ({places})"),
        "more_places": ("{places} 等，另有 {count} 处", "{places} and {count} more place(s)"),
        "more_leaks": ("{leaks}；另有 {count} 项", "{leaks}; and {count} more"),
        "refused": ("公开文件中有个人信息：{leaks}", "personal data in a public output: {leaks}"),
        # a cell of an output's table, as it is named in a list of places (a workbook's
        # issue.row and issue.column, "by_day, row 3, column 'partner'", would run into
        # the commas of the list)
        "cell": ("{table} 表第 {row} 行 “{column}” 列", "{table}.{column} row {row}"),
        # a note the year-end report quotes as the reason an activity was moved or
        # cancelled (matching.actuals.report)
        "quoted_moved": ("{file}：作为改期原因引用的活动 {id} 的备注",
                         "{file}: the note on {id}, quoted as the reason it was moved"),
        "quoted_cancelled": ("{file}：作为取消原因引用的活动 {id} 的备注",
                             "{file}: the note on {id}, quoted as the reason it was "
                             "cancelled"),
    }),
    # what `export` says when it refuses a plan (matching.cli.exports)
    **pairs("export", {
        # the reason shown beside an activity of the workbook a plan does not mention
        "not_in_plan": ("不在这份方案中：它是方案制定后加入的，或方案是为另一个工作簿制定的",
                        "not in this plan: added since the plan was made, or the plan is "
                        "for another workbook"),
        # the ledger's and the year-end report's (their notes hold no --include-contacts)
        "personal_data_kept": ("错误：{refusal}；未写入任何文件",
                               "error: {refusal}; nothing written"),
        "fresh_calendars": ("提醒：{out} 里没有以前导出的日历，情景方案去掉的活动在这里不会写成"
                            "“已取消”：要让导入过旧日历的人删掉它们，请导出到他们已有的日历文件夹",
                            "note: {out} holds no calendars exported before, so the events "
                            "this re-plan drops are not written as cancelled there: to take "
                            "them off the calendars that imported the old files, export into "
                            "the folder those came from"),
        "no_contacts": ("提醒：工作簿 {workbook} 里没有志愿者的电话或备注，导出的文件不含联系方式"
                        "（情景写出的工作簿不带它们：用 {option} 指向原工作簿）",
                        "note: the workbook {workbook} has no volunteer's phone number or "
                        "note, so the export has no contact details (a what-if writes its "
                        "workbook without them: point {option} at the original)"),
        "personal_data": ("错误：{refusal}；未写入任何文件。请把号码从工作簿中会显示的列里删去"
                          "（备注或电话列里可以保留），或加 {option} 导出供内部使用的副本",
                          "error: {refusal}; nothing written. Take the number out of the "
                          "workbook's shown columns (a note or the phone column keeps it), or "
                          "pass {option} for a copy for internal use"),
    }),
    # what a command says when it refuses its input or output (matching.cli, and the
    # output files and folders of matching.io.outputs, whose refusals are sentences of
    # their own, said by the command line with refusal.said and by the app in its
    # header); option names and files are values, as they are typed, {argument} the
    # command's argument as `--help` shows it and {expected} what it should be (an
    # argument.* entry)
    **pairs("refusal", {
        # a refusal the toolkit says as a sentence of its own ({problem}: an output that
        # cannot be written, a plan file that does not fit), as the command line says it
        "said": ("错误：{problem}", "error: {problem}"),
        "missing": ("错误：找不到 {path}（{argument}：{expected}）",
                    "error: no file {path}: the {argument} should be {expected}"),
        "file_for_folder": ("错误：{path} 是一个文件（{argument}：{expected}）",
                            "error: {path} is a file: the {argument} should be {expected}"),
        "no_actuals": ("需要实际情况的记录（{parameter}）：先用 {command} 导出出勤模板，"
                       "填写后传入其路径",
                       "{parameter} is needed: the record of what happened. Export an "
                       "attendance template with {command}, fill it in and pass its path"),
        "other_output": ("{folder} 中是 `{held}` 写入的内容，不是 `{kind}` 的输出；请换一个"
                         "文件夹，或加 {option} 替换它",
                         "{folder} holds what `{held}` wrote, not output of `{kind}`; choose "
                         "another folder, or pass {option} to replace it"),
        "other_output_edited": ("{folder} 中是 `{held}` 写入的内容（{files} 不是它写入的，"
                                "或写入后被改动过），不是 `{kind}` 的输出；请换一个文件夹，"
                                "或加 {option} 替换它（改动也会被替换）",
                                "{folder} holds what `{held}` wrote (and files it did not "
                                "write, or edited since: {files}), not output of `{kind}`; "
                                "choose another folder, or pass {option} to replace it, "
                                "edits and all"),
        "over_input": ("{path} 正是本报告所依据的输入文件；请为输出另取一个名称",
                       "{path} is the input this output is made from; choose another name "
                       "for the output"),
        "not_exported": ("{path} 已存在，且不是本工具导出的文件（或导出后被改动过，如填好的"
                         "登记表）；请换一个名称，或加 {option} 替换它",
                         "{path} exists and is not a file matching exported (or it was "
                         "edited since, as a filled template is); choose another name, or "
                         "pass {option} to replace it"),
        "not_written": ("{folder} 中有本工具没有写入（或写入后被改动过）的文件：{files}。"
                        "请换一个空的或新的文件夹，或加 {option} 替换本工具写入的文件（其他名称"
                        "的文件会保留）",
                        "{folder} holds files matching did not write, or edited since: "
                        "{files}. Choose an empty or new folder, or pass {option} to replace "
                        "what matching wrote there (files of other names are kept)"),
        "folder_is_file": ("{path} 是一个文件；这里需要一个输出文件夹的名称",
                           "{path} is a file; an output folder name is needed here"),
        "in_a_file": ("{above} 是一个文件，{path} 不能是它里面的文件夹",
                      "{above} is a file, so {path} cannot be a folder in it"),
        "current_folder": ("{path} 是当前文件夹或它的上级文件夹；输出文件夹会被整个替换，"
                           "请给它一个单独的文件夹",
                           "{path} is the current folder or one above it; an output "
                           "folder is replaced whole, so give it a folder of its own"),
        "file_is_folder": ("{path} 是一个文件夹；这里需要一个文件名",
                           "{path} is a folder; a file name is needed here"),
        "no_plan": ("错误：{folder} 中没有方案：求解没有找到方案；见 {report}",
                    "error: no plan in {folder}: the solve found none; see {report}"),
        "no_workbook": ("错误：{plan} 没有写明它是哪个工作簿的方案；请用 {option} 指定工作簿",
                        "error: {plan} does not say which workbook it is for; pass {option}"),
        "ics_folder": ("错误：{command} 为每位志愿者、每个场地和整个中心各写一个 .ics 文件：请给 "
                       "{option} 一个文件夹名称，而不是文件名",
                       "error: {command} writes one .ics file per volunteer, per room and for the "
                       "center: give {option} a folder name, not a file name"),
        "suffix": ("错误：{command} 写出的文件须以 {suffixes} 结尾：请给 {option} 这样的文件名",
                   "error: {command} writes a file ending in {suffixes}: give {option} such a "
                   "file name"),
        # the operating system refused to write an output; {reason} a write_fault.* entry,
        # or the system's own words
        "not_writable": ("无法写入 {path}：{reason}；原有的文件保持不变",
                         "cannot write {path}: {reason}; what was there is unchanged"),
    }),
    # why the operating system refused to write (refusal.not_writable)
    **pairs("write_fault", {
        "permission": ("没有写入权限，或文件正在 WPS 等表格软件中打开；请关闭它或换一个位置",
                       "no permission, or the file is open in another program (Excel, say); "
                       "close it or choose another place"),
        "full": ("磁盘已满", "the disk is full"),
        "read_only": ("该磁盘只读", "the disk is read-only"),
        "no_folder": ("它所在的文件夹不存在，或不能在其中新建文件",
                      "its folder is gone, or cannot hold new files"),
        "long_name": ("名称太长", "the name is too long"),
    }),
    # what each file or folder a command reads should be: its `--help` (in English) and
    # what a refusal of a missing one says (refusal.missing); a workbook is
    # valid.workbook_path. File names, suffixes and commands are values, as they are typed
    **pairs("argument", {
        "planned_workbook": ("方案所依据的工作簿", "the workbook the plan was made from"),
        "baseline_workbook": ("基准方案所依据的工作簿", "the workbook the baseline plans"),
        "other_workbook": ("代替方案文件所指工作簿的另一个工作簿",
                           "the workbook to use instead of the one the plan file names"),
        "template_workbook": ("作为模板的工作簿（不指定时用内置的 {default}）",
                              "a template workbook (the embedded {default} if not given)"),
        "plan": ("方案文件（{planfile}），或 {command} 写出的文件夹",
                 "a plan file ({planfile}), or the folder {command} wrote"),
        "baseline": ("含 {assignments} 和 {staffing} 的方案文件夹，或方案文件 {plan}",
                     "a plan folder with {assignments} and {staffing}, or a plan file "
                     "({plan})"),
        "scenario": ("情景文件（{yaml} 或 {json}）", "a scenario file ({yaml} or {json})"),
        "sweep": ("批量情景文件（{yaml} 或 {json}）", "a sweep file ({yaml} or {json})"),
        "actuals": ("填好的 {command} 模板（.xlsx），或含 {actuals} 和 {attendance} 的文件夹",
                    "the filled template of {command} (.xlsx), or a folder with {actuals} "
                    "and {attendance}"),
        "centers": ("各中心工作簿所在的文件夹（每个中心一个：含 CSV 文件的子文件夹，或 .xlsx "
                    "文件）",
                    "a folder of center workbooks (subfolders of CSV files or .xlsx files, one "
                    "per center)"),
    }),
    # what the command line says on stderr when Ctrl+C or `kill` stops it, and while it
    # reads a large workbook (matching.cli)
    **pairs("notice", {
        "stopping": ("正在停止：将写入目前最好的方案（再按一次 Ctrl+C 则不写入，直接退出）",
                     "stopping: the best plan so far will be written (Ctrl+C again to quit "
                     "without writing)"),
        "interrupted": ("已中断：没有再写入任何文件", "interrupted: nothing more was written"),
        "terminated": ("已终止：正在写入的文件保持原样",
                       "terminated: files being written were left as they were"),
        # while a large workbook is read (matching.cli.common.ReadProgress)
        "read_table": ("已读取{table}：{rows} 行（{seconds} 秒）",
                       "read {table}: {rows} rows ({seconds} s)"),
        "validating": ("正在核查 {rows} 行…（{seconds} 秒）",
                       "validating {rows} rows ... ({seconds} s)"),
    }),
    # why another run may give another plan, as the solver notes it in a plan's meta (in
    # English, which files keep): matching.summary finds the note by its English
    **pairs("repeatable", {
        "race": ("否（多个线程竞速求解）", "no (workers race)"),
        "stopped": ("否（被手动停止）", "no (stopped)"),
        "patience": ("否（“无改进即停止”按秒计时）", "no (its patience is counted in seconds)"),
        "cut_short": ("否（时限截断了搜索）", "no (the time limit cut the search short)"),
        "step_cut": ("否（某一步用完了分到的时间，工作尚未做完）",
                     "no (a step ran out of its share of the time with its work undone)"),
        "model_cut": ("否（建立模型时时限已到）",
                      "no (the time limit ran out while the model was being built)"),
        "overdrawn": ("否（找到第一个方案之前工作量已用完，搜索继续进行）",
                      "no (the work limit ran out before a first plan; the search went on)"),
    }),
}
