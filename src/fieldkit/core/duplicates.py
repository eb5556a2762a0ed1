"""People who look like the same person: the warning before adding someone new.

Names are compared folded (accents, case and apostrophes ignored) and as sets of words, so the two
surnames in either order, or given names typed in the surnames field, still match; a person typed
with one surname looks like the same person with two. Phones are compared by their last eight
digits (with or without the country code), ID-card numbers without spaces, dots or dashes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from fieldkit.core.text import fold

PHONE_DIGITS = 8  # enough to tell two numbers of one country apart, fewer than the country code
MIN_PHONE_DIGITS = 7
MIN_ID_CARD = 4


class Reason(StrEnum):
    SAME_NAME = "same_name"  # the same words, in any order
    SIMILAR_NAME = "similar_name"  # same first given name, one's surnames among the other's
    SAME_PHONE = "same_phone"
    SAME_ID_CARD = "same_id_card"
    SAME_EMAIL = "same_email"  # the workspace-wide scan's reasons from here on
    SAME_ORGANISATION = "same_organisation"
    SAME_DELEGATION = "same_delegation"


# Strongest first: the order in which suspects are listed.
_STRENGTH = (Reason.SAME_ID_CARD, Reason.SAME_NAME, Reason.SAME_PHONE, Reason.SIMILAR_NAME)


class PersonLike(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def given_names(self) -> str: ...

    @property
    def surnames(self) -> str: ...

    @property
    def phone(self) -> str: ...

    @property
    def id_card(self) -> str: ...


P = TypeVar("P", bound=PersonLike)


@dataclass(frozen=True)
class Suspect(Generic[P]):
    person: P
    reasons: tuple[Reason, ...]


class _Only(dict[int, str | None]):
    """A `str.translate` table that keeps the characters a test accepts and drops the others,
    working each one out once: keys are made for every person of a workspace at each import."""

    def __init__(self, keep: Callable[[str], bool]) -> None:
        super().__init__()
        self._keep = keep

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        kept = char if self._keep(char) else None
        self[code] = kept
        return kept


_DIGITS = _Only(str.isdigit)
_ALNUM = _Only(str.isalnum)


def phone_key(phone: str) -> str:
    digits = phone.translate(_DIGITS)
    return digits[-PHONE_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else ""


def id_card_key(id_card: str) -> str:
    # ASCII, the usual case, gives the same key as folding, without its cost.
    ascii_key = id_card.isascii()
    key = id_card.lower().translate(_ALNUM) if ascii_key else fold(id_card).replace(" ", "")
    return key if len(key) >= MIN_ID_CARD else ""


def _name_words(person: PersonLike) -> frozenset[str]:
    return frozenset(fold(f"{person.given_names} {person.surnames}").split())


def _first_given(person: PersonLike) -> str:
    words = fold(person.given_names).split()
    return words[0] if words else ""


def duplicate_reasons(a: PersonLike, b: PersonLike) -> tuple[Reason, ...]:
    """Why two people look like the same person, strongest reason first; () when they do not."""
    found: set[Reason] = set()
    names_a, names_b = _name_words(a), _name_words(b)
    if names_a and names_a == names_b:
        found.add(Reason.SAME_NAME)
    elif _first_given(a) and _first_given(a) == _first_given(b):
        surnames_a = frozenset(fold(a.surnames).split())
        surnames_b = frozenset(fold(b.surnames).split())
        if surnames_a and surnames_b and (surnames_a <= surnames_b or surnames_b <= surnames_a):
            found.add(Reason.SIMILAR_NAME)
    if phone_key(a.phone) and phone_key(a.phone) == phone_key(b.phone):
        found.add(Reason.SAME_PHONE)
    if id_card_key(a.id_card) and id_card_key(a.id_card) == id_card_key(b.id_card):
        found.add(Reason.SAME_ID_CARD)
    return tuple(reason for reason in _STRENGTH if reason in found)


class DuplicateFinder(Generic[P]):
    """The people of a workspace, keyed so that the suspects of a new person are found at once."""

    def __init__(self, people: Iterable[P]) -> None:
        self._by_word: dict[str, list[P]] = {}
        self._by_phone: dict[str, list[P]] = {}
        self._by_card: dict[str, list[P]] = {}
        for person in people:
            self.add(person)

    def add(self, person: P) -> None:
        for word in fold(person.surnames).split():
            self._by_word.setdefault(word, []).append(person)
        if key := phone_key(person.phone):
            self._by_phone.setdefault(key, []).append(person)
        if key := id_card_key(person.id_card):
            self._by_card.setdefault(key, []).append(person)

    def suspects(self, new: PersonLike, *, limit: int = 5) -> list[Suspect[P]]:
        """The people who look like `new` (never `new` itself), strongest reasons first."""
        pool: dict[str, P] = {}
        # Any word of the name may be one of the surnames, when the two fields were mixed up.
        for word in _name_words(new):
            for person in self._by_word.get(word, ()):
                pool.setdefault(person.id, person)
        phone, card = phone_key(new.phone), id_card_key(new.id_card)
        for person in [*self._by_phone.get(phone, ()), *self._by_card.get(card, ())]:
            pool.setdefault(person.id, person)
        found = [
            Suspect(person, reasons)
            for person in pool.values()
            if person.id != new.id and (reasons := duplicate_reasons(new, person))
        ]
        found.sort(key=lambda s: (_STRENGTH.index(s.reasons[0]), -len(s.reasons), s.person.id))
        return found[:limit]


def find_duplicates(new: PersonLike, people: Iterable[P], *, limit: int = 5) -> list[Suspect[P]]:
    """The people among `people` who look like `new`, strongest reasons first."""
    return DuplicateFinder(people).suspects(new, limit=limit)
