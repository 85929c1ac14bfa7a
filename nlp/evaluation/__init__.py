"""Score quote extraction against gold statements: the project's own samples and the PolNeAR corpus.

`scoring` matches statements and counts; `reporting` prints the table; `samples` and `polnear` read
the gold of each corpus; `runs` runs the pipeline over a corpus and scores it (`quotetrail eval`).
Importing this package does not import spaCy.
"""
from nlp.evaluation.polnear import (
    POLNEAR_NOTES,
    BratAttribution,
    PolnearDocument,
    ResolvedSource,
    is_quoted,
    load_resolved,
    parse_brat,
    polnear_annotation_files,
    polnear_gold,
    read_polnear,
)
from nlp.evaluation.reporting import format_report
from nlp.evaluation.runs import evaluate_polnear, evaluate_samples, predicted_statements, run_pipeline
from nlp.evaluation.samples import (
    GoldError,
    load_expected,
    locate_expected_quote,
    locate_mention,
    paragraph_spans,
    sample_gold,
)
from nlp.evaluation.scoring import (
    KIND_GROUPS,
    OVERLAP_LEVELS,
    QUOTED_KINDS,
    Counts,
    Ratio,
    Report,
    ScoredDocument,
    Span,
    Statement,
    covered_share,
    match_statements,
    merged,
    name_key,
    names_match,
    score,
    spans_overlap,
    trimmed_span,
)

__all__ = [
    "KIND_GROUPS", "OVERLAP_LEVELS", "POLNEAR_NOTES", "QUOTED_KINDS",
    "BratAttribution", "Counts", "GoldError", "PolnearDocument", "Ratio", "Report", "ResolvedSource",
    "ScoredDocument", "Span", "Statement",
    "covered_share", "evaluate_polnear", "evaluate_samples", "format_report", "is_quoted", "load_expected",
    "load_resolved", "locate_expected_quote", "locate_mention", "match_statements", "merged", "name_key",
    "names_match", "paragraph_spans", "parse_brat", "polnear_annotation_files", "polnear_gold",
    "predicted_statements", "read_polnear", "run_pipeline", "sample_gold", "score", "spans_overlap",
    "trimmed_span",
]
