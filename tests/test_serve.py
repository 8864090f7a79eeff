"""``byline serve`` on loopback, driven by an asyncssh client with keys made at test time."""

from __future__ import annotations

import asyncio
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from typing import TYPE_CHECKING

import asyncssh
import pytest

from byline.index import paths
from byline.index.library.api import open_library
from byline.reader.cli.commands import _serve_parser, bundled_seeds, main
from byline.reader.serve.server import (
    RESTORE_TERMINAL,
    Hub,
    ServeConfig,
    Server,
    key_folder,
    start_server,
)

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable
    from pathlib import Path

ESCAPE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[P\]X^_][^\x1b\x07]*(?:\x1b\\|\x07)|\x1b.")
TIMEOUT = 30.0


def visible(raw: bytes) -> str:
    """What a terminal would print of ``raw``, without its control sequences."""
    return ESCAPE.sub(b"", raw).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed corpus and an up-to-date index of it, made once for the module."""
    base = tmp_path_factory.mktemp("serve")
    root = base / "corpus"
    shutil.copytree(bundled_seeds(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    index_dir = base / "index"
    with open_library(root, index_dir) as library:
        library.update()
    return root, index_dir


@pytest.fixture(scope="module")
def user_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519")


@pytest.fixture
def authorized(tmp_path: Path, user_key: asyncssh.SSHKey) -> Path:
    path = tmp_path / "authorized_keys"
    path.write_bytes(b'from="127.0.0.1" ' + user_key.export_public_key())
    return path


class Served:
    """A running server and what it logged."""

    def __init__(self, server: Server, log: io.StringIO, data_dir: Path) -> None:
        self.server = server
        self.log = log
        self.data_dir = data_dir

    async def connect(
        self, key: asyncssh.SSHKey | None, **options: object
    ) -> asyncssh.SSHClientConnection:
        return await asyncssh.connect(
            "127.0.0.1",
            self.server.port,
            username="reader",
            client_keys=[key] if key is not None else None,
            known_hosts=None,
            agent_path=None,
            **options,  # type: ignore[arg-type]  # asyncssh's many typed options
        )

    async def wait_log(self, needle: str) -> str:
        await until(lambda: needle in self.log.getvalue(), what=f"log line {needle!r}")
        return self.log.getvalue()


async def until(check: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def config_for(corpus: tuple[Path, Path], tmp_path: Path, authorized: Path) -> ServeConfig:
    root, index_dir = corpus
    return ServeConfig(
        corpus=root,
        authorized_keys=authorized,
        index_dir=index_dir,
        host="127.0.0.1",
        port=0,
        data_dir=tmp_path / "byline-data",
    )


@pytest.fixture
async def served(
    corpus: tuple[Path, Path], tmp_path: Path, authorized: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Served]:
    config = replace(config_for(corpus, tmp_path, authorized), **getattr(request, "param", {}))
    log = io.StringIO()
    server = await start_server(config, log)
    assert config.data_dir is not None
    yield Served(server, log, config.data_dir)
    await server.close()


class Screen:
    """One client session on a pty, collecting everything the server sends."""

    def __init__(self, process: asyncssh.SSHClientProcess[bytes]) -> None:
        self.process = process
        self.raw = bytearray()

    async def read_until(self, check: Callable[[str], bool], timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while not check(visible(bytes(self.raw))):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out; the client saw:\n{visible(bytes(self.raw))}")
            try:
                chunk = await asyncio.wait_for(self.process.stdout.read(65536), left)
            except TimeoutError:
                continue
            if not chunk:
                if check(visible(bytes(self.raw))):
                    break
                raise AssertionError(f"channel closed; the client saw:\n{visible(bytes(self.raw))}")
            self.raw += chunk
        return visible(bytes(self.raw))

    async def ended(self) -> asyncssh.SSHCompletedProcess:
        """Everything up to the channel's close, then how the session ended."""
        async with asyncio.timeout(TIMEOUT):
            while chunk := await self.process.stdout.read(65536):
                self.raw += chunk
            return await self.process.wait()

    def since(self, mark: int) -> str:
        return visible(bytes(self.raw[mark:]))


async def open_reader(conn: asyncssh.SSHClientConnection, term: str = "xterm-256color") -> Screen:
    process = await conn.create_process(term_type=term, term_size=(80, 24), encoding=None)
    return Screen(process)


def list_shown(screen: str) -> bool:
    return "42 articles" in screen and "Leeds Mayor Margaret Ashdown" in screen


pytestmark = pytest.mark.slow


