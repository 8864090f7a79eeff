"""``byline serve``: the reader offered over SSH, one reader process per session.

Only public-key logins from an authorized_keys file get in, and all they get is
the reader: no shell, exec, subsystem (SFTP) or forwarding.  Each session runs
``python -m byline.reader`` on a pseudo-terminal of its own, sized and typed
from the client's pty request; sessions share one index, and reading state is
kept per connecting key (``BYLINE_STATE_DIR``).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

import asyncssh

from byline.index import paths
from byline.index.errors import LibraryError
from byline.index.library.api import open_library

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

DEFAULT_TERM = "xterm-256color"
# How long a reader gets to quit after SIGTERM before it is killed outright.
KILL_GRACE = 2.0
READ_CHUNK = 65536
# Undo what a full-screen app may have switched on, for when its reader is
# killed before it could: mouse, focus and paste reports, the kitty keyboard
# mode, colours, a hidden cursor and the alternate screen.
RESTORE_TERMINAL = (
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1004l\x1b[?2004l"
    b"\x1b[<u\x1b[?7h\x1b[0m\x1b[?25h\x1b[?1049l"
)


class ServeError(Exception):
    """The server cannot start; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """What ``byline serve`` was asked to do."""

    corpus: Path
    authorized_keys: Path
    index_dir: Path | None = None
    """Where the shared index lives (the reader's ``--data-dir``); None: the default."""
    host: str = "127.0.0.1"
    port: int = 2222
    max_sessions: int = 8
    idle_timeout: float = 1800.0
    """Seconds without input before a session is closed; 0 never closes one."""
    data_dir: Path | None = None
    """Host key and per-key state; None: :func:`byline.index.paths.data_dir`."""
    reader: tuple[str, ...] = (sys.executable, "-m", "byline.reader")
    """The command that runs one reader (the corpus and options are appended)."""


def load_host_key(directory: Path) -> asyncssh.SSHKey:
    """The server's host key, generated (mode 0600) on first use."""
    path = paths.host_key_file(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            key = asyncssh.generate_private_key("ssh-ed25519")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(key.export_private_key())
            return key
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)  # a private key readable by others is not private
        return asyncssh.read_private_key(path)
    except (OSError, asyncssh.KeyImportError) as exc:
        raise ServeError(f"cannot use the host key {path}: {exc}") from None


