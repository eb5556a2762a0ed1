"""The People page: everyone the workspace knows, with their registration at the selected event.

Left, a sortable, filterable table (edited in place); right, the form of the selected person or
of a new one (with the duplicate warning). The people are read once, when the page is first
shown, and kept up to date by this page's own edits; a change made elsewhere reloads them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.duplicates import DuplicateFinder
from fieldkit.core.erasure import done_texts
from fieldkit.core.ids import new_id, registration_id
from fieldkit.core.listing import PersonRow
from fieldkit.core.model import Changes, Organisation, Person, Registration, Result, Role
from fieldkit.core.text import fold
from fieldkit.gui.people.duplicates_view import DuplicatesPanel
from fieldkit.gui.people.erase_dialog import EraseDialog
from fieldkit.gui.people.erase_job import erase_in_background
from fieldkit.gui.people.form import PersonForm
from fieldkit.gui.people.import_dialog import ImportDialog, open_import
from fieldkit.gui.people.model import (
    REGISTRATION_FIELDS,
    PeopleFilterProxy,
    PeopleTableModel,
)
from fieldkit.gui.people.organisations_panel import OrganisationsPanel
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.shell.worker import BackgroundTask
from fieldkit.gui.widgets.choice_delegate import ChoiceDelegate
from fieldkit.gui.widgets.confirm import confirm_removal
from fieldkit.i18n import _, current_locale, format_number, ngettext

if TYPE_CHECKING:
    from fieldkit.store.erasure_store import ErasureReport

FILTER_DELAY_MS = 120
M = PeopleTableModel


class PeoplePage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.event_id: str | None = None
        self.loaded = False  # the people have been read
        self.stale = True  # they must be read again before they are shown
        self.finder: DuplicateFinder[PersonRow] | None = None

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_label = QLabel(self)
        self.filter_label.setBuddy(self.filter_edit)
        self.show_combo = QComboBox(self)
        self.show_combo.addItem("", False)
        self.show_combo.addItem("", True)
        # As wide as its longest choice, whatever the language; the search field takes the rest.
        self.show_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel(self)
        self.new_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.import_button.setEnabled(False)  # until an event is chosen
        self.import_dialog: ImportDialog | None = None
        self.erase_button = QPushButton(self)
        self.erase_task: BackgroundTask | None = None  # an erasure running off the GUI thread
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter_edit, 2)
        top.addWidget(self.show_combo)
        top.addWidget(self.count_label)
        top.addStretch(0)
        top.addWidget(self.new_button)
        top.addWidget(self.remove_button)
        top.addWidget(self.import_button)
        top.addWidget(self.erase_button)

        self.model = PeopleTableModel(self, on_edit=self._on_table_edit)
        self.proxy = PeopleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSortIndicator(M.COL_SURNAMES, Qt.SortOrder.AscendingOrder)
        widths = {
            M.COL_SURNAMES: 150,
            M.COL_GIVEN_NAMES: 120,
            M.COL_GENDER: 80,
            M.COL_AGE_GROUP: 80,
            M.COL_ORGANISATION: 160,
            M.COL_PHONE: 110,
            M.COL_REGISTERED: 80,
            M.COL_ROLE: 100,
            M.COL_DELEGATION: 110,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.setItemDelegate(ChoiceDelegate(M.ChoicesRole, M.ValueRole, self.table))
        # What matters at an event first: registered, role and delegation after the names.
        header = self.table.horizontalHeader()
        for visual, column in enumerate((M.COL_REGISTERED, M.COL_ROLE, M.COL_DELEGATION), start=2):
            header.moveSection(header.visualIndex(column), visual)

        self.form = PersonForm(self)
        self.form.save_person = self._save_person_fields
        self.form.save_registration = self._save_registration_fields
        self.form.save_draft = self._save_draft
        self.form.set_organisation = self._set_organisation
        self.form.warning.use_person.connect(self.use_existing)
        self.form.warning.keep_new.connect(self.keep_new)
        self.form.setMinimumWidth(300)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("peopleSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.form)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 360])
        people_tab = QWidget(self)
        people_layout = QVBoxLayout(people_tab)
        people_layout.setContentsMargins(4, 4, 4, 4)
        people_layout.addLayout(top)
        people_layout.addWidget(self.splitter, 1)
        self.organisations = OrganisationsPanel(self, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(people_tab, "")
        self.tabs.addTab(self.organisations, "")
        self.duplicates = DuplicatesPanel(self, self)
        self.tabs.addTab(self.duplicates, "")
        self.tabs.currentChanged.connect(lambda _i: self._reload_shown_tab())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.show_combo.activated.connect(lambda _i: self.apply_filter())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.new_button.clicked.connect(self.new_person)
        self.remove_button.clicked.connect(self.remove_person)
        self.import_button.clicked.connect(lambda: self.import_people())
        self.erase_button.clicked.connect(self.erase_person)
        self.model.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(lambda *_a: self._update_count())
        self.retranslate_ui()

    # --- page interface ----------------------------------------------------------------------

    def set_event(self, event_id: str | None) -> None:
        self.form.saver.flush()
        self.form.registration_saver.flush()
        self.event_id = event_id
        self.form.event_id = event_id
        if self.show_combo.currentData() and event_id is None:
            self.show_combo.setCurrentIndex(0)
        self.show_combo.setItemText(1, self._registered_text())
        self.show_combo.model().item(1).setEnabled(event_id is not None)  # type: ignore[attr-defined]
        self.import_button.setEnabled(event_id is not None)
        if self.loaded and not self.stale:
            self._load_registrations()
        self._refresh_form()

    def on_changes(self, changes: Changes) -> None:
        if changes.people:
            self.organisations.stale = True  # names and counts
            # Its own merges and marks it shows itself; another door's changes mean a new scan.
            self.duplicates.stale = self.duplicates.stale or not self.is_own(changes)
        if self.is_own(changes) or not (changes.people or changes.events):
            if self.isVisible() and self.tabs.currentWidget() is self.organisations:
                self._reload_shown_tab()
            return
        if changes.people:
            self.stale = True
            if self.isVisible():
                self._reload_shown_tab()
        elif self.loaded and changes.events:
            self.form.set_organisations(self._organisations())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the page is painted once: the first look at 50,000 people takes a moment.
        QTimer.singleShot(0, self._reload_shown_tab)

    def show_duplicates(self) -> None:
        """The Duplicates tab, scanned again (the notice after an import or a sync opens it)."""
        self.duplicates.stale = True
        self.tabs.setCurrentWidget(self.duplicates)

    def _reload_shown_tab(self) -> None:
        if self.tabs.currentWidget() is self.duplicates:
            if self.duplicates.stale:
                self.duplicates.reload()
        elif self.tabs.currentWidget() is self.organisations:
            if self.organisations.stale:
                self.organisations.reload()
        elif self.stale:
            self.reload()

    def focus_search(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # --- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.stale and self.loaded:
            return
        keep = self.current_person_id()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rows = self.ws.people_rows()
            registrations = self._registrations()
            self.form.set_organisations(self._organisations())
        finally:
            QApplication.restoreOverrideCursor()
        self.model.set_people(rows, self.event_id, registrations)
        self.finder = None
        self.loaded = True
        self.stale = False
        if not (keep and self.select_person(keep)) and self.proxy.rowCount():
            self._select_proxy_row(0)
        self._refresh_form()

    def _registrations(self) -> list[Registration]:
        if self.event_id is None:
            return []
        return self.ws.list(Registration, where={"event_id": self.event_id})

    def _organisations(self) -> list[tuple[str, str]]:
        return [(o.id, o.name) for o in self.ws.list(Organisation)]

    def _load_registrations(self) -> None:
        keep = self.current_person_id()
        self.model.set_registrations(self.event_id, self._registrations())
        self.apply_filter(force=True)
        if keep:
            self.select_person(keep)

    def duplicate_finder(self) -> DuplicateFinder[PersonRow]:
        if self.finder is None:
            self.finder = DuplicateFinder(self.model.base.values())
        return self.finder

    # --- filter and selection ----------------------------------------------------------------

    def apply_filter(self, force: bool = False) -> None:
        self._filter_timer.stop()
        registered_only = bool(self.show_combo.currentData()) and self.event_id is not None
        if force:
            self.model.set_filter([], False)  # make the proxy see a change
        self.proxy.set_filter(self.filter_edit.text(), registered_only)
        self._update_count()
        if not self.table.selectionModel().hasSelection() and self.proxy.rowCount():
            self._select_proxy_row(0)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), len(self.model.rows)
        language = current_locale()
        if shown == total:
            text = ngettext("{count} person", "{count} people", total).format(
                count=format_number(total, language)
            )
        else:
            text = ngettext("{shown} of {count} person", "{shown} of {count} people", total).format(
                shown=format_number(shown, language), count=format_number(total, language)
            )
        self.count_label.setText(text)

    def current_person_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(M.PersonIdRole) if index.isValid() else None

    def select_person(self, person_id: str) -> bool:
        row = self.model.row_of(person_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter_edit.clear()
            self.apply_filter()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                return False
        self._select_proxy_row(index.row())
        return True

    def _select_proxy_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.form.draft and self.form.given_edit.text() + self.form.surnames_edit.text():
            self.form.saver.flush()
        self._refresh_form()

    def _refresh_form(self) -> None:
        if self.form.draft:
            return
        person_id = self.current_person_id()
        row = self.model.person(person_id) if person_id else None
        self.remove_button.setEnabled(row is not None)
        self.erase_button.setEnabled(row is not None)
        if row is None:
            self.form.show_nobody()
        else:
            self.form.show_person(row)

    # --- writing -----------------------------------------------------------------------------

    def _write(self, operation: Callable[[], Result[Any]]) -> bool:
        """A write whose result the page already shows (its echo is skipped)."""
        return self.write(operation) is not None

    def _remove(self, person_id: str) -> None:
        removed = self.write(lambda: self.ws.delete(Person, person_id))
        if removed is not None:  # the row goes: read the people again, as for anyone's change
            self.on_changes(removed.changes.by(None))

    def _registration_values(self, row: PersonRow, **changes: Any) -> Registration:
        assert self.event_id is not None
        fields = {name: getattr(row, name) for name in REGISTRATION_FIELDS if name != "registered"}
        fields.update(changes)
        fields["role"] = fields.get("role") or Role.PARTICIPANT
        return Registration(
            id=registration_id(self.event_id, row.id),
            event_id=self.event_id,
            person_id=row.id,
            **fields,
        )

    def _on_table_edit(self, row: PersonRow, name: str, value: Any) -> bool:
        if name in REGISTRATION_FIELDS:
            if self.event_id is None:
                return False
            if name == "registered" and not value:
                rid = registration_id(self.event_id, row.id)
                ok = self._write(lambda: self.ws.apply([], [(Registration, rid)]))
            else:
                extra = {} if name == "registered" else {name: value}
                record = self._registration_values(row, **extra)
                ok = self._write(lambda: self.ws.save(record))
        else:
            ok = self._write(lambda: self.ws.update(Person, row.id, **{name: value}))
        if ok:
            QTimer.singleShot(0, self._refresh_form)
        return ok

    def _save_person_fields(self, values: dict[str, Any]) -> None:
        person_id = self.form.person_id
        row = self.model.person(person_id) if person_id else None
        if row is None:
            return
        if self._write(lambda: self.ws.update(Person, row.id, **values)):
            new_row = row._replace(**values)
            self.model.replace_row(new_row)
            self.form.heading.setText(new_row.full_name or _("Unnamed person"))

    def _save_registration_fields(self, values: dict[str, Any]) -> None:
        person_id = self.form.person_id
        row = self.model.person(person_id) if person_id else None
        if row is None or self.event_id is None:
            return
        registered = values.pop("registered", row.registered or bool(values))
        if not registered:
            rid = registration_id(self.event_id, row.id)
            if self._write(lambda: self.ws.apply([], [(Registration, rid)])):
                self.model.replace_row(
                    row._replace(
                        registered=False,
                        role=None,
                        delegation="",
                        municipality="",
                        country="",
                        badge_code="",
                    )
                )
            return
        form_values = self.form.draft_values()[1]
        form_values.pop("registered")
        form_values.update(values)
        record = self._registration_values(row, **form_values)
        if self._write(lambda: self.ws.save(record)):
            self.model.replace_row(
                row._replace(
                    registered=True,
                    **{
                        f.name: getattr(record, f.name)
                        for f in dataclasses.fields(record)
                        if f.name in REGISTRATION_FIELDS
                    },
                )
            )

    def _organisation_for(self, name: str) -> tuple[str | None, list[Any]]:
        """The id of the organisation called `name` (made when new) and the records to save."""
        if not name:
            return None, []
        folded = fold(name)
        for organisation_id, known in self.form.organisations:
            if fold(known) == folded:
                return organisation_id, []
        organisation = Organisation(id=new_id(), name=name)
        return organisation.id, [organisation]

    def _set_organisation(self, name: str) -> None:
        person_id = self.form.person_id
        row = self.model.person(person_id) if person_id else None
        if row is None:
            return
        organisation_id, records = self._organisation_for(name)
        if organisation_id == row.organisation_id:
            return
        person = self.ws.require(Person, row.id)
        records.append(dataclasses.replace(person, organisation_id=organisation_id))
        if self._write(lambda: self.ws.save(*records)):
            if records[:-1] and organisation_id is not None:
                self.form.set_organisations([*self.form.organisations, (organisation_id, name)])
            self.model.replace_row(
                row._replace(
                    organisation_id=organisation_id, organisation=name if organisation_id else ""
                )
            )

    # --- new people and the duplicate warning ------------------------------------------------

    def import_people(self, path: Path | None = None) -> ImportDialog | None:
        """The import dialog for the selected event, on `path` or a file asked for."""
        if self.event_id is None:
            return None
        self.import_dialog = open_import(self.context, self.event_id, self, path)
        return self.import_dialog

    def new_person(self) -> None:
        if not self.loaded or self.stale:
            self.reload()
        self.table.clearSelection()
        self.form.new_person()
        self.remove_button.setEnabled(False)
        self.erase_button.setEnabled(False)

    def _save_draft(
        self, person: dict[str, Any], registration: dict[str, Any], force: bool
    ) -> None:
        if not (person["given_names"] or person["surnames"]):
            return  # nothing to file a person under yet
        draft = PersonRow(
            "",
            person["given_names"],
            person["surnames"],
            phone=person["phone"],
            id_card=person["id_card"],
        )
        if not force:
            suspects = self.duplicate_finder().suspects(draft)
            if suspects:
                self.form.show_suspects(suspects)
                return
        organisation_id, records = self._organisation_for(person.pop("organisation"))
        record = Person(id=new_id(), organisation_id=organisation_id, **person)
        records.append(record)
        registered = registration.pop("registered") and self.event_id is not None
        row = PersonRow(
            record.id,
            record.given_names,
            record.surnames,
            record.gender,
            record.age_group,
            record.phone,
            record.email,
            record.id_card,
            organisation_id,
            next((n for i, n in self.form.organisations if i == organisation_id), "")
            if not records[:-1]
            else records[0].name,
            record.consent_photos,
            record.consent_contact,
        )
        if registered:
            reg = self._registration_values(row, **registration)
            records.append(reg)
            row = row._replace(
                registered=True,
                role=reg.role,
                delegation=reg.delegation,
                municipality=reg.municipality,
                country=reg.country,
                badge_code=reg.badge_code,
            )
        if not self._write(lambda: self.ws.save(*records)):
            return
        if organisation_id and records[0] is not record:
            self.form.set_organisations(
                [*self.form.organisations, (organisation_id, row.organisation)]
            )
        self.model.add_row(row)
        self.duplicate_finder().add(row)
        self.form.draft = False
        self.form.person_id = row.id
        self.form.warning.hide()
        self.select_person(row.id)
        self.form.heading.setText(row.full_name)

    def use_existing(self, person_id: str) -> None:
        """The new person is someone already here: forget the draft, show (and register) them."""
        _person, registration = self.form.draft_values()
        self.form.saver.discard()
        self.form.registration_saver.discard()
        self.form.draft = False
        self.form.warning.hide()
        row = self.model.person(person_id)
        if row is not None and registration["registered"] and not row.registered:
            registration.pop("registered")
            filled = {k: v for k, v in registration.items() if v}
            record = self._registration_values(row, **filled)
            if self._write(lambda: self.ws.save(record)):
                self.model.replace_row(
                    row._replace(
                        registered=True,
                        role=record.role,
                        delegation=record.delegation,
                        municipality=record.municipality,
                        country=record.country,
                        badge_code=record.badge_code,
                    )
                )
        self.select_person(person_id)
        self._refresh_form()

    def keep_new(self) -> None:
        self.form.confirmed_new = True
        person, registration = self.form.draft_values()
        self._save_draft(person, registration, True)

    def remove_person(self) -> QMessageBox | None:
        person_id = self.current_person_id()
        row = self.model.person(person_id) if person_id else None
        if row is None:
            return None
        return confirm_removal(
            self,
            _("Remove person"),
            _(
                "Remove {name} from the workspace, with their registrations and attendance at "
                "every event?"
            ).format(name=row.full_name or _("Unnamed person")),
            _("Remove"),
            lambda: self._remove(row.id),
        )

    def erase_person(self) -> EraseDialog | None:
        """Ask, then erase the selected person's personal data (see `EraseDialog`)."""
        person_id = self.current_person_id()
        row = self.model.person(person_id) if person_id else None
        if row is None:
            return None
        name = row.full_name or _("Unnamed person")
        question = _("Erase the personal data of {name}, at their request?").format(name=name)
        dialog = EraseDialog(
            self, question, lambda keep: self._erase(row.id, keep), name=row.full_name
        )
        dialog.open()
        return dialog

    def _erase(self, person_id: str, keep_initials: bool) -> BackgroundTask | None:
        """Erase off the GUI thread (clearing the file takes seconds on a large workspace)."""
        if self.erase_task is not None:
            return None  # one at a time
        self.form.saver.flush()

        def done(erased: Result[ErasureReport]) -> None:
            self.on_changes(erased.changes.by(None))  # read the people again, names changed
            report = erased.value
            texts = done_texts(
                len(report.people), report.conflicts, report.merges, report.snapshots
            )
            box = QMessageBox(
                QMessageBox.Icon.Information,
                _("Erase personal data"),
                "\n\n".join(texts),
                parent=self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        self.erase_task = task = erase_in_background(
            self.context,
            self,
            [person_id],
            keep_initials,
            done=done,
            refused=self.refused,
            initiator=self,
        )
        task.finished.connect(self._erase_ended)
        return task

    def _erase_ended(self) -> None:
        self.erase_task = None

    def _registered_text(self) -> str:
        return _("Registered at this event")

    def retranslate_ui(self) -> None:
        self.filter_label.setText(_("&Find"))
        self.filter_edit.setPlaceholderText(_("Name, organisation, delegation, badge, phone…"))
        self.show_combo.setItemText(0, _("Everyone in the workspace"))
        self.show_combo.setItemText(1, self._registered_text())
        self.new_button.setText(_("New person"))
        self.remove_button.setText(_("Remove…"))
        self.import_button.setText(_("Import people…"))
        self.import_button.setToolTip(
            _("Add the people of a CSV or XLSX list to the event, after a preview.")
        )
        self.erase_button.setText(_("Erase personal data…"))
        self.table.setAccessibleName(_("People"))
        self.model.retranslate_ui()
        self.form.retranslate_ui()
        self.organisations.retranslate_ui()
        self.tabs.setTabText(0, _("People"))
        self.tabs.setTabText(1, _("Organisations"))
        self.tabs.setTabText(2, _("Duplicates"))
        self.duplicates.retranslate_ui()
        self._update_count()
