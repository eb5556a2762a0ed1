"""The sections of the minutes, from the cover to the validation, as lists of flowables.

Each function takes the plain data and a `Story` and returns what it adds; none knows where the
others go. The attendance figures and the attendance list have their own modules.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Paragraph

from fieldkit.core.model import PartnerRole
from fieldkit.labels import ACTION_STATUS_LABELS, FORMAT_LABELS, MODE_LABELS, SESSION_KIND_LABELS
from fieldkit.reports.data import (
    DayInfo,
    GroupInfo,
    MinutesData,
    NoteInfo,
    Photo,
    Scope,
    SessionInfo,
)
from fieldkit.reports.figures import SessionFigure
from fieldkit.reports.story import Story
from fieldkit.reports.styles import cell, column_widths, grid_table, text
from fieldkit.reports.text import (
    PARTNER_ROLE_LABELS,
)

FACT_ROW = 14.0  # points: the height of a one-line row of a table of facts
DAY_ROOM = 7 * cm  # a day's heading and the title and facts of its first session

# --- titles -------------------------------------------------------------------------------------


def day_title(story: Story, day: DayInfo) -> str:
    if day.date is None:
        return story.tx._("Day {number}").format(number=day.number)
    return story.tx._("Day {number} — {date}").format(
        number=day.number, date=story.tx.date(day.date)
    )


def session_title(story: Story, session: SessionInfo) -> str:
    when = story.tx.time_span(session.start_time, session.end_time)
    return f"{when} · {session.title}" if when else session.title


def session_reference(story: Story, session: SessionInfo) -> str:
    """'Day 2, 9:00 AM – title': a session named outside its day's part."""
    when = story.tx.time(session.start_time) if session.start_time else ""
    if when:
        return story.tx._("Day {number}, {time}: {title}").format(
            number=session.day_number, time=when, title=session.title
        )
    return story.tx._("Day {number}: {title}").format(
        number=session.day_number, title=session.title
    )


def scope_title(story: Story, data: MinutesData) -> str:
    """What the document is: the minutes of the event, of one day or of one session."""
    if data.scope == Scope.DAY and data.days:
        return story.tx._("Minutes of day {number}").format(number=data.days[0].number)
    if data.scope == Scope.SESSION:
        return story.tx._("Minutes of a session")
    return story.tx._("Minutes")


# --- cover --------------------------------------------------------------------------------------


def _image(data: bytes, max_width: float, max_height: float) -> Image:
    width, height = ImageReader(io.BytesIO(data)).getSize()
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def cover(story: Story, data: MinutesData) -> list[Flowable]:
    tx, st = story.tx, story.st
    event = data.event
    flowables: list[Flowable] = []
    if data.logo:
        logo = _image(data.logo, 5 * cm, 2.5 * cm)
        logo.hAlign = "LEFT"
        flowables += [logo, story.gap(6)]
    if data.organisation:
        flowables.append(story.paragraph(data.organisation, "muted"))
    flowables.append(story.gap(18 if data.logo or data.organisation else 2 * cm))
    flowables.append(Paragraph(text(scope_title(story, data)), st.cover_kind))
    flowables.append(Paragraph(text(event.title), st.cover_title))
    if data.scope == Scope.DAY and data.days:
        day = data.days[0]
        flowables.append(Paragraph(f"<b>{text(day_title(story, day))}</b>", st.cover_line))
        if day.title:
            flowables.append(story.paragraph(day.title, "cover_line"))
    elif data.scope == Scope.SESSION and data.sessions:
        session = data.agenda_sessions[0] if data.agenda_sessions else data.sessions[0]
        flowables.append(
            Paragraph(f"<b>{text(session_reference(story, session))}</b>", st.cover_line)
        )
    lines = [
        (tx._("Dates"), tx.date_range(event.start_date, event.end_date)),
        (tx._("Places"), event.places),
        (tx._("Format"), tx._(FORMAT_LABELS[event.format])),
        (tx._("Programme"), event.programme),
        (tx._("Code"), event.code),
    ]
    flowables.append(story.gap(10))
    line = text(tx._("{label}: {value}"))  # the reader's punctuation, as in the body
    flowables += [
        Paragraph(line.format(label=f"<b>{text(label)}</b>", value=text(value)), st.cover_line)
        for label, value in lines
        if value
    ]
    flowables.append(story.gap(14))
    for role in PartnerRole:
        names = [p.name for p in data.partners if p.role == role]
        if names:
            flowables.append(Paragraph(text(tx._(PARTNER_ROLE_LABELS[role])), st.label))
            flowables.append(story.paragraph(tx.list(names)))
    flowables.append(PageBreak())
    return flowables


