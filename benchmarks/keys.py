"""Key-to-screen latency of the reader at N articles, in a real pseudo-terminal.

Usage (from the project root, after ``make install``):

    python benchmarks/keys.py --articles 100000 [--source DIR]

Uses (building on first use from ``--source``, as ``run.py`` does) the N-article corpus and its
index under ``benchmarks/out/``, starts the reader on an 80x24 pseudo-terminal
with a fresh reading state, waits for the start-up check for changes to
finish, then drives a scripted session: ``j`` and PgDn down the list, open
articles (Enter) and page through them (space), go back (q), type searches
(``/``, one key at a time, Enter) and move down their results.

For each key it times the interval from writing the key to the arrival of
the first output that shows the expected change: the row the cursor lands
on, with its date and headline (a placeholder row does not count); for an
opened article a few words of its second paragraph; for a typed character
the search box's new value; for Enter on a search the first result; for a
page of an article any redrawn line of text.

The longest stall of the reader's event loop is measured inside the reader
process: the reader is started through this script (``--child``), which
adds a timer to the asyncio loop the reader creates, every 5 ms, records how
late each tick ran, and writes the late ticks to a file when the reader
exits.  Only stalls during the scripted session are counted.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import fcntl
import json
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from inputs import existing_dir  # noqa: E402

OUT = HERE / "out"
ROWS, COLUMNS = 24, 80
TICK = 0.005
# What a terminal would act on: CSI, OSC/DCS/APC/PM/SOS strings, other escapes.
_SEQUENCE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]"
)
PAGE_DOWN = b"\x1b[6~"
QUERIES = ("oil prices", "central bank", "election", "trade deficit")


# -- in the reader's process ---------------------------------------------------


class StallMeter:
    """Ticks every ``TICK`` seconds on an asyncio loop and keeps the late ticks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.late: list[tuple[float, float]] = []  # (monotonic time, seconds late)
        atexit.register(self.write)

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start ticking on ``loop`` (which uses ``time.monotonic`` as its clock)."""
        due = loop.time() + TICK
        loop.call_at(due, self._tick, loop, due)

    def _tick(self, loop: asyncio.AbstractEventLoop, due: float) -> None:
        now = loop.time()
        if now - due > 0.001:
            self.late.append((now, now - due))
        loop.call_at(now + TICK, self._tick, loop, now + TICK)

    def write(self) -> None:
        """Save the late ticks as JSON."""
        self.path.write_text(json.dumps(self.late))


def run_child(stall_file: Path, argv: list[str]) -> int:
    """Run the ``byline`` command with a stall meter on each event loop it creates."""
    meter = StallMeter(stall_file)

    class MeteredPolicy(asyncio.DefaultEventLoopPolicy):
        def new_event_loop(self) -> asyncio.AbstractEventLoop:
            loop = super().new_event_loop()
            meter.attach(loop)
            return loop

    asyncio.set_event_loop_policy(MeteredPolicy())
    sys.argv = ["byline", *argv]
    from byline.reader.cli.launch import main

    return main()


# -- driving the terminal -------------------------------------------------------


class Pty:
    """The reader on a pseudo-terminal; its output kept with arrival times."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.master = master
        self.chunks: list[tuple[float, bytes]] = []
        self._changed = threading.Condition()
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
            except OSError:
                return
            if not data:
                return
            with self._changed:
                self.chunks.append((time.monotonic(), data))
                self._changed.notify_all()

    def mark(self) -> int:
        """Where the output is now."""
        with self._changed:
            return len(self.chunks)

    def send(self, keys: bytes) -> float:
        """Type ``keys``; the time they were written."""
        sent = time.monotonic()
        os.write(self.master, keys)
        return sent

    def wait(self, check: Callable[[str], bool], since: int, timeout: float) -> float | None:
        """Arrival time of the output after ``since`` that first satisfies ``check``."""
        deadline = time.monotonic() + timeout
        raw = b""
        seen = since
        with self._changed:
            while True:
                while seen < len(self.chunks):
                    at, data = self.chunks[seen]
                    seen += 1
                    raw += data
                    if check(_SEQUENCE.sub(b"", raw).decode("utf-8", "replace")):
                        return at
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._changed.wait(left)

    def text(self, since: int = 0) -> str:
        """The output after ``since`` without control sequences."""
        with self._changed:
            raw = b"".join(data for _, data in self.chunks[since:])
        return _SEQUENCE.sub(b"", raw).decode("utf-8", "replace")

    def close(self) -> None:
        """Stop the reader if it still runs."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self._reader.join(timeout=10)
        os.close(self.master)


@dataclass
class Session:
    """Latencies in milliseconds by kind of key, and keys whose change never came."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    missed: dict[str, int] = field(default_factory=dict)
    sent: list[tuple[float, str]] = field(default_factory=list)  # (time, kind) of each key

    def kind_at(self, moment: float) -> str:
        """The kind of the last key sent before ``moment``."""
        kind = "before the first key"
        for at, key_kind in self.sent:
            if at > moment:
                break
            kind = key_kind
        return kind

    def key(
        self, term: Pty, kind: str, keys: bytes, check: Callable[[str], bool], timeout: float = 5
    ) -> bool:
        """Send ``keys`` and time the output that satisfies ``check``."""
        since = term.mark()
        sent = term.send(keys)
        self.sent.append((sent, kind))
        at = term.wait(check, since, timeout)
        if at is None:
            self.missed[kind] = self.missed.get(kind, 0) + 1
            return False
        self.latencies.setdefault(kind, []).append((at - sent) * 1000)
        # A short pause, as between a person's key presses (a held key repeats
        # every 30-50 ms).
        time.sleep(0.03)
        return True


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def script(term: Pty, library: object, session: Session) -> None:
    """The scripted session."""
    from byline.index.library.front_page import LIST_LIMIT
    from byline.reader.text import format_date, safe_text

    def row(hits: object, index: int) -> str:
        hit = hits[index]  # type: ignore[index]
        return f"{format_date(hit.date)} {safe_text(hit.headline).plain[:12]}"

    hits = library.search("", limit=LIST_LIMIT, lazy=True).hits  # type: ignore[attr-defined]
    everything = term.text()
    # Rows on screen: the first rows drawn at start-up (nothing has scrolled yet).
    page = 0
    while page < 200 and row(hits, page) in everything:
        page += 1
    if page < 5:
        raise SystemExit(f"could not find the list's rows on the screen:\n{everything[-2000:]}")
    cursor = 0
    for step in range(150):
        cursor += 1
        session.key(term, "j (list)", b"j", lambda s, c=cursor: row(hits, c) in s)
        if step % 5 == 4:
            cursor += page
            session.key(term, "PgDn (list)", PAGE_DOWN, lambda s, c=cursor: row(hits, c) in s)
    for _ in range(8):
        cursor += 3
        for _ in range(3):
            session.key(term, "j (list)", b"j", lambda s: True)
        article = library.article(hits[cursor].id)  # type: ignore[attr-defined]
        # The second paragraph starts a line of its own near the top of the pane.
        para = article.paragraphs[1] if len(article.paragraphs) > 1 else article.paragraphs[0]
        words = " ".join(para.split()[:3])
        session.key(term, "Enter (open article)", b"\r", lambda s, w=words: w in s)
        for _ in range(3):
            session.key(term, "space (article page)", b" ", _some_text, timeout=1)
        session.key(term, "q (back)", b"q", lambda s: True)
    for query in QUERIES:
        session.key(term, "/ (search box)", b"/", lambda s: True)
        for n in range(1, len(query) + 1):
            typed = query[:n]
            session.key(term, "typing", typed[-1].encode(), lambda s, t=typed: t in s)
        found = library.search(query, limit=LIST_LIMIT, lazy=True).hits  # type: ignore[attr-defined]
        if not found:
            continue
        session.key(term, "Enter (search results)", b"\r", lambda s, f=found: row(f, 0) in s)
        for c in range(1, min(15, len(found))):
            session.key(term, "j (results)", b"j", lambda s, f=found, c=c: row(f, c) in s)


