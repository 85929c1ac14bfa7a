"""Turn a pasted or uploaded document into something to ingest (size limit, kind told from content, metadata
checked) and hand it to the app's ingester."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.datastructures import UploadFile

from app.services.ingest import AddedDocuments, DocumentIngester
from app.services.readers import (
    ReadFailure,
    SourceDocument,
    looks_like_jsonl,
    parse_published,
    read_jsonl_document,
    read_text_document,
)
from app.web.security import format_bytes

ACCEPTED_KINDS = ("txt", "html", "jsonl")
METADATA_FIELDS = ("title", "url", "outlet", "author", "published")

# Well-known signatures of files that are not text: naming them makes the refusal useful
# ("that is a PDF") instead of a decoding error at some byte.
BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, OpenDocument or EPUB file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg audio file"),
    (b"ID3", "an MP3 audio file"),
)

# A document is read as HTML only when it opens like one; plain text that merely mentions a tag
# later on ("the <script> element") stays plain text, shown exactly as written.
HTML_OPENING = re.compile(
    r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml|<!--|"
    r"<(?:article|main|div|section|p|h[1-6]|meta|title|header|table|ul|ol)[\s>/])",
    re.IGNORECASE,
)

MAX_NAME_CHARACTERS = 200


class SubmissionError(ValueError):
    """A submission that cannot be ingested, with a message for the person who sent it."""

    def __init__(self, message: str, *, status_code: int = 400) -> None:
        super().__init__(message)
        self.status_code = status_code


@dataclass(frozen=True, slots=True)
class Submission:
    kind: str  # txt | html | jsonl, told from the content
    data: bytes
    name: str  # a label for the source ("pasted text", or the uploaded file's base name); never a path
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None


async def read_submission(
    *, upload: UploadFile | None, pasted: str, limit: int, metadata: dict[str, str]
) -> Submission:
    """Read the upload (or the pasted text) within `limit` bytes and tell its kind from its content."""
    data: bytes = b""
    name = "pasted text"
    has_file = upload is not None and bool(upload.filename)
    if upload is not None and has_file:
        data = await upload.read(limit + 1)
        name = safe_name(upload.filename)
        if pasted.strip() and data:
            raise SubmissionError("Paste the text or choose a file, not both.")
    if not data:
        data = pasted.encode("utf-8")
        name = "pasted text"
    if len(data) > limit:
        raise SubmissionError(
            f"That document is over the {format_bytes(limit)} limit. Split it, or ingest it from the command "
            "line with `quotetrail ingest`.", status_code=413,
        )
    if not data.strip():
        raise SubmissionError("There is nothing to add: paste an article's text or choose a file."
                              if not has_file else f"The file {name} is empty.")
    kind = sniff_kind(data)
    return Submission(kind=kind, data=data, name=name, **checked_metadata(metadata))


def safe_name(filename: str | None) -> str:
    """The uploaded file's base name, as a label only: the client's path never reaches the file system."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = "".join(char for char in base if char.isprintable()).strip()
    return base[:MAX_NAME_CHARACTERS] or "uploaded file"


def sniff_kind(data: bytes) -> str:
    """txt, html or jsonl, judged from the bytes themselves; binary formats are refused by name."""
    for signature, description in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise SubmissionError(f"That file is {description}, not an article. quotetrail reads plain text, "
                                  "HTML and JSON Lines.", status_code=415)
    head = data[:8192].lstrip(b"\xef\xbb\xbf")
    try:
        head_text = head.decode("utf-8", errors="ignore")
    except Exception:  # decode with errors="ignore" cannot fail; kept for odd codecs
        head_text = ""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head_text = data.decode("utf-16", errors="ignore")[:8192]
    if looks_like_jsonl(head_text.encode("utf-8")):
        return "jsonl"
    if HTML_OPENING.match(head_text):
        return "html"
    return "txt"


def checked_metadata(values: dict[str, str]) -> dict[str, Any]:
    cleaned = {name: (values.get(name) or "").strip() or None for name in METADATA_FIELDS}
    published = None
    if cleaned["published"]:
        published = checked_published(cleaned["published"])
    return {
        "title": cleaned["title"], "url": cleaned["url"], "outlet": cleaned["outlet"],
        "author": cleaned["author"], "published": published,
    }


def checked_published(value: str) -> datetime:
    """The publication date read as the readers read one (ISO 8601 date or timestamp, naive taken as UTC)."""
    try:
        return parse_published(value)
    except ValueError:
        raise SubmissionError(
            f"The publication date {value[:40]!r} is not a date: use the form 2016-12-16 or 2016-12-16T14:30."
        ) from None


def source_documents(submission: Submission, *, repair_encoding: bool = True
                     ) -> tuple[list[SourceDocument], list[str]]:
    """The articles in a submission (one for txt and html, one per line for jsonl) and why others failed;
    mojibake repaired unless `repair_encoding` is False (QUOTETRAIL_REPAIR_ENCODING)."""
    # The readers' own functions, so the web and `quotetrail ingest` agree on every rule (required
    # "text", field types, one bad line not costing the others).
    items: list[SourceDocument | ReadFailure]
    if submission.kind == "jsonl":
        items = list(read_jsonl_document(data=submission.data, name=submission.name, repair=repair_encoding))
    else:
        items = [read_text_document(
            data=submission.data, name=submission.name, kind=submission.kind, url=submission.url,
            title=submission.title, outlet=submission.outlet, author=submission.author,
            published=submission.published, repair=repair_encoding,
        )]
    documents = [item for item in items if isinstance(item, SourceDocument)]
    failures = [item.reason for item in items if isinstance(item, ReadFailure)]
    return documents, failures


def ingest_submission(ingester: DocumentIngester, submission: Submission, *, repair_encoding: bool = True
                      ) -> AddedDocuments:
    """Store each article of the submission through the app's ingester; nothing read or nothing stored is
    a SubmissionError that says why."""
    documents, failures = source_documents(submission, repair_encoding=repair_encoding)
    if not documents:
        reason = failures[0] if failures else "no article found"
        raise SubmissionError(f"Nothing could be read from {submission.name}: {reason}.", status_code=422)
    added = ingester.add(documents, source_label="web upload")
    failures += added.failures
    if not added.article_ids:
        raise SubmissionError(f"Nothing could be stored: {failures[0]}.", status_code=422)
    return AddedDocuments(article_ids=added.article_ids, duplicates=added.duplicates, failures=failures)
