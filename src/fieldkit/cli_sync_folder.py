"""`fieldkit sync folder DIR`: one round of the sync folder from the command line.

Prints the round as JSON on stdout and says in sentences on stderr what came in, what was
written, what waits for the next round, and anything refused.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from fieldkit.cli_common import say as _say
from fieldkit.i18n import _

Handler = Callable[[argparse.Namespace], int]


def cmd_sync_folder(args: argparse.Namespace) -> int:
    from fieldkit.cli import _open, _passphrase
    from fieldkit.cli_people_merge import say_people_came_in
    from fieldkit.sync.folder import sync_folder
    from fieldkit.sync.folder_texts import report_as_dict, report_sentences

    passphrase = _passphrase(args)
    with _open(args, create=True) as ws:  # a new laptop catches up from the folder
        done = sync_folder(ws, args.folder, passphrase)
    report = report_as_dict(done)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    for sentence in report_sentences(report):
        _say(sentence)
    say_people_came_in(done.changes.people)
    return 0


def add_folder_command(
    sync_command: Callable[[str, Handler, str], argparse.ArgumentParser],
) -> None:
    """Register `sync folder` in the `sync` group of the command line."""
    sub = sync_command(
        "folder", cmd_sync_folder, _("read and write the sync folder that laptops share")
    )
    from fieldkit.cli import WRITING

    WRITING.add(cmd_sync_folder)  # the day's backup first
    sub.add_argument("folder", type=Path, metavar="DIR")
    sub.add_argument("--passphrase-file", type=Path, metavar="F")
