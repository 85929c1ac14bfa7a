"""Without Ray installed, `--engine ray` says in one line how to install it, and records nothing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.store.db import create_database_engine, session_scope
from app.store.models import IngestionRun

REPOSITORY = Path(__file__).resolve().parents[4]


def test_without_ray_the_ray_engine_says_how_to_install_it(database_url: str, tmp_path: Path):
    # A `ray` that cannot be imported stands first on the path, as on a machine without the extra.
    shadow = tmp_path / "no-ray" / "ray"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("No module named \'ray\'")\n', encoding="utf-8")
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": database_url,
                   "PYTHONPATH": os.pathsep.join([str(shadow.parent), str(REPOSITORY)])}
    result = subprocess.run([sys.executable, "-m", "app", "ingest", "--engine", "ray", str(REPOSITORY / "samples")],
                            env=environment, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: --engine ray needs Ray, which is not installed: pip install 'quotetrail[ray]'"]
    engine = create_database_engine(database_url)
    try:
        with session_scope(engine) as session:
            assert session.scalar(select(func.count()).select_from(IngestionRun)) == 0
    finally:
        engine.dispose()


def test_ray_options_without_the_ray_engine_are_refused(database_url: str, tmp_path: Path):
    environment = {**os.environ, "QUOTETRAIL_DATABASE_URL": database_url, "PYTHONPATH": str(REPOSITORY)}
    result = subprocess.run([sys.executable, "-m", "app", "ingest", "--ray-workers", "2", str(REPOSITORY / "samples")],
                            env=environment, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 2 and "--address and --ray-workers go with --engine ray" in result.stderr
