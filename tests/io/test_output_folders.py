"""Output folders are whole or untouched: side folder and one swap, a manifest of what
matching wrote, foreign files refused unless forced, no litter after a kill."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from matching.cli import main
from matching.export import save_calendars
from matching.io import load_plan, load_problem
from matching.io.outputs import (
    MANIFEST,
    NO_EXCHANGE_VARIABLE,
    SLOW_RENAME_VARIABLE,
    OtherOutputError,
    OutputFolderError,
    OutputWriteError,
    atomic_save,
    foreign_files,
    replace_folder,
    settle,
)

ROOT = Path(__file__).resolve().parents[2]


def files(folder: Path) -> dict[str, bytes]:
    """Every file of ``folder`` (manifest included) by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def writer(content: dict[str, str]) -> Callable[[Path], None]:
    def write(side: Path) -> None:
        for name, text in content.items():
            (side / name).parent.mkdir(parents=True, exist_ok=True)
            (side / name).write_text(text, encoding="utf-8")
    return write


def test_a_new_folder_replaces_the_old_one_whole(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    replace_folder(out, writer({"plan.xlsx": "old", "plan.json": "1"}))
    replace_folder(out, writer({"assignments.csv": "a", "plan.json": "2", "sub/x.csv": "x"}))
    assert set(files(out)) == {"assignments.csv", "plan.json", "sub/x.csv", MANIFEST}
    assert (out / "plan.json").read_text() == "2"  # the stale plan.xlsx is gone
    assert foreign_files(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]  # no side folders left


def test_foreign_and_edited_files_are_refused_and_nothing_changes(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=r"notes\.txt.*--force"):
        replace_folder(out, writer({"plan.json": "1"}))
    assert files(out) == {"notes.txt": b"mine"}

    ours = tmp_path / "ours"
    replace_folder(ours, writer({"assignments.csv": "planned"}))
    (ours / "assignments.csv").write_text("edited by hand", encoding="utf-8")
    before = files(ours)
    with pytest.raises(OutputFolderError, match=r"assignments\.csv"):
        replace_folder(ours, writer({"assignments.csv": "new"}))
    assert files(ours) == before


def test_force_replaces_but_keeps_files_of_other_names(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "plan.json").write_text("hand-made", encoding="utf-8")
    replace_folder(out, writer({"plan.json": "new"}), force=True)
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "plan.json").read_text() == "new"
    assert foreign_files(out) == ["notes.txt"]  # still not ours: refused next time too


