"""The Reports page: the minutes of the selected event, of one day or of one session, in PDF.

A page of the main window (see `fieldkit.gui.shell.page`): `set_event`, `on_changes`,
`retranslate_ui`; it also works on its own, with `PageContext(ws)`, as in the tests and the
screenshot.

What (the whole event, a day, a session), the language and paper of the PDF, "hide counts below
N" for reports shared outside, then "Create PDF…": a Save-as dialog (opened with `open()`, never
`exec()`), `write_minutes` in the background with the page's progress bar, the PDF opened in the
system's viewer and a line with a link to its folder. A refusal is one sentence in the page.

The last choices are kept per workspace in the setting `reports.last`; the workspace's output
language and paper (`output_language`, `output_paper`) belong to the Settings dialog and are only
the defaults here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import NotFound, UserError
from fieldkit.core.model import Changes, Day, Session, SessionKind
from fieldkit.gui.agenda.text import day_short_text, session_time_text, session_title_text
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.shell.worker import BackgroundTask, Progress
from fieldkit.i18n import LANGUAGES, _, message_language, ngettext
from fieldkit.reports.minutes import PAPERS
from fieldkit.reports.service import MinutesRequest, output_language, output_paper, write_minutes

LAST_SETTING = "reports.last"  # {"event", "scope", "day", "session", "lang", "paper", "hide_below"}
EVENT, DAY, SESSION = "event", "day", "session"
# Each language under its own name: the reader's language, whatever the interface's.
LANGUAGE_NAMES = {"fr": "Français", "es": "Español", "en": "English"}
MAX_HIDE_BELOW = 50
PROBLEM_STYLE = "color: #b00020;"


@dataclass(frozen=True)
class Made:
    """A PDF written by the worker: plain values for the GUI thread."""

    path: Path
    size: int


def open_url(url: QUrl) -> None:
    """Open a file or folder with the system's viewer (tests patch QDesktopServices.openUrl)."""
    QDesktopServices.openUrl(url)


