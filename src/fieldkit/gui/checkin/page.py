"""The check-in page: wires the view to the `Door` and shows what each action did.

A page of the main window (see `fieldkit.gui.shell.page`): `set_event`, `on_changes`,
`retranslate_ui`. It also works on its own, with `PageContext(ws)`, as in the tests and the
screenshot.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.checkin import CheckinPerson
from fieldkit.core.errors import UserError
from fieldkit.core.model import Attachment, AttendanceMode, Changes, Gender, Result
from fieldkit.gui.checkin.keys import PAGE_KEYS, SAME_AS, WINDOW_KEYS
from fieldkit.gui.checkin.messages import banner_text, ready_text, scope_text, target_text
from fieldkit.gui.checkin.panels import Tone
from fieldkit.gui.checkin.paper_panel import SheetModel
from fieldkit.gui.checkin.results_model import ResultsModel, time_of
from fieldkit.gui.checkin.video_dialog import VideoAttendanceDialog
from fieldkit.gui.checkin.view import (
    DOOR,
    EMPTY,
    PAPER,
    SIDE_COUNTERS,
    SIDE_WALK_IN,
    TALLY,
    CheckinView,
)
from fieldkit.gui.people.import_dialog import ImportDialog, open_import
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.shell.worker import BackgroundTask
from fieldkit.i18n import _, current_locale, format_list, format_number, ngettext
from fieldkit.io.virtual_attendance_import import AttendanceImport, read_attendance_import
from fieldkit.store.checkin_store import VirtualAttendance
from fieldkit.store.door import Door, Kind, Outcome, Target

RECENT = 12  # check-ins listed under the counters
SUSPECT_DELAY_MS = 150  # the duplicate check waits for a pause in typing


class CheckinPage(Page):
    def __init__(
        self,
        context: PageContext,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.door = Door(self.ws, now=now)
        self.results = ResultsModel(self.door.presence, self)
        self.sheet_model = SheetModel(self.door.presence, self)
        self.view = CheckinView(self.results, self.sheet_model, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view.search)
        # What to load when the page is next shown: an event chosen, changes made elsewhere.
        self._pending_event: tuple[str | None] | None = None
        self._pending_changes = Changes()
        # How the banner's texts are made, to make them again in another language.
        self._banner_maker: Callable[[], tuple[Tone, str, str]] | None = None
        self._suspect_timer = QTimer(self)
        self._suspect_timer.setSingleShot(True)
        self._suspect_timer.setInterval(SUSPECT_DELAY_MS)
        self._suspect_timer.timeout.connect(self._check_suspects)
        self.move_menu: QMenu | None = None
        self.file_dialog: QFileDialog | None = None
        self.video_dialog: VideoAttendanceDialog | None = None
        self.video_task: BackgroundTask | None = None
        self.import_dialog: ImportDialog | None = None
        self._wire()
        self.retranslate_ui()
        self._show_target()

    # --- wiring ------------------------------------------------------------------------------

    def _wire(self) -> None:
        view = self.view
        view.search.textChanged.connect(self._on_search)
        view.search.submitted.connect(self._on_submit)
        view.search.moved.connect(self._move_highlight)
        view.results_view.doubleClicked.connect(lambda _index: self._on_submit(False))
        view.target_combo.activated.connect(self._on_target_chosen)
        view.mode_button.toggled.connect(self._on_mode_toggled)
        view.paper_button.toggled.connect(self._on_paper_toggled)
        view.import_button.clicked.connect(lambda: self.import_people())
        view.current_time_check.toggled.connect(self._on_current_time_toggled)
        view.tally.bumped.connect(self.bump_tally)
        view.paper.rows_entered.connect(self.tick_rows)
        view.paper.attach_requested.connect(self.ask_sheet_photo)
        view.video_button.clicked.connect(self.ask_video_report)
        view.walk_in.submitted.connect(self._submit_walk_in)
        view.walk_in.cancelled.connect(self.close_walk_in)
        view.walk_in.use_existing.connect(self._use_existing)
        view.walk_in.edited.connect(self._suspect_timer.start)
        self.actions_by_key: dict[str, Callable[[], object]] = {
            "Ctrl+Z": self.undo,
            "Ctrl+N": self.open_walk_in,
            "F6": self.focus_chooser,
            "F8": view.mode_button.toggle,
            "F9": view.paper_button.toggle,
            "F7": self.ask_video_report,
            "Ctrl+E": self.leave_early,
            "Ctrl+M": self.open_move_menu,
            "Ctrl+O": self.ask_sheet_photo,
            "Ctrl+F": self.focus_search,
        }
        view.search.page_key.connect(self._on_page_key)
        view.paper.rows_edit.page_key.connect(self._on_page_key)
        # Elsewhere on the page (the head count, the walk-in form…), the keys that the main
        # window does not use for itself.
        self.shortcuts: dict[str, QShortcut] = {}
        for sequence in PAGE_KEYS:
            if sequence in WINDOW_KEYS:
                continue
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action = SAME_AS.get(sequence, sequence)
            shortcut.activated.connect(lambda key=action: self._on_page_key(key))
            self.shortcuts[sequence] = shortcut

    def _on_page_key(self, key: str) -> None:
        action = self.actions_by_key.get(key)
        if action is not None:
            action()

    # --- the page interface ------------------------------------------------------------------

    def set_event(self, event_id: str | None) -> None:
        """Show an event; its people are loaded when the page is shown, not before (the window
        tells every page of every event chosen in its list)."""
        self._pending_event = (event_id,)
        self._pending_changes = Changes()
        if self.isVisible():
            self._catch_up()

    def on_changes(self, changes: Changes) -> None:
        if self.is_own(changes):
            return  # our own write: the door has it already
        self._pending_changes |= changes
        if self.isVisible():
            self._catch_up()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._catch_up()

    def _catch_up(self) -> None:
        """Load what the event choice or the changes made elsewhere left to load."""
        if self._pending_event is not None:
            (event_id,) = self._pending_event
            self._pending_event = None
            self._load_event(event_id)
            return
        changes, self._pending_changes = self._pending_changes, Changes()
        if not changes.anything or self.door.event_id is None:
            return
        if changes.agenda or changes.events:
            self.door.load_agenda()
            self._fill_targets()
        if changes.people:
            self._busy(self.door.load_people)
        if changes.attendance or changes.agenda:
            self.door.load_attendance()
        self._show_target(keep_search=True)

    def import_people(self, path: Path | None = None) -> ImportDialog | None:
        """The people import dialog for the event shown, on `path` or a file asked for."""
        if self.door.event_id is None:
            return None
        self.import_dialog = open_import(self.context, self.door.event_id, self, path)
        return self.import_dialog

    def _load_event(self, event_id: str | None) -> None:
        self.close_walk_in()
        self.view.search.clear()
        # Once per event: the candidates are loaded into memory (a second on a large workspace).
        self._busy(lambda: self.door.load_event(event_id))
        self.view.import_button.setEnabled(self.door.event_id is not None)
        self._recent_clear()
        self._fill_targets()
        self._show_target()
        self._show_ready()

    @staticmethod
    def _busy(work: Callable[[], object]) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            work()
        finally:
            QApplication.restoreOverrideCursor()

    def retranslate_ui(self) -> None:
        self.view.retranslate_ui()
        self.results.retranslate_ui()
        self.sheet_model.retranslate_ui()
        self._fill_targets()
        self._refresh()
        if self._banner_maker is not None:
            self.view.banner.show_message(*self._banner_maker())

    # --- choosing the day or session -----------------------------------------------------------

    def _fill_targets(self) -> None:
        combo = self.view.target_combo
        combo.blockSignals(True)
        combo.clear()
        for target in self.door.targets:
            combo.addItem(target_text(target), target.session.id)
        current = self.door.target
        combo.setCurrentIndex(combo.findData(current.session.id) if current else -1)
        combo.blockSignals(False)

    def choose(self, session_id: str) -> None:
        target = next((t for t in self.door.targets if t.session.id == session_id), None)
        if target is None:
            return
        self.close_walk_in()
        self.door.choose(target)
        self._fill_targets()
        self._show_target()
        self._show_ready()
        self.focus_search()

    def _on_target_chosen(self, row: int) -> None:
        session_id = self.view.target_combo.itemData(row)
        if session_id:
            self.choose(session_id)

    def focus_chooser(self) -> None:
        self.view.target_combo.setFocus()
        self.view.target_combo.showPopup()

    def focus_search(self) -> None:
        target = self.door.target
        if target is not None and not target.names_taken:
            self.view.tally.setFocus()
        elif self.door.paper:
            self.view.paper.rows_edit.setFocus()
        else:
            self.view.search.setFocus()

    def _show_target(self, *, keep_search: bool = False) -> None:
        view = self.view
        target = self.door.target
        view.mode_button.blockSignals(True)
        view.mode_button.setChecked(self.door.default_mode() is AttendanceMode.VIRTUAL)
        view.mode_button.blockSignals(False)
        over = target is not None and target.names_taken and not self.door.paper
        view.current_time_check.setVisible(over and self.door.after_the_fact())
        view.current_time_check.blockSignals(True)
        view.current_time_check.setChecked(self.door.use_current_time)
        view.current_time_check.blockSignals(False)
        if target is None:
            view.left.setCurrentIndex(EMPTY)
        elif not target.names_taken:
            view.left.setCurrentIndex(TALLY)
            view.tally.set_tally(target_text(target), self.door.tally())
        elif self.door.paper:
            view.left.setCurrentIndex(PAPER)
            self.sheet_model.set_people(self.door.sheet())
            view.paper.set_sheet(target_text(target), self._photos())
        else:
            view.left.setCurrentIndex(DOOR)
        view.video_button.setEnabled(target is not None and target.names_taken)
        if keep_search:
            self._on_search(view.search.text(), keep_row=True)
        else:
            self._on_search(view.search.text())
        self._refresh()

    def _refresh(self) -> None:
        target = self.door.target
        self.view.counters.set_counts(self.door.counts(), scope_text(target) if target else "")
        self.results.refresh_status()
        self.sheet_model.refresh_status()

    # --- searching and checking in ---------------------------------------------------------------

    def _on_search(self, text: str, *, keep_row: bool = False) -> None:
        row = self.view.results_view.currentIndex().row() if keep_row else 0
        found = self.door.search(text)
        if found.people != self.results.people() or keep_row:
            self.results.set_people(found.people)  # else the rows stay, and nothing is redrawn
        if found.people:
            self._highlight(min(max(row, 0), len(found.people) - 1))
        if not text.strip():
            self.view.found.setText("")
        elif found.total > len(found.people):
            language = current_locale()
            self.view.found.setText(
                ngettext(
                    "{shown} of {total} person shown: type more letters.",
                    "{shown} of {total} people shown: type more letters.",
                    found.total,
                ).format(
                    shown=format_number(len(found.people), language),
                    total=format_number(found.total, language),
                )
            )
        elif found.total == 0:
            self.view.found.setText(_("Nobody matches. Ctrl+N adds a walk-in."))
        else:
            self.view.found.setText("")

    def _highlight(self, row: int) -> None:
        index = self.results.index(row, 0)
        self.view.results_view.setCurrentIndex(index)
        self.view.results_view.scrollTo(index)

    def _move_highlight(self, delta: int) -> None:
        count = self.results.rowCount()
        if count:
            current = self.view.results_view.currentIndex().row()
            self._highlight(min(max(current + delta, 0), count - 1))

    def highlighted(self) -> CheckinPerson | None:
        return self.results.person(self.view.results_view.currentIndex().row())

    def _mode(self, other: bool) -> AttendanceMode:
        virtual = self.view.mode_button.isChecked() != other
        return AttendanceMode.VIRTUAL if virtual else AttendanceMode.IN_PERSON

    def _on_submit(self, other_mode: bool) -> None:
        """Enter: a scanned badge code checks its person in; else the highlighted person."""
        if self.door.target is None:
            return
        text = self.view.search.text()
        mode = self._mode(other_mode)
        badge = self.door.index.by_badge(text) if text.strip() else None
        person = badge or self.highlighted()
        if person is None:
            if text.strip():
                self._show(
                    Tone.PROBLEM,
                    _("Nobody matches “{text}”.").format(text=text.strip()),
                    _("Check the spelling, or press Ctrl+N to add a walk-in."),
                )
            return
        self.check_in(person, mode)

    def check_in(self, person: CheckinPerson, mode: AttendanceMode | None = None) -> None:
        outcome = self._write(lambda: self.door.check_in(person, mode or self._mode(False)))
        if outcome is not None:
            self._after(outcome, clear=outcome.kind is not Kind.ALREADY)

    # --- corrections -------------------------------------------------------------------------

    def undo(self) -> None:
        if self.door.target is None:
            return
        outcome = self._write(self.door.undo)
        if outcome is not None:
            self._recent_trim()
            self._after(outcome, clear=False)

    def leave_early(self) -> None:
        person = self.highlighted()
        if person is None or self.door.target is None:
            self._show(Tone.PROBLEM, _("Find the person first."), _("Then press Ctrl+E again."))
            return
        outcome = self._write(lambda: self.door.leave_early(person))
        if outcome is not None:
            self._after(outcome, clear=False)

    def open_move_menu(self) -> QMenu | None:
        """Ctrl+M: the sessions to move the highlighted person's check-in to."""
        person = self.highlighted()
        target = self.door.target
        if person is None or target is None or self.door.presence(person.id) is None:
            self._show(
                Tone.PROBLEM,
                _("Find someone checked in here first."),
                _("Then press Ctrl+M to move their check-in to another session."),
            )
            return None
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for other in self.door.targets:
            if other.session.id != target.session.id and other.names_taken:
                action = menu.addAction(target_text(other))
                action.setData(other.session.id)
        menu.triggered.connect(lambda action: self.move_check_in(person, action.data()))
        self.move_menu = menu
        rect = self.view.results_view.visualRect(self.view.results_view.currentIndex())
        menu.popup(self.view.results_view.viewport().mapToGlobal(rect.bottomLeft()))
        return menu

    def move_check_in(self, person: CheckinPerson, session_id: str) -> None:
        outcome = self._write(lambda: self.door.move(person, session_id))
        if outcome is not None:
            self._after(outcome, clear=False)

    # --- walk-ins ----------------------------------------------------------------------------

    def open_walk_in(self) -> None:
        if self.door.target is None or not self.door.target.names_taken:
            return
        if self.view.side.currentIndex() == SIDE_WALK_IN:
            return  # already open: Insert in its fields is no reason to start again
        people = self.door.index.people(registered_only=False)
        organisations = sorted({p.organisation for p in people if p.organisation})
        delegations = sorted({p.delegation for p in self.door.sheet() if p.delegation})
        typed = self.view.search.text().strip()
        self.view.side.setCurrentIndex(SIDE_WALK_IN)
        self.view.walk_in.start(typed, organisations, delegations, self._mode(False))
        self._check_suspects()

    def close_walk_in(self) -> None:
        self._suspect_timer.stop()
        if self.view.side.currentIndex() == SIDE_WALK_IN:
            self.view.side.setCurrentIndex(SIDE_COUNTERS)
            self.focus_search()

    def _check_suspects(self) -> None:
        self._suspect_timer.stop()
        form = self.view.walk_in
        form.set_suspects(self.door.suspects(form.value()))

    def _submit_walk_in(self) -> None:
        form = self.view.walk_in
        problem = form.problem()
        if problem:
            form.show_problem(problem)
            return
        self._check_suspects()
        if form.suspects and not form.confirmed:
            form.confirmed = True
            form.set_suspects(form.suspects)
            return
        value = form.value()
        outcome = self._write(lambda: self.door.walk_in(value))
        if outcome is not None:
            self.close_walk_in()
            self._after(outcome, clear=True)

    def _use_existing(self, person: CheckinPerson) -> None:
        mode = self.view.walk_in.value().mode
        self.close_walk_in()
        self.check_in(person, mode)

    # --- head counts and paper sheets ------------------------------------------------------------

    def bump_tally(self, gender: Gender, delta: int) -> None:
        self.write(lambda: self.door.bump_tally(gender, delta))
        target = self.door.target
        if target is not None:
            self.view.tally.select(gender)
            self.view.tally.set_tally(target_text(target), self.door.tally())
            self._refresh()

    def _on_mode_toggled(self, _checked: bool) -> None:
        self.focus_search()

    def _on_current_time_toggled(self, checked: bool) -> None:
        self.door.use_current_time = checked
        self.focus_search()

    def _on_paper_toggled(self, checked: bool) -> None:
        self.close_walk_in()
        self.door.paper = checked
        self._show_target()
        self._show_ready()
        self.focus_search()

    def tick_rows(self, text: str) -> None:
        outcome = self._write(lambda: self.door.tick_rows(text))
        if outcome is not None:
            self.view.paper.rows_edit.clear()
            if outcome.ticked:
                self._recent_add(outcome)
            self._after(outcome, clear=False)
            if outcome.ticked:
                rows = {p.id: n for n, p in enumerate(self.door.sheet(), start=1)}
                self.view.paper.show_row(rows.get(outcome.ticked[-1].id, 0))

    def ask_sheet_photo(self) -> None:
        if not self.door.paper or self.door.target is None:
            return
        dialog = QFileDialog(self, _("Photo of the signed sheet"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(_("Images (*.jpg *.jpeg *.png *.heic *.webp);;PDF (*.pdf)"))
        dialog.fileSelected.connect(lambda name: self.attach_sheet_photo(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def attach_sheet_photo(self, path: Path) -> None:
        target = self.door.target
        if target is None:
            return
        try:
            data = path.read_bytes()
        except OSError as error:
            self._show(Tone.PROBLEM, _("The photo cannot be read."), str(error))
            return
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        caption = _("Signed sign-in sheet: {session}").format(session=target_text(target))
        attached = self.write(
            lambda: self.door.attach_sheet_photo(data, path.name, media_type, caption)
        )
        if attached is not None:
            self.view.paper.set_sheet(target_text(target), self._photos())
            self._show(Tone.DONE, _("Photo of the sheet attached."), path.name)

    def _photos(self) -> int:
        target = self.door.target
        if target is None or self.door.event_id is None:
            return 0
        return len(self.ws.list(Attachment, where={"session_id": target.session.id}))

    # --- attendance from a video call's report -------------------------------------------------

    def ask_video_report(self) -> None:
        if self.door.target is None or not self.door.target.names_taken:
            return
        dialog = QFileDialog(self, _("Participants report of the video call"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(_("Participants reports (*.csv *.txt);;All files (*)"))
        dialog.fileSelected.connect(lambda name: self.read_video_report(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def read_video_report(self, path: Path) -> None:
        """Read and match the report off the GUI thread, then show the participants."""
        target, event_id = self.door.target, self.door.event_id
        if target is None or event_id is None:
            return
        session_id, ws = target.session.id, self.ws

        def failed(error: BaseException) -> bool:
            self.video_task = None
            if isinstance(error, UserError):
                self._show(Tone.PROBLEM, _("The report cannot be used."), error.message)
                return True
            return False  # a programming error: the crash handler

        def read(plan: AttendanceImport) -> None:
            self.video_task = None
            self.open_video_dialog(plan)

        self.video_task = self.context.run_in_background(
            self,
            _("Reading the report…"),
            lambda _progress: read_attendance_import(ws, event_id, session_id, path),
            read,
            failed,
        )

    def open_video_dialog(self, plan: AttendanceImport) -> VideoAttendanceDialog:
        dialog = VideoAttendanceDialog(self.context, plan, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self._video_applied)
        dialog.destroyed.connect(lambda *_args: setattr(self, "video_dialog", None))
        self.video_dialog = dialog
        dialog.open()
        return dialog

    def _video_applied(self, written: VirtualAttendance) -> None:
        count = len(written.checked_in)
        self._show(
            Tone.DONE,
            ngettext(
                "{count} person marked present in virtual mode.",
                "{count} people marked present in virtual mode.",
                count,
            ).format(count=count),
            ngettext(
                "{count} was already present and was left as they were.",
                "{count} were already present and were left as they were.",
                len(written.already),
            ).format(count=len(written.already))
            if written.already
            else "",
        )

    # --- writing and showing -------------------------------------------------------------------

    def _write(self, action: Callable[[], Result[Outcome]]) -> Outcome | None:
        """One action at the door, written as this page; its outcome, or None when refused."""
        written = self.write(action)
        return None if written is None else written.value

    def refused(self, message: str) -> None:
        """A refusal at the door shows in the banner: nothing blocks the queue."""
        self._show(Tone.PROBLEM, _("Not saved."), message)

    def _after(self, outcome: Outcome, *, clear: bool) -> None:
        self._show_made(lambda: banner_text(outcome))
        if outcome.kind in (Kind.CHECKED_IN, Kind.WALK_IN, Kind.MODE_CHANGED):
            self._recent_add(outcome)
        if clear:
            self.view.search.clear()  # ready for the next person
        else:
            self._on_search(self.view.search.text(), keep_row=True)
            self.view.search.selectAll()  # what is typed next replaces it
        if self.door.paper and self.door.target is not None:
            self.sheet_model.set_people(self.door.sheet())
        self._refresh()
        self.focus_search()

    def _show_ready(self) -> None:
        self._show_made(self._ready_banner)

    def _ready_banner(self) -> tuple[Tone, str, str]:
        target = self.door.target
        if target is None:
            return Tone.IDLE, "", ""
        return Tone.IDLE, *ready_text(target, self.door.paper)

    def _show_made(self, make: Callable[[], tuple[Tone, str, str]]) -> None:
        """A banner made again when the language changes (the ready line, an outcome)."""
        self._banner_maker = make
        self.view.banner.show_message(*make())

    def _show(self, tone: Tone, title: str, detail: str) -> None:
        self._banner_maker = None
        self.view.banner.show_message(tone, title, detail)

    # --- the last check-ins ---------------------------------------------------------------------

    def _recent_add(self, outcome: Outcome) -> None:
        if outcome.ticked:
            names = format_list([p.full_name for p in outcome.ticked])
            text = _("{time}  rows: {names}").format(time=time_of(outcome.at), names=names)
        elif outcome.person is not None:
            text = f"{time_of(outcome.at)}  {outcome.person.full_name}"
        else:
            return
        item = QListWidgetItem(text)
        # The depth of the undo stack once this was done: an undo below it takes it away.
        item.setData(Qt.ItemDataRole.UserRole, self.door.undo_depth())
        self.view.recent.insertItem(0, item)
        while self.view.recent.count() > RECENT:
            self.view.recent.takeItem(self.view.recent.count() - 1)

    def _recent_trim(self) -> None:
        recent = self.view.recent
        while recent.count() and recent.item(0).data(Qt.ItemDataRole.UserRole) > (
            self.door.undo_depth()
        ):
            recent.takeItem(0)

    def _recent_clear(self) -> None:
        self.view.recent.clear()

    def target(self) -> Target | None:
        return self.door.target