def test_a_failed_write_leaves_the_folder_untouched_and_no_litter(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    replace_folder(out, writer({"plan.json": "good"}))
    before = files(out)

    def fail(side: Path) -> None:
        (side / "plan.json").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        replace_folder(out, fail)
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_a_write_the_system_refuses_names_the_output_and_keeps_the_old_one(
        tmp_path: Path) -> None:
    """A disk that fills up half way: the error names the output folder, not the side
    folder the system refused, says why, and the old folder stays as it was."""
    out = tmp_path / "plan"
    replace_folder(out, writer({"plan.json": "good"}))
    before = files(out)

    def fill_up(side: Path) -> None:
        (side / "plan.json").write_text("half", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device", str(side / "staffing.csv"))

    with pytest.raises(OutputWriteError) as refused:
        replace_folder(out, fill_up)
    assert str(refused.value) == (f"cannot write {out}: the disk is full; what was there "
                                  "is unchanged")
    assert refused.value.errno == errno.ENOSPC and isinstance(refused.value, OSError)
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_an_error_about_a_file_elsewhere_is_not_said_to_be_the_outputs(tmp_path: Path
                                                                       ) -> None:
    """A file the writer reads, outside the output's folder, that is missing: the
    error stays the reader's, naming that file."""
    elsewhere = tmp_path / "inputs" / "template.xlsx"

    def read_template(side: Path) -> None:
        elsewhere.read_bytes()

    with pytest.raises(FileNotFoundError) as missing:
        replace_folder(tmp_path / "out" / "plan", read_template)
    assert not isinstance(missing.value, OutputWriteError)
    assert missing.value.filename == str(elsewhere)


def test_a_file_the_system_refuses_to_replace_is_named_and_kept(tmp_path: Path) -> None:
    """An export whose replacement is refused (a workbook open in Excel on Windows):
    the export's own name, and the old file as it was."""
    path = tmp_path / "plan.xlsx"
    path.write_text("old", encoding="utf-8")

    def locked(tmp: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    with pytest.raises(OutputWriteError) as refused:
        atomic_save(path, locked)
    assert refused.value.render("zh") == (
        f"无法写入 {path}：没有写入权限，或文件正在 WPS 等表格软件中打开；请关闭它或换一个位置；"
        "原有的文件保持不变")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_keep_carries_the_old_files_over(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    replace_folder(out, writer({"plan.json": "good", "conflicts.txt": "old reasons"}))
    replace_folder(out, writer({"conflicts.txt": "new reasons"}), keep=True)
    assert (out / "plan.json").read_text() == "good"
    assert (out / "conflicts.txt").read_text() == "new reasons"
    assert foreign_files(out) == []


def test_system_files_are_nobodys_work(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    (out / ".DS_Store").write_bytes(b"\0")
    replace_folder(out, writer({"plan.json": "1"}))
    assert (out / "plan.json").exists()


def test_a_file_where_a_folder_is_needed_is_refused(tmp_path: Path) -> None:
    taken = tmp_path / "plan"
    taken.write_text("a file", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        replace_folder(taken, writer({"plan.json": "1"}))
    with pytest.raises(NotADirectoryError, match=r"plan is a file, so .* cannot be a folder"):
        replace_folder(taken / "2024" / "q1", writer({"plan.json": "1"}))
    assert taken.read_text() == "a file"


# -- kills: a subprocess paused just before its rename(s) -------------------------------

SWAP_SCRIPT = """
import sys
from pathlib import Path
from matching.io.outputs import replace_folder

def write(side):
    for name in ("assignments.csv", "staffing.csv", "plan.json"):
        (side / name).write_text("new " + name, encoding="utf-8")

replace_folder(Path(sys.argv[1]), write)
"""


def start_and_kill(command: list[str], env: dict[str, str], ready: Callable[[], bool],
                   how: signal.Signals = signal.SIGKILL) -> int:
    """Run ``command``, wait until ``ready()`` (the pause before a rename), send ``how``;
    the exit code."""
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while not ready():
            assert process.poll() is None, "finished before the kill"
            assert time.monotonic() < deadline, "never reached the rename"
            time.sleep(0.02)
        process.send_signal(how)
    finally:
        process.wait()
    return process.returncode


def old_plan(out: Path) -> None:
    replace_folder(out, writer({"assignments.csv": "old a", "staffing.csv": "old s",
                                "plan.json": "old p"}))


def side_ready(out: Path, kind: str) -> bool:
    return any(p.name.startswith(f".{out.name}.{kind}-") and
               (kind == "old" or (p / MANIFEST).exists()) for p in out.parent.iterdir())


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
@pytest.mark.slow
def test_a_kill_before_the_swap_leaves_the_old_folder_whole(tmp_path: Path,
                                                            exchange: bool) -> None:
    out = tmp_path / "plan"
    old_plan(out)
    before = files(out)
    env = {SLOW_RENAME_VARIABLE: "5", **({} if exchange else {NO_EXCHANGE_VARIABLE: "1"})}
    start_and_kill([sys.executable, "-c", SWAP_SCRIPT, str(out)], env,
                   lambda: side_ready(out, "writing"))
    assert files(out) == before
    settle(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]  # litter removed


@pytest.mark.slow
def test_a_kill_between_two_renames_is_undone(tmp_path: Path) -> None:
    """Without an atomic exchange the old folder is renamed aside first; killed there,
    the folder is missing until the next read or write puts the old one back."""
    out = tmp_path / "plan"
    old_plan(out)
    before = files(out)
    env = {SLOW_RENAME_VARIABLE: "2", NO_EXCHANGE_VARIABLE: "1"}
    start_and_kill([sys.executable, "-c", SWAP_SCRIPT, str(out)], env,
                   lambda: side_ready(out, "old") and not out.exists())
    assert not out.exists()
    settle(out)
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


@pytest.mark.slow
def test_a_killed_solve_keeps_the_old_plan_and_the_next_one_cleans_up(tmp_path: Path
                                                                       ) -> None:
    """``kill`` lets the command remove its side folder on the way out; ``kill -9`` leaves
    it for the next run to remove. The old plan stays whole either way."""
    out = tmp_path / "plan"
    solve = [sys.executable, "-m", "matching", "solve", str(ROOT / "data" / "tiny"), "--out",
             str(out), "--time-limit", "2", "--workers", "1", "--quiet"]
    assert subprocess.run(solve, cwd=ROOT, capture_output=True, check=False).returncode == 0
    before = files(out)
    code = start_and_kill(solve, {SLOW_RENAME_VARIABLE: "2"},
                          lambda: side_ready(out, "writing"), signal.SIGTERM)
    assert code == 128 + signal.SIGTERM
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]
    start_and_kill(solve, {SLOW_RENAME_VARIABLE: "2"}, lambda: side_ready(out, "writing"))
    assert files(out) == before
    assert subprocess.run(solve, cwd=ROOT, capture_output=True, check=False).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]
    assert foreign_files(out) == []


# -- the commands -------------------------------------------------------------------------

def test_solve_refuses_a_folder_of_foreign_files_before_solving(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    (out / "plan.xlsx").write_bytes(b"not a zip file")
    code = main(["solve", str(ROOT / "data" / "tiny"), "--out", str(out), "--time-limit",
                 "60", "--workers", "1", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "plan.xlsx" in err and "--force" in err
    assert files(out) == {"plan.xlsx": b"not a zip file"}


def test_solve_with_force_replaces_and_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    (out / "assignments.csv").write_text("hand-edited", encoding="utf-8")
    (out / "readme.txt").write_text("mine", encoding="utf-8")
    code = main(["solve", str(ROOT / "data" / "tiny"), "--out", str(out), "--time-limit",
                 "5", "--workers", "1", "--quiet", "--force"])
    assert code == 0
    assert (out / "readme.txt").read_text() == "mine"
    assert (out / "assignments.csv").read_text(encoding="utf-8-sig").startswith("activity_id")
    assert {"plan.json", "staffing.csv", "readme.txt", MANIFEST} <= set(files(out))
    assert foreign_files(out) == ["readme.txt"]


def test_an_ics_export_replaces_the_calendar_folder(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    assert main(["solve", str(ROOT / "data" / "tiny"), "--out", str(plan), "--time-limit",
                 "5", "--workers", "1", "--quiet"]) == 0
    ics = tmp_path / "ics"
    ics.mkdir()
    (ics / "old-volunteer.ics").write_text("BEGIN:VCALENDAR", encoding="utf-8")
    assert main(["export", str(plan), "--to", "ics", "--out", str(ics)]) == 2
    assert main(["export", str(plan), "--to", "ics", "--out", str(ics), "--force"]) == 0
    written = set(files(ics)) - {MANIFEST, "old-volunteer.ics"}
    assert written and all(name.endswith(".ics") and "/" not in name for name in written)
    (ics / "old-volunteer.ics").unlink()  # now only ours: no --force needed
    assert main(["export", str(plan), "--to", "ics", "--out", str(ics)]) == 0


def test_solve_refuses_a_model_beyond_the_machine_unless_allowed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On a machine of 256 KB even the tiny workbook is too large: refused before anything
    is written, solved with --allow-large."""
    import matching.problem.size

    monkeypatch.setattr(matching.problem.size, "machine_memory", lambda: 2**18)
    out = tmp_path / "plan"
    command = ["solve", str(ROOT / "data" / "tiny"), "--out", str(out), "--time-limit", "5",
               "--workers", "1", "--quiet"]
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "run out of memory" in err and "--allow-large" in err
    assert not out.exists()
    assert main([*command, "--allow-large"]) == 0


@pytest.mark.slow
def test_a_killed_export_keeps_the_old_file_and_leaves_no_litter_for_long(tmp_path: Path
                                                                          ) -> None:
    plan = tmp_path / "plan"
    assert main(["solve", str(ROOT / "data" / "tiny"), "--out", str(plan), "--time-limit",
                 "5", "--workers", "1", "--quiet"]) == 0
    report = tmp_path / "report.xlsx"
    export = [sys.executable, "-m", "matching", "export", str(plan), "--to", "xlsx", "--out",
              str(report)]
    assert subprocess.run(export, cwd=ROOT, capture_output=True, check=False).returncode == 0
    before = report.read_bytes()

    def temporary() -> bool:
        return any(p.name.startswith(".report.xlsx.writing-") for p in tmp_path.iterdir())

    slow = {SLOW_RENAME_VARIABLE: "10"}
    assert start_and_kill(export, slow, temporary, signal.SIGTERM) == 128 + signal.SIGTERM
    assert report.read_bytes() == before and not temporary()  # removed on the way out
    start_and_kill(export, slow, temporary)
    assert report.read_bytes() == before and temporary()  # kill -9: nothing runs
    assert subprocess.run(export, cwd=ROOT, capture_output=True, check=False).returncode == 0
    assert not temporary()  # the next export removes it


def test_a_new_folder_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(
        tmp_path: Path) -> None:
    current = os.umask(0o022)
    try:
        out = tmp_path / "plan"
        replace_folder(out, writer({"plan.json": "1"}))
        assert out.stat().st_mode & 0o777 == 0o755  # not mkdtemp's private 0o700
        out.chmod(0o750)
        replace_folder(out, writer({"plan.json": "2"}))
        assert out.stat().st_mode & 0o777 == 0o750
    finally:
        os.umask(current)


def test_the_current_folder_is_never_an_output_folder(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "mine.txt").write_text("keep", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    for folder in (".", "..", str(tmp_path / "work")):
        with pytest.raises(IsADirectoryError, match="folder of its own"):
            replace_folder(folder, writer({"plan.json": "1"}), force=True)
    assert (tmp_path / "work" / "mine.txt").read_text() == "keep"


def test_a_kill_that_a_library_turns_into_an_error_still_ends_as_killed(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """openpyxl's descriptors catch everything with a bare ``except`` and raise a
    ``TypeError`` of their own: a SIGTERM landing there (as one did while the killed
    export above was saving its workbook) must still end the command as killed (143),
    not as an internal error with a crash log."""
    import argparse

    import matching.cli

    def saving_through_a_bare_except(_: argparse.Namespace) -> int:
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler raises here
        except:  # noqa: E722 (the library's way, not ours)
            raise TypeError("expected <class 'openpyxl.styles.colors.RgbColor'>") from None
        return 0

    parser = argparse.ArgumentParser()
    parser.set_defaults(run=saving_through_a_bare_except)
    monkeypatch.setattr(matching.cli, "build_parser", lambda: parser)
    before = signal.getsignal(signal.SIGTERM)
    assert main([]) == 128 + signal.SIGTERM
    assert "internal error" not in capsys.readouterr().err
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is put back


def test_an_export_never_writes_over_a_file_it_did_not_export(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The workbook, a plan or anyone's notes in the way of ``--out`` is refused before
    any work (``--force`` replaces it); a page or workbook of an earlier export is
    replaced, as exporting again is the routine."""
    from matching.io import read_tables, save_workbook

    plan = tmp_path / "plan"
    assert main(["solve", str(ROOT / "data" / "tiny"), "--out", str(plan), "--time-limit",
                 "5", "--workers", "1", "--quiet"]) == 0
    workbook = tmp_path / "center.xlsx"
    save_workbook(read_tables(ROOT / "data" / "tiny")[0], workbook)
    notes = tmp_path / "notes.html"
    notes.write_text("<p>mine</p>", encoding="utf-8")
    kept = {path: path.read_bytes() for path in (workbook, notes, plan / "plan.json")}
    for kind, path in (("xlsx", workbook), ("html", notes),
                       ("attendance-template", workbook)):
        assert main(["export", str(plan), "--to", kind, "--out", str(path)]) == 2
        err = capsys.readouterr().err
        assert str(path) in err and "--force" in err
    # a plan, or any file whose name says it is no page: refused by its name already
    assert main(["export", str(plan), "--to", "html", "--out", str(plan / "plan.json"),
                 "--force"]) == 2
    assert "writes a file ending in .html or .htm" in capsys.readouterr().err
    assert all(path.read_bytes() == content for path, content in kept.items())
    for kind, path in (("xlsx", tmp_path / "plan.xlsx"), ("html", tmp_path / "plan.html"),
                       ("attendance-template", tmp_path / "attendance.xlsx")):
        assert main(["export", str(plan), "--to", kind, "--out", str(path)]) == 0
        assert main(["export", str(plan), "--to", kind, "--out", str(path)]) == 0  # again
    assert main(["export", str(plan), "--to", "html", "--out", str(notes), "--force"]) == 0
    assert notes.read_text(encoding="utf-8") != "<p>mine</p>"
    assert main(["export", str(plan), "--to", "html", "--out", str(tmp_path)]) == 2


def test_a_filled_attendance_template_is_not_written_over(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Excel, WPS and openpyxl keep the creator ``matching`` when someone saves a file,
    but date the save: the coordinator's filled template (or any exported workbook saved
    since) is theirs, refused to ``export`` and ``report`` alike unless ``--force``."""
    import datetime as dt

    import openpyxl

    plan = tmp_path / "plan"
    assert main(["solve", str(ROOT / "data" / "tiny"), "--out", str(plan), "--time-limit",
                 "5", "--workers", "1", "--quiet"]) == 0
    filled = tmp_path / "filled.xlsx"
    assert main(["export", str(plan), "--to", "attendance-template", "--out", str(filled)]) == 0
    book = openpyxl.load_workbook(filled)
    book["actuals"]["C2"] = "no"
    # made ten minutes before the coordinator saved it (openpyxl dates the save now)
    book.properties.created -= dt.timedelta(minutes=10)
    book.save(filled)
    kept = filled.read_bytes()
    assert main(["export", str(plan), "--to", "attendance-template",
                 "--out", str(filled)]) == 2
    assert main(["report", str(ROOT / "data" / "tiny"), str(plan), "--actuals", str(filled),
                 "--out", str(filled)]) == 2
    assert "--force" in capsys.readouterr().err
    assert filled.read_bytes() == kept
    assert main(["export", str(plan), "--to", "attendance-template", "--out", str(filled),
                 "--force"]) == 0


@pytest.mark.slow
def test_generate_never_writes_over_a_workbook_unless_forced(tmp_path: Path) -> None:
    """Not over an existing workbook file, nor into a folder that holds one (the
    template itself, given as ``--base`` and ``out``)."""
    folder, book = tmp_path / "center", tmp_path / "center.xlsx"
    assert main(["generate", str(folder), "--scale", "0.2"]) == 0
    assert main(["generate", str(book), "--scale", "0.2"]) == 0
    before = {folder: files(folder), book: book.read_bytes()}
    assert main(["generate", str(folder), "--base", str(folder), "--scale", "0.3"]) == 2
    assert main(["generate", str(book), "--scale", "0.3", "--seed", "1"]) == 2
    assert files(folder) == before[folder] and book.read_bytes() == before[book]
    assert main(["generate", str(book), "--scale", "0.3", "--seed", "1", "--force"]) == 0
    assert book.read_bytes() != before[book]


def test_a_folder_of_another_commands_output_is_refused_even_all_the_toolkits(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plan folder given as the folder of calendars was replaced by them (its files
    are all the toolkit's): the plan was lost, and the attendance template made from it
    no longer had its plan."""
    out = tmp_path / "plan"
    assert main(["solve", str(ROOT / "data" / "tiny"), "--out", str(out), "--time-limit",
                 "5", "--workers", "1", "--quiet"]) == 0
    before = files(out)
    code = main(["export", str(out / "plan.json"), "--to", "ics", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{out} holds what `solve` wrote, not output of `export --to ics`" in err
    assert "--force" in err and files(out) == before
    # a plan folder whose tables were edited by hand is still named as solve's first
    staffing = out / "staffing.csv"
    kept = staffing.read_bytes()
    staffing.write_bytes(kept + b"\n")
    assert main(["export", str(out / "plan.json"), "--to", "ics", "--out", str(out)]) == 2
    assert ("holds what `solve` wrote (and files it did not write, or edited since: "
            "staffing.csv), not output of `export --to ics`; choose another folder, or pass "
            "--force to replace it, edits and all") in capsys.readouterr().err
    staffing.write_bytes(kept)
    problem = load_problem(ROOT / "data" / "tiny")
    with pytest.raises(OtherOutputError, match="force=True"):
        save_calendars(problem, load_plan(out / "plan.json", problem), out)
    assert files(out) == before
    # the same command writes over its own output, and force writes over another's
    assert main(["solve", str(ROOT / "data" / "tiny"), "--out", str(out), "--time-limit",
                 "5", "--workers", "1", "--quiet"]) == 0
    save_calendars(problem, load_plan(out / "plan.json", problem), out, force=True)
    assert (out / "center.ics").exists() and not (out / "assignments.csv").exists()


def test_a_folder_written_before_kinds_were_recorded_is_ours_as_before(tmp_path: Path
                                                                       ) -> None:
    out = tmp_path / "out"
    replace_folder(out, writer({"a.txt": "1"}))
    assert "kind" not in (out / MANIFEST).read_text(encoding="utf-8")
    replace_folder(out, writer({"b.txt": "2"}), kind="ledger")
    assert sorted(files(out)) == [MANIFEST, "b.txt"]
    with pytest.raises(OtherOutputError):
        replace_folder(out, writer({"c.txt": "3"}), kind="sweep")
