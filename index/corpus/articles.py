"""Read article files in the byline article format.

One UTF-8 ``.txt`` file per article.  The first line may start with
`` date YYYY-MM-DD `` followed by the first paragraph; paragraphs are
separated by blank lines.  Nothing here raises on bad input: problems are
returned as :class:`Problem` values for the caller to report.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import html
import html.entities
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from byline.index.corpus.sanitize import safe_display, strip_controls
from byline.index.models import Article, Problem

if TYPE_CHECKING:
    from collections.abc import Iterator

ARTICLE_SUFFIX = ".txt"
HEADLINE_MAX = 110
# Files larger than this are not articles; reading them would only stall indexing.
MAX_FILE_BYTES = 64 * 1024 * 1024

_DATE_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d\S*)(?:[ \t]+|\Z)")
_ISO_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
# A character reference: numeric (decimal or hex) or named, always with its ";".
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLANK_LINES = re.compile(r"\n[ \t]*\n[\s]*")
# A sentence ends at . ! ? (optionally followed by a closing quote or bracket)
# before whitespace and something that can start a sentence.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "dept",
        "univ",
        "ave",
        "mt",
        "ft",
    ]
)


class ArticleError(Exception):
    """A file that cannot be read as an article; the message is a one-line reason."""


@dataclass(slots=True, frozen=True)
class CorpusFile:
    """A candidate article file found by :func:`scan`."""

    path: Path
    rel: str
    mtime_ns: int
    size: int


def article_id(rel: str) -> str:
    """The stable id of the article at ``rel`` (a POSIX path relative to the root)."""
    raw = rel.encode("utf-8", "surrogateescape")
    return hashlib.blake2b(raw, digest_size=8).hexdigest()


def relative_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form (the file name when outside the root)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def display_name(rel: str) -> str:
    """A relative path made safe to print (undecodable bytes become U+FFFD)."""
    return safe_display(rel)


def parse_article(path: Path | str, root: Path | str | None = None) -> Article:
    """Parse one article file.

    ``root`` is the corpus root the id is derived from (default: the file's
    directory).  Raises :class:`ArticleError` when the file is not a usable
    article; a malformed date is not an error here (the date is ``None``).
    """
    article, _problems = read_article(Path(path), Path(root) if root is not None else None)
    return article


def read_article(path: Path, root: Path | None = None) -> tuple[Article, list[str]]:
    """Parse one article; also return one-line notes about recoverable problems.

    Raises :class:`ArticleError` for files that cannot be used at all.
    """
    root = root if root is not None else path.parent
    text = decode(_read_bytes(path))
    rel = relative_name(path, root)
    return parse_text(text, path=path, rel=rel)


def parse_text(text: str, *, path: Path, rel: str) -> tuple[Article, list[str]]:
    """Parse decoded article text; see :func:`read_article`."""
    notes: list[str] = []
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    date: dt.date | None = None
    header = _DATE_HEADER.match(text)
    if header:
        token = header.group(1)
        date = _parse_iso(token)
        if date is None:
            notes.append(f"bad date {safe_display(token)!r} in header (date left unknown)")
        text = text[header.end() :]
    # Character references are decoded after the header is read (an encoded
    # "date" is text, not a header), and the text is cleaned again after:
    # "&#x202e;" or "&#27;[2J" must not bring back what strip_controls removes.
    decoded = decode_entities(text)
    if decoded is not text:
        text = strip_controls(decoded)
    # str.split() collapses every kind of Unicode blank (and line separators)
    # in C: a regex substitution costs seconds on a multi-megabyte paragraph.
    paragraphs = tuple(
        para for chunk in _BLANK_LINES.split(text) if (para := " ".join(chunk.split()))
    )
    if not paragraphs:
        raise ArticleError("no text (empty or only a date header)")
    article = Article(
        id=article_id(rel),
        path=path,
        date=date,
        title=headline(paragraphs[0]),
        paragraphs=paragraphs,
        source=display_name(rel),
    )
    return article, notes


def decode_entities(text: str) -> str:
    """Decode HTML character references ("&amp;", "&#243;", "&#x2019;", "&eacute;").

    Only complete references, ending in ";", are decoded, so a bare
    ampersand ("AT&T", "R&D", "Q&A") and names HTML would read without the
    semicolon ("&copy") stay as written; an unknown name ("&foo;") stays
    too.  Returns ``text`` itself when there is nothing to decode.  The
    result may hold controls ("&#x9;", "&#x202e;"): clean it afterwards.
    """
    if "&" not in text:
        return text
    decoded = _ENTITY.sub(_entity, text)
    return text if decoded == text else decoded


def _entity(match: re.Match[str]) -> str:
    ref = match.group()
    if ref[1] == "#":
        # html.unescape follows HTML: NUL, surrogates and numbers past
        # U+10FFFF become U+FFFD, C1 codes their Windows-1252 letters
        # ("&#146;" is an apostrophe), other controls nothing.  C0 controls
        # and DEL are decoded instead, so that the cleaning that follows
        # removes an encoded escape sequence with its payload, as it does a
        # raw one.  The five C1 codes Windows-1252 leaves undefined stay
        # nothing: an encoded 8-bit OSC could never be closed (its terminator,
        # "&#x9c;", is the letter "œ") and would take the rest of the line.
        out = html.unescape(ref)
        if not out:
            code = int(ref[3:-1], 16) if ref[2] in "xX" else int(ref[2:-1])
            if code < 0x20 or code == 0x7F:
                return chr(code)
        elif len(out) == 1 and 0x80 <= ord(out) <= 0x9F:
            return ""  # html.unescape keeps those five as they are
        return out
    return html.entities.html5.get(ref[1:], ref)


def decode(raw: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Raises :class:`ArticleError` with a one-line reason for anything else.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in raw[:8192]:
        raise ArticleError("binary file (contains NUL bytes), not article text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        raise ArticleError(
            f"not UTF-8 text (byte 0x{bad} at offset {exc.start}); save it as UTF-8"
        ) from None


def _read_bytes(path: Path) -> bytes:
    # O_NONBLOCK: a FIFO swapped in after the scan must not block the open;
    # the fstat then refuses anything that is not a regular file.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise ArticleError("is a directory, not a file") from None
    except PermissionError:
        raise ArticleError("permission denied") from None
    except FileNotFoundError:
        raise ArticleError("file disappeared while reading") from None
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ArticleError(f"not a regular file ({file_kind(st.st_mode)})")
        if st.st_size > MAX_FILE_BYTES:
            raise ArticleError(
                f"too large for an article ({st.st_size // (1024 * 1024)} MB, limit "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB)"
            )
        data = _read_to_end(fd, st.st_size)
        if len(data) > MAX_FILE_BYTES:
            raise ArticleError("too large for an article (grew while being read)")
        return data
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read_to_end(fd: int, expected: int) -> bytes:
    # Bounded: a file that grows while it is read cannot exhaust memory.  Reads
    # are sized by the file (asking for the whole limit at once would make
    # Python allocate a buffer of that size for every article).
    limit = MAX_FILE_BYTES + 1
    chunks: list[bytes] = []
    got = 0
    while got < limit:
        chunk = os.read(fd, min(limit - got, max(expected - got + 1, 1 << 16)))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def file_kind(mode: int) -> str:
    """What kind of file ``mode`` describes, in words."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "a special file"


