"""``python -m matching check``: exit 0 with a summary for a valid workbook, exit 1 with
every error on stderr (never a traceback) for a broken one, or with the summary and the
conflicts for one that can have no plan, exit 2 for usage errors.

The main cases are run by one module fixture: each ``make_*`` function below writes its
workbook and returns the command line, and the test of the same name reads the result.
One case of each exit code runs ``python -m matching`` in a subprocess (started together:
each process spends a second importing), the others call :func:`matching.cli.main`
in-process with the same output captured. Further cases call it in their tests.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from conftest import DATA

from matching.cli import main
from matching.io import read_tables, write_tables

QIANJIN = DATA / "qianjin-2023"
NO_QIANJIN = "data/qianjin-2023 is not generated yet (python data/build_qianjin_2023.py)"

WORKBOOK = {
    "settings": "key,value\nname,前进测试中心\nhorizon_start,2024-03-04\n"
                "horizon_end,2024-03-10\nslot_minutes,60\n",
    "rooms": "room_id,name,capacity,equipment\nhall,多功能厅,40,投影;音响\n"
             "studio,书画室,10,\n",
    "room_hours": "room_id,day,open,close\nhall,周一,09:00,17:00\nhall,Tue,09:00,17:00\n"
                  "studio,3,09:00,12:00\n",
    "volunteers": "volunteer_id,name,skills,age_band\nv1,王阿姨,手机教学；主持,senior\n"
                  "v2,李同学,主持,youth\n",
    "availability": "volunteer_id,day,start,end\nv1,周一,09:00,12:00\nv2,Wed,09:00,12:00\n",
    "activities": "activity_id,title,kind,earliest_start,latest_end,duration_minutes,"
                  "expected_attendance,priority\n"
                  "a1,智能手机课,activity,2024-03-04,2024-03-05,90,30,must\n"
                  "a2,书法体验,meeting,2024-03-06 09:00,2024-03-06 12:00,60,8,normal\n",
    "roles": "activity_id,role,min,target,max\na1,手机教学,1,1,1\na2,主持,1,1,2\n",
}

Result = subprocess.CompletedProcess[str]
CASES: dict[str, Callable[[Path], list[str | Path] | None]] = {}
#: The cases run in a real process: one per exit code.
IN_A_PROCESS = frozenset({"valid_workbook", "wrong_header", "bad_command"})


def case(make: Callable[[Path], list[str | Path] | None]
         ) -> Callable[[Path], list[str | Path] | None]:
    """Register a subprocess case: ``make(folder)`` writes what it needs under ``folder``
    and returns the arguments of ``python -m matching`` (None to skip)."""
    CASES[make.__name__.removeprefix("make_")] = make
    return make


def run(args: list[str | Path]) -> Result:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "matching", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )


def run_here(args: list[str | Path]) -> Result:
    """``main`` in this process, its output captured as a subprocess's would be."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return subprocess.CompletedProcess(["matching", *map(str, args)], code, out.getvalue(),
                                       err.getvalue())


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    root = tmp_path_factory.mktemp("cli")
    commands = {name: args for name, make in CASES.items()
                if (args := make(root / name)) is not None}
    with ThreadPoolExecutor(max_workers=len(IN_A_PROCESS)) as pool:
        futures = {name: pool.submit(run, args) for name, args in commands.items()
                   if name in IN_A_PROCESS}
        here = {name: run_here(args) for name, args in commands.items()
                if name not in IN_A_PROCESS}
    return {**here, **{name: future.result() for name, future in futures.items()}}


def result_of(checked: dict[str, Result], name: str) -> Result:
    if name not in checked:
        pytest.skip(f"case {name} was not run")
    result = checked[name]
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def call(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Result:
    """The command run in-process (for the cases beyond the main ones)."""
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return subprocess.CompletedProcess(["matching", *map(str, args)], code, out, err)


def write_book(folder: Path, **overrides: str | bytes | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**WORKBOOK, **overrides}.items():
        if text is None:
            continue
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / f"{name}.csv").write_bytes(data)
    return folder


