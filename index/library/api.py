"""The public entry point: ``open_library(corpus_root) -> Library``."""

from __future__ import annotations

import functools
import os
import threading
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import scoring
from whoosh.query import Every, Query

from byline.index.analysis.annotate import analyse, load_annotations
from byline.index.corpus.articles import ArticleError, CorpusFile, article_id, read_article
from byline.index.corpus.scan_keys import scan_keys
from byline.index.errors import LibraryError as LibraryError
from byline.index.library.child_update import update_in_child
from byline.index.library.front_page import (
    LIST_LIMIT,
    ROWS,
    FrontPage,
    index_version,
    load_front_page,
    save_front_page,
)
from byline.index.library.locations import locate
from byline.index.models import SORTS as SORTS
from byline.index.models import (
    Annotations,
    Article,
    Hit,
    Problem,
    Results,
    Sort,
    UpdateReport,
)
from byline.index.search.highlight import TermMatcher, snippet
from byline.index.search.hits import HitList
from byline.index.search.prepare import build_query
from byline.index.store.analyzers import text_analyzer
from byline.index.store.columns import DateColumns
from byline.index.store.disk import ManifestRow, Store

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Sequence

    from whoosh.query import Query

    from byline.index.library.indexer import Outcome, ProgressFn
    from byline.index.store.engine import Engine

#: Updates of at least this many files are worth starting a child process for.
CHILD_THRESHOLD = 500


_TEXT = text_analyzer()
# Names are not stemmed, so they make the best suggestions; then body words.
_SUGGEST_FIELDS = ("person", "org", "place", "speaker", "body")


