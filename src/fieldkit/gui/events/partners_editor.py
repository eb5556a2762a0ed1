"""The partner organisations of an event, each with its part (organiser, partner, funder…)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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
from fieldkit.gui.widgets.choice_delegate import ChoiceDelegate
from fieldkit.gui.widgets.inputs import completer_of, line_edit_of
from fieldkit.gui.widgets.labels import partner_role_label
from fieldkit.i18n import _

if TYPE_CHECKING:
    from fieldkit.gui.shell.page import Page

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2


class PartnersEditor(QWidget):
    def __init__(self, page: Page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.event_id: str | None = None
        self.partners: list[EventPartner] = []
        self.organisations: dict[str, Organisation] = {}

        self.label = QLabel(self)
        self.table = QTableWidget(0, 2, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setItemDelegateForColumn(
            1, ChoiceDelegate(CHOICES_ROLE, VALUE_ROLE, self.table, store_in_items=True)
        )
        self._filling = False
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
        self.table.itemChanged.connect(self._role_changed)
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
        self._filling = True
        try:
            self.table.setRowCount(len(self.partners))
            for row, partner in enumerate(self.partners):
                item = QTableWidgetItem(self._name(partner.organisation_id))
                item.setData(Qt.ItemDataRole.UserRole, partner.id)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, 0, item)
                self.table.setItem(row, 1, self._role_item(partner.role))
        finally:
            self._filling = False
        self.setEnabled(event_id is not None)
        self._update_buttons()

    @staticmethod
    def _role_item(role: PartnerRole) -> QTableWidgetItem:
        item = QTableWidgetItem(partner_role_label(role))
        item.setData(VALUE_ROLE, role)
        item.setData(CHOICES_ROLE, [(partner_role_label(r), r) for r in PartnerRole])
        item.setToolTip(_("Double-click to change"))
        return item

    def _role_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 1 or not 0 <= item.row() < len(self.partners):
            return
        partner = self.partners[item.row()]
        value = item.data(VALUE_ROLE)  # Qt hands an enumeration back as its text
        if value in PartnerRole.__members__.values() and PartnerRole(value) != partner.role:
            self._set_role(partner, PartnerRole(value))

    def _name(self, organisation_id: str) -> str:
        organisation = self.organisations.get(organisation_id)
        return organisation.name if organisation else "?"

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _set_role(self, partner: EventPartner, role: PartnerRole) -> None:
        self.page.write(lambda: self.page.ws.update(EventPartner, partner.id, role=role))

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
        if self.page.write(lambda: self.page.ws.save(*records)) is not None:
            self.organisation_combo.setCurrentText("")

    def remove_partner(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        partner = self.partners[rows[0].row()]
        self.page.write(lambda: self.page.ws.delete(EventPartner, partner.id))

    def retranslate_ui(self) -> None:
        self.label.setText(_("&Partner organisations"))
        self.table.setHorizontalHeaderLabels([_("Organisation"), _("Part")])
        self.table.setAccessibleName(_("Partner organisations"))
        line_edit_of(self.organisation_combo).setPlaceholderText(
            _("Organisation to add (pick or type a new name)")
        )
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        self._filling = True
        try:
            for row, partner in enumerate(self.partners):
                self.table.setItem(row, 1, self._role_item(partner.role))
        finally:
            self._filling = False
