"""`quotetrail extract`: read .txt/.jsonl files, run the pipeline, print one JSON line per document."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from app.services.readers import NothingToRead, ReadFailure, path_problems, read_sources

EXTRACT_SUFFIXES = (".txt", ".jsonl")


def run_extract(
    paths: Iterable[str],
    *,
    out: TextIO,
    err: TextIO,
    model: str,
    workers: int = 1,
    batch_size: int = 32,
    repair_encoding: bool = True,
) -> int:
    """Print the quotes of every document under `paths` (`-` is standard input); return how many inputs failed.

    Paths that cannot give an article (missing, empty directories, other file types) are reported
    before the pipeline loads, and NothingToRead is raised if no path is left. Unreadable items are
    reported on `err` as they are met and never stop the others; the documents still come out in
    input order. The pipeline's ModelNotFound passes through. Offsets point into the text as read:
    mojibake repaired unless `repair_encoding` is False.
    """
    import nlp

    paths = list(paths)
    problems = path_problems(paths, suffixes=EXTRACT_SUFFIXES)
    if len(problems) == len(paths):
        raise NothingToRead(problems)
    for problem in problems:
        err.write(f"quotetrail: skipped {problem.source}: {problem.reason}\n")
    refused = {problem.source for problem in problems}
    paths = [path for path in paths if str(Path(path)) not in refused]
    failures = len(problems)
    pipeline = nlp.build_pipeline(model)
    err.write(f"quotetrail: using spaCy pipeline {nlp.loaded_model_name(pipeline)}\n")

    def documents():
        nonlocal failures
        for item in read_sources(paths, suffixes=EXTRACT_SUFFIXES, repair=repair_encoding):
            if isinstance(item, ReadFailure):
                failures += 1
                err.write(f"quotetrail: skipped {item.source}: {item.reason}\n")
                err.flush()
                continue
            yield item

    for record in nlp.extract_many(pipeline, ((doc.id, doc.text) for doc in documents()),
                                   batch_size=batch_size, workers=workers):
        out.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        out.flush()
    return failures

