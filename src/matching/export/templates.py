"""Jinja templates of the HTML report, kept in code so the package needs no data files.

Every template is rendered with autoescaping on; none of them uses ``|safe`` on user
text. Styles are scoped under ``.matching-report`` so that a notebook showing the
fragments keeps its own look.
"""

from __future__ import annotations

from typing import Final

from ..io.outputs import HTML_GENERATOR

STYLE: Final = """<style>
.matching-report { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", system-ui, sans-serif; color: #1d2733; line-height: 1.4; }
.matching-report h1 { font-size: 1.8em; margin: 0 0 .2em; }
.matching-report h2 { font-size: 1.25em; border-bottom: 2px solid #36679a;
  padding-bottom: .15em; margin: 1.2em 0 .5em; }
.matching-report h3 { font-size: 1em; margin: .9em 0 .3em; color: #36679a; }
.matching-report table { border-collapse: collapse; width: 100%; font-size: .9em;
  margin-bottom: .6em; }
.matching-report table th, .matching-report table td { border: 1px solid #c9d2dc;
  padding: .2em .45em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
.matching-report table th { background: #dde4ee; -webkit-print-color-adjust: exact;
  print-color-adjust: exact; }
.matching-report table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.matching-report .empty { color: #5a6776; font-style: italic; }
.matching-report ul.broken { color: #a4262c; }
.matching-report p.warning { color: #a4262c; font-weight: bold; border: 2px solid #a4262c;
  padding: 0.4em 0.6em; }
.matching-report.cover .subtitle { color: #36679a; font-size: 1.1em; margin: 0; }
.matching-report.cover .scope { font-size: 1.2em; margin: 0 0 1em; }
.matching-report table.figures { width: auto; min-width: 60%; font-size: 1.05em; }
.matching-report table.figures th { white-space: nowrap; }
.matching-report table.figures td { font-size: 1.2em; font-weight: bold; }
.matching-report table.meta { width: auto; font-size: .8em; color: #5a6776; }
.matching-report table.meta th, .matching-report table.meta td { border: none;
  background: none; padding: .05em .6em .05em 0; }
.matching-report ol.contents a { color: inherit; text-decoration: none; }
.matching-report .week { margin-bottom: 1em; }
.matching-report .week h3 { font-size: 1.05em; border-bottom: 1px solid #36679a; }
.matching-report table.grid { table-layout: fixed; font-size: .78em; margin-bottom: .5em; }
.matching-report table.grid caption { caption-side: top; text-align: left;
  font-weight: bold; font-size: 1.1em; padding: .15em 0; color: #1d2733; }
.matching-report table.grid col.hour { width: 3.4em; }
.matching-report table.grid th, .matching-report table.grid td { padding: .15em .25em; }
.matching-report table.grid th .date { color: #5a6776; font-weight: normal; }
.matching-report table.grid .outside { background: repeating-linear-gradient(135deg,
  #f3f5f8 0 4px, #e4e9ef 4px 6px); color: #8995a3; -webkit-print-color-adjust: exact;
  print-color-adjust: exact; }
.matching-report table.grid .entry + .entry { border-top: 1px dotted #9aa7b5;
  margin-top: .15em; padding-top: .15em; }
.matching-report table.grid .time { display: block; color: #5a6776;
  font-variant-numeric: tabular-nums; }
.matching-report .duty-lists { columns: 2 22em; column-gap: 1.5em; }
.matching-report .duty { break-inside: avoid; page-break-inside: avoid; margin-bottom: .6em; }
.matching-report .duty h3 { margin: 0 0 .2em; color: #1d2733; }
.matching-report .duty h3 .team { color: #36679a; font-weight: normal; margin-left: .4em; }
.matching-report .duty h3 .summary { color: #5a6776; font-weight: normal; font-size: .85em;
  margin-left: .4em; }
.matching-report .duty .contacts { margin: 0 0 .2em; font-size: .85em; }
.matching-report .duty .contacts span + span::before { content: " · "; }
.matching-report table.duties { font-size: .8em; margin-bottom: 0; table-layout: fixed; }
.matching-report table.duties th, .matching-report table.duties td { padding: .15em .3em; }
.matching-report table.duties col.date { width: 16%; }
.matching-report table.duties col.time { width: 19%; }
.matching-report table.duties col.room { width: 19%; }
.matching-report table.duties col.role { width: 15%; }
.matching-report table.duties td:nth-child(-n+2) { white-space: nowrap;
  font-variant-numeric: tabular-nums; }
body.matching-page { max-width: 62em; margin: 1em auto; padding: 0 1em; }
@page { size: A4; margin: 12mm 11mm 14mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt;
    color: #5a6776; } }
@media print {
  body.matching-page { max-width: none; margin: 0; padding: 0; }
  .matching-report { font-size: 9.5pt; }
  section.matching-report + section.matching-report { break-before: page;
    page-break-before: always; }
  section.matching-report + section.matching-report#score { break-before: auto;
    page-break-before: auto; }
  .matching-report thead { display: table-header-group; }
  .matching-report tr, .matching-report .entry { break-inside: avoid;
    page-break-inside: avoid; }
  .matching-report h2, .matching-report h3, .matching-report caption { break-after: avoid;
    page-break-after: avoid; }
  .matching-report .week, .matching-report table.grid { break-inside: avoid;
    page-break-inside: avoid; }
  .matching-report .duty-lists { columns: 2; }
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
    "cover.html": """{% from "macros.html" import table %}
