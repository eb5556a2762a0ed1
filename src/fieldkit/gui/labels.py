"""Translated labels of the enumeration values the window shows.

The source strings are marked with `N_` so they are extracted; `_()` translates them when they are
shown, in the interface language of that moment.
"""

from __future__ import annotations

from fieldkit.core.model import (
    AgeGroup,
    EventFormat,
    Gender,
    PartnerRole,
    Role,
    SessionKind,
    SessionMode,
)
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


PARTNER_ROLE_LABELS: dict[PartnerRole, str] = {
    PartnerRole.ORGANISER: N_("Organiser"),
    PartnerRole.PARTNER: N_("Partner"),
    PartnerRole.FUNDER: N_("Funder"),
    PartnerRole.PARTICIPANT: N_("Participant"),
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

GENDER_LABELS: dict[Gender, str] = {
    Gender.WOMAN: N_("Woman"),
    Gender.MAN: N_("Man"),
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


def partner_role_label(value: PartnerRole) -> str:
    return _(PARTNER_ROLE_LABELS[value])


def role_label(value: Role | None) -> str:
    return _(ROLE_LABELS[value]) if value is not None else ""


def gender_label(value: Gender) -> str:
    return _(GENDER_LABELS[value])


def age_group_label(value: AgeGroup | None) -> str:
    return _(AGE_GROUP_LABELS[value]) if value is not None else ""
