"""Erasing one person's personal data: what is erased, where, and that no copy is left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit.core.erasure import initials, scrubbed_merge_values
from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.ids import new_id
from fieldkit.core.model import Conflict, Gender, Person, PersonMerge
from fieldkit.store import Workspace
from fieldkit.store.merge_store import merge_id

PHONE = "+591 7123 9876"
EMAIL = "ruth.mamani@example.org"
CARD = "CI 4455667 LP"


def _ruth(ws: Workspace) -> Person:
    person = Person(
        new_id(),
        given_names="Ruth Nilda",
        surnames="Mamani Ch'uxña",
        gender=Gender.WOMAN,
        phone=PHONE,
        email=EMAIL,
        id_card=CARD,
        consent_contact=True,
        consent_photos=True,
    )
    ws.save(person)
    return person


def _file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        if extra.exists():
            data += extra.read_bytes()
    return data


def test_initials_are_stable() -> None:
    assert initials("María José") == "M. J."
    assert initials("M. J.") == "M. J."
    assert initials("Ch'uxña") == "C."
    assert initials("") == ""


def test_a_merge_record_loses_only_the_erased_fields() -> None:
    text = json.dumps(
        {"phone": {"before": "1", "after": "2"}, "gender": {"before": "man", "after": "woman"}}
    )
    assert json.loads(scrubbed_merge_values(text)) == {
        "gender": {"before": "man", "after": "woman"}
    }


def test_erasing_keeps_initials_and_empties_contacts(workspace: Workspace) -> None:
    ruth = _ruth(workspace)
    report = workspace.erase_people([ruth.id], keep_initials=True).value
    erased = workspace.require(Person, ruth.id)
    assert (erased.given_names, erased.surnames) == ("R. N.", "M. C.")
    assert (erased.phone, erased.email, erased.id_card) == ("", "", "")
    assert not erased.consent_contact and not erased.consent_photos
    assert erased.gender is Gender.WOMAN  # the figures already reported stay the same
    assert [p.id for p in report.people] == [ruth.id]
    assert ruth.id in workspace.erased_people()


def test_erasing_can_remove_the_name(workspace: Workspace) -> None:
    ruth = _ruth(workspace)
    workspace.erase_people([ruth.id], keep_initials=False)
    assert workspace.require(Person, ruth.id).full_name == ""


def test_no_byte_of_the_old_values_stays_in_the_file(workspace: Workspace) -> None:
    ruth = _ruth(workspace)
    for n in range(30):  # some churn, so the old row has moved about
        workspace.update(Person, ruth.id, phone=f"{PHONE}{n}")
    workspace.update(Person, ruth.id, phone=PHONE)
    assert PHONE.encode() in _file_bytes(workspace.path)
    workspace.erase_people([ruth.id], keep_initials=False)
    data = _file_bytes(workspace.path)
    for old in (PHONE, EMAIL, CARD, "Ruth Nilda", "Mamani", "7123 98"):
        assert old.encode() not in data, old


def test_an_erasure_is_final(workspace: Workspace) -> None:
    ruth = _ruth(workspace)
    workspace.erase_people([ruth.id], keep_initials=True)
    workspace.update(Person, ruth.id, phone=PHONE, given_names="Ruth")
    again = workspace.require(Person, ruth.id)
    assert (again.phone, again.given_names) == ("", "R.")
    with pytest.raises(InvalidInput, match="already erased"):
        workspace.erase_people([ruth.id], keep_initials=True)


def test_erasing_an_unknown_person_is_refused(workspace: Workspace) -> None:
    with pytest.raises(NotFound):
        workspace.erase_people([new_id()], keep_initials=True)
    with pytest.raises(InvalidInput):
        workspace.erase_people([], keep_initials=True)


def test_duplicates_merged_into_the_person_are_erased_too(workspace: Workspace) -> None:
    ruth = _ruth(workspace)
    twin = Person(new_id(), given_names="Ruth", surnames="Mamani", phone="+591 7000 1111")
    workspace.save(twin)
    workspace.merge_people(ruth.id, twin.id, values={"phone": "+591 7000 1111"})
    merge = workspace.require(PersonMerge, merge_id(twin.id))
    assert PHONE in merge.kept_before
    report = workspace.erase_people([twin.id], keep_initials=True).value
    assert {p.id for p in report.people} == {ruth.id, twin.id}
    assert workspace.require(Person, twin.id).phone == ""
    kept_before = workspace.require(PersonMerge, merge_id(twin.id)).kept_before
    assert PHONE not in kept_before and "7000" not in kept_before
    assert report.merges == 1


def test_conflict_records_lose_the_old_values(workspace: Workspace) -> None:
    ruth = _ruth(workspace)
    conflict = Conflict(
        new_id(), "person", ruth.id, "phone", json.dumps("+591 7999 0000"), "x", False
    )
    workspace.save(conflict)
    report = workspace.erase_people([ruth.id], keep_initials=True).value
    stored = workspace.require(Conflict, conflict.id)
    assert stored.value == json.dumps("") and stored.resolved
    assert report.conflicts == 1
    assert b"7999" not in _file_bytes(workspace.path)


def test_the_undo_copies_of_imports_are_deleted(workspace: Workspace) -> None:
    ruth = _ruth(workspace)
    copy = workspace.snapshot("before-import")
    workspace.log_exchange("import", Path("x.fkx"), "0" * 64, "", {}, copy)
    manual = workspace.snapshot("manual")
    report = workspace.erase_people([ruth.id], keep_initials=True).value
    assert report.snapshots == 1
    assert not copy.exists()
    assert manual.exists()  # backups rotate out on their own (the confirmation says so)
    entry = workspace.last_import()
    assert entry is not None and entry.snapshot is None


def test_a_removed_person_can_be_erased_too(workspace: Workspace) -> None:
    ruth = _ruth(workspace)
    workspace.delete(Person, ruth.id)
    workspace.erase_people([ruth.id], keep_initials=False)
    erased = workspace.get(Person, ruth.id, include_deleted=True)
    assert erased is not None and (erased.full_name, erased.phone) == ("", "")
