"""The floor of the packaged start-up benchmark: a bare PySide6 window, packaged like fieldkit.

`make package-bare` builds it from packaging/fieldkit.spec (`-- --bare`), so it starts through the
same bootloader, excludes and Qt plugins as the app. It shows a main window with one label, says
"painted 1" on stdout once that window has been painted, and quits.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.report)  # once this paint is over
        return False

    def report(self) -> None:
        print("painted 1", flush=True)
        QApplication.exit(0)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    label = QLabel("fieldkit", window)
    window.setCentralWidget(label)
    probe = FirstPaint()
    label.installEventFilter(probe)
    window.resize(1366, 768)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
