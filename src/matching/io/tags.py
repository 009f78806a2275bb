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
