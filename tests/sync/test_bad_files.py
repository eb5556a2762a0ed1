"""Every broken or hostile exchange file gets one sentence and leaves the workspace as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fieldkit.core.errors import InvalidInput
from fieldkit.demo import install_demo
from fieldkit.store import Workspace
from fieldkit.sync import fileformat
from fieldkit.sync.exchange import import_exchange

DATA = Path(__file__).parents[1] / "data" / "exchange"
PASSPHRASE = "cinco delegaciones, tres ejes"

# file name -> what the sentence must say
REFUSED: dict[str, str] = {
    "empty.fkx": "empty",
    "random-bytes.fkx": "not a fieldkit exchange file",
    "picture-renamed.fkx": "not a fieldkit exchange file",
    "truncated.fkx": "damaged or incomplete",
    "changed-byte.fkx": "records.jsonl",
    "absolute-name.fkx": "/etc/fieldkit",
    "dotdot-name.fkx": "blobs/../../escape",
    "colliding-names.fkx": "twice",
    "symlink.fkx": "not a plain file",
    "zip-bomb.fkx": "too large",
    "lying-size.fkx": "records.jsonl",
    "no-manifest.fkx": "no manifest",
    "member-not-in-manifest.fkx": "does not list",
    "manifest-lists-missing-member.fkx": "missing from the file",
    "attachment-hash-mismatch.fkx": "does not match its fingerprint",
    "newer-format.fkx": "fieldkit 3.0.0 or newer",
    "record-wrong-type.fkx": "title",
    "record-unknown-field.fkx": "colour",
    "record-bad-enum.fkx": "gender",
    "record-unknown-kind.fkx": "password",
    "record-twice.fkx": "appears twice",
    "record-duplicate-key.fkx": "Record",
    "record-missing-clock.fkx": "clock stamp",
    "record-nan.fkx": "Record",
    "years-ahead.fkx": "more than a year in the future",
    "conflict-bad-value.fkx": "not valid JSON",
    "vector-garbage.fkx": "bad version vector",
    "encrypted-damaged.fkx": "passphrase does not open this file, or the file is damaged",
    "encrypted-absurd-work.fkx": "unreasonable amount of work",
}


@pytest.fixture(scope="module")
def demo_workspace_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "workspace.sqlite"
    with Workspace(path) as ws:
        install_demo(ws)
    return path


@pytest.fixture
def demo_workspace(demo_workspace_file: Path, tmp_path: Path) -> Workspace:
    path = tmp_path / "ws" / "workspace.sqlite"
    path.parent.mkdir()
    shutil.copy(demo_workspace_file, path)
    return Workspace(path)


def _assert_refused_untouched(ws: Workspace, file: Path, expected: str, **kwargs: object) -> None:
    digest, integrity = ws.dump_digest(), ws.integrity()
    folder_before = sorted(p.name for p in ws.path.parent.iterdir())
    for dry_run in (True, False):
        with pytest.raises(InvalidInput) as refused:
            import_exchange(ws, file, dry_run=dry_run, **kwargs)  # type: ignore[arg-type]
        assert expected in refused.value.message
        assert "\n" not in refused.value.message
    assert ws.dump_digest() == digest
    assert ws.integrity() == integrity == "ok"
    assert sorted(p.name for p in ws.path.parent.iterdir()) == folder_before  # nothing left behind
    assert ws.last_import() is None


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_bad_file_is_refused_and_changes_nothing(demo_workspace: Workspace, name: str) -> None:
    try:
        _assert_refused_untouched(demo_workspace, DATA / name, REFUSED[name], passphrase=PASSPHRASE)
    finally:
        demo_workspace.close()


def test_the_good_files_are_accepted(demo_workspace: Workspace) -> None:
    try:
        report = import_exchange(demo_workspace, DATA / "good.fkx")
        assert report.summary.new["event"] == 1
        again = import_exchange(demo_workspace, DATA / "good-encrypted.fkx", PASSPHRASE)
        assert not again.summary.anything
    finally:
        demo_workspace.close()


def test_an_encrypted_file_without_or_with_a_wrong_passphrase(demo_workspace: Workspace) -> None:
    try:
        _assert_refused_untouched(demo_workspace, DATA / "good-encrypted.fkx", "encrypted")
        _assert_refused_untouched(
            demo_workspace,
            DATA / "good-encrypted.fkx",
            "passphrase does not open",
            passphrase="wrong",
        )
    finally:
        demo_workspace.close()


def test_an_oversized_manifest_is_refused(
    demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.sync import reader

    monkeypatch.setattr(reader, "MAX_MANIFEST_BYTES", 200)
    try:
        _assert_refused_untouched(demo_workspace, DATA / "good.fkx", "too large")
    finally:
        demo_workspace.close()


def test_a_missing_file_and_a_folder(demo_workspace: Workspace, tmp_path: Path) -> None:
    try:
        _assert_refused_untouched(demo_workspace, tmp_path / "nowhere.fkx", "no file")
        _assert_refused_untouched(demo_workspace, tmp_path, "folder")
    finally:
        demo_workspace.close()


def test_the_limits_are_not_generous() -> None:
    assert fileformat.MAX_SCRYPT_LOG_N <= 20
    assert fileformat.MAX_RATIO <= 1000


def test_a_record_larger_than_any_fieldkit_writes_is_named_as_such(
    demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.sync import reader

    monkeypatch.setattr(reader, "MAX_LINE_BYTES", 300)
    try:
        _assert_refused_untouched(
            demo_workspace, DATA / "good.fkx", "more than fieldkit ever writes for one record"
        )
    finally:
        demo_workspace.close()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_a_full_disk_while_copying_is_not_called_a_bad_file() -> None:
    from fieldkit.sync.reader import _copy_capped

    with pytest.raises(InvalidInput) as refused:
        _copy_capped(DATA / "good.fkx", Path("/dev/full"))
    assert "no room to work" in refused.value.message
    assert "cannot be read" not in refused.value.message


def _with_manifest(tmp_path: Path, name: str, change: Callable[[dict[str, Any]], None]) -> Path:
    """good.fkx with its manifest changed (every part and its fingerprint left as they were)."""
    target = tmp_path / name
    with zipfile.ZipFile(DATA / "good.fkx") as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == fileformat.MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            out.writestr(info, data)
    return target


def _fake_event(manifest: dict[str, Any]) -> None:
    manifest["events"].append({"id": "0" * 32, "code": "FALSO", "title": "Evento inventado"})


def _renamed_event(manifest: dict[str, Any]) -> None:
    manifest["events"][0]["title"] = "Otro título"


def _more_people(manifest: dict[str, Any]) -> None:
    manifest["counts"]["person"] = manifest["counts"].get("person", 0) + 5


def _version(number: int) -> Callable[[dict[str, Any]], None]:
    def change(manifest: dict[str, Any]) -> None:
        manifest["version"] = number

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_fake_event, "does not describe the records"),
        (_renamed_event, "does not describe the records"),
        (_more_people, "does not describe the records"),
        (_version(0), "manifest of the exchange file is not valid"),
        (_version(-5), "manifest of the exchange file is not valid"),
    ],
)
def test_the_preview_does_not_trust_a_manifest_that_lies(
    demo_workspace: Workspace,
    tmp_path: Path,
    change: Callable[[dict[str, Any]], None],
    expected: str,
) -> None:
    try:
        _assert_refused_untouched(
            demo_workspace, _with_manifest(tmp_path, "lie.fkx", change), expected
        )
    finally:
        demo_workspace.close()


def test_an_unchanged_manifest_rewritten_is_still_accepted(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    try:
        file = _with_manifest(tmp_path, "same.fkx", lambda manifest: None)
        assert import_exchange(demo_workspace, file, dry_run=True).manifest.events
    finally:
        demo_workspace.close()


@pytest.mark.parametrize(
    ("limit", "value", "expected"),
    [
        ("MAX_TEXT_CHARACTERS", 5, "a text longer than 5 characters"),
        ("MAX_RECORDS", 3, "more than 3 records"),
        ("MAX_ATTACHMENT_BYTES", 10, "attachments of more than 0 MB are refused"),
    ],
)
def test_what_a_file_unpacks_to_is_capped(
    demo_workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
    expected: str,
) -> None:
    from fieldkit.sync import reader

    monkeypatch.setattr(reader, limit, value)
    try:
        _assert_refused_untouched(demo_workspace, DATA / "good.fkx", expected)
    finally:
        demo_workspace.close()


def test_an_attachment_no_record_refers_to_is_refused(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    data = b"nothing points at these bytes"
    digest = hashlib.sha256(data).hexdigest()
    target = tmp_path / "stowaway.fkx"
    with zipfile.ZipFile(DATA / "good.fkx") as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == fileformat.MANIFEST:
                manifest = json.loads(content)
                manifest["members"].append(
                    {"name": f"blobs/{digest}", "size": len(data), "sha256": digest}
                )
                content = json.dumps(manifest).encode()
            else:
                out.writestr(info, content)
                continue
            out.writestr(f"blobs/{digest}", data)
            out.writestr(info, content)
    try:
        _assert_refused_untouched(demo_workspace, target, "none of its records refers to")
    finally:
        demo_workspace.close()
