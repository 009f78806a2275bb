"""Tags (skills, equipment, cohorts, roles): one spelling for each, whatever its case.

A role asks for ``teach`` and a volunteer has ``Teach``: to a coordinator that is one
skill, and a planner that kept them apart would leave the role unfilled without saying
why. Tags are compared by :func:`~matching.io.cells.tag_key` (case, full-width letters,
spaces and invisible characters do not matter) and every record of the workbook carries
the spelling its rows use most, so that the planner, the evaluator and the reports,
which compare tags as they are, see one tag.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Collection, Iterable

from .cells import parse_tags, tag_key

#: What people type between tags that are no separators of the contract: spaces, slashes,
#: bars and full stops (``摄影 签到接待``, ``摄影/签到接待``). A tag may hold a space
#: (``first aid``), so they keep a tag whole; they only make one worth a warning.
_RUN_TOGETHER = re.compile(r"[\s/／|｜。.]+")


class TagSpellings:
    """The spelling shown for each tag: the one the workbook uses most, the first met
    on a tie (so it is the same on every reading)."""

    def __init__(self, tags: Iterable[str]) -> None:
        counted = Counter(tags)  # in the order met: the sort below keeps it on ties
        self._shown: dict[str, str] = {}
        for tag, _ in sorted(counted.items(), key=lambda item: -item[1]):
            self._shown.setdefault(tag_key(tag), tag)

    def of(self, tag: str) -> str:
        """The workbook's spelling of ``tag`` (``tag`` itself when it is not a tag of
        the workbook's)."""
        return self._shown.get(tag_key(tag), tag)

    def parse(self, text: str) -> frozenset[str]:
        """The tags of a cell (:func:`~matching.io.cells.parse_tags`), each spelled as
        the workbook spells it."""
        return frozenset(self.of(tag) for tag in parse_tags(text))

    def run_together(self, tag: str, wanted: Collection[str]) -> tuple[str, ...]:
        """The tags of ``wanted`` that ``tag``, itself not wanted, is made of once split at
        spaces, slashes, bars and full stops (``摄影 签到接待`` holds ``摄影`` and
        ``签到接待``): most likely several tags typed as one, which matches nothing.
        None when ``tag`` is wanted or holds no wanted tag."""
        if tag in wanted:
            return ()
        parts = [self.of(part) for part in _RUN_TOGETHER.split(tag) if part]
        if len(parts) < 2:
            return ()
        return tuple(part for part in dict.fromkeys(parts) if part in wanted)


def close_match(tag: str, among: Iterable[str]) -> str | None:
    """The tag of ``among`` that ``tag`` is most likely a typo of, or None when none is
    close: a skill nobody has is most often a misspelt one."""
    keys = {tag_key(other): other for other in among}
    found = difflib.get_close_matches(tag_key(tag), list(keys), n=1)
    return keys[found[0]] if found else None


#: Letters typed for the digits they look like (after case folding): ``V0O2`` is V002.
_LOOK_ALIKE = str.maketrans({"o": "0", "l": "1", "i": "1"})


def close_id(value: str, among: Iterable[str]) -> str | None:
    """The id of ``among`` that ``value`` is most likely a typo of: the same but for case,
    width and spaces; else the one that differs only by letters typed for the digits they
    look like (``V0O2`` for ``V002``) or by the leading zeros Excel drops from a number
    (``1`` for ``001``); else the one with one character typed wrong (not a
    digit for a digit), missing or extra (not a digit), or two side by side swapped (not
    two digits). Ids that differ in a number are other people, rooms or activities: a row
    naming a volunteer taken out of the workbook is not pointed at someone else (``V070``
    for ``V002``). None when no one id is that close."""
    key = tag_key(value)
    ids = list(among)
    same = [other for other in ids if tag_key(other) == key]
    if same:
        return same[0]
    alike = key.translate(_LOOK_ALIKE)
    zeros = [o for o in ids if key.isdigit() and tag_key(o).isdigit()
             and tag_key(o).lstrip("0") == key.lstrip("0")]  # 1 for 001: Excel's doing
    for close in (zeros, [o for o in ids if tag_key(o).translate(_LOOK_ALIKE) == alike],
                  [o for o in ids if _one_slip(key, tag_key(o))]):
        if close:
            return close[0] if len(close) == 1 else None
    return None


def _one_slip(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with one character wrong (not a digit for a digit),
    missing or extra (not a digit), or two neighbours swapped (not two digits)."""
    if abs(len(typed) - len(meant)) > 1 or typed == meant:
        return False
    differ = [i for i, (a, b) in enumerate(zip(typed, meant, strict=False)) if a != b]
    if len(typed) == len(meant) and len(differ) == 2 and differ[1] == differ[0] + 1:
        i = differ[0]
        swapped = typed[i] == meant[i + 1] and typed[i + 1] == meant[i]
        return swapped and not (typed[i].isdigit() and typed[i + 1].isdigit())
    ops = [op for op in difflib.SequenceMatcher(None, typed, meant,
                                                autojunk=False).get_opcodes()
           if op[0] != "equal"]
    if len(ops) != 1:
        return False
    tag, i1, i2, j1, j2 = ops[0]
    if tag == "replace":
        return i2 - i1 == j2 - j1 == 1 and not (typed[i1].isdigit() and meant[j1].isdigit())
    slip = typed[i1:i2] or meant[j1:j2]  # the one character missing or extra
    return len(slip) == 1 and not slip.isdigit()
