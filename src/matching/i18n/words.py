"""Every word the apps and the shared plans show, in Chinese and English.

Words are grouped in families (``col.*`` for column headings, ``kpi.*`` for key figures,
``priority.*`` for the values of a column...), and each word exists once: the planner
app, the Excel workbook and the HTML report say "罚分" for a penalty, never one "罚分"
and the other "扣分".
"""

from __future__ import annotations

from typing import Final


def pairs(prefix: str, entries: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    return {f"{prefix}.{key}": {"zh": zh, "en": en} for key, (zh, en) in entries.items()}


WORDS: Final[dict[str, dict[str, str]]] = {
    # pages of the app, sections of the report and sheets of the workbook
    **pairs("page", {
        "data": ("数据", "Data"), "timeline": ("时间线", "Timeline"),
        "week": ("周历", "Week"), "load": ("志愿者负荷", "Volunteer load"),
        "attention": ("未排与缺人", "Unscheduled & short"), "analyze": ("评分分析", "Analyze"),
        "kpis": ("关键指标", "Key figures"), "activity": ("活动详情与锁定", "Activity & pins"),
        "overview": ("概览", "Overview"), "by_day": ("按日期", "By day"),
        "by_room": ("按场地", "By room"), "by_volunteer": ("按志愿者", "By volunteer"),
        "by_theme": ("按主题", "By theme"), "roster": ("志愿者名册", "Volunteer roster"),
        "unscheduled": ("未安排", "Unscheduled"), "score": ("评分", "Score"),
        "agenda": ("日程", "Agenda"),
    }),
    # column headings (and the fields of the activity page)
    **pairs("col", {
        "key": ("项目", "Item"), "value": ("值", "Value"), "date": ("日期", "Date"),
        "weekday": ("星期", "Day"), "start": ("开始", "Start"), "end": ("结束", "End"),
        "room": ("场地", "Room"), "room_id": ("场地编号", "Room id"),
        "activity_id": ("活动编号", "Activity id"), "title": ("活动", "Activity"),
        "theme": ("主题", "Theme"), "theme_id": ("主题编号", "Theme id"),
        "kind": ("类型", "Kind"), "priority": ("优先级", "Priority"),
        "attendance": ("预计人数", "Expected"), "staff": ("志愿者", "Volunteers"),
        "partner": ("合作方", "Partner"), "volunteer_id": ("志愿者编号", "Volunteer id"),
        "name": ("姓名", "Name"), "team": ("队伍", "Team"), "skills": ("技能", "Skills"),
        "age_band": ("年龄段", "Age band"), "role": ("岗位", "Role"),
        "activities": ("活动数", "Activities"), "hours": ("时长(小时)", "Hours"),
        "phone": ("电话", "Phone"), "notes": ("备注", "Notes"),
        "earliest_start": ("最早开始", "Earliest start"), "latest_end": ("最晚结束", "Latest end"),
        "reason": ("原因", "Reason"), "constraint": ("规则", "Rule"), "level": ("级别", "Level"),
        "weight": ("权重", "Weight"), "count": ("次数", "Count"), "penalty": ("罚分", "Penalty"),
        "schedule": ("安排", "Schedule"), "status": ("状态", "Status"),
        "short": ("缺人", "Short"), "broken": ("", ""), "message": ("说明", "Message"),
        "rank": ("排名", "Rank"), "detail": ("详情", "Detail"), "window": ("时间窗口", "Window"),
        "duration_minutes": ("时长(分钟)", "Minutes"), "equipment": ("设备", "Equipment"),
        "roles": ("岗位 最少/目标/最多", "Roles min/target/max"),
        "delta": ("增减", "delta"),
        # a comparison of two plans (matching.scenario.compare)
        "change": ("变化", "Change"), "changes": ("变化", "Changes"),
        "before": ("调整前", "Before"), "after": ("调整后", "After"),
        "hours_before": ("调整前时长(小时)", "Hours before"),
        "hours_after": ("调整后时长(小时)", "Hours after"),
        "start_before": ("调整前开始", "Start before"),
        "start_after": ("调整后开始", "Start after"),
        "room_before": ("调整前场地", "Room before"), "room_after": ("调整后场地", "Room after"),
        "staff_before": ("调整前人员", "People before"),
        "staff_after": ("调整后人员", "People after"),
    }),
    # the overview of a shared plan
    **pairs("about", {
        "workbook": ("工作簿", "Workbook"), "horizon": ("规划期", "Period"),
        "solver_status": ("求解状态", "Solver status"),
        "feasible": ("满足全部硬性规则", "Keeps every hard rule"),
        "fingerprint": ("数据指纹", "Data fingerprint"), "audience": ("读者范围", "Audience"),
        "public": ("公开（不含联系方式）", "public (no contact details)"),
        "internal": ("内部（含联系方式）", "internal (with contact details)"),
        "warning": ("警告", "Warning"),
        "broken_rule": ("此计划违反 {count} 条硬性规则，分享或执行前请先核对修正。",
                        "This plan breaks {count} hard rule: check and correct it before "
                        "sharing or acting on it."),
        "broken_rules": ("此计划违反 {count} 条硬性规则，分享或执行前请先核对修正。",
                         "This plan breaks {count} hard rules: check and correct it before "
                         "sharing or acting on it."),
    }),
    **pairs("word", {
        "yes": ("是", "yes"), "no": ("否", "no"), "none": ("无", "none"),
        "scenario": ("情景", "scenario"),
        "no_room": ("无场地", "no room"), "whole_center": ("全中心", "the whole center"),
        "another_activity": ("另一项活动", "another activity"),
        "nobody_else": ("没有其他符合条件的志愿者", "no other qualified volunteer"),
    }),
    # joining lists in a sentence
    **pairs("list", {
        "comma": ("、", ", "), "semicolon": ("；", "; "), "and": ("和", " and "),
        "or": (" 或 ", " or "),
        "more": ("{items} 等，另有 {count} 项", "{items} and {count} more"),
        "more_people": ("{items} 等，另有 {count} 人", "{items} and {count} more"),
    }),
    # values of enumerated columns
    **pairs("plan", {"scheduled": ("已安排", "scheduled"),
                      "unscheduled": ("未安排", "unscheduled")}),
    **pairs("kind", {"activity": ("活动", "activity"), "booking": ("场地借用", "booking"),
                      "meeting": ("会议接待", "meeting")}),
    **pairs("priority", {"must": ("必办", "must"), "high": ("高", "high"),
                          "normal": ("普通", "normal"), "low": ("低", "low")}),
    # the kinds of an availability row, as a coordinator may type them in Chinese
    **pairs("availability_kind", {"available": ("可用", "available"),
                                  "unavailable": ("不可用", "unavailable"),
                                  "preferred": ("优先", "preferred")}),
    **pairs("age_band", {"youth": ("青年", "youth"), "adult": ("成年", "adult"),
                          "senior": ("老年", "senior")}),
    # the kinds of change a comparison of two plans counts (matching.scenario.compare)
    **pairs("diff", {"moved": ("改时间", "moved"), "re-roomed": ("换场地", "re-roomed"),
                      "re-staffed": ("换人", "re-staffed"), "dropped": ("不再安排", "dropped"),
                      "newly scheduled": ("新安排", "newly scheduled"),
                      "left out": ("新活动未能安排", "left out")}),
    # what a comparison says of an activity on one side where it has no time and room
    **pairs("diff_side", {"unscheduled": ("未安排", "unscheduled"),
                           "unscheduled_why": ("未安排：{reason}", "unscheduled: {reason}"),
                           "new_activity": ("新活动", "new activity"),
                           "removed": ("已从工作簿删除", "removed from the workbook")}),
    **pairs("level", {"hard": ("硬约束", "hard"), "medium": ("中", "medium"),
                       "soft": ("软", "soft")}),
    **pairs("when", {"day": ("{date} {weekday}", "{weekday} {date}")}),
    **pairs("day", {"0": ("周一", "Mon"), "1": ("周二", "Tue"), "2": ("周三", "Wed"),
                     "3": ("周四", "Thu"), "4": ("周五", "Fri"), "5": ("周六", "Sat"),
                     "6": ("周日", "Sun")}),
    **pairs("solver", {
        "OPTIMAL": ("已证明最优", "proven optimal"),
        "FEASIBLE": ("可行方案（未证明最优）", "feasible, not proven optimal"),
        "INFEASIBLE": ("无解", "infeasible"), "UNKNOWN": ("未找到方案", "no plan found"),
        # a sweep's or a batch's run that failed, and a no-show draw measured on a plan
        "ERROR": ("出错", "error"), "EVALUATED": ("已评估", "evaluated"),
    }),
    # the rules and objective terms of the evaluator, and the key figures
    **pairs("term", {
        "priority_high": ("高优先级未排", "High priority unscheduled"),
        "priority_normal": ("普通优先级未排", "Normal priority unscheduled"),
        "priority_low": ("低优先级未排", "Low priority unscheduled"),
        "staffing": ("岗位未满员", "Seats below target"),
        "preference": ("志愿者意愿", "Volunteer preferences"),
        "preferred_time": ("偏好时段", "Preferred times"),
        "fairness": ("负荷均衡", "Fair load"),
        "use_everyone": ("人人有活动", "Use every volunteer"),
        "series_room": ("系列活动同一场地", "Series keep their room"),
        "series_people": ("系列活动同一批人", "Series keep their people"),
        "room_fit": ("场地大小合适", "Room fits the group"),
        "preferred_room": ("首选场地", "Preferred room"),
        "reserve": ("预留后备人员", "Reserve for no-shows"),
        "stability_start": ("时间少改动", "Keep start times"),
        "stability_room": ("场地少改动", "Keep rooms"),
        "stability_volunteer": ("人员少改动", "Keep volunteers"),
    }),
    **pairs("term_help", {
        "priority_high": ("每个未排的高优先级活动", "each unscheduled high-priority activity"),
        "priority_normal": ("每个未排的普通活动", "each unscheduled normal activity"),
        "priority_low": ("每个未排的低优先级活动", "each unscheduled low-priority activity"),
        "staffing": ("每个低于目标人数的岗位空缺", "each seat below a role's target"),
        "preference": ("志愿者想做/不想做的活动", "what volunteers wish or avoid"),
        "preferred_time": ("安排在志愿者偏好时段之外", "staffing outside preferred times"),
        "fairness": ("最忙志愿者的负荷", "the busiest volunteer's load"),
        "use_everyone": ("有意愿却未被安排的志愿者", "willing volunteers left unused"),
        "series_room": ("系列活动换场地", "a series changing rooms"),
        "series_people": ("系列活动换人", "a series changing people"),
        "room_fit": ("大场地办小活动", "a big room for a small group"),
        "preferred_room": ("未用首选场地", "not in the preferred room"),
        "reserve": ("按缺席率预计到场人数低于岗位最少人数（每差 0.1 人）",
                    "each tenth of a person a role is expected to miss its minimum by, at the "
                    "volunteers' no-show rates"),
        "stability_start": ("与上一方案相比时间变动", "starts moved from the last plan"),
        "stability_room": ("与上一方案相比场地变动", "rooms changed from the last plan"),
        "stability_volunteer": ("与上一方案相比人员变动", "people changed from the last plan"),
    }),
    **pairs("rule", {
        "unknown_id": ("未知编号", "Unknown id"),
        "duplicate_assignment": ("重复安排", "Activity placed twice"),
        "room_required": ("需要场地", "Room required"),
        "window": ("时间窗口", "Inside its window"), "duration": ("时长", "Duration"),
        "slot_grid": ("时间格", "On the slot grid"), "same_day": ("当天结束", "Ends the same day"),
        "fixed_start": ("固定开始时间", "Fixed start"), "fixed_room": ("固定场地", "Fixed room"),
        "room_open": ("场地开放", "Room open"), "room_capacity": ("场地容量", "Room capacity"),
        "room_equipment": ("场地设备", "Room equipment"),
        "room_overlap": ("场地冲突", "Room double-booked"),
        "volunteer_available": ("志愿者有空", "Volunteer available"),
        "volunteer_skill": ("志愿者技能", "Volunteer skill"),
        "volunteer_age_band": ("志愿者年龄段", "Volunteer age band"),
        "volunteer_overlap": ("志愿者冲突", "Volunteer double-booked"),
        "volunteer_one_role": ("一人一岗", "One role per activity"),
        "daily_hours": ("每天时长上限", "Daily hours"),
        "weekly_hours": ("每周时长上限", "Weekly hours"),
        "monthly_activities": ("每月活动上限", "Monthly activities"),
        "min_rest": ("长班后休息", "Rest after a long shift"),
        "staffing_unscheduled": ("未排活动有人员", "Staff on an unscheduled activity"),
        "role_min": ("岗位最少人数", "Role minimum"), "role_max": ("岗位最多人数", "Role maximum"),
        "cohort_overlap": ("同一群体冲突", "Cohort overlap"),
        "series_order": ("系列顺序", "Series order"),
        "must_scheduled": ("必办活动已排", "Must activities scheduled"),
    }),
    **pairs("kpi", {
        "activities_scheduled": ("已排活动", "activities scheduled"),
        "activities_total": ("活动总数", "activities in all"),
        "scheduled_must": ("已排必办活动", "must activities scheduled"),
        "total_must": ("必办活动", "must activities"),
        "scheduled_high": ("已排高优先级", "high priority scheduled"),
        "total_high": ("高优先级", "high priority"),
        "scheduled_normal": ("已排普通", "normal scheduled"), "total_normal": ("普通", "normal"),
        "scheduled_low": ("已排低优先级", "low priority scheduled"),
        "total_low": ("低优先级", "low priority"),
        "bookings_scheduled": ("已排场地借用", "bookings scheduled"),
        "bookings_total": ("场地借用", "bookings"),
        "seats_filled": ("已配岗位人次", "seats filled"),
        "seats_target": ("目标岗位人次", "seats at target"),
        "seats_min": ("最少岗位人次", "seats at minimum"),
        "volunteers_used": ("参与志愿者", "volunteers used"),
        "volunteers_total": ("志愿者总数", "volunteers in all"),
        "volunteer_load_hours_min": ("志愿者最少时长", "least hours of a volunteer"),
        "volunteer_load_hours_mean": ("志愿者平均时长", "mean hours of a volunteer"),
        "volunteer_load_hours_max": ("志愿者最多时长", "most hours of a volunteer"),
        "room_open_hours": ("场地开放小时", "room hours open"),
        "room_booked_hours": ("场地使用小时", "room hours used"),
        "room_utilisation_pct": ("场地利用率 %", "room utilisation %"),
        "hard_violations": ("违反硬约束", "hard rules broken"),
        "tier1_penalty": ("排期罚分", "schedule penalty"),
        "tier2_penalty": ("配人罚分", "staffing penalty"),
        "tier3_penalty": ("软目标罚分", "soft penalty"),
        "changed_staffing": ("改动的岗位安排", "staffing changed"),
    }),
    # the planner app
    **pairs("controls", {
        "workbook": ("工作簿", "Workbook"), "scope": ("规划范围", "Plan for"),
        "language": ("语言", "Language"), "rules": ("规则与权重", "Rules and weights"),
        "search": ("求解", "Search"), "path": ("CSV 文件夹或 .xlsx 路径",
                                              "CSV folder or .xlsx path"),
        "load": ("载入", "Load"), "time_limit": ("时限(秒)", "Time limit (s)"),
        "workers": ("线程数", "Workers"), "seed": ("随机种子", "Seed"),
        "keep_close": ("尽量保持上一方案", "Stay close to the last plan"),
        "repeatable": ("每次求解结果相同", "Same plan on every solve"),
        "repeatable_help": ("勾选：同样的数据和设置总得到同一方案（两个或更多线程时两个搜索"
                            "并排进行，取较好的一个；通常早于时限结束）；不勾选：多线程用满时限，"
                            "方案往往更好，但每次可能不同",
                            "Checked: the same data and settings always give the same plan "
                            "(with two workers or more, two searches side by side, the "
                            "better kept; usually done before the limit); unchecked: the "
                            "workers race for the whole limit, often a better plan, a "
                            "different one each time"),
        "solve": ("求解", "Solve"), "stop": ("停止", "Stop"),
        "time_limit_help": ("求解最多用的秒数，建立模型的时间也算在内",
                            "seconds the search may take, building the model included"),
        "workers_help": ("求解用的线程数：勾选“每次求解结果相同”时最多用两个",
                         "threads the search uses: two at most when \"Same plan on every "
                         "solve\" is checked"),
        "seed_help": ("换一个数字，可得到同样好坏但不同的方案",
                      "another number may give another plan, as good"),
    }),
    # the settings' language, as a coordinator may type it instead of zh or en
    **pairs("language_name", {"zh": ("中文", "Chinese"), "en": ("英文", "English")}),
    **pairs("scope", {
        "all": ("全部：{name}", "All of {name}"), "quarter": ("季度 {key}", "Quarter {key}"),
        "theme": ("主题：{name}", "Theme: {name}"),
    }),
    # the labels of what `check`, `solve`, `whatif`, `sweep` and `batch` print
    # (matching.summary, matching.distributed), beside the words of the tables (table.*),
    # of a plan's rows (plan.*) and others that label lines there too
    **pairs("line", {
        "horizon": ("规划期", "horizon"), "priority": ("优先级", "priority"),
        "series": ("系列", "series"), "size": ("规模", "size"),
        "warnings": ("提醒", "warnings"), "status": ("状态", "status"),
        "roles": ("岗位", "roles"), "objective": ("目标值", "objective"),
        "checked": ("核查", "checked"), "repeatable": ("可重复", "repeatable"),
        "conflicts": ("冲突", "conflicts"), "no_plan": ("无方案", "no plan"),
        "written": ("已写入", "written"), "ledger": ("台账", "ledger"),
        "sweep": ("批量情景", "sweep"), "batch": ("多中心", "batch"),
        "failed": ("失败", "failed"), "partial": ("不完整", "partial"),
    }),
    # the columns of the tables `sweep` and `batch` print (and write): a word in Chinese,
    # the column itself in English, as those tables have always named them
    **pairs("run_col", {
        "group": ("分组", "group"), "kpi": ("指标", "kpi"), "runs": ("有效次数", "runs"),
        "failed": ("失败次数", "failed"), "total": ("总次数", "total"),
        "mean": ("平均", "mean"), "q05": ("5% 分位", "q05"), "q50": ("中位数", "q50"),
        "q95": ("95% 分位", "q95"), "center": ("中心", "center"),
    }),
    # a sweep's group of the scenarios it runs, by its name in the results (a no-show
    # group is named by its chance, as the results name it)
    **pairs("run_group", {"scenarios": ("情景", "scenarios"),
                          # the no-show draws of one probability, as results name them
                          "no_shows": ("缺席概率 p={p}", "no-shows p={p}")}),
    **pairs("stage", {"start": ("初始方案", "first plan"), "schedule": ("排期", "schedule"),
                       "staffing": ("配人", "staffing"), "soft": ("优化", "soft terms")}),
    **pairs("progress", {
        "idle": ("未在求解", "not solving"),
        "figures": ("阶段 {stage} · 目标 {objective} · 界 {bound} · 差距 {gap}% · "
                    "用时 {elapsed} 秒 · 解 {solutions} 个",
                    "stage {stage} · objective {objective} · bound {bound} · gap {gap}% · "
                    "{elapsed} s · {solutions} solutions"),
        "plan": ("已排 {scheduled}/{activities} 项 · 缺 {short} 人次 · {stage}：{quality} · "
                 "{elapsed} 秒",
                 "{scheduled}/{activities} activities scheduled · {short} seats short · "
                 "{stage}: {quality} · {elapsed} s"),
        "first_plan": ("正在寻找第一个方案 · {elapsed} 秒",
                       "looking for a first plan · {elapsed} s"),
        "proven": ("已证明最优", "proven the best possible"),
        "within": ("距最优至多 {gap}%（差距上限已证明）",
                   "at most {gap}% from the best possible (a proven bound on the gap)"),
        "searching": ("寻找更好的方案", "looking for better"),
        "log": ("求解器原始日志（英文）", "Solver log"), "errors": ("错误", "Errors"),
    }),
    **pairs("status", {
        "empty": ("未载入", "nothing loaded"), "loaded": ("已载入", "loaded"),
        "invalid": ("数据有误，请修改", "the data have errors"),
        "solving": ("求解中…", "solving…"), "stopping": ("正在停止…", "stopping…"),
        "solved": ("已求解", "solved"), "stopped": ("已停止（保留当前最优方案）",
                                                  "stopped (best plan so far kept)"),
        "infeasible": ("无可行方案", "infeasible"), "no_plan": ("未找到方案", "no plan found"),
        "saved": ("已保存", "saved"), "error": ("出错", "error"),
    }),
    **pairs("header", {
        "scope": ("{name}（{count} 项活动）", "{name} ({count} activities)"),
        "scope_all": ("全部（{count} 项活动）", "all ({count} activities)"),
        "issues": ("{errors} 个错误，{warnings} 个提醒",
                   "{errors} error(s), {warnings} warning(s)"),
        "pins": ("{count} 项已锁定", "{count} pinned"), "unsaved": ("有未保存的修改",
                                                                "unsaved changes"),
    }),
    **pairs("data", {
        "summary": ("{rows} 行 · {errors} 个错误 · {warnings} 个提醒",
                    "{rows} rows · {errors} error(s) · {warnings} warning(s)"),
        "row": ("第 {row} 行", "row {row}"), "got": ("填的是 “{value}”", "got '{value}'"),
        "expected": ("应为：{expected}", "expected {expected}"),
        "note": ("提醒：{note}", "note: {note}"),
        "add_row": ("添加行", "Add row"), "delete_rows": ("删除选中行", "Delete selected rows"),
        "reload": ("重新载入", "Reload"), "save": ("保存", "Save"),
        "save_path": ("保存到（默认原文件）", "save to (the loaded file by default)"),
        "issues": ("检查结果（点选可定位到单元格）", "Issues (choose one to go to its cell)"),
    }),
    **pairs("table", {
        "settings": ("设置", "settings"), "themes": ("主题", "themes"),
        "rooms": ("场地", "rooms"), "room_hours": ("场地开放时间", "room hours"),
        "closures": ("闭馆/停用", "closures"), "volunteers": ("志愿者", "volunteers"),
        "availability": ("志愿者可服务时间", "availability"),
        "preferences": ("志愿者意愿", "preferences"), "activities": ("活动", "activities"),
        "roles": ("岗位需求", "roles"), "workbook": ("工作簿", "workbook"),
    }),
    **pairs("results", {
        "no_plan": ("还没有方案：请点“求解”。", "No plan yet: press Solve."),
        "week_of": ("{week} 那一周", "week of {week}"), "week": ("周", "Week"),
        "attention_count": ("{count} 项活动需要关注", "{count} activities need attention"),
        "feasible": ("满足全部硬约束", "every hard rule holds"),
        "infeasible": ("违反硬约束 {count} 处", "{count} hard rules broken"),
        "tiers": ("罚分：排期 {t1} · 配人 {t2} · 软目标 {t3}",
                  "penalties: schedule {t1} · staffing {t2} · soft {t3}"),
        "rule": ("规则明细", "Items of"),
    }),
    **pairs("chart", {
        "kind": ("（{kind}）", "({kind})"),
        "timeline_room": ("按场地的时间线", "Timeline by room"),
        "timeline_volunteer": ("按志愿者的时间线", "Timeline by volunteer"),
        "timeline_theme": ("按主题的时间线", "Timeline by theme"),
        "empty": ("没有已安排的活动", "no scheduled activities"),
        "week": ("{week} 起的一周", "Week of {week}"), "hour": ("时刻", "hour"),
        "activities": ("项活动", "activities"), "load": ("志愿者服务时长", "Volunteer hours"),
        "hours": ("小时", "hours"), "one_week": ("1 周", "1 week"),
        "two_weeks": ("2 周", "2 weeks"), "all": ("全部", "all"),
        "before": ("调整前", "before"), "after": ("调整后", "after"),
        "load_change": ("志愿者服务时长：调整前后", "Volunteer hours before and after"),
        "no_show_p": ("缺席概率 {p}", "no-shows {p}"),
        "no_show_spread": ("缺席抽样下固定方案的缺口", "No-shows against the fixed plan"),
        "understaffed_share": ("低于岗位最少人数的场次占比",
                               "share of sessions below a role's minimum"),
        "draws": ("抽样次数", "draws"), "role": ("岗位", "role"), "seats": ("人次", "seats"),
        "seats_short": ("每次抽样各岗位缺少的人次", "Seats short of the minimum, per draw"),
        "replanned": ("缺席后重新排班：每次抽样的关键指标", "Re-planned draws: key figures"),
        "grid": ("参数组合下的方案", "Plans of the parameter grid"),
        "attendance": ("预计人数倍数", "attendance factor"),
        "weight": ("“{term}”的权重", "{term} weight"),
        "batch_seats": ("各中心岗位人次", "Seats per center"),
    }),
    # the progress of sweeps and batches: the bar in notebooks (ui/progress.py) and the
    # line on a terminal (matching.distributed.TextProgress), whose figures keep to their
    # columns as it is redrawn; a failed task's error stays as the task gave it
    **pairs("tasks", {
        "waiting": ("等待中", "waiting"), "tasks": ("任务", "tasks"),
        "baseline": ("基准方案", "baseline"), "runs": ("情景", "runs"),
        "centers": ("中心", "centers"),
        "count": ("已完成 {done}/{total}，失败 {failed}，{elapsed} 秒",
                  "{done}/{total} done, {failed} failed, {elapsed} s"),
        "line": ("{done:>4}/{total:<4} 已完成，失败 {failed}，用时 {elapsed:6.1f} 秒",
                 "{done:>4}/{total:<4} done, {failed} failed, {elapsed:6.1f} s"),
        "failed": ("失败：{task}：{error}", "failed: {task}: {error}"),
        "dashboard": ("Dask 仪表盘", "Dask dashboard"),
    }),
    # where the tasks of a sweep or a batch ran (matching.distributed.engine.location): a
    # cluster of this computer, or another named by its scheduler's address
    **pairs("where", {
        "here": ("本进程（逐个运行）", "this process (synchronous)"),
        "local": ("本机集群", "local cluster"), "remote": ("Dask 集群", "a Dask cluster"),
        "cluster": ("{cluster}，{workers}", "{cluster}, {workers}"),
        "worker": ("1 个工作进程", "1 worker"),
        "workers": ("{count} 个工作进程", "{count} workers"),
    }),
    **pairs("activity", {
        "choose": ("活动", "Activity"), "pin_time": ("开始时间", "Start"),
        "pin_room": ("场地", "Room"), "pin_staff": ("人员", "People"),
        "pin": ("按表单锁定", "Pin as filled in"), "pin_current": ("锁定当前安排",
                                                                 "Pin as planned"),
        "unpin": ("解除锁定", "Unpin"), "role": ("岗位", "Role"),
        "rank": ("推荐人选", "Rank candidates"), "pin_title": ("锁定（重新求解时保持）",
                                                         "Pin (kept when solving again)"),
        "pins_title": ("已锁定", "Pinned"), "candidates_title": ("岗位候选人", "Candidates"),
        "none_chosen": ("请先选择活动（和岗位）", "choose an activity (and a role) first"),
    }),
    **pairs("cand", {
        "assigned": ("已安排", "assigned"), "free": ("当时有空", "free then"),
        "eligible": ("可以参加", "can come"), "over_limit": ("超出服务上限", "over a limit"),
        "busy": ("当时另有活动", "busy with"), "other_role": ("已担任本活动其他岗位",
                                                        "has another role here"),
        "unavailable": ("当时没空", "unavailable then"),
        "not_eligible": ("不符合条件", "not eligible"), "no_skill": ("不具备该技能",
                                                                  "lacks the skill"),
    }),
    # the printed plan (HTML report): cover, week grids, duty lists
    **pairs("print", {
        "plan": ("工作计划", "Plan"),
        "checked": ("已安排 {scheduled}/{total} 项活动，未违反任何硬性规则。",
                    "{scheduled} of {total} activities scheduled, no hard rule broken."),
        # notebook 04: where its runs go, and what a sweep file asks for
        "cluster": ("运行于：{where}", "running on: {where}"),
        "dashboard": ("仪表板：{link}", "dashboard: {link}"),
        "no_dashboard": ("未运行（安装 {package} 后可打开）",
                         "not running (install {package} for the Dask dashboard)"),
        "sweep_runs": ("基准方案之后运行 {runs} 次；范围：{selection}",
                       "{runs} runs after the baseline plan; selection: {selection}"),
        "whole_workbook": ("整个工作簿", "the whole workbook"),
        # notebook 02's check of the typhoon's re-plan
        "typhoon_kept": ("冻结的 {frozen} 项安排原样保留；{shelter} 个值守班次都已排人",
                         "{frozen} frozen activities kept; {shelter} shelter shifts staffed"),
        "scope": ("{first} 至 {last}", "{first} to {last}"),
        "figures": ("本期概况", "At a glance"),
        "activities": ("活动（已排 / 计划）", "Activities (placed / planned)"),
        "bookings": ("场地借用（已排 / 申请）", "Room bookings (placed / requested)"),
        "volunteers": ("出动志愿者（人 / 名册）", "Volunteers mobilised (of the roster)"),
        "seats": ("岗位人次（已配 / 目标）", "Seats (filled / target)"),
        "roles_short": ("缺人的岗位", "Roles short"),
        "short_count": ("{roles} 个岗位，共缺 {people} 人次",
                        "{roles} role(s), {people} seat(s) short"),
        "filled": ("已配 / 目标", "Filled / target"),
        "contents": ("目录", "Contents"),
        "weeks": ("每周场地安排", "Week by week, room by room"),
        "week": ("第 {number} 周 · {first} 至 {last}", "Week {number} · {first} to {last}"),
        "time": ("时间", "Time"),
        "duties": ("志愿者任务单", "Volunteer duty lists"),
        "duty_count": ("{count} 项 · {hours} 小时", "{count} duty(ies) · {hours} h"),
        "idle": ("本期没有任务的志愿者", "Volunteers without duties"),
        "contacts": ("联系方式与备注（内部）", "Contacts and notes (internal)"),
    }),
    # the scenario builder (ui/scenario_builder.py): kinds of change and what each does
    **pairs("scenario", {"change": ("变化", "Change"), "add": ("添加", "Add"),
                         "remove": ("删除", "Remove"), "run": ("运行", "Run"),
                         "running": ("运行中…", "running…"),
                         # the name of a scenario built from nothing (builder.UNTITLED)
                         "untitled": ("假设情景", "what-if"),
                         "failed": ("运行失败：{error}", "{error}")}),
    # the fields of the changes that are no workbook column, as the builder labels them
    # (its English is the key); the others are named as their column (column_key)
    **pairs("scenario_field", {
        "before": ("冻结时刻", "before"), "hours": ("开放时间", "hours"),
        "term": ("目标项", "term"), "value": ("值", "value"), "column": ("服务上限", "column"),
        "activity_kind": ("活动类型", "activity_kind"), "factor": ("倍数", "factor"),
        "roles": ("岗位", "roles"), "kind": ("变化类型", "kind"),
    }),
    # what a field of the builder takes, as its placeholder says
    **pairs("scenario_hint", {
        "moment": ("YYYY-MM-DD [HH:MM]", "YYYY-MM-DD [HH:MM]"),
        "end": ("YYYY-MM-DD [HH:MM]（只写日期：到那一天结束）",
                "YYYY-MM-DD [HH:MM] (a date: to its end)"),
        "time": ("HH:MM", "HH:MM"), "close": ("HH:MM（可写 24:00）", "HH:MM (24:00 allowed)"),
        "room_id": ("场地编号", "room id"), "volunteer_id": ("志愿者编号", "volunteer id"),
        "team": ("队伍名称", "team name"), "factor": ("例如 2", "e.g. 2"),
        "term": ("目标项，例如 {example}", "objective term, e.g. {example}"),
        "hours": ("周一 09:00-17:00; 周六 09:00-12:00", "Mon 09:00-17:00; Sat 09:00-12:00"),
        "roles": ("{example}（岗位:最少人数:目标人数）", "{example}"),
        "choices": ("{choices}（任选其一）", "{choices}"),
    }),
    **pairs("change", {
        "close_room": ("关闭场地", "close a room"),
        "room_hours": ("改开放时间", "change opening hours"),
        "add_room": ("新增场地", "add a room"),
        "volunteer_unavailable": ("志愿者不能来", "volunteers away"),
        "volunteer_available": ("志愿者应急待命", "volunteers called in"),
        "volunteer_gone": ("志愿者离开", "volunteers gone"),
        "add_activity": ("新增活动", "add an activity"),
        "change_activity": ("修改活动", "change an activity"),
        "remove_activity": ("取消活动", "remove an activity"),
        "scale_attendance": ("调整预计人数", "scale attendance"),
        "duty_limit": ("服务上限", "a duty limit"),
        "set_weight": ("调整权重", "set a weight"),
        "freeze": ("冻结已发生的安排", "freeze what happened"),
    }),
    **pairs("change_help", {
        "close_room": ("一个场地（不填则整个中心）在一段时间内关闭：写入一行停用记录",
                       "a room (blank: the whole center) closes for a while: a closures row"),
        "room_hours": ("这些日期里场地按新的时间开放，代替平时的开放时间",
                       "on these dates the room opens at other hours, instead of its weekly "
                       "ones"),
        "add_room": ("新增一个场地和它的开放时间", "a new room and its opening hours"),
        "volunteer_unavailable": ("一位志愿者或整个队伍在这段时间不能来",
                                  "a volunteer or a whole team is away for a while"),
        "volunteer_available": ("一位志愿者或整个队伍在这段时间随叫随到（应急）",
                                "a volunteer or a whole team is on call for a while "
                                "(emergency)"),
        "volunteer_gone": ("一位志愿者或整个队伍不再参加", "a volunteer or a whole team leaves"),
        "add_activity": ("新增一项活动和它的岗位", "a new activity and its roles"),
        "change_activity": ("修改一项活动的某些栏（留空即清除）",
                            "new values for some columns of an activity (blank clears)"),
        "remove_activity": ("取消一项活动和它的岗位", "an activity and its roles are removed"),
        "scale_attendance": ("预计人数乘以一个系数（可只对某系列、主题或群体）",
                             "expected attendance times a factor (of a series, theme or "
                             "cohort, or of every activity)"),
        "duty_limit": ("一位志愿者、一个队伍或整个中心的服务上限"
                       "（每天、每周时长，每月次数，长班后休息）",
                       "a duty limit (hours a day or week, activities a month, rest after a "
                       "long shift) of a volunteer, a team or the whole center"),
        "set_weight": ("目标中某一项的权重（0 表示不计）",
                       "the weight of one objective term (0 switches it off)"),
        "freeze": ("此时刻之前开始的安排都已发生：重新规划时保持不变",
                   "what starts before this moment has happened: re-planning keeps it"),
    }),
    # one change of a scenario in a line (Change.wording; the English is what describe()
    # has always said, and scenario names are made of it); dates stay as typed
    **pairs("changes", {
        "close_room": ("关闭场地 {room}：{start} 至 {end}", "close room {room} {start} .. {end}"),
        "close_center": ("全中心闭馆：{start} 至 {end}",
                         "close the whole center {start} .. {end}"),
        "room_hours": ("场地 {room} 在 {start} 至 {end} 期间改为 {open}–{close} 开放",
                       "room {room} open {open}-{close} on {start} .. {end}"),
        "add_room": ("新增场地 {room}（{name}，可容纳 {capacity} 人）",
                     "add room {room} ({name}, {capacity} seats)"),
        "volunteer": ("志愿者 {volunteer}", "volunteer {volunteer}"),
        "team": ("队伍 {team}", "team {team}"), "center": ("全中心", "the center"),
        "volunteer_unavailable": ("{who} 在 {start} 至 {end} 期间不能来",
                                  "{who} unavailable {start} .. {end}"),
        "volunteer_available": ("{who} 在 {start} 至 {end} 期间应急待命",
                                "{who} available {start} .. {end}"),
        "volunteer_gone": ("{who} 不再参加", "{who} gone"),
        "volunteer_gone_from": ("{who} 从 {start} 起不再参加", "{who} gone from {start}"),
        # {term}, {column}: a changes_term or changes_column word
        "set_weight": ("“{term}”的权重设为 {value}", "weight {term} = {value}"),
        "duty_limit": ("{who}：{column}设为 {value}", "{column} = {value} for {who}"),
        "duty_limit_none": ("{who}：取消{column}", "{column} = none for {who}"),
        "freeze": ("冻结 {before} 之前开始的安排", "freeze what starts before {before}"),
        "add_activity": ("新增活动 {activity}（{title}）", "add activity {activity} ({title})"),
        "change_activity": ("修改活动 {activity}：{cells}", "change activity {activity}: {cells}"),
        "cell": ("{column}改为 {value}", "{column}={value}"),
        "cell_cleared": ("清空{column}", "{column}="),
        "remove_activity": ("取消活动 {activity}", "remove activity {activity}"),
        "scale_attendance": ("{which}：预计人数乘以 {factor:g}",
                             "attendance x{factor:g} for {which}"),
        "series": ("系列 {id}", "series_id {id}"), "theme": ("主题 {id}", "theme_id {id}"),
        "cohort": ("群体 {id}", "cohort {id}"), "all_activities": ("所有活动", "all activities"),
    }),
    # the workbook's columns by name, as the data editor's issues and the scenario
    # builder show them beside the name (matching.i18n.column_key): a word in Chinese, the
    # column itself in English; a name two tables use for two things is named by table,
    # and the columns of an activity and the duty limits by changes_column below
    **pairs("workbook_column", {
        "key": ("设置项", "key"), "value": ("值", "value"), "theme_id": ("主题编号", "theme_id"),
        "name": ("名称", "name"), "start": ("开始", "start"), "end": ("结束", "end"),
        "description": ("说明", "description"), "room_id": ("场地编号", "room_id"),
        "capacity": ("容量", "capacity"), "equipment": ("设备", "equipment"),
        "site": ("所在地点", "site"),
        "turnaround_minutes": ("场地转换时间（分钟）", "turnaround_minutes"),
        "day": ("星期或日期", "day"), "open": ("开门", "open"), "close": ("关门", "close"),
        "reason": ("原因", "reason"), "volunteer_id": ("志愿者编号", "volunteer_id"),
        "skills": ("技能", "skills"), "team": ("队伍", "team"),
        "age_band": ("年龄段", "age_band"), "no_show_rate": ("缺席率", "no_show_rate"),
        "phone": ("电话", "phone"), "weight": ("权重", "weight"),
        "activity_id": ("活动编号", "activity_id"), "role": ("岗位", "role"),
        "min": ("最少人数", "min"), "max": ("最多人数", "max"),
        "volunteers.name": ("姓名", "name"), "roles.target": ("目标人数", "target"),
        "preferences.target": ("意愿对象", "target"),
        # the attendance template's columns (matching.actuals)
        "actuals.held": ("是否举办", "held"), "actuals.participants": ("参与人数", "participants"),
        "actuals.note": ("备注", "note"), "attendance.name": ("姓名", "name"),
        "attendance.status": ("出勤情况", "status"),
        "attendance.hours": ("服务时长（小时）", "hours"),
    }),
    # the columns a change sets, of an activity (change_activity) or a duty limit
    # (duty_limit): a word in Chinese, the column itself in English, as a change's line
    # has always named it
    **pairs("changes_column", {
        "title": ("名称", "title"), "theme_id": ("主题", "theme_id"), "kind": ("类型", "kind"),
        "series_id": ("系列", "series_id"), "earliest_start": ("最早开始", "earliest_start"),
        "latest_end": ("最晚结束", "latest_end"),
        "duration_minutes": ("时长（分钟）", "duration_minutes"),
        "expected_attendance": ("预计人数", "expected_attendance"),
        "equipment": ("所需设备", "equipment"), "cohort": ("群体", "cohort"),
        "min_age_band": ("志愿者最低年龄段", "min_age_band"), "priority": ("优先级", "priority"),
        "fixed_start": ("固定开始时间", "fixed_start"), "fixed_room": ("固定场地", "fixed_room"),
        "preferred_room": ("首选场地", "preferred_room"), "partner": ("合作方", "partner"),
        "notes": ("备注", "notes"),
        "max_hours_per_day": ("每天服务时长上限（小时）", "max_hours_per_day"),
        "max_hours_per_week": ("每周服务时长上限（小时）", "max_hours_per_week"),
        "max_activities_per_month": ("每月服务次数上限", "max_activities_per_month"),
        "min_rest_hours": ("长班后最少休息时长（小时）", "min_rest_hours"),
        "rest_after_hours": ("多长算长班（小时）", "rest_after_hours"),
    }),
}


def as_named(family: str, named: str) -> dict[str, dict[str, str]]:
    """The words of ``family`` as the family ``named``: each its word in Chinese and its
    name itself in English, where English text has always said the name."""
    prefix = f"{family}."
    return {f"{named}.{name}": {"zh": entry["zh"], "en": name}
            for key, entry in WORDS.items() if key.startswith(prefix)
            for name in [key.removeprefix(prefix)]}


_AS_NAMED: Final[dict[str, dict[str, str]]] = {
    # the objective terms as a scenario's set_weight names them (a change's line)
    **as_named("term", "changes_term"),
    # the kinds of change as a scenario's issue names them (ScenarioIssue.render)
    **as_named("change", "change_kind"),
    # the tables as a workbook's issue names them (matching.errors.Issue.render), a
    # plan's status and a stage of the search as `solve` does (matching.summary)
    **as_named("table", "table_name"), **as_named("solver", "solver_name"),
    **as_named("stage", "stage_name"),
    # what a sweep or a batch measures, as their tables name it: the key figures, and
    # what a run or a no-show draw adds to them (matching.distributed)
    **as_named("kpi", "measure"),
    **pairs("measure", {
        "changed_assignments": ("改动的活动安排", "changed_assignments"),
        "no_shows": ("缺席人数", "no_shows"), "seats_lost": ("缺席空出的人次", "seats_lost"),
        "sessions": ("已排场次", "sessions"),
        "sessions_understaffed": ("缺人的场次", "sessions_understaffed"),
        "understaffed_share": ("缺人场次占比", "understaffed_share"),
        "seats_short": ("距最少人数所缺人次", "seats_short"),
    }),
    # a key figure of one part, as a table names it "seats_short.<role>"
    **pairs("measure_of", {"part": ("{measure}（{part}）", "{measure}.{part}")}),
}
assert not set(_AS_NAMED) & set(WORDS), "a word named as is repeats another"
WORDS.update(_AS_NAMED)

# the planner app's page groups, activity page, scoped data grid and stale plan
_PLANNER_PAGES: Final[dict[str, dict[str, str]]] = {
    **pairs("page", {"plan": ("方案", "Plan"), "analysis": ("分析", "Analysis")}),
    **pairs("activity", {
        "failed": ("未完成：", "Not done: "), "keep": ("锁定此项", "pin this"),
        "in_plan": ("（当前方案）", " (in the plan)"),
        "nothing_to_pin": ("没有要锁定的内容：请修改或勾选时间、场地，或选择人员",
                           "nothing to pin: change or tick the time or room, or choose "
                           "people"),
        "pin_hint": ("只锁定您修改或勾选的时间、场地和选中的人员；从方案预填的内容不会被锁定。",
                     "Only what you change or tick is pinned, with the people you select; "
                     "what is filled in from the plan stays free."),
        "bad_start": ("开始时间 “{start}” 无法识别，应为：{expected}",
                      "start {start!r} does not read as a time; expected {expected}"),
        "outside_window": ("开始于 {start} 则不在该活动的时间窗口（{first} 至 {last}）内结束",
                           "starting {start} it would not fit its window ({first} to {last})"),
        "unknown_activity": ("没有活动 “{activity}”", "no activity {activity!r}"),
        "unknown_room": ("没有场地 “{room}”", "no room {room!r}"),
        "unknown_volunteer": ("没有志愿者 “{volunteer}”（岗位：{role}）",
                              "no volunteer {volunteer!r} (role {role})"),
        "unknown_role": ("活动 “{activity}” 没有岗位 “{role}”（它的岗位：{roles}）",
                         "activity {activity!r} has no role {role!r} (its roles: {roles})"),
        "off_grid": ("开始时间 {start} 不在 {slot} 分钟的时间格上：可选 {before} 或 {after}",
                     "start {start} is not on the {slot}-minute grid: {before} or {after}"),
        "pinned_twice": ("活动 “{activity}” 被锁定了 {count} 次；每项活动只能锁定一次",
                         "activity {activity!r} is pinned {count} times; pin it once"),
        "no_plan": ("还没有方案：请先求解", "there is no plan yet"),
        "not_scheduled": ("{activity} 在当前方案中没有安排",
                          "{activity} is not scheduled in the plan"),
    }),
    **pairs("data", {
        "summary_scope": ("显示本范围的 {shown} 行（共 {rows} 行）· {errors} 个错误 · "
                          "{warnings} 个提醒",
                          "{shown} of {rows} rows (those in scope) · {errors} error(s) · "
                          "{warnings} warning(s)"),
        "all_rows": ("显示全部行", "Show every row"),
        # above the grid, whose header shows the columns' names as the file has them
        "columns": ("各列：{columns}", "columns: {columns}"),
    }),
    **pairs("header", {"stale": ("显示的是修改数据之前的方案——请重新求解",
                                 "plan shown is from before your edits — Solve again"),
                       "no_workbook": ("找不到工作簿：{path}（仍是原来的工作簿）",
                                       "no workbook at {path} (the one in hand stays)"),
                       "not_a_workbook": ("{path} 不是可读取的工作簿：{why}（仍是原来的工作簿）",
                                          "{path} is no workbook that can be read: {why} "
                                          "(the one in hand stays)"),
                       # what a load or reload would lose, said at its first click
                       "edits_discard": ("有未保存的修改：再点一次将放弃它们",
                                         "unsaved changes: click again to discard them"),
                       "edits_pins_discard": ("有未保存的修改和锁定：再点一次将放弃它们",
                                              "unsaved changes and pins: click again to "
                                              "discard them"),
                       "pins_discard": ("锁定不随工作簿保存：再点一次将放弃这些锁定",
                                        "pins are not saved with the workbook: click again "
                                        "to discard them"),
                       "scope_changed": ("范围已改变，请求解",
                                         "the scope changed: Solve to plan it"),
                       "fix_to_solve": ("有 {count} 个错误，修改后才能求解",
                                        "{count} error(s) to fix before solving"),
                       "fix_to_save": ("有 {count} 个错误，修改后才能保存（文件未改动）",
                                       "{count} error(s) to fix before saving (the file is "
                                       "unchanged)"),
                       "no_path": ("请先填写工作簿的路径（CSV 文件夹或 .xlsx 文件）",
                                   "type a workbook's path first (a CSV folder or .xlsx)"),
                       "no_save_path": ("没有可保存到的工作簿路径：请先填写保存路径",
                                        "no workbook path to save to"),
                       "save_taken": ("{path} 已存在：保存不会覆盖其他工作簿、文件或文件夹；"
                                      "请换一个新的名称",
                                      "{path} already exists: a save never writes over "
                                      "another workbook, file or folder; choose a new name"),
                       "save_suffix": ("{path} 不是工作簿的名称：工作簿保存为 .xlsx 文件，或名称"
                                       "不带 {suffix} 这类后缀的 CSV 文件夹",
                                       "{path} is no workbook's name: a workbook is saved as "
                                       "an .xlsx file, or a folder of CSV files named "
                                       "without a suffix like {suffix}"),
                       "changed_on_disk": ("{path} 在载入后被改动过（有人另存了它？）："
                                           "保存会覆盖那些改动；请点“重新载入”读取它，"
                                           "或另存为新名称",
                                           "{path} changed on disk since it was loaded "
                                           "(saved by someone else?): saving would write "
                                           "over that; Reload to read it, or save under a "
                                           "new name"),
                       "no_scope": ("没有季度或主题 “{scope}”；季度：{quarters}；主题：{themes}",
                                    "no quarter or theme {scope!r}; quarters: {quarters}; "
                                    "themes: {themes}")}),
}
assert not set(_PLANNER_PAGES) & set(WORDS), "a planner page word repeats another"
WORDS.update(_PLANNER_PAGES)
