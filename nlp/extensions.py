"""Doc and Span extensions that quotetrail's stages write and read, registered once at import."""
from __future__ import annotations

from spacy.tokens import Doc, Span

# doc.spans keys
STATEMENTS = "quotetrail_statements"  # one span per statement (direct, mixed or indirect speech)
QUOTATIONS = "quotetrail_quotations"  # every pair of quotation marks found, speech or not
MENTIONS = "quotetrail_mentions"  # the words naming each statement's speaker
CUES = "quotetrail_cues"  # the reporting expression of each statement

_DOC_EXTENSIONS = {
    # [(start_char, end_char), ...]: paragraph ranges, trimmed of surrounding whitespace.
    "qt_paragraphs": None,
    # [Quotation, ...] as plain dicts (see nlp/quotes.py): content parts, marks, recovery notes.
    "qt_quotations": None,
    # For every token, the index of the quotation whose content or marks it belongs to, else -1.
    "qt_token_quotes": None,
    # Human-readable notes on what the stages recovered from (stray or unclosed quote marks).
    "qt_notes": None,
    # [{"name", "titles", "aliases", "gender"}]: the people the article names (nlp/resolution/).
    "qt_people": None,
    # {paragraph index: rule id} for page furniture (related-story lists, captions, keyword lines):
    # set by the cue stage (nlp/cues/boilerplate.py); no statement or person comes from these paragraphs.
    "qt_furniture": None,
}

_SPAN_EXTENSIONS = {
    # Statement spans carry exact character offsets: a quote's content often starts or ends inside a
    # token's whitespace or next to a quote mark, so token boundaries are not precise enough.
    "qt_kind": None,  # "direct" | "mixed" | "indirect"
    "qt_content": None,  # (start_char, end_char) of the statement content
    "qt_parts": None,  # [(start_char, end_char)] pieces of the statement
    "qt_verbatim": None,  # [(start_char, end_char)] pieces inside quotation marks
    "qt_cue": None,  # (start_char, end_char) or None
    # a key of nlp.cues.kinds.CUE_KINDS ("verb", "according", "colon", ...), or None (no cue: neighbours decide)
    "qt_cue_kind": None,
    "qt_cue_token": None,  # index of the cue's head token, or None
    "qt_source_token": None,  # head token of the source named by the cue itself ("according to X", "X: …")
    "qt_mention": None,  # (start_char, end_char) or None
    "qt_mention_title": None,
    "qt_attribution": None,  # how the mention was found, e.g. "subject of 'said'"
    "qt_speaker": None,  # canonical resolved name or None
    "qt_speaker_title": None,
    "qt_confidence": None,
    "qt_resolution": None,  # short human-readable reason
    "qt_resolution_rule": None,  # stable id of the resolution rule that decided, e.g. "name.full"
    "qt_speaker_type": None,  # "person" | "organisation" | "group" | "unnamed" | "document" | None (no source)
    "qt_anonymous": False,  # the article says this statement's source is anonymous
}


def register_extensions() -> None:
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()
