"""The README documents every setting and every CLI command: adding one without documenting it fails here."""
from __future__ import annotations

from pathlib import Path

import click

from app.cli import cli
from app.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _command_paths(group: click.Group, prefix: str = "quotetrail") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, path))
        else:
            paths.append(path)
    return paths


def test_every_setting_is_documented():
    missing = [f"QUOTETRAIL_{name.upper()}" for name in Settings.model_fields
               if f"QUOTETRAIL_{name.upper()}" not in README]
    assert not missing, f"settings missing from README.md: {missing}"


def test_every_setting_has_a_description():
    assert all(field.description for field in Settings.model_fields.values())


def test_every_cli_command_is_documented():
    missing = [path for path in _command_paths(cli) if path not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_opens_with_the_two_setup_commands():
    head = README[:1500]
    assert "bash scripts/demo.sh" in head and "bash scripts/test.sh" in head
