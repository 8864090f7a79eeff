"""byline.index stays a plain library: importing it never loads the UI."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "byline.index",
    "byline.index.library",
    "byline.index.corpus",
    "byline.index.entities",
    "byline.index.quotes",
    "byline.index.store",
    "byline.index.search",
    "byline.reader.cli",
    "byline.reader.launch",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_module_does_not_import_the_ui(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('byline.reader.app'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""


# What the reader loads before its first screen: the saved front page is drawn
# while Whoosh and the index load in a thread.
FIRST_SCREEN = ["byline.reader.launch", "byline.reader.cli", "byline.reader.app"]


@pytest.mark.parametrize("module", FIRST_SCREEN)
def test_the_first_screen_does_not_wait_for_whoosh(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "heavy = ('whoosh.index', 'whoosh.searching', 'byline.index.library', 'numpy')\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""


def test_open_library_is_importable_from_the_package() -> None:
    # The entry point DESIGN.md documents, loaded on first use.
    code = (
        "import sys, byline.index\n"
        "assert 'byline.index.library' not in sys.modules\n"
        "from byline.index import Library, open_library\n"
        "print(open_library.__module__, Library.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["byline.index.library", "Library"]
