"""The command line: a companion of the app that works without a display.

It never imports Qt (the window is imported only when asked for), never asks a question (it acts
or refuses; previews are --dry-run), prints machine output on stdout and messages on stderr, and
exits non-zero with one sentence for anything it refuses.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fieldkit import __version__
from fieldkit.cli_backups import add_backup_commands, daily_backup
from fieldkit.cli_check import add_check_command
from fieldkit.cli_common import db_option as _db_option
from fieldkit.cli_common import language as _language
from fieldkit.cli_common import say as _say
from fieldkit.cli_people_erase import add_people_erase_commands
from fieldkit.cli_people_merge import (
    add_duplicates_command,
    add_people_merge_commands,
    say_people_came_in,
)
from fieldkit.cli_printables import add_printable_commands
from fieldkit.cli_sync_passphrase import (
    add_no_passphrase_option,
    export_passphrase,
    import_passphrase,
)
from fieldkit.core.errors import DamagedWorkspace, UserError
from fieldkit.core.model import Keep
from fieldkit.core.seen_counts import Change
from fieldkit.i18n import (
    _,
    ngettext,
    set_language,
)
from fieldkit.portable import check_data_folder
from fieldkit.store import Workspace

Handler = Callable[[argparse.Namespace], int]


def _open(args: argparse.Namespace, *, create: bool = False) -> Workspace:
    """The workspace of --db, after SQLite's full check of the file (about a second for a
    program's years of events; a damaged workspace is never written to, nor read as sound).

    `create`: for the commands that write, a new file in an existing folder becomes a new
    workspace; the others say there is no workspace there.
    """
    check_data_folder()  # portable mode: a full or read-only stick, in one sentence
    ws = Workspace.open(getattr(args, "db", None), create=create, full_check=True)
    for notice in ws.notices:  # a damaged journal copied aside
        _say(notice)
    if args.handler in WRITING and not getattr(args, "dry_run", False):
        daily_backup(ws)  # the day's first copy, before the first command of the day that writes
    return ws


def cmd_gui(args: argparse.Namespace) -> int:
    from fieldkit.system_libraries import missing_message, missing_packages

    missing = missing_packages()
    if missing:  # before Qt is loaded: Qt itself would abort with a message nobody can act on
        _say(missing_message(missing))
        return 1
    from fieldkit.gui.shell.app import run  # Qt only when the window is asked for

    return run(getattr(args, "db", None), lang=getattr(args, "interface_lang", None))


def cmd_demo(args: argparse.Namespace) -> int:
    from fieldkit.demo import DEMO_EVENT_CODES, install_demo

    with _open(args, create=True) as ws:
        changes = install_demo(ws).changes
    if changes.anything:
        _say(_("The demo events were added: {codes}.").format(codes=", ".join(DEMO_EVENT_CODES)))
    else:
        _say(_("The demo events were already there; nothing changed."))
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        events = ws.events()
    if args.json:
        listing = [
            {
                "id": e.id,
                "code": e.code,
                "title": e.title,
                "start": e.start_date.isoformat() if e.start_date else None,
                "end": e.end_date.isoformat() if e.end_date else None,
            }
            for e in events
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    if not events:
        _say(_("This workspace has no events yet."))
        return 0
    width = max(len(e.code) for e in events)
    for e in events:
        start = e.start_date.isoformat() if e.start_date else "?"
        end = e.end_date.isoformat() if e.end_date else "?"
        print(f"{e.code:<{width}}  {start} – {end}  {e.title}")
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    from fieldkit.io.interchange import export_event, write_document

    with _open(args) as ws:
        document = export_event(ws, args.event)
    try:
        write_document(document, args.out)
    except OSError as error:
        raise UserError(
            _("The file {path} cannot be written: {reason}.").format(
                path=args.out, reason=error.strerror
            )
        ) from None
    _say(
        _("The event {code} was written to {path}.").format(
            code=document["event"]["code"], path=args.out
        )
    )
    return 0


def cmd_import_json(args: argparse.Namespace) -> int:
    from fieldkit.io.interchange import import_document, read_document

    document = read_document(args.file)  # checked before the workspace is even opened
    with _open(args, create=True) as ws:
        result = import_document(ws, document, dry_run=args.dry_run)
    imported = result.value
    if args.dry_run:
        message = (
            _("The file is valid; importing it would create the event {code}.")
            if imported.created
            else _("The file is valid; importing it would update the event {code}.")
        )
        _say(message.format(code=document["event"]["code"]))
        return 0
    code = document["event"]["code"]
    if imported.created:
        _say(_("The event {code} was created.").format(code=code))
    elif result.changes.anything:
        _say(_("The event {code} was updated.").format(code=code))
    else:
        _say(_("The event {code} was already up to date; nothing changed.").format(code=code))
    return 0


def _passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from --passphrase-file (its first line), never from the command line."""
    if not getattr(args, "passphrase_file", None):
        return None
    try:
        text = args.passphrase_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise UserError(
            _("The passphrase file {path} cannot be read.").format(path=args.passphrase_file)
        ) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise UserError(_("The passphrase file {path} is empty.").format(path=args.passphrase_file))
    return str(lines[0])


