"""Scenario files: YAML and JSON round trips, and clear errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from matching.scenario import (
    CHANGE_KINDS,
    AddActivity,
    AddRoom,
    ChangeActivity,
    CloseRoom,
    Freeze,
    Hours,
    RoleSpec,
    ScaleAttendance,
    Scenario,
    ScenarioError,
    SetDutyLimit,
    SetRoomHours,
    SetWeight,
    VolunteerAvailable,
)

EVERYTHING = Scenario("all kinds", (
    Freeze(before="2024-03-05"),
    CloseRoom(room_id="hall", start="2024-03-05", end="2024-03-06 12:00", reason="台风"),
    SetRoomHours(room_id="studio", start="2024-03-05", end="2024-03-05", open="00:00",
                 close="24:00"),
    AddRoom(room_id="annex", name="Annex", capacity="30", hours=(Hours("Mon", "09:00", "18:00"),)),
    VolunteerAvailable(team="rescue", start="2024-03-05", end="2024-03-05"),
    AddActivity(activity_id="n1", title="值守", earliest_start="2024-03-05 00:00",
                latest_end="2024-03-05 08:00", duration_minutes="480",
                expected_attendance="30", priority="must",
                roles=(RoleSpec("host", "1", "2", "2"),)),
    ChangeActivity(activity_id="a1", notes=""),
    ScaleAttendance(factor=1.5, series_id="s1"),
    SetWeight(term="stability_start", value=50),
    SetDutyLimit(column="max_hours_per_day", value="10", team="rescue"),
), "every kind of change, once")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_errors(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        Scenario.load(path)
    return [str(i) for i in info.value.issues]


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_round_trip(tmp_path, suffix) -> None:
    path = EVERYTHING.save(tmp_path / f"s{suffix}")
    assert Scenario.load(path) == EVERYTHING


def test_saved_yaml_quotes_times_and_dates(tmp_path) -> None:
    text = EVERYTHING.save(tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert "close: '24:00'" in text and "before: '2024-03-05'" in text
    assert "台风" in text  # readable, not escaped


def test_yaml_keeps_unquoted_times_dates_and_numbers_as_typed(tmp_path) -> None:
    path = write(tmp_path, "s.yaml", """
name: plain
changes:
  - kind: room_hours
    room_id: studio
    start: 2024-03-05
    end: 2024-03-05
    open: 08:00
    close: 18:00
  - kind: scale_attendance
    factor: 2
  - kind: set_weight
    term: fairness
    value: 0
""")
    hours, scale, weight = Scenario.load(path).changes
    assert (hours.start, hours.open, hours.close) == ("2024-03-05", "08:00", "18:00")
    assert scale == ScaleAttendance(factor=2.0)
    assert weight == SetWeight(term="fairness", value=0)


def test_the_name_defaults_to_the_file_name(tmp_path) -> None:
    path = write(tmp_path, "heatwave.json", json.dumps({"changes": []}))
    assert Scenario.load(path) == Scenario("heatwave")


def test_every_kind_has_a_file_entry() -> None:
    assert {c.kind for c in EVERYTHING.changes} | {"remove_activity", "volunteer_unavailable",
                                                   "volunteer_gone"} == set(CHANGE_KINDS)


def test_unknown_kind(tmp_path) -> None:
    path = write(tmp_path, "s.yaml", "changes:\n  - kind: close_hall\n    room_id: hall\n")
    [error] = load_errors(path)
    assert "s.yaml: change 1 (close_hall), field 'kind': got 'close_hall'" in error
    assert "close_room" in error


def test_missing_and_unknown_fields(tmp_path) -> None:
    path = write(tmp_path, "s.yaml", """
changes:
  - {kind: set_weight, term: fairness, value: 1}
  - {kind: close_room, room: hall, start: 2024-03-05}
