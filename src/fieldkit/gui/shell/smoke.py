"""A self-check of the packaged app: the window opens, paints its events, reports and quits.

With `FIELDKIT_SMOKE_SECONDS=N`, the window closes itself N seconds after it is shown (through its
ordinary close, so the close hooks run), having printed one JSON line on stdout: whether the
events list was painted, how many events it shows, the window's title, and where Qt's own
translations are and whether the French and Spanish ones are there. With
`FIELDKIT_SMOKE_SCREENSHOT=FILE` it also saves a PNG of the window, and with
`FIELDKIT_SMOKE_REPORT=FILE` writes the line there too; with `FIELDKIT_SMOKE_GUIDE=FILE` it opens
the user guide from the Help menu's action first and saves a PNG of the guide window. `packaging/smoke_test.py`
runs the packaged app this way and checks the report, so a window that never paints, an empty
list or a missing Qt catalog fails the build.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from fieldkit.gui.shell.guide import GuideWindow

SECONDS_VARIABLE = "FIELDKIT_SMOKE_SECONDS"
SCREENSHOT_VARIABLE = "FIELDKIT_SMOKE_SCREENSHOT"
REPORT_VARIABLE = "FIELDKIT_SMOKE_REPORT"  # a windowed program (Windows) has no stdout
GUIDE_VARIABLE = "FIELDKIT_SMOKE_GUIDE"


class _PaintWatch(QObject):
    painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def install_smoke_check(window: QMainWindow) -> bool:
    """Arm the self-check when the environment asks for it; whether it did."""
    text = os.environ.get(SECONDS_VARIABLE)
    if not text:
        return False
    seconds = float(text)
    watch = _PaintWatch(window)
    window.events_view.viewport().installEventFilter(watch)  # type: ignore[attr-defined]

    def report() -> None:
        translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        events = window.events_view.model()  # type: ignore[attr-defined]
        facts = {
            "painted": watch.painted,
            "visible": window.isVisible(),
            "events": events.rowCount() if events is not None else 0,
            "title": window.windowTitle(),
            "qt_translations": str(translations),
            "qtbase_fr": (translations / "qtbase_fr.qm").is_file(),
            "qtbase_es": (translations / "qtbase_es.qm").is_file(),
        }
        guide_shot = os.environ.get(GUIDE_VARIABLE)
        if guide_shot:
            facts |= _open_guide(window, guide_shot)
        shot = os.environ.get(SCREENSHOT_VARIABLE)
        if shot:
            facts["screenshot"] = window.grab().save(shot)
        line = json.dumps(facts, ensure_ascii=False)
        print(line, flush=True)
        report_file = os.environ.get(REPORT_VARIABLE)
        if report_file:
            Path(report_file).write_text(line + "\n", encoding="utf-8")
        window.close()

    QTimer.singleShot(round(seconds * 1000), report)
    return True


def _open_guide(window: QMainWindow, shot: str) -> dict[str, object]:
    """Help ▸ User guide, as a facilitator would press it; what the guide window showed."""
    window.guide_action.trigger()  # type: ignore[attr-defined]
    for _ in range(5):
        QApplication.processEvents()
    guide = window.findChild(GuideWindow)
    if guide is None:
        return {"guide_title": ""}
    page = guide.current_page()
    return {
        "guide_title": guide.windowTitle(),
        "guide_page": page.parent.name + "/" + page.name if page else "",
        "guide_screenshot": guide.grab().save(shot),
    }
