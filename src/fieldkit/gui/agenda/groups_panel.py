"""The working groups of one session and their members.

Above, the groups (name, axis, facilitator, rapporteur edited in place); below, the members of the
selected group, a search field that adds a person, and the split of the people present into N
groups (see `fieldkit.core.grouping`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.grouping import regroup, split_into_groups
from fieldkit.core.ids import member_id, new_id
from fieldkit.core.model import (
    Axis,
    Day,
    GroupMember,
    Person,
    Registration,
    Session,
    WorkingGroup,
)
from fieldkit.core.text import fold
from fieldkit.gui.agenda.split_dialog import SplitDialog
from fieldkit.gui.widgets.choice_delegate import ChoiceDelegate
from fieldkit.i18n import _, ngettext

if TYPE_CHECKING:
    from fieldkit.gui.shell.page import Page

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2
GROUP_FIELDS = ("name", "axis", "facilitator", "rapporteur", "members")
_TEXT_COLUMNS = {0: "name", 2: "facilitator", 3: "rapporteur"}


class GroupsPanel(QWidget):
    def __init__(self, page: Page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.ws = page.ws
        self.session: Session | None = None
        self.event_id: str | None = None
        self.groups: list[WorkingGroup] = []
        self.members: list[GroupMember] = []
        self.people: dict[str, Person] = {}
        self.delegations: dict[str, str] = {}
        self.axes: list[Axis] = []
        self._filling = False
        self.split_dialog: SplitDialog | None = None

        self.groups_label = QLabel(self)
        self.groups_table = QTableWidget(0, len(GROUP_FIELDS), self)
        self.groups_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.groups_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.groups_table.verticalHeader().hide()
        header = self.groups_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.groups_table.setColumnWidth(column, 120)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.groups_label.setBuddy(self.groups_table)
        self.groups_table.setItemDelegateForColumn(
            1, ChoiceDelegate(CHOICES_ROLE, VALUE_ROLE, self.groups_table, store_in_items=True)
        )
        self.add_group_button = QPushButton(self)
        self.remove_group_button = QPushButton(self)
        self.split_button = QPushButton(self)
        group_buttons = QHBoxLayout()
        group_buttons.addWidget(self.add_group_button)
        group_buttons.addWidget(self.remove_group_button)
        group_buttons.addStretch(1)
        group_buttons.addWidget(self.split_button)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.groups_label)
        top_layout.addWidget(self.groups_table, 1)
        top_layout.addLayout(group_buttons)

        self.members_label = QLabel(self)
        self.members_table = QTableWidget(0, 2, self)
        self.members_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members_table.verticalHeader().hide()
        self.members_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.members_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.members_label.setBuddy(self.members_table)
        self.person_edit = QLineEdit(self)
        self.person_edit.setClearButtonEnabled(True)
        self.completions = QStringListModel(self)
        self.completer = QCompleter(self.completions, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.person_edit.setCompleter(self.completer)
        self.found: list[Person] = []
        self.add_member_button = QPushButton(self)
        self.remove_member_button = QPushButton(self)
        member_row = QHBoxLayout()
        member_row.addWidget(self.person_edit, 1)
        member_row.addWidget(self.add_member_button)
        member_row.addWidget(self.remove_member_button)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.members_label)
        bottom_layout.addWidget(self.members_table, 1)
        bottom_layout.addLayout(member_row)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("groupsSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._search)
        self.person_edit.textEdited.connect(lambda _t: self._search_timer.start())
        self.person_edit.returnPressed.connect(self.add_member)
        self.completer.activated.connect(lambda text: self.add_member(text))
        self.add_member_button.clicked.connect(lambda: self.add_member())
        self.remove_member_button.clicked.connect(self.remove_members)
        self.add_group_button.clicked.connect(self.add_group)
        self.remove_group_button.clicked.connect(self.remove_group)
        self.split_button.clicked.connect(self.open_split)
        self.groups_table.itemChanged.connect(self._group_item_changed)
        self.groups_table.itemSelectionChanged.connect(self._show_members)
        self.members_table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate_ui()

    # --- showing -----------------------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        changed = session is None or self.session is None or session.id != self.session.id
        self.session = session
        if session is None:
            self.groups = []
            self.members = []
            self._fill_groups()
            return
        day = self.ws.get(Day, session.day_id)
        self.event_id = day.event_id if day else None
        self.reload(keep_selection=not changed)

    def reload(self, keep_selection: bool = True) -> None:
        session = self.session
        if session is None or self.event_id is None:
            return
        keep = self.current_group_id() if keep_selection else None
        self.groups = self.ws.list(
            WorkingGroup, where={"session_id": session.id}, order_by=("position",)
        )
        group_ids = [g.id for g in self.groups]
        self.members = self.ws.list(GroupMember, where={"group_id": group_ids})
        person_ids = sorted({m.person_id for m in self.members})
        self.people = {p.id: p for p in self.ws.list(Person, where={"id": person_ids})}
        self.delegations = {
            r.person_id: r.delegation
            for r in self.ws.list(Registration, where={"event_id": self.event_id})
        }
        self.axes = self.ws.list(Axis, where={"event_id": self.event_id}, order_by=("position",))
        self._fill_groups()
        row = next((i for i, g in enumerate(self.groups) if g.id == keep), 0)
        if self.groups:
            self.groups_table.selectRow(row)
        self._show_members()

    def current_group_id(self) -> str | None:
        rows = self.groups_table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.groups):
            return None
        return self.groups[rows[0].row()].id

    def _member_count(self, group_id: str) -> int:
        return sum(1 for m in self.members if m.group_id == group_id and m.person_id in self.people)

    def _fill_groups(self) -> None:
        if self.groups_table.state() == QAbstractItemView.State.EditingState:
            return
        self._filling = True
        try:
            self.groups_table.setRowCount(len(self.groups))
            for row, group in enumerate(self.groups):
                for column, name in _TEXT_COLUMNS.items():
                    item = QTableWidgetItem(getattr(group, name))
                    item.setToolTip(getattr(group, name))
                    self.groups_table.setItem(row, column, item)
                choices = [("", None)] + [
                    (f"{number}. {axis.title}", axis.id)
                    for number, axis in enumerate(self.axes, start=1)
                ]
                label = next((text for text, value in choices if value == group.axis_id), "")
                axis_item = QTableWidgetItem(label)
                axis_item.setToolTip(label)
                axis_item.setData(VALUE_ROLE, group.axis_id)
                axis_item.setData(CHOICES_ROLE, choices)
                if not self.axes:
                    axis_item.setFlags(axis_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.groups_table.setItem(row, 1, axis_item)
                count = QTableWidgetItem(str(self._member_count(group.id)))
                count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
                count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.groups_table.setItem(row, 4, count)
        finally:
            self._filling = False
        self._update_buttons()

    def _show_members(self) -> None:
        group_id = self.current_group_id()
        rows = sorted(
            (
                self.people[m.person_id]
                for m in self.members
                if m.group_id == group_id and m.person_id in self.people
            ),
            key=lambda p: (fold(p.surnames), fold(p.given_names)),
        )
        self.members_table.setRowCount(len(rows))
        for row, person in enumerate(rows):
            name = QTableWidgetItem(person.full_name)
            name.setData(Qt.ItemDataRole.UserRole, person.id)
            self.members_table.setItem(row, 0, name)
            self.members_table.setItem(
                row, 1, QTableWidgetItem(self.delegations.get(person.id, ""))
            )
        group = next((g for g in self.groups if g.id == group_id), None)
        if group is None:
            self.members_label.setText(_("Members"))
        else:
            self.members_label.setText(
                ngettext(
                    "&Members of {group} ({count} person)",
                    "&Members of {group} ({count} people)",
                    len(rows),
                ).format(group=group.name or _("the group"), count=len(rows))
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_session = self.session is not None
        has_group = self.current_group_id() is not None
        self.add_group_button.setEnabled(has_session)
        self.split_button.setEnabled(has_session)
        self.remove_group_button.setEnabled(has_group)
        self.person_edit.setEnabled(has_group)
        self.add_member_button.setEnabled(has_group)
        self.remove_member_button.setEnabled(
            has_group and bool(self.members_table.selectionModel().selectedRows())
        )

    # --- groups ------------------------------------------------------------------------------

    def _update_group(self, group: WorkingGroup, **values: Any) -> None:
        self.page.write(lambda: self.ws.update(WorkingGroup, group.id, **values))

    def _group_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or not 0 <= item.row() < len(self.groups):
            return
        group = self.groups[item.row()]
        if item.column() == 1:
            axis_id = item.data(VALUE_ROLE)
            if axis_id != group.axis_id:
                self._update_group(group, axis_id=axis_id)
            return
        if item.column() not in _TEXT_COLUMNS:
            return
        name = _TEXT_COLUMNS[item.column()]
        text = item.text().strip()
        if getattr(group, name) != text:
            self._update_group(group, **{name: text})

    def add_group(self) -> None:
        session = self.session
        if session is None:
            return
        number = len(self.groups) + 1
        position = max((g.position for g in self.groups), default=0) + 1
        group = WorkingGroup(
            id=new_id(),
            session_id=session.id,
            position=position,
            name=_("Group {number}").format(number=number),
        )
        if self.page.write(lambda: self.ws.save(group)) is not None:
            row = next((i for i, g in enumerate(self.groups) if g.id == group.id), -1)
            if row >= 0:
                self.groups_table.selectRow(row)

    def remove_group(self) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        members = [(GroupMember, m.id) for m in self.members if m.group_id == group_id]
        self.page.write(lambda: self.ws.apply([], [(WorkingGroup, group_id), *members]))

    # --- members -----------------------------------------------------------------------------

    def _search(self) -> None:
        self.found = self.ws.search_people(self.person_edit.text(), limit=20)
        self.completions.setStringList([self._describe(p) for p in self.found])
        if self.found and self.person_edit.hasFocus():
            self.completer.complete()

    def _describe(self, person: Person) -> str:
        delegation = self.delegations.get(person.id, "")
        if delegation:
            return _("{name} ({delegation})").format(name=person.full_name, delegation=delegation)
        return person.full_name

    def add_member(self, text: str | None = None) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        if self._search_timer.isActive() or not self.found:
            self._search_timer.stop()
            self._search()
        chosen = None
        if text is not None:
            chosen = next((p for p in self.found if self._describe(p) == text), None)
        if chosen is None and self.found:
            chosen = self.found[0]
        if chosen is None:
            return
        person = chosen
        # One group per person in a session: adding moves them from another group.
        elsewhere = [
            (GroupMember, m.id)
            for m in self.members
            if m.person_id == person.id and m.group_id != group_id
        ]
        member = GroupMember(
            id=member_id(group_id, person.id), group_id=group_id, person_id=person.id
        )
        if self.page.write(lambda: self.ws.apply([member], elsewhere)) is not None:
            self.person_edit.clear()
            self.found = []

    def remove_members(self) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        person_ids = [
            index.data(Qt.ItemDataRole.UserRole)
            for index in self.members_table.selectionModel().selectedRows(0)
        ]
        deletions = [(GroupMember, member_id(group_id, pid)) for pid in person_ids]
        self.page.write(lambda: self.ws.apply([], deletions))

    # --- split -------------------------------------------------------------------------------

    def people_to_split(self) -> tuple[list[tuple[str, str]], str]:
        """(person id, delegation) of the people present on the session's day, by name;
        the registered people when nobody is checked in yet."""
        session = self.session
        if session is None or self.event_id is None:
            return [], "present"
        present = set(self.ws.day_attendance(session.day_id))
        source = "present"
        if not present:
            present = set(self.delegations)
            source = "registered"
        people = self.ws.list(Person, where={"id": sorted(present)})
        people.sort(key=lambda p: (fold(p.surnames), fold(p.given_names), p.id))
        return [(p.id, self.delegations.get(p.id, "")) for p in people], source

    def open_split(self) -> SplitDialog | None:
        people, source = self.people_to_split()
        if not people:
            self.page.context.show_error(
                _("Nobody is registered or present yet: there is nobody to split into groups.")
            )
            return None
        dialog = SplitDialog(len(people), source, len(self.groups), self)
        dialog.accepted.connect(lambda: self.split(people, dialog.count(), dialog.how()))
        self.split_dialog = dialog
        dialog.open()
        return dialog

    def split(self, people: list[tuple[str, str]], count: int, how: Any) -> None:
        session = self.session
        if session is None:
            return
        assignment = split_into_groups(people, count, how)
        saves, deletions = regroup(
            session.id,
            self.groups,
            self.members,
            assignment,
            lambda number: _("Group {number}").format(number=number),
        )
        self.page.write(lambda: self.ws.apply(saves, deletions))

    def retranslate_ui(self) -> None:
        self.groups_label.setText(_("Wor&king groups"))
        self.groups_table.setHorizontalHeaderLabels(
            [_("Group"), _("Axis"), _("Facilitator"), _("Rapporteur"), _("People")]
        )
        self.members_table.setHorizontalHeaderLabels([_("Name"), _("Delegation")])
        self.add_group_button.setText(_("Add group"))
        self.remove_group_button.setText(_("Remove group"))
        self.split_button.setText(_("Split people into groups…"))
        self.person_edit.setPlaceholderText(_("Type a name to add someone to this group"))
        self.add_member_button.setText(_("Add"))
        self.remove_member_button.setText(_("Remove"))
        self._show_members()
