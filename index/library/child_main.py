"""The child process of :func:`byline.index.library.child_update.update_in_child`:
``python -m byline.index.library.child_main ROOT INDEX_DIR`` updates that
library and reports on stdout, one line each: ``P done total`` for progress,
``R {json}`` for the report."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from byline.index.library.api import Library
from byline.index.library.child_update import PROGRESS_EVERY, report_to_json
from byline.index.store.disk import Store


def main(argv: list[str]) -> int:
    """Update the library of ``argv[0]`` kept in ``argv[1]``."""
    root, directory = Path(argv[0]), Path(argv[1])
    out = sys.stdout
    last = 0.0

    def report_progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY or done == total:
            last = now
            out.write(f"P {done} {total}\n")
            out.flush()

    library = Library(root, Store(directory, root))
    try:
        report = library.update(progress=report_progress)
    finally:
        library.close()
    out.write(f"R {report_to_json(report)}\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
