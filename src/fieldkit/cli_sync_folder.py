"""`fieldkit sync folder DIR`: one round of the sync folder from the command line.

Prints the round as JSON on stdout and says in sentences on stderr what came in, what was
written, what waits for the next round, and anything refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldkit.i18n import _, ngettext

Handler = Callable[[argparse.Namespace], int]


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def report_as_dict(report: Any) -> dict[str, Any]:
    return {
        "folder": str(report.folder),
        "laptops": report.laptops,
        "arrived": [
            {
                "device": a.device,
                "name": a.device_name,
                "segment": a.name,
                "new": a.new,
                "changed": a.changed,
                "conflicts": a.conflicts,
            }
            for a in report.arrived
        ],
        "seen": report.seen,
        "written": report.written,
        "written_records": report.written_records,
        "waiting": report.waiting,
        "refused": [{"segment": name, "reason": reason} for name, reason in report.refused],
        "ignored": report.ignored,
        "identity": None
        if report.identity is None
        else {"old": report.identity.old, "new": report.identity.new},
    }


def report_sentences(report: Any) -> list[str]:
    """The round in sentences, for the command line and the window."""
    said: list[str] = []
    if report.identity is not None:
        said.append(
            _(
                "Another laptop ({name}) was using this laptop's identity {old}; this laptop "
                "now has the new identity {new}, and kept all its records."
            ).format(
                name=report.identity.other_name, old=report.identity.old, new=report.identity.new
            )
        )
    if not report.laptops:
        said.append(_("The sync folder holds nothing from other laptops yet; nothing was deleted."))
    elif report.arrived:
        new = sum(a.new for a in report.arrived)
        changed = sum(a.changed for a in report.arrived)
        said.append(
            ngettext(
                "Read {count} segment from other laptops: {new} records new, {changed} changed.",
                "Read {count} segments from other laptops: {new} records new, {changed} changed.",
                len(report.arrived),
            ).format(count=len(report.arrived), new=new, changed=changed)
        )
    else:
        said.append(_("Nothing new from the other laptops."))
    if report.waiting:
        said.append(
            ngettext(
                "{count} segment is still arriving; it will be read next time.",
                "{count} segments are still arriving; they will be read next time.",
                len(report.waiting),
            ).format(count=len(report.waiting))
        )
    for name, reason in report.refused:
        said.append(_("The segment {name} was refused: {reason}").format(name=name, reason=reason))
    if report.written:
        said.append(
            ngettext(
                "Wrote {count} changed record to the folder.",
                "Wrote {count} changed records to the folder.",
                report.written_records,
            ).format(count=report.written_records)
        )
    return said


def cmd_sync_folder(args: argparse.Namespace) -> int:
    from fieldkit.cli import _open, _passphrase
    from fieldkit.sync.folder import sync_folder

    passphrase = _passphrase(args)
    with _open(args) as ws:
        report = sync_folder(ws, args.folder, passphrase)
    print(json.dumps(report_as_dict(report), ensure_ascii=False, indent=2))
    for sentence in report_sentences(report):
        _say(sentence)
    return 0


def add_folder_command(
    sync_command: Callable[[str, Handler, str], argparse.ArgumentParser],
) -> None:
    """Register `sync folder` in the `sync` group of the command line."""
    sub = sync_command(
        "folder", cmd_sync_folder, _("read and write the sync folder that laptops share")
    )
    sub.add_argument("folder", type=Path, metavar="DIR")
    sub.add_argument("--passphrase-file", type=Path, metavar="F")
