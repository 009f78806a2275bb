"""Figures in the app: the widget glue around :mod:`matching.plot`.

The figures themselves are pure functions in :mod:`matching.plot` (the notebooks and
reports draw the same ones). :class:`FigureView` shows a figure inside the app by
setting an ``Output`` widget's ``outputs`` value (the plotly mime bundle), which is safe
from the solver's thread; ``FigureWidget`` would need ``anywidget``, which the notebook
extra does not install. The figures bound their own height (tall ones page their lanes),
so the view does not clip them or scroll them inside a box.
"""

from __future__ import annotations

import json

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio


class FigureView:
    """A figure in an ``Output`` widget, updated by setting its ``outputs`` value.

    ``figure`` keeps the last figure shown, for tests and exports.
    """

    def __init__(self) -> None:
        self.figure: go.Figure | None = None
        self.widget = widgets.Output(layout=widgets.Layout(width="100%"))

    def show(self, figure: go.Figure | None) -> None:
        self.figure = figure
        if figure is None:
            self.widget.outputs = ()
            return
        spec = json.loads(pio.to_json(figure, validate=False))
        spec["config"] = {"displaylogo": False, "responsive": True}
        self.widget.outputs = ({
            "output_type": "display_data",
            "data": {"application/vnd.plotly.v1+json": spec,
                     "text/plain": figure.layout.title.text or ""},
            "metadata": {},
        },)
