"""A start of the window reads its options without making the commands' parsers; anything else
(a command, --help, a wrong option or value) is read and answered by the whole parser."""

import argparse
from pathlib import Path

import pytest

from fieldkit import cli


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[argparse.Namespace]:
    """The arguments the window would have been started with, instead of starting it."""
    seen: list[argparse.Namespace] = []

    def window(args: argparse.Namespace) -> int:
        seen.append(args)
        return 0

    monkeypatch.setattr(cli, "cmd_gui", window)
    return seen


@pytest.fixture
def no_whole_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> argparse.ArgumentParser:
        raise AssertionError("the whole parser was made")

    monkeypatch.setattr(cli, "build_parser", refused)


def test_the_window_starts_with_its_options_and_no_commands_parser(
    started: list[argparse.Namespace], no_whole_parser: None, tmp_path: Path
) -> None:
    assert cli.main(["--db", str(tmp_path / "w.sqlite"), "--lang", "es_PE"]) == 0
    assert cli.main([]) == 0
    first, bare = started
    assert first.db == tmp_path / "w.sqlite"
    assert first.interface_lang == "es_PE"
    assert bare.db is None and bare.interface_lang is None


@pytest.mark.parametrize(
    "argv",
    [["--lang", "zz"], ["--db"], ["--bogus"], ["--help"], ["--db", "w.sqlite", "no-such-command"]],
)
def test_anything_else_is_answered_by_the_whole_parser(
    argv: list[str], started: list[argparse.Namespace], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        cli.main(argv)
    out, err = capsys.readouterr()
    assert "COMMAND" in out + err  # the whole parser's usage, which lists the commands
    assert started == []


def test_a_command_still_gets_its_own_parser(
    started: list[argparse.Namespace], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert cli.main(["--db", str(tmp_path / "w.sqlite"), "demo"]) == 0
    assert started == []
    assert "demo events were added" in capsys.readouterr().err
