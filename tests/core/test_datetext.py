"""Typed dates and times: the forms people use in each language, and what is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldkit import i18n
from fieldkit.core.datetext import (
    DateTextError,
    numeric_order,
    parse_date,
    parse_time,
)

TODAY = dt.date(2026, 12, 1)
JUNE_30 = dt.date(2008, 6, 30)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "20080630"),
        ("fr", "2008-06-30"),
        ("fr", "30/06/2008"),
        ("fr", "30.06.2008"),
        ("fr", "30-06-08"),
        ("fr", "300608"),
        ("fr", "30062008"),
        ("fr", "30 juin 2008"),
        ("fr", "30 JUIN 08"),
        ("fr", "lundi 30 juin 2008"),
        ("fr", "  30  juin  2008 "),
        ("es", "30/6/2008"),
        ("es", "30 de junio de 2008"),
        ("es", "lunes, 30 de junio de 2008"),
        ("es", "30 jun 2008"),
        ("en", "6/30/2008"),
        ("en", "06302008"),
        ("en", "June 30, 2008"),
        ("en", "Jun 30th 2008"),
        ("en", "Monday, June 30, 2008"),
        ("en", "30/6/2008"),  # only one reading is a date
        ("en", "2008-06-30"),
        ("fr_CA", "2008-06-30"),
        ("fr_CA", "30-06-2008"),
    ],
)
def test_the_usual_forms_of_each_language(language: str, text: str) -> None:
    assert parse_date(text, language, today=TODAY) == JUNE_30


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "1er mars 2008", dt.date(2008, 3, 1)),
        ("fr", "22 fevrier 2008", dt.date(2008, 2, 22)),  # accents optional
        ("fr", "22 févr. 2008", dt.date(2008, 2, 22)),
        ("fr", "3 aout 2009", dt.date(2009, 8, 3)),
        ("es", "30 mar 2008", dt.date(2008, 3, 30)),  # 'mar' is also Tuesday
        ("es", "15 de marzo de 2008", dt.date(2008, 3, 15)),
        ("fr", "15 mars", dt.date(2026, 3, 15)),  # no year: this year
        ("fr", "3006", dt.date(2026, 6, 30)),
        ("fr", "12", dt.date(2026, 12, 12)),  # a day of this month
        ("fr", "15/01/27", dt.date(2027, 1, 15)),
        ("fr", "15/01/99", dt.date(1999, 1, 15)),
        ("en", "1/2/2008", dt.date(2008, 1, 2)),  # month first in English
        ("fr", "1/2/2008", dt.date(2008, 2, 1)),
        ("fr", "15 March 2008", dt.date(2008, 3, 15)),  # English month names in French too
    ],
)
def test_explicit_dates(language: str, text: str, expected: dt.date) -> None:
    assert parse_date(text, language, today=TODAY) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_an_empty_text_is_no_date(text: str) -> None:
    assert parse_date(text, "fr") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/02/2008", "31"),
        ("29/02/2009", "29"),
        ("30/13/2008", "13"),
        ("30/06/0208", "208"),
        ("bof", "bof"),
        ("juin 2008", "juin 2008"),
        ("30 juin juillet 2008", "juillet"),
        ("1/2/3/4", "1/2/3/4"),
        ("2008063", "2008063"),
    ],
)
def test_impossible_dates_are_refused_with_a_sentence(text: str, words: str) -> None:
    with pytest.raises(DateTextError) as refused:
        parse_date(text, "fr", today=TODAY)
    assert words in refused.value.message
    assert refused.value.message.endswith(".")


def test_the_numeric_order_comes_from_the_locale() -> None:
    assert numeric_order("fr") == "dmy"
    assert numeric_order("es") == "dmy"
    assert numeric_order("en") == "mdy"
    assert numeric_order("fr_CA") == "ymd"


LANGUAGES = ["en", "fr", "es", "fr_CA", "en_GB", "es_BO"]


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)),
    st.sampled_from(LANGUAGES),
    st.sampled_from(["medium", "long", "full"]),
)
def test_a_formatted_date_reads_back(value: dt.date, language: str, form: str) -> None:
    assert parse_date(i18n.format_date(value, language, form), language, today=TODAY) == value


@given(
    st.dates(min_value=dt.date(TODAY.year - 79, 1, 1), max_value=dt.date(TODAY.year + 20, 12, 31)),
    st.sampled_from(LANGUAGES),
)
def test_a_short_date_reads_back_within_the_two_digit_window(value: dt.date, language: str) -> None:
    assert parse_date(i18n.format_date(value, language, "short"), language, today=TODAY) == value


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_iso_and_compact_read_back_in_every_language(value: dt.date) -> None:
    for language in LANGUAGES:
        assert parse_date(value.isoformat(), language, today=TODAY) == value
        assert parse_date(value.strftime("%Y%m%d"), language, today=TODAY) == value


# --- times -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12:30", dt.time(12, 30)),
        ("1230", dt.time(12, 30)),
        ("930", dt.time(9, 30)),
        ("9h30", dt.time(9, 30)),
        ("21 h 30", dt.time(21, 30)),
        ("9:30 pm", dt.time(21, 30)),
        ("9:30 PM", dt.time(21, 30)),
        ("9:30 p. m.", dt.time(21, 30)),
        ("9am", dt.time(9, 0)),
        ("12 am", dt.time(0, 0)),
        ("12 pm", dt.time(12, 0)),
        ("9", dt.time(9, 0)),
        ("9h", dt.time(9, 0)),
        ("12.30", dt.time(12, 30)),
        ("0:00", dt.time(0, 0)),
        ("23:59", dt.time(23, 59)),
    ],
)
def test_times_as_typed(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "--:--"])
def test_an_empty_time_is_no_time(text: str) -> None:
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [("25:00", "25"), ("24:00", "24"), ("12:75", "75"), ("13 pm", "13"), ("bla", "bla")],
)
def test_impossible_times_are_refused(text: str, words: str) -> None:
    with pytest.raises(DateTextError) as refused:
        parse_time(text)
    assert words in refused.value.message


@given(st.times(), st.sampled_from(LANGUAGES))
def test_a_formatted_time_reads_back(value: dt.time, language: str) -> None:
    expected = dt.time(value.hour, value.minute)
    assert parse_time(i18n.format_time(value, language), language) == expected
