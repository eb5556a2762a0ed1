"""Bar charts of attendance, drawn with reportlab.graphics in the report's font family.

Every string of a chart (axis labels, bar labels, legend) names the family, and so does the
drawing itself, whose font is the renderer's starting state: nothing falls back to Helvetica.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from fieldkit.reports.fonts import REGULAR
from fieldkit.reports.layout import fit
from fieldkit.reports.styles import INK, MUTED, RULE

PALETTE = (
    colors.HexColor("#1d5e7a"),
    colors.HexColor("#e08a2b"),
    colors.HexColor("#6aa84f"),
    colors.HexColor("#9a9ea3"),
)
LABEL_SIZE = 7.5
LEGEND_HEIGHT = 16


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int | None, ...]  # None: withheld (a small count) or not applicable


def _step(top: int) -> int:
    """A whole step between value-axis ticks, about five of them."""
    if top <= 5:
        return 1
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power and float(factor * power).is_integer():
            return int(factor * power)
    return int(10 * power)


def _top(series: Sequence[Series], stacked: bool) -> int:
    columns = zip(*(s.values for s in series), strict=True)
    if stacked:
        return max((sum(v or 0 for v in column) for column in columns), default=0)
    return max((v or 0 for s in series for v in s.values), default=0)


def has_data(series: Sequence[Series]) -> bool:
    """A chart of nothing (no values, or all zero or withheld) is not drawn at all."""
    return any(v for s in series for v in s.values)


def _legend(series: Sequence[Series], width: float, height: float) -> Legend:
    legend = Legend()
    legend.fontName = REGULAR
    legend.fontSize = LABEL_SIZE
    legend.fillColor = INK
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.x = 0
    legend.y = height - 2
    legend.columnMaximum = 1
    legend.dx = legend.dy = 7
    legend.autoXPadding = 14
    legend.deltax = 10  # a minimum: each column is as wide as its name needs
    legend.strokeWidth = 0
    legend.strokeColor = None
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], s.name) for i, s in enumerate(series)]
    return legend


def _style_axes(chart: VerticalBarChart | HorizontalBarChart, top: int) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = REGULAR
        axis.labels.fontSize = LABEL_SIZE
        axis.labels.fillColor = INK
        axis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    step = _step(max(top, 1))
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, math.ceil(max(top, 1) * 1.08 / step) * step)
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e6ecf0")
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.categoryAxis.tickShift = 0
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = LABEL_SIZE - 0.5
    chart.barLabels.fillColor = MUTED
    for index in range(len(PALETTE)):
        chart.bars[index].fillColor = PALETTE[index]
        chart.bars[index].strokeColor = None


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR  # the renderer starts in it: nothing falls back
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def column_chart(
    categories: Sequence[str], series: Sequence[Series], width: float, height: float
) -> Drawing:
    """Grouped columns, one group per category (the days), values written above the bars."""
    drawing = _drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 30
    chart.width, chart.height = width - 36, height - 30 - LEGEND_HEIGHT - 12
    chart.data = [list(s.values) for s in series]
    chart.categoryAxis.categoryNames = list(categories)
    _style_axes(chart, _top(series, stacked=False))
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -4
    chart.barLabelFormat = "%d"
    chart.barLabels.nudge = 5
    chart.groupSpacing = 10
    chart.barSpacing = 1
    drawing.add(chart)
    if len(series) > 1:
        drawing.add(_legend(series, width, height))
    return drawing


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    width: float,
    *,
    label_width: float,
    bar_height: float = 13,
) -> Drawing:
    """Stacked horizontal bars, one per category (the sessions), long labels shortened."""
    plot_height = bar_height * max(len(categories), 1)
    height = plot_height + 22 + (LEGEND_HEIGHT + 8 if len(series) > 1 else 4)
    drawing = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width + 4, 18
    chart.width, chart.height = width - label_width - 12, plot_height
    # The first category at the top, as in the table next to it.
    chart.data = [list(reversed(s.values)) for s in series]
    names = [fit(name, label_width - 6, LABEL_SIZE) for name in categories]
    chart.categoryAxis.categoryNames = list(reversed(names))
    _style_axes(chart, _top(series, stacked=True))
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.barWidth = bar_height * 0.7
    chart.groupSpacing = bar_height * 0.3
    drawing.add(chart)
    if len(series) > 1:
        drawing.add(_legend(series, width, height))
    return drawing
