"""Bar charts of attendance, drawn with reportlab.graphics shapes in the report's font family.

The charts are built from plain rectangles, lines and strings rather than ReportLab's chart
widgets: those lay out every label as a widget of its own and cost a third of a report's build
for three charts; these draw the same bars, scale, labels and legend for a fraction of it. Every
string names the family, and the drawing starts in it too: nothing falls back to Helvetica.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldkit.reports.fonts import REGULAR
from fieldkit.reports.layout import fit
from fieldkit.reports.styles import INK, MUTED, RULE

PALETTE = (
    colors.HexColor("#1d5e7a"),
    colors.HexColor("#e08a2b"),
    colors.HexColor("#6aa84f"),
    colors.HexColor("#9a9ea3"),
)
GRID = colors.HexColor("#e6ecf0")
LABEL_SIZE = 7.5
LEGEND_HEIGHT = 16
SWATCH = 7


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int | None, ...]  # None: withheld (a small count) or not applicable


def has_data(series: Sequence[Series]) -> bool:
    """A chart of nothing (no values, or all zero or withheld) is not drawn at all."""
    return any(v for s in series for v in s.values)


def _step(top: int) -> int:
    """A whole step between the ticks of the scale, about five of them."""
    if top <= 5:
        return 1
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return int(factor * power)
    return int(10 * power)


def _scale(top: int) -> tuple[int, int]:
    """(step, end of the scale) for values up to `top`."""
    step = _step(max(top, 1))
    return step, max(step, math.ceil(max(top, 1) * 1.05 / step) * step)


def _text(x: float, y: float, value: str, anchor: str = "start", colour: object = INK) -> String:
    return String(
        x, y, value, fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=colour, textAnchor=anchor
    )


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR  # the renderer starts in it: nothing falls back
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def _legend(drawing: Drawing, series: Sequence[Series], top: float) -> None:
    x = 0.0
    for index, item in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        drawing.add(Rect(x, top - SWATCH, SWATCH, SWATCH, fillColor=colour, strokeColor=None))
        drawing.add(_text(x + SWATCH + 4, top - SWATCH + 0.5, item.name))
        x += SWATCH + 4 + stringWidth(item.name, REGULAR, LABEL_SIZE) + 16


def column_chart(
    categories: Sequence[str], series: Sequence[Series], width: float, height: float
) -> Drawing:
    """Grouped columns, one group per category (the days), values written above the bars."""
    drawing = _drawing(width, height)
    legend = LEGEND_HEIGHT if len(series) > 1 else 0
    left, bottom = 30.0, 16.0
    plot_width, plot_height = width - left - 4, height - bottom - legend - 14
    top_value = max((v or 0 for s in series for v in s.values), default=0)
    step, end = _scale(top_value)
    for tick in range(0, end + 1, step):
        y = bottom + plot_height * tick / end
        drawing.add(Line(left, y, left + plot_width, y, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(_text(left - 4, y - 2.5, str(tick), "end"))
    drawing.add(Line(left, bottom, left + plot_width, bottom, strokeColor=RULE, strokeWidth=0.7))
    group = plot_width / max(len(categories), 1)
    bar = min(28.0, group * 0.8 / max(len(series), 1))
    for column, name in enumerate(categories):
        start = left + group * column + (group - bar * len(series)) / 2
        for index, item in enumerate(series):
            value = item.values[column]
            if not value:
                continue
            x, h = start + bar * index, plot_height * value / end
            colour = PALETTE[index % len(PALETTE)]
            drawing.add(Rect(x, bottom, bar - 1, h, fillColor=colour, strokeColor=None))
            drawing.add(_text(x + (bar - 1) / 2, bottom + h + 2, str(value), "middle", MUTED))
        drawing.add(_text(left + group * (column + 0.5), bottom - 10, name, "middle"))
    if legend:
        _legend(drawing, series, height)
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
    legend = LEGEND_HEIGHT + 6 if len(series) > 1 else 0
    plot_height = bar_height * max(len(categories), 1)
    bottom = 14.0
    height = bottom + plot_height + legend + 4
    drawing = _drawing(width, height)
    left = label_width + 4
    plot_width = width - left - 12
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    step, end = _scale(max(totals, default=0))
    for tick in range(0, end + 1, step):
        x = left + plot_width * tick / end
        drawing.add(Line(x, bottom, x, bottom + plot_height, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(_text(x, bottom - 10, str(tick), "middle"))
    drawing.add(Line(left, bottom, left, bottom + plot_height, strokeColor=RULE, strokeWidth=0.7))
    for row, name in enumerate(categories):  # the first category at the top, as in the table
        y = bottom + plot_height - bar_height * (row + 1)
        x = left
        for index, item in enumerate(series):
            value = item.values[row]
            if not value:
                continue
            w = plot_width * value / end
            colour = PALETTE[index % len(PALETTE)]
            drawing.add(
                Rect(
                    x,
                    y + bar_height * 0.15,
                    w,
                    bar_height * 0.7,
                    fillColor=colour,
                    strokeColor=None,
                )
            )
            x += w
        label = fit(name, label_width - 6, LABEL_SIZE)
        drawing.add(_text(left - 4, y + bar_height * 0.5 - 2.5, label, "end"))
    if legend:
        _legend(drawing, series, height)
    return drawing
