"""Lists in a sentence read as the reader's language writes them ('A, B et C', 'A, B o C')."""

from __future__ import annotations

from fieldkit.i18n import format_list


def test_a_list_of_names() -> None:
    assert format_list(["Ana", "Rosa", "Juan"], "en") == "Ana, Rosa, and Juan"
    assert format_list(["Ana", "Rosa", "Juan"], "fr") == "Ana, Rosa et Juan"


def test_a_list_of_alternatives() -> None:
    assert format_list(["Ana", "Rosa"], "es", style="or") == "Ana o Rosa"
    assert format_list(["Ana", "Rosa", "Juan"], "fr", style="or") == "Ana, Rosa ou Juan"
