"""The words and formats of a report in the reader's language, independent of the interface's.

Strings are English source strings looked up in `fieldkit.i18n.translator(lang)`, the app's
catalog. The report's own translations in `reports/locale/<lang>.po` stand behind it until the
app's catalogs carry them: whatever the app's catalog translates wins. Dates, times, numbers and
lists are formatted by Babel for the same language.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import re
from collections.abc import Sequence
from pathlib import Path

from babel import Locale, dates, lists, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from fieldkit import i18n
from fieldkit.core.model import (
    PartnerRole,
)
from fieldkit.i18n import N_

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_LONG_MONTH = re.compile(r"(?<!M)MMM(?!M)")  # an abbreviated month in a date pattern

PARTNER_ROLE_LABELS: dict[PartnerRole, str] = {
    PartnerRole.ORGANISER: N_("Organised by"),
    PartnerRole.FUNDER: N_("With the support of"),
    PartnerRole.PARTNER: N_("Partners"),
    PartnerRole.PARTICIPANT: N_("Participating organisations"),
}


@functools.cache
def _own_catalog(language: str) -> gettext.NullTranslations:
    """The report's own translations of one language, compiled in memory from its .po file."""
    path = LOCALE_DIR / f"{language}.po"
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain="fieldkit-reports")


class ReportText:
    """Translate and format for one reader's language: 'en', 'fr' or 'es'."""

    def __init__(self, language: str) -> None:
        if language not in i18n.LANGUAGES:
            raise ValueError(f"unsupported report language: {language!r}")
        self.language = language
        # Parsed once: Babel's helpers parse the locale on every call, and a report formats
        # thousands of numbers.
        self.locale = Locale.parse(language)
        self._numbers: dict[int, str] = {}
        self._words: dict[str, str] = {}
        self._app = i18n.translator(language)
        self._own = _own_catalog(language)

    def _(self, message: str) -> str:
        known = self._words.get(message)
        if known is None:
            found = self._app.gettext(message)
            known = found if found != message else self._own.gettext(message)
            self._words[message] = known
        return known

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        found = self._app.ngettext(singular, plural, count)
        return (
            found
            if found not in (singular, plural)
            else self._own.ngettext(singular, plural, count)
        )

    def pgettext(self, context: str, message: str) -> str:
        found = self._app.pgettext(context, message)
        return found if found != message else self._own.pgettext(context, message)

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

    def percent(self, value: float) -> str:
        """A share in percent (12.5 -> '13 %' in French), whole as the tables show it."""
        return numbers.format_percent(value / 100, locale=self.locale)

    def list(self, items: Sequence[str]) -> str:
        return lists.format_list(list(items), locale=self.locale) if items else ""