def check_fails(result: Result, *expected_lines: str) -> str:
    """Assert exit 1 with exactly ``expected_lines`` as the errors, all on stderr."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == ""
    count = len(expected_lines)
    assert result.stderr.startswith(
        f"the workbook has {count} error{'s' if count != 1 else ''}:\n"), result.stderr
    for line in expected_lines:
        assert line in result.stderr, result.stderr
    assert result.stderr.count("\n  error: ") == count, result.stderr
    return result.stderr


# -- valid -------------------------------------------------------------------------------


@case
def make_valid_workbook(folder: Path) -> list[str | Path]:
    return ["check", write_book(folder)]


def test_valid_workbook(checked: dict[str, Result]) -> None:
    """The workbook names no language: Chinese, the default, is what it speaks."""
    result = result_of(checked, "valid_workbook")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "工作簿     前进测试中心" in out
    assert "规划期     2024-03-04 至 2024-03-10（7 天，每格 60 分钟" in out
    assert "场地       2 个（开放时间 3 行，闭馆/停用 0 行）" in out
    assert "志愿者     2 名（可服务时间 2 行" in out
    assert "活动       2 项（活动 1、会议接待 1）" in out
    assert "优先级     必办 1、高 0、普通 1、低 0" in out
    assert "提醒       0" in out


def test_valid_xlsx_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tables, _ = read_tables(write_book(tmp_path / "book"))
    result = call(capsys, "check", write_tables(tables, tmp_path / "book.xlsx"))
    assert result.returncode == 0, result.stderr
    assert "工作簿     前进测试中心" in result.stdout


def test_warnings_are_printed_but_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    """Each in the workbook's language (Chinese here), or in the one asked for."""
    rooms = WORKBOOK["rooms"].replace("capacity,equipment", "capacity,equipment,colour")
    book = write_book(tmp_path / "book", rooms=rooms)
    result = call(capsys, "check", book)
    assert result.returncode == 0, result.stderr
    assert "提醒       1" in result.stdout
    assert "  提醒：场地 第 1 行 “colour” 列：填的是 “colour”；已知的列（room_id" in result.stdout
    result = call(capsys, "check", book, "--language", "en")
    assert result.returncode == 0, result.stderr
    assert "warnings   1" in result.stdout
    assert "  warning: rooms, row 1, column 'colour': got 'colour'; a known column (room_id" \
        in result.stdout


