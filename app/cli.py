"""The `quotetrail` command: extract, ingest, check, eval, serve, db and speakers sub-commands."""
from __future__ import annotations

import sys

import click

from app.settings import get_settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quotetrail")
def cli() -> None:
    """quotetrail: who said what, in which article."""


# --- extract (nlp only, no database) -------------------------------------------------------------

@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--workers", type=int, default=None, help="Processes for the NLP pipeline (default: QUOTETRAIL_WORKERS).")
@click.option("--batch-size", type=int, default=None, help="Documents per nlp.pipe batch (default: QUOTETRAIL_BATCH_SIZE).")
def extract(paths: tuple[str, ...], workers: int | None, batch_size: int | None) -> None:
    """Print the quotes of each .txt / .jsonl FILE (or directory) as JSON Lines, one line per document."""
    from app.services.extracting import run_extract

    settings = get_settings()
    failed = run_extract(
        paths,
        out=sys.stdout,
        err=sys.stderr,
        model=settings.spacy_model,
        workers=workers or settings.workers,
        batch_size=batch_size or settings.batch_size,
    )
    sys.exit(1 if failed else 0)


def main() -> None:
    cli(prog_name="quotetrail")


if __name__ == "__main__":
    main()
