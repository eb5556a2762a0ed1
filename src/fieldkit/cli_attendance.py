"""`fieldkit attendance import`: who took part in a video call, marked present in virtual mode.

Registered from `fieldkit.cli` in its `attendance` group. Like the rest of the command line it
asks nothing: it acts, or with --dry-run says what it would do; --json prints one entry per
participant of the report on stdout, for other tools; the summary goes to stderr.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fieldkit.cli_common import say as _say
from fieldkit.i18n import _, format_number, ngettext


def _minutes_type(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1
    if not value >= 0:
        raise argparse.ArgumentTypeError(
            _("--min-minutes takes a number of minutes, 0 or more, not {value}.").format(value=text)
        )
    return value


def cmd_attendance_import(args: argparse.Namespace) -> int:
    from fieldkit.cli import _open
    from fieldkit.io.virtual_attendance_import import (
        apply_attendance_import,
        as_json,
        read_attendance_import,
    )

    with _open(args) as ws:
        plan = read_attendance_import(ws, args.event, args.session, args.file)
        threshold = plan.default_min_minutes if args.min_minutes is None else args.min_minutes
        present = plan.matching.present_people(threshold)
        written = None
        if not args.dry_run and present:
            written = apply_attendance_import(ws, plan, present).value
    if args.json:
        print(json.dumps(as_json(plan, threshold), ensure_ascii=False, indent=2))
    for line in _summary(plan, threshold, args.min_minutes is None):
        _say(line)
    if written is not None:
        if written.already:
            _say(
                ngettext(
                    "{count} person was already marked present at this session and was left "
                    "as they were.",
                    "{count} people were already marked present at this session and were left "
                    "as they were.",
                    len(written.already),
                ).format(count=len(written.already))
            )
        if written.registered:
            _say(
                ngettext(
                    "{count} person was registered to the event.",
                    "{count} people were registered to the event.",
                    len(written.registered),
                ).format(count=len(written.registered))
            )
    if args.dry_run:
        _say(_("Nothing was written: this was a dry run."))
    return 0


def _minutes_text(minutes: float) -> str:
    shown = round(minutes, 1)
    return ngettext("{minutes} minute", "{minutes} minutes", 1 if shown == 1 else 2).format(
        minutes=format_number(shown)
    )


def _summary(plan: Any, threshold: float, default: bool) -> list[str]:
    from fieldkit.core.virtual_attendance import DEFAULT_MIN_MINUTES, Flag, flag_text

    lines = list(plan.warnings)
    if not default:
        why = _("At least {minutes} count as present, as asked.")
    elif plan.default_min_minutes == DEFAULT_MIN_MINUTES and not (
        plan.session.start_time and plan.session.end_time
    ):
        why = _("At least {minutes} count as present (the session has no start and end time).")
    else:
        why = _("At least {minutes} count as present (half the session's length).")
    lines.append(why.format(minutes=_minutes_text(threshold)))
    matching = plan.matching
    flags = matching.present(threshold)
    present = [m for m in matching.matches if m.person is not None and flags[m.index]]
    below = [m for m in matching.matches if m.person is not None and not flags[m.index]]
    unmatched = [m for m in matching.matches if m.person is None]
    sections: Sequence[tuple[list[Any], Callable[[int], str]]] = (
        (
            present,
            lambda n: ngettext(
                "{count} person present in virtual mode:",
                "{count} people present in virtual mode:",
                n,
            ),
        ),
        (
            below,
            lambda n: ngettext(
                "{count} participant below the threshold:",
                "{count} participants below the threshold:",
                n,
            ),
        ),
        (
            unmatched,
            lambda n: ngettext(
                "{count} participant not matched to anyone (match or add them in the window):",
                "{count} participants not matched to anyone (match or add them in the window):",
                n,
            ),
        ),
    )
    for number, (matches, heading) in enumerate(sections):
        if number and not matches:  # the count of people present is always said
            continue
        lines.append(heading(len(matches)).format(count=len(matches)))
        for match in matches:
            minutes = _minutes_text(matching.minutes(match))
            if match.person is not None and match.person.full_name != match.name:
                line = _("{name} as {person}, {minutes}").format(
                    name=match.name, person=match.person.full_name, minutes=minutes
                )
            else:
                line = _("{name}, {minutes}").format(name=match.name, minutes=minutes)
            notes = [
                flag_text(flag)
                for flag in match.flags
                if flag is not Flag.NO_EMAIL or match.person is None  # matched: no matter
            ]
            if match.person is None and match.candidates:
                names = ", ".join(p.full_name for p in match.candidates)
                notes.append(_("could be {names}").format(names=names))
            if notes:
                line = _("{line} ({notes})").format(line=line, notes="; ".join(notes))
            lines.append(f"  {line}")
    return lines


def add_import_command(
    attendance_commands: Any, db_option: Callable[[argparse.ArgumentParser, Any], None]
) -> None:
    """Add `import` to the `attendance` group of the command line."""
    text = _("mark the participants of a video-call report present at a session, in virtual mode")
    imp = attendance_commands.add_parser("import", help=text, description=text)
    db_option(imp, argparse.SUPPRESS)
    imp.set_defaults(handler=cmd_attendance_import)
    from fieldkit.cli import WRITING

    WRITING.add(cmd_attendance_import)  # the day's backup first
    imp.add_argument("event", metavar="EVENT", help=_("the event's id or short code"))
    imp.add_argument("--session", required=True, metavar="ID", help=_("the session with this id"))
    imp.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help=_("the participants report of Zoom, Teams, Google Meet or BigBlueButton"),
    )
    imp.add_argument(
        "--min-minutes",
        type=_minutes_type,
        metavar="N",
        help=_(
            "the minutes in the call that count as present (default: half the session's "
            "length, else 30)"
        ),
    )
    imp.add_argument(
        "--dry-run", action="store_true", help=_("read the file and say what would change")
    )
    imp.add_argument(
        "--json", action="store_true", help=_("print each participant's outcome as JSON")
    )
