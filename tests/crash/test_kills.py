"""A few kills in every test run; the full 50 in `make test-crash` (tests/crash/harness.py)."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from tests.crash.harness import Broken, Expected, Setting, build, check, crash, note_reports

from fieldkit.core import ids
from fieldkit.store import Workspace


@pytest.mark.slow
def test_five_kills_during_check_ins_notes_walk_ins_and_an_import_lose_nothing(
    tmp_path: Path,
) -> None:
    # A new seed each time (printed first); FIELDKIT_CRASH_SEED repeats a run's kill moments.
    seed = int(os.environ.get("FIELDKIT_CRASH_SEED") or random.SystemRandom().randrange(10**6))
    totals = crash(
        tmp_path, runs=5, seed=seed, registered=40, waiting=40, far_people=200, max_window=2.0
    )
    assert totals.runs == 5
    assert totals.writes_lost == 0
    assert totals.imports_in + totals.imports_out == 5


@pytest.fixture
def small(tmp_path: Path) -> Setting:
    return build(tmp_path, registered=3, waiting=3, far_people=3)


def test_the_check_finds_a_reported_write_that_is_not_there(small: Setting) -> None:
    session, _group, note = json.loads(small.child_setting.read_text(encoding="utf-8"))["notes"][0]
    with Workspace(small.door) as ws:
        ws.write_note(session, None, {"lessons": "- run-1-write-1\n"})
    expected: dict[str, Expected] = {}
    saved = note_reports(
        [
            f"saved note {note} run-1-write-1",  # there
            f"begin note {note} run-1-write-2",  # begun, not reported: either value is fine
            f"saved checkin {ids.attendance_id(session, ids.new_id())} in_person",  # lost
            f"saved walkin {ids.new_id()} Walkin-1-7",  # lost
        ],
        expected,
    )
    assert saved == 3
    lost, is_in, _records = check(small, expected, {}, {("person", "x"): {}}, False)
    assert [line.split(" ")[0] for line in lost] == ["checkin", "walkin"]
    assert not is_in


def test_the_check_refuses_half_an_import_and_piled_up_folders(small: Setting) -> None:
    with pytest.raises(Broken, match="neither as before"):
        check(small, {}, {("person", "x"): {}}, {("person", "y"): {}}, False)
    with pytest.raises(Broken, match="reported saved but is not in"):
        check(small, {}, {}, {("person", "y"): {}}, True)
    for name in ("a", "b"):
        (small.door.parent / f".fieldkit-import-{name}").mkdir()
    with pytest.raises(Broken, match="pile up"):
        check(small, {}, {}, {("person", "y"): {}}, False)
