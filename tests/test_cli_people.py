"""`fieldkit people import` and `fieldkit people export`: exit codes, JSON, one sentence per refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.core.ids import new_id
from fieldkit.core.model import Event, Person
from fieldkit.store import Workspace

DATA = Path(__file__).parent / "data" / "people"


@pytest.fixture
def db(db_path: Path) -> str:
    with Workspace(db_path) as ws:
        ws.save(Event(id=new_id(), code="ENC", title="Encuentro"))
    return str(db_path)


def _dump(db: str) -> bytes:
    with Workspace(Path(db)) as ws:
        return ws.dump()


def test_import_prints_a_summary_and_a_second_run_adds_nobody(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(DATA / "formulario-en-linea.csv")
    assert main(["--db", db, "people", "import", "ENC", path]) == 0
    err = capsys.readouterr().err
    assert "New people: 5" in err and "Rows rejected: 1" in err
    assert "Row 7: The row has no name." in err
    assert "Columns left out: Marca temporal." in err
    dump = _dump(db)
    assert main(["--db", db, "people", "import", "ENC", path, "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["summary"] == {"new": 0, "matched": 5, "suggested": 0, "rejected": 1}
    assert report["rows"][0]["row"] == 2 and report["rows"][0]["outcome"] == "matched"
    assert report["rows"][-1] == {
        "row": 7,
        "outcome": "rejected",
        "name": "",
        "person_id": None,
        "reason": "The row has no name.",
        "notes": [],
        "suggestions": [],
    }
    assert "New people: 0" in captured.err
    assert _dump(db) == dump


def test_a_dry_run_writes_nothing(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    dump = _dump(db)
    args = ["--db", db, "people", "import", "ENC", str(DATA / "delegacion-taraco.xlsx")]
    assert main([*args, "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] is True and report["summary"]["new"] == 5
    assert report["sheet"] == "Participantes" and report["header_row"] == 3
    assert _dump(db) == dump


def test_sheet_and_map_options(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "lista.csv"
    path.write_text("Nombre,Apellidos,Ayllu\nRosa,Quispe,Qullana\n", encoding="utf-8")
    assert (
        main(["--db", db, "people", "import", "ENC", str(path), "--map", "Ayllu=delegation"]) == 0
    )
    capsys.readouterr()
    with Workspace(Path(db)) as ws:
        (row,) = ws.people_rows(ws.find_event("ENC").id)
    assert row.delegation == "Qullana"
    assert main(["--db", db, "people", "import", "ENC", str(path), "--map", "Ayllu"]) == 1
    assert capsys.readouterr().err.strip() == "--map takes HEADER=field, not Ayllu."
    workbook = str(DATA / "delegacion-taraco.xlsx")
    assert main(["--db", db, "people", "import", "ENC", workbook, "--sheet", "Hoja 1"]) == 2
    assert "no sheet named Hoja 1" in capsys.readouterr().err


@pytest.mark.parametrize(
    "name", ["binary.csv", "empty.csv", "no-header.csv", "password.xlsx", "not-a-workbook.xlsx"]
)
def test_an_unusable_file_exits_non_zero_with_one_sentence_and_changes_nothing(
    db: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = _dump(db)
    assert main(["--db", db, "people", "import", "ENC", str(DATA / name)]) != 0
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert name in captured.err
    assert _dump(db) == dump


def test_export_csv_and_redacted_xlsx(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "people", "import", "ENC", str(DATA / "liste-excel-fr.csv")]) == 0
    with Workspace(Path(db)) as ws:  # they agreed to share their contact details
        for person in ws.list(Person):
            ws.update(Person, person.id, consent_contact=True)
    out = tmp_path / "liste.csv"
    assert main(["--db", db, "people", "export", "ENC", "--out", str(out), "--lang", "en"]) == 0
    assert "4 people were written to" in capsys.readouterr().err
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Given names,Surnames,Gender")
    assert "helene.gagne@example.ca" in text
    redacted = tmp_path / "liste.xlsx"
    assert main(["--db", db, "people", "export", "ENC", "--out", str(redacted), "--redacted"]) == 0
    import zipfile

    with zipfile.ZipFile(redacted) as archive:
        content = "".join(archive.read(n).decode() for n in archive.namelist())
    assert "Hélène" in content and "helene.gagne@example.ca" not in content
    assert "418" not in content
    assert main(["--db", db, "people", "export", "NOPE", "--out", str(out)]) == 1
