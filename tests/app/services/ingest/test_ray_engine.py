"""Without Ray installed, `--engine ray` says in one line how to install it, and records nothing; on SQLite it
says a cluster needs PostgreSQL; Ray's options without the Ray engine are refused."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.store.db import create_database_engine, session_scope
from app.store.models import IngestionRun

REPOSITORY = Path(__file__).resolve().parents[4]


def run_count(database_url: str) -> int:
    engine = create_database_engine(database_url)
    try:
        with session_scope(engine) as session:
            return session.scalar(select(func.count()).select_from(IngestionRun)) or 0
    finally:
        engine.dispose()


def test_without_ray_the_ray_engine_says_how_to_install_it(postgres_schema_url: str, tmp_path: Path):
    # A `ray` that cannot be imported stands first on the path, as on a machine without the extra.
    shadow = tmp_path / "no-ray" / "ray"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("No module named \'ray\'")\n', encoding="utf-8")
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": postgres_schema_url,
                   "PYTHONPATH": os.pathsep.join([str(shadow.parent), str(REPOSITORY)])}
    runs_before = run_count(postgres_schema_url)
    result = subprocess.run([sys.executable, "-m", "app", "ingest", "--engine", "ray", str(REPOSITORY / "samples")],
                            env=environment, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: --engine ray needs Ray, which is not installed: pip install 'quotetrail[ray]'"]
    assert run_count(postgres_schema_url) == runs_before  # refused before a run was recorded


def test_ray_options_without_the_ray_engine_are_refused(database_url: str, tmp_path: Path):
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": database_url, "PYTHONPATH": str(REPOSITORY)}
    result = subprocess.run([sys.executable, "-m", "app", "ingest", "--ray-workers", "2", str(REPOSITORY / "samples")],
                            env=environment, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 2 and "--address and --ray-workers go with --engine ray" in result.stderr


def test_the_ray_engine_refuses_a_sqlite_database_in_one_line(sqlite_template: Path, tmp_path: Path):
    database = tmp_path / "one-machine.db"
    database.write_bytes(sqlite_template.read_bytes())
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(REPOSITORY)}
    result = subprocess.run([sys.executable, "-m", "app", "ingest", "--engine", "ray", str(REPOSITORY / "samples")],
                            env=environment, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: --engine ray needs a database every node can reach, not sqlite: set "
        "QUOTETRAIL_DATABASE_URL=postgresql+psycopg://USER:PASSWORD@HOST/DB"]
