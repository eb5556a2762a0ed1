"""Badges read back: every QR code decodes, with a real decoder, to its person's badge code, and
the check-in screen finds that person from it; names are never cut."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldkit.core.checkin import CheckinIndex, CheckinPerson
from fieldkit.core.errors import NotFound
from fieldkit.demo import ENCOUNTER_CODE
from fieldkit.reports.badges import BOLD, NAME_MIN, SHEETS, build_badges, name_lines
from fieldkit.reports.fonts import register_fonts
from fieldkit.reports.printables import BadgesRequest, write_badges
from fieldkit.reports.roster import Roster, gather_roster
from fieldkit.store import Workspace


def _decoded(path: Path) -> list[list[str]]:
    """The QR codes of each page, from top to bottom and left to right."""
    pages = []
    document = pypdfium2.PdfDocument(path)
    try:
        for page in document:
            image = page.render(scale=150 / 72).to_pil()
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            ordered = sorted(
                found, key=lambda r: (round(r.position.top_left.y / 50), r.position.top_left.x)
            )
            pages.append([r.text for r in ordered])
    finally:
        document.close()
    return pages


@pytest.fixture(scope="module")
def roster(badged_db: Path) -> Roster:
    with Workspace(badged_db) as ws:
        return gather_roster(ws, ENCOUNTER_CODE)


@pytest.mark.parametrize(("paper", "layout"), sorted(SHEETS))
def test_every_qr_code_decodes_to_its_badge_code(
    roster: Roster, tmp_path: Path, paper: str, layout: str
) -> None:
    out = build_badges(roster, "es", paper, tmp_path / "badges.pdf", layout=layout)
    per_page = SHEETS[paper, layout].per_page
    pages = _decoded(out)
    assert len(pages) == -(-len(roster.people) // per_page)
    assert all(len(codes) == per_page for codes in pages[:-1])
    assert [code for codes in pages for code in codes] == [p.badge_code for p in roster.people]


def test_the_check_in_screen_accepts_the_scanned_code(roster: Roster, tmp_path: Path) -> None:
    index = CheckinIndex(
        CheckinPerson(p.id, p.given_names, p.surnames, registered=True, badge_code=p.badge_code)
        for p in roster.people
    )
    out = build_badges(roster, "en", "a4", tmp_path / "badges.pdf", layout="2x5")
    scanned = _decoded(out)[0]
    assert scanned
    for code, person in zip(scanned, roster.people, strict=False):
        found = index.by_badge(code)
        assert found is not None and found.id == person.id


def test_every_name_is_printed_whole(roster: Roster, tmp_path: Path) -> None:
    out = build_badges(roster, "fr", "letter", tmp_path / "badges.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    words = set(text.split())
    for person in roster.people:
        for word in f"{person.given_names} {person.surnames}".split():
            assert word in words, word


@pytest.mark.parametrize(
    ("given", "surnames"),
    [
        ("Ana", "Mamani"),
        ("María Fernanda de los Ángeles", "Quispe Mamani de la Cruz Villanueva"),
        ("Wolfgang", "Schwarzenegger-Oberhausenmeister-Königsberg"),
        ("Bartholomew-Alexander", "Featherstonehaugh"),
    ],
)
def test_a_long_name_shrinks_or_breaks_and_is_never_cut(given: str, surnames: str) -> None:
    register_fonts()
    width, height = 250.0, 80.0
    name = name_lines(given, surnames, width, height)
    assert "".join(name.lines).replace(" ", "") == (given + surnames).replace(" ", "")
    assert all(stringWidth(line, BOLD, name.size) <= width + 0.01 for line in name.lines)
    assert len(name.lines) * name.size * 1.12 <= height + 0.01
    if len(given + surnames) < 30:
        assert name.size >= NAME_MIN  # large enough to read at two metres


def test_one_person_badge_and_unknown_people(badged_db: Path, tmp_path: Path) -> None:
    with Workspace(badged_db) as ws:
        person = gather_roster(ws, ENCOUNTER_CODE).people[5]
        out = write_badges(
            ws, BadgesRequest(ENCOUNTER_CODE, people=(person.id,)), tmp_path / "one.pdf"
        )
        assert _decoded(out) == [[person.badge_code]]
        with pytest.raises(NotFound):
            write_badges(ws, BadgesRequest(ENCOUNTER_CODE, people=("nobody",)), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
