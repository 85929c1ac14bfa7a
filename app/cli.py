"""The `quotetrail` command: extract, ingest, check, export, eval, serve, db and speakers sub-commands."""
from __future__ import annotations

import errno
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from app.settings import SettingsError, get_settings
from nlp.errors import ModelNotFound


class QuotetrailCommands(click.Group):
    """The command group. What a user's setup gets wrong (a setting, the database URL, the spaCy pipeline,
    the paths given) is one line on stderr and exit status 1, the same from every sub-command, never a
    traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (SettingsError, ModelNotFound) as error:
            raise click.ClickException(str(error)) from None
        except Exception as error:
            # Only checked when the store or the readers were imported (they raised it, then), so that
            # `--help` and `extract` do not pay for importing SQLAlchemy.
            store, readers = sys.modules.get("app.store.db"), sys.modules.get("app.services.readers")
            if store is not None and isinstance(error, store.DatabaseNotReady):
                raise click.ClickException(str(error)) from None
            if readers is not None and isinstance(error, readers.NothingToRead):
                raise click.ClickException(str(error)) from None
            raise


@click.group(cls=QuotetrailCommands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quotetrail")
def cli() -> None:
    """quotetrail: who said what, in which article."""


# --- extract (nlp only, no database) -------------------------------------------------------------

@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes for the NLP pipeline (default: QUOTETRAIL_WORKERS).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=None,
              help="Documents per nlp.pipe batch (default: QUOTETRAIL_BATCH_SIZE).")
@click.option("--keep-encoding", is_flag=True,
              help="Do not repair mojibake: offsets point into the text exactly as decoded "
                   "(default: QUOTETRAIL_REPAIR_ENCODING).")
def extract(paths: tuple[str, ...], workers: int | None, batch_size: int | None, keep_encoding: bool) -> None:
    """Print the quotes of each .txt / .jsonl FILE (or directory) as JSON Lines, one line per document.

    `-` reads standard input: one plain-text article, or JSON Lines when its first line is a JSON object.
    """
    from app.services.extracting import run_extract

    settings = get_settings()
    failed = run_extract(
        paths,
        out=sys.stdout,
        err=sys.stderr,
        model=settings.spacy_model,
        workers=workers or settings.workers,
        batch_size=batch_size or settings.batch_size,
        repair_encoding=settings.repair_encoding and not keep_encoding,
    )
    sys.exit(1 if failed else 0)


# --- serve (the web app) -------------------------------------------------------------------------

@cli.command()
@click.option("--host", default=None, help="Address to listen on (default: QUOTETRAIL_HOST, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port to listen on (default: QUOTETRAIL_PORT, 8000).")
@click.option("--get", "get_path", metavar="PATH", default=None,
              help="Print the page at PATH (e.g. /speakers/7 or /speakers/7.json) and exit, without starting a server.")
def serve(host: str | None, port: int | None, get_path: str | None) -> None:
    """Serve the web app (pages and JSON API) on the configured database."""
    from app.store.db import DatabaseNotReady
    from app.web.main import create_app

    settings = get_settings()
    try:
        app = create_app(settings)
    except DatabaseNotReady as error:
        raise click.ClickException(str(error)) from None
    if get_path is not None:
        import asyncio

        import httpx

        if not get_path.startswith("/"):
            raise click.BadParameter("the path starts with /, e.g. /speakers", param_hint="--get")

        async def fetch() -> httpx.Response:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
                return await client.get(get_path)

        response = asyncio.run(fetch())
        click.echo(response.text, nl=not response.text.endswith("\n"))
        # Like curl --fail: a page that is not 200 makes the command fail, after printing it.
        sys.exit(0 if response.status_code == 200 else 1)
    import uvicorn

    host, port = host or settings.host, port or settings.port
    # The socket is bound here, before anything is announced: a busy port or an address this machine
    # does not have is one line of error, not a "serving" line followed by uvicorn's traceback.
    listening = _listening_socket(host, port)
    shown = engine_url_for_display(settings.database_url)
    click.echo(f"quotetrail: serving {shown} at http://{_host_in_url(host)}:{port}/", err=True)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="info", proxy_headers=False))
    server.run(sockets=[listening])


def _listening_socket(host: str, port: int):
    """A TCP socket bound to host:port and listening, or a click error saying why it cannot be."""
    import socket

    try:
        family, kind, protocol, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as error:
        raise click.ClickException(f"cannot listen on {host}:{port}: unknown address ({error})") from None
    listening = socket.socket(family, kind, protocol)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart need not wait out TIME_WAIT
    try:
        listening.bind(address)
        listening.listen(2048)
    except OSError as error:
        listening.close()
        reason = "the port is already in use" if error.errno == errno.EADDRINUSE else (error.strerror or str(error))
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}") from None
    return listening


def _host_in_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def engine_url_for_display(url: str) -> str:
    """The database URL as the serve line prints it: without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


