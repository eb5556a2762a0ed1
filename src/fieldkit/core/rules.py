"""Rules of the model that the facade enforces on every door alike (window, command line, imports).

Merging an exchange file does not go through them: what two laptops recorded is merged as it is.
"""

from __future__ import annotations

import datetime as dt

from fieldkit.core.errors import InvalidInput
from fieldkit.core.model import Session
from fieldkit.i18n import _


def _clock(text: str) -> dt.time | None:
    if not text:
        return None
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or len(text) != 5:
        raise InvalidInput(_("“{time}” is not a time of day (HH:MM).").format(time=text))
    return value


def check_session(session: Session) -> None:
    """Refuse a time that is not HH:MM and a session that ends before it starts."""
    start, end = _clock(session.start_time), _clock(session.end_time)
    if start is not None and end is not None and end < start:
        raise InvalidInput(
            _("A session cannot end ({end}) before it starts ({start}).").format(
                start=session.start_time, end=session.end_time
            )
        )
