"""Name badges on common label sheets (2×4 and 2×5), with a QR code of the badge code.

The name is set as large as the label allows, up to NAME_MAX points and never cut: a long name
shrinks, and only below NAME_MIN points is it broken at its spaces onto one more line. The QR code
holds the badge code as typed, which the check-in screen matches like a scanner typing it
(`core.checkin.badge_key`). Drawn straight on the canvas: a badge is a fixed picture, and a page
of 5,000 badges is built in seconds.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import inch, mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from fieldkit.core.listing import PersonRow
from fieldkit.reports.fonts import BOLD, REGULAR, register_fonts
from fieldkit.reports.layout import fit
from fieldkit.reports.minutes import PAPERS
from fieldkit.reports.pdf_file import Progress, atomic_file, describe
from fieldkit.reports.roster import Roster
from fieldkit.reports.styles import ACCENT, INK, MUTED, RULE
from fieldkit.reports.text import ReportText

NAME_MAX = 30.0  # points; 20 points and more read at two metres
NAME_MIN = 20.0  # below this a name is broken onto one more line rather than shrunk further
NAME_FLOOR = 12.0  # a name that does not fit even broken at every space is set this small
PADDING = 4 * mm


@dataclass(frozen=True)
class LabelSheet:
    """A sheet of labels: columns × rows, each label `width` × `height`, from the top-left
    corner at (`left`, `top`), with gaps between them."""

    columns: int
    rows: int
    width: float
    height: float
    left: float
    top: float
    gap_x: float = 0.0
    gap_y: float = 0.0

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


LAYOUTS = ("2x4", "2x5")
# Common label sheets: on A4, 99.1 mm wide labels (67.7 mm for 8 a page, 57 mm for 10); on
# Letter, 4 inch wide (2.5 inch for 8 a page, 2 inch for 10).
SHEETS: dict[tuple[str, str], LabelSheet] = {
    ("a4", "2x4"): LabelSheet(2, 4, 99.1 * mm, 67.7 * mm, 4.65 * mm, 13.1 * mm, 2.5 * mm, 0),
    ("a4", "2x5"): LabelSheet(2, 5, 99.1 * mm, 57 * mm, 4.65 * mm, 6 * mm, 2.5 * mm, 0),
    ("letter", "2x4"): LabelSheet(
        2, 4, 4 * inch, 2.5 * inch, 0.156 * inch, 0.5 * inch, 0.1875 * inch
    ),
    ("letter", "2x5"): LabelSheet(
        2, 5, 4 * inch, 2 * inch, 0.156 * inch, 0.5 * inch, 0.1875 * inch
    ),
}


@dataclass(frozen=True)
class NameLines:
    lines: tuple[str, ...]
    size: float


def name_lines(given_names: str, surnames: str, width: float, height: float) -> NameLines:
    """The lines and size of a name in a box: given names over surnames, as large as fits up to
    NAME_MAX. A name too long for NAME_MIN is broken at a space or after a hyphen onto one more
    line, as long as that makes it larger; it is never cut."""
    lines = [part for part in (given_names.strip(), surnames.strip()) if part] or [""]
    best = NameLines(tuple(lines), _fitting_size(tuple(lines), width, height))
    while best.size < NAME_MIN:
        longest = max(range(len(lines)), key=lambda i: stringWidth(lines[i], BOLD, 1))
        words = _words(lines[longest])
        if len(words) < 2:
            break
        half = _balanced_break(words)
        lines[longest : longest + 1] = [_join(words[:half]), _join(words[half:])]
        size = _fitting_size(tuple(lines), width, height)
        if size <= best.size:
            break
        best = NameLines(tuple(lines), size)
    return best


def _words(line: str) -> list[str]:
    """The places a name can break: its spaces, and after its hyphens (the hyphen stays)."""
    return [word for part in line.split() for word in re.split(r"(?<=-)(?=.)", part)]


def _join(words: list[str]) -> str:
    return " ".join(words).replace("- ", "-")


@functools.lru_cache(maxsize=4096)
def _fitting_size(lines: tuple[str, ...], width: float, height: float) -> float:
    widest = max(stringWidth(line, BOLD, 1) for line in lines) or 1
    return min(NAME_MAX, width / widest, height / (len(lines) * 1.12))


def _balanced_break(words: list[str]) -> int:
    """Where to break words onto two lines so that the longer line is the shortest."""
    return min(
        range(1, len(words)),
        key=lambda i: max(
            stringWidth(_join(words[:i]), BOLD, 1), stringWidth(_join(words[i:]), BOLD, 1)
        ),
    )


@functools.lru_cache(maxsize=8)
def _qr_drawing(code: str, size: float, _thread: int) -> Drawing:
    """The QR code's drawing, kept for its repeats; one per thread, since drawing it marks its
    parts (two builds at once: the Reports page's preview and the PDF being made)."""
    widget = QrCodeWidget(code, barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def draw_badge(
    canvas: Canvas,
    tx: ReportText,
    person: PersonRow,
    event_title: str,
    x: float,
    y: float,
    sheet: LabelSheet,
) -> None:
    """One badge with its bottom-left corner at (x, y)."""
    width, height = sheet.width, sheet.height
    inner = width - 2 * PADDING
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.roundRect(x, y, width, height, 2 * mm)  # a guide to cut along on plain paper
    # The event, small, at the top.
    canvas.setFillColor(ACCENT)
    title_size = max(6.5, min(8.0, inner / max(stringWidth(event_title, BOLD, 1), 1)))
    canvas.setFont(BOLD, title_size)
    top = y + height - PADDING - 7
    canvas.drawString(x + PADDING, top, fit(event_title, inner, title_size, BOLD))
    # The QR code at the bottom right; the organisation and delegation at its left.
    qr = min(0.42 * height, 30 * mm) if person.badge_code else 0
    name_top = top - 4
    name_bottom = y + PADDING + max(qr, 22)
    name = name_lines(person.given_names, person.surnames, inner, name_top - name_bottom)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, name.size)
    leading = name.size * 1.12
    block = leading * len(name.lines)
    baseline = name_top - (name_top - name_bottom - block) / 2 - name.size
    for line in name.lines:
        canvas.drawCentredString(x + width / 2, baseline, line)
        baseline -= leading
    text_room = inner - qr - (3 * mm if qr else 0)
    canvas.setFillColor(MUTED)
    # The organisation on up to two lines, then the delegation; cut only past that.
    lines = [(line, 9.0) for line in simpleSplit(person.organisation, REGULAR, 9, text_room)]
    if len(lines) > 2:
        lines = [lines[0], (fit(" ".join(t for t, _ in lines[1:]), text_room, 9), 9.0)]
    if person.delegation:
        lines.append((person.delegation, 8.0))
    line_y = y + PADDING + (qr - 9 if qr else 30)
    for line, size in lines:
        canvas.setFont(REGULAR, size)
        canvas.drawString(x + PADDING, line_y, fit(line, text_room, size))
        line_y -= size * 1.25
    if person.badge_code:
        renderPDF.draw(
            _qr_drawing(person.badge_code, qr, threading.get_ident()),
            canvas,
            x + width - PADDING - qr,
            y + PADDING,
        )
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(x + PADDING, y + PADDING, fit(person.badge_code, text_room, 7))


def build_badges(
    roster: Roster,
    lang: str,
    paper: str,
    out: Path,
    *,
    layout: str = "2x4",
    people: Sequence[str] = (),
    progress: Progress | None = None,
) -> Path:
    """Write the badges of `people` (ids; all the registered people when empty), in sheet
    order, `layout` ('2x4', '2x5') badges a page, to `out`."""
    if (paper, layout) not in SHEETS:
        raise ValueError(f"unknown paper or layout: {paper!r}, {layout!r}")
    register_fonts()
    tx = ReportText(lang)
    sheet = SHEETS[paper, layout]
    chosen = set(people)
    badges = [p for p in roster.people if not chosen or p.id in chosen]
    page_width, page_height = PAPERS[paper]
    with atomic_file(out) as temporary:
        canvas = Canvas(
            str(temporary),
            pagesize=(page_width, page_height),
            invariant=1,
            lang=lang,
            initialFontName=REGULAR,
        )
        describe(canvas, f"{tx._('Badges')} — {roster.event.title}", roster.event.code)
        for index, person in enumerate(badges):
            slot = index % sheet.per_page
            if index and slot == 0:
                canvas.showPage()
                if progress is not None:
                    progress(index, len(badges))
            column, row = slot % sheet.columns, slot // sheet.columns
            x = sheet.left + column * (sheet.width + sheet.gap_x)
            y = page_height - sheet.top - (row + 1) * sheet.height - row * sheet.gap_y
            draw_badge(canvas, tx, person, roster.event.title, x, y, sheet)
        canvas.showPage()
        canvas.save()
    if progress is not None:
        progress(len(badges), len(badges))
    return Path(out)
