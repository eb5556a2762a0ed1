"""The screenshot of the check-in screen mid-queue: `python -m fieldkit.gui.checkin.screenshot OUT`.

The demo encounter (Peru–Bolivia, 11 October 2021) is installed in a temporary workspace and the
clock is set to 08:42 on its first day: the check-ins recorded after that are taken away, so the
queue is half way. Two more people are checked in through the page (one by name, one by badge),
then a few letters are typed for the next one. The page is grabbed at 1366×768.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

SIZE = (1366, 768)
NOW = dt.datetime(2021, 10, 11, 8, 42, 10)
_PLATFORM_NOISE = ("propagateSizeHints", "does not support raise")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldkit.gui.checkin.screenshot")
    parser.add_argument("output", type=Path, help="the PNG file to write")
    parser.add_argument("--language", default="en", help="interface language (en, fr, es)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
    from PySide6.QtTest import QTest

    from fieldkit import demo
    from fieldkit.core.model import Attendance
    from fieldkit.gui.app import application
    from fieldkit.gui.checkin.page import CheckinPage
    from fieldkit.i18n import set_language
    from fieldkit.store import Workspace

    def on_message(_kind: QtMsgType, _context: object, text: str) -> None:
        if not any(noise in text for noise in _PLATFORM_NOISE):
            print(text, file=sys.stderr)

    previous = qInstallMessageHandler(on_message)
    set_language(args.language)
    app = application([sys.argv[0]])
    try:
        with tempfile.TemporaryDirectory() as folder, Workspace(Path(folder) / "w.sqlite") as ws:
            demo.install_demo(ws)
            event = ws.find_event(demo.ENCOUNTER_CODE)
            first_day = ws.event_days(event.id)[0]
            sessions = [s.id for s in ws.event_sessions(event.id) if s.day_id == first_day.id]
            later = [
                (Attendance, record.id)
                for record in ws.list(Attendance, where={"session_id": sessions})
                if record.checked_in_at is None or record.checked_in_at > NOW
            ]
            ws.apply([], later)

            page = CheckinPage(ws, now=lambda: NOW)
            page.resize(*SIZE)
            page.set_event(event.id)
            page.show()
            app.processEvents()
            waiting = [p for p in page.door.sheet() if page.door.presence(p.id) is None]
            by_name, by_badge, following = waiting[3], waiting[-5], waiting[8]
            # The way people type at the door: a surname's first letters, a given name's.
            typed = f"{by_name.surnames[:5]} {by_name.given_names[:2]}"
            for text in (typed, by_badge.badge_code):
                QTest.keyClicks(page.view.search, text)
                QTest.keyClick(page.view.search, Qt.Key.Key_Return)
            QTest.keyClicks(page.view.search, following.surnames[:3].lower())
            QTest.keyClick(page.view.search, Qt.Key.Key_Down)
            app.processEvents()
            args.output.parent.mkdir(parents=True, exist_ok=True)
            if not page.grab().save(str(args.output)):
                print(f"could not write {args.output}", file=sys.stderr)
                return 1
            print(args.output)
            page.close()
    finally:
        qInstallMessageHandler(previous)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
