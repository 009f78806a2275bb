# ruff: noqa: E501, SIM905  (data tables: one row per line, word lists split from strings)
"""Build the embedded sample workbook ``data/qianjin-2023/`` (deterministic).

Run ``python data/build_qianjin_2023.py``. It rewrites every CSV of the workbook (UTF-8
without BOM) from the tables below and ``random.Random(2023)``, then runs a self-check in
plain Python (no package import): every ``must`` activity has a placement of its own, and
a greedy pass places the whole year, which shows it is roughly solvable. Exit code 1 if a
check fails. The tables are ``|``-separated text, one row per line, for easy editing.

Why the numbers are what they are (the figures of the center's 2022 annual report,
carried into its 2023 plan, "一季度一主题，一主题N体验"):

* 82 activities and 8 meeting receptions in 2022 -> ~130 planned activities in 2023: the
  24 summer-camp sessions (小候鸟夏令营 / 春泥计划) as one series; 10 red classrooms with
  杭电, 浙理工 and 前进小学; 8 receptions; job-experience days with 九阳, 味全, the fire
  station and the 9958 rescue team (33 children -> 5 days of ~7); the quarterly hands-on
  theme (学做倒笃菜, 学做笋干菜, 学习插秧 ..., 180+ participants -> 10 sessions of ~20);
  the Dragon Boat / Song-culture day (~200 families); reading month in April (170+);
  20+ party-member service sessions (11 service days plus their share of the rest); talks
  by old party members; and the silver-age team's weekly smartphone class ("以老带老") as
  one 10-session series a quarter.
* 200+ venue-sharing bookings -> ~210 bookings by eleven borrowing groups.
* Rooms: the report's 犇进 study, activity and discussion rooms, plus what such a center
  has: a hall, a meeting room, the square, a kitchen classroom, a reading corner and a
  partner farm plot for 插秧.
* 53 volunteers mobilised in 2022 -> 71 volunteers in 12 teams.
* Calendar 2023: Spring Festival closure 01-21..01-27, National Day closure, the square
  lent to the Hangzhou Asian Games (09-23..10-08), China's public holidays as the
  ``holidays`` package lists them, students' exam weeks and winter holiday.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent / "qianjin-2023"
rng = random.Random(2023)
D = dt.date.fromisoformat
EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
ZH = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
SLOT = 30

# Public holidays 2023 exactly as python-holidays' country_holidays("CN") lists them.
CN_HOLIDAYS = {D(d) for d in """2023-01-01 2023-01-02 2023-01-22 2023-01-23 2023-01-24 2023-01-25
    2023-01-26 2023-01-27 2023-04-05 2023-05-01 2023-05-02 2023-05-03 2023-06-22 2023-06-23
    2023-09-29 2023-10-01 2023-10-02 2023-10-03 2023-10-04 2023-10-05 2023-10-06""".split()}

SETTINGS = [("name", "前进街道党群服务中心 2023"), ("horizon_start", "2023-01-01"),
            ("horizon_end", "2023-12-31"), ("slot_minutes", "30"),
            ("timezone", "Asia/Shanghai"), ("holidays", "CN"), ("language", "zh"),
            ("center", "前进街道党群服务中心")]

THEMES = """
Q1 | 红火迎新年·年味前进 | 2023-01-01 | 2023-03-31 | 春节灯笼、写春联、元宵灯谜、学做倒笃菜：传承民俗年味
Q2 | 书香农耕·宋韵端午 | 2023-04-01 | 2023-06-30 | 全民阅读月、学做笋干菜、学习插秧、端午宋韵文化日
Q3 | 党群里的暑假·小候鸟 | 2023-07-01 | 2023-09-30 | 小候鸟暑期夏令营（春泥计划）、职业体验日、中秋、亚运
Q4 | 红色课堂·书香传承 | 2023-10-01 | 2023-12-31 | 红色课堂、二十大精神宣讲、翻书越岭书送希望、重阳敬老
"""

ROOMS = """
# room_id | name | capacity | equipment | site | turnaround_minutes
study    | 犇进自习室     | 40  | 白板;电脑      | 中心二楼 | 0
activity | 犇进活动室     | 40  | 投影;音响;白板 | 中心一楼 | 15
discuss  | 犇进讨论室     | 12  | 投影;白板      | 中心二楼 | 0
hall     | 多功能厅       | 120 | 投影;音响;舞台 | 中心一楼 | 30
meeting  | 会议室         | 30  | 投影;白板      | 中心三楼 | 15
square   | 户外广场       | 200 | 音响           | 中心东侧 | 30
kitchen  | 厨艺教室       | 24  | 厨具;投影      | 中心一楼 | 30
reading  | 书香阅读角     | 20  | 书架           | 中心二楼 | 0
farm     | 共富农耕体验田 | 60  | 农具           | 前进村   | 0
"""

HOURS = """
# room_id | days: a range of weekdays (written out as en/zh/num day names), holiday or a date | open | close | day spelling
study    | Mon-Fri    | 08:30 | 20:30 | en
study    | Sat-Sun    | 09:00 | 17:00 | en
study    | holiday    | 09:00 | 17:00 |
study    | 2023-12-31 | 09:00 | 12:00 |
activity | Mon-Fri    | 08:30 | 20:30 | en
activity | Sat        | 09:00 | 17:00 | en
discuss  | Mon-Fri    | 08:30 | 12:00 | en
discuss  | Mon-Fri    | 13:30 | 20:30 | en
discuss  | Sat        | 09:00 | 17:00 | en
hall     | Mon-Fri    | 08:30 | 20:30 | zh
hall     | Sat-Sun    | 09:00 | 17:00 | zh
hall     | holiday    | 09:00 | 17:00 |
hall     | 2023-02-05 | 09:00 | 21:00 |
meeting  | Mon-Fri    | 08:30 | 17:30 | num
square   | Mon-Sun    | 07:00 | 18:00 | en
square   | holiday    | 08:00 | 18:00 |
kitchen  | Tue-Sat    | 09:00 | 17:00 | en
reading  | Mon-Fri    | 08:30 | 20:30 | en
reading  | Sat-Sun    | 09:00 | 17:00 | en
reading  | holiday    | 09:00 | 17:00 |
farm     | Sat-Sun    | 08:00 | 16:00 | en
farm     | 2023-05-26 | 08:00 | 16:00 |
"""

CLOSURES = """
# room_id (blank = whole center) | start | end | reason
         | 2023-01-21 00:00 | 2023-01-28 00:00 | 春节闭馆（除夕至初六）
