"""`fieldkit people erase` and `fieldkit people due`: erasing personal data on request, and the
people whose events are past the time the team keeps personal data.

Registered from `fieldkit.cli`; the rules are the facade's (`Workspace.erase_people`) and
`fieldkit.core.erasure`'s, the same as the window's.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from fieldkit.cli_common import open_workspace as _open
from fieldkit.cli_common import say as _say
from fieldkit.core.erasure import done_texts, erased_text, final_text
from fieldkit.core.retention import RETENTION_CHOICES, retention_text
from fieldkit.i18n import _, ngettext

Command = Callable[..., argparse.ArgumentParser]


def cmd_people_erase(args: argparse.Namespace) -> int:
    keep_initials = not args.remove_name
    with _open(args) as ws:
        group = ws.erasure_group(args.person)  # an unknown id is refused here, in one sentence
        report = ws.erase_people([group[0].id], keep_initials=keep_initials).value
    print(erased_text(keep_initials=keep_initials))
    for text in done_texts(len(report.people), report.conflicts, report.merges, report.snapshots):
        _say(text)
    _say(final_text())
    return 0


def cmd_people_due(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        years = ws.retention_years() if args.years is None else args.years
        if years is None:
            _say(_("Personal data is kept with no time limit; choose one with --years."))
            return 0
        due = ws.people_due_for_erasure(years)
        if args.erase and due:
            report = ws.erase_people([p.person_id for p in due], keep_initials=True).value
            for text in done_texts(
                len(report.people), report.conflicts, report.merges, report.snapshots
            ):
                _say(text)
            _say(final_text())
            return 0
    if args.json:
        rows = [
            {"id": p.person_id, "full_name": p.full_name, "last_event_end": p.last_end.isoformat()}
            for p in due
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for p in due:
            print(f"{p.person_id}  {p.full_name}  {p.last_end.isoformat()}")
    _say(
        ngettext(
            "{count} person is due for erasure (events that ended more than {time} ago).",
            "{count} people are due for erasure (events that ended more than {time} ago).",
            len(due),
        ).format(count=len(due), time=retention_text(years))
    )
    return 0


def add_people_erase_commands(people_command: Command) -> None:
    erase = people_command(
        "erase", cmd_people_erase, _("erase a person's personal data, on their request")
    )
    erase.add_argument("person", metavar="ID", help=_("the id of the person"))
    choice = erase.add_mutually_exclusive_group()
    choice.add_argument(
        "--initials",
        action="store_true",
        help=_("keep the name as initials (the default)"),
    )
    choice.add_argument("--remove-name", action="store_true", help=_("remove the name too"))
    due = people_command(
        "due",
        cmd_people_due,
        _("list the people whose personal data is due for erasure"),
    )
    due.add_argument(
        "--years",
        type=int,
        choices=[c for c in RETENTION_CHOICES if c is not None],
        help=_("years kept after an event's end (default: the workspace's setting)"),
    )
    due.add_argument("--erase", action="store_true", help=_("erase them (names kept as initials)"))
    due.add_argument("--json", action="store_true", help=_("print a JSON list"))
