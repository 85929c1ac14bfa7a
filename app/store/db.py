"""Engines, sessions, the migrations guard and full-text search for SQLite (FTS5) and PostgreSQL (tsvector)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import CTE, Engine, Float, Integer, TextClause, create_engine, event, text
from sqlalchemy import exc as sqlalchemy_errors
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

from app.settings import get_settings

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"

# How long a writer waits for another writer's lock before giving up (the web app's "add an
# article" can run while an ingest commits one article after another).
SQLITE_BUSY_TIMEOUT_MS = 15_000

# The database objects that only the migrations know: full-text indexes differ per dialect, so
# they are not part of the ORM models, and the models-match-migrations check skips them.
FULLTEXT_OBJECT_PREFIXES = ("quotes_fts", "article_paragraphs_fts")

# PostgreSQL's trigram indexes for a speaker name searched by part (`lower(name) LIKE '%...%'`), index name ->
# (table, column): made by migration 0009 only where the pg_trgm extension could be created, so they are
# not in the models (schema comparisons skip them, as the full-text objects).
TRIGRAM_INDEXES = {
    "ix_speakers_name_trigram": ("speakers", "name"),
    "ix_speaker_aliases_alias_trigram": ("speaker_aliases", "alias"),
}
# A speaker's page orders their quotes by their articles' dates: PostgreSQL reads them from this index, not
# from each article's row (migration 0009: 368 ms with cold caches for a speaker of 196 quotes, then 3 ms).
ARTICLE_DATE_INDEX = "ix_articles_id_published"
# A speaker's quotes in queries.speaker_newest_first order, (speaker_id, article_published_at DESC NULLS LAST,
# article_id DESC, start, id), from the copies of their articles' dates (migration 0010): a page of 20 is its
# first 20 entries after the speaker's id, where the articles' own date index made PostgreSQL walk every article
# newest first or sort all of a much-quoted speaker's articles (72 ms p95 cold at a million quotes). Alembic
# cannot compare its DESC columns on SQLite.
SPEAKER_NEWEST_INDEX = "ix_quotes_speaker_newest"
# Made by hand-written migrations (for one back-end only, or in a shape the comparison cannot read); schema
# comparisons leave them out.
HAND_MADE_OBJECT_NAMES = (*FULLTEXT_OBJECT_PREFIXES, *TRIGRAM_INDEXES, ARTICLE_DATE_INDEX, SPEAKER_NEWEST_INDEX)

# PostgreSQL's text search configuration (made by the migrations: 'english' stemming and stop words,
# accents folded); SQLite's FTS5 tables use the Porter stemmer and remove_diacritics to match.
POSTGRES_TEXT_SEARCH_CONFIG = "quotetrail_english"

# Words too common to help find a statement; dropped from "any word" searches so that a long
# claim does not rank every row in the collection (PostgreSQL drops its own list).
SEARCH_STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his i in is it its of on or our she "
    "that the their them they this to was we were will with you your".split()
)
# A query longer than this many words keeps its longest ones: they are the rarest, in practice.
MAX_SEARCH_WORDS = 24

WORD_PATTERN = re.compile(r"\w+", re.UNICODE)


class DatabaseNotReady(RuntimeError):
    """The database is missing its schema or is behind (or ahead of) the migrations this code expects."""


class DatabaseUnavailable(DatabaseNotReady):
    """The database cannot be opened at all: an unreadable URL, a driver that is not installed, a server that
    does not answer, a SQLite file that does not exist (and this command must not create it)."""


# --- engines and sessions --------------------------------------------------------------------------

def _configure_postgresql_connection(dbapi_connection, _record) -> None:
    """No parallel workers for our queries: they are pages of 20 found through indexes, where a parallel
    plan's workers each read ahead through their share of an index before the first row is merged (a
    speaker's newest quotes at 1M quotes: 110 ms with two workers, 6 ms without, bench/scale_bench.py)."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 0")
    dbapi_connection.commit()


