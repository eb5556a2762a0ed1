"""Sign-in sheets read back: row numbers, names and badge codes are those of `sheet_order`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from tests.reports.conftest import page_lines

from fieldkit.core.checkin_sheet import sheet_order
from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.demo import ENCOUNTER_CODE
from fieldkit.reports.printables import SheetsRequest, write_sheets
from fieldkit.reports.roster import gather_roster
from fieldkit.reports.signin import SIGNATURE_WIDTH, build_signin
from fieldkit.store import Workspace


def _rows(path: Path) -> list[str]:
    return [line for page in PdfReader(path).pages for line in page_lines(page)]


@pytest.mark.parametrize("landscape", [False, True])
def test_rows_are_the_sheet_order_with_their_badge_codes(
    badged_db: Path, tmp_path: Path, landscape: bool
) -> None:
    with Workspace(badged_db) as ws:
        event = ws.find_event(ENCOUNTER_CODE)
        registered = [r for r in ws.people_rows(event.id) if r.registered]
        roster = gather_roster(ws, ENCOUNTER_CODE)
    expected = sheet_order(registered)
    out = build_signin(
        roster, "en", "a4", tmp_path / "sheet.pdf", day=1, blank_rows=7, landscape=landscape
    )
    lines = _rows(out)
    for number, person in enumerate(expected, start=1):
        found = [i for i, line in enumerate(lines) if person.badge_code in line.split()]
        assert len(found) == 1, person.badge_code
        line = lines[found[0]]
        assert line.split()[0] == str(number)
        # In portrait the organisation goes under the name: the name is on the line above.
        assert f"{person.surnames}, {person.given_names}" in line + lines[found[0] - 1]
    # Then the blank rows, numbered on.
    numbers = [int(line.split()[0]) for line in lines if line.split()[0].isdigit()]
    last = len(expected) + 7
    assert max(numbers) == last
    assert [n for n in numbers if n > len(expected)] == list(range(len(expected) + 1, last + 1))


def test_every_page_is_numbered_and_carries_the_heading(badged_db: Path, tmp_path: Path) -> None:
    with Workspace(badged_db) as ws:
        out = write_sheets(
            ws, SheetsRequest(ENCOUNTER_CODE, day=2, lang="fr", paper="letter"), tmp_path / "s.pdf"
        )
    pages = PdfReader(out).pages
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Page {number} sur {len(pages)}" in text.replace("\u00a0", " ")
        assert "Jour 2" in text
        assert "Signature" in text


def test_the_signature_column_is_wide_enough_to_sign_in() -> None:
    assert min(SIGNATURE_WIDTH.values()) >= 45 * mm


def test_blank_rows_come_from_the_setting(badged_db: Path, tmp_path: Path) -> None:
    with Workspace(badged_db) as ws:
        ws.set_setting("signin_blank_rows", 3)
        try:
            registered = len(gather_roster(ws, ENCOUNTER_CODE).people)
            out = write_sheets(ws, SheetsRequest(ENCOUNTER_CODE, day=1), tmp_path / "s.pdf")
        finally:
            ws.set_setting("signin_blank_rows", None)
    numbers = [int(line.split()[0]) for line in _rows(out) if line.split()[0].isdigit()]
    assert max(numbers) == registered + 3


def test_a_session_sheet_names_the_session(badged_db: Path, tmp_path: Path) -> None:
    with Workspace(badged_db) as ws:
        roster = gather_roster(ws, ENCOUNTER_CODE)
        session = roster.days[1].sessions[2]
        out = write_sheets(
            ws, SheetsRequest(ENCOUNTER_CODE, session_id=session.id, lang="en"), tmp_path / "s.pdf"
        )
    text = PdfReader(out).pages[0].extract_text()
    assert session.title.split()[0] in text
    assert "Day 2" in text


@pytest.mark.parametrize(
    ("request_", "error"),
    [
        (SheetsRequest(ENCOUNTER_CODE, day=9), NotFound),
        (SheetsRequest(ENCOUNTER_CODE, session_id="nope"), NotFound),
        (SheetsRequest("NOPE"), NotFound),
        (SheetsRequest(ENCOUNTER_CODE, blank_rows=-1), InvalidInput),
    ],
)
def test_what_it_refuses_writes_nothing(
    badged_db: Path, tmp_path: Path, request_: SheetsRequest, error: type[Exception]
) -> None:
    out = tmp_path / "s.pdf"
    with Workspace(badged_db) as ws, pytest.raises(error):
        write_sheets(ws, request_, out)
    assert list(tmp_path.iterdir()) == []