def test_a_workbook_that_can_have_no_plan_fails_with_the_conflict(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The must class a1 asks for 30 seats in a hall closed on the two days it may take
    place: every row is valid, but `solve` would come back INFEASIBLE."""
    closures = "room_id,start,end,reason\nhall,2024-03-04 00:00,2024-03-06 00:00,repairs\n"
    result = call(capsys, "check", write_book(tmp_path / "book", closures=closures))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "无方案     1 处冲突；改正之前 `solve` 找不到方案：" in result.stdout
    assert "  智能手机课（a1） 必须举办，但没有合适的场地" in result.stdout
    assert "repairs" in result.stdout and "internal error" not in result.stderr
    english = call(capsys, "check", Path(result.args[-1]), "--language", "en")
    assert english.returncode == 1
    assert "no plan    1 conflict(s); `solve` finds no plan until they are fixed:" \
        in english.stdout
    assert "  智能手机课 (a1) must take place, but" in english.stdout


@case
def make_gb18030_file_loads(folder: Path) -> list[str | Path]:
    write_book(folder, rooms=WORKBOOK["rooms"].encode("gb18030"),
               settings=WORKBOOK["settings"].encode("gb18030"))
    return ["check", folder]


def test_gb18030_file_loads(checked: dict[str, Result]) -> None:
    result = result_of(checked, "gb18030_file_loads")
    folder = Path(result.args[-1])
    with pytest.raises(UnicodeDecodeError):
        (folder / "rooms.csv").read_bytes().decode("utf-8")
    assert result.returncode == 0, result.stderr
    assert "工作簿     前进测试中心" in result.stdout


def test_tiny_workbook(tiny_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not tiny_dir.exists():
        pytest.skip("data/tiny is not written yet")
    result = call(capsys, "check", tiny_dir)
    assert result.returncode == 0, result.stderr
    assert "warnings   0" in result.stdout


# -- broken ------------------------------------------------------------------------------


@case
def make_wrong_header(folder: Path) -> list[str | Path]:
    rooms = WORKBOOK["rooms"].replace("capacity", "capacty")
    return ["check", write_book(folder, rooms=rooms), "--language", "en"]


def test_errors_are_said_in_the_workbooks_language_unless_another_is_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The workbook names no language, so it speaks Chinese (the default): so do its
    errors, as its warnings and summary do; ``--language en`` gives them in English."""
    book = write_book(tmp_path / "book", rooms=WORKBOOK["rooms"].replace(",10,", ",-10,"))
    chinese = call(capsys, "check", book)
    assert chinese.returncode == 1
    assert chinese.stderr.startswith("工作簿有 1 处错误：\n  错误：场地 第 3 行 “容量（capacity）” "
                                     "列：填的是 “-10”"), chinese.stderr
    english = call(capsys, "check", book, "--language", "en")
    assert english.stderr.startswith("the workbook has 1 error:\n  error: rooms, row 3, "
                                     "column 'capacity': got '-10'"), english.stderr


def test_wrong_header(checked: dict[str, Result]) -> None:
    stderr = check_fails(
        result_of(checked, "wrong_header"),
        "error: rooms, row 1, column 'capacty': got 'capacty'; a column named 'capacity' "
        "(there is none: is this it, misspelt?)",
    )  # reported once for the header, not again for every row, on the column typed
    assert "warning" not in stderr


@case
def make_unknown_room_reference(folder: Path) -> list[str | Path]:
    hours = WORKBOOK["room_hours"].replace("studio,3", "gym,3")
    return ["check", write_book(folder, room_hours=hours), "--language", "en"]


def test_unknown_room_reference(checked: dict[str, Result]) -> None:
    check_fails(result_of(checked, "unknown_room_reference"),
                "error: room_hours, row 4, column 'room_id': got 'gym'; an id listed in rooms")


@case
def make_hour_25(folder: Path) -> list[str | Path]:
    hours = WORKBOOK["room_hours"].replace("Tue,09:00", "Tue,25:00")
    return ["check", write_book(folder, room_hours=hours), "--language", "en"]


def test_hour_25(checked: dict[str, Result]) -> None:
    check_fails(result_of(checked, "hour_25"),
                "error: room_hours, row 3, column 'open': got '25:00'; "
                "a time HH:MM from 00:00 to 23:59")


@case
def make_negative_capacity(folder: Path) -> list[str | Path]:
    rooms = WORKBOOK["rooms"].replace(",10,", ",-10,")
    return ["check", write_book(folder, rooms=rooms), "--language", "en"]


def test_negative_capacity(checked: dict[str, Result]) -> None:
    check_fails(result_of(checked, "negative_capacity"),
                "error: rooms, row 3, column 'capacity': got '-10'; a whole number of at "
                "least 1")


@case
def make_duplicate_id(folder: Path) -> list[str | Path]:
    volunteers = WORKBOOK["volunteers"] + "v1,张师傅,主持,adult\n"
    return ["check", write_book(folder, volunteers=volunteers), "--language", "en"]


def test_duplicate_id(checked: dict[str, Result]) -> None:
    check_fails(result_of(checked, "duplicate_id"),
                "error: volunteers, row 4, column 'volunteer_id': got 'v1'; a value of "
                "volunteer_id not used by an earlier row (ids are unique; row 2 has it)")


def test_several_errors_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_book(
        tmp_path / "book",
        rooms=WORKBOOK["rooms"].replace("书画室,10", "书画室,-10"),
        room_hours=WORKBOOK["room_hours"].replace("Tue,09:00", "Tue,25:00"),
        roles=WORKBOOK["roles"] + "a9,主持,1,1,1\n",
    )
    check_fails(call(capsys, "check", folder, "--language", "en"),
                "rooms, row 3, column 'capacity'",
                "room_hours, row 3, column 'open'",
                "roles, row 4, column 'activity_id'")


GARBAGE = bytes(range(128, 256)) * 8


@case
def make_binary_garbage_file(folder: Path) -> list[str | Path]:
    return ["check", write_book(folder, availability=GARBAGE), "--language", "en"]


def test_binary_garbage_file(checked: dict[str, Result]) -> None:
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            GARBAGE.decode(encoding)
    check_fails(result_of(checked, "binary_garbage_file"),
                "error: availability: got 'availability.csv'; a text file encoded as UTF-8, "
                "UTF-16 or GB18030")


def test_garbage_in_a_required_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                     ) -> None:
    garbage = b"\x00\xff\xfe\x81" * 50
    folder = write_book(tmp_path / "book", rooms=garbage)
    stderr = check_fails(call(capsys, "check", folder, "--language", "en"),
                         "error: rooms: got 'rooms.csv'; a text file encoded as UTF-8, "
                         "UTF-16 or GB18030",
                         "error: rooms: a table (CSV file or sheet) named 'rooms'",
                         "error: room_hours, column 'room_id': room_hours refers to rooms, "
                         "but the workbook has no rooms table that could be read")
    assert stderr


