"""byline.index stays a plain library: importing it never loads the UI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

HEADLESS = [
    "byline.index",
    "byline.index.library.api",
    "byline.index.corpus.articles",
    "byline.index.analysis.entities",
    "byline.index.analysis.quotes",
    "byline.index.store.disk",
    "byline.index.search.prepare",
    "byline.reader.cli.commands",
    "byline.reader.cli.launch",
    "byline.reader.actions",
    "byline.reader.session",
]


def _run(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def _loaded(module: str, matching: str) -> list[str]:
    """The modules, among those ``matching`` (an expression over ``m``), that importing
    ``module`` loads."""
    return _run(
        f"import sys, {module}\nprint(' '.join(sorted(m for m in sys.modules if {matching})))\n"
    ).split()


@pytest.mark.parametrize("module", HEADLESS)
def test_module_does_not_import_the_ui(module: str) -> None:
    ui = "m.split('.')[0] in ('textual', 'rich') or m.startswith('byline.reader.app')"
    assert _loaded(module, ui) == []


# What the reader loads before its first screen: the saved front page is drawn
# while Whoosh and the index load in a thread.
FIRST_SCREEN = ["byline.reader.cli.launch", "byline.reader.cli.commands", "byline.reader.app"]


@pytest.mark.parametrize("module", FIRST_SCREEN)
def test_the_first_screen_does_not_wait_for_whoosh(module: str) -> None:
    heavy = "m in ('whoosh.index', 'whoosh.searching', 'byline.index.library.api', 'numpy')"
    assert _loaded(module, heavy) == []


def test_open_library_is_importable_from_the_package() -> None:
    # The entry point docs/DESIGN.md documents, loaded on first use.
    printed = _run(
        "import sys, byline.index\n"
        "assert 'byline.index.library.api' not in sys.modules\n"
        "from byline.index import Library, open_library\n"
        "print(open_library.__module__, Library.__name__)\n"
    )
    assert printed.split() == ["byline.index.library.api", "Library"]


# What only the event loop may do to a widget: query it, focus it, fill it.
WIDGET_CALLS = {"query_one", "query", "set_focus", "focus", "mount", "show_views", "set_hits"}


def _thread_workers(tree: ast.Module) -> list[ast.FunctionDef]:
    def threaded(decorator: ast.expr) -> bool:
        return (
            isinstance(decorator, ast.Call)
            and getattr(decorator.func, "id", None) == "work"
            and any(
                k.arg == "thread" and getattr(k.value, "value", False) for k in decorator.keywords
            )
        )

    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and any(threaded(d) for d in node.decorator_list)
    ]


def test_thread_workers_touch_no_widget() -> None:
    # A worker thread posts a message (or hands a call to the loop); a widget
    # queried or changed from it races the event loop.
    import byline.reader

    found = 0
    for path in Path(byline.reader.__file__).parent.rglob("*.py"):
        for worker in _thread_workers(ast.parse(path.read_text(encoding="utf-8"))):
            found += 1
            called = {n.attr for n in ast.walk(worker) if isinstance(n, ast.Attribute)}
            assert not called & WIDGET_CALLS, (path.name, worker.name, called & WIDGET_CALLS)
    assert found >= 5  # the search, index, open, count and mark workers at least
