"""The words and formats of a report in the reader's language, independent of the interface's.

Strings are English source strings looked up in `fieldkit.i18n.translator(lang)`, the app's
catalog of that language (not the interface's). Dates, times, numbers and lists are formatted by
Babel for the same language. French words get French spacing (`french_spacing`) as they are
looked up, so the cover, the body and the page furniture punctuate alike whatever the catalog has.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from babel import Locale, dates, lists, numbers

from fieldkit import i18n
from fieldkit.core.model import (
    PartnerRole,
)
from fieldkit.i18n import N_

_LONG_MONTH = re.compile(r"(?<!M)MMM(?!M)")  # an abbreviated month in a date pattern

NBSP = "\u00a0"
# A space (or none) before a high sign and after an opening guillemet; before the sign only when
# it ends a word and is followed by a space or the end, so that "09:00" and "https:" stay.
_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]+(?=[:;?!»])")
_MISSING_BEFORE = re.compile(r"(?<=[\w}\])»])(?=[:;?!](?:\s|$))")
_SPACE_AFTER = re.compile(r"«[ \u00a0\u202f]*")
_MISSING_AFTER = re.compile(r"(?<=[^\s\u00a0«])»")


def french_spacing(value: str) -> str:
    """French typography: a no-break space before : ; ? ! and inside « », added where missing.

    'Jour 1: {title}' and 'Jour 1 : {title}' both become 'Jour 1\u00a0: {title}', so the sign
    never starts a line and every French string of a report spaces it the same way.
    """
    if not any(sign in value for sign in ":;?!«»"):
        return value
    value = _SPACE_BEFORE.sub(NBSP, value)
    value = _MISSING_BEFORE.sub(NBSP, value)
    value = _SPACE_AFTER.sub("«" + NBSP, value)
    return _MISSING_AFTER.sub(NBSP + "»", value)


PARTNER_ROLE_LABELS: dict[PartnerRole, str] = {
    PartnerRole.ORGANISER: N_("Organised by"),
    PartnerRole.FUNDER: N_("With the support of"),
    PartnerRole.PARTNER: N_("Partners"),
    PartnerRole.PARTICIPANT: N_("Participating organisations"),
}


def _as_is(value: str) -> str:
    return value


class ReportText:
    """Translate and format for one reader: 'en', 'fr', 'es', or a regional variant ('es_PE':
    Spanish words, Peruvian numbers and dates)."""

    def __init__(self, language: str) -> None:
        parsed = i18n.parse_language(language)
        if parsed is None or parsed[0] not in i18n.LANGUAGES:
            raise ValueError(f"unsupported report language: {language!r}")
        self.language = parsed[1]  # the formatting locale, 'es_PE'
        # Parsed once: Babel's helpers parse the locale on every call, and a report formats
        # thousands of numbers.
        self.locale = Locale.parse(parsed[1])
        self._numbers: dict[int, str] = {}
        self._words: dict[str, str] = {}
        self._catalog = i18n.translator(parsed[0])
        self.typeset = french_spacing if parsed[0] == "fr" else _as_is

    def _(self, message: str) -> str:
        known = self._words.get(message)
        if known is None:
            known = self._words[message] = self.typeset(self._catalog.gettext(message))
        return known

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.typeset(self._catalog.ngettext(singular, plural, count))

    def pgettext(self, context: str, message: str) -> str:
        return self.typeset(self._catalog.pgettext(context, message))

    # --- formats -----------------------------------------------------------------------------

    def date(self, value: dt.date) -> str:
        return dates.format_date(value, format="long", locale=self.locale)

    def date_range(self, start: dt.date | None, end: dt.date | None) -> str:
        """'11–13 octobre 2021', '11–13 de octubre de 2021', 'October 11 – 13, 2021'.

        CLDR gives French and English ranges only with abbreviated months ('oct.'); a cover
        spells them out, so the month fields of the locale's own range patterns are widened.
        """
        if not (start and end) or start == end:
            single = start or end
            return self.date(single) if single else ""
        start, end = min(start, end), max(start, end)
        locale = self.locale
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        patterns = locale.interval_formats.get("yMMMMd") or locale.interval_formats.get("yMMMd")
        if not patterns or field not in patterns or len(patterns[field]) != 2:
            return i18n.format_date_range(start, end, self.language)
        first, second = (_LONG_MONTH.sub("MMMM", part) for part in patterns[field])
        return dates.format_date(start, first, locale=locale) + dates.format_date(
            end, second, locale=locale
        )

    def time(self, text: str) -> str:
        """'14:30' as the reader writes it ('2:30 PM', '14:30'); as typed when not a time."""
        try:
            return dates.format_time(
                dt.time.fromisoformat(text), format="short", locale=self.locale
            )
        except ValueError:
            return text

    def time_span(self, start: str, end: str) -> str:
        if start and end:
            return f"{self.time(start)}–{self.time(end)}"
        return self.time(start or end)

    def number(self, value: int) -> str:
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = numbers.format_decimal(value, locale=self.locale)
        return found

    def decimal(self, value: float) -> str:
        """A mean, with one decimal ('12,5' in French)."""
        return numbers.format_decimal(value, format="#,##0.0", locale=self.locale)

    def percent(self, value: float) -> str:
        """A share in percent (12.5 -> '13 %' in French), whole as the tables show it."""
        return numbers.format_percent(value / 100, locale=self.locale)

    def list(self, items: Sequence[str]) -> str:
        return lists.format_list(list(items), locale=self.locale) if items else ""
