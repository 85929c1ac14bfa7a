"""Highlighting from offsets: every character escaped, crossing and nested spans well-formed, nothing lost."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from app.web.highlight import LAYER_ROLE, LAYER_STATEMENT, LAYER_VERBATIM, Mark, render_marked


def tree(markup) -> LexborHTMLParser:
    return LexborHTMLParser(f"<div id=root>{markup}</div>")


def marked_text(parsed: LexborHTMLParser, selector: str) -> str:
    return "".join(node.text(deep=True) for node in parsed.css(selector))


def test_article_markup_is_escaped_and_shown_as_text():
    text = '<script>alert(1)</script> "<img src=x onerror=alert(2)>" {{ 7*7 }} & &amp;'
    html = render_marked(text, [Mark(start=27, end=56, layer=LAYER_STATEMENT, classes="st")])
    parsed = tree(html)
    assert parsed.css("script") == [] and parsed.css("img") == []
    assert parsed.css("#root")[0].text(deep=True) == text
    assert "{{ 7*7 }}" in parsed.css("#root")[0].text(deep=True)


def test_nested_parts_cue_and_mention_keep_their_own_text():
    text = 'Putin said: "Palmyra is symbolic," he added, "and Aleppo matters."'
    first = (text.index("Palmyra"), text.index(",\" he") + 1)
    second = (text.index("and Aleppo"), text.index('."') + 1)

    def span(word: str) -> tuple[int, int]:
        return text.index(word), text.index(word) + len(word)

    marks = [
        Mark(start=first[0], end=second[1], layer=LAYER_STATEMENT, classes="st", first_attrs=(("id", "q-1"),)),
        Mark(start=first[0], end=first[1], layer=LAYER_VERBATIM, classes="vb"),
        Mark(start=second[0], end=second[1], layer=LAYER_VERBATIM, classes="vb"),
        Mark(*span(" he "), layer=LAYER_ROLE, classes="mention"),  # inside the statement
        Mark(*span("added"), layer=LAYER_ROLE, classes="cue"),
        Mark(*span("Putin"), layer=LAYER_ROLE, classes="mention"),  # outside it
    ]
    parsed = tree(render_marked(text, marks))
    assert parsed.css("#root")[0].text(deep=True) == text
    assert marked_text(parsed, ".st") == text[first[0]:second[1]]
    assert [node.text() for node in parsed.css(".vb")] == [text[slice(*first)], text[slice(*second)]]
    assert [node.text() for node in parsed.css(".mention")] == ["Putin", " he "]
    assert parsed.css(".cue")[0].text() == "added"
    # The verbatim parts and the mention inside the statement are its descendants.
    statement = parsed.css("#q-1")[0]
    assert len(statement.css(".vb")) == 2 and statement.css(".mention")[0].text() == " he "


def test_crossing_spans_are_split_into_fragments_with_one_id():
    text = "aaaa bbbb cccc dddd"
    marks = [
        Mark(start=0, end=9, layer=LAYER_STATEMENT, classes="st one", first_attrs=(("id", "q-1"),)),
        Mark(start=5, end=14, layer=LAYER_STATEMENT, classes="st two", first_attrs=(("id", "q-2"),)),
    ]
    parsed = tree(render_marked(text, marks))
    assert marked_text(parsed, ".one") == "aaaa bbbb"
    assert marked_text(parsed, ".two") == "bbbb cccc"
    assert len(parsed.css("#q-2")) == 1
    assert [node.attributes["class"] for node in parsed.css(".two")] == ["st two", "st two cont"]


def test_paragraphs_split_a_span_that_crosses_them_and_keep_uncovered_text():
    text = "First paragraph here.\n\nSecond one.\n\nStray tail"
    paragraphs = [[0, 21], [23, 34]]  # the tail is in no paragraph but must still be shown
    marks = [Mark(start=6, end=30, layer=LAYER_STATEMENT, classes="st", first_attrs=(("id", "q-9"),))]
    parsed = tree(render_marked(text, marks, paragraphs=paragraphs))
    assert [node.text() for node in parsed.css("p")] == ["First paragraph here.", "Second one.", "Stray tail"]
    assert marked_text(parsed, ".st") == "paragraph here." + "Second "  # the blank lines between are not shown
    assert len(parsed.css("#q-9")) == 1


def test_a_slice_of_the_text_renders_with_absolute_offsets():
    text = "One. Two words here. Three."
    marks = [Mark(start=9, end=19, layer=LAYER_STATEMENT, classes="st"), Mark(start=0, end=3, layer=0, classes="x")]
    parsed = tree(render_marked(text[5:20], marks, offset=5))
    assert parsed.css(".st")[0].text() == "words here"
    assert parsed.css(".x") == []


def test_the_badge_goes_only_into_the_first_fragment():
    from markupsafe import Markup

    text = "abc def ghi"
    marks = [
        Mark(start=0, end=7, layer=LAYER_STATEMENT, classes="st", lead=Markup('<a class="qn" href="#s-1"></a>')),
        Mark(start=4, end=11, layer=LAYER_STATEMENT, classes="other"),
    ]
    parsed = tree(render_marked(text, marks))
    assert len(parsed.css("a.qn")) == 1
    assert parsed.css(".st")[0].css_first("a.qn") is not None


@st.composite
def text_and_marks(draw):
    text = draw(st.text(alphabet=st.sampled_from(list("ab <>&\"'{}\n;=/")), min_size=1, max_size=60))
    count = draw(st.integers(min_value=0, max_value=6))
    marks = []
    for index in range(count):
        start = draw(st.integers(min_value=0, max_value=len(text)))
        end = draw(st.integers(min_value=start, max_value=len(text)))
        layer = draw(st.sampled_from([LAYER_STATEMENT, LAYER_VERBATIM, LAYER_ROLE]))
        marks.append(Mark(start=start, end=end, layer=layer, classes=f"m m{index}", first_attrs=(("id", f"m{index}"),)))
    return text, marks


@settings(max_examples=300, deadline=None)
@given(text_and_marks())
def test_any_spans_render_well_formed_with_every_character_in_place(case):
    text, marks = case
    html = render_marked(text, marks, paragraph_tag="div")
    parsed = tree(html)
    assert parsed.css("script, img, b") == []
    if not text.strip():  # a blank document renders as nothing at all
        assert parsed.css("#root")[0].text(deep=True) == ""
        return
    assert parsed.css("#root")[0].text(deep=True) == text
    for index, mark in enumerate(marks):
        fragments = parsed.css(f".m{index}")
        assert "".join(node.text(deep=True) for node in fragments) == text[mark.start:mark.end]
        assert len(parsed.css(f"#m{index}")) == (1 if mark.end > mark.start else 0)
