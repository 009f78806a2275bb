"""Personal data is checked field by field: phones and notes never, shared words always."""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from plan_cases import SETTINGS, tiny_tables
from shared_fields import digits, folder_values

from matching.cli import main
from matching.cli.common import EXIT_DATA
from matching.export import (
    PersonalDataError,
    calendars,
    report_sections,
    save_calendars,
    save_excel,
    save_report,
    sheets,
)
from matching.export.privacy import (
    PUBLIC_FIELDS,
    column_leaks,
    find_leaks,
    html_fields,
)
from matching.io import PERSONAL_COLUMNS, build_problem, save_plan, write_tables
from matching.plan import Plan
from matching.problem import Problem
from matching.solver import solve

TITLE = "First aid workshop"  # activity a3 of the tiny workbook, partner "Rescue team"
PHONES = {"v1": "139-2580-0001", "v2": "139 2580 0002", "v3": "(0571) 8802-0003",
          "v4": "8021"}
NOTES = {"v1": "aid work",  # inside the title of a3
         "v2": "NOTE-v2 only weekday evenings",
         "v3": "Rescue team",  # the partner of a3: public text anyway
         "v4": "NOTE-v4 knee trouble, ground floor"}


def planted(**column: dict[str, str]) -> Problem:
    """The tiny workbook with the phones and notes above, and ``column`` overrides
    (column name -> volunteer id -> value)."""
    tables = tiny_tables()
    volunteers = tables["volunteers"]
    for name, values in {"phone": PHONES, "notes": NOTES, **column}.items():
        for vid, value in values.items():
            volunteers.loc[volunteers["volunteer_id"] == vid, name] = value
    return build_problem(tables)


def shows_phone(value: str, phone: str) -> bool:
    """A long number in any spelling anywhere in the value; a short one as the value."""
    if len(digits(phone)) < 7:
        return value.strip() == phone
    return phone in value or digits(phone) in digits(value)


def leaks_in(problem: Problem, *values: object) -> list[str]:
    return [str(leak) for leak in find_leaks(problem, [("field", v) for v in values])]


def test_a_note_inside_a_title_is_not_a_leak_but_the_note_as_a_field_is() -> None:
    problem = planted()
    assert leaks_in(problem, TITLE, f"09:00 {TITLE} (host)") == []
    assert leaks_in(problem, "aid work") == ["field: the notes of volunteer v1"]
    assert leaks_in(problem, "  aid\n work ") == ["field: the notes of volunteer v1"]


def test_a_note_that_is_also_public_workbook_text_is_not_a_leak() -> None:
    problem = planted()
    assert leaks_in(problem, "Rescue team") == []


def test_placeholders_are_neither_phones_nor_notes() -> None:
    """``无`` (none) is what a zh report shows for an empty section."""
    problem = planted(phone={"v1": "无", "v2": "-"}, notes={"v1": "无", "v2": "-"})
    assert leaks_in(problem, "无", "-", "no") == []


def test_phone_numbers_are_leaks_in_any_spelling_and_inside_any_field() -> None:
    problem = planted()
    for shown in ("139-2580-0001", "13925800001", "call 139 2580 0001 after six",
                  "Ann (139-2580-0001)", 13925800001, "联系 139-2580-0001 1 项",
                  "13925800001 2"):
        assert leaks_in(problem, shown) == ["field: the phone number of volunteer v1"]
    assert leaks_in(problem, "057188020003") == ["field: the phone number of volunteer v3"]


def test_digits_that_merely_contain_a_phone_number_are_not_one() -> None:
    problem = planted()
    assert leaks_in(problem, "913925800001", "139258000012", "2024-08-21 09:30",
                    "Room 8021B", "08:02 1 seat") == []
    assert leaks_in(problem, "id 5a13925800001b") == ["field: the phone number of volunteer v1"]
    assert leaks_in(problem, " 8021 ") == ["field: the phone number of volunteer v4"]


def test_a_phone_number_written_in_notes_is_the_volunteer_s() -> None:
    """A note may hold a number (a contact's, a spare phone); its dates, years and
    counts are not phone numbers, and a phone column says whose a number is."""
    problem = planted(notes={"v1": "call v3 on (0571) 8802-0003",
                             "v2": "spare phone 137-5555-0002",
                             "v4": "away 2024-08-21 09:30 to 2024-09-01, since 2019, 3 kids"})
    for shown in ("Bo ill - spare phone 137-5555-0002", "13755550002", "+86 137 5555 0002"):
        assert leaks_in(problem, shown) == ["field: the phone number of volunteer v2"]
    assert leaks_in(problem, "0571 88020003") == ["field: the phone number of volunteer v3"]
    assert leaks_in(problem, "2024-08-21 09:30", "2024-09-01", "since 2019", "3 kids",
                    "137555500021") == []