async def test_an_authorised_key_gets_the_reader_and_q_ends_the_session(
    served: Served, user_key: asyncssh.SSHKey
) -> None:
    async with await served.connect(user_key) as conn:
        screen = await open_reader(conn)
        await screen.read_until(list_shown)
        mark = len(screen.raw)
        # Ctrl-z must not stop a reader that no shell could resume: it keeps working.
        screen.process.stdin.write(b"\x1a")
        screen.process.stdin.write(b"/")
        screen.process.stdin.write(b"Rogozin")
        await screen.read_until(lambda _: "1 match" in screen.since(mark))
        mark = len(screen.raw)
        screen.process.stdin.write(b"\r")  # to the list
        await screen.read_until(lambda _: "Open" in screen.since(mark))
        mark = len(screen.raw)
        screen.process.stdin.write(b"\r")  # open the article
        await screen.read_until(
            lambda _: (
                "000_5422f9083324faf0.txt" in (seen := screen.since(mark))
                and "Back to list" in seen
            )
        )
        mark = len(screen.raw)
        screen.process.stdin.write(b"q")  # back to the list
        await screen.read_until(lambda _: "Quit" in screen.since(mark))
        screen.process.stdin.write(b"q")  # quit
        result = await screen.ended()
    assert result.exit_status == 0
    assert b"\x1b[?1049l" in screen.raw[-200:]  # the reader left the alternate screen
    log = await served.wait_log("disconnect")
    fingerprint = user_key.get_fingerprint()
    assert "connect 127.0.0.1:" in log
    assert f"key {fingerprint}" in log
    # Reading state goes to a folder of the connecting key.
    assert key_folder(fingerprint).startswith("SHA256-")
    assert "/" not in key_folder(fingerprint)


async def test_window_changes_reach_the_reader(served: Served, user_key: asyncssh.SSHKey) -> None:
    async with await served.connect(user_key) as conn:
        screen = await open_reader(conn)
        await screen.read_until(list_shown)
        mark = len(screen.raw)
        screen.process.change_terminal_size(120, 30)
        # At 120 columns the list is wide enough for a longer headline.
        await screen.read_until(lambda _: "Leeds Mayor Margaret Ashd" in screen.since(mark))
        screen.process.stdin.write(b"q")
        result = await screen.ended()
    assert result.exit_status == 0


async def test_an_unknown_key_is_refused_and_logged(served: Served) -> None:
    stranger = asyncssh.generate_private_key("ssh-ed25519")
    with pytest.raises(asyncssh.PermissionDenied):
        await served.connect(stranger)
    log = await served.wait_log("before login")
    assert "refused 127.0.0.1:" in log
    assert f"key {stranger.get_fingerprint()}: not an authorized key" in log


async def test_passwords_are_refused(served: Served) -> None:
    with pytest.raises(asyncssh.PermissionDenied):
        await served.connect(
            None, password="hunter2", preferred_auth="password,keyboard-interactive"
        )
    await served.wait_log("before login")


async def test_exec_sftp_and_forwarding_are_refused(
    served: Served, user_key: asyncssh.SSHKey
) -> None:
    async with await served.connect(user_key) as conn:
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.run("cat /etc/passwd")
        with pytest.raises(asyncssh.Error):
            await conn.start_sftp_client()
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.open_connection("127.0.0.1", served.server.port)
    log = await served.wait_log("disconnect")
    assert "exec request" in log
    assert "subsystem 'sftp'" in log
    assert "port forwarding" in log


async def test_a_session_without_a_pty_gets_a_message(
    served: Served, user_key: asyncssh.SSHKey
) -> None:
    async with await served.connect(user_key) as conn:
        process = await conn.create_process(encoding=None)  # a shell request, no pty
        output = await asyncio.wait_for(process.stdout.read(), TIMEOUT)
        result = await asyncio.wait_for(process.wait(), TIMEOUT)
    assert b"needs a terminal" in output
    assert output.count(b"\n") == 1
    assert result.exit_status == 1


@pytest.mark.parametrize("served", [{"max_sessions": 1}], indirect=True)
async def test_sessions_beyond_the_limit_are_refused(
    served: Served, user_key: asyncssh.SSHKey
) -> None:
    async with await served.connect(user_key) as first, await served.connect(user_key) as second:
        screen = await open_reader(first)
        await screen.read_until(list_shown)
        refused = await open_reader(second)
        text = await refused.read_until(lambda s: "full" in s)
        result = await refused.ended()
        assert "the server is full (1 sessions)" in text
        assert result.exit_status == 1
        screen.process.stdin.write(b"q")
        await screen.ended()
    assert "server full (1 sessions)" in served.log.getvalue()


async def test_abrupt_disconnects_leave_the_server_serving(
    served: Served, user_key: asyncssh.SSHKey
) -> None:
    conn = await served.connect(user_key)
    screen = await open_reader(conn)
    await screen.read_until(list_shown)
    (session,) = served.server.hub.sessions
    process = session.process
    assert process is not None
    conn.abort()  # the client vanishes: no channel close, no exit
    await until(lambda: process.returncode is not None, what="the reader to be stopped")
    await until(lambda: not served.server.hub.sessions, what="the session to be dropped")
    # A new client is still served.
    async with await served.connect(user_key) as again:
        screen = await open_reader(again)
        await screen.read_until(list_shown)
        screen.process.stdin.write(b"q")
        result = await screen.ended()
    assert result.exit_status == 0


