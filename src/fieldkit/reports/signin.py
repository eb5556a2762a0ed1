"""Sign-in sheets: one per day or per session, rows in the order the check-in screen reads back.

Row N on paper is row N of `core.checkin_sheet.sheet_order` on the screen; the badge code on every
row keeps back-entry safe when walk-ins added after printing shift later numbers. After the
registered people come numbered blank rows for walk-ins. Columns to tick gender and age group, and
a signature column wide enough to sign in (at least 45 mm).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape as turned
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from fieldkit.core.listing import PersonRow
from fieldkit.core.model import AgeGroup, Gender
from fieldkit.labels import GENDER_LABELS
from fieldkit.reports.data import DayInfo, SessionInfo
from fieldkit.reports.fonts import BOLD, REGULAR, register_fonts
from fieldkit.reports.layout import Furniture, NumberingCanvas
from fieldkit.reports.minutes import PAPERS
from fieldkit.reports.pdf_file import Progress, atomic_file, document_info, progress_callback
from fieldkit.reports.roster import Roster
from fieldkit.reports.styles import (
    ACCENT,
    CELL_PADDING,
    HEADER_FILL,
    INK,
    MUTED,
    RULE,
    TABLE_SIZE,
    Styles,
    cell,
    column_widths,
    grid_table,
    make_styles,
    text,
)
from fieldkit.reports.text import ReportText

MARGIN = 12 * mm
SIGNATURE_WIDTH = {False: 48 * mm, True: 62 * mm}  # portrait, landscape; 45 mm at the least
NUMBER_WIDTH = 9 * mm
BADGE_WIDTH = 18 * mm
TICK_WIDTH = 5.5 * mm
AGE_WIDTH = 7.5 * mm
ROW_PADDING = 7.5  # points above and below a line of text: a row tall enough to sign in
GENDERS = (Gender.WOMAN, Gender.MAN, Gender.ANOTHER)
AGE_HEADINGS = {
    AgeGroup.UNDER_18: "<18",
    AgeGroup.FROM_18_TO_29: "18–29",
    AgeGroup.FROM_30_TO_44: "30–44",
    AgeGroup.FROM_45_TO_59: "45–59",
    AgeGroup.FROM_60: "60+",
}
HEADER_ROWS = 3  # the sheet's heading, the groups of columns, the columns
NAME_LEADING = TABLE_SIZE * 1.25
ORIGIN_SIZE = 7.0  # the organisation under a name, in portrait
ORIGIN_LEADING = 8.75


@dataclass(frozen=True)
class Sheet:
    """One sign-in sheet: a day, or one session of it."""

    day: DayInfo
    session: SessionInfo | None = None


def sheets_of(roster: Roster, day: int | None = None, session_id: str | None = None) -> list[Sheet]:
    """The sheets asked for: one session's, one day's, or one for each day of the event."""
    if session_id is not None:
        session = roster.session(session_id)
        return [Sheet(roster.day(session.day_number), session)]
    if day is not None:
        return [Sheet(roster.day(day))]
    return [Sheet(d) for d in roster.days]


def page_size(paper: str, landscape: bool) -> tuple[float, float]:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size: {paper!r}")
    size: tuple[float, float] = PAPERS[paper]
    return turned(size) if landscape else size


def gender_initial(tx: ReportText, gender: Gender) -> str:
    """The one letter over a gender's tick column ('W', 'M', 'O')."""
    initials = {
        Gender.WOMAN: tx.pgettext("initial of woman, over a tick column", "W"),
        Gender.MAN: tx.pgettext("initial of man, over a tick column", "M"),
        Gender.ANOTHER: tx.pgettext("initial of another gender, over a tick column", "O"),
    }
    return initials[gender]


