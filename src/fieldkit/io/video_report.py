"""The participant/attendance reports that video-call tools export, read into one structure.

Zoom, Microsoft Teams, Google Meet and BigBlueButton each write their own CSV; this module gives
the rest of the app one typed view of any of them (who took part, when, for how long) and
refuses in one sentence what is not such a report. Qt-free, no store: matching the participants
to people and writing attendance happen elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fieldkit.core.errors import InvalidInput
from fieldkit.i18n import _, ngettext
from fieldkit.io import video_bbb, video_meet, video_teams, video_zoom
from fieldkit.io.video_text import Entry, Parsed, not_a_report, read_layout


@dataclass(frozen=True)
class Stay:
    """One join..leave interval of one participant."""

    joined: datetime | None  # naive local time as the report writes it
    left: datetime | None
    minutes: float  # as the report states it, else computed from joined/left


@dataclass(frozen=True)
class ReportParticipant:
    """One distinct participant of the call, with all their stays."""

    name: str  # as written, e.g. "Rosa Quispe (iPhone de Rosa)" or "Goliath, David"
    email: str  # "" when the report has none
    stays: tuple[Stay, ...]
    minutes: float  # total time, overlapping stays counted once
    role: str = ""  # "host", "organizer", "presenter", "attendee"... when the report says


@dataclass(frozen=True)
class VideoReport:
    """What one exported report says about one call."""

    tool: str  # "zoom" | "teams" | "meet" | "bbb"
    meeting_date: date | None  # from the meeting block/summary (Meet: from the file name)
    # One per distinct participant: rows grouped by e-mail (folded) when there is one, else by
    # the exact name.
    participants: tuple[ReportParticipant, ...]
    warnings: tuple[str, ...]  # user-facing sentences through fieldkit.i18n


def read_video_report(path: Path) -> VideoReport:
    """Read a video-call participants report, or refuse it with one sentence (`InvalidInput`)."""
    layout = read_layout(path)
    if not layout.tables:
        if layout.headerless:
            raise InvalidInput(
                _(
                    "The report {name} has no column with the participants' names; export it "
                    "again with the names."
                ).format(name=path.name)
            )
        raise not_a_report(path)
    table = layout.tables[0]
    if video_bbb.is_bbb(table):
        parsed = video_bbb.read(path, layout, table)
    elif video_meet.is_meet(table):
        parsed = video_meet.read(path, layout, table)
    elif video_teams.is_teams(layout, table):
        parsed = video_teams.read(path, layout, table)
    else:
        parsed = video_zoom.read(path, layout, table)
    participants, nameless, waiting = _participants(parsed.entries)
    if not participants:
        raise InvalidInput(_("The report {name} lists no participants.").format(name=path.name))
    # Without a meeting block (a participants-only Zoom file, a Meet file renamed), the first
    # join says the day.
    joins = [s.joined for p in participants for s in p.stays if s.joined is not None]
    parsed.meeting_date = parsed.meeting_date or (min(joins).date() if joins else None)
    return VideoReport(
        parsed.tool,
        parsed.meeting_date,
        tuple(participants),
        tuple(_warnings(path, parsed, nameless, waiting)),
    )


def _participants(entries: list[Entry]) -> tuple[list[ReportParticipant], int, int]:
    """One participant per e-mail (folded), else per exact name, in the report's order."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    nameless = waiting = 0
    for entry in entries:
        if not entry.name and not entry.email:
            nameless += 1
            continue
        waiting += entry.waiting
        key = ("email", entry.email.casefold()) if entry.email else ("name", entry.name)
        groups.setdefault(key, []).append(entry)
    participants = []
    for group in groups.values():
        stays = tuple(_stay(entry) for entry in group if not entry.waiting)
        participants.append(
            ReportParticipant(
                name=next((e.name for e in group if e.name), group[0].email),
                email=group[0].email,
                stays=stays,
                minutes=total_minutes(stays),
                role=next((e.role for e in group if e.role), ""),
            )
        )
    return participants, nameless, waiting


def _stay(entry: Entry) -> Stay:
    minutes = entry.minutes
    if minutes is None:
        minutes = _span(entry.joined, entry.left) or 0.0
    return Stay(entry.joined, entry.left, minutes)


def _span(joined: datetime | None, left: datetime | None) -> float | None:
    """Minutes from joined to left, None when either is missing or they are reversed."""
    if joined is None or left is None or left < joined:
        return None
    return (left - joined).total_seconds() / 60


def total_minutes(stays: tuple[Stay, ...]) -> float:
    """The time of all stays with overlaps counted once.

    Stays with both times are merged where they overlap (a second device joined while the first
    was still in) and count the span of the merge; a stay that overlaps nothing counts the
    minutes the report states (Teams' first join..last leave line states the time actually in
    the call, less than its span). Stays without both times add their minutes.
    """
    timed: list[tuple[datetime, datetime, float]] = []
    total = 0.0
    for stay in stays:
        if stay.joined is not None and stay.left is not None and stay.left >= stay.joined:
            timed.append((stay.joined, stay.left, stay.minutes))
        else:
            total += stay.minutes
    timed.sort()
    index = 0
    while index < len(timed):
        start, end, minutes = timed[index]
        merged = index + 1
        while merged < len(timed) and timed[merged][0] < end:
            end = max(end, timed[merged][1])
            merged += 1
        total += minutes if merged == index + 1 else (end - start).total_seconds() / 60
        index = merged
    return total


def _warnings(path: Path, parsed: Parsed, nameless: int, waiting: int) -> list[str]:
    found = []
    if parsed.meeting_date is None:
        found.append(
            _("The report {name} does not give the date of the meeting.").format(name=path.name)
        )
    if parsed.guessed_order == "month":
        found.append(
            _(
                "The dates in {name} could be day first or month first; they were read "
                "month first (03/05 is March 5)."
            ).format(name=path.name)
        )
    elif parsed.guessed_order == "day":
        found.append(
            _(
                "The dates in {name} could be day first or month first; they were read "
                "day first (03/05 is May 3)."
            ).format(name=path.name)
        )
    if nameless:
        found.append(
            ngettext(
                "{count} row without a name or an e-mail was left out.",
                "{count} rows without a name or an e-mail were left out.",
                nameless,
            ).format(count=nameless)
        )
    if waiting:
        found.append(
            ngettext(
                "{count} row is time in the waiting room; it does not count as attendance.",
                "{count} rows are time in the waiting room; they do not count as attendance.",
                waiting,
            ).format(count=waiting)
        )
    if parsed.unreadable_rows:
        found.append(
            ngettext(
                "{count} row has no time or duration that can be read; it counts as 0 minutes.",
                "{count} rows have no time or duration that can be read; they count as 0 minutes.",
                parsed.unreadable_rows,
            ).format(count=parsed.unreadable_rows)
        )
    if parsed.open_stays:
        found.append(
            ngettext(
                "{count} participant joined without leaving; their time counts until the "
                "report's last event.",
                "{count} participants joined without leaving; their time counts until the "
                "report's last event.",
                parsed.open_stays,
            ).format(count=parsed.open_stays)
        )
    return found
