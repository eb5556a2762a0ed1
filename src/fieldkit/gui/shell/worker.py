"""Slow work (PDF, import, export, backup) off the GUI thread, with a progress bar.

`run_in_background(parent, label, work, on_success, on_failure, on_progress)` runs
`work(progress)` on Qt's thread pool. `progress(done, total)` may be called from the work as often
as it likes to move the bar (thread-safe: it emits the task's signal, at most every
`PROGRESS_EVERY_S` and always for the last step, so a PDF of hundreds of pages sends a few
updates, not one per paragraph); `on_progress` hears it on the GUI thread too, for a bar of the
page's own. The callbacks run on the GUI thread once the work is over. The work never
touches a widget; it receives plain values and returns plain values.

A `UserError` (disk full, file locked, bad input) becomes its plain message, unless `on_failure`
takes it; anything else is a programming error and goes to the crash handler.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from fieldkit.core.errors import UserError
from fieldkit.i18n import _

T = TypeVar("T")
Progress = Callable[[int, int], None]
SHOW_AFTER_MS = 300  # quick work finishes without a flash of a dialog
PROGRESS_EVERY_S = 0.1

_running: set[BackgroundTask] = set()


class _Signals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        last = (-1, -1)
        sent_at = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last, sent_at
            now = time.monotonic()
            if (done, total) == last or (done < total and now - sent_at < PROGRESS_EVERY_S):
                return
            last, sent_at = (done, total), now
            self.signals.progress.emit(done, total)

        try:
            result = self.work(progress)
        except BaseException as error:  # handed to the GUI thread whole
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class BackgroundTask(QObject):
    """One piece of work on the thread pool and the dialog that shows its progress."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: Callable[[Progress], Any],
        on_success: Callable[[Any], object] | None = None,
        on_failure: Callable[[BaseException], bool | None] | None = None,
        on_progress: Callable[[int, int], object] | None = None,
        *,
        quiet: bool = False,
    ) -> None:
        super().__init__(parent)
        # No progress dialog: work that tells of itself (the daily backup, a preview).
        self.quiet = quiet
        self.parent_widget = parent
        self.on_success = on_success
        self.on_failure = on_failure
        self.done = False
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setWindowTitle(_("fieldkit"))
        self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(0)
        self.dialog.hide()
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress)
        if on_progress is not None:
            self.signals.progress.connect(on_progress)
        self.signals.succeeded.connect(self._on_succeeded)
        self.signals.failed.connect(self._on_failed)
        self._runnable = _Runnable(work, self.signals)

    def start(self) -> BackgroundTask:
        _running.add(self)
        # A task deleted with its page before its work ended (a preview of a page closed
        # meanwhile) hears nothing more: it must not be counted as running for ever.
        self.destroyed.connect(functools.partial(_running.discard, self))
        if not self.quiet:
            self._show_timer.start(SHOW_AFTER_MS)
        QThreadPool.globalInstance().start(self._runnable)
        return self

    def _show_dialog(self) -> None:
        if not self.done:
            self.dialog.open()

    def _on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)

    def _end(self) -> None:
        self.done = True
        self._show_timer.stop()
        self.dialog.close()
        self.dialog.deleteLater()
        _running.discard(self)
        self.finished.emit()

    def _on_succeeded(self, result: Any) -> None:
        self._end()
        if self.on_success is not None:
            self.on_success(result)

    def _on_failed(self, error: BaseException) -> None:
        self._end()
        if self.on_failure is not None and self.on_failure(error):
            return
        if isinstance(error, UserError):
            box = QMessageBox(
                QMessageBox.Icon.Warning, _("fieldkit"), error.message, parent=self.parent_widget
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return
        sys.excepthook(type(error), error, error.__traceback__)


def run_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[Progress], T],
    on_success: Callable[[T], object] | None = None,
    on_failure: Callable[[BaseException], bool | None] | None = None,
    on_progress: Callable[[int, int], object] | None = None,
    *,
    quiet: bool = False,
) -> BackgroundTask:
    """Start `work(progress)` off the GUI thread; see the module's description. `quiet`: without
    the progress dialog, for work that the page shows in its own way."""
    return BackgroundTask(
        parent, label, work, on_success, on_failure, on_progress, quiet=quiet
    ).start()


def running_tasks() -> int:
    """How many background tasks have not finished (the window waits for them before closing)."""
    return len(_running)
