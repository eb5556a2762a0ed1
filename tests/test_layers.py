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
