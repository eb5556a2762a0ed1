"""Makes the lists of people that tests/io/test_people_files.py imports, written as partners write them.

Run from the repository root: `.venv/bin/python tests/data/people/make_files.py`. The files are
committed; rerun only to change them. Good lists: an Excel list per delegation (title row, merged
cells, a formula, an instructions sheet first), a CSV from an online form (UTF-8 with BOM, full
names, a formula-looking name), a French Excel CSV (Windows-1252, `;`, F/H letters, a title row
and empty rows), a tab-separated list with surnames first (F/M letters, DNI, particles) and a
"Unicode text" export (UTF-16 with BOM). Unusable files: random bytes, an empty file, a list with
no header, a password-protected workbook (an OLE container, as Excel writes one) and a zip that
is not a workbook.
"""

from __future__ import annotations

import codecs
import io
import random
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent


def taraco_workbook() -> None:
    """A delegation's Excel list: instructions sheet first, title merged across, a blank row,
    the delegation written once in a cell merged down beside its members, ages computed."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Instrucciones"
    notes["A1"] = "Llenar una fila por participante. No modificar los títulos."
    notes["A2"] = "Enviar a la coordinación antes del 5 de octubre."
    sheet = book.create_sheet("Participantes")
    sheet["A1"] = "ENCUENTRO BINACIONAL PERÚ-BOLIVIA — Delegación de Taraco"
    sheet.merge_cells("A1:K1")
    headers = [
        "N°", "Nombres", "Apellido paterno", "Apellido materno", "Sexo", "Edad",
        "Institución", "Cargo", "Celular", "CI", "Delegación", "Firma",
    ]  # fmt: skip
    sheet.append([])
    sheet.append(headers)
    people = [
        ("Rosa", "Quispe", "Mamani", "M", "=2021-1980", "Red de Mujeres Aymaras", "Presidenta", 59171234567, 4567123),
        ("Juan Carlos", "Mamani", "Condori", "H", "60+", "Gobierno Autónomo Municipal de Taraco", "Concejal", 59172345678, 3456789),
        ("Eulogia", "Ch'uxña", "Ñuflo", "M", "30-44", "Red de Mujeres Aymaras", "Relatora", "+591 7 345-6789", ""),
        ("Felícitas", "Pérez", "de la Cruz", "M", 25, "Asociación de Productores", "", "", "1234567 LP"),
        ("Teodoro", "Apaza", "", "H", "45 a 59", "Asociación de Productores", "Técnico", 71112233, ""),
    ]  # fmt: skip
    for number, (given, first, second, sex, age, org, role, phone, card) in enumerate(people, 1):
        sheet.append([number, given, first, second, sex, age, org, role, phone, card, None, None])
    sheet["K4"] = "Taraco"
    sheet.merge_cells("K4:K8")
    buffer = io.BytesIO()
    book.save(buffer)
    _write_with_cached_values(
        buffer.getvalue(), HERE / "delegacion-taraco.xlsx", {"2021-1980": "41"}
    )


def _write_with_cached_values(data: bytes, path: Path, values: dict[str, str]) -> None:
    """Excel stores a formula with the value it last computed; openpyxl stores none."""
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                for formula, value in values.items():
                    content = content.replace(
                        f"<f>{formula}</f><v />".encode(),
                        f"<f>{formula}</f><v>{value}</v>".encode(),
                    )
            target.writestr(item, content)


def online_form() -> None:
    """An online registration form's CSV: UTF-8 with BOM, full names, Femenino/Masculino, age
    ranges in words, phones with the country code, and a name that looks like a formula."""
    text = (
        "Marca temporal,Nombres y apellidos,Correo electrónico,Teléfono,Género,Rango de edad,"
        "Organización,País\r\n"
        "2021/10/01 9:14:03,Rosa Quispe Mamani,rosa.quispe@example.org,+591 71234567,Femenino,"
        "de 30 a 44 años,Red de Mujeres Aymaras,Bolivia\r\n"
        "2021/10/01 9:20:41,María Elena Pérez de la Cruz,mepc@example.org,(51) 987 654 321,"
        "Femenino,18-29,Municipalidad de Pamparomás,Perú\r\n"
        '2021/10/01 10:02:11,"Huamán Flores, José",jose.huaman@example.pe,+51 912 345 678,'
        "Masculino,60 y más,Comunidad de Aija,Perú\r\n"
        '2021/10/02 8:00:00,"=HYPERLINK(""http://example.com/x"",""Ana"")",ana@example.org,,'
        "Femenino,30-44,,Bolivia\r\n"
        "2021/10/02 8:30:00,Wilfredo Ticona,wilfredo@example,,Masculino,menos de 18,,Bolivia\r\n"
        "2021/10/02 9:00:00,,sin.nombre@example.org,,Femenino,,,Bolivia\r\n"
    )
    (HERE / "formulario-en-linea.csv").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))


def french_excel() -> None:
    """A list saved by a French Excel: Windows-1252, `;`, a title row, F/H letters, empty rows."""
    text = (
        "Liste des participant·e·s — atelier de Québec;;;;;;;;\r\n"
        ";;;;;;;;\r\n"
        "Nom;Prénom;Genre;Âge;Organisation;Fonction;Commune;Pays;Téléphone;Courriel\r\n"
        "Gagné;Hélène;F;34;Coalition québécoise de l'eau;Animatrice;Québec;Canada;"
        "+1 418 555-0101;helene.gagne@example.ca\r\n"
        "Côté;François;H;52;Coalition québécoise de l'eau;Rapporteur;Lévis;Canada;418-555-0102;\r\n"
        ";;;;;;;;\r\n"
        "Bérubé;Marie-Ève;F;;Programme de coopération;;Montréal;Canada;;marie-eve@example.ca\r\n"
        "Lévesque;Noël;H;60+;;;Rimouski;Canada;;\r\n"
    )
    (HERE / "liste-excel-fr.csv").write_bytes(text.encode("cp1252"))


def surnames_first() -> None:
    """A tab-separated list with surnames first in one column, F/M letters and DNI numbers."""
    text = (
        "Nº\tApellidos y nombres\tSexo\tDNI\tComunidad\tMunicipio\n"
        "1\tQuispe Mamani, Rosa\tF\t40123456\tAija\tLa Merced\n"
        "2\tCONDORI TICONA Juan\tM\t40234567\tAija\tLa Merced\n"
        "3\tde la Cruz Huamán María Luz\tF\t40345678\tPamparomás\tPamparomás\n"
        "4\tAlvarado Ríos Pedro Pablo\tM\t\tPamparomás\tPamparomás\n"
    )
    (HERE / "apellidos-y-nombres.tsv").write_bytes(text.encode("utf-8"))


def utf16_list() -> None:
    """Excel's "Unicode text": UTF-16 with BOM, tab-separated, Mujer/Hombre."""
    text = (
        "Nombre\tApellidos\tSexo\tDelegación\tMunicipio\tCorreo\r\n"
        "Nina\tMamani Apaza\tMujer\tSalinas\tSalinas de Garci Mendoza\tnina.mamani@example.org\r\n"
        "Inti\tCopa Huanca\tHombre\tPalos Blancos\tPalos Blancos\t\r\n"
        "Sumaq\tYupanqui\tMujer\tSalinas\tSalinas de Garci Mendoza\t\r\n"
    )
    (HERE / "unicode-text.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))


def unusable() -> None:
    rng = random.Random(12)
    (HERE / "binary.csv").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "no-header.csv").write_text(
        "Rosa,Quispe,F,71234567\nJuan,Mamani,M,72345678\n", encoding="utf-8"
    )
    # What Excel writes when a workbook is saved with a password: an OLE compound file holding
    # the EncryptionInfo and EncryptedPackage streams, not a zip.
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + bytes.fromhex("3e000300feff0900")
    body = "EncryptionInfo EncryptedPackage".encode("utf-16-le")
    (HERE / "password.xlsx").write_bytes(
        header + bytes(512 - len(header)) + body + bytes(rng.randrange(256) for _ in range(2048))
    )
    with zipfile.ZipFile(HERE / "not-a-workbook.xlsx", "w") as archive:
        archive.writestr("notes.txt", "not a workbook")


if __name__ == "__main__":
    taraco_workbook()
    online_form()
    french_excel()
    surnames_first()
    utf16_list()
    unusable()
