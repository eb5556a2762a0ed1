"""`fieldkit check`: is the workspace sound? What is wrong with it, one line each.

Registered by `fieldkit.cli`; reads the workspace through one read-only connection and never
writes to it, so it may be run on a workspace that the window has open, or on a damaged one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from fieldkit.i18n import _, ngettext
from fieldkit.paths import default_database

Handler = Callable[[argparse.Namespace], int]


def cmd_check(args: argparse.Namespace) -> int:
    from fieldkit.store.checkup import check_workspace

    path: Path = getattr(args, "db", None) or default_database()
    findings = check_workspace(path)
    for finding in findings:
        print(finding.message)
    if not findings:
        print(_("The workspace {path} is sound.").format(path=path), file=sys.stderr)
        return 0
    print(
        ngettext(
            "The workspace {path} has {count} problem.",
            "The workspace {path} has {count} problems.",
            len(findings),
        ).format(path=path, count=len(findings)),
        file=sys.stderr,
    )
    return 1


def add_check_command(command: Callable[[str, Handler, str], argparse.ArgumentParser]) -> None:
    command(
        "check",
        cmd_check,
        _("check the workspace: SQLite's integrity, the links and the rules of every record"),
    )
