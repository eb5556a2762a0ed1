"""Translated strings and locale-aware formatting.

Two settings, kept apart:

- the *message language* ("en", "fr", "es", or "pseudo" to test the layout): which catalog
  `_`, `N_`, `ngettext` and `pgettext` look up. They are never installed into builtins.
- the *formatting locale* ("fr_CA", "es_PE", "en_GB"…): how dates, times and numbers are written.
  A Peruvian reads Spanish messages with `1,234,567.5`; a Bolivian the same messages with
  `1.234.567,5`. The formatting helpers default to it.

Both come from FIELDKIT_LANG when it is set (a tester's choice: 'pseudo', 'es_PE'), else from the
workspace's settings when the app has them, else from LANGUAGE, LC_ALL or LANG read directly:
system locales are often not installed (`locale.setlocale` then fails), and Babel's CLDR data does
not need them. A report passes its reader's language (regional variants
accepted, 'es_PE') explicitly to `translator(lang)` and the formatting helpers, independent of
the window's.

The pseudo-language needs no catalog: each message is made on the fly a third longer, with
accented letters, between brackets ("[Ŝàvé·····]"), so a text that escaped translation or a
label too narrow for a longer language shows at a glance. Placeholders stay intact.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import math
import os
import re
from collections.abc import Sequence
from typing import Literal

from babel import Locale, UnknownLocaleError, dates, lists, numbers
from babel.support import NullTranslations, Translations

from fieldkit.paths import translations_dir

DOMAIN = "fieldkit"
LANGUAGES = ("en", "fr", "es")  # the languages with a catalog (and of the reports)
PSEUDO = "pseudo"
MESSAGE_LANGUAGES = (*LANGUAGES, PSEUDO)
DEFAULT_LANGUAGE = "en"
ENVIRONMENT_VARIABLE = "FIELDKIT_LANG"  # wins over the system's: 'fr_CA', 'es_PE', 'pseudo'

# The workspace settings that hold languages (the window and the reports read them).
INTERFACE_LANGUAGE_SETTING = "interface_language"  # 'fr', 'fr_CA'…; absent: the environment's
OUTPUT_LANGUAGE_SETTING = "output_language"  # the PDFs' language, independent of the window's
FORMATS_SETTING = "formats"  # the window's formatting locale, 'es_PE'; absent: from the language

# "The" formats of the window, one per kind, from the locale's CLDR patterns: every page shows
# a date, a time of day or both the same way.
DATE_FORM = "medium"  # 'Mar 22, 2008', '22 mars 2008', '22 mar 2008'
TIME_FORM = "short"  # '3:00 PM', '15:00', '15 h 00'

_current: gettext.NullTranslations = NullTranslations()
_current_language = DEFAULT_LANGUAGE
_current_locale = DEFAULT_LANGUAGE


# --- language and locale names ----------------------------------------------------------------


@functools.cache
def _known_locale(name: str) -> str | None:
    """'es_PE' when CLDR knows it, else None ('fr_XX', 'zz')."""
    try:
        return str(Locale.parse(name))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def parse_language(value: object) -> tuple[str, str] | None:
    """(message language, formatting locale) named by a setting or a variable, or None.

    'fr_CA.UTF-8' -> ('fr', 'fr_CA'); 'es-PE' -> ('es', 'es_PE'); 'es' -> ('es', 'es');
    'pseudo' -> ('pseudo', 'en'); a region CLDR does not know keeps the language:
    'fr_XX' -> ('fr', 'fr'); 'de_DE', 'C', '' -> None.
    """
    if not isinstance(value, str):
        return None
    name = value.strip().split(".")[0].split("@")[0].replace("-", "_")
    if name.lower() == PSEUDO:
        return PSEUDO, DEFAULT_LANGUAGE
    language, _sep, region = name.partition("_")
    language = language.lower()
    if language not in LANGUAGES:
        return None
    if region:
        regional = _known_locale(f"{language}_{region.upper()}")
        if regional is not None:
            return language, regional
    return language, language


def message_language(value: object) -> str:
    """The catalog's language of a language or locale name ('es_PE' -> 'es'); 'en' if unknown."""
    parsed = parse_language(value)
    return parsed[0] if parsed else DEFAULT_LANGUAGE


