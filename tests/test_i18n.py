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


@pytest.fixture
def english():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_PE.UTF-8"}, ("es", "es_PE")),
        ({"LANG": "es_BO.UTF-8"}, ("es", "es_BO")),
        ({"LC_ALL": "fr_CA.UTF-8"}, ("fr", "fr_CA")),
        # Quechua first: Spanish messages, and the region of the system for the formats.
        ({"LANGUAGE": "qu:es", "LANG": "qu_PE.UTF-8"}, ("es", "es_PE")),
        ({"LANGUAGE": "fr", "LANG": "C.UTF-8"}, ("fr", "fr")),
        ({"FIELDKIT_LANG": "pseudo", "LANG": "fr_CA.UTF-8"}, ("pseudo", "en")),
        ({"FIELDKIT_LANG": "en_GB", "LANG": "fr_FR.UTF-8"}, ("en", "en_GB")),
        # No German: English words, German formats, as the computer is set.
        ({"LANG": "de_DE.UTF-8"}, ("en", "en_DE")),
        ({"LANG": "C"}, ("en", "en")),
    ],
)
def test_the_environment_gives_a_language_and_regional_formats(
    environ: dict[str, str], expected: tuple[str, str]
) -> None:
    assert i18n.locale_from_environment(environ) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fr_CA", ("fr", "fr_CA")),
        ("es-pe", ("es", "es_PE")),
        ("es_BO.UTF-8", ("es", "es_BO")),
        ("en", ("en", "en")),
        ("fr_XX", ("fr", "fr")),  # a region CLDR does not know keeps the language
        ("pseudo", ("pseudo", "en")),
        ("de_DE", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_language_names_are_read_with_their_region(value: object, expected: object) -> None:
    assert i18n.parse_language(value) == expected


def test_a_regional_variant_is_not_collapsed(english: None) -> None:
    assert i18n.set_language("es_PE") == "es"
    assert i18n.current_locale() == "es_PE"
    assert i18n.format_number(1234567.5) == "1,234,567.5"  # CLDR es_PE
    assert i18n._("Settings") == "Configuración"
    i18n.set_language("es_BO")
    assert i18n.format_number(1234567.5) == "1.234.567,5"
    i18n.set_language("fr_CA")
    assert (i18n.current_language(), i18n.current_locale()) == ("fr", "fr_CA")
    assert i18n.time_text("15:00") == "15 h 00"


def test_messages_and_formats_are_set_apart(english: None) -> None:
    i18n.set_language("en", "es_PE")
    assert i18n._("Settings") == "Settings"
    assert i18n.format_number(1234.5) == "1,234.5"
    i18n.set_language("fr", "en_GB")
    assert i18n._("Settings") != "Settings"
    assert i18n.date_text(dt.date(2008, 3, 22)) == "22 Mar 2008"
    # An explicit locale wins over the window's, as a report passes its reader's.
    assert i18n.format_number(1234.5, "es_BO") == "1.234,5"


@pytest.mark.parametrize(
    ("locale", "date", "time", "moment"),
    [
        ("en", "Mar 22, 2008", "3:00\u202fPM", "Mar 22, 2008, 3:00\u202fPM"),
        ("en_GB", "22 Mar 2008", "15:00", "22 Mar 2008, 15:00"),
        ("fr", "22 mars 2008", "15:00", "22 mars 2008, 15:00"),
        ("fr_CA", "22 mars 2008", "15 h 00", "22 mars 2008, 15 h 00"),
        ("es", "22 mar 2008", "15:00", "22 mar 2008, 15:00"),
    ],
)
def test_one_date_one_time_one_moment_format_per_locale(
    locale: str, date: str, time: str, moment: str
) -> None:
    day = dt.date(2008, 3, 22)
    assert i18n.date_text(day, locale) == date
    assert i18n.time_text(dt.time(15, 0), locale) == time
    assert i18n.time_text("15:00", locale) == time  # as stored
    assert i18n.datetime_text(dt.datetime(2008, 3, 22, 15, 0), locale) == moment
    assert i18n.date_time_text(day, "15:00", locale) == moment
    assert i18n.date_time_text(None, "15:00", locale) == time
    assert i18n.date_time_text(day, "", locale) == date


def test_a_time_that_is_not_one_is_shown_as_typed() -> None:
    assert i18n.time_text("after lunch", "fr") == "after lunch"


def test_the_pseudo_language_marks_and_lengthens_every_message(english: None) -> None:
    i18n.set_language("pseudo")
    text = i18n._("Save {name} in <b>{folder}</b>")
    assert text.startswith("[") and text.endswith("]")
    assert "{name}" in text and "{folder}" in text and "<b>" in text
    assert text.format(name="x", folder="y")  # placeholders still work
    assert len(i18n._("Settings")) >= len("Settings") * 4 // 3
    assert i18n._("Settings") != "[Settings]"  # accented: a glued English fragment shows
    assert i18n.ngettext("{count} person", "{count} people", 1).count("{count}") == 1
    assert "ö" in i18n.ngettext("{count} person", "{count} people", 2)
    assert i18n.pgettext("field", "start time").startswith("[")
    assert i18n._("&Open").startswith("[&O")  # the mnemonic letter stays
    assert i18n.format_number(1234.5) == "1,234.5"  # formats stay readable
    assert i18n.current_language() == "pseudo"


def test_report_text_takes_a_regional_variant() -> None:
    from fieldkit.reports.text import ReportText

    text = ReportText("es_PE")
    assert text.number(1234567) == "1,234,567"
    assert text._("Page {page} of {pages}") != "Page {page} of {pages}"
    with pytest.raises(ValueError):
        ReportText("pseudo")


def test_no_message_is_written_inside_an_f_string() -> None:
    """The extraction of the catalogs does not see `_('…')` inside an f-string: such a message
    was never translated ('Open the PDF' stayed English in a Spanish window)."""
    import ast

    keywords = {"_", "N_", "ngettext", "pgettext"}
    found = []
    for path in sorted((ROOT / "src" / "fieldkit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in keywords
                ):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert found == []
