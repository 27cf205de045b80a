"""Every command has help with an example, and the README lists it (as sqlite-utils tests its docs)."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_group(app)
    names = []
    for name, command in group.commands.items():
        sub = getattr(command, "commands", None)
        names.extend(f"{name} {s}" for s in sub) if sub else names.append(name)
    return sorted(names)


def test_docs_core_commands_exist():
    assert {"extract", "ingest", "eval", "demo"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_docs_command_has_help_with_example(name):
    result = runner.invoke(app, [*name.split(), "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"marsad {name} --help has no example"


@pytest.mark.parametrize("name", command_names())
def test_docs_readme_lists_command(name):
    assert f"marsad {name}" in README, f"README does not document 'marsad {name}'"
