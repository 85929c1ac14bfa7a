"""Read articles from .txt, .html and .jsonl files (and directories of them) into plain source documents."""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from configparser import ConfigParser
from copy import deepcopy
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import overload

from nlp.encoding import repair_encoding

DEFAULT_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")

# The path that stands for standard input (one plain-text article, or JSON Lines when its first line is
# a JSON object), and the id and source such an article gets.
STDIN_PATH = "-"
STDIN_NAME = "stdin"

# Share of control characters (other than tab, newline, carriage return, form feed) above which a
# decoded file is binary content that happens to decode, not an article.
BINARY_CONTROL_SHARE = 0.01

# A declared charset is only looked for where HTML puts it: in the head, near the top of the file.
HTML_CHARSET_WINDOW = 4096
HTML_CHARSET_PATTERN = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
XML_ENCODING_PATTERN = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE)

# Meta tags that carry a full publication timestamp; trafilatura keeps only the day.
PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publish-date", "date")

JSONL_TEXT_FIELDS = ("url", "title", "outlet", "author")

# A plain-text article's first line is its headline when it reads like one: short, at most this long
# (wire headlines run to about 120 characters; a lede paragraph is longer), not ending like a sentence
# or a lead-in, and mostly words rather than a timestamp or a price line.
HEADLINE_MAX_CHARS = 200
HEADLINE_REFUSED_ENDINGS = (".", ",", ":", ";")

# Below this many characters, what trafilatura finds on a page is a stray link ("Home"), not an article.
HTML_MIN_TEXT_CHARS = 25
_NO_ARTICLE_TEXT = "no article text found in the HTML (only boilerplate or markup)"


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One article as read: `text` is exactly what the pipeline sees, so quote offsets point into it."""

    source: str  # where it came from: "samples/a.txt", "batch.jsonl:17" (1-based line)
    id: str  # .txt/.html: the file name; .jsonl: the line's "id" (as a str), or `source` if absent
    text: str  # the article text as decoded, mojibake repaired unless asked not to (see repaired), never normalised
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not become an article, and a reason specific enough to fix it."""

    source: str
    reason: str


class NothingToRead(ValueError):
    """None of the paths a command was given can give an article; the message lists each with its reason."""

    def __init__(self, problems: list[ReadFailure]) -> None:
        self.problems = problems
        super().__init__("nothing to read: " + "; ".join(f"{item.source}: {item.reason}" for item in problems))


class UnreadableText(ValueError):
    """Raised inside this module only; every public function turns it into a ReadFailure."""


def read_sources(
    paths: Iterable[str | Path], *, suffixes: Iterable[str] = DEFAULT_SUFFIXES, repair: bool = True,
) -> Iterator[SourceDocument | ReadFailure]:
    """Yield a SourceDocument or a ReadFailure for every article under `paths`; never raises for bad input.

    A directory stands for every file in it with one of `suffixes` (recursively, sorted, hidden
    files and directories skipped). A .jsonl file yields one item per non-blank line. With `repair`
    (the default) every article's mojibake is repaired (see `repaired`); every reader here takes it.
    """
    yield from _repaired_all(_read_sources(paths, suffixes=suffixes), repair)


def _read_sources(paths: Iterable[str | Path], *, suffixes: Iterable[str]) -> Iterator[SourceDocument | ReadFailure]:
    wanted = tuple(suffix.lower() for suffix in suffixes)
    for raw_path in paths:
        if str(raw_path) == STDIN_PATH:
            yield from read_stream(sys.stdin.buffer.read(), name=STDIN_NAME)
            continue
        path = Path(raw_path)
        if path.is_dir():
            files = list(_files_under(path, wanted))
            if not files:
                yield ReadFailure(str(path), f"no {', '.join(wanted)} files in this directory")
            for file in files:
                yield from _read_file(file)
        elif not path.exists():
            yield ReadFailure(str(path), "no such file or directory")
        elif path.suffix.lower() not in wanted:
            yield ReadFailure(
                str(path), f"unsupported file type {path.suffix or '(no suffix)'!r}; supported: {', '.join(wanted)}"
            )
        else:
            yield from _read_file(path)


