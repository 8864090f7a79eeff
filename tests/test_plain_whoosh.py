"""Whoosh alone (byline not importable) opens byline's index and finds what
``byline search`` finds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

from byline.index.library.locations import WHOOSH_INDEX_NAME, WHOOSH_SUBDIR, locate

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

WORD_QUERIES = ("space", "moon landing", "said", "council", "zephyrine", "harbour pilots")
PHRASE_QUERIES = ('"space agency"', '"said in a"', '"the city"', '"harbour pilots said"')

# Runs in a fresh interpreter in which ``import byline`` fails: unpickling
# anything byline defined would raise.
WHOOSH_ONLY = textwrap.dedent(
    """
    import json, sys
    sys.modules["byline"] = None
    try:
        import byline
    except ImportError:
        pass
    else:
        raise SystemExit("byline is importable")
    from whoosh import index
    from whoosh.qparser import QueryParser

    directory, name, queries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    ix = index.open_dir(directory, indexname=name)
    parser = QueryParser("body", ix.schema)
    out = {}
    with ix.searcher() as searcher:
        for text in queries:
            hits = searcher.search(parser.parse(text), limit=None)
            out[text] = sorted(hit["id"] for hit in hits)
    print(json.dumps(out))
    """
)


def _byline(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "byline.reader", *args],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        env=os.environ.copy(),
        check=False,
    )


def _byline_ids(corpus: Path, query: str) -> list[str]:
    done = _byline("search", query, "--dir", str(corpus), "--json", "--limit", "100000")
    assert done.returncode in (0, 1), done.stderr
    return sorted(json.loads(line)["id"] for line in done.stdout.splitlines())


def test_whoosh_alone_finds_what_byline_finds(
    seed_corpus: Path, write_article: Callable[[Path, str, str], Path]
) -> None:
    # Enough files for the build to fork workers (several segments), and
    # words of their own, some in a phrase, some apart.
    for i in range(40):
        body = (
            f"date 2024-03-{1 + i % 28:02d} The harbour pilots said on day {i} that the "
            f"city council met.\n\nZephyrine winds slowed the pilots of harbour {i}."
        )
        if i % 3 == 0:
            body += "\n\nThe space agency said in a statement that the council agreed."
        write_article(seed_corpus, f"extra/{i:03d}.txt", body)
    built = _byline("index", str(seed_corpus), "--quiet")
    assert built.returncode == 0, built.stderr
    # A later small update adds a segment written in-process.
    write_article(seed_corpus, "extra/late.txt", "date 2024-04-01 Harbour pilots said more.")
    queries = [*WORD_QUERIES, *PHRASE_QUERIES]
    expected = {query: _byline_ids(seed_corpus, query) for query in queries}

    whoosh_dir = locate(seed_corpus)[1] / WHOOSH_SUBDIR
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            WHOOSH_ONLY,
            str(whoosh_dir),
            WHOOSH_INDEX_NAME,
            json.dumps(queries),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found == expected
    for query in queries:
        assert found[query], f"{query!r} found nothing: the comparison would prove little"
    assert len(found["harbour pilots"]) == 41
    assert len(found['"harbour pilots said"']) == 41
