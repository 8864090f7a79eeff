"""The ``byline`` command: the reader, ``byline index``, ``byline search`` and ``byline serve``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import signal
import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from byline.index import paths
from byline.index.corpus.sanitize import safe_display
from byline.index.errors import IndexBusyError, LibraryError
from byline.index.models import SORTS

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import FrameType

    from textual.app import App

    from byline.index.library.api import Library
    from byline.index.models import Hit, UpdateReport

EXIT_OK, EXIT_NO_HITS, EXIT_USAGE, EXIT_SOFTWARE = 0, 1, 2, 70
SUBCOMMANDS = ("index", "search", "config", "serve")


class UsageError(Exception):
    """Bad arguments: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def version() -> str:
    """The installed version of byline."""
    # Imported here: importlib.metadata costs tens of milliseconds at every launch.
    from importlib import metadata

    try:
        return metadata.version("byline")
    except metadata.PackageNotFoundError:
        return "unknown"


def bundled_seeds() -> Path:
    """The sample corpus shipped inside the package."""
    from importlib import resources

    return Path(str(resources.files("byline.seeds")))


class _VersionAction(argparse.Action):
    """``--version``, with the version looked up only when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> NoReturn:
        print(f"byline {version()}")
        parser.exit()


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="where to keep the index (default: byline's folder in your cache directory)",
    )


def _reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="byline",
        description="A keyboard-driven terminal news reader. Opens the reader on DIR.",
        epilog=(
            "commands:\n"
            "  byline index DIR            index (or update the index of) a directory\n"
            "  byline search QUERY --dir DIR   search from the command line\n"
            "  byline config --path|--init     where the settings file is / write a default one\n"
            "  byline serve --dir DIR      offer the reader over SSH\n"
            "Run 'byline COMMAND --help' for a command's options. In the reader press ? for keys."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "dir",
        nargs="?",
        type=Path,
        help="directory of article .txt files (default: the bundled sample articles)",
    )
    _add_common(parser)
    parser.add_argument(
        "--mouse",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="report mouse events to the reader (default: on, except in an SSH session, "
        "where the terminal's own selection and copy keep working)",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    return parser


def _index_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="byline index",
        description="Index the articles in DIR, or bring an existing index up to date.",
    )
    parser.add_argument("dir", type=Path, help="directory of article .txt files")
    _add_common(parser)
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: one per core)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def _search_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="byline search",
        description=(
            'Search the articles in DIR. QUERY: words (all must match), "a phrase". '
            "Exit status: 0 with hits, 1 with none, 2 on usage errors."
        ),
    )
    parser.add_argument("query", help="what to search for (quote it for the shell)")
    parser.add_argument("--dir", type=Path, required=True, help="directory of article .txt files")
    _add_common(parser)
    parser.add_argument("--json", action="store_true", help="JSON Lines, one hit per line")
    parser.add_argument("--sort", choices=SORTS, default="relevance", help="order of the hits")
    parser.add_argument("--limit", type=_positive, default=20, help="at most N hits (default 20)")
    parser.add_argument(
        "--no-update",
        action="store_true",
        help="search the index as it is, without first picking up new or changed files",
    )
    return parser


def _serve_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="byline serve",
        description=(
            "Offer the reader on the articles in DIR over SSH: public-key login only, "
            "no shell. Each session runs its own reader; reading state is kept per key."
        ),
    )
    parser.add_argument("--dir", type=Path, required=True, help="directory of article .txt files")
    _add_common(parser)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDR",
        help="address to listen on (default: %(default)s)",
    )
    parser.add_argument(
        "--port", type=_port, default=2222, help="port to listen on, 0: any (default: %(default)s)"
    )
    parser.add_argument(
        "--authorized-keys",
        type=Path,
        default=paths.AUTHORIZED_KEYS,
        metavar="FILE",
        help="public keys allowed to connect (default: %(default)s)",
    )
    parser.add_argument(
        "--max-sessions",
        type=_positive,
        default=8,
        metavar="N",
        help="concurrent sessions (default: 8)",
    )
    parser.add_argument(
        "--idle-timeout",
        type=_duration,
        default=_duration("30m"),
        metavar="TIME",
        help="close a session after this long without input: 90s, 30m, 2h; 0 for never "
        "(default: 30m)",
    )
    return parser


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value}")
    return number


_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}


def _duration(value: str) -> float:
    """``90s``, ``30m``, ``2h`` or a plain number of seconds, as seconds."""
    text = value.strip().lower()
    scale = _UNITS.get(text[-1:])
    number = text[:-1] if scale is not None else text
    try:
        seconds = float(number) * (scale or 1.0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a duration (like 30m): {value!r}") from None
    if seconds < 0 or seconds != seconds:
        raise argparse.ArgumentTypeError(f"not a duration (like 30m): {value!r}")
    return seconds


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def _directory(path: Path) -> Path:
    if not path.exists():
        raise UsageError(f"no such directory: {safe_display(str(path))}")
    if not path.is_dir():
        raise UsageError(f"not a directory: {safe_display(str(path))}")
    return path


def _open(path: Path, data_dir: Path | None) -> Library:
    # Imported here: the reader's launch shows its first screen before Whoosh loads.
    from byline.index.library.api import open_library

    try:
        return open_library(_directory(path), data_dir)
    except LibraryError as exc:
        raise UsageError(str(exc)) from None


# -- byline index ---------------------------------------------------------


class ProgressBar:
    """A one-line progress bar with rate and ETA, drawn only on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or total == 0 or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        eta = (total - done) / rate if rate > 0 else 0.0
        width = 30
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\rindexing [{bar}] {done:,}/{total:,}  {rate:,.0f}/s  ETA {_clock(eta)} "
        )
        self.stream.flush()

    def finish(self) -> None:
        """End the bar's line."""
        if self.enabled and self._last:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes}:{secs:02d}"


