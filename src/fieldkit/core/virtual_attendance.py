"""Who of a video-call report is who in the workspace, and who stayed long enough to count.

Each participant of the report is matched to a person: by e-mail first (case ignored), then by a
phone number written as the name, then by name: the part before a parenthesis, then the part
inside it ("Rosa Quispe (iPhone de Rosa)", "iPhone de Rosa (Rosa Quispe)"). Names are compared
as sets of folded words (accents, case and punctuation ignored), so the surnames may come first
("Quispe Mamani, Rosa") and a participant typed with one surname of two still matches, as in
`fieldkit.core.duplicates`. People registered to the event are tried before the rest of the
workspace, the exact name before a shorter one. Two people who fit equally are never chosen
between: the participant is left unmatched and both are listed, for the user to decide.

A person's time is added up over all the participants matched to them (a phone and a laptop),
overlapping stays counted once; whoever reaches the threshold is present. Nothing here reads or
writes the workspace: the store writes what the user accepts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from fieldkit.core.duplicates import phone_key
from fieldkit.core.model import Person, Session
from fieldkit.core.text import fold
from fieldkit.i18n import _, date_text

DEFAULT_MIN_MINUTES = 30  # when the session has no start and end time
MIN_PHONE_DIGITS = 7  # a name with this many digits is a phone number

# Words of the names that video-call tools give devices ("iPhone de Rosa", "Galaxy A12"), and
# of their stand-in for a nameless install ("Usuario de Zoom").
_DEVICE_TEXT = """iphone ipad ipod android galaxy samsung huawei xiaomi redmi motorola moto pixel nokia
    oppo honor realme tecno infinix lenovo tablet tableta tablette laptop portatil portable
    notebook pc computer computadora ordenador ordinateur ordi desktop macbook imac celular
    cellulaire telefono telephone movil mobile phone smartphone zoom"""
_DEVICE_WORDS = frozenset(_DEVICE_TEXT.split())
_PARENTHESES = re.compile(r"[(\[]([^()\[\]]*)[)\]]")


class StayLike(Protocol):
    @property
    def joined(self) -> dt.datetime | None: ...

    @property
    def left(self) -> dt.datetime | None: ...

    @property
    def minutes(self) -> float: ...


class ParticipantLike(Protocol):
    """What matching needs of a report's participant (`fieldkit.io.video_report`)."""

    @property
    def name(self) -> str: ...

    @property
    def email(self) -> str: ...

    @property
    def minutes(self) -> float: ...

    @property
    def stays(self) -> Sequence[StayLike]: ...


class MatchedBy(StrEnum):
    EMAIL = "email"
    PHONE = "phone"  # a phone number written as the name
    NAME = "name"
    NAME_IN_PARENTHESES = "name_in_parentheses"
    HAND = "hand"  # chosen by the user in the window


class Flag(StrEnum):
    DEVICE_NAME = "device_name"  # "iPhone de Rosa"
    PHONE_NUMBER = "phone_number"  # "+51 987 654 321"
    NO_EMAIL = "no_email"


@dataclass(frozen=True)
class Match:
    """One participant of the report and what was found for them."""

    index: int  # the participant's place in the report
    name: str
    email: str
    minutes: float  # the participant's own time, as the report adds it up
    person: Person | None = None
    matched_by: MatchedBy | None = None
    registered: bool = False  # the matched person is registered to the event
    candidates: tuple[Person, ...] = ()  # people who fit equally: not chosen between
    flags: tuple[Flag, ...] = ()
    first_joined: dt.datetime | None = None


