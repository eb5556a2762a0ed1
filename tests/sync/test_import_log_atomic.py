"""An import and its line in the exchange log are written together, or neither is.

A power cut between the two would leave the records in with no line saying so: "undo the last
import" would then put back the copy made before the import before it, taking more away.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldkit.core.ids import new_id
from fieldkit.core.model import Person
from fieldkit.store import Workspace
from fieldkit.store.exchange_store import ExchangeStore
from fieldkit.sync.exchange import export_exchange, import_exchange


class PowerCut(BaseException):
    pass


def test_a_power_cut_while_the_import_is_logged_leaves_it_wholly_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "other").mkdir(exist_ok=True)
    with Workspace(tmp_path / "other" / "w.sqlite") as other:
        other.save(*(Person(id=new_id(), given_names=f"Juana {n}") for n in range(20)))
        exchange = export_exchange(other, tmp_path / "other.fkx").path
    (tmp_path / "here").mkdir(exist_ok=True)
    with Workspace(tmp_path / "here" / "w.sqlite") as ws:
        ws.save(Person(id=new_id(), given_names="Rosa"))
        before = ws.dump()

        def cut(*_args: Any) -> None:
            raise PowerCut

        with monkeypatch.context() as patch:
            patch.setattr(ExchangeStore, "_log_in", staticmethod(cut))
            with pytest.raises(PowerCut):
                import_exchange(ws, exchange)
        assert ws.dump() == before
        assert ws.last_import() is None
        import_exchange(ws, exchange)  # and once the power is back, it comes in whole
        entry = ws.last_import()
        assert entry is not None and entry.file_name == "other.fkx"
        assert len(ws.list(Person)) == 21