def _summary(report: UpdateReport, count: int, root: Path) -> list[str]:
    lines = [f"note: {note}" for note in report.notes]
    lines.append(
        f"{count:,} articles in the index: {report.added:,} added, {report.changed:,} updated, "
        f"{report.removed:,} removed, {report.unchanged:,} unchanged ({report.elapsed:.1f}s)"
    )
    if report.problems:
        lines.append(f"{len(report.problems):,} problem(s):")
        for problem in report.problems:
            where = problem.path
            with contextlib.suppress(ValueError):
                where = where.relative_to(root)
            lines.append(f"  {safe_display(str(where))}: {safe_display(problem.reason)}")
    return lines


def cmd_index(args: argparse.Namespace) -> int:
    """``byline index DIR``."""
    library = _open(args.dir, args.data_dir)
    with library:
        bar = ProgressBar(sys.stderr)
        try:
            report = library.update(progress=None if args.quiet else bar, workers=args.workers)
        finally:
            bar.finish()
        for line in _summary(report, library.count(), library.root):
            print(line)
    return EXIT_OK


# -- byline search --------------------------------------------------------


def _hit_json(hit: Hit) -> str:
    return json.dumps(
        {
            "id": hit.id,
            "path": str(hit.path),
            "date": hit.date.isoformat() if hit.date else None,
            "headline": hit.headline,
            "score": round(hit.score, 4),
            "snippet": hit.snippet,
        },
        ensure_ascii=False,
    )


def _hit_lines(hit: Hit, emphasise: bool) -> list[str]:
    date = hit.date.isoformat() if hit.date else "----------"
    snippet = safe_display(hit.snippet)
    if emphasise and hit.snippet_spans:
        # Spans index the raw snippet; the safe version has the same length
        # (snippets come from cleaned text), so they still apply.
        out, pos = [], 0
        for span in hit.snippet_spans:
            out.append(snippet[pos : span.start])
            out.append(f"\x1b[1m{snippet[span.start : span.end]}\x1b[0m")
            pos = span.end
        out.append(snippet[pos:])
        snippet = "".join(out)
    return [f"{date}  {safe_display(hit.headline)}", f"            {snippet}"]