@dataclass(frozen=True)
class Matching:
    """Every participant of a report, matched; `present` says who counts at a threshold."""

    matches: tuple[Match, ...]
    # The stays of each participant, to add up the time of a person matched more than once.
    stays: tuple[tuple[StayLike, ...], ...] = field(default=(), repr=False)

    def with_person(
        self, index: int, person: Person | None, *, registered: bool = False
    ) -> Matching:
        """The same matching with participant `index` matched by hand (None: left unmatched)."""
        changed = list(self.matches)
        old = changed[index]
        changed[index] = Match(
            old.index,
            old.name,
            old.email,
            old.minutes,
            person,
            MatchedBy.HAND if person is not None else None,
            registered if person is not None else False,
            old.candidates if person is None else (),
            old.flags,
            old.first_joined,
        )
        return Matching(tuple(changed), self.stays)

    def person_minutes(self) -> dict[str, float]:
        """{person id: their time}, over every participant matched to them, overlaps once."""
        by_person: dict[str, list[int]] = {}
        for match in self.matches:
            if match.person is not None:
                by_person.setdefault(match.person.id, []).append(match.index)
        return {
            person_id: self.minutes_of(indexes) if len(indexes) > 1 else self._own(indexes[0])
            for person_id, indexes in by_person.items()
        }

    def _own(self, index: int) -> float:
        return self.matches[index].minutes

    def minutes_of(self, indexes: Sequence[int]) -> float:
        """The time of several participants taken as one person: their stays merged when every
        stay has both ends, else the times added (the report gives nothing better)."""
        stays = [stay for i in indexes for stay in (self.stays[i] if i < len(self.stays) else ())]
        if not stays or any(s.joined is None or s.left is None for s in stays):
            return sum(self.matches[i].minutes for i in indexes)
        return merged_minutes([(s.joined, s.left) for s in stays])  # type: ignore[misc]

    def minutes(self, match: Match) -> float:
        """The time that counts for a participant: their person's, when they are matched."""
        if match.person is None:
            return match.minutes
        return self.person_minutes().get(match.person.id, match.minutes)

    def present(self, threshold: float) -> list[bool]:
        """For each participant: whether it counts as present at `threshold` minutes."""
        totals = self.person_minutes()
        return [
            (totals[m.person.id] if m.person is not None else m.minutes) >= threshold
            for m in self.matches
        ]

    def present_people(self, threshold: float) -> dict[str, dt.datetime | None]:
        """{person id: when they first joined} for the matched people at or above `threshold`."""
        totals = self.person_minutes()
        found: dict[str, dt.datetime | None] = {}
        for match in self.matches:
            if match.person is None or totals[match.person.id] < threshold:
                continue
            earlier = found.get(match.person.id)
            joined = match.first_joined
            if match.person.id not in found or (
                joined is not None and (earlier is None or joined < earlier)
            ):
                found[match.person.id] = joined
        return found