def _suggestions(searcher: Any, words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """For query words found nowhere in the index, the closest indexed word."""
    out: list[tuple[str, str]] = []
    for word in words[:6]:
        stems = [t.text for t in _TEXT(word)]
        if not stems or any(
            searcher.doc_frequency(field, stem) for field in ("body", "headline") for stem in stems
        ):
            continue
        for field in _SUGGEST_FIELDS:
            probe = stems[0] if field == "body" else word.lower()
            found = searcher.suggest(field, probe, limit=1, maxdist=2, prefix=1)
            if found and found[0] != probe:
                out.append((word, str(found[0])))
                break
    return tuple(out)


class ArticleNotFoundError(LookupError):
    """No article with that id in the index (or its file is gone)."""


def open_library(corpus_root: Path | str, data_dir: Path | str | None = None) -> Library:
    """Open (creating if needed) the index of the articles under ``corpus_root``.

    The index lives under ``data_dir`` (default: the user's cache directory),
    one per corpus root.  Opening does not scan the corpus: call
    :meth:`Library.update` for that.
    """
    root = Path(corpus_root).expanduser()
    if not root.is_dir():
        raise LibraryError(f"not a directory: {root}")
    root, directory = locate(root, data_dir)
    try:
        store = Store(directory, root)
    except OSError as exc:
        raise LibraryError(
            f"cannot use index directory {directory}: {exc.strerror or exc}"
        ) from exc
    return Library(root, store)


class Library:
    """An indexed corpus: update it, search it, read its articles."""

    def __init__(self, root: Path, store: Store) -> None:
        self.root = root
        self.store = store
        self._lock = threading.RLock()
        self._searcher: Any = None
        self._last_article: tuple[tuple[str, int, int], Article] | None = None
        # Date sort keys and the newest-first order of one searcher's documents.
        self._dates: tuple[Any, DateColumns] | None = None
        self._engine_of: Engine | None = None

    # -- reading --------------------------------------------------------

    @property
    def index_dir(self) -> Path:
        """Where this library's index and manifest are kept."""
        return self.store.directory

    @property
    def rebuilt_reason(self) -> str | None:
        """Why the index was recreated when it was opened, if it was."""
        return self.store.rebuilt_reason

    def busy(self) -> bool:
        """Whether another process is updating this index at the moment."""
        return self.store.writer_busy()

    def refresh(self) -> bool:
        """Pick up what other processes committed; True if the index changed."""
        with self._lock:
            before = self._searcher
            return self._get_searcher() is not before

    def count(self) -> int:
        """Articles in the index."""
        with self._lock:
            return int(self._get_searcher().doc_count())

    def article(self, id: str) -> Article:
        """The article with ``id``, read from its file."""
        fields = self._stored(id)
        path = self.root / fields["rel"]
        try:
            st = path.stat()
            key: tuple[str, int, int] | None = (id, st.st_mtime_ns, st.st_size)
        except OSError:
            key = None
        # Opening an article asks for it and then for its annotations: a
        # multi-megabyte file is parsed once, not twice.
        last = self._last_article
        if key is not None and last is not None and last[0] == key:
            return last[1]
        try:
            article, _notes = read_article(path, self.root)
        except ArticleError as exc:
            raise ArticleNotFoundError(f"article {id} cannot be read: {exc}") from exc
        if key is not None:
            self._last_article = (key, article)
        return article

    def annotations(self, id: str) -> Annotations:
        """Entities and quotations of the article ``id``, as found at index time.

        If the file changed since it was indexed, it is analysed afresh so the
        offsets always fit the text :meth:`article` returns.
        """
        fields = self._stored(id)
        article = self.article(id)
        path = self.root / fields["rel"]
        try:
            st = path.stat()
            fresh = (st.st_mtime_ns, st.st_size) == (fields.get("mtime"), fields.get("size"))
        except OSError:
            fresh = False
        if fresh:
            stored = load_annotations(fields.get("ann", ""), article.text)
            if stored is not None:
                return stored
        return analyse(article.text)

    def _stored(self, id: str) -> dict[str, Any]:
        with self._lock:
            fields = self._get_searcher().document(id=id)
        if not fields:
            raise ArticleNotFoundError(f"no article {id!r} in the index")
        return dict(fields)

    def _get_searcher(self) -> Any:
        # One long-lived searcher, replaced when a writer (in this process or
        # another) has committed since it was opened.
        current = self._searcher
        if current is None or not current.up_to_date():
            # The old searcher is not closed: lazy hit lists of earlier
            # searches still read from it; it closes when they are gone.
            self._searcher = self.store.index.searcher(weighting=scoring.BM25F())
        return self._searcher

    # -- searching ------------------------------------------------------

    def search(
        self,
        query: str,
        sort: Sort = "relevance",
        limit: int | None = 100,
        *,
        now: dt.date | None = None,
        lazy: bool = False,
    ) -> Results:
        """Run ``query`` (the byline query language); never raises on odd input
        (what cannot be used is noted in ``ignored``); a failure of the search
        engine itself propagates.

        An empty query lists every article, newest first.  Relative dates
        (``date:yesterday``) count from ``now`` (default: today).  With
        ``lazy`` the hits are a :class:`HitList` that reads each hit (its
        stored fields, file and snippet) only when it is first accessed, so
        asking for thousands of hits costs no more than asking for ten.
        """
        started = time.perf_counter()
        built = build_query(query, self.store.index.schema, now)
        matcher = TermMatcher.build(built.terms)
        with self._lock:
            searcher = self._get_searcher()
            docs, scores, total = self._match(searcher, built.query, sort, limit)
            suggestions = _suggestions(searcher, built.parsed.spellable_terms)
        hits = HitList(
            docs,
            scores,
            # A lazy list without query words shows no snippets: skip the file.
            functools.partial(self._load_hit, searcher, matcher, not lazy),
            functools.partial(self._locate, searcher),
        )
        return Results(
            query=query,
            hits=hits if lazy else tuple(hits),
            total=total,
            ignored=built.ignored,
            suggestions=suggestions,
            terms=built.terms,
            elapsed=time.perf_counter() - started,
        )

    def _match(
        self, searcher: Any, wq: Query | None, sort: Sort, limit: int | None
    ) -> tuple[Sequence[int], Sequence[float], int]:
        """Document numbers and scores of the first ``limit`` matches, and how many match."""
        if wq is None or sort != "relevance":
            newest = (wq is None and sort == "relevance") or sort == "newest"
            keys, undated = self._date_keys(searcher)
            sign = -1 if newest else 1

            def key(doc: int) -> tuple[int, int]:
                # Undated articles after the dated ones, whichever way dates run.
                return undated[doc], sign * keys[doc]

            if wq is None:
                order = self._date_order(searcher)
                docs: Sequence[int] = order if newest else sorted(order, key=key)
            else:
                docs = sorted(self._engine(searcher).match(wq).docs().tolist(), key=key)
            total = len(docs)
            top = docs[:limit] if limit is not None else docs
            return top, [0.0] * len(top), total
        ranked, scores = self._engine(searcher).match(wq).ranked()
        if limit is not None:
            return ranked[:limit], scores[:limit], len(ranked)
        return ranked, scores, len(ranked)

    def warm_up(self) -> None:
        """Load the query engine (and numpy) now, so the first search does not wait for it."""
        import byline.index.store.engine  # noqa: F401

    def _engine(self, searcher: Any) -> Engine:
        """The query engine of ``searcher`` (it caches field statistics)."""
        # Imported on the first query: listing articles (the first screen) needs no engine.
        from byline.index.store.engine import Engine

        engine = self._engine_of
        if engine is None or engine.searcher is not searcher:
            engine = self._engine_of = Engine(
                searcher, functools.partial(self._date_keys, searcher)
            )
        return engine

    def _date_columns(self, searcher: Any) -> DateColumns:
        """The date columns of ``searcher``, read once per searcher (a new one after
        every commit, so they are never stale)."""
        cached = self._dates
        if cached is not None and cached[0] is searcher:
            return cached[1]
        columns = DateColumns.read(searcher, cache=self.store.directory)
        self._dates = (searcher, columns)
        return columns

    def _date_keys(self, searcher: Any) -> tuple[Sequence[int], Sequence[int]]:
        """Each document's date as a sortable integer and its undated flag (by document
        number)."""
        columns = self._date_columns(searcher)
        return columns.keys, columns.undated

    def _date_order(self, searcher: Any) -> list[int]:
        """Every live document, newest first."""
        return self._date_columns(searcher).newest

    def _locate(self, searcher: Any, id: str) -> int | None:
        with self._lock:
            docnum = searcher.document_number(id=id)
        return int(docnum) if docnum is not None else None

    def _load_hit(
        self, searcher: Any, matcher: TermMatcher, lead: bool, docnum: int, score: float
    ) -> Hit:
        try:
            with self._lock:
                fields = dict(searcher.stored_fields(docnum))
        except Exception:  # the searcher's files went away under a long-lived list
            fields = {}
        if "rel" not in fields:
            return Hit(
                id="",
                path=self.root,
                source="",
                headline="(no longer in the index)",
                date=None,
                score=score,
                snippet="",
            )
        return self._hit(fields, score, matcher, lead=lead)

    def _hit(
        self, fields: dict[str, Any], score: float, matcher: TermMatcher, *, lead: bool = True
    ) -> Hit:
        rel = str(fields["rel"])
        path = self.root / rel
        when = fields.get("date")
        text = ""
        spans: tuple[Any, ...] = ()
        if lead or matcher.candidate is not None:
            try:
                article, _ = read_article(path, self.root)
                text, spans = snippet(article.text, matcher)
            except ArticleError:
                text = "(file no longer readable)"
        return Hit(
            id=str(fields["id"]),
            path=path,
            source=rel,
            headline=str(fields.get("headline", "")),
            date=when.date() if when is not None else None,
            score=score,
            snippet=text,
            snippet_spans=spans,
        )

    # -- updating -------------------------------------------------------

    def update(
        self,
        progress: ProgressFn | None = None,
        workers: int | None = None,
        *,
        in_child: bool = False,
    ) -> UpdateReport:
        """Bring the index up to date with the corpus: add, re-index, drop.

        ``progress(done, total)`` is called as files are processed.  Problems
        (unreadable files, bad dates) are reported, never raised.  The
        reader's front page is saved anew when the index changed.

        Big updates fork ``workers`` indexing processes (default: one per
        core; 1: none).  Forking a process that runs threads can deadlock the
        child, so a caller that runs threads (the reader) passes
        ``in_child``: this process then never forks, and a big update is done
        by a fresh child process, which can.
        """
        started = time.perf_counter()
        found, scan_problems = scan_keys(self.root)
        diff = self.store.manifest.diff(found)
        known, gone = diff.known, diff.gone
        unchanged = diff.unchanged
        problems: list[Problem] = list(scan_problems)
        for rel, recorded in diff.problems:
            problems.extend(Problem(self.root / rel, p) for p in recorded.split("\n"))
        todo = [CorpusFile(self.root / rel, rel, m, s) for rel, m, s in diff.changed]
        cores = workers if workers is not None else (os.cpu_count() or 1)
        if in_child and cores > 1 and len(todo) >= CHILD_THRESHOLD:
            return update_in_child(self.root, self.index_dir, progress)
        total = len(todo)
        notify = progress or (lambda done, total: None)
        notify(0, total)
        upserts: list[ManifestRow] = []
        if todo or gone:
            # The indexing machinery loads only when there is indexing to do (the
            # reader's start-up check usually finds none).
            from byline.index.library.indexer import can_fork

            with self.store.writer() as writer:
                for row in gone:
                    writer.delete_by_term("id", row.id)
                forks = 0 if in_child else can_fork(todo, workers)
                if forks:
                    outcomes = self._write_parallel(writer, todo, known, forks)
                else:
                    outcomes = self._write_serial(writer, todo)
                for done, out in enumerate(outcomes, 1):
                    f = out.file
                    reasons = [out.problem] if out.problem else list(out.notes)
                    problems.extend(Problem(f.path, r) for r in reasons)
                    upserts.append(
                        ManifestRow(
                            f.rel,
                            out.doc_id or article_id(f.rel),
                            f.mtime_ns,
                            f.size,
                            "\n".join(reasons) or None,
                            out.indexed,
                        )
                    )
                    if done % 16 == 0 or done == total:
                        notify(done, total)
            self.store.manifest.apply(upserts, [row.rel for row in gone])
        # Saved here, by whoever changed the index, so the reader's next
        # launch can draw its first screen at once (a no-op when current).
        self.save_front_page()
        return UpdateReport(
            added=sum(1 for r in upserts if r.indexed and r.rel not in known),
            changed=sum(1 for r in upserts if r.indexed and r.rel in known),
            removed=len(gone),
            unchanged=unchanged,
            problems=tuple(problems),
            rebuilt=self.store.rebuilt_reason is not None,
            elapsed=time.perf_counter() - started,
            notes=(self.store.rebuilt_reason,) if self.store.rebuilt_reason else (),
        )

    def hit_days(self, hits: Sequence[Hit]) -> tuple[dict[dt.date, int], int]:
        """How many hits fall on each day, and how many are undated.

        A lazy list stays unread: the days come from the date column.
        """
        if not isinstance(hits, HitList):
            dated = Counter(hit.date for hit in hits if hit.date is not None)
            return dict(dated), len(hits) - dated.total()
        with self._lock:
            columns = self._date_columns(self._get_searcher())
        return columns.day_counts(hits.docnums)

    def match_ids(self, query: str, *, now: dt.date | None = None) -> list[str]:
        """Ids of every article matching ``query`` (no ranking, no snippets): for counts."""
        built = build_query(query, self.store.index.schema, now)
        wq: Query = built.query if built.query is not None else Every()
        with self._lock:
            searcher = self._get_searcher()
            docnums = self._engine(searcher).match(wq).docs().tolist()
            return [str(searcher.stored_fields(n)["id"]) for n in docnums]

    def _write_serial(self, writer: Any, todo: list[CorpusFile]) -> Iterator[Outcome]:
        # In-process: can_fork already decided that workers would not pay.
        from byline.index.library.indexer import Outcome, prepare

        for f in todo:
            prep = prepare(f, self.root)
            if prep.fields is not None:
                writer.update_document(**prep.fields)
            else:
                # A file that became unreadable must not leave a stale document.
                writer.delete_by_term("id", article_id(prep.file.rel))
            yield Outcome(prep.file, prep.doc_id, prep.fields is not None, prep.problem, prep.notes)

    def _write_parallel(
        self,
        writer: Any,
        todo: list[CorpusFile],
        known: dict[str, ManifestRow],
        forks: int,
    ) -> Iterator[Outcome]:
        # Workers only add documents: old versions go first, also of files the
        # manifest does not know yet (a run killed after its index commit but
        # before its manifest was saved has already added them once).
        from byline.index.library.indexer import Outcome, write_segments

        for f in todo:
            row = known.get(f.rel)
            writer.delete_by_term("id", row.id if row is not None else article_id(f.rel))
        for item in write_segments(self.store.index, todo, self.root, forks):
            if isinstance(item, Outcome):
                yield item
            else:
                writer.extra_segments.extend(item)

    def save_front_page(self) -> bool:
        """Save the first screen of the newest-first list for the next launch to show at once.

        Returns whether a page was written: not when the saved one is
        current, the index is empty, another process committed meanwhile
        (its page is that process's to save) or the file cannot be written.
        """
        directory = self.store.directory
        with self._lock:
            searcher = self._get_searcher()
            version = index_version(directory)
            if version is None or version.generation != searcher.reader().generation():
                return False
            if load_front_page(directory) is not None:
                return False
            results = self.search("", limit=LIST_LIMIT, lazy=True)
            if not results.hits or self._searcher is not searcher:
                return False
            days, undated = self.hit_days(results.hits)
            page = FrontPage(
                version=version,
                count=int(searcher.doc_count()),
                total=results.total,
                hits=tuple(results.hits[:ROWS]),
                days=days,
                undated=undated,
            )
        if index_version(directory) != version:
            return False
        try:
            save_front_page(directory, page)
        except OSError:  # only a cache: the next launch builds its list from the index
            return False
        return True

    def close(self) -> None:
        """Release the index files."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
