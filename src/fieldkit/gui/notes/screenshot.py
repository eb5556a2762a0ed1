"""Screenshots of the notes page: `python -m fieldkit.gui.notes.screenshot OUTDIR`.

The demo is installed in a temporary workspace and the main window is shown offscreen at
1366×768 on the Notes page of the demo encounter (Peru–Bolivia):

- notes.png: the notes of a working group, with a line being typed;
- notes-photos.png: the photos of that group (two flip charts made up for the picture);
- actions.png: the decisions and action items of the whole encounter;
- actions-carry.png: a follow-up encounter of the same programme, with the encounter's open
  actions listed and one of them carried into it.
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
_PLATFORM_NOISE = ("propagateSizeHints", "does not support raise")


def _flip_chart(path: Path, title: str, lines: Sequence[str], colour: str) -> None:
    """A made-up photo of a flip chart: a sheet of paper with a few written lines."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(2400, 3000, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a7a66"))
    painter = QPainter(image)
    painter.fillRect(QRect(200, 150, 2000, 2700), QColor("#fbfaf4"))
    painter.setPen(QColor(colour))
    font = QFont()
    font.setPixelSize(170)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(300, 250, 1800, 400), Qt.AlignmentFlag.AlignCenter, title)
    font.setPixelSize(95)
    font.setBold(False)
    painter.setFont(font)
    for n, line in enumerate(lines):
        painter.drawText(350, 900 + n * 260, f"• {line}")
    painter.end()
    image.save(str(path), "JPEG", 90)  # type: ignore[call-overload]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldkit.gui.notes.screenshot")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--language", default="en", help="interface language (en, fr, es)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
    from PySide6.QtTest import QTest

    from fieldkit import demo
    from fieldkit.core.model import WorkingGroup
    from fieldkit.gui.notes.view import ACTIONS_TAB, NOTES_TAB, PHOTOS_TAB
    from fieldkit.gui.shell.app import application
    from fieldkit.gui.shell.main_controller import DEMO_OFFERED, create_main_window
    from fieldkit.i18n import set_language
    from fieldkit.store import Workspace

    def on_message(_kind: QtMsgType, _context: object, text: str) -> None:
        if not any(noise in text for noise in _PLATFORM_NOISE):
            print(text, file=sys.stderr)

    previous = qInstallMessageHandler(on_message)
    set_language(args.language)
    app = application([sys.argv[0]])
    args.outdir.mkdir(parents=True, exist_ok=True)

    def grab(window: Any, name: str) -> None:
        window.statusBar().clearMessage()
        app.processEvents()
        path = args.outdir / name
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        print(path)

    try:
        with tempfile.TemporaryDirectory() as folder, Workspace(Path(folder) / "w.sqlite") as ws:
            demo.install_demo(ws)
            ws.set_setting(DEMO_OFFERED, True)
            encounter = ws.find_event(demo.ENCOUNTER_CODE)
            window = create_main_window(ws)
            window.resize(*SIZE)
            window.show()
            window.controller.select_event(encounter.id)
            window.show_page("notes")
            page = window.page("notes")
            app.processEvents()

            groups = [t for t in page.targets if t.group_id is not None]
            target = groups[0] if groups else page.targets[0]
            page.select_target(target.session_id, target.group_id)
            page.view.tabs.setCurrentIndex(NOTES_TAB)
            edit = page.view.sections["proposals"]
            edit.setFocus()
            edit.moveCursor(edit.textCursor().MoveOperation.End)
            QTest.keyClick(edit, Qt.Key.Key_Return)
            QTest.keyClicks(edit, "Share the seed fair calendar with the other delegations")
            grab(window, "notes.png")

            group = ws.get(WorkingGroup, target.group_id) if target.group_id else None
            name = group.name if group else target.session_title
            charts = [
                ("Lecciones", ["Organizarse antes de la siembra", "Agua para todos"], "#1d4e89"),
                ("Propuestas", ["Feria de semillas", "Intercambio de saberes"], "#a02c2c"),
            ]
            paths = []
            for n, (title, lines, colour) in enumerate(charts, start=1):
                path = Path(folder) / f"papelografo-{n}.jpg"
                _flip_chart(path, title, [name[:28], *lines], colour)
                paths.append(path)
            page.add_photos(paths)
            model = page.photos_model
            model.setData(model.index(0, 0), "Lecciones del grupo")
            model.setData(model.index(1, 0), "Propuestas del grupo")
            model.setData(
                model.index(1, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
            )
            page.view.tabs.setCurrentIndex(PHOTOS_TAB)
            grab(window, "notes-photos.png")

            page.select_target(None)
            page.view.tabs.setCurrentIndex(ACTIONS_TAB)
            grab(window, "actions.png")

            follow_up = ws.duplicate_event(
                encounter.id,
                title="Segundo encuentro binacional Perú–Bolivia",
                start_date=dt.date(2022, 10, 10),
            ).value
            window.controller.reload_events()
            window.controller.select_event(follow_up.id)
            window.show_page("notes")
            page.select_target(None)
            page.view.tabs.setCurrentIndex(ACTIONS_TAB)
            earlier = page.earlier_model.rows
            if earlier:
                page.carry([earlier[0].item.id])
            grab(window, "actions-carry.png")
            window.close()
    except OSError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        qInstallMessageHandler(previous)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