def test_only_allowed_columns_and_never_a_personal_one() -> None:
    personal = {c for columns in PERSONAL_COLUMNS.values() for c in columns}
    assert not personal & set(PUBLIC_FIELDS)
    assert not {f"{t}.{c}" for t, cs in PERSONAL_COLUMNS.items() for c in cs} \
        & set(PUBLIC_FIELDS.values())
    frame = pd.DataFrame(columns=["volunteer_id", "name", "phone", "notes"])
    assert [str(leak) for leak in column_leaks({"roster": frame})] == [
        "roster: column 'phone' is not a public field",
        "roster: column 'notes' is not a public field"]


def test_html_fields_are_texts_and_attributes_with_entities_decoded() -> None:
    fields = html_fields('<td class="num">a &amp; b</td><div title="x &lt; y">t</div>', "p")
    assert fields == [("p", "num"), ("p", "a & b"), ("p", "x < y"), ("p", "t")]


@pytest.fixture(scope="module")
def shared() -> tuple[Problem, Plan]:
    problem = planted()
    plan = solve(problem, SETTINGS)
    assert plan.assignment_of["a3"].start is not None
    return problem, plan


def test_public_exports_show_titles_and_no_phone_or_note(tmp_path: Path,
                                                         shared: tuple[Problem, Plan]) -> None:
    problem, plan = shared
    save_report(problem, plan, tmp_path / "report.html")
    save_excel(problem, plan, tmp_path / "plan.xlsx")
    save_plan(plan, problem, tmp_path / "plan.json")
    save_calendars(problem, plan, tmp_path / "calendars")
    found = folder_values(tmp_path)
    secret_notes = {n for v, n in NOTES.items() if v != "v3"}
    for name, values in found.items():
        assert not secret_notes & set(values), name
        assert not [v for v in values for p in PHONES.values() if shows_phone(v, p)], name
    for name in ("report.html", "plan.xlsx", "plan.json", "calendars/center.ics"):
        assert TITLE in found[name] or any(v.startswith(TITLE) for v in found[name]), name


def test_internal_exports_are_not_refused(shared: tuple[Problem, Plan]) -> None:
    problem, plan = shared
    shown = "".join(report_sections(problem, plan, include_contacts=True).values())
    assert all(p in shown for p in PHONES.values())
    assert "phone" in sheets(problem, plan, include_contacts=True)["roster"].columns


def test_a_public_export_showing_a_phone_is_refused_and_writes_nothing(
        tmp_path: Path) -> None:
    """Volunteer v1 is called by v2's phone number: a public field showing a phone."""
    problem = planted(name={"v1": PHONES["v2"]})
    plan = solve(problem, SETTINGS)
    for export in (sheets, report_sections, calendars):
        with pytest.raises(PersonalDataError, match="phone number of volunteer v2") as caught:
            export(problem, plan)
        assert digits(PHONES["v2"]) not in digits(str(caught.value))  # names whose, not what
    for save, target in ((save_report, "report.html"), (save_excel, "plan.xlsx"),
                         (save_calendars, "calendars")):
        with pytest.raises(PersonalDataError):
            save(problem, plan, tmp_path / target)
    assert list(tmp_path.iterdir()) == []


def test_a_page_s_places_are_named_as_the_page_heads_them(tmp_path: Path) -> None:
    """The refusal named them "weeks <span>, duties <td>": HTML tags, and the code's
    keys in a Chinese message."""
    problem = planted(name={"v1": PHONES["v2"]})
    plan = solve(problem, SETTINGS)
    for language, duties in (("en", "Volunteer duty lists"), ("zh", "志愿者任务单")):
        with pytest.raises(PersonalDataError) as caught:
            report_sections(problem, plan, language=language)
        said = caught.value.render(language)
        assert duties in said and "<" not in said and "duties" not in said


def test_a_phone_number_typed_in_a_shown_field_is_a_leak_wherever_it_is_shown() -> None:
    """A partner's contact in ``partner``, a volunteer's number after their name: every
    output shows those fields. A year range in a title has too few digits to be one."""
    tables = tiny_tables()
    activities, volunteers = tables["activities"], tables["volunteers"]
    activities.loc[activities["activity_id"] == "a3", "partner"] = "Red Cross, Li 139 0000 2222"
    activities.loc[activities["activity_id"] == "a1", "title"] = "Since 1949-2024: a talk"
    volunteers.loc[volunteers["volunteer_id"] == "v2", "name"] = "Bo (0571-8888-1234)"
    problem = build_problem(tables)
    assert leaks_in(problem, "Red Cross, Li 139 0000 2222", "call 13900002222") == [
        "field: a phone number written in the partner of activity a3"] * 2
    assert leaks_in(problem, "Bo (0571-8888-1234)") == [
        "field: a phone number written in the name of volunteer v2"]
    assert leaks_in(problem, "Since 1949-2024: a talk", "19492024") == []


