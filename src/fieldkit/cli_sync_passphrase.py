"""The passphrase of `fieldkit sync export` and `fieldkit sync import`: encrypted by default.

Export: `--passphrase-file F` (then remembered in the system's keyring, where there is one), else
the passphrase remembered for this workspace, else asked on the terminal; with none of those the
export is refused in one sentence. `--no-passphrase` writes an unencrypted file and says what it
gives away. Import: `--passphrase-file F`, else the remembered passphrase for an encrypted file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fieldkit.core.errors import UserError
from fieldkit.i18n import _


def add_no_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-passphrase",
        action="store_true",
        help=_("write the file unencrypted: anyone who gets it can read it"),
    )


def export_passphrase(args: argparse.Namespace, ws: Any, given: str | None) -> str | None:
    """The passphrase to encrypt with, or None for an unencrypted file the user chose."""
    if args.no_passphrase:
        if given:
            raise UserError(_("Choose either --passphrase-file or --no-passphrase, not both."))
        return None
    # Loaded by the commands that use them, not at every start of the program (the window's).
    import getpass

    from fieldkit.sync import team_passphrase

    if given:
        team_passphrase.remember(ws.path, given)
        return given
    stored = team_passphrase.remembered(ws.path)
    if stored:
        return stored
    if sys.stdin.isatty():
        typed = getpass.getpass(_("The team's passphrase for exchange files: "))
        if typed.strip():
            team_passphrase.remember(ws.path, typed)
            return typed
    raise UserError(
        _(
            "Exchange files are encrypted by default: give the team's passphrase with "
            "--passphrase-file F, or choose --no-passphrase to write the file unencrypted."
        )
    )


def import_passphrase(ws: Any, path: Path, given: str | None) -> str | None:
    """The passphrase given, else the remembered one when the file is encrypted."""
    if given:
        return given
    from fieldkit.sync import team_passphrase
    from fieldkit.sync.fileformat import AGE_MAGIC  # msgspec, loaded only for the exchange

    try:
        with path.open("rb") as stream:
            encrypted = stream.read(len(AGE_MAGIC)) == AGE_MAGIC
    except OSError:
        return None  # the import says what is wrong with the file
    return team_passphrase.remembered(ws.path) if encrypted else None
