"""The Agenda page: the event's days and sessions, day by day, and the working groups.

Left, a tree of days and their sessions in order of time; right, the selected day's date and
title, or the selected session with its working groups. Sessions are edited in a form opened with
`open()`, moved to another day from the Move menu (or the form's Day field), and removed; days are
added after the last one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.ids import new_id
from fieldkit.core.model import Changes, Day, Event, Session, SessionKind
from fieldkit.gui.agenda.groups_panel import GroupsPanel
from fieldkit.gui.agenda.session_dialog import SessionDialog
from fieldkit.gui.agenda.text import (
    day_short_text,
    day_text,
    session_kind_text,
    session_place_text,
    session_time_text,
    session_title_text,
)
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.widgets.autosave import Autosaver
from fieldkit.gui.widgets.confirm import confirm_removal
from fieldkit.gui.widgets.inputs import OptionalDateEdit
from fieldkit.i18n import _

DAY_ROLE = Qt.ItemDataRole.UserRole + 1  # a day item's id
SESSION_ROLE = Qt.ItemDataRole.UserRole + 2  # a session item's id


class DayForm(QWidget):
    """The date and title of one day, saved as typed."""

    def __init__(self, page: Page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.day_id: str | None = None
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.date_edit = OptionalDateEdit(self)
        self.title_edit = QLineEdit(self)
        self.date_label = QLabel(self)
        self.date_label.setBuddy(self.date_edit)
        self.title_label = QLabel(self)
        self.title_label.setBuddy(self.title_edit)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666666;")
        form = QFormLayout()
        form.addRow(self.date_label, self.date_edit)
        form.addRow(self.title_label, self.title_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.saver = Autosaver(self, self._save)
        self.saver.bind_date("date", self.date_edit)
        self.saver.bind_line("title", self.title_edit)
        self.retranslate_ui()

    def set_day(self, day: Day, number: int) -> None:
        if day.id != self.day_id:
            self.saver.flush()
        self.day_id = day.id
        self.heading.setText(day_text(day, number))
        self.saver.load({"date": day.date, "title": day.title})

    def _save(self, values: dict[str, Any]) -> None:
        day_id = self.day_id
        if day_id is not None:
            self.page.write(lambda: self.page.ws.update(Day, day_id, **values))

    def retranslate_ui(self) -> None:
        self.date_edit.retranslate_ui()
        self.date_label.setText(_("&Date"))
        self.title_label.setText(_("&Title of the day"))
        self.title_edit.setPlaceholderText(_("e.g. Field visit to Taraco"))
        self.hint.setText(
            _(
                "Add a session to this day with the Add session button; change a session's day "
                "with Move to day or in its form."
            )
        )


class AgendaPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.event_id: str | None = None
        self.days: list[Day] = []
        self.sessions: list[Session] = []
        self.dialog: SessionDialog | None = None

        # Left: buttons and the tree.
        self.add_day_button = QPushButton(self)
        self.add_session_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.move_button = QPushButton(self)
        self.move_menu = QMenu(self.move_button)
        self.move_button.setMenu(self.move_menu)
        self.remove_button = QPushButton(self)
        buttons = QHBoxLayout()
        for button in (
            self.add_day_button,
            self.add_session_button,
            self.edit_button,
            self.move_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 220)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.tree, 1)

        # Right: what is selected.
        self.side = QStackedWidget(self)
        self.side_hint = QLabel(self)
        self.side_hint.setWordWrap(True)
        self.side_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.day_form = DayForm(self, self)
        self.session_box = QWidget(self)
        self.session_heading = QLabel(self.session_box)
        self.session_heading.setWordWrap(True)
        self.session_heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.session_heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.session_heading.setFont(font)
        self.session_facts = QLabel(self.session_box)
        self.session_facts.setWordWrap(True)
        self.session_facts.setTextFormat(Qt.TextFormat.PlainText)
        self.arrival_hint = QLabel(self.session_box)
        self.arrival_hint.setWordWrap(True)
        self.arrival_hint.setStyleSheet("color: #666666;")
        self.groups = GroupsPanel(self, self.session_box)
        box_layout = QVBoxLayout(self.session_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.session_heading)
        box_layout.addWidget(self.session_facts)
        box_layout.addWidget(self.arrival_hint)
        box_layout.addWidget(self.groups, 1)
        self.side.addWidget(self.side_hint)
        self.side.addWidget(self.day_form)
        self.side.addWidget(self.session_box)

        # The agenda above, at full width; what is selected below.
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("agendaSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.hint = QLabel(self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.splitter, 1)

        self.edit_action = QAction(self)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tree.addAction(self.edit_action)
        self.remove_action = QAction(self)
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tree.addAction(self.remove_action)

        self.add_day_button.clicked.connect(self.add_day)
        self.add_session_button.clicked.connect(self.add_session)
        self.edit_button.clicked.connect(self.edit_session)
        self.edit_action.triggered.connect(self.edit_session)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_action.triggered.connect(self.remove_selected)
        self.move_menu.aboutToShow.connect(self._fill_move_menu)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self.edit_session())
        self.tree.currentItemChanged.connect(lambda *_a: self._show_selected())
        self.retranslate_ui()
        self.set_event(None)

    # --- page interface ----------------------------------------------------------------------

    def set_event(self, event_id: str | None) -> None:
        self.day_form.saver.flush()
        self.event_id = event_id
        self.reload(keep=None)

    def on_changes(self, changes: Changes) -> None:
        if self.event_id and (changes.agenda or changes.events or changes.people):
            self.reload(keep=self.selected())

    # --- the tree ----------------------------------------------------------------------------

    def reload(self, keep: tuple[str, str] | None) -> None:
        event = self.ws.get(Event, self.event_id) if self.event_id else None
        if event is None:
            self.days, self.sessions = [], []
            self.tree.clear()
            self.splitter.hide()
            self.hint.show()
            return
        self.hint.hide()
        self.splitter.show()
        self.days = self.ws.event_days(event.id)
        self.sessions = self.ws.event_sessions(event.id)
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            bold = QFont(self.tree.font())
            bold.setBold(True)
            by_day: dict[str, list[Session]] = {}
            for session in self.sessions:
                by_day.setdefault(session.day_id, []).append(session)
            select: QTreeWidgetItem | None = None
            for number, day in enumerate(self.days, start=1):
                day_item = QTreeWidgetItem([day_text(day, number)])
                day_item.setData(0, DAY_ROLE, day.id)
                day_item.setFont(0, bold)
                self.tree.addTopLevelItem(day_item)
                day_item.setFirstColumnSpanned(True)
                if keep == ("day", day.id):
                    select = day_item
                # The arrival (check-in) opens the day, whatever its time.
                ordered = sorted(
                    by_day.get(day.id, []), key=lambda s: s.kind != SessionKind.ARRIVAL
                )
                for session in ordered:
                    item = QTreeWidgetItem(
                        [
                            session_time_text(session),
                            session_title_text(session),
                            session_kind_text(session),
                            session_place_text(session),
                        ]
                    )
                    item.setData(0, SESSION_ROLE, session.id)
                    item.setToolTip(1, session.title)
                    item.setToolTip(3, session_place_text(session))
                    if session.kind == SessionKind.ARRIVAL:
                        italic = QFont(self.tree.font())
                        italic.setItalic(True)
                        item.setFont(1, italic)
                    day_item.addChild(item)
                    if keep == ("session", session.id):
                        select = item
                day_item.setExpanded(True)
            if select is None and self.tree.topLevelItemCount():
                select = self.tree.topLevelItem(0)
            if select is not None:
                self.tree.setCurrentItem(select)
        finally:
            self.tree.blockSignals(False)
        self._show_selected()

    def selected(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        session_id = item.data(0, SESSION_ROLE)
        if session_id:
            return ("session", session_id)
        return ("day", item.data(0, DAY_ROLE))

    def select(self, kind: str, record_id: str) -> None:
        """Select a day ("day") or a session ("session") in the tree."""
        role = SESSION_ROLE if kind == "session" else DAY_ROLE
        for top in range(self.tree.topLevelItemCount()):
            day_item = self.tree.topLevelItem(top)
            if day_item is None:
                continue
            for item in [day_item, *(day_item.child(i) for i in range(day_item.childCount()))]:
                if item is not None and item.data(0, role) == record_id:
                    self.tree.setCurrentItem(item)
                    return

    def selected_session(self) -> Session | None:
        selected = self.selected()
        if selected is None or selected[0] != "session":
            return None
        return next((s for s in self.sessions if s.id == selected[1]), None)

    def selected_day(self) -> Day | None:
        """The selected day, or the day of the selected session."""
        selected = self.selected()
        if selected is None:
            return None
        if selected[0] == "session":
            session = self.selected_session()
            day_id = session.day_id if session else ""
        else:
            day_id = selected[1]
        return next((d for d in self.days if d.id == day_id), None)

    def _show_selected(self) -> None:
        session = self.selected_session()
        day = self.selected_day()
        arrival = session is not None and session.kind == SessionKind.ARRIVAL
        self.edit_button.setEnabled(session is not None)
        self.move_button.setEnabled(session is not None and not arrival and len(self.days) > 1)
        self.remove_button.setEnabled(day is not None and not arrival)
        self.add_session_button.setEnabled(bool(self.days))
        if session is not None:
            self.side.setCurrentWidget(self.session_box)
            self.session_heading.setText(session_title_text(session))
            facts = [
                text
                for text in (
                    session_time_text(session),
                    session_kind_text(session),
                    session_place_text(session),
                )
                if text
            ]
            for label, name in (
                (_("Facilitator"), session.facilitator),
                (_("Rapporteur"), session.rapporteur),
            ):
                if name.strip():
                    facts.append(_("{label}: {name}").format(label=label, name=name.strip()))
            self.session_facts.setText("   ·   ".join(facts))
            self.arrival_hint.setVisible(arrival)
            self.groups.setVisible(not arrival)
            self.groups.set_session(None if arrival else session)
        elif day is not None:
            self.side.setCurrentWidget(self.day_form)
            self.day_form.set_day(day, self.days.index(day) + 1)
        else:
            self.side.setCurrentWidget(self.side_hint)
            self.groups.set_session(None)

    # --- actions -----------------------------------------------------------------------------

    def add_day(self) -> None:
        event = self.ws.get(Event, self.event_id) if self.event_id else None
        if event is None:
            return
        dated = [d.date for d in self.days if d.date is not None]
        if dated:
            date: dt.date | None = max(dated) + dt.timedelta(days=1)
        else:
            date = event.start_date
        added = self.write(lambda: self.ws.add_day(event.id, date))  # type: ignore[arg-type]
        if added is not None:
            self.select("day", added.value.id)

    def add_session(self) -> SessionDialog | None:
        day = self.selected_day() or (self.days[-1] if self.days else None)
        if day is None:
            return None
        same_day = [
            s for s in self.sessions if s.day_id == day.id and s.kind != SessionKind.ARRIVAL
        ]
        start = max((s.end_time or s.start_time for s in same_day), default="09:00") or "09:00"
        session = Session(id=new_id(), day_id=day.id, start_time=start, title=_("New session"))
        if self.write(lambda: self.ws.save(session)) is None:
            return None
        self.select("session", session.id)
        dialog = self.edit_session()
        if dialog is not None:
            dialog.title_edit.setFocus()
            dialog.title_edit.selectAll()
        return dialog

    def edit_session(self) -> SessionDialog | None:
        session = self.selected_session()
        if session is None:
            selected = self.selected()
            if selected is not None:
                self.day_form.title_edit.setFocus()
            return None
        if self.dialog is not None:
            self.dialog.close()
        dialog = SessionDialog(self, session.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_a: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _fill_move_menu(self) -> None:
        self.move_menu.clear()
        session = self.selected_session()
        if session is None:
            return
        for number, day in enumerate(self.days, start=1):
            label = day_short_text(day, number)
            if day.title.strip():
                label = _("{date}: {title}").format(date=label, title=day.title.strip())
            action = self.move_menu.addAction(label)
            action.setEnabled(day.id != session.day_id)
            action.triggered.connect(lambda _c=False, d=day.id: self.move_session(d))

    def move_session(self, day_id: str) -> None:
        session = self.selected_session()
        if session is None or session.kind == SessionKind.ARRIVAL or session.day_id == day_id:
            return
        session_id = session.id
        if self.write(lambda: self.ws.update(Session, session_id, day_id=day_id)):
            self.select("session", session_id)

    def remove_selected(self) -> QMessageBox | None:
        session = self.selected_session()
        day = self.selected_day()
        if session is not None and session.kind == SessionKind.ARRIVAL:
            return None
        if session is not None:
            text = _(
                "Remove the session “{title}” from the agenda, with its groups and notes?"
            ).format(title=session_title_text(session))
            target: tuple[type[Any], str] = (Session, session.id)
        elif day is not None:
            text = _("Remove the day “{day}” with all its sessions?").format(
                day=day_text(day, self.days.index(day) + 1)
            )
            target = (Day, day.id)
        else:
            return None
        return confirm_removal(
            self,
            _("Remove from the agenda"),
            text,
            _("Remove"),
            lambda: self.write(lambda: self.ws.delete(*target)),
        )

    def retranslate_ui(self) -> None:
        self.hint.setText(_("Select an event in the list to see and plan its agenda."))
        self.side_hint.setText(_("This event has no days yet: add the first one."))
        self.add_day_button.setText(_("Add day"))
        self.add_session_button.setText(_("Add session"))
        self.edit_button.setText(_("Edit…"))
        self.move_button.setText(_("Move to day"))
        self.remove_button.setText(_("Remove"))
        self.tree.setHeaderLabels([_("Time"), _("Session"), _("Kind"), _("Room or link")])
        self.tree.setAccessibleName(_("Agenda"))
        self.arrival_hint.setText(
            _(
                "The check-in of the day: people are checked in on the Check-in page. "
                "Its time and mode can be set with Edit."
            )
        )
        self.day_form.retranslate_ui()
        self.groups.retranslate_ui()
        if self.event_id:
            self.reload(keep=self.selected())
