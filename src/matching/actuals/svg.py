"""Bar charts as inline SVG: a report that opens offline and prints, without plotly,
kaleido or any script.

One function, :func:`bars`: horizontal bars, one group per label and one bar per
series, the value written at each bar's end (so the chart reads without axes), every
text escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Final

#: Colours of the series, in order: the plan in grey, what happened in blue, more.
COLOURS: Final = ("#b0b7c3", "#2f6fb3", "#e0a030", "#5a9e5a")
_WIDTH: Final = 640
_LABEL: Final = 190
_BAR: Final = 14
_GAP: Final = 10
_TOP: Final = 34


def bars(title: str, labels: Sequence[str],
         series: Sequence[tuple[str, Sequence[float]]]) -> str:
    """An ``<svg>`` element: ``title`` on top, a legend when there are several series,
    and for each of ``labels`` one bar per series (``(name, values)``, values in label
    order)."""
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} values for "
                             f"{len(labels)} labels")
    most = max((v for _, values in series for v in values), default=0) or 1
    room = _WIDTH - _LABEL - 60
    group = _BAR * len(series) + _GAP
    height = _TOP + group * len(labels) + (18 if len(series) > 1 else 0) + 8
    parts = [f'<svg role="img" width="{_WIDTH}" '
             f'height="{height}" viewBox="0 0 {_WIDTH} {height}" class="chart">',
             f"<title>{escape(title)}</title>",
             f'<text x="0" y="18" class="chart-title">{escape(title)}</text>']
    for row, label in enumerate(labels):
        y = _TOP + row * group
        parts.append(f'<text x="{_LABEL - 8}" y="{y + _BAR * len(series) / 2 + 4:.0f}" '
                     f'text-anchor="end">{escape(label)}</text>')
        for k, (_, values) in enumerate(series):
            value = values[row]
            width = room * value / most
            top = y + k * _BAR
            parts.append(f'<rect x="{_LABEL}" y="{top}" width="{width:.1f}" '
                         f'height="{_BAR - 2}" fill="{COLOURS[k % len(COLOURS)]}"/>')
            parts.append(f'<text x="{_LABEL + width + 4:.1f}" y="{top + _BAR - 4}" '
                         f'class="value">{value:g}</text>')
    if len(series) > 1:
        y = height - 10
        for k, (name, _) in enumerate(series):
            x = _LABEL + k * 130
            parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" '
                         f'fill="{COLOURS[k % len(COLOURS)]}"/>')
            parts.append(f'<text x="{x + 14}" y="{y}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
