"""Importing long lists: what a plan holds, what the matcher reads, and the memory it takes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from fieldkit.core.ids import new_id, registration_id
from fieldkit.core.model import Event, Person, Registration
from fieldkit.io import people_import
from fieldkit.io.people_import import Outcome, apply_plan, plan_import
from fieldkit.store import Workspace

HEADER = ["Nombre", "Apellidos", "Sexo", "Celular", "CI"]
# What planning a 5,000-row list of distinct names may take at most, above what the program held
# before (Python's own allocations, as tracemalloc counts them): the records to write (about 1.5 KB
# a row), the keys that find a person repeated further down the list (about 1 KB) and the bounded
# caches of folded names: 3.0 KB a row when this was written.
ROWS = 5_000
PEAK_BOUND_MB = 20


@pytest.fixture
def event(workspace: Workspace) -> str:
    record = Event(id=new_id(), code="ENC", title="Encuentro binacional")
    workspace.save(record)
    return record.id


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_a_summary_plan_keeps_only_the_rows_it_names(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    known = Person(id=new_id(), given_names="Rosa", surnames="Quispe Mamani", id_card="4567123")
    workspace.save(known)
    rows = [
        ["Rosa", "Quispe", "F", "", "4567123"],  # matched by the ID card
        ["Juan", "Condori", "H", "71234567", ""],  # new
        ["Rosa", "Mamani", "F", "", ""],  # suggested: only the name is like someone's
        ["", "", "", "71111111", ""],  # rejected: no name
        ["Ana", "Mamani", "Quizás", "", ""],  # new, with a note about the gender
    ]
    path = _write(tmp_path / "list.csv", rows)
    whole = plan_import(workspace, "ENC", path)
    summary = plan_import(workspace, "ENC", path, every_row=False)
    for outcome in Outcome:
        assert summary.count(outcome) == whole.count(outcome)
    assert [(r.row, r.outcome) for r in whole.rows] == [
        (2, Outcome.MATCHED),
        (3, Outcome.NEW),
        (4, Outcome.SUGGESTED),
        (5, Outcome.REJECTED),
        (6, Outcome.NEW),
    ]
    assert [(r.row, r.outcome) for r in summary.rows] == [
        (4, Outcome.SUGGESTED),
        (5, Outcome.REJECTED),
        (6, Outcome.NEW),  # listed for its note
    ]
    assert [r.reason for r in summary.rows] == [r.reason for r in whole.rows if r.row != 3][1:]
    assert len(summary.people) == len(whole.people) == 4  # Rosa's gender is filled in
    assert len(summary.registrations) == len(whole.registrations) == 4
    apply_plan(workspace, summary)
    again = plan_import(workspace, "ENC", path, every_row=False)
    assert again.count(Outcome.MATCHED) == 4 and again.count(Outcome.NEW) == 0
    assert again.people == again.registrations == []


def test_a_short_list_indexes_only_the_names_it_can_be(
    workspace: Workspace, event: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list of two people into a workspace of many folds and indexes the names of the people
    who share a name word with the list, not everyone's; what it finds is the same."""
    given = ["Ana", "Luis", "Marta", "Pedro", "Elena", "Jorge", "Carmen", "Mario"]
    people = [
        Person(id=new_id(), given_names=given[n % len(given)], surnames=f"Apaza{n} Choque")
        for n in range(400)
    ]
    rosa = Person(id=new_id(), given_names="Rosa", surnames="Quispe Mamani")
    at_event = Person(id=new_id(), given_names="Juan", surnames="Condori", phone="71234567")
    registration = Registration(registration_id(event, at_event.id), event, at_event.id)
    workspace.save(*people, rosa, at_event, registration)
    indexed: list[str] = []
    index_name = people_import._Matcher._index_name

    def counted(self: people_import._Matcher, pid: str, *names: Any) -> None:
        indexed.append(pid)
        index_name(self, pid, *names)

    monkeypatch.setattr(people_import._Matcher, "_index_name", counted)
    path = _write(
        tmp_path / "list.csv",
        [["Rosa", "Quispe", "F", "", ""], ["Juan", "Condori", "H", "+591 7123 4567", ""]],
    )
    plan = plan_import(workspace, "ENC", path)
    assert [(r.outcome, r.suggestions) for r in plan.rows] == [
        (Outcome.SUGGESTED, (rosa,)),
        (Outcome.MATCHED, ()),
    ]
    assert set(indexed) <= {rosa.id, at_event.id, plan.rows[0].person.id}  # type: ignore[union-attr]


_CHILD = textwrap.dedent(
    """
    import json, sys, tracemalloc
    from pathlib import Path
    from fieldkit.io.people_import import Outcome, plan_import
    from fieldkit.store import Workspace

    ws = Workspace(Path(sys.argv[1]))
    plan_import(ws, "ENC", Path(sys.argv[3]))  # every module loaded before counting
    tracemalloc.start()
    plan = plan_import(ws, "ENC", Path(sys.argv[2]), every_row=False)
    print(json.dumps({"peak": tracemalloc.get_traced_memory()[1], "new": plan.count(Outcome.NEW),
                      "rows": len(plan.rows)}))
    """
)


def test_planning_a_long_list_stays_under_a_stated_memory_bound(
    workspace: Workspace, event: str, tmp_path: Path
) -> None:
    rows = [
        [
            f"Nombre{n % 997}",
            f"Apellido{n % 1009} Otro{n % 89}",
            "FM"[n % 2],
            f"7{n:07d}",
            f"{n:08d}",
        ]
        for n in range(ROWS)
    ]
    path = _write(tmp_path / "long.csv", rows)
    short = _write(tmp_path / "short.csv", rows[:2])
    workspace.close()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(workspace.path), str(path), str(short)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    figures = json.loads(done.stdout)
    assert figures["new"] == ROWS and figures["rows"] == 0  # new rows are counted, not listed
    assert figures["peak"] < PEAK_BOUND_MB * 2**20, figures["peak"] / 2**20
