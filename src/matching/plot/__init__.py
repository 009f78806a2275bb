"""Figures of a plan as pure functions: a problem, a plan and a language in, a plotly
``Figure`` out.

The app (:mod:`matching.ui`), the notebooks and any report draw the same figures from
here; nothing in this package holds widgets or state, so tests inspect the returned
figures (bars, labels, legend, height) without a browser. ``language`` is ``"zh"`` or
``"en"`` (labels from :mod:`matching.i18n`) or a translate function.

- :func:`timeline` — Gantt chart by room, volunteer or theme, a page of lanes at a time;
- :func:`week_calendar` — one week, days across and hours down, titles in the bars;
- :func:`volunteer_load` — hours per volunteer, heaviest first;
- :func:`load_change` — hours before and after a re-plan;
- :mod:`.sweeps` — many runs: :func:`no_show_spread`, :func:`seats_short`,
  :func:`kpi_spread`, :func:`grid_points`, :func:`batch_seats`.

(The year-end report's charts, :mod:`matching.actuals.svg`, are static inline SVG with
no plotly, so that the report page stays one self-contained file; they stay there.)
"""

from .calendar import week_calendar
from .common import Translate, translator
from .load import load_change, volunteer_load
from .sweeps import batch_seats, grid_points, kpi_spread, no_show_spread, seats_short
from .timeline import LANES_PER_PAGE, Lane, busiest_week, timeline, weeks

__all__ = ["LANES_PER_PAGE", "Lane", "Translate", "batch_seats", "busiest_week", "grid_points",
           "kpi_spread", "load_change", "no_show_spread", "seats_short", "timeline",
           "translator", "volunteer_load", "week_calendar", "weeks"]
