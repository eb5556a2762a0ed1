import datetime as dt

import pytest

from fieldkit.core.codec import record_from_plain, record_to_plain
from fieldkit.core.model import Attendance, AttendanceMode, Person


def test_records_round_trip_through_plain_values() -> None:
    record = Attendance(
        id="4b1e8e0e-7d53-4f3c-9a55-0c7b0d1e2f3a",
        session_id="s",
        person_id="p",
        mode=AttendanceMode.VIRTUAL,
        checked_in_at=dt.datetime(2021, 10, 11, 8, 30),
    )
    plain = record_to_plain(record)
    assert plain["mode"] == "virtual"
    assert plain["checked_in_at"] == "2021-10-11T08:30:00"
    assert record_from_plain("attendance", plain) == record


@pytest.mark.parametrize(
    ("field", "value"),
    [("gender", "robot"), ("consent_photos", "yes"), ("given_names", 3), ("age_group", 18)],
)
def test_a_value_that_does_not_fit_names_its_field(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        record_from_plain("person", {"id": "x", field: value})


def test_missing_fields_take_their_defaults() -> None:
    person = record_from_plain("person", {"id": "x", "surnames": "Mamani"})
    assert person == Person(id="x", surnames="Mamani")