def create_database_engine(url: str | None = None, *, create: bool = True, **engine_options) -> Engine:
    """An engine for `url` (default: QUOTETRAIL_DATABASE_URL); SQLite gets WAL, a busy timeout and foreign keys.

    With `create=False` a SQLite file that does not exist yet is refused instead of being made (with
    its folders) on first connect: only `db upgrade` and tests create databases; a command that reads,
    or one that would refuse an empty database anyway, must leave the disk as it found it.
    Raises DatabaseUnavailable for a URL that cannot be read or a driver that is not installed.
    """
    url = url or get_settings().database_url
    try:
        parsed = make_url(url)
    except (sqlalchemy_errors.ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise DatabaseUnavailable(
            f"cannot read the database URL {_shown_url(url)!r}: expected dialect[+driver]://..., "
            "e.g. sqlite:///quotetrail.db or postgresql+psycopg://user:pass@host/db"
        ) from None
    where = parsed.render_as_string(hide_password=True)
    try:
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database
            if database and database != ":memory:" and not database.startswith("file:"):
                # SQLite opens the path as written (no ~ expansion), so that is the path checked and made.
                path = Path(database)
                if create:
                    try:
                        path.parent.mkdir(parents=True, exist_ok=True)
                    except OSError as error:
                        raise DatabaseUnavailable(
                            f"cannot create the folder of the database {where}: {error.strerror or error}"
                        ) from None
                elif path.is_dir():
                    raise DatabaseUnavailable(f"the database {where} names a directory, not a database file")
                elif not path.exists():
                    raise DatabaseUnavailable(
                        f"the database {where} does not exist; `quotetrail db upgrade` creates it"
                    )
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **engine_options)
            event.listen(engine, "connect", _configure_sqlite_connection)
            return engine
        engine_options.setdefault("pool_pre_ping", True)
        engine = create_engine(url, **engine_options)
        if parsed.get_backend_name() == "postgresql":
            event.listen(engine, "connect", _configure_postgresql_connection)
        return engine
    except sqlalchemy_errors.NoSuchModuleError:
        raise DatabaseUnavailable(
            f"the database URL {where} names a kind of database quotetrail cannot use "
            f"({parsed.drivername!r}); use sqlite:///FILE or postgresql+psycopg://..."
        ) from None
    except ImportError as error:
        missing = getattr(error, "name", None) or str(error)
        hint = " (pip install 'quotetrail[postgres]')" if parsed.get_backend_name() == "postgresql" else ""
        raise DatabaseUnavailable(
            f"the database URL {where} needs the Python driver {missing!r}, which is not installed{hint}"
        ) from None