def load_authorized_keys(path: Path) -> asyncssh.SSHAuthorizedKeys:
    """The keys allowed in; a missing or empty file is a :class:`ServeError`."""
    hint = "list the public keys allowed to connect there, or pass --authorized-keys FILE"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ServeError(f"no authorized keys file at {path}: {hint}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ServeError(f"cannot read {path}: {exc}") from None
    entries = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    try:
        if entries:
            return asyncssh.import_authorized_keys("\n".join(entries))
    except (ValueError, asyncssh.KeyImportError):
        pass
    raise ServeError(f"no usable keys in {path}: {hint}")


def key_folder(fingerprint: str) -> str:
    """A key fingerprint (``SHA256:base64``) as a file name."""
    return fingerprint.replace(":", "-").replace("/", "_").replace("+", "-").rstrip("=")


def _stamp() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Hub:
    """What all connections share: config, keys, the live sessions and the log."""

    def __init__(
        self,
        config: ServeConfig,
        authorized: asyncssh.SSHAuthorizedKeys,
        log: TextIO,
    ) -> None:
        self.config = config
        self.authorized = authorized
        self.data_dir = config.data_dir or paths.data_dir()
        self.index_dir = config.index_dir or paths.libraries_dir()
        self.sessions: set[ReaderSession] = set()
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self._log = log

    def log(self, event: str) -> None:
        """One timestamped line on the log."""
        print(f"{_stamp()} {event}", file=self._log, flush=True)

    def reader_env(self, fingerprint: str, term: str, tty: str, peer: str) -> dict[str, str]:
        """The environment of one session's reader."""
        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        env["TERM"] = term
        env["SSH_CONNECTION"] = peer
        env["SSH_TTY"] = tty
        state = paths.session_state_dir(self.data_dir, key_folder(fingerprint))
        env[paths.STATE_DIR.name] = str(state)
        return env

    def reader_command(self) -> list[str]:
        """The command line of one session's reader."""
        config = self.config
        return [*config.reader, str(config.corpus), "--data-dir", str(self.index_dir)]


class Gate(asyncssh.SSHServer):
    """One connection: public-key login against the authorized keys, nothing else."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.conn: asyncssh.SSHServerConnection | None = None
        self.peer = "?"
        self.peer_addr = ""
        self.ssh_connection = ""
        self.fingerprint: str | None = None
        self.authenticated = False
        self.started = time.monotonic()
        self._refused: set[str] = set()

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        self.hub.connections.add(conn)
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.peer_addr = str(peer[0])
        self.peer = f"{peer[0]}:{peer[1]}"
        sock = conn.get_extra_info("sockname") or ("?", 0)
        self.ssh_connection = f"{peer[0]} {peer[1]} {sock[0]} {sock[1]}"

    def connection_lost(self, exc: Exception | None) -> None:
        if self.conn is not None:
            self.hub.connections.discard(self.conn)
        seconds = time.monotonic() - self.started
        if self.authenticated:
            self.hub.log(f"disconnect {self.peer} key {self.fingerprint} after {seconds:.0f}s")
        else:
            why = f": {exc}" if exc else ""
            self.hub.log(f"disconnect {self.peer} before login{why}")

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        fingerprint = key.get_fingerprint()
        if self.hub.authorized.validate(key, self.peer_addr, self.peer_addr) is not None:
            # The signed request that completes the login comes right after
            # this check, so the last accepted key is the one that logged in.
            self.fingerprint = fingerprint
            return True
        if fingerprint not in self._refused:
            self._refused.add(fingerprint)
            self.hub.log(f"refused {self.peer} key {fingerprint}: not an authorized key")
        return False

    def auth_completed(self) -> None:
        self.authenticated = True
        self.hub.log(f"connect {self.peer} key {self.fingerprint}")

    def session_requested(self) -> ReaderSession:
        return ReaderSession(self)

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        self.refuse(f"port forwarding to {dest_host}:{dest_port}")
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        self.refuse(f"remote port forwarding from {listen_host}:{listen_port}")
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        self.refuse("socket forwarding")
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        self.refuse("socket forwarding")
        return False

    def refuse(self, what: str) -> None:
        """Log a refused request of this connection."""
        self.hub.log(f"refused {self.peer} key {self.fingerprint}: {what}")


class ReaderSession(asyncssh.SSHServerSession[bytes]):
    """One SSH session: a reader process on a pty of its own."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.hub = gate.hub
        self.chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.term: str | None = None
        self.size = (80, 24)
        self.master: int | None = None
        self.process: asyncio.subprocess.Process | None = None
        self._idle: asyncio.TimerHandle | None = None
        self._reading = False
        self._closing = False

    # -- requests ---------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Mapping[int, int]
    ) -> bool:
        self.term = term_type or DEFAULT_TERM
        if term_size[0] > 0 and term_size[1] > 0:
            self.size = (term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True  # the "shell" is the reader

    def exec_requested(self, command: str) -> bool:
        self.gate.refuse("exec request (this server runs only the reader)")
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        self.gate.refuse(f"subsystem {subsystem!r}")
        return False

    def session_started(self) -> None:
        if self.term is None:
            self.gate.refuse("session without a terminal")
            self._say_and_exit("byline: the reader needs a terminal: connect with ssh -t")
            return
        limit = self.hub.config.max_sessions
        if len(self.hub.sessions) >= limit:
            self.gate.refuse(f"server full ({limit} sessions)")
            self._say_and_exit(f"byline: the server is full ({limit} sessions); try again later")
            return
        self.hub.sessions.add(self)
        asyncio.get_running_loop().create_task(self._run())

    # -- the reader ---------------------------------------------------------

    async def _run(self) -> None:
        master, slave = os.openpty()
        self.master = master
        _set_size(master, *self.size)
        os.set_blocking(master, False)
        tty = os.ttyname(slave)
        env = self.hub.reader_env(
            self.gate.fingerprint or "unknown",
            self.term or DEFAULT_TERM,
            tty,
            self.gate.ssh_connection,
        )
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.hub.reader_command(),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                start_new_session=True,
                preexec_fn=_take_terminal,
            )
        except OSError as exc:
            os.close(slave)
            self.hub.log(f"error {self.gate.peer}: cannot start the reader: {exc}")
            self._finish(1, b"byline: the reader could not be started\r\n")
            return
        os.close(slave)
        if self._closing:
            self._hang_up()  # the client left while the reader was starting
            return
        self._arm_idle()
        self._start_reading()
        status = await self.process.wait()
        if not self._closing:
            self._drain()
            self._finish(status if status >= 0 else 128 - status)

    def _start_reading(self) -> None:
        if self.master is not None and not self._reading:
            asyncio.get_running_loop().add_reader(self.master, self._pump)
            self._reading = True

    def _stop_reading(self) -> None:
        if self.master is not None and self._reading:
            asyncio.get_running_loop().remove_reader(self.master)
            self._reading = False

    def _pump(self) -> None:
        """Copy what the reader writes to its terminal to the client."""
        if self.master is None:
            return
        try:
            data = os.read(self.master, READ_CHUNK)
        except BlockingIOError:
            return
        except OSError:
            # EIO: every process holding the terminal has closed it.
            self._stop_reading()
            return
        if not data:
            self._stop_reading()
        elif self.chan is not None and not self.chan.is_closing() and not self._closing:
            self.chan.write(data)

    def _drain(self) -> None:
        """Send the last of the reader's output once it has exited."""
        self._stop_reading()
        while self.master is not None and self.chan is not None:
            try:
                data = os.read(self.master, READ_CHUNK)
            except OSError:
                return
            if not data:
                return
            self.chan.write(data)

    def pause_writing(self) -> None:
        # The client is slow: stop reading, so the reader blocks on a full pty.
        self._stop_reading()

    def resume_writing(self) -> None:
        self._start_reading()

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self._arm_idle()
        if self.master is None:
            return
        try:
            os.write(self.master, data)
        except BlockingIOError:
            pass  # the reader is not reading its input; keystrokes are dropped
        except OSError:
            return

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if width > 0 and height > 0:
            self.size = (width, height)
            if self.master is not None:
                # The kernel sends SIGWINCH to the reader.
                _set_size(self.master, width, height)

    def eof_received(self) -> bool:
        return True  # keep the channel open: the reader decides when it ends

    def break_received(self, msec: int) -> bool:
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        self._closing = True
        self._cancel_idle()
        self._hang_up()
        self.hub.sessions.discard(self)
        self.chan = None

    # -- endings ------------------------------------------------------------

    def _arm_idle(self) -> None:
        timeout = self.hub.config.idle_timeout
        if timeout <= 0 or self._closing:
            return
        self._cancel_idle()
        self._idle = asyncio.get_running_loop().call_later(timeout, self._idle_out)

    def _cancel_idle(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None

    def _idle_out(self) -> None:
        timeout = self.hub.config.idle_timeout
        span = f"{timeout / 60:g} min" if timeout >= 60 else f"{timeout:g} s"
        self.hub.log(f"idle {self.gate.peer} key {self.gate.fingerprint}: closing after {span}")
        self.close(f"byline: closed after {span} without input")

    def close(self, message: str) -> None:
        """End the session from the server's side, leaving the client's terminal usable."""
        if self._closing:
            return
        self._closing = True
        self._cancel_idle()
        self._hang_up()
        self._finish(0, RESTORE_TERMINAL + message.encode() + b"\r\n")

    def _hang_up(self) -> None:
        """Stop the reader and everything it started (its process group).

        SIGTERM first: the reader quits the normal way and keeps its reading
        state; its last output is read and dropped so that it cannot block.
        """
        process = self.process
        if process is None or process.returncode is not None:
            self._close_master()
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)
        self._start_reading()
        asyncio.get_running_loop().create_task(self._reap(process))

    async def _reap(self, process: asyncio.subprocess.Process) -> None:
        try:
            await asyncio.wait_for(process.wait(), KILL_GRACE)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
        self._close_master()

    def _close_master(self) -> None:
        if self.master is not None:
            self._stop_reading()
            os.close(self.master)
            self.master = None

    def _say_and_exit(self, message: str) -> None:
        self._finish(1, message.encode() + b"\r\n")

    def _finish(self, status: int, farewell: bytes = b"") -> None:
        self._cancel_idle()
        self.hub.sessions.discard(self)
        if self.process is None or self.process.returncode is not None:
            self._close_master()
        chan = self.chan
        if chan is not None and not chan.is_closing():
            if farewell:
                chan.write(farewell)
            chan.exit(status)


