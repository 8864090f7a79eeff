"""byline.index.paths owns every location and every BYLINE_* variable, and tests never
reach the user's own files."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from byline.index import paths

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("index", "reader", "tests", "benchmarks", "seeds", "docs")
SOURCE_SUFFIXES = {".py", ".md", ".toml", ".tcss", ".sh"}
TOP_FILES = ("README.md", "Makefile", "pyproject.toml", ".ci/run")
# Upper case, as environment variables are written; identifiers avoid the prefix.
MENTION = re.compile(r"\bBYLINE_[A-Z0-9_]+\b")
LOCATION_FUNCTIONS = (
    paths.cache_dir,
    paths.libraries_dir,
    paths.state_dir,
    paths.data_dir,
    paths.config_file,
)


def source_files() -> list[Path]:
    found = [ROOT / name for name in TOP_FILES if (ROOT / name).is_file()]
    for folder in SOURCE_DIRS:
        found += [
            p
            for p in sorted((ROOT / folder).rglob("*"))
            if p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts and p.is_file()
        ]
    return found


def test_every_byline_variable_in_the_source_is_declared_in_paths() -> None:
    mentioned: dict[str, set[str]] = {}
    for path in source_files():
        for name in MENTION.findall(path.read_text(encoding="utf-8")):
            mentioned.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    undeclared = {name: where for name, where in mentioned.items() if name not in paths.VARIABLES}
    assert undeclared == {}, "declare these in index/paths.py"
    # Each declared variable is used (read in paths.py, documented in the README).
    assert set(mentioned) == set(paths.VARIABLES)
    for name in paths.VARIABLES:
        assert "README.md" in mentioned[name], f"{name} is not documented in the README"


def test_only_paths_reads_the_platform_folders_or_names_the_app() -> None:
    offenders = []
    for path in source_files():
        if path.suffix != ".py" or path == ROOT / "index" / "paths.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(import|from) platformdirs\b", text, re.MULTILINE):
            offenders.append(f"{path.relative_to(ROOT)} imports platformdirs")
        if re.search(r"^APP_NAME\s*=", text, re.MULTILINE):
            offenders.append(f"{path.relative_to(ROOT)} defines APP_NAME")
        reads = re.search(r"(environ|getenv)[^\n]*[\"']BYLINE_", text)
        if reads and not path.is_relative_to(ROOT / "tests"):  # tests set them for children
            offenders.append(f"{path.relative_to(ROOT)} reads a BYLINE_ variable itself")
    assert offenders == []


def _inside(path: Path, base: Path) -> bool:
    return path.resolve().is_relative_to(base.resolve())


def test_the_fixture_isolates_every_variable_and_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    tests_tmp = tmp_path_factory.getbasetemp()
    for variable in paths.VARIABLES.values():
        if variable.kind == "flag":
            assert variable.name not in os.environ
        else:
            assert _inside(Path(os.environ[variable.name]), tests_tmp), variable.name
    for location in LOCATION_FUNCTIONS:
        assert _inside(location(), tests_tmp), location.__name__
    # Without any BYLINE_* variable byline falls back on the platform's folders,
    # which the fixture has moved too.
    for name in paths.VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for location in LOCATION_FUNCTIONS:
        assert _inside(location(), tests_tmp), location.__name__
    assert _inside(Path("~").expanduser(), tests_tmp)
    assert _inside(paths.AUTHORIZED_KEYS.expanduser(), tests_tmp)


def test_each_variable_moves_its_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.CACHE_DIR.name, str(tmp_path / "cache"))
    monkeypatch.setenv(paths.STATE_DIR.name, str(tmp_path / "state"))
    monkeypatch.setenv(paths.DATA_DIR.name, str(tmp_path / "data"))
    monkeypatch.setenv(paths.CONFIG.name, str(tmp_path / "my.toml"))
    assert paths.cache_dir() == tmp_path / "cache"
    assert paths.libraries_dir() == tmp_path / "cache" / "libraries"
    assert paths.state_dir() == tmp_path / "state"
    assert paths.data_dir() == tmp_path / "data"
    assert paths.config_file() == tmp_path / "my.toml"
    assert paths.host_key_file(paths.data_dir()) == tmp_path / "data" / "ssh_host_ed25519_key"
    assert paths.session_state_dir(tmp_path, "SHA256-x") == tmp_path / "sessions" / "SHA256-x"
    assert not paths.debug()
    monkeypatch.setenv(paths.DEBUG.name, "1")
    assert paths.debug()


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="XDG folders are Unix's")
def test_without_variables_the_places_are_byline_folders_of_the_platform(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in paths.VARIABLES:
        monkeypatch.delenv(name, raising=False)
    xdg = {var: Path(os.environ[var]) for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME")}
    assert paths.cache_dir() == xdg["XDG_CACHE_HOME"] / "byline"
    assert paths.libraries_dir() == xdg["XDG_CACHE_HOME"] / "byline" / "libraries"
    assert paths.state_dir() == xdg["XDG_DATA_HOME"] / "byline"
    assert paths.data_dir() == xdg["XDG_DATA_HOME"] / "byline"
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    assert paths.config_file() == config_home / "byline" / "config.toml"
