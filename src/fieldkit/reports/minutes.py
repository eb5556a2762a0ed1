"""PDF minutes: a pure function from the plain data of `fieldkit.reports.data` to a file.

One build pass: the pages are numbered "X of Y", and the contents get their page numbers, by the
canvas when it saves. The same data, language and paper give the same bytes in any process
(ReportLab's invariant mode, no time of generation, every list sorted upstream).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from fieldkit import __version__
from fieldkit.reports.annex import attendance_list
from fieldkit.reports.data import MinutesData
from fieldkit.reports.figures import attendance_figures
from fieldkit.reports.figures_section import figures_section
from fieldkit.reports.fonts import register_fonts
from fieldkit.reports.layout import Contents, Furniture, NumberingCanvas
from fieldkit.reports.sections import (
    action_plan,
    agenda,
    context,
    cover,
    general_decisions,
    objectives,
    scope_title,
    sessions,
    validation,
)
from fieldkit.reports.story import Story
from fieldkit.reports.styles import make_styles
from fieldkit.reports.text import ReportText

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 2 * cm

# Called with (flowables laid out, flowables in all) as the build goes; for a progress bar.
Progress = Callable[[int, int], None]


def build_minutes(
    data: MinutesData,
    lang: str,
    paper: str,
    out: Path,
    *,
    hide_below: int = 0,
    progress: Progress | None = None,
) -> Path:
    """Write the minutes of `data` to `out` in the language `lang` on `paper` ('a4', 'letter').

    With `hide_below` N, counts from 1 to N - 1 are shown as "<N". The file is written beside
    `out` and renamed into place, so a failed build leaves no half file behind.
    """
    font = register_fonts()
    with _unchecked_graphics():  # the charts are made here and drawn in the build
        story, flowables = layout_story(data, lang, paper, hide_below=hide_below)
    tx, page = story.tx, PAPERS[paper]
    title = f"{scope_title(story, data)} — {data.event.title}"
    furniture = Furniture(
        header_left=data.event.title,
        header_right=data.event.code,
        footer_left=scope_title(story, data),
        page_of=lambda number, pages: tx._("Page {page} of {pages}").format(
            page=tx.number(number), pages=tx.number(pages)
        ),
        margin=MARGIN,
    )
    out = Path(out)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(handle)
    try:
        document = BaseDocTemplate(
            temporary,
            pagesize=page,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author=data.event.code,
            subject=scope_title(story, data),
            creator=f"fieldkit {__version__}",
            producer=f"fieldkit {__version__}",
            lang=lang,
            invariant=1,
            initialFontName=font,  # else the canvas names Helvetica in every page's preamble
            initialFontSize=9,
            initialLeading=12,
        )
        # No padding inside the frame: the story's width is the whole width between margins.
        frame = Frame(MARGIN, MARGIN, story.width, page[1] - 2 * MARGIN, 0, 0, 0, 0, id="body")
        document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        if progress is not None:
            document.setProgressCallBack(_progress_callback(progress))
        with _unchecked_graphics():
            document.build(flowables, canvasmaker=partial(NumberingCanvas, furniture=furniture))
        Path(temporary).replace(out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return out


def layout_story(
    data: MinutesData, lang: str, paper: str, *, hide_below: int = 0
) -> tuple[Story, list[Flowable]]:
    """The flowables of the minutes, in order: what `build_minutes` lays out (and benchmarks
    measure)."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size: {paper!r}")
    register_fonts()
    width = PAPERS[paper][0] - 2 * MARGIN
    story = Story(ReportText(lang), make_styles(), width=width, hide_below=hide_below)
    figures = attendance_figures(data)
    by_session = {f.session.id: f for f in figures.sessions}
    body: list[Flowable] = [
        *context(story, data),
        *objectives(story, data),
        *agenda(story, data),
        *sessions(story, data, by_session),
        *general_decisions(story, data),
        *action_plan(story, data),
        *figures_section(story, data, figures),
        *validation(story, data),
        *attendance_list(story, data),
    ]
    # The contents are known once the body is laid out in flowables, before the build.
    contents: list[Flowable] = [
        story.paragraph(story.tx._("Contents"), "h1"),
        Contents(story.contents, (story.st.contents, story.st.contents_sub), story.marks),
        PageBreak(),
    ]
    return story, [*cover(story, data), *contents, *body]


@contextmanager
def _unchecked_graphics() -> Iterator[None]:
    """Charts without ReportLab's check of every attribute set on a shape (a debugging aid that
    costs a tenth of the build); the charts are made by our code, not by a user."""
    checking = rl_config.shapeChecking
    rl_config.shapeChecking = 0
    try:
        yield
    finally:
        rl_config.shapeChecking = checking


def _progress_callback(progress: Progress) -> Callable[[str, Any], None]:
    total = 0

    def callback(kind: str, value: Any) -> None:
        nonlocal total
        if kind == "SIZE_EST":
            total = int(value)
        elif kind == "PROGRESS" and total:
            progress(min(int(value), total), total)

    return callback
