"""Session start time over ``byline serve``: from SSH connect to the first screen of the list.

    python benchmarks/serve_start.py [DIR] [--runs 5] [--size 80x24]

Starts a server on a free loopback port with a key made for the run, then
times, for each run, the SSH handshake and login, and the time until the
client has received the list (the status line's article count and the
newest headline).  DIR defaults to seeds/; it is indexed before timing.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import re
import statistics
import tempfile
import time
from pathlib import Path

import asyncssh

from byline.index.library.api import open_library
from byline.reader.serve.server import ServeConfig, start_server

HERE = Path(__file__).resolve().parent
ESCAPE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[P\]X^_][^\x1b\x07]*(?:\x1b\\|\x07)|\x1b.")


async def one_session(
    port: int, key: asyncssh.SSHKey, size: tuple[int, int]
) -> tuple[float, float]:
    """(login seconds, first-list seconds) of one session, both from connect."""
    start = time.perf_counter()
    async with asyncssh.connect(
        "127.0.0.1", port, client_keys=[key], known_hosts=None, agent_path=None
    ) as conn:
        login = time.perf_counter() - start
        process = await conn.create_process(
            term_type="xterm-256color", term_size=size, encoding=None
        )
        raw = bytearray()
        while True:
            chunk = await asyncio.wait_for(process.stdout.read(65536), 60)
            if not chunk:
                raise RuntimeError("the session closed before the list was shown")
            raw += chunk
            text = ESCAPE.sub(b"", bytes(raw)).decode("utf-8", "replace")
            if re.search(r"\d[\d,]* articles", text) and re.search(r"\n\d{4}-\d\d-\d\d ", text):
                shown = time.perf_counter() - start
                break
        process.stdin.write(b"\x03")
        await process.wait()
    return login, shown


async def run(corpus: Path, runs: int, size: tuple[int, int]) -> list[tuple[float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        with open_library(corpus, base / "index") as library:
            library.update()
        key = asyncssh.generate_private_key("ssh-ed25519")
        (base / "authorized_keys").write_bytes(key.export_public_key())
        config = ServeConfig(
            corpus=corpus.resolve(),
            authorized_keys=base / "authorized_keys",
            index_dir=base / "index",
            port=0,
            data_dir=base / "data",
        )
        server = await start_server(config, io.StringIO())
        try:
            return [await one_session(server.port, key, size) for _ in range(runs)]
        finally:
            await server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=HERE.parent / "seeds")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="80x24", help="COLSxROWS of the client's pty")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    times = asyncio.run(run(args.dir, args.runs, (width, height)))
    print(f"byline serve session start ({args.dir}, {args.size}, {args.runs} runs)")
    print(f"{'from SSH connect to':<22} {'min':>7} {'median':>7} {'max':>7}")
    for label, values in (
        ("login done", [t[0] for t in times]),
        ("first screen of list", [t[1] for t in times]),
    ):
        print(
            f"{label:<22} {min(values):>6.2f}s {statistics.median(values):>6.2f}s "
            f"{max(values):>6.2f}s"
        )


if __name__ == "__main__":
    main()
