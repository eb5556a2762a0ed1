"""What a merge of two people keeps, field by field, and the words for why they look alike.

Pure: the merge dialog and `fieldkit people merge` both start from `default_choices` and turn
choices into the kept person's values with `chosen_values`; the facade writes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fieldkit.core.duplicates import Reason
from fieldkit.core.model import Person
from fieldkit.i18n import _

# The fields of a person that a merge lets the user choose, in the order of the merge dialog.
MERGE_FIELDS: tuple[str, ...] = (
    "given_names",
    "surnames",
    "gender",
    "age_group",
    "phone",
    "email",
    "id_card",
    "organisation_id",
    "consent_photos",
    "consent_contact",
)


def _is_unset(value: Any) -> bool:
    """Nothing said: an empty text, no value, a box not ticked, a gender not stated."""
    return value is None or value is False or value == "" or value == "not_stated"


def default_choices(keep: Person, other: Person) -> dict[str, bool]:
    """{field: True to take the other person's value}: the kept person's values, except where
    they are empty and the other person's are not."""
    return {
        name: _is_unset(getattr(keep, name)) and not _is_unset(getattr(other, name))
        for name in MERGE_FIELDS
    }


def chosen_values(keep: Person, other: Person, take: Iterable[str]) -> dict[str, Any]:
    """The kept person's values that change: the other person's value of each field in `take`."""
    return {
        name: getattr(other, name)
        for name in take
        if name in MERGE_FIELDS and getattr(other, name) != getattr(keep, name)
    }


def taken_fields(choices: Mapping[str, bool]) -> list[str]:
    return [name for name in MERGE_FIELDS if choices.get(name)]


def reason_text(reason: Reason) -> str:
    """Why two people look alike, as the Duplicates view and the command line say it."""
    texts = {
        Reason.SAME_NAME: _("same name"),
        Reason.SIMILAR_NAME: _("similar name"),
        Reason.SAME_PHONE: _("same phone"),
        Reason.SAME_ID_CARD: _("same ID card"),
        Reason.SAME_EMAIL: _("same e-mail"),
        Reason.SAME_ORGANISATION: _("same organisation"),
        Reason.SAME_DELEGATION: _("same delegation"),
    }
    return texts[reason]
