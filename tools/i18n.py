"""Keep the message catalogs in step with the code: `make i18n`.

    python tools/i18n.py update   # extract translations/fieldkit.pot, merge into each .po, compile .mo
    python tools/i18n.py check    # exit 1 if the template or a compiled catalog is out of date

The compiled .mo files are committed so that an editable install and a wheel find them with no
build step; `check` (run by the tests) makes sure they match their .po sources.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "fieldkit"
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "fieldkit.pot"
LANGUAGES = ("en", "fr", "es")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def extract() -> Catalog:
    catalog = Catalog(project="fieldkit", msgid_bugs_address="", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
    ):
        catalog.add(
            message,
            None,
            [(f"src/fieldkit/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _po_bytes(catalog: Catalog, **options: bool) -> bytes:
    buffer = io.BytesIO()
    # File names without line numbers: moving code does not make the catalogs stale.
    write_po(
        buffer,
        catalog,
        width=100,
        omit_header=False,
        sort_output=True,
        include_lineno=False,
        **options,
    )
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "fieldkit.po"


def _load(path: Path, language: str) -> Catalog:
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=language)
    return Catalog(locale=language, project="fieldkit")


def _strip_dates(data: bytes) -> bytes:
    return b"\n".join(
        line
        for line in data.split(b"\n")
        if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date', b'"Generated-By'))
    )


def update() -> None:
    template = extract()
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    old_template = TEMPLATE.read_bytes() if TEMPLATE.exists() else b""
    new_template = _po_bytes(template)
    if _strip_dates(old_template) != _strip_dates(new_template):
        TEMPLATE.write_bytes(new_template)
    for language in LANGUAGES:
        path = _po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = _load(path, language)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        old = path.read_bytes() if path.exists() else b""
        new = _po_bytes(catalog, ignore_obsolete=True)
        if _strip_dates(old) != _strip_dates(new):
            path.write_bytes(new)
        path.with_suffix(".mo").write_bytes(_mo_bytes(_load(path, language)))


def _messages(catalog: Catalog) -> set[tuple[object, ...]]:
    """What a catalog says, leaving out what only the tools write (generator name, dates, places)."""
    return {
        (
            message.context,
            _frozen(message.id),
            _frozen(message.string or ""),
            *message.auto_comments,
        )
        for message in catalog
        if message.id
    }


def _ids(catalog: Catalog) -> set[tuple[object, ...]]:
    return {(message.context, _frozen(message.id)) for message in catalog if message.id}


def _frozen(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


def _mo_messages(data: bytes) -> dict[object, object]:
    return {
        (m.context, _frozen(m.id)): _frozen(m.string) for m in read_mo(io.BytesIO(data)) if m.id
    }


def check() -> list[str]:
    """The catalogs that `update` would change in what they say.

    Messages are compared, not bytes: a new release of Babel writes its own name and version into
    every file it makes, and that must never turn the tests red by itself.
    """
    stale = []
    template = extract()
    if not TEMPLATE.exists() or _messages(_load(TEMPLATE, "en")) != _messages(template):
        stale.append(str(TEMPLATE.relative_to(ROOT)))
    for language in LANGUAGES:
        path = _po_path(language)
        mo = path.with_suffix(".mo")
        if not path.exists() or _ids(_load(path, language)) != _ids(template):
            stale.append(str(path.relative_to(ROOT)))
            continue
        expected = _mo_messages(_mo_bytes(_load(path, language)))
        if not mo.exists() or _mo_messages(mo.read_bytes()) != expected:
            stale.append(str(mo.relative_to(ROOT)))
    return stale


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        update()
        return 0
    if argv[1:] == ["check"]:
        stale = check()
        for name in stale:
            print(f"out of date: {name} (run `make i18n`)", file=sys.stderr)
        return 1 if stale else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
