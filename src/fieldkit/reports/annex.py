"""The attendance list, annexed to the minutes: everyone present in scope, by surname."""

from __future__ import annotations

from collections import defaultdict

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph

from fieldkit.core.model import AttendanceMode
from fieldkit.reports.data import MinutesData, Participant, Scope
from fieldkit.reports.story import Story
from fieldkit.reports.styles import Cell, cell, column_widths, grid_table, text

DAY_COLUMNS = 5  # more days than this are listed in one column ("1, 2, 4")
MARK_COLUMN = 1.05 * cm


def _name(person: Participant) -> str:
    if person.surnames and person.given_names:
        return f"{person.surnames}, {person.given_names}"
    return person.full_name


def attendance_list(story: Story, data: MinutesData) -> list[Flowable]:
    tx, st = story.tx, story.st
    flowables = story.heading(tx._("Annex: attendance list"), 0, new_page=True)
    if not data.participants:
        flowables.append(story.paragraph(tx._("No one was recorded as present.")))
        return flowables
    present = tx.pgettext("attendance mark", "P")
    online = tx.pgettext("attendance mark", "V")
    # {person id: {day number: mode}}, in person winning over online
    marks: dict[str, dict[int, AttendanceMode]] = defaultdict(dict)
    day_of = {s.id: s.day_number for s in data.sessions}
    for presence in data.presences:
        day = day_of.get(presence.session_id)
        if day is None:
            continue
        if marks[presence.person_id].get(day) != AttendanceMode.IN_PERSON:
            marks[presence.person_id][day] = presence.mode

    def mark(mode: AttendanceMode | None) -> str:
        if mode is None:
            return ""
        return present if mode == AttendanceMode.IN_PERSON else online

    days = [day.number for day in data.days]
    per_day = len(days) <= DAY_COLUMNS
    optional = [
        (tx._("Delegation"), "delegation", 3.0 * cm),
        (tx._("Country"), "country", 1.8 * cm),
    ]
    shown = [o for o in optional if any(getattr(p, o[1]) for p in data.participants)]
    marks_width = MARK_COLUMN * len(days) if per_day else 3.2 * cm
    widths = column_widths(
        story.width,
        (0.9 * cm, None, 3.4 * cm, *(w for _, _, w in shown), marks_width),
    )
    if per_day:
        widths = widths[:-1] + [MARK_COLUMN] * len(days)
    if per_day and data.scope == Scope.SESSION:
        day_headers = [tx._("Mode")]
    elif per_day:
        day_headers = [tx._("Day {number}").format(number=n) for n in days]
    else:
        day_headers = [tx._("Days present")]
    header: list[Cell] = [
        "#",
        tx._("Name"),
        tx._("Organisation"),
        *(label for label, _, _ in shown),
        *(Paragraph(text(h), st.cell_bold) for h in day_headers),
    ]
    rows: list[list[Cell]] = [header]
    for number, person in enumerate(data.participants, start=1):
        modes = marks.get(person.id, {})
        if per_day:
            day_cells = [mark(modes.get(n)) for n in days]
        else:
            day_cells = [
                ", ".join(
                    f"{n}" if modes[n] == AttendanceMode.IN_PERSON else f"{n} ({online})"
                    for n in sorted(modes)
                )
            ]
        rows.append(
            [
                str(number),
                cell(_name(person), st.cell, widths[1]),
                cell(person.organisation_short or person.organisation, st.cell, widths[2]),
                *(
                    cell(getattr(person, attribute), st.cell, widths[3 + index])
                    for index, (_, attribute, _) in enumerate(shown)
                ),
                *day_cells,
            ]
        )
    first_mark = 3 + len(shown)
    flowables.append(
        story.paragraph(
            tx._("{present}: present in person; {online}: present online.").format(
                present=present, online=online
            ),
            "muted",
        )
    )
    flowables.append(story.gap(4))
    flowables.append(
        grid_table(
            rows,
            widths,
            long=True,
            extra=[("ALIGN", (first_mark, 0), (-1, -1), "CENTER" if per_day else "LEFT")],
        )
    )
    return flowables