def path_problems(
    paths: Iterable[str | Path], *, suffixes: Iterable[str] = DEFAULT_SUFFIXES
) -> list[ReadFailure]:
    """Why each of `paths` cannot give a single article (it does not exist, a directory holds no file of
    `suffixes`, a file of another type), found without reading any file: commands check this before
    they spend seconds loading the pipeline. `-` (standard input) is always accepted."""
    wanted = tuple(suffix.lower() for suffix in suffixes)
    problems = []
    for raw_path in paths:
        if str(raw_path) == STDIN_PATH:
            continue
        path = Path(raw_path)
        if path.is_dir():
            if next(_files_under(path, wanted), None) is None:
                problems.append(ReadFailure(str(path), f"no {', '.join(wanted)} files in this directory"))
        elif not path.exists():
            problems.append(ReadFailure(str(path), "no such file or directory"))
        elif path.suffix.lower() not in wanted:
            problems.append(ReadFailure(
                str(path), f"unsupported file type {path.suffix or '(no suffix)'!r}; supported: {', '.join(wanted)}"))
    return problems


def read_stream(data: bytes, *, name: str, repair: bool = True) -> Iterator[SourceDocument | ReadFailure]:
    """The articles in a stream of bytes with no file name to go by (standard input): JSON Lines when its
    first non-blank line is a JSON object, otherwise one plain-text article."""
    if looks_like_jsonl(data):
        yield from read_jsonl_document(data=data, name=name, repair=repair)
        return
    try:
        document = _text_document(data, source=name, name=name)
    except UnreadableText as error:
        yield ReadFailure(name, str(error))
        return
    yield repaired(document) if repair else document


