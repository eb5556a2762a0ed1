"""The paper of the event for 5,000 people: badges and sign-in sheets next to plain ReportLab.

The floor of the badges is the same content drawn plainly on a canvas: the same labels with the
event, the name on two lines at one size, the organisation, the delegation, the code and its QR
code. What the badges add is the fitting of each name. The floor of the sign-in sheets is a plain
LongTable of the same cells on a SimpleDocTemplate; the sheets add their styles, spans, the
heading repeated on every page and "page X of Y". A synthetic roster (no workspace to build):
what is measured is the builders, which are pure functions of it.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

from bench.names import ANDES, QUEBEC
from bench.registry import Context, case
from bench.timing import Measurement, compare_ms
from fieldkit.core.checkin_sheet import sheet_order
from fieldkit.core.listing import PersonRow
from fieldkit.core.model import Gender
from fieldkit.reports.badges import SHEETS, build_badges
from fieldkit.reports.data import DayInfo, EventInfo, SessionInfo
from fieldkit.reports.fonts import BOLD, REGULAR, register_fonts
from fieldkit.reports.minutes import PAPERS
from fieldkit.reports.roster import Roster
from fieldkit.reports.signin import MARGIN, build_signin, sheet_columns
from fieldkit.reports.text import ReportText

PEOPLE = 5000
TARGET = 1.5
LANG, PAPER = "es", "a4"


def synthetic_roster(count: int = PEOPLE, seed: int = 13) -> Roster:
    rng = random.Random(seed)
    people = []
    for index in range(count):
        region = ANDES if index % 4 else QUEBEC
        woman = rng.random() < 0.5
        people.append(
            PersonRow(
                id=f"p{index:05d}",
                given_names=" ".join(
                    rng.sample(region.women if woman else region.men, rng.choice((1, 2)))
                ),
                surnames=" ".join(rng.sample(region.surnames, 2)),
                gender=Gender.WOMAN if woman else Gender.MAN,
                organisation=f"Asociación de Productores de {rng.choice(region.places)}",
                delegation=rng.choice(region.places),
                registered=True,
                badge_code=f"B-{index:05d}",
            )
        )
    day = DayInfo(
        1,
        dt.date(2026, 10, 11),
        "",
        (
            SessionInfo(
                id="s1", day_number=1, start_time="09:00", title="Plenaria", facilitator="Ana"
            ),
        ),
    )
    return Roster(
        event=EventInfo(
            "BENCH",
            "Encuentro regional de 5 000 personas",
            dt.date(2026, 10, 11),
            dt.date(2026, 10, 13),
            places="La Paz",
        ),
        days=(day,),
        people=tuple(sheet_order(people)),
    )


def plain_badges(roster: Roster, layout: str, out: Path) -> None:
    """The floor: the same labels drawn plainly, the name at one size."""
    register_fonts()
    sheet = SHEETS[PAPER, layout]
    width, height = PAPERS[PAPER]
    canvas = Canvas(str(out), pagesize=(width, height), invariant=1, initialFontName=REGULAR)
    for index, person in enumerate(roster.people):
        slot = index % sheet.per_page
        if index and not slot:
            canvas.showPage()
        column, row = slot % sheet.columns, slot // sheet.columns
        x = sheet.left + column * (sheet.width + sheet.gap_x)
        y = height - sheet.top - (row + 1) * sheet.height - row * sheet.gap_y
        canvas.roundRect(x, y, sheet.width, sheet.height, 6)
        canvas.setFont(BOLD, 8)
        canvas.drawString(x + 11, y + sheet.height - 18, roster.event.title)
        canvas.setFont(BOLD, 24)
        canvas.drawCentredString(x + sheet.width / 2, y + sheet.height - 50, person.given_names)
        canvas.drawCentredString(x + sheet.width / 2, y + sheet.height - 77, person.surnames)
        canvas.setFont(REGULAR, 9.5)
        canvas.drawString(x + 11, y + 60, person.organisation)
        canvas.drawString(x + 11, y + 48, person.delegation)
        canvas.setFont(REGULAR, 7)
        canvas.drawString(x + 11, y + 11, person.badge_code)
        widget = QrCodeWidget(person.badge_code, barLevel="M", barBorder=2)
        x0, y0, x1, y1 = widget.getBounds()
        size = 0.42 * sheet.height
        drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, x + sheet.width - 11 - size, y + 11)
    canvas.showPage()
    canvas.save()


def plain_sheets(rows: list[list[Any]], widths: list[float], out: Path) -> None:
    """The floor: the sheet's cells in a plain LongTable, in the same font."""
    register_fonts()
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.6)
    # The sheet's heading (the first row, spanned in the subject) goes above the table: in a
    # plain table it would wrap in the narrow first column.
    heading, rows = rows[0][0], rows[1:]
    table = LongTable(
        [[Paragraph(c[1], cell) if isinstance(c, tuple) else c for c in row] for row in rows],
        colWidths=widths,
        repeatRows=2,
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                ("TOPPADDING", (0, 3), (-1, -1), 7.5),
                ("BOTTOMPADDING", (0, 3), (-1, -1), 7.5),
            ]
        ),
    )
    SimpleDocTemplate(
        str(out),
        pagesize=PAPERS[PAPER],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=1,
        initialFontName=REGULAR,
    ).build([Paragraph(heading[1] if isinstance(heading, tuple) else str(heading), cell), table])