""")
    found = load_errors(path)
    assert any("change 2 (close_room), field 'room'" in f and "start, end, room_id, reason" in f
               for f in found)
    assert any("change 2 (close_room), field 'end': a value (this field is required)" in f
               for f in found)


def test_mistyped_fields(tmp_path) -> None:
    path = write(tmp_path, "s.json", json.dumps({"changes": [
        {"kind": "scale_attendance", "factor": "double"},
        {"kind": "close_room", "room_id": ["hall", "studio"], "start": "2024-03-05",
         "end": "2024-03-05"},
        {"kind": "add_room", "room_id": "x", "name": "X", "capacity": 3,
         "hours": "Monday mornings"},
    ]}))
    found = load_errors(path)
    assert "change 1 (scale_attendance), field 'factor': got 'double'; a number" in found[0]
    assert "change 2 (close_room), field 'room_id'" in found[1]
    assert "change 3 (add_room), field 'hours'" in found[2]


def test_yaml_syntax_error_names_line_and_column(tmp_path) -> None:
    path = write(tmp_path, "bad.yaml", "name: x\nchanges:\n  - kind: close_room\n   room_id: [\n")
    [error] = load_errors(path)
    assert error.startswith("error: bad.yaml, line ")
    assert "valid YAML" in error


def test_a_full_width_colon_after_a_key_is_named_by_its_line(tmp_path) -> None:
    """YAML fails a line further on, where nothing looks wrong; the hint names the line
    with the ``：`` a Chinese input method typed."""
    path = write(tmp_path, "fw.yaml", "name： 台风\nchanges:\n  - kind： close_room\n"
                                      "    room_id: hall\n")
    with pytest.raises(ScenarioError) as info:
        Scenario.load(path)
    [issue] = info.value.issues
    assert issue.expected == ("valid YAML (mapping values are not allowed here); lines 1, 3 "
                              "have a full-width colon '：'; YAML needs ':'")
    assert issue.expectation("zh") == ("有效的 YAML（mapping values are not allowed here）；"
                                       "第 1、3 行有全角冒号 “：”，YAML 需要半角冒号 “:”")
    write(tmp_path, "fw.yaml", "name： 台风\nchanges: [x\n")
    assert load_errors(path)[0].endswith("; line 1 has a full-width colon '：'; YAML needs ':'")


def test_a_full_width_colon_inside_a_value_is_no_hint(tmp_path) -> None:
    path = write(tmp_path, "bad.yaml", "name: 台风：闭馆\nchanges:\n  - kind: close_room\n"
                                       "   room_id: [\n")
    [error] = load_errors(path)
    assert "full-width" not in error and error.endswith(")")


def test_json_syntax_error_names_line_and_column(tmp_path) -> None:
    path = write(tmp_path, "bad.json", '{"name": "x",\n "changes": [}\n')
    [error] = load_errors(path)
    assert "bad.json, line 2, column" in error and "valid JSON" in error


@pytest.mark.parametrize(("text", "english", "chinese"), [
    ('{"name": "x",\n "changes": [}\n', "Expecting value", "这里缺少一个值"),
    ('{"name" "x"}', "Expecting ':' delimiter", "这里缺少冒号 “:”"),
    ('{"name": "x", }', "Expecting property name enclosed in double quotes",
     "这里应是用双引号括起的键名"),
    ('{"name": "x"} {}', "Extra data", "数据结束后还有多余的内容"),
])
def test_a_json_syntax_error_is_said_in_chinese_too(tmp_path, text, english, chinese) -> None:
    """The parser's own words are English: a Chinese reader gets the catalogue's."""
    with pytest.raises(ScenarioError) as info:
        Scenario.load(write(tmp_path, "bad.json", text))
    [issue] = info.value.issues
    assert issue.expectation("en") == f"valid JSON ({english})"
    assert issue.expectation("zh") == f"有效的 JSON（{chinese}）"


@pytest.mark.parametrize(("text", "expected"), [
    ("- just\n- a list\n", "a mapping with name, description and changes"),
    ("name: x\nchanges: close everything\n", "field 'changes'"),
    ("name: x\nchange: []\n", "field 'change'"),
    ("changes:\n  - close_room\n", "change 1 (no kind)"),
])
def test_badly_shaped_files(tmp_path, text, expected) -> None:
    assert any(expected in f for f in load_errors(write(tmp_path, "s.yaml", text)))


def test_unknown_suffix(tmp_path) -> None:
    assert "a .yaml, .yml or .json file" in load_errors(write(tmp_path, "s.txt", "x"))[0]


def test_shipped_scenarios_load() -> None:
    names = {Scenario.load(p).name for p in (DATA / "scenarios").glob("*.yaml")}
    assert names == {"typhoon-muifa", "students-exams", "summer-camp-doubled"}


def test_a_misspelt_kind_does_not_hide_the_other_changes_errors(tmp_path: Path) -> None:
    from matching.io import read_tables

    path = tmp_path / "bad.yaml"
    path.write_text(
        "changes:\n"
        "  - {kind: close_rooom, room_id: hall, start: '2024-03-05', end: '2024-03-05'}\n"
        "  - {kind: close_room, room_id: hal, start: '2024-03-05', end: '2024-03-05'}\n",
        encoding="utf-8")
    with pytest.raises(ScenarioError) as alone:
        Scenario.load(path)
    assert [(i.index, i.field) for i in alone.value.issues] == [(1, "kind")]
    tables, _ = read_tables(DATA / "tiny")
    with pytest.raises(ScenarioError) as checked:
        Scenario.load(path, tables)
    assert [(i.index, i.field, i.source) for i in checked.value.issues] == [
        (1, "kind", "bad.yaml"), (2, "room_id", "bad.yaml")]


def test_a_change_that_does_not_read_does_not_hide_the_workbook_s_errors(
        tmp_path: Path) -> None:
    """The changes that read are applied in order and the workbook they leave is
    validated, so that a duration ``ninety`` is said with a misspelt field, at its place
    in the file."""
    from matching.io import read_tables

    path = tmp_path / "bad.yaml"
    path.write_text(
        "changes:\n"
        "  - {kind: change_activity, activity_id: a1, priorty: must}\n"
        "  - {kind: add_room, room_id: annex, name: Annex, capacity: '30', hours: 'Mon "
        "09:00-18:00'}\n"
        "  - {kind: change_activity, activity_id: a2, fixed_room: annex}\n"
        "  - {kind: add_activity, activity_id: n1, title: New, earliest_start: "
        "'2024-03-05 09:00', latest_end: '2024-03-05 12:00', duration_minutes: ninety, "
        "expected_attendance: '-3'}\n",
        encoding="utf-8")
    tables, _ = read_tables(DATA / "tiny")
    with pytest.raises(ScenarioError) as checked:
        Scenario.load(path, tables)
    assert [(i.index, i.kind, i.field, i.source) for i in checked.value.issues] == [
        (1, "change_activity", "priorty", "bad.yaml"),
        (4, "add_activity", "duration_minutes", "bad.yaml"),
        (4, "add_activity", "expected_attendance", "bad.yaml")]


def test_the_workbook_s_errors_in_a_file_s_changes_name_the_file(tmp_path: Path) -> None:
    """A file that reads whole had the errors the workbook finds in its changes said
    without its name, where those found reading it name it."""
    from matching.io import read_tables

    path = tmp_path / "late.yaml"
    path.write_text(
        "changes:\n"
        "  - {kind: add_activity, activity_id: n1, title: New, earliest_start: "
        "'2024-03-05 09:00', latest_end: '2024-03-05 12:00', duration_minutes: ninety, "
        "expected_attendance: '3'}\n", encoding="utf-8")
    tables, _ = read_tables(DATA / "tiny")
    scenario = Scenario.load(path, tables)
    with pytest.raises(ScenarioError) as built:
        scenario.build(tables)
    assert [(i.index, i.field, i.source) for i in built.value.issues] == [
        (1, "duration_minutes", "late.yaml")]
    assert built.value.render("en").splitlines()[1].startswith("  error: late.yaml: change 1")


def test_a_change_may_be_named_by_its_word(tmp_path: Path) -> None:
    """`kind: 关闭场地`, as every message calls the change, was refused with the list of
    the English kinds alone."""
    path = tmp_path / "words.yaml"
    path.write_text("changes:\n"
                    "  - {kind: 关闭场地, room_id: hall, start: '2024-03-05', end: '2024-03-05'}\n"
                    "  - {kind: Close_Room, room_id: hall, start: '2024-03-06', "
                    "end: '2024-03-06'}\n", encoding="utf-8")
    scenario = Scenario.load(path)
    assert [c.kind for c in scenario.changes] == ["close_room", "close_room"]
    assert scenario.to_dict()["changes"][0]["kind"] == "close_room"
