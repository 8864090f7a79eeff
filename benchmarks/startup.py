"""Launch -> first screen of the reader, and what the launch spends its time on.

Usage (from the project root, after ``make install``):

    python benchmarks/startup.py CORPUS --data-dir DATA [--launches 5]

``DATA`` must already hold CORPUS's index (``byline index CORPUS --data-dir
DATA``); this script never indexes.  Prints one table of medians over the
launches:

* importing the CLI module, and the app module, in a fresh interpreter
  (wall and CPU seconds);
* launch -> first screen in tmux, measured exactly as ``run.py`` does it
  (120x40, ``capture-pane`` every 5 ms until the list shows dated rows);
* the same for a bare Textual app, one widget showing dated rows, launched
  in turn with the reader: the floor that Python and Textual set.

The machine is shared: CPU seconds are less noisy than wall-clock ones.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Terminal, first_screen


def import_cost(module: str) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -c 'import module'`` (interpreter start included)."""
    code = f"import {module}"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", f"{code}; import os; t=os.times(); print(t.user + t.system)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, float(done.stdout.strip())


#: The floor: a Textual app with one widget of dated rows, nothing else.
BARE_APP = """
from textual.app import App
from textual.widgets import Static


class Bare(App[None]):
    def compose(self):
        yield Static("\\n".join(f"2020-01-{day:02} a headline" for day in range(1, 31)))


Bare().run()
"""


def first_screen_time(corpus: Path, data: Path, command: str | None = None) -> float:
    """Seconds from launch until the list shows dated rows."""
    term = Terminal(corpus, data, command=command)
    try:
        return term.wait(first_screen)
    finally:
        term.close()


def main() -> None:
    """Parse arguments, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="directory of articles")
    parser.add_argument("--data-dir", type=Path, required=True, help="where its index is")
    parser.add_argument("--launches", type=int, default=5, help="measurements of each kind")
    args = parser.parse_args()
    rows: list[tuple[str, list[float]]] = []
    for module in ("byline.reader.cli.commands", "byline.reader.app"):
        costs = [import_cost(module) for _ in range(args.launches)]
        rows.append((f"import {module} (wall)", [wall for wall, _cpu in costs]))
        rows.append((f"import {module} (CPU)", [cpu for _wall, cpu in costs]))
    screens: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare_app.py"
        script.write_text(BARE_APP)
        command = f"exec {shlex.quote(sys.executable)} {shlex.quote(str(script))}"
        for _ in range(args.launches):
            # In turn, so both see the machine in the same state.
            screens.append(first_screen_time(args.corpus, args.data_dir))
            time.sleep(0.5)
            bare.append(first_screen_time(args.corpus, args.data_dir, command))
            time.sleep(0.5)
    rows.append(("launch -> first screen", screens))
    rows.append(("bare Textual app -> first screen", bare))
    print(f"{'measure (s)':<40}{'median':>8}{'min':>8}{'max':>8}")
    for name, values in rows:
        print(f"{name:<40}{statistics.median(values):>8.3f}{min(values):>8.3f}{max(values):>8.3f}")


if __name__ == "__main__":
    main()
