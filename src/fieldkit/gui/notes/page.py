"""The notes page: what was said and decided at each session and working group.

A page of the main window (see `fieldkit.gui.shell.page`): `set_event`, `on_changes`,
`retranslate_ui`. It also works on its own, with `PageContext(ws)`, as in the tests and the
screenshots.

Never lose a word: each section of the notes is bound to an `Autosaver` (saved 700 ms after the
last key, at once when the section loses focus), and what is waiting is saved when another
session is chosen, when the page is hidden and when the window closes (`flush_all`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QListWidgetItem,
    QMessageBox,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.ids import session_axis_id, session_objective_id
from fieldkit.core.model import (
    ActionItem,
    Attachment,
    Axis,
    Changes,
    Decision,
    Objective,
    SessionAxis,
    SessionObjective,
)
from fieldkit.gui.notes.actions_model import ActionsModel, DueDateDelegate
from fieldkit.gui.notes.entry_delegate import EntryDelegate
from fieldkit.gui.notes.photos import PhotosModel, prepare_photo
from fieldkit.gui.notes.view import ACTIONS_TAB, NOTES_TAB, PHOTOS_TAB, NotesView
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.widgets.autosave import Autosaver
from fieldkit.gui.widgets.choice_delegate import ChoiceDelegate
from fieldkit.i18n import _, current_locale, date_time_text, format_date, ngettext
from fieldkit.store.notes_store import NOTE_FIELDS, NoteTarget

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1  # (session id, group id) or None: the whole event
LINK_ROLE = Qt.ItemDataRole.UserRole + 2  # ("axis" | "objective", id)
ID_ROLE = Qt.ItemDataRole.UserRole + 3

DAY = "day"  # the TARGET_ROLE of a day's heading
Target = tuple[str, str | None]


class NotesPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        ws = self.ws
        self.event_id: str | None = None
        self.target: Target | None = None
        self.targets: list[NoteTarget] = []
        self.file_dialog: QFileDialog | None = None
        self._filling = False
        self.actions_model = ActionsModel(ws, self.write, parent=self)
        self.earlier_model = ActionsModel(ws, self.write, earlier=True, parent=self)
        self.photos_model = PhotosModel(ws, self.write, self)
        self.view = NotesView(self.actions_model, self.earlier_model, self)
        self.view.photos_view.setModel(self.photos_model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.saver = Autosaver(self, self._save_note)
        for name, edit in self.view.sections.items():
            self.saver.bind_text(name, edit)
        self._wire()
        self.retranslate_ui()
        self.set_event(None)

    # --- wiring ------------------------------------------------------------------------------

    def _wire(self) -> None:
        view = self.view
        view.targets.currentItemChanged.connect(self._on_target_item)
        view.links.itemChanged.connect(self._on_link_changed)
        view.decisions.itemChanged.connect(self._on_decision_edited)
        view.add_decision_button.clicked.connect(self.add_decision)
        view.remove_decision_button.clicked.connect(self.remove_decision)
        view.add_action_button.clicked.connect(self.add_action)
        view.remove_action_button.clicked.connect(self.remove_action)
        view.carry_button.clicked.connect(self.carry_selected)
        view.add_photo_button.clicked.connect(self.ask_photos)
        view.remove_photo_button.clicked.connect(self.remove_photo)
        view.photos_view.files_dropped.connect(self.add_photos)
        self.status_delegate = ChoiceDelegate(
            ActionsModel.CHOICES_ROLE, ActionsModel.VALUE_ROLE, self
        )
        self.due_delegate = DueDateDelegate(self)
        self.decision_delegate = EntryDelegate(lambda: _("Type the decision, then Enter"), self)
        self.what_delegate = EntryDelegate(lambda: _("What is to be done…"), self)
        view.decisions.setItemDelegate(self.decision_delegate)
        view.actions_view.setItemDelegateForColumn(ActionsModel.COL_WHAT, self.what_delegate)
        view.actions_view.setItemDelegateForColumn(ActionsModel.COL_STATUS, self.status_delegate)
        view.actions_view.setItemDelegateForColumn(ActionsModel.COL_SESSION, self.status_delegate)
        view.actions_view.setItemDelegateForColumn(ActionsModel.COL_DUE, self.due_delegate)
        for model, table in (
            (self.actions_model, view.actions_view),
            (self.earlier_model, view.earlier_view),
        ):
            model.modelReset.connect(table.resizeRowsToContents)
            model.dataChanged.connect(lambda *_a, t=table: t.resizeRowsToContents())
        view.earlier_view.selectionModel().selectionChanged.connect(self._update_buttons)
        view.actions_view.selectionModel().selectionChanged.connect(self._update_buttons)
        view.decisions.currentRowChanged.connect(self._update_buttons)
        view.photos_view.selectionModel().selectionChanged.connect(self._update_buttons)

    # --- the page interface ------------------------------------------------------------------

    def set_event(self, event_id: str | None) -> None:
        self.saver.flush()
        same = event_id == self.event_id
        self.event_id = event_id
        self._fill_targets(keep=self.target if same else None)
        self._load_earlier()

    def on_changes(self, changes: Changes) -> None:
        if self.is_own(changes) or self.event_id is None:
            return
        if changes.agenda or changes.events:
            self._fill_targets(keep=self.target)
        elif changes.notes:
            self._load_target()
        if changes.notes or changes.events:
            self._load_earlier()

    def retranslate_ui(self) -> None:
        view = self.view
        view.targets_label.setText(_("&Sessions and groups"))
        view.tabs.setTabText(NOTES_TAB, _("Notes"))
        view.tabs.setTabText(ACTIONS_TAB, _("Decisions and actions"))
        view.tabs.setTabText(PHOTOS_TAB, _("Photos"))
        titles = {
            "key_points": _("&Key points"),
            "lessons": _("&Lessons learned"),
            "proposals": _("&Proposals and perspectives"),
            "agreements": _("A&greements"),
        }
        for name in NOTE_FIELDS:
            view.section_labels[name].setText(titles[name])
            view.sections[name].setPlaceholderText(
                _("Plain text; start a line with “- ” for a list.")
            )
        view.links_label.setText(_("This session relates to (objectives and axes):"))
        view.decisions_label.setText(_("&Decisions"))
        view.add_decision_button.setText(_("Add decision"))
        view.remove_decision_button.setText(_("Remove"))
        view.actions_label.setText(_("&Action items"))
        view.add_action_button.setText(_("Add action"))
        view.remove_action_button.setText(_("Remove"))
        view.earlier_label.setText(_("Open actions of earlier events of this programme"))
        view.carry_button.setText(_("Carry into this event"))
        view.add_photo_button.setText(_("Add photo…"))
        view.keep_original.setText(_("Keep the original (no scaling down)"))
        view.remove_photo_button.setText(_("Remove photo"))
        view.photos_hint.setText(
            _(
                "Drop photos of flip charts or signed sheets here. Double-click a caption to edit "
                "it. Tick a photo that shows people: the minutes print it only if they all "
                "consented to photos."
            )
        )
        self.actions_model.retranslate()
        self.earlier_model.retranslate()
        self._fill_targets(keep=self.target)
        self._load_earlier()

    # --- choosing a session or group ---------------------------------------------------------

    def _target_label(self, target: NoteTarget, *, with_date: bool = True) -> str:
        if target.group_id is not None:
            return target.group_name or _("(unnamed group)")
        when = date_time_text(target.date if with_date else None, target.start_time)
        title = target.session_title or _("(untitled session)")
        return f"{when} · {title}" if when else title

    def _fill_targets(self, keep: Target | None) -> None:
        """The whole event, then the days, their sessions and the sessions' groups."""
        tree = self.view.targets
        self._filling = True
        try:
            tree.clear()
            self.targets = self.ws.note_targets(self.event_id) if self.event_id else []
            if self.event_id is not None:
                whole = QTreeWidgetItem(tree, [_("The whole event")])
                whole.setData(0, TARGET_ROLE, None)
            days: dict[dt.date | None, QTreeWidgetItem] = {}
            parents: dict[str, QTreeWidgetItem] = {}
            for target in self.targets:
                label = self._target_label(target, with_date=False)
                if target.group_id is None:
                    day = days.get(target.date)
                    if day is None:
                        text = (
                            format_date(target.date, current_locale(), "full")
                            if target.date
                            else _("No date")
                        )
                        day = QTreeWidgetItem(tree, [text])
                        day.setData(0, TARGET_ROLE, DAY)
                        day.setFlags(Qt.ItemFlag.ItemIsEnabled)
                        font = day.font(0)
                        font.setBold(True)
                        day.setFont(0, font)
                        days[target.date] = day
                    item = QTreeWidgetItem(day, [label])
                    parents[target.session_id] = item
                else:
                    item = QTreeWidgetItem(parents[target.session_id], [label])
                item.setData(0, TARGET_ROLE, (target.session_id, target.group_id))
                item.setToolTip(0, label)
            tree.expandAll()
        finally:
            self._filling = False
        wanted = keep if keep is not None and self._item_of(keep) else None
        if wanted is None and self.targets:
            first = self.targets[0]
            wanted = (first.session_id, first.group_id)
        chosen = self._item_of(wanted) if wanted else tree.topLevelItem(0)
        if chosen is not None:
            tree.setCurrentItem(chosen)  # loads it
        else:
            self._set_target(None)

    def _item_of(self, target: Target | None) -> QTreeWidgetItem | None:
        tree = self.view.targets
        stack: list[QTreeWidgetItem | None] = [
            tree.topLevelItem(n) for n in range(tree.topLevelItemCount())
        ]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            if target is not None and item.data(0, TARGET_ROLE) == target:
                return item
            stack.extend(item.child(n) for n in range(item.childCount()))
        return None

    def select_target(self, session_id: str | None, group_id: str | None = None) -> None:
        """Show the notes of a session or group (None: the whole event)."""
        item: QTreeWidgetItem | None
        if session_id is None:
            item = self.view.targets.topLevelItem(0)
        else:
            item = self._item_of((session_id, group_id))
        if item is not None:
            self.view.targets.setCurrentItem(item)

    def _on_target_item(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if self._filling:
            return
        value = current.data(0, TARGET_ROLE) if current is not None else None
        if value == DAY:
            return
        self._set_target((value[0], value[1]) if value else None)

    def _set_target(self, target: Target | None) -> None:
        self.saver.flush()  # what was typed for the previous session goes to that session
        self.target = target
        self._load_target()

    # --- loading -----------------------------------------------------------------------------

    def _target_info(self) -> NoteTarget | None:
        if self.target is None:
            return None
        return next((t for t in self.targets if (t.session_id, t.group_id) == self.target), None)

    def _load_target(self) -> None:
        view = self.view
        info = self._target_info()
        has_event = self.event_id is not None
        on_session = info is not None
        for edit in view.sections.values():
            edit.setEnabled(on_session)
        view.links.setEnabled(on_session)
        view.tabs.setTabEnabled(PHOTOS_TAB, on_session)
        view.tabs.setTabEnabled(NOTES_TAB, has_event)
        view.tabs.setTabEnabled(ACTIONS_TAB, has_event)
        if info is not None:
            note = self.ws.note_of(info.session_id, info.group_id)
            self.saver.load({name: getattr(note, name) for name in NOTE_FIELDS})
            if info.group_id is not None:
                view.target_title.setText(
                    _("{group} — {session}").format(
                        group=self._target_label(info), session=info.session_title
                    )
                )
            else:
                view.target_title.setText(self._target_label(info))
            view.notes_hint.hide()
        else:
            self.saver.discard()
            self.saver.load(dict.fromkeys(NOTE_FIELDS, ""))
            view.target_title.setText(_("The whole event") if has_event else "")
            view.notes_hint.setText(
                _("Choose a session or a working group on the left to write its notes.")
                if has_event
                else _("Choose an event in the list to write its notes.")
            )
            view.notes_hint.show()
        self._load_links(info)
        self._load_decisions(info)
        self._load_actions(info)
        self._load_photos(info)
        self._update_buttons()

    def _load_links(self, info: NoteTarget | None) -> None:
        links = self.view.links
        self._filling = True
        try:
            links.clear()
            if info is None or self.event_id is None:
                return
            chosen_objectives = {
                link.objective_id
                for link in self.ws.list(SessionObjective, where={"session_id": info.session_id})
            }
            chosen_axes = {
                link.axis_id
                for link in self.ws.list(SessionAxis, where={"session_id": info.session_id})
            }
            objectives = self.ws.list(
                Objective, where={"event_id": self.event_id}, order_by=("position",)
            )
            axes = self.ws.list(Axis, where={"event_id": self.event_id}, order_by=("position",))
            for n, objective in enumerate(objectives, start=1):
                text = _("Objective {number}: {text}").format(number=n, text=objective.text)
                item = QListWidgetItem(self.view.link_text(text), links)
                item.setToolTip(text)
                item.setData(LINK_ROLE, ("objective", objective.id))
                checked = objective.id in chosen_objectives
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            for n, axis in enumerate(axes, start=1):
                text = _("Axis {number}: {title}").format(number=n, title=axis.title)
                item = QListWidgetItem(self.view.link_text(text), links)
                item.setToolTip("\n\n".join(t for t in (text, axis.description) if t))
                item.setData(LINK_ROLE, ("axis", axis.id))
                checked = axis.id in chosen_axes
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if not objectives and not axes:
                item = QListWidgetItem(_("The event has no objectives or axes yet."), links)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
        finally:
            self._filling = False

    def _load_decisions(self, info: NoteTarget | None) -> None:
        decisions = self.view.decisions
        self._filling = True
        try:
            decisions.clear()
            if self.event_id is None:
                return
            found = self.ws.decisions_of(
                self.event_id,
                info.session_id if info else None,
                info.group_id if info else None,
            )
            for decision in found:
                item = QListWidgetItem(decision.text, decisions)
                item.setData(ID_ROLE, decision.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        finally:
            self._filling = False

    def _load_actions(self, info: NoteTarget | None) -> None:
        if self.event_id is None:
            self.actions_model.set_rows([])
            return
        sessions = [
            (self._target_label(t), t.session_id) for t in self.targets if t.group_id is None
        ]
        self.actions_model.set_sessions(sessions)
        self.actions_model.set_rows(
            self.ws.action_rows(self.event_id, info.session_id if info else None)
        )
        self.view.actions_view.setColumnHidden(ActionsModel.COL_SESSION, info is not None)

    def _load_earlier(self) -> None:
        rows = self.ws.earlier_open_actions(self.event_id) if self.event_id else []
        self.earlier_model.set_rows(rows)
        view = self.view
        open_count = sum(1 for r in rows if not r.carried)
        if self.event_id is None:
            hint = ""
        elif not rows:
            hint = _("No open action is left from earlier events of this programme.")
        else:
            hint = ngettext(
                "{count} action is still open from earlier events; select it and carry it into "
                "this event (the earlier one stays as it was).",
                "{count} actions are still open from earlier events; select some and carry them "
                "into this event (the earlier ones stay as they were).",
                open_count,
            ).format(count=open_count)
        view.earlier_hint.setText(hint)
        view.earlier_view.setVisible(bool(rows))
        self._update_buttons()

    def _load_photos(self, info: NoteTarget | None) -> None:
        if info is None or self.event_id is None:
            self.photos_model.set_items([])
            return
        self.photos_model.set_items(
            self.ws.photos_of(self.event_id, info.session_id, info.group_id)
        )

    def _update_buttons(self, *_args: object) -> None:
        view = self.view
        has_event = self.event_id is not None
        view.add_decision_button.setEnabled(has_event)
        view.remove_decision_button.setEnabled(view.decisions.currentItem() is not None)
        view.add_action_button.setEnabled(has_event)
        view.remove_action_button.setEnabled(
            bool(view.actions_view.selectionModel().selectedRows())
        )
        view.carry_button.setEnabled(bool(self._selected_earlier()))
        view.remove_photo_button.setEnabled(
            bool(view.photos_view.selectionModel().selectedIndexes())
        )

    # --- notes -------------------------------------------------------------------------------

    def _save_note(self, values: dict[str, Any]) -> None:
        if self.target is None:
            return
        session_id, group_id = self.target
        self.write(lambda: self.ws.write_note(session_id, group_id, values))

    def flush(self) -> None:
        """Save what is still waiting to be saved."""
        self.saver.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        self.saver.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.saver.flush()
        super().closeEvent(event)

    def _on_link_changed(self, item: QListWidgetItem) -> None:
        if self._filling or self.target is None:
            return
        kind, other_id = item.data(LINK_ROLE)
        session_id = self.target[0]
        on = item.checkState() == Qt.CheckState.Checked
        record: Any
        if kind == "axis":
            record = SessionAxis(session_axis_id(session_id, other_id), session_id, other_id)
        else:
            record = SessionObjective(
                session_objective_id(session_id, other_id), session_id, other_id
            )
        ws = self.ws
        if on:
            self.write(lambda: ws.save(record))
        elif ws.get(type(record), record.id) is not None:
            self.write(lambda: ws.delete(type(record), record.id))

    # --- decisions ---------------------------------------------------------------------------

    def add_decision(self) -> None:
        if self.event_id is None:
            return
        event_id = self.event_id
        session_id, group_id = self.target or (None, None)
        made = self.write(lambda: self.ws.add_decision(event_id, session_id, group_id))
        if made is None:
            return
        self._filling = True
        item = QListWidgetItem("", self.view.decisions)
        item.setData(ID_ROLE, made.value.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self._filling = False
        decisions = self.view.decisions
        decisions.setCurrentItem(item)  # selected too (single selection)
        decisions.scrollToItem(item)
        decisions.setFocus()
        decisions.editItem(item)

    def _on_decision_edited(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        decision_id, text = item.data(ID_ROLE), item.text().strip()
        self.write(lambda: self.ws.update(Decision, decision_id, text=text))

    def remove_decision(self) -> None:
        item = self.view.decisions.currentItem()
        if item is None:
            return
        decision_id = item.data(ID_ROLE)
        if self.write(lambda: self.ws.delete(Decision, decision_id)) is not None:
            self.view.decisions.takeItem(self.view.decisions.row(item))

    # --- action items ------------------------------------------------------------------------

    def add_action(self) -> None:
        if self.event_id is None:
            return
        event_id = self.event_id
        session_id = self.target[0] if self.target else None
        made = self.write(lambda: self.ws.add_action(event_id, session_id))
        if made is None:
            return
        row = self.ws.action_row(made.value.id)
        if row is None:
            return
        self.actions_model.append(row)
        index = self.actions_model.index(len(self.actions_model.rows) - 1, ActionsModel.COL_WHAT)
        table = self.view.actions_view
        table.setCurrentIndex(index)
        table.selectRow(index.row())
        table.scrollTo(index)
        table.setFocus()
        table.edit(index)

    def remove_action(self) -> None:
        rows = self.view.actions_view.selectionModel().selectedRows()
        ids = [self.actions_model.rows[index.row()].item.id for index in rows]
        if not ids:
            return
        ws = self.ws
        if self.write(lambda: ws.apply([], [(ActionItem, i) for i in ids])) is not None:
            self._load_actions(self._target_info())

    def _selected_earlier(self) -> list[str]:
        rows = self.view.earlier_view.selectionModel().selectedRows()
        return [
            self.earlier_model.rows[index.row()].item.id
            for index in rows
            if not self.earlier_model.rows[index.row()].carried
        ]

    def carry_selected(self) -> None:
        self.carry(self._selected_earlier())

    def carry(self, action_ids: Sequence[str]) -> None:
        """Carry earlier events' actions into this one (into the chosen session, if one is)."""
        if self.event_id is None or not action_ids:
            return
        event_id = self.event_id
        session_id = self.target[0] if self.target else None
        self.write(lambda: self.ws.carry_actions(action_ids, event_id, session_id))
        self._load_actions(self._target_info())
        self._load_earlier()

    # --- photos ------------------------------------------------------------------------------

    def ask_photos(self) -> None:
        dialog = QFileDialog(self, _("Add photos"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(
            _("Images ({patterns})").format(patterns="*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif")
        )
        dialog.filesSelected.connect(lambda files: self.add_photos([Path(f) for f in files]))
        self.file_dialog = dialog
        dialog.open()

    def add_photos(self, paths: Sequence[Path]) -> None:
        """Attach image files to the chosen session or group (scaled down unless asked not)."""
        info = self._target_info()
        if info is None or self.event_id is None:
            return
        event_id = self.event_id
        keep = self.view.keep_original.isChecked()
        refused: list[str] = []
        for path in paths:
            try:
                photo = prepare_photo(path.read_bytes(), path.name, keep_original=keep)
            except (OSError, ValueError):
                refused.append(path.name)
                continue
            self.write(
                lambda photo=photo: self.ws.attach_photo(  # type: ignore[misc]
                    event_id,
                    info.session_id,
                    info.group_id,
                    photo.data,
                    filename=photo.filename,
                    media_type=photo.media_type,
                )
            )
        self._load_photos(info)
        if refused:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                _("fieldkit"),
                ngettext(
                    "This file is not a photo that fieldkit can read: {names}",
                    "These files are not photos that fieldkit can read: {names}",
                    len(refused),
                ).format(names=", ".join(refused)),
                parent=self,
            )
            box.open()

    def remove_photo(self) -> None:
        indexes = self.view.photos_view.selectionModel().selectedIndexes()
        ids = [self.photos_model.items[index.row()].id for index in indexes]
        if ids and self.write(lambda: self.ws.apply([], [(Attachment, i) for i in ids])):
            self._load_photos(self._target_info())