# --- ingest, db and speakers (the store) ---------------------------------------------------------

def _open_current_database():
    """The configured database's engine, or a clean exit naming `quotetrail db upgrade` if it is behind."""
    from app.store.db import DatabaseNotReady, open_database

    try:
        return open_database()
    except DatabaseNotReady as error:
        raise click.ClickException(str(error)) from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes for the NLP pipeline (default: QUOTETRAIL_WORKERS).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=None,
              help="Articles per pipeline batch (default: QUOTETRAIL_BATCH_SIZE).")
@click.option("--engine", "engine_name", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the work runs: processes on this machine, or actors of a Ray cluster.")
@click.option("--address", default=None,
              help="With --engine ray: the cluster's head, HOST:PORT, or 'auto' (default) for the one this "
                   "machine belongs to.")
@click.option("--ray-workers", type=click.IntRange(1, 10_000), default=None,
              help="With --engine ray: how many actors (default: one per CPU of the cluster).")
@click.option("--no-progress", is_flag=True, help="Do not draw the progress bar on stderr.")
@click.option("--no-link", is_flag=True, help="Skip the closing `link` phase (run `quotetrail link` later).")
@click.option("--keep-encoding", is_flag=True,
              help="Store the texts exactly as decoded, mojibake not repaired (default: QUOTETRAIL_REPAIR_ENCODING).")
def ingest(paths: tuple[str, ...], workers: int | None, batch_size: int | None, engine_name: str,
           address: str | None, ray_workers: int | None, no_progress: bool, no_link: bool,
           keep_encoding: bool) -> None:
    """Store the articles in .txt, .html and .jsonl FILEs (or directories of them) with their quotes.

    The inputs are split into chunks; each chunk is stored in one transaction, an article at a time, and an
    unreadable item is reported while the rest go on. Re-ingesting the same text with the same pipeline
    version stores nothing twice. The run ends with the `link` phase for the new articles (speakers and
    families as `quotetrail link` makes them). Exits 1 if any item failed.
    """
    from app.services.ingest import RayNotInstalled, run_ingest
    from app.services.ingest.ray_engine import PipelineMismatch, SharedDatabaseRequired

    if engine_name == "local" and (address or ray_workers):
        raise click.UsageError("--address and --ray-workers go with --engine ray")
    if engine_name == "ray" and workers:
        raise click.UsageError("with --engine ray, --ray-workers says how many actors (--workers is for local)")
    settings = get_settings()
    engine = _open_current_database()
    try:
        summary = run_ingest(
            paths,
            engine=engine,
            model=settings.spacy_model,
            workers=(ray_workers or 0) if engine_name == "ray" else (workers or settings.workers),
            batch_size=batch_size or settings.batch_size,
            progress=not no_progress,
            executor=engine_name,
            address=address,
            repair_encoding=settings.repair_encoding and not keep_encoding,
        )
    except (RayNotInstalled, PipelineMismatch, SharedDatabaseRequired) as error:
        raise click.ClickException(str(error)) from None
    click.echo(summary.render())
    if not no_link and summary.count("stored"):
        click.echo(_relink(engine).render())
    sys.exit(1 if summary.failures else 0)


def _relink(engine, *, full: bool = False):
    from app.services.linking import run_link_phase

    return run_link_phase(engine, full=full)


@cli.command()
@click.option("--full", is_flag=True,
              help="Re-link the whole collection (after a change of the linking rules), not only new articles.")
def link(full: bool) -> None:
    """Link the speakers and quote families of the articles stored since the last pass, in resumable batches.

    Deterministic: the same store gives the same speakers and families whatever order its articles came
    in or were linked in. A killed pass resumes where it stopped; with nothing new it does nothing.
    `--full` re-links everything under the current rules, without re-ingesting. A user's merges and
    splits (pinned aliases) are kept. Prints what changed.
    """
    engine = _open_current_database()
    click.echo(_relink(engine, full=full).render())


@cli.group()
def db() -> None:
    """The database schema: apply migrations, show the revision."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Create or upgrade the schema of QUOTETRAIL_DATABASE_URL to the newest migration."""
    from app.store.db import upgrade_database

    before, after = upgrade_database()
    if before == after:
        click.echo(f"database already at revision {after} (head)")
    else:
        click.echo(f"database upgraded from {before or 'empty'} to revision {after} (head)")


@db.command("current")
def db_current() -> None:
    """Show the database's schema revision and the newest one; exits 1 if the database is behind."""
    from app.store.db import create_database_engine, current_revision, head_revision

    engine = create_database_engine(create=False)  # showing a revision must not make a database
    try:
        current, head = current_revision(engine), head_revision()
    finally:
        engine.dispose()
    click.echo(f"database: {engine.url.render_as_string(hide_password=True)}")
    click.echo(f"current revision: {current or 'none (empty database)'}")
    click.echo(f"head revision: {head}")
    if current != head:
        click.echo("run `quotetrail db upgrade`", err=True)
        sys.exit(1)


@cli.group()
def speakers() -> None:
    """List speakers, and correct how names were linked (merge, split); corrections survive re-ingests, and
    export/import carries them to a collection rebuilt from scratch."""


@speakers.command("list")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="How many speakers to show.")
@click.option("--name", "name_filter", default=None, help="Only speakers whose name or an alias contains this.")
def speakers_list(limit: int, name_filter: str | None) -> None:
    """Speakers, most quoted first: id, quotes, name, kind (person or organisation), aliases and why names
    were linked."""
    from app.store import queries
    from app.store.db import session_scope

    engine = _open_current_database()
    with session_scope(engine) as session:
        rows = queries.list_speakers(session, limit=limit, name_contains=name_filter)
        if not rows:
            click.echo("no speakers")
        for speaker in rows:
            aliases = ", ".join(
                f"{alias.alias} ({alias.count}{', pinned' if alias.pinned else ''})" for alias in speaker.aliases
            )
            kind = f"{speaker.kind}, unresolved" if speaker.unresolved else speaker.kind
            click.echo(f"{speaker.id:>6}  {speaker.quote_count:>5} quote(s)  {speaker.name}  ({kind})")
            if aliases:
                click.echo(f"{'':>8}aliases: {aliases}")
            if speaker.link_reason:
                click.echo(f"{'':>8}linked: {speaker.link_reason}")