def _set_size(fd: int, width: int, height: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))


def _take_terminal() -> None:
    """In the reader's child process: make its pty the controlling terminal.

    Only then does the kernel send it SIGWINCH when the window changes size.
    """
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@dataclass(slots=True)
class Server:
    """A listening ``byline serve``."""

    hub: Hub
    acceptor: asyncssh.SSHAcceptor
    fingerprint: str

    @property
    def port(self) -> int:
        """The port it listens on (useful when it was asked for port 0)."""
        return int(self.acceptor.get_port())

    async def close(self) -> None:
        """Stop listening and end every session, restoring its client's terminal."""
        self.acceptor.close()
        sessions = list(self.hub.sessions)
        for session in sessions:
            session.close("byline: the server is shutting down")
        processes = [s.process.wait() for s in sessions if s.process is not None]
        if processes:
            await asyncio.wait_for(asyncio.gather(*processes), KILL_GRACE + 5)
        for conn in list(self.hub.connections):
            conn.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.acceptor.wait_closed(), KILL_GRACE)


async def start_server(config: ServeConfig, log: TextIO | None = None) -> Server:
    """Check the keys and listen; raises :class:`ServeError` when it cannot."""
    authorized = load_authorized_keys(config.authorized_keys)
    hub = Hub(config, authorized, log or sys.stderr)
    host_key = load_host_key(hub.data_dir)

    def gate() -> Gate:
        return Gate(hub)

    try:
        acceptor = await asyncssh.create_server(
            gate,
            config.host,
            config.port,
            server_host_keys=[host_key],
            encoding=None,
            line_editor=False,
            agent_forwarding=False,
            x11_forwarding=False,
            allow_scp=False,
            sftp_factory=None,
            password_auth=False,
            kbdint_auth=False,
            public_key_auth=True,
            host_based_auth=False,
            gss_host=None,
        )
    except OSError as exc:
        raise ServeError(f"cannot listen on {config.host}:{config.port}: {exc.strerror}") from None
    return Server(hub, acceptor, host_key.get_fingerprint())


def _prepare_index(config: ServeConfig, index_dir: Path, say: Callable[[str], None]) -> None:
    """Bring the shared index up to date once, so sessions open a ready index."""
    try:
        with open_library(config.corpus, index_dir) as library:
            report = library.update()
            say(f"byline: {library.count():,} articles indexed ({report.elapsed:.1f}s)")
    except LibraryError as exc:
        raise ServeError(str(exc)) from None


def serve(config: ServeConfig, out: TextIO | None = None) -> int:
    """Run the server until Ctrl-C (or SIGTERM); returns the exit status."""
    out = out or sys.stderr

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    load_authorized_keys(config.authorized_keys)  # fail before the indexing wait
    _prepare_index(config, config.index_dir or paths.libraries_dir(), say)
    return asyncio.run(_serve(config, say))


async def _serve(config: ServeConfig, say: Callable[[str], None]) -> int:
    server = await start_server(config)
    host = config.host if ":" not in config.host else f"[{config.host}]"
    say(f"byline: serving {config.corpus} on {host}:{server.port}")
    say(f"byline: host key {server.fingerprint}")
    say(f"byline: connect with: ssh -p {server.port} {config.host}   (Ctrl-C stops the server)")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    say("byline: stopping")
    await server.close()
    return 0