def _parse_iso(token: str) -> dt.date | None:
    match = _ISO_DATE.match(token)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def headline(paragraph: str, limit: int = HEADLINE_MAX) -> str:
    """A headline from a paragraph: its first sentence, cut at a word boundary."""
    end = len(paragraph)
    for match in _SENTENCE_END.finditer(paragraph):
        words = paragraph[: match.start()].rsplit(None, 1)
        word = words[-1] if words else ""
        # "Mr.", "U.S." and initials end in a period without ending the sentence.
        if word.lower() in _ABBREVIATIONS or _INITIALISM.fullmatch(word):
            continue
        end = match.end()
        break
    sentence = paragraph[:end].strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-\u2013\u2014") + "\u2026"


def scan(root: Path) -> tuple[list[CorpusFile], list[Problem]]:
    """List the article files under ``root`` (sorted), with problems met on the way.

    Hidden files and directories are skipped; symlinked directories are not
    followed (so loops cannot trap the walk), symlinked files are.  Each
    directory's files come before its sub-directories, both in name order.
    """
    found, problems = scan_stats(root)
    return [CorpusFile(root / rel, rel, mtime, size) for rel, mtime, size in found], problems


def scan_stats(root: Path) -> tuple[list[tuple[str, int, int]], list[Problem]]:
    """Like :func:`scan`, as plain ``(rel, mtime_ns, size)`` tuples: cheap
    enough to run over 100,000 files at every start-up check for changes."""
    # os.scandir with string paths, one stat per file and no Path objects:
    # at 100,000 files every call in the loop below shows in the update time.
    files: list[tuple[str, int, int]] = []
    problems: list[Problem] = []
    stack: list[tuple[str, str]] = [(os.fspath(root), "")]
    suffix = ARTICLE_SUFFIX
    cut = -len(suffix)
    while stack:
        directory, prefix = stack.pop()
        here: list[tuple[str, int, int]] = []
        subdirs: list[tuple[str, str, str]] = []
        trouble: list[Problem] = []
        try:
            with os.scandir(directory) as listing:
                for entry in listing:
                    name = entry.name
                    if name[0] == ".":
                        continue
                    if name[cut:].lower() != suffix:
                        if _is_real_dir(entry):
                            subdirs.append((name, entry.path, f"{prefix}{name}/"))
                        continue
                    try:
                        st = entry.stat()
                    except OSError as exc:
                        path = Path(entry.path)
                        trouble.append(Problem(path, f"cannot read: {stat_error(path, exc)}"))
                        continue
                    mode = st.st_mode
                    if stat.S_ISREG(mode):
                        here.append((prefix + name, st.st_mtime_ns, st.st_size))
                    elif stat.S_ISDIR(mode):
                        # A directory named like an article; a symlink to one is not followed.
                        if _is_real_dir(entry):
                            subdirs.append((name, entry.path, f"{prefix}{name}/"))
                    else:
                        # Never opened: reading a FIFO or a device could block forever.
                        trouble.append(
                            Problem(Path(entry.path), f"not a regular file ({file_kind(mode)})")
                        )
        except OSError as exc:
            where = Path(exc.filename) if exc.filename else Path(directory)
            problems.append(Problem(where, f"cannot list directory: {exc.strerror or exc}"))
            continue
        here.sort()
        files.extend(here)
        problems.extend(sorted(trouble, key=lambda p: p.path.name))
        subdirs.sort(reverse=True)
        stack.extend((path, rel) for _name, path, rel in subdirs)
    return files, problems


def _is_real_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def stat_error(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be stat-ed, in words."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return "broken symbolic link"
    return str(exc.strerror or exc)


def iter_articles(root: Path | str) -> Iterator[Article | Problem]:
    """Yield every article under ``root``, and a :class:`Problem` for each bad file.

    Never raises: unreadable files, bad encodings and bad dates are reported
    as problems (an article with a bad date is yielded too, date unknown).
    """
    root = Path(root)
    files, problems = scan(root)
    yield from problems
    for file in files:
        try:
            article, notes = read_article(file.path, root)
        except ArticleError as exc:
            yield Problem(file.path, str(exc))
            continue
        except Exception as exc:  # a parser bug must not end the walk
            yield Problem(file.path, f"could not parse: {type(exc).__name__}: {exc}")
            continue
        yield article
        for note in notes:
            yield Problem(file.path, note)
