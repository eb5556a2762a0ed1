"""Workbooks made to exhaust memory: many merged ranges, a zip bomb. Refused in one sentence,
before anything is written; generated here, never committed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fieldkit.core.errors import InvalidInput
from fieldkit.core.ids import new_id
from fieldkit.core.model import Event
from fieldkit.io import spreadsheet
from fieldkit.io.people_import import plan_import
from fieldkit.io.spreadsheet import Spreadsheet, open_source
from fieldkit.store import Workspace

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _rewrite(
    path: Path, member: str, change: object, extra: dict[str, bytes] | None = None
) -> Path:
    """The workbook with one member's XML changed (and members added), as a hostile tool would."""
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    assert callable(change)
    contents[member] = change(contents[member])
    contents.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return path


def _merged(ranges: list[str], *, dimension: bool = True) -> object:
    def change(xml: bytes) -> bytes:
        cells = "".join(f'<mergeCell ref="{r}"/>' for r in ranges)
        xml = xml.replace(
            b"</sheetData>",
            f'</sheetData><mergeCells count="{len(ranges)}">{cells}</mergeCells>'.encode(),
        )
        return xml if dimension else re.sub(rb"<dimension [^>]*/>", b"", xml)

    return change


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    with Spreadsheet(open_source(path)) as book:
        return list(book.rows())


PEOPLE = [["Delegación", "Nombre", "Apellidos"], ["Taraco", "Rosa", "Quispe"]]
PEOPLE += [["", "Juan", "Mamani"], ["", "Ana", "Apaza"]]


def test_merged_ranges_reaching_past_the_sheet_are_clipped_to_its_rows(tmp_path: Path) -> None:
    """The review's 4.9 KB file: 60 ranges of 190,000 cells each took 1.5 GB; here a few rows."""
    path = _workbook(tmp_path / "lista.xlsx", PEOPLE)
    _rewrite(path, SHEET, _merged(["A2:A1048576"] + ["C3:Z8000"] * 60))
    assert path.stat().st_size < 10_000
    # A whole column merged by mistake: the delegation shows beside every member that exists.
    assert [cells[0] for _n, cells in _rows(path)[1:]] == ["Taraco"] * 3


def test_merged_ranges_are_limited_all_together(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "lista.xlsx", [*PEOPLE, *[["", "x"]] * 996, ["", "", "z"] + [""] * 22 + ["z"]]
    )
    _rewrite(path, SHEET, _merged(["C3:Z1000"] * 10))  # 10 × 23,952 cells, each under the limit
    with pytest.raises(
        InvalidInput, match=r"^The sheet Sheet of lista\.xlsx merges more than"
    ) as refusal:
        _rows(path)
    assert "\n" not in refusal.value.message


def test_merged_ranges_of_a_sheet_without_dimension_are_limited(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lista.xlsx", PEOPLE)
    _rewrite(path, SHEET, _merged(["C3:Z8000"] * 2, dimension=False))
    with pytest.raises(InvalidInput, match="merges more than"):
        _rows(path)


def test_a_zip_bomb_is_refused_before_it_is_unzipped(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lista.xlsx", PEOPLE)
    _rewrite(path, SHEET, lambda xml: xml, {"xl/media/padding.bin": bytes(30_000_000)})
    assert path.stat().st_size < 100_000  # 30 MB of zeros zip to about 30 KB
    with pytest.raises(InvalidInput, match=r"^The workbook lista\.xlsx unzips to 30 MB") as refusal:
        _rows(path)
    assert "\n" not in refusal.value.message


def test_a_workbook_over_the_unzipped_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "lista.xlsx", PEOPLE)
    assert _rows(path)[1][1] == ["Taraco", "Rosa", "Quispe"]
    monkeypatch.setattr(spreadsheet, "_MAX_UNZIPPED", 1000)
    with pytest.raises(InvalidInput, match="unzips to"):
        _rows(path)


def test_a_hostile_workbook_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    workspace.save(Event(id=new_id(), code="ENC", title="Encuentro"))
    path = _workbook(tmp_path / "lista.xlsx", PEOPLE)
    _rewrite(path, SHEET, _merged(["C3:Z8000"] * 2, dimension=False))
    dump = workspace.dump()
    with pytest.raises(InvalidInput, match="merges more than"):
        plan_import(workspace, "ENC", path)
    assert workspace.dump() == dump
