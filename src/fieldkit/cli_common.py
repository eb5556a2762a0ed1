"""What the command line's commands share: the --db and --lang options, a sentence on stderr,
and the one way to open the workspace (`fieldkit.cli._open`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.i18n import LANGUAGES, PSEUDO, _, message_language, parse_language

if TYPE_CHECKING:
    from fieldkit.store import Workspace


def say(message: str) -> None:
    """A sentence for the person at the terminal (stdout is for what programs read)."""
    print(message, file=sys.stderr)


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace of --db, opened as every command opens it (`fieldkit.cli._open`)."""
    from fieldkit.cli import _open  # the command line imports its command modules first

    return _open(args)


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
