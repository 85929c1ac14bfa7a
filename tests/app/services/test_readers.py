"""Reading .txt, .html and .jsonl sources: exact text, clear failures, never an exception for bad input."""
from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.readers import ReadFailure, SourceDocument, count_items, read_sources, read_text_document

SAMPLES = Path(__file__).resolve().parents[3] / "samples"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour board approves dredging | Coastline Courier</title>
<meta property="og:title" content="Harbour board approves dredging">
<meta property="og:site_name" content="Coastline Courier">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2021-05-04T10:15:00+02:00">
<link rel="canonical" href="https://courier.example/harbour-dredging">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="signup">Sign up for our newsletter to get the morning briefing.</div>
<main><article>
<h1>Harbour board approves dredging</h1>
<p>The harbour board voted on Tuesday to dredge the eastern channel, ending two years of argument over silt.</p>
<p>"We could not wait another winter," said the board's chair, Mikael Rauta. "The fishing fleet needs the depth."</p>
<p>Opponents said the work would disturb seagrass beds that shelter young fish, and asked for a survey first.</p>
<p>The contract, worth 4.2 million, goes to a firm from the north coast; work starts in September.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Ferry timetable changes</a></li><li><a href="/b">New lighthouse keeper named</a></li>
<li><a href="/c">Fish prices fall again</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>About time the board did something useful for once!!!</p></div></section>
</main>
<footer><p>Sign up for our newsletter</p><p>© 2021 Coastline Courier</p></footer>
</body></html>
"""


def read_all(*paths, **options) -> list[SourceDocument | ReadFailure]:
    return list(read_sources([str(path) for path in paths], **options))


def only(items):
    assert len(items) == 1, items
    return items[0]


def article(item: SourceDocument | ReadFailure) -> SourceDocument:
    assert isinstance(item, SourceDocument), item
    return item


def reason(item: SourceDocument | ReadFailure) -> str:
    assert isinstance(item, ReadFailure), item
    return item.reason


def test_txt_text_is_kept_exactly_including_crlf_and_non_breaking_spaces(tmp_path):
    text = 'The mayor said:\r\n\r\n"We\u00a0will build it,"\u00a0he said.\r\n'
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    document = only(read_all(tmp_path / "a.txt"))
    assert isinstance(document, SourceDocument)
    assert document.text == text
    assert (document.id, document.source) == ("a.txt", str(tmp_path / "a.txt"))


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + b'"Yes," she said.')
    assert only(read_all(tmp_path / "bom.txt")).text == '"Yes," she said.'


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_byte_order_mark_are_read(tmp_path, codec):
    text = '"Ça ira," dit-elle — “vraiment”.'
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    (tmp_path / "wide.txt").write_bytes(data)
    assert only(read_all(tmp_path / "wide.txt")).text == text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n  ", "only whitespace"),
        ('caf\u00e9 au lait'.encode("latin-1"), "not valid UTF-8 at byte 3"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte at byte 8"),
        ("no BOM".encode("utf-16-le"), "NUL byte"),
        (b"\x01\x02\x03\x04\x05 text with control characters \x06\x07\x08", "binary content"),
    ],
)
def test_unreadable_text_files_fail_with_a_specific_reason(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    failure = only(read_all(tmp_path / "bad.txt"))
    assert isinstance(failure, ReadFailure)
    assert reason in failure.reason
    assert failure.source == str(tmp_path / "bad.txt")


def test_html_main_text_and_metadata_without_boilerplate(tmp_path):
    (tmp_path / "page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    document = only(read_all(tmp_path / "page.html"))
    assert isinstance(document, SourceDocument)
    assert "We could not wait another winter" in document.text
    assert "work starts in September" in document.text
    for boilerplate in ("Sign up", "newsletter", "Related stories", "Ferry timetable", "About time the board",
                        "Home", "© 2021"):
        assert boilerplate not in document.text
    assert document.title == "Harbour board approves dredging"
    assert not document.text.startswith(document.title)  # the headline is metadata, not body text
    assert document.outlet == "Coastline Courier"
    assert document.author == "Jane Reporter"
    assert document.url == "https://courier.example/harbour-dredging"
    assert document.published == datetime(2021, 5, 4, 8, 15, tzinfo=UTC)
    assert document.id == "page.html"
    # Paragraphs are separated by one blank line, as in plain-text articles.
    assert document.text.count("\n\n") == 3


def test_html_in_a_declared_legacy_charset_is_decoded_with_it(tmp_path):
    page = ARTICLE_HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace(
        "ending two years", "ending two years of caf\u00e9 talk and")
    (tmp_path / "legacy.htm").write_bytes(page.encode("cp1252"))
    document = only(read_all(tmp_path / "legacy.htm"))
    assert isinstance(document, SourceDocument)
    assert "caf\u00e9 talk" in document.text


def test_html_with_no_article_text_is_a_failure(tmp_path):
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    failure = only(read_all(tmp_path / "nav.html"))
    assert isinstance(failure, ReadFailure)
    assert "no article text" in failure.reason


def test_jsonl_bad_lines_fail_alone_and_the_rest_are_read(tmp_path):
    lines = [
        json.dumps({"id": 7, "text": '"Fine," he said.', "url": "https://a.example/1", "title": "T",
                    "outlet": "Daily", "author": "A. Writer", "published": "2020-01-02T03:04:05Z"}),
        json.dumps({"text": 5}),
        "{not json",
        "",
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "ok", "published": "last Tuesday"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "dated", "published": "2020-01-02"}),
        json.dumps({"text": "url is a number", "url": 3}),
        json.dumps({"text": "Line separator\u2028inside a string stays one line", "id": None}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path)
    by_source = {item.source.rsplit(":", 1)[1]: item for item in items}
    assert set(by_source) == {"1", "2", "3", "5", "6", "7", "8", "9", "10", "11"}  # blank line 4 is skipped
    first = by_source["1"]
    assert isinstance(first, SourceDocument)
    assert (first.id, first.text, first.url, first.title, first.outlet, first.author) == (
        "7", '"Fine," he said.', "https://a.example/1", "T", "Daily", "A. Writer")
    assert first.published == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert reason(by_source["2"]) == 'line 2: "text" must be a string, got number'
    assert reason(by_source["3"]).startswith("line 3: not valid JSON")
    assert reason(by_source["5"]) == "line 5: expected a JSON object, got array"
    assert reason(by_source["6"]) == 'line 6: missing "text"'
    assert reason(by_source["7"]).startswith('line 7: "published" is not an ISO 8601 date')
    assert reason(by_source["8"]) == 'line 8: "text" is empty'
    assert article(by_source["9"]).published == datetime(2020, 1, 2, tzinfo=UTC)
    assert article(by_source["9"]).id == f"{path}:9"  # no "id": the source stands in
    assert reason(by_source["10"]) == 'line 10: "url" must be a string, got number'
    assert article(by_source["11"]).text == "Line separator\u2028inside a string stays one line"


def test_jsonl_invalid_utf8_costs_only_its_line(tmp_path):
    good = json.dumps({"text": "good"}).encode()
    (tmp_path / "mixed.jsonl").write_bytes(good + b"\n" + b'{"text": "caf\xe9"}\n' + good.replace(b"good", b"also"))
    items = read_all(tmp_path / "mixed.jsonl")
    assert [type(item).__name__ for item in items] == ["SourceDocument", "ReadFailure", "SourceDocument"]
    assert reason(items[1]) == "line 2: not valid UTF-8 at byte 13 of the line"


def test_jsonl_unpaired_surrogate_escape_is_refused(tmp_path):
    (tmp_path / "s.jsonl").write_text('{"text": "broken \\ud800 escape"}\n', encoding="utf-8")
    assert "unpaired surrogate" in only(read_all(tmp_path / "s.jsonl")).reason


def test_directories_are_read_recursively_sorted_and_filtered(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("zed", encoding="utf-8")
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "c.HTML").write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    sources = [item.source for item in read_all(tmp_path)]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "z.txt"), str(tmp_path / "c.HTML")]
    assert [item.source for item in read_all(tmp_path, suffixes=(".txt", ".jsonl"))] == sources[:2]
    assert count_items([tmp_path]) == 3


def test_missing_unsupported_and_empty_directory_paths_are_failures(tmp_path):
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty").mkdir()
    failures = read_all(tmp_path / "nope.txt", tmp_path / "doc.pdf", tmp_path / "empty")
    assert all(isinstance(item, ReadFailure) for item in failures)
    assert [reason(item).split(" ")[0:2] for item in failures] == [["no", "such"], ["unsupported", "file"],
                                                                   ["no", ".txt,"]]


def test_every_sample_article_is_readable():
    items = read_all(SAMPLES)
    assert items and all(isinstance(item, SourceDocument) for item in items), [
        item for item in items if isinstance(item, ReadFailure)]


def test_uploaded_text_and_html_read_like_files():
    pasted = article(read_text_document(data=b'"Hi," he said.', name="pasted text"))
    assert (pasted.text, pasted.id) == ('"Hi," he said.', "pasted text")
    uploaded = article(read_text_document(data=ARTICLE_HTML.encode(), name="upload.html", kind="html",
                                          outlet="Override"))
    assert uploaded.outlet == "Override" and uploaded.title == "Harbour board approves dredging"
    assert isinstance(read_text_document(data=b"\xff\xfe\x00", name="x"), ReadFailure)
    assert isinstance(read_text_document(data=b"x", name="x", kind="pdf"), ReadFailure)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_arbitrary_bytes_never_raise(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in read_sources([path]):
        assert isinstance(item, (SourceDocument, ReadFailure))
        if isinstance(item, SourceDocument):
            assert item.text.strip()
        else:
            assert item.reason


@pytest.mark.parametrize(("text", "title"), [
    ("Harbour dredging to begin in April\n\nThe council voted on Tuesday.\n", "Harbour dredging to begin in April"),
    ("\n\n  Is this the end of the tram?  \r\n\r\nRiders asked on Monday.", "Is this the end of the tram?"),
    ("Marenia raises rates\nBy Tomas Brekke\nThe bank said.", "Marenia raises rates"),
])
def test_a_txt_article_is_titled_by_its_headline_line(tmp_path, text, title):
    path = tmp_path / "story-0042.txt"
    path.write_text(text, encoding="utf-8")
    (document,) = read_sources([path])
    assert isinstance(document, SourceDocument)
    assert document.title == title
    assert (document.id, document.text) == ("story-0042.txt", text)  # the text is untouched, offsets hold


@pytest.mark.parametrize("text", [
    "Only one line, no headline above it",
    "The council voted on Tuesday to dredge the harbour.\n\nIt was close.",  # a lede sentence, not a headline
    "09:17 GMT 11 March 2025\nListen Live\n\nThe standoff over the dam.",  # a timestamp
    "Officials said:\n\n\"We are ready.\"",  # a lead-in
    "x" * 201 + "\n\nBody.",
    "Headline\n\nBody.",  # one word is a label, not a headline
])
def test_a_first_line_that_is_no_headline_leaves_the_title_to_the_file_name(tmp_path, text):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    (document,) = read_sources([path])
    assert isinstance(document, SourceDocument) and document.title is None


def test_a_pasted_text_gets_its_headline_unless_a_title_is_given():
    data = b"Tunnel reopens after floods\n\nThe tunnel reopened on Friday."
    pasted, titled = (read_text_document(data=data, name="pasted text", title=title) for title in (None, "Given"))
    assert isinstance(pasted, SourceDocument) and isinstance(titled, SourceDocument)
    assert (pasted.title, titled.title) == ("Tunnel reopens after floods", "Given")


# --- mojibake: UTF-8 once read as cp1252 is repaired where articles are read ---------------------------

MOJIBAKE_ARTICLE = "Envoy named\n\nâ€œWe will not pay,â€\x9d said Daniel SarukhÃ¡n, the ambassador.\n"
REPAIRED_ARTICLE = "Envoy named\n\n“We will not pay,” said Daniel Sarukhán, the ambassador.\n"


def test_mojibake_is_repaired_in_txt_jsonl_and_html_alike(tmp_path):
    (tmp_path / "a.txt").write_text(MOJIBAKE_ARTICLE, encoding="utf-8")
    line = {"id": "j1", "text": MOJIBAKE_ARTICLE, "title": "FranÃ§ois speaks"}
    (tmp_path / "b.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    page = ARTICLE_HTML.replace("Harbour board approves dredging", "Harbour board approves SarukhÃ¡n plan")
    (tmp_path / "c.html").write_text(page, encoding="utf-8")
    text_file, jsonl_line, html_page = (article(item) for item in read_all(tmp_path))
    assert text_file.text == jsonl_line.text == REPAIRED_ARTICLE
    assert text_file.title == "Envoy named" and jsonl_line.title == "François speaks"
    assert html_page.title == "Harbour board approves Sarukhán plan"
    assert "Ã" not in html_page.text


def test_repair_off_keeps_the_text_exactly_as_decoded(tmp_path):
    (tmp_path / "a.txt").write_text(MOJIBAKE_ARTICLE, encoding="utf-8")
    assert article(only(read_all(tmp_path / "a.txt", repair=False))).text == MOJIBAKE_ARTICLE
    pasted = article(read_text_document(data=MOJIBAKE_ARTICLE.encode(), name="pasted", repair=False))
    assert pasted.text == MOJIBAKE_ARTICLE
    assert article(read_text_document(data=MOJIBAKE_ARTICLE.encode(), name="pasted")).text == REPAIRED_ARTICLE


def test_correct_text_in_many_languages_is_read_unchanged(tmp_path):
    text = ("São Paulo, ÎN ROMÂNIA, “Ã” is a letter, Łódź, 東京, 😀, «Très bien», IRMÃ” — and so on.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert article(only(read_all(tmp_path / "a.txt"))).text == text