@speakers.command("merge")
@click.argument("target")
@click.argument("other")
def speakers_merge(target: str, other: str) -> None:
    """Merge speaker OTHER into speaker TARGET (each an id or an exact name)."""
    from app.services.linking import CorrectionError, find_speaker, merge_speakers
    from app.store.db import session_scope

    engine = _open_current_database()
    try:
        with session_scope(engine) as session:
            into = find_speaker(session, reference=target)
            merged = find_speaker(session, reference=other)
            merged_name, merged_id = merged.name, merged.id
            result = merge_speakers(session, into=into, other=merged)
            click.echo(f"merged {merged_name!r} (speaker {merged_id}) into {result.name!r} (speaker {result.id}): "
                       f"{result.quote_count} quote(s)")
    except CorrectionError as error:
        raise click.ClickException(str(error)) from None


@speakers.command("split")
@click.argument("speaker")
@click.argument("aliases", nargs=-1, required=True)
@click.option("--name", "new_name", default=None, help="Display name of the new speaker (default: the main alias).")
def speakers_split(speaker: str, aliases: tuple[str, ...], new_name: str | None) -> None:
    """Split the ALIASES (and the quotes attributed under them) off SPEAKER into a new speaker."""
    from app.services.linking import CorrectionError, find_speaker, split_speaker
    from app.store.db import session_scope

    engine = _open_current_database()
    try:
        with session_scope(engine) as session:
            original = find_speaker(session, reference=speaker)
            new = split_speaker(session, speaker=original, names=list(aliases), new_name=new_name)
            click.echo(f"split {', '.join(map(repr, aliases))} off {original.name!r} (speaker {original.id}) "
                       f"into {new.name!r} (speaker {new.id}): {new.quote_count} quote(s) moved")
    except CorrectionError as error:
        raise click.ClickException(str(error)) from None


