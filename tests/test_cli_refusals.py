"""What the command line refuses is said in the language it speaks: a Chinese
workbook's, or ``--language``'s, never in English words a Chinese coordinator cannot
read, nor in a library's English text. Each refusal is said by one catalogue entry, whose
English stays as scripts read it. (Refusals of `export`'s plan and of a sweep file:
tests/test_cli_language.py.)"""

from __future__ import annotations

import copy
import errno
import json
import pickle
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import DATA
from test_cli_language import SOLVE, chinese_tiny, dask_here, ran, solved  # noqa: F401

from matching.i18n import say
from matching.io.outputs import (
    FolderInTheWayError,
    NotAFolderError,
    OutputFileError,
    OutputFolderError,
    OutputWriteError,
)


def test_where_the_report_quotes_a_phone_number_is_said_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A contact's number in the note of a cancelled booking, which the year-end report
    quotes as the reason: the note is named in the workbook's language."""
    leaky = tmp_path / "leaky"
    shutil.copytree(DATA / "qianjin-2023-actuals", leaky)
    actuals = (leaky / "actuals.csv").read_text(encoding="utf-8")
    (leaky / "actuals.csv").write_text(
        actuals.replace("借用方临时取消", "借用方取消，联系人李老师 137 0000 1234", 1),
        encoding="utf-8")
    out = tmp_path / "report.html"
    code, _, err = ran(capsys, "report", DATA / "qianjin-2023",
                       DATA / "qianjin-2023-actuals" / "plan.json", "--actuals", leaky,
                       "--out", out)
    assert code == 1
    assert err.startswith("错误：公开文件中有个人信息：一个电话号码（report.html："
                          "作为取消原因引用的活动 ")
    assert "quoted as the reason" not in err and "the note on" not in err
    assert not out.exists()


def test_a_missing_file_is_said_to_be_what_it_should_be_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What the file should be is said in the catalogue's Chinese, not in the English of
    the argument's ``--help``, which says the same from the same entry."""
    book = chinese_tiny(tmp_path / "book")
    scenario = tmp_path / "missing.yaml"
    code, _, err = ran(capsys, "whatif", book, scenario, "--baseline", tmp_path,
                       "--out", tmp_path / "re")
    assert (code, err) == (2, f"错误：找不到 {scenario}（scenario：情景文件（.yaml 或 .json））\n")
    plan = tmp_path / "nowhere"
    code, _, err = ran(capsys, "export", plan, "--to", "html", "--out", tmp_path / "p.html",
                       "--language", "zh")
    assert (code, err) == (2, f"错误：找不到 {plan}（plan：方案文件（plan.json），或 "
                              "`solve --out` 写出的文件夹）\n")
    code, _, err = ran(capsys, "export", plan, "--to", "html", "--out", tmp_path / "p.html")
    assert (code, err) == (2, f"error: no file {plan}: the plan should be a plan file "
                              "(plan.json), or the folder `solve --out` wrote\n")


def test_a_baseline_folder_without_a_plan_is_refused_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`whatif` finds no assignments.csv in its baseline folder: said as a missing file
    of the --baseline argument, in Chinese for a Chinese workbook."""
    book, empty = chinese_tiny(tmp_path / "book"), tmp_path / "empty"
    empty.mkdir()
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text("name: nothing\nchanges: []\n", encoding="utf-8")
    missing = empty / "assignments.csv"
    code, _, err = ran(capsys, "whatif", book, scenario, "--baseline", empty,
                       "--out", tmp_path / "re")
    assert (code, err) == (2, f"错误：找不到 {missing}（baseline：含 assignments.csv 和 "
                              "staffing.csv 的方案文件夹，或方案文件 plan.json）\n")
    code, _, err = ran(capsys, "whatif", book, scenario, "--baseline", empty,
                       "--out", tmp_path / "re", "--language", "en")
    assert (code, err) == (2, f"error: no file {missing}: the baseline should be a plan "
                              "folder with assignments.csv and staffing.csv, or a plan "
                              "file (plan.json)\n")


def test_a_plan_file_that_names_no_workbook_is_refused_in_the_language_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No workbook is read yet: ``--language``'s, else English."""
    plan = tmp_path / "plan"
    assert solved(capsys, chinese_tiny(tmp_path / "book"), "--out", plan)[0] == 0
    content = json.loads((plan / "plan.json").read_text(encoding="utf-8"))
    content["workbook"]["path"] = None
    alone = tmp_path / "alone.json"
    alone.write_text(json.dumps(content), encoding="utf-8")
    out = tmp_path / "plan.html"
    code, _, err = ran(capsys, "export", alone, "--to", "html", "--out", out,
                       "--language", "zh")
    assert (code, err) == (2, f"错误：{alone} 没有写明它是哪个工作簿的方案；请用 --workbook "
                              "指定工作簿\n")
    code, _, err = ran(capsys, "export", alone, "--to", "html", "--out", out)
    assert (code, err) == (2, f"error: {alone} does not say which workbook it is for; pass "
                              "--workbook\n")


