"""A demo workspace whose registrations have badge codes, and a few awkward values in it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fieldkit.core.model import Person, Registration
from fieldkit.demo import ENCOUNTER_CODE, install_demo
from fieldkit.store import Workspace

# Text that a spreadsheet would take for a formula, put in the data on purpose.
FORMULA_DELEGATION = '=HYPERLINK("http://example.org","x")'
FORMULA_NAME = "+Ana"


def make_badged_workspace(path: Path) -> Path:
    with Workspace(path) as ws:
        install_demo(ws)
        event = ws.find_event(ENCOUNTER_CODE)
        registrations = sorted(
            ws.list(Registration, where={"event_id": event.id}), key=lambda r: r.id
        )
        saves: list[object] = [
            dataclasses.replace(r, badge_code=f"PB-{index:04d}")
            for index, r in enumerate(registrations, start=1)
        ]
        saves[0] = dataclasses.replace(saves[0], delegation=FORMULA_DELEGATION)  # type: ignore[type-var]
        person = ws.get(Person, registrations[1].person_id)
        assert person is not None
        saves.append(dataclasses.replace(person, given_names=FORMULA_NAME))
        ws.apply(saves, [])
    return path
