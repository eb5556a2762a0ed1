"""Writing a report beside its destination and renaming it into place, so that a failed build
leaves no half file behind; and the document settings every printable shares."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fieldkit import __version__

# Called with (steps done, steps in all) as a build goes; for a progress bar.
Progress = Callable[[int, int], None]


@contextmanager
def atomic_file(out: Path) -> Iterator[Path]:
    """A temporary path beside `out`, renamed to `out` when the block ends without error."""
    out = Path(out)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        Path(temporary).replace(out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def document_info(title: str, author: str, lang: str) -> dict[str, Any]:
    """The keyword arguments of a ReportLab document or canvas that make it byte-identical from
    one process to the next and name fieldkit as its maker."""
    return {
        "title": title,
        "author": author,
        "creator": f"fieldkit {__version__}",
        "producer": f"fieldkit {__version__}",
        "lang": lang,
        "invariant": 1,
    }


def describe(canvas: Any, title: str, author: str) -> None:
    """The document information of a PDF drawn straight on a canvas."""
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator(f"fieldkit {__version__}")
    canvas.setProducer(f"fieldkit {__version__}")


def progress_callback(progress: Progress) -> Callable[[str, Any], None]:
    """A ReportLab document's progress callback that reports (flowables laid out, in all)."""
    total = 0

    def callback(kind: str, value: Any) -> None:
        nonlocal total
        if kind == "SIZE_EST":
            total = int(value)
        elif kind == "PROGRESS" and total:
            progress(min(int(value), total), total)

    return callback
