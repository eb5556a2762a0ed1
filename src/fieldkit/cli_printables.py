"""The paper of an event from the command line: minutes, sign-in sheets, badges, certificates and
attendance tables. ReportLab is imported only when a document is asked for.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldkit.cli_common import db_option, report_language
from fieldkit.cli_common import open_workspace as _open
from fieldkit.cli_common import say as _say
from fieldkit.core.errors import UserError
from fieldkit.i18n import _, ngettext

Handler = Callable[[argparse.Namespace], int]


def cmd_minutes(args: argparse.Namespace) -> int:
    from fieldkit.reports import MinutesRequest, write_minutes  # ReportLab only when asked for

    request = MinutesRequest(
        event=args.event,
        day=args.day,
        session_id=args.session,
        lang=args.lang,
        paper=args.paper,
        hide_below=args.hide_below,
    )
    with _open(args) as ws:
        try:
            write_minutes(ws, request, args.out)
        except OSError as error:
            raise UserError(
                _("The file {path} cannot be written: {reason}.").format(
                    path=args.out, reason=error.strerror
                )
            ) from None
    _say(_("The minutes were written to {path}.").format(path=args.out))
    return 0


# --- the paper of the event: sign-in sheets, badges, certificates, attendance tables -----------


def _writing(path: Path, write: Callable[[], object]) -> None:
    """Run a report's `write`; a file that cannot be written is one sentence."""
    try:
        write()
    except OSError as error:
        raise UserError(
            _("The file {path} cannot be written: {reason}.").format(
                path=path, reason=error.strerror or error
            )
        ) from None


def cmd_sheets(args: argparse.Namespace) -> int:
    from fieldkit.reports.printables import SheetsRequest, write_sheets

    request = SheetsRequest(
        event=args.event,
        day=args.day,
        session_id=args.session,
        blank_rows=args.blank_rows,
        landscape=args.landscape,
        lang=args.lang,
        paper=args.paper,
    )
    with _open(args) as ws:
        _writing(args.out, lambda: write_sheets(ws, request, args.out))
    _say(_("The sign-in sheets were written to {path}.").format(path=args.out))
    return 0


def cmd_badges(args: argparse.Namespace) -> int:
    from fieldkit.reports.printables import BadgesRequest, write_badges

    request = BadgesRequest(
        event=args.event,
        people=tuple(args.person or ()),
        layout=args.layout,
        lang=args.lang,
        paper=args.paper,
        walk_ins_of_day=args.walk_ins,
    )
    with _open(args) as ws:
        _writing(args.out, lambda: write_badges(ws, request, args.out))
    _say(_("The badges were written to {path}.").format(path=args.out))
    return 0


def cmd_certificates(args: argparse.Namespace) -> int:
    from fieldkit.reports.printables import CertificatesRequest, write_certificates

    request = CertificatesRequest(
        event=args.event,
        min_days=args.min_days,
        separate=args.separate,
        lang=args.lang,
        paper=args.paper,
    )
    written: list[Path] = []
    with _open(args) as ws:
        _writing(args.out, lambda: written.extend(write_certificates(ws, request, args.out)))
    count = len(written) if args.separate else None
    if count is None:
        _say(_("The certificates were written to {path}.").format(path=args.out))
    else:
        _say(
            ngettext(
                "{count} certificate was written to {path}.",
                "{count} certificates were written to {path}.",
                count,
            ).format(count=count, path=args.out)
        )
    return 0


def cmd_attendance_export(args: argparse.Namespace) -> int:
    from fieldkit.reports.printables import AttendanceRequest, write_attendance

    request = AttendanceRequest(event=args.event, redacted=args.redacted, lang=args.lang)
    with _open(args) as ws:
        _writing(args.out, lambda: write_attendance(ws, request, args.out))
    _say(_("The attendance table was written to {path}.").format(path=args.out))
    return 0


def _output_options(sub: argparse.ArgumentParser, out: str, *, paper: bool = True) -> None:
    sub.add_argument("event", metavar="EVENT", help=_("the event's id or short code"))
    sub.add_argument("--out", type=Path, required=True, metavar=out)
    sub.add_argument(
        "--lang",
        type=report_language,
        metavar="LANG",
        help=_(
            "the language of the document, with its regional formats (fr, es_PE…; default: the "
            "output language, else the interface's)"
        ),
    )
    if paper:
        sub.add_argument(
            "--paper",
            choices=("a4", "letter"),
            help=_("the paper size (default: the setting, else a4)"),
        )


