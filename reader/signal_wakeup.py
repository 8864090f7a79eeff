"""Wake the event loop whenever a signal arrives.

Python runs a signal handler in the main thread, between two bytecodes.  A
signal the kernel delivers to another thread (any of the app's worker or
terminal threads can receive one) only sets a flag, and an idle app's main
thread sits in ``epoll_wait`` with no timeout: Textual's SIGCONT handler then
did not run after ``fg`` until something else woke the loop, and the reader
stayed blank (about one resume in ten).  CPython's wakeup file descriptor
is written by whichever thread takes the signal; watching it from the loop
makes every Python-level handler run at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys


class SignalWakeup:
    """Installs a wakeup pipe for the running loop; :meth:`close` removes it."""

    def __init__(self) -> None:
        self._fds: tuple[int, int] | None = None
        if sys.platform == "win32":
            return  # no add_reader on Windows' event loop, and no job control
        read_fd, write_fd = os.pipe()
        os.set_blocking(read_fd, False)
        os.set_blocking(write_fd, False)
        try:
            previous = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
        except ValueError:  # not the main thread: signals never reach this loop
            _close(read_fd, write_fd)
            return
        if previous != -1:
            # Someone (asyncio's own signal handling) already wakes the loop.
            signal.set_wakeup_fd(previous)
            _close(read_fd, write_fd)
            return
        asyncio.get_running_loop().add_reader(read_fd, _drain, read_fd)
        self._fds = (read_fd, write_fd)

    def close(self) -> None:
        """Stop watching for signals and close the pipe."""
        if self._fds is None:
            return
        read_fd, write_fd = self._fds
        self._fds = None
        with contextlib.suppress(ValueError):
            previous = signal.set_wakeup_fd(-1)
            if previous not in (-1, write_fd):
                signal.set_wakeup_fd(previous)  # someone else's since: keep it
        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().remove_reader(read_fd)
        _close(read_fd, write_fd)


def _drain(read_fd: int) -> None:
    # Reading is all it takes: the handlers run as soon as this bytecode does.
    with contextlib.suppress(BlockingIOError, OSError):
        while os.read(read_fd, 512):
            pass


def _close(*fds: int) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)
