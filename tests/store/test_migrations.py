import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.core.model import Event, Person
from fieldkit.store import Workspace
from fieldkit.store.database import SCHEMA_REVISION, head_revision, script_head
from fieldkit.store.schema import metadata

DATA = Path(__file__).parents[1] / "data"


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_the_migrations_make_the_schema_the_code_expects(workspace: Workspace) -> None:
    with workspace.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_a_first_version_workspace_is_upgraded_after_a_verified_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "workspace-0001.sqlite", path)
    with Workspace(path) as ws:
        assert ws.find_event("OLD-1").title == "Taller de Salinas"
        assert ws.search_people("nuflo")[0] == ws.get(
            Person, "1d2c3b4a-5e6f-4a8b-9c0d-1e2f3a4b5c6d"
        )
        ws.update(Event, ws.find_event("OLD-1").id, title="Taller de Salinas (2)")
    (backup,) = (tmp_path / "backups").glob("old.*.before-*.backup.sqlite")
    connection = sqlite3.connect(backup)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    connection.close()
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
        head_revision(),
    )
    connection.close()


def test_a_workspace_from_a_newer_fieldkit_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    shutil.copy(DATA / "workspace-0001.sqlite", path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = _dump(path)
    with pytest.raises(WorkspaceUnavailable, match="newer version of fieldkit"):
        Workspace(path)
    assert _dump(path) == before
    assert not (tmp_path / "backups").exists()


def test_a_failing_migration_rolls_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "clash.sqlite"
    shutil.copy(DATA / "workspace-0001.sqlite", path)
    connection = sqlite3.connect(path)
    # A table in the way of migration 0002: its CREATE TABLE fails halfway through the upgrade.
    connection.execute("CREATE TABLE conflict (x)")
    connection.commit()
    connection.close()
    before = _dump(path)
    with pytest.raises(Exception, match="conflict"):
        Workspace(path)
    assert _dump(path) == before


def test_opening_an_up_to_date_workspace_writes_nothing(
    workspace: Workspace, sample_event: str
) -> None:
    path = workspace.path
    workspace.close()
    before = _dump(path)
    Workspace(path).close()
    assert _dump(path) == before
    workspace.__init__(path)  # type: ignore[misc]  # reopen for the fixture's close


def test_the_schema_revision_constant_is_the_newest_migration() -> None:
    assert script_head() == SCHEMA_REVISION