@case
def make_empty_file(folder: Path) -> list[str | Path]:
    return ["check", write_book(folder, roles=""), "--language", "en"]


def test_empty_file(checked: dict[str, Result]) -> None:
    check_fails(result_of(checked, "empty_file"),
                "error: roles, row 1: a header row naming the columns")


def test_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    stderr = check_fails(call(capsys, "check", folder),
                         "error: settings: a table (CSV file or sheet) named 'settings'",
                         "error: rooms: a table (CSV file or sheet) named 'rooms'",
                         "error: room_hours: a table (CSV file or sheet) named 'room_hours'",
                         "error: activities: a table (CSV file or sheet) named 'activities'",
                         "error: settings, column 'key': a row with key 'horizon_start'",
                         "error: settings, column 'key': a row with key 'horizon_end'")
    assert stderr


@case
def make_xlsx_with_a_missing_sheet(folder: Path) -> list[str | Path]:
    tables, _ = read_tables(write_book(folder / "csv"))
    path = write_tables(tables, folder / "book.xlsx")
    book = openpyxl.load_workbook(path)
    del book["room_hours"]
    book.save(path)
    return ["check", "--language", "en", path]


def test_xlsx_with_a_missing_sheet(checked: dict[str, Result]) -> None:
    result = result_of(checked, "xlsx_with_a_missing_sheet")
    assert "room_hours" not in openpyxl.load_workbook(result.args[-1]).sheetnames
    check_fails(result, "error: room_hours: a table (CSV file or sheet) named 'room_hours'")


