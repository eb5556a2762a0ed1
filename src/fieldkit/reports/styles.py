"""Paragraph and table styles of the reports, all in the shipped font family.

Every style, and every table through `grid_table`, names the family explicitly: a style or a table
cell that fell back to ReportLab's default would bring in an unembedded Helvetica.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, Table, TableStyle

from fieldkit.reports.fonts import BOLD, ITALIC, REGULAR

INK = colors.HexColor("#1f2a33")
ACCENT = colors.HexColor("#1d5e7a")
MUTED = colors.HexColor("#5b6770")
RULE = colors.HexColor("#b8c4cc")
HEADER_FILL = colors.HexColor("#e3ecf1")

BODY_SIZE = 9.5
TABLE_SIZE = 8.5
CELL_PADDING = 3  # points on each side of a table cell


def text(value: str) -> str:
    """User text made safe for a Paragraph (which reads a little XML)."""
    return escape(value)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_joined: ParagraphStyle  # a piece of a long paragraph that the next piece continues
    small: ParagraphStyle
    muted: ParagraphStyle
    bullet: ParagraphStyle
    label: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    cover_kind: ParagraphStyle
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    head_right: ParagraphStyle
    caption: ParagraphStyle
    contents: ParagraphStyle
    contents_sub: ParagraphStyle


def make_styles() -> Styles:
    def style(name: str, **values: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": REGULAR,
            "bulletFontName": REGULAR,  # ReportLab's default bullet font is Helvetica
            "fontSize": BODY_SIZE,
            "leading": BODY_SIZE * 1.35,
            "textColor": INK,
            "alignment": TA_LEFT,
        }
        base.update(values)
        return ParagraphStyle(name, **base)

    return Styles(
        body=style("body", spaceAfter=4),
        body_joined=style("body_joined"),
        small=style("small", fontSize=8, leading=10.5),
        muted=style("muted", fontSize=8, leading=10.5, textColor=MUTED),
        bullet=style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=1.5),
        label=style("label", fontName=BOLD, fontSize=9, leading=12, spaceBefore=5, spaceAfter=2),
        h1=style(
            "h1",
            fontName=BOLD,
            fontSize=15,
            leading=19,
            textColor=ACCENT,
            spaceBefore=4,
            spaceAfter=8,
        ),
        h2=style("h2", fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4),
        h3=style(
            "h3",
            fontName=BOLD,
            fontSize=10,
            leading=13,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=3,
        ),
        h4=style("h4", fontName=BOLD, fontSize=9.5, leading=12.5, spaceBefore=6, spaceAfter=2),
        cover_kind=style(
            "cover_kind", fontName=BOLD, fontSize=12, leading=16, textColor=ACCENT, spaceAfter=10
        ),
        cover_title=style("cover_title", fontName=BOLD, fontSize=20, leading=25, spaceAfter=16),
        cover_line=style("cover_line", fontSize=11, leading=15, spaceAfter=5),
        cell=style("cell", fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25),
        cell_bold=style("cell_bold", fontName=BOLD, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25),
        cell_right=style(
            "cell_right", fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25, alignment=TA_RIGHT
        ),
        head_right=style(  # over narrow columns of numbers: a size smaller
            "head_right",
            fontName=BOLD,
            fontSize=TABLE_SIZE - 1,
            leading=(TABLE_SIZE - 1) * 1.25,
            alignment=TA_RIGHT,
        ),
        caption=style(
            "caption",
            fontName=ITALIC,
            fontSize=8,
            leading=10.5,
            textColor=MUTED,
            alignment=TA_CENTER,
            spaceAfter=6,
        ),
        contents=style("contents", fontSize=10, leading=15),
        contents_sub=style("contents_sub", fontSize=9, leading=13, leftIndent=14),
    )


# A str or a Flowable; ReportLab has no type hints, so mypy sees Any either way.
Cell: TypeAlias = Any


@functools.cache
def _widest_ascii(font: str) -> float:
    """The widest printable ASCII character of a font, in ems."""
    return max(float(stringWidth(c, font, 1)) for c in string.printable if c.isprintable())


def cell(value: str, style: ParagraphStyle, width: float) -> Cell:
    """A table cell: the plain string when it fits on one line, else a Paragraph that wraps.

    Plain strings cost a tenth of a Paragraph, and a long table (the attendance list of a large
    event) has tens of thousands of cells.
    """
    room = width - 2 * CELL_PADDING
    if "\n" not in value and (
        # Short ASCII values (numbers, codes) surely fit: no need to measure them.
        (value.isascii() and len(value) * style.fontSize * _widest_ascii(style.fontName) <= room)
        or stringWidth(value, style.fontName, style.fontSize) <= room
    ):
        return value
    return Paragraph(text(value).replace("\n", "<br/>"), style)


def column_widths(total: float, fixed: Sequence[float | None]) -> list[float]:
    """Column widths: the fixed ones as given, the None ones sharing what is left."""
    free = total - sum(w for w in fixed if w is not None)
    flexible = sum(1 for w in fixed if w is None)
    return [w if w is not None else free / flexible for w in fixed]


def grid_table(
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    right_columns: Sequence[int] = (),
    bold_rows: Sequence[int] = (),
    long: bool = False,
    row_heights: Sequence[float | None] | None = None,
    extra: Sequence[tuple[object, ...]] = (),
) -> Table:
    """A table with a repeated header and light rules, all in the family's font. A bold last row
    (a Total) is kept on the page of the row above it.

    `long` uses ReportLab's LongTable, which measures only the rows of the page it fills: splitting
    a table of thousands of rows page after page then costs time in proportion to its length.
    """
    # Few commands that span every cell: ReportLab applies each one to each cell in turn.
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, TABLE_SIZE, TABLE_SIZE * 1.25),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    if header_rows:
        commands += [
            ("FONTNAME", (0, 0), (-1, header_rows - 1), BOLD),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.75, ACCENT),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    for column in right_columns:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    last = len(rows) - 1
    for row in bold_rows:
        commands.append(("FONTNAME", (0, row), (-1, row), BOLD))
        commands.append(("LINEABOVE", (0, row), (-1, row), 0.75, ACCENT))
        if row == last and row > header_rows:
            # A Total row never starts a page alone: it goes over with the row before it.
            commands.append(("NOSPLIT", (0, row - 1), (-1, row)))
    commands += extra
    kind = LongTable if long else Table
    return kind(
        [list(row) for row in rows],
        colWidths=list(widths),
        rowHeights=None if row_heights is None else list(row_heights),
        repeatRows=header_rows,
        style=TableStyle(commands),
        hAlign="LEFT",
    )
