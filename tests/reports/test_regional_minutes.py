"""Minutes in a regional variant: the language's words, the region's formats (`--lang es_PE`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.reports.conftest import all_text

from fieldkit import i18n
from fieldkit.cli import main
from fieldkit.demo import ENCOUNTER_CODE
from fieldkit.reports.service import output_language, report_locale
from fieldkit.store import Workspace


def _minutes(db: Path, out: Path, *args: str) -> str:
    assert (
        main(["--db", str(db), "minutes", ENCOUNTER_CODE, "--day", "1", "--out", str(out), *args])
        == 0
    )
    return all_text(out).replace("\u202f", " ").replace("\u00a0", " ")


def test_peruvian_minutes_use_spanish_words_and_peruvian_times(
    demo_db: Path, tmp_path: Path
) -> None:
    spain = _minutes(demo_db, tmp_path / "es.pdf", "--lang", "es")
    peru = _minutes(demo_db, tmp_path / "pe.pdf", "--lang", "es_PE")
    assert "Ayuda memoria del día 1" in spain and "Ayuda memoria del día 1" in peru
    # CLDR: Peru writes a 12-hour clock ('9:00 a. m.'), Spain a 24-hour one ('9:00').
    assert "a. m." in peru
    assert "a. m." not in spain


def test_an_unknown_language_is_refused_in_one_sentence(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "de.pdf"
    with pytest.raises(SystemExit):
        main(["--db", str(demo_db), "minutes", ENCOUNTER_CODE, "--out", str(out), "--lang", "de"])
    assert "de is not a language fieldkit knows" in capsys.readouterr().err
    assert not out.exists()


def test_the_output_setting_may_be_regional(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.sqlite"
    db.write_bytes(demo_db.read_bytes())
    with Workspace(db) as ws:
        ws.set_setting("output_language", "es_PE")
    assert "a. m." in _minutes(db, tmp_path / "setting.pdf")


def test_a_bare_language_takes_the_region_of_the_window() -> None:
    try:
        i18n.set_language("es_BO")
        assert report_locale("es") == "es_BO"
        assert report_locale("fr") == "fr"
        assert report_locale("es_PE") == "es_PE"
    finally:
        i18n.set_language("en")


def test_the_region_of_the_output_setting_comes_first(workspace: Workspace) -> None:
    workspace.set_setting("output_language", "es_PE")
    try:
        i18n.set_language("es_BO")
        assert report_locale("es", workspace) == "es_PE"
        assert output_language(workspace) == "es_PE"
    finally:
        i18n.set_language("en")


def test_french_words_with_peruvian_formats_print_french_minutes(workspace: Workspace) -> None:
    """The window's formats say how to write numbers, not in which language."""
    try:
        i18n.set_language("fr", "es_PE")
        assert output_language(workspace) == "fr"
    finally:
        i18n.set_language("en")
