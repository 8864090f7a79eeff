"""A command on a pseudo-terminal of 80x24 whose output is recorded byte for byte
(used through the ``pty_reader`` fixture in conftest.py)."""

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

from isolation import passed_env

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

# What the terminal would act on: CSI, OSC/DCS/APC/PM/SOS strings, other escapes.
_SEQUENCE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]"
)


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

    def wait_for(
        self, check: Callable[[str], bool], since: int = 0, timeout: float = 30, note: str = ""
    ) -> str:
        """Poll the output until ``check`` accepts it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.text(since)
            if check(shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(
            f"timed out {note}; output since the mark:\n{self.text(since)[-3000:]}"
        )

    def close(self) -> None:
        """Stop the command if it still runs, and release the terminal (idempotent)."""
        if self.master < 0:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self._reader.join(timeout=10)
        os.close(self.master)
        self.master = -1


def reader_env() -> dict[str, str]:
    """The environment for a reader on a terminal (the test's private dirs kept)."""
    env = passed_env("PATH", "LANG")
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONIOENCODING="utf-8")
    env.pop("NO_COLOR", None)
    return env


def start_reader(corpus: Path, data_dir: Path) -> PtyApp:
    """``python -m byline.reader CORPUS --data-dir DATA`` on a fresh terminal."""
    argv = [sys.executable, "-m", "byline.reader", str(corpus), "--data-dir", str(data_dir)]
    return PtyApp(argv, reader_env())
