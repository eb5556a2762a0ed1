"""Importing a partner's list of people into an event: plan first, then one write.

`plan_import` reads the file (streamed, see `fieldkit.io.spreadsheet`), finds its header row and
what each column means, reads each row's values and matches each row against the workspace's
people, and returns an `ImportPlan`: for each row new, matched, suggested or rejected, with its
row number and reason, and the records to write. It writes nothing, so the window can show it as a
preview and the command line as --dry-run. `apply_plan` writes it through the facade in one
transaction and remembers a corrected mapping for the next file with the same headers.

Matching: the same ID-card number, the same e-mail, or the same phone digits (country prefix and
separators ignored; the names must share a word, since a family or a community often gives one
phone) is the same person. So is the same name among the people already registered to the event
when no ID card, phone or e-mail contradicts it: importing the same file twice adds nobody. A
similar name alone elsewhere in the workspace is only a suggestion: the row is added and the
suggestion listed, for the user to merge later.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from fieldkit.core.cells import unguarded_cell
from fieldkit.core.duplicates import Reason, duplicate_reasons, id_card_key, phone_key
from fieldkit.core.errors import Cancelled, InvalidInput
from fieldkit.core.ids import new_id, registration_id
from fieldkit.core.model import (
    AgeGroup,
    Gender,
    Organisation,
    Person,
    Registration,
    Result,
    Role,
)
from fieldkit.core.text import fold
from fieldkit.i18n import _, current_language, format_list, format_number
from fieldkit.io.people_fields import (
    NAME_FIELDS,
    Field,
    fold_value,
    gender_letters,
    header_field,
    parse_age,
    parse_email,
    parse_gender,
    parse_role,
    split_full_name,
)
from fieldkit.io.spreadsheet import Row, Spreadsheet, open_source
from fieldkit.store import Workspace
from fieldkit.store.backups import BEFORE_IMPORT, PendingCopy
from fieldkit.store.people_store import person_from_row

MAX_ROWS = 200_000  # beyond this a file is refused before anything is written
HEADER_SEARCH_ROWS = 30  # title rows above the header, at most
MAPPINGS_SETTING = "people_import.mappings"  # {header signature: {header: field}}
_MAX_NAME = 200
_PROGRESS_EVERY = 1000


class Outcome(StrEnum):
    NEW = "new"
    MATCHED = "matched"
    SUGGESTED = "suggested"  # added as new; looks like someone the workspace knows
    REJECTED = "rejected"


class ImportCancelled(Cancelled):
    """The user stopped the reading of a file; nothing was written."""


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: Field | None  # None: a column that means nothing to fieldkit


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int  # the row number in the file or sheet, as the spreadsheet shows it
    outcome: Outcome
    person: Person | None  # as it will be stored (None for a rejected row)
    reason: str = ""  # one sentence: why matched, suggested or rejected
    suggestions: tuple[Person, ...] = ()  # people who look like this one
    notes: tuple[str, ...] = ()  # values that were left out, one sentence each


@dataclass
class ImportPlan:
    """What importing a file would do; `apply_plan` writes it."""

    event_id: str
    file_name: str
    sheet: str
    header_row: int
    columns: list[Column]
    signature: str  # identifies the headers, to remember a corrected mapping
    mapping_to_remember: dict[str, str] = field(default_factory=dict)
    rows: list[RowResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    # False: `rows` holds only the rows a summary lists (rejected, suggested, or with notes); the
    # others are only counted, so a long file's new and matched rows are not all held.
    every_row: bool = True
    counts: Counter[Outcome] = field(default_factory=Counter)

    def count(self, outcome: Outcome) -> int:
        return self.counts[outcome]

    def add(self, result: RowResult) -> None:
        self.counts[result.outcome] += 1
        if (
            self.every_row
            or result.notes
            or result.outcome in (Outcome.REJECTED, Outcome.SUGGESTED)
        ):
            self.rows.append(result)

    @property
    def ignored(self) -> list[str]:
        """The headers of the columns left out (row numbers, signatures, unknown headers)."""
        return [c.header for c in self.columns if c.field in (None, Field.IGNORE) and c.header]


@dataclass(slots=True)
class _Draft:
    row: int
    given: str
    surnames: str
    gender: str
    age: str
    organisation: str
    role: str
    delegation: str
    municipality: str
    country: str
    phone: str
    email: str
    id_card: str


# --- reading the file ---------------------------------------------------------------------------


def _header_columns(cells: list[str], overrides: Mapping[str, Field]) -> list[Column]:
    columns = []
    for index, header in enumerate(cells):
        chosen = overrides.get(fold(header)) if header else None
        columns.append(Column(index, header, chosen or header_field(header)))
    return columns


def _is_header(columns: list[Column]) -> bool:
    fields = {c.field for c in columns if c.field not in (None, Field.IGNORE)}
    return len(fields) >= 2 and bool(fields & NAME_FIELDS)


def _find_header(
    book: Spreadsheet, sheet: str | None, overrides: Mapping[str, Field]
) -> tuple[str, int, list[Column], Iterator[Row]]:
    """The sheet, its header row and columns, and an iterator over the rows below the header."""
    for name in [sheet] if sheet else book.sheet_names:
        rows = book.rows(name)
        for number, cells in itertools.islice(rows, HEADER_SEARCH_ROWS):
            columns = _header_columns(cells, overrides)
            if _is_header(columns):
                return name or book.sheet_names[0], number, columns, rows
    if sheet:
        raise InvalidInput(
            _("The sheet {sheet} has no header row with names that fieldkit recognises.").format(
                sheet=sheet
            )
        )
    raise InvalidInput(
        _(
            "The file {name} has no header row that fieldkit recognises "
            "(a row with a name column and at least one other column, such as Nombre and Apellidos)."
        ).format(name=book.source.path.name)
    )


def _overrides(mapping: Mapping[str, str]) -> dict[str, Field]:
    result: dict[str, Field] = {}
    for header, name in mapping.items():
        try:
            result[fold(header)] = Field(name)
        except ValueError:
            raise InvalidInput(
                _("{field} is not a field of a person; use one of: {fields}.").format(
                    field=name, fields=", ".join(f.value for f in Field)
                )
            ) from None
    return result


def _signature(headers: list[str]) -> str:
    return hashlib.sha256("\x1f".join(fold(h) for h in headers).encode()).hexdigest()[:16]


def _assign_fields(columns: list[Column], warnings: list[str]) -> list[Column]:
    """One column per field: a second column naming a field already taken is left out."""
    taken: set[Field] = set()
    result = []
    for column in columns:
        chosen = column.field
        if chosen is not None and chosen is not Field.IGNORE:
            if chosen in taken:
                warnings.append(
                    _("The column {header} repeats the field {field}; it was left out.").format(
                        header=column.header, field=chosen.value
                    )
                )
                column = dataclasses.replace(column, field=None)
            else:
                taken.add(chosen)
        result.append(column)
    return result


def _draft(number: int, cells: list[str], columns: list[Column]) -> _Draft | None:
    values: dict[Field, str] = {}
    for column in columns:
        if column.field not in (None, Field.IGNORE) and column.index < len(cells):
            values[column.field] = unguarded_cell(cells[column.index])
    if not any(values.values()):
        return None  # an empty row, or one with only a row number or a signature
    given = values.get(Field.GIVEN_NAMES, "")
    surnames = values.get(Field.SURNAMES, "") or " ".join(
        part
        for part in (values.get(Field.FIRST_SURNAME, ""), values.get(Field.SECOND_SURNAME, ""))
        if part
    )
    if not given and not surnames:
        if full := values.get(Field.FULL_NAME, ""):
            given, surnames = split_full_name(full)
        elif full := values.get(Field.FULL_NAME_SURNAMES_FIRST, ""):
            given, surnames = split_full_name(full, surnames_first=True)
    return _Draft(
        number,
        " ".join(given.split()),
        " ".join(surnames.split()),
        values.get(Field.GENDER, ""),
        values.get(Field.AGE, ""),
        values.get(Field.ORGANISATION, ""),
        values.get(Field.ROLE, ""),
        values.get(Field.DELEGATION, ""),
        values.get(Field.MUNICIPALITY, ""),
        values.get(Field.COUNTRY, ""),
        values.get(Field.PHONE, ""),
        values.get(Field.EMAIL, ""),
        values.get(Field.ID_CARD, ""),
    )


# --- matching -----------------------------------------------------------------------------------


# The caches hold the distinct names of a large workspace (some 15,000 strings in a programme of
# 50,000 people); bigger, a long list of distinct names filled them with 100 MB that stayed.
@functools.lru_cache(maxsize=1 << 15)
def _folded(text: str) -> tuple[str, ...]:
    """`fold(text).split()` through a cache: names and surnames repeat a lot."""
    return tuple(fold(text).split())


@functools.lru_cache(maxsize=1 << 15)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(_folded(text))


def _words(given: str, surnames: str) -> frozenset[str]:
    return _word_set(given) | _word_set(surnames)


def _first_word(given: str, surnames: str) -> str:
    """The first folded word of a name ("" for none): every key a name is indexed under holds
    only people whose first word is among the words looked for (see `_Matcher._ready`)."""
    words = _folded(given) or _folded(surnames)
    return words[0] if words else ""


@functools.lru_cache(maxsize=1 << 14)
def _parts(words: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The non-empty subsets of a few surnames (two, usually); a long list only as a whole."""
    if len(words) > 4:
        return (words,)
    items = sorted(words)
    return tuple(
        frozenset(combo)
        for size in range(1, len(items) + 1)
        for combo in itertools.combinations(items, size)
    )


