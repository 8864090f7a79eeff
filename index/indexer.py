"""Turn corpus files into index documents, in worker processes when it pays."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from byline.index.analysis import analyse, dump_annotations
from byline.index.corpus import ArticleError, CorpusFile, read_article
from byline.index.store import to_datetime

if TYPE_CHECKING:
    from pathlib import Path

# Below this many files the cost of starting worker processes outweighs the gain.
PARALLEL_THRESHOLD = 64
CHUNK = 32
NAME_SEPARATOR = " , "

ProgressFn = Callable[[int, int], None]


@dataclass(slots=True, frozen=True)
class Prepared:
    """The index document for one file, or why there is none."""

    file: CorpusFile
    doc_id: str
    fields: dict[str, Any] | None
    problem: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def prepare(file: CorpusFile, root: Path) -> Prepared:
    """Parse and analyse one file into the fields of its index document."""
    try:
        article, notes = read_article(file.path, root)
        ann = analyse(article.text)
    except ArticleError as exc:
        return Prepared(file, "", None, str(exc))
    except Exception as exc:  # a bug in analysis must cost one file, not the update
        return Prepared(file, "", None, f"could not analyse: {type(exc).__name__}: {exc}")
    text = article.text
    names: dict[str, list[str]] = {"person": [], "org": [], "place": []}
    for ent in ann.entities:
        if ent.kind in names:
            names[ent.kind].append(ent.text)
    doc: dict[str, Any] = {
        "id": article.id,
        "rel": file.rel,
        "mtime": file.mtime_ns,
        "size": file.size,
        "ann": dump_annotations(ann),
        "headline": article.title,
        "body": text,
        "quote": "\n".join(q.text for q in ann.quotes),
        "speaker": NAME_SEPARATOR.join(
            q.speaker_name or q.speaker or "" for q in ann.quotes if q.speaker or q.speaker_name
        ),
        **{kind: NAME_SEPARATOR.join(values) for kind, values in names.items()},
    }
    when = to_datetime(article.date)
    doc["undated"] = int(when is None)
    if when is not None:
        doc["date"] = when
    return Prepared(file, article.id, doc, None, tuple(notes))


def _prepare_chunk(chunk: Sequence[CorpusFile], root: Path) -> list[Prepared]:
    return [prepare(f, root) for f in chunk]


def prepare_all(
    files: Sequence[CorpusFile], root: Path, workers: int | None = None
) -> Iterator[Prepared]:
    """Prepare ``files`` in order, using worker processes for large batches."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    # Worker processes are forked: "spawn" and "forkserver" re-run the caller's
    # main script in each worker, which breaks scripts without a main guard.
    # Forking a process that runs other threads can deadlock the child, so a
    # threaded caller (the app) prepares files in-process instead.
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD or threading.active_count() > 1:
        for f in files:
            yield prepare(f, root)
        return
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # map keeps the order of the files.
        for batch in pool.map(_prepare_chunk, chunks, [root] * len(chunks)):
            yield from batch
