"""The installed wheel prints minutes with its own fonts and words, outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.reports.conftest import all_text

ROOT = Path(__file__).parents[2]


def test_minutes_from_the_installed_wheel(demo_db: Path, tmp_path: Path) -> None:
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    for command in (
        ["wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
        ["install", "--quiet", "--no-deps", "--target", str(target)],
    ):
        if command[0] == "install":
            command.append(str(next(wheels.glob("fieldkit-*.whl"))))
        subprocess.run([sys.executable, "-m", "pip", *command], check=True, capture_output=True)
    out = tmp_path / "acta.pdf"
    script = (
        "import sys, fieldkit.cli as c, fieldkit.paths as p;"
        f"assert p.resources_dir().is_relative_to({str(target)!r}), p.resources_dir();"
        f"sys.exit(c.main(['--db', {str(demo_db)!r}, 'minutes', 'PE-BO-2021', '--day', '1',"
        f" '--lang', 'es', '--out', {str(out)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(target)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = all_text(out)
    assert "Ayuda memoria del día 1" in text
    assert "Ch'uxña" in text
