"""End to end in a real terminal: the reader inside tmux at 80x24."""

from __future__ import annotations

import shlex
import sys
from typing import TYPE_CHECKING, Any

import pytest
from isolation import passed_env

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pytestmark = pytest.mark.slow


@pytest.fixture
def tmux_reader(seed_corpus: Path, tmux_session: Callable[..., Any]) -> Any:
    env = passed_env("PATH")
    env["TERM"] = "xterm-256color"
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    reader = f"{shlex.quote(sys.executable)} -m byline.reader {shlex.quote(str(seed_corpus))}"
    return tmux_session(f"env {exports} {reader}; echo BYLINE-EXITED-$?; sleep 60")


def test_launch_search_open_quit(tmux_reader: Any) -> None:
    screen = tmux_reader.wait_for(lambda s: "index up to date" in s and "articles" in s)
    assert "Search:" in screen
    tmux_reader.keys("/")
    tmux_reader.keys("-l", "Rogozin")
    # The count comes with the search; the row is drawn when the row loader
    # has read it (a placeholder until then).
    screen = tmux_reader.wait_for(lambda s: "1 match" in s and "2021-01-25 The head" in s)
    assert "2021-01-25 The head of Russian" in screen
    tmux_reader.keys("Enter")  # to the list
    tmux_reader.wait_for(lambda s: "Leave search" not in s.splitlines()[-1])
    tmux_reader.keys("Enter")  # open
    screen = tmux_reader.wait_for(lambda s: "000_5422f9083324faf0.txt" in s)
    assert "Dmitry Rogozin" in screen
    tmux_reader.keys("q")  # back to the list
    tmux_reader.wait_for(lambda s: "Next match" not in s.splitlines()[-1])
    tmux_reader.keys("q")  # quit
    screen = tmux_reader.wait_for(lambda s: "BYLINE-EXITED-" in s)
    assert "BYLINE-EXITED-0" in screen
    assert "Traceback" not in screen


def test_back_and_quit_typed_in_a_burst(tmux_reader: Any) -> None:
    # The newest seed article heads the list once indexing is done.
    tmux_reader.wait_for(lambda s: "index up to date" in s and "2024-09-13" in s)
    tmux_reader.keys("Enter")
    tmux_reader.wait_for(lambda s: "Next match" in s.splitlines()[-1])
    # Back to the list and quit, sent at once as a fast typist would.
    tmux_reader.keys("q", "q")
    screen = tmux_reader.wait_for(lambda s: "BYLINE-EXITED-" in s)
    assert "BYLINE-EXITED-0" in screen