def _shown_url(url: str) -> str:
    """A URL that could not be parsed, with anything that looks like a password masked."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


@contextmanager
def connect(engine: Engine) -> Iterator[Connection]:
    """A connection to `engine`, or DatabaseUnavailable with the driver's reason on one line when the database
    cannot be reached or opened (a refused connection, a wrong password, a file that is not a database)."""
    try:
        connection = engine.connect()
    except sqlalchemy_errors.DBAPIError as error:
        reason = " ".join(str(error.orig or error).split())
        raise DatabaseUnavailable(
            f"cannot open the database {engine.url.render_as_string(hide_password=True)}: {reason}"
        ) from None
    with connection:
        yield connection


def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web app read while an ingest writes; NORMAL sync is still crash-safe in WAL mode
    # (a transaction is either whole or absent), it only gives up durability of the very last commits
    # on power loss, which a re-ingest repairs.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """One shared engine per database URL for the life of the process; never creates a SQLite file."""
    return create_database_engine(url or get_settings().database_url, create=False)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit: a stored article's id and fields are used right after.
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    session = make_session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# --- migrations -------------------------------------------------------------------------------------

def alembic_config(url: str | None = None):
    """Alembic's Config for quotetrail's migrations, built in code so any working directory works."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Alembic's ini interpolation treats "%" specially; URL-encoded passwords contain it.
    config.set_main_option("sqlalchemy.url", (url or get_settings().database_url).replace("%", "%%"))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    if head is None:
        raise RuntimeError(f"no migration found in {MIGRATIONS_DIR}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database without quotetrail's schema."""
    from alembic.runtime.migration import MigrationContext

    with connect(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_database(url: str | None = None, *, engine: Engine | None = None) -> tuple[str | None, str | None]:
    """Apply every pending migration to `engine` (or a database URL); returns (revision before, after)."""
    from alembic import command

    own_engine = engine is None
    engine = engine or create_database_engine(url or get_settings().database_url)
    try:
        before = current_revision(engine)
        with engine.begin() as connection:
            config = alembic_config(engine.url.render_as_string(hide_password=False))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return before, current_revision(engine)
    finally:
        if own_engine:
            engine.dispose()


def ensure_current(engine: Engine) -> None:
    """Refuse to work on a database that is not at the migrations head, saying which command fixes it."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    where = engine.url.render_as_string(hide_password=True)
    if current is None:
        raise DatabaseNotReady(
            f"the database {where} has no quotetrail schema yet; run `quotetrail db upgrade` first"
        )
    from alembic.script import ScriptDirectory

    known = {script.revision for script in ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()}
    if current not in known:
        raise DatabaseNotReady(
            f"the database {where} is at revision {current}, which this quotetrail does not know "
            "(it was upgraded by a newer version); upgrade quotetrail"
        )
    raise DatabaseNotReady(
        f"the database {where} is at revision {current} but this quotetrail needs {head}; "
        "run `quotetrail db upgrade`"
    )


def open_database(url: str | None = None) -> Engine:
    """The shared engine for `url`, after checking the schema is current (raises DatabaseNotReady)."""
    engine = get_engine(url or get_settings().database_url)
    ensure_current(engine)
    return engine


# --- full-text search -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FulltextHit:
    row_id: int  # quotes.id or article_paragraphs.id
    rank: float  # higher is better; comparable only within one result list


def search_words(query: str, *, match: str) -> list[str]:
    """The words of a user's query, the only part of it that ever reaches the search engine."""
    words = [word for word in WORD_PATTERN.findall(query.casefold()) if word.strip("_")]
    if match == "any":
        meaningful = [word for word in words if word not in SEARCH_STOPWORDS]
        words = meaningful or words
    unique = list(dict.fromkeys(words))
    if len(unique) > MAX_SEARCH_WORDS:
        keep = set(sorted(unique, key=len, reverse=True)[:MAX_SEARCH_WORDS])
        unique = [word for word in unique if word in keep]
    return unique


def fulltext_search(session: Session, *, target: str, query: str, limit: int, match: str = "all") -> list[FulltextHit]:
    """Rows of `target` ("quotes" or "paragraphs") matching the words of `query`, best first.

    `match="all"` wants every word (a search box); `match="any"` ranks rows by how many and how rare
    the matched words are (finding candidates for a claim). Input is reduced to plain words and
    passed as a bound parameter, so no query syntax or SQL can come from it.
    """
    return fulltext_search_many(session, target=target, queries=[query], limit=limit, match=match)[0]


def fulltext_search_many(
    session: Session, *, target: str, queries: list[str], limit: int, match: str = "all"
) -> list[list[FulltextHit]]:
    """`fulltext_search` for several queries in one round trip: one hit list per query, in order."""
    if match not in ("all", "any"):
        raise ValueError(f"match must be 'all' or 'any', not {match!r}")
    word_lists = {index: [[word] for word in words] for index, query in enumerate(queries)
                  if (words := search_words(query, match=match))}
    return _search(session, target=target, count=len(queries), phrase_lists=word_lists, limit=limit,
                   require_all=match == "all")


def phrase_search_many(
    session: Session, *, target: str, phrase_sets: list[list[str]], limit: int
) -> list[list[FulltextHit]]:
    """For each set of phrases, the rows containing any of its phrases (words in this order, adjacent),
    best first; one round trip for all sets. Finds copies of a text far more selectively than single words."""
    phrase_lists = {}
    for index, phrases in enumerate(phrase_sets):
        found = [words for phrase in phrases if (words := [w for w in WORD_PATTERN.findall(phrase.casefold())
                                                           if w.strip("_")])]
        if found:
            phrase_lists[index] = found
    return _search(session, target=target, count=len(phrase_sets), phrase_lists=phrase_lists, limit=limit,
                   require_all=False)


def fulltext_matching_ids(session: Session, *, query: str) -> TextClause | None:
    """The ids of the quotes holding all the words of `query`, unranked, for `quotes.id IN (...)`; None when
    the query has no words. Far cheaper than `fulltext_matches` for a common word: ranking costs twenty
    times what finding does (81,790 matches of one word at 100k quotes: 2.6 ms found, 55 ms ranked)."""
    found = _all_words_expression(session, query)
    if found is None:
        return None
    dialect, expression = found
    if dialect == "sqlite":
        sql = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fulltext_ids_expression"
    elif dialect == "postgresql":
        config = f"'{POSTGRES_TEXT_SEARCH_CONFIG}'"
        sql = (f"SELECT quotes.id FROM quotes WHERE to_tsvector({config}, quotes.text) "
               f"@@ to_tsquery({config}, :fulltext_ids_expression)")
    else:
        raise DatabaseNotReady(f"full-text search is not available for the {dialect} dialect")
    return text(sql).bindparams(fulltext_ids_expression=expression)


def fulltext_matches(session: Session, *, target: str, query: str) -> CTE | None:
    """Every row of `target` holding all the words of `query`, as a common table expression of (row_id,
    score) to join with other conditions (higher score is better); None when the query has no words.

    Unlike `fulltext_search`, nothing is cut to a limit first: a filter applied after a cut would
    silently lose matches ("quotes by X containing Y" where Y is a common word). The matches are
    MATERIALIZED, found once: folded into a join, SQLite would run the full-text query again for every
    quote of a much-quoted speaker (178 ms instead of 7 for a count at 100k quotes)."""
    if target != "quotes":
        raise ValueError(f"unknown full-text target {target!r}")
    found = _all_words_expression(session, query)
    if found is None:
        return None
    dialect, expression = found
    if dialect == "sqlite":
        sql = "SELECT rowid AS row_id, -rank AS score FROM quotes_fts WHERE quotes_fts MATCH :fulltext_expression"
    elif dialect == "postgresql":
        config = f"'{POSTGRES_TEXT_SEARCH_CONFIG}'"
        sql = (f"SELECT quotes.id AS row_id, ts_rank_cd(to_tsvector({config}, quotes.text), query) AS score "
               f"FROM quotes, to_tsquery({config}, :fulltext_expression) AS query "
               f"WHERE to_tsvector({config}, quotes.text) @@ query")
    else:
        raise DatabaseNotReady(f"full-text search is not available for the {dialect} dialect")
    return (text(sql).bindparams(fulltext_expression=expression)
            .columns(row_id=Integer, score=Float).cte("fulltext_matches").prefix_with("MATERIALIZED"))


def _all_words_expression(session: Session, query: str) -> tuple[str, str] | None:
    """The session's dialect and its query text requiring every word of `query`; None when it has no words."""
    words = search_words(query, match="all")
    if not words:
        return None
    dialect = session.get_bind().dialect.name
    return dialect, _match_expression(dialect, [[word] for word in words], require_all=True)


def _match_expression(dialect: str, phrases: list[list[str]], *, require_all: bool) -> str:
    """The engine's query text for phrases of plain words: an FTS5 expression or a tsquery."""
    if dialect == "sqlite":
        # Each phrase is quoted as an FTS5 string of plain words: a bare NEAR, AND or "-" would be syntax.
        return (" " if require_all else " OR ").join('"' + " ".join(words) + '"' for words in phrases)
    # Words are \w+ runs, so joining them with <->, & or | always makes a valid tsquery.
    return (" & " if require_all else " | ").join("(" + " <-> ".join(words) + ")" for words in phrases)


def _search(
    session: Session, *, target: str, count: int, phrase_lists: dict[int, list[list[str]]], limit: int,
    require_all: bool,
) -> list[list[FulltextHit]]:
    """Run one full-text query per entry of `phrase_lists` (index -> phrases, each a list of words)."""
    if target not in ("quotes", "paragraphs"):
        raise ValueError(f"unknown full-text target {target!r}")
    results: list[list[FulltextHit]] = [[] for _ in range(count)]
    if not phrase_lists or limit <= 0:
        return results
    dialect = session.get_bind().dialect.name
    parameters: dict[str, object] = {"limit": limit}
    selects = []
    if dialect == "sqlite":
        table = "quotes_fts" if target == "quotes" else "article_paragraphs_fts"
        for index, phrases in phrase_lists.items():
            parameters[f"expression_{index}"] = _match_expression(dialect, phrases, require_all=require_all)
            selects.append(
                f"SELECT {index} AS query_index, row_id, score FROM (SELECT rowid AS row_id, -rank AS score "
                f"FROM {table} WHERE {table} MATCH :expression_{index} ORDER BY rank LIMIT :limit)"
            )
    elif dialect == "postgresql":
        # The configuration is written into the SQL (a constant, never input) so the planner can use
        # the expression index, which was built on exactly `to_tsvector('quotetrail_english', text)`.
        config = f"'{POSTGRES_TEXT_SEARCH_CONFIG}'"
        for index, phrases in phrase_lists.items():
            parameters[f"expression_{index}"] = _match_expression(dialect, phrases, require_all=require_all)
            if target == "quotes":
                selects.append(
                    f"(SELECT {index} AS query_index, quotes.id AS row_id, "
                    f"ts_rank_cd(to_tsvector({config}, quotes.text), query) AS score "
                    f"FROM quotes, to_tsquery({config}, :expression_{index}) AS query "
                    f"WHERE to_tsvector({config}, quotes.text) @@ query ORDER BY score DESC, quotes.id LIMIT :limit)"
                )
            else:
                selects.append(
                    f"(SELECT {index} AS query_index, paragraph_id AS row_id, ts_rank_cd(document, query) AS score "
                    f"FROM article_paragraphs_fts, to_tsquery({config}, :expression_{index}) AS query "
                    "WHERE document @@ query ORDER BY score DESC, paragraph_id LIMIT :limit)"
                )
    else:
        raise DatabaseNotReady(f"full-text search is not available for the {dialect} dialect")
    for query_index, row_id, score in session.execute(text(" UNION ALL ".join(selects)), parameters):
        results[query_index].append(FulltextHit(row_id=row_id, rank=float(score)))
    for hits in results:
        hits.sort(key=lambda hit: (-hit.rank, hit.row_id))
    return results
