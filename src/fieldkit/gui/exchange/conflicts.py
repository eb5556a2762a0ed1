"""The open conflicts of the Exchange page: one card per conflict, with both values and both laptops.

A concurrent edit shows what is in the workspace now and the value that lost, each with its laptop
and a button; long texts (notes) go side by side in two read-only boxes, never glued together. A
record deleted on one laptop while another edited it gets "Undo the deletion" and "Keep it deleted".
The cards only ask: `ConflictsPanel.resolve` says what was chosen and the page writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.model import RECORD_KINDS, OpenConflict
from fieldkit.gui.exchange.texts import laptop_text
from fieldkit.i18n import _, current_locale, format_number, pgettext
from fieldkit.store import Workspace

LONG_TEXT = 80  # characters: beyond this (or with a line break) a value gets a text box

KEEP = "keep"
OTHER = "other"
UNDELETE = "undelete"
STAY_DELETED = "stay-deleted"


def _record_of(ws: Workspace, kind: str, record_id: str | None) -> Any:
    cls = RECORD_KINDS.get(kind)
    if cls is None or not record_id:
        return None
    return ws.get(cls, record_id, include_deleted=True)


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def record_label(ws: Workspace, kind: str, record_id: str) -> str:
    """What a record is, in words a facilitator recognises: 'the session “Plenaria”'."""
    record = _record_of(ws, kind, record_id)
    if record is None:
        return _("a record that is not in this workspace")
    if kind == "person":
        return _("the person {name}").format(name=record.full_name or _("without a name"))
    if kind == "event":
        return _("the event “{title}”").format(title=_quoted(record.title or record.code))
    if kind == "session":
        return _("the session “{title}”").format(title=_quoted(record.title or record.start_time))
    if kind == "day":
        return _("the day {date}").format(date=record.date or record.title)
    if kind in ("organisation", "programme"):
        return _("the organisation “{name}”").format(name=_quoted(record.name))
    if kind == "working_group":
        return _("the working group “{name}”").format(name=_quoted(record.name))
    if kind in ("objective", "decision"):
        return _("the text “{text}”").format(text=_quoted(record.text))
    if kind == "axis":
        return _("the theme “{title}”").format(title=_quoted(record.title))
    if kind == "action_item":
        return _("the follow-up action “{what}”").format(what=_quoted(record.what))
    if kind == "note":
        session = _record_of(ws, "session", record.session_id)
        group = _record_of(ws, "working_group", record.group_id)
        if group is not None:
            return _("the notes of the group “{group}”").format(group=_quoted(group.name))
        return _("the notes of the session “{title}”").format(
            title=_quoted(session.title if session is not None else "")
        )
    if kind in ("attendance", "registration", "group_member"):
        person = _record_of(ws, "person", record.person_id)
        name = person.full_name if person is not None else "?"
        if kind == "attendance":
            session = _record_of(ws, "session", record.session_id)
            return _("the check-in of {name} at “{title}”").format(
                name=name, title=_quoted(session.title if session is not None else "")
            )
        if kind == "registration":
            return _("the registration of {name}").format(name=name)
        return _("{name} in a working group").format(name=name)
    if kind == "tally":
        session = _record_of(ws, "session", record.session_id)
        return _("the head count of “{title}”").format(
            title=_quoted(session.title if session is not None else "")
        )
    return _("a {kind} record").format(kind=kind.replace("_", " "))


_FIELD_WORDS = {
    "title": lambda: pgettext("field", "title"),
    "key_points": lambda: pgettext("field", "key points"),
    "lessons": lambda: pgettext("field", "lessons"),
    "proposals": lambda: pgettext("field", "proposals"),
    "agreements": lambda: pgettext("field", "agreements"),
    "given_names": lambda: pgettext("field", "given names"),
    "surnames": lambda: pgettext("field", "surnames"),
    "phone": lambda: pgettext("field", "phone"),
    "email": lambda: pgettext("field", "email"),
    "text": lambda: pgettext("field", "text"),
    "name": lambda: pgettext("field", "name"),
    "start_time": lambda: pgettext("field", "start time"),
    "end_time": lambda: pgettext("field", "end time"),
    "room": lambda: pgettext("field", "room"),
    "description": lambda: pgettext("field", "description"),
    "status": lambda: pgettext("field", "status"),
}


def field_text(name: str) -> str:
    words = _FIELD_WORDS.get(name)
    return words() if words is not None else name.replace("_", " ")


def value_text(value: Any) -> str:
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value, current_locale())
    return str(value)


def is_long(*values: Any) -> bool:
    return any(isinstance(v, str) and (len(v) > LONG_TEXT or "\n" in v) for v in values)


class ConflictCard(QFrame):
    """One conflict: what, which field, both values, both laptops, and the choices."""

    chosen = Signal(str, str)  # conflict id, choice

    def __init__(
        self, conflict: OpenConflict, label: str, names: Mapping[str, str], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setObjectName("conflictCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.label = label
        self.names = names
        self.deleted = conflict.field == "deleted"
        self.values: list[QWidget] = []
        self.captions: list[QLabel] = []
        row = QHBoxLayout()
        if self.deleted:
            self.explain = QLabel(self)
            self.explain.setWordWrap(True)
            layout.addWidget(self.explain)
            for choice in (UNDELETE, STAY_DELETED):
                row.addWidget(self._button(choice))
            row.addStretch(1)
            layout.addLayout(row)
        else:
            grid = QGridLayout()
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
            long = is_long(conflict.kept_value, conflict.other_value)
            for column, (key, choice) in enumerate((("kept_value", KEEP), ("other_value", OTHER))):
                caption = QLabel(self)
                caption.setWordWrap(True)
                self.captions.append(caption)
                grid.addWidget(caption, 0, column)
                value = value_text(getattr(conflict, key))
                shown: QWidget
                if long:
                    box = QPlainTextEdit(value, self)
                    box.setReadOnly(True)
                    box.setMinimumHeight(90)
                    box.setMaximumHeight(150)
                    shown = box
                else:
                    text = QLabel(value, self)
                    text.setWordWrap(True)
                    text.setTextFormat(Qt.TextFormat.PlainText)
                    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                    text.setObjectName("conflictValue")
                    shown = text
                self.values.append(shown)
                grid.addWidget(shown, 1, column)
                button_row = QHBoxLayout()
                button_row.addWidget(self._button(choice))
                button_row.addStretch(1)
                grid.addLayout(button_row, 2, column)
            layout.addLayout(grid)
        self.retranslate_ui()

    def _button(self, choice: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(f"conflict-{choice}")
        button.clicked.connect(lambda: self.chosen.emit(self.conflict.id, choice))
        self.buttons[choice] = button
        return button

    def retranslate_ui(self) -> None:
        conflict = self.conflict
        kept_by = laptop_text(conflict.kept_by, self.names)
        other_by = laptop_text(conflict.other_by, self.names)
        if self.deleted:
            self.heading.setText(
                _("{what} was deleted while it was being edited").format(
                    what=self.label[:1].upper() + self.label[1:]
                )
            )
            self.explain.setText(
                _(
                    "The laptop “{laptop}” deleted it without having seen edits made on "
                    "another laptop. Bring it back with those edits, or leave it deleted."
                ).format(laptop=other_by)
            )
            self.buttons[UNDELETE].setText(_("Undo the deletion"))
            self.buttons[STAY_DELETED].setText(_("Keep it deleted"))
            return
        self.heading.setText(
            _("{what}: {field}").format(
                what=self.label[:1].upper() + self.label[1:], field=field_text(conflict.field)
            )
        )
        self.captions[0].setText(
            _("Now in this workspace (from “{laptop}”):").format(laptop=kept_by)
        )
        self.captions[1].setText(_("The other value (from “{laptop}”):").format(laptop=other_by))
        self.buttons[KEEP].setText(_("Keep this"))
        self.buttons[OTHER].setText(_("Use the other"))


class ConflictsPanel(QWidget):
    """The list of open conflicts, or a sentence saying there are none."""

    resolve = Signal(str, str)  # conflict id, choice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.inner = QWidget(self.scroll_area)
        self.cards_layout = QVBoxLayout(self.inner)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.addStretch(1)
        self.scroll_area.setWidget(self.inner)
        self.scroll_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = self.main_layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll_area, 1)
        # Without conflicts the list is hidden and this takes the room, so the sentence stays
        # under the title.
        self.filler = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addItem(self.filler)
        self.cards: list[ConflictCard] = []
        self.retranslate_ui()

    def show_conflicts(
        self, conflicts: list[OpenConflict], labels: list[str], names: Mapping[str, str]
    ) -> None:
        for card in self.cards:
            self.cards_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for conflict, label in zip(conflicts, labels, strict=True):
            card = ConflictCard(conflict, label, names, self.inner)
            card.chosen.connect(self.resolve)
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
            self.cards.append(card)
        self.retranslate_ui()

    def card(self, conflict_id: str) -> ConflictCard | None:
        return next((c for c in self.cards if c.conflict.id == conflict_id), None)

    def retranslate_ui(self) -> None:
        count = len(self.cards)
        self.title.setText(
            _("Conflicts to resolve ({count})").format(count=format_number(count, current_locale()))
            if count
            else _("Conflicts")
        )
        self.empty.setText(
            _(
                "When two laptops change the same thing before they exchange files, both values "
                "are kept and shown here until someone chooses."
            )
            if count
            else _("No conflicts: the edits of every laptop fit together.")
        )
        self.scroll_area.setVisible(bool(count))
        self.filler.changeSize(
            0,
            0,
            QSizePolicy.Policy.Minimum,
            QSizePolicy.Policy.Minimum if count else QSizePolicy.Policy.Expanding,
        )
        self.main_layout.invalidate()
        for card in self.cards:
            card.retranslate_ui()
