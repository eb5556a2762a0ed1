"""The program-scale workspace of the benchmarks, built once through the facade and cached.

Scale: 50,000 people, 500 organisations, 2,000 events over fourteen years with their days,
arrival sessions and a few sessions a day, their registrations, and 500,000 attendance rows in
all. Most events are small; one congress is clearly the largest (5,000 registered people, 3 days,
30 sessions, about 60,000 attendance rows), so that "export the largest event" means something.

Every record goes through `Workspace.save` in large batches, so every row has its clocks as real
data does. Ids come from `derived_id` and values from a seeded `random.Random`: two builds hold the
same records (only the clock stamps differ).

A smaller workspace of the same shape, for the scaling rows, is built at a scale (0.1: 5,000
people, 50 organisations, 200 events, 50,000 attendance rows, a largest event of 500 people) and
cached under its own name; scale 1.0 is the workspace above, record for record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import names
from bench.names import Region
from fieldkit.core.ids import arrival_id, attendance_id, derived_id, registration_id
from fieldkit.core.model import (
    AgeGroup,
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Day,
    Event,
    EventFormat,
    Gender,
    Organisation,
    Person,
    Programme,
    Registration,
    Role,
    Session,
    SessionKind,
    SessionMode,
)
from fieldkit.core.text import fold
from fieldkit.store import Workspace
from fieldkit.store.database import head_revision, raw_connection

# Bump when the data below changes: the cache file is named after it and rebuilt.
BUILDER_VERSION = 1
SEED = 20_241_122
PEOPLE = 50_000
MERGED_PEOPLE = 200  # duplicates merged into another person (merged_into set)
ORGANISATIONS = 500
EVENTS = 2_000
DELETED_EVENTS = 12  # tombstones, so "not deleted" filters have something to filter
ATTENDANCE = 500_000
BATCH = 20_000  # records per Workspace.save call, one transaction each

FIRST_DATE = dt.date(2012, 1, 9)
LAST_DATE = dt.date(2025, 9, 30)


@dataclass(frozen=True)
class LargestEvent:
    registered: int = 5_000
    days: int = 3
    plenaries_per_day: int = 2
    groups_per_day: int = 7  # working groups; with the arrival, 10 sessions a day
    presence: float = 0.9  # share of the registered who come on a given day
    plenary_share: float = 0.85  # share of those present who attend a plenary
    group_share: float = 0.25  # … a working group


LARGEST = LargestEvent()


@dataclass(frozen=True)
class Size:
    """How many of each thing a build makes; `Size.at(1.0)` is the program-scale workspace."""

    scale: float = 1.0
    people: int = PEOPLE
    merged_people: int = MERGED_PEOPLE
    organisations: int = ORGANISATIONS
    events: int = EVENTS
    deleted_events: int = DELETED_EVENTS
    attendance: int = ATTENDANCE
    largest: LargestEvent = LARGEST

    @classmethod
    def at(cls, scale: float) -> Size:
        if not 0 < scale <= 1:
            raise ValueError(f"a workspace scale is in (0, 1], not {scale}")
        if scale == 1:
            return cls()

        def scaled(count: int) -> int:
            return max(1, round(count * scale))

        return cls(
            scale=scale,
            people=scaled(PEOPLE),
            merged_people=scaled(MERGED_PEOPLE),
            organisations=scaled(ORGANISATIONS),
            events=scaled(EVENTS),
            deleted_events=scaled(DELETED_EVENTS),
            attendance=scaled(ATTENDANCE),
            largest=dataclasses.replace(LARGEST, registered=scaled(LARGEST.registered)),
        )


FULL = Size()
# Small events: the share of registered people present on a day, and of those present who
# attend each session of that day besides the arrival.
SMALL_PRESENCE = 0.85
SMALL_SESSION_SHARE = 0.6


def cache_path(cache_dir: Path, scale: float = 1.0) -> Path:
    return cache_dir / f"program-v{BUILDER_VERSION}{_scale_tag(scale)}.sqlite"


def _scale_tag(scale: float) -> str:
    return "" if scale == 1 else f"-scale{scale:g}"


# A cache file's name: its builder version, its scale ("" for 1.0), then anything (a build's leftovers).
_CACHE_NAME = re.compile(r"program-v\d+(?P<tag>-scale[0-9.e-]+)?\.sqlite")


def largest_event_id() -> str:
    return derived_id("event", "bench", "largest")


def _id(kind: str, *parts: object) -> str:
    return derived_id(kind, "bench", *(str(part) for part in parts))


# --- the cache ------------------------------------------------------------------------------


def cached_workspace(
    cache_dir: Path,
    *,
    rebuild: bool = False,
    log: Callable[[str], None] = print,
    scale: float = 1.0,
) -> Path:
    """The cached workspace at a scale, built first when missing, forced, or of an older schema.

    The build writes a temporary file that is renamed when complete: an interrupted build never
    leaves a half cache behind.
    """
    path = cache_path(cache_dir, scale)
    reason = _stale(path, rebuild)
    if reason is None:
        return path
    log(f"building {path.name} ({reason}); this takes a few minutes")
    cache_dir.mkdir(parents=True, exist_ok=True)
    for leftover in leftovers(cache_dir, scale):
        leftover.unlink()
    temporary = path.with_name(f"{path.name}.building-{os.getpid()}")
    try:
        started = time.perf_counter()
        build(temporary, log=log, size=Size.at(scale))
        log(f"built in {time.perf_counter() - started:.1f} s")
        for suffix in ("-wal", "-shm"):  # none after a clean close; belt and braces
            if Path(f"{temporary}{suffix}").exists():
                raise RuntimeError(f"{temporary}{suffix} is left after closing the workspace")
        temporary.replace(path)
    finally:
        for leftover in cache_dir.glob(f"{temporary.name}*"):
            leftover.unlink()
    return path


def leftovers(cache_dir: Path, scale: float) -> list[Path]:
    """The files a build at `scale` clears first: older versions of the same scale, and what an
    interrupted build left; never the cache of another scale."""
    path = cache_path(cache_dir, scale)
    found = []
    for candidate in sorted(cache_dir.glob("program-v*")):
        name = _CACHE_NAME.match(candidate.name)
        if name is not None and (name["tag"] or "") == _scale_tag(scale) and candidate != path:
            found.append(candidate)
    return found


def _stale(path: Path, rebuild: bool) -> str | None:
    """Why the cache must be built, or None when it can be used."""
    if rebuild:
        return "asked for"
    if not path.exists():
        return "missing"
    with raw_connection(path) as connection:
        try:
            (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error as error:
            return f"unreadable: {error}"
    if revision != head_revision():
        # The facade would migrate it (with a backup copy) inside the timings.
        return f"schema {revision} is older than {head_revision()}"
    return None


# --- the build ------------------------------------------------------------------------------


def build(path: Path, *, log: Callable[[str], None] = print, size: Size = FULL) -> None:
    """Generate the records in memory, then save them through the facade in batches."""
    started = time.perf_counter()
    program = Program(random.Random(SEED), size)
    program.generate()
    log(
        f"  generated {program.count():,} records in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{count:,} {kind}" for kind, count in program.counts().items())
    )
    ws = Workspace(path, device_name="bench")
    try:
        saved = 0
        save_started = time.perf_counter()
        last_report = save_started
        for batch in _batches(program.records(), BATCH):
            ws.save(*batch)
            saved += len(batch)
            now = time.perf_counter()
            if now - last_report > 15:
                rate = saved / (now - save_started)
                log(f"  saved {saved:,} records ({rate:,.0f} a second)")
                last_report = now
        for event_id in program.deleted_events:
            ws.delete(Event, event_id)
        elapsed = time.perf_counter() - save_started
        log(f"  saved {saved:,} records in {elapsed:.1f} s ({saved / elapsed:,.0f} a second)")
    finally:
        ws.close()


def _batches(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@dataclass
class _PersonFacts:
    """What the generator keeps about a person besides the record."""

    region: Region
    country: str
    municipality: str


@dataclass
class _EventPlan:
    event: Event
    region: Region
    days: list[Day]
    sessions: list[list[Session]]  # per day, the arrival first
    people: list[int]  # indices of the registered people
    presence: float
    shares: dict[str, float]  # session id: share of those present who attend it


@dataclass
class Program:
    """The generated records of the workspace, in the order they are saved."""

    rng: random.Random
    size: Size = FULL
    organisations: list[Organisation] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    facts: list[_PersonFacts] = field(default_factory=list)
    plans: list[_EventPlan] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    deleted_events: list[str] = field(default_factory=list)

    def generate(self) -> None:
        self._organisations()
        self._programmes()
        self._people()
        self._events()
        self._registrations()
        self._attendance()
        others = [p.event.id for p in self.plans if p.event.id != largest_event_id()]
        self.deleted_events = self.rng.sample(others, self.size.deleted_events)

    def records(self) -> Iterator[Any]:
        """Parents before children, so every batch's foreign keys hold when it commits."""
        yield from self.organisations
        yield from self.programmes
        yield from self.people
        for plan in self.plans:
            yield plan.event
            yield from plan.days
            for sessions in plan.sessions:
                yield from sessions
        yield from self.registrations
        yield from self.attendance

    def counts(self) -> dict[str, int]:
        return {
            "organisations": len(self.organisations),
            "programmes": len(self.programmes),
            "people": len(self.people),
            "events": len(self.plans),
            "days": sum(len(p.days) for p in self.plans),
            "sessions": sum(len(s) for p in self.plans for s in p.sessions),
            "registrations": len(self.registrations),
            "attendance": len(self.attendance),
        }

    def count(self) -> int:
        return sum(self.counts().values())

    # --- organisations, programmes, people -------------------------------------------------

    def _organisations(self) -> None:
        rng = self.rng
        seen: set[str] = set()
        per_region = _apportion(self.size.organisations, [share for _, share in names.REGIONS])
        for (region, _share), wanted in zip(names.REGIONS, per_region, strict=True):
            templates = names.ORGANISATION_TEMPLATES[region.language]
            made = 0
            while made < wanted:
                name = rng.choice(templates).format(place=rng.choice(region.places))
                if name in seen:
                    continue
                seen.add(name)
                country = _country(rng, region)
                # Some belong to a network: one of the first organisations of their country.
                parents = [o for o in self.organisations if o.country == country][:20]
                parent = rng.choice(parents).id if parents and rng.random() < 0.1 else None
                self.organisations.append(
                    Organisation(
                        id=_id("organisation", len(self.organisations)),
                        name=name,
                        short_name=_initials(name),
                        country=country,
                        parent_id=parent,
                    )
                )
                made += 1

    def _programmes(self) -> None:
        self.programmes = [
            Programme(id=_id("programme", index), name=name, description=names.LOREM[:120])
            for index, name in enumerate(names.PROGRAMMES)
        ]

    def _people(self) -> None:
        rng = self.rng
        organisations_of = {
            region.name: [
                o for o in self.organisations if o.country in dict(region.country_weights)
            ]
            for region, _ in names.REGIONS
        }
        # A few large organisations and a long tail of small ones (weights 1/(rank + 5)).
        popularity = {
            key: list(itertools.accumulate(1 / (rank + 5) for rank in range(len(found))))
            for key, found in organisations_of.items()
        }
        regions = [region for region, _ in names.REGIONS]
        weights = [share for _, share in names.REGIONS]
        genders = [Gender.WOMAN, Gender.MAN, Gender.ANOTHER, Gender.NOT_STATED]
        age_groups: list[AgeGroup | None] = [None, *AgeGroup]
        for index in range(self.size.people):
            region = rng.choices(regions, weights)[0]
            gender = rng.choices(genders, (52, 45, 1, 2))[0]
            pool = region.women if gender is Gender.WOMAN else region.men
            if gender not in (Gender.WOMAN, Gender.MAN):
                pool = rng.choice((region.women, region.men))
            given = rng.choice(pool)
            if rng.random() < 0.2:
                second = rng.choice(pool)
                given = given if second == given else f"{given} {second}"
            first, second = rng.sample(region.surnames, 2)
            joiner = "-" if rng.random() < region.hyphenated_surnames else " "
            organisations = organisations_of[region.name]
            organisation = (
                rng.choices(organisations, cum_weights=popularity[region.name])[0]
                if rng.random() < 0.8
                else None
            )
            self.people.append(
                Person(
                    id=_id("person", index),
                    given_names=given,
                    surnames=f"{first}{joiner}{second}",
                    gender=gender,
                    age_group=rng.choice(age_groups),
                    phone=_phone(rng, region) if rng.random() < 0.7 else "",
                    email=_email(rng, given, first) if rng.random() < 0.4 else "",
                    id_card=str(rng.randrange(1_000_000, 99_999_999)) if rng.random() < 0.3 else "",
                    organisation_id=organisation.id if organisation else None,
                    consent_photos=rng.random() < 0.7,
                    consent_contact=rng.random() < 0.5,
                )
            )
            self.facts.append(
                _PersonFacts(region, _country(rng, region), rng.choice(region.places))
            )
        # Duplicates found later and merged into the person they repeat.
        for index in rng.sample(range(self.size.people), self.size.merged_people):
            target = self.people[(index + 1) % self.size.people]
            self.people[index] = dataclasses.replace(self.people[index], merged_into=target.id)

    # --- events ----------------------------------------------------------------------------

    def _events(self) -> None:
        rng = self.rng
        regions = [region for region, _ in names.REGIONS]
        weights = [share for _, share in names.REGIONS]
        span = (LAST_DATE - FIRST_DATE).days
        codes: set[str] = set()
        for index in range(self.size.events - 1):
            region = rng.choices(regions, weights)[0]
            start = FIRST_DATE + dt.timedelta(days=rng.randrange(span))
            day_count = rng.choices((1, 2, 3, 4, 5), (35, 30, 20, 10, 5))[0]
            event = self._event(_id("event", index), region, start, day_count, codes)
            days, sessions = self._agenda(
                event,
                region,
                [rng.choices((1, 2, 3, 4), (30, 35, 25, 10))[0] for _ in range(day_count)],
            )
            self.plans.append(_EventPlan(event, region, days, sessions, [], SMALL_PRESENCE, {}))
        self._size_small_events()
        self.plans.append(self._largest(codes))
        self.plans.sort(key=lambda plan: (plan.event.start_date, plan.event.id))

    def _event(
        self, event_id: str, region: Region, start: dt.date, day_count: int, codes: set[str]
    ) -> Event:
        rng = self.rng
        language = region.language
        place = rng.choice(region.places)
        topic = rng.choice(names.TOPICS[language])
        prefix = {"andes": "AND", "quebec": "QC", "france": "FR"}[region.name]
        serial = 1
        while f"{prefix}-{start.year}-{serial:03d}" in codes:
            serial += 1
        code = f"{prefix}-{start.year}-{serial:03d}"
        codes.add(code)
        formats = (EventFormat.IN_PERSON, EventFormat.HYBRID, EventFormat.VIRTUAL)
        return Event(
            id=event_id,
            code=code,
            title=rng.choice(names.EVENT_TITLES[language]).format(topic=topic, place=place),
            start_date=start,
            end_date=start + dt.timedelta(days=day_count - 1),
            places=place,
            format=rng.choices(formats, (80, 15, 5))[0],
            context=names.LOREM,
            general_objective=names.LOREM[: rng.randrange(60, 200)],
            programme_id=rng.choice(self.programmes).id if rng.random() < 0.8 else None,
            archived=start < LAST_DATE - dt.timedelta(days=730) and rng.random() < 0.5,
        )

    def _agenda(
        self, event: Event, region: Region, others_per_day: Sequence[int]
    ) -> tuple[list[Day], list[list[Session]]]:
        """Days like `Workspace.add_day` makes them (an arrival each), plus other sessions."""
        rng = self.rng
        language = region.language
        kinds = [kind for kind in SessionKind if kind is not SessionKind.ARRIVAL]
        assert event.start_date is not None
        days: list[Day] = []
        sessions: list[list[Session]] = []
        for number, others in enumerate(others_per_day, start=1):
            day = Day(
                id=_id("day", event.id, number),
                event_id=event.id,
                date=event.start_date + dt.timedelta(days=number - 1),
                title=names.DAY_TITLE[language].format(n=number),
            )
            today = [
                Session(
                    id=arrival_id(day.id),
                    day_id=day.id,
                    title=names.ARRIVAL_TITLE[language],
                    kind=SessionKind.ARRIVAL,
                    start_time="08:00",
                    end_time="09:00",
                )
            ]
            for slot in range(others):
                start = 9 * 60 + slot * 90
                today.append(
                    Session(
                        id=_id("session", day.id, slot),
                        day_id=day.id,
                        start_time=_clock(start),
                        end_time=_clock(start + 80),
                        title=rng.choice(names.SESSION_TITLES[language]),
                        kind=rng.choice(kinds),
                        mode=_session_mode(rng, event.format),
                        room=rng.choice(names.ROOMS),
                        facilitator=rng.choice(self.people).full_name,
                        names_taken=rng.random() < 0.95,
                    )
                )
            days.append(day)
            sessions.append(today)
        return days, sessions

    def _size_small_events(self) -> None:
        """Registered people per small event, so that the attendance adds up to the size's.

        Sizes are log-normal (most events are small); they are scaled so that the expected
        attendance is a little above the budget, which `_attendance` then trims exactly.
        """
        rng = self.rng
        budget = self.size.attendance - _largest_expected_attendance(self.size.largest)
        weights = [rng.lognormvariate(0, 0.9) for _ in self.plans]
        per_person = [
            sum(
                SMALL_PRESENCE * (1 + (len(day) - 1) * SMALL_SESSION_SHARE) for day in plan.sessions
            )
            for plan in self.plans
        ]
        scale = 1.05 * budget / sum(w * p for w, p in zip(weights, per_person, strict=True))
        for plan, weight in zip(self.plans, weights, strict=True):
            size = max(6, min(900, round(scale * weight)))
            plan.people = self._crowd(plan.region, size)
            plan.shares = {
                session.id: SMALL_SESSION_SHARE for day in plan.sessions for session in day[1:]
            }

    def _crowd(self, region: Region, size: int) -> list[int]:
        """Mostly people of the event's region, some from elsewhere; never merged duplicates."""
        rng = self.rng
        chosen: set[int] = set()
        order: list[int] = []
        while len(order) < size:
            index = rng.randrange(self.size.people)
            person = self.people[index]
            if index in chosen or person.merged_into:
                continue
            if self.facts[index].region is not region and rng.random() < 0.85:
                continue
            chosen.add(index)
            order.append(index)
        return order

    def _largest(self, codes: set[str]) -> _EventPlan:
        rng = self.rng
        largest = self.size.largest
        region = names.ANDES
        start = dt.date(2024, 10, 14)
        event = dataclasses.replace(
            self._event(largest_event_id(), region, start, largest.days, codes),
            code="CONGRESO-2024",
            title="Congreso internacional de organizaciones campesinas",
            format=EventFormat.HYBRID,
            archived=False,
        )
        others = largest.plenaries_per_day + largest.groups_per_day
        days, sessions = self._agenda(event, region, [others] * largest.days)
        shares: dict[str, float] = {}
        for day in sessions:
            plenaries = {s.id for s in day[1 : 1 + largest.plenaries_per_day]}
            for session in day[1:]:
                plenary = session.id in plenaries
                shares[session.id] = largest.plenary_share if plenary else largest.group_share
                kind = SessionKind.PLENARY if plenary else SessionKind.WORKING_GROUP
                day[day.index(session)] = dataclasses.replace(session, kind=kind)
        active = [i for i, p in enumerate(self.people) if not p.merged_into]
        people = rng.sample(active, largest.registered)
        return _EventPlan(event, region, days, sessions, people, largest.presence, shares)

    # --- registrations and attendance -------------------------------------------------------

    def _registrations(self) -> None:
        rng = self.rng
        roles = list(Role)
        role_weights = (85, 4, 2, 3, 3, 2, 1)
        short_names = {o.id: o.short_name for o in self.organisations}
        for plan in self.plans:
            big = plan.event.id == largest_event_id()
            for number, index in enumerate(plan.people, start=1):
                person = self.people[index]
                facts = self.facts[index]
                self.registrations.append(
                    Registration(
                        id=registration_id(plan.event.id, person.id),
                        event_id=plan.event.id,
                        person_id=person.id,
                        role=rng.choices(roles, role_weights)[0],
                        delegation=short_names.get(person.organisation_id or "", ""),
                        municipality=facts.municipality,
                        country=facts.country,
                        badge_code=f"C24-{number:05d}" if big else "",
                    )
                )

    def _attendance(self) -> None:
        """Who came each day (the arrival) and to which sessions, trimmed to the size's rows."""
        rng = self.rng
        largest: list[Attendance] = []
        small: list[Attendance] = []
        for plan in self.plans:
            rows = largest if plan.event.id == largest_event_id() else small
            rows.extend(self._event_attendance(plan))
        budget = self.size.attendance - len(largest)
        if len(small) > budget:  # forgotten check-ins: drop rows at random down to the budget
            dropped = set(rng.sample(range(len(small)), len(small) - budget))
            small = [row for index, row in enumerate(small) if index not in dropped]
        self.attendance = largest + small

    def _event_attendance(self, plan: _EventPlan) -> Iterator[Attendance]:
        rng = self.rng
        devices = ("laptop-1", "laptop-2", "laptop-3", "")
        assert plan.days[0].date is not None
        for day, sessions in zip(plan.days, plan.sessions, strict=True):
            assert day.date is not None
            present = [i for i in plan.people if rng.random() < plan.presence]
            for session in sessions:
                share = plan.shares.get(session.id, 1.0)  # everyone present passes the arrival
                hour, minute = map(int, session.start_time.split(":"))
                opens = dt.datetime.combine(day.date, dt.time(hour, minute))
                for index in present:
                    if share < 1.0 and rng.random() >= share:
                        continue
                    person_id = self.people[index].id
                    virtual = session.mode is SessionMode.VIRTUAL or (
                        session.mode is SessionMode.HYBRID and rng.random() < 0.3
                    )
                    left_early = rng.random() < 0.03
                    checked_in = opens + dt.timedelta(minutes=rng.randrange(-15, 40))
                    yield Attendance(
                        id=attendance_id(session.id, person_id),
                        session_id=session.id,
                        person_id=person_id,
                        status=AttendanceStatus.LEFT_EARLY
                        if left_early
                        else AttendanceStatus.PRESENT,
                        mode=AttendanceMode.VIRTUAL if virtual else AttendanceMode.IN_PERSON,
                        checked_in_at=checked_in,
                        left_at=checked_in + dt.timedelta(minutes=40) if left_early else None,
                        recorded_by=rng.choice(devices),
                    )


