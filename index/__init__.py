"""byline.index: parse, analyse, index and search articles (no UI code here).

``from byline.index import open_library`` is the entry point.  It is loaded on
first use, because the reader imports the light parts of this package (plain
data, the saved front page) before it wants Whoosh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from byline.index.library.api import Library, open_library

__all__ = ["Library", "open_library"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from byline.index.library import api as library

        return getattr(library, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
