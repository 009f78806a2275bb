"""Output folders that are whole or untouched.

A plan folder is read as one thing: ``assignments.csv``, ``staffing.csv`` and
``plan.json`` must come from the same run, and an ics folder must not mix last week's
calendars with this week's. Writing file by file cannot promise that when the process is
killed half way, so every output folder is written into a side folder next to it and
swapped in with one rename. Where the platform can exchange two folders atomically
(``renameat2`` on Linux) a reader sees the old folder or the new one, never neither;
elsewhere the old folder is renamed aside first, and an interrupted swap is undone the
next time the folder is written or read (:func:`settle`).

Each folder carries a manifest of the files the toolkit wrote, with their hashes. A
folder holding anything else, or a file edited since, is someone's work: it is replaced
only when the user says so (``force``), and even then files of other names are carried
over into the new folder, never deleted. A single file (an exported workbook or page)
says itself that the toolkit made it (:data:`GENERATOR`); any other file in its place,
the workbook being planned for instance, is replaced only with ``force`` too
(:func:`check_file`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ..i18n import Listing, Message, say

#: The manifest's file name; hidden, so that it does not clutter a coordinator's folder.
MANIFEST: Final = ".matching-manifest.json"
#: Files an operating system drops into any folder it shows; never anyone's work.
SYSTEM_FILES: Final = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
#: Test hooks: seconds to wait before each rename of a swap (widens the window a kill
#: test aims at), and any value to use the two-rename swap of platforms without exchange.
SLOW_RENAME_VARIABLE: Final = "MATCHING_TEST_SLOW_RENAME"
NO_EXCHANGE_VARIABLE: Final = "MATCHING_TEST_NO_EXCHANGE"
#: What an exported Excel workbook names as its creator, and an HTML page as its
#: generator: such a file may be written over by the next export.
GENERATOR: Final = "matching"
#: The HTML page's line that says so, in its ``<head>``.
HTML_GENERATOR: Final = f'<meta name="generator" content="{GENERATOR}">'


#: Characters that make spreadsheet programs read a cell as a formula.
FORMULA_START: Final = ("=", "+", "-", "@")
#: The option that replaces what is in the way of an output, as the command line names it,
#: and as a function of the Python API takes it: a refusal names the one its reader has.
FORCE_OPTION: Final = "--force"
FORCE_ARGUMENT: Final = "force=True"


class OutputRefusal(Exception):
    """An output that cannot be written where asked, said by ``wording`` in either
    language: the command line refuses it in the language it speaks (:meth:`render`),
    its text is English."""

    def __init__(self, wording: Message) -> None:
        self.wording = wording
        super().__init__(wording.render("en"))

    def render(self, language: str = "en") -> str:
        return self.wording.render(language)

    def __reduce__(self) -> tuple[type[OutputRefusal], tuple[object, ...]]:
        """Rebuilt from its wording, not its text (a copy, or a worker process's)."""
        return type(self), (self.wording,)


class OutputFolderError(OutputRefusal, ValueError):
    """An output folder holds files the toolkit did not write (or that were edited since):
    replacing it would lose someone's work."""

    def __init__(self, folder: Path, files: list[str], option: str = FORCE_OPTION) -> None:
        self.folder, self.files, self.option = folder, tuple(files), option
        super().__init__(say("refusal.not_written", folder=str(folder),
                             files=Listing(self.files, limit=5), option=option))

    def __reduce__(self) -> tuple[type[OutputFolderError], tuple[Path, list[str], str]]:
        return OutputFolderError, (self.folder, list(self.files), self.option)


class OtherOutputError(OutputRefusal, ValueError):
    """An output folder that holds another command's output (a plan folder given as the
    folder for calendars or a shared plan): replacing it would lose that output, though
    every file in it is the toolkit's."""

    def __init__(self, folder: Path, held: str, kind: str, option: str = FORCE_OPTION,
                 edited: tuple[str, ...] = ()) -> None:
        self.folder, self.held, self.kind, self.option = folder, held, kind, option
        self.edited = edited  # its files edited since, which the option would replace too
        super().__init__(say("refusal.other_output", folder=str(folder), held=held, kind=kind,
                             option=option) if not edited else
                         say("refusal.other_output_edited", folder=str(folder), held=held,
                             kind=kind, option=option, files=Listing(edited, limit=5)))

    def __reduce__(self) -> tuple[type[OtherOutputError],
                                  tuple[Path, str, str, str, tuple[str, ...]]]:
        return OtherOutputError, (self.folder, self.held, self.kind, self.option, self.edited)


class OutputFileError(OutputRefusal, ValueError):
    """A file is in the way of an export that the toolkit did not write: writing over it
    could lose someone's work (the workbook itself, a plan, notes)."""

    def __init__(self, path: Path, option: str = FORCE_OPTION) -> None:
        self.path, self.option = path, option
        super().__init__(say("refusal.not_exported", path=str(path), option=option))

    def __reduce__(self) -> tuple[type[OutputFileError], tuple[Path, str]]:
        return OutputFileError, (self.path, self.option)


class OverInputError(OutputRefusal, ValueError):
    """An output asked for where its own input is (a report over the record of what
    happened it reports): even with ``force``, writing would destroy what it is made
    from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(say("refusal.over_input", path=str(path)))

    def __reduce__(self) -> tuple[type[OverInputError], tuple[Path]]:
        return OverInputError, (self.path,)


def check_not_input(target: str | os.PathLike[str], *inputs: str | os.PathLike[str] | None
                    ) -> None:
    """Refuse an output at the path of one of its ``inputs`` (the same file or folder by
    any path), or an output folder holding one: replaced, it would take the input with
    it (a ledger written into the folder of the attendance it counts).

    Raises
    ------
    OverInputError
        Naming the output.
    """
    out = Path(target)
    if not out.exists():
        return
    for given in inputs:
        if given is None or not Path(given).exists():
            continue
        inside = Path(given).resolve()
        if os.path.samefile(out, given) or out.resolve() in inside.parents:
            raise OverInputError(out)


class NotAFolderError(OutputRefusal, NotADirectoryError):
    """A file where an output folder is to be, or where a folder above it is to be."""


class FolderInTheWayError(OutputRefusal, IsADirectoryError):
    """A folder in the way of an output: where an output file is to be, or the current
    folder (or one above it) given as an output folder, which is replaced whole."""


class OutputWriteError(OutputRefusal, OSError):
    """The operating system refused to write an output (no permission, a full or
    read-only disk, a file held open by another program), said with the output's own
    name rather than the hidden side file's, and why in words the coordinator can act on
    (:data:`_WRITE_FAULTS`). Nothing is left half-written: the old output stays."""

    def __init__(self, target: Path, fault: OSError) -> None:
        self.target, self.fault = target, fault
        key = _WRITE_FAULTS.get(fault.errno or 0)
        reason: object = say(key) if key else (fault.strerror or str(fault))
        super().__init__(say("refusal.not_writable", path=str(target), reason=reason))
        self.errno, self.filename = fault.errno, str(target)

    def __str__(self) -> str:
        return self.render("en")  # not OSError's "[Errno 13] ...": the sentence above

    def __reduce__(self) -> tuple[type[OutputWriteError], tuple[Path, OSError]]:
        return OutputWriteError, (self.target, self.fault)


#: The operating system's reasons for refusing a write that the coordinator can act on,
#: by ``errno``, as entries of the catalogue; any other is quoted as the system says it.
_WRITE_FAULTS: Final = {
    errno.EACCES: "write_fault.permission", errno.EPERM: "write_fault.permission",
    errno.ENOSPC: "write_fault.full", errno.EDQUOT: "write_fault.full",
    errno.EROFS: "write_fault.read_only", errno.ENOENT: "write_fault.no_folder",
    errno.ENAMETOOLONG: "write_fault.long_name",
}


@contextlib.contextmanager
def writing_to(target: Path) -> Iterator[None]:
    """Turn the operating system's refusal to write ``target`` (or the side file or
    folder next to it) into an :class:`OutputWriteError` naming ``target``. An error
    about a file elsewhere is not about this output and passes unchanged."""
    try:
        yield
    except OutputRefusal:
        raise
    except OSError as exc:
        if exc.filename and not _near(Path(os.fsdecode(exc.filename)), target):
            raise
        raise OutputWriteError(target, exc) from exc


def _near(path: Path, target: Path) -> bool:
    """Whether ``path`` is ``target``, a folder above it, or in the folder it is in:
    where writing ``target`` creates, writes and renames files."""
    here, there = path.resolve(), target.resolve()
    return here in (there, *there.parents) or there.parent in here.parents


def foreign_files(folder: str | os.PathLike[str]) -> list[str]:
    """The files of ``folder`` (relative paths, sorted) that its manifest does not list
    with their current content: hand-made or hand-edited files. A missing folder has
    none; a folder without a manifest owns nothing."""
    root = Path(folder)
    if not root.is_dir():
        return []
    owned = _manifest(root)
    return sorted(name for name, path in _files(root).items()
                  if owned.get(name) != _digest(path))


def check_folder(folder: str | os.PathLike[str], *, force: bool = False,
                 option: str = FORCE_OPTION, kind: str | None = None) -> None:
    """Refuse early, before any work, to write into a folder that is not ours, that
    holds the output of another ``kind`` (the command that writes it, as its manifest
    records), or where the system will not let us write; a refusal names ``option`` as
    the way to force it (the command line's, or :data:`FORCE_ARGUMENT` for the Python
    API).

    Raises
    ------
    NotAFolderError
        When ``folder`` is a file, or is to be in one (a ``NotADirectoryError``).
    FolderInTheWayError
        When ``folder`` is the current folder or one above it (an
        ``IsADirectoryError``).
    OutputFolderError
        When ``folder`` holds files the toolkit did not write and ``force`` is false.
    OtherOutputError
        When ``folder`` holds another kind's output and ``force`` is false.
    """
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise NotAFolderError(say("refusal.folder_is_file", path=str(root)))
    above = next((p for p in root.parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise NotAFolderError(say("refusal.in_a_file", above=str(above), path=str(root)))
    here = Path.cwd().resolve()
    if root.resolve() in (here, *here.parents):  # replaced whole, with everything in it
        raise FolderInTheWayError(say("refusal.current_folder", path=str(root)))
    settle(root)
    # another command's folder first: that says more than the files edited in it
    held = _manifest_content(root).get("kind") if kind and not force else None
    foreign = foreign_files(root)
    if isinstance(held, str) and held != kind:
        raise OtherOutputError(root, held, str(kind), option, tuple(foreign))
    if foreign and not force:
        raise OutputFolderError(root, foreign, option)
    _probe(root)


def check_file(path: str | os.PathLike[str], *, force: bool = False,
               ours: Callable[[Path], bool] | None = None,
               option: str = FORCE_OPTION) -> None:
    """Refuse early, before any work, to write over a file the toolkit did not export
    (see :data:`GENERATOR`), unless ``force``; the refusal names ``option`` as the way
    to force it. Files of a kind that cannot say who made them (a plan file, a scenario
    file) are the toolkit's when ``ours`` reads them as that kind: a plan saved again
    replaces the last one, never the notes in its place.

    Raises
    ------
    FolderInTheWayError
        When ``path`` is a folder (an ``IsADirectoryError``).
    OutputFileError
        When ``path`` is a file the toolkit did not export and ``force`` is false.
    OutputWriteError
        When the system refuses to write there (:func:`_probe`).
    """
    target = Path(path)
    if target.is_dir():
        raise FolderInTheWayError(say("refusal.file_is_folder", path=str(target)))
    if target.exists() and not force and not _exported(target) and not (
            ours is not None and target.is_file() and ours(target)):
        raise OutputFileError(target, option)
    _probe(target)


def _probe(target: Path) -> None:
    """Refuse, before any work, an output the system will not let us write (no
    permission, a read-only disk): make and remove a side folder where the output's
    would go, in the nearest folder above it that exists.

    Raises
    ------
    OutputWriteError
        When the system refuses.
    """
    above = next((p for p in target.parents if p.exists()), Path.cwd())
    with writing_to(target):
        os.rmdir(tempfile.mkdtemp(dir=above, prefix=_prefix(target, "writing")))


def replace_folder(folder: str | os.PathLike[str], write: Callable[[Path], object], *,
                   force: bool = False, keep: bool = False,
                   option: str = FORCE_OPTION, kind: str | None = None) -> Path:
    """Fill a new folder with ``write(side_folder)`` and put it in place of ``folder`` in
    one rename.

    Parameters
    ----------
    folder
        The output folder; created when missing, replaced whole when present.
    write
        Writes every output file into the empty folder it is given.
    force
        Replace a folder holding files the toolkit did not write. Those whose names the
        new folder does not use are carried over unchanged.
    keep
        Carry over every file of the current folder that ``write`` does not write: a run
        that found no plan adds its report and leaves the plan as it was.
    option
        How a refusal names ``force`` (:func:`check_folder`).
    kind
        What writes the folder (a command, ``solve``): recorded in its manifest; a folder
        holding another kind's output is refused (:func:`check_folder`).

    Raises
    ------
    OutputFolderError
        When the folder holds foreign files and ``force`` is false; nothing is written.
    OtherOutputError
        When the folder holds another ``kind``'s output and ``force`` is false.
    OutputWriteError
        When the system refuses a write (a full disk, no permission); the old folder
        stays as it was.
    """
    target = Path(folder)
    with writing_to(target):
        check_folder(target, force=force, option=option, kind=kind)
        _replace_folder(target, write, force=force, keep=keep, kind=kind)
    return target


def _replace_folder(target: Path, write: Callable[[Path], object], *, force: bool,
                    keep: bool, kind: str | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    side = Path(tempfile.mkdtemp(dir=target.parent, prefix=_prefix(target, "writing")))
    try:
        write(side)
        old = _files(target) if target.is_dir() else {}
        foreign = set(foreign_files(target))
        carried = {name for name in (set(old) if keep else foreign if force else ())
                   if not (side / name).exists()}
        for name in sorted(carried):
            (side / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(old[name], side / name)
        _write_manifest(side, carried & foreign, kind)  # someone's work stays theirs
        # mkdtemp makes the folder private; a shared plan keeps the usual permissions
        os.chmod(side, target.stat().st_mode & 0o7777 if target.is_dir()
                 else 0o777 & ~_umask())
        _swap(side, target)
    finally:
        shutil.rmtree(side, ignore_errors=True)  # after a swap: the old folder


def atomic_save(path: Path, save: Callable[[str], object]) -> None:
    """Call ``save(temporary_path)`` and move the result over ``path`` only on success.

    The temporary file sits next to ``path`` under a hidden name carrying this process's
    id; one left by a killed writer is removed the next time ``path`` is written.

    Raises
    ------
    OutputWriteError
        When the operating system refuses the write; ``path`` is as it was.
    """
    with writing_to(path):
        _atomic_save(path, save)


def _atomic_save(path: Path, save: Callable[[str], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    settle(path)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=_prefix(path, "writing"),
                                   suffix=path.suffix)
    os.close(handle)
    try:
        save(tmp)
        # mkstemp makes the file private; a shared plan keeps the usual permissions
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        _pause()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def keep_text(book: Any) -> None:
    """Every text cell of the openpyxl workbook ``book`` stays text: openpyxl stores a
    string starting with "=" as a formula (and "#N/A" as an error), so a name or title
    typed as ``=HYPERLINK(...)`` would become a live formula in someone else's Excel, or
    an invalid one that Excel offers to repair. Text starting as a formula would is
    also marked so that Excel keeps it text when the cell is edited."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                    if cell.value.startswith(FORMULA_START):
                        cell.quotePrefix = True


