"""Autosave: no Save button; an edit reaches the database within a second.

An `Autosaver` binds the widgets of a form to the fields of one record. Typing starts a short
timer (restarted by each key); leaving a field, pressing Enter, picking in a list or ticking a box
saves at once. `flush()` saves what is still waiting, and `flush_all()` does it for every form of
the window (the window calls it before it closes). `load()` shows stored values, except in the
fields whose edit is still waiting, and never moves the cursor of a field that already shows the
stored value.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from shiboken6 import isValid

from fieldkit.gui.widgets.inputs import OptionalDateEdit, OptionalTimeEdit

DELAY_MS = 700  # under the one second the design promises, long enough to type a word

_instances: weakref.WeakSet[Autosaver] = weakref.WeakSet()


def _within(obj: QObject | None, root: QObject) -> bool:
    while obj is not None:
        if obj is root:
            return True
        obj = obj.parent()
    return False


def flush_all(root: QObject | None = None, *, final: bool = True) -> None:
    """Save every edit still waiting in the forms under `root` (all forms when None): before
    the window closes, or switches workspace.

    With `final`, each save callback sees `saver.final` set: a form that holds a save (a new
    person who looks like someone known) saves it anyway, since the window is going away.
    """
    for saver in list(_instances):
        if not isValid(saver) or (root is not None and not _within(saver, root)):
            continue
        saver.final = final
        try:
            saver.finish_typing()
            saver.flush()
        finally:
            saver.final = False


class Autosaver(QObject):
    """Saves the edited fields of one form through `save({field: value})`, debounced."""

    def __init__(
        self, parent: QObject, save: Callable[[dict[str, Any]], object], delay_ms: int = DELAY_MS
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._getters: dict[str, Callable[[], Any]] = {}
        self._setters: dict[str, Callable[[Any], None]] = {}
        self._widgets: dict[str, QWidget] = {}
        self._pending: dict[str, Any] = {}
        self._loading = False
        self.final = False  # True while flush_all(final=True) runs
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        _instances.add(self)

    # --- binding -----------------------------------------------------------------------------

    def _bind(
        self, name: str, widget: QWidget, get: Callable[[], Any], put: Callable[[Any], None]
    ) -> None:
        self._getters[name] = get
        self._setters[name] = put
        self._widgets[name] = widget

    def bind_line(self, name: str, edit: QLineEdit) -> None:
        def put(value: Any) -> None:
            edit.setText(value or "")
            if not edit.hasFocus():
                edit.setCursorPosition(0)  # show the start of a long title, not its end

        self._bind(name, edit, edit.text, put)
        edit.textEdited.connect(lambda _text: self._edited(name, later=True))
        edit.editingFinished.connect(self.flush)

    def bind_text(self, name: str, edit: QPlainTextEdit) -> None:
        self._bind(name, edit, edit.toPlainText, lambda v: edit.setPlainText(v or ""))
        edit.textChanged.connect(lambda: self._edited(name, later=True))
        edit.installEventFilter(self)

    def bind_combo(self, name: str, combo: QComboBox) -> None:
        def put(value: Any) -> None:
            index = combo.findData(value)
            combo.setCurrentIndex(index if index >= 0 else 0)

        self._bind(name, combo, combo.currentData, put)
        combo.activated.connect(lambda _index: self._edited(name))

    def bind_check(self, name: str, box: QAbstractButton) -> None:
        self._bind(name, box, box.isChecked, lambda v: box.setChecked(bool(v)))
        box.clicked.connect(lambda _checked=False: self._edited(name))

    def bind_date(self, name: str, edit: OptionalDateEdit) -> None:
        self._bind(name, edit, edit.value, edit.set_value)
        edit.dateChanged.connect(lambda _d: self._edited(name, later=True))
        edit.editingFinished.connect(self.flush)

    def bind_time(self, name: str, edit: OptionalTimeEdit) -> None:
        self._bind(name, edit, edit.value, edit.set_value)
        edit.timeChanged.connect(lambda _t: self._edited(name, later=True))
        edit.editingFinished.connect(self.flush)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    # --- saving ------------------------------------------------------------------------------

    def _edited(self, name: str, *, later: bool = False) -> None:
        if self._loading:
            return
        self._pending[name] = self._getters[name]()
        if later:
            self._timer.start()
        else:
            self.flush()

    def flush(self) -> None:
        """Save what is waiting now (a field read again, so the last keystroke is in)."""
        if not isValid(self):
            return  # its form is gone (a closed dialog)
        self._timer.stop()
        if not self._pending:
            return
        values = {name: self._getters[name]() for name in self._pending}
        self._pending.clear()
        self._save(values)

    def finish_typing(self) -> None:
        """Read a date or time typed but not yet entered (the form is closing)."""
        for widget in self._widgets.values():
            if isinstance(widget, OptionalDateEdit | OptionalTimeEdit) and widget.line.isModified():
                widget.line.setModified(False)
                widget.finish()

    def hold(self, *names: str) -> None:
        """Keep fields waiting without a timer: the form holds their save (the next flush, or
        the final one when the window closes, offers them again)."""
        for name in names:
            self._pending[name] = self._getters[name]()

    def discard(self) -> None:
        """Forget what is waiting (the record it was for is gone)."""
        self._timer.stop()
        self._pending.clear()

    # --- showing stored values ---------------------------------------------------------------

    def load(self, values: Mapping[str, Any]) -> None:
        """Show stored values in the bound widgets (those with a waiting edit are left alone)."""
        self._loading = True
        try:
            for name, put in self._setters.items():
                if (
                    name not in values
                    or name in self._pending
                    or self._getters[name]() == values[name]
                ):
                    continue
                widget = self._widgets[name]
                blocked = widget.blockSignals(True)
                try:
                    put(values[name])
                finally:
                    widget.blockSignals(blocked)
        finally:
            self._loading = False
