"""Files that are not usable participants reports are refused in one sentence."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest

from fieldkit.core.errors import InvalidInput, UserError
from fieldkit.i18n import set_language
from fieldkit.io import video_text
from fieldkit.io.video_report import read_video_report

ZOOM_HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
ZOOM_ROW = "Rosa Quispe,,03/05/2024 10:00:00 AM,03/05/2024 10:30:00 AM,30,Yes\n"


def _refusal(path: Path) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_video_report(path)
    assert isinstance(caught.value, UserError)
    message = caught.value.message
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence
    return message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "The file report.csv is empty."),
        (b"\r\n \r\n\t\r\n", "The file report.csv is empty."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20,
            "The file report.csv is neither a spreadsheet nor a text list.",
        ),
        (
            "Nombre,Correo electrónico,Teléfono\nRosa Quispe,rosa@x.example,71234567\n".encode(),
            "The file report.csv is not a participants report of Zoom, Teams, Google Meet or "
            "BigBlueButton.",
        ),
        (
            b"Topic,ID,Host,Duration (minutes),Start time,End time,Participants\n"
            b"Taller,845,Ana (a@x.example),95,10/12/2021 08:58:30 AM,10/12/2021 10:33:10 AM,6\n",
            "The file report.csv is not a participants report of Zoom, Teams, Google Meet or "
            "BigBlueButton.",
        ),
        (
            b"User Email,Join Time,Leave Time,Duration (Minutes)\n"
            b"rosa@x.example,03/05/2024 10:00:00 AM,03/05/2024 10:30:00 AM,30\n",
            "The report report.csv has no column with the participants' names; export it again "
            "with the names.",
        ),
        (ZOOM_HEADER.encode(), "The report report.csv lists no participants."),
    ],
    ids=["empty", "blank", "binary", "people-list", "meeting-block-only", "no-name", "no-rows"],
)
def test_unusable_files_are_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(content)
    assert _refusal(path) == expected


def test_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "is not a participants report" in _refusal(path)


def test_utf16_without_a_bom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes((ZOOM_HEADER + ZOOM_ROW).encode("utf-16-le"))
    assert _refusal(path) == "The file report.csv is neither a spreadsheet nor a text list."


def test_a_file_too_large_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.csv"
    path.write_text(ZOOM_HEADER + ZOOM_ROW * 16_000, encoding="utf-8")  # 1.1 MB
    monkeypatch.setattr(video_text, "MAX_BYTES", 1_000_000)
    assert _refusal(path) == (
        "The file report.csv is larger than 1 MB, more than a participants report can be."
    )


def test_the_default_size_limit_is_fifty_megabytes() -> None:
    assert video_text.MAX_BYTES == 50_000_000
    assert video_text.MAX_ROWS == 100_000


def test_too_many_rows_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.csv"
    path.write_text(ZOOM_HEADER + ZOOM_ROW * 30, encoding="utf-8")
    monkeypatch.setattr(video_text, "MAX_ROWS", 20)
    assert _refusal(path) == (
        "The file report.csv has more than 20 rows, more than a participants report can be."
    )
    monkeypatch.setattr(video_text, "MAX_ROWS", 31)
    assert len(read_video_report(path).participants) == 1


def test_the_refusals_are_translated(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Nombre,Correo\nAna,a@x.example\n")
    set_language("pseudo")
    try:
        with pytest.raises(InvalidInput) as caught:
            read_video_report(path)
    finally:
        set_language("en")
    assert caught.value.message.startswith("[Thé fîlé report.csv îŝ ñöt")
