"""nlp/extensions.py: every quotetrail_ extension registered once, with a qt_ prefix, and registering is idempotent."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from nlp import extensions


def test_every_extension_is_registered_with_the_project_prefix():
    extensions.register_extensions()
    extensions.register_extensions()  # a second call changes nothing
    for name in extensions._DOC_EXTENSIONS:
        assert name.startswith("qt_") and Doc.has_extension(name)
    for name in extensions._SPAN_EXTENSIONS:
        assert name.startswith("qt_") and Span.has_extension(name)


def test_span_group_keys_carry_the_project_prefix():
    keys = {extensions.STATEMENTS, extensions.QUOTATIONS, extensions.MENTIONS, extensions.CUES}
    assert len(keys) == 4 and all(key.startswith("quotetrail_") for key in keys)
