"""Reading state: read/starred marks, saved searches, history, kept safely in SQLite."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
from typing import TYPE_CHECKING

import pytest

from byline.index import paths
from byline.index.corpus.articles import article_id
from byline.index.library.api import open_library
from byline.index.library.state import ArticleState, ReadingState, StateError
from byline.index.search.query import parse_query

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from byline.index.library.api import Library


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, minutes: int = 1) -> dt.datetime:
        self.now += dt.timedelta(minutes=minutes)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    root.mkdir()
    return root


@pytest.fixture
def state(corpus: Path, state_dir: Path, clock: Clock) -> Iterator[ReadingState]:
    with ReadingState(corpus, state_dir, clock=clock) as st:
        yield st


def _run(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# -- read / unread ----------------------------------------------------------


def test_articles_start_unread_and_unstarred(state: ReadingState) -> None:
    assert not state.is_read("a")
    assert not state.is_starred("a")
    assert state.article_state("a") == ArticleState("a", None, None)
    assert state.read_ids() == frozenset()
    assert state.count_read() == 0


def test_mark_read_and_unread(state: ReadingState, clock: Clock) -> None:
    assert state.mark_read("a") is True
    assert state.is_read("a")
    assert state.article_state("a").read_at == clock.now
    first = clock.now
    clock.tick()
    assert state.mark_read("a") is False  # already read: the first reading time stays
    assert state.article_state("a").read_at == first
    assert state.mark_unread("a") is True
    assert not state.is_read("a")
    assert state.mark_unread("a") is False


def test_toggle_read_flips_and_reports_the_new_state(state: ReadingState) -> None:
    assert state.toggle_read("a") is True
    assert state.is_read("a")
    assert state.toggle_read("a") is False
    assert not state.is_read("a")


def test_mark_many_read_counts_only_newly_read(state: ReadingState) -> None:
    state.mark_read("b")
    assert state.mark_many_read(["a", "b", "c", "a"]) == 2
    assert state.read_ids() == {"a", "b", "c"}
    assert state.mark_many_read([]) == 0


def test_mark_many_read_is_all_or_nothing(state: ReadingState) -> None:
    state.mark_read("old")

    def ids() -> Iterator[str]:
        yield "x"
        yield "y"
        raise RuntimeError("the caller failed half-way")

    with pytest.raises(RuntimeError):
        state.mark_many_read(ids())
    assert state.read_ids() == {"old"}
    # The connection is usable afterwards (the transaction was rolled back).
    assert state.mark_read("z")


def test_batch_queries_cover_more_ids_than_one_sql_statement_takes(state: ReadingState) -> None:
    ids = [f"id{n}" for n in range(5000)]
    state.mark_many_read(ids[::2])
    state.mark_read("elsewhere")
    state.star("id1")
    # Small batches are looked up by id, big ones by one scan: both must agree.
    for size in (3, 1500, 5000):
        assert state.read_ids(ids[:size]) == frozenset(ids[:size:2])
        assert state.count_unread(ids[:size]) == size // 2
    assert state.read_ids(iter(ids)) == frozenset(ids[::2])
    assert state.read_ids(["id0", "id1", "nope"]) == {"id0"}
    assert state.count_read(ids) == 2500
    assert state.count_read() == 2501
    assert state.count_unread(["id0", "id1", "id1"]) == 1
    assert state.starred_ids(ids) == {"id1"}
    marks = state.article_states(ids)
    assert list(marks) == ids
    assert sum(m.is_read for m in marks.values()) == 2500
    assert [i for i, m in marks.items() if m.is_starred] == ["id1"]


# -- starred ------------------------------------------------------------------


def test_star_unstar_toggle(state: ReadingState, clock: Clock) -> None:
    assert state.star("a") is True
    assert state.star("a") is False
    assert state.is_starred("a")
    assert state.article_state("a").starred_at == clock.now
    assert state.toggle_star("b") is True
    assert state.starred_ids() == {"a", "b"}
    assert state.starred_ids(["b", "c"]) == {"b"}
    assert state.count_starred() == 2
    assert state.unstar("a") is True
    assert state.unstar("a") is False
    assert state.toggle_star("b") is False
    assert state.starred_ids() == frozenset()


def test_read_and_star_are_independent(state: ReadingState) -> None:
    state.star("a")
    state.mark_read("a")
    state.mark_unread("a")
    assert state.is_starred("a")
    state.mark_read("a")
    state.unstar("a")
    assert state.is_read("a")
    st = state.article_state("a")
    assert st.is_read
    assert not st.is_starred


def test_marks_are_per_corpus(tmp_path: Path, state_dir: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    with (
        ReadingState(tmp_path / "one", state_dir) as one,
        ReadingState(tmp_path / "two", state_dir) as two,
    ):
        same_id = article_id("2021/a.txt")  # the same relative path in both corpora
        one.mark_read(same_id)
        one.star(same_id)
        assert not two.is_read(same_id)
        assert not two.is_starred(same_id)
        assert two.read_ids() == frozenset()
        # Saved searches and history belong to the person, so both see them.
        one.save_search("moon", "lunar")
        one.add_history("gateway")
        assert [s.name for s in two.saved_searches()] == ["moon"]
        assert [h.query for h in two.history()] == ["gateway"]


def test_the_corpus_is_found_by_its_resolved_path(tmp_path: Path, state_dir: Path) -> None:
    (tmp_path / "news").mkdir()
    with ReadingState(tmp_path / "news", state_dir) as direct:
        direct.mark_read("a")
    with ReadingState(tmp_path / "news" / ".." / "news", state_dir) as roundabout:
        assert roundabout.is_read("a")


# -- saved searches -------------------------------------------------------------


def test_saved_searches_keep_their_order(state: ReadingState) -> None:
    state.save_search("Moon", "lunar gateway")
    state.save_search("Strikes", 'rail strike date:"last week"')
    state.save_search("Rogozin", "speaker:Rogozin")
    assert [(s.name, s.query) for s in state.saved_searches()] == [
        ("Moon", "lunar gateway"),
        ("Strikes", 'rail strike date:"last week"'),
        ("Rogozin", "speaker:Rogozin"),
    ]


def test_saving_an_existing_name_replaces_the_query_in_place(state: ReadingState) -> None:
    state.save_search("a", "one")
    state.save_search("b", "two")
    saved = state.save_search("a", "uno")
    assert (saved.name, saved.query, saved.position) == ("a", "uno", 0)
    assert [(s.name, s.query) for s in state.saved_searches()] == [("a", "uno"), ("b", "two")]


def test_saved_names_are_trimmed_and_must_not_be_blank(state: ReadingState) -> None:
    assert state.save_search("  my   news ", "x").name == "my news"
    with pytest.raises(StateError, match="needs a name"):
        state.save_search("   ", "x")


def test_relative_dates_stay_relative(state: ReadingState) -> None:
    state.save_search("recent", 'moon date:"last week"')
    (saved,) = state.saved_searches()
    assert saved.query == 'moon date:"last week"'
    # Run on two different days the same saved query covers different weeks.
    a = parse_query(saved.query, now=dt.date(2024, 3, 13)).dates
    b = parse_query(saved.query, now=dt.date(2024, 5, 1)).dates
    assert a
    assert b
    assert a != b


def test_rename_search(state: ReadingState) -> None:
    state.save_search("a", "one")
    state.save_search("b", "two")
    renamed = state.rename_search("a", "first")
    assert (renamed.name, renamed.query) == ("first", "one")
    assert [s.name for s in state.saved_searches()] == ["first", "b"]
    with pytest.raises(StateError, match="already a saved search called 'b'"):
        state.rename_search("first", "b")
    with pytest.raises(StateError, match="no saved search called 'zzz'"):
        state.rename_search("zzz", "c")
    assert state.rename_search("b", "b").name == "b"  # to itself: fine
    assert [s.name for s in state.saved_searches()] == ["first", "b"]


def test_delete_search(state: ReadingState) -> None:
    state.save_search("a", "one")
    state.save_search("b", "two")
    assert state.delete_search("a") is True
    assert state.delete_search("a") is False
    assert [s.name for s in state.saved_searches()] == ["b"]
    state.save_search("c", "three")  # goes last, after the survivors
    assert [s.name for s in state.saved_searches()] == ["b", "c"]


def test_move_search(state: ReadingState) -> None:
    for name in "abcd":
        state.save_search(name, name)
    state.move_search("d", 0)
    assert [s.name for s in state.saved_searches()] == ["d", "a", "b", "c"]
    state.move_search("d", 99)
    assert [s.name for s in state.saved_searches()] == ["a", "b", "c", "d"]
    with pytest.raises(StateError):
        state.move_search("nope", 0)


# -- history -------------------------------------------------------------------


def test_history_is_newest_first_without_consecutive_repeats(
    state: ReadingState, clock: Clock
) -> None:
    for query in ["moon", "moon", "rail", "moon", "  ", ""]:
        clock.tick()
        state.add_history(query)
    history = state.history()
    assert [h.query for h in history] == ["moon", "rail", "moon"]
    assert history[0].at == clock.now - dt.timedelta(minutes=2)  # blank ones not recorded
    assert [h.query for h in state.history(limit=2)] == ["moon", "rail"]


def test_repeating_the_last_search_moves_its_time(state: ReadingState, clock: Clock) -> None:
    state.add_history("moon")
    later = clock.tick(5)
    state.add_history("moon")
    (entry,) = state.history()
    assert entry.at == later


def test_history_is_capped(corpus: Path, state_dir: Path) -> None:
    with ReadingState(corpus, state_dir, history_cap=5) as st:
        for n in range(12):
            st.add_history(f"q{n}")
        assert [h.query for h in st.history()] == ["q11", "q10", "q9", "q8", "q7"]
        st.clear_history()
        assert st.history() == []
        st.add_history("again")
        assert [h.query for h in st.history()] == ["again"]


# -- preferences ---------------------------------------------------------------


def test_preferences_are_remembered(corpus: Path, state_dir: Path) -> None:
    with ReadingState(corpus, state_dir) as st:
        assert st.preference("theme") is None
        assert st.preference("theme", "textual-dark") == "textual-dark"
        st.set_preference("theme", "byline-ansi")
        st.set_preference("theme", "textual-light")
    with ReadingState(corpus, state_dir) as st:
        assert st.preference("theme") == "textual-light"
        st.set_preference("theme", None)
        assert st.preference("theme") is None


# -- where it lives, and what survives ----------------------------------------------


def test_default_location_follows_the_environment(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BYLINE_STATE_DIR", raising=False)
    with ReadingState(corpus) as st:
        # conftest points XDG_DATA_HOME into the test's home
        assert st.path == paths.state_dir() / paths.STATE_FILE
        assert st.path.parent.name == "byline"
        assert os.environ["XDG_DATA_HOME"] in str(st.path)
    monkeypatch.setenv("BYLINE_STATE_DIR", str(tmp_path / "per-key"))
    with ReadingState(corpus) as st:
        assert st.path == tmp_path / "per-key" / paths.STATE_FILE
    with ReadingState(corpus, tmp_path / "explicit") as st:
        assert st.path == tmp_path / "explicit" / paths.STATE_FILE
    assert corpus.is_dir()
    assert list(corpus.iterdir()) == []  # never inside the corpus


def test_state_survives_a_restart(corpus: Path, state_dir: Path) -> None:
    with ReadingState(corpus, state_dir) as st:
        st.mark_read("a")
        st.star("b")
        st.save_search("s", "q")
        st.add_history("h")
    with ReadingState(corpus, state_dir) as st:
        assert st.read_ids() == {"a"}
        assert st.starred_ids() == {"b"}
        assert [s.query for s in st.saved_searches()] == ["q"]
        assert [h.query for h in st.history()] == ["h"]


def test_the_database_uses_wal(state: ReadingState) -> None:
    db = sqlite3.connect(state.path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_two_connections_see_each_others_actions(corpus: Path, state_dir: Path) -> None:
    with ReadingState(corpus, state_dir) as one, ReadingState(corpus, state_dir) as two:
        one.mark_read("a")
        assert two.is_read("a")
        two.star("a")
        assert one.is_starred("a")
        two.toggle_read("a")
        assert not one.is_read("a")
        one.save_search("x", "y")
        assert [s.name for s in two.saved_searches()] == ["x"]


def test_another_process_sees_the_same_state(corpus: Path, state_dir: Path) -> None:
    with ReadingState(corpus, state_dir) as st:
        st.mark_read("mine")
        done = _run(
            f"""
            from byline.index.library.state import ReadingState
            with ReadingState({str(corpus)!r}, {str(state_dir)!r}) as st:
                assert st.is_read("mine"), "the first process's mark is visible"
                st.mark_read("theirs")
                st.star("theirs")
            """
        )
        assert done.returncode == 0, done.stderr
        # This connection stayed open all along and still sees the other's writes.
        assert st.read_ids() == {"mine", "theirs"}
        assert st.starred_ids() == {"theirs"}


@pytest.mark.slow
def test_concurrent_writers_in_two_processes_lose_nothing(corpus: Path, state_dir: Path) -> None:
    ReadingState(corpus, state_dir).close()  # create the schema first
    code = f"""
        import sys
        from byline.index.library.state import ReadingState
        tag = sys.argv[1]
        with ReadingState({str(corpus)!r}, {str(state_dir)!r}) as st:
            for n in range(150):
                st.mark_read(f"{{tag}}{{n}}")
                if n % 10 == 0:
                    st.add_history(f"{{tag}} {{n}}")
        """
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with ReadingState(corpus, state_dir) as st:
        assert st.count_read() == 300
        assert len(st.history()) == 30


def test_threads_share_one_state_safely(state: ReadingState) -> None:
    errors: list[BaseException] = []

    def work(tag: str) -> None:
        try:
            for n in range(100):
                state.mark_read(f"{tag}{n}")
                state.is_read(f"{tag}{n}")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(tag,)) for tag in "abc"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert state.count_read() == 300


def test_a_crash_mid_transaction_keeps_the_previous_state(corpus: Path, state_dir: Path) -> None:
    with ReadingState(corpus, state_dir) as st:
        st.mark_read("before")
        st.save_search("kept", "q")
    # The child dies (no cleanup, no rollback) while marking many articles read.
    done = _run(
        f"""
        import os
        from byline.index.library.state import ReadingState
        st = ReadingState({str(corpus)!r}, {str(state_dir)!r})
        def ids():
            for n in range(50):
                yield f"doomed{{n}}"
            os._exit(9)
        st.mark_many_read(ids())
        """
    )
    assert done.returncode == 9, done.stderr
    with ReadingState(corpus, state_dir) as st:
        assert st.read_ids() == {"before"}
        assert [s.name for s in st.saved_searches()] == ["kept"]
        # The database is not left locked by the dead writer.
        assert st.mark_read("after")
        assert st.read_ids() == {"before", "after"}


def test_an_unusable_database_is_a_state_error(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / paths.STATE_FILE).write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(StateError, match="cannot use reading state"):
        ReadingState(corpus, bad)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory should be")
    with pytest.raises(StateError, match="cannot open reading state"):
        ReadingState(corpus, blocked / "sub")


def test_a_newer_schema_is_refused(corpus: Path, state_dir: Path) -> None:
    ReadingState(corpus, state_dir).close()
    db = sqlite3.connect(state_dir / paths.STATE_FILE)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="newer byline"):
        ReadingState(corpus, state_dir)


# -- marks follow articles, not the index ---------------------------------------------


def _all_ids(library: Library) -> set[str]:
    return {hit.id for hit in library.search("", limit=None).hits}


def test_marks_survive_reindexing(
    library: Library,
    seed_corpus: Path,
    state_dir: Path,
    write_article: Callable[[Path, str, str], Path],
) -> None:
    ids = sorted(_all_ids(library))
    read, starred = ids[:5], ids[5:7]
    with ReadingState(seed_corpus, state_dir) as st:
        st.mark_many_read(read)
        for aid in starred:
            st.star(aid)
    # Change the corpus: a new article, an edited one, a deleted one; then update.
    changed = library.article(read[0]).path
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA late addition.\n")
    library.article(ids[-1]).path.unlink()
    write_article(seed_corpus, "zz_new.txt", " date 2024-03-01 A brand new article arrives.\n")
    report = library.update()
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    now_ids = _all_ids(library)
    with ReadingState(seed_corpus, state_dir) as st:
        assert st.read_ids(now_ids) == set(read)
        assert st.starred_ids(now_ids) == set(starred)
        assert st.count_unread(now_ids) == len(now_ids) - len(read)


def test_marks_survive_a_rebuilt_or_copied_index(
    library: Library, seed_corpus: Path, data_dir: Path, state_dir: Path, tmp_path: Path
) -> None:
    ids = sorted(_all_ids(library))
    with ReadingState(seed_corpus, state_dir) as st:
        st.mark_many_read(ids[::3])
    library.close()
    # The index directory copied elsewhere (e.g. a moved cache) and opened from there.
    moved = tmp_path / "moved-index"
    shutil.copytree(data_dir, moved)
    shutil.rmtree(data_dir)
    copied = open_library(seed_corpus, moved)
    try:
        assert _all_ids(copied) == set(ids)
        with ReadingState(seed_corpus, state_dir) as st:
            assert st.read_ids(_all_ids(copied)) == set(ids[::3])
    finally:
        copied.close()
    # An index built from nothing in a new place gives the same ids.
    fresh = open_library(seed_corpus, tmp_path / "fresh-index")
    try:
        fresh.update()
        with ReadingState(seed_corpus, state_dir) as st:
            assert st.read_ids(_all_ids(fresh)) == set(ids[::3])
    finally:
        fresh.close()
