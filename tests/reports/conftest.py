"""Fixtures of the report tests: the demo workspace and its minutes, built once per session."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader

from fieldkit.demo import ENCOUNTER_CODE, install_demo
from fieldkit.reports import build_minutes, gather_minutes
from fieldkit.store import Workspace


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Workspace(path) as ws:
        install_demo(ws)
    return path


@pytest.fixture
def demo_ws(demo_db: Path) -> Iterator[Workspace]:
    with Workspace(demo_db) as ws:
        yield ws


@pytest.fixture(scope="session")
def encounter_pdfs(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The encounter's minutes in each language, on A4."""
    folder = tmp_path_factory.mktemp("minutes")
    with Workspace(demo_db) as ws:
        data = gather_minutes(ws, ENCOUNTER_CODE)
    return {
        lang: build_minutes(data, lang, "a4", folder / f"encuentro-{lang}.pdf")
        for lang in ("es", "fr", "en")
    }


def page_texts(path: Path) -> list[str]:
    """The text of each page, spaces squeezed (extraction splits and joins runs freely)."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(path).pages]


def all_text(path: Path) -> str:
    return " ".join(page_texts(path))


def page_lines(page: PageObject) -> list[str]:
    """The lines of a page from top to bottom, by the position of each piece of text.

    Text painted when the document is saved (page numbers, running header) comes last in the
    content stream; positions put it back on its line.
    """
    pieces: dict[int, list[tuple[float, str]]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        pieces.setdefault(round(y), []).append((x, text.strip()))

    page.extract_text(visitor_text=visit)
    return [" ".join(text for _, text in sorted(pieces[y])) for y in sorted(pieces, reverse=True)]


@pytest.fixture(scope="session")
def badged_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace with a badge code for everyone registered at the encounter."""
    from tests.reports.printables_fixtures import make_badged_workspace

    return make_badged_workspace(tmp_path_factory.mktemp("badged") / "badged.sqlite")
