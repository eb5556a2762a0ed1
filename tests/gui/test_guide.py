"""The user guide: its pages hold together, and Help opens it in the window's language."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtCore import Qt, QUrl

from fieldkit.gui.shell.guide import GuideWindow, guide_page, guide_root
from fieldkit.gui.shell.main_controller import create_main_window
from fieldkit.i18n import current_language, set_language
from fieldkit.store import Workspace

LANGUAGES = ("en", "fr", "es")
# The first heading of the contents page, which is also its title, in each language.
TITLES = {
    "en": "fieldkit user guide",
    "fr": "Guide d'utilisation de fieldkit",
    "es": "Guía de uso de fieldkit",
}
CHAPTERS = ("start", "prepare", "door", "notes", "exchange", "trouble")
BUDGET = 3 * 1024 * 1024  # the packaged app carries the guide of all three languages


class Page(HTMLParser):
    """What one page links to, the images it shows, its anchors, title and first heading."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[str] = []
        self.anchors: set[str] = set()
        self.title = ""
        self.heading = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("a", "link") and "href" in values:
            self.links.append(values["href"])
        if tag == "img":
            self.images.append(values.get("src", ""))
        for name in ("id", "name"):
            if values.get(name):
                self.anchors.add(values[name])
        if tag == "title" or (tag == "h1" and not self.heading):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.heading += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def pages(language: str) -> list[Path]:
    return sorted((guide_root() / language).glob("*.html"))


