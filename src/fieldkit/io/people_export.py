"""The people registered to an event as a CSV or XLSX list, headers in the reader's language.

The redacted list leaves out phone, e-mail and ID-card numbers (a list that leaves the team). A
cell whose text begins with `=`, `+`, `-` or `@` would be run as a formula by a spreadsheet: in a
CSV it gets a leading `'`, in an XLSX it is stored as text, never as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from fieldkit.core.cells import safe_csv_cell
from fieldkit.core.errors import InvalidInput, UserError
from fieldkit.core.listing import PersonRow
from fieldkit.core.text import fold
from fieldkit.i18n import N_, _, translator
from fieldkit.io.interchange import write_bytes_atomically
from fieldkit.labels import AGE_GROUP_LABELS, GENDER_LABELS, ROLE_LABELS
from fieldkit.store import Workspace

_SHEET_TITLE = N_("Participants")
# (header, value of a row, private): private columns are left out of a redacted list.
_COLUMNS: tuple[tuple[str, Callable[[PersonRow, Callable[[str], str]], str], bool], ...] = (
    (N_("Given names"), lambda r, t: r.given_names, False),
    (N_("Surnames"), lambda r, t: r.surnames, False),
    (N_("Gender"), lambda r, t: t(GENDER_LABELS[r.gender]), False),
    (N_("Age group"), lambda r, t: t(AGE_GROUP_LABELS[r.age_group]) if r.age_group else "", False),
    (N_("Organisation"), lambda r, t: r.organisation, False),
    (N_("Role"), lambda r, t: t(ROLE_LABELS[r.role]) if r.role else "", False),
    (N_("Delegation"), lambda r, t: r.delegation, False),
    (N_("Municipality"), lambda r, t: r.municipality, False),
    (N_("Country"), lambda r, t: r.country, False),
    # Contact details only of the people who agreed to share them.
    (N_("Phone"), lambda r, t: r.phone if r.consent_contact else "", True),
    (N_("E-mail"), lambda r, t: r.email if r.consent_contact else "", True),
    (N_("ID card"), lambda r, t: r.id_card, True),
)


def people_table(
    ws: Workspace, event: str, *, lang: str, redacted: bool = False
) -> tuple[list[str], list[list[str]]]:
    """(headers, rows) of the people registered to the event, by surnames then given names."""
    event_id = ws.find_event(event).id
    gettext = translator(lang).gettext
    columns = [c for c in _COLUMNS if not (redacted and c[2])]
    people = [row for row in ws.people_rows(event_id) if row.registered]
    people.sort(key=lambda r: (fold(r.surnames), fold(r.given_names), r.id))
    headers = [gettext(header) for header, _value, _private in columns]
    return headers, [[value(row, gettext) for _h, value, _p in columns] for row in people]


def write_people(
    ws: Workspace, event: str, path: Path, *, lang: str, redacted: bool = False
) -> int:
    """Write the list to `path` (.csv or .xlsx, by its suffix); returns the number of people."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInput(
            _("The list can be written as .csv or .xlsx, not {suffix}.").format(
                suffix=path.suffix or path.name
            )
        )
    headers, rows = people_table(ws, event, lang=lang, redacted=redacted)
    title = translator(lang).gettext(_SHEET_TITLE)
    data = _csv_bytes(headers, rows) if suffix == ".csv" else _xlsx_bytes(title, headers, rows)

    try:
        write_bytes_atomically(data, path)
    except OSError as error:
        raise UserError(
            _("The file {path} cannot be written: {reason}.").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    return len(rows)


def _csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_csv_cell(cell) for cell in row])
    # With a BOM, Excel on Windows reads the accents right instead of assuming its code page.
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _xlsx_bytes(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])

    def cells(values: Sequence[str]) -> list[WriteOnlyCell]:
        result = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, even when it begins with "=": never a formula
            result.append(cell)
        return result

    sheet.append(cells(headers))
    for row in rows:
        sheet.append(cells(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
