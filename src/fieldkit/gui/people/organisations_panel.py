"""The workspace's organisations: a filterable, sortable table edited in place."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.ids import new_id
from fieldkit.core.model import Organisation, Result
from fieldkit.gui.people.organisations_model import OrganisationsModel, OrganisationsProxy
from fieldkit.gui.widgets.choice_delegate import ChoiceDelegate
from fieldkit.gui.widgets.confirm import confirm_removal
from fieldkit.i18n import _, ngettext

if TYPE_CHECKING:
    from fieldkit.gui.shell.page import Page

T = TypeVar("T")

OM = OrganisationsModel


class OrganisationsPanel(QWidget):
    def __init__(self, page: Page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = page.ws
        self.page = page
        self.stale = True
        self.filter_label = QLabel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter_edit)
        self.count_label = QLabel(self)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)

        self.model = OrganisationsModel(self, on_edit=self._on_edit)
        self.proxy = OrganisationsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(OM.COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (OM.COL_SHORT_NAME, 120),
            (OM.COL_COUNTRY, 110),
            (OM.COL_PARENT, 220),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(OM.COL_PEOPLE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSortIndicator(OM.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(
            OM.COL_PARENT, ChoiceDelegate(OM.ChoicesRole, OM.ValueRole, self.table)
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self.filter_edit.textChanged.connect(self._filter)
        self.add_button.clicked.connect(self.add_organisation)
        self.remove_button.clicked.connect(self.remove_organisation)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.retranslate_ui()

    def reload(self) -> None:
        keep = self.current_id()
        self.model.set_organisations(self.ws.list(Organisation), self.ws.people_per_organisation())
        self.stale = False
        if keep:
            self.select(keep)
        self._update()

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(OM.IdRole) if rows else None

    def select(self, organisation_id: str) -> None:
        row = self.model.row_of(organisation_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update()

    def _update(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = ngettext("{count} organisation", "{count} organisations", total).format(
                count=total
            )
        else:
            text = ngettext(
                "{shown} of {count} organisation", "{shown} of {count} organisations", total
            ).format(shown=shown, count=total)
        self.count_label.setText(text)
        self.remove_button.setEnabled(self.current_id() is not None)

    def _on_edit(self, organisation: Organisation, name: str, value: Any) -> bool:
        return (
            self.write(lambda: self.ws.update(Organisation, organisation.id, **{name: value}))
            is not None
        )

    def write(self, operation: Callable[[], Result[T]]) -> Result[T] | None:
        """As the panel, not the page: the people page reloads for an organisation's new name."""
        return self.page.context.write(operation, initiator=self)

    def add_organisation(self) -> None:
        organisation = Organisation(id=new_id(), name=_("New organisation"))
        if self.write(lambda: self.ws.save(organisation)) is None:
            return
        self.filter_edit.clear()
        self.reload()
        self.select(organisation.id)
        index = self.table.currentIndex()
        self.table.edit(index.siblingAtColumn(OM.COL_NAME))

    def remove_organisation(self) -> QMessageBox | None:
        organisation_id = self.current_id()
        row = self.model.row_of(organisation_id) if organisation_id else -1
        if row < 0:
            return None
        organisation = self.model.rows[row]
        people = self.model.people.get(organisation.id, 0)
        return confirm_removal(
            self,
            _("Remove organisation"),
            ngettext(
                "Remove {name}? {count} person belongs to it and will belong to none.",
                "Remove {name}? {count} people belong to it and will belong to none.",
                people,
            ).format(name=organisation.name, count=people),
            _("Remove"),
            lambda: self.write(lambda: self.ws.delete(Organisation, organisation.id)),
        )

    def retranslate_ui(self) -> None:
        self.filter_label.setText(_("F&ind"))
        self.filter_edit.setPlaceholderText(_("Name, short name or country"))
        self.add_button.setText(_("New organisation"))
        self.remove_button.setText(_("Remove…"))
        self.table.setAccessibleName(_("Organisations"))
        self.model.retranslate_ui()
        self._update()
