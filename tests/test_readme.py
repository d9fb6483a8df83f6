"""The README's commands exist: every `make` target it names, and every command line
runs; and every command and option of the CLI is in the README."""

import re
import shlex
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tracker.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_make_target_the_readme_names_is_in_the_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"`make ([a-z][a-z-]*)", README))
    named |= set(re.findall(r"^make ([a-z][a-z-]*)", README, flags=re.MULTILINE))
    assert {"run", "test", "serve"} <= named
    assert named <= targets


@pytest.mark.parametrize(
    "words",
    sorted({tuple(m.split()) for m in re.findall(r"python -m tracker ((?:[a-z]+ ?)+)", README)}),
)
def test_every_command_line_the_readme_shows_exists(words):
    command: click.Command = cli
    for word in words:
        if not isinstance(command, click.Group) or word not in command.commands:
            break  # the rest are arguments
        command = command.commands[word]
    # A group left over means the word after it is no command of it.
    assert not isinstance(command, click.Group), f"`python -m tracker {' '.join(words)}`"


# --- like sqlite-utils' tests/test_docs.py: the README and the CLI agree -------------

FIXTURES = ROOT / "tests" / "fixtures"


def cli_commands(group: click.Group = cli, path: tuple[str, ...] = ()):
    """(words, command) for every command under ``group``, groups included."""
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from cli_commands(command, (*path, name))


def readme_parts() -> list[str]:
    """The README's paragraphs, with each line of a code block a part of its own."""
    parts = []
    for paragraph in README.split("\n\n"):
        parts += paragraph.splitlines() if paragraph.startswith("```") else [paragraph]
    return parts


def mentioned(option: str, text: str = README) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def test_every_command_and_option_is_in_the_readme():
    missing = [f"--{p.name}" for p in cli.params if not any(map(mentioned, p.opts))]
    for words, command in cli_commands():
        if isinstance(command, click.Group):
            continue
        line = f"python -m tracker {' '.join(words)}"
        if line not in README:
            missing.append(line)
        # An option counts where its command is named too (init's --name isn't report's).
        names = (line, f"`{' '.join(words)}`", f"`{' '.join(words)} ")
        about = [part for part in readme_parts() if any(name in part for name in names)]
        for param in command.params:
            if isinstance(param, click.Option) and not any(
                mentioned(option, part) for option in param.opts for part in about
            ):
                missing.append(f"{line} {param.opts[-1]}")
    assert missing == []


def readme_command_lines() -> list[str]:
    """Every command line the README shows: lines of its code blocks, and inline ones
    that are whole commands (not a synopsis with [optional] parts)."""
    lines = re.findall(r"^(?:\.venv/bin/)?python -m tracker (.+)$", README, flags=re.MULTILINE)
    inline = re.findall(r"`(?:\.venv/bin/)?python -m tracker ([^`\[]+)`", README)
    return sorted({shlex.join(shlex.split(line, comments=True)) for line in lines + inline})


def loop_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for csv in sorted((FIXTURES / "loop_csv").rglob("*.csv")):
            archive.write(csv, csv.relative_to(FIXTURES / "loop_csv").as_posix())


def run(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, f"`python -m tracker {shlex.join(args)}`: {result.output}"


def prepare(args: list[str]) -> None:
    """A journal with a year of entries, and the file an import reads, as people's look."""
    if args[0] not in ("init", "demo"):
        run(["demo", "--years", "1"])
    if args[:2] == ["import", "daylio"]:
        # A custom mood ("fine") is what --mood-map is for.
        Path(args[2]).write_text(
            "full_date,date,weekday,time,mood,activities,note\n"
            '2024-06-03,June 3,Monday,9:00 pm,fine,"walk","A quiet day"\n'
            '2024-06-02,June 2,Sunday,9:00 pm,good,"",""\n',
            encoding="utf-8",
        )
    elif args[:2] == ["import", "loop"]:
        loop_zip(Path(args[2]))
    elif args[:2] == ["import", "backup"]:
        run(["export", "backup", "-o", args[2]])


@pytest.mark.parametrize("line", readme_command_lines())
def test_every_command_line_in_the_readme_runs(line, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files the commands write land here
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    args = shlex.split(line)
    prepare(args)
    run(args)