hall     | 2023-03-06 00:00 | 2023-03-08 00:00 | 区两会分会场征用
discuss  | 2023-08-14 00:00 | 2023-08-28 00:00 | 讨论室装修改造（两周）
square   | 2023-09-18 00:00 | 2023-10-09 00:00 | 杭州亚运会期间广场设为城市志愿服务站
         | 2023-10-01 00:00 | 2023-10-04 00:00 | 国庆假期闭馆
kitchen  | 2023-11-06 08:00 | 2023-11-06 17:00 | 燃气安全检查
"""

TEAMS = """
# team | size | age bands (drawn) | core skills | extra skills (1-2 drawn) | weekly pattern | max_hours_per_week (drawn, - = none) | max_activities_per_month | notes (drawn, - = blank)
银龄数字助老队   | 10 | senior              | 智能手机教学      | 签到接待;签到接待;摄影;书法         | morning         | 4,5,6     | 6,8      | 只能上午/腿脚不便，安排一楼/会说杭州话/-
党员志愿者       | 11 | adult;adult;senior  | 签到接待;活动主持 | 儿童看护;急救;摄影;宣讲;书法        | evening_weekend | 6,8,10,-  | 6,8,10,- | 在职党员，工作日只能晚上/周末优先/-
杭电青年志愿者   | 9  | youth               | 儿童看护;签到接待 | 摄影;活动主持;宣讲;阅读推广         | student         | 8,10,12   | 8,10     | 杭州电子科技大学/考试周不可用/-
浙理工青年志愿者 | 9  | youth               | 儿童看护;签到接待 | 摄影;活动主持;宣讲;阅读推广         | student         | 8,10,12   | 8,10     | 浙江理工大学/寒假回老家/-
雅兰手作社       | 6  | adult;senior        | 手工              | 签到接待;儿童看护                   | afternoon       | 4,6,8     | 4,6      | 擅长绣香囊/擅长剪纸/-
九阳企业志愿者   | 3  | adult               | 烹饪;活动主持     | 儿童看护                            | friday          | 4,-       | 2,4      | -
味全企业志愿者   | 2  | adult               | 烹饪;签到接待     | 活动主持                            | friday          | 4,-       | 2,4      | -
消防救援站志愿者 | 3  | adult               | 急救;活动主持     | 儿童看护                            | friday          | 4         | 2,4      | 执勤轮班，需提前一周约/-
9958救援队       | 3  | adult               | 急救              | 活动主持;儿童看护                   | weekend         | 6,8       | 4        | 持急救员证
老党员宣讲团     | 6  | senior              | 宣讲              | 阅读推广;书法;签到接待              | talks           | 4,6       | 4,6      | 讲红色故事/腿脚不便/-
书香阅读推广队   | 5  | adult               | 阅读推广          | 儿童看护;活动主持;签到接待          | reading         | 6,8,-     | 6,8,-    | -
乡土技艺队       | 4  | senior;adult        | 烹饪;农事指导     | 手工;烹饪                           | country         | 6,8       | 4,6      | 前进村种粮能手/-
"""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾沈蒋蔡金钱施俞楼汪方"
GIVEN = {  # drawn without repetition while they last
    "senior": """建国 秀英 桂兰 德明 凤英 国庆 金花 永康 玉珍 福根 美娟 根法 志华 月仙 宝林 兰芳 汉民 素琴
                 伯年 惠芬 长根 银娣 振兴 菊英 桂香 荣华 世昌 彩凤 水根 雅琴""".split(),
    "adult": """海燕 伟 静 丽娟 志刚 晓峰 婷婷 磊 敏 红梅 建华 春燕 立新 晓东 雪芬 伟强 燕青 俊 慧敏 国栋
                晓丽 剑锋 芳 勇 丹丹 卫东 小军 亚萍 文斌 玲 建军 晓红 鹏 琳 志明 海军 雅丽 凯 秋菊 永明""".split(),
    "youth": """子轩 欣怡 梓涵 宇航 思琪 浩宇 诗涵 俊杰 雨桐 一鸣 可欣 嘉豪 佳琪 子墨 语嫣 皓轩 若曦 明哲
                天佑 心怡 博文 雨萱""".split(),
}
STUDENT_AWAY = [("2023-01-03", "2023-02-12"), ("2023-06-19", "2023-06-30"),
                ("2023-12-25", "2023-12-31")]  # exam weeks and the winter holiday

# Summer camp: Mon-Thu mornings of six weeks = 24 sessions, one series, cohort 小候鸟.
CAMP_WEEKS = ["2023-07-10", "2023-07-17", "2023-07-24", "2023-07-31", "2023-08-07", "2023-08-14"]
CAMP_TOPICS = """开营仪式与安全教育 手工折纸 科学小实验 红色故事会 书法体验 绘本共读 趣味运动会 非遗剪纸
    垃圾分类小卫士 防溺水安全课 小小志愿者 亚运知识竞答 围棋入门 音乐律动 自然观察笔记 英语绘本 宋韵文化体验
    扎染手作 航模体验 心理健康游戏 红色电影赏析 钱塘江潮文化 童心绘祖国 结营汇报演出""".split()
CAMP_EXTRA = {"红色故事会": "宣讲", "绘本共读": "阅读推广", "手工折纸": "手工", "非遗剪纸": "手工",
              "扎染手作": "手工", "书法体验": "书法", "英语绘本": "阅读推广"}

# Smartphone class of the silver-age team: one series a quarter, the class any day of its week.
PHONE_TOPICS = """开机与基本设置 微信聊天与语音 视频通话 拍照与相册 就医预约与健康码 手机支付与防诈骗
    地图导航与打车 网上购物 “浙里办”政务服务 短视频与安全上网""".split()
PHONE_WEEKS = {  # the Monday of each class week
    "Q1": "01-02 01-09 01-30 02-06 02-13 02-20 02-27 03-06 03-13 03-20",
    "Q2": "04-03 04-10 04-17 04-24 05-08 05-15 05-22 05-29 06-05 06-12",
    "Q3": "07-03 07-10 07-17 07-24 07-31 08-07 08-21 08-28 09-04 09-11",
    "Q4": "10-09 10-16 10-23 10-30 11-06 11-13 11-20 11-27 12-04 12-11",
}

# The rest of the programme. Roles: "skill min/target/max, ...". More: "column=value; ...".
PROGRAMME = """
# id | title | earliest_start | latest_end | minutes | attendance | equipment | preferred_room | priority | partner | roles | more columns
SF-01    | 春节灯笼手作 | 2023-01-14 09:00 | 2023-01-14 12:00 | 120 | 20 | | activity | must | 雅兰手作社 | 手工 2/3/4, 签到接待 1/2/3 | notes=春节闭馆前完成
SF-02    | 写春联送福字 | 2023-01-16 | 2023-01-18 | 120 | 40 | | hall | high | | 书法 1/2/3, 签到接待 1/2/3 |
SF-03    | 红火迎新年·企业职工新春联欢会 | 2023-01-16 | 2023-01-20 | 120 | 100 | 音响;舞台 | hall | high | 前进工业园企业联合会 | 活动主持 1/1/2, 签到接待 2/3/4 |
SF-04    | 健康爱心包发放 | 2023-01-09 | 2023-01-13 | 180 | 100 | | square | high | | 签到接待 2/3/4 |
SF-05    | 元宵猜灯谜 | 2023-02-05 18:30 | 2023-02-05 21:00 | 120 | 80 | 音响 | | high | | 活动主持 1/1/1, 签到接待 1/2/3 | fixed_start=2023-02-05 18:30; fixed_room=hall; notes=多功能厅当日延长开放至21:00
HANDS-01 | 学做倒笃菜（一） | 2023-02-25 09:00 | 2023-02-25 17:00 | 150 | 20 | 厨具 | | must | 前进村股份经济合作社 | 烹饪 1/2/2, 儿童看护 1/2/3 |
MEET-01  | 区委组织部调研党群服务阵地建设 | 2023-02-23 09:30 | 2023-02-23 17:30 | 90 | 20 | 投影 | | must | | 签到接待 1/2/2, 摄影 0/1/1 | kind=meeting; fixed_start=2023-02-23 09:30; fixed_room=meeting
PARTY-01 | 党员志愿服务日·防诈骗宣传 | 2023-02-11 08:30 | 2023-02-12 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
TALK-01  | 聆听老党员讲故事 | 2023-03-01 | 2023-03-03 | 90 | 40 | 投影 | activity | high | | 宣讲 1/2/2, 签到接待 1/2/3 |
PARTY-02 | 党员志愿服务日·学雷锋便民服务集市 | 2023-03-04 08:30 | 2023-03-05 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
HANDS-02 | 学做倒笃菜（二） | 2023-03-11 09:00 | 2023-03-11 17:00 | 150 | 20 | 厨具 | | high | 前进村股份经济合作社 | 烹饪 1/2/2, 儿童看护 1/2/3 |
RED-01   | 红色课堂·党史知识竞答 | 2023-03-15 08:30 | 2023-03-17 17:30 | 90 | 60 | 投影;音响 | | must | 杭州电子科技大学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
MEET-02  | 兄弟街道党群服务中心参观交流 | 2023-03-21 14:30 | 2023-03-21 17:30 | 90 | 25 | 投影 | | must | | 签到接待 1/2/2, 摄影 0/1/1 | kind=meeting; fixed_start=2023-03-21 14:30; fixed_room=meeting
EV-01    | 居民急救技能培训 | 2023-03-25 09:00 | 2023-03-25 17:00 | 120 | 30 | 投影 | activity | normal | 9958救援队 | 急救 2/2/3, 签到接待 1/2/3 | min_age_band=adult
RED-02   | 红色课堂·红色家书诵读 | 2023-03-29 08:30 | 2023-03-31 17:30 | 90 | 40 | 投影;音响 | | must | 浙江理工大学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
HANDS-03 | 学做青团 | 2023-04-01 09:00 | 2023-04-01 17:00 | 150 | 20 | 厨具 | | normal | | 烹饪 1/2/2, 儿童看护 1/2/3 |
READ-01  | 全民阅读月启动仪式 | 2023-04-08 09:00 | 2023-04-08 12:00 | 90 | 80 | 投影;音响 | hall | must | | 阅读推广 1/2/3, 签到接待 1/2/3, 摄影 0/1/1 |
PARTY-03 | 党员志愿服务日·义诊义剪 | 2023-04-08 08:30 | 2023-04-09 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
READ-02  | 亲子绘本共读（一） | 2023-04-15 09:00 | 2023-04-15 17:00 | 90 | 16 | | reading | high | | 阅读推广 1/1/2, 儿童看护 1/2/3 |
HANDS-04 | 学做笋干菜（一） | 2023-04-15 09:00 | 2023-04-15 17:00 | 150 | 20 | 厨具 | | must | 前进村股份经济合作社 | 烹饪 1/2/2, 儿童看护 1/2/3 |
RED-03   | 红色课堂·小小讲解员 | 2023-04-19 08:30 | 2023-04-21 17:30 | 90 | 40 | 投影;音响 | | must | 前进小学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
READ-03  | 二十大党团阅读分享会 | 2023-04-19 18:00 | 2023-04-21 20:30 | 90 | 12 | 投影 | discuss | normal | | 阅读推广 1/1/1, 宣讲 0/1/1 |
READ-04  | 亲子绘本共读（二） | 2023-04-22 09:00 | 2023-04-22 17:00 | 90 | 16 | | reading | high | | 阅读推广 1/1/2, 儿童看护 1/2/3 |
READ-05  | 世界读书日·好书交换集市 | 2023-04-23 09:00 | 2023-04-23 17:00 | 180 | 120 | | square | high | | 签到接待 2/3/4, 阅读推广 1/2/2 |
READ-06  | 犇进自习室·阅读打卡颁奖 | 2023-04-24 | 2023-04-28 | 60 | 30 | | study | normal | | 阅读推广 1/1/1, 签到接待 1/2/3 |
RED-04   | 红色课堂·五四青年说 | 2023-05-04 08:30 | 2023-05-06 17:30 | 90 | 60 | 投影;音响 | | must | 杭州电子科技大学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
HANDS-05 | 学做笋干菜（二） | 2023-05-06 09:00 | 2023-05-06 17:00 | 150 | 20 | 厨具 | | high | | 烹饪 1/2/2, 儿童看护 1/2/3 |
MEET-03  | 党建联建单位季度座谈会 | 2023-05-11 09:30 | 2023-05-11 17:30 | 90 | 20 | 投影 | | must | | 签到接待 1/2/2, 摄影 0/1/1 | kind=meeting; fixed_start=2023-05-11 09:30; fixed_room=meeting
PARTY-04 | 党员志愿服务日·垃圾分类宣传 | 2023-05-13 08:30 | 2023-05-14 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
TALK-02  | 党的二十大精神宣讲 | 2023-05-17 | 2023-05-19 | 90 | 60 | 投影;音响 | hall | must | 老党员宣讲团 | 宣讲 1/2/2, 签到接待 1/2/3 |
RED-05   | 红色课堂·党史情景剧 | 2023-05-24 08:30 | 2023-05-26 17:30 | 90 | 60 | 投影;音响 | | must | 浙江理工大学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
HANDS-06 | 学习插秧（一） | 2023-05-26 08:00 | 2023-05-27 16:00 | 180 | 40 | 农具 | farm | must | 前进小学 | 农事指导 1/2/2, 儿童看护 2/3/4 | notes=体验田周五为学校专场开放
HANDS-07 | 学习插秧（二） | 2023-06-03 08:00 | 2023-06-03 16:00 | 180 | 40 | 农具 | farm | high | | 农事指导 1/2/2, 儿童看护 2/3/4 |
MEET-04  | 人大代表联络站接待选民 | 2023-06-07 | 2023-06-08 | 90 | 15 | 投影 | | must | | 签到接待 1/2/2, 摄影 0/1/1 | kind=meeting; fixed_room=meeting
PARTY-05 | 党员志愿服务日·防溺水宣传 | 2023-06-10 08:30 | 2023-06-11 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
RED-06   | 红色课堂·红歌大赛 | 2023-06-14 08:30 | 2023-06-16 17:30 | 90 | 80 | 投影;音响 | | must | 前进小学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
DW-01    | 端午宋韵文化日：钓粽子·投壶·绣香囊 | 2023-06-22 09:00 | 2023-06-24 17:00 | 180 | 200 | 音响 | square | must | 雅兰手作社 | 手工 2/3/4, 签到接待 2/4/5, 活动主持 1/1/1, 急救 1/1/1 | notes=约200户人才家庭
TALK-03  | 七一·老党员讲党史 | 2023-06-26 | 2023-06-30 | 90 | 40 | 投影 | activity | high | | 宣讲 1/2/2, 签到接待 1/2/3 |
EV-02    | 防台防汛应急演练 | 2023-07-08 08:30 | 2023-07-08 12:00 | 120 | 50 | 音响 | square | normal | 9958救援队 | 急救 1/2/2, 签到接待 1/2/3 | min_age_band=adult
PARTY-06 | 党员志愿服务日·清凉驿站送清凉 | 2023-07-08 08:30 | 2023-07-09 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
JOB-01   | 职业体验日·九阳“小小营养师” | 2023-07-14 08:30 | 2023-07-14 12:00 | 120 | 8 | 厨具 | kitchen | high | 九阳 | 烹饪 1/2/2, 儿童看护 1/2/3 | cohort=小候鸟
JOB-02   | 职业体验日·味全“小小品控员” | 2023-07-21 08:30 | 2023-07-21 12:00 | 120 | 8 | 厨具 | kitchen | high | 味全 | 烹饪 1/1/2, 儿童看护 1/2/3 | cohort=小候鸟
JOB-03   | 职业体验日·我的“蓝朋友”消防安全 | 2023-07-28 08:30 | 2023-07-28 12:00 | 120 | 8 | | square | high | 消防救援大队 | 活动主持 1/1/2, 儿童看护 1/2/3 | cohort=小候鸟
JOB-04   | 职业体验日·9958“急救小达人” | 2023-08-04 08:30 | 2023-08-04 12:00 | 120 | 8 | 投影 | activity | high | 9958救援队 | 急救 1/2/2, 儿童看护 1/2/3 | cohort=小候鸟
PARTY-07 | 党员志愿服务日·小区环境整治 | 2023-08-12 08:30 | 2023-08-13 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
HANDS-08 | 学做绿豆汤·清凉一夏 | 2023-08-19 09:00 | 2023-08-19 17:00 | 120 | 20 | 厨具 | | normal | | 烹饪 1/2/2, 儿童看护 1/2/3 |
MEET-05  | 杭州电子科技大学党委共建座谈 | 2023-08-24 09:30 | 2023-08-24 17:30 | 90 | 15 | 投影 | | must | | 签到接待 1/2/2, 摄影 0/1/1 | kind=meeting; fixed_start=2023-08-24 09:30; fixed_room=meeting
EV-03    | 亚运城市志愿者培训 | 2023-09-02 09:00 | 2023-09-02 17:00 | 120 | 80 | 投影;音响 | hall | normal | | 活动主持 1/1/1, 签到接待 1/2/3 |
TALK-04  | 二十大精神进社区宣讲 | 2023-09-06 | 2023-09-08 | 90 | 50 | 投影;音响 | hall | high | | 宣讲 1/2/2, 签到接待 1/2/3 |
PARTY-08 | 党员志愿服务日·亚运文明宣传 | 2023-09-09 08:30 | 2023-09-10 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
MEET-06  | 亚运保障工作协调会 | 2023-09-14 14:30 | 2023-09-14 17:30 | 90 | 25 | 投影 | | must | | 签到接待 1/2/2, 摄影 0/1/1 | kind=meeting; fixed_start=2023-09-14 14:30; fixed_room=meeting
RED-07   | 红色课堂·开学第一课 | 2023-09-20 08:30 | 2023-09-22 17:30 | 90 | 60 | 投影;音响 | | must | 杭州电子科技大学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
HANDS-09 | 中秋品鉴月饼·学做月饼 | 2023-09-23 09:00 | 2023-09-23 17:00 | 150 | 20 | 厨具 | | normal | 味全 | 烹饪 1/2/2, 儿童看护 1/2/3 |
RED-08   | 红色课堂·二十大精神青年谈 | 2023-10-11 08:30 | 2023-10-13 17:30 | 90 | 40 | 投影;音响 | | must | 浙江理工大学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
PARTY-09 | 党员志愿服务日·敬老入户探访 | 2023-10-14 08:30 | 2023-10-15 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
TALK-05  | 二十大精神宣讲·一周年回顾 | 2023-10-16 | 2023-10-20 | 90 | 60 | 投影;音响 | hall | must | 老党员宣讲团 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
JOB-05   | 职业体验日·小小宣讲员 | 2023-10-21 09:00 | 2023-10-21 12:00 | 120 | 8 | 投影 | activity | normal | 前进小学 | 宣讲 1/1/2, 儿童看护 1/2/3 |
EV-04    | 重阳敬老·智能手机答疑集市 | 2023-10-23 08:30 | 2023-10-23 12:00 | 120 | 80 | | hall | high | | 智能手机教学 2/4/5, 签到接待 1/2/3 |
EV-05    | 童心绘祖国 | 2023-10-28 09:00 | 2023-10-28 17:00 | 120 | 30 | | activity | normal | | 儿童看护 1/2/3, 手工 0/1/1 |
RED-09   | 红色课堂·红色绘本创作 | 2023-11-08 08:30 | 2023-11-10 17:30 | 90 | 40 | 投影;音响 | | must | 前进小学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
PARTY-10 | 党员志愿服务日·消防安全宣传 | 2023-11-11 08:30 | 2023-11-12 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
MEET-07  | 市级党群服务中心星级评定考察 | 2023-11-15 | 2023-11-16 | 90 | 20 | 投影 | | must | | 签到接待 1/2/2, 摄影 0/1/1 | kind=meeting; fixed_room=meeting
READ-07  | 翻书越岭 书送希望·捐书活动 | 2023-11-18 09:00 | 2023-11-18 17:00 | 180 | 60 | 音响 | hall | must | 前进小学 | 阅读推广 1/2/2, 签到接待 2/2/3 | notes=图书寄往甘孜理塘城关四小
EV-06    | 艺术党课进中心·党务工作者培训 | 2023-11-20 | 2023-11-24 | 120 | 80 | 投影;音响 | hall | normal | | 签到接待 1/2/3 |
RED-10   | 红色课堂·红色经典诵读会 | 2023-11-29 08:30 | 2023-12-01 17:30 | 90 | 60 | 投影;音响 | | must | 杭州电子科技大学 | 宣讲 1/2/2, 签到接待 1/2/3, 摄影 0/1/1 |
PARTY-11 | 党员志愿服务日·冬季送温暖 | 2023-12-09 08:30 | 2023-12-10 17:00 | 180 | 60 | 音响 | square | normal | | 签到接待 2/3/4, 活动主持 1/1/1, 急救 0/1/1 |
MEET-08  | 年终党建工作检查接待 | 2023-12-14 14:30 | 2023-12-14 17:30 | 90 | 20 | 投影 | | must | | 签到接待 1/2/2, 摄影 0/1/1 | kind=meeting; fixed_start=2023-12-14 14:30; fixed_room=meeting
HANDS-10 | 学做年糕 | 2023-12-16 09:00 | 2023-12-16 17:00 | 150 | 20 | 厨具 | | normal | | 烹饪 1/2/2, 儿童看护 1/2/3 |
EV-07    | 年终志愿者表彰会 | 2023-12-18 18:00 | 2023-12-22 20:30 | 90 | 80 | 音响;舞台 | hall | normal | | 活动主持 1/1/1, 摄影 0/1/1 | notes=安排在晚上
"""

# Venue sharing: each group borrows on one weekday every n weeks (from week `offset`),
# within a window on that day; dates on public holidays or closures are skipped, ~8% cancelled.
BOOKING_GROUPS = """
# partner | title | weekday | every | offset | window | minutes | attendance | equipment | room mode | room | fixed time | priority | roles
前进社区舞蹈队       | 社区舞蹈队排练     | Wed | 1 | 0 | 18:30-20:00 | 90  | 25 | 音响      | fixed     | activity | 18:30 | normal |
业主委员会           | 业委会议           | Tue | 4 | 1 | 13:30-17:30 | 120 | 12 | 投影      | preferred | meeting  |       | normal |
书香读书会           | 读书会             | Sat | 2 | 0 | 14:00-17:00 | 120 | 10 |           | preferred | discuss  |       | low    |
前进幼儿园家委会     | 亲子课堂           | Sat | 2 | 1 | 09:00-12:00 | 90  | 20 | 投影      | preferred | activity |       | normal |
翰墨书法社           | 书法社练习         | Thu | 2 | 0 | 13:30-17:00 | 120 | 15 |           |           |          |       | low    |
夕阳红太极拳队       | 太极拳晨练         | Mon | 2 | 0 | 08:00-10:00 | 60  | 30 |           | fixed     | square   | 08:00 | low    |
银铃合唱团           | 合唱团排练         | Fri | 2 | 1 | 14:00-17:00 | 120 | 40 | 音响      | preferred | hall     |       | normal |
前进工业园企业联合会 | 企业职工技能培训   | Wed | 4 | 3 | 09:00-17:00 | 180 | 80 | 投影;音响 |           |          |       | normal | 签到接待 0/1/1
村社党支部           | 主题党日支部会议   | Wed | 4 | 2 | 09:00-12:00 | 90  | 20 | 投影      | preferred | meeting  |       | normal |
考研互助小组         | 犇进自习室团体预约 | Sun | 4 | 2 | 09:00-17:00 | 180 | 20 |           | fixed     | study    |       | low    |
居民议事会           | 居民议事会         | Tue | 4 | 3 | 18:30-20:30 | 90  | 10 | 白板      | preferred | discuss  |       | normal |
"""

# volunteers of a team (drawn) -> target (activity, series, theme or tag) with a weight
PREFS = """
杭电青年志愿者 2 S-CAMP 8 | 浙理工青年志愿者 2 S-CAMP 8 | 浙理工青年志愿者 2 小候鸟 5 | 杭电青年志愿者 1 RED-04 6
银龄数字助老队 1 S-PHONE-Q1 6 | 银龄数字助老队 1 S-PHONE-Q2 6 | 银龄数字助老队 1 S-PHONE-Q4 4 | 银龄数字助老队 2 EV-04 10
老党员宣讲团 3 Q4 6 | 老党员宣讲团 2 RED-06 8 | 雅兰手作社 2 SF-01 10 | 雅兰手作社 2 DW-01 7 | 党员志愿者 2 Q1 3
党员志愿者 1 S-CAMP -5 | 党员志愿者 1 小候鸟 -4 | 书香阅读推广队 1 READ-07 9 | 书香阅读推广队 1 Q2 5 | 9958救援队 1 EV-01 10
乡土技艺队 1 HANDS-06 8 | 乡土技艺队 1 HANDS-01 8 | 九阳企业志愿者 1 JOB-01 9 | 味全企业志愿者 1 JOB-02 9
"""

ACT_COLS = ["activity_id", "title", "theme_id", "kind", "series_id", "earliest_start", "latest_end",
            "duration_minutes", "expected_attendance", "equipment", "cohort", "min_age_band",
            "priority", "fixed_start", "fixed_room", "preferred_room", "partner", "notes"]
activities: list[dict] = []
roles: list[tuple] = []


# ----------------------------------------------------------------------------- helpers
def table(text: str) -> list[list[str]]:
    lines = (line for line in text.strip().splitlines() if not line.startswith("#"))
    return [[cell.strip() for cell in line.split("|")] for line in lines]


def parse_roles(text: str) -> list[tuple[str, int, int, int]]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, numbers = part.split()
        out.append((name, *map(int, numbers.split("/"))))
    return out


def days(first: str, last: str) -> list[dt.date]:
    a, b = D(first), D(last)
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


def quarter(text: str) -> str:
    return f"Q{(int(text[5:7]) - 1) // 3 + 1}"


def day_label(i: int, style: str) -> str:
    return {"en": EN, "zh": ZH}.get(style, [str(n) for n in range(1, 8)])[i]


def mins(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def moment(text: str, end: bool = False) -> dt.datetime:
    if len(text) == 10:  # a date: 00:00 that day, or as an end the end of that day
        return dt.datetime.combine(D(text) + dt.timedelta(days=end), dt.time())
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")


def add(aid, title, es, le, minutes, att, *, kind="activity", role_list=(), **cells):
    row = dict.fromkeys(ACT_COLS, "")
    row.update(activity_id=aid, title=title, kind=kind, earliest_start=es, latest_end=le,
               duration_minutes=int(minutes), expected_attendance=int(att), priority="normal",
               theme_id=quarter(es) if kind == "activity" else "")
    row.update(cells)
    activities.append(row)
    roles.extend((aid, *r) for r in role_list)


def write(name: str, header: list[str], rows) -> int:
    rows = list(rows)
    with open(OUT / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
    return len(rows)


# ----------------------------------------------------------------------------- rooms
ROOM_ROWS = [(r[0], r[1], int(r[2]), r[3], r[4], int(r[5])) for r in table(ROOMS)]
room_hours = []
for rid, spec, o, c, style in table(HOURS):
    if style:
        first, _, last = spec.partition("-")
        span = range(EN.index(first), EN.index(last or first) + 1)
        room_hours += [(rid, day_label(i, style), o, c) for i in span]
    else:
        room_hours.append((rid, spec, o, c))
CLOSURE_ROWS = table(CLOSURES)
CLOSED = [(rid, moment(s), moment(e)) for rid, s, e, _ in CLOSURE_ROWS]


def open_intervals(rid: str, day: dt.date) -> list[tuple[int, int]]:
    """A date row wins, then holiday rows on a public holiday, then the weekday rows."""
    rows = [(r[1], mins(r[2]), mins(r[3])) for r in room_hours if r[0] == rid]
    dated = [(a, b) for d, a, b in rows if d == day.isoformat()]
    holi = [(a, b) for d, a, b in rows if d == "holiday"]
    if dated:
        return dated
    if day in CN_HOLIDAYS and holi:
        return holi
    names = {day_label(day.weekday(), s) for s in ("en", "zh", "num")}
    return [(a, b) for d, a, b in rows if d in names]


def room_open(rid: str, day: dt.date, s: int, e: int) -> bool:
    a = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=s)
    b = a + dt.timedelta(minutes=e - s)
    return any(x <= s and e <= y for x, y in open_intervals(rid, day)) and \
        not any(r in ("", rid) and x < b and a < y for r, x, y in CLOSED)


# ----------------------------------------------------------------------------- volunteers
def weekly_pattern(kind: str) -> list[tuple[int, str, str, str]]:
    def pick(lo, hi):
        return sorted(rng.sample(range(5), rng.randint(lo, hi)))
    if kind == "morning":  # older volunteers: weekday mornings only
        return [(d, "08:30", "12:00", "") for d in pick(3, 5)]
    if kind == "evening_weekend":  # working party members
        weekend = rng.choice([[5], [6], [5, 6], [5, 6]])
        return [(d, "18:00", "21:00", "") for d in pick(1, 3)] + \
            [(d, "09:00", "17:00", rng.choice(["", "preferred"])) for d in weekend]
    if kind == "student":  # free afternoons and Saturday in term time
        return [(d, "13:30", "17:30", "") for d in pick(2, 2)] + [(5, "09:00", "17:00", "")] + \
            ([(6, "13:00", "17:00", "preferred")] if rng.random() < 0.5 else [])
    if kind == "afternoon":
        return [(d, "13:30", "17:00", "") for d in pick(3, 4)] + [(5, "09:00", "12:00", "")]
    if kind == "friday":  # enterprise volunteers: their company's volunteer day
        return [(4, "08:30", "17:00", "available")] + \
            ([(5, "09:00", "12:00", "")] if rng.random() < 0.5 else [])
    if kind == "weekend":
        return [(4, "08:30", "12:00", ""), (5, "08:30", "17:00", ""), (6, "08:30", "17:00", "")]
    if kind == "talks":
        return [(d, a, b, "") for d in pick(3, 3) for a, b in (("09:00", "11:30"), ("14:00", "16:30"))]
    if kind == "reading":
        return [(d, "18:00", "20:30", "") for d in pick(2, 2)] + \
            [(5, "09:00", "17:00", ""), (6, "09:00", "17:00", "preferred")]
    assert kind == "country"
    return [(d, "09:00", "16:00", "") for d in (1, 3, 4, 5)]


def choice_or_blank(options: str, sep: str = ",") -> str:
    value = rng.choice(options.split(sep))
    return "" if value == "-" else value


volunteers, availability = [], []
students = 0
used_names: set[str] = set()
given_left: dict[str, list[str]] = {band: [] for band in GIVEN}
for team, size, bands, core, extra, pattern, hours, acts, notes in table(TEAMS):
    for _ in range(int(size)):
        vid = f"V{len(volunteers) + 1:03d}"
        band = rng.choice(bands.split(";"))
        if not given_left[band]:
            given_left[band] = rng.sample(GIVEN[band], len(GIVEN[band]))
        name = ""
        while not name or name in used_names:
            name = rng.choice(SURNAMES) + given_left[band][-1]
        given_left[band].pop()
        used_names.add(name)
        pool = extra.split(";")
        skills = core.split(";") + rng.sample(pool, min(len(pool), rng.randint(1, 2)))
        volunteers.append((vid, name, team, ";".join(dict.fromkeys(skills)), band,
                           choice_or_blank(hours), choice_or_blank(acts),
                           f"138-0000-{len(volunteers) + 1:04d}", choice_or_blank(notes, "/")))
        style = rng.choices(["en", "zh", "num"], weights=[7, 2, 1])[0]
        availability += [(vid, day_label(d, style), a, b, k) for d, a, b, k in weekly_pattern(pattern)]
        if pattern == "student":  # away in exam weeks and winter; camp weeks by round robin
            for first, last in STUDENT_AWAY:
                availability += [(vid, d.isoformat(), "00:00", "24:00", "unavailable")
                                 for d in days(first, last)]
            k = students = students + 1
            for w in sorted({k % 6, (k + 1) % 6, (k + 3) % 6}):
                monday = D(CAMP_WEEKS[w])
                availability += [(vid, (monday + dt.timedelta(days=i)).isoformat(), "08:00",
                                  "12:30", "available") for i in range(5)]
        if team in ("党员志愿者", "雅兰手作社", "书香阅读推广队") and rng.random() < 0.6:
            availability.append((vid, "2023-06-22", "08:30", "17:00", "available"))  # 端午
        if team in ("党员志愿者", "书香阅读推广队") and rng.random() < 0.5:
            availability.append((vid, "2023-02-05", "17:30", "21:00", "preferred"))  # 元宵
team_of = {v[0]: v[2] for v in volunteers}
VOL = {v[0]: v for v in volunteers}

# ----------------------------------------------------------------------------- programme
for i, topic in enumerate(CAMP_TOPICS):
    day = D(CAMP_WEEKS[i // 4]) + dt.timedelta(days=i % 4)
    extra_role = [(CAMP_EXTRA[topic], 0, 1, 1)] if topic in CAMP_EXTRA else []
    add(f"CAMP-{i + 1:02d}", f"小候鸟夏令营·{topic}", f"{day} 08:30", f"{day} 12:00", 150, 30,
        series_id="S-CAMP", cohort="小候鸟", equipment="投影", preferred_room="activity",
        priority="high", partner="春泥计划", notes={0: "开营", 23: "结营"}.get(i, ""),
        role_list=[("儿童看护", 2, 3, 4), ("签到接待", 1, 1, 2), *extra_role])
for q, weeks in PHONE_WEEKS.items():
    for i, md in enumerate(weeks.split()):
        monday = D(f"2023-{md}")
        add(f"PHONE-{q}-{i + 1:02d}", f"智能手机课{q}·第{i + 1}讲：{PHONE_TOPICS[i]}",
            monday.isoformat(), (monday + dt.timedelta(days=4)).isoformat(), 90, 18,
            series_id=f"S-PHONE-{q}", equipment="投影", preferred_room="activity",
            partner="银龄数字助老队", role_list=[("智能手机教学", 2, 3, 4), ("签到接待", 0, 1, 1)])
for aid, title, es, le, minutes, att, equip, proom, prio, partner, rl, more in table(PROGRAMME):
    cells = dict(kv.split("=", 1) for kv in more.split("; ") if kv)
    add(aid, title, es, le, minutes, att, equipment=equip, preferred_room=proom, priority=prio,
        partner=partner, role_list=parse_roles(rl), **cells)

# ----------------------------------------------------------------------------- bookings
fixed_days = {(a["fixed_room"], a["earliest_start"][:10]) for a in activities if a["fixed_room"]}
bookings = []
for partner, title, wd, every, offset, window, minutes, att, equip, mode, rid, ftime, prio, rl \
        in table(BOOKING_GROUPS):
    ws, we = window.split("-")
    for week in range(int(offset), 53, int(every)):
        day = D("2023-01-02") + dt.timedelta(weeks=week, days=EN.index(wd))
        if day.year != 2023 or day in CN_HOLIDAYS or rng.random() < 0.08:
            continue
        rooms_ok = [rid] if rid else [r[0] for r in ROOM_ROWS if r[2] >= int(att)]
        if (rid, day.isoformat()) in fixed_days or \
                not any(room_open(r, day, mins(ws), mins(we)) for r in rooms_ok):
            continue
        start = ftime or (ws if rng.random() < 0.2 else "")
        bookings.append(dict(
            title=title, es=f"{day} {ws}", le=f"{day} {we}", minutes=minutes,
            att=max(5, int(att) + rng.randint(-5, 5)) if int(att) > 12 else att,
            equipment=equip, priority="low" if rng.random() < 0.2 else prio, partner=partner,
            fixed_start=f"{day} {start}" if start else "", fixed_room=rid if mode == "fixed" else "",
            preferred_room=rid if mode == "preferred" else "", role_list=parse_roles(rl)))
bookings.sort(key=lambda b: (b["es"], b["title"]))
for i, b in enumerate(bookings):
    add(f"BK-{i + 1:03d}", b.pop("title"), b.pop("es"), b.pop("le"), b.pop("minutes"),
        b.pop("att"), kind="booking", **b)

# ----------------------------------------------------------------------------- preferences
preferences = []
for entry in PREFS.replace("\n", "|").split("|"):
    if entry.strip():
        team, k, target, weight = entry.split()
        members = sorted(v for v, t in team_of.items() if t == team)
        preferences += [(v, target, int(weight)) for v in rng.sample(members, int(k))]

# ----------------------------------------------------------------------------- write
OUT.mkdir(exist_ok=True)
counts = {
    "settings": write("settings", ["key", "value"], SETTINGS),
    "themes": write("themes", ["theme_id", "name", "start", "end", "description"], table(THEMES)),
    "rooms": write("rooms", ["room_id", "name", "capacity", "equipment", "site",
                             "turnaround_minutes"], ROOM_ROWS),
    "room_hours": write("room_hours", ["room_id", "day", "open", "close"], room_hours),
    "closures": write("closures", ["room_id", "start", "end", "reason"], CLOSURE_ROWS),
    "volunteers": write("volunteers", ["volunteer_id", "name", "team", "skills", "age_band",
                                       "max_hours_per_week", "max_activities_per_month", "phone",
                                       "notes"], volunteers),
    "availability": write("availability", ["volunteer_id", "day", "start", "end", "kind"],
                          availability),
    "preferences": write("preferences", ["volunteer_id", "target", "weight"], preferences),
    "activities": write("activities", ACT_COLS, ([a[c] for c in ACT_COLS] for a in activities)),
    "roles": write("roles", ["activity_id", "role", "min", "target", "max"], roles),
}


# ----------------------------------------------------------------------------- self-check
BANDS = ["youth", "adult", "senior"]
avail: dict = defaultdict(lambda: defaultdict(list))  # vid -> weekday or date -> rows
for vid, day, a, b, kind in availability:
    key = EN.index(day) if day in EN else ZH.index(day) if day in ZH else \
        int(day) - 1 if day.isdigit() else D(day)
    avail[vid][key].append((mins(a), mins(b), kind or "available"))
skills_of = {v[0]: set(v[3].split(";")) for v in volunteers}
roles_of = defaultdict(list)
for aid, *role in roles:
    roles_of[aid].append(role)


def vol_free(vid: str, day: dt.date, s: int, e: int) -> bool:
    """Available for all of [s, e): covered by weekly or date rows, no unavailable row."""
    rows = avail[vid][day.weekday()] + avail[vid][day]
    if any(k == "unavailable" and a < e and s < b for a, b, k in rows):
        return False
    t = s
    for a, b, _ in sorted(r for r in rows if r[2] != "unavailable"):
        if a <= t < b:
            t = b
    return t >= e


def staff(act: dict, day: dt.date, s: int, e: int, state: dict) -> dict | None:
    """Greedy: for each role (scarcest first) up to target volunteers, at least min."""
    a = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=s)
    b = a + dt.timedelta(minutes=e - s)
    week, month = day.isocalendar()[:2], day.month
    lowest = BANDS.index(act["min_age_band"] or "youth")
    chosen: dict[str, list[str]] = {}

    def ok(vid: str, role: str) -> bool:
        v = VOL[vid]
        return (role in skills_of[vid] and BANDS.index(v[4]) >= lowest
                and all(vid not in c for c in chosen.values())
                and (v[5] == "" or state["hours"][vid, week] + e - s <= int(v[5]) * 60)
                and (v[6] == "" or state["count"][vid, month] < int(v[6]))
                and not any(x < b and a < y for x, y in state["busy"][vid])
                and vol_free(vid, day, s, e))
    by_scarcity = sorted(roles_of[act["activity_id"]],
                         key=lambda r: sum(r[0] in x for x in skills_of.values()))
    for role, lo, target, _ in by_scarcity:
        fits = sorted((v for v in VOL if ok(v, role)), key=lambda v: (state["hours"][v, week], v))
        if len(fits) < lo:
            return None
        chosen[role] = fits[:target]
    return chosen


def new_state() -> dict:
    return {"room": defaultdict(list), "busy": defaultdict(list), "cohort": defaultdict(list),
            "hours": Counter(), "count": Counter()}


def place(act: dict, state: dict, commit: bool = True):
    """The first (day, start, room) in the window that works with the state, and its staff."""
    es, le = moment(act["earliest_start"]), moment(act["latest_end"], end=True)
    dur = -(-act["duration_minutes"] // SLOT) * SLOT
    fixed = moment(act["fixed_start"]) if act["fixed_start"] else None
    equip = set(filter(None, act["equipment"].split(";")))
    rooms = sorted((r for r in ROOM_ROWS if r[2] >= act["expected_attendance"]
                    and equip <= set(r[3].split(";")) and act["fixed_room"] in ("", r[0])),
                   key=lambda r: (r[0] != act["preferred_room"], r[2]))
    cohorts = [c for c in act["cohort"].split(";") if c]
    for day in days(es.date().isoformat(), (le - dt.timedelta(minutes=1)).date().isoformat()):
        base = dt.datetime.combine(day, dt.time())
        for s in range(0, 1440 - dur + 1, SLOT):
            a, b = base + dt.timedelta(minutes=s), base + dt.timedelta(minutes=s + dur)
            if a < es or b > le or (fixed and a != fixed) or any(
                    x < b and a < y for c in cohorts for x, y in state["cohort"][c]):
                continue
            for r in rooms:
                turn = dt.timedelta(minutes=r[5])
                if not room_open(r[0], day, s, s + dur) or any(
                        x < b + turn and a < y for x, y in state["room"][r[0]]):
                    continue
                chosen = staff(act, day, s, s + dur, state)
                if chosen is None:
                    break  # another room at the same time has the same volunteers
                if commit:
                    state["room"][r[0]].append((a, b + turn))
                    for c in cohorts:
                        state["cohort"][c].append((a, b))
                    for vid in (v for vs in chosen.values() for v in vs):
                        state["busy"][vid].append((a, b))
                        state["hours"][vid, day.isocalendar()[:2]] += dur
                        state["count"][vid, day.month] += 1
                return a, r[0], chosen
    return None


def self_check() -> bool:
    print("rows per table:", ", ".join(f"{k}={v}" for k, v in counts.items()))
    print("activities by kind:", dict(Counter(a["kind"] for a in activities)))
    for kind in ("activity", "meeting", "booking"):
        print(f"  {kind} by priority:",
              dict(Counter(a["priority"] for a in activities if a["kind"] == kind)))
    print("volunteers by team:", dict(Counter(v[2] for v in volunteers)))
    print("rooms:", ", ".join(f"{r[1]}({r[2]})" for r in ROOM_ROWS))
    problems = [f"duplicate activity id {i}" for i, n in
                Counter(a["activity_id"] for a in activities).items() if n > 1]
    all_skills = set().union(*skills_of.values())
    problems += [f"role {r[1]} of {r[0]} is nobody's skill" for r in roles if r[1] not in all_skills]
    problems += [f"{v[0]} has no availability" for v in volunteers if v[0] not in avail]
    problems += [f"{a['activity_id']}: theme is not its quarter's" for a in activities
                 if a["theme_id"] and a["theme_id"] != quarter(a["earliest_start"])]
    series = defaultdict(list)
    for a in activities:
        if a["series_id"]:
            series[a["series_id"]].append(moment(a["earliest_start"]))
    problems += [f"series {s} rows not in date order" for s, v in series.items() if v != sorted(v)]
    for p in problems:
        print("PROBLEM:", p)
    musts = [a for a in activities if a["priority"] == "must"]
    alone = 0
    for a in musts:
        found = place(a, new_state(), commit=False)
        alone += found is not None
        if found is None:
            print(f"MUST FAIL: {a['activity_id']} {a['title']} has no placement on its own")
    print(f"must activities with a placement on their own: {alone}/{len(musts)}")
    # Greedy pass over the year: fixed first, then by priority, narrow windows first.
    rank = {"must": 0, "high": 1, "normal": 2, "low": 3}
    order = sorted(activities, key=lambda a: (
        not a["fixed_start"], rank[a["priority"]], a["kind"] == "booking",
        moment(a["latest_end"], end=True) - moment(a["earliest_start"]), a["earliest_start"]))
    state, placed, seats = new_state(), Counter(), Counter()
    for a in order:
        got = place(a, state)
        if got is None:
            print(f"greedy could not place {a['activity_id']} ({a['priority']}) {a['title']}")
            continue
        placed[a["priority"]] += 1
        for role, _, target, _ in roles_of[a["activity_id"]]:
            seats["target"] += target
            seats["filled"] += len(got[2][role])
    total = Counter(a["priority"] for a in activities)
    print("greedy placement by priority:", {p: f"{placed[p]}/{total[p]}" for p in rank})
    print(f"greedy staffing: {seats['filled']}/{seats['target']} role seats up to target")
    return not problems and alone == len(musts) and placed["must"] == total["must"]


if __name__ == "__main__":
    ok = self_check()
    print("self-check:", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)
