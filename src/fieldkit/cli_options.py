"""Options the command line's commands share: --db, and languages for --lang."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldkit.i18n import LANGUAGES, PSEUDO, _, message_language, parse_language


def db_option(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=default,
        metavar="PATH",
        help=_("the workspace file (default: FIELDKIT_DB, else the user data folder)"),
    )


def language(text: str) -> str:
    """A language or a regional variant for --lang ('fr', 'es_PE', 'pseudo'), as a locale."""
    parsed = parse_language(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(
            _(
                "{value} is not a language fieldkit knows; use en, fr or es, or a regional "
                "variant such as fr_CA or es_PE."
            ).format(value=text)
        )
    return PSEUDO if parsed[0] == PSEUDO else parsed[1]


def report_language(text: str) -> str:
    value = language(text)
    if message_language(value) not in LANGUAGES or value == PSEUDO:
        raise argparse.ArgumentTypeError(
            _("The minutes are written in en, fr or es, or a regional variant such as es_PE.")
        )
    return value
