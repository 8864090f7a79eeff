"""Run ``Library.update`` in a child process.

Indexing uses forked worker processes, but forking a process that runs
threads can deadlock the child, so a threaded caller (the reader, whose
update runs in a worker thread) would index on one core.  Running the update
in a fresh child process (:mod:`byline.index.library.child_main`) lets it
fork its workers.  The child reports progress and its :class:`UpdateReport`
as lines on stdout; if the parent goes away, the next progress line fails
and the child stops (its writer is cancelled, so the index stays as it was).

This module is the parent's side and the line format; it does not know the
library (which calls it), so the dependency runs one way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from byline.index.models import Problem, UpdateReport

if TYPE_CHECKING:
    from collections.abc import Callable


#: Seconds between progress lines.
PROGRESS_EVERY = 0.1


def update_in_child(
    root: Path, index_dir: Path, progress: Callable[[int, int], None] | None = None
) -> UpdateReport:
    """The update of the library of ``root`` kept in ``index_dir``, with
    ``progress``, done by a child process; raises ``RuntimeError`` with the
    child's last error line when it fails."""
    command = [sys.executable, "-m", "byline.index.library.child_main", str(root), str(index_dir)]
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


def report_to_json(report: UpdateReport) -> str:
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
