"""The check-in screen's view: it lays out the widgets and sets their texts, nothing more.

Top, the day or session chooser and the mode and paper switches. Left, the search field and the
people found (or the head count, or the paper sheet); right, the confirmation banner, the live
counters and the last check-ins (or the walk-in form). Bottom, which keys do what.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.checkin.keys import PageKeysLineEdit
from fieldkit.gui.checkin.panels import Banner, CountersPanel
from fieldkit.gui.checkin.paper_panel import PaperPanel, SheetModel
from fieldkit.gui.checkin.results_model import ResultsModel
from fieldkit.gui.checkin.tally_panel import TallyPanel
from fieldkit.gui.checkin.walkin_form import WalkInPanel
from fieldkit.i18n import _, time_text

DOOR, TALLY, PAPER, EMPTY = range(4)
BADGE_WIDTH, STATUS_WIDTH = 90, 130  # at the least; wider when the language needs it
SIDE_COUNTERS, SIDE_WALK_IN = range(2)


class SearchField(PageKeysLineEdit):
    """The search field: Enter checks in, Up and Down move in the results, Esc clears."""

    submitted = Signal(bool)  # True with Shift: the other mode (virtual when in person)
    moved = Signal(int)  # rows to move the highlight by

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        moves = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: 10,
            Qt.Key.Key_PageUp: -10,
        }
        if key in moves:
            self.moved.emit(moves[Qt.Key(key)])
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class CheckinView(QWidget):
    def __init__(self, results: ResultsModel, sheet: SheetModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.target_label = QLabel(self)
        self.target_combo = QComboBox(self)
        self.target_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target_combo.setMinimumContentsLength(40)
        self.target_label.setBuddy(self.target_combo)
        self.mode_button = QPushButton(self)
        self.mode_button.setCheckable(True)
        self.mode_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.paper_button = QPushButton(self)
        self.paper_button.setCheckable(True)
        self.paper_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.video_button = QPushButton(self)  # the attendance of a video call, from its report
        self.video_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.import_button = QPushButton(self)  # the event's list of people, from a file
        self.import_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.import_button.setEnabled(False)  # until an event is shown
        self.current_time_check = QCheckBox(self)  # shown for a day or session that is over
        self.current_time_check.hide()
        top = QHBoxLayout()
        top.addWidget(self.target_label)
        top.addWidget(self.target_combo, 1)
        top.addWidget(self.current_time_check)
        top.addWidget(self.mode_button)
        top.addWidget(self.paper_button)
        top.addWidget(self.video_button)
        top.addWidget(self.import_button)

        # Left: the door (search and results), the head count, the paper sheet or a hint.
        self.search = SearchField(self)
        search_font = QFont(self.search.font())
        search_font.setPointSizeF(search_font.pointSizeF() * 1.8)
        self.search.setFont(search_font)
        self.search.setClearButtonEnabled(True)
        self.found = QLabel(self)
        # One line always: a text that comes and goes must not move the table (and redraw all).
        self.found.setFixedHeight(self.found.fontMetrics().height() + 4)
        self.found.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.results_view = QTableView(self)
        self.results_view.setModel(results)
        self.results_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the search
        self.results_view.verticalHeader().hide()
        self.results_view.setShowGrid(False)
        self.results_view.setWordWrap(False)
        row_font = QFont(self.results_view.font())
        row_font.setPointSizeF(row_font.pointSizeF() * 1.15)
        self.results_view.setFont(row_font)
        self.results_view.verticalHeader().setDefaultSectionSize(
            int(self.results_view.fontMetrics().height() * 1.7)
        )
        header = self.results_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ResultsModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ResultsModel.COL_ORIGIN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(ResultsModel.COL_BADGE, BADGE_WIDTH)
        header.resizeSection(ResultsModel.COL_STATUS, STATUS_WIDTH)
        results.headerDataChanged.connect(lambda *_args: self.fit_columns())
        door = QWidget(self)
        door_layout = QVBoxLayout(door)
        door_layout.setContentsMargins(0, 0, 0, 0)
        door_layout.addWidget(self.search)
        door_layout.addWidget(self.found)
        door_layout.addWidget(self.results_view, 1)
        self.tally = TallyPanel(self)
        self.paper = PaperPanel(sheet, self)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.left = QStackedWidget(self)
        for widget in (door, self.tally, self.paper, self.empty):
            self.left.addWidget(widget)

        # Right: the banner above the counters and last check-ins, or the walk-in form.
        self.banner = Banner(self)
        self.counters = CountersPanel(self)
        self.recent_label = QLabel(self)
        self.recent = QListWidget(self)
        self.recent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent.setWordWrap(True)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        counters_side = QWidget(self)
        side_layout = QVBoxLayout(counters_side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.counters)
        side_layout.addWidget(self.recent_label)
        side_layout.addWidget(self.recent, 1)
        self.walk_in = WalkInPanel(self)
        self.side = QStackedWidget(self)
        self.side.addWidget(counters_side)
        self.side.addWidget(self.walk_in)
        right = QVBoxLayout()
        right.addWidget(self.banner)
        right.addWidget(self.side, 1)

        body = QHBoxLayout()
        body.addWidget(self.left, 3)
        body.addLayout(right, 2)
        self.keys = QLabel(self)
        self.keys.setWordWrap(True)
        self.keys.setTextFormat(Qt.TextFormat.RichText)
        self.keys.setObjectName("checkinKeys")
        self.keys.setStyleSheet(
            "#checkinKeys { background: #f3f4f6; border-top: 1px solid #d1d5db; padding: 6px; }"
        )
        self.keys.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.keys)
        self.setFocusProxy(self.search)

    def fit_columns(self) -> None:
        """Widen the badge and check-in columns to their header in the language shown, and the
        check-in column to its longest usual text ('Arrivée enregistrée' did not fit)."""
        header = self.results_view.horizontalHeader()
        metrics = self.results_view.fontMetrics()
        sample = _("✓ {time} virtual").format(time=time_text(dt.time(12, 59)))
        margin = 2 * metrics.averageCharWidth()
        for column, least, text in (
            (ResultsModel.COL_BADGE, BADGE_WIDTH, ""),
            (ResultsModel.COL_STATUS, STATUS_WIDTH, sample),
        ):
            wanted = max(
                least, header.sectionSizeHint(column), metrics.horizontalAdvance(text) + margin
            )
            if header.sectionSize(column) < wanted:
                header.resizeSection(column, wanted)

    def retranslate_ui(self) -> None:
        self.target_label.setText(_("&Day or session (F6):"))
        self.search.setPlaceholderText(
            _("Type a name, an organisation, a delegation or a badge code…")
        )
        self.search.setAccessibleName(_("Search people to check in"))
        self.results_view.setAccessibleName(_("People found"))
        self.mode_button.setText(_("Virtual (F8)"))
        self.mode_button.setToolTip(_("When on, Enter checks people in as connected virtually."))
        self.import_button.setText(_("Import people…"))
        self.import_button.setToolTip(
            _("Add the people of a CSV or XLSX list to the event, after a preview.")
        )
        self.paper_button.setText(_("Paper sheet (F9)"))
        self.paper_button.setToolTip(
            _("Enter a signed sign-in sheet after the fact, by its row numbers.")
        )
        self.video_button.setText(_("Import video-call attendance… (F7)"))
        self.video_button.setToolTip(
            _(
                "Mark the participants of a Zoom, Teams, Google Meet or BigBlueButton report "
                "present at this session, in virtual mode."
            )
        )
        self.current_time_check.setText(_("Use the current time"))
        self.current_time_check.setToolTip(
            _(
                "This day or session is over: check-ins are recorded at its start time. "
                "Tick to record the current time instead."
            )
        )
        self.recent_label.setText(_("Last check-ins (Ctrl+Z undoes the last one)"))
        self.empty.setText(_("Choose an event with at least one day in its agenda."))
        keys = [
            (_("Enter"), _("check in")),
            (_("Shift+Enter"), _("the other mode")),
            (_("↑ ↓"), _("choose")),
            (_("Esc"), _("clear")),
            (_("Ctrl+N or Insert"), _("walk-in")),
            (_("Ctrl+Z"), _("undo")),
            (_("Ctrl+E"), _("left early")),
            (_("Ctrl+M"), _("move to another session")),
            (_("F6"), _("day or session")),
            (_("F8"), _("in person / virtual")),
            (_("F9"), _("paper sheet")),
            (_("F7"), _("video-call attendance")),
        ]
        self.keys.setText(" &nbsp;·&nbsp; ".join(f"<b>{key}</b> {what}" for key, what in keys))
        self.tally.retranslate_ui()
        self.paper.retranslate_ui()
        self.walk_in.retranslate_ui()
        self.counters.retranslate_ui()