def _territory(item: str) -> str | None:
    """The region of an environment entry ('qu_PE.UTF-8' -> 'PE'), if it names one."""
    _language, _sep, region = item.split(".")[0].split("@")[0].replace("-", "_").partition("_")
    return region.upper() if region.isalpha() else None


def _environment_items(env: dict[str, str] | os._Environ[str]) -> list[str]:
    items: list[str] = []
    for variable in (ENVIRONMENT_VARIABLE, "LANGUAGE", "LC_ALL", "LANG"):
        items.extend(item for item in env.get(variable, "").split(":") if item.strip())
    return items


def locale_from_environment(environ: dict[str, str] | None = None) -> tuple[str, str]:
    """(message language, formatting locale) from FIELDKIT_LANG, LANGUAGE, LC_ALL, LANG.

    The language is the first one fieldkit has; the region is the first one named, when CLDR
    knows that language there: LANGUAGE=qu:es with LANG=qu_PE.UTF-8 gives Spanish messages
    with Peruvian formats ('es', 'es_PE').
    """
    env = os.environ if environ is None else environ
    items = _environment_items(env)
    language = DEFAULT_LANGUAGE
    for item in items:
        if item.split(".")[0].lower() in ("c", "posix"):
            break
        parsed = parse_language(item)
        if parsed is not None:
            language = parsed[0]
            if parsed[1] != parsed[0]:
                return parsed  # a regional variant of a language fieldkit has: take it whole
            break
    if language == PSEUDO:
        return PSEUDO, DEFAULT_LANGUAGE
    for item in items:
        region = _territory(item)
        if region:
            regional = _known_locale(f"{language}_{region}")
            if regional is not None:
                return language, regional
    return language, language


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """The first supported language named by the environment ('fr_CA.UTF-8' -> 'fr')."""
    return locale_from_environment(environ)[0]


# --- catalogs ---------------------------------------------------------------------------------


_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|%\([^)]*\)[a-z]|<[^<>]*>|&\w|&&|\n)")
_ACCENTED = str.maketrans(
    "AaCcEeIiNnOoSsUuYyZz",
    "ÀàÇçÉéÎîÑñÖöŜŝÛûÝýŽž",
)


def pseudo(message: str) -> str:
    """'Save {name}' -> '[Ŝàvé {name}···]': a third longer, bracketed, placeholders intact.

    Placeholders (`{name}`, `%(name)s`), markup (`<b>`), mnemonics (`&S`) and line breaks are
    kept as they are; only the letters between them are accented.
    """
    if not message:
        return message
    parts = _PLACEHOLDER.split(message)
    text = "".join(
        part if index % 2 else part.translate(_ACCENTED) for index, part in enumerate(parts)
    )
    visible = sum(len(part) for index, part in enumerate(parts) if not index % 2)
    return f"[{text}{'·' * math.ceil(visible / 3)}]"


