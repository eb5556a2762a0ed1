"""fieldkit never opens a connection: the main flows run with every way out of the machine shut.

The flows (a workspace opened, the demo installed, people checked in, notes written, people
imported from a spreadsheet and a list exported, minutes and printables written, an event exported
and imported as interchange JSON, an exchange file written and read on a second laptop) run with
`connect`, `sendto`, `getaddrinfo` and `create_connection` replaced by a trap; the test fails if
anything reached for one, even if the flow swallowed the error.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldkit.cli import main
from fieldkit.core.model import AttendanceMode, Registration
from fieldkit.demo import ENCOUNTER_CODE, MISSION_CODE
from fieldkit.store import Workspace

DATA = Path(__file__).parent / "data"


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    tried: list[str] = []

    def trap(name: str) -> Any:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            tried.append(f"{name}{args[1:2] or args[:1]}")
            raise OSError(f"fieldkit must not use the network ({name})")

        return refuse

    for name in ("connect", "connect_ex", "sendto", "sendall", "send"):
        monkeypatch.setattr(socket.socket, name, trap(f"socket.{name}"))
    monkeypatch.setattr(socket, "create_connection", trap("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", trap("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", trap("gethostbyname"))
    yield tried
    assert tried == [], f"something tried to reach the network: {tried}"


def test_the_main_flows_open_no_connection(attempts: list[str], tmp_path: Path) -> None:
    db = tmp_path / "laptop-a" / "workspace.sqlite"
    db.parent.mkdir()
    run = ["--db", str(db)]
    assert main([*run, "demo"]) == 0
    with Workspace(db) as ws:
        event = ws.find_event(ENCOUNTER_CODE)
        session = ws.event_sessions(event.id)[0]
        people = [r.person_id for r in ws.list(Registration, where={"event_id": event.id})][:5]
        for person_id in people:
            ws.check_in(session.id, person_id, mode=AttendanceMode.IN_PERSON)
        ws.write_note(session.id, None, {"agreements": "Acuerdos sobre la vocería."})
    out = tmp_path / "out"
    assert (
        main(
            [*run, "people", "import", ENCOUNTER_CODE, str(DATA / "people" / "liste-excel-fr.csv")]
        )
        == 0
    )
    assert main([*run, "people", "export", ENCOUNTER_CODE, "--out", str(out / "people.xlsx")]) == 0
    for lang in ("es", "fr"):
        assert (
            main(
                [
                    *run,
                    "minutes",
                    ENCOUNTER_CODE,
                    "--out",
                    str(out / f"m-{lang}.pdf"),
                    "--lang",
                    lang,
                ]
            )
            == 0
        )
    assert main([*run, "sheets", MISSION_CODE, "--out", str(out / "sheets.pdf")]) == 0
    assert main([*run, "badges", MISSION_CODE, "--out", str(out / "badges.pdf")]) == 0
    assert main([*run, "certificates", MISSION_CODE, "--out", str(out / "certificates.pdf")]) == 0
    assert main([*run, "attendance", "export", ENCOUNTER_CODE, "--out", str(out / "a.csv")]) == 0
    assert main([*run, "export-json", ENCOUNTER_CODE, "--out", str(out / "e.json")]) == 0

    other = tmp_path / "laptop-b" / "workspace.sqlite"
    other.parent.mkdir()
    assert main(["--db", str(other), "import-json", str(out / "e.json")]) == 0
    assert main([*run, "sync", "export", "--no-passphrase", "--out", str(out / "a.fkx")]) == 0
    third = tmp_path / "laptop-c" / "workspace.sqlite"
    third.parent.mkdir()
    assert main(["--db", str(third), "sync", "import", str(out / "a.fkx")]) == 0
    with Workspace(db) as a, Workspace(third) as c:
        assert a.dump() == c.dump()
    for name in ("people.xlsx", "m-es.pdf", "m-fr.pdf", "sheets.pdf", "badges.pdf", "a.csv"):
        assert (out / name).stat().st_size > 0


def test_the_window_opens_and_shows_the_events_with_no_connection(
    attempts: list[str], qtbot: Any, tmp_path: Path
) -> None:
    from fieldkit.demo import install_demo
    from fieldkit.gui.shell.main_controller import create_main_window

    ws = Workspace(tmp_path / "workspace.sqlite")
    install_demo(ws)
    window = create_main_window(ws, owns_workspace=True)
    window.show()
    qtbot.waitUntil(lambda: "overview" in window.controller.pages, timeout=10_000)
    for key in ("agenda", "people", "checkin", "notes", "exchange", "reports"):
        assert window.controller.page(key) is not None
    window.close()
