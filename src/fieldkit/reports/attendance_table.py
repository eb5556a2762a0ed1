"""The attendance table that a donor's spreadsheet wants: one row per person, as CSV or XLSX.

A row for everyone registered at the event or recorded at any of its sessions, in sheet order:
presence per day and per session, gender, age group, organisation, delegation, municipality,
country and mode; phone, e-mail and ID card unless redacted. The XLSX has a second sheet with the
figures the minutes show, from the same function (`figures.attendance_figures`).

Text that a spreadsheet would read as a formula (=, +, -, @ first) never becomes one: a `'` first
in CSV, a text cell in XLSX. The same data give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldkit.core.cells import safe_csv_cell
from fieldkit.core.checkin_sheet import sheet_order
from fieldkit.core.listing import PersonRow
from fieldkit.core.model import AgeGroup, AttendanceMode, Gender
from fieldkit.labels import (
    AGE_GROUP_LABELS,
    ATTENDANCE_MODE_LABELS,
    GENDER_LABELS,
    GENDER_PLURAL_LABELS,
)
from fieldkit.reports.data import MinutesData, SessionInfo
from fieldkit.reports.figures import UNKNOWN, Dimension, Figures, Split, attendance_figures
from fieldkit.reports.figures_section import DIMENSION_TITLES
from fieldkit.reports.gather import gather_minutes
from fieldkit.reports.pdf_file import atomic_file
from fieldkit.reports.text import ReportText
from fieldkit.store import Workspace

Value = str | int | float | None
FORMATS = ("csv", "xlsx")
FIXED_TIME = dt.datetime(2000, 1, 1)  # the workbook's dates: the same bytes every time
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Sheet:
    title: str
    rows: tuple[tuple[Value, ...], ...]  # the first is the header
    header_rows: int = 1


def gather_attendance(ws: Workspace, event_ref: str) -> tuple[MinutesData, list[PersonRow]]:
    """The minutes' data of the whole event and the people of the table, in sheet order."""
    data = gather_minutes(ws, event_ref)
    event = ws.find_event(event_ref)
    present = {p.id for p in data.participants}
    people = [row for row in ws.people_rows(event.id) if row.registered or row.id in present]
    return data, sheet_order(people)


def session_label(tx: ReportText, session: SessionInfo) -> str:
    when = tx.time(session.start_time) if session.start_time else ""
    title = f"{when} {session.title}".strip()
    return tx._("Day {number}: {title}").format(number=session.day_number, title=title)


def attendance_sheet(
    data: MinutesData, people: Sequence[PersonRow], tx: ReportText, *, redacted: bool = False
) -> Sheet:
    """One row per person: who they are, then 1 under each day and session they attended."""
    by_session: dict[str, dict[str, AttendanceMode]] = defaultdict(dict)
    session_day = {s.id: s.day_number for s in data.sessions}
    days: dict[str, set[int]] = defaultdict(set)
    modes: dict[str, AttendanceMode] = {}
    for presence in data.presences:
        by_session[presence.session_id][presence.person_id] = presence.mode
        days[presence.person_id].add(session_day.get(presence.session_id, 0))
        if modes.get(presence.person_id) != AttendanceMode.IN_PERSON:
            modes[presence.person_id] = presence.mode
    sessions = [s for s in data.sessions if s.names_taken]
    header: list[Value] = [
        tx._("Surnames"),
        tx._("Given names"),
        tx._("Gender"),
        tx._("Age group"),
        tx._("Organisation"),
        tx._("Delegation"),
        tx._("Municipality"),
        tx._("Country"),
        tx._("Mode"),
        tx._("Badge"),
    ]
    if not redacted:
        header += [tx._("Phone"), tx._("E-mail"), tx._("ID card")]
    header.append(tx._("Days attended"))
    header += [
        tx._("Day {number} — {date}").format(number=d.number, date=tx.date(d.date))
        if d.date
        else tx._("Day {number}").format(number=d.number)
        for d in data.days
    ]
    header += [session_label(tx, s) for s in sessions]
    rows: list[tuple[Value, ...]] = [tuple(header)]
    for person in people:
        mode = modes.get(person.id)
        row: list[Value] = [
            person.surnames,
            person.given_names,
            tx._(GENDER_LABELS[person.gender]),
            tx._(AGE_GROUP_LABELS[person.age_group]) if person.age_group else "",
            person.organisation,
            person.delegation,
            person.municipality,
            person.country,
            tx._(ATTENDANCE_MODE_LABELS[mode]) if mode else "",
            person.badge_code,
        ]
        if not redacted:
            # Contact details only of the people who agreed to share them.
            shared = person.consent_contact
            row += [person.phone if shared else "", person.email if shared else "", person.id_card]
        attended = days.get(person.id, set())
        row.append(len(attended - {0}))
        row += [1 if d.number in attended else None for d in data.days]
        row += [1 if person.id in by_session.get(s.id, {}) else None for s in sessions]
        rows.append(tuple(row))
    return Sheet(tx._("Attendance"), tuple(rows))


