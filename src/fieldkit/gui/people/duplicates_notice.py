""" "N possible duplicates — review": the notice shown after an import or a sync brought people.

It scans off the GUI thread and, when someone may be there twice, offers a link to the
Duplicates tab of the People page. Any page that brings people in places one and calls `check()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QWidget

from fieldkit.i18n import ngettext

if TYPE_CHECKING:
    from fieldkit.core.duplicate_scan import Suggestion
    from fieldkit.gui.shell.context import PageContext


class _Found(QObject):
    found = Signal(object)  # the suggestions, delivered on the GUI thread


class DuplicatesNotice(QLabel):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesNotice")
        self.context = context
        self.count = 0
        self._signals: _Found | None = None
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.linkActivated.connect(lambda _link: self.review())
        self.hide()

    def check(self) -> None:
        """Scan again on a pool thread; the notice shows only when there is something.

        Not `run_in_background`: its progress dialog would stop the typing at the door for a
        notice nobody asked for. A scan that fails shows nothing (the tab says more).
        """
        ws = self.context.ws
        signals = self._signals = _Found()
        signals.found.connect(self.show_found)

        def scan() -> None:
            try:
                signals.found.emit(ws.duplicate_suggestions())
            except Exception:
                signals.found.emit([])

        QThreadPool.globalInstance().start(QRunnable.create(scan))

    def show_found(self, found: list[Suggestion]) -> None:
        self.count = len(found)
        self.retranslate_ui()
        self.setVisible(self.count > 0)

    def review(self) -> None:
        """The Duplicates tab of the People page."""
        window = self.context.window
        if window is None:
            return
        window.show_page("people")  # type: ignore[attr-defined]
        window.page("people").show_duplicates()  # type: ignore[attr-defined]
        self.hide()

    def retranslate_ui(self) -> None:
        text = ngettext(
            "{count} possible duplicate — review",
            "{count} possible duplicates — review",
            self.count,
        ).format(count=self.count)
        self.setText(f'<a href="#duplicates">{text}</a>')
