"""Certificates go to exactly the people present on enough days, counted apart from the report."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldkit.core.errors import InvalidInput
from fieldkit.core.model import Person
from fieldkit.demo import ENCOUNTER_CODE
from fieldkit.reports.printables import CertificatesRequest, write_certificates
from fieldkit.store import Workspace


def _days_present(ws: Workspace) -> tuple[Counter[str], int]:
    """{full name: days present}, from the workspace's own count of each day."""
    event = ws.find_event(ENCOUNTER_CODE)
    days = ws.event_days(event.id)
    counts: Counter[str] = Counter()
    for day in days:
        counts.update(ws.day_attendance(day.id).keys())
    people = {p.id: p for p in ws.list(Person, where={"id": sorted(counts)})}
    return Counter({people[i].full_name: n for i, n in counts.items()}), len(days)


def _names(path: Path) -> list[str]:
    names = []
    for page in PdfReader(path).pages:
        lines = [line.strip() for line in page.extract_text().splitlines()]
        names.append(lines[lines.index("This certifies that") + 1])
    return names


@pytest.mark.parametrize("min_days", [None, 1, 3])
def test_exactly_the_people_who_qualify(
    badged_db: Path, tmp_path: Path, min_days: int | None
) -> None:
    with Workspace(badged_db) as ws:
        present, day_count = _days_present(ws)
        [out] = write_certificates(
            ws,
            CertificatesRequest(ENCOUNTER_CODE, min_days=min_days, lang="en"),
            tmp_path / "c.pdf",
        )
    needed = min_days or 2  # at least half of three days
    expected = {name for name, days in present.items() if days >= needed}
    names = _names(out)
    assert len(names) == len(set(names))
    assert set(names) == expected
    assert 0 < len(expected) < len(present) or min_days == 1
    text = PdfReader(out).pages[0].extract_text()
    assert f"out of {day_count}" in text


def test_one_pdf_per_person(badged_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "each"
    with Workspace(badged_db) as ws:
        present, _ = _days_present(ws)
        written = write_certificates(
            ws, CertificatesRequest(ENCOUNTER_CODE, separate=True, lang="es"), folder
        )
    assert sorted(folder.iterdir()) == sorted(written)
    assert len(written) == sum(1 for days in present.values() if days >= 2)
    assert all(len(PdfReader(path).pages) == 1 for path in written)


def test_the_logo_and_the_organisation_are_on_every_certificate(
    badged_db: Path, tmp_path: Path
) -> None:
    logo = (Path(__file__).parents[2] / "resources" / "icons").glob("*.png")
    data = next(iter(sorted(logo))).read_bytes()
    with Workspace(badged_db) as ws:
        ws.set_setting("logo", ws.add_blob(data))
        ws.set_setting("organisation_name", "Servicio Rural Integral")
        try:
            [out] = write_certificates(
                ws, CertificatesRequest(ENCOUNTER_CODE, min_days=3), tmp_path / "c.pdf"
            )
        finally:
            ws.set_setting("logo", None)
            ws.set_setting("organisation_name", None)
    for page in PdfReader(out).pages:
        assert "Servicio Rural Integral" in page.extract_text()
        assert page.images  # the logo


def test_zero_days_is_refused(badged_db: Path, tmp_path: Path) -> None:
    with Workspace(badged_db) as ws, pytest.raises(InvalidInput):
        write_certificates(ws, CertificatesRequest(ENCOUNTER_CODE, min_days=0), tmp_path / "c.pdf")
    assert list(tmp_path.iterdir()) == []
