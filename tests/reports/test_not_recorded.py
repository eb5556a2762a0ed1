"""What the minutes show when nothing was recorded, and the layout rules of the same walkthrough:
attendance not recorded is not zero, no age table of zeros, labelled facilitation in the agenda,
short days sharing a page, a Total row never alone at the top of a page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from pypdf import PdfReader
from tests.reports.conftest import all_text, page_lines, page_texts

from fieldkit.core.model import AgeGroup, AttendanceMode, Gender, SessionKind
from fieldkit.reports import build_minutes
from fieldkit.reports.data import (
    DayInfo,
    EventInfo,
    HeadCount,
    MinutesData,
    Participant,
    Presence,
    Scope,
    SessionInfo,
)
from fieldkit.reports.figures import Dimension, attendance_figures, recorded_sessions
from fieldkit.reports.fonts import register_fonts
from fieldkit.reports.styles import cell, grid_table, make_styles

IN, ONLINE = AttendanceMode.IN_PERSON, AttendanceMode.VIRTUAL


def _session(sid: str, day: int, start: str = "09:00", **kw: object) -> SessionInfo:
    info = SessionInfo(id=sid, day_number=day, start_time=start, end_time="", title=f"Sesión {sid}")
    return dataclasses.replace(info, **kw)


def _data(*, ages: bool = True) -> MinutesData:
    """Three days: day 1 recorded (a, b), day 2 with one session recorded (c) and one not (d),
    day 3 not recorded at all (e); a head count at zero counts as recorded (panels)."""
    days = (
        DayInfo(
            1,
            dt.date(2008, 3, 17),
            sessions=(
                _session("arrival-1", 1, "", kind=SessionKind.ARRIVAL),
                _session("a", 1, facilitator="Claudia Vargas Rojas", rapporteur="Sylvie Gagnon"),
                _session("b", 1, "14:30"),
                _session("panels", 1, "16:00", names_taken=False),
            ),
        ),
        DayInfo(
            2,
            dt.date(2008, 3, 18),
            sessions=(_session("c", 2), _session("d", 2, "14:00")),
        ),
        DayInfo(3, dt.date(2008, 3, 19), sessions=(_session("e", 3),)),
    )
    age = AgeGroup.FROM_30_TO_44 if ages else None
    people = (
        Participant("p1", "Teodora", "Ch'uxña", Gender.WOMAN, age, delegation="Taraco"),
        Participant("p2", "Félix", "Mamani", Gender.MAN, None, delegation="Taraco"),
        Participant("p3", "Claire", "Dumont", Gender.WOMAN, None),
    )
    presences = (
        Presence("a", "p1", IN),
        Presence("a", "p2", ONLINE),
        Presence("b", "p1", IN),
        Presence("b", "p3", IN),
        Presence("c", "p3", ONLINE),
    )
    return MinutesData(
        scope=Scope.EVENT,
        event=EventInfo("T", "Misión de prueba", dt.date(2008, 3, 17), dt.date(2008, 3, 19)),
        days=days,
        day_count=3,
        participants=people,
        presences=presences,
        head_counts=(HeadCount("panels"),),
        registered=5,
    )


# --- the rule ---------------------------------------------------------------------------------


def test_a_session_without_attendance_rows_or_head_count_is_not_recorded() -> None:
    presences = [Presence("a", "p1", IN), Presence("b", "p2", ONLINE)]
    counted = [HeadCount("panels")]  # a count taken back to zero: someone counted
    assert recorded_sessions(presences, counted) == {"a", "b", "panels"}
    assert recorded_sessions([], []) == frozenset()


def test_figures_tell_not_recorded_from_nobody_and_leave_it_out_of_the_denominators() -> None:
    figures = attendance_figures(_data())
    by_session = {f.session.id: f for f in figures.sessions}
    assert [sid for sid, f in by_session.items() if not f.recorded] == ["d", "e"]
    assert by_session["panels"].recorded and by_session["panels"].people.total == 0
    assert [f.recorded for f in figures.days] == [True, True, False]
    assert figures.sessions_not_recorded == 2 and figures.sessions_recorded == 4
    # 5 named person-sessions and a head count of 0 over the 4 sessions recorded, not the 6.
    assert figures.average_per_session == 5 / 4
    # The breakdowns have no column for the day that was not recorded.
    assert [p.day_number for p in figures.periods] == [1, 2, None]
    gender = next(b for b in figures.breakdowns if b.dimension == Dimension.GENDER)
    assert gender.totals == (3, 1, 3)


def test_with_nothing_recorded_there_is_no_average() -> None:
    data = dataclasses.replace(_data(), presences=(), head_counts=())
    figures = attendance_figures(data)
    assert figures.average_per_session is None
    assert not any(f.recorded for f in figures.days)
    assert [p.day_number for p in figures.periods] == [None]


# --- the PDF ----------------------------------------------------------------------------------


def test_the_minutes_say_attendance_not_recorded_instead_of_zero(tmp_path: Path) -> None:
    pages = page_texts(build_minutes(_data(), "en", "a4", tmp_path / "m.pdf"))
    text = " ".join(pages)
    # The facts of each session not recorded, and its row of the table by session and by day.
    assert text.count("Attendance not recorded") >= 2 + 2 + 1
    assert "0 (0 in person, 0 online)" not in text
    assert "Sessions whose attendance was not recorded 2 of 6" in text
    assert re.search(r"Average attendance per session where it was recorded 1\.\d ", text)
    figures_page = next(p for p in pages if p.startswith("Attendance figures"))
    assert re.search(r"Day 2, 2:00\s?PM: Sesión d Attendance not recorded", figures_page)
    assert re.search(r"Day 3 · March 19, 2008 Attendance not recorded", figures_page)


def test_nothing_recorded_at_all_prints_no_zeros(tmp_path: Path) -> None:
    data = dataclasses.replace(_data(), presences=(), head_counts=(), participants=())
    text = all_text(build_minutes(data, "en", "a4", tmp_path / "m.pdf"))
    assert "People present (each counted once) Attendance not recorded" in text
    assert "No one was recorded by name, so there are no figures by category." in text
    assert "By gender" not in text


def test_an_age_table_with_no_age_known_is_left_out_with_one_line(tmp_path: Path) -> None:
    line = "The table by age group is left out: no one's age group was recorded."
    unknown = all_text(build_minutes(_data(ages=False), "en", "a4", tmp_path / "no-ages.pdf"))
    assert line in unknown and "By age group" not in unknown
    known = all_text(build_minutes(_data(), "en", "a4", tmp_path / "ages.pdf"))
    assert "By age group" in known and line not in known


def test_the_agenda_labels_the_facilitator_and_the_rapporteur(tmp_path: Path) -> None:
    pages = page_texts(build_minutes(_data(), "en", "a4", tmp_path / "m.pdf"))
    agenda = next(page for page in pages if page.startswith("Agenda"))
    assert "Sesión a Plenary · In person Facilitator: Claudia Vargas Rojas " in agenda
    assert "Rapporteur: Sylvie Gagnon 2:30" in agenda


def test_a_short_day_does_not_get_a_page_of_its_own(tmp_path: Path) -> None:
    pages = page_texts(build_minutes(_data(), "en", "a4", tmp_path / "m.pdf"))

    def page_of(heading: str, first: str) -> int:
        """The page of a day's part: its heading, then its first session and its facts."""
        start = f"{heading} 9:00 AM · Sesión {first} Kind"
        return next(n for n, page in enumerate(pages) if start in page)

    agenda = next(n for n, page in enumerate(pages) if page.startswith("Agenda"))
    assert page_of("Day 1 — March 17, 2008", "a") == agenda  # after the agenda, not a new page
    assert page_of("Day 2 — March 18, 2008", "c") == agenda + 1  # when that one is full
    assert page_of("Day 3 — March 19, 2008", "e") == agenda + 1  # days 2 and 3 share one


