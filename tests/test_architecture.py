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
