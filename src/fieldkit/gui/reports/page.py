"""The Reports page: the minutes of the selected event, of one day or of one session, in PDF,
and the other documents of the event (sign-in sheets, badges, certificates, attendance table).

A page of the main window (see `fieldkit.gui.shell.page`): `set_event`, `on_changes`,
`retranslate_ui`; it also works on its own, with `PageContext(ws)`, as in the tests and the
screenshot.

What (the whole event, a day, a session), the language and paper of the PDF, "hide counts below
N" for reports shared outside, then "Create PDF…": a Save-as dialog (opened with `open()`, never
`exec()`), `write_minutes` in the background with the page's progress bar, the PDF opened in the
system's viewer and a line with a link to its folder. A refusal is one sentence in the page.

Beside the options, the first page of the document they would make (`preview`), made again off
the GUI thread a moment after they change. The badges go to everyone registered, to the walk-ins
of a day or to the people ticked in a searchable list (`people_picker`); the certificates come in
one PDF or one PDF per person in a folder.

The last choices are kept per workspace in the setting `reports.last`; the workspace's output
language and paper (`output_language`, `output_paper`) belong to the Settings dialog and are only
the defaults here.
"""

from __future__ import annotations

import html
import logging
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.checkin_sheet import sheet_order
from fieldkit.core.errors import InvalidInput, NotFound, UserError
from fieldkit.core.model import Changes, Day, Session, SessionKind
from fieldkit.gui.agenda.text import day_short_text, session_time_text, session_title_text
from fieldkit.gui.reports.documents import (
    ATTENDANCE,
    BADGES,
    CERTIFICATES,
    DOCUMENTS,
    MINUTES,
    SHEETS,
    document_label,
    holds_lines,
)
from fieldkit.gui.reports.people_picker import PeoplePicker
from fieldkit.gui.reports.preview import (
    PageImage,
    PreviewPanel,
    TableStart,
    render_first_page,
    table_start,
)
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.shell.worker import BackgroundTask, Progress
from fieldkit.gui.widgets.text import make_bold, size_text, wrapping_label
from fieldkit.i18n import LANGUAGES, _, message_language, ngettext
from fieldkit.reports.badges import LAYOUTS
from fieldkit.reports.certificates import default_min_days
from fieldkit.reports.minutes import PAPERS
from fieldkit.reports.printables import (
    MAX_BLANK_ROWS,
    AttendanceRequest,
    BadgesRequest,
    CertificatesRequest,
    SheetsRequest,
    blank_rows_setting,
    write_attendance,
    write_badges,
    write_certificates,
    write_sheets,
)
from fieldkit.reports.service import MinutesRequest, output_language, output_paper, write_minutes

