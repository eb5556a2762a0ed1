"""Record identity: random UUIDs, and uuid5 ids for rows that stand for a pair.

Two laptops that record the same fact (the same person at the same session) derive the same id,
so the exchange merges the two rows instead of duplicating them.
"""

import hashlib
import re
import uuid

# Fixed namespace of fieldkit's derived ids. Never change it: every derived id depends on it.
FIELDKIT_NAMESPACE = uuid.UUID("5b0d3c4e-8f3a-4c52-9a0e-6d1f2b7a9c11")


def new_id() -> str:
    return str(uuid.uuid4())


_NAMESPACE_BYTES = FIELDKIT_NAMESPACE.bytes


def derived_id(kind: str, *parts: str) -> str:
    """The id of the record of `kind` that stands for `parts` (e.g. a session and a person).

    `uuid.uuid5`, computed directly: every import checks each pair row's id with it.
    """
    name = "/".join((kind, *parts)).encode("utf-8")
    raw = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50  # version 5
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def is_uuid(text: str) -> bool:
    """True for a UUID in its canonical lower-case form (the only form records use)."""
    return isinstance(text, str) and _CANONICAL_UUID.fullmatch(text) is not None


# The derived ids of pair rows, in one place so every writer agrees on them.


def registration_id(event_id: str, person_id: str) -> str:
    return derived_id("registration", event_id, person_id)


def attendance_id(session_id: str, person_id: str) -> str:
    return derived_id("attendance", session_id, person_id)


def member_id(group_id: str, person_id: str) -> str:
    return derived_id("group_member", group_id, person_id)


def partner_id(event_id: str, organisation_id: str) -> str:
    return derived_id("event_partner", event_id, organisation_id)


def session_axis_id(session_id: str, axis_id: str) -> str:
    return derived_id("session_axis", session_id, axis_id)


def session_objective_id(session_id: str, objective_id: str) -> str:
    return derived_id("session_objective", session_id, objective_id)


def arrival_id(day_id: str) -> str:
    """The arrival session of a day: where people are checked in when they come."""
    return derived_id("arrival", day_id)


def note_id(session_id: str, group_id: str | None = None) -> str:
    return derived_id("note", session_id, group_id or "")


def tally_id(session_id: str, device: str) -> str:
    return derived_id("tally", session_id, device)


def owner_id(action_id: str, owner: str) -> str:
    return derived_id("action_owner", action_id, owner)
