"""The calls that the window and the command line make for the paper of the event: sign-in
sheets, badges, certificates and the attendance table, each read from a workspace and written.

Each `write_*` gathers through the facade, checks what was asked for (NotFound or InvalidInput,
one sentence, before anything is written) and calls the pure builder; the language and paper come
from the request, else from the workspace's settings, as for the minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.i18n import _
from fieldkit.reports.attendance_table import FORMATS, build_attendance, gather_attendance
from fieldkit.reports.badges import LAYOUTS, build_badges
from fieldkit.reports.certificates import build_certificates
from fieldkit.reports.gather import gather_minutes
from fieldkit.reports.pdf_file import Progress
from fieldkit.reports.roster import Roster, check_scope, gather_roster
from fieldkit.reports.service import output_language, output_paper, report_locale
from fieldkit.reports.signin import build_signin
from fieldkit.store import Workspace

# How many blank rows a sign-in sheet gets after the pre-filled names (the Settings dialog's).
BLANK_ROWS_SETTING = "signin_blank_rows"
DEFAULT_BLANK_ROWS = 10
MAX_BLANK_ROWS = 200


def blank_rows_setting(ws: Workspace) -> int:
    rows = ws.setting(BLANK_ROWS_SETTING)
    if isinstance(rows, int) and not isinstance(rows, bool) and 0 <= rows <= MAX_BLANK_ROWS:
        return rows
    return DEFAULT_BLANK_ROWS


def _lang(ws: Workspace, lang: str | None) -> str:
    return report_locale(lang, ws) if lang else output_language(ws)


@dataclass(frozen=True)
class SheetsRequest:
    event: str
    day: int | None = None
    session_id: str | None = None
    blank_rows: int | None = None  # None: the setting
    landscape: bool = False
    lang: str | None = None
    paper: str | None = None


def write_sheets(
    ws: Workspace, request: SheetsRequest, out: Path, *, progress: Progress | None = None
) -> Path:
    roster = gather_roster(ws, request.event)
    check_scope(roster, request.day, request.session_id)
    rows = blank_rows_setting(ws) if request.blank_rows is None else request.blank_rows
    if not 0 <= rows <= MAX_BLANK_ROWS:
        raise InvalidInput(
            _("The number of blank rows must be between 0 and {most}.").format(most=MAX_BLANK_ROWS)
        )
    return build_signin(
        roster,
        _lang(ws, request.lang),
        request.paper or output_paper(ws),
        out,
        day=request.day,
        session_id=request.session_id,
        blank_rows=rows,
        landscape=request.landscape,
        progress=progress,
    )


@dataclass(frozen=True)
class BadgesRequest:
    event: str
    people: Sequence[str] = field(default_factory=tuple)  # ids; empty: everyone registered
    layout: str = "2x4"
    lang: str | None = None
    paper: str | None = None
    walk_ins_of_day: int | None = None  # only the walk-ins of this day (counted from 1)


def walk_ins_of_day(ws: Workspace, event_ref: str, roster: Roster, day: int) -> list[str]:
    """The ids of the people registered at the door on day `day` of the event, in sheet order."""
    check_scope(roster, day, None)
    sessions = [session.id for session in roster.day(day).sessions]
    found = ws.walk_ins(ws.find_event(event_ref).id, sessions)
    return [person.id for person in roster.people if person.id in found]


def write_badges(
    ws: Workspace, request: BadgesRequest, out: Path, *, progress: Progress | None = None
) -> Path:
    roster = gather_roster(ws, request.event)
    if request.layout not in LAYOUTS:
        raise InvalidInput(
            _("The badge layout {layout} is unknown; use 2x4 or 2x5.").format(layout=request.layout)
        )
    registered = {person.id for person in roster.people}
    for person_id in request.people:
        if person_id not in registered:
            raise NotFound(
                _("The person {id} is not registered at the event {code}.").format(
                    id=person_id, code=roster.event.code
                )
            )
    people = tuple(request.people)
    if request.walk_ins_of_day is not None:
        people = tuple(walk_ins_of_day(ws, request.event, roster, request.walk_ins_of_day))
        if not people:
            raise InvalidInput(
                _(
                    "Nobody was registered at the door on day {number}: there is no badge to make."
                ).format(number=request.walk_ins_of_day)
            )
    return build_badges(
        roster,
        _lang(ws, request.lang),
        request.paper or output_paper(ws),
        out,
        layout=request.layout,
        people=people,
        progress=progress,
    )


@dataclass(frozen=True)
class CertificatesRequest:
    event: str
    min_days: int | None = None  # None: at least half of the event's days
    separate: bool = False  # one PDF per person in the folder `out`
    lang: str | None = None
    paper: str | None = None


def write_certificates(
    ws: Workspace, request: CertificatesRequest, out: Path, *, progress: Progress | None = None
) -> list[Path]:
    if request.min_days is not None and request.min_days < 1:
        raise InvalidInput(_("The number of days must be 1 or more."))
    data = gather_minutes(ws, request.event)
    return build_certificates(
        data,
        _lang(ws, request.lang),
        request.paper or output_paper(ws),
        out,
        min_days=request.min_days,
        separate=request.separate,
        progress=progress,
    )


@dataclass(frozen=True)
class AttendanceRequest:
    event: str
    redacted: bool = False
    lang: str | None = None


def write_attendance(ws: Workspace, request: AttendanceRequest, out: Path) -> Path:
    if Path(out).suffix.lower().lstrip(".") not in FORMATS:
        raise InvalidInput(
            _("The attendance table is written as .csv or .xlsx, not {name}.").format(
                name=Path(out).name
            )
        )
    data, people = gather_attendance(ws, request.event)
    return build_attendance(data, people, _lang(ws, request.lang), out, redacted=request.redacted)
