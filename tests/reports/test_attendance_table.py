"""The donors' attendance table read back: CSV and XLSX agree with the workspace, the figures
sheet with the minutes, no cell is a formula, and the redacted variant has no phone number."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from tests.reports.printables_fixtures import FORMULA_DELEGATION, FORMULA_NAME

from fieldkit.core.checkin_sheet import sheet_order
from fieldkit.core.errors import InvalidInput
from fieldkit.demo import ENCOUNTER_CODE
from fieldkit.reports import gather_minutes
from fieldkit.reports.figures import attendance_figures
from fieldkit.reports.printables import AttendanceRequest, write_attendance
from fieldkit.store import Workspace


def _csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # so that Excel opens the accents right
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))


def _phones(ws: Workspace, *, shared: bool | None = None) -> list[str]:
    """Phones of the event's people; only of those who agreed to share them (or not)."""
    event = ws.find_event(ENCOUNTER_CODE)
    return [
        r.phone
        for r in ws.people_rows(event.id)
        if r.registered and r.phone and (shared is None or r.consent_contact == shared)
    ]


def test_one_row_per_person_in_sheet_order_with_their_presence(
    badged_db: Path, tmp_path: Path
) -> None:
    with Workspace(badged_db) as ws:
        out = write_attendance(ws, AttendanceRequest(ENCOUNTER_CODE, lang="en"), tmp_path / "a.csv")
        event = ws.find_event(ENCOUNTER_CODE)
        days = ws.event_days(event.id)
        present = [ws.day_attendance(d.id) for d in days]
        people = sheet_order(r for r in ws.people_rows(event.id) if r.registered)
    rows = _csv(out)
    header, body = rows[0], rows[1:]
    assert [row[header.index("Badge")] for row in body] == [p.badge_code for p in people]
    day_columns = [i for i, name in enumerate(header) if re.match(r"Day \d — ", name)]
    assert len(day_columns) == len(days)
    for row, person in zip(body, people, strict=True):
        marks = [row[i] == "1" for i in day_columns]
        assert marks == [person.id in day for day in present]
        assert row[header.index("Days attended")] == str(sum(marks))
    for column in (
        "Gender",
        "Age group",
        "Organisation",
        "Delegation",
        "Municipality",
        "Country",
        "Mode",
        "Phone",
    ):
        assert column in header


def test_formula_looking_text_is_never_a_formula(badged_db: Path, tmp_path: Path) -> None:
    with Workspace(badged_db) as ws:
        csv_out = write_attendance(ws, AttendanceRequest(ENCOUNTER_CODE), tmp_path / "a.csv")
        xlsx_out = write_attendance(ws, AttendanceRequest(ENCOUNTER_CODE), tmp_path / "a.xlsx")
    cells = [value for row in _csv(csv_out) for value in row]
    assert "'" + FORMULA_DELEGATION in cells and "'" + FORMULA_NAME in cells
    assert not any(value.startswith(("=", "+", "@")) for value in cells)
    book = openpyxl.load_workbook(xlsx_out)
    values = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                values.append(cell.value)
    assert FORMULA_DELEGATION in values and FORMULA_NAME in values


def test_the_figures_sheet_shows_the_minutes_figures(badged_db: Path, tmp_path: Path) -> None:
    with Workspace(badged_db) as ws:
        out = write_attendance(
            ws, AttendanceRequest(ENCOUNTER_CODE, lang="en"), tmp_path / "a.xlsx"
        )
        figures = attendance_figures(gather_minutes(ws, ENCOUNTER_CODE))
    book = openpyxl.load_workbook(out)
    attendance, sheet = book.worksheets
    assert attendance.freeze_panes == "A2" and sheet.freeze_panes == "A2"
    assert all(attendance.column_dimensions[c].width >= 6 for c in "ABCDE")
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    value = {row[0]: row[1] for row in rows if row and row[0]}
    assert value["People present (each counted once)"] == figures.unique_people
    assert value["Person-sessions (each person once per session)"] == figures.person_sessions
    assert value["People registered for the event"] == figures.registered
    assert value["Counted by head count where names were not taken"] == figures.head_counted
    for day in figures.days:
        row = next(r for r in rows if r[0] == f"Day {day.day.number}" and r[1] is not None)
        assert row[1:8] == (
            day.people.total,
            *day.people.genders,
            day.people.in_person,
            day.people.virtual,
        )
    totals = [r for r in rows if r[0] == "Total"]
    assert [tuple(v for v in r[1:] if v is not None) for r in totals] == [
        b.totals for b in figures.breakdowns
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_redacted_leaves_out_phones_emails_and_id_cards(
    badged_db: Path, tmp_path: Path, suffix: str
) -> None:
    with Workspace(badged_db) as ws:
        phones = _phones(ws, shared=True)
        private = _phones(ws, shared=False)
        event = ws.find_event(ENCOUNTER_CODE)
        cards = [r.id_card for r in ws.people_rows(event.id) if r.registered and r.id_card]
        full = write_attendance(ws, AttendanceRequest(ENCOUNTER_CODE), tmp_path / f"full{suffix}")
        redacted = write_attendance(
            ws, AttendanceRequest(ENCOUNTER_CODE, redacted=True), tmp_path / f"red{suffix}"
        )

    def texts(path: Path) -> str:
        if suffix == ".csv":
            return path.read_text(encoding="utf-8-sig")
        book = openpyxl.load_workbook(path)
        return "\n".join(str(c) for s in book for row in s.iter_rows(values_only=True) for c in row)

    assert phones
    assert cards
    # The test can see them where they are.
    assert all(phone in texts(full) for phone in phones)
    assert all(card in texts(full) for card in cards)
    # Contact details of people who did not agree to share them are never written.
    assert private
    assert not any(phone in texts(full) for phone in private)
    kept = texts(redacted)
    assert not any(phone in kept for phone in phones)
    assert not any(card in kept for card in cards)


def test_another_format_is_refused(badged_db: Path, tmp_path: Path) -> None:
    with Workspace(badged_db) as ws, pytest.raises(InvalidInput):
        write_attendance(ws, AttendanceRequest(ENCOUNTER_CODE), tmp_path / "a.ods")
    assert list(tmp_path.iterdir()) == []
