"""The participants of a video-call report, matched to people, before they are marked present.

Opened by the check-in page for the chosen session once the report is read and matched
(`fieldkit.io.virtual_attendance_import`). Each participant shows the person found (double-click
to choose another from a searchable list, add them as a new person, or ignore them) and a present
box ticked from the threshold at the top. "Mark present" writes through the page's context in
one transaction; the page hears of it through the usual changes signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.ids import new_id
from fieldkit.core.model import Person
from fieldkit.core.text import fold
from fieldkit.core.virtual_attendance import looks_like_device, looks_like_phone, name_parts
from fieldkit.gui.checkin.video_model import IGNORE, NEW, NOT_MATCHED, ParticipantsModel
from fieldkit.gui.shell.context import PageContext
from fieldkit.i18n import _, ngettext
from fieldkit.io.people_fields import split_full_name
from fieldkit.io.virtual_attendance_import import AttendanceImport, apply_attendance_import

MAX_MINUTES = 24 * 60
WARNING_STYLE = (
    "#videoWarnings { background: #fef3c7; border: 1px solid #d97706; color: #78350f;"
    " padding: 6px; }"
)


def new_person_from(name: str, email: str) -> Person:
    """A person for a participant added as new: the name outside parentheses, or inside them
    when the outside is a device's; a phone number as the name is kept as the phone too."""
    outside, inside = name_parts(name)
    text = outside if outside and not looks_like_device(outside) else (inside or outside)
    given, surnames = split_full_name(text)
    phone = text if looks_like_phone(text) else ""
    return Person(
        id=new_id(), given_names=given, surnames=surnames, email=email.strip(), phone=phone
    )


def choices_model(
    people: list[Person], registered: frozenset[str], parent: Any
) -> QStandardItemModel:
    """One list for every row's editor: the three choices, then the registered people, then
    the rest of the workspace, each by name (and e-mail, to tell namesakes apart)."""
    model = QStandardItemModel(parent)
    for text, value in (
        (_("Not matched"), NOT_MATCHED),
        (_("Add as a new person"), NEW),
        (_("Ignore"), IGNORE),
    ):
        item = QStandardItem(text)
        item.setData(value, Qt.ItemDataRole.UserRole)
        model.appendRow(item)
    order = sorted(people, key=lambda p: (p.id not in registered, fold(p.full_name), p.id))
    for person in order:
        label = person.full_name or person.email or person.phone
        if person.email:
            label = _("{name} <{email}>").format(name=label, email=person.email)
        item = QStandardItem(label)
        item.setData(person.id, Qt.ItemDataRole.UserRole)
        model.appendRow(item)
    return model


class PersonDelegate(QStyledItemDelegate):
    """Edits the person of a row with a combo box that filters as one types."""

    def __init__(self, choices: Callable[[], QStandardItemModel], parent: Any = None) -> None:
        super().__init__(parent)
        self._make_choices = choices
        self._choices: QStandardItemModel | None = None

    @property
    def choices(self) -> QStandardItemModel:
        """Made when first needed: a workspace of 50,000 people is a long list to build."""
        if self._choices is None:
            self._choices = self._make_choices()
        return self._choices

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setModel(self.choices)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.choices, combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        combo.setAccessibleName(_("Person"))
        combo.activated.connect(lambda _row: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            choice = index.data(ParticipantsModel.ChoiceRole)
            editor.setCurrentIndex(max(0, editor.findData(choice, Qt.ItemDataRole.UserRole)))
            line = editor.lineEdit()
            if line is not None:
                line.selectAll()

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(Qt.ItemDataRole.UserRole))


