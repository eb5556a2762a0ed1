"""Two laptops through a real Syncthing: two `syncthing` processes on 127.0.0.1 only, each with
its own home, discovery, relays, NAT traversal and usage reporting off, sharing one folder.

Each workspace syncs with its own copy of the folder; Syncthing carries the segments between them
(waited on through its REST API), and a sync-conflict copy lying in the folder is ignored. Takes
15–30 s; skipped, saying why, where the syncthing binary is absent (`.ci/run` installs it).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fieldkit.core import ids
from fieldkit.core.model import Person, Session
from fieldkit.demo import DEMO_EVENT_CODES, install_demo
from fieldkit.store import Workspace
from fieldkit.sync.folder import sync_folder

pytestmark = pytest.mark.slow

SYNCTHING = shutil.which("syncthing")
FOLDER_ID = "fieldkit-sync"
API_KEY = "fieldkit-test-api-key"
TIMEOUT_S = 45.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Node:
    name: str
    home: Path
    folder: Path
    listen: int
    gui: int
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    def rest(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui}{path}", method=method, headers={"X-API-Key": API_KEY}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None


def _generate(node: Node) -> None:
    subprocess.run(
        [SYNCTHING or "syncthing", "generate", f"--home={node.home}", "--no-default-folder"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    config = ET.parse(node.home / "config.xml").getroot()
    node.device_id = config.findall("device")[0].attrib["id"]


def _child(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.find(tag)
    return found if found is not None else ET.SubElement(parent, tag)


def _configure(node: Node, other: Node) -> None:
    """Loopback only, nothing announced or relayed, the other node by ID, one shared folder."""
    path = node.home / "config.xml"
    tree = ET.parse(path)
    config = tree.getroot()
    options = config.find("options")
    assert options is not None
    for element in options.findall("listenAddress"):
        options.remove(element)
    ET.SubElement(options, "listenAddress").text = f"tcp://127.0.0.1:{node.listen}"
    settings = {
        "globalAnnounceEnabled": "false",
        "localAnnounceEnabled": "false",
        "relaysEnabled": "false",
        "natEnabled": "false",
        "urAccepted": "-1",
        "startBrowser": "false",
        "crashReportingEnabled": "false",
        "autoUpgradeIntervalH": "0",
    }
    for key, value in settings.items():
        _child(options, key).text = value
    gui = config.find("gui")
    assert gui is not None
    gui.attrib["tls"] = "false"
    _child(gui, "address").text = f"127.0.0.1:{node.gui}"
    _child(gui, "apikey").text = API_KEY
    peer = ET.SubElement(
        config,
        "device",
        {"id": other.device_id, "name": other.name, "compression": "metadata"},
    )
    ET.SubElement(peer, "address").text = f"tcp://127.0.0.1:{other.listen}"
    ET.SubElement(peer, "autoAcceptFolders").text = "false"
    folder = ET.Element(
        "folder",
        {
            "id": FOLDER_ID,
            "label": "fieldkit",
            "path": str(node.folder),
            "type": "sendreceive",
            "rescanIntervalS": "2",
            "fsWatcherEnabled": "true",
            "fsWatcherDelayS": "1",
        },
    )
    for device in (node.device_id, other.device_id):
        ET.SubElement(folder, "device", {"id": device})
    config.insert(0, folder)
    tree.write(path)


def _wait(what: str, ready: Any, timeout: float = TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, urllib.error.URLError, ValueError, KeyError):
            if ready():
                return
        time.sleep(0.25)
    raise AssertionError(f"Syncthing: gave up waiting for {what}")


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    if SYNCTHING is None:
        pytest.skip(
            "the syncthing binary is absent (Debian package syncthing; .ci/run installs it)"
        )
    pair = tuple(
        Node(
            name,
            tmp_path / f"home-{name}",
            tmp_path / f"shared-{name}",
            _free_port(),
            _free_port(),
        )
        for name in ("door", "lead")
    )
    logs = []
    try:
        for node in pair:
            node.folder.mkdir()
            _generate(node)
        for node, other in ((pair[0], pair[1]), (pair[1], pair[0])):
            _configure(node, other)
        environment = {**os.environ, "STNODEFAULTFOLDER": "1", "STNOUPGRADE": "1"}
        for node in pair:
            log = (node.home / "out.log").open("wb")
            logs.append(log)
            node.process = subprocess.Popen(
                [
                    SYNCTHING,
                    "serve",
                    f"--home={node.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--logfile=-",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=environment,
            )
        for node in pair:
            _wait(
                f"{node.name}'s REST API", lambda node=node: node.rest("GET", "/rest/system/ping")
            )
        for node, other in ((pair[0], pair[1]), (pair[1], pair[0])):
            _wait(
                f"{node.name} to connect",
                lambda node=node, other=other: node.rest("GET", "/rest/system/connections")[
                    "connections"
                ][other.device_id]["connected"],
            )
        yield pair  # type: ignore[misc]
    finally:
        for node in pair:
            if node.process is not None:
                with contextlib.suppress(OSError, urllib.error.URLError):
                    node.rest("POST", "/rest/system/shutdown")
                try:
                    node.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    node.process.kill()
                    node.process.wait()
        for log in logs:
            log.close()


def _carry(source: Node, target: Node) -> None:
    """Have `source` scan now, then wait until `target` holds everything `source` has."""
    source.rest("POST", f"/rest/db/scan?folder={FOLDER_ID}")

    def arrived() -> bool:
        completion = source.rest(
            "GET", f"/rest/db/completion?folder={FOLDER_ID}&device={target.device_id}"
        )
        status = target.rest("GET", f"/rest/db/status?folder={FOLDER_ID}")
        return bool(
            completion["completion"] == 100
            and completion["needItems"] == 0
            and status["needTotalItems"] == 0
            and status["state"] == "idle"
            and status["globalFiles"] == status["localFiles"]
            and source.rest("GET", f"/rest/db/status?folder={FOLDER_ID}")["globalFiles"]
            == status["globalFiles"]
        )

    _wait(f"{target.name} to receive what {source.name} wrote", arrived)


def test_two_laptops_converge_through_syncthing(nodes: tuple[Node, Node], tmp_path: Path) -> None:
    door_node, lead_node = nodes
    for laptop in ("door", "lead"):
        (tmp_path / laptop).mkdir(exist_ok=True)
    door = Workspace(tmp_path / "door" / "workspace.sqlite")
    lead = Workspace(tmp_path / "lead" / "workspace.sqlite")
    try:
        install_demo(door)
        assert sync_folder(door, door_node.folder).written
        _carry(door_node, lead_node)
        joined = sync_folder(lead, lead_node.folder)
        assert [a.device for a in joined.arrived] == [door.device_id]
        assert lead.dump() == door.dump()

        # A day on both laptops, one field edited on both at once.
        session = door.event_sessions(door.find_event(DEMO_EVENT_CODES[1]).id)[1]
        door.update(Session, session.id, title="Plenaria inaugural")
        lead.update(Session, session.id, title="Apertura")
        rosa = Person(id=ids.new_id(), given_names="Rosa", surnames="Quispe Mamani")
        lead.save(rosa)
        # A conflict copy as Syncthing names them, of a manifest with other content.
        own = lead_node.folder / lead.device_id
        own.mkdir(exist_ok=True)
        (own / "00000001-0123456789abcdef.sync-conflict-20261201-101010-ABCDEFG.json").write_text(
            '{"format": "fieldkit-folder-segment", "sequence": 1}', encoding="utf-8"
        )
        for _turn in range(4):
            sync_folder(lead, lead_node.folder)
            _carry(lead_node, door_node)
            sync_folder(door, door_node.folder)
            _carry(door_node, lead_node)
            if lead.dump() == door.dump():
                break
        assert lead.dump() == door.dump()
        assert door.get(Person, rosa.id) is not None
        (conflict,) = door.open_conflicts()
        assert {conflict.kept_value, conflict.other_value} == {"Plenaria inaugural", "Apertura"}
        carried = list((door_node.folder / lead.device_id).glob("*.sync-conflict-*"))
        assert carried, "Syncthing carried the conflict copy"
        assert sync_folder(door, door_node.folder).ignored >= 1
    finally:
        door.close()
        lead.close()
