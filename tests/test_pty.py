"""The reader in a real pseudo-terminal: record every byte it writes while it shows
hostile articles, and find none of the control sequences hidden in them."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from typing import TYPE_CHECKING

import pytest

from byline.index.corpus import iter_articles
from byline.index.library import open_library
from byline.index.models import Article

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from hostile import HostileCorpus

pytestmark = pytest.mark.slow

# What the terminal would act on: CSI, OSC/DCS/APC/PM/SOS strings, other escapes.
_SEQUENCE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]"
)

_STRAY = re.compile("[\x00-\x06\x08\x0b\x0c\x0e-\x1a\x80-\x9f\u202a-\u202e\u2066-\u2069]")


class PtyApp:
    """A command running on a pty of 80x24, its output recorded byte for byte."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.master = master
        self.output = bytearray()
        self._lock = threading.Lock()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                if self.proc.poll() is not None:
                    return
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the child closed the terminal
                return
            if not data:
                return
            with self._lock:
                self.output += data

    def mark(self) -> int:
        """Where the output is now, to look only at what comes after."""
        with self._lock:
            return len(self.output)

    def text(self, since: int = 0) -> str:
        """The output from ``since`` with control sequences taken out."""
        with self._lock:
            raw = bytes(self.output[since:])
        return _SEQUENCE.sub(b"", raw).decode("utf-8", "replace")

    def send(self, keys: bytes) -> None:
        """Type ``keys``."""
        os.write(self.master, keys)

    def wait_for(self, check: Callable[[str], bool], since: int = 0, timeout: float = 30) -> str:
        """Poll the output until ``check`` accepts it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.text(since)
            if check(shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"timed out; output ends with:\n{self.text(since)[-2000:]}")

    def close(self) -> None:
        """Stop the command if it still runs, and release the terminal."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self._reader.join(timeout=10)
        os.close(self.master)


def _env() -> dict[str, str]:
    keep = ("PATH", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "LANG")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONIOENCODING="utf-8")
    env.pop("NO_COLOR", None)
    return env


def test_hostile_articles_send_no_control_sequences_to_the_terminal(
    hostile_corpus: HostileCorpus, data_dir: Path
) -> None:
    root = hostile_corpus.root
    with open_library(root, data_dir) as library:
        library.update()
    sources = {a.source for a in iter_articles(root) if isinstance(a, Article)}
    assert len(sources) == len(hostile_corpus.articles)
    argv = [sys.executable, "-m", "byline.reader", str(root), "--data-dir", str(data_dir)]
    app = PtyApp(argv, _env())
    try:
        app.wait_for(lambda s: "index up to date" in s)
        # Open every article in the list in turn: Enter, wait for its header, back, next.
        # The article's header line names its file (the list shows headlines only).
        left = {src[:30] for src in sources}
        assert len(left) == len(sources)
        for _ in range(len(sources)):
            since = app.mark()
            app.send(b"\r")
            shown = app.wait_for(lambda s, left=left: any(name in s for name in left), since)
            left = {name for name in left if name not in shown}
            since = app.mark()
            app.send(b"q")
            app.wait_for(lambda s: "Quit" in s, since)
            app.send(b"j")
        assert not left
        assert "[@click=app.quit]here[/]" in app.text()
        app.send(b"q")
        app.proc.wait(timeout=30)
        assert app.proc.returncode == 0
    finally:
        app.close()

    raw = bytes(app.output)
    written = raw.decode("utf-8")  # all the app wrote is well-formed UTF-8
    assert "Traceback" not in written
    for case in hostile_corpus.cases:
        for injected in case.injected:
            assert injected.encode() not in raw, (case.kind, injected)
    # No C1 controls, bidi overrides or stray C0 controls anywhere; every ESC
    # and BEL belongs to a sequence the app itself wrote.
    assert not _STRAY.search(written)
    leftover = _SEQUENCE.sub(b"", raw)
    assert b"\x1b" not in leftover
    assert b"\x07" not in leftover
    for sequence in _SEQUENCE.findall(raw):
        assert not sequence.startswith((b"\x1bP", b"\x1b_", b"\x1b^", b"\x1bX")), sequence
        if sequence.startswith(b"\x1b]"):
            assert sequence.startswith((b"\x1b]22;", b"\x1b]8;")), sequence  # pointer, links
