"""Workbooks of shapes other than a community center's year: seeded generators, and a
converter of public timetabling data.

The planner must work on more than the embedded workbook. The shapes that public
benchmark data come in, converted to workbooks, stress it in opposite ways:

``teaching_week``
    A school or university week: many one-slot ``must`` lectures, the lectures of a
    course in one series, classes (curricula) as cohorts that never overlap, teachers as
    volunteers whose one-person role only they can fill and whose availability rules out
    some slots, rooms of mixed sizes. Tight: most room slots are used. Every workbook has
    a hidden timetable that keeps every rule (planted first, then the rules are drawn
    around it), so it is feasible unless ``overbook`` asks for more big-room lectures
    than the big rooms have slots.
``curriculum_week``
    The same, shaped like the ITC 2007 curriculum-based track: few periods a day, dense
    curricula, teachers as cohorts too, time to spare.
``itc_week``
    An instance of that track itself (its ``.ctt`` text), converted the same way.
``enrolment_week``
    Shaped like the ITC 2007 post-enrolment track: events of one slot in 45 (five days
    of nine), each student a cohort of the events they enrolled in, rooms with features
    the events need, no staff. Feasible by construction.
``meeting_days``
    Meeting scheduling: meetings of 15 minutes to 2 hours on a 15-minute grid over a few
    days, five rooms, each attendee a one-person role (``min 1`` when required, ``min 0
    target 1`` when preferred). A preferred seat left empty costs one unit of the
    staffing tier. Feasible by construction too.
``meeting_schedule``
    Meeting scheduling shaped like the public datasets of solver examples: meetings of up
    to four hours and of up to 30 attendees, about half of them required, drawn from so
    few people that each attends about a quarter of all meetings; days with a lunch
    break; rooms of 12-30 seats. No hidden timetable: feasible as a rule, not always.

All return workbook tables (strings, as the reader gives them) for
:func:`matching.io.build_problem` or :func:`matching.io.save_workbook`.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta

import pandas as pd

from .io.cells import minutes_text
from .synthetic import records_frame

Tables = dict[str, pd.DataFrame]
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
WEEK = (*DAYS, "Sat", "Sun")
MONDAY = date(2024, 3, 4)


def _frame(columns: str, rows: list[tuple]) -> pd.DataFrame:
    names = columns.split(",")
    return records_frame(names, [dict(zip(names, map(str, row), strict=True)) for row in rows])


def _settings(name: str, days: int, slot_minutes: int) -> pd.DataFrame:
    last = MONDAY + timedelta(days=days - 1)
    return _frame("key,value", [("name", name), ("horizon_start", MONDAY.isoformat()),
                                ("horizon_end", last.isoformat()),
                                ("slot_minutes", slot_minutes), ("holidays", ""),
                                ("language", "en")])


def _moment(day: int, minutes: int) -> str:
    when = MONDAY + timedelta(days=day)
    return f"{when.isoformat()} {minutes_text(minutes)}"


def teaching_week(lectures: int = 200, rooms: int = 10, *, periods: int = 8, seed: int = 0,
                  fill: float = 0.8, overbook: int = 0) -> Tables:
    """A tight week of about ``lectures`` one-hour lectures on ``periods`` periods a day.

    Parameters
    ----------
    lectures
        How many lectures to plant (a few fewer when the week fills up).
    rooms
        Rooms of mixed sizes (one in four large).
    periods
        One-hour periods a day, from 08:00, Monday to Friday.
    seed
        The random seed: the same arguments give the same workbook.
    fill
        Share of the room slots the planted timetable may use (tightness).
    overbook
        When positive, large lectures (110 people, no cohort, no teacher) are added until
        the lectures that only large rooms hold are ``overbook`` more than the large
        rooms' slots: the workbook is then infeasible by that count.
    """
    rng = random.Random(seed)
    slots = 5 * periods
    sizes = [rng.choice((30, 40, 50, 60)) for _ in range(rooms)]
    for i in range(0, rooms, 4):
        sizes[i] = rng.choice((120, 150, 200))
    room_rows = [(f"R{i:02d}", f"Room {i:02d}", c, "", "", 0) for i, c in enumerate(sizes)]
    hours = [(f"R{i:02d}", day, "08:00", f"{8 + periods:02d}:00")
             for i in range(rooms) for day in DAYS]
    classes = max(4, lectures // 20)
    teachers = max(4, lectures // 8)
    busy_room = [[False] * slots for _ in range(rooms)]
    busy_class = [[False] * slots for _ in range(classes)]
    busy_teacher = [[False] * slots for _ in range(teachers)]
    activities: list[tuple] = []
    roles: list[tuple] = []
    budget = int(fill * rooms * slots)
    course = 0
    while len(activities) < min(lectures, budget):
        big = rng.random() < 0.2
        size = rng.choice((80, 100, 120)) if big else rng.choice((15, 20, 25, 30, 40))
        curricula = rng.sample(range(classes), 2 if big else 1)
        teacher = rng.randrange(teachers)
        count = rng.randint(1, 4)
        placed = _plant(rng, count, size, sizes, curricula, teacher, busy_room, busy_class,
                        busy_teacher)
        for number in range(len(placed)):
            aid = f"C{course:03d}L{number + 1}"
            cohort = ";".join(f"class{c:02d}" for c in curricula)
            activities.append(_lecture(aid, f"Course {course:03d} lecture {number + 1}",
                                       f"C{course:03d}", size, cohort, periods))
            roles.append((aid, f"teach-T{teacher:03d}", 1, 1, 1))
        course += 1
        if course > 20 * lectures:
            break
    small = max((c for c in sizes if c < 110), default=0)
    needing_large = sum(int(row[6]) > small for row in activities)
    spare = sum(c >= 110 for c in sizes) * slots - needing_large
    for number in range(spare + overbook if overbook else 0):
        aid = f"X{number:03d}"
        activities.append(_lecture(aid, f"Extra large lecture {number + 1}", "", 110,
                                   "", periods))
    volunteers, availability = _teachers(rng, teachers, busy_teacher, periods)
    return _week_tables(_settings(f"teaching week {lectures}×{rooms} seed {seed}", 5, 60),
                        room_rows, hours, volunteers, availability, activities, roles)


def _week_tables(settings: pd.DataFrame, room_rows: list[tuple], hours: list[tuple],
                 volunteers: list[tuple], availability: list[tuple],
                 activities: list[tuple], roles: list[tuple]) -> Tables:
    """The tables of a teaching week from its rows."""
    return {
        "settings": settings,
        "rooms": _frame("room_id,name,capacity,equipment,site,turnaround_minutes", room_rows),
        "room_hours": _frame("room_id,day,open,close", hours),
        "volunteers": _frame("volunteer_id,name,skills,age_band", volunteers),
        "availability": _frame("volunteer_id,day,start,end,kind", availability),
        "activities": _frame("activity_id,title,series_id,earliest_start,latest_end,"
                             "duration_minutes,expected_attendance,cohort,priority",
                             activities),
        "roles": _frame("activity_id,role,min,target,max", roles),
    }


def _lecture(aid: str, title: str, series: str, size: int, cohort: str, periods: int
             ) -> tuple:
    return (aid, title, series, _moment(0, 8 * 60), _moment(4, (8 + periods) * 60), 60,
            size, cohort, "must")


def _plant(rng: random.Random, count: int, size: int, sizes: list[int], curricula: list[int],
           teacher: int, busy_room: list[list[bool]], busy_class: list[list[bool]],
           busy_teacher: list[list[bool]]) -> list[int]:
    """Slots for ``count`` lectures of one course in the hidden timetable (fewer when the
    week is full), marking their room, classes and teacher busy."""
    slots = len(busy_teacher[0])
    placed: list[int] = []
    order = rng.sample(range(slots), slots)
    for slot in order:
        if len(placed) == count:
            break
        if busy_teacher[teacher][slot] or any(busy_class[c][slot] for c in curricula):
            continue
        fitting = [r for r, c in enumerate(sizes) if c >= size and not busy_room[r][slot]]
        if not fitting:
            continue
        room = min(fitting, key=lambda r: sizes[r])
        busy_room[room][slot] = True
        busy_teacher[teacher][slot] = True
        for c in curricula:
            busy_class[c][slot] = True
        placed.append(slot)
    return placed


def _teachers(rng: random.Random, teachers: int, busy: list[list[bool]], periods: int
              ) -> tuple[list[tuple], list[tuple]]:
    """Teachers as volunteers available all week except a few free slots of theirs (not
    used by the hidden timetable)."""
    volunteers, availability = [], []
    for t in range(teachers):
        vid = f"T{t:03d}"
        volunteers.append((vid, f"Teacher {t:03d}", f"teach-{vid}", "adult"))
        for weekday in DAYS:
            availability.append((vid, weekday, "08:00", f"{8 + periods:02d}:00", "available"))
        free = [s for s, b in enumerate(busy[t]) if not b]
        for slot in rng.sample(free, min(len(free), rng.randint(0, 6))):
            day_index, period = divmod(slot, periods)
            availability.append((vid, DAYS[day_index], f"{8 + period:02d}:00",
                                 f"{9 + period:02d}:00", "unavailable"))
    return volunteers, availability


#: Lectures a course of :func:`curriculum_week` has at most (as in the ITC 2007 data).
MOST_LECTURES = 9


def curriculum_week(courses: int = 60, lectures: int = 250, rooms: int = 12, *,
                    days: int = 5, periods: int = 5, curricula: int = 60, seed: int = 0,
                    slack: float = 0.2) -> Tables:
    """A week shaped like curriculum-based course timetabling (the ITC 2007 track): few
    periods a day, courses of 1-9 one-hour lectures, each course in several curricula
    and curricula of several courses, teachers of one or two courses, students against
    rooms of very different sizes, and teacher unavailability.

    A converter of that data would turn curricula *and* teachers into cohorts and each
    teacher into a volunteer whose one-person role only they fill; so does this one.
    Conflicts are denser than in :func:`teaching_week`: a lecture shares a cohort with
    many others. Feasible by construction: a hidden timetable is planted first, on all
    but a share ``slack`` of the periods, so the week has time to spare as real
    timetabling data does (lectures the hidden timetable cannot place are left out, so
    fewer than ``lectures`` may come back).
    """
    if lectures > MOST_LECTURES * courses:
        raise ValueError(f"{lectures} lectures do not fit in {courses} courses of at most "
                         f"{MOST_LECTURES} lectures each")
    rng = random.Random(seed)
    slots = days * periods
    sizes = sorted((rng.choice((10, 20, 30, 30, 40, 50, 60, 80, 100, 150, 200))
                    for _ in range(rooms)), reverse=True)
    sizes[0] = max(sizes[0], 150)
    counts = [1] * courses
    for _ in range(max(0, lectures - courses)):
        open_ = [c for c in range(courses) if counts[c] < MOST_LECTURES]
        counts[rng.choice(open_)] += 1
    students = [max(5, round(rng.choice(sizes) * rng.uniform(0.5, 1.0))) for _ in range(courses)]
    teacher_of = [rng.randrange(max(1, courses * 3 // 4)) for _ in range(courses)]
    in_curricula: list[list[int]] = [[] for _ in range(courses)]
    for q in range(curricula):  # a curriculum's lectures fit in most of the week
        members: list[int] = []
        size, load = rng.randint(2, 6), 0
        for c in rng.sample(range(courses), courses):
            if len(members) < size and load + counts[c] <= 0.8 * slots:
                members.append(c)
                load += counts[c]
        for c in members:
            in_curricula[c].append(q)
    hidden = rng.sample(range(slots), round((1 - slack) * slots))  # the planted week's slots
    busy_room = [[False] * slots for _ in sizes]
    busy_group: dict[str, list[bool]] = defaultdict(lambda: [False] * slots)
    activities: list[tuple] = []
    roles: list[tuple] = []
    for c in sorted(range(courses), key=lambda c: -len(in_curricula[c]) - counts[c]):
        groups = [f"q{q:03d}" for q in in_curricula[c]] + [f"t{teacher_of[c]:03d}"]
        placed = 0
        for slot in rng.sample(hidden, len(hidden)):
            if placed == counts[c]:
                break
            fitting = [r for r, size in enumerate(sizes)
                       if size >= students[c] and not busy_room[r][slot]]
            if not fitting or any(busy_group[g][slot] for g in groups):
                continue
            busy_room[min(fitting, key=lambda r: sizes[r])][slot] = True
            for g in groups:
                busy_group[g][slot] = True
            placed += 1
            aid = f"c{c:03d}-{placed}"
            activities.append((aid, f"Course {c:03d} lecture {placed}", f"c{c:03d}",
                               _moment(0, 8 * 60), _moment(days - 1, (8 + periods) * 60), 60,
                               students[c], ";".join(groups), "must"))
            roles.append((aid, f"teach-t{teacher_of[c]:03d}", 1, 1, 1))
    week = WEEK[:days]
    volunteers, availability = [], []
    for t in sorted(set(teacher_of)):
        vid = f"t{t:03d}"
        volunteers.append((vid, f"Teacher {t:03d}", f"teach-{vid}", "adult"))
        availability += [(vid, day, "08:00", f"{8 + periods:02d}:00", "available")
                         for day in week]
        free = [s for s, b in enumerate(busy_group[vid]) if not b]
        for slot in rng.sample(free, min(len(free), rng.randint(0, slots // 4))):
            day, period = divmod(slot, periods)
            availability.append((vid, week[day], f"{8 + period:02d}:00",
                                 f"{9 + period:02d}:00", "unavailable"))
    return _week_tables(
        _settings(f"curriculum week {courses} courses seed {seed}", days, 60),
        [(f"r{i:02d}", f"Room {i:02d}", c, "", "", 0) for i, c in enumerate(sizes)],
        [(f"r{i:02d}", day, "08:00", f"{8 + periods:02d}:00")
         for i in range(rooms) for day in week],
        volunteers, availability, activities, roles)


def enrolment_week(events: int = 400, rooms: int = 10, *, students: int = 300,
                   per_student: int = 16, features: int = 5, fill: float = 0.8,
                   ordered: int = 0, windowed: float = 0.0, seed: int = 0) -> Tables:
    """A week shaped like post-enrolment course timetabling (the ITC 2007 track): events
    of one hour in five days of nine, students enrolled in several events each, rooms of
    mixed sizes with features (as equipment) that some events need.

    A converter of that data would make every student a cohort tag of the events they
    enrolled in, so an event carries as many tags as it has students and the conflicts
    are dense; so does this one. Feasible by construction: each event is planted in its
    own room slot (``fill`` of them used), each student enrols in events of
    ``per_student`` different slots while their rooms have seats, and an event needs
    only features of its planted room. Events beyond ``fill`` of the room slots are
    left out, so fewer than ``events`` may come back.

    The track's other two rules, drawn around the planted timetable too: ``ordered``
    pairs of events that must come one before the other (a series of two, the earlier
    row planted earlier), and a ``windowed`` share of the events that can only take
    place on the day they were planted on (the track lists each event's slots).
    """
    rng = random.Random(seed)
    days, periods = 5, 9
    slots = days * periods
    sizes = sorted((rng.choice((20, 30, 50, 80, 100, 150, 200, 300)) for _ in range(rooms)),
                   reverse=True)
    has = [sorted(rng.sample(range(features), rng.randint(1, features))) for _ in sizes]
    cells = rng.sample([(slot, room) for slot in range(slots) for room in range(rooms)],
                       min(events, round(fill * slots * rooms)))
    at_slot: dict[int, list[int]] = defaultdict(list)
    for event, (slot, _) in enumerate(cells):
        at_slot[slot].append(event)
    enrolled: list[list[int]] = [[] for _ in cells]
    for student in range(students):
        for slot in rng.sample(range(slots), min(per_student, slots)):
            if at_slot[slot]:
                event = rng.choice(at_slot[slot])
                if len(enrolled[event]) < sizes[cells[event][1]]:
                    enrolled[event].append(student)
    series = _ordered_pairs(rng, [slot for slot, _ in cells], ordered)
    on_its_day = set(rng.sample(range(len(cells)), round(windowed * len(cells))))
    activities, needs = [], []
    for event, (slot, room) in enumerate(cells):
        first, last = (slot // periods,) * 2 if event in on_its_day else (0, days - 1)
        activities.append((f"e{event:04d}", f"Event {event:04d}", series.get(event, ""),
                           _moment(first, 9 * 60), _moment(last, (9 + periods) * 60), 60,
                           max(1, len(enrolled[event])),
                           ";".join(f"s{s:04d}" for s in enrolled[event]), "must"))
        wanted = rng.sample(has[room], rng.randint(0, len(has[room])))
        needs.append(";".join(f"f{f}" for f in sorted(wanted)))
    tables = _week_tables(
        _settings(f"enrolment week {events} events seed {seed}", days, 60),
        [(f"r{i:02d}", f"Room {i:02d}", c, ";".join(f"f{f}" for f in has[i]), "", 0)
         for i, c in enumerate(sizes)],
        [(f"r{i:02d}", day, "09:00", f"{9 + periods:02d}:00")
         for i in range(rooms) for day in WEEK[:days]],
        [], [], activities, [])
    tables["activities"]["equipment"] = needs
    return tables


def _ordered_pairs(rng: random.Random, slots: list[int], pairs: int) -> dict[int, str]:
    """The series of ``pairs`` pairs of events, each event in one at most, the earlier
    of a pair in the workbook's order planted in an earlier slot: event -> series."""
    series: dict[int, str] = {}
    for _ in range(50 * pairs):
        if len(series) >= 2 * pairs:
            break
        a, b = sorted(rng.sample(range(len(slots)), 2))
        if a not in series and b not in series and slots[a] < slots[b]:
            series[a] = series[b] = f"p{len(series) // 2:03d}"
    return series


def _at_least(name: str, value: int, low: int, why: str = "") -> None:
    """Refuse ``value`` of argument ``name`` below ``low``, saying what is allowed."""
    if value < low:
        raise ValueError(f"{name} must be at least {low}{why}, not {value}")


def meeting_days(meetings: int = 100, *, people: int | None = None, days: int | None = None,
                 seed: int = 0) -> Tables:
    """``meetings`` meetings on a 15-minute grid, 09:00-17:00, in five rooms.

    Every meeting has 2-6 required and 0-4 preferred attendees drawn from ``people``
    (default: about one person per two meetings; at least 10), may take place on any of
    ``days`` working days (default: enough for the rooms to be about 60 % used; at
    least 1), and is ``must``. A hidden timetable places every meeting with its required
    attendees free, so the workbook is feasible; a meeting it has no place for (its
    required attendees all busy whenever a room is free) is left out, so fewer than
    ``meetings`` may come back: the fewer the days, the more (20 meetings on the one
    day of the default give 11 to 14, on five days all 20). ``meetings`` is
    at least 1; an argument out of range raises ``ValueError``.
    """
    _at_least("meetings", meetings, 1)
    if people is not None:
        _at_least("people", people, 10, " (a meeting has up to 6 required and 4 preferred "
                  "attendees)")
    if days is not None:
        _at_least("days", days, 1)
    rng = random.Random(seed)
    people = people or max(12, meetings // 2)
    slots_per_day = 32  # 09:00-17:00 in quarters of an hour
    durations = [rng.choice((1, 2, 2, 4, 4, 4, 6, 8)) for _ in range(meetings)]
    days = days or max(1, round(sum(durations) / (0.6 * 5 * slots_per_day)))
    sizes = (6, 10, 12, 20, 40)
    room_rows = [(f"M{i}", f"Meeting room {i}", c, "", "", 0) for i, c in enumerate(sizes)]
    hours = [(f"M{i}", day, "09:00", "17:00") for i in range(5) for day in WEEK]
    grid = days * slots_per_day
    busy_room = [[False] * grid for _ in sizes]
    busy_person = [[False] * grid for _ in range(people)]
    activities: list[tuple] = []
    roles: list[tuple] = []
    for m, d in enumerate(durations):
        required = rng.sample(range(people), rng.randint(2, 6))
        others = [p for p in range(people) if p not in required]
        preferred = rng.sample(others, rng.randint(0, 4))
        size = len(required) + len(preferred)
        starts = [s for s in range(grid) if s % slots_per_day + d <= slots_per_day]
        rng.shuffle(starts)
        for s in starts:
            span = range(s, s + d)
            if any(busy_person[p][t] for p in required for t in span):
                continue
            free = [r for r, c in enumerate(sizes)
                    if c >= size and not any(busy_room[r][t] for t in span)]
            if free:
                for t in span:
                    busy_room[free[0]][t] = True
                    for p in required:
                        busy_person[p][t] = True
                break
        else:
            continue  # no room for it in the hidden timetable: leave it out
        aid = f"MTG{m:04d}"
        activities.append((aid, f"Meeting {m:04d}", "meeting", _moment(0, 9 * 60),
                           _moment(days - 1, 17 * 60), d * 15, size, "must"))
        roles += [(aid, f"attend-P{p:03d}", 1, 1, 1) for p in required]
        roles += [(aid, f"attend-P{p:03d}", 0, 1, 1) for p in preferred]
    return _meeting_tables(f"meetings {meetings} seed {seed}", days, room_rows, hours,
                           activities, roles, people, ("09:00", "17:00"))


def meeting_schedule(meetings: int = 100, *, rooms: int = 5, seed: int = 0) -> Tables:
    """``meetings`` ``must`` meetings shaped like the public meeting-scheduling datasets
    of solver examples (sizes 50-800, five rooms).

    A meeting lasts 1, 2, 3, 4, 6, 8 or 16 quarters of an hour and has 2-30 attendees,
    of whom 2 or more (a uniform draw up to all of them) are required and the rest
    preferred, each a one-person role as in :func:`meeting_days`. Rooms seat 30, 20, 16,
    14 and 12 (more rooms: 10, 8, 6 and 5, then again from 30) and must hold every
    attendee. The days run 08:00-12:00 and
    13:00-18:00, sixteen quarters a meeting per room on average, and there are three
    quarters as many people as the rooms' meetings seat at once (about 40 for five
    rooms; never fewer than the largest meeting's attendees): each of them attends a
    quarter of the meetings, and where they are is what the planner must work out.
    ``meetings`` and ``rooms`` are at least 1 (else ``ValueError``).
    """
    _at_least("meetings", meetings, 1)
    _at_least("rooms", rooms, 1)
    rng = random.Random(seed)
    durations = (1, 2, 3, 4, 6, 8, 16)
    sizes = (2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 20, 30)
    drawn = []
    for _ in range(meetings):
        duration, size = rng.choice(durations), rng.choice(sizes)
        drawn.append((duration, size, max(2, rng.randint(0, size))))
    quarters_a_day = 36  # 08:00-12:00 and 13:00-18:00
    days = math.ceil(meetings * 16 / rooms / quarters_a_day)
    # never fewer people than the largest meeting's attendees (a schedule of few rooms)
    people = max(sum(size for _, size, _ in drawn) * rooms * 3 // (4 * meetings),
                 max(size for _, size, _ in drawn))
    capacities = sizes[::-1][:len(sizes) * 3 // 4]
    room_rows = [(f"R{i}", f"Room {i}", capacities[i % len(capacities)], "", "", 0)
                 for i in range(rooms)]
    hours = [(f"R{i}", day, opens, closes) for i in range(rooms) for day in WEEK
             for opens, closes in (("08:00", "12:00"), ("13:00", "18:00"))]
    activities: list[tuple] = []
    roles: list[tuple] = []
    for m, (duration, size, required) in enumerate(drawn):
        attendees = rng.sample(range(people), size)
        aid = f"MTG{m:04d}"
        activities.append((aid, f"Meeting {m:04d}", "meeting", _moment(0, 8 * 60),
                           _moment(days - 1, 18 * 60), duration * 15, size, "must"))
        roles += [(aid, f"attend-P{p:03d}", int(k < required), 1, 1)
                  for k, p in enumerate(attendees)]
    return _meeting_tables(f"meeting schedule {meetings} seed {seed}", days, room_rows, hours,
                           activities, roles, people, ("08:00", "18:00"))


def _meeting_tables(name: str, days: int, room_rows: list[tuple], hours: list[tuple],
                    activities: list[tuple], roles: list[tuple], people: int,
                    day: tuple[str, str]) -> Tables:
    """The tables of a meeting workbook on a 15-minute grid: ``people`` people
    ``P000``..., each the one holder of the skill ``attend-P000`` that their seats ask
    for, available every ``day`` (opening, closing) of the week."""
    volunteers = [(f"P{p:03d}", f"Person {p:03d}", f"attend-P{p:03d}", "adult")
                  for p in range(people)]
    availability = [(f"P{p:03d}", weekday, *day, "available") for p in range(people)
                    for weekday in WEEK]
    return {
        "settings": _settings(name, days, 15),
        "rooms": _frame("room_id,name,capacity,equipment,site,turnaround_minutes", room_rows),
        "room_hours": _frame("room_id,day,open,close", hours),
        "volunteers": _frame("volunteer_id,name,skills,age_band", volunteers),
        "availability": _frame("volunteer_id,day,start,end,kind", availability),
        "activities": _frame("activity_id,title,kind,earliest_start,latest_end,"
                             "duration_minutes,expected_attendance,priority", activities),
        "roles": _frame("activity_id,role,min,target,max", roles),
    }


def itc_week(text: str) -> Tables:
    """The workbook of an ITC 2007 curriculum-based timetabling instance (its ``.ctt``
    text), converted as :func:`curriculum_week` builds its weeks: every lecture a one-hour
    ``must`` activity of its course's series, with its curricula, its teacher and its
    course as cohorts (no two at once), its students as the attendance a room must hold,
    and its course's teacher as the volunteer of its one role.

    The track's room capacity is a soft rule, here it is hard (so an instance with more
    large lectures than large-room periods is infeasible, and says why). Its
    unavailabilities are a course's, not a teacher's: each course's lectures are taught
    by a volunteer of their own, "teacher (course)", unavailable exactly when the course
    is, and the teacher's cohort keeps a teacher of several courses in one place at a
    time. Minimum working days and curriculum compactness, soft in the track, are left
    out. Course lines of four fields (no minimum working days) are read too.
    """
    head: dict[str, str] = {}
    sections: dict[str, list[list[str]]] = defaultdict(list)
    section = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line == "END.":
            continue
        if line.endswith(":") and line[:-1].replace("_", "").isupper():
            section = line[:-1]
        elif not section:
            key, _, value = line.partition(":")
            head[key.strip()] = value.strip()
        else:
            sections[section].append(line.split())
    try:
        days, periods = int(head["Days"]), int(head["Periods_per_day"])
    except (KeyError, ValueError) as error:
        raise ValueError(f"not an ITC 2007 .ctt instance: no whole number for {error}") from None
    if not 1 <= days <= len(WEEK) or not 1 <= periods <= 16:
        raise ValueError(f"not an ITC 2007 .ctt instance: {days} days of {periods} periods")
    week = WEEK[:days]
    curricula_of: dict[str, list[str]] = defaultdict(list)
    for fields in sections["CURRICULA"]:
        for course in fields[2:]:
            curricula_of[course].append(fields[0])
    teacher_of = {fields[0]: fields[1] for fields in sections["COURSES"]}
    activities, roles, volunteers, availability = [], [], [], []
    for course, teacher, lectures, *_, students in sections["COURSES"]:
        cohort = ";".join([*curricula_of[course], teacher, course])
        for number in range(1, int(lectures) + 1):
            aid = f"{course}-{number}"
            activities.append((aid, f"{course} lecture {number}", course, _moment(0, 8 * 60),
                               _moment(days - 1, (8 + periods) * 60), 60, int(students),
                               cohort, "must"))
            roles.append((aid, f"teach-{course}", 1, 1, 1))
        vid = f"{teacher}-{course}"
        volunteers.append((vid, f"{teacher} ({course})", f"teach-{course}", "adult"))
        availability += [(vid, day, "08:00", f"{8 + periods:02d}:00", "available")
                         for day in week]
    for fields in sections["UNAVAILABILITY_CONSTRAINTS"]:
        course, day, period = _unavailability(fields, teacher_of, days, periods)
        availability.append((f"{teacher_of[course]}-{course}", week[day],
                             f"{8 + period:02d}:00", f"{9 + period:02d}:00", "unavailable"))
    rooms = sections["ROOMS"]
    return _week_tables(
        _settings(head.get("Name", "ITC 2007 instance"), days, 60),
        [(room, room, int(capacity), "", "", 0) for room, capacity, *_ in rooms],
        [(room[0], day, "08:00", f"{8 + periods:02d}:00") for room in rooms for day in week],
        volunteers, availability, activities, roles)


def _unavailability(fields: list[str], courses: Mapping[str, str], days: int, periods: int
                    ) -> tuple[str, int, int]:
    """An unavailability line's course, day and period, or a clear error."""
    line = " ".join(fields)
    if len(fields) != 3 or not fields[1].isdigit() or not fields[2].isdigit():
        raise ValueError(f"not an ITC 2007 .ctt instance: unavailability {line!r} is not "
                         "<course> <day> <period>")
    course, day, period = fields[0], int(fields[1]), int(fields[2])
    if course not in courses:
        raise ValueError(f"not an ITC 2007 .ctt instance: unavailability {line!r} of unknown "
                         f"course {course}")
    if day >= days or period >= periods:
        raise ValueError(f"not an ITC 2007 .ctt instance: unavailability {line!r} outside "
                         f"its {days} days of {periods} periods")
    return course, day, period
