"""Virtual attendance from a video-call report: read, match, then one write.

`read_attendance_import` reads the report (`fieldkit.io.video_report`), the session and the
workspace's people, and matches them (`fieldkit.core.virtual_attendance`) without writing
anything: the window shows it for the user to correct, the command line prints it (--dry-run).
`apply_attendance_import` writes who is present through the facade, in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.model import Day, Event, Person, Result, Session
from fieldkit.core.virtual_attendance import (
    Matching,
    date_warning,
    default_min_minutes,
    match_participants,
)
from fieldkit.i18n import _
from fieldkit.io.video_report import VideoReport, read_video_report
from fieldkit.store import Workspace
from fieldkit.store.checkin_store import VirtualAttendance


@dataclass(frozen=True)
class AttendanceImport:
    """A report matched to a session's event, nothing written yet."""

    event: Event
    day: Day
    session: Session
    file_name: str
    report: VideoReport
    matching: Matching
    people: tuple[Person, ...]  # everyone the workspace knows, to match by hand
    registered: frozenset[str]  # the ids of those registered to the event
    warnings: tuple[str, ...]  # the report's, then the date's
    default_min_minutes: int


def find_session(ws: Workspace, event: str, session_id: str) -> tuple[Event, Day, Session]:
    """The event (its id or code), and its session with this id; refused in one sentence."""
    found = ws.find_event(event)
    session = ws.get(Session, session_id)
    day = None if session is None else ws.get(Day, session.day_id)
    if session is None or day is None or day.event_id != found.id:
        raise NotFound(
            _("The event {event} has no session with the id {id}.").format(
                event=found.code or found.id, id=session_id
            )
        )
    return found, day, session


def read_attendance_import(
    ws: Workspace, event: str, session_id: str, path: Path
) -> AttendanceImport:
    """Read and match a report for a session, without writing anything."""
    found, day, session = find_session(ws, event, session_id)
    if not path.is_file():
        raise InvalidInput(_("There is no file {path}.").format(path=path))
    report = read_video_report(path)
    pairs = ws.people_to_match(found.id)
    people = tuple(person for person, _registration in pairs)
    registered = frozenset(person.id for person, registration in pairs if registration)
    matching = match_participants(report.participants, people, registered)
    warning = date_warning(report.meeting_date, day.date)
    return AttendanceImport(
        event=found,
        day=day,
        session=session,
        file_name=path.name,
        report=report,
        matching=matching,
        people=people,
        registered=registered,
        warnings=(*report.warnings, *([warning] if warning else [])),
        default_min_minutes=default_min_minutes(session),
    )


def apply_attendance_import(
    ws: Workspace,
    plan: AttendanceImport,
    present: Mapping[str, Any],
    *,
    new_people: Sequence[Person] = (),
) -> Result[VirtualAttendance]:
    """Mark `present` ({person id: when they joined, or None}) present in virtual mode."""
    return ws.record_virtual_attendance(
        plan.event.id, plan.session.id, present, new_people=new_people
    )


def as_json(plan: AttendanceImport, threshold: float) -> dict[str, Any]:
    """One entry per distinct participant of the report, for other tools."""
    present = plan.matching.present(threshold)
    return {
        "participants": [
            {
                "name": match.name,
                "email": match.email,
                "minutes": round(match.minutes, 1),
                "person_id": match.person.id if match.person else None,
                "present": match.person is not None and present[match.index],
            }
            for match in plan.matching.matches
        ],
        "warnings": list(plan.warnings),
    }