def _cut_short(folder: Path) -> bytes:
    """An .xlsx whose copy or download stopped halfway."""
    tables, _ = read_tables(DATA / "tiny")
    whole = write_tables(tables, folder / "whole.xlsx").read_bytes()
    return whole[:len(whole) // 2]


@pytest.mark.parametrize(
    ("content", "said"),
    [(lambda _: b"", "this file is empty (0 bytes)"),
     (lambda _: "key,value\nname,中心\n".encode(), "this file is text (a CSV file renamed"),
     (lambda _: bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600),
      "this file is an old Excel file (.xls) or one locked with a password"),
     (_cut_short, "this file is damaged or is not one"),
     (lambda _: b"PK\x03\x04 this is not a zip archive", "this file is damaged")],
    ids=["empty", "csv", "xls-or-password", "cut-short", "garbage"],
)
def test_a_file_named_xlsx_that_is_none_is_said_what_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Callable[[Path], bytes],
        said: str) -> None:
    """Not "File is not a zip file", about a zip archive the user never made."""
    path = tmp_path / "center.xlsx"
    path.write_bytes(content(tmp_path))
    result = call(capsys, "check", path)
    assert result.returncode == 1
    assert f"error: workbook: got 'center.xlsx'; an .xlsx workbook: {said}" in result.stderr
    assert "zip" not in result.stderr


def test_a_damaged_xlsx_is_said_so_in_the_language_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "center.xlsx"
    path.write_bytes(_cut_short(tmp_path))
    result = call(capsys, "check", "--language", "zh", path)
    assert "应为：一个 .xlsx 工作簿：这个文件已损坏" in result.stderr


# -- usage errors ------------------------------------------------------------------------


@case
def make_nonexistent_path(folder: Path) -> list[str | Path]:
    return ["check", folder / "missing"]


def test_nonexistent_path(checked: dict[str, Result]) -> None:
    result = result_of(checked, "nonexistent_path")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (f"error: no file {result.args[-1]}: the workbook should be a "
                             "folder of CSV files or an .xlsx file\n")


@pytest.mark.parametrize("name", ["missing.xlsx", "missing.csv"])
def test_nonexistent_file(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
                          ) -> None:
    result = call(capsys, "check", tmp_path / name)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "error: no file" in result.stderr and "the workbook should be" in result.stderr
    assert name in result.stderr


def test_a_mistyped_workbook_is_said_in_the_machines_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Before a workbook is read there is no workbook to ask for a language: a Chinese
    machine was answered in English ("error: no workbook at 不存在.xlsx")."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = call(capsys, "check", tmp_path / "不存在.xlsx")
    assert result.returncode == 2
    assert result.stderr.startswith(f"错误：找不到 {tmp_path / '不存在.xlsx'}（workbook：")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # the locale's first word wins
    assert call(capsys, "check", tmp_path / "不存在.xlsx").stderr.startswith("error: no file")


@case
def make_bad_command(folder: Path) -> list[str | Path]:
    return ["bogus"]


def test_bad_command(checked: dict[str, Result]) -> None:
    result = result_of(checked, "bad_command")
    assert result.returncode == 2
    assert "invalid choice: 'bogus'" in result.stderr


