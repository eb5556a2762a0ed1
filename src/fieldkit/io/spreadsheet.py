"""Rows of text out of the spreadsheets partners send: CSV in any of their encodings, and XLSX.

Streams: a file is never read whole into memory; each sheet yields (row number, cells) one row at
a time, cells as stripped text. What cannot be read is refused in one sentence (`InvalidInput`)
before anything else happens.

Encoding of a text file, by rule rather than by statistics: a BOM (UTF-8 or UTF-16) says it;
otherwise the file is UTF-8 if all of it decodes as UTF-8 (a Windows-1252 file with accents never
does), else Windows-1252, what Excel writes on Windows in Spanish and French. Statistical
detectors guess among dozens of code pages and can name a wrong one for a short list of names;
partners' files are one of these, and a rule is the same on every laptop.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.core.errors import InvalidInput
from fieldkit.i18n import _, current_language, format_number

Row = tuple[int, list[str]]  # (row number in the file or sheet, counted from 1; cells)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .xlsx, or an old .xls
_ZIP = b"PK\x03\x04"
_DELIMITERS = (",", ";", "\t")
_SAMPLE_LINES = 40
_CHUNK = 1 << 16
_MAX_MERGED_CELLS = 200_000  # all merged ranges of a sheet together, clipped to its rows
# An .xlsx is a zip: what it unzips to is refused above these, before a sheet is parsed. A real
# list of 200,000 people unzips to about 130 MB, about 13 times its zipped size.
_MAX_UNZIPPED = 200_000_000
_MAX_RATIO = 100


@dataclass(frozen=True)
class Source:
    """A file opened for reading rows: its kind, and for a text file how to decode and split it."""

    path: Path
    kind: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""


def open_source(path: Path) -> Source:
    """Look at a file and decide how to read it, or refuse it in one sentence."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_CHUNK)
    except OSError as error:
        raise InvalidInput(
            _("The file {name} cannot be read: {reason}.").format(
                name=path.name, reason=error.strerror or error
            )
        ) from None
    if not head.strip():
        raise InvalidInput(_("The file {name} is empty.").format(name=path.name))
    if head.startswith(_OLE):
        raise InvalidInput(
            _(
                "The workbook {name} is protected by a password or is an old Excel 97-2003 file; "
                "save it as .xlsx without a password, or as CSV, and import that."
            ).format(name=path.name)
        )
    if head.startswith(_ZIP):
        return Source(path, "xlsx")
    encoding = _encoding(path, head)
    sample = _text_sample(path, encoding)
    if _looks_binary(sample):
        raise InvalidInput(
            _("The file {name} is neither a spreadsheet nor a text list.").format(name=path.name)
        )
    return Source(path, "csv", encoding, _delimiter(sample))


