"""Likely duplicates across a whole workspace, ranked, each with its reasons.

Names are compared the way the region writes them: folded (accents, case, apostrophes), the
surnames as a set (either order, one missing), "Ma." for María, an initial for a given name, and
a married name with "de" ("Rosa Quispe de Mamani": her own surname is Quispe). Identifiers are
compared by their keys (phone digits, ID-card number, folded e-mail); the same organisation or
delegation adds weight but never makes a suggestion alone.

Comparing every pair of 50,000 people is 1.25 billion comparisons, so candidates come from
blocks: the same folded name, the same given-name initial with the same or fewer surnames, the
same identifier, and for typing slips a fuzzy comparison (rapidfuzz) only among people who share
a given-name initial and a surname. A pair that shares only a name is suggested with a lower
score; nothing here merges anyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rapidfuzz import fuzz, process

from fieldkit.core.duplicates import MIN_PHONE_DIGITS, PHONE_DIGITS, Reason, id_card_key
from fieldkit.core.text import fold

# Small words of Spanish, Portuguese, French and Dutch surnames that are not surnames themselves.
PARTICLES = frozenset(
    {"de", "del", "la", "las", "los", "y", "e", "da", "das", "do", "dos", "du", "van", "von"}
)
# Abbreviations of given names as they are written on lists ("Ma." and "Mª" fold to "ma").
ABBREVIATIONS = {"ma": "maria", "fco": "francisco", "jse": "jose", "gmo": "guillermo"}
FUZZY_CUTOFF = 90  # token_sort_ratio of two folded names: a typing slip, not another person
GIVEN_CUTOFF = 85  # fuzz.ratio of two given names that count as the same
MIN_SLIP_LENGTH = 5  # shorter given names differ by one letter between two people (Juan, Juana)

# What each reason adds to a pair's score (out of 100): identifiers weigh more than a name.
WEIGHTS: dict[Reason, int] = {
    Reason.SAME_NAME: 45,
    Reason.SIMILAR_NAME: 35,
    Reason.SAME_ID_CARD: 45,
    Reason.SAME_EMAIL: 35,
    Reason.SAME_PHONE: 30,
    Reason.SAME_ORGANISATION: 10,
    Reason.SAME_DELEGATION: 5,
}
_ORDER = tuple(WEIGHTS)


@dataclass(frozen=True)
class ScanPerson:
    """What the scan compares of one person (merged and deleted people are never given)."""

    id: str
    given_names: str = ""
    surnames: str = ""
    phone: str = ""
    email: str = ""
    id_card: str = ""
    organisation_id: str | None = None
    delegations: frozenset[str] = frozenset()

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surnames) if part)


@dataclass(frozen=True)
class Suggestion:
    """Two people who may be one, with a score out of 100 and the reasons, strongest first."""

    a: ScanPerson
    b: ScanPerson
    score: int
    reasons: tuple[Reason, ...]


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs 50,000 times over
class _Keys:
    """One person's folded name parts and identifier keys, computed once."""

    given: tuple[str, ...]
    surnames: frozenset[str]  # every surname word, particles left out
    own: frozenset[str]  # before a married "de", else the same as `surnames`
    words: frozenset[str]
    name: str  # the words sorted: fuzz.ratio on it is rapidfuzz's token_sort_ratio, cheaper
    initials: frozenset[str]  # of the given names: the blocks
    phone: str
    card: str
    email: str
    delegations: frozenset[str]


# Names repeat (a region has a few hundred given names and surnames): each is folded once.
@lru_cache(maxsize=65536)
def _given_words(text: str) -> tuple[str, ...]:
    return tuple(ABBREVIATIONS.get(word, word) for word in fold(text).split())


@lru_cache(maxsize=65536)
def _surname_sets(text: str) -> tuple[frozenset[str], frozenset[str]]:
    words = fold(text).replace("-", " ").split()
    every = frozenset(w for w in words if w not in PARTICLES)
    # "Quispe de Mamani": a married name; her own surnames are the words before "de".
    if "de" in words[1:]:
        own = frozenset(w for w in words[: words.index("de", 1)] if w not in PARTICLES)
        return every, own or every
    return every, every


