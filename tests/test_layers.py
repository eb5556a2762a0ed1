"""The layers of DESIGN.md hold: Qt only in gui/, SQL only in store/."""

import ast
from pathlib import Path

import fieldkit

PACKAGE = Path(fieldkit.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules_outside(folder: str) -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if folder not in p.relative_to(PACKAGE).parts[:1]]


def test_nothing_below_gui_imports_qt() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in _modules_outside("gui")
        if _imports(p) & {"PySide6", "shiboken6"}
    ]
    assert offenders == []


def _full_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


# The business operations the window and the command line share: Qt-free, window-free.
OPERATIONS = ("store/door.py", "store/exchange_store.py", "store/checkin_store.py")


def test_the_operations_use_neither_qt_nor_the_window() -> None:
    """Check-in at the door, settling conflicts and the other operations live below gui/: the
    command line and the tests use them without a window, and they never reach up into it."""
    assert not (PACKAGE / "gui" / "checkin" / "door.py").exists()
    offenders = []
    below = [
        p for f in ("core", "store", "sync", "io", "reports") for p in (PACKAGE / f).rglob("*.py")
    ]
    for path in [PACKAGE / name for name in OPERATIONS] + below:
        names = _full_imports(path)
        if any(n.split(".")[0] in {"PySide6", "shiboken6"} for n in names) or any(
            n == "fieldkit.gui" or n.startswith("fieldkit.gui.") for n in names
        ):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_sql_lives_only_in_store() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in _modules_outside("store")
        if _imports(p) & {"sqlalchemy", "sqlite3", "alembic"}
    ]
    assert offenders == []


def test_the_command_line_does_not_load_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, fieldkit.cli; fieldkit.cli.main(['events', '--json']); "
        "sys.exit(1 if 'PySide6' in sys.modules else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr


def test_pages_get_a_typed_context_not_an_untyped_controller() -> None:
    """Pages are made with a `PageContext` and write through `Page.write`; none holds an
    untyped controller, and the window's menus do not import the controller back."""
    import re

    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "gui").rglob("*.py")
        if re.search(r"controller\s*:\s*Any\b", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    workspace_actions = PACKAGE / "gui" / "shell" / "workspace_actions.py"
    assert "fieldkit.gui.shell.main_controller" not in _full_imports(workspace_actions)