@speakers.command("export")
@click.option("-o", "--output", "output", default="-", metavar="FILE",
              help="Write the corrections here (default: standard output).")
def speakers_export(output: str) -> None:
    """Write every speaker correction (merges and splits, oldest first) as JSON Lines, by name, so that
    `speakers import` can replay them on a collection rebuilt from scratch."""
    from app.services.correction_files import correction_lines
    from app.store.db import session_scope

    engine = _open_current_database()
    with session_scope(engine) as session:
        written = _write_atomically(output, correction_lines(session))
    click.echo(f"exported {written} correction(s){'' if output == '-' else ' to ' + output}", err=True)


@speakers.command("import")
@click.argument("file", metavar="FILE")
def speakers_import(file: str) -> None:
    """Replay the corrections in FILE (from `speakers export`; - for standard input) on this collection, in
    order. Importing twice changes nothing; a line that cannot be applied is reported on one line and the
    rest go on. Exits 1 if any line was skipped."""
    from app.services.correction_files import import_corrections
    from app.store.db import make_session_factory

    try:
        lines = sys.stdin.read().splitlines() if file == "-" else Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise click.ClickException(f"cannot read {file}: {getattr(error, 'strerror', None) or error}") from None
    engine = _open_current_database()
    with make_session_factory(engine)() as session:
        summary = import_corrections(session, lines, source="<stdin>" if file == "-" else file)
    for problem in summary.problems:
        click.echo(problem, err=True)
    click.echo(summary.render())
    sys.exit(1 if summary.problems else 0)


# --- export (filtered quotes as CSV or JSON Lines) -------------------------------------------------

