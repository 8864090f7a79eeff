"""byline.index stays a plain library: importing it never loads the UI."""

from __future__ import annotations

import subprocess
import sys

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
