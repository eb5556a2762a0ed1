"""Record kinds in plain words with their counts ("2 events, 35 sessions, 117 people"): the
sentences the Exchange page, the sync folder and the command line share about what a file holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fieldkit.i18n import _, current_locale, format_list, format_number, ngettext

# Record kinds in plain words, with a count: the order the preview lists them in.
_KIND_WORDS: dict[str, Callable[[int], str]] = {
    "event": lambda n: ngettext("{count} event", "{count} events", n),
    "day": lambda n: ngettext("{count} day", "{count} days", n),
    "session": lambda n: ngettext("{count} session", "{count} sessions", n),
    "person": lambda n: ngettext("{count} person", "{count} people", n),
    "registration": lambda n: ngettext("{count} registration", "{count} registrations", n),
    # A person present at a session (or checked in for a day): what the Check-in page records.
    "participation": lambda n: ngettext("{count} participation", "{count} participations", n),
    "attendance": lambda n: ngettext("{count} check-in", "{count} check-ins", n),
    # The head counts of one session, from any number of laptops.
    "head_count": lambda n: ngettext("{count} head count", "{count} head counts", n),
    "tally": lambda n: ngettext("{count} head count", "{count} head counts", n),
    "note": lambda n: ngettext("{count} page of notes", "{count} pages of notes", n),
    "decision": lambda n: ngettext("{count} decision", "{count} decisions", n),
    "action_item": lambda n: ngettext("{count} follow-up action", "{count} follow-up actions", n),
    "working_group": lambda n: ngettext("{count} working group", "{count} working groups", n),
    "group_member": lambda n: ngettext("{count} member of a group", "{count} members of groups", n),
    "organisation": lambda n: ngettext("{count} organisation", "{count} organisations", n),
    "programme": lambda n: ngettext("{count} programme", "{count} programmes", n),
    "objective": lambda n: ngettext("{count} objective", "{count} objectives", n),
    "axis": lambda n: ngettext("{count} theme", "{count} themes", n),
    "attachment": lambda n: ngettext("{count} photo or file", "{count} photos or files", n),
    "event_partner": lambda n: ngettext("{count} partner", "{count} partners", n),
    "action_owner": lambda n: ngettext("{count} person in charge", "{count} people in charge", n),
    "session_axis": lambda n: ngettext(
        "{count} theme of a session", "{count} themes of sessions", n
    ),
    "session_objective": lambda n: ngettext(
        "{count} objective of a session", "{count} objectives of sessions", n
    ),
    "conflict": lambda n: ngettext("{count} conflict record", "{count} conflict records", n),
    "person_merge": lambda n: ngettext(
        "{count} merge of two people", "{count} merges of two people", n
    ),
    "distinct_people": lambda n: ngettext(
        "{count} pair marked as different people", "{count} pairs marked as different people", n
    ),
    "person_erasure": lambda n: ngettext(
        "{count} erasure of personal data", "{count} erasures of personal data", n
    ),
}


def kind_count(kind: str, count: int) -> str:
    words = _KIND_WORDS.get(kind)
    number = format_number(count, current_locale())
    if words is None:
        return _("{count} × {kind}").format(count=number, kind=kind.replace("_", " "))
    return words(count).format(count=number)


def counts_text(counts: Mapping[str, int]) -> str:
    """'2 events, 35 sessions, 117 people…' in the preview's order; '' when nothing."""
    order = list(_KIND_WORDS)
    kinds = sorted(
        (k for k, n in counts.items() if n), key=lambda k: (order.index(k) if k in order else 99, k)
    )
    return format_list([kind_count(k, counts[k]) for k in kinds], current_locale())
