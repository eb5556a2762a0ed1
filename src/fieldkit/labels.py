"""The words for the values of the record enumerations, as English source strings.

Marked with `N_` so they are extracted into the catalogs; whoever shows one translates it: the
window with `fieldkit.i18n._` (the interface language), a report with its reader's catalog. One
list, so the window and the minutes call a session's kind by the same name.
"""

from __future__ import annotations

from fieldkit.core.model import (
    ActionStatus,
    AgeGroup,
    AttendanceMode,
    EventFormat,
    Gender,
    Role,
    SessionKind,
    SessionMode,
)
from fieldkit.i18n import N_

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

# An event's format and a session's mode share their three values; a format says more.
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

ATTENDANCE_MODE_LABELS: dict[AttendanceMode, str] = {
    AttendanceMode.IN_PERSON: N_("In person"),
    AttendanceMode.VIRTUAL: N_("Virtual"),
}

# One person's gender (a form, a list) …
GENDER_LABELS: dict[Gender, str] = {
    Gender.WOMAN: N_("Woman"),
    Gender.MAN: N_("Man"),
    Gender.ANOTHER: N_("Another gender"),
    Gender.NOT_STATED: N_("Not stated"),
}

# … and the heading of a count of people (a table of figures).
GENDER_PLURAL_LABELS: dict[Gender, str] = {
    Gender.WOMAN: N_("Women"),
    Gender.MAN: N_("Men"),
    Gender.ANOTHER: N_("Another gender"),
    Gender.NOT_STATED: N_("Not stated"),
}

AGE_GROUP_LABELS: dict[AgeGroup, str] = {
    AgeGroup.UNDER_18: N_("Under 18"),
    AgeGroup.FROM_18_TO_29: N_("18 to 29"),
    AgeGroup.FROM_30_TO_44: N_("30 to 44"),
    AgeGroup.FROM_45_TO_59: N_("45 to 59"),
    AgeGroup.FROM_60: N_("60 and over"),
}

ROLE_LABELS: dict[Role, str] = {
    Role.PARTICIPANT: N_("Participant"),
    Role.FACILITATOR: N_("Facilitator"),
    Role.RAPPORTEUR: N_("Rapporteur"),
    Role.ORGANISER: N_("Organiser"),
    Role.SPEAKER: N_("Speaker"),
    Role.GUEST: N_("Guest"),
    Role.STAFF: N_("Staff"),
}

ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: N_("To do"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.DROPPED: N_("Dropped"),
}