_Ids = str | list[str]  # one person's id, or the ids of several in the order they came
K = TypeVar("K")


def _put(index: dict[K, _Ids], key: K, pid: str) -> None:
    """Add an id under a key: most keys of a long list hold one person, and a list for each
    would be most of the index's memory."""
    found = index.get(key)
    if found is None:
        index[key] = pid
    elif isinstance(found, str):
        index[key] = [found, pid]
    else:
        found.append(pid)


def _get(index: dict[K, _Ids], key: K) -> Sequence[str]:
    found = index.get(key)
    return () if found is None else (found,) if isinstance(found, str) else found


class _Matcher:
    """The workspace's people keyed by identifiers, and the people this file adds so far.

    The workspace's people are read as plain rows and made records only when a row of the file
    turns out to be one of them or to look like one. Their names are indexed lazily, by the
    first word of their given names: a list of 90 people into a workspace of 50,000 folds and
    indexes the names of those who share a first name with someone on the list, not everyone's.
    """

    def __init__(self, ws: Workspace, event_id: str) -> None:
        rows, self.registrations = ws.people_match_rows(event_id)
        self._rows: dict[str, tuple[Any, ...]] = {}  # stored people not made records yet
        self._people: dict[str, Person] = {}  # records: stored people used, people of the file
        self.by_card: dict[str, str] = {}
        self.by_phone: dict[str, str] = {}
        self.by_email: dict[str, str] = {}
        self.at_event: dict[frozenset[str], str] = {}  # name words of people registered there
        self.row_of: dict[str, int] = {}  # people added by this file: their first row
        # Name indexes (see `_put`): the same words; (first given name, surnames) exactly, and
        # (first given name, part of the surnames).
        self.by_name: dict[frozenset[str], _Ids] = {}
        self.by_surnames: dict[tuple[str, frozenset[str]], _Ids] = {}
        self.by_part: dict[tuple[str, frozenset[str]], _Ids] = {}
        # Stored people whose names are not indexed yet (their places in `_stored`), under their
        # first folded name word.
        self._stored = rows
        self._pending: dict[str, list[int]] = {}
        for place, row in enumerate(rows):
            pid, given, surnames, _gender, _age, phone, email, card = row[:8]
            self._rows[pid] = row
            self._index_keys(pid, card, phone, email)
            self._pending.setdefault(_first_word(given, surnames), []).append(place)
            if pid in self.registrations:
                self.at_event.setdefault(_words(given, surnames), pid)

    def known(self, person_id: str) -> Person | None:
        """The stored person or the person of the file with this id, None for nobody."""
        person = self._people.get(person_id)
        if person is None and (row := self._rows.pop(person_id, None)) is not None:
            person = self._people[person_id] = person_from_row(row)
        return person

    def _person(self, person_id: str) -> Person:
        person = self.known(person_id)
        assert person is not None, person_id
        return person

    def _index(self, person: Person) -> None:
        self._people[person.id] = person
        self._index_keys(person.id, person.id_card, person.phone, person.email)

    def _index_keys(self, pid: str, card: str, phone: str, email: str) -> None:
        """The identifiers that make two rows the same person; the first holder keeps a key."""
        if card and (key := id_card_key(card)):
            self.by_card.setdefault(key, pid)
        if phone and (key := phone_key(phone)):
            self.by_phone.setdefault(key, pid)
        if email:
            self.by_email.setdefault(email.casefold(), pid)

    def _ready(self, words: frozenset[str]) -> None:
        """Index the names of the stored people who can share an index key with these words:
        those whose first name word is one of them (a key holds only such people)."""
        waiting = [place for word in words or ("",) for place in self._pending.pop(word, ())]
        waiting.sort()  # in the workspace's order, as when everyone was indexed at once
        for place in waiting:
            pid, given, surnames = self._stored[place][:3]
            self._index_name(pid, given, surnames)

    def _index_name(
        self, pid: str, given_names: str, surnames: str, words: frozenset[str] | None = None
    ) -> None:
        """Keys under which the name rules of `fieldkit.core.duplicates` can match someone: the
        same words (`words`, when the caller has them already); or the same first given name and
        one's surnames among the other's."""
        given, family = _folded(given_names), _word_set(surnames)
        _put(self.by_name, words or (_word_set(given_names) | family), pid)
        if given and family:
            _put(self.by_surnames, (given[0], family), pid)
            for part in _parts(family):
                _put(self.by_part, (given[0], part), pid)

    def suggestions(self, new: Person, *, limit: int = 5) -> list[Person]:
        """People whose name alone looks like `new`'s, by the rules of core.duplicates.

        The keys find exactly the candidates those rules can accept, so the rules themselves
        run on a few people rather than on everyone who shares a surname.
        """
        words = _words(new.given_names, new.surnames)
        self._ready(words)
        given, surnames = _folded(new.given_names), _word_set(new.surnames)
        pools = [_get(self.by_name, words)]
        if given and surnames:
            pools.append(_get(self.by_part, (given[0], surnames)))
            pools += [_get(self.by_surnames, (given[0], part)) for part in _parts(surnames)]
        names = {Reason.SAME_NAME, Reason.SIMILAR_NAME}
        # Lazily, and only up to `limit`: in a long list thousands may share a first name and a
        # surname (María Quispe), and looking at all of them for each row made it quadratic.
        found: list[Person] = []
        seen = {new.id}
        for pid in itertools.chain.from_iterable(pools):
            if pid in seen:
                continue
            seen.add(pid)
            candidate = self._person(pid)
            if names & set(duplicate_reasons(new, candidate)):
                found.append(candidate)
                if len(found) == limit:
                    break
        return found

    def add(self, person: Person, row: int) -> frozenset[str]:
        """Index a person the file adds; returns their name words, one object for every index
        that keeps them (a long list of new people holds one set of words per person, not two)."""
        words = _words(person.given_names, person.surnames)
        self._ready(words)  # the stored ones come first
        self._index(person)
        self._index_name(person.id, person.given_names, person.surnames, words)
        self.row_of[person.id] = row
        return words

    def update(self, person: Person) -> None:
        self._rows.pop(person.id, None)
        self._index(person)

    def same_person(self, new: Person) -> tuple[Person, str] | None:
        """The person a row is, and why; None when it is nobody the workspace or file knows."""
        words = _words(new.given_names, new.surnames)
        if (key := id_card_key(new.id_card)) and key in self.by_card:
            return self._found(self.by_card[key], _("The same ID-card number as {name}."))
        if new.email and new.email in self.by_email:
            return self._found(self.by_email[new.email], _("The same e-mail as {name}."))
        if (key := phone_key(new.phone)) and key in self.by_phone:
            known = self._person(self.by_phone[key])
            if words & _words(known.given_names, known.surnames):
                return self._found(known.id, _("The same phone number as {name}."))
        known_id = self.at_event.get(words)
        if known_id is not None and not _contradicts(new, self._person(known_id)):
            return self._found(known_id, _("The same name as {name}, already registered."))
        return None

    def _found(self, person_id: str, reason: str) -> tuple[Person, str]:
        person = self._person(person_id)
        if person_id in self.row_of:
            reason = _("The same person as row {row}.").format(row=self.row_of[person_id])
        else:
            reason = reason.format(name=person.full_name)
        return person, reason


