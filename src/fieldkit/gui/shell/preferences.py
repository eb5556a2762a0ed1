"""The workspace settings the window edits, under the keys the rest of fieldkit reads.

They live in the workspace (`ws.setting` / `ws.set_setting`), so they travel with its file:

- `interface_language`: the window's language ("en", "fr", "es", or a regional variant such as
  "fr_CA"; absent: the environment's);
- `formats`: how the window writes dates, times and numbers, a locale such as "es_PE" (absent: the
  region of `interface_language`, else the environment's);
- `output_language`: the language of the PDFs, regional variants accepted ("es_PE");
- `paper`: "a4" or "letter" (`fieldkit.reports.service.PAPER_SETTING`);
- `organisation_name`: the organisation named on the reports' covers;
- `logo`: the SHA-256 of the logo's bytes, stored with `ws.add_blob`
  (`fieldkit.reports.gather.LOGO_SETTING`);
- `signin_blank_rows`: how many blank rows a sign-in sheet gets after the pre-filled names.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.i18n import (
    FORMATS_SETTING,
    INTERFACE_LANGUAGE_SETTING,
    OUTPUT_LANGUAGE_SETTING,
    PSEUDO,
    parse_language,
)
from fieldkit.store import Workspace

# The language keys are named once, in fieldkit.i18n: the reports read them too.
INTERFACE_LANGUAGE = INTERFACE_LANGUAGE_SETTING
OUTPUT_LANGUAGE = OUTPUT_LANGUAGE_SETTING
FORMATS = FORMATS_SETTING
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
    formats: str | None = None
    paper: str = "a4"
    organisation_name: str = ""
    logo: str | None = None
    blank_rows: int = DEFAULT_BLANK_ROWS


def read_preferences(ws: Workspace) -> Preferences:
    """The settings, each checked: a value this version does not know reads as the default."""
    stored = ws.settings(
        (INTERFACE_LANGUAGE, OUTPUT_LANGUAGE, FORMATS, PAPER, ORGANISATION_NAME, LOGO, BLANK_ROWS)
    )
    interface = stored.get(INTERFACE_LANGUAGE)
    output = stored.get(OUTPUT_LANGUAGE)
    formats = stored.get(FORMATS)
    paper = stored.get(PAPER)
    name = stored.get(ORGANISATION_NAME)
    logo = stored.get(LOGO)
    rows = stored.get(BLANK_ROWS)
    return Preferences(
        interface_language=language_setting(interface),
        output_language=language_setting(output),
        formats=language_setting(formats),
        paper=paper if paper in PAPERS else "a4",
        organisation_name=name if isinstance(name, str) else "",
        logo=logo if isinstance(logo, str) and logo else None,
        blank_rows=rows
        if isinstance(rows, int) and 0 <= rows <= MAX_BLANK_ROWS
        else DEFAULT_BLANK_ROWS,
    )


def language_setting(value: object) -> str | None:
    """A stored language or locale as fieldkit reads it ('fr_CA', 'es'), or None when this
    version does not know it."""
    parsed = parse_language(value)
    if parsed is None or parsed[0] == PSEUDO:
        return None
    return parsed[1]
