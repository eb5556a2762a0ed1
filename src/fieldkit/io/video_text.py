"""What every video-call report reader shares: the file's tables, durations and dates.

The tools write text in several encodings and separators (UTF-16 with tabs from Teams, UTF-8 or
Windows-1252 with commas from Zoom); `spreadsheet.open_source` decides those by rule. Here the
rows are grouped into tables: a table starts at a header row (found by its columns, whatever the
title above it or the interface language) and ends at a numbered section title ("3. In-Meeting
activities") or another header; blank rows inside it are skipped, never an end.
The rows above the first table are the meeting block (Zoom) or the summary (Teams).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.core.errors import InvalidInput
from fieldkit.core.text import fold
from fieldkit.i18n import _, current_language, format_number
from fieldkit.io.spreadsheet import Source, Spreadsheet, open_source

MAX_BYTES = 50_000_000  # a day-long call with a thousand people is well under 1 MB
MAX_ROWS = 100_000
_MAX_PREAMBLE = 60  # rows kept above the first table (a meeting block or summary is ~10)
_SAMPLE_LINES = 200  # where the participants header must be to decide the separator


# --- columns ---------------------------------------------------------------------------------

# Header kinds, tried in order on the folded header text (accents and case removed); the first
# pattern that matches names the column. Teams, Zoom, Meet and BigBlueButton in English, Spanish
# and French, as their exports write them, and a few neighbouring wordings.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("waiting", r"waiting room|sala de espera|salle d ?attente"),
        (
            "first_join",
            r"^first join|primera (union|entrada|conexion)|premiere (participation|"
            r"arrivee|connexion)",
        ),
        ("last_leave", r"^last leave|ultima salida|dernier (depart|deconnexion)|derniere sortie"),
        (
            "bbb",
            r"activity score|talk time|webcam|puntuacion de actividad|tiempo de (habla|"
            r"conversacion)|score d ?activite|temps de parole|raise hands|manos levantadas|"
            r"mains levees",
        ),
        ("moderator", r"^(moderator|moderador|moderateur)$"),
        ("upn", r"\bupn\b|participant id"),
        ("email", r"e ?mail|correo|courriel"),
        ("first_name", r"^(first name|given name|prenom|nombre de pila)$"),
        ("last_name", r"^(last name|surname|family name|apellidos?|nom de famille)$"),
        ("action", r"^(user action|action|accion( del usuario)?|action de l ?utilisateur)$"),
        ("timestamp", r"^(timestamp|marca de tiempo|horodatage|fecha y hora|date et heure)$"),
        ("duration", r"duration|duracion|duree|^tiempo|^temps"),
        ("join", r"join|entrada|\bunion\b|\bunio\b|unirse|ingreso|arrivee|\bconnexion|^entree"),
        ("leave", r"leave|left|exited|salida|\bsalio\b|depart|deconnexion|sortie"),
        ("guest", r"^(guest|invitado|invite|invitee)$"),
        ("role", r"^(role|rol|rolle|function)$"),
        (
            "name",
            r"^(name|full name|display name|participant|participante|nombre|nombre "
            r"completo|nom|nom complet|nom d affichage)\b",
        ),
    )
)
PERSON_KINDS = frozenset({"name", "first_name", "last_name"})
TIMING_KINDS = frozenset(
    {"join", "leave", "duration", "first_join", "last_leave", "action", "timestamp", "moderator"}
)


def column_kind(header: str) -> str:
    """What a column holds, from its header ("" when nothing we read)."""
    folded = fold(header)
    for kind, pattern in _KINDS:
        if pattern.search(folded):
            return kind
    return ""


def is_participants_header(kinds: list[str]) -> bool:
    return bool(PERSON_KINDS & set(kinds)) and bool(TIMING_KINDS & set(kinds))


# --- tables ----------------------------------------------------------------------------------


@dataclass
class Table:
    """A header row and the rows under it, up to a section title or another header."""

    header: list[str]
    kinds: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def column(self, *kinds: str) -> int | None:
        """The first column of the first of these kinds that the table has."""
        for kind in kinds:
            if kind in self.kinds:
                return self.kinds.index(kind)
        return None

    def header_of(self, index: int | None) -> str:
        return fold(self.header[index]) if index is not None else ""


@dataclass
class Layout:
    """The rows above the first table, and the tables of a report."""

    preamble: list[list[str]]
    tables: list[Table]
    headerless: bool  # a timing table was seen, but without a name column


# A time, a date or an e-mail: a data row, not worth trying as a header (most rows of a report).
_DATA = re.compile(r"\d[:/]\d|@")
_SECTION_TITLE = re.compile(r"^\d+\s*[.)]\s*\S")  # Teams: "2. Participants", "3. Activités…"


def read_layout(path: Path) -> Layout:
    """The file's meeting block and tables, or a one-sentence refusal."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InvalidInput(
            _("The file {name} cannot be read: {reason}.").format(
                name=path.name, reason=error.strerror or error
            )
        ) from None
    if size > MAX_BYTES:
        raise InvalidInput(
            _(
                "The file {name} is larger than {limit} MB, more than a participants report can be."
            ).format(
                name=path.name, limit=format_number(MAX_BYTES // 1_000_000, current_language())
            )
        )
    source = open_source(path)
    if source.kind != "csv":
        raise not_a_report(path)
    source = dataclasses.replace(source, delimiter=_delimiter(source))
    preamble: list[list[str]] = []
    tables: list[Table] = []
    current: Table | None = None
    headerless = False
    with Spreadsheet(source) as sheet:
        for count, (number, cells) in enumerate(sheet.rows(), start=1):
            if count > MAX_ROWS:
                raise InvalidInput(
                    _(
                        "The file {name} has more than {limit} rows, more than a participants "
                        "report can be."
                    ).format(name=path.name, limit=format_number(MAX_ROWS, current_language()))
                )
            if not any(cells):  # a blank row inside a table does not end it
                if not tables and len(preamble) < _MAX_PREAMBLE:
                    preamble.append(cells)
                continue
            if len(cells) == 1 and _SECTION_TITLE.match(cells[0]):
                current = None
                if not tables and len(preamble) < _MAX_PREAMBLE:
                    preamble.append(cells)
                continue
            kinds = [] if _DATA.search("\x1f".join(cells)) else [column_kind(c) for c in cells]
            if is_participants_header(kinds):
                # The same header again (two exports pasted together) continues its table.
                current = next((t for t in tables if t.header == cells), None)
                if current is None:
                    current = Table(cells, kinds)
                    tables.append(current)
            elif current is not None:
                current.rows.append((number, cells))
            elif not tables:
                if len(preamble) < _MAX_PREAMBLE:
                    preamble.append(cells)
                headerless = headerless or _nameless_timing_header(kinds, cells)
    return Layout(preamble, tables, headerless)


def _delimiter(source: Source) -> str:
    """The separator that splits a line into a participants header, else the general guess.

    The general rule (the most lines of one width) is misled by Teams' dates and names, which
    hold commas ("9/3/2020, 2:41:55 PM", "Goliath, David") in a tab-separated file.
    """
    with source.path.open(encoding=source.encoding, newline="") as handle:
        sample = list(itertools.islice(handle, _SAMPLE_LINES))
    for delimiter in ("\t", ";", ","):
        for cells in csv.reader(sample, delimiter=delimiter):
            if len(cells) > 1 and is_participants_header([column_kind(c) for c in cells]):
                return delimiter
    return source.delimiter


def _nameless_timing_header(kinds: list[str], cells: list[str]) -> bool:
    """A row of column titles for joins and leaves, without a name (not Zoom's meeting block)."""
    if any(
        re.search(r"topic|tema|sujet|meeting id|id de reunion|host|anfitrion", fold(c))
        for c in cells
    ):
        return False
    return len({"join", "leave", "first_join", "last_leave", "action"} & set(kinds)) >= 1 and (
        not any(re.search(r"\d", cell) for cell in cells)
    )


def not_a_report(path: Path) -> InvalidInput:
    return InvalidInput(
        _(
            "The file {name} is not a participants report of Zoom, Teams, Google Meet "
            "or BigBlueButton."
        ).format(name=path.name)
    )


def cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


# --- durations -------------------------------------------------------------------------------

_CLOCK = re.compile(r"^(\d+):(\d{1,2})(?::(\d{1,2}))?$")  # BigBlueButton's 01:02:03
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")  # Zoom's minutes
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)")
_UNITS = {
    "h": 60.0, "hr": 60.0, "hrs": 60.0, "hour": 60.0, "hours": 60.0, "hora": 60.0,
    "horas": 60.0, "heure": 60.0, "heures": 60.0,
    "m": 1.0, "min": 1.0, "mins": 1.0, "minute": 1.0, "minutes": 1.0, "minuto": 1.0,
    "minutos": 1.0, "mn": 1.0,
    "s": 1 / 60, "sec": 1 / 60, "secs": 1 / 60, "second": 1 / 60, "seconds": 1 / 60,
    "seg": 1 / 60, "segundo": 1 / 60, "segundos": 1 / 60, "seconde": 1 / 60,
    "secondes": 1 / 60,
}  # fmt: skip