def _contradicts(a: Person, b: Person) -> bool:
    """Two people of the same name whose ID card, phone or e-mail differ are two people."""
    pairs = (
        (id_card_key(a.id_card), id_card_key(b.id_card)),
        (phone_key(a.phone), phone_key(b.phone)),
        (a.email, b.email),
    )
    return any(x and y and x != y for x, y in pairs)


def _completed(person: Person, new: Person) -> Person:
    """`person` with the empty fields that `new` fills; what is stored is never overwritten."""
    changes: dict[str, Any] = {}
    for name in ("phone", "email", "id_card"):
        if not getattr(person, name) and getattr(new, name):
            changes[name] = getattr(new, name)
    if person.gender is Gender.NOT_STATED and new.gender is not Gender.NOT_STATED:
        changes["gender"] = new.gender
    if person.age_group is None and new.age_group is not None:
        changes["age_group"] = new.age_group
    if person.organisation_id is None and new.organisation_id is not None:
        changes["organisation_id"] = new.organisation_id
    return dataclasses.replace(person, **changes) if changes else person


# --- what the window shows beside the plan ------------------------------------------------------


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook (a text file has one), or a refusal in one sentence."""
    with Spreadsheet(open_source(path)) as book:
        return book.sheet_names


def column_samples(path: Path, plan: ImportPlan, *, count: int = 3) -> dict[int, list[str]]:
    """A few values of each column under the header ({column index: values}), shown beside its
    mapping so the user sees what a column holds; only the first rows are read."""
    samples: dict[int, list[str]] = {c.index: [] for c in plan.columns}
    with Spreadsheet(open_source(path)) as book:
        for number, cells in itertools.islice(book.rows(plan.sheet), HEADER_SEARCH_ROWS + 50):
            if number <= plan.header_row:
                continue
            for index, cell in enumerate(cells):
                values = samples.get(index)
                if values is not None and cell and len(values) < count and cell not in values:
                    values.append(unguarded_cell(cell))
    return samples


# --- the plan -----------------------------------------------------------------------------------


def plan_import(
    ws: Workspace,
    event: str,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    same_as: Mapping[int, str] | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    match_progress: Callable[[int, int], None] | None = None,
    every_row: bool = True,
) -> ImportPlan:
    """What importing `path` into the event (its id or code) would do, without writing anything.

    `mapping` ({header: field}) corrects what the headers were taken to mean; without it a
    mapping remembered for the same headers applies. `same_as` ({row number: person id}) is
    what the user decided about suggestions: that row is that person, or with "" someone new.
    `progress` gets the number of rows read so far, then `match_progress` (rows matched, rows)
    while they are matched against the workspace's people; `cancelled` is asked as often, and
    True stops with `ImportCancelled`. With `every_row` False the plan lists only the rows a
    summary names (see `ImportPlan.every_row`): what the command line keeps of a long file.
    """
    event_id = ws.find_event(event).id  # an unknown event is refused before the file is read
    source = open_source(path)
    overrides = _overrides(mapping or {})
    remembered: dict[str, dict[str, str]] = ws.setting(MAPPINGS_SETTING, {}) or {}
    with Spreadsheet(source) as book:
        name, header_row, columns, rows = _find_header(book, sheet, overrides)
        signature = _signature([c.header for c in columns])
        stored = remembered.get(signature, {})
        combined = {**stored, **dict(mapping or {})}
        if stored:  # what the user corrected for these headers before, then what they say now
            columns = _header_columns([c.header for c in columns], _overrides(combined))
        to_remember = combined if mapping else {}
        known = {fold(c.header) for c in columns}
        for header in mapping or {}:
            if fold(header) not in known:
                raise InvalidInput(
                    _("The file has no column {header}; its columns are: {headers}.").format(
                        header=header, headers=", ".join(c.header for c in columns if c.header)
                    )
                )
        plan = ImportPlan(event_id, path.name, name, header_row, [], signature, to_remember)
        plan.every_row = every_row
        plan.columns = _assign_fields(columns, plan.warnings)
        if not _is_header(plan.columns):
            raise InvalidInput(_("With this mapping no column holds a name; nothing to import."))
        drafts = _read_drafts(rows, plan, path.name, progress, cancelled)
    _match_all(ws, plan, drafts, same_as or {}, match_progress, cancelled)
    return plan


def _read_drafts(
    rows: Iterator[Row],
    plan: ImportPlan,
    file_name: str,
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> list[_Draft]:
    header = [c.header for c in plan.columns]
    drafts: list[_Draft] = []
    for count, (number, cells) in enumerate(rows, start=1):
        if count % _PROGRESS_EVERY == 0:
            if progress is not None:
                progress(count)
            if cancelled is not None and cancelled():
                raise ImportCancelled(_("The import was cancelled; nothing was changed."))
        if len(drafts) >= MAX_ROWS:
            raise InvalidInput(
                _(
                    "The file {name} has more than {limit} rows, more than fieldkit imports at "
                    "once; split it into smaller files."
                ).format(name=file_name, limit=format_number(MAX_ROWS, current_language()))
            )
        if cells == header[: len(cells)]:
            continue  # the header repeated (lists pasted one under another)
        draft = _draft(number, cells, plan.columns)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _match_all(
    ws: Workspace,
    plan: ImportPlan,
    drafts: list[_Draft],
    same_as: Mapping[int, str],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    letters = gender_letters(d.gender for d in drafts)
    ambiguous = {key for d in drafts if len(key := fold_value(d.gender)) == 1} - set(letters)
    if ambiguous:
        plan.warnings.append(
            _(
                "The gender letters {letters} do not say which gender they mean; "
                "they were left as not stated."
            ).format(letters=", ".join(sorted(letter.upper() for letter in ambiguous)))
        )
    matcher = _Matcher(ws, plan.event_id)
    organisations = _Organisations(ws)
    written: dict[str, Person] = {}
    registrations: dict[str, Registration] = {}
    total = len(drafts)
    drafts.reverse()  # taken from the end, so each row's draft is freed once it is planned
    count = 0
    while drafts:
        draft = drafts.pop()
        count += 1
        if count % _PROGRESS_EVERY == 0:
            if progress is not None:
                progress(count, total)
            if cancelled is not None and cancelled():
                raise ImportCancelled(_("The import was cancelled; nothing was changed."))
        result = _plan_row(draft, letters, matcher, organisations, same_as.get(draft.row))
        person = result.person
        if person is None:
            plan.add(result)
            continue
        before = matcher.known(person.id)
        if (
            fold_value(draft.organisation)
            and person.organisation_id is None
            and (before is None or before.organisation_id is None)  # created only when used
        ):
            person = dataclasses.replace(
                person, organisation_id=organisations.create(draft.organisation)
            )
            result = dataclasses.replace(result, person=person)
        if result.outcome is Outcome.MATCHED:
            assert before is not None
            merged = _completed(before, person)
            if merged != before:
                written[person.id] = merged
                matcher.update(merged)
            words = _words(person.given_names, person.surnames)
        else:
            written[person.id] = person
            words = matcher.add(person, draft.row)
        plan.add(result)
        registration = _registration(plan.event_id, person.id, draft, matcher)
        if registration is not None:
            registrations[registration.person_id] = registration
            matcher.registrations[registration.person_id] = registration
            matcher.at_event.setdefault(words, person.id)
    plan.organisations = organisations.created
    plan.people = list(written.values())
    plan.registrations = list(registrations.values())


class _Organisations:
    def __init__(self, ws: Workspace) -> None:
        self._by_key: dict[str, str] = {}
        for organisation in ws.list(Organisation):
            for text in (organisation.name, organisation.short_name):
                if key := fold(text):
                    self._by_key.setdefault(key, organisation.id)
        self.created: list[Organisation] = []

    def find(self, name: str) -> str | None:
        return self._by_key.get(" ".join(_folded(name))) if name else None

    def create(self, name: str) -> str:
        """A new organisation, once per name in a file."""
        key = fold(name)
        if key not in self._by_key:
            organisation = Organisation(id=new_id(), name=" ".join(name.split()))
            self.created.append(organisation)
            self._by_key[key] = organisation.id
        return self._by_key[key]


def _plan_row(
    draft: _Draft,
    letters: dict[str, Gender],
    matcher: _Matcher,
    organisations: _Organisations,
    choice: str | None = None,
) -> RowResult:
    if not draft.given and not draft.surnames:
        return RowResult(draft.row, Outcome.REJECTED, None, _("The row has no name."))
    if len(draft.given) + len(draft.surnames) > _MAX_NAME:
        return RowResult(
            draft.row, Outcome.REJECTED, None, _("The name is longer than 200 characters.")
        )
    notes: list[str] = []
    gender = parse_gender(draft.gender, letters)
    if gender is None:
        if len(fold_value(draft.gender)) != 1:  # ambiguous letters are one warning for the file
            notes.append(_("The gender {value} was not understood.").format(value=draft.gender))
        gender = Gender.NOT_STATED
    age = parse_age(draft.age)
    if age is False:
        notes.append(_("The age {value} fits no age group.").format(value=draft.age))
    email = parse_email(draft.email)
    if email is None:
        notes.append(_("The e-mail {value} is not an address.").format(value=draft.email))
    person = Person(
        id=new_id(),
        given_names=draft.given,
        surnames=draft.surnames,
        gender=gender,
        age_group=age if isinstance(age, AgeGroup) else None,
        phone=draft.phone,
        email=email or "",
        id_card=draft.id_card,
        organisation_id=organisations.find(draft.organisation),
    )
    if choice == "":  # the user said this row is nobody the workspace knows
        return RowResult(draft.row, Outcome.NEW, person, notes=tuple(notes))
    chosen = matcher.known(choice) if choice else None
    if chosen is not None:
        found: tuple[Person, str] | None = (
            chosen,
            _("Chosen as the same person as {name}.").format(name=chosen.full_name),
        )
    else:
        found = matcher.same_person(person)
    if found is not None:
        known, reason = found
        # The row's values under the stored person's id: `_completed` keeps what is stored.
        matched = dataclasses.replace(person, id=known.id)
        return RowResult(draft.row, Outcome.MATCHED, matched, reason, notes=tuple(notes))
    suspects = matcher.suggestions(person)
    if suspects:
        names = format_list([s.full_name for s in suspects], style="or")
        reason = _("Added; looks like {names}, to merge if it is the same person.").format(
            names=names
        )
        return RowResult(
            draft.row, Outcome.SUGGESTED, person, reason, tuple(suspects), tuple(notes)
        )
    return RowResult(draft.row, Outcome.NEW, person, notes=tuple(notes))


def _registration(
    event_id: str, person_id: str, draft: _Draft, matcher: _Matcher
) -> Registration | None:
    """The registration to write for a row: new, or the stored one with its empty fields filled;
    None when there is nothing to write."""
    current = matcher.registrations.get(person_id)
    values = {
        "delegation": " ".join(draft.delegation.split()),
        "municipality": " ".join(draft.municipality.split()),
        "country": " ".join(draft.country.split()),
    }
    if current is None:
        return Registration(
            id=registration_id(event_id, person_id),
            event_id=event_id,
            person_id=person_id,
            role=parse_role(draft.role) or Role.PARTICIPANT,
            delegation=values["delegation"],
            municipality=values["municipality"],
            country=values["country"],
        )
    filled: dict[str, Any] = {
        name: value for name, value in values.items() if value and not getattr(current, name)
    }
    return dataclasses.replace(current, **filled) if filled else None


def apply_plan(
    ws: Workspace,
    plan: ImportPlan,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    copy: PendingCopy | None = None,
) -> Result[None]:
    """Write a plan in one transaction, and remember the corrected mapping for its headers.

    A checked copy of the workspace is taken first (kept among the "before-import" backups): it
    is copied first, and checked on other cores while the plan is written; the transaction
    commits only once the copy has passed its check (else nothing is written). `copy`: one
    started before the plan was made (`Workspace.start_snapshot(BEFORE_IMPORT)`), so that its
    check runs while the file is read and matched; it is used only if nothing was written to
    the workspace since, else a new one is taken.
    `cancelled` is asked between batches of records; True rolls the transaction back
    (`fieldkit.core.errors.Cancelled`), and the mapping is not remembered either.
    """
    pending = [copy] if copy is not None else []

    def checked_copy() -> None:
        """Wait for the copy, first taken anew if the workspace was written to since it was
        taken (inside the import's transaction: the workspace without the import)."""
        if pending and pending[-1].waited:
            return
        if pending and not pending[-1].source_unchanged():
            pending.pop().discard()
        if not pending:
            pending.append(ws.start_snapshot(BEFORE_IMPORT))
        pending[-1].wait()

    if pending and not pending[-1].source_unchanged():
        pending.pop().discard()
    try:
        if not pending:
            pending.append(ws.start_snapshot(BEFORE_IMPORT))
        result = ws.import_people(
            plan.event_id,
            organisations=plan.organisations,
            people=plan.people,
            registrations=plan.registrations,
            progress=progress,
            cancelled=cancelled,
            before_commit=checked_copy,
        )
        checked_copy()  # (an import that writes nothing commits nothing: the copy is kept still)
    except BaseException:
        for unused in pending:
            unused.discard()
        raise
    if plan.mapping_to_remember:
        remembered = dict(ws.setting(MAPPINGS_SETTING, {}) or {})
        remembered[plan.signature] = plan.mapping_to_remember
        ws.set_setting(MAPPINGS_SETTING, remembered)
    return result
