#!/usr/bin/env python3
"""Check the gold files of evaluation/articles/ (standard library only).

    python evaluation/articles/check_gold.py            # all sets
    python evaluation/articles/check_gold.py dev        # one set
    python evaluation/articles/check_gold.py --samples  # also check the paragraph rule on samples/

For every article `<set>/<name>.txt` there must be `<set>/expected/<name>.json` (and the other way
round), and every quote in it must satisfy:

- exactly the fields text, kind, speaker, speaker_type, anonymous, mention, cue, paragraph (+ parts);
- kind in direct | mixed | indirect; speaker_type in person | organisation | group | unnamed |
  document; anonymous a bool; paragraph an int;
- `text` is an exact substring of the article and one of its occurrences starts in paragraph
  `paragraph` (paragraph rule of samples/README.md: blocks separated by blank lines; a block whose
  every later line starts afresh - capital, digit, quotation mark, dash - is a list, one paragraph a
  line); a direct quote sits between quotation marks, or fills a paragraph after a transcript
  label ("A: ", "MARSH: ");
- `parts` (when present): at least two exact substrings, in order inside `text`, the first a prefix
  and the last a suffix of it;
- `mention` and `cue` (when not null) occur in the article within two paragraphs of the statement;
- `speaker`: person / organisation / group / unnamed -> occurs in the article; document ->
  "document of <owner>" with the owner in the article, or the document as written; null only with a
  null speaker_type or for a statement whose article gives no source;
- statements are listed in the order of the article.

For the identity set, identities.json must give an identity for every quote of every article.
Exit status 1 on any error; each error is printed with file and quote index.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("dev", "heldout", "heldout2", "identity", "dev3", "heldout3", "dev4", "heldout4", "dev5", "heldout5")
FIELDS = {"text", "kind", "speaker", "speaker_type", "anonymous", "mention", "cue", "paragraph"}
OPTIONAL = {"parts"}
KINDS = {"direct", "mixed", "indirect"}
TYPES = {"person", "organisation", "group", "unnamed", "document"}
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a`"
# a transcript or interview label that opens a paragraph: "A: ", "MARSH: ", "SEN. HOLLIS: ",
# "The Tánaiste: " (letters may carry accents), "DANA FORBES, HOST: " (public-radio transcripts)
LABEL = re.compile(r"^\s*[A-Z\u00C0-\u00DE](?:[^\W\d_]|[.,' -]){0,40}:\s*$")
OPENING = re.compile(r"[A-Z0-9\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\-\u2013\u2014]")


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph, by the samples' rule."""
    lines = []  # (start, end) of each line without its newline
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lines.append((pos, pos + len(body)))
        pos += len(line)
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in lines:
        if text[start:end].strip():
            current.append((start, end))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    paragraphs = []
    for block in blocks:
        later = block[1:]
        is_list = bool(later) and all(OPENING.match(text[s:e].lstrip()) for s, e in later)
        if is_list:
            paragraphs.extend(block)
        else:
            paragraphs.append((block[0][0], block[-1][1]))
    return paragraphs


