"""The demo encounter's minutes read back with pypdf: language, names, counts, pages, fonts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.reports.conftest import all_text, page_lines, page_texts

from fieldkit.core.model import Attendance, Day
from fieldkit.demo import ENCOUNTER_CODE
from fieldkit.store import Workspace

STANDARD_FONTS = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}

WORDS = {
    "es": (
        "Ayuda memoria",
        "Contexto",
        "Objetivos específicos",
        "Plan de acción",
        "Cifras de asistencia",
        "Anexo: lista de asistencia",
        "Validación",
    ),
    "fr": (
        "Compte rendu",
        "Contexte",
        "Objectifs spécifiques",
        "Plan d'action",
        "Chiffres de participation",
        "Annexe : liste de présence",
        "Validation",
    ),
    "en": (
        "Minutes",
        "Context",
        "Specific objectives",
        "Action plan",
        "Attendance figures",
        "Annex: attendance list",
        "Validation",
    ),
}
FIRST_DAY = {"es": "11 de octubre de 2021", "fr": "11 octobre 2021", "en": "October 11, 2021"}
RANGE = {
    "es": "11–13 de octubre de 2021",
    "fr": "11–13 octobre 2021",
    "en": "October 11 – 13, 2021",
}
PAGE_OF = {
    "es": "Página {page} de {pages}",
    "fr": "Page {page} sur {pages}",
    "en": "Page {page} of {pages}",
}


@pytest.mark.parametrize("lang", ["es", "fr", "en"])
def test_headings_and_dates_are_in_the_chosen_language(
    encounter_pdfs: dict[str, Path], lang: str
) -> None:
    text = all_text(encounter_pdfs[lang])
    for word in WORDS[lang]:
        assert word.replace(" ", "") in text.replace(" ", ""), word
    assert FIRST_DAY[lang] in text
    assert RANGE[lang] in text
    others = {
        "es": "Cifras de asistencia",
        "fr": "Chiffres de participation",
        "en": "Attendance figures",
    }
    for other, heading in others.items():
        if other != lang:
            assert heading not in text


def test_names_with_accents_and_apostrophes_print(encounter_pdfs: dict[str, Path]) -> None:
    text = all_text(encounter_pdfs["es"])
    for name in (
        "Ch'uxña Mamani, Teodora",
        "Ñuflo Gutiérrez, Norma",
        "Villca Condori, T'ika",
        "Qhispi Mamani, Patricia",
        "Pamparomás",
        "Huamán",
    ):
        assert name in text, name
    assert "«Interacciones con territorios vivos»" in text


def test_every_page_says_page_x_of_y(encounter_pdfs: dict[str, Path]) -> None:
    for lang, path in encounter_pdfs.items():
        texts = page_texts(path)
        pages = len(texts)
        assert pages > 10
        for number, text in enumerate(texts[1:], start=2):  # the cover has no running header
            assert PAGE_OF[lang].format(page=number, pages=pages) in text
        assert ENCOUNTER_CODE in texts[-1]


def test_the_present_counts_are_the_workspace_counts(
    encounter_pdfs: dict[str, Path], demo_ws: Workspace
) -> None:
    event = demo_ws.find_event(ENCOUNTER_CODE)
    counts = demo_ws.present_counts(event.id)
    days = demo_ws.event_days(event.id)
    text = all_text(encounter_pdfs["es"])
    for number, day in enumerate(days, start=1):
        # "Día 1 · 11 de octubre de 2021 86 44 40 …": the row of the day in the table by day
        row = re.search(rf"Día {number} · [^0-9]*\d+ de \w+ de 2021 (\d+) ", text)
        assert row is not None
        assert int(row.group(1)) == counts[day.id]
    assert f"Personas inscritas en el evento {demo_ws.registered_count(event.id)}" in text


def test_the_contents_give_the_page_of_each_part(encounter_pdfs: dict[str, Path]) -> None:
    pages = PdfReader(encounter_pdfs["en"]).pages
    contents = page_lines(pages[1])
    for heading in ("Context", "Attendance figures", "Action plan", "Annex: attendance list"):
        # The first line under the running header is the heading of a part that opens a page,
        # or it is further down; either way the page is the first one that holds it.
        page = next(
            number
            for number, page in enumerate(pages[2:], start=3)
            if heading in page_lines(page)[1:]
        )
        assert f"{heading} {page}" in contents, (heading, page)


def test_the_outline_lists_the_parts(encounter_pdfs: dict[str, Path]) -> None:
    outline = PdfReader(encounter_pdfs["fr"]).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert "Chiffres de participation" in titles
    assert "Plan d'action" in titles


def _fonts(path: Path) -> dict[str, object]:
    fonts: dict[str, object] = {}
    for page in PdfReader(path).pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def test_every_font_is_embedded_and_none_is_a_standard_font(
    encounter_pdfs: dict[str, Path],
) -> None:
    for path in encounter_pdfs.values():
        fonts = _fonts(path)
        assert fonts
        for name, font in fonts.items():
            assert name.split("+")[-1].lstrip("/") not in STANDARD_FONTS, name
            descendants = font.get("/DescendantFonts")  # type: ignore[attr-defined]
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name
            assert "NotoSans" in name


def test_bold_and_italic_faces_are_the_shipped_family(encounter_pdfs: dict[str, Path]) -> None:
    names = {name.split("+")[-1] for name in _fonts(encounter_pdfs["es"])}
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= names


def test_day_minutes_hold_only_that_day(tmp_path: Path, demo_ws: Workspace) -> None:
    from fieldkit.reports import MinutesRequest, write_minutes

    out = write_minutes(
        demo_ws, MinutesRequest(ENCOUNTER_CODE, day=2, lang="es"), tmp_path / "dia2.pdf"
    )
    text = all_text(out)
    assert "Ayuda memoria del día 2" in text
    assert "12 de octubre de 2021" in text
    assert "Paneles de exposición" in text
    assert "Inauguración y presentación de las delegaciones" not in text  # a session of day 1
    event = demo_ws.find_event(ENCOUNTER_CODE)
    day = demo_ws.event_days(event.id)[1]
    assert isinstance(day, Day)
    people = demo_ws.present_counts(event.id)[day.id]
    assert f"Personas presentes (cada una contada una vez) {people}" in text


def test_session_minutes_hold_only_that_session(tmp_path: Path, demo_ws: Workspace) -> None:
    from fieldkit.reports import MinutesRequest, write_minutes

    event = demo_ws.find_event(ENCOUNTER_CODE)
    closing = next(s for s in demo_ws.event_sessions(event.id) if s.title.startswith("Clausura"))
    out = write_minutes(
        demo_ws,
        MinutesRequest(ENCOUNTER_CODE, session_id=closing.id, lang="en"),
        tmp_path / "closing.pdf",
    )
    text = all_text(out)
    assert "Minutes of a session" in text
    assert "Clausura: acuerdos, hoja de ruta y evaluación del encuentro" in text
    assert "Proyección de los videos de sistematización" not in text
    assert "Enviar la ayuda memoria aprobada a todas las delegaciones" in text  # its action plan
    present = len(demo_ws.list(Attendance, where={"session_id": closing.id}))
    assert f"People present (each counted once) {present}" in text


def test_letter_and_a4_pages(tmp_path: Path, demo_ws: Workspace) -> None:
    from fieldkit.reports import MinutesRequest, write_minutes

    sizes = {}
    for paper in ("a4", "letter"):
        out = write_minutes(
            demo_ws, MinutesRequest(ENCOUNTER_CODE, day=3, paper=paper), tmp_path / f"{paper}.pdf"
        )
        box = PdfReader(out).pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"a4": (595, 842), "letter": (612, 792)}


def test_small_counts_can_be_hidden(tmp_path: Path, demo_ws: Workspace) -> None:
    from fieldkit.reports import MinutesRequest, write_minutes

    shown = all_text(
        write_minutes(demo_ws, MinutesRequest(ENCOUNTER_CODE, lang="es"), tmp_path / "a.pdf")
    )
    hidden = all_text(
        write_minutes(
            demo_ws, MinutesRequest(ENCOUNTER_CODE, lang="es", hide_below=5), tmp_path / "b.pdf"
        )
    )
    # Two people came from France: a count that singles them out.
    assert "Francia 2 2 2 2" in shown
    assert "Francia <5 <5 <5 <5" in hidden
    assert "Los conteos de 1 a 4 se ocultan" in hidden
    assert "Francia 2" not in hidden


def test_progress_is_reported_up_to_the_end(tmp_path: Path, demo_ws: Workspace) -> None:
    from fieldkit.reports import MinutesRequest, write_minutes

    seen: list[tuple[int, int]] = []
    write_minutes(
        demo_ws,
        MinutesRequest(ENCOUNTER_CODE, day=1),
        tmp_path / "day1.pdf",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    done, total = seen[-1]
    assert done == total > 0


def test_the_minutes_never_carry_phones_emails_or_id_cards(
    demo_db: Path, encounter_pdfs: dict[str, Path]
) -> None:
    """The minutes are redacted by construction: no variant is needed to share them."""
    from fieldkit.core.model import Person

    with Workspace(demo_db) as ws:
        people = ws.list(Person)
    private = [v for p in people for v in (p.phone, p.email, p.id_card) if len(v) >= 5]
    assert len(private) > 50
    digits = {re.sub(r"\D", "", v) for v in private if re.sub(r"\D", "", v)}
    for pdf in encounter_pdfs.values():
        text = all_text(pdf)
        lines = [re.sub(r"\D", "", line) for line in text.splitlines()]
        assert not [v for v in private if v in text]
        assert not [d for d in digits if len(d) >= 7 and any(d in line for line in lines)]
