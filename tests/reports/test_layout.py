"""Long tables split across pages with their header; long names wrap; nothing runs off the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from tests.reports.conftest import page_lines

from fieldkit.core.model import AttendanceMode, Gender, SessionKind
from fieldkit.reports import build_minutes
from fieldkit.reports.data import (
    DayInfo,
    EventInfo,
    MinutesData,
    Participant,
    Presence,
    Scope,
    SessionInfo,
)
from fieldkit.reports.fonts import register_fonts
from fieldkit.reports.minutes import MARGIN

LONG_NAME = (
    "María de los Ángeles Wilhelmina Constanza",
    "Ch'uxña Qhispi de la Santísima Trinidad Pamparomás Villanueva Cochachin",
)
LONG_ORGANISATION = (
    "Asociación de Productoras y Productores Agroecológicos, Artesanas y Artesanos de las "
    "Comunidades Campesinas de Pamparomás, Huaylas y Aija-La Merced"
)


def _crowd(count: int) -> MinutesData:
    title = "Plenaria " + "muy larga, con un título que no cabe en una línea ni en dos " * 3
    sessions = (
        SessionInfo("arrival", 1, kind=SessionKind.ARRIVAL, title="Llegada"),
        SessionInfo("s1", 1, "09:00", "10:30", title=title, facilitator=" ".join(LONG_NAME)),
    )
    people = [
        Participant(
            f"p{n:04d}",
            f"Persona {n}",
            f"Apellido{n:04d} Quispe",
            Gender.WOMAN if n % 2 else Gender.MAN,
            organisation=f"Organización {n % 40}",
            delegation=f"Delegación {n % 7}",
            country="Bolivia",
        )
        for n in range(1, count)
    ]
    people.insert(
        0,
        Participant(
            "p0000",
            *LONG_NAME,
            Gender.WOMAN,
            organisation=LONG_ORGANISATION,
            delegation="Pamparomás",
        ),
    )
    presences = [Presence("arrival", p.id, AttendanceMode.IN_PERSON) for p in people]
    presences += [Presence("s1", p.id, AttendanceMode.VIRTUAL) for p in people[::3]]
    return MinutesData(
        scope=Scope.EVENT,
        event=EventInfo(
            "BIG", "Un encuentro grande " * 8, dt.date(2022, 5, 2), dt.date(2022, 5, 2)
        ),
        days=(DayInfo(1, dt.date(2022, 5, 2), "Único día", sessions),),
        day_count=1,
        participants=tuple(people),
        presences=tuple(presences),
        registered=count,
    )


def _overflowing(path: Path) -> list[str]:
    """The pieces of text that start or end outside the margins of their page."""
    register_fonts()
    faces = {
        "Regular": "NotoSans",
        "Bold": "NotoSans-Bold",
        "Italic": "NotoSans-Italic",
        "BoldItalic": "NotoSans-BoldItalic",
    }
    found: list[str] = []
    for page in PdfReader(path).pages:
        right = float(page.mediabox.width) - MARGIN

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            right: float = right,
        ) -> None:
            if not text.strip() or not font:
                return
            face = faces[str(font["/BaseFont"]).rsplit("-", 1)[-1]]  # type: ignore[index]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            end = x + stringWidth(text.rstrip(), face, size) * tm[0] * cm[0]
            if x < MARGIN - 2 or end > right + 2:  # 2 points for rounding
                found.append(
                    f"{text!r} from {x:.0f} to {end:.0f}, margins {MARGIN:.0f}-{right:.0f}"
                )

        page.extract_text(visitor_text=visit)
    return found


def test_a_long_attendance_list_splits_with_its_header_on_every_page(tmp_path: Path) -> None:
    out = build_minutes(_crowd(700), "es", "letter", tmp_path / "crowd.pdf")
    pages = PdfReader(out).pages
    annex = [n for n, page in enumerate(pages) if "Anexo: lista de asistencia" in page_lines(page)]
    assert annex
    following = pages[annex[0] + 1 :]
    assert len(following) >= 10  # 700 rows do not fit on a few pages
    for page in following:
        lines = page_lines(page)
        assert any(line.startswith("# Nombre Organización Delegación País") for line in lines)
    text = "".join(page.extract_text() for page in pages).replace("\n", "").replace(" ", "")
    assert "".join(reversed(LONG_NAME)).replace(" ", "") in text.replace(",", "")
    assert LONG_ORGANISATION.replace(" ", "") in text
    assert "Apellido0699Quispe,Persona699" in text


def test_nothing_runs_off_the_page(tmp_path: Path, encounter_pdfs: dict[str, Path]) -> None:
    crowd = build_minutes(_crowd(120), "fr", "a4", tmp_path / "crowd.pdf")
    for path in (crowd, *encounter_pdfs.values()):
        assert _overflowing(path) == []


def test_every_letter_of_andean_and_french_names_has_a_glyph(tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import getFont

    from fieldkit.reports.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR

    register_fonts()
    names = (
        "Teodora Chʼuxña",
        "Patricia Q’ispi",
        "Ñuflo Œuvré",
        "«Territorios vivos»",
        "Güemes Çelik",
    )
    for face in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
        glyphs = getFont(face).face.charToGlyph
        missing = {c for name in names for c in name if ord(c) not in glyphs}
        assert not missing, (face, missing)
    data = _crowd(3)
    people = (
        Participant("x1", "Teodora", "Chʼuxña Q’ispi", Gender.WOMAN, organisation="Œuvre «Andina»"),
        *data.participants,
    )
    presences = (Presence("arrival", "x1", AttendanceMode.IN_PERSON), *data.presences)
    out = build_minutes(
        dataclasses.replace(data, participants=people, presences=presences),
        "fr",
        "a4",
        tmp_path / "glyphs.pdf",
    )
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Chʼuxña Q’ispi, Teodora" in text
    assert "Œuvre «Andina»" in text