def looks_like_jsonl(data: bytes) -> bool:
    """Whether the first non-blank line of `data` (UTF-8, a byte-order mark allowed) is a JSON object."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf").decode("utf-8", errors="ignore").lstrip()
    if not head.startswith("{"):
        return False
    try:
        return isinstance(json.loads(head.split("\n", 1)[0]), dict)
    except ValueError:
        return False


def count_items(paths: Iterable[str | Path], *, suffixes: Iterable[str] = DEFAULT_SUFFIXES) -> int:
    """About how many items `read_sources` will yield (a file, or a non-blank .jsonl line, each): for progress bars."""
    wanted = tuple(suffix.lower() for suffix in suffixes)
    total = 0
    for raw_path in paths:
        path = Path(raw_path)
        files = list(_files_under(path, wanted)) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() == ".jsonl":
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def read_text_document(
    *, data: bytes, name: str, kind: str = "txt", url: str | None = None, title: str | None = None,
    outlet: str | None = None, author: str | None = None, published: datetime | None = None, repair: bool = True,
) -> SourceDocument | ReadFailure:
    """Read one uploaded or pasted document (`kind` "txt" or "html") the same way files are read.

    Explicit metadata wins over what an HTML page declares about itself. Never raises for bad input.
    """
    try:
        if kind == "html":
            document = _html_document(data, source=name)
        elif kind == "txt":
            document = _text_document(data, source=name, name=name)
        else:
            return ReadFailure(name, f"unsupported document kind {kind!r}; use 'txt' or 'html'")
    except UnreadableText as error:
        return ReadFailure(name, str(error))
    document = repaired(document) if repair else document
    return SourceDocument(
        source=document.source, id=document.id, text=document.text,
        url=url or document.url, title=title or document.title, outlet=outlet or document.outlet,
        author=author or document.author, published=published or document.published,
    )


def read_jsonl_document(*, data: bytes, name: str, repair: bool = True) -> Iterator[SourceDocument | ReadFailure]:
    """Read one uploaded or pasted JSON Lines document the same way .jsonl files are read: an item per
    non-blank line, one bad line not costing the others. Never raises for bad input."""
    try:
        yield from _repaired_all(_jsonl_documents(data, source=name), repair)
    except UnreadableText as error:
        yield ReadFailure(name, str(error))


@overload
def repaired(item: SourceDocument) -> SourceDocument: ...
@overload
def repaired(item: SourceDocument | ReadFailure) -> SourceDocument | ReadFailure: ...
def repaired(item: SourceDocument | ReadFailure) -> SourceDocument | ReadFailure:
    """The article with UTF-8 that was once read as cp1252/Latin-1 repaired in its text and title.

    This is the one place where text becomes what quotetrail stores and the pipeline sees: quote offsets
    point into the repaired text. Correct text, in any language, comes back unchanged (nlp.encoding).
    """
    if isinstance(item, ReadFailure):
        return item
    text = repair_encoding(item.text)
    title = repair_encoding(item.title).text if item.title else item.title
    if not text.changed and title == item.title:
        return item
    return replace(item, text=text.text, title=title)


def _repaired_all(
    items: Iterable[SourceDocument | ReadFailure], repair: bool
) -> Iterator[SourceDocument | ReadFailure]:
    """`items` with each article repaired (see `repaired`), or as read when `repair` is off."""
    for item in items:
        yield repaired(item) if repair else item


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode a file's bytes to str, or raise UnreadableText saying exactly what is wrong.

    UTF-8 (a leading byte-order mark is dropped) and UTF-16/UTF-32 with a byte-order mark are read.
    Invalid UTF-8 is refused rather than guessed at, with one explicit exception: an HTML page that
    declares its charset (`<meta charset=...>`) is decoded with the charset it declares.
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)  # these codecs consume the byte-order mark themselves
            except UnicodeDecodeError as error:
                raise UnreadableText(f"not valid {codec.upper()} at byte {error.start}") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UnreadableText(
            f"contains a NUL byte at byte {nul}: binary content, or UTF-16 without a byte-order mark"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        declared = _declared_html_charset(data) if html else None
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError as declared_error:
                raise UnreadableText(
                    f"not valid {declared} (the charset the page declares) at byte {declared_error.start}"
                ) from None
        raise UnreadableText(f"not valid UTF-8 at byte {error.start}") from None


def _declared_html_charset(data: bytes) -> str | None:
    head = data[:HTML_CHARSET_WINDOW]
    match = HTML_CHARSET_PATTERN.search(head) or XML_ENCODING_PATTERN.search(head)
    if not match:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    # A page that declares UTF-8 but is not UTF-8 has no trustworthy declaration to fall back on.
    return None if codec == "utf-8" else codec


def _checked_text(text: str) -> str:
    if not text.strip():
        raise UnreadableText("empty file" if not text else "only whitespace, no text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate, e.g. from a JSON "\\ud800" escape
        raise UnreadableText(f"contains an unpaired surrogate at character {error.start}") from None
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    if controls > BINARY_CONTROL_SHARE * len(text):
        raise UnreadableText(f"looks like binary content: {controls} control characters in {len(text)}")
    return text


def _files_under(directory: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    found: list[Path] = []
    # os.walk without followlinks: a symlink loop cannot make a directory endless.
    for root, dirs, names in os.walk(directory):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(Path(root) / name for name in names
                     if not name.startswith(".") and Path(name).suffix.lower() in suffixes)
    yield from sorted(found)


def files_under(directory: Path, *, suffixes: Iterable[str] = DEFAULT_SUFFIXES) -> list[Path]:
    """The files a directory stands for, as `read_sources` reads them: recursively, sorted, hidden ones skipped."""
    return list(_files_under(directory, tuple(suffix.lower() for suffix in suffixes)))


def read_file(path: Path, *, source: str | None = None, repair: bool = True) -> Iterator[SourceDocument | ReadFailure]:
    """The articles of one .txt, .html or .jsonl file, as `read_sources` reads them; `source` labels them
    (default: the path), so a worker can open an absolute path and still report the path the user gave."""
    yield from _repaired_all(_read_file(path, source=source), repair)


def read_jsonl_range(
    path: Path, *, source: str, start: int, end: int, first_line: int, repair: bool = True,
) -> Iterator[SourceDocument | ReadFailure]:
    """The articles on the lines of a .jsonl file between byte offsets `start` and `end` (both at line
    starts), labelled `source:LINE` with lines counted from `first_line`: one piece of a file too large for
    one process. Never raises for bad input."""
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            data = handle.read(max(0, end - start))
    except OSError as error:
        yield ReadFailure(source, f"cannot read: {error.strerror or error}")
        return
    if start == 0 and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    yield from _repaired_all(_documents_of_lines(data.split(b"\n"), source=source, first_line=first_line), repair)


def _read_file(path: Path, *, source: str | None = None) -> Iterator[SourceDocument | ReadFailure]:
    source = source or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        yield ReadFailure(source, f"cannot read: {error.strerror or error}")
        return
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from _jsonl_documents(data, source=source)
        elif suffix in (".html", ".htm"):
            yield _html_document(data, source=source, name=path.name)
        else:
            yield _text_document(data, source=source, name=path.name)
    except UnreadableText as error:
        yield ReadFailure(source, str(error))


def _text_document(data: bytes, *, source: str, name: str) -> SourceDocument:
    """A plain-text article: the whole file is the text (offsets point into it); its headline line, when it
    has one, is also its title."""
    text = _checked_text(decode_bytes(data))
    return SourceDocument(source=source, id=name, text=text, title=headline_line(text))


def headline_line(text: str) -> str | None:
    """The first non-blank line of a plain-text article when it reads as a headline, else None.

    A headline stands alone above the body, so a file that is one line has none; it is short and does
    not end as a sentence ("." ), a list item (",", ";") or a lead-in (":"); and most of its words have
    letters, so a dateline such as "09:17 GMT 11 March 2025" is not taken for one.
    """
    lines = [line.strip() for line in text.splitlines()]
    filled = [index for index, line in enumerate(lines) if line]
    if len(filled) < 2:
        return None
    first = " ".join(lines[filled[0]].split())
    words = first.split()
    if len(first) > HEADLINE_MAX_CHARS or len(words) < 2 or first.endswith(HEADLINE_REFUSED_ENDINGS):
        return None
    if sum(1 for word in words if any(character.isalpha() for character in word)) * 2 <= len(words):
        return None
    return first


def _html_document(data: bytes, *, source: str, name: str | None = None) -> SourceDocument:
    import trafilatura
    from trafilatura.settings import Document

    html = decode_bytes(data, html=True)
    if not html.strip():
        raise UnreadableText("empty file")
    html = _parseable_html(html)
    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,  # reader comments are not the article
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            favor_precision=True,  # leave out borderline boilerplate: sign-up lines, related links
            date_extraction_params={"extensive_search": False, "original_date": True},
            config=_trafilatura_config(),
        )
    except Exception as error:  # trafilatura and lxml raise many types on malformed markup
        raise UnreadableText(f"HTML could not be parsed: {error}") from None
    # None when trafilatura finds nothing; a dict only with as_dict=True, which is not asked for.
    if not isinstance(extracted, Document):
        raise UnreadableText(_NO_ARTICLE_TEXT)
    lines = [line.strip() for line in (extracted.text or "").split("\n")]
    title = (extracted.title or "").strip() or None
    # The headline is kept as `title`; dropping its copy at the top keeps headline-speak
    # ("Assad vows war") out of quote extraction.
    if lines and title and lines[0] == title:
        lines = lines[1:]
    # One blank line between paragraphs, as in plain-text news files.
    text = "\n\n".join(line for line in lines if line)
    if not text.strip():
        raise UnreadableText(_NO_ARTICLE_TEXT)
    return SourceDocument(
        source=source,
        id=name or source,
        text=_checked_text(text),
        url=(extracted.url or None),
        title=title,
        outlet=(extracted.sitename or extracted.hostname or None),
        author=(extracted.author or None),
        published=_html_published(html, day=extracted.date),
    )


# <template> holds inert markup that is never shown; trafilatura would keep its text.
_TEMPLATE = re.compile(r"<template\b.*?</template\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                            "source", "track", "wbr"})
# libxml2 stops building the tree past 255 nested elements and silently drops the rest, so a
# deeper page loses its article; wrapper elements (which carry no text of their own) are removed
# to bring it back under the limit, and a page nested deeper than this is refused as hostile.
LIBXML_DEPTH = 255
MAX_HTML_DEPTH = 2_000
_WRAPPERS = re.compile(r"</?(?:div|span|section|font|center|main|article)\b[^>]*>", re.IGNORECASE)


def _parseable_html(html: str) -> str:
    html = _TEMPLATE.sub("", html)
    depth = _nesting_depth(html)
    if depth <= LIBXML_DEPTH:
        return html
    if depth > MAX_HTML_DEPTH:
        raise UnreadableText(
            f"HTML nested {depth:,} levels deep (more than {MAX_HTML_DEPTH:,}); refused as hostile markup"
        )
    flattened = _WRAPPERS.sub("", html)
    if _nesting_depth(flattened) > LIBXML_DEPTH:
        raise UnreadableText(f"HTML nested {depth:,} levels deep, too deep to parse even without wrapper elements")
    return flattened


def _nesting_depth(html: str) -> int:
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if name.lower() in _VOID_ELEMENTS or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


@lru_cache(maxsize=1)
def _trafilatura_config() -> ConfigParser:
    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["min_output_size"] = str(HTML_MIN_TEXT_CHARS)
    return config


def _html_published(html: str, *, day: str | None) -> datetime | None:
    """The page's full publication timestamp if a meta tag gives one on trafilatura's day, else that day."""
    day_value = parse_published(day) if day else None
    try:
        from lxml import html as lxml_html  # type: ignore[import-untyped]  # lxml ships no type information

        tree = lxml_html.fromstring(html)
    except Exception:  # the day from trafilatura is still good
        return day_value
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if key in PUBLISHED_META and element.get("content"):
            try:
                stamp = parse_published(element.get("content"))
            except ValueError:
                continue
            if day_value is None or stamp.date() == day_value.date():
                return stamp
    return day_value


def parse_published(value: object) -> datetime:
    """ISO 8601 date or timestamp (or Unix seconds) to an aware datetime; a naive one is taken as UTC."""
    if isinstance(value, bool):
        raise ValueError("a boolean is not a date")
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=UTC)
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 string, got {type(value).__name__}")
    text = value.strip()
    if len(text) == 10:
        parsed = datetime.combine(date.fromisoformat(text), datetime.min.time())
    else:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _jsonl_documents(data: bytes, *, source: str) -> Iterator[SourceDocument | ReadFailure]:
    # A file with a UTF-16/32 byte-order mark is decoded whole; otherwise each line is decoded on its
    # own so one bad line does not cost the others.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        lines: list[bytes | str] = list(decode_bytes(data).split("\n"))
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8):]
        lines = list(data.split(b"\n"))  # "\n" only: JSON strings may hold U+2028, never a raw newline
    if not any((line.strip() if isinstance(line, str) else line.strip()) for line in lines):
        raise UnreadableText("empty file" if not data else "no JSON lines, only whitespace")
    yield from _documents_of_lines(lines, source=source, first_line=1)


def _documents_of_lines(lines: Sequence[bytes | str] | Sequence[bytes], *, source: str, first_line: int
                        ) -> Iterator[SourceDocument | ReadFailure]:
    """The article of each JSON line, labelled `source:LINE`; a bad line is a failure of its own."""
    for number, line in enumerate(lines, start=first_line):
        line_source = f"{source}:{number}"
        try:
            document = _jsonl_line(line, source=line_source, number=number)
        except UnreadableText as error:
            yield ReadFailure(line_source, f"line {number}: {error}")
            continue
        if document is not None:
            yield document


def _jsonl_line(line: bytes | str, *, source: str, number: int) -> SourceDocument | None:
    try:
        text_line = decode_bytes(line) if isinstance(line, bytes) else line
    except UnreadableText as error:
        raise UnreadableText(f"{error} of the line") from None
    if not text_line.strip():
        return None  # blank lines (a trailing newline, spacing) are not articles
    try:
        record = json.loads(text_line)
    except json.JSONDecodeError as error:
        raise UnreadableText(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise UnreadableText(f"expected a JSON object, got {_json_type(record)}")
    if "text" not in record:
        raise UnreadableText('missing "text"')
    text = record["text"]
    if not isinstance(text, str):
        raise UnreadableText(f'"text" must be a string, got {_json_type(text)}')
    if "\x00" in text:
        raise UnreadableText('"text" contains a NUL character')
    if not text.strip():
        raise UnreadableText('"text" is empty')
    try:
        text = _checked_text(text)
    except UnreadableText as error:
        raise UnreadableText(f'"text" {error}') from None
    fields: dict[str, str | None] = {}
    for name in JSONL_TEXT_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise UnreadableText(f'"{name}" must be a string, got {_json_type(value)}')
        if isinstance(value, str) and "\x00" in value:
            # PostgreSQL refuses NUL in text; refuse it here on every backend alike.
            raise UnreadableText(f'"{name}" contains a NUL character')
        fields[name] = value.strip() or None if isinstance(value, str) else None
    published = None
    if record.get("published") not in (None, ""):
        try:
            published = parse_published(record["published"])
        except (ValueError, OverflowError, OSError) as error:
            raise UnreadableText(f'"published" is not an ISO 8601 date or timestamp ({error})') from None
    raw_id = record.get("id")
    return SourceDocument(
        source=source,
        id=str(raw_id) if raw_id not in (None, "") else source,
        text=text,
        published=published,
        **fields,
    )


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}.get(
        type(value), type(value).__name__
    )
