"""The partner organisations of an event, each with its part (organiser, partner, funder…)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.ids import new_id, partner_id
from fieldkit.core.model import EventPartner, Organisation, PartnerRole
from fieldkit.core.text import fold
from fieldkit.gui.labels import partner_role_label
from fieldkit.gui.widgets import completer_of, line_edit_of
from fieldkit.i18n import _


class PartnersEditor(QWidget):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.event_id: str | None = None
        self.partners: list[EventPartner] = []
        self.organisations: dict[str, Organisation] = {}

        self.label = QLabel(self)
        self.table = QTableWidget(0, 2, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setMinimumHeight(96)
        self.label.setBuddy(self.table)
        self.organisation_combo = QComboBox(self)
        self.organisation_combo.setEditable(True)
        self.organisation_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer_of(self.organisation_combo).setFilterMode(Qt.MatchFlag.MatchContains)
        completer_of(self.organisation_combo).setCompletionMode(
            QCompleter.CompletionMode.PopupCompletion
        )
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        row = QHBoxLayout()
        row.addWidget(self.organisation_combo, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

        self.add_button.clicked.connect(self.add_partner)
        line_edit_of(self.organisation_combo).returnPressed.connect(self.add_partner)
        self.remove_button.clicked.connect(self.remove_partner)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate_ui()

    def set_partners(
        self,
        event_id: str | None,
        partners: Sequence[EventPartner],
        organisations: Sequence[Organisation],
    ) -> None:
        self.event_id = event_id
        self.organisations = {o.id: o for o in organisations}
        names = sorted((o.name for o in organisations), key=fold)
        typed = self.organisation_combo.currentText()
        self.organisation_combo.clear()
        self.organisation_combo.addItems(names)
        self.organisation_combo.setCurrentText(typed)
        self.partners = sorted(
            partners,
            key=lambda p: fold(self._name(p.organisation_id)),
        )
        self.table.setRowCount(len(self.partners))
        for row, partner in enumerate(self.partners):
            item = QTableWidgetItem(self._name(partner.organisation_id))
            item.setData(Qt.ItemDataRole.UserRole, partner.id)
            self.table.setItem(row, 0, item)
            combo = QComboBox(self.table)
            for role in PartnerRole:
                combo.addItem(partner_role_label(role), role)
            combo.setCurrentIndex(combo.findData(partner.role))
            combo.activated.connect(
                lambda _i, p=partner, c=combo: self._set_role(p, c.currentData())
            )
            self.table.setCellWidget(row, 1, combo)
        self.setEnabled(event_id is not None)
        self._update_buttons()

    def _name(self, organisation_id: str) -> str:
        organisation = self.organisations.get(organisation_id)
        return organisation.name if organisation else "?"

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _set_role(self, partner: EventPartner, role: PartnerRole) -> None:
        self.controller.write(
            lambda: self.controller.ws.update(EventPartner, partner.id, role=role)
        )

    def add_partner(self) -> None:
        name = self.organisation_combo.currentText().strip()
        if not name or self.event_id is None:
            return
        event_id = self.event_id
        found = next((o for o in self.organisations.values() if fold(o.name) == fold(name)), None)
        records: list[Any] = []
        if found is None:
            found = Organisation(id=new_id(), name=name)
            records.append(found)
        records.append(
            EventPartner(
                id=partner_id(event_id, found.id), event_id=event_id, organisation_id=found.id
            )
        )
        if self.controller.write(lambda: self.controller.ws.save(*records)) is not None:
            self.organisation_combo.setCurrentText("")

    def remove_partner(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        partner = self.partners[rows[0].row()]
        self.controller.write(lambda: self.controller.ws.delete(EventPartner, partner.id))

    def retranslate_ui(self) -> None:
        self.label.setText(_("&Partner organisations"))
        self.table.setHorizontalHeaderLabels([_("Organisation"), _("Part")])
        self.table.setAccessibleName(_("Partner organisations"))
        line_edit_of(self.organisation_combo).setPlaceholderText(
            _("Organisation to add (pick or type a new name)")
        )
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        for row in range(len(self.partners)):
            combo = self.table.cellWidget(row, 1)
            if isinstance(combo, QComboBox):
                for index in range(combo.count()):
                    combo.setItemText(index, partner_role_label(combo.itemData(index)))
