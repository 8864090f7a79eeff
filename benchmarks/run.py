"""byline at N articles: indexing, updates, first screen, search, reading, memory.

Usage (from the project root, after ``make install``):

    python benchmarks/run.py --articles 20000 --source DIR [--workers 1,2] [--repeat 3]

Builds (once; cached under ``benchmarks/out/``) an N-article corpus with
``make_corpus.py`` from the real articles in ``DIR`` (needed only until that
corpus exists), then measures and prints one table, also written to
``benchmarks/out/results-N.json``:

* full index build with ``byline index`` and 1 and 2 worker processes
  (articles per wall-clock second, and the CPU seconds it took);
* index size on disk;
* ``Library.update()`` with nothing changed, after touching 1 file, after
  adding 100 files;
* launch -> first screen with an existing index, in a real terminal (tmux,
  polling ``capture-pane`` every 5 ms until the list shows dated rows);
* search p50/p95 for the 30 queries of ``search.py`` the way the reader
  runs them (all hits, lazily, plus one screenful of hits with snippets),
  against a SQLite ``LIKE '%word%'`` scan over the same texts in the same
  run (every word of the query must occur), and the ratio of their p95s;
* opening an article (text + entities + quotations) p95;
* peak RSS of the reader process after browsing and searching in tmux.

The machine is shared: CPU seconds are given next to wall-clock rates.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import existing_dir
from make_corpus import make_corpus
from search import QUERIES, app_search, percentile

from byline.index import paths
from byline.index.library.api import Library, open_library

OUT = Path(__file__).resolve().parent / "out"
BIN = Path(sys.executable).parent
TARGETS = {
    "build": 600.0,
    "touch1": 1.0,
    "first_screen": 0.5,
    "search_p95": 50.0,
    "like_ratio": 5.0,
    "open_p95": 30.0,
    "rss": 250.0,
}
_ROW = re.compile(r"\d{4}-\d{2}-\d{2} \S")


def corpus_for(n: int, source: Path | None) -> Path:
    """The cached N-article corpus (built from ``source`` on first use)."""
    root = OUT / f"corpus-{n}"
    done = root / ".complete"
    if not done.exists():
        if source is None:
            raise SystemExit(f"run.py: {root} is not built yet: pass --source DIR of real articles")
        shutil.rmtree(root, ignore_errors=True)
        make_corpus(n, root, source)
        done.write_text("ok\n")
    return root


def python_speed() -> float:
    """Seconds a fixed pure-Python loop takes: how fast this shared machine is
    right now (its speed was seen to vary by 2x from one hour to the next)."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def children_cpu() -> float:
    """CPU seconds used so far by waited-for child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(corpus: Path, data: Path, workers: int) -> tuple[float, float]:
    """Index ``corpus`` from scratch with ``byline index``: (wall s, CPU s)."""
    shutil.rmtree(data, ignore_errors=True)
    cpu = children_cpu()
    started = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "byline"),
            "index",
            str(corpus),
            "--data-dir",
            str(data),
            "--workers",
            str(workers),
            "--quiet",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started, children_cpu() - cpu


def size_of(path: Path) -> int:
    """Bytes in the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed_update(library: Library) -> float:
    """Seconds one ``Library.update()`` takes."""
    started = time.perf_counter()
    library.update()
    return time.perf_counter() - started


def updates(library: Library, corpus: Path) -> dict[str, float]:
    """No-change, touch-1 and add-100 update times; leaves the corpus as it was."""
    out = {"nochange": timed_update(library)}
    target = next(p for p in sorted(corpus.rglob("*.txt")))
    original = target.read_bytes()
    added = corpus / "zz-bench-added"
    try:
        target.write_bytes(original.rstrip() + b" The report was updated on Friday.\n")
        out["touch1"] = timed_update(library)
        added.mkdir(exist_ok=True)
        donors = sorted(corpus.rglob("*.txt"))[1:101]
        for i, donor in enumerate(donors):
            text = donor.read_text(encoding="utf-8")
            (added / f"new{i:03d}.txt").write_text(text + "\nAdded for the benchmark.\n")
        out["add100"] = timed_update(library)
    finally:
        target.write_bytes(original)
        shutil.rmtree(added, ignore_errors=True)
    out["remove100"] = timed_update(library)
    return out


