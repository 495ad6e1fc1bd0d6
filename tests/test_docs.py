"""The README names every registered scanner and every command (as sqlite-utils checks its docs), and every
command the docs show is one that exists: a new scanner or command cannot ship undocumented, nor a doc name a
command that is gone."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

from auditor.cli import app
from auditor.scanners import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {
    path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
}


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(prefix + name)
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix}{name} ")
    return names


COMMANDS = _commands(typer.main.get_command(app))


@pytest.mark.parametrize("name", list(REGISTRY))
def test_the_readme_names_every_registered_scanner(name):
    assert f"`{name}`" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_the_readme_shows_every_command(command):
    assert f"phi-audit {command}" in README


def _shown_commands(text: str) -> set[str]:
    """The first word after `phi-audit` in inline code and in the lines of code blocks."""
    inline = re.findall(r"`phi-audit ([a-z][a-z-]*)", text)
    blocks = [line for block in re.findall(r"```.*?\n(.*?)```", text, flags=re.S) for line in block.splitlines()]
    fenced = [match for line in blocks for match in re.findall(r"(?:^|[\s$(])phi-audit ([a-z][a-z-]*)", line)]
    return set(inline) | set(fenced)


@pytest.mark.parametrize("doc", list(DOCS))
def test_every_command_a_doc_shows_exists(doc):
    top = {command.split()[0] for command in COMMANDS}
    assert _shown_commands(DOCS[doc]) - top == set()


def test_the_check_sees_a_command_in_code():
    assert _shown_commands("run `phi-audit rescore --store a.db`\n```\n$ phi-audit scan x\n```") == {"rescore", "scan"}