def test_an_output_in_the_way_is_refused_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Calendars (a folder) where a file is, inside a file, in the current folder or in
    a folder of someone's files, and a workbook where a folder is: in Chinese for a
    Chinese workbook, the English as before with ``--language en``."""
    plan = tmp_path / "plan"
    assert solved(capsys, chinese_tiny(tmp_path / "book"), "--out", plan)[0] == 0
    a_file, folder = tmp_path / "notes.txt", tmp_path / "calendars"
    a_file.write_text("someone's notes", encoding="utf-8")
    folder.mkdir()
    (folder / "mine.txt").write_text("someone's file", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def refused(out: Path | str, *options: str, to: str = "ics") -> str:
        code, _, err = ran(capsys, "export", plan, "--to", to, "--out", out, *options)
        assert code == 2
        return err

    assert refused(a_file) == f"错误：{a_file} 是一个文件；这里需要一个输出文件夹的名称\n"
    assert refused(a_file / "ics") == (f"错误：{a_file} 是一个文件，{a_file / 'ics'} 不能是它"
                                       "里面的文件夹\n")
    assert refused(".") == ("错误：. 是当前文件夹或它的上级文件夹；输出文件夹会被整个替换，"
                            "请给它一个单独的文件夹\n")
    assert refused(folder) == (f"错误：{folder} 中有本工具没有写入（或写入后被改动过）的文件："
                               "mine.txt。请换一个空的或新的文件夹，或加 --force 替换本工具写入"
                               "的文件（其他名称的文件会保留）\n")
    assert refused(folder, to="xlsx") == f"错误：{folder} 是一个文件夹；这里需要一个文件名\n"
    assert refused(a_file, "--language", "en") == (
        f"error: {a_file} is a file; an output folder name is needed here\n")
    assert refused(folder, "--language", "en") == (
        f"error: {folder} holds files matching did not write, or edited since: mine.txt. "
        "Choose an empty or new folder, or pass --force to replace what matching wrote "
        "there (files of other names are kept)\n")
    assert refused(".", "--language", "en") == (
        "error: . is the current folder or one above it; an output folder is replaced "
        "whole, so give it a folder of its own\n")


def test_an_output_refusal_says_the_catalogue_s_one_wording_and_survives_a_copy(
        tmp_path: Path) -> None:
    """The error `export` refuses with is the catalogue's refusal, in English as its
    text (a sentence of its own, as a notebook shows it after the error's name, not an
    "error: " line) and in Chinese as the command line says it; each output refusal is
    rebuilt whole by a copy or a worker process (pickle), as the errors they replace
    were."""
    path = tmp_path / "plan.xlsx"
    error = OutputFileError(path)
    assert str(error) == (f"{path} exists and is not a file matching exported (or it was "
                          "edited since, as a filled template is); choose another name, or "
                          "pass --force to replace it")
    assert error.render("zh").startswith(f"{path} 已存在，且不是本工具导出的文件")
    denied = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".x.writing"))
    refusals = [error, OutputFolderError(tmp_path, ["a.csv", "b.csv"]),
                NotAFolderError(say("refusal.folder_is_file", path=str(path))),
                FolderInTheWayError(say("refusal.file_is_folder", path=str(tmp_path))),
                OutputWriteError(path, denied)]
    for refusal in refusals:
        for copied in (pickle.loads(pickle.dumps(refusal)), copy.copy(refusal)):
            assert type(copied) is type(refusal)
            assert [copied.render(lang) for lang in ("en", "zh")] == [
                refusal.render(lang) for lang in ("en", "zh")]


#: A place Linux refuses every write to, root's included (Errno 1 or, mounted read-only
#: in a container, 30); "/proc" refuses a new file as a missing one (Errno 2).
REFUSES_WRITES = Path("/sys")


@pytest.mark.skipif(not REFUSES_WRITES.is_dir(), reason="needs Linux's /sys")
def test_an_output_the_system_will_not_write_is_named_with_why_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not "[Errno 1] Operation not permitted: '/sys/.plan.writing-1234-x1y2'", a hidden
    file the coordinator never named, in English, after the whole solve: the output
    asked for, before the solve, why in words they can act on, and that nothing was
    lost."""
    book = chinese_tiny(tmp_path / "book")
    out = REFUSES_WRITES / "plan"
    code, printed, err = ran(capsys, "solve", book, "--out", out, *SOLVE)
    assert (code, printed) == (2, "")
    assert err.startswith(f"错误：无法写入 {out}：") and err.endswith("；原有的文件保持不变\n")
    assert "Errno" not in err and ".writing" not in err
    code, _, err = ran(capsys, "solve", book, "--out", Path("/proc/plan"), *SOLVE,
                       "--language", "en")
    assert (code, err) == (2, "error: cannot write /proc/plan: its folder is gone, or cannot "
                              "hold new files; what was there is unchanged\n")