def merged_minutes(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> float:
    """The minutes covered by some intervals, overlaps counted once."""
    total = dt.timedelta()
    end: dt.datetime | None = None
    start: dt.datetime | None = None
    for begin, finish in sorted(intervals):
        if end is None or begin > end:
            if start is not None and end is not None:
                total += end - start
            start, end = begin, finish
        elif finish > end:
            end = finish
    if start is not None and end is not None:
        total += end - start
    return total.total_seconds() / 60


# --- the parts of a name -------------------------------------------------------------------------


def name_parts(name: str) -> tuple[str, str]:
    """(the name outside parentheses, the text inside them): 'Rosa (iPhone de Rosa)'."""
    inside = " ".join(_PARENTHESES.findall(name))
    outside = _PARENTHESES.sub(" ", name)
    return " ".join(outside.split()), " ".join(inside.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(text).split())


def looks_like_device(text: str) -> bool:
    return bool(_words(text) & _DEVICE_WORDS)


def looks_like_phone(text: str) -> bool:
    return sum(char.isdigit() for char in text) >= MIN_PHONE_DIGITS


def flags_of(name: str, email: str) -> tuple[Flag, ...]:
    flags = []
    if looks_like_device(name):
        flags.append(Flag.DEVICE_NAME)
    if looks_like_phone(name):
        flags.append(Flag.PHONE_NUMBER)
    if not email.strip():
        flags.append(Flag.NO_EMAIL)
    return tuple(flags)


# --- matching ------------------------------------------------------------------------------------


class _People:
    """The workspace's people keyed for matching; those registered to the event apart."""

    def __init__(self, people: Iterable[Person], registered: Collection[str]) -> None:
        self.registered = frozenset(registered)
        self.by_email: dict[str, list[Person]] = {}
        self.by_phone: dict[str, list[Person]] = {}
        self.by_word: dict[str, list[Person]] = {}
        self.words: dict[str, frozenset[str]] = {}
        for person in people:
            if person.merged_into:
                continue
            if person.email.strip():
                self.by_email.setdefault(person.email.strip().casefold(), []).append(person)
            if key := phone_key(person.phone):
                self.by_phone.setdefault(key, []).append(person)
            words = _words(f"{person.given_names} {person.surnames}")
            self.words[person.id] = words
            for word in words:
                self.by_word.setdefault(word, []).append(person)

    def _fits(self, words: frozenset[str], person: Person) -> tuple[bool, bool]:
        """(the same words, a shorter or longer form of the same name)."""
        theirs = self.words[person.id]
        if words == theirs:
            return True, False
        given = fold(person.given_names).split()
        surnames = _words(person.surnames)
        similar = (
            len(words) >= 2
            and bool(given)
            and given[0] in words
            and bool(surnames & words)
            and (words <= theirs or theirs <= words)
        )
        return False, similar

    def by_name(self, text: str, among: Sequence[Person] | None = None) -> list[Person]:
        """The people a name fits best: registered before the others, the same words before a
        shorter or longer form; more than one when they fit equally."""
        words = _words(text)
        if not words:
            return []
        if among is None:
            pool: dict[str, Person] = {}
            for word in words:
                for person in self.by_word.get(word, ()):
                    pool.setdefault(person.id, person)
            among = list(pool.values())
        tiers: list[list[Person]] = [[], [], [], []]
        for person in among:
            same, similar = self._fits(words, person)
            if not (same or similar):
                continue
            tier = (0 if same else 1) + (0 if person.id in self.registered else 2)
            tiers[tier].append(person)
        return next((tier for tier in tiers if tier), [])

    def match(self, name: str, email: str) -> tuple[Person | None, MatchedBy | None, list[Person]]:
        """(the person, how, the people who fit equally when nobody was chosen)."""
        outside, inside = name_parts(name)
        ambiguous: list[Person] = []
        if email.strip():
            found = self.by_email.get(email.strip().casefold(), [])
            if len(found) > 1:  # a shared address (a family, an office): the name decides
                found = self.by_name(outside, found) or self.by_name(inside, found) or found
            if len(found) == 1:
                return found[0], MatchedBy.EMAIL, []
            ambiguous = found
        for text in (name, outside, inside):  # "(+51) 1 555-0199": the whole is the number
            if looks_like_phone(text) and (key := phone_key(text)):
                found = self.by_phone.get(key, [])
                if len(found) == 1:
                    return found[0], MatchedBy.PHONE, []
                ambiguous = ambiguous or found
        for text, how in ((outside, MatchedBy.NAME), (inside, MatchedBy.NAME_IN_PARENTHESES)):
            found = self.by_name(text)
            if len(found) == 1:
                return found[0], how, []
            ambiguous = ambiguous or found
        return None, None, ambiguous


def match_participants(
    participants: Sequence[ParticipantLike],
    people: Iterable[Person],
    registered: Collection[str],
) -> Matching:
    """Match each participant of a report to the workspace's `people` (`registered`: the ids of
    those registered to the event)."""
    index = _People(people, registered)
    matches = []
    for number, participant in enumerate(participants):
        person, how, candidates = index.match(participant.name, participant.email)
        joined = [stay.joined for stay in participant.stays if stay.joined is not None]
        matches.append(
            Match(
                number,
                participant.name,
                participant.email,
                float(participant.minutes),
                person,
                how,
                person is not None and person.id in index.registered,
                tuple(sorted(candidates, key=lambda p: (fold(p.full_name), p.id))),
                flags_of(participant.name, participant.email),
                min(joined) if joined else None,
            )
        )
    return Matching(tuple(matches), tuple(tuple(p.stays) for p in participants))


# --- the session ---------------------------------------------------------------------------------


def _minutes_of_day(text: str) -> int | None:
    try:
        hours, minutes = text.split(":")
        return int(hours) * 60 + int(minutes)
    except ValueError:
        return None


def default_min_minutes(session: Session) -> int:
    """Half the session's length when it has a start and an end, else 30 minutes: someone who
    followed half of it took part; a short connection to say hello did not."""
    start, end = _minutes_of_day(session.start_time), _minutes_of_day(session.end_time)
    if start is None or end is None or end <= start:
        return DEFAULT_MIN_MINUTES
    return max(1, (end - start) // 2)


def date_warning(report_date: dt.date | None, session_date: dt.date | None) -> str | None:
    """One sentence when the report's call took place on another day than the session."""
    if report_date is None or session_date is None or report_date == session_date:
        return None
    return _(
        "The report is of a call on {report_date}, but the session is on {session_date}."
    ).format(report_date=date_text(report_date), session_date=date_text(session_date))


def flag_text(flag: Flag) -> str:
    return {
        Flag.DEVICE_NAME: _("looks like a device name"),
        Flag.PHONE_NUMBER: _("a phone number as the name"),
        Flag.NO_EMAIL: _("no e-mail"),
    }[flag]


def matched_by_text(how: MatchedBy) -> str:
    return {
        MatchedBy.EMAIL: _("by e-mail"),
        MatchedBy.PHONE: _("by phone number"),
        MatchedBy.NAME: _("by name"),
        MatchedBy.NAME_IN_PARENTHESES: _("by the name in parentheses"),
        MatchedBy.HAND: _("chosen by hand"),
    }[how]
