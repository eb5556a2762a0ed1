"""The Reports page makes every document of its list, with its options, in the background."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from fieldkit import demo
from fieldkit.gui.reports.documents import ATTENDANCE, BADGES, CERTIFICATES, DOCUMENTS, SHEETS
from fieldkit.gui.reports.page import ReportsPage
from fieldkit.gui.shell.context import PageContext
from fieldkit.store import Workspace

WAIT_MS = 60_000


@pytest.fixture
def page(qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> ReportsPage:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    demo.install_demo(workspace)
    widget = ReportsPage(PageContext(workspace))
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.set_event(workspace.find_event(demo.ENCOUNTER_CODE).id)
    return widget


def choose(combo, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def make(qtbot, page: ReportsPage, path: Path) -> Path:
    page.create_pdf(path)
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
    assert page.problem == ""
    assert page.made is not None
    return page.made.path


def test_every_document_is_in_the_list(page: ReportsPage) -> None:
    assert [page.doc_combo.itemData(i) for i in range(page.doc_combo.count())] == list(DOCUMENTS)
    assert all(page.doc_combo.itemText(i) for i in range(page.doc_combo.count()))


def test_sign_in_sheets_with_their_options(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    choose(page.doc_combo, SHEETS)
    assert page.blank_spin.isVisible() and not page.hide_spin.isVisible()
    page.day_radio.setChecked(True)
    page.blank_spin.setValue(4)
    page.landscape_check.setChecked(True)
    assert page.default_path().name.endswith(".pdf")
    out = make(qtbot, page, tmp_path / "sheets.pdf")
    first = PdfReader(out).pages[0]
    assert first.mediabox.width > first.mediabox.height  # landscape
    assert "Day 1" in first.extract_text()


def test_badges_and_certificates(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    choose(page.doc_combo, BADGES)
    assert not page.what_box.isVisible() and page.layout_combo.isVisible()
    choose(page.layout_combo, "2x5")
    badges = make(qtbot, page, tmp_path / "badges.pdf")
    assert len(PdfReader(badges).pages) == 9  # 90 people, 10 a page
    choose(page.doc_combo, CERTIFICATES)
    assert page.min_days_spin.value() == 2  # at least half of three days
    page.min_days_spin.setValue(3)
    certificates = make(qtbot, page, tmp_path / "certificates.pdf")
    assert 0 < len(PdfReader(certificates).pages) < 90


def test_the_attendance_table_in_both_formats(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    choose(page.doc_combo, ATTENDANCE)
    assert page.default_path().suffix == ".xlsx"
    page.redacted_check.setChecked(True)
    book = openpyxl.load_workbook(make(qtbot, page, tmp_path / "table"))
    assert len(book.worksheets) == 2
    choose(page.format_combo, ".csv")
    out = make(qtbot, page, tmp_path / "table.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Phone" not in out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert isinstance(QUrl.fromLocalFile(str(out)), QUrl)
