"""French typography in the minutes: a no-break space before : ; ? ! and inside « », the same on
the cover and in the body, from one helper applied to every translated string."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, Table
from tests.reports.conftest import page_texts
from tests.reports.test_text import _used

from fieldkit.demo import MISSION_CODE
from fieldkit.reports import gather_minutes
from fieldkit.reports.minutes import layout_story
from fieldkit.reports.text import NBSP, ReportText, french_spacing
from fieldkit.store import Workspace

# A sign after an ordinary space, or right after a word with no space at all.
UNSPACED = re.compile(r"[ \u202f][:;?!»]|«[ \u202f]|[\w}][:;?!](?:\s|$)|[\w}]»|«[\w{]")


@pytest.mark.parametrize(
    ("typed", "set"),
    [
        ("Jour {number}: {title}", "Jour {number}\u00a0: {title}"),
        ("Jour {number} : {title}", "Jour {number}\u00a0: {title}"),
        ("Jour 1, 09:00 : Réunion", "Jour 1, 09:00\u00a0: Réunion"),
        ("décompte ; les noms", "décompte\u00a0; les noms"),
        ("Retirer ce jour ?", "Retirer ce jour\u00a0?"),
        ("Attention!", "Attention\u00a0!"),
        ("notés « <{bound} »", "notés «\u00a0<{bound}\u00a0»"),
        ("«Sembrar»", "«\u00a0Sembrar\u00a0»"),
        ("https://meet.example.org/a", "https://meet.example.org/a"),  # not a sign in text
        ("14:30–16:00", "14:30–16:00"),
        ("Page 2 sur 9", "Page 2 sur 9"),
    ],
)
def test_french_spacing(typed: str, set: str) -> None:
    assert french_spacing(typed) == set
    assert french_spacing(set) == set  # applied twice, nothing changes


def test_every_french_string_of_the_minutes_is_spaced_and_the_others_are_not() -> None:
    fr, es = ReportText("fr"), ReportText("es")
    for _context, message in _used():
        assert not UNSPACED.search(fr._(message)), fr._(message)
    assert fr._("Annex: attendance list") == "Annexe\u00a0: liste de présence"
    assert fr._("{label}: {value}") in ("{label}\u00a0: {value}",)
    assert NBSP not in es._("Annex: attendance list")
    assert ReportText("en")._("{label}: {value}") == "{label}: {value}"


def _texts(flowables: list[object]) -> list[str]:
    """The markup of every paragraph, at the top level or in a table's cells."""
    found: list[str] = []
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            found.append(flowable.text)
        elif isinstance(flowable, Table):
            for row in flowable._cellvalues:
                found += [c if isinstance(c, str) else getattr(c, "text", "") for c in row]
    return found


def test_the_cover_and_the_body_space_their_signs_alike(demo_ws: Workspace) -> None:
    data = gather_minutes(demo_ws, MISSION_CODE)
    _, flowables = layout_story(data, "fr", "a4")
    cut = next(n for n, f in enumerate(flowables) if type(f).__name__ == "PageBreak")
    cover, body = _texts(flowables[:cut]), _texts(flowables[cut:])
    assert "<b>Dates</b>\u00a0: 15–30 mars 2008" in cover  # it was 'Dates:' on the cover
    assert "<b>Programme</b>\u00a0: Uniterra" in cover
    assert any(t.startswith("Jour 1, 09:00\u00a0: ") for t in body)  # and 'Jour 1, 09:00 :' here
    assert "Séances qui y ont contribué\u00a0:" in body
    assert any(t.startswith("Annexe\u00a0: liste de présence") for t in body)


def test_no_line_of_the_french_minutes_starts_with_a_sign(tmp_path: Path, demo_db: Path) -> None:
    """The no-break space keeps a sign on the line of its word (ReportLab draws it as a space)."""
    from fieldkit.reports import build_minutes

    with Workspace(demo_db) as ws:
        data = gather_minutes(ws, MISSION_CODE)
    path = build_minutes(data, "fr", "a4", tmp_path / "mission-fr.pdf")
    cover, *body = page_texts(path)
    assert "Dates : 15–30 mars 2008" in cover and "Programme : Uniterra" in cover
    assert "Jour 1, 09:00 : Réunion d'ouverture" in " ".join(body)
    for page in PdfReader(path).pages:
        lines = [line.strip() for line in page.extract_text().splitlines()]
        assert not [line for line in lines if line[:1] in ":;?!»"]