def cmd_sync_export(args: argparse.Namespace) -> int:
    from fieldkit.sync.exchange import export_exchange

    with _open(args) as ws:
        passphrase = export_passphrase(args, ws, _passphrase(args))
        report = export_exchange(ws, args.out, args.event or (), passphrase)
    _say(
        ngettext(
            "The exchange file {path} holds {count} event ({size} KB).",
            "The exchange file {path} holds {count} events ({size} KB).",
            len(report.events),
        ).format(path=report.path, count=len(report.events), size=max(1, report.size // 1024))
    )
    if not report.encrypted:
        from fieldkit.sync.team_passphrase import plain_contents_text

        _say(plain_contents_text(report.contacts))
    return 0


def cmd_sync_import(args: argparse.Namespace) -> int:
    from fieldkit.sync.exchange import import_exchange

    with _open(args, create=True) as ws:
        passphrase = import_passphrase(ws, args.file, _passphrase(args))
        report = import_exchange(ws, args.file, passphrase, dry_run=args.dry_run)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    for warning in report.clock_warnings:
        _say(
            _(
                "The clock of the laptop {device} is {hours} hours ahead; "
                "set its date and time right."
            ).format(device=warning.device, hours=round(warning.ahead_ms / 3_600_000))
        )
    from fieldkit.sync.renamed_codes import renamed_code_lines

    for line in renamed_code_lines(report.as_dict()):
        _say(line)
    if not args.dry_run:
        say_people_came_in(report.changes.people)
    removed = report.summary.seen.counts(Change.REMOVED)
    if removed:
        from fieldkit.sync.kind_words import counts_text

        _say(
            (
                _("Removed on the other laptop, so removed here too: {what}.")
                if not args.dry_run
                else _("Removed on the other laptop, and would be removed here too: {what}.")
            ).format(what=counts_text(removed))
        )
    new = sum(report.summary.new.values())
    changed = sum(report.summary.changed.values())
    conflicts = len(report.summary.conflicts)
    figures = ngettext(
        "{new} record new, {changed} changed, {conflicts} conflicts",
        "{new} records new, {changed} changed, {conflicts} conflicts",
        new,
    ).format(new=new, changed=changed, conflicts=conflicts)
    if args.dry_run:
        _say(_("Nothing was written. Importing would give: {figures}.").format(figures=figures))
    else:
        _say(_("Imported: {figures}.").format(figures=figures))
    return 0


def cmd_sync_undo(args: argparse.Namespace) -> int:
    from fieldkit.sync.exchange import edited_since, undo_last_import

    with _open(args) as ws:
        last = ws.last_import()
        if last is not None and not args.force and edited_since(ws, last):
            _say(
                _(
                    "Edits were made on this laptop after the import of {name}; undoing it "
                    "would lose them too. Nothing was changed; add --force to undo anyway."
                ).format(name=last.file_name)
            )
            return 1
        entry = undo_last_import(ws)
    _say(_("The import of {name} was undone.").format(name=entry.value.file_name))
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    from fieldkit.io.interchange import write_bytes_atomically

    with _open(args) as ws:
        data = ws.dump()
    if args.out is None:
        sys.stdout.buffer.write(data + b"\n")
        return 0
    try:
        write_bytes_atomically(data + b"\n", args.out)
    except OSError as error:
        raise UserError(
            _("The file {path} cannot be written: {reason}.").format(
                path=args.out, reason=error.strerror or error
            )
        ) from None
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        conflicts = ws.open_conflicts()
    if args.json:
        plain = [dataclasses.asdict(item) for item in conflicts]
        print(json.dumps(plain, ensure_ascii=False, indent=2))
        return 0
    if not conflicts:
        _say(_("There are no open conflicts."))
    for item in conflicts:
        print(
            f"{item.id} {item.record_kind} {item.record_id} {item.field}: "
            f"{item.kept_value!r} ({item.kept_by}) / {item.other_value!r} ({item.other_by})"
        )
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    """The same operation as the Exchange page's buttons, in one transaction."""
    with _open(args) as ws:
        ws.resolve_conflict(args.conflict, Keep(args.keep))
    if args.keep == Keep.THEIRS:
        _say(_("The conflict is settled: the other laptop's value is kept."))
    else:
        _say(_("The conflict is settled: this laptop's value is kept."))
    return 0


# --- people: lists in and out ---------------------------------------------------------------------


def _mapping(items: Sequence[str] | None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items or ():
        header, sep, field = item.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise UserError(_("--map takes HEADER=field, not {value}.").format(value=item))
        mapping[header.strip()] = field.strip()
    return mapping


def _plan_as_dict(plan: Any, dry_run: bool) -> dict[str, Any]:
    from fieldkit.io.people_import import Outcome

    return {
        "file": plan.file_name,
        "sheet": plan.sheet,
        "header_row": plan.header_row,
        "dry_run": dry_run,
        "columns": [
            {"header": c.header, "field": c.field.value if c.field else None}
            for c in plan.columns
            if c.header
        ],
        "ignored": plan.ignored,
        "summary": {outcome.value: plan.count(outcome) for outcome in Outcome},
        "rows": [
            {
                "row": r.row,
                "outcome": r.outcome.value,
                "name": r.person.full_name if r.person else "",
                "person_id": r.person.id if r.person else None,
                "reason": r.reason,
                "notes": list(r.notes),
                "suggestions": [{"person_id": s.id, "name": s.full_name} for s in r.suggestions],
            }
            for r in plan.rows
        ],
        "warnings": plan.warnings,
    }


def cmd_people_import(args: argparse.Namespace) -> int:
    from fieldkit.io.people_import import Outcome, apply_plan, plan_import
    from fieldkit.store.backups import BEFORE_IMPORT

    mapping = _mapping(args.map)
    with _open(args, create=True) as ws:
        # The copy taken before an import is checked while the file is read and matched.
        copy = None if args.dry_run else ws.start_snapshot(BEFORE_IMPORT)
        try:
            # Without --json only the rows the summary names are kept (the others counted).
            plan = plan_import(
                ws, args.event, args.file, sheet=args.sheet, mapping=mapping, every_row=args.json
            )
        except BaseException:
            if copy is not None:
                copy.discard()
            raise
        if copy is not None:
            apply_plan(ws, plan, copy=copy)
    if args.json:
        print(json.dumps(_plan_as_dict(plan, args.dry_run), ensure_ascii=False, indent=2))
    for row in plan.rows:
        if row.outcome in (Outcome.REJECTED, Outcome.SUGGESTED):
            name = row.person.full_name if row.person else ""
            line = _("Row {row}: {reason}") if not name else _("Row {row}, {name}: {reason}")
            _say(line.format(row=row.row, name=name, reason=row.reason))
        for note in row.notes:
            _say(_("Row {row}: {reason}").format(row=row.row, reason=note))
    for warning in plan.warnings:
        _say(warning)
    if plan.ignored:
        _say(_("Columns left out: {headers}.").format(headers=", ".join(plan.ignored)))
    _say(_("New people: {count}").format(count=plan.count(Outcome.NEW)))
    _say(_("Matched people: {count}").format(count=plan.count(Outcome.MATCHED)))
    _say(_("Added with a possible duplicate: {count}").format(count=plan.count(Outcome.SUGGESTED)))
    _say(_("Rows rejected: {count}").format(count=plan.count(Outcome.REJECTED)))
    if args.dry_run:
        _say(_("Nothing was written: this was a dry run."))
    return 0


def cmd_people_export(args: argparse.Namespace) -> int:
    from fieldkit.i18n import current_language
    from fieldkit.io.people_export import write_people

    with _open(args) as ws:
        count = write_people(
            ws, args.event, args.out, lang=args.lang or current_language(), redacted=args.redacted
        )
    _say(
        ngettext(
            "{count} person was written to {path}.",
            "{count} people were written to {path}.",
            count,
        ).format(count=count, path=args.out)
    )
    return 0


def _add_people_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    people = commands.add_parser("people", help=_("bring lists of people in and out"))
    people_commands = people.add_subparsers(title=_("commands"), metavar="COMMAND", required=True)

    def people_command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = people_commands.add_parser(name, help=help_text, description=help_text)
        _db_option(sub, argparse.SUPPRESS)
        sub.set_defaults(handler=handler)
        return sub

    imp = people_command(
        "import", cmd_people_import, _("add the people of a CSV or XLSX list to an event")
    )
    imp.add_argument("event", metavar="EVENT", help=_("the event's id or short code"))
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument(
        "--sheet", metavar="NAME", help=_("the sheet to read (default: the first with a header)")
    )
    imp.add_argument(
        "--map",
        action="append",
        metavar="HEADER=field",
        help=_("what a column holds, when its header says otherwise or nothing (repeatable)"),
    )
    imp.add_argument(
        "--dry-run", action="store_true", help=_("read the file and say what would change")
    )
    imp.add_argument("--json", action="store_true", help=_("print each row's outcome as JSON"))
    export = people_command(
        "export", cmd_people_export, _("write the people registered to an event as a list")
    )
    export.add_argument("event", metavar="EVENT", help=_("the event's id or short code"))
    export.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    export.add_argument(
        "--redacted", action="store_true", help=_("leave out phone, e-mail and ID-card numbers")
    )
    export.add_argument(
        "--lang",
        choices=("fr", "es", "en"),
        help=_("the language of the headers (default: the interface's)"),
    )
    add_people_merge_commands(people_command)
    add_people_erase_commands(people_command)


# The commands that write to the workspace: the first of each day takes the daily copy first.
# (The command modules add theirs as they register them.)
WRITING: set[Handler] = {
    cmd_demo,
    cmd_import_json,
    cmd_sync_import,
    cmd_sync_undo,
    cmd_people_import,
    cmd_conflicts_resolve,
}


def _window_options(parser: argparse.ArgumentParser) -> None:
    """The options of a start without a command (the window), which the commands share."""
    parser.add_argument("--version", action="version", version=f"fieldkit {__version__}")
    _db_option(parser, None)
    parser.add_argument(
        "--lang",
        dest="interface_lang",
        type=_language,
        metavar="LANG",
        help=_("the interface language, with its regional formats (fr, es_PE, en_GB…)"),
    )
    parser.set_defaults(handler=cmd_gui)


def _window_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The arguments of a start of the window, read without making the commands' parsers (a
    tenth of the window's start); None when there is a command, --help or anything amiss, which
    the whole parser then reads and answers."""
    quick = argparse.ArgumentParser(prog="fieldkit", add_help=False, exit_on_error=False)
    _window_options(quick)
    try:
        args, rest = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldkit",
        description=_("Attendance, notes and minutes of workshops and encounters, offline."),
    )
    _window_options(parser)
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # --db after the command too; SUPPRESS keeps a value given before the command.
        _db_option(sub, argparse.SUPPRESS)
        sub.set_defaults(handler=handler)
        return sub

    command("demo", cmd_demo, _("add the demo events to the workspace"))
    events = command("events", cmd_events, _("list the events of the workspace"))
    events.add_argument("--json", action="store_true", help=_("print a JSON list"))
    export = command("export-json", cmd_export_json, _("write an event as an interchange file"))
    export.add_argument("event", metavar="EVENT", help=_("the event's id or short code"))
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    imp = command("import-json", cmd_import_json, _("create or update an event from a file"))
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument(
        "--dry-run", action="store_true", help=_("check the file and say what would change")
    )

    sync = commands.add_parser("sync", help=_("exchange data with other laptops by file"))
    sync_commands = sync.add_subparsers(title=_("commands"), metavar="COMMAND", required=True)

    def sync_command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = sync_commands.add_parser(name, help=help_text, description=help_text)
        _db_option(sub, argparse.SUPPRESS)
        sub.set_defaults(handler=handler)
        return sub

    sync_export = sync_command("export", cmd_sync_export, _("write an exchange file"))
    sync_export.add_argument("--out", type=Path, required=True, metavar="FILE")
    sync_export.add_argument(
        "--event", action="append", metavar="EVENT", help=_("an event to include (default: all)")
    )
    sync_export.add_argument("--passphrase-file", type=Path, metavar="F")
    add_no_passphrase_option(sync_export)
    sync_import = sync_command("import", cmd_sync_import, _("merge an exchange file"))
    sync_import.add_argument("file", type=Path, metavar="FILE")
    sync_import.add_argument("--passphrase-file", type=Path, metavar="F")
    sync_import.add_argument(
        "--dry-run", action="store_true", help=_("check the file and show what would change")
    )
    undo = sync_command("undo", cmd_sync_undo, _("undo the last import"))
    undo.add_argument(
        "--force",
        action="store_true",
        help=_("undo even when edits were made on this laptop after the import (they are lost)"),
    )
    from fieldkit.cli_sync_folder import add_folder_command

    add_folder_command(sync_command)

    dump = command("dump", cmd_dump, _("write the shared content as canonical JSON"))
    dump.add_argument("--out", type=Path, metavar="FILE")
    _add_people_commands(commands)
    add_duplicates_command(command)
    conflicts = command("conflicts", cmd_conflicts, _("list the open conflicts"))
    conflicts.add_argument("--json", action="store_true", help=_("print a JSON list"))
    conflict_commands = conflicts.add_subparsers(title=_("commands"), metavar="COMMAND")
    resolve = conflict_commands.add_parser(
        "resolve", help=_("settle one conflict"), description=_("settle one conflict")
    )
    _db_option(resolve, argparse.SUPPRESS)
    resolve.set_defaults(handler=cmd_conflicts_resolve)
    resolve.add_argument("conflict", metavar="ID", help=_("the conflict's id, as listed"))
    resolve.add_argument(
        "--keep",
        required=True,
        choices=[keep.value for keep in Keep],
        help=_("keep this laptop's value (current) or the other laptop's (theirs)"),
    )
    add_printable_commands(commands, command)
    add_backup_commands(command)
    add_check_command(command)
    return parser


def _what_to_do(error: DamagedWorkspace) -> str:
    if error.kind == DamagedWorkspace.FOREIGN:
        return _("Name a fieldkit workspace with --db, or leave --db out to use your own.")
    return _(
        "Run “fieldkit check” to see what is damaged, and restore a backup of the workspace to "
        "go on working."
    )


def main(argv: Sequence[str] | None = None) -> int:
    set_language()
    args = _window_arguments(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    if getattr(args, "interface_lang", None):
        set_language(args.interface_lang)
    try:
        code: int = args.handler(args)
        return code
    except UserError as error:
        _say(error.message)
        if isinstance(error, DamagedWorkspace):
            _say(_what_to_do(error))
        return error.exit_code
    except KeyboardInterrupt:
        _say(_("Interrupted; nothing more was changed."))
        return 130