def _table(rows: int) -> object:
    register_fonts()
    st = make_styles()
    data = [["Category", "Day 1", "%"]]
    data += [[cell(f"Organización {n}", st.cell, 200), str(n), "1 %"] for n in range(rows)]
    data.append(["Total", str(rows), ""])
    return grid_table(data, [200, 60, 60], bold_rows=(len(data) - 1,))


def test_a_total_row_goes_over_with_the_row_before_it() -> None:
    table = _table(12)
    table.wrap(320, 10_000)  # type: ignore[attr-defined]
    heights = table._rowHeights  # type: ignore[attr-defined]
    # Room for every row but the total: a plain split would leave it alone on the next page.
    parts = table.split(320, sum(heights[:-1]) + 1)  # type: ignore[attr-defined]
    assert len(parts) == 2
    last = [row[0] for row in parts[1]._cellvalues]
    assert last[0] == "Category"  # the header repeats
    assert len(last) >= 3 and last[-1] == "Total"


def _totals_alone(path: Path) -> list[int]:
    """The pages where a Total row comes right under the table's header (a row of figures ends
    with its share: '12 %')."""
    alone = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        lines = page_lines(page)[1:]  # the running header first
        for index, line in enumerate(lines):
            if line.startswith("Total ") and not (
                index and re.search(r"\d\s?%$", lines[index - 1])
            ):
                alone.append(number)
    return alone


def test_no_total_row_starts_a_page_alone(tmp_path: Path) -> None:
    """Organisations enough for the table by organisation to reach the foot of a page: with 49
    the Total row would be the only row of the next page, under the repeated header."""
    base = _data()
    for extra in range(46, 53):
        people = [
            Participant(f"x{n}", f"Nombre {n}", f"Apellido {n}", organisation=f"Org {n:02d}")
            for n in range(extra)
        ]
        data = dataclasses.replace(
            base,
            participants=(*base.participants, *people),
            presences=(*base.presences, *(Presence("a", p.id, IN) for p in people)),
        )
        path = build_minutes(data, "en", "a4", tmp_path / f"m{extra}.pdf")
        assert _totals_alone(path) == [], extra


def test_no_day_of_the_agenda_is_left_alone_at_the_foot_of_a_page(
    demo_db: Path, tmp_path: Path
) -> None:
    """The mission in French: each "Jour N —" title of the agenda has its first session below it
    on the same page (a title with its line and nothing else at the foot of page 4 was seen)."""
    from fieldkit.demo import MISSION_CODE
    from fieldkit.reports import gather_minutes
    from fieldkit.store import Workspace

    with Workspace(demo_db) as ws:
        data = gather_minutes(ws, MISSION_CODE)
    reader = PdfReader(build_minutes(data, "fr", "a4", tmp_path / "mission.pdf"))
    titles = 0
    for page in reader.pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        for n, line in enumerate(lines):
            if re.match(r"Jour \d+ — \d", line):
                titles += 1
                after = lines[n + 1 :]
                assert any(re.match(r"\d\d:\d\d–", later) for later in after), (line, after)
    assert titles >= 7
