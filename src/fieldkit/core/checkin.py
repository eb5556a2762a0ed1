"""Check-in at the door, the pure part: who can be checked in, finding them as one types, counts.

The candidates of an event are loaded once (the registered people, and the rest of the workspace
for people who were not registered) into a `CheckinIndex` of folded words, which answers each
keystroke in memory: every typed word must start one word of the person's names, organisation,
delegation or badge code, accents and case ignored, in any order.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from fieldkit.core.model import (
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Gender,
    Role,
    Tally,
)
from fieldkit.core.text import fold

_END = "\U0010ffff"  # sorts after every word that starts with a given prefix
_CACHE_SIZE = 512  # searches remembered (backspace, the next person with the same first letters)


@dataclass(frozen=True)
class CheckinPerson:
    """A person as the check-in screen needs them: names, where they come from, their badge."""

    id: str  # the person's id
    given_names: str = ""
    surnames: str = ""
    gender: Gender = Gender.NOT_STATED
    organisation: str = ""
    organisation_short: str = ""
    registered: bool = False  # registered at the event (else: known to the workspace only)
    delegation: str = ""
    badge_code: str = ""
    role: Role | None = None
    phone: str = ""
    id_card: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surnames) if part)

    @property
    def origin(self) -> str:
        """Organisation and delegation, as one line ("AMUPEI · Taraco")."""
        parts = [self.organisation_short or self.organisation, self.delegation]
        return " · ".join(dict.fromkeys(part for part in parts if part))


def badge_key(code: str) -> str:
    """A badge code as typed or scanned, compared without case, accents, spaces or dashes."""
    return fold(code).replace(" ", "")


class _Folder:
    """`fold` with a memory: names, organisations and delegations repeat a lot in a workspace."""

    def __init__(self) -> None:
        self._parts: dict[str, list[str]] = {}
        self._tokens: dict[str, str] = {}

    def words(self, part: str) -> list[str]:
        folded = self._parts.get(part)
        if folded is None:
            found: list[str] = []
            for token in part.split():
                text = self._tokens.get(token)
                if text is None:
                    text = self._tokens[token] = fold(token)
                found += text.split()
            folded = self._parts[part] = found
        return folded

    def key(self, part: str) -> str:
        return " ".join(self.words(part))


class _PrefixTable:
    """Words and, for each, the numbers of the people who have it; searched by prefix."""

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = {}
        self._words: list[str] = []
        self._lists: list[list[int]] = []

    def add(self, words: Iterable[str], number: int) -> None:
        for word in words:
            self._postings.setdefault(word, []).append(number)

    def freeze(self) -> None:
        self._words = sorted(self._postings)
        self._lists = [self._postings[word] for word in self._words]

    def insert(self, words: Iterable[str], number: int) -> None:
        """Add one person to a frozen table (a walk-in), keeping the words sorted."""
        for word in words:
            postings = self._postings.get(word)
            if postings is None:
                postings = self._postings[word] = []
                at = bisect.bisect_left(self._words, word)
                self._words.insert(at, word)
                self._lists.insert(at, postings)
            postings.append(number)

    def first_letters(self) -> set[str]:
        return {word[0] for word in self._words}

    def matching(self, prefix: str) -> set[int]:
        low = bisect.bisect_left(self._words, prefix)
        high = bisect.bisect_left(self._words, prefix + _END, low)
        return set().union(*self._lists[low:high])


@dataclass(frozen=True)
class SearchResult:
    """The people found for a text, best first, and how many matched in all."""

    people: tuple[CheckinPerson, ...]
    total: int
    badge_match: bool = False  # the text is exactly the badge code of the first person


class CheckinIndex:
    """The folded search words of every candidate, searched by prefix in memory.

    People are numbered in the order of the sign-in sheet (surnames, then given names); two sorted
    word lists, one for the names and one for the other keys, each word with the numbers of the
    people who have it, answer a prefix with two bisections. Results come in four bands: registered people whose names match, then
    registered people matched through their organisation, delegation or badge, then the same two
    bands for people not registered at the event; within a band, in the sheet order.
    """

    def __init__(self, people: Iterable[CheckinPerson]) -> None:
        folder = _Folder()
        words = folder.words
        # The order of `sheet_order`, with the folding remembered.
        self._people: list[CheckinPerson] = sorted(
            people, key=lambda p: (folder.key(p.surnames), folder.key(p.given_names), p.id)
        )
        self._number: dict[str, int] = {}
        self._registered: set[int] = set()
        self._badges: dict[str, int] = {}
        self._cache: dict[tuple[str, int], SearchResult] = {}
        self._removed: set[int] = set()
        self._names = _PrefixTable()
        self._others = _PrefixTable()
        for number, person in enumerate(self._people):
            self._enter(number, person, words, self._names.add, self._others.add)
        self._names.freeze()
        self._others.freeze()

    def _enter(
        self,
        number: int,
        person: CheckinPerson,
        words: Callable[[str], list[str]],
        add_name: Callable[[Iterable[str], int], None],
        add_other: Callable[[Iterable[str], int], None],
    ) -> None:
        self._number[person.id] = number
        if person.registered:
            self._registered.add(number)
        add_name(words(person.given_names) + words(person.surnames), number)
        badge = badge_key(person.badge_code) if person.badge_code else ""
        if badge:
            self._badges.setdefault(badge, number)
            add_other([badge, *words(person.badge_code)], number)
        add_other(
            words(person.organisation)
            + words(person.organisation_short)
            + words(person.delegation),
            number,
        )

    def add(self, person: CheckinPerson) -> None:
        """Someone new (a walk-in): numbered after everyone, as on a sheet written by hand."""
        if person.id in self._number:
            self.remove(person.id)
        self._people.append(person)
        words = _Folder().words
        self._enter(len(self._people) - 1, person, words, self._names.insert, self._others.insert)
        self._cache.clear()

    def remove(self, person_id: str) -> None:
        """Someone who is no longer a candidate (a walk-in undone)."""
        number = self._number.pop(person_id, None)
        if number is None:
            return
        self._removed.add(number)
        self._registered.discard(number)
        badge = badge_key(self._people[number].badge_code)
        if self._badges.get(badge) == number:
            del self._badges[badge]
        self._cache.clear()

    def __len__(self) -> int:
        return len(self._people) - len(self._removed)

    @property
    def registered_count(self) -> int:
        return len(self._registered)

    def get(self, person_id: str) -> CheckinPerson | None:
        number = self._number.get(person_id)
        return None if number is None else self._people[number]

    def people(self, *, registered_only: bool = True) -> list[CheckinPerson]:
        """The candidates in the order of the sign-in sheet (walk-ins added since: at the end)."""
        return [
            p
            for n, p in enumerate(self._people)
            if (p.registered or not registered_only) and n not in self._removed
        ]

    def by_badge(self, text: str) -> CheckinPerson | None:
        """The person whose badge code the text is (as a scanner types it), if any."""
        number = self._badges.get(badge_key(text))
        return None if number is None else self._people[number]

    def mark_registered(self, person_id: str, registered: bool = True) -> None:
        """Someone known to the workspace was just registered at the event (or no longer)."""
        number = self._number.get(person_id)
        if number is None or (number in self._registered) == registered:
            return
        if registered:
            self._registered.add(number)
        else:
            self._registered.discard(number)
        self._people[number] = dataclasses.replace(self._people[number], registered=registered)
        self._cache.clear()

    def warm_up(self, limit: int = 50) -> None:
        """Answer every one-letter search in advance: the slowest ones, on a large workspace."""
        for char in sorted(self._names.first_letters() | self._others.first_letters()):
            self.search(char, limit=limit)

    def search(self, text: str, *, limit: int = 50) -> SearchResult:
        key = (" ".join(fold(text).split()) + "\n" + badge_key(text), limit)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[key] = self._search(text, limit)
        return cached

    def _search(self, text: str, limit: int) -> SearchResult:
        words = fold(text).split()
        if not words:
            return SearchResult((), 0)
        names = self._names.matching(words[0]) - self._removed
        matched = names | (self._others.matching(words[0]) - self._removed)
        for word in words[1:]:
            if not matched:
                break
            in_names = self._names.matching(word)
            names &= in_names
            matched &= in_names | self._others.matching(word)
        badge = self._badges.get(badge_key(text))
        found = [] if badge is None else [badge]
        for band in self._bands(names, matched):
            found += [n for n in sorted(band)[: limit + 1] if n != badge]
            if len(found) > limit:
                break
        people = tuple(self._people[n] for n in found[:limit])
        total = len(matched) + (badge is not None and badge not in matched)
        return SearchResult(people, total, badge_match=badge is not None)

    def _bands(self, names: set[int], matched: set[int]) -> Iterator[set[int]]:
        """The matches band by band, each computed only when the ones before fall short."""
        registered = self._registered
        yield names & registered
        yield (matched - names) & registered
        yield names - registered
        yield matched - names - registered


# --- counting who is there ----------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Who is there: present now (not gone early) against registered, by gender and by mode."""

    registered: int = 0
    present: int = 0
    left_early: int = 0
    by_gender: Mapping[Gender, int] = field(default_factory=dict)
    by_mode: Mapping[AttendanceMode, int] = field(default_factory=dict)


