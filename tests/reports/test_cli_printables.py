"""`fieldkit sheets`, `badges`, `certificates`, `attendance export`: the same bytes from two
processes, one sentence and nothing written for what they refuse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.demo import ENCOUNTER_CODE

COMMANDS = [
    ("sheets", "s.pdf", ("--day", "1", "--blank-rows", "4", "--lang", "es")),
    ("badges", "b.pdf", ("--layout", "2x5", "--paper", "letter")),
    ("certificates", "c.pdf", ("--lang", "fr")),
    ("attendance export", "a.xlsx", ("--redacted",)),
    ("attendance export", "a.csv", ()),
]


def _run(db: Path, *args: str, seed: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "LANGUAGE": "en"}
    return subprocess.run(
        [sys.executable, "-m", "fieldkit", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(("command", "name", "options"), COMMANDS)
def test_two_processes_write_the_same_bytes(
    badged_db: Path, tmp_path: Path, command: str, name: str, options: tuple[str, ...]
) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed / name
        out.parent.mkdir()
        result = _run(
            badged_db, *command.split(), ENCOUNTER_CODE, "--out", str(out), *options, seed=seed
        )
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sheets", ENCOUNTER_CODE, "--day", "7"], "has no day 7"),
        (["sheets", "NOPE"], "There is no event"),
        (["badges", ENCOUNTER_CODE, "--person", "nobody"], "is not registered"),
        (["certificates", ENCOUNTER_CODE, "--min-days", "0"], "1 or more"),
        (["attendance", "export", ENCOUNTER_CODE], "written as .csv or .xlsx"),
    ],
)
def test_refusals_are_one_sentence_and_write_nothing(
    badged_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / ("a.ods" if args[0] == "attendance" else "x.pdf")
    code = main(["--db", str(badged_db), *args, "--out", str(out)])
    assert code != 0
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_sheet_and_session_cannot_both_be_given(badged_db: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(
            [
                "--db",
                str(badged_db),
                "sheets",
                ENCOUNTER_CODE,
                "--day",
                "1",
                "--session",
                "x",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
