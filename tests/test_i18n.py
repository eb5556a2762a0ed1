import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit import i18n

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANGUAGE": "es:en"}, "es"),
        ({"LANGUAGE": "", "LC_ALL": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "es_BO.UTF-8"}, "es"),
        ({"LANG": "qu_PE.UTF-8", "LANGUAGE": "qu:es"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_comes_from_the_environment_variables(
    environ: dict[str, str], language: str
) -> None:
    assert i18n.language_from_environment(environ) == language


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "15 mars 2008"), ("es", "15 de marzo de 2008"), ("en", "March 15, 2008")],
)
def test_dates_are_formatted_for_the_reader(language: str, text: str) -> None:
    assert i18n.format_date(dt.date(2008, 3, 15), language) == text


def test_a_date_range_in_french() -> None:
    assert i18n.format_date_range(dt.date(2008, 3, 15), dt.date(2008, 3, 30), "fr") == (
        "15–30 mars 2008"
    )


def test_the_interface_language_switches_at_run_time() -> None:
    try:
        i18n.set_language("fr")
        assert i18n._("This workspace has no events yet.") != "This workspace has no events yet."
        i18n.set_language("es")
        assert "eventos" in i18n._("This workspace has no events yet.")
    finally:
        i18n.set_language("en")
    assert i18n._("This workspace has no events yet.") == "This workspace has no events yet."


def test_the_catalogs_are_up_to_date_with_the_code() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_no_translation_is_a_guess() -> None:
    """A fuzzy entry is a machine's guess from a similar message; it must never ship."""
    from babel.messages.pofile import read_po

    for language in ("fr", "es"):
        path = ROOT / "translations" / language / "LC_MESSAGES" / "fieldkit.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        assert [m.id for m in catalog if m.id and m.fuzzy] == []
