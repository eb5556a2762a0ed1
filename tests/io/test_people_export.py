"""The list of registered people out: CSV and XLSX, headers in a language, redacted, formula-safe."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fieldkit.core.cells import safe_csv_cell, unguarded_cell
from fieldkit.core.errors import InvalidInput
from fieldkit.core.ids import new_id
from fieldkit.core.model import Event, Person
from fieldkit.io.people_export import people_table, write_people
from fieldkit.io.people_import import apply_plan, plan_import
from fieldkit.store import Workspace

DATA = Path(__file__).parents[1] / "data" / "people"
FILES = ["delegacion-taraco.xlsx", "formulario-en-linea.csv", "liste-excel-fr.csv"]


@pytest.fixture
def event(workspace: Workspace) -> str:
    workspace.save(Event(id=new_id(), code="ENC", title="Encuentro"))
    for name in FILES:
        apply_plan(workspace, plan_import(workspace, "ENC", DATA / name))
    # Everyone agreed to share their contact details, but one (see the consent test).
    people = workspace.list(Person)
    private = next(person for person in people if person.email)
    for person in people:
        if person is not private:
            workspace.update(Person, person.id, consent_contact=True)
    return "ENC"


def test_contact_details_are_written_only_with_consent(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    write_people(workspace, event, path, lang="en")
    cells = {cell.lstrip("'") for row in _csv_rows(path) for cell in row}
    people = [p for p in workspace.list(Person) if p.phone or p.email]
    agreed = [p for p in people if p.consent_contact]
    refused = [p for p in people if not p.consent_contact]
    assert refused, "the fixture keeps one person without consent"
    assert all(p.phone in cells or p.email in cells for p in agreed)
    assert not any(value and value in cells for p in refused for value in (p.phone, p.email))


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _phones(ws: Workspace) -> list[str]:
    phones = [row.phone for row in ws.people_rows() if row.phone]
    assert len(phones) >= 6
    return phones


def test_the_csv_list_has_a_header_and_one_row_per_registered_person(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    count = write_people(workspace, event, path, lang="es")
    rows = _csv_rows(path)
    assert rows[0][:3] == ["Nombres", "Apellidos", "Género"]
    assert len(rows) == count + 1 == workspace.registered_count(workspace.find_event(event).id) + 1
    surnames = [row[1] for row in rows[1:]]
    assert surnames.index("Apaza") < surnames.index("Quispe Mamani")  # sorted by surnames


def test_headers_follow_the_language(workspace: Workspace, event: str) -> None:
    english, _rows = people_table(workspace, event, lang="en")
    assert english[:3] == ["Given names", "Surnames", "Gender"]
    assert english[-3:] == ["Phone", "E-mail", "ID card"]
    french, _rows = people_table(workspace, event, lang="fr")
    assert french[:3] != english[:3]


def test_an_exported_list_imports_back_as_the_same_people(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    """Its Spanish headers are ones the import recognises: a list can go out and come back."""
    path = tmp_path / "lista.xlsx"
    count = write_people(workspace, event, path, lang="es")
    workspace.save(Event(id=new_id(), code="NEXT", title="Siguiente"))
    plan = plan_import(workspace, "NEXT", path)
    assert plan.ignored == [] and len(plan.rows) == count
    for row in plan.rows:
        assert row.person is not None
        if row.person.phone or row.person.email or row.person.id_card:
            assert row.outcome.value == "matched", row
        else:  # a name alone, at another event: only a suggestion, by the rule
            assert row.outcome.value == "suggested", row
            assert [s.full_name for s in row.suggestions] == [row.person.full_name]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_redacted_list_holds_no_phone_email_or_id_card(
    workspace: Workspace, event: str, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"people{suffix}"
    write_people(workspace, event, path, lang="en", redacted=True)
    if suffix == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
    else:
        with zipfile.ZipFile(path) as archive:
            text = "".join(archive.read(n).decode() for n in archive.namelist())
    digits = "".join(c for c in text if c.isdigit())
    for row in workspace.people_rows():
        for phone in [row.phone] if row.phone else []:
            assert phone not in text
            assert "".join(c for c in phone if c.isdigit()) not in digits
        assert not row.email or row.email not in text
        assert not row.id_card or row.id_card not in text
    assert "Phone" not in text and "E-mail" not in text
    full = tmp_path / f"full{suffix}"
    write_people(workspace, event, full, lang="en")
    assert len(_phones(workspace)) >= 6  # the full list is the one that holds them


def test_a_formula_looking_cell_is_never_run(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    write_people(workspace, event, path, lang="en")
    cells = [cell for row in _csv_rows(path) for cell in row]
    assert not [cell for cell in cells if cell and cell[0] in "=+-@"]
    assert '\'=HYPERLINK("http://example.com/x","Ana")' in cells
    assert "'+591 71234567" in cells or "'+591 7 345-6789" in cells

    book_path = tmp_path / "people.xlsx"
    write_people(workspace, event, book_path, lang="en")
    with zipfile.ZipFile(book_path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    book = openpyxl.load_workbook(book_path)  # not data_only: a formula would show as one
    values = [cell for row in book.active.iter_rows() for cell in row]
    hyperlink = [c for c in values if str(c.value).startswith("=HYPERLINK")]
    assert len(hyperlink) == 1 and hyperlink[0].data_type == "s"


def test_an_exported_csv_imports_back_without_the_guarding_apostrophe(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    write_people(workspace, event, path, lang="es")
    assert any(cell.startswith("'+") for row in _csv_rows(path) for cell in row)
    fresh = Workspace(tmp_path / "fresh.sqlite")
    try:
        fresh.save(Event(id=new_id(), code="ENC", title="Encuentro"))
        apply_plan(fresh, plan_import(fresh, "ENC", path))
        phones = _phones(fresh)
        assert any(phone.startswith("+591") for phone in phones)
        assert not [phone for phone in phones if phone.startswith("'")]
        shared = [row.phone for row in workspace.people_rows() if row.phone and row.consent_contact]
        assert sorted(phones) == sorted(shared)
        names = [row.given_names for row in fresh.people_rows()]
        assert '=HYPERLINK("http://example.com/x","Ana")' in names
    finally:
        fresh.close()


def test_safe_csv_cell() -> None:
    assert safe_csv_cell("=1+1") == "'=1+1"
    assert safe_csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_csv_cell("-2") == "'-2"
    assert safe_csv_cell("Rosa") == "Rosa"
    assert safe_csv_cell("\tx") == "'\tx"  # the one set of the attendance table too
    for text in ("=1+1", "+57 300 1234567", "Rosa", "'quoted", "'", ""):
        assert unguarded_cell(safe_csv_cell(text)) == text


def test_an_export_to_another_format_or_an_unknown_event_is_refused(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match=r"\.csv or \.xlsx"):
        write_people(workspace, event, tmp_path / "people.pdf", lang="en")
    assert not (tmp_path / "people.pdf").exists()
