"""Record identity: random UUIDs, and uuid5 ids for rows that stand for a pair.

Two laptops that record the same fact (the same person at the same session) derive the same id,
so the exchange merges the two rows instead of duplicating them.
"""

import uuid

# Fixed namespace of fieldkit's derived ids. Never change it: every derived id depends on it.
FIELDKIT_NAMESPACE = uuid.UUID("5b0d3c4e-8f3a-4c52-9a0e-6d1f2b7a9c11")


def new_id() -> str:
    return str(uuid.uuid4())


def derived_id(kind: str, *parts: str) -> str:
    """The id of the record of `kind` that stands for `parts` (e.g. a session and a person)."""
    return str(uuid.uuid5(FIELDKIT_NAMESPACE, "/".join((kind, *parts))))


def is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except (ValueError, AttributeError, TypeError):
        return False
