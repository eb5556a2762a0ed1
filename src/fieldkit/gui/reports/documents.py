"""The documents the Reports page makes, their names and what each holds, in the interface's
language."""

from __future__ import annotations

from fieldkit.i18n import _

MINUTES, SHEETS, BADGES, CERTIFICATES, ATTENDANCE = (
    "minutes",
    "sign-in-sheets",
    "badges",
    "certificates",
    "attendance",
)
DOCUMENTS = (MINUTES, SHEETS, BADGES, CERTIFICATES, ATTENDANCE)


def document_label(kind: str) -> str:
    labels = {
        MINUTES: _("Minutes"),
        SHEETS: _("Sign-in sheets"),
        BADGES: _("Name badges with QR codes"),
        CERTIFICATES: _("Certificates of participation"),
        ATTENDANCE: _("Attendance table for donors"),
    }
    return labels[kind]


def holds_lines(kind: str) -> list[str]:
    """What a document other than the minutes holds, one bullet a line."""
    lines = {
        SHEETS: [
            _("• One sheet for each day, for one day or for one session"),
            _(
                "• Everyone registered, in the order of the check-in's paper mode, with their badge code"
            ),
            _("• Numbered blank rows for walk-ins"),
            _("• Columns to tick gender and age group, and room to sign"),
        ],
        BADGES: [
            _("• A badge for everyone registered, on common label sheets"),
            _("• The name large enough to read at two metres, the organisation and delegation"),
            _("• A QR code of the badge code, which the check-in screen accepts from a scanner"),
        ],
        CERTIFICATES: [
            _("• One page for each person present on at least the days chosen"),
            _("• The event, its dates and place, the days attended"),
            _("• The organisation's logo and lines to sign"),
        ],
        ATTENDANCE: [
            _("• One row per person: presence per day and per session"),
            _("• Gender, age group, organisation, delegation, municipality, country and mode"),
            _("• In XLSX, a second sheet with the figures of the minutes"),
        ],
    }
    return lines[kind]
