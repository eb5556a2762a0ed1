"""The user guide: the HTML pages shipped in resources/guide/<language>/, read in a window.

The guide is read locally (no browser, no network): a `QTextBrowser` follows the links between
pages and loads the images by their relative paths. It opens in the interface language, and
follows a change of language while it is open; a language without a guide falls back to English.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTextBrowser, QToolBar, QWidget

from fieldkit.i18n import DEFAULT_LANGUAGE, _, current_language
from fieldkit.paths import resources_dir

INDEX = "index.html"


def guide_root() -> Path:
    return resources_dir() / "guide"


def guide_page(language: str, page: str = INDEX, root: Path | None = None) -> Path | None:
    """A page of the guide in a language, else in English; None when neither is installed."""
    folder = guide_root() if root is None else root
    for candidate in (folder / language / page, folder / DEFAULT_LANGUAGE / page):
        if candidate.is_file():
            return candidate
    return None


class GuideWindow(QMainWindow):
    """Back, forward, contents, and the page: nothing a facilitator has to learn."""

    def __init__(self, parent: QWidget | None = None, root: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.root = guide_root() if root is None else root
        self.language = ""
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)  # a web address goes to the system's browser
        self.browser.document().setDocumentMargin(16)
        self.setCentralWidget(self.browser)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("guideToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.back_action = QAction(self)
        self.back_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.forward_action = QAction(self)
        self.forward_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
        self.home_action = QAction(self)
        self.home_action.setShortcut(QKeySequence("Alt+Home"))
        for action in (self.back_action, self.forward_action, self.home_action):
            self.toolbar.addAction(action)
        self.back_action.setEnabled(False)
        self.forward_action.setEnabled(False)
        self.back_action.triggered.connect(self.browser.backward)
        self.forward_action.triggered.connect(self.browser.forward)
        self.home_action.triggered.connect(self.go_home)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        self.browser.sourceChanged.connect(self._update_title)

        # The pictures are 900 pixels wide; the window still fits a 1366×768 screen and its taskbar.
        self.resize(960, 660)
        self.retranslate_ui()

    def current_page(self) -> Path | None:
        source = self.browser.source()
        return Path(source.toLocalFile()) if source.isLocalFile() else None

    def show_language(self, language: str) -> None:
        """Show the guide in `language`, on the same page when that page exists in it."""
        page = self.current_page()
        name = page.name if page is not None and self.language else INDEX
        self.language = language
        found = guide_page(language, name, self.root) or guide_page(language, INDEX, self.root)
        if found is None:
            sentence = _(
                "The user guide is missing from this installation; install fieldkit again to "
                "get it back."
            )
            import html  # its entity table is not needed before the first paint

            self.browser.setHtml(f"<p>{html.escape(sentence)}</p>")
            self._update_title()
            return
        self.browser.setSource(QUrl.fromLocalFile(str(found)))
        self.browser.clearHistory()  # back never returns to the other language

    def go_home(self) -> None:
        """The contents of the guide in its current language (QTextBrowser's own home is the
        first page ever shown, which may be in the language shown before a switch)."""
        found = guide_page(self.language, INDEX, self.root)
        if found is not None:
            self.browser.setSource(QUrl.fromLocalFile(str(found)))

    def _update_title(self) -> None:
        # Each page's <title> names the page and the guide, in the guide's language.
        self.setWindowTitle(self.browser.documentTitle() or _("User guide"))

    def retranslate_ui(self) -> None:
        self.back_action.setText(_("Back"))
        self.forward_action.setText(_("Forward"))
        self.home_action.setText(_("Contents"))
        self.toolbar.setWindowTitle(_("Guide navigation"))
        self.browser.setAccessibleName(_("User guide"))
        if self.language != current_language():
            self.show_language(current_language())
        self._update_title()


def show_guide(parent: QWidget) -> GuideWindow:
    """Open the guide beside `parent` (one guide window per main window), in front."""
    window = parent.findChild(GuideWindow)
    if window is None:
        window = GuideWindow(parent)  # a window of its own that closes with its parent
    window.show()
    window.raise_()
    window.activateWindow()
    return window
