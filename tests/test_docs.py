"""The documentation points only at files that are in the repository."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The repository's top-level folders and files a document may name.
TOP = ("index", "reader", "tests", "benchmarks", "seeds", "docs", ".ci")
TOP_FILES = ("README.md", "Makefile", "pyproject.toml")
#: What the benchmarks write when they run (ignored by git): named, never committed.
GENERATED = ("benchmarks/out/",)
OUTSIDE = "outside the repository: "

# A path starting at a top-level folder, not inside a longer path (~/.cache/…, OUT/…).
_REPO_PATH = re.compile(
    r"(?<![\w./~$<>-])((?:" + "|".join(re.escape(t) for t in TOP) + r")/[\w./*-]*)"
)
# A path that climbs out of the repository (../shared/corpus).
_PARENT_PATH = re.compile(r"(?<![\w.])\.\./[\w./-]+")
# A dotted name in the byline package (byline.index.store.engine.Engine).
_DOTTED = re.compile(r"\bbyline\.(?:index|reader|seeds)(?:\.[A-Za-z_]\w*)+")
# A Markdown link's target: [text](target).
_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


def documents() -> list[Path]:
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for folder in ("index", "reader", "seeds", "benchmarks"):
        docs += sorted((ROOT / folder).rglob("*.md"))
    return docs


def mentioned_paths(doc: Path) -> set[str]:
    """The repository paths ``doc`` names, relative to the root."""
    text = doc.read_text(encoding="utf-8")
    found = {m.rstrip(".,:;") for m in _REPO_PATH.findall(text)}
    found |= {f"{OUTSIDE}{m}" for m in _PARENT_PATH.findall(text)}
    found |= {m for m in re.findall(r"`([\w-]+\.(?:md|toml))`", text) if m in TOP_FILES}
    for target in _LINK.findall(text):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        resolved = (doc.parent / target).resolve()
        # A link out of the repository is reported as it is written, and never exists.
        inside = resolved.is_relative_to(ROOT)
        found.add(resolved.relative_to(ROOT).as_posix() if inside else f"{OUTSIDE}{target}")
    return {p for p in found if p and not p.startswith(GENERATED)}


def exists(relative: str) -> bool:
    if relative.startswith(OUTSIDE):
        return False
    if any(c in relative for c in "*?["):
        return any(ROOT.glob(relative))
    return (ROOT / relative).exists()


@pytest.mark.parametrize("doc", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_a_document_names_exists(doc: Path) -> None:
    missing = sorted(p for p in mentioned_paths(doc) if not exists(p))
    assert missing == []


def resolves(dotted: str) -> bool:
    """Whether ``dotted`` names a module, or an attribute of one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 1, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


@pytest.mark.parametrize("doc", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_a_document_names_exists(doc: Path) -> None:
    named = set(_DOTTED.findall(doc.read_text(encoding="utf-8")))
    assert sorted(n for n in named if not resolves(n)) == []


def test_the_design_lists_every_package_folder() -> None:
    design = (ROOT / "docs" / "DESIGN.md").read_text(encoding="utf-8")
    folders = sorted(
        init.parent.relative_to(ROOT).as_posix()
        for top in ("index", "reader")
        for init in (ROOT / top).glob("*/__init__.py")
    )
    assert folders, "no package folders found"
    assert [f for f in folders if f"`{f}/`" not in design] == []


def test_the_check_sees_paths(tmp_path: Path) -> None:
    # The design document names files in every part of the repository; if the
    # patterns stopped matching, the test above would pass on anything.
    named = mentioned_paths(ROOT / "docs" / "DESIGN.md")
    assert {"index/paths.py", "reader/app.py", "tests/hostile.py", "pyproject.toml"} <= named
    assert "docs/PERFORMANCE.md" in mentioned_paths(ROOT / "README.md")
    # The kinds of path it reports: moved, outside the repository, linked from elsewhere.
    stale = tmp_path / "stale.md"
    stale.write_text(
        "See `index/data/README.md`, `../shared/corpus/` and [the notes](../notes.md).\n",
        encoding="utf-8",
    )
    found = mentioned_paths(stale)
    assert len(found) == 3
    assert not any(exists(p) for p in found)
    assert resolves("byline.index.store.engine.Engine")
    assert not resolves("byline.index.store.engine.Nothing")
    assert not resolves("byline.index.nowhere")