def test_a_batch_of_a_folder_that_is_not_there_is_refused_in_the_language_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Said as a missing file, with what the folder should be, before any cluster
    starts; a file given for it, likewise."""
    missing, a_file = tmp_path / "district", tmp_path / "centers.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    code, _, err = ran(capsys, "batch", missing, "--out", tmp_path / "out", "--language", "zh")
    assert (code, err) == (2, f"错误：找不到 {missing}（folder：各中心工作簿所在的文件夹"
                              "（每个中心一个：含 CSV 文件的子文件夹，或 .xlsx 文件））\n")
    code, _, err = ran(capsys, "batch", missing, "--out", tmp_path / "out")
    assert (code, err) == (2, f"error: no file {missing}: the folder should be a folder of "
                              "center workbooks (subfolders of CSV files or .xlsx files, one "
                              "per center)\n")
    code, _, err = ran(capsys, "batch", a_file, "--out", tmp_path / "out", "--language", "zh")
    assert (code, err) == (2, f"错误：{a_file} 是一个文件（folder：各中心工作簿所在的文件夹"
                              "（每个中心一个：含 CSV 文件的子文件夹，或 .xlsx 文件））\n")
    code, _, err = ran(capsys, "batch", a_file, "--out", tmp_path / "out")
    assert err.startswith(f"error: {a_file} is a file: the folder should be a folder of ")


def test_a_zip_archive_passed_as_a_workbook_is_said_to_be_none_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A zip of CSV files renamed .xlsx: not openpyxl's English about its parts, but
    what the file is and what to do, as of the other files that are no workbook."""
    archive = tmp_path / "workbook.xlsx"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted((DATA / "tiny").glob("*.csv")):
            zipped.write(path, path.name)
    code, out, err = ran(capsys, "check", archive, "--language", "zh")
    assert (code, out) == (1, "")
    assert err == ("工作簿有 1 处错误：\n  错误：工作簿：填的是 “workbook.xlsx”，应为：一个 .xlsx "
                   "工作簿：这个文件是 zip 压缩包，但里面不是工作簿（也许是改了扩展名的压缩包"
                   "或其他文档）；如果里面是 CSV 文件，请解压到一个文件夹，再使用这个文件夹；"
                   "否则请用 WPS 等表格软件把工作簿另存为 .xlsx\n")
    code, _, err = ran(capsys, "check", archive)
    assert err.endswith("an .xlsx workbook: this file is a zip archive that holds no workbook "
                        "(an archive or another document renamed .xlsx?); if it holds CSV "
                        "files, unzip them into a folder and use the folder, else save the "
                        "workbook as .xlsx from Excel or WPS\n")
    assert "Content_Types" not in err


#: A baseline the workbook cannot have (a3 must take place, and no room holds 500), and
#: a scenario that starts from it.
NO_BASELINE = ("name: tiny\nsolver: {time_limit: 3}\nbaseline: true\nscenarios:\n"
               "  - {name: studio shut, changes: [{kind: close_room, room_id: studio, "
               "start: '2024-03-04', end: '2024-03-05'}]}\n")


@pytest.mark.usefixtures("dask_here")
def test_a_sweep_without_a_baseline_plan_says_why_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The baseline's conflicts and the run that could not start from it, in Chinese for
    a Chinese workbook, as the summary's labels are; the results keep the English."""
    book = chinese_tiny(tmp_path / "book", {"a3": "500"})
    sweep, out = tmp_path / "sweep.yaml", tmp_path / "out"
    sweep.write_text(NO_BASELINE, encoding="utf-8")
    code, printed, err = ran(capsys, "sweep", book, sweep, "--out", out)
    assert code == 1
    lines = printed.splitlines()
    assert lines[1].startswith("基准方案    无解：First aid workshop（a3） 必须举办，但没有合适的"
                               "场地")
    assert lines[2].startswith("失败        studio shut：出错：没有可作为起点的基准方案（无解："
                               "First aid workshop（a3） 必须举办")
    assert "must take place" not in printed
    assert "\r失败：baseline：First aid workshop（a3） 必须举办" in err
    results = (out / "results.csv").read_text(encoding="utf-8-sig")
    assert "no baseline plan to start from (INFEASIBLE: First aid workshop (a3) must take " \
           "place" in results
    code, printed, _ = ran(capsys, "sweep", book, sweep, "--out", out, "--force",
                           "--language", "en")
    assert printed.splitlines()[2].startswith(
        "failed      studio shut: ERROR: no baseline plan to start from (INFEASIBLE: First "
        "aid workshop (a3) must take place")