_ROSTER: dict[str, Roster] = {}


def _roster() -> Roster:
    if "r" not in _ROSTER:
        _ROSTER["r"] = synthetic_roster()
    return _ROSTER["r"]


@case("printables_badges_5000", unit="ms", target=TARGET)
def badges_5000(ctx: Context) -> Measurement:
    """Badges of 5,000 people, 8 a page on A4 (625 pages), each with its QR code."""
    roster = _roster()
    subject, floor = ctx.scratch / "badges.pdf", ctx.scratch / "badges-floor.pdf"
    return compare_ms(
        lambda: build_badges(roster, LANG, PAPER, subject, layout="2x4"),
        lambda: plain_badges(roster, "2x4", floor),
        repeat=3,
    )


def floor_rows(roster: Roster, blank_rows: int) -> tuple[list[list[Any]], list[float]]:
    """The floor's cells: what a sheet shows (its heading, the column groups and headings, then
    a row a person, the name in bold over the organisation, and the blank rows), as a plain
    ReportLab user would write it, with a Paragraph for each name. ("p", markup) is a Paragraph.
    """
    tx = ReportText(LANG)
    columns = sheet_columns(PAPERS[PAPER][0] - 2 * MARGIN, landscape=False)
    heading = (
        "p",
        f"<font name='{BOLD}' size='12'>Hoja de asistencia</font> <b>{roster.event.title}</b>"
        "<br/>Día 1 — 11 de octubre de 2026<br/>Lugar: La Paz · Facilitación: Ana"
        "<br/><font size='7.5'>Marcar: M = mujer, H = hombre, O = otro género</font>",
    )
    ticks = [""] * 8
    rows: list[list[Any]] = [
        [heading] + [""] * (len(columns.widths) - 1),
        ["", "", "", "Género", "", "", "Grupo de edad", "", "", "", "", ""],
        [
            "N.º",
            ("p", "<b>Nombre, organización · delegación</b>"),
            "Credencial",
            "M",
            "H",
            "O",
            "<18",
            "18–29",
            "30–44",
            "45–59",
            "60+",
            "Firma",
        ],
    ]
    for number, person in enumerate(roster.people, start=1):
        origin = " · ".join(part for part in (person.organisation, person.delegation) if part)
        name = f"{person.surnames}, {person.given_names}"
        markup = f"<b>{name}</b><br/><font size='7' color='0x5b6770'>{origin}</font>"
        rows.append([tx.number(number), ("p", markup), person.badge_code, *ticks, ""])
    for number in range(len(roster.people) + 1, len(roster.people) + blank_rows + 1):
        rows.append([tx.number(number), "", "", *ticks, ""])
    return rows, list(columns.widths)


@case("printables_sheets_5000", unit="ms", target=TARGET)
def sheets_5000(ctx: Context) -> Measurement:
    """A portrait sign-in sheet of 5,000 people and 10 blank rows on A4."""
    roster = _roster()
    rows, widths = floor_rows(roster, blank_rows=10)
    subject, floor = ctx.scratch / "sheets.pdf", ctx.scratch / "sheets-floor.pdf"
    ctx.log(f"  {len(rows)} rows on each side")
    return compare_ms(
        lambda: build_signin(roster, LANG, PAPER, subject, day=1, blank_rows=10),
        lambda: plain_sheets(rows, widths, floor),
        repeat=3,
    )