def cmd_search(args: argparse.Namespace) -> int:
    """``byline search QUERY --dir DIR``."""
    library = _open(args.dir, args.data_dir)
    with library:
        if not args.no_update:
            library.update()
        results = library.search(args.query, sort=args.sort, limit=args.limit)
    for note in results.ignored:
        print(f"note: ignored {safe_display(note)}", file=sys.stderr)
    if results.suggestions and not results.hits:
        from byline.index.search.query import parse_query  # loaded by the search already

        corrected = parse_query(args.query).replace_words(dict(results.suggestions))
        print(f"note: did you mean: {safe_display(corrected)}", file=sys.stderr)
    emphasise = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for hit in results.hits:
        if args.json:
            print(_hit_json(hit))
        else:
            print("\n".join(_hit_lines(hit, emphasise)))
    if not args.json:
        shown = len(results.hits)
        print(
            f"{results.total:,} match(es){f', showing {shown}' if shown < results.total else ''}",
            file=sys.stderr,
        )
    return EXIT_OK if results.hits else EXIT_NO_HITS


# -- byline config --------------------------------------------------------


def _config_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="byline config",
        description="Where byline's settings file is, or write a commented default one.",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--path", action="store_true", help="print the file's path (the default)")
    what.add_argument("--init", action="store_true", help="write the default file there")
    what.add_argument("--check", action="store_true", help="report problems in the file")
    parser.add_argument(
        "--force", action="store_true", help="with --init: replace an existing file"
    )
    return parser


def cmd_config(args: argparse.Namespace) -> int:
    """``byline config [--path | --init [--force] | --check]``."""
    from byline.reader.config import default_config_text, load_settings

    path = paths.config_file()
    shown = safe_display(str(path))
    if args.init:
        if path.exists() and not args.force:
            raise UsageError(f"{shown} already exists (add --force to replace it)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(default_config_text(), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {shown}: {exc.strerror or exc}") from None
        print(f"wrote {shown}")
    elif args.check:
        from byline.reader.actions import ACTION_IDS

        _settings, problems = load_settings(path, binding_ids=ACTION_IDS)
        for problem in problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE if problems else EXIT_OK
    else:
        print(shown)
    return EXIT_OK


# -- the reader -----------------------------------------------------------


def _default_corpus() -> Path:
    """The config file's corpus when it names an existing directory, else the seeds."""
    from byline.reader.config import load_settings

    corpus = load_settings()[0].corpus
    return corpus if corpus is not None and corpus.is_dir() else bundled_seeds()


READER_SWITCH_INTERVAL = 0.001
READER_FPS = 120


