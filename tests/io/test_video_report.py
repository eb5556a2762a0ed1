"""Zoom, Google Meet and BigBlueButton participant reports read into one structure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fieldkit.io.video_report import ReportParticipant, Stay, VideoReport, read_video_report

DATA = Path(__file__).parents[1] / "data" / "video"


def _read(name: str) -> VideoReport:
    return read_video_report(DATA / name)


def _by_name(report: VideoReport) -> dict[str, ReportParticipant]:
    return {p.name: p for p in report.participants}


def test_zoom_older_block_with_trailing_commas() -> None:
    report = _read("zoom_old_trailing_comma.csv")
    assert report.tool == "zoom"
    assert report.meeting_date == dt.date(2024, 3, 5)
    people = _by_name(report)
    assert list(people) == [
        "Sylvie Gagnon",
        "Rosa Quispe Mamani",
        "Wilfredo Ticona",
        "+591 71234567",
        "Galaxy A12",
    ]
    # The host's e-mail in the older meeting block gives the role.
    assert people["Sylvie Gagnon"].role == "host"
    assert people["Sylvie Gagnon"].minutes == 130
    # Two rows with one e-mail (case differs), the second from a phone while the first was in:
    # 10:00-10:45 and 10:30-11:00 are one hour, not 75 minutes.
    rosa = people["Rosa Quispe Mamani"]
    assert rosa.email == "rosa.quispe@amupei.example"
    assert [s.minutes for s in rosa.stays] == [45, 30]
    assert rosa.minutes == pytest.approx(60)
    # Two stays that do not overlap, grouped by the exact name (no e-mail): their sum.
    assert people["Wilfredo Ticona"].minutes == 78
    assert people["Wilfredo Ticona"].stays[1] == Stay(
        dt.datetime(2024, 3, 5, 10, 50), dt.datetime(2024, 3, 5, 11, 30), 40
    )
    # A phone number and a device as names are participants all the same.
    assert people["+591 71234567"].email == ""
    assert people["Galaxy A12"].minutes == 100


def test_zoom_newer_block_host_waiting_room_and_nameless_rows() -> None:
    report = _read("zoom_new_host.csv")
    assert report.meeting_date == dt.date(2021, 10, 12)  # Zoom writes month first
    people = _by_name(report)
    assert people["Marie-Ève Tremblay"].role == "host"  # host "Name (email)"
    ana = people["Ana Mamani (Ana M.)"]
    assert ana.minutes == 91  # the 4 minutes in the waiting room do not count
    assert len(ana.stays) == 1
    # Only in the waiting room: kept (the report is not trimmed), with no time in the call.
    assert people["Rosa Mamani"].stays == ()
    assert people["Rosa Mamani"].minutes == 0
    assert "Municipio Pamparomás" in people
    assert len(report.participants) == 5
    assert any("2 rows are time in the waiting room" in w for w in report.warnings)
    assert any("1 row without a name or an e-mail was left out" in w for w in report.warnings)


def test_zoom_unique_users_without_meeting_block() -> None:
    report = _read("zoom_unique_users.csv")
    assert report.tool == "zoom"
    assert report.meeting_date is None
    assert report.warnings == (
        "The report zoom_unique_users.csv does not give the date of the meeting.",
    )
    people = _by_name(report)
    assert people["Andrés Flores"].minutes == 87
    assert people["Andrés Flores"].stays == (Stay(None, None, 87),)
    assert "Copa Huanca (Samsung SM-A125F)" in people
    assert "Usuario de Zoom" in people


def test_zoom_in_spanish_saved_in_windows_1252() -> None:
    report = _read("zoom_es_cp1252.csv")
    assert report.tool == "zoom"
    assert report.meeting_date == dt.date(2024, 3, 22)
    assert report.warnings == ()  # 03/22 says month first
    people = _by_name(report)
    assert people["Juana Núñez Quispe"].role == "host"
    # 09:10-10:00 and 09:40-10:40 overlap: 90 minutes, not 110.
    assert people["Huamán Flores Teodoro"].minutes == pytest.approx(90)
    assert people["Mamani Condori (Redmi Note 9)"].minutes == 60


def test_zoom_in_french_with_semicolons_and_24_hour_times() -> None:
    report = _read("zoom_fr_semicolon.csv")
    assert (report.tool, report.meeting_date) == ("zoom", dt.date(2024, 3, 28))
    people = _by_name(report)
    assert people["Marie-Ève Tremblay"].role == "host"
    tablet = people["Sylvie Gagnon (Sylvie - tablette)"]
    assert tablet.minutes == 70
    assert tablet.stays[0].joined == dt.datetime(2024, 3, 28, 14, 5)


def test_google_meet_takes_the_date_from_the_file_name() -> None:
    report = _read("Plenaria eje 1 - 2024-03-22 attendance.csv")
    assert (report.tool, report.meeting_date) == ("meet", dt.date(2024, 3, 22))
    assert report.warnings == ()
    people = _by_name(report)
    rosa = people["Rosa Quispe Mamani"]
    assert rosa.minutes == 76  # "1 hr 16 min"
    assert rosa.stays == (
        Stay(dt.datetime(2024, 3, 22, 9, 58), dt.datetime(2024, 3, 22, 11, 14), 76),
    )
    assert people["Marie-Ève Tremblay"].minutes == 60  # "1 hr"
    assert people["Municipalidad de Pamparomás"].email == ""
    assert people["(+51) 1 555-0199"].minutes == 20


def test_google_meet_without_a_date_in_the_name_says_so(tmp_path: Path) -> None:
    path = tmp_path / "attendance.csv"
    path.write_bytes((DATA / "Plenaria eje 1 - 2024-03-22 attendance.csv").read_bytes())
    report = read_video_report(path)
    assert report.meeting_date is None
    assert report.warnings == ("The report attendance.csv does not give the date of the meeting.",)
    # Times of day without a date: the stated durations still count.
    assert _by_name(report)["Andrés Flores"].minutes == 45
    assert _by_name(report)["Andrés Flores"].stays[0].joined is None


def test_bigbluebutton_learning_dashboard() -> None:
    report = _read("LearningDashboard_Taller-Palos-Blancos_2024-03-05.csv")
    assert (report.tool, report.meeting_date) == ("bbb", dt.date(2024, 3, 5))
    people = _by_name(report)
    assert list(people) == ["Sylvie Gagnon", "Wilfredo Ticona", "Rosa Quispe", "Invitado 4"]
    assert people["Sylvie Gagnon"].role == "moderator"
    assert people["Wilfredo Ticona"].role == "attendee"
    # First join 14:03, last leave 15:29, but the time online over his sessions is 70 minutes.
    assert people["Wilfredo Ticona"].minutes == 70
    assert people["Sylvie Gagnon"].minutes == pytest.approx(90 + 5 / 60)
    assert people["Rosa Quispe"].stays == (Stay(dt.datetime(2024, 3, 5, 14, 10), None, 45),)
    # 3/5/2024 could be either order: the user is told how it was read.
    assert report.warnings == (
        "The dates in LearningDashboard_Taller-Palos-Blancos_2024-03-05.csv could be day first "
        "or month first; they were read month first (03/05 is March 5).",
    )


def test_rows_are_grouped_by_folded_email_else_by_exact_name(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "Rosa Quispe,Rosa.Quispe@AMUPEI.example,03/05/2024 10:00:00 AM,"
        "03/05/2024 10:10:00 AM,10,No\n"
        "iPhone de Rosa,rosa.quispe@amupei.example,03/05/2024 10:20:00 AM,"
        "03/05/2024 10:30:00 AM,10,No\n"
        "Wilber Choque,,03/05/2024 10:00:00 AM,03/05/2024 10:05:00 AM,5,Yes\n"
        "wilber choque,,03/05/2024 10:00:00 AM,03/05/2024 10:05:00 AM,5,Yes\n",
        encoding="utf-8",
    )
    report = read_video_report(path)
    assert report.meeting_date == dt.date(2024, 3, 5)  # no meeting block: the first join's day
    assert report.warnings == (
        "The dates in participants.csv could be day first or month first; they were read month "
        "first (03/05 is March 5).",
    )
    assert [(p.name, p.email, p.minutes) for p in report.participants] == [
        ("Rosa Quispe", "Rosa.Quispe@AMUPEI.example", 20),
        ("Wilber Choque", "", 5),
        ("wilber choque", "", 5),  # another spelling is another participant: the matcher decides
    ]


def test_stays_without_a_stated_duration_are_computed_and_overlaps_counted_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(
        "Name,Email,Join Time,Leave Time\n"
        "Ana Mamani,,2024-03-05 10:00:00,2024-03-05 11:00:00\n"
        "Ana Mamani,,2024-03-05 10:30:00,2024-03-05 10:45:00\n"
        "Ana Mamani,,2024-03-05 11:30:00,2024-03-05 11:40:30\n",
        encoding="utf-8",
    )
    ana = read_video_report(path).participants[0]
    assert [s.minutes for s in ana.stays] == [60, 15, 10.5]
    assert ana.minutes == pytest.approx(70.5)


def test_a_row_whose_time_cannot_be_read_is_kept_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Qhispi Mamani,,03/05/2024 10:00:00 AM,03/05/2024 10:30:00 AM,30\n"
        "Villca Condori,,soon,later,a while\n",
        encoding="utf-8",
    )
    report = read_video_report(path)
    assert [(p.name, p.minutes) for p in report.participants] == [
        ("Qhispi Mamani", 30),
        ("Villca Condori", 0),
    ]
    assert (
        "1 row has no time or duration that can be read; it counts as 0 minutes." in report.warnings
    )


@pytest.mark.parametrize(
    "header",
    [
        "Nombre,Apellido,Correo electrónico,Duración,Hora a la que se unió,Hora a la que salió",
        "Prénom,Nom,E-mail,Durée,Heure d'arrivée,Heure de départ",
    ],
    ids=["spanish", "french"],
)
def test_google_meet_in_spanish_and_french(tmp_path: Path, header: str) -> None:
    path = tmp_path / "Conversatorio - 2024-03-22 asistencia.csv"
    path.write_text(
        header + "\nJuana,Núñez Quispe,juana@x.example,1 h 5 min,10:00,11:05\n", encoding="utf-8"
    )
    report = read_video_report(path)
    assert report.tool == "meet"
    assert report.participants == (
        ReportParticipant(
            "Juana Núñez Quispe",
            "juana@x.example",
            (Stay(dt.datetime(2024, 3, 22, 10), dt.datetime(2024, 3, 22, 11, 5), 65),),
            65,
        ),
    )


def test_blank_rows_and_a_repeated_header_do_not_trim_the_report(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    header = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    path.write_text(
        header
        + "Rosa Quispe,,03/15/2024 10:00:00 AM,03/15/2024 10:30:00 AM,30,Yes\n"
        + ",,,,,\n\n"
        + "Ana Mamani,,03/15/2024 10:00:00 AM,03/15/2024 10:20:00 AM,20,Yes\n"
        + header
        + "Rosa Quispe,,03/15/2024 11:00:00 AM,03/15/2024 11:10:00 AM,10,Yes\n",
        encoding="utf-8",
    )
    report = read_video_report(path)
    assert [(p.name, p.minutes) for p in report.participants] == [
        ("Rosa Quispe", 40),
        ("Ana Mamani", 20),
    ]
