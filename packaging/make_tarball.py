"""The Linux download: dist/fieldkit-<version>-linux-x86_64.tar.gz from the packaged folder.

The archive unpacks to one `fieldkit/` folder: the program, `install.sh` (menu entry and icons
for the current user) and `share/` (the .desktop file and the icons install.sh places). The same
folder runs from where it is unpacked, and from a USB stick with a `portable` file beside it.
Entries are sorted and their times fixed, so the same folder gives the same archive.
"""

from __future__ import annotations

import gzip
import shutil
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EPOCH = 1_700_000_000  # a fixed time for every entry


def add_linux_files(folder: Path) -> None:
    """Copy install.sh and what it places into the packaged folder."""
    shutil.copy2(HERE / "install.sh", folder / "install.sh")
    (folder / "install.sh").chmod(0o755)
    share = folder / "share"
    (share / "icons").mkdir(parents=True, exist_ok=True)
    shutil.copy2(HERE / "fieldkit.desktop", share / "fieldkit.desktop")
    for icon in ("fieldkit-64.png", "fieldkit-256.png", "fieldkit.svg"):
        shutil.copy2(ROOT / "resources" / "icons" / icon, share / "icons" / icon)


def _normalised(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mtime = EPOCH
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if not info.issym():
        info.mode = 0o755 if info.isdir() or info.mode & 0o100 else 0o644
    return info


def make_tarball(folder: Path, version: str) -> Path:
    add_linux_files(folder)
    target = folder.parent / f"fieldkit-{version}-linux-x86_64.tar.gz"
    paths = [folder, *sorted(folder.rglob("*"))]
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=6, mtime=EPOCH) as zipped,
        tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        for path in paths:
            name = str(Path("fieldkit") / path.relative_to(folder))
            info = archive.gettarinfo(str(path), arcname=name)
            info = _normalised(info)
            if info.isreg():
                with path.open("rb") as handle:
                    archive.addfile(info, handle)
            else:
                archive.addfile(info)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_tarball.py PACKAGED_FOLDER VERSION")
    made = make_tarball(Path(sys.argv[1]), sys.argv[2])
    print(f"{made} ({made.stat().st_size // 1_000_000} MB)")