def _encoding(path: Path, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:  # UTF-16 without a BOM, or not text at all
        raise InvalidInput(
            _("The file {name} is neither a spreadsheet nor a text list.").format(name=path.name)
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _text_sample(path: Path, encoding: str) -> str:
    lines: list[str] = []
    try:
        with path.open(encoding=encoding, newline="") as handle:
            for line in handle:
                lines.append(line)
                if len(lines) >= _SAMPLE_LINES:
                    break
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        raise InvalidInput(
            _("The file {name} is neither a spreadsheet nor a text list.").format(name=path.name)
        ) from None
    return "".join(lines)


def _looks_binary(sample: str) -> bool:
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n")
    return controls > max(2, len(sample) // 100)


def _delimiter(sample: str) -> str:
    """The separator that splits most sample lines into the same number of cells (more than one).

    Title rows above the header have one cell whatever the separator, so they do not vote.
    """
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        widths: dict[int, int] = {}
        for cells in csv.reader(sample.splitlines(), delimiter=delimiter):
            width = len([c for c in cells if c.strip()])
            if width > 1:
                widths[width] = widths.get(width, 0) + 1
        if widths:
            width, lines = max(widths.items(), key=lambda item: (item[1], item[0]))
            score = (lines, width)
            if score > best_score:
                best, best_score = delimiter, score
    return best


# --- sheets ----------------------------------------------------------------------------------


class Spreadsheet:
    """The sheets of an opened source and their rows, read as they are asked for."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._workbook: Any = None
        if source.kind == "xlsx":
            self._workbook = _open_workbook(source.path)

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()

    def __enter__(self) -> Spreadsheet:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def sheet_names(self) -> list[str]:
        if self._workbook is None:
            return [self.source.path.stem]
        return list(self._workbook.sheetnames)

    def rows(self, sheet: str | None = None) -> Iterator[Row]:
        """(row number, cells) of one sheet (a CSV file has one), empty trailing cells dropped."""
        if self._workbook is None:
            return _csv_rows(self.source)
        return _sheet_rows(self._workbook, sheet or self.sheet_names[0], self.source.path.name)


def _csv_rows(source: Source) -> Iterator[Row]:
    with source.path.open(encoding=source.encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=source.delimiter)
        try:
            for cells in reader:
                yield reader.line_num, _trimmed([cell.strip() for cell in cells])
        except (csv.Error, UnicodeDecodeError):
            raise InvalidInput(
                _("The file {name} is damaged near line {line}.").format(
                    name=source.path.name, line=reader.line_num
                )
            ) from None


def _open_workbook(path: Path) -> Any:
    import openpyxl  # only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        _check_unzipped_size(path)
        # data_only: the values Excel last computed, never the formulas themselves.
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise InvalidInput(
            _("The file {name} is not a workbook that can be read.").format(name=path.name)
        ) from None


def _check_unzipped_size(path: Path) -> None:
    """Refuse a workbook that unzips to too much (a zip bomb), from its directory alone.

    The sizes a zip declares bound what is read: Python's zipfile stops at a member's declared
    size, so a member that lies about it cannot unzip to more.
    """
    with zipfile.ZipFile(path) as archive:
        unzipped = sum(member.file_size for member in archive.infolist())
    if unzipped > _MAX_UNZIPPED or unzipped > _MAX_RATIO * max(path.stat().st_size, 1):
        raise InvalidInput(
            _(
                "The workbook {name} unzips to {size} MB, more than a list of people can be; "
                "save it again from the spreadsheet, or as CSV, and import that."
            ).format(
                name=path.name,
                size=format_number(max(unzipped // 1_000_000, 1), current_language()),
            )
        )


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _merged_ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range of a sheet.

    Read-only worksheets do not expose them; they sit after the rows in the sheet's XML, so the
    XML is scanned once as bytes, a chunk at a time.
    """
    from openpyxl.utils.cell import column_index_from_string

    found: list[tuple[int, int, int, int]] = []
    tail = b""
    with sheet.parent._archive.open(sheet._worksheet_path) as handle:
        while chunk := handle.read(1 << 20):
            text = tail + chunk
            end = 0
            for match in _MERGE.finditer(text):
                c1, r1, c2, r2 = match.groups()
                found.append(
                    (
                        int(r1),
                        column_index_from_string(c1.decode()),
                        int(r2),
                        column_index_from_string(c2.decode()),
                    )
                )
                end = match.end()
            tail = text[max(end, len(text) - 200) :]
    return found


def _sheet_rows(workbook: Any, name: str, file_name: str) -> Iterator[Row]:
    if name not in workbook.sheetnames:
        raise InvalidInput(
            _("The workbook has no sheet named {sheet}; its sheets are: {sheets}.").format(
                sheet=name, sheets=", ".join(workbook.sheetnames)
            )
        )
    number = 0
    try:
        for number, cells in _cells(workbook[name], file_name):
            yield number, cells
    # SyntaxError: what the XML parsers (ElementTree's and lxml's) raise on a damaged sheet.
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, SyntaxError):
        raise InvalidInput(
            _("The file {name} is damaged near line {line}.").format(
                name=file_name, line=number + 1
            )
        ) from None


def _cells(sheet: Any, file_name: str) -> Iterator[Row]:
    # A merged cell keeps its value in its first cell: every cell of the range shows it, as
    # Excel does (a delegation written once beside all of its members).
    fills: dict[int, list[tuple[int, tuple[int, int]]]] = {}  # row: [(column, origin)]
    wanted: set[tuple[int, int]] = set()
    # Only the rows and columns the sheet has: a whole column merged by mistake is its few rows.
    last_row, last_column = sheet.max_row, sheet.max_column
    total = 0
    for r1, c1, r2, c2 in _merged_ranges(sheet):
        r2 = min(r2, last_row) if last_row else r2
        c2 = min(c2, last_column) if last_column else c2
        if r1 > r2 or c1 > c2:
            continue  # beyond the sheet's cells
        total += (r2 - r1 + 1) * (c2 - c1 + 1)
        if total > _MAX_MERGED_CELLS:
            raise InvalidInput(
                _(
                    "The sheet {sheet} of {name} merges more than {limit} cells; "
                    "unmerge them and import the file again."
                ).format(
                    sheet=sheet.title,
                    name=file_name,
                    limit=format_number(_MAX_MERGED_CELLS, current_language()),
                )
            )
        wanted.add((r1, c1))
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    fills.setdefault(r, []).append((c, (r1, c1)))
    remembered: dict[tuple[int, int], str] = {}
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_text(value) for value in values]
        if wanted:
            for c, text in enumerate(cells, start=1):
                if (number, c) in wanted:
                    remembered[(number, c)] = text
            for c, origin in fills.get(number, ()):
                while len(cells) < c:
                    cells.append("")
                cells[c - 1] = remembered.get(origin, "")
        yield number, _trimmed(cells)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone or ID number typed as a number
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    return cells