class Terminal:
    """The reader in a detached tmux session."""

    def __init__(
        self,
        corpus: Path,
        data: Path,
        width: int = 120,
        height: int = 40,
        *,
        command: str | None = None,
    ) -> None:
        self.name = f"byline-bench-{uuid.uuid4().hex[:8]}"
        if command is None:  # the reader; another program only for comparison
            command = f"exec {shlex.quote(str(BIN / 'byline'))} {shlex.quote(str(corpus))} "
            command += f"--data-dir {shlex.quote(str(data))}"
        self.started = time.perf_counter()
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                "env",
                "TERM=xterm-256color",
                "sh",
                "-c",
                command,
            ],
            check=True,
        )

    def screen(self) -> str:
        """The visible text of the pane."""
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def wait(self, check: Any, timeout: float = 60.0, pause: float = 0.005) -> float:
        """Seconds since launch when ``check(screen)`` first holds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check(self.screen()):
                return time.perf_counter() - self.started
            time.sleep(pause)
        raise RuntimeError(f"timed out; screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """Type ``keys`` (tmux key names)."""
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def pid(self) -> int:
        """The reader's process id (the pane runs it with exec)."""
        done = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(done.stdout.strip())

    def close(self) -> None:
        """End the session (and the reader in it)."""
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def first_screen(screen: str) -> bool:
    """The list shows dated rows."""
    return len(_ROW.findall(screen)) >= 3


def browse(term: Terminal) -> None:
    """Scroll, open articles and run four searches, as a user would."""
    for _ in range(30):
        term.keys("j")
    term.keys("G", "g", "Enter")
    time.sleep(0.5)
    term.keys("Escape")
    for query in ("oil prices", '"trade deficit"', "s*", "person:baker"):
        term.keys("/")
        time.sleep(0.3)
        term.keys("C-u")
        term.keys("-l", query)
        term.keys("Enter")
        try:
            term.wait(lambda s, q=query: "match" in s and q[:3] in s, 60, 0.05)
        except RuntimeError:
            sys.stderr.write(f"search {query!r} did not show in time\n")
        for _ in range(40):
            term.keys("j")
        term.keys("Enter")
        time.sleep(0.3)
        term.keys("Escape")
    time.sleep(0.5)


def peak_rss_mb(pid: int) -> float:
    """VmHWM of ``pid`` in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def terminal_runs(
    corpus: Path, data: Path, runs: int, *, browse_last: bool = True
) -> tuple[list[float], float]:
    """First-screen times of ``runs`` launches, and peak RSS after browsing in the last."""
    times: list[float] = []
    rss = float("nan")
    for run in range(runs):
        term = Terminal(corpus, data)
        try:
            times.append(term.wait(first_screen))
            if browse_last and run == runs - 1:
                # Let the start-up check for changes finish, then browse and search.
                term.wait(lambda s: "index up to date" in s or "failed" in s, 300, 0.2)
                browse(term)
                rss = peak_rss_mb(term.pid())
        finally:
            term.close()
        time.sleep(0.5)
    return times, rss


def like_terms(query: str) -> list[str]:
    """The words (or phrases) of a query as ``LIKE`` patterns would use them."""
    out = []
    for part in re.findall(r'"[^"]*"|\S+', query):
        if part in ("AND", "OR", "NOT"):
            continue
        part = part.lstrip("-")
        if ":" in part and not part.startswith('"'):
            part = part.split(":", 1)[1]
        part = part.split("..")[0].strip('"').rstrip("*")
        if part:
            out.append(part)
    return out


def like_scan(corpus: Path, repeat: int) -> tuple[list[float], float]:
    """Per-query milliseconds of a SQLite LIKE scan over every article's text
    (fetching the matching rows, as a reader must), and the load time."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, path TEXT, text TEXT)")
    started = time.perf_counter()
    db.executemany(
        "INSERT INTO docs (path, text) VALUES (?, ?)",
        (
            (str(p), p.read_text(encoding="utf-8", errors="replace"))
            for p in sorted(corpus.rglob("*.txt"))
        ),
    )
    db.commit()
    load = time.perf_counter() - started
    times: list[float] = []
    for rep in range(repeat + 1):
        for _cls, query in QUERIES:
            terms = like_terms(query)
            where = " AND ".join("text LIKE ?" for _ in terms) or "1"
            started = time.perf_counter()
            db.execute(
                f"SELECT id, path FROM docs WHERE {where}", [f"%{t}%" for t in terms]
            ).fetchall()
            took = (time.perf_counter() - started) * 1000
            if rep:
                times.append(took)
    db.close()
    return times, load


