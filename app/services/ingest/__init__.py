"""Ingest articles: plan chunks, run one unit of work per chunk on the local or the Ray engine, store each
chunk in one transaction, and record every item's outcome; plus the web's one-document path.

chunks (planning and reading a chunk), unit (the unit of work), local and ray_engine (the two executors),
runs (the run's bookkeeping), documents (storing one article; "add an article"), version (the pipeline
version results are keyed by) and driver (run_ingest).
"""
from app.services.ingest.documents import (
    AddedDocuments,
    AddResult,
    DocumentIngester,
    add_document,
    replace_results,
    store_document,
)
from app.services.ingest.driver import ENGINES, run_ingest
from app.services.ingest.ray_engine import INSTALL_HINT, RayNotInstalled
from app.services.ingest.runs import IngestSummary, ItemOutcome
from app.services.ingest.version import pipeline_version

__all__ = [
    "ENGINES", "INSTALL_HINT", "AddResult", "AddedDocuments", "DocumentIngester", "IngestSummary", "ItemOutcome",
    "RayNotInstalled", "add_document", "pipeline_version", "replace_results", "run_ingest", "store_document",
]
