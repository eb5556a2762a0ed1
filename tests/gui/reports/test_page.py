"""The Reports page: the minutes of an event, a day, a session — made off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from fieldkit import demo
from fieldkit.core.model import Session, SessionKind
from fieldkit.gui.reports.page import LAST_SETTING, ReportsPage, documents_folder
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.pages import PAGES
from fieldkit.reports.service import LANGUAGE_SETTING, PAPER_SETTING
from fieldkit.store import Workspace

WAIT_MS = 60_000


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """The URLs the page asks the system to open (no viewer starts in the tests)."""
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


@pytest.fixture
def encounter(workspace: Workspace) -> str:
    demo.install_demo(workspace)
    return workspace.find_event(demo.ENCOUNTER_CODE).id


@pytest.fixture
def page(qtbot, workspace: Workspace, encounter: str) -> ReportsPage:
    widget = ReportsPage(PageContext(workspace))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_event(encounter)
    return widget


def choose(combo, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def save_through_dialog(qtbot, page: ReportsPage, target: Path) -> str:
    """Press Create PDF…, answer the Save-as dialog with `target`; the suggested file name."""
    page.create_button.click()
    dialog = page.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()  # open(), not exec()
    suggested = dialog.selectedFiles()[0]
    dialog.fileSelected.emit(str(target))
    dialog.close()
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
    return suggested


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_window_registers_the_page(qtbot, workspace: Workspace) -> None:
    spec = next(spec for spec in PAGES if spec.key == "reports")
    made = spec.factory(PageContext(workspace))
    assert isinstance(made, ReportsPage)
    made.deleteLater()


def test_the_event_in_spanish(
    qtbot, page: ReportsPage, workspace: Workspace, opened: list[QUrl], tmp_path: Path
) -> None:
    assert page.event_radio.isChecked()
    choose(page.lang_combo, "es")
    target = tmp_path / "actas.pdf"
    suggested = save_through_dialog(qtbot, page, target)
    assert Path(suggested) == documents_folder() / "PE-BO-2021-minutes-es.pdf"
    assert target.is_file() and not page.problem
    assert [url.toLocalFile() for url in opened] == [str(target)]
    done, total = page.last_progress
    assert done == total > 0  # the bar went to its end
    assert page.progress_bar.isHidden()
    result = page.result.text()
    assert "actas.pdf" in result and "Open its folder" in result
    text = pdf_text(target)
    assert "Índice" in text and "11 de octubre de 2021" in text
    # The link opens the folder.
    folder_url = QUrl.fromLocalFile(str(tmp_path)).toString()
    assert folder_url in result
    page.result.linkActivated.emit(folder_url)
    assert opened[-1].toLocalFile() == str(tmp_path)
    # The choices are kept; the workspace's own language and paper are left to the Settings.
    last = workspace.setting(LAST_SETTING)
    assert last["lang"] == "es" and last["scope"] == "event" and last["paper"] == "a4"
    assert workspace.setting(LANGUAGE_SETTING) is None
    assert workspace.setting(PAPER_SETTING) is None


def test_a_days_minutes(
    qtbot, page: ReportsPage, workspace: Workspace, opened: list[QUrl], tmp_path: Path
) -> None:
    days = workspace.event_days(page.event_id or "")
    assert page.day_combo.count() == 3 and not page.day_combo.isEnabled()
    assert "Día 2" in page.day_combo.itemText(1)
    page.day_radio.click()
    assert page.day_combo.isEnabled()
    choose(page.day_combo, days[1].id)
    choose(page.lang_combo, "en")
    choose(page.paper_combo, "letter")
    target = tmp_path / "day.pdf"
    suggested = save_through_dialog(qtbot, page, target)
    assert Path(suggested).name == "PE-BO-2021-minutes-2021-10-12-en.pdf"
    assert page.request() is not None and page.request().day == 2  # type: ignore[union-attr]
    assert target.is_file() and opened
    reader = PdfReader(target)
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter
    text = pdf_text(target)
    assert "Eje 2" in text and "Eje 3" not in text
    assert workspace.setting(LAST_SETTING)["day"] == days[1].id


def test_a_sessions_minutes_with_small_counts_hidden(
    qtbot, page: ReportsPage, workspace: Workspace, opened: list[QUrl], tmp_path: Path
) -> None:
    sessions = workspace.event_sessions(page.event_id or "")
    shown = [s for s in sessions if s.kind != SessionKind.ARRIVAL]
    assert page.session_combo.count() == len(shown) < len(sessions)  # no check-in sessions
    session = next(s for s in shown if s.title.startswith("Clausura"))
    choose(page.session_combo, session.id)
    assert "15:45" in page.session_combo.currentText() or "3:45" in page.session_combo.currentText()
    page.session_radio.click()
    choose(page.lang_combo, "fr")
    page.hide_spin.setValue(5)
    target = tmp_path / "session.pdf"
    suggested = save_through_dialog(qtbot, page, target)
    assert Path(suggested).name == "PE-BO-2021-minutes-2021-10-13-1545-fr.pdf"
    assert target.is_file()
    text = pdf_text(target)
    assert "Clausura" in text and "Inauguración y presentación" not in text
    assert workspace.setting(LAST_SETTING)["hide_below"] == 5
    # A new page (the next start) comes back to the same choices.
    again = ReportsPage(PageContext(workspace))
    qtbot.addWidget(again)
    again.set_event(page.event_id)
    assert again.session_radio.isChecked() and again.session_combo.currentData() == session.id
    assert again.language() == "fr" and again.hide_spin.value() == 5


def test_the_combos_follow_the_selected_event(
    qtbot, page: ReportsPage, workspace: Workspace
) -> None:
    mission = workspace.find_event(demo.MISSION_CODE)
    page.set_event(mission.id)
    assert page.day_combo.count() == 7 and page.session_combo.count() == 11
    assert "Journée mondiale" in page.day_combo.itemText(3)
    assert "EAU-BOL-2008" in page.event_name.text()
    assert page.default_path().name == "EAU-BOL-2008-minutes-" + page.language() + ".pdf"
    page.set_event(None)
    assert page.form.isHidden() and not page.no_event.isHidden()
    assert not page.create_button.isEnabled()
    page.set_event(mission.id)
    assert page.form.isVisible() and page.create_button.isEnabled()


def test_a_refused_request_is_one_sentence_in_the_page(
    qtbot, page: ReportsPage, workspace: Workspace, opened: list[QUrl], tmp_path: Path
) -> None:
    session_id = page.session_combo.itemData(2)
    choose(page.session_combo, session_id)
    page.session_radio.click()
    workspace.delete(Session, session_id)  # on another laptop's import, say: not seen yet
    target = tmp_path / "gone.pdf"
    save_through_dialog(qtbot, page, target)
    assert not target.exists() and not opened
    assert "has no session" in page.problem
    assert page.result.text().startswith("The event PE-BO-2021 has no session")
    assert "b00020" in page.result.styleSheet()
    assert page.create_button.isEnabled()