@pytest.mark.parametrize("args", [(), ("check",), ("check", "a", "b"), ("check", "--bogus")])
def test_usage_errors(args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    result = call(capsys, *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    result = call(capsys, "--help")
    assert result.returncode == 0
    assert "check" in result.stdout


# -- the embedded Qianjin 2023 workbook --------------------------------------------------


def summary_counts(text: str) -> dict[str, int]:
    """Activities by kind and volunteers, from the English summary."""
    line = next(x for x in text.splitlines() if x.startswith("activities "))
    counts = {kind: int(n) for kind, n in re.findall(r"(\w+) (\d+)", line.split("(", 1)[1])}
    counts["volunteers"] = int(re.search(r"^volunteers (\d+)", text, re.M).group(1))
    return counts


def display_width(text: str) -> int:
    """Terminal columns of ``text``, counted apart from the code that pads labels."""
    return sum(1 + (unicodedata.east_asian_width(c) in ("W", "F")) for c in text)


@case
def make_qianjin_2023(folder: Path) -> list[str | Path] | None:
    return ["check", QIANJIN] if QIANJIN.exists() else None


def test_qianjin_2023_is_summarised_in_chinese(checked: dict[str, Result]) -> None:
    """The embedded workbook's language is Chinese: every label and word of the summary
    is, each value starting in the same terminal column after its label."""
    if not QIANJIN.exists():
        pytest.skip(NO_QIANJIN)
    result = result_of(checked, "qianjin_2023")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "工作簿     前进街道党群服务中心 2023"
    assert [line.split()[0] for line in lines] == [
        "工作簿", "规划期", "主题", "场地", "志愿者", "活动", "优先级", "岗位需求", "系列", "规模",
        "提醒"]
    assert re.search(r"^活动 +\d+ 项（活动 \d+、场地借用 \d+、会议接待 8）$", result.stdout, re.M)
    assert re.search(r"^优先级 +必办 \d+、高 \d+、普通 \d+、低 \d+$", result.stdout, re.M)
    assert "个时间格" in result.stdout and "slots" not in result.stdout
    for line in lines:
        label = re.match(r"\S+ +", line)
        assert label and display_width(label.group()) == 11, line


@case
def make_qianjin_2023_in_english(folder: Path) -> list[str | Path] | None:
    return ["check", QIANJIN, "--language", "en"] if QIANJIN.exists() else None


def test_qianjin_2023_in_english(checked: dict[str, Result]) -> None:
    if not QIANJIN.exists():
        pytest.skip(NO_QIANJIN)
    result = result_of(checked, "qianjin_2023_in_english")
    assert result.returncode == 0, result.stderr
    assert "workbook   前进街道党群服务中心" in result.stdout
    assert "warnings   0" in result.stdout and "提醒" not in result.stdout
    counts = summary_counts(result.stdout)
    assert counts.get("activity", 0) + counts.get("meeting", 0) >= 80
    assert counts.get("booking", 0) >= 200
    assert counts.get("meeting", 0) == 8
    assert counts["volunteers"] >= 60


def edit_csv(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV file (``row`` as in a spreadsheet: the header is row 1)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[row - 1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


@case
def make_broken_qianjin_copy(folder: Path) -> list[str | Path] | None:
    if not QIANJIN.exists():
        return None
    book = Path(shutil.copytree(QIANJIN, folder))
    edit_csv(book / "rooms.csv", 2, "capacity", "-1")
    edit_csv(book / "room_hours.csv", 3, "open", "25:00")
    edit_csv(book / "volunteers.csv", 5, "age_band", "old")
    edit_csv(book / "availability.csv", 10, "volunteer_id", "V999")
    edit_csv(book / "closures.csv", 2, "end", "2023-13-01")
    edit_csv(book / "activities.csv", 4, "kind", "party")
    with open(book / "activities.csv", encoding="utf-8-sig", newline="") as fh:
        first = list(csv.reader(fh))[1]
    with open(book / "activities.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(first)  # a duplicate activity_id
    with open(book / "settings.csv", "a", encoding="utf-8") as fh:
        fh.write("weight.bogus,3\n")
    # re-encoding a file as GB18030 is not an error
    themes = (book / "themes.csv").read_text(encoding="utf-8-sig")
    (book / "themes.csv").write_bytes(themes.encode("gb18030"))
    return ["check", "--language", "en", book]


def test_broken_qianjin_copy_reports_every_error(checked: dict[str, Result]) -> None:
    if not QIANJIN.exists():
        pytest.skip(NO_QIANJIN)
    result = result_of(checked, "broken_qianjin_copy")
    book = Path(result.args[-1])
    with open(book / "activities.csv", encoding="utf-8", newline="") as fh:
        activities = list(csv.reader(fh))
    settings_rows = len((book / "settings.csv").read_text("utf-8").splitlines())
    check_fails(
        result,
        "error: rooms, row 2, column 'capacity': got '-1'",
        "error: room_hours, row 3, column 'open': got '25:00'",
        "error: volunteers, row 5, column 'age_band': got 'old'",
        "error: availability, row 10, column 'volunteer_id': got 'V999'",
        "error: closures, row 2, column 'end': got '2023-13-01'",
        "error: activities, row 4, column 'kind': got 'party'",
        f"error: activities, row {len(activities)}, column 'activity_id': "
        f"got '{activities[1][0]}'",
        f"error: settings, row {settings_rows}, column 'key': got 'weight.bogus'",
    )


def test_an_unexpected_error_is_reported_with_a_log_not_a_traceback(
        tiny_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("matching.cli.common.build_problem", broken)
    assert main(["check", str(tiny_dir)]) == 2
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: a bug)" in err and "Traceback" not in err
    log = Path(err.rsplit("the log ", 1)[1].strip())
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: a bug" in text and "check" in text
    log.unlink()


def test_a_slow_read_reports_progress(tiny_dir: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the threshold (0 s here, 2 s in use) each table read and the validation step
    are reported on stderr; below it, nothing."""
    from matching.cli import ReadProgress

    assert main(["check", str(tiny_dir)]) == 0
    assert "read activities" not in capsys.readouterr().err
    monkeypatch.setattr(ReadProgress, "after", 0.0)
    assert main(["check", str(tiny_dir)]) == 0
    err = capsys.readouterr().err
    assert "read activities: 5 rows" in err and "read volunteers:" in err
    assert "validating" in err and err.index("read activities") < err.index("validating")


def test_a_slow_read_speaks_the_workbooks_language(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A large Chinese workbook was read with English lines before its Chinese summary:
    they speak the language its settings ask for, read first even where the settings
    sheet comes last, or the one ``--language`` asks for."""
    from matching.cli import ReadProgress

    tables, _ = read_tables(QIANJIN)
    path = write_tables(tables, tmp_path / "qianjin.xlsx")
    book = openpyxl.load_workbook(path)
    book.move_sheet("settings", offset=len(book.sheetnames))
    book.save(path)
    monkeypatch.setattr(ReadProgress, "after", 0.0)
    assert main(["check", str(path)]) == 0
    err = capsys.readouterr().err
    assert "已读取活动：343 行" in err and "正在核查" in err, err
    assert not re.search(r"[A-Za-z]{3,}", err), err
    assert main(["check", str(path), "--language", "en"]) == 0
    assert "read activities: 343 rows" in capsys.readouterr().err


def test_check_lists_the_warnings_with_the_errors(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A workbook with an error and a warning showed the error alone: the duration typed
    in hours came to light only once the id was mended, a second round of fixes."""
    tables, _ = read_tables(DATA / "tiny")
    tables["activities"].loc[tables["activities"]["activity_id"] == "a1",
                             "duration_minutes"] = "2"
    tables["availability"].loc[2, "volunteer_id"] = "v9"
    folder = write_tables(tables, tmp_path / "tiny")
    assert main(["check", str(folder)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "the workbook has 1 error:"
    assert err[2:] == [
        "and 1 warning(s):",
        "  warning: activities, row 2, column 'duration_minutes': got '2'; a duration of one "
        "slot (60 min) or more: 2 min is planned as a whole slot (the column takes minutes: "
        "2 h is 120)"]


def test_solve_says_the_workbooks_warnings_before_it_plans(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A workbook's warnings were said by `check` alone: `solve` planned a duration of 2
    typed for 2 h as one slot without a word."""
    tables, _ = read_tables(DATA / "tiny")
    tables["activities"].loc[tables["activities"]["activity_id"] == "a1",
                             "duration_minutes"] = "2"
    folder = write_tables(tables, tmp_path / "tiny")
    assert main(["solve", str(folder), "--out", str(tmp_path / "out"), "--time-limit", "5",
                 "--quiet"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == [
        "the workbook has 1 warning(s) (`check` lists them all):",
        "  warning: activities, row 2, column 'duration_minutes': got '2'; a duration of one "
        "slot (60 min) or more: 2 min is planned as a whole slot (the column takes minutes: "
        "2 h is 120)"]

