"""How long personal data of past events is kept, and who is due for erasure.

A team chooses it once per workspace (Settings): never erased, or erased some years after the
end of the last event a person came to. Someone registered to (or present at) a recent, a future
or an undated event is never due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fieldkit.i18n import _, ngettext

SETTING_KEY = "privacy.retention_years"
RETENTION_CHOICES: tuple[int | None, ...] = (None, 1, 2, 5)  # None: kept with no time limit


@dataclass(frozen=True)
class DuePerson:
    """Someone whose personal data is due for erasure, and when their last event ended."""

    person_id: str
    full_name: str
    last_end: dt.date


def cutoff(years: int, today: dt.date) -> dt.date:
    """The day `years` before `today` (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def is_due(last_ends: list[dt.date | None], years: int, today: dt.date) -> bool:
    """Whether the events someone came to all ended more than `years` before `today`."""
    if not last_ends or any(end is None for end in last_ends):
        return False
    return max(end for end in last_ends if end is not None) < cutoff(years, today)


def retention_text(years: int | None) -> str:
    """'2 years', or the words for no time limit."""
    if years is None:
        return _("no time limit")
    return ngettext("{count} year", "{count} years", years).format(count=years)