def documents_folder() -> Path:
    """The user's documents folder, or the home folder when the system has none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "-", text).strip("-.")


def default_file_name(
    code: str, lang: str, *, day: Day | None = None, number: int = 0, session: Session | None = None
) -> str:
    """'PE-BO-2021-minutes-es.pdf', with the day ('2021-10-11' or 'day-2') and the session's
    start time ('2021-10-11-0900') when the minutes are of one day or one session."""
    parts = [_slug(code) or "event", "minutes"]
    if day is not None:
        parts.append(day.date.isoformat() if day.date is not None else f"day-{number}")
        if session is not None:
            parts.append(_slug(session.start_time.replace(":", "")) or _slug(session.id)[:8])
    parts.append(lang)
    return "-".join(parts) + ".pdf"


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=f"{size / (1024 * 1024):.1f}")
    return _("{size} KB").format(size=max(1, round(size / 1024)))


def _wrapping(parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _bold(label: QLabel, factor: float = 1.0) -> None:
    font = label.font()
    font.setBold(True)
    if factor != 1.0:
        font.setPointSizeF(font.pointSizeF() * factor)
    label.setFont(font)


class ReportsPage(Page):
    def __init__(self, context: PageContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.event_id: str | None = None
        self.event_code = ""
        self.event_title = ""
        self.days: list[Day] = []
        self.sessions: list[Session] = []  # arrival sessions left out
        self.task: BackgroundTask | None = None
        self.file_dialog: QFileDialog | None = None
        self.made: Made | None = None
        self.problem = ""
        self.working = False
        self.last_progress = (0, 0)
        self._build()
        self._wire()
        self._restore_choices()
        self.retranslate_ui()
        self.event_id = context.current_event_id()
        self.reload()
        self._restore_scope()

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self)
        _bold(self.heading, 1.3)
        self.intro = _wrapping(self)
        self.no_event = _wrapping(self, "noEvent")

        self.form = QWidget(self)
        # What
        self.what_box = QGroupBox(self.form)
        self.event_radio = QRadioButton(self.what_box)
        self.event_radio.setObjectName("scopeEvent")
        self.event_name = _wrapping(self.what_box, "eventName")
        self.day_radio = QRadioButton(self.what_box)
        self.day_radio.setObjectName("scopeDay")
        self.day_combo = QComboBox(self.what_box)
        self.day_combo.setObjectName("dayCombo")
        self.day_combo.setMinimumContentsLength(30)
        self.day_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.session_radio = QRadioButton(self.what_box)
        self.session_radio.setObjectName("scopeSession")
        self.session_combo = QComboBox(self.what_box)
        self.session_combo.setObjectName("sessionCombo")
        self.session_combo.setMinimumContentsLength(30)
        self.session_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scope_group = QButtonGroup(self)
        for radio in (self.event_radio, self.day_radio, self.session_radio):
            self.scope_group.addButton(radio)
        self.event_radio.setChecked(True)
        what = QFormLayout(self.what_box)
        what.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        what.addRow(self.event_radio, self.event_name)
        what.addRow(self.day_radio, self.day_combo)
        what.addRow(self.session_radio, self.session_combo)

        # How
        self.how_box = QGroupBox(self.form)
        self.lang_label = QLabel(self.how_box)
        self.lang_combo = QComboBox(self.how_box)
        self.lang_combo.setObjectName("languageCombo")
        for code in ("fr", "es", "en"):
            if code in LANGUAGES:
                self.lang_combo.addItem(LANGUAGE_NAMES[code], code)
        self.lang_label.setBuddy(self.lang_combo)
        self.paper_label = QLabel(self.how_box)
        self.paper_combo = QComboBox(self.how_box)
        self.paper_combo.setObjectName("paperCombo")
        for code in PAPERS:
            self.paper_combo.addItem("", code)
        self.paper_label.setBuddy(self.paper_combo)
        self.hide_label = QLabel(self.how_box)
        self.hide_spin = QSpinBox(self.how_box)
        self.hide_spin.setObjectName("hideBelow")
        self.hide_spin.setRange(0, MAX_HIDE_BELOW)
        self.hide_label.setBuddy(self.hide_spin)
        self.hide_hint = _wrapping(self.how_box, "hint")
        hide_field = QVBoxLayout()
        hide_field.setContentsMargins(0, 0, 0, 0)
        spin_row = QHBoxLayout()
        spin_row.addWidget(self.hide_spin)
        spin_row.addStretch(1)
        hide_field.addLayout(spin_row)
        hide_field.addWidget(self.hide_hint)
        how = QFormLayout(self.how_box)
        how.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        how.addRow(self.lang_label, self.lang_combo)
        how.addRow(self.paper_label, self.paper_combo)
        how.addRow(self.hide_label, hide_field)

        # Create
        self.create_button = QPushButton(self.form)
        self.create_button.setObjectName("createPdf")
        self.create_button.setDefault(True)
        self.progress_bar = QProgressBar(self.form)
        self.progress_bar.setObjectName("progress")
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        create_row = QHBoxLayout()
        create_row.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        create_row.addWidget(self.progress_bar, 1)
        self.result = QLabel(self.form)
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setOpenExternalLinks(False)
        self.result.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.result.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.what_box)
        left.addWidget(self.how_box)
        left.addLayout(create_row)
        left.addWidget(self.result)
        left.addStretch(1)

        # What the PDF holds, for the scope chosen
        self.holds_box = QGroupBox(self.form)
        self.holds_text = _wrapping(self.holds_box, "holds")
        self.holds_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sessions_heading = _wrapping(self.holds_box, "sessionsHeading")
        _bold(self.sessions_heading)
        self.sessions_text = _wrapping(self.holds_box, "sessionsInScope")
        holds = QVBoxLayout(self.holds_box)
        holds.addWidget(self.holds_text)
        holds.addSpacing(8)
        holds.addWidget(self.sessions_heading)
        holds.addWidget(self.sessions_text)
        holds.addStretch(1)

        columns = QHBoxLayout(self.form)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 3)
        columns.addWidget(self.holds_box, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.no_event)
        layout.addWidget(self.form, 1)
        self.no_event.hide()

    def _wire(self) -> None:
        self.scope_group.buttonToggled.connect(lambda *_args: self._scope_changed())
        self.day_combo.activated.connect(lambda _index: self.day_radio.setChecked(True))
        self.session_combo.activated.connect(lambda _index: self.session_radio.setChecked(True))
        self.day_combo.currentIndexChanged.connect(lambda _index: self._show_holds())
        self.session_combo.currentIndexChanged.connect(lambda _index: self._show_holds())
        self.create_button.clicked.connect(self.ask_file)
        self.result.linkActivated.connect(self._open_link)

    # --- the page interface --------------------------------------------------------------------

    def set_event(self, event_id: str | None) -> None:
        changed = event_id != self.event_id
        if changed:
            self.made = None
            self.problem = ""
        self.event_id = event_id
        self.reload()
        if changed:
            self._restore_scope()

    def on_changes(self, changes: Changes) -> None:
        if changes.events or changes.agenda:
            self.reload()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Reports"))
        self.intro.setText(
            _(
                "Minutes in PDF that partners and donors can use as they are: the context, the "
                "agenda, what each session said and decided, the action plan, the attendance "
                "figures and the list of participants."
            )
        )
        self.no_event.setText(_("Choose an event in the list to make its minutes."))
        self.what_box.setTitle(_("What"))
        self.event_radio.setText(_("The whole &event"))
        self.day_radio.setText(_("One &day:"))
        self.session_radio.setText(_("One &session:"))
        self.how_box.setTitle(_("How"))
        self.lang_label.setText(_("&Language of the PDF:"))
        self.paper_label.setText(_("&Paper:"))
        for index in range(self.paper_combo.count()):
            code = self.paper_combo.itemData(index)
            self.paper_combo.setItemText(index, _("A4") if code == "a4" else _("Letter"))
        self.hide_label.setText(_("&Hide counts below:"))
        self.hide_spin.setSpecialValueText(_("0 (show all)"))
        self.hide_hint.setText(
            _(
                "For reports shared outside: a count of fewer people than this (a gender, an age "
                "group, an organisation) is shown as \u201c<N\u201d, so that nobody can be "
                "recognised. Keep 0 for the team's own minutes."
            )
        )
        self.create_button.setText(_("&Create PDF…"))
        self.holds_box.setTitle(_("What the PDF holds"))
        self.lang_combo.setAccessibleName(_("Language of the PDF"))
        self.day_combo.setAccessibleName(_("Day"))
        self.session_combo.setAccessibleName(_("Session"))
        self._fill_combos()
        self._show_event_name()
        self._show_holds()
        self._show_result()

    # --- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the event's days and sessions again, keeping the day and session chosen."""
        self.days, self.sessions, self.event_code = [], [], ""
        event = None
        if self.event_id is not None:
            try:
                event = self.ws.find_event(self.event_id)
            except NotFound:
                event = None
        if event is not None:
            self.event_code = event.code
            self.days = self.ws.event_days(event.id)
            self.sessions = [
                s for s in self.ws.event_sessions(event.id) if s.kind != SessionKind.ARRIVAL
            ]
        self.event_title = event.title if event is not None else ""
        has_event = event is not None
        self.no_event.setVisible(not has_event)
        self.form.setVisible(has_event)
        self._fill_combos()
        self._show_event_name()
        self._show_holds()
        self._show_result()
        self._update_buttons()

    def _day_number(self, day_id: str) -> int:
        return next((n for n, day in enumerate(self.days, 1) if day.id == day_id), 0)

    def session_text(self, session: Session, *, with_day: bool = True) -> str:
        number = self._day_number(session.day_id)
        day = self.days[number - 1] if number and with_day else None
        parts = [day_short_text(day, number) if day is not None else ""]
        parts.append(session_time_text(session))
        parts.append(session_title_text(session))
        return " · ".join(part for part in parts if part)

    def _fill_combos(self) -> None:
        chosen_day, chosen_session = self.day_combo.currentData(), self.session_combo.currentData()
        for combo in (self.day_combo, self.session_combo):
            combo.blockSignals(True)
            combo.clear()
        for number, day in enumerate(self.days, 1):
            label = day_short_text(day, number)
            if day.title.strip():
                label = _("{date}: {title}").format(date=label, title=day.title.strip())
            self.day_combo.addItem(label, day.id)
        for session in self.sessions:
            self.session_combo.addItem(self.session_text(session), session.id)
            self.session_combo.setItemData(
                self.session_combo.count() - 1,
                self.session_text(session),
                Qt.ItemDataRole.ToolTipRole,
            )
        for combo, chosen in ((self.day_combo, chosen_day), (self.session_combo, chosen_session)):
            index = combo.findData(chosen) if chosen is not None else -1
            combo.setCurrentIndex(max(index, 0) if combo.count() else -1)
            combo.blockSignals(False)
        self.day_radio.setEnabled(bool(self.days))
        self.session_radio.setEnabled(bool(self.sessions))
        if not self.days and self.day_radio.isChecked():
            self.event_radio.setChecked(True)
        if not self.sessions and self.session_radio.isChecked():
            self.event_radio.setChecked(True)
        self._scope_changed()

    def _show_event_name(self) -> None:
        if self.event_code and self.event_title:
            self.event_name.setText(f"{self.event_code} — {self.event_title}")
        else:
            self.event_name.setText(self.event_title or self.event_code)

    def scope(self) -> str:
        if self.day_radio.isChecked():
            return DAY
        if self.session_radio.isChecked():
            return SESSION
        return EVENT

    def _scope_changed(self) -> None:
        scope = self.scope()
        self.day_combo.setEnabled(scope == DAY and bool(self.days))
        self.session_combo.setEnabled(scope == SESSION and bool(self.sessions))
        self._show_holds()

    def _scope_sessions(self) -> list[Session]:
        scope = self.scope()
        if scope == DAY:
            day_id = self.day_combo.currentData()
            return [s for s in self.sessions if s.day_id == day_id]
        if scope == SESSION:
            session_id = self.session_combo.currentData()
            return [s for s in self.sessions if s.id == session_id]
        return list(self.sessions)

    def _show_holds(self) -> None:
        if self.event_id is None:
            self.holds_text.clear()
            self.sessions_heading.clear()
            self.sessions_text.clear()
            return
        count = len(self._scope_sessions())
        scope = self.scope()
        lines = [_("• A cover and the contents")]
        lines.append(_("• The context and the objectives of the event"))
        if scope == EVENT:
            lines.append(
                ngettext(
                    "• The agenda of its {count} day",
                    "• The agenda of its {count} days",
                    len(self.days),
                ).format(count=len(self.days))
            )
        elif scope == DAY:
            lines.append(_("• The agenda of that day"))
        lines.append(
            ngettext(
                "• {count} session: its key points, decisions and agreements",
                "• {count} sessions: their key points, decisions and agreements",
                count,
            ).format(count=count)
        )
        lines.append(_("• The action plan: who does what, by when"))
        lines.append(_("• The attendance figures: by gender, age group and organisation"))
        lines.append(_("• The validation of the minutes and the list of participants"))
        self.holds_text.setText("\n".join(lines))
        chosen = self._scope_sessions()
        self.sessions_heading.setText(
            ngettext(
                "The session in these minutes:",
                "The {count} sessions in these minutes, in the order of the agenda:",
                len(chosen),
            ).format(count=len(chosen))
            if chosen
            else _("No session in these minutes yet: add them in the Agenda.")
        )
        with_day = self.scope() != DAY
        self.sessions_text.setText(
            "\n".join(self.session_text(s, with_day=with_day) for s in chosen)
        )

    # --- the choices, kept per workspace ---------------------------------------------------------

    def _last(self) -> dict[str, Any]:
        last = self.ws.setting(LAST_SETTING, {})
        return dict(last) if isinstance(last, dict) else {}

    def _restore_choices(self) -> None:
        """Language, paper and the threshold: the last ones used, else the workspace's."""
        last = self._last()
        lang = last.get("lang") if last.get("lang") in LANGUAGES else output_language(self.ws)
        paper = last.get("paper") if last.get("paper") in PAPERS else output_paper(self.ws)
        # A regional output language ('es_PE') selects its language; the region is kept when
        # the PDF is made (`fieldkit.reports.service.report_locale`).
        self.lang_combo.setCurrentIndex(max(self.lang_combo.findData(message_language(lang)), 0))
        self.paper_combo.setCurrentIndex(max(self.paper_combo.findData(paper), 0))
        hide = last.get("hide_below", 0)
        self.hide_spin.setValue(hide if isinstance(hide, int) else 0)

    def _restore_scope(self) -> None:
        """The scope, day and session last used for this event; the whole event otherwise."""
        last = self._last()
        if last.get("event") != self.event_id or self.event_id is None:
            self.event_radio.setChecked(True)
            return
        scope = last.get("scope")
        day_index = self.day_combo.findData(last.get("day"))
        session_index = self.session_combo.findData(last.get("session"))
        if scope == DAY and day_index >= 0:
            self.day_combo.setCurrentIndex(day_index)
            self.day_radio.setChecked(True)
        elif scope == SESSION and session_index >= 0:
            self.session_combo.setCurrentIndex(session_index)
            self.session_radio.setChecked(True)
        else:
            self.event_radio.setChecked(True)

    def _save_choices(self) -> None:
        self.ws.set_setting(
            LAST_SETTING,
            {
                "event": self.event_id,
                "scope": self.scope(),
                "day": self.day_combo.currentData(),
                "session": self.session_combo.currentData(),
                "lang": self.language(),
                "paper": self.paper(),
                "hide_below": self.hide_spin.value(),
            },
        )

    def language(self) -> str:
        return str(self.lang_combo.currentData())

    def paper(self) -> str:
        return str(self.paper_combo.currentData())

    # --- making the PDF ------------------------------------------------------------------------

    def request(self) -> MinutesRequest | None:
        if self.event_id is None:
            return None
        scope, day, session_id = self.scope(), None, None
        if scope == DAY and self.day_combo.currentIndex() >= 0:
            day = self._day_number(str(self.day_combo.currentData())) or None
        elif scope == SESSION and self.session_combo.currentIndex() >= 0:
            session_id = str(self.session_combo.currentData())
        return MinutesRequest(
            event=self.event_id,
            day=day,
            session_id=session_id,
            lang=self.language(),
            paper=self.paper(),
            hide_below=self.hide_spin.value(),
        )

    def default_path(self) -> Path:
        request = self.request()
        day = session = None
        number = 0
        if request is not None and request.day is not None:
            number = request.day
            day = self.days[number - 1]
        elif request is not None and request.session_id is not None:
            session = next(s for s in self.sessions if s.id == request.session_id)
            number = self._day_number(session.day_id)
            day = self.days[number - 1] if number else None
        name = default_file_name(
            self.event_code, self.language(), day=day, number=number, session=session
        )
        return documents_folder() / name

    def ask_file(self) -> None:
        """The Save-as dialog, opened without blocking; its choice starts the PDF."""
        if self.busy() or self.event_id is None:
            return
        dialog = QFileDialog(self, _("Save the minutes"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(_("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        default = self.default_path()
        dialog.setDirectory(str(default.parent))
        dialog.selectFile(default.name)
        dialog.fileSelected.connect(lambda name: self.create_pdf(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def busy(self) -> bool:
        return self.task is not None

    def create_pdf(self, path: Path) -> None:
        """Write the minutes chosen to `path` in the background, then open the PDF."""
        request = self.request()
        if request is None or self.busy():
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self._save_choices()
        ws = self.ws

        def work(progress: Progress) -> Made:
            try:
                written = write_minutes(ws, request, path, progress=progress)
                return Made(written, written.stat().st_size)
            except OSError as error:
                raise UserError(
                    _(
                        "The PDF could not be saved as {path} ({reason}): close it if another "
                        "program has it open, or choose another folder."
                    ).format(path=path, reason=error.strerror or error)
                ) from error

        self.made = None
        self.problem = ""
        self.last_progress = (0, 0)
        self.working = True
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self._show_result()

        def succeeded(made: Made) -> None:
            self.task = None
            self._finish()
            self.made = made
            self._show_result()
            open_url(QUrl.fromLocalFile(str(made.path)))

        def failed(error: BaseException) -> bool:
            self.task = None
            self._finish()
            if isinstance(error, UserError):
                self.problem = error.message
                self._show_result()
                return True
            self._show_result()
            return False  # a programming error: the crash handler

        # The progress comes through the worker's signal (a few updates a second at most).
        self.task = self.context.run_in_background(
            self, _("Making the minutes…"), work, succeeded, failed, self._on_progress
        )
        self._update_buttons()

    def _finish(self) -> None:
        self.working = False
        self.progress_bar.hide()
        self._update_buttons()

    def _on_progress(self, done: int, total: int) -> None:
        self.last_progress = (done, total)
        if not self.working or total <= 0:
            return
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total > 0 else 0)

    def _update_buttons(self) -> None:
        self.create_button.setEnabled(not self.busy() and self.event_id is not None)

    def _show_result(self) -> None:
        label = self.result
        label.setStyleSheet(PROBLEM_STYLE if self.problem else "")
        if self.problem:
            label.setText(html.escape(self.problem))
        elif self.working:
            label.setText(html.escape(_("Making the PDF…")))
        elif self.made is not None:
            path = self.made.path
            folder_url = QUrl.fromLocalFile(str(path.parent)).toString()
            file_url = QUrl.fromLocalFile(str(path)).toString()
            saved = _("Saved {file} ({size}) in {folder}.").format(
                file=path.name, size=size_text(self.made.size), folder=path.parent
            )
            # Outside the f-string: the extraction of the catalogs does not see a message there.
            open_file, open_folder = (
                html.escape(_("Open the PDF")),
                html.escape(_("Open its folder")),
            )
            label.setText(
                f"{html.escape(saved)}<br>"
                f'<a href="{html.escape(file_url)}">{open_file}</a>'
                " · "
                f'<a href="{html.escape(folder_url)}">{open_folder}</a>'
            )
        else:
            label.clear()

    def _open_link(self, link: str) -> None:
        open_url(QUrl(link))
