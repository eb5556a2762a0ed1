"""The reminder that personal data of past events is due for erasure, and the list where the
user reviews and erases it.

A bar at the top of the main window, shown after the window (the due list is read on a pool
thread, so the start is not slowed): "Personal data of N people from events that ended more than
X ago is due for erasure — Review". Review opens `RetentionDialog`: the people due, all checked;
the checked ones are erased through the same facade operation and confirmation as one person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.erasure import done_texts
from fieldkit.core.retention import DuePerson, retention_text
from fieldkit.gui.people.erase_dialog import EraseDialog
from fieldkit.gui.people.erase_job import erase_in_background
from fieldkit.i18n import _, date_text, ngettext

if TYPE_CHECKING:
    from fieldkit.core.model import Result
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.gui.shell.worker import BackgroundTask
    from fieldkit.store.erasure_store import ErasureReport


class _Found(QObject):
    found = Signal(object)  # (years, the people due), delivered on the GUI thread


class RetentionNotice(QFrame):
    """The non-blocking reminder bar; hidden while nobody is due."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retentionNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#retentionNotice { background: #eef3fb; border: 1px solid #9fb6d9;"
            " border-radius: 4px; }"
        )
        self.context = context
        self.years: int | None = None
        self.due: list[DuePerson] = []
        self.dialog: RetentionDialog | None = None
        self._signals: _Found | None = None
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.review_button = QPushButton(self)
        self.later_button = QPushButton(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.review_button)
        layout.addWidget(self.later_button)
        self.review_button.clicked.connect(self.review)
        self.later_button.clicked.connect(self.hide)
        self.hide()

    def check(self) -> None:
        """Read who is due on a pool thread; the bar shows only when someone is."""
        ws = self.context.ws
        signals = self._signals = _Found()
        # A bound method: Qt drops the connection if the window is closed before the answer.
        signals.found.connect(self._found)

        def read() -> None:
            try:
                years = ws.retention_years()
                signals.found.emit((years, ws.people_due_for_erasure(years) if years else []))
            except Exception:  # a reminder that cannot be read is no reminder
                signals.found.emit((None, []))

        QThreadPool.globalInstance().start(QRunnable.create(read))

    def _found(self, found: tuple[int | None, list[DuePerson]]) -> None:
        self.show_due(*found)

    def check_now(self) -> None:
        """The same on the GUI thread (tests, screenshots, after an erasure)."""
        years = self.context.ws.retention_years()
        self.show_due(years, self.context.ws.people_due_for_erasure(years) if years else [])

    def show_due(self, years: int | None, due: list[DuePerson]) -> None:
        self.years, self.due = years, due
        self.retranslate_ui()
        self.setVisible(bool(due))

    def review(self) -> RetentionDialog | None:
        if not self.due or self.years is None:
            return None
        self.dialog = RetentionDialog(self.context, self.years, self.due, self.window())
        self.dialog.erased.connect(self.check_now)
        self.dialog.open()
        return self.dialog

    def retranslate_ui(self) -> None:
        self.message.setText(
            ngettext(
                "Personal data of {count} person from events that ended more than {time} ago "
                "is due for erasure.",
                "Personal data of {count} people from events that ended more than {time} ago "
                "is due for erasure.",
                len(self.due),
            ).format(count=len(self.due), time=retention_text(self.years))
        )
        self.review_button.setText(_("Review…"))
        self.later_button.setText(_("Later"))


class RetentionDialog(QDialog):
    """The people due, each checked; Erase asks (`EraseDialog`) and erases the checked ones."""

    erased = Signal()

    def __init__(
        self, context: PageContext, years: int, due: list[DuePerson], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Personal data due for erasure"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(560, 420)
        self.context = context
        self.confirm: EraseDialog | None = None
        self.task: BackgroundTask | None = None
        self.intro = QLabel(
            _(
                "These people came only to events that ended more than {time} ago. Uncheck "
                "anyone whose data must be kept (someone who will come again, for instance)."
            ).format(time=retention_text(years)),
            self,
        )
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        for person in due:
            text = _("{name} — last event ended on {date}").format(
                name=person.full_name or _("Unnamed person"), date=date_text(person.last_end)
            )
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, person.person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.erase_button = self.buttons.addButton(
            _("Erase the checked people…"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.erase_button.clicked.connect(self.ask)
        self.list.itemChanged.connect(lambda _item: self._update())
        self._update()

    def checked(self) -> list[str]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        self.erase_button.setEnabled(bool(self.checked()))

    def ask(self) -> EraseDialog | None:
        ids = self.checked()
        if not ids:
            return None
        question = ngettext(
            "Erase the personal data of {count} person?",
            "Erase the personal data of {count} people?",
            len(ids),
        ).format(count=len(ids))
        self.confirm = EraseDialog(self, question, lambda keep: self.erase(ids, keep))
        self.confirm.open()
        return self.confirm

    def erase(self, ids: list[str], keep_initials: bool) -> BackgroundTask:
        """Erase off the GUI thread; the dialog stays (under the progress dialog) until done."""

        def done(result: Result[ErasureReport]) -> None:
            report = result.value
            self.erased.emit()
            self.accept()
            _inform(
                self.parentWidget(),
                "\n\n".join(
                    done_texts(
                        len(report.people), report.conflicts, report.merges, report.snapshots
                    )
                ),
            )

        self.task = erase_in_background(
            self.context, self, ids, keep_initials, done=done, refused=self.context.show_error
        )
        return self.task


def _inform(parent: QWidget | None, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, _("Erase personal data"), text, parent=parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def install_retention_notice(
    window: QWidget, context: PageContext, *, check: bool
) -> RetentionNotice:
    """Put the reminder at the top of the window; with `check`, look once it is shown."""
    notice = RetentionNotice(context, window)
    layout = window.centralWidget().layout()  # type: ignore[attr-defined]
    layout.insertWidget(0, notice)
    if check:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, notice.check)
    return notice
