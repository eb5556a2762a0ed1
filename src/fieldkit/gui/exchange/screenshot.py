"""The screenshot of the Exchange page: `python -m fieldkit.gui.exchange.screenshot OUT.png`.

Two laptops in temporary workspaces: the registration desk has the demo events, the group laptop
imported them. Both then edit the key points of the same session's notes before exchanging (one
conflict, shown side by side); the group laptop checks someone in and changes a session; its file
is chosen on the registration desk, whose page shows the preview. Grabbed at 1366×768.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

SIZE = (1366, 768)
TODAY = dt.date(2021, 10, 12)
_PLATFORM_NOISE = ("propagateSizeHints", "does not support raise")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldkit.gui.exchange.screenshot")
    parser.add_argument("output", type=Path, help="the PNG file to write")
    parser.add_argument("--language", default="en", help="interface language (en, fr, es)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from fieldkit import demo
    from fieldkit.core.model import Note, Session
    from fieldkit.gui.exchange.page import ExchangePage
    from fieldkit.gui.shell.app import application
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.i18n import set_language
    from fieldkit.store import Workspace
    from fieldkit.sync.exchange import export_exchange, import_exchange

    def on_message(_kind: QtMsgType, _context: object, text: str) -> None:
        if not any(noise in text for noise in _PLATFORM_NOISE):
            print(text, file=sys.stderr)

    previous = qInstallMessageHandler(on_message)
    set_language(args.language)
    app = application([sys.argv[0]])
    try:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            desk = Workspace(folder / "desk.sqlite", device_name="Registration desk")
            group = Workspace(folder / "group.sqlite", device_name="Group 2 laptop")
            with desk, group:
                demo.install_demo(desk)
                event = desk.find_event(demo.ENCOUNTER_CODE)
                export_exchange(desk, folder / "desk.fkx")
                import_exchange(group, folder / "desk.fkx")
                sessions = desk.event_sessions(event.id)
                notes = [n for n in desk.list(Note) if n.key_points and not n.group_id]
                note = notes[0]
                desk.update(
                    Note,
                    note.id,
                    key_points=note.key_points + "\n- Agreed: one report per country by Friday.",
                )
                group.update(
                    Note,
                    note.id,
                    key_points=note.key_points
                    + "\n- The report goes to both networks before the closing plenary.",
                )
                export_exchange(group, folder / "group.fkx")
                import_exchange(desk, folder / "group.fkx")  # the conflict
                group.update(Session, sessions[3].id, room="Salón Titicaca")
                group.update(Session, sessions[5].id, facilitator="Rosa Mamani")
                export_exchange(group, folder / "group-2021-10-12.fkx")

                page = ExchangePage(PageContext(desk), today=lambda: TODAY)
                page.resize(*SIZE)
                page.show()
                page.pass_edit.setText("piano radio tango canal melon")
                page.choose_import_file(folder / "group-2021-10-12.fkx")
                deadline = time.monotonic() + 30
                while page.busy() and time.monotonic() < deadline:
                    app.processEvents()
                    time.sleep(0.01)
                page.file_label.setText(str(Path("E:/") / "group-2021-10-12.fkx"))
                app.processEvents()
                args.output.parent.mkdir(parents=True, exist_ok=True)
                if not page.grab().save(str(args.output)):
                    print(f"could not write {args.output}", file=sys.stderr)
                    return 1
                page.close()
                print(args.output)
    finally:
        qInstallMessageHandler(previous)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
