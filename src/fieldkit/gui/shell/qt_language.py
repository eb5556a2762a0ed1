"""Apply the interface language to Qt itself: its own texts and its default locale.

fieldkit's strings go through `fieldkit.i18n`; the texts Qt draws (Cancel, Close, Yes, No, the
file dialogs, the context menu of a text field) come from Qt's own catalogs, `qtbase_<lang>.qm`,
shipped with PySide6. One translator is installed on the application and swapped when the
language changes; installing it sends every widget a LanguageChange, so standard buttons already
shown retranslate themselves. The default QLocale follows the formatting locale, for the
numbers and calendars Qt's widgets draw.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldkit.gui.shell.preferences import read_preferences
from fieldkit.i18n import (
    ENVIRONMENT_VARIABLE,
    LANGUAGES,
    current_language,
    current_locale,
    parse_language,
    set_language,
)
from fieldkit.store import Workspace

_installed: QTranslator | None = None
_override: str | None = None  # `fieldkit --lang fr_CA`: wins over every workspace's setting


def qt_translations_folder() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_qt_translator(language: str | None = None) -> bool:
    """Qt's own texts in `language` (default: the current message language); True when a
    catalog was loaded. English, the pseudo-language and a missing file leave Qt in English."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _installed is not None:
        QCoreApplication.removeTranslator(_installed)
        _installed = None
    code = language or current_language()
    QLocale.setDefault(QLocale(current_locale()))
    if code not in LANGUAGES or code == "en":
        return False
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{code}", qt_translations_folder()):
        translator.deleteLater()
        return False
    QCoreApplication.installTranslator(translator)
    _installed = translator
    return True


def apply_language(language: str | None, formats: str | None = None) -> str:
    """Switch fieldkit's messages and formats and Qt's texts at once; the message language."""
    chosen = set_language(language, formats)
    install_qt_translator(chosen)
    return chosen


def set_language_override(language: str | None) -> None:
    """The language given on the command line, for every workspace opened in this run."""
    global _override
    _override = language if parse_language(language) else None


def workspace_language(ws: Workspace) -> tuple[str | None, str | None]:
    """(language, formats) a window on `ws` shows: `--lang`, else FIELDKIT_LANG, else the
    workspace's settings (None: the environment's). May raise the workspace's UserError."""
    forced = _override or os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if forced and parse_language(forced):
        return forced, None
    prefs = read_preferences(ws)
    return prefs.interface_language, prefs.formats


def apply_workspace_language(ws: Workspace) -> str:
    """Show the next window on `ws` in its language; the message language."""
    return apply_language(*workspace_language(ws))
