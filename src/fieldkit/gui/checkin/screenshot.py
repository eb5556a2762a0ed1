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
from typing import Any

SIZE = (1366, 768)
NOW = dt.datetime(2021, 10, 11, 8, 42, 10)
_PLATFORM_NOISE = ("propagateSizeHints", "does not support raise")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldkit.gui.checkin.screenshot")
    parser.add_argument("output", type=Path, help="the PNG file to write")
    parser.add_argument("--language", default="en", help="interface language (en, fr, es)")
    parser.add_argument(
        "--all",
        action="store_true",
        help="also the walk-in form, the paper sheet and a head count, next to OUTPUT",
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
    from PySide6.QtTest import QTest

    from fieldkit import demo
    from fieldkit.core.model import Attendance
    from fieldkit.gui.checkin.page import CheckinPage
    from fieldkit.gui.shell.app import application
    from fieldkit.gui.shell.context import PageContext
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

            page = CheckinPage(PageContext(ws), now=lambda: NOW)
            page.resize(*SIZE)
            page.set_event(event.id)
            page.show()
            app.processEvents()
            today = ws.day_attendance(first_day.id)
            waiting = [p for p in page.door.sheet() if p.id not in today]
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
            shots = [_save(page, args.output)]
            if args.all:
                shots += _more_states(page, app, waiting, args.output)
            for path, _ in shots:
                print(path)
            page.close()
    finally:
        qInstallMessageHandler(previous)
    return 0


def _save(page: Any, path: Path) -> tuple[Path, Any]:
    if not page.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path, page


def _more_states(page: Any, app: Any, waiting: list[Any], output: Path) -> list[tuple[Path, Any]]:
    """The walk-in form warning about a look-alike, the paper sheet, a head count."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from fieldkit.core.model import Gender, SessionKind, SessionMode

    shots = []
    page.view.search.clear()
    known = waiting[10]
    QTest.keyClicks(page.view.search, f"{known.given_names.split()[0]} {known.surnames.split()[0]}")
    QTest.keyClick(page.view.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.view.walk_in
    form.gender.setCurrentIndex(form.gender.findData(known.gender.value or Gender.WOMAN.value))
    form.delegation.setEditText(known.delegation)
    page._check_suspects()
    app.processEvents()
    shots.append(_save(page, output.with_name(f"{output.stem}-walk-in{output.suffix}")))
    QTest.keyClick(form.given_names, Qt.Key.Key_Escape)

    plenary = next(
        t
        for t in page.door.targets
        if t.session.kind is SessionKind.PLENARY and t.session.mode is not SessionMode.VIRTUAL
    )
    page.choose(plenary.session.id)
    page.view.paper_button.setChecked(True)
    QTest.keyClicks(page.view.paper.rows_edit, "1-4, 7, 9, 12-13")
    QTest.keyClick(page.view.paper.rows_edit, Qt.Key.Key_Return)
    QTest.keyClicks(page.view.paper.rows_edit, "15, 18-")
    app.processEvents()
    shots.append(_save(page, output.with_name(f"{output.stem}-paper{output.suffix}")))
    page.view.paper_button.setChecked(False)

    panels = next((t for t in page.door.targets if not t.names_taken), None)
    if panels is not None:
        page.choose(panels.session.id)
        for key in (Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Down, Qt.Key.Key_Plus):
            QTest.keyClick(page.view.tally, key)
        app.processEvents()
        shots.append(_save(page, output.with_name(f"{output.stem}-tally{output.suffix}")))
    return shots


if __name__ == "__main__":
    raise SystemExit(main())
