"""The sentences of the Exchange page: what a file holds, what an import would do, which laptop.

Plain functions of plain values (the report's `as_dict()`, counts per kind), so they are
translated again whenever the page is retranslated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from fieldkit.i18n import _, current_locale, format_list, format_number, ngettext
from fieldkit.sync.kind_words import counts_text
from fieldkit.sync.renamed_codes import renamed_code_lines


def laptop_text(device: str, names: Mapping[str, str]) -> str:
    """A laptop as people call it ('registration'), else the start of its id."""
    name = names.get(device, "")
    if name and name != device:
        return name
    return _("laptop {id}").format(id=device[:8]) if device else _("an unknown laptop")


def default_file_name(laptop: str, today: dt.date) -> str:
    """'registration-2021-10-12.fkx': the laptop's name made safe for any file system."""
    safe = re.sub(r"[^\w-]+", "-", laptop, flags=re.UNICODE).strip("-_") or "fieldkit"
    return f"{safe[:40]}-{today.isoformat()}.fkx"


def events_text(events: list[dict[str, Any]]) -> str:
    titles = [str(e.get("title") or e.get("code") or "") for e in events]
    return format_list(titles, current_locale()) if titles else _("no event")


def per_event_lines(
    preview: Mapping[str, Any], events: list[dict[str, Any]], done: bool
) -> list[str]:
    """'PE-BO-2021: 3 new, 2 changed, 1 conflict.' for each event the import touches."""
    per_event = preview.get("per_event")
    if not isinstance(per_event, Mapping) or not per_event:
        return []
    language = current_locale()
    names = {str(e.get("id")): str(e.get("code") or e.get("title") or "") for e in events}
    lines = []
    for key, figures in per_event.items():
        if not isinstance(figures, Mapping) or not any(figures.values()):
            continue
        if key in ("", "workspace"):
            what = _("People and organisations")
        else:
            what = names.get(str(key)) or _("Another event")
        new, changed, removed, conflicts = (
            int(figures.get(k, 0)) for k in ("new", "changed", "removed", "conflicts")
        )
        parts = []
        if new:
            parts.append(
                (_("{count} added") if done else _("{count} new")).format(
                    count=format_number(new, language)
                )
            )
        if changed:
            parts.append(
                (_("{count} updated") if done else _("{count} changed")).format(
                    count=format_number(changed, language)
                )
            )
        if removed:
            parts.append(
                ngettext("{count} removed", "{count} removed", removed).format(
                    count=format_number(removed, language)
                )
            )
        if conflicts:
            parts.append(
                ngettext("{count} conflict", "{count} conflicts", conflicts).format(
                    count=format_number(conflicts, language)
                )
            )
        lines.append(
            _("{what}: {figures}.").format(what=what, figures=format_list(parts, language))
        )
    return lines


def preview_lines(preview: Mapping[str, Any], names: Mapping[str, str]) -> list[str]:
    """The preview of an import (or what it did) as a few plain sentences."""
    laptop = preview.get("from_name") or laptop_text(str(preview.get("from_device", "")), names)
    events = list(preview.get("events", []))
    lines = [
        _("From the laptop “{laptop}”.").format(laptop=laptop),
        ngettext("Event: {events}.", "Events: {events}.", len(events)).format(
            events=events_text(events)
        ),
    ]
    # Count what the user sees (sessions, participations); records only for an older preview.
    seen = preview.get("seen")
    counted = seen if isinstance(seen, Mapping) else preview
    new = {k: n for k, n in dict(counted.get("new", {})).items() if k != "conflict"}
    changed = dict(counted.get("changed", {}))
    removed = dict(counted.get("removed", {}))
    done = not preview.get("dry_run", True)
    if not new and not changed and not removed:
        lines.append(
            _("Nothing was new: this workspace already had all of it.")
            if done
            else _("Nothing new: this workspace already has all of it.")
        )
    if new:
        lines.append(
            (_("Added: {what}.") if done else _("New: {what}.")).format(what=counts_text(new))
        )
    if changed:
        lines.append(
            (_("Updated: {what}.") if done else _("Changed: {what}.")).format(
                what=counts_text(changed)
            )
        )
    if removed:
        lines.append(
            (_("Removed: {what}.") if done else _("Removed on the other laptop: {what}.")).format(
                what=counts_text(removed)
            )
        )
    lines.extend(per_event_lines(preview, events, done))
    conflicts = int(preview.get("conflicts", 0))
    if conflicts:
        lines.append(
            ngettext(
                "{count} edit was made on both laptops at once: both values are kept, "
                "choose one below.",
                "{count} edits were made on both laptops at once: both values are kept, "
                "choose one below.",
                conflicts,
            ).format(count=format_number(conflicts, current_locale()))
        )
    else:
        lines.append(_("No conflicting edits."))
    erased = int(preview.get("erased", 0))
    if erased:  # an erasure made on the other laptop: no copy of the data stays here
        lines.append(
            ngettext(
                "It erases the personal data of {count} person, as asked on the other laptop; "
                "imports can then no longer be undone.",
                "It erases the personal data of {count} people, as asked on the other laptop; "
                "imports can then no longer be undone.",
                erased,
            ).format(count=format_number(erased, current_locale()))
        )
    lines.extend(renamed_code_lines(preview))
    for warning in preview.get("clock_warnings", []):
        device = str(warning.get("device", ""))
        who = (
            laptop
            if device and device == preview.get("from_device")
            else laptop_text(device, names)
        )
        lines.append(
            _(
                "The clock of the laptop “{laptop}” is {hours} hours ahead: "
                "set its date and time right."
            ).format(
                laptop=who,
                hours=format_number(warning.get("ahead_hours", 0), current_locale()),
            )
        )
    return lines