def cmd_read(args: argparse.Namespace) -> int:
    """``byline [DIR]``: the interactive reader."""
    root = _directory(args.dir) if args.dir is not None else _default_corpus()
    if os.environ.get("TERM") == "dumb" or not (sys.stdout.isatty() and sys.stdin.isatty()):
        raise UsageError(
            "the reader needs an interactive terminal; for plain output use "
            "'byline search QUERY --dir DIR'"
        )
    # Textual draws at most TEXTUAL_FPS frames a second (default 60): a change
    # that misses a frame waits up to 17 ms for the next.  At 120 an opened
    # article showed 20 ms sooner (benchmarks/keys.py); frames are drawn only
    # when something changed, so an idle reader costs nothing more.  Read when
    # Textual is first imported, just below; the user's own setting wins.
    ours = "TEXTUAL_FPS" not in os.environ
    if ours:
        os.environ["TEXTUAL_FPS"] = str(READER_FPS)
    from byline.reader.actions import ACTION_IDS
    from byline.reader.app import BylineApp  # the UI loads only when it is used

    if ours:
        del os.environ["TEXTUAL_FPS"]  # read now; not for the processes started later
    from byline.reader.config import load_settings

    settings, problems = load_settings(binding_ids=ACTION_IDS)
    app = BylineApp(root.resolve(), args.data_dir, settings=settings, notes=problems)
    if not _job_control():
        # Nothing above us would resume a stopped reader (no job-control shell,
        # as under `byline serve` or `ssh host byline`): Ctrl-z must not freeze it.
        app.action_suspend_process = app.bell  # type: ignore[method-assign]
    previous = signal.signal(signal.SIGTERM, _quit_on_signal(app))
    # A worker that reads a file gives up the interpreter at each read and then
    # waits for the UI thread to hand it back, by default every 5 ms: opening an
    # article took 12-20 ms in its worker for 1.3 ms of work while a frame was
    # drawn.  Handing over every millisecond lets workers answer within a frame.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(READER_SWITCH_INTERVAL)
    try:
        app.run(mouse=_want_mouse(args.mouse))
    finally:
        sys.setswitchinterval(switch_interval)
        signal.signal(signal.SIGTERM, previous)
    return app.return_code or EXIT_OK


def _quit_on_signal(app: App[None]) -> Callable[[int, FrameType | None], None]:
    """A SIGTERM handler that quits the app the normal way, restoring the terminal."""

    def handler(signum: int, frame: FrameType | None) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not running yet, or already stopping
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(partial(app.exit, return_code=128 + signum))

    return handler


def in_ssh_session() -> bool:
    """Whether we were started inside an SSH session."""
    return bool(os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"))


def _want_mouse(choice: bool | None) -> bool:
    # Over SSH mouse reporting would take over the terminal's own selection and copy.
    return choice if choice is not None else not in_ssh_session()


def _job_control() -> bool:
    """Whether a job-control shell runs us (it put us in a process group of our own)."""
    try:
        return os.getpgrp() != os.getsid(0)
    except OSError:
        return False


# -- byline serve ---------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    """``byline serve --dir DIR``: the reader over SSH."""
    from byline.reader.serve.server import ServeConfig, ServeError, serve

    root = _directory(args.dir).resolve()
    config = ServeConfig(
        corpus=root,
        index_dir=args.data_dir,
        host=args.host,
        port=args.port,
        authorized_keys=args.authorized_keys.expanduser(),
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout,
    )
    try:
        return serve(config)
    except ServeError as exc:
        raise UsageError(str(exc)) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``byline`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            # Only the reader's start-up runs with the collector paused (see launch.py).
            gc.enable()
            command = args_list.pop(0)
            if command == "config":
                return cmd_config(_config_parser().parse_args(args_list))
            if command == "serve":
                return cmd_serve(_serve_parser().parse_args(args_list))
            parser = _index_parser() if command == "index" else _search_parser()
            args = parser.parse_args(args_list)
            return cmd_index(args) if command == "index" else cmd_search(args)
        return cmd_read(_reader_parser().parse_args(args_list))
    except UsageError as exc:
        print(f"byline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except IndexBusyError as exc:
        print(f"byline: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("byline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `byline search … | head`: the reader of our output went away.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        # Disk full, a read-only cache directory...: the user can act on these.
        print(f"byline: error: {safe_display(str(exc))}", file=sys.stderr)
        return EXIT_SOFTWARE
    except Exception as exc:
        # A bug: one line for the user, the traceback on request.
        if paths.debug():
            raise
        detail = safe_display(f"{type(exc).__name__}: {exc}")
        print(
            f"byline: internal error ({detail}); run with BYLINE_DEBUG=1 for details",
            file=sys.stderr,
        )
        return EXIT_SOFTWARE


if __name__ == "__main__":
    sys.exit(main())
