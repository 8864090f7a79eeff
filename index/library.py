"""The public entry point: ``open_library(corpus_root) -> Library``."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from whoosh import scoring
from whoosh.query import Every, Query
from whoosh.sorting import FieldFacet

from byline.index.analysis import analyse, load_annotations
from byline.index.analyzers import text_analyzer
from byline.index.corpus import ArticleError, CorpusFile, article_id, read_article, scan
from byline.index.highlight import TermMatcher, snippet
from byline.index.indexer import ProgressFn, prepare_all
from byline.index.models import Annotations, Article, Hit, Problem, Results, UpdateReport
from byline.index.search import build_query
from byline.index.store import ManifestRow, Store, library_dir

if TYPE_CHECKING:
    import datetime as dt

Sort = Literal["relevance", "newest", "oldest"]
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")


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


class LibraryError(Exception):
    """A library cannot be opened or used; the message is meant for the user."""


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
    root = root.resolve()
    directory = library_dir(root, Path(data_dir).expanduser() if data_dir is not None else None)
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
            self._searcher = self.store.index.searcher(weighting=scoring.BM25F())
            if current is not None:
                current.close()
        return self._searcher

    # -- searching ------------------------------------------------------

    def search(
        self,
        query: str,
        sort: Sort = "relevance",
        limit: int | None = 100,
        *,
        now: dt.date | None = None,
    ) -> Results:
        """Run ``query`` (the byline query language); never raises on odd input.

        An empty query lists every article, newest first.  Relative dates
        (``date:yesterday``) count from ``now`` (default: today).
        """
        started = time.perf_counter()
        built = build_query(query, self.store.index.schema, now)
        wq: Query = built.query if built.query is not None else Every()
        sortedby: list[FieldFacet] | None = None
        if sort != "relevance" or built.query is None:
            # Undated articles go last in either direction.
            newest = sort != "oldest"
            sortedby = [FieldFacet("undated"), FieldFacet("date", reverse=newest)]
        matcher = TermMatcher.build(built.terms)
        with self._lock:
            searcher = self._get_searcher()
            results = searcher.search(wq, limit=limit, sortedby=sortedby)
            total = len(results)
            # Sorted by date, Whoosh scores nothing (r.score is the sort key).
            rows = [
                (dict(r.fields()), float(r.score or 0.0) if sortedby is None else 0.0)
                for r in results
            ]
            suggestions = _suggestions(searcher, built.parsed.spellable_terms)
        hits = tuple(self._hit(fields, score, matcher) for fields, score in rows)
        return Results(
            query=query,
            hits=hits,
            total=total,
            ignored=built.ignored,
            suggestions=suggestions,
            terms=built.terms,
            elapsed=time.perf_counter() - started,
        )

    def _hit(self, fields: dict[str, Any], score: float, matcher: TermMatcher) -> Hit:
        rel = str(fields["rel"])
        path = self.root / rel
        when = fields.get("date")
        text = ""
        spans: tuple[Any, ...] = ()
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
        self, progress: ProgressFn | None = None, workers: int | None = None
    ) -> UpdateReport:
        """Bring the index up to date with the corpus: add, re-index, drop.

        ``progress(done, total)`` is called as files are processed.  Problems
        (unreadable files, bad dates) are reported, never raised.
        """
        started = time.perf_counter()
        files, scan_problems = scan(self.root)
        known = self.store.manifest.rows()
        present = {f.rel for f in files}
        todo: list[CorpusFile] = []
        unchanged = 0
        problems: list[Problem] = list(scan_problems)
        for f in files:
            row = known.get(f.rel)
            if row is not None and (row.mtime_ns, row.size) == (f.mtime_ns, f.size):
                unchanged += 1
                if row.problem:
                    problems.extend(Problem(f.path, p) for p in row.problem.split("\n"))
                continue
            todo.append(f)
        gone = [row for rel, row in known.items() if rel not in present]
        total = len(todo)
        notify = progress or (lambda done, total: None)
        notify(0, total)
        upserts: list[ManifestRow] = []
        if todo or gone:
            with self.store.writer() as writer:
                for row in gone:
                    writer.delete_by_term("id", row.id)
                for done, prep in enumerate(prepare_all(todo, self.root, workers), 1):
                    f = prep.file
                    reasons = [prep.problem] if prep.problem else list(prep.notes)
                    problems.extend(Problem(f.path, r) for r in reasons)
                    if prep.fields is not None:
                        writer.update_document(**prep.fields)
                    else:
                        # A file that became unreadable must not leave a stale document.
                        writer.delete_by_term("id", article_id(f.rel))
                    upserts.append(
                        ManifestRow(
                            f.rel,
                            prep.doc_id or article_id(f.rel),
                            f.mtime_ns,
                            f.size,
                            "\n".join(reasons) or None,
                            prep.fields is not None,
                        )
                    )
                    if done % 16 == 0 or done == total:
                        notify(done, total)
            self.store.manifest.apply(upserts, [row.rel for row in gone])
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

    def match_ids(self, query: str, *, now: dt.date | None = None) -> list[str]:
        """Ids of every article matching ``query`` (no ranking, no snippets): for counts."""
        built = build_query(query, self.store.index.schema, now)
        wq: Query = built.query if built.query is not None else Every()
        with self._lock:
            searcher = self._get_searcher()
            docnums = searcher.docs_for_query(wq)
            return [str(searcher.stored_fields(n)["id"]) for n in docnums]

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
