"""What `start_cold` starts: `python -m bench.start_probe fieldkit DB` or `... bare`.

Either way the process says "painted N" on stdout once a main window has been painted for the first
time, N being the rows of its events list then (1 for the bare window's label), then closes it and
exits: a window painted before its events were read would say "painted 0". `fieldkit` runs the app's own start (`fieldkit.gui.shell.app.run`) on
the workspace DB; `bare` shows an empty PySide6 main window with one label, the floor.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    """Says "painted" after the first paint of a main window's widget, then closes the windows."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.seen
            and event.type() == QEvent.Type.Paint
            and hasattr(watched, "window")
            and isinstance(watched.window(), QMainWindow)
        ):
            self.seen = True
            QTimer.singleShot(0, self.report)  # once this paint is over
        return False

    def report(self) -> None:
        rows = 1
        for window in QApplication.topLevelWidgets():
            view = getattr(window, "events_view", None)
            if isinstance(window, QMainWindow) and view is not None:
                rows = view.model().rowCount() if view.model() is not None else 0
        print(f"painted {rows}", flush=True)
        for window in QApplication.topLevelWidgets():
            window.close()
        QApplication.exit(0)


def main(argv: list[str]) -> int:
    app = QApplication([sys.argv[0]])
    probe = FirstPaint()
    app.installEventFilter(probe)
    if argv[:1] == ["bare"]:
        window = QMainWindow()
        window.setCentralWidget(QLabel("fieldkit", window))
        window.resize(1366, 768)
        window.show()
        return app.exec()
    from fieldkit.gui.shell.app import run

    return run(Path(argv[1]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