# --- context and objectives --------------------------------------------------------------------


def context(story: Story, data: MinutesData) -> list[Flowable]:
    if not data.event.context.strip():
        return []
    return [*story.heading(story.tx._("Context"), 0), *story.prose(data.event.context)]


def objectives(story: Story, data: MinutesData) -> list[Flowable]:
    tx, st = story.tx, story.st
    flowables: list[Flowable] = []
    if not (data.event.general_objective or data.objectives or data.axes):
        return flowables
    flowables += story.heading(tx._("Objectives"), 0)
    if data.event.general_objective:
        flowables += story.heading(tx._("General objective"), 1)
        flowables += story.prose(data.event.general_objective)
    sessions = {s.id: s for s in data.sessions}
    if data.objectives:
        flowables += story.heading(tx._("Specific objectives"), 1)
    for objective in data.objectives:
        flowables.append(
            Paragraph(
                f"<b>{objective.position}.</b> {text(objective.text)}",
                st.body,
            )
        )
        served = [sessions[i] for i in objective.session_ids if i in sessions]
        if served:
            flowables += story.title(tx._("Sessions that served it:"))
            flowables += [
                Paragraph(text(session_reference(story, s)), st.bullet, bulletText="•")
                for s in served
            ]
        else:
            flowables.append(
                story.paragraph(tx._("No session of these minutes served it."), "muted")
            )
        flowables.append(story.gap(4))
    if data.axes:
        flowables += story.heading(tx._("Thematic axes"), 1)
        for axis in data.axes:
            flowables.append(Paragraph(f"<b>{axis.position}.</b> {text(axis.title)}", st.body))
            if axis.description:
                flowables.append(story.paragraph(axis.description, "muted"))
                flowables.append(story.gap(3))
    return flowables


# --- agenda -------------------------------------------------------------------------------------


def agenda(story: Story, data: MinutesData) -> list[Flowable]:
    if data.scope == Scope.SESSION or not data.agenda_sessions:
        return []
    tx, st = story.tx, story.st
    widths = column_widths(story.width, (2.3 * cm, None, 3.3 * cm, 5.2 * cm))
    flowables = story.heading(tx._("Agenda"), 0)
    for day in data.days:
        sessions = [s for s in day.sessions if not s.is_arrival]
        if not sessions:
            continue
        # Room for the title, its line, the table's header and a first session of three lines.
        flowables += story.title(day_title(story, day), "h4", keep=4.5 * cm)
        if day.title:
            flowables.append(story.paragraph(day.title, "muted"))
        rows: list[list[object]] = [
            [tx._("Time"), tx._("Session"), tx._("Kind and mode"), tx._("Facilitation")]
        ]
        for s in sessions:
            kind = f"{tx._(SESSION_KIND_LABELS[s.kind])} · {tx._(MODE_LABELS[s.mode])}"
            people = "\n".join(
                pattern.format(name=name)
                for pattern, name in (
                    (tx._("Facilitator: {name}"), s.facilitator),
                    (tx._("Rapporteur: {name}"), s.rapporteur),
                )
                if name
            )
            rows.append(
                [
                    cell(tx.time_span(s.start_time, s.end_time), st.cell, widths[0]),
                    cell(s.title, st.cell, widths[1]),
                    cell(kind, st.cell, widths[2]),
                    cell(people, st.cell, widths[3]),
                ]
            )
        flowables += [grid_table(rows, widths), story.gap(8)]
    return flowables


