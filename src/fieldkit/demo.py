"""The two demo events that a new workspace can install: what users see first.

1. The exchange mission of the Québec coalition Eau Secours! in Bolivia with AMUPEI, under the
   Uniterra programme of CECI (15–30 March 2008), in French, in person.
2. The second Andean binational encounter Peru–Bolivia of the project «Interacciones con
   territorios vivos» (11–13 October 2021), in Spanish, hybrid.

They are data, not code: resources/demo/<code>.json, documents of the event interchange format
(docs/interchange-format.md), installed through the very path of `fieldkit import-json`. Their ids
are fixed, so installing twice changes nothing, and every laptop that installs them holds the same
records. The people are fictional; the organisations and places are those of the seeds. The
content is data in each event's own language and is not translated.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.core.model import Changes, Result, done
from fieldkit.io.interchange import import_document, read_document
from fieldkit.paths import resources_dir
from fieldkit.store import Workspace

MISSION_CODE = "EAU-BOL-2008"
ENCOUNTER_CODE = "PE-BO-2021"
DEMO_EVENT_CODES = (MISSION_CODE, ENCOUNTER_CODE)

# The device the demo's head counts are credited to (its check-ins say the same): one name on
# every laptop, so two laptops that installed the demo do not add its counts up when they exchange.
DEMO_DEVICE = "demo"


def demo_files() -> list[Path]:
    """The interchange documents of the demo events, in the order they are installed."""
    folder = resources_dir() / "demo"
    return [folder / f"{code}.json" for code in DEMO_EVENT_CODES]


def install_demo(ws: Workspace) -> Result[None]:
    """Import the demo events into a workspace; a second install changes nothing."""
    documents = [read_document(path) for path in demo_files()]  # all checked before any write
    changes = Changes()
    for document in documents:
        changes |= import_document(ws, document, counted_by=DEMO_DEVICE, back_up=False).changes
    return done(changes)
