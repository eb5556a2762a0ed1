"""A self-check of the packaged app: the window opens, paints its events, reports and quits.

With `FIELDKIT_SMOKE_SECONDS=N`, the window closes itself N seconds after it is shown (through its
ordinary close, so the close hooks run), having printed one JSON line on stdout: whether the
events list was painted, how many events it shows, the window's title, and where Qt's own
translations are and whether the French and Spanish ones are there. With
`FIELDKIT_SMOKE_SCREENSHOT=FILE` it also saves a PNG of the window, and with
`FIELDKIT_SMOKE_REPORT=FILE` writes the line there too; with `FIELDKIT_SMOKE_GUIDE=FILE` it opens
the user guide from the Help menu's action first and saves a PNG of the guide window; with
`FIELDKIT_SMOKE_PREVIEW=FILE` it opens the Reports page on the first event, chooses the sign-in
sheets and saves a PNG of the preview of their first page (drawn by the packaged PDFium). With
`FIELDKIT_SMOKE_AT_PAINT=1` instead of a number of seconds, the line is printed and the window
closed as soon as the events list has been painted once (the start-up benchmark of the packaged
app times it). `packaging/smoke_test.py`
runs the packaged app this way and checks the report, so a window that never paints, an empty
list or a missing Qt catalog fails the build.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

SECONDS_VARIABLE = "FIELDKIT_SMOKE_SECONDS"
SCREENSHOT_VARIABLE = "FIELDKIT_SMOKE_SCREENSHOT"
REPORT_VARIABLE = "FIELDKIT_SMOKE_REPORT"  # a windowed program (Windows) has no stdout
AT_PAINT_VARIABLE = "FIELDKIT_SMOKE_AT_PAINT"
GUIDE_VARIABLE = "FIELDKIT_SMOKE_GUIDE"
PREVIEW_VARIABLE = "FIELDKIT_SMOKE_PREVIEW"
PREVIEW_SECONDS = 60


class _PaintWatch:
    painted = False
    then: Callable[[], None] | None = None  # called once, after the first paint is over

    def seen(self) -> None:
        """The events list's first paint is over (`EventsView.after_first_paint`)."""
        self.painted = True
        if self.then is not None:
            self.then()


def install_smoke_check(window: QMainWindow) -> bool:
    """Arm the self-check when the environment asks for it; whether it did."""
    text = os.environ.get(SECONDS_VARIABLE)
    at_paint = bool(os.environ.get(AT_PAINT_VARIABLE))
    if not text and not at_paint:
        return False
    watch = _PaintWatch()
    window.events_view.after_first_paint(watch.seen)  # type: ignore[attr-defined]

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
        preview_shot = os.environ.get(PREVIEW_VARIABLE)
        if preview_shot:
            facts |= _preview(window, preview_shot)
        line = json.dumps(facts, ensure_ascii=False)
        print(line, flush=True)
        report_file = os.environ.get(REPORT_VARIABLE)
        if report_file:
            Path(report_file).write_text(line + "\n", encoding="utf-8")
        window.close()

    if at_paint:
        watch.then = report
    else:
        QTimer.singleShot(round(float(text or 0) * 1000), report)
    return True


def _open_guide(window: QMainWindow, shot: str) -> dict[str, object]:
    """Help ▸ User guide, as a facilitator would press it; what the guide window showed."""
    from fieldkit.gui.shell.guide import GuideWindow

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


def _preview(window: QMainWindow, shot: str) -> dict[str, object]:
    """The Reports page on the first event, the sign-in sheets chosen: what its preview showed."""
    events = window.events_view.model()  # type: ignore[attr-defined]
    if events is None or events.rowCount() == 0:
        return {"preview_shown": False}
    window.events_view.selectRow(0)  # type: ignore[attr-defined]
    window.show_page("reports")  # type: ignore[attr-defined]
    page = window.page("reports")  # type: ignore[attr-defined]
    page.doc_combo.setCurrentIndex(page.doc_combo.findData("sign-in-sheets"))
    deadline = time.monotonic() + PREVIEW_SECONDS

    def waiting() -> bool:
        busy = page.preview_timer.isActive() or page.preview_task is not None
        return (busy or page.preview_stale) and time.monotonic() < deadline

    while waiting():
        QApplication.processEvents()
        time.sleep(0.02)
    picture = page.preview.picture
    shown = not picture.pixmap().isNull()
    return {
        "preview_shown": shown,
        "preview_status": page.preview.status.text() or page.preview.message.text(),
        "preview_screenshot": shown and picture.grab().save(shot),
    }
