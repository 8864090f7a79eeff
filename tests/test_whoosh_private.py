"""byline's use of Whoosh's private names was checked against one release."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import whoosh

from byline.index.store import whoosh_private


def test_the_installed_whoosh_is_the_checked_one() -> None:
    # Another release may rename what whoosh_private reaches into: read that
    # module again, then change WHOOSH_VERSION (and pyproject.toml's pin).
    assert whoosh_private.installed_version() == whoosh_private.WHOOSH_VERSION
    assert whoosh.__version__ == tuple(int(p) for p in whoosh_private.WHOOSH_VERSION.split("."))


def test_importing_byline_changes_nothing_in_whoosh() -> None:
    # No process-wide patch, no fork hook: a fresh interpreter imports every
    # module of the store and library and Whoosh is as it was.
    script = textwrap.dedent(
        """
        import os
        from whoosh.codec import whoosh3
        from whoosh import writing
        before = (whoosh3.dumps, whoosh3.loads, writing.SegmentWriter, writing.PostingPool)
        hooks = []
        real = os.register_at_fork
        os.register_at_fork = lambda **kw: hooks.append(kw)
        import byline.index.library.api, byline.index.library.indexer
        import byline.index.store.disk, byline.index.store.engine
        os.register_at_fork = real
        after = (whoosh3.dumps, whoosh3.loads, writing.SegmentWriter, writing.PostingPool)
        assert before == after, "Whoosh was patched"
        ours = [f for h in hooks for f in h.values() if f.__module__.startswith("byline")]
        assert not ours, ours
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
