"""The Qt binding in use keeps Python's reference counts whole when signals are emitted.

PySide6 6.12.0 lost one reference to True on every emit, and the app aborted ("bool_dealloc")
after a few thousand signals, such as the progress of a long PDF. pyproject.toml keeps that release
out; this test catches any other release with the same fault.
"""

import subprocess
import sys

SCRIPT = """
import sys, threading
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    progress = Signal(int, int)

app = QCoreApplication([])
source = Source()
before = sys.getrefcount(True)
for index in range(5000):
    source.progress.emit(index, 5000)
worker = threading.Thread(target=lambda: [source.progress.emit(i, 1) for i in range(5000)])
worker.start()
worker.join()
sys.exit(0 if sys.getrefcount(True) >= before - 10 else 1)
"""


def test_emitting_signals_does_not_leak_references() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-500:]