def _some_text(shown: str) -> bool:
    return sum(ch.isalpha() for ch in shown) >= 20


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--child":
        return run_child(Path(args[1]), args[2:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument(
        "--source", type=existing_dir, help="real articles to build the corpus (first use)"
    )
    options = parser.parse_args(args)
    from run import build, corpus_for

    from byline.index.library.api import open_library

    n = options.articles
    corpus = corpus_for(n, options.source)
    data = OUT / f"data-{n}"
    if not (data / ".complete-keys").exists():
        build(corpus, data, 2)
        (data / ".complete-keys").write_text("ok\n")
    library = open_library(corpus, data)
    scratch = Path(tempfile.mkdtemp(prefix="byline-keys-"))
    stall_file = scratch / "stalls.json"
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(
        TERM="xterm-256color",
        PYTHONIOENCODING="utf-8",
        BYLINE_STATE_DIR=str(scratch / "state"),
        BYLINE_CACHE_DIR=str(scratch / "cache"),
        XDG_CONFIG_HOME=str(scratch / "config"),
    )
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", str(stall_file)]
    argv += [str(corpus), "--data-dir", str(data)]
    term = Pty(argv, env)
    session = Session()
    try:
        ready = term.wait(lambda s: "index up to date" in s or "failed" in s, 0, 300)
        if ready is None:
            raise SystemExit(f"the reader did not finish starting:\n{term.text()[-2000:]}")
        time.sleep(0.5)
        started = time.monotonic()
        script(term, library, session)
        ended = time.monotonic()
        term.send(b"q")  # the list has the focus after a search
        term.proc.wait(timeout=30)
    finally:
        term.close()
        library.close()
    # A tick is recorded when it finally runs: the stall began ``late`` before.
    stalls = [
        (late, session.kind_at(at - late))
        for at, late in json.loads(stall_file.read_text())
        if started <= at <= ended
    ]
    shutil.rmtree(scratch, ignore_errors=True)
    sys.stdout.write(table(n, session, stalls, ended - started))
    return 0


def table(n: int, session: Session, stalls: list[tuple[float, str]], seconds: float) -> str:
    """The results as a Markdown table."""
    lines = [
        f"byline at {n:,} articles, 80x24 pseudo-terminal, {seconds:.0f} s scripted session; "
        f"1-minute load average {os.getloadavg()[0]:.1f} (2 cores)",
        "",
        "| keys | count | p50 ms | p95 ms | p99 ms | max ms | no change seen |",
        "|---|---|---|---|---|---|---|",
    ]
    every: list[float] = []
    for kind, values in session.latencies.items():
        if kind in ("q (back)", "/ (search box)"):
            continue  # any output counts for these: not a measure of the change
        every += values
        lines.append(_row(kind, values, session.missed.get(kind, 0)))
    lines.append(_row("all of the above", every, sum(session.missed.values())))
    worst = max((late for late, _ in stalls), default=0.0) * 1000
    over = [(late, kind) for late, kind in stalls if late > 0.020]
    lines += ["", f"longest event-loop stall: {worst:.1f} ms; stalls over 20 ms: {len(over)}"]
    by_kind: dict[str, list[float]] = {}
    for late, kind in over:
        by_kind.setdefault(kind, []).append(late * 1000)
    for kind, lates in sorted(by_kind.items()):
        shown = ", ".join(f"{late:.0f}" for late in sorted(lates, reverse=True))
        lines.append(f"- after {kind}: {shown} ms")
    return "\n".join(lines) + "\n"


def _row(kind: str, values: list[float], missed: int) -> str:
    if not values:
        return f"| {kind} | 0 | | | | | {missed} |"
    p50, p95, p99 = (percentile(values, q) for q in (0.5, 0.95, 0.99))
    return (
        f"| {kind} | {len(values)} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {max(values):.1f} "
        f"| {missed} |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
