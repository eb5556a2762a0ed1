"""The head count of a session where names are not taken: women, men, … with + and −."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldkit.core.checkin import TALLY_FIELDS
from fieldkit.core.model import Gender, Tally
from fieldkit.i18n import _, current_locale, format_number, ngettext

ROWS = (Gender.WOMAN, Gender.MAN, Gender.ANOTHER, Gender.NOT_STATED)


def tally_total(tally: Tally | None) -> int:
    if tally is None:
        return 0
    return sum(getattr(tally, name) for name in TALLY_FIELDS.values())


class TallyPanel(QFrame):
    """Up and Down (or 1–4) choose a row; + and − (or the buttons) change its count."""

    bumped = Signal(object, int)  # Gender, +1 or -1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tallyPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        heading_font = QFont(self.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.total = QLabel(self)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.total.setFont(big)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        count_font = QFont(self.font())
        count_font.setPointSizeF(count_font.pointSizeF() * 1.8)
        count_font.setBold(True)
        self.names: dict[Gender, QLabel] = {}
        self.counts: dict[Gender, QLabel] = {}
        self.minus: dict[Gender, QPushButton] = {}
        self.plus: dict[Gender, QPushButton] = {}
        for row, gender in enumerate(ROWS):
            name = QLabel(self)
            name.setFont(count_font)
            count = QLabel("0", self)
            count.setFont(count_font)
            count.setMinimumWidth(80)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            minus, plus = QPushButton("−", self), QPushButton("+", self)
            for button in (minus, plus):
                button.setFont(count_font)
                button.setFixedSize(64, 48)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            minus.clicked.connect(lambda _=False, g=gender: self.bumped.emit(g, -1))
            plus.clicked.connect(lambda _=False, g=gender: self.bumped.emit(g, 1))
            grid.addWidget(name, row, 0)
            grid.addWidget(minus, row, 1)
            grid.addWidget(count, row, 2)
            grid.addWidget(plus, row, 3)
            self.names[gender], self.counts[gender] = name, count
            self.minus[gender], self.plus[gender] = minus, plus
        grid.setColumnStretch(4, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.total)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.current = Gender.WOMAN
        self._tally: Tally | None = None
        self._title = ""
        self.retranslate_ui()

    def set_tally(self, title: str, tally: Tally | None) -> None:
        self._title = title
        self._tally = tally
        self._render()

    def select(self, gender: Gender) -> None:
        self.current = gender
        self._render()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        row = ROWS.index(self.current)
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) or text == "+":
            self.bumped.emit(self.current, 1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) or text in ("-", "−"):
            self.bumped.emit(self.current, -1)
        elif key == Qt.Key.Key_Down:
            self.select(ROWS[(row + 1) % len(ROWS)])
        elif key == Qt.Key.Key_Up:
            self.select(ROWS[(row - 1) % len(ROWS)])
        elif text in ("1", "2", "3", "4"):
            self.select(ROWS[int(text) - 1])
        else:
            super().keyPressEvent(event)

    def retranslate_ui(self) -> None:
        labels = {
            Gender.WOMAN: _("Women"),
            Gender.MAN: _("Men"),
            Gender.ANOTHER: _("Another gender"),
            Gender.NOT_STATED: _("Not stated"),
        }
        for gender, label in self.names.items():
            label.setText(labels[gender])
        for gender in ROWS:
            self.minus[gender].setToolTip(_("One less"))
            self.plus[gender].setToolTip(_("One more"))
        self.hint.setText(
            _(
                "Names are not taken in this session: count heads. "
                "Up and Down (or 1 to 4) choose a row, + and − change its count."
            )
        )
        self._render()

    def _render(self) -> None:
        language = current_locale()
        self.heading.setText(self._title)
        total = tally_total(self._tally)
        self.total.setText(
            ngettext("{count} person counted", "{count} people counted", total).format(
                count=format_number(total, language)
            )
        )
        for gender in ROWS:
            value = getattr(self._tally, TALLY_FIELDS[gender]) if self._tally else 0
            self.counts[gender].setText(format_number(value, language))
            chosen = gender is self.current
            style = "background: #dbeafe; border-radius: 4px;" if chosen else ""
            self.names[gender].setStyleSheet(style)
            self.counts[gender].setStyleSheet(style)