def _heading(tx: ReportText, roster: Roster, sheet: Sheet, st: Styles) -> Paragraph:
    day = sheet.day
    day_text = (
        tx._("Day {number} — {date}").format(number=day.number, date=tx.date(day.date))
        if day.date
        else tx._("Day {number}").format(number=day.number)
    )
    place = (sheet.session.room if sheet.session else "") or roster.event.places
    facilitators = sorted(
        {
            s.facilitator
            for s in ([sheet.session] if sheet.session else day.sessions)
            if s.facilitator
        }
    )
    lines = [
        f"<font name='{BOLD}' size='12' color='{ACCENT.hexval()}'>{text(tx._('Sign-in sheet'))}"
        f"</font>   <b>{text(roster.event.title)}</b>",
        text(day_text),
    ]
    if sheet.session is not None:
        when = tx.time_span(sheet.session.start_time, sheet.session.end_time)
        title = f"{when} · {sheet.session.title}" if when else sheet.session.title
        lines[-1] += " · " + text(tx._("Session: {title}").format(title=title))
    details = []
    if place:
        details.append(tx._("Place: {place}").format(place=place))
    if facilitators:
        details.append(tx._("Facilitation: {names}").format(names=tx.list(facilitators)))
    if details:
        lines.append(text(" · ".join(details)))
    legend = tx._("Tick: {legend}").format(
        legend=", ".join(
            f"{gender_initial(tx, g)} = {tx._(GENDER_LABELS[g]).lower()}" for g in GENDERS
        )
    )
    lines.append(f"<font size='7.5'>{text(legend)}</font>")
    style = ParagraphStyle("sheet_heading", parent=st.body, fontSize=9.5, leading=13, spaceAfter=0)
    return Paragraph("<br/>".join(lines), style)


@dataclass(frozen=True)
class Columns:
    """The columns of a sheet: their widths and where the ticks and the signature are."""

    widths: tuple[float, ...]
    together: bool  # portrait: the organisation goes under the name, in one column

    @property
    def first_tick(self) -> int:
        return 3 if self.together else 4

    @property
    def signature(self) -> int:
        return self.first_tick + len(GENDERS) + len(AGE_HEADINGS)


def sheet_columns(width: float, landscape: bool) -> Columns:
    """The widths of a sheet's columns on a page `width` points wide."""
    fixed: list[float | None] = [
        NUMBER_WIDTH,
        None,
        None,
        BADGE_WIDTH,
        *([TICK_WIDTH] * len(GENDERS)),
        *([AGE_WIDTH] * len(AGE_HEADINGS)),
        SIGNATURE_WIDTH[landscape],
    ]
    flexible = width - sum(w for w in fixed if w is not None)
    widths = column_widths(width, fixed)
    # Portrait is too narrow for two columns of names: the organisation goes under the name.
    together = not landscape
    if together:
        widths = [widths[0], flexible, *widths[3:]]
    else:
        widths[1], widths[2] = flexible * 0.55, flexible * 0.45
    return Columns(tuple(widths), together)


def sheet_header(
    tx: ReportText, roster: Roster, sheet: Sheet, columns: Columns, st: Styles
) -> Flowable:
    """The top of a sheet, drawn on each of its pages: its heading and the column headings."""
    widths = list(columns.widths)
    first_tick, signature = columns.first_tick, columns.signature
    heading = [_heading(tx, roster, sheet, st)] + [""] * (len(widths) - 1)
    groups: list[object] = [""] * len(widths)
    groups[first_tick], groups[first_tick + len(GENDERS)] = tx._("Gender"), tx._("Age group")
    names = tx._("Name, organisation · delegation") if columns.together else tx._("Name")
    titles: list[object] = [
        tx.pgettext("row number", "No."),
        cell(names, st.cell_bold, widths[1]),
        *(
            []
            if columns.together
            else [cell(tx._("Organisation · delegation"), st.cell_bold, widths[2])]
        ),
        cell(tx._("Badge"), st.cell_bold, widths[first_tick - 1]),
        *(gender_initial(tx, g) for g in GENDERS),
        *AGE_HEADINGS.values(),
        tx._("Signature"),
    ]
    extra: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("SPAN", (first_tick, 1), (first_tick + len(GENDERS) - 1, 1)),
        ("SPAN", (first_tick + len(GENDERS), 1), (signature - 1, 1)),
        ("BACKGROUND", (0, 0), (-1, 0), colors.white),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, ACCENT),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ("BACKGROUND", (0, 1), (-1, 2), HEADER_FILL),
        ("FONTSIZE", (first_tick, 1), (signature - 1, 2), 6.5),
        ("ALIGN", (first_tick, 1), (signature - 1, 2), "CENTER"),
        ("LEFTPADDING", (first_tick, 1), (signature - 1, 2), 0.5),
        ("RIGHTPADDING", (first_tick, 1), (signature - 1, 2), 0.5),
        ("ALIGN", (0, 2), (0, 2), "RIGHT"),
        ("GRID", (0, 1), (-1, -1), 0.4, RULE),
        ("BOX", (0, 1), (-1, -1), 0.75, INK),
    ]
    return grid_table([heading, groups, titles], widths, header_rows=HEADER_ROWS, extra=extra)


