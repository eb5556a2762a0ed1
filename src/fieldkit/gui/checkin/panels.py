"""The confirmation banner and the live counters of the check-in screen."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from fieldkit.core.checkin import Counts
from fieldkit.core.model import AttendanceMode, Gender
from fieldkit.i18n import _, current_locale, format_number, ngettext


class Tone(Enum):
    IDLE = ("#f3f4f6", "#d1d5db", "#374151")
    DONE = ("#dcfce7", "#16a34a", "#14532d")  # a new check-in
    ALREADY = ("#fef3c7", "#d97706", "#78350f")  # already there, nothing written
    UNDONE = ("#dbeafe", "#2563eb", "#1e3a8a")
    PROBLEM = ("#fee2e2", "#dc2626", "#7f1d1d")


def present_of(counts: Counts) -> str:
    """'42 present of 90', the figure the whole room looks at."""
    language = current_locale()
    return ngettext(
        "{present} present of {registered}", "{present} present of {registered}", counts.present
    ).format(
        present=format_number(counts.present, language),
        registered=format_number(counts.registered, language),
    )


class Banner(QFrame):
    """A large coloured band: who was just checked in, at what time, how many are there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinBanner")
        self.title = QLabel(self)
        self.title.setObjectName("checkinBannerTitle")
        self.title.setWordWrap(True)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.title.setFont(font)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        detail_font = QFont(self.font())
        detail_font.setPointSizeF(detail_font.pointSizeF() * 1.25)
        self.detail.setFont(detail_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        self.setMinimumHeight(110)
        self.tone = Tone.IDLE
        self.show_message(Tone.IDLE, "", "")

    def show_message(self, tone: Tone, title: str, detail: str) -> None:
        self.tone = tone
        background, border, text = tone.value
        self.setStyleSheet(
            f"#checkinBanner {{ background: {background}; border: 2px solid {border};"
            f" border-radius: 6px; }} #checkinBanner QLabel {{ color: {text}; }}"
        )
        self.title.setText(title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))


class CountersPanel(QFrame):
    """Present now against registered, by gender and by mode, for the chosen day or session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.scope = QLabel(self)
        self.scope.setWordWrap(True)
        self.present = QLabel(self)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.present.setFont(big)
        self.names: dict[object, QLabel] = {}
        self.values: dict[object, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        keys: list[object] = [*Gender, *AttendanceMode, "left"]
        for position, key in enumerate(keys):
            name, value = QLabel(self), QLabel(self)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            bold = QFont(value.font())
            bold.setBold(True)
            value.setFont(bold)
            self.names[key], self.values[key] = name, value
            row, column = (position, 0) if position < 4 else (position - 4, 2)
            grid.addWidget(name, row, column)
            grid.addWidget(value, row, column + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.scope)
        layout.addWidget(self.present)
        layout.addLayout(grid)
        self._counts = Counts()
        self._scope_text = ""
        self.retranslate_ui()

    def set_counts(self, counts: Counts, scope: str) -> None:
        self._counts = counts
        self._scope_text = scope
        self._render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._hold_height()

    def _hold_height(self) -> None:
        """As tall as the wrapped scope line needs: a stacked widget does not pass the height
        for a width up, and a longer language then squeezed the counts onto each other."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            self.setMinimumHeight(layout.totalHeightForWidth(self.width()))

    def retranslate_ui(self) -> None:
        labels: dict[object, str] = {
            Gender.WOMAN: _("Women"),
            Gender.MAN: _("Men"),
            Gender.ANOTHER: _("Another gender"),
            Gender.NOT_STATED: _("Not stated"),
            AttendanceMode.IN_PERSON: _("In person"),
            AttendanceMode.VIRTUAL: _("Virtual"),
            "left": _("Left early"),
        }
        for key, text in labels.items():
            self.names[key].setText(text)
        self._render()

    def _render(self) -> None:
        language = current_locale()
        counts = self._counts
        self.scope.setText(self._scope_text)
        self._hold_height()
        self.present.setText(present_of(counts))
        for key, label in self.values.items():
            if key == "left":
                value = counts.left_early
            elif isinstance(key, Gender):
                value = counts.by_gender.get(key, 0)
            else:
                assert isinstance(key, AttendanceMode)
                value = counts.by_mode.get(key, 0)
            label.setText(format_number(value, language))
