"""The printed sign-in sheet: the order of its rows, and the row numbers a rapporteur types.

The rows of a sheet are the event's registered people sorted by surnames, then given names
(accents and case ignored, the id breaking ties so that every laptop numbers them alike). The
printables use `sheet_order` to print the sheet and the check-in screen uses it to read it back,
so row 12 on paper is row 12 on the screen.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from fieldkit.core.text import fold


class Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def given_names(self) -> str: ...

    @property
    def surnames(self) -> str: ...


N = TypeVar("N", bound=Named)


@functools.lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return fold(text)


def sheet_sort_key(person: Named) -> tuple[str, str, str]:
    return (_folded(person.surnames), _folded(person.given_names), person.id)


def sheet_order(people: Iterable[N]) -> list[N]:
    """People in the order of the rows of a sign-in sheet (row 1 first)."""
    return sorted(people, key=sheet_sort_key)


@dataclass(frozen=True)
class RowNumbers:
    """The rows a rapporteur typed ("3, 7, 12-15"), and the parts that were not rows."""

    rows: tuple[int, ...]
    invalid: tuple[str, ...] = ()


def parse_row_numbers(text: str, last_row: int) -> RowNumbers:
    """Row numbers from "3, 7, 12-15" (commas, spaces or semicolons; ranges with - or –).

    Rows keep the order typed, each once; numbers outside 1..last_row and anything that is not a
    number or a range are returned as invalid, as typed.
    """
    rows: dict[int, None] = {}
    invalid: list[str] = []
    normalised = re.sub(r"\s*[-–—]\s*", "-", text).replace(";", ",")
    for part in normalised.replace(",", " ").split():
        span = _span(part)
        if span is None or not 1 <= span[0] <= span[1] <= last_row:
            invalid.append(part)
            continue
        rows.update(dict.fromkeys(range(span[0], span[1] + 1)))
    return RowNumbers(tuple(rows), tuple(invalid))


def _span(part: str) -> tuple[int, int] | None:
    first, dash, last = part.partition("-")
    if not first.isdigit() or (dash and not last.isdigit()):
        return None
    return int(first), int(last) if dash else int(first)
