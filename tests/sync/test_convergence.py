"""Laws of the exchange, checked by Hypothesis on simulated laptops that edit and swap files.

Three laptops edit, delete, undelete and check people in at random, with clocks that disagree,
and import each other's files in random orders, repeated and out of date. After everyone has
imported everyone's latest file, every dump is identical, and every value ever written is current,
in the conflict log, or was replaced by a write made after seeing it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from fieldkit.core import ids
from fieldkit.core.clocks import device_of
from fieldkit.core.hlc import HybridLogicalClock, Stamp
from fieldkit.core.model import Attendance, Event, Gender, Person, Session
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange

LAPTOPS = 3
PEOPLE = 3
SKEW_MS = (0, -3 * 3600 * 1000, 2 * 3600 * 1000)  # the second laptop runs 3 hours late


@dataclass(frozen=True)
class Written:
    kind: str
    record_id: str
    field: str
    value: object
    stamp: str
    seen: dict[str, str]  # the full version vector of the field right after the write


def _full_vector(stamp: str, extras: dict[str, str]) -> dict[str, str]:
    vector = dict(extras)
    vector[device_of(stamp)] = max(vector.get(device_of(stamp), ""), stamp)
    return vector


class Laptops(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="fieldkit-laptops-"))
        self.laptops: list[Workspace] = []
        for n in range(LAPTOPS):
            (self.folder / f"laptop{n}").mkdir()
            ws = Workspace(self.folder / f"laptop{n}" / "workspace.sqlite")
            skew = SKEW_MS[n]
            ws.clock = HybridLogicalClock(
                ws.device_id, wall_ms=lambda skew=skew: time.time_ns() // 1_000_000 + skew
            )
            self.laptops.append(ws)
        first = self.laptops[0]
        self.event = Event(id=ids.new_id(), code="SIM", title="Simulación")
        self.people = [
            Person(id=ids.new_id(), given_names=f"P{n}", surnames="Quispe") for n in range(PEOPLE)
        ]
        first.save(self.event, *self.people)
        self.day = first.add_day(self.event.id, dt.date(2021, 10, 12)).value
        self.session = Session(id=ids.new_id(), day_id=self.day.id, title="Plenaria")
        first.save(self.session)
        self.files: list[list[Path]] = [[] for _ in range(LAPTOPS)]
        self.counter = itertools.count()
        self.written: list[Written] = []
        self._export(0)
        for n in range(1, LAPTOPS):
            import_exchange(self.laptops[n], self.files[0][-1])

    def teardown(self) -> None:
        for ws in self.laptops:
            ws.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- what people do ----------------------------------------------------------------------

    def _note_write(self, ws: Workspace, kind: str, record_id: str, fields: list[str]) -> None:
        state = ws.record_state(kind, record_id)
        assert state is not None
        for name in fields:
            stamp = state.stamps[name]
            seen = _full_vector(stamp, state.vectors.get(name, {}))
            self.written.append(Written(kind, record_id, name, state.values[name], stamp, seen))

    @rule(
        laptop=st.integers(0, LAPTOPS - 1),
        person=st.integers(0, PEOPLE - 1),
        name=st.sampled_from(["Ana", "Rosa", "Efraín", "Wilber"]),
    )
    def rename(self, laptop: int, person: int, name: str) -> None:
        ws = self.laptops[laptop]
        if ws.update(Person, self.people[person].id, given_names=name).changes.anything:
            self._note_write(ws, "person", self.people[person].id, ["given_names"])

    @rule(
        laptop=st.integers(0, LAPTOPS - 1),
        person=st.integers(0, PEOPLE - 1),
        gender=st.sampled_from(list(Gender)),
    )
    def set_gender(self, laptop: int, person: int, gender: Gender) -> None:
        ws = self.laptops[laptop]
        if ws.update(Person, self.people[person].id, gender=gender).changes.anything:
            self._note_write(ws, "person", self.people[person].id, ["gender"])

    @rule(
        laptop=st.integers(0, LAPTOPS - 1),
        title=st.sampled_from(["Plenaria", "Apertura", "Cierre"]),
    )
    def retitle_session(self, laptop: int, title: str) -> None:
        ws = self.laptops[laptop]
        if ws.update(Session, self.session.id, title=title).changes.anything:
            self._note_write(ws, "session", self.session.id, ["title"])

    @rule(laptop=st.integers(0, LAPTOPS - 1), person=st.integers(0, PEOPLE - 1))
    def delete_person(self, laptop: int, person: int) -> None:
        ws = self.laptops[laptop]
        if ws.delete(Person, self.people[person].id).changes.anything:
            self._note_write(ws, "person", self.people[person].id, ["deleted"])

    @rule(laptop=st.integers(0, LAPTOPS - 1), person=st.integers(0, PEOPLE - 1))
    def undelete_person(self, laptop: int, person: int) -> None:
        ws = self.laptops[laptop]
        record = ws.get(Person, self.people[person].id, include_deleted=True)
        assert record is not None
        if ws.save(record).changes.anything:
            self._note_write(ws, "person", record.id, ["deleted"])

    @rule(laptop=st.integers(0, LAPTOPS - 1), person=st.integers(0, PEOPLE - 1))
    def check_in(self, laptop: int, person: int) -> None:
        ws = self.laptops[laptop]
        person_id = self.people[person].id
        minute = next(self.counter) % 60
        if ws.check_in(
            self.session.id, person_id, at=dt.datetime(2021, 10, 12, 9, minute)
        ).changes.anything:
            fields = ["checked_in_at", "deleted"]
            self._note_write(
                ws, "attendance", ids.attendance_id(self.session.id, person_id), fields
            )

    @rule(laptop=st.integers(0, LAPTOPS - 1), person=st.integers(0, PEOPLE - 1))
    def undo_check_in(self, laptop: int, person: int) -> None:
        ws = self.laptops[laptop]
        record_id = ids.attendance_id(self.session.id, self.people[person].id)
        if (
            ws.get(Attendance, record_id) is not None
            and ws.delete(Attendance, record_id).changes.anything
        ):
            self._note_write(ws, "attendance", record_id, ["deleted"])

    # --- files travelling --------------------------------------------------------------------

    def _export(self, laptop: int) -> None:
        path = self.folder / "stick" / f"laptop{laptop}-{next(self.counter)}.fkx"
        export_exchange(self.laptops[laptop], path)
        self.files[laptop].append(path)

    @rule(laptop=st.integers(0, LAPTOPS - 1))
    def export(self, laptop: int) -> None:
        self._export(laptop)

    @precondition(lambda self: any(self.files))
    @rule(
        laptop=st.integers(0, LAPTOPS - 1),
        source=st.integers(0, LAPTOPS - 1),
        age=st.integers(0, 3),
    )
    def import_a_file(self, laptop: int, source: int, age: int) -> None:
        files = self.files[source]
        if not files:
            return
        path = files[max(0, len(files) - 1 - age)]  # the latest, or an older one
        import_exchange(self.laptops[laptop], path)

    @invariant()
    def every_workspace_is_sound(self) -> None:
        for ws in self.laptops:
            assert ws.clock.last_issued <= str(Stamp(10**13 - 1, 0, "f"))

    def teardown_checks(self) -> None:
        """Everyone imports everyone's latest file until nothing changes; then the laws hold."""
        for _round in range(4):
            for n in range(LAPTOPS):
                self._export(n)
            for n, ws in enumerate(self.laptops):
                for m in range(LAPTOPS):
                    if m != n:
                        import_exchange(ws, self.files[m][-1])
            dumps = {ws.dump() for ws in self.laptops}
            if len(dumps) == 1:
                break
        assert len({ws.dump() for ws in self.laptops}) == 1, "the laptops did not converge"
        final = self.laptops[0]
        conflicts = {(c.record_id, c.field, c.other_stamp) for c in final.open_conflicts()}
        for write in self.written:
            state = final.record_state(write.kind, write.record_id)
            assert state is not None
            if (
                state.stamps.get(write.field) == write.stamp
                or state.values[write.field] == write.value
            ):
                continue  # current (a concurrent write of the same value loses nothing)
            if (write.record_id, write.field, write.stamp) in conflicts:
                continue  # kept in the conflict log
            replaced = any(
                other.record_id == write.record_id
                and other.field == write.field
                and other.stamp != write.stamp
                and other.seen.get(device_of(write.stamp), "") >= write.stamp
                for other in self.written
            )
            assert replaced, f"lost: {write}"


class LaptopsTest(Laptops):
    def teardown(self) -> None:
        try:
            self.teardown_checks()
        finally:
            super().teardown()


TestConvergence = LaptopsTest.TestCase
# The same 20 runs every time, so CI is repeatable; explore more with
# random runs by dropping `derandomize` and raising `max_examples` (100 random runs passed here).
TestConvergence.settings = settings(
    max_examples=20,
    derandomize=True,
    print_blob=True,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
