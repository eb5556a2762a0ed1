"""Reading rows out of CSV and XLSX files: encodings, separators, merged cells, cached formulas."""

from __future__ import annotations

import codecs
from pathlib import Path

import openpyxl
import pytest

from fieldkit.core.errors import InvalidInput
from fieldkit.io.spreadsheet import Spreadsheet, open_source

DATA = Path(__file__).parents[1] / "data" / "people"
LINES = "Nombre;Apellidos;Sexo\r\nÑuflo;Ch'uxña Pérez;M\r\n"


def _rows(path: Path, sheet: str | None = None) -> list[tuple[int, list[str]]]:
    with Spreadsheet(open_source(path)) as book:
        return list(book.rows(sheet))


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (LINES.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + LINES.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + LINES.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + LINES.encode("utf-16-be"), "utf-16"),
        (LINES.encode("cp1252"), "cp1252"),
    ],
)
def test_the_encoding_is_detected_and_the_accents_survive(
    tmp_path: Path, encoded: bytes, encoding: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(encoded)
    source = open_source(path)
    assert (source.encoding, source.delimiter) == (encoding, ";")
    assert _rows(path) == [
        (1, ["Nombre", "Apellidos", "Sexo"]),
        (2, ["Ñuflo", "Ch'uxña Pérez", "M"]),
    ]


def test_a_late_windows_1252_byte_is_not_taken_for_utf8(tmp_path: Path) -> None:
    """The whole file decides, not its first lines: the accent may come after thousands of rows."""
    path = tmp_path / "long.csv"
    body = "Nombre,Apellidos\n" + "Ana,Quispe\n" * 20_000 + "José,Núñez\n"
    path.write_bytes(body.encode("cp1252"))
    assert open_source(path).encoding == "cp1252"
    assert _rows(path)[-1] == (20_002, ["José", "Núñez"])


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Lista de participantes\n\nNombre,Apellidos,Sexo\nAna,Quispe,F\n", ","),
        ('Título\nNombre;Apellidos;Sexo\nAna;"Quispe, Mamani";F\n', ";"),
        ("Nombre\tApellidos\tSexo\nAna\tQuispe\tF\n", "\t"),
    ],
)
def test_the_separator_is_the_one_that_splits_the_rows_alike(
    tmp_path: Path, text: str, delimiter: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    assert open_source(path).delimiter == delimiter


def test_a_workbook_gives_cached_formula_values_and_fills_merged_cells() -> None:
    rows = dict(_rows(DATA / "delegacion-taraco.xlsx", "Participantes"))
    assert rows[1][0].startswith("ENCUENTRO BINACIONAL")
    assert rows[2] == []
    assert rows[4][1:6] == ["Rosa", "Quispe", "Mamani", "M", "41"]  # =2021-1980, as Excel left it
    assert rows[4][8:11] == ["59171234567", "4567123", "Taraco"]  # numbers as typed
    assert [rows[n][10] for n in range(4, 9)] == ["Taraco"] * 5  # merged down K4:K8


def test_a_workbook_lists_its_sheets_and_refuses_an_unknown_one() -> None:
    with Spreadsheet(open_source(DATA / "delegacion-taraco.xlsx")) as book:
        assert book.sheet_names == ["Instrucciones", "Participantes"]
        with pytest.raises(InvalidInput, match="no sheet named Hoja1"):
            list(book.rows("Hoja1"))


def test_dates_and_numbers_of_a_workbook_read_as_people_typed_them(tmp_path: Path) -> None:
    import datetime as dt

    book = openpyxl.Workbook()
    book.active.append(["Nombre", 71234567.0, 3.5, dt.datetime(2021, 10, 11), None, "  Rosa  "])
    book.save(tmp_path / "b.xlsx")
    assert _rows(tmp_path / "b.xlsx") == [
        (1, ["Nombre", "71234567", "3.5", "2021-10-11", "", "Rosa"])
    ]


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("binary.csv", "is neither a spreadsheet nor a text list"),
        ("empty.csv", "is empty"),
        ("password.xlsx", "protected by a password"),
        ("not-a-workbook.xlsx", "is not a workbook that can be read"),
    ],
)
def test_unreadable_files_are_refused_in_one_sentence(name: str, sentence: str) -> None:
    with (
        pytest.raises(InvalidInput, match=sentence) as refusal,
        Spreadsheet(open_source(DATA / name)) as book,
    ):
        list(book.rows())
    assert refusal.value.message.count(".") <= 3 and "\n" not in refusal.value.message


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot be read"):
        open_source(tmp_path / "nowhere.csv")


def test_a_workbook_damaged_inside_a_sheet_is_refused(tmp_path: Path) -> None:
    import zipfile

    damaged = tmp_path / "damaged.xlsx"
    with (
        zipfile.ZipFile(DATA / "delegacion-taraco.xlsx") as source,
        zipfile.ZipFile(damaged, "w") as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                content = content[: len(content) // 2]  # cut in the middle of the rows
            target.writestr(item, content)
    with pytest.raises(InvalidInput, match=r"damaged\.xlsx is damaged near line"):
        _rows(damaged, "Participantes")
