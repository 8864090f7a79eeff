"""Command-line inputs the benchmarks need but the repository does not hold.

The evaluation sets and the real-article corpus the measurements in
docs/PERFORMANCE.md were taken on are given to the project, not kept in it, so
each script takes them as arguments; a missing one stops it with one line
saying what to pass, rather than measuring something else.
"""

from __future__ import annotations

import argparse
from pathlib import Path

NOT_IN_REPO = "not found (the evaluation sets and article corpora are not in the repository)"


def existing_dir(value: str) -> Path:
    """An ``argparse`` type: a directory that exists."""
    path = Path(value).expanduser()
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: directory {NOT_IN_REPO}")
    return path


def existing_file(value: str) -> Path:
    """An ``argparse`` type: a file that exists."""
    path = Path(value).expanduser()
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{value}: file {NOT_IN_REPO}")
    return path
