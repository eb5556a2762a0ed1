"""Text pieces several pages share: a file's size in words, wrapping and bold labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from fieldkit.i18n import _, current_locale, format_number, ngettext


def size_text(size: int) -> str:
    """A file's size in the interface language: '512 bytes', '1,5 Mo'."""
    language = current_locale()
    if size < 1024:
        return ngettext("{size} byte", "{size} bytes", size).format(
            size=format_number(size, language)
        )
    if size < 1024 * 1024:
        return _("{size} KB").format(size=format_number(round(size / 1024, 1), language))
    return _("{size} MB").format(size=format_number(round(size / 1024 / 1024, 1), language))


def wrapping_label(parent: QWidget, name: str = "") -> QLabel:
    """A plain-text label that wraps and can be selected (a path can be copied from it)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def make_bold(label: QLabel, factor: float = 1.0) -> None:
    """Set the label in bold, `factor` times its size."""
    font = label.font()
    font.setBold(True)
    if factor != 1.0:
        font.setPointSizeF(font.pointSizeF() * factor)
    label.setFont(font)
