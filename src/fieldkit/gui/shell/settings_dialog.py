"""Settings: languages and regional formats, paper, the organisation on the reports, blank rows
on sign-in sheets.

Opened with `open()`. Each choice is saved as it is made (no Save button); a new interface
language or new formats are applied to the whole window at once. The language (which words) and
the formats (how dates, times and numbers are written: Peru writes 1,234.5, Bolivia 1.234,5) are
two choices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel import Locale
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core import retention
from fieldkit.core.errors import UserError
from fieldkit.gui.shell import preferences as keys
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.preferences import read_preferences
from fieldkit.i18n import (
    _,
    current_locale,
    datetime_text,
    format_number,
    ngettext,
    parse_language,
)

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}  # each in itself
# The regions of the people fieldkit serves first; each named in its own language.
FORMATS = (
    "en_US",
    "en_GB",
    "en_CA",
    "fr_FR",
    "fr_CA",
    "fr_BE",
    "fr_CH",
    "es_ES",
    "es_BO",
    "es_PE",
    "es_EC",
    "es_CO",
    "es_MX",
    "es_AR",
    "es_CL",
)
EXAMPLE_MOMENT = dt.datetime(2008, 3, 22, 15, 0)  # World Water Day, in the afternoon
EXAMPLE_NUMBER = 1234567.5
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
MAX_LOGO_BYTES = 2_000_000
LOGO_PREVIEW = 64


class SettingsDialog(QDialog):
    def __init__(
        self,
        context: PageContext,
        set_language: Callable[[str | None, str | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.context = context
        self.set_language = set_language
        self.ws = context.ws
        self.file_dialog: QFileDialog | None = None

        self.interface_combo = QComboBox(self)
        self.formats_combo = QComboBox(self)
        self.formats_example = QLabel(self)
        self.formats_example.setObjectName("formatsExample")
        self.formats_example.setWordWrap(True)
        self.output_combo = QComboBox(self)
        self.paper_combo = QComboBox(self)
        self.organisation_edit = QLineEdit(self)
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedSize(LOGO_PREVIEW * 2, LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #cccccc;")
        self.logo_button = QPushButton(self)
        self.remove_logo_button = QPushButton(self)
        self.rows_spin = QSpinBox(self)
        self.rows_spin.setRange(0, keys.MAX_BLANK_ROWS)

        self.window_box = QGroupBox(self)
        window_form = QFormLayout(self.window_box)
        self.interface_label = QLabel(self.window_box)
        self.interface_label.setBuddy(self.interface_combo)
        self.formats_label = QLabel(self.window_box)
        self.formats_label.setBuddy(self.formats_combo)
        window_form.addRow(self.interface_label, self.interface_combo)
        window_form.addRow(self.formats_label, self.formats_combo)
        window_form.addRow("", self.formats_example)

        self.reports_box = QGroupBox(self)
        reports_form = QFormLayout(self.reports_box)
        self.output_label = QLabel(self.reports_box)
        self.output_label.setBuddy(self.output_combo)
        self.paper_label = QLabel(self.reports_box)
        self.paper_label.setBuddy(self.paper_combo)
        self.organisation_label = QLabel(self.reports_box)
        self.organisation_label.setBuddy(self.organisation_edit)
        self.logo_label = QLabel(self.reports_box)
        self.logo_label.setBuddy(self.logo_button)
        self.rows_label = QLabel(self.reports_box)
        self.rows_label.setBuddy(self.rows_spin)
        # The buttons beside the preview, one above the other: side by side they did not fit
        # beside a long label in French and overlapped the preview.
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        reports_form.addRow(self.output_label, self.output_combo)
        reports_form.addRow(self.paper_label, self.paper_combo)
        reports_form.addRow(self.organisation_label, self.organisation_edit)
        reports_form.addRow(self.logo_label, logo_row)
        reports_form.addRow(self.rows_label, self.rows_spin)

        # Privacy: how long personal data of past events is kept (see fieldkit.core.retention).
        self.privacy_box = QGroupBox(self)
        privacy_form = QFormLayout(self.privacy_box)
        self.retention_combo = QComboBox(self)
        self.retention_label = QLabel(self.privacy_box)
        self.retention_label.setBuddy(self.retention_combo)
        privacy_form.addRow(self.retention_label, self.retention_combo)

        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666666;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.window_box)
        layout.addWidget(self.reports_box)
        layout.addWidget(self.privacy_box)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        # No fixed minimum width: the layout's own minimum (longer in French and Spanish) holds.
        self.organisation_edit.setMinimumWidth(240)

        self._fill()
        self.interface_combo.activated.connect(lambda _i: self._interface_chosen())
        self.formats_combo.activated.connect(lambda _i: self._formats_chosen())
        self.output_combo.activated.connect(
            lambda _i: self._set(keys.OUTPUT_LANGUAGE, self.output_combo.currentData())
        )
        self.paper_combo.activated.connect(
            lambda _i: self._set(keys.PAPER, self.paper_combo.currentData())
        )
        self.organisation_edit.editingFinished.connect(
            lambda: self._set(keys.ORGANISATION_NAME, self.organisation_edit.text().strip())
        )
        self.rows_spin.valueChanged.connect(lambda value: self._set(keys.BLANK_ROWS, value))
        self.retention_combo.activated.connect(
            lambda _i: self._set(retention.SETTING_KEY, self.retention_combo.currentData())
        )
        self.logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)

    def _fill(self) -> None:
        prefs = read_preferences(self.ws)
        for combo in (self.interface_combo, self.output_combo):
            combo.clear()
            combo.addItem("", None)
            for code, name in LANGUAGE_NAMES.items():
                combo.addItem(name, code)
        self._select_language(self.interface_combo, prefs.interface_language)
        self._select_language(self.output_combo, prefs.output_language)
        self.formats_combo.clear()
        self.formats_combo.addItem("", None)
        for code in FORMATS:
            self.formats_combo.addItem(_locale_name(code), code)
        # A regional language stored before formats were a setting of their own ('fr_CA')
        # shows as its formats.
        formats = prefs.formats or _regional(prefs.interface_language)
        if formats and self.formats_combo.findData(formats) < 0:
            self.formats_combo.addItem(_locale_name(formats), formats)
        self.formats_combo.setCurrentIndex(max(0, self.formats_combo.findData(formats)))
        self.paper_combo.clear()
        self.paper_combo.addItem("", "a4")
        self.paper_combo.addItem("", "letter")
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(prefs.paper)))
        self.organisation_edit.setText(prefs.organisation_name)
        self.rows_spin.blockSignals(True)
        self.rows_spin.setValue(prefs.blank_rows)
        self.rows_spin.blockSignals(False)
        self._show_logo(prefs.logo)
        self.retention_combo.clear()
        for years in retention.RETENTION_CHOICES:
            self.retention_combo.addItem("", years)
        kept = self.ws.retention_years()
        self.retention_combo.setCurrentIndex(max(0, self.retention_combo.findData(kept)))
        self.retranslate_ui()

    # --- saving ------------------------------------------------------------------------------

    def _set(self, key: str, value: Any) -> bool:
        try:
            self.ws.set_setting(key, value)
        except UserError as error:
            self.context.show_error(error.message)
            return False
        return True

    @staticmethod
    def _select_language(combo: QComboBox, stored: str | None) -> None:
        """Select the language of a stored value, regional or not ('es_PE' selects Español)."""
        parsed = parse_language(stored)
        combo.setCurrentIndex(max(0, combo.findData(parsed[0] if parsed else None)))

    def _interface_chosen(self) -> None:
        language = self.interface_combo.currentData()
        prefs = read_preferences(self.ws)
        formats = prefs.formats
        if formats is None and _regional(prefs.interface_language):
            # 'fr_CA' was stored as the language: its formats stay when the language changes.
            formats = prefs.interface_language
            if not self._set(keys.FORMATS, formats):
                return
        if self._set(keys.INTERFACE_LANGUAGE, language):
            self.set_language(language, formats)
            self.retranslate_ui()

    def _formats_chosen(self) -> None:
        formats = self.formats_combo.currentData()
        if self._set(keys.FORMATS, formats):
            prefs = read_preferences(self.ws)
            self.set_language(prefs.interface_language, formats)
            self.retranslate_ui()

    def choose_logo(self) -> QFileDialog:
        dialog = QFileDialog(self, _("Choose the logo"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(_("Images (*.png *.jpg *.jpeg)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.set_logo_file(Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def set_logo_file(self, path: Path) -> bool:
        """Store an image as the reports' logo; a plain message when it cannot be used."""
        if path.suffix.lower() not in LOGO_TYPES:
            self.context.show_error(_("The logo must be a PNG or JPEG image."))
            return False
        try:
            data = path.read_bytes()
        except OSError as error:
            self.context.show_error(
                _("The file {path} cannot be read: {reason}.").format(
                    path=path, reason=error.strerror
                )
            )
            return False
        if len(data) > MAX_LOGO_BYTES or QPixmap().loadFromData(data) is False:
            self.context.show_error(
                _(
                    "The file {path} is not an image fieldkit can use as a logo (PNG or JPEG, up to 2 MB)."
                ).format(path=path)
            )
            return False
        try:
            digest = self.ws.add_blob(data)
        except UserError as error:
            self.context.show_error(error.message)
            return False
        if self._set(keys.LOGO, digest):
            self._show_logo(digest)
            return True
        return False

    def remove_logo(self) -> None:
        if self._set(keys.LOGO, None):
            self._show_logo(None)

    def _show_logo(self, digest: str | None) -> None:
        data = self.ws.blob(digest) if digest else None
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    LOGO_PREVIEW * 2,
                    LOGO_PREVIEW,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
        self.remove_logo_button.setEnabled(bool(data))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Settings"))
        self.window_box.setTitle(_("Window"))
        self.reports_box.setTitle(_("Reports and printed sheets"))
        self.interface_label.setText(_("&Interface language"))
        self.formats_label.setText(_("&Dates and numbers"))
        self.formats_combo.setItemText(0, _("As usual in that language"))
        self.formats_example.setText(
            _("For example: {moment} · {number}").format(
                moment=datetime_text(EXAMPLE_MOMENT), number=format_number(EXAMPLE_NUMBER)
            )
        )
        self.formats_example.setToolTip(current_locale())
        self.output_label.setText(_("&Language of the reports"))
        self.paper_label.setText(_("&Paper size"))
        self.organisation_label.setText(_("&Organisation"))
        self.organisation_edit.setPlaceholderText(_("Named on the cover of the reports"))
        self.logo_label.setText(_("Lo&go"))
        self.logo_button.setText(_("Choose…"))
        self.remove_logo_button.setText(_("Remove"))
        self.rows_label.setText(_("&Blank rows on sign-in sheets"))
        self.interface_combo.setItemText(0, _("As the computer is set"))
        self.output_combo.setItemText(0, _("Same as the interface"))
        self.paper_combo.setItemText(0, _("A4"))
        self.paper_combo.setItemText(1, _("Letter"))
        self.privacy_box.setTitle(_("Privacy"))
        self.retention_label.setText(_("&Keep personal data of past events"))
        for index, years in enumerate(retention.RETENTION_CHOICES):
            self.retention_combo.setItemText(
                index,
                _("With no time limit")
                if years is None
                else ngettext(
                    "{count} year after the event's end",
                    "{count} years after the event's end",
                    years,
                ).format(count=years),
            )
        if self.logo_preview.pixmap().isNull():
            self.logo_preview.setText(_("No logo"))
        self.note.setText(
            _(
                "These settings belong to this workspace and are saved as you choose them. "
                "The reports can be printed in another language than the window's."
            )
        )


def _regional(value: str | None) -> str | None:
    """'fr_CA' when `value` names a region, else None."""
    parsed = parse_language(value)
    return parsed[1] if parsed and parsed[1] != parsed[0] else None


def _locale_name(code: str) -> str:
    """'Español (Perú)': a region's formats named in its own language."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]
