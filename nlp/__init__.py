"""quotetrail's NLP pipeline: article text in, attributed quote records out. No database, no web."""
from nlp.pipeline import build_pipeline, extract, extract_many, loaded_model_name
from nlp.records import DocumentRecord, PersonRecord, QuoteRecord

__all__ = [
    "build_pipeline", "extract", "extract_many", "loaded_model_name",
    "DocumentRecord", "PersonRecord", "QuoteRecord",
]
