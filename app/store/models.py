"""The relational schema: articles, speakers, quotes, quote families and ingestion runs (SQLAlchemy 2 typed ORM)."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# What a cross-article Speaker row can be.
SPEAKER_KINDS = ("person", "organisation")
# Sources that are never linked to a Speaker: "officials" in one article and "officials" in another are
# not one source, nor is "a spokesperson" here and there. Their description stays on the quote
# (Quote.speaker_name), with its type.
UNLINKED_SOURCE_TYPES = frozenset({"group", "unnamed"})


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware, on SQLite (which keeps no zone) too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)  # one format in the file, so text comparison orders correctly
        elif value is not None and dialect.name != "sqlite":
            value = value.replace(tzinfo=UTC)  # naive means UTC throughout quotetrail
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


# Constraint names fixed by convention, the same on every database, so migrations can name them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


class IngestionRun(Base):
    """One `ingest` invocation: what was read, stored, skipped, and why (`report` holds per-item outcomes)."""

    __tablename__ = "ingestion_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()
    sources: Mapped[list] = mapped_column(JSON, default=list)  # paths or "web upload"
    read_count: Mapped[int] = mapped_column(Integer, default=0)
    stored_count: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_count: Mapped[int] = mapped_column(Integer, default=0)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    # [{"source": "a.jsonl:17", "outcome": "stored"|"duplicate"|"failed", "reason": "...", "article_id": 3}],
    # written from ingestion_items when the run finishes (the web's "add an article" writes it directly).
    report: Mapped[list] = mapped_column(JSON, default=list)


class IngestionItem(Base):
    """One item's outcome in an ingestion run, written in the same transaction as the item's article.

    Keyed by (run, chunk, position): a chunk whose transaction committed cannot be recorded twice, so a
    retried chunk (at-least-once execution) finds its items and stops; the run's progress and totals are
    counted from these rows, never added up from what workers report.
    """

    __tablename__ = "ingestion_items"
    __table_args__ = (UniqueConstraint("run_id", "chunk", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingestion_runs.id", ondelete="CASCADE"))
    chunk: Mapped[int] = mapped_column(Integer)  # the chunk's number in the run's plan
    position: Mapped[int] = mapped_column(Integer)  # the item's place in its chunk, in reading order
    source: Mapped[str] = mapped_column(String(1000))
    outcome: Mapped[str] = mapped_column(String(20))  # "stored" | "duplicate" | "failed"
    reason: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    quote_count: Mapped[int] = mapped_column(Integer, default=0)


class Article(Base):
    """One article as ingested: the unaltered text every quote offset points into, and where it came from."""

    __tablename__ = "articles"
    __table_args__ = (
        # Newest first exactly as queries.newest_article_first orders (DESC NULLS LAST, then id): PostgreSQL
        # reads an ascending index backwards only as DESC NULLS FIRST, so without this a speaker with tens of
        # thousands of quotes had every article sorted for a page of 20 (about 200 ms at 200k articles).
        # SQLite's DESC is NULLS LAST already (it walks ix_articles_published_at backwards) and takes no
        # NULLS LAST in an index: PostgreSQL only.
        Index("ix_articles_newest_first", text("published_at DESC NULLS LAST"), text("id DESC"))
        .ddl_if(dialect="postgresql"),
        # PostgreSQL also has ix_articles_id_published, (id) INCLUDE (published_at), made by migration 0009 and
        # listed in db.HAND_MADE_OBJECT_NAMES: a plain-column index here would be compared on SQLite too.
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the unaltered text
    source_name: Mapped[str | None] = mapped_column(String(1000))  # file name or JSONL id it came from
    url: Mapped[str | None] = mapped_column(String(2000), index=True)
    outlet: Mapped[str | None] = mapped_column(String(300), index=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    author: Mapped[str | None] = mapped_column(String(500))
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    text: Mapped[str] = mapped_column(Text)
    paragraphs: Mapped[list] = mapped_column(JSON, default=list)  # [[start, end], ...] into text
    # The people the article names, as the pipeline read them ([{"name", "titles", "aliases"}]): the
    # `link` pass re-reads them to link speakers again without re-running the pipeline.
    people: Mapped[list | None] = mapped_column(JSON)
    ingestion_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("ingestion_runs.id", ondelete="SET NULL"), index=True
    )
    # Which pipeline made this article's quotes (app.services.ingest.version): an ingest with the same
    # version skips the article, a different one replaces its results. Null: stored before 0007.
    pipeline_version: Mapped[str | None] = mapped_column(String(300))
    # When the link phase last linked this article's speakers and families; null until it has (the
    # article is pending: `quotetrail link` picks it up, in id order, and resumes there after a crash).
    linked_at: Mapped[datetime | None] = mapped_column(index=True)

    quotes: Mapped[list[Quote]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Quote.start"
    )
    # The same ranges as `paragraphs`, one row each, so full-text search can find a paragraph.
    paragraph_rows: Mapped[list[ArticleParagraph]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleParagraph.position"
    )


class ArticleParagraph(Base):
    """One paragraph of an article as a character range; the full-text index covers its text."""

    __tablename__ = "article_paragraphs"
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 0-based, the same number as Quote.paragraph
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="paragraph_rows")


class Speaker(Base):
    """A person (or organisation) quoted somewhere in the collection."""

    __tablename__ = "speakers"
    __table_args__ = (
        # A name ignoring case (queries.speakers_called, the explorer's speaker filter): without it, every
        # speaker's name was lowered and compared (20k speakers: part of a 59 ms look-up at a million quotes).
        Index("ix_speakers_name_folded", func.lower(text("name"))),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500), index=True)  # canonical display name
    # Lower-cased, accent-folded, title-stripped name used for linking look-ups.
    key: Mapped[str] = mapped_column(String(500), index=True)
    # The key's last word ("assad"): linking looks for candidates among speakers sharing it.
    surname: Mapped[str | None] = mapped_column(String(200), index=True)
    # False for names no article introduced as a person ("the Kremlin"): linked by exact name only.
    is_person: Mapped[bool] = mapped_column(Boolean, default=True)
    # "person" | "organisation" (SPEAKER_KINDS). Groups and unnamed sources are never speakers: they stay
    # on their quotes, one article each (see UNLINKED_SOURCE_TYPES).
    kind: Mapped[str] = mapped_column(String(20), default="person", server_default="person", index=True)
    quote_count: Mapped[int] = mapped_column(Integer, default=0)
    link_reason: Mapped[str | None] = mapped_column(Text)  # why names were linked into this speaker
    # A surname (or title and surname) that fits several people the collection knows: it stays one
    # speaker of its article, shown as unresolved, rather than being filed under a guess.
    unresolved: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerAlias.count.desc()"
    )
    titles: Mapped[list[SpeakerTitle]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerTitle.count.desc()"
    )
    quotes: Mapped[list[Quote]] = relationship(back_populates="speaker")


class SpeakerAlias(Base):
    """A name seen for a speaker ("Assad", "Bashar al-Assad"), how often, and why it was linked."""

    __tablename__ = "speaker_aliases"
    __table_args__ = (
        UniqueConstraint("speaker_id", "alias"),
        # An alias ignoring case, as for speakers' names (ix_speakers_name_folded).
        Index("ix_speaker_aliases_alias_folded", func.lower(text("alias"))),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(500), index=True)
    key: Mapped[str] = mapped_column(String(500), index=True)  # the alias folded like Speaker.key
    count: Mapped[int] = mapped_column(Integer, default=0)  # quotes attributed under this name
    reason: Mapped[str | None] = mapped_column(Text)
    # Set by a user's merge or split: linking must keep this alias on this speaker on every re-ingest.
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class SpeakerTitle(Base):
    """A title or role an article gave the speaker ("Russian President", "a doctor")."""

    __tablename__ = "speaker_titles"
    __table_args__ = (UniqueConstraint("speaker_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    count: Mapped[int] = mapped_column(Integer, default=0)

    speaker: Mapped[Speaker] = relationship(back_populates="titles")


class SpeakerCorrection(Base):
    """A user's merge or split, replayed by linking so corrections survive a re-ingest."""

    __tablename__ = "speaker_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(20))  # "merge" | "split"
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuoteFamily(Base):
    """One statement carried by several articles; members are ordered by publication, earliest first."""

    __tablename__ = "quote_families"

    id: Mapped[int] = mapped_column(primary_key=True)
    earliest_quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id", ondelete="SET NULL", use_alter=True))
    member_count: Mapped[int] = mapped_column(Integer, default=0)

    members: Mapped[list[Quote]] = relationship(
        back_populates="family", foreign_keys="Quote.family_id"
    )


