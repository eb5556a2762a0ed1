"""The pieces every video report reader shares: column titles, durations, date orders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fieldkit.io.video_text import DateOrder, column_kind, date_in_name, parse_minutes


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Name (Original Name)", "name"),
        ("Name (original name)", "name"),
        ("Nombre (nombre original)", "name"),
        ("Nom (nom original)", "name"),
        ("Full Name", "name"),
        ("User Email", "email"),
        ("Correo electrónico", "email"),
        ("E-mail de l'utilisateur", "email"),
        ("Join Time", "join"),
        ("Hora de entrada", "join"),
        ("Heure d'arrivée", "join"),
        ("Hora de unión", "join"),
        ("Time joined", "join"),
        ("Leave Time", "leave"),
        ("Hora de salida", "leave"),
        ("Heure de départ", "leave"),
        ("Time exited", "leave"),
        ("Left", "leave"),
        ("Duration (Minutes)", "duration"),
        ("Total Duration (Minutes)", "duration"),
        ("Duración (minutos)", "duration"),
        ("Durée (minutes)", "duration"),
        ("In-Meeting Duration", "duration"),
        ("Duración en la reunión", "duration"),  # "reunión" holds "unión": not a join time
        ("Durée de la réunion", "duration"),
        ("First Join", "first_join"),
        ("Primera unión", "first_join"),
        ("Première participation", "first_join"),
        ("Last Leave", "last_leave"),
        ("Última salida", "last_leave"),
        ("Dernier départ", "last_leave"),
        ("Participant ID (UPN)", "upn"),
        ("Role", "role"),
        ("Rol", "role"),
        ("Rôle", "role"),
        ("User Action", "action"),
        ("Timestamp", "timestamp"),
        ("First name", "first_name"),
        ("Last name", "last_name"),
        ("Moderator", "moderator"),
        ("Activity Score", "bbb"),
        ("In waiting room", "waiting"),
        ("Guest", "guest"),
        ("Invitado", "guest"),
        ("Participants", ""),
        ("Start Time", ""),
        ("Topic", ""),
    ],
)
def test_column_titles_in_three_languages(header: str, kind: str) -> None:
    assert column_kind(header) == kind


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45", 45),
        ("12.5", 12.5),
        ("10m 59s", 10 + 59 / 60),
        ("1h 2m 3s", 62 + 3 / 60),
        ("1 h 31 min 23 s", 91 + 23 / 60),
        ("1 hr 16 min", 76),
        ("45 min", 45),
        ("1 hr", 60),
        ("2 hrs", 120),
        ("01:02:03", 62 + 3 / 60),
        ("00:45:00", 45),
        ("1:05", 65),
        ("-", None),
        ("", None),
        ("a while", None),
        ("3 days", None),
    ],
)
def test_durations(text: str, minutes: float | None) -> None:
    found = parse_minutes(text)
    if minutes is None:
        assert found is None
    else:
        assert found == pytest.approx(minutes)


def test_the_date_order_is_decided_by_the_whole_file() -> None:
    # Only the last date says it: every date is read day first, the first one too.
    order = DateOrder(["03/05/2024 10:00", "15/05/2024 10:00"], month_first=True)
    assert (order.month_first, order.guess) == (False, "")
    assert order.date_time("03/05/2024 10:00") == dt.datetime(2024, 5, 3, 10, 0)
    order = DateOrder(["9/3/2020, 2:41:55 PM", "9/13/2020, 2:41:55 PM"], month_first=False)
    assert (order.month_first, order.guess) == (True, "")
    assert order.date_time("9/3/2020, 2:41:55 PM") == dt.datetime(2020, 9, 3, 14, 41, 55)


def test_an_undecided_order_follows_the_tool_and_says_it_guessed() -> None:
    order = DateOrder(["9/3/2020, 2:41:55 PM"], month_first=True)
    assert order.guess == "month"
    assert DateOrder(["09/03/2020 14:41"], month_first=False).guess == "day"
    # The same day and month both ways: nothing to guess.
    assert DateOrder(["05/05/2024 10:00"], month_first=True).guess == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/11/22, 09:30:47", dt.datetime(2022, 11, 15, 9, 30, 47)),
        ("2024-03-05 10:02:15", dt.datetime(2024, 3, 5, 10, 2, 15)),
        ("2024-03-05T10:02:15", dt.datetime(2024, 3, 5, 10, 2, 15)),
        ("15/11/2022 12:05 a. m.", dt.datetime(2022, 11, 15, 0, 5)),
        ("15/11/2022 1:05 p. m.", dt.datetime(2022, 11, 15, 13, 5)),
        ("15/11/2022 13:05 PM", None),
        ("31/02/2022 10:00", None),
        ("tomorrow", None),
    ],
)
def test_date_times(text: str, expected: dt.datetime | None) -> None:
    assert DateOrder([text], month_first=False).date_time(text) == expected


def test_a_time_of_day_takes_the_meeting_date() -> None:
    order = DateOrder([], month_first=True)
    assert order.date_time("9:58 AM", dt.date(2024, 3, 22)) == dt.datetime(2024, 3, 22, 9, 58)
    assert order.date_time("9:58 AM") is None


def test_the_date_in_a_file_name() -> None:
    assert date_in_name(Path("Weekly sync - 2024-03-05 attendance.csv")) == dt.date(2024, 3, 5)
    assert date_in_name(Path("LearningDashboard_Taller_2024-03-05.csv")) == dt.date(2024, 3, 5)
    assert date_in_name(Path("sync 2024-13-45.csv")) is None
    assert date_in_name(Path("attendance.csv")) is None