def test_an_output_name_the_format_cannot_take_is_refused_in_the_language_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Checked before the plan is read, so in ``--language``'s words, else English: a
    workbook written as plan.html opens nowhere."""
    plan, book = tmp_path / "plan.json", tmp_path / "book"
    cases = [(["export", plan, "--to", "ics", "--out", tmp_path / "c.ics"],
              "为每位志愿者、每个场地和整个中心各写一个 .ics 文件",
              "error: --to ics writes one .ics file per volunteer, per room and for the "
              "center: give --out a folder name, not a file name"),
             (["export", plan, "--to", "attendance-template", "--out", tmp_path / "t.csv"],
              "错误：--to attendance-template 写出的文件须以 .xlsx 结尾",
              "error: --to attendance-template writes a file ending in .xlsx: give --out "
              "such a file name"),
             (["export", plan, "--to", "xlsx", "--out", tmp_path / "plan.html"],
              "错误：--to xlsx 写出的文件须以 .xlsx 结尾",
              "error: --to xlsx writes a file ending in .xlsx: give --out such a file name"),
             (["export", plan, "--to", "html", "--out", tmp_path / "plan.xlsx.x"],
              "错误：--to html 写出的文件须以 .html 或 .htm 结尾",
              "error: --to html writes a file ending in .html or .htm: give --out such a "
              "file name"),
             (["report", book, plan, "--actuals", book, "--out", tmp_path / "r.pdf"],
              "错误：report 写出的文件须以 .html 或 .xlsx 结尾",
              "error: report writes a file ending in .html or .xlsx: give --out such a "
              "file name")]
    for command, chinese, english in cases:
        code, _, err = ran(capsys, *command, "--language", "zh")
        assert code == 2 and chinese in err and "error" not in err
        code, _, err = ran(capsys, *command)
        assert code == 2 and err.strip() == english


def test_missing_actuals_are_said_to_be_what_they_should_be_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, plan = chinese_tiny(tmp_path / "book"), tmp_path / "plan"
    assert solved(capsys, book, "--out", plan)[0] == 0
    missing = tmp_path / "filled.xlsx"
    for command in (["report", book, plan, "--actuals", missing, "--out", tmp_path / "r.html"],
                    ["ledger", book, plan, "--actuals", missing, "--out", tmp_path / "l"]):
        code, _, err = ran(capsys, *command)
        assert (code, err[:err.index("（")]) == (2, f"错误：找不到 {missing}"), err
        assert "actuals：填好的 `export --to attendance-template` 模板（.xlsx）" in err


@pytest.mark.usefixtures("dask_here")
def test_a_sweep_folder_that_gains_a_file_while_it_runs_is_refused_naming_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder is checked before the run and again as the results are written; the
    second refusal names the command line's ``--force`` too, not Python's
    ``force=True``."""
    import matching.distributed as distributed

    book = chinese_tiny(tmp_path / "book", {"a3": "500"})
    sweep, out = tmp_path / "sweep.yaml", tmp_path / "out"
    sweep.write_text(NO_BASELINE, encoding="utf-8")
    run_sweep = distributed.run_sweep

    def a_colleague_saves_into_out(*args: object, **kwargs: object) -> object:
        out.mkdir()
        (out / "notes.txt").write_text("mine", encoding="utf-8")
        return run_sweep(*args, **kwargs)

    monkeypatch.setattr(distributed, "run_sweep", a_colleague_saves_into_out)
    code, _, err = ran(capsys, "sweep", book, sweep, "--out", out, "--language", "en")
    assert code != 0 and "holds files matching did not write" in err, err
    assert "--force" in err and "force=True" not in err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_a_ledger_folder_of_other_files_is_refused_in_the_workbooks_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The folder was checked before the workbook was read, so in English."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("mine", encoding="utf-8")
    example = DATA / "qianjin-2023-actuals"
    code, _, err = ran(capsys, "ledger", DATA / "qianjin-2023", example / "plan.json",
                       "--actuals", example, "--out", out)
    assert code == 2
    assert err.startswith(f"错误：{out} 中有本工具没有写入（或写入后被改动过）的文件：mine.txt")
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
