"""Jinja templates of the HTML report, kept in code so the package needs no data files.

Every template is rendered with autoescaping on; none of them uses ``|safe`` on user
text. Styles are scoped under ``.matching-report`` so that a notebook showing the
fragments keeps its own look.
"""

from __future__ import annotations

from typing import Final

STYLE: Final = """<style>
.matching-report { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei",
  system-ui, sans-serif; color: #1d2733; line-height: 1.4; }
.matching-report h1 { font-size: 1.6em; margin: 0 0 .2em; }
.matching-report h2 { font-size: 1.25em; border-bottom: 2px solid #36679a;
  padding-bottom: .15em; margin: 1.2em 0 .5em; }
.matching-report h3 { font-size: 1em; margin: .9em 0 .3em; color: #36679a; }
.matching-report table { border-collapse: collapse; width: 100%; font-size: .9em;
  margin-bottom: .6em; }
.matching-report table th, .matching-report table td { border: 1px solid #c9d2dc;
  padding: .2em .45em; text-align: left; vertical-align: top; }
.matching-report table th { background: #dde4ee; }
.matching-report table.kpis { width: auto; min-width: 24em; }
.matching-report table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.matching-report .meta { color: #5a6776; }
.matching-report .axis, .matching-report .lane { position: relative; margin-left: 9em; }
.matching-report .axis { height: 1.2em; font-size: .75em; color: #5a6776; }
.matching-report .axis span { position: absolute; transform: translateX(-50%); }
.matching-report .lane { height: 1.6em; border-bottom: 1px dotted #c9d2dc; }
.matching-report .lane .room { position: absolute; right: 100%; width: 8.6em;
  padding-right: .4em; text-align: right; font-size: .8em; line-height: 2em;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.matching-report .bar { position: absolute; top: .15em; height: 1.3em; border-radius: 3px;
  font-size: .75em; line-height: 1.75em; padding: 0 .3em; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; box-sizing: border-box; color: #fff;
  background: #36679a; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.matching-report .bar.booking { background: #8a6d3b; }
.matching-report .bar.meeting { background: #3b8a5a; }
.matching-report .day { break-inside: avoid; page-break-inside: avoid; }
.matching-report ul.schedule { margin: 0; padding-left: 1.1em; }
.matching-report .empty { color: #5a6776; font-style: italic; }
.matching-report ul.broken { color: #a4262c; }
.matching-report p.warning { color: #a4262c; font-weight: bold; border: 2px solid #a4262c;
  padding: 0.4em 0.6em; }
@media print {
  @page { size: A4; margin: 12mm; }
  .matching-report { font-size: 10pt; }
  section.matching-report + section.matching-report { break-before: page;
    page-break-before: always; }
  .matching-report thead { display: table-header-group; }
  .matching-report tr { break-inside: avoid; page-break-inside: avoid; }
  .matching-report h2, .matching-report h3 { break-after: avoid; page-break-after: avoid; }
}
</style>"""

_TABLE: Final = """{% macro table(heads, rows, css="") -%}
<table class="{{ css }}">
<thead><tr>{% for h in heads %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in rows %}
<tr>{% for v in row %}<td{% if v is number %} class="num"{% endif %}>{{ v }}</td>\
{% endfor %}</tr>
{% endfor %}
</tbody>
</table>
{%- endmacro %}"""

TEMPLATES: Final[dict[str, str]] = {
    "style.css": STYLE,
    "macros.html": _TABLE,
    "header.html": """<header class="matching-report">
<h1>{{ title }}</h1>
{% if warning %}<p class="warning">{{ warning }}</p>{% endif %}
<p class="meta">{% for key, value in overview %}{{ key }}: {{ value }}{% if not loop.last %}
 · {% endif %}{% endfor %}</p>
</header>""",
    "kpis.html": """{% from "macros.html" import table %}
<section class="matching-report" id="kpis">
<h2>{{ label.kpis }}</h2>
{{ table(kv_heads, overview + figures, "kpis") }}
</section>""",
    "timeline.html": """<section class="matching-report" id="timeline">
<h2>{{ label.timeline }}</h2>
{% for day in timeline.days %}
<div class="day">
<h3>{{ day.title }}</h3>
<div class="axis">{% for h in timeline.hours %}<span style="left: {{ h.left }}%">\
{{ h.text }}</span>{% endfor %}</div>
{% for room, bars in day.rows %}
<div class="lane"><span class="room">{{ room }}</span>
{% for bar in bars %}<div class="bar {{ bar.kind }}" style="left: {{ bar.left }}%; \
width: {{ bar.width }}%" title="{{ bar.tip }}">{{ bar.title }}</div>
{% endfor %}</div>
{% endfor %}
</div>
{% else %}
<p class="empty">{{ label.none }}</p>
{% endfor %}
</section>""",
    "agenda.html": """{% from "macros.html" import table %}
<section class="matching-report" id="agenda">
<h2>{{ label.agenda }}</h2>
{% for title, rows in days %}
<div class="day"><h3>{{ title }}</h3>
{{ table(agenda_heads, rows, "agenda") }}
</div>
{% else %}
<p class="empty">{{ label.none }}</p>
{% endfor %}
</section>""",
    "roster.html": """<section class="matching-report" id="roster">
<h2>{{ label.roster }}</h2>
<table class="roster">
<thead><tr>{% for h in roster_heads %}<th>{{ h }}</th>{% endfor %}\
<th>{{ label.schedule }}</th></tr></thead>
<tbody>
{% for row, schedule in roster %}
<tr>{% for v in row %}<td{% if v is number %} class="num"{% endif %}>{{ v }}</td>\
{% endfor %}<td><ul class="schedule">\
{% for item in schedule %}<li>{{ item }}</li>{% endfor %}</ul></td></tr>
{% endfor %}
</tbody>
</table>
</section>""",
    "unscheduled.html": """{% from "macros.html" import table %}
<section class="matching-report" id="unscheduled">
<h2>{{ label.unscheduled }}</h2>
{% if gaps %}{{ table(gap_heads, gaps, "unscheduled") }}\
{% else %}<p class="empty">{{ label.none }}</p>{% endif %}
</section>""",
    "score.html": """{% from "macros.html" import table %}
<section class="matching-report" id="score">
<h2>{{ label.score }}</h2>
{% if broken %}
<ul class="broken">{% for message in broken %}<li>{{ message }}</li>{% endfor %}</ul>
{% endif %}
{{ table(score_heads, score, "score") }}
</section>""",
    "page.html": """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
{{ parts.style | safe }}
</head>
<body class="matching-page">
{{ parts.header | safe }}
{% for name in sections %}
{{ parts[name] | safe }}
{% endfor %}
</body>
</html>
""",
}
