"""What erasing a person's personal data means, as pure functions.

Personal data, for fieldkit, is what identifies or reaches one person: the name (kept as
initials, or removed, as the user chooses), the phone number, the e-mail address, the ID-card
number, and the consents given about them (nothing is left to consent about). Gender, age group
and organisation stay: they make the attendance figures already reported to donors, and without
a name or contact details they no longer point at anyone. Free text (notes, session facilitators)
and photos are not searched: the window says so, and the user reviews them.

An erasure is final. It is a synced record (`PersonErasure`); every laptop that holds one keeps
the person's personal fields at their erased values, whatever edit arrives (see
`fieldkit.store.erasure_store`).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from fieldkit.core.ids import derived_id
from fieldkit.core.model import Person
from fieldkit.i18n import _, ngettext

# The person's fields that an erasure empties (the names only when they are removed).
CONTACT_FIELDS: tuple[str, ...] = ("phone", "email", "id_card", "consent_photos", "consent_contact")
NAME_FIELDS: tuple[str, ...] = ("given_names", "surnames")
ERASED_FIELDS: tuple[str, ...] = (*NAME_FIELDS, *CONTACT_FIELDS)


def erasure_id(person_id: str) -> str:
    """One erasure per person: two laptops erasing the same person make the same record."""
    return derived_id("person_erasure", person_id)


def initials(name: str) -> str:
    """'María José' → 'M. J.'; applied again it changes nothing ('M. J.' → 'M. J.')."""
    words = name.replace("-", " ").split()
    return " ".join(f"{word[0].upper()}." for word in words if word[0].isalnum())


def erased_person(person: Person, *, keep_initials: bool) -> Person:
    """The person with their personal data erased (the same person when it already is)."""
    return dataclasses.replace(
        person,
        given_names=initials(person.given_names) if keep_initials else "",
        surnames=initials(person.surnames) if keep_initials else "",
        phone="",
        email="",
        id_card="",
        consent_photos=False,
        consent_contact=False,
    )


def scrubbed_merge_values(kept_before: str) -> str:
    """A merge record's before/after values without the erased fields (undoing that merge then
    leaves them as they are); the same text when there is nothing to take out."""
    try:
        values: Any = json.loads(kept_before or "{}")
    except ValueError:
        return "{}"
    if not isinstance(values, dict):
        return "{}"
    if not set(values) & set(ERASED_FIELDS):
        return kept_before
    kept = {name: change for name, change in values.items() if name not in ERASED_FIELDS}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


# --- the words, shared by the window and the command line -------------------------------------


def erased_text(*, keep_initials: bool) -> str:
    """What an erasure takes away, in one sentence."""
    if keep_initials:
        return _(
            "Erased: the name (only the initials are kept), the phone number, the e-mail "
            "address, the ID-card number and the consents given."
        )
    return _(
        "Erased: the name, the phone number, the e-mail address, the ID-card number and the "
        "consents given."
    )


def kept_text() -> str:
    """What an erasure leaves, and what it does not look at."""
    return _(
        "Kept: gender, age group, organisation, registrations and attendance, so the figures "
        "already reported stay the same. Notes, session facilitators and photos are not "
        "searched: review them if they name this person."
    )


def final_text() -> str:
    """What an erasure means for the other laptops, the undo copies and the backups."""
    return _(
        "This cannot be undone. The erasure reaches the other laptops with the next exchange. "
        "Imports made so far can no longer be undone, and older backups still hold the data "
        "until they rotate out."
    )


def done_texts(people: int, conflicts: int, merges: int, snapshots: int) -> list[str]:
    """What an erasure did, one sentence per thing it did."""
    texts = [
        ngettext(
            "The personal data of {count} person was erased.",
            "The personal data of {count} people was erased.",
            people,
        ).format(count=people)
    ]
    if conflicts:
        texts.append(
            ngettext(
                "{count} conflict record that held their old values was emptied.",
                "{count} conflict records that held their old values were emptied.",
                conflicts,
            ).format(count=conflicts)
        )
    if merges:
        texts.append(
            ngettext(
                "{count} record of a merge of duplicates was emptied of their data.",
                "{count} records of merges of duplicates were emptied of their data.",
                merges,
            ).format(count=merges)
        )
    if snapshots:
        texts.append(
            ngettext(
                "{count} copy made before an import was deleted: imports can no longer be undone.",
                "{count} copies made before imports were deleted: imports can no longer be undone.",
                snapshots,
            ).format(count=snapshots)
        )
    return texts
