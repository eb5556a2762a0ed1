"""The app's start: the events list is painted first, with its rows; the pages come after."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.gui.shell.main_controller import create_main_window
from fieldkit.gui.shell.smoke import AT_PAINT_VARIABLE, install_smoke_check
from fieldkit.store import Workspace

from .conftest import Sample

ROOT = Path(__file__).resolve().parents[2]


def test_the_apps_window_makes_its_first_page_once_the_events_are_painted(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = create_main_window(workspace, owns_workspace=True)
    controller = window.controller
    assert controller.current_event_id() is not None
    assert controller.pages == {}  # nothing built before the window is seen
    window.show()
    qtbot.waitUntil(lambda: "overview" in controller.pages, timeout=5000)
    page = controller.pages["overview"]
    assert page.isVisible()
    assert list(controller.pages) == ["overview"]
    window.close()


def test_a_window_of_tests_and_screenshots_has_its_page_at_once(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = create_main_window(workspace)
    qtbot.addWidget(window)
    assert list(window.controller.pages) == ["overview"]


def test_a_page_asked_for_before_the_first_paint_is_made_then(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = create_main_window(workspace, owns_workspace=True)
    page = window.controller.page("people")
    assert window.controller.pages == {"people": page}
    window.close()


def test_the_smoke_report_at_the_first_paint_counts_the_events(
    qtbot, workspace: Workspace, sample: Sample, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(AT_PAINT_VARIABLE, "1")
    monkeypatch.delenv("FIELDKIT_SMOKE_SECONDS", raising=False)
    window = create_main_window(workspace)
    qtbot.addWidget(window)
    assert install_smoke_check(window)
    window.show()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    facts = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert facts["painted"] is True
    assert facts["events"] == 3


def test_the_start_probe_says_how_many_events_it_painted(workspace: Workspace, sample: Sample):
    """What bench's start_cold reads: 'painted N', N the rows of the events list."""
    path = workspace.path
    workspace.close()  # the probe's app takes the workspace's lock
    result = subprocess.run(
        [sys.executable, "-m", "bench.start_probe", "fieldkit", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "painted 3"


def test_the_start_imports_no_page_no_report_and_no_sqlalchemy_before_the_first_paint(
    workspace: Workspace, sample: Sample
) -> None:
    path = workspace.path
    workspace.close()
    script = (
        "import sys\n"
        "from bench import start_probe\n"
        "report = start_probe.FirstPaint.report\n"
        "def noted(self):\n"
        "    print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "        ('sqlalchemy', 'reportlab', 'pypdf', 'pypdfium2', 'jsonschema', 'pyrage',\n"
        "        'alembic', 'rapidfuzz', 'msgspec', 'openpyxl', 'keyring', 'cryptography')\n"
        "        or m.startswith(('fieldkit.gui.events.overview', 'fieldkit.reports',\n"
        "        'fieldkit.gui.events.details', 'fieldkit.gui.people.', 'fieldkit.gui.agenda.',\n"
        "        'fieldkit.gui.notes.', 'fieldkit.gui.checkin.', 'fieldkit.gui.exchange.',\n"
        "        'fieldkit.gui.reports.')))),\n"
        "        file=sys.stderr)\n"
        "    report(self)\n"
        "start_probe.FirstPaint.report = noted\n"
        f"sys.exit(start_probe.main(['fieldkit', {str(path)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = [line for line in result.stderr.splitlines() if "propagateSizeHints" not in line]
    assert loaded[0] == "", loaded[0]


# What the window needs at its first paint is a small part of what the app imports; these load
# later, when a page, a report, an import or an exchange asks for them.
LATER = (
    "sqlalchemy",
    "alembic",
    "reportlab",
    "pypdfium2",
    "rapidfuzz",
    "msgspec",
    "jsonschema",
    "pyrage",
    "openpyxl",
    "keyring",
    "cryptography",
    "PIL",
)


def test_the_packaged_start_through_the_command_line_imports_nothing_of_later_pages(
    workspace: Workspace, sample: Sample
) -> None:
    """The packaged program starts the window through `fieldkit.cli.main`, which knows every
    command: the libraries of those commands must not load before the first paint either."""
    path = workspace.path
    workspace.close()
    script = (
        "import json, sys\n"
        "import fieldkit.gui.shell.smoke as smoke\n"
        "class Noted:\n"
        "    def dumps(self, facts, **options):\n"
        "        facts['loaded'] = sorted({m.split('.')[0] for m in sys.modules})\n"
        "        return json.dumps(facts, **options)\n"
        "smoke.json = Noted()\n"
        "from fieldkit.cli import main\n"
        f"sys.exit(main(['--db', {str(path)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, AT_PAINT_VARIABLE: "1", "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.splitlines()[0])
    assert facts["painted"] and facts["events"] == 3
    assert "PySide6" in facts["loaded"]  # the report was made inside the window
    assert [name for name in LATER if name in facts["loaded"]] == []
