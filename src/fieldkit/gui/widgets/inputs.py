"""Small input widgets the forms share: a date and a time that may be left empty.

Both are typed freely from empty, in the usual forms of the interface language (`30/06/2008`,
`2008-06-30`, `30 juin 2008`; `12:30`, `1230`), read by `fieldkit.core.datetext`. Once editing
ends (Enter, Tab, leaving the field, a pick in the calendar), the field shows what it understood
in the interface language ('30 juin 2008', the weekday in its tooltip) and emits its change
signal. What cannot be a date or time gets a red frame and one sentence under the field, and the
value stays what it was; Enter does not leave such a field (nor close the dialog around it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from fieldkit.core import datetext
from fieldkit.core.datetext import DateTextError
from fieldkit.i18n import _, current_locale

_ERROR_STYLE = (
    "QLineEdit { border: 2px solid #c62828; border-radius: 3px; padding: 1px 2px;"
    " background: #fff5f5; }"
)
_MESSAGE_STYLE = "color: #b71c1c;"


def interface_language() -> str:
    """The language (or locale, 'fr_CA') whose forms the fields read and show."""
    return current_locale()


class FieldLine(QLineEdit):
    """The text of a field: Enter on what cannot be read stays in the field and says why."""

    def __init__(self, owner: _TypedField) -> None:
        super().__init__(owner)
        self.owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            typed = self.isModified()  # before commit() shows what it understood
            if not self.owner.commit():
                event.accept()  # neither the dialog's default button nor the table's editor closes
                return
            if typed and not self.owner.in_cell:
                # In a form, Enter after typing shows what was understood; the next Enter
                # reaches the dialog's default button.
                self.setModified(False)
                self.owner.finish()
                event.accept()
                return
        if self.owner.key_pressed(event):
            return
        super().keyPressEvent(event)


class _TypedField(QWidget):
    """A line of typed text above a message line that appears for what cannot be read."""

    editingFinished = Signal()
    messageChanged = Signal(str)  # the sentence under the field, "" when there is none

    def __init__(self, parent: QWidget | None, *, in_cell: bool) -> None:
        super().__init__(parent)
        self.in_cell = in_cell
        self.line = FieldLine(self)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setStyleSheet(_MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(2)
        self.row.addWidget(self.line, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.line)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if in_cell:
            self.setAutoFillBackground(True)  # its message covers the rows below
        self.line.editingFinished.connect(self._finished)
        self._error = ""

    # --- what subclasses say -----------------------------------------------------------------

    def _read(self, text: str) -> Any:
        raise NotImplementedError

    def _shown(self, value: Any) -> str:
        raise NotImplementedError

    def _store(self, value: Any) -> bool:
        """Keep a value read from the text; True when it changed."""
        raise NotImplementedError

    def _current(self) -> Any:
        raise NotImplementedError

    def key_pressed(self, event: QKeyEvent) -> bool:
        return False

    # --- reading what was typed --------------------------------------------------------------

    def commit(self) -> bool:
        """Read the text: keep and show what it says, or show why it cannot be; False then."""
        try:
            value = self._read(self.line.text())
        except DateTextError as error:
            self._show_error(error.message)
            return False
        self._show_error("")
        self._show(value)
        self._store(value)
        return True

    def _finished(self) -> None:
        self.commit()
        self.editingFinished.emit()

    def finish(self) -> None:
        """Read what is typed and say that editing ended (a form closing, Enter)."""
        self._finished()

    def _show(self, value: Any) -> None:
        text = self._shown(value)
        if self.line.text() != text:
            self.line.setText(text)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        pass

    def has_error(self) -> bool:
        return bool(self._error)

    def _show_error(self, message: str) -> None:
        if message == self._error:
            return
        self._error = message
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.line.setStyleSheet(_ERROR_STYLE if message else "")
        self.line.setAccessibleDescription(message)
        self.messageChanged.emit(message)
        if self.in_cell:
            width = max(self.width(), 260 if message else 0)
            layout = self.layout()
            height = layout.totalHeightForWidth(width) if layout is not None else -1
            self.resize(width, height if height > 0 else self.sizeHint().height())
            parent = self.parentWidget()
            if parent is not None and self.x() + width > parent.width():
                self.move(max(0, parent.width() - width), self.y())  # the message in view
            self.raise_()

    def set_error_frame(self, shown: bool) -> None:
        """Frame the field in red for a refusal said elsewhere (a session ending too early)."""
        if not self._error:
            self.line.setStyleSheet(_ERROR_STYLE if shown else "")

    def retranslate_ui(self) -> None:
        """Show the value in the interface language (after a change of language)."""
        if not self.has_error():
            self._show(self._current())


class OptionalDateEdit(_TypedField):
    """A date typed or picked in a calendar; empty (None) until one is given, erased to empty."""

    dateChanged = Signal(object)  # the new date, or None

    def __init__(self, parent: QWidget | None = None, *, in_cell: bool = False) -> None:
        super().__init__(parent, in_cell=in_cell)
        self.setObjectName("dateField")
        self._value: dt.date | None = None
        self.calendar_button = QToolButton(self)
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.clicked.connect(self.show_calendar)
        self.row.addWidget(self.calendar_button)
        self.calendar_menu = QMenu(self)
        self.calendar = QCalendarWidget(self.calendar_menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(self.calendar_menu)
        action.setDefaultWidget(self.calendar)
        self.calendar_menu.addAction(action)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        if not in_cell:  # a cell has its column's width
            self.line.setMinimumWidth(
                self.line.fontMetrics().horizontalAdvance("00 septembre 0000")
            )
        self.retranslate_ui()

    def value(self) -> dt.date | None:
        return self._value

    def set_value(self, value: dt.date | None) -> None:
        self._show_error("")
        self._show(value)
        self._store(value)

    def _read(self, text: str) -> dt.date | None:
        return datetext.parse_date(text, interface_language())

    def _shown(self, value: dt.date | None) -> str:
        return "" if value is None else datetext.format_date(value, interface_language())

    def _current(self) -> dt.date | None:
        return self._value

    def _store(self, value: dt.date | None) -> bool:
        if value == self._value:
            return False
        self._value = value
        self._update_tooltip()
        self.dateChanged.emit(value)
        return True

    def _update_tooltip(self) -> None:
        language = interface_language()
        if self._value is not None:
            self.line.setToolTip(datetext.format_date_full(self._value, language))
        else:
            self.line.setToolTip(
                _(
                    "Type a date like {example} or {named}, or press Alt+Down for a calendar."
                ).format(
                    example=datetext.example_date(language),
                    named=datetext.format_date(dt.date.today(), language),
                )
            )

    def key_pressed(self, event: QKeyEvent) -> bool:
        alt_down = event.key() == Qt.Key.Key_Down and (
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return True
        return False

    def show_calendar(self) -> None:
        """Open the calendar on the date typed (or stored, or today)."""
        try:
            shown = self._read(self.line.text()) or self._value or dt.date.today()
        except DateTextError:
            shown = self._value or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar_menu.popup(self.mapToGlobal(QPoint(0, self.line.height())))
        self.calendar.setFocus()

    def _picked(self, date: QDate) -> None:
        self.calendar_menu.close()
        self.set_value(dt.date(date.year(), date.month(), date.day()))
        self.line.setFocus()
        self.editingFinished.emit()

    def retranslate_ui(self) -> None:
        language = interface_language()
        self.calendar.setLocale(QLocale(language))
        self.line.setPlaceholderText(_("e.g. {date}").format(date=datetext.example_date(language)))
        self.calendar_button.setToolTip(_("Choose in a calendar (Alt+Down)"))
        self.calendar_button.setAccessibleName(_("Calendar"))
        super().retranslate_ui()
        self._update_tooltip()


class OptionalTimeEdit(_TypedField):
    """A time of day typed as 14:30, 1430 or 2:30 pm, kept as "HH:MM"; "" when there is none."""

    timeChanged = Signal(str)  # the new time as "HH:MM", or ""

    def __init__(self, parent: QWidget | None = None, *, in_cell: bool = False) -> None:
        super().__init__(parent, in_cell=in_cell)
        self.setObjectName("timeField")
        self._value = ""
        self.line.setFixedWidth(self.line.fontMetrics().horizontalAdvance("00:00 AM") + 18)
        self.row.setStretch(0, 0)
        self.row.addStretch(1)  # the line stays at the left when a message widens the field
        self.message.setWordWrap(False)
        self.retranslate_ui()

    def value(self) -> str:
        return self._value

    def set_value(self, value: str | None) -> None:
        self._show_error("")
        time = datetext.time_value(value or "")
        self._show(time)
        self._store(time)

    def _read(self, text: str) -> dt.time | None:
        return datetext.parse_time(text, interface_language())

    def _shown(self, value: dt.time | None) -> str:
        return "" if value is None else datetext.format_time(value, interface_language())

    def _current(self) -> dt.time | None:
        return datetext.time_value(self._value)

    def _store(self, value: dt.time | None) -> bool:
        text = datetext.time_text(value)
        if text == self._value:
            return False
        self._value = text
        self.timeChanged.emit(text)
        return True

    def retranslate_ui(self) -> None:
        self.line.setPlaceholderText("--:--")
        self.line.setToolTip(_("Type a time like 09:30, 0930 or 9h30."))
        super().retranslate_ui()


def line_edit_of(combo: QComboBox) -> QLineEdit:
    """The line edit of an editable combo box."""
    edit = combo.lineEdit()
    assert edit is not None, "the combo box is not editable"
    return edit


def completer_of(combo: QComboBox) -> QCompleter:
    completer = combo.completer()
    assert completer is not None, "the combo box is not editable"
    return completer
