"""`fieldkit backup`, `fieldkit backups` and `fieldkit restore`: the command line's backups.

The rotating copies are taken by the commands themselves: before a migration, an import or a
restore, and at the first open of the day by a command that writes (`daily_backup`, called by
`fieldkit.cli` when it opens the workspace for one).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from fieldkit.cli_common import say as _say
from fieldkit.core.errors import DamagedWorkspace, UserError
from fieldkit.i18n import _, datetime_text
from fieldkit.paths import default_database
from fieldkit.portable import check_data_folder
from fieldkit.store import Workspace, backups

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def _workspace_path(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db", None) or default_database())


def daily_backup(ws: Workspace) -> None:
    """The day's first copy before a command writes; a copy the disk refuses is said, and the
    command goes on (the workspace itself is sound, and the work at hand matters more)."""
    try:
        ws.take_daily_backup()
    except UserError as error:
        _say(error.message)


def cmd_backup(args: argparse.Namespace) -> int:
    copy = backups.copy_to(_workspace_path(args), args.out)
    _say(_("The workspace was copied to {path} and the copy checked.").format(path=copy))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    path = _workspace_path(args)
    copies = backups.list_backups(path)
    if args.json:
        listing = [
            {
                "kind": c.kind,
                "taken": c.taken.isoformat(timespec="seconds"),
                "size": c.size,
                "path": str(c.path),
            }
            for c in copies
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    if not copies:
        _say(_("There are no backups of the workspace {path} yet.").format(path=path))
        return 0
    rows = [
        (
            backups.kind_name(c.kind),
            datetime_text(c.taken.astimezone().replace(tzinfo=None)),
            backups.size_text(c.size),
            str(c.path),
        )
        for c in copies
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for kind, taken, size, where in rows:
        print(f"{kind:<{widths[0]}}  {taken:<{widths[1]}}  {size:>{widths[2]}}  {where}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = _workspace_path(args)
    check_data_folder()
    try:
        ws = Workspace.open(path, full_check=True)
    except DamagedWorkspace as error:
        if error.kind != DamagedWorkspace.DAMAGED:
            raise
        aside = backups.recover_locked(path, args.file)
        _say(
            _(
                "The workspace was restored from {file}; the damaged file was kept as {aside}."
            ).format(file=args.file, aside=aside)
        )
        return 0
    with ws:
        before = ws.restore_from(args.file).value
    _say(
        _("The workspace was restored from {file}; what it held before was kept in {copy}.").format(
            file=args.file, copy=before
        )
    )
    return 0


def add_backup_commands(command: Command) -> None:
    """Register the commands with `fieldkit.cli`'s `command(name, handler, help)`."""
    backup = command("backup", cmd_backup, _("write a checked copy of the workspace to a file"))
    backup.add_argument("--out", type=Path, required=True, metavar="FILE")
    listing = command(
        "backups", cmd_backups, _("list the automatic copies of the workspace, newest first")
    )
    listing.add_argument("--json", action="store_true", help=_("print a JSON list"))
    restore = command(
        "restore",
        cmd_restore,
        _("replace the workspace with a copy, after backing up the current one"),
    )
    restore.add_argument("file", type=Path, metavar="FILE")
