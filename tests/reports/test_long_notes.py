"""A long note is laid out in pieces of a page or less, so the minutes stay linear in its length,
and nothing of it is lost or reordered."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any, cast

from pypdf import PdfReader
from reportlab.platypus import Paragraph

from fieldkit.core.rules import MAX_TEXT
from fieldkit.demo import ENCOUNTER_CODE
from fieldkit.reports import build_minutes, gather_minutes
from fieldkit.reports.story import CHUNK_CHARACTERS, Story, _chunks
from fieldkit.reports.styles import make_styles
from fieldkit.store import Workspace

WORDS = [
    "acuerdo",
    "vocería",
    "comunidad",
    "municipio",
    "taller",
    "agua",
    "riego",
    "cuenca",
    "ayllu",
    "dirigentas",
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def test_chunks_keep_every_line_in_order_and_stay_small() -> None:
    rng = random.Random(7)
    lines = [_text(rng, rng.randint(1, 40)) for _ in range(2000)]
    lines.insert(500, _text(rng, 5000))  # one line far longer than a chunk
    chunks = _chunks(lines)
    assert len(chunks) > 10
    assert all(sum(len(line) for line in chunk) <= CHUNK_CHARACTERS for chunk in chunks)
    assert " ".join(" ".join(chunk) for chunk in chunks).split() == " ".join(lines).split()
    # Lines are cut only when longer than a chunk: the others stay whole.
    whole = [line for chunk in chunks for line in chunk]
    assert [line for line in whole if line in lines] == [
        line for line in lines if len(line) <= CHUNK_CHARACTERS
    ]


def test_a_note_of_a_hundred_pages_prints_whole(demo_db: Path, tmp_path: Path) -> None:
    rng = random.Random(3)
    # Three thousand lines, just under the cap on one text (MAX_TEXT) that every door keeps.
    lines = [f"{n:05d} {_text(rng, 7)}" for n in range(3000)]
    assert len("\n".join(lines)) <= MAX_TEXT
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(demo_db.read_bytes())
    with Workspace(copy) as ws:
        event = ws.find_event(ENCOUNTER_CODE)
        session = ws.event_sessions(event.id)[1]
        ws.write_note(session.id, None, {"key_points": "\n".join(lines)})
        data = gather_minutes(ws, ENCOUNTER_CODE)
    pdf = build_minutes(data, "es", "a4", tmp_path / "long.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    numbers = [line[:5] for line in lines]
    found = [n for n in numbers if n in text]
    assert found == numbers
    assert text.index("00000") < text.index("01500") < text.index("02999")


def test_prose_makes_paragraphs_of_a_page_or_less() -> None:
    story = Story(tx=cast(Any, None), st=make_styles(), width=400)
    rng = random.Random(5)
    flowables = story.prose("\n".join(_text(rng, 10) for _ in range(4000)))
    assert len(flowables) > 20
    assert all(isinstance(f, Paragraph) for f in flowables)
    # Pieces continue one another: the space after a paragraph comes only after the last one.
    assert flowables[-1].style.spaceAfter == 4
    assert {f.style.spaceAfter for f in flowables[:-1]} == {0}
