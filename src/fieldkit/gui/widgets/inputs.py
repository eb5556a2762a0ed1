"""Small input widgets the forms share: a date and a time that may be left empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QLineEdit, QTimeEdit, QWidget

_NO_DATE = QDate(1900, 1, 1)
_NO_TIME = QTime(0, 0)


class OptionalDateEdit(QDateEdit):
    """A date with a calendar; empty (None) until one is picked, Delete empties it again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(" ")
        self.setDisplayFormat("yyyy-MM-dd")
        self.setDate(_NO_DATE)

    def value(self) -> dt.date | None:
        date = self.date()
        return None if date == _NO_DATE else dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(_NO_DATE if value is None else QDate(value.year, value.month, value.day))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.value() is None or self.lineEdit().selectedText() == self.text()
        ):
            self.setDate(_NO_DATE)
            return
        if self.value() is None and event.text().isdigit():
            # Typing into the empty date starts from today rather than from 1900.
            today = dt.date.today()
            self.setDate(QDate(today.year, today.month, today.day))
        super().keyPressEvent(event)

    def mousePressEvent(self, event: object) -> None:
        if self.value() is None:
            today = dt.date.today()
            self.calendarWidget().setSelectedDate(QDate(today.year, today.month, today.day))
        super().mousePressEvent(event)  # type: ignore[arg-type]


class OptionalTimeEdit(QTimeEdit):
    """A time of day as "HH:MM"; 00:00 stands for no time (no session starts at midnight)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setMinimumTime(_NO_TIME)
        self.setSpecialValueText("--:--")
        self.setTime(_NO_TIME)

    def value(self) -> str:
        time = self.time()
        return "" if time == _NO_TIME else f"{time.hour():02d}:{time.minute():02d}"

    def set_value(self, value: str | None) -> None:
        time = QTime.fromString(value or "", "HH:mm")
        self.setTime(time if time.isValid() else _NO_TIME)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.value() == "" or self.lineEdit().selectedText() == self.text()
        ):
            self.setTime(_NO_TIME)
            return
        super().keyPressEvent(event)


def line_edit_of(combo: QComboBox) -> QLineEdit:
    """The line edit of an editable combo box."""
    edit = combo.lineEdit()
    assert edit is not None, "the combo box is not editable"
    return edit


def completer_of(combo: QComboBox) -> QCompleter:
    completer = combo.completer()
    assert completer is not None, "the combo box is not editable"
    return completer