# --- the files (no Qt needed) -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_chapter(language: str) -> None:
    names = {path.stem for path in pages(language)}
    assert names == {"index", *CHAPTERS}
    index = parse(guide_root() / language / "index.html")
    assert index.title == index.heading == TITLES[language]
    # The contents list every chapter, in the order of an event.
    chapters = [link.removesuffix(".html") for link in index.links if link.endswith(".html")]
    assert chapters == list(CHAPTERS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_and_every_image_resolves(language: str) -> None:
    checked = 0
    for path in pages(language):
        page = parse(path)
        assert page.heading.strip(), f"{path.name} has no heading"
        assert page.images or path.stem in ("index", "trouble"), f"{path.name} shows nothing"
        for target in [*page.links, *page.images]:
            parts = urlsplit(target)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert not parts.scheme, f"{path.name}: {target} is not a relative link"
            file = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert file.is_file(), f"{language}/{path.name} links to {target}, which is missing"
            assert guide_root().resolve() in file.parents, f"{target} leaves the guide"
            if parts.fragment:
                assert parts.fragment in parse(file).anchors, f"{target}: no such anchor"
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_shows_its_own_pictures(language: str) -> None:
    for path in pages(language):
        for source in parse(path).images:
            assert source.startswith(f"../images/{language}/"), f"{path.name}: {source}"


def test_the_guide_is_small_enough_to_ship() -> None:
    files = [path for path in guide_root().rglob("*") if path.is_file()]
    assert sum(path.stat().st_size for path in files) < BUDGET
    for path in files:
        if path.suffix == ".png":
            with path.open("rb") as handle:
                header = handle.read(24)
            width = int.from_bytes(header[16:20], "big")
            assert width <= 900, f"{path} is {width} pixels wide"


def test_a_language_without_a_guide_falls_back_to_english(tmp_path: Path) -> None:
    shutil.copytree(guide_root() / "en", tmp_path / "en")
    assert guide_page("fr", root=tmp_path) == tmp_path / "en" / "index.html"
    assert guide_page("en", "door.html", root=tmp_path) == tmp_path / "en" / "door.html"
    assert guide_page("fr", root=tmp_path / "nothing") is None


# --- the window ---------------------------------------------------------------------------------


@pytest.fixture
def restore_language():
    before = current_language()
    yield
    set_language(before)


def open_window(qtbot, ws: Workspace):
    window = create_main_window(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def click_link(qtbot, guide: GuideWindow, text: str) -> None:
    """Click the link that reads `text`, as a facilitator does."""
    browser = guide.browser
    cursor = browser.document().find(text)
    assert not cursor.isNull(), f"no link {text!r} on the page"
    cursor.setPosition(cursor.selectionStart() + 1)
    point = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def heading(guide: GuideWindow) -> str:
    """The first line of the page shown after the navigation line: its heading."""
    block = guide.browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 1:
            return block.text()
        block = block.next()
    return ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_opens_the_guide_in_the_window_language(
    qtbot, workspace: Workspace, language: str, restore_language
) -> None:
    set_language(language)
    window = open_window(qtbot, workspace)
    assert window.guide_action.shortcut().toString() == "F1"
    assert window.guide_action in window.help_menu.actions()
    window.guide_action.trigger()
    guide = window.findChild(GuideWindow)
    assert guide is not None and guide.isVisible()
    assert guide.current_page() == guide_root() / language / "index.html"
    assert guide.windowTitle() == TITLES[language]
    assert heading(guide) == TITLES[language]
    # Opening it again brings the same window forward, not a second one.
    window.guide_action.trigger()
    assert window.findChildren(GuideWindow) == [guide]


def test_the_open_guide_follows_a_change_of_language(
    qtbot, workspace: Workspace, restore_language
) -> None:
    set_language("en")
    window = open_window(qtbot, workspace)
    guide = window.show_guide()
    click_link(qtbot, guide, "The day at the door")
    assert guide.current_page() == guide_root() / "en" / "door.html"
    window.controller.set_interface_language("es")
    # The same chapter, now in Spanish, with no way back to the English one.
    assert guide.current_page() == guide_root() / "es" / "door.html"
    assert heading(guide) == "El día del evento, en la entrada"
    assert not guide.back_action.isEnabled()
    assert guide.back_action.text() != ""
    guide.home_action.trigger()  # the Spanish contents, not the English page first shown
    assert guide.current_page() == guide_root() / "es" / "index.html"


def test_links_back_forward_and_contents(qtbot, workspace: Workspace, restore_language) -> None:
    set_language("fr")
    window = open_window(qtbot, workspace)
    guide = window.show_guide()
    index = guide_root() / "fr" / "index.html"
    assert not guide.back_action.isEnabled()
    click_link(qtbot, guide, "Pour commencer")
    assert guide.current_page() == guide_root() / "fr" / "start.html"
    assert heading(guide) == "Pour commencer"
    assert guide.back_action.isEnabled()
    # Its pictures are loaded from their relative paths.
    picture = guide.browser.document().resource(3, QUrl("../images/fr/first-start.png"))  # image
    assert picture is not None and not picture.isNull()
    guide.back_action.trigger()
    assert guide.current_page() == index
    assert guide.forward_action.isEnabled()
    guide.forward_action.trigger()
    assert guide.current_page() == guide_root() / "fr" / "start.html"
    click_link(qtbot, guide, "Préparer un événement →")  # the navigation line of each page
    assert heading(guide) == "Préparer un événement"
    guide.home_action.trigger()
    assert guide.current_page() == index


def test_a_missing_guide_says_so_in_one_sentence(qtbot, tmp_path: Path, restore_language) -> None:
    set_language("en")
    guide = GuideWindow(root=tmp_path)
    qtbot.addWidget(guide)
    assert "missing" in guide.browser.toPlainText()
    assert guide.current_page() is None


def test_the_guide_window_is_drawn(qtbot, workspace: Workspace, restore_language) -> None:
    set_language("fr")
    window = open_window(qtbot, workspace)
    guide = window.show_guide()
    qtbot.waitExposed(guide)
    click_link(qtbot, guide, "Le jour J")
    # The pictures fit the page without scrolling sideways.
    assert not guide.browser.horizontalScrollBar().isVisible()
    image = guide.grab().toImage()
    assert image.width() == 960
    # Text, a picture and the white page: far more than a blank window's few colours.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 50