def test_free_text_quoted_whole_may_show_no_phone_number_at_all() -> None:
    """A note that the report quotes (a cancellation's reason) names a contact nobody's
    phone column holds; its dates and counts are not phone numbers."""
    problem = planted()
    notes = [("reason", "flu, parents called (Li 137 0000 1234)"),
             ("reason", "closed 2024-10-01 to 2024-10-07, 120 people")]
    assert [str(leak) for leak in find_leaks(problem, [], free_text=notes)] == [
        "reason: a phone number"]


def test_export_refuses_a_shown_phone_number_with_what_to_do(tmp_path: Path) -> None:
    tables = tiny_tables()
    activities = tables["activities"]
    activities.loc[activities["activity_id"] == "a3", "partner"] = "Li 13900002222"
    workbook = write_tables(tables, tmp_path / "workbook")
    problem = build_problem(tables)
    save_plan(solve(problem, SETTINGS), problem, tmp_path / "plan.json", workbook=workbook)
    out = tmp_path / "public.xlsx"
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["export", str(tmp_path / "plan.json"), "--to", "xlsx",
                     "--out", str(out)]) == EXIT_DATA
    said = err.getvalue()
    assert "a phone number written in the partner of activity a3" in said
    assert "--include-contacts" in said and "internal error" not in said
    assert "13900002222" not in said and not out.exists()
    assert main(["export", str(tmp_path / "plan.json"), "--to", "xlsx", "--out", str(out),
                 "--include-contacts"]) == 0


#: A number typed into one field of the tiny workbook at a time: (table, column, the id
#: column and id of the row, or the settings' key), each with how it is said.
TYPED_NUMBER = "Li 139 0000 2222"
TYPED_FIELDS = {
    ("activities", "title", "activity_id", "a3"): "the title of activity a3",
    ("activities", "partner", "activity_id", "a3"): "the partner of activity a3",
    ("themes", "name", "theme_id", "spring"): "the name of theme spring",
    ("rooms", "name", "room_id", "hall"): "the name of room hall",
    ("rooms", "site", "room_id", "hall"): "the site of room hall",
    ("volunteers", "name", "volunteer_id", "v2"): "the name of volunteer v2",
    ("volunteers", "team", "volunteer_id", "v2"): "the team of volunteer v2",
    ("volunteers", "skills", "volunteer_id", "v2"): "the skills of volunteer v2",
    ("roles", "role", "role", "first_aid"): "the role of activity a3",
    ("settings", "value", "key", "name"): "the workbook's name",
}


def _typed(table: str, column: str, key: str, row: str) -> tuple[Problem, Plan]:
    """The tiny workbook and its plan with :data:`TYPED_NUMBER` in one field; in a role's
    name, in the skills that fill it and the plan's staffing too, as a coordinator
    renaming a role would."""
    tables = tiny_tables()
    problem = build_problem(tables)
    plan = solve(problem, SETTINGS)
    frame = tables[table]
    rows = frame[key] == row
    if (table, column) == ("volunteers", "skills"):
        frame.loc[rows, column] = frame.loc[rows, column] + f";{TYPED_NUMBER}"
    elif table == "roles":
        renamed = f"{row} {TYPED_NUMBER}"
        frame.loc[rows, column] = renamed
        volunteers = tables["volunteers"]
        volunteers["skills"] = volunteers["skills"].str.replace(row, renamed)
        plan = replace(plan, staffing=tuple(replace(s, role=renamed) if s.role == row else s
                                            for s in plan.staffing))
    else:
        frame.loc[rows, column] = f"{frame.loc[rows, column].iloc[0]} {TYPED_NUMBER}"
    return build_problem(tables), plan


@pytest.mark.parametrize(("field", "whose"), TYPED_FIELDS.items(),
                         ids=[".".join(field[:2]) for field in TYPED_FIELDS])
def test_a_number_typed_in_any_field_an_export_shows_is_refused_there(
        field: tuple[str, str, str, str], whose: str) -> None:
    """Whatever field of the workbook an output shows, a number typed there is refused in
    that output: the fields looked in are those the outputs show, a room's site in a
    calendar's location as much as a title. What an internal copy shows is what a
    public one would."""
    problem, plan = _typed(*field)
    exports = {
        "xlsx": lambda contacts: "".join(frame.to_csv() for frame in sheets(
            problem, plan, include_contacts=contacts).values()),
        "html": lambda contacts: str(report_sections(problem, plan,
                                                     include_contacts=contacts)),
        "ics": lambda contacts: "".join(calendar.to_ical().decode().replace("\r\n ", "")
                                        for calendar in calendars(
                                            problem, plan, include_contacts=contacts).values()),
    }
    shown = [name for name, export in exports.items()
             if digits(TYPED_NUMBER) in digits(export(True))]
    assert shown, "every field of the list is shown by some export"
    for name in shown:
        with pytest.raises(PersonalDataError) as caught:
            exports[name](False)
        assert f"a phone number written in {whose}" in str(caught.value), name