def save_exported(book: Any, path: Path) -> None:
    """Save an openpyxl workbook with :func:`atomic_save`, its text kept as text
    (:func:`keep_text`), naming the toolkit as its creator and dating its making now,
    as openpyxl dates the save: the next export may write over it (:func:`check_file`)
    until someone else saves it, which dates it later."""
    keep_text(book)
    book.properties.creator = GENERATOR
    book.properties.created = datetime.now(UTC).replace(tzinfo=None)
    atomic_save(path, book.save)


def settle(path: str | os.PathLike[str]) -> None:
    """Undo what a killed writer left next to ``path`` (a folder or a file): put back a
    folder renamed aside by an interrupted swap, and remove side folders and temporary
    files of writers that are gone."""
    target = Path(path)
    parent = target.parent
    if not parent.is_dir():
        return
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(writing|old)-(\d+)-")
    for entry in sorted(parent.iterdir()):
        found = pattern.match(entry.name)
        if found is None or _alive(int(found[2])):
            continue
        if found[1] == "old" and not target.exists():
            os.rename(entry, target)  # the swap stopped between its two renames
        elif entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _exported(path: Path) -> bool:
    """Whether ``path`` says that the toolkit made it and nobody saved it since: an Excel
    workbook's creator, and its last save no later than its making (Excel, WPS and
    openpyxl keep the creator when someone saves a file, but date the save: a filled
    attendance template is someone's work); an HTML page's generator line near its
    top."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            with zipfile.ZipFile(path) as book:
                core = book.read("docProps/core.xml").decode("utf-8", "replace")
            return f"<dc:creator>{GENERATOR}</dc:creator>" in core and _unsaved_since(core)
        if suffix in (".html", ".htm"):
            with open(path, encoding="utf-8", errors="replace") as page:
                return HTML_GENERATOR in page.read(4096)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return False


#: Seconds between a workbook's making and its last save when nobody saved it since
#: (:func:`save_exported` dates both within a second).
_SAVED_WITH_IT = 2


def _unsaved_since(core: str) -> bool:
    """Whether a workbook's properties (``docProps/core.xml``) date its last save within
    :data:`_SAVED_WITH_IT` seconds of its making; a file without both dates was not
    written by the toolkit."""
    dates = [re.search(rf"<dcterms:{name}[^>]*>([^<]+)</dcterms:{name}>", core)
             for name in ("created", "modified")]
    if not all(dates):
        return False
    try:
        created, modified = (datetime.fromisoformat(d[1].replace("Z", "+00:00"))
                             for d in dates if d)
    except ValueError:
        return False
    return abs((modified - created).total_seconds()) <= _SAVED_WITH_IT


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# -- helpers ---------------------------------------------------------------------------

def _prefix(target: Path, kind: str) -> str:
    """Side folders are named for their folder, purpose and writer's process id, so that
    :func:`settle` knows which are litter."""
    return f".{target.name}.{kind}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, another user's; or a platform without signal 0
        return True
    return True


def _files(root: Path) -> dict[str, Path]:
    """Every file under ``root`` by its relative POSIX path, the manifest excepted."""
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != MANIFEST and p.name not in SYSTEM_FILES}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest_content(root: Path) -> dict[str, Any]:
    """The manifest as written; an unreadable one is empty."""
    try:
        content = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return content if isinstance(content, dict) else {}


def _manifest(root: Path) -> dict[str, str]:
    """The manifest's file hashes; an unreadable manifest owns nothing."""
    files = _manifest_content(root).get("files")
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _write_manifest(root: Path, exclude: set[str], kind: str | None) -> None:
    from .. import __version__

    content = {"written_by": f"matching {__version__}",
               **({"kind": kind} if kind else {}),
               "files": {name: _digest(path) for name, path in _files(root).items()
                         if name not in exclude}}
    (root / MANIFEST).write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")


def _pause() -> None:
    with contextlib.suppress(ValueError):
        time.sleep(float(os.environ.get(SLOW_RENAME_VARIABLE, "0")))


def _swap(side: Path, target: Path) -> None:
    """Put ``side`` at ``target``; afterwards ``side`` holds the old folder, if any."""
    _pause()
    if not target.exists():
        os.rename(side, target)
        side.mkdir()  # an empty stand-in for the caller's clean-up
        return
    if _exchange(side, target):
        return
    aside = target.parent / f"{_prefix(target, 'old')}{uuid.uuid4().hex[:8]}"
    os.rename(target, aside)  # the old folder appears aside only by this rename
    _pause()
    os.rename(side, target)
    os.rename(aside, side)


_RENAME_EXCHANGE: Final = 2
_AT_FDCWD: Final = -100


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders atomically where the platform can (Linux 3.15+, glibc
    2.28+); False where it cannot, leaving both untouched."""
    function = _renameat2()
    if function is None:
        return False
    result = function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux") or os.environ.get(NO_EXCHANGE_VARIABLE):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
