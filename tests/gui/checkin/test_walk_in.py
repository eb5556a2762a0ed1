"""Walk-ins: one short form, a warning when they look like someone known, checked in at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from tests.gui.checkin.conftest import NOW, POPUP, Door, focused, press, type_text

from fieldkit.core import ids
from fieldkit.core.model import (
    Attendance,
    AttendanceMode,
    Gender,
    Organisation,
    Person,
    Registration,
)
from fieldkit.gui.checkin.page import CheckinPage
from fieldkit.gui.checkin.panels import Tone
from fieldkit.gui.checkin.view import SIDE_COUNTERS, SIDE_WALK_IN
from fieldkit.store import Workspace

ENTER = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier


def choose_gender(page: CheckinPage, gender: Gender) -> None:
    combo = page.view.walk_in.gender
    combo.setCurrentIndex(combo.findData(gender.value))


@POPUP
def test_a_walk_in_is_added_and_checked_in_from_the_keyboard(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    type_text(page.view.search, "Eusebio Chambi")
    press(page.view.search, Qt.Key.Key_N, CTRL)
    form = page.view.walk_in
    assert page.view.side.currentIndex() == SIDE_WALK_IN
    assert (form.given_names.text(), form.surnames.text()) == ("Eusebio", "Chambi")
    assert focused() is form.surnames
    press(form.surnames, ENTER)  # not complete yet: the gender is missing
    assert "gender" in form.error.text()
    # Keyboard only: Tab to the gender, a letter chooses it, Tab on to the organisation.
    press(form.surnames, Qt.Key.Key_Tab)
    assert focused() is form.gender
    press(form.gender, Qt.Key.Key_M)
    assert form.gender.currentData() == Gender.MAN.value
    press(form.gender, Qt.Key.Key_Tab)
    type_text(focused(), "Radio Pachamama")  # type: ignore[arg-type]
    press(focused(), Qt.Key.Key_Tab)  # type: ignore[arg-type]
    type_text(focused(), "Taraco")  # type: ignore[arg-type]
    press(focused(), ENTER)  # type: ignore[arg-type]

    assert page.view.side.currentIndex() == SIDE_COUNTERS
    assert focused() is page.view.search
    person = next(p for p in workspace.list(Person) if p.surnames == "Chambi")
    assert person.given_names == "Eusebio" and person.gender is Gender.MAN
    organisation = workspace.get(Organisation, person.organisation_id or "")
    assert organisation is not None and organisation.name == "Radio Pachamama"
    registration = workspace.get(Registration, ids.registration_id(door.event_id, person.id))
    assert registration is not None and registration.delegation == "Taraco"
    record = workspace.get(Attendance, ids.attendance_id(door.arrival, person.id))
    assert record is not None and record.checked_in_at == NOW.replace(microsecond=0)
    assert record.mode is AttendanceMode.IN_PERSON
    assert page.view.banner.tone is Tone.DONE
    assert "walk-in" in page.view.banner.title.text()
    assert "1 present of 4" in page.view.banner.detail.text()
    # Found at once by the search, as checked in.
    type_text(page.view.search, "chambi")
    assert page.results.person(0).id == person.id  # type: ignore[union-attr]
    assert page.results.data(page.results.index(0, 3)).startswith("✓")

    # Ctrl+Z takes the whole walk-in back: check-in, registration and person.
    press(page.view.search, Qt.Key.Key_Z, CTRL)
    assert workspace.get(Attendance, ids.attendance_id(door.arrival, person.id)) is None
    assert workspace.get(Registration, ids.registration_id(door.event_id, person.id)) is None
    assert workspace.get(Person, person.id) is None
    assert workspace.get(Organisation, organisation.id) is None
    page.view.search.clear()
    type_text(page.view.search, "chambi")
    assert page.results.rowCount() == 0


def test_escape_closes_the_form_and_insert_opens_it(page: CheckinPage) -> None:
    press(page.view.search, Qt.Key.Key_Insert)
    assert page.view.side.currentIndex() == SIDE_WALK_IN
    press(focused(), Qt.Key.Key_Escape)  # type: ignore[arg-type]
    assert page.view.side.currentIndex() == SIDE_COUNTERS
    assert focused() is page.view.search


def test_the_gender_choices_use_the_words_of_every_other_page(page: CheckinPage) -> None:
    from fieldkit.gui.widgets.labels import gender_label

    combo = page.view.walk_in.gender
    shown = {combo.itemData(n): combo.itemText(n) for n in range(combo.count())}
    assert shown == {gender.value: gender_label(gender) for gender in Gender}
    assert shown[Gender.NOT_STATED.value] == "Not stated"
    press(page.view.search, Qt.Key.Key_Insert)
    type_text(page.view.walk_in.given_names, "Eusebio")
    type_text(page.view.walk_in.surnames, "Chambi")
    assert page.view.walk_in.problem() == "Choose the gender (or “Not stated”)."


def test_a_walk_in_who_looks_like_someone_known_is_warned_about(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    type_text(page.view.search, "juana nunez")
    press(page.view.search, Qt.Key.Key_N, CTRL)
    form = page.view.walk_in
    assert form.warning.isVisible()
    assert "Juana Núñez Quispe" in form.warning.text() and "similar name" in form.warning.text()
    choose_gender(page, Gender.WOMAN)
    form.delegation.setEditText("Taraco")
    form.phone.setText("71234567")
    page._check_suspects()
    assert "same phone" in form.warning.text()

    press(form.surnames, ENTER)  # the first Enter asks again
    assert form.confirmed and "Enter again" in form.warning.text()
    assert page.view.side.currentIndex() == SIDE_WALK_IN
    assert len(workspace.list(Person)) == 4

    press(form.surnames, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # she is known
    assert page.view.side.currentIndex() == SIDE_COUNTERS
    assert len(workspace.list(Person)) == 4
    assert workspace.get(Attendance, ids.attendance_id(door.arrival, door.juana.id)) is not None
    assert "Juana Núñez Quispe" in page.view.banner.title.text()


def test_adding_a_new_person_anyway_takes_a_second_enter(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    press(page.view.search, Qt.Key.Key_N, CTRL)
    form = page.view.walk_in
    type_text(form.given_names, "Rosa")
    type_text(form.surnames, "Mamani Quispe")  # Rosa Quispe Mamani, surnames swapped
    choose_gender(page, Gender.WOMAN)
    form.organisation.setEditText("Red de Mujeres")
    page._check_suspects()
    assert "same name" in form.warning.text()
    press(form.surnames, ENTER)
    press(form.surnames, ENTER)
    added = [p for p in workspace.list(Person) if p.surnames == "Mamani Quispe"]
    assert len(added) == 1
    network = workspace.list(Organisation)[0]
    assert added[0].organisation_id == network.id  # an existing organisation is linked
    assert "walk-in" in page.view.banner.title.text()
