"""Certificates of participation: one page for each person who attended at least a chosen number
of days of the event (by default at least half of them), in the reader's language.

A day counts for a person when they were recorded at any of its sessions, its arrival included:
the same rule as the minutes' figures of a day. Built from the minutes' data (`gather_minutes`),
so the certificates and the minutes agree on who was there.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from fieldkit.core.text import fold
from fieldkit.reports.data import MinutesData, Participant
from fieldkit.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from fieldkit.reports.minutes import PAPERS
from fieldkit.reports.pdf_file import Progress, atomic_file, describe
from fieldkit.reports.styles import ACCENT, INK, MUTED, RULE, text
from fieldkit.reports.text import ReportText

MARGIN = 22 * mm


@dataclass(frozen=True)
class Certificate:
    person: Participant
    days: int  # days of the event attended


def default_min_days(day_count: int) -> int:
    """At least half of the event's days (one day at the least)."""
    return max(1, math.ceil(day_count / 2))


def qualifying(data: MinutesData, min_days: int | None = None) -> list[Certificate]:
    """Who gets a certificate, in the order of the attendance list (surnames, given names)."""
    needed = default_min_days(data.day_count) if min_days is None else min_days
    session_day = {s.id: s.day_number for s in data.sessions}
    days: dict[str, set[int]] = defaultdict(set)
    for presence in data.presences:
        if presence.session_id in session_day:
            days[presence.person_id].add(session_day[presence.session_id])
    return [
        Certificate(person, len(days[person.id]))
        for person in data.participants
        if len(days[person.id]) >= needed
    ]


def _styles() -> dict[str, ParagraphStyle]:
    def style(name: str, size: float, font: str = REGULAR, color: object = INK) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * 1.3,
            textColor=color,
            alignment=TA_CENTER,
        )

    return {
        "organisation": style("organisation", 11, BOLD, MUTED),
        "title": style("title", 26, BOLD, ACCENT),
        "line": style("line", 12),
        "name": style("name", 28, BOLD),
        "origin": style("origin", 11, ITALIC, MUTED),
        "event": style("event", 16, BOLD),
        "small": style("small", 9, REGULAR, MUTED),
        "signature": style("signature", 9),
    }


def draw_certificate(
    canvas: Canvas,
    tx: ReportText,
    data: MinutesData,
    certificate: Certificate,
    styles: dict[str, ParagraphStyle],
) -> None:
    width, height = canvas._pagesize
    inner = width - 2 * MARGIN
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.rect(MARGIN / 2, MARGIN / 2, width - MARGIN, height - MARGIN)
    y = height - MARGIN

    def put(markup: str, style: str, gap: float = 0) -> None:
        nonlocal y
        paragraph = Paragraph(markup, styles[style])
        _, used = paragraph.wrapOn(canvas, inner, y)
        y -= used
        paragraph.drawOn(canvas, MARGIN, y)
        y -= gap

    if data.logo:
        image = ImageReader(io.BytesIO(data.logo))
        logo_width, logo_height = image.getSize()
        scale = min(60 * mm / logo_width, 28 * mm / logo_height)
        shown = (logo_width * scale, logo_height * scale)
        y -= shown[1]
        canvas.drawImage(
            image, (width - shown[0]) / 2, y, *shown, mask="auto", preserveAspectRatio=True
        )
        y -= 6 * mm
    if data.organisation:
        put(text(data.organisation), "organisation", 10 * mm)
    else:
        y -= 12 * mm
    put(text(tx._("Certificate of participation")), "title", 14 * mm)
    person = certificate.person
    event = data.event
    values = {
        "name": text(person.full_name),
        "event": text(event.title),
        "count": text(tx.number(certificate.days)),
        "total": text(tx.number(data.day_count)),
    }
    # TRANSLATORS: the sentence of a certificate; each line is drawn on its own, the line with
    # {name} in large bold type and the line with {event} in bold. Keep the line breaks.
    sentence = tx.ngettext(
        "This certifies that\n{name}\ntook part in\n{event}\nattending {count} day out of {total}.",
        "This certifies that\n{name}\ntook part in\n{event}\nattending {count} days out of {total}.",
        certificate.days,
    )
    lines = [line.strip() for line in sentence.split("\n") if line.strip()]
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        if line == "{name}":
            put(values["name"], "name", 2 * mm)
            origin = " · ".join(p for p in (person.organisation, person.delegation) if p)
            if origin:
                put(text(origin), "origin")
            y -= 8 * mm
        elif line == "{event}":
            put(values["event"], "event", 5 * mm)
            when_where = [tx.date_range(event.start_date, event.end_date), event.places]
            put(
                text(" · ".join(part for part in when_where if part)), "line", 0 if last else 5 * mm
            )
        else:
            # A name or event inside a longer line (a translation's choice) keeps its bold.
            bold = {
                **values,
                "name": f"<b>{values['name']}</b>",
                "event": f"<b>{values['event']}</b>",
            }
            names_next = not last and "{name}" in lines[index + 1]
            put(
                text(line).format(**bold),
                "line",
                0 if last else (6 if names_next else 5) * mm,
            )
    _signature_lines(canvas, tx, data, styles, inner)
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(width / 2, MARGIN / 2 + 5 * mm, event.code)


