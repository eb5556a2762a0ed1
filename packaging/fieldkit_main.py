"""The packaged app's entry point: the same `fieldkit` command as the installed package.

With no arguments it opens the window; with a command it is the command line. A windowed
executable (Windows, macOS) has no stdout or stderr at all: messages then go nowhere instead of
failing on None.
"""

import os
import sys
from pathlib import Path

if sys.stdout is None or sys.stderr is None:
    sink = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - as long as the process
    sys.stdout = sys.stdout or sink
    sys.stderr = sys.stderr or sink

from fieldkit.cli import main  # after the streams exist

if __name__ == "__main__":
    sys.exit(main())
