"""quotetrail's NLP pipeline: article text in, attributed quote records out. No database, no web.

Importing `nlp` (or `nlp.records`, `nlp.vocabulary`) does not import spaCy: the pipeline functions
below are loaded from nlp.pipeline on first use, so the store can read records without the parser.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nlp.records import DocumentRecord, PersonRecord, QuoteRecord

if TYPE_CHECKING:
    from nlp.pipeline import build_pipeline, extract, extract_many, loaded_model_name

__all__ = [
    "build_pipeline", "extract", "extract_many", "loaded_model_name",
    "DocumentRecord", "PersonRecord", "QuoteRecord",
]
_PIPELINE_NAMES = frozenset({"build_pipeline", "extract", "extract_many", "loaded_model_name"})


def __getattr__(name: str) -> Any:
    if name in _PIPELINE_NAMES:
        from nlp import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
