"""Languages in the window: Qt's own texts, regional formats, a switch at run time, the workspace's
language on opening it, the known texts that stayed English or did not fit."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from fieldkit import i18n
from fieldkit.core.model import Session
from fieldkit.gui.checkin.results_model import ResultsModel
from fieldkit.gui.shell import preferences as keys
from fieldkit.gui.shell import qt_language
from fieldkit.gui.shell.main_window import MainWindow
from fieldkit.gui.shell.preferences import read_preferences
from fieldkit.gui.shell.qt_language import apply_language, workspace_language
from fieldkit.store import Workspace

from .conftest import Sample
from .test_main_window import open_window

SRC = Path(__file__).parents[2] / "src" / "fieldkit"


def cancel_text(box: QDialogButtonBox) -> str:
    button = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert button is not None
    return button.text().replace("&", "")


def test_qt_own_buttons_follow_the_language_and_switch_live(qapp) -> None:
    apply_language("fr")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert cancel_text(box) == "Annuler"
    apply_language("es_PE")  # a regional variant reads Qt's Spanish
    qapp.processEvents()  # the LanguageChange event reaches the box already shown
    assert cancel_text(box) == "Cancelar"
    apply_language("en")
    qapp.processEvents()
    assert cancel_text(box) == "Cancel"
    box.deleteLater()


def test_qt_catalog_of_every_language_is_found() -> None:
    folder = Path(qt_language.qt_translations_folder())
    for language in ("fr", "es"):
        assert (folder / f"qtbase_{language}.qm").is_file()


def test_formats_are_chosen_apart_from_the_language(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = open_window(qtbot, workspace)
    dialog = window.controller.workspace_actions.show_settings()
    combo = dialog.interface_combo
    combo.setCurrentIndex(combo.findData("es"))
    combo.activated.emit(combo.currentIndex())
    formats = dialog.formats_combo
    formats.setCurrentIndex(formats.findData("es_PE"))
    formats.activated.emit(formats.currentIndex())
    assert read_preferences(workspace).formats == "es_PE"
    assert (i18n.current_language(), i18n.current_locale()) == ("es", "es_PE")
    assert "1,234,567.5" in dialog.formats_example.text()  # as CLDR writes it in Peru
    assert dialog.windowTitle() == "Configuración"
    formats.setCurrentIndex(formats.findData("es_BO"))
    formats.activated.emit(formats.currentIndex())
    assert "1.234.567,5" in dialog.formats_example.text()  # and in Bolivia
    assert i18n.current_language() == "es"
    dialog.close()


def test_a_regional_language_in_the_settings_is_read_whole(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    workspace.set_setting(keys.INTERFACE_LANGUAGE, "fr_CA")
    assert read_preferences(workspace).interface_language == "fr_CA"
    assert workspace_language(workspace) == ("fr_CA", None)
    qt_language.apply_workspace_language(workspace)
    assert (i18n.current_language(), i18n.current_locale()) == ("fr", "fr_CA")
    assert i18n.time_text("15:00") == "15 h 00"
    window = open_window(qtbot, workspace)
    dialog = window.controller.workspace_actions.show_settings()
    assert dialog.interface_combo.currentData() == "fr"
    assert dialog.formats_combo.currentData() == "fr_CA"
    # Another language keeps the Canadian formats the regional language carried.
    dialog.interface_combo.setCurrentIndex(dialog.interface_combo.findData("en"))
    dialog.interface_combo.activated.emit(dialog.interface_combo.currentIndex())
    assert (i18n.current_language(), i18n.current_locale()) == ("en", "fr_CA")
    assert read_preferences(workspace).formats == "fr_CA"
    dialog.close()


def test_an_unknown_setting_reads_as_unset(workspace: Workspace) -> None:
    workspace.set_setting(keys.INTERFACE_LANGUAGE, "de_DE")
    workspace.set_setting(keys.FORMATS, "zz")
    prefs = read_preferences(workspace)
    assert prefs.interface_language is None and prefs.formats is None


def test_the_command_line_and_the_environment_win_over_the_workspace(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.set_setting(keys.INTERFACE_LANGUAGE, "fr")
    monkeypatch.setenv(i18n.ENVIRONMENT_VARIABLE, "pseudo")
    assert workspace_language(workspace) == ("pseudo", None)
    qt_language.set_language_override("es_PE")
    try:
        assert workspace_language(workspace) == ("es_PE", None)
    finally:
        qt_language.set_language_override(None)
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE)
    assert workspace_language(workspace) == ("fr", None)


def test_opening_another_workspace_applies_its_language(
    qtbot, workspace: Workspace, sample: Sample, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace)
    assert i18n.current_language() == "en"
    other = tmp_path / "otro.fieldkit"
    with Workspace(other) as ws:
        ws.set_setting(keys.INTERFACE_LANGUAGE, "es_BO")
    new_window = window.controller.workspace_actions.switch_to(other)
    assert isinstance(new_window, MainWindow)
    try:
        assert (i18n.current_language(), i18n.current_locale()) == ("es", "es_BO")
        assert new_window.file_menu.title() == "&Archivo"
        assert new_window.windowTitle().endswith("— fieldkit")
        assert new_window.nav_list.item(0).text() != "Overview"
    finally:
        new_window.close()
    # Back to a workspace without a language: the environment's (English in the tests).
    back = new_window.controller.workspace_actions.switch_to(workspace.path)
    assert back is None  # still open in this process (the fixture holds it): refused plainly
    for box in qtbot_message_boxes():
        box.close()


def qtbot_message_boxes() -> list[QMessageBox]:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def test_the_checkin_ready_banner_follows_a_switch(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.encounter.id)
    window.show_page("checkin")
    page = window.page("checkin")
    qtbot.waitUntil(lambda: page.door.target is not None)
    before = banner_texts(page)
    assert any("Type a name or scan a badge" in text for text in before), before
    window.controller.set_interface_language("fr")
    after = banner_texts(page)
    assert not any("Type a name" in text for text in after), after
    assert any("Tapez" in text or "Saisissez" in text for text in after), after


def banner_texts(page) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in page.view.banner.findChildren(QLabel)]


def test_the_checked_in_column_is_wide_enough_in_french(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.encounter.id)
    window.controller.set_interface_language("fr")
    window.show_page("checkin")
    view = window.page("checkin").view
    header = view.results_view.horizontalHeader()
    column = ResultsModel.COL_STATUS
    model = view.results_view.model()
    assert model.headerData(column, header.orientation()) == "Arrivée enregistrée"
    assert header.sectionSize(column) >= header.sectionSizeHint(column)


def test_the_logo_buttons_do_not_overlap_the_logo_in_french(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = open_window(qtbot, workspace)
    window.controller.set_interface_language("fr")
    dialog = window.controller.workspace_actions.show_settings()
    qtbot.waitExposed(dialog)
    assert dialog.logo_button.text() == "Choisir…"
    preview = dialog.logo_preview.geometry()
    for button in (dialog.logo_button, dialog.remove_logo_button):
        assert not preview.intersects(button.geometry())
        assert button.width() >= button.sizeHint().width()
    dialog.close()


def test_the_language_setting_keys_are_named_once() -> None:
    for key in ("interface_language", "output_language", "formats"):
        # A key written as a value: `NAME = "key"` or `setting("key")`.
        written = re.compile(rf'(=\s*|setting\(\s*)["\']{key}["\']')
        places = [
            path.relative_to(SRC).as_posix()
            for path in SRC.rglob("*.py")
            if written.search(path.read_text(encoding="utf-8"))
        ]
        assert places == ["i18n.py"], (key, places)


def test_agenda_checkin_and_notes_write_a_time_the_same_way(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    """'3:00 PM' on the agenda, the check-in chooser and the notes alike (not '15:00')."""
    from fieldkit.core.ids import new_id
    from fieldkit.gui.agenda.text import session_time_text
    from fieldkit.gui.checkin.messages import target_text

    day = workspace.event_days(sample.encounter.id)[0]
    session = Session(
        id=new_id(), day_id=day.id, start_time="15:00", end_time="16:30", title="Plenaria"
    )
    workspace.save(session)
    assert session_time_text(session).startswith("3:00\u202fPM") or session_time_text(
        session
    ).startswith("3:00 PM")
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.encounter.id)
    window.show_page("checkin")
    page = window.page("checkin")
    qtbot.waitUntil(lambda: bool(page.door.targets))
    target = next(t for t in page.door.targets if t.session.id == session.id)
    assert i18n.time_text("15:00") in target_text(target)
    window.show_page("notes")
    notes = window.page("notes")
    labels = [notes._target_label(t) for t in notes.targets if t.session_id == session.id]
    expected = i18n.datetime_text(dt.datetime.combine(day.date, dt.time(15)))
    assert labels and labels[0].startswith(expected), (labels, expected)


def test_screenshots_in_another_language_are_named_with_it(qapp, tmp_path: Path, fake_demo) -> None:
    from PySide6.QtGui import QImage

    from fieldkit.gui.shell import screenshots

    out = tmp_path / "shots"
    shots = ["main-window", "agenda", "people", "settings"]
    assert screenshots.main([str(out), "--only", *shots, "--language", "fr"]) == 0
    names = sorted(path.name for path in out.iterdir())
    assert names == ["agenda-fr.png", "main-window-fr.png", "people-fr.png", "settings-fr.png"]
    assert i18n.current_language() == "fr"
    image = QImage(str(out / "agenda-fr.png"))
    assert (image.width(), image.height()) == screenshots.SIZE


def test_the_window_opens_in_the_language_of_lang(
    qapp, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`fieldkit --lang es_PE` wins over the workspace's setting, for this run."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from fieldkit.cli import main

    with Workspace(db_path) as ws:
        ws.set_setting(keys.INTERFACE_LANGUAGE, "fr")
        ws.set_setting("demo_offered", True)
    monkeypatch.setattr(
        "fieldkit.system_libraries.missing_packages", lambda: []
    )  # the window's libraries are there in the tests
    seen: dict[str, object] = {}

    def look_and_quit() -> None:
        seen["language"] = (i18n.current_language(), i18n.current_locale())
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        for window in windows:
            if window.isVisible():
                seen["menu"] = window.file_menu.title()
                window.close()

    QTimer.singleShot(0, look_and_quit)
    try:
        assert main(["--db", str(db_path), "--lang", "es_PE"]) == 0
    finally:
        qt_language.set_language_override(None)
    assert seen == {"language": ("es", "es_PE"), "menu": "&Archivo"}


def test_lang_refuses_an_unknown_language_in_one_sentence(capsys) -> None:
    from fieldkit.cli import main

    with pytest.raises(SystemExit):
        main(["--lang", "klingon"])
    assert "klingon is not a language fieldkit knows" in capsys.readouterr().err
