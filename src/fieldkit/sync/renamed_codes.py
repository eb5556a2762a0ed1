"""What the user is told of event codes that an import renamed (see `fieldkit.store.event_codes`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldkit.i18n import _


def renamed_code_lines(preview: Mapping[str, Any]) -> list[str]:
    """One sentence per event that gives its short code up to another event with the same one."""
    done = not preview.get("dry_run", True)
    lines = []
    for renamed in preview.get("renamed_codes", []):
        template = (
            _("The event “{title}” now has the code {new}: {old} belongs to another event.")
            if done
            else _("The event “{title}” will get the code {new}: {old} belongs to another event.")
        )
        lines.append(
            template.format(
                title=renamed.get("title", ""),
                old=renamed.get("old", ""),
                new=renamed.get("new", ""),
            )
        )
    return lines
