"""The report's words: every string has its French and Spanish translation, placeholders kept."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

import fieldkit.reports
from fieldkit.paths import translations_dir
from fieldkit.reports.text import ReportText

REPORTS = Path(fieldkit.reports.__file__).parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# The modules whose strings the reader sees (gather.py speaks to the user, in the app's language).
PRINTED = ("text", "story", "sections", "figures_section", "annex", "minutes")


def _used() -> set[tuple[str | None, str]]:
    used = set()
    for name in PRINTED:
        for _, message, _, context in extract_from_file(
            "python", str(REPORTS / f"{name}.py"), keywords=KEYWORDS
        ):
            used.add((context, message if isinstance(message, str) else message[0]))
    return used


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_printed_string_is_translated(lang: str) -> None:
    with (translations_dir() / lang / "LC_MESSAGES" / "fieldkit.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id
    }
    missing = _used() - translated.keys()
    assert not missing
    for message in translated.values():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), message.id
        allowed = set().union(*(_placeholders(i) for i in ids))
        for string in strings:
            # A plural form may name the count that its singular source leaves out.
            assert _placeholders(string) <= allowed, message.id
            if len(ids) == 1:
                assert _placeholders(string) == allowed, message.id


def test_the_language_of_a_report_is_not_the_interface_language() -> None:
    from fieldkit import i18n

    assert i18n.current_language() == "en"
    assert ReportText("es")._("Attendance figures") == "Cifras de asistencia"
    assert ReportText("fr")._("Attendance figures") == "Chiffres de participation"
    assert ReportText("en")._("Attendance figures") == "Attendance figures"


def test_dates_times_and_numbers_in_the_reader_language() -> None:
    es, fr, en = ReportText("es"), ReportText("fr"), ReportText("en")
    assert es.date(dt.date(2021, 10, 11)) == "11 de octubre de 2021"
    assert fr.date(dt.date(2008, 3, 15)) == "15 mars 2008"
    assert fr.date_range(dt.date(2021, 10, 11), dt.date(2021, 10, 13)) == "11–13 octobre 2021"
    assert en.time("14:30") == "2:30\u202fPM" or en.time("14:30") == "2:30 PM"
    assert fr.time("14:30") == "14:30"
    assert fr.number(1234) == "1\u202f234"
    assert es.ngettext("{count} member", "{count} members", 1) == "{count} integrante"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="qu"):
        ReportText("qu")
