"""The built wheel carries what the app needs outside a checkout."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fieldkit.store import Workspace

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("fieldkit-*.whl")
    return built


def test_the_wheel_holds_resources_catalogs_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "fieldkit/resources/schema/event-interchange.schema.json" in names
    assert "fieldkit/resources/demo/PE-BO-2021.json" in names
    assert "fieldkit/resources/demo/EAU-BOL-2008.json" in names
    assert "fieldkit/resources/guide/fr/index.html" in names  # the user guide and its pictures
    assert "fieldkit/resources/guide/images/es/checkin.png" in names
    assert "fieldkit/translations/fr/LC_MESSAGES/fieldkit.mo" in names
    assert "fieldkit/translations/es/LC_MESSAGES/fieldkit.mo" in names
    assert "fieldkit/store/migrations/env.py" in names
    assert "fieldkit/store/migrations/script.py.mako" in names
    assert any(n.startswith("fieldkit/store/migrations/versions/0001") for n in names)


def test_the_installed_wheel_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "LANGUAGE": "fr"}
    db = tmp_path / "w.sqlite"
    Workspace(db).close()  # `events` only reads: it makes no workspace
    script = (
        "import json, sys, fieldkit, fieldkit.paths as p, fieldkit.cli as c;"
        "print(json.dumps([fieldkit.__file__, str(p.resources_dir()), str(p.translations_dir())]));"
        f"sys.exit(c.main(['--db', {str(db)!r}, 'events']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    located = json.loads(result.stdout.splitlines()[0])
    assert all(path.startswith(str(target)) for path in located)
    assert "Cet espace de travail" in result.stderr  # the French catalog was found

    # The demo events come from the wheel's own resources/demo, through the import path.
    demo = subprocess.run(
        [sys.executable, "-m", "fieldkit", "--db", str(db), "demo"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    listing = subprocess.run(
        [sys.executable, "-m", "fieldkit", "--db", str(db), "events", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert {e["code"] for e in json.loads(listing.stdout)} == {"EAU-BOL-2008", "PE-BO-2021"}
