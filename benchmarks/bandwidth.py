"""Bytes the reader writes to its terminal, through a real pty.

Runs ``python -m byline.reader DIR`` on a pseudo-terminal and counts what it
writes for: launch to the first screen of the list, one move (``j``) in the
list, opening an article (``Enter``), and one page down (``space``) in it.

    python benchmarks/bandwidth.py [DIR] [--query Q] [--size 80x24 --size 200x50]

DIR defaults to seeds/.  The list is narrowed to the hits of --query (default:
the longest seed article first), ``j`` moves down one hit, and the top hit is
opened and paged.  Each action is counted until the output has been quiet for
--quiet seconds; the idle row is what arrives in the 2 s after that, which
should be nothing.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


class PtyReader:
    """The reader on a pty of the given size; counts the bytes it writes."""

    def __init__(self, corpus: Path, data_dir: Path, size: tuple[int, int], env: dict[str, str]):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        command = [sys.executable, "-m", "byline.reader", str(corpus), "--data-dir", str(data_dir)]
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.raw = bytearray()

    def settle(self, text: bytes = b"", quiet: float = 0.5, timeout: float = 60.0) -> int:
        """Read until ``text`` has arrived and then nothing for ``quiet`` s; bytes read."""
        start = len(self.raw)
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                self.raw += chunk
                last = time.monotonic()
            elif text in self.raw[start:] and time.monotonic() - last >= quiet:
                break
        return len(self.raw) - start

    def press(self, key: bytes, text: bytes = b"", quiet: float = 0.5) -> int:
        os.write(self.master, key)
        return self.settle(text, quiet)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)


def measure(
    corpus: Path, data_dir: Path, size: tuple[int, int], query: str, quiet: float
) -> dict[str, int]:
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    reader = PtyReader(corpus, data_dir, size, env)
    try:
        figures = {"launch": reader.settle(b"index up to date", quiet)}
        if query:
            reader.press(b"/" + query.encode() + b"\r", b"Open", quiet)
        else:
            reader.press(b"k", quiet=quiet)
        figures["move (j)"] = reader.press(b"j", quiet=quiet)
        reader.press(b"k", quiet=quiet)
        figures["open (Enter)"] = reader.press(b"\r", b"Back to list", quiet)
        figures["page down (space)"] = reader.press(b" ", quiet=quiet)
        figures["idle 2 s"] = reader.settle(quiet=2.0)
    finally:
        reader.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=HERE.parent / "seeds")
    parser.add_argument("--size", action="append", help="COLSxROWS (default: 80x24 and 200x50)")
    parser.add_argument(
        "--query", default="asthma pollution", help="search for the article to open ('' for none)"
    )
    parser.add_argument("--quiet", type=float, default=0.5, help="seconds of silence = done")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in s.split("x")) for s in (args.size or ["80x24", "200x50"])]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        # Index first so that launch measures showing the list, not indexing.
        subprocess.run(
            [
                sys.executable,
                "-m",
                "byline.reader",
                "index",
                str(args.dir),
                "--quiet",
                "--data-dir",
                str(data_dir),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        results = {
            f"{w}x{h}": measure(args.dir, data_dir, (w, h), args.query, args.quiet)
            for w, h in sizes
        }
    actions = list(next(iter(results.values())))
    width = max(len(a) for a in actions)
    print(f"bytes written to the terminal ({args.dir}, TERM=xterm-256color)")
    print(f"{'action':<{width}}  " + "  ".join(f"{size:>9}" for size in results))
    for action in actions:
        print(f"{action:<{width}}  " + "  ".join(f"{r[action]:>9,}" for r in results.values()))


if __name__ == "__main__":
    main()