def add_printable_commands(
    commands: Any, command: Callable[[str, Handler, str], argparse.ArgumentParser]
) -> None:
    """`minutes`, `sheets`, `badges`, `certificates` and `attendance export`."""
    minutes = command("minutes", cmd_minutes, _("write the PDF minutes of an event"))
    minutes.add_argument("event", metavar="EVENT", help=_("the event's id or short code"))
    minutes.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    minutes.add_argument(
        "--lang",
        type=report_language,
        metavar="LANG",
        help=_(
            "the language of the minutes, with its regional formats (fr, es_PE…; default: the "
            "output language, else the interface's)"
        ),
    )
    minutes.add_argument(
        "--day", type=int, metavar="N", help=_("only the day N of the event, counted from 1")
    )
    minutes.add_argument("--session", metavar="ID", help=_("only the session with this id"))
    minutes.add_argument(
        "--paper",
        choices=("a4", "letter"),
        help=_("the paper size (default: the setting, else a4)"),
    )
    minutes.add_argument(
        "--hide-below",
        type=int,
        default=0,
        metavar="N",
        help=_("show counts smaller than N as <N, for minutes shared outside"),
    )
    sheets = command("sheets", cmd_sheets, _("write the sign-in sheets of an event as a PDF"))
    _output_options(sheets, "FILE.pdf")
    scope = sheets.add_mutually_exclusive_group()
    scope.add_argument(
        "--day", type=int, metavar="N", help=_("only the day N of the event, counted from 1")
    )
    scope.add_argument("--session", metavar="ID", help=_("only the session with this id"))
    sheets.add_argument(
        "--blank-rows",
        type=int,
        metavar="N",
        help=_("blank rows for walk-ins after the names (default: the setting, else 10)"),
    )
    sheets.add_argument(
        "--landscape", action="store_true", help=_("print across the page (default: portrait)")
    )

    badges = command("badges", cmd_badges, _("write name badges with QR codes as a PDF"))
    _output_options(badges, "FILE.pdf")
    whom = badges.add_mutually_exclusive_group()
    whom.add_argument(
        "--person",
        action="append",
        metavar="ID",
        help=_("a person's badge only; repeat for several (default: everyone registered)"),
    )
    whom.add_argument(
        "--walk-ins",
        type=int,
        metavar="N",
        help=_("only the people registered at the door on day N of the event, counted from 1"),
    )
    badges.add_argument(
        "--layout",
        choices=("2x4", "2x5"),
        default="2x4",
        help=_("badges a page, as on common label sheets (default: 2x4)"),
    )

    certificates = command(
        "certificates", cmd_certificates, _("write certificates of participation as a PDF")
    )
    _output_options(certificates, "FILE.pdf")
    certificates.add_argument(
        "--min-days",
        type=int,
        metavar="N",
        help=_("only for people present on N days or more (default: at least half the days)"),
    )
    certificates.add_argument(
        "--separate",
        action="store_true",
        help=_("one PDF per person, in the folder given by --out"),
    )

    attendance = commands.add_parser(
        "attendance",
        help=_("attendance tables for donors"),
        description=_("attendance tables for donors"),
    )
    attendance_commands = attendance.add_subparsers(
        title=_("commands"), metavar="COMMAND", required=True
    )
    export = attendance_commands.add_parser(
        "export",
        help=_("write the attendance table of an event as CSV or XLSX"),
        description=_("write the attendance table of an event as CSV or XLSX"),
    )
    db_option(export, argparse.SUPPRESS)
    export.set_defaults(handler=cmd_attendance_export)
    _output_options(export, "FILE.csv|FILE.xlsx", paper=False)
    export.add_argument(
        "--redacted",
        action="store_true",
        help=_("leave out phone numbers, e-mail addresses and ID card numbers"),
    )
    from fieldkit.cli_attendance import add_import_command

    add_import_command(attendance_commands, db_option)
