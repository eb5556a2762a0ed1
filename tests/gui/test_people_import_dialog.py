"""The people import dialog: opened from the People and Check-in pages, the mapping and the
decisions plan again, Import writes once, Cancel and bad files change nothing."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from fieldkit.core.ids import new_id
from fieldkit.core.model import Event, Person, Registration
from fieldkit.gui.people import import_dialog as dialog_module
from fieldkit.gui.people.import_dialog import ImportDialog, open_import
from fieldkit.gui.people.import_models import NEW_PERSON, MappingModel, PreviewModel
from fieldkit.gui.shell.context import PageContext
from fieldkit.io import people_import
from fieldkit.io.people_fields import Field
from fieldkit.io.people_import import Outcome
from fieldkit.store import Workspace, people_store

from .conftest import Sample
from .test_main_window import open_window

DATA = Path(__file__).parents[1] / "data" / "people"


@pytest.fixture
def event(workspace: Workspace) -> str:
    record = Event(id=new_id(), code="ENC", title="Encuentro binacional")
    workspace.save(record)
    return record.id


def _csv(tmp_path: Path, text: str, name: str = "lista.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _opened(qtbot: Any, ws: Workspace, event_id: str, path: Path) -> ImportDialog:
    dialog = open_import(PageContext(ws), event_id, None, path)  # type: ignore[arg-type]
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy())
    return dialog


def _imported(qtbot: Any, dialog: ImportDialog) -> None:
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.busy())


def _outcomes(dialog: ImportDialog) -> list[Outcome]:
    assert dialog.current is not None
    return [row.outcome for row in dialog.current.plan.rows]


def _registered(ws: Workspace, event_id: str) -> dict[str, str]:
    return {row.id: row.full_name for row in ws.people_rows(event_id) if row.registered}


# --- where it opens ------------------------------------------------------------------------------


def test_it_opens_from_the_people_page_and_the_page_shows_who_came_in(
    qtbot, workspace: Workspace, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialog_module, "choose_file", lambda _parent: DATA / "liste-excel-fr.csv")
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.workshop.id)
    window.show_page("people")
    page = window.page("people")
    qtbot.waitUntil(lambda: page.loaded)
    before = len(page.model.rows)
    assert page.import_button.isEnabled()
    page.import_button.click()
    dialog = page.import_dialog
    assert dialog is not None and dialog.event_id == sample.workshop.id
    qtbot.waitUntil(lambda: not dialog.busy())
    added = dialog.current.plan.count(Outcome.NEW)
    assert added >= 3 and dialog.count_labels[Outcome.NEW].text() == f"{added} new people"
    _imported(qtbot, dialog)
    assert dialog.message_label.text().startswith(
        f"The import is done: {added} new people were added to the event."
    )
    assert not dialog.import_button.isEnabled()  # once
    assert dialog.preview_view.isEnabled() and not dialog.mapping_view.isEnabled()
    qtbot.waitUntil(lambda: len(page.model.rows) == before + added)
    dialog.close()


def test_it_opens_from_the_check_in_page_for_the_event_shown(
    qtbot, workspace: Workspace, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialog_module, "choose_file", lambda _parent: DATA / "liste-excel-fr.csv")
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.encounter.id)
    window.show_page("checkin")
    page = window.page("checkin")
    qtbot.waitUntil(lambda: page.view.import_button.isEnabled())
    page.view.import_button.click()
    dialog = page.import_dialog
    assert dialog is not None and dialog.event_id == sample.encounter.id
    qtbot.waitUntil(lambda: not dialog.busy())
    _imported(qtbot, dialog)
    names = set(_registered(workspace, sample.encounter.id).values())
    assert "Hélène Gagné" in names
    dialog.close()


def test_a_cancelled_file_choice_opens_nothing(
    qtbot, workspace: Workspace, event: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialog_module, "choose_file", lambda _parent: None)
    assert open_import(PageContext(workspace), event, None) is None  # type: ignore[arg-type]


# --- the preview ---------------------------------------------------------------------------------


def test_a_mapping_change_plans_again_and_is_remembered_for_the_same_headers(
    qtbot, workspace: Workspace, event: str, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "Nombre,Apellidos,Ayllu\nRosa,Quispe,Qullana\nJuan,Mamani,Sullka\n")
    dialog = _opened(qtbot, workspace, event, path)
    assert dialog.ignored_label.text() == "Columns left out: Ayllu."
    model = dialog.mapping_model
    row = [header for header, _samples, _field in model.rows].index("Ayllu")
    assert model.rows[row][1] == "Qullana · Sullka"  # its first values
    assert model.setData(model.index(row, MappingModel.COL_FIELD), Field.DELEGATION.value)
    assert dialog.busy()  # planning again, in the background
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.current is not None and dialog.current.plan.ignored == []
    assert dialog.ignored_label.isHidden()
    _imported(qtbot, dialog)
    delegations = {r.delegation for r in workspace.list(Registration, where={"event_id": event})}
    assert delegations == {"Qullana", "Sullka"}
    again = _opened(qtbot, workspace, event, _csv(tmp_path, "Nombre,Apellidos,Ayllu\n", "b.csv"))
    assert [f for _h, _s, f in again.mapping_model.rows][2] is Field.DELEGATION


def test_a_suggestion_confirmed_as_the_same_person_is_matched(
    qtbot, workspace: Workspace, event: str, tmp_path: Path
) -> None:
    known = Person(id=new_id(), given_names="Rosa", surnames="Quispe Mamani")
    workspace.save(known)  # in the workspace, not yet at this event
    path = _csv(tmp_path, "Nombre,Apellidos\nRosa,Quispe\nJuan,Mamani\n")
    dialog = _opened(qtbot, workspace, event, path)
    assert _outcomes(dialog) == [Outcome.SUGGESTED, Outcome.NEW]
    model = dialog.preview_model
    cell = model.index(0, PreviewModel.COL_DECISION)
    labels = [label for label, _value in cell.data(dialog_module.ChoicesRole)]
    assert "Same person as Rosa Quispe Mamani" in labels and "A new person" in labels
    assert model.setData(cell, known.id)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert _outcomes(dialog) == [Outcome.MATCHED, Outcome.NEW]
    assert model.index(0, PreviewModel.COL_DECISION).data() == "Same person as Rosa Quispe Mamani"
    _imported(qtbot, dialog)
    registered = _registered(workspace, event)
    assert known.id in registered and len(registered) == 2
    assert len(workspace.people_rows()) == 2  # Rosa was not added a second time


def test_a_suggestion_said_to_be_someone_new_is_new(
    qtbot, workspace: Workspace, event: str, tmp_path: Path
) -> None:
    workspace.save(Person(id=new_id(), given_names="Rosa", surnames="Quispe Mamani"))
    dialog = _opened(qtbot, workspace, event, _csv(tmp_path, "Nombre,Apellidos\nRosa,Quispe\n"))
    model = dialog.preview_model
    model.setData(model.index(0, PreviewModel.COL_DECISION), NEW_PERSON)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert _outcomes(dialog) == [Outcome.NEW]
    assert dialog.count_labels[Outcome.SUGGESTED].text() == "0 suggestions"


def test_the_preview_filters_by_outcome(qtbot, workspace: Workspace, event: str) -> None:
    dialog = _opened(qtbot, workspace, event, DATA / "formulario-en-linea.csv")
    proxy = dialog.preview_proxy
    everyone = proxy.rowCount()
    dialog.show_combo.setCurrentIndex(dialog.show_combo.findData(Outcome.REJECTED))
    dialog.show_combo.activated.emit(dialog.show_combo.currentIndex())
    assert 0 < proxy.rowCount() < everyone
    reason = proxy.index(0, PreviewModel.COL_REASON).data()
    assert reason == "The row has no name."


def test_the_same_file_twice_adds_nobody(qtbot, workspace: Workspace, event: str) -> None:
    first = _opened(qtbot, workspace, event, DATA / "apellidos-y-nombres.tsv")
    _imported(qtbot, first)
    dump = workspace.dump()
    second = _opened(qtbot, workspace, event, DATA / "apellidos-y-nombres.tsv")
    assert second.current is not None
    plan = second.current.plan
    assert plan.count(Outcome.NEW) == plan.count(Outcome.SUGGESTED) == 0
    assert plan.count(Outcome.MATCHED) > 0
    _imported(qtbot, second)
    assert "0 new people were added" in second.message_label.text()
    assert workspace.dump() == dump


def test_a_workbook_of_several_sheets_offers_them(
    qtbot, workspace: Workspace, event: str, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notas"
    notes.append(["Lista de la delegación de Taraco"])
    people = book.create_sheet("Lista")
    people.append(["Nombre", "Apellidos"])
    people.append(["Rosa", "Quispe"])
    path = tmp_path / "taraco.xlsx"
    book.save(path)
    dialog = _opened(qtbot, workspace, event, path)
    assert dialog.sheet_combo.isVisibleTo(dialog) and dialog.sheet_combo.count() == 2
    assert dialog.sheet_combo.currentText() == "Lista"  # the first one with a header
    dialog.sheet_combo.setCurrentIndex(0)
    dialog.sheet_combo.activated.emit(0)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.message_label.text() == (
        "The sheet Notas has no header row with names that fieldkit recognises."
    )
    assert not dialog.import_button.isEnabled()


# --- what is never written -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("binary.csv", "The file binary.csv is neither a spreadsheet nor a text list."),
        ("empty.csv", "The file empty.csv is empty."),
        ("password.xlsx", "The workbook password.xlsx is protected by a password"),
    ],
)
def test_a_broken_file_is_one_sentence_and_changes_nothing(
    qtbot, workspace: Workspace, event: str, name: str, sentence: str
) -> None:
    dump = workspace.dump()
    dialog = _opened(qtbot, workspace, event, DATA / name)
    assert dialog.message_label.text().startswith(sentence)
    assert "\n" not in dialog.message_label.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.preview_model.rowCount() == 0
    assert workspace.dump() == dump


def test_a_file_past_the_limit_is_refused_in_one_sentence(
    qtbot, workspace: Workspace, event: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_import, "MAX_ROWS", 3)
    path = _csv(tmp_path, "Nombre,Apellidos\n" + "".join(f"P{n},Q{n}\n" for n in range(5)))
    dump = workspace.dump()
    dialog = _opened(qtbot, workspace, event, path)
    assert dialog.message_label.text() == (
        "The file lista.csv has more than 3 rows, more than fieldkit imports at once; "
        "split it into smaller files."
    )
    assert not dialog.import_button.isEnabled()
    assert workspace.dump() == dump


def test_cancel_while_reading_changes_nothing(
    qtbot, workspace: Workspace, event: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _csv(tmp_path, "Nombre,Apellidos\n" + "".join(f"P{n},Q{n}\n" for n in range(2500)))
    go = threading.Event()
    plan_import = dialog_module.plan_import

    def held(*args: Any, **kwargs: Any) -> Any:
        go.wait(10)  # until the test has pressed Cancel
        return plan_import(*args, **kwargs)

    monkeypatch.setattr(dialog_module, "plan_import", held)
    dump = workspace.dump()
    dialog = open_import(PageContext(workspace), event, None, path)  # type: ignore[arg-type]
    assert dialog is not None and dialog.task is not None
    qtbot.addWidget(dialog)
    cancel = dialog.task.dialog.findChild(QPushButton)  # on its progress dialog
    assert cancel is not None and cancel.text() == "Cancel"
    cancel.click()
    go.set()
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.message_label.text() == "The import was cancelled; nothing was changed."
    assert not dialog.import_button.isEnabled()
    assert workspace.dump() == dump


def test_cancel_while_writing_rolls_everything_back(
    qtbot, workspace: Workspace, event: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_store, "IMPORT_BATCH", 2)
    path = _csv(tmp_path, "Nombre,Apellidos\n" + "".join(f"P{n},Q{n}\n" for n in range(6)))
    dialog = _opened(qtbot, workspace, event, path)
    apply_plan = dialog_module.apply_plan
    steps: list[tuple[int, int]] = []

    def cancelled_midway(ws: Workspace, plan: Any, **kwargs: Any) -> Any:
        report = kwargs["progress"]

        def progress(done: int, total: int) -> None:
            steps.append((done, total))
            report(done, total)
            dialog.cancel()  # after the first batch was written in the transaction

        return apply_plan(ws, plan, progress=progress, cancelled=kwargs["cancelled"])

    monkeypatch.setattr(dialog_module, "apply_plan", cancelled_midway)
    dump = workspace.dump()
    _imported(qtbot, dialog)
    assert steps == [(2, 12)]
    assert dialog.message_label.text() == "The import was cancelled; nothing was changed."
    assert workspace.dump() == dump
    assert dialog.import_button.isEnabled()  # the plan is still there, to import after all
    monkeypatch.setattr(dialog_module, "apply_plan", apply_plan)
    _imported(qtbot, dialog)
    assert len(_registered(workspace, event)) == 6


def test_closing_while_reading_stops_and_writes_nothing(
    qtbot, workspace: Workspace, event: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _csv(tmp_path, "Nombre,Apellidos\n" + "".join(f"P{n},Q{n}\n" for n in range(2500)))
    go = threading.Event()
    plan_import = dialog_module.plan_import

    def held(*args: Any, **kwargs: Any) -> Any:
        go.wait(10)
        return plan_import(*args, **kwargs)

    monkeypatch.setattr(dialog_module, "plan_import", held)
    dump = workspace.dump()
    dialog = open_import(PageContext(workspace), event, None, path)  # type: ignore[arg-type]
    assert dialog is not None
    task = dialog.task
    dialog.reject()
    assert dialog.isHidden()
    go.set()
    qtbot.waitUntil(lambda: task.done)
    assert workspace.dump() == dump
