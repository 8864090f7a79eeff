"""The settings file: good files, every kind of bad one, and `byline config`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from byline.reader.config import (
    KNOWN_THEMES,
    LAYERS,
    TEXTUAL_THEMES,
    Settings,
    default_config_text,
    key_name,
    load_settings,
    strftime_problem,
)

BINDING_IDS = ("search", "help", "quit", "palette")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path) -> tuple[Settings, list[str]]:
    return load_settings(path, binding_ids=BINDING_IDS)


def test_no_file_means_defaults_without_complaint(tmp_path: Path) -> None:
    assert load(tmp_path / "missing.toml") == (Settings(), [])
    defaults = Settings()
    assert defaults.corpus is None
    assert dict(defaults.keys) == {}
    assert defaults.theme == "textual-dark"
    assert defaults.highlights == LAYERS
    assert defaults.date_format == "%Y-%m-%d"


def test_a_good_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "news").mkdir()
    path = write(
        tmp_path,
        """
        corpus = "~/news"
        theme = "byline-ansi"
        highlights = ["place", "quote"]
        date_format = "%d %b %Y"

        [keys]
        search = "slash, ctrl+f"
        "help" = "f1"
        """,
    )
    settings, errors = load(path)
    assert errors == []
    assert settings == Settings(
        corpus=tmp_path / "news",
        keys=settings.keys,
        theme="byline-ansi",
        highlights=("quote", "place"),  # in legend order
        date_format="%d %b %Y",
    )
    assert dict(settings.keys) == {"search": "slash,ctrl+f", "help": "f1"}
    with pytest.raises(TypeError):
        settings.keys["quit"] = "x"  # type: ignore[index]


def test_the_default_file_is_valid_and_changes_nothing(tmp_path: Path) -> None:
    text = default_config_text()
    assert load(write(tmp_path, text)) == (Settings(), [])
    # Uncommenting every example (but the corpus, which need not exist) still loads cleanly.
    example = re.compile(r"^# (?!corpus)\w+ = ")
    lines = [line[2:] if example.match(line) else line for line in text.splitlines()]
    settings, errors = load(write(tmp_path, "\n".join(lines)))
    assert errors == []
    assert settings.theme == "textual-dark"
    assert dict(settings.keys) == {"search": "slash", "help": "question_mark,f1", "quit": "q"}
    for name in ("corpus", "theme", "highlights", "date_format", "[keys]", "byline-ansi"):
        assert name in text


def test_invalid_toml_names_file_and_line_and_falls_back(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\n\ndate_format = \n')
    settings, errors = load(path)
    assert settings == Settings()  # nothing from a broken file is trusted
    assert errors == [f"{path}:3: invalid TOML: Invalid value; using the default settings"]


def test_a_repeated_key_is_invalid_toml(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\ntheme = "dracula"\n')
    _settings, errors = load(path)
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:2: invalid TOML:")


def test_unknown_setting(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\ncolour = "blue"\n')
    settings, errors = load(path)
    assert settings.theme == "nord"  # the good part still applies
    (error,) = errors
    assert error.startswith(f"{path}:2: colour: unknown setting (known: corpus, date_format,")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("theme = 3", "theme: expected a theme name in quotes, not a number"),
        ("theme = 'solar'", "theme: unknown theme 'solar' (known: byline-ansi, textual-dark,"),
        ("highlights = 'quote'", "highlights: expected a list of layer names, not a string"),
        ("highlights = ['quote', 'weather']", "highlights: unknown layer 'weather' (known: quote,"),
        ("highlights = [1, 2]", "highlights: expected layer names in quotes, not a number"),
        ("date_format = true", "date_format: expected a strftime format, not true/false"),
        ("date_format = '%Y-%Q'", "date_format: unknown strftime directive '%Q'"),
        ("date_format = '%d %'", "date_format: the date format ends with a lone '%'"),
        ("date_format = ' '", "date_format: the date format is empty"),
        ("corpus = 7", "corpus: expected a directory path in quotes, not a number"),
        ("corpus = '/no/such/dir'", "corpus: no such directory: /no/such/dir"),
        ("keys = 'slash'", "keys: expected a [keys] table, not a string"),
    ],
)
def test_each_bad_setting_is_one_line_and_falls_back(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = write(tmp_path, f"# my settings\n{line}\n")
    settings, errors = load(path)
    assert settings == Settings()
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:2: {problem}")
    assert "\n" not in errors[0]


def test_bad_key_overrides_are_skipped_one_by_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """theme = "nord"
[keys]
search = "ctrl+f"
frobnicate = "x"
help = 5
quit = "ctrl q"
""",
    )
    settings, errors = load(path)
    assert settings.theme == "nord"
    assert dict(settings.keys) == {"search": "ctrl+f"}
    assert errors == [
        f"{path}:4: keys.frobnicate: no binding with this id (known: help, palette, quit, search)",
        f"{path}:5: keys.help: expected keys in quotes, not a number",
        f"{path}:6: keys.quit: not a key name: 'ctrl q' "
        '(use Textual key names separated by commas, e.g. "ctrl+f,slash")',
    ]


def test_any_binding_id_is_accepted_when_the_ids_are_not_given(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\ntoggle_star = "s"\nmark_read = "?,m"\n')
    settings, errors = load_settings(path)
    assert errors == []
    assert dict(settings.keys) == {"toggle_star": "s", "mark_read": "question_mark,m"}


def test_keys_typed_as_characters_become_textual_key_names() -> None:
    from textual.keys import _character_to_key

    for char in "?/\\@-+_!#$%&*()[]{}<>=~^|;:'\".`":
        assert key_name(char) == _character_to_key(char), char
    for name in ("a", "Z", "7", "ctrl+f", "question_mark", "f1", "shift+tab"):
        assert key_name(name) == name


def test_an_inline_keys_table_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nkeys = { nope = "x" }\n')
    _settings, errors = load(path)
    assert errors == [
        f"{path}:2: keys.nope: no binding with this id (known: help, palette, quit, search)"
    ]


def test_unreadable_files(tmp_path: Path) -> None:
    latin = tmp_path / "latin.toml"
    latin.write_bytes('theme = "caf\xe9"\n'.encode("latin-1"))
    assert load(latin) == (Settings(), [f"{latin}: not UTF-8 text; using the default settings"])
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    settings, errors = load(folder)
    assert settings == Settings()
    assert len(errors) == 1
    assert errors[0].startswith(f"{folder}: cannot read:")


def test_hostile_names_cannot_reach_the_terminal(tmp_path: Path) -> None:
    path = write(tmp_path, '"\\u001b[2Jboom" = 1\ntheme = "\\u001b]0;x\\u0007"\n')
    _settings, errors = load(path)
    assert len(errors) == 2
    for error in errors:
        assert "\x1b" not in error
        assert "\x07" not in error


def test_strftime_problem() -> None:
    assert strftime_problem("%Y-%m-%d") is None
    assert strftime_problem("%-d %B %Y, %H:%M") is None
    assert strftime_problem("100%% sure %a") is None
    assert strftime_problem("%Y\n") == "the date format holds control characters"


def test_the_theme_list_matches_textual() -> None:
    from textual.app import App

    from byline.reader.themes import THEMES

    assert set(TEXTUAL_THEMES) == set(App[None]().available_themes)
    assert set(KNOWN_THEMES) == set(TEXTUAL_THEMES) | set(THEMES)


# -- byline config, the real command --------------------------------------------


def byline_config(*args: str, config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "byline.reader", "config", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "BYLINE_CONFIG": str(config)},
        check=False,
    )


def test_cli_config_path(tmp_path: Path) -> None:
    target = tmp_path / "conf" / "byline.toml"
    for args in (("--path",), ()):
        done = byline_config(*args, config=target)
        assert done.returncode == 0, done.stderr
        assert done.stdout == f"{target}\n"
    assert not target.exists()


def test_cli_config_path_default_location(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BYLINE_CONFIG"}
    done = subprocess.run(
        [sys.executable, "-m", "byline.reader", "config", "--path"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(Path(env["XDG_CONFIG_HOME"]) / "byline" / "config.toml")


def test_cli_config_init_writes_the_default_and_will_not_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "conf" / "byline.toml"
    done = byline_config("--init", config=target)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == default_config_text()
    tomllib.loads(target.read_text(encoding="utf-8"))

    target.write_text('theme = "nord"\n', encoding="utf-8")
    again = byline_config("--init", config=target)
    assert again.returncode == 2
    assert again.stderr == (f"byline: error: {target} already exists (add --force to replace it)\n")
    assert target.read_text(encoding="utf-8") == 'theme = "nord"\n'  # untouched

    forced = byline_config("--init", "--force", config=target)
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8") == default_config_text()


def test_cli_config_init_where_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    done = byline_config("--init", config=blocker / "config.toml")
    assert done.returncode == 2
    assert done.stderr.startswith(f"byline: error: cannot write {blocker / 'config.toml'}:")
    assert "Traceback" not in done.stderr


def test_cli_config_check(tmp_path: Path) -> None:
    target = write(tmp_path, 'theme = "solar"\n')
    done = byline_config("--check", config=target)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{target}:1: theme: unknown theme 'solar'")
    target.write_text('theme = "nord"\n', encoding="utf-8")
    ok = byline_config("--check", config=target)
    assert (ok.returncode, ok.stderr) == (0, "")


def test_cli_config_options_are_exclusive(tmp_path: Path) -> None:
    done = byline_config("--path", "--init", config=tmp_path / "c.toml")
    assert done.returncode == 2
    assert "not allowed with" in done.stderr
    assert not (tmp_path / "c.toml").exists()


def test_reading_the_config_does_not_load_the_ui() -> None:
    # `byline config` and the CLI read settings before (or without) starting the app.
    code = (
        "import sys, byline.reader.config\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"