# --- sessions -----------------------------------------------------------------------------------


def sessions(story: Story, data: MinutesData, figures: dict[str, SessionFigure]) -> list[Flowable]:
    flowables: list[Flowable] = []
    for day in data.days:
        agenda_sessions = [s for s in day.sessions if not s.is_arrival]
        if not agenda_sessions:
            continue
        # No page of its own: a short day shares its page with the next (the heading still
        # moves on when the page has no room for it and the start of its first session).
        flowables += story.heading(day_title(story, day), 0, keep=DAY_ROOM)
        if day.title:
            flowables.append(story.paragraph(day.title, "muted"))
        for session in agenda_sessions:
            flowables += _session(story, session, figures.get(session.id))
    return flowables


def _session(story: Story, session: SessionInfo, figure: SessionFigure | None) -> list[Flowable]:
    tx, st = story.tx, story.st
    rows: list[tuple[str, str]] = [
        (tx._("Kind"), tx._(SESSION_KIND_LABELS[session.kind])),
        (tx._("Mode"), tx._(MODE_LABELS[session.mode])),
        (tx._("Room"), session.room),
        (tx._("Link"), session.link),
        (tx._("Facilitator"), session.facilitator),
        (tx._("Rapporteur"), session.rapporteur),
        (tx._("Present"), _present(story, figure) if figure else ""),
        (tx._("Thematic axes"), "\n".join(session.axes)),
        (
            tx._("Specific objectives"),
            tx.list([str(n) for n in session.objective_positions]),
        ),
    ]
    widths = column_widths(story.width, (3.4 * cm, None))
    table_rows = [
        [cell(label, st.cell_bold, widths[0]), cell(value, st.cell, widths[1])]
        for label, value in rows
        if value
    ]
    table = grid_table(
        table_rows,
        widths,
        header_rows=0,
        extra=[("FONTNAME", (0, 0), (0, -1), st.cell_bold.fontName)],
    )
    # The heading and its facts on one page, as far as a row's usual height tells.
    keep = 1.6 * cm + len(table_rows) * FACT_ROW
    flowables = [*story.heading(session_title(story, session), 1, keep=keep), table, story.gap(4)]
    flowables += story.prose(session.description)
    flowables += _notes(story, session.note)
    flowables += _decisions(story, session.decisions)
    flowables += _photos(story, session.photos)
    if session.groups:
        flowables += story.title(tx._("Working groups"), "h4", keep=3 * cm)
        for group in session.groups:
            flowables += _group(story, group)
    return flowables


def _present(story: Story, figure: SessionFigure) -> str:
    if not figure.recorded:
        return story.tx._("Attendance not recorded")
    people = figure.people
    if figure.head_count:
        return story.tx._("{count} (head count; names were not taken)").format(
            count=story.count(people.total)
        )
    return story.tx._("{count} ({in_person} in person, {virtual} online)").format(
        count=story.count(people.total),
        in_person=story.count(people.in_person or 0),
        virtual=story.count(people.virtual or 0),
    )


def _notes(story: Story, note: NoteInfo) -> list[Flowable]:
    tx = story.tx
    return [
        *story.labelled(tx._("Key points"), note.key_points),
        *story.labelled(tx._("Lessons learned"), note.lessons),
        *story.labelled(tx._("Proposals"), note.proposals),
        *story.labelled(tx._("Agreements"), note.agreements),
    ]


def _decisions(story: Story, decisions: Sequence[str]) -> list[Flowable]:
    if not decisions:
        return []
    return [
        *story.title(story.tx._("Decisions")),
        *story.numbered(list(decisions)),
    ]


