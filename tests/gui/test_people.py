"""The People page: table, form, registration, the duplicate warning."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldkit.core.ids import new_id, registration_id
from fieldkit.core.model import Gender, Organisation, Person, Registration, Role
from fieldkit.gui.people.model import PeopleTableModel as M
from fieldkit.store import Workspace

from .conftest import Sample, type_text
from .test_main_window import open_window


def people_page(qtbot, workspace: Workspace, event_id: str):
    window = open_window(qtbot, workspace)
    window.controller.select_event(event_id)
    window.show_page("people")
    page = window.page("people")
    qtbot.waitUntil(lambda: page.loaded)
    return window, page


def shown_surnames(page) -> list[str]:
    return [page.proxy.index(r, M.COL_SURNAMES).data() for r in range(page.proxy.rowCount())]


def test_table_lists_everyone_and_filters(qtbot, workspace: Workspace, sample: Sample) -> None:
    window, page = people_page(qtbot, workspace, sample.mission.id)
    assert shown_surnames(page) == ["Ch'uxña", "Ñuflo", "Quispe Mamani"]
    assert page.count_label.text() == "3 people"
    page.filter_edit.setText("nuflo")
    page.apply_filter()
    assert shown_surnames(page) == ["Ñuflo"]
    assert page.count_label.text() == "1 of 3 people"
    page.filter_edit.clear()
    page.apply_filter()
    # Registered at the mission: everyone; at the encounter: nobody.
    page.show_combo.setCurrentIndex(1)
    page.apply_filter()
    assert page.proxy.rowCount() == 3
    window.controller.select_event(sample.encounter.id)
    assert page.proxy.rowCount() == 0
    page.show_combo.setCurrentIndex(0)
    page.apply_filter()
    assert page.proxy.rowCount() == 3


def test_edit_in_place(qtbot, workspace: Workspace, sample: Sample) -> None:
    _window, page = people_page(qtbot, workspace, sample.encounter.id)
    row = shown_surnames(page).index("Ñuflo")
    index = page.proxy.index(row, M.COL_PHONE)
    assert page.proxy.setData(index, "+591 7000 0001")
    juan = page.model.person(index.data(M.PersonIdRole))
    assert workspace.require(Person, juan.id).phone == "+591 7000 0001"
    # Typing a delegation registers the person at the event.
    assert page.proxy.setData(page.proxy.index(row, M.COL_DELEGATION), "Pamparomás")
    registration = workspace.require(Registration, registration_id(sample.encounter.id, juan.id))
    assert (registration.delegation, registration.role) == ("Pamparomás", Role.PARTICIPANT)
    # Unticking "registered" removes the registration.
    assert page.proxy.setData(
        page.proxy.index(row, M.COL_REGISTERED),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert workspace.get(Registration, registration.id) is None
    # The overview of the event heard of it.
    assert workspace.registered_count(sample.encounter.id) == 0


def test_form_saves_as_typed(qtbot, workspace: Workspace, sample: Sample) -> None:
    _window, page = people_page(qtbot, workspace, sample.mission.id)
    rosa_row = shown_surnames(page).index("Quispe Mamani")
    page._select_proxy_row(rosa_row)
    form = page.form
    assert form.given_edit.text() == "Rosa"
    rosa_id = form.person_id
    type_text(form.card_edit, "4567123 LP")
    form.gender_combo.setCurrentIndex(form.gender_combo.findData(Gender.WOMAN))
    form.gender_combo.activated.emit(form.gender_combo.currentIndex())
    form.photos_check.click()
    form.saver.flush()
    rosa = workspace.require(Person, rosa_id)
    assert (rosa.id_card, rosa.gender, rosa.consent_photos) == ("4567123 LP", Gender.WOMAN, True)
    assert page.proxy.index(rosa_row, M.COL_GENDER).data() == "Woman"
    # Organisation: typed, made and linked.
    form.organisation_combo.setCurrentText("AMUPEI")
    form._organisation_edited()
    (amupei,) = workspace.list(Organisation)
    assert workspace.require(Person, rosa_id).organisation_id == amupei.id
    # Registration fields.
    form.role_combo.setCurrentIndex(form.role_combo.findData(Role.FACILITATOR))
    form.role_combo.activated.emit(form.role_combo.currentIndex())
    type_text(form.badge_edit, "M-01")
    registration = workspace.require(Registration, registration_id(sample.mission.id, rosa_id))
    assert (registration.role, registration.badge_code) == (Role.FACILITATOR, "M-01")


def test_new_person_who_looks_like_someone_known(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    _window, page = people_page(qtbot, workspace, sample.encounter.id)
    before = len(workspace.list(Person))
    page.new_button.click()
    form = page.form
    assert form.draft and form.registered_check.isChecked()
    # The two surnames in the other order, without accents or capitals.
    type_text(form.given_edit, "rosa")
    type_text(form.surnames_edit, "MAMANI quispe")
    assert form.warning.isVisible()
    assert [b.text() for b in form.warning.suspect_buttons] == [
        "Use Rosa Quispe Mamani (same name)"
    ]
    assert len(workspace.list(Person)) == before  # held, not saved
    type_text(form.delegation_edit, "Taraco")
    form.warning.suspect_buttons[0].click()
    assert len(workspace.list(Person)) == before
    rosa = next(r for r in page.model.rows if r.surnames == "Quispe Mamani")
    assert page.current_person_id() == rosa.id
    # Registered at the encounter with what was typed in the draft.
    registration = workspace.require(Registration, registration_id(sample.encounter.id, rosa.id))
    assert registration.delegation == "Taraco"
    assert not form.draft and form.given_edit.text() == "Rosa"


def test_same_phone_or_id_card_is_a_suspect(qtbot, workspace: Workspace, sample: Sample) -> None:
    known = Person(id=new_id(), given_names="Wilber", surnames="Choque", phone="+591 7123 4567")
    workspace.save(known)
    _window, page = people_page(qtbot, workspace, sample.encounter.id)
    page.new_person()
    form = page.form
    type_text(form.phone_edit, "71234567")
    type_text(form.given_edit, "Wilber Ramiro")
    type_text(form.surnames_edit, "Mollo")
    assert [b.text() for b in form.warning.suspect_buttons] == ["Use Wilber Choque (same phone)"]
    # Someone else after all: keep the new person.
    form.warning.keep_button.click()
    new = next(p for p in workspace.list(Person) if p.surnames == "Mollo")
    assert (new.given_names, new.phone) == ("Wilber Ramiro", "71234567")
    assert workspace.get(Registration, registration_id(sample.encounter.id, new.id)) is not None
    assert page.current_person_id() == new.id and not form.warning.isVisible()
    # From now on the form edits the saved person.
    type_text(form.email_edit, "wilber@example.org")
    assert workspace.require(Person, new.id).email == "wilber@example.org"


def test_new_person_without_suspects_is_saved_at_once(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    _window, page = people_page(qtbot, workspace, sample.mission.id)
    page.new_person()
    type_text(page.form.given_edit, "Zenobia")
    type_text(page.form.surnames_edit, "Huarachi")
    (zenobia,) = [p for p in workspace.list(Person) if p.surnames == "Huarachi"]
    assert workspace.get(Registration, registration_id(sample.mission.id, zenobia.id)) is not None
    # In its place under the sort arrow on Surnames, not at the bottom, and selected.
    assert shown_surnames(page) == ["Ch'uxña", "Huarachi", "Ñuflo", "Quispe Mamani"]
    assert page.current_person_id() == zenobia.id


def test_a_held_draft_is_saved_when_the_window_closes(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window, page = people_page(qtbot, workspace, sample.mission.id)
    page.new_person()
    type_text(page.form.given_edit, "Juan")
    type_text(page.form.surnames_edit, "Nuflo")
    assert page.form.warning.isVisible()
    window.close()
    assert [p.surnames for p in workspace.list(Person)].count("Nuflo") == 1


def test_changes_from_elsewhere_reload(qtbot, workspace: Workspace, sample: Sample) -> None:
    window, page = people_page(qtbot, workspace, sample.mission.id)
    person = Person(id=new_id(), given_names="Eusebio", surnames="Chambi")
    window.controller.write(lambda: workspace.save(person))
    assert "Chambi" in shown_surnames(page)


def test_organisations_tab(qtbot, workspace: Workspace, sample: Sample) -> None:
    from fieldkit.gui.people.organisations_model import OrganisationsModel

    OM = OrganisationsModel  # noqa: N806

    amupei = Organisation(id=new_id(), name="AMUPEI", country="Bolivia")
    network = Organisation(id=new_id(), name="Red Hábitat", short_name="RH")
    workspace.save(amupei, network)
    rosa = next(p for p in workspace.list(Person) if p.given_names == "Rosa")
    workspace.update(Person, rosa.id, organisation_id=amupei.id)
    _window, page = people_page(qtbot, workspace, sample.mission.id)
    page.tabs.setCurrentWidget(page.organisations)
    panel = page.organisations
    proxy = panel.proxy
    names = [proxy.index(r, OM.COL_NAME).data() for r in range(proxy.rowCount())]
    assert names == ["AMUPEI", "Red Hábitat"]
    assert proxy.index(0, OM.COL_PEOPLE).data() == "1"
    panel.filter_edit.setText("habitat")
    assert proxy.rowCount() == 1
    panel.filter_edit.clear()
    # Edit in place: a name, and the organisation it is part of.
    assert proxy.setData(proxy.index(1, OM.COL_COUNTRY), "Perú")
    assert workspace.require(Organisation, network.id).country == "Perú"
    assert proxy.setData(proxy.index(1, OM.COL_PARENT), amupei.id)
    assert workspace.require(Organisation, network.id).parent_id == amupei.id
    assert proxy.index(1, OM.COL_PARENT).data() == "AMUPEI"
    assert not proxy.setData(proxy.index(0, OM.COL_NAME), "  ")  # a name stays
    # A new organisation, and a renamed one shows in the people table.
    panel.add_button.click()
    assert len(workspace.list(Organisation)) == 3
    assert proxy.setData(proxy.index(0, OM.COL_NAME), "AMUPEI nacional")
    page.tabs.setCurrentIndex(0)
    row = next(r for r in page.model.rows if r.id == rosa.id)
    assert row.organisation == "AMUPEI nacional"
