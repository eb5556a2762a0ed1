"""ICU's data trimmed for the Linux package (packaging/icu_data.py): what is kept, the package
format, and Qt's locale-aware text still right with the trimmed library."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parents[1]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "icu_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


icu_data = _load()


@pytest.mark.parametrize(
    "name",
    [
        "icudt73l/root.res",
        "icudt73l/fr.res",
        "icudt73l/fr_CA.res",
        "icudt73l/es_419.res",
        "icudt73l/es__TRADITIONAL.res",
        "icudt73l/en_US_POSIX.res",
        "icudt73l/coll/fr.res",
        "icudt73l/coll/ucadata.icu",
        "icudt73l/zone/es_BO.res",
        "icudt73l/res_index.res",
        "icudt73l/pool.res",
        "icudt73l/supplementalData.res",
        "icudt73l/zoneinfo64.res",
        "icudt73l/cnvalias.icu",
        "icudt73l/uprops.icu",
        "icudt73l/nfc.nrm",
        "icudt73l/brkitr/word.brk",
    ],
)
def test_kept(name: str) -> None:
    assert icu_data.wanted(name)


@pytest.mark.parametrize(
    "name",
    [
        "icudt73l/de.res",
        "icudt73l/zh_Hant_TW.res",
        "icudt73l/sr_Latn_BA.res",
        "icudt73l/coll/zh.res",
        "icudt73l/coll/de__PHONEBOOK.res",
        "icudt73l/lang/ja.res",
        "icudt73l/ibm-1390_P110-2003.cnv",
        "icudt73l/brkitr/cjdict.dict",
        "icudt73l/translit/root.res",
    ],
)
def test_dropped(name: str) -> None:
    assert not icu_data.wanted(name)


def test_a_package_reads_back_as_written_with_its_items_aligned() -> None:
    header = bytes([0x20, 0, 0xDA, 0x27]) + bytes(8) + b"CmnD" + bytes(16)
    items = [("icudt73l/a.res", b"x" * 5), ("icudt73l/b.icu", b"y" * 40), ("icudt73l/c", b"")]
    package = icu_data.write_package(header, items)
    read_header, read_items = icu_data.read_package(package)
    assert read_header == header
    assert [name for name, _item in read_items] == [name for name, _item in items]
    for (_name, written), (_same, read) in zip(items, read_items, strict=True):
        assert read.rstrip(b"\0") == written  # padded to 16 bytes
    offsets = [package.index(b"x" * 5), package.index(b"y" * 40)]
    assert all(offset % 16 == 0 for offset in offsets)


def test_something_else_is_refused() -> None:
    with pytest.raises(ValueError):
        icu_data.read_package(b"\x20\x00\xda\x27" + bytes(8) + b"ToCP" + bytes(16))


def _pyside_icu() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    found = sorted((Path(spec.origin).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


LOCALE_TEXT = """
from PySide6.QtCore import QCollator, QLocale, QTimeZone, QUrl
zone = QTimeZone(b"America/La_Paz")
names = [
    zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale(code))
    for code in ("fr_FR", "es_BO")
]
print(QLocale(QLocale.Language.French).toUpper("école straße"))
print(QCollator(QLocale("es_BO")).compare("ñu", "nz"), QCollator(QLocale("fr")).compare("é", "f"))
print(*names, sep="|")
print(QUrl.fromUserInput("http://bücher.example/").toEncoded().data().decode())
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("cc") is None or _pyside_icu() is None,
    reason="the trim is for PySide6's Linux ICU and needs a C compiler",
)
def test_qt_reads_the_trimmed_data_as_it_read_the_whole(tmp_path: Path) -> None:
    library = _pyside_icu()
    assert library is not None
    trimmed = icu_data.trim_icu_library(library, tmp_path / "icu")
    assert trimmed.name == library.name
    assert trimmed.stat().st_size < library.stat().st_size / 4

    def run(library_path: str | None) -> str:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        if library_path:
            env["LD_LIBRARY_PATH"] = library_path  # found before the wheel's own copy
        result = subprocess.run(
            [sys.executable, "-c", LOCALE_TEXT], env=env, capture_output=True, text=True, check=True
        )
        return result.stdout

    expected = (
        "ÉCOLE STRASSE\n1 -1\nheure de Bolivie|hora de Bolivia\nhttp://xn--bcher-kva.example/\n"
    )
    assert run(None) == expected
    assert run(str(trimmed.parent)) == expected
