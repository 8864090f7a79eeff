"""The corpus as a set of stat keys, cheap to compare with the manifest.

A key is one string per article file: its relative path, mtime and size.  At
100,000 files the change check at every start-up is dominated by the
per-file work, so the listing is done by GNU ``find`` (C, two processes, one
per core) when it is available, and by :func:`scan_stats` otherwise; both give
the same keys.  Keys are compared as strings: only the few that differ from
the manifest are ever parsed.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
from typing import TYPE_CHECKING

from byline.index.corpus.articles import ARTICLE_SUFFIX, file_kind, scan_stats, stat_error
from byline.index.models import Problem

if TYPE_CHECKING:
    from pathlib import Path

#: One corpus file as a scan sees it: relative path, mtime in ns, size in bytes.
Stat = tuple[str, int, int]

_SEP = "\x01"
# find's -printf for article files: regular ones as keys, anything else named
# like an article (symlinks, FIFOs...) as "?path" for a closer look here.
_EXPRESSION = (
    "(", "-name", ".*", "-prune", ")",
    "-o", "(", "-type", "f", "-iname", "*" + ARTICLE_SUFFIX,
    "-printf", r"%p\001%T@\001%s\000", ")",
    "-o", "(", "-iname", "*" + ARTICLE_SUFFIX, "-not", "-type", "d",
    "-printf", r"?%p\000", ")",
)  # fmt: skip
# Beyond this many sub-directories the start points would make a long command
# line: one find walks the whole tree instead.
_MAX_START_POINTS = 2000
_find_unusable = False
_NEGATIVE_TIME = re.compile("\x01-[0-9]+\\.[0-9]+\x01[0-9]+\x00")


def stat_key(rel: str, mtime_ns: int, size: int) -> str:
    """The key of a file; mtime written the way GNU find's ``%T@`` writes it."""
    seconds, nanos = divmod(mtime_ns, 1_000_000_000)
    return f"{rel}{_SEP}{seconds}.{nanos:09d}0{_SEP}{size}"


def parse_key(key: str) -> Stat:
    """The ``(rel, mtime_ns, size)`` a key was made from."""
    rel, mtime, size = key.rsplit(_SEP, 2)
    seconds, fraction = mtime.split(".")
    nanos = int(fraction[:9])
    return rel, int(seconds) * 1_000_000_000 + nanos, int(size)


def walk_order(rel: str) -> list[tuple[int, str]]:
    """Sort key giving :func:`scan_stats` order: a directory's files, then its sub-directories."""
    parts = rel.split("/")
    return [(1, part) for part in parts[:-1]] + [(0, parts[-1])]


def scan_keys(root: Path) -> tuple[set[str], list[Problem]]:
    """The stat keys of the article files under ``root``, and problems met.

    Same files, same rules and same problems as :func:`scan_stats`.
    """
    global _find_unusable
    if not _find_unusable:
        listed = _find(root)
        if listed is not None:
            return listed
        import shutil

        if shutil.which("find") is None:
            _find_unusable = True
    found, problems = scan_stats(root)
    return {stat_key(*entry) for entry in found}, problems


def _find(root: Path) -> tuple[set[str], list[Problem]] | None:
    """Keys listed by GNU find, or None when find cannot be trusted to list them."""
    try:
        with os.scandir(root) as listing:
            subdirs = sorted(
                entry.name
                for entry in listing
                if entry.name[0] != "." and entry.is_dir(follow_symlinks=False)
            )
    except OSError:
        return None
    if len(subdirs) > _MAX_START_POINTS:
        commands = [["find", ".", "-mindepth", "1", *_EXPRESSION]]
    else:
        # The root's own files, then its sub-directories split in two; start
        # points are written "./name" so that no name can read as an option.
        commands = [["find", ".", "-mindepth", "1", "-maxdepth", "1", *_EXPRESSION]]
        for half in (subdirs[0::2], subdirs[1::2]):
            if half:
                commands.append(["find", *(f"./{name}" for name in half), *_EXPRESSION])
    outputs = _run_all(commands, root)
    if outputs is None:
        return None
    keys: set[str] = set()
    others: list[str] = []
    for output in outputs:
        text = os.fsdecode(output)
        # A file dated before 1970: find's format for it is not known here.
        if _NEGATIVE_TIME.search(text):
            return None
        records = text.split("\0")
        records.pop()
        if "\0?" in text or text.startswith("?"):
            others.extend(record[3:] for record in records if record[0] == "?")
            records = [record for record in records if record[0] != "?"]
        keys.update(record[2:] for record in records)
    if keys and not _format_agrees(root, next(iter(keys))):
        return None
    problems: list[Problem] = []
    for rel in sorted(others, key=walk_order):
        _look_closer(root, rel, keys, problems)
    return keys, problems


def _run_all(commands: list[list[str]], root: Path) -> list[bytes] | None:
    import contextlib
    import tempfile

    env = {**os.environ, "LC_ALL": "C"}
    with contextlib.ExitStack() as stack:
        # Outputs go to files, not pipes: a full pipe would stall one find
        # while another is being read.
        spools = [stack.enter_context(tempfile.TemporaryFile()) for _ in commands]
        procs: list[subprocess.Popen[bytes]] = []
        try:
            for command, spool in zip(commands, spools, strict=True):
                procs.append(
                    subprocess.Popen(
                        command,
                        cwd=root,
                        env=env,
                        stdin=subprocess.DEVNULL,
                        stdout=spool,
                        stderr=subprocess.DEVNULL,
                    )
                )
        except OSError:
            for proc in procs:
                proc.kill()
                proc.wait()
            return None
        # Any error (an unreadable directory, a find without -printf) hands the
        # whole walk to scan_stats, which says what went wrong and where.
        if [proc.wait() for proc in procs] != [0] * len(procs):
            return None
        outputs = []
        for spool in spools:
            spool.seek(0)
            outputs.append(spool.read())
        return outputs


def _format_agrees(root: Path, key: str) -> bool:
    rel = key.rsplit(_SEP, 2)[0]
    try:
        st = os.stat(root / rel, follow_symlinks=False)
    except OSError:
        return False
    return stat_key(rel, st.st_mtime_ns, st.st_size) == key


def _look_closer(root: Path, rel: str, keys: set[str], problems: list[Problem]) -> None:
    # Symlinks and special files named like articles, judged as scan_stats does.
    path = root / rel
    try:
        st = path.stat()
    except OSError as exc:
        problems.append(Problem(path, f"cannot read: {stat_error(path, exc)}"))
        return
    if stat.S_ISREG(st.st_mode):
        keys.add(stat_key(rel, st.st_mtime_ns, st.st_size))
    elif not stat.S_ISDIR(st.st_mode):
        problems.append(Problem(path, f"not a regular file ({file_kind(st.st_mode)})"))