class PseudoTranslations(NullTranslations):
    """The pseudo-language: every message made on the fly by `pseudo`."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, singular: str, plural: str, num: int) -> str:
        return pseudo(singular if num == 1 else plural)


@functools.cache
def translator(language: str) -> gettext.NullTranslations:
    """The catalog of one language ('es_PE' reads the Spanish one; English needs none)."""
    if language == PSEUDO:
        return PseudoTranslations()
    code = message_language(language)
    if code == DEFAULT_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(translations_dir()), [code], DOMAIN)


def set_language(language: str | None = None, formats: str | None = None) -> str:
    """Switch the interface language; returns the message language used.

    `language` is a language or a regional variant ('fr', 'fr_CA', 'pseudo'); None or a
    language fieldkit does not have means the environment's. `formats` is the formatting locale
    ('es_PE'); None means the region of `language` if it names one, else the environment's
    region for that language.
    """
    global _current, _current_language, _current_locale
    parsed = parse_language(language) if language else None
    from_environment = locale_from_environment()
    if parsed is None:
        parsed = from_environment
    elif parsed[0] == parsed[1] and parsed[0] == from_environment[0]:
        parsed = from_environment  # 'es' chosen on a Peruvian system: Peruvian formats
    chosen, locale = parsed
    chosen_formats = parse_language(formats) if formats else None
    if chosen_formats is not None and chosen_formats[0] != PSEUDO:
        locale = chosen_formats[1]
    _current = translator(chosen)
    _current_language = chosen
    _current_locale = locale
    return chosen


def current_language() -> str:
    """The message language: 'en', 'fr', 'es' or 'pseudo'."""
    return _current_language


def current_locale() -> str:
    """The formatting locale: 'fr_CA', 'es_PE', 'en', …"""
    return _current_locale


def _(message: str) -> str:
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _current.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    return _current.pgettext(context, message)


# --- formats ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _parsed_locale(name: str) -> Locale:
    parsed = parse_language(name)
    return Locale.parse(parsed[1] if parsed else DEFAULT_LANGUAGE)


def babel_locale(locale: str | None = None) -> Locale:
    """The Babel locale of a name ('es_PE', 'fr'); None (or 'pseudo') is the interface's
    formatting locale."""
    if locale is None or locale == PSEUDO:
        return _parsed_locale(_current_locale)
    return _parsed_locale(locale)


def format_date(value: dt.date, locale: str | None = None, form: str = "long") -> str:
    """'15 mars 2008', '15 de marzo de 2008', 'March 15, 2008'."""
    return dates.format_date(value, format=form, locale=babel_locale(locale))


def format_time(value: dt.time | dt.datetime, locale: str | None = None) -> str:
    return dates.format_time(value, format=TIME_FORM, locale=babel_locale(locale))


def format_number(value: int | float, locale: str | None = None) -> str:
    return numbers.format_decimal(value, locale=babel_locale(locale))


def format_list(
    items: Sequence[str],
    locale: str | None = None,
    *,
    style: Literal["standard", "or"] = "standard",
) -> str:
    """'A, B and C' (or 'A, B or C') in the reader's language."""
    return lists.format_list(list(items), style=style, locale=babel_locale(locale))


def format_date_range(start: dt.date, end: dt.date, locale: str | None = None) -> str:
    """'15–30 mars 2008' in the reader's language."""
    return dates.format_interval(start, end, skeleton="yMMMMd", locale=babel_locale(locale))


def date_text(value: dt.date, locale: str | None = None) -> str:
    """The date as the window shows it everywhere: 'Mar 22, 2008', '22 mars 2008'."""
    return dates.format_date(value, format=DATE_FORM, locale=babel_locale(locale))


def time_text(value: dt.time | dt.datetime | str, locale: str | None = None) -> str:
    """The time of day as the window shows it everywhere: '3:00 PM', '15:00', '15 h 00'.

    A stored 'HH:MM' is read first; text that is not a time is shown as it was typed.
    """
    if isinstance(value, str):
        try:
            clock: dt.time | dt.datetime = dt.time.fromisoformat(value.strip())
        except ValueError:
            return value
    else:
        clock = value
    return dates.format_time(clock, format=TIME_FORM, locale=babel_locale(locale))


@functools.lru_cache(maxsize=64)
def datetime_pattern(locale: str) -> str:
    """The CLDR pattern of "the" date and "the" time together: 'MMM d, y, h:mm a'."""
    loc = Locale.parse(locale)
    glue = str(loc.datetime_formats.get(DATE_FORM, "{1} {0}"))
    date_pattern = loc.date_formats[DATE_FORM].pattern
    time_pattern = loc.time_formats[TIME_FORM].pattern
    return glue.replace("{1}", date_pattern).replace("{0}", time_pattern)


def datetime_text(value: dt.datetime, locale: str | None = None) -> str:
    """A moment as the window shows it everywhere: 'Mar 22, 2008, 9:00 AM'."""
    loc = babel_locale(locale)
    return dates.format_datetime(value, datetime_pattern(str(loc)), locale=loc)


def date_time_text(day: dt.date | None, time: str | None, locale: str | None = None) -> str:
    """A day and a stored 'HH:MM' time together, either one possibly missing."""
    if day is not None and time:
        try:
            moment = dt.datetime.combine(day, dt.time.fromisoformat(time.strip()))
        except ValueError:
            return f"{date_text(day, locale)} {time}"
        return datetime_text(moment, locale)
    if day is not None:
        return date_text(day, locale)
    return time_text(time, locale) if time else ""


set_language()
