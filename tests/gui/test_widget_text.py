"""The shared text helpers: a file's size in the interface language (reports and exchange)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldkit import i18n
from fieldkit.gui.widgets.text import size_text


@pytest.fixture
def french() -> Iterator[None]:
    previous = i18n.current_language()
    i18n.set_language("fr")
    yield
    i18n.set_language(previous)


def test_sizes_in_english() -> None:
    assert size_text(512) == "512 bytes"
    assert size_text(1536) == "1.5 KB"
    assert size_text(3 * 1024 * 1024 // 2) == "1.5 MB"


def test_sizes_in_french(french: None) -> None:
    # The decimal comma and the French unit (any space before it).
    assert size_text(3 * 1024 * 1024 // 2).replace("\u00a0", " ") == "1,5 Mo"
    assert size_text(1536).replace("\u00a0", " ") == "1,5 Ko"
