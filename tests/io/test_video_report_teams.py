"""Microsoft Teams attendance reports: UTF-16, tabs, sections, languages, date orders."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from fieldkit.io.video_report import ReportParticipant, Stay, VideoReport, read_video_report

DATA = Path(__file__).parents[1] / "data" / "video"


def _by_name(report: VideoReport) -> dict[str, ReportParticipant]:
    return {p.name: p for p in report.participants}


def test_english_report_with_summary_participants_and_activities() -> None:
    report = read_video_report(DATA / "teams_en_utf16le.csv")
    assert report.tool == "teams"
    assert report.meeting_date == dt.date(2020, 9, 3)  # 9/3 with AM/PM: month first
    assert report.warnings == (
        "The dates in teams_en_utf16le.csv could be day first or month first; they were read "
        "month first (03/05 is March 5).",
    )
    people = _by_name(report)
    assert list(people) == [
        "Sylvie Gagnon",
        "Quispe, Rosa",
        "Wilfredo Ticona",
        "+51 943 123 456",
        "Hilda Huanca (Guest)",
    ]
    assert people["Sylvie Gagnon"].role == "organizer"
    assert people["Sylvie Gagnon"].minutes == pytest.approx(88 + 17 / 60)  # "1h 28m 17s"
    # The activities give one stay per join; Rosa's iPad overlapped her laptop by 10 minutes.
    rosa = people["Quispe, Rosa"]
    assert (rosa.email, rosa.role) == ("rosa.quispe@amupei.example", "presenter")
    assert [s.minutes for s in rosa.stays] == [45, 30]
    assert rosa.minutes == pytest.approx(65)
    assert people["Wilfredo Ticona"].minutes == pytest.approx(50)
    assert people["+51 943 123 456"].minutes == pytest.approx(20 + 10 / 60)
    # In the participants section only: its first join..last leave line, with the time stated
    # (40 minutes), not the hour between them.
    guest = people["Hilda Huanca (Guest)"]
    assert guest.email == ""
    assert guest.stays == (Stay(dt.datetime(2020, 9, 3, 15), dt.datetime(2020, 9, 3, 16), 40),)
    assert guest.minutes == 40


def test_spanish_report_in_utf16_big_endian_with_day_first_dates() -> None:
    report = read_video_report(DATA / "teams_es_utf16be.csv")
    assert report.tool == "teams"
    assert report.meeting_date == dt.date(2022, 11, 15)
    assert report.warnings == ()  # 15/11/22 says day first
    people = _by_name(report)
    juana = people["Núñez Quispe, Juana"]
    assert juana.role == "organizer"
    assert juana.minutes == pytest.approx(91 + 23 / 60)  # "1 h 31 min 23 s"
    wilber = people["Choque, Wilber"]
    assert wilber.role == "presenter"
    assert wilber.stays[1].joined == dt.datetime(2022, 11, 15, 10, 30)
    assert wilber.minutes == 65
    assert people["Oficina Salinas (sala de reuniones)"].role == "attendee"
    assert people["Rosa Mamani (Invitado)"].minutes == 30


def test_older_event_list_pairs_joins_and_leaves() -> None:
    report = read_video_report(DATA / "teams_events_old.csv")
    assert (report.tool, report.meeting_date) == ("teams", dt.date(2022, 11, 15))
    people = _by_name(report)
    assert list(people) == ["Goliath, David", "Sylvie Gagnon", "Qhispi Mamani", "Ticona, Wilfredo"]
    david = people["Goliath, David"]  # a comma inside the name, in a tab-separated file
    assert [(s.joined, s.left) for s in david.stays] == [
        (dt.datetime(2022, 11, 15, 9, 30, 47), dt.datetime(2022, 11, 15, 10, 15)),
        (dt.datetime(2022, 11, 15, 10, 20), dt.datetime(2022, 11, 15, 11, 0)),
    ]
    assert david.minutes == pytest.approx(44 + 13 / 60 + 40)
    # A second device joined while he was in: he stays until the last one leaves.
    wilfredo = people["Ticona, Wilfredo"]
    assert [s.minutes for s in wilfredo.stays] == [15, 20]
    # Joined and never left: until the last event of the report, and the user is told.
    assert people["Qhispi Mamani"].stays[0].left == dt.datetime(2022, 11, 15, 11, 2, 10)
    assert report.warnings == (
        "1 participant joined without leaving; their time counts until the report's last event.",
    )


def test_french_participants_found_by_their_columns_under_any_title(tmp_path: Path) -> None:
    rows = [
        "1. Résumé",
        "Titre de la réunion\tBilan de la mission",
        "Heure de début\t28/03/2024 14:00:03",
        "",
        "2. Personnes",  # not the usual title: the columns say what the table is
        "Nom\tPremière participation\tDernier départ\tDurée de la réunion\tE-mail\tRôle",
        "Gagnon, Sylvie\t28/03/2024 14:00:03\t28/03/2024 15:30:03\t1 h 30 min\ts.g@x.example\t"
        "Organisateur",
        "Tremblay, Marie-Ève\t28/03/2024 14:10:00\t28/03/2024 15:00:00\t50 min\t\tParticipant",
    ]
    path = tmp_path / "presence.csv"
    text = "\r\n".join(r + "\t\t" for r in rows)
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    report = read_video_report(path)
    assert (report.tool, report.meeting_date) == ("teams", dt.date(2024, 3, 28))
    assert [(p.name, p.role, p.minutes) for p in report.participants] == [
        ("Gagnon, Sylvie", "organizer", 90),
        ("Tremblay, Marie-Ève", "attendee", 50),
    ]


def test_older_event_list_in_spanish(tmp_path: Path) -> None:
    rows = [
        "Nombre completo\tAcción del usuario\tMarca de tiempo",
        "Choque, Wilber\tSe unió antes\t15/11/2022 9:30:47",
        "Choque, Wilber\tSalió\t15/11/2022 10:00:47",
        "Huanca, Hilda\tSe unió\t15/11/2022 9:40:00",
        "Huanca, Hilda\tSalió\t15/11/2022 9:55:00",
    ]
    path = tmp_path / "asistencia.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "\r\n".join(rows).encode("utf-16-le"))
    report = read_video_report(path)
    assert (report.tool, report.meeting_date, report.warnings) == (
        "teams",
        dt.date(2022, 11, 15),
        (),
    )
    assert [(p.name, p.minutes) for p in report.participants] == [
        ("Choque, Wilber", 30),
        ("Huanca, Hilda", 15),
    ]