_folded = lru_cache(maxsize=65536)(fold)  # delegations and names repeat
_NOT_DIGIT = re.compile(r"\D")


def _phone_key(phone: str) -> str:
    """`fieldkit.core.duplicates.phone_key`, by one regular expression rather than a loop."""
    digits = _NOT_DIGIT.sub("", phone)
    return digits[-PHONE_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else ""


def _keys(person: ScanPerson) -> _Keys:
    given = _given_words(person.given_names)
    surnames, own = _surname_sets(person.surnames)
    words = frozenset(given) | surnames
    return _Keys(
        given=given,
        surnames=surnames,
        own=own,
        words=words,
        name=" ".join(sorted(words)),
        initials=frozenset(word[0] for word in given),
        phone=_phone_key(person.phone) if person.phone else "",
        card=id_card_key(person.id_card) if person.id_card else "",
        email=_email_key(person.email),
        delegations=frozenset(_folded(d) for d in person.delegations if d.strip()),
    )


def _email_key(email: str) -> str:
    if "@" not in email:
        return ""
    return email.strip().lower() if email.isascii() else fold(email).replace(" ", "")


def folded_name(person: ScanPerson) -> str:
    """The name as the fuzzy comparison sees it: folded, its words sorted, particles left out."""
    return _keys(person).name


def _given_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same given names: one's within the other's ("María" and "María Rosa"), an initial
    for the first, or a slip in a long name (not "Juan" and "Juana": two people)."""
    if not a or not b:
        return False
    set_a, set_b = set(a), set(b)
    if set_a <= set_b or set_b <= set_a:
        return True
    first_a, first_b = a[0], b[0]
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    if min(len(first_a), len(first_b)) < MIN_SLIP_LENGTH:
        return False
    return fuzz.ratio(first_a, first_b) >= GIVEN_CUTOFF


def _surnames_match(a: _Keys, b: _Keys) -> bool:
    """Either order, one missing, or one's own surnames within a married name."""
    for mine in {a.surnames, a.own}:
        for theirs in {b.surnames, b.own}:
            if mine and theirs and (mine <= theirs or theirs <= mine):
                return True
    return False


def name_reason(a: _Keys, b: _Keys) -> Reason | None:
    if a.words and a.words == b.words:
        return Reason.SAME_NAME
    if not _given_match(a.given, b.given):
        return None
    if _surnames_match(a, b):
        return Reason.SIMILAR_NAME
    if a.name and b.name and fuzz.ratio(a.name, b.name) >= FUZZY_CUTOFF:
        return Reason.SIMILAR_NAME
    return None


def _judge(a: ScanPerson, ka: _Keys, b: ScanPerson, kb: _Keys) -> tuple[int, tuple[Reason, ...]]:
    """The score and reasons of a pair; (0, ()) when it is not worth suggesting."""
    found: set[Reason] = set()
    name = name_reason(ka, kb)
    if name is not None:
        found.add(name)
    if ka.card and ka.card == kb.card:
        found.add(Reason.SAME_ID_CARD)
    if ka.email and ka.email == kb.email:
        found.add(Reason.SAME_EMAIL)
    if ka.phone and ka.phone == kb.phone:
        found.add(Reason.SAME_PHONE)
    # A shared phone alone is often a family's: it counts only with a name that fits.
    strong = found & {Reason.SAME_NAME, Reason.SIMILAR_NAME, Reason.SAME_ID_CARD, Reason.SAME_EMAIL}
    if not strong and not (Reason.SAME_PHONE in found and _given_match(ka.given, kb.given)):
        return 0, ()
    if a.organisation_id and a.organisation_id == b.organisation_id:
        found.add(Reason.SAME_ORGANISATION)
    if ka.delegations & kb.delegations:
        found.add(Reason.SAME_DELEGATION)
    reasons = tuple(reason for reason in _ORDER if reason in found)
    return min(100, sum(WEIGHTS[reason] for reason in reasons)), reasons


def _pairs_of(groups: Iterable[list[int]], into: set[tuple[int, int]]) -> None:
    for members in groups:
        if len(members) > 1:
            into.update(combinations(members, 2))


def _load_rapidfuzz() -> None:
    """rapidfuzz (forty modules, two large libraries) is imported by the first scan, not at the
    app's start, which imports this module for its types."""
    global fuzz, process  # bound once, then read by the comparisons
    from rapidfuzz import fuzz, process


def candidate_pairs(keys: Sequence[_Keys]) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth judging: every pair that could be suggested is among them."""
    _load_rapidfuzz()
    pairs: set[tuple[int, int]] = set()
    by_words: dict[frozenset[str], list[int]] = {}
    by_phone: dict[str, list[int]] = {}
    by_card: dict[str, list[int]] = {}
    by_email: dict[str, list[int]] = {}
    # (given-name initial, a set of surnames) -> people with exactly those surnames
    by_surnames: dict[tuple[str, frozenset[str]], list[int]] = {}
    # (given-name initial, one surname word) -> people: the blocks of the fuzzy comparison
    blocks: dict[tuple[str, str], list[int]] = {}
    for index, k in enumerate(keys):
        if k.words:
            by_words.setdefault(k.words, []).append(index)
        if k.phone:
            by_phone.setdefault(k.phone, []).append(index)
        if k.card:
            by_card.setdefault(k.card, []).append(index)
        if k.email:
            by_email.setdefault(k.email, []).append(index)
        for initial in k.initials:
            for variant in {k.surnames, k.own}:
                if variant:
                    by_surnames.setdefault((initial, variant), []).append(index)
            for word in k.surnames:
                blocks.setdefault((initial, word), []).append(index)
    _pairs_of(by_words.values(), pairs)
    _pairs_of(by_phone.values(), pairs)
    _pairs_of(by_card.values(), pairs)
    _pairs_of(by_email.values(), pairs)
    _pairs_of(by_surnames.values(), pairs)
    # One surname missing, or a married name: look the smaller sets up.
    for index, k in enumerate(keys):
        for initial in k.initials:
            for variant in {k.surnames, k.own}:
                if len(variant) < 2:
                    continue
                for size in range(1, len(variant)):
                    for subset in combinations(sorted(variant), size):
                        for other in by_surnames.get((initial, frozenset(subset)), ()):
                            if other != index:
                                pairs.add((min(index, other), max(index, other)))
    # Typing slips: a fuzzy comparison inside each block, in rapidfuzz's C loop.
    for members in blocks.values():
        if len(members) < 2:
            continue
        names = [keys[i].name for i in members]
        for position in range(len(members) - 1):
            rest = names[position + 1 :]
            for _choice, _score, offset in process.extract(
                names[position],
                rest,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=FUZZY_CUTOFF,
                limit=None,
            ):
                a, b = members[position], members[position + 1 + offset]
                pairs.add((min(a, b), max(a, b)))
    return pairs


def _keeper_order(person: ScanPerson) -> tuple[int, int, str, str, str]:
    """The person more is known of first, then the longer name: the one a merge would keep."""
    known = sum(
        bool(value)
        for value in (
            person.phone,
            person.email,
            person.id_card,
            person.organisation_id,
            person.delegations,
        )
    )
    words = len(person.full_name.split())
    return (-known, -words, _folded(person.surnames), _folded(person.given_names), person.id)


def scan(
    people: Sequence[ScanPerson], distinct: Iterable[tuple[str, str]] = ()
) -> list[Suggestion]:
    """Likely duplicates among `people`, the most likely first; pairs in `distinct` (marked as
    different people, in either order) are never suggested."""
    _load_rapidfuzz()
    keys = [_keys(person) for person in people]
    apart = {frozenset(pair) for pair in distinct}
    found: list[Suggestion] = []
    for i, j in candidate_pairs(keys):
        a, b = people[i], people[j]
        if a.id == b.id or frozenset((a.id, b.id)) in apart:
            continue
        score, reasons = _judge(a, keys[i], b, keys[j])
        if reasons:
            if _keeper_order(b) < _keeper_order(a):  # the one to keep, likely, first
                a, b = b, a
            found.append(Suggestion(a, b, score, reasons))
    found.sort(
        key=lambda s: (-s.score, _folded(s.a.surnames), _folded(s.a.given_names), s.a.id, s.b.id)
    )
    return found
