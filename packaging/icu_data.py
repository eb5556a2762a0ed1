"""ICU's data library, trimmed to what a French, Spanish and English app can use (Linux).

PySide6's Linux wheel carries ICU with all of its data: `libicudata.so.73`, 31 MB, a fifth of the
package. Qt reaches it only for locale-aware text (case mapping, collation, time zone names); it
never needs the character-set converters (Qt and Python decode the app's files themselves), the
dictionaries that break Chinese, Japanese, Thai, Khmer, Lao or Burmese text into words, the
transliterators, or the locale data of languages the app does not offer. This keeps the data of
`root`, `fr`, `es`, `en` and their regional variants (`fr_CA`, `es_419`, `en_GB`…), and everything
that is not a locale's (Unicode properties, normalisation, break rules, collation root, time zones,
the converters' alias table, so a converter asked for by name fails cleanly), and builds a data
library of the same name that exports the same symbol, which ICU's own libraries then load.

The data is an ICU "common data" package: a header, a table of contents sorted by name (each entry
the offsets of a name and of an item, from the start of the table), the names, then the items,
each aligned to 16 bytes. Windows and macOS wheels carry no ICU, so this is Linux only.
"""

from __future__ import annotations

import itertools
import re
import struct
import subprocess
import tempfile
from pathlib import Path

LANGUAGES = ("en", "fr", "es")
# A locale's file: language, then script, region and variant (`sr_Latn_BA`, `es_419`, `en_001`).
# `de__PHONEBOOK` (an empty region) is an alias of a collation variant.
LOCALE_FILE = re.compile(
    r"^([a-z]{2,3})(_[A-Z][a-z]{3})?(_(?:[A-Z]{2}|[0-9]{3})?)?(_[A-Z0-9]+)?\.res$"
)
DROPPED_FOLDERS = ("translit",)
DROPPED_SUFFIXES = (".cnv", ".dict")


def wanted(name: str) -> bool:
    """Whether an item of the package (`icudt73l/coll/fr.res`) is kept."""
    parts = name.split("/")[1:]  # without the package's own prefix
    base = parts[-1]
    if parts[0] in DROPPED_FOLDERS or base.endswith(DROPPED_SUFFIXES):
        return False
    locale = LOCALE_FILE.match(base)
    return locale is None or locale.group(1) in LANGUAGES


def _elf_symbol(binary: bytes, symbol: str) -> tuple[int, int]:
    """File offset and size of a dynamic symbol of a 64-bit little-endian ELF shared object."""
    if binary[:5] != b"\x7fELF\x02" or binary[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", binary, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", binary, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", binary, shoff + i * shentsize) for i in range(shnum)
    ]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings = sections[link][4]
        for start in range(offset, offset + size, entsize):
            name_at, _info2, _other, shndx, value, length = struct.unpack_from(
                "<IBBHQQ", binary, start
            )
            end = binary.index(b"\0", strings + name_at)
            if binary[strings + name_at : end].decode() == symbol:
                home = sections[shndx]
                return value - home[3] + home[4], length
    raise ValueError(f"no symbol {symbol}")


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, item) pairs of an ICU common data package, in the table's order."""
    (header_size,) = struct.unpack_from("<H", data, 0)
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    table = data[header_size:]
    (count,) = struct.unpack_from("<I", table, 0)
    entries = [struct.unpack_from("<II", table, 4 + 8 * i) for i in range(count)]
    ends = dict(itertools.pairwise([*sorted(offset for _name, offset in entries), len(table)]))
    items = []
    for name_at, offset in entries:
        name = table[name_at : table.index(b"\0", name_at)].decode("ascii")
        items.append((name, table[offset : ends[offset]]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A common data package of these items (already sorted by name), each aligned to 16 bytes."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _item in items)
    table_size = 4 + 8 * len(items)
    offset = table_size + len(names)
    offset += -(offset + len(header)) % 16
    entries, blobs, name_at = [], [], table_size
    for name, item in items:
        entries.append(struct.pack("<II", name_at, offset))
        name_at += len(name) + 1
        padded = item + b"\0" * (-len(item) % 16)
        blobs.append(padded)
        offset += len(padded)
    table = struct.pack("<I", len(items)) + b"".join(entries) + names
    table += b"\0" * (-(len(header) + len(table)) % 16)
    return header + table + b"".join(blobs)


def trim_icu_library(library: Path, out_dir: Path, compiler: str = "cc") -> Path:
    """A trimmed copy of `libicudata.so.NN` in out_dir, under the same name and soname."""
    version = re.fullmatch(r"libicudata\.so\.(\d+)(\..*)?", library.name)
    if version is None:
        raise ValueError(f"{library.name} is not ICU's data library")
    symbol = f"icudt{version.group(1)}_dat"
    binary = library.read_bytes()
    start, size = _elf_symbol(binary, symbol)
    header, items = read_package(binary[start : start + size])
    kept = [(name, item) for name, item in items if wanted(name)]
    out_dir.mkdir(parents=True, exist_ok=True)
    package = out_dir / f"icudt{version.group(1)}l.dat"
    package.write_bytes(write_package(header, kept))
    target = out_dir / library.name
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "icudata.S"
        source.write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
            f'{symbol}:\n\t.incbin "{package}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="utf-8",
        )
        subprocess.run(
            [
                compiler,
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{library.name}",
                "-o",
                str(target),
                str(source),
            ],
            check=True,
        )
    return target