def _photos(story: Story, photos: Sequence[Photo]) -> list[Flowable]:
    flowables: list[Flowable] = []
    for photo in photos:
        try:
            image = _image(photo.data, story.width * 0.7, 9 * cm)
        except Exception:  # an unreadable image is left out rather than failing the minutes
            continue
        parts: list[Flowable] = [story.gap(4), image]
        if photo.caption:
            parts.append(story.paragraph(photo.caption, "caption"))
        flowables.append(KeepTogether(parts))
    return flowables


def _group(story: Story, group: GroupInfo) -> list[Flowable]:
    tx, st = story.tx, story.st
    # Groups are usually named with their number already ("Grupo 1 — Altiplano").
    name = group.name or tx._("Group {number}").format(number=group.position)
    flowables = story.heading(name, 2)
    rows = [
        (tx._("Thematic axis"), group.axis),
        (tx._("Facilitator"), group.facilitator),
        (tx._("Rapporteur"), group.rapporteur),
        (
            tx.ngettext("{count} member", "{count} members", len(group.members)).format(
                count=tx.number(len(group.members))
            ),
            "; ".join(group.members),
        ),
    ]
    widths = column_widths(story.width, (3.4 * cm, None))
    table_rows = [
        [cell(label, st.cell_bold, widths[0]), cell(value, st.cell, widths[1])]
        for label, value in rows
        if value
    ]
    if table_rows:
        flowables.append(
            grid_table(
                table_rows,
                widths,
                header_rows=0,
                extra=[("FONTNAME", (0, 0), (0, -1), st.cell_bold.fontName)],
            )
        )
    flowables += _notes(story, group.note)
    flowables += _decisions(story, group.decisions)
    flowables += _photos(story, group.photos)
    return flowables


# --- decisions, action plan, validation ----------------------------------------------------------


def general_decisions(story: Story, data: MinutesData) -> list[Flowable]:
    if not data.general_decisions:
        return []
    return [
        *story.heading(story.tx._("Decisions of the event"), 0),
        *story.numbered(list(data.general_decisions)),
    ]


def action_plan(story: Story, data: MinutesData) -> list[Flowable]:
    if not data.actions:
        return []
    tx, st = story.tx, story.st
    widths = column_widths(story.width, (0.8 * cm, None, 4.4 * cm, 2.9 * cm, 2.2 * cm))
    rows: list[list[object]] = [["#", tx._("What"), tx._("Who"), tx._("By when"), tx._("Status")]]
    for number, action in enumerate(data.actions, start=1):
        rows.append(
            [
                str(number),
                cell(action.what, st.cell, widths[1]),
                cell("\n".join(action.owners), st.cell, widths[2]),
                cell(tx.date(action.due_date) if action.due_date else "", st.cell, widths[3]),
                cell(tx._(ACTION_STATUS_LABELS[action.status]), st.cell, widths[4]),
            ]
        )
    return [*story.heading(tx._("Action plan"), 0), grid_table(rows, widths)]


def validation(story: Story, data: MinutesData) -> list[Flowable]:
    tx, st = story.tx, story.st
    widths = column_widths(story.width, (None, 4.2 * cm, 4.6 * cm, 2.8 * cm))
    rows: list[list[object]] = [
        [tx._("Name"), tx._("Organisation"), tx._("Signature"), tx._("Date")]
    ]
    for person in data.signatories:
        rows.append(
            [
                cell(person.name, st.cell, widths[0]),
                cell(person.organisation, st.cell, widths[1]),
                "",
                "",
            ]
        )
    rows += [["", "", "", ""] for _ in range(2)]  # for whoever else validates them
    table = grid_table(
        rows,
        widths,
        row_heights=[None] + [1.3 * cm] * (len(rows) - 1),  # room to sign
        extra=[
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
            ("LINEAFTER", (0, 0), (-2, -1), 0.25, "#b8c4cc"),
        ],
    )
    return [
        *story.heading(tx._("Validation"), 0, new_page=True),
        story.paragraph(tx._("The undersigned have read these minutes and validate them.")),
        story.gap(6),
        table,
    ]
