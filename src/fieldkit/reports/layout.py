"""Page furniture in one build pass: a canvas that numbers pages "X of Y" when it saves.

`NumberingCanvas` keeps every finished page until `save`, then paints the running header and
footer, now that the page count is known. Whatever needs a page number or a page object is deferred
the same way: a heading's bookmark and outline entry (a page object exists only once the page is
really emitted) and the page numbers of the table of contents (known only at the end).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from fieldkit.reports.fonts import REGULAR
from fieldkit.reports.styles import MUTED, RULE

Deferred = Callable[["NumberingCanvas"], None]


@dataclass
class Marks:
    """What one build learns about its pages: the page of each heading, by key."""

    pages: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Furniture:
    """The running header and footer of every page after the cover."""

    header_left: str
    header_right: str
    footer_left: str
    page_of: Callable[[int, int], str]  # (page, pages) -> "Page 2 of 9" in the reader's language
    margin: float
    size: float = 7.5
    cover: bool = True  # the first page is a cover, without header or footer

    def paint(self, canvas: Canvas, page: int, pages: int) -> None:
        if page == 1 and self.cover:
            return
        width, height = canvas._pagesize
        left, right = self.margin, width - self.margin
        top, bottom = height - self.margin * 0.62, self.margin * 0.5
        canvas.saveState()
        canvas.setFont(REGULAR, self.size)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        number = self.page_of(page, pages)
        header_room = right - left - stringWidth(self.header_right, REGULAR, self.size) - 24
        canvas.drawString(left, top, fit(self.header_left, header_room, self.size))
        canvas.drawRightString(right, top, self.header_right)
        canvas.line(left, top - 4, right, top - 4)
        canvas.line(left, bottom + 10, right, bottom + 10)
        footer_room = right - left - stringWidth(number, REGULAR, self.size) - 24
        canvas.drawString(left, bottom, fit(self.footer_left, footer_room, self.size))
        canvas.drawRightString(right, bottom, number)
        canvas.restoreState()


@functools.lru_cache(maxsize=256)  # the running header fits the same title on every page
def fit(value: str, width: float, size: float, font: str = REGULAR) -> str:
    """`value` cut at a word and ended with an ellipsis so that it fits in `width` points."""
    if stringWidth(value, font, size) <= width:
        return value
    room = width - stringWidth(" …", font, size)
    space = stringWidth(" ", font, size)
    kept: list[str] = []
    used = -space
    for word in value.split():
        used += space + stringWidth(word, font, size)
        if used > room:
            break
        kept.append(word)
    return " ".join(kept) + " …" if kept else "…"


class NumberingCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds its pages until `save` and then numbers them."""

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held: list[dict[str, Any]] = []
        self._deferred: list[Deferred] = []

    def defer(self, action: Deferred) -> None:
        """Run `action` on the current page when the document is saved."""
        self._deferred.append(action)

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._deferred = []  # a new list: the held page keeps its own
        self._startPage()

    def save(self) -> None:
        pages = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            for action in self._deferred:
                action(self)
            self._furniture.paint(self, number, pages)
            Canvas.showPage(self)
        self._held = []
        Canvas.save(self)


def _numbering(canvas: Canvas) -> NumberingCanvas:
    if not isinstance(canvas, NumberingCanvas):
        raise TypeError("reports are drawn on a NumberingCanvas")
    return canvas


class Heading(Paragraph):  # type: ignore[misc]
    """A heading that records its page and becomes a bookmark and an outline entry."""

    def __init__(
        self, markup: str, style: ParagraphStyle, *, key: str, level: int, marks: Marks, title: str
    ) -> None:
        super().__init__(markup, style)
        self.key = key
        self.level = level
        self.marks = marks
        self.title = title

    def draw(self) -> None:
        canvas = _numbering(self.canv)
        self.marks.pages[self.key] = canvas.getPageNumber()
        _, top = canvas.absolutePosition(0, self.height + self.style.fontSize * 0.5)
        key, title, level = self.key, self.title, self.level

        def bookmark(c: NumberingCanvas) -> None:
            c.bookmarkHorizontalAbsolute(key, top)
            c.addOutlineEntry(title, key, level=level, closed=level > 0)

        canvas.defer(bookmark)
        super().draw()


@dataclass(frozen=True)
class ContentsEntry:
    key: str
    markup: str
    level: int


class Contents(Flowable):  # type: ignore[misc]
    """The table of contents, whose page numbers are painted when the document is saved."""

    NUMBER_ROOM = 36.0

    def __init__(
        self,
        entries: Sequence[ContentsEntry],
        styles: Sequence[ParagraphStyle],
        marks: Marks,
    ) -> None:
        super().__init__()
        self.entries = list(entries)
        self.styles = list(styles)
        self.marks = marks
        self._lines: list[tuple[ContentsEntry, Paragraph, float]] = []

    def _style(self, level: int) -> ParagraphStyle:
        return self.styles[min(level, len(self.styles) - 1)]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._lines = []
        for entry in self.entries:
            paragraph = Paragraph(entry.markup, self._style(entry.level))
            _, height = paragraph.wrap(available_width - self.NUMBER_ROOM, available_height)
            self._lines.append((entry, paragraph, height))
        self.height = sum(height for _, _, height in self._lines)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        used, count = 0.0, 0
        for _, _, height in self._lines:
            if used + height > available_height:
                break
            used += height
            count += 1
        if count in (0, len(self.entries)):
            return [] if count == 0 else [self]
        return [
            Contents(self.entries[:count], self.styles, self.marks),
            Contents(self.entries[count:], self.styles, self.marks),
        ]

    def draw(self) -> None:
        canvas = _numbering(self.canv)
        y = self.height
        for entry, paragraph, height in self._lines:
            y -= height
            paragraph.drawOn(canvas, 0, y)
            style = paragraph.style
            left, bottom = canvas.absolutePosition(0, y)
            right, top = canvas.absolutePosition(self.width, y + height)
            baseline = top - style.fontSize  # where Paragraph puts its first line
            canvas.defer(_contents_number(entry.key, self.marks, right, baseline, style.fontSize))
            canvas.defer(_contents_link(entry.key, (left, bottom, right, top)))


def _contents_number(
    key: str, marks: Marks, right: float, baseline: float, size: float
) -> Deferred:
    def paint(canvas: NumberingCanvas) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, size)
        canvas.drawRightString(right, baseline, str(marks.pages.get(key, "")))
        canvas.restoreState()

    return paint


def _contents_link(key: str, rect: tuple[float, float, float, float]) -> Deferred:
    def link(canvas: NumberingCanvas) -> None:
        canvas.linkAbsolute("", key, Rect=rect, thickness=0)

    return link
