"""Where byline keeps its files, and every ``BYLINE_*`` environment variable.

Everything byline writes outside a corpus is found from here: the indexes
(the cache dir), the reading state, the config file and what ``byline
serve`` keeps (host key, per-key state), plus the keys it lets in by
default.  Each place is the platform's user folder for byline
(platformdirs) unless a variable below or a command-line option moves it.
Other modules ask this one rather than reading the environment themselves,
so the test fixtures can isolate every place by setting the variables in
:data:`VARIABLES` (a test holds the source to that list).

What lies inside one library's directory (the Whoosh index and the files next
to it) is the store's layout, not a user location: see
:mod:`byline.index.library.locations` and :mod:`byline.index.store.disk`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

APP_NAME = "byline"

#: The file names byline uses inside the folders below.
CONFIG_FILE = "config.toml"
STATE_FILE = "state.sqlite3"
HOST_KEY_FILE = "ssh_host_ed25519_key"
LIBRARIES_SUBDIR = "libraries"
SESSIONS_SUBDIR = "sessions"
#: The public keys ``byline serve`` lets in unless told otherwise (``~`` expanded when used).
AUTHORIZED_KEYS = Path("~/.ssh/authorized_keys")


@dataclass(frozen=True, slots=True)
class Variable:
    """One environment variable byline reads."""

    name: str
    kind: Literal["dir", "file", "flag"]
    """``"dir"`` or ``"file"`` for a location, ``"flag"`` for a switch (set and non-empty: on)."""
    does: str


CACHE_DIR = Variable("BYLINE_CACHE_DIR", "dir", "where the indexes live")
STATE_DIR = Variable("BYLINE_STATE_DIR", "dir", "where the reading state lives")
DATA_DIR = Variable("BYLINE_DATA_DIR", "dir", "where `byline serve` keeps host key and sessions")
CONFIG = Variable("BYLINE_CONFIG", "file", "the config file to read instead of the default")
DEBUG = Variable("BYLINE_DEBUG", "flag", "let an internal error's traceback through")

#: Every ``BYLINE_*`` variable byline reads, by name.
VARIABLES: dict[str, Variable] = {
    v.name: v for v in (CACHE_DIR, STATE_DIR, DATA_DIR, CONFIG, DEBUG)
}


def _override(variable: Variable) -> Path | None:
    value = os.environ.get(variable.name)
    return Path(value).expanduser() if value else None


def _user_dir(kind: str) -> Path:
    # platformdirs is imported only when no variable or option gave the place.
    import platformdirs

    folders = {
        "cache": platformdirs.user_cache_dir,
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
    }
    return Path(folders[kind](APP_NAME))


def cache_dir() -> Path:
    """``$BYLINE_CACHE_DIR``, else byline's folder in the user's cache dir."""
    return _override(CACHE_DIR) or _user_dir("cache")


def libraries_dir() -> Path:
    """Where a corpus's library goes when no ``--data-dir`` is given."""
    return cache_dir() / LIBRARIES_SUBDIR


def state_dir() -> Path:
    """``$BYLINE_STATE_DIR``, else byline's folder in the user's data dir."""
    return _override(STATE_DIR) or _user_dir("data")


def data_dir() -> Path:
    """``$BYLINE_DATA_DIR``, else byline's folder in the user's data dir (``byline serve``)."""
    return _override(DATA_DIR) or _user_dir("data")


def config_file() -> Path:
    """``$BYLINE_CONFIG``, else ``config.toml`` in byline's folder of the user's config dir."""
    return _override(CONFIG) or _user_dir("config") / CONFIG_FILE


def host_key_file(data: Path) -> Path:
    """The SSH host key ``byline serve`` keeps in its data dir ``data``."""
    return data / HOST_KEY_FILE


def session_state_dir(data: Path, key_folder: str) -> Path:
    """The reading state of one SSH key under ``byline serve``'s data dir ``data``."""
    return data / SESSIONS_SUBDIR / key_folder


def debug() -> bool:
    """Whether ``$BYLINE_DEBUG`` asks for tracebacks."""
    return bool(os.environ.get(DEBUG.name))
