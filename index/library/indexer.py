"""Turn corpus files into index documents, in worker processes when it pays.

Large batches are written segment-parallel: each forked worker parses,
annotates and indexes its share of the files into a Whoosh segment of its
own, and the parent adds those segments to the index in one commit (no
final merge, which would run on one core).  Measured on this 2-core machine
(``benchmarks/run.py``) this beats feeding one writer from annotation
workers, because the writer's own analysis and posting work, not the
annotation, was the bottleneck.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from byline.index.analysis.annotate import analyse, dump_annotations
from byline.index.analysis.names import canonical_names
from byline.index.corpus.articles import ArticleError, CorpusFile, read_article
from byline.index.store.disk import (
    COMPOUND_SEGMENTS,
    WRITER_LIMIT_MB,
    detach_forked_child,
    to_datetime,
)
from byline.index.store.whoosh_private import SegmentWriter

if TYPE_CHECKING:
    from pathlib import Path

# Below this many files the cost of starting worker processes outweighs the gain.
PARALLEL_THRESHOLD = 64
CHUNK = 32
#: Seconds without any news from a segment worker before it counts as dead.
WORKER_SILENCE = 600.0
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
        # One canonical name per mention ("Blair" is "Tony Blair" when the
        # article says so): the names the names panel shows and searches for.
        canon = canonical_names(ann, article.text)
    except ArticleError as exc:
        return Prepared(file, "", None, str(exc))
    except Exception as exc:  # a bug in analysis must cost one file, not the update
        return Prepared(file, "", None, f"could not analyse: {type(exc).__name__}: {exc}")
    text = article.text
    names: dict[str, list[str]] = {"person": [], "org": [], "place": []}
    for ent, name in zip(ann.entities, canon.entities, strict=True):
        if ent.kind in names and name:
            names[ent.kind].append(name)
    doc: dict[str, Any] = {
        "id": article.id,
        "rel": file.rel,
        "mtime": file.mtime_ns,
        "size": file.size,
        "ann": dump_annotations(ann),
        "headline": article.title,
        "body": text,
        # A quoted fragment is the speaker's words too: quote: and speaker: find it.
        "quote": "\n".join(q.text for q in (*ann.quotes, *ann.fragments)),
        "speaker": NAME_SEPARATOR.join(
            name for name in (*canon.speakers, *canon.fragment_speakers) if name
        ),
        **{kind: NAME_SEPARATOR.join(values) for kind, values in names.items()},
    }
    when = to_datetime(article.date)
    doc["undated"] = int(when is None)
    if when is not None:
        doc["date"] = when
    return Prepared(file, article.id, doc, None, tuple(notes))


@dataclass(slots=True, frozen=True)
class Outcome:
    """What happened to one file in a segment worker (the document itself
    went into the worker's segment)."""

    file: CorpusFile
    doc_id: str
    indexed: bool
    problem: str | None
    notes: tuple[str, ...]


def can_fork(files: Sequence[CorpusFile], workers: int | None) -> int:
    """How many worker processes to use for ``files`` (0: work in-process);
    ``workers`` None means one per core.

    Forking a process that runs other threads can deadlock the child: a
    caller that runs threads must not ask for workers (see
    :meth:`byline.index.library.api.Library.update`).
    """
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(files) < PARALLEL_THRESHOLD:
        return 0
    return min(count, len(files) // (PARALLEL_THRESHOLD // 2))


def write_segments(
    ix: Any, files: Sequence[CorpusFile], root: Path, workers: int
) -> Iterator[Outcome | list[Any]]:
    """Index ``files`` into new segments of ``ix``, one per forked worker.

    Yields an :class:`Outcome` per file as workers report them (in no fixed
    order), then, last, the list of finished segments for the caller's
    writer to commit.  The caller must hold the index's write lock.
    """
    shards = [files[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("fork")
    inbox: Any = context.Queue()
    parent = os.getpid()
    procs = [
        context.Process(target=_segment_worker, args=(parent, ix, shard, root, inbox), daemon=True)
        for shard in shards
    ]
    for proc in procs:
        proc.start()
    segments: list[Any] = []
    finished = 0
    try:
        while finished < len(procs):
            try:
                kind, payload = inbox.get(timeout=WORKER_SILENCE)
            except queue.Empty:
                raise RuntimeError("an indexing worker stopped responding") from None
            if kind == "done":
                finished += 1
                if payload is not None:
                    segments.append(payload)
            elif kind == "error":
                raise RuntimeError(f"an indexing worker failed: {payload}")
            else:
                yield from payload
        yield segments
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()


def _segment_worker(
    parent: int, ix: Any, files: Sequence[CorpusFile], root: Path, outbox: Any
) -> None:
    try:
        detach_forked_child(parent)
        # The parent holds the lock for the whole update.
        writer = SegmentWriter(ix, _lk=False, limitmb=WRITER_LIMIT_MB, compound=COMPOUND_SEGMENTS)
        batch: list[Outcome] = []
        for f in files:
            prep = prepare(f, root)
            if prep.fields is not None:
                writer.add_document(**prep.fields)
            batch.append(Outcome(f, prep.doc_id, prep.fields is not None, prep.problem, prep.notes))
            if len(batch) >= CHUNK:
                outbox.put(("files", batch))
                batch = []
        if batch:
            outbox.put(("files", batch))
        segment = writer.finish_segment()
        # The temporary directory is shared with the parent's writer, which
        # removes it when it finishes.
        outbox.put(("done", segment))
    except BaseException as exc:
        outbox.put(("error", f"{type(exc).__name__}: {exc}"))