def paragraph_of(ranges: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(ranges):
        if start <= offset <= end:
            return index
    for index, (start, _end) in enumerate(ranges):
        if offset < start:
            return index
    return len(ranges) - 1


def occurrences(haystack: str, needle: str) -> list[int]:
    found, start = [], 0
    while needle:
        at = haystack.find(needle, start)
        if at < 0:
            return found
        found.append(at)
        start = at + 1
    return found


def in_window(article: str, ranges, needle: str, first: int, last: int) -> bool:
    lo = ranges[max(first - 2, 0)][0]
    hi = ranges[min(last + 2, len(ranges) - 1)][1]
    return needle in article[lo:hi]


def check_quote(name: str, index: int, quote: dict, article: str, ranges, errors: list[str],
                previous_start: int) -> int:
    where = f"{name} quote {index}"

    def err(message: str) -> None:
        errors.append(f"{where}: {message}")

    keys = set(quote)
    if not FIELDS <= keys or keys - FIELDS - OPTIONAL:
        err(f"fields {sorted(keys)}; need {sorted(FIELDS)} (+ parts)")
        return previous_start
    text = quote["text"]
    if not isinstance(text, str) or not text:
        err("empty text")
        return previous_start
    if quote["kind"] not in KINDS:
        err(f"kind {quote['kind']!r}")
    if quote["speaker_type"] not in TYPES and not (
            quote["speaker_type"] is None and quote["speaker"] is None):
        err(f"speaker_type {quote['speaker_type']!r}")
    if not isinstance(quote["anonymous"], bool):
        err("anonymous is not a bool")
    if not isinstance(quote["paragraph"], int) or isinstance(quote["paragraph"], bool):
        err("paragraph is not an int")
        return previous_start
    starts = occurrences(article, text)
    if not starts:
        err(f"text not in article: {text[:60]!r}")
        return previous_start
    here = [s for s in starts if paragraph_of(ranges, s) == quote["paragraph"]]
    if not here:
        err(f"text starts in paragraph(s) {sorted({paragraph_of(ranges, s) for s in starts})}, "
            f"gold says {quote['paragraph']}")
        return previous_start
    start = here[0]
    end = start + len(text)
    first, last = quote["paragraph"], paragraph_of(ranges, end)
    if quote["kind"] == "direct":
        line_start = article.rfind("\n", 0, start) + 1
        line_end = article.find("\n", end)
        line_end = len(article) if line_end < 0 else line_end
        labelled = (LABEL.match(article[line_start:start]) is not None
                    and not article[end:line_end].strip())
        if not labelled and (start == 0 or article[start - 1] not in QUOTE_MARKS):
            err("direct quote does not open after a quotation mark or a transcript label")
        if not labelled and (end >= len(article) or article[end] not in QUOTE_MARKS):
            err("direct quote does not close at a quotation mark")
    if quote["kind"] == "mixed" and not any(mark in text for mark in QUOTE_MARKS):
        err("mixed quote without a quoted fragment")
    if text != text.strip():
        err("text has leading or trailing whitespace")
    parts = quote.get("parts")
    if parts is not None:
        if not isinstance(parts, list) or len(parts) < 2 or not all(
                isinstance(p, str) and p for p in parts):
            err("parts must be a list of at least two non-empty strings")
        else:
            if not text.startswith(parts[0]):
                err("first part is not a prefix of text")
            if not text.endswith(parts[-1]):
                err("last part is not a suffix of text")
            cursor = 0
            for part in parts:
                at = text.find(part, cursor)
                if at < 0:
                    err(f"part not in order inside text: {part[:50]!r}")
                    break
                cursor = at + len(part)
    for field in ("mention", "cue"):
        value = quote[field]
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            err(f"{field} is empty")
        elif value not in article:
            err(f"{field} not in article: {value!r}")
        elif not in_window(article, ranges, value, first, last):
            err(f"{field} {value!r} not within two paragraphs of the statement")
    speaker, kind = quote["speaker"], quote["speaker_type"]
    if speaker is not None:
        if not isinstance(speaker, str) or not speaker.strip():
            err("speaker is empty")
        elif kind == "document":
            owner = speaker[len("document of "):] if speaker.startswith("document of ") else speaker
            if owner not in article:
                err(f"document owner / document not in article: {owner!r}")
        elif kind == "person":
            # a person's canonical name is as the article gives it; a family member named by a
            # given name takes the family's surname (see README): every word must be in the article
            if speaker not in article and not all(w in article for w in speaker.split()):
                err(f"person {speaker!r} not in article")
        elif speaker not in article:
            err(f"{kind} {speaker!r} not in article")
    elif quote["mention"] is not None and kind is not None:
        err("speaker null although a mention names a source")
    if quote["anonymous"] and kind == "organisation":
        err("an organisation cannot be an anonymous source")
    if start < previous_start:
        err("statements out of article order")
    return start


def check_set(name: str, errors: list[str], counts: dict) -> list[tuple[str, int]]:
    folder = HERE / name
    keys: list[tuple[str, int]] = []
    articles = sorted(p for p in folder.glob("*.txt"))
    golds = {p.name[:-len(".json")] for p in (folder / "expected").glob("*.json")}
    for missing in sorted(golds - {p.name for p in articles}):
        errors.append(f"{name}/expected/{missing}.json has no article")
    for path in articles:
        label = f"{name}/{path.name}"
        gold_path = folder / "expected" / f"{path.name}.json"
        if not gold_path.exists():
            errors.append(f"{label}: no gold file")
            continue
        with open(path, encoding="utf-8", newline="") as handle:  # keep CR/CRLF: offsets are exact
            article = handle.read()
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("id") != path.name or set(gold) != {"id", "quotes"}:
            errors.append(f"{label}: gold must be {{'id': {path.name!r}, 'quotes': [...]}}")
            continue
        ranges = paragraph_ranges(article)
        previous = -1
        for index, quote in enumerate(gold["quotes"]):
            previous = check_quote(label, index, quote, article, ranges, errors, previous)
            keys.append((path.name, index))
            counts.setdefault(name, {}).setdefault(quote.get("speaker_type"), 0)
            counts[name][quote.get("speaker_type")] += 1
        words = len(article.split())
        counts.setdefault(name + ":articles", []).append((path.name, words, len(gold["quotes"])))
    return keys


def check_identities(keys: list[tuple[str, int]], errors: list[str]) -> None:
    path = HERE / "identity" / "identities.json"
    if not path.exists():
        errors.append("identity/identities.json missing")
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    known = data.get("identities", {})
    seen = set()
    for row in data.get("quotes", []):
        key = (row.get("file"), row.get("index"))
        if key in seen:
            errors.append(f"identities.json: {key} twice")
        seen.add(key)
        if key not in keys:
            errors.append(f"identities.json: {key} is not a gold quote")
        if row.get("identity") not in known:
            errors.append(f"identities.json: {key} has unknown identity {row.get('identity')!r}")
    for key in keys:
        if key not in seen:
            errors.append(f"identities.json: no identity for {key}")


def check_samples_rule(errors: list[str]) -> None:
    """The paragraph rule here must agree with the gold of samples/*.txt (their own format)."""
    samples = HERE.parent.parent / "samples"
    checked = 0
    for path in sorted(samples.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:
            article = handle.read()
        gold = json.loads((samples / "expected" / f"{path.name}.json").read_text(encoding="utf-8"))
        ranges = paragraph_ranges(article)
        for index, quote in enumerate(gold["quotes"]):
            checked += 1
            starts = occurrences(article, quote["text"])
            if not any(paragraph_of(ranges, s) == quote["paragraph"] for s in starts):
                errors.append(f"samples/{path.name} quote {index}: paragraph rule disagrees")
    print(f"samples: paragraph rule checked on {checked} sample statements")


def main(argv: list[str]) -> int:
    errors: list[str] = []
    if "--samples" in argv:
        argv = [a for a in argv if a != "--samples"]
        check_samples_rule(errors)
    wanted = argv or list(SETS)
    counts: dict = {}
    for name in wanted:
        keys = check_set(name, errors, counts)
        if name == "identity":
            check_identities(keys, errors)
    for name in wanted:
        rows = counts.get(name + ":articles", [])
        total = sum(n for _f, _w, n in rows)
        words = [w for _f, w, _n in rows]
        span = f"{min(words)}-{max(words)} words" if words else "no articles"
        by_type = ", ".join(f"{k}: {v}" for k, v in sorted(counts.get(name, {}).items(),
                                                          key=lambda kv: str(kv[0])))
        print(f"{name}: {len(rows)} articles ({span}), {total} statements ({by_type})")
    for error in errors:
        print("ERROR", error)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
