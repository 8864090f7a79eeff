"""Run ``Library.update`` in a child process.

Indexing uses forked worker processes, but forking a process that runs
threads can deadlock the child, so a threaded caller (the reader, whose
update runs in a worker thread) would index on one core.  Running the update
in a fresh child process lets it fork its workers.  The child reports
progress and its :class:`UpdateReport` as lines on stdout; if the parent
goes away, the next progress line fails and the child stops (its writer is
cancelled, so the index stays as it was).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from byline.index.models import Problem, UpdateReport

if TYPE_CHECKING:
    from collections.abc import Callable

    from byline.index.library.api import Library

#: Seconds between progress lines.
PROGRESS_EVERY = 0.1


def update_in_child(
    library: Library, progress: Callable[[int, int], None] | None = None
) -> UpdateReport:
    """``library.update(progress)``, done by a child process; raises
    ``RuntimeError`` with the child's last error line when it fails."""
    command = [
        sys.executable,
        "-m",
        "byline.index.library.child_update",
        str(library.root),
        str(library.index_dir),
    ]
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as child:
        assert child.stdout is not None
        assert child.stderr is not None
        report: UpdateReport | None = None
        for line in child.stdout:
            kind, _, rest = line.partition(" ")
            if kind == "P" and progress is not None:
                done, total = (int(x) for x in rest.split())
                progress(done, total)
            elif kind == "R":
                report = _report_from_json(rest)
        errors = child.stderr.read()
        code = child.wait()
    if code != 0 or report is None:
        last = errors.strip().splitlines()[-1:] or [f"exit status {code}"]
        raise RuntimeError(f"indexing process failed: {last[0]}")
    return report


def _report_to_json(report: UpdateReport) -> str:
    return json.dumps(
        {
            "added": report.added,
            "changed": report.changed,
            "removed": report.removed,
            "unchanged": report.unchanged,
            "problems": [[str(p.path), p.reason] for p in report.problems],
            "rebuilt": report.rebuilt,
            "elapsed": report.elapsed,
            "notes": list(report.notes),
        },
        ensure_ascii=True,
    )


def _report_from_json(text: str) -> UpdateReport:
    raw: dict[str, Any] = json.loads(text)
    return UpdateReport(
        added=int(raw["added"]),
        changed=int(raw["changed"]),
        removed=int(raw["removed"]),
        unchanged=int(raw["unchanged"]),
        problems=tuple(Problem(Path(path), str(reason)) for path, reason in raw["problems"]),
        rebuilt=bool(raw["rebuilt"]),
        elapsed=float(raw["elapsed"]),
        notes=tuple(str(n) for n in raw["notes"]),
    )


def _main(argv: list[str]) -> int:
    from byline.index.library.api import Library
    from byline.index.store.disk import Store

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
    out.write(f"R {_report_to_json(report)}\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