def _write_atomically(output: str, chunks: Iterable[str]) -> int:
    """Write text chunks to standard output ("-") or to a file that appears only once complete (a failed
    export leaves no half-written file); returns the number of lines written."""
    import os
    import tempfile

    lines = 0
    if output == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
            lines += chunk.count("\n")
        sys.stdout.flush()
        return lines
    target = Path(output)
    if not target.parent.is_dir():
        raise click.ClickException(f"cannot write {output}: the folder {target.parent} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            for chunk in chunks:
                stream.write(chunk)
                lines += chunk.count("\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return lines


@cli.command("export")
@click.option("--words", default="", metavar="WORDS", help="Only quotes containing every one of these words.")
@click.option("--speaker", default="", metavar="NAME", help="Only quotes of the speaker with this name or alias.")
@click.option("--outlet", default="", metavar="NAME", help="Only quotes in articles of this outlet (case ignored).")
@click.option("--since", default="", metavar="DATE", help="Published on or after: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--until", default="", metavar="DATE", help="Published on or before: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="direct, mixed, indirect, or verbatim (= direct and mixed); repeat or comma-separate.")
@click.option("--source", "sources", multiple=True, metavar="TYPE",
              help="person, organisation, group, unnamed, document, anonymous; repeat or comma-separate.")
@click.option("--min-confidence", default="", metavar="X", help="Only quotes attributed with at least this "
              "confidence (0-1, or a percentage).")
@click.option("--article", "article_id", default="", metavar="ID", help="Only the statements of this article.")
@click.option("--sort", default="", metavar="ORDER",
              help="relevance (default with --words and no --speaker), newest (default otherwise), oldest, or text "
                   "(article order).")
@click.option("--format", "output_format", default="csv", metavar="csv|jsonl", show_default=True,
              help="CSV (spreadsheet-safe) or JSON Lines.")
@click.option("-o", "--output", default="-", metavar="FILE", help="Write here (default: standard output).")
@click.option("--base-url", default=None, metavar="URL",
              help="Where the web app is served, for the permalink column (default: http://QUOTETRAIL_HOST:PORT).")
def export(words: str, speaker: str, outlet: str, since: str, until: str, kinds: tuple[str, ...],
           sources: tuple[str, ...], min_confidence: str, article_id: str, sort: str, output_format: str,
           output: str, base_url: str | None) -> None:
    """Export the quotes the filters keep (all of them when none is given) as CSV or JSON Lines, streamed:
    the collection is read in batches, never whole. Columns: quote_id, text, kind, speaker, speaker_type,
    anonymous, mention, cue, article_id, title, outlet, published, url, start, end, paragraph (from 1),
    confidence, resolution_reason, permalink."""
    from app.services.export import EXPORT_FORMATS, ExportCount, export_chunks
    from app.services.filtering import FilterError, quote_filters
    from app.store.db import make_session_factory

    output_format = output_format.strip().lower()
    if output_format not in EXPORT_FORMATS:
        raise click.ClickException(f"--format: {output_format!r} is not one of {', '.join(EXPORT_FORMATS)}")
    article = None
    if article_id:
        if not article_id.isdigit() or int(article_id) < 1:
            raise click.ClickException(f"--article: {article_id!r} is not an article id (a whole number from 1)")
        article = int(article_id)
    try:
        filters = quote_filters(words=words, speaker=speaker, outlet=outlet, since=since, until=until, kinds=kinds,
                                sources=sources, min_confidence=min_confidence, sort=sort, article_id=article,
                                default_sort="text" if article else "relevance")
    except FilterError as error:
        raise click.ClickException(f"--{str(error).replace('_', '-')}") from None
    if base_url is None:
        settings = get_settings()
        base_url = f"http://{settings.host}:{settings.port}"
    engine = _open_current_database()
    count = ExportCount()
    with make_session_factory(engine)() as session:
        _write_atomically(output, export_chunks(session, filters=filters, format=output_format, base_url=base_url,
                                                count=count))
    click.echo(f"exported {count.rows:,} quote(s){'' if output == '-' else ' to ' + output}", err=True)


# --- check (is this quote in the sources?) --------------------------------------------------------

class CheckRefused(click.ClickException):
    """Input the check cannot use; exit status 2 like a usage error, as 1 already means "not in the same words"."""

    exit_code = 2


@cli.command()
@click.argument("text")
@click.option("--speaker", default=None, metavar="NAME",
              help="Who the quote is attributed to (checked against the source).")
@click.option("--article", "article_id", type=click.IntRange(1), default=None, metavar="ID",
              help="Check against this article only.")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="Most matches to show.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the JSON object that POST /api/check and /check.json return, instead of text.")
def check(text: str, speaker: str | None, article_id: int | None, limit: int, as_json: bool) -> None:
    """Is the quote TEXT in the stored articles, said by this person, in these words?

    Prints the verdict (verbatim, elided, minor, altered, paraphrase, not_found), whether the claimed
    speaker matches the source's, and the evidence: article, paragraph with the span marked, word diff.
    Exits 0 when the quote was found in the same words (verbatim, elided or minor), 1 otherwise,
    2 when the input cannot be checked (no words, unknown article).
    """
    from app.cli_render import render_check
    from app.services.check import EXACT_WORDING, CheckError, check_quote
    from app.store.db import session_scope

    engine = _open_current_database()
    try:
        with session_scope(engine) as session:
            result = check_quote(session, text=text, speaker=speaker, article_id=article_id, limit=limit)
            output = result.model_dump_json(indent=2) if as_json else render_check(result)
    except CheckError as error:
        raise CheckRefused(str(error)) from None
    click.echo(output)
    sys.exit(0 if result.verdict in EXACT_WORDING else 1)


# --- eval (score the pipeline on gold annotations) -----------------------------------------------

@cli.command("eval")
@click.option("--samples", "samples_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Directory of sample articles whose gold is in DIR/expected/ "
              "(default: ./samples when --polnear is not given).")
@click.option("--articles", "articles_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A directory of evaluation articles whose gold (with speaker_type, anonymous and parts) is "
              "in DIR/expected/, such as evaluation/articles/dev; may be given several times.")
@click.option("--polnear", "polnear_root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="A checkout of github.com/networkdynamics/PolNeAR (reads data/SPLIT/text "
              "and data/SPLIT/attributions).")
@click.option("--split", type=click.Choice(["dev", "train", "test"]), default="dev", show_default=True,
              help="PolNeAR split. Develop on train and dev; test is for a final measurement only.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N PolNeAR texts by name.")
@click.option("--resolved", "resolved_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="TSV of the person behind PolNeAR Source spans (default: "
              "evaluation/polnear-SPLIT-resolved.tsv of this checkout, if it exists).")
@click.option("--sources", "sources_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="TSV of who or what is behind PolNeAR Source spans of every type, with a split "
              "column (default: evaluation/polnear-sources.tsv of this checkout, if it exists).")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as one JSON object instead of tables.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes for the NLP pipeline (default: QUOTETRAIL_WORKERS).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=None,
              help="Documents per nlp.pipe batch (default: QUOTETRAIL_BATCH_SIZE).")
def evaluate(samples_dir: Path | None, articles_dirs: tuple[Path, ...], polnear_root: Path | None, split: str,
             limit: int | None, resolved_path: Path | None, sources_path: Path | None, as_json: bool,
             workers: int | None, batch_size: int | None) -> None:
    """Score quote extraction against gold: precision, recall and F1 of statement spans at overlap
    >= 0.3, >= 0.8 and exact (direct+mixed and all kinds), speaker span and resolved-name accuracy,
    and speaker named right (by type, mention kind, anonymity and rule), at statement and segment level."""
    import json

    from app.services.readers import ReadFailure, read_sources
    from nlp import build_pipeline, loaded_model_name
    from nlp.errors import ModelNotFound
    from nlp.evaluation import GoldError, evaluate_articles, evaluate_polnear, evaluate_samples, format_report

    if samples_dir is None and polnear_root is None and not articles_dirs:
        samples_dir = Path("samples")
        if not samples_dir.is_dir():
            raise click.UsageError("no ./samples directory here: pass --samples DIR, --articles DIR or --polnear PATH")
    annotations = Path(__file__).resolve().parents[1] / "evaluation"
    if polnear_root is not None and resolved_path is None:
        default_resolved = annotations / f"polnear-{split}-resolved.tsv"
        resolved_path = default_resolved if default_resolved.is_file() else None
    if polnear_root is not None and sources_path is None:
        default_sources = annotations / "polnear-sources.tsv"
        sources_path = default_sources if default_sources.is_file() else None
    if split == "test" and polnear_root is not None:
        click.echo("quotetrail eval: scoring the PolNeAR test split; keep it for the final measurement", err=True)
    if polnear_root is not None:
        from nlp.evaluation.polnear import check_polnear_checkout

        try:
            check_polnear_checkout(polnear_root, split=split)
        except FileNotFoundError as error:
            raise click.ClickException(str(error)) from None
    gold_suffixes = (".txt", ".jsonl", ".html", ".htm")
    for directory in ([samples_dir] if samples_dir is not None else []) + list(articles_dirs):
        # Checked before the pipeline loads: an empty directory would otherwise score nothing as "0 of 0".
        if not any(path.suffix.lower() in gold_suffixes and not path.name.startswith(".")
                   for path in directory.iterdir()):
            raise click.ClickException(f"{directory}: no {', '.join(gold_suffixes)} articles to score here")
    settings = get_settings()
    options = {"workers": workers or settings.workers, "batch_size": batch_size or settings.batch_size}
    try:
        pipeline = build_pipeline(settings.spacy_model)
    except ModelNotFound as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"quotetrail eval: using spaCy pipeline {loaded_model_name(pipeline)}", err=True)
    reports = []

    def gold_documents(directory: Path) -> list[tuple[str, str, str]]:
        documents = []
        for path in sorted(directory.iterdir()):
            if path.suffix.lower() not in gold_suffixes or path.name.startswith("."):
                continue
            for item in read_sources([path]):
                if isinstance(item, ReadFailure):
                    raise click.ClickException(f"{item.source}: {item.reason}")
                documents.append((path.name, item.id, item.text))
        return documents

    if samples_dir is not None:
        try:
            reports.append(evaluate_samples(pipeline, gold_documents(samples_dir),
                                            expected_dir=samples_dir / "expected", **options))
        except (GoldError, FileNotFoundError) as error:
            raise click.ClickException(f"sample gold: {error}") from None
    for articles_dir in articles_dirs:
        try:
            reports.append(evaluate_articles(pipeline, gold_documents(articles_dir),
                                             expected_dir=articles_dir / "expected",
                                             corpus=f"articles {articles_dir.name}", **options))
        except (GoldError, FileNotFoundError) as error:
            raise click.ClickException(f"article gold: {error}") from None
    if polnear_root is not None:
        try:
            reports.append(evaluate_polnear(pipeline, polnear_root, split=split, limit=limit,
                                            resolved_path=resolved_path, sources_path=sources_path, **options))
        except FileNotFoundError as error:
            raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps({"reports": [report.to_json() for report in reports]}, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(format_report(report) for report in reports))


def main() -> None:
    cli(prog_name="quotetrail")


if __name__ == "__main__":
    main()
