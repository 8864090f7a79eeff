"""The reader as people meet it over SSH: odd TERMs, resizes, Ctrl-z, slow links."""

from __future__ import annotations

import fcntl
import os
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import termios
import time
from typing import TYPE_CHECKING

import pytest
from isolation import passed_env

from byline.index.library.api import open_library
from byline.reader.cli.commands import bundled_seeds

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path
    from typing import Any

pytestmark = pytest.mark.slow
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

ESCAPE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[P\]X^_][^\x1b\x07]*(?:\x1b\\|\x07)|\x1b.")
MOUSE_ON = b"\x1b[?1000h"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed corpus and an up-to-date index of it, shared by the module's readers."""
    base = tmp_path_factory.mktemp("ssh-terminal")
    root = base / "corpus"
    shutil.copytree(bundled_seeds(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    with open_library(root, base / "index") as library:
        library.update()
    return root, base / "index"


def reader_command(corpus: tuple[Path, Path], *extra: str) -> list[str]:
    root, index_dir = corpus
    return [sys.executable, "-m", "byline.reader", str(root), "--data-dir", str(index_dir), *extra]


def base_env(**extra: str) -> dict[str, str]:
    env = passed_env("PATH")
    env.update(extra)
    return env


# -- in tmux ------------------------------------------------------------------


def in_tmux(tmux: Callable[..., Any], corpus: tuple[Path, Path], env: dict[str, str]) -> Any:
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = shlex.join(reader_command(corpus))
    return tmux(f"env -i {exports} {command}; echo BYLINE-EXITED-$?; sleep 60")


def footer(screen: str) -> str:
    return screen.rstrip("\n").splitlines()[-1]


@needs_tmux
@pytest.mark.parametrize(
    ("term", "no_color"),
    [
        ("xterm-256color", False),
        ("xterm", False),
        ("screen", False),
        ("screen-256color", False),
        ("tmux-256color", False),
        ("linux", False),
        ("xterm-256color", True),
    ],
)
def test_list_article_and_resize_under_term(
    corpus: tuple[Path, Path], term: str, no_color: bool, tmux_session: Callable[..., Any]
) -> None:
    env = base_env(TERM=term, **({"NO_COLOR": "1"} if no_color else {}))
    tmux = in_tmux(tmux_session, corpus, env)
    try:
        screen = tmux.wait_for(
            lambda s: "index up to date" in s and "Leeds Mayor Margaret Ashdown" in s
        )
        assert "42 articles" in screen
        tmux.keys("Enter")
        # The keys and the article's text (read in a worker) come in separate frames.
        screen = tmux.wait_for(
            lambda s: "Back to list" in footer(s) and "038_ashdown-steps-down.txt" in s
        )
        assert max(len(line.rstrip()) for line in screen.splitlines()) <= 80
        tmux.resize(130, 30)
        # The panes are laid out again at once: the article wraps at the new width.
        # (Waiting for the whole frame: tmux may be captured while one is half drawn.)
        screen = tmux.wait_for(
            lambda s: (
                max(len(line.rstrip()) for line in s.splitlines()) > 100
                and len(s.rstrip("\n").splitlines()) == 30
                and "Back to list" in footer(s)
            )
        )
        tmux.keys("q")
        tmux.wait_for(lambda s: "Quit" in footer(s))
        tmux.keys("q")
        screen = tmux.wait_for(lambda s: "BYLINE-EXITED-" in s)
        assert "BYLINE-EXITED-0" in screen
        assert "Traceback" not in screen
    finally:
        tmux.kill()


@needs_tmux
def test_ctrl_z_suspends_and_fg_restores_the_screen(
    corpus: tuple[Path, Path], tmux_session: Callable[..., Any]
) -> None:
    env = base_env(TERM="xterm-256color", PS1="shell$ ")
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    tmux = tmux_session(f"env -i {exports} bash --norc --noprofile -i")
    try:
        tmux.wait_for(lambda s: "shell$" in s)
        tmux.keys("-l", shlex.join(reader_command(corpus)))
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "index up to date" in s and "Leeds Mayor Margaret Ashdown" in s)
        tmux.keys("C-z")
        screen = tmux.wait_for(lambda s: "Stopped" in s)
        assert "Leeds Mayor Margaret Ashdown" not in screen  # the shell's screen is back
        tmux.keys("fg", "Enter")
        screen = tmux.wait_for(
            lambda s: "Leeds Mayor Margaret Ashdown" in s and "Quit" in footer(s)
        )
        assert "Stopped" not in screen
        tmux.keys("q")
        tmux.wait_for(lambda s: s.rstrip().endswith("shell$"))
        tmux.keys("-l", "echo status=$?")
        tmux.keys("Enter")
        assert "status=0" in tmux.wait_for(lambda s: "status=" in s)
    finally:
        tmux.kill()


# -- on a pty -----------------------------------------------------------------


class Pty:
    """A process on a pseudo-terminal; keeps every byte it writes to the terminal."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)):
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.modes = termios.tcgetattr(self.slave)
        self.process = subprocess.Popen(
            command,
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=env,
            start_new_session=True,
        )
        self.raw = bytearray()

    def settle(self, text: bytes = b"", quiet: float = 0.4, timeout: float = 30.0) -> int:
        """Read until ``text`` arrived and then nothing for ``quiet`` s; the bytes read."""
        start = len(self.raw)
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                self.raw += os.read(self.master, 65536)
                last = time.monotonic()
            elif text in self.raw[start:] and time.monotonic() - last >= quiet:
                return len(self.raw) - start
            if time.monotonic() > deadline:
                shown = ESCAPE.sub(b"", bytes(self.raw[start:]))[-2000:]
                raise AssertionError(f"timed out waiting for {text!r}; got {shown!r}")

    def press(self, key: bytes, text: bytes = b"", quiet: float = 0.4) -> int:
        os.write(self.master, key)
        return self.settle(text, quiet)

    def wait(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                self.raw += os.read(self.master, 65536)
        return self.process.wait(timeout=1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def pty_reader(corpus: tuple[Path, Path]) -> Iterator[Callable[..., Pty]]:
    opened: list[Pty] = []

    def start(*extra: str, **env: str) -> Pty:
        pty = Pty(reader_command(corpus, *extra), base_env(TERM="xterm-256color", **env))
        opened.append(pty)
        return pty

    yield start
    for pty in opened:
        pty.close()


def test_bytes_written_for_launch_move_and_page_down(pty_reader: Callable[..., Pty]) -> None:
    reader = pty_reader()
    launch = reader.settle(b"index up to date")
    move = reader.press(b"j")
    reader.press(b"k")
    opened = reader.press(b"\r", b"Back to list")
    page = reader.press(b" ")
    idle = reader.settle(quiet=1.5)
    print(f"\nbytes at 80x24: launch {launch}, j {move}, open {opened}, space {page}, idle {idle}")
    assert 0 < page < 10_000
    assert 0 < move < 10_000
    assert idle == 0  # no cursor blink, clock or other repaint while nothing happens
    assert reader.press(b"\x03") >= 0
    assert reader.wait() == 0


def test_mouse_reporting_is_off_in_an_ssh_session(pty_reader: Callable[..., Pty]) -> None:
    ssh = {"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}
    readers = {
        "local": pty_reader(),
        "ssh": pty_reader(**ssh),
        "ssh --mouse": pty_reader("--mouse", **ssh),
        "local --no-mouse": pty_reader("--no-mouse"),
    }
    for reader in readers.values():
        reader.settle(b"Leeds Mayor Margaret Ashdown", quiet=0.2)
        reader.press(b"\x03")
        assert reader.wait() == 0
    mouse = {name: MOUSE_ON in reader.raw for name, reader in readers.items()}
    assert mouse == {"local": True, "ssh": False, "ssh --mouse": True, "local --no-mouse": False}


def test_quitting_restores_the_terminal(pty_reader: Callable[..., Pty]) -> None:
    reader = pty_reader()
    reader.settle(b"Leeds Mayor Margaret Ashdown", quiet=0.2)
    assert termios.tcgetattr(reader.slave) != reader.modes  # raw mode while it runs
    reader.press(b"q")
    assert reader.wait() == 0
    assert termios.tcgetattr(reader.slave) == reader.modes
    assert reader.raw.rfind(b"\x1b[?1049l") > reader.raw.rfind(b"\x1b[?1049h")


def test_sigterm_quits_and_restores_the_terminal(pty_reader: Callable[..., Pty]) -> None:
    reader = pty_reader()
    reader.settle(b"Leeds Mayor Margaret Ashdown", quiet=0.2)
    reader.process.terminate()
    assert reader.wait() == 128 + 15
    assert termios.tcgetattr(reader.slave) == reader.modes
    assert reader.raw.rfind(b"\x1b[?1049l") > reader.raw.rfind(b"\x1b[?1049h")


def test_the_terminal_is_restored_after_an_error(corpus: tuple[Path, Path]) -> None:
    root, index_dir = corpus
    # The reader with opening an article broken, as a bug would break it.
    script = (
        "import sys\n"
        "from byline.reader.cli import commands as cli\n"
        "from byline.reader.widgets import article_view\n"
        "def broken(*args, **kwargs):\n"
        "    raise RuntimeError('a bug in the reading pane')\n"
        "article_view.ArticleView.show = broken\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    reader = Pty(
        [sys.executable, "-c", script, str(root), "--data-dir", str(index_dir)],
        base_env(TERM="xterm-256color"),
    )
    try:
        reader.settle(b"Leeds Mayor Margaret Ashdown", quiet=0.2)
        os.write(reader.master, b"\r")
        status = reader.wait()
        assert status != 0
        assert termios.tcgetattr(reader.slave) == reader.modes
        assert b"a bug in the reading pane" in reader.raw
        assert reader.raw.rfind(b"\x1b[?1049l") > reader.raw.rfind(b"\x1b[?1049h")
        assert reader.raw.rfind(b"\x1b[?25h") > reader.raw.rfind(b"\x1b[?25l")
    finally:
        reader.close()


def test_no_terminal_or_term_dumb_is_a_one_line_error(corpus: tuple[Path, Path]) -> None:
    piped = subprocess.run(
        reader_command(corpus),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=base_env(TERM="xterm-256color"),
        timeout=60,
    )
    assert piped.returncode == 2
    assert piped.stderr.count("\n") == 1
    assert "byline search" in piped.stderr
    dumb = Pty(reader_command(corpus), base_env(TERM="dumb"))
    try:
        assert dumb.wait() == 2
        assert b"byline search" in dumb.raw
        assert b"\x1b[" not in dumb.raw
    finally:
        dumb.close()