@pytest.mark.parametrize("served", [{"idle_timeout": 1.0}], indirect=True)
async def test_idle_sessions_are_closed_and_the_terminal_restored(
    served: Served, user_key: asyncssh.SSHKey
) -> None:
    async with await served.connect(user_key) as conn:
        screen = await open_reader(conn)
        await until(lambda: bool(served.server.hub.sessions), what="the session")
        (session,) = served.server.hub.sessions
        result = await screen.ended()
    assert "byline: closed after 1 s without input" in visible(bytes(screen.raw))
    assert RESTORE_TERMINAL in screen.raw
    assert result.exit_status == 0
    assert session.process is not None
    await until(lambda: session.process.returncode is not None, what="the reader to stop")
    assert "idle 127.0.0.1" in served.log.getvalue()


async def test_the_host_key_is_private_and_kept(
    corpus: tuple[Path, Path], tmp_path: Path, authorized: Path, served: Served
) -> None:
    path = paths.host_key_file(served.data_dir)
    assert path.stat().st_mode & 0o777 == 0o600
    again = await start_server(config_for(corpus, tmp_path, authorized), io.StringIO())
    try:
        assert again.fingerprint == served.server.fingerprint
    finally:
        await again.close()


def run_byline(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "byline.reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=env or os.environ.copy(),
    )


@pytest.mark.parametrize("content", [None, "", "# nobody yet\n"])
def test_serve_without_authorized_keys_is_a_one_line_error(
    tmp_path: Path, seeds: Path, content: str | None
) -> None:
    keys = tmp_path / "authorized_keys"
    if content is not None:
        keys.write_text(content)
    done = run_byline("serve", "--dir", str(seeds), "--authorized-keys", str(keys), "--port", "0")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "--authorized-keys" in done.stderr
    assert "Traceback" not in done.stderr


async def test_byline_serve_prints_address_and_fingerprint_and_stops_on_ctrl_c(
    corpus: tuple[Path, Path], tmp_path: Path, authorized: Path, user_key: asyncssh.SSHKey
) -> None:
    root, index_dir = corpus
    env = os.environ.copy()
    env["BYLINE_DATA_DIR"] = str(tmp_path / "data")
    command = [
        sys.executable,
        "-m",
        "byline.reader",
        "serve",
        "--dir",
        str(root),
        "--port",
        "0",
        "--data-dir",
        str(index_dir),
        "--authorized-keys",
        str(authorized),
    ]
    server = await asyncio.create_subprocess_exec(
        *command, env=env, stdin=subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    assert server.stderr is not None
    lines: list[str] = []
    try:
        while not any("connect with" in line for line in lines):
            line = await asyncio.wait_for(server.stderr.readline(), TIMEOUT)
            assert line, "".join(lines)
            lines.append(line.decode())
        text = "".join(lines)
        found = re.search(r"ssh -p (\d+) 127\.0\.0\.1", text)
        assert found, text
        port = int(found.group(1))
        assert re.search(r"host key SHA256:\S+", text)
        assert f"127.0.0.1:{port}" in text
        conn = await asyncssh.connect(
            "127.0.0.1", port, client_keys=[user_key], known_hosts=None, agent_path=None
        )
        screen = await open_reader(conn)
        await screen.read_until(list_shown)
        server.send_signal(signal.SIGINT)
        await screen.read_until(lambda s: "shutting down" in s)
        status = await asyncio.wait_for(server.wait(), TIMEOUT)
        conn.close()
    finally:
        if server.returncode is None:
            server.kill()
            await server.wait()
    rest = (await server.stderr.read()).decode()
    assert status == 0, rest
    assert "Traceback" not in rest
    assert "stopping" in rest


def test_each_reader_gets_the_client_term_and_a_state_dir_per_key(
    corpus: tuple[Path, Path], tmp_path: Path, authorized: Path
) -> None:
    config = config_for(corpus, tmp_path, authorized)
    hub = Hub(config, asyncssh.import_authorized_keys(authorized.read_text()), io.StringIO())
    env = hub.reader_env("SHA256:ab/c+d", "screen-256color", "/dev/pts/9", "10.0.0.2 5 10.0.0.1 22")
    assert env["TERM"] == "screen-256color"
    assert env["SSH_CONNECTION"] == "10.0.0.2 5 10.0.0.1 22"
    assert env["BYLINE_STATE_DIR"] == str(tmp_path / "byline-data" / "sessions" / "SHA256-ab_c-d")
    other = hub.reader_env("SHA256:xyz", "xterm", "/dev/pts/9", "")
    assert other["BYLINE_STATE_DIR"] != env["BYLINE_STATE_DIR"]
    command = hub.reader_command()
    assert command[-3:] == [str(corpus[0]), "--data-dir", str(corpus[1])]


@pytest.mark.parametrize(
    ("option", "value"),
    [("--idle-timeout", "soon"), ("--idle-timeout", "-5m"), ("--port", "70000")],
)
def test_bad_serve_options_are_usage_errors(
    seeds: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--dir", str(seeds), option, value]) == 2
    err = capsys.readouterr().err
    assert err.startswith("byline: error: argument")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90.0), ("30m", 1800.0), ("2h", 7200.0), ("0", 0.0), ("45", 45.0)]
)
def test_idle_timeouts_read_as_durations(text: str, seconds: float) -> None:
    args = _serve_parser().parse_args(["--dir", ".", "--idle-timeout", text])
    assert args.idle_timeout == seconds
