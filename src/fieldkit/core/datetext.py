"""Dates and times as people type them, read without Qt.

`parse_date` reads what a facilitator types into a date field in the usual forms of a language:
ISO (`2008-06-30`), compact (`20080630`), the locale's numeric order (`30/06/2008` in French and
Spanish, `6/30/2008` in American English, `2008-06-30` in Canadian French), and month names with
or without accents, full or abbreviated (`30 juin 2008`, `30 de junio de 2008`, `June 30, 2008`).
`parse_time` reads `12:30`, `1230`, `930`, `9h30` and `9:30 pm`. Both return None for an empty
text and raise `DateTextError`, whose message is one translated sentence, for what is impossible
(`31/02/2008`, `25:00`) or unreadable. The numeric order and the month and weekday names come from
Babel's CLDR data for the locale, so a regional format (`fr_CA`) needs no code here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from babel import Locale, dates

from fieldkit.core.text import fold
from fieldkit.i18n import _, ngettext

FIRST_YEAR = 1900  # a year outside this range is a typo, not an event date
LAST_YEAR = 2199
_TWO_DIGIT_AHEAD = 20  # '45' is 2045 in 2026, '47' is 1947
_LANGUAGES = ("en", "fr", "es")  # month names of these are understood in any language


class DateTextError(ValueError):
    """A typed date or time that cannot be read; `message` says why in one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- the locale's words and order ----------------------------------------------------------------


@functools.cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, LookupError):
        return Locale.parse("en")


@functools.cache
def numeric_order(language: str) -> str:
    """'dmy', 'mdy' or 'ymd': the order of the locale's short numeric date."""
    pattern = dates.get_date_format("short", locale=_locale(language)).pattern
    seen: list[str] = []
    for char in pattern:
        letter = {"d": "d", "M": "m", "L": "m", "y": "y"}.get(char)
        if letter and letter not in seen:
            seen.append(letter)
    order = "".join(seen)
    return order if sorted(order) == ["d", "m", "y"] else "dmy"


@functools.cache
def _month_names(language: str) -> tuple[tuple[str, int], ...]:
    """(folded name, month number) for the full and abbreviated names of the locale."""
    locale = _locale(language)
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                for word in fold(name).split():
                    if len(word) >= 3 or word == name.casefold():
                        names.setdefault(word, number)
    return tuple(names.items())


@functools.cache
def _weekday_words(language: str) -> frozenset[str]:
    """Weekday names of the locale and of the app's languages: skipped ('lundi 30 juin')."""
    words: set[str] = set()
    for lang in (language, *_LANGUAGES):
        days = _locale(lang).days
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for name in days[context][width].values():
                    words.update(fold(name).split())
    return frozenset(words)


# Little words around the numbers: 'de junio de', 'le 1er', 'the 30th', 'June 30th'.
_FILLERS = frozenset(
    {"de", "del", "le", "la", "el", "the", "of", "on", "er", "o", "st", "nd", "rd"}
)
_FILLERS |= {"th", "eme", "e"}


def _month_of(word: str, language: str) -> int | None:
    """The month a word names (a prefix of three letters or more is enough when unambiguous)."""
    for lang in (language, *(code for code in _LANGUAGES if code != language)):
        names = _month_names(lang)
        exact = {number for name, number in names if name == word}
        if len(exact) == 1:
            return exact.pop()
        if len(word) >= 3:
            found = {number for name, number in names if name.startswith(word)}
            if len(found) == 1:
                return found.pop()
    return None


# --- dates -------------------------------------------------------------------------------------


def _year(text: str, today: dt.date) -> int:
    year = int(text)
    if len(text) <= 2:
        century = today.year - today.year % 100
        year += century
        if year > today.year + _TWO_DIGIT_AHEAD:
            year -= 100
    return year


def _unreadable(text: str, language: str, today: dt.date) -> DateTextError:
    return DateTextError(
        _("“{text}” is not a date. Type it like {example} or {named}.").format(
            text=text.strip(), example=example_date(language, today), named=_long(today, language)
        )
    )


def _long(value: dt.date, language: str) -> str:
    return dates.format_date(value, format="long", locale=_locale(language))


def example_date(language: str, today: dt.date | None = None) -> str:
    """A date in the locale's numeric order with four-digit year, e.g. '30/06/2008'."""
    pattern = dates.get_date_format("short", locale=_locale(language)).pattern
    pattern = re.sub(r"y+", "yyyy", pattern)
    return dates.format_date(today or dt.date.today(), pattern, locale=_locale(language))