def figures_sheet(data: MinutesData, figures: Figures, tx: ReportText) -> Sheet:
    """The figures of the minutes, in the minutes' words, as rows of a spreadsheet."""
    genders = [tx._(GENDER_PLURAL_LABELS[g]) for g in Gender]
    modes = [tx._(ATTENDANCE_MODE_LABELS[m]) for m in AttendanceMode]
    rows: list[tuple[Value, ...]] = [
        (tx._("Attendance figures"), tx._("Count")),
        (tx._("People registered for the event"), figures.registered),
        (tx._("People present (each counted once)"), figures.unique_people),
        (tx._("Person-sessions (each person once per session)"), figures.person_sessions),
        (tx._("Counted by head count where names were not taken"), figures.head_counted),
        (tx._("Sessions whose attendance was not recorded"), figures.sessions_not_recorded),
        (tx._("Average attendance per session where it was recorded"), figures.average_per_session),
        (),
        (tx._("By day"), tx._("Present"), *genders, *modes),
    ]
    for day in figures.days:
        label = tx._("Day {number}").format(number=day.day.number)
        rows.append((label, *_split(day.people)) if day.recorded else (label,))
    rows += [(), (tx._("By session"), tx._("Present"), *genders, *modes)]
    for session in figures.sessions:
        label = session_label(tx, session.session)
        rows.append((label, *_split(session.people)) if session.recorded else (label,))
    for breakdown in figures.breakdowns:
        periods = [
            tx._("Day {number}").format(number=p.day_number)
            if p.day_number is not None
            else tx._("Whole event")
            for p in figures.periods
        ]
        rows += [(), (tx._(DIMENSION_TITLES[breakdown.dimension]), *periods)]
        for row in breakdown.rows:
            rows.append((_category(tx, breakdown.dimension, row.category), *row.counts))
        rows.append((tx._("Total"), *breakdown.totals))
    return Sheet(tx._("Figures"), tuple(rows))


def _split(split: Split) -> tuple[Value, ...]:
    return (split.total, *split.genders, split.in_person, split.virtual)


def _category(tx: ReportText, dimension: Dimension, category: str) -> str:
    if category == UNKNOWN:
        return tx._("Not recorded")
    if dimension == Dimension.GENDER:
        return tx._(GENDER_LABELS[Gender(category)])
    if dimension == Dimension.AGE_GROUP:
        return tx._(AGE_GROUP_LABELS[AgeGroup(category)])
    if dimension == Dimension.MODE:
        return tx._(ATTENDANCE_MODE_LABELS[AttendanceMode(category)])
    return category


def _csv_value(value: Value) -> Value:
    if isinstance(value, str):
        return safe_csv_cell(value)
    return "" if value is None else value


def write_csv(sheet: Sheet, out: Path) -> Path:
    """UTF-8 with a byte order mark, so that Excel opens accents right; formulas made text."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in sheet.rows:
        writer.writerow([_csv_value(v) for v in row])
    with atomic_file(out) as temporary:
        temporary.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return Path(out)


def write_xlsx(sheets: Sequence[Sheet], out: Path, *, title: str = "") -> Path:
    """A workbook of `sheets`: a bold, frozen header row, widths that fit, text never formulas."""
    from openpyxl import Workbook  # only when a workbook is asked for
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    book.properties.created = book.properties.modified = FIXED_TIME
    book.properties.title = title
    book.properties.creator = "fieldkit"
    bold = Font(bold=True)
    for sheet in sheets:
        page = book.create_sheet(_sheet_title(sheet.title))
        widths: dict[int, int] = defaultdict(int)
        for row_index, row in enumerate(sheet.rows, start=1):
            for column, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = page.cell(row=row_index, column=column, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                if row_index <= sheet.header_rows or (
                    column == 1 and len(row) > 1 and isinstance(row[1], str)
                ):
                    cell.font = bold
                widths[column] = max(widths[column], len(str(value)))
        page.freeze_panes = page.cell(row=sheet.header_rows + 1, column=1)
        for column, width in widths.items():
            page.column_dimensions[get_column_letter(column)].width = min(max(width, 4) + 2, 60)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    with atomic_file(out) as temporary:
        temporary.write_bytes(_fixed_times(buffer.getvalue()))
    return Path(out)


def _sheet_title(title: str) -> str:
    """Excel refuses titles of more than 31 characters and with []:*?/\\ in them."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()
    return cleaned[:31] or "Sheet"


def _fixed_times(data: bytes) -> bytes:
    """The same archive with every member dated alike: zip members carry the time they were
    written, and the same table must give the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return result.getvalue()


def build_attendance(
    data: MinutesData,
    people: Sequence[PersonRow],
    lang: str,
    out: Path,
    *,
    redacted: bool = False,
) -> Path:
    """Write the table as CSV or XLSX, as the name of `out` says."""
    kind = Path(out).suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValueError(f"unknown table format: {kind!r}")
    tx = ReportText(lang)
    table = attendance_sheet(data, people, tx, redacted=redacted)
    if kind == "csv":
        return write_csv(table, out)
    figures = figures_sheet(data, attendance_figures(data), tx)
    return write_xlsx([table, figures], out, title=data.event.title)