class NameCell(Flowable):  # type: ignore[misc]
    """A name in bold over its organisation in small grey type, already broken into lines.

    Cheaper than a Paragraph (a sheet of 5,000 people has 5,000 of them), and its height is
    known before the table is laid out, so the sheet can be cut into pages beforehand.
    """

    def __init__(self, name: Sequence[str], origin: Sequence[str]) -> None:
        super().__init__()
        self.name, self.origin = list(name), list(origin)
        self.height = len(self.name) * NAME_LEADING + len(self.origin) * ORIGIN_LEADING

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, TABLE_SIZE)
        for line in self.name:
            y -= NAME_LEADING
            canvas.drawString(0, y + (NAME_LEADING - TABLE_SIZE) / 2 + 1.5, line)
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, ORIGIN_SIZE)
        for line in self.origin:
            y -= ORIGIN_LEADING
            canvas.drawString(0, y + (ORIGIN_LEADING - ORIGIN_SIZE) / 2 + 1, line)


def _lines(value: str, font: str, size: float, width: float) -> list[str]:
    """`value` broken into the lines that fit `width`: at its spaces, and a word longer than a
    line (a long badge code) between its characters."""
    if not value:
        return []
    if stringWidth(value, font, size) <= width:
        return [value]
    lines: list[str] = []
    for line in simpleSplit(value, font, size, width) or [value]:
        while stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def sheet_rows(
    tx: ReportText,
    people: Sequence[PersonRow],
    blank_rows: int,
    columns: Columns,
) -> tuple[list[list[object]], list[float]]:
    """The rows of a sheet under its header, and the height of each: the names first, in the
    order given (sheet order), then the numbered blank rows."""
    widths = columns.widths
    ticks = [""] * (len(GENDERS) + len(AGE_HEADINGS) + 1)  # and the signature
    name_room = widths[1] - 2 * CELL_PADDING
    badge_room = widths[columns.first_tick - 1] - 2 * CELL_PADDING
    rows: list[list[object]] = []
    heights: list[float] = []
    for number, person in enumerate(people, start=1):
        origin = " · ".join(part for part in (person.organisation, person.delegation) if part)
        name = f"{person.surnames}, {person.given_names}".strip(", ")
        badge = _lines(person.badge_code, REGULAR, TABLE_SIZE, badge_room)
        if columns.together:
            name_lines = _lines(name, BOLD, TABLE_SIZE, name_room)
            origin_lines = _lines(origin, REGULAR, ORIGIN_SIZE, name_room)
            named: list[object] = [NameCell(name_lines, origin_lines)]
            height = len(name_lines) * NAME_LEADING + len(origin_lines) * ORIGIN_LEADING
        else:
            name_lines = _lines(name, BOLD, TABLE_SIZE, name_room)
            origin_lines = _lines(origin, REGULAR, TABLE_SIZE, widths[2] - 2 * CELL_PADDING)
            named = ["\n".join(name_lines), "\n".join(origin_lines)]
            height = max(len(name_lines), len(origin_lines)) * NAME_LEADING
        height = max(height, len(badge) * NAME_LEADING, NAME_LEADING)
        rows.append([tx.number(number), *named, "\n".join(badge), *ticks])
        heights.append(height + 2 * ROW_PADDING)
    blank = [""] * (len(widths) - 1)
    for number in range(len(people) + 1, len(people) + blank_rows + 1):
        rows.append([tx.number(number), *blank])
        heights.append(NAME_LEADING + 2 * ROW_PADDING)
    return rows, heights


def _body_style(columns: Columns) -> TableStyle:
    first_tick, signature = columns.first_tick, columns.signature
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), REGULAR, TABLE_SIZE, NAME_LEADING),
            ("FONTNAME", (1, 0), (1, -1), BOLD),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), ROW_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PADDING),
            ("ALIGN", (0, 0), (0, -1), "RIGHT"),
            ("LEFTPADDING", (first_tick, 0), (signature - 1, -1), 0.5),
            ("RIGHTPADDING", (first_tick, 0), (signature - 1, -1), 0.5),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BOX", (0, 0), (-1, -1), 0.75, INK),
        ]
    )


