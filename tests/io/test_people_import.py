"""Importing partners' lists: each file twice with no duplicates, matching, mapping, refusals."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.ids import new_id, registration_id
from fieldkit.core.model import AgeGroup, Event, Gender, Organisation, Person, Registration, Role
from fieldkit.io import people_import
from fieldkit.io.people_fields import Field
from fieldkit.io.people_import import (
    ImportCancelled,
    Outcome,
    apply_plan,
    plan_import,
)
from fieldkit.store import Workspace

DATA = Path(__file__).parents[1] / "data" / "people"
GOOD = [
    "delegacion-taraco.xlsx",
    "formulario-en-linea.csv",
    "liste-excel-fr.csv",
    "apellidos-y-nombres.tsv",
    "unicode-text.txt",
]
UNUSABLE = ["binary.csv", "empty.csv", "no-header.csv", "password.xlsx", "not-a-workbook.xlsx"]


@pytest.fixture
def event(workspace: Workspace) -> str:
    record = Event(id=new_id(), code="ENC", title="Encuentro binacional")
    workspace.save(record)
    return record.id


def _people(ws: Workspace, event_id: str) -> dict[str, tuple[str, str]]:
    return {
        row.id: (row.given_names, row.surnames)
        for row in ws.people_rows(event_id)
        if row.registered
    }


def _csv(tmp_path: Path, text: str, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", GOOD)
def test_each_partner_file_imports_and_a_second_import_adds_nobody(
    workspace: Workspace, event: str, name: str
) -> None:
    first = plan_import(workspace, "ENC", DATA / name)
    assert first.count(Outcome.NEW) >= 3
    apply_plan(workspace, first)
    people = _people(workspace, event)
    assert len(people) == first.count(Outcome.NEW) + first.count(Outcome.SUGGESTED)
    dump = workspace.dump()
    second = plan_import(workspace, "ENC", DATA / name)
    assert second.count(Outcome.NEW) == second.count(Outcome.SUGGESTED) == 0
    assert second.count(Outcome.MATCHED) == len(first.rows) - first.count(Outcome.REJECTED)
    assert (second.people, second.registrations, second.organisations) == ([], [], [])
    apply_plan(workspace, second)
    assert workspace.dump() == dump


def test_all_the_files_one_after_the_other_then_all_again_add_nobody(
    workspace: Workspace, event: str
) -> None:
    for name in GOOD:
        apply_plan(workspace, plan_import(workspace, "ENC", DATA / name))
    dump = workspace.dump()
    for name in GOOD:
        plan = plan_import(workspace, "ENC", DATA / name)
        assert plan.count(Outcome.NEW) == plan.count(Outcome.SUGGESTED) == 0, name
        apply_plan(workspace, plan)
    assert workspace.dump() == dump


def test_the_delegation_workbook_is_read_whole(workspace: Workspace, event: str) -> None:
    plan = plan_import(workspace, "ENC", DATA / "delegacion-taraco.xlsx")
    assert (plan.sheet, plan.header_row) == ("Participantes", 3)  # the instructions sheet skipped
    assert plan.ignored == ["N°", "Firma"]
    apply_plan(workspace, plan)
    rows = {r.given_names: r for r in workspace.people_rows(event)}
    rosa = rows["Rosa"]
    assert (rosa.surnames, rosa.gender, rosa.age_group) == (
        "Quispe Mamani",
        Gender.WOMAN,  # M beside H: mujer
        AgeGroup.FROM_30_TO_44,  # 41, the cached value of =2021-1980
    )
    assert (rosa.phone, rosa.id_card, rosa.organisation) == (
        "59171234567",
        "4567123",
        "Red de Mujeres Aymaras",
    )
    assert rows["Juan Carlos"].gender is Gender.MAN
    assert rows["Juan Carlos"].age_group is AgeGroup.FROM_60
    assert rows["Felícitas"].surnames == "Pérez de la Cruz"
    assert rows["Teodoro"].surnames == "Apaza"
    assert {r.delegation for r in rows.values()} == {"Taraco"}  # one merged cell for all
    assert rows["Eulogia"].role is Role.RAPPORTEUR  # "Relatora"
    assert rows["Rosa"].role is Role.PARTICIPANT  # "Presidenta" is her job, not her role here
    # One organisation per name, however many rows name it.
    assert sorted(o.name for o in workspace.list(Organisation)) == [
        "Asociación de Productores",
        "Gobierno Autónomo Municipal de Taraco",
        "Red de Mujeres Aymaras",
    ]


def test_the_online_form_reads_full_names_and_rejects_a_row_without_name(
    workspace: Workspace, event: str
) -> None:
    plan = plan_import(workspace, "ENC", DATA / "formulario-en-linea.csv")
    by_row = {r.row: r for r in plan.rows}
    assert by_row[3].person is not None
    assert (by_row[3].person.given_names, by_row[3].person.surnames) == (
        "María Elena",
        "Pérez de la Cruz",
    )
    assert by_row[4].person is not None and by_row[4].person.surnames == "Huamán Flores"
    assert by_row[5].person is not None
    assert by_row[5].person.given_names.startswith("=HYPERLINK(")  # kept as typed, whole
    assert by_row[6].notes == ("The e-mail wilfredo@example is not an address.",)
    assert by_row[6].person is not None and by_row[6].person.email == ""
    assert (by_row[7].outcome, by_row[7].reason) == (Outcome.REJECTED, "The row has no name.")
    assert plan.ignored == ["Marca temporal"]


def test_the_french_list_reads_f_h_as_femme_homme(workspace: Workspace, event: str) -> None:
    plan = plan_import(workspace, "ENC", DATA / "liste-excel-fr.csv")
    assert plan.header_row == 3
    people = {r.person.given_names: r.person for r in plan.rows if r.person}
    assert people["Hélène"].gender is Gender.WOMAN and people["François"].gender is Gender.MAN
    assert people["Marie-Ève"].surnames == "Bérubé"
    assert [r.row for r in plan.rows] == [4, 5, 7, 8]  # the empty row 6 is no row at all
    apply_plan(workspace, plan)
    roles = {r.given_names: r.role for r in workspace.people_rows(event)}
    assert roles["Hélène"] is Role.FACILITATOR and roles["François"] is Role.RAPPORTEUR


def test_surnames_first_and_utf16_lists(workspace: Workspace, event: str) -> None:
    plan = plan_import(workspace, "ENC", DATA / "apellidos-y-nombres.tsv")
    names = [(r.person.given_names, r.person.surnames) for r in plan.rows if r.person]
    assert names == [
        ("Rosa", "Quispe Mamani"),
        ("Juan", "CONDORI TICONA"),
        ("María Luz", "de la Cruz Huamán"),
        ("Pedro Pablo", "Alvarado Ríos"),
    ]
    plan = plan_import(workspace, "ENC", DATA / "unicode-text.txt")
    people = [r.person for r in plan.rows if r.person]
    assert [p.gender for p in people] == [Gender.WOMAN, Gender.MAN, Gender.WOMAN]
    assert people[0].email == "nina.mamani@example.org"


@pytest.mark.parametrize("name", UNUSABLE)
def test_an_unusable_file_is_refused_and_changes_nothing(
    workspace: Workspace, event: str, name: str
) -> None:
    dump = workspace.dump()
    with pytest.raises(InvalidInput) as refusal:
        plan_import(workspace, "ENC", DATA / name)
    assert name in refusal.value.message and "\n" not in refusal.value.message
    assert workspace.dump() == dump


def test_an_unknown_event_is_refused_before_the_file_is_read(workspace: Workspace) -> None:
    with pytest.raises(NotFound, match="no event"):
        plan_import(workspace, "NOPE", DATA / "binary.csv")


# --- matching -------------------------------------------------------------------------------------


def _known(ws: Workspace, event_id: str | None = None, **values: str) -> Person:
    person = Person(id=new_id(), given_names="Rosa", surnames="Quispe Mamani", **values)
    records: list[object] = [person]
    if event_id:
        records.append(Registration(registration_id(event_id, person.id), event_id, person.id))
    ws.save(*records)
    return person


HEADER = "Nombre,Apellidos,Celular,Correo,CI\n"


@pytest.mark.parametrize(
    ("known", "row", "reason"),
    [
        ({"id_card": "4.567.123"}, "Rosita,Quispe,,,4567123", "The same ID-card number"),
        ({"email": "rosa@example.org"}, "R.,Quispe,,Rosa@Example.org,", "The same e-mail"),
        ({"phone": "71234567"}, "Rosa,Quispe,+591 7 123-4567,,", "The same phone number"),
        ({"phone": "(591) 71234567"}, "Rosa M.,Quispe,00591-7123 4567,,", "The same phone number"),
    ],
)
def test_an_identifier_is_the_same_person(
    workspace: Workspace, event: str, tmp_path: Path, known: dict[str, str], row: str, reason: str
) -> None:
    person = _known(workspace, **known)
    plan = plan_import(workspace, "ENC", _csv(tmp_path, HEADER + row + "\n"))
    (result,) = plan.rows
    assert result.outcome is Outcome.MATCHED and result.reason.startswith(reason)
    assert result.person is not None and result.person.id == person.id
    apply_plan(workspace, plan)
    assert _people(workspace, event) == {person.id: ("Rosa", "Quispe Mamani")}  # not renamed


def test_a_shared_phone_with_another_name_is_not_the_same_person(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    """A family or a community often gives one phone for all of its people."""
    _known(workspace, phone="71234567")
    plan = plan_import(workspace, "ENC", _csv(tmp_path, HEADER + "Juan,Condori,71234567,,\n"))
    assert [r.outcome for r in plan.rows] == [Outcome.NEW]


def test_a_similar_name_alone_is_a_suggestion(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    known = _known(workspace)  # in the workspace, not at this event
    plan = plan_import(workspace, "ENC", _csv(tmp_path, HEADER + "Rosa,Quispe,,,\n"))
    (result,) = plan.rows
    assert result.outcome is Outcome.SUGGESTED
    assert [s.id for s in result.suggestions] == [known.id]
    assert "Rosa Quispe Mamani" in result.reason
    apply_plan(workspace, plan)
    assert len(_people(workspace, event)) == 1  # added; the suggestion is for later merging
    again = plan_import(workspace, "ENC", tmp_path / "list.csv")
    assert again.rows[0].outcome is Outcome.MATCHED  # the same file twice adds nobody


def test_the_same_name_at_the_event_is_the_same_person_unless_an_identifier_differs(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    known = _known(workspace, event, id_card="4567123")
    plan = plan_import(
        workspace,
        "ENC",
        _csv(tmp_path, HEADER + "Rosa,Quispe Mamani,,,\nRosa,Quispe Mamani,,,9999999\n"),
    )
    assert [r.outcome for r in plan.rows] == [Outcome.MATCHED, Outcome.SUGGESTED]
    assert plan.rows[0].person is not None and plan.rows[0].person.id == known.id


def test_a_row_repeated_in_the_file_is_one_person(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    text = (
        HEADER + "Rosa,Quispe,71234567,,\nRosa,Quispe,,rosa@example.org,\nRosa,Quispe,71234567,,\n"
    )
    plan = plan_import(workspace, "ENC", _csv(tmp_path, text))
    assert [r.outcome for r in plan.rows] == [Outcome.NEW, Outcome.MATCHED, Outcome.MATCHED]
    assert plan.rows[2].reason == "The same person as row 2."
    apply_plan(workspace, plan)
    (row,) = workspace.people_rows(event)
    assert (row.phone, row.email) == ("71234567", "rosa@example.org")  # completed by row 3


def test_a_matched_person_gets_empty_fields_filled_never_overwritten(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    known = _known(workspace, event, phone="71234567", email="rosa@example.org")
    text = "Nombre,Apellidos,Celular,Correo,Sexo,Edad,Delegación\nRosa,Quispe,71234567,otra@example.org,F,34,Taraco\n"
    apply_plan(workspace, plan_import(workspace, "ENC", _csv(tmp_path, text)))
    stored = workspace.require(Person, known.id)
    assert stored.email == "rosa@example.org"
    assert (stored.gender, stored.age_group) == (Gender.WOMAN, AgeGroup.FROM_30_TO_44)
    registration = workspace.require(Registration, registration_id(event, known.id))
    assert registration.delegation == "Taraco"


def test_what_was_written_between_the_plan_and_the_apply_is_kept(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    """The window plans, the user looks, another page or a sync writes, then the import is
    applied: the apply fills only what is still empty, read again in its own transaction."""
    known = _known(workspace, event, phone="71234567")
    text = (
        "Nombre,Apellidos,Celular,Correo,Sexo,Delegación\n"
        "Rosa,Quispe,71234567,plan@example.org,F,Taraco\n"
    )
    plan = plan_import(workspace, "ENC", _csv(tmp_path, text))
    assert plan.rows[0].outcome is Outcome.MATCHED
    # Meanwhile: the e-mail typed on the People page, the name corrected, the delegation set.
    workspace.save(
        dataclasses.replace(
            workspace.require(Person, known.id), email="typed@example.org", given_names="Rosa Elena"
        ),
        dataclasses.replace(
            workspace.require(Registration, registration_id(event, known.id)), delegation="Salinas"
        ),
    )
    apply_plan(workspace, plan)
    stored = workspace.require(Person, known.id)
    assert (stored.email, stored.given_names) == ("typed@example.org", "Rosa Elena")
    assert stored.gender is Gender.WOMAN  # still empty at the apply: filled
    registration = workspace.require(Registration, registration_id(event, known.id))
    assert registration.delegation == "Salinas"


def test_a_deleted_registration_comes_back_with_the_list(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    known = _known(workspace, event, phone="71234567")
    workspace.delete(Registration, registration_id(event, known.id))
    apply_plan(
        workspace, plan_import(workspace, "ENC", _csv(tmp_path, HEADER + "Rosa,Q,71234567,,\n"))
    )
    assert workspace.registered_count(event) == 1


# --- mapping --------------------------------------------------------------------------------------


def test_a_corrected_mapping_is_remembered_for_the_same_headers(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    text = "Nombre,Apellidos,Ayllu,Obs\nRosa,Quispe,Qullana,vino tarde\n"
    plan = plan_import(workspace, "ENC", _csv(tmp_path, text))
    assert plan.ignored == ["Ayllu", "Obs"]
    plan = plan_import(workspace, "ENC", _csv(tmp_path, text), mapping={"ayllu": "delegation"})
    assert [c.field for c in plan.columns][2] is Field.DELEGATION
    dry = workspace.dump()
    assert workspace.dump() == dry  # planning wrote nothing, not even the mapping
    apply_plan(workspace, plan)
    other = _csv(tmp_path, "NOMBRE,Apellidos,AYLLU,obs\nJuan,Mamani,Chiarpata,\n", "other.csv")
    later = plan_import(workspace, "ENC", other)
    assert [c.field for c in later.columns][2] is Field.DELEGATION
    apply_plan(workspace, later)
    delegations = {r.given_names: r.delegation for r in workspace.people_rows(event)}
    assert delegations == {"Rosa": "Qullana", "Juan": "Chiarpata"}


def test_a_mapping_to_ignore_or_to_an_unknown_field_or_header(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "Nombre,Apellidos,Institución\nRosa,Quispe,Red\n")
    plan = plan_import(workspace, "ENC", path, mapping={"Institución": "ignore"})
    assert plan.ignored == ["Institución"] and plan.organisations == []
    with pytest.raises(InvalidInput, match="not a field"):
        plan_import(workspace, "ENC", path, mapping={"Institución": "ayllu"})
    with pytest.raises(InvalidInput, match="no column Cargo"):
        plan_import(workspace, "ENC", path, mapping={"Cargo": "role"})


def test_two_columns_for_one_field_keep_the_first(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    plan = plan_import(
        workspace, "ENC", _csv(tmp_path, "Nombre,Apellidos,Celular,Teléfono\nRosa,Q,7111,7222\n")
    )
    assert plan.ignored == ["Teléfono"] and "Teléfono" in plan.warnings[0]


def test_ambiguous_gender_letters_are_one_warning(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    plan = plan_import(
        workspace, "ENC", _csv(tmp_path, "Nombre,Apellidos,Sexo\nRosa,Q,M\nAna,P,M\n")
    )
    assert {r.person.gender for r in plan.rows if r.person} == {Gender.NOT_STATED}
    assert len(plan.warnings) == 1 and "M" in plan.warnings[0]


def test_a_sheet_named_without_a_header_is_refused(workspace: Workspace, event: str) -> None:
    with pytest.raises(InvalidInput, match="The sheet Instrucciones has no header"):
        plan_import(workspace, "ENC", DATA / "delegacion-taraco.xlsx", sheet="Instrucciones")


# --- size, cancel, one transaction ----------------------------------------------------------------


def test_a_file_past_the_limit_is_refused_before_anything_is_written(
    workspace: Workspace, event: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_import, "MAX_ROWS", 3)
    path = _csv(tmp_path, "Nombre,Apellidos\n" + "".join(f"P{n},Q{n}\n" for n in range(4)))
    dump = workspace.dump()
    with pytest.raises(InvalidInput, match="more than 3 rows"):
        plan_import(workspace, "ENC", path)
    assert workspace.dump() == dump


def test_reading_reports_progress_and_can_be_cancelled(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "Nombre,Apellidos\n" + "".join(f"P{n},Q{n}\n" for n in range(2500)))
    seen: list[int] = []
    plan = plan_import(workspace, "ENC", path, progress=seen.append)
    assert seen == [1000, 2000] and plan.count(Outcome.NEW) == 2500
    with pytest.raises(ImportCancelled):
        plan_import(workspace, "ENC", path, cancelled=lambda: True)


def test_a_plan_is_written_whole_or_not_at_all(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    plan = plan_import(workspace, "ENC", DATA / "liste-excel-fr.csv")
    other = Event(id=new_id(), code="OTHER")
    workspace.save(other)
    stray = Registration(registration_id(other.id, new_id()), other.id, new_id())
    dump = workspace.dump()
    with pytest.raises(InvalidInput, match="its own event"):
        apply_plan(workspace, dataclasses.replace(plan, registrations=[*plan.registrations, stray]))
    assert workspace.dump() == dump


def test_a_row_with_more_surnames_than_someone_known_is_a_suggestion_too(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    known = Person(id=new_id(), given_names="Rosa", surnames="Quispe")
    workspace.save(known)
    plan = plan_import(workspace, "ENC", _csv(tmp_path, HEADER + "Rosa Elena,Quispe Mamani,,,\n"))
    assert [s.id for s in plan.rows[0].suggestions] == [known.id]
    plan = plan_import(workspace, "ENC", _csv(tmp_path, HEADER + "Rosa,Mamani Condori,,,\n"))
    assert plan.rows[0].outcome is Outcome.NEW  # no surname in common: nobody alike


def test_the_users_choice_about_a_suggestion_decides(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    """What the window asks: the suggested row is that person, or someone new."""
    known = _known(workspace)
    path = _csv(tmp_path, HEADER + "Rosa,Quispe,,,\n")
    same = plan_import(workspace, "ENC", path, same_as={2: known.id})
    assert same.rows[0].outcome is Outcome.MATCHED
    assert same.rows[0].reason == "Chosen as the same person as Rosa Quispe Mamani."
    other = plan_import(workspace, "ENC", path, same_as={2: ""})
    assert (other.rows[0].outcome, other.rows[0].suggestions) == (Outcome.NEW, ())
    apply_plan(workspace, same)
    assert _people(workspace, event) == {known.id: ("Rosa", "Quispe Mamani")}


def test_a_new_correction_keeps_the_ones_remembered_before(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "Nombre,Apellidos,Ayllu,Cel.\nRosa,Quispe,Qullana,71234567\n")
    apply_plan(workspace, plan_import(workspace, "ENC", path, mapping={"Ayllu": "delegation"}))
    plan = plan_import(workspace, "ENC", path, mapping={"Cel.": "phone"})
    assert [c.field for c in plan.columns][2:] == [Field.DELEGATION, Field.PHONE]
    apply_plan(workspace, plan)
    again = plan_import(workspace, "ENC", path)
    assert [c.field for c in again.columns][2:] == [Field.DELEGATION, Field.PHONE]
    assert again.ignored == []


def test_a_cancelled_apply_rolls_back_what_it_had_written(
    workspace: Workspace, event: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.core.errors import Cancelled
    from fieldkit.store import people_store

    monkeypatch.setattr(people_store, "IMPORT_BATCH", 3)
    path = _csv(tmp_path, "Nombre,Apellidos\n" + "".join(f"P{n},Q{n}\n" for n in range(10)))
    plan = plan_import(workspace, "ENC", path, mapping={"Nombre": "given_names"})
    dump = workspace.dump()
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):  # after the first batch is written in the transaction
        apply_plan(
            workspace, plan, progress=lambda *step: seen.append(step), cancelled=lambda: bool(seen)
        )
    assert seen == [(3, 20)]
    assert workspace.dump() == dump  # the batch rolled back, and the mapping not remembered
    steps: list[tuple[int, int]] = []
    apply_plan(workspace, plan, progress=lambda *step: steps.append(step))
    assert steps[-1] == (20, 20) and len(_people(workspace, event)) == 10


def test_matching_reports_progress_and_can_be_cancelled_too(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "Nombre,Apellidos\n" + "".join(f"P{n},Q{n}\n" for n in range(2500)))
    steps: list[tuple[int, int]] = []
    plan_import(workspace, "ENC", path, match_progress=lambda *step: steps.append(step))
    assert steps == [(1000, 2500), (2000, 2500)]
    with pytest.raises(ImportCancelled):  # reading done, then stopped while matching
        plan_import(
            workspace,
            "ENC",
            path,
            cancelled=lambda: len(steps) > 2,
            match_progress=lambda *step: steps.append(step),
        )


def test_the_import_commits_only_once_the_copy_taken_before_it_passed_its_check(
    workspace: Workspace, event: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.store import backups

    plan = plan_import(workspace, "ENC", DATA / GOOD[1])
    dump = workspace.dump()
    checked: list[Path] = []

    def damaged(path: Path, check: str = "integrity_check", **_how: object) -> str | None:
        checked.append(path)
        return "page 7: btree damaged"

    monkeypatch.setattr(backups, "integrity_problem", damaged)
    with pytest.raises(backups.CopyDamaged, match="did not pass its check"):
        apply_plan(workspace, plan)
    assert checked and workspace.dump() == dump  # written, then rolled back with the copy
    assert not list(backups.folder_of(workspace.path).glob("*before-import*"))
    monkeypatch.undo()
    apply_plan(workspace, plan)
    assert workspace.dump() != dump
    copies = [c for c in backups.list_backups(workspace.path) if c.kind == "before-import"]
    assert len(copies) == 1 and backups.integrity_problem(copies[0].path) is None
