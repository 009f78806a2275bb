"""Shared outputs read back field by field, independently of matching.export.privacy.

A field is what a reader sees as one value: an HTML text or attribute, an Excel cell, a
calendar property (a description line by line), a JSON value, a line of a notebook's
plain-text output. Tests assert that personal data is never a field and that titles are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import openpyxl
from icalendar import Calendar

#: Attribute values a browser would fetch: an absolute or protocol-relative URL.
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
#: CSS ``url(...)`` and ``@import`` targets that are not data: URIs or fragments.
_CSS_REMOTE = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])\s*(?!data:|#)([^'\")\s]+)",
                         re.IGNORECASE)


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []
        self.requests: list[str] = []
        self.tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        for name, value in attrs:
            if not value:
                continue
            self.values.append(value)
            if name in ("src", "href", "srcset", "action", "data", "poster", "background") \
                    and _REMOTE.match(value):
                self.requests.append(f"<{tag} {name}={value}>")
            if name == "style":
                self.requests += _CSS_REMOTE.findall(value)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.values.append(data.strip())
        if self.tag == "style":
            self.requests += _CSS_REMOTE.findall(data)


def _html(text: str) -> _Html:
    parser = _Html()
    parser.feed(text)
    parser.close()
    return parser


def html_values(text: str) -> list[str]:
    """Every text and attribute value of an HTML page."""
    return _html(text).values


def network_requests(text: str) -> list[str]:
    """What opening the page would fetch from a network host: src/href-like attributes
    with a URL, and CSS urls and imports that are not inline data."""
    return _html(text).requests


def xlsx_values(path: Path) -> list[str]:
    return [str(cell.value) for sheet in openpyxl.load_workbook(path).worksheets
            for row in sheet.iter_rows() for cell in row if cell.value is not None]


def ics_values(path: Path) -> list[str]:
    """Each text property; a description also line by line and each line's value after
    its ``label: ``."""
    out = []
    for component in Calendar.from_ical(path.read_bytes()).walk():
        for name, value in component.items():
            if not isinstance(value, str):
                continue
            out.append(str(value))
            if name == "DESCRIPTION":
                for line in str(value).splitlines():
                    out += [line, line.partition(": ")[2]]
    return out


def json_values(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from json_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_values(item)
    elif value is not None:
        yield str(value)


def notebook_values(path: Path) -> list[str]:
    """Every output of an executed notebook: HTML field by field, plain text by line."""
    out: list[str] = []
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                out += html_values(data["text/html"])
            text = data.get("text/plain", "") + output.get("text", "")
            out += [line.strip() for line in text.splitlines() if line.strip()]
    return out


def folder_values(folder: Path) -> dict[str, list[str]]:
    """The fields of every file a share writes (report, workbook, plan file, calendars),
    by path relative to ``folder``."""
    readers = {".html": lambda p: html_values(p.read_text(encoding="utf-8")),
               ".xlsx": xlsx_values, ".ics": ics_values,
               ".json": lambda p: list(json_values(json.loads(p.read_text(encoding="utf-8"))))}
    found = {p.relative_to(folder).as_posix(): readers[p.suffix](p)
             for p in sorted(folder.rglob("*")) if p.suffix in readers
             and not p.name.startswith(".")}
    assert found, f"nothing shared in {folder}"
    return found


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)