def page_tables(
    rows: Sequence[list[object]], heights: Sequence[float], columns: Columns, room: float
) -> list[Flowable]:
    """The rows cut into one table a page, `room` points high, with page breaks between.

    Cutting them here, where each row's height is already known, spares ReportLab's table the
    measuring of every row left each time it splits at the foot of a page.
    """
    style = _body_style(columns)
    flowables: list[Flowable] = []
    start, used = 0, 0.0
    for end, height in enumerate([*heights, math.inf]):
        if end < len(heights) and (used + height <= room or end == start):
            used += height
            continue
        if flowables:
            flowables.append(PageBreak())
        flowables.append(
            Table(
                [list(row) for row in rows[start:end]],
                colWidths=list(columns.widths),
                rowHeights=list(heights[start:end]),
                style=style,
                hAlign="LEFT",
            )
        )
        start, used = end, height
    return flowables


@dataclass(frozen=True)
class SheetPages:
    """One sheet laid out: its header, drawn on each of its pages, and the tables of its rows."""

    header: Flowable
    header_height: float
    body: list[Flowable]


def lay_out_sheets(
    roster: Roster,
    lang: str,
    paper: str,
    *,
    day: int | None = None,
    session_id: str | None = None,
    blank_rows: int = 10,
    landscape: bool = False,
) -> list[SheetPages]:
    """The sheets asked for, each with its header and its rows cut into pages."""
    register_fonts()
    tx, st = ReportText(lang), make_styles()
    width, height = page_size(paper, landscape)
    columns = sheet_columns(width - 2 * MARGIN, landscape)
    rows, heights = sheet_rows(tx, roster.people, blank_rows, columns)
    laid_out = []
    for sheet in sheets_of(roster, day, session_id):
        header = sheet_header(tx, roster, sheet, columns, st)
        _, header_height = header.wrap(width - 2 * MARGIN, height)
        room = height - 2 * MARGIN - header_height
        laid_out.append(
            SheetPages(header, header_height, page_tables(rows, heights, columns, room))
        )
    return laid_out


def build_signin(
    roster: Roster,
    lang: str,
    paper: str,
    out: Path,
    *,
    day: int | None = None,
    session_id: str | None = None,
    blank_rows: int = 10,
    landscape: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write the sign-in sheets of a day, of a session, or of every day of the event, to `out`.

    Each sheet has its own page template, whose header (the sheet's heading and the column
    headings) is drawn on each of its pages; its rows come in one table a page below it.
    """
    font = register_fonts()
    tx = ReportText(lang)
    sheets = lay_out_sheets(
        roster,
        lang,
        paper,
        day=day,
        session_id=session_id,
        blank_rows=blank_rows,
        landscape=landscape,
    )
    size = page_size(paper, landscape)
    title = tx._("Sign-in sheet")
    furniture = Furniture(
        header_left=roster.event.title,
        header_right=roster.event.code,
        footer_left=title,
        page_of=lambda number, pages: tx._("Page {page} of {pages}").format(
            page=tx.number(number), pages=tx.number(pages)
        ),
        margin=MARGIN,
        cover=False,
    )
    templates, story = [], []
    for number, sheet in enumerate(sheets):
        body_height = size[1] - 2 * MARGIN - sheet.header_height
        frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, body_height, 0, 0, 0, 0, id="body")
        templates.append(
            PageTemplate(id=f"sheet-{number}", frames=[frame], onPage=_header_painter(sheet, size))
        )
        if number:
            story += [NextPageTemplate(f"sheet-{number}"), PageBreak()]
        story += sheet.body or [Spacer(1, 1)]
    with atomic_file(out) as temporary:
        document = BaseDocTemplate(
            str(temporary),
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            initialFontName=font,
            initialFontSize=9,
            initialLeading=12,
            **document_info(f"{title} — {roster.event.title}", roster.event.code, lang),
        )
        document.addPageTemplates(templates)
        if progress is not None:
            document.setProgressCallBack(progress_callback(progress))
        document.build(story, canvasmaker=partial(NumberingCanvas, furniture=furniture))
    return Path(out)


def _header_painter(sheet: SheetPages, size: tuple[float, float]) -> Callable[[Any, Any], None]:
    def paint(canvas: Any, _document: Any) -> None:
        sheet.header.drawOn(canvas, MARGIN, size[1] - MARGIN - sheet.header_height)

    return paint