def search_times(library: Library, repeat: int) -> list[float]:
    """Per-query milliseconds of the reader's search path."""
    for _cls, query in QUERIES:
        app_search(library, query)
    times = []
    for _ in range(repeat):
        for _cls, query in QUERIES:
            started = time.perf_counter()
            app_search(library, query)
            times.append((time.perf_counter() - started) * 1000)
    return times


def open_times(library: Library, samples: int = 200) -> list[float]:
    """Milliseconds to read an article with its annotations, for random articles."""
    hits = library.search("", limit=None, lazy=True).hits
    rng = random.Random(7)
    picks = [hits[rng.randrange(len(hits))].id for _ in range(samples)]
    times = []
    for article_id in picks:
        started = time.perf_counter()
        library.article(article_id)
        library.annotations(article_id)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--source", type=existing_dir, help="real articles to build the corpus")
    parser.add_argument("--workers", default="1,2", help="worker counts to build with")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the 30 queries")
    parser.add_argument("--launches", type=int, default=3, help="first-screen measurements")
    args = parser.parse_args(argv)
    n = args.articles
    log = sys.stderr
    load_before = os.getloadavg()[0]
    speed_before = python_speed()
    log.write(f"corpus of {n:,} articles…\n")
    corpus = corpus_for(n, args.source)
    words = sum(len(p.read_bytes().split()) for p in corpus.rglob("*.txt")) / n
    result: dict[str, Any] = {"articles": n, "words_per_article": round(words)}
    data = OUT / f"data-{n}"
    for workers in [int(w) for w in args.workers.split(",")]:
        log.write(f"building the index with {workers} worker(s)…\n")
        wall, cpu = build(corpus, data, workers)
        result[f"build_w{workers}"] = {"seconds": wall, "cpu_seconds": cpu, "rate": n / wall}
    result["index_mb"] = size_of(data) / 1e6
    log.write("updates…\n")
    library = open_library(corpus, data)
    result["update"] = updates(library, corpus)
    log.write("search…\n")
    search = search_times(library, args.repeat)
    result["search"] = {"p50": percentile(search, 0.5), "p95": percentile(search, 0.95)}
    like, like_load = like_scan(corpus, args.repeat)
    result["like"] = {
        "p50": percentile(like, 0.5),
        "p95": percentile(like, 0.95),
        "load_seconds": like_load,
    }
    opens = open_times(library)
    result["open"] = {"p50": percentile(opens, 0.5), "p95": percentile(opens, 0.95)}
    library.close()
    log.write("terminal…\n")
    launches, rss = terminal_runs(corpus, data, args.launches)
    result["first_screen"] = {"runs": launches, "median": sorted(launches)[len(launches) // 2]}
    result["rss_mb"] = rss
    # The same launch on 50 articles: what does not depend on corpus size
    # (Python, Textual and Whoosh start-up).
    small, small_data = corpus_for(50, args.source), OUT / "data-50"
    build(small, small_data, 1)
    base, _rss = terminal_runs(small, small_data, args.launches, browse_last=False)
    result["first_screen_50"] = {"runs": base, "median": sorted(base)[len(base) // 2]}
    result["load_average"] = [load_before, os.getloadavg()[0]]
    result["python_loop_seconds"] = [speed_before, python_speed()]
    OUT.mkdir(exist_ok=True)
    (OUT / f"results-{n}.json").write_text(json.dumps(result, indent=1))
    sys.stdout.write(table(result))
    return 0


def _mark(ok: bool) -> str:
    return "yes" if ok else "no"


def table(r: dict[str, Any]) -> str:
    """The results as a Markdown table."""
    rows: list[tuple[str, str, str, str]] = []
    for key in sorted(k for k in r if k.startswith("build_w")):
        b = r[key]
        rows.append(
            (
                f"full index build, {key[7:]} worker(s)",
                f"{b['rate']:,.0f} articles/s ({b['seconds']:.0f} s; {b['cpu_seconds']:.0f} CPU s)",
                "≥ 600/s",
                _mark(b["rate"] >= TARGETS["build"]),
            )
        )
    rows.append(("index size", f"{r['index_mb']:,.0f} MB", "", ""))
    u = r["update"]
    rows.append(("update, nothing changed", f"{u['nochange']:.2f} s", "", ""))
    rows.append(
        ("update after touching 1 file", f"{u['touch1']:.2f} s", "< 1 s", _mark(u["touch1"] < 1))
    )
    rows.append(("update after adding 100 files", f"{u['add100']:.2f} s", "", ""))
    fs = r["first_screen"]
    rows.append(
        (
            "launch → first screen (median of 3)",
            f"{fs['median']:.2f} s ({', '.join(f'{t:.2f}' for t in fs['runs'])})",
            "< 0.5 s",
            _mark(fs["median"] < TARGETS["first_screen"]),
        )
    )
    fs50 = r["first_screen_50"]
    rows.append(
        (
            "same launch on 50 articles (start-up floor)",
            f"{fs50['median']:.2f} s ({', '.join(f'{t:.2f}' for t in fs50['runs'])})",
            "",
            "",
        )
    )
    s, like = r["search"], r["like"]
    rows.append(
        (
            "search p50 / p95 (30 queries)",
            f"{s['p50']:.1f} / {s['p95']:.1f} ms",
            "p95 < 50 ms",
            _mark(s["p95"] < TARGETS["search_p95"]),
        )
    )
    ratio = like["p95"] / s["p95"] if s["p95"] else float("inf")
    rows.append(
        (
            "SQLite LIKE scan p50 / p95 (same words)",
            f"{like['p50']:.1f} / {like['p95']:.1f} ms",
            "",
            "",
        )
    )
    rows.append(
        ("LIKE p95 / search p95", f"{ratio:.1f}x", ">= 5x", _mark(ratio >= TARGETS["like_ratio"]))
    )
    o = r["open"]
    rows.append(
        (
            "open article with annotations p50 / p95",
            f"{o['p50']:.1f} / {o['p95']:.1f} ms",
            "p95 < 30 ms",
            _mark(o["p95"] < TARGETS["open_p95"]),
        )
    )
    rows.append(
        (
            "peak RSS of the reader after browsing + 4 searches",
            f"{r['rss_mb']:.0f} MB",
            "< 250 MB",
            _mark(r["rss_mb"] < TARGETS["rss"]),
        )
    )
    before, after = r["load_average"]
    loop_before, loop_after = r.get("python_loop_seconds", [float("nan")] * 2)
    head = (
        f"byline at {r['articles']:,} articles ({r['words_per_article']} words each on average); "
        f"1-minute load average {before:.1f} before, {after:.1f} after (2 cores); "
        f"a 10-million-step Python loop took {loop_before:.2f} s before, {loop_after:.2f} s "
        "after\n\n"
    )
    lines = ["| measure | result | target | met |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return head + "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.environ.setdefault(paths.CACHE_DIR.name, str(OUT / "cache"))
    raise SystemExit(main())
