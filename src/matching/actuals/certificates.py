"""Certificates of service hours: one printable page per volunteer.

Volunteers ask for proof of their hours (schools, employers and party branches count
them), and the center prints and stamps it. The page is self-contained HTML (styles
inline, no scripts, fonts, images or links), so it prints the same from any browser
with or without a network; each certificate starts a new printed page. It shows names
and hours only: never a phone number or a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ..i18n import html_lang
from ..problem.entities import Volunteer
from ..problem.model import Problem
from .labels import center, period, say
from .ledger import Total

_STYLE = """
@page { size: A4; margin: 18mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Serif CJK SC", "Songti SC", SimSun, Georgia, serif;
       color: #222; }
.certificate { break-after: page; page-break-after: always; min-height: 250mm;
               border: 6px double #9b1c1c; padding: 28mm 22mm; text-align: center; }
.certificate:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 30pt; letter-spacing: 0.2em; color: #9b1c1c; margin: 0 0 22mm; }
p { font-size: 15pt; line-height: 1.8; margin: 0 0 6mm; }
p.name { font-size: 24pt; font-weight: bold; margin: 4mm 0 10mm; }
p.issuer { margin-top: 30mm; text-align: right; }
p.signature { text-align: right; }
"""


def _hours(value: float) -> str:
    return f"{value:g}"


def certificates_html(problem: Problem, totals: Iterable[tuple[Volunteer, Total]]) -> str:
    """The certificates of every volunteer with hours among ``totals`` (the ledger's
    :attr:`~matching.actuals.Ledger.volunteers`), in their order; the center (the
    ``center`` setting, else the workbook's ``name``) and the period come from the
    workbook."""
    s = problem.settings
    language = s.language
    when = period(s.horizon_start, s.horizon_end, language)
    issuer = center(s)
    pages = []
    for volunteer, total in totals:
        if not total.hours > 0:
            continue
        title, lines = certificate_text(
            language, name=volunteer.name, hours=_hours(total.hours),
            activities=total.activities, center=issuer, period=when,
            planned=_hours(total.hours_planned) if total.hours_planned else "")
        body = "".join(f'<p class="name">{escape(line)}</p>' if i == 1
                       else f"<p>{escape(line)}</p>" for i, line in enumerate(lines))
        pages.append(f'<section class="certificate"><h1>{escape(title)}</h1>{body}'
                     f'<p class="issuer">{escape(issuer)}</p>'
                     f'<p class="signature">{escape(say("certificate.signature", language))}'
                     "</p></section>")
    if not pages:
        pages.append(f"<p>{escape(say('certificate.none', language))}</p>")
    return (f'<!DOCTYPE html>\n<html lang="{html_lang(language)}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{escape(issuer)}</title>\n'
            f"<style>{_STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(pages) + "\n</body>\n</html>\n")


def certificate_text(language: str, *, name: str, hours: str, activities: int,
                     center: str, period: str, planned: str) -> tuple[str, list[str]]:
    """Title and paragraphs of one volunteer's certificate of service hours; ``planned``
    is the part of the hours counted as planned ("" when none), said plainly so the
    certificate never claims more than was recorded."""
    unit = say("unit.service" if activities == 1 else "unit.services", language)
    lines = [say("certificate.certifies", language), name,
             say("certificate.served", language, period=period, center=center,
                 activities=activities, hours=hours, unit=unit)]
    if planned:
        lines.append(say("certificate.planned", language, planned=planned))
    return say("certificate.title", language), [*lines, say("certificate.closing", language)]
