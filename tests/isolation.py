"""The environment that keeps a test, and the processes it starts, off the user's files."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from byline.index import paths

if TYPE_CHECKING:
    from pathlib import Path

#: Where platformdirs finds the user's folders (HOME for those XDG_* leaves unset).
HOMES: dict[str, str] = {
    "HOME": "home",
    "XDG_CACHE_HOME": "home/.cache",
    "XDG_CONFIG_HOME": "home/.config",
    "XDG_DATA_HOME": "home/.local/share",
    "XDG_STATE_HOME": "home/.local/state",
}


def isolated_settings(base: Path) -> dict[str, str | None]:
    """Every variable that moves byline's files, pointed into ``base``; None: unset it."""
    settings: dict[str, str | None] = {var: str(base / sub) for var, sub in HOMES.items()}
    for variable in paths.VARIABLES.values():
        if variable.kind == "flag":
            settings[variable.name] = None
        else:
            settings[variable.name] = str(base / "env" / variable.name.lower())
    return settings


def passed_env(*names: str) -> dict[str, str]:
    """``names`` and the isolating variables, from this process's environment, for a
    child started with a clean one."""
    wanted = (*names, *HOMES, *paths.VARIABLES)
    return {k: os.environ[k] for k in wanted if k in os.environ}
