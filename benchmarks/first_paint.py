"""Measure how long the reader takes to show the first screen of huge articles.

Usage (from the project root):

    python benchmarks/first_paint.py [--size 80x24] [--mb 3] [--paragraphs 50000]

Writes a corpus of three articles to a temporary directory (one paragraph of
``--mb`` megabytes, ``--paragraphs`` short paragraphs, and a small one),
indexes it, then runs the app headless and times, for each article, the key
press that opens it until the screen has been drawn, and the jumps to its
end and back to its top.  Prints one table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from byline.index.library.api import open_library
from byline.reader.app import BylineApp
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView

_VOCAB = ["the", "council", "said", "a", "new", "plan", "for", "harbour", "would", "cost", "rail"]


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(_VOCAB) for _ in range(count))


def make_corpus(root: Path, megabytes: float, paragraphs: int) -> dict[str, str]:
    """Write the articles; return file name -> a word only that article has."""
    rng = random.Random(1)
    root.mkdir(parents=True, exist_ok=True)
    words = int(megabytes * 1024 * 1024 / 5)
    (root / "huge-paragraph.txt").write_text(
        f" date 2020-01-03 Hugeparagraph {_words(rng, words)} end.\n", encoding="utf-8"
    )
    body = "\n\n".join(f"Para {_words(rng, 8)}." for _ in range(paragraphs))
    (root / "many-paragraphs.txt").write_text(
        f" date 2020-01-02 Manyparagraphs start.\n\n{body}\n", encoding="utf-8"
    )
    (root / "small.txt").write_text(
        f" date 2020-01-01 Smallarticle {_words(rng, 300)}.\n", encoding="utf-8"
    )
    return {
        "huge-paragraph.txt": "hugeparagraph",
        "many-paragraphs.txt": "manyparagraphs",
        "small.txt": "smallarticle",
    }


async def measure(root: Path, data: Path, size: tuple[int, int], names: dict[str, str]) -> None:
    """Open each article in the headless app and print the timings."""
    app = BylineApp(root, data)
    rows: list[tuple[str, int, float, float, float]] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(ArticleView)
        for name, word in names.items():
            await pilot.press("slash", "ctrl+u", *word, "enter")  # Enter searches at once
            await app.workers.wait_for_complete()
            await pilot.pause()
            hits = app.query_one(ArticleList).hits
            assert hits, (app.session.query, app.session.results)
            assert hits[0].source == name
            started = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            opened = time.perf_counter() - started
            assert view.article is not None
            assert view.article.source == name
            chars = len(view.article.text)
            started = time.perf_counter()
            await pilot.press("G")
            await pilot.pause()
            to_end = time.perf_counter() - started
            started = time.perf_counter()
            await pilot.press("g")
            await pilot.pause()
            to_top = time.perf_counter() - started
            rows.append((name, chars, opened, to_end, to_top))
            await pilot.press("q")
            await pilot.pause()
    print(f"{'article':<22}{'chars':>12}{'open (s)':>10}{'end G (s)':>11}{'top g (s)':>11}")
    for name, chars, opened, to_end, to_top in rows:
        print(f"{name:<22}{chars:>12,}{opened:>10.3f}{to_end:>11.3f}{to_top:>11.3f}")


def main() -> None:
    """Parse arguments, build the corpus, measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="80x24", help="terminal size, WxH")
    parser.add_argument("--mb", type=float, default=3.0, help="size of the one-paragraph article")
    parser.add_argument("--paragraphs", type=int, default=50_000, help="paragraphs of the other")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        names = make_corpus(root, args.mb, args.paragraphs)
        started = time.perf_counter()
        with open_library(root, Path(tmp) / "data") as library:
            library.update()
        print(f"indexed in {time.perf_counter() - started:.1f}s")
        asyncio.run(measure(root, Path(tmp) / "data", (width, height), names))


if __name__ == "__main__":
    main()
