"""Sign-in sheets: one per day or per session, rows in the order the check-in screen reads back.

Row N on paper is row N of `core.checkin_sheet.sheet_order` on the screen; the badge code on every
row keeps back-entry safe when walk-ins added after printing shift later numbers. After the
registered people come numbered blank rows for walk-ins. Columns to tick gender and age group, and
a signature column wide enough to sign in (at least 45 mm).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape as turned
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph

from fieldkit.core.listing import PersonRow
from fieldkit.core.model import AgeGroup, Gender
from fieldkit.labels import GENDER_LABELS
from fieldkit.reports.data import DayInfo, SessionInfo
from fieldkit.reports.fonts import BOLD, register_fonts
from fieldkit.reports.layout import Furniture, NumberingCanvas
from fieldkit.reports.minutes import PAPERS
from fieldkit.reports.pdf_file import Progress, atomic_file, document_info, progress_callback
from fieldkit.reports.roster import Roster
from fieldkit.reports.styles import (
    ACCENT,
    HEADER_FILL,
    INK,
    MUTED,
    RULE,
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


def sheet_table(
    tx: ReportText,
    roster: Roster,
    sheet: Sheet,
    people: Sequence[PersonRow],
    blank_rows: int,
    width: float,
    landscape: bool,
    st: Styles,
) -> Flowable:
    """The table of one sheet: its heading, column headings and rows repeat on every page."""
    ticks = len(GENDERS) + len(AGE_HEADINGS)
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
    widths[1], widths[2] = (flexible, 0) if together else (flexible * 0.55, flexible * 0.45)
    first_tick, signature = 4, 4 + ticks
    heading = [_heading(tx, roster, sheet, st)] + [""] * (len(widths) - 1)
    groups: list[object] = ["", "", "", "", tx._("Gender"), "", "", tx._("Age group")]
    groups += [""] * (len(widths) - 8)
    columns = [
        tx.pgettext("row number", "No."),
        cell(
            tx._("Name") if not together else tx._("Name, organisation · delegation"),
            st.cell_bold,
            widths[1],
        ),
        "" if together else cell(tx._("Organisation · delegation"), st.cell_bold, widths[2]),
        cell(tx._("Badge"), st.cell_bold, widths[3]),
        *(gender_initial(tx, g) for g in GENDERS),
        *AGE_HEADINGS.values(),
        tx._("Signature"),
    ]
    rows: list[list[object]] = [heading, groups, columns]
    empty_ticks = [""] * ticks
    for number, person in enumerate(people, start=1):
        origin = " · ".join(part for part in (person.organisation, person.delegation) if part)
        name = f"{person.surnames}, {person.given_names}".strip(", ")
        rows.append(
            [
                tx.number(number),
                _name_and_origin(name, origin, st)
                if together
                else cell(name, st.cell_bold, widths[1]),
                "" if together else cell(origin, st.cell, widths[2]),
                cell(person.badge_code, st.cell, widths[3]),
                *empty_ticks,
                "",
            ]
        )
    for number in range(len(people) + 1, len(people) + blank_rows + 1):
        rows.append([tx.number(number), "", "", "", *empty_ticks, ""])
    extra: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("SPAN", (first_tick, 1), (first_tick + len(GENDERS) - 1, 1)),
        ("SPAN", (first_tick + len(GENDERS), 1), (signature - 1, 1)),
        ("BACKGROUND", (0, 0), (-1, 0), colors.white),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, ACCENT),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ("FONTNAME", (0, 1), (-1, 2), BOLD),
        ("BACKGROUND", (0, 1), (-1, 2), HEADER_FILL),
        ("FONTSIZE", (first_tick, 1), (signature - 1, 2), 6.5),
        ("ALIGN", (first_tick, 1), (signature - 1, -1), "CENTER"),
        ("LEFTPADDING", (first_tick, 1), (signature - 1, -1), 0.5),
        ("RIGHTPADDING", (first_tick, 1), (signature - 1, -1), 0.5),
        ("ALIGN", (0, 2), (0, -1), "RIGHT"),
        ("GRID", (0, 1), (-1, -1), 0.4, RULE),
        ("BOX", (0, 1), (-1, -1), 0.75, INK),
        ("TOPPADDING", (0, HEADER_ROWS), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, HEADER_ROWS), (-1, -1), ROW_PADDING),
        ("VALIGN", (0, HEADER_ROWS), (-1, -1), "MIDDLE"),
        ("FONTNAME", (1, HEADER_ROWS), (1, -1), BOLD),
    ]
    if together:  # no organisation column: the rows, widths and commands lose column 2
        rows = [row[:2] + row[3:] for row in rows]
        widths = widths[:2] + widths[3:]
        extra = [_shift_left(command) for command in extra]
    return grid_table(rows, widths, header_rows=HEADER_ROWS, long=True, extra=extra)


def _shift_left(command: tuple[object, ...]) -> tuple[object, ...]:
    """A table command with its columns after the second moved one to the left."""

    def moved(point: object) -> object:
        if isinstance(point, tuple) and isinstance(point[0], int) and point[0] >= 2:
            return (point[0] - 1, point[1])
        return point

    return tuple(moved(part) for part in command)


def _name_and_origin(name: str, origin: str, st: Styles) -> Paragraph:
    markup = f"<b>{text(name)}</b>"
    if origin:
        markup += f"<br/><font size='7' color='{MUTED.hexval()}'>{text(origin)}</font>"
    return Paragraph(markup, st.cell)


def signin_flowables(
    roster: Roster,
    lang: str,
    paper: str,
    *,
    day: int | None = None,
    session_id: str | None = None,
    blank_rows: int = 10,
    landscape: bool = False,
) -> list[Flowable]:
    """The flowables of the sheets asked for, one after the other on new pages."""
    register_fonts()
    tx, st = ReportText(lang), make_styles()
    width = page_size(paper, landscape)[0] - 2 * MARGIN
    flowables: list[Flowable] = []
    for sheet in sheets_of(roster, day, session_id):
        if flowables:
            flowables.append(PageBreak())
        flowables.append(
            sheet_table(tx, roster, sheet, roster.people, blank_rows, width, landscape, st)
        )
    return flowables


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
    """Write the sign-in sheets of a day, of a session, or of every day of the event, to `out`."""
    font = register_fonts()
    tx = ReportText(lang)
    flowables = signin_flowables(
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
        frame = Frame(
            MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, 0, 0, 0, 0, id="body"
        )
        document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        if progress is not None:
            document.setProgressCallBack(progress_callback(progress))
        document.build(flowables, canvasmaker=partial(NumberingCanvas, furniture=furniture))
    return Path(out)
