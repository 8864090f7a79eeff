"""Where a corpus's library lives on disk, and the version of what is kept there.

Kept apart from :mod:`byline.index.store.disk` (which loads Whoosh) so that the
reader can find a library's saved front page before Whoosh is imported.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from byline.index import paths

#: The version of the index format; bump it whenever the schema or its encoding changes.
SCHEMA_VERSION = 7
#: The Whoosh index inside a library's directory, and the name Whoosh gives its files.
WHOOSH_SUBDIR = "whoosh"
WHOOSH_INDEX_NAME = "MAIN"


def library_dir(corpus_root: Path, data_dir: Path | None) -> Path:
    """The data directory of the library for ``corpus_root`` (one per corpus root)."""
    base = data_dir if data_dir is not None else paths.libraries_dir()
    key = hashlib.blake2b(os.fsencode(corpus_root), digest_size=6).hexdigest()
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in corpus_root.name)[:40]
    return base / f"{name or 'root'}-{key}"


def locate(corpus_root: Path | str, data_dir: Path | str | None = None) -> tuple[Path, Path]:
    """The resolved corpus root and its library's directory, as ``open_library`` uses them."""
    root = Path(corpus_root).expanduser().resolve()
    base = Path(data_dir).expanduser() if data_dir is not None else None
    return root, library_dir(root, base)
