"""Translated labels of the enumeration values the window shows.

The source strings are marked with `N_` so they are extracted; `_()` translates them when they are
shown, in the interface language of that moment.
"""

from __future__ import annotations

from fieldkit.core.model import EventFormat, SessionKind, SessionMode
from fieldkit.i18n import N_, _

SESSION_KIND_LABELS: dict[SessionKind, str] = {
    SessionKind.ARRIVAL: N_("Arrival"),
    SessionKind.PLENARY: N_("Plenary"),
    SessionKind.WORKING_GROUP: N_("Working groups"),
    SessionKind.VIDEO_PROJECTION: N_("Video projection"),
    SessionKind.EXHIBITION_PANEL: N_("Exhibition panels"),
    SessionKind.DIALOGUE: N_("Dialogue"),
    SessionKind.FIELD_VISIT: N_("Field visit"),
    SessionKind.MEETING: N_("Meeting"),
    SessionKind.OTHER: N_("Other"),
}

# An event's format and a session's mode share their three values.
FORMAT_LABELS: dict[EventFormat, str] = {
    EventFormat.IN_PERSON: N_("In person"),
    EventFormat.VIRTUAL: N_("Virtual"),
    EventFormat.HYBRID: N_("Hybrid (in person and virtual)"),
}

MODE_LABELS: dict[SessionMode, str] = {
    SessionMode.IN_PERSON: N_("In person"),
    SessionMode.VIRTUAL: N_("Virtual"),
    SessionMode.HYBRID: N_("Hybrid"),
}


def session_kind_label(kind: SessionKind) -> str:
    return _(SESSION_KIND_LABELS[kind])


def format_label(value: EventFormat) -> str:
    return _(FORMAT_LABELS[value])


def mode_label(value: SessionMode) -> str:
    return _(MODE_LABELS[value])