<section class="matching-report cover" id="cover">
<p class="subtitle">{{ subtitle }}</p>
<h1>{{ title }}</h1>
<p class="scope">{{ scope }}</p>
{% if warning %}<p class="warning">{{ warning }}</p>{% endif %}
<h2>{{ section_names.cover }}</h2>
<table class="figures"><tbody>
{% for key, value in figures %}<tr><th>{{ key }}</th><td class="num">{{ value }}</td></tr>
{% endfor %}
</tbody></table>
{% if shorts %}<h3>{{ label.roles_short }}</h3>
{{ table(short_heads, shorts, "shorts") }}{% endif %}
<h3>{{ label.contents }}</h3>
<ol class="contents">{% for id, name in sections %}<li><a href="#{{ id }}">{{ name }}</a>\
</li>{% endfor %}</ol>
<table class="meta"><tbody>
{% for key, value in overview %}<tr><th>{{ key }}</th><td>{{ value }}</td></tr>
{% endfor %}
</tbody></table>
</section>""",
    "weeks.html": """<section class="matching-report" id="weeks">
<h2>{{ section_names.weeks }}</h2>
{% for week in weeks %}
<div class="week">
<h3>{{ week.title }}</h3>
{% for room, rows in week.rooms %}
<table class="grid">
<caption>{{ room }}</caption>
<colgroup><col class="hour">{% for _ in week.days %}<col>{% endfor %}</colgroup>
<thead><tr><th>{{ time_head }}</th>{% for name, day in week.days %}<th\
{% if week.outside[loop.index0] %} class="outside"{% endif %}>{{ name }} \
<span class="date">{{ day }}</span></th>{% endfor %}</tr></thead>
<tbody>
{% for row in rows %}
<tr><th>{{ row.label }}</th>{% for cell in row.cells %}<td\
{% if week.outside[loop.index0] %} class="outside"{% endif %}>{% for e in cell %}\
<div class="entry"><span class="time">{{ e.time }}</span> {{ e.title }}</div>\
{% endfor %}</td>{% endfor %}</tr>
{% endfor %}
</tbody>
</table>
{% endfor %}
</div>
{% else %}
<p class="empty">{{ label.none }}</p>
{% endfor %}
</section>""",
    "duties.html": """<section class="matching-report" id="duties">
<h2>{{ section_names.duties }}</h2>
<div class="duty-lists">
{% for list, summary in duties %}
<div class="duty">
<h3>{{ list.name }}<span class="team">{{ list.team }}</span>\
<span class="summary">{{ summary }}</span></h3>
{% if list.contacts %}<p class="contacts">{% for c in list.contacts %}<span>{{ c }}</span>\
{% endfor %}</p>{% endif %}
<table class="duties">
<colgroup><col class="date"><col class="time"><col><col class="room"><col class="role">\
</colgroup>
<thead><tr>{% for h in duty_heads %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for d in list.duties %}
<tr><td>{{ d.date_text }}</td><td>{{ d.time_text }}</td><td>{{ d.title }}</td>\
<td>{{ d.room }}</td><td>{{ d.role }}</td></tr>
{% endfor %}
</tbody>
</table>
</div>
{% else %}
<p class="empty">{{ label.none }}</p>
{% endfor %}
</div>
{% if idle %}
<h3>{{ label.idle }}</h3>
<table class="idle">
<thead><tr><th>{{ label.name }}</th><th>{{ label.team }}</th>\
{% if include_contacts %}<th>{{ label.contacts }}</th>{% endif %}</tr></thead>
<tbody>
{% for list in idle %}
<tr><td>{{ list.name }}</td><td>{{ list.team }}</td>{% if include_contacts %}<td>\
{% for c in list.contacts %}<span>{{ c }}</span>{% if not loop.last %} · {% endif %}\
{% endfor %}</td>{% endif %}</tr>
{% endfor %}
</tbody>
</table>
{% endif %}
</section>""",
    "unscheduled.html": """{% from "macros.html" import table %}
<section class="matching-report" id="unscheduled">
<h2>{{ section_names.unscheduled }}</h2>
{% if gaps %}{{ table(gap_heads, gaps, "unscheduled") }}\
{% else %}<p class="empty">{{ label.none }}</p>{% endif %}
</section>""",
    "score.html": """{% from "macros.html" import table %}
<section class="matching-report" id="score">
<h2>{{ section_names.score }}</h2>
{% if broken %}
<ul class="broken">{% for message in broken %}<li>{{ message }}</li>{% endfor %}</ul>
{% endif %}
{{ table(score_heads, score, "score") }}
</section>""",
    "page.html": """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
""" + HTML_GENERATOR + """
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
{{ parts.style | safe }}
</head>
<body class="matching-page">
{% for name in sections %}
{{ parts[name] | safe }}
{% endfor %}
</body>
</html>
""",
}
