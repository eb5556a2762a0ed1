"""Translated labels of the enumeration values the window shows.

The source strings live in `fieldkit.labels` (shared with the reports); `_()` translates them when
they are shown, in the interface language of that moment.
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
from fieldkit.labels import (
    AGE_GROUP_LABELS,
    FORMAT_LABELS,
    GENDER_LABELS,
    MODE_LABELS,
    ROLE_LABELS,
    SESSION_KIND_LABELS,
)


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


def partner_role_label(value: PartnerRole) -> str:
    return _(PARTNER_ROLE_LABELS[value])


def role_label(value: Role | None) -> str:
    return _(ROLE_LABELS[value]) if value is not None else ""


def gender_label(value: Gender) -> str:
    return _(GENDER_LABELS[value])


def age_group_label(value: AgeGroup | None) -> str:
    return _(AGE_GROUP_LABELS[value]) if value is not None else ""