class QuoteFingerprint(Base):
    """A hashed word trigram chosen from a quote (winnowing): quotes sharing one are family candidates.

    An indexed look-up by fingerprint costs the same whatever words the quote uses, unlike a full-text
    phrase query, whose cost grows with the collection for every common word in it.
    """

    __tablename__ = "quote_fingerprints"

    fingerprint: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True, index=True)


class QuoteMatch(Base):
    """Two quotes of different articles that carry one statement (an edge of the family graph), stored in
    both directions; a family is a connected group of matches, so it does not depend on the order the
    quotes were linked in (app/services/linking/families.py)."""

    __tablename__ = "quote_matches"

    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True, index=True)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(String(200))


class Quote(Base):
    """One statement in one article; `article.text[start:end] == text` always holds."""

    __tablename__ = "quotes"
    __table_args__ = (
        Index("ix_quotes_article_start", "article_id", "start"),
        # A speaker's quotes with their articles (per month, per outlet) without reading each quote's row.
        Index("ix_quotes_speaker_article", "speaker_id", "article_id"),
        # A speaker's page of quotes newest article first is read from db.SPEAKER_NEWEST_INDEX, made by migration
        # 0010 (its DESC columns are not compared on SQLite, so it is listed in db.HAND_MADE_OBJECT_NAMES).
        # A speaker's quotes per outlet counted from the index alone (joined to their articles it took
        # 150-170 ms for a speaker of 31k quotes at a million quotes on PostgreSQL).
        Index("ix_quotes_speaker_outlet", "speaker_id", "article_outlet"),
        # A high confidence threshold that few quotes reach is found without reading every quote.
        Index("ix_quotes_confidence", "confidence"),
        # Anonymous sources are few: found without reading every quote.
        Index("ix_quotes_anonymous", "article_id", sqlite_where=text("anonymous = 1"),
              postgresql_where=text("anonymous")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by ix_quotes_article_start (article_id first), which serves look-ups by article too.
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    paragraph: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text)  # case-, punctuation- and quote-style-folded text for matching
    kind: Mapped[str] = mapped_column(String(20), index=True)  # direct | mixed | indirect
    parts: Mapped[list] = mapped_column(JSON, default=list)
    verbatim: Mapped[list] = mapped_column(JSON, default=list)
    cue: Mapped[str | None] = mapped_column(String(500))
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    mention: Mapped[str | None] = mapped_column(String(500))
    mention_start: Mapped[int | None] = mapped_column(Integer)
    mention_end: Mapped[int | None] = mapped_column(Integer)
    # The name the pipeline resolved, as printed; for a group or unnamed source its description as the
    # article wrote it ("a spokesperson for the port authority"); for a document, its owner or the document.
    speaker_name: Mapped[str | None] = mapped_column(String(500))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    confidence: Mapped[float] = mapped_column(Float)
    resolution: Mapped[str] = mapped_column(Text)
    # person | organisation | group | unnamed | document (nlp.records.SPEAKER_TYPES); null without a source.
    speaker_type: Mapped[str | None] = mapped_column(String(20), index=True)
    # The article says the source is anonymous ("spoke on condition of anonymity").
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    rule: Mapped[str | None] = mapped_column(String(100))  # id of the resolution rule that named the speaker
    # The title the article gives the speaker here, as the pipeline read it ("Finance Minister", "Mr."):
    # linking keeps its role words only (role_title), so a change of that rule needs no re-ingest.
    speaker_title: Mapped[str | None] = mapped_column(String(500))
    # Copies of the article's publication date and outlet, written with the quote (repo.add_article_results,
    # which also rewrites them when an article's results are replaced) so that a speaker's page reads its
    # order and counts from the quotes' indexes alone (above). An article's date and outlet change only with
    # its results.
    article_published_at: Mapped[datetime | None] = mapped_column()
    article_outlet: Mapped[str | None] = mapped_column(String(300))
    family_id: Mapped[int | None] = mapped_column(ForeignKey("quote_families.id", ondelete="SET NULL"), index=True)
    # Word-level differences from the family's earliest member: app.services.wording.diff.DiffOp dicts.
    family_diff: Mapped[list | None] = mapped_column(JSON)
    family_reason: Mapped[str | None] = mapped_column(Text)  # how it matched its family ("verbatim", ...)

    article: Mapped[Article] = relationship(back_populates="quotes")
    speaker: Mapped[Speaker | None] = relationship(back_populates="quotes")
    family: Mapped[QuoteFamily | None] = relationship(back_populates="members", foreign_keys=[family_id])
