"""`list_plain` gives exactly what building the records and turning them back into plain values
gives: the interchange export reads through it and must not drift from the records."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.core.codec import record_to_plain
from fieldkit.core.model import RECORD_KINDS, Attendance
from fieldkit.demo import install_demo
from fieldkit.store import Workspace


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plain") / "demo.sqlite"
    with Workspace(path) as ws:
        install_demo(ws)
    return path


@pytest.mark.parametrize("kind", sorted(k for k in RECORD_KINDS if k != "conflict"))
def test_plain_rows_equal_the_records_turned_plain(demo_path: Path, kind: str) -> None:
    cls = RECORD_KINDS[kind]
    with Workspace(demo_path) as ws:
        records = ws.list(cls)
        plain = ws.list_plain(cls)
    assert plain == [record_to_plain(record) for record in records]


def test_plain_rows_follow_the_filter_and_the_order(demo_path: Path) -> None:
    with Workspace(demo_path) as ws:
        some = ws.list(Attendance)[:40]
        sessions = sorted({a.session_id for a in some})
        where = {"session_id": sessions}
        order = ("person_id", "session_id")
        expected = [record_to_plain(a) for a in ws.list(Attendance, where=where, order_by=order)]
        assert expected
        assert ws.list_plain(Attendance, where=where, order_by=order) == expected


def test_deleted_rows_are_left_out(demo_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(demo_path.read_bytes())
    with Workspace(copy) as ws:
        victim = ws.list(Attendance)[0]
        ws.delete(Attendance, victim.id)
        assert victim.id not in {row["id"] for row in ws.list_plain(Attendance)}
