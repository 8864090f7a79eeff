"""The ``byline`` console script: the CLI, with garbage collection paused while it starts.

Importing Textual and drawing the first screen allocate hundreds of thousands
of objects, and the collector's passes over them come out of the time to the
first screen (a full pass at start-up took 18 ms; the imports take 5% less
CPU without it).  The reader resumes collection once its first rows are
drawn (see ``BylineApp.resume_gc``); every other command resumes it at once.
"""

from __future__ import annotations

import gc


def main() -> int:
    """Run the ``byline`` command."""
    gc.disable()
    try:
        from byline.reader.cli.commands import main as cli_main

        return cli_main()
    finally:
        gc.enable()