def _signature_lines(
    canvas: Canvas,
    tx: ReportText,
    data: MinutesData,
    styles: dict[str, ParagraphStyle],
    inner: float,
) -> None:
    """Two lines to sign on, over the names of the first two organisers when they are known."""
    signers = list(data.signatories[:2])
    columns = 2
    column = inner / columns
    line_y = MARGIN + 26 * mm
    canvas.setStrokeColor(RULE if not signers else INK)
    canvas.setLineWidth(0.6)
    for index in range(columns):
        left = MARGIN + index * column + 8 * mm
        right = MARGIN + (index + 1) * column - 8 * mm
        canvas.setStrokeColor(INK)
        canvas.line(left, line_y, right, line_y)
        if index < len(signers):
            signer = signers[index]
            markup = f"<b>{text(signer.name)}</b>"
            if signer.organisation:
                markup += f"<br/>{text(signer.organisation)}"
        else:
            markup = text(tx._("Signature"))
        paragraph = Paragraph(markup, styles["signature"])
        _, used = paragraph.wrapOn(canvas, right - left, 20 * mm)
        paragraph.drawOn(canvas, left, line_y - 3 - used)


def _file_name(index: int, person: Participant) -> str:
    slug = "-".join(fold(person.full_name).split()) or person.id
    return f"{index:03d}-{slug}.pdf"


def build_certificates(
    data: MinutesData,
    lang: str,
    paper: str,
    out: Path,
    *,
    min_days: int | None = None,
    separate: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the certificates: all in the PDF `out`, or with `separate` one PDF per person in the
    folder `out` ('001-ana-quispe.pdf'…). Returns the files written."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size: {paper!r}")
    register_fonts()
    tx, styles = ReportText(lang), _styles()
    certificates = qualifying(data, min_days)
    title = f"{tx._('Certificate of participation')} — {data.event.title}"
    out = Path(out)
    if separate:
        out.mkdir(parents=True, exist_ok=True)
        batches = [
            ([c], out / _file_name(i, c.person)) for i, c in enumerate(certificates, start=1)
        ]
    else:
        batches = [(certificates, out)]
    written: list[Path] = []
    done = 0
    for batch, path in batches:
        with atomic_file(path) as temporary:
            canvas = Canvas(
                str(temporary),
                pagesize=PAPERS[paper],
                invariant=1,
                lang=lang,
                initialFontName=REGULAR,
            )
            describe(canvas, title, data.event.code)
            for certificate in batch:
                draw_certificate(canvas, tx, data, certificate, styles)
                canvas.showPage()
                done += 1
                if progress is not None:
                    progress(done, len(certificates))
            canvas.save()
        written.append(path)
    return written
