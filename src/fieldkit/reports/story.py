"""What the sections of a report share while they are laid out: language, styles, width, headings.

A `Story` hands out headings (which feed the table of contents and the PDF outline), turns typed
text into paragraphs and bullets, and writes counts the way the report shows them, small counts
withheld when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from fieldkit.reports.figures import masked
from fieldkit.reports.layout import ContentsEntry, Heading, Marks
from fieldkit.reports.styles import Styles, text
from fieldkit.reports.text import ReportText

_BULLETS = ("- ", "• ", "* ", "– ")


@dataclass
class Story:
    tx: ReportText
    st: Styles
    width: float  # of the frame, in points
    hide_below: int = 0
    marks: Marks = field(default_factory=Marks)
    contents: list[ContentsEntry] = field(default_factory=list)
    _keys: int = 0

    def heading(
        self,
        title: str,
        level: int,
        *,
        listed: bool = True,
        new_page: bool = False,
        keep: float = 0,
    ) -> list[Flowable]:
        """A heading of level 0 (a part), 1 or 2; levels 0 and 1 are listed in the contents.

        A heading never stands alone at the bottom of a page: it starts a new one when less than
        `keep` points (or a few lines) are left, and always with `new_page`. A conditional break
        rather than KeepTogether, which lays its content out twice and copies the frame each
        time.
        """
        self._keys += 1
        key = f"h{self._keys}"
        style = (self.st.h1, self.st.h2, self.st.h3)[min(level, 2)]
        markup = text(title)
        if listed and level <= 1:
            self.contents.append(ContentsEntry(key, markup, level))
        room = max((5 * cm, 4 * cm, 3 * cm)[min(level, 2)], keep)
        return [
            PageBreak() if new_page else CondPageBreak(room),
            Heading(markup, style, key=key, level=level, marks=self.marks, title=title),
        ]

    def count(self, value: int) -> str:
        if masked(value, self.hide_below):
            return f"<{self.tx.number(self.hide_below)}"
        return self.tx.number(value)

    def paragraph(self, value: str, style_name: str = "body") -> Paragraph:
        return Paragraph(text(value), getattr(self.st, style_name))

    def prose(self, value: str) -> list[Flowable]:
        """Typed text: blank lines part paragraphs, lines starting with "- " are bullets."""
        flowables: list[Flowable] = []
        lines: list[str] = []

        def flush() -> None:
            chunks = _chunks(lines)
            for number, chunk in enumerate(chunks, start=1):
                style = self.st.body if number == len(chunks) else self.st.body_joined
                flowables.append(Paragraph("<br/>".join(map(text, chunk)), style))
            lines.clear()

        for raw in value.strip().splitlines():
            line = raw.strip()
            if not line:
                flush()
            elif line.startswith(_BULLETS):
                flush()
                item = text(line[2:].strip())
                flowables.append(Paragraph(item, self.st.bullet, bulletText="•"))
            else:
                lines.append(line)
        flush()
        return flowables

    def labelled(self, label: str, value: str) -> list[Flowable]:
        """A small bold title over typed text; nothing when the text is empty."""
        if not value.strip():
            return []
        return [*self.title(label), *self.prose(value)]

    def title(
        self, value: str, style_name: str = "label", keep: float = 1.6 * cm
    ) -> list[Flowable]:
        """A small title, never alone at the foot of a page (see `heading`)."""
        return [CondPageBreak(keep), Paragraph(text(value), getattr(self.st, style_name))]

    def numbered(self, items: tuple[str, ...] | list[str]) -> list[Flowable]:
        return [
            Paragraph(text(item), self.st.bullet, bulletText=f"{n}.")
            for n, item in enumerate(items, start=1)
        ]

    @staticmethod
    def gap(height: float = 6) -> Spacer:
        return Spacer(1, height)


# Characters of typed text per Paragraph. ReportLab wraps a whole paragraph again at each page it
# splits across, so one paragraph of a long note costs time growing with the square of its
# length; chunks of a page or less keep the minutes linear in it. Chunks end at a line break, and
# only a single line longer than this is cut, at a space.
CHUNK_CHARACTERS = 3000


def _chunks(lines: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = []
    chunk: list[str] = []
    size = 0
    for line in (piece for whole in lines for piece in _cut(whole)):
        if chunk and size + len(line) > CHUNK_CHARACTERS:
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(line)
        size += len(line)
    if chunk:
        chunks.append(chunk)
    return chunks


def _cut(line: str) -> list[str]:
    pieces = []
    while len(line) > CHUNK_CHARACTERS:
        cut = line.rfind(" ", 0, CHUNK_CHARACTERS)
        cut = cut if cut > 0 else CHUNK_CHARACTERS
        pieces.append(line[:cut])
        line = line[cut:].lstrip()
    pieces.append(line)
    return pieces
