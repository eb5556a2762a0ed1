"""The one call that the window and the command line make: the minutes of a workspace's event.

The window's Reports page can call `gather_minutes` on its own thread (it reads the workspace) and
`build_minutes` in a worker with a progress callback, or `write_minutes` for both at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldkit.i18n import (
    DEFAULT_LANGUAGE,
    INTERFACE_LANGUAGE_SETTING,
    OUTPUT_LANGUAGE_SETTING,
    PSEUDO,
    current_language,
    current_locale,
    parse_language,
)
from fieldkit.reports.gather import gather_minutes
from fieldkit.reports.minutes import PAPERS, Progress, build_minutes
from fieldkit.store import Workspace

LANGUAGE_SETTING = OUTPUT_LANGUAGE_SETTING  # the language of the PDFs, independent of the window's
INTERFACE_SETTING = INTERFACE_LANGUAGE_SETTING  # the window's, when the workspace sets it
PAPER_SETTING = "paper"
DEFAULT_PAPER = "a4"


@dataclass(frozen=True)
class MinutesRequest:
    event: str  # id or short code
    day: int | None = None  # counted from 1
    session_id: str | None = None
    lang: str | None = None  # 'es', 'es_PE'…; None: `output_language(ws)`
    paper: str | None = None  # None: `output_paper(ws)`
    hide_below: int = 0  # counts from 1 to hide_below - 1 are shown as "<hide_below"


def output_language(ws: Workspace) -> str:
    """The workspace's output language if set, else the interface language, with regional
    formats when they are known ('es_PE')."""
    for key in (LANGUAGE_SETTING, INTERFACE_SETTING):
        parsed = parse_language(ws.setting(key))
        if parsed is not None and parsed[0] != PSEUDO:
            return report_locale(parsed[1], ws)
    language = current_language()
    return report_locale(DEFAULT_LANGUAGE if language == PSEUDO else language, ws)


def report_locale(lang: str, ws: Workspace | None = None) -> str:
    """The locale of minutes asked for in `lang` ('es', 'es_PE'). A bare language takes the
    region of the workspace's output language, else of the window's formats, when they are of
    that language: on a Peruvian laptop, Spanish minutes write numbers the Peruvian way."""
    parsed = parse_language(lang)
    if parsed is None or parsed[0] == PSEUDO:
        raise ValueError(f"unsupported report language: {lang!r}")
    language, locale = parsed
    if locale != language:
        return locale
    for candidate in (ws.setting(LANGUAGE_SETTING) if ws else None, current_locale()):
        known = parse_language(candidate)
        if known is not None and known[0] == language:
            return known[1]
    return locale


def output_paper(ws: Workspace) -> str:
    chosen = ws.setting(PAPER_SETTING)
    return chosen if chosen in PAPERS else DEFAULT_PAPER


def write_minutes(
    ws: Workspace, request: MinutesRequest, out: Path, *, progress: Progress | None = None
) -> Path:
    """Gather and build the minutes; NotFound (one sentence) for an unknown event, day, session.

    Nothing is written unless the whole PDF is built.
    """
    data = gather_minutes(ws, request.event, day=request.day, session_id=request.session_id)
    return build_minutes(
        data,
        report_locale(request.lang, ws) if request.lang else output_language(ws),
        request.paper or output_paper(ws),
        out,
        hide_below=request.hide_below,
        progress=progress,
    )
