"""The lock files install exactly what pyproject.toml asks for, at versions its ranges allow."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^ ;\\]+)")


def pins(lock: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]  # type: ignore[no-any-return]


def requirements(*, with_test: bool) -> list[Requirement]:
    meta = project()
    listed = list(meta["dependencies"])  # type: ignore[call-overload]
    if with_test:
        listed += meta["optional-dependencies"]["test"]  # type: ignore[index]
    build = (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    listed += [line for line in build if line.strip() and not line.startswith("#")]
    return [Requirement(text) for text in listed]


@pytest.mark.parametrize(("lock", "with_test"), [("app.lock", False), ("dev.lock", True)])
def test_the_lock_satisfies_every_range_of_pyproject(lock: str, with_test: bool) -> None:
    pinned = pins(ROOT / "requirements" / lock)
    for requirement in requirements(with_test=with_test):
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{lock} has no pin for {requirement} (run `make lock`)"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{lock} pins {name}=={pinned[name]}, outside {requirement} (run `make lock`)"
        )


def test_the_app_and_the_tests_run_the_same_versions() -> None:
    app = pins(ROOT / "requirements" / "app.lock")
    dev = pins(ROOT / "requirements" / "dev.lock")
    assert {name: dev.get(name) for name in app} == app


def test_the_package_is_built_from_the_apps_versions() -> None:
    """package.lock adds PyInstaller to app.lock and changes none of its versions."""
    app = pins(ROOT / "requirements" / "app.lock")
    package = pins(ROOT / "requirements" / "package.lock")
    assert {name: package.get(name) for name in app} == app, "run `make lock`"


def test_the_package_lock_satisfies_package_in() -> None:
    package = pins(ROOT / "requirements" / "package.lock")
    text = (ROOT / "requirements" / "package.in").read_text(encoding="utf-8").splitlines()
    wanted = [Requirement(line) for line in text if line.strip() and not line.startswith("#")]
    assert any(canonicalize_name(r.name) == "pyinstaller" for r in wanted)
    for requirement in [*wanted, *requirements(with_test=False)]:
        name = canonicalize_name(requirement.name)
        assert name in package, f"package.lock has no pin for {requirement} (run `make lock`)"
        assert requirement.specifier.contains(package[name], prereleases=True), (
            f"package.lock pins {name}=={package[name]}, outside {requirement} (run `make lock`)"
        )


@pytest.mark.parametrize("lock", ["app.lock", "dev.lock", "package.lock"])
def test_every_pin_carries_its_hashes(lock: str) -> None:
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    pinned = [block for block in blocks if PIN.match(block)]
    assert pinned
    for block in pinned:
        assert "--hash=sha256:" in block, block.splitlines()[0]
