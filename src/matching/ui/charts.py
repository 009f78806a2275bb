"""Figures in the app: the widget glue around :mod:`matching.plot`.

The figures themselves are pure functions in :mod:`matching.plot` (the notebooks and
reports draw the same ones). :class:`FigureView` shows a figure inside the app by
setting an ``Output`` widget's ``outputs`` value (the plotly mime bundle), which is safe
from the solver's thread; ``FigureWidget`` would need ``anywidget``, which the notebook
extra does not install. The figures bound their own height (tall ones page their lanes),
so the view does not clip them or scroll them inside a box.
"""

from __future__ import annotations

import html
import json
from typing import Any, Final

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

#: The chart toolbar: no logo, and nothing that uploads the chart somewhere (its "Share
#: chart" and "Edit in Chart Studio" buttons; a timeline names volunteers).
#:
#: Not ``responsive``: the renderer resizes a chart each time its page is shown, which
#: drops the figure's own height (plotly.js keeps it only beside an explicit width), and
#: a responsive chart first drawn in view (after a language switch, a new week) then
#: takes 100 % of its container's height, 0 px: its page came back blank. Not
#: responsive, it keeps the height it was drawn at and still takes its page's width
#: whenever the page is shown (not while the window is resized).
CONFIG: Final[dict[str, Any]] = {
    "displaylogo": False, "responsive": False, "showSendToCloud": False,
    "showEditInChartStudio": False, "showLink": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "sendChartToCloud", "editInChartStudio"],
}
#: plotly.js's own words (toolbar tips, the zoom hint, month and day names on date
#: axes) in Chinese, given with each chart: the renderer registers no locale of its own.
ZH_CN: Final[dict[str, Any]] = {
    "dictionary": {
        "Autoscale": "自动缩放", "Box Select": "框选", "Lasso Select": "套索选择",
        "Pan": "平移", "Zoom": "缩放", "Zoom in": "放大", "Zoom out": "缩小",
        "Reset axes": "重置坐标轴", "Reset view": "重置视图", "Reset": "重置",
        "Download plot as a png": "下载为 PNG 图片", "Download plot as a PNG": "下载为 PNG 图片",
        "Download plot": "下载图表", "Double-click to zoom back out": "双击恢复原来的大小",
        "Toggle Spike Lines": "显示或隐藏辅助线",
        "Show closest data on hover": "悬停时显示最近的数据",
        "Compare data on hover": "悬停时比较数据",
        "Toggle show closest data on hover": "切换悬停时显示最近的数据",
        "Double-click on legend to isolate one trace": "双击图例只看这一项",
    },
    "format": {
        "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
        "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
        "months": [f"{m}月" for m in range(1, 13)],
        "shortMonths": [f"{m}月" for m in range(1, 13)],
        "date": "%Y-%m-%d",
    },
}


def chart_config(language: str) -> dict[str, Any]:
    """The plotly.js config of a chart shown in ``language``."""
    if language != "zh":
        return dict(CONFIG)
    return {**CONFIG, "locale": "zh-CN", "locales": {"zh-CN": ZH_CN}}


class FigureView:
    """A figure in an ``Output`` widget, updated by setting its ``outputs`` value.

    ``figure`` keeps the last figure shown, for tests and exports.
    """

    def __init__(self) -> None:
        self.figure: go.Figure | None = None
        self.widget = widgets.Output(layout=widgets.Layout(width="100%"))

    def show(self, figure: go.Figure | None, language: str = "en", empty: str = "") -> None:
        """Show ``figure``, its toolbar in ``language``; without one, the line ``empty``
        (a page left blank reads as broken), else nothing."""
        self.figure = figure
        if figure is None:
            self.widget.outputs = ({
                "output_type": "display_data", "metadata": {},
                "data": {"text/html": f"<i>{html.escape(empty)}</i>", "text/plain": empty},
            },) if empty else ()
            return
        spec = json.loads(pio.to_json(figure, validate=False))
        spec["config"] = chart_config(language)
        self.widget.outputs = ({
            "output_type": "display_data",
            "data": {"application/vnd.plotly.v1+json": spec,
                     "text/plain": figure.layout.title.text or ""},
            "metadata": {},
        },)
