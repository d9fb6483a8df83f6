"""The README's commands exist: every `make` target it names, and every command line."""

import re
from pathlib import Path

import click
import pytest

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