def parse_minutes(text: str) -> float | None:
    """Minutes out of '45', '10m 59s', '1h 2m 3s', '1 hr 16 min', '01:02:03' (None: unreadable)."""
    text = text.strip().lower()
    if not text or text in {"-", "--"}:
        return None
    if _NUMBER.match(text):
        return float(text.replace(",", "."))
    if clock := _CLOCK.match(text):
        hours, minutes, seconds = clock.groups()
        if seconds is None:  # "1:05": hours and minutes
            return int(hours) * 60 + int(minutes)
        return int(hours) * 60 + int(minutes) + int(seconds) / 60
    total, consumed = 0.0, 0
    for match in _PART.finditer(text):
        factor = _UNITS.get(match.group(2))
        if factor is None:
            return None
        total += float(match.group(1).replace(",", ".")) * factor
        consumed += 1
    return total if consumed else None


# --- dates -----------------------------------------------------------------------------------

_DATE_TIME = re.compile(
    r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:,?\s*|t)"
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([ap])?(?:\.\s*)?(?:m\.?)?$"
)
_DATE = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?(?:\.\s*)?(?:m\.?)?$")
ISO_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _normalized(text: str) -> str:
    return " ".join(text.strip().lower().replace("\u202f", " ").replace("\xa0", " ").split())


