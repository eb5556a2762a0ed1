"""The workspace settings the window edits, under the keys the rest of fieldkit reads.

They live in the workspace (`ws.setting` / `ws.set_setting`), so they travel with its file:

- `interface_language`: the window's language ("en", "fr", "es"; absent: the environment's);
- `output_language`: the language of the PDFs (see `fieldkit.reports.service.LANGUAGE_SETTING`);
- `paper`: "a4" or "letter" (`fieldkit.reports.service.PAPER_SETTING`);
- `organisation_name`: the organisation named on the reports' covers;
- `logo`: the SHA-256 of the logo's bytes, stored with `ws.add_blob`
  (`fieldkit.reports.gather.LOGO_SETTING`);
- `signin_blank_rows`: how many blank rows a sign-in sheet gets after the pre-filled names.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.i18n import LANGUAGES
from fieldkit.store import Workspace

INTERFACE_LANGUAGE = "interface_language"
OUTPUT_LANGUAGE = "output_language"
PAPER = "paper"
ORGANISATION_NAME = "organisation_name"
LOGO = "logo"
BLANK_ROWS = "signin_blank_rows"

PAPERS = ("a4", "letter")
DEFAULT_BLANK_ROWS = 10
MAX_BLANK_ROWS = 200


@dataclass(frozen=True)
class Preferences:
    interface_language: str | None = None
    output_language: str | None = None
    paper: str = "a4"
    organisation_name: str = ""
    logo: str | None = None
    blank_rows: int = DEFAULT_BLANK_ROWS


def read_preferences(ws: Workspace) -> Preferences:
    """The settings, each checked: a value this version does not know reads as the default."""
    interface = ws.setting(INTERFACE_LANGUAGE)
    output = ws.setting(OUTPUT_LANGUAGE)
    paper = ws.setting(PAPER)
    name = ws.setting(ORGANISATION_NAME)
    logo = ws.setting(LOGO)
    rows = ws.setting(BLANK_ROWS)
    return Preferences(
        interface_language=interface if interface in LANGUAGES else None,
        output_language=output if output in LANGUAGES else None,
        paper=paper if paper in PAPERS else "a4",
        organisation_name=name if isinstance(name, str) else "",
        logo=logo if isinstance(logo, str) and logo else None,
        blank_rows=rows
        if isinstance(rows, int) and 0 <= rows <= MAX_BLANK_ROWS
        else DEFAULT_BLANK_ROWS,
    )