State = tuple[AttendanceStatus, AttendanceMode]

# The field of a Tally that counts each gender.
TALLY_FIELDS: dict[Gender, str] = {
    Gender.WOMAN: "women",
    Gender.MAN: "men",
    Gender.ANOTHER: "another",
    Gender.NOT_STATED: "not_stated",
}


def tally_counts(tally: Tally | None, registered: int) -> Counts:
    """The counters of a session where only heads are counted (no names, so no mode)."""
    genders = {g: getattr(tally, name) if tally else 0 for g, name in TALLY_FIELDS.items()}
    return Counts(registered, sum(genders.values()), 0, genders, {})


def merged_state(records: Iterable[Attendance], arrival_id: str | None = None) -> State | None:
    """Where one person stands, from their check-ins at a session or at the sessions of a day.

    Present if present at any of them, in person if in the room for any; their arrival (the
    day's check-in), when marked as gone early, says they left. None without any check-in.
    """
    present = in_person = seen = False
    left_at_arrival = False
    for record in records:
        seen = True
        present = present or record.status is AttendanceStatus.PRESENT
        in_person = in_person or record.mode is AttendanceMode.IN_PERSON
        if record.session_id == arrival_id and record.status is AttendanceStatus.LEFT_EARLY:
            left_at_arrival = True
    if not seen:
        return None
    status = (
        AttendanceStatus.PRESENT if present and not left_at_arrival else AttendanceStatus.LEFT_EARLY
    )
    return status, AttendanceMode.IN_PERSON if in_person else AttendanceMode.VIRTUAL


