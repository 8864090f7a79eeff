"""The real ``byline`` command in a subprocess."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from byline.reader.cli import commands as cli
from byline.reader.cli import launch


def byline(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script's code in a fresh interpreter, no tty."""
    return subprocess.run(
        [sys.executable, "-m", "byline.reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        env=os.environ.copy(),
    )


def test_search_json_returns_the_seed_article_first(seeds: Path) -> None:
    done = byline("search", "Rogozin", "--dir", str(seeds), "--json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    first = lines[0]
    assert Path(first["path"]).name == "000_5422f9083324faf0.txt"
    assert set(first) == {"id", "path", "date", "headline", "score", "snippet"}
    assert first["date"] == "2021-01-25"
    assert "Rogozin" in first["snippet"]
    assert "Traceback" not in done.stderr


def test_search_plain_output_is_a_readable_table(seeds: Path) -> None:
    done = byline("search", '"lunar exploration"', "--dir", str(seeds))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2021-01-25  The head of Russian space agency")
    assert "\x1b[" not in done.stdout  # not a terminal: no emphasis codes


def test_search_without_hits_exits_1(seeds: Path) -> None:
    done = byline("search", "xylophonistically", "--dir", str(seeds))
    assert done.returncode == 1
    assert done.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ("search", "moon", "--dir", "/no/such/dir"),
        ("index", "/no/such/dir"),
        ("/no/such/dir",),
    ],
)
def test_missing_directory_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    done = byline(*args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no such directory: /no/such/dir" in lines[0]


@pytest.mark.parametrize(
    "args",
    [("search",), ("search", "x", "--dir", ".", "--limit", "zero"), ("index",), ("--bogus",)],
)
def test_bad_arguments_are_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    done = byline(*args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("byline: error:")


@pytest.mark.parametrize("args", [("--help",), ("index", "--help"), ("search", "--help")])
def test_help(args: tuple[str, ...]) -> None:
    done = byline(*args)
    assert done.returncode == 0
    assert "usage: byline" in done.stdout


def test_version() -> None:
    done = byline("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("byline ")


def test_index_summarises_and_lists_problems(seed_corpus: Path) -> None:
    (seed_corpus / "zz_binary.txt").write_bytes(b"\x00\x01\x02")
    done = byline("index", str(seed_corpus))
    assert done.returncode == 0, done.stderr
    count = len(list(seed_corpus.glob("*.txt")))
    assert f"{count - 1} added" in done.stdout
    assert "zz_binary.txt: binary file" in done.stdout
    again = byline("index", str(seed_corpus))
    assert "0 added" in again.stdout
    assert f"{count} unchanged" in again.stdout
    assert "zz_binary.txt: binary file" in again.stdout


def test_reader_without_a_terminal_suggests_search(seeds: Path) -> None:
    done = byline(str(seeds))
    assert done.returncode == 2
    assert "byline search" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_did_you_mean_and_ignored_parts_go_to_stderr(seeds: Path) -> None:
    done = byline("search", "Rogozn", "--dir", str(seeds))
    assert done.returncode == 1
    assert "note: did you mean: rogozin" in done.stderr
    done = byline("search", "Rogozin foo:", "--dir", str(seeds), "--json")
    assert done.returncode == 0
    assert "note: ignored" in done.stderr
    assert json.loads(done.stdout.splitlines()[0])["date"] == "2021-01-25"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"lunar exploration"', "000_5422f9083324faf0.txt"),
        ("speaker:Rogozin", "000_5422f9083324faf0.txt"),
        ("date:2021-01 Roscosmos", "000_5422f9083324faf0.txt"),
        ("Rogozi*", "000_5422f9083324faf0.txt"),
    ],
)
def test_query_forms_from_the_shell(seeds: Path, query: str, expected: str) -> None:
    done = byline("search", query, "--dir", str(seeds), "--json", "--sort", "newest")
    assert done.returncode == 0, done.stderr
    paths = [Path(json.loads(line)["path"]).name for line in done.stdout.splitlines()]
    assert expected in paths


def test_only_the_reader_starts_with_the_collector_paused(
    seed_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def fake_index(args: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli, "cmd_index", fake_index)
    monkeypatch.setattr(sys, "argv", ["byline", "index", str(seed_corpus)])
    assert launch.main() == 0
    assert seen == [True]
    assert gc.isenabled()
