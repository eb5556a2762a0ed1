"""Translated strings and locale-aware formatting.

`_`, `N_`, `ngettext` and `pgettext` look up the catalog of the current interface language; they
are never installed into builtins. The language comes from the settings when the app has them,
else from LANGUAGE, LC_ALL or LANG read directly: system locales are often not installed, and
Babel's CLDR data does not need them. The language of a PDF is passed explicitly to the
formatting helpers and to `translator(lang)`, independent of the interface language.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import os
from collections.abc import Sequence

from babel import Locale, dates, lists, numbers
from babel.support import NullTranslations, Translations

from fieldkit.paths import translations_dir

DOMAIN = "fieldkit"
LANGUAGES = ("en", "fr", "es")
DEFAULT_LANGUAGE = "en"

_current: gettext.NullTranslations = NullTranslations()
_current_language = DEFAULT_LANGUAGE


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """The first supported language named by LANGUAGE, LC_ALL or LANG ('fr_CA.UTF-8' -> 'fr')."""
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LANG"):
        for item in env.get(variable, "").split(":"):
            code = item.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@functools.cache
def translator(language: str) -> gettext.NullTranslations:
    """The catalog of one language (English needs none: the source strings are English)."""
    if language not in LANGUAGES or language == DEFAULT_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(translations_dir()), [language], DOMAIN)


def set_language(language: str | None = None) -> str:
    """Switch the interface language; None means the environment's. Returns the language used."""
    global _current, _current_language
    chosen = language if language in LANGUAGES else language_from_environment()
    _current = translator(chosen)
    _current_language = chosen
    return chosen


def current_language() -> str:
    return _current_language


def _(message: str) -> str:
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _current.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    return _current.pgettext(context, message)


def format_date(value: dt.date, language: str, form: str = "long") -> str:
    """'15 mars 2008', '15 de marzo de 2008', 'March 15, 2008'."""
    return dates.format_date(value, format=form, locale=Locale.parse(language))


def format_time(value: dt.time | dt.datetime, language: str) -> str:
    return dates.format_time(value, format="short", locale=Locale.parse(language))


def format_number(value: int | float, language: str) -> str:
    return numbers.format_decimal(value, locale=Locale.parse(language))


def format_list(items: Sequence[str], language: str) -> str:
    return lists.format_list(list(items), locale=Locale.parse(language))


def format_date_range(start: dt.date, end: dt.date, language: str) -> str:
    """'15–30 mars 2008' in the reader's language."""
    return dates.format_interval(start, end, skeleton="yMMMMd", locale=Locale.parse(language))


set_language()