def _make(year: int, month: int, day: int, language: str) -> dt.date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateTextError(
            _("The year {year} is out of range ({first} to {last}).").format(
                year=year, first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    if not 1 <= month <= 12:
        raise DateTextError(_("There is no month {month}.").format(month=month))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        month_name = dates.format_date(dt.date(year, month, 1), "LLLL y", locale=_locale(language))
        raise DateTextError(
            ngettext(
                "There is no day {day} in {month}: it has {count} day.",
                "There is no day {day} in {month}: it has {count} days.",
                last,
            ).format(day=day, month=month_name, count=last)
        )
    return dt.date(year, month, day)


def _numbers_in_order(parts: list[str], language: str, today: dt.date) -> dt.date:
    """Two or three numbers without a month name, in the locale's order (or ISO)."""
    order = numeric_order(language)
    if len(parts) == 3 and len(parts[0]) >= 3:
        order = "ymd"  # 2008-06-30 is ISO in every language
    elif len(parts) == 3 and order == "ymd" and len(parts[2]) >= 3:
        order = "dmy"  # 30-06-2008 in a year-first locale
    if len(parts) == 2:
        order = order.replace("y", "")
    values = dict(zip(order, parts, strict=True))
    year = _year(values["y"], today) if "y" in values else today.year
    month, day = int(values["m"]), int(values["d"])
    if month > 12 and day <= 12 and order in ("mdy", "dmy", "md", "dm"):
        month, day = day, month  # 30/6/2008 typed in English: only one reading is a date
    return _make(year, month, day, language)


def parse_date(text: str, language: str, *, today: dt.date | None = None) -> dt.date | None:
    """The date typed in `text`, None when it is empty; DateTextError when it is no date."""
    today = today or dt.date.today()
    words = fold(text).split()
    if not words:
        return None
    # '1er', '30th', '2o' glue a suffix to the day: split it off.
    split: list[str] = []
    for word in words:
        match = re.fullmatch(r"(\d+)([a-z]+)", word)
        split.extend(match.groups() if match else [word])
    numbers = [word for word in split if word.isdigit()]
    others = [word for word in split if not word.isdigit() and word not in _FILLERS]
    weekdays = _weekday_words(language)
    months: list[int] = []
    for word in others:
        if word in weekdays:
            continue  # a weekday name, unless it is also the only month ('30 mar 2008' in Spanish)
        named = _month_of(word, language)
        if named is None:
            raise _unreadable(text, language, today)
        months.append(named)
    if not months:
        months = [m for m in (_month_of(word, language) for word in others) if m is not None][-1:]
    if len(months) > 1:
        raise _unreadable(text, language, today)
    month = months[0] if months else None
    if month is not None:
        return _with_month_name(numbers, month, text, language, today)
    if len(numbers) == 1:
        return _compact(numbers[0], text, language, today)
    if len(numbers) in (2, 3):
        return _numbers_in_order(numbers, language, today)
    raise _unreadable(text, language, today)


def _with_month_name(
    numbers: list[str], month: int, text: str, language: str, today: dt.date
) -> dt.date:
    """'30 juin 2008', 'June 30, 08', 'juin 30': the long number is the year, else the last."""
    if not numbers or len(numbers) > 2:
        raise _unreadable(text, language, today)
    if len(numbers) == 1:
        if len(numbers[0]) > 2:
            raise _unreadable(text, language, today)  # 'juin 2008': which day?
        return _make(today.year, month, int(numbers[0]), language)
    first, second = numbers
    if len(first) >= 3 and len(second) <= 2:
        first, second = second, first  # '2008 juin 30'
    return _make(_year(second, today), month, int(first), language)


def _compact(digits: str, text: str, language: str, today: dt.date) -> dt.date:
    """One run of digits: 20080630 (ISO), 300608 or 30062008 (the locale's order), 3006, 30."""
    if len(digits) <= 2:
        return _make(today.year, today.month, int(digits), language)
    if len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return _make(year, month, day, language)
        return _numbers_in_order([digits[:2], digits[2:4], digits[4:]], language, today)
    if len(digits) == 6:
        return _numbers_in_order([digits[:2], digits[2:4], digits[4:]], language, today)
    if len(digits) == 4:
        return _numbers_in_order([digits[:2], digits[2:]], language, today)
    raise _unreadable(text, language, today)


def format_date(value: dt.date, language: str) -> str:
    """How a date field shows what it understood: '30 juin 2008', 'Jun 30, 2008'."""
    return dates.format_date(value, format="medium", locale=_locale(language))


def format_date_full(value: dt.date, language: str) -> str:
    """With the weekday: 'lundi 30 juin 2008'."""
    return dates.format_date(value, format="full", locale=_locale(language))


# --- times -------------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MERIDIEM = re.compile(r"(a|p)\.?\s*m\.?$")
_CLOCK = re.compile(r"(\d{1,2})(?:\s*(?:[:h.,]\s*|\s+)(\d{2})?)?(?:\s*[:.]\s*\d{2})?\s*(?:min)?")
_DIGITS = re.compile(r"\d{3,4}")


def parse_time(text: str, language: str = "en") -> dt.time | None:
    """The time of day typed in `text` (24-hour, or with am/pm), None when it is empty."""
    cleaned = _SPACES.sub(" ", text.strip().casefold())
    if not cleaned or cleaned in ("--:--", "-- : --", "--"):
        return None
    meridiem = _MERIDIEM.search(cleaned)
    half = meridiem.group(1) if meridiem else None
    if meridiem:
        cleaned = cleaned[: meridiem.start()].strip()
    if _DIGITS.fullmatch(cleaned):
        hour, minute = int(cleaned[:-2]), int(cleaned[-2:])  # 1230, 930
    else:
        match = _CLOCK.fullmatch(cleaned)
        if match is None:
            raise DateTextError(
                _("“{text}” is not a time. Type it like 09:30 or 1430.").format(text=text.strip())
            )
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if half is not None:
        if not 1 <= hour <= 12:
            raise DateTextError(_("There is no hour {hour} before am or pm.").format(hour=hour))
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23:
        raise DateTextError(
            _("There is no hour {hour}: a day has hours 0 to 23.").format(hour=hour)
        )
    if minute > 59:
        raise DateTextError(
            _("There is no minute {minute}: an hour has minutes 0 to 59.").format(minute=minute)
        )
    return dt.time(hour, minute)


def format_time(value: dt.time, language: str) -> str:
    """How a time field shows what it understood: '14:30', '2:30 PM'."""
    return dates.format_time(value, format="short", locale=_locale(language))


def time_text(value: dt.time | None) -> str:
    """The stored form of a time of day: 'HH:MM', or '' for none."""
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def time_value(text: str) -> dt.time | None:
    """A stored 'HH:MM' as a time (None when empty or not a time)."""
    try:
        return dt.time.fromisoformat(text) if text else None
    except ValueError:
        return None
