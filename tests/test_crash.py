"""Killed indexers, damaged indexes, and indexing while someone else reads."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from byline.index.library.api import open_library

if TYPE_CHECKING:
    from pathlib import Path

_VOCAB = [
    "the",
    "council",
    "said",
    "Leeds",
    "minister",
    "plan",
    "rail",
    "storm",
    "vote",
    "harbour",
    "budget",
    "Smith",
]


def _write_good(root: Path, name: str, rng: random.Random, stamp: int = 0) -> None:
    words = " ".join(rng.choice(_VOCAB) for _ in range(60))
    (root / name).write_text(
        f" date 2020-01-{rng.randrange(1, 29):02d} Walrus {name} {stamp} {words}.\n\n{words}.\n",
        encoding="utf-8",
    )


def _index_cmd(corpus: Path, data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "byline.reader", "index", str(corpus), "--data-dir",
            str(data_dir), "--quiet"]  # fmt: skip


def _group_gone(pgid: int, timeout: float = 10.0) -> bool:
    """Whether every process of the group has exited (workers must not outlive a kill)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def _appeared(whoosh_dir: Path, before: set[str], suffixes: tuple[str, ...]) -> bool:
    """Whether a file ending in one of ``suffixes`` is new in the index directory."""
    try:
        names = set(os.listdir(whoosh_dir))
    except OSError:
        return False
    return any(n.endswith(suffixes) for n in names - before)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_breaks_the_index(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = {f"a{i:05d}.txt" for i in range(2000)}
    for name in sorted(good):
        _write_good(corpus, name, rng)
    (corpus / "binary.txt").write_bytes(b"\x00\x01junk")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    data_dir = tmp_path / "data"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    kills = 0
    durations: list[float] = []
    moments: list[str] = []
    for attempt in range(40):
        if kills >= 10:
            break
        whoosh_dir = next(data_dir.glob("*/whoosh"), data_dir / "none")
        before = set(os.listdir(whoosh_dir)) if whoosh_dir.is_dir() else set()
        started = time.monotonic()
        proc = subprocess.Popen(
            _index_cmd(corpus, data_dir),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        # Kills land at a random moment within the time the last full run took,
        # while a segment is being written, or just after the commit (before the
        # manifest is saved), in turn.
        mode = ("random", "segment", "random", "toc")[attempt % 4]
        suffixes = {"segment": (".seg", ".tmp"), "toc": (".toc",)}.get(mode, ())
        delay = rng.uniform(0.05, 1.2 * (durations[-1] if durations else 3.0))
        while proc.poll() is None:
            now = time.monotonic() - started
            if suffixes and _appeared(whoosh_dir, before, suffixes):
                break
            if (not suffixes and now >= delay) or now > 60:
                break
            time.sleep(0.002)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)  # the indexer only: its workers must follow
            proc.communicate()
            kills += 1
            moments.append(f"{mode}@{time.monotonic() - started:.2f}s")
            assert _group_gone(proc.pid), "an indexing worker outlived its killed parent"
        else:
            _out, err = proc.communicate()
            assert proc.returncode == 0, err.decode()
            durations.append(time.monotonic() - started)
            # Give the next runs work to do: change, add and delete some files.
            for name in rng.sample(sorted(good), 300):
                _write_good(corpus, name, rng, attempt)
            for name in rng.sample(sorted(good), 50):
                (corpus / name).unlink()
                good.discard(name)
            for i in range(100):
                name = f"new{attempt:02d}_{i:03d}.txt"
                _write_good(corpus, name, rng)
                good.add(name)
    assert kills >= 10, moments
    print("killed at", ", ".join(moments), "; full runs took", [f"{d:.1f}s" for d in durations])

    started = time.monotonic()
    done = subprocess.run(_index_cmd(corpus, data_dir), env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert time.monotonic() - started < 50  # never stuck behind a dead process's lock
    assert b"another byline process" not in done.stderr
    with open_library(corpus, data_dir) as library:
        assert library.count() == len(good)
        assert library.search("walrus").total == len(good)
        again = library.update()
        assert again.added == again.changed == again.removed == 0
        assert len(again.problems) == 2
