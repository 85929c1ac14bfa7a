"""The README documents every setting, every CLI command and every module: adding one undocumented fails here."""
from __future__ import annotations

from pathlib import Path

import click

from app.cli import cli
from app.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def _layout_block() -> str:
    section = README.split("## Layout", 1)[1]
    return section.split("```", 2)[1]


def test_readme_layout_names_every_module_and_package():
    """Each module and package of nlp/ and app/ (and of app's sub-packages) is named in the Layout section."""
    layout = _layout_block()
    names = []
    for folder in (ROOT / "nlp", ROOT / "app", *sorted((ROOT / "app").glob("*/__init__.py"))):
        folder = folder.parent if folder.name == "__init__.py" else folder
        for path in sorted(folder.iterdir()):
            if path.suffix == ".py" and path.stem not in ("__init__", "__main__"):
                names.append(path.stem)
            elif path.is_dir() and (path / "__init__.py").exists():
                names.append(path.name)
    missing = [name for name in names if name not in layout]
    assert not missing, f"modules missing from the README's Layout section: {missing}"


def test_readme_layout_names_no_module_that_is_gone():
    """Every `name.py` the Layout section names exists, so a deleted module cannot linger in the map."""
    import re

    named = set(re.findall(r"\b([a-z_]+)\.py\b", _layout_block()))
    present = {path.stem for path in ROOT.glob("*/**/*.py")} | {path.stem for path in ROOT.glob("*/*.py")}
    gone = sorted(named - present)
    assert not gone, f"the README's Layout section names modules that no longer exist: {gone}"
