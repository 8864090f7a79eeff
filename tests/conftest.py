"""Shared fixtures. Every test runs with its own cache, config, data and state dirs."""

from __future__ import annotations

import os

# Textual reads this when it is imported: no animations in tests.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from hostile import HostileCorpus, make_hostile_corpus
from isolation import isolated_settings
from pty_session import PtyApp, start_reader

from byline.index.library.api import Library, open_library
from byline.reader.cli.commands import bundled_seeds

if TYPE_CHECKING:
    from pathlib import Path

SEED_ARTICLE = "000_5422f9083324faf0.txt"


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the user's real cache, config and data out of every test: every ``BYLINE_*``
    variable and every home platformdirs reads points into a fresh directory."""
    base = tmp_path_factory.mktemp("isolated")
    for name, value in isolated_settings(base).items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A private copy of the bundled seeds/ that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(bundled_seeds(), target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Where the test's index lives."""
    return tmp_path / "data"


@pytest.fixture
def library(seed_corpus: Path, data_dir: Path) -> Iterator[Library]:
    """An up-to-date library over the seed corpus."""
    lib = open_library(seed_corpus, data_dir)
    lib.update()
    yield lib
    lib.close()


def _write_article(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def write_article() -> Callable[[Path, str, str], Path]:
    """``write_article(root, name, text)`` writes a UTF-8 article file and returns its path."""
    return _write_article


@pytest.fixture
def seeds() -> Path:
    """The bundled seeds/ directory (read-only: copy it to change it)."""
    return bundled_seeds()


@pytest.fixture
def seed_article(seeds: Path) -> Path:
    """The real seed article about Roscosmos and the Lunar Gateway."""
    return seeds / SEED_ARTICLE


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> HostileCorpus:
    """A directory of hostile files (see tests/hostile.py), without the multi-MB ones."""
    return make_hostile_corpus(tmp_path / "hostile", huge=False)


@pytest.fixture
def huge_hostile_corpus(tmp_path: Path) -> HostileCorpus:
    """The full hostile directory, multi-megabyte articles included."""
    return make_hostile_corpus(tmp_path / "hostile", huge=True)


@pytest.fixture
def pty_reader() -> Iterator[Callable[[Path, Path], PtyApp]]:
    """``pty_reader(corpus, data_dir)`` starts the reader on an 80x24 pseudo-terminal
    that records every byte it writes; all are stopped when the test ends."""
    started: list[PtyApp] = []

    def start(corpus: Path, data_dir: Path) -> PtyApp:
        app = start_reader(corpus, data_dir)
        started.append(app)
        return app

    yield start
    for app in started:
        app.close()


class Tmux:
    """A detached tmux session of a given size running one command.

    It runs on a tmux server of its own (``-L``), so that nothing else using
    tmux on the machine (options, other sessions, kill-server) can disturb it.
    """

    def __init__(self, command: str, width: int = 80, height: int = 24) -> None:
        self.name = f"byline-test-{uuid.uuid4().hex[:8]}"
        self.tmux = ["tmux", "-L", self.name, "-f", os.devnull]
        subprocess.run(
            [
                *self.tmux,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                command,
            ],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def resize(self, width: int, height: int) -> None:
        subprocess.run(
            [*self.tmux, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def wait_for(self, check: Callable[[str], bool], timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out; screen was:\n{screen}")

    def kill(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], check=False, capture_output=True)


TmuxFactory = Callable[..., Tmux]


@pytest.fixture
def tmux_session() -> Iterator[TmuxFactory]:
    """``tmux_session(command, width=80, height=24)`` starts a private tmux server; all are
    killed after the test."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    started: list[Tmux] = []

    def start(command: str, width: int = 80, height: int = 24) -> Tmux:
        session = Tmux(command, width, height)
        started.append(session)
        return session

    yield start
    for session in started:
        session.kill()