def _largest_expected_attendance(largest: LargestEvent) -> int:
    per_day = largest.registered * largest.presence
    per_day *= (
        1
        + largest.plenaries_per_day * largest.plenary_share
        + largest.groups_per_day * largest.group_share
    )
    return round(per_day * largest.days)


# --- small helpers --------------------------------------------------------------------------


def _apportion(total: int, shares: Sequence[float]) -> list[int]:
    counts = [int(total * share / sum(shares)) for share in shares]
    counts[0] += total - sum(counts)
    return counts


def _country(rng: random.Random, region: Region) -> str:
    countries = [name for name, _ in region.country_weights]
    return rng.choices(countries, [weight for _, weight in region.country_weights])[0]


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())


def _phone(rng: random.Random, region: Region) -> str:
    return "".join(str(rng.randrange(10)) if char == "#" else char for char in region.phone_pattern)


def _email(rng: random.Random, given: str, surname: str) -> str:
    local = ".".join(fold(part).replace(" ", "") for part in (given.split()[0], surname))
    domain = rng.choice(("gmail.com", "hotmail.com", "yahoo.fr", "videotron.ca", "orange.fr"))
    return f"{local}@{domain}"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _session_mode(rng: random.Random, event_format: EventFormat) -> SessionMode:
    if event_format is EventFormat.HYBRID:
        return rng.choice((SessionMode.IN_PERSON, SessionMode.HYBRID))
    return event_format