LAST_SETTING = "reports.last"  # {"event", "scope", "day", "session", "lang", "paper", "hide_below"}
EVENT, DAY, SESSION = "event", "day", "session"
# Each language under its own name: the reader's language, whatever the interface's.
LANGUAGE_NAMES = {"fr": "Français", "es": "Español", "en": "English"}
MAX_HIDE_BELOW = 50
PROBLEM_STYLE = "color: #b00020;"
PREVIEW_DELAY_MS = 500  # the preview waits for the options to settle
EVERYONE, WALK_INS, CHOSEN = "everyone", "walk-ins", "chosen"  # whose badges

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Made:
    """A PDF written by the worker: plain values for the GUI thread."""

    path: Path  # the file, or the folder of one file per person
    size: int
    count: int | None = None  # the files in the folder


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
    code: str,
    lang: str,
    *,
    day: Day | None = None,
    number: int = 0,
    session: Session | None = None,
    kind: str = "minutes",
    suffix: str = ".pdf",
) -> str:
    """'PE-BO-2021-minutes-es.pdf', with the day ('2021-10-11' or 'day-2') and the session's
    start time ('2021-10-11-0900') when the minutes are of one day or one session; 'badges',
    'certificates'… in place of 'minutes' for the other documents."""
    parts = [_slug(code) or "event", kind]
    if day is not None:
        parts.append(day.date.isoformat() if day.date is not None else f"day-{number}")
        if session is not None:
            parts.append(_slug(session.start_time.replace(":", "")) or _slug(session.id)[:8])
    parts.append(lang)
    return "-".join(parts) + suffix


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
        self.preview_task: BackgroundTask | None = None
        self.preview_again = False  # the options changed while a preview was being made
        self.preview_stale = True
        self.people_event: str | None = None  # whose registered people the picker lists
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
        make_bold(self.heading, 1.3)
        self.intro = wrapping_label(self)
        self.no_event = wrapping_label(self, "noEvent")

        self.form = QWidget(self)
        # Which document
        self.doc_box = QGroupBox(self.form)
        self.doc_label = QLabel(self.doc_box)
        self.doc_combo = QComboBox(self.doc_box)
        self.doc_combo.setObjectName("documentCombo")
        for kind in DOCUMENTS:
            self.doc_combo.addItem("", kind)
        self.doc_label.setBuddy(self.doc_combo)
        doc_form = QFormLayout(self.doc_box)
        doc_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        doc_form.addRow(self.doc_label, self.doc_combo)
        # What
        self.what_box = QGroupBox(self.form)
        self.event_radio = QRadioButton(self.what_box)
        self.event_radio.setObjectName("scopeEvent")
        self.event_name = wrapping_label(self.what_box, "eventName")
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
        self.hide_hint = wrapping_label(self.how_box, "hint")
        hide_field = QVBoxLayout()
        hide_field.setContentsMargins(0, 0, 0, 0)
        spin_row = QHBoxLayout()
        spin_row.addWidget(self.hide_spin)
        spin_row.addStretch(1)
        hide_field.addLayout(spin_row)
        hide_field.addWidget(self.hide_hint)
        # The options of the other documents
        self.blank_label = QLabel(self.how_box)
        self.blank_spin = QSpinBox(self.how_box)
        self.blank_spin.setObjectName("blankRows")
        self.blank_spin.setRange(0, MAX_BLANK_ROWS)
        self.blank_label.setBuddy(self.blank_spin)
        self.landscape_check = QCheckBox(self.how_box)
        self.landscape_check.setObjectName("landscape")
        self.layout_label = QLabel(self.how_box)
        self.layout_combo = QComboBox(self.how_box)
        self.layout_combo.setObjectName("badgeLayout")
        for badge_layout in LAYOUTS:
            self.layout_combo.addItem("", badge_layout)
        self.layout_label.setBuddy(self.layout_combo)
        self.min_days_label = QLabel(self.how_box)
        self.min_days_spin = QSpinBox(self.how_box)
        self.min_days_spin.setObjectName("minDays")
        self.min_days_spin.setRange(1, 1)
        self.min_days_label.setBuddy(self.min_days_spin)
        self.format_label = QLabel(self.how_box)
        self.format_combo = QComboBox(self.how_box)
        self.format_combo.setObjectName("tableFormat")
        self.format_combo.addItem("XLSX", ".xlsx")
        self.format_combo.addItem("CSV", ".csv")
        self.format_label.setBuddy(self.format_combo)
        self.redacted_check = QCheckBox(self.how_box)
        self.redacted_check.setObjectName("redacted")
        self.separate_check = QCheckBox(self.how_box)
        self.separate_check.setObjectName("perPerson")
        how = QFormLayout(self.how_box)
        how.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        how.addRow(self.lang_label, self.lang_combo)
        how.addRow(self.paper_label, self.paper_combo)
        how.addRow(self.hide_label, hide_field)
        how.addRow(self.blank_label, self.blank_spin)
        how.addRow("", self.landscape_check)
        how.addRow(self.layout_label, self.layout_combo)
        how.addRow(self.min_days_label, self.min_days_spin)
        how.addRow(self.format_label, self.format_combo)
        how.addRow("", self.redacted_check)
        how.addRow("", self.separate_check)
        self.how_form = how
        # Which rows of `how` each document shows (the language shows for all).
        self.option_rows: dict[str, tuple[QWidget, ...]] = {
            MINUTES: (self.paper_combo, self.hide_spin),
            SHEETS: (self.paper_combo, self.blank_spin, self.landscape_check),
            BADGES: (self.paper_combo, self.layout_combo),
            CERTIFICATES: (self.paper_combo, self.min_days_spin, self.separate_check),
            ATTENDANCE: (self.format_combo, self.redacted_check),
        }

        # Whose badges
        self.whom_box = QGroupBox(self.form)
        self.everyone_radio = QRadioButton(self.whom_box)
        self.everyone_radio.setObjectName("badgesEveryone")
        self.walk_ins_radio = QRadioButton(self.whom_box)
        self.walk_ins_radio.setObjectName("badgesWalkIns")
        self.walk_ins_day = QComboBox(self.whom_box)
        self.walk_ins_day.setObjectName("walkInsDay")
        self.chosen_radio = QRadioButton(self.whom_box)
        self.chosen_radio.setObjectName("badgesChosen")
        self.picker = PeoplePicker(self.whom_box)
        self.picker.setObjectName("peoplePicker")
        self.picker.setMinimumHeight(160)
        self.whom_group = QButtonGroup(self)
        for radio in (self.everyone_radio, self.walk_ins_radio, self.chosen_radio):
            self.whom_group.addButton(radio)
        self.everyone_radio.setChecked(True)
        walk_ins_row = QHBoxLayout()
        walk_ins_row.addWidget(self.walk_ins_radio)
        walk_ins_row.addWidget(self.walk_ins_day, 1)
        whom = QVBoxLayout(self.whom_box)
        whom.addWidget(self.everyone_radio)
        whom.addLayout(walk_ins_row)
        whom.addWidget(self.chosen_radio)
        whom.addWidget(self.picker, 1)

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
        left.addWidget(self.doc_box)
        left.addWidget(self.what_box)
        left.addWidget(self.whom_box, 1)
        left.addWidget(self.how_box)
        left.addLayout(create_row)
        left.addWidget(self.result)
        left.addStretch(1)

        # What the PDF holds, for the scope chosen
        self.holds_box = QGroupBox(self.form)
        self.holds_text = wrapping_label(self.holds_box, "holds")
        self.holds_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sessions_heading = wrapping_label(self.holds_box, "sessionsHeading")
        make_bold(self.sessions_heading)
        self.sessions_text = wrapping_label(self.holds_box, "sessionsInScope")
        # In a scroll area: a long agenda does not squeeze the preview below it.
        holds_inner = QWidget()
        holds = QVBoxLayout(holds_inner)
        holds.setContentsMargins(0, 0, 0, 0)
        holds.addWidget(self.holds_text)
        holds.addSpacing(8)
        holds.addWidget(self.sessions_heading)
        holds.addWidget(self.sessions_text)
        holds.addStretch(1)
        holds_scroll = QScrollArea(self.holds_box)
        holds_scroll.setWidgetResizable(True)
        holds_scroll.setFrameShape(QFrame.Shape.NoFrame)
        holds_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holds_scroll.setWidget(holds_inner)
        QVBoxLayout(self.holds_box).addWidget(holds_scroll)

        # The first page of the document, as the options would make it
        self.preview_box = QGroupBox(self.form)
        self.preview = PreviewPanel(self.preview_box)
        self.preview.setObjectName("preview")
        preview_layout = QVBoxLayout(self.preview_box)
        preview_layout.addWidget(self.preview)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.holds_box, 2)
        right.addWidget(self.preview_box, 3)

        columns = QHBoxLayout(self.form)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

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
        self.doc_combo.currentIndexChanged.connect(lambda _index: self._document_changed())
        self.result.linkActivated.connect(self._open_link)
        # Whatever the document holds or looks like: a new preview, once the choices settle.
        self.preview_timer.timeout.connect(self.refresh_preview)
        changed = self._options_changed
        for combo in (
            self.doc_combo,
            self.day_combo,
            self.session_combo,
            self.lang_combo,
            self.paper_combo,
            self.layout_combo,
            self.format_combo,
            self.walk_ins_day,
        ):
            combo.currentIndexChanged.connect(lambda _index: changed())
        for spin in (self.hide_spin, self.blank_spin, self.min_days_spin):
            spin.valueChanged.connect(lambda _value: changed())
        for check in (self.landscape_check, self.redacted_check, self.separate_check):
            check.toggled.connect(lambda _on: changed())
        self.scope_group.buttonToggled.connect(lambda _button, on: on and changed())
        self.whom_group.buttonToggled.connect(lambda _button, on: on and changed())
        self.walk_ins_day.activated.connect(lambda _index: self.walk_ins_radio.setChecked(True))
        self.picker.changed.connect(self._picker_changed)

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
        elif changes.people or changes.attendance:
            self.people_event = None  # the picker reads them again when it is shown
            self._load_people()
        if changes.anything:
            self._options_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._load_people()
        if self.preview_stale:
            self.preview_timer.start()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Reports"))
        self.intro.setText(
            _(
                "The paper of the event: sign-in sheets and name badges before it starts, "
                "certificates of participation at the end, minutes in PDF that partners and "
                "donors can use as they are, and the attendance table their spreadsheets want."
            )
        )
        self.no_event.setText(_("Choose an event in the list to make its minutes."))
        self.what_box.setTitle(_("What"))
        self.event_radio.setText(_("The whole &event"))
        self.day_radio.setText(_("One &day:"))
        self.session_radio.setText(_("One &session:"))
        self.how_box.setTitle(_("How"))
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
        self.doc_box.setTitle(_("Document"))
        self.doc_label.setText(_("&Make:"))
        for index in range(self.doc_combo.count()):
            self.doc_combo.setItemText(index, document_label(self.doc_combo.itemData(index)))
        self.blank_label.setText(_("&Blank rows for walk-ins:"))
        self.landscape_check.setText(_("&Landscape (across the page)"))
        self.layout_label.setText(_("&Badges a page:"))
        self.layout_combo.setItemText(0, _("8 (2 × 4 labels)"))
        self.layout_combo.setItemText(1, _("10 (2 × 5 labels)"))
        self.min_days_label.setText(_("Present at least (&days):"))
        self.format_label.setText(_("&Format:"))
        self.redacted_check.setText(_("Leave out phone numbers, e-mail addresses and &ID cards"))
        self.separate_check.setText(_("One PDF per person, in a &folder"))
        self.whom_box.setTitle(_("Whose badges"))
        self.everyone_radio.setText(_("E&veryone registered"))
        self.walk_ins_radio.setText(_("The &walk-ins of:"))
        self.walk_ins_day.setAccessibleName(_("Day of the walk-ins"))
        self.chosen_radio.setText(_("The people &ticked below:"))
        self.picker.retranslate_ui()
        self._document_texts()
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
        self.min_days_spin.setRange(1, max(1, len(self.days)))
        self.min_days_spin.setValue(default_min_days(len(self.days)))
        has_event = event is not None
        self.no_event.setVisible(not has_event)
        self.form.setVisible(has_event)
        self.people_event = None
        self._load_people()
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
        chosen_walk_ins = self.walk_ins_day.currentData()
        self.walk_ins_day.blockSignals(True)
        self.walk_ins_day.clear()
        for number, day in enumerate(self.days, 1):
            label = day_short_text(day, number)
            if day.title.strip():
                label = _("{date}: {title}").format(date=label, title=day.title.strip())
            self.day_combo.addItem(label, day.id)
            self.walk_ins_day.addItem(day_short_text(day, number), day.id)
        index = self.walk_ins_day.findData(chosen_walk_ins) if chosen_walk_ins else -1
        self.walk_ins_day.setCurrentIndex(max(index, 0) if self.walk_ins_day.count() else -1)
        self.walk_ins_day.blockSignals(False)
        self.walk_ins_radio.setEnabled(bool(self.days))
        if not self.days and self.walk_ins_radio.isChecked():
            self.everyone_radio.setChecked(True)
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
        if self.document() != MINUTES:
            self.holds_text.setText("\n".join(holds_lines(self.document())))
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
        self.blank_spin.setValue(blank_rows_setting(self.ws))
        document = self.doc_combo.findData(last.get("document", MINUTES))
        self.doc_combo.setCurrentIndex(max(document, 0))
        self._document_changed()

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
                "document": self.document(),
            },
        )

    def language(self) -> str:
        return str(self.lang_combo.currentData())

    def paper(self) -> str:
        return str(self.paper_combo.currentData())

    # --- the document chosen -------------------------------------------------------------------

    def document(self) -> str:
        return str(self.doc_combo.currentData() or MINUTES)

    def _document_changed(self) -> None:
        document = self.document()
        shown = self.option_rows[document]
        for widget in {w for widgets in self.option_rows.values() for w in widgets}:
            row = self._row_of(widget)
            if row >= 0:
                self.how_form.setRowVisible(row, widget in shown)
        # The scope matters for the minutes and the sign-in sheets only.
        self.what_box.setVisible(document in (MINUTES, SHEETS))
        self.whom_box.setVisible(document == BADGES)
        self._load_people()
        self._document_texts()
        self._show_holds()

    # --- whose badges ----------------------------------------------------------------------------

    def _load_people(self) -> None:
        """The registered people into the picker, when the badges are chosen and the page is seen
        (not before: a large event's list is not read for nothing)."""
        wanted = self.document() == BADGES and self.isVisible()
        if not wanted or self.people_event == self.event_id:
            return
        self.people_event = self.event_id
        rows = self.ws.people_rows(self.event_id) if self.event_id is not None else []
        self.picker.set_people(sheet_order(row for row in rows if row.registered))

    def _picker_changed(self) -> None:
        if self.picker.chosen() and not self.chosen_radio.isChecked():
            self.chosen_radio.setChecked(True)  # its toggle asks for a new preview
        elif self.chosen_radio.isChecked():
            self._options_changed()

    def whom(self) -> str:
        if self.walk_ins_radio.isChecked():
            return WALK_INS
        if self.chosen_radio.isChecked():
            return CHOSEN
        return EVERYONE

    def _badges_request(self, event: str, lang: str, paper: str) -> BadgesRequest:
        """The badges of the people chosen; a sentence when nobody is ticked."""
        whom, layout = self.whom(), str(self.layout_combo.currentData())
        if whom == CHOSEN:
            chosen = tuple(self.picker.chosen())
            if not chosen:
                raise InvalidInput(_("Tick the people whose badges to make."))
            return BadgesRequest(event, people=chosen, layout=layout, lang=lang, paper=paper)
        if whom == WALK_INS and self.walk_ins_day.currentIndex() >= 0:
            day = self._day_number(str(self.walk_ins_day.currentData()))
            return BadgesRequest(
                event, layout=layout, lang=lang, paper=paper, walk_ins_of_day=day or None
            )
        return BadgesRequest(event, layout=layout, lang=lang, paper=paper)

    def _document_texts(self) -> None:
        table = self.document() == ATTENDANCE
        self.create_button.setText(_("&Create the table…") if table else _("&Create PDF…"))
        self.holds_box.setTitle(_("What the table holds") if table else _("What the PDF holds"))
        self.preview_box.setTitle(
            _("Preview of the first rows") if table else _("Preview of the first page")
        )
        self.lang_label.setText(
            _("&Language of the table:") if table else _("&Language of the PDF:")
        )

    def _row_of(self, widget: QWidget) -> int:
        for row in range(self.how_form.rowCount()):
            item = self.how_form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is None:
                continue
            if item.widget() is widget:
                return row
            layout = item.layout()
            if layout is not None and _holds(layout, widget):
                return row
        return -1

    def suffix(self) -> str:
        return str(self.format_combo.currentData()) if self.document() == ATTENDANCE else ".pdf"

    def separate(self) -> bool:
        """Whether the document is a folder of certificates, one PDF per person."""
        return self.document() == CERTIFICATES and self.separate_check.isChecked()

    def writer(self, *, preview: bool = False) -> Callable[[Any, Path, Progress], Any] | None:
        """What writes the document chosen, with the options chosen; None without an event.
        For the `preview`, the certificates come in one PDF. InvalidInput when the choices
        cannot make a document (nobody ticked)."""
        minutes = self.request()
        if minutes is None:
            return None
        document, lang, paper = self.document(), self.language(), self.paper()
        event = minutes.event
        if document == SHEETS:
            sheets = SheetsRequest(
                event,
                day=minutes.day,
                session_id=minutes.session_id,
                blank_rows=self.blank_spin.value(),
                landscape=self.landscape_check.isChecked(),
                lang=lang,
                paper=paper,
            )
            return lambda ws, path, note: write_sheets(ws, sheets, path, progress=note)
        if document == BADGES:
            badges = self._badges_request(event, lang, paper)
            return lambda ws, path, note: write_badges(ws, badges, path, progress=note)
        if document == CERTIFICATES:
            certificates = CertificatesRequest(
                event,
                min_days=self.min_days_spin.value(),
                separate=self.separate() and not preview,
                lang=lang,
                paper=paper,
            )
            if certificates.separate:
                return lambda ws, path, note: write_certificates(
                    ws, certificates, path, progress=note
                )
            return lambda ws, path, note: write_certificates(ws, certificates, path, progress=note)[
                0
            ]
        if document == ATTENDANCE:
            table = AttendanceRequest(event, redacted=self.redacted_check.isChecked(), lang=lang)
            return lambda ws, path, note: write_attendance(ws, table, path)
        return lambda ws, path, note: write_minutes(ws, minutes, path, progress=note)

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
        """Where the document goes unless the person chooses otherwise; for one certificate per
        person, a folder of that name."""
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
        document = self.document()
        scoped = document in (MINUTES, SHEETS)
        name = default_file_name(
            self.event_code,
            self.language(),
            day=day if scoped else None,
            number=number,
            session=session if scoped else None,
            kind=document,
            suffix="" if self.separate() else self.suffix(),
        )
        return documents_folder() / name

    def ask_file(self) -> None:
        """The Save-as dialog, opened without blocking; its choice starts the PDF."""
        if self.busy() or self.event_id is None:
            return
        if self.separate():
            self.ask_folder()
            return
        dialog = QFileDialog(self, _("Save the document"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        suffix = self.suffix()
        filters = {
            ".pdf": _("PDF files (*.pdf)"),
            ".xlsx": _("Excel workbooks (*.xlsx)"),
            ".csv": _("CSV files (*.csv)"),
        }
        dialog.setNameFilter(filters[suffix])
        dialog.setDefaultSuffix(suffix.lstrip("."))
        default = self.default_path()
        dialog.setDirectory(str(default.parent))
        dialog.selectFile(default.name)
        dialog.fileSelected.connect(lambda name: self.create_pdf(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def ask_folder(self) -> None:
        """For one certificate per person: the folder in which theirs go, in a folder of their
        own named after the event ('PE-BO-2021-certificates-es')."""
        dialog = QFileDialog(self, _("Choose where to put the folder of certificates"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        default = self.default_path()
        dialog.setDirectory(str(default.parent))
        dialog.fileSelected.connect(lambda name: self.create_pdf(Path(name) / default.name))
        self.file_dialog = dialog
        dialog.open()

    def busy(self) -> bool:
        return self.task is not None

    def create_pdf(self, path: Path) -> None:
        """Write the minutes chosen to `path` in the background, then open the PDF."""
        if self.busy():
            return
        try:
            writer = self.writer()
        except UserError as error:
            self.made, self.problem = None, error.message
            self._show_result()
            return
        if writer is None:
            return
        suffix = self.suffix()
        if path.suffix.lower() != suffix and not self.separate():
            path = path.with_name(path.name + suffix)
        self._save_choices()
        ws = self.ws

        def work(progress: Progress) -> Made:
            try:
                written = writer(ws, path, progress)
                if isinstance(written, list):  # one certificate per person, in the folder
                    size = sum(file.stat().st_size for file in written)
                    return Made(path, size, len(written))
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
            if made.count is None:  # a folder of certificates is not opened for the person
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
            self, _("Making the document…"), work, succeeded, failed, self._on_progress
        )
        self._update_buttons()

    def _finish(self) -> None:
        self.working = False
        self.progress_bar.hide()
        self._update_buttons()
        self._preview_done()

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
            label.setText(html.escape(_("Making the document…")))
        elif self.made is not None and self.made.count is not None:
            folder = self.made.path
            saved = ngettext(
                "Saved {count} certificate ({size}) in {folder}.",
                "Saved {count} certificates ({size}) in {folder}.",
                self.made.count,
            ).format(count=self.made.count, size=size_text(self.made.size), folder=folder)
            folder_url = QUrl.fromLocalFile(str(folder)).toString()
            open_folder = html.escape(_("Open the folder"))
            label.setText(
                f'{html.escape(saved)}<br><a href="{html.escape(folder_url)}">{open_folder}</a>'
            )
        elif self.made is not None:
            path = self.made.path
            folder_url = QUrl.fromLocalFile(str(path.parent)).toString()
            file_url = QUrl.fromLocalFile(str(path)).toString()
            saved = _("Saved {file} ({size}) in {folder}.").format(
                file=path.name, size=size_text(self.made.size), folder=path.parent
            )
            # Outside the f-string: the extraction of the catalogs does not see a message there.
            open_file, open_folder = (
                html.escape(
                    _("Open the table") if path.suffix.lower() != ".pdf" else _("Open the PDF")
                ),
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

    # --- the preview ---------------------------------------------------------------------------

    def _options_changed(self) -> None:
        """A choice changed: a new preview once they settle, when the page is seen."""
        self.preview_stale = True
        if self.isVisible():
            self.preview_timer.start()

    def refresh_preview(self) -> None:
        """Make the document in a temporary folder off the GUI thread, and show its first page
        (the first rows of a table). One at a time: a change meanwhile makes another after it."""
        if self.event_id is None:
            return
        if self.preview_task is not None or self.busy():  # after it: one build at a time
            self.preview_again = True
            return
        self.preview_stale = False
        try:
            writer = self.writer(preview=True)
        except UserError as error:
            self.preview.show_message(error.message)
            return
        if writer is None:
            return
        table = self.document() == ATTENDANCE
        ws = self.ws

        def work(progress: Progress) -> object:
            with tempfile.TemporaryDirectory(prefix="fieldkit-preview-") as folder:
                path = Path(folder) / ("preview.csv" if table else "preview.pdf")
                writer(ws, path, progress)
                return table_start(path) if table else render_first_page(path)

        def succeeded(result: object) -> None:
            self.preview_task = None
            if isinstance(result, TableStart):
                self.preview.show_table(
                    result, _("The first rows and columns of the table, as in a spreadsheet.")
                )
            elif isinstance(result, PageImage):
                status = ngettext("Page 1 of {count}", "Page 1 of {count}", result.pages).format(
                    count=result.pages
                )
                self.preview.show_page(result, status)
            self._preview_done()

        def failed(error: BaseException) -> bool:
            self.preview_task = None
            if isinstance(error, UserError):
                self.preview.show_message(error.message)
            else:
                log.error("The preview failed", exc_info=error)
                self.preview.show_message(
                    _("The preview is unavailable; the document itself can still be made.")
                )
            self._preview_done()
            return True  # never the crash dialog for a preview

        self.preview.set_status(_("Updating the preview…"))
        self.preview_task = self.context.run_in_background(
            self, _("Making the preview…"), work, succeeded, failed, quiet=True
        )

    def _preview_done(self) -> None:
        if self.preview_again:
            self.preview_again = False
            self.refresh_preview()


def _holds(layout: Any, widget: QWidget) -> bool:
    """Whether `layout` (or a layout in it) holds `widget`."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is widget:
            return True
        if item.layout() is not None and _holds(item.layout(), widget):
            return True
    return False