class DateOrder:
    """Whether a file writes day or month first, decided once from all of its dates.

    Decided per file, never per row: 03/05 must mean the same day in every row. A date whose
    first number is above 12 says day first, one whose second is says month first; when none
    says, the tool's habit decides (`month_first`) and `ambiguous` is set if it mattered.
    """

    def __init__(self, texts: Iterable[str], month_first: bool) -> None:
        day_first_seen = month_first_seen = mattered = False
        for text in texts:
            found = _DATE_TIME.match(_normalized(text)) or _DATE.match(_normalized(text))
            if not found or len(found.group(1)) == 4:
                continue
            a, b = int(found.group(1)), int(found.group(2))
            day_first_seen |= a > 12
            month_first_seen |= b > 12
            mattered |= a != b
        if day_first_seen != month_first_seen:
            self.month_first = month_first_seen
            self.ambiguous = False
        else:  # none decides (or the file contradicts itself): the tool's habit
            self.month_first = month_first
            self.ambiguous = mattered

    @property
    def guess(self) -> str:
        """ "month" or "day" when the order was guessed and it mattered, else ""."""
        if not self.ambiguous:
            return ""
        return "month" if self.month_first else "day"

    def date_time(self, text: str, day: dt.date | None = None) -> dt.datetime | None:
        """A naive date and time; a bare time of day takes `day` (None: unreadable)."""
        text = _normalized(text)
        if found := _DATE_TIME.match(text):
            first, second, third, hour, minute, second_s, meridiem = found.groups()
            when = self._date(first, second, third)
            clock = _clock(hour, minute, second_s, meridiem)
            return dt.datetime.combine(when, clock) if when and clock else None
        if (found := _TIME.match(text)) and day is not None:
            clock = _clock(*found.groups())
            return dt.datetime.combine(day, clock) if clock else None
        return None

    def date(self, text: str) -> dt.date | None:
        text = _normalized(text)
        if found := _DATE.match(text):
            return self._date(*found.groups())
        moment = self.date_time(text)
        return moment.date() if moment else None

    def _date(self, first: str, second: str, third: str) -> dt.date | None:
        if len(first) == 4:
            year, month, day = int(first), int(second), int(third)
        else:
            year = int(third) + (2000 if len(third) <= 2 else 0)
            month, day = (
                (int(first), int(second)) if self.month_first else (int(second), int(first))
            )
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None


