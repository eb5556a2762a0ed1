"""The Reports page's preview of the first page, the people chosen for badges, and one
certificate per person: each made off the GUI thread and read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage

from fieldkit import demo
from fieldkit.gui.reports import page as page_module
from fieldkit.gui.reports.documents import ATTENDANCE, BADGES, CERTIFICATES, SHEETS
from fieldkit.gui.reports.page import ReportsPage
from fieldkit.gui.reports.preview import MESSAGE, PAGE, TABLE
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.worker import running_tasks
from fieldkit.reports.certificates import qualifying
from fieldkit.reports.gather import gather_minutes
from fieldkit.store import Workspace

WAIT_MS = 60_000


@pytest.fixture
def encounter(workspace: Workspace) -> str:
    demo.install_demo(workspace)
    return workspace.find_event(demo.ENCOUNTER_CODE).id


@pytest.fixture
def page(qtbot, workspace: Workspace, encounter: str, monkeypatch) -> ReportsPage:
    monkeypatch.setattr(page_module, "open_url", lambda _url: None)  # no viewer in the tests
    widget = ReportsPage(PageContext(workspace))
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    widget.set_event(encounter)
    return widget


def choose(combo, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def settled(qtbot, page: ReportsPage) -> None:
    """Wait for the preview that the last change asked for."""
    qtbot.waitUntil(lambda: page.preview_timer.isActive() or page.preview_task is not None)
    qtbot.waitUntil(
        lambda: not page.preview_timer.isActive() and page.preview_task is None, timeout=WAIT_MS
    )


def inked(image: QImage) -> float:
    """The share of a grid of points of the image that are not white."""
    points = [(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    dark = sum(1 for x, y in points if QColor(image.pixel(x, y)).lightness() < 200)
    return dark / len(points)


def test_the_sign_in_sheets_show_their_first_page(qtbot, page: ReportsPage) -> None:
    choose(page.doc_combo, SHEETS)
    settled(qtbot, page)
    assert page.preview.showing() == PAGE
    pixmap = page.preview.picture.pixmap()
    assert not pixmap.isNull()
    assert pixmap.height() > pixmap.width()  # portrait
    assert 0.02 < inked(pixmap.toImage()) < 0.6  # a page with print on it, not a blank one
    assert re.fullmatch(r"Page 1 of \d+", page.preview.status.text())


def test_the_preview_follows_the_options(qtbot, page: ReportsPage) -> None:
    choose(page.doc_combo, SHEETS)
    settled(qtbot, page)
    portrait = page.preview.picture.pixmap().toImage()
    page.landscape_check.setChecked(True)
    settled(qtbot, page)
    landscape = page.preview.picture.pixmap().toImage()
    assert landscape.width() > landscape.height()
    # Fewer blank rows: the same size of page, another picture (the names are fewer than a page).
    page.day_radio.setChecked(True)
    settled(qtbot, page)
    before = page.preview.picture.pixmap().toImage()
    page.lang_combo.setCurrentIndex(page.lang_combo.findData("fr"))
    settled(qtbot, page)
    after = page.preview.picture.pixmap().toImage()
    assert after.size() == before.size() and after != before
    assert portrait.size() != landscape.size()


def test_a_failed_preview_is_one_sentence(qtbot, page: ReportsPage, monkeypatch) -> None:
    def broken(_path: Path, dpi: float = 0) -> None:
        raise RuntimeError("no PDFium here")

    monkeypatch.setattr(page_module, "render_first_page", broken)
    choose(page.doc_combo, SHEETS)
    settled(qtbot, page)
    assert page.preview.showing() == MESSAGE
    assert page.preview.message.text() == (
        "The preview is unavailable; the document itself can still be made."
    )
    assert page.preview.picture.pixmap().isNull()


def test_the_attendance_table_shows_its_first_rows(qtbot, page: ReportsPage) -> None:
    choose(page.doc_combo, ATTENDANCE)
    settled(qtbot, page)
    assert page.preview.showing() == TABLE
    table = page.preview.table
    assert table.rowCount() > 3
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert "Surnames" in headings


def test_nobody_ticked_is_said_in_place_of_the_preview(qtbot, page: ReportsPage) -> None:
    choose(page.doc_combo, BADGES)
    page.chosen_radio.setChecked(True)
    settled(qtbot, page)
    assert page.preview.showing() == MESSAGE
    assert page.preview.message.text() == "Tick the people whose badges to make."


def test_no_walk_ins_is_said_in_place_of_the_preview(qtbot, page: ReportsPage) -> None:
    choose(page.doc_combo, BADGES)
    page.walk_ins_radio.setChecked(True)
    settled(qtbot, page)
    assert page.preview.showing() == MESSAGE
    assert "at the door on day 1" in page.preview.message.text()


def test_the_people_ticked_get_their_badges(
    qtbot, page: ReportsPage, workspace: Workspace, encounter: str, tmp_path: Path
) -> None:
    choose(page.doc_combo, BADGES)
    picker = page.picker
    rows = [r for r in workspace.people_rows(encounter) if r.registered]
    first, second = rows[3], rows[17]
    picker.search.setText(first.surnames.split()[0].upper())  # accents and case do not matter
    assert 0 < picker.proxy.rowCount() < len(rows)
    picker.set_chosen([first.id, second.id])
    picker.search.clear()
    assert page.chosen_radio.isChecked()
    assert set(picker.chosen()) == {first.id, second.id}
    settled(qtbot, page)
    assert page.preview.showing() == PAGE
    page.create_pdf(tmp_path / "two.pdf")
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
    assert page.problem == ""
    reader = PdfReader(tmp_path / "two.pdf")
    assert len(reader.pages) == 1
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    for row in rows:  # the badge of each person ticked, and of nobody else
        assert (f"{row.given_names} {row.surnames}" in text) == (row.id in (first.id, second.id))


def test_one_certificate_per_person_in_a_folder(
    qtbot, page: ReportsPage, workspace: Workspace, tmp_path: Path
) -> None:
    choose(page.doc_combo, CERTIFICATES)
    page.separate_check.setChecked(True)
    assert page.default_path().suffix == ""  # a folder
    folder = tmp_path / "certificates"
    page.create_pdf(folder)
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
    assert page.problem == ""
    expected = qualifying(
        gather_minutes(workspace, demo.ENCOUNTER_CODE), page.min_days_spin.value()
    )
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == len(expected) > 1
    assert page.made is not None and page.made.count == len(expected)
    for file, certificate in zip(files, expected, strict=True):
        reader = PdfReader(file)
        assert len(reader.pages) == 1
        assert certificate.person.surnames in reader.pages[0].extract_text()
    assert f"Saved {len(expected)} certificates" in page.result.text()


def test_a_page_closed_during_its_preview_leaves_nothing_running(
    qtbot, workspace: Workspace, encounter: str
) -> None:
    widget = ReportsPage(PageContext(workspace))
    widget.resize(1280, 720)
    widget.show()
    widget.set_event(encounter)
    choose(widget.doc_combo, SHEETS)
    qtbot.waitUntil(lambda: widget.preview_task is not None)
    widget.close()
    widget.deleteLater()
    qtbot.waitUntil(lambda: running_tasks() == 0, timeout=WAIT_MS)