class PresenceTally:
    """The counters of a day or session, kept up to date one person at a time.

    A check-in changes one person's state; the counters follow in constant time, however many
    people the day holds.
    """

    def __init__(self, registered: int = 0) -> None:
        self.registered = registered
        self._states: dict[str, tuple[AttendanceStatus, AttendanceMode, Gender]] = {}
        self._present = 0
        self._left = 0
        self._genders = dict.fromkeys(Gender, 0)
        self._modes = dict.fromkeys(AttendanceMode, 0)

    def set(self, person_id: str, state: State | None, gender: Gender) -> None:
        old = self._states.pop(person_id, None)
        if old is not None:
            self._count(old, -1)
        if state is not None:
            new = (state[0], state[1], gender)
            self._states[person_id] = new
            self._count(new, 1)

    def _count(self, entry: tuple[AttendanceStatus, AttendanceMode, Gender], sign: int) -> None:
        status, mode, gender = entry
        if status is AttendanceStatus.LEFT_EARLY:
            self._left += sign
            return
        self._present += sign
        self._genders[gender] += sign
        self._modes[mode] += sign

    def counts(self) -> Counts:
        return Counts(
            self.registered, self._present, self._left, dict(self._genders), dict(self._modes)
        )


# --- what a correction undoes -----------------------------------------------------------------


@dataclass(frozen=True)
class Undo:
    """How to put back what one check-in action changed: records to save again, to tombstone."""

    label: str  # whose check-in it was, for the confirmation ("Juana Núñez Quispe")
    saves: tuple[object, ...] = ()
    deletions: tuple[tuple[type, str], ...] = ()
    session_id: str = ""
    person_ids: tuple[str, ...] = ()


def paper_time(date: dt.date | None, start_time: str) -> dt.datetime | None:
    """The time a check-in from a paper sheet is given: the start of its session, if known."""
    if date is None:
        return None
    try:
        clock = dt.time.fromisoformat(start_time) if start_time else dt.time(0, 0)
    except ValueError:
        clock = dt.time(0, 0)
    return dt.datetime.combine(date, clock)


def session_over(date: dt.date | None, end_time: str, now: dt.datetime) -> bool:
    """Whether a session (or a day, without an end time) is over at `now`: a check-in recorded
    then is recorded after the fact."""
    if date is None:
        return False
    try:
        end = dt.time.fromisoformat(end_time) if end_time else None
    except ValueError:
        end = None
    if end is None:
        return now.date() > date
    return now > dt.datetime.combine(date, end)


def undo_of_many(label: str, undos: Sequence[Undo], session_id: str = "") -> Undo:
    """Several undos as one (a paper sheet's rows, ticked in one go)."""
    return Undo(
        label,
        saves=tuple(s for u in undos for s in u.saves),
        deletions=tuple(d for u in undos for d in u.deletions),
        session_id=session_id,
        person_ids=tuple(p for u in undos for p in u.person_ids),
    )
