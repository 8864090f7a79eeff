"""The reader in a real pseudo-terminal: record every byte it writes while it shows
hostile articles, and find none of the control sequences hidden in them."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from byline.index.corpus.articles import iter_articles
from byline.index.library.api import open_library
from byline.index.models import Article

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from hostile import HostileCorpus
    from pty_session import PtyApp

    StartReader = Callable[[Path, Path], PtyApp]

pytestmark = pytest.mark.slow

# What the terminal would act on: CSI, OSC/DCS/APC/PM/SOS strings, other escapes.
_SEQUENCE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]"
)
_STRAY = re.compile("[\x00-\x06\x08\x0b\x0c\x0e-\x1a\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def _back_in_the_list(shown: str) -> bool:
    # The footer lists the focused widget's keys: the list's "Open" drawn after
    # the article's "Back to list" means the list has the focus again (until
    # then, keys typed would go elsewhere).
    return shown.rfind("Open") > shown.rfind("Back to list")


def _open_every_article(app: PtyApp, sources: set[str]) -> None:
    """Open every article in the list in turn: Enter, wait for its header, back, next."""
    # Both the index check and the first listing must be done before moving.
    app.wait_for(lambda s: "index up to date" in s and "Escapes: colour" in s)
    # The article's header line names its file (the list shows headlines only).
    left = {src[:30] for src in sources}
    assert len(left) == len(sources)
    for _ in range(len(sources)):
        since = app.mark()
        app.send(b"\r")
        shown = app.wait_for(
            lambda s, left=left: any(name in s for name in left), since, note=str(left)
        )
        left = {name for name in left if name not in shown}
        since = app.mark()
        app.send(b"q")
        app.wait_for(_back_in_the_list, since)
        app.send(b"j")
    assert not left


def test_hostile_articles_send_no_control_sequences_to_the_terminal(
    hostile_corpus: HostileCorpus, data_dir: Path, pty_reader: StartReader
) -> None:
    root = hostile_corpus.root
    sources = {a.source for a in iter_articles(root) if isinstance(a, Article)}
    assert len(sources) == len(hostile_corpus.articles)
    # Twice: the first launch indexes in the reader, the relaunch draws the saved
    # front page and reads the date cache.
    output = bytearray()
    for launch in ("first", "relaunch"):
        app = pty_reader(root, data_dir)
        try:
            _open_every_article(app, sources)
            assert "[@click=app.quit]here[/]" in app.text()
            app.send(b"q")
            app.proc.wait(timeout=30)
            assert app.proc.returncode == 0, launch
        finally:
            app.close()
        output += app.output
        if launch == "first":
            with open_library(root, data_dir) as library:
                assert library.count() == len(sources)

    raw = bytes(output)
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


def test_two_readers_and_an_indexer_at_once(
    tmp_path: Path, data_dir: Path, pty_reader: StartReader
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(300):
        (corpus / f"{i:03d}.txt").write_text(
            f" date 2021-02-{i % 28 + 1:02d} Heron count {i} on the estuary, rangers said.\n",
            encoding="utf-8",
        )
    first = pty_reader(corpus, data_dir)
    second = pty_reader(corpus, data_dir)
    first.wait_for(lambda s: "300 articles" in s)
    # More articles arrive, and the command-line indexer runs while both readers are open.
    for i in range(300, 450):
        (corpus / f"{i:03d}.txt").write_text(
            f" date 2021-03-{i % 28 + 1:02d} Heron count {i} upstream.\n", encoding="utf-8"
        )
    done = subprocess.run(
        [sys.executable, "-m", "byline.reader", "index", str(corpus), "--data-dir",
         str(data_dir), "--quiet"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "450 articles in the index" in done.stdout
    with open_library(corpus, data_dir) as library:
        assert library.count() == 450
    for reader in (first, second):
        # Each reader picks the new articles up when it searches next.
        since = reader.mark()
        reader.send(b"/upstream\r")
        reader.wait_for(lambda s: "150 matches" in s, since)
        since = reader.mark()
        reader.send(b"\r")  # open the first hit
        reader.wait_for(lambda s: "upstream" in s and "\u00b7" in s, since)
        since = reader.mark()
        reader.send(b"q")  # back to the list
        reader.wait_for(_back_in_the_list, since)
        reader.send(b"q")
        reader.proc.wait(timeout=30)
        assert reader.proc.returncode == 0
        assert "Traceback" not in reader.text()
