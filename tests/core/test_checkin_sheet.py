"""The rows of the printed sign-in sheet, and the row numbers a rapporteur types."""

from dataclasses import dataclass

import pytest

from fieldkit.core.checkin_sheet import parse_row_numbers, sheet_order


@dataclass(frozen=True)
class P:
    id: str
    given_names: str
    surnames: str


def test_sheet_order_by_surnames_then_given_names_accents_ignored() -> None:
    people = [
        P("3", "Rosa", "Quispe Mamani"),
        P("1", "Juana", "Núñez"),
        P("2", "Ana", "Nuñez"),
        P("4", "ana", "Ñuflo"),
        P("0", "Ana", "Nunez"),  # the same folded name as "2": the id decides
    ]
    # Ñ folds to N, as people type it: Ñuflo comes before Nuñez.
    assert [p.id for p in sheet_order(people)] == ["4", "0", "2", "1", "3"]


@pytest.mark.parametrize(
    ("text", "rows", "invalid"),
    [
        ("3, 7, 12-15", (3, 7, 12, 13, 14, 15), ()),
        ("3 7;9", (3, 7, 9), ()),
        ("12 - 14, 2–3", (12, 13, 14, 2, 3), ()),
        ("5, 5, 4-6", (5, 4, 6), ()),
        ("0, 21, 19-22, x, 3-", (), ("0", "21", "19-22", "x", "3-")),
        ("7-5", (), ("7-5",)),
        ("", (), ()),
    ],
)
def test_row_numbers(text: str, rows: tuple[int, ...], invalid: tuple[str, ...]) -> None:
    parsed = parse_row_numbers(text, last_row=20)
    assert parsed.rows == rows
    assert parsed.invalid == invalid