class VideoAttendanceDialog(QDialog):
    """Opened with `open()`; `applied` carries what was written."""

    applied = Signal(object)  # a VirtualAttendance

    def __init__(
        self, context: PageContext, plan: AttendanceImport, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.plan = plan
        self.setObjectName("videoAttendanceDialog")
        self.model = ParticipantsModel(
            plan.matching, plan.people, plan.registered, plan.default_min_minutes, self
        )
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("videoWarnings")
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.setWordWrap(True)
        self.warnings.setVisible(bool(plan.warnings))
        self.threshold_label = QLabel(self)
        self.threshold_spin = QSpinBox(self)
        self.threshold_spin.setRange(0, MAX_MINUTES)
        self.threshold_spin.setValue(plan.default_min_minutes)
        self.threshold_label.setBuddy(self.threshold_spin)
        self.threshold_hint = QLabel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.person_delegate = PersonDelegate(
            lambda: choices_model(list(plan.people), plan.registered, self), self.table
        )
        self.table.setItemDelegateForColumn(ParticipantsModel.COL_PERSON, self.person_delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ParticipantsModel.COL_NOTES, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        top = QHBoxLayout()
        top.addWidget(self.threshold_label)
        top.addWidget(self.threshold_spin)
        top.addWidget(self.threshold_hint, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.warnings)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.threshold_spin.valueChanged.connect(self.model.set_threshold)
        self.model.dataChanged.connect(lambda *_args: self._show_summary())
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self.resize(self.sizeHint())

    def sizeHint(self) -> QSize:
        """Wide and tall enough for every column and a dozen participants at once."""
        return super().sizeHint().expandedTo(QSize(1060, 600))

    def retranslate_ui(self) -> None:
        plan = self.plan
        self.setWindowTitle(_("Import video-call attendance"))
        self.heading.setText(
            _("Participants of {file} for {session}.").format(
                file=plan.file_name, session=plan.session.title or plan.day.title
            )
        )
        self.warnings.setText("\n".join(plan.warnings))
        self.threshold_label.setText(_("&Present from (minutes in the call):"))
        if plan.session.start_time and plan.session.end_time:
            hint = _("Suggested: half the session's length.")
        else:
            hint = _("Suggested: 30 minutes, as the session has no start and end time.")
        self.threshold_hint.setText(hint)
        self.apply_button.setText(_("&Mark present"))
        self.model.retranslate_headers()
        self._show_summary()

    def _show_summary(self) -> None:
        present, below, unmatched, ignored = self.model.counts()
        sentences = [
            ngettext(
                "{count} person will be marked present in virtual mode.",
                "{count} people will be marked present in virtual mode.",
                present,
            ).format(count=present)
        ]
        if below:
            sentences.append(
                ngettext(
                    "{count} participant is below the threshold.",
                    "{count} participants are below the threshold.",
                    below,
                ).format(count=below)
            )
        if unmatched:
            sentences.append(
                ngettext(
                    "{count} participant is not matched: double-click their person to choose.",
                    "{count} participants are not matched: double-click their person to choose.",
                    unmatched,
                ).format(count=unmatched)
            )
        if ignored:
            sentences.append(
                ngettext(
                    "{count} participant is ignored.", "{count} participants are ignored.", ignored
                ).format(count=ignored)
            )
        self.summary.setText(" ".join(sentences))
        self.apply_button.setEnabled(present > 0)

    # --- choosing and writing ----------------------------------------------------------------

    def choose(self, row: int, choice: str) -> None:
        """Match a participant by hand: a person's id, NEW, IGNORE or NOT_MATCHED."""
        self.model.setData(self.model.index(row, ParticipantsModel.COL_PERSON), choice)

    def to_write(self) -> tuple[dict[str, Any], list[Person]]:
        """({person id: when they joined}, the new people) for the rows ticked present."""
        present: dict[str, Any] = {}
        new_people: list[Person] = []
        for row in self.model.present_rows():
            joined = self.model.first_joined(row)
            choice = self.model.rows[row].choice
            if choice == NEW:
                match = self.model.matching.matches[row]
                person = new_person_from(match.name, match.email)
                new_people.append(person)
                person_id = person.id
            else:
                person_id = choice
            earlier = present.get(person_id)
            if person_id not in present or (joined and (earlier is None or joined < earlier)):
                present[person_id] = joined
        return present, new_people

    def apply(self) -> None:
        present, new_people = self.to_write()
        if not present:
            return
        written = self.context.write(
            lambda: apply_attendance_import(
                self.context.ws, self.plan, present, new_people=new_people
            ),
            initiator=self,
        )
        if written is None:
            return  # refused: the context said why; the dialog stays for another try
        self.applied.emit(written.value)
        self.accept()
