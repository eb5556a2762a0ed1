"""Spreadsheet cells that are never run as formulas, and the same text read back.

A cell whose text begins with one of `FORMULA_STARTS` would be run as a formula by a spreadsheet
that opens a CSV file: the exports write it with a leading `'`, which Excel and LibreOffice show
as text. Reading such a file back, that one `'` is dropped again, so that an export re-imported
gives the same phone `+57 300…`, not `'+57 300…`.
"""

from __future__ import annotations

# Tab and carriage return too: some spreadsheets skip them and run what follows.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(text: str) -> str:
    """A cell that no spreadsheet runs: a formula-looking text gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguarded_cell(text: str) -> str:
    """The text of a cell written by `safe_csv_cell`: its one guarding apostrophe dropped."""
    return text[1:] if text[:1] == "'" and text[1:].startswith(FORMULA_STARTS) else text