def _clock(hour: str, minute: str, second: str | None, meridiem: str | None) -> dt.time | None:
    h = int(hour)
    if meridiem:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if meridiem == "p" else 0)
    try:
        return dt.time(h, int(minute), int(second or 0))
    except ValueError:
        return None


def is_yes(text: str) -> bool:
    return fold(text) in {"yes", "si", "oui", "true", "vrai", "verdadero", "1", "y"}


_EMAIL = re.compile(r"[^\s()<>,;]+@[^\s()<>,;]+\.[^\s()<>,;]+")


def email_in(text: str) -> str:
    """The e-mail address a cell holds, as in Zoom's host "Ana Mamani (ana@example.org)"."""
    found = _EMAIL.search(text)
    return found.group(0) if found else ""


def has_meridiem(texts: Iterable[str]) -> bool:
    return any(re.search(r"\d\s*[ap]\.?\s*m\.?$", _normalized(text)) for text in texts)


def date_in_name(path: Path) -> dt.date | None:
    """The meeting date a file name carries ('Weekly sync - 2024-03-05 attendance.csv')."""
    for found in ISO_IN_NAME.finditer(path.name):
        try:
            return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            continue
    return None


def iter_cells(table: Table, *indexes: int | None) -> Iterator[str]:
    for _number, cells in table.rows:
        for index in indexes:
            if text := cell(cells, index):
                yield text


# --- what a reader hands back ----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One row of a participants table: one stay of one participant (or their total)."""

    name: str
    email: str
    joined: dt.datetime | None
    left: dt.datetime | None
    minutes: float | None  # as the report states it; None: to compute from joined/left
    role: str = ""
    waiting: bool = False  # Zoom: time in the waiting room, not in the call


@dataclass
class Parsed:
    """What one tool's reader found, before the rows are grouped per participant."""

    tool: str
    meeting_date: dt.date | None
    entries: list[Entry]
    warnings: list[str] = field(default_factory=list)
    unreadable_rows: int = 0  # rows kept whose time could not be read
    guessed_order: str = ""  # "month"/"day" when no date said which comes first
    open_stays: int = 0  # joins without a leave, counted to the report's last moment


def normalized_role(text: str) -> str:
    """'Organizador' -> 'organizer': the report's role in the app's English words."""
    folded = fold(text)
    for role, pattern in (
        ("co-organizer", r"^co ?organi"),
        ("organizer", r"organi[sz]"),
        ("presenter", r"present"),
        ("host", r"host|anfitri|hote"),
        ("moderator", r"moderat|moderad"),
        ("attendee", r"attend|asistente|participant|invitado|guest"),
    ):
        if re.search(pattern, folded):
            return role
    return folded
