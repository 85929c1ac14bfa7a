"""Fixtures shared by every test: the real spaCy pipeline, loaded once per session."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline():
    """The real quotetrail pipeline (spaCy model + our stages), built exactly as the CLI builds it."""
    import nlp

    return nlp.build_pipeline()


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text) -> DocumentRecord, with the session's pipeline."""
    import nlp

    def run(text: str, doc_id: str = "test"):
        return nlp.extract(pipeline, text, doc_id)

    return run
