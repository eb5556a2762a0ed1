"""The Duplicates tab of the People page: scan, merge with a choice per field, mark, undo."""

from __future__ import annotations

from fieldkit.core.ids import new_id
from fieldkit.core.model import Gender, Organisation, Person
from fieldkit.gui.people.duplicates_notice import DuplicatesNotice
from fieldkit.store import Workspace

from .conftest import Sample
from .test_people import people_page


def _twins(workspace: Workspace) -> tuple[Person, Person, Person, Person]:
    # (The sample events already have a Rosa Quispe Mamani.)
    network = Organisation(new_id(), "Red de Mujeres")
    rosa = Person(
        new_id(),
        organisation_id=network.id,
        given_names="Eulalia",
        surnames="Ticona Huanca",
        gender=Gender.WOMAN,
        phone="+591 71234567",
        id_card="4455667",
    )
    twin = Person(new_id(), "EULALIA", "Huanca Ticona", phone="71234567", email="eu@example.org")
    juan = Person(new_id(), "Juan", "Choque Apaza")
    other_juan = Person(new_id(), "Juan", "Apaza Choque")
    workspace.save(network, rosa, twin, juan, other_juan)
    return rosa, twin, juan, other_juan


def test_merge_choose_values_then_undo(qtbot, workspace: Workspace, sample: Sample) -> None:
    rosa, twin, juan, other_juan = _twins(workspace)
    window, page = people_page(qtbot, workspace, sample.encounter.id)
    page.show_duplicates()
    panel = page.duplicates
    qtbot.waitUntil(lambda: not panel.scanning and bool(panel.model.rows), timeout=10_000)
    pairs = [{s.a.id, s.b.id} for s in panel.model.rows]
    assert pairs == [{rosa.id, twin.id}, {juan.id, other_juan.id}]  # the phone ranks first
    assert panel.model.index(0, panel.model.COL_REASONS).data() == "same name and same phone"
    assert panel.count_label.text() == "2 possible duplicates"
    assert not panel.recent_box.isVisibleTo(panel)

    panel.table.selectRow(0)
    dialog = panel.open_merge()
    assert dialog is not None and dialog.keep.id == rosa.id  # more is known of her
    _left, right = dialog.radios["email"]
    assert right.isChecked()  # hers is empty: the other's is taken
    assert dialog.radios["surnames"][0].isChecked()
    dialog.radios["given_names"][1].setChecked(True)
    dialog.accept()
    kept = workspace.require(Person, rosa.id)
    assert (kept.given_names, kept.surnames, kept.email) == ("EULALIA", "Ticona Huanca", twin.email)
    assert workspace.require(Person, twin.id).merged_into == rosa.id
    assert [{s.a.id, s.b.id} for s in panel.model.rows] == [{juan.id, other_juan.id}]
    assert panel.recent_list.count() == 1
    assert (
        panel.recent_list.item(0).text()
        == "EULALIA Huanca Ticona merged into EULALIA Ticona Huanca"
    )

    # The people list follows the merge.
    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not page.stale)
    assert twin.id not in {row.id for row in page.model.rows}

    panel.recent_list.setCurrentRow(0)
    panel.undo_merge()
    assert workspace.require(Person, rosa.id) == rosa
    assert workspace.require(Person, twin.id).merged_into is None
    assert panel.recent_list.count() == 0
    window.close()


def test_not_the_same_person_is_never_suggested_again(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    _rosa, _twin, juan, other_juan = _twins(workspace)
    window, page = people_page(qtbot, workspace, sample.encounter.id)
    page.show_duplicates()
    panel = page.duplicates
    qtbot.waitUntil(lambda: not panel.scanning and bool(panel.model.rows), timeout=10_000)
    panel.table.selectRow(1)
    panel.mark_distinct()
    assert len(panel.model.rows) == 1
    assert workspace.distinct_pairs() == [tuple(sorted((juan.id, other_juan.id)))]
    panel.reload_now()
    assert len(panel.model.rows) == 1
    window.close()


def test_the_notice_counts_and_leads_to_the_tab(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    _twins(workspace)
    window, page = people_page(qtbot, workspace, sample.encounter.id)
    window.show_page("exchange")
    notice = window.page("exchange").duplicates_notice
    assert isinstance(notice, DuplicatesNotice) and not notice.isVisibleTo(window)
    notice.check()
    qtbot.waitUntil(lambda: notice.count == 2, timeout=10_000)
    assert "2 possible duplicates — review" in notice.text()
    notice.review()
    assert window.page("people") is page and page.tabs.currentWidget() is page.duplicates
    window.close()
